"""Phases and shearing layers as the element API names them, with stable ids.

The platform returns ``phaseMatch`` and ``brandLayerMatch`` as ``{id, name}``; matbank
derives the ids deterministically (UUID v5) so they are the same on every installation.
"""

from __future__ import annotations

import uuid

NAMESPACE = uuid.UUID("5b0f3c1e-2a57-4d5e-9c1a-6f3e8f0d2b71")

PHASES = ("New", "Preserved", "Demolition", "ConstructionWaste")
LAYERS = ("Surroundings", "Structure", "Skin", "Services", "Space plan", "Stuff", "Unknown")

# Phase words compared whole and case-insensitively (platform documentation, §3.1 item 7).
_PHASE_WORDS = {
    "Demolition": (
        "demolition",
        "to be demolished",
        "sloop",
        "rückbau",
        "riving",
        "demolish",
        "demolished",
    ),
    "New": (
        "nieuw",
        "new",
        "nieuwe materialen",
        "neue materialien",
        "virgin materials",
        "jomfruelige materialer",
        "nye",
        "einbau",
        "ny",
        "new construction",
    ),
    "Preserved": (
        "casco",
        "leeg",
        "existing",
        "bestaand",
        "rohbau",
        "råbygg",
        "zwischenstand",
        "mellomstatus",
        "preserved",
    ),
}
_PHASE_BY_WORD = {word: phase for phase, words in _PHASE_WORDS.items() for word in words}


def stable_id(kind: str, key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{kind}:{key}")


def phase_from_lookup(text: str | None, default: str) -> str:
    """The element phase for a phase text; anything unrecognised gets ``default``."""
    if not text:
        return default
    return _PHASE_BY_WORD.get(text.strip().lower(), default)


def default_phase_for_building(building_phase: str) -> str:
    """[INTERP] Elements without a phase follow the building: a new building's are New,
    a building to be demolished has Demolition elements, otherwise they are Preserved."""
    return {"New": "New", "Demolition": "Demolition"}.get(building_phase, "Preserved")
