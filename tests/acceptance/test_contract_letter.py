"""CONTRACT.md read to the letter by another program, through the real CLI (QA round qa57c): what the earlier audits
(test_contract_audit.py, test_contract_edges.py, test_check_cli_contract.py) left open.

§4  `check FILE FILE … --json` is one array of the per-file objects; a wildcard among the arguments that matches no
    file (the Windows prompt passes "D:\\申报\\遵义\\*.xlsx" as typed, and 遵义's folder is still empty) is one
    entry of that array, as a file that is not there is — it does not throw away the files that were given.
§3  the table `sb_summary` of the province table `merge` writes is a whole table: its columns (what a program
    reading the ListObject, and Excel itself, go by) are the header row's, 附件4's 13 first — it had only the two
    columns merge adds (报送市州, 市州备注) over a range of 23, a table Excel "repairs" by deleting it.
§3  前置条件 (达标 / 不达标 / 待定) of a hand-typed 附件4 whose column a city titled “是否达标” (README: the same
    column): the 是 / 否 it answers are 达标 / 不达标 for the 统计 table and for `review make` — a 否 project was sent
    to the experts as 待定.
"""
from __future__ import annotations

import zipfile

from openpyxl import Workbook, load_workbook
from openpyxl.utils.cell import range_boundaries

from .helpers import assert_no_traceback, check_json, has_chinese, make_app, run, uscc
from .test_refresh import OFFICIAL


# ------------------------------------------------------------------ §4 a wildcard matching nothing among others
def test_a_wildcard_matching_nothing_beside_other_files_is_one_unreadable_entry(tmp_path):
    guiyang, zunyi = tmp_path / "贵阳", tmp_path / "遵义"
    guiyang.mkdir()
    zunyi.mkdir()
    make_app(guiyang, "team", name="团队.xlsx")
    make_app(guiyang, "enterprise", name="企业.xlsx")
    pattern = str(zunyi / "*.xlsx")
    rc, data, err = check_json(guiyang / "*.xlsx", pattern)
    assert rc == 1, err                      # some inputs could not be read, the others were (CONTRACT §4)
    assert [o.get("type") for o in data] == ["enterprise", "team", None], data
    missing = data[-1]
    assert set(missing) == {"file", "error"} and missing["file"] == pattern
    assert "没有与" in missing["error"] and has_chinese(missing["error"])
    # a file given by name beside it: the same array, not one object
    rc, data, err = check_json(guiyang / "团队.xlsx", pattern)
    assert rc == 1, err
    assert isinstance(data, list) and [o["file"] for o in data] == ["团队.xlsx", pattern]
    # the table on the terminal lists it too
    p = run("check", guiyang / "团队.xlsx", pattern)
    assert_no_traceback(p)
    assert p.returncode == 1 and "没有与" in p.stdout + p.stderr
    # alone it still checks nothing: [] and exit 2
    rc, data, err = check_json(pattern)
    assert (rc, data) == (2, []) and "没有与" in err


# ------------------------------------------------------------------ §3 the province table is a whole sb_summary
def _table_part(path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        parts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/tables/")]
    hits = [x for x in parts if f'name="{name}"' in x]
    assert len(hits) == 1, parts
    return hits[0]


def _columns_agree(path, name: str = "sb_summary") -> list[str]:
    wb = load_workbook(path)
    ws = next(w for w in wb.worksheets if name in w.tables)
    t = ws.tables[name]
    c1, r1, c2, _ = range_boundaries(t.ref)
    header = [ws.cell(r1, c).value for c in range(c1, c2 + 1)]
    assert [c.name for c in t.tableColumns] == header, (t.ref, [c.name for c in t.tableColumns])
    assert f'tableColumns count="{len(header)}"' in _table_part(path, name)
    return header


def test_the_province_table_merge_writes_has_every_column_in_its_table(tmp_path):
    cities = []
    for city, county, code in (("贵阳市", "南明区", "520102"), ("遵义市", "红花岗区", "520302")):
        apps = tmp_path / city
        apps.mkdir()
        make_app(apps, "team", name="团队.xlsx", sb_city=city, sb_county=county, sb_name=f"{city}直播传媒有限公司",
                 sb_uscc=uscc("91", code, "MA6LETT01"))
        make_app(apps, "enterprise", name="企业.xlsx", sb_city=city, sb_county=county, sb_name=f"{city}电子商务有限公司",
                 sb_uscc=uscc("91", code, "MA6LETT02"))
        summary = tmp_path / f"{city}汇总表.xlsx"
        assert run("refresh", summary, "--from", apps, "--city", city).returncode == 0
        _columns_agree(summary)
        cities.append(summary)
    province = tmp_path / "全省汇总表.xlsx"
    p = run("merge", province, *cities)
    assert_no_traceback(p)
    assert p.returncode == 0, p.stderr
    header = _columns_agree(province)
    assert header[:13] == OFFICIAL and {"前置条件", "自动评分", "问题", "来源文件"} <= set(header[13:]), header
    # merged again (the table read back from the file): still whole
    assert run("merge", province, cities[0]).returncode == 0
    assert _columns_agree(province) == header


# ------------------------------------------------------------------ §3 前置条件 answered 是 / 否 under 是否达标
def _hand_typed_with_yes_no(path, title: str) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["六盘水市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append([*OFFICIAL, title])
    for i, said in enumerate(["是", "否", "是（已实地核查）", "否，无审计报告"]):
        ws.append([i + 1, "六盘水市", "钟山区", f"六盘水第{i + 1}电子商务有限公司", "钟山区", "企业", "民企", "业绩", "王",
                   "13985400009", 1000, 200, 88, said])
    wb.save(path)


def test_yes_and_no_under_a_title_asking_whether_the_project_qualifies_are_its_verdict(tmp_path):
    city = tmp_path / "六盘水市汇总表.xlsx"
    _hand_typed_with_yes_no(city, "是否达标")
    province = tmp_path / "全省.xlsx"
    p = run("merge", province, city)
    assert_no_traceback(p)
    assert p.returncode == 0, p.stderr
    stats = load_workbook(province)["统计"]
    header = next(r for r in stats.iter_rows(values_only=True) if r and "达标" in r and "待定" in r)
    at = {h: i for i, h in enumerate(header) if h in ("达标", "不达标", "待定")}
    row = next(r for r in stats.iter_rows(values_only=True) if r and r[0] == "六盘水市")
    assert [row[at[h]] for h in ("达标", "不达标", "待定")] == [2, 2, 0], row
    p = run("review", "make", tmp_path / "评审", "--from", province, "--experts", "甲,乙,丙", "--round", "2024-05")
    assert_no_traceback(p)
    assert p.returncode == 0, p.stderr
    assert "评审 2 个项目" in p.stdout and "待定" not in p.stdout, p.stdout
