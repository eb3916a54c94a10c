"""Danger statements and safety goals: the pairs, their editors, and group drafting.

The tab opens on the pairs: each danger statement with its safety goal beside
it, and what a pair still needs (a goal, some wording, a scale). Enter opens a
pair in the editor, which has a tab for the statement and one for its goal.

Each editor offers three ways to the wording, all feeding one full text (the
``text`` that is saved):

- the parts (who is worried, the behaviour, a real example, the impact...) with
  a live preview of the statement they make. While the full text still equals
  what the parts made, it follows them as you type; once edited by hand it is
  left alone, and "Use this wording" (ctrl+r) puts the preview back;
- the group's drafts, GSP style: each member's draft under their initials, side
  by side; the presenter picks one, or merges them into the full text to edit
  together. The drafts stay in the record;
- typing the full text directly.

The plain-language checker's suggestions sit beside the editor, updated a moment
after typing stops, each with its severity in words and its words highlighted.
They are suggestions: nothing here blocks.

Every change is made by the pod session (gq_pods.session), which autosaves and keeps undo.
Deleting asks first and can be undone with ctrl+z.

By concern: ``view`` (the questions asked, the findings in words), ``drafts``
(a member's draft), ``editors`` (a StatementEditor and a GoalEditor), ``pair``
(one pair, a tab each), ``pairs`` (the list of pairs) and ``panel`` (the tab).
"""

from __future__ import annotations

from .drafts import DraftCard
from .editors import GoalEditor, StatementEditor, WordingEditor
from .pair import PairEditor
from .pairs import PairRow, PairsOverview
from .panel import StatementsPanel
from .view import FAMILY_VIEW, GOAL_PARTS, STATEMENT_PARTS, Part, findings_view

__all__ = [
    "FAMILY_VIEW",
    "GOAL_PARTS",
    "STATEMENT_PARTS",
    "DraftCard",
    "GoalEditor",
    "PairEditor",
    "PairRow",
    "PairsOverview",
    "Part",
    "StatementEditor",
    "StatementsPanel",
    "WordingEditor",
    "findings_view",
]
