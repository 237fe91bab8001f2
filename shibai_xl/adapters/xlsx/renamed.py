"""An .xls, .ods or .xlsb renamed .xlsx (to "convert" it): read as what it is, but never opened for writing.

Kept light (zipfile, and olefile only for a compound file): a refresh whose summary has not changed imports neither
calamine nor openpyxl, and checks this before anything else.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from ...errors import RefusedWrite

FORMATS = {"xls": "Excel 97-2003 工作簿（.xls）", "ods": "OpenDocument 表格（.ods）", "xlsb": "Excel 二进制工作簿（.xlsb）"}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_STRICT = b"http://purl.oclc.org/ooxml/spreadsheetml/main"   # Excel's "Strict Open XML 电子表格" (opc.STRICT_MAIN)
STRICT = "strict"


def stored_format(path: Path) -> str:
    """'xls', 'ods' or 'xlsb' when the file's content is one of those whatever its name says, 'strict' for an .xlsx
    saved as Strict Open XML; '' otherwise (an .xlsx, an encrypted one, or a file that is no workbook: its reader says
    what is wrong)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
        if head == _OLE:
            import olefile  # only for a compound file: an .xls, or an encrypted .xlsx

            with olefile.OleFileIO(str(path)) as ole:
                streams = {"/".join(s) for s in ole.listdir()}
            return "xls" if {"Workbook", "Book"} & streams and "EncryptedPackage" not in streams else ""
        if not head.startswith(b"PK"):
            return ""
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            mimetype = b""
            if "mimetype" in names:
                with zf.open("mimetype") as fh:
                    mimetype = fh.read(100)
            if "xl/workbook.xml" in names:
                with zf.open("xl/workbook.xml") as fh:   # the root element's namespace, in the first bytes
                    return STRICT if _STRICT in fh.read(2048) else ""
    except Exception:  # a damaged zip or compound file (zipfile, zlib, olefile raise several kinds): its reader says
        return ""
    if "xl/workbook.bin" in names:
        return "xlsb"
    return "ods" if b"opendocument.spreadsheet" in mimetype else ""


def refuse_renamed(path: Path) -> None:
    """Refuse to write into an .xls/.ods/.xlsb named .xlsx, saying what it is and how to convert it (else the writer
    said its workbook part was damaged XML, or its zip was)."""
    fmt = stored_format(path) if path.is_file() else ""
    if fmt == STRICT:   # openpyxl would open it as a workbook of empty sheets (with English warnings)
        raise RefusedWrite(f"“{path.name}”是“Strict Open XML 电子表格”格式的工作簿，本工具不能读写这种格式，未改动它。"
                           "请用 Excel 打开它，“另存为”时保存类型选“Excel 工作簿(*.xlsx)”，再对新的 .xlsx 文件执行本命令。")
    if fmt:
        raise RefusedWrite(f"“{path.name}”实际是{FORMATS[fmt]}，只是文件名改成了 {path.suffix}；本工具只写入 .xlsx "
                           "工作簿，未改动它。请用 Excel/WPS 打开后“另存为 Excel 工作簿（*.xlsx）”，再对新的 .xlsx 文件执行"
                           "本命令。")


OTHER_FORMATS = {".xls": "Excel 97-2003（.xls）", ".xlsb": "Excel 二进制（.xlsb）", ".ods": "OpenDocument（.ods）",
                 ".et": "WPS 表格（.et）", ".xlsm": "启用宏的工作簿（.xlsm）", ".csv": "CSV 文本"}


def require_xlsx(path, what: str) -> None:
    """Outputs are .xlsx: an .xls (or other) summary is read elsewhere but never written; say how to convert."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        refuse_renamed(path)
        return
    if suffix in OTHER_FORMATS and not path.exists():   # "汇总表.xls" typed for a table still to be made
        raise RefusedWrite(f"本工具只写入 .xlsx 工作簿，{what}不能保存为“{path.name}”（这个文件还不存在）：请把文件名写成"
                           f"“{path.stem}.xlsx”，本工具会新建它。")
    if suffix in OTHER_FORMATS:
        twin = path.with_suffix(".xlsx")
        how = (f"（旁边已有“{twin.name}”：另存时请另起一个名字，以免覆盖它）" if twin.exists()   # soffice would, unasked
               else f"（或运行 soffice --headless --convert-to xlsx \"{path.name}\"）")
        raise RefusedWrite(f"“{path.name}”是{OTHER_FORMATS[suffix]}格式，本工具只写入 .xlsx 工作簿，未改动它。请用 Excel/WPS "
                           f"打开后“另存为 Excel 工作簿（*.xlsx）”{how}，再对新的 .xlsx 文件执行本命令。")
    raise RefusedWrite(f"{what}请使用 .xlsx 文件（现在是“{path.name}”）")
