"""Editing an element's overrides of its linked product after import.

The Madaster v3 element schemas carry no reuse, lifespan, waste or installation fields, so
matbank offers its own operation (``.../elements/{id}/overrides``). The values are the same
element-level overrides an IFC model (CPset_Madaster) or the Excel template brings in
(domain §1.6, §3.3): an element's reuse %, available-for-reuse %, lifespan and assumed
construction waste replace its product's values, and its installation date sets the period
over which B4 replacements are counted. A change to an element of an active source file
makes the building's results stale, so processing recalculates them.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from matbank.auth.principal import Principal
from matbank.buildings.dirty import mark_dirty
from matbank.db import utcnow
from matbank.elements.models import Element
from matbank.elements.repository import ElementRepository
from matbank.elements.schemas import ElementOverrides, ElementOverridesPatch
from matbank.errors import NotFound
from matbank.files import lifecycle
from matbank.files.lifecycle import FileType
from matbank.files.service import get_file, writable_file

#: Wire field → element column.
COLUMNS = {
    "reuse": "reuse",
    "available_for_reuse": "available_for_reuse",
    "lifespan": "lifespan",
    "assumed_construction_waste": "construction_waste",
    "installation_date": "installation_date",
}


def overrides_of(element: Element) -> ElementOverrides:
    values: dict[str, Any] = {field: getattr(element, column) for field, column in COLUMNS.items()}
    return ElementOverrides(id=element.element_id, building_file_id=element.file_id, **values)


def get_overrides(
    session: Session, principal: Principal, building_id: uuid.UUID, file_id: uuid.UUID,
    element_id: str,
) -> ElementOverrides:
    get_file(session, principal, building_id, file_id)
    return overrides_of(_element(session, file_id, element_id))


def patch_overrides(
    session: Session, principal: Principal, building_id: uuid.UUID, file_id: uuid.UUID,
    element_id: str, patch: ElementOverridesPatch,
) -> ElementOverrides:
    """Apply a merge patch (fields left out are kept, nulls clear) to one element.

    Needs a writing permission (Manager and above) on the building; the file must not be
    in the middle of an import or refinement. The building is marked dirty when the element
    belongs to an active source file, so its results are recalculated.
    """
    building_file = writable_file(session, principal, building_id, file_id)
    lifecycle.require(
        "edit_overrides", building_file.status, f"file '{building_file.name}' ({file_id})"
    )
    element = _element(session, file_id, element_id)
    changes = {COLUMNS[name]: getattr(patch, name) for name in patch.model_fields_set}
    changed = {k: v for k, v in changes.items() if getattr(element, k) != v}
    for column, value in changed.items():
        setattr(element, column, value)
    if changed:
        building_file.last_modified_date = utcnow()
        session.flush()
        if building_file.is_active and building_file.file_type == FileType.SOURCE.value:
            mark_dirty(session, building_id)
    return overrides_of(element)


def _element(session: Session, file_id: uuid.UUID, element_id: str) -> Element:
    element = ElementRepository(session).get(file_id, element_id)
    if element is None:
        raise NotFound(f"No element with id '{element_id}' in file {file_id}.")
    return element
