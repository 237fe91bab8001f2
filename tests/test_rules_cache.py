"""The year file's parsed form kept in the user's cache folder: read back only under the file's own SHA-256,
and a cache that is damaged, missing or cannot be written changes nothing but the time taken."""
from __future__ import annotations

import tomllib

from shibai_xl.rules.loader import parse_toml
from shibai_xl.user_dirs import cache_dir
from tests.test_year_file import YEAR_FILE, make_2025


def test_the_parsed_year_file_is_kept_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    raw = YEAR_FILE.read_bytes()
    expected = tomllib.loads(raw.decode("utf-8"))
    assert parse_toml(raw) == expected
    kept = list((tmp_path / "shibai-xl").iterdir())
    assert len(kept) == 1 and kept[0].name.startswith("rules-") and kept[0].suffix == ".json"

    def no_parsing(_text):
        raise AssertionError("the year file was parsed again")

    monkeypatch.setattr(tomllib, "loads", no_parsing)   # the loader imports tomllib when it parses
    assert parse_toml(raw) == expected


def test_an_edited_year_file_is_parsed_anew(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    parse_toml(YEAR_FILE.read_bytes())
    edited = make_2025(tmp_path).read_bytes()
    assert parse_toml(edited)["year"] == 2025
    assert parse_toml(YEAR_FILE.read_bytes())["year"] == 2024
    assert len(list((tmp_path / "cache" / "shibai-xl").iterdir())) == 2


def test_a_damaged_cache_is_parsed_again_and_mended(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    raw = YEAR_FILE.read_bytes()
    parse_toml(raw)
    (kept,) = (tmp_path / "shibai-xl").iterdir()
    for junk in (b"", b"{\"year\": 20", b"[1, 2]", b"\xff\xfe not json", b'{"year": 2024}',
                 b'{"format": 1, "sha256": "0", "rules": {"year": 2024}}'):
        kept.write_bytes(junk)
        assert parse_toml(raw) == tomllib.loads(raw.decode("utf-8"))
    assert parse_toml(raw)["year"] == 2024
    assert sorted(p.name for p in (tmp_path / "shibai-xl").iterdir()) == [kept.name]   # no temp file left


def test_a_cache_folder_that_cannot_be_made_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert parse_toml(YEAR_FILE.read_bytes())["year"] == 2024
    assert blocker.read_text() == "x"


def test_cache_folders_per_system():
    assert cache_dir("linux", {"XDG_CACHE_HOME": "/x"}).as_posix() == "/x/shibai-xl"
    assert cache_dir("linux", {"HOME": "/home/u"}).as_posix() == "/home/u/.cache/shibai-xl"
    assert cache_dir("win32", {"LOCALAPPDATA": "C:/Users/u/AppData/Local"}).as_posix().endswith(
        "AppData/Local/shibai-xl/cache")
