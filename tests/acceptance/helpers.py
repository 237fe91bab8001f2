"""Independent acceptance helpers: make workbooks with the real CLI, fill them by defined name
(CONTRACT §2) as a person would, run the real CLI and read its output.

Nothing here imports the product (shibai_xl) except through its console command, so the
expectations are the examiner's, built from the notice and CONTRACT.md.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from ..filled_cache import Filled

SHIBAI = [sys.executable, "-m", "shibai_xl.faces.cli"]
if shutil.which("shibai"):
    SHIBAI = [shutil.which("shibai")]

# ---------------------------------------------------------------- USCC (GB 32100-2015 §4)
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc(head: str = "91", region: str = "520102", serial: str = "MA6DKQ8X1") -> str:
    """A 统一社会信用代码 with a correct check digit, computed from the standard itself."""
    body = head + region + serial
    assert len(body) == 17, body
    s = sum(_USCC_CHARS.index(c) * w for c, w in zip(body, _USCC_WEIGHTS, strict=True))
    return body + _USCC_CHARS[(31 - s % 31) % 31]


def wrong_check_digit(code: str) -> str:
    last = code[-1]
    other = next(c for c in "0123456789" if c != last)
    return code[:-1] + other


# ---------------------------------------------------------------- running the CLI
def run(*args, cwd=None, env=None, timeout=120, input=None) -> subprocess.CompletedProcess:
    e = dict(os.environ)
    e.setdefault("PYTHONIOENCODING", "utf-8")
    e.pop("PYTHONWARNINGS", None)
    if env:
        e.update(env)
    return subprocess.run([*SHIBAI, *map(str, args)], capture_output=True, text=True, encoding="utf-8",
                          cwd=cwd, env=e, timeout=timeout, input=input)


def check_json(*paths, extra=()) -> tuple[int, object, str]:
    p = run("check", *paths, "--json", *extra)
    try:
        data = json.loads(p.stdout) if p.stdout.strip() else None
    except json.JSONDecodeError as exc:  # pragma: no cover - reported by the assertion
        raise AssertionError(f"stdout is not one JSON document: {exc}\n{p.stdout[:2000]}\n{p.stderr[:2000]}") from exc
    return p.returncode, data, p.stderr


def assert_no_traceback(p: subprocess.CompletedProcess) -> None:
    both = (p.stdout or "") + (p.stderr or "")
    assert "Traceback" not in both, both[-3000:]
    assert "程序内部错误" not in both, both[-3000:]


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# ---------------------------------------------------------------- templates made by `shibai new`
TYPES = ("park", "base", "enterprise", "team")
TEMPLATE_CACHE: list[Path] = []   # set once per session by conftest.py


def template(kind: str, cache: Path | None = None) -> Path:
    """The empty workbook `shibai new KIND` writes (made once per session and copied)."""
    cache = TEMPLATE_CACHE[0] if TEMPLATE_CACHE else cache
    path = cache / f"template-{kind}.xlsx"
    if not path.exists():
        p = run("new", kind, "--out", path)
        assert p.returncode == 0, p.stderr
    return path


_FILLED = Filled()   # what a fill saved, by the workbook filled and what with (tests/filled_cache.py)


def fill(path: Path, values: dict, residents: list[dict] | None = None) -> Path:
    """Type values into the cells carrying the contract's defined names; residents into sb_residents."""
    key = repr((hashlib.sha256(path.read_bytes()).hexdigest(), values, residents))
    if _FILLED.copy_to(key, path):
        return path
    wb = load_workbook(path)
    for name, value in values.items():
        if value is None:
            continue
        dn = wb.defined_names.get(name)
        assert dn is not None, f"the workbook has no defined name {name}"
        (sheet, ref), = list(dn.destinations)
        cell = wb[sheet][ref.replace("$", "")]
        cell.value = value
        if isinstance(value, float) and name in ("sb_incubation_rate", "sb_online_share") and value <= 1:
            cell.number_format = "0%"
        if isinstance(value, date):
            cell.number_format = "yyyy-mm-dd"
    if residents is not None:
        write_residents(wb, residents)
    wb.save(path)
    _FILLED.keep(key, path)
    return path


def write_residents(wb, rows: list[dict]) -> None:
    for ws in wb.worksheets:
        if "sb_residents" in ws.tables:
            table = ws.tables["sb_residents"]
            break
    else:
        raise AssertionError("no sb_residents table")
    c1, r1, c2, r2 = range_boundaries(table.ref)
    header = [ws.cell(r1, c).value for c in range(c1, c2 + 1)]
    for i, row in enumerate(rows):
        for key, value in row.items():
            ws.cell(r1 + 1 + i, c1 + header.index(key)).value = value
    last = r1 + len(rows)
    if last > r2:  # Excel grows the table when a person types below it
        from openpyxl.utils import get_column_letter
        table.ref = f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{last}"


# ---------------------------------------------------------------- good applications written from the notice
COMMON = {
    "sb_authority": "都匀市商务局",
    "sb_address": "贵州省黔南州都匀市剑江中路1号",
    "sb_fill_date": date(2024, 5, 10),
    "sb_leader_name": "张伟",
    "sb_leader_title": "总经理",
    "sb_leader_mobile": "13985400001",
    "sb_period_start": date(2023, 1, 1),
    "sb_period_end": date(2023, 12, 1),
    "sb_city": "黔南州",
    "sb_county": "都匀市",
    "sb_established": date(2019, 6, 1),
    "sb_credit_ok": "是",
    "sb_finance_ok": "是",
    "sb_contact": "刘芳",
    "sb_contact_phone": "13985400002",
    "sb_performance": ("本单位立足都匀毛尖和黔南特色农产品，建设线上线下融合的电商运营体系，与主流电商平台和短视频平台"
                       "长期合作，年度网络零售额稳步增长；自建仓储和品控中心，带动周边茶农和合作社增收；每年举办电商"
                       "培训和直播孵化活动，培训学员上千人次，孵化本地主播和网店上百个，在乡村振兴、就业创业和区域公用"
                       "品牌建设方面成效明显，得到当地政府和群众的认可。"),
}
assert len(COMMON["sb_performance"]) >= 150

SERVICES = {n: "是" for n in ("sb_svc_live", "sb_svc_crossborder", "sb_svc_logistics", "sb_svc_photo", "sb_svc_cs",
                               "sb_svc_agency", "sb_svc_accounting", "sb_svc_patent", "sb_svc_consulting",
                               "sb_svc_legal", "sb_adm_registration", "sb_adm_annual", "sb_adm_tax",
                               "sb_adm_project")}

MATERIALS = {"sb_mat_recommend": "是", "sb_mat_proposal": "是", "sb_mat_form": "是", "sb_mat_evidence": "是",
             "sb_mat_credit_china": "是", "sb_mat_zxgk": "是", "sb_mat_wenshu": "是", "sb_mat_pbc": "是",
             "sb_mat_license": "是", "sb_mat_icp": "是", "sb_mat_audit": "是", "sb_mat_permit": "不涉及"}

GOOD = {
    "park": {
        **COMMON, **SERVICES, **MATERIALS,
        "sb_name": "都匀毛尖电子商务产业园",
        "sb_uscc": uscc("91", "522701", "MA6DUY001"),
        "sb_operator_name": "都匀毛尖园区运营管理有限公司",
        "sb_operator_type": "民营企业",
        "sb_trade_total": 3.6,          # 亿元
        "sb_online_retail": 3600,       # 万元
        "sb_area_park": 30000, "sb_area_ecom": 2000, "sb_area_service": 6000,
        "sb_telecom_agreement": "是", "sb_bandwidth_100m": "是",
        "sb_live_rooms": 12, "sb_public_areas": 6,
        "sb_has_platform": "是", "sb_platform_stats": "是", "sb_platform_three_flows": "是",
        "sb_resident_count": 12,
        "sb_demo_enterprises": 1, "sb_survey_enterprises": 1, "sb_listed_enterprises": 1, "sb_authorized_enterprises": 1,
        "sb_finance_coop": "是", "sb_talent_policy": "是",
        "sb_incubated": 12, "sb_incubation_rate": 60,
        "sb_svc_collab": "是",
        "sb_expert_team": "是", "sb_brands": 8, "sb_staff_50": "是", "sb_rural": "是",
        "sb_plan_complete": "是", "sb_plan_phased": "是", "sb_quality_plan": "是",
        "sb_crossborder_usd": 800000,
    },
    "base": {
        **COMMON, **SERVICES, **MATERIALS,
        "sb_name": "都匀剑江直播电商基地",
        "sb_uscc": uscc("91", "522701", "MA6DUY002"),
        "sb_operator_name": "都匀剑江文化传媒有限公司",
        "sb_operator_type": "民营企业",
        "sb_trade_total": 6000, "sb_online_retail": 1200,
        "sb_area_ecom": 800, "sb_live_rooms": 6, "sb_public_area_ok": "是",
        "sb_has_platform": "是", "sb_platform_stats": "是",
        "sb_resident_count": 12, "sb_anchors": 20,
        "sb_demo_enterprises": 1, "sb_survey_enterprises": 1, "sb_listed_enterprises": 1, "sb_authorized_enterprises": 1,
        "sb_finance_coop": "是", "sb_talent_policy": "是",
        "sb_svc_event": "是", "sb_base_functions": "是",
        "sb_platform_coop": "是", "sb_brands": 6, "sb_rural": "是",
        "sb_plan_complete": "是", "sb_plan_phased": "是", "sb_quality_plan": "是",
        "sb_crossborder_usd": 600000,
    },
    "enterprise": {
        **COMMON, **MATERIALS,
        "sb_name": "贵州都匀茶香电子商务有限公司",
        "sb_uscc": uscc("91", "522701", "MA6DUY003"),
        "sb_org_type": "民营企业",
        "sb_enterprise_kind": "平台类",
        "sb_trade_total": 1500, "sb_online_retail": 300,
        "sb_has_app": "是", "sb_logistics_coop": "是", "sb_online_share_50": "是", "sb_ecom_dept": "是",
        "sb_icp": "是", "sb_social_benefit": "是", "sb_rural": "是",
        "sb_online_share": 60, "sb_store_qianhuo": "是",
    },
    "team": {
        **COMMON, **MATERIALS,
        "sb_name": "贵州剑江直播文化传媒有限公司",
        "sb_uscc": uscc("91", "522701", "MA6DUY004"),
        "sb_org_type": "民营企业",
        "sb_live_sales": 800,
        "sb_has_app": "是", "sb_experience_6m": "是", "sb_warehouse_system": "是", "sb_in_park": "是",
        "sb_anchors_5": "是", "sb_fans_1m": "是", "sb_brand_case": "是", "sb_license": "是",
        "sb_social_benefit": "是", "sb_rural": "是", "sb_agri_sales_50w": "是",
        "sb_fans": 1500000, "sb_agri_sales": 80, "sb_app_running": "是",
    },
}


def residents_for(kind: str, n: int = 12, retail_total: float | None = None, trade_total: float | None = None,
                  staff_each: int = 10, notes: list[str] | None = None, region: str = "522701") -> list[dict]:
    """A 附件3 list of n companies whose sums match the GOOD form unless told otherwise (万元)."""
    form = GOOD[kind]
    if trade_total is None:
        trade_total = form["sb_trade_total"] * (10000 if kind == "park" else 1)
    if retail_total is None:
        retail_total = form["sb_online_retail"]
    notes = notes if notes is not None else (["国家级电商示范企业", "商务部商贸流通典型统计调查企业", "已上市企业",
                                             "知名电商平台授权运营企业"] + [""] * n)
    def split(total):  # exact to the cent: the last company takes the remainder
        cents = round(total * 100)
        each = [cents // n] * n
        each[-1] += cents - sum(each)
        return [c / 100 for c in each]

    trades, retails = split(trade_total), split(retail_total)
    rows = []
    for i in range(n):
        rows.append({
            "序号": i + 1,
            "企业名称": f"贵州都匀第{i + 1}号电子商务有限公司",
            "联系人": "陈先生",
            "联系方式": f"1398540{i:04d}",
            "企业网址": f"https://dy{i + 1}.example.cn",
            "所属行业（类型）": "农产品",
            "从业人数": staff_each,
            "年度网络交易额（万元）": trades[i],
            "年度网络零售额（万元）": retails[i],
            "备注": notes[i] if i < len(notes) else "",
            "统一社会信用代码": uscc("91", region, f"MA{kind[:2].upper()}{i:05d}"),
        })
    return rows


def make_app(tmp: Path, kind: str, name: str | None = None, residents="default", **changes) -> Path:
    """A filled application: `shibai new KIND`, then GOOD values with ``changes`` (None removes a value)."""
    tpl = template(kind)
    path = tmp / (name or f"{kind}-{len(list(tmp.glob('*.xlsx')))}.xlsx")
    shutil.copyfile(tpl, path)
    values = dict(GOOD[kind])
    for k, v in changes.items():
        if v is None:
            values.pop(k, None)
        else:
            values[k] = v
    if residents == "default":
        residents = residents_for(kind) if kind in ("park", "base") else None
    fill(path, values, residents)
    return path


def codes(result: dict) -> list[str]:
    return [f["code"] for f in result["findings"]]


def finding(result: dict, code: str) -> list[dict]:
    return [f for f in result["findings"] if f["code"] == code]


def item(result: dict, item_id: str) -> dict:
    hits = [i for i in result["score"]["items"] if i["id"] == item_id]
    assert len(hits) == 1, [i["id"] for i in result["score"]["items"]]
    return hits[0]


# ---------------------------------------------------------------- LibreOffice as the person's "另存为"
def soffice_convert(paths: list[Path], fmt: str, outdir: Path, timeout: int = 240) -> list[Path]:
    """LibreOffice's `--convert-to FMT` of several files as it is set up out of the box (a formula shows the value
    saved with it), in the copy of LibreOffice the test process keeps running (tests/libreoffice.py)."""
    from tests.libreoffice import convert_many

    copies = convert_many(list(paths), fmt, outdir, timeout, recalc=False)
    return [copies[p] for p in paths]
