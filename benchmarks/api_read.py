"""Throughput of GET /api/v3.0/building/{id} against a bare FastAPI endpoint, same run.

Both servers are single uvicorn processes on 127.0.0.1; the load comes from a small
keep-alive HTTP/1.1 client (asyncio streams, 32 connections) so the client costs little.
The matbank request includes the X-API-Key check and the database read (SQLite under a
temporary folder). Target: matbank / bare >= 0.5.

    .venv/bin/python benchmarks/api_read.py [--seconds 5] [--connections 32]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


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

    return create_app(Settings())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _prepare_database(url: str) -> tuple[str, str]:
    """Migrate a fresh database and create an account, folder, building and token."""
    os.environ["MATBANK_DATABASE_URL"] = url
    sys.path.insert(0, str(ROOT))
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
            permission=PermissionLevel.READER,
            lifespan=Lifespan.INFINITE,
            name="benchmark",
        )
        building_id, secret = str(building.id), issued.secret
    engine.dispose()
    return building_id, secret


def _start(factory: str, port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        f"benchmarks.api_read:{factory}",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    process = subprocess.Popen(cmd, cwd=ROOT, env=env)
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"{factory} did not start on port {port}")


async def _connection(port: int, request: bytes, stop_at: float, counts: list[int]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    done = errors = 0
    while time.perf_counter() < stop_at:
        writer.write(request)
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        await reader.readexactly(length)
        done += 1
        errors += status != 200
    writer.close()
    counts.append(done)
    if errors:
        raise RuntimeError(f"{errors} non-200 responses")


async def _load(
    port: int, path: str, headers: dict[str, str], seconds: float, connections: int
) -> float:
    lines = [f"GET {path} HTTP/1.1", "Host: 127.0.0.1"] + [f"{k}: {v}" for k, v in headers.items()]
    request = ("\r\n".join(lines) + "\r\n\r\n").encode()
    counts: list[int] = []
    await asyncio.gather(
        *[_connection(port, request, time.perf_counter() + 0.5, []) for _ in range(4)]
    )  # warm-up
    start = time.perf_counter()
    await asyncio.gather(
        *[_connection(port, request, start + seconds, counts) for _ in range(connections)]
    )
    return sum(counts) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        building_id, secret = _prepare_database(url)
        env = {**os.environ, "MATBANK_DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
        bare_port, matbank_port = _free_port(), _free_port()
        servers = [_start("bare_app", bare_port, env), _start("matbank_app", matbank_port, env)]
        try:
            bare = asyncio.run(_load(bare_port, "/constant", {}, args.seconds, args.connections))
            ours = asyncio.run(
                _load(
                    matbank_port,
                    f"/api/v3.0/building/{building_id}",
                    {"X-API-Key": secret},
                    args.seconds,
                    args.connections,
                )
            )
            health = asyncio.run(
                _load(matbank_port, "/healthz", {}, args.seconds, args.connections)
            )
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=10)
    print(f"bare FastAPI constant endpoint : {bare:9.0f} requests/s")
    print(f"matbank GET building (token+db): {ours:9.0f} requests/s")
    print(f"matbank GET /healthz (no token): {health:9.0f} requests/s")
    print(f"ratio matbank / bare           : {ours / bare:9.2f}  (target >= 0.50)")
    print(f"ratio matbank / own healthz    : {ours / health:9.2f}  (the cost of token + read)")


if __name__ == "__main__":
    main()
