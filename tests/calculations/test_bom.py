"""Bills of materials: mass per functional unit, weighted fractions, cycles (domain §4.1)."""

import pytest

from matbank.calculations.bom import (
    BomChild,
    BomCommodity,
    ChildBasis,
    resolve_bill_of_materials,
    resolve_catalogue,
)
from matbank.calculations.circularity import Circularity, Feedstock, Output
from matbank.calculations.errors import BillOfMaterialsCycle, BillOfMaterialsError
from matbank.calculations.units import FunctionalUnit as FU

ALUMINIUM = BomCommodity(
    "aluminium", FU.VOLUME, density=2700.0, family_shares=(("Metal", 1.0),),
    circularity=Circularity(Feedstock(recycled=0.5, recycling_efficiency=0.9),
                            Output(recycle=0.9, recycling_efficiency=0.95)))
GLASS_PANE = BomCommodity(
    "pane", FU.AREA, density=50.0, default_amount=2.0, family_shares=(("Glass", 1.0),),
    circularity=Circularity(Feedstock(recycled=0.2, recycling_efficiency=0.8),
                            Output(recycle=0.3, landfill=0.7)))
HANDLE = BomCommodity("handle", FU.QUANTITY, weight_per_piece=0.25,
                      family_shares=(("Metal", 1.0),))
WINDOW = BomCommodity("window", FU.QUANTITY, children=(
    BomChild("aluminium", ChildBasis.WEIGHT, 12.0),
    BomChild("pane", ChildBasis.UNIT, 1.5),
    BomChild("handle", ChildBasis.QUANTITY, 2.0),
))
CATALOGUE = {c.id: c for c in (ALUMINIUM, GLASS_PANE, HANDLE, WINDOW)}


def test_window_worked_example():
    """One window (functional unit: a piece) holds
    - 12 kg of aluminium, given by weight                             → 12 kg
    - 1.5 m² of a pane declared per 2 m² at 50 kg (25 kg/m²), per unit → 1.5/2 × 50 = 37.5 kg
    - 2 handles of 0.25 kg, given by quantity                          → 0.5 kg
    Mass per window = 50 kg; weight shares 0.24 / 0.75 / 0.01.
    Families: Metal 12 + 0.5 = 12.5 kg (25 %), Glass 37.5 kg (75 %).
    Recycled input = (12·0.5 + 37.5·0.2) / 50 = 13.5 / 50 = 0.27;
    E_F weighted by recycled kg = (6·0.9 + 7.5·0.8) / 13.5 = 11.4 / 13.5 = 0.844444.
    Recycling output = (12·0.9 + 37.5·0.3) / 50 = 22.05 / 50 = 0.441;
    E_C = (10.8·0.95 + 11.25·0.75) / 22.05 = 18.6975 / 22.05 = 0.847959.
    Landfill = 37.5·0.7 / 50 = 0.525; incineration = 1 − 0.441 − 0.525 = 0.034
    (1.2 kg of aluminium and the 0.5 kg of handles without data).
    """
    window = resolve_bill_of_materials("window", CATALOGUE)
    assert window.mass_per_unit == pytest.approx(50.0)
    assert [(c.commodity_id, c.weight, c.weight_share) for c in window.children] == [
        ("aluminium", 12.0, pytest.approx(0.24)), ("pane", pytest.approx(37.5), 0.75),
        ("handle", 0.5, 0.01)]
    assert dict(window.family_masses) == pytest.approx({"Metal": 12.5, "Glass": 37.5})
    assert dict(window.family_shares()) == pytest.approx({"Metal": 0.25, "Glass": 0.75})
    feedstock, output = window.circularity.feedstock, window.circularity.output
    assert feedstock.recycled == pytest.approx(0.27)
    assert feedstock.recycling_efficiency == pytest.approx(0.844444, abs=1e-6)
    assert output.recycle == pytest.approx(0.441)
    assert output.recycling_efficiency == pytest.approx(0.847959, abs=1e-6)
    assert output.landfill == pytest.approx(0.525)
    assert output.shares()[3] == pytest.approx(0.034)


def test_child_override_replaces_child_circularity():
    """Overriding the handles as 100 % reused: reused input = 0.5 / 50 = 0.01."""
    override = Circularity(Feedstock(reused=1.0))
    window = BomCommodity("w2", FU.QUANTITY, children=(
        BomChild("aluminium", ChildBasis.WEIGHT, 12.0),
        BomChild("pane", ChildBasis.UNIT, 1.5),
        BomChild("handle", ChildBasis.QUANTITY, 2.0, circularity_override=override),
    ))
    resolved = resolve_bill_of_materials("w2", {**CATALOGUE, "w2": window})
    assert resolved.circularity.feedstock.reused == pytest.approx(0.01)


def test_nested_bill_of_materials():
    """A facade panel of 2 windows plus 100 kg of sheet: 2·50 + 100 = 200 kg."""
    panel = BomCommodity("panel", FU.QUANTITY, children=(
        BomChild("window", ChildBasis.QUANTITY, 2.0),
        BomChild("aluminium", ChildBasis.WEIGHT, 100.0),
    ))
    resolved = resolve_catalogue({**CATALOGUE, "panel": panel})
    assert resolved["panel"].mass_per_unit == pytest.approx(200.0)
    assert dict(resolved["panel"].family_masses) == pytest.approx({"Metal": 125.0, "Glass": 75.0})


def test_cycle_is_named():
    """A → B → C → A cannot be resolved; the error names the cycle in order."""
    a = BomCommodity("A", FU.QUANTITY, children=(BomChild("B", ChildBasis.QUANTITY, 1.0),))
    b = BomCommodity("B", FU.QUANTITY, children=(BomChild("C", ChildBasis.QUANTITY, 1.0),))
    c = BomCommodity("C", FU.QUANTITY, children=(BomChild("A", ChildBasis.QUANTITY, 1.0),))
    with pytest.raises(BillOfMaterialsCycle) as caught:
        resolve_bill_of_materials("A", {"A": a, "B": b, "C": c})
    assert caught.value.cycle == ("A", "B", "C", "A")
    assert caught.value.code == "bill_of_materials_cycle"


def test_self_reference_is_a_cycle():
    a = BomCommodity("A", FU.QUANTITY, children=(BomChild("A", ChildBasis.WEIGHT, 1.0),))
    with pytest.raises(BillOfMaterialsCycle):
        resolve_bill_of_materials("A", {"A": a})


@pytest.mark.parametrize("child", [
    BomChild("missing", ChildBasis.WEIGHT, 1.0),
    BomChild("aluminium", ChildBasis.QUANTITY, 1.0),   # not counted in pieces
    BomChild("handle", ChildBasis.UNIT, 1.0),          # has no m³/m²/m unit
    BomChild("handle", ChildBasis.QUANTITY, -1.0),
])
def test_invalid_children_raise(child):
    parent = BomCommodity("p", FU.QUANTITY, children=(child,))
    with pytest.raises(BillOfMaterialsError):
        resolve_bill_of_materials("p", {**CATALOGUE, "p": parent})


def test_do_not_use_bill_of_materials_takes_entered_density():
    product = BomCommodity("p", FU.VOLUME, density=800.0, family_shares=(("Wood", 1.0),),
                           children=(BomChild("aluminium", ChildBasis.WEIGHT, 5.0),),
                           use_bill_of_materials=False)
    resolved = resolve_bill_of_materials("p", {**CATALOGUE, "p": product})
    assert resolved.mass_per_unit == 800.0
    assert resolved.family_masses == (("Wood", 800.0),)
