"""Refreshing a city's 项目汇总表 from a folder of real application workbooks, and the provincial merge."""
from __future__ import annotations

import hashlib
import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shibai_xl.adapters.files import FileBusy, write_atomic
from shibai_xl.adapters.xlsx.package import UnreadableFile
from shibai_xl.engine.parse.text import company_key
from shibai_xl.engine.summary import cross_application
from shibai_xl.examples import example_residents, make_uscc
from shibai_xl.faces.cli import main
from shibai_xl.jobs.merge import merge
from shibai_xl.jobs.read_applications import read_record
from shibai_xl.jobs.refresh import refresh
from tests.conftest import example

T0 = datetime(2024, 5, 10, 9, 0)
T1 = datetime(2024, 5, 11, 9, 0)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows(path: Path) -> list[dict]:
    wb = load_workbook(path)
    ws = wb["项目汇总表"]
    t = ws.tables["sb_summary"]
    first, last = t.ref.split(":")
    r0, r1 = int(first[1:]), int("".join(ch for ch in last if ch.isdigit()))
    header = [c.value for c in ws[r0]]
    out = []
    for r in range(r0 + 1, r1 + 1):
        values = {h: ws.cell(r, i + 1).value for i, h in enumerate(header) if h}
        if any(v not in (None, "") for v in values.values()):
            values["_row"] = r
            out.append(values)
    return out


def by_name(path: Path) -> dict[str, dict]:
    return {r["企业名称"]: r for r in rows(path)}


@pytest.fixture
def folder(tmp_path, make_workbook):
    apps = tmp_path / "申报表"
    apps.mkdir()
    for t in ("park", "base", "enterprise", "team"):
        p = make_workbook(t)
        shutil.move(p, apps / f"{t}.xlsx")
    (apps / "子文件夹").mkdir()
    bad = make_workbook("enterprise", example("enterprise", sb_name="贵州差一点电子商务有限公司",
                                                sb_uscc=make_uscc("520102", "MA6XXXXY1"), sb_trade_total=800))
    shutil.move(bad, apps / "子文件夹" / "不达标企业.xlsx")
    (apps / "说明.xlsx").write_text("名称,金额\n甲,1\n", encoding="utf-8")    # a CSV saved as .xlsx
    (apps / "~$park.xlsx").write_bytes(b"lock")                              # Excel's lock file: skipped
    (apps / "空文件.xlsx").write_bytes(b"")
    return apps


def test_first_refresh_creates_the_summary(tmp_path, folder):
    summary = tmp_path / "贵阳市汇总表.xlsx"
    report = refresh(summary, folder, batch="2024-05", city="贵阳市", now=T0)
    assert report.created and report.files == 7 and report.update.added == 5
    got = by_name(summary)
    park = got["贵阳黔货出山电子商务产业园"]
    assert park["项目类型"] == "园区" and park["企业性质"] == "国企" and park["市（州）"] == "贵阳市"
    assert park["年度交易额（万元）"] == 35000 and park["年度网络零售额（万元）"] == 4200    # 3.5 亿元 → 万元
    assert park["前置条件"] == "达标" and park["自动评分"] == 120 and park["来源文件"] == "park.xlsx"
    assert park["统一社会信用代码"] == example("park")["sb_uscc"] and park["批次"] == "2024-05"
    assert park["状态"] == "有效" and park["更新时间"] == "2024-05-10 09:00" and park["市州评分"] is None
    assert got["贵州差一点电子商务有限公司"]["前置条件"] == "不达标"
    assert "ELIG_TRADE" in got["贵州差一点电子商务有限公司"]["问题"]
    assert got["安顺黔味直播团队（安顺黔味文化传媒有限公司）"]["年度交易额（万元）"] == 780      # 直播销售额
    assert got["遵义红色之旅直播电商基地"]["企业性质"] == "民企"
    assert sorted(r["序号"] for r in got.values()) == [1, 2, 3, 4, 5]
    wb = load_workbook(summary)
    assert wb["项目汇总表"]["A1"].value == "贵阳市2024年电商“十百千万”工程示范项目汇总表"
    problems = {r[0]: r[1] for r in wb["问题文件"].iter_rows(min_row=3, values_only=True)}
    assert set(problems) == {"说明.xlsx", "空文件.xlsx"}
    assert "文本文件" in problems["说明.xlsx"] and "空的" in problems["空文件.xlsx"]
    assert "统计" in wb.sheetnames and wb["统计"]._charts
    # the counts leave out what could not be read, and say so
    assert "合计不完整：2 个文件未能读取" in wb["统计"]["A1"].value and "未计入" in wb["统计"]["A1"].value


def test_the_count_chart_of_a_refresh_with_unreadable_files_says_its_totals_are_incomplete(tmp_path, folder):
    """Two files cannot be read: the 统计 sheet's title said so, but its chart — the one picture a city pastes into
    its report — kept the plain title over short counts (QA)."""
    summary = tmp_path / "贵阳市汇总表.xlsx"
    refresh(summary, folder, batch="2024-05", city="贵阳市", now=T0)
    chart = load_workbook(summary)["统计"]._charts[0]
    assert "".join(r.t for p in chart.title.tx.rich.p for r in (p.r or [])) == "各前置条件示范项目申报数量（合计不完整）"


def test_a_verdict_a_clerk_typed_with_a_note_is_counted_under_that_verdict(tmp_path, folder):
    """A project added by hand without an application, its 前置条件 typed “达标（已实地核查）”: the 统计 count table
    and its chart gave it a group of its own beside 达标 (QA); it is counted under 达标, as merge and review read it."""
    summary = tmp_path / "贵阳市汇总表.xlsx"
    refresh(summary, folder, batch="2024-05", city="贵阳市", now=T0)
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    table = ws.tables["sb_summary"]
    cols = {ws.cell(3, c).value: c for c in range(1, ws.max_column + 1) if ws.cell(3, c).value}
    row = int("".join(ch for ch in table.ref.split(":")[1] if ch.isdigit())) + 1
    for k, v in (("序号", 6), ("市（州）", "贵阳市"), ("企业名称", "贵阳手填电子商务有限公司"), ("项目类型", "企业"),
                 ("前置条件", "达标（已实地核查）"), ("状态", "有效")):
        ws.cell(row, cols[k]).value = v
    table.ref = f"{table.ref.split(':')[0]}:{table.ref.split(':')[1].rstrip('0123456789')}{row}"
    wb.save(summary)
    (folder / "team.xlsx").unlink()          # a change: the refresh rewrites the 统计 sheet
    refresh(summary, folder, batch="2024-05", city="贵阳市", now=T1)
    counts = {r[0]: r[1:5] for r in load_workbook(summary)["统计"].iter_rows(min_row=3, max_col=5, values_only=True)
              if r[0]}
    # 达标: the park, the base and the hand-typed 企业 (the example 企业 passes too; the team is withdrawn)
    assert sorted(k for k in counts if "达标" in k) == ["不达标", "达标"]
    assert counts["达标"][2] == 2 and counts["达标"][:2] == (1, 1)


def test_second_refresh_without_changes_changes_nothing(tmp_path, folder):
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, folder, now=T0)
    before = sha(summary)
    report = refresh(summary, folder, now=T1)
    # the two files that cannot be read are read again (a failed read is never cached), the rest is not
    assert report.read == 2 and report.cached == 5 and not report.update.changed
    assert sha(summary) == before


def test_people_s_work_is_kept(tmp_path, folder, make_workbook):
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, folder, now=T0)
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    header = {c.value: c.column for c in ws[3]}
    park_row = next(r["_row"] for r in rows(summary) if r["项目类型"] == "园区")
    ws.cell(park_row, header["市州评分"]).value = 92
    ws.cell(park_row, header["联系人"]).value = "张主任"                        # a person's correction
    ws.cell(park_row, header["年度交易额（万元）"]).value = 36000               # disagrees with 3.5亿
    ws.cell(3, 30).value = "备注（市局）"                                      # a column a person added
    ws.cell(park_row, 30).value = "已实地核查"
    ws["B2"].value = "王五"
    ws.column_dimensions["H"].width = 55
    wb.save(summary)
    # the park changes its application; one application disappears
    values = example("park", sb_online_retail=4300)
    path = make_workbook("park", values)
    shutil.move(path, folder / "park.xlsx")
    (folder / "team.xlsx").unlink()
    report = refresh(summary, folder, now=T1)
    # read: the changed park and the two files that cannot be read (never cached)
    assert report.read == 3 and report.update.withdrawn == 1 and report.update.mismatches == 2  # 交易额, 联系人
    got = by_name(summary)
    park = got["贵阳黔货出山电子商务产业园"]
    assert park["市州评分"] == 92 and park["联系人"] == "张主任" and park["年度交易额（万元）"] == 36000
    assert park["年度网络零售额（万元）"] == 4300 and park["更新时间"] == "2024-05-11 09:00"
    assert "XC_SUMMARY_MISMATCH" in park["问题"]
    team = got["安顺黔味直播团队（安顺黔味文化传媒有限公司）"]
    assert team["状态"] == "已撤回" and team["问题"].startswith("已撤回：")          # 状态 is off the printed page
    assert got["贵州山珍优品电子商务有限公司"]["更新时间"] == "2024-05-10 09:00"       # untouched row
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    assert ws.cell(3, 30).value == "备注（市局）" and ws.cell(park_row, 30).value == "已实地核查"
    assert ws["B2"].value == "王五" and ws.column_dimensions["H"].width == 55
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows


def _bureau_column(tmp_path: Path, folder: Path, area) -> tuple[Path, int]:
    """A refreshed summary whose bureau added “审核意见” after the tool's columns and set a print area (``area(ws,
    column)``): the summary and that column."""
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, folder, city="贵阳", now=T0)
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    col = ws.max_column + 1
    ws.cell(3, col).value = "审核意见"
    ws.cell(4, col).value = "同意推荐上报"
    ws.column_dimensions[ws.cell(3, col).column_letter].width = 14
    ws.print_area = area(ws, col)
    wb.save(summary)
    return summary, col


def _a_new_application(folder: Path, make_workbook) -> None:
    shutil.move(make_workbook("enterprise", example("enterprise", sb_name="贵州新来电子商务有限公司",
                                                    sb_uscc=make_uscc("520102", "MA6NEW0001"))),
                folder / "新来的.xlsx")


def test_a_print_area_the_bureau_set_for_its_own_column_is_kept_and_grows_with_the_table(tmp_path, folder,
                                                                                        make_workbook):
    """README: 打印设置 a person made are kept. A bureau that added “审核意见” after the tool's columns and set the
    print area to take it in had it reset to 附件4 … 问题 by the next refresh that changed a row, so the stamped copy
    lacked its opinions; now its columns stay and its rows still reach the table's last project."""
    from openpyxl.utils import get_column_letter

    from tests import libreoffice as lo
    summary, col = _bureau_column(tmp_path, folder, lambda ws, col: f"A1:{get_column_letter(col)}{ws.max_row}")
    _a_new_application(folder, make_workbook)
    report = refresh(summary, folder, now=T1)
    assert report.update.added == 1
    ws = load_workbook(summary)["项目汇总表"]
    area = ws.print_area.split("!")[1].replace("$", "")
    assert area == f"A1:{get_column_letter(col)}{ws.max_row}", area
    text = lo.pdf_text(lo.convert(summary, "pdf", tmp_path / "pdf")).replace(" ", "")
    assert "审核意见" in text and "同意推荐上报" in text and "贵州新来电子商务有限公司" in text


@pytest.mark.parametrize("saved", ["'项目汇总表'!$A:$V", "'项目汇总表'!$A$1:$V$1048576"])
def test_a_whole_column_print_area_as_excel_saves_it_is_kept(tmp_path, folder, make_workbook, saved, recwarn):
    """A bureau selects columns A … its own 审核意见 and sets the print area: Excel and WPS save it as whole columns
    ($A:$V, the blank template's own A1:P1048576 comes back the same way). openpyxl drops such a name with an English
    warning on the terminal, so the next refresh replaced it by A … 问题 and the stamped copy lacked the opinions;
    now it is kept, its columns whole."""
    import re

    from openpyxl.utils import get_column_letter

    from tests.zip_parts import read_parts, write_parts
    summary, col = _bureau_column(tmp_path, folder, lambda ws, col: "A1:B2")
    parts = read_parts(summary)
    book = parts["xl/workbook.xml"].decode()
    parts["xl/workbook.xml"] = re.sub(r"(_xlnm.Print_Area[^>]*>)[^<]*", lambda m: m.group(1) + saved, book).encode()
    write_parts(summary, parts)
    _a_new_application(folder, make_workbook)
    report = refresh(summary, folder, now=T1)
    assert report.update.added == 1
    ws = load_workbook(summary)["项目汇总表"]
    assert ws.print_area.split("!")[1].replace("$", "") == f"A1:{get_column_letter(col)}1048576"   # still whole
    assert not [w for w in recwarn if "Print area" in str(w.message)]


def test_cross_application_duplicates(tmp_path, make_workbook):
    folder = tmp_path / "apps"
    folder.mkdir()
    shutil.move(make_workbook("enterprise"), folder / "a.xlsx")
    shutil.move(make_workbook("enterprise"), folder / "b.xlsx")                 # the same application twice
    shared = example_residents("park")
    other = example_residents("base")
    other[0] = dict(shared[0], 序号=1)                                          # one resident in two lists
    shutil.move(make_workbook("park", residents=shared), folder / "park.xlsx")
    shutil.move(make_workbook("base", residents=other), folder / "base.xlsx")
    summary = tmp_path / "s.xlsx"
    refresh(summary, folder, now=T0)
    got = rows(summary)
    enterprise_rows = [r for r in got if r["项目类型"] == "企业"]
    # same code, same type: two versions of one application (issue #12), not two applications
    assert len(enterprise_rows) == 1 and "2个版本" in enterprise_rows[0]["问题"]
    assert "XC_CROSS_APP" not in enterprise_rows[0]["问题"]
    for r in got:
        if r["项目类型"] in ("园区", "基地"):
            assert "XC_CROSS_APP" in (r["问题"] or "")


def test_formula_text_lands_as_text(tmp_path, make_workbook):
    folder = tmp_path / "apps"
    folder.mkdir()
    evil = '=HYPERLINK("http://evil.example","点我")'
    shutil.move(make_workbook("team", example("team", sb_name=evil, sb_county="+1+2", sb_contact="@SUM(A1)")),
                folder / "t.xlsx")
    summary = tmp_path / "s.xlsx"
    refresh(summary, folder, now=T0)
    ws = load_workbook(summary)["项目汇总表"]
    header = {c.value: c.column for c in ws[3]}
    for col, text in (("企业名称", evil), ("县区", "+1+2"), ("联系人", "@SUM(A1)")):
        cell = ws.cell(4, header[col])
        assert cell.value == text and cell.data_type == "s", col


def test_refused_when_open_in_excel(tmp_path, folder, capsys):
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, folder, now=T0)
    before = sha(summary)
    (tmp_path / "~$汇总表.xlsx").write_bytes(b"x")
    with pytest.raises(FileBusy):
        refresh(summary, folder, now=T1)
    assert main(["refresh", str(summary), "--from", str(folder)]) == 2
    assert "正在被 Excel/WPS 打开" in capsys.readouterr().err
    assert sha(summary) == before


def test_interrupted_save_leaves_the_previous_file(tmp_path):
    target = tmp_path / "汇总表.xlsx"
    target.write_bytes(b"previous version")

    def crash(tmp: Path) -> None:
        tmp.write_bytes(b"half a fi")
        raise OSError("power cut")

    with pytest.raises(OSError):
        write_atomic(target, crash)
    assert target.read_bytes() == b"previous version"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".shibai-")]


def test_inputs_are_never_modified(tmp_path, folder):
    before = {p: sha(p) for p in folder.rglob("*") if p.is_file()}
    refresh(tmp_path / "s.xlsx", folder, now=T0)
    assert {p: sha(p) for p in folder.rglob("*") if p.is_file()} == before


def test_not_a_summary_is_refused(tmp_path, folder, make_workbook):
    app = make_workbook("park")
    before = sha(app)
    with pytest.raises(UnreadableFile) as e:
        refresh(app, folder)
    assert "汇总表" in str(e.value) and sha(app) == before


def test_merge_cities(tmp_path, folder, make_workbook):
    gy = tmp_path / "贵阳市汇总表.xlsx"
    refresh(gy, folder, city="贵阳市", now=T0)
    zy_apps = tmp_path / "zy"
    zy_apps.mkdir()
    shutil.move(make_workbook("base"), zy_apps / "base.xlsx")                    # also reported by 贵阳
    shutil.move(make_workbook("team", example("team", sb_name="遵义某直播团队", sb_city="遵义市",
                                              sb_uscc=make_uscc("520302", "MA6HHHHH1"))), zy_apps / "team.xlsx")
    zy = tmp_path / "遵义市汇总表.xlsx"
    refresh(zy, zy_apps, city="遵义市", now=T0)
    wb = load_workbook(zy)
    ws = wb["项目汇总表"]
    header = {c.value: c.column for c in ws[3]}
    ws.cell(4, header["市州评分"]).value = 88
    wb.save(zy)
    province = tmp_path / "全省.xlsx"
    report = merge(province, [gy, zy], now=T1)
    got = rows(province)
    assert len(got) == 5 + 2
    assert sum(1 for r in got if r["企业名称"] == "遵义红色之旅直播电商基地") == 2
    assert any("遵义红色之旅直播电商基地" in d for d in report.duplicates)
    assert any(r["市州评分"] == 88 for r in got)
    stats = {r[0]: r[1:5] for r in load_workbook(province)["统计"].iter_rows(min_row=3, values_only=True) if r[0]}
    assert stats["遵义市"] == (0, 1, 0, 1)        # the 遵义 base, reported by both cities, is counted once
    base_rows = [r for r in got if r["企业名称"] == "遵义红色之旅直播电商基地"]
    assert any("贵阳市汇总表不一致" in (r["问题"] or "") for r in base_rows)
    before = rows(province)
    again = merge(province, [gy, zy], now=datetime(2024, 6, 1))
    assert again.update.added == 0 and again.update.updated == 0 and rows(province) == before
    assert load_workbook(province)["统计"]._charts


def test_a_company_one_list_names_and_another_lists_with_its_code_is_found(tmp_path, make_workbook):
    """附件3 has no 统一社会信用代码 column: a list typed in the official layout names its companies only, while a
    list made with the tool's template may carry their codes. The same company in both (its name spelled
    有限责任公司 in one, 有限公司 in the other) is one company in two parks/bases; the same name under two different
    codes is two companies."""
    folder = tmp_path / "apps"
    folder.mkdir()
    park = example_residents("park")                                           # every company with its code
    base = [dict(r, 企业名称="基地" + r["企业名称"]) for r in example_residents("base")]
    base[0] = dict(base[0], 企业名称=park[1]["企业名称"].replace("有限公司", "有限责任公司"), 统一社会信用代码=None)
    other = [dict(r, 企业名称="另一基地" + r["企业名称"], 统一社会信用代码=make_uscc("520103", f"MA{k:07d}"))
             for k, r in enumerate(example_residents("base"), 1)]
    other[0] = dict(other[0], 企业名称=park[2]["企业名称"], 统一社会信用代码=make_uscc("520103", "MA0000001"))  # another code
    shutil.move(make_workbook("park", residents=park), folder / "park.xlsx")
    shutil.move(make_workbook("base", example("base", sb_name="甲直播基地"), residents=base), folder / "base.xlsx")
    shutil.move(make_workbook("base", example("base", sb_name="乙直播基地", sb_uscc=make_uscc("520103", "MA6DKQ8X1")),
                              residents=other), folder / "other.xlsx")
    summary = tmp_path / "s.xlsx"
    refresh(summary, folder, now=T0)
    problems = {r["来源文件"]: r["问题"] or "" for r in rows(summary)}
    assert "XC_CROSS_APP" in problems["park.xlsx"] and "XC_CROSS_APP" in problems["base.xlsx"]
    assert "XC_CROSS_APP" not in problems["other.xlsx"]
    records = [read_record(folder / f, f) for f in ("park.xlsx", "base.xlsx", "other.xlsx")]
    said = {f: [x.message for x in found] for f, found in cross_application(records).items()}
    shared = company_key(park[1]["企业名称"])
    said_of = "同一企业出现在多份申报中：入驻企业{}同时出现在其他园区/基地的入驻企业名单中（{}）".format
    assert said == {"park.xlsx": [said_of(shared, "base.xlsx")], "base.xlsx": [said_of(shared, "park.xlsx")]}
    # the same from the cache: a second refresh reads nothing and says the same
    (folder / "other.xlsx").touch()
    assert refresh(summary, folder, now=T1).read == 0
    assert {r["来源文件"]: r["问题"] or "" for r in rows(summary)} == problems


def test_one_company_applying_twice_once_without_its_code_is_found(tmp_path, make_workbook):
    """A second application of one company whose 统一社会信用代码 was left blank is still the same company: both
    rows say XC_CROSS_APP (the one without a code says FIELD_REQUIRED too); a company of another name does not."""
    folder = tmp_path / "apps"
    folder.mkdir()
    shutil.move(make_workbook("enterprise"), folder / "a.xlsx")
    named = example("enterprise")["sb_name"].replace("有限公司", "有限责任公司")          # spelled the long way
    shutil.move(make_workbook("team", example("team", sb_name=named, sb_uscc=None)), folder / "b.xlsx")
    shutil.move(make_workbook("team", example("team", sb_name="贵州另一家直播有限公司", sb_uscc=None)), folder / "c.xlsx")
    coded = example("enterprise")
    shutil.move(make_workbook("team", example("team", sb_name=coded["sb_name"], sb_uscc=coded["sb_uscc"])),
                folder / "d.xlsx")                                  # and with its code as a team: one company still
    summary = tmp_path / "s.xlsx"
    refresh(summary, folder, now=T0)
    problems = {r["来源文件"]: r["问题"] or "" for r in rows(summary)}
    # b and d are one team's application, with and without its code: two versions, one row (QA: two rows, the team
    # counted twice), which names the other file; the company's enterprise application is another project
    team = [f for f in ("b.xlsx", "d.xlsx") if f in problems]
    assert len(team) == 1 and "2个版本" in problems[team[0]]
    for f in ("a.xlsx", *team):                                  # one finding each, not one per way it matched
        assert "XC_CROSS_APP 重复申报" in problems[f] and "XC_CROSS_APP 重复申报（" not in problems[f], f
    assert "XC_CROSS_APP" not in problems["c.xlsx"]


def test_a_version_without_its_code_and_one_with_it_are_one_row(tmp_path, make_workbook, capsys):
    """申报表.xlsx sent without its 统一社会信用代码, then 申报表(修改版).xlsx with it and a corrected figure, both left
    in the folder: two rows, the enterprise counted twice in 统计 (QA). A file without a code is a version of the one
    application of its type and name that has a code: one row, from the later form; two coded applications of that
    name leave it a project of its own (the tool cannot tell whose version it is)."""
    folder = tmp_path / "apps"
    folder.mkdir()
    shutil.move(make_workbook("enterprise", example("enterprise", sb_uscc=None, sb_fill_date="2024-04-10")),
                folder / "申报表.xlsx")
    shutil.move(make_workbook("enterprise", example("enterprise", sb_fill_date="2024-04-20", sb_online_retail=3456)),
                folder / "申报表(修改版).xlsx")
    summary = tmp_path / "s.xlsx"
    refresh(summary, folder, now=T0)
    got = rows(summary)
    assert [r["来源文件"] for r in got] == ["申报表(修改版).xlsx"]
    assert got[0]["年度网络零售额（万元）"] == 3456 and "未采用“申报表.xlsx”" in got[0]["问题"]
    # check FOLDER says the same on both files (it stopped with an internal error once versions were so grouped)
    capsys.readouterr()
    assert main(["check", str(folder), "--json"]) == 0
    out, err = capsys.readouterr()
    assert len(json.loads(out)) == 2 and "同一申报有2个版本" in err and "采用“申报表(修改版).xlsx”" in err, err


def test_city_option_is_a_guizhou_city_or_refused(tmp_path, folder, capsys):
    """``--city`` names the summary's 市（州）: a short form gets the full name in the title; a name that is no
    市（州） of Guizhou is refused (a title naming none silently switches off the wrong-市（州） check)."""
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(folder), "--city", "北京市"]) == 2
    err = capsys.readouterr().err
    assert "不认识的市（州）“北京市”" in err and "贵安新区" in err and "Traceback" not in err
    assert not summary.exists()
    refresh(summary, folder, city="黔东南", now=T0)
    ws = load_workbook(summary)["项目汇总表"]
    assert str(ws["A1"].value).startswith("黔东南州2024年")


def test_city_option_on_an_existing_summary_titles_a_blank_one_and_refuses_another_city(tmp_path, folder, capsys):
    """On a summary that exists: the template's "XX市（州）" title gets the 市（州）; a title naming another 市（州） is
    refused, even when no application changed (the option was silently ignored: QA)."""
    summary = tmp_path / "汇总表.xlsx"
    assert main(["new", "summary", "--out", str(summary)]) == 0
    refresh(summary, folder, city="遵义", now=T0)
    assert str(load_workbook(summary)["项目汇总表"]["A1"].value).startswith("遵义市2024年")
    before = summary.read_bytes()
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(folder), "--city", "贵阳"]) == 2
    err = capsys.readouterr().err
    assert "遵义市" in err and "贵阳市" in err and "不一致" in err and "Traceback" not in err
    assert summary.read_bytes() == before
    assert main(["refresh", str(summary), "--from", str(folder), "--city", "遵义市"]) in (0, 1)   # 1: the fixture's bad file
    assert "不一致" not in capsys.readouterr().err
    assert str(load_workbook(summary)["项目汇总表"]["A1"].value).startswith("遵义市2024年")


def test_a_summary_still_titled_xx_says_to_name_its_city_before_printing(tmp_path, folder, capsys):
    """The 附件4 a bureau prints and stamps is titled with its 市（州）: a refresh that leaves the template's
    "XX市（州）…" title says so (it printed "XX市（州）2024年…汇总表" without a word); one with the city, none."""
    summary = tmp_path / "贵阳市汇总表.xlsx"
    main(["refresh", str(summary), "--from", str(folder)])
    out = capsys.readouterr().out
    assert "XX市（州）" in str(load_workbook(summary)["项目汇总表"]["A1"].value)
    assert "标题" in out and "XX市（州）" in out and "--city" in out, out
    other = tmp_path / "遵义市汇总表.xlsx"
    main(["refresh", str(other), "--from", str(folder), "--city", "遵义"])
    assert "XX市（州）" not in capsys.readouterr().out


def test_the_advice_to_add_city_followed_on_the_same_summary_titles_it(tmp_path, folder, capsys):
    """The clerk does what the refresh said (“…或刷新时加上 --city”) on the same summary, no application changed:
    the run said “汇总表内容没有变化，文件未改写” and the title stayed “XX市（州）…” (the new title was set in memory,
    but a title alone did not count as a change). The title is written, and said."""
    summary = tmp_path / "贵阳市汇总表.xlsx"
    main(["refresh", str(summary), "--from", str(folder)])
    capsys.readouterr()
    main(["refresh", str(summary), "--from", str(folder), "--city", "贵阳"])
    out = capsys.readouterr().out
    assert str(load_workbook(summary)["项目汇总表"]["A1"].value).startswith("贵阳市2024年")
    assert "文件未改写" not in out and "标题已按 --city 改为" in out and "XX市（州）" not in out, out


def test_city_option_takes_an_autonomous_prefectures_official_name(tmp_path, folder):
    """``--city 黔东南苗族侗族自治州`` (the name on the bureau's letterhead) is 黔东南州, not refused; an expert of
    黔东南州 is recused from a project whose 市（州） a person typed as the official name."""
    from shibai_xl.engine.review import Project, conflicts

    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, folder, city="黔东南苗族侗族自治州", now=T0)
    assert str(load_workbook(summary)["项目汇总表"]["A1"].value).startswith("黔东南州2024年")
    p = Project(no="企业01", name="甲公司", type="enterprise", city="黔南布依族苗族自治州")
    assert conflicts("黔南州", [p]) == {"企业01"}


def test_an_application_without_name_and_code_is_said_not_dropped(tmp_path, make_workbook, capsys):
    """QA qa24: an application whose 名称 and 统一社会信用代码 are both blank has no row to go to; it was left out
    of the summary and its totals with exit 0 and not a word. It is a file not summarised: listed, exit 1."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("enterprise"), apps / "企业.xlsx")
    shutil.move(make_workbook("enterprise", example("enterprise", sb_name=None, sb_uscc=None)), apps / "无名.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps)]) == 1
    err = capsys.readouterr().err
    assert "无名.xlsx" in err and "名称和统一社会信用代码都没有填写" in err
    wb = load_workbook(summary)
    problems = {r[0]: r[1] for r in wb["问题文件"].iter_rows(min_row=3, values_only=True)}
    assert set(problems) == {"无名.xlsx"}
    assert len(rows(summary)) == 1
    # the next refresh, with nothing changed, says it again
    assert main(["refresh", str(summary), "--from", str(apps)]) == 1
    assert "无名.xlsx" in capsys.readouterr().err


def test_nothing_changed_counts_rows_not_files(make_workbook, tmp_path, capsys):
    """Two versions of one application are one row: the refresh with nothing new said "未变 2 行" (files) after the
    first said "新增 1 行" (QA)."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    first = make_workbook("enterprise")
    shutil.copy(first, apps / "企业.xlsx")
    shutil.move(first, apps / "企业（更正）.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    assert "新增 1 行" in capsys.readouterr().out
    assert main(["refresh", str(summary), "--from", str(apps)]) == 0
    assert "未变 1 行" in capsys.readouterr().out


def test_from_a_file_says_to_give_its_folder(make_workbook, tmp_path, capsys):
    """``--from 申报表.xlsx`` said "找不到申报表文件夹" of a path that exists (QA): it says to give the folder."""
    app = make_workbook("team")
    assert main(["refresh", str(tmp_path / "汇总表.xlsx"), "--from", str(app)]) == 2
    assert f"--from {app.parent}" in capsys.readouterr().err
    assert not (tmp_path / "汇总表.xlsx").exists()


def test_a_version_dated_to_the_month_is_not_older_than_a_day_of_that_month(tmp_path, make_workbook):
    """Two versions of one application: the original dated 2024-04-15, the corrected one saved later with 填表时间
    “2024年4月”. The month stands for every day of April, so the dates cannot say which is later and the later
    saved file is used (README: 填表时间相同时采用修改时间较晚的一份) — not the original because “2024年4月” was read
    as April 1st; the note shows the month as typed."""
    import os

    folder = tmp_path / "apps"
    folder.mkdir()
    original = folder / "原件.xlsx"
    shutil.move(make_workbook("enterprise", example("enterprise", sb_fill_date=datetime(2024, 4, 15).date())),
                original)
    corrected = folder / "2024.4更正.xlsx"
    shutil.move(make_workbook("enterprise", example("enterprise", sb_fill_date="2024年4月", sb_online_retail=950)),
                corrected)
    os.utime(original, (1_712_000_000, 1_712_000_000))
    os.utime(corrected, (1_713_000_000, 1_713_000_000))
    summary = tmp_path / "s.xlsx"
    refresh(summary, folder, now=T0)
    [row] = [r for r in rows(summary) if r["项目类型"] == "企业"]
    assert row["年度网络零售额（万元）"] == 950 and row["来源文件"] == corrected.name, row
    assert "填表时间2024-04）" in row["问题"] and "2024-04-01" not in row["问题"], row["问题"]


def test_refresh_refuses_a_provincial_table_as_the_ribbon_does(make_workbook, tmp_path, capsys):
    """`shibai refresh 全省.xlsx --from 贵阳` (the provincial table taken for a city summary) took the other cities'
    projects for withdrawn applications: their rows became 已撤回 and left the 统计 totals, exit 0. The ribbon's
    刷新汇总表 refuses a provincial table (请点“合并市州汇总”); the command refuses it too, leaving it untouched."""
    gy, zy = tmp_path / "贵阳", tmp_path / "遵义"
    gy.mkdir()
    zy.mkdir()
    shutil.move(make_workbook("park"), gy / "园区.xlsx")
    shutil.move(make_workbook("base"), zy / "基地.xlsx")
    assert refresh(tmp_path / "贵阳市汇总表.xlsx", gy).unreadable == []
    assert refresh(tmp_path / "遵义市汇总表.xlsx", zy).unreadable == []
    province = tmp_path / "全省.xlsx"
    merge(province, [tmp_path / "贵阳市汇总表.xlsx", tmp_path / "遵义市汇总表.xlsx"])
    before = province.read_bytes()
    capsys.readouterr()
    assert main(["refresh", str(province), "--from", str(gy)]) == 2
    err = capsys.readouterr().err
    assert "全省汇总表" in err and "merge" in err
    assert province.read_bytes() == before


def test_a_refresh_that_finds_nothing_new_still_says_the_summary_s_disagreements(tmp_path, make_workbook):
    """The terminal says the truth on every refresh: a 年度交易额 a person changed and an application of another
    市（州） stay flagged in the summary, so a second refresh that has nothing new to write says them again, not
    “不一致 0 处” and no word of the other 市（州）."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("enterprise"), apps / "企业.xlsx")     # 黔东南州 in a 贵阳市 summary
    shutil.move(make_workbook("park"), apps / "园区.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, apps, city="贵阳", now=T0)
    wb = load_workbook(summary)
    ws = wb["项目汇总表"]
    header = {c.value: c.column for c in ws[3]}
    park_row = next(r["_row"] for r in rows(summary) if r["项目类型"] == "园区")
    ws.cell(park_row, header["年度交易额（万元）"]).value = 36000               # disagrees with 3.5亿
    wb.save(summary)
    first = refresh(summary, apps, city="贵阳", now=T1)
    assert first.update.mismatches == 2 and "企业.xlsx（黔东南州）" in first.describe()
    before = sha(summary)
    again = refresh(summary, apps, city="贵阳", now=T1)
    assert sha(summary) == before and not again.update.changed
    assert again.update.mismatches == 2 and "不一致 2 处" in again.describe()
    assert "企业.xlsx（黔东南州）" in again.describe()


def _apple_double() -> bytes:
    """What macOS writes beside a file on a USB drive or into a zip (__MACOSX/): ._申报表.xlsx, its Finder data."""
    import struct

    head = struct.pack(">II16sH", 0x00051607, 0x00020000, b"Mac OS X        ", 2)
    return (head + struct.pack(">III", 9, 50, 32) + struct.pack(">III", 2, 82, 286)).ljust(4096, b"\0")


def test_the_mac_companions_of_a_folder_copied_from_a_mac_are_no_unreadable_applications(tmp_path, make_workbook,
                                                                                        capsys):
    """A folder copied from a Mac or unzipped from its zip holds ._申报表.xlsx beside each file (and __MACOSX/):
    the refresh listed them as damaged applications, counted them, called the summary incomplete and exited 1."""
    apps = tmp_path / "申报表"
    (apps / "__MACOSX").mkdir(parents=True)
    shutil.move(make_workbook("enterprise"), apps / "申报表.xlsx")
    (apps / "._申报表.xlsx").write_bytes(_apple_double())
    (apps / "__MACOSX" / "._申报表.xlsx").write_bytes(_apple_double())
    (apps / "._不是苹果的.xlsx").write_bytes(b"not a workbook")     # a name alone proves nothing: still said
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 1
    out = capsys.readouterr().out
    assert "申报表 2 份" in out and "._不是苹果的.xlsx" in out and "._申报表.xlsx" not in out
    (apps / "._不是苹果的.xlsx").unlink()
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 0
    assert "不完整" not in capsys.readouterr().out and len(rows(summary)) == 1


def test_a_shortcut_in_the_applications_folder_is_said_and_the_summary_is_incomplete(tmp_path, make_workbook, capsys):
    """A clerk put a Windows shortcut to a county's folder (or to an application) among the applications: it was
    passed over without a word, and the applications it points to were missing from a total said to be complete."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("enterprise"), apps / "申报表.xlsx")
    (apps / "汇川区 - 快捷方式.lnk").write_bytes(b"L\0\0\0\x01\x14\x02\0" + b"\0" * 68)
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 1
    out = capsys.readouterr().out
    assert "汇川区 - 快捷方式.lnk：快捷方式" in out and "不完整" in out
    problems = {r[0]: r[1] for r in load_workbook(summary)["问题文件"].iter_rows(min_row=3, values_only=True)}
    assert "复制到这个文件夹" in problems["汇川区 - 快捷方式.lnk"]


def test_a_link_in_the_applications_folder_to_a_place_outside_it_is_said_not_followed(tmp_path, make_workbook,
                                                                                       capsys):
    """A folder or workbook linked into the applications folder from elsewhere (a county's folder on a shared
    drive; a link unpacked from an applicant's zip pointing into the clerk's home): the walk passed it by without a
    word, the county's applications missing from a total said to be complete. No path is taken from the folder
    applicants and cities fill: each such link is named, with what to do, and the total is incomplete (exit 1). A
    link within the folder (and a loop) changes nothing."""
    apps, share = tmp_path / "申报表", tmp_path / "共享盘" / "汇川区"
    (apps / "红花岗区").mkdir(parents=True)
    share.mkdir(parents=True)
    shutil.move(make_workbook("enterprise"), apps / "红花岗区" / "申报表.xlsx")
    shutil.move(make_workbook("park"), share / "园区申报表.xlsx")
    (apps / "汇川区").symlink_to(share, target_is_directory=True)
    (apps / "基地.xlsx").symlink_to(share / "园区申报表.xlsx")
    (apps / "同一个县").symlink_to(apps / "红花岗区", target_is_directory=True)   # within: read once, where it is
    (apps / "红花岗区" / "回到上级").symlink_to(apps, target_is_directory=True)   # a loop
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 1
    said = capsys.readouterr().out
    assert "汇川区：链接，指向本文件夹以外的位置" in said and "基地.xlsx：链接" in said and "不完整" in said
    assert "同一个县" not in said and "回到上级" not in said
    got = by_name(summary)
    assert set(got) == {"贵州山珍优品电子商务有限公司"}
    assert "个版本" not in (got["贵州山珍优品电子商务有限公司"]["问题"] or "")
    assert main(["check", str(apps), "--json"]) == 1
    assert "指向本文件夹以外的位置" in capsys.readouterr().out


def test_a_county_folder_that_cannot_be_opened_is_said_and_the_summary_is_incomplete(tmp_path, make_workbook,
                                                                                  capsys, monkeypatch):
    """A county's folder on the shared drive the clerk has no right to open (or gone while read): the walk went
    past it without a word, and its applications were missing from a total said to be complete."""
    import os

    apps = tmp_path / "申报表"
    (apps / "汇川区").mkdir(parents=True)
    shutil.move(make_workbook("enterprise"), apps / "申报表.xlsx")
    shutil.move(make_workbook("park"), apps / "汇川区" / "园区申报表.xlsx")
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path).name == "汇川区":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    summary = tmp_path / "汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(apps), "--batch", "2024-05"]) == 1
    out = capsys.readouterr().out
    assert "汇川区：文件夹无法打开" in out and "不完整" in out
    assert main(["check", str(apps), "--json"]) == 1
    assert "文件夹无法打开" in capsys.readouterr().out


def test_workbook_links_that_loop_or_lead_nowhere_are_said_in_check_as_in_refresh(tmp_path, make_workbook, capsys):
    """Two links named like workbooks pointing at each other (unpacked from an applicant's zip): refresh listed them
    as unreadable, but check FOLDER (and check A B) stopped with 程序内部错误 (exit 3, no JSON), and check of one
    of them said 找不到文件 of a file the clerk sees in the folder. Now check lists them as refresh does, the others
    are checked (exit 1), and a link given by name is said to be a link whose target cannot be opened."""
    apps = tmp_path / "申报表"
    apps.mkdir()
    shutil.move(make_workbook("enterprise"), apps / "企业.xlsx")
    (apps / "甲.xlsx").symlink_to(apps / "乙.xlsx")
    (apps / "乙.xlsx").symlink_to(apps / "甲.xlsx")
    capsys.readouterr()
    assert main(["check", str(apps), "--json"]) == 1
    out, err = capsys.readouterr()
    got = {o["file"]: o for o in json.loads(out)}
    assert "循环" in got["甲.xlsx"]["error"] and "循环" in got["乙.xlsx"]["error"] and got["企业.xlsx"]["type"]
    assert "内部错误" not in err
    assert main(["check", str(apps / "甲.xlsx"), str(apps / "企业.xlsx"), "--json"]) == 1
    assert "内部错误" not in capsys.readouterr().err
    assert main(["check", str(apps / "甲.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "找不到文件" not in err and "链接" in err, err
