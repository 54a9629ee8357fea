"""System reference data shipped with matbank (read once from ``matbank/data``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class BuildingUsage:
    key: str
    names: dict[str, str]
    lifespan: int


@dataclass(frozen=True)
class ClassificationMethodInfo:
    id: str
    key: str
    names: dict[str, str]
    code_pattern: str


@dataclass(frozen=True)
class MaterialFamilyInfo:
    id: str
    names: dict[str, str]


def _load(name: str) -> Any:
    with resources.files("matbank.data").joinpath(name).open(encoding="utf-8") as fh:
        return json.load(fh)


@cache
def building_usages() -> dict[str, BuildingUsage]:
    return {
        u["key"]: BuildingUsage(key=u["key"], names=u["name"], lifespan=u["lifespan"])
        for u in _load("building_usages.json")["usages"]
    }


@cache
def classification_methods() -> tuple[ClassificationMethodInfo, ...]:
    return tuple(
        ClassificationMethodInfo(
            id=m["id"], key=m["key"], names=m["name"], code_pattern=m["codePattern"]
        )
        for m in _load("classification_methods.json")["methods"]
    )


@cache
def material_families() -> tuple[MaterialFamilyInfo, ...]:
    return tuple(
        MaterialFamilyInfo(id=f["id"], names=f["name"])
        for f in _load("material_families.json")["families"]
    )


@cache
def default_folder_types() -> tuple[dict[str, Any], ...]:
    return tuple(_load("folder_types.json")["types"])


def material_family_ids() -> frozenset[str]:
    return frozenset(f.id for f in material_families())
