"""A Madaster database workbook (the layout of the published EPEA Generic workbook) as records.

Sheet ``Products``: two header rows (group labels, then sub-labels), one commodity per row
with names and descriptions in five languages, type (Volume, Area, Length, Quantity), default
amount, density (kg/m³, kg/m² or kg/m), Madaster family, NL-SfB composition, circularity
fractions and wildcard search criteria per language. Volume rows become materials, the
others products. An optional sheet ``Bill of materials`` (parent external id, child external
id, basis Weight/Quantity/Unit, quantity) gives products their children.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from matbank.importers.commodity_records import (
    ChildRecord,
    CommodityRecord,
    RowError,
    TermRecord,
    fraction,
    number,
)

PRODUCTS_SHEET = "Products"
BOM_SHEET = "Bill of materials"
HEADER_ROWS = 2
LANGUAGES = {"": "en", "(German)": "de", "(Dutch)": "nl", "(French)": "fr", "(Norwegian)": "nb"}
CRITERIA = {
    "All Languages": None,
    "English": "en",
    "German": "de",
    "Dutch": "nl",
    "French": "fr",
    "Norwegian": "nb",
}
TYPES = ("Volume", "Area", "Length", "Quantity")
BASES = ("Weight", "Quantity", "Unit")
_SPLIT = re.compile(r",\s*(?=[A-Z]\d?\s*-\s)")
_COMPONENT = re.compile(r"^([A-Z]\d?)\s*-.*?(?:\(([\d.]+)%\))?$")


def read(path: Path) -> Iterator[CommodityRecord | RowError]:
    """Records of the workbook's Products sheet, then its bill-of-materials lines."""
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        if PRODUCTS_SHEET not in workbook.sheetnames:
            yield RowError(1, f"the workbook has no '{PRODUCTS_SHEET}' sheet")
            return
        rows = workbook[PRODUCTS_SHEET].iter_rows(values_only=True)
        header = [next(rows, ()), next(rows, ())]
        try:
            columns = _columns(header)
        except ValueError as exc:
            yield RowError(1, str(exc))
            return
        records: dict[str, CommodityRecord] = {}
        for index, cells in enumerate(rows, start=HEADER_ROWS + 1):
            if not any(c not in (None, "") for c in cells):
                continue
            try:
                record = _record(index, cells, columns)
            except ValueError as exc:
                yield RowError(index, str(exc))
                continue
            if record.external_id in records:
                yield RowError(index, f"External ID '{record.external_id}' occurs twice")
                continue
            records[record.external_id] = record
        if BOM_SHEET in workbook.sheetnames:
            yield from _children(workbook[BOM_SHEET].iter_rows(values_only=True), records)
        yield from records.values()
    finally:
        workbook.close()


def _columns(header: list[tuple[Any, ...]]) -> dict[str, Any]:
    """Column positions by group label (row 1) and sub-label (row 2)."""
    groups: list[str] = []
    current = ""
    for cell in header[0]:
        current = str(cell).strip() if cell not in (None, "") else current
        groups.append(current)
    position = {label: i for i, label in reversed(list(enumerate(groups)))}
    subs = {(groups[i], str(s).strip()): i for i, s in enumerate(header[1]) if s is not None}
    required = ("External ID", "Material name", "Type", "density/grammage/linear density")
    missing = [name for name in required if name not in position]
    if missing:
        raise ValueError(f"not a database workbook: column(s) {', '.join(missing)} missing")
    criteria = {
        lang: [i for i, g in enumerate(groups) if g == f"Search criteria {label}"]
        for label, lang in CRITERIA.items()
    }
    return {"position": position, "subs": subs, "criteria": criteria}


def _cell(cells: tuple[Any, ...], index: int | None) -> Any:
    return cells[index] if index is not None and index < len(cells) else None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _record(row: int, cells: tuple[Any, ...], columns: dict[str, Any]) -> CommodityRecord:
    position, subs = columns["position"], columns["subs"]
    ext = _text(_cell(cells, position["External ID"])) or _text(
        _cell(cells, position.get("Madaster UID"))
    )
    if not ext:
        raise ValueError("External ID is empty")
    kind = _text(_cell(cells, position["Type"]))
    if kind not in TYPES:
        raise ValueError(f"Type '{kind}' is not one of {', '.join(TYPES)}")
    names = _languages(cells, position, "Material name")
    if not names:
        raise ValueError("the row has no material name")
    density = number(_cell(cells, position["density/grammage/linear density"]), name="density")
    if density is None or density < 0:
        raise ValueError("density/grammage/linear density is missing or negative")
    is_material = kind == "Volume"
    record = CommodityRecord(
        row=row,
        external_id=ext,
        commodity_type="Material" if is_material else "Product",
        names=names,
        functional_unit=kind,
        descriptions=_languages(cells, position, "Description"),
        density=density,
        do_not_use_bill_of_materials=not is_material,
    )
    if not is_material:
        amount = number(_cell(cells, position.get("Functional Unit")), name="Functional Unit")
        record.default_amount = amount if amount and amount > 0 else 1.0
    record.material_families = _families(cells, position, is_material)
    record.circularity = _circularity(cells, subs)
    record.terms = list(_terms(cells, columns["criteria"]))
    record.sources = {"density": f"workbook row {row}", "circularity": f"workbook row {row}"}
    return record


def _languages(cells: tuple[Any, ...], position: dict[str, int], label: str) -> dict[str, str]:
    found = {}
    for suffix, language in LANGUAGES.items():
        text = _text(_cell(cells, position.get(f"{label} {suffix}".strip())))
        if text:
            found[language] = text[:4000]
    return found


def _families(cells: tuple[Any, ...], position: dict[str, int], is_material: bool) -> Any:
    madaster = _text(_cell(cells, position.get("Material Classification"))).lower()
    shares = _composition(_text(_cell(cells, position.get("nl_sfb"))))
    if is_material:
        families = {
            "madaster": madaster or None,
            "madasterv2": max(shares, key=shares.__getitem__) if shares else None,
        }
        return {k: v for k, v in families.items() if v} or None
    products = []
    if madaster:
        products.append({"familyId": "madaster", "values": {madaster: 1.0}})
    if shares:
        products.append({"familyId": "madasterv2", "values": shares})
    return products or None


def _composition(text: str) -> dict[str, float]:
    """'N6 - Plastics(52%),U4 - Flame retardants(48%)' -> {'n6': 0.52, 'u4': 0.48}."""
    shares: dict[str, float] = {}
    for part in _SPLIT.split(text):
        match = _COMPONENT.match(part.strip())
        if match is None:
            continue
        share = float(match.group(2)) / 100 if match.group(2) else 1.0
        code = match.group(1).lower()
        shares[code] = round(shares.get(code, 0.0) + share, 6)
    total = sum(shares.values())
    return {k: v / total for k, v in shares.items()} if total > 1 else shares


def _circularity(cells: tuple[Any, ...], subs: dict[tuple[str, str], int]) -> dict[str, Any]:
    def value(group: str, label: str) -> float:
        index = subs.get((group, label))
        return fraction(_cell(cells, index), name=f"{group} {label}".strip())

    def efficiency(group: str, label: str) -> float:
        return value(group, label) or 0.75

    renewable = value("Feedstock Input", "% Rapid Renewables")
    feedstock = {
        "recycled": value("Feedstock Input", "% Recycled"),
        "recyclingEfficiency": efficiency("Feedstock Input", "% Recycling Efficiency"),
        "renewables": renewable,
        "rapidRenewables": renewable,
    }
    output = {
        "availableForRecycle": value("Output", "% Available for recycle"),
        "recyclingEfficiency": efficiency("Output", "% Recycling efficiency"),
        "landfill": value("Output", "% Landfill"),
    }
    if feedstock["recycled"] + renewable > 1 + 1e-6:
        raise ValueError("the feedstock fractions add up to more than 1")
    if output["availableForRecycle"] + output["landfill"] > 1 + 1e-6:
        raise ValueError("the output fractions add up to more than 1")
    return {"feedstock": feedstock, "output": output}


def _terms(cells: tuple[Any, ...], criteria: dict[str | None, list[int]]) -> Iterator[TermRecord]:
    for language, indices in criteria.items():
        for index in indices:
            term = wildcard_term(_text(_cell(cells, index)), language)
            if term is not None:
                yield term


def wildcard_term(text: str, language: str | None) -> TermRecord | None:
    """A search criterion with wildcards as a matching term: ``*x*`` Contains, ``x*``
    Startwith, ``*x`` Endswith, ``=x`` or plain ``x`` Equals."""
    text = text.strip()
    if text.startswith("="):
        text = text[1:].strip()
    if not text.strip("*").strip():
        return None
    starts, ends = text.startswith("*"), text.endswith("*")
    value = text.strip("*").strip()
    if "*" in value:
        return TermRecord(max(value.split("*"), key=len).strip(), "Contains", language)
    kind = {
        (True, True): "Contains",
        (False, True): "Startwith",
        (True, False): "Endswith",
        (False, False): "Equals",
    }[(starts, ends)]
    return TermRecord(value, kind, language)


def _children(
    rows: Iterator[tuple[Any, ...]], records: dict[str, CommodityRecord]
) -> Iterator[RowError]:
    """Attach bill-of-materials lines to their parents; bad lines are reported."""
    next(rows, None)
    for index, cells in enumerate(rows, start=2):
        parent, child, basis, quantity = (list(cells) + [None] * 4)[:4]
        parent, child, basis = _text(parent), _text(child), _text(basis) or "Weight"
        if not parent and not child:
            continue
        if parent not in records:
            yield RowError(index, f"{BOM_SHEET}: unknown parent External ID '{parent}'")
            continue
        if records[parent].commodity_type != "Product":
            yield RowError(
                index, f"{BOM_SHEET}: '{parent}' is a material; only products have children"
            )
            continue
        if basis not in BASES or not child:
            yield RowError(
                index, f"{BOM_SHEET}: basis must be one of {', '.join(BASES)} with a child"
            )
            continue
        try:
            amount = number(quantity, name="quantity")
        except ValueError as exc:
            yield RowError(index, f"{BOM_SHEET}: {exc}")
            continue
        if amount is None or amount < 0:
            yield RowError(index, f"{BOM_SHEET}: quantity must be a number of at least 0")
            continue
        records[parent].children.append(ChildRecord(child, basis, amount))
        records[parent].do_not_use_bill_of_materials = False
