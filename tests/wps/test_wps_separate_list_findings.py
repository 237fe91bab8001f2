"""The task pane's findings of an application whose 入驻企业名单 came as a workbook of its own (附件3 beside it):
a cell of that list is named as ``shibai check --json`` names it, "[名单.xlsx]入驻企业名单", never as a sheet of the
open workbook — whose own (empty) 入驻企业名单 sheet has the same name."""
from __future__ import annotations

import json

from openpyxl import load_workbook

from shibai_xl.examples import example_residents
from shibai_xl.faces.cli import main
from tests.test_real_applications import BASE_NAME, _base_with_separate_list

from .conftest import needs_chromium

LIST = f"{BASE_NAME}入驻企业名单.xlsx"


def _base_with_a_doubled_company_in_its_separate_list(tmp_path, make_workbook):
    rows = example_residents("base")[:4]
    rows.append(dict(rows[0]))                                   # the same company twice: XC_RESIDENT_DUP at its cell
    app = _base_with_separate_list(tmp_path / "申报", make_workbook, rows, LIST, "入驻电商企业名单")
    wb = load_workbook(app.parent / LIST)
    wb["Sheet1"].title = "入驻企业名单"                           # as the template names it, and the form's own sheet
    wb.save(app.parent / LIST)
    return app


def test_the_panes_findings_name_the_separate_lists_cells_as_check_json_does(service, make_workbook, tmp_path,
                                                                              capsys):
    app = _base_with_a_doubled_company_in_its_separate_list(tmp_path, make_workbook)
    capsys.readouterr()
    main(["check", "--json", str(app)])
    expected = [(f["code"], f["sheet"], f["cell"]) for f in json.loads(capsys.readouterr().out)["findings"]]
    assert ("XC_RESIDENT_DUP", f"[{LIST}]入驻企业名单", "B9") in expected, expected
    status, _, pane = service.call("POST", "/api/findings", {"path": str(app)})
    assert status == 200 and [(f["code"], f["sheet"], f["cell"]) for f in pane["findings"]] == expected
    for control in ("sb_check", "sb_residents"):
        status, _, outcome = service.call("POST", "/api/action/" + control, {"path": str(app)})
        listed = [(f["code"], f["sheet"], f["cell"]) for f in outcome["findings"]]
        assert status == 200 and ("XC_RESIDENT_DUP", f"[{LIST}]入驻企业名单", "B9") in listed, (control, listed)
        assert ("XC_RESIDENT_DUP", "入驻企业名单", "B9") not in listed


@needs_chromium
def test_a_link_to_the_separate_lists_cell_selects_nothing_in_the_open_form_and_says_which_file(tmp_path):
    from shibai_xl.wps import install as I

    from .conftest import free_port
    from .test_wps_addin import _pane_in_wps

    home = tmp_path / "home"
    where = I.Where(platform="linux", env={"HOME": str(home)}, home=home)
    I.install(where, port=free_port(), start=False)
    dom = _pane_in_wps(where.jsaddons() / I.FOLDER, None, "基地申报表.xlsx",
                       finding={"code": "XC_RESIDENT_DUP", "severity": "warning", "message": "重复",
                                "sheet": f"[{LIST}]入驻企业名单", "cell": "B9"})
    assert 'data-selected=""' in dom and "已选中" not in dom, dom
    assert LIST in dom and "打开" in dom
