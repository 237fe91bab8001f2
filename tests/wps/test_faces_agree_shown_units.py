"""Units painted into number formats (0.00"亿元", 0"元") read by the open-workbook faces as the file readers read them
(QA qa56o): a park's 附件3 list whose 年度网络交易额 cell is painted 0.00"亿元", checked in WPS before it is saved, and a
city's 项目汇总表 whose hand-typed project row is painted so, refreshed from the ribbon (WPS; Excel through COM). The
remote engine of xlwings reads no number format (OpenBook.number_format): there the refresh says so instead of
reading a painted figure otherwise silently."""
from __future__ import annotations

from ..test_resident_figures_shown_in_formats import RETAIL, TRADE, _painted
from ..test_ribbon_actions import remote_engine  # noqa: F401  (the remote engine fixture)
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


# --- 刷新汇总表 on a summary whose hand-typed project row is painted 0.00"亿元" ----------------------------------------

def _summary_with_a_painted_row(tmp_path):
    """The tool's summary refreshed from one application, then a project typed into its table by hand: 3.5 in the
    年度交易额（万元） cell painted 0.00"亿元" (3.50亿元 shown: 35000万元). Its path, the folder, (row, column)."""
    from openpyxl import load_workbook

    from shibai_xl.faces.cli import main

    from ..test_summaries_real_world import TRADE as SUMMARY_TRADE
    from ..test_summaries_real_world import application, table_rows

    summary, apps = tmp_path / "遵义市汇总表.xlsx", tmp_path / "apps"
    application(apps, "enterprise", "企业.xlsx", sb_city="遵义市", sb_trade_total=1234.5)
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    wb = load_workbook(summary)
    ws = next(w for w in wb.worksheets if "sb_summary" in w.tables)
    header = {c.value: c.column for c in ws[int(ws.tables["sb_summary"].ref.split(":")[0][1:])]}
    typed = table_rows(summary)["贵州山珍优品电子商务有限公司"]["_row"] + 1
    ws.insert_rows(typed)
    for name, value in (("企业名称", "遵义甲电商产业园"), ("市（州）", "遵义市"), ("项目类型", "园区"),
                        (SUMMARY_TRADE, 3.5), ("年度网络零售额（万元）", 4200)):
        ws.cell(typed, header[name]).value = value
    ws.cell(typed, header[SUMMARY_TRADE]).number_format = '0.00"亿元"'
    first, last = ws.tables["sb_summary"].ref.split(":")
    ws.tables["sb_summary"].ref = f"{first}:{''.join(ch for ch in last if ch.isalpha())}{max(typed, int(last[1:]))}"
    wb.save(summary)
    return summary, apps, (typed, header[SUMMARY_TRADE])


def test_the_refresh_button_in_wps_reads_a_painted_row_as_refresh_does(tmp_path, service):
    """刷新汇总表 in WPS (the book saved: its file is read) kept 3.5 under 0.00"亿元" as 3.5万元 and said the row looked
    typed in 亿元; ``shibai refresh`` writes 35000 with a plain format and says why. Now the button does the same."""
    from openpyxl.utils import get_column_letter

    from .conftest import fake_book, run_js, sheet_of

    summary, _apps, (row, col) = _summary_with_a_painted_row(tmp_path)
    ref = f"{get_column_letter(col)}{row}"
    clicked = run_js(tmp_path, fake_book(summary), "sb_refresh", service)
    assert clicked["error"] is None, clicked["error"]
    sheet = sheet_of(clicked, next(s["name"] for s in clicked["book"]["sheets"] if ref in s["cells"]))
    assert sheet["cells"][ref] == 35000, sheet["cells"][ref]
    assert sheet["formats"].get(ref) == "General", sheet["formats"]
    said = clicked["alerts"][-1]
    assert "显示亿元，与此栏的单位万元不同：已按表上显示的亿元读取" in said and "像是按园区申报表的亿元填写" not in said, said


def test_the_refresh_button_in_excel_reads_a_painted_row_as_refresh_does(tmp_path, monkeypatch):
    """The same summary open in Excel (COM tells each cell's number format; a stand-in reads the saved file's): the
    typed 3.5 becomes 35000 with a plain format, as ``shibai refresh`` writes it."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    from shibai_xl.adapters.excel.book import OpenBook
    from shibai_xl.jobs import actions as A

    from ..test_ribbon_actions import open_remote

    summary, apps, (row, col) = _summary_with_a_painted_row(tmp_path)
    saved = load_workbook(summary)
    asked = []

    def number_format(self, sheet, ref):      # COM's Range.NumberFormat: None for a range whose cells differ
        asked.append(ref)
        found = {c.number_format for row in saved[sheet][ref] for c in row} if ":" in ref else {saved[sheet][ref].number_format}
        return found.pop() if len(found) == 1 else None
    monkeypatch.setattr(OpenBook, "number_format", number_format)
    view = OpenBook(open_remote(summary))
    done = A.refresh_summary(view, apps)
    ref = f"{get_column_letter(col)}{row}"
    written = {(b.sheet, f"{get_column_letter(b.col + j)}{b.row + i}"): v for b in done.edits.blocks
               for i, line in enumerate(b.values) for j, v in enumerate(line)}
    sheet = next(s for s, r in written if r == ref)
    assert written[(sheet, ref)] == 35000, written
    assert (sheet, ref, "General") in done.edits.formats, done.edits.formats
    assert "已按表上显示的亿元读取" in done.message, done.message
    assert len(asked) <= 10, asked                 # a column of one format asked once, a mixed one cell by cell


def test_the_remote_engine_says_it_reads_no_formats_of_typed_amounts(tmp_path, remote_engine):  # noqa: F811
    """xlwings' remote engine tells no number format: the typed 3.5 stays 3.5万元 there, and the message says the
    formats could not be read, which projects to look at and where they are read as shown."""
    from shibai_xl.faces import ribbon_actions as R

    from ..test_ribbon_actions import Replay, open_remote

    summary, _apps, _at = _summary_with_a_painted_row(tmp_path)
    book = open_remote(summary)
    R.dispatch("sb_refresh", book)
    said = Replay(book).alerts[-1]
    assert "读不到单元格的数字格式：手工填写的遵义甲电商产业园的金额" in said and "刷新汇总表" in said, said
