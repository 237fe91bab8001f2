"""The province sends its table back for the cities to check; 六盘水市 keeps its own rows of it (the province's columns
— 报送市州, 来源文件, 问题 … — with them), adds its August project under them and sends that as its summary, titled
六盘水市. The merge refused it as the province table (“合并它会把全省的行当成一个市州的项目重复计入”, exit 2) though
every row in it is 六盘水市's own (QA qa76c)."""
from __future__ import annotations

from openpyxl import Workbook, load_workbook

from shibai_xl.faces.cli import main
from tests.test_summaries_real_world import official, province_rows


def _sent_back(tmp_path, keep):
    """The province table after May, its rows of the cities in ``keep`` copied under a 六盘水市 title, plus a new row."""
    province = tmp_path / "全省.xlsx"
    files = [official(tmp_path / "贵阳市汇总表.xlsx", "贵阳市项目汇总表", "贵阳市",
                      [("南明区", "贵阳甲电商产业园", "园区", "国企", 30000, 8000, 88)]),
             official(tmp_path / "六盘水市汇总表.xlsx", "六盘水市项目汇总表", "六盘水市",
                      [("钟山区", "六盘水甲公司", "企业", "民企", 3000, 1000, 80)])]
    assert main(["merge", str(province), *map(str, files)]) == 0
    rows = list(load_workbook(province)["项目汇总表"].iter_rows(min_row=3, values_only=True))
    wb = Workbook()
    ws = wb.active
    ws.append(["六盘水市2024年电子商务“十百千万”工程示范项目汇总表"])
    ws.append(list(rows[0]))
    for r in rows[1:]:
        if r[1] in keep:
            ws.append(list(r))
    ws.append([2, "六盘水市", "水城区", "六盘水乙直播团队", "水城某路", "团队", "民企", "业绩" * 80, "孙八", "13800000009",
               500, None, 70])
    back = tmp_path / "六盘水市汇总表（8月）.xlsx"
    wb.save(back)
    return province, back


def test_the_province_table_sent_back_with_the_citys_own_rows_only_is_the_citys_summary(tmp_path, capsys):
    province, back = _sent_back(tmp_path, {"六盘水市"})
    capsys.readouterr()
    assert main(["merge", str(province), str(back)]) == 0
    out = capsys.readouterr().out
    assert "全省汇总表有效项目 3 项，年度交易额合计 33500 万元" in out and "按六盘水市的汇总表读取" in out, out
    assert [(r["企业名称"], r["报送市州"], r["状态"]) for r in province_rows(province)] == [
        ("贵阳甲电商产业园", "贵阳市", "有效"), ("六盘水甲公司", "六盘水市", "有效"), ("六盘水乙直播团队", "六盘水市", "有效")]


def test_the_province_table_sent_back_with_other_cities_rows_is_still_refused(tmp_path, capsys):
    province, back = _sent_back(tmp_path, {"六盘水市", "贵阳市"})
    before = province.read_bytes()
    assert main(["merge", str(province), str(back)]) == 2
    assert "是全省汇总表" in capsys.readouterr().err
    assert province.read_bytes() == before
