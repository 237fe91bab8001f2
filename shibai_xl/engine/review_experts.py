"""The panel of a review round and where its members come from, as people type them: the expert names of the command
line or the add-in's prompt (张三、李四 / 张三 李四 / pasted from a chat), ``--expert-cities`` (甲=贵阳市, 乙=遵义), and a
summary's 市（州） cell read for recusal (贵阳市南明区). :mod:`.review` gives these names too (``R.parse_experts``).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..errors import BadOption
from ..rules import load
from . import fields as F
from .parse.text import normalize
from .parse.uscc import division_city
from .values import parse_choice

FILE_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
_FILE_NAME = re.compile(r"\.(txt|csv|tsv|xlsx|xlsm|xls|et|ods|docx?|wps|pdf)$", re.IGNORECASE)   # --experts 专家名单.txt


class ReviewError(BadOption):
    """Bad input for a review (expert list, cities, options); ``str(e)`` is the Chinese message."""


def city_name(text: Any) -> str | None:
    """A 市（州） as typed ("贵阳", "黔东南州", "贵安", an autonomous prefecture's official name) → its full name,
    None when not one of Guizhou's: the 所属市（州） field's own reading (values.parse_choice)."""
    return parse_choice(text, F.CITIES, load().fields["sb_city"].aliases).value


def project_city(text: Any) -> str | None:
    """The 市（州） of a summary's 市（州） cell: the 市（州） alone (:func:`city_name`), a county-level division alone
    ("凯里市"), or the 市（州） with its county after it ("贵阳市南明区", "遵义市 汇川区", "黔南布依族苗族自治州都匀市"),
    the county lying in it; None otherwise ("铜仁市南明区": not guessed either way; "铜仁区")."""
    t = re.sub(r"\s+", "", normalize(text)).removeprefix("贵州省")
    if not t:
        return None
    alone = city_name(t) or division_city(t)
    if alone:
        return alone
    for n in range(len(t) - 2, 1, -1):       # the 市（州） typed first, its county after it
        if (full := city_name(t[:n])) and division_city(t[n:]) == full:
            return full
    return None


# --- experts ---------------------------------------------------------------------------------------

_LIST_SEPARATORS = re.compile(r"[,，、;；\r\n]")


def split_experts(text: str | None) -> list[str]:
    """The panel as typed on the command line or in the add-in's prompt → names: commas, the enumeration comma
    “、” (how a Chinese list of names is written), semicolons and line breaks all separate; blanks dropped. Spaces
    separate Chinese names of two characters or more ("张三 李四"); a name padded inside ("张  三") stays one, as a
    name in letters ("Li Ming"). Chinese spaced otherwise ("甲 乙 丙", "甲 李四") is refused: several names or one?"""
    names = [name.strip() for name in _LIST_SEPARATORS.split(text or "") if name.strip()]
    return [part for name in names for part in _spaced_names(name)]


def _spaced_names(name: str) -> list[str]:
    """One piece of the list between separators → its experts. An expert's 市（州） written after his name in the
    add-in's line (“甲=贵阳市 乙=遵义市 丙”, “张 三=贵阳市”, “甲（贵阳市） 乙”) stays with the name before it."""
    text = re.sub(r"\s+(?=[(（])", "", re.sub(r"\s*([=:＝：])\s*", r"\1", name))
    if len(text.split()) <= 1:
        return [name]
    out: list[str] = []
    waiting: list[str] = []
    for token in text.split():
        head, tail = re.fullmatch(r"([^=:＝：(（]*)(.*)", token).groups()
        waiting += [head] if head else []
        if tail:
            names = _names(waiting) if waiting else [""]
            out += names[:-1] + [names[-1] + tail]
            waiting = []
    if not out:
        return [name] if len(_names(waiting)) == 1 else _names(waiting)
    return out + (_names(waiting) if waiting else [])


def _names(tokens: list[str]) -> list[str]:
    """Names typed with spaces between them → the experts: names of two Chinese characters or more are several, a
    two-character name padded to line up (“张 三”) and a name in letters (“Li Ming”) one; anything else is refused."""
    chinese = [bool(re.search(r"[\u4e00-\u9fff]", t)) for t in tokens]
    if len(tokens) == 1 or not any(chinese):
        return [" ".join(tokens)]
    if all(chinese) and all(len(t) >= 2 for t in tokens):
        return tokens
    if len(tokens) == 2 and all(len(t) == 1 for t in tokens):
        return [" ".join(tokens)]
    typed = " ".join(tokens)
    raise ReviewError(f"专家名单中的“{typed}”分不清是空格分隔的几位专家，还是一位专家姓名中的空格：几位专家请用逗号或顿号分隔"
                      f"（如 {'、'.join(tokens)}），一位专家请去掉姓名中的空格")


def split_panel(text: str | None) -> tuple[list[str], str]:
    """The add-ins' one line for the panel: the experts, each with his 市（州） after his name when he has one
    (“甲=贵阳市、乙=遵义市、丙”, “甲：贵阳”, “甲（贵阳市）”) → the names, as :func:`split_experts` reads them, and
    the ``--expert-cities`` text of those with a 市（州） (checked by :func:`parse_expert_cities`)."""
    names: list[str] = []
    cities: list[str] = []
    for piece in split_experts(normalize(text or "")):
        m = (re.fullmatch(r"(.+?)\s*[=:]\s*(.*)", piece)
             or (m2 if (m2 := re.fullmatch(r"(.+?)\s*\(\s*(.+?)\s*\)", piece)) and project_city(m2.group(2)) else None))
        if m is None:
            names.append(piece)
            continue
        name, city = m.group(1).strip(), m.group(2).strip()
        if not city:
            raise ReviewError(f"专家{name}的所属市（州）没有写：写成例如 {name}=贵阳市，不需回避的专家只写姓名")
        names.append(name)
        cities.append(f"{name}={city}")
    return names, ",".join(cities)


def parse_experts(names: Sequence[str]) -> list[str]:
    out: list[str] = []
    for raw in names:
        name = normalize(raw)     # NFKC, without the invisible characters text pasted from a chat or a page carries
        if not name:
            continue
        # not printable: a control character, or half an emoji (a lone surrogate) no file name can hold
        if FILE_FORBIDDEN.search(name) or not name.isprintable() or name.startswith((".", "~")) or len(name) > 30:
            raise ReviewError(f"专家姓名“{name}”含有不能用于文件名的字符（\\ / : * ? \" < > |）或过长，"
                              "请改用其他写法（如 张三、专家A）")
        if _FILE_NAME.search(name):
            raise ReviewError(f"专家“{name}”像是文件名：本工具不读取专家名单文件，--experts 请直接写专家姓名，用逗号或顿号分隔"
                              "（例如 --experts 张三,李四,王五）")
        if "=" in name:     # NFKC: “＝” too
            raise ReviewError(f"专家姓名“{name}”中有“=”：专家所属市（州）请写在 --expert-cities 中（例如 --experts 甲,乙 "
                              "--expert-cities 甲=贵阳市,乙=遵义市），--experts 只写专家姓名")
        if name in out:
            raise ReviewError(f"专家“{name}”重复出现，请为同名专家加以区分（如 张三A、张三B）")
        if same := next((o for o in out if o.casefold() == name.casefold()), None):
            # one file on Windows: 专家评分表-zhang wei.xlsx would replace 专家评分表-Zhang Wei.xlsx
            raise ReviewError(f"专家“{name}”与“{same}”重复（只是字母大小写不同，Windows 上是同一个文件名），"
                              "请为同名专家加以区分（如 张三A、张三B）")
        out.append(name)
    if not out:
        raise ReviewError("请至少指定一位专家，例如 --experts 甲,乙,丙")
    return out


def _city_pairs(text: str) -> list[str]:
    """``甲=贵阳,乙=遵义`` or ``甲=贵阳 乙=遵义`` → one text per pair; a space inside an expert's name (“张 三=贵阳市”,
    “Li Ming=遵义”, as --experts takes them) does not cut the name: a piece without ``=`` belongs to the next."""
    out: list[str] = []
    for part in _LIST_SEPARATORS.split(text):
        start = 0
        for gap in re.finditer(r"\s+(?=[^\s=:]+\s*[=:])", part):
            if re.search("[=:]", part[start:gap.start()]):
                out.append(part[start:gap.start()])
                start = gap.end()
        out.append(part[start:])
    return out


def parse_expert_cities(spec: str | dict[str, str] | None, experts: Sequence[str]) -> dict[str, str]:
    """``甲=贵阳市,乙=遵义市`` (or a dict) → expert → full 市（州） name; checked against the experts."""
    if not spec:
        return {}
    if isinstance(spec, dict):
        pairs = list(spec.items())
    else:
        text = normalize(spec)
        pairs = []
        for part in _city_pairs(text):
            part = part.strip()
            if not part:
                continue
            m = re.fullmatch(r"(.+?)\s*[=:]\s*(.+)", part)
            if not m:
                raise ReviewError(f"专家所属市（州）“{part}”格式不对，应写成 专家=市（州），例如 甲=贵阳市,乙=遵义市")
            pairs.append((m.group(1).strip(), m.group(2).strip()))
    out: dict[str, str] = {}
    for expert, city in pairs:
        expert = normalize(expert)
        if expert not in experts:
            raise ReviewError(f"--expert-cities 中的“{expert}”不在专家名单（{'、'.join(experts)}）中")
        full = project_city(city)
        if full is None:
            raise ReviewError(f"专家{expert}的所属市（州）“{city}”无法识别，应为：{'、'.join(F.CITIES)}")
        out[expert] = full
    return out
