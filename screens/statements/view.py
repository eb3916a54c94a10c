"""What the statements tab asks and shows, as plain data and functions (no widgets with state).

The questions each editor asks (the parts of a danger statement and of a safety
goal), the checker's findings turned into words with the text highlighted, and
the team's words for a statement and a goal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from textual.content import Content
from textual.widgets import Static

from gq_pods.rules import singular
from gq_pods.teamconfig import TeamConfig

from ..text import plain

CHECK_DELAY = 0.3  # seconds after typing stops before the suggestions update
NARROW = 100  # below this many columns the suggestions sit under the editor


# ------------------------------------------------------------------ what each editor asks


@dataclass(frozen=True)
class Part:
    field: str
    label: str
    hint: str


STATEMENT_PARTS = (
    Part("who_is_worried", "Who is worried?", "Name them: 'The school and Jo, the social worker'"),
    Part(
        "behaviour",
        "What does the parent or carer do that worries them?",
        "What they do, in plain words: 'when Dean drinks he shouts at Lisa and pushes her'",
    ),
    Part("example", "A real example", "like in March when ..."),
    Part(
        "impact",
        "What could happen to the child if nothing changes?",
        "Short and long term: 'Amy could be hurt and grow up frightened'",
    ),
    Part(
        "acknowledgement",
        "Optional: what the family has already done well (opens the statement)",
        "'Lisa has kept Amy's nursery place going through a hard year.'",
    ),
)

GOAL_PARTS = (
    Part(
        "caregiver_actions",
        "What will the parent or carer be doing?",
        "Something they will do, not stop doing: 'Dean and Lisa will sort out arguments calmly'",
    ),
    Part("child_experience", "What will the child experience?", "'Amy will feel safe and relaxed at home'"),
    Part("professionals_will_see", "What will professionals see?", "'The nursery will see Amy arriving settled'"),
    Part("duration", "For how long?", "'for six months' or 'until the review in March'"),
    Part(
        "network",
        "Who in the safety network knows the plan and helps?",
        "'Pat knows the plan and will check in every week'",
    ),
)

FAMILY_VIEW = Part(
    "family_view",
    "Optional: the family's view, where they disagree (kept with the statement)",
    "'Dean says it only happened once.'",
)


def show(widget: Static, content: Content) -> None:
    """Update a Static only when what it shows changes (each update costs a layout)."""
    current = widget.content
    if not isinstance(current, Content) or (current.plain, current.spans) != (content.plain, content.spans):
        widget.update(content)


def findings_view(text: str, findings: Iterable[object]) -> Content:
    """The checker's findings in words, and the text with each finding's words highlighted.

    Problems are shown reversed and underlined, hints underlined; a finding about the
    whole text is listed but not highlighted. User text is never read as markup.
    """
    findings = list(findings)
    lines: list[Content] = []
    if not findings:
        if text.strip():
            return Content("No suggestions: this reads clearly.")
        return Content("Suggestions appear here as you write.")

    def span(f: object) -> tuple[int, int]:
        start = max(0, min(len(text), int(getattr(f, "start", 0))))
        end = max(start, min(len(text), int(getattr(f, "end", 0))))
        return start, end

    marked = [f for f in findings if span(f)[1] > span(f)[0] and span(f) != (0, len(text))]
    if text.strip():
        bounds = sorted({0, len(text), *(p for f in marked for p in span(f))})
        pieces: list[Content] = []
        for a, b in zip(bounds, bounds[1:]):
            covering = [f for f in marked if span(f)[0] <= a and b <= span(f)[1]]
            if any(getattr(f, "severity", "") == "problem" for f in covering):
                pieces.append(plain(text[a:b]).stylize("reverse underline"))
            elif covering:
                pieces.append(plain(text[a:b]).stylize("underline"))
            else:
                pieces.append(plain(text[a:b]))
        lines.append(Content("").join(pieces))
        lines.append(Content(""))

    for f in findings:
        severity = "Problem" if getattr(f, "severity", "") == "problem" else "Hint"
        line = Content(f"{severity}: ").stylize("bold") + plain(str(getattr(f, "message", "")))
        start, end = span(f)
        if end > start and (start, end) != (0, len(text)):
            words = text[start:end]
            if len(words) > 40:
                words = words[:39] + "\u2026"
            line = line + Content("  (") + plain(words).stylize("underline") + Content(")")
        lines.append(line)
    return Content("\n").join(lines)


def excerpt(text: str) -> Content:
    return plain(text) if text.strip() else Content("(not written yet)")


def statement_label(team: TeamConfig) -> str:
    """The team's word for one danger statement."""
    return singular(team.label("danger_statements"))


def goal_label(team: TeamConfig) -> str:
    """The team's word for one safety goal."""
    return singular(team.label("safety_goals"))
