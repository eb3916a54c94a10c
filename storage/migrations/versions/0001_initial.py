"""The first layout: pods and every list in a pod record.

Revision ID: 0001
Revises:
Create Date: 2026-11-26

Frozen history: this file spells out its tables rather than importing
storage.tables (which describes the newest layout).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _text(name: str) -> sa.Column:
    return sa.Column(name, sa.Text, nullable=False)


def _child(name: str, *columns: sa.Column | sa.Constraint, unique: tuple[str, ...] = ("pod_id", "position")) -> None:
    op.create_table(
        name,
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("pod_id", sa.Integer, nullable=False),
        *columns,
        sa.PrimaryKeyConstraint("id", name=f"pk_{name}"),
        sa.ForeignKeyConstraint(["pod_id"], ["pods.id"], ondelete="CASCADE", name=f"fk_{name}_pod_id_pods"),
        sa.UniqueConstraint(*unique, name=f"uq_{name}_{'_'.join(unique)}"),
    )


def upgrade() -> None:
    op.create_table(
        "pods",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("date", sa.Date, nullable=False),
        _text("style"),
        _text("title"),
        _text("team"),
        _text("case_reason"),
        _text("case_reference"),
        _text("focus_question"),
        sa.Column("manager_present", sa.Boolean, nullable=False),
        _text("status"),
        sa.Column("practice", sa.Boolean, nullable=False),
        sa.Column("reflection_focus_question_answered", sa.Text, nullable=True),
        _text("reflection_pleased_with"),
        _text("reflection_most_useful"),
        _text("reflection_learning"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_pods_date_id", "pods", ["date", "id"])

    position = lambda: sa.Column("position", sa.Integer, nullable=False)  # noqa: E731

    _child("participants", position(), _text("name"), _text("role"))
    _child(
        "people",
        position(),
        _text("key"),
        _text("name"),
        _text("relationship"),
        _text("kind"),
        sa.Column("age", sa.Integer, nullable=True),
        sa.Column("in_household", sa.Boolean, nullable=False),
    )
    _child(
        "map_items",
        _text("section"),
        position(),
        _text("text"),
        unique=("pod_id", "section", "position"),
    )
    _child(
        "next_steps",
        position(),
        _text("text"),
        _text("owner"),
        sa.Column("due", sa.Date, nullable=True),
        _text("status"),
    )
    _child(
        "danger_statements",
        position(),
        _text("key"),
        _text("who_is_worried"),
        _text("behaviour"),
        _text("example"),
        _text("impact"),
        _text("text"),
    )
    _child(
        "safety_goals",
        position(),
        _text("key"),
        _text("danger_statement"),
        _text("caregiver_actions"),
        _text("child_experience"),
        _text("professionals_will_see"),
        _text("duration"),
        _text("text"),
    )
    _child("scales", position(), _text("about"), _text("question"))
    _child(
        "scale_scores",
        sa.Column("scale_id", sa.Integer, nullable=False),
        position(),
        _text("who"),
        sa.Column("score", sa.Integer, nullable=False),
        _text("reason"),
        _text("next_point"),
        sa.ForeignKeyConstraint(
            ["scale_id"], ["scales.id"], ondelete="CASCADE", name="fk_scale_scores_scale_id_scales"
        ),
        unique=("scale_id", "position"),
    )
    op.create_index("ix_scale_scores_pod_id", "scale_scores", ["pod_id"])
    _child("bottom_lines", position(), _text("text"))
    _child("contingencies", position(), _text("trigger"), _text("response"), _text("who"))
    _child(
        "stage_records",
        position(),
        _text("key"),
        _text("title"),
        _text("notes"),
        sa.Column("seconds_spent", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    for name in (
        "stage_records",
        "contingencies",
        "bottom_lines",
        "scale_scores",
        "scales",
        "safety_goals",
        "danger_statements",
        "next_steps",
        "map_items",
        "people",
        "participants",
    ):
        op.drop_table(name)
    op.drop_index("ix_pods_date_id", table_name="pods")
    op.drop_table("pods")
