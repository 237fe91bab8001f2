"""Workbooks beside an application whose 入驻企业名单 is not in it: the check looks at every neighbour for a separate
附件3 list, and a folder such as 下载 or 微信文件 holds hundreds of unrelated workbooks. Each neighbour is read once
and asked whether it is one of the four forms; the forms' printed labels that question compares with were worked out
anew four times per neighbour (about 1.5 ms each, more than calamine takes to read a small workbook).
"""
from __future__ import annotations

from shibai_xl.adapters.xlsx.labels import form_specs
from shibai_xl.engine import fields as F


def test_the_forms_labels_are_worked_out_once_per_type(rules):
    """Shared, and never changed by their users: ``shibai check`` of a park beside 500 unrelated small workbooks
    (200 rows each) took 4.77 s of CPU (0.40 s alone in its folder); now 2.92 s (measured with
    ``/usr/bin/time shibai check``, a fresh XDG_CACHE_HOME)."""
    for app_type in F.TYPES:
        blocks = form_specs(app_type, rules)
        assert form_specs(app_type, rules) is blocks
        assert all(isinstance(block, tuple) for block in blocks)
