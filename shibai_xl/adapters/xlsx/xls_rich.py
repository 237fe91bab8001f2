"""The rich-text runs of an .xls's shared strings (SST record, [MS-XLS] 2.4.265 / XLUnicodeRichExtendedString):
which font each run of a string's characters has, to tell a 企业名称 struck through in part of its text (a former
name crossed out beside the new one) from one struck in all of it (:meth:`.xls_formats.XlsFormats.struck_rows`).

A string's characters may run on into the CONTINUE record after the SST: there they start again with a flags byte
of their own (bit 0: UTF-16); the rest (counts, runs, extension data) simply runs on. Only the strings that have
runs are kept; anything unexpected ends the reading with what was read."""
from __future__ import annotations

import struct

from .legacy import _CONTINUE, _EOF

_SST = 0x00FC
Runs = list[tuple[int, int]]    # (first character, font index) of each run


def sst_runs(stream: bytes) -> dict[int, tuple[str, Runs]]:
    """Shared string index → (text, runs) of the strings of the workbook globals holding rich-text runs."""
    segments = _segments(stream)
    if not segments:
        return {}
    out: dict[int, tuple[str, Runs]] = {}
    reader = _Reader(segments)
    try:
        reader.pos = 8
        count = struct.unpack_from("<I", segments[0], 4)[0]
        for i in range(count):
            cch, flags = reader.unpack("<H", 2)[0], reader.byte()
            runs = reader.unpack("<H", 2)[0] if flags & 8 else 0
            ext = reader.unpack("<I", 4)[0] if flags & 4 else 0
            text = reader.chars(cch, flags & 1)
            if runs:
                out[i] = (text, [reader.unpack("<HH", 4) for _ in range(runs)])
            reader.skip(ext)
    except (struct.error, IndexError, UnicodeDecodeError):
        pass
    return out


def _segments(stream: bytes) -> list[bytes]:
    """The bodies of the SST record and the CONTINUE records after it, apart."""
    pos, found = 0, []
    while pos + 4 <= len(stream):
        rid, length = struct.unpack_from("<HH", stream, pos)
        body = stream[pos + 4:pos + 4 + length]
        pos += 4 + length
        if found and rid != _CONTINUE or rid == _EOF:
            break
        if rid == _SST or found:
            found.append(body)
    return found


class _Reader:
    """A cursor over the record bodies, a character array starting again with a flags byte in the next one."""

    def __init__(self, segments: list[bytes]) -> None:
        self.segments, self.seg, self.pos = segments, 0, 0

    def _take(self, n: int) -> bytes:
        out = b""
        while len(out) < n:
            body = self.segments[self.seg]
            if self.pos >= len(body):
                self.seg, self.pos = self.seg + 1, 0
                continue
            piece = body[self.pos:self.pos + n - len(out)]
            self.pos += len(piece)
            out += piece
        return out

    def unpack(self, fmt: str, size: int) -> tuple:
        return struct.unpack(fmt, self._take(size))

    def byte(self) -> int:
        return self._take(1)[0]

    def skip(self, n: int) -> None:
        self._take(n)

    def chars(self, cch: int, wide: int) -> str:
        text = ""
        while len(text) < cch:
            if self.pos >= len(self.segments[self.seg]):     # on into a CONTINUE: its own flags byte
                self.seg, self.pos = self.seg + 1, 0
                wide = self.byte() & 1
            body = self.segments[self.seg]
            size = 2 if wide else 1
            n = min(cch - len(text), (len(body) - self.pos) // size)
            raw = body[self.pos:self.pos + n * size]
            self.pos += n * size
            text += raw.decode("utf-16-le") if wide else raw.decode("latin-1")
            if n == 0 and self.pos < len(body):      # a half character: not a well-formed string
                raise IndexError
        return text
