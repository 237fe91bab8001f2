"""The panel of a provincial round as the clerk types it: names padded to line up (“张  三”), written in pinyin
(“Li Ming”), and the same names again in ``--expert-cities``. Real summary (``refresh`` of the example
applications plus rows typed by hand), the real CLI and the workbooks it writes.
"""
from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook

from shibai_xl.adapters.xlsx.reader import open_workbook, read_table
from shibai_xl.adapters.xlsx.review_read import Tampered
from shibai_xl.engine.parse.text import normalize
from shibai_xl.faces.cli import main
from shibai_xl.jobs import review

from .test_review import (
    BASE_ZY,
    ENT_ITEMS,
    ENT_LPS,
    ENT_SZ,
    ENT_TR,
    NOW,
    PARK_BJ,
    PARK_GY,
    TEAM_AS,
    build_summary,
    results,
    sheet_values,
    type_scores,
)
from .test_review_returned_books import _as_issued, _returned, issued  # noqa: F401 (the fixture)
from .test_summaries_real_world import PRINTED


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    return build_summary(tmp_path_factory.mktemp("panel") / "汇总")


def _recused(book) -> set[str]:
    ws = load_workbook(book)["评分表"]
    cols = {ws.cell(4, c).value: c for c in range(1, ws.max_column + 1)}
    return {ws.cell(r, cols["项目名称"]).value for r in range(5, ws.max_row + 1)
            if ws.cell(r, cols["回避"]).value == "回避"}


@pytest.mark.parametrize("name", ["张 三", "Li Ming"])
def test_an_expert_whose_name_holds_a_space_is_given_his_city_as_typed_in_the_list(summary, tmp_path, capsys, name):
    """--experts takes “张 三” (a two-character name padded to line up with three-character ones) and “Li Ming” as one
    expert each and writes 专家评分表-张 三.xlsx; the same name typed in --expert-cities was cut at its space and
    refused (专家所属市（州）“张”格式不对, exit 2): a panel the tool itself accepted could not be given its cities."""
    rdir = tmp_path / "评审"
    code = main(["review", "make", str(rdir), "--from", str(summary), "--experts", f"{name},李四",
                 "--expert-cities", f"{name}=贵阳市 李四=遵义市", "--round", "2024-05"])
    assert code == 0, capsys.readouterr()
    assert PARK_GY in _recused(rdir / f"专家评分表-{name}.xlsx")
    assert PARK_GY not in _recused(rdir / "专家评分表-李四.xlsx")


def test_a_type_of_more_than_99_projects_lists_equal_scores_in_the_order_of_their_numbers(tmp_path):
    """A province-wide round of 105 企业 (the notice's “千”家企业 come in by the hundred) numbers them 企业01 … 企业105.
    Equal scores are listed “按项目编号排列”, as the result says; the list went 企业10, 企业100, 企业101, …, 企业105,
    企业11 — the numbers compared as text — so the tie order printed in the 拟认定名单 was neither the numbers' nor the
    summary's. The numbers are compared as numbers."""
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "遵义市2024年电子商务“十百千万”工程示范项目汇总表"
    ws.append([*PRINTED, "前置条件"])
    for i in range(1, 106):
        ws.append([i, "遵义市", "播州区", f"遵义第{i}号电子商务有限公司", "某路", "企业", "民企", "主要业绩" * 40, "张三",
                   "13800000000", 1000, 300, 80, "达标"])
    wb.save(tmp_path / "附件4.xlsx")
    rdir = tmp_path / "评审"
    review.make(rdir, tmp_path / "附件4.xlsx", ["甲"], round_id="2024-05", now=NOW)
    book = rdir / "专家评分表-甲.xlsx"
    wb = load_workbook(book)
    ws = wb["评分表"]
    for r in range(5, ws.max_row + 1):    # full marks on every item: 105 projects tied at 100
        if ws.cell(r, 10).value is not None and ws.cell(r, 1).value:
            ws.cell(r, 13).value = ws.cell(r, 10).value
    wb.save(book)
    collected = review.collect(rdir, tmp_path / "评审结果.xlsx", now=NOW)
    listed = [row[1] for row in sheet_values(tmp_path / "评审结果.xlsx", "评审结果") if str(row[1]).startswith("企业")]
    assert listed == [f"企业{i:02d}" for i in range(1, 106)]
    shortlist = [row[3] for row in sheet_values(tmp_path / "评审结果.xlsx", "拟认定名单")
                 if str(row[3]).startswith("遵义第")]
    assert shortlist == [f"遵义第{i}号电子商务有限公司" for i in range(1, 106)]
    assert "企业99第1名、企业100第1名" in collected.describe()


def test_one_name_typed_twice_in_other_letter_case_is_refused_as_a_repeated_expert(summary, tmp_path, capsys):
    """“Zhang Wei,zhang wei” was taken as two experts and two workbooks, 专家评分表-Zhang Wei.xlsx and
    专家评分表-zhang wei.xlsx: one file on Windows (file names ignore letter case there), so the second replaced the
    first while the 评审安排 listed both experts. The same name in another case is the repeated name it is."""
    rdir = tmp_path / "评审"
    code = main(["review", "make", str(rdir), "--from", str(summary), "--experts", "Zhang Wei,李四,zhang wei",
                 "--round", "2024-05"])
    out = capsys.readouterr()
    assert code == 2
    assert "专家“zhang wei”与“Zhang Wei”重复" in out.err + out.out
    assert not rdir.exists() or not list(rdir.iterdir())


def test_a_project_the_experts_left_blank_is_not_called_invalid_at_the_top_of_the_result(summary, tmp_path):
    """Both experts left 铜仁's 企业 unscored (the pages skipped in the printout). The rows said “专家甲未对本项目评分”,
    but the reason at the top of the 评审结果 and 拟认定名单 sheets was “有专家的评分无效未计入”: the clerk looked for
    an invalid score nobody had typed. The reason names what leaves a score out: a blank as well as an invalid one."""
    rdir = tmp_path / "评审"
    review.make(rdir, summary, ["甲", "乙"], round_id="2024-05", now=NOW)
    for e in "甲乙":
        type_scores(rdir / f"专家评分表-{e}.xlsx", {name: {} for name in (PARK_GY, PARK_BJ, BASE_ZY, ENT_SZ, ENT_LPS,
                                                                           TEAM_AS)}
                    | {ENT_TR: dict.fromkeys(ENT_ITEMS)})
    assert main(["review", "collect", str(rdir), "--out", str(tmp_path / "结果.xlsx")]) == 1
    wb = load_workbook(tmp_path / "结果.xlsx")
    for sheet in ("评审结果", "拟认定名单"):
        top = wb[sheet]["A2"].value
        assert "漏评" in top and "无效未计入" not in top, top


@pytest.mark.parametrize("typed", ["8..5", "8.5.", "1.2.3", "5+"])
def test_a_score_typed_with_a_stray_dot_or_plus_is_called_no_number_not_an_invisible_space(summary, tmp_path, typed):
    """An expert's slip of the finger, “8..5” for 8.5: collect said the cell “含有看不见的特殊空格（从网页或 Word
    复制来的不换行空格等）” — there is none, and the expert looked for one. It is said to be no number, as “约8” is; the
    score is not counted either way."""
    rdir = tmp_path / "评审"
    review.make(rdir, summary, ["甲", "乙"], round_id="2024-05", now=NOW)
    everything = {name: {} for name in (PARK_GY, PARK_BJ, BASE_ZY, ENT_SZ, ENT_LPS, ENT_TR, TEAM_AS)}
    type_scores(rdir / "专家评分表-甲.xlsx", everything | {ENT_SZ: {"1.1.1": typed}})
    type_scores(rdir / "专家评分表-乙.xlsx", everything)
    out = tmp_path / "结果.xlsx"
    assert main(["review", "collect", str(rdir), "--out", str(out)]) == 1
    said = results(out)[ENT_SZ]["问题"]
    assert f"“{typed}”不是数字" in said and "特殊空格" not in said, said


def _draft_column(header: str, at: int = 13):
    """丙 inserted a column headed ``header`` at ``at`` (13: left of 专家评分, 15: right of it) and typed a first
    draft of 0 on every item there; his 专家评分 column is as he finished it."""
    def edit(wb):
        ws = wb["评分表"]
        ws.insert_cols(at)
        ws.cell(4, at).value = header
        for r in range(5, ws.max_row + 1):
            if ws.cell(r, 1).value and ws.cell(r, 10 if at > 10 else 11).value is not None:
                ws.cell(r, at).value = 0
    return edit


@pytest.mark.parametrize("header, at", [("专家评分（初评分）", 13), ("专家评分（修改前得分）", 15), ("专家评分（分）", 13)])
def test_a_column_of_his_own_headed_like_the_score_column_does_not_take_its_place(issued, tmp_path, header, at):  # noqa: F811
    """丙 kept his first draft in a column of his own inserted left of 专家评分 and headed “专家评分（初评分）”: the
    header reads as 专家评分 once its “（…分）” unit is taken off (as “专家评分（分）” retyped in place is), the first such
    column was taken for the scores, and 丙's draft of zeros was counted for every project — while his 小计 sheet
    showed the totals of the column issued, and nothing was said. The column headed as issued is the score column;
    his own is one of his columns, its cells listed with his remarks."""
    _as_issued(_returned(issued, tmp_path, "丙", _draft_column(header, at)), issued, "丙")
    wb = open_workbook(tmp_path / "评审结果.xlsx")
    try:
        _, remarks, _ = read_table(wb, "sb_review_remarks")
    finally:
        wb.close()
    typed = [r["备注"] for r in remarks if r["专家"] == "丙"]
    assert f"{normalize(header)}：0" in typed, typed[:3]


def test_two_columns_headed_as_the_score_column_are_refused_naming_both(issued, tmp_path):  # noqa: F811
    """丙 copied his 专家评分 column beside it (both headed “专家评分”) and changed some scores in one of them: which
    column he means cannot be told; the first was taken silently. The book is refused, naming the two columns."""
    with pytest.raises(Tampered, match="有2列都是“专家评分”（M列“专家评分”、N列“专家评分”）"):
        _returned(issued, tmp_path, "丙", _draft_column("专家评分", 14))


@pytest.mark.parametrize("said", ["否", "无", "不回避", "无需回避"])
def test_a_no_typed_in_the_recusal_column_of_a_project_scored_is_no_recusal(issued, tmp_path, said):  # noqa: F811
    """丙 filled every column as one fills a form: “否” (or “无”, “不回避”) in the 回避 column of each project he scores.
    collect took every such row for a recusal he typed beside his scores (“回避应为空，现为“否”（专家自行填写了回避…）”)
    and counted none of his scores — the round incomplete for a “no” — and his 小计 sheet said 回避与评分都填了. A
    “no” in the 回避 column is no recusal: the same figures as the round untouched, and his 小计 says nothing of it."""
    def no_recusal(wb):
        ws = wb["评分表"]
        for r in range(5, ws.max_row + 1):
            if ws.cell(r, 1).value and ws.cell(r, 10).value is not None and ws.cell(r, 6).value is None:
                ws.cell(r, 6).value = said

    _as_issued(_returned(issued, tmp_path, "丙", no_recusal), issued, "丙", "问题")


def test_a_no_typed_in_the_recusal_column_is_no_recusal_on_the_subtotal_sheet_either(summary, tmp_path):
    """The same “否” in the 回避 column, the book recalculated as the expert's spreadsheet does (LibreOffice): his
    小计 said “回避与评分都填了：需回避的请删去评分…” for every project; it says 已评完, as collect reads it."""
    from tests.libreoffice import need_soffice

    from .test_review import recalculated_totals

    need_soffice()
    rdir = tmp_path / "轮"
    review.make(rdir, summary, ["甲", "戊"], round_id="2024-05", now=NOW)
    book = rdir / "专家评分表-戊.xlsx"
    type_scores(book, {n: {} for n in (PARK_GY, PARK_BJ, BASE_ZY, ENT_SZ, ENT_LPS, ENT_TR, TEAM_AS)})
    wb = load_workbook(book)
    ws = wb["评分表"]
    for r in range(5, ws.max_row + 1):
        if ws.cell(r, 1).value and ws.cell(r, 10).value is not None:
            ws.cell(r, 6).value = "否"
    wb.save(book)
    got = recalculated_totals(book, tmp_path)
    assert {got[n]["状态"] for n in (PARK_GY, ENT_SZ, TEAM_AS)} == {"已评完"}, got[ENT_SZ]


@pytest.mark.parametrize("typed", ["", " "])
def test_an_empty_expert_cities_option_is_refused_as_an_empty_path_is(summary, tmp_path, capsys, typed):
    """A script's “--expert-cities "%CITIES%"” with the variable never set: the books were made with no 回避 at all and
    exit 0 — the experts scored their own cities' projects, and nobody was told. An empty --round or --experts is
    refused (exit 2); so is an empty --expert-cities, saying to leave the option out when nobody recuses."""
    rdir = tmp_path / "评审"
    with pytest.raises(SystemExit) as stopped:     # a usage error, as argparse ends it
        main(["review", "make", str(rdir), "--from", str(summary), "--experts", "甲,乙", "--expert-cities", typed,
              "--round", "2024-05"])
    assert stopped.value.code == 2
    assert "--expert-cities" in capsys.readouterr().err
    assert not rdir.exists()


def test_the_cities_typed_into_the_expert_list_are_refused_saying_where_they_go(summary, tmp_path, capsys):
    """The clerk pasted “甲=贵阳市,乙=遵义市” into --experts (the line meant for --expert-cities): two experts named
    “甲=贵阳市” and “乙=遵义市” got their books (专家评分表-甲=贵阳市.xlsx), with no 回避 — the names printed on every
    book and result, the recusal lost, exit 0. A name with “=” is the cities' option typed in the wrong place."""
    rdir = tmp_path / "评审"
    code = main(["review", "make", str(rdir), "--from", str(summary), "--experts", "甲=贵阳市,乙＝遵义市",
                 "--round", "2024-05"])
    out = capsys.readouterr()
    assert code == 2
    assert "--expert-cities" in out.err + out.out
    assert not rdir.exists() or not list(rdir.iterdir())
