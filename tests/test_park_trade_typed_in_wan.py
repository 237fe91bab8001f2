"""A park's 年度交易额 typed 30000 in its 亿元 cell (通知 附件2 园区申报表 asks 亿元; 30000 is 3亿元 typed in 万元): it
reached the province total flagged three ways, but the refresh's 问题 said only “金额请核对” and the merge's note
“3万亿元超出申报主体可能达到的范围，可能是输入错误” — not the likely slip. Every note now names it (疑为按万元填写，3亿元？)
and says what to do; the figure is still counted as typed and flagged, never silently converted (QA qa56u)."""
from __future__ import annotations

from openpyxl import Workbook

from shibai_xl.engine.summary_doubts import amounts_doubt
from shibai_xl.faces.cli import main
from tests.test_summaries_real_world import PRINTED, TRADE, application, province_rows, table_rows


def test_the_refresh_problem_of_a_park_trade_typed_in_wan_names_the_slip(tmp_path):
    application(tmp_path / "apps", "park", "园区.xlsx", sb_city="遵义市", sb_county="红花岗区", sb_trade_total=30000)
    summary = tmp_path / "遵义市汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    (row,) = table_rows(summary).values()
    assert row[TRADE] == 300000000 and row["前置条件"] == "待定", row
    assert "FIELD_AMOUNT 金额请核对：年度交易额疑为按万元填写（3亿元？）" in row["问题"], row["问题"]


def test_the_merge_note_of_a_park_trade_typed_in_wan_names_the_slip_not_a_range(tmp_path, capsys):
    application(tmp_path / "apps", "park", "园区.xlsx", sb_city="遵义市", sb_county="红花岗区", sb_trade_total=30000)
    summary = tmp_path / "遵义市汇总表.xlsx"
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    capsys.readouterr()
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(summary)]) == 0
    out = capsys.readouterr().out
    (row,) = province_rows(province)
    assert row[TRADE] == 300000000, row     # counted as typed, flagged: never silently converted
    assert "超出申报主体可能达到的范围" not in row["问题"], row["问题"]
    assert "即园区申报表的30000亿元，疑为按万元填写：30000万元即3亿元？" in row["问题"], row["问题"]
    assert "贵阳黔货出山电子商务产业园" in out and "园区亿元栏按万元填写" in out, out


def test_a_hand_typed_city_row_of_a_park_in_wan_column_from_its_yi_form_names_the_slip(tmp_path, capsys):
    """The city copied the park's 申报表 figure 30000 (亿元 cell) ×10000 into its own 附件4 as 300000000."""
    wb = Workbook()
    ws = wb.active
    ws.append(["遵义市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(PRINTED)
    ws.append([1, "遵义市", "红花岗区", "遵义甲电商产业园", "地址", "园区", "国企", "业绩", "张三", "0851-1",
               300000000, 4200, 88])
    wb.save(tmp_path / "遵义市汇总表.xlsx")
    province = tmp_path / "全省.xlsx"
    assert main(["merge", str(province), str(tmp_path / "遵义市汇总表.xlsx")]) == 0
    (row,) = province_rows(province)
    assert "疑为按万元填写：30000万元即3亿元？" in row["问题"] and "超出" not in row["问题"], row["问题"]


def test_the_slip_is_asked_from_the_parks_own_doubt_figure_on_and_only_for_a_park():
    said = amounts_doubt("园区", 1000000, None)        # 100亿元 on the form: the form's own doubt starts there
    assert said.startswith("园区交易额疑为按万元填写：年度交易额1000000万元即园区申报表的100亿元，"
                           "疑为按万元填写：100万元即0.01亿元？"), said
    assert "园区" not in (amounts_doubt("园区", 999999, None) or ""), amounts_doubt("园区", 999999, None)
    assert amounts_doubt("园区", "5000000万元", None) is None     # typed with its unit: confirmed
    assert "误按元填写" in amounts_doubt("企业", 3000000, None)     # an enterprise's 万元 figure: the 元 question


def test_the_check_says_what_to_type_if_the_figure_was_meant_in_wan(tmp_path, capsys):
    import json

    path = application(tmp_path / "apps", "park", "园区.xlsx", sb_city="遵义市", sb_county="红花岗区",
                       sb_trade_total=30000)
    capsys.readouterr()
    main(["check", str(path), "--json"])
    said = [f["message"] for f in json.loads(capsys.readouterr().out)["findings"] if f["code"] == "FIELD_AMOUNT"]
    assert len(said) == 1 and "是否误按万元填写" in said[0] and "是按万元填写的，应为3亿元，请改填3" in said[0], said
