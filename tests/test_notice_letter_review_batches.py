"""通知三、(二)(三): cities report "在 5 月、8 月、12 月前", the province reviews in May, August and December — a
批次 between those months is the next round's. A clerk refreshing in June typed ``--batch 2024-06`` (the month
of the report): the refresh took it, and no review round ever listed the project — ``review make --round 2024-08``
left it out as “属于其他批次” and said it had been reviewed in its own round, the May round left it out as a later
batch. A month between the review months is the next round's: the August round lists a June 批次."""
import pytest
from openpyxl import load_workbook

from shibai_xl.faces.cli import main


@pytest.mark.parametrize("typed, recorded, meant", [("2024-06", "2024-06", "2024-08"), ("6月", "2024-06", "2024-08"),
                                                    ("2024年7月", "2024-07", "2024-08"), ("2024-04", "2024-04", "2024-05"),
                                                    ("2024.9", "2024-09", "2024-12")])
def test_a_batch_between_the_review_months_goes_to_the_next_round(make_workbook, tmp_path, capsys, typed, recorded,
                                                                  meant):
    """``--batch 2024-06`` (the month of the report) is taken as typed, and the round after it lists the project."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    make_workbook("enterprise", name="申报表/企业.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", typed]) == 0
    rows = [[c.value for c in r] for r in load_workbook(summary).worksheets[0].iter_rows()]
    head = next(r for r in rows if "批次" in r)
    assert [r[head.index("批次")] for r in rows[rows.index(head) + 1:] if r[head.index("企业名称")]] == [recorded]
    capsys.readouterr()
    assert main(["review", "make", str(tmp_path / "轮"), "--from", str(summary), "--experts", "甲,乙",
                 "--round", meant]) == 0
    out = capsys.readouterr().out
    assert "评审项目 1 个" in out and "属于其他批次" not in out, out


def test_a_review_month_is_still_taken_and_listed_in_its_round(make_workbook, tmp_path, capsys):
    apps = tmp_path / "申报表"
    apps.mkdir()
    make_workbook("enterprise", name="申报表/企业.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "第二批"]) == 0
    rows = [[c.value for c in r] for r in load_workbook(summary).worksheets[0].iter_rows()]
    head = next(r for r in rows if "批次" in r)
    assert [r[head.index("批次")] for r in rows[rows.index(head) + 1:] if r[head.index("企业名称")]] == ["2024-08"]


def test_a_batch_typed_between_the_review_months_in_the_summary_is_reviewed_in_the_next_round(make_workbook, tmp_path,
                                                                                               capsys):
    """The same month typed by hand into the summary's 批次 (a clerk's “2024-06” for a project reported in June): the
    August round left it out as “属于其他批次”, the May round as a later batch — it is the August round's."""
    summary = _summary_retyped_june(tmp_path, make_workbook, lambda kind: kind == "企业")
    capsys.readouterr()
    assert main(["review", "make", str(tmp_path / "八月"), "--from", str(summary), "--experts", "甲,乙",
                 "--round", "2024-08"]) == 0
    out = capsys.readouterr().out
    assert "评审项目 2 个" in out and "属于其他批次" not in out, out
    assert "本轮只列入批次为“2024-08”（即批次2024-06、2024-08：评审月份之间的月份属于其后的一轮）" in out, out
    assert main(["review", "make", str(tmp_path / "五月"), "--from", str(summary), "--experts", "甲,乙",
                 "--round", "2024-05"]) == 2


def test_a_city_project_of_june_merged_after_august_ones_is_not_said_to_miss_its_round(tmp_path, capsys):
    """A city's table whose new project has 批次 “2024-06”, merged into a province table already holding 2024-08: the
    merge said it came too late for its round (“批次却早于全省表中最新的批次 2024-08”) although the August round is
    its round, and lists it."""
    from tests.test_merge_review_rounds import city, listed

    province = tmp_path / "全省.xlsx"
    guiyang = city(tmp_path / "贵阳市汇总表.xlsx", "贵阳市", [("花溪区", "贵阳甲电商有限公司", "企业", 1500, "2024-08", "达标")])
    assert main(["merge", str(province), str(guiyang)]) == 0
    zunyi = city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("汇川区", "遵义乙电商有限公司", "企业", 2000, "2024-06", "达标")])
    capsys.readouterr()
    assert main(["merge", str(province), str(zunyi)]) == 0
    assert "早于全省表中最新的批次" not in capsys.readouterr().out
    assert main(["review", "make", str(tmp_path / "r"), "--from", str(province), "--experts", "甲,乙",
                 "--round", "2024-08"]) == 0
    assert listed(tmp_path / "r") == ["贵阳甲电商有限公司", "遵义乙电商有限公司"]


def test_a_summary_whose_only_batch_is_june_is_one_round(make_workbook, tmp_path, capsys):
    """Every 批次 of the summary “2024-06”: ``review make`` without --round takes
    that batch as its round and lists every project, with no note that no project is of the round."""
    summary = _summary_retyped_june(tmp_path, make_workbook, lambda kind: True)
    capsys.readouterr()
    for extra in ([], ["--round", "2024-06"], ["--round", "2024-08"]):
        rdir = tmp_path / f"r{len(extra)}{extra[-1] if extra else ''}"
        assert main(["review", "make", str(rdir), "--from", str(summary), "--experts", "甲,乙", *extra]) == 0
        out = capsys.readouterr().out
        assert "评审项目 2 个" in out and "没有批次为" not in out, (extra, out)


def test_an_application_filled_after_its_batchs_review_month_is_said(make_workbook, tmp_path, capsys):
    """May's ``--batch 2024-05`` run again from the shell's history in September, on a new summary: the application
    filled on 2024-09-10 went into the May batch without a word — the May round was past before it was filled, and
    the December round leaves it out as “属于其他批次”. The refresh says it, naming the project, its 填表时间 and the
    round it belongs to; one filled in May is not named."""
    from datetime import date

    from tests.conftest import example

    apps = tmp_path / "申报表"
    apps.mkdir()
    make_workbook("team", example("team", sb_fill_date=date(2024, 5, 20)), name="申报表/团队.xlsx")
    make_workbook("enterprise", example("enterprise", sb_name="贵州九月电子商务有限公司", sb_fill_date=date(2024, 9, 10),
                                        sb_period_start="2023年9月", sb_period_end="2024年8月"),
                  name="申报表/企业.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    out = capsys.readouterr().out
    said = [line for line in out.splitlines() if "晚于批次" in line]
    assert len(said) == 1 and "贵州九月电子商务有限公司（填表时间2024年09月10日，属于 2024-12 的评审）" in said[0], out
    assert "2024-12" in said[0] and "“批次”列" in said[0], said


def _summary_retyped_june(tmp_path, make_workbook, which):
    """A summary refreshed with --batch 2024-08 (an enterprise and a team) whose 批次 a clerk retyped “2024-06” on the
    rows ``which(项目类型)`` picks."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    make_workbook("enterprise", name="申报表/企业.xlsx")
    make_workbook("team", name="申报表/团队.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-08"]) == 0
    wb = load_workbook(summary)
    ws = wb.worksheets[0]
    head = next(r for r in ws.iter_rows() if "批次" in [c.value for c in r])
    col = {c.value: c.column for c in head}
    for r in range(head[0].row + 1, ws.max_row + 1):
        if ws.cell(r, col["企业名称"]).value and which(ws.cell(r, col["项目类型"]).value):
            ws.cell(r, col["批次"]).value = "2024-06"
    wb.save(summary)
    return summary
