"""Reading records: JSON Lines, a JSON array, a JSON object, directories of them, gzip or not, stdin.

Each input yields records with where they came from, and rejects — unparsable lines, kept byte for
byte — without ever stopping.
"""
from __future__ import annotations

import gzip
import io
import itertools
import json
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from ..errors import ConditionError
from .lines import CUT, DAMAGED, MAX_LINE_BYTES, BoundedLines, cut  # noqa: F401 - CUT, cut: part of the reading API
from .parquet_reader import is_parquet, parquet_records

SUFFIXES = (".json", ".jsonl", ".ndjson", ".json.gz", ".jsonl.gz", ".ndjson.gz", ".gz", ".evtx", ".parquet")


@dataclass(frozen=True)
class Reject:
    """A line that is not JSON: where it is, why, and its bytes unchanged."""

    file: str
    line: int
    reason: str
    raw: bytes
    what: str = "invalid JSON"
    code: str = "E501"

    def __str__(self) -> str:
        return f"{location(self.file, self.line)}: error[{self.code}]: {self.what}: {self.reason}"


def input_files(inputs: list[str], include_hidden: bool = False) -> list[str]:
    """The files to read: files as given, directories searched recursively (sorted), ``-`` for stdin.

    Hidden files and folders inside a directory given (``.vscode/settings.json``, ``.git/``) are left out
    unless ``include_hidden``; a hidden file named itself is read.

    >>> input_files(["examples/sigma"])
    ['examples/sigma/sysmon_process_creation.jsonl']
    """
    files: list[str] = []
    for item in inputs:
        path = Path(item)
        if item == "-" or not path.is_dir():
            files.append(item)
            continue
        files.extend(str(p) for p in sorted(path.rglob("*"))
                     if p.is_file() and p.name.endswith(SUFFIXES)
                     and (include_hidden or not any(part.startswith(".") for part in p.relative_to(path).parts)))
    return files




@contextmanager
def reading(name: str) -> Iterator[None]:
    """Turn a damaged (truncated, corrupt) gzip input into the project's error, naming the file."""
    try:
        yield
    except DAMAGED as error:
        raise damaged(name, error) from None


def _open(name: str, max_line_bytes: int = 0) -> BoundedLines:
    """One input as a stream of lines no longer than ``max_line_bytes`` (0: the default), read as a
    stream (pipes and ``<(…)`` too: nothing is sought), gunzipped when it starts with gzip's magic."""
    stream: Any = sys.stdin.buffer if name == "-" else open(name, "rb")  # noqa: SIM115 - closed by the caller
    head = stream.peek(2)[:2] if hasattr(stream, "peek") else b""
    source = gzip.GzipFile(fileobj=stream) if head == b"\x1f\x8b" else stream
    return BoundedLines(source, max_line_bytes or MAX_LINE_BYTES, None if name == "-" else stream)


def open_input(name: str, max_line_bytes: int = 0) -> tuple[str, Any]:
    """How to read one input: ``("lines", raw lines)`` for JSON Lines, streamed, or
    ``(kind, (position, record) | Reject items)`` for a JSON array (``"array"``), JSON documents over many
    lines (``"document"``), lines read whole because the first is not a JSON object (``"mixed"``) or a
    Windows event log (``"evtx"``) or a Parquet file (``"parquet"``).  Every line is read as :func:`line_record` says, whatever the others."""
    label = "<stdin>" if name == "-" else name
    if is_evtx(name):
        return "evtx", _evtx_records(name)
    if is_parquet(name):
        return "parquet", parquet_records(name)
    stream = _open(name, max_line_bytes)
    first, blank = b"", []
    for first in stream:
        if first.strip():
            break
        blank.append(first)
    if first.lstrip().startswith(b"["):  # a JSON array, or lines the first of which is not an object
        rest = first + stream.read()
        _closing(stream, name)()
        try:
            return "array", _checked(_array(orjson.loads(rest)), stream, name)
        except orjson.JSONDecodeError:
            return "mixed", _checked(_lines_of(b"".join(blank) + rest, label, stream.limit), stream, name)
    try:
        orjson.loads(first)
    except orjson.JSONDecodeError:
        rest = first + stream.read()
        _closing(stream, name)()
        try:
            document = [(_line_of(rest, len(rest) - len(rest.lstrip())) + len(blank), orjson.loads(rest))]
            return "document", _checked(iter(document), stream, name)
        except orjson.JSONDecodeError:
            documents = _documents(rest, label, len(blank))
            if documents:
                return "document", _checked(iter(documents), stream, name)
            return "mixed", _checked(_lines_of(b"".join(blank) + rest, label, stream.limit), stream, name)
    # itertools.chain is C code: lines flow from the file as fast as iterating it directly.
    return "lines", _ClosingChain(blank + [first], stream, _closing(stream, name))


def layout(name: str) -> str:
    """How :func:`open_input` reads a file: ``"lines"`` (JSON Lines, or lines some of which are not
    JSON), ``"array"`` (a JSON array) or ``"document"`` (one JSON value over many lines).

    >>> layout("examples/kms_keys.jsonl"), layout("examples/s3_buckets.json")
    ('lines', 'array')
    """
    with reading(name):
        mode, source = open_input(name)
    source.close()
    return {"mixed": "lines", "evtx": "records", "parquet": "records"}.get(mode, mode)


def _checked(items: Iterator[Any], stream: BoundedLines, name: str) -> Iterator[Any]:
    """``items``, then the error of a damaged input (:func:`damaged`) when it ended early."""
    yield from items
    if stream.damage is not None:
        raise damaged(name, stream.damage)


def damaged(name: str, error: BaseException) -> ConditionError:
    """The error of a damaged (truncated, corrupt) gzip input or an unreadable file, naming the file.

    >>> str(damaged("a.gz", EOFError("Compressed file ended before the end-of-stream marker was reached")))
    'a.gz: error[E502]: cannot read the file: damaged gzip data (Compressed file ended before the end-of-stream marker was reached)'
    """
    label = "<stdin>" if name == "-" else name
    if isinstance(error, OSError) and not isinstance(error, gzip.BadGzipFile):
        return ConditionError(f"cannot read the file: {error.strerror or error}", code="E502", source=label)
    return ConditionError(f"cannot read the file: damaged gzip data ({error or type(error).__name__})",
                          code="E502", source=label)


def is_evtx(name: str) -> bool:
    """Whether an input is a Windows event log file, read record by record rather than line by line.

    >>> is_evtx("Security.evtx"), is_evtx("events.jsonl")
    (True, False)
    """
    return name.lower().endswith(".evtx")


def location(file: str, position: int) -> str:
    """Where a record is: ``file:line`` in text, ``file.evtx#record`` in a Windows event log.

    >>> location("a.jsonl", 3), location("Security.evtx", 4625)
    ('a.jsonl:3', 'Security.evtx#4625')
    """
    return f"{file}#{position}" if is_evtx(file) else f"{file}:{position}"


def _evtx_records(name: str) -> Iterator[tuple[int, Any] | Reject]:
    """(EventRecordID, the record as ``evtx_dump -o json`` writes it) for each record of an .evtx file;
    a damaged chunk is a Reject (at the record after the last one read) and reading goes on."""
    try:
        from evtx import PyEvtxParser
    except ImportError:
        raise ConditionError("reading .evtx files needs the evtx extra: pip install 'condition-engine[evtx]'",
                             code="E504", source=name) from None
    try:
        items = iter(PyEvtxParser(name).records_json())
    except OSError as error:
        raise ConditionError(f"cannot read the file: not a Windows event log ({error})",
                             code="E502", source=name) from None
    last = 0
    while True:
        try:
            item = next(items)
        except StopIteration:
            return
        except (OSError, RuntimeError, ValueError) as error:
            yield Reject(name, last + 1, str(error), b"", what="damaged Windows event log", code="E502")
            continue
        assert item is not None  # evtx types its records as optional; it yields one for every record
        last = item["event_record_id"]
        yield last, orjson.loads(item["data"])


def _closing(handle: Any, name: str):
    def close() -> None:
        if name != "-":
            handle.close()
    return close


class _ClosingChain:
    """The first lines, then the rest of the stream; closes the file when done or dropped."""

    def __init__(self, head: list[bytes], stream: BoundedLines, close) -> None:
        self._iterator = itertools.chain(head, stream)
        self.close, self.stream, self.limit = close, stream, stream.limit

    def __iter__(self) -> Iterator[bytes]:
        return self._iterator

    def __del__(self) -> None:
        self.close()


def records(name: str, max_line_bytes: int = 0) -> Iterator[tuple[int, Any] | Reject]:
    """(position, record) for each record of one input — line number for JSON Lines, 1-based
    position for a JSON array — or a Reject for each line that is not a record (:func:`line_record`).

    >>> next(records("examples/kms_keys.jsonl"))[1]["ResourceType"]
    'AWS.KMS.Key'
    """
    label = "<stdin>" if name == "-" else name
    with reading(name):
        mode, source = open_input(name, max_line_bytes)
        if mode != "lines":
            yield from source
            return
        limit = source.limit
        for number, raw in enumerate(source, 1):
            if raw.strip():
                yield line_record(raw, label, number, limit)
        source.close()
        if source.stream.damage is not None:
            raise damaged(name, source.stream.damage)


def line_record(raw: bytes, label: str, number: int, limit: int = MAX_LINE_BYTES) -> tuple[int, Any] | Reject:
    """What one line is, the same in every engine: (number, record), or a Reject when it is not strict
    JSON (NaN, Infinity, a lone surrogate, a number a double cannot hold are not) or was too long.

    >>> line_record(b'{"a": 1}', "f", 1), line_record(b'{"a": NaN}', "f", 2).code
    ((1, {'a': 1}), 'E501')
    """
    if len(raw) > limit + 1:  # a whole line past the limit (as DuckDB hands it over)
        return not_json(raw, label, number, limit, "")
    try:
        return number, orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        return not_json(raw, label, number, limit, error.msg)


def not_json(raw: bytes, label: str, number: int, limit: int, reason: str) -> Reject:
    """The Reject for a line that is not a record: too long (E507, its first ``limit`` bytes kept) or not JSON (E501).

    >>> str(not_json(b"ab" + CUT + b"\\n", "f", 4, 2, "unexpected character"))
    'f:4: error[E507]: line too long: longer than --max-line-bytes (2 bytes); its first 2 bytes kept'
    """
    if cut(raw, limit):
        return Reject(label, number, f"longer than --max-line-bytes ({limit:,} bytes); its first {limit:,} bytes kept",
                      raw[:limit], what="line too long", code="E507")
    return Reject(label, number, reason, raw)


def _array(items: Any) -> Iterator[tuple[int, Any] | Reject]:
    yield from enumerate(items, 1)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


_RECORD_HEADER = re.compile(r"Record \d+[ \t]*\r?\n")
_SPACE = re.compile(r"\s*")


def _documents(data: bytes, label: str = "-", offset: int = 0) -> list[tuple[int, Any] | Reject] | None:
    """Several JSON documents one after another, each possibly over many lines, optionally each after a
    ``Record N`` line (as ``evtx_dump -o json`` writes them): (line where each starts, document), or a
    Reject for a document that is not strict JSON (as a line would be); None when the text is not that.

    >>> _documents(b'Record 1\\n{\\n "a": 1\\n}\\nRecord 2\\n{"a": 2}\\n')
    [(2, {'a': 1}), (6, {'a': 2})]
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    decoder = json.JSONDecoder()
    out: list[tuple[int, Any] | Reject] = []
    position = _after_space(text, 0)
    while position < len(text):
        header = _RECORD_HEADER.match(text, position)
        if header:
            position = _after_space(text, header.end())
            continue
        try:
            _, end = decoder.raw_decode(text, position)  # only where the document ends
        except (json.JSONDecodeError, RecursionError):
            return None
        line = text.count("\n", 0, position) + 1 + offset
        raw = text[position:end].encode("utf-8", "surrogatepass")
        try:  # the document itself read as every line is: strictly, by orjson
            out.append((line, orjson.loads(raw)))
        except orjson.JSONDecodeError as error:
            out.append(Reject(label, line, error.msg, raw))
        position = _after_space(text, end)
    return out or None


def _after_space(text: str, position: int) -> int:
    """Where the white space at ``position`` ends."""
    match = _SPACE.match(text, position)
    assert match is not None  # the pattern matches the empty string
    return match.end()


def _lines_of(data: bytes, label: str, limit: int = MAX_LINE_BYTES) -> Iterator[tuple[int, Any] | Reject]:
    for number, raw in enumerate(io.BytesIO(data), 1):  # lines end at "\n" only, as in every reader
        if raw.strip():
            yield line_record(raw, label, number, limit)


def size_of(name: str) -> int:
    """Bytes on disk of an input (0 for stdin), for progress."""
    return 0 if name == "-" else os.path.getsize(name)
