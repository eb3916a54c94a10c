"""The parts checklist beside a statement or goal editor.

Each part of a good danger statement (who is worried, what the adult does, a real
example and when, what it means for the child) or safety goal (what the carer will
do, a presence, who checks, for how long) with a tick or a cross and a word, never
colour alone. It reads the checker's ``parts``; the editor calls ``show`` with the
wording as it is now, wherever it shows the checker's suggestions:

    PartsChecklist.beside(self.findings, "statement").show(text, team_words)

The checklist is a few lines that never change in number, so updating it as the
practitioner types costs no new layout. The checker is imported only when a
checklist is first shown, never before the first frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

if TYPE_CHECKING:
    from gq_pods.checker import TeamWords

KINDS = {
    "statement": "danger-statement",
    "goal": "safety-goal",
    "danger-statement": "danger-statement",
    "safety-goal": "safety-goal",
}
HINT_ONLY = {"Who will see or check it"}  # the checker's one part that is a hint, not a problem


def checklist_view(checklist: list[tuple[str, bool]]) -> Content:
    """The checklist as lines a person reads: '✓ Who is worried', '✗ What the adult does: missing'."""
    lines = [Content("The parts").stylize("bold")]
    for label, present in checklist:
        if present:
            lines.append(Content(f"\u2713 {label}"))
        elif label in HINT_ONLY:
            lines.append(Content(f"\u2717 {label}: worth adding"))
        else:
            lines.append(Content(f"\u2717 {label}: ").stylize("bold") + Content("missing"))
    return Content("\n").join(lines)


class PartsChecklist(Static):
    """Which parts of a good statement or goal the wording has, ticked or crossed."""

    def __init__(self, kind: str, **kwargs) -> None:
        super().__init__(classes="parts-checklist", **kwargs)
        self.kind = KINDS[kind]

    @classmethod
    def beside(cls, findings: Widget, kind: str) -> PartsChecklist:
        """The checklist just after ``findings`` (the checker's suggestions), made the first time.

        After, not before: on a small screen the suggestions (which start with the wording
        itself) keep the few lines there are, and the checklist is a scroll below them.
        """
        parent = findings.parent
        if parent is not None:
            for sibling in parent.children:
                if isinstance(sibling, cls):
                    return sibling
        checklist = cls(kind)
        if parent is not None:
            parent.mount(checklist, after=findings)
        return checklist

    def show(self, text: str, team: TeamWords | None = None) -> None:
        """Tick the parts ``text`` has. The checker failing never costs the practitioner their work."""
        try:
            from gq_pods import checker

            content = checklist_view(checker.parts(text, self.kind, team=team))
        except Exception as error:
            from gq_pods import crashlog

            crashlog.write(error)
            content = Content("The checklist is not available for this text.")
        current = self.content
        if not isinstance(current, Content) or current.plain != content.plain:
            self.update(content)
