"""Element use-cases: elements are added and changed only while their file is Importing."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlalchemy.orm import Session

from matbank.auth.principal import Principal
from matbank.db import utcnow
from matbank.elements.models import Element
from matbank.elements.odata import parse_filter, parse_select
from matbank.elements.repository import API_COLUMNS, ElementRepository
from matbank.elements.schemas import (
    MAX_BATCH,
    Accessibility,
    BuildingFileElementRequest,
    ConnectionType,
    ConnectionTypeDetail,
    Intersection,
    ProductEdge,
)
from matbank.errors import Conflict, InvalidRequest, NotFound
from matbank.files import lifecycle
from matbank.files.models import BuildingFile
from matbank.files.service import get_file, writable_file

DEFAULT_PAGE = 1000
MAX_PAGE = 5000
SELECTABLE = set(API_COLUMNS) | {
    "buildingFileId",
    "buildingNumbers",
    "mapping",
    "phaseMatch",
    "brandLayerMatch",
    "classificationMatch",
    "detachabilityConnectionType",
    "detachabilityConnectionTypeDetail",
    "detachabilityIntersection",
    "detachabilityAccessibility",
    "detachabilityProductEdge",
}


#: Request fields stored under their own name.
_SAME_NAME = (
    "material_name",
    "material_id",
    "external_database_id",
    "type_name",
    "element_class",
    "volume",
    "area",
    "height",
    "width",
    "length",
    "phase_lookup",
    "classification_lookup",
    "floor",
    "gtin",
    "article_number",
)
#: Detachability request fields and the columns storing their enum values.
_DETACHABILITY = (
    ("detachability_connection_type", "connection_type"),
    ("detachability_connection_type_detail", "connection_type_detail"),
    ("detachability_intersection", "intersection"),
    ("detachability_accessibility", "accessibility"),
    ("detachability_product_edge", "product_edge"),
)
_ENUM_VALUE = {
    member: member.value
    for enum in (ConnectionType, ConnectionTypeDetail, Intersection, Accessibility, ProductEdge)
    for member in enum
}


def to_columns(
    request: BuildingFileElementRequest, file_id: uuid.UUID, position: int = 0
) -> dict[str, Any]:
    """The stored row of an element request (``name`` falls back to the type name); the
    columns it does not name are filled by the repository."""
    fields = request.__dict__  # the validated field values, read without attribute lookups
    row = {name: fields[name] for name in _SAME_NAME}
    row["file_id"] = file_id
    row["element_id"] = fields["id"]
    row["position"] = position
    row["name"] = fields["name"] or fields["type_name"]
    numbers = fields["building_numbers"]
    row["building_numbers"] = [b.model_dump(by_alias=True) for b in numbers] if numbers else None
    for field, column in _DETACHABILITY:
        row[column] = _ENUM_VALUE[fields[field]]
    return row


def list_elements(
    session: Session,
    principal: Principal,
    building_id: uuid.UUID,
    file_id: uuid.UUID,
    *,
    top: int | None,
    skip: int | None,
    filter_: str | None,
    select_: str | None,
) -> tuple[Sequence[Element], list[str] | None]:
    """A page of a file's elements, filtered and projected OData-style."""
    building_file = get_file(session, principal, building_id, file_id)
    if top is not None and not 0 <= top <= MAX_PAGE:
        raise InvalidRequest(f"$top must be between 0 and {MAX_PAGE}.")
    if skip is not None and skip < 0:
        raise InvalidRequest("$skip must not be negative.")
    where = parse_filter(filter_, API_COLUMNS) if filter_ else None
    fields = parse_select(select_, SELECTABLE) if select_ else None
    rows = ElementRepository(session).page(
        building_file.id, where, DEFAULT_PAGE if top is None else top, skip or 0
    )
    return rows, fields


def get_element(
    session: Session,
    principal: Principal,
    building_id: uuid.UUID,
    file_id: uuid.UUID,
    element_id: str,
) -> Element:
    get_file(session, principal, building_id, file_id)
    element = ElementRepository(session).get(file_id, element_id)
    if element is None:
        raise NotFound(f"No element with id '{element_id}' in file {file_id}.")
    return element


def add_element(
    session: Session,
    principal: Principal,
    building_id: uuid.UUID,
    file_id: uuid.UUID,
    request: BuildingFileElementRequest,
) -> Element:
    building_file = _editable_file(session, principal, building_id, file_id)
    repo = ElementRepository(session)
    if repo.exists(file_id, request.id):
        raise Conflict(
            f"File {file_id} already has an element with id '{request.id}'; "
            "use PUT or the batch upsert to change it."
        )
    row = to_columns(request, file_id, repo.next_position(file_id))
    session.add(Element(**row))
    session.flush()
    _touch(session, building_file)
    return repo.get(file_id, request.id)  # type: ignore[return-value]


def replace_element(
    session: Session,
    principal: Principal,
    building_id: uuid.UUID,
    file_id: uuid.UUID,
    element_id: str,
    request: BuildingFileElementRequest,
) -> Element:
    building_file = _editable_file(session, principal, building_id, file_id)
    if request.id != element_id:
        raise InvalidRequest(
            f"The body's id '{request.id}' differs from the path's '{element_id}'."
        )
    repo = ElementRepository(session)
    if not repo.exists(file_id, element_id):
        raise NotFound(f"No element with id '{element_id}' in file {file_id}.")
    repo.upsert_many([to_columns(request, file_id)])
    _touch(session, building_file)
    session.expire_all()
    return repo.get(file_id, element_id)  # type: ignore[return-value]


def delete_element(
    session: Session,
    principal: Principal,
    building_id: uuid.UUID,
    file_id: uuid.UUID,
    element_id: str,
) -> None:
    building_file = _editable_file(session, principal, building_id, file_id)
    if ElementRepository(session).delete(file_id, element_id) == 0:
        raise NotFound(f"No element with id '{element_id}' in file {file_id}.")
    _touch(session, building_file)


def upsert_batch(
    session: Session,
    principal: Principal,
    building_id: uuid.UUID,
    file_id: uuid.UUID,
    items: list[Any],
) -> list[str]:
    """Insert or replace up to 500 elements in one transaction.

    Each item is validated on its own: invalid items are reported back (by id, or by their
    position when they have none) and the valid ones are stored together, or not at all.
    """
    if len(items) > MAX_BATCH:
        raise InvalidRequest(
            f"A batch holds at most {MAX_BATCH} elements; this one has "
            f"{len(items)}. Split it into several calls."
        )
    building_file = _editable_file(session, principal, building_id, file_id)
    rows, failures, seen = [], [], set()
    start = ElementRepository(session).next_position(file_id)
    for index, request in enumerate(_validated(items)):
        if not isinstance(request, BuildingFileElementRequest):
            failures.append(_item_label(items[index], index))
            continue
        if request.id in seen:
            failures.append(request.id)
            continue
        seen.add(request.id)
        rows.append(to_columns(request, file_id, start + index))
    ElementRepository(session).upsert_many(rows)
    _touch(session, building_file)
    return failures


_BATCH_ADAPTER = TypeAdapter(list[BuildingFileElementRequest])


def _validated(items: list[Any]) -> list[BuildingFileElementRequest | None]:
    """Every item validated; None for the invalid ones. The whole list is validated in one
    call first (the common case: all valid), item by item only when something fails."""
    try:
        return list(_BATCH_ADAPTER.validate_python(items))
    except ValidationError:
        pass
    checked: list[BuildingFileElementRequest | None] = []
    for item in items:
        try:
            checked.append(BuildingFileElementRequest.model_validate(item))
        except ValidationError:
            checked.append(None)
    return checked


def _item_label(item: Any, index: int) -> str:
    if isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"]:
        return item["id"]
    return f"#{index}"


def _editable_file(
    session: Session, principal: Principal, building_id: uuid.UUID, file_id: uuid.UUID
) -> BuildingFile:
    building_file = writable_file(session, principal, building_id, file_id)
    lifecycle.require(
        "edit_elements", building_file.status, f"file '{building_file.name}' ({building_file.id})"
    )
    return building_file


def _touch(session: Session, building_file: BuildingFile) -> None:
    session.flush()
    building_file.element_count = ElementRepository(session).count(building_file.id)
    building_file.last_modified_date = utcnow()
