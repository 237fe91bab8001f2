"""Files as cities and applicants really send them, given to ``check`` and ``merge``: what their software wrote
under a table's name (a CSV, a web page or an Excel 2003 XML table called .xls, as government systems export them)
is refused with a Chinese message saying what the file is and what to do, never as "内容无法识别", and the file is
left as it was."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from shibai_xl.faces.cli import main

from .libreoffice import convert, need_soffice
from .zip_parts import rewrite

HEADER = ("序号,市（州）,县区,企业名称,企业地址,项目类型,企业性质,企业运营情况及主要业绩,联系人,电话,"
          "年度交易额（万元）,年度网络零售额（万元）,市州评分")


def _run(argv: list[str], files: list[Path], capsys) -> tuple[int, str]:
    before = {p: p.read_bytes() for p in files}
    code = main(argv)
    said = capsys.readouterr()
    assert all(p.read_bytes() == data for p, data in before.items())
    assert "Traceback" not in said.err + said.out
    return code, said.err + said.out


@pytest.mark.parametrize("pad", [0, 1, 2])
def test_a_csv_summary_whose_sample_ends_inside_a_character_is_read(tmp_path, capsys, pad):
    """A city's 项目汇总表 saved as “CSV UTF-8” (Excel writes a BOM): its first 4 KB ended inside a Chinese character,
    and the file was called “不是 Excel 工作簿（文件内容无法识别），请确认文件没有损坏”; later “这是文本文件……另存为”.
    A CSV 附件4 is now read (tests/test_text_tables.py): its 10 rows merged, whatever its first 4 KB end in."""
    row = ("1,贵阳市,南明区,贵州甲电子商务有限公司,贵阳市南明区花果园,企业,民企," + "主营黔货出山农产品网络销售" * 20
           + ",张三,13800000000,3000,1200,\r\n")
    city = tmp_path / "贵阳市汇总表.csv"
    city.write_bytes("\ufeff".encode() + b"a" * pad + (HEADER + "\r\n" + row * 10).encode())
    code, said = _run(["merge", str(tmp_path / "全省.xlsx"), str(city)], [city], capsys)
    assert code == 0 and "贵阳市 10 项" in said and "另存为" not in said, said
    assert "无法识别" not in said, said


def test_a_web_page_saved_as_xls_is_said_to_be_one(tmp_path, capsys, make_workbook):
    """Government systems export “Excel” files that are web pages (HTML tables) named .xls: the user read
    “不是 Excel 工作簿（文件内容无法识别），请确认文件没有损坏” of a file Excel opens."""
    need_soffice()
    page = convert(make_workbook("park"), "html", tmp_path / "html")
    xls = page.with_name("园区申报表.xls")
    page.rename(xls)
    code, said = _run(["check", str(xls)], [xls], capsys)
    assert code == 2 and "网页" in said and "另存为" in said and "无法识别" not in said, said


SPREADSHEET_ML = """<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="项目汇总表"><Table>
  <Row><Cell><Data ss:Type="String">序号</Data></Cell><Cell><Data ss:Type="String">市（州）</Data></Cell></Row>
 </Table></Worksheet>
</Workbook>
"""


MHT = ("MIME-Version: 1.0\r\nX-Document-Type: Workbook\r\nContent-Type: multipart/related; "
       'boundary="----=_NextPart_01DA"\r\n\r\n------=_NextPart_01DA\r\nContent-Location: file:///C:/sheet.htm\r\n'
       "Content-Type: text/html; charset=\"utf-8\"\r\n\r\n<html><body><table><tr><td>序号</td></tr></table></body></html>\r\n")


def test_an_excel_single_file_web_page_named_xls_is_said_to_be_a_web_page(tmp_path, capsys):
    """Excel's “单个文件网页（*.mht）” renamed .xls was “文本文件（可能是 CSV 或网页另存的文件）”: a web page, said so."""
    city = tmp_path / "安顺市汇总表.xls"
    city.write_text(MHT, "utf-8")
    code, said = _run(["merge", str(tmp_path / "全省.xlsx"), str(city)], [city], capsys)
    assert code == 2 and "安顺市汇总表.xls" in said and "网页（HTML）" in said and "另存为" in said, said


def test_an_excel_2003_xml_table_named_xls_is_said_to_be_one(tmp_path, capsys):
    """A summary exported as “XML 电子表格 2003” and named .xls was called a CSV or web page."""
    city = tmp_path / "遵义市汇总表.xls"
    city.write_text(SPREADSHEET_ML, "utf-8")
    code, said = _run(["merge", str(tmp_path / "全省.xlsx"), str(city)], [city], capsys)
    assert code == 2 and "遵义市汇总表.xls" in said and "XML" in said and "2003" in said and "另存为" in said, said


@pytest.mark.parametrize("lock,owner", [("~$贵阳市汇总表.xlsx", "贵阳市汇总表.xlsx"),
                                        (".~lock.贵阳市汇总表.xlsx#", "贵阳市汇总表.xlsx"),
                                        (".~贵阳市汇总表.xlsx", "贵阳市汇总表.xlsx")])   # WPS on 统信 UOS / 麒麟
def test_a_lock_file_given_to_merge_names_the_workbook_it_belongs_to(tmp_path, capsys, lock, owner):
    """A clerk picked the lock file Excel or LibreOffice leaves beside a city summary: the message called it “不是申报表”
    and, for LibreOffice's .~lock.…#, told them to look for the name without “~$”, which it does not begin with."""
    path = tmp_path / lock
    path.write_bytes(b"\x05zhang" + bytes(160) if lock.startswith("~$") else "张三,PC,张三,05.12.2026 09:00;".encode())
    code, said = _run(["merge", str(tmp_path / "全省.xlsx"), str(path)], [path], capsys)
    assert code == 2 and "锁定文件" in said and f"“{owner}”" in said, said
    assert "申报表" not in said and ("~$" in lock or "“~$”" not in said), said


def test_a_zipped_city_summary_given_to_merge_is_said_with_what_to_do_for_merge(tmp_path, capsys):
    """A city sent its 项目汇总表 zipped: merge said “请先解压，再检查解压出的申报表（shibai check 解压出的文件夹）”."""
    import zipfile

    city = tmp_path / "贵阳市.zip"
    with zipfile.ZipFile(city, "w") as zf:
        zf.writestr("贵阳市项目汇总表.xlsx", b"PK\x05\x06" + bytes(18))
    code, said = _run(["merge", str(tmp_path / "全省.xlsx"), str(city)], [city], capsys)
    assert code == 2 and "贵阳市.zip" in said and "解压" in said, said
    assert "shibai check" not in said and "申报表" not in said, said


@pytest.mark.parametrize("streams,what", [({"WordDocument": b"\0" * 5000, "1Table": b"\0" * 5000}, "文字文档"),
                                          ({"PowerPoint Document": b"\0" * 5000, "Current User": b"\0" * 100}, "演示文稿")],
                         ids=["wps-writer", "dps-presentation"])
def test_a_writer_or_presentation_file_renamed_xlsx_is_not_told_to_be_saved_as_a_workbook(tmp_path, capsys, streams,
                                                                                        what):
    """A WPS 文字 (.wps/.doc) or WPS 演示 (.dps/.ppt) file renamed 申报表.xlsx was told “请用 Excel 或 WPS 打开后另存为
    Excel 工作簿”, which neither program can do with it; a presentation was “旧版 Office/WPS 二进制格式”."""
    from shibai_xl.addin.cfb import build_compound_file

    path = tmp_path / "申报表.xlsx"
    path.write_bytes(build_compound_file(streams))
    code, said = _run(["check", str(path)], [path], capsys)
    assert code == 2 and what in said and "另存为" not in said and "选错" in said, said


_PASSWORD_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Save(src As String, dst As String, flt As String)
  Dim a(0) As New com.sun.star.beans.PropertyValue
  a(0).Name = &quot;Hidden&quot; : a(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(src), &quot;_blank&quot;, 0, a())
  Dim b(1) As New com.sun.star.beans.PropertyValue
  b(0).Name = &quot;FilterName&quot; : b(0).Value = flt
  b(1).Name = &quot;Password&quot; : b(1).Value = &quot;123&quot;
  doc.storeToURL(ConvertToURL(dst), b())
  doc.close(True)
End Sub
</script:module>
"""


def save_with_password(src: Path, target: Path, filter_name: str) -> Path:
    """``src`` saved by LibreOffice with an open password (文件→另存为→使用密码保存), through a Basic macro in a
    private profile: ``--convert-to`` takes no password."""
    import subprocess

    soffice = need_soffice()
    profile = target.parent / "lo-profile"
    if not (profile / "user" / "basic" / "Standard").is_dir():
        subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--terminate_after_init"],
                       capture_output=True, timeout=120, check=False)
    (profile / "user" / "basic" / "Standard" / "Module1.xba").write_text(_PASSWORD_MACRO, "utf-8")
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    f'macro:///Standard.Module1.Save("{src}","{target}","{filter_name}")'],
                   capture_output=True, timeout=180, check=False)
    if not target.is_file():
        pytest.skip("LibreOffice did not save with a password")
    return target


@pytest.mark.parametrize("fmt,filter_name", [("ods", "calc8"), ("xls", "MS Excel 97")])
def test_a_city_summary_saved_with_a_password_is_said_to_be_encrypted(tmp_path, capsys, fmt, filter_name):
    """A city saved its 项目汇总表 in LibreOffice with 使用密码保存 (.ods): merge said “工作簿内容无法读取（无法解析），文件
    可能已损坏或设置了密码” where check of the same file says it is encrypted and how to remove the password."""
    summary = tmp_path / "贵阳市汇总表.xlsx"
    assert main(["new", "summary", "--out", str(summary)]) == 0
    city = save_with_password(summary, tmp_path / f"贵阳市汇总表.{fmt}", filter_name)
    capsys.readouterr()
    code, said = _run(["merge", str(tmp_path / "全省.xlsx"), str(city)], [city], capsys)
    assert code == 2 and city.name in said and "已加密" in said and "密码" in said, said
    assert "无法解析" not in said and "损坏" not in said, said


def _cities_with_one_open(tmp_path: Path) -> Path:
    """A folder of city summaries, 贵阳市's open in Excel (its ~$ owner file beside it) and once in LibreOffice."""
    from shibai_xl.jobs.refresh import refresh
    from tests.filled_cache import example_files

    folder = tmp_path / "市州汇总表"
    folder.mkdir()
    refresh(folder / "贵阳市.xlsx", example_files(tmp_path / "demo")[0].parent, city="贵阳市")
    (folder / "~$贵阳市.xlsx").write_bytes(b"\x05zhang" + bytes(160))
    (folder / ".~lock.贵阳市.xlsx#").write_text("张三,PC,张三,05.12.2026 09:00;", "utf-8")
    return folder


def test_merge_with_a_wildcard_as_the_windows_prompt_passes_it(tmp_path, capsys):
    """The Windows command prompt passes “市州汇总表\\*.xlsx” as typed: check expanded it, merge said
    “找不到文件：市州汇总表/*.xlsx”. Expanded as for check, the lock files it matches left out."""
    folder = _cities_with_one_open(tmp_path)
    code, said = _run(["merge", str(tmp_path / "全省.xlsx"), str(folder / "*.xlsx")], list(folder.iterdir()), capsys)
    assert code == 0 and "合并：贵阳市 4 项" in said and "找不到" not in said and "锁定" not in said, said


@pytest.mark.parametrize("command", ["merge", "check"])
def test_a_shell_wildcard_matching_the_lock_of_an_open_workbook_reads_the_workbook_alone(tmp_path, capsys, command):
    """``shibai merge 全省.xlsx 市州汇总表/*.xlsx`` in a shell while 贵阳市.xlsx is open in Excel: the shell passes
    ~$贵阳市.xlsx too, and the province total was called incomplete (exit 1, the lock listed on 问题文件) for a file
    that is no summary and whose workbook was read. A lock given beside its own workbook is left out."""
    folder = _cities_with_one_open(tmp_path)
    files = sorted(str(p) for p in folder.glob("*.xlsx") if not p.name.startswith("."))   # as a shell's * matches
    if command == "check":
        demo = tmp_path / "demo" / "申报表"
        app = next(demo.iterdir())
        (demo / f"~${app.name}").write_bytes(b"\x05zhang" + bytes(160))
        files = sorted(str(p) for p in demo.glob("*.xlsx"))
    argv = ["merge", str(tmp_path / "全省.xlsx"), *files] if command == "merge" else ["check", *files]
    code, said = _run(argv, [Path(f) for f in files], capsys)
    assert code == 0 and "锁定" not in said and "不完整" not in said and "无法读取" not in said, said


def test_a_resident_list_exported_as_csv_beside_a_park_is_not_called_a_file_not_to_read(tmp_path, make_workbook,
                                                                                      capsys):
    """A park exported its 入驻企业名单 from its own system as CSV and sent it beside the form: refresh and check FOLDER
    said “另有 1 个文件不是 Excel 工作簿，未读取：园区入驻企业名单.csv（申报书、证明材料等不需要读取）” — the list not read
    and the user told it need not be. The line says a CSV table is not read and how to make it one that is."""
    folder = tmp_path / "申报"
    folder.mkdir()
    make_workbook("park", residents=None, name="申报/园区.xlsx")
    (folder / "园区入驻企业名单.csv").write_text("序号,企业名称,联系人\n1,贵州甲电商有限公司,张三\n", "utf-8-sig")
    (folder / "申报书.pdf").write_bytes(b"%PDF-1.7\n")
    for argv in (["check", str(folder)], ["refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(folder)]):
        _, said = _run(argv, list(folder.iterdir()), capsys)
        line = next(x for x in said.splitlines() if "不是 Excel 工作簿" in x)
        assert "园区入驻企业名单.csv" in line and "另存为" in line and ".xlsx" in line, line
        assert not re.search(r"园区入驻企业名单\.csv[^；]*不需要读取", line), line


@pytest.mark.parametrize("command", ["refresh", "merge"])
def test_a_summary_saved_as_strict_open_xml_is_refused_as_such_before_it_is_opened(tmp_path, capsys, command):
    """A city summary (or the province's) saved from Excel as “Strict Open XML 电子表格” and refreshed (merged) into:
    openpyxl's English warnings (“UserWarning: File contains an invalid specification…”) ran over the terminal, and
    the summary was said to be “不是项目汇总表：没有名为 sb_summary 的汇总表表格” — not what is wrong with it."""
    from shibai_xl.jobs.refresh import refresh
    from tests.filled_cache import example_files

    from .test_refusals import _strict

    apps = example_files(tmp_path / "demo")[0].parent
    made = tmp_path / "made.xlsx"
    refresh(made, apps, city="贵阳市")
    strict = _strict(made, tmp_path / "汇总表.xlsx", lambda n: n.endswith((".xml", ".rels")))
    argv = (["refresh", str(strict), "--from", str(apps)] if command == "refresh"
            else ["merge", str(strict), str(made)])
    code, said = _run(argv, [strict, made], capsys)
    assert code == 2 and "Strict Open XML" in said and "另存为" in said and "汇总表.xlsx" in said, said
    assert "Warning" not in said and "sb_summary" not in said, said


def test_a_workbook_whose_name_lost_its_extension_is_listed_not_called_no_workbook(tmp_path, make_workbook, capsys):
    """An application saved or received without its extension (“园区申报表”, as some chat tools and download links
    leave it) lay in the folder: refresh said “另有 1 个文件不是 Excel 工作簿，未读取：园区申报表（申报书、证明材料等不需要
    读取）” and exit 0 — an application silently left out. It is listed as not read, with what to do (exit 1)."""
    folder = tmp_path / "申报"
    folder.mkdir()
    make_workbook("team", name="申报/团队.xlsx")
    make_workbook("enterprise", name="申报/企业申报表.xlsx").rename(folder / "企业申报表")
    (folder / "说明").write_text("材料清单见申报书", "utf-8")      # a note without extension: no Office file
    (folder / "5C2A1000").write_bytes((folder / "团队.xlsx").read_bytes()[:3000])   # Excel's temp file, left mid-save
    code, said = _run(["refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(folder)], list(folder.iterdir()), capsys)
    assert code == 1 and "企业申报表：" in said and "扩展名" in said and ".xlsx" in said, said
    assert not re.search(r"不是 Excel 工作簿，未读取：[^\n]*企业申报表", said) and "5C2A1000：" not in said, said


def test_a_folder_given_to_merge_is_said_with_the_wildcard_to_give_instead(tmp_path, capsys):
    """The clerk gave merge the folder the cities' summaries were saved in: “市州汇总表 是文件夹，不是工作簿文件”, with
    no word of what merge wants. The message shows the command with the folder's summaries."""
    folder = _cities_with_one_open(tmp_path)
    code, said = _run(["merge", str(tmp_path / "全省.xlsx"), str(folder)], list(folder.iterdir()), capsys)
    assert code == 2 and "是文件夹" in said and f"{folder}/*.xlsx" in said.replace("\\", "/"), said


@pytest.mark.parametrize("tail", [" ", ".", " .", "  "])
def test_a_workbook_whose_name_ends_with_a_space_or_a_dot_is_read_as_the_workbook_it_is(tmp_path, make_workbook,
                                                                                      capsys, tail):
    """“企业申报表.xlsx ” / “企业申报表.xlsx.”: names a zip tool or a Linux copy of Windows files leaves (Windows itself
    cannot make them). refresh and check FOLDER said “另有 1 个文件不是 Excel 工作簿，未读取” (a space) or “没有扩展名的
    Office 文件” (a dot) — an application left out. It is read by its content, and the report names the trailing
    character so that the clerk can rename it."""
    folder = tmp_path / "申报"
    folder.mkdir()
    make_workbook("team", name="申报/团队.xlsx")
    odd = make_workbook("enterprise", name="申报/企业申报表.xlsx")
    odd = odd.rename(folder / f"企业申报表.xlsx{tail}")
    summary = tmp_path / "汇总表.xlsx"
    code, said = _run(["refresh", str(summary), "--from", str(folder)], list(folder.iterdir()), capsys)
    assert code == 0, said
    assert "不是 Excel 工作簿" not in said and "扩展名的 Office" not in said, said
    assert "企业申报表.xlsx" in said and ("空格" if tail.endswith(" ") else "句点") in said, said
    from openpyxl import load_workbook

    ws = load_workbook(summary).worksheets[0]
    names = {c.value for row in ws.iter_rows() for c in row}
    assert any(isinstance(v, str) and v.startswith("企业申报表.xlsx") for v in names), names
    code, said = _run(["check", str(folder), "--json"], list(folder.iterdir()), capsys)
    import json

    assert len(json.loads(said[said.index("["):])) == 2, said


@pytest.mark.parametrize("tail", [" ", "."])
def test_check_write_on_a_workbook_whose_name_ends_with_a_space_or_a_dot_names_the_trailing_character(
        tmp_path, make_workbook, capsys, tail):
    """check --write on “企业申报表.xlsx ” was refused as “不是 .xlsx 工作簿……另存为 Excel 工作簿”: it is one, and the
    clerk could not tell why. The refusal names the space or dot the name ends with and what to do; nothing written."""
    odd = make_workbook("enterprise", name="企业申报表.xlsx")
    odd = odd.rename(tmp_path / f"企业申报表.xlsx{tail}")
    code, said = _run(["check", "--write", str(odd)], [odd], capsys)
    assert code == 2, said
    assert "不是 .xlsx 工作簿" not in said and ("空格" if tail == " " else "句点") in said and "末尾" in said, said


RESIDENT_HEADER = ("序号,企业名称,联系人,联系方式,企业网址,所属行业（类型）,从业人数,年度网络交易额（万元）,"
                   "年度网络零售额（万元）,备注\n")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
def test_a_park_whose_resident_list_came_only_as_csv_is_checked_with_it(tmp_path, make_workbook, capsys, encoding):
    """A park's 附件3 came only as the CSV its own system exported (UTF-8 with BOM, or GBK as Chinese Excel writes
    it): ELIG_EVIDENCE said “入驻企业名单（附件3）没有列出任何企业……请补充名单” — as if no list had been sent; later it
    said the CSV was not read, save it as .xlsx. The CSV is read as the park's list (tests/test_text_tables.py), and a
    refresh picks up the CSV arriving or going (the park's cached record is not kept across it)."""
    import json

    from openpyxl import load_workbook

    folder = tmp_path / "申报"
    folder.mkdir()
    park = make_workbook("park", residents=None, name="申报/园区.xlsx")
    summary = tmp_path / "汇总表.xlsx"

    def problems() -> str:
        ws = load_workbook(summary).worksheets[0]
        return " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)

    assert main(["refresh", str(summary), "--from", str(folder)]) in (0, 1)
    assert "XC_RESIDENT_FILE" not in problems()
    csv = folder / "入驻企业名单.csv"
    csv.write_bytes((RESIDENT_HEADER + "1,贵州甲电商有限公司,张三,13800000000,,电商,20,800,600,\n").encode(encoding))
    code, said = _run(["check", str(park), "--json"], [park, csv], capsys)
    findings = json.loads(said[said.index("{"):])["findings"]
    assert any(f["code"] == "XC_RESIDENT_FILE" and "入驻企业名单.csv" in f["message"] for f in findings), findings
    evidence = next(f for f in findings if f["code"] == "ELIG_EVIDENCE")
    assert "名单1家" in evidence["message"] and "另存为" not in evidence["message"], evidence
    assert "没有列出任何企业" not in evidence["message"], evidence
    assert main(["refresh", str(summary), "--from", str(folder)]) in (0, 1)
    capsys.readouterr()
    assert "XC_RESIDENT_FILE" in problems() and "问题文件" not in problems() and "未读取" not in problems()
    csv.unlink()
    assert main(["refresh", str(summary), "--from", str(folder)]) in (0, 1)
    assert "XC_RESIDENT_FILE" not in problems()


@pytest.mark.parametrize("shared", [False, True])
def test_a_resident_list_of_formulas_saved_without_their_values_is_said_so(tmp_path, make_workbook, capsys, shared):
    """A park's 附件3 whose 年度网络零售额 is a formula (=H6*0.12, filled down: Excel saves it as one shared formula)
    saved by a program that does not store formula results (a converter, a script, some web exports): every cell
    reads as blank, and the park was told only “名单12家企业都没有填写年度网络零售额……请补充” — the figures are there.
    The list says which column holds formulas without saved results, and to open and save it in Excel/WPS."""
    import json
    import re

    from openpyxl import load_workbook

    park = make_workbook("park", name="园区.xlsx")
    wb = load_workbook(park)
    ws = wb["入驻企业名单"]
    rows = [r for r in range(6, ws.max_row + 1) if isinstance(ws.cell(r, 8).value, (int, float))]
    for r in rows:
        ws.cell(r, 9).value = f"=H{r}*0.12"
    wb.save(park)
    if shared:   # as Excel writes a formula filled down: the first cell holds it, the others point to it
        def filled_down(name, data):
            if b"<f>H6*0.12</f>" not in data:
                return data
            text = data.decode().replace("<f>H6*0.12</f>", f'<f t="shared" ref="I6:I{rows[-1]}" si="0">H6*0.12</f>')
            return re.sub(r"<f>H\d+\*0\.12</f>", '<f t="shared" si="0"/>', text).encode()
        rewrite(park, park, filled_down)
    code, said = _run(["check", str(park), "--json"], [park], capsys)
    messages = [f["message"] for f in json.loads(said[said.index("{"):])["findings"]]
    assert any("公式" in m and "没有保存计算结果" in m and "年度网络零售额" in m and f"I6:I{rows[-1]}" in m
               for m in messages), messages


def test_a_list_of_unsaved_formulas_is_not_said_to_have_no_retail_filled_in(tmp_path, make_workbook, capsys):
    """The same list (年度网络零售额 =H6*0.12 … saved without results): beside the reader's warning naming the cells,
    ELIG_EVIDENCE said “入驻企业名单没有填写年度网络零售额” and XC_RESIDENT_RETAIL “名单12家企业都没有填写年度网络零售额”
    — both untrue, the figures are there. Both now say the figures are formulas without saved results, and the
    verdict stays 待定 (eligible null), as for a list that cannot be read."""
    import json

    from openpyxl import load_workbook

    park = make_workbook("park", name="园区.xlsx")
    wb = load_workbook(park)
    ws = wb["入驻企业名单"]
    for r in range(6, ws.max_row + 1):
        if isinstance(ws.cell(r, 8).value, (int, float)):
            ws.cell(r, 9).value = f"=H{r}*0.12"
    wb.save(park)
    code, said = _run(["check", str(park), "--json"], [park], capsys)
    result = json.loads(said[said.index("{"):])
    by_code = {f["code"]: f["message"] for f in result["findings"]}
    for c in ("ELIG_EVIDENCE", "XC_RESIDENT_RETAIL"):
        assert c in by_code and "没有保存计算结果" in by_code[c] and "没有填写" not in by_code[c], by_code
    assert result["eligible"] is None, result["eligible"]


def test_the_system_folders_of_a_drive_are_not_read_as_applications(tmp_path, make_workbook, capsys):
    """`shibai check E:\\` (or refresh --from it) on an external drive where the applications lie at the top: Windows
    keeps there “$RECYCLE.BIN” (deleted old versions of the applications, renamed $R….xlsx, and their $I….xlsx
    records, no workbooks) and “System Volume Information” (closed to every account). check read the deleted versions
    as versions of the applications, listed the $I records as broken workbooks and the closed folder as unreadable:
    exit 1 of a drive holding nothing wrong. These folders (and Linux's lost+found) are the system's, not read."""
    drive = tmp_path / "E"
    drive.mkdir()
    app = make_workbook("team")
    app.rename(drive / "团队.xlsx")
    recycled = drive / "$RECYCLE.BIN" / "S-1-5-21-1004336348-1177238915-682003330-1001"
    recycled.mkdir(parents=True)
    (recycled / "$RX7Q2A1.xlsx").write_bytes((drive / "团队.xlsx").read_bytes())
    (recycled / "$IX7Q2A1.xlsx").write_bytes(b"\x02" + bytes(40))
    for name in ("System Volume Information", "lost+found"):
        (drive / name).mkdir()
        (drive / name / "IndexerVolumeGuid").write_bytes(b"x")
        os.chmod(drive / name, 0)
    try:
        capsys.readouterr()
        code = main(["check", str(drive), "--json"])
        said = capsys.readouterr()
        assert code == 0, said.err
        assert [o["file"] for o in json.loads(said.out)] == ["团队.xlsx"], said.out
        assert "$R" not in said.err and "System Volume" not in said.err and "lost+found" not in said.err, said.err
        assert main(["refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(drive)]) == 0, capsys.readouterr().err
    finally:
        for name in ("System Volume Information", "lost+found"):
            os.chmod(drive / name, 0o755)
