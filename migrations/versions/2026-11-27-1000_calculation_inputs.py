"""Calculation inputs: the installation date of an element (B4 replacements).

Revision ID: c2d5f8a1b463
Revises: b7c4e1a9d302
Create Date: 2026-11-27 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c2d5f8a1b463"
down_revision = "b7c4e1a9d302"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("elements", schema=None) as batch_op:
        batch_op.add_column(sa.Column("installation_date", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("elements", schema=None) as batch_op:
        batch_op.drop_column("installation_date")
