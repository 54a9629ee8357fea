"""Built-in, read-only passport presets: which sections a passport of each type shows.

[INTERP] Presets stored per account, folder and building are not modelled yet; every building
offers the same built-in presets. The all-zero id always names the type's default preset.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from matbank.errors import InvalidRequest
from matbank.passports.schemas import DEFAULT_PRESET_ID, PassportPreset, PassportType

KEY_FIGURES = "keyFigures"
RESULT_SECTIONS = ("mass", "circularity", "flows", "detachability", "environmental", "financial")
ELEMENTS = "elements"
_NAMESPACE = uuid.UUID("5f1c3d2e-8a4b-4c6d-9e0f-1a2b3c4d5e6f")


@dataclass(frozen=True)
class Preset:
    id: uuid.UUID
    name: str
    sections: tuple[str, ...]


def _sections(passport_type: PassportType, chosen: tuple[str, ...]) -> tuple[str, ...]:
    if passport_type is PassportType.ONE_PAGER:
        return (KEY_FIGURES,)
    extra = (ELEMENTS,) if passport_type is PassportType.FULL else ()
    return (KEY_FIGURES, *chosen, *extra)


def presets_for(passport_type: PassportType) -> tuple[Preset, ...]:
    circular = ("mass", "circularity", "flows", "detachability")
    return (
        Preset(DEFAULT_PRESET_ID, "Default", _sections(passport_type, RESULT_SECTIONS)),
        Preset(
            uuid.uuid5(_NAMESPACE, f"{passport_type.value}/circularity"),
            "Circularity",
            _sections(passport_type, circular),
        ),
    )


def find_preset(passport_type: PassportType, preset_id: uuid.UUID) -> Preset:
    for preset in presets_for(passport_type):
        if preset.id == preset_id:
            return preset
    raise InvalidRequest(
        f"No passport preset {preset_id} for passport type {passport_type.value}.",
        title="Unknown passport preset.",
    )


def preset_views(passport_type: PassportType) -> list[PassportPreset]:
    return [PassportPreset(id=p.id, name=p.name) for p in presets_for(passport_type)]
