"""The one family of refusals a user meets. Every face (CLI, ribbon, UDFs, local service) catches
exactly :class:`ShibaiError` and shows ``str(e)``, the Chinese message that says what to do;
anything else is a bug and is reported as one."""
from __future__ import annotations


class ShibaiError(Exception):
    """A deliberate refusal; ``str(e)`` is the Chinese message for the user."""


class UnreadableInput(ShibaiError):
    """An input cannot be read at all (not a workbook, damaged, encrypted, old format …)."""


class WrongKind(ShibaiError):
    """An input is readable but is not what the command needs (not an application, not a summary …)."""


class RefusedWrite(ShibaiError):
    """The output cannot be written: open in Excel/WPS/LibreOffice, read-only, no room, no permission."""


class BadOption(ShibaiError):
    """An option or argument the user gave makes no sense (unknown type, bad round id …)."""
