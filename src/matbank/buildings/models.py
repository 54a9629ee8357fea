"""Buildings (Madaster "objects"): general data, labels, lifespans and status flags."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from matbank.db import Base, UtcDateTime, new_id, utcnow

Str = String(400)


class Building(Base):
    __tablename__ = "buildings"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    account_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    folder_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("folders.id"), index=True)
    external_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    name: Mapped[str] = mapped_column(Str)
    phase: Mapped[str] = mapped_column(String(16))
    design_stage: Mapped[str] = mapped_column(String(32), default="Unknown")
    cadastral_designation: Mapped[str | None] = mapped_column(Str, nullable=True)
    cadastral_area: Mapped[int] = mapped_column(Integer, default=0)
    parcel_number: Mapped[str | None] = mapped_column(Str, nullable=True)
    public_law_restriction: Mapped[str | None] = mapped_column(Text, nullable=True)
    completion_date: Mapped[datetime] = mapped_column(UtcDateTime)
    last_renovation_date: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    address_street: Mapped[str | None] = mapped_column(Str, nullable=True)
    address_housenumber: Mapped[str | None] = mapped_column(String(40), nullable=True)
    address_housenumber_addition: Mapped[str | None] = mapped_column(String(40), nullable=True)
    address_zipcode: Mapped[str | None] = mapped_column(String(40), nullable=True)
    address_city: Mapped[str | None] = mapped_column(Str, nullable=True)
    address_country: Mapped[str | None] = mapped_column(Str, nullable=True)
    building_usage: Mapped[str] = mapped_column(String(100))
    building_usage_other_description: Mapped[str | None] = mapped_column(Str, nullable=True)
    gross_surface_area: Mapped[float | None] = mapped_column(Float, nullable=True)
    gross_internal_area: Mapped[float | None] = mapped_column(Float, nullable=True)
    gross_asset_value: Mapped[float | None] = mapped_column(Float, nullable=True)
    energy_label: Mapped[str | None] = mapped_column(String(40), nullable=True)
    beng1: Mapped[float | None] = mapped_column(Float, nullable=True)
    beng2: Mapped[float | None] = mapped_column(Float, nullable=True)
    beng3: Mapped[float | None] = mapped_column(Float, nullable=True)
    rto: Mapped[float | None] = mapped_column(Float, nullable=True)
    energy_index: Mapped[float | None] = mapped_column(Float, nullable=True)
    expected_lifespan: Mapped[int | None] = mapped_column(Integer, nullable=True)
    expected_lifespan_structure: Mapped[int | None] = mapped_column(Integer, nullable=True)
    expected_lifespan_skin: Mapped[int | None] = mapped_column(Integer, nullable=True)
    expected_lifespan_services: Mapped[int | None] = mapped_column(Integer, nullable=True)
    expected_lifespan_space_plan: Mapped[int | None] = mapped_column(Integer, nullable=True)
    expected_lifespan_stuff: Mapped[int | None] = mapped_column(Integer, nullable=True)
    breeam_label: Mapped[int] = mapped_column(Integer, default=0)
    breeam_registration_number: Mapped[str | None] = mapped_column(String(100), nullable=True)
    gpr_score_energy: Mapped[float | None] = mapped_column(Float, nullable=True)
    gpr_score_health: Mapped[float | None] = mapped_column(Float, nullable=True)
    gpr_score_future_value: Mapped[float | None] = mapped_column(Float, nullable=True)
    gpr_score_usage_quality: Mapped[float | None] = mapped_column(Float, nullable=True)
    gpr_score_environment: Mapped[float | None] = mapped_column(Float, nullable=True)
    mpg_label: Mapped[float | None] = mapped_column(Float, nullable=True)
    leed_label: Mapped[str | None] = mapped_column(String(100), nullable=True)
    well_score_building: Mapped[int | None] = mapped_column(Integer, nullable=True)
    well_score_interior: Mapped[int | None] = mapped_column(Integer, nullable=True)
    well_score_core_and_shell: Mapped[int | None] = mapped_column(Integer, nullable=True)
    classification_type: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)
    material_classification_type_id: Mapped[str] = mapped_column(String(64))
    prepared_by: Mapped[str | None] = mapped_column(Str, nullable=True)
    owner_name: Mapped[str | None] = mapped_column(Str, nullable=True)
    owner_address_line1: Mapped[str | None] = mapped_column(Str, nullable=True)
    owner_address_line2: Mapped[str | None] = mapped_column(Str, nullable=True)
    owner_zipcode: Mapped[str | None] = mapped_column(String(40), nullable=True)
    owner_city: Mapped[str | None] = mapped_column(Str, nullable=True)
    owner_country_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    geo_latitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    geo_longitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    is_dirty: Mapped[bool] = mapped_column(Boolean, default=False)
    has_dirty_elements: Mapped[bool] = mapped_column(Boolean, default=False)
    # Bumped by every change that invalidates results; processing clears isDirty only when
    # the generation it computed is still the newest.
    dirty_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    most_recent_bim_info: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    __table_args__ = (UniqueConstraint("account_id", "external_id"),)


class BuildingResults(Base):
    """The results of the latest building processing, stored so reads never recompute."""

    __tablename__ = "building_results"

    building_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("buildings.id", ondelete="CASCADE"), primary_key=True
    )
    generation: Mapped[int] = mapped_column(Integer, default=0)
    computed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    results: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
