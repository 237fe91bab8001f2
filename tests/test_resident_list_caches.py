"""The answers about a folder's workbooks kept between applications (which is a park's application, which a 附件3
list, whose names an application gives) in a process that may run for weeks: ``shibai serve`` behind the WPS
add-in, checking workbook after workbook as a clerk saves it again and again (each save a new key). They are
bounded, the least recently used going first, and large enough for the folders a refresh reads."""
from __future__ import annotations

import os

import pytest

from shibai_xl.adapters.xlsx import resident_list as rl
from tests.conftest import example


@pytest.mark.parametrize("cache, ask", [("_NAMES_CACHE", rl._names_of), ("_KIND_CACHE", rl.classify)])
def test_a_workbook_saved_again_and_again_does_not_grow_the_cache_without_bound(make_workbook, rules, monkeypatch,
                                                                                  cache, ask):
    park = make_workbook("park", example("park"))
    first = ask(park, rules)
    kept = getattr(rl, cache)
    monkeypatch.setattr(kept, "size", 3)
    kept.clear()
    st = park.stat()
    for i in range(20):                         # saved twenty times: twenty keys
        os.utime(park, ns=(st.st_atime_ns, st.st_mtime_ns + i + 1))
        assert ask(park, rules) == first
        assert len(kept) <= 3
    assert len(kept) == 3


def test_the_answer_used_last_is_kept_and_the_oldest_goes(make_workbook, rules, monkeypatch):
    a, b, c = (make_workbook("park", example("park")) for _ in range(3))
    monkeypatch.setattr(rl._NAMES_CACHE, "size", 2)
    rl._NAMES_CACHE.clear()
    rl._names_of(a, rules)
    rl._names_of(b, rules)
    rl._names_of(a, rules)                      # a asked again: b is now the oldest
    rl._names_of(c, rules)
    kept = {k[0] for k in rl._NAMES_CACHE}
    assert kept == {str(a.resolve()), str(c.resolve())}


def test_the_bound_holds_a_province_folder_of_applications():
    """A refresh asks these for every application's neighbours: a bound below a folder's size would read each
    workbook again and again (a city's folder: hundreds of applications; the province's: a few thousand)."""
    assert rl._NAMES_CACHE.size >= 4000 and rl._KIND_CACHE.size >= 4000
