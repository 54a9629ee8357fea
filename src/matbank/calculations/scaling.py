"""Scaling rules for scalable products (NMD-style, domain §4.1).

A scalable product declares its values at a reference size x0. At another size x each value
becomes ``f(x)·W_ref`` with ``f(x) = g(x) / g(x0)``; outside the product's minimum/maximum
margins the nominal (reference) value is used unchanged.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from matbank.calculations.errors import ScalingError


class ScalingKind(StrEnum):
    """The shape of the scaling function g."""

    LINEAR = "Linear"            # g(x) = a·x + c
    POWER = "Power"              # g(x) = a·x^n + c
    LOGARITHMIC = "Logarithmic"  # g(x) = a·ln(b·x) + c  (b = 1 gives the German a·ln x + c)
    EXPONENTIAL = "Exponential"  # g(x) = a·e^x + c


@dataclass(frozen=True, slots=True)
class ScalingRule:
    """A scaling formula with its coefficients, reference size and validity margins."""

    kind: ScalingKind
    a: float
    c: float
    reference_size: float
    minimum: float | None = None
    maximum: float | None = None
    exponent: float = 1.0
    log_factor: float = 1.0


def _g(rule: ScalingRule, x: float) -> float:
    try:
        if rule.kind is ScalingKind.LINEAR:
            return rule.a * x + rule.c
        if rule.kind is ScalingKind.POWER:
            return rule.a * x**rule.exponent + rule.c
        if rule.kind is ScalingKind.LOGARITHMIC:
            return rule.a * math.log(rule.log_factor * x) + rule.c
        return rule.a * math.exp(x) + rule.c
    except (ValueError, OverflowError, ZeroDivisionError) as exc:
        raise ScalingError(f"{rule.kind} scaling is undefined at size {x}") from exc


def within_margins(rule: ScalingRule, size: float) -> bool:
    """Whether ``size`` lies inside the rule's [minimum, maximum] margins (bounds inclusive)."""
    if rule.minimum is not None and size < rule.minimum:
        return False
    return not (rule.maximum is not None and size > rule.maximum)


def scaling_factor(rule: ScalingRule, size: float) -> float:
    """f(x) = g(x) / g(x0), or 1 (the nominal value) when x is outside the margins."""
    if not within_margins(rule, size):
        return 1.0
    reference = _g(rule, rule.reference_size)
    if reference == 0.0:
        raise ScalingError(f"{rule.kind} scaling is zero at the reference size")
    return _g(rule, size) / reference


def scaled_value(rule: ScalingRule, size: float, reference_value: float) -> float:
    """A per-unit value (mass, impact...) of the product at ``size``: f(x)·W_ref."""
    return scaling_factor(rule, size) * reference_value
