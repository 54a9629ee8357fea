"""Shearing (Brand) layers and material-family vocabulary shared by the calculations."""

from __future__ import annotations

from enum import StrEnum


class Layer(StrEnum):
    """Brand's shearing layers; unclassified elements land in ``UNKNOWN``."""

    SURROUNDINGS = "Surroundings"
    STRUCTURE = "Structure"
    SKIN = "Skin"
    SERVICES = "Services"
    SPACE_PLAN = "Space plan"
    STUFF = "Stuff"
    UNKNOWN = "Unknown"


#: The seven families of the original Madaster material-family classification.
MADASTER_FAMILIES = ("Glass", "Metal", "Organic", "Plastic", "Stone", "Wood", "Unknown")

#: Family used for mass whose composition is not known.
UNKNOWN_FAMILY = "Unknown"

#: Layers whose elements count towards the detachability index (DGBC method).
DETACHABILITY_LAYERS = frozenset(
    {Layer.STRUCTURE, Layer.SKIN, Layer.SERVICES, Layer.SPACE_PLAN, Layer.SURROUNDINGS}
)
