"""JSON for other programs (``--json``, the local service) that can carry any text a workbook or a folder holds."""
from __future__ import annotations

import json
import re
from typing import Any

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def json_text(content: Any, **options: Any) -> str:
    r"""``json.dumps`` (Chinese as is) whose text always encodes as UTF-8: a lone UTF-16 surrogate — half an emoji
    left by LEFT() in a cell, a file name not in UTF-8 (GBK, unzipped on 统信 UOS) — is written escaped, as JSON
    allows (``\udcb9``), instead of failing to print ("程序内部错误") or to send.

    >>> json_text({"file": "\udcb9团队.xlsx"})
    '{"file": "\\udcb9团队.xlsx"}'
    """
    text = json.dumps(content, ensure_ascii=False, **options)
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
