"""What a bureau prints and stamps after ``refresh``: the 附件4 table and the lines it types under it."""
from __future__ import annotations

import subprocess

from openpyxl import load_workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.pagebreak import Break

from shibai_xl.examples import make_uscc
from shibai_xl.faces.cli import main
from tests import libreoffice as lo
from tests.conftest import example
from tests.test_summaries_real_world import application, official


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


def test_a_hand_made_summary_set_to_landscape_still_prints_one_page_wide_once_taken_over(tmp_path):
    """A clerk typed 附件4 in Excel with narrow columns and chose landscape (nothing else): her thirteen columns
    printed on one page. Taken over by a refresh, the print grew by the tool's 前置条件, 自动评分 and 问题 — her
    orientation was kept, nothing else set: 自动评分 and 问题 printed on a page of their own, without the header row
    or a page number, and every later page of projects likewise. What she left unset is now the tool's: one page
    wide, the header row on every page, 第 N 页 in the footer; her landscape stays."""
    projects = [("南明区", f"贵阳第{i}号电子商务有限公司", "示范企业", "民营企业", 3000 + i, 1000, 80) for i in range(60)]
    path = official(tmp_path / "贵阳市汇总表.xlsx", "贵阳市2024年电商“十百千万”工程示范项目汇总表", "贵阳市", projects)
    wb = load_workbook(path)
    ws = wb.active
    for letter, width in zip("ABCDEFGHIJKLM", (4, 6, 6, 12, 10, 5, 5, 14, 6, 10, 6, 6, 5)):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True)
    ws.page_setup.orientation = "landscape"
    wb.save(path)
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="贵阳市")
    assert main(["refresh", str(path), "--from", str(tmp_path / "apps")]) == 0
    ws = load_workbook(path)["Sheet1"]
    setup = ws.page_setup
    assert setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage, setup
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert ws.print_title_rows == "$2:$2" and "&P" in ws.oddFooter.center.text
    pdf = lo.convert(path, "pdf", tmp_path / "pdf")
    pages = [lo.pdf_text(pdf, p) for p in range(1, lo.pdf_pages(pdf) + 1)]
    table = [p for p in pages if "统计" not in p]
    assert len(table) > 1 and all("企业名称" in p and "问题" in p and "页" in p for p in table), pages


def test_a_page_break_put_over_the_lines_under_the_table_moves_down_with_them(make_workbook, tmp_path):
    """The clerk keeps 填报人 and the stamp on a page of their own: a page break (页面布局 → 分隔符) over them. A refresh
    that added projects moved the lines down but not the break: it fell among the projects, and the lines printed
    on the foot of a page of projects, or split over two. The break now moves with the row under it, as in Excel."""
    apps = tmp_path / "申报表"
    for i in range(3):
        make_workbook("enterprise", example("enterprise", sb_name=f"贵州第{i}号电子商务有限公司",
                                            sb_uscc=make_uscc("522601", f"MA6GQW{i:02d}T")), name=f"申报表/企业{i}.xlsx")
    summary = tmp_path / "黔东南州汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--city", "黔东南州"]) == 0
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    foot = ws.max_row + 2
    ws.cell(foot, 1, "填报人：张三　　审核人：李四　　联系方式：0855-8221234")
    ws.cell(foot + 1, 1, "黔东南州商务局（盖章）　　2024年5月20日")
    ws.row_breaks.append(Break(id=foot - 1))
    wb.save(summary)
    for i in range(3, 6):
        make_workbook("enterprise", example("enterprise", sb_name=f"贵州第{i}号电子商务有限公司",
                                            sb_uscc=make_uscc("522601", f"MA6GQW{i:02d}T")), name=f"申报表/企业{i}.xlsx")
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    ws = load_workbook(summary)["项目汇总表"]
    moved = next(r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value or "").startswith("填报人：张三"))
    assert moved > foot and [b.id for b in ws.row_breaks.brk] == [moved - 1]
    pdf = lo.convert(summary, "pdf", tmp_path / "pdf")
    pages = [lo.pdf_text(pdf, p).replace(" ", "") for p in range(1, lo.pdf_pages(pdf) + 1)]
    signed = [p for p in pages if "填报人：张三" in p]
    assert len(signed) == 1 and "盖章" in signed[0] and "电子商务有限公司" not in signed[0], pages


def test_the_page_settings_a_clerk_chose_for_the_count_sheet_stay_after_the_next_refresh(make_workbook, tmp_path):
    """统计 is printed for the meeting; the clerk set it on A3 纵向 with her bureau in the header. The next refresh
    that changed a count made the sheet again on A4 横向 without her header (the 汇总表's own settings stay, README:
    打印设置). Her paper, orientation and header now stay; the tool's print area and title rows are made anew."""
    apps = tmp_path / "申报表"
    make_workbook("enterprise", name="申报表/企业.xlsx")
    summary = tmp_path / "黔东南州汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--city", "黔东南州"]) == 0
    wb = load_workbook(summary)
    ws = wb["统计"]
    ws.page_setup.paperSize, ws.page_setup.orientation = ws.PAPERSIZE_A3, "portrait"
    ws.oddHeader.center.text = "黔东南州商务局"
    wb.save(summary)
    make_workbook("team", name="申报表/团队.xlsx")
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    ws = load_workbook(summary)["统计"]
    assert (int(ws.page_setup.paperSize), ws.page_setup.orientation) == (8, "portrait")
    assert ws.oddHeader.center.text == "黔东南州商务局" and "&P" in ws.oddFooter.center.text
    assert ws.print_title_rows == "$1:$2" and ws["C3"].value is not None     # the counts made anew (企业, 团队)
    pdf = lo.convert(summary, "pdf", tmp_path / "pdf")
    last = lo.pdf_pages(pdf)
    size = subprocess.run(["pdfinfo", "-f", str(last), "-l", str(last), str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    assert "黔东南州商务局" in lo.pdf_text(pdf, last) and "841.89 x 1190.55" in size, size
