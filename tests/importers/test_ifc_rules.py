"""The pure extraction rules: phase words, building numbers, identifiers, layer volumes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matbank.importers.ifc_rules import (
    article_number_gln,
    as_number,
    building_number_shares,
    gtin_from,
    layer_volumes,
    phase_for,
    shared_volumes,
    unique,
)


@pytest.mark.parametrize(("text", "phase"), [
    ("Sloop", "Demolition"), ("to be demolished", "Demolition"), ("RÜCKBAU", "Demolition"),
    ("Nieuw", "New"), ("Einbau", "New"), ("ny", "New"),
    ("Bestaand", "Preserved"), ("Casco", "Preserved"), ("Råbygg", "Preserved"),
    (" Existing ", "Preserved"),
])
def test_phase_words(text, phase):
    assert phase_for(text, "New" if phase != "New" else "Preserved") == phase


@pytest.mark.parametrize("text", [None, "", "New Construction", "Existing building"])
def test_other_phase_texts_get_the_default(text):
    assert phase_for(text, "Preserved") == "Preserved"


def test_building_numbers_share_equally():
    shares = building_number_shares("12, 14,,16, 12")
    assert [(s.building_number, s.ratio) for s in shares] == [
        ("12", pytest.approx(1 / 3)), ("14", pytest.approx(1 / 3)), ("16", pytest.approx(1 / 3))]
    assert building_number_shares("  ") == ()


@given(st.lists(st.text(alphabet="ABC123", min_size=1, max_size=3), min_size=1, max_size=12))
def test_building_number_ratios_sum_to_one(numbers):
    shares = building_number_shares(",".join(numbers))
    assert sum(s.ratio for s in shares) == pytest.approx(1.0)


def test_gtin_rules():
    assert gtin_from("08712345678906", "1234") == "08712345678906"
    assert gtin_from(None, "12345678") == "12345678"
    assert gtin_from(None, "8712345678906") == "8712345678906"
    assert gtin_from(None, "ART-001") is None


def test_article_number_with_gln():
    assert article_number_gln("A1", "M1", "8712345000004") == "A1|8712345000004"
    assert article_number_gln(None, "M1", "8712345000004") == "M1|8712345000004"
    assert article_number_gln("A1", None, None) == "A1"
    assert article_number_gln(None, None, "8712345000004") is None


def test_numbers_accept_a_decimal_comma():
    assert as_number("0,25") == 0.25 and as_number(3) == 3.0
    assert as_number("n/a") is None and as_number(True) is None


@given(st.lists(st.floats(min_value=0.001, max_value=1.0), min_size=2, max_size=8),
       st.floats(min_value=0.1, max_value=1000.0))
def test_layer_volumes_without_area_conserve_the_element_volume(thicknesses, volume):
    assert sum(layer_volumes(thicknesses, None, volume)) == pytest.approx(volume)


@given(st.lists(st.floats(min_value=0.0, max_value=1.0), min_size=2, max_size=8),
       st.floats(min_value=0.0, max_value=1000.0))
def test_layer_volumes_with_area_are_area_times_thickness(thicknesses, area):
    volumes = layer_volumes(thicknesses, area, None)
    assert volumes == pytest.approx([area * t for t in thicknesses])


def test_shared_volumes_need_a_volume_and_shares():
    assert shared_volumes([3.0, 1.0], 2.0) == pytest.approx([1.5, 0.5])
    assert shared_volumes([0.0, 0.0], 2.0) == [None, None]
    assert shared_volumes([1.0], None) == [None]


def test_unique_names_collapse_duplicates_and_blanks():
    assert unique([" Brick", "Brick", None, "", "Mortar"]) == ("Brick", "Mortar")
