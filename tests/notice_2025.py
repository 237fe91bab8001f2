"""y2024.toml edited the way the province would publish next year's notice (README 规则从哪里来): a 2025 year file.

申报时间 2025年4月-12月, 省级评审 4月、9月, 园区 4亿元 / 4000万元, 团队 600万元, 附件4 titled “推荐汇总表”, the park's
管理中台 item 1.2.2 worth 15分 (its 三流合一 item 1.2.3 dropped), a new 是/否 question for the team (主播持证上岗, 附件5
2.2.2, 5分, taken from 2.2.1). The file is built from today's y2024.toml, so that it keeps up with it.
"""
from __future__ import annotations

from pathlib import Path

from tests.conftest import ROOT

YEAR_FILE = ROOT / "shibai_xl" / "rules" / "y2024.toml"
SUMMARY_2025 = "{city}2025年电子商务“十百千万”工程示范项目推荐汇总表"
PROVINCE_2025 = "贵州省2025年电子商务“十百千万”工程示范项目推荐汇总表"
CERT_LABEL = "主播持证上岗（取得互联网营销师等职业技能等级证书）"


def _swap(text: str, old: str, new: str, every: bool = False) -> str:
    assert old in text, old
    return text.replace(old, new) if every else text.replace(old, new, 1)


def notice_2025_text() -> str:
    t = YEAR_FILE.read_text("utf-8")
    t = _swap(t, "year = 2024", "year = 2025")
    t = _swap(t, 'summary_title = "{city}2024年电商“十百千万”工程示范项目汇总表"', f'summary_title = "{SUMMARY_2025}"')
    t = _swap(t, 'province_title = "贵州省2024年电商“十百千万”工程示范项目汇总表（全省）"', f'province_title = "{PROVINCE_2025}"')
    t = t.replace("2024年", "2025年").replace("2024 年", "2025 年")
    t = _swap(t, 'application_window = ["2024-04", "2024-12"]', 'application_window = ["2025-04", "2025-12"]')
    t = _swap(t, "review_months = [5, 8, 12]", "review_months = [4, 9]")
    # 园区 3亿 / 3000万 → 4亿 / 4000万
    t = _swap(t, 'value = 30000, text = "园区入驻企业年度合计交易额在 3 亿元以上"',
              'value = 40000, text = "园区入驻企业年度合计交易额在 4 亿元以上"')
    t = _swap(t, 'value = 3000, text = "其中网络零售额 3000 万元以上"', 'value = 4000, text = "其中网络零售额 4000 万元以上"')
    t = _swap(t, "年度合计交易额在 3 亿元以上, 其中网络零售额 3000 万元以上",
              "年度合计交易额在 4 亿元以上, 其中网络零售额 4000 万元以上")
    t = _swap(t, "年度交易额≥3亿元, 其中年度网络零售额≥3000", "年度交易额≥4亿元, 其中年度网络零售额≥4000")
    # 团队 500万 → 600万
    t = _swap(t, 'field = "sb_live_sales", op = ">=", value = 500,', 'field = "sb_live_sales", op = ">=", value = 600,')
    t = _swap(t, "年度直播销售额达到 500 万以上", "年度直播销售额达到 600 万以上", every=True)
    t = _swap(t, "年度直播销售额≥500万元", "年度直播销售额≥600万元")
    # 园区 1.2.2 10 → 15分 and reworded; 1.2.3 (三流合一) dropped
    t = _swap(t, 'text = "管理中台可实现入驻企业基本信息入驻, 统计企业销售数据。(10分)"\npoints = 10',
              'text = "管理中台可实现入驻企业基本信息入驻, 统计企业销售数据, 实现三流合一。(15分)"\npoints = 15')
    i = t.index('id = "1.2.3"\nlevel1 = "服务体系及设施"')
    i = t.rindex("[[rubric.park.items]]", 0, i)
    j = t.index("[[rubric.park.items]]", i + 1)
    t = t[:i] + t[j:]
    # 团队: a new 是/否 question, 附件5 2.2.2 (5分, taken from 2.2.1)
    licence = 'criteria = [{ field = "sb_license", yes = true }]'
    t = _swap(t, f'text = "取得相应的经营批准证书，信息公开可查。"\npoints = 10\n{licence}',
              f'text = "取得相应的经营批准证书，信息公开可查。(5分)"\npoints = 5\n{licence}\n\n'
              '[[rubric.team.items]]\nid = "2.2.2"\nlevel1 = "企业运营"\nlevel2 = "企业资质(10分)"\n'
              'text = "主播持证上岗，取得互联网营销师等职业技能等级证书。(5分)"\npoints = 5\n'
              'criteria = [{ field = "sb_anchor_cert", yes = true }]')
    t = _swap(t, '  { name = "sb_agri_sales_50w",',
              f'  {{ name = "sb_anchor_cert", label = "{CERT_LABEL}", kind = "yesno", types = ["team"], item = "9" }},\n'
              '  { name = "sb_agri_sales_50w",')
    return t


def make_2025(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "y2025.toml"
    path.write_text(notice_2025_text(), "utf-8")
    return path
