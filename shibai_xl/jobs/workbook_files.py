"""Which files of a folder are workbooks to read, and their fingerprints (check, refresh and review alike)."""
from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

SKIP_PREFIXES = ("~$", ".~", "~", ".shibai-")   # Excel/WPS/LibreOffice lock files, our temp files
SUFFIXES = (".xlsx", ".xlsm")
# Other formats: .xls/.xlsb/.ods (and WPS .et when it is BIFF inside) are read with calamine; a file that
# cannot be is listed with what to do (另存为 .xlsx), never skipped silently.
CONVERT_SUFFIXES = (".xls", ".et", ".ett", ".xlsb", ".ods")
LIST_TYPE = "附件3"   # SummaryRecord.type of a separate resident-list workbook (no row of its own)
SKIPPED_TYPE = "跳过"  # SummaryRecord.type of a summary or tool output lying among the applications (note: its kind)


def is_skipped(name: str) -> bool:
    """A lock or temp file of Excel, WPS, LibreOffice or this tool: never an input."""
    return name.startswith(SKIP_PREFIXES)


def application_files(folder: Path, exclude: set[Path] = frozenset(), recursive: bool = True) -> list[Path]:
    """Workbooks under ``folder`` (recursively), without Excel/WPS lock files, temp files and backups."""
    out = []
    names = {p.name for p in exclude}   # resolving every path costs a system call per folder level: only same names
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")) if recursive else []
        for name in sorted(files):
            p = Path(root) / name
            if is_skipped(name) or p.suffix.lower() not in SUFFIXES + CONVERT_SUFFIXES:
                continue
            if name in names and p.resolve() in exclude:
                continue
            out.append(p)
    return out


def file_hash(path: Path) -> str:
    if not path.is_file():   # a named pipe would block the open, a link to /dev/zero never ends
        raise OSError(errno.EINVAL, "不是普通文件，是管道、设备或其他特殊文件")
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def skipped_line(skipped: list[tuple[str, str]]) -> str:
    """The info line for workbooks skipped as not applications: (file, kind such as 项目汇总表) each."""
    if not skipped:
        return ""
    kinds = list(dict.fromkeys(kind for _, kind in skipped))
    files = "、".join(file if len(kinds) == 1 else f"{file}（{kind}）" for file, kind in skipped)
    return f"跳过 {len(skipped)} 份{'、'.join(kinds)}（不是申报表）：{files}"
