"""Importing files into a database, exporting it as our CSV, and installing the generic
database shipped with matbank."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import IO

from sqlalchemy import select
from sqlalchemy.orm import Session

from matbank.accounts.repository import AccountRepository
from matbank.commodities.models import Commodity, CommodityLca, MatchingTerm
from matbank.databases.bulk import ImportReport, import_records
from matbank.databases.catalogue import GENERIC_DATABASE_ID, GENERIC_EXTERNAL_ID
from matbank.databases.export import export_rows
from matbank.databases.models import MaterialDatabase
from matbank.databases.repository import ACCOUNT, SYSTEM
from matbank.errors import InvalidRequest, NotFound
from matbank.importers import commodity_csv, database_workbook, oekobaudat
from matbank.importers.commodity_records import CommodityRecord, RowError

WORKBOOK, OEKOBAUDAT, COMMODITY_CSV = "workbook", "oekobaudat", "commodity-csv"
#: Two generic materials carry the ids the published Madaster example adds as children.
PUBLISHED_IDS = {
    "mb-concrete-c30-37": uuid.UUID("b499c354-fa05-4fc5-8ee4-8df89d09da4a"),
    "mb-steel-rebar": uuid.UUID("fafe6a22-b9c0-4062-a7bb-0c8ffce68cb2"),
}
GENERIC_NAMES = {
    "en": "matbank generic materials",
    "nl": "matbank generieke materialen",
    "de": "matbank generische Materialien",
}


def detect_format(path: Path) -> str:
    """Which reader a file needs, from its extension and first line."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return WORKBOOK
    with path.open("rb") as fh:
        first = fh.readline()
    if first.lstrip(b"\xef\xbb\xbf").startswith(b"external_id,"):
        return COMMODITY_CSV
    if b";" in first and b"UUID" in first:
        return OEKOBAUDAT
    raise InvalidRequest(
        f"{path.name}: not a database workbook (.xlsx), an ÖKOBAUDAT export or a commodity CSV."
    )


def read_records(path: Path, kind: str | None = None) -> Iterator[CommodityRecord | RowError]:
    kind = kind or detect_format(path)
    if kind == WORKBOOK:
        yield from database_workbook.read(path)
        return
    encoding = oekobaudat.ENCODING if kind == OEKOBAUDAT else "utf-8-sig"
    with path.open(encoding=encoding, newline="") as stream:
        reader = oekobaudat.read if kind == OEKOBAUDAT else commodity_csv.read
        yield from reader(stream)


def count_rows(path: Path, kind: str) -> int | None:
    """Data rows of a CSV (for a progress bar); None for workbooks."""
    if kind == WORKBOOK:
        return None
    with path.open("rb") as fh:
        return max(0, sum(1 for _ in fh) - 1)


def import_file(
    session: Session,
    database_id: uuid.UUID,
    path: Path,
    *,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    if session.get(MaterialDatabase, database_id) is None:
        raise NotFound(f"No database with id {database_id}.")
    return import_records(session, database_id, read_records(path), progress=progress)


def new_database(session: Session, name: str, account_id: uuid.UUID | None) -> MaterialDatabase:
    """An account-level database for an import (the only or given account owns it)."""
    repo = AccountRepository(session)
    account = repo.get(account_id) if account_id else repo.first()
    if account is None:
        raise NotFound("No account to own the new database; run 'matbank init' first.")
    database = MaterialDatabase(
        account_id=account.id,
        owner_kind=ACCOUNT,
        owner_id=account.id,
        names={"en": name[:400]},
        is_available_for_everybody=False,
    )
    session.add(database)
    session.flush()
    return database


def export_csv(session: Session, database_id: uuid.UUID, stream: IO[str]) -> int:
    """Write the database's active commodities as our CSV; returns the number of rows."""
    database = session.get(MaterialDatabase, database_id)
    if database is None:
        raise NotFound(f"No database with id {database_id}.")
    return commodity_csv.write(stream, export_rows(session, database))


def generic_id(external_id: str) -> uuid.UUID:
    """Stable ids for the generic database, so every installation shares them."""
    return PUBLISHED_IDS.get(external_id) or uuid.uuid5(GENERIC_DATABASE_ID, external_id)


def install_generic(session: Session) -> ImportReport:
    """Create or refresh the system's generic database from the shipped CSV (idempotent)."""
    database = session.get(MaterialDatabase, GENERIC_DATABASE_ID)
    if database is None:
        database = MaterialDatabase(id=GENERIC_DATABASE_ID, account_id=None, owner_kind=SYSTEM)
        session.add(database)
    database.external_id = GENERIC_EXTERNAL_ID
    database.names = GENERIC_NAMES
    database.description = {
        "en": "Generic construction materials and products with densities, circularity, "
        "EN 15804 indicators and matching terms; every figure cites its source."
    }
    database.initially_selected_for_enrichment = True
    database.is_available_for_everybody = True
    session.flush()
    source = resources.files("matbank.data").joinpath("generic_materials.csv")
    with source.open(encoding="utf-8", newline="") as stream:
        return import_records(
            session, GENERIC_DATABASE_ID, commodity_csv.read(stream), id_for=generic_id
        )


def generic_counts(session: Session) -> tuple[int, int, int]:
    """(commodities, LCAs, matching terms) of the generic database."""
    ids = select(Commodity.id).where(Commodity.database_id == GENERIC_DATABASE_ID)
    commodities = len(session.scalars(ids).all())
    lcas = len(
        session.scalars(select(CommodityLca.id).where(CommodityLca.commodity_id.in_(ids))).all()
    )
    terms = len(
        session.scalars(
            select(MatchingTerm.id).where(MatchingTerm.database_id == GENERIC_DATABASE_ID)
        ).all()
    )
    return commodities, lcas, terms
