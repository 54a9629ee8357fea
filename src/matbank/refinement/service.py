"""Refinement of a source file: match its elements, then map them (phase, layer, mass).

Runs as the ``files.refine`` job in short transactions so that progress is visible while
it runs. Idempotent: a re-run recomputes the same links and values from the stored data.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from matbank.buildings.dirty import mark_dirty
from matbank.buildings.models import Building
from matbank.db import utcnow
from matbank.elements.lookups import default_phase_for_building, phase_from_lookup
from matbank.elements.models import Element
from matbank.files.lifecycle import FileStatus
from matbank.files.models import BuildingFile
from matbank.files.validation import validation_of
from matbank.presets.service import effective_for_building
from matbank.refinement.catalogue import (
    catalogue_entries,
    matching_terms,
    selected_databases,
)
from matbank.refinement.index import build_index
from matbank.refinement.mass import MassResolver
from matbank.refinement.matching import match_elements
from matbank.refinement.model import ElementToMatch, Match, MatchOptions
from matbank.system.classification import layer_for

SessionScope = Callable[[], AbstractContextManager[Session]]
Progress = Callable[[int, int], None]
CHUNK = 2000

_ELEMENT_COLUMNS = (
    Element.pk,
    Element.element_id,
    Element.parent_element_id,
    Element.material_name,
    Element.material_names,
    Element.material_id,
    Element.external_database_id,
    Element.gtin,
    Element.article_number,
    Element.type_name,
    Element.volume,
    Element.area,
    Element.length,
    Element.weight,
    Element.count,
    Element.commodity_id,
    Element.phase_lookup,
    Element.classification_lookup,
    Element.building_numbers,
    Element.match_info,
)


@dataclass(frozen=True)
class FileFacts:
    file_id: uuid.UUID
    account_id: uuid.UUID
    database_ids: tuple[str, ...]
    languages: tuple[str, ...]
    classification_method: str | None
    default_phase: str
    allow_functional_unit_mismatch: bool = False


def refine_file(
    scope: SessionScope, file_id: uuid.UUID, *, only_unlinked: bool, progress: Progress
) -> None:
    """Match and map every element of a file, ending in Mapped (or RefineFailed)."""
    with scope() as session:
        facts = _file_facts(session, file_id)
        if facts is None:
            return  # the file was deleted meanwhile: nothing to do
        rows = list(session.execute(select(*_ELEMENT_COLUMNS).where(Element.file_id == file_id)))
        terms = matching_terms(session, facts.database_ids)
        index = build_index(catalogue_entries(session, facts.database_ids), terms)
    languages = facts.languages or every_language(terms)
    options = MatchOptions(
        database_ids=facts.database_ids,
        languages=languages,
        allow_functional_unit_mismatch=facts.allow_functional_unit_mismatch,
    )
    matches = _match(rows, index, options, only_unlinked)
    _set_status(scope, file_id, FileStatus.MAPPING, len(rows) // 2)
    with scope() as session:
        resolver = MassResolver.load(
            session, {uuid.UUID(m.commodity_id) for m in matches.values()} | _kept_links(rows)
        )
    updates = list(_mapped_rows(rows, matches, facts, resolver, only_unlinked))
    for start in range(0, len(updates), CHUNK):
        with scope() as session:
            _write(session, updates[start : start + CHUNK])
        written = min(start + CHUNK, len(updates))
        # The first half of the progress is matching, the second half writing the links.
        progress(len(rows) // 2 + written * len(rows) // (2 * max(len(updates), 1)), len(rows))
    with scope() as session:
        _finish(session, file_id, len(rows))


def _file_facts(session: Session, file_id: uuid.UUID) -> FileFacts | None:
    """What refinement needs of a file; what the file leaves empty its upload presets give."""
    row = session.execute(
        select(BuildingFile, Building)
        .join(Building, Building.id == BuildingFile.building_id)
        .where(BuildingFile.id == file_id)
    ).first()
    if row is None:
        return None
    building_file, building = row
    presets = effective_for_building(session, building.id)
    classification = building_file.classification_type_id or presets.get("classification_type_id")
    return FileFacts(
        file_id=file_id,
        account_id=building_file.account_id,
        database_ids=selected_databases(
            session,
            building,
            building_file.preferred_database_ids or presets.get("preferred_database_ids") or [],
        ),
        languages=tuple(building_file.languages or presets.get("languages") or ()),
        classification_method=str(classification) if classification else None,
        default_phase=presets.get("default_phase") or default_phase_for_building(building.phase),
        allow_functional_unit_mismatch=bool(presets.get("allow_functional_unit_mismatch")),
    )


def every_language(terms: list[Any]) -> tuple[str, ...]:
    """[INTERP] A file that selects no languages matches against terms of every language."""
    return tuple(sorted({t.language for t in terms if t.language}))


def _match(
    rows: list[Any], index: Any, options: MatchOptions, only_unlinked: bool
) -> dict[str, Match]:
    children: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        if row.parent_element_id is not None:
            children[row.parent_element_id].append(row)
    tops = [
        row
        for row in rows
        if row.parent_element_id is None and not (only_unlinked and row.commodity_id is not None)
    ]
    elements = [_to_match(row, children) for row in tops]
    return match_elements(index, elements, options)


def _to_match(row: Any, children: dict[str, list[Any]]) -> ElementToMatch:
    subs = tuple(_to_match(child, children) for child in children.get(row.element_id, ()))
    return ElementToMatch(
        element_id=row.element_id,
        material_names=tuple(row.material_names or ([row.material_name] if row.material_name
                                                     else [])),
        type_name=row.type_name,
        madaster_id=str(row.material_id) if row.material_id else None,
        external_database_id=row.external_database_id,
        gtin=row.gtin,
        article_number_gln=row.article_number,
        volume=row.volume,
        area=row.area,
        length=row.length,
        count=row.count,
        weight=row.weight,
        sub_elements=subs,
    )


def _kept_links(rows: list[Any]) -> set[uuid.UUID]:
    return {row.commodity_id for row in rows if row.commodity_id is not None}


def _mapped_rows(
    rows: list[Any],
    matches: dict[str, Match],
    facts: FileFacts,
    resolver: MassResolver,
    only_unlinked: bool,
) -> Iterator[dict[str, Any]]:
    for row in rows:
        match = matches.get(row.element_id)
        if match is not None:
            commodity_id: uuid.UUID | None = uuid.UUID(match.commodity_id)
            info: dict[str, Any] | None = _match_info(match)
        elif only_unlinked and row.commodity_id is not None:
            commodity_id, info = row.commodity_id, row.match_info
        else:
            commodity_id, info = None, None
        commodity = resolver.commodity(commodity_id)
        yield {
            "b_pk": row.pk,
            "commodity_id": commodity_id,
            "commodity_type": resolver.wire_type(commodity),
            "match_info": info,
            "phase": phase_from_lookup(row.phase_lookup, facts.default_phase),
            "classification_code": classification_code(row.classification_lookup),
            "layer": layer_for(row.classification_lookup, facts.classification_method),
            "mass": resolver.element_mass(commodity, row),
        }


CODE_LENGTH = Element.__table__.c.classification_code.type.length


def classification_code(lookup: str | None) -> str | None:
    """An element's classification code is its lookup text, trimmed. A lookup longer than a
    code can be (64 characters; lookups may hold 200) names no code: the element keeps none."""
    code = (lookup or "").strip()
    return code if code and len(code) <= CODE_LENGTH else None


def _match_info(match: Match) -> dict[str, Any]:
    return {
        "databaseId": match.database_id,
        "step": match.step.value,
        "matchType": match.match_type.value if match.match_type else None,
        "term": None if match.term is None else {
            "value": match.term.value, "matchType": match.term.match_type.value,
            "language": match.term.language,
        },
        "subject": match.subject,
    }


def _write(session: Session, rows: list[dict[str, Any]]) -> None:
    columns = (
        "commodity_id",
        "commodity_type",
        "match_info",
        "phase",
        "classification_code",
        "layer",
        "mass",
    )
    stmt = (
        update(Element.__table__)
        .where(Element.__table__.c.pk == bindparam("b_pk"))
        .values({name: bindparam(f"b_{name}") for name in columns})
    )
    rows = [{"b_pk": r["b_pk"], **{f"b_{name}": r[name] for name in columns}} for r in rows]
    session.connection().execute(stmt, rows)


def _set_status(scope: SessionScope, file_id: uuid.UUID, status: FileStatus, done: int) -> None:
    with scope() as session:
        building_file = session.get(BuildingFile, file_id)
        if building_file is not None:
            building_file.status = status.value
            building_file.element_processed_count = done
            building_file.last_modified_date = utcnow()


def _finish(session: Session, file_id: uuid.UUID, total: int) -> None:
    building_file = session.get(BuildingFile, file_id)
    if building_file is None:
        return
    building_file.validation = validation_of(session, [file_id])
    building_file.status = FileStatus.MAPPED.value
    building_file.status_message = None
    building_file.element_count = total
    building_file.element_processed_count = total
    building_file.last_modified_date = utcnow()
    if building_file.is_active:
        mark_dirty(session, building_file.building_id)
