"""The main job: a rule pack over files of events and resources (the Python engine)."""
from __future__ import annotations

import gc
import time
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO, Any

import orjson

from ..errors import ConditionError
from ..rules.pack import LoadedRule
from .findings import RouteLines, finding, lines_written_by, located
from .logsources import LogsourceMap, windows_form
from .readers import (
    MAX_LINE_BYTES,
    Reject,
    damaged,
    input_files,
    not_json,
    open_input,
    size_of,
)
from .router import DEFAULT_TYPE_FIELDS, Router


@dataclass
class ScanStats:
    """What a scan read and found."""

    records: int = 0
    rejects: int = 0
    findings: int = 0
    per_rule: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    files: int = 0
    #: records no rule saw, by type (None: no type; ("Channel", name): a Windows event of that Channel)
    unrouted: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)  # what the engine could not do as asked (a rule it ran otherwise)
    failed: list = field(default_factory=list)  # inputs that could not be read (whole or in part): their errors

    @property
    def rate(self) -> float:
        return self.records / self.seconds if self.seconds else 0.0


@dataclass
class ScanOptions:
    """How to read and route records."""

    type_fields: tuple[str, ...] = DEFAULT_TYPE_FIELDS
    record_type: str | None = None
    logsources: LogsourceMap | None = None  # Windows events without a type field (None: not routed so)
    max_line_bytes: int = MAX_LINE_BYTES  # longer lines are rejected (E507), read in bounded memory


#: A reader this installation lacks (the evtx extra): a setup problem that stops the scan, not an input's.
MISSING_EXTRA = "E504"

#: A dict key no JSON record has: the "first type field" when there are none.
_NO_FIELD = object()


def scan(inputs: list[str], rules: list[LoadedRule], emit: Callable[[Any], None],
         options: ScanOptions | None = None, on_reject: Callable[[Reject], None] | None = None,
         progress: Callable[[int], None] | None = None, make: Callable[..., Any] = finding) -> ScanStats:
    """Run ``rules`` over every record of ``inputs``; call ``emit`` with each finding.

    Each line is parsed once, however many rules apply; the rules for a record's type run in one
    generated function.  ``make(rule, record, file, line, type)`` builds what is emitted for a match
    (a finding; see :mod:`.suppression` for what a measured scan emits).

    >>> from condition_engine import load_rules
    >>> found = []
    >>> stats = scan(["examples/kms_keys.jsonl"], list(load_rules().filter(ids=["AWS.CMK.KeyRotation"])),
    ...              found.append)
    >>> stats.findings == len(found) > 0
    True
    """
    with collector_spared():
        return _scan(inputs, rules, emit, options or ScanOptions(), on_reject, progress, make)


@contextmanager
def collector_spared():
    """Leave the objects alive when a scan starts (the rules and all they hold) out of the cyclic
    collector's walks until it ends: with thousands of rules loaded, every full collection triggered by
    compiling or by the records would walk millions of objects that outlive the scan anyway.  What the scan
    leaves in cycles is collected before the others are unfrozen (a walk of the scan's own objects only);
    when more than :data:`FROZEN_SLACK` objects were added since the last full collection, one runs first,
    so that garbage left between scans is not frozen with them (repeated scans stay flat).  A process's first
    scan collects nothing first (what it freezes is where growth is counted from): a single scan, as the
    command line's, would walk every rule's objects once for nothing (tens of ms with thousands of rules)."""
    gc.freeze()
    if not _FROZEN[0]:
        _FROZEN[0] = gc.get_freeze_count()
    elif gc.get_freeze_count() > _FROZEN[0] + FROZEN_SLACK:
        # more objects outlive scans than after the last collection: some may be garbage the collector never
        # saw (frozen by every scan, repeated scans would grow without end): collect once, then freeze
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        _FROZEN[0] = gc.get_freeze_count()
    try:
        yield
    finally:
        gc.collect()  # what the scan left in cycles: the frozen objects are not walked, so this costs little
        gc.unfreeze()


#: Objects alive when the last collection before a scan ran; growth past the slack triggers the next one.
_FROZEN = [0]
FROZEN_SLACK = 10_000


class RecordScanner:
    """One record at a time through the Python engine's routing and rules: the path of every record the
    hot loop does not read itself, and of the records other engines leave to Python (:mod:`..sql.duckdb_engine`)."""

    def __init__(self, router: Router, options: ScanOptions, stats: ScanStats, emit: Callable[[Any], None],
                 make: Callable[..., Any] = finding, unrouted: dict[Any, int] | None = None) -> None:
        self.router, self.options, self.per_rule, self.emit, self.make = router, options, stats.per_rule, emit, make
        self.unrouted = stats.unrouted if unrouted is None else unrouted

    def emit_mapped(self, record: dict, types: tuple[str, ...], where: str, position: int) -> None:
        """Findings of a Windows event routed by its logsources' types."""
        route = self.router.route_types(types)
        if route is None:
            kind: Any = types[-1]
            if len(types) == 1 and record.get("Channel").__class__ is str:  # a channel the map does not name
                kind = ("Channel", record["Channel"])  # counted by its Channel, not as one Sigma.windows
            self.unrouted[kind] = self.unrouted.get(kind, 0) + 1
            return
        for index in route[0](record):
            rule = route[1][index]
            self.per_rule[rule.id] += 1  # the finding's type: the rule's own among the record's
            self.emit(self.make(rule, record, where, position, next((t for t in rule.types if t in types), types[-1])))

    def __call__(self, label: str, position: int, record: Any) -> None:
        """Route one record and emit its findings."""
        record_type: Any = self.options.record_type or self.router.type_of(record)  # or ("Channel", name)
        mapper = self.options.logsources
        if record_type is None and mapper is not None and record.__class__ is dict:
            event, windows = windows_form(record)
            types = mapper.types_of(event, windows)
            if types:
                self.emit_mapped(event, types, label, position)
                return
        route = self.router.route(record_type)
        if route is None:
            if record_type is None and record.__class__ is dict and record.get("Channel").__class__ is str:
                record_type = ("Channel", record["Channel"])  # a Windows event no rule reads: by its Channel
            self.unrouted[record_type] = self.unrouted.get(record_type, 0) + 1
            return
        for index in route[0](record):  # usually none
            rule = route[1][index]
            self.per_rule[rule.id] += 1
            self.emit(self.make(rule, record, label, position, record_type))


def _scan(inputs: list[str], rules: list[LoadedRule], emit: Callable[[dict[str, Any]], None], options: ScanOptions,
          on_reject: Callable[[Reject], None] | None, progress: Callable[[int], None] | None,
          make: Callable[..., Any]) -> ScanStats:
    router = Router(rules, options.type_fields)
    stats = ScanStats()
    start = time.perf_counter()
    forced_type = options.record_type
    dispatch: dict[Any, Any] = router.dispatch  # read with None too (no type): never a key, so the default
    default, fields = router.default, router.type_fields
    first_field, second_field, *others = (*fields, _NO_FIELD, _NO_FIELD)
    other_fields = tuple(others[:-2])  # the third type field and after
    per_rule, mapper = stats.per_rule, options.logsources
    unrouted: dict[Any, int] = {}  # a plain dict: cheaper per record than a Counter
    seen_before = unrouted.get
    loads, decode_error = orjson.loads, orjson.JSONDecodeError
    scanner = RecordScanner(router, options, stats, emit, make, unrouted)
    emit_mapped = scanner.emit_mapped
    write = lines_written_by(emit, make)  # findings written here, as bytes, where the output is the same
    dumps, newline = orjson.dumps, orjson.OPT_APPEND_NEWLINE
    written: dict[int, RouteLines] = {}  # id(a route's rules) -> their line starts and counts
    routed = RouteLines([], per_rule)  # the last route's (consecutive records are mostly of one type)
    starts, counts = routed.starts, routed.counts
    for name in input_files(inputs):
        stats.files += 1
        label = "<stdin>" if name == "-" else name

        def process(position: int, record: Any, label: str = label) -> None:
            scanner(label, position, record)

        def reject(item: Reject) -> None:
            stats.rejects += 1
            if on_reject is not None:
                on_reject(item)

        try:
            mode, source = open_input(name, options.max_line_bytes)
        except (ConditionError, OSError) as error:  # an input that cannot be opened: the others are scanned
            stats.failed.append(error if isinstance(error, ConditionError) else damaged(name, error))
            continue
        try:
            if mode == "lines":  # the hot loop: parse each line once, then the rules for its type
                limit, number, skipped, record, raw = source.limit, 0, 0, None, b""
                lines = iter(source)
                while True:  # a RecursionError ends the loop below, handled here once, and the loop goes on
                    try:
                        start = number + 1  # after a RecursionError: the line after it
                        for number, raw in enumerate(lines, start):
                            try:
                                record = loads(raw)
                            except decode_error as error:
                                skipped += 1
                                if raw.strip():
                                    reject(not_json(raw, label, number, limit, error.msg))
                                continue
                            # Router.type_of and Router.route, inlined: this runs once per record.
                            record_type: Any = forced_type  # a type, None, or ("Channel", name) when unrouted
                            if record_type is None:
                                try:
                                    record_type = record.get(first_field)  # the first type field, then the others
                                except AttributeError:  # not an object: no type
                                    pass
                                else:
                                    if record_type.__class__ is not str:
                                        record_type = record.get(second_field)  # the second, unrolled
                                        if record_type.__class__ is not str:
                                            for field_name in other_fields:
                                                record_type = record.get(field_name)
                                                if record_type.__class__ is str:
                                                    break
                                            else:
                                                record_type = None
                                                if mapper is not None:  # maybe a Windows event: its flat form
                                                    event, windows = windows_form(record)
                                                    types = mapper.types_of(event, windows)
                                                    if types:  # the rules of every logsource it belongs to
                                                        emit_mapped(event, types, label, number)
                                                        continue
                            route = dispatch.get(record_type, default)  # None is never a type: the default
                            if route is not None:
                                hits = route[0](record)
                                if hits:
                                    if write is not None:
                                        # the finding lines JsonLinesWriter would write, each rule's start
                                        # serialized once and the record's part once for all its rules
                                        if route[1] is not routed.rules:
                                            routed = written.get(id(route[1])) or RouteLines(route[1], per_rule)
                                            written[id(route[1])] = routed
                                            starts, counts = routed.starts, routed.counts
                                        end = dumps(located(record, label, number, record_type), option=newline)[1:]
                                        for index in hits:
                                            if not counts[index]:
                                                routed.first(index)
                                            counts[index] += 1
                                            write(starts[index] + end)
                                        continue
                                    for index in hits:
                                        rule = route[1][index]
                                        per_rule[rule.id] += 1
                                        emit(make(rule, record, label, number, record_type))
                            else:
                                if record_type is None and record.__class__ is dict \
                                        and record.get("Channel").__class__ is str:  # a Windows event: by its Channel
                                    record_type = ("Channel", record["Channel"])
                                unrouted[record_type] = seen_before(record_type, 0) + 1
                        break
                    except RecursionError:  # a value nested deeper than evaluation recurses (up to 1024)
                        if not deeply(process, number, record):
                            skipped += 1
                            reject(Reject(label, number, "nested too deep to evaluate", raw, what="record too deep",
                                          code="E508"))
                stats.records += number - skipped
                source.close()
                if source.stream.damage is not None:
                    raise damaged(name, source.stream.damage)
            else:
                for item in source:
                    if item.__class__ is Reject:
                        reject(item)
                    else:
                        stats.records += 1
                        try:
                            process(*item)
                        except RecursionError:
                            if not deeply(process, *item):
                                stats.records -= 1
                                reject(Reject(label, item[0], "nested too deep to evaluate",
                                              orjson.dumps(item[1]) if _dumpable(item[1]) else b"",
                                              what="record too deep", code="E508"))
        except ConditionError as error:  # damaged or unreadable part way: what was read before is scanned
            if error.code == MISSING_EXTRA:
                raise
            stats.failed.append(error)
        if progress is not None:
            progress(size_of(name))
    stats.unrouted.update(unrouted)
    for routed in written.values():
        routed.count()
    stats.findings = sum(per_rule.values())
    stats.seconds = time.perf_counter() - start
    return stats


#: Frames allowed while evaluating a record whose values nest deeply (orjson reads at most 1024 levels).
DEEP_FRAMES = 8000


def deeply(process: Callable[[int, Any], None], position: int, record: Any) -> bool:
    """Run ``process`` on a record nested too deeply for the usual recursion limit, with a higher one;
    False when even that is not enough (the record is then rejected, E508)."""
    import sys

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, DEEP_FRAMES))
    try:
        process(position, record)
        return True
    except RecursionError:
        return False
    finally:
        sys.setrecursionlimit(limit)


def _dumpable(record: Any) -> bool:
    try:
        orjson.dumps(record)
        return True
    except orjson.JSONEncodeError:
        return False


def emit_matched(router: Router, stats: ScanStats, emit: Callable[[dict[str, Any]], None], matched: set[str],
                 raw: str | bytes, file: str, line: int, record_type: str | None,
                 make: Callable[..., Any] = finding, types: tuple[str, ...] | None = None) -> None:
    """Findings for a record another engine (DuckDB, Spark) matched, in the Python engine's rule order;
    ``types`` are a Windows event's log types from the logsource map (each finding has its rule's own)."""
    route = router.route_types(types) if types else router.route(record_type)
    if route is None:
        return
    document = orjson.loads(raw)
    for rule in route[1]:
        if rule.id in matched:
            stats.per_rule[rule.id] += 1
            kind = next((t for t in rule.types if t in types), types[-1]) if types else record_type
            emit(make(rule, document, file, line, kind))


def count_unrouted(router: Router, unrouted: Counter, record_type: str | None, types: tuple[str, ...] | None,
                   channel: str | None, count: int = 1) -> None:
    """Count ``count`` records no rule sees as the Python engine counts them (:class:`RecordScanner`): by type, a
    Windows event of a channel the map does not name (or of no type) by its ``Channel``; ``types``: the log types
    of a record without a type field (from Channel and EventID).  Records some rule sees are not counted.

    >>> from collections import Counter
    >>> unrouted = Counter()
    >>> count_unrouted(Router([]), unrouted, None, ("Sigma.windows",), "Setup", 3)
    >>> unrouted
    Counter({('Channel', 'Setup'): 3})
    """
    if record_type is None and types:
        if router.route_types(types) is None:
            unrouted[("Channel", channel) if len(types) == 1 and channel is not None else types[-1]] += count
    elif router.route(record_type) is None:
        unrouted[("Channel", channel) if record_type is None and channel is not None else record_type] += count


def write_rejects(stream: IO[bytes]) -> Callable[[Reject], None]:
    """A reject handler that writes each rejected line unchanged."""
    def handle(reject: Reject) -> None:
        if reject.raw:  # a damaged chunk of a Windows event log has no bytes to keep
            stream.write(reject.raw if reject.raw.endswith(b"\n") else reject.raw + b"\n")
    return handle
