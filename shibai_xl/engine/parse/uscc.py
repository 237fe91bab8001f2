"""统一社会信用代码 (GB 32100-2015) and the region it was registered in.

The check digit is GB 32100-2015 §5.2 (:func:`check_digit`). It is computed here rather than with
python-stdnum's ``stdnum.cn.uscc``: that module's format check rejects the registering-authority letters
GB 32100 allows as first character (A 中央军委改革和编制办公室, N 农业, Y 其他), and importing it loads
``pydoc`` and ``ssl`` (about 25 ms of CPU, a tenth of the start-up budget of a refresh). The test suite holds
:func:`check_digit` equal to stdnum's on generated codes (``tests/engine/test_uscc_check_digit.py``).
Positions 3–8 are the registering authority's administrative division code;
Guizhou's start with 52, including codes that no longer exist.

>>> parse("91520102MA6DKQ8X18").value, parse("91 5201 02-MA6DKQ8X18").value
('91520102MA6DKQ8X18', '91520102MA6DKQ8X18')
>>> parse("91520102MA6DKQ8X1A").error
'校验位错误（最后一位应为“8”），请核对'
>>> parse("N2520100MA6DKQ8X1T").value
'N2520100MA6DKQ8X1T'
>>> region("91520102MA6DKQ8X18")
('520102', '南明区', '贵阳市')
>>> region("91522401MA6DKQ8X12")[2], region("91520900MA6DKQ8X1L")[2], region("91110000600037341L")
('毕节市', '贵安新区', ('110000', '', ''))
>>> is_guizhou("91110000600037341L"), is_guizhou("91520221MA6DKQ8X1X")
(False, True)
>>> known_guizhou("915201020000000000"), known_guizhou("915201000000000000"), known_guizhou("915201900000000000")
(True, True, True)
>>> known_guizhou("915299990000000000"), known_guizhou("915201500000000000")
(False, False)
>>> entity("92520102MA6DKQ8X1A"), entity("N2520100MA6DKQ8X1T"), entity("X9520100")
('个体工商户', '村级集体经济组织', '')
"""
from __future__ import annotations

import csv
import re
from array import array
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache
from typing import Any

from ...rules.choice import HERE as RULES_FOLDER
from ...rules.loader import parse_toml
from .result import BLANK, Parsed, fail, is_blank
from .text import ExcelError, error_value_said, normalize, simplified_place

_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_FIRST = "123456789ANY"
_FIRST_SET = frozenset(_FIRST)
_WEIGHTS = tuple(3 ** i % 31 for i in range(17))   # GB 32100-2015 §5.2: W_i = 3^(i-1) mod 31
_VALUE = {c: i for i, c in enumerate(_ALPHABET)}


def check_digit(body: str) -> str:
    """The 18th character of a code whose first 17 are ``body`` (GB 32100-2015 §5.2:
    C18 = 31 − (Σ C_i × W_i mod 31), 31 written as 0).

    >>> check_digit("91520102MA6DKQ8X1"), check_digit("91110000600037341")
    ('8', 'L')
    """
    return _ALPHABET[-sum(_VALUE[c] * w for c, w in zip(body, _WEIGHTS)) % 31]


# position j of a code → its character's weighted value mod 31 (the check digit's own weight is 1), as a character:
# a column of codes translated so and read as 16-bit lanes of one integer adds up every code's sum at once
_WEIGHED = tuple(str.maketrans({c: chr(w * v % 31) for c, v in _VALUE.items()}) for w in (*_WEIGHTS, 1))
_NOT_ALPHABET = str.maketrans(dict.fromkeys(_ALPHABET))   # deletes the alphabet: what is left is no code's
_CHECKED = frozenset(range(0, 18 * 31, 31))                # a valid code's weighted sum, check digit included


def all_valid(codes: Sequence[str]) -> bool:
    """Whether every one of ``codes`` (compact, upper case: as :func:`key` gives them) is a valid code, as
    :func:`parse` says — for the 300 codes of a park's list in one go, a tenth of the time parsing each takes.

    >>> all_valid(["91520102MA6DKQ8X18", "N2520100MA6DKQ8X1T"]), all_valid(["91520102MA6DKQ8X19"])
    (True, False)
    >>> all_valid(["520102000123456"]), all_valid(["01520102MA6DKQ8X18"]), all_valid([])
    (False, False, True)
    """
    n = len(codes)
    joined = "".join(codes)
    if not n:
        return True
    if len(joined) != 18 * n or joined.translate(_NOT_ALPHABET):
        return False
    if not set(joined[0::18]) <= _FIRST_SET or not "".join(joined[j::18] for j in range(2, 8)).isdigit():
        return False
    total = sum(int.from_bytes(joined[j::18].translate(_WEIGHED[j]).encode("utf-16-le"), "little") for j in range(18))
    return set(array("H", total.to_bytes(2 * n, "little"))) <= _CHECKED


def compact(raw: Any) -> str:
    """The code without spaces and dashes, upper case, and without the apostrophe typed before a long number (a
    text-formatted cell, as the form's is, keeps it as part of the value)."""
    return re.sub(r"[\s\-]", "", normalize(raw)).lstrip(_QUOTES).upper()


_QUOTES = "'‘’`"
# a note in brackets typed beside a code (（已变更）, （原代码…）, 【新】), or an opening bracket to the end of the cell
_NOTE = re.compile(r"[（(【\[［〔][^（()）【】\[\]［］〔〕]*(?:[）)】\]］〕]|$)")
_LABEL = re.compile(r"^[\u4e00-\u9fff（）()]{1,12}\s*[:：]\s*")   # "代码：", "信用代码:" typed before the code


def meant(raw: Any) -> str:
    """The valid code an invalid one stands for (the letter O or I typed for the digit 0 or 1, which FIELD_USCC
    says), "" when there is none: which company a form typed so is, to find it in another application.

    >>> meant("9152O1O2MA6DKQ8X18"), meant("91520102MA6DKQ8X18"), meant("9152O1O2MA6DKQ8X19")
    ('91520102MA6DKQ8X18', '', '')
    """
    code = key(raw)
    return code if code != compact(raw) else ""


def _bare(raw: Any) -> str:
    """The code of ``raw`` read past a label typed before it and a note in brackets beside it."""
    return compact(_NOTE.sub("", _LABEL.sub("", normalize(raw))).rstrip("。. "))   # "…X18。": a sentence's end


def key(raw: Any) -> str:
    """The code two spellings of it share (a resident's in 附件3, kept as typed when it is no valid code — the list
    says so — and matched to another list's by the company's name then): :func:`compact`, with
    the letters O and I read as the digits 0 and 1 when that makes a valid code (:func:`_lookalike_digits`).

    >>> key("9152o1o2-ma6dkq8x18"), key("'91520102MA6DKQ8XI8"), key("9152O1O2MA6DKQ8X19")
    ('91520102MA6DKQ8X18', '91520102MA6DKQ8X18', '9152O1O2MA6DKQ8X19')

    The one reading of a code wherever rows are matched by it (a 附件3 list, the merge of city summaries, review
    books): full-width digits, lower case, a label typed before it ("代码：", "统一社会信用代码:") too.

    >>> key("９１５２０１０２ＭＡ６ＤＫＱ８Ｘ１８ "), key("统一社会信用代码：91520102MA6DKQ8X18"), key(None)
    ('91520102MA6DKQ8X18', '91520102MA6DKQ8X18', '')

    No digit in it, no code ("" — “无”, “/”, “暂无”, “待补”, “个体户”, “N/A”): rows typed so are no one company.

    >>> [key(v) for v in ("无", "/", "暂无", "待补", "N/A", "—")]
    ['', '', '', '', '', '']

    A note in brackets beside the code ("（已变更）", "（原代码…）", an unclosed "(备注") is no part of it:

    >>> key("91520102MA6DKQ8X18（已变更）"), key("91520102MA6DKQ8X18 (原代码：52520102MA6DKQ8X1X)")
    ('91520102MA6DKQ8X18', '91520102MA6DKQ8X18')
    >>> key("【新】91520102MA6DKQ8X18")
    '91520102MA6DKQ8X18'
    >>> key("91520102MA6DKQ8X18（原代码"), key("（暂无）")
    ('91520102MA6DKQ8X18', '')

    Nor is a code Excel stored as a number (its last digits lost): two companies' codes may round alike.

    >>> key(915201001234567891), key(9.15201001234568e17), key("9.15201E+17")
    ('', '', '')
    """
    return _key_of_text(raw) if type(raw) is str else _key(raw)


@lru_cache(maxsize=8192)   # a summary's rows are matched by their codes several times at each refresh
def _key_of_text(raw: str) -> str:
    return _key(raw)


def _key(raw: Any) -> str:
    code = _bare(raw)
    if not any(c.isdigit() for c in code) or lost_digits(raw):
        return ""       # a code Excel made a number of: its last digits are gone, two companies' may read alike
    if len(code) == 18 and ("O" in code or "I" in code):
        fixed = "".join(_LOOKALIKES.get(c, c) for c in code)
        if parse(fixed).ok:
            return fixed
    return code


# an 18-character run of letters and digits standing alone in a 企业名称 (a code pasted beside the name)
_IN_NAME = re.compile(r"(?<![0-9A-Za-z])[0-9A-Za-z]{18}(?![0-9A-Za-z])")
# what is typed between a name and its code: a bracket, separators, a label ("统一社会信用代码：")
_SEPARATORS = " \t\r\n,，、;；:：/／-—"
_OPENING, _CLOSING = "（(【[［〔", "）)】]］〕"
_CODE_LABELS = ("统一社会信用代码", "社会信用代码", "信用代码", "代码")


def named_code(name: str) -> tuple[str, str]:
    """A 企业名称 (normalised) carrying the company's 统一社会信用代码, as lists copied from 企查查/天眼查 or a message do
    ("贵州甲公司（91520102…）", "贵州甲公司 91520102…", "91520102… 贵州甲公司"): (the name, the code). A run that is no
    valid code (a slip, a name's own letters) is no code: (``name``, "").

    >>> named_code("贵州甲公司（91520102MA6DKQ8X18）"), named_code("贵州甲公司")
    (('贵州甲公司', '91520102MA6DKQ8X18'), ('贵州甲公司', ''))
    """
    m = _IN_NAME.search(name) if len(name) >= 19 else None
    if m is None or not (p := parse(m.group())).ok:
        return name, ""
    before = name[:m.start()].rstrip(_SEPARATORS)
    for label in _CODE_LABELS:
        if before.endswith(label):
            before = before.removesuffix(label).rstrip(_SEPARATORS)
            break
    after = name[m.end():].lstrip(_SEPARATORS)
    if before.endswith(tuple(_OPENING)) and after.startswith(tuple(_CLOSING)):   # （code）: the brackets go with it
        before, after = before[:-1], after[1:]
    rest = (before.rstrip(_SEPARATORS) + after).strip(_SEPARATORS)
    if not any("\u4e00" <= c <= "\u9fff" for c in rest):
        return name, ""
    return rest, p.value


def code_note(raw: Any) -> str:
    """The notes in brackets typed beside a code, which :func:`key` leaves out ("" when none).

    >>> code_note("91520102MA6DKQ8X18（已变更）"), code_note("91520102MA6DKQ8X18"), code_note(None)
    ('（已变更）', '', '')
    """
    return "".join(_NOTE.findall(str(raw).strip())) if isinstance(raw, str) else ""


# the 15-digit 营业执照注册号 of before 三证合一 (2015), its first six digits the registering authority's division:
# what an older company copies from an old licence or an old form
_REGISTRATION_NO = re.compile(r"[1-6]\d{14}")   # a province 11–65 first, never 9 (企业 codes 91…)
REGISTRATION_NO = ("应为18位，现为15位：15位数字是“三证合一”（2015年）前的营业执照注册号，不是统一社会信用代码，"
                   "请按现行营业执照填写18位统一社会信用代码")


def parse(raw: Any) -> Parsed:
    """The compact code, or an error saying what is wrong with it.

    >>> parse("520102000012345").error == parse(520102000012345).error == REGISTRATION_NO
    True
    >>> parse("915201021234567").error
    '应为18位，现为15位'

    """
    if is_blank(raw):
        return BLANK
    if isinstance(raw, ExcelError):   # #N/A of a VLOOKUP that found nothing: no 4 characters typed
        return fail(error_value_said(raw))
    if _REGISTRATION_NO.fullmatch(compact(shown(raw))):
        return fail(REGISTRATION_NO)
    if lost := lost_digits(raw):
        return fail(lost)
    code = compact(raw)
    if len(code) != 18:
        bare = _bare(raw)   # read past a label and a note, as key does
        if len(bare) == 18 and (p := parse(bare)).ok:
            return replace(p, note=f"代码前后的文字（标签、括号中的备注）不是代码，已按“{bare}”读取；此格请只填写18位代码")
        return fail(f"应为18位，现为{len(code)}位")
    lookalike = _lookalike_digits(code)
    if lookalike:
        return fail(lookalike)
    if code[0] not in _FIRST:
        return fail(f"第1位（登记管理部门代码）不能是“{code[0]}”")
    if code[1] not in _ALPHABET:
        return fail(f"第2位（机构类别代码）不能是“{code[1]}”")
    if not code[2:8].isdigit():
        return fail("第3-8位（登记管理机关行政区划码）应为数字")
    bad = [c for c in code[8:] if c not in _ALPHABET]
    if bad:
        return fail(f"含有不允许的字符“{bad[0]}”（不使用I、O、Z、S、V）")
    check = check_digit(code[:17])
    if code[17] != check:
        return fail(f"校验位错误（最后一位应为“{check}”），请核对")
    return Parsed(value=code)


_SCIENTIFIC = re.compile(r"\d\.\d+E\+\d+")   # 9.15201E+17: a number as Excel shows it, copied as text
LOST = ("是数字而不是文本（Excel 把全是数字的18位代码存成了数字，显示为“9.15201E+17”这样的科学计数法或末尾几位是0，"
        "只保留了前15位，最后几位已经丢失），请把单元格设为“文本”格式后重新输入完整的代码")


def lost_digits(raw: Any) -> str:
    """What to say of a code a spreadsheet stored as a number ("" when it is none): a number cell (no code is a
    number: 18 digits are more than a spreadsheet's 15), its scientific form copied as text ("9.15201E+17"), or the
    number copied as text (:func:`rounded`).

    >>> lost_digits(915201001234567891)[:9], lost_digits("9.15201E+17")[:9], lost_digits(12345)
    ('是数字而不是文本（', '是数字而不是文本（', '是数字而不是文本，请把单元格设为“文本”格式后重新填写')
    >>> lost_digits("915201001234568000")[:9], lost_digits("91520102MA6DKQ8X18"), lost_digits(None)
    ('是数字而不是文本（', '', '')
    """
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return LOST if abs(raw) >= 1e15 else "是数字而不是文本，请把单元格设为“文本”格式后重新填写"
    if not isinstance(raw, str):
        return ""
    code = compact(raw)
    return LOST if _SCIENTIFIC.fullmatch(code) or rounded(code) else ""


def rounded(code: str) -> bool:
    """An 18-digit code as Excel shows the number it made of it, copied out as text: the 15 significant digits a
    spreadsheet keeps, then 0s, and a wrong check digit (a valid code ending in 000 is a code).

    >>> rounded("915201001234568000"), rounded("915201001234567000"), rounded("915201001234568001")
    (True, True, False)
    >>> rounded("91520102MA6DKQ8X18"), rounded("915201001234568")
    (False, False)
    """
    return len(code) == 18 and code.endswith("000") and code.isdigit() and check_digit(code[:17]) != code[17]


def shown(raw: Any) -> str:
    """A code cell as Excel's formula bar shows it: a number with the 15 digits it keeps (915201001234568000), not the
    binary number a reader gives back (915201001234567936).

    >>> shown(915201001234567891), shown(9.15201001234568e17), shown(" 91520102MA6DKQ8X18")
    ('915201001234568000', '915201001234568000', '91520102MA6DKQ8X18')
    """
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and abs(raw) < 1e300:
        return f"{Decimal(f'{float(raw):.15g}'):f}"
    return normalize(raw).strip()


_LOOKALIKES = {"O": "0", "I": "1"}   # letters GB 32100-2015 never uses, typed for the digits they look like


def _lookalike_digits(code: str) -> str | None:
    """What to say of a code holding the letter O or I where the digit 0 or 1 makes it valid, check digit and all
    ("9152O1O2…": the registering region is no number, said as such before): the code to write instead."""
    letters = sorted({c for c in code if c in _LOOKALIKES})
    if not letters:
        return None
    fixed = "".join(_LOOKALIKES.get(c, c) for c in code)
    if not parse(fixed).ok:
        return None
    said = "、".join(f"字母“{c}”" for c in letters)
    digits = "、".join(f"数字“{_LOOKALIKES[c]}”" for c in letters)
    return f"含有{said}（信用代码不使用字母I、O、Z、S、V），应是{digits}：改为“{fixed}”后校验位正确，请核对后改正"


@lru_cache(maxsize=1)
def _division_rows() -> tuple[dict[str, str], ...]:
    text = (RULES_FOLDER / "guizhou_divisions.csv").read_text("utf-8")
    return tuple(csv.DictReader(text.splitlines()))


@lru_cache(maxsize=1)
def _divisions() -> dict[str, tuple[str, str]]:
    return {row["code"]: (row["name"], row["city"]) for row in _division_rows() if row["code"]}


def town_city(raw: Any) -> str:
    """The 市（州） of a town listed without a code: those 贵安新区 manages itself ("湖潮乡" → 贵安新区); "" for any other.

    >>> town_city("湖潮乡"), town_city("马场镇"), town_city("南明区")
    ('贵安新区', '贵安新区', '')
    """
    name = simplified_place(normalize(raw).replace(" ", ""))
    return next((row["city"] for row in _division_rows() if not row["code"] and row["name"] == name), "")


# the peoples an autonomous county of Guizhou is named after: "威宁彝族回族苗族自治县" is said and typed "威宁县"
_PEOPLES = re.compile(r"(?:苗|布依|侗|仡佬|彝|回|土家|水)族")


@lru_cache(maxsize=1)
def _county_cities() -> dict[str, str]:
    """A county-level division's name, that name without its 县/区/市, and an autonomous county's short name (威宁县,
    威宁) → its 市（州）; a name two 市（州） share (an abolished county renamed elsewhere) tells nothing.

    >>> division_city("威宁县"), division_city("三都"), division_city("松桃苗族自治县")
    ('毕节市', '黔南州', '铜仁市')
    """
    found: dict[str, set[str]] = {}
    for code, (name, city) in _divisions().items():
        if len(code) == 6 and not code.endswith("00"):
            names = {name, name[:-1] if len(name) > 2 and name[-1] in "县区市" else name}
            if name.endswith("自治县") and len(root := _PEOPLES.split(name)[0]) >= 2:
                names |= {root, root + "县"}
            for n in names:
                found.setdefault(n, set()).add(city)
    return {n: next(iter(cities)) for n, cities in found.items() if len(cities) == 1}


@lru_cache(maxsize=1)
def place_names() -> tuple[str, ...]:
    """Guizhou's place names as typed before a unit's name ("贵州省", "贵阳市", "黔南州", "南明区", "威宁县"), longest
    first: the province, its 市（州） and county-level divisions (current or abolished) with and without 市/州/县/区.

    >>> [n in place_names() for n in ("贵州省", "黔南布依族苗族自治州", "黔南州", "南明区", "南明", "园区")]
    [True, True, True, True, True, False]
    """
    names = {"贵州省", "贵州", *_county_cities()}
    for name, city in _divisions().values():
        names |= {name, city, city.rstrip("市州")}
    return tuple(sorted((n for n in names if len(n) >= 2), key=len, reverse=True))


def division_city(raw: Any) -> str:
    """The 市（州） of the county-level division a text names ("凯里市", "丹寨", "凱里市" → 黔东南州); "" when it names
    none."""
    return _county_cities().get(simplified_place(normalize(raw).replace(" ", "")), "")


def county_named(typed: Any) -> Any:
    """A 县（区） typed in traditional characters as the simplified name of the county or town it names ("凱里市" →
    凯里市, "湖潮鄉" → 湖潮乡); anything else as typed."""
    text = normalize(typed) if isinstance(typed, str) else ""
    simple = simplified_place(text)
    return simple if simple != text and (division_city(simple) or town_city(simple)) else typed


def region(raw: Any) -> tuple[str, str, str]:
    """(division code, its name, its 市（州）) from positions 3–8; names are empty outside Guizhou."""
    code = compact(raw)
    div = code[2:8] if len(code) >= 8 else ""
    table = _divisions()
    if div in table:
        return (div, *table[div])
    if div[:4] in table:
        name, city = table[div[:4]]
        return div, "", city
    if div.startswith("52"):
        return div, "", "贵州省（区划码未收录）"
    return div, "", ""


def is_guizhou(raw: Any, prefix: str = "52") -> bool:
    div = region(raw)[0]
    return len(div) == 6 and div.isdigit() and div.startswith(prefix)


def known_guizhou(raw: Any, zone_codes: tuple[int, int] = (90, 99)) -> bool:
    """Positions 3–8 are a Guizhou division code (current or abolished, or 贵安新区 520900), a 市（州）'s
    own code (xxxx00) or one of its 开发区 registration authorities (``zone_codes``, e.g. 520190)."""
    div = region(raw)[0]
    table = _divisions()
    if len(div) != 6 or not div.isdigit() or not div.startswith("52"):
        return False
    if div in table:
        return True
    return div[:4] in table and (div[4:] == "00" or zone_codes[0] <= int(div[4:]) <= zone_codes[1])


@lru_cache(maxsize=1)
def _gb32100() -> dict[str, dict[str, str]]:
    return parse_toml((RULES_FOLDER / "gb32100.toml").read_bytes())


def load_tables() -> None:
    """Read the division and GB 32100 tables now: a job about to fork reading helpers does, so that they share
    them instead of each reading them again (``jobs/read_applications.py``)."""
    _divisions()
    _gb32100()


def entity(raw: Any) -> str:
    """What the first two characters say the holder is (GB 32100-2015), or "" for an unknown pair."""
    return _gb32100()["category"].get(compact(raw)[:2], "")


def authority(raw: Any) -> str:
    """The registration authority of the first character (GB 32100-2015)."""
    return _gb32100()["authority"].get(compact(raw)[:1], "")


def is_valid(raw: Any) -> bool:
    return parse(raw).ok


def slip_to(raw: Any, prefix: str) -> str | None:
    """A code failing its check digit that one slip keeps from a valid code with ``prefix`` at positions 3-4 (its
    province): two neighbouring characters swapped ("9125…" for "9152…") or positions 3-4 mistyped. That code, or None.

    >>> slip_to("91250102MA6DKQ8X18", "52"), slip_to("91510102MA6DKQ8X18", "52"), slip_to("91520102MA6DKQ8X18", "52")
    ('91520102MA6DKQ8X18', '91520102MA6DKQ8X18', None)
    """
    code = compact(raw)
    if len(code) != 18 or is_valid(code):
        return None
    swapped = (code[:i] + code[i + 1] + code[i] + code[i + 2:] for i in range(17))
    return next((c for c in (*swapped, code[:2] + prefix + code[4:]) if c[2:4] == prefix and is_valid(c)), None)
