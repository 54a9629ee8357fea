"""Properties: the index agrees with a plain scan over all terms, memoization changes nothing,
and a batch's links do not depend on element order or on what else is in the batch."""

from hypothesis import event, given, settings
from hypothesis import strategies as st

from matbank.refinement import (
    CatalogueEntry,
    ElementToMatch,
    FunctionalUnit,
    MatchingTerm,
    MatchOptions,
    MatchType,
    build_index,
    match_element,
    match_elements,
)
from matbank.refinement.fit import entry_mask, quantity_signature
from matbank.refinement.interpretations import (
    CASE_INSENSITIVE_TYPES,
    clean_text,
    collapse_material_names,
    combined_material_subject,
    split_words,
    term_rank,
)

ENTRIES = [
    CatalogueEntry("c1", "db1", FunctionalUnit.VOLUME, density_known=True),
    CatalogueEntry("c2", "db1", FunctionalUnit.AREA),
    CatalogueEntry("c3", "db1", FunctionalUnit.QUANTITY),
    CatalogueEntry("c4", "db1", FunctionalUnit.VOLUME, is_active=False),
    CatalogueEntry("c5", "db2", FunctionalUnit.WEIGHT, density_known=True),
    CatalogueEntry("c6", "db2", FunctionalUnit.LENGTH),
]
BY_ID = {entry.commodity_id: entry for entry in ENTRIES}

text = st.text(alphabet="aAb -", min_size=1, max_size=3).map(str.strip).filter(bool)
terms_strategy = st.lists(
    st.builds(
        lambda commodity_id, value, match_type, language, on_type: MatchingTerm(
            commodity_id, BY_ID[commodity_id].database_id, value, match_type, language, on_type
        ),
        st.sampled_from(sorted(BY_ID)),
        text,
        st.sampled_from(list(MatchType)),
        st.sampled_from([None, "en", "de"]),
        st.booleans(),
    ),
    min_size=1,
    max_size=25,
)
maybe_quantity = st.sampled_from([None, 0.0, 1.5, 1.5])
free_text = st.text(alphabet="aAb -_,", max_size=8)


def elements_with(names):
    """Element trees (one level of sub-elements) whose texts come from `names`."""
    leaf = st.builds(
        ElementToMatch,
        element_id=st.just(""),
        material_names=st.lists(names, min_size=1, max_size=2).map(tuple),
        type_name=st.one_of(st.none(), names),
        volume=maybe_quantity,
        area=maybe_quantity,
        length=maybe_quantity,
        count=st.sampled_from([None, 0, 2]),
        weight=maybe_quantity,
    )
    return st.builds(
        lambda parent, children: ElementToMatch(
            parent.element_id,
            parent.material_names,
            parent.type_name,
            volume=parent.volume,
            area=parent.area,
            length=parent.length,
            count=parent.count,
            weight=parent.weight,
            sub_elements=tuple(children),
        ),
        leaf,
        st.lists(leaf, max_size=2),
    )


@st.composite
def terms_and_elements(draw, min_elements=1, max_elements=1):
    """Terms, plus elements whose names often embed a term value so that many levels hit."""
    terms = draw(terms_strategy)
    embedded = st.builds(
        lambda before, value, after: before + value + after,
        st.sampled_from(["", "", "a ", "B-", "b"]),
        st.sampled_from([term.value for term in terms]),
        st.sampled_from(["", "", " b", "_A", "a"]),
    )
    elements = draw(
        st.lists(
            elements_with(st.one_of(free_text, embedded)),
            min_size=min_elements,
            max_size=max_elements,
        )
    )
    return terms, elements


options_strategy = st.builds(
    MatchOptions,
    st.sampled_from([("db1", "db2"), ("db2", "db1"), ("db1",)]),
    st.sampled_from([(), ("en",), ("de", "en")]),
    st.booleans(),
)


def with_ids(elements):
    """Give every element in the trees a unique id, in pre-order."""
    counter = iter(range(10_000))

    def renumber(element):
        children = tuple(renumber(child) for child in element.sub_elements)
        return ElementToMatch(
            f"e{next(counter)}",
            element.material_names,
            element.type_name,
            volume=element.volume,
            area=element.area,
            length=element.length,
            count=element.count,
            weight=element.weight,
            sub_elements=children,
        )

    return [renumber(element) for element in elements]


# --- a plain scan over all terms: the rules written out, no index ---------------------------


def hits(term, subject):
    value = term.value
    if term.match_type is MatchType.CONTAINS_EXACT_WORD:
        words, wanted = split_words(subject), split_words(value)
        return bool(wanted) and any(words[i : i + len(wanted)] == wanted for i in range(len(words)))
    if term.match_type in CASE_INSENSITIVE_TYPES:
        value, subject = value.casefold(), subject.casefold()
    return {
        MatchType.EQUALS_CASE_SENSITIVE: subject == value,
        MatchType.EQUALS: subject == value,
        MatchType.STARTWITH: subject.startswith(value),
        MatchType.CONTAINS_CASE_SENSITIVE: value in subject,
        MatchType.CONTAINS: value in subject,
        MatchType.ENDSWITH: subject.endswith(value),
    }[term.match_type]


def matched_length(term):
    if term.match_type in CASE_INSENSITIVE_TYPES:
        return len(term.value.casefold())
    return len(term.value)


def scan(terms, options, subject, on_type_names, signature):
    languages = {code.lower() for code in options.languages}
    for database_id in options.database_ids:
        for match_type in MatchType:
            found = [
                t
                for t in terms
                if t.database_id == database_id
                and t.match_type is match_type
                and BY_ID[t.commodity_id].is_active
                and (t.match_on_type_name or not on_type_names)
                and (t.language is None or t.language in languages)
                and (
                    options.allow_functional_unit_mismatch
                    or entry_mask(BY_ID[t.commodity_id]) & signature
                )
                and hits(t, subject)
            ]
            if found:
                return min(found, key=lambda t: term_rank(t, matched_length(t)))
    return None


def scan_element(terms, options, element):
    signature = quantity_signature(element)
    type_name = clean_text(element.type_name)
    if type_name and (found := scan(terms, options, type_name, True, signature)):
        return found
    names = collapse_material_names(element.material_names)
    if len(names) == 1:
        return scan(terms, options, names[0], False, signature)
    if len(names) > 1 and not element.sub_elements:
        return scan(terms, options, combined_material_subject(names), True, signature)
    return None


def one_by_one(index, elements, options):
    """The batch result computed without any cache, recursing by hand."""
    result = {}
    for element in elements:
        found = match_element(index, element, options)
        if found is not None:
            result[element.element_id] = found
        else:
            result.update(one_by_one(index, element.sub_elements, options))
    return result


@settings(max_examples=500, deadline=None)
@given(terms_and_elements(), options_strategy)
def test_the_index_finds_what_a_plain_scan_finds(case, options):
    terms, (element,) = case
    found = match_element(build_index(ENTRIES, terms), element, options)
    expected = scan_element(terms, options, element)
    event(f"level {expected.match_type.value if expected else None}")
    assert (found and found.term) == expected


@settings(max_examples=150, deadline=None)
@given(terms_and_elements(min_elements=0, max_elements=12), options_strategy, st.randoms())
def test_batch_links_are_independent_of_order_and_equal_to_one_by_one(case, options, random):
    terms, elements = case
    index, elements = build_index(ENTRIES, terms), with_ids(elements)
    batch = match_elements(index, elements, options)
    shuffled = list(elements)
    random.shuffle(shuffled)
    assert match_elements(index, shuffled, options) == batch
    alone = {}
    for element in elements:
        alone.update(match_elements(index, [element], options))
    assert alone == batch
    assert one_by_one(index, elements, options) == batch
