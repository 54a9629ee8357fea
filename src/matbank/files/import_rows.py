"""Element rows (as stored) from imported records: IFC elements and Excel source rows.

The import job hands every record to one of these builders and stores the rows in batches.
Detachability texts that are not one of the API's values are stored as ``Unknown``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

from matbank.elements.schemas import (
    Accessibility,
    ConnectionType,
    ConnectionTypeDetail,
    Intersection,
    ProductEdge,
)
from matbank.importers.excel import ExcelReadError, SourceRow
from matbank.importers.ifc_records import ExtractedElement, SubElement
from matbank.importers.ifc_rules import building_number_shares


def _values(enum: Iterable[Any]) -> dict[str, str]:
    return {_key(member.value): member.value for member in enum}


def _key(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


CONNECTION_TYPES = _values(ConnectionType)
DETAILS = _values(ConnectionTypeDetail)
INTERSECTIONS = _values(Intersection)
ACCESSIBILITIES = _values(Accessibility)
EDGES = _values(ProductEdge)


def ifc_rows(
    file_id: uuid.UUID, element: ExtractedElement, position: int
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The columns the element and its sub-elements share, and each one's own columns: the
    element's row first, then one row per sub-element."""
    q = element.quantities
    names = list(dict.fromkeys(element.material_names))
    own = {
        "element_id": element.id,
        "parent_element_id": element.parent_id,
        "material_name": ", ".join(names) or None,
        "material_names": names if len(names) > 1 else None,
        "volume": q.volume,
        "area": q.area,
        "length": q.length,
        "height": q.height,
        "width": q.width,
        "weight": q.weight,
    }
    rows = [own, *(_sub_columns(element, sub) for sub in element.sub_elements)]
    return _row(file_id, element, position), rows


def _sub_columns(parent: ExtractedElement, sub: SubElement) -> dict[str, Any]:
    return {
        "element_id": sub.id,
        "parent_element_id": parent.id,
        "name": f"{parent.name or parent.type_name or parent.element_class} – "
        f"{sub.material_name or sub.source}",
        "material_name": sub.material_name,
        "volume": sub.volume,
        "area": sub.area,
        "length": sub.length,
    }


def _row(file_id: uuid.UUID, element: ExtractedElement, position: int) -> dict[str, Any]:
    d = element.detachability
    return {
        "file_id": file_id,
        "position": position,
        "name": element.name,
        "material_id": _uuid(element.material_id),
        "external_database_id": element.external_database_id,
        "type_name": element.type_name,
        "element_class": element.element_class,
        "phase_lookup": element.phase_lookup,
        "classification_lookup": element.classification_lookup,
        "floor": element.floor,
        "gtin": element.gtin,
        "article_number": element.article_number,
        "building_numbers": _shares(element.building_numbers),
        "connection_type": _enum_or_unknown(d.connection_type, CONNECTION_TYPES),
        "connection_type_detail": _enum_or_unknown(d.connection_type_detail, DETAILS),
        "intersection": _enum_or_unknown(d.intersection, INTERSECTIONS),
        "accessibility": _enum_or_unknown(d.accessibility, ACCESSIBILITIES),
        "product_edge": _enum_or_unknown(d.product_edge, EDGES),
        "phase": element.phase,
        **(element_overrides(dict(element.extra_properties)) if element.extra_properties else {}),
    }


def element_overrides(properties: dict[str, str]) -> dict[str, float | date | None]:
    """CPset_Madaster's element-level overrides: Reuse and AvailableForReuse (fractions, or
    percentages above 1), LifeSpan (years), AssumedConstructionWaste (a fraction) and
    InstallationDate (an IfcDate or IfcDateTime; the date part is kept)."""
    return {
        "reuse": _share(properties.get("Reuse")),
        "available_for_reuse": _share(properties.get("AvailableForReuse")),
        "lifespan": _positive(properties.get("LifeSpan")),
        "construction_waste": _share(properties.get("AssumedConstructionWaste")),
        "installation_date": _date(properties.get("InstallationDate")),
    }


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(str(text).strip()[:10]) if text else None
    except ValueError:
        return None


def _number(text: str | None) -> float | None:
    try:
        value = float(str(text).strip().rstrip("%").replace(",", "."))
    except (TypeError, ValueError):
        return None
    return value if value == value and abs(value) != float("inf") else None


def _share(text: str | None) -> float | None:
    value = _number(text)
    if value is None or value < 0:
        return None
    value = value / 100.0 if value > 1 else value
    return value if value <= 1 else None


def _positive(text: str | None) -> float | None:
    value = _number(text)
    return value if value is not None and value > 0 else None


def _enum_or_unknown(text: str | None, allowed: dict[str, str]) -> str:
    return allowed.get(_key(text), "Unknown") if text else "Unknown"


def _uuid(text: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(text) if text else None
    except ValueError:
        return None


def excel_row(file_id: uuid.UUID, record: SourceRow, position: int) -> dict[str, Any]:
    """The stored row of one Excel source row; "Number of elements" multiplies quantities.
    Columns not named here are filled by the element repository."""
    factor = record.number("number_of_elements") or 1.0
    volume, area = record.number("volume"), record.number("area")
    if volume is None and area is not None and record.number("thickness") is not None:
        volume = area * (record.number("thickness") or 0.0)
    material = record.text("material_name")
    return {
        "file_id": file_id,
        "position": position,
        "element_id": record.text("element_id") or f"{record.sheet}!{record.row}",
        "name": record.text("name") or material,
        "material_name": material,
        "material_id": _madaster_id(record),
        "external_database_id": record.text("external_database_id"),
        "volume": _times(volume, factor),
        "area": _times(area, factor),
        "length": _times(record.number("length"), factor),
        "count": _times(record.number("count"), factor) if record.number("count") else None,
        "phase_lookup": record.phase,
        "classification_lookup": record.text("classification"),
        "floor": record.text("floor"),
        "gtin": record.text("gtin"),
        "article_number": record.text("article_number"),
        "building_numbers": _shares(building_number_shares(record.text("building_numbers"))),
        **_excel_detachability(record),
        "phase": record.phase,
        **_excel_overrides(record),
    }


def _excel_overrides(record: SourceRow) -> dict[str, float | date | None]:
    """The template's override columns (already read as fractions, years and a date). A
    construction waste or lifespan of 0 means "none given"."""
    return {
        "reuse": record.number("reuse"),
        "available_for_reuse": record.number("available_for_reuse"),
        "construction_waste": record.number("construction_waste") or None,
        "lifespan": record.number("lifespan") or None,
        "installation_date": record.date("installation_date"),
    }


def _excel_detachability(record: SourceRow) -> dict[str, str]:
    return {
        "connection_type": _enum_or_unknown(record.text("connection_type"), CONNECTION_TYPES),
        "connection_type_detail": "Unknown",
        "intersection": _enum_or_unknown(record.text("intersection"), INTERSECTIONS),
        "accessibility": _enum_or_unknown(record.text("accessibility"), ACCESSIBILITIES),
        "product_edge": _enum_or_unknown(record.text("product_edge"), EDGES),
    }


def _madaster_id(record: SourceRow) -> uuid.UUID | None:
    text = record.text("material_id")
    if text is None:
        return None
    try:
        return uuid.UUID(text)
    except ValueError:
        raise ExcelReadError(
            f"Sheet '{record.sheet}', row {record.row}, column 'Madaster id': {text[:60]!r} is "
            "not a Madaster id (a UUID is expected)."
        ) from None


def _times(value: float | None, factor: float) -> float | None:
    return None if value is None else value * factor


def _shares(shares: Iterable[Any]) -> list[dict[str, Any]] | None:
    return [{"buildingNumber": s.building_number, "ratio": s.ratio} for s in shares] or None
