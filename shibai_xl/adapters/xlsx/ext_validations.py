"""The data validations Excel 2010 and later save in a sheet's extension list (``x14:dataValidation``): a dropdown
whose list is a range of another sheet (“是/否” typed on a sheet “选项”). openpyxl drops them with an English warning,
so a refresh or merge that saved a clerk's summary took their dropdowns away without a word. Read here from the
sheet's XML and given back to openpyxl as ordinary validations, which Excel, WPS and LibreOffice all take with a
reference to another sheet."""
from __future__ import annotations

from openpyxl.worksheet.datavalidation import DataValidation

from .opc import parse_xml

X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
XM = "http://schemas.microsoft.com/office/excel/2006/main"
DROPPED = "Data Validation extension is not supported and will be removed"   # openpyxl's warning
_FLAGS = ("allowBlank", "showInputMessage", "showErrorMessage", "showDropDown")
_TEXTS = ("type", "operator", "errorStyle", "imeMode", "error", "errorTitle", "prompt", "promptTitle")


def ext_validations(data: bytes, part: str) -> list[DataValidation]:
    """The validations of a sheet's XML kept in its extension list (none: [], without parsing a sheet that has
    none: nearly every one)."""
    if b"dataValidation" not in data or b"extLst" not in data:
        return []
    out = []
    root = parse_xml(data, part)
    for el in root.iter(f"{{{X14}}}dataValidation"):
        sqref = el.findtext(f"{{{XM}}}sqref")
        if not sqref or not sqref.strip():
            continue
        formulas = [el.findtext(f"{{{X14}}}{name}/{{{XM}}}f") for name in ("formula1", "formula2")]
        try:
            dv = DataValidation(formula1=formulas[0], formula2=formulas[1], sqref=sqref.strip(),
                                **{k: el.get(k) for k in _TEXTS if el.get(k) is not None},
                                **{k: el.get(k) in ("1", "true") for k in _FLAGS if el.get(k) is not None})
        except (ValueError, TypeError):   # a value no validation has (type="x"): Excel itself would not open it
            continue
        out.append(dv)
    return out
