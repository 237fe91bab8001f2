"""Write the blank official workbooks into ``workbooks/`` so users can download them without Python.

    python -m shibai_xl.jobs.export_templates workbooks
"""
from __future__ import annotations

import sys
from pathlib import Path

from ..adapters.files import write_atomic
from ..adapters.xlsx import templates
from ..rules import load


def template_files(rules=None) -> dict[str, object]:
    rules = rules or load()
    out: dict[str, object] = {}
    for t in rules.types:
        out[f"{rules.types[t].form_title}.xlsx"] = lambda t=t: templates.new_application(t, rules)
        out[f"评分表-{rules.types[t].short}.xlsx"] = lambda t=t: templates.new_rubric(t, rules)
    out["项目汇总表.xlsx"] = lambda: templates.new_summary(rules=rules)
    return out


def export(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, build in template_files().items():
        wb = build()
        path = folder / name
        write_atomic(path, lambda tmp, wb=wb: wb.save(tmp), backup=False)
        written.append(path)
    return written


if __name__ == "__main__":
    for p in export(Path(sys.argv[1] if len(sys.argv) > 1 else "workbooks")):
        print(p)
