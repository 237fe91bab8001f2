"""The project rows of a 项目汇总表's sb_summary table as records find them (:class:`Rows`): by 统一社会信用代码 and
project type, else by company name, within a scope (the province: 报送市州); a row of a record the tool wrote without a
code whose name a person retyped; a pasted row whose name lacks the leading 贵州. Used by :mod:`.summary_apply`."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...engine.parse.text import company_key, normalize, said_name
from ...engine.renames import alike, close, renames
from ...engine.row_marks import bracketed_withdrawal
from ...engine.summary import AMOUNT_COLUMNS, SummaryRecord, applicant_key
from ...engine.summary_amounts import number_value
from ...engine.summary_table import city_in, nature_short, source_label, type_short
from ...rules import load
from .cells import xml_safe
from .summary_book import WITHDRAWN, WITHDRAWN_BY_CITY, SummaryBook, same_value


def row_values(book: SummaryBook, row: int) -> dict[str, Any]:
    """The row's values by column title (None for a blank cell), as :meth:`SummaryBook.get` reads each: read at once
    for every row of a 1000-row table at each refresh."""
    cells = book.ws._cells
    return {name: None if (cell := cells.get((row, c))) is None else cell.value for name, c in book.cols.items()}


def same_in(column: str, a: Any, b: Any) -> bool:
    """Equal as that column means it: 示范企业 is 企业, 民营企业 is 民企, "8,000" is 8000."""
    if column == "项目类型" and type_short(a) and type_short(a) == type_short(b):
        return not bracketed_withdrawal(a)    # “基地（已撤回）”: a person's withdrawal, not the form's type
    if column == "企业性质" and nature_short(a) and nature_short(a) == nature_short(b):
        return True
    if column == "企业名称" and normalize(a) and company_key(a) == company_key(b):
        return True
    if column in AMOUNT_COLUMNS or column == "市州评分":
        a, b = number_value(a), number_value(b)
    return same_value(a, b)


class Rows:
    """The table's project rows, found by code or by name within their scope (the province: 报送市州)."""

    def __init__(self, book: SummaryBook, scope_column: str | None, codes: set[str] = frozenset(),
                 state: dict[str, dict[str, Any]] | None = None, names: set[str] = frozenset()) -> None:
        self.book, self.scope_column, self.rules = book, scope_column, load()
        self.codes = codes     # every record's 统一社会信用代码: a row's code none of them has was changed by hand
        self.names = names     # every record's name key: a row named as one is that record's, never another's
        self.notes: list[str] = []   # rows taken for a record whose name differs only by a leading 贵州(省)
        self.by_short: dict[tuple[str, str], list[int]] | None = None
        self.state = state or {}   # what the tool wrote last, by project key: a name it never wrote was retyped
        self.rows = [r for r in book.project_rows() if book.row_key(r)]
        self.by_code: dict[tuple[str, str], list[int]] = {}
        self.by_name: dict[tuple[str, str], list[int]] = {}
        for r in self.rows:
            scope = self.scope_of_row(r)
            if book.code(r):
                self.by_code.setdefault((scope, book.code(r)), []).append(r)
            if book.name_key(r):
                self.by_name.setdefault((scope, book.name_key(r)), []).append(r)
        self.claimed: set[int] = set()
        self.renamed: dict[int, int] = {}   # id of a city's record → the row whose name the province corrected
        self.corrected: dict[int, str] = {}   # id of a city's record whose name the city corrected → its 问题 note
        self.kinds: set[tuple[str, str]] = set()   # (key, 项目类型) of every record: a company's applications

    def scope_of_row(self, r: int) -> str:
        if not self.scope_column:
            return ""
        return city_in(self.book.get(r, self.scope_column)) or city_in(self.book.get(r, "市（州）"))

    def scope_of(self, rec: SummaryRecord) -> str:
        return city_in(rec.columns.get(self.scope_column)) if self.scope_column else ""

    def find(self, rec: SummaryRecord, scope: str) -> int | None:
        """The row of a record: same code, else same name (rows without a code, or with one no record has: a code
        a person retyped or mistyped in the summary); the same type first."""
        book = self.book
        kind = type_short(rec.columns.get("项目类型"), self.rules)
        by_codes = self.by_code.get((scope, rec.uscc), []) if rec.uscc else []
        by_names = [r for r in self.by_name.get((scope, company_key(rec.columns.get("企业名称"))), [])
                    if not rec.uscc or book.code(r) not in self.codes]
        # a version not taken summarised last time under another key (its code had an O for 0, its name a short
        # form): its row is this application's, not a row of a form that left the folder
        by_versions = [r for r in self.rows if rec.other_versions and source_label(book.get(r, "来源文件")) in
                       rec.other_versions] if not by_codes and not by_names else []
        for group in (by_codes, by_names, by_versions):
            free = [r for r in group
                    if r not in self.claimed and (not kind or type_short(book.get(r, "项目类型"), self.rules) in ("", kind))]
            if len(free) > 1:   # one project on two rows (a city pasted it twice): the row with the record's figures
                return min(free, key=lambda r: (type_short(book.get(r, "项目类型"), self.rules) != kind,
                                                not self._same_figures(r, rec), r))
            if free:
                return free[0]
        if (row := self._type_corrected(by_codes or by_names, rec, scope, kind)) is not None:
            return row
        if (row := self._city_retyped(by_codes or by_names, rec, scope, kind)) is not None:
            return row
        if (row := self.renamed.get(id(rec))) is not None and row not in self.claimed:
            if note := self.corrected.pop(id(rec), ""):
                rec.note = "；".join(p for p in (rec.note, note) if p)
            return row
        return self._retyped(rec, kind) or self._form_renamed(rec, kind) or self._short_of_guizhou(rec, scope, kind)

    def _type_corrected(self, rows: list[int], rec: SummaryRecord, scope: str, kind: str) -> int | None:
        """The row of a record whose 项目类型 a person corrected in the summary (the province typed 企业 over a city's
        团队): the tool wrote the project under the record's type last time (the state has it) and never under the
        row's, and no record now has the row's type — else the row is the company's other application (a company may
        apply under two types)."""
        if not kind or state_key(rec.key, scope, kind) not in self.state:
            return None
        for r in rows:
            typed = type_short(self.book.get(r, "项目类型"), self.rules)
            if r not in self.claimed and typed and typed != kind and (rec.key, typed) not in self.kinds \
                    and state_key(self.book.row_key(r), scope, typed) not in self.state:
                return r
        return None

    def _city_retyped(self, rows: list[int], rec: SummaryRecord, scope: str, kind: str) -> int | None:
        """The province: the row of a project whose 项目类型 its city changed in its own summary (企业 → 团队 between
        rounds): the tool wrote the row under its type last time and never the record's, and no record now has the
        row's type (else it is the company's other application). The row takes the new type, the province's columns,
        批次 and place kept, said on the terminal and in 问题 — else it was withdrawn and the project added again."""
        if not self.scope_column or not kind or state_key(rec.key, scope, kind) in self.state:
            return None
        found = [(r, typed) for r in rows if r not in self.claimed
                 and (typed := type_short(self.book.get(r, "项目类型"), self.rules)) and typed != kind
                 and (rec.key, typed) not in self.kinds and state_key(self.book.row_key(r), scope, typed) in self.state]
        if len(found) != 1:
            return None
        (row, typed), said = found[0], f"项目类型由“{typed}”改为“{kind}”（市（州）汇总表已改）"
        # what the tool wrote there, under the new type: the new 项目类型 replaces the tool's, not a person's edit
        self.state[state_key(rec.key, scope, kind)] = self.state.pop(state_key(self.book.row_key(row), scope, typed))
        rec.note = "；".join(p for p in (rec.note, f"{said}，仍是这一行，请核实") if p)
        self.notes.append(f"第{row}行{said_name(self.book.get(row, '企业名称'))}在“{rec.file}”中{said}：仍是这一行"
                          "（省厅填写的列、批次和位置保留），未标为已撤回、未另加一行；请核实")
        return row

    def pair_renamed(self, records: list[SummaryRecord], withdrawn: set[tuple[str, str]] = frozenset()) -> None:
        """The province: the rows whose 企业名称 a person corrected (a typo fixed), each paired with its city's record
        (:attr:`renamed`), said on the terminal — else the row is withdrawn and the city's spelling added again, the
        correction and the province's notes left on a withdrawn row. A pair: a record without a code whose row the
        tool wrote last time (the state has it) and no row names now, and a row without a code of the same city and
        type whose name no record has and the tool never wrote; the names :func:`.renames.close`, each the other's
        only such; a character replaced (which may be another company) only on a row still as the tool wrote it for
        that record in the columns that tell a company (县区、地址、联系人、电话).
        The other way (:meth:`_pair_corrected`): a name the city corrected in its own summary. ``withdrawn``: the
        (city, name key) of the rows a city's table marks withdrawn — never another record's row."""
        self.kinds = {(rec.key, type_short(rec.columns.get("项目类型"), self.rules)) for rec in records}
        if not self.scope_column:
            return
        book = self.book
        gone: list[_Side] = []
        new: list[_Side] = []
        for rec in records:
            scope, kind = self.scope_of(rec), type_short(rec.columns.get("项目类型"), self.rules)
            if not scope or not kind or rec.uscc or rec.error or (
                    scope, company_key(rec.columns.get("企业名称"))) in self.by_name:
                continue
            last = self.state.get(state_key(rec.key, scope, kind))
            (gone if last else new).append(_Side(rec.columns.get("企业名称"), kind, scope, rec=rec, last=last))
        typed: list[_Side] = []
        written: list[_Side] = []
        for r in self.rows if gone or new else ():
            scope, kind = self.scope_of_row(r), type_short(book.get(r, "项目类型"), self.rules)
            if not kind or book.code(r) or book.name_key(r) in self.names or (scope, book.name_key(r)) in withdrawn:
                continue
            keys = (state_key(book.row_key(r), scope, kind), state_key(book.row_key(r)))
            last = next((self.state[k] for k in keys if k in self.state), None)
            if last is None:
                typed.append(_Side(book.get(r, "企业名称"), kind, scope, row=r))
            elif last and not _withdrawn_by_tool(book, r):
                written.append(_Side(book.get(r, "企业名称"), kind, scope, row=r, last=last))
        pairs, _ = renames(gone, typed, lambda g, t: g.type == t.type and g.city == t.city and close(g.name, t.name)
                           and (alike(g, t) or self._as_written(t.row, g.last)))
        for i, j in pairs.items():
            g, t = gone[i], typed[j]
            self.renamed[id(g.rec)] = t.row
            self.notes.append(f"第{t.row}行{said_name(t.name)}与“{g.rec.file}”（市（州）汇总表）的{said_name(g.name)}"
                              "名称相近（全省表改过这一行的企业名称，两者都没有统一社会信用代码），已认作同一项目：保留全省表的企业名称，"
                              "其他列按市（州）汇总表更新，“问题”列写明两个名称；请市（州）在汇总表中改正名称后重新报送。如不是同一"
                              "企业，请在这一行填上它的统一社会信用代码后再合并（市（州）的这一项目另加一行）")
        self._pair_corrected(new, written)
        self._pair_both([n for n in new if id(n.rec) not in self.renamed],
                        [t for t in typed if t.row not in self.renamed.values()])

    def _pair_corrected(self, new: list[_Side], written: list[_Side]) -> None:
        """A name the city corrected in its own summary (贵阳甲电子商务有线公司 → …有限公司), paired with the row the
        tool wrote for its old spelling — else that row, with the province's own columns, 市州评分 and notes, is
        withdrawn and the project added again as a new row. A pair: a record without a code the tool never wrote and
        no row names, and a row without a code the tool wrote of the same city and type, which no record names now
        (nor the city's table marks withdrawn) and the tool has not withdrawn; the names close, each the other's only
        such; a character replaced only when the record's 县区、地址、联系人、电话 are what the city wrote last time."""
        pairs, _ = renames(new, written, lambda n, w: n.type == w.type and n.city == w.city and close(n.name, w.name)
                           and (alike(w, n) or _same_company(n.rec, w.last)))
        for i, j in pairs.items():
            n, w = new[i], written[j]
            self.renamed[id(n.rec)] = w.row
            self.corrected[id(n.rec)] = (f"企业名称已按市（州）汇总表由“{normalize(w.name)}”改为“{normalize(n.name)}”"
                                         "（名称相近，都没有统一社会信用代码，认作同一项目，请核实）")
            self.notes.append(f"第{w.row}行{said_name(w.name)}在“{n.rec.file}”（市（州）汇总表）中改为{said_name(n.name)}"
                              "（名称相近，两者都没有统一社会信用代码），已认作同一项目：这一行改用新的名称、按市（州）汇总表更新，"
                              "省厅在这一行上填写的列保留，未另加一行，“问题”列写明两个名称。如不是同一企业，请与市（州）核实，"
                              "请其在汇总表中填上统一社会信用代码后重新报送")

    def _pair_both(self, new: list[_Side], typed: list[_Side]) -> None:
        """A name both corrected, each its own way (有线公司: the province's 有限公司, the city's 市…有限公司), paired
        through what the tool wrote last (the state) — else the province's row, its corrections and 市州评分 with it,
        is withdrawn and the project added again. A pair: a state entry without a code no row and no record names
        now; a row without a code the tool never wrote (:meth:`pair_renamed`'s ``typed``) whose name is close to the
        entry's, added to only or its 县区、地址、联系人、电话 as the tool wrote them; a record without a code the tool
        never wrote (``new``) close to the entry likewise, its columns as the city wrote them last — each the only
        such. The entry becomes the record's: the row keeps the province's name, said to differ, as any row the
        province corrected."""
        if not new or not typed:
            return
        orphans: list[_Side] = []
        keys: list[str] = []
        for key, entry in self.state.items():
            name = entry.get("企业名称") if isinstance(entry, dict) else None
            kind = type_short(entry.get("项目类型"), self.rules) if name else ""
            scope = city_in(entry.get(self.scope_column)) if kind else ""
            if (scope and key == state_key(applicant_key(None, name), scope, kind)
                    and (scope, company_key(name)) not in self.by_name and company_key(name) not in self.names):
                orphans.append(_Side(name, kind, scope, last=entry))
                keys.append(key)
        rows, _ = renames(orphans, typed, lambda o, t: o.type == t.type and o.city == t.city and close(o.name, t.name)
                          and (alike(o, t) or self._as_written(t.row, o.last)))
        found = [(keys[i], orphans[i], typed[j]) for i, j in rows.items()]
        pairs, _ = renames([o for _k, o, _t in found], new, lambda o, n: o.type == n.type and o.city == n.city
                           and close(o.name, n.name) and (alike(o, n) or _same_company(n.rec, o.last)))
        for i, j in pairs.items():
            key, old, t = found[i]
            n = new[j]
            self.renamed[id(n.rec)] = t.row
            self.state[state_key(n.rec.key, n.city, n.type)] = self.state.pop(key)
            self.notes.append(f"第{t.row}行{said_name(t.name)}：全省表改过这一行的企业名称，“{n.rec.file}”（市（州）汇总表）"
                              f"也把原来的{said_name(old.name)}改为{said_name(n.name)}（名称相近，都没有统一社会信用代码），"
                              "已认作同一项目：保留全省表的企业名称，其他列按市（州）汇总表更新，未另加一行，“问题”列写明两个"
                              "名称：请与市（州）核实哪个名称正确。如不是同一企业，请在这一行填上它的统一社会信用代码后再合并")

    def _as_written(self, row: int, last: dict[str, Any]) -> bool:
        """Whether the columns that tell a company hold what the tool wrote there (``last``), one at least."""
        said = [c for c in IDENTITY if normalize(last.get(c))]
        return bool(said) and all(same_in(c, self.book.get(row, c), last.get(c)) for c in said)

    def _short_of_guizhou(self, rec: SummaryRecord, scope: str, kind: str) -> int | None:
        """The one free row, its code none or no record's, named as the record but for a leading 贵州/贵州省 (a row a
        clerk pasted, “都匀某公司” for “贵州都匀某公司”): else the project got a second row, counted twice (QA)."""
        book, short = self.book, _without_guizhou(company_key(rec.columns.get("企业名称")))
        if self.by_short is None:   # the rows by name without 贵州: asked for each record no other way found
            self.by_short = {}
            for (row_scope, name), rows in self.by_name.items():
                if name not in self.names:
                    self.by_short.setdefault((row_scope, _without_guizhou(name)), []).extend(rows)
        free = [r for r in self.by_short.get((scope, short), []) if r not in self.claimed
                and (not book.code(r) or not rec.uscc and book.code(r) not in self.codes)
                and type_short(book.get(r, "项目类型"), self.rules) in ("", kind)] if short else []
        if len(free) != 1:
            return None
        source = f"“{rec.file}”" + ("（市（州）汇总表）" if self.scope_column else "（申报表）")
        self.notes.append(f"第{free[0]}行{said_name(book.get(free[0], '企业名称'))}与{source}的"
                          f"{said_name(rec.columns.get('企业名称'))}只差开头的“贵州”（且一方没有统一社会信用代码），已认作同一"
                          f"项目，按{source}更新这一行（市州评分等手工填写的列保留），未另加一行；如不是同一企业，请在这一行"
                          f"填上它的统一社会信用代码后再{'合并' if self.scope_column else '刷新'}")
        return free[0]

    def _retyped(self, rec: SummaryRecord, kind: str) -> int | None:
        """The row the tool wrote for this very form without a code (a city's refresh), whose 企业名称 a person
        retyped: its 来源文件 is the form, the state knows the form's project and not the row's name — else the
        project got a second row and the clerk's row, 市州评分 and all, was withdrawn."""
        if rec.uscc or self.scope_column or state_key(rec.key, kind=kind) not in self.state:
            return None
        book = self.book
        return next((r for r in self.rows if r not in self.claimed and not book.code(r)
                     and source_label(book.get(r, "来源文件")) == rec.file
                     and type_short(book.get(r, "项目类型"), self.rules) in ("", kind)
                     and state_key(book.row_key(r), kind=kind) not in self.state), None)

    def _form_renamed(self, rec: SummaryRecord, kind: str) -> int | None:
        """The row the tool wrote for this very form without a code under the name its applicant since corrected in
        the form (有线公司 → 有限公司): else the row, the clerk's 市州评分 with it, is withdrawn as another project's
        form and the project added again. Its 来源文件 the form, the state knowing the row's name and not the form's
        new one, no record naming the row; the names :func:`.renames.close`, a character replaced only when the
        form's 县区、地址、联系人、电话 are what the tool wrote last time (else another company took the file)."""
        if rec.uscc or self.scope_column or not kind or state_key(rec.key, kind=kind) in self.state:
            return None
        book, new = self.book, _Side(rec.columns.get("企业名称"), kind, "*", rec=rec)
        found = []
        for r in self.rows:
            if (r in self.claimed or book.code(r) or source_label(book.get(r, "来源文件")) != rec.file
                    or type_short(book.get(r, "项目类型"), self.rules) != kind or book.name_key(r) in self.names):
                continue
            last = self.state.get(state_key(book.row_key(r), kind=kind)) or self.state.get(state_key(book.row_key(r)))
            old = _Side(book.get(r, "企业名称"), kind, "*", row=r)
            if last and close(old.name, new.name) and (alike(old, new) or _same_company(rec, last)):
                found.append(old)
        if len(found) != 1:
            return None
        old = found[0]
        rec.note = "；".join(p for p in (rec.note, f"企业名称已按申报表由“{normalize(old.name)}”改为“{normalize(new.name)}”"
                                                   "（名称相近，都没有统一社会信用代码，认作同一项目，请核实）") if p)
        self.notes.append(f"第{old.row}行{said_name(old.name)}的申报表“{rec.file}”中企业名称已改为{said_name(new.name)}"
                          "（名称相近，两者都没有统一社会信用代码），已认作同一项目：这一行改用新的名称，市州评分等手工填写的列"
                          "保留，未另加一行；如不是同一企业，请与申报单位核实")
        return old.row

    def _same_figures(self, r: int, rec: SummaryRecord) -> bool:
        return all(same_in(c, self.book.get(r, c), rec.columns.get(c)) for c in AMOUNT_COLUMNS)


IDENTITY = ("县区", "企业地址", "联系人", "电话")   # the columns that tell one company's row from another's


def _same_company(rec: SummaryRecord | None, last: dict[str, Any] | None) -> bool:
    """Whether a city's record holds, in the columns that tell a company, what the city wrote last time (``last``),
    one at least."""
    said = [c for c in IDENTITY if normalize((last or {}).get(c))]
    return rec is not None and bool(said) and all(same_in(c, rec.columns.get(c), last.get(c)) for c in said)


def _withdrawn_by_tool(book: SummaryBook, row: int) -> bool:
    """Whether the tool withdrew the row (its city's table no longer had it): a project the city dropped, not one
    whose name it corrects."""
    return book.get(row, "状态") == WITHDRAWN and any(
        p.startswith(WITHDRAWN_BY_CITY) for p in str(book.get(row, "问题") or "").split("；"))


@dataclass
class _Side:
    """A city's record or a province row, as :func:`.renames.renames` compares them (no code, no source: a
    province row's source names the city's row by its line, which moves)."""
    name: Any
    type: str
    city: str
    uscc: str = ""
    source: str = ""
    rec: SummaryRecord | None = None
    last: dict[str, Any] | None = None
    row: int = 0


def _without_guizhou(key: str) -> str:
    return key.removeprefix("贵州省").removeprefix("贵州")


def state_key(key: str, scope: str = "", kind: str = "") -> str:
    """A project's key on the state sheet, as the sheet holds it (cells.xml_safe): its code or name key, "@遵义市"
    where the summary is the province's (its 市（州）), "#园区" its type; an older version wrote the key bare."""
    return xml_safe(key + (f"@{scope}" if scope else "") + (f"#{kind}" if kind else ""))
