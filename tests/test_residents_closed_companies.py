"""A park's 入驻企业名单 (附件3) copied from a 企查查/天眼查 export keeps its 登记状态 column (存续, 注销, “吊销，未注销”), or
the clerk notes “已注销”/“已迁出” in 备注: a company closed or gone is no resident, yet `shibai check` counted it without a
word — its 零售额 supporting the park's threshold. One XC_RESIDENT_ROW warning now names the rows (still counted: the
reviewer decides), at the status cell; SB_RESIDENTS counts it as one 数据有误. 存续/在业 say nothing."""
from __future__ import annotations

import json

import pytest
from openpyxl import Workbook, load_workbook

from shibai_xl.examples import example_residents
from shibai_xl.faces import udf_functions as U
from shibai_xl.faces.cli import main
from tests.conftest import example

NAME, STAFF, TRADE, RETAIL, NOTE, CODE = ("企业名称", "从业人数", "年度网络交易额（万元）", "年度网络零售额（万元）", "备注",
                                          "统一社会信用代码")
QCC = ["序号", "企业名称", "登记状态", "法定代表人", "注册资本", "成立日期", "统一社会信用代码", "所属行业", "从业人数",
       "年度网络交易额（万元）", "年度网络零售额（万元）", "备注"]


def _check(path, capsys) -> dict:
    capsys.readouterr()
    main(["check", str(path), "--json"])
    return json.loads(capsys.readouterr().out)


def _qcc_list(path, park: str, statuses: dict[int, str]):
    """The park's list as a 企查查 export with the 附件3 figures added: 登记状态 存续 but where ``statuses`` says."""
    wb = Workbook()
    ws = wb.active
    ws.append([f"填报园区/基地：{park}"])
    ws.append(QCC)
    for i, r in enumerate(example_residents("park")):
        ws.append([i + 1, r[NAME], statuses.get(i, "存续（在营、开业、在册）"), "张三", "500万元人民币", "2019-03-01",
                   r[CODE], "零售业", r[STAFF], r[TRADE], r[RETAIL], r[NOTE]])
    wb.save(path)


@pytest.mark.parametrize("status", ["注销", "吊销，未注销"])
def test_a_closed_company_in_a_list_copied_from_qichacha_is_said(tmp_path, make_workbook, capsys, status):
    folder = tmp_path / "申报表"
    folder.mkdir()
    values = example("park")
    park = make_workbook("park", values, residents=[]).rename(folder / "园区申报表.xlsx")
    _qcc_list(folder / f"{values['sb_name']}入驻企业名单.xlsx", values["sb_name"], {5: status})
    got = _check(park, capsys)
    said = [f for f in got["findings"] if f["code"] == "XC_RESIDENT_ROW"]
    assert len(said) == 1, got["findings"]
    (f,) = said
    assert f["severity"] == "warning" and f["cell"] == "C8", f          # the 登记状态 cell of the 6th company
    assert f"第8行登记状态“{status}”" in f["message"] and "不再是入驻企业" in f["message"], f["message"]
    assert got["eligible"] is True                                        # said, still counted: 12 家 as declared
    assert not [x for x in got["findings"] if x["code"] in ("XC_RESIDENT_COUNT", "XC_RESIDENT_RETAIL")], got["findings"]


def test_a_list_of_companies_in_business_says_nothing(tmp_path, make_workbook, capsys):
    folder = tmp_path / "申报表"
    folder.mkdir()
    values = example("park")
    park = make_workbook("park", values, residents=[]).rename(folder / "园区申报表.xlsx")
    _qcc_list(folder / f"{values['sb_name']}入驻企业名单.xlsx", values["sb_name"], {3: "在业", 4: "存续"})
    got = _check(park, capsys)
    assert not [f for f in got["findings"] if f["code"] == "XC_RESIDENT_ROW"], got["findings"]


def test_a_company_noted_as_gone_in_the_templates_list_is_said_and_counted_by_sb_residents(make_workbook, capsys):
    rows = example_residents("park")
    rows[2][NOTE] = "2023年12月已迁出"
    path = make_workbook("park", residents=rows)
    got = _check(path, capsys)
    (f,) = [f for f in got["findings"] if f["code"] == "XC_RESIDENT_ROW"]
    assert "第8行备注“2023年12月已迁出”" in f["message"], f["message"]
    ws = load_workbook(path)["入驻企业名单"]
    summed = dict(map(tuple, U.residents([[c.value for c in row] for row in ws["A5:K35"]])))
    assert summed["家数"] == 12 and summed["数据有误（处）"] == 1, summed


def test_a_status_column_typed_beside_the_template_table_is_read(make_workbook, capsys):
    """The 经营状态 a park pasted from 企查查 into the column right of the template's sb_residents table (WPS and
    LibreOffice leave the table as it was, Excel widens it): the closed company is said as in a column of the table."""
    path = make_workbook("park", example("park"))
    wb = load_workbook(path)
    ws = wb["入驻企业名单"]
    last = ws.tables["sb_residents"].ref.split(":")[1].rstrip("0123456789")
    beside = chr(ord(last) + 1)
    header = ws.tables["sb_residents"].ref.split(":")[0].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    ws[f"{beside}{header}"] = "经营状态"
    ws[f"{beside}{int(header) + 1}"] = "存续"
    ws[f"{beside}{int(header) + 3}"] = "吊销，未注销"
    wb.save(path)
    said = [f for f in _check(path, capsys)["findings"] if f["code"] == "XC_RESIDENT_ROW" and "吊销" in f["message"]]
    assert said and f"第{int(header) + 3}行" in said[0]["message"], said
