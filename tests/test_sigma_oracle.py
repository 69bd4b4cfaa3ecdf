"""An independent oracle: pySigma's SQLite backend must give our answer for every (rule, event) pair.

One ``logs`` table with a ``TEXT COLLATE NOCASE`` column per field, booleans as 'true'/'false', and a
registered ``regexp``.  The events avoid the backend's documented differences from Sigma semantics:
non-ASCII case folding, text ordering of numbers (ports here all have four digits), cidr on non-IP
text, 1 versus true, and arrays.
"""
from __future__ import annotations

import json
import re
import sqlite3

import pytest

import condition_engine as ce
from conftest import CASES

pytest.importorskip("sigma.backends.sqlite", reason="pysigma-backend-sqlite is installed by .ci/run")
from sigma.backends.sqlite import sqliteBackend  # noqa: E402
from sigma.collection import SigmaCollection  # noqa: E402

SIGMA = CASES / "sigma"
EVENTS = [json.loads(line) for line in (SIGMA / "oracle_events.jsonl").read_text().splitlines()]
RULES = sorted((SIGMA / "rules").glob("*.yml"))


def _database() -> sqlite3.Connection:
    fields = sorted({key for event in EVENTS for key in event})
    con = sqlite3.connect(":memory:")
    con.create_function("regexp", 2, lambda pattern, value: value is not None and re.search(pattern, value) is not None)
    con.execute(f"CREATE TABLE logs (row_id INTEGER, {', '.join(f'{f} TEXT COLLATE NOCASE' for f in fields)})")
    for number, event in enumerate(EVENTS):
        values = [("true" if v else "false") if isinstance(v, bool) else v for v in (event.get(f) for f in fields)]
        con.execute(f"INSERT INTO logs VALUES (?, {', '.join('?' * len(fields))})", [number] + values)
    return con


@pytest.mark.parametrize("path", RULES, ids=lambda p: p.stem)
def test_sqlite_backend_agrees_with_evaluate(path):
    (query,) = sqliteBackend().convert(SigmaCollection.load_ruleset([str(path)]))
    con = _database()
    oracle = {row[0] for row in con.execute(query.replace("SELECT *", "SELECT row_id", 1))}
    rule = ce.load_rules(path, bundled=False)
    assert not rule.errors and len(rule) == 1
    ours = {number for number, event in enumerate(EVENTS) if ce.evaluate(rule.rules[0].condition, event)}
    assert ours == oracle, (query, sorted(ours ^ oracle))
    assert ours, "every rule matches some event"
    assert len(ours) < len(EVENTS)
