"""Marking a building's results stale and queueing their recalculation."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from matbank import jobs
from matbank.buildings.models import Building

PROCESS_TASK = "buildings.process"


def mark_dirty(session: Session, building_id: uuid.UUID) -> None:
    """The building's results are stale until the queued processing job has run.

    Every change bumps the dirty generation, so processing that started earlier cannot
    clear ``isDirty`` over a newer change; at most one processing job waits in the queue.
    """
    building = session.get(Building, building_id)
    if building is not None:
        building.is_dirty = True
        building.dirty_generation = (building.dirty_generation or 0) + 1
    jobs.enqueue(session, PROCESS_TASK, {"building_id": str(building_id)},
                 dedupe_key=f"process:{building_id}")
