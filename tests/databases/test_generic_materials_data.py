"""Checks on the generic material database shipped with matbank (src/matbank/data/generic_materials.csv).

The file is plain data, so these tests use only the standard library: they check the column
layout, value ranges, source citations, the matching-term syntax, and that the terms link the
material names found in real IFC models when run through the automatic-matching cascade.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from matbank.importers.commodity_csv import COLUMNS

CSV_PATH = (
    Path(__file__).resolve().parents[2] / "src" / "matbank" / "data" / "generic_materials.csv"
)

# The documented column order is the reader's (docs/commodity-csv.md).
TERM_COLUMNS = ["terms_en", "terms_nl", "terms_de", "terms_any"]
NUMERIC_LCA = [
    c
    for c in COLUMNS
    if c.startswith(("gwp_", "odp_", "ap_", "ep_", "pocp_", "adpe_", "adpf_", "penrt_", "pert_"))
]
FAMILIES = {"glass", "metal", "organic", "plastic", "stone", "wood", "unknown"}
FUNCTIONAL_UNITS = {"Volume", "Area", "Length", "Quantity", "Weight"}
MATCH_TYPES = [
    "EqualsCaseSensitive",
    "Equals",
    "Startwith",
    "ContainsExactWord",
    "ContainsCaseSensitive",
    "Contains",
    "Endswith",
]


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with CSV_PATH.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == COLUMNS
        return list(reader)


def _num(value: str) -> float:
    return float(value)


def _entries(row: dict[str, str]) -> list[str]:
    return [e for col in TERM_COLUMNS for e in (row[col].split("|") if row[col] else [])]


def _parse_term(entry: str) -> tuple[str, str]:
    if ":" in entry:
        kind, value = entry.split(":", 1)
        if kind in MATCH_TYPES:
            return kind, value
    return "Contains", entry


# --- matching cascade, a small pure-Python model of the automatic matcher -------------------
_WORD_SPLIT = re.compile(r"[ \t,;()\-_]+")


def _hits(kind: str, value: str, subject: str) -> bool:
    if kind == "EqualsCaseSensitive":
        return subject == value
    if kind == "Equals":
        return subject.casefold() == value.casefold()
    if kind == "Startwith":
        return subject.casefold().startswith(value.casefold())
    if kind == "ContainsExactWord":
        return value in _WORD_SPLIT.split(subject)
    if kind == "ContainsCaseSensitive":
        return value in subject
    if kind == "Contains":
        return value.casefold() in subject.casefold()
    if kind == "Endswith":
        return subject.casefold().endswith(value.casefold())
    raise AssertionError(kind)


def _criteria(rows: list[dict[str, str]]) -> list[tuple[str, str, str]]:
    return [(*_parse_term(e), row["external_id"]) for row in rows for e in _entries(row)]


def match(name: str, criteria: list[tuple[str, str, str]]) -> str | None:
    """First level of the cascade with a hit wins; within it the longest term, then file order."""
    for kind in MATCH_TYPES:
        best: tuple[int, int, str] | None = None
        for order, (k, value, external_id) in enumerate(criteria):
            if k == kind and _hits(kind, value, name):
                key = (len(value), -order, external_id)
                if best is None or key[:2] > best[:2]:
                    best = key
        if best is not None:
            return best[2]
    return None


# Material names as they occur in public sample IFC models (Revit, ArchiCAD, IfcOpenShell exports).
REAL_WORLD_NAMES = [
    "Masonry",
    "Masonry - Brick - Brown",
    "Masonry - Brick",
    "Masonry - Concrete Block",
    "Masonry - Grout",
    "Brick",
    "Concrete",
    "Concrete C30/37",
    "Concrete - Cast In Situ",
    "Concrete, Cast-in-Place gray",
    "Steel Reinforcement",
    "Metal - Steel - 345 MPa",
    "Metal - Stud Layer",
    "Ceramic Tile",
    "Plasterboard",
    "Insulation / Thermal Barriers - Rigid insulation",
    "Insulation / Thermal Barriers - Semi-rigid insulation",
    "Roofing - Barrier",
    "Roofing - EPDM Membrane",
    "Site - Grass",
    "Wood - Dimensional Lumber",
    "Wood - Flooring",
    "Wood - Sheathing - plywood",
    "Holz",
    "Leichtbeton 102890359",
    "Stahlbeton 65690",
    "Dachdeckung - Begrünung",
    "Dachdeckung - Bitumenbahn",
    "Dämmung - hart",
    "Dämmung - weich",
    "Mauerwerk - Naturstein",
    "Mauerwerk - Ziegel",
    "Ortbeton - bewehrt",
    "Ortbeton - bewehrt Verputzt",
    "Topografie - Pflanzschicht",
    "Trockenbau - Gipsplatte",
    "Cristal",
    "Enlucido - Blanco",
    "Ladrillo de cerámica hueco doble",
    "Laminate, Linen, Matte",
    "Madera - Castaño",
    "Piedra - Gris",
    "Pine",
    "Vidrio",
    "Kalkzandsteen",
    "Kalksandstein",
    "Porenbeton",
    "Gewapend beton",
]
NOT_MATERIALS = ["<Unnamed>", "Solid", "Solid 397409098", "Radial Gradient Fill 1515460218"]


def test_at_least_150_rows(rows):
    assert len(rows) >= 150


def test_external_ids_unique_and_well_formed(rows):
    ids = [r["external_id"] for r in rows]
    assert len(ids) == len(set(ids))
    for external_id in ids:
        assert re.fullmatch(r"mb-[a-z0-9]+(-[a-z0-9]+)*", external_id), external_id


def test_every_category_is_present(rows):
    ids = [r["external_id"] for r in rows]

    def count(prefix: str) -> int:
        return sum(1 for i in ids if i.startswith(prefix))

    assert sum(1 for i in ids if re.match(r"mb-concrete-c\d", i)) >= 4  # strength classes
    required = [
        "mb-concrete-reinforced",
        "mb-concrete-precast",
        "mb-product-precast",
        "mb-concrete-lightweight",
        "mb-masonry-brick-clay",
        "mb-masonry-calcium-silicate",
        "mb-masonry-concrete-block",
        "mb-masonry-aac",
        "mb-stone-natural",
        "mb-steel-section",
        "mb-steel-rebar",
        "mb-steel-sheet",
        "mb-steel-stainless",
        "mb-aluminium",
        "mb-copper",
        "mb-zinc",
        "mb-lead",
        "mb-timber-softwood",
        "mb-timber-hardwood",
        "mb-timber-glulam",
        "mb-timber-clt",
        "mb-board-plywood",
        "mb-board-osb",
        "mb-board-mdf",
        "mb-board-chipboard",
        "mb-glass-float",
        "mb-product-igu",
        "mb-insulation-mineral-wool",
        "mb-insulation-glass-wool",
        "mb-insulation-eps",
        "mb-insulation-xps",
        "mb-insulation-pur-pir",
        "mb-insulation-wood-fibre",
        "mb-insulation-cellulose",
        "mb-gypsum-plasterboard",
        "mb-gypsum-plaster",
        "mb-plastic-pvc",
        "mb-plastic-pe",
        "mb-plastic-pp",
        "mb-bitumen",
        "mb-ceramic-tile",
        "mb-ceramic-sanitary",
        "mb-finish-paint",
        "mb-finish-screed",
        "mb-finish-mortar",
        "mb-finish-render",
        "mb-product-carpet",
        "mb-floor-linoleum",
        "mb-product-vinyl",
        "mb-soil",
        "mb-gravel",
        "mb-sand",
        "mb-product-window",
        "mb-product-door",
        "mb-product-partition",
    ]
    missing = [p for p in required if count(p) == 0]
    assert not missing, missing
    families = Counter(r["family_madaster"] for r in rows)
    for family in ("glass", "metal", "organic", "plastic", "stone", "wood"):
        assert families[family] > 0, family


def test_enumerations(rows):
    for r in rows:
        assert r["commodity_type"] in {"Material", "Product"}, r["external_id"]
        assert r["functional_unit"] in FUNCTIONAL_UNITS, r["external_id"]
        assert r["family_madaster"] in FAMILIES, r["external_id"]
        assert re.fullmatch(r"[A-Z]\d?", r["family_nlsfb"]), r["external_id"]
        assert r["lca_compliance"] in {"EN 15804", "EN 15804+A2"}, r["external_id"]
        for col in ("name_en", "name_nl", "name_de"):
            assert r[col].strip(), (r["external_id"], col)
        if r["commodity_type"] == "Material":
            assert r["functional_unit"] == "Volume", r["external_id"]
            assert r["lca_unit"] == "kg", r["external_id"]
            assert r["mass_per_unit_kg"] == "", r["external_id"]
        else:
            assert r["lca_unit"] == "fu", r["external_id"]


def test_densities_and_masses_are_plausible(rows):
    for r in rows:
        if r["commodity_type"] == "Material":
            density = _num(r["density_kg_m3"])
            assert 1 <= density <= 22000, r["external_id"]
        if r["density_kg_m3"]:
            assert _num(r["density_kg_m3"]) > 0
        if r["mass_per_unit_kg"]:
            assert 0 < _num(r["mass_per_unit_kg"]) < 5000, r["external_id"]
    by_id = {r["external_id"]: r for r in rows}
    assert 2200 <= _num(by_id["mb-concrete-c30-37"]["density_kg_m3"]) <= 2500
    assert 7700 <= _num(by_id["mb-steel-section"]["density_kg_m3"]) <= 8000
    assert 10 <= _num(by_id["mb-insulation-eps"]["density_kg_m3"]) <= 40


def test_lifespan_and_fractions(rows):
    for r in rows:
        rid = r["external_id"]
        assert 1 <= int(r["lifespan_years"]) <= 1000, rid
        feed = [
            _num(r[c]) for c in ("feedstock_recycled", "feedstock_reused", "feedstock_renewable")
        ]
        eol = [
            _num(r[c]) for c in ("eol_reuse", "eol_recycling", "eol_landfill", "eol_incineration")
        ]
        eff = [_num(r[c]) for c in ("efficiency_recycling_input", "efficiency_recycling_output")]
        for value in feed + eol + eff:
            assert 0 <= value <= 1, rid
        assert sum(feed) <= 1 + 1e-9, rid
        assert abs(sum(eol) - 1) <= 0.001, rid


def test_lca_values_are_numbers_or_empty(rows):
    with_gwp = 0
    for r in rows:
        for col in NUMERIC_LCA:
            if r[col] != "":
                float(r[col])
        if r["gwp_a1_a3"]:
            with_gwp += 1
    assert with_gwp >= 0.9 * len(rows)


def test_every_row_cites_its_sources(rows):
    for r in rows:
        for col in ("density_source", "circularity_source", "lca_source"):
            assert len(r[col].strip()) >= 15, (r["external_id"], col)
        if r["gwp_a1_a3"]:
            assert any(k in r["lca_source"] for k in ("ÖKOBAUDAT", "ICE v2.0", "KBOB")), r[
                "external_id"
            ]


def test_term_entries_parse_and_are_unique(rows):
    seen: dict[tuple[str, str], str] = {}
    for r in rows:
        entries = _entries(r)
        assert entries, r["external_id"]
        for entry in entries:
            assert entry and entry == entry.strip(), (r["external_id"], entry)
            if ":" in entry:
                kind = entry.split(":", 1)[0]
                assert kind in MATCH_TYPES, (r["external_id"], entry)
            kind, value = _parse_term(entry)
            assert value, (r["external_id"], entry)
            key = (kind, value.casefold())
            assert key not in seen, (entry, r["external_id"], seen.get(key))
            seen[key] = r["external_id"]


def test_real_world_names_link(rows):
    criteria = _criteria(rows)
    linked = [n for n in REAL_WORLD_NAMES if match(n, criteria)]
    assert len(linked) / len(REAL_WORLD_NAMES) >= 0.8, sorted(set(REAL_WORLD_NAMES) - set(linked))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Stahlbeton 65690", "mb-concrete-reinforced-c30-37"),
        ("Ortbeton - bewehrt", "mb-concrete-reinforced-c30-37"),
        ("Gewapend beton", "mb-concrete-reinforced-c30-37"),
        ("Kalkzandsteen", "mb-masonry-calcium-silicate"),
        ("Kalksandstein", "mb-masonry-calcium-silicate"),
        ("Masonry - Brick", "mb-masonry-brick-clay"),
        ("Mauerwerk - Ziegel", "mb-masonry-brick-clay"),
        ("Masonry - Concrete Block", "mb-masonry-concrete-block"),
        ("Masonry - Grout", "mb-finish-mortar-masonry"),
        ("Holz", "mb-timber-softwood"),
        ("Leichtbeton 102890359", "mb-concrete-lightweight"),
        ("Concrete C30/37", "mb-concrete-c30-37"),
        ("Steel Reinforcement", "mb-steel-rebar"),
        ("Metal - Steel - 345 MPa", "mb-steel-section"),
        ("Dämmung - hart", "mb-insulation-eps"),
        ("Dämmung - weich", "mb-insulation-mineral-wool"),
        ("Insulation / Thermal Barriers - Semi-rigid insulation", "mb-insulation-mineral-wool"),
        ("Dachdeckung - Bitumenbahn", "mb-bitumen-membrane"),
        ("Trockenbau - Gipsplatte", "mb-gypsum-plasterboard"),
        ("Madera - Castaño", "mb-timber-hardwood"),
        ("Enlucido - Blanco", "mb-gypsum-plaster"),
        ("Vidrio", "mb-glass-float"),
        ("Ceramic Tile", "mb-ceramic-tile"),
        ("Tiles 30x30", "mb-ceramic-tile"),
        ("Floor tiles", "mb-ceramic-tile"),
        ("Roof tile", "mb-product-roof-tile-clay"),
        ("Textile - Bamboo Weave", "mb-bamboo"),  # a bamboo textile: neither tile nor carpet
        ("Bambus", "mb-bamboo"),
        ("Bamboe vloer", "mb-bamboo"),
        ("Carpet - Needle felt", "mb-product-carpet"),
        ("Dachdeckung - Flies", "mb-product-fleece-pe-pp"),  # a common spelling of "Vlies"
        ("Dachvlies", "mb-product-fleece-pe-pp"),
        ("Steel, Chrome Plated", "mb-steel-section"),
    ],
)
def test_named_materials_link_to_the_expected_row(rows, name, expected):
    assert match(name, _criteria(rows)) == expected


@pytest.mark.parametrize("name", NOT_MATERIALS)
def test_placeholder_names_stay_unmatched(rows, name):
    assert match(name, _criteria(rows)) is None
