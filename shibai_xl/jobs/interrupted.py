"""What a command stopped by Ctrl+C had already written, for its message (each file written whole)."""
from __future__ import annotations

from pathlib import Path

from ..adapters.files import writes_recorded
from ..errors import Interrupted

__all__ = ["interrupted", "writes_recorded"]


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
