"""Importers may hand the repository texts longer than their columns (PostgreSQL refuses
them): names are shortened to fit, element ids are refused."""

from __future__ import annotations

import uuid

import pytest

from matbank.elements.repository import complete_row
from matbank.errors import InvalidRequest
from matbank.refinement.service import classification_code


def test_descriptive_texts_keep_their_first_characters():
    row = complete_row({"file_id": uuid.uuid4(), "element_id": "w1", "name": "n" * 200_000,
                        "material_name": "m" * 5000, "floor": "f" * 300})
    assert (len(row["name"]), len(row["material_name"]), len(row["floor"])) == (400, 1000, 200)
    assert row["element_id"] == "w1"


@pytest.mark.parametrize("column", ["element_id", "parent_element_id"])
def test_an_overlong_element_id_is_refused(column):
    row = {"file_id": uuid.uuid4(), "element_id": "w1", column: "x" * 201}
    with pytest.raises(InvalidRequest, match="element id of 201 characters"):
        complete_row(row)


def test_a_classification_lookup_too_long_for_a_code_gives_no_code():
    assert classification_code(" 21.12 ") == "21.12"
    assert classification_code("2" * 64) == "2" * 64
    assert classification_code("2" * 65) is None and classification_code("  ") is None
