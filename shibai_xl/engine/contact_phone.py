"""A 附件4's 联系人 and 电话 typed in one cell ("张三 13800000000", "张三13800000000", "张三，0851-12345678"), under a
hand-made title of both ("联系人及电话", "联系人/电话", "联系人（电话）"): the contact's name and the phone, as the
official columns hold them. A cell that is not one name and one phone (two phones, a number that is no phone) is
not cut: it stays as typed, for a person to put right.

>>> name_and_phone("张三 13800000000"), name_and_phone("张三13800000000"), name_and_phone("张三，0851-12345678")
(('张三', '13800000000'), ('张三', '13800000000'), ('张三', '0851-12345678'))
>>> name_and_phone("王经理\\n138 0000 0000"), name_and_phone("李四（13900000000）"), name_and_phone(13800000000)
(('王经理', '138 0000 0000'), ('李四', '13900000000'), ('', '13800000000'))
>>> name_and_phone("张三"), name_and_phone("张三 13800000000/13900000000"), name_and_phone("张三 分机801")
(('张三', ''), None, None)
"""
from __future__ import annotations

import re
from typing import Any

from .parse.text import normalize

_DASH = r"[-‐–—－]"
# a mobile (138 0000 0000 too, +86 before it), a landline with or without its area code ((0851)88552573, 0851-…,
# an extension after it), a remark on the number in brackets ("（微信同号）", "(办)")
_PHONE = re.compile(
    rf"(?<!\d)(?:(?:\+|00)?86{_DASH}?\s?)?"
    rf"(?:1[3-9]\d(?:{_DASH}|\s)?\d{{4}}(?:{_DASH}|\s)?\d{{4}}"
    rf"|(?:\(0\d{{2,3}}\)|0\d{{2,3}})\s?{_DASH}?\s?\d{{7,8}}(?:(?:{_DASH}|转|ext\.?)\d{{1,6}})?"
    rf"|[2-9]\d{{6,7}})(?!\d)"
    r"(?:\s*[(（][^()（）\d]{0,6}(?:微信|同号|办|宅|座机|手机|电话|传真)[^()（）\d]{0,6}[)）])?", re.IGNORECASE)
_SEP = r"\s:：,，、/／;；|_" + "‐–—－-"
_LABEL = r"(?:联系电话|电话号码|手机号码|手机号|电话|手机|座机|固话|tel|phone|mobile)"
_BEFORE = re.compile(rf"[{_SEP}]*{_LABEL}?[{_SEP}]*$", re.IGNORECASE)     # "张三 电话：" before the number
_AFTER = re.compile(rf"^[{_SEP}]*")
_NAME_LABEL = re.compile(rf"^(?:联系人|姓名)[{_SEP}]*")                     # "联系人：张三 …"


def name_and_phone(raw: Any) -> tuple[str, str] | None:
    """(name, phone) typed in one cell, either '' where the cell has none (a name alone, a phone alone); None when
    it holds more than one phone or a number that is none (its text to be kept as typed). Blank: ('', '')."""
    if isinstance(raw, bool) or raw is None:
        return ("", "") if raw is None else None
    if isinstance(raw, (int, float)):
        text = str(int(raw)) if float(raw).is_integer() else str(raw)
    elif isinstance(raw, str):
        text = normalize(raw)
    else:                      # a date, a time: no name, no phone
        return None
    phones = list(_PHONE.finditer(text))
    if len(phones) > 1:
        return None
    if not phones:
        return None if re.search(r"\d", text) else (text, "")
    hit = phones[0]
    before, after = text[:hit.start()], text[hit.end():]
    if before.rstrip().endswith(("(", "（")) and after.lstrip().startswith((")", "）")):   # 张三（138…）
        before, after = before.rstrip()[:-1], after.lstrip()[1:]
    before = _NAME_LABEL.sub("", _BEFORE.sub("", before))
    after = _AFTER.sub("", after).rstrip(_SEP)
    if re.fullmatch(r"[(（][^()（）]*[)）]", after) and not before:                  # 138…（张三）
        after = after[1:-1].strip()
    name = " ".join(p for p in (before.strip(), after.strip()) if p)
    if re.search(r"\d", name):
        return None
    return name, hit.group().strip()


def split_contacts(projects: list[dict[str, Any]]) -> list[Any]:
    """Each project's 联系人 typed with its phone (no 电话 of its own) cut into 联系人 and 电话, one without a phone
    left as it is; the ``"_row"`` of those left as typed (:func:`name_and_phone` is None)."""
    kept = []
    for p in projects:
        got = name_and_phone(p.get("联系人"))
        if got is None:
            kept.append(p["_row"])
        elif got[1]:
            p["联系人"], p["电话"] = got[0] or None, got[1]
    return kept


def said_title(title: Any) -> str:
    """The column's title as a note names it, on one line ("联系人\\n及电话" → "联系人及电话")."""
    return "".join(str(title).split())


def listed(rows: list[str], most: int = 10) -> str:
    """Rows as a note lists them: "第3行、第7行", the first ``most`` and how many in all past them."""
    return "、".join(rows[:most]) + (f"等 {len(rows)} 行" if len(rows) > most else "")


def contact_in_phone(title: Any, cells: list[Any]) -> bool:
    """Whether a 附件4's 电话 column, there being no 联系人 one, holds the contact too: titled 联系人 before the phone
    (“联系人\\n电话” on two lines of its cell, “联系人电话”) and one of its ``cells`` a name with a phone."""
    return said_title(title).startswith("联系人") and any(
        (got := name_and_phone(v)) is not None and all(got) for v in cells if isinstance(v, str))


def summary_contact(values: dict[str, Any]) -> tuple[str, str]:
    """The 附件4's 联系人 and 电话 of an application's checked ``values``: its contact and the contact's phone (补充信息),
    else its 主要负责人 and the leader's mobile — always a pair, never a contact beside the leader's mobile (a clerk
    would call 王明's number for 李红). A contact without a phone keeps the phone blank (FIELD_REQUIRED says it); the
    leader's mobile fills it only when the contact is the leader.

    >>> v = {"sb_leader_name": "王明", "sb_leader_mobile": "13908510001"}
    >>> summary_contact(v), summary_contact({**v, "sb_contact": "李红"}), summary_contact({**v, "sb_contact": "王明"})
    (('王明', '13908510001'), ('李红', ''), ('王明', '13908510001'))
    >>> summary_contact({**v, "sb_contact": "李红", "sb_contact_phone": "0851-88552573"})
    ('李红', '0851-88552573')
    """
    leader, mobile = values.get("sb_leader_name") or "", values.get("sb_leader_mobile") or ""
    contact, phone = values.get("sb_contact") or "", values.get("sb_contact_phone") or ""
    if not contact and not phone:
        return leader, mobile
    if not phone and normalize(contact) == normalize(leader):
        return contact, mobile
    if not contact and phone == mobile:
        return leader, phone
    return contact, phone
