"""``shibai check --write`` of a park whose 入驻企业名单 repeats companies by the thousand (a list pasted twice, one
code filled down a whole column): the messages named every repeated company and every row, a 57 000-character
建议理由 that no cell can hold, so that the check refused to write anything ("文字过长（57033 字）"). A message now
names the first few and says how many in all, and the writer cuts any text longer than a cell, saying so.
"""
from __future__ import annotations

from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import named_cell
from shibai_xl.examples import example_residents
from shibai_xl.faces.cli import main

ROWS = 3000
CELL = 32767


def _doubled(rows: int, one_code: bool) -> list[dict]:
    """``rows`` list rows naming ``rows // 2`` companies, each twice; with ``one_code`` all under one 信用代码."""
    first = example_residents("park")[0]
    out = []
    for i in range(rows):
        row = dict(first, 序号=i + 1, 企业名称=f"贵州第{i // 2 + 1}号电子商务有限公司")
        if not one_code:
            row["统一社会信用代码"] = ""
        out.append(row)
    return out


def _texts(wb) -> list[str]:
    """The texts the check wrote: the 评分 and 校验结果 sheets' cells (not their formulas)."""
    return [c.value for ws in (wb["评分"], wb["校验结果"]) for r in ws.iter_rows() for c in r
            if isinstance(c.value, str) and c.data_type != "f"]


def test_a_list_of_thousands_of_repeats_is_written_with_short_messages(make_workbook):
    path = make_workbook("park", residents=_doubled(1000, one_code=True))
    assert main(["check", str(path), "--write"]) == 0
    wb = load_workbook(path)
    reason = named_cell(wb, "sb_score_reason_1_1_1").value or ""
    texts = _texts(wb)
    assert max(len(t) for t in texts) < 2000, max(len(t) for t in texts)
    assert any("等500家" in t for t in texts), reason
    dup = [r[2].value for r in wb["校验结果"].iter_rows(min_row=5) if r[1].value == "XC_RESIDENT_DUP"]
    assert dup and all(len(m) < 1000 for m in dup)


def test_one_company_listed_thousands_of_times_names_the_first_rows(make_workbook):
    rows = [dict(r, 企业名称="贵州同一电子商务有限公司") for r in _doubled(ROWS, one_code=False)]
    path = make_workbook("park", residents=rows)
    assert main(["check", str(path), "--write"]) == 0
    wb = load_workbook(path)
    dup = [r[2].value for r in wb["校验结果"].iter_rows(min_row=5) if r[1].value == "XC_RESIDENT_DUP"]
    assert len(dup) == 1 and f"出现{ROWS}次" in dup[0] and f"等{ROWS}行" in dup[0] and len(dup[0]) < 1000, dup


def test_text_longer_than_a_cell_is_cut_with_a_word_when_written(tmp_path, make_workbook):
    from shibai_xl.adapters.xlsx.result_writer import apply_plan
    from shibai_xl.engine.plan import WritePlan

    path = make_workbook("park")
    out = tmp_path / "out.xlsx"
    apply_plan(path, WritePlan(values=[("sb_score_reason_1_1_1", "甲" * 40000)]), out)
    text = named_cell(load_workbook(out), "sb_score_reason_1_1_1").value
    assert len(text) == CELL and text.endswith("以下省略）")
