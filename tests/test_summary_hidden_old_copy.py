"""A city summary keeping last round's 附件4 on a hidden sheet beside the one sent.

Clerks copy the sheet ("项目汇总表 (2)", "5月") before changing it, hide the copy and print, stamp and send the
shown one. The merge read every sheet holding the 附件4 header: a project the city dropped stayed counted from the
hidden copy, and an amount corrected on the shown sheet met the old one there. As for an application (a hidden
“申报表（旧）” beside the shown one), the shown sheet is read; the hidden copy is said with its projects' count.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.summary_reader import read_summary
from shibai_xl.faces.cli import main
from tests.libreoffice import convert
from tests.test_summaries_real_world import application, official, province_rows

OLD = [("红花岗区", "遵义甲电商有限公司", "企业", "民企", 1200, 800, 85),
       ("汇川区", "遵义乙电商有限公司", "团队", "民企", 600, 300, 80),
       ("播州区", "遵义丙电商有限公司", "企业", "民企", 900, 500, 70)]


def _with_old_copy(path: Path, state: str = "hidden", title: str = "项目汇总表 (2)") -> Path:
    """Last round's table (three projects) copied to ``title`` and given ``state``; the shown sheet then corrected:
    甲's 年度交易额 1200 → 1000, 丙 dropped (its row cleared, the 合计 still summing the rows)."""
    official(path, "遵义市项目汇总表", "遵义市", OLD)
    wb = load_workbook(path)
    ws = wb.active
    old = wb.copy_worksheet(ws)
    old.title, old.sheet_state = title, state
    ws["K3"] = 1000
    ws.unmerge_cells("B3:B5")
    ws.delete_rows(5)
    ws.merge_cells("B3:B4")
    ws["K5"], ws["L5"] = "=SUM(K3:K4)", "=SUM(L3:L4)"
    wb.save(path)
    return path


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_merge_reads_the_shown_sheet_not_last_rounds_hidden_copy(tmp_path, capsys, state):
    city = _with_old_copy(tmp_path / "遵义市汇总表.xlsx", state)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    out = capsys.readouterr().out
    rows = {r["企业名称"]: r for r in province_rows(province)}
    assert sorted(rows) == ["遵义乙电商有限公司", "遵义甲电商有限公司"], sorted(rows)
    assert rows["遵义甲电商有限公司"]["年度交易额（万元）"] == 1000
    assert "年度交易额合计 1600 万元" in out, out
    assert "“项目汇总表 (2)”（隐藏）是另一份项目汇总表，其中 3 个项目未读取" in out, out
    assert "本次读取的是“Sheet1”表" in out, out
    title = load_workbook(province)["统计"]["A1"].value
    assert "遵义市汇总表.xlsx：工作表“项目汇总表 (2)”（隐藏）是另一份项目汇总表，其中 3 个项目未读取" in title, title
    assert "不完整" not in title, title


@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_a_summary_saved_as_xls_or_ods_with_a_hidden_old_copy_is_read_by_its_shown_sheet(tmp_path, capsys, fmt):
    city = convert(_with_old_copy(tmp_path / "遵义市汇总表.xlsx", title="5月"), fmt, tmp_path / fmt)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    out = capsys.readouterr().out
    assert sorted(r["企业名称"] for r in province_rows(province)) == ["遵义乙电商有限公司", "遵义甲电商有限公司"]
    assert "“5月”（隐藏）是另一份项目汇总表，其中 3 个项目未读取" in out, out


def test_review_make_from_a_summary_reads_its_shown_sheet(tmp_path, capsys):
    """``review make --from`` a city's hand-made 附件4 reads it as the merge does: the shown sheet, the copy said."""
    city = _with_old_copy(tmp_path / "遵义市汇总表.xlsx")
    assert main(["review", "make", str(tmp_path / "评审"), "--from", str(city), "--experts", "张三,李四,王五"]) == 0
    out = capsys.readouterr().out
    assert "读取其中 2 个项目" in out, out
    assert "“项目汇总表 (2)”（隐藏）是另一份项目汇总表，其中 3 个项目未读取" in out, out
    assert "遵义丙电商有限公司" not in str(read_summary(city).rows)


def test_only_hidden_sheets_holding_the_table_are_read_and_said(tmp_path, capsys):
    """No shown sheet holds the 附件4 (the clerk hid the table, a cover sheet shown): the hidden one is read, said."""
    city = official(tmp_path / "遵义市汇总表.xlsx", "遵义市项目汇总表", "遵义市", OLD)
    wb = load_workbook(city)
    wb.create_sheet("封面", 0)["A1"] = "遵义市电子商务“十百千万”工程申报材料"
    wb["Sheet1"].sheet_state = "hidden"
    wb.active = 0
    wb.save(city)
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    out = capsys.readouterr().out
    assert len(province_rows(province)) == 3
    assert "“Sheet1”表是隐藏的工作表，其中 3 个项目已计入" in out, out


def test_two_shown_sheets_holding_the_table_are_both_read(tmp_path, capsys):
    """A second shown sheet (one per 项目类型, or a copy left shown) keeps being read: its projects counted, 甲's two
    amounts said as a project typed twice (exit 1), as before."""
    city = _with_old_copy(tmp_path / "遵义市汇总表.xlsx", "visible")
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 1
    assert "重复填写" in capsys.readouterr().out
    assert "遵义丙电商有限公司" in {r["企业名称"] for r in province_rows(province)}


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_refresh_takes_over_the_shown_sheet_beside_last_rounds_hidden_copy(tmp_path, capsys, state):
    """refresh of a hand-made 附件4 refused it as "项目分在几个工作表中" (exit 2, nothing done) for a hidden old copy;
    it takes over the shown sheet, as the merge reads it, says the hidden one and leaves it as it was."""
    city = _with_old_copy(tmp_path / "遵义市汇总表.xlsx", state)
    application(tmp_path / "申报", "enterprise", "企业.xlsx")
    assert main(["refresh", str(city), "--from", str(tmp_path / "申报")]) == 0
    out = capsys.readouterr().out
    assert "“项目汇总表 (2)”（隐藏）是另一份项目汇总表，其中 3 个项目未读取" in out, out
    wb = load_workbook(city)
    old = wb["项目汇总表 (2)"]
    assert old.sheet_state == state and old["D5"].value == "遵义丙电商有限公司" and not old.tables
    names = {r["企业名称"] for r in read_summary(city).rows}
    assert {"遵义甲电商有限公司", "遵义乙电商有限公司"} <= names and "遵义丙电商有限公司" not in names, names


def _tool_summary(tmp_path: Path) -> tuple[Path, str]:
    """A city summary the tool refreshed from two applications; its sheet's name."""
    folder = tmp_path / "申报"
    application(folder, "enterprise", "企业.xlsx")
    application(folder, "team", "团队.xlsx", sb_name="遵义某某直播团队")
    city = tmp_path / "遵义市汇总表.xlsx"
    assert main(["refresh", str(city), "--from", str(folder), "--city", "遵义市"]) == 0
    return city, load_workbook(city).active.title


def _first_trade(ws) -> str:
    """The cell of the first project's 年度交易额 on a summary sheet."""
    for row in ws.iter_rows(max_row=10):
        for cell in row:
            if cell.value == "年度交易额（万元）":
                return f"{cell.column_letter}{cell.row + 1}"
    raise AssertionError("no 年度交易额 column")


def test_the_tools_summary_sheet_hidden_and_a_copy_edited_is_read_by_the_shown_copy(tmp_path, capsys):
    """The clerk kept the refreshed sheet as last round's (hidden) and corrected a copy of it: the merge read the
    hidden sheet (its sb_summary table) and none of the corrections sent."""
    city, sheet = _tool_summary(tmp_path)
    wb = load_workbook(city)
    new = wb.copy_worksheet(wb[sheet])
    new.title = "6月"
    at = _first_trade(new)
    new[at] = 4321
    wb[sheet].sheet_state = "hidden"
    wb.active = wb.index(new)
    wb.save(city)
    province = tmp_path / "全省.xlsx"
    main(["merge", str(province), str(city)])
    out = capsys.readouterr().out
    assert 4321 in [r["年度交易额（万元）"] for r in province_rows(province)], out
    assert f"“{sheet}”（隐藏）是另一份项目汇总表，其中 2 个项目未读取" in out, out


def test_a_hidden_copy_beside_the_tools_summary_sheet_is_said(tmp_path, capsys):
    """The refreshed sheet shown, last round's copy of it hidden: the table is read, as before, the copy said."""
    city, sheet = _tool_summary(tmp_path)
    wb = load_workbook(city)
    old = wb.copy_worksheet(wb[sheet])
    old.title, old.sheet_state = "5月", "hidden"
    old[_first_trade(old)] = 4321
    wb.save(city)
    province = tmp_path / "全省.xlsx"
    main(["merge", str(province), str(city)])
    out = capsys.readouterr().out
    assert 4321 not in [r["年度交易额（万元）"] for r in province_rows(province)], out
    assert "“5月”（隐藏）是另一份项目汇总表，其中 2 个项目未读取" in out, out
