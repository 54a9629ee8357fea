"""Automatic matching of building-file elements to materials and products.

For one element the first step that yields a link wins: the identifiers (Madaster id, external
database id, GTIN, article number + GLN), then the type name against type-name terms, then the
single material name against all terms (or, for several material names and no split, the
combined names against type-name terms). Inside a search step the databases are tried
database-first, and inside a database the levels in cascade order (see `interpretations`).
Every candidate must belong to an active commodity, have a term in a selected language (or a
language-neutral term) and, unless the run allows otherwise, a functional unit that fits the
element's quantities. An element without a link stays unlinked; when it has sub-elements, they
are matched in its place.
"""

from __future__ import annotations

from collections.abc import Iterable

from matbank.refinement.fit import quantity_signature
from matbank.refinement.index import DatabaseIndex, RefinementIndex
from matbank.refinement.interpretations import (
    IDENTIFIER_STEP_ORDER,
    clean_text,
    collapse_material_names,
    combined_material_subject,
    first_database_hit,
    normalize_gtin,
    normalize_language,
    normalize_madaster_id,
    parse_article_number_gln,
)
from matbank.refinement.model import ElementToMatch, Match, MatchOptions, MatchStep
from matbank.refinement.search import Accept, Candidate, Subject


def match_element(
    index: RefinementIndex, element: ElementToMatch, options: MatchOptions
) -> Match | None:
    """The link for `element` itself, computed without any cache; sub-elements are not visited."""
    return _Run(index, options, memoize=False).match(element)


def match_elements(
    index: RefinementIndex, elements: Iterable[ElementToMatch], options: MatchOptions
) -> dict[str, Match]:
    """Links for a batch, keyed by element id; unlinked elements are absent.

    An element without a link hands over to its sub-elements (recursively). Each distinct
    combination of the inputs that decide a link is matched once per call.
    """
    run = _Run(index, options, memoize=True)
    matches: dict[str, Match] = {}
    pending = list(elements)
    pending.reverse()  # a stack popped from the end visits elements in the given order
    while pending:
        element = pending.pop()
        found = run.match(element)
        if found is not None:
            matches[element.element_id] = found
        elif element.sub_elements:
            pending.extend(reversed(element.sub_elements))
    return matches


def element_identifier_keys(element: ElementToMatch) -> tuple[tuple[MatchStep, str | None], ...]:
    """The element's normalized identifiers, in step order (None when the element has none)."""
    keys = {
        MatchStep.MADASTER_ID: normalize_madaster_id(element.madaster_id),
        MatchStep.EXTERNAL_DATABASE_ID: clean_text(element.external_database_id),
        MatchStep.GTIN: normalize_gtin(element.gtin),
        MatchStep.ARTICLE_NUMBER_GLN: parse_article_number_gln(element.article_number_gln),
    }
    return tuple((step, keys[step]) for step in IDENTIFIER_STEP_ORDER)


class _Run:
    """One refinement run: the options resolved once, plus the memo tables when caching."""

    __slots__ = ("databases", "languages", "allow_mismatch", "element_memo", "search_memo")

    def __init__(self, index: RefinementIndex, options: MatchOptions, memoize: bool) -> None:
        selected = dict.fromkeys(options.database_ids)  # a repeated id keeps its first place
        self.databases = tuple(index.databases[d] for d in selected if d in index.databases)
        self.languages = frozenset(
            code for code in map(normalize_language, options.languages) if code is not None
        )
        self.allow_mismatch = options.allow_functional_unit_mismatch
        self.element_memo: dict[tuple, Match | None] | None = {} if memoize else None
        self.search_memo: dict[tuple, Match | None] | None = {} if memoize else None

    def match(self, element: ElementToMatch) -> Match | None:
        """The link for one element, from the memo when its deciding inputs were seen before."""
        signature = quantity_signature(element)
        if self.element_memo is None:
            return self._decide(element, signature)
        # Everything that can change the outcome; the element id and sub-elements' contents can't.
        key = (
            element.madaster_id,
            element.external_database_id,
            element.gtin,
            element.article_number_gln,
            element.type_name,
            element.material_names,
            not element.sub_elements,
            signature,
        )
        if key not in self.element_memo:
            self.element_memo[key] = self._decide(element, signature)
        return self.element_memo[key]

    def _decide(self, element: ElementToMatch, signature: int) -> Match | None:
        """Identifier steps first, then the name searches."""
        if not (
            element.madaster_id
            or element.external_database_id
            or element.gtin
            or element.article_number_gln
        ):
            return self._search_names(element, signature)  # most elements carry no identifier
        for step, key in element_identifier_keys(element):
            if key is not None:
                found = first_database_hit(
                    self.databases, lambda db, s=step, k=key: self._identified(db, s, k, signature)
                )
                if found is not None:
                    return found
        return self._search_names(element, signature)

    def _identified(
        self, database: DatabaseIndex, step: MatchStep, key: str, signature: int
    ) -> Match | None:
        """The first fitting commodity of `database` carrying this identifier."""
        for candidate in database.identifiers.get(step, {}).get(key, ()):
            if self.allow_mismatch or candidate.mask & signature:
                return Match(candidate.entry.commodity_id, database.database_id, step, key)
        return None

    def _search_names(self, element: ElementToMatch, signature: int) -> Match | None:
        """Step 5 (type name), then step 6 (material name or combined material names)."""
        type_name = clean_text(element.type_name)
        if type_name is not None:
            found = self._search(MatchStep.TYPE_NAME, type_name, signature)
            if found is not None:
                return found
        names = collapse_material_names(element.material_names)
        if len(names) == 1:
            return self._search(MatchStep.MATERIAL_NAME, names[0], signature)
        if len(names) > 1 and not element.sub_elements:
            subject = combined_material_subject(names)
            return self._search(MatchStep.COMBINED_MATERIAL_NAMES, subject, signature)
        return None

    def _search(self, step: MatchStep, text: str, signature: int) -> Match | None:
        """Run one search step over the databases, database-first; memoized per subject."""
        key = (step, text, signature)
        if self.search_memo is not None and key in self.search_memo:
            return self.search_memo[key]
        subject, accept = Subject(text), self._acceptor(signature)
        use_material_terms = step is MatchStep.MATERIAL_NAME

        def in_database(database: DatabaseIndex) -> Match | None:
            pool = database.material_terms if use_material_terms else database.type_name_terms
            return _search_match(database, step, text, pool.search(subject, accept))

        found = first_database_hit(self.databases, in_database)
        if self.search_memo is not None:
            self.search_memo[key] = found
        return found

    def _acceptor(self, signature: int) -> Accept:
        """The language and functional-unit filter for an element with this signature."""
        languages, allow_mismatch = self.languages, self.allow_mismatch

        def accept(candidate: Candidate) -> bool:
            if candidate.language is not None and candidate.language not in languages:
                return False
            return allow_mismatch or bool(candidate.mask & signature)

        return accept


def _search_match(
    database: DatabaseIndex, step: MatchStep, text: str, candidate: Candidate | None
) -> Match | None:
    """Turn the winning term of a database into a `Match`."""
    if candidate is None or candidate.term is None:
        return None
    term = candidate.term
    return Match(
        candidate.entry.commodity_id, database.database_id, step, text, term.match_type, term
    )
