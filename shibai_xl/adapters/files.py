"""Writing files without ever leaving half a file: temp file next to the target,
verify, keep one backup, atomic replace. A file open in Excel/WPS is refused.
"""
from __future__ import annotations

from ..errors import RefusedWrite

import os
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Callable

from .xlsx.package import UnreadableFile


class FileBusy(RefusedWrite):
    """The target is open in Excel/WPS or cannot be written; ``str(e)`` is the Chinese message."""


def lock_file(path: Path) -> Path | None:
    """Excel and WPS create ``~$name`` next to a workbook they have open."""
    for candidate in (path.with_name("~$" + path.name), path.with_name("~$" + path.name[2:])):
        if candidate.exists() and candidate != path:
            return candidate
    return None


def ensure_writable(path: Path) -> None:
    lock = lock_file(path)
    if lock:
        raise FileBusy(f"“{path.name}”正在被 Excel/WPS 打开（发现锁文件 {lock.name}）。请先关闭该文件再操作，"
                       "或在 Excel 中使用“十百千万”选项卡直接处理。")
    if path.exists() and not os.access(path, os.W_OK):
        raise FileBusy(f"“{path.name}”是只读文件或没有写入权限，请取消只读属性后再试")


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def write_atomic(path: str | Path, write: Callable[[Path], None], verify: Callable[[Path], None] | None = None,
                 backup: bool = True) -> None:
    """Call ``write(tmp)``, check the result, keep ``NAME.bak`` of the previous version, replace atomically."""
    path = Path(path)
    ensure_writable(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".shibai-", suffix=path.suffix + ".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        _verify_zip(tmp)
        if verify:
            verify(tmp)
        if path.exists():
            shutil.copymode(path, tmp)
            if backup:
                shutil.copy2(path, backup_path(path))
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except PermissionError:
        raise FileBusy(f"无法写入“{path.name}”：文件可能正被 Excel/WPS 打开或没有写入权限，请关闭后重试") from None
    finally:
        if tmp.exists():
            tmp.unlink()


def _verify_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            bad = zf.testzip()
    except zipfile.BadZipFile:
        bad = "?"
    if bad is not None:
        raise UnreadableFile("写出的文件校验失败，原文件未改动")
