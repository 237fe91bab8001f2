from __future__ import annotations

import pytest

from . import helpers


@pytest.fixture(scope="session", autouse=True)
def tpl_dir(tmp_path_factory):
    """Where the session's `shibai new` templates live (one per type, copied per test)."""
    path = tmp_path_factory.mktemp("templates")
    helpers.TEMPLATE_CACHE[:] = [path]
    return path
