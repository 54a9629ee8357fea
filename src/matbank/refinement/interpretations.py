"""Every decision the matching core makes where the domain sources are silent or ambiguous.

Each rule is a named constant or function so that code, tests and `docs/interpretations/
refinement.md` point at one place. The core imports these; changing a rule here changes matching.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeVar

from matbank.refinement.model import MatchingTerm, MatchStep, MatchType

_T = TypeVar("_T")
_D = TypeVar("_D")

IDENTIFIER_STEP_ORDER: tuple[MatchStep, ...] = (
    MatchStep.MADASTER_ID,
    MatchStep.EXTERNAL_DATABASE_ID,
    MatchStep.GTIN,
    MatchStep.ARTICLE_NUMBER_GLN,
)
"""Steps 1-4. Steps are the outer loop: an identifier found in any selected database beats a
search-term hit in a database of higher priority, because an identifier is unambiguous. Within
one step the databases are tried in priority order."""

SEARCH_LEVEL_ORDER: tuple[MatchType, ...] = tuple(MatchType)
"""The search cascade follows the declaration order of `MatchingTermType` (most specific first):
EqualsCaseSensitive, Equals, Startwith, ContainsExactWord, ContainsCaseSensitive, Contains,
Endswith. The first level that yields an acceptable hit wins."""

CASE_INSENSITIVE_TYPES: frozenset[MatchType] = frozenset(
    {MatchType.EQUALS, MatchType.STARTWITH, MatchType.CONTAINS, MatchType.ENDSWITH}
)
"""Startwith and Endswith compare case-insensitively, like Equals and Contains: the legacy API had
only case-insensitive StartWith/EndsWith and added explicit case-sensitive variants for Equals and
Contains alone. Case folding uses `str.casefold` (so `ß` matches `ss`)."""


def first_database_hit(databases: Iterable[_D], search: Callable[[_D], _T | None]) -> _T | None:
    """Database-first priority inside a search step: run the whole cascade (levels 1-7) in the
    first database, and only when it yields nothing move on to the next database. A `Contains`
    hit in the first database therefore beats an `EqualsCaseSensitive` hit in the second."""
    for database in databases:
        hit = search(database)
        if hit is not None:
            return hit
    return None


def term_rank(term: MatchingTerm, matched_length: int) -> tuple[object, ...]:
    """Order of preference among several terms hitting at one level: the longest term (most
    matched characters, counted on the compared form) first, then the term value in code-point
    order, then the commodity id, then the language code (neutral last), then type-name terms
    last. The rule is applied at every level; at the Equals levels only the tie-break matters."""
    return (
        -matched_length,
        term.value,
        term.commodity_id,
        term.language is None,
        term.language or "",
        term.match_on_type_name,
    )


def clean_text(text: str | None) -> str | None:
    """Surrounding whitespace is not part of a name, a type name or a term value; a text that is
    empty after stripping counts as absent."""
    if text is None:
        return None
    stripped = text.strip()
    return stripped or None


def normalize_language(language: str | None) -> str | None:
    """Language codes compare case-insensitively; an empty code means "all languages"."""
    cleaned = clean_text(language)
    return cleaned.lower() if cleaned else None


def collapse_material_names(names: Sequence[str]) -> tuple[str, ...]:
    """Identical material names are collapsed (first occurrence keeps its place) after stripping;
    blank names are dropped."""
    cleaned = (clean_text(name) for name in names)
    return tuple(dict.fromkeys(name for name in cleaned if name))


MATERIAL_NAME_SEPARATOR = ", "
"""An element with several material names and no split is matched on its names joined with
", " in their listed order. A comma and a space are both word separators, so ContainsExactWord
terms still find each name."""


def combined_material_subject(names: Sequence[str]) -> str:
    """The subject used for a multi-material element without sub-elements."""
    return MATERIAL_NAME_SEPARATOR.join(names)


PLACEHOLDER_MATERIAL_NAMES: frozenset[str] = frozenset(
    {
        "<unnamed>", "unnamed", "<none>", "none", "<by category>", "by category",
        "solid", "radial gradient fill", "linear gradient fill", "empty fill",
    }
)
"""Material names (compared case-folded, without an appended number id) that authoring tools
write when no material was chosen: Revit's "<Unnamed>" and "<By Category>", and the fill and
surface names ArchiCAD exports in place of a building material ("Solid", "Radial Gradient
Fill 1515460218")."""

DEFAULT_MATERIAL_PHRASES: tuple[str, ...] = ("default", "por defecto", "par défaut", "predefinito")
"""A name containing one of these phrases ("Default Floor", Spanish "Suelos por defecto") is a
tool's default material, a placeholder for "no material chosen"."""

VOID_PHRASES: tuple[str, ...] = (
    "air space", "air gap", "air layer", "luftschicht", "luftspalt", "luchtspouw", "luchtlaag"
)
"""A layer named as an air space or cavity (English, German, Dutch) is a void, not a material:
it has no mass for any database row to give."""

_APPENDED_ID = re.compile(r"\s+\d{5,}$")


def names_no_material(name: str | None) -> bool:
    """[INTERP] True when a material name names no material: blank, a placeholder, a tool's
    default material or a void (air space). Such names are still matched like any other, so
    a database may give them terms; the match-rate benchmark reports its rate with and
    without them."""
    key = _APPENDED_ID.sub("", clean_text(name) or "").casefold()
    if not key:
        return True
    if key in PLACEHOLDER_MATERIAL_NAMES:
        return True
    return any(phrase in key for phrase in (*DEFAULT_MATERIAL_PHRASES, *VOID_PHRASES))


def quantity_present(value: float | None) -> bool:
    """A base quantity is usable only when it is given and positive; zero means absent."""
    return value is not None and value > 0


def pieces_present(count: float | None) -> bool:
    """Quantity products fit every element that does not say otherwise: an element without a
    count is one piece. Only an explicit count of zero (or less) rules a Quantity product out."""
    return count is None or count > 0


_WORD_SPLIT = re.compile(r"[ \t,;()\-_]+")


def split_words(text: str) -> tuple[str, ...]:
    """Words for ContainsExactWord: split on spaces, tabs and `, ; ( ) - _`; empty pieces drop."""
    return tuple(word for word in _WORD_SPLIT.split(text) if word)


def exact_word_key(value: str) -> tuple[str, ...]:
    """A ContainsExactWord term that itself consists of several words matches when those words
    occur consecutively in the subject (case-sensitive); a one-word term is the common case."""
    return split_words(value)


def normalize_madaster_id(value: str | None) -> str | None:
    """Madaster ids are UUIDs: compared case-insensitively, without surrounding whitespace."""
    cleaned = clean_text(value)
    return cleaned.lower() if cleaned else None


def normalize_gtin(value: str | None) -> str | None:
    """GTIN-8, -12, -13 and -14 denote the same item when zero-padded to 14 digits, so all-digit
    GTINs are compared in their 14-digit form; inner spaces are ignored."""
    cleaned = clean_text(value)
    if cleaned is None:
        return None
    compact = cleaned.replace(" ", "")
    return compact.zfill(14) if compact.isdigit() and len(compact) <= 14 else compact


def article_key(article_number: str | None, gln: str | None) -> str | None:
    """Step 4 needs both the article number and the manufacturer GLN; compared exactly."""
    article, location = clean_text(article_number), clean_text(gln)
    if article is None or location is None:
        return None
    return f"{article}|{location}"


def parse_article_number_gln(text: str | None) -> str | None:
    """An element's ArticleNumberGLN is `article|GLN`; the Excel template writes `article GLN`.
    The GLN is the part after the last `|`, or else after the last whitespace."""
    cleaned = clean_text(text)
    if cleaned is None:
        return None
    if "|" in cleaned:
        article, _, gln = cleaned.rpartition("|")
    else:
        article, _, gln = cleaned.rpartition(" ")
    return article_key(article, gln)


def product_name_terms(
    commodity_id: str, database_id: str, names: Mapping[str, str | None]
) -> tuple[MatchingTerm, ...]:
    """When a database uses product names as search criteria, each localized name becomes an
    `Equals` term in its language; the language-invariant `iv` name becomes language-neutral."""
    terms = []
    for language, name in names.items():
        value = clean_text(name)
        if value is None:
            continue
        code = None if language.lower() == "iv" else normalize_language(language)
        terms.append(MatchingTerm(commodity_id, database_id, value, MatchType.EQUALS, code))
    return tuple(terms)


class InvalidCriterion(ValueError):
    """A wildcard criterion from an Excel product template that yields no usable value."""


def parse_wildcard_criterion(text: str) -> tuple[str, MatchType]:
    """Excel product templates write criteria with wildcards: `*x*` contains, `x*` starts with,
    `*x` ends with, `=x` equals case-sensitively and a bare `x` equals (case-insensitive).
    Surrounding whitespace is ignored; a criterion with nothing left to compare is rejected."""
    cleaned = clean_text(text) or ""
    if cleaned.startswith("="):
        value, match_type = cleaned[1:], MatchType.EQUALS_CASE_SENSITIVE
    elif len(cleaned) > 1 and cleaned.startswith("*") and cleaned.endswith("*"):
        value, match_type = cleaned[1:-1], MatchType.CONTAINS
    elif cleaned.endswith("*"):
        value, match_type = cleaned[:-1], MatchType.STARTWITH
    elif cleaned.startswith("*"):
        value, match_type = cleaned[1:], MatchType.ENDSWITH
    else:
        value, match_type = cleaned, MatchType.EQUALS
    value = value.strip()
    if not value or value.strip("*") == "":
        raise InvalidCriterion(f"criterion {text!r} has no value to match")
    return value, match_type
