"""Alerts in SQL: which findings make which alert, computed by DuckDB with window functions.

The findings of each alert rule (time in microseconds, order of arrival, key, source rule, value) are a table.
Per rule and key, window functions number the findings in time order (``i``) and give each ``lo`` — the first
finding less than a window before it — and ``hi`` — the last less than a window after it — and ``need``: the
latest index a match ending at ``i`` can start from (the ``N``-th latest finding for a count, the earliest of
the named rules' latest findings for ``temporal``, the first step of the latest ordered run for
``temporal_ordered``, the ``N``-th latest distinct value for ``value_count``).  ``need`` never decreases, so a
key's alerts follow one recursive step each: once the findings up to ``spent`` are used, the next alert is raised
at the first ``i`` with ``need ≥ lo`` and ``need > spent``, and holds the findings from ``max(spent + 1, lo)``
to that one's ``hi``.  Counts bounded above (``lte``, ``lt``, ``eq``) are windows from a key's first unspent
finding, one after another, judged whole.  This is :mod:`condition_engine.alerts.engine`'s semantics; the two
are tested equal.
"""
from __future__ import annotations

import csv
import json
import os
import tempfile
from typing import Any

from ..alerts.engine import Alerter, alert
from ..alerts.model import COMPARISONS, AlertRule

MICRO = 1_000_000


def _text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _bounds(number: int, window: int) -> str:
    """The findings of rule ``number``: key, index in time order, ``lo``, ``hi``, source and value."""
    return f"""SELECT *,
        min(i) OVER (PARTITION BY k ORDER BY t RANGE BETWEEN {window - 1} PRECEDING AND CURRENT ROW) AS lo,
        max(i) OVER (PARTITION BY k ORDER BY t RANGE BETWEEN CURRENT ROW AND {window - 1} FOLLOWING) AS hi
      FROM (SELECT k, t, src, val, row_number() OVER (PARTITION BY k ORDER BY t, ord) AS i FROM ev WHERE r = {number})"""


def _last(source: str, upto: str = "CURRENT ROW") -> str:
    return (f"max(CASE WHEN src = {_text(source)} THEN i END) OVER "
            f"(PARTITION BY k ORDER BY i ROWS BETWEEN UNBOUNDED PRECEDING AND {upto})")


def _need(rule: AlertRule) -> str:
    """(k, i, need) for every finding of the rule, over ``b``."""
    if rule.kind in ("threshold", "event_count"):
        return f"SELECT k, i, i - {rule.at_least - 1} AS need FROM b"
    if rule.kind == "temporal":  # least() skips NULLs: a rule not seen yet must make need NULL
        names = [f"last_{n}" for n in range(len(dict.fromkeys(rule.sources)))]
        lasts = ", ".join(f"{_last(s)} AS {name}" for s, name in zip(dict.fromkeys(rule.sources), names))
        missing = " OR ".join(f"{name} IS NULL" for name in names)
        return (f"SELECT k, i, CASE WHEN {missing} THEN NULL ELSE least({', '.join(names)}) END AS need "
                f"FROM (SELECT k, i, {lasts} FROM b)")
    if rule.kind == "value_count" and rule.lower_bound == 0:  # any finding, even one without the field
        return "SELECT k, i, i AS need FROM b"
    if rule.kind == "value_count":
        return f"""SELECT k, i, last AS need FROM (
            SELECT k, i, last, row_number() OVER (PARTITION BY k, i ORDER BY last DESC) AS rank FROM (
              SELECT x.k, x.i, y.val, max(y.i) AS last FROM b x JOIN b y
              ON y.k = x.k AND y.i BETWEEN x.lo AND x.i AND y.val IS NOT NULL GROUP BY x.k, x.i, y.val))
          WHERE rank = {rule.lower_bound}"""
    # temporal_ordered: the latest last step, then the latest of each step before the one after it
    steps = list(rule.sources)
    columns = ", ".join(f"{_last(s, '1 PRECEDING')} AS before_{n}" for n, s in enumerate(steps))
    query = f"SELECT k, i, {_last(steps[-1])} AS p FROM b"
    for n in range(len(steps) - 2, -1, -1):
        query = (f"SELECT x.k, x.i, y.before_{n} AS p FROM ({query}) x "
                 f"LEFT JOIN (SELECT k, i, {columns} FROM b) y ON y.k = x.k AND y.i = x.p")
    return f"SELECT k, i, p AS need FROM ({query})"


def rule_query(rule: AlertRule, number: int) -> str:
    """(r, k, a, e): rule number, key, first and last index of each alert of one rule, over table ``ev``."""
    window = int(round(rule.window * MICRO))
    if rule.at_window_end:
        counted = "count(*)" if rule.kind == "event_count" else "count(DISTINCT b.val)"
        judged = " AND ".join(f"{counted} {_SQL_COMPARISON[c]} {int(v)}" for c, v in rule.conditions)
        return f"""WITH RECURSIVE b AS ({_bounds(number, window)}),
          chain(k, a, e) AS (SELECT k, i, hi FROM b WHERE i = 1
                             UNION ALL SELECT c.k, b.i, b.hi FROM chain c JOIN b ON b.k = c.k AND b.i = c.e + 1)
          SELECT {number} AS r, chain.k, chain.a, chain.e FROM chain JOIN b ON b.k = chain.k AND b.i BETWEEN chain.a AND chain.e
          GROUP BY chain.k, chain.a, chain.e HAVING {judged}"""
    return f"""WITH RECURSIVE b AS ({_bounds(number, window)}),
      n AS (SELECT need.k, need.i, need.need, b.lo FROM ({_need(rule)}) need JOIN b ON b.k = need.k AND b.i = need.i
            WHERE need.need IS NOT NULL AND need.need >= b.lo),
      chain(k, a, e) AS (
        SELECT k, 0, 0 FROM (SELECT DISTINCT k FROM n)
        UNION ALL
        SELECT nx.k, nx.a, b.hi FROM (
            SELECT c.k, greatest(c.e + 1, n.lo) AS a, row_number() OVER (PARTITION BY c.k ORDER BY n.i) AS first
            FROM chain c JOIN n ON n.k = c.k AND n.need > c.e) nx
        JOIN b ON b.k = nx.k AND b.i = nx.a WHERE nx.first = 1)
      SELECT {number} AS r, k, a, e FROM chain WHERE a > 0"""


_SQL_COMPARISON = {"gte": ">=", "gt": ">", "lte": "<=", "lt": "<", "eq": "="}
assert set(_SQL_COMPARISON) == set(COMPARISONS)


class SqlAlerter(Alerter):
    """An :class:`Alerter` whose windows are computed by DuckDB: findings are gathered the same way, then
    written to a table that one query per alert rule turns into (key, first, last) of each alert.

    >>> rule = AlertRule("R", "Failed logins", "Medium", "threshold", ("R",), 600, ("user",), (("gte", 2),))
    >>> alerter = SqlAlerter([rule])
    >>> for n, t in enumerate(["2026-01-05T10:00:00Z", "2026-01-05T10:04:00Z"], 1):
    ...     alerter.observe({"rule_id": "R", "file": "f", "line": n}, {"user": "ann", "eventTime": t})
    >>> [(a["group"], a["count"]) for a in alerter.alerts()]
    [({'user': 'ann'}, 2)]
    """

    def __init__(self, *args: Any, connection: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.connection = connection

    def alerts(self) -> list[dict[str, Any]]:
        import duckdb

        self.count_findings()
        if not any(self.events[rule.id] for rule in self.rules):
            return []
        con = self.connection or duckdb.connect()
        keys: dict[str, tuple] = {}
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "ev.csv")
            with open(path, "w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                for number, rule in enumerate(self.rules):
                    for key, events in self.events[rule.id].items():
                        name = json.dumps(key, default=str)
                        keys[name] = key
                        for e in events:
                            writer.writerow([number, name, round(e[0] * MICRO), e[1], e[2],
                                             None if e[5] is None else json.dumps(e[5], sort_keys=True)])
            con.execute("CREATE OR REPLACE TEMP TABLE ev AS SELECT * FROM read_csv(?, header = false, columns = "
                        "{'r': 'INTEGER', 'k': 'VARCHAR', 't': 'BIGINT', 'ord': 'BIGINT', 'src': 'VARCHAR', "
                        "'val': 'VARCHAR'}, delim = ',', quote = '\"', escape = '\"', nullstr = '', auto_detect = false)",
                        [path])
        rows: list[Any] = []
        for number, rule in enumerate(self.rules):
            if self.events[rule.id]:
                rows += con.execute(rule_query(rule, number)).fetchall()
        con.execute("DROP TABLE ev")
        out = []
        for number, name, first, last in rows:
            rule = self.rules[number]
            key = keys[name]
            events = sorted(self.events[rule.id][key])
            out.append(alert(rule, key, events[first - 1:last]))
        out.sort(key=lambda a: (a["first_time"], a["rule_id"], json.dumps(a["group"], sort_keys=True, default=str)))
        self.stats.alerts = len(out)
        return out
