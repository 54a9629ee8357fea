"""Helpers for the IFC importer tests: small models built with ifcopenshell's own API."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
if str(SRC) not in sys.path:  # the package may not be installed into the virtualenv
    sys.path.insert(0, str(SRC))

from tests.ifc_models import ModelBuilder  # noqa: E402

REAL_MODELS = Path(__file__).resolve().parents[3] / "shared" / "data" / "ifc"


@pytest.fixture(scope="session")
def model_builder():
    """The class that builds a test model; call it with schema and length unit."""
    return ModelBuilder


@pytest.fixture(scope="session")
def real_models() -> Path:
    if not REAL_MODELS.is_dir():
        pytest.skip(f"real IFC models not available: {REAL_MODELS} is absent")
    return REAL_MODELS
