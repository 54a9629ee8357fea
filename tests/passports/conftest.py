"""Fixtures of the passport tests."""

from __future__ import annotations

import pytest
from tests.passports.support import processed_building


@pytest.fixture
def built(client, session, session_factory):
    """(world, building URL) of a processed building with three linked elements."""
    return processed_building(client, session, session_factory)
