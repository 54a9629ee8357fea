"""A throw-away matbank: a fresh SQLite database and file store, seeded by the real CLI
(``migrate``, ``init``), served by uvicorn on a free loopback port with its job worker."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

BIN = Path(sys.executable).parent
_TOKEN_LINE = re.compile(r"^\s+([0-9a-f]{32})\s*$", re.MULTILINE)


@dataclass(frozen=True)
class RunningServer:
    base_url: str
    token: str
    folder: Path
    env: dict[str, str]

    @property
    def headers(self) -> dict[str, str]:
        return {"X-API-Key": self.token}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_env(folder: Path, port: int, **extra: str) -> dict[str, str]:
    """The environment of a matbank whose state lives entirely in ``folder``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MATBANK_")}
    env |= {
        "MATBANK_ENVIRONMENT": "development",
        "MATBANK_DATABASE_URL": f"sqlite:///{folder / 'matbank.db'}",
        "MATBANK_STORAGE_URL": f"file://{folder / 'storage'}",
        "MATBANK_HOST": "127.0.0.1",
        "MATBANK_PORT": str(port),
        "MATBANK_DOWNLOAD_SECRET": "conformance-" + "0" * 32,
        "MATBANK_RATE_LIMIT_PER_MINUTE": "0",
    }
    return env | extra


def seed(env: dict[str, str]) -> str:
    """Migrate, create the first account and return its Administrator token."""
    cli = str(BIN / "matbank")
    subprocess.run([cli, "migrate"], env=env, check=True, capture_output=True)
    out = subprocess.run([cli, "init"], env=env, check=True, capture_output=True, text=True)
    found = _TOKEN_LINE.search(out.stdout)
    if found is None:
        raise RuntimeError(f"`matbank init` printed no token:\n{out.stdout}")
    return found.group(1)


def wait_until_up(base_url: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    """Wait for ``/healthz`` to answer 200; refuse early when the process has exited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"matbank exited early with code {process.returncode}")
        try:
            if httpx.get(f"{base_url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError(f"matbank did not answer on {base_url} within {timeout} s")


@contextmanager
def running_server(**settings: str) -> Iterator[RunningServer]:
    """Seed a new matbank and serve it until the block ends; ``settings`` are extra
    ``MATBANK_*`` variables."""
    with tempfile.TemporaryDirectory(prefix="matbank-conformance-") as tmp:
        folder = Path(tmp)
        port = free_port()
        env = server_env(folder, port, **settings)
        token = seed(env)
        log = (folder / "server.log").open("wb")
        process = subprocess.Popen(
            [str(BIN / "matbank"), "serve"], env=env, stdout=log, stderr=subprocess.STDOUT
        )
        base_url = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base_url, process, timeout=90)
            yield RunningServer(base_url, token, folder, env)
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            log.close()
