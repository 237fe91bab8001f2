"""A name both sides corrected, each its own way: 贵阳市 typed 贵阳甲电子商务有线公司 without a code; the province fixed
it to …有限公司 in its 全省汇总表 (and wrote its 市州评分); the city, fixing it too, re-sent …贵阳市甲…有限公司. The
province's row is the city's project: kept with the province's name and score, said, never withdrawn and added again
(QA, qa71b). Real city summaries (openpyxl, as a clerk types the official 附件4), the real ``shibai merge``."""
from __future__ import annotations

from shibai_xl.faces.cli import main
from tests.test_merge_city_renamed_row import TYPO, _guiyang, _rows
from tests.test_merge_province_renamed_row import _renamed

PROVINCE = "贵阳甲电子商务有限公司"     # as the province corrected it
CITY = "贵阳市甲电子商务有限公司"       # as the city corrected it
HERE = ("南明区", "南明区花果园1号", "张三", "0851-1")   # the company's county, address, contact, as first sent


def _both_renamed(tmp_path, city_name: str, who: tuple) -> tuple:
    city = _guiyang(tmp_path)
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(city)]) == 0
    _renamed(out, {TYPO: PROVINCE}, 市州评分=88)
    _guiyang(tmp_path, middle=city_name, who={city_name: who})
    return city, out


def test_a_name_both_corrected_differently_keeps_the_provinces_row(tmp_path, capsys):
    """The province's row (市州评分 88) was marked 已撤回 (“本次汇总表中已没有这一行”) and the city's spelling added at
    the end: the project twice in the table, the province's work on a withdrawn row. Now the row stays, its name
    and score the province's, its figures the city's, both names said on the terminal and in 问题."""
    city, out = _both_renamed(tmp_path, CITY, HERE)
    capsys.readouterr()
    assert main(["merge", str(out), str(city)]) == 0
    said = capsys.readouterr().out.replace("\n", "")
    rows = _rows(out)
    assert [(r["企业名称"], r["状态"]) for r in rows] == [
        ("贵阳乙公司", "有效"), (PROVINCE, "有效"), ("贵阳丙电子商务有限公司", "有效")], rows
    assert rows[1]["市州评分"] == 88 and rows[1]["年度交易额（万元）"] == 2000, rows[1]
    assert f"企业名称全省表为“{PROVINCE}”，市（州）汇总表为“{CITY}”" in rows[1]["问题"], rows[1]["问题"]
    assert "已撤回" not in said and TYPO in said and CITY in said and "认作同一项目" in said, said
    assert "全省汇总表有效项目 3 项，年度交易额合计 6000 万元" in said, said
    assert main(["merge", str(out), str(city)]) == 0   # again as it is: the same rows
    assert [(r["企业名称"], r["状态"], r["_row"]) for r in _rows(out)] == [
        (r["企业名称"], r["状态"], r["_row"]) for r in rows]


def test_another_company_in_the_citys_row_is_not_taken_for_the_provinces(tmp_path, capsys):
    """The city put 贵阳乙电子商务有线公司 (one character replaced: another company, its own county and contact) where
    the typo was: not the province's corrected row — that row is withdrawn and the new company added, as before."""
    other = "贵阳乙电子商务有线公司"
    city, out = _both_renamed(tmp_path, other, ("白云区", "白云区白云大道9号", "孙七", "0851-9"))
    assert main(["merge", str(out), str(city)]) == 0
    got = {r["企业名称"]: r["状态"] for r in _rows(out)}
    assert got[PROVINCE] == "已撤回" and got[other] == "有效", got
    assert "认作同一项目" not in capsys.readouterr().out
