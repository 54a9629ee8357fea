"""Building processing clears isDirty only when no newer change arrived while it ran."""

from __future__ import annotations

from contextlib import contextmanager

from tests.factories import world

from matbank.buildings import processing
from matbank.buildings.models import Building, BuildingResults


def _scope(session_factory):
    @contextmanager
    def scope():
        with session_factory() as session:
            yield session
            session.commit()

    return scope


def test_processing_clears_dirty_and_stores_results(session, session_factory):
    w = world(session)
    w.building.is_dirty, w.building.dirty_generation = True, 3
    session.commit()
    processing.process_building(_scope(session_factory), w.building.id)
    session.expire_all()
    assert session.get(Building, w.building.id).is_dirty is False
    stored = session.get(BuildingResults, w.building.id)
    assert stored.generation == 3 and stored.results["mass"]["total"] == 0


def test_a_change_during_processing_keeps_the_building_dirty(session, session_factory,
                                                             monkeypatch):
    w = world(session)
    w.building.is_dirty, w.building.dirty_generation = True, 1
    session.commit()
    original = processing.calculate

    def totals_while_someone_edits(*args):
        with session_factory() as other:
            other.get(Building, w.building.id).dirty_generation = 2
            other.commit()
        return original(*args)

    monkeypatch.setattr(processing, "calculate", totals_while_someone_edits)
    processing.process_building(_scope(session_factory), w.building.id)
    session.expire_all()
    assert session.get(Building, w.building.id).is_dirty is True
    assert session.get(BuildingResults, w.building.id).generation == 1
