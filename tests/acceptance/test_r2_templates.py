"""Round 2: the templates `shibai new` makes and the ones committed in workbooks/ (CONTRACT §2, §3).

CONTRACT §2: "Every input cell of an application workbook carries a workbook-scoped defined name from
this table … Checkbox items (□是 □否) hold the text 是 or 否 (data validation list)". §3 fixes the
headers of sb_residents and sb_summary. README: "空白模板也直接放在 workbooks/ 里".
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils.cell import coordinate_from_string, range_boundaries

from .helpers import TYPES, run, template

ROOT = Path(__file__).resolve().parents[2]
COMMON = ("sb_name sb_authority sb_address sb_fill_date sb_leader_name sb_leader_title sb_leader_mobile "
          "sb_period_start sb_period_end sb_city sb_county sb_uscc sb_established sb_credit_ok sb_finance_ok "
          "sb_contact sb_contact_phone sb_performance").split()
MATERIALS = ("sb_mat_recommend sb_mat_proposal sb_mat_form sb_mat_evidence sb_mat_credit_china sb_mat_zxgk "
             "sb_mat_wenshu sb_mat_pbc sb_mat_license sb_mat_icp sb_mat_audit sb_mat_permit").split()
SVC = "sb_svc_live sb_svc_crossborder sb_svc_logistics sb_svc_photo sb_svc_cs sb_svc_agency sb_svc_accounting " \
      "sb_svc_patent sb_svc_consulting sb_svc_legal sb_svc_other".split()
ADM = "sb_adm_registration sb_adm_annual sb_adm_tax sb_adm_project sb_adm_other".split()
YES_NO = {
    "park": ("sb_telecom_agreement sb_bandwidth_100m sb_has_platform sb_platform_stats sb_platform_three_flows "
             "sb_finance_coop sb_talent_policy sb_expert_team sb_staff_50 sb_rural sb_plan_complete sb_plan_phased "
             "sb_quality_plan sb_svc_collab").split(),
    "base": ("sb_public_area_ok sb_has_platform sb_platform_stats sb_finance_coop sb_talent_policy sb_platform_coop "
             "sb_rural sb_plan_complete sb_plan_phased sb_quality_plan sb_svc_event").split(),
    "enterprise": ("sb_has_app sb_logistics_coop sb_online_share_50 sb_ecom_dept sb_icp sb_social_benefit "
                   "sb_rural").split(),
    "team": ("sb_has_app sb_experience_6m sb_warehouse_system sb_in_park sb_anchors_5 sb_fans_1m sb_brand_case "
             "sb_license sb_social_benefit sb_rural sb_agri_sales_50w").split(),
}
OTHER = {
    "park": ("sb_operator_name sb_operator_type sb_operator_type_other sb_trade_total sb_online_retail sb_area_park "
             "sb_area_ecom sb_area_service sb_live_rooms sb_public_areas sb_resident_count sb_demo_enterprises "
             "sb_survey_enterprises sb_listed_enterprises sb_authorized_enterprises sb_incubated "
             "sb_incubation_rate sb_brands sb_crossborder_usd").split() + SVC + ADM,
    "base": ("sb_operator_name sb_operator_type sb_operator_type_other sb_trade_total sb_online_retail sb_area_ecom "
             "sb_live_rooms sb_resident_count sb_anchors sb_demo_enterprises sb_survey_enterprises "
             "sb_listed_enterprises sb_authorized_enterprises sb_brands sb_crossborder_usd").split()
            + [n for n in SVC] + ADM,
    "enterprise": ("sb_org_type sb_org_type_other sb_enterprise_kind sb_trade_total sb_sales sb_online_retail "
                   "sb_online_share").split(),
    "team": "sb_org_type sb_org_type_other sb_live_sales sb_fans sb_agri_sales".split(),
}
RESIDENTS_HEADER = ["序号", "企业名称", "联系人", "联系方式", "企业网址", "所属行业（类型）", "从业人数",
                    "年度网络交易额（万元）", "年度网络零售额（万元）", "备注"]
SUMMARY_HEADER = ["序号", "市（州）", "县区", "企业名称", "企业地址", "项目类型", "企业性质", "企业运营情况及主要业绩",
                  "联系人", "电话", "年度交易额（万元）", "年度网络零售额（万元）", "市州评分"]
COMMITTED = {"park": "电商示范园区申报表.xlsx", "base": "电商示范直播基地申报表.xlsx",
             "enterprise": "电商示范企业申报表.xlsx", "team": "电商直播团队申报表.xlsx"}


def _cell_of(wb, name):
    dn = wb.defined_names.get(name)
    assert dn is not None, f"no workbook-scoped name {name}"
    dests = list(dn.destinations)
    assert len(dests) == 1, (name, dn.attr_text)
    sheet, ref = dests[0]
    assert sheet in wb.sheetnames, (name, sheet)
    ref = ref.replace("$", "")
    coordinate_from_string(ref)              # one cell, not a range
    return sheet, ref


def _validations(ws, ref):
    out = []
    for dv in ws.data_validations.dataValidation:
        if any(ref in rng for rng in (dv.sqref,)):
            out.append(dv)
    return out


@pytest.mark.parametrize("kind", TYPES)
def test_every_contract_name_is_a_workbook_scoped_single_cell(kind):
    wb = load_workbook(template(kind))
    for ws in wb.worksheets:
        assert not set(ws.defined_names) & set(COMMON + MATERIALS + YES_NO[kind] + OTHER[kind]), ws.title
    for name in COMMON + MATERIALS + YES_NO[kind] + OTHER[kind]:
        _cell_of(wb, name)


@pytest.mark.parametrize("kind", TYPES)
def test_checkbox_names_offer_exactly_yes_and_no(kind):
    wb = load_workbook(template(kind))
    for name in YES_NO[kind] + ["sb_credit_ok", "sb_finance_ok"]:
        sheet, ref = _cell_of(wb, name)
        dvs = [dv for dv in _validations(wb[sheet], ref) if dv.type == "list"]
        assert dvs, f"{name} ({sheet}!{ref}) has no list validation"
        items = {x.strip() for x in dvs[0].formula1.strip('"').split(",")}
        assert items == {"是", "否"}, (name, dvs[0].formula1)
    sheet, ref = _cell_of(wb, "sb_mat_permit")       # CONTRACT §2: "不涉及 allowed"
    dv = next(dv for dv in _validations(wb[sheet], ref) if dv.type == "list")
    assert "不涉及" in dv.formula1


@pytest.mark.parametrize("kind", ["park", "base"])
def test_residents_table_header_is_the_attachment_3_header(kind):
    wb = load_workbook(template(kind))
    found = [(ws, ws.tables["sb_residents"]) for ws in wb.worksheets if "sb_residents" in ws.tables]
    assert len(found) == 1
    ws, t = found[0]
    c1, r1, c2, _ = range_boundaries(t.ref)
    header = [ws.cell(r1, c).value for c in range(c1, c2 + 1)]
    assert header[:10] == RESIDENTS_HEADER and header[10:] in ([], ["统一社会信用代码"])


def test_summary_table_header_is_the_attachment_4_header(tmp_path):
    out = tmp_path / "汇总表.xlsx"
    assert run("new", "summary", "--out", out).returncode == 0
    for path in (out, ROOT / "workbooks" / "项目汇总表.xlsx"):
        wb = load_workbook(path)
        ws = wb.worksheets[0]
        assert "sb_summary" in ws.tables, path        # README: 表格放在第一个工作表
        c1, r1, c2, _ = range_boundaries(ws.tables["sb_summary"].ref)
        header = [ws.cell(r1, c).value for c in range(c1, c2 + 1)]
        assert header[:13] == SUMMARY_HEADER, (path, header)
        assert {"前置条件", "自动评分", "问题", "来源文件"} <= set(header[13:])


@pytest.mark.parametrize("kind", TYPES)
def test_committed_template_equals_shibai_new(kind):
    ours = load_workbook(template(kind))
    committed = load_workbook(ROOT / "workbooks" / COMMITTED[kind])
    assert committed.sheetnames == ours.sheetnames
    assert ({n: d.attr_text for n, d in committed.defined_names.items()}
            == {n: d.attr_text for n, d in ours.defined_names.items()})
    for ws in ours.worksheets:
        other = committed[ws.title]
        assert ws.max_row == other.max_row and ws.max_column == other.max_column, ws.title
        for row in ws.iter_rows():
            for c in row:
                assert other[c.coordinate].value == c.value, (ws.title, c.coordinate)
        assert [str(dv.sqref) for dv in ws.data_validations.dataValidation] == \
               [str(dv.sqref) for dv in other.data_validations.dataValidation], ws.title


def test_libreoffice_prints_every_template(tmp_path):
    """README: 模板里的合计、数据有效性和打印设置都是表格原生功能，不装 Python 也能用."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe or not shutil.which("pdfinfo"):
        pytest.skip("LibreOffice or poppler-utils not installed")
    files = [ROOT / "workbooks" / f for f in COMMITTED.values()] + [ROOT / "workbooks" / "项目汇总表.xlsx"]
    src = tmp_path / "src"
    src.mkdir()
    copies = [Path(shutil.copy(f, src / f.name)) for f in files]
    from .helpers import soffice_convert
    pdfs = soffice_convert(copies, "pdf", tmp_path / "pdf")
    for pdf in pdfs:
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60)
        assert info.returncode == 0, info.stderr
        pages = int(next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:")))
        assert 1 <= pages <= 12, (pdf.name, pages)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60).stdout
        assert "申报表" in text or "汇总表" in text, pdf.name
