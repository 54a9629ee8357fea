"""Passport presets at account, folder and building level.

Revision ID: b7c4e1a9d302
Revises: 9d6a1f3c5e80
Create Date: 2026-11-27 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import matbank.db

revision = "b7c4e1a9d302"
down_revision = "9d6a1f3c5e80"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "passport_presets",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("folder_id", sa.Uuid(), nullable=True),
        sa.Column("building_id", sa.Uuid(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("passport_type", sa.String(length=32), nullable=False),
        sa.Column("sections", sa.JSON(), nullable=False),
        sa.Column("environmental", sa.JSON(), nullable=True),
        sa.Column("created_at", matbank.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", matbank.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_passport_presets_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["folder_id"],
            ["folders.id"],
            name=op.f("fk_passport_presets_folder_id_folders"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["building_id"],
            ["buildings.id"],
            name=op.f("fk_passport_presets_building_id_buildings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_passport_presets")),
    )
    for column in ("account_id", "folder_id", "building_id"):
        op.create_index(
            op.f(f"ix_passport_presets_{column}"), "passport_presets", [column], unique=False
        )


def downgrade() -> None:
    op.drop_table("passport_presets")
