"""Worked examples of the automatic matching rules (domain §3.2)."""

import pytest

from matbank.refinement import (
    CatalogueEntry,
    ElementToMatch,
    FunctionalUnit,
    MatchingTerm,
    MatchOptions,
    MatchStep,
    MatchType,
    build_index,
    match_element,
    match_elements,
)

VOLUME = FunctionalUnit.VOLUME
T = MatchType


def entry(commodity_id, database_id="db1", unit=VOLUME, **fields):
    return CatalogueEntry(commodity_id, database_id, unit, **fields)


def term(commodity_id, value, match_type, database_id="db1", **fields):
    return MatchingTerm(commodity_id, database_id, value, match_type, **fields)


def element(*names, element_id="e1", **fields):
    fields.setdefault("volume", 1.0)
    return ElementToMatch(element_id, tuple(names), **fields)


def link(entries, terms, subject, databases=("db1",), languages=(), allow_mismatch=False):
    options = MatchOptions(tuple(databases), tuple(languages), allow_mismatch)
    return match_element(build_index(entries, terms), subject, options)


def linked_id(*args, **kwargs):
    found = link(*args, **kwargs)
    return None if found is None else found.commodity_id


# --- identifier steps 1-4 ------------------------------------------------------------------


def test_step1_madaster_id_links_the_commodity_with_that_id():
    entries = [entry("AAAAAAAA-0000-4000-8000-000000000001"), entry("c2")]
    terms = [term("c2", "beton", T.EQUALS)]
    found = link(
        entries, terms, element("beton", madaster_id="aaaaaaaa-0000-4000-8000-000000000001")
    )
    assert found.commodity_id == "AAAAAAAA-0000-4000-8000-000000000001"
    assert found.step is MatchStep.MADASTER_ID
    assert found.term is None and found.level is None


def test_step2_external_database_id_links_the_commodity_with_that_external_id():
    entries = [entry("c1", external_id="oekobau-17"), entry("c2", external_id="oekobau-18")]
    found = link(entries, [], element("x", external_database_id=" oekobau-18 "))
    assert (found.commodity_id, found.step) == ("c2", MatchStep.EXTERNAL_DATABASE_ID)


def test_step3_gtin_compares_the_zero_padded_14_digit_form():
    entries = [entry("c1", gtin="4006381333931")]
    found = link(entries, [], element("x", gtin="04006381333931"))
    assert (found.commodity_id, found.step) == ("c1", MatchStep.GTIN)


@pytest.mark.parametrize("text", ["ART-9|8712345000004", "ART-9 8712345000004"])
def test_step4_article_number_with_manufacturer_gln(text):
    entries = [
        entry("c1", article_number="ART-9", manufacturer_gln="8712345000004"),
        entry("c2", article_number="ART-9", manufacturer_gln="8799999000009"),
    ]
    found = link(entries, [], element("x", article_number_gln=text))
    assert (found.commodity_id, found.step) == ("c1", MatchStep.ARTICLE_NUMBER_GLN)


def test_article_number_without_gln_does_not_link():
    entries = [entry("c1", article_number="ART-9", manufacturer_gln="8712345000004")]
    assert link(entries, [], element("x", article_number_gln="ART-9")) is None


def test_identifier_steps_are_tried_in_order():
    entries = [entry("c1", gtin="12345670"), entry("c2", external_id="ext-2")]
    found = link(entries, [], element("x", gtin="12345670", external_database_id="ext-2"))
    assert found.step is MatchStep.EXTERNAL_DATABASE_ID


def test_an_identifier_in_a_lower_database_beats_a_search_term_in_a_higher_one():
    entries = [entry("c1", "db1"), entry("c2", "db2", gtin="12345670")]
    terms = [term("c1", "beton", T.EQUALS_CASE_SENSITIVE, "db1")]
    found = link(entries, terms, element("beton", gtin="12345670"), ("db1", "db2"))
    assert (found.commodity_id, found.step) == ("c2", MatchStep.GTIN)


def test_an_unknown_identifier_falls_through_to_the_name_search():
    found = link([entry("c1")], [term("c1", "beton", T.EQUALS)], element("Beton", gtin="999"))
    assert (found.commodity_id, found.step) == ("c1", MatchStep.MATERIAL_NAME)


# --- search levels 1-7 -------------------------------------------------------------------

LEVEL_CASES = {
    T.EQUALS_CASE_SENSITIVE: ("Beton C20", "Beton C20", "beton C20"),
    T.EQUALS: ("beton c20", "BETON C20", "Beton C20 prefab"),
    T.STARTWITH: ("gewapend", "Gewapend beton", "Beton gewapend"),
    T.CONTAINS_EXACT_WORD: ("C20", "Beton_C20-prefab", "Beton c20"),
    T.CONTAINS_CASE_SENSITIVE: ("Beton", "GewapendBeton", "gewapendbeton"),
    T.CONTAINS: ("beton", "GEWAPENDBETONWAND", "gewapend bton"),
    T.ENDSWITH: ("beton", "Gewapend BETON", "Beton gewapend"),
}


@pytest.mark.parametrize("match_type", list(LEVEL_CASES), ids=lambda t: t.value)
def test_each_level_hits_what_it_should_and_nothing_else(match_type):
    value, hit, miss = LEVEL_CASES[match_type]
    terms = [term("c1", value, match_type)]
    found = link([entry("c1")], terms, element(hit))
    assert (found.commodity_id, found.match_type, found.step) == (
        "c1",
        match_type,
        MatchStep.MATERIAL_NAME,
    )
    assert found.level == list(T).index(match_type) + 1
    assert link([entry("c1")], terms, element(miss)) is None


ALL_LEVEL_TERMS = [
    ("Beton prefab", T.EQUALS_CASE_SENSITIVE),
    ("beton PREFAB", T.EQUALS),
    ("beton", T.STARTWITH),
    ("prefab", T.CONTAINS_EXACT_WORD),
    ("ton pre", T.CONTAINS_CASE_SENSITIVE),
    ("TON PRE", T.CONTAINS),
    ("fab", T.ENDSWITH),
]


@pytest.mark.parametrize("first", range(7), ids=[t.value for t in T])
def test_the_first_level_with_a_hit_wins(first):
    candidates = ALL_LEVEL_TERMS[first:]
    entries = [entry(f"c{n}") for n in range(len(candidates))]
    terms = [term(f"c{n}", value, kind) for n, (value, kind) in enumerate(candidates)]
    found = link(entries, terms, element("Beton prefab"))
    assert found.match_type is ALL_LEVEL_TERMS[first][1]


@pytest.mark.parametrize(
    "match_type", [T.STARTWITH, T.CONTAINS_CASE_SENSITIVE, T.CONTAINS, T.ENDSWITH]
)
def test_the_longest_term_wins_within_a_level(match_type):
    short, long = {
        T.STARTWITH: ("Gew", "Gewapend"),
        T.CONTAINS_CASE_SENSITIVE: ("Beton", "pend Beton"),
        T.CONTAINS: ("beton", "PEND BETON"),
        T.ENDSWITH: ("ton", "nd Beton"),
    }[match_type]
    entries = [entry("c-short"), entry("c-long")]
    terms = [term("c-short", short, match_type), term("c-long", long, match_type)]
    found = link(entries, terms, element("Gewapend Beton"))
    assert (found.commodity_id, found.term.value) == ("c-long", long)


def test_a_longer_term_on_a_later_level_does_not_beat_an_earlier_level():
    entries = [entry("c-start"), entry("c-contains")]
    terms = [term("c-start", "ge", T.STARTWITH), term("c-contains", "gewapend beton", T.CONTAINS)]
    assert linked_id(entries, terms, element("Gewapend beton")) == "c-start"


def test_equal_length_ties_go_to_the_lower_term_value_then_commodity_id():
    entries = [entry("c1"), entry("c2"), entry("c3")]
    terms = [
        term("c3", "abd", T.CONTAINS),
        term("c2", "abc", T.CONTAINS),
        term("c1", "abc", T.CONTAINS),
    ]
    found = link(entries, terms, element("xabdabcx"))
    assert (found.commodity_id, found.term.value) == ("c1", "abc")


def test_an_exact_word_term_of_several_words_needs_them_consecutively():
    terms = [term("c1", "mineral wool", T.CONTAINS_EXACT_WORD)]
    assert linked_id([entry("c1")], terms, element("Glass (mineral_wool)")) == "c1"
    assert link([entry("c1")], terms, element("mineral glass wool")) is None


# --- database priority -------------------------------------------------------------------


def test_database_first_the_first_database_with_any_hit_wins():
    entries = [entry("c1", "db1"), entry("c2", "db2")]
    terms = [
        term("c1", "ton", T.ENDSWITH, "db1"),
        term("c2", "Beton", T.EQUALS_CASE_SENSITIVE, "db2"),
    ]
    assert linked_id(entries, terms, element("Beton"), ("db1", "db2")) == "c1"
    assert linked_id(entries, terms, element("Beton"), ("db2", "db1")) == "c2"


def test_databases_outside_the_selection_are_not_used():
    entries = [entry("c1", "db1"), entry("c2", "db2")]
    terms = [term("c2", "beton", T.EQUALS, "db2")]
    assert link(entries, terms, element("beton"), ("db1",)) is None
    assert linked_id(entries, terms, element("beton"), ("unknown", "db2")) == "c2"


# --- languages -----------------------------------------------------------------------------


def test_only_selected_languages_and_language_neutral_terms_are_used():
    entries = [entry("c-de"), entry("c-en"), entry("c-all")]
    terms = [
        term("c-de", "beton", T.EQUALS, language="de"),
        term("c-en", "gewapend beton", T.CONTAINS, language="EN"),
        term("c-all", "beton", T.CONTAINS),
    ]
    assert linked_id(entries, terms, element("beton"), languages=("de",)) == "c-de"
    assert linked_id(entries, terms, element("beton"), languages=("en",)) == "c-all"
    assert linked_id(entries, terms, element("Gewapend beton"), languages=("en",)) == "c-en"
    assert linked_id(entries, terms, element("Gewapend beton"), languages=()) == "c-all"


# --- functional-unit fit -------------------------------------------------------------------


def test_a_volume_product_needs_a_volume_unless_mismatch_is_allowed():
    terms = [term("c1", "beton", T.EQUALS)]
    area_only = element("beton", volume=None, area=4.0)
    assert link([entry("c1")], terms, area_only) is None
    assert linked_id([entry("c1")], terms, area_only, allow_mismatch=True) == "c1"


def test_a_candidate_that_does_not_fit_gives_way_to_the_next_one():
    entries = [entry("c-vol"), entry("c-area", unit=FunctionalUnit.AREA)]
    terms = [term("c-vol", "gewapend beton", T.CONTAINS), term("c-area", "beton", T.CONTAINS)]
    assert linked_id(entries, terms, element("gewapend beton", volume=0.0, area=3.0)) == "c-area"


@pytest.mark.parametrize(
    ("unit", "density_known", "quantities", "fits"),
    [
        (FunctionalUnit.VOLUME, True, {"weight": 80.0}, True),
        (FunctionalUnit.VOLUME, False, {"weight": 80.0}, False),
        (FunctionalUnit.WEIGHT, False, {"weight": 80.0}, True),
        (FunctionalUnit.WEIGHT, True, {"volume": 1.0}, True),
        (FunctionalUnit.WEIGHT, False, {"volume": 1.0}, False),
        (FunctionalUnit.AREA, False, {"area": 2.0}, True),
        (FunctionalUnit.AREA, False, {"length": 2.0}, False),
        (FunctionalUnit.LENGTH, False, {"length": 2.0}, True),
        (FunctionalUnit.LENGTH, False, {"area": 2.0}, False),
        (FunctionalUnit.QUANTITY, False, {}, True),
        (FunctionalUnit.QUANTITY, False, {"count": 3}, True),
        (FunctionalUnit.QUANTITY, False, {"count": 0}, False),
        (FunctionalUnit.ENERGY, False, {"other_unit": 120.0}, True),
        (FunctionalUnit.ENERGY, False, {"volume": 1.0}, False),
        (FunctionalUnit.OTHER_UNIT, False, {"other_unit": 1.0}, True),
    ],
)
def test_functional_unit_fit(unit, density_known, quantities, fits):
    entries = [entry("c1", unit=unit, density_known=density_known)]
    subject = ElementToMatch("e1", ("beton",), **quantities)
    found = link(entries, [term("c1", "beton", T.EQUALS)], subject)
    assert (found is not None) is fits


# --- inactive commodities, type names, several materials -----------------------------------


def test_inactive_commodities_are_never_linked():
    entries = [entry("c-old", is_active=False, gtin="12345670"), entry("c-new")]
    terms = [term("c-old", "Beton", T.EQUALS_CASE_SENSITIVE), term("c-new", "beton", T.CONTAINS)]
    assert linked_id(entries, terms, element("Beton", gtin="12345670")) == "c-new"


def test_type_name_step_uses_type_name_terms_and_comes_before_the_material_name():
    entries = [entry("c-type"), entry("c-material"), entry("c-plain")]
    terms = [
        term("c-type", "Basic Wall", T.STARTWITH, match_on_type_name=True),
        term("c-plain", "basic wall:brick", T.EQUALS),
        term("c-material", "brick", T.CONTAINS),
    ]
    found = link(entries, terms, element("Brick", type_name="Basic Wall:Brick"))
    assert (found.commodity_id, found.step) == ("c-type", MatchStep.TYPE_NAME)
    found = link(entries, terms[1:], element("Brick", type_name="Basic Wall:Brick"))
    assert (found.commodity_id, found.step) == ("c-material", MatchStep.MATERIAL_NAME)


def test_type_name_terms_also_match_material_names():
    terms = [term("c1", "brick", T.EQUALS, match_on_type_name=True)]
    assert link([entry("c1")], terms, element("Brick")).step is MatchStep.MATERIAL_NAME


def test_several_material_names_without_split_match_combined_on_type_name_terms():
    entries = [entry("c-combined"), entry("c-plain")]
    terms = [
        term("c-plain", "brick, mortar", T.EQUALS),
        term("c-combined", "Brick, Mortar", T.EQUALS_CASE_SENSITIVE, match_on_type_name=True),
    ]
    found = link(entries, terms, element("Brick", "Mortar", "Brick"))
    assert (found.commodity_id, found.step) == ("c-combined", MatchStep.COMBINED_MATERIAL_NAMES)
    assert found.subject == "Brick, Mortar"
    assert link(entries, terms[:1], element("Brick", "Mortar")) is None


def test_duplicate_material_names_count_as_one():
    found = link([entry("c1")], [term("c1", "brick", T.EQUALS)], element("Brick", " Brick "))
    assert found.step is MatchStep.MATERIAL_NAME


# --- layered elements and unlinked elements ------------------------------------------------


def layered_wall():
    layers = (
        element("Brick", element_id="layer-1"),
        element("Unknown stuff", element_id="layer-2"),
        element(
            "Render",
            element_id="layer-3",
            sub_elements=(element("Lime", element_id="layer-3a"),),
        ),
    )
    return element("Brick", "Unknown stuff", "Render", element_id="wall", sub_elements=layers)


def test_sub_elements_are_matched_when_the_parent_has_no_match():
    entries = [entry("c-brick"), entry("c-lime")]
    terms = [term("c-brick", "brick", T.EQUALS), term("c-lime", "lime", T.EQUALS)]
    options = MatchOptions(("db1",))
    matches = match_elements(build_index(entries, terms), [layered_wall()], options)
    assert {key: found.commodity_id for key, found in matches.items()} == {
        "layer-1": "c-brick",
        "layer-3a": "c-lime",
    }


def test_a_matched_parent_keeps_its_sub_elements_unvisited():
    entries = [entry("c-wall"), entry("c-brick")]
    terms = [
        term("c-wall", "Basic Wall", T.EQUALS, match_on_type_name=True),
        term("c-brick", "brick", T.EQUALS),
    ]
    wall = layered_wall()
    wall = ElementToMatch(
        wall.element_id,
        wall.material_names,
        "Basic Wall",
        volume=1.0,
        sub_elements=wall.sub_elements,
    )
    matches = match_elements(build_index(entries, terms), [wall], MatchOptions(("db1",)))
    assert list(matches) == ["wall"]


def test_unmatched_elements_stay_unlinked():
    index = build_index([entry("c1")], [term("c1", "brick", T.EQUALS)])
    options = MatchOptions(("db1",))
    subjects = [element("Granite", element_id="e1"), element(element_id="e2")]
    assert match_elements(index, subjects, options) == {}
    assert match_element(index, subjects[0], options) is None


# --- index building ------------------------------------------------------------------------


def test_terms_of_unknown_commodities_and_blank_terms_are_ignored():
    terms = [term("ghost", "brick", T.EQUALS), term("c1", "   ", T.CONTAINS)]
    index = build_index([entry("c1")], terms)
    assert index.term_count == 0


def test_a_commodity_listed_twice_in_one_database_is_refused():
    with pytest.raises(ValueError, match="listed twice"):
        build_index([entry("c1"), entry("c1", is_active=False)], [])


def test_memoized_batch_equals_matching_one_by_one():
    entries = [entry("c1"), entry("c2", unit=FunctionalUnit.AREA)]
    terms = [term("c1", "beton", T.CONTAINS), term("c2", "beton", T.ENDSWITH)]
    index, options = build_index(entries, terms), MatchOptions(("db1",))
    batch = [
        element("Gewapend beton", element_id=f"e{n}", volume=(n % 2) or None, area=2.0)
        for n in range(6)
    ]
    expected = {e.element_id: match_element(index, e, options) for e in batch}
    assert match_elements(index, batch, options) == expected
    assert {found.commodity_id for found in expected.values()} == {"c1", "c2"}
