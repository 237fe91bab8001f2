"""The shibai-xl Excel add-in, built from source without Excel.

* :func:`build_addin` writes the generated ``shibai.xlam`` (ribbon from
  :data:`RIBBON_BUTTONS`, VBA project written by :mod:`.ovba`).
* :mod:`.hardening`: what the build changes in xlwings' VBA so that nothing a
  submitted workbook carries chooses settings or code.
* :mod:`.ovba` / :mod:`.cfb`: MS-OVBA ``vbaProject.bin`` and MS-CFB writers.

Names are imported lazily so that ``python -m shibai_xl.addin.build`` runs
cleanly.
"""

from importlib import import_module

_EXPORTS = {
    "build_addin": "build",
    "build_addin_bytes": "build",
    "RIBBON_BUTTONS": "ribbon",
    "RIBBON_GROUPS": "ribbon",
    "RibbonButton": "ribbon",
    "RibbonGroup": "ribbon",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
