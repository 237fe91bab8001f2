"""When a workbook says it was last saved: what tells two versions of one city's summary apart when the files'
dates on disk only say when they were downloaded or copied (QA: the corrected file downloaded first looked older).

* .xlsx/.xlsm (Excel, WPS, LibreOffice, openpyxl): ``dcterms:modified`` of ``docProps/core.xml`` (UTC);
* .ods: ``dc:date`` of ``meta.xml`` (LibreOffice writes local time without a zone: read as China time);
* .xls/.et: the SummaryInformation stream's last-saved time (UTC).
Anything missing, damaged or implausible is None: the caller then goes by the files' dates.
"""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from .file_kinds import sniff
from .opc import UnreadableFile, open_zip, parse_xml

CHINA = timezone(timedelta(hours=8))
PARTS = {"docProps/core.xml": "{http://purl.org/dc/terms/}modified", "meta.xml": "{http://purl.org/dc/elements/1.1/}date"}
MAX_PART = 1 << 20
_FRACTION = re.compile(r"(\.\d{6})\d+")        # LibreOffice writes nanoseconds; fromisoformat takes six places


def saved_time(path: Path) -> datetime | None:
    """The last-saved time the workbook records (aware, UTC), or None."""
    try:
        kind = sniff(path)
        if kind == "zip":
            return _from_zip(path)
        if kind == "ole":
            return _from_ole(path)
    except (OSError, UnreadableFile, ValueError, OverflowError):   # a year 1 or 9999 with a zone: out of range
        pass
    return None


def _from_zip(path: Path) -> datetime | None:
    with open_zip(path, prologs=False) as zf:
        for part, tag in PARTS.items():
            info = next((i for i in zf.infolist() if i.filename == part), None)
            if info is None or info.file_size > MAX_PART:
                continue
            el = parse_xml(zf.read(info), part).find(f".//{tag}")
            if el is not None and el.text:
                return _plausible(_parse(el.text.strip(), CHINA if part == "meta.xml" else UTC))
    return None


def _from_ole(path: Path) -> datetime | None:
    import olefile  # only for .xls/.et (see file_kinds.ole_message)

    try:
        with olefile.OleFileIO(str(path)) as ole:
            saved = ole.get_metadata().last_saved_time
    except Exception:  # olefile's errors for damaged compound files
        return None
    return _plausible(saved.replace(tzinfo=UTC)) if isinstance(saved, datetime) else None


def _parse(text: str, zone: timezone) -> datetime:
    moment = datetime.fromisoformat(_FRACTION.sub(r"\1", text.replace("Z", "+00:00")))
    return (moment if moment.tzinfo else moment.replace(tzinfo=zone)).astimezone(UTC)


def _plausible(moment: datetime | None) -> datetime | None:
    """A time a person saved at: not before spreadsheets, not in the future (a clock far off, a default 1900)."""
    if moment is None or moment.year < 1990 or moment > datetime.now(UTC) + timedelta(days=2):
        return None
    return moment
