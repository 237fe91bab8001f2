"""CONTRACT.md read to the letter by another program, through the real CLI (QA round qa57c): what the earlier audits
(test_contract_audit.py, test_contract_edges.py, test_check_cli_contract.py) left open.

§4  `check FILE FILE … --json` is one array of the per-file objects; a wildcard among the arguments that matches no
    file (the Windows prompt passes "D:\\申报\\遵义\\*.xlsx" as typed, and 遵义's folder is still empty) is one
    entry of that array, as a file that is not there is — it does not throw away the files that were given.
"""
from __future__ import annotations

from .helpers import assert_no_traceback, check_json, has_chinese, make_app, run


# ------------------------------------------------------------------ §4 a wildcard matching nothing among others
def test_a_wildcard_matching_nothing_beside_other_files_is_one_unreadable_entry(tmp_path):
    guiyang, zunyi = tmp_path / "贵阳", tmp_path / "遵义"
    guiyang.mkdir()
    zunyi.mkdir()
    make_app(guiyang, "team", name="团队.xlsx")
    make_app(guiyang, "enterprise", name="企业.xlsx")
    pattern = str(zunyi / "*.xlsx")
    rc, data, err = check_json(guiyang / "*.xlsx", pattern)
    assert rc == 1, err                      # some inputs could not be read, the others were (CONTRACT §4)
    assert [o.get("type") for o in data] == ["enterprise", "team", None], data
    missing = data[-1]
    assert set(missing) == {"file", "error"} and missing["file"] == pattern
    assert "没有与" in missing["error"] and has_chinese(missing["error"])
    # a file given by name beside it: the same array, not one object
    rc, data, err = check_json(guiyang / "团队.xlsx", pattern)
    assert rc == 1, err
    assert isinstance(data, list) and [o["file"] for o in data] == ["团队.xlsx", pattern]
    # the table on the terminal lists it too
    p = run("check", guiyang / "团队.xlsx", pattern)
    assert_no_traceback(p)
    assert p.returncode == 1 and "没有与" in p.stdout + p.stderr
    # alone it still checks nothing: [] and exit 2
    rc, data, err = check_json(pattern)
    assert (rc, data) == (2, []) and "没有与" in err
