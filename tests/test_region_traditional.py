"""所属市（州）/县（区） typed in traditional characters (Hong Kong and Taiwan input methods, old documents copied:
"黔東南州", "凱里市", "貴陽市", "遵義市") are the simplified names in check, refresh, merge and review recusal. QA qa62a."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from shibai_xl.jobs import review
from tests.conftest import example
from tests.test_merge_city_by_title_or_file import _rows
from tests.test_region_as_typed import _check_json, _refreshed, _region_codes, _summary
from tests.test_review import ENT_TR, NOW, build_summary
from tests.test_review_recusal import _with_city


@pytest.mark.parametrize("city_typed, county_typed, city, county", [
    ("黔東南州", "凱里市", "黔东南州", "凯里市"), ("貴陽市", "南明區", "贵阳市", "南明区"),
    ("遵義市", "匯川區", "遵义市", "汇川区"), ("貴陽市南明區", ..., "贵阳市", "南明区"),
    ("黔南州", "都勻市", "黔南州", "都匀市"), ("六盤水市", "鍾山區", "六盘水市", "钟山区")])
def test_traditional_city_and_county_are_the_simplified_names(make_workbook, tmp_path, capsys, city_typed,
                                                               county_typed, city, county):
    """"黔東南州" was FIELD_CHOICE (its ten names listed), and the summary took the 市（州） of the credit code."""
    values = example("enterprise", sb_city=city_typed, sb_county=county_typed)
    path = make_workbook("enterprise", values, name="apps/企业.xlsx")
    assert _region_codes(_check_json(path, capsys)) == []
    row, = _refreshed(tmp_path, path, city_typed)
    assert (row["市（州）"], row["县区"]) == (city, county), row
    assert "XC_SUMMARY_MISMATCH" not in (row["问题"] or "") and "FIELD_" not in (row["问题"] or ""), row


def test_merge_reads_a_city_column_in_traditional_characters(tmp_path, capsys):
    """A city's 附件4 with 市（州） "黔東南州" / "凱里市": the merge said they were no 市（州）."""
    src = _summary(tmp_path / "黔東南州汇总表.xlsx", [("黔東南州", "凱里市", "某甲电商有限公司"),
                                                     ("凱里市", None, "某乙电商有限公司")])
    capsys.readouterr()
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(src)]) == 0
    said = capsys.readouterr().out
    assert "不是市（州）" not in said and "XC_SUMMARY_MISMATCH" not in said, said
    got = {r["企业名称"]: (r["市（州）"], r["县区"], r["报送市州"]) for r in _rows(tmp_path / "全省.xlsx")}
    assert got == {"某甲电商有限公司": ("黔东南州", "凯里市", "黔东南州"),
                   "某乙电商有限公司": ("黔东南州", "凯里市", "黔东南州")}, got


def test_an_expert_of_a_city_written_in_traditional_characters_recuses(tmp_path):
    """The project's 市（州） "銅仁市" and the expert's "甲=銅仁市": make could not tell whether 甲 must recuse."""
    src = _with_city(build_summary(tmp_path / "汇总"), ENT_TR, "銅仁市", tmp_path / "汇总表.xlsx")
    report = review.make(tmp_path / "轮", src, ["甲", "乙"], expert_cities="甲=銅仁市", round_id="2024-05", now=NOW)
    assert "无法判断" not in report.describe()
    book = load_workbook(tmp_path / "轮" / "专家评分表-甲.xlsx")
    seen = [v for ws in book.worksheets for row in ws.iter_rows(values_only=True) if ENT_TR in row for v in row]
    assert "回避" in seen, seen[:20]
