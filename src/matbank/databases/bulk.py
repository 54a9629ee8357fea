"""Writing imported commodity records into a database in bulk, idempotently.

Records are matched on their external id among the database's active commodities: a known
one is replaced (with its LCAs and matching terms), a new one inserted. Rows that cannot be
stored are reported with their row number; the rest is written. Matching terms already
used in the database by another commodity are skipped and counted.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from matbank.calculations.bom import resolve_bill_of_materials
from matbank.calculations.errors import BillOfMaterialsError
from matbank.commodities.calculated import load_catalogue
from matbank.commodities.models import (
    Commodity,
    CommodityChild,
    CommodityLca,
    MatchingTerm,
    compliance_key,
)
from matbank.databases.catalogue import normalise_family
from matbank.db import utcnow
from matbank.db_bulk import execute_many
from matbank.importers.commodity_records import CommodityRecord, RowError

BATCH = 500
TermKey = tuple[str, str, str]


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    terms_skipped: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.created + self.updated


@dataclass
class _State:
    database_id: uuid.UUID
    id_for: Callable[[str], uuid.UUID]
    existing: dict[str, uuid.UUID]
    taken: dict[TermKey, uuid.UUID]
    report: ImportReport = field(default_factory=ImportReport)
    rows: dict[str, int] = field(default_factory=dict)
    children: dict[str, list[Any]] = field(default_factory=dict)


def import_records(
    session: Session,
    database_id: uuid.UUID,
    records: Iterable[CommodityRecord | RowError],
    *,
    id_for: Callable[[str], uuid.UUID] | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Write ``records`` into the database; returns what was created, updated and refused."""
    state = _State(
        database_id=database_id,
        id_for=id_for or (lambda _ext: uuid.uuid4()),
        existing=_active_external_ids(session, database_id),
        taken=_terms_in_use(session, database_id),
    )
    pending: list[CommodityRecord] = []
    for item in records:
        if progress is not None:
            progress(1)
        if isinstance(item, RowError):
            state.report.errors.append(item)
            continue
        try:
            _normalise(item)
        except ValueError as exc:
            state.report.errors.append(RowError(item.row, str(exc)))
            continue
        pending.append(item)
        if len(pending) >= BATCH:
            _write_batch(session, state, pending)
            pending = []
    _write_batch(session, state, pending)
    _write_children(session, state)
    session.flush()
    state.report.errors.sort(key=lambda e: e.row)
    return state.report


def _active_external_ids(session: Session, database_id: uuid.UUID) -> dict[str, uuid.UUID]:
    stmt = select(Commodity.external_id, Commodity.id).where(
        Commodity.database_id == database_id,
        Commodity.is_active.is_(True),
        Commodity.external_id.is_not(None),
    )
    return {ext: cid for ext, cid in session.execute(stmt).all()}


def _terms_in_use(session: Session, database_id: uuid.UUID) -> dict[TermKey, uuid.UUID]:
    stmt = select(
        MatchingTerm.match_type,
        MatchingTerm.language_key,
        MatchingTerm.value,
        MatchingTerm.commodity_id,
    ).where(MatchingTerm.database_id == database_id)
    return {(t, lang, v): cid for t, lang, v, cid in session.execute(stmt).all()}


def _family(family: str, value: str) -> tuple[str, str | None]:
    """Normalise a family value; an unknown NL-SfB sub-group falls back to its main group."""
    try:
        return normalise_family(family, value)
    except ValueError:
        return normalise_family(family, value.strip()[:1])


def _normalise(record: CommodityRecord) -> None:
    families = record.material_families
    if isinstance(families, dict):
        record.material_families = dict(_family(k, v) for k, v in families.items() if v) or None
    elif families:
        result = []
        for family in families:
            values: dict[str, float] = {}
            key = family["familyId"]
            for code, share in family["values"].items():
                key, value = _family(family["familyId"], code)
                values[value or code] = values.get(value or code, 0.0) + share
            result.append({"familyId": key, "values": values})
        record.material_families = result


def _columns(
    record: CommodityRecord, commodity_id: uuid.UUID, database_id: uuid.UUID, now: datetime
) -> dict[str, Any]:
    is_product = record.commodity_type == "Product"
    return {
        "id": commodity_id,
        "database_id": database_id,
        "commodity_type": record.commodity_type,
        "external_id": record.external_id,
        "names": record.names,
        "descriptions": record.descriptions,
        "is_active": True,
        "available_in": None,
        "functional_unit": record.functional_unit if is_product else "Volume",
        "default_functional_unit_amount": record.default_amount if is_product else None,
        "fixed_height": record.dimensions.get("fixedHeight"),
        "fixed_area": record.dimensions.get("fixedArea"),
        "product_code": None,
        "gtin": None,
        "manufacturer": None,
        "production_site": None,
        "supplier": None,
        "url": None,
        "scaling": None,
        "lifespan": record.lifespan,
        "density": record.density,
        "weight": record.weight if is_product else None,
        "do_not_use_bill_of_materials": record.do_not_use_bill_of_materials,
        "calculate_environment_values_from_bill_of_materials": False,
        "circularity": record.circularity,
        "material_families": record.material_families,
        "sources": record.sources or None,
        "created_at": now,
        "updated_at": now,
    }


def _insert(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    """A plain executemany on the table (no ORM bookkeeping: these rows are not loaded)."""
    table = model.__table__
    execute_many(
        session.connection(), lambda: insert(table), rows, cache_key=("import", table.name)
    )


def _write_batch(session: Session, state: _State, records: list[CommodityRecord]) -> None:
    if not records:
        return
    new_rows, changed_rows = [], []
    ids: dict[str, uuid.UUID] = {}
    now = utcnow()
    for record in records:
        known = state.existing.get(record.external_id)
        if known is None:
            known = state.id_for(record.external_id)
            new_rows.append(_columns(record, known, state.database_id, now))
        else:
            columns = _columns(record, known, state.database_id, now)
            columns.pop("created_at")
            changed_rows.append(columns)
        ids[record.external_id] = known
        state.existing[record.external_id] = known
        state.rows[record.external_id] = record.row
        if record.children:
            state.children[record.external_id] = record.children
    _replace_rows(session, state, new_rows, changed_rows)
    _insert_lcas(session, records, ids)
    _insert_terms(session, state, records, ids)
    state.report.created += len(new_rows)
    state.report.updated += len(changed_rows)


def _replace_rows(
    session: Session,
    state: _State,
    new_rows: list[dict[str, Any]],
    changed_rows: list[dict[str, Any]],
) -> None:
    if new_rows:
        _insert(session, Commodity, new_rows)
    if changed_rows:
        changed = [row["id"] for row in changed_rows]
        session.execute(update(Commodity), changed_rows)
        session.execute(delete(CommodityLca).where(CommodityLca.commodity_id.in_(changed)))
        session.execute(delete(MatchingTerm).where(MatchingTerm.commodity_id.in_(changed)))
        gone = set(changed)
        state.taken = {k: v for k, v in state.taken.items() if v not in gone}


def _insert_lcas(
    session: Session, records: list[CommodityRecord], ids: dict[str, uuid.UUID]
) -> None:
    rows = []
    for record in records:
        seen: set[tuple[str, str]] = set()
        for lca in record.lcas:
            key = (lca["isoCode"], compliance_key(lca.get("compliance")))
            if key in seen:
                continue
            seen.add(key)
            rows.append(
                {
                    "id": uuid.uuid4(),
                    "commodity_id": ids[record.external_id],
                    "iso_code": key[0],
                    "compliance_key": key[1],
                    "body": lca,
                }
            )
    if rows:
        _insert(session, CommodityLca, rows)


def _insert_terms(
    session: Session, state: _State, records: list[CommodityRecord], ids: dict[str, uuid.UUID]
) -> None:
    rows = []
    for record in records:
        commodity_id = ids[record.external_id]
        for term in record.terms:
            value = term.value.strip()[:400]
            key = (term.match_type, term.language or "", value)
            if not value or key in state.taken:
                state.report.terms_skipped += int(state.taken.get(key) != commodity_id)
                continue
            state.taken[key] = commodity_id
            rows.append(
                {
                    "id": uuid.uuid4(),
                    "commodity_id": commodity_id,
                    "database_id": state.database_id,
                    "value": value,
                    "match_type": term.match_type,
                    "language": term.language,
                    "language_key": term.language or "",
                    "match_on_type_name": None,
                }
            )
    if rows:
        _insert(session, MatchingTerm, rows)


def _write_children(session: Session, state: _State) -> None:
    """Bills of materials last, once every child exists; a line naming an unknown child, or a
    tree that would contain a cycle, drops that product's bill of materials with a report."""
    for parent_ext, lines in state.children.items():
        parent_id = state.existing[parent_ext]
        row = state.rows[parent_ext]
        session.execute(delete(CommodityChild).where(CommodityChild.parent_id == parent_id))
        missing = [
            line.child_external_id for line in lines if line.child_external_id not in state.existing
        ]
        if missing:
            state.report.errors.append(RowError(row, f"unknown child external id '{missing[0]}'"))
            continue
        _insert(
            session,
            CommodityChild,
            [
                {
                    "id": uuid.uuid4(),
                    "parent_id": parent_id,
                    "child_id": state.existing[line.child_external_id],
                    "basis": line.basis,
                    "quantity": line.quantity,
                    "override_circularity": None,
                    "position": position,
                }
                for position, line in enumerate(lines)
            ],
        )
        _check_tree(session, state, parent_id, row)


def _check_tree(session: Session, state: _State, parent_id: uuid.UUID, row: int) -> None:
    parent = session.get(Commodity, parent_id)
    assert parent is not None
    try:
        resolve_bill_of_materials(str(parent_id), load_catalogue(session, parent))
    except BillOfMaterialsError as exc:
        session.execute(delete(CommodityChild).where(CommodityChild.parent_id == parent_id))
        state.report.errors.append(RowError(row, f"bill of materials not stored: {exc}"))
