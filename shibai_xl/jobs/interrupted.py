"""What a command stopped by Ctrl+C had already written, for its message (each file written whole)."""
from __future__ import annotations

from pathlib import Path

from ..adapters.file_names import path_label
from ..adapters.files import writes_recorded
from ..errors import Interrupted

__all__ = ["failed_after", "interrupted", "writes_recorded"]


def interrupted(e: KeyboardInterrupt, written: list[Path]) -> str:
    """What Ctrl+C left: nothing changed, or the files already written and that the job is not done.

    >>> interrupted(KeyboardInterrupt(), [Path("汇总表.xlsx")])
    '已取消。取消前已写入：汇总表.xlsx（这些文件是完整的，但本次操作没有全部完成，请重新运行该命令）；其他文件未改动。'
    >>> interrupted(KeyboardInterrupt(), [])
    '已取消，文件未改动。'
    """
    if str(e) and isinstance(e, Interrupted):   # the job said it itself (review make: which books, which not)
        return f"已取消。{e}"
    if not written:
        return "已取消，文件未改动。"
    names = "、".join(dict.fromkeys(str(p) for p in written))
    return f"已取消。取消前已写入：{names}（这些文件是完整的，但本次操作没有全部完成，请重新运行该命令）；其他文件未改动。"


def failed_after(written: list[Path]) -> str:
    """What a command stopped by a bug had already written, for the end of its 程序内部错误 message.

    >>> failed_after([Path("第一轮/专家评分表-甲.xlsx")])
    '出错前已写入：第一轮/专家评分表-甲.xlsx（这些文件是完整的，但本次操作没有完成，不能当作完成的结果使用）；其他文件未改动。'
    >>> failed_after([])
    '文件未改动。'
    """
    if not written:
        return "文件未改动。"
    names = "、".join(dict.fromkeys(path_label(p) for p in written))
    return f"出错前已写入：{names}（这些文件是完整的，但本次操作没有完成，不能当作完成的结果使用）；其他文件未改动。"
