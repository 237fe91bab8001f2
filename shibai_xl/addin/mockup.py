"""An SVG picture of the 十百千万 ribbon tab, drawn from the ribbon definition.

Nobody can take an Excel screenshot in this project's build, so the picture in
``docs/addin.md`` is generated from the same data as ``customUI14.xml``:
:data:`~shibai_xl.addin.ribbon.RIBBON_GROUPS` and
:data:`~shibai_xl.addin.ribbon.RIBBON_BUTTONS` (tab, groups, button labels,
sizes).  Office's built-in icons (``imageMso``) cannot be drawn outside
Office, so each icon is a dashed placeholder captioned with its ``imageMso``
name; the picture is titled as a mock-up, not a screenshot.  Each button
carries its screentip and supertip as an SVG ``<title>`` (a tooltip when the
SVG is opened on its own in a browser).

Text widths are estimated (CJK characters one em, others 0.62 em); the
output is a pure function of the ribbon definition, so rebuilding gives the
same bytes.

Run ``python -m shibai_xl.addin.mockup [OUT.svg]`` (default
``docs/ribbon-mockup.svg``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from .ribbon import RIBBON_BUTTONS, RIBBON_GROUPS, RIBBON_TAB_LABEL, RibbonButton, RibbonGroup

__all__ = ["MOCKUP_TITLE", "DEFAULT_MOCKUP_PATH", "FONT_FAMILY", "render_svg", "write_mockup", "main"]

MOCKUP_TITLE = "功能区示意图（根据 customUI.xml 生成，非 Excel 截图）"
MOCKUP_NOTE = "虚线方框处，Excel 显示 Office 内置图标；框下灰色小字是该图标的名称（imageMso）。"
DEFAULT_MOCKUP_PATH = Path("docs") / "ribbon-mockup.svg"
FONT_FAMILY = '"Microsoft YaHei","SimSun","Noto Sans CJK SC",sans-serif'
#: Excel's own tabs, drawn greyed before ours so the reader sees where it is.
OTHER_TABS = ("文件", "开始", "插入", "页面布局", "公式", "数据", "审阅", "视图")

ACCENT = "#217346"  # Excel green
PAD = 16
TITLE_SIZE = 16
TAB_SIZE = 13
LABEL_SIZE = 12
CAPTION_SIZE = 9
GROUP_SIZE = 11
ICON = 32
SMALL_ICON = 16
BODY_HEIGHT = 124
TAB_HEIGHT = 28


def text_width(text: str, size: float) -> float:
    """Estimated advance width of ``text`` at font size ``size`` (px)."""
    return sum(size if ord(ch) >= 0x2E80 else size * 0.62 for ch in text)


def _n(x: float) -> str:
    """A coordinate without float noise: 12, 12.5."""
    r = round(x * 2) / 2
    return str(int(r)) if r == int(r) else f"{r:.1f}"


def _text(x: float, y: float, text: str, cls: str, anchor: str = "middle") -> str:
    return f'<text x="{_n(x)}" y="{_n(y)}" class="{cls}" text-anchor="{anchor}">{escape(text)}</text>'


def _tooltip(b: RibbonButton) -> str:
    return f"<title>{escape(b.screentip)}：{escape(b.supertip)}</title>"


def _large_width(b: RibbonButton) -> float:
    return max(ICON + 24, text_width(b.label, LABEL_SIZE) + 14, text_width(b.image_mso, CAPTION_SIZE) + 10)


def _small_width(b: RibbonButton) -> float:
    return SMALL_ICON + 6 + text_width(b.label, LABEL_SIZE) + 6 + text_width(b.image_mso, CAPTION_SIZE) + 8


def _columns(members: list[RibbonButton]) -> list[list[RibbonButton]]:
    """Excel's layout: a large button is a column; up to three normal ones share one."""
    cols: list[list[RibbonButton]] = []
    for b in members:
        if b.size == "normal" and cols and cols[-1][0].size == "normal" and len(cols[-1]) < 3:
            cols[-1].append(b)
        else:
            cols.append([b])
    return cols


def _draw_column(col: list[RibbonButton], x: float, top: float) -> tuple[list[str], float]:
    out: list[str] = []
    if col[0].size == "large":
        b = col[0]
        w = _large_width(b)
        cx = x + w / 2
        out.append(f'<g class="button" id="{escape(b.id)}">{_tooltip(b)}')
        out.append(f'<rect x="{_n(x + 2)}" y="{_n(top + 4)}" width="{_n(w - 4)}" height="84" class="hit"/>')
        out.append(
            f'<rect x="{_n(cx - ICON / 2)}" y="{_n(top + 10)}" width="{ICON}" height="{ICON}" class="icon"/>'
        )
        out.append(_text(cx, top + 60, b.label, "label"))
        out.append(_text(cx, top + 76, b.image_mso, "caption"))
        out.append("</g>")
        return out, w
    w = max(_small_width(b) for b in col)
    for i, b in enumerate(col):
        y = top + 8 + i * 26
        out.append(f'<g class="button" id="{escape(b.id)}">{_tooltip(b)}')
        out.append(f'<rect x="{_n(x + 2)}" y="{_n(y)}" width="{_n(w - 4)}" height="22" class="hit"/>')
        out.append(f'<rect x="{_n(x + 6)}" y="{_n(y + 3)}" width="{SMALL_ICON}" height="{SMALL_ICON}" class="icon"/>')
        lx = x + 6 + SMALL_ICON + 6
        out.append(_text(lx, y + 15, b.label, "label", "start"))
        out.append(_text(lx + text_width(b.label, LABEL_SIZE) + 6, y + 15, b.image_mso, "caption", "start"))
        out.append("</g>")
    return out, w


def render_svg(
    buttons: tuple[RibbonButton, ...] = RIBBON_BUTTONS,
    groups: tuple[RibbonGroup, ...] = RIBBON_GROUPS,
    tab_label: str = RIBBON_TAB_LABEL,
) -> str:
    """The mock-up as SVG text (UTF-8 when written).  Groups in ``groups``
    order, buttons in list order; a group without buttons is left out, as in
    :func:`~shibai_xl.addin.ribbon.customui_xml`."""
    known = {g.id for g in groups}
    for b in buttons:
        if b.group not in known:
            raise ValueError(f"button {b.id} refers to unknown group {b.group!r}")

    tabs_top = PAD + TITLE_SIZE + 14
    body_top = tabs_top + TAB_HEIGHT
    parts: list[str] = []

    # groups
    x = PAD + 6
    for g in groups:
        members = [b for b in buttons if b.group == g.id]
        if not members:
            continue
        gx = x
        inner: list[str] = []
        for col in _columns(members):
            drawn, w = _draw_column(col, x + 4, body_top)
            inner += drawn
            x += w + 4
        gw = max(x + 4 - gx, text_width(g.label, GROUP_SIZE) + 16)
        x = gx + gw
        parts.append(f'<g class="group" id="{escape(g.id)}">')
        parts.append(
            f'<rect x="{_n(gx)}" y="{_n(body_top + 4)}" width="{_n(gw)}" height="{BODY_HEIGHT - 8}" class="groupbox"/>'
        )
        parts += inner
        parts.append(_text(gx + gw / 2, body_top + BODY_HEIGHT - 12, g.label, "group"))
        parts.append("</g>")
        x += 6

    # tabs
    tabs: list[str] = []
    tx = PAD + 6
    for name in OTHER_TABS:
        w = text_width(name, TAB_SIZE) + 22
        tabs.append(_text(tx + w / 2, tabs_top + 19, name, "tab"))
        tx += w
    w = text_width(tab_label, TAB_SIZE) + 26
    tabs.append(
        f'<path d="M{_n(tx)} {_n(body_top)} V{_n(tabs_top + 2)} H{_n(tx + w)} V{_n(body_top)}" class="activetab"/>'
    )
    tabs.append(_text(tx + w / 2, tabs_top + 19, tab_label, "tab active"))
    tabs.append(f'<rect x="{_n(tx + 6)}" y="{_n(body_top - 3)}" width="{_n(w - 12)}" height="3" fill="{ACCENT}"/>')
    tx += w

    note_y = body_top + BODY_HEIGHT + 22
    width = max(x + PAD, tx + PAD, text_width(MOCKUP_TITLE, TITLE_SIZE) + 2 * PAD,
                text_width(MOCKUP_NOTE, 11) + 2 * PAD)
    height = note_y + PAD
    body_w = width - 2 * PAD

    style = (
        f"text{{font-family:{FONT_FAMILY};fill:#262626}}"
        f".title{{font-size:{TITLE_SIZE}px;font-weight:bold}}"
        f".tab{{font-size:{TAB_SIZE}px;fill:#5f5f5f}}"
        f".tab.active{{fill:{ACCENT};font-weight:bold}}"
        f".label{{font-size:{LABEL_SIZE}px}}"
        f".caption{{font-size:{CAPTION_SIZE}px;fill:#8a8a8a}}"
        f".group{{font-size:{GROUP_SIZE}px;fill:#6b6b6b}}"
        f".note{{font-size:11px;fill:#6b6b6b}}"
        ".body{fill:#f7f7f7;stroke:#d4d4d4}"
        ".activetab{fill:#f7f7f7;stroke:#d4d4d4}"
        ".groupbox{fill:none;stroke:#e1e1e1}"
        ".hit{fill:#ffffff;stroke:#ececec}"
        ".icon{fill:#eef3ef;stroke:#9bb8a5;stroke-dasharray:3 2}"
    )
    head = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(width)}" height="{_n(height)}"'
        f' viewBox="0 0 {_n(width)} {_n(height)}" role="img" aria-label={quoteattr(MOCKUP_TITLE)}>',
        f"<title>{escape(MOCKUP_TITLE)}</title>",
        f"<style>{style}</style>",
        f'<rect x="0" y="0" width="{_n(width)}" height="{_n(height)}" fill="#ffffff"/>',
        _text(PAD, PAD + TITLE_SIZE, MOCKUP_TITLE, "title", "start"),
        f'<rect x="{PAD}" y="{_n(body_top)}" width="{_n(body_w)}" height="{BODY_HEIGHT}" class="body"/>',
    ]
    tail = [_text(PAD, note_y, MOCKUP_NOTE, "note", "start"), "</svg>", ""]
    return "\n".join(head + tabs + parts + tail)


def write_mockup(out_path: str | Path = DEFAULT_MOCKUP_PATH) -> Path:
    """Write :func:`render_svg` to ``out_path`` (UTF-8, LF); return the path."""
    path = Path(out_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render_svg().encode("utf-8"))
    return path


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    print(write_mockup(Path(argv[0]) if argv else DEFAULT_MOCKUP_PATH))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
