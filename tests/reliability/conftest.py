"""Reliability tests run real processes against PostgreSQL only (as CI does): each test gets a
schema of its own, so parallel test workers never see each other's rows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.reliability.cluster import POSTGRES_URL, Cluster, create_schema, drop_schema


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    if not POSTGRES_URL:
        pytest.skip("MATBANK_TEST_POSTGRES_URL is not set: reliability tests need PostgreSQL")
    schema, url = create_schema()
    running = Cluster(database_url=url, folder=tmp_path)
    running.seed()
    try:
        yield running
    finally:
        running.stop()
        drop_schema(schema)
