"""Detachability index after the DGBC method (domain §4.3)."""

import pytest

from matbank.calculations.detachability import (
    DetachabilityFactors,
    DetachabilityItem,
    DetachabilityWeighting,
    aggregate_detachability,
    detachability_index,
    merge_factors,
    weighting_for_country,
)

DRY = DetachabilityFactors("DryConnection", "Accessible", "None", "Open")


def test_all_best_scores_give_one_and_harmonic_mean_otherwise():
    """Added 0.8, no-damage 0.8, incidental 0.4, overlapping 0.4:
    4 / (1.25 + 1.25 + 2.5 + 2.5) = 4 / 7.5 = 0.533333."""
    assert detachability_index(DRY) == 1.0
    mixed = DetachabilityFactors("AddedConnectionConnection", "PartialNoDamage", "Incidental",
                                 "Overlapping")
    assert detachability_index(mixed) == pytest.approx(0.533333, abs=1e-6)


def test_direct_connection_uses_the_chosen_score():
    """Direct integral 0.6 with three best factors: 4 / (1/0.6 + 3) = 4 / 4.666667 = 0.857143."""
    direct = DetachabilityFactors("DirectConnection", "Accessible", "None", "Open")
    assert detachability_index(direct) == pytest.approx(0.857143, abs=1e-6)


def test_unknown_factor_means_no_index():
    assert detachability_index(DetachabilityFactors("DryConnection", "Accessible", "None")) is None


def test_element_values_win_per_factor():
    element = DetachabilityFactors(connection_type="HardChemicalConnection")
    merged = merge_factors(element, DRY)
    assert merged == DetachabilityFactors("HardChemicalConnection", "Accessible", "None", "Open")
    assert merge_factors(None, DRY) == DRY


def test_three_element_building_by_mass_and_by_environmental_cost():
    """Structure: concrete 24 000 kg index 0.1, ECI €600; steel 1 000 kg index 1.0, ECI €150.
    Skin: window 200 kg index 0.533333, ECI €80. A Stuff element and an element without
    index are ignored / lower the quality.
    By mass:  Structure (2400 + 1000) / 25 000 = 0.136; Skin 0.533333;
              building (3400 + 106.6667) / 25 200 = 0.139153.
    By ECI:   Structure (60 + 150) / 750 = 0.28; building (210 + 42.6667) / 830 = 0.304418.
    Quality:  3 indexed / 4 linked in counted layers = 0.75."""
    items = [
        DetachabilityItem("Structure", True, 0.1, 24000.0, 600.0),
        DetachabilityItem("Structure", True, 1.0, 1000.0, 150.0),
        DetachabilityItem("Skin", True, 0.533333333333, 200.0, 80.0),
        DetachabilityItem("Skin", True, None, 50.0, 10.0),
        DetachabilityItem("Stuff", True, 1.0, 10.0, 1.0),
        DetachabilityItem("Structure", False, None, 0.0, None),
    ]
    by_mass = aggregate_detachability(items, DetachabilityWeighting.MASS)
    assert by_mass.layers["Structure"].index == pytest.approx(0.136)
    assert by_mass.layers["Skin"].index == pytest.approx(0.533333, abs=1e-6)
    assert by_mass.building.index == pytest.approx(0.139153, abs=1e-6)
    assert by_mass.building.quality == pytest.approx(0.75)
    assert "Stuff" not in by_mass.layers
    by_eci = aggregate_detachability(items, DetachabilityWeighting.ENVIRONMENTAL_COST)
    assert by_eci.layers["Structure"].index == pytest.approx(0.28)
    assert by_eci.building.index == pytest.approx(0.304418, abs=1e-6)


def test_weighting_per_country():
    assert weighting_for_country("NL") is DetachabilityWeighting.ENVIRONMENTAL_COST
    assert weighting_for_country("de") is DetachabilityWeighting.MASS
    assert weighting_for_country("be") is DetachabilityWeighting.MASS
