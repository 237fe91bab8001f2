"""MS-OVBA 2.4.1 compression: spec vectors, Excel-written data, round trips."""

from __future__ import annotations

import random
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oletools.olevba import decompress_stream

from shibai_xl.addin.ovba import compress, decompress

# [MS-OVBA] 3.2.1 - 3.2.3 (examples of compressed containers)
SPEC_NO_COMPRESSION = (
    b"abcdefghijklmnopqrstuv.",
    "0119B000616263646566676800696A6B6C6D6E6F7000717273747576 2E",
)
SPEC_NORMAL = (
    b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa",
    "012FB000236161616263646582660070616768696A013808616B6C00306D6E6F70"
    "0671027004107273747576107778797A003C",
)
SPEC_MAXIMUM = (b"a" * 73, "0103B002614500")

SIZES = [0, 1, 600, 4095, 4096, 4097, 20000, 100000]


def olevba_decompress(data: bytes) -> bytes:
    return bytes(decompress_stream(bytearray(data)))


@pytest.mark.parametrize("plain,hexed", [SPEC_NO_COMPRESSION, SPEC_NORMAL, SPEC_MAXIMUM])
def test_spec_examples_byte_for_byte(plain: bytes, hexed: str) -> None:
    expected = bytes.fromhex(hexed.replace(" ", ""))
    assert compress(plain) == expected
    assert decompress(expected) == plain


def _text(n: int, xlwings_dir) -> bytes:
    src = (xlwings_dir / "xlwings_custom_addin.bas").read_bytes()
    return (src * (n // len(src) + 1))[:n]


def _data(kind: str, n: int, xlwings_dir) -> bytes:
    if kind == "text":
        return _text(n, xlwings_dir)
    if kind == "repetitive":
        return (b"Attribute VB_Name = \"x\"\r\n" * (n // 25 + 1))[:n]
    if kind == "zeros":
        return bytes(n)
    if kind == "gbk":
        return ("检查本申报表，自动评分。" * (n // 12 + 1)).encode("gbk")[:n]
    rnd = random.Random(n)
    return bytes(rnd.getrandbits(8) for _ in range(n))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("kind", ["text", "repetitive", "zeros", "gbk", "random"])
def test_round_trip(kind: str, size: int, xlwings_dir) -> None:
    data = _data(kind, size, xlwings_dir)
    packed = compress(data)
    expected = data
    last = size % 4096
    if kind == "random" and last > 3640:
        # 2.4.1.3.10: an incompressible partial last chunk is stored raw and
        # zero-padded to 4096 bytes, so decompression returns the padding.
        expected = data + bytes(4096 - last)
        header = struct.unpack_from("<H", packed, len(packed) - 4098)[0]
        assert header == 0x3FFF  # raw chunk: size 4098, signature 0b011, flag 0
    assert decompress(packed) == expected
    assert olevba_decompress(packed) == expected
    chunks = -(-size // 4096)
    assert len(packed) <= 1 + 4098 * chunks  # a chunk never exceeds 4098 bytes
    if kind in ("text", "repetitive", "zeros", "gbk") and size >= 4096:
        assert len(packed) < 0.6 * size


def test_chunk_count_and_headers() -> None:
    data = bytes(range(256)) * 64  # 16384 bytes -> exactly 4 chunks
    packed = compress(data)
    pos, chunks = 1, 0
    while pos < len(packed):
        header = struct.unpack_from("<H", packed, pos)[0]
        assert (header >> 12) & 7 == 0b011
        pos += (header & 0x0FFF) + 3
        chunks += 1
    assert pos == len(packed) and chunks == 4


@settings(max_examples=150, deadline=None, database=None)
@given(st.binary(max_size=9000)
       | st.lists(st.sampled_from([b"a", b"ab", b"\r\n", b"  ", b"End Sub"]), max_size=3000).map(b"".join))
def test_round_trip_property(data: bytes) -> None:
    last = len(data) % 4096
    packed = compress(data)
    out = decompress(packed)
    if out != data:  # only allowed for the raw zero-padded final chunk
        assert last > 3640 and out == data + bytes(4096 - last)
    assert olevba_decompress(packed) == out


def test_reproduces_excel_written_module_streams(template_project) -> None:
    """ThisWorkbook, Sheet2 and RibbonMyAddin of xlwings' template still carry
    Excel's own p-code cache (MODULEOFFSET > 0), i.e. Excel wrote them.  Our
    compressor must produce exactly Excel's bytes for their source."""
    checked = 0
    for mod in template_project["modules"]:
        if mod["name"] not in (b"ThisWorkbook", b"Sheet2", b"RibbonMyAddin"):
            continue
        assert mod["offset"] > 0
        raw = template_project["streams"]["VBA/" + mod["stream"].decode()][mod["offset"] :]
        assert compress(decompress(raw)) == raw
        checked += 1
    assert checked == 3


def test_decompressor_matches_olevba_on_template(template_project) -> None:
    streams = template_project["streams"]
    containers = [streams["VBA/dir"]] + [
        streams["VBA/" + m["stream"].decode()][m["offset"] :] for m in template_project["modules"]
    ]
    assert len(containers) == 6
    for raw in containers:
        ours = decompress(raw)
        assert ours and ours == olevba_decompress(raw)


@pytest.mark.parametrize(
    "bad",
    [b"", b"\x00\x01\xb0a", b"\x01\x01\x00a", b"\x01\xff\x3f" + b"x" * 10],
    ids=["empty", "signature", "chunk-signature", "short-raw-size"],
)
def test_decompress_rejects_malformed(bad: bytes) -> None:
    with pytest.raises(ValueError):
        decompress(bad)


def test_decompress_rejects_copy_before_chunk_start() -> None:
    # flag byte 0b1 -> first token is a copy token, but nothing precedes it
    with pytest.raises(ValueError):
        decompress(b"\x01\x02\xb0\x01\x00\x00")
