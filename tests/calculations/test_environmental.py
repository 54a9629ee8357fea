"""Environmental impacts per EN 15804 indicator and module (domain §4.4)."""

import pytest

from matbank.calculations.environmental import (
    EnvironmentalAccumulator,
    LcaDataset,
    element_impacts,
    replacement_factor,
    select_dataset,
)

A2 = ("EN 15804+A2",)


@pytest.mark.parametrize(("country", "building", "product", "expected"), [
    ("be", 50, 20, 2.0),     # ceil(2.5) − 1
    ("be", 50, 25, 1.0),     # ceil(2) − 1
    ("be", 50, 60, 0.0),     # ceil(0.83) − 1
    ("nl", 50, 20, 1.5),     # 2.5 − 1, no rounding
    ("nl", 50, 60, 0.0),     # −0.17 clamped to 0
    ("de", 50, 20, 2.0),     # 50/20 rounded up − 1
    ("de", 50, 30, 1.0),     # 1.67 rounded up − 1
    ("de", 50, None, 0.0),   # no lifespan, no replacement
])
def test_replacement_factor_per_country(country, building, product, expected):
    assert replacement_factor(country, building, product) == pytest.approx(expected)


def test_reuse_waste_and_replacements_for_one_element():
    """2 units of a product with GWP A1-A3 100, A4 10, C3 5, D −8 per unit, in NL, 50 % reused,
    10 % construction waste, lifespan 20 in a 50-year building (factor 1.5):
      A1-A3 = 2·100·(1 − 0.5)                       = 100
      A5    = 2·0.1·(100·0.5) + 2·0.1·(10 + 5)      = 10 + 3 = 13
      B4    = 1.5·2·(100 + 10 + 5)                  = 345  (replacements are new products)
      D     = 2·(−8) + 1.5·2·(−8)                   = −40  (NL books replaced D in D)"""
    lca = LcaDataset("nl", A2, False, {"GWP": {"A1_A3": 100.0, "A4": 10.0, "C3": 5.0, "D": -8.0}})
    out = element_impacts(lca, 2.0, country="nl", reuse=0.5, waste=0.1,
                          replacements=replacement_factor("nl", 50, 20))["GWP"]
    assert (out["A1_A3"], out["A4"], out["A5"], out["B4"], out["C3"], out["D"]) == \
        pytest.approx((100.0, 20.0, 13.0, 345.0, 10.0, -40.0))


def test_dataset_selection_by_country_then_generic_and_compliance():
    nl = LcaDataset("nl", A2, True, {})
    generic = LcaDataset("", A2, True, {})
    a1 = LcaDataset("de", ("EN 15804",), True, {})
    assert select_dataset((generic, nl), "NL", A2[0]) is nl
    assert select_dataset((generic, nl), "be", A2[0]) is generic
    assert select_dataset((a1,), "de", A2[0]) is None


def test_three_element_building_totals():
    """DE, 50-year building, GFA 100 m².
    Concrete 10 m³ (GWP per m³: A1-A3 300, A4 10, C3 5, D −20; lifespan 100 → no B4):
        A1-A3 3000, A4 100, C3 50, D −200.
    Steel 1000 kg (per kg: A1-A3 1.5, C3 0.1, D −1; lifespan 100): A1-A3 1500, C3 100, D −1000.
    Windows 4 pieces (per piece: A1-A3 200; lifespan 25 → 50/25 − 1 = 1): A1-A3 800, B4 800.
    Totals: A1-A3 5300, A4 100, B4 800, C3 150 → 6350 (D = −1200 apart).
    Per m²: 63.5; per m²·year: 6350 / (100·50) = 1.27."""
    concrete = LcaDataset("de", A2, False, {"GWP": {"A1_A3": 300, "A4": 10, "C3": 5, "D": -20}})
    steel = LcaDataset("de", A2, True, {"GWP": {"A1_A3": 1.5, "C3": 0.1, "D": -1.0}})
    window = LcaDataset("de", A2, False, {"GWP": {"A1_A3": 200.0}})
    acc = EnvironmentalAccumulator("de")
    acc.add(concrete, "Structure", 10.0, 24000.0, 0.0, 0.0, replacement_factor("de", 50, 100))
    acc.add(steel, "Structure", 1000.0, 1000.0, 0.0, 0.0, replacement_factor("de", 50, 100))
    acc.add(window, "Skin", 4.0, 200.0, 0.0, 0.0, replacement_factor("de", 50, 25))
    result = acc.result(100.0, 50.0)
    gwp = result.modules["GWP"]
    assert (gwp["A1_A3"], gwp["A4"], gwp["B4"], gwp["C3"]) == pytest.approx(
        (5300.0, 100.0, 800.0, 150.0))
    assert result.totals["GWP"] == pytest.approx(6350.0)
    assert result.module_d["GWP"] == pytest.approx(-1200.0)
    assert result.per_m2["GWP"] == pytest.approx(63.5)
    assert result.per_m2_year["GWP"] == pytest.approx(1.27)
    assert result.layers["Skin"]["GWP"]["B4"] == pytest.approx(800.0)
    assert result.mass_with_lca == pytest.approx(25200.0)


def test_per_module_figures_per_square_metre_and_year():
    """The same building as above, per module: A1-A3 5300 / 100 m² = 53 kg/m² and
    53 / 50 years = 1.06 kg/(m²·a); B4 800 → 8 and 0.16; D −1200 → −12 and −0.24 (D is
    normalised too but stays out of the totals)."""
    window = LcaDataset("de", A2, False, {"GWP": {"A1_A3": 200.0, "D": -300.0}})
    concrete = LcaDataset("de", A2, False, {"GWP": {"A1_A3": 300.0}})
    acc = EnvironmentalAccumulator("de")
    acc.add(concrete, "Structure", 15.0, 36000.0, 0.0, 0.0, 0.0)
    acc.add(window, "Skin", 4.0, 200.0, 0.0, 0.0, replacement_factor("de", 50, 25))
    result = acc.result(100.0, 50.0)
    per_m2, per_year = result.per_m2_modules["GWP"], result.per_m2_year_modules["GWP"]
    assert (per_m2["A1_A3"], per_m2["B4"], per_m2["D"]) == pytest.approx((53.0, 8.0, -12.0))
    assert (per_year["A1_A3"], per_year["B4"], per_year["D"]) == pytest.approx(
        (1.06, 0.16, -0.24))
    assert sum(v for m, v in per_m2.items() if m != "D") == pytest.approx(result.per_m2["GWP"])
    assert acc.result(0.0, 50.0).per_m2_modules["GWP"]["A1_A3"] == 0.0  # no GFA, no figure


@pytest.mark.parametrize(("offset", "product", "period", "replacements"), [
    (None, 30, 50, 1),   # installed at delivery: replaced in year 30
    (10, 30, 40, 1),     # installed 10 years after delivery: replaced in year 40
    (30, 30, 20, 0),     # installed 30 years after: outlives the building
    (-20, 30, 70, 2),    # installed 20 years before: replaced in years 10 and 40
    (-40, 30, 80, 2),    # 40 years old at delivery, past its lifespan: years 0 and 30
    (60, 30, 0, 0),      # installed after the end of the study period
])
def test_installation_date_sets_the_period_replacements_are_counted_over(
        offset, product, period, replacements):
    """Generic rule, 50-year building: replacements = ceil(period / L) − 1 with the period
    counted from the installation to the end of the reference study period."""
    from matbank.calculations.interpretations import service_period

    assert service_period(50.0, offset, product) == pytest.approx(period)
    assert replacement_factor("be", service_period(50.0, offset, product), product) == \
        replacements
