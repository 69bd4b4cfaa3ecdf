"""Shared fixtures and the loader for data-driven case files."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

CASES = Path(__file__).parent / "cases"


def load_cases(name: str) -> list[dict]:
    """The cases of tests/cases/NAME (a YAML list)."""
    with open(CASES / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def case_id(case: dict) -> str:
    """A short, -k friendly id for a case."""
    text = case.get("condition") or case.get("name") or "case"
    return str(text).replace("\n", " ")[:60]


ROOT = Path(__file__).resolve().parent.parent


def _interpreter(condition, data, **options):
    from condition_engine import evaluate

    return evaluate(condition, data, **options)


def _compiler(condition, data, **options):
    from condition_engine import compile

    return compile(condition, **options)(data)


@pytest.fixture(params=[_interpreter, _compiler], ids=["interpreter", "compiler"])
def engine(request):
    """Each engine as ``engine(condition, data, **options) -> bool``."""
    return request.param


# Rule-file fixtures are data for the tests, not a rule pack for the pytest plugin to collect.
collect_ignore_glob = ["cases/*"]


@pytest.fixture(autouse=True)
def no_sigma_cache(monkeypatch):
    """Tests do not read or write the user's cache of converted Sigma rules."""
    monkeypatch.setenv("CONDITION_ENGINE_CACHE", "off")


from hypothesis import settings as _hypothesis_settings  # noqa: E402

# Wall-clock deadlines make property tests flaky on a shared 2-core machine (Spark's JVM runs beside
# them); the properties, not the timing, are what these tests check.
_hypothesis_settings.register_profile("condition_engine", deadline=None)
_hypothesis_settings.load_profile("condition_engine")


#: SigmaHQ's Windows rules (Detection Rule License 1.1), read from the shared folder beside the project.
SIGMAHQ_WINDOWS = ROOT.parent / "shared" / "sigma" / "rules" / "windows"


@pytest.fixture(scope="session")
def sigmahq_windows_rules():
    """Every enabled SigmaHQ Windows rule, loaded once per session (skipped without the shared folder)."""
    if not SIGMAHQ_WINDOWS.is_dir():
        pytest.skip("SigmaHQ's rules are read from the shared folder beside the project")
    pytest.importorskip("sigma", reason="the sigma extra is installed by .ci/run")
    import os

    from condition_engine import load_rules

    cache, os.environ["CONDITION_ENGINE_CACHE"] = os.environ.get("CONDITION_ENGINE_CACHE"), "off"
    try:
        return [rule for rule in load_rules(SIGMAHQ_WINDOWS, bundled=False) if rule.enabled]
    finally:
        if cache is None:
            del os.environ["CONDITION_ENGINE_CACHE"]
        else:
            os.environ["CONDITION_ENGINE_CACHE"] = cache
