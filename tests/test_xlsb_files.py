"""Real .xlsb workbooks (written by tests/xlsb_writer.py, since nothing here saves one) through the tool."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import python_calamine
from openpyxl import load_workbook

from shibai_xl.adapters.xlsx.filler import named_cell
from shibai_xl.examples import example_residents
from shibai_xl.faces.cli import main
from shibai_xl.jobs.refresh import refresh
from tests import libreoffice as lo
from tests.test_faults import shibai
from tests.test_summaries_real_world import T0, TRADE, application, official, province_rows
from tests.xlsb_writer import Err, Fmt, Struck, write_xlsb

ROWS = [["贵阳市电子商务示范项目汇总表"],
        ["序号", "企业名称", "金额", None, "备注"],
        [1, "贵州甲电子商务有限公司", 12.5, 0.07, 123456789012],
        [2, "乙", Fmt(0.6, "0%"), Fmt(45292, "yyyy-mm-dd"), Fmt(45292, 'yyyy"年"m"月"')],
        [None, True, Err("#N/A"), -3, 1e-9],
        [12.34, 1234.56, 0.1, 3.14159, -0.5, 2 ** 40]]
SEEN = [["贵阳市电子商务示范项目汇总表", "", "", "", "", ""],
        ["序号", "企业名称", "金额", "", "备注", ""],
        [1.0, "贵州甲电子商务有限公司", 12.5, 0.07, 123456789012.0, ""],
        [2.0, "乙", 0.6, dt.date(2024, 1, 1), dt.date(2024, 1, 1), ""],
        ["", True, "", -3.0, 1e-9, ""],
        [12.34, 1234.56, 0.1, 3.14159, -0.5, float(2 ** 40)]]


def test_calamine_reads_back_what_the_writer_wrote(tmp_path):
    for shared in (True, False):
        path = write_xlsb(tmp_path / f"a{shared}.xlsb", [("汇总", ROWS), ("第二张", [[None, "x"]])],
                          merges={"汇总": ["A1:E1"]}, shared_strings=shared)
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        assert book.sheet_names == ["汇总", "第二张"]
        assert book.get_sheet_by_name("汇总").to_python() == SEEN
        assert book.get_sheet_by_name("第二张").to_python() == [["x"]]   # calamine starts at the first cell


def test_libreoffice_opens_the_xlsb(tmp_path):
    lo.need_soffice()
    path = write_xlsb(tmp_path / "汇总.xlsb", [("汇总", ROWS)], merges={"汇总": ["A1:E1"]})
    ws = load_workbook(lo.convert(path, "xlsx", tmp_path / "out")).active
    assert ws.title == "汇总"
    assert [str(r) for r in ws.merged_cells.ranges] == ["A1:E1"]
    values = [list(r) for r in ws.iter_rows(values_only=True)]
    assert values[0][0] == "贵阳市电子商务示范项目汇总表"
    assert values[2][:5] == [1, "贵州甲电子商务有限公司", 12.5, 0.07, 123456789012]
    assert values[3][3] == dt.datetime(2024, 1, 1)
    assert ws["C4"].number_format == "0%"
    assert values[4][2] == "=#N/A"   # the error value itself, kept
    assert values[5] == [12.34, 1234.56, 0.1, 3.14159, -0.5, 2 ** 40]


# --- city summaries (附件4) sent as .xlsb -----------------------------------------------------------------------

ZY = [("红花岗区", "遵义黔北电商产业园", "示范园区", "国企", "8,000", "1,200", 88),
      ("汇川区", "遵义娄山关直播电商基地", "电商直播基地", "民企", 12000, 3000, None),
      ("播州区", "遵义辣椒电子商务有限公司", "示范企业", "民企", 6500, "900", "85")]


def as_xlsb(src: Path, dst: Path, data_only: bool = False, saved: dt.datetime | None = None) -> Path:
    """The same workbook saved by Excel as .xlsb: its values (an error value kept as one, a text struck through as
    one), sheets, merged cells and hidden rows."""
    wb = load_workbook(src, data_only=data_only)
    def cell(c):
        if c.data_type == "e":
            return Err(c.value)
        if isinstance(c.value, str) and c.has_style and c.font.strike:
            return Struck(c.value)
        if c.value is not None and c.data_type in ("n", "d") and c.number_format != "General":
            return Fmt(c.value, c.number_format)
        return c.value

    sheets = [(ws.title, [[cell(c) for c in row] for row in ws.iter_rows()]) for ws in wb]
    dst.parent.mkdir(parents=True, exist_ok=True)
    return write_xlsb(dst, sheets, {ws.title: [str(m) for m in ws.merged_cells.ranges] for ws in wb}, saved=saved,
                      hidden={ws.title: {r for r, d in ws.row_dimensions.items() if d.hidden} for ws in wb})


def merged(tmp_path: Path, city: Path, capsys) -> tuple[int, list[dict], str]:
    province = tmp_path / f"全省-{city.suffix[1:]}.xlsx"
    capsys.readouterr()
    rc = main(["merge", str(province), str(city)])
    return rc, province_rows(province), capsys.readouterr().out


def test_a_hand_typed_city_summary_as_xlsb_merges_like_its_xlsx(tmp_path, capsys):
    x = official(tmp_path / "遵义市汇总表.xlsx", "遵义市2024年电商“十百千万”工程示范项目汇总表", "遵义市", ZY,
                 total="typed")
    b = as_xlsb(x, tmp_path / "xlsb" / "遵义市汇总表.xlsb")
    (rc_x, rows_x, _), (rc_b, rows_b, out_b) = merged(tmp_path, x, capsys), merged(tmp_path, b, capsys)
    assert rc_x == rc_b == 0
    assert len(rows_b) == 3 and sum(r[TRADE] for r in rows_b) == 26500
    keep = ("市（州）", "县区", "企业名称", "项目类型", "企业性质", TRADE, "年度网络零售额（万元）", "市州评分", "状态")
    assert [{k: r[k] for k in keep} for r in rows_b] == [{k: r[k] for k in keep} for r in rows_x]
    assert "26500 万元" in out_b and "不完整" not in out_b


def test_an_error_value_in_an_xlsb_city_summary_is_said_not_read_as_blank(tmp_path, capsys):
    """#N/A in an amount, #DIV/0! in 市州评分: the .xlsx says the total lacks them; the .xlsb said nothing (a total
    short by 8,000 万元 that looked complete)."""
    bad = [("红花岗区", "遵义黔北电商产业园", "示范园区", "国企", "#N/A", "1,200", 88),
           ("汇川区", "遵义娄山关直播电商基地", "电商直播基地", "民企", 12000, "#VALUE!", "#DIV/0!"),
           ZY[2]]
    x = official(tmp_path / "遵义市汇总表.xlsx", "遵义市2024年电商“十百千万”工程示范项目汇总表", "遵义市", bad,
                 total="typed")
    b = as_xlsb(x, tmp_path / "xlsb" / "遵义市汇总表.xlsb")
    for rc, rows, out in (merged(tmp_path, x, capsys), merged(tmp_path, b, capsys)):
        assert rc == 1                  # amounts no total can count: the result is incomplete (README 退出码)
        assert "18500 万元（不完整）" in out, out
        assert rows[0][TRADE] == "#N/A" and "FIELD_AMOUNT" in rows[0]["问题"]
        assert rows[1]["年度网络零售额（万元）"] == "#VALUE!" and "#DIV/0!" in rows[1]["问题"]


# --- applications (附件2) sent as .xlsb: read by their printed labels ----------------------------------------------

def check_json(path: Path, capsys) -> dict:
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def findings(result: dict) -> set[tuple[str, str]]:
    return {(f["code"], f["message"]) for f in result["findings"] if f["code"] != "FILE_LABELS"}


@pytest.mark.parametrize("app_type", ["park", "enterprise"])
def test_an_xlsb_application_checks_like_its_xlsx(make_workbook, tmp_path, capsys, app_type):
    x = make_workbook(app_type)
    got_x, got_b = check_json(x, capsys), check_json(as_xlsb(x, tmp_path / "b" / f"{app_type}.xlsb"), capsys)
    assert (got_b["eligible"], got_b["score"]["auto"]) == (got_x["eligible"], got_x["score"]["auto"]) == (True,
                                                                                        got_x["score"]["max"])
    assert findings(got_b) == findings(got_x)
    assert any(f["code"] == "FILE_LABELS" and ".xlsb" in f["message"] for f in got_b["findings"])


def test_an_error_value_in_an_xlsb_application_is_said_as_in_the_xlsx(make_workbook, tmp_path, capsys):
    """#N/A as the 交易额 of an .xlsb was said to be 未填写 (FIELD_REQUIRED), and a resident's #N/A 零售额 was read
    as blank unsaid; they are the error value, as in the .xlsx (FIELD_AMOUNT, XC_RESIDENT_ROW)."""
    x = make_workbook("enterprise")
    wb = load_workbook(x)
    named_cell(wb, "sb_trade_total").value = "#N/A"          # an error value, as a broken VLOOKUP leaves it
    wb.save(x)
    res = example_residents("park")
    res[2]["年度网络零售额（万元）"] = 97531.5
    p = make_workbook("park", residents=res)
    wb = load_workbook(p)
    cell = next(c for ws in wb for row in ws.iter_rows() for c in row if c.value == 97531.5)
    cell.value = "#N/A"
    wb.save(p)
    for path in (x, p):
        got_x, got_b = check_json(path, capsys), check_json(as_xlsb(path, tmp_path / "b" / path.name), capsys)
        assert findings(got_b) == findings(got_x)
    said = {c for c, m in findings(got_b) if "#N/A" in m}
    assert "XC_RESIDENT_ROW" in said


def test_companies_on_hidden_rows_of_an_xlsb_list_are_said_as_in_the_xlsx(make_workbook, tmp_path, capsys):
    """A park saved as .xlsb with a filter left on hiding two companies of its 附件3 list: the .xlsx says the hidden
    rows (XC_RESIDENT_ROW), the .xlsb counted them without a word (its rows' visibility was not read)."""
    from tests.conftest import example
    from tests.test_resident_list_hidden_rows import hide

    park = hide(make_workbook("park", example("park")), [7, 8], filter_ref="A5:K17")
    got_x, got_b = check_json(park, capsys), check_json(as_xlsb(park, tmp_path / "b" / "park.xlsb"), capsys)
    assert findings(got_b) == findings(got_x)
    assert any(c == "XC_RESIDENT_ROW" and "第7、8行" in m for c, m in findings(got_b)), findings(got_b)


# --- a value typed far away -----------------------------------------------------------------------------------------

def far_away(rows: list[list]) -> list[list]:
    """``rows`` and a stray "x" in XFD1048576 (a key pressed after Ctrl+End): calamine's grid from A1 would be 550 GB."""
    return rows + [[] for _ in range(1048575 - len(rows))] + [[None] * 16383 + ["x"]]


def test_an_xlsb_reaching_to_xfd1048576_is_refused_not_a_crash(make_workbook, tmp_path):
    """The process aborted (exit 134, "memory allocation failed", no message) on such an .xlsb: check, merge and a
    refresh's whole batch with it. It is refused with the Chinese message an .xlsx gets; the batch goes on."""
    x = official(tmp_path / "遵义市汇总表.xlsx", "遵义市2024年电商“十百千万”工程示范项目汇总表", "遵义市", ZY,
                 total="typed")
    ws = load_workbook(x).active
    (tmp_path / "市州").mkdir()
    far = write_xlsb(tmp_path / "市州" / "遵义市汇总表.xlsb",
                     [("Sheet1", far_away([list(r) for r in ws.iter_rows(values_only=True)]))])
    good = official(tmp_path / "市州" / "安顺市汇总表.xlsx", "安顺市2024年电商“十百千万”工程示范项目汇总表", "安顺市",
                    [("西秀区", "安顺屯堡电商产业园", "园区", "国企", 5000, 1000, None)])
    done = shibai("merge", tmp_path / "全省.xlsx", good, far)
    assert done.returncode == 1, done.stderr
    assert "遵义市汇总表.xlsb" in done.stderr and "第 1048576 行、第 16384 列" in done.stderr
    assert [r["企业名称"] for r in province_rows(tmp_path / "全省.xlsx")] == ["安顺屯堡电商产业园"]

    app = make_workbook("team")
    wb = load_workbook(app)
    sheets = [(s.title, [list(r) for r in s.iter_rows(values_only=True)]) for s in wb]
    sheets[0] = (sheets[0][0], far_away(sheets[0][1]))
    apps = tmp_path / "申报表"
    apps.mkdir()
    write_xlsb(apps / "团队.xlsb", sheets)
    make_workbook("enterprise", name="企业.xlsx").rename(apps / "企业.xlsx")
    done = shibai("check", apps / "团队.xlsb")
    assert done.returncode == 2 and "为保护电脑已拒绝读取" in done.stderr, done.stderr
    done = shibai("refresh", tmp_path / "汇总表.xlsx", "--from", apps)
    assert done.returncode == 1 and "团队.xlsb" in done.stderr and "为保护电脑已拒绝读取" in done.stderr, done.stderr


def test_cells_merged_over_rows_in_an_xlsb_city_summary_are_read_as_in_the_xlsx(tmp_path, capsys):
    """A clerk merged 县区, 项目类型 and 企业性质 over two parks of one county: the .xlsx gives both rows those values;
    the .xlsb gave the second 项目类型未填写 (FIELD_CHOICE) and left it out of the city's count by type."""
    parks = [("红花岗区", "遵义黔北电商产业园", "园区", "国企", 8000, 1200, 88),
             ("红花岗区", "遵义第二电商产业园", "园区", "国企", 9000, 1300, 80),
             ("播州区", "遵义辣椒电子商务有限公司", "企业", "民企", 6500, 900, 85)]
    x = official(tmp_path / "2024年汇总表.xlsx", "2024年电商“十百千万”工程示范项目汇总表", "遵义市", parks, total="typed")
    wb = load_workbook(x)
    ws = wb.active
    for col in "CFG":
        ws[f"{col}4"] = None
        ws.merge_cells(f"{col}3:{col}4")
    wb.save(x)
    b = as_xlsb(x, tmp_path / "xlsb" / "2024年汇总表.xlsb")
    (_, rows_x, _), (rc, rows_b, out) = merged(tmp_path, x, capsys), merged(tmp_path, b, capsys)
    keep = ("市（州）", "县区", "企业名称", "项目类型", "企业性质", TRADE, "问题")
    assert rows_b[1]["项目类型"] == "园区" and rows_b[1]["县区"] == "红花岗区" and rows_b[1]["问题"] is None
    assert [{k: r[k] for k in keep} for r in rows_b] == [{k: r[k] for k in keep} for r in rows_x]
    assert rc == 0 and "有效项目 3 项" in out


@pytest.mark.parametrize("fmt", ["xlsb", "xls", "ods"])
def test_a_tool_summary_resaved_keeps_saying_which_applications_it_could_not_read(tmp_path, capsys, fmt):
    """A city's tool-made summary listing 团队.xlsx on its 问题文件 sheet, re-saved as .xlsb/.xls/.ods (the table is
    lost): the .xlsx merge says the city's total lacks that application (exit 1); the re-saved one merged silently
    as complete (exit 0)."""
    apps = tmp_path / "贵阳申报表"
    application(apps, "enterprise", "企业.xlsx", sb_city="贵阳市")
    (apps / "团队.xlsx").write_bytes(b"PK\x03\x04 cut off")
    refresh(tmp_path / "贵阳市项目汇总表.xlsx", apps, city="贵阳市", now=T0)
    recalculated = lo.convert(tmp_path / "贵阳市项目汇总表.xlsx", "xlsx", tmp_path / "lo")
    if fmt == "xlsb":
        city = as_xlsb(recalculated, tmp_path / fmt / "贵阳市项目汇总表.xlsb", data_only=True)
    else:
        city = lo.convert(tmp_path / "贵阳市项目汇总表.xlsx", fmt, tmp_path / fmt)
    capsys.readouterr()
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(city)]) == 1
    out = capsys.readouterr()
    assert "2600 万元（不完整）" in out.out and "团队.xlsx" in out.err and "汇总表本身不完整" in out.err


# --- renamed to .xlsx (to "convert" it) -------------------------------------------------------------------------------

def test_an_xlsb_or_xls_renamed_xlsx_is_read_as_what_it_is_and_never_written(make_workbook, tmp_path, capsys):
    """A city's .xlsb/.xls summary renamed .xlsx was 'unreadable（表格内容无法解析）… 另存为 .xlsx' (calamine picks its
    reader by the name); it is merged. As an output (check --write, refresh's summary, merge's province table) such a
    file was said to be damaged ('xl/workbook.bin 的 XML 已损坏（Start tag expected…）', '压缩结构损坏', '系统错误'); it
    is refused saying what it is and how to convert it, unchanged."""
    x = official(tmp_path / "遵义市汇总表.xlsx", "遵义市2024年电商“十百千万”工程示范项目汇总表", "遵义市", ZY,
                 total="typed")
    renamed = {"xlsb": as_xlsb(x, tmp_path / "b" / "遵义市汇总表.xlsb"),
               "xls": lo.convert(x, "xls", tmp_path / "xls")}
    for fmt, city in renamed.items():
        city = city.rename(city.with_suffix(".xlsx"))
        capsys.readouterr()
        assert main(["merge", str(tmp_path / f"全省-{fmt}.xlsx"), str(city)]) == 0, capsys.readouterr().err
        assert "26500 万元" in capsys.readouterr().out

    app = make_workbook("enterprise")
    wb = load_workbook(app)
    fake = write_xlsb(tmp_path / "企业.xlsx", [(ws.title, [list(r) for r in ws.iter_rows(values_only=True)])
                                                for ws in wb])
    before = fake.read_bytes()
    apps = tmp_path / "申报表"
    apps.mkdir()
    app.rename(apps / app.name)
    for args in (["check", "--write", fake], ["refresh", fake, "--from", apps],
                 ["merge", fake, tmp_path / "b" / "遵义市汇总表.xlsx"]):
        done = shibai(*args)
        assert done.returncode == 2, (args, done.stderr)
        assert "实际是Excel 二进制工作簿（.xlsb）" in done.stderr and "另存为" in done.stderr, done.stderr
        assert fake.read_bytes() == before
