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
