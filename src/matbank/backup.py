"""``matbank backup DEST`` and ``matbank restore SRC``: the database and the file store.

A backup is a folder: ``manifest.json``, the database (``database.sqlite`` made with
SQLite's online backup API, or ``database.dump`` made by ``pg_dump --format=custom``)
and ``storage/``, a copy of a ``file://`` store. An ``s3://`` store is not copied: use
the bucket's own versioning or replication (see docs/operations.md).

The database is copied first, then the files. Files are written before the rows that
name them are committed and removed only after, so a backup taken while matbank runs
may hold a few unreferenced files, and a file removed between the two steps can be
missing; stop the workers and servers for an exact copy.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from matbank import __version__
from matbank.config import Settings

MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite"
PG_FILE = "database.dump"
STORAGE_DIR = "storage"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why."""


@dataclass(frozen=True)
class Manifest:
    matbank_version: str
    created_at: str
    database: str  # "sqlite" or "postgresql"
    database_file: str
    storage_files: int
    storage_bytes: int
    storage_copied: bool


def backup(settings: Settings, dest: Path) -> Manifest:
    """Write a backup of the database and the file store into the new folder ``dest``."""
    if dest.exists() and any(dest.iterdir()):
        raise BackupError(f"{dest} exists and is not empty")
    dest.mkdir(parents=True, exist_ok=True)
    url = settings.sqlalchemy_url
    if url.startswith("sqlite"):
        kind, name = "sqlite", SQLITE_FILE
        _sqlite_copy(_sqlite_path(url), dest / name)
    else:
        kind, name = "postgresql", PG_FILE
        conninfo, schema = _pg_target(url)
        only = ["--schema", schema] if schema else []
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "-d",
                conninfo,
                *only,
                "-f",
                str(dest / name),
            ]
        )
    root = local_storage_root(settings)
    files, size = _copy_tree(root, dest / STORAGE_DIR) if root else (0, 0)
    manifest = Manifest(
        __version__, datetime.now(UTC).isoformat(), kind, name, files, size, root is not None
    )
    (dest / MANIFEST).write_text(json.dumps(asdict(manifest), indent=2), encoding="utf-8")
    return manifest


def restore(settings: Settings, src: Path) -> Manifest:
    """Replace the database and the file store with the backup in ``src``."""
    manifest = read_manifest(src)
    url = settings.sqlalchemy_url
    dialect = "sqlite" if url.startswith("sqlite") else "postgresql"
    if manifest.database != dialect:
        raise BackupError(f"the backup holds a {manifest.database} database, not {dialect}")
    if dialect == "sqlite":
        target = _sqlite_path(url)
        target.parent.mkdir(parents=True, exist_ok=True)
        _sqlite_copy(src / manifest.database_file, target)
    else:
        restore_cmd = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--exit-on-error"]
        _run([*restore_cmd, "-d", _pg_target(url)[0], str(src / manifest.database_file)])
    root = local_storage_root(settings)
    if root is not None and manifest.storage_copied:
        _replace_tree(src / STORAGE_DIR, root)
    return manifest


def read_manifest(src: Path) -> Manifest:
    try:
        data = json.loads((src / MANIFEST).read_text(encoding="utf-8"))
        return Manifest(**data)
    except (OSError, ValueError, TypeError) as exc:
        raise BackupError(f"{src} is not a matbank backup ({exc})") from exc


def local_storage_root(settings: Settings) -> Path | None:
    """The folder of a ``file://`` store; None for object storage."""
    if not settings.storage_url.startswith("file://"):
        return None
    return Path(unquote(settings.storage_url.removeprefix("file://")))


def _sqlite_path(url: str) -> Path:
    path = url.split("///", 1)[1] if "///" in url else ""
    if not path or ":memory:" in path:
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return Path(path.split("?", 1)[0])


def _sqlite_copy(source: Path, target: Path) -> None:
    """Copy with SQLite's online backup API: consistent while others read and write."""
    if not source.exists():
        raise BackupError(f"no database at {source}")
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        with dst:
            src.backup(dst)
    finally:
        src.close()
        dst.close()


def _pg_target(url: str) -> tuple[str, str | None]:
    """The libpq connection string for ``url``, and the schema when the URL pins one
    through ``options=-csearch_path=…`` (as the test suite does)."""
    plain = url.replace("postgresql+psycopg://", "postgresql://", 1)
    parts = urlsplit(plain)
    options = " ".join(parse_qs(parts.query).get("options", []))
    schema = next(
        (o.split("=", 1)[1] for o in options.split() if o.startswith("-csearch_path=")), None
    )
    return plain, schema


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (PostgreSQL client tools are needed)")
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[-2000:]}")


def _copy_tree(root: Path, target: Path) -> tuple[int, int]:
    """Copy the store's files (not the hidden partial writes); (count, bytes)."""
    target.mkdir(parents=True, exist_ok=True)
    count = size = 0
    if not root.exists():
        return 0, 0
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            copy = target / path.relative_to(root)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, copy)
            count, size = count + 1, size + path.stat().st_size
    return count, size


def _replace_tree(source: Path, root: Path) -> None:
    """Swap the store's folder for the backup's copy, keeping the old one until done."""
    staging = root.with_name(root.name + ".restoring")
    previous = root.with_name(root.name + ".before-restore")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(previous, ignore_errors=True)
    shutil.copytree(source, staging)
    if root.exists():
        root.rename(previous)
    staging.rename(root)
    shutil.rmtree(previous, ignore_errors=True)
