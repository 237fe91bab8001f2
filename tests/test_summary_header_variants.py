"""City 项目汇总表 (附件4) typed by hand with the header titled in the clerks' own words (QA, qa34b): each column
read as what it is, every amount in 万元, or the total said incomplete — never a silently wrong total."""
from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook

from shibai_xl.faces.cli import main
from tests.test_summaries_real_world import PRINTED, TRADE, application, province_rows, sha, stats, table_rows

PROJECTS = [[1, "遵义市", "红花岗区", "遵义甲电商产业园", "地址", "园区", "国企", "业绩", "张三", "0851-1", 35000, 3000, 88],
            [2, "遵义市", "汇川区", "遵义乙电商有限公司", "地址", "企业", "民企", "业绩", "李四", "0851-2", 1200, 800, 80]]


def _summary(path, header, projects=PROJECTS, units=None):
    wb = Workbook()
    ws = wb.active
    ws.append(["遵义市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(list(header))
    if units:
        ws.append(list(units))
    for p in projects:
        ws.append(list(p))
    wb.save(path)
    return path


@pytest.mark.parametrize("title", ["类别", "项目类别", "申报类别（园区、基地、企业、团队）"])
def test_a_type_column_titled_category_is_read_as_the_project_type(tmp_path, capsys, title):
    """附件4's 项目类型 titled 类别 or 项目类别: the column was not recognised, every project merged with a blank
    项目类型 (FIELD_CHOICE 项目类型未填写) and the province's count by type lost them, the city's 园区/企业 moved
    into 市州备注. It is read as the 项目类型."""
    city = _summary(tmp_path / "遵义市汇总表.xlsx", [title if h.startswith("项目类型") else h for h in PRINTED])
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    got = {r["企业名称"]: r for r in province_rows(province)}
    assert got["遵义甲电商产业园"]["项目类型"] == "园区" and got["遵义乙电商有限公司"]["项目类型"] == "企业"
    assert not any(r["问题"] or r["市州备注"] for r in got.values()), got
    assert stats(province) == {"遵义市": 2}


UPPER = [*PRINTED[:10], "年度交易额", "年度网络零售额", "市州评分"]


@pytest.mark.parametrize(("units", "amounts"),
                         [(["亿元", "万元"], (3.5, 0.12)), (["（元）", "（元）"], (350_000_000, 12_000_000))], ids=["yi", "yuan"])
def test_an_amount_unit_typed_on_the_headers_second_row_is_converted_to_wan(tmp_path, capsys, units, amounts):
    """年度交易额 typed over a second header row that gives only its unit ("亿元" under it, as a park's form prints
    its 交易额): the unit was not read, 3.5 亿元 counted as 3.5 万元 — a province total of 3.62 万元 instead of
    36200, exit 0, only the park's row flagged. The unit under the title counts as the title's own would."""
    trade = [dict(zip(("园区", "企业"), amounts))[p[5]] for p in PROJECTS]
    retail = [3000, 800] if units[1] == "万元" else [30_000_000, 8_000_000]
    projects = [[*p[:10], t, r, p[12]] for p, t, r in zip(PROJECTS, trade, retail)]
    city = _summary(tmp_path / "遵义市汇总表.xlsx", UPPER, projects, [None] * 10 + units + [None])
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    out = capsys.readouterr().out
    assert "年度交易额合计 36200 万元" in out and "已换算为万元" in out, out
    got = {r["企业名称"]: (r[TRADE], r["年度网络零售额（万元）"], r["问题"]) for r in province_rows(province)}
    assert got == {"遵义甲电商产业园": (35000, 3000, None), "遵义乙电商有限公司": (1200, 800, None)}


def test_a_summary_with_a_units_row_is_taken_over_in_wan_once(tmp_path):
    """The same table taken over by refresh: its 亿元 converted to 万元 once, the units row under the titles now
    saying 万元, and a second refresh and the merge reading 35000 万元, not 3.5 nor 35000 亿元."""
    projects = [[*PROJECTS[0][:10], 3.5, 3000, 88], [*PROJECTS[1][:10], 0.12, 800, 80]]
    summary = _summary(tmp_path / "遵义市汇总表.xlsx", UPPER, projects, [None] * 10 + ["亿元", "万元", None])
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="遵义市", sb_trade_total=1234.5)
    for _ in range(2):
        assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    got = table_rows(summary)
    assert got["遵义甲电商产业园"][TRADE] == 35000 and got["遵义乙电商有限公司"][TRADE] == 1200
    assert load_workbook(summary).active["K3"].value == "万元"
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(summary)]) == 0
    assert sum(r[TRADE] for r in province_rows(tmp_path / "全省.xlsx")) == 35000 + 1200 + 1234.5


def test_a_summary_naming_its_city_nowhere_but_in_its_counties_is_merged_as_that_city(tmp_path, capsys):
    """The template's title left as "XX市（州）…汇总表", the file saved as 汇总表.xlsx and the 市（州） column left blank:
    the projects were merged under "未识别市州", blank 市（州） and 报送市州 in the province table, the province's count
    by city short of them. The counties the rows name (红花岗区, 汇川区) say the city, and the merge says so."""
    wb = Workbook()
    ws = wb.active
    ws.append(["XX市（州）2024年电子商务“十百千万”工程示范项目汇总表"])
    ws.append(["填报单位（盖章）：", None, None, "联系人：", None, "电话："])
    ws.append(PRINTED)
    for p in PROJECTS:
        ws.append([p[0], None, *p[2:]])
    wb.save(tmp_path / "汇总表.xlsx")
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(tmp_path / "汇总表.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "合并：遵义市 2 项" in out and "已按“县区”一栏作为遵义市报送的汇总表计入" in out, out
    assert {(r["市（州）"], r["报送市州"]) for r in province_rows(province)} == {("遵义市", "遵义市")}
    assert stats(province) == {"遵义市": 2}


@pytest.mark.parametrize("title", ["评分", "得分", "市（州）初审得分", "综合评分（满分100分）"])
def test_a_citys_score_titled_in_its_own_words_is_merged_as_the_city_score(tmp_path, capsys, title):
    """附件4's 市州评分 titled 评分, 得分 or 市（州）初审得分: the column was not recognised, every project's 市州评分
    was blank in the province table (the score only in 市州备注 as "得分：88"). It is read as the 市州评分."""
    city = _summary(tmp_path / "遵义市汇总表.xlsx", [*PRINTED[:12], title])
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    got = {r["企业名称"]: (r["市州评分"], r["市州备注"]) for r in province_rows(province)}
    assert got == {"遵义甲电商产业园": (88, None), "遵义乙电商有限公司": (80, None)}


@pytest.mark.parametrize(("county", "city"), [("所属县（区）", "所在市（州）"), ("区（县）", "所属市（州）"),
                                             ("所在区县", "市（州）")])
def test_a_county_or_city_column_titled_with_belongs_to_or_district_first_is_read(tmp_path, county, city):
    """附件4's 县区 titled 所属县（区）, 区（县） or 所在区县, 市（州） titled 所在市（州）: the column was not recognised,
    every project merged with a blank 县区 (the county only in 市州备注 as "所属县（区）：红花岗区"). It is read as
    the 县区 (市（州）)."""
    header = [{"县区": county, "市（州）": city}.get(h, h) for h in PRINTED]
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(_summary(tmp_path / "遵义市汇总表.xlsx", header))]) == 0
    got = {r["企业名称"]: (r["市（州）"], r["县区"], r["市州备注"]) for r in province_rows(province)}
    assert got == {"遵义甲电商产业园": ("遵义市", "红花岗区", None), "遵义乙电商有限公司": ("遵义市", "汇川区", None)}


@pytest.mark.parametrize("title", ["申报企业", "项目申报单位", "企业"])
def test_a_name_column_titled_as_the_applicant_is_read_as_the_company_name(tmp_path, title):
    """企业名称 titled 申报企业 or 项目申报单位: the header was not recognised, the whole city refused as "not a
    项目汇总表" and none of its projects merged. It is read as the 企业名称."""
    city = _summary(tmp_path / "遵义市汇总表.xlsx", [title if h == "企业名称" else h for h in PRINTED])
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    assert sorted(r["企业名称"] for r in province_rows(province)) == ["遵义乙电商有限公司", "遵义甲电商产业园"]


def test_a_header_without_a_name_column_is_refused_naming_the_missing_column(tmp_path, capsys):
    """A 附件4 whose 企业名称 is titled in words no reading knows ("经营主体"): the city was refused as "not a 项目汇总表：
    没有找到附件4的表头行", which its clerk, looking at the header, could not act on. The refusal says where the header is
    and that its 企业名称 column is what is missing; the other city is merged, exit 1."""
    city = _summary(tmp_path / "遵义市汇总表.xlsx", ["经营主体" if h == "企业名称" else h for h in PRINTED])
    other = _summary(tmp_path / "安顺市汇总表.xlsx", PRINTED,
                     [[1, "安顺市", "西秀区", "安顺甲电商有限公司", *PROJECTS[1][4:]]])
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city), str(other)]) == 1
    said = capsys.readouterr()
    text = said.out + said.err
    assert "“遵义市汇总表.xlsx”的“Sheet”表第2行是附件4的表头，但其中没有“企业名称”一栏" in text, text
    assert "Traceback" not in text
    assert [r["企业名称"] for r in province_rows(province)] == ["安顺甲电商有限公司"]


def _per_type_sheets(path, second_name_title):
    """One sheet per 项目类型, the second's 企业名称 titled in the clerk's own words."""
    wb = Workbook()
    wb.remove(wb.active)
    for kind, project, title in (("园区", PROJECTS[0], "企业名称"), ("企业", PROJECTS[1], second_name_title)):
        ws = wb.create_sheet(kind)
        ws.append(["遵义市2024年电商“十百千万”工程示范项目汇总表"])
        ws.append([title if h == "企业名称" else h for h in PRINTED])
        ws.append(project)
    wb.save(path)
    return path


def test_a_sheet_whose_header_lacks_its_name_column_beside_a_readable_one_refuses_the_city(tmp_path, capsys):
    """Projects on one sheet per 项目类型, the 企业 sheet's 企业名称 titled "经营主体": the 园区 sheet was merged and the
    企业 sheet's projects left out of the city's total without a word, exit 0. The city is refused, saying which
    sheet's header lacks the 企业名称 column (exit 1, listed), as for a one-sheet summary."""
    city = _per_type_sheets(tmp_path / "遵义市汇总表.xlsx", "经营主体")
    other = _summary(tmp_path / "安顺市汇总表.xlsx", PRINTED, [[1, "安顺市", "西秀区", "安顺甲电商有限公司", *PROJECTS[1][4:]]])
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city), str(other)]) == 1
    said = capsys.readouterr()
    assert "“遵义市汇总表.xlsx”的“企业”表第2行是附件4的表头，但其中没有“企业名称”一栏" in said.out + said.err
    assert [r["企业名称"] for r in province_rows(province)] == ["安顺甲电商有限公司"]
    # a blank sheet headed so (a template left in the workbook) stops nothing
    _per_type_sheets(tmp_path / "遵义市汇总表.xlsx", "企业名称")
    wb = load_workbook(city)
    wb.create_sheet("空表").append(["经营主体" if h == "企业名称" else h for h in PRINTED])
    wb.save(city)
    assert main(["merge", str(province), str(city), str(other)]) == 0


def test_refresh_refuses_a_hand_made_summary_with_a_sheet_it_cannot_name_and_leaves_it(tmp_path, capsys):
    """refresh taking over the same workbook made the 园区 sheet the tool's table and left the 企业 sheet's projects
    outside every total, unsaid. It refuses, naming the sheet and the missing column, and leaves the file as it was."""
    city = _per_type_sheets(tmp_path / "遵义市汇总表.xlsx", "经营主体")
    before = sha(city)
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="遵义市")
    capsys.readouterr()
    assert main(["refresh", str(city), "--from", str(tmp_path / "apps")]) == 2
    err = capsys.readouterr().err
    assert "“企业”表第2行是附件4的表头，但其中没有“企业名称”一栏" in err and "文件未改动" in err, err
    assert "Traceback" not in err and sha(city) == before


def test_wan_typed_under_a_yi_title_is_asked_on_its_row_and_in_the_report(tmp_path, capsys):
    """A city titled its 年度交易额 column （亿元） for its park (3.5) and typed an enterprise's 1200 万元 under it: that
    was counted as 1200亿元 = 12,000,000 万元, the province total off by that much, nothing said. The figure is still
    read as the title says, but its row and the merge's report ask whether it was typed in 万元, as the forms' 亿元
    fields ask."""
    header = ["年度交易额（亿元）" if h.startswith("(2023年1月 -2023年 12月) 年度交易额") else h for h in PRINTED]
    projects = [[*PROJECTS[0][:10], 3.5, 3000, 88], [*PROJECTS[1][:10], 1200, 800, 80]]
    city = _summary(tmp_path / "遵义市汇总表.xlsx", header, projects)
    province = tmp_path / "全省.xlsx"
    main(["merge", str(province), str(city)])
    out = capsys.readouterr().out
    assert ("第4行“遵义乙电商有限公司”的年度交易额：该栏单位是亿元，1200亿元即12000000万元，是否误按万元填写？"
            "确是这个数的，请连同单位填写（“1200亿元”）") in out, out
    got = {r["企业名称"]: (r[TRADE], r["问题"] or "") for r in province_rows(province)}
    assert got["遵义甲电商产业园"] == (35000, "")
    assert "1200亿元即12000000万元，是否误按万元填写" in got["遵义乙电商有限公司"][1]
