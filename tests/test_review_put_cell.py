"""A result table's cell (``review_layout.put_cell``) styled through one shared record per combination is saved as
the cell styled attribute by attribute was: the same sheet and styles parts, a formula-looking text still text with
its quote prefix, two workbooks built one after the other each with their own style records."""
from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook, load_workbook

from shibai_xl.adapters.xlsx import styles as S
from shibai_xl.adapters.xlsx.cells import set_cell
from shibai_xl.adapters.xlsx.review_layout import SMALL_BODY, put_cell

CELLS = [("项目名称", S.WRAP, None, SMALL_BODY), (85.5, S.CENTER, "0.00", SMALL_BODY), ("=HYPERLINK(\"x\")", S.WRAP, None,
         SMALL_BODY), (None, S.CENTER, "0.##", S.BODY), ("@某公司", S.CENTER, None, S.BODY), (3, S.CENTER, None, SMALL_BODY),
         ("#N/A", S.WRAP, "0.00", SMALL_BODY), ("第二行", S.WRAP, None, SMALL_BODY)]


def attribute_by_attribute(ws, row, col, value, *, align, fmt_, font):
    """put_cell as it was written: the value, then each style attribute (openpyxl hashes each anew)."""
    cell = ws.cell(row, col)
    set_cell(cell, value)
    cell.border, cell.alignment, cell.font = S.BOX, align, font
    if fmt_:
        cell.number_format = fmt_
    return cell


def parts(put) -> dict[str, bytes]:
    wb = Workbook()
    for n in range(2):    # the same cells twice over: the second time every combination is known
        for i, (value, align, fmt_, font) in enumerate(CELLS, 1):
            cell = put(wb.active, n * 10 + i, 1 + i % 3, value, align=align, fmt_=fmt_, font=font)
            if i == 2:
                cell.fill = S.WARNING_FILL    # a fill given after, as the result sheets mark a cell
    out = io.BytesIO()
    wb.save(out)
    with zipfile.ZipFile(out) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


def test_put_cell_saves_what_styling_each_attribute_saved():
    ours = parts(put_cell)
    assert ours == parts(put_cell)       # a second workbook: its own style records, the same parts
    assert ours == parts(attribute_by_attribute)
    ws = load_workbook(io.BytesIO(_zipped(ours))).active
    assert ws["A3"].value == "=HYPERLINK(\"x\")" and ws["A3"].data_type == "s" and ws["A3"].quotePrefix
    assert not ws["B1"].quotePrefix and ws["B1"].font.size == 10 and ws["B1"].border.left.style == "thin"
    assert ws["C2"].number_format == "0.00" and ws["C2"].fill.fgColor.rgb == S.WARNING_FILL.fgColor.rgb


def _zipped(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


def test_a_style_known_by_its_key_is_the_style_worked_out_for_each_cell():
    """Styler.keyed (the 专家评分表's cells, styled by column, first row, 回避, 待定) saves what styling each cell
    through Styler() did."""
    styles = {("专家评分", True): {"border": S.BOX, "font": SMALL_BODY, "number_format": "0.##", "fill": S.INPUT_FILL,
                                 "protection": S.UNLOCKED},
              ("项目名称", False): {"border": S.BOX, "font": S.BODY, "alignment": S.WRAP, "fill": S.WARNING_FILL}}

    def saved(keyed: bool) -> dict[str, bytes]:
        wb = Workbook()
        styler = S.Styler()
        for r in range(1, 7):
            key = list(styles)[r % 2]
            cell = wb.active.cell(r, 1 + r % 2)
            if keyed:
                styler.keyed(cell, key, styles[key])
            else:
                styler(cell, **styles[key])
            set_cell(cell, f"=第{r}行" if r == 3 else r)
        out = io.BytesIO()
        wb.save(out)
        with zipfile.ZipFile(out) as z:
            return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}
    assert saved(True) == saved(False)
    ws = load_workbook(io.BytesIO(_zipped(saved(True)))).active
    assert ws["A2"].protection.locked is False and ws["A2"].number_format == "0.##" and ws["B1"].font.size == 11
    assert ws["B3"].quotePrefix and ws["B3"].value == "=第3行"
