"""Apply :class:`~shibai_xl.engine.plan.Edits` to the open workbook through xlwings.

The edits are resolved by :mod:`shibai_xl.adapters.edits` from the plan ``shibai check
--write`` applies to the closed file (:mod:`shibai_xl.adapters.xlsx.result_writer`):
the same values go to the same defined names, the same 校验结果 rows from row 5
(old rows cleared), the same hyperlinks and the same marks (fill colour + note on
each cell with a finding). The WPS add-in applies the very same edits as JSON.

All reads happen while resolving, before the first write; each block of cells is
one range write, because each write is a round trip to Excel.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import Any

from ...engine.plan import INPUT_COLOR, MARK_COLORS, RESULT_COLUMNS, Edits, Formula, WritePlan, excel_value  # noqa: F401
from ...errors import RefusedWrite
from ..edits import plan_edits
from .book import OpenBook


def apply_plan(ob: OpenBook, plan: WritePlan, *, values: bool = True, results: bool = True, marks: bool = True,
               keep: Callable[[str], bool] = lambda name: True, mark_sheets: Iterable[str] | None = None) -> None:
    """Write the plan into the open workbook (the parts asked for): everything is read first, then written."""
    apply_edits(ob, plan_edits(ob, plan, values=values, results=results, marks=marks, keep=keep,
                               mark_sheets=mark_sheets))


PROTECTED = ("工作表“{sheet}”设置了带密码的保护，本工具无法写入，工作簿没有改动。请向设置保护的人要密码，"
             "点“审阅”→“撤销工作表保护”后再点一次；写完后可以重新保护。")
BOOK_PROTECTED = ("工作簿设置了带密码的结构保护（审阅 → 保护工作簿），本工具无法添加“{sheet}”表，工作簿没有改动。"
                  "请向设置保护的人要密码，点“审阅”→“保护工作簿”撤销保护后再点一次；写完后可以重新保护。")
# what a sheet's protection allows (Worksheet.Protection), given back as it was when it is protected again
ALLOWANCES = ("AllowFormattingCells", "AllowFormattingColumns", "AllowFormattingRows", "AllowInsertingColumns",
              "AllowInsertingRows", "AllowInsertingHyperlinks", "AllowDeletingColumns", "AllowDeletingRows",
              "AllowSorting", "AllowFiltering", "AllowUsingPivotTables")


def apply_edits(ob: OpenBook, edits: Edits) -> int:
    """Write the edits in their order; returns the number of range writes of values. A sheet protected without a
    password (the templates protect their labels so) is unprotected for the writes and protected again as it was;
    one with a password is refused before the first write (Excel would fail halfway, the book half done)."""
    lifted = lift_protection(ob, edits)
    try:
        return _write(ob, edits)
    finally:
        protect_again(lifted)


def _write(ob: OpenBook, edits: Edits) -> int:
    for name, hidden in edits.new_sheets:
        _add_sheet(ob, name, hidden)
    for sheet, column, width, wraps in edits.columns:
        rng = ob.sheet(sheet).range(f"{column}:{column}")
        rng.column_width = width
        if wraps:
            rng.wrap_text = True
    for sheet, row in edits.insert_rows:   # before the table is resized: Excel moves what is below, as the job did
        ob.sheet(sheet).range(f"{row}:{row}").insert("down")
    if edits.table:
        sheet, table, ref = edits.table
        ws = ob.sheet(sheet)
        ws.tables[table].resize(ws.range(ref))
    _move(ob, edits.moves)
    for sheet, ref in edits.unlink:
        _delete_links(ob.sheet(sheet).range(ref))
    writes = _write_blocks(ob, edits)
    for link in edits.links:
        add_link(ob.sheet(link.sheet).range(link.cell), link.target, link.text)
    for sheet, ref in edits.clear_notes:
        note = ob.sheet(sheet).range(ref).note
        if note is not None:
            note.delete()
    for sheet, ref, color in edits.colors:
        ob.sheet(sheet).range(ref).color = color
    for sheet, ref, text in edits.notes:
        try:
            ob.sheet(sheet).range(ref).add_note(text)
        except (NotImplementedError, ValueError):  # engine without notes; the 校验结果 row has the text
            pass
    if edits.print_area:    # only where the view read one (OpenBook.print_area): this engine sets it too
        sheet, ref = edits.print_area
        ob.sheet(sheet).page_setup.print_area = ref
    return writes


def _write_blocks(ob: OpenBook, edits: Edits) -> int:
    """The blocks of values, one write each, then the number formats of cells among them (a 合计 shown "≥")."""
    for b in edits.blocks:
        ws = ob.sheet(b.sheet)
        height, width = len(b.values), max(len(r) for r in b.values)
        if height == 1 and width == 1:
            ws.range((b.row, b.col)).value = b.values[0][0]
        else:
            ws.range((b.row, b.col), (b.row + height - 1, b.col + width - 1)).options(ndim=2).value = b.values
    for sheet, ref, code in edits.formats:
        ob.sheet(sheet).range(ref).number_format = code
    return len(edits.blocks)


def _move(ob: OpenBook, moves: list[tuple[str, str, str | None]]) -> None:
    """A person's cells the results moved: each copied whole (font, fill, number format, link) where its value goes,
    then the cells they left without their formats (:func:`~shibai_xl.adapters.edits.moves`)."""
    for sheet, ref, to in moves:
        rng = ob.sheet(sheet).range(ref)
        if to:
            rng.copy(ob.sheet(sheet).range(to))
        else:
            rng.clear_formats()


def lift_protection(ob: OpenBook, edits: Edits) -> list[tuple[Any, dict[str, bool]]]:
    """Unprotect the protected sheets among those the edits write, and the workbook's structure when they add a
    sheet (before any write): (COM sheet or workbook, how it was protected) of each. What a password protects is
    refused, what was lifted before it protected again first."""
    lifted: list[tuple[Any, dict[str, bool]]] = []
    if edits.new_sheets:   # a sheet to add: the workbook's structure protection (保护工作簿) would refuse it halfway
        book = _protected_structure(ob)
        if book is not None:
            how = {"Structure": True, "Windows": bool(getattr(book, "ProtectWindows", False))}
            if _stays_protected(book, "ProtectStructure"):
                raise RefusedWrite(BOOK_PROTECTED.format(sheet=edits.new_sheets[0][0]))
            lifted.append((book, how))
    for sheet in edits.sheets_written():
        api = _protected(ob, sheet)
        if api is None:
            continue
        how = _protection(api)
        if _stays_protected(api, "ProtectContents"):
            protect_again(lifted)
            raise RefusedWrite(PROTECTED.format(sheet=sheet))
        lifted.append((api, how))
    return lifted


def protect_again(lifted: list[tuple[Any, dict[str, bool]]]) -> None:
    """Protect the sheets :func:`lift_protection` unprotected, with the same allowances and no password."""
    for api, how in lifted:
        try:
            api.Protect("", **how)
        except Exception:  # noqa: BLE001 — the writes are done; the protection of labels is a convenience
            pass


def _stays_protected(api: Any, flag: str) -> bool:
    """Unprotect a COM sheet or workbook without a password; whether ``flag`` (ProtectContents, ProtectStructure)
    says it is still protected — a password protects it."""
    try:
        api.Unprotect("")
        return getattr(api, flag) is True
    except Exception:  # COM's error for a wrong password: this one has a password
        return True


def _protected_structure(ob: OpenBook) -> Any:
    """The COM workbook when its structure is protected; None when it is not, or there is no COM."""
    try:
        api = ob.book.api
        return api if api.ProtectStructure is True else None
    except Exception:  # noqa: BLE001
        return None


def _protection(api: Any) -> dict[str, bool]:
    how = {"DrawingObjects": bool(getattr(api, "ProtectDrawingObjects", False)), "Contents": True,
           "Scenarios": bool(getattr(api, "ProtectScenarios", False))}
    allowed = getattr(api, "Protection", None)
    return how | {name: bool(getattr(allowed, name, False)) for name in ALLOWANCES}


def _protected(ob: OpenBook, sheet: str) -> Any:
    """The COM sheet when ``sheet`` is protected; None when it is not, or the engine has no COM (the remote
    engine: no protection to tell)."""
    try:
        api = ob.sheet(sheet).api
        return api if api.ProtectContents is True else None
    except Exception:  # noqa: BLE001
        return None


def _add_sheet(ob: OpenBook, name: str, hidden: bool) -> None:
    last = ob.book.sheets[len(ob.sheet_names) - 1]
    active = ob.book.sheets.active
    sheet = ob.book.sheets.add(name, after=last)
    ob.sheet_names.append(name)
    ob.pkg.sheets[name] = ""
    if hidden:
        sheet.visible = False
    try:
        active.activate()   # adding a sheet activated it
    except Exception:  # activation is cosmetic
        pass


def _delete_links(rng: Any) -> None:
    """Old result rows' hyperlinks (Windows Excel); other engines keep them under the blanked text."""
    api = getattr(rng, "api", None)
    try:
        api.Hyperlinks.Delete()
    except Exception:  # not COM (remote engine: api is the value tuple; macOS: appscript)
        pass


def add_link(rng: Any, link: str, text: Any) -> None:
    """An in-workbook hyperlink ("#'申报表'!C5") showing ``text``."""
    if sys.platform.startswith("win"):
        try:
            rng.api.Hyperlinks.Add(Anchor=rng.api, Address="", SubAddress=link.lstrip("#"), TextToDisplay=text)
            return
        except Exception:  # fall back to xlwings' generic call below
            pass
    rng.add_hyperlink(link, text_to_display=text, screen_tip="点击转到该单元格")
