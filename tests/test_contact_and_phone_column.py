"""A city's hand-made 附件4 with one column for the contact and the phone ("联系人及电话", "联系人/电话",
"联系人、联系方式") holding "张三 13985012345": read as 联系人, said once that the phone is in it; refresh no longer
says both columns were deleted. QA qa64a."""
from __future__ import annotations

import pytest
from openpyxl import Workbook

from shibai_xl.faces.cli import main
from tests.test_adopt_headers import OFFICIAL
from tests.test_summaries_real_world import application, province_rows, table_rows

TITLES = ("联系人及电话", "联系人/电话", "联系人、联系方式")
CONTACTS = {"贵阳甲电子商务有限公司": "张三 13985012345", "贵阳乙电商产业园": "李四/0851-88550000"}


def _summary(path, title):
    wb = Workbook()
    ws = wb.active
    ws.append(["贵阳市2024年电商“十百千万”工程示范项目汇总表"])
    ws.append([*OFFICIAL[:8], title, *OFFICIAL[10:]])
    for i, (name, kind, trade) in enumerate([("贵阳甲电子商务有限公司", "企业", 2600), ("贵阳乙电商产业园", "园区", 35000)], 1):
        ws.append([i, "贵阳市", "云岩区", name, "地址", kind, "民企", "业绩", CONTACTS[name], trade, 900, 85])
    wb.save(path)
    return path


@pytest.mark.parametrize("title", TITLES)
def test_merge_reads_the_column_as_the_contact_and_says_the_phone_is_in_it(tmp_path, capsys, title):
    src = _summary(tmp_path / "贵阳市汇总表.xlsx", title)
    capsys.readouterr()
    assert main(["merge", str(tmp_path / "全省.xlsx"), str(src)]) == 0
    said = capsys.readouterr().out
    got = {r["企业名称"]: r["联系人"] for r in province_rows(tmp_path / "全省.xlsx")}
    assert got == CONTACTS, got
    assert said.count("联系人和电话写在同一栏") == 1, said


@pytest.mark.parametrize("title", TITLES)
def test_refresh_takes_the_column_as_the_contact_and_adds_only_the_phone(tmp_path, capsys, title):
    summary = _summary(tmp_path / "贵阳市汇总表.xlsx", title)
    application(tmp_path / "apps", "enterprise", "企业.xlsx", sb_city="贵阳市")
    capsys.readouterr()
    assert main(["refresh", str(summary), "--from", str(tmp_path / "apps")]) == 0
    said = capsys.readouterr().out
    assert "“联系人”列曾被删除" not in said and "“电话”列曾被删除" not in said, said
    assert f"联系人和电话写在同一栏“{title}”" in said, said
    rows = table_rows(summary)
    assert {name: (rows[name]["联系人"], rows[name]["电话"]) for name in CONTACTS} == \
        {name: (contact, None) for name, contact in CONTACTS.items()}
    app = rows["贵州山珍优品电子商务有限公司"]
    assert (app["联系人"], app["电话"]) == ("李红", "0851-88552573"), app
    assert title not in rows["贵阳甲电子商务有限公司"], rows["贵阳甲电子商务有限公司"]
