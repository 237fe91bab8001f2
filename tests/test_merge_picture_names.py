"""A city summary whose 企业名称 cell holds a picture, as WPS saves its 嵌入单元格图片: the formula DISPIMG("ID_…",1)
with the saved text "=DISPIMG(…)". The clerk pasted the business licence's screenshot where the name belongs (QA,
qa71b)."""
from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook

from shibai_xl.engine.parse.text import PICTURE_SAID
from shibai_xl.faces.cli import main
from tests.test_cell_pictures import CELL_IMAGES, _cell_xml
from tests.test_summaries_real_world import official, province_rows
from tests.zip_parts import rewrite

GUIYANG = [("南明区", "贵州甲电商有限公司", "企业", "民企", 1200, 800, 85),
           ("云岩区", "贵州乙电商有限公司", "团队", "国企", 600, 300, 80)]


def _picture_in(path, ref: str, saved: str = "wps"):
    """``ref`` of the first sheet holding WPS's picture, as WPS writes the cell; as Excel then saves it (``saved``
    "excel": the error value #NAME? with the formula kept), or a program that computes nothing ("none": openpyxl, as
    a city's refresh saves its summary: the formula without its result)."""
    formula = '_xlfn.DISPIMG("ID_6F2A4B9C8D7E4F0A",1)'
    new = {"wps": _cell_xml(ref, formula, '=DISPIMG("ID_6F2A4B9C8D7E4F0A",1)'),
           "excel": _cell_xml(ref, formula, "#NAME?", "e"),
           "none": f'<c r="{ref}"><f>{formula}</f><v></v></c>'.encode()}[saved]
    pattern = re.compile(rb'<c r="' + ref.encode() + rb'"(?: [^>]*)?(?:/>|>.*?</c>)', re.S)

    def edit(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            data, n = pattern.subn(new, data)
            assert n == 1
        return data

    rewrite(path, path, edit, extra={"xl/cellimages.xml": CELL_IMAGES})
    return path


@pytest.mark.parametrize("saved", ["wps", "excel", "none"])
def test_a_picture_for_a_company_name_is_said_as_a_picture_not_merged_as_a_name(tmp_path, capsys, saved):
    """The province table had a project named “=DISPIMG("ID_…",1)”, counted in the total, exit 0, nothing said:
    the row is no name the province can match or publish. It is listed as a row not counted, said to be a picture,
    and the merge exits 1 (the total is incomplete). Saved by Excel (#NAME?) or by a refresh (no result) it was said
    as a name left blank."""
    city = _picture_in(official(tmp_path / "贵阳市汇总表.xlsx", "贵阳市项目汇总表", "贵阳市", GUIYANG), "D4", saved)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 1
    shown = capsys.readouterr()
    said = shown.out + shown.err
    assert "贵阳市汇总表.xlsx（第4行）" in said and f"企业名称一格{PICTURE_SAID}，没有文字" in said, said
    assert "DISPIMG" not in said and "不完整" in said
    assert [r["企业名称"] for r in province_rows(province)] == ["贵州甲电商有限公司"]
    listed = " ".join(str(v) for r in load_workbook(province)["统计"].iter_rows(values_only=True) for v in r if v)
    assert "贵阳市汇总表.xlsx（第4行）" in listed and "图片" in listed and "DISPIMG" not in listed


def _names_in_books(round_dir) -> set[str]:
    names = set()
    for book in round_dir.glob("专家评分表-*.xlsx"):
        ws = load_workbook(book)["评分表"]
        names |= {r[1] for r in ws.iter_rows(min_row=5, values_only=True) if r[1]}
    return names


def test_review_make_leaves_out_a_picture_or_a_blank_name_and_says_so(tmp_path, capsys):
    """The province table, the province's staff having pasted a screenshot over one project's name and cleared
    another's: ``review make`` gave the experts a project named “=DISPIMG("ID_…",1)” and left the blank-named one
    out without a word (exit 0, “评审项目 3 个”). Both are left out of the round, counted and said."""
    city = official(tmp_path / "贵阳市汇总表.xlsx", "贵阳市项目汇总表", "贵阳市",
                    [*GUIYANG, ("花溪区", "贵州丙电商有限公司", "企业", "民企", 900, 500, 82)])
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    wb = load_workbook(province)
    ws = wb.active
    rows = {ws.cell(r, 4).value: r for r in range(1, ws.max_row + 1)}
    ws.cell(rows["贵州丙电商有限公司"], 4).value = None
    wb.save(province)
    _picture_in(province, f"D{rows['贵州甲电商有限公司']}")
    capsys.readouterr()
    assert main(["review", "make", str(tmp_path / "round"), "--from", str(province), "--experts", "甲,乙,丙"]) == 0
    said = capsys.readouterr().out
    assert "评审项目 1 个" in said and "企业名称是嵌入单元格的图片（没有文字） 1 个" in said, said
    assert "有金额等数据但没有企业名称 1 个" in said and "2 行项目没有文字的企业名称" in said, said
    assert _names_in_books(tmp_path / "round") == {"贵州乙电商有限公司"}


def test_review_make_from_a_hand_typed_summary_says_its_row_without_a_name(tmp_path, capsys):
    """A hand-typed 附件4 with a project row whose 企业名称 the clerk left blank: the reading by its header skips
    the row (merge lists it as not counted), and ``review make --from`` it said nothing of it. It says the row."""
    city = official(tmp_path / "贵阳市汇总表.xlsx", "贵阳市项目汇总表", "贵阳市",
                    [GUIYANG[0], ("云岩区", None, "团队", "国企", 600, 300, 80)])
    assert main(["review", "make", str(tmp_path / "round"), "--from", str(city), "--experts", "甲,乙,丙"]) == 0
    said = capsys.readouterr().out
    assert "评审项目 1 个" in said
    assert "有金额等数据但没有企业名称 1 个" in said and "1 行项目（第4行）没有文字的企业名称" in said, said


def test_a_picture_for_an_amount_is_said_as_a_picture_not_as_a_formula_to_resave(tmp_path, capsys):
    """A picture in 年度交易额 was said as “=DISPIMG(…)” “是公式，文件中没有保存计算结果”, asking the city to open and save
    the file in Excel/WPS — which gives no figure — and the province cell showed “=DISPIMG(…)”. It is said as a
    picture, the city asked for the figure, and the cell shows a picture was there; the total is loudly short."""
    city = _picture_in(official(tmp_path / "贵阳市汇总表.xlsx", "贵阳市项目汇总表", "贵阳市", GUIYANG), "K4")
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 1
    said = capsys.readouterr().out
    assert "年度交易额合计 1200 万元（不完整）" in said, said
    row = next(r for r in province_rows(province) if r["企业名称"] == "贵州乙电商有限公司")
    assert row["年度交易额（万元）"] == "（单元格内嵌图片）", row
    assert "年度交易额（万元）是嵌入单元格的图片" in row["问题"] and "直接填写数值" in row["问题"], row["问题"]
    assert "DISPIMG" not in row["问题"] and "保存后重新报送" not in row["问题"], row["问题"]


def test_review_collect_says_the_rows_without_a_name_no_expert_scored(tmp_path, capsys):
    """The round made from a table with a project whose name is a picture: ``collect`` read the table again and said
    nothing of it (exit 0, “项目 1 个”) — a project of the table never reviewed. It says so."""
    city = _picture_in(official(tmp_path / "贵阳市汇总表.xlsx", "贵阳市项目汇总表", "贵阳市", GUIYANG), "D4")
    round_dir = tmp_path / "round"
    assert main(["review", "make", str(round_dir), "--from", str(city), "--experts", "甲,乙,丙"]) == 0
    for book in round_dir.glob("专家评分表-*.xlsx"):
        wb = load_workbook(book)
        ws = wb["评分表"]
        for r in range(5, ws.max_row + 1):
            if ws.cell(r, 1).value and isinstance(ws.cell(r, 10).value, (int, float)):
                ws.cell(r, 13).value = ws.cell(r, 10).value
        wb.save(book)
    capsys.readouterr()
    assert main(["review", "collect", str(round_dir), "--out", str(tmp_path / "结果.xlsx")]) == 0
    said = capsys.readouterr().out
    assert "项目 1 个" in said and "1 行项目没有文字的企业名称" in said and "未经评审" in said, said
