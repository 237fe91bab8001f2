"""The 附件3 list typed on a sheet of its own (no 附件3 title, a 总计 row at its foot) with its amount columns headed
as applicants head them: 线上交易额 / 网上交易额 for 年度网络交易额, 线上零售额 / 网上零售额 / 年度零售额 / 电商零售额
for 年度网络零售额. Each is that column — the list was said to lack both columns (XC_RESIDENT_ROW 缺少列), its totals 0
and the park's threshold 待定."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.reader import read_application
from shibai_xl.engine.check import check
from tests.test_printed_layout import printed_park


@pytest.mark.parametrize("trade, retail", [("线上交易额（万元）", "线上零售额（万元）"), ("网上交易额", "网上零售额"),
                                           ("年度网络交易额（万元）", "年度零售额（万元）"),
                                           ("(2023年1月-2023年12月)线上交易额(万元)", "电商零售额（万元）")])
def test_a_lists_amounts_under_the_words_applicants_head_them_with(tmp_path, trade, retail):
    path = printed_park(tmp_path / "园区.xlsx")
    wb = load_workbook(path)
    ws = wb["附件3"]
    ws.title = "Sheet2"
    ws["H3"], ws["I3"], ws["A14"] = trade, retail, "总计"
    wb.save(path)
    result = check(read_application(path))
    assert (result.residents.trade, result.residents.retail, result.residents.companies) == (30000, 3000, 10)
    assert not [f.message for f in result.findings if f.code.startswith("XC_RESIDENT")]
    assert result.eligible is True
