"""MS-CFB writer: read back with olefile, check header, FAT/DIFAT, red-black tree."""

from __future__ import annotations

import io
import random
import struct

import olefile
import pytest

from shibai_xl.addin.cfb import build_compound_file, cfb_name_key

NOSTREAM = 0xFFFFFFFF


def _streams(seed: int = 7) -> dict[str, bytes]:
    rnd = random.Random(seed)
    out = {
        "PROJECT": b"ID=\"{X}\"\r\n",
        "PROJECTwm": b"",
        "VBA/_VBA_PROJECT": bytes.fromhex("CC61FFFF000100"),
        "VBA/cutoff_minus_1": b"m" * 4095,  # largest mini-stream stream
        "VBA/cutoff": b"r" * 4096,  # smallest regular stream
        "VBA/Sub/deep": b"nested storage",
        "Zeta": b"z" * 70000,
    }
    for i in range(25):
        out[f"VBA/Module{i:02d}"] = bytes(rnd.getrandbits(8) for _ in range(rnd.randint(1, 9000)))
    return out


def _open(data: bytes) -> olefile.OleFileIO:
    return olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)


def test_olefile_reads_back_every_stream() -> None:
    streams = _streams()
    data = build_compound_file(streams)
    ole = _open(data)
    assert sorted("/".join(p) for p in ole.listdir()) == sorted(streams)
    for path, content in streams.items():
        assert ole.get_size(path) == len(content)
        assert ole.openstream(path).read() == content, path
    assert ole.get_type("VBA") == olefile.STGTY_STORAGE
    assert ole.get_type("VBA/Sub") == olefile.STGTY_STORAGE
    # no timestamps anywhere: deterministic output
    for entry in ole.direntries:
        if entry is not None:
            assert entry.createTime == 0 and entry.modifyTime == 0
    assert ole.parsing_issues == []
    ole.close()


def test_header_fields_and_size() -> None:
    data = build_compound_file(_streams())
    (sig, clsid, minor, major, order, sshift, mshift, _r, ndir, nfat, dir_start, _t, cutoff,
     minifat_start, nminifat, difat_start, ndifat) = struct.unpack_from("<8s16sHHHHH6sIIIIIIIII", data)
    assert sig == bytes.fromhex("D0CF11E0A1B11AE1") and clsid == bytes(16)
    assert (minor, major, order, sshift, mshift) == (0x3E, 3, 0xFFFE, 9, 6)
    assert ndir == 0 and cutoff == 4096 and ndifat == 0 and difat_start == 0xFFFFFFFE
    assert nminifat >= 1 and nfat >= 1
    assert len(data) % 512 == 0


def test_mini_stream_cutoff() -> None:
    data = build_compound_file(_streams())
    ole = _open(data)
    small = ole._find("VBA/cutoff_minus_1")
    big = ole._find("VBA/cutoff")
    # [MS-CFB] 2.6.3: streams shorter than the cutoff live in the mini stream;
    # olefile decides the same way, so a wrong placement would not read back.
    assert ole.direntries[small].size < ole.minisectorcutoff <= ole.direntries[big].size
    ole.close()


def test_difat_for_more_than_109_fat_sectors() -> None:
    # 109 FAT sectors cover 109*128 sectors ~ 6.8 MiB; go beyond that.
    payload = bytes(range(256)) * (7 * 1024 * 4)  # 7 MiB
    data = build_compound_file({"big": payload, "small": b"x"})
    ndifat = struct.unpack_from("<I", data, 0x48)[0]
    nfat = struct.unpack_from("<I", data, 0x2C)[0]
    assert nfat > 109 and ndifat >= 1
    ole = _open(data)
    assert ole.openstream("big").read() == payload
    assert ole.openstream("small").read() == b"x"
    ole.close()


def _check_rb_tree(ole: olefile.OleFileIO) -> int:
    """Validate [MS-CFB] 2.6.4 for every storage; return number of storages."""
    entries = ole.direntries
    storages = 0
    for entry in entries:
        if entry is None or entry.entry_type not in (olefile.STGTY_STORAGE, olefile.STGTY_ROOT):
            continue
        storages += 1
        root = entry.sid_child
        if root == NOSTREAM:
            continue
        assert entries[root].color == 1, "root of a sibling tree must be black"
        black_heights = set()

        def walk(sid, lo, hi, blacks, parent_red, black_heights=black_heights):
            if sid == NOSTREAM:
                black_heights.add(blacks)
                return 0
            node = entries[sid]
            key = cfb_name_key(node.name)
            assert (lo is None or lo < key) and (hi is None or key < hi), "BST order"
            red = node.color == 0
            assert not (red and parent_red), "red node with red parent"
            b = blacks + (0 if red else 1)
            return 1 + walk(node.sid_left, lo, key, b, red) + walk(node.sid_right, key, hi, b, red)

        count = walk(root, None, None, 0, False)
        assert count == len(entry.kids)
        assert len(black_heights) == 1, "unequal black height"
    return storages


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 7, 8, 15, 16, 31, 33])
def test_sibling_tree_is_a_valid_red_black_tree(n: int) -> None:
    streams = {f"S/n{i:03d}": b"." for i in range(n)}
    streams.update({"a": b"1", "BB": b"2"})
    ole = _open(build_compound_file(streams))
    assert _check_rb_tree(ole) == 2
    ole.close()


def test_name_order_rules() -> None:
    # shorter first, then upper-case code unit comparison
    names = ["dir", "PROJECT", "_VBA_PROJECT", "Zz", "aB", "ab2", "PROJECTwm"]
    ordered = sorted(names, key=cfb_name_key)
    assert ordered == ["aB", "Zz", "ab2", "dir", "PROJECT", "PROJECTwm", "_VBA_PROJECT"]
    assert cfb_name_key("abc") == cfb_name_key("ABC")


def test_deterministic() -> None:
    assert build_compound_file(_streams(3)) == build_compound_file(dict(reversed(_streams(3).items())))


@pytest.mark.parametrize(
    "streams",
    [
        {"x" * 32: b""},  # > 31 UTF-16 code units
        {"VBA/dir": b"", "VBA/DIR": b""},  # names compare case-insensitively
        {"VBA": b"", "VBA/dir": b""},  # stream and storage at once
        {"a:b": b""},
    ],
)
def test_rejects_invalid_names(streams) -> None:
    with pytest.raises(ValueError):
        build_compound_file(streams)
