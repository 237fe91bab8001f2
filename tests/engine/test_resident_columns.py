"""The resident list read column by column (issue #14, first refresh) gives what the row-by-row tally gives.

``residents.totals`` takes the column way when nothing in the list needs a message and the row-by-row way
(``_Tally``) otherwise. Both must give the same totals, keys and findings for any list a person can type:
generated lists of names (full-width, spaces, 有限责任公司, Σ, duplicates), codes (blank, lower case, full
width, twice), head counts and amounts (whole, 1–7 places, 5e-05, 1e16, text, negative, NaN, blank) and
备注, each given as the reader gives it (a ResidentTable, "" where blank) and as the UDFs give it (rows).
"""
from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shibai_xl.engine.application import RESIDENT_USCC, ResidentRow, ResidentTable
from shibai_xl.engine.residents import NAME, NOTE, RETAIL, STAFF, TRADE, _column_totals, _Tally, totals
from shibai_xl.examples import make_uscc
from shibai_xl.rules import load

KEYWORDS = load().residents.note_keywords
HEADERS = ("序号", NAME, RESIDENT_USCC, STAFF, TRADE, RETAIL, NOTE)

names = st.sampled_from(["贵州黔货电子商务有限责任公司", "贵州黔货电子商务有限公司", "ＡＢＣ（贵阳）商贸有限公司",
                         "贵阳 云端 科技", "遵义市ΣΑΣ电商", "遵义市σας电商", "毕节山货。", "毕节山货", "合计",
                         "设计工作室", "六盘水\t凉都", "  铜仁梵净  ", "", "   ", "\u3000安顺",
                         "/", "—", "无"]) | \
    st.text(alphabet="贵州黔东南电商有限公司ABCabc 0123", min_size=1, max_size=12)
codes = st.sampled_from(["", "91520102MA6H123456", "91520102ma6h123456", " 91520102MA6H12345X ",
                         "９１５２０１０２ＭＡ６Ｈ１２３４５Ｙ", "12345", "无", "/", "91520102MA6H123456", "\t91520102MA6H123457",
                         "91520102MA6H12 3458", "9152\n0102MA6H123459", "91520102MA6H12345Z\r", "\x1c",
                         "9152O1O2MA6DKQ8X18", "91520102MA6DKQ8X18", "915201-02MA6DKQ8X18",
                         "'91520102MA6DKQ8X18", "9152o1o2ma6h123456", "-"]) | \
    st.integers(0, 10**18) | st.none()
staff = st.none() | st.just("") | st.integers(-3, 500) | st.floats(-5, 500) | \
    st.sampled_from(["12人", "十二", "abc", True, float("nan"), float("inf"), 7.5])
amount = st.none() | st.just("") | st.sampled_from(["/", "—"]) | st.integers(-10, 10**7) | \
    st.decimals(0, 10**6, places=2, allow_nan=False).map(float) | \
    st.floats(0, 1e6).map(lambda v: round(v, 1)) | st.floats(0, 1e6) | \
    st.sampled_from([0.0, -0.0, 5e-05, 0.0001, 1e16, 3.1234567, 123.456789, 2.5, "1,200.5", "三千", -1.5,
                     float("inf"), float("nan"), 999999999.5, 1e9])
notes = st.none() | st.just("") | st.sampled_from(["国家级电商示范企业", "规上统计调查企业", "上市公司", "品牌授权",
                                                  "示范；上市", "  ", "其他"])
row = st.tuples(names, codes, staff, amount, amount, notes)


def _both(lines: list[tuple]) -> tuple[ResidentTable, list[ResidentRow]]:
    """The same list as the reader gives it ("" where blank) and as rows (None where blank)."""
    raw = [(float(i + 1), *(("" if v is None else v) for v in line)) for i, line in enumerate(lines)]
    letters = {h: "ABCDEFG"[i] for i, h in enumerate(HEADERS)}
    table = ResidentTable({h: tuple(r[i] for r in raw) for i, h in enumerate(HEADERS)}, [i + 4 for i in range(len(raw))],
                          "附件3", letters)
    rows = [ResidentRow({h: (None if v == "" else v) for h, v in zip(HEADERS, r)}, "附件3", i + 4, letters)
            for i, r in enumerate(raw)]
    return table, rows


def _slow(rows):
    tally = _Tally(KEYWORDS)
    for r in rows:
        tally.add(r)
    return tally.finish(rows)


def _same(a, b) -> None:
    (ta, fa), (tb, fb) = a, b
    assert ta == tb
    assert (str(ta.trade), str(ta.retail)) == (str(tb.trade), str(tb.retail))   # the same digits, not only value
    assert [(f.code, f.message, f.cell) for f in fa] == [(f.code, f.message, f.cell) for f in fb]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(row, max_size=12))
def test_any_list_gives_the_same_totals_both_ways(lines):
    table, rows = _both(lines)
    slow = _slow(rows)
    _same(totals(table), slow)
    _same(totals(rows), slow)
    assert table == rows


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 3)), min_size=1, max_size=30))
def test_plain_lists_take_the_column_way_and_sum_exactly(cells):
    """Distinct companies with plain amounts: the column way answers (no fallback), to the last digit."""
    # (codes with letters: an all-digit one ending in 000, 915201020000000000, is a code Excel rounded, said; valid
    # codes, check digit and all: a wrong one is said)
    lines = [(f"企业{i}有限公司", make_uscc("520102", f"MA{i:07d}"), float(i % 50), units / 10**p, units // 2 / 10**p,
              "示范") for i, (units, p) in enumerate(cells)]
    table, rows = _both(lines)
    fast = _column_totals(table, KEYWORDS)
    assert fast is not None
    slow, findings = _slow(rows)
    assert findings == [] and fast == slow and str(fast.trade) == str(slow.trade)
    assert fast.trade == sum((Decimal(repr(line[3])) for line in lines), Decimal(0))


def test_the_reader_table_materialises_rows_with_cells():
    table, rows = _both([("贵州黔货电子商务有限公司", "", 3.0, 12.5, "", "示范")])
    assert table[0].cell(NAME) == "B4" and table[0].get(RETAIL) is None and table[0].get(STAFF) == 3.0
    assert list(table) == rows and len(table) == 1


plain_amount = st.none() | st.just("") | st.integers(0, 10**7) | st.sampled_from([0.0, -0.0, 0.0001, 2.5, 999999999.5]) | \
    st.decimals(0, 10**6, places=3, allow_nan=False).map(float) | \
    st.integers(100, 10**8).map(lambda v: v / 10**6)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(names, st.booleans(), staff.filter(lambda v: v in (None, "") or (
    type(v) in (int, float) and not isinstance(v, bool) and v == v and 0 <= v < float("inf") and float(v).is_integer())),
    plain_amount, plain_amount, notes), min_size=3, max_size=40))
def test_long_lists_of_distinct_companies_take_the_column_way_when_they_can(lines):
    """Distinct companies (each name made unique, a code or none), any plain numbers: when 零售额 stays within
    交易额 the column way answers, and always as the row-by-row way does."""
    lines = [(f"{name.strip() or '企业'}{i}号", f"9152010200000{i:05d}" if coded else "", s, a, b, note)
             for i, (name, coded, s, a, b, note) in enumerate(lines)]
    table, rows = _both(lines)
    slow = _slow(rows)
    _same(totals(table), slow)
    within = all(not (type(a) in (int, float) and type(b) in (int, float)) or b <= a for _, _, _, a, b, _ in lines)
    plain_names = all(" " not in n and "\t" not in n and "\u3000" not in n and "ＡＢＣ" not in n and n.isprintable()
                      for n, *_ in lines)
    if within and plain_names and not slow[1]:
        assert _column_totals(table, KEYWORDS) is not None
