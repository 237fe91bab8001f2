"""A city corrects its own spelling of a company it typed without a 统一社会信用代码 (贵阳甲电子商务有线公司 →
…有限公司) and sends its summary again: the next merge takes the corrected name onto the province's row — the
province's own column, its 市州评分 and place kept — and says so, never withdraws the row and adds the project again;
a city that swapped one applicant for a close-named other gets two rows, as before. Real city summaries (openpyxl,
as a clerk types the official 附件4), the real ``shibai merge``."""
from __future__ import annotations

from openpyxl import Workbook, load_workbook

from shibai_xl.faces.cli import main
from tests.test_merge_counts_a_project_once import HEAD

TYPO = "贵阳甲电子商务有线公司"      # as 贵阳市 typed it first
FIXED = "贵阳甲电子商务有限公司"     # as 贵阳市 corrected it
BING, DING = "贵阳丙电子商务有限公司", "贵阳丁电子商务有限公司"   # one character apart, two companies
WHO = {TYPO: ("南明区", "南明区花果园1号", "张三", "0851-1"), FIXED: ("南明区", "南明区花果园1号", "张三", "0851-1"),
       "贵阳乙公司": ("云岩区", "云岩区中华北路2号", "李四", "0851-2"), BING: ("花溪区", "花溪区大学城3号", "王五", "0851-3"),
       DING: ("白云区", "白云区白云大道4号", "赵六", "0851-4")}


def _guiyang(tmp_path, middle=TYPO, last=BING, who=None):
    """贵阳市's summary as its clerk types 附件4: three enterprises, no codes, each with its own county and contact."""
    wb = Workbook()
    ws = wb.active
    ws.append(["贵阳市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(HEAD)
    for i, name in enumerate(("贵阳乙公司", middle, last), 1):
        county, address, contact, phone = (who or {}).get(name) or WHO[name]
        ws.append([i, "贵阳市", county, name, address, "企业", "民企", "业绩", contact, phone, 1000 * i, 500 * i, 80, None])
    ws.append(["合计", None, None, None, None, None, None, None, None, None, 6000])
    path = tmp_path / "贵阳市汇总表.xlsx"
    wb.save(path)
    return path


def _sheet(path):
    ws = load_workbook(path)["项目汇总表"]
    head = [c.value for c in ws[3]]
    return ws, head


def _rows(path):
    ws, head = _sheet(path)
    return [dict(zip(head, r), _row=n) for n, r in enumerate(ws.iter_rows(min_row=4, values_only=True), 4)
            if r[3] and r[0] != "合计"]


def _province_works_on(path, name, score):
    """The province's clerk adds its own “审核意见” column and, on ``name``'s row, writes it and a 市州评分."""
    wb = load_workbook(path)
    ws = wb["项目汇总表"]
    head = [c.value for c in ws[3]]
    col = ws.max_column + 1
    ws.cell(3, col).value = "审核意见"
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 4).value == name)
    ws.cell(row, col).value = "同意推荐"
    ws.cell(row, head.index("市州评分") + 1).value = score
    wb.save(path)
    return row


def test_a_name_the_city_corrected_is_taken_onto_the_provinces_row(tmp_path, capsys):
    """贵阳市 fixed 有线 to 有限 and re-sent its summary: the province's row (its 审核意见, its 市州评分 88) was marked
    已撤回 and the corrected name added as a new row at the end — the province's work on a withdrawn row. Now the row
    takes the city's name, keeps the province's own columns and place, and the terminal and 问题 say both names."""
    city = _guiyang(tmp_path)
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(city)]) == 0
    row = _province_works_on(out, TYPO, 88)
    capsys.readouterr()
    _guiyang(tmp_path, middle=FIXED)
    assert main(["merge", str(out), str(city)]) == 0
    said = capsys.readouterr().out.replace("\n", "")
    rows = _rows(out)
    assert [(r["企业名称"], r["状态"]) for r in rows] == [
        ("贵阳乙公司", "有效"), (FIXED, "有效"), (BING, "有效")], rows
    mine = rows[1]
    assert mine["_row"] == row and mine["审核意见"] == "同意推荐" and mine["市州评分"] == 88, mine
    assert TYPO in mine["问题"] and FIXED in mine["问题"], mine["问题"]
    assert "已撤回" not in said and "手工删除" not in said, said
    assert TYPO in said and FIXED in said and "认作同一项目" in said, said
    assert "全省汇总表有效项目 3 项，年度交易额合计 6000 万元" in said, said
    # merged again as it is: the same row, nothing withdrawn or added, the correction no longer said
    assert main(["merge", str(out), str(city)]) == 0
    said = capsys.readouterr().out
    again = _rows(out)
    assert [(r["企业名称"], r["状态"], r["_row"]) for r in again] == [
        (r["企业名称"], r["状态"], r["_row"]) for r in rows]
    assert again[1]["审核意见"] == "同意推荐" and TYPO not in (again[1]["问题"] or "") and TYPO not in said


def test_a_name_the_city_completed_with_a_new_contact_keeps_its_row(tmp_path, capsys):
    """A character added (贵阳甲电子商务 → 贵阳市甲电子商务), the contact changed at the same time: no character was
    replaced, so the name alone tells it is the same company — the province's row follows it."""
    city = _guiyang(tmp_path)
    out = tmp_path / "全省.xlsx"
    main(["merge", str(out), str(city)])
    _province_works_on(out, TYPO, 90)
    longer = "贵阳市甲电子商务有线公司"
    _guiyang(tmp_path, middle=longer, who={longer: ("南明区", "南明区花果园1号", "孙七", "0851-7")})
    assert main(["merge", str(out), str(city)]) == 0
    rows = _rows(out)
    assert [(r["企业名称"], r["状态"]) for r in rows] == [
        ("贵阳乙公司", "有效"), (longer, "有效"), (BING, "有效")], rows
    assert rows[1]["审核意见"] == "同意推荐" and rows[1]["联系人"] == "孙七", rows[1]


def test_a_city_that_swapped_an_applicant_for_a_close_named_other_gets_two_rows(tmp_path, capsys):
    """贵阳市 replaced 贵阳丙电子商务 (withdrawn) by 贵阳丁电子商务, another company (its own county, address and
    contact): one character apart, but not one project — 丙's row is withdrawn with the province's opinion on it,
    丁 gets its own row."""
    city = _guiyang(tmp_path)
    out = tmp_path / "全省.xlsx"
    main(["merge", str(out), str(city)])
    _province_works_on(out, BING, 70)
    capsys.readouterr()
    _guiyang(tmp_path, last=DING)
    main(["merge", str(out), str(city)])
    rows = {r["企业名称"]: r for r in _rows(out)}
    assert rows[BING]["状态"] == "已撤回" and rows[BING]["审核意见"] == "同意推荐", rows
    assert rows[DING]["状态"] == "有效" and rows[DING]["联系人"] == "赵六" and not rows[DING]["审核意见"], rows
    assert "认作同一项目" not in capsys.readouterr().out


def test_a_corrected_name_as_close_to_two_rows_is_not_guessed(tmp_path, capsys):
    """The corrected name is one character from two of the province's rows the city no longer sends (有线 and 有现):
    which one it was cannot be told — nothing paired by guess."""
    other = "贵阳甲电子商务有现公司"
    city = _guiyang(tmp_path, last=other, who={other: WHO[TYPO]})
    out = tmp_path / "全省.xlsx"
    main(["merge", str(out), str(city)])
    _guiyang(tmp_path, middle=FIXED, last=BING)
    main(["merge", str(out), str(city)])
    rows = {r["企业名称"]: r["状态"] for r in _rows(out)}
    assert rows == {"贵阳乙公司": "有效", TYPO: "已撤回", other: "已撤回", FIXED: "有效", BING: "有效"}, rows
    assert "认作同一项目" not in capsys.readouterr().out


def test_a_row_the_city_marks_withdrawn_is_not_taken_for_a_close_new_name(tmp_path, capsys):
    """贵阳市 writes 已撤回 in the 序号 of 有线公司's row and adds 有限公司 as a new row (same contact): the city says
    the first is withdrawn — its row stays the withdrawn project, the new name gets its own row."""
    city = _guiyang(tmp_path)
    out = tmp_path / "全省.xlsx"
    main(["merge", str(out), str(city)])
    _province_works_on(out, TYPO, 88)
    wb = load_workbook(city)
    ws = wb.active
    ws.cell(4, 1).value = "已撤回"
    ws.insert_rows(6)
    for col, value in enumerate([4, "贵阳市", *WHO[FIXED][:1], FIXED, WHO[FIXED][1], "企业", "民企", "业绩",
                                 *WHO[FIXED][2:], 2000, 1000, 80], 1):
        ws.cell(6, col).value = value
    wb.save(city)
    capsys.readouterr()
    main(["merge", str(out), str(city)])
    rows = {r["企业名称"]: r for r in _rows(out)}
    assert rows[TYPO]["状态"] == "已撤回" and rows[TYPO]["审核意见"] == "同意推荐", rows
    assert rows[FIXED]["状态"] == "有效" and not rows[FIXED]["审核意见"], rows
    assert "认作同一项目" not in capsys.readouterr().out


def test_a_project_the_city_dropped_earlier_is_not_brought_back_by_a_close_new_name(tmp_path, capsys):
    """贵阳市 left 有线公司 out of one summary (its row 已撤回 at that merge) and sends 有限公司 in a later one: the
    withdrawal was the city's word at the time — the new name is a new row, the withdrawn row stays as it was."""
    city = _guiyang(tmp_path)
    out = tmp_path / "全省.xlsx"
    main(["merge", str(out), str(city)])
    _guiyang(tmp_path, middle=BING, last=BING)
    wb = load_workbook(city)
    wb.active.delete_rows(5)
    wb.save(city)
    main(["merge", str(out), str(city)])
    assert {r["企业名称"]: r["状态"] for r in _rows(out)}[TYPO] == "已撤回"
    capsys.readouterr()
    _guiyang(tmp_path, middle=FIXED)
    main(["merge", str(out), str(city)])
    rows = {r["企业名称"]: r["状态"] for r in _rows(out)}
    assert rows == {"贵阳乙公司": "有效", TYPO: "已撤回", FIXED: "有效", BING: "有效"}, rows
    assert "认作同一项目" not in capsys.readouterr().out


def test_a_name_corrected_in_a_revised_summary_beside_the_first_is_one_project(tmp_path, capsys):
    """贵阳市 sends 贵阳市汇总表(修改版).xlsx with 有线 corrected to 有限, and the province merges it beside the first
    summary: the first's 有线公司 was counted too (“只在较早的汇总表中有这一行”), the project twice, 4 projects and
    8000 万元. Now it is the revised row, counted once, and its row says both names; another company one character
    apart (its own contact) is still counted as the earlier file's own project."""
    import os

    first = _guiyang(tmp_path).rename(tmp_path / "贵阳市汇总表.xlsx.tmp")
    revised = _guiyang(tmp_path, middle=FIXED, last=DING).rename(tmp_path / "贵阳市汇总表(修改版).xlsx")
    first = first.rename(tmp_path / "贵阳市汇总表.xlsx")
    os.utime(first, (first.stat().st_mtime - 3600,) * 2)
    out = tmp_path / "全省.xlsx"
    main(["merge", str(out), str(first), str(revised)])
    said = capsys.readouterr().out.replace("\n", "")
    rows = {r["企业名称"]: r for r in _rows(out)}
    assert sorted(rows) == sorted(["贵阳乙公司", FIXED, BING, DING]), rows
    assert TYPO in rows[FIXED]["问题"] and "认作同一项目" in rows[FIXED]["问题"], rows[FIXED]["问题"]
    assert "只在贵阳市较早的汇总表" in rows[BING]["问题"], rows[BING]["问题"]
    assert "全省汇总表有效项目 4 项，年度交易额合计 9000 万元" in said, said
    assert f"“贵阳市汇总表(修改版).xlsx”中的“{FIXED}”企业名称在贵阳市较早的汇总表“贵阳市汇总表.xlsx”中为“{TYPO}”" in said, said
