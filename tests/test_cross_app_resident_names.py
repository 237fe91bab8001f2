"""A resident company two parks'/bases' 入驻企业名单 (附件3) both list with its 统一社会信用代码 (XC_CROSS_APP: the notice
counts one company for one park or base only): the summary's 问题, the terminal and ``check FOLDER`` named it by its
code alone (“入驻企业统一社会信用代码9152…同时出现在…”), and the clerk had to look the code up in both lists. They now
say its name with the code — the few shared ones only, read again from a list that gives them and kept in the cache
(no record keeps every resident's name), so a refresh with nothing or something else changed says the same."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from shibai_xl.engine.summary import MAX_LISTED, cross_application
from shibai_xl.examples import example_residents, make_uscc
from shibai_xl.faces.cli import main
from shibai_xl.jobs import resident_names
from shibai_xl.jobs.refresh import _load_cache, cache_path, refresh
from shibai_xl.jobs.workbook_files import file_hash
from tests.conftest import example
from tests.engine.test_crosschecks import listing_park
from tests.test_refresh import T0, T1, rows
from tests.test_ribbon_actions import Replay, open_remote, remote_engine  # noqa: F401  (the remote engine fixture)

NAME, CODE = "企业名称", "统一社会信用代码"
SHARED = "贵州黔货出山供应链管理有限公司"
PARK = "南明区/园区.xlsx"


def _folder(tmp_path: Path, make_workbook) -> tuple[Path, str]:
    """A park (in its 县区's folder) and a base (``shibai new``, filled) whose lists both give one company with its code
    (the base's clerk leaving out 贵州), and an enterprise."""
    folder = tmp_path / "申报表"
    (folder / "南明区").mkdir(parents=True)
    park, base = example_residents("park"), example_residents("base")
    park[2] = {**park[2], NAME: SHARED}
    base[5] = {**base[5], NAME: SHARED.removeprefix("贵州"), CODE: park[2][CODE]}
    shutil.move(make_workbook("park", residents=park), folder / PARK)
    shutil.move(make_workbook("base", residents=base), folder / "基地.xlsx")
    shutil.move(make_workbook("enterprise"), folder / "企业.xlsx")
    return folder, park[2][CODE]


def _problems(summary: Path) -> dict[str, str]:
    return {r["来源文件"]: r["问题"] or "" for r in rows(summary)}


def test_the_summary_names_a_shared_resident_and_says_it_again_without_reading_its_list(tmp_path, make_workbook,
                                                                                       monkeypatch):
    folder, code = _folder(tmp_path, make_workbook)
    summary = tmp_path / "汇总表.xlsx"
    first = refresh(summary, folder, batch="2024-05", now=T0)
    problems = _problems(summary)
    for file, other in ((PARK, "基地.xlsx"), ("基地.xlsx", PARK)):
        assert (f"XC_CROSS_APP 重复申报：入驻企业{SHARED}（{code}）同时出现在其他园区/基地的入驻企业名单中（{other}）"
                in problems[file]), problems
    assert "XC_CROSS_APP" not in problems["企业.xlsx"], problems
    assert f"统一社会信用代码{code}" not in "".join(problems.values()), problems
    assert not first.incomplete
    # the cache keeps the one shared company's name, not the lists' other 20 names
    kept = _load_cache(cache_path(summary))["shared_names"]
    assert list(kept) == [code] and kept[code][0] == SHARED, kept

    reads: list[str] = []
    real = resident_names._read_names
    monkeypatch.setattr(resident_names, "_read_names", lambda file, *a: reads.append(file) or real(file, *a))
    assert refresh(summary, folder, batch="2024-05", now=T1).read == 0           # nothing changed
    assert _problems(summary) == problems and reads == []
    # the enterprise sends a corrected form: only it is read, the parks' rows still name the company
    shutil.move(make_workbook("enterprise", example("enterprise", sb_contact="王女士")), folder / "企业.xlsx")
    again = refresh(summary, folder, batch="2024-05", now=T1)
    assert again.read == 1 and again.update.updated == 1, again.describe()
    assert {f: p for f, p in _problems(summary).items() if f != "企业.xlsx"} == {
        f: p for f, p in problems.items() if f != "企业.xlsx"}
    assert reads == []
    assert list(_load_cache(cache_path(summary))["shared_names"]) == [code]


def test_check_of_the_folder_names_a_shared_resident_as_the_refresh_does(tmp_path, make_workbook, capsys):
    """The two lists spell the company differently: ``check FOLDER`` and ``refresh`` take the name from the same one."""
    folder, code = _folder(tmp_path, make_workbook)
    capsys.readouterr()
    assert main(["check", str(folder), "--json"]) == 0
    out = capsys.readouterr()
    said = [line for line in out.err.splitlines() if line.startswith("重复申报：")]
    assert len(said) == 2 and all(f"入驻企业{SHARED}（{code}）同时出现在" in line for line in said), out.err
    assert all("duplicates" not in item for item in json.loads(out.out))   # each file's object as check FILE gives it


def test_a_name_read_from_a_file_changed_since_the_refresh_read_it_is_not_said(tmp_path, make_workbook):
    """The list read again for a name must be the one summarised: a file saved meanwhile gives no name (the code is
    said alone, as before), nor does a file that cannot be read."""
    folder, code = _folder(tmp_path, make_workbook)
    park = folder / PARK
    entries = {PARK: {"sha256": file_hash(park)}}
    wanted = {PARK: [code]}
    assert resident_names.find_names(wanted, {PARK: park}, entries, None, {}) == {code: SHARED}
    assert resident_names.find_names(wanted, {PARK: park}, {PARK: {"sha256": "0" * 64}}, None, {}) == {}
    broken = tmp_path / "园区.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a workbook")
    assert resident_names.find_names(wanted, {PARK: broken}, {PARK: {"sha256": file_hash(broken)}}, None, {}) == {}


def test_only_the_few_codes_a_finding_shows_are_asked_for():
    """Two parks sharing seven coded residents: each finding shows five (“等7家”), and only those five are looked up."""
    codes = [make_uscc("520102", f"MA00000{k:02d}") for k in range(7)]
    asked: list[dict[str, list[str]]] = []

    def names(wanted):
        asked.append(wanted)
        return {c: f"贵州第{codes.index(c)}号有限公司" for said in wanted.values() for c in said}

    records = [listing_park("园区1.xlsx", codes, []), listing_park("园区2.xlsx", codes, [])]
    said = {f: [x.message for x in found] for f, found in cross_application(records, names=names).items()}
    assert len(asked) == 1 and all(len(c) == MAX_LISTED for c in asked[0].values()), asked
    for file in ("园区1.xlsx", "园区2.xlsx"):
        (message,) = said[file]
        assert f"贵州第0号有限公司（{codes[0]}）" in message and "等7家" in message, message
        assert message.count("有限公司（") == MAX_LISTED, message


def test_the_refresh_button_on_the_open_summary_names_a_shared_resident_and_keeps_the_name(tmp_path, make_workbook):
    """The Excel add-in's 刷新汇总表 (the same job on the open book) writes the name too, and keeps it for the next one."""
    from shibai_xl.adapters.excel.book import OpenBook
    from shibai_xl.jobs import actions as A
    from shibai_xl.jobs.new_workbook import new_workbook

    folder, code = _folder(tmp_path, make_workbook)
    summary = tmp_path / "项目汇总表.xlsx"
    new_workbook("summary", summary, None)
    book = open_remote(summary)
    outcome = A.refresh_summary(OpenBook(book), folder, now=T0)
    A.apply_in_excel(OpenBook(book), outcome)
    written = [v for v in Replay(book).cells["项目汇总表"].values() if "XC_CROSS_APP" in str(v)]
    assert len(written) == 2 and all(f"入驻企业{SHARED}（{code}）" in v for v in written), written
    assert list(_load_cache(cache_path(summary))["shared_names"]) == [code]


def test_a_resident_two_lists_give_by_name_only_is_said_as_the_list_writes_it(tmp_path, make_workbook):
    """附件3 has no code column: two lists name a company “贵州ABC云仓科技有限责任公司” without its code. The 问题 said
    “贵州abc云仓科技有限公司”, the key it is compared by (lower case, 有限责任公司 as 有限公司): no such name in
    either list for the clerk to find. It is said as the list writes it."""
    folder = tmp_path / "申报表"
    folder.mkdir()
    park, base = example_residents("park"), example_residents("base")
    name = "贵州ABC云仓科技有限责任公司"
    park[2] = {**park[2], NAME: name, CODE: None}
    base[5] = {**base[5], NAME: name, CODE: None}
    shutil.move(make_workbook("park", residents=park), folder / "园区.xlsx")
    shutil.move(make_workbook("base", residents=base), folder / "基地.xlsx")
    summary = tmp_path / "汇总表.xlsx"
    refresh(summary, folder, batch="2024-05", now=T0)
    problems = _problems(summary)
    for file in ("园区.xlsx", "基地.xlsx"):
        assert f"入驻企业{name}同时出现在其他园区/基地的入驻企业名单中" in problems[file], problems
