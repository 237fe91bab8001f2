"""Junk in every cell never breaks a check or a summary record (the project's "impossible to break with a bad
file", end to end; the parsers alone: test_parsers.py test_parsers_never_raise).

Every contract field of each of the four types, the 材料清单, the reviewer's 评分 cells and the 附件3 rows get
STRUCTURED junk as the reader hands it over: mixes of digits with 、，,. and spaces, full-width digits, Chinese
numerals, units, bound words (以上 超过 ≥ 余 约 至 ~), brackets holding remarks, 是/否/√/☑ marks, dates in many
spellings, phone numbers, 18-character codes, long text, and cells that are no text at all (booleans, 1e308,
-0.0, nan, inf, datetimes, times, Excel error values, formula text). Whatever the cells hold, ``check`` returns
a verdict, a score within its bounds and findings of the documented codes in Chinese, and the summary record
is made.
"""
from __future__ import annotations

import json
import math
import re
from datetime import date, datetime, time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shibai_xl.engine.application import (
    RESIDENT_HEADER,
    RESIDENT_USCC,
    Application,
    RawField,
    ResidentRow,
    ResidentTable,
)
from shibai_xl.engine.check import check
from shibai_xl.engine.findings import CODES
from shibai_xl.engine.parse.text import ExcelError
from shibai_xl.engine.summary import record_from_result
from shibai_xl.rules import load

RULES = load()
HAN = re.compile("[\u4e00-\u9fff]")

DIGITS = st.from_regex(r"\A[0-9０-９]{1,4}([、，,. ][0-9０-９]{1,4}){0,3}\Z")
PIECES = st.sampled_from([
    "一千二百万", "壹佰", "三千", "两", "十余", "零", "伍拾万", "元", "万元", "亿元", "美元", "%", "％", "个", "家", "间", "人",
    "次", "Mbps", "M", "以上", "超过", "不少于", "≥", "+", "余", "多", "约", "近", "左右", "至", "-", "~", "（", "）", "(", ")",
    "【", "】", "（见附件）", "(含公共直播间9间)", "【备注：待补】", "是", "否", "有", "无", "√", "×", "☑", "□", "☑是 □否",
    "2024年4月15日", "2024.4.15", "2024-04-15", "2024/4/15", "24.4.15", "二〇二四年四月", "2023年1-12月", "2023年度",
    "2024年", "4月", "45397", "13812345678", "0851-85551234", "+86 138 1234 5678", "91520102MA6H123456",
    "91520102MA6DKQ8X18", "52000000000000000X", " ", "\u3000", "\n", "\t", "/", "—", "N/A", "#N/A", "=SUM(A1)", "e", ".",
    "贵阳", "贵州省毕节市", "国有企业", "平台型企业", "其他", "有限公司", "Σ", "\u200b", "是（带宽50M）",
    "10间（其中公共直播间9间）", "100万以上", "50%以上", "0.6", "1.2万", "3.5亿", "12人", "1e5", "5e-05", "￥", "RMB", "$", "1/2",
])
TEXTS = st.lists(DIGITS | PIECES, min_size=1, max_size=5).map("".join)
ODD_VALUES = [
    True, False, 0, 1, -1, 0.0, -0.0, 1e308, -1e308, 5e-324, float("nan"), float("inf"), float("-inf"), 2 ** 63,
    10 ** 30, 0.6, 1.5, 3000.0, 45397.0, datetime(2024, 4, 15), datetime(1900, 1, 1), datetime(9999, 12, 31, 23, 59),
    date(2023, 1, 1), time(12, 30), time(0, 0), ExcelError("#N/A"), ExcelError("#DIV/0!"), ExcelError("#REF!"),
    "=SUM(A1)", "#N/A", "#DIV/0!", "x" * 5000, "贵" * 3000, "", "   ",
]
ODD = st.sampled_from(ODD_VALUES)
JUNK = st.none() | ODD | TEXTS | st.integers(-10 ** 12, 10 ** 12) | \
    st.floats(allow_nan=True, allow_infinity=True)


def _application(data, app_type: str) -> Application:
    app = Application(type=app_type, source="杂乱.xlsx")
    for i, f in enumerate(RULES.fields_for(app_type)):
        if data.draw(st.booleans()):
            remark = data.draw(JUNK) if data.draw(st.integers(0, 5)) == 0 else None
            app.raw[f.name] = RawField(value=data.draw(JUNK), sheet="申报表", cell=f"C{i + 2}",
                                       percent_format=data.draw(st.booleans()),
                                       formula_without_value=data.draw(st.integers(0, 15)) == 0,
                                       remark=remark, remark_cell=f"D{i + 2}" if remark is not None else None)
    for i, m in enumerate(RULES.materials):
        if data.draw(st.booleans()):
            app.materials[m.name] = RawField(value=data.draw(JUNK), sheet="材料清单", cell=f"C{i + 2}")
    if data.draw(st.integers(0, 3)) == 0:
        for i, item in enumerate(RULES.rubric(app_type)):
            if data.draw(st.booleans()):
                app.reviewer[item.id] = RawField(value=data.draw(JUNK), sheet="评分", cell=f"F{i + 2}")
    if app_type in ("park", "base") and data.draw(st.booleans()):
        headers = (*RESIDENT_HEADER[:2], RESIDENT_USCC, *RESIDENT_HEADER[2:])
        n = data.draw(st.integers(0, 6))
        cells = {h: tuple("" if (v := data.draw(JUNK)) is None else v for _ in range(n)) for h in headers}
        total = (4 + n, {h: data.draw(JUNK) for h in headers[-4:-1]}) if data.draw(st.booleans()) else None
        letters = {h: chr(65 + i) for i, h in enumerate(headers)}
        app.residents = ResidentTable(cells, [4 + r for r in range(n)], "附件3", letters, total)
        if data.draw(st.booleans()):   # as the UDFs and a list read row by row give it
            app.residents = [ResidentRow({h: (None if v == "" else v) for h, v in zip(headers, line)}, "附件3", 4 + r,
                                         letters) for r, line in enumerate(zip(*cells.values()))]
        app.residents_sheet = "附件3"
        if data.draw(st.booleans()):
            app.residents_file = "园区名单.xlsx"
            app.residents_unreadable = [("名单2.xlsx", "文件已损坏")] if data.draw(st.booleans()) else []
    return app


def _holds(result) -> None:
    assert result.eligible in (True, False, None)
    sc = result.score
    assert 0 <= sc.auto <= sc.max, sc.auto
    for item in sc.items:
        assert 0 <= item.auto <= item.max, (item.id, item.auto)
    for f in result.findings:
        assert f.code in CODES, f.code
        assert str(f.severity) in ("error", "warning", "info"), f.severity
        assert isinstance(f.message, str) and HAN.search(f.message), f
    json.dumps(result.to_json(), ensure_ascii=False, allow_nan=False)   # shibai check --json
    record = record_from_result(result, "杂乱.xlsx")
    json.dumps(record.to_dict(), ensure_ascii=False, allow_nan=False, default=str)   # the refresh cache
    for column in ("年度交易额（万元）", "年度网络零售额（万元）"):
        amount = record.columns.get(column)
        assert amount is None or (isinstance(amount, float) and math.isfinite(amount)), (column, amount)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data(), st.sampled_from(sorted(RULES.types)))
def test_junk_in_every_cell_never_breaks_a_check(data, app_type):
    _holds(check(_application(data, app_type), RULES))


def test_every_cell_holding_each_odd_value():
    """Each odd value in every cell at once (and in each resident column), for each type."""
    for app_type in RULES.types:
        for odd in ODD_VALUES:
            app = Application.from_values(app_type, {f.name: odd for f in RULES.fields_for(app_type)})
            app.materials = {m.name: RawField(odd) for m in RULES.materials}
            if app_type in ("park", "base"):
                headers = (*RESIDENT_HEADER[:2], RESIDENT_USCC, *RESIDENT_HEADER[2:])
                app.residents = ResidentTable({h: (odd, odd) for h in headers}, [4, 5], "附件3", {})
            _holds(check(app, RULES))


# --- a city summary's rows as merge reads them (jobs/merge.py _records) -------------------------------------------

MERGE_JUNK = JUNK | st.sampled_from([
    "园区", "示范基地", "电商直播基地", "团队", "企业", "民营企业", "国有或国有控股企业", "国有独资", "其他（集体）", "贵阳市",
    "黔东南苗族侗族自治州", "凯里市", "南明区", "遵义市汇川区", "州本级", "贵安新区", "达标", "不达标（无审计报告）", "待定",
    "已撤回", "企业申请撤回（5月8日来函）", "3000万以上", "0.3亿多", "约六千万", "8,000", "1 200", "1" * 40, "1" * 400,
    "85", "优秀", "-5", "申报表\\南明区\\园区.xlsx", "13985012345",
])


def _summary_row(data, i: int) -> dict:
    from shibai_xl.jobs.merge import MERGE_COLUMNS, SCOPE
    row = {c: data.draw(MERGE_JUNK) for c in (*MERGE_COLUMNS, "问题", "状态", "前置条件", "自动评分", "来源文件")
           if c != SCOPE and data.draw(st.integers(0, 3))}   # a 报送市州 column: the province's table, refused
    row["_row"] = f"第{i + 4}行"
    if data.draw(st.booleans()):
        row["_extras"] = [(data.draw(st.sampled_from(["备注", "推荐意见", "排序", " 说 明 "])), data.draw(MERGE_JUNK))
                          for _ in range(data.draw(st.integers(1, 2)))]
    if data.draw(st.integers(0, 5)) == 0:
        row["_below"] = True
    return row


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_junk_in_every_column_of_a_city_summary_never_breaks_a_merge_reading_it(data):
    from pathlib import Path
    from unittest import mock

    from shibai_xl.adapters.xlsx.summary_reader import SummaryRows
    from shibai_xl.engine.summary import AMOUNT_COLUMNS, SummaryRecord
    from shibai_xl.jobs import merge

    path = Path("贵阳市项目汇总表.xlsx")
    rows = [_summary_row(data, i) for i in range(data.draw(st.integers(1, 4)))]
    summary = SummaryRows(path, "项目汇总表", data.draw(st.sampled_from(["贵阳市项目汇总表", "XX市（州）…", ""])),
                          data.draw(st.sampled_from(["贵阳市", "", "遵义市"])), False, rows,
                          missing=data.draw(st.sampled_from([[], ["年度交易额（万元）"]])),
                          outside=data.draw(st.sampled_from([[], ["第9行 某公司"]])))
    with mock.patch.object(merge, "read_summary", lambda _p: summary):
        _city, records, _rows, _withdrawn, left = merge._records(path)
    for r in records + left:    # the rows the city withdrew are written to the province table too
        for c in (*AMOUNT_COLUMNS, "市州评分"):   # what a cell of the province table can hold as a number
            figure = r.columns.get(c)
            assert not isinstance(figure, (int, float)) or isinstance(figure, bool) or math.isfinite(figure), (c, figure)
        assert r.score is None or math.isfinite(r.score), r.score
        for code, severity, short in r.problems:
            assert code in CODES and severity in ("error", "warning", "info") and HAN.search(short), (code, short)
        json.dumps(r.columns, ensure_ascii=False)   # the province's record of what it wrote (summary_state)
        again = SummaryRecord.from_dict(json.loads(json.dumps(r.to_dict(), ensure_ascii=False)))
        assert again.key == r.key


def test_a_city_row_whose_file_says_nan_or_inf_gives_no_figure_to_the_province():
    """A city summary written by an export script whose number cells say NaN or inf (calamine reads them as such):
    the 市州评分 and 自动评分 went on as NaN/inf, which the province table cannot hold (an empty number cell) and no
    mean can count. They are kept as their text (said as unreadable) and the score as none."""
    from pathlib import Path
    from unittest import mock

    from shibai_xl.adapters.xlsx.summary_reader import SummaryRows
    from shibai_xl.jobs import merge

    row = {"企业名称": "贵州甲电商有限公司", "项目类型": "企业", "年度交易额（万元）": float("inf"),
           "年度网络零售额（万元）": float("nan"), "市州评分": float("nan"), "自动评分": float("inf"), "_row": "第3行"}
    summary = SummaryRows(Path("贵阳市.xlsx"), "Sheet1", "贵阳市项目汇总表", "贵阳市", False, [row])
    with mock.patch.object(merge, "read_summary", lambda _p: summary):
        record = merge._records(Path("贵阳市.xlsx"))[1][0]
    assert [record.columns[c] for c in ("年度交易额（万元）", "年度网络零售额（万元）", "市州评分")] == ["inf", "nan", "nan"]
    assert record.score is None
    said = "；".join(short for _c, _s, short in record.problems)
    assert "市州评分“nan”无法识别" in said and "年度交易额（万元）“inf”无法识别" in said, said
