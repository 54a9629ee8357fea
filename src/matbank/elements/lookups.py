"""Phases and shearing layers as the element API names them, with stable ids.

The platform returns ``phaseMatch`` and ``brandLayerMatch`` as ``{id, name}``; matbank
derives the ids deterministically (UUID v5) so they are the same on every installation.
"""

from __future__ import annotations

import uuid

from matbank.importers.ifc_rules import phase_for

NAMESPACE = uuid.UUID("5b0f3c1e-2a57-4d5e-9c1a-6f3e8f0d2b71")


def stable_id(kind: str, key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{kind}:{key}")


def phase_from_lookup(text: str | None, default: str) -> str:
    """The element phase for a phase text; anything unrecognised gets ``default``.

    The vocabulary is the one the IFC importer uses (``importers.ifc_rules``), so an element
    fed through the API and one read from a model get the same phase for the same word.
    """
    return phase_for(text, default)  # type: ignore[arg-type]


def default_phase_for_building(building_phase: str) -> str:
    """[INTERP] Elements without a phase follow the building: a new building's are New,
    a building to be demolished has Demolition elements, otherwise they are Preserved."""
    return {"New": "New", "Demolition": "Demolition"}.get(building_phase, "Preserved")
