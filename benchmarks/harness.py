"""What the HTTP benchmarks share: a seeded temporary database and local uvicorn servers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


#: The per-key rate limit stays on (its cost is measured) but is set far above the load.
UNTHROTTLED = {"MATBANK_RATE_LIMIT_PER_MINUTE": str(10**9), "MATBANK_RATE_LIMIT_BURST": str(10**6)}


def bare_app():  # noqa: ANN201 - an ASGI app for uvicorn's factory mode
    from fastapi import FastAPI

    app = FastAPI()

    @app.get("/constant")
    async def constant() -> dict[str, str]:
        return {"id": "00000000-0000-0000-0000-000000000000", "name": "constant"}

    return app


def matbank_app():  # noqa: ANN201
    from matbank.app import create_app
    from matbank.config import Settings

    return create_app(Settings(in_process_worker=False))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def seeded_database(url: str, level: str = "Reader") -> dict[str, str]:
    """Migrate a fresh database; create an account, folder, building and a building token."""
    os.environ["MATBANK_DATABASE_URL"] = url
    from tests.factories import add_building, add_folder

    from matbank.accounts.service import create_account
    from matbank.auth.permissions import Lifespan, PermissionLevel, ScopeKind
    from matbank.auth.service import issue_token
    from matbank.db import build_engine, build_sessionmaker, session_scope
    from matbank.migrate import upgrade

    upgrade(url)
    engine = build_engine(url)
    with session_scope(build_sessionmaker(engine)) as session:
        account = create_account(session, "Benchmark")
        building = add_building(session, add_folder(session, account.id, "Portfolio"))
        issued = issue_token(
            session,
            account_id=account.id,
            scope_kind=ScopeKind.BUILDING,
            scope_id=building.id,
            permission=PermissionLevel(level),
            lifespan=Lifespan.INFINITE,
            name="benchmark",
        )
        seeded = {
            "account_id": str(account.id),
            "building_id": str(building.id),
            "token": issued.secret,
        }
    engine.dispose()
    return seeded


def start_server(factory: str, port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """Run ``benchmarks.harness:<factory>`` in its own uvicorn process and wait for it."""
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        f"benchmarks.harness:{factory}",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    process = subprocess.Popen(cmd, cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT)})
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"{factory} did not start on port {port}")
