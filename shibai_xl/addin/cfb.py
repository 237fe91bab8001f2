"""Minimal, deterministic writer for Compound File Binary files ([MS-CFB]).

``olefile`` can read compound files but can only overwrite streams in place,
and the PyPI packages that write CFB are either reader-first betas (``cfb``)
or AGPL-licensed (``cfbwrite``).  A ``vbaProject.bin`` only needs a handful of
small streams, so this module writes version 3 compound files itself:

* [MS-CFB] 2.2  Compound File Header: version 3 (``0x0003``/minor ``0x003E``),
  512-byte sectors (sector shift 9), 64-byte mini sectors (shift 6),
  mini stream cutoff 4096, number of directory sectors 0 (required for v3).
* [MS-CFB] 2.3  Compound File Sector numbers: ``FATSECT``, ``DIFSECT``,
  ``ENDOFCHAIN``, ``FREESECT`` markers.
* [MS-CFB] 2.4  FAT sectors, 2.5 DIFAT sectors (used when more than 109 FAT
  sectors are needed), 2.6 directory entries (128 bytes each), 2.6.4 the
  red-black tree of siblings, 2.7 the mini FAT / mini stream for streams
  shorter than the cutoff.

Determinism: every creation/modification time is zero, every CLSID is the
null CLSID unless one is given, the directory order and the sector layout are
functions of the input only.  Same input -> same bytes.

Sector layout written here: ``[FAT][DIFAT][directory][mini FAT][mini stream]
[large streams...]``.  Each chain is contiguous.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["build_compound_file", "cfb_name_key"]

SECTOR_SIZE = 512
MINI_SECTOR_SIZE = 64
MINI_STREAM_CUTOFF = 4096
DIR_ENTRY_SIZE = 128
HEADER_DIFAT_ENTRIES = 109

MAXREGSECT = 0xFFFFFFFA
DIFSECT = 0xFFFFFFFC
FATSECT = 0xFFFFFFFD
ENDOFCHAIN = 0xFFFFFFFE
FREESECT = 0xFFFFFFFF
NOSTREAM = 0xFFFFFFFF

SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")

TYPE_STORAGE = 1
TYPE_STREAM = 2
TYPE_ROOT = 5
RED = 0
BLACK = 1

NULL_CLSID = b"\x00" * 16


def _simple_upper(ch: str) -> str:
    up = ch.upper()
    # [MS-CFB] 2.6.4 uses the *simple* case mapping: one code point in, one out.
    return up if len(up) == 1 else ch


def cfb_name_key(name: str) -> tuple[int, tuple[int, ...]]:
    """Sort key of a directory entry name per [MS-CFB] 2.6.4.

    Shorter names (counted in UTF-16 code units) sort first; names of equal
    length are compared code unit by code unit after simple upper-casing.
    """
    units = name.encode("utf-16-le")
    upper = "".join(_simple_upper(c) for c in name).encode("utf-16-le")
    codes = struct.unpack(f"<{len(upper) // 2}H", upper)
    return (len(units) // 2, codes)


@dataclass
class _Entry:
    name: str
    kind: int
    data: bytes = b""
    clsid: bytes = NULL_CLSID
    children: list[_Entry] = field(default_factory=list)
    sid: int = -1
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    color: int = BLACK
    start: int = ENDOFCHAIN
    size: int = 0


def _check_name(name: str) -> None:
    if not name:
        raise ValueError("empty CFB entry name")
    if len(name.encode("utf-16-le")) // 2 > 31:
        raise ValueError(f"CFB entry name longer than 31 UTF-16 code units: {name!r}")
    for bad in "/\\:!":
        if bad in name:
            raise ValueError(f"illegal character {bad!r} in CFB entry name {name!r}")


def _build_tree(streams: Mapping[str, bytes], clsids: Mapping[str, bytes]) -> _Entry:
    root = _Entry("Root Entry", TYPE_ROOT, clsid=clsids.get("", NULL_CLSID))
    by_path: dict[str, _Entry] = {"": root}
    for path in sorted(streams):
        parts = path.split("/")
        parent = root
        for depth, part in enumerate(parts):
            _check_name(part)
            sub = "/".join(parts[: depth + 1])
            last = depth == len(parts) - 1
            node = by_path.get(sub)
            if node is None:
                if last:
                    node = _Entry(part, TYPE_STREAM, data=bytes(streams[path]))
                else:
                    node = _Entry(part, TYPE_STORAGE, clsid=clsids.get(sub, NULL_CLSID))
                by_path[sub] = node
                keys = {cfb_name_key(c.name) for c in parent.children}
                if cfb_name_key(part) in keys:
                    raise ValueError(f"duplicate CFB name (case-insensitive): {sub!r}")
                parent.children.append(node)
            elif last or node.kind != TYPE_STORAGE:
                raise ValueError(f"CFB path used both as stream and storage: {sub!r}")
            parent = node
    for path in clsids:
        if path not in by_path or by_path[path].kind == TYPE_STREAM:
            raise ValueError(f"CLSID given for unknown storage {path!r}")
    return root


def _assign_ids(root: _Entry) -> list[_Entry]:
    """Pre-order, children in CFB order: a stable, input-only numbering."""
    order: list[_Entry] = []

    def visit(node: _Entry) -> None:
        node.sid = len(order)
        order.append(node)
        node.children.sort(key=lambda e: cfb_name_key(e.name))
        for c in node.children:
            visit(c)

    visit(root)
    return order


def _link_siblings(parent: _Entry) -> None:
    """Build a valid red-black tree ([MS-CFB] 2.6.4) over ``parent.children``.

    The children are sorted; a size-balanced BST is built by taking midpoints.
    In such a tree every empty link sits at depth ``h`` or ``h + 1``; if the
    bottom level is incomplete its nodes are coloured red, everything else
    black.  This satisfies: black root, no red node with a red child, equal
    black height on every path, and left < node < right by the CFB order.
    """
    kids = parent.children
    if not kids:
        parent.child = NOSTREAM
        return
    n = len(kids)
    full_levels = (n + 1).bit_length() - 1  # levels that are completely filled
    bottom_incomplete = (1 << full_levels) - 1 != n

    def build(lo: int, hi: int, depth: int) -> int:
        if lo >= hi:
            return NOSTREAM
        mid = (lo + hi) // 2
        node = kids[mid]
        node.left = build(lo, mid, depth + 1)
        node.right = build(mid + 1, hi, depth + 1)
        node.color = RED if (bottom_incomplete and depth == full_levels) else BLACK
        return node.sid

    parent.child = build(0, n, 0)
    for k in kids:
        if k.kind == TYPE_STORAGE:
            _link_siblings(k)


def _sectors(nbytes: int, unit: int = SECTOR_SIZE) -> int:
    return (nbytes + unit - 1) // unit


def _pad(data: bytes, unit: int) -> bytes:
    rem = len(data) % unit
    return data if rem == 0 else data + b"\x00" * (unit - rem)


def build_compound_file(
    streams: Mapping[str, bytes], clsids: Mapping[str, bytes] | None = None
) -> bytes:
    """Return the bytes of a CFB v3 file holding ``streams``.

    ``streams`` maps ``"STORAGE/SUB/STREAM"`` paths to contents; storages are
    created implicitly.  ``clsids`` optionally maps storage paths (``""`` for
    the root) to 16-byte CLSIDs.
    """
    clsids = dict(clsids or {})
    for k, v in clsids.items():
        if len(v) != 16:
            raise ValueError(f"CLSID for {k!r} must be 16 bytes")
    root = _build_tree(streams, clsids)
    entries = _assign_ids(root)
    _link_siblings(root)
    mini_fat, mini_stream, large = _mini_stream(entries)
    n_dir = _sectors(len(entries) * DIR_ENTRY_SIZE)
    n_minifat = _sectors(len(mini_fat) * 4)
    n_ministream = _sectors(len(mini_stream))
    n_large = sum(_sectors(e.size) for e in large)
    layout = _Layout.plan(n_dir + n_minifat + n_ministream + n_large)
    dir_start = layout.chain(n_dir)
    minifat_start = layout.chain(n_minifat)
    ministream_start = layout.chain(n_ministream)
    for e in large:
        e.start = layout.chain(_sectors(e.size))
    assert layout.cursor == layout.total

    root.start = ministream_start if mini_stream else ENDOFCHAIN
    root.size = len(mini_stream)

    out = bytearray(_header(layout, dir_start, minifat_start, n_minifat))
    out += struct.pack(f"<{len(layout.fat)}I", *layout.fat)
    out += _difat(layout)
    out += _directory(entries)
    out += struct.pack(f"<{len(mini_fat)}I", *mini_fat)
    out += struct.pack("<I", FREESECT) * ((-len(mini_fat)) % (SECTOR_SIZE // 4))
    out += _pad(bytes(mini_stream), SECTOR_SIZE)
    for e in large:
        out += _pad(e.data, SECTOR_SIZE)

    assert len(out) == SECTOR_SIZE * (1 + layout.total)
    return bytes(out)


def _mini_stream(entries: list[_Entry]) -> tuple[list[int], bytearray, list[_Entry]]:
    """([MS-CFB] 2.7) The mini FAT and mini stream holding the small streams, and the large streams."""
    mini_fat: list[int] = []
    mini_stream = bytearray()
    large: list[_Entry] = []
    for e in entries:
        if e.kind != TYPE_STREAM:
            continue
        e.size = len(e.data)
        if e.size == 0:
            e.start = ENDOFCHAIN
        elif e.size < MINI_STREAM_CUTOFF:
            first = len(mini_fat)
            count = _sectors(e.size, MINI_SECTOR_SIZE)
            mini_fat.extend(range(first + 1, first + count))
            mini_fat.append(ENDOFCHAIN)
            mini_stream += _pad(e.data, MINI_SECTOR_SIZE)
            e.start = first
        else:
            large.append(e)
    return mini_fat, mini_stream, large


@dataclass
class _Layout:
    """The sectors of the file after the header: FAT sectors, DIFAT sectors, then chains in order."""
    n_fat: int
    n_difat: int
    total: int
    fat: list[int]
    fat_sectors: list[int]
    difat_sectors: list[int]
    cursor: int

    @classmethod
    def plan(cls, n_data: int) -> _Layout:
        # The FAT must also describe the FAT and DIFAT sectors themselves.
        n_fat = 1
        while True:
            n_difat = 0 if n_fat <= HEADER_DIFAT_ENTRIES else math.ceil(
                (n_fat - HEADER_DIFAT_ENTRIES) / (SECTOR_SIZE // 4 - 1)
            )
            total = n_fat + n_difat + n_data
            if n_fat * (SECTOR_SIZE // 4) >= total:
                break
            n_fat += 1
        if total > MAXREGSECT:
            raise ValueError("compound file too large")
        fat = [FREESECT] * (n_fat * (SECTOR_SIZE // 4))
        fat_sectors = list(range(0, n_fat))
        for s in fat_sectors:
            fat[s] = FATSECT
        difat_sectors = list(range(n_fat, n_fat + n_difat))
        for s in difat_sectors:
            fat[s] = DIFSECT
        return cls(n_fat, n_difat, total, fat, fat_sectors, difat_sectors, n_fat + n_difat)

    def chain(self, count: int) -> int:
        """The next ``count`` sectors as one FAT chain; its first sector (ENDOFCHAIN for none)."""
        if count == 0:
            return ENDOFCHAIN
        first = self.cursor
        for s in range(first, first + count - 1):
            self.fat[s] = s + 1
        self.fat[first + count - 1] = ENDOFCHAIN
        self.cursor += count
        return first


def _header(layout: _Layout, dir_start: int, minifat_start: int, n_minifat: int) -> bytes:
    """[MS-CFB] 2.2."""
    header_difat = layout.fat_sectors[:HEADER_DIFAT_ENTRIES]
    header_difat += [FREESECT] * (HEADER_DIFAT_ENTRIES - len(header_difat))
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        SIGNATURE,
        NULL_CLSID,
        0x003E,  # minor version
        0x0003,  # major version 3
        0xFFFE,  # byte order: little endian
        9,  # sector shift -> 512
        6,  # mini sector shift -> 64
        b"\x00" * 6,
        0,  # number of directory sectors: MUST be 0 for v3
        layout.n_fat,
        dir_start,
        0,  # transaction signature
        MINI_STREAM_CUTOFF,
        minifat_start,
        n_minifat,
        layout.difat_sectors[0] if layout.difat_sectors else ENDOFCHAIN,
        layout.n_difat,
    ) + struct.pack(f"<{HEADER_DIFAT_ENTRIES}I", *header_difat)
    assert len(header) == SECTOR_SIZE
    return header


def _difat(layout: _Layout) -> bytes:
    """DIFAT sectors ([MS-CFB] 2.5): 127 FAT sector numbers + next pointer."""
    out = bytearray()
    rest = layout.fat_sectors[HEADER_DIFAT_ENTRIES:]
    per = SECTOR_SIZE // 4 - 1
    sectors = layout.difat_sectors
    for i in range(len(sectors)):
        part = rest[i * per : (i + 1) * per]
        part += [FREESECT] * (per - len(part))
        nxt = sectors[i + 1] if i + 1 < len(sectors) else ENDOFCHAIN
        out += struct.pack(f"<{per + 1}I", *part, nxt)
    return bytes(out)


def _directory(entries: list[_Entry]) -> bytes:
    """Directory ([MS-CFB] 2.6), padded to whole sectors with unused entries."""
    dir_bytes = bytearray()
    for e in entries:
        name16 = e.name.encode("utf-16-le") + b"\x00\x00"
        dir_bytes += struct.pack(
            "<64sHBBIII16sIQQIQ",
            name16,
            len(name16),
            e.kind,
            e.color,
            e.left,
            e.right,
            e.child if e.kind in (TYPE_STORAGE, TYPE_ROOT) else NOSTREAM,
            e.clsid,
            0,  # state bits
            0,  # creation time (MUST be 0 for the root; 0 = not recorded)
            0,  # modified time
            e.start if e.kind != TYPE_STORAGE else 0,
            e.size if e.kind != TYPE_STORAGE else 0,
        )
    unused = struct.pack(
        "<64sHBBIII16sIQQIQ", b"", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM,
        NULL_CLSID, 0, 0, 0, 0, 0,
    )
    while len(dir_bytes) % SECTOR_SIZE:
        dir_bytes += unused
    return bytes(dir_bytes)
