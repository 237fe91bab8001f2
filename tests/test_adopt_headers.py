"""``refresh`` taking over (and ``merge`` reading) a 附件4 whose header a city's clerk typed in their own way: group
titles over two header rows, 序号 typed “No.”, the phone column titled 手机号码, the titles in traditional characters —
every row kept, every column read as the column it is."""
from __future__ import annotations

import shutil

import pytest
from openpyxl import Workbook, load_workbook

from shibai_xl.faces.cli import main
from shibai_xl.jobs.actions import summary_files
from shibai_xl.jobs.merge import merge
from tests.test_summaries_real_world import application, province_rows, table_rows

OFFICIAL = ["序号", "市（州）", "县区", "企业名称", "企业地址", "项目类型", "企业性质", "企业运营情况及主要业绩",
            "联系人", "电话", "年度交易额（万元）", "年度网络零售额（万元）", "市州评分"]
ROWS = [[1, "贵阳市", "云岩区", "贵阳甲电子商务有限公司", "地址1", "企业", "民企", "业绩", "张三", "13985012345", 2600, 900, 85],
        [2, "贵阳市", "南明区", "贵阳乙电商产业园", "地址2", "园区", "国企", "业绩", "李四", "0851-88550000", 35000, 4200, 90]]


def _summary(path, header, merges=(), second=None):
    wb = Workbook()
    ws = wb.active
    ws.append(["贵阳市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(header)
    if second:
        ws.append(second)
    for ref in merges:
        ws.merge_cells(ref)
    for row in ROWS:
        ws.append(row)
    wb.save(path)
    return path


def _refreshed(tmp_path, summary):
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="贵阳市", sb_trade_total=1234.5)
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    return table_rows(summary)


def _as_typed(got):
    for row in ROWS:
        values = got[row[3]]
        assert [values[n] for n in OFFICIAL] == row, values


CONTACT_UPPER = [*OFFICIAL[:8], "联系方式", None, *OFFICIAL[10:]]
CONTACT_LOWER = [None] * 8 + ["联系人", "电话"] + [None] * 3


@pytest.mark.parametrize("merged", [True, False])
def test_a_contact_group_title_over_its_two_columns_reads_names_and_phones_where_typed(tmp_path, capsys, merged):
    merges = [*(f"{c}2:{c}3" for c in "ABCDEFGHKLM"), "I2:J2"] if merged else []
    summary = _summary(tmp_path / "贵阳市汇总表.xlsx", CONTACT_UPPER, merges, CONTACT_LOWER)
    report = merge(tmp_path / "全省.xlsx", [summary])
    assert report.projects == 2
    phones = {r["企业名称"]: (r["联系人"], r["电话"]) for r in province_rows(tmp_path / "全省.xlsx")}
    assert phones == {"贵阳甲电子商务有限公司": ("张三", "13985012345"), "贵阳乙电商产业园": ("李四", "0851-88550000")}
    got = _refreshed(tmp_path, summary)
    _as_typed(got)
    assert "企业名称" not in got and len(got) == 3             # the titles under 联系方式 are no project
    assert "曾被删除" not in capsys.readouterr().out


GROUP_UPPER = ["序号", "市（州）", "县区", "申报主体信息", None, None, None, "企业运营情况及主要业绩", "联系方式", None,
               "年度经营数据", None, "市州评分"]
GROUP_LOWER = [None, None, None, *OFFICIAL[3:7], None, "联系人", "电话", *OFFICIAL[10:12], None]


def test_group_titles_over_a_second_header_row_with_the_other_titles_merged_down_are_taken_over(tmp_path):
    merges = [*(f"{c}2:{c}3" for c in "ABCHM"), "D2:G2", "I2:J2", "K2:L2"]
    summary = _summary(tmp_path / "贵阳市汇总表.xlsx", GROUP_UPPER, merges, GROUP_LOWER)
    assert merge(tmp_path / "全省.xlsx", [summary]).projects == 2
    got = _refreshed(tmp_path, summary)
    _as_typed(got)
    assert len(got) == 3
    ws = load_workbook(summary).active
    assert ws.tables["sb_summary"].ref.startswith("A3:")
    assert ws["D2"].value == "申报主体信息" and ws["A2"].value is None and ws["A3"].value == "序号"   # the group stays above
    assert merge(tmp_path / "全省2.xlsx", [summary]).trade == 2600 + 35000 + 1234.5


@pytest.mark.parametrize("number, phone", [("No.", "手机号码"), ("NO", "联系人电话"), ("No", "联系人手机")])
def test_a_numbers_column_typed_no_and_a_phone_column_titled_mobile_are_the_citys_not_columns_to_add_back(
        tmp_path, capsys, number, phone):
    summary = _summary(tmp_path / "贵阳市汇总表.xlsx", [number, *OFFICIAL[1:9], phone, *OFFICIAL[10:]])
    assert merge(tmp_path / "全省.xlsx", [summary]).projects == 2
    phones = {r["企业名称"]: r["电话"] for r in province_rows(tmp_path / "全省.xlsx")}
    assert phones == {"贵阳甲电子商务有限公司": "13985012345", "贵阳乙电商产业园": "0851-88550000"}
    got = _refreshed(tmp_path, summary)
    _as_typed(got)
    assert "曾被删除" not in capsys.readouterr().out
    ws = load_workbook(summary).active
    header = [c.value for c in ws[2]]
    assert header.count("序号") == 1 and header.count("电话") == 1 and header.index("序号") == 0
    assert got["贵州山珍优品电子商务有限公司"]["序号"] == 3       # the application's row numbered after the city's


TRADITIONAL = ["序號", "市（州）", "縣區", "企業名稱", "企業地址", "項目類型", "企業性質", "企業運營情況及主要業績",
               "聯繫人", "電話", "年度交易額（萬元）", "年度網絡零售額（萬元）", "市州評分"]


def test_a_summary_typed_in_traditional_characters_is_read_and_taken_over_not_refused(tmp_path):
    """Titles and answers typed with a traditional-character input method or copied from such a file (項目類型 園區,
    企業性質 國企) read as the simplified ones, as a 市（州） typed 貴陽市 already is."""
    summary = _summary(tmp_path / "贵阳市汇总表.xlsx", TRADITIONAL)
    wb = load_workbook(summary)
    wb.active["F4"], wb.active["G4"], wb.active["G3"] = "園區", "國企", "民營企業"
    wb.save(summary)
    report = merge(tmp_path / "全省.xlsx", [summary])
    assert report.projects == 2 and report.trade == 2600 + 35000
    kinds = {r["企业名称"]: (r["项目类型"], r["企业性质"]) for r in province_rows(tmp_path / "全省.xlsx")}
    assert kinds == {"贵阳甲电子商务有限公司": ("企业", "民企"), "贵阳乙电商产业园": ("园区", "国企")}
    got = _refreshed(tmp_path, summary)
    assert len(got) == 3 and got["贵阳乙电商产业园"]["项目类型"] == "园区" and got["贵阳乙电商产业园"]["电话"] == "0851-88550000"
    assert got["贵阳甲电子商务有限公司"]["企业性质"] == "民企" and got["贵阳甲电子商务有限公司"][OFFICIAL[10]] == 2600


@pytest.mark.parametrize("city, retail", [("地市", "网上零售额（万元）"), ("所属地州", "线上零售额(万元)")])
def test_a_retail_column_titled_online_sales_and_a_city_column_titled_prefecture_are_read_as_such(tmp_path, capsys,
                                                                                                   city, retail):
    summary = _summary(tmp_path / "贵阳市汇总表.xlsx", [OFFICIAL[0], city, *OFFICIAL[2:11], retail, OFFICIAL[12]])
    assert merge(tmp_path / "全省.xlsx", [summary]).projects == 2
    read = {r["企业名称"]: (r["市（州）"], r[OFFICIAL[11]]) for r in province_rows(tmp_path / "全省.xlsx")}
    assert read == {"贵阳甲电子商务有限公司": ("贵阳市", 900), "贵阳乙电商产业园": ("贵阳市", 4200)}
    got = _refreshed(tmp_path, summary)
    _as_typed(got)
    out = capsys.readouterr().out
    assert "曾被删除" not in out and "空白" not in out


def test_a_growth_rate_or_share_column_the_city_added_is_no_amount_and_no_score(tmp_path):
    """“2023年交易额增长率（%）” added right of 交易额 (the year made it the 交易额 read), “网络零售额占比（%）” added left
    of 网络零售额, “市州评分排名” beside the score: the city's own columns, never summed as the amounts or the score."""
    header = [*OFFICIAL[:10], "交易额（万元）", "网络零售额占比（%）", "网络零售额（万元）", "市州评分",
              "2023年交易额增长率（%）", "市州评分排名"]
    path = tmp_path / "贵阳市汇总表.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["贵阳市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(header)
    for row, extra in zip(ROWS, ((35, 12.5, 2), (12, 8.0, 1))):
        ws.append([*row[:11], extra[0], *row[11:], extra[1], extra[2]])
    wb.save(path)
    report = merge(tmp_path / "全省.xlsx", [path])
    assert report.projects == 2 and report.trade == 2600 + 35000
    read = {r["企业名称"]: (r[OFFICIAL[11]], r["市州评分"]) for r in province_rows(tmp_path / "全省.xlsx")}
    assert read == {"贵阳甲电子商务有限公司": (900, 85), "贵阳乙电商产业园": (4200, 90)}
    got = _refreshed(tmp_path, path)
    _as_typed(got)
    assert got["贵阳甲电子商务有限公司"]["2023年交易额增长率（%）"] == 12.5
    assert got["贵阳甲电子商务有限公司"]["网络零售额占比（%）"] == 35 and got["贵阳乙电商产业园"]["市州评分排名"] == 1


def test_a_summary_with_group_titles_is_known_as_a_city_summary_among_files(tmp_path, capsys):
    """The province's 合并市州汇总 button lists the city summaries in its folder, and check/refresh skip a summary lying
    among the applications: a 附件4 with its titles under group titles was neither (left out of the province's merge
    unsaid; called an unreadable application)."""
    merges = [*(f"{c}2:{c}3" for c in "ABCHM"), "D2:G2", "I2:J2", "K2:L2"]
    summary = _summary(tmp_path / "贵阳市汇总表.xlsx", GROUP_UPPER, merges, GROUP_LOWER)
    assert summary_files(tmp_path)[0] == [summary]
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="贵阳市")
    shutil.copy(summary, tmp_path / "apps" / "上一批汇总表.xlsx")
    capsys.readouterr()
    assert main(["check", str(tmp_path / "apps")]) == 0
    out = capsys.readouterr().out
    assert "跳过 1 份项目汇总表" in out and "无法读取：" not in out


def test_a_header_merged_down_over_two_rows_for_height_adds_no_row_of_titles_to_the_table(tmp_path):
    """Each title merged over two rows (a taller header, nothing under it): taken over, the row under the titles was
    the table's first row, the titles written into it again, summed by the 合计 and printed as a second header."""
    summary = _summary(tmp_path / "贵阳市汇总表.xlsx", OFFICIAL, [f"{c}2:{c}3" for c in "ABCDEFGHIJKLM"], [None] * 13)
    wb = load_workbook(summary)
    wb.active.append(["合计", None, None, None, None, None, None, None, None, None, "=SUM(K4:K5)", "=SUM(L4:L5)"])
    wb.save(summary)
    got = _refreshed(tmp_path, summary)
    _as_typed(got)
    assert "企业名称" not in got and len(got) == 3
    ws = load_workbook(summary).active
    assert ws.tables["sb_summary"].ref.startswith("A3:") and [c.value for c in ws[3]][:4] == OFFICIAL[:4]
    assert ws["K7"].value == "=SUM(K4:K6)"


def test_a_table_with_too_few_of_the_附件4_columns_is_refused_naming_the_columns_it_lacks(tmp_path, capsys):
    path = tmp_path / "贵阳市汇总表.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["贵阳市汇总表"])
    ws.append(["序号", "市（州）", "县区", "企业名称", "项目类型", "年度交易额（万元）", "年度网络零售额（万元）", "市州评分"])
    ws.append([1, "贵阳市", "云岩区", "贵阳甲电子商务有限公司", "企业", 2600, 900, 85])
    wb.save(path)
    before = path.read_bytes()
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="贵阳市")
    capsys.readouterr()
    assert main(["refresh", str(path), "--from", str(tmp_path / "apps")]) == 2
    err = capsys.readouterr().err
    said = "第2行像是附件4的表头，但缺少企业地址、企业性质、企业运营情况及主要业绩、联系人、电话这5栏"
    assert said in err and "文件未改动" in err and "Traceback" not in err
    assert path.read_bytes() == before
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(path)]) == 2
    assert said in capsys.readouterr().err


def test_a_traditional_header_repeated_for_the_second_page_is_no_project(tmp_path):
    summary = _summary(tmp_path / "贵阳市汇总表.xlsx", TRADITIONAL)
    wb = load_workbook(summary)
    wb.active.insert_rows(4)
    for c, title in enumerate(TRADITIONAL, 1):
        wb.active.cell(4, c, title)
    wb.save(summary)
    report = merge(tmp_path / "全省.xlsx", [summary])
    assert report.projects == 2 and "企業名稱" not in {r["企业名称"] for r in province_rows(tmp_path / "全省.xlsx")}
