"""An independent oracle: pySigma's SQLite backend must give our answer for every (rule, event) pair.

One ``logs`` table with a ``TEXT COLLATE NOCASE`` column per field, booleans as 'true'/'false', and a
registered ``regexp`` (tests/sqlite_oracle.py).  The events avoid the backend's documented differences from
Sigma semantics: non-ASCII case folding, text ordering of numbers (ports here all have four digits), cidr on
non-IP text, 1 versus true, and arrays.
"""
from __future__ import annotations

import gzip
import json

import pytest
from conftest import CASES, ROOT

import condition_engine as ce
from condition_engine.scan.logsources import LogsourceMap

pytest.importorskip("sigma.backends.sqlite", reason="pysigma-backend-sqlite is installed by .ci/run")
from sigma.backends.sqlite import sqliteBackend  # noqa: E402
from sigma.collection import SigmaCollection  # noqa: E402
from sqlite_oracle import database, rule_queries, selected  # noqa: E402

SIGMA = CASES / "sigma"
EVENTS = [json.loads(line) for line in (SIGMA / "oracle_events.jsonl").read_text().splitlines()]
RULES = sorted((SIGMA / "rules").glob("*.yml"))


@pytest.mark.parametrize("path", RULES, ids=lambda p: p.stem)
def test_sqlite_backend_agrees_with_evaluate(path):
    (query,) = sqliteBackend().convert(SigmaCollection.load_ruleset([str(path)]))
    oracle = selected(database(EVENTS), query)
    rule = ce.load_rules(path, bundled=False)
    assert not rule.errors and len(rule) == 1
    ours = {number for number, event in enumerate(EVENTS) if ce.evaluate(rule.rules[0].condition, event)}
    assert ours == oracle, (query, sorted(ours ^ oracle))
    assert ours, "every rule matches some event"
    assert len(ours) < len(EVENTS)


SIGMAHQ = ROOT.parent / "shared" / "sigma" / "rules"  # SigmaHQ's rules (DRL 1.1), beside the project
CLOUD = ["cloud/aws", "identity/okta"]  # the logsources the bundled pack has record types for (aws, okta)
EXAMPLES = ROOT / "examples"


def _dotted(value, prefix: str = "") -> dict:
    """A record as the backend's columns name its fields: nested objects' keys joined with dots (a list as its
    JSON text: the backend has no lists, and the rules that pass here test none)."""
    if isinstance(value, list):
        return {prefix: json.dumps(value)}
    if not isinstance(value, dict):
        return {prefix: value}
    out = {}
    for key, item in value.items():
        out.update(_dotted(item, f"{prefix}.{key}" if prefix else key))
    return out


def _example_records() -> list[tuple[str, int, dict]]:
    out = []
    for path in sorted(EXAMPLES.glob("*.jsonl*")):
        lines = (gzip.open if path.suffix == ".gz" else open)(path, "rt", encoding="utf-8").read().splitlines()
        out.extend((str(path.relative_to(ROOT)), number, json.loads(line)) for number, line in enumerate(lines, 1))
    return out


def test_sigmahq_cloud_rules_run_with_the_pack_over_examples_as_the_sqlite_backend_finds(monkeypatch):
    """One scan of examples/ with the bundled pack and SigmaHQ's cloud rules: the Sigma rules find, on the
    record types their logsources map to, what the backend's queries select from the same records."""
    monkeypatch.chdir(ROOT)
    sigma_rules = [rule for folder in CLOUD for rule in ce.load_rules(SIGMAHQ / folder, bundled=False)]
    bundled = [rule for rule in ce.load_rules() if rule.enabled]
    result = ce.scan_files("examples", bundled + sigma_rules)
    sigma_ids = {rule.id for rule in sigma_rules}
    ours = {(f["rule_id"], f["file"], f["line"]) for f in result.findings if f["rule_id"] in sigma_ids}
    assert {f["rule_id"] for f in result.findings} - sigma_ids, "the pack's own rules ran in the same scan"

    sources = LogsourceMap.load().sources
    records = _example_records()
    paths = sorted(p for folder in CLOUD for p in (SIGMAHQ / folder).rglob("*.yml"))
    queries = rule_queries(paths)
    oracle = set()
    for log_type in {t for types in sources.values() for t in types}:
        rows = [(file, number, record) for file, number, record in records if record.get("p_log_type") == log_type]
        con = database([_dotted(record) for _, _, record in rows])
        for rule in sigma_rules:
            if log_type in sources.get(rule.types[0], ()) and rule.id in queries:
                oracle |= {(rule.id, rows[i][0], rows[i][1]) for i in selected(con, queries[rule.id])}
    assert ours == {pair for pair in ours if pair[0] in queries} == oracle, sorted(ours ^ oracle)
    assert len({rule_id for rule_id, _, _ in ours}) >= 5 and len(queries) > 50
