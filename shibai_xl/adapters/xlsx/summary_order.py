"""Whether the sb_summary table's first 13 columns are the 附件4 header in its order (CONTRACT §3), and what is said
when they are not: a clerk deleted an official column (电话) and the refresh added it back at the table's end, or
moved one. The tool does not move columns itself: a person's formulas, conditional formats, validations and
print settings point at the columns where they are, and openpyxl shifts none of them. So the terminal (each
refresh and merge, till it is put right) and a comment on the header cell say which column is out of place and
how to move it back."""
from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl.comments import Comment
from openpyxl.utils.cell import get_column_letter

from ...engine.contact_phone import contact_in_phone, said_title
from ...engine.parse.text import simplified_words
from ...engine.summary_table import SCOPE_COLUMN, header_name, plain
from .layout import SUMMARY_HEADER, SUMMARY_TOOL_COLUMNS
from .shown_columns import sheet_hidden_columns
from .summary_state import TOOL_WRITTEN

if TYPE_CHECKING:
    from .summary_book import SummaryBook

AUTHOR = "shibai"
MARK = "shibai：附件4要求"   # how the tool's comment on an out-of-place header cell begins (removed when in place)


def contact_with_phone(title: object) -> str | None:
    """The title, on one line, of a 联系人 column titled with the phone too ("联系人及电话", "联系人/电话"): each cell
    holds the name and the phone (:mod:`...engine.contact_phone` cuts them); None for any other title.

    >>> contact_with_phone("联系人、联系方式"), contact_with_phone("联系人\\n及电话")
    ('联系人、联系方式', '联系人及电话')
    >>> contact_with_phone("联系人"), contact_with_phone("联系电话")
    (None, None)
    """
    words = simplified_words(plain(title)) if isinstance(title, str) else ""
    if header_name(title) != "联系人" or not any(w in words for w in ("电话", "手机", "联系方式")):
        return None
    return said_title(title)


def shared_contact_column(titles: dict[str, object], phone_cells: list[object]) -> tuple[str, bool] | None:
    """A 附件4 column holding both the 联系人 and the 电话 (``titles``: the titles of its 联系人 and 电话 columns, each
    there when the sheet has it; ``phone_cells``: the projects' cells of its 电话 column): the 联系人 column titled
    with the phone too (“联系人及电话”), there being no 电话 one, or the 电话 column titled “联系人\\n电话” holding the
    names with the phones, there being no 联系人 one. (Its title as said, whether it is the 电话 column); None: none.

    >>> shared_contact_column({"联系人": "联系人/电话"}, [])
    ('联系人/电话', False)
    >>> shared_contact_column({"电话": "联系人\\n电话"}, ["张三 13800000000"])
    ('联系人电话', True)
    >>> shared_contact_column({"联系人": "联系人", "电话": "电话"}, ["13800000000"]) is None
    True
    """
    if "联系人" in titles and "电话" not in titles:
        said = contact_with_phone(titles["联系人"])
        return (said, False) if said else None
    if "电话" in titles and "联系人" not in titles and contact_in_phone(titles["电话"], phone_cells):
        return said_title(titles["电话"]), True
    return None


def out_of_place(book: SummaryBook, added: list[str]) -> list[str]:
    """The notes for the 附件4 columns not where 附件4 puts them (``added``: those this refresh added back at the
    end, deleted by a person); each such header cell gets the tool's comment, which a header in place loses."""
    wrong = misplaced([book.cols[name] for name in SUMMARY_HEADER])
    for name, column in book.cols.items():
        cell = book.ws.cell(book.r0, column)
        if name not in wrong and cell.comment is not None and cell.comment.text.startswith(MARK):
            cell.comment = None
            book.changed = True
    notes = []
    for name, said, how in _said(book, wrong):
        text = f"{MARK}{said}。本工具不移动列（以免打乱表中的公式、条件格式等）：{how}"
        cell = book.ws.cell(book.r0, book.cols[name])
        if cell.comment is None or cell.comment.text != text:
            cell.comment = Comment(text, AUTHOR, width=320, height=140)
            book.changed = True
        gone = f"“{name}”列曾被删除，本次已加回在表格末尾；" if name in added else ""
        notes.append(gone + _note(book, said, how))
    return notes + _tool_columns_back(book, added) + inserted_among(book)


def _tool_columns_back(book: SummaryBook, added: list[str]) -> list[str]:
    """The note for the tool's columns a person deleted (an earlier refresh wrote them: its state says so) that this
    refresh added back at the table's end: said, not done behind the clerk's back."""
    tools = [name for name in added if name in SUMMARY_TOOL_COLUMNS]
    if not tools:
        return []
    written = {c for v in book.read_state().values() if isinstance(v, dict) and isinstance(w := v.get(TOOL_WRITTEN), dict)
               for c in w}
    gone = [name for name in tools if name in written]
    return [f"本工具的“{'”“'.join(gone)}”列曾被删除，本次已加回在表格末尾：这几列每次刷新都由本工具写入，删除了还会加回；"
            "不想看到或打印，请隐藏这几列（不要删除）"] if gone else []


def still_out_of_place(book: SummaryBook) -> list[str]:
    """The notes of the 附件4 columns out of place in the table as this refresh leaves it, without what this refresh
    did (“本次已加回”): said again by each later refresh that finds nothing new to write, till the column is moved."""
    wrong = misplaced([book.cols[name] for name in SUMMARY_HEADER])
    return [_note(book, said, how) for _name, said, how in _said(book, wrong)] + inserted_among(book)


def inserted_among(book: SummaryBook) -> list[str]:
    """The notes for the columns a person inserted among the 13 附件4 columns (“审核意见” right of 企业名称) while
    these stay in their order: the printed 附件4 and programs reading by position find 企业地址 where the inserted
    column is, as for a moved column (CONTRACT §3: the first 13 columns are the 附件4 header). A hidden column is
    not printed: not said. Nothing is moved, nor a comment put on the person's own header cell."""
    official = [book.cols[name] for name in SUMMARY_HEADER]
    if misplaced(official):
        return []               # a moved column is said first; the rest once it is back
    hidden, ours = sheet_hidden_columns(book.ws), set(official)
    notes = []
    for column in range(book.c0, official[-1]):
        if column in ours or column in hidden:
            continue
        title = book.ws.cell(book.r0, column).value
        said = f"“{str(title).strip()}”列" if title not in (None, "") else "没有表头的一列"
        after = max((c for c in official if c < column), default=None)
        where = (f"“{SUMMARY_HEADER[official.index(after)]}”和“{SUMMARY_HEADER[official.index(after) + 1]}”之间"
                 if after else "“序号”前面")
        notes.append(f"{said}（{get_column_letter(column)}列）插在了附件4的{where}：附件4要求汇总表的前13列依次为"
                     f"{'、'.join(SUMMARY_HEADER)}，打印、报送的附件4和按列位置读取的程序都按这个顺序。自己加的列请放在"
                     "“市州评分”之后：在 Excel/WPS 中选中这一列剪切，在“市州评分”右边一列上右键“插入剪切的单元格”，"
                     f"保存后再{_again(book)}")
    return notes


def _again(book: SummaryBook) -> str:
    """The command that reads the table again: a city's refresh, the province table's merge (its 报送市州 column)."""
    return "合并" if SCOPE_COLUMN in book.cols else "刷新"


def _note(book: SummaryBook, said: str, how: str) -> str:
    return (f"附件4要求{said}：打印、报送的附件4和按列位置读取的程序都按这个顺序，{how}后再{_again(book)}"
            "（这一列的表头单元格有批注说明）")


def _said(book: SummaryBook, wrong: list[str]) -> list[tuple[str, str, str]]:
    """(column, where it is and should be, how to move it) for each column out of place."""
    order = f"汇总表的前13列依次为{'、'.join(SUMMARY_HEADER)}"
    out = []
    for name in wrong:
        i, column = SUMMARY_HEADER.index(name), book.cols[name]
        after = f"“{SUMMARY_HEADER[i - 1]}”之后" if i else "最前面"
        said = f"{order}，“{name}”应是第{i + 1}列（{after}），现在在第{column}列（{get_column_letter(column)}列）"
        where = f"“{SUMMARY_HEADER[i - 1]}”右边一列" if i else "第一列"
        out.append((name, said, f"请在 Excel/WPS 中选中这一列剪切，在{where}上右键“插入剪切的单元格”，保存"))
    return out


def misplaced(columns: list[int]) -> list[str]:
    """The 附件4 headers (given their columns, in 附件4's order) to move back: those outside the longest run of them
    already in order — the one column a clerk deleted (added back at the end) or moved, not the ones it shifted.

    >>> misplaced([1, 2, 3, 4, 5, 6, 7, 8, 9, 21, 10, 11, 12])
    ['电话']
    >>> misplaced(list(range(1, 14))), misplaced([1, *range(3, 14), 14])
    ([], [])
    >>> misplaced([1, 14, *range(2, 13)])
    ['市（州）']
    """
    best: list[list[int]] = []
    for i, c in enumerate(columns):
        best.append(max((best[j] for j in range(i) if columns[j] < c), key=len, default=[]) + [i])
    keep = set(max(best, key=len, default=[]))
    return [name for i, name in enumerate(SUMMARY_HEADER) if i not in keep]
