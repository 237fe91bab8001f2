"""Which 市（州） a city summary is of when its title names another than its file name and its 市（州） column is
blank (铜仁市's clerk filled 遵义市's copy of the 附件4, title left as it was). The title won without a word on the
province rows: 铜仁市's projects went under 遵义市, each row saying its 县区 "属于铜仁市，与市（州）“遵义市”不一致，
已按后者计入" as though the city had typed 遵义市. Now the rows' 县区 speak as a typed 市（州） column does: all in the
file name's 市（州）, the summary is that 市（州）'s; where nothing decides, the title still goes (README) and every
row it decided says so in its 问题. QA qa58d."""
from __future__ import annotations

from openpyxl import Workbook, load_workbook

from shibai_xl.faces.cli import main
from tests.test_merge_sheets_and_repeats import HEAD


def _summary(path, title, rows):
    wb = Workbook()
    ws = wb.active
    ws.append([title])
    ws.append(HEAD)
    for i, (county, name) in enumerate(rows, 1):
        ws.append([i, None, county, name, "地址", "企业", "民企", "业绩", "张三", "0856-1", 520, 300, 85])
    wb.save(path)
    return path


def _rows(path):
    ws = load_workbook(path)["项目汇总表"]
    head = [c.value for c in ws[3]]
    return [dict(zip(head, r)) for r in ws.iter_rows(min_row=4, values_only=True) if r[3]]


TITLE = "遵义市2024年电商“十百千万”工程示范项目汇总表"


def test_counties_of_the_file_names_city_outweigh_a_copied_title(tmp_path, capsys):
    src = _summary(tmp_path / "铜仁市汇总表.xlsx", TITLE, [("碧江区", "铜仁甲电商有限公司"), ("万山区", "铜仁乙电商有限公司")])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(src)]) == 0
    said = capsys.readouterr().out
    got = _rows(out)
    assert {(r["市（州）"], r["报送市州"]) for r in got} == {("铜仁市", "铜仁市")}, got
    assert not any("XC_SUMMARY_MISMATCH" in (r["问题"] or "") for r in got), got
    assert "标题写的是遵义市，文件名是铜仁市" in said and "各行的县区都在铜仁市" in said and "已作为铜仁市" in said, said


def test_a_title_going_against_the_file_name_is_said_on_every_row_it_decided(tmp_path, capsys):
    src = _summary(tmp_path / "铜仁市汇总表.xlsx", TITLE, [(None, "某甲电商有限公司"), ("", "某乙电商有限公司")])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(src)]) == 0
    said = capsys.readouterr().out
    assert "已按标题作为遵义市报送的汇总表计入" in said, said
    got = _rows(out)
    assert [r["市（州）"] for r in got] == ["遵义市", "遵义市"], got
    for r in got:
        assert "XC_SUMMARY_MISMATCH" in r["问题"] and "标题写的是遵义市，文件名是铜仁市" in r["问题"], r
        assert "已按标题计入遵义市" in r["问题"], r


def test_a_title_and_file_name_agreeing_say_nothing(tmp_path, capsys):
    src = _summary(tmp_path / "遵义市汇总表.xlsx", TITLE, [("汇川区", "遵义甲电商有限公司")])
    out = tmp_path / "全省.xlsx"
    assert main(["merge", str(out), str(src)]) == 0
    assert "标题写的是" not in capsys.readouterr().out
    assert not any("XC_SUMMARY_MISMATCH" in (r["问题"] or "") for r in _rows(out))
