"""The 入驻企业名单's own 合计 row (row 4 of the template, native formulas) as Excel, WPS and LibreOffice show it is
the answer ``shibai check`` and SB_RESIDENTS give for the same list: one answer from every face."""
from __future__ import annotations

import python_calamine
from openpyxl import load_workbook
from openpyxl.formula.tokenizer import Token, Tokenizer

from shibai_xl.adapters.xlsx.templates import RESIDENT_COLUMNS, resident_totals
from shibai_xl.examples import example_residents
from shibai_xl.faces import udf_functions as U
from shibai_xl.jobs.check_file import check_file
from tests import libreoffice as lo

LIST = "入驻企业名单"


def _faces(path, shown_path) -> tuple[list, list, list]:
    """(check's totals, SB_RESIDENTS over the list from its header, the 合计 row as LibreOffice shows it)."""
    t = check_file(path).residents
    tool = [t.companies, t.staff, float(t.trade), float(t.retail)]
    rows = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(LIST).to_python()
    formula = [label_value[1] for label_value in U.residents(rows[4:])[:4]]
    shown = load_workbook(shown_path, data_only=True)[LIST]
    native = [shown[f"{col}4"].value for col in "BGHI"]
    return tool, [float(v) for v in formula], [float(v) for v in native]


def test_rows_struck_through_are_no_companies_in_the_lists_own_total(make_workbook, tmp_path):
    """A park fills 12 of the template's 30 rows and strikes the rest through as on paper ("/" in 企业名称 and the
    figures, "—", "无"): check and SB_RESIDENTS count 12 companies, the 合计 row printed 30 家."""
    residents = example_residents("park")
    path = make_workbook("park", residents=residents)
    wb = load_workbook(path)
    ws = wb[LIST]
    first = 6 + len(residents)
    for r in range(first, 36):
        mark = ("/", "—", "无", "／", " / ")[r % 5]
        ws[f"B{r}"] = mark
        for col in "GHI":
            ws[f"{col}{r}"] = "/"
    wb.save(path)
    tool, formula, native = _faces(path, lo.convert(path, "xlsx", tmp_path / "shown"))
    assert tool[0] == len(residents)
    assert formula == tool
    assert native == tool


def test_a_company_listed_twice_counts_once_in_the_lists_own_total(make_workbook, tmp_path):
    """A row copied twice (Ctrl+C, Ctrl+V one row too many), a company typed again with spaces or in lower case:
    check and SB_RESIDENTS count it once with its first row's figures (XC_RESIDENT_DUP), the 合计 row printed one
    company more and its staff and amounts twice."""
    residents = example_residents("park")
    again = [dict(residents[0]), dict(residents[3]), dict(residents[7])]
    again[1]["企业名称"] = " ".join(again[1]["企业名称"])
    again[1]["年度网络交易额（万元）"] = 1            # figures differing from the first row's: the first counts
    residents[7]["企业名称"] = "贵州ABC电子商务有限公司"
    again[2]["企业名称"] = "贵州abc电子商务有限公司"
    for row in again[1:]:
        row["统一社会信用代码"] = None                 # known by its name alone
    path = make_workbook("park", residents=residents + again)
    shown = lo.saved_as([path], ("xlsx", "xls", "ods"), tmp_path)    # .xls, .ods: saved so by WPS or LibreOffice
    tool, formula, native = _faces(path, shown[(path, "xlsx")])
    assert tool[0] == len(residents)
    assert formula == tool
    assert native == tool
    for fmt in ("xls", "ods"):      # and opened again
        assert _faces(path, shown[(path, fmt)])[2] == tool, fmt


def test_the_lists_own_total_nests_no_deeper_than_an_xls_file_keeps():
    """Excel saving a workbook as .xls (97-2003) turns a formula nesting functions more than 7 levels deep into
    #VALUE!: the 合计 row's formulas stay within 7."""
    for col, formula in resident_totals(6, 5005).items():
        depth = deepest = 0
        for token in Tokenizer(formula).items:
            if token.type == Token.FUNC:
                depth += 1 if token.subtype == Token.OPEN else -1
                deepest = max(deepest, depth)
        assert deepest <= 7, (col, deepest)


def test_section_headings_between_the_companies_are_no_companies_in_the_lists_own_total(make_workbook, tmp_path):
    """The list parted into sections ("一、电商企业", "（二）直播机构", or 三 | 服务机构 in 序号 and 企业名称), each
    heading on a row of its own without figures: check and SB_RESIDENTS count the companies only, the 合计 row counted
    each heading as a company. A company typed with an ordinal and its figures ("四、贵州…有限公司") still counts, and
    so does one whose figures are not filled yet."""
    residents = example_residents("park")
    headings = [{"企业名称": "一、电商企业"}, {"企业名称": "（二）直播机构"}, {"序号": "三", "企业名称": "服务机构"},
                {"企业名称": "十一、其他"}]
    ordinal = {**residents[11], "企业名称": "四、" + residents[11]["企业名称"]}
    unfilled = {"序号": "五", "企业名称": "贵州黔货待填电子商务有限公司"}
    rows = [headings[0], *residents[:4], headings[1], *residents[4:8], headings[2], *residents[8:11], headings[3],
            ordinal, unfilled]
    path = make_workbook("park", residents=rows)
    tool, formula, native = _faces(path, lo.convert(path, "xlsx", tmp_path / "shown"))
    assert tool[0] == len(residents) + 1
    assert formula == tool
    assert native == tool


def test_the_column_numbers_row_under_the_header_is_no_company_in_the_lists_own_total(make_workbook, tmp_path):
    """附件3's columns numbered under the header (1 2 3 … 11, the 栏次 row official forms carry), as typed numbers or
    text: check and SB_RESIDENTS leave it out, the 合计 row counted it as a company "2" with 7 staff and 8 and 9 万元."""
    residents = example_residents("park")
    paths = {}
    for typed in (int, str):
        numbers = dict(zip(RESIDENT_COLUMNS, map(typed, range(1, len(RESIDENT_COLUMNS) + 1)), strict=True))
        paths[typed] = make_workbook("park", residents=[numbers, *residents], name=f"栏次-{typed.__name__}.xlsx")
    shown = lo.convert_many(list(paths.values()), "xlsx", tmp_path / "shown")
    for typed, path in paths.items():
        tool, formula, native = _faces(path, shown[path])
        assert tool[0] == len(residents)
        assert formula == tool
        assert native == tool, typed
