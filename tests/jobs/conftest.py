"""Queue tests run against a committed database of their own (``durable_*`` fixtures)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from tests.jobs.tasks import create_effect_tables

from matbank.config import Settings
from matbank.jobs import Worker
from matbank.storage import LocalStorage


@pytest.fixture
def queue_engine(durable_engine: Engine) -> Engine:
    create_effect_tables(durable_engine)
    return durable_engine


@pytest.fixture
def job_settings(durable_database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        environment="test",
        database_url=durable_database_url,
        storage_url=f"file://{tmp_path / 'storage'}",
    )


@pytest.fixture
def job_storage(job_settings: Settings) -> LocalStorage:
    return LocalStorage(job_settings.storage_url.removeprefix("file://"))


@pytest.fixture
def make_worker(
    queue_engine: Engine,
    job_settings: Settings,
    durable_session_factory: sessionmaker[Session],
    job_storage: LocalStorage,
) -> Callable[..., Worker]:
    def make(name: str = "w1", **kwargs: object) -> Worker:
        return Worker(job_settings, durable_session_factory, job_storage, name=name, **kwargs)  # type: ignore[arg-type]

    return make
