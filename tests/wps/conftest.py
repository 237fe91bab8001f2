"""The WPS path for real: ``shibai serve`` (uvicorn) on a free port, the add-in's JavaScript in node
against a fake WPS workbook made from a real file, headless Chromium for the task pane."""
from __future__ import annotations

import datetime as dt
import http.client
import json
import os
import secrets
import shutil
import socket
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import python_calamine
from openpyxl import load_workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from shibai_xl import __version__
from shibai_xl.adapters.xlsx.shown_columns import sheet_hidden_columns
from shibai_xl.faces.serve import TOKEN_HEADER, make_server
from shibai_xl.wps.settings import ServeSettings

from ..filled_cache import by_content
from ..test_ribbon_actions import as_stored

ROOT = Path(__file__).resolve().parents[2]
ADDIN = ROOT / "workbooks" / "wps" / f"shibai_{__version__}"
HERE = Path(__file__).resolve().parent
NODE = shutil.which("node") or shutil.which("nodejs")
CHROMIUM = next((p for p in (shutil.which("chromium"), "/usr/bin/chromium") if p and os.path.exists(p)), None)
_EPOCH = dt.datetime(1899, 12, 30)

needs_node = pytest.mark.skipif(NODE is None, reason="node 未安装（.ci/run 会安装 nodejs）")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium 未安装（.ci/run 会安装）")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Service:
    settings: ServeSettings
    server: object

    @property
    def port(self) -> int:
        return self.settings.port

    def call(self, method: str, path: str, body=None, headers: dict | None = None, token: bool = True,
             raw: bytes | None = None):
        """(status, headers, parsed JSON or text) of one request, with any Host/Origin the test sets."""
        h = {"Content-Type": "application/json"}
        if token:
            h[TOKEN_HEADER] = self.settings.token
        h.update(headers or {})
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        payload = raw if raw is not None else (json.dumps(body, ensure_ascii=False).encode() if body is not None else None)
        conn.request(method, path, body=payload, headers=h)
        res = conn.getresponse()
        data = res.read().decode("utf-8")
        conn.close()
        try:
            parsed = json.loads(data) if data else None
        except ValueError:
            parsed = data
        return res.status, {k.lower(): v for k, v in res.getheaders()}, parsed


def start_service(settings: ServeSettings, saved=None, owner_id: str | None = None, **options) -> Service:
    server = make_server(settings, saved=saved, owner_id=owner_id, **options)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("shibai serve did not start")
        time.sleep(0.02)
    server._thread = thread
    return Service(settings, server)


def stop_service(service: Service) -> None:
    service.server.should_exit = True
    service.server._thread.join(10)


@pytest.fixture(scope="module")
def service():
    svc = start_service(ServeSettings(port=free_port(), token=secrets.token_urlsafe(16)))
    yield svc
    stop_service(svc)


# --- a fake WPS workbook from a real file -------------------------------------------------------------

def value2(v):
    """What ``Range.Value2`` gives for a cell value: dates as serial numbers."""
    if isinstance(v, dt.datetime):
        delta = v - _EPOCH
        return delta.days + delta.seconds / 86400
    if isinstance(v, dt.date):
        return (dt.datetime(v.year, v.month, v.day) - _EPOCH).days
    if isinstance(v, (dt.time, dt.timedelta)) or v == "":
        return None
    return v


def fake_book(path: Path, saved: bool = True, formulas: bool = False) -> dict:
    """The JSON fake_wps.js opens: the file's cached values (as WPS shows them), names, tables, notes, number
    formats; with ``formulas``, a formula cell holds its formula and shows the cached value."""
    book = _book_content(path, formulas)
    if saved:
        return {"name": path.name, "fullname": str(path), "path": str(path.parent), "saved": True, **book}
    return {"name": "工作簿1", "fullname": "工作簿1", "path": "", "saved": False, **book}


@by_content
def _book_content(path: Path, formulas: bool) -> dict:
    """:func:`fake_book`'s sheets, names and date system."""
    wb = load_workbook(path)
    values = python_calamine.CalamineWorkbook.from_path(str(path))
    sheets = []
    for ws in wb.worksheets:
        cells = {}
        rows = as_stored(path, ws.title, values.get_sheet_by_name(ws.title).to_python(skip_empty_area=False))
        for r, row in enumerate(rows, 1):
            for c, v in enumerate(row, 1):
                v = value2(v)
                if v is not None:
                    cells[f"{_letters(c)}{r}"] = v
        notes = {c.coordinate: {"author": c.comment.author or "", "text": c.comment.text}
                 for row in ws.iter_rows() for c in row if c.comment}
        formats = {c.coordinate: c.number_format for row in ws.iter_rows() for c in row if c.number_format != "General"}
        shown = {}
        for c in (c for row in ws.iter_rows() for c in row if formulas and c.data_type == "f"):
            shown[c.coordinate] = cells.pop(c.coordinate, None)
            cells[c.coordinate] = c.value
        texts = [c.coordinate for row in ws.iter_rows() for c in row    # a text typed as '=abc: no formula
                 if c.data_type == "s" and isinstance(c.value, str) and c.value.startswith("=")]
        sheets.append({"name": ws.title, "visible": ws.sheet_state == "visible", "cells": cells, "notes": notes,
                       "shown": shown, "texts": texts,
                       "tables": [{"name": t.displayName, "ref": t.ref} for t in ws.tables.values()],
                       "number_formats": formats, "merged": [str(r) for r in ws.merged_cells.ranges],
                       "hidden_rows": sorted(r for r, d in ws.row_dimensions.items() if d.hidden),
                       "hidden_columns": sorted(sheet_hidden_columns(ws)),
                       "print_area": ",".join(r.coord for r in ws._print_area.ranges) if ws.print_area else ""})
    names = [{"name": n, "refers_to": "=" + dn.attr_text} for n, dn in wb.defined_names.items()]
    date1904 = wb.epoch == CALENDAR_MAC_1904      # Workbook.Date1904: Value2 counts days from 1904-01-01
    return {"sheets": sheets, "names": names, "date1904": date1904}


def _letters(n: int) -> str:
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def run_js(tmp_path: Path, book: dict | None, control: str, service: Service, answer: str | None = None,
           settings: dict | None = None) -> dict:
    """Click ``control`` in node; the fake workbook afterwards and what the add-in showed."""
    book_file = tmp_path / f"book-{secrets.token_hex(4)}.json"
    settings_file = tmp_path / f"settings-{secrets.token_hex(4)}.json"
    if book is not None:
        book_file.write_text(json.dumps(book, ensure_ascii=False, default=str), "utf-8")
    settings_file.write_text(json.dumps(settings or {"port": service.port, "token": service.settings.token}), "utf-8")
    args = [NODE, str(HERE / "run_action.js"), str(book_file) if book is not None else "-", control, str(settings_file)]
    if answer is not None:
        args.append(answer)
    done = subprocess.run(args, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "SHIBAI_WPS_ADDIN": str(ADDIN)})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def sheet_of(result: dict, name: str) -> dict:
    return next(s for s in result["book"]["sheets"] if s["name"] == name)
