"""An input's lines, each at most ``--max-line-bytes`` long, read as a stream in bounded memory.

A longer line reaches the reader as its first bytes and a NUL (:data:`CUT`), which no JSON text holds, so that
the line is rejected where it is (:func:`cut`), and the rest of the input read on; a damaged compressed stream
ends where the damage is, every byte decoded before it passed on.
"""
from __future__ import annotations

import gzip
import io
import zlib
from typing import Any

#: What reading a damaged compressed input raises.
DAMAGED = (gzip.BadGzipFile, EOFError, zlib.error)

#: The longest line a scan reads by default (bytes, without the line end), as DuckDB's reader: 16 MiB.
MAX_LINE_BYTES = 1 << 24
#: What ends the first ``max_line_bytes`` of a longer line: a NUL, which no JSON text holds.
CUT = b"\x00"
_CHUNK = 1 << 20


class _Bounded(io.RawIOBase):
    """The bytes of a stream with every line longer than ``limit`` cut to its first ``limit`` bytes and
    :data:`CUT`; a damaged compressed stream ends where the damage is (the error kept in ``error``)."""

    def __init__(self, source: Any, limit: int) -> None:
        self.source, self.limit = source, limit
        self.error: Exception | None = None
        self.size = max(1, min(_CHUNK, limit))  # no line inside one chunk can be too long
        self.since, self.skipping = 0, False  # bytes of the current line passed on; dropping a line's rest
        self.pending = b""
        # read1: what is there, so that a damaged gzip stream gives every byte decoded before the damage
        self._read = getattr(source, "read1", source.read)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.pending or self._next()
        size = min(len(buffer), len(data))
        buffer[:size] = data[:size]
        self.pending = data[size:]
        return size

    def _next(self) -> bytes:
        while True:
            try:
                data = self._read(self.size)
            except (*DAMAGED, OSError) as error:  # damaged, or unreadable part way: the input ends here
                self.error = error
                return b""
            if not data:
                return b""
            if self.skipping:
                newline = data.find(b"\n")
                if newline < 0:
                    continue
                data, self.skipping, self.since = data[newline:], False, 0
            first = data.find(b"\n")
            if self.since + (len(data) if first < 0 else first) > self.limit:  # a line too long: cut it
                keep = self.limit - self.since
                if first < 0:
                    data, self.skipping = data[:keep] + CUT, True
                else:
                    data = data[:keep] + CUT + data[first:]
            last = data.rfind(b"\n")
            self.since = 0 if self.skipping else self.since + len(data) if last < 0 else len(data) - last - 1
            return data


class BoundedLines(io.BufferedReader):
    """An input's lines, each at most ``limit`` bytes (a longer one: its first ``limit`` bytes and
    :data:`CUT`); ``damage`` is what ended a damaged compressed input early (None when it was whole)."""

    def __init__(self, source: Any, limit: int, handle: Any) -> None:
        self._bounded, self._handle, self.limit = _Bounded(source, limit), handle, limit
        super().__init__(self._bounded, buffer_size=_CHUNK)

    @property
    def damage(self) -> BaseException | None:
        return self._bounded.error

    def close(self) -> None:
        super().close()
        if self._handle is not None:
            self._handle.close()


def cut(raw: bytes, limit: int) -> bool:
    """Whether a line is longer than ``limit`` (a line read through :class:`BoundedLines` is then cut).

    >>> cut(b"ab" + CUT + b"\\n", 2), cut(b"ab\\n", 2)
    (True, False)
    """
    return len(raw) > limit and len(raw.rstrip(b"\r\n")) > limit
