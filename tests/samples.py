"""Files the tests read but the repository does not hold, fetched once from a package registry.

A Windows event log (.evtx) is binary and written by Windows; the parser package we read it with ships a
small real one in its source distribution on PyPI. The site's accessibility check is axe-core, published
on npm. Each is downloaded (pinned by hash) into a cache the first time a test needs it.
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


def fetched(url: str, sha256: str, member: str, name: str) -> Path:
    """``member`` of the tar archive at ``url`` (checked against ``sha256``), cached as ``name``."""
    target = cache_dir() / name
    if target.exists():
        return target
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            data = response.read()
    except OSError as error:
        pytest.fail(f"cannot fetch {name} from {url} ({error}); these tests need the package registry")
    assert hashlib.sha256(data).hexdigest() == sha256, f"{url} changed"
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        content = archive.extractfile(member).read()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    partial.write_bytes(content)
    partial.replace(target)
    return target


def security_evtx() -> Path:
    """A real Security event log of 7 records (EventIDs 5152, 4611, 4776, 4625, 5152, 5157, 4673)."""
    return fetched(EVTX_SDIST, EVTX_SHA256, EVTX_MEMBER, "Security_short_selected.evtx")


AXE_TARBALL = "https://registry.npmjs.org/axe-core/-/axe-core-4.10.3.tgz"
AXE_SHA256 = "0f2b4d7dcdf7d1219df8d1959ad68e565f51d14c3f0d88bb71cd59abeb956292"


def axe_core() -> Path:
    """axe-core 4.10.3 (MPL-2.0), the accessibility checker the site tests run in the browser, from npm."""
    return fetched(AXE_TARBALL, AXE_SHA256, "package/axe.min.js", "axe-core-4.10.3.min.js")
