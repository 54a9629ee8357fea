"""Backup and restore of the database and the file store, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from matbank.accounts.schemas import AccountType
from matbank.accounts.service import create_account
from matbank.backup import BackupError, backup, read_manifest, restore
from matbank.cli import app
from matbank.config import Settings, normalise_database_url
from matbank.db import session_scope
from matbank.storage import LocalStorage

TABLES = ("accounts", "folder_types", "api_tokens", "audit_events")


@pytest.fixture
def live(durable_database_url, durable_session_factory, tmp_path):
    settings = Settings(
        environment="test",
        database_url=durable_database_url,
        storage_url=f"file://{tmp_path / 'store'}",
    )
    return settings, durable_session_factory, LocalStorage(tmp_path / "store")


def snapshot(settings: Settings, storage_root: Path) -> dict[str, object]:
    """Every row of the tables that matter and every stored file, comparable with ==."""
    engine = create_engine(normalise_database_url(settings.database_url))
    with engine.connect() as conn:
        rows = {
            t: sorted(map(tuple, conn.execute(text(f"SELECT * FROM {t}")).all()), key=repr)
            for t in TABLES
        }
    engine.dispose()
    files = {
        str(p.relative_to(storage_root)): p.read_bytes()
        for p in storage_root.rglob("*")
        if p.is_file()
    }
    return {"rows": rows, "files": files}


def put(storage: LocalStorage, key: str, data: bytes) -> None:
    writer = storage.open_write(key)
    writer.write(data)
    writer.commit()


def test_backup_then_change_then_restore_gives_back_the_backed_up_state(live, tmp_path):
    settings, sessions, storage = live
    with session_scope(sessions) as session:
        create_account(session, "Kept", AccountType.GENERAL)
    put(storage, "buildings/a/kept.ifc", b"ISO-10303-21; kept")
    put(storage, "buildings/a/removed-later.ifc", b"old")
    before = snapshot(settings, storage.root)

    manifest = backup(settings, tmp_path / "backup")
    assert manifest.storage_files == 2 and manifest.storage_copied
    with session_scope(sessions) as session:
        create_account(session, "Added after the backup", AccountType.GENERAL)
    storage.delete("buildings/a/removed-later.ifc")
    put(storage, "buildings/b/new.ifc", b"new")
    assert snapshot(settings, storage.root) != before

    restore(settings, tmp_path / "backup")
    assert snapshot(settings, storage.root) == before


def test_backup_refuses_a_non_empty_destination_and_restore_a_non_backup(live, tmp_path):
    settings, _, _ = live
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "something").write_text("x")
    with pytest.raises(BackupError, match="not empty"):
        backup(settings, tmp_path / "full")
    with pytest.raises(BackupError, match="not a matbank backup"):
        restore(settings, tmp_path / "full")


def test_cli_backup_and_restore(tmp_path, monkeypatch):
    monkeypatch.setenv("MATBANK_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("MATBANK_STORAGE_URL", f"file://{tmp_path / 'store'}")
    runner = CliRunner()
    assert runner.invoke(app, ["migrate"]).exit_code == 0
    assert runner.invoke(app, ["init", "--name", "Before"]).exit_code == 0
    made = runner.invoke(app, ["backup", str(tmp_path / "b")])
    assert made.exit_code == 0, made.output
    assert read_manifest(tmp_path / "b").database == "sqlite"
    assert runner.invoke(app, ["init", "--name", "After"]).exit_code == 0
    assert runner.invoke(app, ["restore", str(tmp_path / "b")], input="n\n").exit_code == 1
    done = runner.invoke(app, ["restore", str(tmp_path / "b"), "--yes"])
    assert done.exit_code == 0, done.output
    engine = create_engine(f"sqlite:///{tmp_path / 'cli.db'}")
    with engine.connect() as conn:
        names = conn.execute(text("SELECT name FROM accounts")).scalars().all()
    engine.dispose()
    assert names == ["Before"]
