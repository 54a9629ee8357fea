"""Buildings as the API shows them, built straight from stored values.

The fields, their wire names and their order come from ``BuildingResponse`` (the schema
the OpenAPI document publishes); values that are null are left out, as non-nullable
fields must never be sent as null. Building the dict directly keeps the most polled read
of the API (clients poll a building until ``isDirty`` is false) cheap.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import datetime
from enum import Enum
from typing import Any

from matbank.buildings.schemas import BuildingResponse
from matbank.system.countries import english_name

_DERIVED = {"owner_country"}


def _plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, Enum):
        return value.value
    return value


_FIELDS: tuple[tuple[str, str], ...] = tuple(
    (name, field.alias or name)
    for name, field in BuildingResponse.model_fields.items()
    if name not in _DERIVED
)


def building_view(values: Mapping[str, Any] | Callable[[str], Any]) -> dict[str, Any]:
    """The BuildingResponse body of a stored building (a row mapping or an ORM object)."""
    get = values.get if isinstance(values, Mapping) else values
    body: dict[str, Any] = {}
    for name, alias in _FIELDS:
        value = get(name)
        if value is not None:
            body[alias] = _plain(value)
    country = english_name(str(get("owner_country_id") or ""))
    if country:
        body["ownerCountry"] = country
    return body


def orm_view(building: Any) -> dict[str, Any]:
    return building_view(lambda name: getattr(building, name, None))
