"""matbank's own commodity CSV (docs/commodity-csv.md): reader and writer.

The reader yields one CommodityRecord per row, or a RowError naming the row (the header is
row 1) and the reason; the writer turns stored commodities back into the same columns.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import IO, Any

from matbank.importers.commodity_records import (
    CommodityRecord,
    RowError,
    TermRecord,
    fraction,
    number,
)

COLUMNS = [
    "external_id",
    "commodity_type",
    "functional_unit",
    "name_en",
    "name_nl",
    "name_de",
    "family_madaster",
    "family_nlsfb",
    "density_kg_m3",
    "mass_per_unit_kg",
    "lifespan_years",
    "feedstock_recycled",
    "feedstock_reused",
    "feedstock_renewable",
    "eol_reuse",
    "eol_recycling",
    "eol_landfill",
    "eol_incineration",
    "efficiency_recycling_input",
    "efficiency_recycling_output",
    "lca_compliance",
    "lca_unit",
    "gwp_a1_a3",
    "gwp_a4",
    "gwp_a5",
    "gwp_c1",
    "gwp_c2",
    "gwp_c3",
    "gwp_c4",
    "gwp_d",
    "odp_a1_a3",
    "ap_a1_a3",
    "ep_a1_a3",
    "pocp_a1_a3",
    "adpe_a1_a3",
    "adpf_a1_a3",
    "penrt_a1_a3",
    "pert_a1_a3",
    "terms_en",
    "terms_nl",
    "terms_de",
    "terms_any",
    "density_source",
    "circularity_source",
    "lca_source",
]
MATCH_TYPES = (
    "EqualsCaseSensitive",
    "Equals",
    "Startwith",
    "ContainsExactWord",
    "ContainsCaseSensitive",
    "Contains",
    "Endswith",
)
FUNCTIONAL_UNITS = ("Volume", "Area", "Length", "Quantity", "Weight")
GWP_MODULES = {
    "a1_a3": "A1_A3",
    "a4": "A4",
    "a5": "A5",
    "c1": "C1",
    "c2": "C2",
    "c3": "C3",
    "c4": "C4",
    "d": "D",
}
#: Column -> (EN 15804+A1 indicator, EN 15804+A2 indicator), A1-A3 only.
OTHER_INDICATORS = {
    "odp_a1_a3": ("ozoneDeplationPotential", "ozoneDeplationPotential"),
    "ap_a1_a3": (
        "acidificationPotentialOfLandAndWater",
        "acidificationPotentialAccumulatedExceedance",
    ),
    "ep_a1_a3": ("eutrophicationPotential", None),
    "pocp_a1_a3": ("photoChemicalOxydantFormation", "photoOxidantCreationPotential"),
    "adpe_a1_a3": ("abioticDeplationNonFossile", "abioticDeplationNonFossile"),
    "adpf_a1_a3": ("abioticDeplationFossile", "abioticDeplationFossile"),
    "penrt_a1_a3": ("penrt", "penrt"),
    "pert_a1_a3": ("pert", "pert"),
}
A1_BLOCK, A2_BLOCK = "EN15804_2012_04_A1_2013", "EN15804_2012_A2_2019"
A2_COMPLIANCE = "EN 15804+A2"
#: Country of LCAs from sources that are not for one country (documented interpretation).
GENERIC_LCA_COUNTRY = "eu"


def read(stream: IO[str]) -> Iterator[CommodityRecord | RowError]:
    """Records of a commodity CSV; a wrong header is reported as row 1 and ends the file."""
    reader = csv.reader(stream)
    header = next(reader, None)
    if header is None or [h.strip().lstrip("\ufeff") for h in header] != COLUMNS:
        yield RowError(1, "the header row must hold exactly the columns of docs/commodity-csv.md")
        return
    seen: set[str] = set()
    for index, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        try:
            record = _record(index, dict(zip(COLUMNS, cells, strict=False)), len(cells))
        except ValueError as exc:
            yield RowError(index, str(exc))
            continue
        if record.external_id in seen:
            yield RowError(index, f"external_id '{record.external_id}' occurs twice in the file")
            continue
        seen.add(record.external_id)
        yield record


def _record(row: int, cells: dict[str, str], width: int) -> CommodityRecord:
    if width != len(COLUMNS):
        raise ValueError(f"the row has {width} cells, the header {len(COLUMNS)}")
    ext = cells["external_id"].strip()
    if not ext:
        raise ValueError("external_id is empty")
    kind = cells["commodity_type"].strip()
    if kind not in ("Material", "Product"):
        raise ValueError(f"commodity_type '{kind}' is neither Material nor Product")
    unit = cells["functional_unit"].strip() or "Volume"
    if unit not in FUNCTIONAL_UNITS or (kind == "Material" and unit != "Volume"):
        raise ValueError(f"functional_unit '{unit}' is not allowed for a {kind}")
    names = {lang: cells[f"name_{lang}"].strip() for lang in ("en", "nl", "de")}
    names = {k: v for k, v in names.items() if v}
    if not names:
        raise ValueError("the row has no name")
    record = CommodityRecord(
        row=row, external_id=ext, commodity_type=kind, names=names, functional_unit=unit
    )
    _mass(record, cells)
    record.material_families = _families(kind, cells)
    record.circularity = _circularity(cells)
    record.lcas = _lcas(record, cells)
    record.terms = list(_terms(cells))
    sources = {k: cells[f"{k}_source"].strip() for k in ("density", "circularity", "lca")}
    record.sources = {k: v for k, v in sources.items() if v}
    return record


def _mass(record: CommodityRecord, cells: dict[str, str]) -> None:
    density = number(cells["density_kg_m3"], name="density_kg_m3")
    per_unit = number(cells["mass_per_unit_kg"], name="mass_per_unit_kg")
    lifespan = number(cells["lifespan_years"], name="lifespan_years")
    if lifespan is not None and not (1 <= lifespan <= 1000 and lifespan == int(lifespan)):
        raise ValueError(f"lifespan_years: {lifespan} is not a whole number from 1 to 1000")
    record.lifespan = int(lifespan) if lifespan is not None else None
    for name, value in (("density_kg_m3", density), ("mass_per_unit_kg", per_unit)):
        if value is not None and value < 0:
            raise ValueError(f"{name}: {value} is negative")
    if record.commodity_type == "Material":
        if density is None:
            raise ValueError("density_kg_m3 is required for a material")
        record.density = density
        return
    record.do_not_use_bill_of_materials = True
    record.default_amount = 1.0
    if record.functional_unit == "Quantity":
        record.weight = per_unit
    else:
        record.density = per_unit if record.functional_unit != "Volume" else per_unit or density
    if density and per_unit and record.functional_unit in ("Area", "Length"):
        key = "fixedHeight" if record.functional_unit == "Area" else "fixedArea"
        record.dimensions = {key: per_unit / density}


def _families(kind: str, cells: dict[str, str]) -> Any:
    madaster = cells["family_madaster"].strip().lower() or None
    nlsfb = cells["family_nlsfb"].strip().lower() or None
    if kind == "Material":
        families = {"madaster": madaster, "madasterv2": nlsfb}
        return {k: v for k, v in families.items() if v} or None
    products = [
        {"familyId": f, "values": {v: 1.0}}
        for f, v in (("madaster", madaster), ("madasterv2", nlsfb))
        if v
    ]
    return products or None


def _circularity(cells: dict[str, str]) -> dict[str, Any]:
    renewable = fraction(cells["feedstock_renewable"], name="feedstock_renewable")
    feedstock = {
        "recycled": fraction(cells["feedstock_recycled"], name="feedstock_recycled"),
        "reused": fraction(cells["feedstock_reused"], name="feedstock_reused"),
        "renewables": renewable,
        "renewablesSustainablyProduced": renewable,
        "recyclingEfficiency": _efficiency(cells, "efficiency_recycling_input"),
    }
    if feedstock["recycled"] + feedstock["reused"] + renewable > 1 + 1e-6:
        raise ValueError("the feedstock fractions add up to more than 1")
    output = {
        "availableForReuse": fraction(cells["eol_reuse"], name="eol_reuse"),
        "availableForRecycle": fraction(cells["eol_recycling"], name="eol_recycling"),
        "landfill": fraction(cells["eol_landfill"], name="eol_landfill"),
        "recyclingEfficiency": _efficiency(cells, "efficiency_recycling_output"),
    }
    incineration = fraction(cells["eol_incineration"], name="eol_incineration")
    total = output["availableForReuse"] + output["availableForRecycle"] + output["landfill"]
    if abs(total + incineration - 1) > 0.001 and total + incineration > 0:
        raise ValueError("the end-of-life fractions do not add up to 1")
    return {"feedstock": feedstock, "output": output}


def _efficiency(cells: dict[str, str], name: str) -> float:
    value = fraction(cells[name], name=name)
    return value if value > 0 else 0.75


def _lcas(record: CommodityRecord, cells: dict[str, str]) -> list[dict[str, Any]]:
    compliance = cells["lca_compliance"].strip()
    if not compliance:
        return []
    block = A2_BLOCK if compliance == A2_COMPLIANCE else A1_BLOCK
    gwp = "globalWarmingPotentialTotal" if block == A2_BLOCK else "globalWarmingPotential"
    phases: dict[str, dict[str, float]] = {}
    for column, phase in GWP_MODULES.items():
        value = number(cells[f"gwp_{column}"], name=f"gwp_{column}")
        if value is not None:
            phases.setdefault(phase, {})[gwp] = value
    for column, names in OTHER_INDICATORS.items():
        indicator = names[1] if block == A2_BLOCK else names[0]
        value = number(cells[column], name=column)
        if value is not None and indicator is not None:
            phases.setdefault("A1_A3", {})[indicator] = value
    if not phases:
        return []
    return [
        {
            "isoCode": GENERIC_LCA_COUNTRY,
            "compliance": [compliance],
            "datasetType": "generic dataset",
            "phases": [{"phaseId": p, block: values} for p, values in phases.items()],
        }
    ]


def _terms(cells: dict[str, str]) -> Iterator[TermRecord]:
    for column, language in (
        ("terms_en", "en"),
        ("terms_nl", "nl"),
        ("terms_de", "de"),
        ("terms_any", None),
    ):
        for entry in cells[column].split("|"):
            entry = entry.strip()
            if not entry:
                continue
            kind, sep, value = entry.partition(":")
            if sep and kind in MATCH_TYPES and value.strip():
                yield TermRecord(value.strip(), kind, language)
            else:
                yield TermRecord(entry, "Contains", language)


# --- writing ---------------------------------------------------------------------------------


def write(stream: IO[str], rows: Iterable[dict[str, str]]) -> int:
    """Write the header and ``rows`` (column -> cell text); returns the number of rows."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for row in rows:
        writer.writerow([row.get(column, "") for column in COLUMNS])
        count += 1
    return count
