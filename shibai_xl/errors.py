"""The one family of refusals a user meets. Every face (CLI, ribbon, UDFs, local service) catches
exactly :class:`ShibaiError` and shows ``str(e)``, the Chinese message that says what to do;
anything else is a bug and is reported as one."""
from __future__ import annotations

import os


class ShibaiError(Exception):
    """A deliberate refusal; ``str(e)`` is the Chinese message for the user."""


class UnreadableInput(ShibaiError):
    """An input cannot be read at all (not a workbook, damaged, encrypted, old format …)."""


class WrongKind(ShibaiError):
    """An input is readable but is not what the command needs (not an application, not a summary …)."""


class RefusedWrite(ShibaiError):
    """The output cannot be written: open in Excel/WPS/LibreOffice, read-only, no room, no permission.

    ``open_in``: the program that has it open ("Excel/WPS", "LibreOffice"), when its lock file says so — the
    command line adds that the 十百千万 tab in Excel could do the work there; in the add-ins the person is there."""

    def __init__(self, message: str = "", open_in: str = "") -> None:
        super().__init__(message)
        self.open_in = open_in


class BadOption(ShibaiError):
    """An option or argument the user gave makes no sense (unknown type, bad round id …)."""


class Interrupted(KeyboardInterrupt):
    """Ctrl+C after a job had written part of its files: ``str(e)`` says which, and what to do (Chinese)."""


def not_xlsx(out: str | os.PathLike, what: str) -> BadOption:
    """An output (``--out``) named without .xlsx ("企业申报表", "结果.xls"): the option, what was typed, what to type."""
    typed = os.fspath(out)
    name = os.path.basename(typed.strip())
    if typed != typed.strip() and name.lower().endswith(".xlsx"):   # a name copied with the space after it
        return BadOption(f"--out 的文件名“{typed}”前后有空格，请去掉空格，写成 --out {typed.strip()}")
    stem = os.path.splitext(os.path.basename(typed))[0] if os.path.splitext(typed)[1].lower() in (
        ".xls", ".xlsm", ".et", ".ods", ".xlsb", ".csv") else os.path.basename(typed)
    stem = stem if stem.strip(".") else ""     # "." or "..": a folder meant, no name to make one of ("..xlsx")
    return BadOption(f"--out 的文件“{typed}”不是 .xlsx：{what}只能保存为 .xlsx 工作簿，请写成例如 --out {stem or what}.xlsx")


def environment_refusal(e: OSError) -> ShibaiError:
    """An operating-system error no job turned into a refusal — a name too long, no permission, a folder gone —
    as the refusal it is: the user's situation, said in Chinese, never an internal error.

    >>> import errno; str(environment_refusal(OSError(errno.ENAMETOOLONG, "File name too long", "x" * 300)))[:8]
    '文件名或路径太长'
    """
    import errno
    import os

    where = f"“{e.filename}”" if e.filename else ""
    if e.errno == errno.ENAMETOOLONG:
        # os.replace(temp, target): the target (filename2: the user's file, its .bak) is the name too long, not
        # the tool's short temp name; the name said, cut in its middle (its end tells .xlsx from .xlsx.bak)
        named = e.filename2 or e.filename
        name = os.path.basename(os.fsdecode(named)) if named else ""
        name = name[:30] + "…" + name[-20:] if len(name) > 60 else name
        return UnreadableInput(f"文件名或路径太长，系统无法处理{f'“{name}”' if name else ''}。"
                               "请把文件改个短一点的名字，或移到层级浅一些的文件夹后重试。")
    if e.errno in (errno.EACCES, errno.EPERM):
        return RefusedWrite(f"没有权限访问{where}。请换一个有权限的文件夹，或请管理员开放权限后重试。")
    if e.errno == errno.EISDIR:   # os.replace(temp, target): the target (filename2) is what the user named
        folder = e.filename2 or e.filename
        return RefusedWrite(f"“{os.fsdecode(folder) if folder else '目标'}”是文件夹，不是文件。"
                            "请换一个文件名（或把这个文件夹改名、移走）后重试。")
    blocker = _file_for_folder(e)
    if blocker is not None:
        return RefusedWrite(f"“{blocker.name}”是文件，不是文件夹，无法在其中保存或查找文件（{blocker}）。"
                            "请换一个文件夹，或把这个文件改名、移走后重试。")
    if e.errno in (errno.ENOENT, errno.ENOTDIR):
        return UnreadableInput(f"找不到{where or '文件或文件夹'}，可能已被移动、改名或删除，请检查后重试。")
    if e.errno == errno.EROFS:
        return RefusedWrite(f"{where or '文件'}在只读的磁盘上（如写保护的U盘、光盘或只读的共享文件夹），无法写入。"
                            "请换一个可以写入的文件夹后重试。")
    if e.errno == errno.ENOSPC:
        return RefusedWrite("磁盘空间不足，请删除不需要的文件腾出空间（或换一个空间充足的磁盘）后重试。")
    return UnreadableInput(f"操作系统拒绝了对{where or '文件'}的操作（{why(e)}），请检查后重试。")


def _file_for_folder(e: OSError):
    """The file standing where a path needs a folder: "申报材料/企业.xlsx" with 申报材料 a file (ENOTDIR), or a folder
    to make where a file of that name is (EEXIST of ``mkdir(exist_ok=True)``); None for any other error.

    >>> import errno; _file_for_folder(OSError(errno.ENOTDIR, "Not a directory", __file__ + "/x")).name
    'errors.py'
    """
    import errno
    import os
    from pathlib import Path

    if e.errno not in (errno.ENOTDIR, errno.EEXIST) or not e.filename:
        return None
    path = Path(os.fsdecode(e.filename))
    for candidate in ([path] if e.errno == errno.EEXIST else [path, *path.parents]):
        if os.path.lexists(candidate):
            return candidate if not os.path.isdir(candidate) else None
    return None


_WHY = {"BadZipFile": "压缩结构损坏", "EOFError": "文件不完整", "error": "压缩数据损坏", "XMLSyntaxError": "XML 格式错误",
        "UnicodeDecodeError": "文字编码无法识别", "KeyError": "缺少必要的内容", "IndexError": "内容不完整",
        "ValueError": "内容不合规范", "TypeError": "内容类型不对", "OverflowError": "数值超出范围",
        "MemoryError": "内容过大，内存不足", "RecursionError": "嵌套过深", "CalamineError": "表格内容无法解析",
        "InvalidFileException": "不是有效的工作簿", "TOMLDecodeError": "格式错误", "PanicException": "表格内容无法解析"}


def why(e: BaseException) -> str:
    """A few Chinese words for what went wrong, for the parentheses of a message ("文件已损坏（压缩结构损坏）"):
    the words a user reads, never an exception's English class name or text.

    >>> import zipfile; why(zipfile.BadZipFile("x")), why(FileNotFoundError(2, "No such file")), why(RuntimeError())
    ('压缩结构损坏', '找不到文件', '无法解析')
    """
    if isinstance(e, OSError) and e.errno is not None:
        import errno

        return {errno.ENOENT: "找不到文件", errno.ENOTDIR: "路径不是文件夹", errno.EACCES: "没有权限",
                errno.EPERM: "没有权限", errno.EISDIR: "是文件夹", errno.ENOSPC: "磁盘空间不足",
                errno.EROFS: "磁盘只读", errno.ELOOP: "快捷方式（符号链接）循环", errno.ENAMETOOLONG: "文件名太长",
                errno.EIO: "磁盘读写错误", errno.EBUSY: "文件正被占用", errno.EINVAL: "不是普通文件"}.get(
                    e.errno, f"系统错误 {e.errno}")
    return _WHY.get(type(e).__name__, "系统错误" if isinstance(e, OSError) else "无法解析")


ERROR_LOG = "错误记录.log"
ERROR_LOG_MOST = 1 << 20   # bytes kept: a log grown past this starts over


def internal_error(e: BaseException, done: str = "") -> str:
    """Every face's last-resort message for what no one expected (a bug): Chinese, never the exception's English
    text on screen; the exception and its traceback go to a log in the user's cache folder for technical support.
    ``done``: what the user may rely on ("文件未改动。")."""
    log = _log_error(e)
    kept = f"详细信息已记录在“{log}”。" if log else ""
    return (f"程序内部错误（{why(e)}）。{done}{kept}"
            f"请把此信息{'、这个记录文件' if log else ''}和所用的文件发给技术支持。")


def _log_error(e: BaseException):
    """The log the traceback was appended to, or None when it could not be written (a full disk, no home)."""
    import time
    import traceback

    from .user_dirs import cache_dir

    try:
        log = cache_dir() / ERROR_LOG
        log.parent.mkdir(parents=True, exist_ok=True)
        mode = "w" if log.exists() and log.stat().st_size > ERROR_LOG_MOST else "a"
        # backslashreplace: an exception naming a file whose name is not UTF-8 (surrogates) is still logged
        with open(log, mode, encoding="utf-8", errors="backslashreplace") as fh:
            fh.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')}\n{''.join(traceback.format_exception(e))}\n")
        return log
    except (OSError, RuntimeError, ValueError):
        return None
