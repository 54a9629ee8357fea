"""The audit_events table: one row per authenticated write.

Revision ID: 8b4e2c6a0d17
Revises: 7a2d4e6f8b10
Create Date: 2026-11-26 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import matbank.db

revision = "8b4e2c6a0d17"
down_revision = "7a2d4e6f8b10"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_events",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("at", matbank.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=True),
        sa.Column("token_id", sa.Uuid(), nullable=True),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("path", sa.String(length=2000), nullable=False),
        sa.Column("resource_ids", sa.JSON(), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    op.create_index(
        "ix_audit_events_account_id_at", "audit_events", ["account_id", "at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_audit_events_account_id_at", table_name="audit_events")
    op.drop_table("audit_events")
