"""Units painted into number formats (0.00"亿元", 0"元") read by the open-workbook faces as the file readers read them
(QA qa56o): a park's 附件3 list whose 年度网络交易额 cell is painted 0.00"亿元", checked in WPS before it is saved."""
from __future__ import annotations

from ..test_resident_figures_shown_in_formats import RETAIL, TRADE, _painted
from .conftest import needs_node
from .test_faces_agree_mutations import faces_agree_on

pytestmark = needs_node


def test_a_list_figure_painted_in_another_unit_is_read_as_shown_in_wps(make_workbook, tmp_path, capsys, service):
    """0.5 typed in the list's （万元） column painted 0.00"亿元" (5000万元 shown as 0.50亿元): check read it as shown and
    said so once; WPS summed 0.5万元 (the table's formats were sent for its dates only) and found the totals off."""
    from shibai_xl.examples import example_residents

    companies = example_residents("park")
    path, _, refs = _painted(make_workbook, {(0, TRADE): (companies[0][TRADE] / 10000, '0.00##"亿元"'),
                                             (1, RETAIL): (companies[1][RETAIL] * 10000, '0"元"')})
    command = faces_agree_on(path, ("excel",), tmp_path, capsys, service)   # the remote engine reads no format
    said = [f for f in command["findings"] if "数字格式" in f["message"]]
    assert len(said) == 2 and {f["cell"] for f in said} <= set(refs), said
    assert not [f for f in command["findings"] if f["code"] in ("XC_RESIDENT_TRADE", "XC_RESIDENT_RETAIL")]

