"""Loading a large Sigma pack: anchors from the cache, conditions built when first needed, cold loads on every core."""
from __future__ import annotations

import json
import sys

import pytest
from conftest import CASES, ROOT

import condition_engine as ce
from condition_engine.analysis.anchors import anchor_groups
from condition_engine.rules import parallel
from condition_engine.rules.loader import rule_files
from condition_engine.rules.pack import Deferred
from condition_engine.scan import ScanOptions, scan
from condition_engine.scan.logsources import LogsourceMap
from condition_engine.scan.router import Router

pytest.importorskip("sigma", reason="the sigma extra is installed by .ci/run")

SIGMAHQ = ROOT.parent / "shared" / "sigma" / "rules" / "windows"  # SigmaHQ's rules (DRL 1.1), beside the project
needs_sigmahq = pytest.mark.skipif(not SIGMAHQ.is_dir(),
                                   reason="SigmaHQ's rules are read from the shared folder beside the project")


def _unbuilt(rule) -> bool:
    return type(rule.__dict__["condition"]) is Deferred


def _rules(pack) -> list[tuple]:
    return [(rule.id, rule.path, rule.model, rule.condition) for rule in pack]


@pytest.fixture(scope="module")
def packs(tmp_path_factory):
    """SigmaHQ's Windows rules loaded cold (every core filling an empty cache), then warm from that cache."""
    if not SIGMAHQ.is_dir():
        pytest.skip("SigmaHQ's rules are read from the shared folder beside the project")
    cache = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CONDITION_ENGINE_CACHE", str(cache))
        cold = ce.load_rules(SIGMAHQ, bundled=False)
        warm = ce.load_rules(SIGMAHQ, bundled=False)
    return cold, warm, cache


@needs_sigmahq
def test_cached_anchor_groups_equal_the_ones_computed_from_the_condition(packs):
    cold, warm, _ = packs
    assert len(warm) == len(cold) > 2000 and all(_unbuilt(rule) for rule in warm)
    assert all(rule.__dict__["condition"].groups is not None for rule in warm)
    cached = [rule.anchor_groups for rule in warm]
    assert all(_unbuilt(rule) for rule in warm)  # read without building a condition
    assert cached == [anchor_groups(rule.condition) for rule in warm] == [rule.anchor_groups for rule in cold]
    assert sum(1 for groups in cached if groups) > 0.9 * len(cached)


@needs_sigmahq
def test_a_scan_from_a_warm_cache_finds_what_the_cold_pack_finds(packs, tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from windows_events import events

    cold, warm, _ = packs
    data = tmp_path / "events.jsonl"
    data.write_text("".join(json.dumps(event) + "\n" for event in events(2000, seed=5)))
    found: tuple[list, list] = ([], [])
    for pack, out in zip((cold, warm), found):
        scan([str(data)], list(pack), out.append, ScanOptions(logsources=LogsourceMap.load()))
    assert found[0] == found[1] and len(found[0]) > 100


@needs_sigmahq
def test_a_rule_is_built_only_when_it_is_a_candidate(packs, monkeypatch):
    """One process-creation record: only the rules whose anchor texts it holds (and anchorless ones) are built."""
    monkeypatch.setenv("CONDITION_ENGINE_CACHE", str(packs[2]))
    pack = ce.load_rules(SIGMAHQ, bundled=False)  # warm: every condition unbuilt
    kind = "Sigma.windows.process_creation"
    record = {"Image": "C:\\Windows\\System32\\whoami.exe", "CommandLine": "whoami /priv", "User": "x"}
    route = Router(list(pack)).route(kind)
    assert route is not None
    function, rules = route
    hits = {rules[index].id for index in function(record)}
    built = [rule for rule in pack if not _unbuilt(rule)]
    assert len(rules) > 500 and hits and 0 < len(built) < len(rules) / 10
    for rule in built:
        assert kind in rule.types
        assert all(any(text in str(record.get(keys[0], "")).casefold() for keys, text in group)
                   for group in rule.anchor_groups), rule.id
    assert hits == {rule.id for rule in rules if ce.evaluate(rule.condition, record)}


def _in_a_fresh_process(case: str, tmp_path) -> None:
    """Run ``case(tmp_path)`` of this module in a new interpreter: the pool forks only a process running one
    thread, and the test session runs others (Spark's, DuckDB's), so a pool is tested where one may start."""
    import subprocess

    script = (f"import sys; sys.path.insert(0, {str(ROOT / 'tests')!r}); import pathlib, pytest, test_sigma_load\n"
              f"with pytest.MonkeyPatch.context() as patch:\n"
              f"    test_sigma_load.{case}(pathlib.Path({str(tmp_path)!r}), patch)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_cold_load_on_several_processes_equals_one_process(tmp_path):
    """The pool only fills the cache: the same rules, conditions and problems, in the same order."""
    _in_a_fresh_process("_cold_load_compared", tmp_path)


def _pools_recorded(monkeypatch) -> list[bool]:
    """Whether each call of the loader's pool ran one, in order (the pool itself unchanged)."""
    monkeypatch.setattr(parallel, "PARALLEL_FILES", 3)
    pooled: list[bool] = []
    real = parallel.convert_in_parallel
    monkeypatch.setattr("condition_engine.rules.loader.convert_in_parallel",
                        lambda *args: pooled.append(real(*args)) or pooled[-1])
    return pooled


def _cold_load_compared(tmp_path, monkeypatch) -> None:
    pooled = _pools_recorded(monkeypatch)
    paths = [CASES / "sigma" / name for name in ("rules", "skipped", "invalid", "filters")]
    if SIGMAHQ.is_dir():
        paths += sorted(SIGMAHQ.rglob("*.yml"))[:30]
    monkeypatch.setenv("CONDITION_ENGINE_CACHE", str(tmp_path / "one"))
    one = ce.load_rules(*paths, bundled=False, workers=1)
    monkeypatch.setenv("CONDITION_ENGINE_CACHE", str(tmp_path / "several"))
    progress: list[tuple[int, int]] = []
    several = ce.load_rules(*paths, bundled=False, workers=2, progress=lambda *done: progress.append(done))
    assert pooled == [False, True]
    assert _rules(several) == _rules(one) and several.problems == one.problems
    assert len(one.problems) > 3 and any(rule.model.ExclusionNames for rule in one)
    assert progress[-1][0] == progress[-1][1] == len(rule_files(paths))
    monkeypatch.setenv("CONDITION_ENGINE_CACHE", "off")
    uncached = ce.load_rules(*paths, bundled=False, workers=2)
    assert pooled[-1] is False and _rules(uncached) == _rules(one) and uncached.problems == one.problems


def test_few_uncached_files_are_converted_in_this_process(tmp_path, monkeypatch):
    monkeypatch.setenv("CONDITION_ENGINE_CACHE", str(tmp_path / "cache"))
    files = sorted((CASES / "sigma" / "rules").glob("*.yml"))
    assert len(parallel.uncached_sigma_files(files)) == len(files)
    assert parallel.convert_in_parallel(files, workers=2) is False  # not more than PARALLEL_FILES
    ce.load_rules(*files, bundled=False)
    assert parallel.uncached_sigma_files(files) == []


def test_the_command_line_loading_bar_runs_no_thread_so_the_pool_may_fork(tmp_path):
    _in_a_fresh_process("_loading_bar_with", tmp_path)


def _loading_bar_with(tmp_path, monkeypatch) -> None:
    import threading

    from condition_engine.cli import scan_command

    monkeypatch.setattr(scan_command.sys.stderr, "isatty", lambda: True, raising=False)
    pooled = _pools_recorded(monkeypatch)
    monkeypatch.setenv("CONDITION_ENGINE_CACHE", str(tmp_path / "cache"))
    threads = threading.active_count()
    loading = scan_command._loading(quiet=False)
    with loading as progress:
        assert threading.active_count() == threads
        pack = ce.load_rules(CASES / "sigma" / "rules", bundled=False, workers=2, progress=progress)
        task = loading.bar.tasks[0]
    assert pooled == [True] and len(pack) > 3 and task.completed == task.total == len(rule_files([CASES / "sigma" / "rules"]))
