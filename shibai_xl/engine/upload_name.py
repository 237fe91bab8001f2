"""The name of the scanned PDF the notice asks for (三、(一) 3. 填报项目):
"市(州)+公司名称+2024 年十百千万工程示范项目+示范园区/示范直播基地/示范企业/示范直播团队申报资料".

>>> upload_name("贵阳市", "贵州黔货电子商务有限公司", "示范企业")
'贵阳市贵州黔货电子商务有限公司2024年十百千万工程示范项目示范企业申报资料.pdf'
>>> upload_name("遵义市", 'A/B:C*"公司"?', "示范园区")
'遵义市ABC公司2024年十百千万工程示范项目示范园区申报资料.pdf'
"""
from __future__ import annotations

import re

from .parse.text import normalize, one_line
from .summary_table import is_placeholder

MAX_NAME = 150  # characters; Windows allows 255 per name, leave room for the folder path
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f“”]')
# an answer that points at the line above it, as on paper forms (运营机构名称: 同上)
SAME_AS_ABOVE = ("同上", "同左", "同前")


def names_no_company(text: str) -> bool:
    """A 公司名称 (a park's 运营机构名称) written as none or as the line above ("/", "无", "——", "同上": a park its
    管委会 runs): no company; the upload name takes the applicant's 名称 (CheckResult.company).

    >>> [names_no_company(t) for t in ("", "/", "无", " 同上 ", "贵州黔货电子商务有限公司")]
    [True, True, True, True, False]
    """
    text = one_line(text).strip()
    return is_placeholder(text) or text in SAME_AS_ABOVE


def clean_part(text: str) -> str:
    text = _FORBIDDEN.sub("", normalize(text))
    return re.sub(r"\s+", "", text).strip(". ")


def upload_name(city: str, company: str, type_label: str, year: int = 2024,
                template: str = "{city}{company}{year}年十百千万工程示范项目{type_label}申报资料") -> str:
    city, company = clean_part(city or ""), clean_part(company or "")
    fixed = template.format(city=city, company="", year=year, type_label=type_label)
    company = company[: max(1, MAX_NAME - len(fixed) - 4)]
    return template.format(city=city, company=company, year=year, type_label=type_label) + ".pdf"
