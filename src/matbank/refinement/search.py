"""Look-up structures for the search-term cascade of one database.

Each cascade level has a structure that finds the terms hitting a subject without scanning all
terms. The substring levels (Startwith, Contains, Endswith) use a *prefix table*: one dict that
maps every prefix of every term key to the terms whose key it is (an empty tuple for a mere
prefix). From each start position in the subject the window grows while it is still a prefix
of some term, so the work per start is the length of the longest partial match, not the number
of terms. This is a trie walk with hashed nodes; it was chosen over Aho-Corasick because
material names are short (tens of characters) and partial matches die within a few characters,
so the quadratic worst case never shows, while building it is one dict comprehension and its
hits need no failure or output links. Endswith runs the same walk over reversed keys.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter
from typing import NamedTuple

from matbank.refinement.interpretations import (
    CASE_INSENSITIVE_TYPES,
    SEARCH_LEVEL_ORDER,
    exact_word_key,
    split_words,
    term_rank,
)
from matbank.refinement.model import CatalogueEntry, MatchingTerm, MatchType


class Candidate(NamedTuple):
    """A possible link: the commodity, its accepted-quantity mask and, for a search term, the
    term, its normalized language and its precomputed preference rank (identifier hits carry no
    term and no language)."""

    rank: tuple[object, ...]
    term: MatchingTerm | None
    entry: CatalogueEntry
    mask: int
    language: str | None


Accept = Callable[[Candidate], bool]
_by_rank = attrgetter("rank")


def level_key(term: MatchingTerm) -> str | tuple[str, ...]:
    """The form in which a term is stored at its level (case-folded, reversed, or as words);
    surrounding whitespace is not part of the term."""
    value = term.value.strip()
    if term.match_type is MatchType.CONTAINS_EXACT_WORD:
        return exact_word_key(value)
    if term.match_type in CASE_INSENSITIVE_TYPES:
        value = value.casefold()
    return value[::-1] if term.match_type is MatchType.ENDSWITH else value


def make_candidate(
    term: MatchingTerm, entry: CatalogueEntry, mask: int, language: str | None
) -> Candidate:
    """Bundle a term with what the filters need; the rank counts matched characters."""
    key = level_key(term)
    matched = len(term.value.strip()) if isinstance(key, tuple) else len(key)
    return Candidate(term_rank(term, matched), term, entry, mask, language)


class Subject:
    """One text to match, in every form the levels compare."""

    __slots__ = ("text", "folded", "folded_reversed", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = text.casefold()
        self.folded_reversed = self.folded[::-1]
        self.words = split_words(text)


def first_accepted(candidates: Sequence[Candidate], accept: Accept) -> Candidate | None:
    """The best-ranked candidate that passes the language and functional-unit filters."""
    if not candidates:
        return None
    for candidate in sorted(candidates, key=_by_rank):
        if accept(candidate):
            return candidate
    return None


class PrefixTable:
    """Term keys plus all their prefixes, for prefix and substring searches."""

    __slots__ = ("_nodes",)

    def __init__(self, buckets: dict[str, tuple[Candidate, ...]]) -> None:
        nodes: dict[str, tuple[Candidate, ...]] = {}
        for key in buckets:
            for end in range(1, len(key)):
                nodes.setdefault(key[:end], ())
        nodes.update(buckets)
        self._nodes = nodes

    def starting_at(self, text: str, start: int, found: dict[str, tuple[Candidate, ...]]) -> None:
        """Record every term key that occurs in `text` beginning at `start`."""
        nodes = self._nodes
        for end in range(start + 1, len(text) + 1):
            piece = text[start:end]
            bucket = nodes.get(piece)
            if bucket is None:
                return
            if bucket:
                found[piece] = bucket

    def prefix_hits(self, text: str) -> list[Candidate]:
        """Terms whose key is a prefix of `text`."""
        found: dict[str, tuple[Candidate, ...]] = {}
        self.starting_at(text, 0, found)
        return [candidate for bucket in found.values() for candidate in bucket]

    def substring_hits(self, text: str) -> list[Candidate]:
        """Terms whose key occurs anywhere in `text`."""
        found: dict[str, tuple[Candidate, ...]] = {}
        for start in range(len(text)):
            self.starting_at(text, start, found)
        return [candidate for bucket in found.values() for candidate in bucket]


class WordTable:
    """ContainsExactWord terms keyed by their word tuple."""

    __slots__ = ("_buckets", "_longest")

    def __init__(self, buckets: dict[tuple[str, ...], tuple[Candidate, ...]]) -> None:
        self._buckets = buckets
        self._longest = max((len(key) for key in buckets), default=0)

    def hits(self, words: tuple[str, ...]) -> list[Candidate]:
        """Terms whose words occur consecutively among the subject's words."""
        found: dict[tuple[str, ...], tuple[Candidate, ...]] = {}
        for start in range(len(words)):
            for size in range(1, min(self._longest, len(words) - start) + 1):
                key = words[start : start + size]
                bucket = self._buckets.get(key)
                if bucket:
                    found[key] = bucket
        return [candidate for bucket in found.values() for candidate in bucket]


Finder = Callable[[Subject], Sequence[Candidate]]


class TermPool:
    """All search terms one database offers for one kind of subject, arranged per level."""

    __slots__ = ("_levels", "size")

    def __init__(self, candidates: Iterable[Candidate]) -> None:
        grouped = _group_by_level(candidates)
        self.size = sum(len(bucket) for keyed in grouped.values() for bucket in keyed.values())
        self._levels = [
            (match_type, _finder(match_type, grouped[match_type]))
            for match_type in SEARCH_LEVEL_ORDER
            if grouped.get(match_type)
        ]

    def search(self, subject: Subject, accept: Accept) -> Candidate | None:
        """Walk the levels in cascade order; the first level with an accepted hit decides."""
        for _match_type, find in self._levels:
            found = first_accepted(find(subject), accept)
            if found is not None:
                return found
        return None


def _group_by_level(candidates: Iterable[Candidate]) -> dict[MatchType, dict]:
    """Per match type, the candidates bucketed by level key, each bucket in rank order."""
    grouped: dict[MatchType, dict] = {}
    for candidate in candidates:
        term = candidate.term
        if term is None:
            continue  # identifier candidates have no place in a term pool
        key = level_key(term)
        if not key:
            continue  # a term made only of separators can never hit as an exact word
        keyed = grouped.setdefault(term.match_type, {})
        keyed.setdefault(key, []).append(candidate)
    return {
        match_type: {key: tuple(sorted(bucket, key=_by_rank)) for key, bucket in keyed.items()}
        for match_type, keyed in grouped.items()
    }


def _finder(match_type: MatchType, buckets: dict) -> Finder:
    """The look-up function of one level over its buckets."""
    if match_type is MatchType.EQUALS_CASE_SENSITIVE:
        return lambda subject: buckets.get(subject.text, ())
    if match_type is MatchType.EQUALS:
        return lambda subject: buckets.get(subject.folded, ())
    if match_type is MatchType.CONTAINS_EXACT_WORD:
        words = WordTable(buckets)
        return lambda subject: words.hits(subject.words)
    table = PrefixTable(buckets)
    if match_type is MatchType.STARTWITH:
        return lambda subject: table.prefix_hits(subject.folded)
    if match_type is MatchType.ENDSWITH:
        return lambda subject: table.prefix_hits(subject.folded_reversed)
    if match_type is MatchType.CONTAINS_CASE_SENSITIVE:
        return lambda subject: table.substring_hits(subject.text)
    return lambda subject: table.substring_hits(subject.folded)
