"""Tables that arrive as text: a park's 入驻企业名单 (附件3) exported as CSV by its own system, WPS or Excel, lying
beside its form, is read through the same reader as a workbook's list (``adapters/xlsx/text_table.py``): in the
encodings Chinese Windows writes (UTF-8 with or without BOM, GBK, UTF-16 “Unicode 文本” with tabs), with the
delimiters people use, quoted fields, blank lines and a 合计 line. What cannot be read is said, never guessed."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shibai_xl.examples import example_residents
from shibai_xl.faces.cli import main

COLUMNS = ("序号", "企业名称", "联系人", "联系方式", "企业网址", "所属行业（类型）", "从业人数", "年度网络交易额（万元）",
           "年度网络零售额（万元）", "备注")


def list_text(rows: list[dict] | None = None, delimiter: str = ",", total: bool = False, above: str = "") -> str:
    """The park example's 附件3 as a CSV exported from a park's system (its figures as typed)."""
    rows = example_residents("park") if rows is None else rows
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    if above:
        w.writerow([above])
    w.writerow(COLUMNS)
    for r in rows:
        w.writerow([r.get(c, "") for c in COLUMNS])
    if total:
        w.writerow(["合计", "", "", "", "", "", sum(r["从业人数"] for r in rows),
                    round(sum(r["年度网络交易额（万元）"] for r in rows), 2),
                    round(sum(r["年度网络零售额（万元）"] for r in rows), 2), ""])
    return out.getvalue()


def _park_with_list(tmp_path: Path, make_workbook, data: bytes, name: str = "入驻企业名单.csv") -> tuple[Path, Path]:
    folder = tmp_path / "申报"
    folder.mkdir(exist_ok=True)
    park = make_workbook("park", residents=None, name="申报/园区.xlsx")
    listed = folder / name
    listed.write_bytes(data)
    return park, listed


def _check_json(park: Path, capsys) -> tuple[int, dict]:
    code = main(["check", str(park), "--json"])
    said = capsys.readouterr().out
    return code, json.loads(said[said.index("{"):])


def _codes(result: dict) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in result["findings"]:
        out.setdefault(f["code"], []).append(f["message"])
    return out


ENCODINGS = [("utf-8-sig", ","), ("utf-8", ","), ("gbk", ","), ("gb18030", ","), ("utf-16", "\t")]


@pytest.mark.parametrize(("encoding", "delimiter"), ENCODINGS)
def test_a_park_whose_list_came_as_csv_is_checked_with_that_list(tmp_path, make_workbook, capsys, encoding, delimiter):
    """The park's 附件3 came only as the CSV its system (or WPS/Excel: “CSV UTF-8”, GBK “CSV（逗号分隔）”, UTF-16
    “Unicode 文本”) exported: it was “是文本格式（CSV）的名单……本工具不读取”, the park's checks made without its
    companies. It is read as the workbook's list is: the same verdict as the same list in an .xlsx."""
    park, _ = _park_with_list(tmp_path, make_workbook, list_text(delimiter=delimiter).encode(encoding))
    code, result = _check_json(park, capsys)
    codes = _codes(result)
    assert any("入驻企业名单.csv" in m for m in codes.get("XC_RESIDENT_FILE", [])), codes
    assert not any("另存为" in m or "不读取" in m for ms in codes.values() for m in ms), codes
    assert "XC_RESIDENT_ROW" not in codes and "XC_RESIDENT_COUNT" not in codes, codes
    whole = tmp_path / "whole"
    whole.mkdir()
    same = make_workbook("park", name="whole/园区.xlsx")     # the same list inside the form
    _, expected = _check_json(same, capsys)
    assert (result["eligible"], result["score"]["auto"]) == (expected["eligible"], expected["score"]["auto"]), (result, expected)
    assert set(codes) - {"XC_RESIDENT_FILE"} == set(_codes(expected)), (codes, _codes(expected))


def _summary_text(summary: Path) -> str:
    wb = load_workbook(summary)
    return " ".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None)


def _refresh(tmp_path: Path, capsys) -> tuple[int, str, Path]:
    summary = tmp_path / "汇总表.xlsx"
    code = main(["refresh", str(summary), "--from", str(tmp_path / "申报")])
    said = capsys.readouterr()
    assert "Traceback" not in said.out + said.err
    return code, said.out + said.err, summary


def test_refresh_reads_a_park_list_sent_as_csv_and_notices_it_change(tmp_path, make_workbook, capsys):
    """refresh of a folder where a park's 附件3 is a GBK CSV: the park's row said “是文本格式（CSV），未读取：请另存为
    .xlsx” and the terminal “另有 1 个文件不是 Excel 工作簿，未读取：入驻企业名单.csv”. The list is read (not named as a
    file not read); a changed CSV (a company's 零售额 corrected) is read again, the park's cached row not kept."""
    rows = example_residents("park")
    park, listed = _park_with_list(tmp_path, make_workbook, list_text(rows).encode("gbk"))
    code, said, summary = _refresh(tmp_path, capsys)
    assert code == 0, said
    assert "入驻企业名单.csv" not in said.replace("入驻企业名单.csv”", ""), said   # never as a file not read
    assert "未读取" not in _summary_text(summary) and "另存为" not in _summary_text(summary)
    rows[0] = {**rows[0], "年度网络零售额（万元）": rows[0]["年度网络零售额（万元）"] + 1000}
    listed.write_bytes(list_text(rows).encode("gbk"))
    code, said, summary = _refresh(tmp_path, capsys)
    assert "零售额" in _summary_text(summary) and code in (0, 1), said


@pytest.mark.parametrize("junk", [b"\x00\x01\x02\x03PK\x99\xff" * 300, "序号,企业名称\n1,甲公司\n".encode("utf-32")])
def test_a_list_csv_that_cannot_be_read_is_said_and_the_refresh_is_incomplete(tmp_path, make_workbook, capsys, junk):
    """A 入驻企业名单.csv that is binary junk, or text in an encoding no Chinese Windows program writes: the park's
    check names the file and why (never “没有列出任何企业”), refresh and check FOLDER list it as a file not read and
    end non-zero (the result incomplete), never a traceback or a guessed list."""
    park, _ = _park_with_list(tmp_path, make_workbook, junk)
    code, result = _check_json(park, capsys)
    evidence = " ".join(_codes(result).get("ELIG_EVIDENCE", []))
    assert "入驻企业名单.csv" in evidence and "编码" in evidence and "没有列出任何企业" not in evidence, result
    code, said, summary = _refresh(tmp_path, capsys)
    assert code == 1 and "入驻企业名单.csv：" in said and "编码" in said, said
    assert "入驻企业名单.csv" in _summary_text(summary)
    code = main(["check", str(tmp_path / "申报")])
    said = capsys.readouterr()
    assert code == 1 and "入驻企业名单.csv" in said.out + said.err and "编码" in said.out + said.err, said


def test_a_list_csv_no_application_takes_is_a_problem_file_as_a_workbook_list_is(tmp_path, make_workbook, capsys):
    """A 附件3 CSV in a folder without any park/base application (the park's form forgotten): it was named among the
    files “不是 Excel 工作簿”; as an .xlsx list it is a problem file (ORPHAN), refresh ending 1."""
    folder = tmp_path / "申报"
    folder.mkdir()
    make_workbook("enterprise", name="申报/企业.xlsx")
    (folder / "园区入驻企业名单.csv").write_text(list_text(), "utf-8-sig")
    code, said, _ = _refresh(tmp_path, capsys)
    assert code == 1 and "园区入驻企业名单.csv：这是入驻企业名单（附件3）" in said, said


def test_a_csv_list_as_people_export_it_reads_as_the_same_list(tmp_path, make_workbook, capsys):
    """A title line above the header, a company name quoted with a comma and a line break in it, a blank line
    between rows, a 合计 line under the list, a full-width semicolon as separator (a system set up for Chinese):
    the companies and totals are those of the list, the 合计 line no company, row numbers as Excel shows them."""
    rows = example_residents("park")
    rows[2] = {**rows[2], "企业名称": "贵州甲,乙电子商务\n有限公司", "备注": "国家级电商示范企业，已上市企业"}
    text = list_text(rows, delimiter="；", total=True, above="贵阳黔货出山电子商务产业园入驻企业名单")
    lines = text.split("\r\n")
    text = "\r\n".join([*lines[:5], "", *lines[5:]])     # a blank line among the companies
    park, _ = _park_with_list(tmp_path, make_workbook, text.encode("utf-8-sig"))
    code, result = _check_json(park, capsys)
    codes = _codes(result)
    said = " ".join(codes.get("XC_RESIDENT_FILE", []))
    assert f"{len(rows)}家" in said, codes
    assert "XC_RESIDENT_ROW" not in codes and "XC_RESIDENT_COUNT" not in codes, codes


def test_a_csv_list_whose_code_excel_made_a_number_of_is_said_with_its_row(tmp_path, make_workbook, capsys):
    """A park's system list opened in Excel and saved again as CSV: the 统一社会信用代码 column became “9.15201E+17”
    (its digits lost) and a mobile a plain number. The code is never guessed: the row is named."""
    rows = example_residents("park")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow([*COLUMNS, "统一社会信用代码"])
    for i, r in enumerate(rows):
        w.writerow([*(r.get(c, "") for c in COLUMNS), "9.15201E+17" if i == 3 else f"91520102MA6DKQ{i:03d}X"])
    park, _ = _park_with_list(tmp_path, make_workbook, out.getvalue().encode("gbk"))
    code, result = _check_json(park, capsys)
    lost = [f for f in result["findings"] if "9.15201E+17" in f["message"] or "科学计数" in f["message"]]
    assert lost and any("第5行" in f["message"] for f in lost), result["findings"]   # row 5: the 4th company
    assert "915201000000000000" not in json.dumps(result, ensure_ascii=False)


def test_a_formula_typed_in_a_csv_list_never_becomes_a_formula_in_the_summary(tmp_path, make_workbook, capsys):
    """A CSV is untrusted: a company named “=HYPERLINK("http://x.example","点击")” or “+cmd|' /C calc'!A0” (listed
    twice, so that the summary's 问题 column names it) is text in every cell the summary writes."""
    rows = example_residents("park")
    rows[1] = {**rows[1], "企业名称": '=HYPERLINK("http://x.example","点击")'}
    rows[2] = {**rows[2], "企业名称": "+cmd|' /C calc'!A0"}
    rows.append(dict(rows[1]))
    rows.append(dict(rows[2]))
    park, _ = _park_with_list(tmp_path, make_workbook, list_text(rows).encode("utf-8"))
    code, said, summary = _refresh(tmp_path, capsys)
    wb = load_workbook(summary)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f" and "HYPERLINK" in str(c.value) or "cmd|" in str(
        c.value) and c.data_type == "f"]
    assert not any(c.data_type == "f" and ("x.example" in str(c.value) or "cmd" in str(c.value)) for c in cells)


def _province_rows(province: Path) -> list[tuple]:
    from shibai_xl.adapters.xlsx.summary_reader import read_summary

    rows = read_summary(province).rows
    return sorted((r.get("企业名称"), r.get("项目类型"), r.get("年度交易额（万元）"), r.get("年度网络零售额（万元）"))
                  for r in rows)


@pytest.mark.parametrize(("encoding", "delimiter"), [("utf-8-sig", ","), ("gbk", ","), ("utf-16", "\t")])
def test_merge_reads_a_city_summary_sent_as_csv(tmp_path, capsys, encoding, delimiter):
    """A city sent its 附件4 项目汇总表 as the CSV WPS/Excel saves (“CSV UTF-8”, GBK “CSV（逗号分隔）”, “Unicode
    文本”): merge said “这是文本文件……请另存为 Excel 工作簿” and the city was left out. It is read by its header as the
    workbook is: the province gets the same projects and figures as from the city's .xlsx."""
    from shibai_xl.jobs.refresh import refresh
    from tests.filled_cache import example_files

    from .libreoffice import convert

    apps = example_files(tmp_path / "demo")[0].parent
    city = tmp_path / "贵阳市汇总表.xlsx"
    refresh(city, apps, city="贵阳市")
    exported = convert(city, "csv:Text - txt - csv (StarCalc):44,34,76,1", tmp_path / "lo")
    text = exported.read_text("utf-8")
    if delimiter != ",":
        text = "\n".join(delimiter.join(r) for r in csv.reader(io.StringIO(text)))
    sent = tmp_path / ("贵阳市汇总表.txt" if delimiter == "\t" else "贵阳市汇总表.csv")
    sent.write_bytes(text.encode(encoding))
    assert main(["merge", str(tmp_path / "全省-xlsx.xlsx"), str(city)]) == 0
    capsys.readouterr()
    code = main(["merge", str(tmp_path / "全省-csv.xlsx"), str(sent)])
    said = capsys.readouterr()
    assert code == 0, said
    assert "Traceback" not in said.out + said.err and "另存为" not in said.out + said.err, said
    expected = _province_rows(tmp_path / "全省-xlsx.xlsx")
    assert expected and _province_rows(tmp_path / "全省-csv.xlsx") == expected


def test_merge_lists_a_city_csv_that_cannot_be_read_and_is_incomplete(tmp_path, capsys):
    """A city's 汇总表.csv in an encoding no Chinese Windows program writes (UTF-32), beside a city's .xlsx: the
    city is listed as not read with a Chinese reason, the others merged, the result incomplete (exit 1)."""
    from shibai_xl.jobs.refresh import refresh
    from tests.filled_cache import example_files

    apps = example_files(tmp_path / "demo")[0].parent
    city = tmp_path / "贵阳市汇总表.xlsx"
    refresh(city, apps, city="贵阳市")
    junk = tmp_path / "遵义市汇总表.csv"
    junk.write_bytes("序号,市（州）,县区,企业名称\n1,遵义市,红花岗区,甲公司\n".encode("utf-32"))
    code = main(["merge", str(tmp_path / "全省.xlsx"), str(city), str(junk)])
    said = capsys.readouterr()
    text = said.out + said.err
    assert code == 1 and "遵义市汇总表.csv" in text and "编码" in text and "Traceback" not in text, text


def test_checking_the_list_csv_itself_names_the_park_that_reads_it(tmp_path, make_workbook, capsys):
    """The clerk double-checks the park's 入驻企业名单.csv itself: it was “这是文本文件……不是 Excel 工作簿，请另存为”,
    though the park's check reads it as it is. As for a list workbook: it is the park's list, check the park's form."""
    park, listed = _park_with_list(tmp_path, make_workbook, list_text().encode("gbk"))
    code = main(["check", str(listed)])
    said = capsys.readouterr()
    assert code == 2 and "入驻企业名单（附件3）" in said.err and park.name in said.err, said
    assert "另存为" not in said.err, said


def test_a_comma_csv_whose_notes_are_full_of_semicolons_is_split_at_its_commas():
    """A comma-separated 附件4 whose 企业运营情况及主要业绩 (and a list's 备注) are paragraphs of Chinese text with more
    full-width semicolons per line than the table has commas: the separator was taken as “；”, every row one cell
    split at random, the city's projects lost. The separator is the one that splits the lines alike."""
    from shibai_xl.adapters.xlsx.text_table import table_rows

    note = "；".join(["深耕农产品电商"] * 16)
    text = "序号,企业名称,企业运营情况及主要业绩,年度交易额（万元）\r\n" + "".join(
        f"{i},贵州{i}号电子商务有限公司,{note},{100 * i}\r\n" for i in range(1, 6))
    rows = table_rows(text)
    assert [len(r) for r in rows] == [4] * 6, rows[:2]
    assert rows[1][1] == "贵州1号电子商务有限公司" and rows[1][3] == 100.0


def test_a_park_named_csv_that_cannot_be_read_is_in_the_problem_files_its_row_points_to(tmp_path, make_workbook,
                                                                                        capsys):
    """A CSV named after the park (“贵阳黔货出山电子商务产业园.csv”, no 名单 in its name) in an unknown encoding: the
    park's row said “入驻企业名单…无法读取（原因见“问题文件”表）” but the 问题文件 sheet did not list it."""
    park, _ = _park_with_list(tmp_path, make_workbook, "序号,企业名称\n".encode("utf-32"), "贵阳黔货出山电子商务产业园.csv")
    code, said, summary = _refresh(tmp_path, capsys)
    wb = load_workbook(summary)
    problems = " ".join(str(c.value) for ws in wb.worksheets if ws.title == "问题文件" for row in ws.iter_rows()
                        for c in row if c.value)
    assert code == 1 and "贵阳黔货出山电子商务产业园.csv" in problems, (said, problems)


def test_a_folder_s_text_tables_are_listed_once_for_its_many_applications(tmp_path, monkeypatch):
    """Each park/base of a refresh looks beside it for a list exported as CSV: a folder of 1000 applications was
    listed 1000 times (1.4 s of a refresh's time at 1000 files). It is listed once while unchanged; a CSV added is
    seen."""
    import os

    from shibai_xl.adapters.xlsx import resident_list as RL

    for i in range(20):
        (tmp_path / f"{i}.xlsx").write_bytes(b"")
    siblings = sorted(tmp_path.iterdir())
    calls = []
    real = os.scandir
    monkeypatch.setattr(RL.os, "scandir", lambda p: calls.append(p) or real(p))
    for p in siblings:     # each worker's job carries its own copy of the folder's list
        assert RL.with_text_tables(list(siblings), p) == siblings
    assert len(calls) == 1, calls
    (tmp_path / "名单.csv").write_text("序号,企业名称\n", "utf-8")
    os.utime(tmp_path, ns=(0, tmp_path.stat().st_mtime_ns + 1_000_000))   # a coarse clock: the mtime moved all the same
    assert RL.with_text_tables(list(siblings), siblings[0])[-1] == tmp_path / "名单.csv"


@pytest.mark.parametrize("damage", ["cut", "byte"])
def test_a_utf8_csv_cut_off_or_damaged_is_said_so_not_read_as_gbk_gibberish(tmp_path, make_workbook, capsys, damage):
    """A UTF-8 list copied incompletely (cut inside a character) or with a damaged byte: it was said to be in an
    encoding that is “不是 UTF-8、GBK……或者根本不是文本” — the clerk checks its encoding, which is UTF-8. It is said
    to be UTF-8 text cut off or damaged near which row, to be exported or fetched again; never tried as GB18030 (which
    takes nearly any bytes) past a long run of UTF-8."""
    from shibai_xl.adapters.xlsx.opc import UnreadableFile
    from shibai_xl.adapters.xlsx.text_table import decode

    data = list_text().encode("utf-8")
    cut = data.rindex("有限公司".encode()) + 4     # inside 限
    data = data[:cut] if damage == "cut" else data[:400] + b"\xff" + data[401:]
    with pytest.raises(UnreadableFile) as e:
        decode(data, "入驻企业名单.csv")
    assert "UTF-8" in str(e.value) and "不完整" in str(e.value) and "行" in str(e.value), str(e.value)
    assert decode("序号,企业名称\r\n1,贵州甲电子商务有限公司\r\n".encode("gbk"), "x.csv").startswith("序号")


def test_a_mobile_excel_showed_in_scientific_notation_is_said_with_its_rows(tmp_path, make_workbook, capsys):
    """A park's list opened in Excel (its 联系方式 column made numbers, shown “1.39085E+10”) and saved again as CSV:
    the last digits of those mobiles are gone, and nothing said so. The rows are named, nothing guessed."""
    rows = example_residents("park")
    for i in (2, 5):
        rows[i] = {**rows[i], "联系方式": "1.39085E+10"}
    park, _ = _park_with_list(tmp_path, make_workbook, list_text(rows).encode("gbk"))
    code, result = _check_json(park, capsys)
    lost = [f for f in result["findings"] if "联系方式" in f["message"] and "科学计数" in f["message"]]
    assert len(lost) == 1 and "第4、7行" in lost[0]["message"] and lost[0]["cell"] == "D4", result["findings"]


def test_a_note_in_txt_beside_the_forms_is_not_called_a_table(tmp_path, make_workbook, capsys):
    """A 说明.txt the applicant wrote (材料说明) lay beside the forms: refresh said “说明.txt是文本格式的表格，没有作为
    入驻企业名单（附件3）读取……”. A .txt holding a 附件3 (“Unicode 文本”) is read as a list or listed as a problem
    file; one left is a note, named among the files that need no reading."""
    folder = tmp_path / "申报"
    folder.mkdir()
    make_workbook("enterprise", name="申报/企业.xlsx")
    (folder / "说明.txt").write_text("申报材料说明：营业执照复印件见附件。", "utf-8")
    code, said, _ = _refresh(tmp_path, capsys)
    line = next(x for x in said.splitlines() if "说明.txt" in x)
    assert code == 0 and "表格" not in line, line


def test_a_list_csv_the_account_could_not_open_is_read_once_it_can(tmp_path, monkeypatch):
    """shibai serve runs for weeks: a park's list CSV on a share the account could not open yet (its rights given
    later) stayed “无法读取” until the service restarted — the answer was kept for the unchanged file, as it is not
    for a workbook that could not be opened for its rights."""
    from shibai_xl.adapters.xlsx import resident_list as RL
    from shibai_xl.rules import load

    listed = tmp_path / "入驻企业名单.csv"
    listed.write_text(list_text(), "utf-8-sig")
    real = Path.read_bytes

    def refused(self):
        if self == listed:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refused)
    assert isinstance(RL.classify(listed, load()), RL.UnreadableBook)
    monkeypatch.setattr(Path, "read_bytes", real)
    assert isinstance(RL.classify(listed, load()), RL.ResidentList)


@pytest.mark.parametrize("odd", ["\u2028", "\x85", "\x1e", "\x0c"])
def test_a_field_holding_a_unicode_line_separator_stays_in_its_cell(odd):
    """A company name pasted from a web page carrying U+2028 (or NEL, a record separator, a form feed) into a park's
    system, exported unquoted: Python's splitlines broke the record there, the row's figures moved to a row of their
    own without a name. Excel breaks records at CR/LF only: so does the reader."""
    from shibai_xl.adapters.xlsx.text_table import table_rows

    rows = table_rows(f"序号,企业名称,从业人数\r\n1,贵州甲{odd}电子商务有限公司,12\r\n2,贵州乙电子商务有限公司,8\r\n")
    assert len(rows) == 3 and rows[1][2] == 12.0 and rows[2][1] == "贵州乙电子商务有限公司", rows


def test_a_quote_never_closed_is_said_not_the_rest_of_the_list_swallowed():
    """A company typed with a lone ASCII quote at the start ("贵州丙电子商务有限公司) in a park's system, exported: the
    quote opened a field that ran to the end of the file, every row after it one cell of that row — companies lost
    without a word. The row with the quote is named."""
    from shibai_xl.adapters.xlsx.opc import UnreadableFile
    from shibai_xl.adapters.xlsx.text_table import table_rows

    text = "序号,企业名称,从业人数\r\n1,贵州甲电子商务有限公司,12\r\n2,\"贵州丙电子商务有限公司,8\r\n3,贵州乙,9\r\n4,丁,3\r\n"
    with pytest.raises(UnreadableFile) as e:
        table_rows(text)
    assert "第3行" in str(e.value) and "引号" in str(e.value), str(e.value)
    ok = table_rows('序号,企业名称\r\n1,"贵州甲\r\n电子商务有限公司"\r\n2,"甲""乙"\r\n3,甲"乙\r\n')
    assert len(ok) == 4 and ok[1][1] == "贵州甲\r\n电子商务有限公司" and ok[2][1] == '甲"乙' and ok[3][1] == '甲"乙', ok


def test_a_last_row_with_a_line_break_and_empty_cells_after_it_is_read():
    """The last company's address typed over two lines (quoted, as exported) and its 备注 empty: the record ends in
    commas, not a quote — it is a whole record, read."""
    from shibai_xl.adapters.xlsx.text_table import table_rows

    rows = table_rows('序号,企业名称,地址,备注\r\n1,贵州甲电子商务有限公司,"贵阳市\r\n南明区",\r\n')
    assert rows[1][2] == "贵阳市\r\n南明区" and len(rows) == 2, rows


def test_a_list_csv_sent_later_beside_a_cached_park_with_its_own_list_is_its_list(tmp_path, make_workbook, capsys):
    """A park filled its list in the form; later it sent the 附件3 as CSV too. The refresh took the park from its
    cache (the form unchanged), so no application took the CSV, and it was listed as a list without its application
    (ORPHAN, exit 1). As for a list workbook sent later: the park is read again and takes it."""
    folder = tmp_path / "申报"
    folder.mkdir()
    make_workbook("park", name="申报/园区.xlsx")
    code, said, _ = _refresh(tmp_path, capsys)
    assert code == 0, said
    (folder / "贵阳黔货出山电子商务产业园入驻企业名单.csv").write_bytes(list_text().encode("gbk"))
    code, said, summary = _refresh(tmp_path, capsys)
    assert code == 0 and "找不到对应的园区" not in said, said
    assert "入驻企业名单.csv" not in _summary_text(summary)


def test_a_city_csv_whose_phones_excel_showed_in_scientific_notation_is_said_on_their_rows(tmp_path, capsys):
    """A city's 附件4 opened in Excel (its 电话 column made numbers, shown “1.39085E+10”) and saved as CSV: merge took
    the lost mobiles in silently. Each such row's 问题 says it as a park's list says it (residents.lost_phone)."""
    from shibai_xl.engine.residents import LOST_PHONE

    from .test_merge_codes_as_typed import _rows
    from .test_summaries_real_world import PRINTED

    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["遵义市2024年电子商务“十百千万”工程示范项目汇总表"])
    w.writerow(PRINTED)
    for i, (name, phone) in enumerate([("遵义甲电子商务有限公司", "1.39085E+10"), ("遵义乙电子商务有限公司", "13908510037"),
                                       ("遵义丙电子商务有限公司", "0851-88551234")], 1):
        w.writerow([i, "遵义市", "汇川区", name, "汇川区某路1号", "企业", "民企", "主要业绩" * 40, "张三", phone, 1500, 300, 80])
    sent = tmp_path / "遵义市汇总表.csv"
    sent.write_bytes(out.getvalue().encode("gbk"))
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(sent)]) in (0, 1), capsys.readouterr()
    rows = {r["企业名称"]: r["问题"] or "" for r in _rows(tmp_path / "全省.xlsx")}
    assert "1.39085E+10" in rows["遵义甲电子商务有限公司"] and LOST_PHONE in rows["遵义甲电子商务有限公司"], rows
    assert "科学计数法" not in rows["遵义乙电子商务有限公司"] + rows["遵义丙电子商务有限公司"], rows


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_list_in_utf16_without_its_bom_is_read_as_with_it(tmp_path, make_workbook, capsys, encoding):
    """Some WPS exports and park systems write “Unicode 文本” without the BOM Excel puts first: it was “编码无法识别”,
    the park checked without its companies. A table's text always has ASCII in it (tabs, line breaks, digits), each a
    zero byte beside it in UTF-16 and never in UTF-8/GBK: read as the same list."""
    from shibai_xl.adapters.xlsx.text_table import decode

    text = list_text(delimiter="\t")
    assert decode(text.encode(encoding), "入驻企业名单.txt") == text
    park, _ = _park_with_list(tmp_path, make_workbook, text.encode(encoding), name="入驻企业名单.txt")
    code, result = _check_json(park, capsys)
    codes = _codes(result)
    assert any("入驻企业名单.txt" in m for m in codes.get("XC_RESIDENT_FILE", [])), codes
    assert not any("编码" in m for ms in codes.values() for m in ms), codes
    assert "XC_RESIDENT_ROW" not in codes and "XC_RESIDENT_COUNT" not in codes, codes


def test_a_binary_file_with_zero_bytes_is_not_taken_for_utf16_text():
    from shibai_xl.adapters.xlsx.opc import UnreadableFile
    from shibai_xl.adapters.xlsx.text_table import decode

    with pytest.raises(UnreadableFile, match="编码无法识别"):
        decode(bytes(range(256)) * 8, "x.csv")
    with pytest.raises(UnreadableFile, match="编码无法识别"):
        decode(b"\x01\x00\x02\x00\x03\x00\x1f\x00" * 64, "x.csv")


BIG5_LIST = ("序號,企業名稱,聯繫人,聯繫方式,企業網址,所屬行業（類型）,從業人數,年度網絡交易額（萬元）,"
             "年度網絡零售額（萬元）,備註\r\n"
             "1,貴州甲電子商務有限公司,張三,13908510000,https://a.cn,零售,6,3101.52,372.18,\r\n"
             "2,貴州乙農產品電商有限公司,李四,13908510037,,批發,7,2450.28,294.03,入駐園區\r\n")


def test_a_big5_list_is_said_with_the_encodings_read_not_read_as_gibberish(tmp_path, make_workbook, capsys):
    """A list saved in Big5 (繁体中文 Windows, a Hong Kong or Taiwan partner's system) decodes as GB18030 into
    kana, Cyrillic and box-drawing gibberish: it was taken as a list without 企业名称 (“表头……找不到”). It is said
    for what it is, with the encodings the tool reads; a GBK list holding a katakana name is still read."""
    from shibai_xl.adapters.xlsx.opc import UnreadableFile
    from shibai_xl.adapters.xlsx.text_table import decode

    with pytest.raises(UnreadableFile) as e:
        decode(BIG5_LIST.encode("big5"), "入驻企业名单.csv")
    assert "Big5" in str(e.value) and "UTF-8" in str(e.value) and "GBK" in str(e.value), str(e.value)
    japanese = list_text().replace("贵州", "株式会社サンプル贵州", 1)
    assert decode(japanese.encode("gbk"), "x.csv") == japanese
    park, _ = _park_with_list(tmp_path, make_workbook, BIG5_LIST.encode("big5"))
    code, result = _check_json(park, capsys)
    assert any("Big5" in f["message"] for f in result["findings"]), result["findings"]
