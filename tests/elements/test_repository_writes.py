"""The element upsert through one executemany: defaults, replacement and mixed rows, on
SQLite and PostgreSQL."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select, text
from tests.factories import world

from matbank.elements.models import Element
from matbank.elements.repository import ElementRepository
from matbank.files.models import BuildingFile


@pytest.fixture
def file_id(session):
    w = world(session)
    source = BuildingFile(account_id=w.account_id, building_id=w.building.id, name="api",
                          file_type="Source", status="Importing")
    session.add(source)
    session.flush()
    return source.id


def _stored(session, file_id):
    session.expire_all()
    rows = session.scalars(select(Element).where(Element.file_id == file_id)).all()
    return {e.element_id: e for e in rows}


def test_columns_a_row_does_not_name_get_their_defaults(session, file_id):
    ElementRepository(session).upsert_many([
        {"file_id": file_id, "element_id": "w1", "position": 1, "name": "Wall",
         "weight": 12.5, "building_numbers": [{"buildingNumber": "A", "ratio": 1.0}]},
        {"file_id": file_id, "element_id": "w2", "position": 2},  # names fewer columns
    ])
    stored = _stored(session, file_id)
    assert stored["w1"].weight == 12.5 and stored["w2"].weight is None
    assert stored["w1"].building_numbers == [{"buildingNumber": "A", "ratio": 1.0}]
    assert stored["w2"].name is None and stored["w2"].connection_type == "Unknown"
    # Columns nobody named are SQL NULL, not the JSON text 'null'.
    nulls = session.execute(
        text("SELECT count(*) FROM elements WHERE file_id = :f AND match_info IS NULL"
             " AND building_numbers IS NULL"),
        {"f": file_id.hex if session.bind.dialect.name == "sqlite" else file_id},
    ).scalar()
    assert nulls == 1


def test_a_replaced_element_keeps_its_position_and_loses_its_link(session, file_id):
    repo = ElementRepository(session)
    commodity = uuid.uuid4()
    repo.upsert_many([{"file_id": file_id, "element_id": "w1", "position": 7, "name": "Old",
                       "commodity_id": commodity, "mass": 3.0}])
    assert _stored(session, file_id)["w1"].commodity_id == commodity
    repo.upsert_many([{"file_id": file_id, "element_id": "w1", "position": 99, "name": "New"}])
    replaced = _stored(session, file_id)["w1"]
    assert (replaced.name, replaced.position) == ("New", 7)
    assert replaced.commodity_id is None and replaced.mass is None
    assert repo.count(file_id) == 1


def test_overlong_texts_in_a_batch_are_fitted(session, file_id):
    ElementRepository(session).upsert_many([
        {"file_id": file_id, "element_id": "w1", "name": "n" * 1000},
        {"file_id": file_id, "element_id": "w2", "name": "short", "floor": "f" * 300},
    ])
    stored = _stored(session, file_id)
    assert len(stored["w1"].name) == 400 and stored["w2"].name == "short"
    assert len(stored["w2"].floor) == 200
