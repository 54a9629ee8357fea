"""One country table serves the building view (code → English name) and the calculations
(code or name in any interface language → code)."""

from __future__ import annotations

import pytest

from matbank.results.inputs import building_country
from matbank.system.countries import COUNTRIES, country_code, english_name


def test_codes_are_unique_lower_case_iso_alpha2() -> None:
    codes = [country.code for country in COUNTRIES]
    assert len(codes) == len(set(codes))
    assert all(len(code) == 2 and code.isalpha() and code.islower() for code in codes)


def test_no_name_points_at_two_countries() -> None:
    seen: dict[str, str] = {}
    for country in COUNTRIES:
        for name in country.names():
            assert seen.setdefault(name.lower(), country.code) == country.code, name


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Nederland", "nl"),
        ("niederlande", "nl"),
        ("Pays-Bas", "nl"),
        (" Deutschland ", "de"),
        ("Tyskland", "de"),
        ("Sverige", "se"),
        ("Royaume-Uni", "gb"),
        ("UK", "gb"),
        ("uk", "gb"),
        ("BE", "be"),
        ("jp", "jp"),
    ],
)
def test_country_code_reads_codes_and_names_in_every_language(text: str, code: str) -> None:
    assert country_code(text) == code


@pytest.mark.parametrize("text", [None, "", "Atlantis", "n1", "Netherlandz"])
def test_unknown_names_have_no_code(text: str | None) -> None:
    assert country_code(text) is None


def test_english_name_for_owner_country() -> None:
    assert english_name("NL") == "Netherlands"
    assert english_name("ch") == "Switzerland"
    assert english_name("xx") is None
    assert english_name(None) is None


def test_every_country_round_trips_through_its_english_name() -> None:
    for country in COUNTRIES:
        assert country_code(english_name(country.code)) == country.code


def test_building_country_prefers_the_address() -> None:
    assert building_country("Belgique", "nl") == "be"
    assert building_country("", "Norge") == "no"
    assert building_country(None, None) == ""
