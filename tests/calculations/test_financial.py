"""Residual value of materials: price sets, corrections, current value and NPV (§4.5)."""

import json
from importlib import resources

import pytest

from matbank.calculations.financial import (
    FinancialMode,
    FinancialOptions,
    FinancialSetting,
    PriceCatalogue,
    PricePoint,
    PriceSet,
    PriceUnit,
    catalogue_from_mapping,
    price_per_kg,
    trend_value,
    unit_value,
    value_building,
)
from matbank.calculations.interpretations import (
    TRANSPORT_COST_PER_KG_KM,
    WOOD_TRANSPORT_DISTANCE_KM,
)

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


def load_default_catalogue() -> dict:
    return json.loads(resources.files("matbank").joinpath("data/price_sets.json").read_text())


def test_three_element_building_current_value_and_npv():
    """GFA 100 m² at €30/m² demolition → DC = €3000, allocated by mass over 25 200 kg.
    Concrete 24 000 kg at €0.01/kg: TV 240, FC1 3000·24000/25200 = 2857.142857, transport 240,
        handling 120 → CNV −2977.142857.
    Steel 1 000 kg at $1100/t ÷ 1.1 = €1/kg: TV 1000, FC1 119.047619, transport 70,
        handling 35 % = 350 → CNV 460.952381.
    Window glass 200 kg at €0.04/kg: TV 8, FC1 23.809524, handling 40 → CNV −55.809524.
    Building CNV = 1248 − 3000 − 310 − 510 = −2572.
    NPV without inflation: Structure (L = 75) −2516.190476 / 1.03^75 (9.178926) = −274.127;
    Skin (L = 20) −55.809524 / 1.03^20 (1.806111) = −30.900; building −305.027."""
    lines = [("Structure", "concrete", "Stone", 24000.0, None),
             ("Structure", "steel", "Metal", 1000.0, None),
             ("Skin", "window", "Glass", 200.0, None)]
    result = value_building(lines, 100.0, CATALOGUE)
    values = {m.commodity_id: m for m in result.materials}
    assert values["concrete"].current_value == pytest.approx(-2977.142857)
    assert values["steel"].handling_cost == pytest.approx(350.0)
    assert values["steel"].current_value == pytest.approx(460.952381)
    assert values["window"].current_value == pytest.approx(-55.809524)
    assert result.current_value == pytest.approx(-2572.0)
    assert result.demolition_costs == pytest.approx(3000.0)
    assert result.layers["Structure"].net_present_value == pytest.approx(-274.127, abs=1e-3)
    assert result.layers["Skin"].net_present_value == pytest.approx(-30.900, abs=1e-3)
    assert result.net_present_value == pytest.approx(-305.027, abs=1e-3)


def test_settings_override_price_set_and_costs():
    """Manual €2/kg with 10 % handling and €0.05/kg transport: 100 kg → TV 200,
    costs 20 + 5 → CNV 175 (no demolition without floor area)."""
    setting = FinancialSetting(FinancialMode.MANUAL, manual_price_per_kg=2.0,
                               transport_per_kg=0.05, handling_percentage=10.0)
    result = value_building([("Skin", "x", "Unknown", 100.0, setting)], 0.0, CATALOGUE)
    assert result.current_value == pytest.approx(175.0)
    chosen = FinancialSetting(FinancialMode.PRICE_SET, price_set_id="metal")
    assert unit_value(chosen, "Wood", CATALOGUE, FinancialOptions()).price_per_kg == \
        pytest.approx(1.0)
    assert unit_value(None, "Unknown", CATALOGUE, FinancialOptions()).price_per_kg == 0.0


def test_trend_value_and_inflation_correction():
    """Points (0, 10) and (12, 16): slope 0.5 per month → 22 at month 24. A single point is its
    own value. With 2 % inflation a 2023-01 price of 100 read in 2024-01 becomes 102."""
    assert trend_value([(0, 10.0), (12, 16.0)], 24) == pytest.approx(22.0)
    assert trend_value([(5, 3.0)], 50) == 3.0
    single = PriceSet("s", "EUR", PriceUnit.KG, (PricePoint("2023-01", 100.0),))
    assert price_per_kg(single, CATALOGUE, 2024 * 12, 0.02) == pytest.approx(102.0)


def test_npv_discounts_with_compound_rate():
    """1000 kg at a manual €1/kg in a 20-year layer, no inflation. A manual price keeps the
    family's (Metal) transport and handling costs: 1000 − 35 % − 1000·0.07 = 580;
    NPV = 580 / 1.03^20 = 580 / 1.806111 = 321.132."""
    setting = FinancialSetting(FinancialMode.MANUAL, manual_price_per_kg=1.0)
    result = value_building([("Skin", "x", "Metal", 1000.0, setting)], 0.0, CATALOGUE)
    assert result.net_present_value == pytest.approx(321.132, abs=1e-3)
    faster = value_building([("Skin", "x", "Metal", 1000.0, setting)], 0.0, CATALOGUE,
                            FinancialOptions(discount_rate=0.05))
    assert faster.net_present_value < result.net_present_value


def test_shipped_price_sets_are_sourced_and_load():
    """Every price set names its sources and dates its points; estimates say so."""
    data = load_default_catalogue()
    for raw in data["price_sets"]:
        assert raw["sources"] and all(s.strip() for s in raw["sources"])
        assert raw["points"] and all(p["month"] for p in raw["points"])
        assert "transport_source" in raw
    for default in data["defaults"].values():
        assert default["source"] and default["date"]
    assert data["exchange_rates"]["source"]
    catalogue = catalogue_from_mapping(data)
    assert set(catalogue.family_price_sets.values()) <= set(catalogue.price_sets)


def test_shipped_copper_price_is_the_latest_annual_average_in_euro():
    """Two points read at the latest month: the regression passes through it, so the price is
    9147 $/t ÷ 1000 ÷ 1.0824 $/€ = €8.4507/kg."""
    catalogue = catalogue_from_mapping(load_default_catalogue())
    copper = catalogue.price_sets["copper"]
    assert price_per_kg(copper, catalogue, 2024 * 12 + 6, catalogue.inflation_rate) == \
        pytest.approx(9.147 / 1.0824)


def test_shipped_wood_transport_follows_the_chosen_distance():
    catalogue = catalogue_from_mapping(load_default_catalogue())
    assert catalogue.price_sets["waste-wood"].transport_per_kg == pytest.approx(
        TRANSPORT_COST_PER_KG_KM * WOOD_TRANSPORT_DISTANCE_KM)
