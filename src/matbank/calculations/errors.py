"""Typed failures raised by the pure calculations.

They deliberately do not inherit from ``matbank.errors.MatbankError``: that module pulls in
the web framework, and this package must stay importable without it. Each error carries the
stable ``code`` and ``status`` the service layer uses when it turns it into ProblemDetails.
"""

from __future__ import annotations


class CalculationError(ValueError):
    """Input data that a calculation cannot be carried out on."""

    code = "calculation_invalid_input"
    status = 422


class BillOfMaterialsError(CalculationError):
    """A bill of materials that cannot be resolved (unknown child, child without mass...)."""

    code = "bill_of_materials_invalid"


class BillOfMaterialsCycle(BillOfMaterialsError):
    """A product contains itself through its children, which the domain forbids."""

    code = "bill_of_materials_cycle"

    def __init__(self, cycle: tuple[str, ...]) -> None:
        self.cycle = cycle
        super().__init__("bill of materials contains a cycle: " + " -> ".join(cycle))


class ScalingError(CalculationError):
    """A scaling rule whose formula is undefined at the reference or requested size."""

    code = "scaling_rule_invalid"
