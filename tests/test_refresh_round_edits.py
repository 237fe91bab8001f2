"""A city clerk's refreshes over a round, with the summary edited by people between them: what the terminal says
of the summary must hold at every refresh, also one that finds nothing new to write."""
from __future__ import annotations

from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from tests.acceptance.helpers import sha
from tests.test_refresh import by_name
from tests.test_refresh_clerk_edits import (  # noqa: F401
    ENTERPRISE,
    PARK,
    _delete_phone,
    _edit,
    apps,
    insert_table_column,
)
from tests.test_refresh_rounds import RETAIL, TRADE, _may, _paste_row


def test_an_official_column_out_of_place_is_said_again_by_a_refresh_with_nothing_new(tmp_path, apps, capsys):  # noqa: F811
    """A clerk deleted 电话; the refresh added it back at the end and said how to move it. The next morning the
    clerk refreshes again before printing: nothing new to write, and the terminal said not a word of the column —
    as if it were back in place (the module promises: at each refresh, till it is put right)."""
    summary = tmp_path / "s.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    _edit(summary, _delete_phone)
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    capsys.readouterr()
    before = sha(summary)
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    out = capsys.readouterr().out
    assert sha(summary) == before and "文件未改写" in out
    assert "“电话”应是第10列（“联系人”之后）" in out and "插入剪切的单元格" in out, out
    assert "本次已加回" not in out, out        # what the earlier refresh did is not said as done again


def test_a_total_short_of_amounts_typed_as_text_is_said_again_by_a_refresh_with_nothing_new(tmp_path, make_workbook,
                                                                                             capsys):
    """The 合计 =SUM leaves out the “8,000” a clerk pasted: said at the refresh that found it, then a refresh with
    nothing new said nothing, though the printed 合计 is still short."""
    folder, summary, header = _may(tmp_path, make_workbook, 2, {TRADE: "=SUM({K}4:{K}{last})",
                                                              RETAIL: "=SUM({L}4:{L}{last})"})
    pasted = _paste_row(summary, header, "示范企业", "8,000", "1200万元")
    assert main(["refresh", str(summary), "--from", str(folder), "--batch", "2024-05"]) == 0
    capsys.readouterr()
    before = sha(summary)
    assert main(["refresh", str(summary), "--from", str(folder), "--batch", "2024-05"]) == 0
    out = capsys.readouterr().out
    assert sha(summary) == before and "文件未改写" in out
    assert f"第{pasted}行“8,000”" in out and "以文本形式填写" in out, out
    wb = load_workbook(summary)
    wb["项目汇总表"].cell(pasted, header[TRADE]).value = 8000
    wb["项目汇总表"].cell(pasted, header[RETAIL]).value = 1200
    wb.save(summary)
    assert main(["refresh", str(summary), "--from", str(folder), "--batch", "2024-05"]) == 0
    assert main(["refresh", str(summary), "--from", str(folder), "--batch", "2024-05"]) == 0
    assert "以文本形式填写" not in capsys.readouterr().out      # put right: no longer said


def _insert_column(at_right_of: str, title: str, hidden: bool = False):
    """A clerk's Excel edit: a column inserted right of ``at_right_of`` inside the table, titled ``title``."""
    from openpyxl.utils import get_column_letter

    def edit(ws, table, header, row_of):
        at = header[at_right_of] + 1
        insert_table_column(ws, table, at, title)
        ws.column_dimensions[get_column_letter(at)].hidden = hidden
    return edit


def test_a_column_inserted_among_the_official_ones_is_said_at_every_refresh(tmp_path, apps, capsys):  # noqa: F811
    """CONTRACT §3: the first 13 columns are the 附件4 header. A clerk inserts “审核意见” right of 企业名称: the printed
    附件4 had 审核意见 where 企业地址 belongs, and the refresh said nothing (a moved or deleted column is said). Now
    said, at each refresh till the column is moved behind 市州评分; the clerk's column and text are kept."""
    summary = tmp_path / "s.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    _edit(summary, _insert_column("企业名称", "审核意见"))
    capsys.readouterr()
    for _ in range(2):      # the refresh that reads the change, and the one that finds nothing new
        assert main(["refresh", str(summary), "--from", str(apps)]) == 0
        out = capsys.readouterr().out
        assert "“审核意见”列（E列）插在了附件4的“企业名称”和“企业地址”之间" in out, out
        assert "请放在“市州评分”之后" in out and "插入剪切的单元格" in out, out
    assert [c.value for c in load_workbook(summary)["项目汇总表"][3]][4] == "审核意见"


def test_a_column_added_after_the_official_ones_or_hidden_among_them_is_not_said(tmp_path, apps, capsys):  # noqa: F811
    """Behind 市州评分 a clerk's column is where 附件4 leaves room; a hidden column is not printed."""
    summary = tmp_path / "s.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    _edit(summary, _insert_column("市州评分", "审核意见"))
    _edit(summary, _insert_column("企业名称", "旧地址", hidden=True))
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    out = capsys.readouterr().out
    assert "插在了附件4" not in out and "附件4要求" not in out, out


def test_a_score_and_an_amount_typed_as_formulas_are_said_by_the_merge_not_dropped(tmp_path, apps, capsys):  # noqa: F811
    """The clerk types the park's 市州评分 as =MEDIAN(W4:Y4) (the middle of three reviewers' scores typed beside) and
    the enterprise's 交易额 as =1000+INT(W5); the refresh saves the summary (openpyxl keeps the formulas, not their
    results: one the small grammar computes — =AVERAGE(W4:Y4), =1000+W5 — is saved with its result,
    test_summary_formula_results) and the clerk sends it on. The
    province's merge read both as blank: the province table lost the score, the 交易额 total was short and said
    complete, exit 0. Now each is said on its row, and the total is marked incomplete (exit 1)."""
    summary = tmp_path / "贵阳市汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0

    typed = {}

    def formulas(ws, table, header, row_of):
        typed["score"] = f"=MEDIAN(W{row_of[PARK]}:Y{row_of[PARK]})"
        typed["trade"] = f"=1000+INT(W{row_of[ENTERPRISE]})"
        ws.cell(row_of[PARK], header["市州评分"]).value = typed["score"]
        ws.cell(row_of[ENTERPRISE], header[TRADE]).value = typed["trade"]
        for c, score in zip("WXY", (90, 80, 85)):
            ws[f"{c}{row_of[PARK]}"] = score
        ws[f"W{row_of[ENTERPRISE]}"] = 500
    _edit(summary, formulas)
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0     # a refresh that saves: the clerk is told
    said = capsys.readouterr().out
    assert f"市州评分（{typed['score']}）" in said and "是公式：本工具保存汇总表时只保存公式、不保存计算结果" in said, said
    assert "打开汇总表保存一次" in said
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(summary)]) == 1
    out = capsys.readouterr().out
    assert "不完整" in out and f"{ENTERPRISE}（{TRADE}）" in out, out
    got = by_name(province)
    assert f"市州评分“{typed['score']}”是公式，文件中没有保存计算结果，未计入平均分" in got[PARK]["问题"], got[PARK]
    assert f"{TRADE}“{typed['trade']}”是公式，文件中没有保存计算结果" in got[ENTERPRISE]["问题"], got[ENTERPRISE]
