"""One application sent more than once into a county's or city's folder: which version ``check FOLDER``,
``check FOLDER --json`` and ``refresh`` take, that they agree, and that nothing is counted twice."""
from __future__ import annotations

import os
import time
from datetime import date

from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from tests.conftest import example
from tests.test_refresh import rows
from tests.zip_parts import saved_at


def refreshed_one(tmp_path, apps, capsys) -> tuple[dict, str, object]:
    """``shibai refresh`` of the folder of one application's versions into a new summary: (its one row, what the
    terminal said, the summary's path)."""
    summary = tmp_path / "汇总表.xlsx"
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    said = capsys.readouterr().out
    (row,) = rows(summary)
    return row, said, summary


def test_a_form_whose_code_is_filled_in_later_updates_its_row(tmp_path, make_workbook, capsys):
    """The applicant sent the form without its 统一社会信用代码, then filled it in (and corrected the 交易额) in the
    same file. The row the first refresh made was found by name, but what the tool had written there was looked up
    under the code only: the corrected 交易额 was taken for a clerk's edit — kept at the old figure and flagged
    XC_SUMMARY_MISMATCH, 汇总表与申报表不一致 1 处. What the tool wrote in a row follows the row."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    make_workbook("enterprise", example("enterprise", sb_uscc=...)).rename(apps / "申报表.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    (apps / "申报表.xlsx").unlink()
    make_workbook("enterprise", example("enterprise", sb_trade_total=3000)).rename(apps / "申报表.xlsx")
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    said = capsys.readouterr().out
    assert "新增 0 行，更新 1 行" in said and "不一致 0 处" in said, said
    (row,) = rows(summary)
    assert row["年度交易额（万元）"] == 3000 and "XC_SUMMARY_MISMATCH" not in (row["问题"] or ""), row
    assert row["统一社会信用代码"] == example("enterprise")["sb_uscc"]
    # a clerk's edit of that row is still a clerk's edit at the next refresh
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    col = [c.value for c in ws[3]].index("年度交易额（万元）") + 1
    ws.cell(row["_row"], col).value = 2999
    wb.save(summary)
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    (row,) = rows(summary)
    assert row["年度交易额（万元）"] == 2999 and "XC_SUMMARY_MISMATCH" in row["问题"], row


def test_a_version_sent_without_its_code_is_not_said_to_be_a_row_deleted_by_hand(tmp_path, make_workbook, capsys):
    """申报表.xlsx came without its code and was summarised; then 申报表(修改版).xlsx with the code. The corrected form
    took over the row (found by name), and the first one's row was added back with "汇总表中手工删除的 1 行项目已重新
    加入" — a row nobody deleted. Two forms of one company and type, one without a code, are two versions of one
    application: one row, from the later form (a version without a code joins the one coded application of its
    type and name); none is said to be a row deleted by hand, and when the clerk deletes the old form the row
    stays, no longer naming versions."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    make_workbook("enterprise", example("enterprise", sb_uscc=...)).rename(apps / "申报表.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    make_workbook("enterprise", example("enterprise", sb_trade_total=3000)).rename(apps / "申报表(修改版).xlsx")
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    said = capsys.readouterr().out
    assert "手工删除" not in said and "不一致 0 处" in said, said
    got = {r["来源文件"]: r for r in rows(summary)}
    assert list(got) == ["申报表(修改版).xlsx"], got           # one application in two versions: one row
    assert got["申报表(修改版).xlsx"]["年度交易额（万元）"] == 3000 and "2个版本" in got["申报表(修改版).xlsx"]["问题"]
    (apps / "申报表.xlsx").unlink()
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    assert "手工删除" not in capsys.readouterr().out
    got = {r["来源文件"]: r for r in rows(summary)}
    assert list(got) == ["申报表(修改版).xlsx"] and "版本" not in (got["申报表(修改版).xlsx"]["问题"] or "")
    assert got["申报表(修改版).xlsx"]["状态"] == "有效" and "XC_CROSS_APP" not in (got["申报表(修改版).xlsx"]["问题"] or "")


def _versions(apps, make_workbook, **changes) -> None:
    """申报表.xlsx and, saved a minute later, 申报表(修改版).xlsx with the corrected 交易额 and the same 填表时间."""
    make_workbook("enterprise", example("enterprise", **changes)).rename(apps / "申报表.xlsx")
    make_workbook("enterprise", example("enterprise", sb_trade_total=3000, **changes)).rename(apps / "申报表(修改版).xlsx")
    first = (apps / "申报表.xlsx").stat().st_mtime
    os.utime(apps / "申报表(修改版).xlsx", (first + 60, first + 60))


def test_refresh_says_on_the_terminal_which_version_it_took_and_why(tmp_path, make_workbook, capsys):
    """Two versions of one form with the same 填表时间: the refresh said "申报表 2 份……新增 1 行" and nothing else on
    the terminal, and the row's 问题 "采用“申报表(修改版).xlsx”（填表时间2024-04-15），未采用“申报表.xlsx”（填表时间
    2024-04-15）" gave no reason for the choice. The terminal names the versions and the one used, and both say why
    (the same 填表时间: the later modified file); a refresh with nothing new says it again."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    _versions(apps, make_workbook)
    summary = tmp_path / "汇总表.xlsx"
    for _ in range(2):
        capsys.readouterr()
        assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
        said = capsys.readouterr().out
        assert "2个版本：采用“申报表(修改版).xlsx”" in said and "未采用“申报表.xlsx”" in said, said
        assert "贵州山珍优品电子商务有限公司" in said and "修改时间较晚" in said, said
    (row,) = rows(summary)
    assert row["来源文件"] == "申报表(修改版).xlsx" and row["年度交易额（万元）"] == 3000
    assert "原因：填表时间相同" in row["问题"] and "修改时间较晚" in row["问题"], row["问题"]
    assert main(["check", str(apps)]) == 0
    assert "采用“申报表(修改版).xlsx”" in capsys.readouterr().out


def test_two_versions_with_one_fill_date_go_by_the_save_time_the_workbooks_record(tmp_path, make_workbook, capsys):
    """The applicant corrected the 交易额 without touching 填表时间 and mailed 申报表(修改版).xlsx; the clerk, going down
    the inbox newest first, downloaded it before the original. The files' dates said the original was later, and
    refresh and check took it: the uncorrected 2600 in the summary. As merge does for two summaries of one city, the
    save time each workbook records (Excel, WPS, LibreOffice write it; a download or copy does not change it)
    decides; when one of them has none, the files' dates, and the row and the terminal say which."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    _versions(apps, make_workbook)
    saved_at(apps / "申报表.xlsx", "2024-04-15T02:00:00Z")
    saved_at(apps / "申报表(修改版).xlsx", "2024-04-20T02:00:00Z")
    now = time.time()
    os.utime(apps / "申报表(修改版).xlsx", (now - 60, now - 60))    # downloaded first
    os.utime(apps / "申报表.xlsx", (now, now))
    row, said, summary = refreshed_one(tmp_path, apps, capsys)
    assert row["来源文件"] == "申报表(修改版).xlsx" and row["年度交易额（万元）"] == 3000, row
    assert "工作簿记录的保存时间较晚" in row["问题"] and "工作簿记录的保存时间较晚" in said, said
    assert main(["check", str(apps), "--json"]) == 0
    assert "采用“申报表(修改版).xlsx”" in capsys.readouterr().err
    # the original re-saved by a program that records no save time: the files' dates, said as such
    saved_at(apps / "申报表.xlsx", None)
    os.utime(apps / "申报表.xlsx", (now, now))
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    (row,) = rows(summary)
    assert row["来源文件"] == "申报表.xlsx" and "文件修改时间较晚" in row["问题"], row


def test_the_summarised_version_unreadable_this_time_keeps_its_row_from_the_older_one(tmp_path, make_workbook,
                                                                                     capsys):
    """申报表(修改版).xlsx was summarised (3000); then it was overwritten by a broken copy, the original still beside it.
    The original took over the row: 2600 again, 来源文件 申报表.xlsx, "更新 1 行", and nothing in the row said that the
    figures had gone back — while README promises that a row whose file is there but cannot be read keeps its last
    data ("本次无法读取，保留上次数据"). The row keeps the corrected figures and says so; the terminal names the
    older version that was not summarised; no second row."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    make_workbook("enterprise").rename(apps / "申报表.xlsx")
    make_workbook("enterprise", example("enterprise", sb_trade_total=3000, sb_fill_date=date(2024, 4, 28))
                  ).rename(apps / "申报表(修改版).xlsx")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    corrected = apps / "申报表(修改版).xlsx"
    corrected.write_bytes(corrected.read_bytes()[:5000])
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 1
    said = capsys.readouterr().out
    (row,) = rows(summary)
    assert row["来源文件"] == "申报表(修改版).xlsx" and row["年度交易额（万元）"] == 3000, row
    assert row["问题"].startswith("本次无法读取，保留上次数据"), row["问题"]
    assert "申报表.xlsx" in said and "保留上次数据" in said, said


def test_a_version_whose_code_had_the_letter_o_is_a_version_of_the_corrected_one(tmp_path, make_workbook, capsys):
    """The first form had its code typed with the letter O for the digit 0 (FIELD_USCC) and the company's short
    name; the corrected form, sent back, has the right code and the full name. The first form was keyed by its
    name and the second by its code: two rows, the company counted twice in the 统计. The code the first stands for
    is the second's, same type: two versions of one application, one row (the first form's, taken over), from the
    later form."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    code = example("enterprise")["sb_uscc"]
    make_workbook("enterprise", example("enterprise", sb_uscc=code.replace("0", "O"), sb_name="山珍优品电商公司")
                  ).rename(apps / "申报表.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0   # the first form alone
    make_workbook("enterprise", example("enterprise", sb_fill_date=date(2024, 4, 28))).rename(apps / "申报表(更正).xlsx")
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    said = capsys.readouterr().out
    # its row is taken over, not left 已撤回 as a form no longer in the folder (it is there)
    assert "新增 0 行，更新 1 行" in said and "标记已撤回 0 行" in said, said
    got = {r["来源文件"]: r for r in rows(summary)}
    assert list(got) == ["申报表(更正).xlsx"], got
    assert "2个版本" in got["申报表(更正).xlsx"]["问题"] and "XC_CROSS_APP" not in got["申报表(更正).xlsx"]["问题"]


def test_versions_under_two_names_say_both_names(tmp_path, make_workbook, capsys):
    """Two 示范直播团队 forms with one company's code (a team applies under its company's code) but two team names:
    one application in two versions by the rule (the same code and type), or two teams of one company — only the
    clerk can tell. The note named the files and 填表时间 only; the name of the version not taken is said too, in
    the 问题 column, the terminal and check FOLDER, so that two different teams are not taken for a correction."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    make_workbook("team", example("team", sb_name="黔味一号直播团队")).rename(apps / "一号.xlsx")
    make_workbook("team", example("team", sb_name="黔味二号直播团队", sb_fill_date=date(2024, 4, 28))
                  ).rename(apps / "二号.xlsx")
    capsys.readouterr()
    assert main(["check", str(apps), "--json"]) == 0
    said = [x for x in capsys.readouterr().err.splitlines() if x.startswith("重复申报：")]
    assert said and all("黔味一号直播团队" in x and "黔味二号直播团队" in x for x in said), said
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    out = capsys.readouterr().out
    (row,) = rows(summary)
    assert row["企业名称"] == "黔味二号直播团队" and "“黔味一号直播团队”" in row["问题"], row
    assert "“黔味一号直播团队”" in out, out


def test_a_downloaded_twice_original_is_said_to_copy_itself_not_the_corrected_version(tmp_path, make_workbook, capsys):
    """申报表.xlsx downloaded twice (申报表(1).xlsx, the same bytes) beside the corrected 申报表最终版.xlsx: the refresh
    took the final version and said "“申报表.xlsx”与它内容相同" — that the original had the final version's data (2600
    against 3000), so a clerk could think the correction made no difference. Each copy names the file it copies."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    make_workbook("enterprise").rename(apps / "申报表.xlsx")
    (apps / "申报表(1).xlsx").write_bytes((apps / "申报表.xlsx").read_bytes())
    make_workbook("enterprise", example("enterprise", sb_trade_total=3000)).rename(apps / "申报表最终版.xlsx")
    for name, saved in (("申报表.xlsx", "2024-04-15T02:00:00Z"), ("申报表(1).xlsx", "2024-04-15T02:00:00Z"),
                        ("申报表最终版.xlsx", "2024-04-20T02:00:00Z")):
        saved_at(apps / name, saved)
    row, said, _ = refreshed_one(tmp_path, apps, capsys)
    assert row["来源文件"] == "申报表最终版.xlsx" and row["年度交易额（万元）"] == 3000, row
    for text in (said, row["问题"]):
        assert "与它内容相同" not in text, text
        assert ("“申报表.xlsx”与“申报表(1).xlsx”内容相同" in text
                or "“申报表(1).xlsx”与“申报表.xlsx”内容相同" in text), text
