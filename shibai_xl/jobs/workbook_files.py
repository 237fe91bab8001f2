"""Which files of a folder are workbooks to read, and their fingerprints (check, refresh and review alike)."""
from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import sys
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import why

# lock files of Excel/WPS (~$), LibreOffice (.~lock.…#) and WPS on Linux (.~), our temp files; a name beginning
# with "~" alone is an applicant's choice (~贵州某团队申报表.xlsx), read like any other
SKIP_PREFIXES = ("~$", ".~", ".shibai-")
SUFFIXES = (".xlsx", ".xlsm")
# Other formats: .xls/.xlsb/.ods (and WPS .et when it is BIFF inside) are read with calamine; a file that
# cannot be is listed with what to do (另存为 .xlsx), never skipped silently.
# Templates (另存为“模板”: Excel .xltx/.xltm/.xlt, WPS .ett, LibreOffice .ots) hold a filled form just the same.
CONVERT_SUFFIXES = (".xls", ".et", ".ett", ".xlsb", ".ods", ".xltx", ".xltm", ".xlt", ".ots")
LIST_TYPE = "附件3"   # SummaryRecord.type of a separate resident-list workbook (no row of its own)
SKIPPED_TYPE = "跳过"  # SummaryRecord.type of a summary or tool output lying among the applications (note: its kind)
# a file to read: path, label, its SHA-256 when listed, the workbooks of its folder, [*stat_of, hashed_at] then
ReadJob = tuple[Path, str, str, list[Path], list[int]]


# folders a system keeps on a drive's top (Windows' recycle bin, holding deleted old versions of the applications
# renamed $R….xlsx; its index folder closed to every account; Linux's lost+found): never the applicants'
SYSTEM_FOLDERS = frozenset({"$recycle.bin", "recycler", "recycled", "system volume information", "lost+found"})


def is_skipped(name: str) -> bool:
    """A lock or temp file of Excel, WPS, LibreOffice or this tool: never an input."""
    return name.startswith(SKIP_PREFIXES)


def is_left_by_system(path: Path) -> bool:
    """A lock or temp file (:func:`is_skipped`), or a ._ companion macOS wrote (:func:`is_mac_companion`)."""
    name = path.name
    return is_skipped(name) or (name.startswith("._") and is_mac_companion(path))


def without_owned_locks(paths: list[Path]) -> list[Path]:
    """The files given, without the lock files of workbooks given with them: a wildcard (市州汇总表/*.xlsx) matches
    Excel's ~$贵阳市.xlsx while 贵阳市.xlsx is open, and the shell passes both. A lock given without its workbook
    stays, to be said for what it is."""
    from ..adapters.files import lock_candidates  # the names each program gives its lock

    # a folder given as "." or a drive's top ("D:\\", "/") has no name, and no lock of its own
    locks = {os.path.realpath(lock) for p in paths if p.name and not is_skipped(p.name)
             for lock, _ in lock_candidates(p)}
    return [p for p in paths if not (is_skipped(p.name) and os.path.realpath(p) in locks)]


ARCHIVES = (".zip", ".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz")
ARCHIVE_UNREAD = "压缩包，其中的申报表不会被读取：请解压到这个文件夹后再运行"
# merge's provincial table that the reader opens but openpyxl cannot: damaged inside, not a wrong file picked
PROVINCE_DAMAGED = ("全省汇总表“{name}”无法打开（{why}），未改动：文件内部已损坏。请换用它的备份（如“{name}.bak”）"
                    "或重新获取的文件后再合并；如果它不是全省汇总表，{other}")
FOLDER_UNREAD = "文件夹无法打开（{why}），其中的申报表未读取：请确认有权限打开它，或把其中的申报表复制到这个文件夹后再运行"
# a link (symlink, junction) in the folder to a place outside it: the folder and what it holds come from applicants
# and cities, and no path is taken from them — the link is said, not followed
LINK_UNREAD = ("链接，指向本文件夹以外的位置（{target}），为安全起见没有读取：如果其中有{what}，请把{what}本身复制到这个文件夹后"
               "再运行；不需要的链接请移出这个文件夹")
SHORTCUTS = (".lnk",)   # Windows shortcuts; an internet shortcut (.url) points to no file here
SHORTCUT_UNREAD = ("快捷方式，它指向的文件或文件夹不会被读取：如果是申报表，请把申报表本身（不是快捷方式）复制到这个文件夹后"
                   "再运行；不是申报表的快捷方式请移出这个文件夹")


# a workbook a browser or download tool is still fetching (or gave up on) keeps its name plus one of these until done:
# Chrome/Edge/360 .crdownload, Firefox .part, Safari .download (a folder on a Mac), 迅雷 .xltd/.td
DOWNLOADING = (".crdownload", ".part", ".partial", ".download", ".xltd", ".td")
DOWNLOAD_UNREAD = ("下载未完成的申报表（正在下载，或下载中断后留下的文件），没有读取：请等下载完成（文件名不再以“{suffix}”结尾）"
                   "后再运行；下载中断的请重新下载")


def is_downloading(path: Path) -> bool:
    """``申报表.xlsx.crdownload``: a workbook still being downloaded (a 申报书.docx.crdownload is no application)."""
    suffix = path.suffix.lower()
    return suffix in DOWNLOADING and Path(path.name[:-len(suffix)]).suffix.lower() in SUFFIXES + CONVERT_SUFFIXES


# a file without extension holding a zip or compound file: a workbook (or another Office file) whose name lost its
# ".xlsx" on the way (a chat tool, a download link): may be an application, so listed, never "not a workbook"
EXCEL_TEMP = re.compile(r"[0-9A-F]{8}")
OFFICE_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
NO_SUFFIX_UNREAD = ("没有扩展名的 Office 文件（可能是去掉了扩展名的申报表），没有读取：如果是申报表，请在文件名后加上 .xlsx"
                    "（旧格式加 .xls）后再运行；不是申报表的请移出这个文件夹")


def lost_suffix(path: Path) -> bool:
    """A file without extension whose first bytes are a zip's or an Office compound file's; not the temp file Excel
    saves into and renames (eight hex digits: left behind when Excel stops while saving)."""
    if path.suffix or EXCEL_TEMP.fullmatch(path.name):
        return False
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):   # a named pipe's open waits for a writer: the run never ended
            return False
        with open(path, "rb") as fh:
            return fh.read(8).startswith(OFFICE_MAGIC)
    except OSError:
        return False


def unread_reason(path: Path) -> str:
    """Why a file of :attr:`FolderFiles.archives` is not read, and what to do."""
    if is_downloading(path):
        return DOWNLOAD_UNREAD.format(suffix=path.suffix)
    if not path.suffix:
        return NO_SUFFIX_UNREAD
    return SHORTCUT_UNREAD if path.suffix.lower() in SHORTCUTS else ARCHIVE_UNREAD


# backups, caches and what operating systems leave in folders: never an input, not worth a line
QUIET_SUFFIXES = (".bak", ".tmp", ".json", ".ini", ".db", ".ds_store")
# tables saved as text, said as such when left unread (a .txt left is a note: one holding a 附件3, Excel's “Unicode
# 文本”, is read as a list or listed as a problem file)
TEXT_TABLES = (".csv", ".tsv", ".htm", ".html", ".xml")
WORD_SUFFIXES = (".doc", ".docx", ".wps", ".rtf")
APPLE_DOUBLE = b"\x00\x05\x16\x07"   # ._申报表.xlsx: the Finder data macOS writes beside a file off its own disks


def is_mac_companion(path: Path) -> bool:
    """A ._ file macOS left beside a workbook (on a USB drive, in a zip's __MACOSX/): no input, not worth a line.
    Told by its first bytes, so that a workbook someone named ._ is still read (only such names are opened)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == APPLE_DOUBLE
    except OSError:
        return False


@dataclass
class FolderFiles:
    """A folder's files by what is done with them (one walk): workbooks to read; archives, shortcuts, workbooks
    still downloading and Office files without extension, which may hold, point to or be applications and are listed
    as unreadable
    (:func:`unread_reason`); the rest (申报书, 证明材料:
    Word, PDF, pictures), named in one line.
    Lock and temp files, backups, caches and what operating systems leave behind are in none of them."""
    workbooks: list[Path] = field(default_factory=list)
    archives: list[Path] = field(default_factory=list)
    others: list[Path] = field(default_factory=list)
    # sub-folders the walk could not open, links to places outside the folder: (path, why and what to do)
    unopened: list[tuple[Path, str]] = field(default_factory=list)
    # workbooks with another program's lock file beside them (open in Excel/WPS/LibreOffice, maybe in another
    # window or on another computer): their saved files are read, what is typed and not saved is not
    opened: list[Path] = field(default_factory=list)

    def unread(self) -> list[tuple[Path, str]]:
        """What may hold or point to applications and was not read: (path, why and what to do) each."""
        return [*((p, unread_reason(p)) for p in self.archives), *self.unopened]

    def unread_labelled(self, folder: Path) -> list[tuple[Path, str, str]]:
        """:meth:`unread` as (path, label, why): a path within ``folder`` labelled as every output names it, the
        folder itself (when it could not be opened) by its name as given, not "."."""
        from ..adapters.file_names import file_label, path_label

        return [(p, path_label(p) if p == folder else file_label(p, folder), reason) for p, reason in self.unread()]


def folder_files(folder: Path, exclude: set[Path] = frozenset(), recursive: bool = True) -> FolderFiles:
    """The files under ``folder`` (recursively), sorted out; ``exclude``: workbooks not to read (the summary)."""
    out = FolderFiles()
    names = {p.name for p in exclude}   # resolving every path costs a system call per folder level: only same names
    inside = os.path.realpath(folder)

    def unopened(e: OSError) -> None:   # a folder without the right to open it (a share's ACL), gone meanwhile
        out.unopened.append((Path(e.filename or folder), FOLDER_UNREAD.format(why=why(e))))

    for root, dirs, files in os.walk(folder, onerror=unopened):   # links to folders are not walked into (below)
        out.archives += [Path(root) / d for d in sorted(dirs) if is_downloading(Path(d))]   # Safari's is a folder
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d.lower() not in SYSTEM_FOLDERS
                         and not is_downloading(Path(d))
                         and not _link_out(Path(root) / d, inside, out)) if recursive else []
        locks = {name for name in files if name.startswith(LOCK_PREFIXES)}   # mostly none: nothing more to do
        for name in sorted(files):
            p = Path(root) / name
            suffix = Path(name.rstrip(ODD_TAIL)).suffix.lower()   # “申报表.xlsx ”: a workbook all the same
            if is_left_by_system(p):
                continue
            if suffix in SUFFIXES + CONVERT_SUFFIXES:
                if not (name in names and p.resolve() in exclude) and not _link_out(p, inside, out):
                    out.workbooks.append(p)
                    if locks and is_locked(p, locks, files):
                        out.opened.append(p)
            elif name.startswith(".") or suffix in QUIET_SUFFIXES:   # hidden: the system's
                continue
            else:
                unread = suffix in ARCHIVES + SHORTCUTS or is_downloading(p) or lost_suffix(p)
                (out.archives if unread else out.others).append(p)
    return out


LOCK_PREFIXES = ("~$", ".~")   # Excel/WPS, LibreOffice and WPS on Linux (adapters/files.py lock_candidates)


def is_locked(path: Path, locks: set[str], names: Collection[str]) -> bool:
    """Whether one of the names ``locks`` (of ``path``'s folder, whose files are ``names``) is the lock file a program
    keeps beside ``path`` while it has it open. Excel's ~$ in place of a long name's first two characters is that of
    another file when the rest is that file's whole name (~$园区-甲.xlsx: 园区-甲.xlsx's, not 示范园区-甲.xlsx's)."""
    from ..adapters.files import another_files_lock, lock_candidates  # the names each program gives its lock

    return any(lock.name in locks and not another_files_lock(lock, path, names) for lock, _ in lock_candidates(path))


def opened_line(labels: list[str], then: str = "刷新", what: str = "申报表") -> str:
    """The line on the workbooks read while another program has them open (a lock file beside them): their saved
    contents are what was read; ``then``: what to do again once they are saved; ``what``: the workbooks' kind."""
    if not labels:
        return ""
    shown = "、".join(labels[:10]) + (f" 等 {len(labels)} 个" if len(labels) > 10 else "")
    return (f"以下{what}正被 Excel/WPS 等打开（旁边有锁文件）：{shown}。读取的是它们已保存的内容，在打开的窗口中改过而未保存的"
            f"内容不会计入：请在打开它们的窗口中保存（Ctrl+S）后再{then}；如果其实没有打开（程序异常退出后留下了锁文件），可忽略")


def _link_out(path: Path, inside: str, out: FolderFiles) -> bool:
    """Whether ``path`` is a link to a place outside the folder ``inside`` (then said in ``out``, not read). A link
    within the folder is harmless: a linked folder is not walked into (what it holds is read where it is), a linked
    workbook is read."""
    if not os.path.islink(path):     # one lstat per sub-folder and per workbook
        return False
    reason = link_outside(path, inside)
    if reason is None:
        return path.is_dir()
    out.unopened.append((path, reason))
    return True


def link_outside(path: Path, inside: str, what: str = "申报表") -> str | None:
    """Why ``path`` is not read when it is a link to a place outside the folder ``inside`` (its real path), None
    when it is no link or one within; ``what``: the workbooks the folder is for, named in what to do."""
    if not os.path.islink(path):     # one lstat per sub-folder and per workbook
        return None
    real = os.path.realpath(path)
    if real == inside or real.startswith(inside + os.sep):
        return None
    return LINK_UNREAD.format(target=real, what=what)


def application_files(folder: Path, exclude: set[Path] = frozenset(), recursive: bool = True) -> list[Path]:
    """Workbooks under ``folder`` (recursively), without Excel/WPS lock files, temp files and backups."""
    return folder_files(folder, exclude, recursive).workbooks


# a name ending with a space or a dot (“申报表.xlsx ”, “申报表.xlsx.”): left by zip tools and Linux copies of Windows
# files (Windows itself strips them, and its Explorer cannot open or rename such a file); read by its content
ODD_TAIL = " ."


def odd_tail_line(labels: Iterable[str]) -> str:
    """The info line for the workbooks read whose name ends with a space or a dot: what to rename."""
    odd = [x for x in labels if x.endswith(tuple(ODD_TAIL)) and Path(x.rstrip(ODD_TAIL)).suffix]
    if not odd:
        return ""
    said = "、".join(f"“{x}”（末尾有{odd_tail_said(x)}）" for x in odd[:10]) + (f" 等 {len(odd)} 个" if len(odd) > 10 else "")
    return (f"文件名以空格或句点结尾的工作簿已按内容读取：{said}。这样的文件名多由解压工具或从其他系统拷贝留下，"
            "Windows 资源管理器中常无法打开或改名：请把文件名末尾的空格、句点删去（如用 WPS/Excel 打开后另存为 .xlsx）")


def odd_tail_said(label: str) -> str:
    """What a name ends with of :data:`ODD_TAIL`, in words ("空格", "句点", "空格和句点"); "" for a name ending in neither."""
    tail = set(label[len(label.rstrip(ODD_TAIL)):])
    return "和".join(word for ch, word in ((" ", "空格"), (".", "句点")) if ch in tail)


def others_line(labels: list[str]) -> str:
    """The info line for files that are no workbook and no archive (those are listed as unreadable)."""
    if not labels:
        return ""
    shown = "、".join(labels[:10]) + (f" 等 {len(labels)} 个" if len(labels) > 10 else "")
    word = any(Path(x).suffix.lower() in WORD_SUFFIXES for x in labels)
    # a table exported as text (a park's 入驻企业名单 from its own system): data that is not read, not a 证明材料
    tables = [x for x in labels if Path(x).suffix.lower() in TEXT_TABLES]
    # (a 附件3 CSV an application read is not among them; one none read is a problem file)
    table = (f"其中{'、'.join(tables[:3])}{' 等' if len(tables) > 3 else ''}是文本格式的表格，没有作为入驻企业名单（附件3）"
             "读取：入驻企业名单的 CSV 要保留附件3的表头（企业名称、从业人数、年度网络零售额等）才能随申报表读取；"
             "申报表请用 Excel/WPS 打开后“另存为 Excel 工作簿（*.xlsx）”再放入；") if tables else ""
    return (f"另有 {len(labels)} 个文件不是 Excel 工作簿，未读取：{shown}（{table}申报书、证明材料等不需要读取"
            + ("；Word 里填写的申报表请改填本工具的 Excel 申报表后放入" if word else "") + "）")


def file_times(path_of: Callable[[str], Path]) -> Callable[[str], tuple[float | None, float]]:
    """A file label's (save time its workbook records or None, modification time or 0 when it is gone), to order
    two versions of one application (asked only of those)."""
    def times(label: str) -> tuple[float | None, float]:
        from ..adapters.xlsx.saved_time import saved_time  # start-up: a folder without two versions never needs it

        path = path_of(label)
        saved = saved_time(path)
        try:
            return (saved.timestamp() if saved else None), path.stat().st_mtime
        except OSError:
            return None, 0.0
    return times


def file_hash(path: Path) -> str:
    if not path.is_file():   # a named pipe would block the open, a link to /dev/zero never ends
        raise OSError(errno.EINVAL, "不是普通文件，是管道、设备或其他特殊文件")
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


STAT_SLACK_NS = 3_000_000_000   # more than the 2 s steps of a FAT/exFAT drive's times


def stat_of(path: Path) -> list[int]:
    """What ``stat`` says of a file that tells a change: size, modification and change times, inode, device."""
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]


def unchanged_since_hashed(now: list[int], known: list[int]) -> bool:
    """Whether a file whose :func:`stat_of` is ``now`` still holds the bytes hashed when it was ``known``
    (``[*stat_of, hashed_at]``, the clock read just before hashing): the same size, times, inode and device,
    and a *change* time well before the hashing (a write in the same tick of a coarse clock would otherwise
    pass; the modification time proves nothing, cp -p, unzip and touch -r set it back). The change time
    cannot be set back by any program on POSIX; on Windows ``st_ctime_ns`` is the creation time, which a write
    leaves as it was, so there nothing is proven this way."""
    return (sys.platform != "win32" and len(known) == 6 and known[:5] == now
            and known[2] + STAT_SLACK_NS < known[5])


def skipped_line(skipped: list[tuple[str, str]]) -> str:
    """The info line for workbooks skipped as not applications: (file, kind such as 项目汇总表) each."""
    if not skipped:
        return ""
    kinds = list(dict.fromkeys(kind for _, kind in skipped))
    files = "、".join(file if len(kinds) == 1 else f"{file}（{kind}）" for file, kind in skipped)
    return f"跳过 {len(skipped)} 份{'、'.join(kinds)}（不是申报表）：{files}"
