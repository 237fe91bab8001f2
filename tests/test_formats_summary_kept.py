"""What a clerk adds to the look of a 项目汇总表 (a chart on 统计, pictures, validation and highlight rules) between two
refreshes: kept where the refresh can keep it, said where it cannot — never lost without a word."""
from __future__ import annotations

import warnings
import zipfile

from openpyxl import load_workbook
from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from shibai_xl.faces.cli import main
from tests.test_refresh import rows
from tests.test_summaries_real_world import application
from tests.zip_parts import rewrite, with_parts


def _refreshed(tmp_path, *kinds: str):
    """(the applications' folder, 贵阳市's summary) after a first refresh of one application of each of ``kinds``."""
    apps, summary = tmp_path / "apps", tmp_path / "贵阳市汇总表.xlsx"
    for kind in kinds:
        application(apps, kind, f"{_FILE_NAMES[kind]}.xlsx", sb_city="贵阳市")
    assert main(["refresh", str(summary), "--from", str(apps), "--city", "贵阳市"]) == 0
    return apps, summary


_FILE_NAMES = {"park": "园区", "base": "基地", "enterprise": "企业"}


def _chart_titles(ws) -> list[str]:
    return ["".join(r.t for p in c.title.tx.rich.p for r in (p.r or [])) if c.title else "" for c in ws._charts]


def _clerk_pie(summary) -> None:
    """A pie the clerk draws on the tool's 统计 sheet from its count table, titled by hand."""
    wb = load_workbook(summary)
    ws = wb["统计"]
    pie = PieChart()
    pie.add_data(Reference(ws, min_col=2, max_col=2, min_row=2, max_row=3), titles_from_data=True)
    pie.set_categories(Reference(ws, min_col=1, min_row=3, max_row=3))
    pie.title = "我市园区项目占比"
    ws.add_chart(pie, "J3")
    wb.save(summary)


def test_a_chart_the_clerk_drew_on_the_stats_sheet_outlives_the_refresh_that_rewrites_it(tmp_path):
    apps, summary = _refreshed(tmp_path, "park")
    _clerk_pie(summary)
    application(apps, "enterprise", "企业.xlsx", sb_city="贵阳市")
    (apps / "损坏.xlsx").write_bytes(b"PK\x03\x04 not a workbook")   # the counts incomplete: the tool's title says so
    assert main(["refresh", str(summary), "--from", str(apps)]) == 1
    ws = load_workbook(summary)["统计"]
    titles = _chart_titles(ws)
    assert len(titles) == 2 and "我市园区项目占比" in titles, titles
    assert any(t.startswith("各前置条件示范项目申报数量") and "不完整" in t for t in titles), titles
    pie = next(c for c in ws._charts if type(c).__name__ == "PieChart")
    assert pie.series[0].val.numRef.f.replace("'", "").split(":")[0] == "统计!$B$3"
    assert main(["refresh", str(summary), "--from", str(apps)]) == 1     # and again: still one of each
    assert sorted(_chart_titles(load_workbook(summary)["统计"])) == sorted(titles)


X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
# how Excel 2010 and later save a dropdown whose list is a range of another sheet: in the sheet's extension list,
# which openpyxl drops with an English warning
EXT_LIST = ('<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="' + X14 + '">'
            '<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
            '<x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" '
            'error="请从下拉列表中选择" errorTitle="是否推荐">'
            '<x14:formula1><xm:f>选项!$A$1:$A$2</xm:f></x14:formula1><xm:sqref>V4:V5 X4</xm:sqref>'
            '</x14:dataValidation></x14:dataValidations></ext></extLst>')


def test_a_dropdown_listing_another_sheet_as_excel_saves_it_outlives_the_refresh(tmp_path, capfd):
    apps, summary = _refreshed(tmp_path, "park")
    wb = load_workbook(summary)
    options = wb.create_sheet("选项")
    options["A1"], options["A2"] = "是", "否"
    wb.save(summary)
    sheet = "xl/worksheets/sheet1.xml"
    assert load_workbook(summary).worksheets[0].title == "项目汇总表"
    rewrite(summary, summary, lambda name, data: data.replace(b"</worksheet>", EXT_LIST.encode() + b"</worksheet>")
            if name == sheet else data)
    capfd.readouterr()
    application(apps, "enterprise", "企业.xlsx", sb_city="贵阳市")
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    assert "Validation" not in "".join(capfd.readouterr())      # no English warning, nothing dropped
    dvs = load_workbook(summary)["项目汇总表"].data_validations.dataValidation
    listed = [dv for dv in dvs if dv.type == "list" and "选项!" in (dv.formula1 or "")]
    assert len(listed) == 1, [(dv.type, dv.formula1, str(dv.sqref)) for dv in dvs]
    dv = listed[0]
    assert (dv.formula1, dv.error, dv.errorTitle, dv.showErrorMessage) == ("选项!$A$1:$A$2", "请从下拉列表中选择",
                                                                          "是否推荐", True)
    assert set(str(dv.sqref).split()) == {"V4:V5", "X4:X5"}   # X4, down to the last project, reaches the new one


def test_the_clerks_score_rule_and_red_highlight_reach_the_rows_a_refresh_adds(tmp_path):
    """A 0–100 rule and “red under 60” set on 市州评分 down to the last project cover the new projects too, as
    Excel's own table does when a row is added to it; a rule on other cells stays where it was."""
    apps, summary = _refreshed(tmp_path, "park")
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    score = next(c.column_letter for c in ws[3] if c.value == "市州评分")
    rule = DataValidation(type="decimal", operator="between", formula1="0", formula2="100", showErrorMessage=True)
    rule.add(f"{score}4")
    ws.add_data_validation(rule)
    title_rule = DataValidation(type="list", formula1='"是,否"')
    title_rule.add("A1")
    ws.add_data_validation(title_rule)
    ws.conditional_formatting.add(f"{score}4", CellIsRule(operator="lessThan", formula=["60"],
                                                          fill=PatternFill("solid", fgColor="FFC7CE")))
    ws.conditional_formatting.add(f"A4:{score}4", FormulaRule(formula=[f"${score}4<60"], font=Font(bold=True)))
    wb.save(summary)
    application(apps, "enterprise", "企业.xlsx", sb_city="贵阳市")
    application(apps, "team", "团队.xlsx", sb_city="贵阳市")
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    ws = load_workbook(summary)["项目汇总表"]
    assert ws["D6"].value and ws["D7"].value is None
    ranges = {dv.type: str(dv.sqref) for dv in ws.data_validations.dataValidation}
    assert ranges == {"decimal": f"{score}4:{score}6", "list": "A1"}
    highlights = sorted(str(cf.sqref) for cf in ws.conditional_formatting)
    assert highlights == sorted([f"{score}4:{score}6", f"A4:{score}6"])
    bold = next(cf for cf in ws.conditional_formatting if str(cf.sqref).startswith("A4"))
    assert bold.rules[0].formula == [f"${score}4<60"]


def test_what_points_at_the_total_row_follows_it_when_a_refresh_inserts_a_project_above_it(tmp_path):
    """A 合计 row typed under the table moves down a row for each new project, as Excel's row insert moves it: the
    clerk's own sheet quoting the total (=项目汇总表!K6), a name for it, a cell above reading it, its link and its bold
    highlight follow it — they were left on the new project's row and quoted its figures as the city's total."""
    apps, summary = _refreshed(tmp_path, "park", "enterprise")
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    assert ws["D5"].value and ws["D6"].value is None
    ws["D6"], ws["K6"], ws["H2"] = "合计", "=SUM(K4:K5)", "=K6"
    ws["D6"].hyperlink = "https://swt.guizhou.gov.cn/"
    ws.conditional_formatting.add("A6:P6", FormulaRule(formula=["$K$6>0"], font=Font(bold=True)))
    notes = wb.create_sheet("报送说明")
    notes["A1"], notes["B1"] = "全市年度交易额合计（万元）", "='项目汇总表'!K6*1"
    wb.defined_names["全市合计"] = DefinedName("全市合计", attr_text="项目汇总表!$K$6")
    wb.save(summary)
    application(apps, "team", "团队.xlsx", sb_city="贵阳市")
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    assert (ws["D7"].value, ws["K7"].value) == ("合计", "=SUM(K4:K6)") and ws["D6"].value != "合计"
    assert wb["报送说明"]["B1"].value == "='项目汇总表'!K7*1"
    assert ws["H2"].value == "=K7"
    assert wb.defined_names["全市合计"].attr_text == "项目汇总表!$K$7"
    assert ws["D7"].hyperlink.target == "https://swt.guizhou.gov.cn/" and ws["D6"].hyperlink is None
    assert [str(cf.sqref) for cf in ws.conditional_formatting] == ["A7:P7"]


def test_a_score_typed_as_a_formula_of_numbers_is_saved_with_its_result_for_the_provinces_merge(tmp_path, capsys):
    """=AVERAGE(90,80) in 市州评分: the refresh saves 85 with it (openpyxl saved none, and the merge, which computes
    nothing, left the score out “是公式” till the city opened and saved the summary again); a formula the tool does
    not compute (MEDIAN: test_summary_formula_results has those it does) is still said, its result left to Excel/WPS."""
    apps, summary = _refreshed(tmp_path, "park", "enterprise")
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    score = next(c.column_letter for c in ws[3] if c.value == "市州评分")
    ws[f"{score}4"], ws[f"{score}5"] = "=AVERAGE(90,80)", f"=MEDIAN({score}4,70)"
    wb.save(summary)
    capsys.readouterr()
    application(apps, "team", "团队.xlsx", sb_city="贵阳市")
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    out = capsys.readouterr().out
    assert f"第5行市州评分（=MEDIAN({score}4,70)）" in out and "=AVERAGE(90,80)" not in out
    saved = load_workbook(summary, data_only=True)["项目汇总表"]
    assert (saved[f"{score}4"].value, saved[f"{score}5"].value) == (85, None)
    assert load_workbook(summary)["项目汇总表"][f"{score}4"].value == "=AVERAGE(90,80)"    # still the clerk's formula
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(summary)]) == 0
    by_score = {r["企业名称"]: (r["市州评分"], r["问题"] or "") for r in rows(province)}
    name = saved["D4"].value
    assert by_score[name][0] == 85 and "是公式" not in by_score[name][1], by_score[name]


def test_a_picture_the_clerk_put_on_the_summary_is_said_gone_with_where_it_still_is(tmp_path, capsys):
    """A scanned seal or a logo pasted on the summary: openpyxl (without Pillow) saves no picture, and the refresh
    dropped it without a word. It cannot keep it: it says so, and that the .bak holds it; the tool's own chart on
    统计 is no such loss and is not said."""
    from tests.test_patch import _png, _PngImage

    apps, summary = _refreshed(tmp_path, "park")
    wb = load_workbook(summary)
    wb["项目汇总表"].add_image(_PngImage(_png(16, 16), 16, 16), "S1")
    wb.save(summary)
    capsys.readouterr()
    application(apps, "enterprise", "企业.xlsx", sb_city="贵阳市")
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    out = capsys.readouterr().out
    assert "“项目汇总表”表上的 1 个图片没有保留在刷新后的“贵阳市汇总表.xlsx”中" in out, out
    assert "备份“贵阳市汇总表.xlsx.bak”" in out and "“统计”表上" not in out
    with zipfile.ZipFile(str(summary) + ".bak") as z:
        assert any(n.startswith("xl/media/") for n in z.namelist())     # where it still is
    application(apps, "team", "团队.xlsx", sb_city="贵阳市")
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    assert "图片" not in capsys.readouterr().out      # said once: the summary has none now


def test_a_new_project_takes_the_look_its_neighbours_share_not_the_mark_the_clerk_put_on_the_last_row(tmp_path):
    """The clerk marks the last project yellow with red text (待核实); the next refresh's new project copied that one
    row's look and came out marked too. It takes the look the rows above share (their font, their ruling), as
    Excel's table extends a format only when most rows above have it; the marked row stays marked."""
    apps, summary = _refreshed(tmp_path, "park", "base", "enterprise")
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    assert ws["D6"].value and ws["D7"].value is None
    for r in (4, 5, 6):
        for cell in ws[r][:16]:
            cell.font = Font(name="仿宋", sz=10, color="FF0000" if r == 6 else None)
            if r == 6:
                cell.fill = PatternFill("solid", fgColor="FFFF00")
    wb.save(summary)
    application(apps, "team", "团队.xlsx", sb_city="贵阳市")
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    ws = load_workbook(summary)["项目汇总表"]
    new, marked = ws["D7"], ws["D6"]
    assert new.value and marked.fill.fgColor.rgb == "00FFFF00"
    assert new.fill.fill_type is None and new.font.name == "仿宋" and new.font.sz == 10, (new.fill, new.font)
    assert new.font.color is None or new.font.color.rgb != "00FF0000"
    assert new.border.left.style == ws["D5"].border.left.style and new.alignment.wrap_text


# a highlight rule comparing with another sheet, as Excel 2010 and later save it: only in the extension list
CF_EXT = ('<extLst><ext uri="{78C0D931-6437-407D-A8EE-F0AAD7539E65}" xmlns:x14="' + X14 + '">'
          '<x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/'
          'excel/2006/main"><x14:cfRule type="cellIs" priority="1" operator="lessThan" id="{00000000-0000-0000-0000-'
          '000000000001}"><xm:f>选项!$B$1</xm:f><x14:dxf><font><color rgb="FF9C0006"/></font></x14:dxf></x14:cfRule>'
          '<xm:sqref>M4:M5</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst>')


def test_what_of_excel_2010_a_refresh_cannot_keep_is_said_in_chinese_not_warned_in_english(tmp_path, capsys):
    """A highlight rule comparing 市州评分 with a pass mark on another sheet (Excel keeps it only in the sheet's
    extension list): openpyxl drops it and printed “Conditional Formatting extension is not supported and will be
    removed” with a Python file path on the clerk's terminal. Said in Chinese now, with the .bak holding it."""
    apps, summary = _refreshed(tmp_path, "park")
    wb = load_workbook(summary)
    wb.create_sheet("选项")["B1"] = 60
    wb.save(summary)
    rewrite(summary, summary, lambda name, data: data.replace(b"</worksheet>", CF_EXT.encode() + b"</worksheet>")
            if name == "xl/worksheets/sheet1.xml" else data)
    application(apps, "enterprise", "企业.xlsx", sb_city="贵阳市")
    capsys.readouterr()
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    assert not [w for w in seen if "extension" in str(w.message)], [str(w.message) for w in seen]
    out = capsys.readouterr().out
    assert "“贵阳市汇总表.xlsx”中的条件格式中 Excel 2010 以后的部分" in out and "备份“贵阳市汇总表.xlsx.bak”" in out, out


def test_a_print_area_of_several_ranges_prints_the_project_a_refresh_adds(tmp_path):
    """The clerk prints 附件4's columns and 问题 as two ranges (A1:M5,P1:P5); the refresh left such an area as it
    was, and the new project's row was not on the stamped paper. Each range over the table now reaches its last
    row; a range of the clerk's above the table (the title) stays."""
    apps, summary = _refreshed(tmp_path, "park", "enterprise")
    wb = load_workbook(summary)
    wb["项目汇总表"].print_area = "A1:M5,P1:P5,R1:S2"
    wb.save(summary)
    application(apps, "team", "团队.xlsx", sb_city="贵阳市")
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    ws = load_workbook(summary)["项目汇总表"]
    assert ws["D6"].value
    assert ws.print_area.replace("'项目汇总表'!", "").replace("$", "") == "A1:M6,P1:P6,R1:S2"


def test_a_chart_the_clerk_drew_of_the_projects_amounts_takes_in_the_projects_a_refresh_adds(tmp_path):
    """A bar chart of each project's 年度交易额 (the table's column down to its last project), as Excel grows it when
    a row is added to the table: the new project was left out of the clerk's chart; one above the 合计 row too."""
    apps, summary = _refreshed(tmp_path, "park", "enterprise")
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    ws["D6"], ws["K6"] = "合计", "=SUM(K4:K5)"
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=11, min_row=3, max_row=5), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=4, min_row=4, max_row=5))
    notes = wb.create_sheet("报送说明")
    notes.add_chart(chart, "A3")
    wb.save(summary)
    application(apps, "team", "团队.xlsx", sb_city="贵阳市")
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    wb = load_workbook(summary)
    assert wb["项目汇总表"]["D7"].value == "合计"
    series = wb["报送说明"]._charts[0].series[0]
    assert series.val.numRef.f.replace("'", "") == "项目汇总表!$K$4:$K$6"
    assert (series.cat.strRef or series.cat.numRef).f.replace("'", "") == "项目汇总表!$D$4:$D$6"
    assert series.tx.strRef.f.replace("'", "").replace("$", "") == "项目汇总表!K3"   # its name: the header


def test_a_dropdown_of_the_extension_list_no_validation_has_is_left_out_not_a_crash(tmp_path, capfd):
    """An x14 validation whose type no validation has (a file another program wrote): the refresh goes on, the
    summary updated, no 程序内部错误."""
    apps, summary = _refreshed(tmp_path, "park")
    odd = EXT_LIST.replace('type="list"', 'type="bogus"')
    rewrite(summary, summary, lambda name, data: data.replace(b"</worksheet>", odd.encode() + b"</worksheet>")
            if name == "xl/worksheets/sheet1.xml" else data)
    application(apps, "enterprise", "企业.xlsx", sb_city="贵阳市")
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    assert "程序内部错误" not in "".join(capfd.readouterr())
    assert len(rows(summary)) == 2


_FALLBACK = ("[Threaded comment]\n\nYour version of Excel allows you to read this threaded comment; however, any edits to "
             "it will get removed if the file is opened in a newer version of Excel. Learn more: "
             "https://go.microsoft.com/fwlink/?linkid=870924\n\nComment:\n    扣5分：带动就业数据待核实")


def _with_threaded_comment(summary) -> None:
    """A comment as Microsoft 365 saves its 批注 (the one with replies): the thread in xl/threadedComments, its people in
    xl/persons, and for older programs a legacy note on the cell whose text is that fallback."""
    from openpyxl.comments import Comment

    wb = load_workbook(summary)
    wb["项目汇总表"]["M4"].comment = Comment(_FALLBACK, "tc={5D3C1F7A-1111-2222-3333-444455556666}")
    wb.save(summary)
    thread = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><ThreadedComments xmlns="http://schemas.microsoft'
              '.com/office/spreadsheetml/2018/threadedcomments"><threadedComment ref="M4" dT="2024-08-10T09:00:00.00" '
              'personId="{AAAA0000-0000-0000-0000-000000000001}" id="{5D3C1F7A-1111-2222-3333-444455556666}"><text>'
              '扣5分：带动就业数据待核实</text></threadedComment><threadedComment ref="M4" dT="2024-08-10T10:00:00.00" '
              'personId="{AAAA0000-0000-0000-0000-000000000001}" id="{5D3C1F7A-1111-2222-3333-444455556667}" '
              'parentId="{5D3C1F7A-1111-2222-3333-444455556666}"><text>已核实</text></threadedComment></ThreadedComments>')
    person = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><personList xmlns="http://schemas.microsoft.com/'
              'office/spreadsheetml/2018/threadedcomments"><person displayName="张三" '
              'id="{AAAA0000-0000-0000-0000-000000000001}" userId="zhangsan" providerId="None"/></personList>')
    rel = "http://schemas.microsoft.com/office/2017/10/relationships/"
    with_parts(summary, summary, {"xl/threadedComments/threadedComment1.xml": (thread, "application/vnd.ms-excel."
                                                                               "threadedcomments+xml"),
                                  "xl/persons/person.xml": (person, "application/vnd.ms-excel.person+xml")},
               {"xl/worksheets/_rels/sheet1.xml.rels": [("rIdTC", rel + "threadedComment",
                                                         "../threadedComments/threadedComment1.xml")],
                "xl/_rels/workbook.xml.rels": [("rIdP", rel + "person", "persons/person.xml")]})


def test_a_microsoft_365_comment_on_the_summary_turned_into_a_note_is_said(tmp_path, capsys):
    """The clerk commented a 市州评分 in Microsoft 365 (批注 with a reply). openpyxl keeps only the note older programs
    read: after the refresh Excel shows a note headed by Excel's English “[Threaded comment] Your version of Excel…”,
    the thread, its replies and their authors gone — and the refresh said nothing. It says so, and where the thread
    still is (the .bak)."""
    apps, summary = _refreshed(tmp_path, "park")
    _with_threaded_comment(summary)
    capsys.readouterr()
    application(apps, "enterprise", "企业.xlsx", sb_city="贵阳市")
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    out = capsys.readouterr().out
    line = next((x for x in out.splitlines() if "新式批注" in x), "")
    assert "“项目汇总表”表上的 1 条" in line and "备份“贵阳市汇总表.xlsx.bak”" in line, out
    with zipfile.ZipFile(summary) as z:
        assert not any(n.startswith("xl/threadedComments/") for n in z.namelist())
        assert any(n.startswith("xl/comments") for n in z.namelist())     # the note, its text, kept
    with zipfile.ZipFile(str(summary) + ".bak") as z:
        assert any(n.startswith("xl/threadedComments/") for n in z.namelist())     # where the thread still is
