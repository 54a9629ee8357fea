"""Pure calculations of matbank: mass, circularity (MCI), detachability, environmental, financial.

Frozen dataclasses in, numbers and frozen dataclasses out; no database, no HTTP, no files.
``calculate_building`` is the entry point a service calls; the modules hold the single rules.
"""

from matbank.calculations.building import (
    BuildingContext,
    BuildingElement,
    BuildingResults,
    CalculationOptions,
    CommodityData,
    calculate_building,
    commodity_from_resolved,
)
from matbank.calculations.errors import (
    BillOfMaterialsCycle,
    BillOfMaterialsError,
    CalculationError,
    ScalingError,
)

__all__ = [
    "BillOfMaterialsCycle",
    "BillOfMaterialsError",
    "BuildingContext",
    "BuildingElement",
    "BuildingResults",
    "CalculationError",
    "CalculationOptions",
    "CommodityData",
    "ScalingError",
    "calculate_building",
    "commodity_from_resolved",
]
