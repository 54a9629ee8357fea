"""The interpretation helpers: wildcard criteria, identifiers, product names, quantities."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matbank.refinement import ElementToMatch, FunctionalUnit, MatchType
from matbank.refinement.fit import (
    HAS_AREA,
    HAS_LENGTH,
    HAS_OTHER_UNIT,
    HAS_PIECES,
    HAS_VOLUME,
    HAS_WEIGHT,
    accepted_quantities,
    quantity_signature,
)
from matbank.refinement.interpretations import (
    InvalidCriterion,
    collapse_material_names,
    combined_material_subject,
    names_no_material,
    normalize_gtin,
    parse_article_number_gln,
    parse_wildcard_criterion,
    pieces_present,
    product_name_terms,
    quantity_present,
    split_words,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("*beton*", ("beton", MatchType.CONTAINS)),
        ("beton*", ("beton", MatchType.STARTWITH)),
        ("*beton", ("beton", MatchType.ENDSWITH)),
        ("=Beton", ("Beton", MatchType.EQUALS_CASE_SENSITIVE)),
        ("Beton", ("Beton", MatchType.EQUALS)),
        ("  *gewapend beton*  ", ("gewapend beton", MatchType.CONTAINS)),
        ("=*x*", ("*x*", MatchType.EQUALS_CASE_SENSITIVE)),
    ],
)
def test_wildcard_criteria_from_excel_templates(text, expected):
    assert parse_wildcard_criterion(text) == expected


@pytest.mark.parametrize("text", ["", "  ", "*", "**", "***", "=", "= "])
def test_wildcard_criteria_without_a_value_are_refused(text):
    with pytest.raises(InvalidCriterion):
        parse_wildcard_criterion(text)


def test_gtin_forms_of_one_item_compare_equal():
    assert normalize_gtin("4006381333931") == normalize_gtin("0400 6381 333931")
    assert normalize_gtin("ABC-1") == "ABC-1"
    assert normalize_gtin("  ") is None


def test_article_number_gln_needs_both_parts():
    assert parse_article_number_gln("A 1|871") == "A 1|871"
    assert parse_article_number_gln("A 1 871") == "A 1|871"
    assert parse_article_number_gln("A1") is None
    assert parse_article_number_gln("|871") is None


def test_product_names_become_equals_terms_per_language():
    terms = product_name_terms(
        "c1", "db1", {"nl": "Baksteen", "EN": " Brick ", "iv": "MX-1", "de": ""}
    )
    assert [(t.value, t.match_type, t.language) for t in terms] == [
        ("Baksteen", MatchType.EQUALS, "nl"),
        ("Brick", MatchType.EQUALS, "en"),
        ("MX-1", MatchType.EQUALS, None),
    ]


def test_material_names_are_collapsed_and_joined():
    names = collapse_material_names(["Brick", " Mortar", "Brick", "", "Mortar "])
    assert names == ("Brick", "Mortar")
    assert combined_material_subject(names) == "Brick, Mortar"
    assert split_words(combined_material_subject(names)) == names


def test_words_split_on_the_documented_separators():
    assert split_words("a b\tc,d;e(f)g-h_i") == tuple("abcdefghi")


def test_accepted_quantities_per_functional_unit():
    assert accepted_quantities(FunctionalUnit.VOLUME, False) == HAS_VOLUME
    assert accepted_quantities(FunctionalUnit.VOLUME, True) == HAS_VOLUME | HAS_WEIGHT
    assert accepted_quantities(FunctionalUnit.WEIGHT, True) == HAS_WEIGHT | HAS_VOLUME
    assert accepted_quantities(FunctionalUnit.AREA, True) == HAS_AREA
    assert accepted_quantities(FunctionalUnit.LENGTH, True) == HAS_LENGTH
    assert accepted_quantities(FunctionalUnit.QUANTITY, True) == HAS_PIECES
    assert accepted_quantities(FunctionalUnit.ENERGY, True) == HAS_OTHER_UNIT


quantity = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True))


@given(quantity, quantity, quantity, quantity, quantity, quantity)
def test_quantity_signature_applies_the_interpreted_rules(
    volume, area, length, count, weight, other
):
    element = ElementToMatch(
        "e", (), None, None, None, None, None, volume, area, length, count, weight, other
    )
    signature = quantity_signature(element)
    expected = {
        HAS_VOLUME: quantity_present(volume),
        HAS_AREA: quantity_present(area),
        HAS_LENGTH: quantity_present(length),
        HAS_WEIGHT: quantity_present(weight),
        HAS_OTHER_UNIT: quantity_present(other),
        HAS_PIECES: pieces_present(count),
    }
    assert {bit: bool(signature & bit) for bit in expected} == expected


@pytest.mark.parametrize(
    "name",
    [
        None,
        "  ",
        "<Unnamed>",
        "Solid",
        "Solid 397409098",
        "Radial Gradient Fill 1515460218",
        "Default Floor",
        "Suelos por defecto",
        "Misc. Air Layers - Air Space",
        "Luftschicht",
    ],
)
def test_names_that_name_no_material(name):
    assert names_no_material(name)


@pytest.mark.parametrize(
    "name", ["Solid timber", "Concrete 102890359", "Stahlbeton", "Airtight membrane", "Holz"]
)
def test_material_names_are_not_placeholders(name):
    assert not names_no_material(name)


def test_the_cascade_follows_the_api_matching_term_types_in_their_order():
    """The pure core keeps its own enum (the API's is named ``MatchingTermType`` in the
    OpenAPI document); both must list the same wire strings in the same, cascade, order."""
    from matbank.commodities.schemas import MatchingTermType

    assert [t.value for t in MatchType] == [t.value for t in MatchingTermType]
