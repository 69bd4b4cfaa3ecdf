"""A large rule pack in DuckDB: the records read once into a table, the rules run in batches over typed columns.

One query holding every rule of a large pack (SigmaHQ's Windows rules: some 2,400) is too large for DuckDB to
plan, and each rule's general SQL (lists fanned out at every step) is large.  So, per batch of files:

1. the records are read once into a temporary table of routed records (file, line, record, its type or its
   log types from Channel/EventID, the shape flag of records the Python engine reshapes);
2. the rules, ordered by their types, run in batches of :data:`BATCH_RULES`: each batch reads the fields its
   rules test once per record as typed scalar columns (:mod:`.scalar`), over the records of its types only,
   and writes the records some rule matches (bit masks) to a table of hits; a batch whose types no record
   has does not run;
3. one query returns the records some batch matched, and those the Python engine reads: the reshaped ones,
   and those where a field a batch reads is a list (``odd``), which its scalar tests do not read.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlglot import exp

from ..rules.pack import LoadedRule
from ..scan.engine import ScanOptions
from .dialects import fn
from .fallback import split_expressible
from .scalar import ScalarFields, scalar_condition

#: Rules per bit mask (BIGINT, sign bit unused).
MASK_BITS = 62
#: Rules per query of a large pack: two bit masks.
BATCH_RULES = 2 * MASK_BITS
#: The temporary tables of a batch of files: the routed records, and the records each rule batch matched.
RECORDS, HITS = "ce_routed", "ce_hits"


def mapped(options: ScanOptions) -> bool:
    """Whether records without a type field take their types from Channel and EventID (Windows events)."""
    return options.logsources is not None and not options.record_type


def applies(types: tuple[str, ...], options: ScanOptions) -> exp.Expr:
    """Whether a routed row is of one of ``types`` (a rule with those types sees it)."""
    wanted = [exp.Literal.string(t) for t in types]
    if mapped(options):
        return fn("list_has_any", exp.column("record_types"), exp.Array(expressions=wanted))
    kind = exp.Literal.string(options.record_type) if options.record_type else exp.column("record_type")
    return exp.In(this=kind, expressions=wanted)


def mask_columns(conditions: list[exp.Expr]) -> list[exp.Expr]:
    """The conditions as bit masks ``m0``, ``m1``, … of :data:`MASK_BITS` each (bit i: condition i holds)."""
    masks = []
    for first in range(0, len(conditions), MASK_BITS):
        bits = [exp.Case(ifs=[exp.If(this=conditions[i], true=exp.Literal.number(1 << (i - first)))],
                         default=exp.Literal.number(0)) for i in range(first, min(first + MASK_BITS, len(conditions)))]
        total: exp.Expr = bits[0]
        for bit in bits[1:]:
            total = exp.Add(this=total, expression=bit)
        masks.append(exp.alias_(total, f"m{first // MASK_BITS}", copy=False))
    return masks


def matched_rules(masks: list[int], rules: list[LoadedRule]) -> set[str]:
    """The ids of the rules whose bits are set in a row's masks.

    >>> from condition_engine import load_rules
    >>> matched_rules([0b10], list(load_rules())[:2]) == {list(load_rules())[1].id}
    True
    """
    matched = set()
    for k, mask in enumerate(masks):
        while mask:  # one step per set bit, lowest first
            low = mask & -mask
            matched.add(rules[k * MASK_BITS + low.bit_length() - 1].id)
            mask ^= low
    return matched


@contextmanager
def collector_paused(freeze: bool = False) -> Iterator[None]:
    """No cyclic collection while SQL trees are built: their millions of young nodes would be walked again and
    again by full collections (seconds each), though they are all alive until the query is written; ``freeze``:
    what was built lives on (the caller unfreezes it), so no collection walks it when the collector resumes."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()


@dataclass
class Batch:
    """Rules run in one query: their conditions over the scalar columns of ``fields``."""

    rules: list[LoadedRule] = field(default_factory=list)
    conditions: list[exp.Expr] = field(default_factory=list)
    fields: ScalarFields = field(default_factory=ScalarFields)

    @property
    def types(self) -> set[str] | None:
        """The record types the batch's rules see (None: some rule sees every record)."""
        if any(not rule.types for rule in self.rules):
            return None
        return {t for rule in self.rules for t in rule.types}

    def query(self, number: int, options: ScanOptions) -> exp.Expr:
        """(batch number, file, line, masks, odd) of the records of its types some rule matches or it cannot read."""
        kinds = sorted({rule.types for rule in self.rules})
        conditions = []
        for rule, condition in zip(self.rules, self.conditions):
            if len(kinds) > 1 and rule.types:  # CASE, not AND: DuckDB evaluates a branch only for its rows
                condition = exp.Case(ifs=[exp.If(this=applies(rule.types, options), true=condition)],
                                     default=exp.false())
            conditions.append(condition)
        lookups = self.fields.lookups
        wanted: exp.Expr = exp.Is(this=exp.column("nested"), expression=exp.Null())
        if self.types is not None:
            wanted = exp.and_(wanted, exp.or_(*(applies(types, options) for types in kinds)))
        read = [exp.alias_(lookups.extraction(exp.column("record")), lookups.column)] if lookups.paths else []
        kept = ("file", "line", "record", "record_type", "record_types", "listed")
        # copy=False throughout: sqlglot's builders otherwise copy the whole tree at each step
        rows = exp.select(*kept, *read).from_(RECORDS, copy=False).where(wanted, copy=False)
        typed = exp.select(*kept, *self.fields.columns()).from_(rows.subquery("rows", copy=False), copy=False)
        masks = mask_columns(conditions)
        judged = exp.select("file", "line", exp.alias_(self.fields.odd(exp.column("listed")), "odd"), *masks) \
            .from_(typed.subquery("typed", copy=False), copy=False)
        names = [exp.column(f"m{k}") for k in range(len(masks))]
        found = exp.or_(exp.column("odd"), *(exp.NEQ(this=m, expression=exp.Literal.number(0)) for m in names))
        return exp.select(exp.Literal.number(number), "file", "line", exp.alias_(exp.Array(expressions=names), "masks"),
                          "odd").from_(judged.subquery("judged", copy=False), copy=False).where(found, copy=False)


def batches(rules: list[LoadedRule], case_insensitive: bool = False) -> tuple[list[Batch], list[LoadedRule], list[str]]:
    """The rules in batches of at most :data:`BATCH_RULES`, each of few types (rules ordered by their types),
    with the rules the SQL cannot express and a warning for each (:func:`.fallback.split_expressible`).

    >>> from condition_engine import load_rules
    >>> import gc
    >>> found, python, notes = batches(list(load_rules())); gc.unfreeze()
    >>> sum(len(b.rules) for b in found) == len(load_rules()), python, notes
    (True, [], [])
    """
    with collector_paused(freeze=True):  # the conditions live as long as the scan: frozen with it
        return _batches(rules, case_insensitive)


def _batches(rules: list[LoadedRule], case_insensitive: bool) -> tuple[list[Batch], list[LoadedRule], list[str]]:
    by_types: dict[tuple[str, ...], list[LoadedRule]] = {}
    for rule in rules:
        by_types.setdefault(rule.types, []).append(rule)
    out: list[Batch] = [Batch()]
    python: list[LoadedRule] = []
    notes: list[str] = []
    for types in sorted(by_types):
        group = by_types[types]
        for first in range(0, len(group), BATCH_RULES):
            part = group[first:first + BATCH_RULES]
            if len(out[-1].rules) + len(part) > BATCH_RULES:
                out.append(Batch())
            batch = out[-1]
            expressed, left, warned = split_expressible(
                part, compile=lambda rule, batch=batch: batch.conditions.append(  # type: ignore[misc]
                    scalar_condition(rule.condition, batch.fields, case_insensitive=case_insensitive)))
            batch.rules += expressed
            python += left
            notes += warned
    return [batch for batch in out if batch.rules], python, notes


#: The records some batch matched, and those the Python engine reads (reshaped, or a list where a batch
#: reads a field): (file, line, record, type, types, shape or "odd", [batch numbers], [their masks]).
_FOUND = f"""
SELECT r.file, r.line, r.record, r.record_type, r.record_types,
       CASE WHEN r.nested IS NOT NULL THEN r.nested WHEN h.odd THEN 'odd' END, h.batches, h.masks
FROM {RECORDS} r LEFT JOIN (SELECT file, line, bool_or(odd) AS odd, list(batch) AS batches, list(masks) AS masks
                            FROM {HITS} GROUP BY file, line) h ON r.file = h.file AND r.line = h.line
WHERE r.nested IS NOT NULL OR h.file IS NOT NULL ORDER BY r.file, r.line"""
#: The records by type, types, Channel and whether the Python engine reads them (which counts them itself).
_GROUPS = f"SELECT record_type, record_types, channel, nested IS NOT NULL, count(*) FROM {RECORDS} GROUP BY ALL"


def run_batches(con: Any, routed: exp.Select, found: list[Batch], options: ScanOptions) -> tuple[list, list]:
    """The rule batches over the records ``routed`` selects: (rows as :data:`_FOUND` with the batches' matched
    rule ids for the last two, the groups of :data:`_GROUPS`)."""
    kept = exp.select("file", "line", "record", "record_type", "record_types", "nested", "channel", "listed") \
        .from_(routed.subquery("routed"))
    con.execute(f"CREATE OR REPLACE TEMP TABLE {RECORDS} AS {kept.sql(dialect='duckdb')}")
    try:
        groups = con.execute(_GROUPS).fetchall()
        present = {options.record_type} if options.record_type else \
            {t for kind, types, _, _, _ in groups for t in [kind, *(types or ())] if t is not None}
        con.execute(f"CREATE OR REPLACE TEMP TABLE {HITS} (batch INTEGER, file INTEGER, line BIGINT, masks BIGINT[], "
                    "odd BOOLEAN)")
        # the batches' columns are their common subexpressions already: DuckDB's search for more in a hundred
        # rules' expressions costs more than the query (SET for this connection, then put back)
        disabled = con.execute("SELECT current_setting('disabled_optimizers')").fetchone()[0]
        con.execute("SET disabled_optimizers = " + exp.Literal.string(
            ",".join(filter(None, [disabled, "common_subexpressions"]))).sql(dialect="duckdb"))
        try:
            for number, batch in enumerate(found):
                wanted = batch.types
                if wanted is None or wanted & present:
                    with collector_paused():
                        sql = batch.query(number, options).sql(dialect="duckdb")
                    con.execute(f"INSERT INTO {HITS} {sql}")
        finally:
            con.execute("SET disabled_optimizers = " + exp.Literal.string(disabled).sql(dialect="duckdb"))
        rows = []
        for *row, numbers, masks in con.execute(_FOUND).fetchall():
            matched: set[str] = set()
            for number, mask in zip(numbers or (), masks or ()):
                matched |= matched_rules(mask, found[number].rules)
            rows.append((*row, matched))
    finally:
        con.execute(f"DROP TABLE IF EXISTS {HITS}")
        con.execute(f"DROP TABLE IF EXISTS {RECORDS}")
    return rows, groups
