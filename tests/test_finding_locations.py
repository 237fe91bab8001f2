"""Every finding of ``check`` speaks the contract and points at the right cell (CONTRACT §4/§5), property-style
over many generated applications: the four types with answers left blank, filled wrongly (bad 信用代码, bad mobile,
short 业绩, bad dates, amounts as words), resident-list problems (a doubled company, 零售额 > 交易额, a blank name
with figures, a negative 从业人数) and materials answered 否 — as ``shibai new`` makes them and a clerk fills them,
then the same workbooks without their defined names (read by labels) and saved as .xls and .ods (QA qa34c).

For each finding: the code is documented, the severity one of three, the message Chinese with no Python text,
and where a sheet and cell are given they are the field's own cell: its defined name's cell in the workbook as
made, or the resident list's row and column."""
from __future__ import annotations

import copy
import functools
import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import fill, named_cell
from shibai_xl.engine.findings import CODES
from shibai_xl.examples import EXAMPLES, example_residents
from shibai_xl.faces.cli import main
from shibai_xl.jobs.check_file import check_file
from tests import libreoffice as lo
from tests.acceptance.test_real_files import _strip_names as strip_names
from tests.conftest import TYPES, all_materials

CJK = re.compile("[\u4e00-\u9fff]")
PYTHON_TEXT = re.compile(r"Traceback|Error\b|Exception|\bNone\b|\bnan\b|\{'|\['|\w+\(\)|[A-Za-z]+ [a-z]+ [a-z]+ [a-z]+")


def _blank(values, residents, mats):
    return {k: None for k in values}, residents, mats


def _wrong(values, residents, mats):
    return dict(values, sb_uscc="91520102MA6DKQ8X1A", sb_leader_mobile="12345", sb_contact_phone="123",
                sb_performance="经营良好", sb_fill_date="2024年13月", sb_established="去年", sb_period_start="2023-01",
                sb_period_end="2023-06", sb_trade_total="约三千万", sb_online_retail="abc"), residents, mats


def _words(values, residents, mats):
    return {k: ("很多" if isinstance(v, int | float) and not isinstance(v, bool) else v) for k, v in values.items()}, \
        residents, mats


def _materials_no(values, residents, mats):
    return values, residents, {k: "否" for k in mats}


def _list_problems(values, residents, mats):
    if not residents:
        return values, residents, mats
    rows = copy.deepcopy(residents)
    rows.append(dict(rows[0]))                       # the same company twice
    rows[1]["年度网络零售额（万元）"] = 10 ** 6          # 零售额 > 交易额
    rows[2]["企业名称"] = None                         # figures without a name
    rows[3]["从业人数"] = -5
    return dict(values, sb_resident_count=99), rows, mats


VARIANTS = {"blank": _blank, "wrong": _wrong, "words": _words, "materials_no": _materials_no, "list": _list_problems}


def _named_cells(wb) -> dict[str, tuple[str, str]]:
    return {n: (s, c.replace("$", "")) for n, d in wb.defined_names.items() for s, c in d.destinations}


def _list_cells(wb) -> dict[tuple[str, str], str]:
    """(sheet, cell) → the 附件3 column header above it, for every data cell of the sb_residents table."""
    from openpyxl.utils.cell import get_column_letter, range_boundaries

    out = {}
    for ws in wb.worksheets:
        for table in ws.tables.values():
            c1, r1, c2, r2 = range_boundaries(table.ref)
            for c in range(c1, c2 + 1):
                for r in range(r1 + 1, max(r2, r1 + 60) + 1):
                    out[(ws.title, f"{get_column_letter(c)}{r}")] = ws.cell(r1, c).value
    return out


@pytest.fixture(scope="module")
def applications(tmp_path_factory, rules) -> list[Path]:
    folder = tmp_path_factory.mktemp("apps")
    paths = []
    for app_type in TYPES:
        for variant, change in VARIANTS.items():
            path = folder / f"{app_type}-{variant}.xlsx"
            assert main(["new", app_type, "--out", str(path)]) == 0
            wb = load_workbook(path)
            residents = example_residents(app_type) if app_type in ("park", "base") else None
            values, residents, mats = change(copy.deepcopy(EXAMPLES[app_type]), residents, all_materials(rules))
            fill(wb, {k: v for k, v in values.items() if k in wb.defined_names}, residents, mats)
            wb.save(path)
            paths.append(path)
    return paths


@functools.cache
def _made_cells(made: Path) -> tuple[dict, dict, set]:
    """The named cells, resident-list cells and sheet names of a workbook as made (read once: the module's workbooks
    are made once and only read, and each is compared with its blank, wrong, bare, .xls and .ods copies)."""
    wb = load_workbook(made)
    return _named_cells(wb), _list_cells(wb), set(wb.sheetnames)


@functools.cache
def _made_findings(made: Path) -> frozenset:
    return frozenset((f.code, f.sheet, f.cell) for f in check_file(made).findings)


def assert_findings_speak_the_contract(path: Path, made: Path) -> list:
    """The findings of ``path`` (``made`` is the workbook as the tool made and the clerk filled it)."""
    names, list_cells, sheets = _made_cells(made)
    result = check_file(path)
    assert result.findings
    for f in result.findings:
        j = f.to_json()
        said = f"{path.name}: {j}"
        assert j["code"] in CODES, said
        assert j["severity"] in ("error", "warning", "info"), said
        assert CJK.search(j["message"]) and not PYTHON_TEXT.search(j["message"]), said
        assert "主管部门（盖章）" not in j["message"], said   # the approval box is no answer
        if f.field in names:
            assert (j["sheet"], j["cell"]) == names[f.field], f"{said} — {f.field} is at {names[f.field]}"
        elif j["sheet"] is not None:
            assert j["sheet"] in sheets, said
            if f.field:                                          # a column of the resident list
                assert list_cells.get((j["sheet"], j["cell"])) == f.field, said
        else:
            assert f.field is None or not f.field.startswith("sb_"), said
    return result.findings


def test_findings_of_named_workbooks(applications, capsys):
    for path in applications:
        assert_findings_speak_the_contract(path, path)
    capsys.readouterr()
    assert main(["check", str(applications[0].parent), "--json"]) == 0       # what a program reading the JSON gets
    printed = {Path(o["file"]).name: o["findings"] for o in json.loads(capsys.readouterr().out)}
    assert set(printed) == {p.name for p in applications}
    for path in applications:
        assert printed[path.name] == [f.to_json() for f in check_file(path).findings], path.name


def test_findings_of_workbooks_that_lost_their_names(applications, tmp_path):
    for path in applications:
        bare = strip_names(path, tmp_path / path.name)
        assert_findings_speak_the_contract(bare, path)


@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_findings_of_xls_and_ods_copies(applications, tmp_path, fmt):
    copies = lo.convert_many(applications, fmt, tmp_path / fmt)
    for made, copy_ in copies.items():
        found = assert_findings_speak_the_contract(copy_, made)
        assert {(f.code, f.sheet, f.cell) for f in found} <= _made_findings(made)


def _bare(make_workbook, tmp_path, app_type: str, **blank) -> tuple[Path, Path]:
    values = {k: v for k, v in EXAMPLES[app_type].items() if k not in blank}
    made = make_workbook(app_type, values)
    return strip_names(made, tmp_path / f"{app_type}-无名称.xlsx"), made


def test_a_blank_supplement_sheet_is_not_read_as_its_printed_hints(make_workbook, tmp_path):
    """补充信息 is not on the official form, so an applicant who retypes or pastes the form leaves it blank: read by
    labels, the template's hints beside the answers were taken as the answers — "统一社会信用代码错误：“18位，按营业执照
    填写”", "成立日期填写为“按营业执照填写成立日期”" — and the findings pointed at the hint column (QA qa34c)."""
    from shibai_xl.adapters.xlsx.layout import SUPPLEMENT_HINTS

    supplement = {f: None for f in ("sb_city", "sb_county", "sb_uscc", "sb_established", "sb_credit_ok",
                                    "sb_finance_ok", "sb_contact", "sb_contact_phone", "sb_performance", "sb_fans",
                                    "sb_agri_sales", "sb_app_running")}
    bare, made = _bare(make_workbook, tmp_path, "team", **supplement)
    findings = check_file(bare).findings
    assert not [f.message for f in findings if any(h in f.message for h in SUPPLEMENT_HINTS.values())]
    cells = {(f.code, f.field): (f.sheet, f.cell) for f in findings}
    wb = load_workbook(made)
    for field in ("sb_uscc", "sb_established", "sb_contact"):
        where = named_cell(wb, field)
        assert cells[("FIELD_REQUIRED", field)] == (where.parent.title, where.coordinate), field
    assert "FIELD_USCC" not in {f.code for f in findings} and "FIELD_DATE" not in {f.code for f in findings}


def _form_left_blank(make_workbook, tmp_path, app_type: str) -> tuple[list, object]:
    """A 申报表 not yet begun (补充信息 and 材料清单 filled) in a workbook that lost its names: its findings, its book."""
    from shibai_xl.engine import fields as F

    form = {n for n in EXAMPLES[app_type] if n in F.FIELDS and not F.FIELDS[n].supplementary}
    bare, made = _bare(make_workbook, tmp_path, app_type, **dict.fromkeys(form))
    return check_file(bare).findings, load_workbook(made)


@pytest.mark.parametrize("app_type", TYPES)
def test_a_blank_percentage_is_not_read_as_its_printed_percent_sign(make_workbook, tmp_path, app_type):
    """The form prints “孵化成功率 ____ %”: read by labels, the unit "%" beside a blank 孵化成功率 was taken as an
    answer (every other unit was skipped, "%" was compared after the punctuation that label keys drop), so on a
    park's 申报表 not yet begun every blank answer was placed in the units column: 必填项为空 pointed at D3, D28 …
    instead of the answer cells (QA qa34c)."""
    findings, wb = _form_left_blank(make_workbook, tmp_path, app_type)
    on_form = [f for f in findings if f.code == "FIELD_REQUIRED" and f.sheet == "申报表"
               and F_ROWS.search(named_cell(wb, f.field).coordinate)]
    assert len(on_form) > 10
    wrong = [(f.field, f.cell, named_cell(wb, f.field).coordinate) for f in on_form
             if f.cell != named_cell(wb, f.field).coordinate]
    assert not wrong


F_ROWS = re.compile(r"^[A-Z]+(?:[6-9]|\d\d)$")    # the items under the header rows (名称 … 地址: their own test)


@pytest.mark.parametrize("app_type", TYPES)
def test_the_approval_box_is_no_answer_of_the_last_item(make_workbook, tmp_path, app_type):
    """A 申报表 not yet begun, read by labels, looked like a form retyped as a column (answers under their labels),
    and the 市（州）商务主管部门审核意见 box under the last item was read as its answer: "跨境电商年销售额（美元）填写为
    “市（州）商务主管部门（盖章）年 月 日”", "在助力乡村振兴方面成效显著填写为“…（盖章）…”" (QA qa34c)."""
    findings, wb = _form_left_blank(make_workbook, tmp_path, app_type)
    assert not [f.message for f in findings if "盖章" in f.message and "材料" not in f.message]
    last = {"park": "sb_crossborder_usd", "base": "sb_crossborder_usd", "enterprise": "sb_rural",
            "team": "sb_agri_sales_50w"}[app_type]
    assert [(f.sheet, f.cell) for f in findings if f.field == last and f.code == "FIELD_REQUIRED"] in (
        [], [("申报表", named_cell(wb, last).coordinate)])
    assert not [f for f in findings if f.field == last and f.code != "FIELD_REQUIRED"]


def test_the_printed_options_of_enterprise_kind_are_no_answer(make_workbook, tmp_path):
    """The form prints “企业类别：(平台型企业) / (服务类企业)” in one cell: read by labels with the answer left blank,
    the printed words after the colon were taken as what the applicant typed there — "企业类别填写为“(平台型企业) /
    (服务类企业)”，应为以下之一", at the label's cell — instead of 企业类别 not being filled in (QA qa34c)."""
    bare, made = _bare(make_workbook, tmp_path, "enterprise", sb_enterprise_kind=None)
    findings = [f for f in check_file(bare).findings if f.field == "sb_enterprise_kind"]
    where = named_cell(load_workbook(made), "sb_enterprise_kind").coordinate
    assert findings and all(f.code != "FIELD_CHOICE" and (f.sheet, f.cell) == ("申报表", where) for f in findings), \
        [f.to_json() for f in findings]


@pytest.mark.parametrize("app_type", TYPES)
def test_a_blank_header_answer_is_pointed_at_its_own_cell(make_workbook, tmp_path, app_type):
    """名称, 主管部门, 地址 and 填表时间 are printed over two merged columns: on a 申报表 not yet begun, read by labels,
    their blank answers were placed in the column right of the label's first cell — inside the label, B3 — so
    ``check --write`` marked the label and the JSON pointed there, not at C3 (QA qa34c)."""
    findings, wb = _form_left_blank(make_workbook, tmp_path, app_type)
    header = {"sb_name", "sb_authority", "sb_address", "sb_fill_date"}
    said = {(f.field, f.sheet, f.cell) for f in findings if f.code == "FIELD_REQUIRED" and f.field in header}
    assert said == {(n, "申报表", named_cell(wb, n).coordinate) for n in header}
