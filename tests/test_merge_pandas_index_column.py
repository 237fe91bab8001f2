"""A city summary written with pandas (``df.to_excel``) carries the frame's index as its first column: untitled, or
"Unnamed: 0" once read and written back, numbering the rows 0, 1, 2 …. The province table's 市州备注 showed
"Unnamed:0：0", "A列：1" on every row as if the city had remarked it. It is a side column: left out of 市州备注 and said
once; a city's own untitled column (a ranking from 1) and its real remarks stay. QA qa58d."""
from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook

from shibai_xl.faces.cli import main
from tests.test_merge_sheets_and_repeats import HEAD


def _merged(tmp_path, capsys, index_title, numbers, title=True):
    wb = Workbook()
    ws = wb.active
    if title:
        ws.append([None, "遵义市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append([index_title, *HEAD, "备注"])
    for i, n in enumerate(numbers):
        ws.append([n, i + 1, "遵义市", "汇川区", f"遵义{i}号电商有限公司", "地址", "企业", "民企", "业绩", "张三", "0851-1",
                   520, 300, 85, "已实地核查" if i == 1 else None])
    wb.save(tmp_path / "遵义市汇总表.xlsx")
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(tmp_path / "遵义市汇总表.xlsx")]) == 0
    sheet = load_workbook(out)["项目汇总表"]
    head = [c.value for c in sheet[3]]
    notes = [r[head.index("市州备注")] for r in sheet.iter_rows(min_row=4, values_only=True) if r[3]]
    return notes, capsys.readouterr().out


@pytest.mark.parametrize("index_title,numbers,title", [("Unnamed: 0", [0, 1, 2], True), (None, [0, 1, 2], False),
                                                       (None, [0, 3, 7], True), ("Unnamed: 0", [4, 5, 6], True)])
def test_a_pandas_index_is_no_remark_of_the_city(tmp_path, capsys, index_title, numbers, title):
    notes, said = _merged(tmp_path, capsys, index_title, numbers, title)
    assert notes == [None, "备注：已实地核查", None], notes
    assert said.count("pandas 索引列") == 1 and "A列" in said, said


def test_a_citys_untitled_ranking_from_one_stays_its_remark(tmp_path, capsys):
    notes, said = _merged(tmp_path, capsys, None, [1, 2, 3])
    assert notes == ["A列：1", "A列：2；备注：已实地核查", "A列：3"], notes
    assert "pandas" not in said
