"""What a file given as a workbook is, from its first bytes and its name, when it may be none: a zip, an OLE
compound file (an .xls, an encrypted workbook, a Word document), a text (CSV, a web page or Excel 2003 XML
exported as .xls), a lock file, a PDF or a picture — and what to tell the user to do with it, in Chinese."""
from __future__ import annotations

import codecs
import re
from itertools import islice
from pathlib import Path

NATURAL_SUFFIXES = {"xlsx": (".xlsx", ".xlsm"), "xls": (".xls",), "ods": (".ods",), "xlsb": (".xlsb",)}
# what a spreadsheet's file is called (WPS's .et, templates too): a text file so named is a table saved wrongly
TABLE_SUFFIXES = {s for names in NATURAL_SUFFIXES.values() for s in names} | {".et", ".ett", ".xlt", ".xltx", ".xltm"}


def sniff(path: Path) -> str:
    """'zip', 'ole', 'text', 'empty' or 'binary' from the first bytes."""
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if not head:
        return "empty"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    encodings = ("utf-16",) if head[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8", "gb18030")
    for encoding in encodings:
        try:   # not final: a multi-byte character cut at the end of the sample is still text
            text = codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        if text and not looks_binary(text):
            return "text"
    return "binary"


# the control characters no table's text holds (tab, line breaks and form feed are text)
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def looks_binary(text: str) -> bool:
    """Whether decoded text holds what no table's text does (control characters beyond 1 in 100): binary bytes
    that happened to decode. One pass of the regular expression engine, stopped once past the limit (a neighbour
    of 150 MB named .txt took seconds character by character in Python).

    >>> looks_binary("企业名称,从业人数\\r\\n甲公司,12\\n"), looks_binary("PK\\x03\\x04\\x14\\x00\\x06\\x00")
    (False, True)
    """
    limit = len(text) // 100
    return sum(1 for _ in islice(_CONTROL.finditer(text), limit + 1)) > limit


# the compound files a spreadsheet program saves
_OLD_FORMATS = {".xls": "Excel 97-2003 工作簿（.xls）", ".et": "WPS 表格旧格式（.et）"}


def ole_message(path: Path) -> str:
    import olefile  # only for .xls/.et and other compound files (its import brings logging: 8 ms of every run)

    try:
        with olefile.OleFileIO(str(path)) as ole:
            streams = {"/".join(s) for s in ole.listdir()}
    except Exception:  # olefile's errors for damaged compound files: cut off, not a format this tool refuses
        what = _OLD_FORMATS.get(path.suffix.lower(), "文件")
        return f"这个{what}已损坏或不完整（文件结构残缺），可能下载或拷贝未完成，请重新获取原文件"
    if "EncryptionInfo" in streams or "EncryptedPackage" in streams:
        return ("文件设置了打开密码（已加密），无法读取。请在 Excel/WPS 中打开，去掉密码"
                "（文件→信息→保护工作簿→用密码进行加密，清空密码）后另存为 .xlsx 再处理。")
    document = next((what for stream, what in (("WordDocument", "Word/WPS 文字文档"),
                                               ("PowerPoint Document", "PowerPoint/WPS 演示文稿")) if stream in streams), "")
    if document:   # no program saves a document as a workbook: the wrong file was picked
        return f"这是{document}，不是 Excel 工作簿，无法读取。请确认文件是否选错：申报表、汇总表须是 Excel/WPS 表格文件。"
    fmt = _OLD_FORMATS.get(path.suffix.lower(), "旧版 Office/WPS 二进制格式")
    return f"这是{fmt}，不是 .xlsx 工作簿。请用 Excel 或 WPS 打开后“另存为 Excel 工作簿（*.xlsx）”，再处理。"


def other_kind(path: Path) -> str | None:
    """What a file that is no workbook is, when its name or first bytes say it (a lock file, a PDF, a picture)."""
    name = path.name
    if name.startswith(("~$", ".~")):   # Excel/WPS ~$NAME, LibreOffice .~lock.NAME#, WPS on Linux .~NAME (files.py)
        lo = name.startswith(".~lock.")
        owner = name[7:].removesuffix("#") if lo else name[2:]
        who = "LibreOffice" if lo else "Excel/WPS" if name.startswith("~$") else "WPS"
        return (f"这是 {who} 打开工作簿“{owner}”时生成的临时锁定文件，不是要处理的工作簿；"
                f"请改选工作簿“{owner}”本身（锁定文件可以忽略，关闭该工作簿后会自动消失）")
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(b"%PDF"):
        return "这是 PDF 文件，不是 Excel 工作簿：请提供 Excel 格式的原文件（扫描件、PDF 不能读取）"
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG")):
        return "这是图片，不是 Excel 工作簿：请提供 Excel 格式的原文件"
    if head.startswith((b"Rar!", b"7z\xbc\xaf")):
        return "这是压缩包，不是 Excel 工作簿：请解压后处理其中的申报表"
    return None


def text_said(path: Path) -> str:
    """What a text file given as a workbook is: a web page or an Excel 2003 XML table (government systems export
    both under .xls), else a CSV or other text; and how to make it an .xlsx."""
    with open(path, "rb") as fh:
        head = fh.read(4096).lower()
    table = path.suffix.lower() in TABLE_SUFFIXES
    if b"urn:schemas-microsoft-com:office:spreadsheet" in head:
        said = "“XML 电子表格 2003”格式的文本文件（Excel 2003 XML）"
    elif re.search(rb"<(!doctype html|html|table)\b", head):
        said = "网页（HTML）格式的文本文件（业务系统导出的“Excel”常是这样）"
    else:
        said = "文本文件（可能是 CSV 或网页另存的文件）" if table else "文本文件"
    said += "，只是扩展名为表格" if table else f"（{path.suffix or '没有扩展名'}），不是 Excel 工作簿"
    return f"这是{said}。请用 Excel/WPS 打开后“另存为 Excel 工作簿（*.xlsx）”"
