"""Commodities of material databases: bills of materials, LCAs, financial settings, dossier
files, images and matching terms.

Revision ID: 3c0a4d1b7e52
Revises: daf5943a2277
Create Date: 2026-11-25 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import matbank.db

revision = "3c0a4d1b7e52"
down_revision = "daf5943a2277"
branch_labels = None
depends_on = None


def _id() -> sa.Column:
    return sa.Column("id", sa.Uuid(), nullable=False)


def _commodity_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["commodity_id"],
        ["commodities.id"],
        name=op.f(f"fk_{table}_commodity_id_commodities"),
        ondelete="CASCADE",
    )


def _index_commodity_id(table: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f"ix_{table}_commodity_id"), ["commodity_id"])


def upgrade() -> None:
    _create_commodities()
    _create_children()
    _create_attachments()
    _create_matching_terms()


def _create_commodities() -> None:
    op.create_table(
        "commodities",
        _id(),
        sa.Column("database_id", sa.Uuid(), nullable=False),
        sa.Column("commodity_type", sa.String(length=16), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.Column("names", sa.JSON(), nullable=False),
        sa.Column("descriptions", sa.JSON(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("available_in", sa.JSON(), nullable=True),
        sa.Column("functional_unit", sa.String(length=16), nullable=False),
        sa.Column("default_functional_unit_amount", sa.Float(), nullable=True),
        sa.Column("fixed_height", sa.Float(), nullable=True),
        sa.Column("fixed_area", sa.Float(), nullable=True),
        sa.Column("product_code", sa.String(length=200), nullable=True),
        sa.Column("gtin", sa.String(length=64), nullable=True),
        sa.Column("manufacturer", sa.JSON(), nullable=True),
        sa.Column("production_site", sa.JSON(), nullable=True),
        sa.Column("supplier", sa.String(length=400), nullable=True),
        sa.Column("url", sa.String(length=2000), nullable=True),
        sa.Column("lifespan", sa.Integer(), nullable=True),
        sa.Column("density", sa.Float(), nullable=True),
        sa.Column("weight", sa.Float(), nullable=True),
        sa.Column("do_not_use_bill_of_materials", sa.Boolean(), nullable=False),
        sa.Column(
            "calculate_environment_values_from_bill_of_materials", sa.Boolean(), nullable=False
        ),
        sa.Column("circularity", sa.JSON(), nullable=True),
        sa.Column("material_families", sa.JSON(), nullable=True),
        sa.Column("scaling", sa.JSON(), nullable=True),
        sa.Column("sources", sa.JSON(), nullable=True),
        sa.Column("created_at", matbank.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", matbank.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["database_id"],
            ["material_databases.id"],
            name=op.f("fk_commodities_database_id_material_databases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commodities")),
    )
    with op.batch_alter_table("commodities", schema=None) as batch_op:
        batch_op.create_index("ix_commodities_database_id_id", ["database_id", "id"])
        batch_op.create_index(
            "ix_commodities_database_id_external_id", ["database_id", "external_id"]
        )


def _create_children() -> None:
    op.create_table(
        "commodity_children",
        _id(),
        sa.Column("parent_id", sa.Uuid(), nullable=False),
        sa.Column("child_id", sa.Uuid(), nullable=False),
        sa.Column("basis", sa.String(length=16), nullable=False),
        sa.Column("quantity", sa.Float(), nullable=False),
        sa.Column("override_circularity", sa.JSON(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["commodities.id"],
            name=op.f("fk_commodity_children_child_id_commodities"),
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["commodities.id"],
            name=op.f("fk_commodity_children_parent_id_commodities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commodity_children")),
    )
    with op.batch_alter_table("commodity_children", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_commodity_children_child_id"), ["child_id"])
        batch_op.create_index(batch_op.f("ix_commodity_children_parent_id"), ["parent_id"])


def _create_attachments() -> None:
    op.create_table(
        "commodity_lcas",
        _id(),
        sa.Column("commodity_id", sa.Uuid(), nullable=False),
        sa.Column("iso_code", sa.String(length=2), nullable=False),
        sa.Column("compliance_key", sa.String(length=400), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        _commodity_fk("commodity_lcas"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commodity_lcas")),
        sa.UniqueConstraint(
            "commodity_id",
            "iso_code",
            "compliance_key",
            name=op.f("uq_commodity_lcas_commodity_id_iso_code_compliance_key"),
        ),
    )
    _index_commodity_id("commodity_lcas")
    op.create_table(
        "commodity_financials",
        _id(),
        sa.Column("commodity_id", sa.Uuid(), nullable=False),
        sa.Column("iso_code", sa.String(length=2), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        _commodity_fk("commodity_financials"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commodity_financials")),
        sa.UniqueConstraint(
            "commodity_id", "iso_code", name=op.f("uq_commodity_financials_commodity_id_iso_code")
        ),
    )
    _index_commodity_id("commodity_financials")
    op.create_table(
        "commodity_files",
        _id(),
        sa.Column("commodity_id", sa.Uuid(), nullable=False),
        sa.Column("folder_id", sa.Uuid(), nullable=False),
        sa.Column("file_name", sa.String(length=400), nullable=True),
        sa.Column("url", sa.String(length=2000), nullable=True),
        sa.Column("tags", sa.JSON(), nullable=True),
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.Column("storage_key", sa.String(length=400), nullable=True),
        sa.Column("content_type", sa.String(length=200), nullable=True),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.Column("created_at", matbank.db.UtcDateTime(timezone=True), nullable=False),
        _commodity_fk("commodity_files"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commodity_files")),
    )
    _index_commodity_id("commodity_files")
    op.create_table(
        "commodity_images",
        _id(),
        sa.Column("commodity_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=400), nullable=False),
        sa.Column("storage_key", sa.String(length=400), nullable=False),
        sa.Column("content_type", sa.String(length=200), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("created_at", matbank.db.UtcDateTime(timezone=True), nullable=False),
        _commodity_fk("commodity_images"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commodity_images")),
        sa.UniqueConstraint(
            "commodity_id", "name", name=op.f("uq_commodity_images_commodity_id_name")
        ),
    )
    _index_commodity_id("commodity_images")


def _create_matching_terms() -> None:
    op.create_table(
        "matching_terms",
        _id(),
        sa.Column("commodity_id", sa.Uuid(), nullable=False),
        sa.Column("database_id", sa.Uuid(), nullable=False),
        sa.Column("value", sa.String(length=400), nullable=False),
        sa.Column("match_type", sa.String(length=32), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("language_key", sa.String(length=8), nullable=False),
        sa.Column("match_on_type_name", sa.Boolean(), nullable=True),
        _commodity_fk("matching_terms"),
        sa.ForeignKeyConstraint(
            ["database_id"],
            ["material_databases.id"],
            name=op.f("fk_matching_terms_database_id_material_databases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_matching_terms")),
        sa.UniqueConstraint(
            "database_id",
            "match_type",
            "language_key",
            "value",
            name=op.f("uq_matching_terms_database_id_match_type_language_key_value"),
        ),
    )
    _index_commodity_id("matching_terms")


def downgrade() -> None:
    for table in (
        "matching_terms",
        "commodity_images",
        "commodity_files",
        "commodity_financials",
        "commodity_lcas",
        "commodity_children",
        "commodities",
    ):
        op.drop_table(table)
