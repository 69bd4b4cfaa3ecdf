"""The executor plan of ``scan --engine spark``: the Python engine's routing and rules on Spark's Python workers.

A large pack as one SQL filter per rule is a plan Spark takes long to analyze (each rule's SQL nests lambdas),
and rules with regular expressions each cost a Python round trip per record.  Here instead the records
(``file``, ``line``, ``record`` as JSON text) pass once through ``mapInArrow``: each Python worker builds the
pack's :class:`~condition_engine.scan.router.Router` once — the pack is shipped as one broadcast (rule ids,
types and pickled conditions, and the scan options) and the built router kept in a module-level dict keyed by
the pack's SHA-256, so every later task on that worker reuses it, rules compiled on first use included — and
yields only the matches (record, rule, type, the record as evaluated) and per-batch counts (records, records
no rule saw by type or Channel).  The driver turns them into findings in the Python engine's order.

>>> from condition_engine import load_rules
>>> from condition_engine.scan import ScanOptions
>>> pack = shipment(list(load_rules().filter(ids=["AWS.CMK.KeyRotation"])), ScanOptions())
>>> len(pack.digest), WorkerPlan(pack.payload).rules[0].id
(64, 'AWS.CMK.KeyRotation')
"""
from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, partial
from typing import Any, cast

import orjson

from .analysis.anchors import Anchor, anchor_groups
from .compiler import compile as compile_condition
from .rules.pack import LoadedRule
from .scan.engine import RecordScanner, ScanOptions, ScanStats, deeply
from .scan.router import Router

#: Packs of at least this many rules run as the executor plan when ``plan="auto"``, smaller ones (none) as SQL
#: filters: measured, the executor plan was faster from one rule on (9.7-175x for 1 to 10 SigmaHQ rules, 16-53x
#: for 1 and 10 bundled rules; docs/performance.md#a-sigma-pack-on-spark), so SQL filters run only when asked.
EXECUTOR_PLAN_RULES = 1

PLANS = ("auto", "executors", "sql")

#: What the executors return: matches (the rule's index in the pack, ≥ 0) and counts (a negative "rule").
RECORDS, UNROUTED, REJECTED = -1, -2, -3
#: file number, line, rule index, type, Channel, count, the record as evaluated (JSON text)
Row = tuple[Any, Any, int, Any, Any, Any, Any]


def chosen_plan(plan: str, rules: int) -> str:
    """``executors`` or ``sql``: what ``plan`` (``auto`` decides by the pack's size) means for a pack of ``rules``.

    >>> chosen_plan("auto", 2000), chosen_plan("auto", 0), chosen_plan("sql", 2000)
    ('executors', 'sql', 'sql')
    """
    if plan not in PLANS:
        raise ValueError(f"plan must be one of {', '.join(PLANS)}, not {plan!r}")
    if plan == "auto":
        return "executors" if rules >= EXECUTOR_PLAN_RULES else "sql"
    return plan


class ShippedRule:
    """What the router reads of a rule on an executor: its id, types, condition (unpickled when first read), its
    compiled function and anchor groups (built when first read).

    >>> from condition_engine import parse
    >>> ShippedRule("R", ("T",), pickle.dumps(parse("a eq 1"))).matches({"a": 1})
    True
    """

    def __init__(self, rule_id: str, types: tuple[str, ...], condition: bytes) -> None:
        self.id, self.types, self._pickled = rule_id, types, condition

    @cached_property
    def condition(self) -> Any:
        return pickle.loads(self._pickled)

    @cached_property
    def matches(self) -> Callable[[Any], bool]:
        return compile_condition(self.condition)

    @cached_property
    def anchor_groups(self) -> list[frozenset[Anchor]]:
        return anchor_groups(self.condition)


@dataclass(frozen=True)
class Shipment:
    """A pack and the scan options as the bytes each executor receives, and their SHA-256."""

    digest: str
    payload: bytes


def shipment(rules: list[LoadedRule], options: ScanOptions) -> Shipment:
    """The pack as shipped to the executors: each rule's id, types and pickled condition, and ``options``."""
    shipped = [(rule.id, tuple(rule.types), pickle.dumps(rule.condition, protocol=5)) for rule in rules]
    payload = pickle.dumps((shipped, options), protocol=5)
    return Shipment(hashlib.sha256(payload).hexdigest(), payload)


class WorkerPlan:
    """A pack's router on one Python worker, and how it turns a batch of records into matches and counts."""

    def __init__(self, payload: bytes) -> None:
        shipped, self.options = pickle.loads(payload)
        self.rules = [ShippedRule(*item) for item in shipped]
        self.index = {id(rule): number for number, rule in enumerate(self.rules)}
        # the router reads a rule's id, types, condition, matches and anchor groups only: a shipped rule has them
        self.router = Router(cast("list[LoadedRule]", self.rules), self.options.type_fields)

    def rows(self, records: Iterable[tuple[int, int, str]]) -> Iterator[Row]:
        """The matches, then the counts, of ``records`` (file number, line, JSON text): :data:`Row` tuples.

        >>> from condition_engine import load_rules
        >>> rules = list(load_rules().filter(ids=["AWS.CMK.KeyRotation"]))
        >>> plan = WorkerPlan(shipment(rules, ScanOptions(record_type="AWS.KMS.Key")).payload)
        >>> [row[2:6] for row in plan.rows([(0, 1, '{"Origin": "AWS_KMS", "KeyManager": "CUSTOMER"}')])]
        [(0, 'AWS.KMS.Key', None, None), (-1, None, None, 1)]
        """
        hits: list[tuple[int, Any, Any]] = []
        unrouted: dict[Any, int] = {}
        index = self.index
        scanner = RecordScanner(self.router, self.options, ScanStats(), hits.append,
                                lambda rule, record, where, line, kind: (index[id(rule)], kind, record), unrouted)
        evaluated = rejected = 0
        for file, line, text in records:
            try:
                record = orjson.loads(text)
            except orjson.JSONDecodeError:  # a row Spark wrote (Parquet) that is not JSON: NaN, Infinity
                rejected += 1
                continue
            hits.clear()
            try:
                scanner("", line, record)  # the file is this row's: findings are made on the driver
            except RecursionError:  # nested deeper than evaluation recurses: again with more frames
                hits.clear()
                if not deeply(partial(scanner, ""), line, record):
                    rejected += 1
                    continue
            evaluated += 1
            if hits:
                document = orjson.dumps(hits[0][2]).decode()
                for rule, kind, _ in hits:
                    yield file, line, rule, kind, None, None, document
        yield None, None, RECORDS, None, None, evaluated, None
        if rejected:
            yield None, None, REJECTED, None, None, rejected, None
        for key, count in unrouted.items():
            kind, channel = (None, key[1]) if isinstance(key, tuple) else (key, None)
            yield None, None, UNROUTED, kind, channel, count, None


#: The routers built on this worker, by pack digest (a few: each pack's compiled rules stay while it is kept).
_PLANS: dict[str, WorkerPlan] = {}
KEPT_PLANS = 4


def worker_plan(digest: str, payload: Callable[[], bytes]) -> WorkerPlan:
    """The plan of the pack with ``digest`` on this worker: built from ``payload()`` on first use, then kept."""
    found = _PLANS.get(digest)
    if found is None:
        while len(_PLANS) >= KEPT_PLANS:
            _PLANS.pop(next(iter(_PLANS)))
        found = _PLANS[digest] = WorkerPlan(payload())
    return found


def evaluate(records: Iterable[tuple[int, int, str]], digest: str, broadcast: Any) -> Iterator[Row]:
    """What each partition runs on its worker: records in, matches and counts out (:meth:`WorkerPlan.rows`)."""
    return worker_plan(digest, lambda: broadcast.value).rows(records)


#: Records per partition of the driver's rows (at least one partition per core).
PARTITION_RECORDS = 20_000


def executor_rows(spark: Any, rows: list[tuple[int, int, str]], tables: list[Any], rules: list[LoadedRule],
                  options: ScanOptions) -> list[Row]:
    """The executor plan over ``rows`` (file number, line, JSON text) and DataFrames of ``file``, ``line``,
    ``record``: the executors' output rows, matches in each partition's record order."""
    context = spark.sparkContext
    slices = max(context.defaultParallelism, len(rows) // PARTITION_RECORDS)
    data = context.union([context.parallelize(rows, slices)] +
                         [table.select("file", "line", "record").rdd.map(tuple) for table in tables])
    pack = shipment(rules, options)
    broadcast = context.broadcast(pack.payload)
    try:
        return cast("list[Row]", data.mapPartitions(partial(evaluate, digest=pack.digest, broadcast=broadcast))
                    .collect())
    finally:
        broadcast.unpersist()


def plan_matches(df: Any, rules: list[LoadedRule], options: ScanOptions | None = None, column: str = "record",
                 keys: tuple[str, str] = ("file", "line")) -> Any:
    """A DataFrame of every match of the pack over ``df`` by the executor plan, not collected: ``df``'s two
    ``keys`` columns (what names a record: any types), ``rule_id``, ``type`` and ``record`` (the record as
    evaluated: JSON text) — e.g. ``plan_matches(events, rules).write.parquet(...)``.

    ``column`` holds each record as JSON text (``to_json(struct(*))`` of a typed table's row is one).
    """
    from pyspark.sql.types import StringType, StructField, StructType

    options = options or ScanOptions()
    pack = shipment(rules, options)
    broadcast = df.sparkSession.sparkContext.broadcast(pack.payload)
    ids = [rule.id for rule in rules]
    matches = df.select(*keys, column).rdd.map(tuple).mapPartitions(
        partial(evaluate, digest=pack.digest, broadcast=broadcast)).filter(lambda row: row[2] >= 0).map(
        lambda row: (row[0], row[1], ids[row[2]], row[3], row[6]))
    schema = StructType([df.schema[keys[0]], df.schema[keys[1]], StructField("rule_id", StringType(), False),
                         StructField("type", StringType()), StructField("record", StringType(), False)])
    return df.sparkSession.createDataFrame(matches, schema)


def findings_from_rows(rows: list[Row], rules: list[LoadedRule], files: list[str], stats: ScanStats,
                       make: Callable[..., Any], driver: dict[tuple[int, int], list[Any]]) -> Iterator[Any]:
    """The findings of the executors' ``rows`` (counted into ``stats``) merged with ``driver``'s, the findings of
    the records the driver evaluated itself, by (file, line): the Python engine's order."""
    matches: dict[tuple[int, int], list[Row]] = {}
    for row in rows:
        file, line, rule, kind, channel, count, _ = row
        if rule >= 0:
            matches.setdefault((file, line), []).append(row)
        elif rule == RECORDS:
            stats.records += count
        elif rule == REJECTED:
            stats.rejects += count
        else:
            stats.unrouted[("Channel", channel) if channel is not None else kind] += count
    for key in sorted(matches.keys() | driver.keys()):
        if key in driver:
            yield from driver[key]
            continue
        found = matches[key]
        document = orjson.loads(found[0][6])
        for row in found:
            matched = rules[row[2]]
            stats.per_rule[matched.id] += 1
            yield make(matched, document, files[key[0]], key[1], row[3])


def driver_findings(left: list[tuple[int, int, Any]], rules: list[LoadedRule], options: ScanOptions,
                    files: list[str], stats: ScanStats, make: Callable[..., Any]) -> dict[tuple[int, int], list[Any]]:
    """The findings of the records the driver evaluates itself (``left``: file number, line, record — those JSON
    text cannot carry: nested past what orjson writes), by (file, line); counted into ``stats``."""
    found: dict[tuple[int, int], list[Any]] = {}
    if not left:
        return found
    router = Router(rules, options.type_fields)
    for number, line, record in left:
        emitted: list[Any] = []
        scanner = RecordScanner(router, options, stats, emitted.append, make)
        if deeply(partial(scanner, files[number]), line, record):
            stats.records += 1
            if emitted:
                found[(number, line)] = emitted
        else:
            stats.rejects += 1
    return found
