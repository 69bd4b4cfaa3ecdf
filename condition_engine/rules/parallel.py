"""Converting many Sigma files on every core: a process pool fills the Sigma cache, then the pack loads from it.

Converting a Sigma rule (pySigma) and parsing its condition take milliseconds; thousands of rules take
seconds of one core.  When more than :data:`PARALLEL_FILES` files hold Sigma documents the cache does not
know, worker processes load them first, in chunks — each storing its rules' cache entries — and the
pack is then loaded in this process, in order, from the cache: the same rules and problems, in the same
order, as loading them here one by one.  Anything going wrong in a worker only costs the speed-up.  Workers
are forked, so a process running other threads (or a platform without ``fork``) loads on one core.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

#: Fewer uncached Sigma files than this are converted in this process (a pool costs a fraction of a second).
PARALLEL_FILES = 200
#: Files read to estimate how many are not in the cache, spread over the list.
_SAMPLE = 100


def uncached_sigma_files(files: list[Path]) -> list[Path]:
    """The files holding a Sigma document the cache has no entry for.

    >>> uncached_sigma_files([Path("no-such-file.yml")])
    []
    """
    from ..sigma import cache
    from .loader import yaml_documents

    out = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if "detection" in text and "logsource" in text and any(
                "detection" in document and "logsource" in document and not cache.known(document)
                for document in yaml_documents(text)):
            out.append(path)
    return out


def convert_in_parallel(files: list[Path], workers: int | None = None,
                        progress: Callable[[int, int], None] | None = None) -> bool:
    """Fill the Sigma cache for ``files`` on ``workers`` processes (default: every core) when more than
    :data:`PARALLEL_FILES` of them are not in it; whether a pool ran.  ``progress(done, len(files))`` is
    called as chunks finish.

    >>> convert_in_parallel([Path("a.yml")], workers=1)
    False
    """
    from ..sigma import cache

    workers = (os.cpu_count() or 1) if workers is None else workers
    context = _fork()
    if workers <= 1 or len(files) <= PARALLEL_FILES or context is None or not cache.writable():
        return False
    step = max(1, len(files) // _SAMPLE)  # a warm cache is told by a sample (reading every file costs ~20 % of a load)
    if len(uncached_sigma_files(files[::step])) * step <= PARALLEL_FILES:
        return False
    todo = uncached_sigma_files(files)
    if len(todo) <= PARALLEL_FILES:
        return False
    try:  # imported once here, shared by forked workers
        import sigma.rule  # noqa: F401

        from ..sigma import convert  # noqa: F401
    except ImportError:
        return False
    chunk = max(1, len(todo) // (workers * 8))
    chunks = [todo[start:start + chunk] for start in range(0, len(todo), chunk)]
    done = len(files) - len(todo)
    try:
        with ProcessPoolExecutor(max_workers=min(workers, len(chunks)), mp_context=context) as pool:
            for finished in pool.map(_load_files, chunks):
                done += finished
                if progress is not None:
                    progress(done, len(files))
    except Exception:  # noqa: BLE001 - a broken pool: the files are loaded here instead, as without one
        return False
    return True


def _fork() -> multiprocessing.context.BaseContext | None:
    """Forked workers (the imports shared), when this process runs one thread: forking a threaded process
    may deadlock, and a fresh interpreter would run the caller's main module again; else None (no pool)."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return None


def _load_files(paths: list[Path]) -> int:
    """Load files for their cache entries (in a worker); how many."""
    from .loader import load_file

    for path in paths:
        load_file(path, [], [], [], [])
    return len(paths)
