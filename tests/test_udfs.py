"""The Excel formulas SB_…: same answers as the engine / ``shibai check`` on the same inputs,
"错误：…" instead of an exception for junk, and the xlwings wrappers registered as documented."""
from __future__ import annotations

import importlib
import importlib.util
import math
import re
import sys
import types
from datetime import date, datetime
from decimal import Decimal

import pytest
import xlwings as xw
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string

from shibai_xl.engine import fields as F
from shibai_xl.engine.application import Application, ResidentRow
from shibai_xl.engine.check import check
from shibai_xl.engine.parse import number, phone, uscc
from shibai_xl.engine.residents import totals
from shibai_xl.examples import EXAMPLES, example_residents
from shibai_xl.faces import udf_functions as U
from shibai_xl.jobs.check_file import check_file
from shibai_xl.jobs.demo import write_examples

from .conftest import ROOT, TYPES, example, example_app
from .test_workbooks import name_cell

UDF_FILE = ROOT / "udfs" / "shibai_udfs.py"
JUNK = [None, "", "   ", "abc", "约三千万左右", -5, float("nan"), float("inf"), True, object(), [[1, 2], [3]],
        datetime(2024, 1, 1), "1e5", "１，２３４.５", 10 ** 30, "=HYPERLINK(\"x\")"]


def is_error(x) -> bool:
    return isinstance(x, str) and x.startswith("错误：")


@pytest.fixture(scope="module")
def example_files(tmp_path_factory):
    return {path.name.split("-")[0]: path for path in write_examples(tmp_path_factory.mktemp("udf"))}


# --- SB_AMOUNT / SB_USCC / SB_REGION / SB_MOBILE: the engine's parsers ------------------------------

@pytest.mark.parametrize("raw, unit", [
    (3.5, "亿元"), ("3.5亿", "万元"), ("35000万", "亿元"), ("500000元", "万元"), ("叁亿", "万元"), (1234.5, "万元"),
    ("１，２３４.５", "万"), ("3亿", "亿"), (0, "万元"), ("12,345.67", "元"),
])
def test_amount_is_the_engine_amount_in_wan(raw, unit):
    expected = number.parse_amount(raw, U.UNITS[unit]).value
    assert U.amount(raw, unit) == float(expected)


@pytest.mark.parametrize("raw", ["约3000万", "3000-4000万", "abc", -5, "50万美元", datetime(2024, 1, 1)])
def test_amount_explains_what_it_cannot_read(raw):
    out = U.amount(raw)
    assert is_error(out) and number.parse_amount(raw, "万元").error in out


def test_amount_blank_and_bad_unit():
    assert U.amount(None) == "" and U.amount("  ") == ""
    assert U.amount(5, "美元") == "错误：单位应为 元、万元 或 亿元"


@pytest.mark.parametrize("code", ["91520102MA6DKQ8X18", "91 5201 02-MA6DKQ8X18", "N2520100MA6DKQ8X1T"])
def test_uscc_valid_gives_compact_code(code):
    assert U.uscc(code) == uscc.parse(code).value


@pytest.mark.parametrize("code", ["91520102MA6DKQ8X1A", "9152010", 91520102, "91520102MA6DKQ8XIO"])
def test_uscc_invalid_gives_the_engine_reason(code):
    out = U.uscc(code)
    assert is_error(out) and uscc.parse(code).error in out


def test_region_is_the_engine_region():
    for t in TYPES:
        code = EXAMPLES[t]["sb_uscc"]
        assert U.region(code) == uscc.region(code)[2] == EXAMPLES[t]["sb_city"]
    assert U.region("91520900MA6DKQ8X1L") == "贵安新区"
    assert is_error(U.region("91110000600037341L")) and "110000" in U.region("91110000600037341L")
    assert is_error(U.region("91520102MA6DKQ8X1A"))


@pytest.mark.parametrize("raw", ["138 0013 8000", 13800138000, "+86-13800138000", "12800138000", "0851-88552573"])
def test_mobile_is_the_engine_mobile(raw):
    p = phone.parse_mobile(raw)
    assert U.mobile(raw) == (p.value if p.ok else "错误：手机号" + p.error)


# --- SB_THRESHOLD: the rules data -----------------------------------------------------------------

def test_threshold_is_the_rules_threshold(rules):
    for t in TYPES:
        for th in rules.types[t].thresholds:
            metric = {v: k for k, v in U.METRICS.items()}[th.field]
            assert U.threshold(t, metric) == th.value
            assert U.threshold(rules.types[t].short, "年度" + metric) == th.value
        assert U.threshold(rules.types[t].label, "成立年限") == rules.types[t].min_years
    assert U.threshold("园区", "交易额") == 30000          # 3 亿元, in 万元
    assert is_error(U.threshold("园区", "直播销售额"))
    assert is_error(U.threshold("工厂", "交易额")) and is_error(U.threshold("园区", "利润"))


# --- SB_ELIGIBLE: the engine's 前置条件 --------------------------------------------------------------

def _eligible_args(t: str, values: dict) -> tuple:
    trade = {"team": values.get("sb_live_sales")}.get(t, values.get("sb_trade_total"))
    if t == "enterprise" and values.get("sb_enterprise_kind") == "服务类":
        trade = values.get("sb_sales")
    return (t, values.get("sb_established"), values.get("sb_fill_date"), trade, values.get("sb_online_retail"),
            values.get("sb_enterprise_kind"))


@pytest.mark.parametrize("t, changes", [
    ("park", {}), ("park", {"sb_trade_total": 2.99}), ("park", {"sb_trade_total": 3}), ("park", {"sb_online_retail": 2999}),
    ("park", {"sb_established": date(2022, 4, 16)}), ("park", {"sb_established": date(2022, 4, 15)}),
    ("park", {"sb_established": "2022年4月"}), ("base", {}), ("base", {"sb_trade_total": "4999万"}),
    ("enterprise", {}), ("enterprise", {"sb_trade_total": 999}),
    ("enterprise", {"sb_enterprise_kind": "服务类", "sb_sales": 200, "sb_trade_total": None}),
    ("enterprise", {"sb_online_retail": None}), ("team", {}), ("team", {"sb_live_sales": 499.99}),
    ("team", {"sb_live_sales": "伍佰万元"}), ("team", {"sb_fill_date": None}),
    ("enterprise", {"sb_enterprise_kind": "☑平台类 □服务类"}),                      # the printed boxes, one ticked
    ("enterprise", {"sb_enterprise_kind": "☑平台类 □服务类", "sb_trade_total": 999}),
])
def test_eligible_matches_check_on_a_complete_application(t, changes):
    """On an application whose 注册地/信用/统计期 are fine, SB_ELIGIBLE is exactly check()'s status."""
    values = example(t, **changes)
    full = check(example_app(t, **changes))          # with its resident list, as a real workbook has
    assert U.eligible(*_eligible_args(t, values)) == full.status


def test_eligible_enterprise_without_kind_decides_only_when_both_readings_agree():
    args = ("企业", date(2020, 1, 1), date(2024, 4, 15))
    assert U.eligible(*args, 1500, 150) == "达标"
    assert U.eligible(*args, 500, 150) == "待定"      # 服务类 passes, 平台类 does not
    assert U.eligible(*args, 150, 150) == "不达标"


@pytest.mark.parametrize("kind", ["☑平台类 ☑服务类", "□平台类 □服务类"])
def test_eligible_enterprise_ticking_both_kinds_or_none_is_read_as_check_reads_it(kind):
    """The printed boxes with both (or neither) ticked: check decides by the readings of both kinds (达标 where both pass)
    and says the 企业类别 (FIELD_CHOICE); the formula answered 错误 even where check said 达标. Now the same rule: 达标 or
    不达标 where both readings agree, else the 企业类别 said as check says it."""
    args = ("企业", date(2020, 1, 1), date(2024, 4, 15))
    assert U.eligible(*args, 1500, 150, kind) == "达标"
    assert U.eligible(*args, 150, 150, kind) == "不达标"
    undecided = U.eligible(*args, 500, 150, kind)
    assert undecided.startswith("待定（") and "企业类别" in undecided, undecided   # check's 待定, with its reason
    # a kind check cannot read (制造类) is read as check reads it, no kind: 错误 before, where check decided (QA)
    assert U.eligible(*args, 1500, 150, "制造类") == "达标" and U.eligible(*args, 150, 150, "制造类") == "不达标"
    said = U.eligible(*args, 500, 150, "制造类")
    assert said == "待定（企业类别（平台类/服务类）填写为“制造类”，应为以下之一：平台类、服务类）", said


def test_eligible_leaves_out_exactly_the_conditions_it_has_no_argument_for(rules):
    """Guards the condition topics SB_ELIGIBLE keeps: both exist in the engine's output, and nothing else is kept."""
    for t in TYPES:
        topics = {c.topic for c in check(example_app(t)).eligibility.conditions}
        assert set(U.ASKED_TOPICS) <= topics and len(topics) > len(U.ASKED_TOPICS)
    # a 个体工商户's USCC or a list below the threshold is not an argument of SB_ELIGIBLE: it does not change it
    assert U.eligible("园区", date(2020, 1, 1), date(2024, 4, 15), 3.5, 4200) == "达标"


def test_eligible_junk():
    assert is_error(U.eligible("工厂", None, None, 1))
    assert U.eligible("企业", date(2020, 1, 1), date(2024, 1, 1), 1, 1, "制造类") == "不达标"
    junk = U.eligible("园区", "不知道", date(2024, 1, 1), "很多", None)
    assert junk == "不达标" or (junk.startswith("待定（") and ("“很多”" in junk or "“不知道”" in junk)), junk


# --- SB_SCORE: check().score.auto, also on a real workbook's name | value pairs ----------------------

@pytest.mark.parametrize("t", TYPES)
def test_score_from_pairs_is_the_engine_score(t):
    values = example(t)
    expected = check(Application.from_values(t, values)).score.auto
    pairs = [[k, v] for k, v in values.items()]
    assert U.score(t, pairs) == expected
    assert U.score(t, [[k] for k in values], [[v] for v in values.values()]) == expected


@pytest.mark.parametrize("t", TYPES)
def test_score_from_the_workbook_cells_is_what_check_says(t, example_files, rules):
    """What Excel hands the formula for a range "name | value" built from the filled workbook."""
    path = example_files[rules.types[t].label]
    wb = load_workbook(path)
    pairs = []
    for f in F.fields_for(t):
        sheet, ref = wb.defined_names[f.name].attr_text.replace("$", "").split("!")
        pairs.append([f.name, wb[sheet.strip("'")][ref].value])
    assert U.score(t, pairs) == check_file(path).score.auto


@pytest.mark.parametrize("t", TYPES)
def test_score_from_the_whole_list_of_the_workbooks_names_is_what_check_says(t, example_files, rules):
    """A clerk pastes the workbook's name list (公式 → 用于公式 → 粘贴名称) beside the values: it holds the tool's own
    评分 and 校验结果 names and the 附件3 list's 填报园区 line too, which SB_SCORE called "not a name of the 申报表"
    (they are). They hold no answer: left out, the total is check's; a name no 申报表 has is still said."""
    path = example_files[rules.types[t].label]
    wb = load_workbook(path)
    pairs = []
    for name, defined in wb.defined_names.items():
        if defined.type != "RANGE":   # a constant (the template's version) or a formula: no cell
            continue
        sheet, ref = defined.attr_text.replace("$", "").split("!")
        pairs.append([name, wb[sheet.strip("'")][ref].value])
    assert any(n.startswith("sb_score_auto_") for n, _ in pairs) and any(n.startswith("sb_result_") for n, _ in pairs)
    assert U.score(t, pairs + [["sb_type", t], ["sb_year", 2024]]) == check_file(path).score.auto
    assert is_error(U.score(t, [*pairs, ["sb_has_platfrom", "是"]]))
    assert not any(f.startswith(U.NOT_ANSWERS) for f in rules.fields)


def test_score_junk():
    assert is_error(U.score("park", [["sb_nonsense", "是"]]))
    assert is_error(U.score("park", [["sb_has_platform"]], [["是"], ["否"]]))
    assert is_error(U.score("park", [["sb_has_platform", "是", "x"]]))
    assert U.score("park", [[None, None], ["sb_has_platform", "是"]]) == 5


@pytest.mark.parametrize("t", TYPES)
def test_score_names_an_example_the_type_has_when_a_name_is_not_its(t, rules):
    """SB_SCORE("企业", …) given the park's sb_has_platform said “不是示范企业申报表的定义名称（…如 sb_has_platform）”:
    the example it gave was the very name it refused. The example is one of the type's own names."""
    said = U.score(t, [["sb_no_such_name", "是"]])
    example = re.search(r"如 (sb_\w+)", said).group(1)
    assert example in rules.names_for(t) and example in rules.fields
    assert U.score(t, [[example, "是"]]) != said


# --- SB_RESIDENTS: residents.totals on the table with its header ---------------------------------------

def test_residents_is_the_engine_totals(example_files, rules):
    path = example_files[rules.types["park"].label]
    wb = load_workbook(path)
    ws = wb["入驻企业名单"]
    table = [[c.value for c in row] for row in ws[ws.tables["sb_residents"].ref]]
    out = dict(map(tuple, U.residents(table)))
    res = check_file(path).residents
    assert out == {"家数": res.companies, "从业人数合计": res.staff, "年度网络交易额合计（万元）": float(res.trade),
                   "年度网络零售额合计（万元）": float(res.retail), "重复企业": "无", "数据有误（处）": 0}
    assert list(out) == list(U.RESIDENTS_LABELS)


def test_residents_reports_duplicates_and_bad_rows():
    rows = example_residents("base")
    rows.append(dict(rows[0]))
    rows[1]["年度网络零售额（万元）"] = "很多"
    header = list(rows[0])
    out = dict(map(tuple, U.residents([header] + [[r[h] for h in header] for r in rows])))
    t, findings = totals([ResidentRow(r, row=i + 1) for i, r in enumerate(rows)])
    assert out["家数"] == t.companies == 6 and t.listed == 7      # the copied row is no seventh company
    assert out["重复企业"] == rows[0]["企业名称"]
    assert out["数据有误（处）"] == 1
    assert out["年度网络零售额合计（万元）"] == float(t.retail)


def test_residents_junk():
    assert is_error(U.residents([["企业名称", "从业人数"], ["A", 1]]))
    assert is_error(U.residents("x"))
    assert U.residents([]) == "" and U.residents([[None, None], ["", None]]) == ""     # an empty range: blank


def test_residents_leave_the_total_row_out():
    """名单末尾的“合计”行不算企业 (README), in 企业名称 or in 序号, as the reader leaves it out."""
    header = ["序号", "企业名称", "从业人数", "年度网络交易额（万元）", "年度网络零售额（万元）"]
    rows = [[1, "甲公司", 10, 100, 50], [2, "乙公司", 20, 200, 60]]
    for total in (["", "合计", 30, 300, 110], ["合 计", None, 30, 300, 110], ["总计", "", 30, 300, 110]):
        got = dict(map(tuple, U.residents([header, *rows, total])))
        assert (got["家数"], got["从业人数合计"], got["年度网络交易额合计（万元）"], got["数据有误（处）"]) == (2, 30, 300, 0)


def test_residents_in_yuan_are_summed_in_wanyuan():
    """A list whose amount titles say （元）: SB_RESIDENTS gives the same 万元 totals as the file reader."""
    header = ["序号", "企业名称", "从业人数", "年度网络交易额（元）", "年度网络零售额（元）"]
    rows = [[1, "甲公司", 10, 1_000_000, 500_000], [2, "乙公司", 20, "2,000,000", 600_000.5]]
    got = dict(map(tuple, U.residents([header, *rows])))
    assert (got["年度网络交易额合计（万元）"], got["年度网络零售额合计（万元）"], got["数据有误（处）"]) == (300, 110.00005, 0)


@pytest.mark.parametrize("fn, args", [
    (U.threshold, (None, None)), (U.eligible, (None, None, None, None)), (U.score, (None, [[None, None]])),
    (U.upload_name, (None, "", None)), (U.amount, ("",)), (U.uscc, (None,)),
])
def test_blank_arguments_give_a_blank_cell(fn, args):
    """参数为空时返回空白 (docs/addin.md): a formula filled down over empty rows shows nothing."""
    assert fn(*args) == ""


# --- SB_UPLOAD_NAME: CheckResult.upload_name ----------------------------------------------------------

@pytest.mark.parametrize("t", TYPES)
def test_upload_name_is_what_check_gives(t, example_files, rules):
    result = check_file(example_files[rules.types[t].label])
    assert U.upload_name(result.city, result.company, rules.types[t].short) == result.upload_name


def test_upload_name_junk():
    assert is_error(U.upload_name("北京", "公司", "企业"))
    assert is_error(U.upload_name("贵阳", "", "企业"))
    assert is_error(U.upload_name("贵阳", "公司", "工厂"))
    assert U.upload_name("贵阳", 'A/B:C*"公司"?', "园区").startswith("贵阳市ABC公司")


# --- never a traceback ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(U.all_functions()))
def test_no_input_raises(name):
    fn = U.all_functions()[name]
    n_required = fn.__code__.co_argcount - len(fn.__defaults__ or ())
    for junk in JUNK:
        out = fn(*([junk] * n_required))
        assert out is not None
        if isinstance(out, str) and "错误" in out:
            assert out.startswith("错误：")
        if isinstance(out, float):
            assert not math.isnan(out)


# --- the xlwings wrappers ---------------------------------------------------------------------------

def _load_udfs(name: str = "shibai_udfs"):
    spec = importlib.util.spec_from_file_location(name, UDF_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def udf_module():
    """The module as Linux/macOS xlwings loads it (decorators are no-ops there)."""
    return _load_udfs()


@pytest.fixture
def windows_udf_module(monkeypatch):
    """The module as Windows xlwings registers it: xlwings' real ``xlfunc``/``xlarg`` decorators
    (their module imports pywin32, stubbed here since only the decorators run). What that import loaded is
    unloaded again afterwards, so that later tests see this machine's xlwings as it is."""
    before = set(sys.modules)
    for name in ("pythoncom", "pywintypes", "win32com", "win32com.client"):
        stub = types.ModuleType(name)
        stub.CoInitialize = lambda: None
        stub.Dispatch = lambda *a: None
        monkeypatch.setitem(sys.modules, name, stub)
    monkeypatch.delitem(sys.modules, "xlwings.udfs", raising=False)
    udfs = importlib.import_module("xlwings.udfs")
    monkeypatch.setattr(xw, "func", udfs.xlfunc)
    monkeypatch.setattr(xw, "arg", udfs.xlarg)
    module = _load_udfs("shibai_udfs_windows")
    yield module
    # not monkeypatch.delitem: its undo would put the stubbed xlwings.udfs back into sys.modules
    for name in set(sys.modules) - before:
        sys.modules.pop(name, None)


def test_wrappers_are_registered_with_chinese_docs(windows_udf_module):
    funcs = {n: getattr(windows_udf_module, n) for n in dir(windows_udf_module) if n.startswith("SB_")}
    assert set(funcs) == set(U.all_functions())
    for name, f in funcs.items():
        meta = f.__xlfunc__
        assert meta["name"] == name and name.isascii()
        assert meta["category"] == "十百千万"
        assert any("\u4e00" <= ch <= "\u9fff" for ch in meta["ret"]["doc"]), name
        for arg in meta["args"]:
            assert not arg["doc"].startswith("Positional argument"), (name, arg["name"])
            assert any("\u4e00" <= ch <= "\u9fff" for ch in arg["doc"]), (name, arg["name"])
    assert {a["name"]: a["options"] for a in funcs["SB_SCORE"].__xlfunc__["args"]}["names"] == \
        {"ndim": 2, "err_to_str": True, "convert": windows_udf_module.WithFormats}   # a percentage as its cell shows it


VBA_KEYWORDS = {"and", "as", "boolean", "byref", "byte", "byval", "call", "case", "const", "currency", "date",
                "decimal", "declare", "dim", "do", "double", "each", "else", "elseif", "empty", "end", "enum", "erase",
                "error", "event", "exit", "false", "for", "friend", "function", "get", "global", "gosub", "goto", "if",
                "implements", "in", "integer", "is", "let", "like", "long", "longlong", "loop", "me", "mod", "new",
                "next", "not", "nothing", "null", "on", "option", "optional", "or", "paramarray", "preserve", "private",
                "property", "public", "raiseevent", "redim", "rem", "resume", "return", "select", "set", "single",
                "static", "step", "stop", "string", "sub", "then", "to", "true", "type", "typeof", "until", "variant",
                "wend", "while", "with", "withevents", "xor", "object", "print", "open", "close", "name", "input"}


def test_wrapper_arguments_are_legal_vba_parameter_names(udf_module):
    """xlwings writes each Python argument name into the VBA wrapper as a parameter name."""
    for name in U.all_functions():
        f = getattr(udf_module, name)
        for arg in f.__code__.co_varnames[:f.__code__.co_argcount]:
            assert arg.isascii() and arg.isidentifier() and arg.lower() not in VBA_KEYWORDS, (name, arg)


def test_wrappers_call_the_plain_functions(udf_module):
    assert udf_module.SB_AMOUNT("3.5亿") == U.amount("3.5亿") == 35000
    assert udf_module.SB_USCC("91520102MA6DKQ8X18") == "91520102MA6DKQ8X18"
    assert udf_module.SB_REGION("91520102MA6DKQ8X18") == "贵阳市"
    assert udf_module.SB_MOBILE("139 0851 0001") == "13908510001"
    assert udf_module.SB_THRESHOLD("基地", "网络零售额") == 1000
    assert udf_module.SB_ELIGIBLE("团队", date(2020, 1, 1), date(2024, 4, 15), 600) == "达标"
    assert udf_module.SB_SCORE("park", [["sb_has_platform", "是"]]) == 5
    assert udf_module.SB_RESIDENTS([["企业名称", "从业人数", "年度网络交易额（万元）", "年度网络零售额（万元）"],
                                    ["A", 3, 10, 5]])[0] == ["家数", 1]
    assert udf_module.SB_UPLOAD_NAME("遵义市", "公司", "基地").endswith("示范直播基地申报资料.pdf")


def test_decimal_results_are_plain_floats():
    assert type(U.amount(Decimal("1.5"), "亿元")) is float
    assert type(U.score("team", [["sb_has_app", "是"]])) is float


@pytest.mark.parametrize("pairs, says", [
    ([["sb_has_platform", "待补充"]], "应填“是”或“否”"),
    ([["sb_has_platform", "☑是 ☑否"]], "有管理中台"),
    ([["sb_crossborder_usd", "800000元"]], "币种不符"),
    ([["sb_has_platform", "是"], ["sb_has_platform", "否"]], "出现了两次"),
])
def test_score_says_what_it_cannot_read_instead_of_scoring_it_0(pairs, says):
    """An answer 检查本申报表 reports (FIELD_CHOICE, FIELD_AMOUNT) is said by SB_SCORE too, never a silent 0."""
    got = U.score("园区", pairs)
    assert is_error(got) and says in got, got
    assert U.score("园区", [["sb_has_platform", "是"], ["sb_has_platform", "是"]]) == U.score("园区", [["sb_has_platform", "是"]])


def test_score_takes_a_year_only_date_and_one_answer_written_twice_alike():
    """A year-only 成立日期 is a warning in check, not an unreadable answer; 10 and "10", "是" and " 是" are one answer."""
    alone = U.score("园区", [["sb_has_platform", "是"]])
    assert U.score("园区", [["sb_established", "2020年"], ["sb_has_platform", "是"]]) == alone
    assert not is_error(U.score("园区", [["sb_live_rooms", 10], ["sb_live_rooms", "10"]]))
    assert not is_error(U.score("园区", [["sb_has_platform", "是"], ["sb_has_platform", " 是"]]))


def test_residents_leave_out_total_rows_written_with_a_colon_or_a_note():
    header = ["序号", "企业名称", "从业人数", "年度网络交易额（万元）", "年度网络零售额（万元）"]
    rows = [[1, "甲公司", 10, 100, 50], [2, "乙公司", 20, 200, 60]]
    for label in ("合计：", "合计:", "合计（2家）"):
        got = dict(map(tuple, U.residents([header, *rows, ["", label, 30, 300, 110]])))
        assert got["家数"] == 2 and got["年度网络交易额合计（万元）"] == 300, label


def test_formulas_never_raise_nor_show_formula_text_nor_infinity():
    """A formula shows a value or an 错误： message: a list nested deeper than Python's recursion limit is a
    message, an amount too large for a float is a message (not inf), and a duplicate company named
    "=HYPERLINK(…)" is shown as text with a leading ' (never text Excel would take for a formula)."""
    deep: list = []
    cur = deep
    for _ in range(5000):
        cur.append([])
        cur = cur[0]
    for fn in U.all_functions().values():
        assert is_error(fn(deep, deep, deep)) or fn(deep, deep, deep) == ""
    assert is_error(U.amount("1" * 400)) and is_error(U.amount(10 ** 400))
    head = ["序号", "企业名称", "从业人数", "年度网络交易额（万元）", "年度网络零售额（万元）"]
    evil = '=HYPERLINK("http://x","y")'
    out = dict(U.residents([head, [1, evil, 5, 10, 5], [2, evil, 5, 10, 5]]))
    assert out["重复企业"] == "'" + evil and out["家数"] == 1
    for fn in U.all_functions().values():
        for junk in ("=1+1", "-1+2", "@SUM(1)", evil):
            for args in ((junk,), (junk, junk), (junk, junk, junk)):
                try:
                    got = fn(*args)
                except TypeError:
                    continue
                flat = [v for row in got for v in row] if isinstance(got, list) else [got]
                assert not any(isinstance(v, str) and v.startswith(("=", "+", "-", "@")) for v in flat), (fn, args, got)


def test_residents_header_over_two_rows_and_title_rows_above_it():
    """附件3 as printed: title rows above the header, 年度网络交易额 merged above a （万元）/（元） row. The unit row is
    no company with bad figures, and a whole-column selection (A:K, title rows included) finds the header, as the
    file reader does (QA: SB_RESIDENTS counted the unit row as 2 数据有误 and refused A:K)."""
    title = [["贵州省电商示范园区/直播示范基地入驻电商企业名单", None, None, None, None],
             ["填报园区/基地：某园区", None, None, None, None]]
    header = ["序号", "企业名称", "从业人数", "(2023年1月-2023年12月)年度网络交易额", "(2023年1月-2023年12月)年度网络零售额"]
    rows = [[1.0, "甲公司", 10.0, 100.0, 50.0], [2.0, "乙公司", 20.0, 200.0, 60.0]]
    blank = [[None] * 5] * 50
    for unit, scale in (("（万元）", 1), ("(元)", 10_000)):
        units = [None, None, None, unit, unit]
        body = [r[:3] + [r[3] * scale, r[4] * scale] for r in rows]
        for table in ([header, units, *body], [*title, header, units, *body, *blank]):
            got = dict(map(tuple, U.residents(table)))
            assert (got["家数"], got["从业人数合计"], got["年度网络交易额合计（万元）"], got["年度网络零售额合计（万元）"],
                    got["数据有误（处）"]) == (2, 30, 300, 110, 0), (unit, got)
    assert dict(map(tuple, U.residents([*title, header[:2] + ["从业人数", "年度网络交易额（万元）", "年度网络零售额（万元）"],
                                         *rows])))["家数"] == 2
    assert is_error(U.residents([*title, ["序号", "名称"], [1, "甲"]]))     # no header anywhere: still said


def test_score_is_given_when_only_an_answer_no_item_scores_is_unreadable():
    """年度直播销售额 typed "约500万" is a threshold of the 前置条件, no 附件5 item: SB_SCORE gives the score
    `check --json` gives (it refused it as unreadable: QA); an unreadable answer an item scores is still said."""
    full = [["sb_has_app", "是"], ["sb_experience_6m", "是"], ["sb_warehouse_system", "是"], ["sb_in_park", "是"],
            ["sb_fans_1m", "是"], ["sb_brand_case", "是"], ["sb_license", "是"], ["sb_social_benefit", "是"],
            ["sb_rural", "是"], ["sb_agri_sales_50w", "是"]]
    assert U.score("团队", full) == 100
    assert U.score("团队", [*full, ["sb_live_sales", "约500万"]]) == 100
    assert is_error(U.score("团队", [*full[1:], ["sb_has_app", "待补充"]]))


def test_cell_errors_reach_the_formulas_as_check_reads_them(windows_udf_module):
    """A cell holding #N/A: `shibai check` says so (XC_RESIDENT_ROW / FIELD_AMOUNT); xlwings hands a UDF an error
    cell as None (a blank) unless the argument is read with err_to_str, and the formula then summed the list
    without the figure and said 数据有误 0, or scored the answer 0 without a word (QA)."""
    for name in U.all_functions():
        for arg in getattr(windows_udf_module, name).__xlfunc__["args"]:
            assert arg["options"].get("err_to_str") is True, (name, arg["name"])
    head = ["序号", "企业名称", "从业人数", "年度网络交易额（万元）", "年度网络零售额（万元）"]
    got = dict(map(tuple, U.residents([head, [1, "甲公司", 10, 100, 50], [2, "乙公司", "#N/A", 200, 60]])))
    assert got["数据有误（处）"] == 1 and got["从业人数合计"] == 10
    assert is_error(U.score("园区", [["sb_resident_count", "#N/A"]]))


def test_residents_leave_out_the_header_repeated_inside_the_list():
    """A list pasted with its own header row, or printed over two pages with the header repeated (one or two rows):
    no company named “企业名称”, as the file reader reads it."""
    header = ["序号", "企业名称", "从业人数", "年度网络交易额（万元）", "年度网络零售额（万元）"]
    rows = [[1.0, "甲公司", 10.0, 100.0, 50.0], [2.0, "乙公司", 20.0, 200.0, 60.0]]
    two_rows = [["序号", "企业 名称", "从业人数", "年度网络交易额", "年度网络零售额"], [None, None, None, "（万元）", "（万元）"]]
    for table in ([header, header, *rows], [header, rows[0], *two_rows, rows[1]]):
        got = dict(map(tuple, U.residents(table)))
        assert (got["家数"], got["年度网络交易额合计（万元）"], got["数据有误（处）"]) == (2, 300, 0), got


# --- docs/addin.md section 三: every example in the table gives the result it says ----------------------

def _doc_examples() -> list[tuple[str, str, str]]:
    """(公式, 示例, 结果) of each row of the SB_ table in docs/addin.md, one per example in a <br>-joined cell."""
    text = (ROOT / "docs" / "addin.md").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0].startswith("`SB_"):
            examples = [e.strip() for e in cells[2].split("<br>")]
            results = [r.strip() for r in cells[3].split("<br>")]
            rows += [(cells[0], e, results[i] if i < len(results) else results[-1]) for i, e in enumerate(examples)]
    return rows


def test_addin_doc_examples_without_cell_references_give_the_stated_result():
    """docs/addin.md 三: `=SB_AMOUNT("3500万元")` gives `3500` and so on, taken literally."""
    calls = {name.removeprefix("SB_"): fn for name, fn in U.all_functions().items()}
    checked = 0
    for _, shown, result in _doc_examples():
        formula = re.fullmatch(r"`=SB_(\w+)\((.*)\)`", shown)
        stated = re.fullmatch(r"`(.*)`", result)
        if not formula or not stated or re.search(r"\b[A-Z]{1,2}\d+\b", formula.group(2)):
            continue
        out = calls[formula.group(1)](*eval("(" + formula.group(2) + ",)"))  # noqa: S307 - the doc's literals
        assert (f"{out:g}" if isinstance(out, float) else out) == stated.group(1), shown
        checked += 1
    assert checked >= 9


def test_addin_doc_residents_example_range_holds_the_official_list():
    """docs/addin.md 三 gives `=SB_RESIDENTS(A1:…60)` with 附件3's header in the first row: the list laid out as
    附件3 prints it from column A (序号 … 年度网络零售额 … 备注) must fit that range, or the formula only says
    the 零售额 column is missing."""
    [(_, shown, _)] = [e for e in _doc_examples() if e[0].startswith("`SB_RESIDENTS")]
    first, last = re.search(r"SB_RESIDENTS\(([A-Z]+)1:([A-Z]+)\d+\)", shown).groups()
    header = ["序号", "企业名称", "联系人", "联系方式", "企业网址", "所属行业（类型）", "从业人数",
              "年度网络交易额（万元）", "年度网络零售额（万元）", "备注"]
    rows = [header, [1, "贵州甲电子商务有限公司", "张", "13908510001", "", "电商", 12, 300, 120, ""],
            [2, "贵州乙电子商务有限公司", "李", "13908510002", "", "电商", 8, 200, 80, ""]]
    cut = slice(column_index_from_string(first) - 1, column_index_from_string(last))
    got = U.residents([r[cut] for r in rows])
    assert not is_error(got), got
    assert dict(map(tuple, got))["年度网络零售额合计（万元）"] == 200


def test_residents_leave_out_the_lines_printed_under_the_list(tmp_path):
    """附件3 as the notice prints it, selected whole (A:J): the "填报园区/基地：" line with the park typed in the 企业名称
    column, "填报人：" with the name beside it and a "注：" line are no companies, as the file reader reads them."""
    from tests.test_resident_list_as_printed import PARK_A, printed_list

    rows = example_residents("park")
    path = printed_list(tmp_path / "名单.xlsx", rows, ["填报园区/基地：", PARK_A], notes=(["注：", "金额单位为万元"],))
    ws = load_workbook(path).active
    table = [[float(v) if isinstance(v, int) else v for v in line] for line in ws.iter_rows(values_only=True)]
    assert ["填报园区/基地：", PARK_A] in [line[:2] for line in table]
    got = dict(map(tuple, U.residents(table)))
    t, _ = totals([ResidentRow(r, row=i + 1) for i, r in enumerate(rows)])
    assert (got["家数"], got["从业人数合计"], got["年度网络交易额合计（万元）"], got["数据有误（处）"]) == \
        (len(rows), t.staff, float(t.trade), 0), got


def test_residents_count_a_total_row_that_disagrees_as_check_does(example_files, rules, tmp_path):
    """A 合计 row typed under the last company whose 从业人数/零售额 disagree with the rows above it: `shibai check`
    reports each as 入驻企业名单数据有误 (XC_RESIDENT_ROW); SB_RESIDENTS on the same list (A:K) said 数据有误 0 (QA)."""
    wb = load_workbook(example_files[rules.types["park"].label])
    ws = wb["入驻企业名单"]
    last = max(c.row for c in ws["B"] if c.value and c.row > 5)
    staff = sum(ws.cell(r, 7).value for r in range(6, last + 1))
    trade = sum(ws.cell(r, 8).value for r in range(6, last + 1))
    retail = sum(ws.cell(r, 9).value for r in range(6, last + 1))
    for c, v in zip((2, 7, 8, 9), ("合计", staff - 4, round(trade, 2), retail - 200)):
        ws.cell(last + 1, c, v)
    path = tmp_path / "园区.xlsx"
    wb.save(path)
    said = [f for f in check_file(path).findings if f.code == "XC_RESIDENT_ROW"]
    assert len(said) == 2
    table = [[float(v) if isinstance(v, int) else v for v in line]
             for line in load_workbook(path, data_only=True)["入驻企业名单"].iter_rows(values_only=True)]
    got = dict(map(tuple, U.residents(table)))
    assert (got["家数"], got["从业人数合计"], got["数据有误（处）"]) == (last - 5, staff, len(said)), got
    ws.cell(last + 1, 7, staff)
    ws.cell(last + 1, 9, round(retail, 2))     # a 合计 row that agrees is no 数据有误
    wb.save(path)
    table = [[float(v) if isinstance(v, int) else v for v in line]
             for line in load_workbook(path, data_only=True)["入驻企业名单"].iter_rows(values_only=True)]
    assert dict(map(tuple, U.residents(table)))["数据有误（处）"] == 0 == \
        len([f for f in check_file(path).findings if f.code == "XC_RESIDENT_ROW"])


@pytest.mark.parametrize("error_value", ["#N/A", "#REF!"])
def test_a_name_cell_holding_an_error_value_is_said_not_taken_for_the_name(example_files, rules, tmp_path,
                                                                          error_value):
    """名称 holding an Excel error value (a VLOOKUP that found nothing, a pasted formula): `shibai check` took the text
    “#N/A” as the project's name — no finding, 名称 “#N/A” in the summary, “…州#NA2024年…pdf” as the upload name —
    and SB_UPLOAD_NAME put it in the file name too (QA). Both now say the cell holds an error value."""
    from shibai_xl.adapters.xlsx.filler import named_cell

    wb = load_workbook(example_files[rules.types["enterprise"].label])
    cell = named_cell(wb, "sb_name")
    cell.value, cell.data_type = error_value, "e"
    city = named_cell(wb, "sb_city").value
    path = tmp_path / "企业.xlsx"
    wb.save(path)
    result = check_file(path)
    said = [f for f in result.findings if f.field == "sb_name"]
    assert said and said[0].severity == "error" and error_value in said[0].message, said
    assert result.name != error_value and error_value.strip("#!/") not in result.upload_name
    got = U.upload_name(city, error_value, "企业")
    assert is_error(got) and error_value in got, got


def test_a_result_never_exceeds_what_an_excel_cell_holds():
    """Excel shows #VALUE! without a word for a formula result over 32,767 characters: SB_SCORE quoted a name or value
    of any length in its message (a 40,000-character cell gave a 40,040-character message, QA). Quotes are cut short,
    and anything still too long is said instead."""
    long = "很长的名称" * 8000
    for got in (U.score("园区", [[long, "是"]]), U.score("园区", [["sb_live_rooms", 10], ["sb_live_rooms", long]]),
                U.score("园区", [["sb_live_rooms", long], ["sb_live_rooms", 10]])):
        assert is_error(got) and len(got) < 1000, len(got)
    head = ["序号", "企业名称", "从业人数", "年度网络交易额（万元）", "年度网络零售额（万元）"]
    rows = [[i, f"{'甲' * 3000}{i}", 1, 1, 1] for i in range(12)]
    got = U.residents([head, *rows, *rows])
    flat = [v for row in got for v in row] if isinstance(got, list) else [got]
    assert all(len(v) <= 32767 for v in flat if isinstance(v, str)), [len(str(v)) for v in flat]


def test_residents_read_a_name_cell_holding_an_error_value_as_check_does(example_files, rules, tmp_path):
    """企业名称 cells holding #N/A (a VLOOKUP that found nothing): `shibai check` reads them as blank names — the rows
    are 数据有误 (填了数据但企业名称为空) and not counted; SB_RESIDENTS, handed "#N/A" (err_to_str), counted a company
    named “#N/A”, twice listed as 重复企业 (QA)."""
    wb = load_workbook(example_files[rules.types["park"].label])
    ws = wb["入驻企业名单"]
    for r in (7, 8):
        for c in (2, 11):      # 企业名称 and 统一社会信用代码
            ws.cell(r, c).value, ws.cell(r, c).data_type = "#N/A", "e"
    path = tmp_path / "园区.xlsx"
    wb.save(path)
    result = check_file(path)
    said = [f for f in result.findings if f.code == "XC_RESIDENT_ROW"]
    table = [[float(v) if isinstance(v, int) else v for v in line]       # as xlwings hands it with err_to_str
             for line in load_workbook(path)["入驻企业名单"].iter_rows(values_only=True)]
    got = dict(map(tuple, U.residents(table)))
    assert (got["家数"], got["从业人数合计"], got["年度网络交易额合计（万元）"], got["重复企业"], got["数据有误（处）"]) == \
        (result.residents.companies, result.residents.staff, float(result.residents.trade), "无", len(said)), got


class _Cell:
    """A cell handed to a formula as Windows Excel hands it to xlwings: a Range whose value is read through COM
    (a date cell comes as the date, whatever its number format shows) and whose NumberFormat can be asked."""

    def __init__(self, cell) -> None:
        engine = types.SimpleNamespace(impl=types.SimpleNamespace(clean_value_data=lambda data, *a: data))
        self.sheet = types.SimpleNamespace(book=types.SimpleNamespace(app=types.SimpleNamespace(engine=engine)))
        self.impl = types.SimpleNamespace(max_cells_per_read=None)
        self.shape = (1, 1)
        self.raw_value = [[cell.value]]
        self.number_format = cell.number_format


@pytest.mark.parametrize("code, typed", [('yyyy"年"m"月"', date(2023, 4, 1)), ("yyyy-mm", date(2023, 4, 1)),
                                         ('[$-804]yyyy"年"m"月";@', date(2023, 4, 1)), ("yyyy-mm-dd", date(2023, 4, 1)),
                                         ("@", "2023年4月"), ("General", "2023.04"), ('yyyy"年"m"月"', date(2023, 3, 1))])
def test_eligible_reads_a_month_shown_cell_as_the_month_check_reads(make_workbook, windows_udf_module, code, typed):
    """成立时间 “2023年4月” typed into Excel is the date 2023-04-01 shown yyyy"年"m"月": `shibai check` reads the month
    (待定: 满1年 only if founded by 15 April), SB_ELIGIBLE on the same cell said 达标 (xlwings hands it the date alone)."""
    path = make_workbook("team", example("team", sb_fill_date=date(2024, 4, 15), sb_live_sales=600))
    wb = load_workbook(path)
    cell = name_cell(wb, "sb_established")
    cell.value, cell.number_format = typed, code
    wb.save(path)
    age = next(c for c in check_file(path).eligibility.conditions if c.topic == "age")
    cell = name_cell(load_workbook(path), "sb_established")
    options = {a["name"]: a["options"] for a in windows_udf_module.SB_ELIGIBLE.__xlfunc__["args"]}
    established = xw.conversion.read(_Cell(cell), None, options["established"])
    fill_cell = types.SimpleNamespace(value=datetime(2024, 4, 15), number_format="yyyy-mm-dd")
    fill_date = xw.conversion.read(_Cell(fill_cell), None, options["fill_date"])
    got = windows_udf_module.SB_ELIGIBLE("直播团队", established, fill_date, 600)
    assert got == age.status.value, (got, age.reason)


@pytest.mark.parametrize("name", sorted(set(U.all_functions()) - {"SB_SCORE", "SB_RESIDENTS"}))
def test_a_formula_given_a_whole_column_where_one_value_is_asked_says_to_give_one_cell(name):
    """=SB_USCC(A:A) or =SB_ELIGIBLE("团队",B2:B3,…): xlwings hands the function the column as a list; SB_USCC said
    “应为18位，现为7位” (the list's text), SB_AMOUNT “金额不是数字”, SB_ELIGIBLE a silent 待定."""
    fn = U.all_functions()[name]
    good = {"SB_AMOUNT": ("3500",), "SB_USCC": ("91520102MA6DKQ8X18",), "SB_REGION": ("91520102MA6DKQ8X18",),
            "SB_MOBILE": ("13908510001",), "SB_THRESHOLD": ("园区", "交易额"),
            "SB_ELIGIBLE": ("团队", date(2020, 1, 1), date(2024, 4, 15), 600),
            "SB_UPLOAD_NAME": ("贵阳", "公司", "企业")}[name]
    assert not is_error(fn(*good))
    for i, value in enumerate(good):
        column = [[value], [value], [None]]
        got = fn(*good[:i], column, *good[i + 1:])
        assert got == U.error(U.ONE_CELL), (i, got)
    assert fn(*([[None], [None]] for _ in good)) == ""      # filled down over empty rows: blank, as before


@pytest.mark.parametrize("call", [
    lambda t: U.score(t, [["sb_has_platform", "是"]]),
    lambda t: U.score(t, [["sb_has_platform"]], [["是"]]),
])
def test_a_range_given_for_the_type_of_sb_score_says_to_give_one_cell(call):
    """=SB_SCORE(B1:B2,…) with B1 企业 and B2 园区 (the type's cell dragged over two): SB_SCORE scored one of them (the
    range's text names a park) without a word — a park's 5 where the enterprise's sheet was meant. Only its names and
    values take ranges; the type is one cell, as every other formula's arguments (QA)."""
    assert not is_error(call("园区"))
    for typed in ([["企业"], ["园区"]], [["企业", "园区"]], [["园区"], [None]]):
        assert call(typed) == U.error(U.ONE_CELL), typed


@pytest.mark.parametrize("args, says", [
    (("团队", "#N/A", date(2024, 4, 15), 600), "日期有误：成立日期填写为“#N/A”"),
    (("团队", date(2020, 1, 1), "#REF!", 600), "日期有误：填表时间填写为“#REF!”"),
    (("团队", date(2020, 1, 1), date(2024, 4, 15), "约600万"), "年度直播销售额（万元）填写为“约600万”"),
    (("企业", date(2020, 1, 1), date(2024, 4, 15), 2000, "#N/A", "平台类"), "填写为“#N/A”"),
])
def test_eligible_says_which_argument_it_cannot_read_instead_of_a_bare_pending(args, says):
    """成立日期 holding #N/A, a 交易额 typed “约600万”: SB_ELIGIBLE showed 待定 and nothing else, where `shibai check`
    says what is wrong (FIELD_DATE / FIELD_AMOUNT); then it said “错误：…” where check's verdict is 待定 and
    docs/addin.md promises 达标/不达标/待定. It now says check's 待定 with check's reason: 待定（…）(QA)."""
    got = U.eligible(*args)
    assert got.startswith("待定（") and got.endswith("）") and says in got and not is_error(got), got
    assert U.eligible("团队", None, date(2024, 4, 15), 600) == "待定"          # a blank argument: 待定, as before
    assert U.eligible("团队", date(2024, 4, 1), date(2024, 4, 15), "约600万") == "不达标"   # decided regardless


@pytest.mark.parametrize("typed, t", [("电商示范园区", "park"), ("电商产业示范园区", "park"), ("电商园区", "park"),
                                      ("电商直播基地", "base"), ("电商直播示范团队", "team"), ("电商企业", "enterprise"),
                                      ("ＰＡＲＫ", "park"), ("项目类型：示范企业", "enterprise")])
def test_a_type_written_as_the_notice_and_the_summaries_write_it_is_read(typed, t, rules):
    """The notice names the types 电商示范园区, 电商产业示范园区, 电商直播基地 …, and a summary's 项目类型 column holds what
    people typed, which refresh and merge read (summary_table.type_of); =SB_THRESHOLD(F5,"成立年限") beside such a
    row said “类型应为园区、直播基地……”."""
    label = rules.types[t].label
    assert U.threshold(typed, "成立年限") == rules.types[t].min_years
    assert U.upload_name("贵阳", "公司", typed).endswith(f"{label}申报资料.pdf")
    assert not is_error(U.eligible(typed, date(2020, 1, 1), date(2024, 4, 15), 100000, 100000, "平台类"))
    assert not is_error(U.score(typed, []))


@pytest.mark.parametrize("junk", ["其他", "直播", "示范项目", "#N/A"])
def test_a_type_that_names_none_is_still_refused(junk):
    assert U.threshold(junk, "交易额") == U.error("类型应为" + U.TYPES_HINT)


class _Pairs:
    """A two-column range "name | value" as Windows Excel hands it to xlwings: its values read through COM, and each
    cell's NumberFormat asked of rng[r, c]."""

    def __init__(self, cells) -> None:
        engine = types.SimpleNamespace(impl=types.SimpleNamespace(clean_value_data=lambda data, *a: data))
        self.sheet = types.SimpleNamespace(book=types.SimpleNamespace(app=types.SimpleNamespace(engine=engine)))
        self.impl = types.SimpleNamespace(max_cells_per_read=None)
        self.cells = cells
        self.raw_value = [[c.value for c in row] for row in cells]
        self.shape = (len(cells), 2)

    def __getitem__(self, key):
        r, c = key
        return types.SimpleNamespace(number_format=self.cells[r][c].number_format)


@pytest.mark.parametrize("typed, code", [(0.6, "General"), (0.6, "0%"), (60, "General"), (0.6, "0.0%")])
def test_score_reads_a_rate_as_its_cell_shows_it_as_check_does(make_workbook, windows_udf_module, rules, typed, code):
    """孵化成功率 0.6 in a cell the applicant left General: `shibai check` reads 0.6% (不达标 50%, 附件5 2.2.3 0 分, and a
    请核对 note), SB_SCORE on the same cell said 60% and gave the points (docs/addin.md said a formula could not see a
    format; it can, as SB_ELIGIBLE reads a date as shown). The formula now asks the rate's cell its format."""
    path = make_workbook("park", example("park"))
    wb = load_workbook(path)
    cell = name_cell(wb, "sb_incubation_rate")
    cell.value, cell.number_format = typed, code
    wb.save(path)
    expected = float(check_file(path).score.auto)
    wb = load_workbook(path)
    names = sorted(n for n in rules.names_for("park") if n in wb.defined_names)
    sheet = wb.create_sheet("公式")
    for r, n in enumerate(names, 1):
        source = name_cell(wb, n)
        sheet.cell(r, 1, n)
        sheet.cell(r, 2, float(source.value) if isinstance(source.value, int) else source.value).number_format = \
            source.number_format
    options = {a["name"]: a["options"] for a in windows_udf_module.SB_SCORE.__xlfunc__["args"]}
    pairs = xw.conversion.read(_Pairs(list(sheet.iter_rows(max_col=2))), None, options["names"])
    assert windows_udf_module.SB_SCORE("园区", pairs) == expected


def test_eligible_with_a_founding_date_after_the_fill_date_is_undecided_as_check():
    """成立日期 2023-08-01 after 填表时间 2023-05-10: check says 待定 (one of the two is wrong, decided by the end of 一、申报时间
    only when too young even then) and says both dates; the formula answered 错误 quoting only the 填表时间 outside
    一、申报时间, a date it had read. Both dates are read: 待定, as check."""
    assert U.eligible("企业", date(2023, 8, 1), date(2023, 5, 10), 1500, 150, "平台类") == "待定"
