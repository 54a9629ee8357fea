"""The building entry point on a small building of three elements (domain §4.1-4.5)."""

import pytest

from matbank.calculations import (
    BuildingContext,
    BuildingElement,
    CommodityData,
    calculate_building,
)
from matbank.calculations.circularity import Circularity, Feedstock, Output
from matbank.calculations.detachability import DetachabilityFactors
from matbank.calculations.environmental import LcaDataset
from matbank.calculations.financial import PriceCatalogue, PricePoint, PriceSet, PriceUnit
from matbank.calculations.units import ElementQuantities
from matbank.calculations.units import FunctionalUnit as FU

A2 = ("EN 15804+A2",)
CONCRETE = CommodityData(
    "concrete", FU.VOLUME, 2400.0, family_shares=(("Stone", 1.0),), lifespan=100,
    circularity=Circularity(Feedstock(recycled=0.2), Output(recycle=0.9, landfill=0.1)),
    detachability=DetachabilityFactors("HardChemicalConnection", "NotAccessible", "Complete",
                                       "Closed"),
    lca=(LcaDataset("de", A2, False, {"GWP": {"A1_A3": 300, "A4": 10, "C3": 5, "D": -20}}),),
)
STEEL = CommodityData(
    "steel", FU.LENGTH, 50.0, family_shares=(("Metal", 1.0),), lifespan=100,
    circularity=Circularity(Feedstock(recycled=0.3, recycling_efficiency=0.9),
                            Output(recycle=0.9, recycling_efficiency=0.9)),
    detachability=DetachabilityFactors("DryConnection", "Accessible", "None", "Open"),
    lca=(LcaDataset("de", A2, True, {"GWP": {"A1_A3": 1.5, "C3": 0.1, "D": -1.0}}),),
)
WINDOW = CommodityData(
    "window", FU.QUANTITY, 50.0, family_shares=(("Glass", 1.0),), lifespan=25,
    detachability=DetachabilityFactors("AddedConnectionConnection", "PartialNoDamage",
                                       "Incidental", "Overlapping"),
    lca=(LcaDataset("de", A2, False, {"GWP": {"A1_A3": 200.0}}),),
)
ELEMENTS = (
    BuildingElement("floor", "Structure", CONCRETE, ElementQuantities(volume=10.0)),
    BuildingElement("beam", "Structure", STEEL, ElementQuantities(length=20.0)),
    BuildingElement("windows", "Skin", WINDOW, ElementQuantities(count=4.0)),
)
CONTEXT = BuildingContext(gross_floor_area=100.0, lifespan=50.0, country="de")
CATALOGUE = PriceCatalogue(
    price_sets={
        "stone": PriceSet("stone", "EUR", PriceUnit.MT, (PricePoint("2024-01", 10.0),),
                          transport_per_kg=0.01, handling_per_kg=0.005),
        "metal": PriceSet("metal", "USD", PriceUnit.MT, (PricePoint("2024-01", 1100.0),),
                          transport_per_kg=0.07, handling_share=0.35),
        "glass": PriceSet("glass", "EUR", PriceUnit.KG, (PricePoint("2024-01", 0.04),),
                          handling_per_kg=0.2),
    },
    family_price_sets={"Stone": "stone", "Metal": "metal", "Glass": "glass"},
    per_eur={"USD": 1.1}, inflation_rate=0.0, construction_cost_rate=0.0,
    demolition_cost_per_m2=30.0,
)


@pytest.fixture(scope="module")
def results():
    return calculate_building(ELEMENTS, CONTEXT, CATALOGUE)


def test_mass_matrix(results):
    """Concrete 10 m³ × 2400 = 24 000 kg; steel 20 m × 50 kg/m = 1 000 kg; 4 windows × 50 kg
    = 200 kg. Structure: Stone 24 000, Metal 1 000; Skin: Glass 200; 25 200 kg, 252 kg/m²."""
    assert results.mass_matrix == {"Structure": {"Metal": 1000.0, "Stone": 24000.0},
                                   "Skin": {"Glass": 200.0}}
    assert results.layer_masses == {"Structure": 25000.0, "Skin": 200.0}
    assert results.mass == 25200.0
    assert results.mass_per_m2 == 252.0


def test_circularity(results):
    """Concrete: F_R = 0.2·0.75 = 0.15, V = 0.85, W0 = 0.1, W_C = 0.25·0.9 = 0.225,
    W_F = 0.25·0.15/0.75 = 0.05, W = 0.1 + 0.275/2 = 0.2375,
    LFI = 1.0875 / (2 − 0.0875) = 0.568627, CI = 1 − 0.9·0.568627 = 0.488235.
    Steel: 0.593401 (see the steel-beam example). Window: no data, CI 0.1.
    Structure = (24000·0.488235 + 1000·0.593401) / 25000 = 12311.048 / 25000 = 0.492442.
    Building = (12311.048 + 200·0.1) / 25200 = 0.489327.
    P1 = 3/3 = 1; P2 = 25000 / 25200 = 0.992063; madasterCiScore = 0.485443."""
    c = results.circularity
    assert c.layers["Structure"].ci == pytest.approx(0.492442, abs=1e-6)
    assert c.layers["Skin"].ci == pytest.approx(0.1)
    assert c.building.ci == pytest.approx(0.489327, abs=1e-6)
    assert c.share_elements_with_mass == 1.0
    assert c.share_mass_with_circularity == pytest.approx(0.992063, abs=1e-6)
    assert c.madaster_ci_score == pytest.approx(0.485443, abs=1e-6)


def test_flows(results):
    """In: recycled 24000·0.2 + 1000·0.3 = 5100 kg, virgin non-renewable 19200 + 700 + 200 =
    20100 kg. Out: recycling 21600 + 900 = 22500, landfill 2400, incineration 100 + 200 = 300.
    Recycled input share 5100 / 25200 = 0.202381."""
    f = results.flows
    assert (f.input_recycled, f.input_non_renewable) == pytest.approx((5100.0, 20100.0))
    assert (f.output_recycle, f.output_landfill, f.output_incineration) == pytest.approx(
        (22500.0, 2400.0, 300.0))
    assert f.percentages().input_recycled == pytest.approx(0.202381, abs=1e-6)
    assert results.layer_flows["Skin"].output_incineration == pytest.approx(200.0)


def test_detachability(results):
    """DE weighs by mass. Concrete 0.1 (all factors 0.1), steel 1.0, windows
    4 / (1.25 + 1.25 + 2.5 + 2.5) = 0.533333.
    Structure (2400 + 1000) / 25000 = 0.136; building (3400 + 106.6667) / 25200 = 0.139153."""
    d = results.detachability
    assert d.layers["Structure"].index == pytest.approx(0.136)
    assert d.building.index == pytest.approx(0.139153, abs=1e-6)
    assert d.building.quality == 1.0


def test_environmental(results):
    """A1-A3 3000 + 1500 + 800 = 5300; A4 100; B4 (windows, 50/25 − 1 = 1) 800; C3 150;
    total 6350, D −1200 apart; 63.5 per m², 1.27 per m²·year."""
    e = results.environmental
    assert e.modules["GWP"]["A1_A3"] == pytest.approx(5300.0)
    assert e.totals["GWP"] == pytest.approx(6350.0)
    assert e.module_d["GWP"] == pytest.approx(-1200.0)
    assert e.per_m2_year["GWP"] == pytest.approx(1.27)


def test_financial(results):
    """Same figures as the financial worked example: CNV −2572, NPV −305.027."""
    assert results.financial.current_value == pytest.approx(-2572.0)
    assert results.financial.net_present_value == pytest.approx(-305.027, abs=1e-3)


def test_excluded_unlinked_and_energy_elements():
    """An excluded element is ignored; an unlinked one lowers P1 (3 of 4 with mass); an
    element linked to an Energy product has no mass and is left out of P1."""
    energy = CommodityData("grid", FU.ENERGY, None)
    extra = (
        BuildingElement("terrain", "Surroundings", CONCRETE, ElementQuantities(volume=1e6),
                        included=False),
        BuildingElement("unlinked", "Skin"),
        BuildingElement("power", "Services", energy, ElementQuantities(energy=1000.0)),
    )
    r = calculate_building(ELEMENTS + extra, CONTEXT)
    assert r.mass == 25200.0
    assert r.circularity.share_elements_with_mass == pytest.approx(0.75)
    assert r.included_count == 5 and r.element_count == 6
    assert r.financial is None


def test_element_reuse_lowers_a1_a3_and_raises_ci():
    """The steel beam half reused: A1-A3 1500 → 750, and its F_U becomes 0.5."""
    reused = BuildingElement("beam", "Structure", STEEL, ElementQuantities(length=20.0),
                             reuse=0.5)
    r = calculate_building((reused,), CONTEXT)
    assert r.environmental.modules["GWP"]["A1_A3"] == pytest.approx(750.0)
    assert r.circularity.building.ci > 0.593401
    assert r.flows.input_reused == pytest.approx(500.0)
