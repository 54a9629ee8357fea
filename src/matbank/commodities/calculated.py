"""Values a commodity derives from its bill of materials, through ``matbank.calculations``.

A product that uses its bill of materials gets its mass per functional unit, its circularity
fractions and its Madaster material-family split from its children, recursively; everything
else keeps the values that were entered. Stored circularity is the wire shape (camelCase).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from matbank.calculations.bom import (
    BomChild,
    BomCommodity,
    ChildBasis,
    ResolvedCommodity,
    resolve_bill_of_materials,
)
from matbank.calculations.circularity import (
    DEFAULT_RECYCLING_EFFICIENCY,
    Circularity,
    Feedstock,
    Output,
)
from matbank.calculations.errors import BillOfMaterialsError, ScalingError
from matbank.calculations.mass import mass_per_functional_unit
from matbank.calculations.scaling import ScalingKind, ScalingRule, scaled_value
from matbank.calculations.units import FunctionalUnit
from matbank.commodities.models import Commodity, CommodityChild
from matbank.commodities.repository import CommodityRepository

MADASTER = "madaster"
_MAX_DEPTH = 64


def _efficiency(value: Any) -> float:
    return float(value) if value and 0 < float(value) <= 1 else DEFAULT_RECYCLING_EFFICIENCY


def to_calculation(data: dict[str, Any] | None) -> Circularity | None:
    """Wire circularity (feedstock/output blocks) as the calculations' Circularity."""
    if not data or not (data.get("feedstock") or data.get("output")):
        return None
    fs, out = data.get("feedstock") or {}, data.get("output") or {}
    sustainable = float(fs.get("renewablesSustainablyProduced") or 0)
    renewable = max(float(fs.get("renewables") or 0), sustainable)
    return Circularity(
        Feedstock(
            recycled=float(fs.get("recycled") or 0),
            recycling_efficiency=_efficiency(fs.get("recyclingEfficiency")),
            reused=float(fs.get("reused") or 0),
            renewable_sustainable=sustainable,
            renewable_other=renewable - sustainable,
        ),
        Output(
            reuse=float(out.get("availableForReuse") or 0),
            recycle=float(out.get("availableForRecycle") or 0),
            recycling_efficiency=_efficiency(out.get("recyclingEfficiency")),
            landfill=float(out.get("landfill") or 0),
        ),
    )


def from_calculation(circularity: Circularity) -> dict[str, Any]:
    """The calculations' Circularity as wire feedstock/output blocks (with derived values)."""
    fs, out = circularity.feedstock, circularity.output
    recycled, reused, sustainable, other = fs.shares()
    reuse, recycle, landfill, incineration = out.shares()
    return {
        "feedstock": {
            "renewables": sustainable + other,
            "renewablesSustainablyProduced": sustainable,
            "recycled": recycled,
            "recyclingEfficiency": fs.recycling_efficiency,
            "reused": reused,
        },
        "output": {
            "availableForReuse": reuse,
            "availableForRecycle": recycle,
            "recyclingEfficiency": out.recycling_efficiency,
            "landfill": landfill,
            "incineration": incineration,
        },
    }


def with_derived_values(data: dict[str, Any] | None) -> dict[str, Any] | None:
    """Add the read-only totals (not renewable, primary, secondary, incineration)."""
    if not data:
        return data
    result = {k: (dict(v) if isinstance(v, dict) else v) for k, v in data.items()}
    fs, out = result.get("feedstock"), result.get("output")
    if isinstance(fs, dict):
        renewable = max(
            float(fs.get("renewables") or 0), float(fs.get("renewablesSustainablyProduced") or 0)
        )
        secondary = float(fs.get("recycled") or 0) + float(fs.get("reused") or 0)
        fs["notRenewables"] = max(0.0, 1.0 - renewable)
        fs["totalSecondary"] = min(1.0, secondary)
        fs["totalPrimary"] = max(0.0, 1.0 - secondary)
    if isinstance(out, dict):
        used = sum(
            float(out.get(k) or 0) for k in ("availableForReuse", "availableForRecycle", "landfill")
        )
        out["incineration"] = max(0.0, 1.0 - used)
    return result


def family_shares(commodity: Commodity) -> tuple[tuple[str, float], ...]:
    """The commodity's own Madaster-family split (fractions of its mass), with the family
    names the calculations use (``Stone``, ``Unknown``...; the wire ids are lower case)."""
    families = commodity.material_families
    if isinstance(families, dict):
        value = families.get(MADASTER)
        return ((str(value).capitalize(), 1.0),) if value else ()
    for family in families or []:
        if isinstance(family, dict) and family.get("familyId") == MADASTER:
            values = family.get("values") or {}
            return tuple((str(k).capitalize(), float(v)) for k, v in values.items() if v)
    return ()


_BASES = {basis.value.lower(): basis for basis in ChildBasis}


def bom_commodity(commodity: Commodity, children: Iterable[CommodityChild]) -> BomCommodity:
    """The one mapping of a stored commodity (and its BoM lines) to the calculations' input;
    refinement, building processing and the commodity views all use it."""
    is_material = commodity.commodity_type == "Material"
    return BomCommodity(
        id=str(commodity.id),
        functional_unit=FunctionalUnit.VOLUME
        if is_material
        else FunctionalUnit(commodity.functional_unit or "Volume"),
        density=commodity.density,
        weight_per_piece=None if is_material else commodity.weight,
        default_amount=commodity.default_functional_unit_amount or 1.0,
        circularity=to_calculation(commodity.circularity),
        family_shares=family_shares(commodity),
        children=tuple(
            BomChild(
                str(c.child_id),
                _BASES[c.basis.lower()],
                c.quantity,
                to_calculation(c.override_circularity),
            )
            for c in children
        ),
        use_bill_of_materials=not commodity.do_not_use_bill_of_materials,
    )


def load_catalogue(
    session: Session, root: Commodity, extra: tuple[uuid.UUID, CommodityChild] | None = None
) -> dict[str, BomCommodity]:
    """The root and everything below it, level by level; ``extra`` adds a not-yet-stored line."""
    repo = CommodityRepository(session)
    commodities: dict[uuid.UUID, Commodity] = {root.id: root}
    lines: dict[uuid.UUID, list[CommodityChild]] = {}
    frontier = {root.id}
    for _ in range(_MAX_DEPTH):
        if not frontier:
            break
        for line in repo.children_of(frontier):
            lines.setdefault(line.parent_id, []).append(line)
        if extra is not None and extra[0] in frontier:
            lines.setdefault(extra[0], []).append(extra[1])
        wanted = {line.child_id for p in frontier for line in lines.get(p, [])} - commodities.keys()
        commodities.update(repo.get_many(wanted))
        frontier = wanted
    return {str(cid): bom_commodity(c, lines.get(cid, [])) for cid, c in commodities.items()}


def resolve(session: Session, commodity: Commodity) -> ResolvedCommodity | None:
    """The commodity after its bill of materials, or None when it cannot be resolved."""
    try:
        return resolve_bill_of_materials(str(commodity.id), load_catalogue(session, commodity))
    except BillOfMaterialsError:
        return None


def uses_bill_of_materials(commodity: Commodity, resolved: ResolvedCommodity | None) -> bool:
    return (
        commodity.commodity_type == "Product"
        and not commodity.do_not_use_bill_of_materials
        and resolved is not None
        and bool(resolved.children)
    )


def scaling_rule(data: dict[str, Any]) -> ScalingRule:
    return ScalingRule(
        kind=ScalingKind(data["kind"]),
        a=data["a"],
        c=data.get("c", 0.0),
        reference_size=data["referenceSize"],
        minimum=data.get("minimum"),
        maximum=data.get("maximum"),
        exponent=data.get("exponent", 1.0),
        log_factor=data.get("logFactor", 1.0),
    )


def mass_per_unit_at_size(
    commodity: Commodity, resolved: ResolvedCommodity | None, size: float
) -> float | None:
    """Mass per functional unit of a (scalable) product at ``size``: f(x)·W_ref (§4.1);
    without a scaling rule, or outside its margins, the nominal mass."""
    mass = (
        resolved.mass_per_unit
        if resolved is not None
        else mass_per_functional_unit(
            FunctionalUnit(commodity.functional_unit), commodity.density, commodity.weight
        )
    )
    if mass is None or not commodity.scaling:
        return mass
    try:
        return scaled_value(scaling_rule(commodity.scaling), size, mass)
    except ScalingError:
        return mass
