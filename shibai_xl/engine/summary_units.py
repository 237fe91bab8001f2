"""The units of a summary's amount columns (附件3, 附件4): what a title, the row under it or a 金额单位 line above the
table says, and a figure of such a column in 万元 (the unit 附件4 asks for).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .fmt import fmt
from .parse.format_units import column_note, shown_reading
from .parse.number import parse_amount
from .parse.text import normalize, simplified_words
from .summary_amounts import amount_in_wan, bound_in_wan, no_figure
from .summary_table import plain

_WS = re.compile(r"\s+")


def amount_unit(header: str) -> str:
    """The unit an amount column (附件3, 附件4)'s title gives: 万元 (the form's), else 亿元 or 元 as typed.

    >>> amount_unit("年度网络交易额（万元）"), amount_unit("年度网络零售额(元)"), amount_unit("交易额 亿元")
    ('万元', '元', '亿元')
    """
    text = simplified_words(normalize(header))   # （萬元） is 万元, not 元
    if "万元" in text or "元" not in text:
        return "万元"
    return "亿元" if "亿元" in text else "元"


def in_unit(value: Any, unit: str) -> Any:
    """A figure of a column in ``unit``, written so that the amount parser reads it in that unit (12345 → "12345元");
    a figure that names its own unit ("1.2万元", "0.35億" in traditional characters) is left as typed."""
    if value is None or value == "" or isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return f"{value!r}{unit}"
    if isinstance(value, str) and value.strip() and not any(u in value for u in ("元", "万", "亿", "圓", "萬", "億")):
        return f"{value.strip()}{unit}"
    return value


_UNIT_LINE = re.compile(r"单位[:：]?(亿元|万元|元)")


def amount_units(rows: Sequence[Sequence[Any]], header: int, cols: dict[int, str]) -> dict[int, tuple[str, str]]:
    """0-based amount column of a 附件4 → (its title as typed, its unit) where the unit is not the form's 万元: as the
    title gives it ("年度交易额（元）") or the cell under it on a header's second row ("亿元" under "年度交易额"), else as
    a line above the table does ("金额单位：元").

    >>> amount_units([["金额单位：元"], ["企业名称", "年度交易额", "年度网络零售额（万元）"]], 1, {1: "年度交易额（万元）",
    ...               2: "年度网络零售额（万元）"})
    {1: ('年度交易额', '元')}
    """
    above, titled = _units_said(rows, header, cols)
    out = {}
    for c, (typed, unit) in titled.items():
        unit = unit or above or "万元"
        if unit != "万元":
            out[c] = (typed or cols[c], unit)
    return out


def unit_conflicts(rows: Sequence[Sequence[Any]], header: int, cols: dict[int, str]) -> list[str]:
    """What to tell a person when a 金额单位 line above the table and an amount column's own title disagree: the
    title decides (it stands on the column), but a clerk who typed 元 under the official （万元） title would
    otherwise be counted ten thousand times over without a word.

    >>> unit_conflicts([["金额单位：元"], ["企业名称", "年度交易额（万元）"]], 1, {1: "年度交易额（万元）"})
    ['表格上方写“金额单位：元”，而“年度交易额（万元）”一栏的表头是万元：已按表头的万元计入，请核对金额的单位']
    """
    above, titled = _units_said(rows, header, cols)
    return [f"表格上方写“金额单位：{above}”，而“{typed}”一栏的表头是{unit}：已按表头的{unit}计入，请核对金额的单位"
            for typed, unit in titled.values() if above and unit and unit != above]


def _units_said(rows: Sequence[Sequence[Any]], header: int, cols: dict[int, str]
                ) -> tuple[str | None, dict[int, tuple[str, str | None]]]:
    """(the unit a 金额单位 line above the table gives, or None; amount column → (its title as typed, the unit the
    title itself gives, or None))."""
    above = unit_said_above(rows[:header])
    titles = rows[header] if header < len(rows) else ()
    below = rows[header + 1] if header + 1 < len(rows) else ()
    out = {}
    for c, name in cols.items():
        if name in ("年度交易额（万元）", "年度网络零售额（万元）"):
            typed = titles[c] if c < len(titles) else None
            title = simplified_words(normalize(typed))
            unit = amount_unit(title) if "元" in title else unit_cell(below[c] if c < len(below) else None)
            out[c] = (_WS.sub("", str(typed or "")) + (f"（{unit}）" if unit and "元" not in title else ""), unit)
    return above, out


_UNIT_CELL = re.compile(r"\(?(?:金额)?(?:单位:?)?(亿元|万元|元)\)?")


def unit_cell(value: Any) -> str | None:
    """The unit a cell of a header's second row gives the column it stands under, holding nothing else ("亿元" under
    a 年度交易额 typed without one, as a header over two rows puts it); None for anything else (a figure).

    >>> [unit_cell(v) for v in ("亿元", "（万元）", "单位：元", " 元 ", "3.5亿元", 35000, None)]
    ['亿元', '万元', '元', '元', None, None, None]
    """
    said = _UNIT_CELL.fullmatch(simplified_words(plain(value))) if isinstance(value, str) else None
    return said.group(1) if said else None


def unit_said_above(rows: Sequence[Sequence[Any]]) -> str | None:
    """The unit a "金额单位：元" line among ``rows`` (those above a table) gives, or None.

    >>> unit_said_above([["附件3"], ["金额单位：元"]]), unit_said_above([["贵阳市汇总表"]])
    ('元', None)
    """
    said = _UNIT_LINE.search(simplified_words("".join(normalize(v).replace(" ", "") for r in rows for v in r
                                                      if isinstance(v, str))))
    return said.group(1) if said else None


def unit_doubt(value: Any, unit: str) -> str | None:
    """What to ask of a bare figure in a column titled in ``unit`` that looks typed in another (1200 under
    “年度交易额（亿元）”: 万元 typed there, 1200亿元 counted), as the forms' 亿元 fields ask it; None for the rest.

    >>> print(*unit_doubt(1200, "亿元").split("；"), sep="\\n")
    该栏单位是亿元，1200亿元即12000000万元，是否误按万元填写？确是这个数的，请连同单位填写（“1200亿元”）
    是按万元填写的，应为0.12亿元，请改填0.12
    >>> unit_doubt(3.5, "亿元"), unit_doubt("1200万元", "亿元")
    (None, None)
    """
    p = parse_amount(value, unit) if value not in (None, "") else None
    return p.note if p is not None and p.ok and p.doubt else None


def in_wan(value: Any, unit: str) -> Any:
    """An amount typed in ``unit`` as a number in 万元 (26000000 in 元 → 2600); what cannot be read is left as typed.

    >>> in_wan(26000000, "元"), in_wan("1.5万元", "元"), in_wan(0.09, "亿元"), in_wan("约一千万", "元")
    (2600, 1.5, 900, '约一千万')

    A lower bound typed bare in a column of another unit is said in 万元, as every total reads a typed bound:

    >>> in_wan("30000000以上", "元"), in_wan("3000万以上", "元"), in_wan("3以上", "万元")
    ('3000万元以上', '3000万以上', '3以上')
    """
    if no_figure(value):
        return str(value)
    wan = amount_in_wan(in_unit(value, unit))
    if wan is None:
        low = bound_in_wan(value, unit) if unit != "万元" and in_unit(value, unit) != value else None
        return value if low is None else f"{fmt(low)}万元以上"
    return int(wan) if wan.is_integer() else wan


def read_as_shown(rows: list[list[Any]], painted: dict[tuple[int, int], tuple[str, str]], cols: dict[int, str],
                  units: dict[int, tuple[str, str]], sheet: str = "") -> tuple[dict[int, list[tuple[str, str]]], list[str]]:
    """A summary's amount cells whose number format shows a unit another than the column's (0.5 under “年度交易额
    （万元）” painted 0.00"亿元" shows 0.50亿元): each put in ``rows`` as the sheet shows it ("0.5亿元", which every
    total reads in 万元), as an application's cell is read (:func:`.parse.format_units.shown_reading`, the one rule);
    a unit the figure cannot be turned into (万美元 in a 万元 column) or a format scaling what it shows left as typed, a
    doubt. ``painted``: (row, column) 0-based → (cell, format code) of the cells holding a number whose format shows
    a unit; ``units``: :func:`amount_units`. Returns (1-based row → [(column, what to say on its row)], the report's
    lines: one for the cells of a column painted alike, ``sheet`` before it where the projects are on several).

    >>> grid = [["企业名称", "年度交易额（万元）"], ["甲", 0.5], ["乙", 3]]
    >>> read_as_shown(grid, {(1, 1): ("B2", '0.00"亿元"')}, {0: "企业名称", 1: "年度交易额（万元）"}, {})[1]
    ['“年度交易额（万元）”一栏第2行的数字格式“0.00"亿元"”显示亿元，与此栏的单位万元不同：已按表上显示的亿元读取，换算为万元计入合计；请市（州）按万元填写数字，并把单元格格式改为“常规”或“数值”']
    >>> grid[1][1]
    '0.5亿元'
    """
    said: dict[int, list[tuple[str, str]]] = {}
    groups: dict[tuple[int, str, bool], list[int]] = {}
    for (r, c), (cell, code) in sorted(painted.items()):
        unit = units[c][1] if c in units else "万元"
        value, note, doubt = shown_reading(rows[r][c], code, unit, cell, of="汇总表此栏")
        if note is None:
            continue
        rows[r][c] = value
        said.setdefault(r + 1, []).append((cols[c], note))
        groups.setdefault((c, code, doubt), []).append(r + 1)
    lines = [sheet + column_note(units[c][0] if c in units else cols[c], _rows_where(at), code,
                                 units[c][1] if c in units else "万元", doubt, "市（州）")
             for (c, code, doubt), at in groups.items()]
    return said, lines


def _rows_where(rows: Sequence[int]) -> str:
    """Where the cells of a column stand, for a message: their rows (1-based), the first ten and how many in all.

    >>> _rows_where([4, 7])
    '第4、7行'
    """
    return f"第{'、'.join(map(str, rows[:10]))}行{f'等 {len(rows)} 处' if len(rows) > 10 else ''}"


def shows_other_unit(code: str) -> bool:
    """Whether a number format makes an amount written in 万元 show another unit (what :func:`written_painted` says).

    >>> shows_other_unit('0.00"亿元"'), shows_other_unit('#,##0"万元"')
    (True, False)
    """
    return shown_reading(0, code, "万元", None)[1] is not None


def written_painted(title: str, rows: Sequence[int], code: str) -> str | None:
    """What to say of the amounts a refresh wrote in 万元 (an application's row, ``rows`` 1-based) whose cells a person
    painted with a format showing another unit (0.00"亿元": 1234.5 showed 1234.50亿元 on the printed summary), made
    plain; None for a format showing 万元 or none.

    >>> written_painted("年度交易额（万元）", [4], '0.00"亿元"').split("：")[0]
    '“年度交易额（万元）”一栏第4行的数字格式“0.00"亿元"”显示亿元，与此栏的单位万元不同'
    >>> written_painted("年度交易额（万元）", [4], '#,##0"万元"')
    """
    if not shows_other_unit(code):
        return None
    return column_note(title, _rows_where(rows), code, "万元", False).split("：")[0] + (
        "：这些金额是刷新按申报表以万元写入的，单元格格式会把它们显示成另一单位，已改为常规格式")
