"""LibreOffice kept running for a test process: the conversions of ``libreoffice.convert_many`` without a start each.

A start of ``soffice --convert-to`` costs a second before the first file is opened, and the suite converts a few
hundred times. Here one headless LibreOffice per test process and profile listens on a named pipe, and a small
client run by LibreOffice's own Python bridge (Debian's python3-uno, which the venv's Python cannot import) opens
each file hidden and read-only and stores it with the filter ``--convert-to`` picks for the extension, as the
command line does. Where the bridge is missing, ``available()`` is False and the caller starts soffice as before.
"""
from __future__ import annotations

import atexit
import json
import os
import select
import shutil
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

UNO_PYTHON = "/usr/bin/python3"

# the filter ``soffice --convert-to EXT`` chooses for a spreadsheet ("convert … using filter : …")
FILTERS = {"xls": "MS Excel 97", "ods": "calc8", "xlsx": "Calc MS Excel 2007 XML", "pdf": "calc_pdf_Export",
           "html": "HTML (StarCalc)", "csv": "Text - txt - csv (StarCalc)"}

_CLIENT = r'''
import json, sys, time
import uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p

local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
for _ in range(1200):
    try:
        ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % sys.argv[1])
        break
    except Exception:
        time.sleep(0.05)
else:
    sys.exit("LibreOffice did not answer")
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
print(json.dumps("ready"), flush=True)
def convert(src, dst, req):
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0,
                                       (prop("Hidden", True), prop("ReadOnly", True)))
    if doc is None:
        raise RuntimeError("not loaded")
    try:
        store = [prop("FilterName", req["filter"]), prop("Overwrite", True)]
        if req["options"]:
            store.append(prop("FilterOptions", req["options"]))
        if req.get("password"):   # libreoffice.saved_protected: 文件→另存为→使用密码保存
            store.append(prop("Password", req["password"]))
        if req.get("structure") is not None:   # 工具→保护电子表格结构 (an .xls is then saved encrypted)
            doc.protect(req["structure"])
        doc.storeToURL(uno.systemPathToFileUrl(dst), tuple(store))
    finally:
        doc.close(True)


def edit(path, req):
    # libreoffice.edit_rows: a person's edit (sheet protection off first), recalculated, saved as .xlsx
    url = uno.systemPathToFileUrl(path)
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
    if doc is None:
        raise RuntimeError("not loaded")
    try:
        sheet = doc.Sheets.getByName(req["sheet"])
        sheet.unprotect("")
        if req["delete"]:
            sheet.Rows.removeByIndex(req["delete"] - 1, 1)
        if req["insert"]:
            sheet.Rows.insertByIndex(req["insert"] - 1, 1)
        if req["delete_column"]:
            sheet.Columns.removeByIndex(req["delete_column"] - 1, 1)
        for ref, kind, value in req["cells"]:
            cell = sheet.getCellRangeByName(ref)
            if kind == "n":
                cell.setValue(float(value))
            elif kind == "p":
                cell.setValue(float(value) / 100)
                percent = uno.getConstantByName("com.sun.star.util.NumberFormat.PERCENT")
                cell.NumberFormat = doc.NumberFormats.getStandardFormat(
                    percent, uno.createUnoStruct("com.sun.star.lang.Locale"))
            else:
                cell.setString(value)
        doc.calculateAll()
        doc.storeToURL(url, (prop("FilterName", "Calc MS Excel 2007 XML"),))
    finally:
        doc.close(True)


try:
    for line in sys.stdin:
        req = json.loads(line)
        said = []
        for src, dst in req["files"]:
            try:
                convert(src, dst, req) if dst else edit(src, req)
                said.append(None)
            except Exception as e:
                said.append(repr(e))
        print(json.dumps(said), flush=True)
finally:
    # the test process's end of the pipes is closed: it ended, perhaps killed (a timeout, Ctrl+C twice) before it could
    # stop this LibreOffice itself (or in the middle of a request, the answer then undeliverable); so it stops here
    # rather than running on after the tests
    try:
        desktop.terminate()
    except Exception:
        pass
'''

_available: bool | None = None
_offices: dict[str, _Office] = {}


def available() -> bool:
    """Whether LibreOffice's Python bridge is here (and SHIBAI_TESTS_SOFFICE_EACH, a start per call, is not set)."""
    global _available
    if _available is None:
        _available = not os.environ.get("SHIBAI_TESTS_SOFFICE_EACH") and os.path.exists(UNO_PYTHON) and subprocess.run(
            [UNO_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0
    return _available


def filter_of(fmt: str) -> tuple[str, str, str] | None:
    """``--convert-to`` FMT as (extension, filter, options): "xls", "xlsx:Calc MS Excel 2007 XML", "csv:F:44,34"."""
    ext, _, rest = fmt.partition(":")
    name, _, options = rest.partition(":")
    name = name or FILTERS.get(ext, "")
    return (ext, name, options) if name else None


class OfficeGone(Exception):
    """LibreOffice itself ended (its own crash): the files not stored are tried again in a new one."""


class _Office:
    def __init__(self, exe: str, profile: Path):
        self.pipe = f"shibai_lo_{os.getpid()}_{profile.name}"
        self.office = subprocess.Popen(
            [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible", "--norestore", "--nologo",
             "--nodefault", f"--accept=pipe,name={self.pipe};urp;StarOffice.ComponentContext"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        script = profile / "client.py"
        script.write_text(_CLIENT, "utf-8")
        self.client = subprocess.Popen([UNO_PYTHON, str(script), self.pipe], stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, text=True, start_new_session=True)
        if self._reply(120) != "ready":
            self.close()
            raise OfficeGone("LibreOffice did not start")

    def _reply(self, timeout: float):
        ready, _, _ = select.select([self.client.stdout], [], [], timeout)
        if not ready:
            self.close()
            raise subprocess.TimeoutExpired("LibreOffice", timeout)
        line = self.client.stdout.readline()
        if not line:
            self.close()
            raise OfficeGone("the client ended")
        return json.loads(line)

    def convert(self, pairs: list[tuple[Path, Path]], filter_name: str, options: str, timeout: float,
                **protection) -> list:
        """``protection``: password (to open), structure (the workbook structure's password, "" for none)."""
        return self.ask({"files": [[str(s), str(d)] for s, d in pairs], "filter": filter_name, "options": options,
                         **protection}, timeout)

    def edit(self, path: Path, timeout: float, **edits) -> list:
        """``libreoffice.edit_rows`` in this LibreOffice: [what went wrong, or None]."""
        return self.ask({"files": [[str(path), ""]], **edits}, timeout)

    def ask(self, request: dict, timeout: float) -> list:
        try:
            self.client.stdin.write(json.dumps(request) + "\n")
            self.client.stdin.flush()
        except OSError as e:
            self.close()
            raise OfficeGone(str(e)) from e
        said = self._reply(timeout)
        if any(said) and self.office.poll() is not None:
            self.close()
            raise OfficeGone("LibreOffice ended")
        return said

    def close(self) -> None:
        for proc in (self.client, self.office):
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except OSError:
                    pass
                proc.wait()
        for pipe in (self.client.stdin, self.client.stdout):
            try:
                pipe.close()
            except OSError:       # a request not yet read by a client that is gone
                pass


def office(exe: str, profile: Path) -> _Office:
    key = str(profile)
    found = _offices.get(key)
    if found is None or found.office.poll() is not None or found.client.poll() is not None:
        if found is not None:
            found.close()
        found = _offices[key] = _Office(exe, profile)
    return found


def asked(exe: str, profile: Path, ask: Callable[[_Office], list]) -> list | None:
    """What ``ask`` of this process's LibreOffice on ``profile`` answered (an error's text or None, a file each);
    one that ended (its own crash) is started again, three times at most: None after that."""
    for _attempt in range(3):
        try:
            return ask(office(exe, profile))
        except OfficeGone:
            forget(profile)
    return None


def forget(profile: Path) -> None:
    found = _offices.pop(str(profile), None)
    if found is not None:
        found.close()


def _close_all() -> None:
    for found in _offices.values():
        found.close()


atexit.register(_close_all)


def office_profile(root: Path) -> Path:
    """The running LibreOffice's own profile beside ``root`` (the command line's): a soffice started on a profile
    a LibreOffice already runs on hands its files to that one and ends."""
    profile = root.with_name(root.name + "-office")
    user = profile / "user"
    if not (user / "registrymodifications.xcu").exists():
        atexit.register(shutil.rmtree, profile, ignore_errors=True)
        user.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / "user" / "registrymodifications.xcu", user / "registrymodifications.xcu")
    return profile

