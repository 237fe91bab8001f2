"""CONTRACT.md promises at their edges that no other acceptance test held (QA round qa54c), run through the real CLI
on workbooks made by `shibai new` and filled by defined name:

§6  cross-border sales just above 0 (3 points), one cent above 50万美元 (10), "500,000" typed as text (RULE_GAP);
§5  ELIG_REGION: abolished Guizhou codes (遵义地区, 毕节地区, 安顺地区 and their old counties) are Guizhou, made-up
    codes with 52 in front are not;
§6  a reviewer's score: exactly 0 and exactly the item's maximum are counted, a negative one is refused and named;
§3  市州评分 and a person's column survive a refresh when the column was inserted among the official ones, the
    市州评分 header renamed, the table sorted or filtered;
§4  `check FOLDER --json` skips a summary lying in the folder; stdout redirected under a non-UTF-8 locale is UTF-8.
"""
from __future__ import annotations

import json
import os
import subprocess

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet.filters import FilterColumn, Filters
from openpyxl.worksheet.table import TableColumn

from .helpers import SHIBAI, assert_no_traceback, check_json, finding, has_chinese, item, make_app, run, uscc
from .test_refresh import table_rows
from .test_review import fill_expert, small_round


def _usd_gaps(obj: dict) -> list[dict]:
    return [f for f in finding(obj, "RULE_GAP") if "美" in f["message"]]


# ------------------------------------------------------------------ §6 跨境电商 (附件5 开放创新 4.2 / 4.3)
USD = [  # (id, kind, typed, 4.2, 4.3, total, RULE_GAP about 50万美元)
    ("park-1-usd", "park", 1, 0, 3, 113, False),
    ("park-1-cent", "park", 0.01, 0, 3, 113, False),
    ("base-1-usd", "base", 1, 0, 3, 113, False),
    ("park-50wan-and-1-cent", "park", 500000.01, 10, 0, 120, False),
    ("park-50wan-typed-with-commas", "park", "500,000", 0, 0, 110, True),
    ("base-50wan-exactly", "base", 500000, 0, 0, 110, True),
]


@pytest.fixture(scope="module")
def usd_results(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("usd")
    paths = [make_app(tmp, kind, name=f"{cid}.xlsx", sb_crossborder_usd=typed) for cid, kind, typed, *_ in USD]
    rc, data, err = check_json(*paths)
    assert rc == 0, err
    return {p.stem: obj for p, obj in zip(paths, data, strict=True)}


@pytest.mark.parametrize("case", USD, ids=[c[0] for c in USD])
def test_crossborder_points_at_the_edges(usd_results, case):
    """附件5: 大于50万美金 10分, 小于50万美金 3分 (有跨境电商业务: above 0); exactly 50万 is a RULE_GAP (CONTRACT §6)."""
    cid, kind, _, above, below, total, gap = case
    obj = usd_results[cid]
    assert (item(obj, "4.2")["auto"], item(obj, "4.3")["auto"]) == (above, below), \
        (item(obj, "4.2")["reason"], item(obj, "4.3")["reason"])
    assert obj["score"]["auto"] == total
    assert bool(_usd_gaps(obj)) is gap, [f["message"] for f in obj["findings"]]
    if gap:
        assert "需评审人判断" in item(obj, "4.2")["reason"] and "需评审人判断" in item(obj, "4.3")["reason"]


# ------------------------------------------------------------------ §5 ELIG_REGION
REGIONS = [  # (positions 3-8, Guizhou?)
    ("522100", True),    # 遵义地区, abolished 1997
    ("522121", True),    # 遵义县, abolished
    ("522400", True),    # 毕节地区, abolished 2011
    ("522401", True),    # 毕节市（县级）, abolished 2011
    ("522500", True),    # 安顺地区, abolished 2000
    ("522501", True),    # 安顺市（县级）, abolished 2000
    ("522201", True),    # 铜仁市（县级）, abolished 2011
    ("520000", True),    # the province's own registration authority
    ("520700", False),   # no such 市（州）
    ("522800", False),
    ("521000", False),
]


@pytest.fixture(scope="module")
def region_results(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("regions")
    paths = [make_app(tmp, "team", name=f"{code}.xlsx", sb_uscc=uscc("91", code, "MA6REG001")) for code, _ in REGIONS]
    rc, data, err = check_json(*paths)
    assert rc == 0, err
    return {p.stem: obj for p, obj in zip(paths, data, strict=True)}


@pytest.mark.parametrize("code, guizhou", REGIONS, ids=[c for c, _ in REGIONS])
def test_region_codes_old_and_made_up(region_results, code, guizhou):
    obj = region_results[code]
    found = finding(obj, "ELIG_REGION")
    if guizhou:
        assert not found and obj["eligible"] is True, [f["message"] for f in found]
    else:
        assert obj["eligible"] is False
        assert [(f["severity"], f["sheet"] is not None, f["cell"] is not None) for f in found] == [("error", True, True)]
        assert code in found[0]["message"]


# ------------------------------------------------------------------ §6 a reviewer's own score lies in 0…max
@pytest.mark.parametrize("edge, counted", [(0, True), ("max", True), (-1, False), (-0.5, False)])
def test_reviewer_score_bounds_are_inclusive(tmp_path, edge, counted):
    r = small_round(tmp_path)
    project, item_id = "贵阳花溪直播传媒有限公司", "1.1.1"        # 团队 1.1.1 is worth 15

    def jia(row):
        if row["项目名称"] == project and str(row["指标编号"]) == item_id:
            return float(row["满分"]) if edge == "max" else edge
        return float(row["满分"])

    fill_expert(r["round"] / "专家评分表-甲.xlsx", jia)
    for e in ("乙", "丙"):
        fill_expert(r["round"] / f"专家评分表-{e}.xlsx", lambda row: float(row["满分"]))
    out = tmp_path / "结果.xlsx"
    p = run("review", "collect", r["round"], "--out", out)
    assert_no_traceback(p)
    _, rows, _, _ = table_rows(out, "sb_review")
    got = {x["项目名称"]: x for x in rows}[project]
    if counted:
        assert p.returncode == 0, p.stderr
        assert int(got["专家人数"]) == 3
        low = 85 if edge == 0 else 100
        assert float(got["最低分"]) == low and float(got["平均分"]) == pytest.approx((200 + low) / 3, abs=0.01)
    else:
        assert p.returncode == 1, (p.returncode, p.stderr)
        assert int(got["专家人数"]) == 2 and float(got["平均分"]) == 100
        assert "甲" in str(got["问题"]) and item_id in str(got["问题"]) and has_chinese(str(got["问题"]))


# ------------------------------------------------------------------ §3 refresh never overwrites 市州评分 / a person's column
SCORES = {"都匀毛尖电子商务产业园": 81, "都匀剑江直播电商基地": 82, "贵州都匀茶香电子商务有限公司": 83,
          "贵州剑江直播文化传媒有限公司": 84}


def _insert_column(ws, t, header, at: int, title: str, values: dict[int, str]) -> None:
    """What Excel does on 插入 → 表格列(左侧): the cells shift right and the table gains a column."""
    c1, r1, c2, r2 = range_boundaries(t.ref)
    ws.insert_cols(at)
    ws.cell(r1, at).value = title
    for row, value in values.items():
        ws.cell(row, at).value = value
    t.ref = f"{get_column_letter(c1)}{r1}:{get_column_letter(c2 + 1)}{r2}"
    names = header[:at - c1] + [title] + header[at - c1:]
    t.tableColumns = [TableColumn(id=i + 1, name=n) for i, n in enumerate(names)]
    t.autoFilter.ref = t.ref


@pytest.mark.parametrize("edit", ["column-after-score", "column-among-official", "score-header-renamed",
                                  "sorted-by-score", "filtered-to-parks"])
def test_refresh_keeps_scores_and_added_columns_however_the_table_was_rearranged(tmp_path, edit):
    apps = tmp_path / "申报表"
    apps.mkdir()
    make_app(apps, "park", name="园区.xlsx")
    make_app(apps, "base", name="基地.xlsx", sb_uscc=uscc("91", "522701", "MA6BAGE01"))
    make_app(apps, "enterprise", name="企业.xlsx")
    make_app(apps, "team", name="团队.xlsx")
    summary = tmp_path / "汇总 表.xlsx"
    assert run("refresh", summary, "--from", apps).returncode == 0
    header, rows, ws, t = table_rows(summary)
    wb = load_workbook(summary)
    ws = wb[ws.title]
    t = ws.tables["sb_summary"]
    c1, r1, c2, r2 = range_boundaries(t.ref)
    col = {v: c1 + i for i, v in enumerate(header)}
    row_of = {r["企业名称"]: r["_row"] for r in rows}
    for name, score in SCORES.items():
        ws.cell(row_of[name], col["市州评分"]).value = score
    score_title, added = "市州评分", None
    if edit == "column-after-score":
        added = "市局意见"
        _insert_column(ws, t, header, col["市州评分"] + 1, added, {row_of[n]: f"意见{s}" for n, s in SCORES.items()})
    elif edit == "column-among-official":
        added = "核查人"
        _insert_column(ws, t, header, col["联系人"], added, {row_of[n]: f"核查{s}" for n, s in SCORES.items()})
    elif edit == "score-header-renamed":
        score_title = "市州评分（百分制）"
        ws.cell(r1, col["市州评分"]).value = score_title
        t.tableColumns[col["市州评分"] - c1].name = score_title
    elif edit == "sorted-by-score":
        data = [[ws.cell(r, c).value for c in range(c1, c2 + 1)] for r in range(r1 + 1, r2 + 1)]
        data.sort(key=lambda d: -(d[col["市州评分"] - c1] or 0))
        for i, d in enumerate(data):
            for j, v in enumerate(d):
                ws.cell(r1 + 1 + i, c1 + j).value = v
    elif edit == "filtered-to-parks":
        t.autoFilter.filterColumn = [FilterColumn(colId=col["项目类型"] - c1, filters=Filters(filter=["园区"]))]
        for name, row in row_of.items():
            ws.row_dimensions[row].hidden = "产业园" not in name
    wb.save(summary)
    # the enterprise corrects its figure; a new application arrives
    ent = apps / "企业.xlsx"
    wbe = load_workbook(ent)
    (sheet, ref), = list(wbe.defined_names["sb_online_retail"].destinations)
    wbe[sheet][ref.replace("$", "")].value = 450
    wbe.save(ent)
    make_app(apps, "enterprise", name="新企业.xlsx", sb_name="贵州新来电子商务有限公司",
             sb_uscc=uscc("91", "520102", "MA6NEW001"))
    p = run("refresh", summary, "--from", apps)
    assert_no_traceback(p)
    assert p.returncode == 0, p.stderr
    header2, rows2, _, _ = table_rows(summary)
    got = {r["企业名称"]: r for r in rows2}
    assert len(rows2) == 5 and header2.count(score_title) == 1, header2
    for name, score in SCORES.items():
        assert got[name][score_title] == score, (name, got[name])
        if added:
            assert got[name][added] == ("意见" if added == "市局意见" else "核查") + str(score)
    assert got["贵州都匀茶香电子商务有限公司"]["年度网络零售额（万元）"] == 450
    assert got["贵州新来电子商务有限公司"][score_title] is None
    assert got["贵州新来电子商务有限公司"]["自动评分"] == 100


# ------------------------------------------------------------------ §4 folders and output
def test_check_folder_json_skips_a_summary_in_it(tmp_path):
    folder = tmp_path / "申报 材料"
    folder.mkdir()
    make_app(folder, "team", name="团队.xlsx")
    make_app(folder, "enterprise", name="企业 申报.xlsx")
    assert run("refresh", folder / "汇总.xlsx", "--from", folder).returncode == 0
    rc, data, err = check_json(folder)
    assert rc == 0, err
    assert sorted(o["file"] for o in data) == ["企业 申报.xlsx", "团队.xlsx"]
    assert all("error" not in o for o in data)
    assert "汇总.xlsx" in err and has_chinese(err)


@pytest.mark.parametrize("locale", ["C", "POSIX"])
def test_json_redirected_to_a_file_under_a_plain_locale_is_utf8(tmp_path, locale):
    (tmp_path / "贵阳 申报").mkdir()
    path = make_app(tmp_path / "贵阳 申报", "park", name="园区 申报表.xlsx")
    out = tmp_path / "结果.json"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    env.update(LANG=locale, LC_ALL=locale)
    with open(out, "wb") as fh:
        p = subprocess.run([*SHIBAI, "check", str(path), "--json"], stdout=fh, stderr=subprocess.PIPE, env=env,
                           timeout=120)
    assert p.returncode == 0, p.stderr.decode("utf-8", "replace")
    obj = json.loads(out.read_bytes().decode("utf-8"))
    assert obj["file"] == "园区 申报表.xlsx" and obj["name"] == "都匀毛尖电子商务产业园"


# ------------------------------------------------------------------ "以上 / 不低于" at the threshold a formula reached
def _excel_number(path, name: str, text: str) -> None:
    """Write ``text`` as the number the named cell holds, digit for digit as Excel saves a formula's result (17
    significant digits: 499.99999999999994 for the 500 it shows; openpyxl would round it to 16)."""
    import re
    import shutil
    import zipfile
    wb = load_workbook(path)
    (sheet, ref), = list(wb.defined_names[name].destinations)
    ref = ref.replace("$", "")
    wb[sheet][ref].value = 12345.678           # a marker to find the cell by
    wb.save(path)
    part = f"xl/worksheets/sheet{wb.sheetnames.index(sheet) + 1}.xml"
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == part:
                xml, n = re.subn(rf'(<c r="{ref}"[^>]*>)<v>12345\.678</v>', rf"\g<1><v>{text}</v>", data.decode())
                assert n == 1, (part, ref)
                data = xml.encode()
            zout.writestr(info, data)
    shutil.move(tmp, path)


FORMULA_SUMS = [  # (id, kind, field, as Excel saves it, what must follow)
    ("team-live-sales-500", "team", "sb_live_sales", "499.99999999999994", "eligible"),
    ("ent-retail-100", "enterprise", "sb_online_retail", "99.999999999999986", "eligible"),
    ("team-agri-50", "team", "sb_agri_sales", "49.999999999999993", ("2.4.2", 10)),
    ("base-area-500", "base", "sb_area_ecom", "499.99999999999994", ("1.1.1", 10)),
    ("park-usd-50wan-below", "park", "sb_crossborder_usd", "499999.99999999994", "usd-gap"),
    ("park-usd-50wan-above", "park", "sb_crossborder_usd", "500000.00000000006", "usd-gap"),
]


@pytest.mark.parametrize("case", FORMULA_SUMS, ids=[c[0] for c in FORMULA_SUMS])
def test_a_formula_result_excel_shows_as_the_threshold_is_the_threshold(tmp_path, case):
    """12 monthly figures of exactly 500.00万元 summed by Excel come out as 499.99999999999994 in the file; Excel
    shows and compares 15 significant digits (500), so 达到500万以上 holds and 50万美元 is exactly 50万美元."""
    cid, kind, field, text, expect = case
    path = make_app(tmp_path, kind, name=f"{cid}.xlsx")
    _excel_number(path, field, text)
    rc, obj, err = check_json(path)
    assert rc == 0, err
    if expect == "eligible":
        assert obj["eligible"] is True, [f["message"] for f in obj["findings"] if f["code"].startswith("ELIG")]
    elif expect == "usd-gap":
        assert (item(obj, "4.2")["auto"], item(obj, "4.3")["auto"]) == (0, 0), item(obj, "4.3")["reason"]
        assert _usd_gaps(obj), [f["message"] for f in obj["findings"]]
    else:
        item_id, points = expect
        assert item(obj, item_id)["auto"] == points, item(obj, item_id)["reason"]
