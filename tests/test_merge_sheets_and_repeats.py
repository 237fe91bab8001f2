"""A city 汇总表 typed with one sheet per 项目类型, and a city file given to ``merge`` twice: every project
counted exactly once."""
from __future__ import annotations

from datetime import UTC

from openpyxl import Workbook, load_workbook

from shibai_xl.faces.cli import main
from shibai_xl.jobs.merge import merge
from tests.zip_parts import saved_at

HEAD = ["序号", "市（州）", "县区", "企业名称", "企业地址", "项目类型", "企业性质", "企业运营情况及主要业绩", "联系人", "电话",
        "年度交易额（万元）", "年度网络零售额（万元）", "市州评分"]
TYPES = ("园区", "基地", "企业", "团队")


def _sheets_per_type(path, copy_of_first: bool = False):
    wb = Workbook()
    wb.remove(wb.active)
    for i, kind in enumerate(TYPES):
        ws = wb.create_sheet(kind)
        ws.append([f"遵义市2024年电商“十百千万”工程示范项目汇总表（{kind}）"])
        ws.append(HEAD)
        ws.append([1, "遵义市", "汇川区", f"遵义{kind}甲公司", "地址", kind, "民企", "业绩", "张三", "0851-1",
                   1000 * (i + 1), 100])
        ws.append(["合计", None, None, None, None, None, None, None, None, None, 1000 * (i + 1), 100])
    if copy_of_first:     # a printing copy of the first sheet: the same rows again
        wb.copy_worksheet(wb["园区"]).title = "园区（打印）"
    wb.save(path)
    return path


def _projects(province):
    ws = load_workbook(province)["项目汇总表"]
    head = [c.value for c in ws[3]]
    return [dict(zip(head, (c.value for c in row))) for row in ws.iter_rows(min_row=4) if row[3].value]


def test_a_summary_with_one_sheet_per_type_is_read_from_every_sheet(tmp_path):
    city = _sheets_per_type(tmp_path / "遵义市汇总表.xlsx")
    report = merge(tmp_path / "全省.xlsx", [city])
    assert report.projects == 4 and report.trade == 10000
    rows = _projects(tmp_path / "全省.xlsx")
    assert sorted(r["项目类型"] for r in rows) == sorted(TYPES)
    assert any("“团队”表第3行" in r["来源文件"] for r in rows)


def test_a_sheet_copying_another_is_not_counted_twice(tmp_path):
    city = _sheets_per_type(tmp_path / "遵义市汇总表.xlsx", copy_of_first=True)
    report = merge(tmp_path / "全省.xlsx", [city])
    assert report.projects == 4 and report.trade == 10000
    assert any("“园区（打印）”表有 1 行与“园区”表的行完全相同，只计入一次" in v for v in report.versions)


def test_a_row_typed_twice_on_one_sheet_is_counted_once_and_flagged(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(HEAD)
    row = [1, "遵义市", "汇川区", "遵义甲公司", "地址", "企业", "民企", "业绩", "张三", "0851-1", 1000, 100]
    ws.append(row)
    ws.append(row)
    wb.save(tmp_path / "遵义市汇总表.xlsx")
    report = merge(tmp_path / "全省.xlsx", [tmp_path / "遵义市汇总表.xlsx"])
    assert report.trade == 1000 and report.projects == 1 and report.duplicates == []
    assert report.repeated == ["遵义甲公司（遵义市汇总表中重复填写了2行）"] and not report.incomplete


def test_one_city_file_given_twice_is_counted_once(tmp_path, capsys):
    city = _sheets_per_type(tmp_path / "遵义市汇总表.xlsx")
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(city), str(tmp_path / "." / "遵义市汇总表.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "有效项目 4 项" in out and "年度交易额合计 10000 万元" in out and "只读取一次" in out
    assert len(_projects(tmp_path / "全省.xlsx")) == 4


def _one_city(path, head, rows, above=()):
    wb = Workbook()
    ws = wb.active
    ws.append(["安顺市2024年电商“十百千万”工程示范项目汇总表"])
    for line in above:
        ws.append([line])
    ws.append(head)
    for i, (trade, retail) in enumerate(rows, 1):
        ws.append([i, "安顺市", "西秀区", f"安顺{i}号电子商务有限公司", "地址", "企业", "民企", "业绩", "张三", "0851-1",
                   trade, retail])
    wb.save(path)
    return path


def test_amounts_typed_in_yuan_or_yi_as_the_titles_say_are_counted_in_wan(tmp_path):
    head = [*HEAD[:10], "年度交易额（元）", "年度网络零售额（亿元）", "市州评分"]
    city = _one_city(tmp_path / "安顺市汇总表.xlsx", head, [(26_000_000, 0.09), ("1.5万元", "300万元"), ("约一千万", None)])
    report = merge(tmp_path / "全省.xlsx", [city])
    assert report.trade == 2600 + 1.5
    assert any("“年度交易额（元）”一栏按元填写，已换算为万元计入" in v for v in report.versions)
    assert any("“年度网络零售额（亿元）”一栏按亿元填写" in v for v in report.versions)
    rows = _projects(tmp_path / "全省.xlsx")
    assert [r["年度交易额（万元）"] for r in rows] == [2600, 1.5, "约一千万"]   # the province's column is in 万元
    assert [r["年度网络零售额（万元）"] for r in rows] == [900, 300, None]
    assert "FIELD_AMOUNT" in rows[2]["问题"]


def test_a_unit_line_above_the_table_gives_the_unit_of_titles_without_one(tmp_path):
    head = [*HEAD[:10], "年度交易额", "年度网络零售额", "市州评分"]
    city = _one_city(tmp_path / "安顺市汇总表.xlsx", head, [(26_000_000, 9_000_000)],
                     above=["填报单位：安顺市商务局  金额单位：元"])
    report = merge(tmp_path / "全省.xlsx", [city])
    assert report.trade == 2600
    assert [r["年度网络零售额（万元）"] for r in _projects(tmp_path / "全省.xlsx")] == [900]


def test_titles_in_wan_are_read_as_typed(tmp_path):
    city = _one_city(tmp_path / "安顺市汇总表.xlsx", HEAD, [(2600, 900)], above=["填报单位：安顺市商务局"])
    report = merge(tmp_path / "全省.xlsx", [city])
    assert report.trade == 2600 and not any("换算" in v for v in report.versions)


def test_a_column_the_city_titled_right_of_the_table_is_carried(tmp_path):
    from tests.test_summaries_real_world import application

    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="贵阳市")
    city = tmp_path / "贵阳市汇总表.xlsx"
    assert main(["refresh", str(city), "--from", str(tmp_path / "apps"), "--city", "贵阳市"]) == 0
    wb = load_workbook(city)
    ws = wb["项目汇总表"]
    col = ws.max_column + 1             # typed next to the table, which did not grow over it (LibreOffice)
    ws.cell(3, col, "备注")
    ws.cell(4, col, "已实地核查")
    wb.save(city)
    merge(tmp_path / "全省.xlsx", [city])
    assert _projects(tmp_path / "全省.xlsx")[0]["市州备注"] == "备注：已实地核查"


def test_a_column_the_city_titled_after_an_empty_column_right_of_the_table_is_carried(tmp_path):
    """The city's 备注 typed one column further right, an empty column between it and the table: its remarks never
    reached the 市州备注, and a 已撤回 written there was counted in the province's totals as a valid project."""
    from tests.test_summaries_real_world import application

    application(tmp_path / "apps", "enterprise", "甲.xlsx", sb_city="贵阳市", sb_name="贵阳甲电子商务有限公司")
    application(tmp_path / "apps", "enterprise", "乙.xlsx", sb_city="贵阳市", sb_name="贵阳乙电子商务有限公司",
                sb_uscc="91520102MA6DKQ8X26")
    city = tmp_path / "贵阳市汇总表.xlsx"
    assert main(["refresh", str(city), "--from", str(tmp_path / "apps"), "--city", "贵阳市"]) == 0
    wb = load_workbook(city)
    ws = wb["项目汇总表"]
    col = ws.max_column + 2             # one empty column left between
    ws.cell(3, col, "备注")
    rows = {ws.cell(r, 4).value: r for r in (4, 5)}
    ws.cell(rows["贵阳甲电子商务有限公司"], col, "已实地核查")
    ws.cell(rows["贵阳乙电子商务有限公司"], col, "已撤回")
    wb.save(city)
    report = merge(tmp_path / "全省.xlsx", [city])
    got = {p["企业名称"]: p for p in _projects(tmp_path / "全省.xlsx")}
    assert got["贵阳甲电子商务有限公司"]["市州备注"] == "备注：已实地核查"
    assert got.get("贵阳乙电子商务有限公司", {"状态": "已撤回"})["状态"] == "已撤回" and report.projects == 1, got


def _no_city(path, rows):
    """The 附件4 as a clerk left it: the template's XX市（州） title, the 市（州） column blank, a file name without
    a 市（州）."""
    wb = Workbook()
    ws = wb.active
    ws.append(["XX市（州）2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(HEAD)
    for i, (name, trade) in enumerate(rows, 1):
        ws.append([i, None, "某县", name, "地址", "企业", "民企", "业绩", "张三", "0851-1", trade, 100])
    wb.save(path)
    return path


def test_a_summary_of_unknown_city_never_withdraws_another_such_summarys_rows(tmp_path):
    province = tmp_path / "全省.xlsx"
    merge(province, [_no_city(tmp_path / "汇总表(2).xlsx", [("福泉甲公司", 1000)])])
    report = merge(province, [_no_city(tmp_path / "汇总表(3).xlsx", [("思南乙公司", 500)])])
    rows = {r["企业名称"]: r for r in _projects(province)}
    assert rows["福泉甲公司"]["状态"] == "有效" and rows["思南乙公司"]["状态"] == "有效"
    assert report.projects == 2 and report.trade == 1500
    # the same file sent again without a project still withdraws it
    _no_city(tmp_path / "汇总表(2).xlsx", [("福泉丙公司", 200)])
    report = merge(province, [tmp_path / "汇总表(2).xlsx"])
    rows = {r["企业名称"]: r for r in _projects(province)}
    assert rows["福泉甲公司"]["状态"] == "已撤回" and rows["思南乙公司"]["状态"] == "有效"
    assert report.projects == 2 and report.trade == 700


def _bijie(path, trade):
    wb = Workbook()
    ws = wb.active
    ws.append(["毕节市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(HEAD)
    ws.append([1, "毕节市", "七星关区", "毕节乌蒙山直播电商基地", "毕节", "基地", "民企", "业绩", "王", "138", trade, 1500, 80])
    wb.save(path)
    return path


def test_two_versions_go_by_the_save_time_the_workbooks_record(tmp_path, capsys):
    """The corrected summary (saved by its author on 10 May) was downloaded before the original (saved 1 May): the
    files' dates say the opposite of the truth, the workbooks' own save times do not (QA: 7000 was counted)."""
    import os
    import time

    corrected = _bijie(tmp_path / "毕节市汇总表(修改版).xlsx", 7500)
    original = _bijie(tmp_path / "毕节市汇总表.xlsx", 7000)
    saved_at(corrected, "2024-05-10T09:00:00Z")
    saved_at(original, "2024-05-01T09:00:00Z")
    now = time.time()
    os.utime(corrected, (now - 60, now - 60))
    os.utime(original, (now, now))
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(original), str(corrected)]) == 0
    out = capsys.readouterr().out
    assert [r["年度交易额（万元）"] for r in _projects(tmp_path / "全省.xlsx")] == [7500]
    assert "按较晚保存的“毕节市汇总表(修改版).xlsx”（工作簿内记录的保存时间 2024-05-10 17:00）" in out
    # one version without a record of its own: both go by the files' dates, and the terminal says so
    saved_at(corrected, None)
    os.utime(corrected, (now - 60, now - 60))
    assert main(["merge", str(tmp_path / "全省2.xlsx"), str(original), str(corrected)]) == 0
    assert "按文件修改时间" in capsys.readouterr().out
    assert [r["年度交易额（万元）"] for r in _projects(tmp_path / "全省2.xlsx")] == [7000]


def test_the_save_time_of_every_format_and_of_junk(tmp_path):
    from datetime import datetime, timedelta

    from shibai_xl.adapters.xlsx.saved_time import saved_time
    from tests.libreoffice import convert

    book = _bijie(tmp_path / "毕节市汇总表.xlsx", 7000)
    saved_at(book, "2024-05-01T09:00:00Z")
    assert saved_time(book) == datetime(2024, 5, 1, 9, tzinfo=UTC)
    for fmt in ("ods", "xls"):   # LibreOffice carries the time over (ods: local time without a zone, read as China's)
        assert abs(saved_time(convert(book, fmt, tmp_path / fmt)) - saved_time(book)) <= timedelta(hours=8), fmt
    saved_at(book, "2099-01-01T00:00:00Z")        # a clock far off is no save time
    assert saved_time(book) is None
    for name, data in (("空.xlsx", b""), ("扫描件.xlsx", b"%PDF-1.4 ..."), ("坏.xlsx", b"PK\x03\x04broken")):
        (tmp_path / name).write_bytes(data)
        assert saved_time(tmp_path / name) is None
    assert saved_time(tmp_path / "不存在.xlsx") is None


def test_a_save_time_out_of_the_calendar_is_none(tmp_path):
    """.NET's unset date with China's offset ("0001-01-01T00:00:00+08:00") overflowed and ended the whole merge with
    程序内部错误 (QA)."""
    from shibai_xl.adapters.xlsx.saved_time import saved_time

    book = _bijie(tmp_path / "毕节市汇总表.xlsx", 7000)
    for moment in ("0001-01-01T00:00:00+08:00", "9999-12-31T23:59:59-01:00"):
        saved_at(book, moment)
        assert saved_time(book) is None
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(book)]) == 0


def test_a_project_the_later_version_withdrew_is_not_counted_from_the_earlier(tmp_path, capsys):
    """The city's December summary keeps the withdrawn park as a row marked 已撤回; its August summary, merged
    with it, still had the park active. The park was counted in the province's total from August (QA)."""
    def city_summary(path, moment, park_state):
        wb = Workbook()
        ws = wb.active
        ws.append(["毕节市2024年电商“十百千万”工程示范项目汇总表"])
        ws.append([*HEAD, "状态"])
        ws.append([1, "毕节市", "七星关区", "毕节乌蒙山直播电商基地", "毕节", "基地", "民企", "业绩", "王", "138", 7000,
                   1500, 80, "有效"])
        ws.append([2, "毕节市", "七星关区", "毕节甲产业园", "毕节", "园区", "民企", "业绩", "李", "139", 35000, 4200, 90,
                   park_state])
        wb.save(path)
        saved_at(path, moment)
        return path

    august = city_summary(tmp_path / "毕节市汇总表.xlsx", "2024-08-30T09:00:00Z", "有效")
    december = city_summary(tmp_path / "毕节市汇总表(12月).xlsx", "2024-12-20T09:00:00Z", "已撤回")
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(august), str(december)]) == 0
    out = capsys.readouterr().out
    assert {r["企业名称"]: r["状态"] for r in _projects(tmp_path / "全省.xlsx")
            if r["状态"] == "有效"} == {"毕节乌蒙山直播电商基地": "有效"}
    assert "年度交易额合计 7000 万元" in out and "在较晚的表中已撤回的 1 项不计入" in out
    # the other way round (withdrawn in August, back in December): December's active row is counted
    august = city_summary(tmp_path / "毕节市汇总表.xlsx", "2024-08-30T09:00:00Z", "已撤回")
    december = city_summary(tmp_path / "毕节市汇总表(12月).xlsx", "2024-12-20T09:00:00Z", "有效")
    assert main(["merge", str(tmp_path / "全省2.xlsx"), str(august), str(december)]) == 0
    assert "年度交易额合计 42000 万元" in capsys.readouterr().out


def test_a_nameless_row_on_one_of_several_sheets_stays_listed_when_another_city_is_merged(tmp_path, capsys):
    """遵义市 typed its projects on a sheet per type, one row without 企业名称 ("“企业”表第4行"): the first merge said
    the totals were incomplete (exit 1), but a later merge of 贵阳市's file alone dropped that row from the list — exit
    0, the province looking complete while the row was still not counted (QA: only "（第4行）" was known as a row).
    It stays listed, as a row typed on a single sheet does, until 遵义市's summary is read again."""
    from tests.test_merge_counts_a_project_once import _city

    wb = Workbook()
    for title, name, kind in (("企业", "遵义甲公司", "企业"), ("基地", "遵义乙基地", "基地")):
        ws = wb.active if title == "企业" else wb.create_sheet(title)
        ws.title = title
        ws.append(["遵义市2024年电商“十百千万”工程示范项目汇总表"])
        ws.append(HEAD)
        ws.append([1, "遵义市", "汇川区", name, "地址", kind, "民企", "业绩", "张三", "0851-1", 1000, 500, 80])
        if title == "企业":
            ws.append([2, "遵义市", "汇川区", None, "地址", "企业", "民企", "业绩", "张三", "0851-1", 700, 300, 80])
    zunyi = tmp_path / "遵义市汇总表.xlsx"
    wb.save(zunyi)
    guiyang = _city(tmp_path / "贵阳市汇总表.xlsx", "贵阳市", [("贵阳甲公司", "企业", 2000, "")])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(zunyi), str(guiyang)]) == 1
    capsys.readouterr()
    assert main(["merge", str(out), str(guiyang)]) == 1
    said = capsys.readouterr()
    assert "遵义市汇总表.xlsx（“企业”表第4行）" in said.err and "1 行缺企业名称未能计入" in said.err
    assert "问题文件" not in load_workbook(out).sheetnames     # a row, not a file: on the 统计 sheet only


def test_a_sheet_name_holding_a_line_break_is_quoted_on_one_line_in_every_note(tmp_path):
    """A sheet named with a line break (as another program or a script wrote it): the unit note and the
    repeated-rows note quoted the name raw, splitting the merge report's line in two, where the other notes of
    the same sheet showed it on one line (the line break as its picture ␊)."""
    wb = Workbook()
    wb.remove(wb.active)
    for kind, title in (("园区", "园区\n2024"), ("基地", "基地")):
        ws = wb.create_sheet(title)
        ws.append([*HEAD[:10], "年度交易额（元）", "年度网络零售额（万元）", "市州评分"])
        ws.append([1, "遵义市", "汇川区", f"遵义{kind}甲公司", "地址", kind, "民企", "业绩", "张三", "0851-1",
                   10_000_000, 100])
    wb.copy_worksheet(wb["园区\n2024"]).title = "打印\n副本"
    wb.save(tmp_path / "遵义市汇总表.xlsx")
    report = merge(tmp_path / "全省.xlsx", [tmp_path / "遵义市汇总表.xlsx"])
    assert report.projects == 2 and report.trade == 2000
    said = [v for v in report.versions if "园区" in v]
    assert any("“园区␊2024”表“年度交易额（元）”一栏按元填写" in v for v in said), said
    assert any("“打印␊副本”表有 1 行与“园区␊2024”表的行完全相同，只计入一次" in v for v in said), said
    assert not [v for v in report.versions if "\n" in v]
