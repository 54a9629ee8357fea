"""The published examples run unchanged against a real `matbank serve` (as CI runs them).

A fresh SQLite database is migrated and initialised with the CLI, the server runs in its
own process with its in-process worker, and both example scripts walk the whole flow.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MATBANK = Path(sys.executable).with_name("matbank")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    folder = tmp_path_factory.mktemp("served")
    port = _free_port()
    env = {**os.environ, "MATBANK_DATABASE_URL": f"sqlite:///{folder / 'matbank.db'}",
           "MATBANK_STORAGE_URL": f"file://{folder / 'storage'}", "MATBANK_PORT": str(port),
           "MATBANK_DOWNLOAD_SECRET": "x" * 40}
    subprocess.run([str(MATBANK), "migrate"], env=env, check=True, capture_output=True)
    init = subprocess.run([str(MATBANK), "init"], env=env, check=True, capture_output=True,
                          text=True)
    token = re.findall(r"\b[0-9a-f]{32}\b", init.stdout)[0]
    process = subprocess.Popen([str(MATBANK), "serve"], env=env, cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_listening(port)
        yield url, token
    finally:
        process.terminate()
        process.wait(timeout=20)


def _wait_until_listening(port: int, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("matbank serve did not start")


def _run(command: list[str], url: str, token: str) -> str:
    env = {**os.environ, "MATBANK_URL": url, "MATBANK_TOKEN": token}
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180,
                            cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_python_example(server):
    output = _run([sys.executable, "examples/building_flow.py"], *server)
    assert "file status: Mapped" in output and "isDirty is false" in output
    assert re.search(r"wall-1 .* linked", output)


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_curl_example(server):
    output = _run(["bash", "examples/building_flow.sh"], *server)
    assert "file status: Mapped" in output and "isDirty: False" in output
