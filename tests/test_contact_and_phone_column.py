"""A city's hand-made 附件4 with one column for the contact and the phone ("联系人及电话", "联系人/电话",
"联系人、联系方式", "联系人（电话）") holding "张三 13985012345": the name is read as 联系人 and the phone as 电话, in
merge, refresh's takeover and review make; a cell that is not one name and one phone (two phones) stays as typed,
said on its row; the city's file is not changed by a merge. QA qa64a, qa65b."""
from __future__ import annotations

import hashlib

import pytest
from openpyxl import Workbook

from shibai_xl.faces.cli import main
from tests.test_adopt_headers import OFFICIAL
from tests.test_summaries_real_world import application, province_rows, table_rows

TITLES = ("联系人及电话", "联系人/电话", "联系人、联系方式", "联系人（电话）", "联系人及联系方式")
# as clerks type them: a space, nothing, a Chinese comma, a line break (Alt+Enter), a slash with a landline
TYPED = {"贵阳甲电子商务有限公司": "张三 13985012345", "贵阳乙电商产业园": "李四/0851-88550000",
         "贵阳丙电子商务有限公司": "王五13885101234", "贵阳丁直播团队": "赵六，0851-12345678",
         "贵阳戊电子商务有限公司": "钱七\n139 8501 0001"}
SPLIT = {"贵阳甲电子商务有限公司": ("张三", "13985012345"), "贵阳乙电商产业园": ("李四", "0851-88550000"),
         "贵阳丙电子商务有限公司": ("王五", "13885101234"), "贵阳丁直播团队": ("赵六", "0851-12345678"),
         "贵阳戊电子商务有限公司": ("钱七", "139 8501 0001")}
KINDS = {"贵阳乙电商产业园": "园区", "贵阳丁直播团队": "团队"}


def _summary(path, title, typed=TYPED):
    wb = Workbook()
    ws = wb.active
    ws.append(["贵阳市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append([*OFFICIAL[:8], title, *OFFICIAL[10:]])
    for i, (name, contact) in enumerate(typed.items(), 1):
        ws.append([i, "贵阳市", "云岩区", name, "地址", KINDS.get(name, "企业"), "民企", "业绩", contact, 2600, 900, 85])
    wb.save(path)
    return path


@pytest.mark.parametrize("title", TITLES)
def test_merge_reads_the_name_as_the_contact_and_the_phone_as_the_phone(tmp_path, capsys, title):
    src = _summary(tmp_path / "贵阳市汇总表.xlsx", title)
    before = hashlib.sha256(src.read_bytes()).digest()
    capsys.readouterr()
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(src)]) == 0
    said = capsys.readouterr().out
    got = {r["企业名称"]: (r["联系人"], r["电话"]) for r in province_rows(tmp_path / "全省.xlsx")}
    assert got == SPLIT, got
    assert said.count(f"联系人和电话写在同一栏“{title}”，已分开读取") == 1, said
    assert hashlib.sha256(src.read_bytes()).digest() == before    # a read never modifies an input


def test_merge_keeps_a_cell_with_two_phones_as_typed_and_says_its_row(tmp_path, capsys):
    typed = {**TYPED, "贵阳甲电子商务有限公司": "张三 13985012345/0851-88550001", "贵阳丙电子商务有限公司": "13885101234"}
    src = _summary(tmp_path / "贵阳市汇总表.xlsx", "联系人及电话", typed)
    capsys.readouterr()
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(src)]) == 0
    said = capsys.readouterr().out
    got = {r["企业名称"]: (r["联系人"], r["电话"]) for r in province_rows(tmp_path / "全省.xlsx")}
    assert got["贵阳甲电子商务有限公司"] == ("张三 13985012345/0851-88550001", None), got
    assert got["贵阳丙电子商务有限公司"] == (None, "13885101234"), got      # a phone alone is the phone
    assert got["贵阳乙电商产业园"] == ("李四", "0851-88550000"), got
    assert "第3行的“联系人及电话”未能分成一个联系人和一个电话（如写了两个电话），按所填计入“联系人”" in said, said
    assert "第5行" not in said, said


@pytest.mark.parametrize("title", [*TITLES[:3], "负责人及电话", "联系人-电话"])
def test_refresh_takes_the_name_as_the_contact_and_the_phone_into_the_added_phone_column(tmp_path, capsys, title):
    summary = _summary(tmp_path / "贵阳市汇总表.xlsx", title)
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="贵阳市")
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    said = capsys.readouterr().out
    assert "“联系人”列曾被删除" not in said and "“电话”列曾被删除" not in said, said
    assert f"联系人和电话写在同一栏“{title}”" in said and "已分开" in said, said
    rows = table_rows(summary)
    assert {name: (rows[name]["联系人"], rows[name]["电话"]) for name in SPLIT} == SPLIT
    app = rows["贵州山珍优品电子商务有限公司"]
    assert (app["联系人"], app["电话"]) == ("李红", "0851-88552573"), app
    assert title not in rows["贵阳甲电子商务有限公司"], rows["贵阳甲电子商务有限公司"]
    assert (tmp_path / "贵阳市汇总表.xlsx.bak").exists() or list(tmp_path.glob("*.bak")), list(tmp_path.iterdir())


def test_refresh_keeps_a_cell_with_two_phones_as_typed_in_the_contact_column(tmp_path, capsys):
    typed = {**TYPED, "贵阳甲电子商务有限公司": "张三 13985012345\n李四 13985012346"}
    summary = _summary(tmp_path / "贵阳市汇总表.xlsx", "联系人/电话", typed)
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="贵阳市")
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    said = capsys.readouterr().out
    rows = table_rows(summary)
    assert (rows["贵阳甲电子商务有限公司"]["联系人"], rows["贵阳甲电子商务有限公司"]["电话"]) == \
        ("张三 13985012345\n李四 13985012346", None)
    assert (rows["贵阳乙电商产业园"]["联系人"], rows["贵阳乙电商产业园"]["电话"]) == ("李四", "0851-88550000")
    assert "第3行的“联系人/电话”未能分成一个联系人和一个电话（如写了两个电话），按所填留在“联系人”栏" in said, said


# the two titles on two lines of one cell (Alt+Enter): "联系人电话" to the reader, the names with the phones under it
@pytest.mark.parametrize("title", ["联系人\n电话", "联系人\n手机"])
def test_merge_reads_a_column_titled_contact_and_phone_on_two_lines_as_both(tmp_path, capsys, title):
    src = _summary(tmp_path / "贵阳市汇总表.xlsx", title)
    capsys.readouterr()
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(src)]) == 0
    said = capsys.readouterr().out
    got = {r["企业名称"]: (r["联系人"], r["电话"]) for r in province_rows(tmp_path / "全省.xlsx")}
    assert got == SPLIT, got
    assert f"联系人和电话写在同一栏“{''.join(title.split())}”，已分开读取" in said, said


def test_refresh_takes_a_column_titled_contact_and_phone_on_two_lines_as_both(tmp_path, capsys):
    summary = _summary(tmp_path / "贵阳市汇总表.xlsx", "联系人\n电话")
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="贵阳市")
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    said = capsys.readouterr().out
    assert "“联系人”列曾被删除" not in said and "“电话”列曾被删除" not in said, said
    rows = table_rows(summary)
    assert {name: (rows[name]["联系人"], rows[name]["电话"]) for name in SPLIT} == SPLIT
    app = rows["贵州山珍优品电子商务有限公司"]
    assert (app["联系人"], app["电话"]) == ("李红", "0851-88552573"), app


def test_a_column_titled_contact_phone_holding_phones_only_stays_the_phone(tmp_path, capsys):
    typed = {name: phone for name, (_n, phone) in SPLIT.items()}
    src = _summary(tmp_path / "贵阳市汇总表.xlsx", "联系人电话", typed)
    capsys.readouterr()
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(src)]) == 0
    said = capsys.readouterr().out
    got = {r["企业名称"]: (r["联系人"], r["电话"]) for r in province_rows(tmp_path / "全省.xlsx")}
    assert got == {name: (None, phone) for name, phone in typed.items()}, got
    assert "同一栏" not in said, said


# more titles clerks give the shared column (QA qa65e): with 项目/其, a semicolon or a dash between the words, and
# 负责人 — the notice's application forms name only a 主要负责人, whom refresh writes as the 联系人 of an application
MORE_TITLES = ("项目联系人及电话", "联系人及其电话", "联系人;电话", "联系人；电话", "联系人-电话", "负责人及电话",
               "项目联系人/联系电话")


@pytest.mark.parametrize("title", MORE_TITLES)
def test_merge_cuts_the_name_and_phone_under_more_titles_of_both(tmp_path, capsys, title):
    src = _summary(tmp_path / "贵阳市汇总表.xlsx", title)
    capsys.readouterr()
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(src)]) == 0
    said = capsys.readouterr().out
    rows = province_rows(tmp_path / "全省.xlsx")
    assert {r["企业名称"]: (r["联系人"], r["电话"]) for r in rows} == SPLIT
    assert not any(r["市州备注"] for r in rows), rows
    assert said.count(f"联系人和电话写在同一栏“{title}”，已分开读取") == 1, said


@pytest.mark.parametrize("title", ["负责人", "项目联系人", "企业联系人", "主要负责人", "联系人/负责人"])
def test_merge_reads_a_contact_titled_by_the_person_as_the_contact(tmp_path, capsys, title):
    wb = Workbook()
    ws = wb.active
    ws.append(["贵阳市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append([*OFFICIAL[:8], title, *OFFICIAL[9:]])
    ws.append([1, "贵阳市", "云岩区", "贵阳甲电子商务有限公司", "地址", "企业", "民企", "业绩", "张三", "13985012345",
               2600, 900, 85])
    wb.save(tmp_path / "贵阳市汇总表.xlsx")
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(tmp_path / "贵阳市汇总表.xlsx")]) == 0
    (row,) = province_rows(tmp_path / "全省.xlsx")
    assert (row["联系人"], row["电话"], row["市州备注"]) == ("张三", "13985012345", None), row



# a 负责人 column of the city's own beside its contact column: that one is the 联系人, the 负责人 stays the city's
@pytest.mark.parametrize(("titles", "typed"), [(("主要负责人", "联系人及电话"), ("王总", "张三 13985012345")),
                                               (("负责人", "联系人姓名"), ("王总", "张三"))])
def test_a_person_in_charge_beside_the_contact_column_is_the_citys_own(tmp_path, capsys, titles, typed):
    wb = Workbook()
    ws = wb.active
    ws.append(["贵阳市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append([*OFFICIAL[:8], *titles, "联系电话" if titles[1] == "联系人姓名" else "备注", *OFFICIAL[10:]])
    ws.append([1, "贵阳市", "云岩区", "贵阳甲电子商务有限公司", "地址", "企业", "民企", "业绩", *typed,
               "13985012345" if titles[1] == "联系人姓名" else None, 2600, 900, 85])
    wb.save(tmp_path / "贵阳市汇总表.xlsx")
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(tmp_path / "贵阳市汇总表.xlsx")]) == 0
    (row,) = province_rows(tmp_path / "全省.xlsx")
    assert (row["联系人"], row["电话"], row["市州备注"]) == ("张三", "13985012345", f"{titles[0]}：王总"), row

# a shared column holding names only: nothing was cut, so nothing is said of cutting (QA qa65e)
NAMES_ONLY = {name: contact for name, (contact, _phone) in SPLIT.items()}


def test_merge_says_nothing_cut_when_the_shared_column_holds_names_only(tmp_path, capsys):
    src = _summary(tmp_path / "贵阳市汇总表.xlsx", "联系人及电话", NAMES_ONLY)
    capsys.readouterr()
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(src)]) == 0
    said = capsys.readouterr().out
    got = {r["企业名称"]: (r["联系人"], r["电话"]) for r in province_rows(tmp_path / "全省.xlsx")}
    assert got == {name: (contact, None) for name, contact in NAMES_ONLY.items()}, got
    assert "已分开" not in said and "同一栏" not in said, said


def test_refresh_says_nothing_cut_when_the_shared_column_holds_names_only(tmp_path, capsys):
    summary = _summary(tmp_path / "贵阳市汇总表.xlsx", "联系人/电话", NAMES_ONLY)
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="贵阳市")
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    said = capsys.readouterr().out
    assert "已分开" not in said and "“电话”列曾被删除" not in said, said
    assert "“联系人/电话”一栏只填了姓名" in said, said
    rows = table_rows(summary)
    assert {name: (rows[name]["联系人"], rows[name]["电话"]) for name in NAMES_ONLY} == \
        {name: (contact, None) for name, contact in NAMES_ONLY.items()}
    app = rows["贵州山珍优品电子商务有限公司"]
    assert (app["联系人"], app["电话"]) == ("李红", "0851-88552573"), app
