"""What applicants print and stamp: the 申报表 with its own name, address and authority as they really are —
longer than the template's answer column holds on one line."""
from __future__ import annotations

import re
import subprocess

import pytest

from tests import libreoffice as lo
from tests.conftest import example

# as Guizhou's applicants write them: the registered name, the full address, the county bureau
LONG = {
    "sb_name": "贵州省遵义市红花岗区黔北农特产品电子商务有限公司",                  # 24 characters
    "sb_authority": "黔东南苗族侗族自治州凯里市商务局",                              # 16
    "sb_address": "贵州省黔东南苗族侗族自治州凯里市经济开发区北京东路8号",            # 28
    "sb_operator_name": "贵州黔货出山园区运营管理有限责任公司",                      # 17
}


def _words(pdf, page=1):
    bbox = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    return [(float(x0), float(y0), float(x1), float(y1), w) for x0, y0, x1, y1, w in
            re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', bbox)]


@pytest.mark.parametrize("app_type", ["park", "enterprise"])
def test_the_applicants_name_address_and_authority_print_whole_in_their_rows(make_workbook, tmp_path, app_type):
    """The answer column holds about 12 Chinese characters a line and its rows were one line tall: a registered
    name of 24 characters or a full address printed as two or three lines squeezed into a one-line row — cut off
    at the top and bottom and drawn over the rows above and below (LibreOffice, Excel and WPS print a row at its
    stored height; a typed answer does not grow a row whose height the template set). Each answer now prints
    whole, inside its own row: its lines clear of the answers above and below."""
    fields = [f for f in LONG if app_type == "park" or f != "sb_operator_name"]
    path = make_workbook(app_type, example(app_type, **{f: LONG[f] for f in fields}))
    pdf = lo.convert(path, "pdf", tmp_path / "pdf")
    words = _words(pdf)
    spans = {}
    for f in fields:
        lines = []     # the answer's lines, top to bottom, by the answer's own characters in the answer column
        for x0, y0, _x1, y1, w in sorted(words, key=lambda w: (w[1], w[0])):
            if x0 > 300 and w and w in LONG[f] and not any(w in LONG[g] for g in fields if g != f):
                lines.append((y0, y1, w))
        assert "".join(w for _y0, _y1, w in lines) == LONG[f], (f, lines)
        spans[f] = (min(y0 for y0, _y1, _w in lines), max(y1 for _y0, y1, _w in lines))
    order = sorted(fields, key=lambda f: spans[f][0])
    for upper, lower in zip(order, order[1:], strict=False):
        assert spans[upper][1] <= spans[lower][0], (upper, lower, spans)


def test_a_performance_text_of_several_hundred_characters_prints_whole_on_the_supplement(make_workbook, tmp_path):
    """附件4 asks 企业运营情况及主要业绩 of 不少于150字 and sets no limit; applicants paste several hundred. The
    补充信息 row held about 260 characters at its stored height (150 pt; a pasted text does not grow it): the rest of
    a 600-character text was cut off the printed sheet, its middle lines drawn over the row below. The row now holds
    what Excel's and WPS's tallest row (409 pt) holds, and a 600-character text prints whole inside it."""
    sentences = [f"第{i:02d}句：公司围绕黔货出山开展直播电商业务，带动农户增收。" for i in range(1, 25)]
    text = "".join(sentences)
    assert len(text) >= 600
    path = make_workbook("enterprise", example("enterprise", sb_performance=text))
    pdf = lo.convert(path, "pdf", tmp_path / "pdf")
    page = next(p for p in range(1, lo.pdf_pages(pdf) + 1) if "补充信息" in lo.pdf_text(pdf, p))
    words = _words(pdf, page)
    above = max(y1 for _x0, _y0, _x1, y1, w in words if w.startswith("联系电话"))              # the row above
    below = min(y0 for _x0, y0, _x1, _y1, w in words if w.startswith("线上交易占营业收入比例"))   # the row below
    shown = "".join(w for _x0, y0, _x1, y1, w in sorted(words, key=lambda w: (w[1], w[0]))
                    if above <= y0 and y1 <= below and w in text)
    assert all(s in shown for s in sentences), [s for s in sentences if s not in shown]


def test_a_long_note_on_the_materials_list_prints_inside_its_cell_at_the_lists_own_size(make_workbook, tmp_path):
    """Applicants write where a material is in the 备注 of the 材料清单 (“见申报材料第3页（县商务局盖章扫描件）”). The
    cell did not wrap: a long note ran out of the table to the right, and LibreOffice shrank the whole printed list to
    take it in (every material smaller, the note outside the ruled box). It now wraps inside its cell, in a row with
    room for two lines, and the list prints at the size it has without notes."""
    from openpyxl import load_workbook

    from shibai_xl.adapters.xlsx.filler import named_cell
    notes = {"sb_mat_recommend": "县商务局已出具，见申报材料第3页（盖章扫描件）",
             "sb_mat_credit_china": "见附件3：信用中国查询截图（已加盖公章）"}
    plain = make_workbook("enterprise", name="无备注.xlsx")
    noted = make_workbook("enterprise", name="有备注.xlsx")
    wb = load_workbook(noted)
    for name, text in notes.items():
        answer = named_cell(wb, name)
        answer.parent.cell(answer.row, answer.column + 1).value = text     # the 备注 beside the answer
    wb.save(noted)
    pdfs = lo.convert_many([plain, noted], "pdf", tmp_path / "pdf")

    def page_words(pdf):
        page = next(p for p in range(1, lo.pdf_pages(pdf) + 1) if "申报材料清单" in lo.pdf_text(pdf, p))
        return _words(pdf, page)

    def title_height(words):
        return next(y1 - y0 for _x0, y0, _x1, y1, w in words if w == "申报材料清单")

    words = page_words(pdfs[noted])
    assert abs(title_height(words) - title_height(page_words(pdfs[plain]))) < 0.5    # not shrunk
    header = next(x1 for _x0, _y0, x1, _y1, w in words if w == "是否提供")
    labels = sorted(y0 for _x0, y0, x1, _y1, w in words if x1 < header and w.startswith("（"))   # 类别, row by row
    for text in notes.values():
        lines = sorted((y0, y1, w) for x0, y0, _x1, y1, w in words if x0 > header and w in text and len(w) > 1)
        assert "".join(w for _y0, _y1, w in lines) == text, lines
        top = max(y for y in labels if y <= lines[0][0] + 8)          # its row's 类别 (centred in the row)
        below = min((y for y in labels if y > top), default=1e9)      # the next row's
        assert lines[-1][1] <= below, (text, lines, below)
