"""A throw-away matbank instance for benchmarks: SQLite and local storage in a temp folder.

It migrates a fresh database, installs the shipped generic material database, creates an
account with a building through the HTTP API (ASGI, in process) and runs queued jobs with
the real worker, so figures measure the service code end to end.
"""

from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy import select  # noqa: E402

from matbank.accounts.service import create_account  # noqa: E402
from matbank.app import create_app  # noqa: E402
from matbank.auth.permissions import Lifespan, PermissionLevel, ScopeKind  # noqa: E402
from matbank.auth.service import issue_token  # noqa: E402
from matbank.config import Settings  # noqa: E402
from matbank.databases.cli import install_generic_database  # noqa: E402
from matbank.db import build_engine, build_sessionmaker, session_scope  # noqa: E402
from matbank.elements.models import Element  # noqa: E402
from matbank.jobs import Worker  # noqa: E402
from matbank.migrate import upgrade  # noqa: E402

API = "/api/v3.0"
SAMPLES = ROOT.parent / "shared" / "data" / "ifc"
GENERIC_DATABASES = "00000000-0000-0000-0000-000000000000"


class Platform:
    """One account, one building, an API key, and a worker over the same database."""

    def __init__(self, folder: Path) -> None:
        url = f"sqlite:///{folder / 'matbank.db'}"
        upgrade(url)
        self.settings = Settings(
            environment="test", database_url=url, storage_url=f"file://{folder / 'storage'}"
        )
        self.sessions = build_sessionmaker(build_engine(url))
        with session_scope(self.sessions) as session:
            install_generic_database(session)
            account = create_account(session, "Benchmark")
            secret = issue_token(
                session,
                account_id=account.id,
                scope_kind=ScopeKind.ACCOUNT,
                scope_id=account.id,
                permission=PermissionLevel.ADMINISTRATOR,
                lifespan=Lifespan.ONE_YEAR,
                name="benchmark",
            ).secret
        self.headers = {"X-API-Key": secret}
        self.client = TestClient(create_app(self.settings, session_factory=self.sessions))
        self.building_id = self._building()
        self.worker = Worker(self.settings, self.sessions, self.client.app.state.storage)

    def _building(self) -> str:
        types = self.client.get(f"{API}/account/foldertypes", headers=self.headers).json()
        portfolio = next(t["id"] for t in types if t["allowbuildings"])
        folder = self.client.post(
            f"{API}/folder",
            json={"name": "Benchmarks", "parentId": GENERIC_DATABASES, "foldertypeId": portfolio},
            headers=self.headers,
        ).json()
        body = {
            "folderId": folder["id"],
            "name": "Benchmark building",
            "phase": "New",
            "completionDate": "2024-01-01T00:00:00Z",
            "buildingUsage": "offices-large",
            "grossSurfaceArea": 1000.0,
            "materialClassificationTypeId": "madaster",
        }
        return self.client.post(f"{API}/building", json=body, headers=self.headers).json()["id"]

    def file_url(self, file_id: str) -> str:
        return f"{API}/building/{self.building_id}/files/{file_id}"

    def upload(self, path: Path) -> str:
        """Create a source file and stream the model into it; returns the file id."""
        body = {"name": path.stem, "type": "Source", "preferredDatabaseIds": [GENERIC_DATABASES]}
        created = self.client.post(
            f"{API}/building/{self.building_id}/files", json=body, headers=self.headers
        ).json()
        response = self.client.post(
            f"{self.file_url(created['id'])}/upload/{path.name}",
            content=_chunks(path),
            headers={**self.headers, "content-type": "application/octet-stream"},
        )
        if response.status_code != 201:
            raise RuntimeError(f"upload of {path.name} failed: {response.text}")
        return created["id"]

    def set_account_presets(self, body: dict) -> None:
        response = self.client.put(f"{API}/account/uploadpresets", json=body, headers=self.headers)
        response.raise_for_status()

    def restart_refinement(self, file_id: str) -> None:
        response = self.client.post(
            f"{API}/building/{self.building_id}/files/restartrefinement",
            json={"fileId": file_id, "resetAllMapping": True},
            headers=self.headers,
        )
        response.raise_for_status()

    def run_one_job(self) -> bool:
        return self.worker.run_once()

    def run_jobs(self) -> None:
        while self.worker.run_once():
            pass

    def status(self, file_id: str) -> dict:
        return self.client.get(f"{self.file_url(file_id)}/status", headers=self.headers).json()

    def elements(self, file_id: str) -> list[Element]:
        """The file's stored element rows (sub-elements included), read from the database."""
        with session_scope(self.sessions, write=False) as session:
            stmt = select(Element).where(Element.file_id == uuid.UUID(file_id))
            return list(session.scalars(stmt.order_by(Element.position, Element.pk)))

    def close(self) -> None:
        self.client.close()


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            yield chunk
