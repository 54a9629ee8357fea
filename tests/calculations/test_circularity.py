"""Madaster Circularity Indicator: worked examples, overrides, flows, corrections (§4.2)."""

import pytest

from matbank.calculations.circularity import (
    Circularity,
    CircularityAccumulator,
    CircularityOptions,
    Feedstock,
    Output,
    UtilityMode,
    effective_circularity,
    material_flows,
    mci_terms,
)

STEEL = Circularity(Feedstock(recycled=0.3, recycling_efficiency=0.9),
                    Output(recycle=0.9, recycling_efficiency=0.9))


def test_fully_linear_product_scores_0_10():
    """No data: 100 % virgin in, 100 % incinerated out. V = M, W0 = M, W_C = W_F = 0,
    W = M, LFI = 2M / 2M = 1, CI = 1 − 1·0.9 = 0.10."""
    t = mci_terms(None, 10.0)
    assert (t.v, t.w0, t.w, t.lfi) == (10.0, 10.0, 10.0, 1.0)
    assert t.ci == pytest.approx(0.10)


def test_fully_circular_product_scores_1_00():
    """100 % reused input and 100 % reuse at end of life: V = W = 0, LFI = 0, CI = 1.
    100 % recycled in and out with efficiencies of 1 is fully circular too."""
    reused = Circularity(Feedstock(reused=1.0), Output(reuse=1.0))
    assert mci_terms(reused, 5.0).ci == pytest.approx(1.0)
    recycled = Circularity(Feedstock(recycled=1.0, recycling_efficiency=1.0),
                           Output(recycle=1.0, recycling_efficiency=1.0))
    assert mci_terms(recycled, 5.0).ci == pytest.approx(1.0)


def test_steel_beam_worked_example():
    """100 kg beam, 30 % recycled input, 90 % collected for recycling, E_F = E_C = 0.9.
    Default (Madaster docs) F_R = M_R·E_F / M = 0.3·0.9 = 0.27:
      V   = 100·(1 − 0.27)           = 73
      W0  = 100·(1 − 0.9)            = 10
      W_C = 100·(1 − 0.9)·0.9        = 9
      W_F = 100·(1 − 0.9)·0.27 / 0.9 = 3
      W   = 10 + (3 + 9) / 2         = 16
      LFI = (73 + 16) / (200 + (3 − 9)/2) = 89 / 197 = 0.452
      MCI = 1 − 0.9·0.451777          = 0.593
    Phase scores: construction 0.27, end of life 0.9·0.9 = 0.81.
    """
    t = mci_terms(STEEL, 100.0)
    assert (t.v, t.w0, t.w_c, t.w_f, t.w) == pytest.approx((73.0, 10.0, 9.0, 3.0, 16.0))
    assert round(t.lfi, 3) == 0.452
    assert round(t.ci, 3) == 0.593
    assert t.construction_score == pytest.approx(0.27)
    assert t.end_of_life_score == pytest.approx(0.81)


def test_steel_beam_with_emf_reading_of_recycled_content():
    """EMF reading, F_R = 0.3: V = 70, W_F = 100·0.1·0.3/0.9 = 3.333, W = 10 + 12.333/2
    = 16.167, LFI = 86.167 / (200 − 2.833) = 86.167 / 197.167 = 0.437, MCI = 1 − 0.9·0.437025
    = 0.607."""
    t = mci_terms(STEEL, 100.0, CircularityOptions(recycled_credit_includes_efficiency=False))
    assert round(t.lfi, 3) == 0.437
    assert round(t.ci, 3) == 0.607


def test_lifespan_utility_option():
    """L = 100, L_av = 50 → X = 2, F = 0.45; a linear product then scores 1 − 0.45 = 0.55.
    Without lifespans the constant 0.9 is used."""
    options = CircularityOptions(utility_mode=UtilityMode.LIFESPAN)
    t = mci_terms(None, 1.0, options, lifespan=100.0, average_lifespan=50.0)
    assert (t.utility, t.relative_lifespan, t.ci) == pytest.approx((0.45, 2.0, 0.55))
    assert mci_terms(None, 1.0, options).utility == 0.9


def test_element_overrides_keep_product_split():
    """Product: 40 % recycled, 20 % reused, rest virgin; output 60 % recycle, 20 % landfill.
    Element reuse 60 %: the non-reused 40 % keeps the product's 40:40 split of its 80 %,
    recycled = 0.4·0.4/0.8 = 0.2. Available for reuse 50 %: recycle = 0.6·0.5 = 0.3,
    landfill = 0.2·0.5 = 0.1, incineration 0.1."""
    product = Circularity(Feedstock(recycled=0.4, reused=0.2), Output(recycle=0.6, landfill=0.2))
    element = effective_circularity(product, reuse=0.6, available_for_reuse=0.5)
    assert element.feedstock.reused == 0.6
    assert element.feedstock.recycled == pytest.approx(0.2)
    assert element.output.shares() == pytest.approx((0.5, 0.3, 0.1, 0.1))


def test_material_flows_of_the_steel_beam():
    """100 kg: in 30 kg recycled + 70 kg virgin non-renewable; out 90 kg recycled, 10 kg
    incinerated (no landfill given)."""
    flows = material_flows(STEEL, 100.0)
    assert (flows.input_recycled, flows.input_non_renewable) == pytest.approx((30.0, 70.0))
    assert (flows.output_recycle, flows.output_incineration) == pytest.approx((90.0, 10.0))
    assert flows.input_secondary == pytest.approx(30.0)
    assert flows.percentages().input_recycled == pytest.approx(0.3)


def test_corrections_for_missing_mass_and_missing_circularity():
    """Elements: steel 100 kg (CI 0.593401, with data), 100 kg without data (CI 0.1) and one
    element without mass.
    CI_building = (0.593401·100 + 0.1·100) / 200 = 0.346701.
    P1 = 2 / 3 = 0.666667 (by count); P2 = 100 / 200 = 0.5 (by mass).
    madasterCiScore = 0.346701 · 0.666667 · 0.5 = 0.115567."""
    acc = CircularityAccumulator()
    acc.add("Structure", 100.0, mci_terms(STEEL), True)
    acc.add("Skin", 100.0, mci_terms(None), False)
    acc.add_without_mass()
    result = acc.result(("Structure", "Skin"))
    assert result.building.ci == pytest.approx(0.346701, abs=1e-6)
    assert result.layers["Structure"].ci == pytest.approx(0.593401, abs=1e-6)
    assert result.share_elements_with_mass == pytest.approx(2 / 3)
    assert result.share_mass_with_circularity == pytest.approx(0.5)
    assert result.madaster_ci_score == pytest.approx(0.115567, abs=1e-6)
    assert result.building.v == pytest.approx(73.0 + 100.0)


def test_invalid_fractions_are_rejected():
    with pytest.raises(ValueError):
        Feedstock(recycled=1.5)
    with pytest.raises(ValueError):
        Output(recycling_efficiency=0.0)


def test_overfull_shares_are_scaled_down():
    """Recycled 0.8 + reused 0.6 = 1.4 → 0.571429 and 0.428571; nothing is virgin."""
    t = mci_terms(Circularity(Feedstock(recycled=0.8, reused=0.6, recycling_efficiency=1.0)))
    assert t.f_u == pytest.approx(0.6 / 1.4)
    assert t.v == pytest.approx(0.0)
