"""通知三（一）3: the scanned PDF is named “市(州)+公司名称+2024 年十百千万工程示范项目+…申报资料”. A park's or base's
申报主体 is its 运营主体 (二（二）1), a company: its 运营机构名称 is the 公司名称, not the park's or base's own name."""
import pytest

from shibai_xl.faces.cli import main
from tests.conftest import example

TAIL = "2024年十百千万工程示范项目"


def _upload_line(capsys) -> str:
    out = capsys.readouterr().out
    return next(x for x in out.splitlines() if x.startswith("上传文件名："))


def test_park_upload_name_is_the_operating_company(make_workbook, capsys):
    path = make_workbook("park", example("park"))
    capsys.readouterr()
    assert main(["check", str(path)]) == 0
    assert _upload_line(capsys) == f"上传文件名：贵阳市贵州黔货出山园区运营管理有限公司{TAIL}示范园区申报资料.pdf"


def test_base_upload_name_is_the_operating_company(make_workbook, capsys):
    path = make_workbook("base", example("base"))
    capsys.readouterr()
    assert main(["check", str(path)]) == 0
    assert _upload_line(capsys) == f"上传文件名：遵义市遵义红色之旅文化传媒有限公司{TAIL}示范直播基地申报资料.pdf"


def test_park_without_operator_name_keeps_its_own_name(make_workbook, capsys):
    path = make_workbook("park", example("park", sb_operator_name=...))
    capsys.readouterr()
    assert main(["check", str(path)]) == 0
    assert _upload_line(capsys) == f"上传文件名：贵阳市贵阳黔货出山电子商务产业园{TAIL}示范园区申报资料.pdf"


def test_enterprise_upload_name_is_its_name(make_workbook, capsys):
    path = make_workbook("enterprise", example("enterprise"))
    capsys.readouterr()
    assert main(["check", str(path)]) == 0
    assert _upload_line(capsys) == f"上传文件名：黔东南州贵州山珍优品电子商务有限公司{TAIL}示范企业申报资料.pdf"


@pytest.mark.parametrize("operator", ["/", "无", "——", "同上"])
def test_park_whose_operator_is_said_to_be_none_keeps_its_own_name(make_workbook, capsys, operator):
    """A park its 管委会 runs writes "/" or "无" as its 运营机构名称 (or "同上"): no company is named there; the upload
    name was “贵阳市2024年…” (no 公司名称 at all) or “贵阳市无2024年…”."""
    path = make_workbook("park", example("park", sb_operator_name=operator))
    capsys.readouterr()
    main(["check", str(path)])
    assert _upload_line(capsys) == f"上传文件名：贵阳市贵阳黔货出山电子商务产业园{TAIL}示范园区申报资料.pdf"


@pytest.mark.parametrize("operator", ["/", "无", "——", "同上"])
def test_sb_upload_name_over_an_operator_said_to_be_none_asks_for_the_name(operator):
    """=SB_UPLOAD_NAME(市州, 运营机构名称, 类型) over that park's cells gave “贵阳市2024年…” or “贵阳市同上2024年…”,
    where check names the file by the park's 名称: the formula cannot see the 名称, so it asks for it."""
    from shibai_xl.faces import udf_functions as U
    said = U.upload_name("贵阳", operator, "园区")
    assert said.startswith(U.ERROR) and f"“{operator}”" in said and "名称" in said, said
    name = example("park")["sb_name"]
    assert U.upload_name("贵阳", name, "园区") == f"贵阳市{name}{TAIL}示范园区申报资料.pdf"
