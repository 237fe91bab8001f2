"""A figure whose cell's number format shows a unit other than the form's: the number in the unit the cell shows.

Clerks paint units into number formats instead of typing them: 80 in the 跨境电商销售额（美元） cell painted 0"万美元"
shows 80万美元, 0.5 in a 万元 cell painted 0.00"亿元" shows 0.50亿元, 35000 in the park's 亿元 cell painted #,##0"万元"
shows 35,000万元. Read as the bare number in the form's unit (CONTRACT §2) they were 80美元, 0.5万元 and 35000亿元 (a
doubt) — not what the applicant sees. The figure is read as the text the cell shows ("80万美元", as if typed with its
unit, engine/parse/number.py), with a warning naming the cell and the format; a format showing the form's own unit
("万元" in a 万元 cell) says nothing. A unit the number cannot be turned into (美元 shown in a 万元 cell) or a format
that scales what it shows (0,"千", 0!.0000"万": the cell holds another number than the one shown) is read as the number
typed, as a doubt (待定 until a person looks), as a figure typed in a doubtful unit is.

>>> unit_shown('0"万美元"'), unit_shown('#,##0.00"亿元"'), unit_shown('0"元";-0"元"'), unit_shown('0.00'), unit_shown(None)
('万美元', '亿元', '元', None, None)
>>> unit_shown('[$$-409]#,##0.00'), unit_shown('"USD"#,##0'), unit_shown('$#,##0'), unit_shown('0"万USD"')
('美元', '美元', '美元', '万美元')
>>> unit_shown('[$¥-804]#,##0.00'), unit_shown('[$-804]yyyy"年"m"月"'), unit_shown('"$"0"万"'), unit_shown('[Red]0')
(None, None, None, None)
>>> shown_reading(80, '0"万美元"', "美元", "D30")[0]
'80万美元'
>>> shown_reading(800, '0"万元"', "万元", "C15"), shown_reading(800, '0"万"', "万元", "C15")
((800, None, False), (800, None, False))
>>> shown_reading(8000, '0,"万元"', "万元", "C15")[2], shown_reading(5, '0"美元"', "万元", "C15")[2]
(True, True)
"""
from __future__ import annotations

import re
from typing import Any

from ..fmt import typed
from .dates import _first_section

_LITERAL = re.compile(r'"([^"]*)"|[\\!](.)')
_OTHER_PARTS = re.compile(r'\[[^\]]*\]|_.|\*.')
_UNITS = ("元", "万元", "亿元", "美元", "万美元", "亿美元", "万", "亿")
# the dollar as a format shows it: Excel's currency tag ([$$-409], [$USD]), a bare or quoted $, "USD", "US$"
_TAG = re.compile(r"\[\$([^\]-]*)(?:-[^\]]*)?\]")
_DOLLAR = re.compile(r"^(?:US\$|USD|\$)$|^(?:US\$|USD|\$)(?=[万亿])|(?<=[万亿])(?:US\$|USD|\$)$", re.I)
_SCALED = re.compile(r"[0#?],+(?![0#?,])")      # a comma after the last digit: thousands divided away


def unit_shown(code: Any) -> str | None:
    """The amount unit the first section of number format ``code`` shows after the number ("万美元"), or None."""
    if not isinstance(code, str):
        return None
    first = _first_section(code)
    section = _OTHER_PARTS.sub("", first)
    words = "".join(a or b for a, b in _LITERAL.findall(section)) + "".join(_TAG.findall(first))
    if "$" in code:   # a $ typed bare into the format is shown as it is (#,##0$, $#,##0)
        words += "$" * _LITERAL.sub("", section).count("$")
    words = _DOLLAR.sub("美元", re.sub(r"[\s()（）]", "", words))
    return words if words in _UNITS else None


def shown_unit(code: Any, printed: str) -> str | None:
    """The unit number format ``code`` shows in a cell the form prints ``printed`` for, a bare 万 or 亿 in that cell's
    currency ("万" in a 万元 cell is 万元, in a 美元 one 万美元); None for a format showing none.

    >>> shown_unit('0"万"', "美元"), shown_unit('0.00"亿元"', "万元"), shown_unit("0.00", "万元")
    ('万美元', '亿元', None)
    """
    unit = unit_shown(code)
    if unit in ("万", "亿"):
        unit += "美元" if printed == "美元" else "元"
    return unit


def shown_reading(raw: Any, code: Any, printed: str, cell: str | None, of: str = "申报表此栏"
                  ) -> tuple[Any, str | None, bool]:
    """(the value to read, what to say of the format, a doubt) of a bare number ``raw`` in a cell whose number format
    ``code`` shows a unit; the form prints ``printed`` (元/万元/亿元 or 美元) there. (raw, None, False) for a format
    showing no unit or the form's own. ``of``: what gives ``printed`` (a summary's column: "汇总表此栏").

    >>> shown_reading(0.5, '0.00"亿元"', "万元", "K3", of="汇总表此栏")[1].split("，")[0]
    '单元格K3的数字格式“0.00"亿元"”显示的单位是亿元（汇总表此栏的单位是万元）'
    """
    unit = shown_unit(code, printed)
    if unit is None or not isinstance(raw, (int, float)) or isinstance(raw, bool):
        return raw, None, False
    currency = "美元" if printed == "美元" else "元"
    section = _LITERAL.sub("", _OTHER_PARTS.sub("", _first_section(code)))
    scaled = bool(_SCALED.search(section) or re.search(r'[\\!][.0-9]', code))
    if unit == printed and not scaled:
        return raw, None, False
    where = f"单元格{cell}" if cell else "单元格"
    said = f"{where}的数字格式“{code}”显示的单位是{unit}（{of}的单位是{printed}）"
    if ("美元" in unit) != (currency == "美元") or scaled:
        return raw, (f"{said}，表上显示的数与单元格里的数字{typed(raw)}不是同一读法，按{typed(raw)}{printed}读取，"
                     f"可能有误；请按{printed}填写数字，并把单元格格式改为“常规”或“数值”"), True
    return f"{typed(raw)}{unit}", (f"{said}，已按表上显示的{typed(raw)}{unit}读取；"
                                   f"请按{printed}填写数字，并把单元格格式改为“常规”或“数值”"), False


def column_note(title: str, where: str, code: str, printed: str, doubt: bool, who: str = "") -> str:
    """What to say once of the cells (``where``: "第3、6行", "I5:I7") of a table's column ``title`` in unit ``printed``
    (a city's 附件4, a park's 附件3) painted with number format ``code``: read as shown, or (``doubt``) as typed.

    >>> column_note("年度交易额（万元）", "第3行", '0.00"亿元"', "万元", False).split("：")[0]
    '“年度交易额（万元）”一栏第3行的数字格式“0.00"亿元"”显示亿元，与此栏的单位万元不同'
    """
    shown = shown_unit(code, printed)
    head = f"“{title}”一栏{where}的数字格式“{code}”显示{shown}，与此栏的单位{printed}不同："
    if doubt:
        return head + (f"表上显示的数与单元格里的数字不是同一读法，已按单元格里的数字（{printed}）计入合计，可能有误，"
                       f"请{who}核实改正")
    return head + (f"已按表上显示的{shown}读取，换算为万元计入合计；请{who}按{printed}填写数字，"
                   "并把单元格格式改为“常规”或“数值”")
