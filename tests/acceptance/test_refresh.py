"""`shibai refresh` (CONTRACT §3, §4; issues 5, 12, 14): the 附件4 table, kept work, versions, exit codes."""
from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import range_boundaries

from .helpers import assert_no_traceback, has_chinese, make_app, residents_for, run, sha, uscc

OFFICIAL = ["序号", "市（州）", "县区", "企业名称", "企业地址", "项目类型", "企业性质", "企业运营情况及主要业绩",
            "联系人", "电话", "年度交易额（万元）", "年度网络零售额（万元）", "市州评分"]


def table_rows(path: Path, name: str = "sb_summary") -> tuple[list, list[dict], object, object]:
    wb = load_workbook(path)
    for ws in wb.worksheets:
        if name in ws.tables:
            t = ws.tables[name]
            break
    else:
        raise AssertionError(f"no table {name} in {wb.sheetnames}")
    c1, r1, c2, r2 = range_boundaries(t.ref)
    header = [ws.cell(r1, c).value for c in range(c1, c2 + 1)]
    rows = []
    for r in range(r1 + 1, r2 + 1):
        vals = [ws.cell(r, c).value for c in range(c1, c2 + 1)]
        if any(v not in (None, "") for v in vals):
            rows.append(dict(zip(header, vals, strict=True)) | {"_row": r})
    return header, rows, ws, t


def by_name(rows):
    return {r["企业名称"]: r for r in rows if r.get("企业名称")}


@pytest.fixture
def folder(tmp_path):
    f = tmp_path / "申报表"
    f.mkdir()
    make_app(f, "park", name="园区.xlsx")
    make_app(f, "base", name="基地.xlsx", sb_operator_type="国有或国有控股企业",
             sb_uscc=uscc("91", "522701", "MA6BAGE01"))
    make_app(f, "enterprise", name="企业.xlsx")
    make_app(f, "team", name="团队.xlsx", sb_org_type="国有或国有控股企业")
    make_app(f, "enterprise", name="个体户.xlsx", sb_name="都匀市茶香网店（个体工商户）",
             sb_uscc=uscc("92", "522701", "MA6GET001"))
    return f


def test_first_refresh_fills_the_official_columns(tmp_path, folder):
    hashes = {p: sha(p) for p in folder.rglob("*.xlsx")}
    summary = tmp_path / "黔南州汇总表.xlsx"
    p = run("refresh", summary, "--from", folder, "--batch", "2024-05", "--city", "黔南州")
    assert_no_traceback(p)
    assert p.returncode == 0, p.stderr
    header, rows, ws, t = table_rows(summary)
    assert header[:13] == OFFICIAL
    for col in ("前置条件", "自动评分", "问题", "来源文件"):
        assert col in header[13:], header
    names = by_name(rows)
    assert len(rows) == 5
    park, base = names["都匀毛尖电子商务产业园"], names["都匀剑江直播电商基地"]
    ent, team = names["贵州都匀茶香电子商务有限公司"], names["贵州剑江直播文化传媒有限公司"]
    gt = names["都匀市茶香网店（个体工商户）"]
    assert [park["项目类型"], base["项目类型"], ent["项目类型"], team["项目类型"]] == ["园区", "基地", "企业", "团队"]
    assert [park["企业性质"], base["企业性质"], ent["企业性质"], team["企业性质"]] == ["民企", "国企", "民企", "国企"]
    assert float(park["年度交易额（万元）"]) == 36000          # 3.6 亿元 → 万元
    assert float(park["年度网络零售额（万元）"]) == 3600
    assert float(base["年度交易额（万元）"]) == 6000
    assert float(ent["年度交易额（万元）"]) == 1500 and float(ent["年度网络零售额（万元）"]) == 300
    assert park["市（州）"] == "黔南州" and park["县区"] == "都匀市"
    assert park["联系人"] == "刘芳" and str(park["电话"]) == "13985400002"
    assert len(park["企业运营情况及主要业绩"]) >= 150
    assert park["前置条件"] == "达标" and gt["前置条件"] == "不达标"
    assert park["自动评分"] == 120 and team["自动评分"] == 100
    assert "ELIG_ENTITY" in gt["问题"]
    assert park["来源文件"] == "园区.xlsx"
    assert park["市州评分"] in (None, "")
    assert sorted(r["序号"] for r in rows) == [1, 2, 3, 4, 5]
    assert {p: sha(p) for p in hashes} == hashes     # inputs never modified


def test_refresh_keeps_peoples_work_and_is_idempotent(tmp_path, folder):
    summary = tmp_path / "汇总.xlsx"
    assert run("refresh", summary, "--from", folder).returncode == 0
    # a person scores, adds a column inside the table, edits a tool cell, fills 填报人
    header, rows, ws, t = table_rows(summary)
    wb = load_workbook(summary)
    ws = wb[ws.title]
    t = ws.tables["sb_summary"]
    c1, r1, c2, r2 = range_boundaries(t.ref)
    col_score = c1 + header.index("市州评分")
    extra_col = c2 + 1
    ws.cell(r1, extra_col).value = "市局意见"
    t.ref = f"{get_column_letter(c1)}{r1}:{get_column_letter(extra_col)}{r2}"
    from openpyxl.worksheet.table import TableColumn
    t.tableColumns.append(TableColumn(id=len(t.tableColumns) + 1, name="市局意见"))
    t.autoFilter = None
    rows_by_name = {r["企业名称"]: r["_row"] for r in rows}
    park_row = rows_by_name["都匀毛尖电子商务产业园"]
    team_row = rows_by_name["贵州剑江直播文化传媒有限公司"]
    ws.cell(park_row, col_score).value = 88
    ws.cell(team_row, col_score).value = "92.5"
    ws.cell(park_row, extra_col).value = "建议推荐"
    ws.cell(team_row, c1 + header.index("联系人")).value = "王五（已核实）"
    wb.save(summary)
    # the park corrects its 网络零售额 in the form
    park_file = folder / "园区.xlsx"
    wbp = load_workbook(park_file)
    (sheet, ref), = list(wbp.defined_names["sb_online_retail"].destinations)
    wbp[sheet][ref.replace("$", "")].value = 3900
    for r in range(6, 18):
        wbp["入驻企业名单"].cell(r, 9).value = 325
    wbp.save(park_file)
    p = run("refresh", summary, "--from", folder)
    assert p.returncode == 0, p.stderr
    header2, rows2, _, _ = table_rows(summary)
    assert "市局意见" in header2
    n2 = by_name(rows2)
    park, team = n2["都匀毛尖电子商务产业园"], n2["贵州剑江直播文化传媒有限公司"]
    assert park["市州评分"] == 88 and str(team["市州评分"]) == "92.5"
    assert park["市局意见"] == "建议推荐"
    assert float(park["年度网络零售额（万元）"]) == 3900
    assert team["联系人"] == "王五（已核实）"
    assert "XC_SUMMARY_MISMATCH" in (team["问题"] or "")
    assert len(rows2) == 5
    # nothing changed: not one byte
    before = sha(summary)
    time.sleep(1.1)
    p = run("refresh", summary, "--from", folder)
    assert p.returncode == 0
    assert sha(summary) == before


def test_withdrawn_only_when_the_file_is_gone(tmp_path, folder):
    summary = tmp_path / "汇总.xlsx"
    assert run("refresh", summary, "--from", folder).returncode == 0
    (folder / "团队.xlsx").unlink()
    (folder / "企业.xlsx").write_bytes(b"PK\x03\x04 broken copy")
    p = run("refresh", summary, "--from", folder)
    assert_no_traceback(p)
    assert p.returncode == 1, (p.returncode, p.stderr)
    _, rows, _, _ = table_rows(summary)
    names = by_name(rows)
    assert len(rows) == 5
    team, ent = names["贵州剑江直播文化传媒有限公司"], names["贵州都匀茶香电子商务有限公司"]
    assert team["状态"] == "已撤回", team
    assert ent["状态"] != "已撤回", ent
    assert "本次无法读取，保留上次数据" in (ent["问题"] or ""), ent
    assert float(ent["年度交易额（万元）"]) == 1500
    wb = load_workbook(summary)
    assert "问题文件" in wb.sheetnames
    text = " ".join(str(c.value) for row in wb["问题文件"].iter_rows() for c in row if c.value)
    assert "企业.xlsx" in text


def test_two_versions_later_fill_date_wins(tmp_path):
    f = tmp_path / "apps"
    f.mkdir()
    make_app(f, "enterprise", name="企业申报表.xlsx", sb_trade_total=1800, sb_fill_date=date(2024, 4, 20))
    make_app(f, "enterprise", name="2024.4.28更正-企业申报表.xlsx", sb_trade_total=1500, sb_fill_date=date(2024, 4, 10))
    # the corrected version carries the LATER 填表时间 even though it sorts first; file-name order must not decide
    later = f / "2024.4.28更正-企业申报表.xlsx"
    wb = load_workbook(later)
    (sheet, ref), = list(wb.defined_names["sb_fill_date"].destinations)
    wb[sheet][ref.replace("$", "")].value = date(2024, 4, 28)
    (sheet, ref), = list(wb.defined_names["sb_trade_total"].destinations)
    wb[sheet][ref.replace("$", "")].value = 1800
    wb.save(later)
    wb = load_workbook(f / "企业申报表.xlsx")
    (sheet, ref), = list(wb.defined_names["sb_trade_total"].destinations)
    wb[sheet][ref.replace("$", "")].value = 1500
    wb.save(f / "企业申报表.xlsx")
    summary = tmp_path / "汇总.xlsx"
    p = run("refresh", summary, "--from", f)
    assert p.returncode == 0, p.stderr
    _, rows, _, _ = table_rows(summary)
    assert len(rows) == 1, rows
    row = rows[0]
    assert float(row["年度交易额（万元）"]) == 1800
    assert "更正" in row["来源文件"]
    assert "企业申报表.xlsx" in row["问题"] and "2024.4.28更正-企业申报表.xlsx" in row["问题"], row["问题"]


def test_same_code_two_types_is_cross_app_not_versions(tmp_path):
    f = tmp_path / "apps"
    f.mkdir()
    code = uscc("91", "522701", "MA6TW0001")
    make_app(f, "enterprise", name="企业.xlsx", sb_uscc=code)
    make_app(f, "team", name="团队.xlsx", sb_uscc=code)
    summary = tmp_path / "汇总.xlsx"
    assert run("refresh", summary, "--from", f).returncode == 0
    _, rows, _, _ = table_rows(summary)
    assert len(rows) == 2
    assert all("XC_CROSS_APP" in (r["问题"] or "") for r in rows), [r["问题"] for r in rows]


def test_resident_in_two_parks_is_cross_app(tmp_path):
    f = tmp_path / "apps"
    f.mkdir()
    make_app(f, "park", name="园区.xlsx")
    res = residents_for("base")
    res[0]["企业名称"] = "贵州都匀第1号电子商务有限公司"
    res[0]["统一社会信用代码"] = residents_for("park")[0]["统一社会信用代码"]
    make_app(f, "base", name="基地.xlsx", residents=res)
    summary = tmp_path / "汇总.xlsx"
    assert run("refresh", summary, "--from", f).returncode == 0
    _, rows, _, _ = table_rows(summary)
    assert any("XC_CROSS_APP" in (r["问题"] or "") for r in rows), [r["问题"] for r in rows]


def test_total_row_stays_last_and_covers_new_rows(tmp_path, folder):
    summary = tmp_path / "汇总.xlsx"
    (folder / "团队.xlsx").rename(tmp_path / "团队.xlsx")
    assert run("refresh", summary, "--from", folder).returncode == 0
    header, rows, ws, t = table_rows(summary)
    wb = load_workbook(summary)
    ws = wb[ws.title]
    t = ws.tables["sb_summary"]
    c1, r1, c2, r2 = range_boundaries(t.ref)
    total_row = r2 + 1
    ws.cell(total_row, c1).value = "合计"
    ktrade = c1 + header.index("年度交易额（万元）")
    kretail = c1 + header.index("年度网络零售额（万元）")
    for k in (ktrade, kretail):
        L = get_column_letter(k)
        ws.cell(total_row, k).value = f"=SUM({L}{r1 + 1}:{L}{r2})"
    t.ref = f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{total_row}"   # Excel extends the table
    t.autoFilter = None
    wb.save(summary)
    (tmp_path / "团队.xlsx").rename(folder / "团队.xlsx")
    p = run("refresh", summary, "--from", folder)
    assert p.returncode == 0, p.stderr
    header, rows, ws, t = table_rows(summary)
    names = [r["企业名称"] for r in rows]
    assert "贵州剑江直播文化传媒有限公司" in names
    last = max(rows, key=lambda r: r["_row"])
    assert str(last["序号"]).strip() == "合计" or any(str(v).strip() == "合计" for v in last.values()), last
    projects = [r for r in rows if r is not last]
    assert len(projects) == 5
    assert not any(str(r.get("项目类型")) == "合计" for r in projects)
    first, end = min(r["_row"] for r in projects), max(r["_row"] for r in projects)
    L = get_column_letter(range_boundaries(t.ref)[0] + header.index("年度交易额（万元）"))
    formula = str(last["年度交易额（万元）"])
    assert formula.replace("$", "").upper() == f"=SUM({L}{first}:{L}{end})", formula


# ------------------------------------------------------------------ exit codes and refusals
def test_refresh_nothing_readable_exit_2_writes_nothing(tmp_path):
    f = tmp_path / "apps"
    f.mkdir()
    (f / "a.xlsx").write_bytes(b"")
    (f / "b.xlsx").write_text("a,b\n1,2\n", encoding="utf-8")
    summary = tmp_path / "汇总.xlsx"
    p = run("refresh", summary, "--from", f)
    assert_no_traceback(p)
    assert p.returncode == 2, (p.returncode, p.stderr)
    assert has_chinese(p.stderr)
    assert not summary.exists()


def test_refresh_missing_folder_exit_2(tmp_path):
    p = run("refresh", tmp_path / "汇总.xlsx", "--from", tmp_path / "没有这个文件夹")
    assert_no_traceback(p)
    assert p.returncode == 2
    assert has_chinese(p.stderr)


def test_refresh_without_from_is_usage_exit_2(tmp_path):
    p = run("refresh", tmp_path / "汇总.xlsx")
    assert p.returncode == 2
    assert_no_traceback(p)


@pytest.mark.parametrize("lock", ["~$汇总.xlsx", ".~lock.汇总.xlsx#"])
def test_refresh_refuses_a_summary_open_elsewhere(tmp_path, folder, lock):
    summary = tmp_path / "汇总.xlsx"
    assert run("refresh", summary, "--from", folder).returncode == 0
    make_app(folder, "team", name="新团队.xlsx", sb_name="新的直播团队有限公司", sb_uscc=uscc("91", "522701", "MA6NEW001"))
    (tmp_path / lock).write_bytes(b"x" * 50)
    before = sha(summary)
    p = run("refresh", summary, "--from", folder)
    assert_no_traceback(p)
    assert p.returncode == 2
    assert has_chinese(p.stderr)
    assert sha(summary) == before


def test_refresh_into_xls_is_refused_and_untouched(tmp_path, folder):
    target = tmp_path / "汇总.xls"
    target.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    before = sha(target)
    p = run("refresh", target, "--from", folder)
    assert_no_traceback(p)
    assert p.returncode == 2
    assert "xlsx" in p.stderr.lower()
    assert sha(target) == before


def test_formula_text_lands_as_text_in_summary(tmp_path):
    f = tmp_path / "apps"
    f.mkdir()
    path = make_app(f, "team", name="t.xlsx")
    wb = load_workbook(path)
    for name, text in (("sb_name", '=HYPERLINK("http://evil.example/","点击")'), ("sb_address", "+1+2"),
                       ("sb_contact", "@SUM(1)"), ("sb_county", "-3")):
        (sheet, ref), = list(wb.defined_names[name].destinations)
        c = wb[sheet][ref.replace("$", "")]
        c.value = text
        c.data_type = "s"
    wb.save(path)
    summary = tmp_path / "汇总.xlsx"
    p = run("refresh", summary, "--from", f)
    assert p.returncode == 0, p.stderr
    wb = load_workbook(summary)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    v = str(cell.value)
                    assert "HYPERLINK" not in v and "evil" not in v and v not in ("=+1+2", "=@SUM(1)", "=-3"), \
                        (ws.title, cell.coordinate, v)
    _, rows, _, _ = table_rows(summary)
    assert any("HYPERLINK" in str(r["企业名称"]) for r in rows)


# ------------------------------------------------------------------ adopting a hand-made 附件4 (issue 12.6)
@pytest.fixture
def adopted(tmp_path):
    from .test_merge import hand_typed_zunyi
    f = tmp_path / "apps"
    f.mkdir()
    make_app(f, "enterprise", name="辣椒.xlsx", sb_name="贵州播州辣椒电子商务有限公司", sb_city="遵义市",
             sb_county="播州区", sb_uscc=uscc("91", "520321", "MA6LAJ001"))
    make_app(f, "team", name="团队.xlsx", sb_city="遵义市", sb_county="汇川区")
    summary = hand_typed_zunyi(tmp_path / "遵义市汇总表.xlsx")
    wb = load_workbook(summary)
    wb.active["M5"] = 77            # the city's score on the row that matches an application
    wb.save(summary)
    before = sha(summary)
    p = run("refresh", summary, "--from", f)
    assert_no_traceback(p)
    assert p.returncode == 0, p.stderr
    return {"summary": summary, "before": before, "out": p.stdout + p.stderr, "tmp": tmp_path}


def test_adoption_keeps_rows_scores_and_a_backup(adopted):
    bak = adopted["tmp"] / "遵义市汇总表.xlsx.bak"
    assert bak.exists() and sha(bak) == adopted["before"]
    assert "1" in adopted["out"] and "2" in adopted["out"]          # matched 1 row, kept 2 unmatched
    wb = load_workbook(adopted["summary"])
    assert "sb_summary" in wb.worksheets[0].tables                   # the table is on the first sheet
    header, rows, ws, t = table_rows(adopted["summary"])
    names = by_name(rows)
    assert {"遵义红色电商产业园", "遵义黔北直播基地", "贵州播州辣椒电子商务有限公司",
            "贵州剑江直播文化传媒有限公司"} <= set(names)
    assert len([r for r in rows if r["企业名称"] not in (None, "合计")]) == 4
    assert names["遵义红色电商产业园"]["市州评分"] == 85
    assert names["贵州播州辣椒电子商务有限公司"]["市州评分"] == 77
    assert names["贵州播州辣椒电子商务有限公司"]["前置条件"] == "达标"


def test_adoption_statistics_count_every_project(adopted):
    wb = load_workbook(adopted["summary"])
    ws = wb["统计"]
    grid = [[c.value for c in row] for row in ws.iter_rows()]
    header = next(r for r in grid if r and "园区" in r and "基地" in r)
    col_park, col_base = header.index("园区"), header.index("基地")
    body = [r for r in grid[grid.index(header) + 1:] if r and r[0] not in (None, "合计")]
    assert sum(int(r[col_park] or 0) for r in body) == 1, grid
    assert sum(int(r[col_base] or 0) for r in body) == 1, grid
    header2, rows, _, _ = table_rows(adopted["summary"])
    assert {r["项目类型"] for r in rows if r["企业名称"] not in (None, "合计")} <= {"园区", "基地", "企业", "团队"}


def test_renamed_and_returning_files_keep_one_row(tmp_path, folder):
    summary = tmp_path / "汇总.xlsx"
    assert run("refresh", summary, "--from", folder).returncode == 0
    header, rows, ws, t = table_rows(summary)
    wb = load_workbook(summary)
    ws = wb[ws.title]
    team_row = next(r["_row"] for r in rows if r["企业名称"] == "贵州剑江直播文化传媒有限公司")
    ws.cell(team_row, range_boundaries(t.ref)[0] + header.index("市州评分")).value = 95
    wb.save(summary)
    (folder / "团队.xlsx").rename(tmp_path / "团队.xlsx")             # taken out for a while …
    assert run("refresh", summary, "--from", folder).returncode == 0
    _, rows, _, _ = table_rows(summary)
    assert by_name(rows)["贵州剑江直播文化传媒有限公司"]["状态"] == "已撤回"
    (tmp_path / "团队.xlsx").rename(folder / "剑江团队（最终版）.xlsx")   # … and back under a new name
    (folder / "企业.xlsx").rename(folder / "茶香企业申报表.xlsx")
    p = run("refresh", summary, "--from", folder)
    assert p.returncode == 0, p.stderr
    _, rows, _, _ = table_rows(summary)
    assert len(rows) == 5, [(r["企业名称"], r["状态"]) for r in rows]
    team = by_name(rows)["贵州剑江直播文化传媒有限公司"]
    assert team["状态"] != "已撤回" and team["市州评分"] == 95
    assert team["来源文件"] == "剑江团队（最终版）.xlsx"
    assert by_name(rows)["贵州都匀茶香电子商务有限公司"]["来源文件"] == "茶香企业申报表.xlsx"


def test_typed_total_is_recomputed(tmp_path, folder):
    summary = tmp_path / "汇总.xlsx"
    assert run("refresh", summary, "--from", folder).returncode == 0
    header, rows, ws, t = table_rows(summary)
    wb = load_workbook(summary)
    ws = wb[ws.title]
    c1, r1, c2, r2 = range_boundaries(t.ref)
    ws.cell(r2 + 1, c1 + header.index("企业名称")).value = "合计"
    ws.cell(r2 + 1, c1 + header.index("年度交易额（万元）")).value = 12345     # a clerk's typed (wrong) total
    wb.save(summary)
    p = run("refresh", summary, "--from", folder)
    assert p.returncode == 0, p.stderr
    wb = load_workbook(summary)
    ws = wb[ws.title]
    total_cells = [ws.cell(r, c1 + header.index("年度交易额（万元）")) for r in range(r1, ws.max_row + 1)
                   if ws.cell(r, c1 + header.index("企业名称")).value == "合计"]
    assert len(total_cells) == 1
    v = total_cells[0].value
    expected = 36000 + 6000 + 1500 + 800 + 1500
    assert (isinstance(v, int | float) and v == expected) or (isinstance(v, str) and v.startswith("=SUM")), v
