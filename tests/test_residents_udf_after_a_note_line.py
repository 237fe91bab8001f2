"""A 附件3 typed by hand (no Excel table) whose clerk typed one more company under the list's closing lines
("以上数据属实", "填报人：张三"): `shibai check` ends the list at that line and says the company under it was not read
(XC_RESIDENT_ROW, naming the line, not "空了一行" of a row that is not blank); =SB_RESIDENTS over the same range counted
it without a word (4 家 where check says 3). The formula now reads as check does and says the same in its cell."""
from __future__ import annotations

import pytest

from shibai_xl.adapters.xlsx.reader import find_resident_header, open_workbook, resident_rows
from shibai_xl.faces.udf_functions import RESIDENTS_LABELS
from tests.test_resident_list_as_parks_fill_it import THREE, read_list, typed_list

LATER = [4, "贵州后补电子商务有限公司", None, None, None, None, 1, 2, 1, None]


@pytest.mark.parametrize("line", ["以上数据属实", "填报人：张三"])
@pytest.mark.parametrize("blank_before", [False, True], ids=["right-under", "after-a-blank-row"])
def test_a_company_under_the_lists_closing_line_is_said_not_counted_by_check_and_the_formula(tmp_path, line,
                                                                                           blank_before):
    lines = [*THREE, *([[None] * 10] if blank_before else []), [None, line], LATER]
    path = typed_list(tmp_path / "名单.xlsx", lines)
    read, summed = read_list(path)
    assert read["家数"] == summed["家数"] == 3, (read, summed)
    assert read["从业人数合计"] == summed["从业人数合计"] == 15
    wb = open_workbook(path)
    sheet, r0, c0, c1 = find_resident_header(wb)
    _rows, _, said = resident_rows(wb.grid(sheet), sheet, r0, c0, c1, r0)
    line_row = 7 if blank_before else 6          # title rows 1-2, header 3, companies 4-6 (+ a blank row 7)
    line_row += 1
    (message,) = [f.message for f in said]
    assert f"第{line_row}行“{line}”" in message and "空了一行" not in message, message
    assert f"第{line_row + 1}行起还有1行" in message, message
    label = next(label for label in summed if label.startswith(RESIDENTS_LABELS[-1]))
    assert summed[label] == 1, summed
    assert f"第{line_row}行“{line}”" in label and f"第{line_row + 1}行起还有1行" in label and "没有计入" in label, label


def test_companies_after_a_blank_row_of_a_typed_list_are_counted_by_both(tmp_path):
    path = typed_list(tmp_path / "名单.xlsx", [*THREE, [None] * 10, LATER])
    read, summed = read_list(path)
    assert read["家数"] == summed["家数"] == 4 and read["数据有误（处）"] == summed["数据有误（处）"] == 0
