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
        seeded = seeded_database(url)
        building_id, secret = seeded["building_id"], seeded["token"]
        env = {**os.environ, "MATBANK_DATABASE_URL": url, **UNTHROTTLED}
        bare_port, matbank_port = free_port(), free_port()
        servers = [start_server("bare_app", bare_port, env),
                   start_server("matbank_app", matbank_port, env)]
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
