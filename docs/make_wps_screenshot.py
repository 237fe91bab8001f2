"""The README's picture of the WPS add-in's task pane, drawn by headless Chromium.

    python docs/make_wps_screenshot.py        # needs chromium

Installs the add-in into a temporary home, starts ``shibai serve`` there, opens the task
pane for an example application with mistakes (as WPS opens it: a local page calling the
service) and writes docs/wps-taskpane.png.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from openpyxl import load_workbook  # noqa: E402

from shibai_xl.adapters.xlsx.filler import fill  # noqa: E402
from shibai_xl.examples import EXAMPLES, example_residents  # noqa: E402
from shibai_xl.jobs.new_workbook import new_workbook  # noqa: E402
from shibai_xl.rules import load  # noqa: E402
from shibai_xl.wps import install as I  # noqa: E402
from shibai_xl.wps import settings as S  # noqa: E402
from tests.wps.chromium import chromium, taskpane_url  # noqa: E402
from tests.wps.conftest import free_port, start_service, stop_service  # noqa: E402

OUT = ROOT / "docs" / "wps-taskpane.png"


def flawed_park(folder: Path) -> Path:
    path = new_workbook("park", folder / "示范园区-问题示例.xlsx")
    values = dict(EXAMPLES["park"], sb_uscc="91520102MA6DKQ8X1A", sb_leader_mobile="12345", sb_resident_count=20)
    residents = example_residents("park")
    residents.append(dict(residents[0]))
    materials = {m.name: ("不涉及" if m.not_applicable else "是") for m in load().materials}
    wb = load_workbook(path)
    fill(wb, values, residents, materials)
    wb.save(path)
    return path


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="shibai-wps-shot-") as tmp:
        home = Path(tmp) / "home"
        where = I.Where(platform="linux", env={"HOME": str(home)}, home=home)
        I.install(where, port=free_port(), start=False)
        service = start_service(S.load(**where.settings))
        try:
            chromium(taskpane_url(where.jsaddons() / I.FOLDER, flawed_park(Path(tmp))), screenshot=OUT)
        finally:
            stop_service(service)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
