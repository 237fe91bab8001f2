"""Text normalisation: full-width to half-width, company names for comparison.

>>> normalize("  ＡＢＣ（贵阳）有限责任公司 ")
'ABC(贵阳)有限责任公司'
>>> company_key("贵州 黔货（贵阳）电子商务有限责任公司") == company_key("贵州黔货(贵阳)电子商务有限公司")
True
>>> char_count("贵州 省 abc\\n")
6
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from hashlib import blake2b
from typing import Any

_SPACES = re.compile(r"\s+")
# Excel's error values, as a reader or xlwings (err_to_str) hands them over: "#N/A" in a cell is never typed text
EXCEL_ERRORS = frozenset(("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#DATA!", "#SPILL!",
                          "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#GETTING_DATA"))


class ExcelError(str):
    """A cell holding an Excel error value (#N/A …), as a reader hands it over: its text, but never typed text (a
    name written as the text "#N/A" is a name; a VLOOKUP that found nothing is no name)."""
    __slots__ = ()


NAME_ERROR = "#NAME?"   # what Excel shows for a function it does not know: WPS's picture in a cell (DISPIMG)


class CellPicture(ExcelError):
    """A picture placed in a cell: WPS's 嵌入单元格图片 is the formula DISPIMG("ID_…",1), its saved text
    "=DISPIMG(…)" (#NAME? once Excel saved it). No text and no figure: said as a picture, never quoted as typed."""
    __slots__ = ()


PICTURE_SHOWN = "（单元格内嵌图片）"
PICTURE_SAID = "是嵌入单元格的图片（WPS“嵌入单元格图片”）"   # how a cell holding one is said, wherever it is
_DISPIMG = re.compile(r"\s*=?\s*@?(?:_xlfn\.)?DISPIMG\s*\(", re.IGNORECASE)


def as_picture(value: Any, formula: str | None = None) -> Any:
    """``value`` as a :class:`CellPicture` when it (or the cell's ``formula``) is WPS's DISPIMG; else itself.

    >>> as_picture('=DISPIMG("ID_6F2A",1)') == PICTURE_SHOWN, as_picture("#NAME?", '_xlfn.DISPIMG("ID_6F2A",1)')
    (True, '（单元格内嵌图片）')
    >>> as_picture("DISPIMG是WPS的函数"), as_picture(5)
    ('DISPIMG是WPS的函数', 5)
    """
    for text in (value, formula):
        if isinstance(text, str) and "DISPIMG" in text and _DISPIMG.match(text):   # as Excel and WPS write it
            return CellPicture(PICTURE_SHOWN)
    return value


def is_picture(value: Any, formula: str | None = None) -> bool:
    """Whether a cell's ``value`` (or its ``formula``) is WPS's picture placed in it (:func:`as_picture`), a cheap
    test first: a name column of a thousand rows costs no regular expression.

    >>> is_picture('=_xlfn.DISPIMG("ID_6F2A",1)'), is_picture(CellPicture(PICTURE_SHOWN)), is_picture("贵州甲公司")
    (True, True, False)
    >>> is_picture(None, '_xlfn.DISPIMG("ID_6F2A",1)')
    True
    """
    return isinstance(value, CellPicture) or isinstance(as_picture(value, formula), CellPicture)


def error_value_said(raw: ExcelError) -> str:
    """What a field holding the error value ``raw`` is said to be, whatever the field (名称, 统一社会信用代码)."""
    if isinstance(raw, CellPicture):
        return f"{PICTURE_SAID}，没有文字或数字，请填写（图片作为印证材料随申报资料提交）"
    return f"是 Excel 错误值“{raw}”（公式出错或粘贴所致），没有填写内容，请填写"


KEY_STRIP = "。.,，;；"   # trailing punctuation a company key drops


# characters nobody sees that text copied from a web page, a PDF or a WeChat message carries: zero-width spaces and
# joiners, a byte-order mark, soft hyphens, direction marks and bidi overrides (which also make a name show reversed)
_INVISIBLE = re.compile("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def normalize(raw: Any) -> str:
    """NFKC (full-width letters, digits and brackets become half-width), trimmed, without invisible characters.

    >>> normalize("\u200b５２０\ufeff万元\u200e"), normalize(" 贵州 ")
    ('520万元', '贵州')
    """
    if raw is None:
        return ""
    text = raw if isinstance(raw, str) else str(raw)
    if not text.isprintable():   # a line break, a tab, or one of _INVISIBLE (rare: most cells skip the search)
        text = _INVISIBLE.sub("", text)
    if unicodedata.is_normalized("NFKC", text):  # most cells: skip the copy
        return text.strip()
    return unicodedata.normalize("NFKC", text).replace("\u3000", " ").strip()


# the characters of Guizhou's 市（州） and county names as Hong Kong and Taiwan input methods write them, and as old
# documents copied carry them ("黔東南州", "凱里市", "貴陽市", "遵義市", "鍾山區", "都勻市"): read as the simplified
_TRADITIONAL_PLACE = str.maketrans("冊凱劍務勻匯彙區場壩寧岡崗嶺巖從慶懷東機烏獨甕畢當盤節紅納級綏縣織羅義習臺興萬裡觀記謨"
                                   "豐貞貴遠鄉銅錦鍾鎮鐘長開關陽雲鞏順餘馬鳳黃黨龍",
                                   "册凯剑务匀汇汇区场坝宁冈岗岭岩从庆怀东机乌独瓮毕当盘节红纳级绥县织罗义习台兴万里观记谟"
                                   "丰贞贵远乡铜锦钟镇钟长开关阳云巩顺余马凤黄党龙")


# and the words of a 附件4's titles and answers (項目類型, 企業性質 國企, 年度交易額（萬元）, 園區 …)
_TRADITIONAL_WORDS = str.maketrans("號縣區業稱項類質運營況績聯繫係電話額萬網絡評統會碼條動問題來"
                                   "時間狀態報備註單編達標別體園團隊國資總範產億",
                                   "号县区业称项类质运营况绩联系系电话额万网络评统会码条动问题来"
                                   "时间状态报备注单编达标别体园团队国资总范产亿")


def simplified_words(text: str) -> str:
    """A 附件4's title or answer typed in traditional characters, in simplified ones (a place's too).

    >>> simplified_words("項目類型"), simplified_words("年度交易額（萬元）"), simplified_words("示範園區")
    ('项目类型', '年度交易额（万元）', '示范园区')
    """
    return text.translate(_TRADITIONAL_PLACE).translate(_TRADITIONAL_WORDS)


def simplified_place(text: str) -> str:
    """A 市（州） or county name typed in traditional characters, in the simplified ones its lists use.

    >>> simplified_place("黔東南州凱里市"), simplified_place("貴陽市南明區"), simplified_place("贵阳市")
    ('黔东南州凯里市', '贵阳市南明区', '贵阳市')
    """
    return text.translate(_TRADITIONAL_PLACE)


def company_key(name: Any) -> str:
    """A key under which spellings of one company name compare equal."""
    return key_of_normalized(normalize(name))


NAME_DIGEST_WIDTH = 12   # hex digits of a company key's digest: 48 bits, no false match expected among a province's


def name_digests(keys: Sequence[str]) -> str:
    """Fixed-width digests of company keys, concatenated: how a list whose companies carry their 统一社会信用代码
    keeps their names (a sixth of the names' size) for matching another list that names them only.

    >>> d = name_digests(["贵州甲公司", "贵州乙公司"]); len(d), d[:12] == name_digests(["贵州甲公司"])
    (24, True)
    """
    digests = []
    for k in keys:   # a copy of an empty state: a third cheaper than a new blake2b per name (300 a list)
        h = _EMPTY_DIGEST.copy()
        h.update(k.encode())
        digests.append(h.digest())
    return b"".join(digests).hex()


_EMPTY_DIGEST = blake2b(digest_size=NAME_DIGEST_WIDTH // 2)


def key_of_normalized(text: str) -> str:
    """:func:`company_key` of a text :func:`normalize` already returned (normalising is idempotent)."""
    if " " in text or not text.isprintable():   # every white space but " " is unprintable: most names skip this
        text = _SPACES.sub("", text)
    text = text.lower()
    if "公司" in text:
        text = text.replace("有限责任公司", "有限公司").replace("股份有限公司", "股份公司")
    return text.strip(KEY_STRIP)


def char_count(text: Any) -> int:
    """Characters that count for "不少于150字": every character typed but whitespace and invisible ones. Not after
    NFKC, which makes the ellipsis "…" three characters, "㎡" two and "⑴" three: each is one as typed (NFC only joins a
    letter and its combining accent).

    >>> char_count("好……"), char_count("3万㎡"), char_count("\u200b贵州\u3000省")
    (3, 3, 3)
    """
    if text is None:
        return 0
    typed = unicodedata.normalize("NFC", text if isinstance(text, str) else str(text))
    return len(_SPACES.sub("", _INVISIBLE.sub("", typed)))


FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r", "\n")
MAX_TEXT = 32_767   # characters of one cell; openpyxl cuts longer text there


def within_a_cell(text: str) -> str:
    """``text`` as a cell holds it: one longer than a cell's 32767 characters (a 问题 quoting companies whose names
    are whole pasted paragraphs) cut with a word that it was, and how long it is, never cut off without one.

    >>> len(within_a_cell("甲" * 40000)), within_a_cell("甲" * 40000)[-37:]
    (32767, '甲甲甲……（共40000字，超出单元格最多能容纳的32767字，以下省略）')
    """
    if len(text) <= MAX_TEXT:
        return text
    said = f"……（共{len(text)}字，超出单元格最多能容纳的{MAX_TEXT}字，以下省略）"
    return text[:MAX_TEXT - len(said)] + said


def safe_cell_text(value: Any) -> Any:
    """Neutralise CSV/Excel formula injection: text starting with = + - @ tab CR gets a leading '.

    Numbers and other non-text values pass unchanged.

    >>> safe_cell_text('=HYPERLINK("http://x")'), safe_cell_text("贵州"), safe_cell_text(12)
    ('\\'=HYPERLINK("http://x")', '贵州', 12)
    """
    if isinstance(value, str) and value.startswith(FORMULA_LEAD):
        return "'" + value
    return value


def one_line(name: str) -> str:
    r"""A file or sheet name as a message shows it: each control character as its picture (one name, one line), C1
    controls and direction overrides left out (as the terminal leaves them). Only where it is said: a sheet name
    still addresses its cells as the workbook holds it.

    >>> one_line("企业.xlsx\n注意：全部通过"), one_line("团队\u202exslx.xlsx"), one_line("申报表(2)\t")
    ('企业.xlsx␊注意：全部通过', '团队xslx.xlsx', '申报表(2)␉')
    """
    return name.translate(_HIDDEN) if not name.isprintable() else name


# Control characters from an applicant's cell or file name (Excel keeps a pasted one as _x001B_, read back as the
# character) must not reach what a person reads: ESC ] 0 ; … BEL retitles a terminal, ESC [ 2 J clears away the
# findings printed before, a NUL ends the text of Windows' message box (Excel's, the WPS add-in's) there, and a
# bidi override (申报表\u202excod.exe) shows the rest of its line reversed, and U+2028/U+2029 break a line where text
# is laid out by Unicode's rules (WPS's alert on 统信 UOS/麒麟). Line breaks and tabs are the message's own.
_SAID_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]")


def said_safe(text: str) -> str:
    r"""A message as the terminal, Excel's message and input boxes and the WPS add-in show it.

    >>> said_safe("贵州甲\x00公司\n\u202e司公\x1b[2J")
    '贵州甲公司\n司公[2J'
    """
    return _SAID_UNSAFE.sub("", text)


def said_name(raw: Any) -> str:
    r"""A name from a cell (企业名称) as a message says it: :func:`normalize`\ d and on one line — a line break typed in
    it (Alt+Enter, a pasted _x000A_) shown as ␊, never a line of the message of its own (“注意：全部通过”).

    >>> said_name(" 贵州甲公司\n注意：全部通过 ")
    '贵州甲公司␊注意:全部通过'
    """
    return one_line(normalize(raw))


# what a file name may hold on 统信 UOS/麒麟 (a zip's names), or a crafted workbook's sheet name, and no line of a
# message or cell may: a line break that forges a line of the report (“企业.xlsx⏎注意：全部通过”), a tab, a direction
# override showing the name reversed
_HIDDEN = {**{c: 0x2400 + c for c in range(0x20)}, 0x7f: 0x2421,   # control pictures: ␊ ␍ ␉ … ␡
           **dict.fromkeys(range(0x80, 0xa0)), **dict.fromkeys(range(0x202a, 0x202f)),
           **dict.fromkeys(range(0x2066, 0x206a)),
           0x2028: 0x2424, 0x2029: 0x2424}   # LINE/PARAGRAPH SEPARATOR: a line break where Unicode lays text out: ␤
