"""The tables that hold pods: SQLAlchemy Core, one ``MetaData``.

This is the layout at the newest migration (head). The migrations in
``migrations/versions`` are the history that gets an older database here; a
test checks that a database built by them matches a database built from this
file, column for column.

Every list in a pod is a child table with ``pod_id`` (``ON DELETE CASCADE``)
and ``position`` (its place in the list, from 0). Text columns are ``Text``
everywhere: a practitioner's words are never cut short by a length limit.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
)

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _text(name: str) -> Column:
    return Column(name, Text, nullable=False)


def _pod_id() -> Column:
    return Column("pod_id", Integer, ForeignKey("pods.id", ondelete="CASCADE"), nullable=False)


def _position() -> Column:
    return Column("position", Integer, nullable=False)


pods = Table(
    "pods",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("date", Date, nullable=False),
    _text("style"),
    _text("title"),
    _text("team"),
    _text("case_reason"),
    _text("case_reference"),
    _text("focus_question"),
    Column("manager_present", Boolean, nullable=False),
    _text("status"),
    Column("practice", Boolean, nullable=False),
    Column("reflection_focus_question_answered", Text, nullable=True),
    _text("reflection_pleased_with"),
    _text("reflection_most_useful"),
    _text("reflection_learning"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    # 0002
    Column("current_stage", Text, nullable=False, server_default=""),
    Column("extra_json", Text, nullable=False, server_default="{}"),
    # 0003: counts the pod's saves; a save writes only over the version it read
    Column("version", Integer, nullable=False, server_default="1"),
    # 0004: the child's own views, the record's author, the next review, the manager's decision
    Column("childs_views", Text, nullable=False, server_default=""),
    Column("record_author", Text, nullable=False, server_default=""),
    Column("manager_decision", Text, nullable=False, server_default=""),
    Column("next_review", Date, nullable=True),
    # 0006: the pod this one follows up (its case's pod before). Not a foreign key: deleting a
    # pod joins its chain up again (the repository points its follower at its predecessor).
    # Unique: a case's pods form one line, so no two pods follow the same pod.
    Column("follows", Integer, nullable=True),
    Index(None, "date", "id"),
    Index(None, "follows", unique=True),
    # never reuse a deleted pod's id: a screen still holding it must not save onto another pod
    sqlite_autoincrement=True,
)

participants = Table(
    "participants",
    metadata,
    Column("id", Integer, primary_key=True),
    _pod_id(),
    _position(),
    _text("name"),
    _text("role"),
    UniqueConstraint("pod_id", "position"),
)

people = Table(
    "people",
    metadata,
    Column("id", Integer, primary_key=True),
    _pod_id(),
    _position(),
    _text("key"),
    _text("name"),
    _text("relationship"),
    _text("kind"),
    Column("age", Integer, nullable=True),
    Column("in_household", Boolean, nullable=False),
    UniqueConstraint("pod_id", "position"),
)

map_items = Table(
    "map_items",
    metadata,
    Column("id", Integer, primary_key=True),
    _pod_id(),
    _text("section"),
    _position(),
    _text("text"),
    # 0006: carried over from the pod before, and what the group made of it ("" added here)
    Column("carried", Text, nullable=False, server_default=""),
    UniqueConstraint("pod_id", "section", "position"),
)

next_steps = Table(
    "next_steps",
    metadata,
    Column("id", Integer, primary_key=True),
    _pod_id(),
    _position(),
    _text("text"),
    _text("owner"),
    Column("due", Date, nullable=True),
    _text("status"),
    # 0006: what became of the step, asked at the next pod
    Column("outcome", Text, nullable=False, server_default=""),
    Column("outcome_reason", Text, nullable=False, server_default=""),
    Column("outcome_by", Text, nullable=False, server_default=""),
    Column("outcome_on", Date, nullable=True),
    UniqueConstraint("pod_id", "position"),
)

danger_statements = Table(
    "danger_statements",
    metadata,
    Column("id", Integer, primary_key=True),
    _pod_id(),
    _position(),
    _text("key"),
    _text("who_is_worried"),
    _text("behaviour"),
    _text("example"),
    _text("impact"),
    _text("text"),
    # 0002
    Column("acknowledgement", Text, nullable=False, server_default=""),
    Column("family_view", Text, nullable=False, server_default=""),
    UniqueConstraint("pod_id", "position"),
)

safety_goals = Table(
    "safety_goals",
    metadata,
    Column("id", Integer, primary_key=True),
    _pod_id(),
    _position(),
    _text("key"),
    _text("danger_statement"),
    _text("caregiver_actions"),
    _text("child_experience"),
    _text("professionals_will_see"),
    _text("duration"),
    _text("text"),
    # 0002
    Column("network", Text, nullable=False, server_default=""),
    UniqueConstraint("pod_id", "position"),
)

scales = Table(
    "scales",
    metadata,
    Column("id", Integer, primary_key=True),
    _pod_id(),
    _position(),
    _text("about"),
    _text("question"),
    UniqueConstraint("pod_id", "position"),
)

scale_scores = Table(
    "scale_scores",
    metadata,
    Column("id", Integer, primary_key=True),
    _pod_id(),
    Column("scale_id", Integer, ForeignKey("scales.id", ondelete="CASCADE"), nullable=False),
    _position(),
    _text("who"),
    Column("score", Integer, nullable=False),
    _text("reason"),
    _text("next_point"),
    UniqueConstraint("scale_id", "position"),
    Index(None, "pod_id"),
)

bottom_lines = Table(
    "bottom_lines",
    metadata,
    Column("id", Integer, primary_key=True),
    _pod_id(),
    _position(),
    _text("text"),
    UniqueConstraint("pod_id", "position"),
)

contingencies = Table(
    "contingencies",
    metadata,
    Column("id", Integer, primary_key=True),
    _pod_id(),
    _position(),
    _text("trigger"),
    _text("response"),
    _text("who"),
    UniqueConstraint("pod_id", "position"),
)

stage_records = Table(
    "stage_records",
    metadata,
    Column("id", Integer, primary_key=True),
    _pod_id(),
    _position(),
    _text("key"),
    _text("title"),
    _text("notes"),
    Column("seconds_spent", Integer, nullable=False),
    UniqueConstraint("pod_id", "position"),
)

# 0002: one member's draft of a danger statement or safety goal (GSP drafting).
# ``owner`` is the statement's or goal's key ("ds1"); ``owner_position`` is its
# place in the pod's list, so drafts go back to the right one even if two
# share a key (or have none yet).
drafts = Table(
    "drafts",
    metadata,
    Column("id", Integer, primary_key=True),
    _pod_id(),
    _text("kind"),  # 'danger_statement' | 'safety_goal'
    _text("owner"),
    Column("owner_position", Integer, nullable=False),
    _text("author"),
    _text("text"),
    _position(),
    UniqueConstraint("pod_id", "kind", "owner_position", "position"),
)

# 0005: a pod opened from a practice scenario is an attempt, kept apart from the team's pods
# (not in the pods list, export --all or the team's counts). The pod holds the attempt's
# map and statements; this row holds which scenario, and what comparing with the model found.
practice_attempts = Table(
    "practice_attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    _pod_id(),
    _text("scenario_id"),
    Column("scenario_title", Text, nullable=False, server_default=""),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("compared_at", DateTime(timezone=True), nullable=True),
    Column("facts_total", Integer, nullable=True),
    Column("facts_matched", Integer, nullable=True),
    Column("statements", Integer, nullable=True),
    Column("statement_problems", Integer, nullable=True),
    Column("key_points_total", Integer, nullable=True),
    Column("key_points_covered", Integer, nullable=True),
    Column("self_rating", Integer, nullable=True),
    Column("do_differently", Text, nullable=False, server_default=""),
    UniqueConstraint("pod_id"),
    Index(None, "scenario_id"),
)

# Children of a pod, deepest first (the order to delete them in by hand).
POD_CHILDREN = (
    scale_scores,
    scales,
    drafts,
    participants,
    people,
    map_items,
    next_steps,
    danger_statements,
    safety_goals,
    bottom_lines,
    contingencies,
    stage_records,
)

# Rows kept beside a pod, not part of its record (not in the pod file, not rewritten on a
# save); deleting the pod deletes them.
POD_ASIDE = (practice_attempts,)
