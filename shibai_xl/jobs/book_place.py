"""Where the open workbook lives, said once for every face (``shibai serve`` for WPS, the Excel ribbon).

The buttons read and write files beside the workbook (the applications of a summary's folder, blank forms, the
provincial summary, the experts' workbooks). A workbook kept in WPS 云文档/金山文档 or on OneDrive/SharePoint has
an address (``https://…``) as its full name, not a folder on this computer.
"""
from __future__ import annotations

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
