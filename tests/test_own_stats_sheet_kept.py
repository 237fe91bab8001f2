"""A 统计 (or 问题文件) sheet a person made is never deleted by a refresh or merge: it is kept as “统计（原）” and said;
the tool's own 统计 of an earlier refresh is replaced as before (no second copy)."""
from __future__ import annotations

from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from tests.test_adopt_layouts import _two_row_header
from tests.test_summaries_real_world import application


def _with_own_stats(path):
    wb = load_workbook(_two_row_header(path))
    ws = wb.create_sheet("统计")
    ws["A1"], ws["B1"], ws["A2"] = "我市自己的统计", "=COUNTA(附件4!D4:D5)", "备注：按县区另报"
    wb.worksheets[0].title = "附件4"
    wb.save(path)
    return path


def test_a_clerks_own_stats_sheet_is_kept_renamed_and_said_then_not_copied_again(tmp_path, capsys):
    summary = _with_own_stats(tmp_path / "贵阳市汇总表.xlsx")
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="贵阳市", sb_trade_total=1234.5)
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    out = capsys.readouterr().out
    assert "“统计（原）”" in out and "不是本工具生成的" in out
    wb = load_workbook(summary)
    kept = wb["统计（原）"]
    assert (kept["A1"].value, kept["B1"].value, kept["A2"].value) == ("我市自己的统计", "=COUNTA(附件4!D4:D5)",
                                                                      "备注：按县区另报")
    assert "项目类型统计" in str(wb["统计"]["A1"].value)
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    assert "统计（原）" not in capsys.readouterr().out
    names = load_workbook(summary).sheetnames
    assert sorted(n for n in names if n.startswith("统计")) == ["统计", "统计（原）"]


def test_a_second_own_stats_sheet_gets_a_name_of_its_own(tmp_path, capsys):
    summary = _with_own_stats(tmp_path / "贵阳市汇总表.xlsx")
    wb = load_workbook(summary)
    wb.create_sheet("统计（原）")["A1"] = "去年的统计"
    wb.save(summary)
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="贵阳市")
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    wb = load_workbook(summary)
    assert wb["统计（原）"]["A1"].value == "去年的统计" and wb["统计（原2）"]["A1"].value == "我市自己的统计"
    assert "“统计（原2）”" in capsys.readouterr().out


def test_the_stats_of_a_summary_refreshed_before_the_tool_marked_its_sheets_are_replaced_without_a_copy(tmp_path):
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="贵阳市")
    summary = tmp_path / "贵阳市汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps"), "--city", "贵阳市"]) == 0
    wb = load_workbook(summary)
    del wb.defined_names["sb_stats_sheet"]   # as an earlier version wrote it: its hidden _sb_state, no mark
    wb.save(summary)
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    assert [n for n in load_workbook(summary).sheetnames if n.startswith("统计")] == ["统计"]


def test_a_clerks_own_problem_files_sheet_is_kept(tmp_path, capsys):
    summary = _two_row_header(tmp_path / "贵阳市汇总表.xlsx")
    wb = load_workbook(summary)
    wb.create_sheet("问题文件")["A1"] = "我市待补材料的企业"
    wb.save(summary)
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="贵阳市")
    (tmp_path / "apps" / "坏文件.xlsx").write_bytes(b"not a workbook")
    main(["refresh", str(summary), "--from", str(tmp_path / "apps")])
    assert "“问题文件（原）”" in capsys.readouterr().out
    wb = load_workbook(summary)
    assert wb["问题文件（原）"]["A1"].value == "我市待补材料的企业"
    assert any("坏文件.xlsx" in str(c.value) for c in wb["问题文件"]["A"])


def test_merge_keeps_the_provinces_own_stats_sheet_typed_where_the_tools_was_deleted(tmp_path, capsys):
    from openpyxl.workbook.defined_name import DefinedName

    from shibai_xl.jobs.merge import merge

    city = _two_row_header(tmp_path / "贵阳市汇总表.xlsx")
    province = tmp_path / "全省.xlsx"
    merge(province, [city])
    wb = load_workbook(province)
    del wb["统计"]   # deleted in Excel: the names pointing there say #REF!
    wb.defined_names["sb_stats_sheet"] = DefinedName("sb_stats_sheet", attr_text="#REF!$A$1")
    wb.create_sheet("统计")["A1"] = "厅里自己的统计"
    wb.save(province)
    report = merge(province, [city])
    assert any("“统计（原）”" in line for line in report.update.notes)
    wb = load_workbook(province)
    assert wb["统计（原）"]["A1"].value == "厅里自己的统计" and "市（州）" in str(wb["统计"]["A1"].value)
    merge(province, [city])
    assert sorted(n for n in load_workbook(province).sheetnames if n.startswith("统计")) == ["统计", "统计（原）"]


def test_a_hand_typed_summary_on_a_sheet_named_stats_is_taken_over_its_title_kept(tmp_path, capsys):
    """The 附件4 itself typed on a sheet named “统计”: it was deleted for the counts and the refresh refused with
    “没有名为 sb_summary 的汇总表表格”. Its sheet is now 项目汇总表 (as the tool's own), its title still its title."""
    summary = _two_row_header(tmp_path / "贵阳市汇总表.xlsx")
    wb = load_workbook(summary)
    wb.active.title = "统计"
    wb.save(summary)
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="贵阳市")
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    assert "已改名为“项目汇总表”" in capsys.readouterr().out
    wb = load_workbook(summary)
    assert "sb_summary" in wb["项目汇总表"].tables and "项目类型统计" in str(wb["统计"]["A1"].value)
    assert wb.defined_names["sb_summary_title"].attr_text == "'项目汇总表'!$A$1"
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0


def test_a_tool_summary_refreshed_before_the_marks_with_its_table_on_a_sheet_renamed_stats_keeps_its_table(tmp_path):
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="贵阳市")
    summary = tmp_path / "贵阳市汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps"), "--city", "贵阳市"]) == 0
    wb = load_workbook(summary)
    del wb["统计"], wb.defined_names["sb_stats_sheet"]   # an earlier version's summary, its 统计 deleted by hand
    wb["项目汇总表"].title = "统计"
    wb.defined_names["sb_summary_title"].attr_text = "统计!$A$1"    # as Excel writes it
    wb.save(summary)
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    wb = load_workbook(summary)
    assert "sb_summary" in wb["项目汇总表"].tables and wb.defined_names["sb_summary_title"].attr_text == "'项目汇总表'!$A$1"


def test_merge_keeps_the_provinces_own_problem_files_sheet_and_does_not_read_it_as_unread_files(tmp_path):
    from shibai_xl.jobs.merge import merge

    city = _two_row_header(tmp_path / "贵阳市汇总表.xlsx")
    province = tmp_path / "全省.xlsx"
    merge(province, [city])
    wb = load_workbook(province)
    own = wb.create_sheet("问题文件")
    own.append(["厅里记下的问题"])
    own.append(["单位", "问题"])
    own.append(["遵义市商务局", "材料未盖章"])
    wb.save(province)
    report = merge(province, [city])
    assert any("“问题文件（原）”" in line for line in report.update.notes) and not report.unreadable
    wb = load_workbook(province)
    assert wb["问题文件（原）"]["A3"].value == "遵义市商务局" and "问题文件" not in wb.sheetnames


def test_the_names_of_a_clerks_own_stats_sheet_follow_it_when_it_is_kept(tmp_path):
    from openpyxl.workbook.defined_name import DefinedName

    summary = _with_own_stats(tmp_path / "贵阳市汇总表.xlsx")
    wb = load_workbook(summary)
    wb["统计"].defined_names["我的合计"] = DefinedName("我的合计", attr_text="统计!$B$1")
    wb.defined_names["全市合计"] = DefinedName("全市合计", attr_text="'统计'!$B$1")
    wb.save(summary)
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="贵阳市")
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    wb = load_workbook(summary)
    assert wb.defined_names["全市合计"].attr_text == "'统计（原）'!$B$1"
    assert wb["统计（原）"].defined_names["我的合计"].attr_text == "'统计（原）'!$B$1"


def test_formulas_of_the_clerk_reading_their_own_stats_sheet_still_read_it_after_it_is_kept(tmp_path):
    """A cover sheet's =统计!B1 read the clerk's figure; after the rename it read the tool's counts (Excel re-points a
    formula when a sheet is renamed; openpyxl does not)."""
    summary = _with_own_stats(tmp_path / "贵阳市汇总表.xlsx")
    wb = load_workbook(summary)
    cover = wb.create_sheet("封面")
    cover["A1"], cover["A2"], cover["A3"] = "=统计!B1", "='统计'!A2&\"\"", "=月统计!A1"
    wb["统计"]["C1"] = "=统计!B1*2"
    wb.save(summary)
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="贵阳市")
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    wb = load_workbook(summary)
    assert [wb["封面"][c].value for c in ("A1", "A2", "A3")] == ["='统计（原）'!B1", "='统计（原）'!A2&\"\"", "=月统计!A1"]
    assert wb["统计（原）"]["C1"].value == "='统计（原）'!B1*2"


def test_a_kept_stats_sheet_re_points_only_references_to_it_not_another_workbooks_nor_text(tmp_path):
    """Excel, renaming a sheet, leaves a link to another workbook's 统计 ([1]统计!B1) and text in quotes (an
    INDIRECT's, a HYPERLINK's) as they are; the rename wrote the kept sheet's name into them: a cover sheet's link to
    last year's file pointed to a sheet that file does not have."""
    summary = _with_own_stats(tmp_path / "贵阳市汇总表.xlsx")
    wb = load_workbook(summary)
    cover = wb.create_sheet("封面")
    cover["A1"], cover["A2"], cover["A3"] = "=[1]统计!B1", "=INDIRECT(\"统计!B1\")&统计!B1", "=SUM(统计!B1:统计!B2)"
    wb.save(summary)
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="贵阳市")
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    wb = load_workbook(summary)
    assert [wb["封面"][c].value for c in ("A1", "A2", "A3")] == [
        "=[1]统计!B1", "=INDIRECT(\"统计!B1\")&'统计（原）'!B1", "=SUM('统计（原）'!B1:'统计（原）'!B2)"]


def _refreshed(tmp_path, clerk):
    """The clerk's summary with an own 统计 sheet, ``clerk(wb)`` adding what reads it, refreshed: the saved workbook."""
    summary = _with_own_stats(tmp_path / "贵阳市汇总表.xlsx")
    wb = load_workbook(summary)
    wb["统计"]["A3"], wb["统计"]["B2"], wb["统计"]["B3"] = "县区", 5, 7
    clerk(wb)
    wb.save(summary)
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="贵阳市")
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    return load_workbook(summary)


def test_a_name_of_several_areas_on_the_kept_stats_sheet_follows_it_in_every_area(tmp_path):
    """Excel re-points each area of a name (统计!$A$1,统计!$B$2); only the first followed the kept sheet, the second
    read the tool's counts."""
    from openpyxl.workbook.defined_name import DefinedName

    def clerk(wb):
        wb.defined_names["两处"] = DefinedName("两处", attr_text="统计!$B$2,统计!$B$3")
        wb.defined_names["文字"] = DefinedName("文字", attr_text='"统计!B1"')
    wb = _refreshed(tmp_path, clerk)
    assert wb.defined_names["两处"].attr_text == "'统计（原）'!$B$2,'统计（原）'!$B$3"
    assert wb.defined_names["文字"].attr_text == '"统计!B1"'


def test_a_dropdown_listing_the_kept_stats_sheet_still_lists_the_clerks_values(tmp_path):
    """A 封面 dropdown whose list is =统计!$A$1:$A$3 offered the tool's counts after the rename (Excel re-points it)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    def clerk(wb):
        cover = wb.create_sheet("封面")
        dv = DataValidation(type="list", formula1="统计!$A$1:$A$3")
        bound = DataValidation(type="whole", operator="between", formula1="'统计'!$B$2", formula2="统计!$B$3")
        text = DataValidation(type="list", formula1='"统计!A1,其他"')
        for v, cell in ((dv, "B2"), (bound, "B3"), (text, "B4")):
            cover.add_data_validation(v)
            v.add(cell)
    wb = _refreshed(tmp_path, clerk)
    found = {str(v.sqref): (v.formula1, v.formula2) for v in wb["封面"].data_validations.dataValidation}
    assert found == {"B2": ("'统计（原）'!$A$1:$A$3", None), "B3": ("'统计（原）'!$B$2", "'统计（原）'!$B$3"),
                     "B4": ('"统计!A1,其他"', None)}


def test_a_highlight_rule_comparing_with_the_kept_stats_sheet_still_compares_with_it(tmp_path):
    """A conditional format =B2>统计!$B$2 compared with the tool's counts after the rename (Excel re-points it)."""
    from openpyxl.formatting.rule import CellIsRule, FormulaRule
    from openpyxl.styles import PatternFill

    def clerk(wb):
        cover, fill = wb.create_sheet("封面"), PatternFill("solid", fgColor="FFFF00")
        cover.conditional_formatting.add("B2:B9", FormulaRule(formula=["B2>统计!$B$2"], fill=fill))
        cover.conditional_formatting.add("C2:C9", CellIsRule(operator="greaterThan", formula=["'统计'!$B$3"], fill=fill))
    wb = _refreshed(tmp_path, clerk)
    rules = {str(cf.sqref): [r.formula for r in cf.rules] for cf in wb["封面"].conditional_formatting}
    assert rules == {"B2:B9": [["B2>'统计（原）'!$B$2"]], "C2:C9": [["'统计（原）'!$B$3"]]}


def test_a_chart_plotting_the_kept_stats_sheet_still_plots_the_clerks_figures(tmp_path):
    """A 封面 chart of 统计!$B$2:$B$3 (its names, its title cell) plotted the tool's counts after the rename; one on the
    kept sheet itself too (Excel re-points a chart's series when their sheet is renamed)."""
    from openpyxl.chart import BarChart, Reference, Series

    def clerk(wb):
        for ws in (wb.create_sheet("封面"), wb["统计"]):
            chart = BarChart()
            chart.add_data(Reference(wb["统计"], min_col=2, min_row=1, max_row=3), titles_from_data=True)
            chart.set_categories(Reference(wb["统计"], min_col=1, min_row=2, max_row=3))
            chart.series.append(Series(Reference(wb["附件4"], min_col=4, min_row=4, max_row=5), title="附件4"))
            ws.add_chart(chart, "D2")
    wb = _refreshed(tmp_path, clerk)
    for ws in (wb["封面"], wb["统计（原）"]):
        (chart,) = ws._charts
        assert [(s.tx.strRef and s.tx.strRef.f, s.val.numRef.f, s.cat and s.cat.numRef.f) for s in chart.series] == [
            ("'统计（原）'!B1", "'统计（原）'!$B$2:$B$3", "'统计（原）'!$A$2:$A$3"),
            (None, "'附件4'!$D$4:$D$6", None)]   # the table's names: down to the project the refresh added
    assert not wb["统计"]._charts or all("统计（原）" not in s.val.numRef.f for c in wb["统计"]._charts for s in c.series)


def test_a_pie_chart_of_the_kept_stats_sheet_is_re_pointed_not_a_program_error(tmp_path):
    """A pie of the clerk's own 统计 (a pie has no axes): re-pointing the charts read a pie's x axis, and the refresh
    stopped with 程序内部错误 (exit 3) on a hand-made summary the clerk had drawn a pie in."""
    from openpyxl.chart import PieChart, Reference

    def clerk(wb):
        pie = PieChart()
        pie.add_data(Reference(wb["统计"], min_col=2, min_row=1, max_row=3), titles_from_data=True)
        pie.set_categories(Reference(wb["统计"], min_col=1, min_row=2, max_row=3))
        wb["统计"].add_chart(pie, "D2")
    wb = _refreshed(tmp_path, clerk)
    (pie,) = wb["统计（原）"]._charts
    assert pie.series[0].val.numRef.f == "'统计（原）'!$B$2:$B$3"


def test_an_array_formula_reading_the_kept_stats_sheet_still_reads_it(tmp_path):
    """An array formula {=SUM(统计!B2:B3*2)} (Ctrl+Shift+Enter) kept reading the tool's counts after the rename."""
    from openpyxl.worksheet.formula import ArrayFormula

    def clerk(wb):
        wb.create_sheet("封面")["A1"] = ArrayFormula("A1", "=SUM(统计!B2:B3*2)")
    wb = _refreshed(tmp_path, clerk)
    cell = wb["封面"]["A1"].value
    assert (cell.ref, cell.text) == ("A1", "=SUM('统计（原）'!B2:B3*2)")


def test_a_chart_sheet_plotting_the_kept_stats_sheet_still_plots_the_clerks_figures(tmp_path):
    """A chart sheet (插入 → 图表工作表) of 统计!$B$2:$B$3 followed the kept sheet, as one on a worksheet."""
    from openpyxl.chart import LineChart, Reference

    def clerk(wb):
        chart = LineChart()
        chart.add_data(Reference(wb["统计"], min_col=2, min_row=2, max_row=3))
        wb.create_chartsheet("趋势图").add_chart(chart)
    wb = _refreshed(tmp_path, clerk)
    (chart,) = wb["趋势图"]._charts
    assert [s.val.numRef.f for s in chart.series] == ["'统计（原）'!$B$2:$B$3"]


def test_a_pivot_table_of_the_kept_stats_sheet_still_reads_it(tmp_path):
    """A 封面 pivot table of 统计!A1:B3 (its cache's source) summed the tool's counts at its next 刷新 after the
    rename (Excel re-points a pivot's source when its sheet is renamed)."""
    from openpyxl.pivot.cache import CacheDefinition, CacheField, CacheSource, SharedItems, WorksheetSource
    from openpyxl.pivot.record import RecordList
    from openpyxl.pivot.table import DataField, Location, PivotField, RowColField, TableDefinition

    def clerk(wb):
        source = CacheSource(type="worksheet", worksheetSource=WorksheetSource(ref="A1:B3", sheet="统计"))
        fields = [CacheField(name=n, sharedItems=SharedItems()) for n in ("我市自己的统计", "数")]
        pivot = TableDefinition(name="透视表1", cacheId=1, dataCaption="值", rowFields=[RowColField(x=0)],
                                location=Location(ref="A3:B6", firstHeaderRow=1, firstDataRow=1, firstDataCol=1),
                                pivotFields=[PivotField(axis="axisRow"), PivotField(dataField=True)],
                                dataFields=[DataField(name="求和项:数", fld=1)])
        pivot.cache = CacheDefinition(cacheSource=source, cacheFields=fields, refreshOnLoad=True)
        pivot.cache.records = RecordList()
        wb.create_sheet("封面")._pivots.append(pivot)
    wb = _refreshed(tmp_path, clerk)
    (pivot,) = wb["封面"]._pivots
    source = pivot.cache.cacheSource.worksheetSource
    assert (source.sheet, source.ref) == ("统计（原）", "A1:B3")


def test_merge_re_points_the_provinces_chart_and_dropdown_to_its_kept_stats_sheet(tmp_path):
    """The province's own 统计 kept by a merge: its 封面 chart and dropdown follow it, as in a city's refresh."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.datavalidation import DataValidation

    from shibai_xl.jobs.merge import merge

    city = _two_row_header(tmp_path / "贵阳市汇总表.xlsx")
    province = tmp_path / "全省.xlsx"
    merge(province, [city])
    wb = load_workbook(province)
    del wb["统计"]
    wb.defined_names["sb_stats_sheet"] = DefinedName("sb_stats_sheet", attr_text="#REF!$A$1")
    own = wb.create_sheet("统计")
    own["A1"], own["A2"], own["B1"], own["B2"] = "一季度", "二季度", 3, 4
    cover, chart, dv = wb.create_sheet("封面"), BarChart(), DataValidation(type="list", formula1="统计!$A$1:$A$2")
    chart.add_data(Reference(own, min_col=2, min_row=1, max_row=2))
    cover.add_chart(chart, "D2")
    cover.add_data_validation(dv)
    dv.add("B2")
    wb.save(province)
    merge(province, [city])
    wb = load_workbook(province)
    assert [s.val.numRef.f for c in wb["封面"]._charts for s in c.series] == ["'统计（原）'!$B$1:$B$2"]
    assert [v.formula1 for v in wb["封面"].data_validations.dataValidation] == ["'统计（原）'!$A$1:$A$2"]
