"""Elements of a source file (IFC objects, Excel rows or API-fed records) and their links."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from matbank.db import Base

Id = BigInteger().with_variant(Integer, "sqlite")
# A Python None is stored as SQL NULL, not as the JSON text 'null'.
NullableJSON = JSON(none_as_null=True)


class Element(Base):
    __tablename__ = "elements"

    pk: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    file_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("building_files.id", ondelete="CASCADE"), index=True
    )
    element_id: Mapped[str] = mapped_column(String(200))
    parent_element_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str | None] = mapped_column(String(400), nullable=True)
    material_name: Mapped[str | None] = mapped_column(String(1000), nullable=True)
    # Several material names of one element (an IFC material list); None: just material_name.
    material_names: Mapped[list[str] | None] = mapped_column(NullableJSON, nullable=True)
    material_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)
    external_database_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    type_name: Mapped[str | None] = mapped_column(String(400), nullable=True)
    element_class: Mapped[str | None] = mapped_column(String(100), nullable=True)
    volume: Mapped[float | None] = mapped_column(Float, nullable=True)
    area: Mapped[float | None] = mapped_column(Float, nullable=True)
    height: Mapped[float | None] = mapped_column(Float, nullable=True)
    width: Mapped[float | None] = mapped_column(Float, nullable=True)
    length: Mapped[float | None] = mapped_column(Float, nullable=True)
    weight: Mapped[float | None] = mapped_column(Float, nullable=True)
    count: Mapped[float | None] = mapped_column(Float, nullable=True)
    phase_lookup: Mapped[str | None] = mapped_column(String(200), nullable=True)
    classification_lookup: Mapped[str | None] = mapped_column(String(200), nullable=True)
    floor: Mapped[str | None] = mapped_column(String(200), nullable=True)
    gtin: Mapped[str | None] = mapped_column(String(64), nullable=True)
    article_number: Mapped[str | None] = mapped_column(String(200), nullable=True)
    building_numbers: Mapped[list[dict[str, Any]] | None] = mapped_column(
        NullableJSON, nullable=True
    )
    connection_type: Mapped[str] = mapped_column(String(32), default="Unknown")
    connection_type_detail: Mapped[str] = mapped_column(String(32), default="Unknown")
    intersection: Mapped[str] = mapped_column(String(32), default="Unknown")
    accessibility: Mapped[str] = mapped_column(String(32), default="Unknown")
    product_edge: Mapped[str] = mapped_column(String(32), default="Unknown")
    # Results of refinement and processing.
    commodity_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True, index=True)
    commodity_type: Mapped[str | None] = mapped_column(String(24), nullable=True)
    match_info: Mapped[dict[str, Any] | None] = mapped_column(NullableJSON, nullable=True)
    phase: Mapped[str | None] = mapped_column(String(24), nullable=True)
    classification_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    layer: Mapped[str | None] = mapped_column(String(24), nullable=True)
    mass: Mapped[float | None] = mapped_column(Float, nullable=True)
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Element-level overrides of the linked commodity (fractions 0..1, years).
    reuse: Mapped[float | None] = mapped_column(Float, nullable=True)
    available_for_reuse: Mapped[float | None] = mapped_column(Float, nullable=True)
    lifespan: Mapped[float | None] = mapped_column(Float, nullable=True)
    construction_waste: Mapped[float | None] = mapped_column(Float, nullable=True)
    installation_date: Mapped[date | None] = mapped_column(Date, nullable=True)

    __table_args__ = (UniqueConstraint("file_id", "element_id"),)
