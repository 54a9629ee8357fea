"""What a passport of each type shows: the built-in presets and stored ones made into one shape.

Every building offers two read-only built-in presets per passport type (Default, whose id is
the all-zero GUID, and Circularity), followed by the presets stored by its account, by each
folder above it (outermost first) and by itself. See ``docs/interpretations/passports.md``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from matbank.passports.models import StoredPassportPreset
from matbank.passports.schemas import (
    DEFAULT_PRESET_ID,
    EnvironmentalSelection,
    PassportPreset,
    PassportType,
)

KEY_FIGURES = "keyFigures"
RESULT_SECTIONS = ("mass", "circularity", "flows", "detachability", "environmental", "financial")
CIRCULAR_SECTIONS = ("mass", "circularity", "flows", "detachability")
ELEMENTS = "elements"
_NAMESPACE = uuid.UUID("5f1c3d2e-8a4b-4c6d-9e0f-1a2b3c4d5e6f")


@dataclass(frozen=True)
class Preset:
    """Sections in print order; ``environmental`` narrows that section (None: everything)."""

    id: uuid.UUID
    name: str
    sections: tuple[str, ...]
    environmental: EnvironmentalSelection | None = None

    @property
    def result_sections(self) -> tuple[str, ...]:
        return tuple(s for s in self.sections if s in RESULT_SECTIONS)


def _sections(passport_type: PassportType, chosen: tuple[str, ...]) -> tuple[str, ...]:
    """A OnePager shows key figures and the chosen sections' charts on one page; the
    ExecutiveSummary adds their tables; the Full passport adds the elements."""
    extra = (ELEMENTS,) if passport_type is PassportType.FULL else ()
    return (KEY_FIGURES, *chosen, *extra)


def built_in_presets(passport_type: PassportType) -> tuple[Preset, ...]:
    one_pager = passport_type is PassportType.ONE_PAGER
    default = ("mass", "circularity") if one_pager else RESULT_SECTIONS
    return (
        Preset(DEFAULT_PRESET_ID, "Default", _sections(passport_type, default)),
        Preset(
            uuid.uuid5(_NAMESPACE, f"{passport_type.value}/circularity"),
            "Circularity",
            _sections(passport_type, CIRCULAR_SECTIONS),
        ),
    )


def from_stored(stored: StoredPassportPreset) -> Preset:
    """A stored preset as printed; sections keep the order the preset lists them in."""
    environmental = (
        EnvironmentalSelection.model_validate(stored.environmental)
        if stored.environmental
        else None
    )
    passport_type = PassportType(stored.passport_type)
    return Preset(stored.id, stored.name, _sections(passport_type, tuple(stored.sections)),
                  environmental)


def preset_view(preset: Preset) -> PassportPreset:
    return PassportPreset(id=preset.id, name=preset.name)


def from_options(options: dict[str, Any], passport_type: PassportType) -> Preset:
    """The preset a passport file recorded when it was asked for (see ``preset_options``);
    files recorded before presets were snapshotted name a built-in preset by id."""
    preset_id = uuid.UUID(options.get("preset") or str(DEFAULT_PRESET_ID))
    if "sections" not in options:
        built_in = {p.id: p for p in built_in_presets(passport_type)}
        return built_in.get(preset_id, built_in[DEFAULT_PRESET_ID])
    environmental = options.get("environmental")
    return Preset(
        preset_id,
        options.get("presetName") or "",
        tuple(options["sections"]),
        EnvironmentalSelection.model_validate(environmental) if environmental else None,
    )
