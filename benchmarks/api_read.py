"""Throughput of GET /api/v3.0/building/{id} against a bare FastAPI endpoint, same run.

Both servers are single uvicorn processes on 127.0.0.1 started with the same settings;
the load comes from a small keep-alive HTTP/1.1 client (asyncio streams, 32 connections)
so the client costs little. The matbank request includes the X-API-Key check and the
database read (SQLite under a temporary folder). The servers take turns in several short
rounds, so a change in the machine's other load falls on both alike.
Target: matbank / bare >= 0.5.

    .venv/bin/python benchmarks/api_read.py [--seconds 5] [--connections 32]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import UNTHROTTLED, free_port, seeded_database, start_server  # noqa: E402


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


ROUNDS = 4


async def _load(
    port: int, path: str, headers: dict[str, str], seconds: float, connections: int
) -> tuple[int, float]:
    """Requests answered and seconds taken, ``connections`` clients for ``seconds``."""
    lines = [f"GET {path} HTTP/1.1", "Host: 127.0.0.1"] + [f"{k}: {v}" for k, v in headers.items()]
    request = ("\r\n".join(lines) + "\r\n\r\n").encode()
    counts: list[int] = []
    start = time.perf_counter()
    await asyncio.gather(
        *[_connection(port, request, start + seconds, counts) for _ in range(connections)]
    )
    return sum(counts), time.perf_counter() - start


def _throughputs(
    targets: dict[str, tuple[int, str, dict[str, str]]], seconds: float, connections: int
) -> dict[str, float]:
    """Requests per second of each target; after a warm-up they take turns in ``ROUNDS``
    rounds (the order rotating), each round a share of ``seconds``."""
    for port, path, headers in targets.values():
        asyncio.run(_load(port, path, headers, 0.5, 4))
    done = dict.fromkeys(targets, 0)
    taken = dict.fromkeys(targets, 0.0)
    names = list(targets)
    for round_number in range(ROUNDS):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            port, path, headers = targets[name]
            count, elapsed = asyncio.run(_load(port, path, headers, seconds / ROUNDS, connections))
            done[name] += count
            taken[name] += elapsed
    return {name: done[name] / taken[name] for name in names}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        seeded = seeded_database(url)
        building_id, key = seeded["building_id"], {"X-API-Key": seeded["token"]}
        env = {**os.environ, "MATBANK_DATABASE_URL": url, **UNTHROTTLED}
        bare_port, matbank_port = free_port(), free_port()
        servers: list[subprocess.Popen[bytes]] = []
        try:  # a server that started is stopped even when the other one does not start
            servers.append(start_server("bare_app", bare_port, env))
            servers.append(start_server("matbank_app", matbank_port, env))
            rates = _throughputs(
                {
                    "bare": (bare_port, "/constant", {}),
                    "ours": (matbank_port, f"/api/v3.0/building/{building_id}", key),
                    "health": (matbank_port, "/healthz", {}),
                },
                args.seconds,
                args.connections,
            )
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=10)
    bare, ours, health = rates["bare"], rates["ours"], rates["health"]
    print(f"bare FastAPI constant endpoint : {bare:9.0f} requests/s")
    print(f"matbank GET building (token+db): {ours:9.0f} requests/s")
    print(f"matbank GET /healthz (no token): {health:9.0f} requests/s")
    print(f"ratio matbank / bare           : {ours / bare:9.2f}  (target >= 0.50)")
    print(f"ratio matbank / own healthz    : {ours / health:9.2f}  (the cost of token + read)")


if __name__ == "__main__":
    main()
