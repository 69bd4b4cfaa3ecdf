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
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Iterator

import orjson

from ..errors import ConditionError
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


#: What reading a damaged compressed input raises.
DAMAGED = (gzip.BadGzipFile, EOFError, zlib.error)


@contextmanager
def reading(name: str) -> Iterator[None]:
    """Turn a damaged (truncated, corrupt) gzip input into the project's error, naming the file."""
    try:
        yield
    except DAMAGED as error:
        label = "<stdin>" if name == "-" else name
        raise ConditionError(f"cannot read the file: damaged gzip data ({error or type(error).__name__})",
                             code="E502", source=label) from None


def _open(name: str) -> BinaryIO:
    if name == "-":
        stream: BinaryIO = sys.stdin.buffer
        head = stream.peek(2)[:2] if hasattr(stream, "peek") else b""
        return gzip.GzipFile(fileobj=stream) if head == b"\x1f\x8b" else stream
    handle = open(name, "rb")  # noqa: SIM115 - closed by the caller
    if handle.read(2) == b"\x1f\x8b":
        handle.seek(0)
        return gzip.GzipFile(fileobj=handle)  # type: ignore[return-value]
    handle.seek(0)
    return handle


def open_input(name: str) -> tuple[str, Any]:
    """How to read one input: ``("lines", raw lines)`` for JSON Lines, streamed, or
    ``("records", (position, record) | Reject items)`` for a JSON array, a single JSON object
    (possibly over many lines) or a file whose first line is not JSON."""
    label = "<stdin>" if name == "-" else name
    if is_evtx(name):
        return "records", _evtx_records(name)
    if is_parquet(name):
        return "records", parquet_records(name)
    handle = _open(name)
    stream = handle if isinstance(handle, io.BufferedReader) else io.BufferedReader(handle)
    first, blank = b"", []
    for first in stream:
        if first.strip():
            break
        blank.append(first)
    if first.lstrip().startswith(b"["):
        return "records", _array(first + stream.read(), label, _closing(handle, name))
    try:
        orjson.loads(first)
    except orjson.JSONDecodeError:
        rest = first + stream.read()
        _closing(handle, name)()
        try:
            return "records", iter([(_line_of(rest, len(rest) - len(rest.lstrip())), orjson.loads(rest))])
        except orjson.JSONDecodeError:
            documents = _documents(rest)
            return "records", iter(documents) if documents else _lines_of(rest, label)
    # itertools.chain is C code: lines flow from the file as fast as iterating it directly.
    return "lines", _ClosingChain(blank + [first], stream, _closing(handle, name))


def layout(name: str) -> str:
    """How :func:`open_input` reads a file: ``"lines"`` (JSON Lines, or lines some of which are not
    JSON), ``"array"`` (a JSON array) or ``"document"`` (one JSON value over many lines).

    >>> layout("examples/kms_keys.jsonl"), layout("examples/s3_buckets.json")
    ('lines', 'array')
    """
    with reading(name):
        mode, source = open_input(name)
    if mode == "lines":
        source.close()
        return "lines"
    if source.__class__ is _LIST_ITERATOR:  # one document, or several one after another
        return "document"
    return "array" if source.__name__ == "_array" else "lines"  # a generator: _array or _lines_of


_LIST_ITERATOR = type(iter([]))


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
        last = item["event_record_id"]
        yield last, orjson.loads(item["data"])


def _closing(handle: Any, name: str):
    def close() -> None:
        if name != "-":
            handle.close()
    return close


class _ClosingChain:
    """The first lines, then the rest of the stream; closes the file when done or dropped."""

    def __init__(self, head: list[bytes], stream: Any, close) -> None:
        self._iterator = itertools.chain(head, stream)
        self.close = close

    def __iter__(self) -> Iterator[bytes]:
        return self._iterator

    def __del__(self) -> None:
        self.close()


def records(name: str) -> Iterator[tuple[int, Any] | Reject]:
    """(position, record) for each record of one input — line number for JSON Lines, 1-based
    position for a JSON array — or a Reject for each line that is not JSON.

    >>> next(records("examples/kms_keys.jsonl"))[1]["ResourceType"]
    'AWS.KMS.Key'
    """
    label = "<stdin>" if name == "-" else name
    with reading(name):
        mode, source = open_input(name)
        if mode == "records":
            yield from source
            return
        for number, raw in enumerate(source, 1):
            try:
                yield number, orjson.loads(raw)
            except orjson.JSONDecodeError as error:
                if raw.strip():
                    yield Reject(label, number, error.msg, raw)


def _array(data: bytes, label: str, close) -> Iterator[tuple[int, Any] | Reject]:
    close()
    try:
        items = orjson.loads(data)
    except orjson.JSONDecodeError as error:
        yield Reject(label, _line_of(data, error.pos), error.msg, data)
        return
    for position, item in enumerate(items, 1):
        yield position, item


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


_RECORD_HEADER = re.compile(r"Record \d+[ \t]*\r?\n")
_SPACE = re.compile(r"\s*")


def _documents(data: bytes) -> list[tuple[int, Any]] | None:
    """Several JSON documents one after another, each possibly over many lines, optionally each after a
    ``Record N`` line (as ``evtx_dump -o json`` writes them): (line where each starts, document); None
    when the text is not that.

    >>> _documents(b'Record 1\\n{\\n "a": 1\\n}\\nRecord 2\\n{"a": 2}\\n')
    [(2, {'a': 1}), (6, {'a': 2})]
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    decoder = json.JSONDecoder()
    out: list[tuple[int, Any]] = []
    position = _SPACE.match(text).end()
    while position < len(text):
        header = _RECORD_HEADER.match(text, position)
        if header:
            position = _SPACE.match(text, header.end()).end()
            continue
        try:
            document, end = decoder.raw_decode(text, position)
        except json.JSONDecodeError:
            return None
        out.append((text.count("\n", 0, position) + 1, document))
        position = _SPACE.match(text, end).end()
    return out or None


def _lines_of(data: bytes, label: str) -> Iterator[tuple[int, Any] | Reject]:
    for number, raw in enumerate(data.splitlines(keepends=True), 1):
        if not raw.strip():
            continue
        try:
            yield number, orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            yield Reject(label, number, error.msg, raw)


def size_of(name: str) -> int:
    """Bytes on disk of an input (0 for stdin), for progress."""
    return 0 if name == "-" else os.path.getsize(name)
