"""File names as people and outputs see them, whatever bytes the file system holds."""
from __future__ import annotations

import os
from pathlib import Path


def utf8_name(path: Path) -> bool:
    """Whether calamine (Rust) can be given ``path`` by name: a name not in UTF-8 (申报表.xlsx in GBK, unzipped on
    统信 UOS/麒麟 from a zip made on Chinese Windows) reaches Python as lone surrogates, which Rust's path misses
    (“找不到文件”, then “工作簿内容无法读取”); such a file is read from its open handle."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def file_label(path: Path, folder: Path | None = None) -> str:
    """How a file is named to people and in every output (the 来源文件 column, JSON's ``file``): its path within
    ``folder`` (its name without one). A name not in UTF-8 — 申报表.xlsx in GBK, unzipped on 统信 UOS/麒麟 from a zip
    made on Chinese Windows — reaches Python as lone surrogates, which no workbook, JSON or hash can hold: it is
    read as GB18030 (the name Windows showed), else its bytes are written out (\\xb9), one label per file still.

    >>> file_label(Path(os.fsdecode("团队/申报表.xlsx".encode("gbk"))))
    '申报表.xlsx'
    """
    label = path.relative_to(folder) if folder is not None else Path(path.name)
    if utf8_name(label):
        return str(label)
    raw = os.fsencode(label)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "backslashreplace")
