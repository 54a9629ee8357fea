"""Reference data of the database endpoints: material-family values, the dossier folder tree,
LCA rule sets and the price sets shipped with matbank."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

GENERIC_DATABASE_ID = uuid.UUID("00000000-0000-0000-0000-000000000003")
GENERIC_EXTERNAL_ID = "matbank-generic"
#: Family ids accepted as another spelling of a shipped family system.
FAMILY_ALIASES = {"nl_sfb": "madasterv2", "nlsfb": "madasterv2"}
_FOLDER_NAMESPACE = uuid.UUID("6f1c2b1e-3c55-4a8e-9d0b-7f6a0c1d2e3f")


def _load(name: str) -> Any:
    with resources.files("matbank.data").joinpath(name).open(encoding="utf-8") as fh:
        return json.load(fh)


@cache
def material_family_catalogue() -> tuple[dict[str, Any], ...]:
    """Every family system with its values, as ``{id, names, values: [{id, names}]}``."""
    return tuple(_load("material_family_values.json")["families"])


@cache
def _family_value_ids() -> dict[str, frozenset[str]]:
    return {f["id"]: frozenset(v["id"] for v in f["values"]) for f in material_family_catalogue()}


def normalise_family(family_id: str, value: str | None) -> tuple[str, str | None]:
    """The stored (family, value) pair; raises ValueError for an unknown family or value.

    Family ids and values are case-insensitive; ``nl_sfb`` is an alias of ``madasterv2``.
    """
    family = FAMILY_ALIASES.get(family_id.strip().lower(), family_id.strip().lower())
    known = _family_value_ids().get(family)
    if known is None:
        raise ValueError(f"unknown material family '{family_id}'")
    if value is None:
        return family, None
    code = value.strip().lower()
    if code not in known:
        raise ValueError(f"'{value}' is not a value of material family '{family}'")
    return family, code


@dataclass(frozen=True)
class DossierFolder:
    key: str
    names: dict[str, str]
    children: tuple[DossierFolder, ...] = ()


DOSSIER = DossierFolder(
    "dossier",
    {"en": "Dossier", "nl": "Dossier", "de": "Dossier"},
    (
        DossierFolder(
            "product",
            {"en": "Product information", "nl": "Productinformatie", "de": "Produktinformationen"},
        ),
        DossierFolder(
            "certificates", {"en": "Certificates", "nl": "Certificaten", "de": "Zertifikate"}
        ),
        DossierFolder(
            "epd",
            {
                "en": "Environmental product declarations",
                "nl": "Milieuverklaringen",
                "de": "Umweltproduktdeklarationen",
            },
        ),
        DossierFolder(
            "safety",
            {
                "en": "Safety data sheets",
                "nl": "Veiligheidsinformatiebladen",
                "de": "Sicherheitsdatenblätter",
            },
        ),
        DossierFolder("drawings", {"en": "Drawings", "nl": "Tekeningen", "de": "Zeichnungen"}),
        DossierFolder("other", {"en": "Other", "nl": "Overig", "de": "Sonstiges"}),
    ),
)


def dossier_folder_id(database_id: uuid.UUID, key: str) -> uuid.UUID:
    """Folder ids are derived from the database, so each database has its own stable tree."""
    return uuid.uuid5(_FOLDER_NAMESPACE, f"{database_id}/{key}")


def dossier_folders(database_id: uuid.UUID) -> dict[uuid.UUID, dict[str, str]]:
    """Every dossier folder id of a database with its names."""
    found: dict[uuid.UUID, dict[str, str]] = {}
    stack = [DOSSIER]
    while stack:
        folder = stack.pop()
        found[dossier_folder_id(database_id, folder.key)] = folder.names
        stack.extend(folder.children)
    return found


#: LCA rule sets and the compliance names (with the country they belong to) used with them.
COMPLIANCES: tuple[tuple[str, dict[str, str]], ...] = (
    ("EN 15804:2012-04+A1 2013", {"EN 15804": "eu", "KBOB": "ch"}),
    ("EN 15804:2012+A2 2019", {"EN 15804+A2": "eu"}),
)


@cache
def price_sets() -> tuple[dict[str, Any], ...]:
    return tuple(_load("price_sets.json")["price_sets"])


def price_set_ids() -> frozenset[str]:
    return frozenset(p["id"] for p in price_sets())
