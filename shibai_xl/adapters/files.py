"""Writing files without ever leaving half a file: temp file next to the target, flushed
to disk, verified, one backup kept (written the same way), atomic replace. A file open in
Excel, WPS or LibreOffice is refused; running out of disk space or permission ends in a
Chinese message, the original and its backup untouched.

Temp files are named ``.shibai-HOST-PID-XXXX<suffix>.tmp`` so that a later run can tell
its own leftovers (from a killed run) from a file another running process still writes.
"""
from __future__ import annotations

import errno
import filecmp
import hashlib
import os
import shutil
import signal
import socket
import stat
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import RefusedWrite

TEMP_PREFIX, TEMP_SUFFIX = ".shibai-", ".tmp"
STALE_AFTER = 3600          # seconds: a temp file this old is a leftover, whoever wrote it
NO_SPACE = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
NO_PERMISSION = {errno.EACCES, errno.EPERM, errno.EROFS}


class FileBusy(RefusedWrite):
    """The target is open in Excel/WPS/LibreOffice, being refreshed, or cannot be written."""


# --- other programs' lock files ---------------------------------------------------------------

def lock_candidates(path: Path) -> list[tuple[Path, str]]:
    """Lock files other programs create next to a workbook they have open, with the program's name.

    Excel (and WPS on Windows): ``~$NAME``, or ``~$`` in place of the first two characters of a long
    name. LibreOffice: ``.~lock.NAME#``. WPS on Linux: ``.~NAME``, the first one or two characters of
    the name sometimes replaced (seen by the Seafile client, haiwen/seadrive-fuse ``WPS_LOCK_PATTERN``).
    """
    n = path.name
    out = [(path.with_name("~$" + n), "Excel/WPS"), (path.with_name("~$" + n[2:]), "Excel/WPS"),
           (path.with_name(f".~lock.{n}#"), "LibreOffice")]
    out += [(path.with_name(".~" + n[k:]), "WPS") for k in (0, 1, 2)]
    return [(p, who) for p, who in out if p != path]


def another_files_lock(lock: Path, path: Path, names: Collection[str] | None = None) -> bool:
    """Whether ``lock``, one of :func:`lock_candidates` of ``path``, is the lock of another workbook beside it: Excel's
    ~$ in place of a long name's first two characters is also ~$ before a short one's whole name (~$项目汇总表.xlsx:
    项目汇总表.xlsx's, open, not 全省项目汇总表.xlsx's), taken for that one's when it is there. ``names``: the folder's
    file names where already listed (else the file is looked for).

    >>> another_files_lock(Path("~$项目汇总表.xlsx"), Path("全省项目汇总表.xlsx"), ["项目汇总表.xlsx"])
    True
    >>> another_files_lock(Path("~$项目汇总表.xlsx"), Path("项目汇总表.xlsx"), ["项目汇总表.xlsx"])
    False
    """
    rest = lock.name[2:]
    if rest == path.name:
        return False
    return rest in names if names is not None else lock.with_name(rest).is_file()


def lock_file(path: Path) -> tuple[Path, str] | None:
    for candidate, who in lock_candidates(path):
        try:
            if candidate.exists() and not another_files_lock(candidate, path):
                return candidate, who
        except OSError as e:   # ".~lock.NAME#" of a long NAME: a lock name too long to exist is no lock
            if e.errno != errno.ENAMETOOLONG:
                raise
    return None


def ensure_writable(path: Path) -> None:
    found = lock_file(path)
    if found:
        lock, who = found
        hint = "" if who.startswith("Excel") else (   # Excel's own lock goes with Excel: the command line adds its tab
            f"，如果该文件其实没有打开（程序异常退出后留下了锁文件），可删除 {lock.name} 后重试")
        raise FileBusy(f"“{path.name}”正在被 {who} 打开（发现锁文件 {lock.name}）。请先关闭该文件再操作{hint}。", open_in=who)
    if path.exists() and not path.is_file() and not path.is_dir():   # its backup would copy a pipe, /dev/zero for ever
        raise RefusedWrite(f"“{path.name}”不是普通文件（是管道、设备或指向它们的链接），不能保存到这里，未改动。"
                           "请换一个文件名后重试")
    if path.exists() and not os.access(path, os.W_OK):
        if read_only_disk(path):   # a write-protected USB stick, a CD, a read-only share: no attribute to clear
            raise refusal(path, OSError(errno.EROFS, os.strerror(errno.EROFS), str(path)))
        raise FileBusy(f"“{path.name}”是只读文件或没有写入权限，请取消只读属性后再试")


def read_only_disk(path: Path) -> bool:
    """Whether ``path`` is on a file system mounted read-only (POSIX; Windows says so by EROFS-like errors only)."""
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY) if hasattr(os, "statvfs") else False
    except OSError:
        return False


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


NAME_MAX = 255   # bytes of one name on Linux and macOS file systems (Windows: 255 characters, never fewer bytes)


def side_file(path: Path, suffix: str) -> Path:
    """``.NAME<suffix>``, a file of ours beside ``path`` (a lock, a cache); for a name that leaves no room for it
    (a workbook named with 80 Chinese characters), ``.<digest of NAME><suffix>``: the same for every run.

    >>> side_file(Path("汇总表.xlsx"), ".shibai-lock").name, len(side_file(Path("贵" * 80 + ".xlsx"), ".shibai-lock").name)
    ('.汇总表.xlsx.shibai-lock', 29)
    """
    name = f".{path.name}{suffix}"
    if len(os.fsencode(name)) > NAME_MAX:
        name = f".{hashlib.sha256(os.fsencode(path.name)).hexdigest()[:16]}{suffix}"
    return path.with_name(name)


# --- our own temp files -----------------------------------------------------------------------

def _host_tag() -> str:
    return hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:6]


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine (never signals it)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process on Windows
        import ctypes  # Windows only

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        handle = kernel32.OpenProcess(0x1000, False, pid)      # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 5               # ERROR_ACCESS_DENIED: it exists
        code = ctypes.c_ulong()
        try:
            return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True       # someone else's process
    return True


def new_temp(target: Path) -> Path:
    """An empty temp file next to ``target``, named after this machine and process."""
    fd, name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{_host_tag()}-{os.getpid()}-",
                                suffix=target.suffix + TEMP_SUFFIX, dir=target.parent)
    os.close(fd)
    return Path(name)


def new_temp_dir(parent: Path) -> Path:
    """An empty temp folder in ``parent``, named as :func:`new_temp`'s files (removed as they are when stale)."""
    return Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{_host_tag()}-{os.getpid()}-", suffix=TEMP_SUFFIX, dir=parent))


def temp_is_stale(name: str, mtime: float, now: float | None = None) -> bool:
    """A temp file of ours is stale when it is older than an hour, or its writer on this machine is gone."""
    if (now if now is not None else time.time()) - mtime > STALE_AFTER:
        return True
    parts = name[len(TEMP_PREFIX):].split("-")
    if len(parts) < 3 or parts[0] != _host_tag() or not parts[1].isdigit():
        return False      # another machine's (network folder) or an older naming: only age tells
    return not process_alive(int(parts[1]))


def remove_stale_temps(folder: Path) -> int:
    """Delete our own leftover temp files and folders in ``folder`` (never another program's, never a live writer's)."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    now = time.time()
    for entry in entries:
        name = entry.name
        if not (name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if not temp_is_stale(name, st.st_mtime, now):
                continue
            if stat.S_ISREG(st.st_mode):
                os.unlink(entry.path)
                removed += 1
            elif stat.S_ISDIR(st.st_mode):    # new_temp_dir's (a link is never followed)
                shutil.rmtree(entry.path)
                removed += 1
        except OSError:
            continue
    return removed


# --- durable, verified writes -----------------------------------------------------------------

def fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def chmod_as_new(path: Path) -> None:
    """Give ``path`` the permissions a newly created file gets (0666 less the umask), not a temp file's 0600."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no directory handles for this)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as e:  # some file systems (network shares) cannot sync a directory
        if e.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def _write_backup(path: Path) -> None:
    """Copy ``path`` to ``NAME.bak`` through a temp file; the old backup is replaced only by a verified copy."""
    bak = backup_path(path)
    tmp = new_temp(bak)
    try:
        shutil.copy2(path, tmp)
        fsync_file(tmp)
        if not filecmp.cmp(path, tmp, shallow=False):
            from .xlsx.opc import UnreadableFile  # here: a refresh with nothing changed never loads lxml

            raise UnreadableFile(f"备份“{bak.name}”校验失败，原文件和原备份都没有改动，请重试")
        os.replace(tmp, bak)
    finally:
        _unlink_quietly(tmp)


def _unlink_quietly(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError:
        pass  # a leftover temp file is removed by the next run


_written: list[Path] | None = None   # the files write_atomic replaced while :func:`writes_recorded` is on


@contextmanager
def writes_recorded() -> Iterator[list[Path]]:
    """The files :func:`write_atomic` writes in this process meanwhile, in order: what a command interrupted by
    Ctrl+C has already written (each file whole), for its message. Off outside (the local service records nothing)."""
    global _written
    previous, _written = _written, []
    try:
        yield _written
    finally:
        _written = previous


def note_written(paths: list[Path]) -> None:
    """Record files written by others for this process (a helper process's, seen by their new modification time)."""
    if _written is not None:
        _written.extend(p for p in paths if p not in _written)


@contextmanager
def ctrl_c_held() -> Iterator[None]:
    """Ctrl+C pressed meanwhile takes effect when the block is done, not between a file's replace and its record.

    Only the main thread ever sees Ctrl+C (Python raises it there alone), so elsewhere this holds nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: pressed.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if pressed and callable(previous):
            previous(signal.SIGINT, None)


def write_atomic(path: str | Path, write: Callable[[Path], None], verify: Callable[[Path], None] | None = None,
                 backup: bool = True) -> None:
    """Call ``write(tmp)``, check the result, keep ``NAME.bak`` of the previous version, replace atomically.

    The temp file is flushed to disk before it replaces the target and the folder after, so a power
    cut leaves either the old or the new file. No space or no permission raises :class:`RefusedWrite`.
    """
    path = Path(path)
    ensure_writable(path)
    stage = "temp"
    tmp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(path.parent)
        tmp = new_temp(path)
        write(tmp)
        fsync_file(tmp)
        _verify_zip(tmp)
        if verify:
            verify(tmp)
        with ctrl_c_held():     # a file on disk is a file in the 取消前已写入 list, and the other way round
            if path.exists():
                shutil.copymode(path, tmp)
                if backup:
                    stage = "backup"
                    _write_backup(path)
                    note_written([backup_path(path)])
            else:
                chmod_as_new(tmp)
            stage = "replace"
            os.replace(tmp, path)
            note_written([path])
        fsync_dir(path.parent)
    except OSError as e:
        if e.errno in NO_SPACE or e.errno in NO_PERMISSION or isinstance(e, PermissionError):
            abandon_zip_writers(e)
            raise refusal(path, e, stage) from None
        raise
    finally:
        if tmp is not None:
            _unlink_quietly(tmp)


def refusal(path: Path, e: OSError, stage: str = "temp") -> RefusedWrite:
    """The Chinese message for an environment error while writing ``path``."""
    kept = ("没有留下不完整的文件" if not path.exists()     # a new summary, province table or expert book
            else "原文件和备份都没有改动" if stage != "replace" else "原文件没有改动")
    if e.errno in NO_SPACE:
        return RefusedWrite(f"磁盘空间不足，无法保存“{path.name}”，{kept}。请删除不需要的文件腾出空间"
                            f"（或换一个空间充足的文件夹、磁盘保存）后重试。")
    if e.errno == errno.EROFS:
        return RefusedWrite(f"“{path.absolute().parent}”在只读的磁盘上，无法保存“{path.name}”，{kept}。"
                            "请换一个可以写入的文件夹后重试。")
    if stage == "replace":
        return FileBusy(f"无法写入“{path.name}”：文件可能正被其他程序打开，或没有写入权限。{kept}。"
                        "请关闭该文件后重试；如果没有打开，请检查文件的权限，或换一个文件夹保存。")
    return RefusedWrite(f"没有权限在文件夹“{path.parent}”中写入文件，无法保存“{path.name}”，{kept}。"
                        "请换一个有写入权限的文件夹，或请管理员开放该文件夹的写入权限。")


class _Discard:
    """Stands in for the file of a zip writer that failed: its late close() writes nothing."""

    def write(self, data) -> int:
        return len(data)

    def tell(self) -> int:
        return 0

    def seek(self, *args) -> int:
        return 0

    def truncate(self, *args) -> int:
        return 0

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass


def abandon_zip_writers(exc: BaseException) -> None:
    """A ``ZipFile`` left open by a failed save would try to write again when collected, and Python
    prints that second failure as ``Exception ignored in ZipFile.__del__`` with a traceback. Close the
    file of every zip writer in the failed call's frames and give it a sink that discards."""
    tb = exc.__traceback__
    while tb is not None:
        for value in list(tb.tb_frame.f_locals.values()):
            if isinstance(value, zipfile.ZipFile) and value.mode in ("w", "x", "a") and value.fp is not None:
                fp = value.fp
                value.fp, value._didModify = _Discard(), False   # nothing left to write at close()
                try:
                    fp.close()
                except OSError:
                    pass
        tb = tb.tb_next


@contextmanager
def held_lock(path: Path, what: str = "刷新", kind: str = "汇总表", label: str | None = None) -> Iterator[None]:
    """A lock of our own on ``path`` for a whole job (``.NAME.shibai-lock`` next to it); the second run's message
    names ``label`` (default: the file's name), ``what`` the job and ``kind`` the file.

    The operating system releases it when the holder exits, however it exits, so a lock left by a
    killed run is taken over silently; a second run while the first still works gets a clear message.
    """
    lock = side_file(path, ".shibai-lock")
    while True:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)     # a new summary may go in a new folder
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as e:
            if e.errno in NO_PERMISSION or isinstance(e, PermissionError) or e.errno in NO_SPACE:
                raise refusal(path, e) from None
            raise
        if _try_lock(fd):
            try:
                same = os.fstat(fd).st_ino == os.stat(lock).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)      # the holder removed the file as we opened it: lock the new one
            continue
        holder = _read_holder(fd)
        os.close(fd)
        raise FileBusy(f"“{label or path.name}”正在被另一个{what}更新{holder}。请等它完成后再运行；"
                       f"同一个{kind}不能同时{what}两次。")
    try:
        try:   # who holds it, for the second run's message; a full disk must not stop the job here
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()} {_host_tag()} {time.strftime('%Y-%m-%d %H:%M:%S')}\n".encode())
        except OSError:
            pass
        yield
    finally:
        try:
            os.unlink(lock)    # while still holding it, so nobody locks a file that is going away
        except OSError:
            pass
        os.close(fd)


def _try_lock(fd: int) -> bool:
    if os.name == "nt":
        import msvcrt  # Windows only

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl  # POSIX only

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    except OSError as e:
        if e.errno in (errno.ENOLCK, errno.ENOTSUP, errno.EINVAL):
            return True   # a file system without locks (some network shares): run unlocked, as before
        raise


def _read_holder(fd: int) -> str:
    try:
        text = os.pread(fd, 200, 0).decode("utf-8", "replace").split() if hasattr(os, "pread") else []
    except OSError:
        text = []
    if len(text) >= 4 and text[0].isdigit():
        return f"（进程 {text[0]}，开始于 {text[2]} {text[3]}）"
    return ""


def _verify_zip(path: Path) -> None:
    from .xlsx.opc import UnreadableFile  # here: a refresh with nothing changed never loads lxml

    try:
        with zipfile.ZipFile(path) as zf:
            bad = zf.testzip()
    except zipfile.BadZipFile:
        bad = "?"
    if bad is not None:
        raise UnreadableFile("写出的文件校验失败，原文件未改动")
