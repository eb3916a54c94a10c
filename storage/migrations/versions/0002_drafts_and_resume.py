"""Group drafting and resuming a pod where it was left.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26

Adds the drafts table, the stage a pod was left at, the pod file's ``extra``
object, a danger statement's acknowledgement and the family's view, and a
safety goal's network.

``pods`` is changed with ``batch_alter_table(recreate="always")`` on SQLite:
the table is copied, dropped and renamed. Dropping ``pods`` with foreign keys
on would cascade-delete every child row, so storage.migrate runs migrations
with ``PRAGMA foreign_keys=OFF`` and checks ``foreign_key_check`` before
committing. (A test proves the children survive.)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context, op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _on_sqlite() -> bool:
    return context.get_context().dialect.name == "sqlite"


def upgrade() -> None:
    with op.batch_alter_table(
        "pods",
        recreate="always" if _on_sqlite() else "auto",
        table_kwargs={"sqlite_autoincrement": True},
    ) as batch:
        batch.add_column(sa.Column("current_stage", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("extra_json", sa.Text, nullable=False, server_default="{}"))

    op.add_column(
        "danger_statements", sa.Column("acknowledgement", sa.Text, nullable=False, server_default="")
    )
    op.add_column("danger_statements", sa.Column("family_view", sa.Text, nullable=False, server_default=""))
    op.add_column("safety_goals", sa.Column("network", sa.Text, nullable=False, server_default=""))

    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("pod_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("owner", sa.Text, nullable=False),
        sa.Column("owner_position", sa.Integer, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_drafts"),
        sa.ForeignKeyConstraint(["pod_id"], ["pods.id"], ondelete="CASCADE", name="fk_drafts_pod_id_pods"),
        sa.UniqueConstraint(
            "pod_id", "kind", "owner_position", "position", name="uq_drafts_pod_id_kind_owner_position_position"
        ),
    )


def downgrade() -> None:
    op.drop_table("drafts")
    with op.batch_alter_table("safety_goals") as batch:
        batch.drop_column("network")
    with op.batch_alter_table("danger_statements") as batch:
        batch.drop_column("family_view")
        batch.drop_column("acknowledgement")
    with op.batch_alter_table(
        "pods",
        recreate="always" if _on_sqlite() else "auto",
        table_kwargs={"sqlite_autoincrement": True},
    ) as batch:
        batch.drop_column("extra_json")
        batch.drop_column("current_stage")
