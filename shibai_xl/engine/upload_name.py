"""The name of the scanned PDF the notice asks for (三、(一) 3. 填报项目):
"市(州)+公司名称+2024 年十百千万工程示范项目+示范园区/示范直播基地/示范企业/示范直播团队申报资料".

>>> upload_name("贵阳市", "贵州黔货电子商务有限公司", "示范企业")
'贵阳市贵州黔货电子商务有限公司2024年十百千万工程示范项目示范企业申报资料.pdf'
>>> upload_name("遵义市", 'A/B:C*"公司"?', "示范园区")
'遵义市ABC公司2024年十百千万工程示范项目示范园区申报资料.pdf'
"""
from __future__ import annotations

import re

from .parse.text import normalize

MAX_NAME = 150  # characters; Windows allows 255 per name, leave room for the folder path
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f“”]')


def clean_part(text: str) -> str:
    text = _FORBIDDEN.sub("", normalize(text))
    return re.sub(r"\s+", "", text).strip(". ")


def upload_name(city: str, company: str, type_label: str, year: int = 2024,
                template: str = "{city}{company}{year}年十百千万工程示范项目{type_label}申报资料") -> str:
    city, company = clean_part(city or ""), clean_part(company or "")
    fixed = template.format(city=city, company="", year=year, type_label=type_label)
    company = company[: max(1, MAX_NAME - len(fixed) - 4)]
    return template.format(city=city, company=company, year=year, type_label=type_label) + ".pdf"
