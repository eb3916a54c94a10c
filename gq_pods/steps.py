"""Next steps due, across the team's pods, and what became of each.

A next step (agreed with the manager, or an idea for supervision) is open until
someone records what became of it: done, not done (and why), or no longer
needed. :class:`DueStep` is one open step as the steps view and
``gq-pods steps`` list it; :func:`order` puts them soonest due first, undated
last. :func:`check_outcome` is the one rule for recording an outcome (the
repository and the screens both use it).

Plain Python: no Textual, no storage.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass

from .model import OUTCOME_LABELS, OUTCOMES
from .rules import step_is_agreed
from .text import clean

MAX_INITIALS = 8
MAX_REASON = 500


class OutcomeRefused(ValueError):
    """An outcome that cannot be recorded; ``str(error)`` says why in plain words."""


@dataclass(frozen=True)
class DueStep:
    pod_id: int
    pod_title: str
    pod_date: _dt.date
    index: int  # the step's place in its pod's next steps, from 0
    text: str
    owner: str
    due: _dt.date | None
    status: str  # "agreed" or "idea"
    outcome: str  # "" (not asked yet) or "not_done"
    outcome_reason: str
    manager_present: bool = True  # at the step's pod: without the manager nothing was agreed

    @property
    def is_idea(self) -> bool:
        """An idea for supervision, not a step agreed with the manager."""
        return not step_is_agreed(self.status, self.manager_present)

    def overdue(self, today: _dt.date) -> bool:
        return self.due is not None and self.due < today


def order(steps: Iterable[DueStep]) -> list[DueStep]:
    """Soonest due first, undated last; then the older pod first, then the step's place."""
    return sorted(
        steps, key=lambda s: (s.due is None, s.due or _dt.date.min, s.pod_date, s.pod_id, s.index)
    )


def check_outcome(outcome: str, reason: str, by: str) -> tuple[str, str]:
    """The reason and initials to keep, cleaned; raises :class:`OutcomeRefused`.

    ``outcome`` is one of OUTCOMES, or "" to clear what was recorded (then
    reason and initials are cleared too). Initials are required and short; the
    reason is cleaned of control characters and at most MAX_REASON characters.
    """
    if outcome == "":
        return "", ""
    if outcome not in OUTCOMES:
        raise OutcomeRefused(
            "Say whether the step was " + ", ".join(OUTCOME_LABELS[o].lower() for o in OUTCOMES) + "."
        )
    initials = " ".join(clean(by).split())
    if not initials:
        raise OutcomeRefused("Add your initials, so the team knows who recorded this.")
    if len(initials) > MAX_INITIALS:
        raise OutcomeRefused(f"Initials are at most {MAX_INITIALS} characters, like JR.")
    why = clean(reason).strip()
    if len(why) > MAX_REASON:
        raise OutcomeRefused(f"Keep the reason to {MAX_REASON} characters; it has {len(why):,}.")
    return why, initials


def open_outcome(outcome: str) -> bool:
    """Still on the list: nothing recorded yet, or not done."""
    return outcome in ("", "not_done")


__all__ = ["MAX_INITIALS", "MAX_REASON", "DueStep", "OutcomeRefused", "check_outcome", "open_outcome", "order"]
