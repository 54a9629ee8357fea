"""Building files, their elements and images, stored building results, dirty generation.

Revision ID: 5e1f0a7c9b31
Revises: 4c1f0b7e9a21
Create Date: 2026-11-24 23:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import matbank.db

revision = "5e1f0a7c9b31"
down_revision = "4c1f0b7e9a21"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "building_files",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("building_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=400), nullable=False),
        sa.Column("file_type", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("status_message", sa.Text(), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("is_dirty", sa.Boolean(), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=True),
        sa.Column("time_stamp", matbank.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("preferred_database_ids", sa.JSON(), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=True),
        sa.Column("classification_type_id", sa.Uuid(), nullable=True),
        sa.Column("file_size", sa.BigInteger(), nullable=False),
        sa.Column("storage_key", sa.String(length=500), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("element_count", sa.Integer(), nullable=False),
        sa.Column("element_processed_count", sa.Integer(), nullable=False),
        sa.Column("validation", sa.JSON(), nullable=True),
        sa.Column("passport_options", sa.JSON(), nullable=True),
        sa.Column("created_at", matbank.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("last_modified_date", matbank.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_building_files_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["building_id"],
            ["buildings.id"],
            name=op.f("fk_building_files_building_id_buildings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_building_files")),
    )
    op.create_index(
        op.f("ix_building_files_account_id"), "building_files", ["account_id"], unique=False
    )
    op.create_index(
        op.f("ix_building_files_building_id"), "building_files", ["building_id"], unique=False
    )
    op.create_table(
        "elements",
        sa.Column(
            "pk",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("file_id", sa.Uuid(), nullable=False),
        sa.Column("element_id", sa.String(length=200), nullable=False),
        sa.Column("parent_element_id", sa.String(length=200), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=400), nullable=True),
        sa.Column("material_name", sa.String(length=1000), nullable=True),
        sa.Column("material_names", sa.JSON(), nullable=True),
        sa.Column("material_id", sa.Uuid(), nullable=True),
        sa.Column("external_database_id", sa.String(length=200), nullable=True),
        sa.Column("type_name", sa.String(length=400), nullable=True),
        sa.Column("element_class", sa.String(length=100), nullable=True),
        sa.Column("volume", sa.Float(), nullable=True),
        sa.Column("area", sa.Float(), nullable=True),
        sa.Column("height", sa.Float(), nullable=True),
        sa.Column("width", sa.Float(), nullable=True),
        sa.Column("length", sa.Float(), nullable=True),
        sa.Column("weight", sa.Float(), nullable=True),
        sa.Column("count", sa.Float(), nullable=True),
        sa.Column("phase_lookup", sa.String(length=200), nullable=True),
        sa.Column("classification_lookup", sa.String(length=200), nullable=True),
        sa.Column("floor", sa.String(length=200), nullable=True),
        sa.Column("gtin", sa.String(length=64), nullable=True),
        sa.Column("article_number", sa.String(length=200), nullable=True),
        sa.Column("building_numbers", sa.JSON(), nullable=True),
        sa.Column("connection_type", sa.String(length=32), nullable=False),
        sa.Column("connection_type_detail", sa.String(length=32), nullable=False),
        sa.Column("intersection", sa.String(length=32), nullable=False),
        sa.Column("accessibility", sa.String(length=32), nullable=False),
        sa.Column("product_edge", sa.String(length=32), nullable=False),
        sa.Column("commodity_id", sa.Uuid(), nullable=True),
        sa.Column("commodity_type", sa.String(length=24), nullable=True),
        sa.Column("match_info", sa.JSON(), nullable=True),
        sa.Column("phase", sa.String(length=24), nullable=True),
        sa.Column("classification_code", sa.String(length=64), nullable=True),
        sa.Column("layer", sa.String(length=24), nullable=True),
        sa.Column("mass", sa.Float(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["building_files.id"],
            name=op.f("fk_elements_file_id_building_files"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_elements")),
        sa.UniqueConstraint("file_id", "element_id", name=op.f("uq_elements_file_id_element_id")),
    )
    op.create_index(op.f("ix_elements_commodity_id"), "elements", ["commodity_id"], unique=False)
    op.create_index(op.f("ix_elements_file_id"), "elements", ["file_id"], unique=False)

    with op.batch_alter_table("buildings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("dirty_generation", sa.Integer(), server_default="0", nullable=False)
        )
    op.create_table(
        "building_results",
        sa.Column("building_id", sa.Uuid(), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("computed_at", matbank.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("results", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["building_id"],
            ["buildings.id"],
            name=op.f("fk_building_results_building_id_buildings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("building_id", name=op.f("pk_building_results")),
    )

    op.create_table(
        "building_images",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("building_id", sa.Uuid(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("storage_key", sa.String(length=500), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("created_at", matbank.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["building_id"],
            ["buildings.id"],
            name=op.f("fk_building_images_building_id_buildings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_building_images")),
        sa.UniqueConstraint(
            "building_id", "file_name", name=op.f("uq_building_images_building_id_file_name")
        ),
    )
    op.create_index(
        op.f("ix_building_images_building_id"), "building_images", ["building_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_building_images_building_id"), table_name="building_images")
    op.drop_table("building_images")
    op.drop_table("building_results")
    with op.batch_alter_table("buildings", schema=None) as batch_op:
        batch_op.drop_column("dirty_generation")
    op.drop_index(op.f("ix_elements_file_id"), table_name="elements")
    op.drop_index(op.f("ix_elements_commodity_id"), table_name="elements")
    op.drop_table("elements")
    op.drop_index(op.f("ix_building_files_building_id"), table_name="building_files")
    op.drop_index(op.f("ix_building_files_account_id"), table_name="building_files")
    op.drop_table("building_files")
