"""openpyxl's worksheet reader, taking the short way for plain inline strings.

openpyxl writes every text cell as an inline string (``<c t="inlineStr"><is><t>…</t></is></c>``) and, when
it loads the file again, builds a full ``Text`` object (descriptors, runs, phonetic parts) for each one only
to take its text: for a 1000-row 项目汇总表 (18 000 text cells) about a fifth of loading it, and loading it is
the largest share of a refresh that re-read one application. A plain ``<is><t>…</t></is>`` gives the same text
straight from its ``<t>``; anything else (rich-text runs, phonetic guides, another namespace, an empty
``<is/>``) still goes through ``Text``. ``tests/test_summary_speed_paths.py`` compares the two.
"""
from __future__ import annotations

from openpyxl.cell.text import Text
from openpyxl.worksheet import _reader
from openpyxl.xml.constants import SHEET_MAIN_NS

T = f"{{{SHEET_MAIN_NS}}}t"


class PlainText:
    """What ``Text.from_tree(node).content`` gives, for the one use the worksheet reader makes of it."""

    __slots__ = ("content",)

    def __init__(self, content: str) -> None:
        self.content = content

    @staticmethod
    def from_tree(node):
        if len(node) == 1 and node[0].tag == T and not node.attrib and not len(node[0]):
            return PlainText(node[0].text or "")
        return Text.from_tree(node)


def install() -> None:
    """Every ``load_workbook`` of this process (summaries, the province table) reads plain text the short way."""
    _reader.Text = PlainText
