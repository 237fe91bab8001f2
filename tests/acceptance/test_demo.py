"""README's first command: `shibai demo` writes example applications and a summary into demo_output/."""
from __future__ import annotations

import json

from .helpers import assert_no_traceback, run


def test_demo_writes_one_passing_application_of_each_type(tmp_path):
    p = run("demo", cwd=tmp_path, timeout=300)
    assert_no_traceback(p)
    assert p.returncode == 0, p.stderr
    out = tmp_path / "demo_output"
    books = sorted(out.rglob("*.xlsx"))
    assert books, list(tmp_path.rglob("*"))
    c = run("check", *books, "--json", cwd=tmp_path)
    objs = json.loads(c.stdout)
    apps = [o for o in objs if "error" not in o]
    passing = {o["type"] for o in apps if o["eligible"] is True}
    assert passing == {"park", "base", "enterprise", "team"}, [(o["file"], o["type"], o["eligible"]) for o in apps]
    errors = [o for o in objs if "error" in o]
    assert all("汇总" in o["error"] or "汇总" in o["file"] for o in errors), errors
    assert any("汇总" in b.name for b in books)
