"""``matbank db``: import a database file, export a database as our CSV."""

from __future__ import annotations

import sys
import time
import uuid
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy.orm import Session

from matbank.config import Settings
from matbank.databases import imports
from matbank.databases.bulk import ImportReport
from matbank.db import build_engine, build_sessionmaker, session_scope
from matbank.errors import MatbankError

db_app = typer.Typer(help="Import and export material databases.", no_args_is_help=True)
console = Console(stderr=True)
MAX_REPORTED_ROWS = 50


def install_generic_database(session: Session) -> ImportReport:
    """Used by ``matbank init``: create or refresh the generic database."""
    return imports.install_generic(session)


@db_app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    database: Annotated[
        uuid.UUID | None, typer.Option("--database", help="Id of the database to import into.")
    ] = None,
    new: Annotated[
        str | None, typer.Option("--new", help="Create a database with this name and import.")
    ] = None,
    account: Annotated[
        uuid.UUID | None, typer.Option(help="Account owning a --new database (default: first).")
    ] = None,
) -> None:
    """Import an EPEA/Madaster workbook, an ÖKOBAUDAT CSV export or a commodity CSV.

    Commodities are matched on their external id, so importing a file twice changes nothing.
    Rows that cannot be read are listed with their row number; the others are imported.
    """
    if (database is None) == (new is None):
        raise typer.BadParameter("give exactly one of --database ID or --new NAME")
    started = time.perf_counter()
    try:
        kind = imports.detect_format(file)
        with session_scope(build_sessionmaker(build_engine(Settings().sqlalchemy_url))) as session:
            target = database or imports.new_database(session, new or "", account).id
            with _progress(file.name, imports.count_rows(file, kind)) as advance:
                report = imports.import_file(session, target, file, progress=advance)
    except MatbankError as error:
        console.print(f"[red]error:[/red] {error.detail}")
        raise typer.Exit(code=2) from None
    _print_report(report, target, time.perf_counter() - started)


class _progress:
    """A rich progress bar whose ``advance(n)`` is handed to the importer."""

    def __init__(self, label: str, total: int | None) -> None:
        self.bar = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            disable=not sys.stderr.isatty(),
        )
        self.task = self.bar.add_task(f"importing {label}", total=total)

    def __enter__(self):  # noqa: ANN204 - returns the advance callback
        self.bar.start()
        return lambda n: self.bar.advance(self.task, n)

    def __exit__(self, *exc: object) -> None:
        self.bar.stop()


def _print_report(report: ImportReport, database_id: uuid.UUID, seconds: float) -> None:
    typer.echo(
        f"database {database_id}: {report.created} created, {report.updated} updated, "
        f"{len(report.errors)} row(s) refused, {report.terms_skipped} duplicate matching "
        f"term(s) skipped ({seconds:.2f} s)"
    )
    for error in report.errors[:MAX_REPORTED_ROWS]:
        typer.echo(f"  row {error.row}: {error.reason}")
    if len(report.errors) > MAX_REPORTED_ROWS:
        typer.echo(f"  ... and {len(report.errors) - MAX_REPORTED_ROWS} more")


@db_app.command("export")
def export_command(
    database: Annotated[uuid.UUID, typer.Option("--database", help="Id of the database.")],
    file: Annotated[Path, typer.Argument(dir_okay=False, help="CSV file to write.")],
) -> None:
    """Write a database's active commodities as a commodity CSV (docs/commodity-csv.md)."""
    try:
        sessions = build_sessionmaker(build_engine(Settings().sqlalchemy_url))
        with session_scope(sessions, write=False) as session:
            temporary = file.with_name(f".{file.name}.tmp")
            with temporary.open("w", encoding="utf-8", newline="") as stream:
                count = imports.export_csv(session, database, stream)
            temporary.replace(file)
    except MatbankError as error:
        console.print(f"[red]error:[/red] {error.detail}")
        raise typer.Exit(code=2) from None
    typer.echo(f"wrote {count} commodities to {file}")
