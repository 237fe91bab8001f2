"""Round 3 (Dec): a city moved a project to another 项目类型 in its own summary (企业 → 团队: the company applies as a
live-streaming team after all). The merge marked the province's 企业 row 已撤回 — counted among the withdrawals on the
terminal, the province's notes and 批次 left on it — and added the project again as a new 团队 row at the table's end
(QA qa76c)."""
from __future__ import annotations

from openpyxl import load_workbook
from openpyxl.worksheet.table import TableColumn

from shibai_xl.faces.cli import main
from tests.test_summaries_real_world import official, province_rows

MAY = [("南明区", "贵阳甲电商产业园", "园区", "国企", 30000, 8000, 88),
       ("云岩区", "贵阳乙电子商务有限公司", "企业", "民企", 5000, 3000, 80)]
DEC = [MAY[0], ("云岩区", "贵阳乙电子商务有限公司", "团队", "民企", 5000, "/", 80)]


def _merged_with_notes(tmp_path):
    """贵阳市's May summary merged; the province typed a 批次 and its own 评审结果 on the company's row."""
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(official(tmp_path / "贵阳市汇总表.xlsx", "贵阳市项目汇总表", "贵阳市", MAY))]) == 0
    wb = load_workbook(province)
    ws = wb["项目汇总表"]
    head = [c.value for c in ws[3]]
    ws.cell(3, len(head) + 1, "评审结果")
    table = ws.tables["sb_summary"]
    table.ref = table.ref.replace(table.ref.split(":")[1], f"{ws.cell(3, len(head) + 1).column_letter}{ws.max_row}")
    table.tableColumns.append(TableColumn(id=len(head) + 1, name="评审结果"))
    for r in range(4, ws.max_row + 1):
        if ws.cell(r, head.index("企业名称") + 1).value == "贵阳乙电子商务有限公司":
            ws.cell(r, head.index("批次") + 1, "2024-05")
            ws.cell(r, len(head) + 1, "第一轮通过")
    wb.save(province)
    return province


def test_a_project_the_city_moved_to_another_type_stays_on_its_row(tmp_path, capsys):
    province = _merged_with_notes(tmp_path)
    capsys.readouterr()
    dec = official(tmp_path / "贵阳市汇总表（12月）.xlsx", "贵阳市项目汇总表", "贵阳市", DEC)
    assert main(["merge", str(province), str(dec)]) == 0
    out = capsys.readouterr().out
    assert "本次标为“已撤回”" not in out, out
    assert "贵阳乙电子商务有限公司" in out and "由“企业”改为“团队”" in out, out
    rows = province_rows(province)
    assert [(r["企业名称"], r["项目类型"], r["状态"]) for r in rows] == [
        ("贵阳甲电商产业园", "园区", "有效"), ("贵阳乙电子商务有限公司", "团队", "有效")], rows
    moved = rows[1]
    assert moved["批次"] == "2024-05" and moved["评审结果"] == "第一轮通过", moved
    assert "由“企业”改为“团队”" in moved["问题"], moved
    assert "全省汇总表有效项目 2 项" in out, out
    assert main(["merge", str(province), str(dec)]) == 0   # the same file again: nothing changes
    assert [(r["企业名称"], r["项目类型"], r["状态"]) for r in province_rows(province)] == [
        ("贵阳甲电商产业园", "园区", "有效"), ("贵阳乙电子商务有限公司", "团队", "有效")]


def test_a_company_the_city_lists_under_both_types_keeps_two_rows(tmp_path, capsys):
    """The company applies under both types in December: its 企业 row stays, the 团队 project is added."""
    province = _merged_with_notes(tmp_path)
    both = official(tmp_path / "贵阳市汇总表（12月）.xlsx", "贵阳市项目汇总表", "贵阳市", [*MAY, DEC[1]])
    assert main(["merge", str(province), str(both)]) == 0
    rows = province_rows(province)
    assert [(r["企业名称"], r["项目类型"], r["状态"]) for r in rows] == [
        ("贵阳甲电商产业园", "园区", "有效"), ("贵阳乙电子商务有限公司", "企业", "有效"),
        ("贵阳乙电子商务有限公司", "团队", "有效")], rows
