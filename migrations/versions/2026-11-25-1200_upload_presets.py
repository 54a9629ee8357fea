"""Upload presets at account, folder and building level.

Revision ID: 7a3c5e9b1d24
Revises: 5e1f0a7c9b31
Create Date: 2026-11-25 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import matbank.db

revision = "7a3c5e9b1d24"
down_revision = "5e1f0a7c9b31"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "upload_presets",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("folder_id", sa.Uuid(), nullable=True),
        sa.Column("building_id", sa.Uuid(), nullable=True),
        sa.Column("scope_key", sa.String(length=64), nullable=False),
        sa.Column("classification_type_id", sa.Uuid(), nullable=True),
        sa.Column("default_phase", sa.String(length=16), nullable=True),
        sa.Column("database_ids", sa.JSON(), nullable=True),
        sa.Column("languages", sa.JSON(), nullable=True),
        sa.Column("excluded_ifc_types", sa.JSON(), nullable=True),
        sa.Column("property_names", sa.JSON(), nullable=True),
        sa.Column("allow_functional_unit_mismatch", sa.Boolean(), nullable=True),
        sa.Column("updated_at", matbank.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_upload_presets_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["folder_id"],
            ["folders.id"],
            name=op.f("fk_upload_presets_folder_id_folders"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["building_id"],
            ["buildings.id"],
            name=op.f("fk_upload_presets_building_id_buildings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_upload_presets")),
        sa.UniqueConstraint("scope_key", name=op.f("uq_upload_presets_scope_key")),
    )
    for column in ("account_id", "folder_id", "building_id"):
        op.create_index(
            op.f(f"ix_upload_presets_{column}"), "upload_presets", [column], unique=False
        )


def downgrade() -> None:
    op.drop_table("upload_presets")
