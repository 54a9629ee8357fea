"""Scaling rules: f(x) = g(x) / g(x0), nominal value outside the margins (domain §4.1)."""

import math

import pytest

from matbank.calculations.errors import ScalingError
from matbank.calculations.scaling import ScalingKind, ScalingRule, scaled_value, scaling_factor


def test_linear_rule_matches_the_documented_example():
    """20 kg/m² at 20 cm with g = 0.5x + 10: g(20) = 20, g(10) = 15 → 15 kg/m²;
    g(75) = 47.5 → 47.5 kg/m²."""
    rule = ScalingRule(ScalingKind.LINEAR, a=0.5, c=10.0, reference_size=20.0)
    assert scaled_value(rule, 10.0, 20.0) == pytest.approx(15.0)
    assert scaled_value(rule, 75.0, 20.0) == pytest.approx(47.5)


def test_outside_margins_uses_nominal_value():
    """Same rule with margins 5..50 cm: 75 cm is outside, so the 20 kg/m² reference is kept;
    the bounds themselves are inside (50 cm → g = 35 → 35 kg/m²)."""
    rule = ScalingRule(ScalingKind.LINEAR, a=0.5, c=10.0, reference_size=20.0,
                       minimum=5.0, maximum=50.0)
    assert scaled_value(rule, 75.0, 20.0) == 20.0
    assert scaled_value(rule, 2.0, 20.0) == 20.0
    assert scaled_value(rule, 50.0, 20.0) == pytest.approx(35.0)


def test_power_rule():
    """g = 2x² at x0 = 10 → g(x0) = 200; x = 20 → 800; factor 4 → 100 becomes 400."""
    rule = ScalingRule(ScalingKind.POWER, a=2.0, c=0.0, reference_size=10.0, exponent=2.0)
    assert scaled_value(rule, 20.0, 100.0) == pytest.approx(400.0)


def test_logarithmic_rule_with_and_without_factor():
    """g = ln x at x0 = e → 1, at e² → 2: factor 2. With b = 2, g = ln(2x): x0 = e/2 → 1,
    x = e²/2 → 2: factor 2 again."""
    plain = ScalingRule(ScalingKind.LOGARITHMIC, a=1.0, c=0.0, reference_size=math.e)
    assert scaling_factor(plain, math.e**2) == pytest.approx(2.0)
    scaled = ScalingRule(ScalingKind.LOGARITHMIC, a=1.0, c=0.0, reference_size=math.e / 2,
                         log_factor=2.0)
    assert scaling_factor(scaled, math.e**2 / 2) == pytest.approx(2.0)


def test_exponential_rule():
    """g = 2eˣ + 2: g(0) = 4, g(ln 3) = 8 → factor 2."""
    rule = ScalingRule(ScalingKind.EXPONENTIAL, a=2.0, c=2.0, reference_size=0.0)
    assert scaling_factor(rule, math.log(3.0)) == pytest.approx(2.0)


def test_undefined_rules_raise_typed_errors():
    zero_at_reference = ScalingRule(ScalingKind.LINEAR, a=1.0, c=-5.0, reference_size=5.0)
    with pytest.raises(ScalingError):
        scaling_factor(zero_at_reference, 10.0)
    log_of_negative = ScalingRule(ScalingKind.LOGARITHMIC, a=1.0, c=1.0, reference_size=1.0)
    with pytest.raises(ScalingError):
        scaling_factor(log_of_negative, -1.0)
