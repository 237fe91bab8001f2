"""Every row of a summary the tool wrote (a city's 附件4 and the 全省 table) is as tall as LibreOffice prints its
wrapped texts: the 问题 column carries finding codes (XC_RESIDENT_RETAIL) and 18-character credit codes, which a
printer never breaks and prints wider than half a Chinese character each."""
from __future__ import annotations

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from shibai_xl.adapters.xlsx.summary_stats import UNREAD_HEADS
from shibai_xl.adapters.xlsx.text_fit import printed_lines, text_lines
from shibai_xl.faces.cli import main
from tests.filled_cache import example_files

from . import libreoffice as lo

CODES = ("ELIG_AGE 成立时间不足；XC_CROSS_APP 重复申报：入驻企业统一社会信用代码91520303MA0000000B、统一社会信用代码"
         "91520303MA0000001E、统一社会信用代码91520303MA0000002H；XC_RESIDENT_COUNT 入驻家数不一致；XC_RESIDENT_RETAIL 名单"
         "零售额不一致；XC_RESIDENT_TRADE 名单交易额不一致")


def test_a_code_moves_whole_to_the_next_line_and_counts_wider_than_half_a_chinese_character():
    assert printed_lines("业" * 300, 40) == text_lines("业" * 300, 40)   # Chinese text: as before
    assert printed_lines(CODES, 40) > text_lines(CODES, 40)
    # a credit code does not fit at a line's end: it starts the next line, the rest of this one left empty
    assert (printed_lines("甲乙丙丁戊91520303MA0000000B", 30), text_lines("甲乙丙丁戊91520303MA0000000B", 30)) == (2, 1)
    assert printed_lines("", 40) == printed_lines("XC", 40) == 1


def _wrapped_cells(path, tmp):
    """(text, width, font, row height) of each wrapped cell of the table's project rows longer than a line."""
    ws = load_workbook(path)["项目汇总表"]
    header = next(r for r in range(1, 6) if ws.cell(r, 1).value == "序号")
    out = []
    for r in range(header + 1, ws.max_row + 1):
        for c in range(1, 17):   # the printed columns: 附件4's 13, 前置条件, 自动评分, 问题
            cell = ws.cell(r, c)
            width = ws.column_dimensions[get_column_letter(c)].width
            if isinstance(cell.value, str) and cell.alignment.wrap_text and text_lines(cell.value, width) > 1:
                out.append((cell.value, width, cell.font, ws.row_dimensions[r].height, f"{path.name} {cell.coordinate}"))
    return out


def test_each_rows_texts_print_whole_in_libreoffice(tmp_path):
    """The demo's six applications summarised by 贵阳市 (five of another 市（州）, two bases sharing six residents) and
    merged: the 毕节 base's 问题 (codes, six credit codes, the merge's own notes) printed cut at its top and bottom
    in the 全省 table — its row was made for 19 lines of Chinese text, LibreOffice printed it in 18 taller ones (QA)."""
    lo.need_soffice()
    example_files(tmp_path, flawed=True)
    folder = tmp_path / "申报表"
    city, province = tmp_path / "贵阳市汇总表.xlsx", tmp_path / "全省.xlsx"
    assert main(["refresh", str(city), "--from", str(folder), "--batch", "2024-05", "--city", "贵阳市"]) == 0
    assert main(["merge", str(province), str(city)]) == 0
    cells = _wrapped_cells(city, tmp_path) + _wrapped_cells(province, tmp_path)
    assert any("XC_RESIDENT_RETAIL" in text for text, *_ in cells)
    printed = lo.printed_text_heights([(text, width, font) for text, width, font, _, _ in cells], tmp_path / "pdf")
    cut = [(where, height, round(need, 1)) for (_, _, _, height, where), need in zip(cells, printed) if need > height]
    assert not cut


def _seven_files_not_read(tmp_path):
    """The demo's applications and seven files no spreadsheet opens, refreshed: (the summary, its 统计 sheet)."""
    example_files(tmp_path, flawed=True)
    folder = tmp_path / "申报表"
    for i in range(1, 8):
        (folder / f"坏文件{i}.xlsx").write_text(f"不是工作簿 {i}", "utf-8")
    summary = tmp_path / "贵阳市汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(folder), "--city", "贵阳市"]) == 1
    return summary, load_workbook(summary)["统计"]


def _pixels(ws, column: int) -> int:
    dim = ws.column_dimensions.get(get_column_letter(column))
    return int((dim.width if dim is not None and dim.width else 8.43) * 7 + 5)


def test_the_files_not_read_are_listed_clear_of_the_count_chart(tmp_path):
    """Seven files not read, listed beside the count table from its second row: the chart (18 cm wide, from two rows
    under the table) lay over the names of the last three, on screen and printed (QA)."""
    _, ws = _seven_files_not_read(tmp_path)
    listed = next(c.column for c in ws[2] if c.value in UNREAD_HEADS)
    anchor = ws._charts[0].anchor
    column, covered = anchor._from.col, 0      # 0-based: the chart's first column
    while covered < anchor.ext.width:          # EMU; 9525 a pixel
        column += 1
        covered += _pixels(ws, column) * 9525
    assert ws.cell(2 + 7, listed).value == "坏文件7.xlsx" and listed > column


def test_the_reasons_files_were_not_read_print_whole_in_libreoffice(tmp_path):
    """The reasons (a line and a half each, wrapped) in rows of one line's height printed over one another, on the
    统计 sheet and on 问题文件 (QA)."""
    lo.need_soffice()
    summary, ws = _seven_files_not_read(tmp_path)
    problems = load_workbook(summary)["问题文件"]
    cells = []
    for sheet in (ws, problems):
        for row in sheet.iter_rows(min_row=3):
            for cell in row:
                width = sheet.column_dimensions[get_column_letter(cell.column)].width
                if isinstance(cell.value, str) and cell.alignment.wrap_text and text_lines(cell.value, width) > 1:
                    height = sheet.row_dimensions[cell.row].height or 15
                    cells.append((cell.value, width, cell.font, height, f"{sheet.title}!{cell.coordinate}"))
    assert len(cells) >= 14
    printed = lo.printed_text_heights([(text, width, font) for text, width, font, _, _ in cells], tmp_path / "pdf")
    cut = [(where, height, round(need, 1)) for (_, _, _, height, where), need in zip(cells, printed) if need > height]
    assert not cut
