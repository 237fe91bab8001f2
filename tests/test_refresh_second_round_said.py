"""A city clerk's second refresh of a real folder, after typing 市州评分 on the first: the terminal names what the
folder changed under the rows — a file taken out (the row marked 已撤回), an application sent again with other
figures (the row updated under the clerk's score) — not only how many rows."""
from __future__ import annotations

import shutil

import pytest
from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from tests.conftest import example
from tests.test_refresh import by_name

ENTERPRISE, TEAM = example("enterprise")["sb_name"], example("team")["sb_name"]


@pytest.fixture
def round_one(tmp_path, make_workbook, capsys):
    """Four applications refreshed into the summary; the clerk then types 市州评分 85 for the team."""
    folder = tmp_path / "申报表"
    folder.mkdir()
    for t in ("park", "base", "enterprise", "team"):
        shutil.move(make_workbook(t), folder / f"{t}.xlsx")
    summary = tmp_path / "遵义市汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(folder), "--batch", "2024-08"]) == 0
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    header = {c.value: c.column for c in ws[3] if c.value}
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, header["企业名称"]).value == TEAM)
    ws.cell(row, header["市州评分"]).value = 85
    wb.save(summary)
    capsys.readouterr()
    return folder, summary


def test_a_file_taken_out_of_the_folder_is_named_where_its_row_is_marked_withdrawn(round_one, capsys):
    """The clerk took the enterprise's file out of the folder: the refresh marked its row 已撤回 and said only
    “标记已撤回 1 行” — which project, the clerk had to find in the table. It names the project and its file."""
    folder, summary = round_one
    (folder / "enterprise.xlsx").unlink()
    assert main(["refresh", str(summary), "--from", str(folder), "--batch", "2024-08"]) == 0
    out = capsys.readouterr().out
    assert "标记已撤回 1 行" in out, out
    line = next((x for x in out.splitlines() if "enterprise.xlsx" in x), "")
    assert ENTERPRISE in line and "已撤回" in line and "不在文件夹中" in line, out
    assert by_name(summary)[ENTERPRISE]["状态"] == "已撤回"
    assert main(["refresh", str(summary), "--from", str(folder), "--batch", "2024-08"]) == 0
    assert "enterprise.xlsx" not in capsys.readouterr().out    # said once, when it happened


def test_figures_an_application_changed_under_a_typed_score_are_said(round_one, capsys):
    """The team sent its form again with a corrected 年度直播销售额 (800 → 950 万元) under the same file name, after the
    clerk had scored the row 85 on the old figure: the refresh said “更新 1 行” and nothing of what changed. It says
    the project, the figure before and after, and that the score typed on the row was given before the change."""
    folder, summary = round_one
    path = folder / "team.xlsx"
    wb = load_workbook(path)
    (sheet, ref), = list(wb.defined_names["sb_live_sales"].destinations)
    old = wb[sheet][ref.replace("$", "")].value
    wb[sheet][ref.replace("$", "")].value = old + 150
    wb.save(path)
    assert main(["refresh", str(summary), "--from", str(folder), "--batch", "2024-08"]) == 0
    out = capsys.readouterr().out
    line = next((x for x in out.splitlines() if f"{old}→{old + 150}" in x), "")
    assert TEAM.split("（")[0] in line and "年度交易额（万元）" in line and "team.xlsx" in line, out
    assert "市州评分85" in line and "复核" in line, out
    assert by_name(summary)[TEAM]["市州评分"] == 85 and by_name(summary)[TEAM]["年度交易额（万元）"] == old + 150
    assert main(["refresh", str(summary), "--from", str(folder), "--batch", "2024-08"]) == 0
    assert "→" not in capsys.readouterr().out     # said once, when it happened


def test_rows_made_valid_again_are_named(round_one, capsys):
    """The clerk put a file taken out back into the folder, and took the strike-through off a project's name she had
    struck: both rows became 有效 again, counted, while the terminal said only “更新 2 行”. It names them."""
    folder, summary = round_one
    kept = folder.parent / "enterprise.xlsx"
    shutil.move(folder / "enterprise.xlsx", kept)
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    header = {c.value: c.column for c in ws[3] if c.value}
    name = next(ws.cell(r, header["企业名称"]) for r in range(4, ws.max_row + 1)
                if ws.cell(r, header["企业名称"]).value == TEAM)
    name.font = name.font.copy(strike=True)
    wb.save(summary)
    assert main(["refresh", str(summary), "--from", str(folder), "--batch", "2024-08"]) == 0
    assert {by_name(summary)[n]["状态"] for n in (ENTERPRISE, TEAM)} == {"已撤回"}
    capsys.readouterr()

    shutil.move(kept, folder / "enterprise.xlsx")
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    name = next(ws.cell(r, header["企业名称"]) for r in range(4, ws.max_row + 1)
                if ws.cell(r, header["企业名称"]).value == TEAM)
    name.font = name.font.copy(strike=False)
    wb.save(summary)
    assert main(["refresh", str(summary), "--from", str(folder), "--batch", "2024-08"]) == 0
    out = capsys.readouterr().out
    line = next((x for x in out.splitlines() if "恢复为“有效”" in x), "")
    assert ENTERPRISE in line and TEAM.split("（")[0] in line, out
    assert {by_name(summary)[n]["状态"] for n in (ENTERPRISE, TEAM)} == {"有效"}
    assert main(["refresh", str(summary), "--from", str(folder), "--batch", "2024-08"]) == 0
    assert "恢复为“有效”" not in capsys.readouterr().out     # said once, when it happened


def test_a_verdict_an_application_changed_under_a_typed_score_is_said(round_one, capsys):
    """The team's form came back with 信用记录良好 answered 否: its 前置条件 went from 达标 to 不达标 under the 85
    the clerk had typed, and the refresh said “更新 1 行” — the 附件4 figures being the same, not a word. It says the
    verdict changed, before and after, and asks to look at the score again."""
    folder, summary = round_one
    path = folder / "team.xlsx"
    wb = load_workbook(path)
    (sheet, ref), = list(wb.defined_names["sb_credit_ok"].destinations)
    wb[sheet][ref.replace("$", "")].value = "否"
    wb.save(path)
    assert main(["refresh", str(summary), "--from", str(folder), "--batch", "2024-08"]) == 0
    out = capsys.readouterr().out
    line = next((x for x in out.splitlines() if "前置条件达标→不达标" in x), "")
    assert TEAM.split("（")[0] in line and "市州评分85" in line and "复核" in line, out
    assert by_name(summary)[TEAM]["前置条件"] == "不达标"


def test_a_project_typed_by_hand_whose_application_arrives_is_said_to_follow_it(round_one, tmp_path, make_workbook,
                                                                                   capsys):
    """The clerk typed a project sent only on paper under the table (its figures from the paper). Then its form came
    by e-mail and went into the folder: the refresh took the typed row for it — right, its 市州评分 kept — but said
    only “更新 1 行 … 不一致 2 处”: that the typed row now follows an application, and which, the clerk could not tell
    from the terminal. It names the row and the file."""
    folder, summary = round_one
    form = make_workbook("enterprise", name="纸质.xlsx")
    wb = load_workbook(form)
    names = {n: list(wb.defined_names[n].destinations)[0] for n in ("sb_name", "sb_uscc", "sb_trade_total")}
    wb[names["sb_name"][0]][names["sb_name"][1].replace("$", "")].value = "遵义桐梓方竹笋电子商务有限公司"
    wb[names["sb_uscc"][0]][names["sb_uscc"][1].replace("$", "")].value = None
    wb[names["sb_trade_total"][0]][names["sb_trade_total"][1].replace("$", "")].value = 1300
    wb.save(form)
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    table = ws.tables["sb_summary"]
    header = {c.value: c.column for c in ws[3] if c.value}
    row = int(table.ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) + 1
    for column, value in {"市（州）": "遵义市", "县区": "桐梓县", "企业名称": "遵义桐梓方竹笋电子商务有限公司",
                          "项目类型": "企业", "企业性质": "民企", "年度交易额（万元）": 1200, "市州评分": 75}.items():
        ws.cell(row, header[column]).value = value
    table.ref = table.ref.rstrip("0123456789") + str(row)
    wb.save(summary)
    assert main(["refresh", str(summary), "--from", str(folder), "--batch", "2024-08"]) == 0
    capsys.readouterr()

    shutil.move(form, folder / "纸质.xlsx")
    assert main(["refresh", str(summary), "--from", str(folder), "--batch", "2024-08"]) == 0
    out = capsys.readouterr().out
    assert "新增 0 行" in out, out
    line = next((x for x in out.splitlines() if f"第{row}行" in x), "")
    assert "遵义桐梓方竹笋电子商务有限公司" in line and "纸质.xlsx" in line and "手工填写" in line, out
    got = by_name(summary)["遵义桐梓方竹笋电子商务有限公司"]
    assert (got["市州评分"], got["年度交易额（万元）"], got["来源文件"]) == (75, 1200, "纸质.xlsx")
    assert "XC_SUMMARY_MISMATCH" in got["问题"]
    assert main(["refresh", str(summary), "--from", str(folder), "--batch", "2024-08"]) == 0
    assert f"第{row}行" not in capsys.readouterr().out     # said once, when it happened


def test_a_damaged_summary_points_to_the_backup_the_last_refresh_left(round_one, capsys):
    """The summary came back from a USB stick pulled too early, cut short: the refresh refused it (exit 2, right) and
    said only “请重新获取原文件” — often there is none to get, it is the bureau's own table; the .bak beside it, the
    summary before the last refresh, is where the clerk starts again. The refusal says so, and what to type again."""
    folder, summary = round_one
    (folder / "enterprise.xlsx").unlink()
    assert main(["refresh", str(summary), "--from", str(folder), "--batch", "2024-08"]) == 0   # leaves a .bak
    summary.write_bytes(summary.read_bytes()[:5000])
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(folder), "--batch", "2024-08"]) == 2
    err = capsys.readouterr().err
    assert "备份“遵义市汇总表.xlsx.bak”" in err and "市州评分" in err, err
    assert summary.read_bytes()[:4] == b"PK\x03\x04" and len(summary.read_bytes()) == 5000     # left as it was


def test_applications_put_in_a_subfolder_named_withdrawn_are_said_to_count_still(round_one, capsys):
    """The enterprise withdrew; the clerk made a subfolder “已撤回” in the folder and moved its form there, as she
    keeps paper. The refresh reads every subfolder: the project stayed 有效 and counted, 来源文件 “已撤回/…” the only
    trace. It says the forms in such a subfolder are summarised all the same and how to withdraw them — at every
    refresh, also one with nothing new."""
    folder, summary = round_one
    (folder / "已撤回").mkdir()
    shutil.move(folder / "enterprise.xlsx", folder / "已撤回" / "enterprise.xlsx")
    for _ in range(2):
        assert main(["refresh", str(summary), "--from", str(folder), "--batch", "2024-08"]) == 0
        out = capsys.readouterr().out
        line = next((x for x in out.splitlines() if "已撤回/enterprise.xlsx" in x), "")
        assert "照常汇总" in line and "移出" in line, out
    assert by_name(summary)[ENTERPRISE]["状态"] == "有效"


def test_a_change_under_a_value_the_clerk_typed_over_is_not_said_as_updated(round_one, capsys):
    """The clerk had corrected the team's 联系人 in the summary (she phoned: 李四). The team then sent its form again,
    联系人 changed to 赵六 and the amount corrected: the summary keeps her 李四 (a mismatch in 问题), so the line of
    rows updated from their forms says the amount, not a 联系人 it did not write."""
    folder, summary = round_one
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    header = {c.value: c.column for c in ws[3] if c.value}
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, header["企业名称"]).value == TEAM)
    ws.cell(row, header["联系人"]).value = "李四"
    wb.save(summary)
    path = folder / "team.xlsx"
    wb = load_workbook(path)
    for name, value in (("sb_contact", "赵六"), ("sb_live_sales", 990)):
        (sheet, ref), = list(wb.defined_names[name].destinations)
        wb[sheet][ref.replace("$", "")].value = value
    wb.save(path)
    assert main(["refresh", str(summary), "--from", str(folder), "--batch", "2024-08"]) == 0
    out = capsys.readouterr().out
    line = next((x for x in out.splitlines() if "→990" in x), "")
    assert TEAM.split("（")[0] in line and "联系人" not in line, out
    assert by_name(summary)[TEAM]["联系人"] == "李四"
