"""Practice attempts, kept apart from the team's pods.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

Adds the table ``practice_attempts``: one row for each pod a practitioner opened
from a practice scenario. The attempt's map, statements and scales are an ordinary
pod (so the same screens edit it and the same record exports it); this row marks
that pod as an attempt at a scenario, so the pods list, ``export --all`` and the
team's counts leave it out, and it keeps what the comparison with the model
answer found, so the learner's progress survives a scenario file that changes or
goes away. Deleting the pod deletes its attempt row.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "practice_attempts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("pod_id", sa.Integer, sa.ForeignKey("pods.id", ondelete="CASCADE"), nullable=False),
        sa.Column("scenario_id", sa.Text, nullable=False),
        sa.Column("scenario_title", sa.Text, nullable=False, server_default=""),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("compared_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("facts_total", sa.Integer, nullable=True),
        sa.Column("facts_matched", sa.Integer, nullable=True),
        sa.Column("statements", sa.Integer, nullable=True),
        sa.Column("statement_problems", sa.Integer, nullable=True),
        sa.Column("key_points_total", sa.Integer, nullable=True),
        sa.Column("key_points_covered", sa.Integer, nullable=True),
        sa.Column("self_rating", sa.Integer, nullable=True),
        sa.Column("do_differently", sa.Text, nullable=False, server_default=""),
        sa.UniqueConstraint("pod_id"),
        sa.Index(None, "scenario_id"),
    )


def downgrade() -> None:
    op.drop_table("practice_attempts")
