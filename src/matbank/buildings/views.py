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

from pydantic_core import to_json

from matbank.buildings.schemas import BuildingResponse
from matbank.system.countries import english_name

_DERIVED = {"owner_country"}


_AS_IS = frozenset({str, int, float, bool})


def _plain(value: Any) -> Any:
    if type(value) in _AS_IS:  # most values; one set lookup instead of three isinstance
        return value
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
#: The stored columns a building's view is made of.
VIEW_COLUMNS: tuple[str, ...] = tuple(name for name, _ in _FIELDS)


def building_view(values: Mapping[str, Any] | Callable[[str], Any]) -> dict[str, Any]:
    """The BuildingResponse body of a stored building (a row mapping or an ORM object)."""
    get = values.get if isinstance(values, Mapping) else values
    body = {alias: _plain(value) for name, alias in _FIELDS if (value := get(name)) is not None}
    country = english_name(str(get("owner_country_id") or ""))
    if country:
        body["ownerCountry"] = country
    return body


def building_body(values: Mapping[str, Any]) -> bytes:
    """The BuildingResponse JSON of a stored building's values (pydantic-core's encoder)."""
    return to_json(building_view(values))


def orm_view(building: Any) -> dict[str, Any]:
    return building_view(lambda name: getattr(building, name, None))
