"""Where the open workbook lives, said once for every face (``shibai serve`` for WPS, the Excel ribbon).

The buttons read and write files beside the workbook (the applications of a summary's folder, blank forms, the
provincial summary, the experts' workbooks). A workbook kept in WPS 云文档/金山文档 or on OneDrive/SharePoint has
an address (``https://…``) as its full name, not a folder on this computer; one opened straight from a mail
attachment or a zip lies in a temporary folder nobody finds again.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import WrongKind


def is_address(name: str | None) -> bool:
    """A cloud document's address (``https://www.kdocs.cn/l/…``, ``https://d.docs.live.net/…``), not a file path."""
    return bool(name) and "://" in name


def cloud_place(address: str) -> str:
    return f"这个工作簿保存在云文档中（{address}），不在本机的文件夹里"


def in_the_cloud(address: str) -> str:
    """What the clerk is told of a workbook kept in the cloud, for a button that needs its folder."""
    return (f"{cloud_place(address)}，而本工具读取和生成的是本机文件夹中的文件。"
            "请先用“文件 → 另存为”把它保存到本机文件夹（例如“文档”，汇总表要和申报表放在一起），"
            "打开另存的文件，再点此按钮。")


def refuse_cloud(address: str) -> WrongKind:
    return WrongKind(in_the_cloud(address))


# Folders mail clients and zip viewers open an attachment or a packed file from (Windows): the clerk never sees
# them, and they are emptied when the program closes. %TEMP% itself is AppData\Local\Temp.
_TEMP_RUN = ("appdata", "local", "temp")
_TEMP_PARTS = re.compile(r"content\.outlook|inetcache|temporary internet files|rar\$[a-z]{2}.*|7zo[0-9a-f]{4,}"
                         r"|temp\d+_.*\.zip|360zip\$temp")


def temp_folder(path: Path) -> bool:
    """Whether ``path`` lies in a temporary folder a workbook is opened in from a mail attachment or a zip."""
    parts = [p.lower() for p in re.split(r"[\\/]", str(path)) if p]
    runs = any(tuple(parts[i:i + 3]) == _TEMP_RUN for i in range(len(parts)))
    return runs or any(_TEMP_PARTS.fullmatch(p) for p in parts)


def temp_place(folder: Path) -> str:
    return f"这个工作簿是从邮件附件或压缩包里直接打开的，位于临时文件夹“{folder}”"


def refuse_temp(folder: Path) -> WrongKind:
    """For a button that reads or writes files beside the workbook: there they would be lost or never found."""
    return WrongKind(f"{temp_place(folder)}。这个文件夹一般找不到，关闭邮件或压缩软件后还会被清空，"
                     "本工具不在这里读取申报表、也不在这里生成文件。请先用“文件 → 另存为”把它保存到本机文件夹"
                     "（例如“文档”，汇总表要和申报表放在一起），打开另存的文件，再点此按钮。")


def kept_in_temp(path: Path | None) -> str:
    """What a button that writes into the open workbook adds for one in such a folder: Ctrl+S would leave it there."""
    if path is None or not temp_folder(path.parent):
        return ""
    return (f"\n注意：{temp_place(path.parent)}。结果写在打开的工作簿里，直接保存（Ctrl+S）会留在这个临时文件夹，"
            "以后找不到。请用“文件 → 另存为”把它保存到本机文件夹（例如“文档”）。")
