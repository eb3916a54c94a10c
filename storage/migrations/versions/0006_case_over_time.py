"""The case over time: follow-up pods and what became of each next step.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

Adds:

* ``pods.follows``: the id of the pod this one follows up (null for a pod that
  follows none), with a unique index, so a case's pods form one line;
* ``map_items.carried``: for an item carried over from the pod before, what the
  group made of it (``to_review``, ``still_true``, ``changed``, ``no_longer``);
  empty for an item added at the pod;
* ``next_steps.outcome``, ``outcome_reason``, ``outcome_on``, ``outcome_by``:
  what became of a step (``done``, ``not_done``, ``not_needed``), why, on which
  day and recorded by whom (initials).

Plain ``ADD COLUMN``s with defaults (as 0003 and 0004): SQLite and PostgreSQL
add them in place, so no table is rebuilt and no row is at risk. Pods stored
before this follow none, and their items and steps have nothing recorded.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

STEP_TEXT = ("outcome", "outcome_reason", "outcome_by")


def upgrade() -> None:
    op.add_column("pods", sa.Column("follows", sa.Integer, nullable=True))
    op.create_index("ix_pods_follows", "pods", ["follows"], unique=True)
    op.add_column("map_items", sa.Column("carried", sa.Text, nullable=False, server_default=""))
    for name in STEP_TEXT:
        op.add_column("next_steps", sa.Column(name, sa.Text, nullable=False, server_default=""))
    op.add_column("next_steps", sa.Column("outcome_on", sa.Date, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("next_steps") as batch:
        for name in (*STEP_TEXT, "outcome_on"):
            batch.drop_column(name)
    with op.batch_alter_table("map_items") as batch:
        batch.drop_column("carried")
    op.drop_index("ix_pods_follows", table_name="pods")
    with op.batch_alter_table("pods", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_column("follows")
