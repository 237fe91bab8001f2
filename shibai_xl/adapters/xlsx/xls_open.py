"""An .xls (or WPS .et) compound file opened as a :class:`~.package.Package`; one saved with Excel's default
password read as Excel, WPS and LibreOffice read it.

Excel encrypts an .xls whose workbook is protected (保护工作簿: structure or windows, a password to modify) with the
password "VelvetSweatshop" and opens it without asking ([MS-OFFCRYPTO] 2.3.7.x: the RC4 / RC4 CryptoAPI encryption
of the Workbook stream under a FilePass record, [MS-XLS] 2.4.117; the password is Excel's default when the user set
none to open the file). To a clerk it is an ordinary file: it is decrypted in memory (msoffcrypto-tool, the library
made for it) and read from there; the file itself is never changed. A file protected by a password of its own is
refused as before, saying how to take the password off.
"""
from __future__ import annotations

import io
from pathlib import Path

from .deferred_book import reaches_far
from .file_kinds import ole_message
from .legacy import (
    EncryptedXls,
    NotBiff,
    xls_extents,
    xls_impossible,
    xls_macro_sheets,
    xls_names,
    xls_reach,
    xls_sheet_names,
)
from .opc import MAX_FILE_BYTES, UnreadableFile

DEFAULT_PASSWORD = "VelvetSweatshop"
# msoffcrypto rebuilds the Workbook stream a byte at a time in Python lists (about 1 s and 80 bytes of memory per
# byte of a 10 MB stream): larger files encrypted with the default password are refused as encrypted ones are
MAX_DECRYPTED_BYTES = 16 * 1024 * 1024
ENCRYPTED_XLS = ("文件设置了打开密码（已加密），无法读取。请在 Excel/WPS 中输入密码打开，去掉密码（文件→信息→保护工作簿→"
                 "用密码进行加密，清空密码）后另存为 .xlsx 再处理。")


def open_ole(path: Path, clear: bytes | None = None):
    """The package of an OLE compound file: an .xls (or .et) workbook is read; anything else is refused with what
    to do. ``clear``: the file's bytes decrypted with the default password (then read instead of the file)."""
    import olefile

    from .package import Package, _damaged, _sheet_names

    try:
        with olefile.OleFileIO(io.BytesIO(clear) if clear is not None else str(path)) as ole:
            streams = {"/".join(s) for s in ole.listdir()}
            stream = next((s for s in ("Workbook", "Book") if s in streams), None)
            if stream is None or "EncryptionInfo" in streams or "WordDocument" in streams:
                raise UnreadableFile(ole_message(path))
            if ole.get_size(stream) > MAX_FILE_BYTES:
                raise UnreadableFile("文件内部数据过大，不像正常的工作簿，已拒绝读取")
            data = ole.openstream(stream).read()
            macros = "_VBA_PROJECT_CUR" in {s.split("/")[0] for s in streams}
    except UnreadableFile:
        raise
    except Exception:  # olefile's errors for damaged compound files
        raise UnreadableFile(ole_message(path)) from None
    try:
        _sheets, names = xls_names(data)
    except NotBiff:
        raise UnreadableFile(_damaged(path, "xls")) from None
    except EncryptedXls:
        decrypted = default_password_copy(path) if clear is None else None
        if decrypted is None:
            raise UnreadableFile(ENCRYPTED_XLS) from None
        return open_ole(path, decrypted)
    reach = xls_reach(data)
    impossible = xls_impossible(reach)
    if impossible:   # before calamine sees it: it would reserve terabytes for such a sheet and abort
        raise UnreadableFile(_damaged(path, "xls", reason=impossible))
    pkg = Package(path=path, sheets={}, names=names, has_macros=macros, fmt="xls", biff=data, clear=clear,
                  extents=xls_extents(reach), macro_sheets=xls_macro_sheets(data))
    # calamine builds every grid as it opens an .xls: a far-reaching one's sheet names come from its records
    listed = reaches_far(pkg.extents) and xls_sheet_names(data)
    pkg.sheets = dict.fromkeys(listed or _sheet_names(path, "xls", clear), "")
    return pkg


def default_password_copy(path: Path) -> bytes | None:
    """The .xls's bytes decrypted with Excel's default password; None when another password protects it, or it
    cannot be decrypted (damaged, an encryption msoffcrypto does not know, too large)."""
    try:
        if path.stat().st_size > MAX_DECRYPTED_BYTES:
            return None
        import msoffcrypto  # only for an encrypted .xls

        with open(path, "rb") as fh:
            office = msoffcrypto.OfficeFile(fh)
            office.load_key(password=DEFAULT_PASSWORD)   # raises for any other password (the verifier does not match)
            out = io.BytesIO()
            office.decrypt(out)
    except Exception:  # msoffcrypto's errors (a wrong password among them), an assertion on a damaged stream, OSError
        return None
    return out.getvalue()
