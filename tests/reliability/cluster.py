"""Real matbank processes (``matbank serve``, ``matbank worker``) against one PostgreSQL schema
of the test's own, started and killed the way an operator (or a crash) would."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from conformance import server as conformance_server
from matbank.config import normalise_database_url
from matbank.migrate import upgrade

MATBANK = str(Path(sys.executable).with_name("matbank"))
POSTGRES_URL = os.environ.get("MATBANK_TEST_POSTGRES_URL")
_TOKEN = re.compile(r"^\s+([0-9a-f]{32})\s*$", re.MULTILINE)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def with_search_path(url: str, schema: str) -> str:
    """``url`` with every connection's search_path set to ``schema``."""
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options=-csearch_path%3D{schema}"


def create_schema() -> tuple[str, str]:
    """A new, migrated schema on the test PostgreSQL: (schema name, URL that uses it)."""
    assert POSTGRES_URL is not None
    base = normalise_database_url(POSTGRES_URL)
    schema = f"mb_reliability_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    admin.dispose()
    url = with_search_path(base, schema)
    upgrade(url)
    return schema, url


def drop_schema(schema: str) -> None:
    assert POSTGRES_URL is not None
    admin = create_engine(normalise_database_url(POSTGRES_URL))
    with admin.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    admin.dispose()


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str
    log: Path


@dataclass
class Cluster:
    """Processes sharing one database schema and one file store under ``folder``."""

    database_url: str
    folder: Path
    token: str = ""
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    _engine: Engine | None = None

    def env(self, database_url: str | None = None, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("MATBANK_")}
        return env | {
            "MATBANK_ENVIRONMENT": "test",
            "MATBANK_DATABASE_URL": database_url or self.database_url,
            "MATBANK_STORAGE_URL": f"file://{self.folder / 'storage'}",
            "MATBANK_DOWNLOAD_SECRET": "reliability-" + "0" * 32,
            "MATBANK_RATE_LIMIT_PER_MINUTE": "0",
        } | extra

    def seed(self) -> str:
        """``matbank init``: the first account and its Administrator token."""
        done = subprocess.run(
            [MATBANK, "init"], env=self.env(), check=True, capture_output=True, text=True
        )
        found = _TOKEN.search(done.stdout)
        assert found is not None, done.stdout
        self.token = found.group(1)
        return self.token

    def start_server(self, *, database_url: str | None = None, worker: bool = False) -> Server:
        port = free_port()
        command = [MATBANK, "serve", "--port", str(port)] + ([] if worker else ["--no-worker"])
        log = self.folder / f"serve-{port}.log"
        process = self._spawn(command, log, self.env(database_url))
        server = Server(process, f"http://127.0.0.1:{port}", log)
        wait_until_up(server)
        return server

    def start_worker(
        self, concurrency: int = 2, *, database_url: str | None = None
    ) -> subprocess.Popen[bytes]:
        log = self.folder / f"worker-{len(self.processes)}.log"
        command = [MATBANK, "worker", "--concurrency", str(concurrency)]
        return self._spawn(command, log, self.env(database_url))

    def _spawn(self, command: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen:
        with log.open("ab") as out:
            process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        self.processes.append(process)
        return process

    @property
    def engine(self) -> Engine:
        """A direct connection for checking what is stored (never through the API)."""
        if self._engine is None:
            self._engine = create_engine(self.database_url, pool_size=2)
        return self._engine

    def scalar(self, sql: str, **params: object) -> object:
        with self.engine.connect() as conn:
            return conn.execute(text(sql), params).scalar()

    def execute(self, sql: str, **params: object) -> int:
        """Run one statement in its own committed transaction; the rows it touched."""
        with self.engine.begin() as conn:
            return conn.execute(text(sql), params).rowcount

    def rows(self, sql: str, **params: object) -> list[tuple]:
        with self.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql), params)]

    def logs(self) -> str:
        """The tail of every process log, for a failing assertion's message."""
        parts = []
        for path in sorted(self.folder.glob("*.log")):
            parts.append(f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}")
        return "\n".join(parts)

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._engine is not None:
            self._engine.dispose()


def kill_hard(process: subprocess.Popen[bytes]) -> None:
    """``kill -9``: no clean-up, no finished transaction, like a crash or the OOM killer."""
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def wait_until_up(server: Server, timeout: float = 90.0) -> None:
    try:
        conformance_server.wait_until_up(server.url, server.process, timeout)
    except RuntimeError as error:
        raise RuntimeError(f"{error}:\n{server.log.read_text()[-3000:]}") from None


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (``share`` in 0..1) of a non-empty list."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[rank]
