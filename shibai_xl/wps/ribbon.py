"""The WPS add-in's ``ribbon.xml``: the Excel add-in's 十百千万 tab, in the form WPS reads.

Same tab, groups, button ids and Chinese labels as :data:`shibai_xl.addin.ribbon.RIBBON_BUTTONS`.
Differences WPS asks for: the Office 2007 namespace (customUI 2006/01), no leading
``<?xml …?>`` declaration (WPS rejects the file with one), JavaScript callbacks
(``OnAddinLoad``, ``OnAction``, ``GetImage`` in ``js/ribbon.js``) and icons from the
add-in's ``images/`` folder instead of Office's built-in ``imageMso`` names.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from ..addin.ribbon import CUSTOMUI_NS, RIBBON_BUTTONS, RIBBON_GROUPS, RIBBON_TAB_ID, RIBBON_TAB_LABEL

ON_LOAD, ON_ACTION, GET_IMAGE = "OnAddinLoad", "OnAction", "GetImage"
CALLBACKS = (ON_LOAD, ON_ACTION, GET_IMAGE)


def ribbon_xml() -> str:
    ET.register_namespace("", CUSTOMUI_NS)
    q = lambda tag: f"{{{CUSTOMUI_NS}}}{tag}"  # noqa: E731
    root = ET.Element(q("customUI"), {"onLoad": ON_LOAD})
    tabs = ET.SubElement(ET.SubElement(root, q("ribbon"), {"startFromScratch": "false"}), q("tabs"))
    tab = ET.SubElement(tabs, q("tab"), {"id": RIBBON_TAB_ID, "label": RIBBON_TAB_LABEL})
    for g in RIBBON_GROUPS:
        members = [b for b in RIBBON_BUTTONS if b.group == g.id]
        if not members:
            continue
        group = ET.SubElement(tab, q("group"), {"id": g.id, "label": g.label})
        for b in members:
            ET.SubElement(group, q("button"), {"id": b.id, "label": b.label, "size": b.size,
                                               "screentip": b.screentip, "supertip": b.supertip,
                                               "onAction": ON_ACTION, "getImage": GET_IMAGE})
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="unicode") + "\n"
