"""The matching index: built once per refinement run from the selected databases.

Per database it holds one dict per identifier step and two term pools: every term applies to
material names, and terms marked `match_on_type_name` also apply to IFC type names (and to the
combined names of a multi-material element). Inactive commodities and their terms are left out
here, so no later step can ever link them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from matbank.refinement.fit import entry_mask
from matbank.refinement.interpretations import (
    article_key,
    clean_text,
    normalize_gtin,
    normalize_language,
    normalize_madaster_id,
)
from matbank.refinement.model import CatalogueEntry, MatchingTerm, MatchStep
from matbank.refinement.search import Candidate, TermPool, make_candidate

IdentifierTable = dict[str, tuple[Candidate, ...]]


@dataclass(frozen=True, slots=True)
class DatabaseIndex:
    """Everything one database contributes to matching."""

    database_id: str
    identifiers: dict[MatchStep, IdentifierTable]
    material_terms: TermPool
    type_name_terms: TermPool


@dataclass(frozen=True, slots=True)
class RefinementIndex:
    """Per-database indexes; a run's options pick and order the databases to use."""

    databases: dict[str, DatabaseIndex] = field(default_factory=dict)

    @property
    def term_count(self) -> int:
        """Number of usable terms (those of active commodities), over all databases."""
        return sum(database.material_terms.size for database in self.databases.values())


def build_index(
    entries: Iterable[CatalogueEntry], terms: Iterable[MatchingTerm]
) -> RefinementIndex:
    """Index the active catalogue entries and the terms that point at them.

    A term whose commodity is unknown or inactive is ignored (deactivating a product removes its
    search criteria). Two entries with the same commodity id in one database are a caller error.
    """
    catalogue = _active_catalogue(entries)
    term_candidates = _term_candidates(catalogue, terms)
    entries_per_database: dict[str, list[CatalogueEntry]] = {}
    for (database_id, _), (entry, _mask) in catalogue.items():
        entries_per_database.setdefault(database_id, []).append(entry)
    return RefinementIndex(
        {
            database_id: _database_index(
                database_id, database_entries, term_candidates.get(database_id, [])
            )
            for database_id, database_entries in entries_per_database.items()
        }
    )


Catalogue = dict[tuple[str, str], tuple[CatalogueEntry, int]]


def _active_catalogue(entries: Iterable[CatalogueEntry]) -> Catalogue:
    """Active entries keyed by (database id, normalized commodity id), with their fit mask."""
    catalogue: Catalogue = {}
    seen: set[tuple[str, str]] = set()
    for entry in entries:
        key = (entry.database_id, normalize_madaster_id(entry.commodity_id) or "")
        if key in seen:
            raise ValueError(f"commodity {entry.commodity_id} listed twice in {entry.database_id}")
        seen.add(key)
        if entry.is_active:
            catalogue[key] = (entry, entry_mask(entry))
    return catalogue


def _term_candidates(
    catalogue: Catalogue, terms: Iterable[MatchingTerm]
) -> dict[str, list[Candidate]]:
    """Usable terms per database, each bound to its active commodity."""
    per_database: dict[str, list[Candidate]] = {}
    for term in terms:
        found = catalogue.get((term.database_id, normalize_madaster_id(term.commodity_id) or ""))
        if found is None or clean_text(term.value) is None:
            continue
        entry, mask = found
        candidate = make_candidate(term, entry, mask, normalize_language(term.language))
        per_database.setdefault(term.database_id, []).append(candidate)
    return per_database


def _database_index(
    database_id: str, entries: list[CatalogueEntry], candidates: list[Candidate]
) -> DatabaseIndex:
    """Identifier tables and the two term pools of one database."""
    return DatabaseIndex(
        database_id=database_id,
        identifiers=_identifier_tables(entries),
        material_terms=TermPool(candidates),
        type_name_terms=TermPool(c for c in candidates if c.term and c.term.match_on_type_name),
    )


def identifier_keys(entry: CatalogueEntry) -> dict[MatchStep, str | None]:
    """The normalized key an entry is found under at each identifier step."""
    return {
        MatchStep.MADASTER_ID: normalize_madaster_id(entry.commodity_id),
        MatchStep.EXTERNAL_DATABASE_ID: clean_text(entry.external_id),
        MatchStep.GTIN: normalize_gtin(entry.gtin),
        MatchStep.ARTICLE_NUMBER_GLN: article_key(entry.article_number, entry.manufacturer_gln),
    }


def _identifier_tables(entries: list[CatalogueEntry]) -> dict[MatchStep, IdentifierTable]:
    """Per identifier step, the entries under each key, ordered by commodity id so that a shared
    identifier (e.g. one GTIN on two products) resolves the same way every run."""
    tables: dict[MatchStep, dict[str, list[CatalogueEntry]]] = {}
    for entry in entries:
        for step, key in identifier_keys(entry).items():
            if key is not None:
                tables.setdefault(step, {}).setdefault(key, []).append(entry)
    return {
        step: {
            key: tuple(_identifier_candidate(entry) for entry in sorted(found, key=_by_commodity))
            for key, found in table.items()
        }
        for step, table in tables.items()
    }


def _by_commodity(entry: CatalogueEntry) -> str:
    return entry.commodity_id


def _identifier_candidate(entry: CatalogueEntry) -> Candidate:
    """Identifier hits carry no term and no language; only the fit filter applies."""
    return Candidate((entry.commodity_id,), None, entry, entry_mask(entry), None)
