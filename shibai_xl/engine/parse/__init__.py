"""Parsers for what people type into the forms, one small module per kind.

Every module has the same tiny API, after python-stdnum: ``parse(raw, …)``
returns a :class:`Parsed` (never raises), ``is_valid(raw, …)`` says yes or no.
"""
from .result import Parsed

__all__ = ["Parsed"]
