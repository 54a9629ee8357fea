"""A product's environmental values computed from its bill of materials (domain §4.4)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matbank.calculations.bom import BomChild, BomCommodity, ChildBasis, resolve_catalogue
from matbank.calculations.bom_lca import bill_of_materials_datasets
from matbank.calculations.environmental import LcaDataset
from matbank.calculations.units import FunctionalUnit

A2 = "EN 15804+A2"
GWP = "GWP"


def _catalogue(*extra: BomCommodity, panel_children=None, use_bom=True):
    concrete = BomCommodity("concrete", FunctionalUnit.VOLUME, density=2400.0)
    steel = BomCommodity("steel", FunctionalUnit.VOLUME, density=7850.0)
    panel = BomCommodity(
        "panel", FunctionalUnit.AREA, density=500.0,
        children=panel_children or (BomChild("concrete", ChildBasis.UNIT, 0.2),
                                    BomChild("steel", ChildBasis.WEIGHT, 12.0)),
        use_bill_of_materials=use_bom,
    )
    return {c.id: c for c in (concrete, steel, panel, *extra)}


OWN = {
    "concrete": LcaDataset("eu", (A2,), True, {GWP: {"A1_A3": 0.1, "C3": 0.01}}, 0.02),
    "steel": LcaDataset("eu", (A2,), True, {GWP: {"A1_A3": 1.5, "C3": 0.05}}),
    "panel": LcaDataset("eu", (A2,), False, {GWP: {"A1_A3": 999.0}}),
}


def _derive(catalogue, own=None, flagged=("panel",)):
    resolved = resolve_catalogue(catalogue)
    return bill_of_materials_datasets(flagged, catalogue, resolved, own or OWN, "de", A2)


def test_precast_panel_worked_example():
    """Per m²: 0.2 m³ × 2400 kg/m³ = 480 kg concrete and 12 kg steel (492 kg/m²).
    A1-A3 = 480 × 0.1 + 12 × 1.5 = 48 + 18 = 66; C3 = 480 × 0.01 + 12 × 0.05 = 5.4.
    Only the concrete has an ECI: 480 × 0.02 = 9.6 € per m²."""
    dataset = _derive(_catalogue())["panel"]
    assert dataset.per_kg is False and dataset.country == "de" and dataset.compliance == (A2,)
    assert dataset.impacts[GWP]["A1_A3"] == pytest.approx(66.0)
    assert dataset.impacts[GWP]["C3"] == pytest.approx(5.4)
    assert dataset.environmental_cost == pytest.approx(9.6)


def test_entered_mass_keeps_the_bom_shares():
    """With "do not use BoM" the entered 500 kg/m² counts and the BoM gives the shares:
    A1-A3 = 500 × (480/492 × 0.1 + 12/492 × 1.5) = 500 × 66/492 = 67.07."""
    dataset = _derive(_catalogue(use_bom=False))["panel"]
    assert dataset.impacts[GWP]["A1_A3"] == pytest.approx(500 * 66 / 492)


def test_nested_product_children_and_per_unit_datasets():
    """A façade element per piece holds 3 m² of the panel (computed from its BoM: 66 per m²,
    492 kg/m²) and one 25 kg window with its own per-piece LCA of 150:
    per piece 3 × 66 + 150 = 348 (the panel's per-unit value is 66 / 492 per kg × 1476 kg)."""
    window = BomCommodity("window", FunctionalUnit.QUANTITY, weight_per_piece=25.0)
    facade = BomCommodity("facade", FunctionalUnit.QUANTITY, children=(
        BomChild("panel", ChildBasis.UNIT, 3.0), BomChild("window", ChildBasis.QUANTITY, 1.0)))
    own = {**OWN, "window": LcaDataset("eu", (A2,), False, {GWP: {"A1_A3": 150.0}})}
    found = _derive(_catalogue(window, facade), own, flagged=("panel", "facade"))
    assert found["facade"].impacts[GWP]["A1_A3"] == pytest.approx(348.0)
    assert found["panel"].impacts[GWP]["A1_A3"] == pytest.approx(66.0)


def test_children_without_lca_add_nothing_and_none_at_all_means_own_data():
    """Steel without an LCA: A1-A3 = 480 × 0.1 = 48 only. Neither child with an LCA: the
    product is left out, so its own dataset keeps applying."""
    partial = _derive(_catalogue(), {"concrete": OWN["concrete"]})
    assert partial["panel"].impacts[GWP]["A1_A3"] == pytest.approx(48.0)
    assert _derive(_catalogue(), {"panel": OWN["panel"]}) == {}


def test_unflagged_or_childless_products_are_not_computed():
    assert _derive(_catalogue(), flagged=()) == {}
    assert _derive(_catalogue(), flagged=("concrete",)) == {}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(("concrete", "steel")), st.floats(0.01, 50.0)),
                min_size=1, max_size=5),
       st.randoms(use_true_random=False))
def test_splitting_or_reordering_bom_lines_changes_nothing(lines, rng):
    """Impacts are a mass-weighted sum, so the order of the lines and splitting a line in
    two halves of the same child leave every value unchanged."""
    def derived(children):
        catalogue = _catalogue(panel_children=tuple(
            BomChild(child, ChildBasis.WEIGHT, kg) for child, kg in children))
        return _derive(catalogue)["panel"].impacts[GWP]

    shuffled = list(lines)
    rng.shuffle(shuffled)
    split = [part for child, kg in lines for part in ((child, kg / 2), (child, kg / 2))]
    expected = sum(kg * OWN[child].impacts[GWP]["A1_A3"] for child, kg in lines)
    for variant in (lines, shuffled, split):
        assert derived(variant)["A1_A3"] == pytest.approx(expected, rel=1e-9)
