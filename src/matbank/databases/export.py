"""A database's commodities as rows of our commodity CSV (docs/commodity-csv.md)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from matbank.commodities.calculated import resolve, uses_bill_of_materials
from matbank.commodities.models import Commodity, CommodityChild, CommodityLca, MatchingTerm
from matbank.databases.models import MaterialDatabase
from matbank.importers.commodity_csv import (
    A1_BLOCK,
    A2_BLOCK,
    A2_COMPLIANCE,
    GWP_MODULES,
    OTHER_INDICATORS,
)

_CSV_UNITS = ("Volume", "Area", "Length", "Quantity", "Weight")
_LANGUAGE_COLUMNS = {"en": "terms_en", "nl": "terms_nl", "de": "terms_de"}


def export_rows(session: Session, database: MaterialDatabase) -> Iterator[dict[str, str]]:
    """One row per active commodity whose unit the CSV can hold (not Energy/OtherUnit)."""
    stmt = (
        select(Commodity)
        .where(Commodity.database_id == database.id, Commodity.is_active.is_(True))
        .order_by(Commodity.external_id, Commodity.id)
    )
    commodities = [c for c in session.scalars(stmt).all() if c.functional_unit in _CSV_UNITS]
    ids = [c.id for c in commodities]
    lcas = _first_by_commodity(
        session, select(CommodityLca).where(CommodityLca.commodity_id.in_(ids))
    )
    terms: dict[Any, list[MatchingTerm]] = {}
    for term in session.scalars(
        select(MatchingTerm).where(MatchingTerm.database_id == database.id)
    ):
        terms.setdefault(term.commodity_id, []).append(term)
    with_bom = set(
        session.scalars(select(CommodityChild.parent_id).where(CommodityChild.parent_id.in_(ids)))
    )
    name = (database.names or {}).get("en") or str(database.id)
    for commodity in commodities:
        row = _identity(commodity)
        row.update(_mass(session, commodity, commodity.id in with_bom))
        row.update(_circularity(commodity.circularity))
        row.update(_lca(commodity, lcas.get(commodity.id)))
        row.update(_terms(terms.get(commodity.id, [])))
        row.update(_sources(commodity, name))
        yield row


def _first_by_commodity(session: Session, stmt: Any) -> dict[Any, CommodityLca]:
    found: dict[Any, CommodityLca] = {}
    for lca in session.scalars(stmt.order_by(CommodityLca.iso_code)):
        found.setdefault(lca.commodity_id, lca)
    return found


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.10g}"


def _identity(commodity: Commodity) -> dict[str, str]:
    names = commodity.names or {}
    madaster, nlsfb = _families(commodity.material_families)
    return {
        "external_id": commodity.external_id or str(commodity.id),
        "commodity_type": commodity.commodity_type,
        "functional_unit": commodity.functional_unit,
        "name_en": names.get("en") or next(iter(names.values()), ""),
        "name_nl": names.get("nl", ""),
        "name_de": names.get("de", ""),
        "family_madaster": madaster,
        "family_nlsfb": nlsfb.upper(),
        "lifespan_years": _num(commodity.lifespan),
    }


def _families(families: Any) -> tuple[str, str]:
    if isinstance(families, dict):
        return families.get("madaster") or "", families.get("madasterv2") or ""
    found = {f["familyId"]: f.get("values") or {} for f in families or []}

    def dominant(values: dict[str, float]) -> str:
        return max(values, key=lambda k: values[k] or 0) if values else ""

    return dominant(found.get("madaster", {})), dominant(found.get("madasterv2", {}))


def _mass(session: Session, commodity: Commodity, has_children: bool) -> dict[str, str]:
    if commodity.commodity_type == "Material":
        return {"density_kg_m3": _num(commodity.density), "mass_per_unit_kg": ""}
    per_unit = commodity.weight if commodity.functional_unit == "Quantity" else commodity.density
    if has_children:
        resolved = resolve(session, commodity)
        if uses_bill_of_materials(commodity, resolved) and resolved is not None:
            per_unit = resolved.mass_per_unit
    thickness = (
        commodity.fixed_height if commodity.functional_unit == "Area" else commodity.fixed_area
    )
    density = per_unit / thickness if per_unit and thickness else None
    return {"density_kg_m3": _num(density), "mass_per_unit_kg": _num(per_unit)}


def _circularity(data: dict[str, Any] | None) -> dict[str, str]:
    fs, out = (data or {}).get("feedstock") or {}, (data or {}).get("output") or {}
    reuse, recycle, landfill = (
        float(out.get(k) or 0) for k in ("availableForReuse", "availableForRecycle", "landfill")
    )
    return {
        "feedstock_recycled": _num(float(fs.get("recycled") or 0)),
        "feedstock_reused": _num(float(fs.get("reused") or 0)),
        "feedstock_renewable": _num(float(fs.get("renewablesSustainablyProduced") or 0)),
        "eol_reuse": _num(reuse),
        "eol_recycling": _num(recycle),
        "eol_landfill": _num(landfill),
        "eol_incineration": _num(max(0.0, round(1.0 - reuse - recycle - landfill, 9))),
        "efficiency_recycling_input": _num(float(fs.get("recyclingEfficiency") or 0.75)),
        "efficiency_recycling_output": _num(float(out.get("recyclingEfficiency") or 0.75)),
    }


def _lca(commodity: Commodity, lca: CommodityLca | None) -> dict[str, str]:
    if lca is None:
        return {}
    body = lca.body
    compliance = body.get("compliance") or []
    a2 = A2_COMPLIANCE in compliance and "EN 15804" not in compliance
    block = A2_BLOCK if a2 else A1_BLOCK
    gwp = "globalWarmingPotentialTotal" if a2 else "globalWarmingPotential"
    phases = {p["phaseId"]: p.get(block) or {} for p in body.get("phases") or []}
    row = {
        "lca_compliance": A2_COMPLIANCE if a2 else "EN 15804",
        "lca_unit": "kg" if commodity.commodity_type == "Material" else "fu",
    }
    for column, phase in GWP_MODULES.items():
        row[f"gwp_{column}"] = _num(phases.get(phase, {}).get(gwp))
    for column, names in OTHER_INDICATORS.items():
        indicator = names[1] if a2 else names[0]
        row[column] = _num(phases.get("A1_A3", {}).get(indicator)) if indicator else ""
    return row


def _terms(terms: list[MatchingTerm]) -> dict[str, str]:
    cells: dict[str, list[str]] = {}
    for term in sorted(terms, key=lambda t: (t.language or "", t.value)):
        if "|" in term.value:
            continue
        column = _LANGUAGE_COLUMNS.get(term.language or "", "terms_any")
        plain = term.match_type == "Contains" and ":" not in term.value
        cells.setdefault(column, []).append(
            term.value if plain else f"{term.match_type}:{term.value}"
        )
    return {column: "|".join(values) for column, values in cells.items()}


def _sources(commodity: Commodity, database_name: str) -> dict[str, str]:
    sources = commodity.sources or {}
    fallback = f"entered in matbank database '{database_name}'"
    return {f"{k}_source": sources.get(k) or fallback for k in ("density", "circularity", "lca")}
