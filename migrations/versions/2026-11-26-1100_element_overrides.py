"""Element-level overrides: reuse, available for reuse, lifespan, construction waste.

Revision ID: 9d6a1f3c5e80
Revises: 8b4e2c6a0d17
Create Date: 2026-11-26 11:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "9d6a1f3c5e80"
down_revision = "8b4e2c6a0d17"
branch_labels = None
depends_on = None

COLUMNS = ("reuse", "available_for_reuse", "lifespan", "construction_waste")


def upgrade() -> None:
    with op.batch_alter_table("elements", schema=None) as batch_op:
        for name in COLUMNS:
            batch_op.add_column(sa.Column(name, sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("elements", schema=None) as batch_op:
        for name in reversed(COLUMNS):
            batch_op.drop_column(name)
