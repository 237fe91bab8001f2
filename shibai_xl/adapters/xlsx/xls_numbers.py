"""Negative numbers of an .xls sheet (BIFF8; WPS .et), as stored, for the cells calamine reads as something else.

The .xls side of :mod:`.negative_numbers`: calamine reads a negative number in a date-formatted cell as a time of
day, and panics on a sheet holding one below about -1e12. The numbers are read from the sheet's cell records
(NUMBER, RK, MULRK, a FORMULA's cached number); for the panic, the file is copied in memory with those cells in
the default cell format (XF 15, General), which calamine reads.
"""
from __future__ import annotations

import io
import struct
from collections.abc import Iterator
from datetime import time, timedelta
from typing import Any

from .legacy import _sheet_offsets, sheet_records

_NUMBER, _RK, _MULRK, _FORMULA = 0x0203, 0x027E, 0x00BD, 0x0006
_GENERAL_XF = 15          # [MS-XLS] 2.5.282: the sixteenth XF is the default cell format


def _rk(value: int) -> float:
    """[MS-XLS] RkNumber: a 30-bit integer or the top of a double, perhaps ×100."""
    number = float(value >> 2) if value & 2 else struct.unpack("<d", struct.pack("<Q", (value & 0xFFFFFFFC) << 32))[0]
    return number / 100 if value & 1 else number


def numbers(stream: bytes, pos: int) -> Iterator[tuple[int, int, int, float]]:
    """(row, column, offset of the cell's XF index in the stream, number) of each cell of the worksheet substream at
    ``pos`` holding a number (0-based row and column)."""
    for rid, body, length in sheet_records(stream, pos):
        if rid in (_NUMBER, _FORMULA) and length >= 14:
            if rid == _FORMULA and stream[body + 12:body + 14] == b"\xff\xff":
                continue                          # a text, logical or error result
            number = struct.unpack_from("<d", stream, body + 6)[0]
        elif rid == _RK and length >= 10:
            number = _rk(struct.unpack_from("<i", stream, body + 6)[0])
        elif rid == _MULRK and length >= 6:
            row, first = struct.unpack_from("<HH", stream, body)
            for i in range((length - 6) // 6):
                at = body + 4 + 6 * i
                yield row, first + i, at, _rk(struct.unpack_from("<i", stream, at + 2)[0])
            continue
        else:
            continue
        row, col = struct.unpack_from("<HH", stream, body)
        yield row, col, body + 4, number


def negatives(stream: bytes, pos: int) -> Iterator[tuple[int, int, int, float]]:
    """:func:`numbers` of the cells holding a negative number."""
    return (cell for cell in numbers(stream, pos) if cell[3] < 0)


def sheet_offset(stream: bytes, sheet: str) -> int:
    """Where the sheet's substream begins in the Workbook stream (-1: not listed)."""
    return next((pos for name, pos in _sheet_offsets(stream) if name == sheet), -1)


def stored_back(rows: list[list[Any]], stream: bytes | None, sheet: str) -> list[list[Any]]:
    """calamine's rows of an .xls sheet with its negative numbers put back where calamine made them a date or a
    time (a sheet calamine read without a date or time is not walked)."""
    if not stream or not any(read_as_time(v) for row in rows for v in row):
        return rows
    for row, col, _, number in negatives(stream, sheet_offset(stream, sheet)):
        if row < len(rows) and col < len(rows[row]) and read_as_time(rows[row][col]):
            rows[row][col] = number
    return rows


def read_as_time(value: Any) -> bool:
    """A time of day or a duration: what calamine makes of a negative number, or one from 0 to below 1, in a date
    or time format (a sheet with none, every application's form among them, is not walked)."""
    return isinstance(value, (time, timedelta))


def plain_copy(file: bytes, stream: bytes, sheet: str) -> io.BytesIO | None:
    """The .xls file (its bytes, ``file``) in memory with the sheet's negative numbers in the General format; None
    when it holds none or the copy cannot be made."""
    import olefile

    patched = bytearray(stream)
    for _, _, at, _ in negatives(stream, sheet_offset(stream, sheet)):
        struct.pack_into("<H", patched, at, _GENERAL_XF)
    if patched == stream:
        return None
    out = io.BytesIO(file)
    try:
        with olefile.OleFileIO(out, write_mode=True) as ole:
            name = next(s for s in ("Workbook", "Book") if ole.exists(s))
            ole.write_stream(name, bytes(patched))
    except Exception:  # noqa: BLE001 — olefile on an unusual compound file: the first refusal stands
        return None
    out.seek(0)
    return out
