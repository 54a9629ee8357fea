"""Materials and products, their bills of materials and the data attached to them."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from matbank.db import Base, UtcDateTime, new_id, utcnow


class Commodity(Base):
    """A material or a product; the wire shapes of its nested blocks are kept as JSON."""

    __tablename__ = "commodities"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    database_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("material_databases.id", ondelete="CASCADE")
    )
    commodity_type: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    names: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    descriptions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    available_in: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    functional_unit: Mapped[str] = mapped_column(String(16), default="Volume")
    default_functional_unit_amount: Mapped[float | None] = mapped_column(Float, nullable=True)
    fixed_height: Mapped[float | None] = mapped_column(Float, nullable=True)
    fixed_area: Mapped[float | None] = mapped_column(Float, nullable=True)
    product_code: Mapped[str | None] = mapped_column(String(200), nullable=True)
    gtin: Mapped[str | None] = mapped_column(String(64), nullable=True)
    manufacturer: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    production_site: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    supplier: Mapped[str | None] = mapped_column(String(400), nullable=True)
    url: Mapped[str | None] = mapped_column(String(2000), nullable=True)
    lifespan: Mapped[int | None] = mapped_column(Integer, nullable=True)
    density: Mapped[float | None] = mapped_column(Float, nullable=True)
    weight: Mapped[float | None] = mapped_column(Float, nullable=True)
    do_not_use_bill_of_materials: Mapped[bool] = mapped_column(Boolean, default=False)
    calculate_environment_values_from_bill_of_materials: Mapped[bool] = mapped_column(
        Boolean, default=False
    )
    circularity: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # Material: {familyId: valueId}; Product: [{familyId, values: {valueId: fraction}}].
    material_families: Mapped[Any] = mapped_column(JSON, nullable=True)
    scaling: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # Where imported figures come from: {"density": ..., "circularity": ..., "lca": ...}.
    sources: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    __table_args__ = (
        Index("ix_commodities_database_id_id", "database_id", "id"),
        Index("ix_commodities_database_id_external_id", "database_id", "external_id"),
    )


class CommodityChild(Base):
    """One line of a product's bill of materials, per functional unit of the parent."""

    __tablename__ = "commodity_children"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    parent_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("commodities.id", ondelete="CASCADE"), index=True
    )
    child_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("commodities.id"), index=True)
    basis: Mapped[str] = mapped_column(String(16))
    quantity: Mapped[float] = mapped_column(Float)
    override_circularity: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class CommodityLca(Base):
    """A life-cycle assessment for one country and set of compliances (body kept as JSON)."""

    __tablename__ = "commodity_lcas"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    commodity_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("commodities.id", ondelete="CASCADE"), index=True
    )
    iso_code: Mapped[str] = mapped_column(String(2))
    compliance_key: Mapped[str] = mapped_column(String(400), default="")
    body: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    __table_args__ = (UniqueConstraint("commodity_id", "iso_code", "compliance_key"),)


def compliance_key(compliance: Sequence[str] | None) -> str:
    """LCAs of one country are told apart by their (sorted) compliance names."""
    return "|".join(sorted({c.strip() for c in compliance or [] if c.strip()}))[:400]


class CommodityFinancial(Base):
    """A financial setting for one country (body kept as JSON)."""

    __tablename__ = "commodity_financials"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    commodity_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("commodities.id", ondelete="CASCADE"), index=True
    )
    iso_code: Mapped[str] = mapped_column(String(2))
    body: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    __table_args__ = (UniqueConstraint("commodity_id", "iso_code"),)


class CommodityFile(Base):
    """A dossier file: an external link or an uploaded file kept in local storage."""

    __tablename__ = "commodity_files"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    commodity_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("commodities.id", ondelete="CASCADE"), index=True
    )
    folder_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    file_name: Mapped[str | None] = mapped_column(String(400), nullable=True)
    url: Mapped[str | None] = mapped_column(String(2000), nullable=True)
    tags: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    external_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    storage_key: Mapped[str | None] = mapped_column(String(400), nullable=True)
    content_type: Mapped[str | None] = mapped_column(String(200), nullable=True)
    size: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class CommodityImage(Base):
    """An image of a commodity, unique by name per commodity."""

    __tablename__ = "commodity_images"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    commodity_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("commodities.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(400))
    storage_key: Mapped[str] = mapped_column(String(400))
    content_type: Mapped[str] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("commodity_id", "name"),)


class MatchingTerm(Base):
    """A search criterion linking element names to a commodity; unique within a database."""

    __tablename__ = "matching_terms"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    commodity_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("commodities.id", ondelete="CASCADE"), index=True
    )
    database_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("material_databases.id", ondelete="CASCADE")
    )
    value: Mapped[str] = mapped_column(String(400))
    match_type: Mapped[str] = mapped_column(String(32))
    language: Mapped[str | None] = mapped_column(String(8), nullable=True)
    # The language or "" for "every language", so the unique constraint also covers null.
    language_key: Mapped[str] = mapped_column(String(8), default="")
    match_on_type_name: Mapped[bool | None] = mapped_column(Boolean, nullable=True)

    __table_args__ = (UniqueConstraint("database_id", "match_type", "language_key", "value"),)
