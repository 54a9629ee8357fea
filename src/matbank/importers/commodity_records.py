"""What the database readers yield: one record per commodity, or a row that could not be read.

Records carry wire-shaped values (camelCase keys as the v4 API uses them) so that the writer
stores them exactly as a commodity created through the API would be stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class TermRecord:
    value: str
    match_type: str = "Contains"
    language: str | None = None


@dataclass(frozen=True, slots=True)
class ChildRecord:
    """A bill-of-materials line naming its child by external id."""

    child_external_id: str
    basis: str  # Quantity, Weight or Unit
    quantity: float


@dataclass(slots=True)
class CommodityRecord:
    row: int
    external_id: str
    commodity_type: str  # Material or Product
    names: dict[str, str]
    functional_unit: str = "Volume"
    descriptions: dict[str, str] = field(default_factory=dict)
    density: float | None = None
    weight: float | None = None
    default_amount: float | None = None
    lifespan: int | None = None
    #: Material: {family: value}; Product: [{"familyId", "values": {value: share}}].
    material_families: Any = None
    circularity: dict[str, Any] | None = None
    lcas: list[dict[str, Any]] = field(default_factory=list)
    terms: list[TermRecord] = field(default_factory=list)
    children: list[ChildRecord] = field(default_factory=list)
    do_not_use_bill_of_materials: bool = False
    #: fixedHeight (Area products) or fixedArea (Length products), in m or m².
    dimensions: dict[str, float] = field(default_factory=dict)
    #: Citations of the figures: {"density", "circularity", "lca"} -> text.
    sources: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RowError:
    """A row the reader could not turn into a record, with its row number in the file."""

    row: int
    reason: str


def number(text: Any, *, name: str) -> float | None:
    """A decimal from a cell ("" or None: unknown); raises ValueError naming the column."""
    if text is None:
        return None
    if isinstance(text, int | float):
        value = float(text)
    else:
        cleaned = str(text).strip()
        if not cleaned:
            return None
        try:
            value = float(cleaned)
        except ValueError:
            raise ValueError(f"{name}: '{cleaned}' is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"{name}: '{text}' is not a finite number")
    return value


def fraction(text: Any, *, name: str) -> float:
    value = number(text, name=name)
    if value is None:
        return 0.0
    if not -1e-9 <= value <= 1 + 1e-9:
        raise ValueError(f"{name}: {value} is not a fraction between 0 and 1")
    return min(max(value, 0.0), 1.0)
