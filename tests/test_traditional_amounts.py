"""Amounts typed in traditional characters (Hong Kong/Taiwan input methods, old documents copied): "2600萬元",
"3.5億元", "參億", "玖佰萬圓" are the 万/亿/元 and financial digits they write, in check and in the merge of a city's
hand-typed 附件4 (they were refused as "不是数字"). QA qa64a."""
from __future__ import annotations

import json

import pytest
from openpyxl import Workbook

from shibai_xl.faces.cli import main
from tests.conftest import example
from tests.test_merge_city_by_title_or_file import _rows
from tests.test_merge_sheets_and_repeats import HEAD


def _check(path, capsys):
    capsys.readouterr()
    assert main(["check", str(path), "--json"]) in (0, 1)
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("trade, retail", [("2600萬元", "玖佰萬圓"), ("0.26億元", "9000000圓"), ("貳仟陸佰萬", "玖佰萬元整")])
def test_check_reads_amounts_in_traditional_characters(make_workbook, capsys, trade, retail):
    """The same application with 2600 and 900 typed as numbers: the same findings, eligibility and score."""
    typed = _check(make_workbook("enterprise", example("enterprise", sb_trade_total=trade, sb_online_retail=retail),
                                 name="typed.xlsx"), capsys)
    plain = _check(make_workbook("enterprise", example("enterprise"), name="plain.xlsx"), capsys)
    assert [(f["code"], f["message"]) for f in typed["findings"]] == \
        [(f["code"], f["message"]) for f in plain["findings"]], typed["findings"]
    assert (typed["eligible"], typed["score"]["auto"]) == (plain["eligible"], plain["score"]["auto"])


def test_merge_reads_a_city_summarys_amounts_in_traditional_characters(tmp_path, capsys):
    src = tmp_path / "黔南州汇总表.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["黔南州2024年电商“十百千万”工程示范项目汇总表"])
    ws.append(HEAD)
    for i, (name, trade, retail) in enumerate([("某甲电商有限公司", "1200萬元", "參佰萬"),
                                               ("某乙电商有限公司", "0.35億", "500")], 1):
        ws.append([i, "黔南州", "都匀市", name, "地址", "企业", "民企", "业绩", "张三", "0854-1", trade, retail, 85])
    wb.save(src)
    capsys.readouterr()
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(src)]) == 0
    said = capsys.readouterr().out
    assert "不是数字" not in said, said
    got = {r["企业名称"]: (r["年度交易额（万元）"], r["年度网络零售额（万元）"]) for r in _rows(tmp_path / "全省.xlsx")}
    assert got == {"某甲电商有限公司": (1200, 300), "某乙电商有限公司": (3500, 500)}, got
