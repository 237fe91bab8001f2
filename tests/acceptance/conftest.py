from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def tpl_dir(tmp_path_factory):
    """Where the session's `shibai new` templates live (one per type, copied per test)."""
    return tmp_path_factory.mktemp("templates")
