"""Operator commands: ``matbank backup``, ``matbank restore`` and ``matbank audit``."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from matbank.audit.repository import AuditRepository
from matbank.backup import BackupError, backup, restore
from matbank.config import Settings
from matbank.db import build_engine, build_sessionmaker, session_scope

console = Console()


def backup_command(
    dest: Annotated[Path, typer.Argument(help="A new (or empty) folder for the backup.")],
) -> None:
    """Back up the database and the file store into DEST (the server may keep running)."""
    try:
        manifest = backup(Settings(), dest)
    except BackupError as error:
        console.print(f"[red]error:[/red] {error}")
        raise typer.Exit(code=2) from None
    stored = (
        f"{manifest.storage_files} files, {manifest.storage_bytes} bytes"
        if manifest.storage_copied
        else "object storage not copied (use the bucket's versioning)"
    )
    console.print(f"backed up the {manifest.database} database and {stored} to {dest}")


def restore_command(
    src: Annotated[Path, typer.Argument(help="A folder written by `matbank backup`.")],
    yes: Annotated[
        bool, typer.Option("--yes", help="Replace the current data without asking.")
    ] = False,
) -> None:
    """Replace the database and the file store with a backup; stop servers and workers first,
    and run `matbank migrate` afterwards when the backup comes from an older version."""
    if not yes and not typer.confirm(f"replace ALL current data with the backup in {src}?"):
        raise typer.Exit(code=1)
    try:
        manifest = restore(Settings(), src)
    except BackupError as error:
        console.print(f"[red]error:[/red] {error}")
        raise typer.Exit(code=2) from None
    console.print(
        f"restored the {manifest.database} database of {manifest.created_at} "
        f"(matbank {manifest.matbank_version}); now run `matbank migrate`"
    )


def audit_command(
    account: Annotated[uuid.UUID | None, typer.Option(help="Only this account's writes.")] = None,
    since: Annotated[
        datetime | None, typer.Option(help="Only writes at or after this time (ISO-8601).")
    ] = None,
    take: Annotated[int, typer.Option(min=1, max=10_000, help="At most this many.")] = 50,
) -> None:
    """Show the newest writes: when, who (token), what and the resulting status."""
    settings = Settings()
    sessions = build_sessionmaker(build_engine(settings.sqlalchemy_url))
    table = Table("at", "account", "token", "method", "path", "status", "ms")
    with session_scope(sessions, write=False) as session:
        events = AuditRepository(session).page(account, since=_utc(since), skip=0, take=take)
        for e in events:
            table.add_row(
                e.at.isoformat(timespec="seconds"),
                str(e.account_id or "-"),
                str(e.token_id or "-"),
                e.method,
                e.path,
                str(e.status),
                str(e.duration_ms),
            )
    console.print(table)


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)
