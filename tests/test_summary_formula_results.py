"""A clerk's own formulas in the city summary that read its cells (=K6/10000, =AVERAGE(W4:Y4), =SUM(K4:K7), a
cross-sheet =项目汇总表!K4): a refresh saves them with the results Excel computes, so the readers that compute
nothing (pandas, calamine, the province's merge) see the figures; each result checked against LibreOffice's own
recalculation of the same file."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from shibai_xl.faces.cli import main
from tests.libreoffice import convert
from tests.test_refresh import by_name
from tests.test_refresh_clerk_edits import ENTERPRISE, PARK, _edit, apps  # noqa: F401
from tests.test_refresh_rounds import TRADE


def _saved(path, sheet: str) -> dict[str, object]:
    """The values a reader that computes nothing sees: cell → value, by its A1 name."""
    from openpyxl.utils import get_column_letter

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    return {f"{get_column_letter(c + 1)}{r + 1}": v for r, row in enumerate(rows) for c, v in enumerate(row) if v != ""}


def _clerk_formulas(typed: dict):
    def edit(ws, table, header, row_of):
        park, ent = row_of[PARK], row_of[ENTERPRISE]
        k = ws.cell(park, header[TRADE]).column_letter
        score = ws.cell(park, header["市州评分"]).column_letter
        for c, v in zip("WXY", (90, 80, 85)):
            ws[f"{c}{park}"] = v
        ws[f"W{ent}"] = 500
        ws[f"X{ent}"] = "八十"     # text: =1000+X is #VALUE! in Excel: no result, said
        typed.update({
            f"项目汇总表!{score}{park}": f"=AVERAGE(W{park}:Y{park})",
            f"项目汇总表!{k}{ent}": f"=1000+W{ent}",
            f"项目汇总表!{score}{ent}": f"=1000+X{ent}",
            f"项目汇总表!Z{park}": f"={k}{park}/10000",
            f"项目汇总表!Z{ent}": f"=SUM(W{park}:Y{ent})/4+MAX({k}{park},{k}{ent})",
        })
        for at, formula in typed.items():
            ws[at.split("!")[1]] = formula
        other = ws.parent.create_sheet("审核")
        other["A1"] = f"=项目汇总表!{k}{park}+'项目汇总表'!{k}{ent}"
        other["A2"] = f"=SUM(项目汇总表!{k}4:{k}{ws.max_row})"
        other["A3"] = "=A1-A2"
        other["A4"] = "=A5+1"       # a loop: no result (Excel: a circular reference)
        other["A5"] = "=A4+1"
        typed.update({f"审核!A{i}": other[f"A{i}"].value for i in range(1, 6)})
    return edit


def test_a_clerks_formulas_reading_cells_are_saved_with_the_results_libreoffice_computes(tmp_path, apps, capsys):  # noqa: F811
    """Before: each of these formulas had no saved result after a refresh; the province's merge read the park's
    市州评分 =AVERAGE(W4:Y4) of three typed scores as no figure, and said so. Now saved with Excel's result."""
    summary = tmp_path / "贵阳市汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    typed: dict[str, str] = {}
    _edit(summary, _clerk_formulas(typed))
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    said = capsys.readouterr().out
    assert "=1000+X" in said and "=AVERAGE(W" not in said, said      # only the one without a result is said
    recalculated = convert(summary, "xlsx", tmp_path / "lo")
    ours, theirs = {}, {}
    for at in typed:
        sheet, cell = at.split("!")
        ours[at] = _saved(summary, sheet).get(cell)
        theirs[at] = _saved(recalculated, sheet).get(cell)
    computed = {at: v for at, v in ours.items() if v is not None}
    assert set(computed) == set(typed) - {k for k, f in typed.items() if "X" in f and "1000" in f or "A4" in k
                                          or "A5" in k}, ours
    for at, value in computed.items():
        assert value == pytest.approx(theirs[at], rel=1e-12), (at, typed[at], value, theirs[at])
    wb = load_workbook(summary)
    assert wb["审核"]["A4"].value == "=A5+1"       # the formulas themselves are kept
    province = tmp_path / "全省.xlsx"
    capsys.readouterr()
    main(["merge", str(province), str(summary)])
    got = by_name(province)
    assert got[PARK]["市州评分"] == 85 and "公式" not in (got[PARK]["问题"] or ""), got[PARK]


_VALUES = {"A1": 1200, "A2": 350.5, "A3": None, "A4": "八十", "A5": "1200", "A6": True, "A7": 0, "A8": -3,
           "B1": 0.1, "B2": 0.2, "B3": 1e-7, "B4": 12345678.9, "B5": "", "B6": 0.3, "C1": "#N/A"}
_FORMULAS = {   # formula → whether a result is saved (None: Excel gives an error or we do not guess)
    "=A1/10000": True, "=A1+A2": True, "=$A$1*2%": True, "=A3+1": True, "=-A8^2": True, "=A8^0.5": False,
    "=SUM(A1:A8)": False, "=SUM(A1:A5,A7:A8)": True, "=AVERAGE(A1:A5)": True, "=AVERAGE(A3:A5)": False,
    "=MIN(A1:A5,A8)": True, "=MAX(A3:A5)": True, "=SUM(B1:B4)": True, "=B1+B2": True, "=SUM(A4)": True,
    "=A4+1": False, "=A5+1": False, "=A6+1": False, "=B5+1": False, "=SUM(C1,A1)": False, "=A1/A7": False,
    "=AVERAGE(A1,A3,A2)": True, "=SUM(A1+A3)": True, "=SUM(A2:A1)": True, "=A1:A2+1": False,
    "=数据!B2*2": True, "='Sheet 2'!A1+1": True, "=SUM('Sheet 2'!A1:A3)": True, "=缺表!A1": False,
    "=D2+1": True, "=D1*2": True, "=D3": False, "=SUM(A1:A2)/SUM(B1:B2)": True,
    "=ROUND(2.675,2)": True, "=ROUND(1.005,2)": True, "=ROUND(0.285,2)": True, "=ROUND(-2.5,0)": True,
    "=ROUND(-0.4,0)": True, "=ROUND(A3,1)": True, "=ROUND(AVERAGE(A1:A2),1)": True, "=ROUND(A1/7,-1)": True,
    "=ROUND(B4,-3)": True, "=ROUND(A2,1.9)": True, "=ROUND(B1+B2,15)": True, "=ROUND(A1/3,2)*3": True,
    "=ROUND(A4,1)": False, "=ROUND(A1:A2,1)": False, "=ROUND(A1)": False, "=ROUND(A1,2,3)": False,
    "=0.1+0.2-0.3": True, "=B1+B2-B6": True, "=B6-SUM(B1:B2)": True, "=1-0.9-0.1": True, "=35.6-35.5-0.1": False,
    "=(0.1+0.2-0.3)*1": False, "=SUM(B1,B2,-0.3)": False, "=SUM(B1,B2)-0.3": True, "=B6-D5": True,
}


def test_every_result_saved_is_the_one_libreoffice_computes(tmp_path):
    """The grammar's references, each kind of cell read (a number, nothing, text, a number as text, TRUE, "", an
    error value), ranges in SUM/AVERAGE/MIN/MAX, other sheets, a chain of formulas and a loop: what is saved is what
    LibreOffice's recalculation of the same file shows; where Excel gives an error or the two could differ (TRUE in a
    SUM), nothing is saved."""
    from openpyxl import Workbook

    from shibai_xl.adapters.xlsx.formula_results import save_with_results

    wb = Workbook()
    ws = wb.active
    ws.title = "项目汇总表"
    for at, v in _VALUES.items():
        ws[at] = v
    ws["C1"].data_type = "e"
    ws["D1"], ws["D2"], ws["D3"], ws["D4"], ws["D5"] = "=A1+A2", "=D1/2", "=D4+1", "=D3+1", "=B1+B2"
    wb.create_sheet("数据")["B2"] = 21
    other = wb.create_sheet("Sheet 2")
    other["A1"], other["A2"], other["A3"] = 5, "=A1*3", "x"
    column = {}
    for i, formula in enumerate(_FORMULAS, 1):
        ws[f"F{i}"], column[f"F{i}"] = formula, formula
    path = tmp_path / "s.xlsx"
    save_with_results(wb, path)
    ours, theirs = _saved(path, "项目汇总表"), _saved(convert(path, "xlsx", tmp_path / "lo"), "项目汇总表")
    for at, formula in column.items():
        if _FORMULAS[formula]:
            assert isinstance(ours.get(at), float), (formula, ours.get(at), theirs.get(at))
            assert ours[at] == pytest.approx(theirs[at], rel=1e-13, abs=1e-300), (formula, ours[at], theirs[at])
            assert (ours[at] == 0) == (theirs[at] == 0), (formula, ours[at], theirs[at])    # float noise is no 0
        else:
            assert at not in ours, (formula, ours[at])
    assert "D3" not in ours and "D4" not in ours and ours["D2"] == theirs["D2"] == 775.25


def _results(wb):
    from shibai_xl.adapters.xlsx.formula_results import FormulaResults

    return FormulaResults(wb).all()


def test_a_long_chain_a_huge_range_and_a_file_made_to_take_long_end_quickly_and_never_wrong():
    """A running total a few thousand rows long (either way up: no recursion), a sum over a whole sheet's area, and
    20 000 sums of 3 000 cells each (60 million cells to look at): a result for each that is known within the
    bound, none for the rest, in a few seconds."""
    import time

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for r in range(1, 3001):
        ws[f"A{r}"] = 1
        ws[f"B{r}"] = f"=B{r - 1}+A{r}" if r > 1 else "=A1"     # down
        ws[f"C{r}"] = f"=C{r + 1}+A{r}" if r < 3000 else "=A3000"    # up
    wb.create_sheet("合计")["A1"] = "=SUM(Sheet!A1:XFD1048576)"
    ws["D1"] = "=SUM(A1:D3)"        # itself among its cells: a loop, no result (Excel: a circular reference)
    started = time.perf_counter()
    got = _results(wb)
    assert got["Sheet"]["B3000"] == got["Sheet"]["C1"] == "3000" and "D1" not in got["Sheet"]
    assert "合计" not in got          # D1 among its cells has no result: nor has the sum
    assert time.perf_counter() - started < 5

    wb = Workbook()
    ws = wb.active
    for r in range(1, 3001):
        ws[f"A{r}"] = r
    for r in range(1, 20001):   # the bound is passed amid reading a sum's cells: no result, not the sum of fewer
        ws[f"B{r}"] = "=SUM(A1:A3000)"
    started = time.perf_counter()
    got = _results(wb)["Sheet"]
    assert time.perf_counter() - started < 10
    assert 0 < len(got) < 20000 and set(got.values()) == {str(3000 * 3001 // 2)}
