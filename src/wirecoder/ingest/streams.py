"""Bounded reading of byte streams: never hold more of an input than is needed."""

from __future__ import annotations

import codecs
import io
import os
from collections.abc import Iterator
from typing import BinaryIO

__all__ = ["PrefixedStream", "count_chars", "iter_lines", "read_at_most", "stream_size"]

_CHUNK = 1 << 18


def read_at_most(stream: BinaryIO, limit: int) -> tuple[bytes, bool]:
    """Return up to ``limit`` bytes of ``stream`` and whether more bytes follow."""
    data = stream.read(limit + 1)
    return data[:limit], len(data) > limit


def stream_size(stream: BinaryIO) -> int | None:
    """Return the size in bytes of a file-backed stream, or None."""
    try:
        return os.fstat(stream.fileno()).st_size
    except (OSError, AttributeError, io.UnsupportedOperation):
        return None


def count_chars(prefix: bytes, stream: BinaryIO, encoding: str) -> int:
    """Return the number of characters in ``prefix`` followed by the rest of ``stream``.

    Reads the rest in 256 KiB chunks, so memory stays bounded however large the input.
    """
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    total = len(decoder.decode(prefix))
    while chunk := stream.read(_CHUNK):
        total += len(decoder.decode(chunk))
    return total + len(decoder.decode(b"", final=True))


def iter_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Yield (line number, line) for each line; a line longer than ``limit`` bytes gives None.

    An overlong line is skipped chunk by chunk, never held whole in memory.
    """
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) <= limit or line.endswith(b"\n"):
            yield number, line
            continue
        while line and not line.endswith(b"\n"):
            line = stream.readline(_CHUNK)
        yield number, None


class PrefixedStream(io.RawIOBase):
    """A read-only stream of ``prefix`` followed by ``rest`` (to sniff stdin, then read it all)."""

    def __init__(self, prefix: bytes, rest: BinaryIO) -> None:
        self._prefix = memoryview(prefix)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._prefix:
            n = min(len(buffer), len(self._prefix))
            buffer[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
