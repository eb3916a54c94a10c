"""Every pod carries a version, so two copies of the app never overwrite each other.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

Adds ``pods.version``: how many times the pod has been saved. A save writes
only if the version it read is still the stored one, and counts it up in the
same transaction; otherwise the copy merges the other copy's changes first.
Pods stored before this start at version 1.

A plain ``ADD COLUMN`` with a default: SQLite and PostgreSQL both add it in
place, so ``pods`` is not rebuilt and no child row is at risk.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("pods", sa.Column("version", sa.Integer, nullable=False, server_default="1"))


def downgrade() -> None:
    with op.batch_alter_table("pods", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_column("version")
