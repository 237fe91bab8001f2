"""Rewrite the parts of a zip package (a workbook, an add-in) the way a test needs: one helper, not a loop per test.

    >>> import io
    >>> book = io.BytesIO()
    >>> with zipfile.ZipFile(book, "w") as z:
    ...     z.writestr("a.xml", b"<a>1</a>"); z.writestr("b.xml", b"<b/>")
    >>> out = rewrite(book.getvalue(), edit=lambda name, data: data.replace(b"1", b"2") if name == "a.xml" else None)
    >>> sorted(read_parts(out).items())
    [('a.xml', b'<a>2</a>')]
"""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

Edit = Callable[[str, bytes], "bytes | None"]


def read_parts(package: Path | bytes) -> dict[str, bytes]:
    """Every part of the package by its name, in the package's order."""
    with zipfile.ZipFile(io.BytesIO(package) if isinstance(package, bytes) else package) as z:
        return {name: z.read(name) for name in z.namelist()}


def rewrite(package: Path | bytes, target: Path | None = None, edit: Edit | None = None, *,
            extra: dict[str, bytes | str] | None = None, compression: int | None = None) -> bytes:
    """The package with each part passed through ``edit(name, data)`` (``None`` drops the part) and ``extra`` added.

    Each kept part keeps its own entry (date, compression) unless ``compression`` is given. Written to ``target``
    when given (``target`` may be the package itself); the new package's bytes are returned either way.
    """
    out = io.BytesIO()
    source = io.BytesIO(package) if isinstance(package, bytes) else io.BytesIO(Path(package).read_bytes())
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            data = edit(info.filename, data) if edit else data
            if data is not None:
                dst.writestr(info, data, compress_type=compression)
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
    if target is not None:
        Path(target).write_bytes(out.getvalue())
    return out.getvalue()


def with_parts(package: Path | bytes, target: Path | None, parts: dict[str, tuple[bytes | str, str]],
               rels: dict[str, list[tuple[str, str, str]]], edit: Edit | None = None) -> bytes:
    """The package with ``parts`` added (name → (data, content type), each declared in [Content_Types].xml) and the
    relationships ``rels`` (a _rels part → [(id, type, target)]) added to existing _rels parts, as the program that
    makes such a part writes them; ``edit`` for any other change (:func:`rewrite`'s)."""
    def declare(name: str, data: bytes) -> bytes | None:
        if name == "[Content_Types].xml":
            data = data.replace(b"</Types>", "".join(f'<Override PartName="/{part}" ContentType="{kind}"/>'
                                                     for part, (_d, kind) in parts.items()).encode() + b"</Types>")
        if name in rels:
            data = data.replace(b"</Relationships>", "".join(f'<Relationship Id="{i}" Type="{t}" Target="{to}"/>'
                                                             for i, t, to in rels[name]).encode() + b"</Relationships>")
        return edit(name, data) if edit else data
    return rewrite(package, target, declare, extra={part: data for part, (data, _kind) in parts.items()})


def write_parts(target: Path, parts: dict[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """A package holding ``parts`` in their order (a dict from ``read_parts``, edited)."""
    with zipfile.ZipFile(target, "w", compression) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return target


def as_workbook(addin: bytes) -> bytes:
    """An .xlam labelled as the macro workbook it also is: openpyxl and LibreOffice open workbook content types only."""
    def relabel(name: str, data: bytes) -> bytes:
        if name != "[Content_Types].xml":
            return data
        assert b"addin.macroEnabled" in data, data[:200]
        return data.replace(b"addin.macroEnabled", b"sheet.macroEnabled")
    return rewrite(addin, edit=relabel)


def saved_at(path: Path, moment: str | None) -> None:
    """The workbook's own record of when it was saved (docProps/core.xml ``dcterms:modified``) set to ``moment`` as
    Excel or WPS write it ("2024-05-21T02:00:00Z"); None: no record, as some programs leave it."""
    def edit(name: str, data: bytes) -> bytes:
        if name != "docProps/core.xml":
            return data
        replacement = (f'<dcterms:modified xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi='
                       f'"http://www.w3.org/2001/XMLSchema-instance" xsi:type="dcterms:W3CDTF">{moment}'
                       '</dcterms:modified>'.encode() if moment else b"")
        return re.sub(rb"<dcterms:modified[^>]*>[^<]*</dcterms:modified>", replacement, data)
    rewrite(path, path, edit)


def formula_results(path: Path, results: dict[tuple[str, str], str], text: bool = False) -> None:
    """Each formula cell (sheet title, "B7") given the result Excel saves beside its formula, as written in ``results``:
    a number (``<v>3.5</v>``), an error ("#N/A": ``t="e"``), or with ``text`` a text result (``t="str"``)."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    parts: dict[str, list[tuple[str, str]]] = {}
    for (sheet, ref), value in results.items():
        parts.setdefault(f"xl/worksheets/sheet{wb.sheetnames.index(sheet) + 1}.xml", []).append((ref, value))
    wb.close()

    def edit(name: str, data: bytes) -> bytes:
        for ref, value in parts.get(name, ()):
            kind = b' t="str"' if text else b' t="e"' if value.startswith("#") else b""
            data, n = re.subn(rb'(<c r="' + ref.encode() + rb'"[^>]*)><f>(.*?)</f>(?:<v\s*/>|<v>\s*</v>)?</c>',
                              lambda m, v=value.encode(), k=kind: m.group(1) + k + b"><f>" + m.group(2) + b"</f><v>" + v
                              + b"</v></c>", data)
            assert n == 1, (ref, data[:300])
        return data
    if parts:
        rewrite(path, path, edit)
