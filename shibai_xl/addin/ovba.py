"""Writer for MS-OVBA ``vbaProject.bin`` files, built from VBA source text.

The produced project is the *source-only* form that [MS-OVBA] calls
interoperable (section 1.6): the ``_VBA_PROJECT`` stream has version
``0xFFFF`` and no PerformanceCache, every module stream has
``MODULEOFFSET = 0`` (no compiled p-code), so Office recompiles everything
from the compressed source text when the workbook is opened.

Layout of the compound file ([MS-OVBA] 2.2):

* ``PROJECT``   - 2.3.1, text, ``key=value`` lines in the project code page.
* ``PROJECTwm`` - 2.3.3, module names in MBCS and UTF-16.
* ``VBA/_VBA_PROJECT`` - 2.3.4.1, the 7-byte header only.
* ``VBA/dir``   - 2.3.4.2, compressed records describing the project.
* ``VBA/<module>`` - 2.3.4.3, compressed source of each module.

The compression is the run-length/LZ77 scheme of [MS-OVBA] 2.4.1 and is
implemented here (the ``ms-ovba`` 0.0.1 package corrupts modules larger than
~600 bytes).  Module source is stored in the project code page; the default
is 936 (GBK) because the user-facing strings are Chinese.

The compound file itself comes from :mod:`shibai_xl.addin.cfb`.  All output
is deterministic: fixed project GUID (derived from the project name), fixed
encryption seed for ``CMG``/``DPB``/``GC``, no timestamps.
"""

from __future__ import annotations

import re
import struct
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from .cfb import build_compound_file

__all__ = [
    "VbaModule",
    "Reference",
    "DEFAULT_REFERENCES",
    "build_vba_project",
    "compress",
    "decompress",
    "encrypt_data",
    "decrypt_data",
    "parse_dir_records",
    "parse_project_stream",
    "module_stream_text",
    "vba_module_from_export",
    "WORKBOOK_BASE",
    "WORKSHEET_BASE",
    "CLASS_BASE",
]

# ---------------------------------------------------------------------------
# 2.4.1 Compression and decompression
# ---------------------------------------------------------------------------

CHUNK_SIZE = 4096
_SIGNATURE = 0x01


def _copy_token_bit_count(difference: int) -> int:
    """[MS-OVBA] 2.4.1.3.19.1 CopyToken Help: bits used for the offset.

    ``difference`` is DecompressedCurrent - DecompressedChunkStart (>= 1);
    BitCount is the smallest integer >= 4 with ``2**BitCount >= difference``.
    """
    return max((difference - 1).bit_length(), 4)


def _match_length(buf: bytes, cand: int, cur: int, end: int) -> int:
    """Length of the common run of ``buf[cand:]`` and ``buf[cur:end]``."""
    limit = end - cur
    n = 0
    step = 64
    while n + step <= limit and buf[cand + n : cand + n + step] == buf[cur + n : cur + n + step]:
        n += step
    while n < limit and buf[cand + n] == buf[cur + n]:
        n += 1
    return n


def _compress_chunk(data: bytes, start: int, end: int) -> bytes:
    """[MS-OVBA] 2.4.1.3.7 Compressing a DecompressedChunk.

    Match search (2.4.1.3.19.4 describes an exhaustive search; Office's own
    encoder behaves slightly differently and that is what is reproduced):

    * candidates are the positions where earlier *tokens* started (bytes
      inside an earlier copy token are not candidates),
    * they are tried from nearest to farthest, lengths are clipped to the
      CopyToken maximum for the current position *before* comparing, and a
      candidate replaces the best one only if strictly longer, so the
      nearest of equally long matches wins,
    * matches shorter than 3 bytes are emitted as literals.

    With these rules the output equals, byte for byte, the published example
    of [MS-OVBA] 3.2.2 and the module streams Excel itself wrote in the
    xlwings quickstart add-in (see tests).  For longer inputs Excel's
    candidate bookkeeping is not public; any choice yields a valid stream.
    """
    body = bytearray()
    heads: dict[bytes, list[int]] = {}
    cur = start
    last_hash = end - 3  # positions beyond this cannot start a 3-byte match

    # loop while DecompressedCurrent < DecompressedEnd and
    # CompressedCurrent < CompressedEnd (= chunk start + 4098, i.e. body < 4096)
    while cur < end and len(body) < CHUNK_SIZE:
        flag_at = len(body)
        body.append(0)
        flags = 0
        for bit in range(8):
            if not (cur < end and len(body) < CHUNK_SIZE):
                break
            best_len = 0
            best_pos = -1
            bit_count = _copy_token_bit_count(cur - start) if cur > start else 4
            max_len = (0xFFFF >> bit_count) + 3
            if cur <= last_hash:
                key = data[cur : cur + 3]
                cands = heads.get(key)
                if cands:
                    cap = min(max_len, end - cur)
                    for cand in reversed(cands):
                        length = _match_length(data, cand, cur, cur + cap)
                        if length > best_len:
                            best_len, best_pos = length, cand
                            if length == cap:
                                break
                    cands.append(cur)
                else:
                    heads[key] = [cur]
            if best_len >= 3:
                offset = cur - best_pos
                token = ((offset - 1) << (16 - bit_count)) | (best_len - 3)
                body += struct.pack("<H", token)
                flags |= 1 << bit
                cur += best_len
            else:
                body.append(data[cur])
                cur += 1
        body[flag_at] = flags

    if cur < end or len(body) > CHUNK_SIZE:
        # 2.4.1.3.10 Compressing a RawChunk: 4096 bytes, zero padded.
        raw = data[start:end]
        raw += b"\x00" * (CHUNK_SIZE - len(raw))
        header = (CHUNK_SIZE + 2 - 3) | (0b011 << 12)  # flag bit 15 = 0
        return struct.pack("<H", header) + raw
    # 2.4.1.1.5 CompressedChunkHeader: size-3 (12 bits), 0b011, flag=1.
    header = (len(body) + 2 - 3) | (0b011 << 12) | 0x8000
    return struct.pack("<H", header) + bytes(body)


def compress(data: bytes) -> bytes:
    """Compress ``data`` into a CompressedContainer ([MS-OVBA] 2.4.1.3.6).

    Note (2.4.1.3.10): a final partial chunk that does not compress is stored
    as a raw chunk padded with zeros to 4096 bytes; decompression then
    yields those padding zeros too.  Text (VBA source, ``dir`` records) never
    hits this case, because literal tokens only cost 1/8 byte extra and the
    chunk stays under 4096 bytes whenever the input chunk is shorter than
    ~3640 bytes or compresses at all.
    """
    data = bytes(data)
    out = bytearray([_SIGNATURE])
    for start in range(0, len(data), CHUNK_SIZE):
        out += _compress_chunk(data, start, min(start + CHUNK_SIZE, len(data)))
    return bytes(out)


def decompress(container: bytes) -> bytes:
    """Decompress a CompressedContainer ([MS-OVBA] 2.4.1.3.1).

    Strict: raises :class:`ValueError` for a wrong signature byte, a chunk
    header whose signature bits are not ``0b011``, a raw chunk that is not
    4096 bytes long, a truncated copy token, or a copy token pointing before
    the chunk start.
    """
    buf = bytes(container)
    if not buf or buf[0] != _SIGNATURE:
        raise ValueError("CompressedContainer signature byte must be 0x01")
    out = bytearray()
    pos = 1
    n = len(buf)
    while pos < n:
        if pos + 2 > n:
            raise ValueError("truncated CompressedChunkHeader")
        (header,) = struct.unpack_from("<H", buf, pos)
        size = (header & 0x0FFF) + 3
        if (header >> 12) & 0b111 != 0b011:
            raise ValueError(f"bad chunk signature at offset {pos}")
        compressed = header >> 15
        chunk_end = min(pos + size, n)
        pos += 2
        dstart = len(out)
        if not compressed:
            if size != CHUNK_SIZE + 2 or pos + CHUNK_SIZE > n:
                raise ValueError("raw chunk must hold 4096 bytes (CompressedChunkSize 4098)")
            out += buf[pos : pos + CHUNK_SIZE]
            pos = chunk_end
            continue
        while pos < chunk_end:
            flags = buf[pos]
            pos += 1
            for bit in range(8):
                if pos >= chunk_end:
                    break
                if not (flags >> bit) & 1:
                    out.append(buf[pos])
                    pos += 1
                    continue
                if pos + 2 > chunk_end:
                    raise ValueError("truncated CopyToken")
                (token,) = struct.unpack_from("<H", buf, pos)
                pos += 2
                bit_count = _copy_token_bit_count(len(out) - dstart)
                length = (token & (0xFFFF >> bit_count)) + 3
                offset = (token >> (16 - bit_count)) + 1
                src = len(out) - offset
                if src < dstart:
                    raise ValueError("CopyToken offset points before chunk start")
                if offset >= length:
                    out += out[src : src + length]
                else:  # overlapping copy repeats the last `offset` bytes
                    pattern = bytes(out[src:])
                    out += (pattern * (length // offset + 1))[:length]
        pos = chunk_end
    return bytes(out)


# ---------------------------------------------------------------------------
# 2.4.3 Data encryption (obfuscation of CMG / DPB / GC)
# ---------------------------------------------------------------------------


def _proj_key(project_clsid: str) -> int:
    """ProjKey: byte sum of ``ProjectId.ProjectCLSID`` ("{...}") mod 256."""
    return sum(project_clsid.encode("ascii")) & 0xFF


def encrypt_data(project_clsid: str, data: bytes, seed: int, ignored: int = 0) -> bytes:
    """[MS-OVBA] 2.4.3.2 Encryption.  ``seed``/``ignored`` fixed => deterministic."""
    if not 0 <= seed <= 0xFF:
        raise ValueError("seed must be a byte")
    version = 2
    proj_key = _proj_key(project_clsid)
    version_enc = seed ^ version
    proj_key_enc = seed ^ proj_key
    out = bytearray([seed, version_enc, proj_key_enc])
    unenc1, enc1, enc2 = proj_key, proj_key_enc, version_enc

    def put(byte: int) -> None:
        nonlocal unenc1, enc1, enc2
        byte_enc = byte ^ ((enc2 + unenc1) & 0xFF)
        out.append(byte_enc)
        enc2, enc1, unenc1 = enc1, byte_enc, byte

    for _ in range((seed & 6) // 2):  # IgnoredEnc
        put(ignored & 0xFF)
    for b in struct.pack("<I", len(data)):  # DataLengthEnc
        put(b)
    for b in data:  # DataEnc
        put(b)
    return bytes(out)


def decrypt_data(blob: bytes, project_clsid: str | None = None) -> bytes:
    """[MS-OVBA] 2.4.3.3 Decryption; checks Version == 2 and, if given, ProjKey."""
    seed, version_enc, proj_key_enc = blob[0], blob[1], blob[2]
    if seed ^ version_enc != 2:
        raise ValueError("encrypted data version is not 2")
    proj_key = seed ^ proj_key_enc
    if project_clsid is not None and proj_key != _proj_key(project_clsid):
        raise ValueError("ProjKey does not match the project CLSID")
    unenc1, enc1, enc2 = proj_key, proj_key_enc, version_enc
    pos = 3

    def get() -> int:
        nonlocal unenc1, enc1, enc2, pos
        byte_enc = blob[pos]
        pos += 1
        byte = byte_enc ^ ((enc2 + unenc1) & 0xFF)
        enc2, enc1, unenc1 = enc1, byte_enc, byte
        return byte

    for _ in range((seed & 6) // 2):
        get()
    (length,) = struct.unpack("<I", bytes(get() for _ in range(4)))
    data = bytes(get() for _ in range(length))
    if pos != len(blob):
        raise ValueError("trailing bytes after encrypted data")
    return data


# ---------------------------------------------------------------------------
# Modules and references
# ---------------------------------------------------------------------------

#: VB_Base of document modules / class modules as Excel writes them.
WORKBOOK_BASE = "0{00020819-0000-0000-C000-000000000046}"
WORKSHEET_BASE = "0{00020820-0000-0000-C000-000000000046}"
CLASS_BASE = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"

ModuleKind = Literal["standard", "document", "class"]


@dataclass(frozen=True)
class VbaModule:
    """One VBA module.

    ``source`` is the code *without* the ``Attribute VB_*`` header; the
    header Excel stores in the module stream is generated from ``kind``:

    * ``standard``: ``Attribute VB_Name = "..."``
    * ``document``: the 8 attributes of a ``ThisWorkbook``/sheet module;
      ``base`` defaults to :data:`WORKBOOK_BASE` for ``ThisWorkbook`` and
      :data:`WORKSHEET_BASE` otherwise.
    * ``class``: the 8 attributes of a class module (``VB_Exposed`` etc. can
      be overridden through ``attributes``).

    ``attributes`` are ``(name, value)`` pairs (value as written in VBA,
    e.g. ``"True"`` or ``'"text"'``) that replace or extend the defaults.
    """

    name: str
    source: str
    kind: ModuleKind = "standard"
    base: str | None = None
    attributes: tuple[tuple[str, str], ...] = ()
    docstring: str = ""

    def __post_init__(self) -> None:
        if self.kind not in ("standard", "document", "class"):
            raise ValueError(f"unknown module kind {self.kind!r}")
        if not self.name.isascii() or not self.name.replace("_", "a").isalnum() or not self.name[0].isalpha():
            raise ValueError(f"module name must be an ASCII VBA identifier: {self.name!r}")
        if len(self.name) > 31:
            raise ValueError("module name longer than 31 characters")

    def header_attributes(self) -> list[tuple[str, str]]:
        attrs: list[tuple[str, str]] = [("VB_Name", f'"{self.name}"')]
        if self.kind == "document":
            base = self.base or (WORKBOOK_BASE if self.name == "ThisWorkbook" else WORKSHEET_BASE)
            attrs += [
                ("VB_Base", f'"{base}"'),
                ("VB_GlobalNameSpace", "False"),
                ("VB_Creatable", "False"),
                ("VB_PredeclaredId", "True"),
                ("VB_Exposed", "True"),
                ("VB_TemplateDerived", "False"),
                ("VB_Customizable", "True"),
            ]
        elif self.kind == "class":
            attrs += [
                ("VB_Base", f'"{self.base or CLASS_BASE}"'),
                ("VB_GlobalNameSpace", "False"),
                ("VB_Creatable", "False"),
                ("VB_PredeclaredId", "False"),
                ("VB_Exposed", "False"),
                ("VB_TemplateDerived", "False"),
                ("VB_Customizable", "False"),
            ]
        for key, value in self.attributes:
            for i, (k, _) in enumerate(attrs):
                if k == key:
                    attrs[i] = (key, value)
                    break
            else:
                attrs.append((key, value))
        return attrs

    @property
    def stream_name(self) -> str:
        return self.name

    @property
    def project_keyword(self) -> str:
        return {"standard": "Module", "document": "Document", "class": "Class"}[self.kind]


def module_stream_text(module: VbaModule) -> str:
    """Full text stored in the module stream: attribute header + source, CRLF."""
    header = "".join(f"Attribute {k} = {v}\r\n" for k, v in module.header_attributes())
    body = module.source.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    if body and not body.endswith("\r\n"):
        body += "\r\n"
    return header + body


_ATTR_LINE = re.compile(r'^Attribute\s+(VB_\w+)\s*=\s*(.*?)\s*$')


def vba_module_from_export(text: str, kind: ModuleKind | None = None) -> VbaModule:
    """Turn a VBE export (``.bas`` / ``.cls`` text) into a :class:`VbaModule`.

    The ``VERSION 1.0 CLASS`` / ``BEGIN`` ... ``END`` block of a class export
    is dropped (Excel does not store it in the module stream) and the leading
    ``Attribute VB_*`` lines become the module header; attributes inside the
    code (``Attribute Item.VB_UserMemId = 0``) stay in the source.  ``kind``
    defaults to ``class`` when a ``VERSION ... CLASS`` block is present.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    i = 0
    is_class = False
    if lines and lines[0].strip().upper().startswith("VERSION") and lines[0].strip().upper().endswith("CLASS"):
        is_class = True
        i = 1
        if i < len(lines) and lines[i].strip().upper() == "BEGIN":
            while i < len(lines) and lines[i].strip().upper() != "END":
                i += 1
            i += 1
    attrs: list[tuple[str, str]] = []
    while i < len(lines):
        m = _ATTR_LINE.match(lines[i])
        if not m:
            break
        attrs.append((m.group(1), m.group(2)))
        i += 1
    names = [v for k, v in attrs if k == "VB_Name"]
    if not names:
        raise ValueError("export has no Attribute VB_Name line")
    name = names[0].strip('"')
    extra = tuple((k, v) for k, v in attrs if k != "VB_Name")
    doc = ""
    for k, v in extra:
        if k == "VB_Description":
            doc = v[1:-1] if len(v) >= 2 and v[0] == v[-1] == '"' else v
            doc = doc.replace("\\r\\n", "\r\n").replace("\\n", "\n")
    return VbaModule(
        name=name,
        source="\n".join(lines[i:]),
        kind=kind or ("class" if is_class else "standard"),
        attributes=extra,
        docstring=doc,
    )


@dataclass(frozen=True)
class Reference:
    """A REFERENCEREGISTERED ([MS-OVBA] 2.3.4.2.2.5) to a registered type library."""

    name: str
    libid: str


#: References every new Excel VBA project carries (besides the implicit VBA
#: and Excel libraries): OLE Automation (stdole) and the Office object
#: library, which defines ``IRibbonControl``.  VBA resolves them by GUID and
#: version through the registry; the path is only a hint.
DEFAULT_REFERENCES: tuple[Reference, ...] = (
    Reference(
        "stdole",
        r"*\G{00020430-0000-0000-C000-000000000046}#2.0#0#C:\Windows\System32\stdole2.tlb#OLE Automation",
    ),
    Reference(
        "Office",
        r"*\G{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}#2.0#0#C:\Program Files\Common Files\Microsoft Shared\OFFICE16\MSO.DLL#Microsoft Office 16.0 Object Library",  # noqa: E501  (the reference as Office writes it)
    ),
)


# ---------------------------------------------------------------------------
# 2.3.4.2 dir stream
# ---------------------------------------------------------------------------


def _rec(rid: int, payload: bytes) -> bytes:
    return struct.pack("<HI", rid, len(payload)) + payload


def _rec_pair(rid: int, mbcs: bytes, reserved_id: int, unicode_text: str) -> bytes:
    """Record with an MBCS field followed by a Reserved id + UTF-16 twin."""
    u = unicode_text.encode("utf-16-le")
    return _rec(rid, mbcs) + struct.pack("<HI", reserved_id, len(u)) + u


def _build_dir(
    modules: Sequence[VbaModule],
    project_name: str,
    codepage: int,
    encoding: str,
    docstring: str,
    references: Iterable[Reference],
    version: tuple[int, int],
) -> bytes:
    enc = lambda s: s.encode(encoding)  # noqa: E731
    name_b = enc(project_name)
    if not 1 <= len(name_b) <= 128:
        raise ValueError("project name must be 1..128 bytes")
    doc_b = enc(docstring)
    if len(doc_b) > 2000:
        raise ValueError("project docstring longer than 2000 bytes")
    out = bytearray()
    # 2.3.4.2.1 PROJECTINFORMATION
    out += _rec(0x0001, struct.pack("<I", 0x00000001))  # PROJECTSYSKIND: 32-bit Windows
    out += _rec(0x0002, struct.pack("<I", 0x0409))  # PROJECTLCID
    out += _rec(0x0014, struct.pack("<I", 0x0409))  # PROJECTLCIDINVOKE
    out += _rec(0x0003, struct.pack("<H", codepage))  # PROJECTCODEPAGE
    out += _rec(0x0004, name_b)  # PROJECTNAME
    out += _rec_pair(0x0005, doc_b, 0x0040, docstring)  # PROJECTDOCSTRING
    # PROJECTHELPFILEPATH: HelpFile1, Reserved 0x003D, HelpFile2 (both MBCS, empty)
    out += _rec(0x0006, b"") + struct.pack("<HI", 0x003D, 0)
    out += _rec(0x0007, struct.pack("<I", 0))  # PROJECTHELPCONTEXT
    out += _rec(0x0008, struct.pack("<I", 0))  # PROJECTLIBFLAGS
    # PROJECTVERSION: Reserved (=4) is in the "size" slot, then 4 + 2 bytes.
    out += struct.pack("<HIIH", 0x0009, 4, version[0], version[1])
    out += _rec_pair(0x000C, b"", 0x003C, "")  # PROJECTCONSTANTS
    # 2.3.4.2.2 PROJECTREFERENCES
    for ref in references:
        out += _rec_pair(0x0016, enc(ref.name), 0x003E, ref.name)  # REFERENCENAME
        libid = enc(ref.libid)
        body = struct.pack("<I", len(libid)) + libid + struct.pack("<IH", 0, 0)
        out += _rec(0x000D, body)  # REFERENCEREGISTERED
    # 2.3.4.2.3 PROJECTMODULES
    out += _rec(0x000F, struct.pack("<H", len(modules)))
    out += _rec(0x0013, struct.pack("<H", 0xFFFF))  # PROJECTCOOKIE
    for m in modules:
        mname = enc(m.name)
        out += _rec(0x0019, mname)  # MODULENAME
        out += _rec(0x0047, m.name.encode("utf-16-le"))  # MODULENAMEUNICODE
        out += _rec_pair(0x001A, enc(m.stream_name), 0x0032, m.stream_name)  # MODULESTREAMNAME
        out += _rec_pair(0x001C, enc(m.docstring), 0x0048, m.docstring)  # MODULEDOCSTRING
        out += _rec(0x0031, struct.pack("<I", 0))  # MODULEOFFSET: source at 0, no cache
        out += _rec(0x001E, struct.pack("<I", 0))  # MODULEHELPCONTEXT
        out += _rec(0x002C, struct.pack("<H", 0xFFFF))  # MODULECOOKIE
        # MODULETYPE: 0x0021 procedural, 0x0022 document/class/designer
        out += struct.pack("<HI", 0x0021 if m.kind == "standard" else 0x0022, 0)
        out += struct.pack("<HI", 0x002B, 0)  # module Terminator
    out += struct.pack("<HI", 0x0010, 0)  # dir Terminator
    return bytes(out)


def parse_dir_records(data: bytes) -> list[tuple[int, bytes]]:
    """Split a *decompressed* dir stream into ``(record id, payload)`` pairs.

    Every record is ``Id (2) + Size (4) + payload`` except PROJECTVERSION
    (0x0009), whose size slot is a Reserved 4 followed by 6 payload bytes.
    Reserved-id halves of paired records (0x0040, 0x003D, 0x003C, 0x003E,
    0x0032, 0x0048) and REFERENCECONTROL's 0x0030 part are returned as
    records of their own, as are the MODULETYPE/terminator records whose
    Reserved field is 0.
    """
    recs: list[tuple[int, bytes]] = []
    pos = 0
    while pos < len(data):
        if pos + 6 > len(data):
            raise ValueError(f"truncated dir record at {pos}")
        rid, size = struct.unpack_from("<HI", data, pos)
        pos += 6
        if rid == 0x0009:
            size = 6
        payload = data[pos : pos + size]
        if len(payload) != size:
            raise ValueError(f"truncated dir record 0x{rid:04X}")
        recs.append((rid, payload))
        pos += size
    return recs


# ---------------------------------------------------------------------------
# 2.3.1 PROJECT stream, 2.3.3 PROJECTwm stream
# ---------------------------------------------------------------------------


def _build_project_stream(
    modules: Sequence[VbaModule], project_name: str, project_clsid: str, encoding: str, seed: int
) -> bytes:
    def obfuscated(data: bytes) -> str:
        return encrypt_data(project_clsid, data, seed).hex().upper()

    lines = [f'ID="{project_clsid}"']
    for m in modules:
        if m.kind == "document":
            lines.append(f"Document={m.name}/&H00000000")
        else:
            lines.append(f"{m.project_keyword}={m.name}")
    lines += [
        f'Name="{project_name}"',
        'HelpContextID="0"',
        'VersionCompatible32="393222000"',
        # ProjectProtectionState: 4 zero bytes = not protected (2.3.1.15)
        f'CMG="{obfuscated(bytes(4))}"',
        # ProjectPassword: single 0x00 = no password (2.3.1.16)
        f'DPB="{obfuscated(bytes([0x00]))}"',
        # ProjectVisibilityState: 0xFF = visible (2.3.1.17)
        f'GC="{obfuscated(bytes([0xFF]))}"',
        "",
        "[Host Extender Info]",
        "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000",
        "",
        "[Workspace]",
    ]
    lines += [f"{m.name}=0, 0, 0, 0, C" for m in modules]
    return ("\r\n".join(lines) + "\r\n\r\n").encode(encoding)


def parse_project_stream(text: str) -> list[tuple[str | None, list[str]]]:
    """Return ``[(section or None, [keys...]), ...]`` of a PROJECT stream."""
    sections: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in text.replace("\r\n", "\n").split("\n"):
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            sections.append((line[1:-1], []))
        else:
            sections[-1][1].append(line.split("=", 1)[0])
    return sections


def _build_projectwm(modules: Sequence[VbaModule], encoding: str) -> bytes:
    out = bytearray()
    for m in modules:
        out += m.name.encode(encoding) + b"\x00" + m.name.encode("utf-16-le") + b"\x00\x00"
    return bytes(out + b"\x00\x00")


# ---------------------------------------------------------------------------
# Public entry point
# ---------------------------------------------------------------------------

_CODEPAGE_ENCODINGS = {936: "gbk", 1252: "cp1252", 65001: "utf-8"}
_PROJECT_NAMESPACE = uuid.UUID("6b1f3c52-8f1e-4f55-9a51-5d3c0a1b2e77")


def build_vba_project(
    modules: list[VbaModule],
    project_name: str = "shibai",
    codepage: int = 936,
    *,
    docstring: str = "",
    references: Sequence[Reference] = DEFAULT_REFERENCES,
    project_clsid: str | None = None,
    version: tuple[int, int] = (1, 0),
    seed: int = 0x3A,
) -> bytes:
    """Build a ``vbaProject.bin`` ([MS-OVBA] 2.2) holding ``modules``.

    ``codepage`` becomes PROJECTCODEPAGE and is the MBCS encoding of the
    module source, names, PROJECT and PROJECTwm streams (936 = GBK).
    ``project_clsid`` defaults to a UUID5 of the project name so the result
    is byte-for-byte reproducible.
    """
    if not modules:
        raise ValueError("a VBA project needs at least one module")
    names = [m.name.lower() for m in modules]
    if len(set(names)) != len(names):
        raise ValueError("duplicate module names")
    encoding = _CODEPAGE_ENCODINGS.get(codepage, f"cp{codepage}")
    "".encode(encoding)  # unknown code page -> LookupError early
    if project_clsid is None:
        project_clsid = "{" + str(uuid.uuid5(_PROJECT_NAMESPACE, project_name)).upper() + "}"
    if not project_name.isascii() or not project_name.replace("_", "a").isalnum():
        raise ValueError("project name must be an ASCII VBA identifier")

    streams: dict[str, bytes] = {
        "PROJECT": _build_project_stream(modules, project_name, project_clsid, encoding, seed),
        "PROJECTwm": _build_projectwm(modules, encoding),
        # 2.3.4.1: Reserved1 0x61CC, Version 0xFFFF, Reserved2 0x00,
        # Reserved3 0x0001 (as in the spec's example), no PerformanceCache.
        "VBA/_VBA_PROJECT": struct.pack("<HHBH", 0x61CC, 0xFFFF, 0x00, 0x0001),
        "VBA/dir": compress(
            _build_dir(modules, project_name, codepage, encoding, docstring, references, version)
        ),
    }
    for m in modules:
        try:
            text = module_stream_text(m).encode(encoding)
        except UnicodeEncodeError as exc:
            raise ValueError(f"module {m.name} is not encodable in code page {codepage}: {exc}") from None
        streams[f"VBA/{m.stream_name}"] = compress(text)
    return build_compound_file(streams)
