"""What Excel's message box, its input box and the WPS add-in show of an applicant's text: no control character, no
direction override. A company name holding _x0000_ (Excel's escape of a pasted NUL, read back as the character) cut
Windows' message box there — the rest of the refresh's report, its 注意 lines, never shown — and a U+202E showed the
rest of its line reversed; the terminal already left them out (faces/cli.py terminal_safe)."""
from __future__ import annotations

import re
from types import SimpleNamespace

from shibai_xl.examples import make_uscc
from shibai_xl.faces import ribbon_actions as R
from shibai_xl.faces.serve import Question
from shibai_xl.jobs import actions as A
from shibai_xl.jobs.refresh import refresh
from tests.test_summaries_real_world import application

UNSAFE = [chr(c) for c in (*range(0x00, 0x09), *range(0x0b, 0x20), *range(0x7f, 0xa0), *range(0x202a, 0x202f),
                           *range(0x2066, 0x206a))]


FORGED = re.compile("^注意[:：]全部通过", re.MULTILINE)


class FakeExcel:
    def __init__(self) -> None:
        self.said: list[str] = []
        self.api = SimpleNamespace(InputBox=lambda prompt, title, default: self.said.append(prompt) or default)

    def alert(self, text, title="", mode="info") -> None:
        self.said.append(text)


def _two_versions_report(tmp_path) -> str:
    apps = tmp_path / "apps"
    code = make_uscc("520102", "MA6DKQ8X1")
    application(apps, "enterprise", "甲.xlsx", sb_name="贵州甲_x0000_电商公司", sb_city="贵阳市", sb_uscc=code)
    application(apps, "enterprise", "乙.xlsx", sb_name="\u202e贵州乙电商公司", sb_city="贵阳市", sb_uscc=code)
    said = refresh(tmp_path / "汇总表.xlsx", apps, city="贵阳市").describe()
    # any applicant's text a message quotes as it was typed (a finding's value, a 问题 part, an error's cell)
    return said + "\n所填：“贵州甲\x00电商公司\u202e，\x1b[2J”。注意：以上为原文"


def test_a_nul_in_a_company_name_does_not_cut_excels_message_box(tmp_path):
    text = _two_versions_report(tmp_path)
    excel = FakeExcel()
    ctx = R.Context(None, excel)
    ctx.alert(text)
    ctx.ask(text, "2024-05")
    for said in excel.said:
        assert not [ch for ch in said if ch in UNSAFE], repr(said)
        assert "贵州甲电商公司" in said and said.endswith(text[-10:]), said   # the whole message, to its end


def test_the_wps_add_in_is_sent_no_control_character_nor_direction_override(tmp_path):
    text = _two_versions_report(tmp_path)
    said = A.Outcome(text).to_json()["message"]
    asked = Question("round", text, "2024-05").to_json()["ask"]["prompt"]
    for shown in (said, asked):
        assert not [ch for ch in shown if ch in UNSAFE], repr(shown)
        assert "贵州甲电商公司" in shown and "\n" in shown


def test_a_line_break_in_a_company_name_forges_no_line_of_the_report_nor_of_the_batch_question(tmp_path):
    """A 企业名称 holding a line break (Alt+Enter, or _x000A_ pasted) put a line of the applicant's own into the
    refresh's report, the terminal's and Excel's — “注意：全部通过” as if the tool said it — and into 刷新汇总表's batch
    question. A name is said on one line, its line break shown as ␊, as file and sheet names are."""
    apps = tmp_path / "apps"
    code = make_uscc("520102", "MA6DKQ8X1")
    forged = "贵州乙电商公司_x000A_注意：全部通过，无需核实"
    application(apps, "enterprise", "甲.xlsx", sb_name="贵州甲电商公司", sb_city="贵阳市", sb_uscc=code)
    application(apps, "enterprise", "乙.xlsx", sb_name=forged, sb_city="贵阳市", sb_uscc=code)
    application(apps, "team", "丙.xlsx", sb_name="贵州丙直播团队_x000D__x000A_注意：全部通过", sb_city="贵阳市")
    summary = tmp_path / "汇总表.xlsx"
    said = refresh(summary, apps, city="贵阳市", batch="2024-05").describe()
    assert not [line for line in said.splitlines() if FORGED.match(line)], said
    assert FORGED.search(said.replace("贵州乙电商公司␊", "\n")), said     # said, on the name's line
    application(apps, "enterprise", "丁.xlsx", sb_name="贵州丁公司_x000A_注意：全部通过", sb_city="贵阳市",
                sb_uscc=make_uscc("520102", "MA6DKQ8X2"))
    asked = []
    update = refresh(summary, apps, city="贵阳市").update
    A._this_round(update, lambda prompt, choices, default: asked.append(prompt), None)
    assert asked and not [line for line in asked[0].splitlines() if FORGED.match(line)], asked
    assert "贵州丁公司␊" in asked[0], asked


def test_a_unicode_line_separator_in_a_company_name_forges_no_line_either(tmp_path):
    """U+2028/U+2029 (LINE/PARAGRAPH SEPARATOR, pasted from a web page or a PDF) break a line where text is laid out
    by Unicode's rules — WPS's alert on 统信 UOS/麒麟, a browser — as a line break does: the name is said on one line
    with the separator as ␤, and no message the add-ins show holds one."""
    apps = tmp_path / "apps"
    code = make_uscc("520102", "MA6DKQ8X1")
    application(apps, "enterprise", "甲.xlsx", sb_name="贵州甲电商公司", sb_city="贵阳市", sb_uscc=code)
    application(apps, "enterprise", "乙.xlsx", sb_name="贵州乙电商公司\u2028注意：全部通过\u2029", sb_city="贵阳市",
                sb_uscc=code)
    said = refresh(tmp_path / "汇总表.xlsx", apps, city="贵阳市").describe()
    assert "\u2028" not in said and "贵州乙电商公司␤注意" in said, said
    shown = A.Outcome(said + "\n所填：“甲\u2028乙\u2029”").to_json()["message"]
    assert "\u2028" not in shown and "\u2029" not in shown and "甲乙" in shown, shown


def test_a_file_name_in_the_status_bar_shows_on_one_line_not_reversed():
    """Excel's status bar and WPS's (/api/progress) showed the file being read as named: 团队\\u202exslx.xlsx reversed
    (团队xlsx.xslx…, a name misleading about what is read), a line break splitting it. Said as the report says it."""
    from shibai_xl.faces.progress import progress_text
    shown = progress_text("读取申报表", 1, 2, "团队\u202exslx.xlsx\n注意.xlsx")
    assert shown == "读取申报表：1/2 团队xslx.xlsx␊注意.xlsx", shown


def test_the_task_pane_lists_no_control_character_nor_direction_override(tmp_path):
    """The WPS/Excel task pane (jobs.actions.findings) lists the applicant's name and every finding's message, which
    quotes what was typed (a mobile “138\u202e…”): shown as the message box shows it, the direction override and the
    NUL gone, the cell to jump to kept."""
    path = application(tmp_path, "enterprise", "甲.xlsx", sb_name="\u202e贵州甲电商公司\x00",
                       sb_leader_mobile="138\u202e00\x0b12", sb_city="贵阳市")
    with A.request_view(str(path)) as view:
        pane = A.findings(view)
    shown = [pane["name"], *(f["message"] for f in pane["findings"])]
    assert any("手机号码" in m and "0012" in m for m in shown), shown      # the mobile's finding is listed, its text quoted
    for text in shown:
        assert not [ch for ch in text if ch in UNSAFE], repr(text)
    assert pane["name"] == "贵州甲电商公司"
    assert all(f["cell"] is None or isinstance(f["cell"], str) for f in pane["findings"])
    assert any(f["cell"] for f in pane["findings"])
