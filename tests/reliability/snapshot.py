"""A fingerprint of everything stored, to prove that a rejected request changed nothing."""

from __future__ import annotations

import time

from tests.reliability.cluster import Cluster

# Rows that legitimately change on any request: the audit trail of every write (rejected
# ones included), a token's last use, web sign-ins, and the schema version.
NOT_DATA = frozenset({"audit_events", "api_tokens", "web_sessions", "alembic_version"})


def data_tables(cluster: Cluster) -> list[str]:
    rows = cluster.rows(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
    )
    return [name for (name,) in rows if name not in NOT_DATA]


def fingerprint_sql(tables: list[str]) -> str:
    """One statement hashing every row of every table (order-independent)."""
    parts = [
        f"SELECT '{name}', md5(coalesce(string_agg(md5(t::text), '' ORDER BY md5(t::text)), ''))"
        f" FROM \"{name}\" t"
        for name in tables
    ]
    return " UNION ALL ".join(parts)


class Snapshot:
    """Take ``fingerprint()`` after each request; ``changed()`` names the tables whose rows
    differ from the previous fingerprint."""

    def __init__(self, cluster: Cluster) -> None:
        self.cluster = cluster
        self.sql = fingerprint_sql(data_tables(cluster))
        self.seconds = 0.0
        self.last = self.fingerprint()

    def fingerprint(self) -> dict[str, str]:
        started = time.perf_counter()
        found = dict(self.cluster.rows(self.sql))
        self.seconds += time.perf_counter() - started
        return found

    def changed(self) -> list[str]:
        now = self.fingerprint()
        differing = sorted(name for name in now if now[name] != self.last.get(name))
        self.last = now
        return differing
