"""Writing many rows through one DB-API executemany stores what SQLAlchemy itself would, and
JSON columns are encoded as ``json.dumps`` would encode them."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import bindparam, insert, select, update

from matbank.commodities.models import Commodity
from matbank.databases.models import MaterialDatabase
from matbank.db import dump_json
from matbank.db_bulk import execute_many


def _database(session):
    database = MaterialDatabase(account_id=None, owner_kind="system", names={"en": "bulk"})
    session.add(database)
    session.flush()
    return database.id


def _row(database_id, external_id, **extra):
    now = datetime(2026, 11, 25, 12, 30, tzinfo=UTC)
    row = {
        "id": uuid.uuid4(), "database_id": database_id, "commodity_type": "Material",
        "external_id": external_id, "names": {"de": "Dämmung ÄÖÜ", "en": "Insulation"},
        "descriptions": {}, "is_active": True, "functional_unit": "Volume",
        "do_not_use_bill_of_materials": False,
        "calculate_environment_values_from_bill_of_materials": False,
        "available_in": None, "density": 0.1 + 0.2, "created_at": now, "updated_at": now,
    }
    return row | extra


def _read(session, database_id):
    session.expire_all()
    stmt = select(Commodity).where(Commodity.database_id == database_id)
    return {c.external_id: c for c in session.scalars(stmt)}


def test_rows_read_back_as_sqlalchemy_stores_them(session):
    database_id = _database(session)
    table = Commodity.__table__
    many = [_row(database_id, "bulk-1"), _row(database_id, "bulk-2", is_active=False)]
    execute_many(session.connection(), lambda: insert(table), many, cache_key="test.bulk")
    session.connection().execute(insert(table), [_row(database_id, "core")])
    stored = _read(session, database_id)
    for key in ("bulk-1", "core"):
        got = stored[key]
        assert got.names == {"de": "Dämmung ÄÖÜ", "en": "Insulation"} and got.density == 0.1 + 0.2
        assert got.created_at == datetime(2026, 11, 25, 12, 30, tzinfo=UTC)
        assert got.available_in is None and got.is_active is True
    assert stored["bulk-2"].is_active is False
    assert stored["bulk-1"].id == many[0]["id"]


def test_a_statement_wanting_other_parameters_than_the_rows_give_is_refused(session):
    table = Commodity.__table__
    statement = update(table).where(table.c.id == bindparam("wanted")).values(density=1.0)
    with pytest.raises(ValueError, match="parameters"):
        execute_many(session.connection(), lambda: statement, [{"external_id": "x"}],
                     cache_key="test.refused")


@pytest.mark.parametrize(
    "value",
    [
        {"phases": [{"phaseId": "A1_A3", "gwp": 219.0, "odp": 8.67e-11}], "n": None},
        {"name": "Dämmung ÄÖÜ – “quoted”"},
        {1: "integer keys"},
        {"big": 10**30},
        [1, 2.5, True, None, "x"],
    ],
)
def test_json_columns_hold_what_json_dumps_would(value):
    assert json.loads(dump_json(value)) == json.loads(json.dumps(value))


def test_json_keeps_non_ascii_text_and_refuses_timestamps():
    assert dump_json({"de": "Ä"}) == '{"de":"Ä"}'
    assert dump_json(None) == "null"
    with pytest.raises(TypeError):
        dump_json({"at": datetime(2026, 1, 1, tzinfo=UTC)})
