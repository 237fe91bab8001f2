"""What a bureau prints and stamps after ``refresh``: the 附件4 table and the lines it types under it."""
from __future__ import annotations

from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from tests import libreoffice as lo


def test_lines_typed_under_the_refreshed_table_are_printed(make_workbook, tmp_path):
    """After a refresh the clerk opens the 汇总表 in Excel or WPS, types the 合计 and the lines 附件4 and the stamp
    need under the table (填报人、审核人、盖章), and prints. The print area stopped at the table's last row as the
    refresh left it, so those lines never reached the paper — the page went out unsigned and nobody was told. The
    blank template prints whole columns (README) and so does the refreshed table: what is typed under it prints."""
    (tmp_path / "申报表").mkdir()
    make_workbook("enterprise", name="申报表/企业.xlsx")
    summary = tmp_path / "黔东南州汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(tmp_path / "申报表"), "--city", "黔东南州"]) == 0
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    last = ws.max_row
    ws.cell(last + 2, 1, "填报人：张三　　审核人：李四　　联系方式：0855-8221234")
    ws.cell(last + 3, 1, "黔东南州商务局（盖章）　　2024年5月20日")
    wb.save(summary)
    pdf = lo.convert(summary, "pdf", tmp_path / "pdf")
    text = lo.pdf_text(pdf).replace(" ", "")
    assert "填报人：张三" in text and "黔东南州商务局（盖章）" in text, text[-800:]
    assert "来源文件" not in text          # still the printed columns only
    assert lo.pdf_pages(pdf) == 2, lo.pdf_pages(pdf)     # the table and the 统计 sheet: no blank pages
