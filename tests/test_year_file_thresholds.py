"""A 2025 notice that changes the numbers of 2024 (README “换成另一年的通知”): every text the tool shows follows the
year file, none keeps a 2024 figure in code.

The year file below is y2024.toml edited as a later notice might read: 园区 3亿→4亿, 团队 粉丝 100万→200万, 企业
成立 1→2 年, 运营情况 150→200 字, 跨境 50万→80万美元, 园区 员工 50→80 人, a rubric item's points and text, a
material renamed. (``tests/test_year_file.py`` covers choosing the file and the commands that follow it.)
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shibai_xl.engine.check import check
from shibai_xl.engine.summary import problem_parts, record_from_result
from shibai_xl.faces.cli import main
from shibai_xl.rules import ENV, load, load_file
from tests.conftest import ROOT, example_app, example_residents

YEAR_FILE = ROOT / "shibai_xl" / "rules" / "y2024.toml"


def _swap(text: str, old: str, new: str, every: bool = False) -> str:
    assert old in text, old
    return text.replace(old, new) if every else text.replace(old, new, 1)


def make_2025(folder: Path) -> Path:
    t = YEAR_FILE.read_text("utf-8")
    t = _swap(t, "year = 2024", "year = 2025")
    t = t.replace("2024年", "2025年").replace("2024 年", "2025 年")
    t = _swap(t, 'application_window = ["2024-04", "2024-12"]', 'application_window = ["2025-04", "2025-12"]')
    # 园区 3亿 → 4亿
    t = _swap(t, 'op = ">=", value = 30000, text = "园区入驻企业年度合计交易额在 3 亿元以上"',
              'op = ">=", value = 40000, text = "园区入驻企业年度合计交易额在 4 亿元以上"')
    t = _swap(t, "年度合计交易额在 3 亿元以上, 其中", "年度合计交易额在 4 亿元以上, 其中")
    t = _swap(t, "年度交易额≥3亿元", "年度交易额≥4亿元")
    # 团队 粉丝 100万 → 200万 (附件5 2.1.2 and the 附件2 item 5 question)
    t = _swap(t, '{ field = "sb_fans", op = ">=", value = 1000000 }', '{ field = "sb_fans", op = ">=", value = 2000000 }')
    t = _swap(t, 'value = 1000000, text = "粉丝数100万以上"', 'value = 2000000, text = "粉丝数200万以上"')
    t = _swap(t, 'value = 100, unit = "万", text = "粉丝数100万以上"', 'value = 200, unit = "万", text = "粉丝数200万以上"')
    t = _swap(t, 'label = "粉丝数100万以上"', 'label = "粉丝数200万以上"')
    t = _swap(t, "粉丝总数达100万以上", "粉丝总数达200万以上")
    t = _swap(t, 'printed = "粉丝数 100 万以上"', 'printed = "粉丝数 200 万以上"')
    # 企业 成立 1 → 2 年
    i, j = t.index("[types.enterprise]"), t.index("[types.team]")
    t = t[:i] + _swap(_swap(t[i:j], "min_years = 1", "min_years = 2"), "成立时间在 1 年以上", "成立时间在 2 年以上") + t[j:]
    # 运营情况 150 → 200 字
    t = _swap(t, "performance_min_chars = 150", "performance_min_chars = 200")
    t = _swap(t, "企业运营情况及主要业绩（不少于150字）", "企业运营情况及主要业绩（不少于200字）", every=True)
    # 跨境 50万 → 80万美元
    for op in (">", "<", "=="):
        t = _swap(t, f'op = "{op}", value = 500000', f'op = "{op}", value = 800000', every=True)
    t = t.replace("50万美金", "80万美金").replace("50万美元", "80万美元")
    # 园区 员工 50 → 80 人
    t = _swap(t, "staff_min = 50", "staff_min = 80")
    t = _swap(t, 'label = "入驻企业员工总数不低于50个"', 'label = "入驻企业员工总数不低于80个"')
    t = _swap(t, 'printed = "16. 入驻企业员工总数不低于 50 个"', 'printed = "16. 入驻企业员工总数不低于 80 个"')
    # 企业 线上交易比例 20% → 25% (附件5 2.1.1)
    t = _swap(t, '{ field = "sb_online_share", op = ">=", value = 20 }', '{ field = "sb_online_share", op = ">=", value = 25 }')
    # a rubric item's points and text; a material renamed
    t = _swap(t, 'text = "至少拥有1个及以上品牌/产业带合作案例。(15分)"\npoints = 15',
              'text = "至少拥有2个及以上品牌/产业带合作案例。(20分)"\npoints = 20')
    t = _swap(t, 'text = "落地在电商产业园内，对产业集聚有带动作用。(10分)"\npoints = 10',
              'text = "落地在电商产业园内，对产业集聚有带动作用。(5分)"\npoints = 5')
    t = _swap(t, 'label = "第三方年度电商交易额专项审计报告或县级以上商务部门书面证明"',
              'label = "会计师事务所出具的年度电商交易额专项审计报告"')
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "y2025.toml"
    path.write_text(t, "utf-8")
    return path


@pytest.fixture(scope="module")
def r2025(tmp_path_factory):
    return load_file(make_2025(tmp_path_factory.mktemp("规则")))


def _finding(result, code):
    return next(f for f in result.findings if f.code == code)


def test_the_short_performance_problem_names_the_year_files_minimum(r2025):
    """附件4's 问题 column (and the check's one-line summary) said “业绩不足150字” under any year's minimum."""
    text = "业" * 170
    now = check(example_app("enterprise", sb_performance=text), r2025)
    assert _finding(now, "FIELD_TEXT_SHORT").short == "业绩不足200字"
    assert "FIELD_TEXT_SHORT 业绩不足200字" in problem_parts(record_from_result(now, "企业.xlsx").problems)
    before = check(example_app("enterprise", sb_performance="业" * 120), load(2024))
    assert _finding(before, "FIELD_TEXT_SHORT").short == "业绩不足150字"          # 2024 unchanged


def _park_with_staff(total: int):
    rows = example_residents("park")
    for row in rows:
        row["从业人数"] = 0
    rows[0]["从业人数"] = total
    return example_app("park", residents=rows, sb_staff_50="是")


def test_the_staff_list_message_names_the_year_files_minimum(r2025):
    """XC_RESIDENT_STAFF said “员工总数不低于50” whatever staff_min the year file gives."""
    f = _finding(check(_park_with_staff(60), r2025), "XC_RESIDENT_STAFF")
    assert "不低于80" in f.message and "不足80人" in f.message and "50" not in f.message.split("：")[0]
    f = _finding(check(_park_with_staff(40), load(2024)), "XC_RESIDENT_STAFF")
    assert f.message.startswith("名单从业人数与“员工总数不低于50”的勾选不一致：")   # 2024 unchanged


def _texts(path: Path, sheet: str) -> list[str]:
    return [c for row in load_workbook(path)[sheet].iter_rows(values_only=True) for c in row if isinstance(c, str)]


@pytest.mark.parametrize("year", [2024, 2025])
def test_the_templates_print_the_year_files_figures(year, tmp_path, monkeypatch):
    """``shibai new`` printed 2024's figures in the 申报表's questions (粉丝数 100 万以上, 员工总数不低于 50 个) and in the
    补充信息 hints (不少于150字, 附件5按20%评分) under a year file that changed them."""
    if year == 2025:
        monkeypatch.setenv(ENV, str(make_2025(tmp_path / "规则")))
    else:
        monkeypatch.delenv(ENV, raising=False)
    made = {}
    for app_type in ("park", "enterprise", "team"):
        made[app_type] = tmp_path / f"{app_type}.xlsx"
        assert main(["new", app_type, "--out", str(made[app_type])]) == 0
    fans, staff, chars, share = {2024: (100, 50, 150, 20), 2025: (200, 80, 200, 25)}[year]
    assert f"粉丝数 {fans} 万以上" in _texts(made["team"], "申报表")
    assert f"16. 入驻企业员工总数不低于 {staff} 个" in _texts(made["park"], "申报表")
    assert f"不少于{chars}字，用于项目汇总表" in _texts(made["team"], "补充信息")
    assert f"例如 65%（附件5按{share}%评分）" in _texts(made["enterprise"], "补充信息")


@pytest.mark.parametrize("year", ["2024", "2031"])
def test_a_round_issued_under_another_years_rules_says_so(year, tmp_path, monkeypatch, capsys):
    """Expert workbooks made under 2024's rules and collected under 2025's were refused as “隐藏的评审信息与其指纹不符
    … 请重新生成评分表”, blaming the expert's file; their sb_year says which year's rules made them (a year the tool
    has no file for is only named, never loaded)."""
    from openpyxl.workbook.defined_name import DefinedName

    from shibai_xl.jobs import review
    from tests.test_review import NOW, build_summary, type_scores

    monkeypatch.delenv(ENV, raising=False)
    summary = build_summary(tmp_path / "汇总")
    rdir = tmp_path / "第一轮"
    review.make(rdir, summary, ["甲", "乙"], round_id="2024-05", now=NOW)
    for expert in "甲乙":
        type_scores(rdir / f"专家评分表-{expert}.xlsx", {})
        if year != "2024":
            book = rdir / f"专家评分表-{expert}.xlsx"
            wb = load_workbook(book)
            wb.defined_names["sb_year"] = DefinedName("sb_year", attr_text=f'"{year}"')
            wb.save(book)
    if year != "2024":
        (rdir / "评审安排.xlsx").unlink()     # the plan says 2024: the experts' workbooks alone say 2031
    monkeypatch.setenv(ENV, str(make_2025(tmp_path / "规则")))
    capsys.readouterr()
    assert main(["review", "collect", str(rdir), "--out", str(tmp_path / "结果.xlsx")]) == 2
    err = capsys.readouterr().err.replace("\n", "")
    assert f"按{year}年的规则生成" in err and "当前使用的是2025年的规则" in err and "SHIBAI_RULES" in err, err
    assert "Traceback" not in err and not (tmp_path / "结果.xlsx").exists()


def test_demo_runs_under_a_later_years_file(tmp_path, monkeypatch, capsys):
    """``shibai demo`` refreshed its summary with the batch “2024-05” written in code: under a 2025 file it stopped
    half-way with “--batch 的值“2024-05”无效”, an option the user never typed. Its batch is the year file's first
    review round."""
    from openpyxl import load_workbook as open_book

    monkeypatch.setenv(ENV, str(make_2025(tmp_path / "规则")))
    capsys.readouterr()
    assert main(["demo", "--out", str(tmp_path / "示例")]) == 0
    out = capsys.readouterr()
    assert "无效" not in out.err + out.out
    ws = next(w for w in open_book(tmp_path / "示例" / "项目汇总表.xlsx").worksheets if "sb_summary" in w.tables)
    header = [c.value for c in ws[3]]
    assert {ws.cell(r, header.index("批次") + 1).value for r in range(4, ws.max_row + 1)} == {"2025-05"}


def test_the_bonus_cap_notes_name_each_types_cap():
    """The review workbooks' notes said “开放创新加分合计不超过20分（仅园区、直播基地）” (the 小计 sheet, types written in
    code) and “不超过 {园区's cap} 分” (评审说明) whatever caps the year file gives each type."""
    from dataclasses import replace

    from shibai_xl.engine.review import bonus_caps

    r2024 = load(2024)
    assert bonus_caps(r2024) == "20分（仅园区、直播基地）"
    types = dict(r2024.types)
    types["base"] = replace(types["base"], bonus_cap=15)
    assert bonus_caps(replace(r2024, types=types)) == "园区20分、直播基地15分（企业、直播团队无加分）"
    types["enterprise"] = replace(types["enterprise"], bonus_cap=20)
    types["team"] = replace(types["team"], bonus_cap=20)
    types["base"] = replace(types["base"], bonus_cap=20)
    assert bonus_caps(replace(r2024, types=types)) == "20分"


def test_a_bad_round_name_is_answered_with_the_years_example(r2025):
    """A 评审轮次 that cannot be a name was answered “请写成例如 2024-05” under any year's rules."""
    from shibai_xl.errors import BadOption
    from shibai_xl.jobs.review_round import check_round_id

    with pytest.raises(BadOption, match="例如 2025-05"):
        check_round_id('第一轮"复评"', r2025)
    with pytest.raises(BadOption, match="例如 2024-05"):
        check_round_id('第一轮"复评"', load(2024))


def test_the_period_condition_names_the_year_files_months():
    """The 统计期 condition was labelled “统计期为连续12个月” (and its age warning “没有规定是哪12个月”) whatever
    period_months the year file gives, while it was checked against that figure."""
    from dataclasses import replace
    from datetime import date

    r2024 = load(2024)
    two_years = replace(r2024, common=replace(r2024.common, period_months=24))
    app = example_app("enterprise", sb_period_start=date(2021, 1, 1), sb_period_end=date(2022, 12, 1))
    result = check(app, two_years)
    period = next(c for c in result.eligibility.conditions if c.topic == "period")
    assert (period.label, period.status) == ("统计期为连续24个月", "达标")
    stale = [f.message for f in result.findings if f.code == "FIELD_PERIOD"]
    assert stale and all("哪24个月" in m for m in stale if "哪" in m), stale
    before = next(c for c in check(example_app("enterprise"), r2024).eligibility.conditions if c.topic == "period")
    assert before.label == "统计期为连续12个月"                                   # 2024 unchanged


def _park_asked_in_wan(folder: Path) -> Path:
    """The 2025 file with the park's 年度交易额 asked in 万元, as the other types' (附件2 prints 亿元 for 2024's)."""
    path = make_2025(folder)
    t = path.read_text("utf-8")
    t = _swap(t, 'unit = { park = "亿元", base = "万元", enterprise = "万元" }', 'unit = "万元"')
    t = _swap(t, "doubt_above = { park = 100, base = 1000000, enterprise = 1000000 }", "doubt_above = 1000000")
    t = _swap(t, "plausible_max = { park = 10000, base = 100000000, enterprise = 100000000 }", "plausible_max = 100000000")
    path.write_text(t, "utf-8")
    return path


def test_the_form_prints_the_year_files_unit_of_an_amount(tmp_path, monkeypatch, capsys):
    """``shibai new park`` printed 亿元 beside 年度交易额 (written in the form's layout) under a year file asking it in
    万元: the clerk's 45000 typed as the year file asks was then read as 45000亿元 (the printed unit beside it), past
    any applicant's figure."""
    monkeypatch.setenv(ENV, str(_park_asked_in_wan(tmp_path / "规则")))
    form = tmp_path / "园区.xlsx"
    assert main(["new", "park", "--out", str(form)]) == 0
    wb = load_workbook(form)
    ws = wb["申报表"]
    cell = ws[wb.defined_names["sb_trade_total"].attr_text.split("!")[1].replace("$", "")]
    assert ws.cell(cell.row, cell.column + 1).value == "万元"
    cell.value = 45000
    wb.save(form)
    capsys.readouterr()
    main(["check", str(form), "--json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert not [f["message"] for f in findings if f.get("field") == "sb_trade_total"]
    monkeypatch.delenv(ENV)
    assert main(["new", "park", "--out", str(tmp_path / "2024.xlsx")]) == 0       # 2024 unchanged
    assert "亿元" in _texts(tmp_path / "2024.xlsx", "申报表")


def test_a_park_row_is_not_doubted_as_yi_when_the_year_file_asks_wan(tmp_path):
    """Refresh and merge asked of every park row “园区交易额单位存疑：年度交易额45000万元不足1000000万元，像是按园区申报表的
    亿元填写” under a year file whose park form asks 年度交易额 in 万元: the 亿元 of 2024's form was assumed in code."""
    from shibai_xl.engine.summary_doubts import PARK_IN_YI, amounts_doubt

    wan = load_file(_park_asked_in_wan(tmp_path / "规则"))
    assert amounts_doubt("园区", 45000, 3000, wan) is None
    assert amounts_doubt("园区", 3.5, None, load(2024)).startswith(PARK_IN_YI)          # 2024 unchanged


def test_the_review_workbooks_carry_the_year_files_title(tmp_path, monkeypatch):
    """The 专家评分表, 评审安排 and 评审结果 were titled “贵州省{year}年电子商务“十百千万”工程示范项目…” from code: a notice
    naming the programme otherwise (the year file's ``title``, read but used nowhere) kept 2024's name."""
    from shibai_xl.jobs import review
    from tests.test_review import NOW, build_summary

    title = "贵州省2024年县域电子商务“十百千万”工程示范项目"
    path = tmp_path / "规则" / "y2024.toml"
    path.parent.mkdir()
    path.write_text(_swap(YEAR_FILE.read_text("utf-8"), 'title = "贵州省2024年电子商务', 'title = "贵州省2024年县域电子商务'),
                    "utf-8")
    monkeypatch.setenv(ENV, str(path))
    rdir = tmp_path / "第一轮"
    review.make(rdir, build_summary(tmp_path / "汇总"), ["甲", "乙"], round_id="2024-05", now=NOW)
    assert load_workbook(rdir / "专家评分表-甲.xlsx")["评分表"]["A1"].value == title + "专家评分表"
    assert load_workbook(rdir / "评审安排.xlsx").worksheets[0]["A1"].value == title + "省级评审安排"
    assert load_file(YEAR_FILE).titles.programme == "贵州省2024年电子商务“十百千万”工程示范项目"   # 2024 unchanged


def test_the_demo_writes_its_amounts_in_the_year_files_units(tmp_path, monkeypatch):
    """``shibai demo`` wrote the park's 年度交易额 as 3.5 (2024's form asks 亿元) into a form whose year file asks 万元:
    the bundled park read as 3.5万元 (far below any threshold). The examples' amounts are now written in the unit the
    year file asks: 35000万元, which this year file's 4亿元 still fails."""
    from shibai_xl.jobs.check_file import check_file
    from tests.filled_cache import example_files

    monkeypatch.setenv(ENV, str(_park_asked_in_wan(tmp_path / "规则")))
    park = next(p for p in example_files(tmp_path / "示例") if "园区" in p.name)
    result = check_file(park)
    trade = [f.message for f in result.findings if f.field == "sb_trade_total"]
    assert len(trade) == 1 and "年度交易额为35000万元，低于门槛40000万元" in trade[0], trade


def test_a_refused_batch_is_shown_a_month_the_year_file_accepts():
    """A --batch outside 一、申报时间 was answered “写成 2025-05、2025年5月 或 5月” whatever the year file's window and
    rounds: under a notice opening in June (rounds 7月、10月、12月) the very example was refused too."""
    from dataclasses import replace

    from shibai_xl.engine.batches import batch_option
    from shibai_xl.errors import BadOption

    r2024 = load(2024)
    june = replace(r2024, year=2025, review_months=(7, 10, 12),
                   common=replace(r2024.common, application_window=("2025-06", "2025-12"),
                                  application_window_text="2025年6月-12月"))
    with pytest.raises(BadOption, match="写成 2025-07、2025年7月 或 7月（省级评审在 7月、10月、12月）"):
        batch_option("2025-05", rules=june)
    assert batch_option("7月", rules=june) == "2025-07"
    with pytest.raises(BadOption, match="写成 2024-05、2024年5月 或 5月"):                 # 2024 unchanged
        batch_option("2024-13", rules=r2024)


def _prompts(path: Path) -> set[str]:
    return {dv.prompt for ws in load_workbook(path).worksheets for dv in ws.data_validations.dataValidation if dv.prompt}


@pytest.mark.parametrize("year", [2024, 2025])
def test_the_date_prompts_give_examples_of_the_year_files_year(year, tmp_path, monkeypatch):
    """The 填表时间 and 统计期 cells of ``shibai new`` prompted “例如 2024-04-15” and “例如 2023-04” under any year file: a
    clerk filling a 2025 form was shown a date outside its 一、申报时间."""
    if year == 2025:
        monkeypatch.setenv(ENV, str(make_2025(tmp_path / "规则")))
    else:
        monkeypatch.delenv(ENV, raising=False)
    assert main(["new", "team", "--out", str(tmp_path / "团队.xlsx")]) == 0
    prompts = _prompts(tmp_path / "团队.xlsx")
    assert f"请填写日期，例如 {year}-04-15" in prompts
    assert f"请填写年月，例如 {year - 1}-04 或 {year - 1}年4月" in prompts


@pytest.mark.parametrize("typed", ["去年春天", -3, 60])
def test_the_date_format_hint_names_the_year_file_s_dates(r2025, typed):
    """An unreadable 成立日期 was told “请按“2024年4月15日”或“2024-04-15”填写” under any year file: the example is the
    year file's year now (2024 unchanged)."""
    f = _finding(check(example_app("enterprise", sb_established=typed), r2025), "FIELD_DATE")
    assert "“2025年4月15日”或“2025-04-15”" in f.message and "2024" not in f.message, f.message
    f = _finding(check(example_app("enterprise", sb_established=typed), load(2024)), "FIELD_DATE")
    assert "“2024年4月15日”或“2024-04-15”" in f.message, f.message
