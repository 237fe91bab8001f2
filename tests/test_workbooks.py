"""The official workbooks: contract names, validation, protection, printing, reading back."""
from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.workbook.defined_name import DefinedName

from shibai_xl.adapters.xlsx.package import parse_ref
from shibai_xl.adapters.xlsx.reader import NotAnApplication, read_application
from shibai_xl.adapters.xlsx.templates import RESIDENT_COLUMNS
from shibai_xl.engine import fields as F
from shibai_xl.engine.check import check
from shibai_xl.faces.cli import main
from shibai_xl.jobs.export_templates import template_files
from tests import libreoffice as lo
from tests.conftest import ROOT, TYPES


def new(tmp_path: Path, kind: str) -> Path:
    path, n = tmp_path / f"{kind}.xlsx", 1
    while path.exists():          # ``new`` never writes over a file
        n += 1
        path = tmp_path / f"{kind}-{n}.xlsx"
    assert main(["new", kind, "--out", str(path)]) == 0
    return path


def name_cell(wb, name):
    dn = wb.defined_names[name]
    sheet, ref = parse_ref(dn.attr_text)
    return wb[sheet][ref]


@pytest.mark.parametrize("kind,app_type", [("park", "park"), ("直播基地", "base"), ("企业", "enterprise"),
                                           ("直播团队", "team"), ("园区", "park"), ("示范企业", "enterprise")])
def test_new_accepts_ids_and_chinese_names(tmp_path, kind, app_type):
    wb = load_workbook(new(tmp_path, kind))
    assert wb.defined_names["sb_type"].attr_text == f'"{app_type}"'


def test_new_refuses_unknown_kind_and_bad_suffix(tmp_path, capsys):
    # usage errors: nothing done (CONTRACT §4), never the "partly done" 1
    assert main(["new", "工厂", "--out", str(tmp_path / "x.xlsx")]) == 2
    assert "不认识的类型" in capsys.readouterr().err
    assert main(["new", "park", "--out", str(tmp_path / "x.xls")]) == 2


def test_new_title_is_for_the_summary_only_and_stays_text(tmp_path, capsys):
    # README: `shibai new summary --title …`; a title typed for an application form was dropped without a word
    assert main(["new", "园区", "--out", str(tmp_path / "园区.xlsx"), "--title", "贵阳某园区申报表"]) == 2
    assert "--title" in capsys.readouterr().err and not (tmp_path / "园区.xlsx").exists()
    # a title is text, as every text the tool writes: "=…" never becomes a formula on the printed 附件4
    assert main(["new", "summary", "--out", str(tmp_path / "汇总.xlsx"), "--title", "=贵阳市汇总表"]) == 0
    a1 = load_workbook(tmp_path / "汇总.xlsx")["项目汇总表"]["A1"]
    assert a1.value == "=贵阳市汇总表" and a1.data_type == "s"


@pytest.mark.parametrize("app_type", TYPES)
def test_every_contract_name_is_an_input_cell(tmp_path, rules, app_type):
    wb = load_workbook(new(tmp_path, app_type))
    validated = {}
    for ws in wb.worksheets:
        for dv in ws.data_validations.dataValidation:
            for rng in dv.sqref.ranges:
                validated[(ws.title, rng.coord)] = dv
    for f in F.fields_for(app_type):
        assert f.name in wb.defined_names, f.name
        cell = name_cell(wb, f.name)
        assert cell.protection.locked is False, f.name
        assert cell.fill.fgColor.rgb.endswith("FFF8DC"), f.name
        if f.kind in (F.YESNO, F.CHOICE, F.COUNT, F.AMOUNT, F.AREA, F.USD, F.PERCENT, F.DATE, F.MONTH):
            dv = validated.get((cell.parent.title, cell.coordinate))
            assert dv is not None, f.name
            assert dv.prompt and dv.error and dv.showErrorMessage, f.name
            if f.kind == F.YESNO:
                assert dv.formula1 == '"是,否"'
    others = set().union(*(F.names_for(t) for t in TYPES)) - F.names_for(app_type)
    assert not others & set(wb.defined_names.keys())
    for m in rules.materials:
        assert m.name in wb.defined_names
    assert wb["申报表"].protection.sheet and wb["评分"].protection.sheet


@pytest.mark.parametrize("app_type", ["park", "base"])
def test_resident_table(tmp_path, app_type):
    wb = load_workbook(new(tmp_path, app_type))
    ws = wb["入驻企业名单"]
    table = ws.tables["sb_residents"]
    first = table.ref.split(":")[0]
    header = [ws.cell(int(first[1:]), c).value for c in range(1, len(RESIDENT_COLUMNS) + 1)]
    assert header[:10] == ["序号", "企业名称", "联系人", "联系方式", "企业网址", "所属行业（类型）", "从业人数",
                           "年度网络交易额（万元）", "年度网络零售额（万元）", "备注"]
    assert ws.print_title_rows and ws.page_setup.orientation == "landscape"
    assert not ws.protection.sheet  # a table cannot grow on a protected sheet


@pytest.mark.parametrize("app_type", ["enterprise", "team"])
def test_no_resident_table_for_enterprise_and_team(tmp_path, app_type):
    assert "入驻企业名单" not in load_workbook(new(tmp_path, app_type)).sheetnames


def test_form_keeps_the_printed_wording(tmp_path):
    text = {}
    for t in TYPES:
        ws = load_workbook(new(tmp_path, t))["申报表"]
        text[t] = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert "电商示范园区申报表" in text["park"] and "21. 跨境电商年销售额实现" in text["park"]
    assert "6. 驻电商企业中列为国家级或省级示范企业" in text["base"]          # the official typo stays
    assert "3 线上交易占营业收入 50%以上" in text["enterprise"]
    assert text["team"].count("7. ") == 2 and text["team"].count("8. ") == 2   # duplicated numbers stay
    for t in TYPES:
        assert "市（州）商务主管部门（盖章）" in text[t] and "年　　月　　日" in text[t]


def test_print_setup(tmp_path):
    for kind in ("park", "summary", "rubric-park"):
        wb = load_workbook(new(tmp_path, kind))
        for ws in wb.worksheets:
            if ws.sheet_state != "visible":
                continue
            assert int(ws.page_setup.paperSize) == 9  # A4
            assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
            assert "&P" in ws.oddFooter.center.text
    wb = load_workbook(new(tmp_path, "park"))
    assert wb["申报表"].page_setup.orientation == "portrait"
    assert wb["评分"].page_setup.orientation == "landscape" and wb["评分"].print_title_rows


def test_summary_template(tmp_path):
    wb = load_workbook(new(tmp_path, "summary"))
    ws = wb["项目汇总表"]
    t = ws.tables["sb_summary"]
    header = [ws.cell(3, c).value for c in range(1, 14)]
    assert header == ["序号", "市（州）", "县区", "企业名称", "企业地址", "项目类型", "企业性质", "企业运营情况及主要业绩",
                      "联系人", "电话", "年度交易额（万元）", "年度网络零售额（万元）", "市州评分"]
    tools = [ws.cell(3, c).value for c in range(14, 30) if ws.cell(3, c).value]
    assert {"前置条件", "自动评分", "问题", "来源文件"} <= set(tools)
    assert "XX市（州）2024年电商“十百千万”工程示范项目汇总表" == ws["A1"].value
    assert ws["A2"].value == "填报人：" and ws["E2"].value == "联系方式："
    assert t.ref.startswith("A3:")


# --- reading back -----------------------------------------------------------------------------

def typed_values(app_type: str) -> dict:
    """A distinct, valid value for every contract field, as a person would type it."""
    return {f.name: _typed(f, i) for i, f in enumerate(F.fields_for(app_type))}


def _typed(f, i: int):
    """The ``i``-th field's value for its kind."""
    return {
        F.TEXT: lambda: f"文字{i}号", F.LONGTEXT: lambda: "业绩" * 80, F.DATE: lambda: date(2020, 1 + i % 12, 1 + i % 28),
        F.MONTH: lambda: date(2023, 1 + i % 12, 1), F.YESNO: lambda: "是" if i % 2 else "否",
        F.CHOICE: lambda: f.choices[i % len(f.choices)], F.AMOUNT: lambda: 1000 + i + 0.25, F.COUNT: lambda: i,
        F.AREA: lambda: 500 + i, F.PERCENT: lambda: 40 + i % 50, F.USD: lambda: 12345 + i,
        F.MOBILE: lambda: "13908510001", F.PHONE: lambda: "0851-88552573", F.USCC: lambda: "91520102MA6DKQ8X18",
    }[f.kind]()


@pytest.mark.parametrize("app_type", TYPES)
def test_read_back_gives_exactly_what_was_typed(make_workbook, app_type):
    values = typed_values(app_type)
    path = make_workbook(app_type, values, residents=[] if app_type in ("park", "base") else None)
    app = read_application(path)
    assert app.type == app_type
    for name, typed in values.items():
        raw = app.raw[name]
        got = raw.value
        if F.FIELDS[name].kind == F.PERCENT:
            assert raw.percent_format and abs(got * 100 - typed) < 1e-9, name
        elif isinstance(typed, date):
            assert got == typed, name
        else:
            assert got == typed, (name, got, typed)
        assert raw.sheet and raw.cell
    assert app.source == path.name


def test_read_back_residents_and_materials(make_workbook, rules):
    from shibai_xl.examples import example_residents
    rows = example_residents("park")
    app = read_application(make_workbook("park"))
    assert len(app.residents) == len(rows)
    for got, typed in zip(app.residents, rows):
        for key in ("企业名称", "从业人数", "年度网络交易额（万元）", "备注", "统一社会信用代码"):
            assert (got.get(key) or "") == (typed[key] or ""), key
    assert {m.name for m in rules.materials} == set(app.materials)


def test_more_residents_than_the_template_rows(make_workbook):
    from shibai_xl.examples import example_residents
    rows = example_residents("park", 75)
    app = read_application(make_workbook("park", residents=rows))
    assert len(app.residents) == 75


def test_rows_typed_below_the_table_are_read(make_workbook):
    path = make_workbook("base")
    wb = load_workbook(path)
    ws = wb["入驻企业名单"]
    end = int(ws.tables["sb_residents"].ref.split(":")[1][1:])
    ws.cell(end + 1, 2).value = "表格下方补录的企业"
    ws.cell(end + 1, 8).value = 10
    wb.save(path)
    names = [r.get("企业名称") for r in read_application(path).residents]
    assert "表格下方补录的企业" in names


def test_rows_typed_after_a_gap_under_the_table_are_counted_whole(make_workbook):
    """1000 companies typed under the table after a few blank rows are not read (the list ended at the blank
    row) and the warning says so — with their number: it said "还有197行" (only the rows it looked through)."""
    path = make_workbook("park")
    wb = load_workbook(path)
    ws = wb["入驻企业名单"]
    end = int(ws.tables["sb_residents"].ref.split(":")[1][1:])
    for i in range(1000):
        ws.cell(end + 5 + i, 1).value = i + 100
        ws.cell(end + 5 + i, 2).value = f"补录电子商务有限公司{i}"
        ws.cell(end + 5 + i, 8).value = 10
    wb.save(path)
    said = [f.message for f in check(read_application(path)).findings if "像是入驻企业" in f.message]
    assert len(said) == 1 and "还有1000行像是入驻企业" in said[0], said


def _shift_name(wb, name, sheet=None, rows=0, cols=0):
    dn = wb.defined_names[name]
    s, ref = parse_ref(dn.attr_text)
    from openpyxl.utils import column_index_from_string, get_column_letter
    col = "".join(ch for ch in ref if ch.isalpha())
    row = int("".join(ch for ch in ref if ch.isdigit()))
    new_ref = f"{get_column_letter(column_index_from_string(col) + cols)}{row + rows}"
    wb.defined_names[name] = DefinedName(name, attr_text=f"'{sheet or s}'!${new_ref.rstrip('0123456789')}${row + rows}")
    return new_ref


def test_moved_cells_renamed_sheets_inserted_rows(make_workbook):
    path = make_workbook("park")
    before = read_application(path)
    wb = load_workbook(path)
    # what Excel does when a person inserts 3 rows at the top of 申报表 and renames two sheets
    ws = wb["申报表"]
    ws.insert_rows(1, 3)
    for name, dn in list(wb.defined_names.items()):
        loc = parse_ref(dn.attr_text)
        if loc and loc[0] == "申报表":
            _shift_name(wb, name, rows=3)
    ws.title = "园区申报表（定稿）"
    for name, dn in list(wb.defined_names.items()):
        if "'申报表'" in dn.attr_text:
            wb.defined_names[name] = DefinedName(name, attr_text=dn.attr_text.replace("'申报表'", "'园区申报表（定稿）'"))
    wb["补充信息"].title = "补充 信息"
    for name, dn in list(wb.defined_names.items()):
        if "'补充信息'" in dn.attr_text:
            wb.defined_names[name] = DefinedName(name, attr_text=dn.attr_text.replace("'补充信息'", "'补充 信息'"))
    # and moves the 名称 cell two columns to the right
    src = name_cell(wb, "sb_name")
    target = src.parent.cell(src.row, src.column + 2)
    target.value, src.value = src.value, None
    _shift_name(wb, "sb_name", cols=2)
    wb.save(path)
    after = read_application(path)
    for name, raw in before.raw.items():
        assert after.raw[name].value == raw.value, name
    assert after.raw["sb_name"].sheet == "园区申报表（定稿）"
    assert check(after).to_json()["score"] == check(before).to_json()["score"]


def test_values_typed_as_text(make_workbook):
    from tests.conftest import example
    values = example("park", sb_trade_total="3.5", sb_online_retail="4,200", sb_live_rooms="12",
                     sb_fill_date="2024年4月15日", sb_established="2020-03-18", sb_incubation_rate="60%")
    r = check(read_application(make_workbook("park", values)))
    assert r.eligible is True and r.score.auto == 120, [f.message for f in r.findings if f.severity == "error"]


def test_a_random_spreadsheet_is_not_an_application(tmp_path):
    wb = Workbook()
    wb.active.append(["姓名", "金额"])
    wb.active.append(["张三", 100])
    path = tmp_path / "random.xlsx"
    wb.save(path)
    with pytest.raises(NotAnApplication) as e:
        read_application(path)
    # said in a clerk's words: not one of the notice's 申报表 (附件2), and what to do — not "定义名称（如 sb_name）"
    said = str(e.value)
    assert "不是申报表" in said and "附件2" in said and "电商示范企业申报表" in said and "shibai new" in said
    assert "定义名称" not in said and "sb_" not in said


def test_a_summary_is_not_an_application(tmp_path):
    with pytest.raises(NotAnApplication) as e:
        read_application(new(tmp_path, "summary"))
    assert "汇总表" in str(e.value)


def make_xlsm(xlsx: Path, out: Path) -> Path:
    """Turn an application .xlsx into an .xlsm carrying the VBA project of xlwings' quickstart.xlsm."""
    import xlwings
    vba = zipfile.ZipFile(Path(xlwings.__file__).parent / "quickstart.xlsm").read("xl/vbaProject.bin")
    from tests.zip_parts import rewrite

    def with_macros(name, data):
        if name == "[Content_Types].xml":
            data = data.replace(b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                                b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
            return data.replace(b"<Default Extension=\"xml\"",
                                b"<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/>"
                                b"<Default Extension=\"xml\"")
        if name == "xl/_rels/workbook.xml.rels":
            return data.replace(b"</Relationships>", b'<Relationship Id="rIdVBA" Type="http://schemas.microsoft.com/'
                                b'office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>')
        return data

    rewrite(xlsx, out, with_macros, extra={"xl/vbaProject.bin": vba})
    return out


def test_xlsm_is_read_and_its_macros_reported_not_run(make_workbook, tmp_path):
    xlsm = make_xlsm(make_workbook("enterprise"), tmp_path / "企业申报.xlsm")
    before = xlsm.read_bytes()
    r = check(read_application(xlsm))
    assert r.eligible is True
    f = next(f for f in r.findings if f.code == "FILE_MACRO")
    assert f.severity == "warning" and "宏" in f.message
    assert xlsm.read_bytes() == before


def test_formula_without_cached_value_is_flagged(make_workbook):
    path = make_workbook("team")
    wb = load_workbook(path)
    name_cell(wb, "sb_live_sales").value = "=500+100"
    name_cell(wb, "sb_name").value = '=HYPERLINK("http://x","点我")'
    wb.save(path)
    r = check(read_application(path))
    flagged = {f.field for f in r.findings if f.code == "FIELD_FORMULA"}
    assert {"sb_live_sales", "sb_name"} <= flagged
    assert r.name == '=HYPERLINK("http://x","点我")'      # text stays text, never evaluated


def test_a_formula_without_cached_value_is_not_said_to_be_blank(make_workbook):
    """=200+100 in the 网络零售额 cell saved by a program that does not calculate: the cell is not empty, so no
    “必填项为空”/“未填写”; the threshold and the score say the formula has no saved result."""
    path = make_workbook("enterprise")
    wb = load_workbook(path)
    name_cell(wb, "sb_online_retail").value = "=200+100"
    name_cell(wb, "sb_online_share").value = "=60+5"
    wb.save(path)
    r = check(read_application(path))
    at_retail = [f for f in r.findings if f.field == "sb_online_retail"]
    assert {f.code for f in at_retail} == {"FIELD_FORMULA", "ELIG_MISSING"}, [f.message for f in at_retail]
    assert all("未填写" not in f.message for f in at_retail)
    assert "没有保存计算结果" in next(f.message for f in at_retail if f.code == "ELIG_MISSING")
    assert r.eligible is None
    item = next(i for i in r.score.items if i.id == "2.1.1")
    assert "没有保存计算结果" in item.reason and "未填写" not in item.reason


# --- committed templates ----------------------------------------------------------------------

def _parts(data: bytes) -> dict[str, bytes]:
    """Every part but docProps/core.xml, whose modified time openpyxl sets at each save."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


def test_committed_templates_are_current(tmp_path):
    for name, build in template_files().items():
        committed = ROOT / "workbooks" / name
        assert committed.exists(), name
        buf = io.BytesIO()
        build().save(buf)
        assert _parts(buf.getvalue()) == _parts(committed.read_bytes()), \
            f"{name}: run python -m shibai_xl.jobs.export_templates workbooks"


# --- LibreOffice: open, recalculate, print ----------------------------------------------------

@pytest.fixture(scope="module")
def printed_forms(tmp_path_factory) -> dict[str, Path]:
    """type → its blank form as LibreOffice prints it (the four forms in one start)."""
    folder = tmp_path_factory.mktemp("forms")
    paths = {app_type: new(folder, app_type) for app_type in TYPES}
    pdfs = lo.convert_many(list(paths.values()), "pdf", folder / "pdf")
    return {app_type: pdfs[path] for app_type, path in paths.items()}


@pytest.mark.parametrize("app_type", TYPES)
def test_libreoffice_prints_each_form(printed_forms, rules, app_type):
    pdf = printed_forms[app_type]
    text = lo.pdf_text(pdf)
    pages = lo.pdf_pages(pdf)
    assert rules.types[app_type].form_title in text.replace(" ", "")
    assert rules.types[app_type].rubric_title in text.replace(" ", "")
    assert "第 1 页" in text
    assert pages == {"park": 7, "base": 7, "enterprise": 5, "team": 5}[app_type], pages


def test_libreoffice_recalculates_rubric_totals(tmp_path, rules):
    path = new(tmp_path, "rubric-park")
    wb = load_workbook(path)
    assert "评分" in wb.sheetnames
    scores = {i.id: i.points for i in rules.rubric("park")}   # full marks everywhere, bonus over the cap
    for item in rules.rubric("park"):
        name_cell(wb, f"sb_score_review_{item.id.replace('.', '_')}").value = scores[item.id]
    wb.save(path)
    out = lo.convert(path, "xlsx:Calc MS Excel 2007 XML", tmp_path / "recalc")
    import python_calamine
    grid = python_calamine.CalamineWorkbook.from_path(str(out)).get_sheet_by_name("评分").to_python()
    wb2 = load_workbook(path)
    def value(name):
        c = name_cell(wb2, name)
        return grid[c.row - 1][c.column - 1]
    assert value("sb_score_base") == 100
    assert value("sb_score_bonus") == 20          # 10 + 10 + 3 capped at 20
    assert value("sb_score_total") == 120


def test_libreoffice_rubric_totals_count_what_the_tool_counts(tmp_path, rules, make_workbook):
    """The 评审得分 totals of a 附件5 评分表 and of an application's 评分 sheet, as Excel/WPS/LibreOffice compute
    them, against the tool (``reviewer_total``, check's SCORE_RANGE): a score pasted as text ("8分", "１０") counts as
    the tool counts it (SUM left it out: 8 points short, with no word); a score above its 满分 or unreadable no longer
    gives a silent 130 / 120 — the 评审状态 row says 有N项超出范围 / 不是数字 (the tool gives no total and an error); a blank
    item says 未评完; both 跨境电商 items scored says 4.2与4.3只能给其一 (the tool's warning)."""
    from shibai_xl.adapters.xlsx.filler import named_cell as cell_of
    from shibai_xl.engine.scoring import reviewer_total
    full = {**{i.id: i.points for i in rules.rubric("park")}, "4.3": 0}    # 4.2 (大于50万美金) earned, 4.3 not
    cases = {
        "文字": ({**full, "1.2.2": "8分", "2.3.2": "１０", "3.1": " 五 "}, "已评完"),
        "超出": ({**full, "1.1.1": 15, "1.1.2": "约8"}, "有1项超出范围、1项不是数字"),
        "漏填": ({**full, "1.1.1": None}, f"未评完（{len(full) - 1}/{len(full)}）"),
        "跨境": ({**{k: 0 for k in full}, "4.2": 10, "4.3": 3, "1.2.2": "8分"}, "4.2与4.3只能给其一"),
    }
    paths = {}
    for label, (scores, _) in cases.items():
        for kind in ("rubric-park", "park"):
            path = new(tmp_path, kind) if kind != "park" else make_workbook("park", name=f"园区-{label}.xlsx")
            wb = load_workbook(path)
            for iid, v in scores.items():
                c = cell_of(wb, f"sb_score_review_{iid.replace('.', '_')}")
                c.value = v
                if isinstance(v, str):
                    c.data_type = "s"
            wb.save(path)
            paths[(label, kind)] = path
    blank_path = new(tmp_path, "rubric-park")
    copies = lo.convert_many([*paths.values(), blank_path], "xlsx:Calc MS Excel 2007 XML", tmp_path / "recalc")
    for (label, kind), path in paths.items():
        scores, status = cases[label]
        wb = load_workbook(path)
        shown = load_workbook(copies[path], data_only=True)["评分"]

        def value(name, wb=wb, shown=shown):
            return shown[cell_of(wb, name).coordinate].value

        total, findings = reviewer_total("park", scores, rules)
        assert value("sb_score_status") == status, (label, kind)
        if total is not None:
            assert value("sb_score_total") == pytest.approx(total), (label, kind)
        assert ("超出范围" in status or "不是数字" in status) == bool(findings), (label, kind)
        if label == "跨境":
            assert value("sb_score_bonus") == 13 and value("sb_score_base") == 8, kind
    said = {f.code for f in check(read_application(paths[("超出", "park")])).findings}
    assert "SCORE_RANGE" in said
    typed = paths[("文字", "park")]                  # saved as .xls / .ods by WPS or LibreOffice and opened again
    saved = lo.saved_as([typed], ("xls", "ods"), tmp_path / "saved")
    for fmt in ("xls", "ods"):
        shown = load_workbook(saved[(typed, fmt)], data_only=True)["评分"]
        names = load_workbook(typed)
        assert shown[cell_of(names, "sb_score_total").coordinate].value == pytest.approx(
            reviewer_total("park", cases["文字"][0], rules)[0]), fmt
        assert shown[cell_of(names, "sb_score_status").coordinate].value == "已评完", fmt
    blank = load_workbook(copies[blank_path], data_only=True)
    assert blank["评分"][cell_of(load_workbook(paths[("文字", "rubric-park")]), "sb_score_status").coordinate].value \
        in (None, "")          # nothing scored yet, as an application is sent in: the tool says nothing either


@pytest.mark.parametrize("label_column", ["A", "B"])
def test_libreoffice_resident_totals_leave_out_rows_typed_under_the_list(make_workbook, tmp_path, label_column):
    """The 入驻企业名单's own 合计 row (row 4) counts and sums the companies as the tool does: a 合计 row the
    applicant typed under the last company (=SUM of the rows above, as on a paper list) and the 附件3 lines
    under it (填报人, 填报园区/基地) are no companies — not counted twice in the printed 合计 (it showed 13 家 and
    twice the staff and amounts)."""
    from shibai_xl.examples import example_residents
    path = make_workbook("park")
    residents = example_residents("park")
    wb = load_workbook(path)
    ws = wb["入驻企业名单"]
    last = 5 + len(residents)
    ws[f"{label_column}{last + 1}"] = "合计"
    for col in "GHI":
        ws[f"{col}{last + 1}"] = f"=SUM({col}6:{col}{last})"
    ws[f"B{last + 2}"] = "填报人：张三"
    ws[f"A{last + 3}"], ws[f"B{last + 3}"] = "填报园区/基地：", "贵阳黔货出山电子商务产业园"
    wb.save(path)
    app = read_application(path)
    assert app.residents is not None and len(app.residents) == len(residents)   # the tool: 12 companies
    saved = lo.saved_as([path], ("xlsx", "xls", "ods"), tmp_path)     # as saved by LibreOffice and WPS, and opened
    for fmt in ("xlsx", "xls", "ods"):                                  # again
        shown = load_workbook(saved[(path, fmt)], data_only=True)["入驻企业名单"]
        assert shown["B4"].value == len(residents), fmt
        assert shown["G4"].value == sum(r["从业人数"] for r in residents), fmt
        for col, header in (("H", "年度网络交易额（万元）"), ("I", "年度网络零售额（万元）")):
            assert shown[f"{col}4"].value == pytest.approx(sum(r[header] for r in residents)), (fmt, col)


def test_libreoffice_resident_totals_agree_with_the_tool_whatever_the_spacing(make_workbook, tmp_path):
    """The list's own 合计 row (row 4) counts and sums the same rows the tool reads: a 合计 row typed "合  计"
    (two spaces), "合　计" (a full-width space) or "总 计" under the list is no company — its =SUM was added to
    the printed amounts a second time (the 家数 already left it out) — and a 企业名称 of a full-width space only
    names no company (the tool neither counts it nor adds its figures); nor do the lines under the list
    ("以上数据属实", "备注：…", "联系人：…", "制表：…"), which the 家数 had counted as companies."""
    from shibai_xl.engine.residents import totals
    from shibai_xl.examples import example_residents
    residents = example_residents("park")
    last = 5 + len(residents)
    paths = []
    for k, label in enumerate(("合  计", "合　计", "总 计", "　合计")):
        path = make_workbook("park", name=f"园区-合计{k}.xlsx")
        wb = load_workbook(path)
        ws = wb["入驻企业名单"]
        ws[f"B{last + 1}"] = label
        for col in "GHI":
            ws[f"{col}{last + 1}"] = f"=SUM({col}6:{col}{last})"
        if k == 0:
            ws["B7"] = "　"     # a name wiped with a full-width space: the row names no company
        if k == 1:             # the lines a park writes under its list, in the 企业名称 or the 序号 column
            for i, line in enumerate(("以上数据属实", "备注：金额单位为万元", "联系人：李四 13800000000",
                                      "说明：名单截至2023年12月", "负责人（签字）：", "单位（盖章）")):
                ws[f"B{last + 2 + i}"] = line
            ws[f"A{last + 8}"], ws[f"B{last + 8}"] = "制表：王五", "审核：赵六"
        wb.save(path)
        paths.append(path)
    copies = lo.convert_many(paths, "xlsx:Calc MS Excel 2007 XML", tmp_path / "recalc")
    for path in paths:
        tool, _ = totals(list(read_application(path).residents))
        shown = load_workbook(copies[path], data_only=True)["入驻企业名单"]
        assert shown["B4"].value == tool.companies, path.name
        assert shown["G4"].value == tool.staff, path.name
        assert shown["H4"].value == pytest.approx(float(tool.trade)), path.name
        assert shown["I4"].value == pytest.approx(float(tool.retail)), path.name


def test_committed_addins_are_reproducible(tmp_path):
    """``shibai addin build`` regenerates the committed add-in byte for byte; the fallback is not shipped."""
    from shibai_xl.addin.build import build_addin
    fresh = build_addin(tmp_path / "shibai.xlam")
    assert fresh.read_bytes() == (ROOT / "workbooks" / "shibai.xlam").read_bytes()
    assert not (ROOT / "workbooks" / "shibai_xl.xlam").exists()


@pytest.mark.parametrize("app_type", TYPES)
def test_a_workbook_made_by_another_program_is_read_by_its_names(tmp_path, app_type):
    """CONTRACT.md section 2: any program may lay the fields out as it likes; only the names count."""
    from openpyxl.worksheet.table import Table

    from shibai_xl.examples import EXAMPLES, example_residents
    wb = Workbook()
    ws = wb.active
    ws.title = "我的表"
    ws["A1"] = "随便什么标题"
    values = EXAMPLES[app_type]
    for i, f in enumerate(F.fields_for(app_type), 3):
        ws.cell(i, 1, f.label)
        v = values.get(f.name)
        ws.cell(i, 2, v / 100 if f.kind == F.PERCENT and v is not None else v)
        if f.kind == F.PERCENT:
            ws.cell(i, 2).number_format = "0%"
        wb.defined_names[f.name] = DefinedName(f.name, attr_text=f"'我的表'!$B${i}")
    if app_type in ("park", "base"):
        rs = wb.create_sheet("名单")
        rows = example_residents(app_type)
        header = list(rows[0])
        rs.append(header)
        for r in rows:
            rs.append([r[h] for h in header])
        rs.add_table(Table(displayName="sb_residents", ref=f"A1:{chr(64 + len(header))}{len(rows) + 1}"))
    path = tmp_path / "外部程序生成.xlsx"
    wb.save(path)
    r = check(read_application(path))
    assert r.app.type == app_type and r.eligible is True, [f.message for f in r.findings if f.severity == "error"]
    assert r.score.auto == check(example_app_for(app_type)).score.auto


def example_app_for(app_type):
    from tests.conftest import example_app
    return example_app(app_type)



def test_libreoffice_prints_the_refreshed_summary_whole(make_workbook, tmp_path):
    """附件4 asks for 企业运营情况及主要业绩 (不少于150字): the printed summary shows all of it, in ruled cells,
    not the first line cut off at the next column (LibreOffice prints a row at its stored height)."""
    import re
    import subprocess

    from shibai_xl.examples import PERFORMANCE
    (tmp_path / "申报表").mkdir()
    make_workbook("enterprise", name="申报表/企业.xlsx")
    make_workbook("team", name="申报表/团队.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(tmp_path / "申报表")]) == 0
    ws = load_workbook(summary)["项目汇总表"]
    for r in (4, 5):
        for c in ws[r][:13]:
            assert c.border.left.style and c.alignment.wrap_text, c.coordinate
    pdf = lo.convert(summary, "pdf", tmp_path / "pdf")
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words = [(float(x), w) for x, w in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', bbox)]
    left = min(x for x, w in words if w.startswith(PERFORMANCE[:4]))
    printed = "".join(w for x, w in words if x >= left - 1 and w in PERFORMANCE)   # in print order
    assert printed.count(PERFORMANCE.replace(" ", "")) == 2, printed


def test_libreoffice_prints_a_very_long_performance_text_as_far_as_a_row_holds(make_workbook, tmp_path):
    """Applicants paste long texts (附件4 asks 不少于150字, not at most): 2000 characters needed a row of 1500 pt, over
    Excel's maximum of 409 pt (Excel and WPS cut it there), and a row taller than the page is printed cut off without a
    word. Now the cell keeps the whole text, the row is at most 409 pt, the text is set smaller (8 pt) so that about a
    thousand characters are printed, and the printed 问题 column says how much was left out: 全文见申报表."""
    import re
    import subprocess

    from tests.conftest import example
    sentences = [f"第{i:03d}句：公司围绕黔货出山开展直播电商业务。" for i in range(1, 101)]
    long_text = "".join(sentences)
    assert len(long_text) >= 2000
    (tmp_path / "申报表").mkdir()
    make_workbook("enterprise", example("enterprise", sb_performance=long_text), name="申报表/企业.xlsx")
    make_workbook("team", name="申报表/团队.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(tmp_path / "申报表")]) == 0
    ws = load_workbook(summary)["项目汇总表"]
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 8).value == long_text)   # the data whole
    assert ws.row_dimensions[row].height <= 409
    assert ws.cell(row, 8).font.sz == 8
    note = ws.cell(row, 16).value
    assert "全文见申报表" in note and f"共{len(long_text)}字" in note, note
    province = tmp_path / "全省.xlsx"        # the 全省 table says it once, not the city's note and its own
    assert main(["merge", str(province), str(summary)]) == 0
    pws = load_workbook(province)["项目汇总表"]
    said = [c.value for c in pws["P"] if c.value and "全文见申报表" in str(c.value)]
    assert len(said) == 1 and said[0].count("全文见申报表") == 1, said
    pdf = lo.convert(summary, "pdf", tmp_path / "pdf")
    # what the page shows of the cell: pdftotext gives the clipped lines too, so only the words inside the row count
    # (the row's bottom from the header's and the next row's middles, both cells centred, and the stored heights)
    bbox = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    words = [(float(x0), float(y0), float(x1), float(y1), w) for x0, y0, x1, y1, w in
             re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', bbox)]

    def middle(word):
        x0, y0, x1, y1, _w = min((w for w in words if w[4] == word), key=lambda w: w[0])
        return (x0 + x1) / 2, (y0 + y1) / 2
    head, nxt = middle("序号")[1], middle(str(ws.cell(row + 1, 1).value))[1]
    h, h1, h2 = (ws.row_dimensions[r].height for r in (3, row, row + 1))
    bottom = head + (nxt - head) * (h / 2 + h1) / (h / 2 + h1 + h2 / 2)
    left, right = middle("企业性质")[0], middle("联系人")[0]
    shown = "".join(w for x0, y0, x1, y1, w in words if left < x0 and x1 < right and y1 <= bottom + 1)
    printed = [s for s in sentences if f"第{s[1:4]}句" in shown]
    assert printed == sentences[:len(printed)] and len(printed) >= 35, printed   # ≈ 1000 characters, the first ones
    said = int(re.search(r"只印得下前约(\d+)字", note)[1])
    # the note promises no more than is printed (Excel and WPS set type a little apart), and not far less
    assert 0.8 * len("".join(printed)) <= said <= len("".join(printed)), (said, len(printed))
    problems = "".join(w for x0, y0, x1, y1, w in words if x0 > middle("自动评分")[0] + 10 and y1 <= bottom)
    assert f"打印时只印得下前约{said}字，全文见申报表" in problems, problems     # printed next to the cut text


def test_libreoffice_prints_long_resident_names_and_notes_whole(make_workbook, tmp_path):
    """附件3 is printed and submitted: a company name or 备注 longer than its column is printed whole (shrunk to
    fit), not cut off where the next column begins (贵州省遵义市红花岗区…电子商务有限公 — the rest lost)."""
    from shibai_xl.examples import example_residents
    residents = example_residents("park")
    residents[0]["企业名称"] = "贵州省遵义市红花岗区黔北农特产品电子商务有限公司"
    residents[1]["备注"] = "国家级电子商务示范企业；商务部商贸流通业典型统计调查企业"
    path = make_workbook("park", residents=residents)
    pdf = lo.convert(path, "pdf", tmp_path / "pdf")
    text = lo.pdf_text(pdf).replace(" ", "")
    for whole in (residents[0]["企业名称"], residents[1]["备注"]):
        assert whole in text, whole


def test_libreoffice_prints_the_merged_province_table_as_the_city_tables(make_workbook, tmp_path):
    """The 全省 table prints the 附件4 columns and 市州评分/前置条件/自动评分/问题 on A4 landscape, as a city's
    refreshed table does — not all 23 columns (来源文件, 信用代码, 批次, 更新时间, 状态 …) shrunk to a font
    nobody can read because the merge left the table without a print area."""
    (tmp_path / "申报表").mkdir()
    make_workbook("enterprise", name="申报表/企业.xlsx")
    make_workbook("team", name="申报表/团队.xlsx")
    city = tmp_path / "黔东南州汇总表.xlsx"
    assert main(["refresh", str(city), "--from", str(tmp_path / "申报表")]) == 0
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    printed = {}
    pdfs = lo.convert_many([city, province], "pdf", tmp_path / "pdf")      # both printed in one start
    for path in (city, province):
        ws = load_workbook(path)["项目汇总表"]
        assert ws.print_area, path.name
        text = lo.pdf_text(pdfs[path]).replace(" ", "")
        printed[path.stem] = [h for h in ("企业运营情况及主要业绩", "自动评分", "问题", "来源文件", "统一社会信用代码",
                                          "更新时间", "报送市州") if h in text]
    assert printed["全省"] == printed["黔东南州汇总表"] == ["企业运营情况及主要业绩", "自动评分", "问题"], printed


def test_libreoffice_prints_the_blank_summary_template_filled_by_hand(tmp_path):
    """A bureau fills the blank 附件4 in WPS/Excel without the tool and prints it: the 13 columns of 附件4 and
    前置条件/自动评分/问题 (what a refreshed table prints, README), the title centred over them — not all 21
    columns (来源文件 … 状态 too) shrunk onto the page. The print area takes whole columns, so rows typed far below
    the template's table are printed too, and no blank pages come out."""
    import re
    import subprocess
    path = new(tmp_path, "summary")
    wb = load_workbook(path)
    ws = wb["项目汇总表"]
    assert ws.print_area == "'项目汇总表'!$A$1:$P$1048576"     # Excel and WPS show it as $A:$P
    for i in range(40):      # typed as a clerk does: values only, in the rows under the table
        for c, v in enumerate((i + 1, "贵阳市", "观山湖区", f"贵州手填电子商务有限公司{i}", "观山湖区长岭北路", "企业",
                               "民企", "业绩良好", "张三", "13908510001", 1234.5, 567.8, 85, "达标", 80, "无",
                               "企业.xlsx", "91520102MA6DKQ8X18", "2024-05", "2024-05-01", "有效"), 1):
            ws.cell(4 + i, c, v)
    wb.save(path)
    pdf = lo.convert(path, "pdf", tmp_path / "pdf")
    text = lo.pdf_text(pdf).replace(" ", "")
    assert all(h in text for h in ("企业运营情况及主要业绩", "市州评分", "前置条件", "自动评分", "问题")), text
    assert not any(h in text for h in ("来源文件", "统一社会信用代码", "更新时间", "91520102MA6DKQ8X18")), text
    assert "贵州手填电子商务有限公司39" in text
    assert lo.pdf_pages(pdf) <= 2, lo.pdf_pages(pdf)
    bbox = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    page = float(re.search(r'<page width="([\d.]+)"', bbox).group(1))
    x0, x1 = next((float(a), float(b)) for a, b, w in
                  re.findall(r'<word xMin="([\d.]+)"[^>]*xMax="([\d.]+)"[^>]*>([^<]*)</word>', bbox) if "汇总表" in w)
    assert abs((x0 + x1) / 2 - page / 2) < 25, (x0, x1, page)


def test_libreoffice_centres_the_summary_title_over_the_printed_columns(make_workbook, tmp_path):
    """The 附件4 title is printed centred over the printed table (A4 landscape, the 附件4 columns and 市州评分/
    前置条件/自动评分/问题), as the notice shows it — not centred over all the columns, the screen-only 来源文件 …
    状态 included, which put it far to the right of the printed page's middle (a city's table and the 全省 one)."""
    import re
    import subprocess
    (tmp_path / "申报表").mkdir()
    make_workbook("enterprise", name="申报表/企业.xlsx")
    city = tmp_path / "黔东南州汇总表.xlsx"
    assert main(["refresh", str(city), "--from", str(tmp_path / "申报表"), "--city", "黔东南州"]) == 0
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(city)]) == 0
    off = {}
    for path, pdf in lo.convert_many([city, province], "pdf", tmp_path / "pdf").items():
        bbox = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
        page = float(re.search(r'<page width="([\d.]+)"', bbox).group(1))
        x0, x1 = next((float(a), float(b)) for a, b, w in
                      re.findall(r'<word xMin="([\d.]+)"[^>]*xMax="([\d.]+)"[^>]*>([^<]*)</word>', bbox) if "汇总表" in w)
        off[path.stem] = round((x0 + x1) / 2 - page / 2)
    assert all(abs(d) < 25 for d in off.values()), off


@pytest.mark.parametrize("app_type", TYPES)
def test_period_cells_ask_for_a_month(tmp_path, app_type):
    """附件2 prints the 统计期 as (202x年x月-202x年x月): its cells ask for 年月, not a day (their format shows none)."""
    wb = load_workbook(new(tmp_path, app_type))
    for name in ("sb_period_start", "sb_period_end"):
        cell = name_cell(wb, name)
        dv = next(dv for dv in cell.parent.data_validations.dataValidation if cell.coordinate in dv.sqref)
        assert dv.type == "date" and "年月" in dv.prompt and "2024-04-15" not in dv.prompt + dv.error, dv.prompt
    cell = name_cell(wb, "sb_fill_date")
    dv = next(dv for dv in cell.parent.data_validations.dataValidation if cell.coordinate in dv.sqref)
    assert "2024-04-15" in dv.prompt


@pytest.mark.parametrize("kind", [*TYPES, *(f"rubric-{t}" for t in TYPES)])
def test_wrapped_labels_have_room_for_every_line(tmp_path, kind):
    """A wrapped label prints at its row's stored height (Excel, WPS and LibreOffice do not grow a row on open):
    the 附件5 三级指标 on the 评分 sheet, the 材料清单 items and the 补充信息 questions must fit, counting a
    Chinese character as two column-width units (a 50-wide column holds 25 of them, not 50)."""
    from openpyxl.utils import get_column_letter

    from shibai_xl.adapters.xlsx.text_fit import text_lines
    wb = load_workbook(new(tmp_path, kind))
    cut = []
    for ws in wb.worksheets:
        if ws.title not in ("评分", "材料清单", "补充信息"):
            continue
        spans = {(m.min_row, m.min_col): m for m in ws.merged_cells.ranges}
        for row in ws.iter_rows(min_row=3):
            for c in row:
                if not isinstance(c.value, str) or c.value.startswith("=") or not c.alignment.wrap_text:
                    continue
                m = spans.get((c.row, c.column))
                cols = range(m.min_col, m.max_col + 1) if m else [c.column]
                rows = range(m.min_row, m.max_row + 1) if m else [c.row]
                width = sum(ws.column_dimensions[get_column_letter(k)].width or 8.43 for k in cols)
                height = sum(ws.row_dimensions[r].height or 15 for r in rows)
                size = c.font.sz or 11
                lines = sum(text_lines(part, width, small=size < 10) for part in c.value.split("\n"))
                if height < lines * (size + 4) - 2:
                    cut.append(f"{ws.title}!{c.coordinate} {lines}行 {height:g}pt {c.value[:20]}")
    assert not cut, cut


@pytest.mark.parametrize("kind", [*TYPES, "summary", "rubric-park"])
def test_page_number_has_room_below_the_body(tmp_path, kind):
    """The 9-pt footer (第 N 页，共 M 页) prints between the footer margin and the bottom margin; with less than
    about 0.2 in between, LibreOffice cuts the lower half of the page number away."""
    wb = load_workbook(new(tmp_path, kind))
    for ws in wb.worksheets:
        if ws.sheet_state == "visible" and ws.oddFooter.center.text:
            m = ws.page_margins
            assert m.bottom - m.footer >= 0.2, (ws.title, m.bottom, m.footer)


def test_an_out_name_pasted_with_a_trailing_space_is_said_so(tmp_path, capsys):
    """`--out "企业申报表.xlsx "` (a name copied with its space): the refusal said it was not .xlsx and offered
    `--out 企业申报表.xlsx .xlsx`. It says the name has a space around it and offers the name without it."""
    assert main(["new", "企业", "--out", "企业申报表.xlsx "]) == 2
    err = capsys.readouterr().err
    assert "空格" in err and "--out 企业申报表.xlsx" in err and ".xlsx .xlsx" not in err
