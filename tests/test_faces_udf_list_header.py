"""SB_RESIDENTS over a whole list sheet (A:K, docs/addin.md) finds the 附件3 header row as `shibai check` finds it."""
from __future__ import annotations

import pytest
import python_calamine
from openpyxl import load_workbook

from shibai_xl.faces import udf_functions as U
from shibai_xl.jobs.check_file import check_file
from tests.filled_cache import example_files


@pytest.mark.parametrize("line", ["单位名称：贵阳黔货出山电子商务产业园（盖章）", "企业名称须与营业执照一致，金额单位：万元"])
def test_residents_over_the_whole_sheet_skip_a_line_above_the_header_naming_a_name(rules, tmp_path, line):
    """A line above the list's header whose text starts like a 企业名称 title (the park's 单位名称 line, a note on how to
    write names): SB_RESIDENTS took it for the header and said “区域第一行应为附件3表头，缺少列：从业人数、……” while
    `shibai check` reads the list under the real header. The header is the row holding the list's columns."""
    park = next(p for p in example_files(tmp_path / "示例") if p.name.startswith(rules.types["park"].label))
    wb = load_workbook(park)
    ws = wb["入驻企业名单"]
    ws["A2"] = line
    path = tmp_path / "园区.xlsx"
    wb.save(path)
    read = check_file(path).residents
    rows = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("入驻企业名单").to_python()
    sheet = [[None if v == "" else v for v in row] + [None] * (11 - len(row)) for row in rows]   # A:K as Excel gives it
    got = U.residents(sheet)
    assert not isinstance(got, str), got
    got = dict(map(tuple, got))
    assert (got["家数"], got["从业人数合计"], got["年度网络交易额合计（万元）"], got["年度网络零售额合计（万元）"]) == (
        read.companies, read.staff, float(read.trade), float(read.retail))
