"""Shared fixtures for the add-in tests (tests/addin)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import olefile
import pytest

from shibai_xl.addin import build
from shibai_xl.addin.ovba import decompress, parse_dir_records


@pytest.fixture(scope="session")
def xlwings_dir() -> Path:
    return build.xlwings_package_dir()


@pytest.fixture(scope="session")
def template_xlam(xlwings_dir: Path) -> bytes:
    """xlwings' quickstart_addin_ribbon.xlam, saved by Excel (VBA by Aspose)."""
    return (xlwings_dir / "quickstart_addin_ribbon.xlam").read_bytes()


@pytest.fixture(scope="session")
def template_bin(template_xlam: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(template_xlam)) as z:
        return z.read("xl/vbaProject.bin")


def read_project(bin_data: bytes) -> dict:
    """Everything the tests need from a vbaProject.bin, read with olefile.

    Returns streams, decompressed dir records and, per module (dir order),
    name, type record id, text offset and the raw stream.
    """
    ole = olefile.OleFileIO(io.BytesIO(bin_data), raise_defects=olefile.DEFECT_INCORRECT)
    try:
        streams = {"/".join(p): ole.openstream(p).read() for p in ole.listdir()}
    finally:
        ole.close()
    dir_raw = streams["VBA/dir"]
    records = parse_dir_records(decompress(dir_raw))
    modules = []
    current: dict | None = None
    for rid, payload in records:
        if rid == 0x0019:
            current = {"name": payload}
        elif rid == 0x001A and current is not None:
            current["stream"] = payload
        elif rid == 0x0031 and current is not None:
            current["offset"] = int.from_bytes(payload, "little")
        elif rid in (0x0021, 0x0022) and current is not None:
            current["type"] = rid
        elif rid == 0x002B and current is not None:
            modules.append(current)
            current = None
    codepage = next(int.from_bytes(p, "little") for r, p in records if r == 0x0003)
    return {"streams": streams, "records": records, "modules": modules, "codepage": codepage}


@pytest.fixture(scope="session")
def project_reader():
    """The :func:`read_project` helper, as a fixture (no conftest imports)."""
    return read_project


@pytest.fixture(scope="session")
def template_project(template_bin: bytes) -> dict:
    return read_project(template_bin)


@pytest.fixture(scope="session")
def built_xlam() -> bytes:
    return build.build_addin_bytes()


@pytest.fixture(scope="session")
def built_bin(built_xlam: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(built_xlam)) as z:
        return z.read("xl/vbaProject.bin")


@pytest.fixture(scope="session")
def built_project(built_bin: bytes) -> dict:
    return read_project(built_bin)
