"""Applications as people really send them (issue 12, items 7–10): .xls/.ods saved by LibreOffice, values
pasted into a new workbook, a form retyped by hand, the resident list in a sheet without its table or in a
workbook of its own, and ``check FOLDER``. Every file is made as a person would make it."""
from __future__ import annotations

import hashlib
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from shibai_xl.adapters.xlsx.reader import read_application
from shibai_xl.adapters.xlsx.templates import RESIDENT_COLUMNS
from shibai_xl.engine.check import check
from shibai_xl.errors import UnreadableInput
from shibai_xl.examples import example_residents
from shibai_xl.faces.cli import main
from shibai_xl.jobs.check_file import check_file
from shibai_xl.jobs.refresh import refresh
from tests.conftest import example
from tests.libreoffice import convert, need_soffice

BASE_NAME = example("base")["sb_name"]     # 遵义红色之旅直播电商基地


def sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def codes(result) -> set[str]:
    return {f.code for f in result.findings}


def values_only_copy(src: Path, target: Path, skip=("评分", "校验结果")) -> Path:
    """What "选择性粘贴 → 数值" into a new workbook leaves: the texts and numbers, no names, tables or formats."""
    wb, out = load_workbook(src), Workbook()
    out.remove(out.active)
    for ws in wb.worksheets:
        if ws.title in skip:
            continue
        new = out.create_sheet(f"Sheet{len(out.worksheets) + 1}")
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None and c.data_type != "f":
                    new.cell(c.row, c.column, c.value)
    out.save(target)
    return target


def hand_typed_list(path: Path, title: str, rows: list[dict], org: str | None = None) -> Path:
    """A 附件3 list typed in a workbook of its own: a title, 填报园区/基地, the header row, the rows, a 合计."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = title
    ws.merge_cells("A1:J1")
    if org:
        ws["A2"], ws["B2"] = "填报园区/基地：", org
    header = ["序号", "企业名称", "联系人", "联系方式", "企业网址", "所属行业\n（类型）", "从业人数",
              "2023年4月-2024年3月年度网络交易额(万元)", "年度网络零售额（万元）", "备注"]
    for c, h in enumerate(header, 1):
        ws.cell(4, c, h)
    for r, row in enumerate(rows, 5):
        for c, h in enumerate(RESIDENT_COLUMNS[:10], 1):
            ws.cell(r, c, row.get(h))
    total = 5 + len(rows)
    ws.cell(total, 1, "合计")
    ws.cell(total, 8, sum(row["年度网络交易额（万元）"] for row in rows))
    wb.save(path)
    return path


# --- item 7: .xls and .ods ---------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_libreoffice_formats_read_like_the_original(make_workbook, tmp_path, fmt):
    need_soffice()
    original = make_workbook("park", example("park", sb_incubation_rate=0.62, sb_trade_total=4.25))
    converted = convert(original, fmt, tmp_path / fmt)
    before = sha(converted)
    a, b = read_application(original), read_application(converted)
    assert b.type == "park" and b.value("sb_name") == example("park")["sb_name"]
    assert b.raw["sb_trade_total"].value == 4.25 and (b.raw["sb_trade_total"].sheet, b.raw["sb_trade_total"].cell) == \
        (a.raw["sb_trade_total"].sheet, a.raw["sb_trade_total"].cell)          # found by its defined name
    assert len(b.residents) == len(example_residents("park")) == len(a.residents)
    assert [r.get("企业名称") for r in b.residents] == [r.get("企业名称") for r in a.residents]
    assert b.materials.keys() == a.materials.keys()
    ra, rb = check(a), check(b)
    assert rb.eligible is ra.eligible is True and rb.score.auto == ra.score.auto
    item = next(i for i in rb.score.items if "孵化成功率" in i.reason)
    assert "62%" in item.reason, item.reason                                  # 0.62 in a %-cell is 62%
    assert "FILE_LABELS" not in codes(rb) and "XC_RESIDENT_ROW" not in codes(rb)
    assert sha(converted) == before


def test_check_write_on_xls_refuses_and_says_how_to_convert(make_workbook, tmp_path, capsys):
    need_soffice()
    xls = convert(make_workbook("team"), "xls", tmp_path / "xls")
    before = sha(xls)
    assert main(["check", str(xls), "--write"]) == 2
    err = capsys.readouterr().err
    assert "另存为" in err and ".xlsx" in err and "Traceback" not in err
    assert sha(xls) == before and not list(xls.parent.glob("*.bak"))
    assert main(["check", str(xls)]) == 0                                   # reading it is fine


# --- item 9: defined names lost ------------------------------------------------------------------------

def test_values_pasted_into_a_new_workbook_are_read_by_labels(make_workbook, tmp_path):
    original = make_workbook("park", example("park", sb_live_rooms=3, sb_incubation_rate=0.6))
    pasted = values_only_copy(original, tmp_path / "粘贴的申报表.xlsx")
    a, b = read_application(original), read_application(pasted)
    assert b.type == "park"                        # no sb_type, no title row kept? the labels tell
    for name in ("sb_name", "sb_operator_name", "sb_trade_total", "sb_live_rooms", "sb_uscc", "sb_established",
                 "sb_svc_live", "sb_adm_other", "sb_crossborder_usd", "sb_period_start", "sb_fill_date"):
        assert b.value(name) == a.value(name), name
    assert b.value("sb_operator_name") != b.value("sb_name")     # the two 名称 rows told apart by order
    assert b.materials["sb_mat_audit"].value == a.materials["sb_mat_audit"].value == "是"
    assert len(b.residents) == len(a.residents)                 # the list by its header row
    ra, rb = check(a), check(b)
    assert (rb.eligible, rb.score.auto) == (ra.eligible, ra.score.auto)
    f = next(f for f in rb.findings if f.code == "FILE_LABELS")
    assert f.severity == "info" and "按表格中印出的项目名称" in f.message and "未找到" not in f.message


def test_form_retyped_by_hand_with_missing_rows(tmp_path, rules):
    """A clerk retypes the team form: labels in column B, answers two columns right, 粉丝数 row left out."""
    values = example("team", sb_live_sales=850)
    wb = Workbook()
    ws = wb.active
    ws.title = "直播团队"
    ws["B1"] = "电商直播团队申报表"
    rows = [("填表时间：", values["sb_fill_date"]), ("名称", values["sb_name"]), ("主管部门", values["sb_authority"]),
            ("地址", values["sb_address"]), ("类型：□国有或国有控股企业 □民营企业 □其他", values["sb_org_type"]),
            ("姓名", values["sb_leader_name"]), ("职务", values["sb_leader_title"]), ("手机", values["sb_leader_mobile"]),
            ("(202x年x月-202x年x月) 起", values["sb_period_start"]), ("(202x年x月-202x年x月) 止", values["sb_period_end"]),
            ("年度直播销售额", "850万元"), ("1. 有小程序、APP 或自媒体公众号", "是"),
            ("2. 成立时间 1 年以上，具备直播电商业务经验 6 个月以上", "是"), ("3. 具备完善的仓配管理系统", "是"),
            ("4. 落地在电商产业园内，对产业集聚有带动作用", "是"), ("5. 签约主播、直播艺人 5 人以上", "是"),
            ("6. 有 1 个以上品牌及产业带合作案例", "是"), ("7. 取得相应的经营批准证书，信息公开可查", "是"),
            ("8. 社会效益显著，带动上下游关联企业协同发展", "是"), ("7. 在助力乡村振兴方面成效显著", "否"),
            ("8. 年度带动贵州农产品销售 50 万元以上", "")]
    for r, (label, value) in enumerate(rows, 3):
        ws.cell(r, 2, label)
        ws.cell(r, 4, value)
        if label == "年度直播销售额":
            ws.cell(r, 5, "万元")
    supp = wb.create_sheet("补充")
    for r, (label, name) in enumerate([("统一社会信用代码", "sb_uscc"), ("成立日期", "sb_established"),
                                       ("所属市（州）", "sb_city"), ("信用记录良好（信用中国等查询无失信记录）", "sb_credit_ok"),
                                       ("财务制度健全", "sb_finance_ok")], 1):
        supp.cell(r, 1, label)
        supp.cell(r, 2, values[name])
    path = tmp_path / "手工录入的团队申报表.xlsx"
    wb.save(path)
    app = read_application(path)
    assert app.type == "team" and app.value("sb_name") == values["sb_name"]
    assert app.value("sb_live_sales") == "850万元" and app.raw["sb_live_sales"].cell == "D13"
    assert app.value("sb_rural") == "否" and app.value("sb_agri_sales_50w") is None   # blank stays blank
    assert app.value("sb_uscc") == values["sb_uscc"] and app.raw["sb_uscc"].sheet == "补充"
    result = check(app)
    assert result.values["sb_live_sales"] == 850
    f = next(f for f in result.findings if f.code == "FILE_LABELS")
    assert "未找到" in f.message and "粉丝数100万以上" in f.message and "运营情况" in f.message
    assert result.eligible is not False and result.status in ("达标", "待定")


# --- item 8: the resident list where people put it --------------------------------------------------

def test_resident_sheet_that_lost_its_table(make_workbook, tmp_path):
    path = make_workbook("base")
    wb = load_workbook(path)
    del wb["入驻企业名单"].tables["sb_residents"]        # a copied sheet keeps the header, not the table
    wb.save(path)
    app = read_application(path)
    assert [r.get("企业名称") for r in app.residents] == [r["企业名称"] for r in example_residents("base")]
    assert app.residents[0].cell("企业名称") == "B6"
    assert "XC_RESIDENT_ROW" not in codes(check(app))


def _base_with_separate_list(folder: Path, make_workbook, rows: list[dict], list_name: str, title: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    app = make_workbook("base", residents=None, name="基地申报表.xlsx")
    shutil.move(app, folder / app.name)
    hand_typed_list(folder / list_name, title, rows)
    return folder / app.name


def test_separate_list_next_to_the_application_check_and_refresh_agree(make_workbook, tmp_path):
    rows = example_residents("base")[:4]          # the form says 6 residents: the list shows 4
    folder = tmp_path / "申报"
    app = _base_with_separate_list(folder, make_workbook, rows, f"{BASE_NAME}入驻企业名单.xlsx", "入驻电商企业名单")
    result = check_file(app)
    assert [r.get("企业名称") for r in result.app.residents] == [r["企业名称"] for r in rows]   # 合计 row not a company
    assert result.app.residents_file == f"{BASE_NAME}入驻企业名单.xlsx"
    assert {"XC_RESIDENT_FILE", "XC_RESIDENT_COUNT"} <= codes(result)
    assert "列出4家" in next(f.message for f in result.findings if f.code == "XC_RESIDENT_COUNT")
    report = refresh(tmp_path / "汇总表.xlsx", folder)
    assert report.unreadable == [] and report.lists == 1 and report.files == 1
    ws = load_workbook(tmp_path / "汇总表.xlsx")["项目汇总表"]
    header = {c.value: c.column for c in ws[3]}
    assert ws.cell(4, header["企业名称"]).value == BASE_NAME and ws.cell(5, header["企业名称"]).value in (None, "")
    assert ws.cell(4, header["前置条件"]).value == result.status
    assert ws.cell(4, header["自动评分"]).value == result.score.auto
    assert "XC_RESIDENT_COUNT" in ws.cell(4, header["问题"]).value


def test_separate_list_the_ribbon_and_shibai_serve_agree_with_check(make_workbook, tmp_path):
    """检查本申报表/任务窗格 (Excel ribbon and shibai serve for WPS: jobs.actions on the saved file) take the separate
    list next to the file as `shibai check FILE` does: one verdict, not 达标 in the terminal and 待定 in WPS."""
    from shibai_xl.jobs import actions as A

    rows = example_residents("base")
    folder = tmp_path / "申报"
    app = _base_with_separate_list(folder, make_workbook, rows, f"{BASE_NAME}入驻企业名单.xlsx", "入驻电商企业名单")
    cli = check_file(app)
    with A.request_view(str(app)) as view:
        pane = A.findings(view)
        outcome = A.check(view)
        listed = A.residents(view)
    assert pane["status"] == cli.status
    assert pane["score"] == float(cli.score.auto)
    assert [(f["code"], f["message"]) for f in pane["findings"]] == [(f.code, f.message) for f in cli.findings]
    assert [f["code"] for f in outcome.findings] == [f.code for f in cli.findings]
    assert "XC_RESIDENT_FILE" in {f["code"] for f in pane["findings"]}
    assert f"{len(rows)} 家" in listed.message
    assert not listed.edits.colors and not listed.edits.notes     # the list's cells are in the other workbook


def test_only_list_in_the_folder_is_linked_and_a_changed_list_is_read_again(make_workbook, tmp_path):
    rows = example_residents("base")
    folder = tmp_path / "申报"
    app = _base_with_separate_list(folder, make_workbook, rows, "名单.xlsx", "贵州省电商示范园区/直播示范基地入驻电商企业名单")
    result = check_file(app)
    assert len(result.app.residents) == 6 and "XC_RESIDENT_COUNT" not in codes(result)
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, folder)
    hand_typed_list(folder / "名单.xlsx", "入驻电商企业名单", rows[:2])       # the applicant sends a new list
    second = refresh(summary, folder)
    # the application is read again (its list too; the report counts applications, the list apart)
    assert second.read == 1 and second.cached == 0 and second.lists == 1
    ws = load_workbook(summary)["项目汇总表"]
    header = {c.value: c.column for c in ws[3]}
    assert "XC_RESIDENT_COUNT" in ws.cell(4, header["问题"]).value
    assert refresh(summary, folder).read == 0                               # and cached after that


def test_list_without_its_application_is_reported_not_called_a_non_application(make_workbook, tmp_path, capsys):
    folder = tmp_path / "申报"
    folder.mkdir()
    lst = hand_typed_list(folder / "某园区入驻企业名单.xlsx", "某园区入驻电商企业名单", example_residents("park", 3))
    with pytest.raises(UnreadableInput) as nothing_readable:   # the list alone: nothing to summarise, nothing written
        refresh(tmp_path / "汇总表.xlsx", folder)
    assert lst.name in str(nothing_readable.value) and "找不到对应" in str(nothing_readable.value)
    assert not (tmp_path / "汇总表.xlsx").exists()
    shutil.move(make_workbook("team", name="团队.xlsx"), folder / "团队.xlsx")   # a team has no resident list
    report = refresh(tmp_path / "汇总表.xlsx", folder)
    (name, why), = report.unreadable
    assert name == lst.name and "入驻企业名单" in why and "找不到对应" in why
    assert main(["check", str(lst)]) == 2
    assert "这是入驻企业名单" in capsys.readouterr().err


# --- item 10: check FOLDER -------------------------------------------------------------------------------

def test_check_folder_json_array_table_and_exit_codes(make_workbook, tmp_path, capsys):
    need_soffice()
    folder = tmp_path / "收到的申报表"
    (folder / "县区").mkdir(parents=True)
    team = make_workbook("team", name="团队.xlsx")
    shutil.move(team, folder / team.name)
    convert(make_workbook("enterprise", example("enterprise", sb_trade_total=900)), "ods", folder / "县区")
    (folder / "坏文件.xlsx").write_bytes(b"not a workbook")
    hand_typed_list(folder / "名单.xlsx", "入驻电商企业名单", example_residents("park", 2))   # no application: unreadable
    capsys.readouterr()
    assert main(["check", str(folder), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    by_file = {o["file"]: o for o in out}
    assert set(by_file) == {"团队.xlsx", "县区/enterprise-2.ods", "坏文件.xlsx", "名单.xlsx"}
    assert by_file["团队.xlsx"]["eligible"] is True and by_file["团队.xlsx"]["score"]["max"] == 100
    assert by_file["县区/enterprise-2.ods"]["type"] == "enterprise"
    assert by_file["县区/enterprise-2.ods"]["eligible"] is False                   # 900 万元 is below the bar
    assert list(by_file["坏文件.xlsx"]) == ["file", "error"] and "文本文件" in by_file["坏文件.xlsx"]["error"]
    assert "入驻企业名单" in by_file["名单.xlsx"]["error"]
    assert main(["check", str(folder / "团队.xlsx"), str(folder / "县区")]) == 0
    table = capsys.readouterr().out
    assert "检查了 2 份申报表" in table and "达标 1 份，不达标 1 份，待定 0 份" in table
    assert main(["check", str(folder / "坏文件.xlsx"), str(folder / "名单.xlsx")]) == 2
    empty = tmp_path / "空文件夹"
    empty.mkdir()
    assert main(["check", str(empty)]) == 2 and "没有找到" in capsys.readouterr().err
    assert main(["check", str(folder), "--write"]) == 2


def test_a_summary_in_the_folder_is_not_taken_for_a_resident_list(make_workbook, tmp_path):
    folder = tmp_path / "申报"
    app = _base_with_separate_list(folder, make_workbook, example_residents("base"), "名单.xlsx", "入驻电商企业名单")
    refresh(tmp_path / "汇总表.xlsx", folder)
    shutil.copy(tmp_path / "汇总表.xlsx", folder / "上一批汇总表.xlsx")
    result = check_file(app)
    assert result.app.residents_file == "名单.xlsx" and len(result.app.residents) == 6
    report = refresh(tmp_path / "汇总表2.xlsx", folder)
    assert report.unreadable == [] and report.skipped == [("上一批汇总表.xlsx", "项目汇总表")]   # skipped, said so


def test_companies_typed_on_after_an_empty_row_are_not_dropped_silently(make_workbook):
    """The list read to its table's end stops at the first empty row below it; companies typed on after that row
    are not read — and a warning says where they are and what to do."""
    path = make_workbook("park", residents=example_residents("park")[:5])
    wb = load_workbook(path)
    ws = wb["入驻企业名单"]
    table = ws.tables["sb_residents"]
    end = int(table.ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    name_col = next(c for c in range(1, ws.max_column + 1) if ws.cell(5, c).value == "企业名称")
    for i in range(3):                                    # one empty row, then three more companies
        ws.cell(end + 2 + i, name_col).value = f"贵州表格外第{i + 1}号电子商务有限公司"
    wb.save(path)
    result = check_file(path)
    gap = [f for f in result.findings if f.code == "XC_RESIDENT_ROW" and "没有读取" in f.message]
    assert len(gap) == 1 and f"第{end + 2}行起还有3行" in gap[0].message and gap[0].cell == f"B{end + 2}"
    assert len(result.app.residents) == 5


def test_a_list_pasted_far_down_the_form_sheet_is_found(tmp_path):
    """Form and list pasted onto one sheet: the 附件3 header row stands far below the top (row 3000 here)."""
    from shibai_xl.adapters.xlsx.reader import find_resident_header, open_workbook

    wb = Workbook()
    ws = wb.active
    for r in range(1, 2990):
        ws.cell(r, 1).value = f"申报表第{r}行"
    header = ["序号", "企业名称", "联系人", "联系方式", "企业网址", "所属行业（类型）", "从业人数", "年度网络交易额（万元）",
              "年度网络零售额（万元）", "备注"]
    header[1] = "企业\u3000名\u3000称"                      # typed with full-width spaces
    for c, h in enumerate(header, 1):
        ws.cell(3000, c).value = h
    ws.cell(3001, 1).value, ws.cell(3001, 2).value = 1, "贵州某电子商务有限公司"
    path = tmp_path / "一页.xlsx"
    wb.save(path)
    src = open_workbook(path)
    try:
        assert find_resident_header(src) == ("Sheet", 3000, 1, 10)
    finally:
        src.close()


# --- QA round 7: 附件3 lists as parks and bases type them ------------------------------------------------

def _park_with_list(folder: Path, make_workbook, write_list) -> Path:
    """A park application without a list of its own, and next to it "入驻企业名单.xlsx" written by ``write_list(ws)``."""
    folder.mkdir(parents=True, exist_ok=True)
    app = make_workbook("park", residents=None, name="园区申报表.xlsx")
    shutil.move(app, folder / app.name)
    wb = Workbook()
    write_list(wb.active)
    wb.save(folder / "入驻企业名单.xlsx")
    return folder / app.name


def test_blank_rows_between_companies_of_a_typed_list_are_skipped(make_workbook, tmp_path):
    """A list typed without a table has no end but its last company: blank rows in the middle do not cut it short
    (they did: 4 of 12 companies were read and the park was 待定 for want of retail in its list)."""
    rows = example_residents("park")                 # 12 companies, consistent with the form
    rows[9] = dict(rows[9], 企业名称=rows[2]["企业名称"])   # a doubled company after the gaps: its row number is kept

    def write(ws):
        ws["A1"] = "入驻电商企业名单"
        for c, h in enumerate(RESIDENT_COLUMNS[:10], 1):
            ws.cell(3, c, h)
        r = 4
        for i, row in enumerate(rows):
            if i in (4, 8):
                r += 1 + (i == 4)                    # two blank rows after the 4th company, one after the 8th
            for c, h in enumerate(RESIDENT_COLUMNS[:10], 1):
                ws.cell(r, c, row[h])
            r += 1
        ws.cell(r + 1, 1, "合计")                     # after one more blank row: not a company
        ws.cell(r + 3, 1, "填报人：张三")

    app = _park_with_list(tmp_path / "申报", make_workbook, write)
    result = check_file(app)
    assert len(result.app.residents) == 12
    dup = next(f for f in result.findings if f.code == "XC_RESIDENT_DUP")
    assert dup.cell == "B16" and "第6、16行" in dup.message          # row 4 + 2: 4th company; 9th after 3 blanks
    assert not {"ELIG_EVIDENCE", "XC_RESIDENT_ROW"} & codes(result)
    assert "去掉重复后11家" in next(f.message for f in result.findings if f.code == "XC_RESIDENT_COUNT")
    refresh(tmp_path / "汇总表.xlsx", tmp_path / "申报")
    ws = load_workbook(tmp_path / "汇总表.xlsx")["项目汇总表"]
    header = {c.value: c.column for c in ws[3]}
    assert ws.cell(4, header["前置条件"]).value == result.status == "达标"


def test_header_over_two_rows_with_the_unit_below(make_workbook, tmp_path):
    """年度网络交易额 merged above （万元）, the other titles merged over both rows: the second header row is no
    company (it was read as one, "（万元）" reported as an unreadable amount)."""
    rows = example_residents("park")

    def write(ws):
        ws["A1"] = "贵州省电商示范园区/直播示范基地入驻电商企业名单"
        top = ["序号", "企业名称", "联系人", "联系方式", "企业网址", "所属行业（类型）", "从业人数",
               "（2023年4月-2024年3月）年度网络交易额", "（2023年4月-2024年3月）年度网络零售额", "备注"]
        for c, h in enumerate(top, 1):
            ws.cell(3, c, h)
            if c not in (8, 9):
                ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
        ws["H4"], ws["I4"] = "（万元）", "（万元）"
        for r, row in enumerate(rows, 5):
            for c, h in enumerate(RESIDENT_COLUMNS[:10], 1):
                ws.cell(r, c, row[h])
        ws.cell(5 + len(rows), 1, "合计")

    result = check_file(_park_with_list(tmp_path / "申报", make_workbook, write))
    assert [r.get("企业名称") for r in result.app.residents] == [r["企业名称"] for r in rows]
    assert result.app.residents[0].cell("年度网络交易额（万元）") == "H5"
    assert result.status == "达标" and not {"XC_RESIDENT_ROW", "XC_RESIDENT_COUNT", "XC_RESIDENT_TRADE"} & codes(result)


def test_header_over_two_rows_with_the_amount_titles_below_the_period(make_workbook, tmp_path):
    """The 统计期 merged over the two amount columns, their titles in the row below."""
    rows = example_residents("park")

    def write(ws):
        top = ["序号", "企业名称", "联系人", "联系方式", "企业网址", "所属行业（类型）", "从业人数",
               "2023年4月-2024年3月", None, "备注"]
        for c, h in enumerate(top, 1):
            ws.cell(2, c, h)
            if c not in (8, 9):
                ws.merge_cells(start_row=2, start_column=c, end_row=3, end_column=c)
        ws.merge_cells("H2:I2")
        ws["H3"], ws["I3"] = "年度网络交易额(万元)", "年度网络零售额(万元)"
        for r, row in enumerate(rows, 4):
            for c, h in enumerate(RESIDENT_COLUMNS[:10], 1):
                ws.cell(r, c, row[h])

    result = check_file(_park_with_list(tmp_path / "申报", make_workbook, write))
    assert len(result.app.residents) == 12 and result.app.residents[0].cell("年度网络零售额（万元）") == "I4"
    assert result.status == "达标" and not {"XC_RESIDENT_ROW", "XC_RESIDENT_RETAIL"} & codes(result)


def test_list_typed_on_a_sheet_of_its_own_beside_the_empty_template_table(make_workbook):
    """The template's 入驻企业名单 table left empty, the list pasted on a new sheet "附件3" of the application: that
    list is read (it was ignored: "名单没有列出任何企业", 待定)."""
    path = make_workbook("park", residents=None)
    rows = example_residents("park")
    rows[7] = dict(rows[7], 企业名称=rows[1]["企业名称"])
    wb = load_workbook(path)
    ws = wb.create_sheet("附件3")
    ws["A1"] = "入驻电商企业名单"
    for c, h in enumerate(RESIDENT_COLUMNS[:10], 1):
        ws.cell(2, c, h)
    for r, row in enumerate(rows, 3):
        for c, h in enumerate(RESIDENT_COLUMNS[:10], 1):
            ws.cell(r, c, row[h])
    wb.save(path)
    result = check_file(path)
    assert len(result.app.residents) == 12 and result.app.residents_sheet == "附件3"
    dup = next(f for f in result.findings if f.code == "XC_RESIDENT_DUP")
    assert (dup.sheet, dup.cell) == ("附件3", "B10") and "第4、10行" in dup.message
    assert "ELIG_EVIDENCE" not in codes(result) and result.status == "达标"


def test_two_lists_that_may_both_be_the_applications_are_named_not_taken_for_no_list(make_workbook, tmp_path):
    """名单.xlsx and 名单(最新).xlsx beside one base: the tool cannot tell which to read, and says so (it said only
    "名单没有列出任何企业"); check and refresh agree, and the two lists are listed as problem files."""
    rows = example_residents("base")
    folder = tmp_path / "申报"
    app = _base_with_separate_list(folder, make_workbook, rows[:3], "名单.xlsx", "入驻电商企业名单")
    hand_typed_list(folder / "名单(最新).xlsx", "入驻电商企业名单", rows)
    result = check_file(app)
    which = [f for f in result.findings if f.code == "XC_RESIDENT_ROW"]
    assert len(which) == 1 and "2份入驻企业名单" in which[0].message
    assert "“名单(最新).xlsx”、“名单.xlsx”" in which[0].message and "都没有读取" in which[0].message
    report = refresh(tmp_path / "汇总表.xlsx", folder)
    assert sorted(name for name, _ in report.unreadable) == ["名单(最新).xlsx", "名单.xlsx"]
    assert all("无法判断用哪一份" in why for _, why in report.unreadable)
    ws = load_workbook(tmp_path / "汇总表.xlsx")["项目汇总表"]
    header = {c.value: c.column for c in ws[3]}
    assert "XC_RESIDENT_ROW" in ws.cell(4, header["问题"]).value
    (folder / "名单.xlsx").unlink()                           # the old one removed: the newest is read
    assert len(check_file(app).app.residents) == 6


def _damaged(path: Path, how: str) -> None:
    if how == "cut-off":                      # a download or copy that did not finish
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    else:                                     # saved with an opening password: a compound file, no zip
        from shibai_xl.addin.cfb import build_compound_file
        path.write_bytes(build_compound_file({"EncryptionInfo": b"\x04\x00\x04\x00" + b"\0" * 200,
                                              "EncryptedPackage": b"\0" * 4096}))


@pytest.mark.parametrize("list_name", [f"{BASE_NAME}入驻企业名单.xlsx", "名单.xlsx"], ids=["named", "only-list"])
@pytest.mark.parametrize("how, why", [("cut-off", "损坏"), ("encrypted", "密码")])
def test_a_separate_list_that_cannot_be_read_is_said_not_taken_for_no_list(make_workbook, tmp_path, capsys,
                                                                          list_name, how, why):
    """The base's 附件3 beside it, cut off or saved with a password: check said "名单没有列出任何企业，请补充名单"
    as if none had been sent. It says the file was found but not read, and why; 待定 as before, and check --json,
    refresh's 问题 column and the ribbon/WPS check say the same."""
    from shibai_xl.jobs import actions as A

    folder = tmp_path / "申报"
    app = _base_with_separate_list(folder, make_workbook, example_residents("base"), list_name, "入驻电商企业名单")
    _damaged(folder / list_name, how)
    result = check_file(app)
    said = next(f.message for f in result.findings if f.code == "ELIG_EVIDENCE")
    assert result.status == "待定" and f"“{list_name}”" in said and "无法读取" in said and why in said, said
    assert "没有列出任何企业" not in said
    capsys.readouterr()
    assert main(["check", str(app), "--json"]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["eligible"] is None and said in [f["message"] for f in obj["findings"]]
    assert not {"XC_RESIDENT_COUNT", "XC_RESIDENT_NOTE"} & {f["code"] for f in obj["findings"]}   # no "列出0家"
    with A.request_view(str(app)) as view:
        pane = A.findings(view)
    assert pane["status"] == result.status and said in [f["message"] for f in pane["findings"]]
    report = refresh(tmp_path / "汇总表.xlsx", folder)
    assert [name for name, _ in report.unreadable] == [list_name]
    ws = load_workbook(tmp_path / "汇总表.xlsx")["项目汇总表"]
    header = {c.value: c.column for c in ws[3]}
    assert ws.cell(4, header["前置条件"]).value == "待定"
    assert f"“{list_name}”" in ws.cell(4, header["问题"]).value and "无法读取" in ws.cell(4, header["问题"]).value


def test_a_damaged_copy_of_the_form_itself_is_not_taken_for_its_list(make_workbook, tmp_path):
    """A cut-off “…申报表(旧).xlsx” named after the base beside it is no 附件3: the form still says it has no list."""
    folder = tmp_path / "申报"
    app = _base_with_separate_list(folder, make_workbook, example_residents("base"), f"{BASE_NAME}申报表(旧).xlsx",
                                   "入驻电商企业名单")
    _damaged(folder / f"{BASE_NAME}申报表(旧).xlsx", "cut-off")
    said = next(f.message for f in check_file(app).findings if f.code == "ELIG_EVIDENCE")
    assert "没有列出任何企业" in said and "无法读取" not in said


def test_a_filler_line_typed_right_under_the_last_company_is_no_company(make_workbook):
    """"填报人：张三 联系电话：…" typed in the 企业名称 column directly under the list (no blank row between)
    ends the list: it is neither counted as a company nor reported as a broken row."""
    from shibai_xl.adapters.xlsx.reader import read_application
    from shibai_xl.engine.check import check

    rows = example_residents("park")
    path = make_workbook("park", residents=[*rows, {"企业名称": "填报人：张三  联系电话：0851-88550000"}])
    app = read_application(path)
    assert len(app.residents) == len(rows)
    assert not [f for f in check(app).findings if f.code.startswith("XC_RESIDENT")]


@pytest.mark.parametrize("unit, factor", [("元", 10000), ("万元", 1)])
def test_a_list_whose_amount_titles_say_yuan_is_read_in_yuan(make_workbook, tmp_path, unit, factor):
    """A park's own list titled 年度网络交易额（元）/年度网络零售额（元）: its figures are 元, 10,000 times the 万元 of
    the official 附件3 — summed as 元, the list is the same evidence as the official one."""
    from shibai_xl.adapters.xlsx.resident_list import read_with_residents
    from shibai_xl.engine.check import check
    from shibai_xl.rules import load

    rows = example_residents("park")
    path = make_workbook("park", residents=None)
    typed = tmp_path / "名单.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "企业名称", "统一社会信用代码", "所属行业（类型）", "企业网址", "从业人数",
               f"年度网络交易额（{unit}）", f"年度网络零售额（{unit}）", "备注"])
    for i, r in enumerate(rows, 1):
        ws.append([i, r["企业名称"], r.get("统一社会信用代码"), r.get("所属行业（类型）"), r.get("企业网址"), r["从业人数"],
                   r["年度网络交易额（万元）"] * factor, r["年度网络零售额（万元）"] * factor, r.get("备注")])
    wb.save(typed)
    app = read_application(path)
    assert not app.residents
    linked = read_with_residents(path, load(), [path, typed])
    result = check(linked)
    expected = sum(Decimal(repr(r["年度网络零售额（万元）"])) for r in rows)
    assert result.residents.retail == expected
    assert not [f for f in result.findings if f.code in ("XC_RESIDENT_RETAIL", "XC_RESIDENT_TRADE", "XC_RESIDENT_ROW")]


def test_the_ribbon_says_what_a_workbook_that_is_no_application_is(make_workbook, tmp_path):
    """检查本申报表 on the 附件3 list or on a summary says what it is, as `shibai check` does, not only 不是申报表."""
    from shibai_xl.errors import WrongKind
    from shibai_xl.jobs import actions as A
    from shibai_xl.jobs.new_workbook import new_workbook

    listed = hand_typed_list(tmp_path / "名单.xlsx", "入驻电商企业名单", example_residents("base"))
    summary = tmp_path / "汇总表.xlsx"
    new_workbook("summary", summary)
    for path, said in ((listed, "当前工作簿是入驻企业名单（附件3），不是申报表"),
                       (summary, "当前工作簿是项目汇总表，不是申报表")):
        with A.request_view(str(path)) as view, pytest.raises(WrongKind, match=said):
            A.check(view)


def test_an_error_value_in_the_resident_list_is_said_not_summed_as_blank(make_workbook, tmp_path):
    """#N/A in a company's 年度网络交易额 (the template's own list, and a separate list beside the form): calamine
    reads it as blank, so the row is said (XC_RESIDENT_ROW at that cell) instead of silently summing the list
    without it (QA)."""
    from openpyxl.cell.cell import TYPE_ERROR

    path = make_workbook("park")
    wb = load_workbook(path)
    ws = wb["入驻企业名单"]
    header = {c.value: c.column for c in ws[ws.tables["sb_residents"].ref.split(":")[0][1:]] if c.value}
    col = next(c for h, c in header.items() if "交易额" in str(h))
    row = int(ws.tables["sb_residents"].ref.split(":")[0][1:]) + 2
    ws.cell(row, col).value = "#N/A"
    ws.cell(row, col).data_type = TYPE_ERROR
    wb.save(path)
    said = [f for f in check_file(path).findings if f.code == "XC_RESIDENT_ROW"]
    ref = f"{ws.cell(row, col).column_letter}{row}"
    assert [(f.sheet, f.cell) for f in said] == [("入驻企业名单", ref)] and "错误值#N/A" in said[0].message

    rows = example_residents("base")[:4]
    folder = tmp_path / "申报"
    app = _base_with_separate_list(folder, make_workbook, rows, f"{BASE_NAME}入驻企业名单.xlsx", "入驻电商企业名单")
    listed = load_workbook(folder / f"{BASE_NAME}入驻企业名单.xlsx")
    cell = listed.active.cell(6, 8)                         # the second company's 年度网络交易额
    cell.value, cell.data_type = "#VALUE!", TYPE_ERROR
    listed.save(folder / f"{BASE_NAME}入驻企业名单.xlsx")
    assert any("第6行年度网络交易额（万元）是错误值#VALUE!" in f.message for f in check_file(app).findings)


def test_a_list_pasted_with_its_own_header_row_counts_no_company_named_after_the_header(make_workbook, tmp_path):
    """The list copied from another workbook with its header row (and a 附件3 typed over two header rows, repeated
    on a second printed page): the repeated header is no company named “企业名称” — the count, the 入驻企业 score
    and XC_RESIDENT_COUNT take the companies only, as SB_RESIDENTS does (QA: 9 companies counted 10, 2.1.1 scored)."""
    rows = example_residents("park")[:9]
    path = make_workbook("park", dict(example("park"), sb_resident_count=9), residents=[])
    wb = load_workbook(path)
    ws = wb["入驻企业名单"]
    r0 = int(ws.tables["sb_residents"].ref.split(":")[0][1:])
    pasted = [list(RESIDENT_COLUMNS), *[[row.get(h) for h in RESIDENT_COLUMNS] for row in rows[:5]],
              ["序号", "企业名称", None, None, None, None, "从业人数", "年度网络交易额", "年度网络零售额"],
              [None] * 7 + ["（万元）", "（万元）"], *[[row.get(h) for h in RESIDENT_COLUMNS] for row in rows[5:]]]
    for i, line in enumerate(pasted, r0 + 1):
        for c, v in enumerate(line, 1):
            ws.cell(i, c, v)
    wb.save(path)
    result = check_file(path)
    assert [r.get("企业名称") for r in result.app.residents] == [r["企业名称"] for r in rows]
    assert not {"XC_RESIDENT_COUNT", "XC_RESIDENT_ROW"} & codes(result)
    assert next(i for i in result.score.items if i.id == "2.1.1").auto == 0      # 9 < 10


@pytest.mark.parametrize("app_type,field,other", [("enterprise", "sb_org_type", "sb_org_type_other"),
                                                  ("park", "sb_operator_type", "sb_operator_type_other")])
def test_a_pasted_form_answering_the_type_other_keeps_it_and_what_it_is(make_workbook, tmp_path, app_type, field,
                                                                         other):
    """“其他” is both an answer of 类型 and the printed label of the row under it (“其他_____”): a values-only copy
    of a form that chose 其他 (集体企业) reads 其他 and 集体企业, not an empty 类型 (FIELD_REQUIRED) and a blank
    企业性质 in the summary."""
    original = make_workbook(app_type, example(app_type, **{field: "其他", other: "集体企业"}))
    pasted = values_only_copy(original, tmp_path / "粘贴的申报表.xlsx")
    b = read_application(pasted)
    assert (b.value(field), b.value(other)) == ("其他", "集体企业")
    result = check(b)
    assert not [f for f in result.findings if f.code == "FIELD_REQUIRED"]
    folder = tmp_path / "申报表"
    folder.mkdir()
    shutil.copy(pasted, folder / pasted.name)
    assert main(["refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(folder)]) == 0
    ws = load_workbook(tmp_path / "汇总表.xlsx").worksheets[0]
    header = [c.value for c in ws[3]]
    assert ws.cell(4, header.index("企业性质") + 1).value == "其他（集体企业）"
