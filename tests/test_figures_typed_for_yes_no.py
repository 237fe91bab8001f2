"""A figure typed where 附件2 asks ☐是 ☐否 of a threshold ("粉丝数 100 万以上", "带宽不低于100Mbps"), as applicants on
pasted or hand-made forms (no drop-down) answer: "185万" in the 是/否 cell of 粉丝数100万以上. It is read against the
figure the question prints (the year file's ``remark_claims``), with a warning saying so; a figure for a question
printing none is refused with what to type. And the reverse: "是" typed where the form asks a figure."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from shibai_xl.rules import ENV, load
from tests.conftest import example
from tests.test_forms_as_filled import item, run_json
from tests.test_year_file import _swap, make_2025

BLANK = {"sb_fans": ..., "sb_agri_sales": ...}   # the 补充信息 figures left blank: the form's answer decides


def _on(j: dict, field: str) -> list[dict]:
    """The FIELD_CHOICE findings of the field (the JSON names no field: its label, as the message says it)."""
    label = load().fields[field].label
    return [f for f in j["findings"] if f["code"] == "FIELD_CHOICE" and label in f["message"]]


@pytest.mark.parametrize("typed,said", [("185万", "185万"), ("185", "按万计"), (185, "按万计"), ("185万人", "185万"),
                                        ("抖音120万、快手65万", "185万"), ("100万以上", "100万"),
                                        (1850000, "1850000即185万")])
def test_fans_typed_in_the_yes_no_cell_meeting_100万_earn_the_item(make_workbook, capsys, typed, said):
    """团队 item 5 "粉丝数 100 万以上 ☐是 ☐否" (附件5 团队 2.1.2, 15分) answered "185万": it earned 0 with
    FIELD_CHOICE "应填“是”或“否”" while "是，185万" earned 15; it is 是, said as read from the figure."""
    j = run_json(make_workbook("team", example("team", **BLANK, sb_fans_1m=typed)), capsys)
    assert item(j, "2.1.2")["auto"] == 15, item(j, "2.1.2")
    found = _on(j, "sb_fans_1m")
    assert len(found) == 1 and found[0]["severity"] == "warning", found
    assert found[0]["code"] == "FIELD_CHOICE" and "“是”" in found[0]["message"] and said in found[0]["message"], found
    assert "100万" in found[0]["message"], found


@pytest.mark.parametrize("typed", ["80万", "80", "近100万", 800000])
def test_fans_typed_below_100万_read_as_no(make_workbook, capsys, typed):
    """800000 bare is no 800000万 (80亿) fans: a bare number of 1万 or more is the count itself, 80万."""
    j = run_json(make_workbook("team", example("team", **BLANK, sb_fans_1m=typed)), capsys)
    assert item(j, "2.1.2")["auto"] == 0, item(j, "2.1.2")
    found = _on(j, "sb_fans_1m")
    assert len(found) == 1 and found[0]["severity"] == "warning" and "“否”" in found[0]["message"], found


@pytest.mark.parametrize("typed", ["80万以上", "185人"])
def test_a_figure_that_cannot_decide_the_question_is_refused_with_what_to_type(make_workbook, capsys, typed):
    """"80万以上" may be 100万 or not; "185人" has no 万 the question counts in: not read, and the message says to
    answer 是 or 否 against the question's figure."""
    j = run_json(make_workbook("team", example("team", **BLANK, sb_fans_1m=typed)), capsys)
    found = _on(j, "sb_fans_1m")
    assert len(found) == 1 and found[0]["severity"] == "error" and found[0]["code"] == "FIELD_CHOICE", found
    assert "100万" in found[0]["message"] and "填“是”" in found[0]["message"], found


@pytest.mark.parametrize("kind,field,typed,answer", [
    ("park", "sb_bandwidth_100m", "1000M", "是"), ("park", "sb_bandwidth_100m", "50", "否"),
    ("park", "sb_staff_50", "120人", "是"), ("team", "sb_agri_sales_50w", "30万元", "否"),
    ("team", "sb_anchors_5", "8人", "是"), ("enterprise", "sb_online_share_50", "60%", "是")])
def test_other_questions_printing_a_figure_read_the_figure_typed(make_workbook, capsys, kind, field, typed, answer):
    j = run_json(make_workbook(kind, example(kind, **{field: typed})), capsys)
    found = _on(j, field)
    assert found and all(f["severity"] == "warning" for f in found), found
    assert f"“{answer}”" in found[0]["message"], found


@pytest.mark.parametrize("kind,field,typed,words", [("park", "sb_has_platform", "3", "是否"),
                                                    ("park", "sb_talent_policy", "6次", "50人"),
                                                    ("team", "sb_experience_6m", "8", "6个月")])
def test_a_figure_for_a_question_it_cannot_answer_says_what_to_type(make_workbook, capsys, kind, field, typed, words):
    """有管理中台 prints no figure; 建立相关人才政策 prints two (5次, 50人), and one figure answers neither alone."""
    j = run_json(make_workbook(kind, example(kind, **{field: typed})), capsys)
    found = _on(j, field)
    assert len(found) == 1 and found[0]["severity"] == "error" and found[0]["code"] == "FIELD_CHOICE", found
    assert "填“是”" in found[0]["message"] and words in found[0]["message"], found


def test_the_summary_after_refresh_gives_the_same_score(make_workbook, tmp_path, capsys):
    apps = tmp_path / "申报表"
    apps.mkdir()
    make_workbook("team", example("team", **BLANK, sb_fans_1m="185万"), name="申报表/团队.xlsx")
    j = run_json(apps / "团队.xlsx", capsys)
    summary = tmp_path / "安顺市汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--city", "安顺市"]) == 0
    row = [c.value for c in load_workbook(summary).worksheets[0][4]]
    assert j["score"]["auto"] in row, (j["score"]["auto"], row)
    assert not any("应填“是”或“否”" in str(v) or "选项无效" in str(v) for v in row), row



def test_the_threshold_comes_from_the_year_file(make_workbook, tmp_path, monkeypatch, capsys):
    """A 2025 notice asking 粉丝数200万以上: the same "185万" reads 否 there (and 是 under 2024)."""
    path = make_2025(tmp_path / "规则")
    text = path.read_text("utf-8")
    text = _swap(text, 'value = 100, unit = "万", text = "粉丝数100万以上"', 'value = 200, unit = "万", text = "粉丝数200万以上"')
    path.write_text(text, "utf-8")
    monkeypatch.setenv(ENV, str(path))
    assert load().year == 2025
    j = run_json(make_workbook("team", example("team", **BLANK, sb_fans_1m="185万")), capsys)
    found = _on(j, "sb_fans_1m")
    assert len(found) == 1 and "“否”" in found[0]["message"] and "200万" in found[0]["message"], found
    monkeypatch.delenv(ENV)
    j = run_json(make_workbook("team", example("team", **BLANK, sb_fans_1m="185万")), capsys)
    assert "“是”" in _on(j, "sb_fans_1m")[0]["message"]


def test_the_excel_score_formula_reads_the_figure_as_check_does():
    """SB_SCORE (the Excel/WPS faces) runs the same engine: "185万" scores as "是（185万）", 80万 as "否"."""
    from shibai_xl.faces import udf_functions as U

    def score(answer):
        return U.score("team", [[k, v] for k, v in example("team", **BLANK, sb_fans_1m=answer).items()])

    assert score("185万") == score("是（185万）") == score("是") and score("80万") == score("否") < score("是")


@pytest.mark.parametrize("kind,field,typed", [("team", "sb_live_sales", "是"), ("park", "sb_live_rooms", "有"),
                                              ("park", "sb_trade_total", "√"), ("park", "sb_incubation_rate", "是"),
                                              ("park", "sb_crossborder_usd", "是")])
def test_a_yes_typed_where_the_form_asks_a_figure_says_the_figure_is_needed(make_workbook, capsys, kind, field, typed):
    """"是" in 年度直播销售额 or "有" in 有直播间____间 (附件2 asks the figure): it said "无法识别的金额或数量……不是数字";
    it says the figure is needed, in the finding and in the score's reason."""
    j = run_json(make_workbook(kind, example(kind, **{field: typed})), capsys)
    label = load().fields[field].label
    found = [f for f in j["findings"] if f["code"] == "FIELD_AMOUNT" and label in f["message"]]
    assert len(found) == 1 and found[0]["severity"] == "error", j["findings"]
    assert "应填写数字" in found[0]["message"], found
    assert not [f for f in j["findings"] if label in f["message"] and "无法识别" in f["message"]], j["findings"]
    for it in j["score"]["items"]:
        assert f"填写为“{typed}”，无法识别" not in it["reason"], it


@pytest.mark.parametrize("typed,answer", [("3个", "是"), ("2", "是"), ("与3家企业合作", "是")])
def test_a_count_of_brand_cases_answers_1个以上(make_workbook, capsys, typed, answer):
    """团队 item 6 prints its figure too, "有 1 个以上品牌及产业带合作案例" (附件5 团队 2.2.1 至少拥有1个及以上): "3个"
    was refused as a question printing no figure."""
    j = run_json(make_workbook("team", example("team", sb_brand_case=typed)), capsys)
    found = _on(j, "sb_brand_case")
    assert len(found) == 1 and found[0]["severity"] == "warning" and f"“{answer}”" in found[0]["message"], found
    assert "1个" in found[0]["message"], found


@pytest.mark.parametrize("typed,answer", [("20万", "是"), ("8万元", "否")])
def test_the_supplementary_credit_question_reads_its_10万(make_workbook, capsys, typed, answer):
    """补充信息 "为入驻企业提供供应链金融纯信用授信，授信额不低于10万" (附件5 园区 2.2.1) prints 10万 too: "20万" was
    refused as a question printing no figure."""
    j = run_json(make_workbook("park", example("park", sb_finance_credit=typed)), capsys)
    found = _on(j, "sb_finance_credit")
    assert len(found) == 1 and found[0]["severity"] == "warning" and f"“{answer}”" in found[0]["message"], found
    assert "10万元" in found[0]["message"], found


def test_a_no_to_the_credit_question_on_the_template_is_no_contradiction(make_workbook, capsys):
    """The template's own words beside the 补充信息 answer are no remark giving 10万."""
    j = run_json(make_workbook("park", example("park", sb_finance_credit="否")), capsys)
    assert not [f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT" and "授信" in f["message"]], j["findings"]


@pytest.mark.parametrize("kind,field,typed", [("park", "sb_trade_total", "是（3.5亿）"), ("park", "sb_live_rooms", "是，12间"),
                                              ("park", "sb_resident_count", "有12家"),
                                              ("team", "sb_live_sales", "是，780万元")])
def test_a_yes_followed_by_the_figure_reads_the_figure(make_workbook, capsys, kind, field, typed):
    """"是（3.5亿）" in 年度交易额, "有12家" in 已入驻电商企业: the figure asked is there, after the 是: read, with a
    warning, not refused as a 是/否 answer."""
    j = run_json(make_workbook(kind, example(kind, **{field: typed})), capsys)
    label = load().fields[field].label
    found = [f for f in j["findings"] if f["code"] == "FIELD_AMOUNT" and label in f["message"]]
    assert len(found) == 1 and found[0]["severity"] == "warning" and typed in found[0]["message"], found
    assert not [f for f in j["findings"] if f["code"] == "ELIG_MISSING" and label in f["message"]], j["findings"]


@pytest.mark.parametrize("typed,said", [("否 120万", "否"), ("是 80万", "是")])
def test_an_answer_and_its_figure_typed_with_a_space_keep_the_answer(make_workbook, capsys, typed, said):
    """"否 120万" answers 否 and gives 120万 as "否（120万）" does: the answer typed stands (it was replaced by what the
    figure says), and the figure contradicting it is said as FIELD_INCONSISTENT."""
    j = run_json(make_workbook("team", example("team", **BLANK, sb_fans_1m=typed)), capsys)
    assert not _on(j, "sb_fans_1m"), j["findings"]
    found = [f for f in j["findings"] if f["code"] == "FIELD_INCONSISTENT" and "粉丝" in f["message"]]
    assert len(found) == 1 and f"填写为“{typed}”" in found[0]["message"], j["findings"]
