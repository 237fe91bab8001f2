"""The notice has nine 市（州） and 贵安新区 each send a 项目汇总表 before every review round; some send late. The
province's clerk merges those that came: the merge named the cities it read but not those it has nothing from, so the
clerk had to count ten names against the “合并：” line to know whom to chase (QA qa76c)."""
from __future__ import annotations

from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from tests.test_summaries_real_world import official

NOT_YET = "尚未报送汇总表的市（州）"


def _city(tmp_path, city, name):
    return official(tmp_path / f"{city}汇总表.xlsx", f"{city}2024年项目汇总表", city,
                    [("某区", name, "企业", "民企", 1000, 600, 80)])


def test_the_cities_not_yet_sent_are_named_on_the_terminal_and_the_stats_sheet(tmp_path, capsys):
    """Round 1 (May): 贵阳市 and 遵义市 sent; the other seven 市（州） and 贵安新区 are named in the notice's order, on
    stdout, stderr and the 统计 sheet's title; every file given was read, so the exit code stays 0."""
    province = tmp_path / "全省.xlsx"
    files = [_city(tmp_path, "遵义市", "遵义甲公司"), _city(tmp_path, "贵阳市", "贵阳甲公司")]
    assert main(["merge", str(province), *map(str, files)]) == 0
    out, err = capsys.readouterr()
    named = "六盘水市、安顺市、毕节市、铜仁市、黔东南州、黔南州、黔西南州、贵安新区"
    assert f"{NOT_YET} 8 个" in out and named in out, out
    assert NOT_YET in err and named in err, err
    title = load_workbook(province)["统计"]["A1"].value
    assert NOT_YET in title and named in title and "合计不完整" not in title, title


def test_a_city_sending_late_or_not_again_is_no_longer_named(tmp_path, capsys):
    """Round 2 (Aug): 安顺市 sends late, alone; 贵阳市, merged in May, sends nothing new: its rows are in the province
    table, so it is not named; 安顺市 is no longer named either."""
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(_city(tmp_path, "贵阳市", "贵阳甲公司"))]) == 0
    capsys.readouterr()
    assert main(["merge", str(province), str(_city(tmp_path, "安顺市", "安顺甲公司"))]) == 0
    out, _err = capsys.readouterr()
    line = next(x for x in out.splitlines() if NOT_YET in x)
    assert "贵阳市" not in line and "安顺市" not in line and "遵义市" in line and "8 个" in line, line
    title = load_workbook(province)["统计"]["A1"].value
    assert "安顺市" not in title.split(NOT_YET)[1], title


def test_no_city_is_named_once_all_have_sent(tmp_path, capsys):
    """All ten sent: nothing is said of cities not yet sent."""
    cities = ["贵阳市", "遵义市", "六盘水市", "安顺市", "毕节市", "铜仁市", "黔东南州", "黔南州", "黔西南州", "贵安新区"]
    files = [_city(tmp_path, c, f"{c}甲公司") for c in cities]
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), *map(str, files)]) == 0
    out, err = capsys.readouterr()
    assert NOT_YET not in out + err
    assert NOT_YET not in load_workbook(province)["统计"]["A1"].value


def test_a_city_whose_file_could_not_be_read_is_not_said_to_have_sent_nothing(tmp_path, capsys):
    """毕节市 sent a file that cannot be read: it is listed as unreadable (exit 1), not as a city that sent nothing."""
    bad = tmp_path / "毕节市汇总表.xlsx"
    bad.write_bytes(b"not a workbook")
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(_city(tmp_path, "贵阳市", "贵阳甲公司")), str(bad)]) == 1
    out, _err = capsys.readouterr()
    line = next(x for x in out.splitlines() if NOT_YET in x)
    assert "毕节市" not in line and "8 个" in line, line


def test_a_project_of_another_city_in_a_summary_is_no_summary_of_that_city(tmp_path, capsys):
    """遵义市's summary lists an applicant of 贵阳市 too (said there as another city's): 贵阳市 had sent nothing, yet the
    merge left it out of the cities to chase, as if its summary had come. A city has sent when a summary of its own
    (报送市州) is in the province table; its project in another city's summary still shows in the 统计 sheet."""
    from openpyxl import load_workbook as load

    path = official(tmp_path / "遵义市汇总表.xlsx", "遵义市2024年项目汇总表", "遵义市",
                    [("汇川区", "遵义甲公司", "企业", "民企", 1000, 600, 80),
                     ("南明区", "贵阳乙公司", "企业", "民企", 900, 500, 75)], merge_city=False)
    wb = load(path)
    wb.active["B4"] = "贵阳市"
    wb.save(path)
    province = tmp_path / "全省.xlsx"
    main(["merge", str(province), str(path)])
    out, _err = capsys.readouterr()
    line = next(x for x in out.splitlines() if NOT_YET in x)
    assert "贵阳市" in line and "9 个" in line and "遵义市" not in line, line
    cities = {row[0] for row in load(province)["统计"].iter_rows(values_only=True) if row}
    assert "贵阳市" in cities, cities
