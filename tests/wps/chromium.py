"""Open the add-in's task pane in headless Chromium (the stand-in for WPS's embedded browser).

Used by the tests and by ``docs/make_wps_screenshot.py``. The page is opened from the installed
add-in folder as a local file, as WPS opens it, so its calls to ``shibai serve`` cross origins
("null" → http://127.0.0.1:PORT) exactly as in WPS.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium")
                 if p and os.path.exists(p)), None)
WINDOW = (440, 820)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
         "--virtual-time-budget=20000"]


def taskpane_url(addin: Path, workbook: Path) -> str:
    return (addin / "ui" / "taskpane.html").as_uri() + "?path=" + quote(str(workbook))


def chromium(url: str, *, screenshot: Path | None = None, window: tuple[int, int] = WINDOW) -> str:
    """The page's DOM after its scripts ran (and a screenshot, when asked for)."""
    with tempfile.TemporaryDirectory(prefix="shibai-chromium-") as profile:
        args = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", f"--window-size={window[0]},{window[1]}"]
        args += [f"--screenshot={screenshot}"] if screenshot else ["--dump-dom"]
        done = subprocess.run([*args, url], capture_output=True, text=True, timeout=120,
                              env={**os.environ, "HOME": profile})
    if done.returncode != 0:
        raise RuntimeError(f"chromium failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout
