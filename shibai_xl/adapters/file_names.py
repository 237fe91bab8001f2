"""File names as people and outputs see them, whatever bytes the file system holds."""
from __future__ import annotations

import os
import unicodedata
from pathlib import Path, PurePath, PurePosixPath

from ..engine.parse.text import one_line as shown  # a file name as shown: one line, no control character


def utf8_name(path: PurePath) -> bool:
    """Whether calamine (Rust) can be given ``path`` by name: a name not in UTF-8 (申报表.xlsx in GBK, unzipped on
    统信 UOS/麒麟 from a zip made on Chinese Windows) reaches Python as lone surrogates, which Rust's path misses
    (“找不到文件”, then “工作簿内容无法读取”); such a file is read from its open handle."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def file_label(path: PurePath, folder: PurePath | None = None) -> str:
    """How a file is named to people and in every output (the 来源文件 column, JSON's ``file``): its path within
    ``folder`` (its name without one). A name not in UTF-8 — 申报表.xlsx in GBK, unzipped on 统信 UOS/麒麟 from a zip
    made on Chinese Windows — reaches Python as lone surrogates, which no workbook, JSON or hash can hold: it is
    read as GB18030 (the name Windows showed), else its bytes are written out (\\xb9), one label per file still.

    >>> file_label(Path(os.fsdecode("团队/申报表.xlsx".encode("gbk"))))
    '申报表.xlsx'
    """
    return path_label(path.relative_to(folder) if folder is not None else PurePosixPath(path.name))


def tail_labels(path: Path, most: int = 4) -> list[str]:
    """:func:`path_label` of the file with 0, 1, 2 … of its folders (up to ``most`` parts in all), shortest first.

    >>> tail_labels(Path("/省厅/贵阳/附件4.xlsx"), 2)
    ['附件4.xlsx', '贵阳/附件4.xlsx']
    """
    parts = Path(os.path.abspath(path)).parts[1:]
    return [path_label(PurePosixPath(*parts[-k:])) for k in range(1, min(most, len(parts)) + 1)]


def distinct_labels(paths: list[Path]) -> dict[Path, str]:
    """Each file's :func:`file_label`, with as many of its folders as tell apart files of one name given together
    (every 市（州） sending “附件4.xlsx”, saved in a folder each): "贵阳/附件4.xlsx", "遵义/附件4.xlsx".

    >>> distinct_labels([Path("/a/贵阳/附件4.xlsx"), Path("/a/遵义/附件4.xlsx"), Path("/a/安顺市汇总表.xlsx")])
    {PosixPath('/a/贵阳/附件4.xlsx'): '贵阳/附件4.xlsx', PosixPath('/a/遵义/附件4.xlsx'): '遵义/附件4.xlsx', \
PosixPath('/a/安顺市汇总表.xlsx'): '安顺市汇总表.xlsx'}
    """
    tails = {p: tail_labels(p, 99) for p in paths}
    out = {}
    for p, mine in tails.items():
        taken = [q for q in tails.values() if q is not mine]
        out[p] = next((t for k, t in enumerate(mine) if all(len(q) <= k or q[k] != t for q in taken)), mine[-1])
    return out


def path_label(path: PurePath) -> str:
    """A path as :func:`file_label` says it, every part of it (申报表/ in UTF-8, the file's name in GBK; ../ kept), with
    forward slashes on every system: the 来源文件 a refresh writes on Windows is the one it writes on 统信 UOS/麒麟
    (it was 申报表\\园区.xlsx there; :func:`~shibai_xl.engine.summary_table.source_label` reads such a one).

    >>> from pathlib import PureWindowsPath
    >>> path_label(PureWindowsPath("申报表") / "南明区" / "园区.xlsx"), path_label(Path("申报表/园区.xlsx"))
    ('申报表/南明区/园区.xlsx', '申报表/园区.xlsx')
    """
    if utf8_name(path):
        return shown(path.as_posix())
    return PurePosixPath(*(_part_label(part) for part in path.parts)).as_posix()


def _part_label(part: str) -> str:
    """One name of a path, as :func:`file_label` says it.

    >>> _part_label(os.fsdecode("遵义市".encode("gbk"))), _part_label("遵义市")
    ('遵义市', '遵义市')
    """
    if utf8_name(Path(part)):
        return shown(part)
    try:
        raw = os.fsencode(part)
    except UnicodeEncodeError:
        return shown(part.encode("utf-8", "backslashreplace").decode("utf-8"))
    try:
        return shown(raw.decode("gb18030"))
    except UnicodeDecodeError:
        return shown(raw.decode("utf-8", "backslashreplace"))


def _same_label(name: str) -> str:
    return unicodedata.normalize("NFC", name)


def find_labelled(folder: Path, relative: Path) -> Path | None:
    """The file ``folder/relative`` where ``relative`` is a label :func:`file_label` wrote (the 来源文件 column): each
    part is the entry of that name, else the one whose name reads as it once decoded as Windows showed it (GBK) or
    composed (a Mac zip's decomposed 申报表.xlsx); None when there is none. Never leaves ``folder``: '..' is no part.

    >>> import tempfile; d = Path(tempfile.mkdtemp()); _ = (d / os.fsdecode("申报表.xlsx".encode("gbk"))).write_bytes(b"")
    >>> find_labelled(d, Path("申报表.xlsx")) == d / os.fsdecode("申报表.xlsx".encode("gbk"))
    True
    """
    here = folder
    for part in relative.parts:
        if part in ("", ".", "..") or Path(part).anchor:
            return None
        exact = here / part
        if exact.exists():
            here = exact
            continue
        try:
            entries = list(here.iterdir())
        except OSError:
            return None
        here = next((e for e in entries if _same_label(_part_label(e.name)) == _same_label(part)), None)
        if here is None:
            return None
    return here


def network_path(label: str) -> bool:
    r"""A UNC name (\\server\share\…, //server/share/…): asking the file system about it connects to that server —
    on Windows over SMB, handing it the user's credentials. A name read from a workbook that is one is not asked.

    >>> network_path("\\\\srv\\共享\\汇总.xlsx"), network_path("//srv/x.xlsx"), network_path("../汇总.xlsx"), network_path("D:/x")
    (True, True, False, False)
    """
    return label.replace("\\", "/").startswith("//")


def locate_label(start: Path, label: str) -> Path | None:
    """The file a :func:`path_label` names from ``start`` — leading ../ and an absolute path (another drive) too:
    where ``review collect`` finds again the summary the 评审安排 recorded, the names in GBK as Windows showed them."""
    given = Path(label)
    parts = given.parts[1:] if given.anchor else given.parts
    base = Path(given.anchor) if given.anchor else start.resolve()
    while parts and parts[0] == "..":
        base, parts = base.parent, parts[1:]
    return find_labelled(base, Path(*parts)) if parts else None
