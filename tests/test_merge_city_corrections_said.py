"""遵义市 corrects a May project in August — its 年度交易额 and 联系人 — and sends “遵义市汇总表（修改）.xlsx”. The merge
wrote the new figures into the province table and said nothing of it: a clerk who had read, reviewed or printed May's
figures could not tell which rows changed without comparing the two tables cell by cell (QA qa76c)."""
from __future__ import annotations

from openpyxl import load_workbook

from shibai_xl.faces.cli import main
from tests.test_summaries_real_world import official, province_rows

MAY = [("红花岗区", "遵义甲直播基地", "基地", "民企", 8000, 3000, 85),
       ("汇川区", "遵义乙商贸有限公司", "企业", "民企", 4000, 2500, 78)]
SAID = "市（州）改了数据的项目"


def _may(tmp_path, capsys):
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(official(tmp_path / "遵义市汇总表.xlsx", "遵义市项目汇总表", "遵义市", MAY))]) == 0
    assert SAID not in capsys.readouterr().out   # a first merge changes nothing the province had
    return province


def test_a_citys_corrected_row_is_named_with_what_changed(tmp_path, capsys):
    province = _may(tmp_path, capsys)
    fixed = official(tmp_path / "遵义市汇总表（修改）.xlsx", "遵义市项目汇总表", "遵义市",
                     [(*MAY[0][:4], 8500, *MAY[0][5:]), MAY[1]])
    wb = load_workbook(fixed)
    wb.active["I3"] = "王五"
    wb.save(fixed)
    assert main(["merge", str(province), str(fixed)]) == 0
    out = capsys.readouterr().out
    line = next((x for x in out.splitlines() if SAID in x), "")
    assert "1 项" in line and "遵义甲直播基地（遵义市" in line and "遵义乙" not in line, out
    assert "年度交易额（万元）8000→8500" in line and "联系人“联系人”→“王五”" in line, line
    rows = {r["企业名称"]: r for r in province_rows(province)}
    assert rows["遵义甲直播基地"]["年度交易额（万元）"] == 8500 and rows["遵义甲直播基地"]["联系人"] == "王五"
    assert main(["merge", str(province), str(fixed)]) == 0   # the same file again: nothing new to say
    assert SAID not in capsys.readouterr().out


def test_the_same_summary_re_sent_says_no_change(tmp_path, capsys):
    province = _may(tmp_path, capsys)
    assert main(["merge", str(province), str(tmp_path / "遵义市汇总表.xlsx")]) == 0
    assert SAID not in capsys.readouterr().out
