"""Default lifespans of a building and of its shearing layers.

[INTERP] The platform derives default lifespans from the building usage and lets the
user edit them, without publishing the layer defaults. matbank applies, when a request
leaves a value empty: the usage's building lifespan for the building and for the
Structure layer, and typical replacement cycles for the other layers taken from the
middle of the ranges the shearing-layer model gives (Skin ≈ 20 y, Services 7–15 y,
Space plan 3–30 y, Stuff: short-lived).
"""

from __future__ import annotations

from matbank.system.catalogue import building_usages

FALLBACK_BUILDING_LIFESPAN = 50
SKIN_LIFESPAN = 20
SERVICES_LIFESPAN = 15
SPACE_PLAN_LIFESPAN = 10
STUFF_LIFESPAN = 5


def default_lifespans(usage_key: str) -> dict[str, int]:
    """Lifespans in years for a building of ``usage_key`` (keys are model field names)."""
    usage = building_usages().get(usage_key)
    building = usage.lifespan if usage else FALLBACK_BUILDING_LIFESPAN
    return {
        "expected_lifespan": building,
        "expected_lifespan_structure": building,
        "expected_lifespan_skin": SKIN_LIFESPAN,
        "expected_lifespan_services": SERVICES_LIFESPAN,
        "expected_lifespan_space_plan": SPACE_PLAN_LIFESPAN,
        "expected_lifespan_stuff": STUFF_LIFESPAN,
    }
