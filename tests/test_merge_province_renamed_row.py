"""The province corrects a company's name in its own 全省汇总表 (a typo fixed by hand on a row the city typed without a
统一社会信用代码): the next merge of the same city summary keeps the province's row, its name and its place, and says
the name differs — never withdraws it and adds the city's spelling again, and never takes another company's row for it.
Real city summaries (openpyxl, as a clerk types the official 附件4), the real ``shibai merge``."""
from __future__ import annotations

from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from tests.test_merge_counts_a_project_once import _city

TYPO = "遵义市汇川区黔北电子商务有线公司"      # as 遵义市 typed it
FIXED = "遵义市汇川区黔北电子商务有限公司"     # as the province corrected it
BING, DING = "遵义丙电子商务有限公司", "遵义丁电子商务有限公司"   # one character apart, two companies


def _rows(path):
    ws = load_workbook(path)["项目汇总表"]
    head = [c.value for c in ws[3]]
    return [dict(zip(head, r)) for r in ws.iter_rows(min_row=4, values_only=True) if r[3] and r[0] != "合计"]


def _renamed(path, names: dict[str, str], **typed):
    """The province's clerk retypes the 企业名称 of the rows ``names`` names (old → new), and types ``typed``
    (column → value) on them."""
    wb = load_workbook(path)
    ws = wb["项目汇总表"]
    head = [c.value for c in ws[3]]
    for r in range(4, ws.max_row + 1):
        new = names.get(ws.cell(r, 4).value)
        if new:
            ws.cell(r, 4).value = new
            for col, value in typed.items():
                ws.cell(r, head.index(col) + 1).value = value
    wb.save(path)


def _zunyi(tmp_path, typo_trade=2000, middle=TYPO):
    return _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [("遵义乙公司", "企业", 1000, ""),
                                                     (middle, "企业", typo_trade, ""),
                                                     (BING, "企业", 500, "")])


def test_a_name_the_province_corrected_keeps_its_row_and_is_said_to_differ(tmp_path, capsys):
    """The province fixed 有线 to 有限 in a row 遵义市 typed without a code (and wrote its 市州评分): the next merge said
    the row was withdrawn (“报送的市（州）本次汇总表中已没有这一行”) and “手工删除” and re-added the city's spelling at
    the end — the project twice, the province's correction and its score on a withdrawn row. It now keeps the row as
    the province corrected it, in its place, updated from the city's row, and says the two names differ."""
    zunyi = _zunyi(tmp_path)
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(zunyi)]) == 0
    _renamed(out, {TYPO: FIXED}, 市州评分=88)
    capsys.readouterr()
    _zunyi(tmp_path, typo_trade=2100)       # the city re-sends its summary, one figure corrected
    assert main(["merge", str(out), str(zunyi)]) == 0
    said = capsys.readouterr().out.replace("\n", "")
    rows = _rows(out)
    assert [(r["企业名称"], r["状态"]) for r in rows] == [
        ("遵义乙公司", "有效"), (FIXED, "有效"), (BING, "有效")], rows
    row = rows[1]
    assert row["年度交易额（万元）"] == 2100 and row["市州评分"] == 88, row
    assert f"企业名称全省表为“{FIXED}”，市（州）汇总表为“{TYPO}”" in row["问题"], row["问题"]
    assert "已撤回" not in said and "手工删除" not in said, said
    assert FIXED in said and TYPO in said and "认作同一项目" in said, said
    assert "全省汇总表有效项目 3 项，年度交易额合计 3600 万元" in said, said
    # merged again as it is: the same row, nothing withdrawn or added
    assert main(["merge", str(out), str(zunyi)]) == 0
    assert [(r["企业名称"], r["状态"]) for r in _rows(out)] == [
        ("遵义乙公司", "有效"), (FIXED, "有效"), (BING, "有效")]


def test_a_name_the_province_completed_and_scored_keeps_its_row(tmp_path, capsys):
    """The province added the “区” 遵义市 left out and corrected the figure after a phone call: no character changed,
    so the name alone tells it is the same company; the province's figure is kept and said, as on any row."""
    short = "遵义市汇川黔北电子商务有限公司"
    zunyi = _zunyi(tmp_path, middle=short)
    out = tmp_path / "全省.xlsx"
    main(["merge", str(out), str(zunyi)])
    _renamed(out, {short: FIXED}, **{"年度交易额（万元）": 2200})
    capsys.readouterr()
    assert main(["merge", str(out), str(zunyi)]) == 0
    rows = _rows(out)
    assert [(r["企业名称"], r["状态"], r["年度交易额（万元）"]) for r in rows] == [
        ("遵义乙公司", "有效", 1000), (FIXED, "有效", 2200), (BING, "有效", 500)], rows


def test_a_different_company_the_province_typed_over_a_row_is_not_taken_for_it(tmp_path, capsys):
    """The province typed 遵义丁电子商务 (another company, its own figures and contact) over 遵义丙电子商务's row: one
    character apart, but the row is no longer what the city's row wrote — 遵义丙 is still the city's project, its
    own row again (said as before), and 遵义丁's row is not updated from it."""
    zunyi = _zunyi(tmp_path)
    out = tmp_path / "全省.xlsx"
    main(["merge", str(out), str(zunyi)])
    _renamed(out, {BING: DING}, **{"年度交易额（万元）": 900, "联系人": "王五", "电话": "0851-9"})
    capsys.readouterr()
    main(["merge", str(out), str(zunyi)])
    rows = {r["企业名称"]: r for r in _rows(out)}
    assert rows[BING]["状态"] == "有效" and rows[BING]["年度交易额（万元）"] == 500, rows
    assert rows[DING]["年度交易额（万元）"] == 900 and f"市（州）汇总表为“{BING}”" not in (rows[DING]["问题"] or ""), rows
    assert "认作同一项目" not in capsys.readouterr().out


def test_two_rows_alike_the_one_the_province_corrected_are_not_guessed(tmp_path, capsys):
    """Two city rows the province's corrected name is as close to (“有线” and “有现” both one character from “有限”),
    both gone from the province table: which one it is cannot be told — nothing matched by guess."""
    other = "遵义市汇川区黔北电子商务有现公司"
    zunyi = _city(tmp_path / "遵义市汇总表.xlsx", "遵义市", [(TYPO, "企业", 2000, ""), (other, "企业", 2000, "")])
    out = tmp_path / "全省.xlsx"
    main(["merge", str(out), str(zunyi)])
    wb = load_workbook(out)
    ws = wb["项目汇总表"]
    rows = [r for r in range(4, ws.max_row + 1) if ws.cell(r, 4).value in (TYPO, other)]
    ws.cell(rows[0], 4).value = FIXED
    ws.delete_rows(rows[1])
    wb.save(out)
    capsys.readouterr()
    main(["merge", str(out), str(zunyi)])
    names = [r["企业名称"] for r in _rows(out)]
    assert sorted(names) == sorted([FIXED, TYPO, other]), names
