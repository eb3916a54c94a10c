"""The child's own views, and the record's author, next review and manager's decision.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

Adds four columns to ``pods``: ``childs_views`` (the child's own words and
views), ``record_author`` (who wrote the record), ``next_review`` (the date of
the next pod or review, or none) and ``manager_decision`` (the manager's
decision, when the manager was there). Pods stored before this have them empty.

Plain ``ADD COLUMN``s with defaults, as 0003: SQLite and PostgreSQL add them in
place, so ``pods`` is not rebuilt and no child row is at risk.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TEXT_COLUMNS = ("childs_views", "record_author", "manager_decision")


def upgrade() -> None:
    for name in TEXT_COLUMNS:
        op.add_column("pods", sa.Column(name, sa.Text, nullable=False, server_default=""))
    op.add_column("pods", sa.Column("next_review", sa.Date, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("pods", table_kwargs={"sqlite_autoincrement": True}) as batch:
        for name in (*TEXT_COLUMNS, "next_review"):
            batch.drop_column(name)
