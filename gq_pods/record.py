"""The pod record as markdown: for the learning log, supervision and the child's file.

``render_markdown(pod)`` gives the whole record, marked OFFICIAL-SENSITIVE at the
top and the bottom. It is written to read well three ways: in any markdown
viewer, as plain text, and pasted into a case system. Sections with nothing in
them are left out. Standard library only.

User text can never change the document's structure
------------------------------------------------------
Every piece of text a practitioner typed (and every team label or stage title)
goes through one function, :func:`inline_text`, which makes it safe as inline
markdown text:

- The record is read in many renderers (CommonMark viewers, GitHub, Python-Markdown,
  mistune, pandoc), and they do not honour the same backslash escapes: Python-Markdown
  shows ``\\<`` as a backslash and a live ``<``. So a backslash is used only where all of
  them honour it, ``\\ ` * _ { } [ ]`` anywhere, and ``#`` at the start or in a closing
  run at the end of a line. Everything else markup-significant is written as a
  character reference: ``< >`` (``&lt; &gt;``: no HTML, no autolinks), ``&`` when it
  would start a reference (``&amp;``), ``| ~ $ ^ @`` (tables, line blocks,
  strikethrough, pandoc's math, superscripts and citations, e-mail links), and the
  ``:`` of ``://`` and the ``.`` of ``www.`` (bare links).
- Characters that only mean something at the start of a line are escaped there:
  ``# + -`` and the ``(`` of ``(a)`` with a backslash, ``= :`` as references, and
  the ``.`` or ``)`` after digits, a letter or a roman numeral (``1.``, ``a)``,
  ``iv.``: pandoc's lists).
- Spaces, tabs and other white space at the start of a line are written as
  numeric character references (``&#32;``), so they are kept and can never
  indent a line into a code block.
- A newline the practitioner typed becomes a hard line break in the same block:
  a backslash at the end of the line in paragraphs and list items (the next line
  indented to stay in the list item), ``<br>`` in table cells and headings.
- Control characters (other than newline and tab), lone surrogates, the line and
  paragraph separators, and the bidirectional formatting characters (U+202A to
  U+202E, U+2066 to U+2069, and the marks U+200E, U+200F, U+061C) are shown
  visibly as ``{U+202E}``: they cannot reorder or hide text, and a reader can
  see that something odd was pasted in.
- A field holding only white space counts as empty. Blank lines at the start of
  a field and white space at its end are not content and are dropped.

Plain text from a practitioner is mostly left exactly as typed: ``Amy's``,
``Lisa & Pat``, ``(age 3)`` and ``Dad?`` need no escaping.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence

from .rules import goal_is_empty as _goal_is_empty
from .rules import singular as _singular
from .rules import statement_is_empty as _statement_is_empty
from .rules import step_is_agreed as _step_is_agreed
from .scaling import is_revealed, question_for
from .text import newlines

from .model import (
    DEFAULT_SCALE_QUESTION,
    OUTCOME_LABELS,
    SECTION_LABELS,
    STATUS_LABELS,
    DangerStatement,
    NextStep,
    Pod,
    SafetyGoal,
    Scale,
)

MARKING = "OFFICIAL-SENSITIVE"

ROLE_LABELS = {
    "facilitator": "facilitator",
    "presenter": "presenter",
    "advisor": "advisor",
    "scribe": "scribe",
    "manager": "manager",
    "member": "member",
}
REASON_LABELS = {"new": "New case", "stuck": "Stuck case", "challenging": "Challenging case"}
ANSWER_LABELS = {"yes": "Yes", "partly": "Partly", "no": "No"}
AGREED = "Agreed"
IDEA = "Idea for supervision"


def practice_notice(scenario_title: str) -> str:
    """What a practice attempt's record says first: what it is, and what it is not."""
    return (
        f"This is a practice attempt at the scenario \u201c{clean_text(scenario_title) or 'Untitled'}\u201d. "
        "The case is fictional: this is not a case record, and nothing in it belongs on a child's file."
    )


NO_MANAGER = (
    "No manager was at the pod, so the next steps are ideas for the presenter to take "
    "to supervision, not decisions."
)
# A practice attempt has one person and no manager: its next steps are practice, not ideas for anyone.
PRACTICE_STEPS = "Practice: these next steps are for learning, not for any child's plan."

# ---------------------------------------------------------------- escaping

PARAGRAPH_BREAK = "\\\n"  # a hard line break inside a paragraph
CELL_BREAK = "<br>"  # a hard line break inside a table cell or heading

_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
# Backslash escapes, for characters every renderer honours them for (Python-Markdown
# honours only \ ` * _ { } [ ] ( ) > # + - . ! and, with tables, |).
_ANYWHERE = re.compile(r"([\\`*_{}\[\]])")
_HASH = re.compile(r"^#|#(?=#*\s*$)")
_LIST_NUMBER = r"(?:\d+|[A-Za-z]|[ivxlcdm]+|[IVXLCDM]+)"  # 1. a) iv. (pandoc's fancy lists too)
_LINE_START = re.compile(r"^([+\-]|\((?=" + _LIST_NUMBER + r"\)(?:\s|$)))")
_NUMBERED = re.compile(r"^(" + _LIST_NUMBER + r")([.)])(?=\s|$)")
# Character references, for characters some renderer reads as markup and does not let a
# backslash escape: HTML and autolinks (< >), references (&), tables and line blocks (|),
# strikethrough and subscript (~), pandoc's math ($), superscript (^) and citations and
# e-mail autolinks (@), bare links (the : of ://, the . of www.), and = and : at the start
# of a line (setext headings, definition lists, fenced divs).
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "|": "&#124;", "~": "&#126;", "$": "&#36;", "^": "&#94;",
             "@": "&#64;"}
_AS_ENTITY = re.compile(r"^[=:]|[<>|~$^@]|&(?=#?[0-9A-Za-z]+;)|:(?=//)|(?<=\b[wW]{3})\.")
# pandoc reads "[ ] ", "[x] " or "[X] " opening a list item as a tick box, brackets escaped
# or not (a newer pandoc's can be ticked): not with the white space after it as a reference.
_TICK_BOX = re.compile(r"^(\\\[[ xX]\\\])([ \t])")


def _shown(ch: str) -> str:
    """A character as the reader should see it: itself, or {U+XXXX} if it is invisible trouble."""
    if ch in "\n\t":
        return ch
    if ch in _BIDI or unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp"):
        return f"{{U+{ord(ch):04X}}}"
    return ch


def clean_text(text: str) -> str:
    """A field's content: newlines made uniform, blank lines at the start and white space at the end dropped."""
    text = newlines(text or "").rstrip()
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines)


def is_blank(text: str | None) -> bool:
    return not (text or "").strip()


def _escape_line(line: str) -> str:
    line = "".join(_shown(ch) for ch in line)
    body = line.lstrip()
    lead = line[: len(line) - len(body)]
    body = _ANYWHERE.sub(r"\\\1", body)
    body = _HASH.sub(r"\\#", body)
    body = _LINE_START.sub(r"\\\1", body)
    body = _NUMBERED.sub(r"\1\\\2", body)
    body = _AS_ENTITY.sub(_reference, body)
    body = _TICK_BOX.sub(lambda found: f"{found.group(1)}&#{ord(found.group(2))};", body)
    return "".join(f"&#{ord(ch)};" for ch in lead) + body


def _reference(match: re.Match[str]) -> str:
    ch = match.group()
    return _ENTITIES.get(ch) or f"&#{ord(ch)};"


def inline_text(text: str | None, newline: str = PARAGRAPH_BREAK) -> str:
    """``text`` as inline markdown that shows exactly that text and can never start a block.

    ``newline`` joins the lines the practitioner typed: :data:`PARAGRAPH_BREAK`
    (plus indentation inside a list item) or :data:`CELL_BREAK`.
    """
    return newline.join(_escape_line(line) for line in clean_text(text or "").split("\n"))


# ---------------------------------------------------------------- small helpers


def _date(day: _dt.date | None) -> str:
    if day is None:
        return ""
    return f"{day:%A} {day.day} {day:%B %Y}"


def _short_date(day: _dt.date | None) -> str:
    if day is None:
        return ""
    return f"{day.day} {day:%B %Y}"


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _humanise(key: str) -> str:
    words = key.replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else "Stage"


def _minutes(seconds: int) -> str:
    seconds = max(int(seconds or 0), 0)
    if 0 < seconds < 30:
        return "under 1"
    return str(round(seconds / 60))


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A pipe table. Cells are already escaped; columns are padded when that keeps lines short."""
    rows = [list(r) for r in rows]
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows)]
    widths = [max(w, 3) for w in widths]
    pad = sum(widths) + 3 * len(widths) + 1 <= 100

    def line(cells: Sequence[str]) -> str:
        if pad:
            cells = [c.ljust(w) for c, w in zip(cells, widths)]
        return "| " + " | ".join(cells) + " |"

    delimiter = "|" + "|".join("-" * (w + 2) if pad else "---" for w in widths) + "|"
    return [line(header), delimiter, *(line(r) for r in rows), ""]


def _block(lines: list[str]) -> list[str]:
    return [*lines, ""] if lines else []


# ---------------------------------------------------------------- two ways to write it


class _Markdown:
    """The record as markdown: user text escaped (see the top of this module), tables as pipe tables."""

    def text(self, text: str | None, indent: int = 2) -> str:
        """Text in a list item, whose continuation lines are indented by ``indent``."""
        return inline_text(text, PARAGRAPH_BREAK + " " * indent)

    def para(self, text: str | None) -> str:
        return inline_text(text)

    def strong(self, written: str) -> str:
        """Bold, around text already written by this style."""
        return f"**{written}**"

    def heading(self, level: int, text: str) -> list[str]:
        return ["#" * level + " " + inline_text(text, CELL_BREAK), ""]

    def title(self, text: str) -> str:
        """A line that names what follows (a goal, a scale) without being a heading."""
        return self.strong(self.para(text))

    def table(self, header: Sequence[str], rows: Iterable[Sequence[str]], total: Sequence[str] | None = None) -> list[str]:
        cells = [[inline_text(cell, CELL_BREAK) for cell in row] for row in rows]
        if total:
            cells.append([self.strong(inline_text(total[0])), *(inline_text(cell) for cell in total[1:])])
        return _table(header, cells)


class _PlainText(_Markdown):
    """The record as plain text, for pasting into a case system.

    No markup and no escapes at all: user text shows exactly as typed, except that
    control and bidirectional characters are shown as {U+XXXX} like everywhere else.
    Headings are underlined (= and -) or end with a colon, tables become labelled
    lines, and a typed newline stays a newline, indented to stay in its item.
    """

    def text(self, text: str | None, indent: int = 2) -> str:
        lines = clean_text(text or "").split("\n")
        return ("\n" + " " * indent).join("".join(_shown(ch) for ch in line) for line in lines)

    def para(self, text: str | None) -> str:
        return self.text(text, 0)

    def strong(self, written: str) -> str:
        return written

    def heading(self, level: int, text: str) -> list[str]:
        title = self.para(text)
        if level <= 2:
            width = max(len(line) for line in title.split("\n"))
            return [title, ("=" if level == 1 else "-") * max(width, 3), ""]
        return [self.title(text), ""]

    def title(self, text: str) -> str:
        title = self.para(text)
        return title if title.endswith((":", "?")) else title + ":"

    def table(self, header: Sequence[str], rows: Iterable[Sequence[str]], total: Sequence[str] | None = None) -> list[str]:
        lines = []
        for row in rows:
            filled = [(label, cell) for label, cell in zip(header, row) if not is_blank(cell)]
            for n, (label, cell) in enumerate(filled):
                lines.append(f"{'- ' if n == 0 else '  '}{label}: {self.text(cell, 4)}")
        if total:  # Total minutes: 5
            lines += [f"- {total[0]} {label.lower()}: {cell}" for label, cell in zip(header[1:], total[1:]) if cell]
        return [*lines, ""]


def statement_text(statement: DangerStatement) -> str:
    """The statement as agreed, or built from its parts when only those are known."""
    if not is_blank(statement.text):
        return statement.text
    parts = (statement.who_is_worried, statement.behaviour, statement.example, statement.impact)
    return " ".join(clean_text(p) for p in parts if not is_blank(p))


def goal_text(goal: SafetyGoal) -> str:
    if not is_blank(goal.text):
        return goal.text
    parts = (goal.caregiver_actions, goal.child_experience, goal.professionals_will_see, goal.duration)
    return " ".join(clean_text(p) for p in parts if not is_blank(p))


def _range(scale: Scale | None) -> str:
    if scale is None or not scale.scores:
        return ""
    scores = [s.score for s in scale.scores]
    low, high = min(scores), max(scores)
    return str(low) if low == high else f"{low} to {high}"


def _step_status(pod: Pod, status: str) -> str:
    return AGREED if _step_is_agreed(status, pod.manager_present) else IDEA


# How a map item carried over from the pod before is marked in the record.
CARRIED_NOTES = {
    "to_review": "from last time, not reviewed yet",
    "still_true": "from last time: still true",
    "changed": "from last time: changed",
    "no_longer": "from last time: no longer so",
}


def _outcome(step: NextStep) -> str:
    """What became of a step, in words: "Not done, 2 December 2026 (JR): Pat was in hospital." ("" if not asked)."""
    if not (step.outcome or step.outcome_on or not is_blank(step.outcome_by) or not is_blank(step.outcome_reason)):
        return ""
    said = OUTCOME_LABELS.get(step.outcome, step.outcome) if step.outcome else "Not asked yet"
    if step.outcome_on is not None:
        said += f", {_short_date(step.outcome_on)}"
    if not is_blank(step.outcome_by):
        said += f" ({step.outcome_by})"
    if not is_blank(step.outcome_reason):
        said += f": {step.outcome_reason}"
    return said


def chain_to(pod: Pod, chain: Sequence[Pod] | None) -> list[Pod]:
    """The chain of pods up to ``pod`` (oldest first, ``pod`` itself last, as it is now).

    ``chain`` is the case's pods as stored (any of them, oldest first); pods after
    ``pod`` are left out, so an older pod's record tells the case as it was then.
    """
    if not chain:
        return [pod]
    ids = [p.id for p in chain]
    if pod.id is not None and pod.id in ids:
        return [*chain[: ids.index(pod.id)], pod]
    if pod.follows is not None and pod.follows in ids:
        return [*chain[: ids.index(pod.follows) + 1], pod]
    return [pod]


def _scores_shown(pod: Pod) -> Pod:
    """``pod`` without the scores still hidden for a reveal (as the record's own scales leave them out)."""
    from .scaling import unrevealed_scales

    if not unrevealed_scales(pod):
        return pod
    import copy

    pod = copy.deepcopy(pod)
    for scale in unrevealed_scales(pod):
        scale.scores = []
    return pod


# ---------------------------------------------------------------- the record


class _Record:
    def __init__(
        self,
        pod: Pod,
        stage_titles: dict[str, str] | None,
        labels: dict[str, str] | None,
        style: _Markdown,
        practice_scenario: str | None = None,
        chain: Sequence[Pod] | None = None,
        story_stages: Collection[str] | None = None,
    ):
        if story_stages is None:
            from .stages import stages_for

            story_stages = stages_for(pod.style).story_keys
        self.story_stages = frozenset(story_stages)
        self.pod = pod
        self.practice_scenario = practice_scenario
        self.chain = chain_to(pod, chain)
        self.s = style
        self.stage_titles = stage_titles or {}
        self.labels = {**SECTION_LABELS, **(labels or {})}
        self.out: list[str] = []

    def label(self, section: str) -> str:
        return self.labels.get(section) or SECTION_LABELS.get(section, section)

    def heading(self, level: int, text: str) -> None:
        self.out += self.s.heading(level, text)

    def para(self, text: str) -> None:
        if not is_blank(text):
            self.out += [self.s.para(text), ""]

    def add(self, lines: list[str]) -> None:
        self.out += _block(lines)

    def fields(self, pairs: Iterable[tuple[str, str | None]], indent: int = 0) -> list[str]:
        """A list of 'Label: text' items (the label in bold in markdown), leaving out empty ones."""
        space = " " * indent
        return [
            f"{space}- {self.s.strong(label + ('' if label.endswith('?') else ':'))} {self.s.text(value, indent + 2)}"
            for label, value in pairs
            if not is_blank(value)
        ]

    # ------------------------------------------------------------ sections

    def render(self) -> str:
        pod = self.pod
        self.out += [self.s.strong(MARKING), ""]
        if not is_blank(pod.title):
            title = pod.title
        elif not is_blank(pod.case_reference):
            title = f"Pod record: {pod.case_reference}"
        else:
            title = "Pod record"
        self.heading(1, title)
        if self.practice_scenario is not None:
            self.para(practice_notice(self.practice_scenario))
        self.facts()
        self.who_was_there()
        self.since_last_pod()
        if not is_blank(pod.focus_question):
            self.heading(2, "Focus question")
            self.para(pod.focus_question)
        self.story()
        if not is_blank(pod.childs_views):
            self.heading(2, "The child's views, in their own words")
            self.para(pod.childs_views)
        self.people()
        self.map()
        self.overall_scale()
        self.simple_list("Bottom lines", [b.text for b in pod.bottom_lines])
        self.contingencies()
        self.reflection()
        self.stages()
        if self.practice_scenario is None:  # a fictional case has no child's file
            self.summary()
        self.out += [self.s.strong(MARKING)]
        return "\n".join(self.out) + "\n"

    def facts(self) -> None:
        pod = self.pod
        pairs = [
            ("Date", _date(pod.date)),
            ("Team", pod.team),
            ("Style", pod.style_label),
            ("Why it came to the pod", REASON_LABELS.get(pod.case_reason, pod.case_reason)),
            ("Case reference", pod.case_reference),
        ]
        if self.practice_scenario is not None:
            pairs.append(("Practice attempt", "Yes, at a fictional scenario: not a case record"))
        elif pod.practice:
            pairs.append(("Practice pod", "Yes, for practice and learning"))
        pairs.append(("Status", STATUS_LABELS.get(pod.status, pod.status)))
        pairs.append(("Record written by", pod.record_author))
        pairs.append(("Next pod or review", _date(pod.next_review)))
        self.add(self.fields(pairs))

    def who_was_there(self) -> None:
        pod = self.pod
        self.heading(2, "Who was there")
        self.add(
            [
                f"- {self.s.text(p.name) if not is_blank(p.name) else 'Name not given'}, "
                f"{self.s.text(ROLE_LABELS.get(p.role, p.role))}"
                for p in pod.participants
            ]
        )
        if pod.manager_present:
            manager = pod.participant_with_role("manager")
            who = f"The manager, {clean_text(manager.name)}," if manager and not is_blank(manager.name) else "The manager"
            self.para(f"{who} was at the pod, so next steps marked {AGREED} are decisions.")
            if not is_blank(pod.manager_decision):
                self.add(self.fields([("The manager's decision", pod.manager_decision)]))
        elif self.practice_scenario is None:
            self.para(NO_MANAGER)

    def people(self) -> None:
        groups = [
            ("Living with the child", lambda p: p.in_household),
            ("Family", lambda p: not p.in_household and p.kind == "family"),
            ("Network", lambda p: not p.in_household and p.kind == "network"),
            ("Professionals", lambda p: not p.in_household and p.kind == "professional"),
            (
                "Others",
                lambda p: not p.in_household and p.kind not in ("family", "network", "professional"),
            ),
        ]
        if not self.pod.people:
            return
        self.heading(2, "People around the child")
        for title, belongs in groups:
            members = [p for p in self.pod.people if belongs(p)]
            if not members:
                continue
            self.heading(3, title)
            lines = []
            for person in members:
                bits = [self.s.text(person.name) if not is_blank(person.name) else "Name not given"]
                if not is_blank(person.relationship):
                    bits.append(self.s.text(person.relationship))
                if person.age is not None:
                    bits.append("under 1" if person.age < 1 else f"age {person.age}")
                lines.append("- " + ", ".join(bits))
            self.add(lines)

    def map(self) -> None:
        for column, sections in (
            ("What are we worried about?", ("harm", "danger_statements", "complicating_factors", "grey_areas")),
            ("What's working well?", ("existing_strengths", "existing_safety")),
            ("What needs to happen?", ("safety_goals", "next_steps")),
        ):
            start = len(self.out)
            self.heading(2, column)
            body = len(self.out)
            for section in sections:
                if section == "danger_statements":
                    self.danger_statements()
                elif section == "safety_goals":
                    self.safety_goals()
                elif section == "next_steps":
                    self.next_steps()
                else:
                    self.map_items(section)
            if len(self.out) == body:  # nothing in this column
                del self.out[start:]

    def map_items(self, section: str) -> None:
        items = [
            f"- {self.s.text(i.text)}" + (f" ({CARRIED_NOTES[i.carried]})" if i.carried in CARRIED_NOTES else "")
            for i in self.pod.map.section(section)
            if not is_blank(i.text)
        ]
        if items:
            self.heading(3, self.label(section))
            self.add(items)

    def since_last_pod(self) -> None:
        """For a pod that follows another: how the case moved since, and last time's next steps."""
        from .case import movement, since_last

        chain = [_scores_shown(pod) for pod in self.chain]  # hidden scores stay hidden here too
        if len(chain) < 2:
            return
        self.heading(2, "Since the last pod")
        self.para(since_last(chain))
        moved = movement(chain)
        rows = []
        for line in moved.lines:
            name = line.name if line.about == "overall" else f"{line.name}: {line.label}"
            for point in line.points:
                spread = "" if not point.scores else (
                    str(point.low) if point.low == point.high else f"{point.low} to {point.high}"
                )
                rows.append((name, _short_date(point.date), spread or "Not scored", _number(point.median)))
        if rows:
            self.out += self.s.table(("Scale", "Pod", "Lowest to highest", "Median"), rows)
        before = chain[-2]
        steps = [s for s in before.map.next_steps if not (is_blank(s.text) and is_blank(s.owner) and not _outcome(s))]
        if steps:
            self.heading(3, f"Next steps from {_short_date(before.date)}")
            rows = [(s.text, s.owner, _short_date(s.due) or "Not set", _outcome(s) or "Not asked yet") for s in steps]
            self.out += self.s.table(("What", "Who", "By when", "What became of it"), rows)

    def simple_list(self, title: str, texts: list[str], level: int = 2) -> None:
        items = [f"- {self.s.text(t)}" for t in texts if not is_blank(t)]
        if items:
            self.heading(level, title)
            self.add(items)

    def drafts(self, drafts: list, indent: int = 0) -> list[str]:
        space = " " * indent
        items = [
            f"{space}  - {self.s.text(d.author, indent + 4) + ': ' if not is_blank(d.author) else ''}"
            f"{self.s.text(d.text, indent + 4)}"
            for d in drafts
            if not is_blank(d.text)
        ]
        return [f"{space}- {self.s.strong('Drafts from the group:')}", *items] if items else []

    def danger_statements(self) -> None:
        pod = self.pod
        statements = [s for s in pod.danger_statements if not _statement_is_empty(s)]
        if not statements:
            return
        self.heading(3, self.label("danger_statements"))
        statement_word = _singular(self.label("danger_statements"))
        goal_word = _singular(self.label("safety_goals"))
        for number, statement in enumerate(statements, 1):
            self.heading(4, f"{statement_word} {number}")
            self.para(statement.text)
            built = self.fields(
                [
                    ("Who is worried", statement.who_is_worried),
                    ("What the adults do that worries them", statement.behaviour),
                    ("Example", statement.example),
                    ("What could happen to the child if nothing changes", statement.impact),
                ],
                indent=2,
            )
            self.add(
                self.fields(
                    [
                        ("What the family has done well", statement.acknowledgement),
                        ("The family's view", statement.family_view),
                    ]
                )
                + ([f"- {self.s.strong('How it was built:')}", *built] if built else [])
                + self.drafts(statement.drafts)
            )
            goal = pod.goal_for(statement.id) if statement.id else None
            if goal is not None and not _goal_is_empty(goal):
                self.goal(goal, f"{goal_word} {number}")
            scale = pod.scale_for(statement.id) if statement.id else None
            if scale is not None and scale.scores:
                title = f"Scale for {statement_word.lower()} {number}"
                if goal is not None:
                    title += f" and its {goal_word.lower()}"
                self.out += [self.s.title(title), ""]
                self.scale_table(scale)

    def goal(self, goal: SafetyGoal, title: str) -> None:
        self.out += [self.s.title(title), ""]
        self.para(goal.text)
        built = self.fields(
            [
                ("What the caregivers will be doing", goal.caregiver_actions),
                ("What the child will experience", goal.child_experience),
                ("What professionals will see", goal.professionals_will_see),
                ("For how long", goal.duration),
            ],
            indent=2,
        )
        self.add(
            self.fields([("The safety network", goal.network)])
            + ([f"- {self.s.strong('How it was built:')}", *built] if built else [])
            + self.drafts(goal.drafts)
        )

    def safety_goals(self) -> None:
        pod = self.pod
        ids = {s.id for s in pod.danger_statements if not _statement_is_empty(s) and s.id}
        goals = [g for g in pod.safety_goals if not _goal_is_empty(g)]
        paired = [g for g in goals if g.danger_statement in ids]
        unpaired = [g for g in goals if g.danger_statement not in ids]
        if not goals:
            return
        self.heading(3, self.label("safety_goals"))
        if paired:
            self.para(
                f"Each {_singular(self.label('safety_goals')).lower()} is shown above with its "
                f"{_singular(self.label('danger_statements')).lower()} and its scale."
            )
        for number, goal in enumerate(unpaired, 1):
            self.goal(goal, f"{_singular(self.label('safety_goals'))} without a statement ({number})")

    def next_steps(self) -> None:
        pod = self.pod
        steps = [s for s in pod.map.next_steps if not (is_blank(s.text) and is_blank(s.owner) and not _outcome(s))]
        if not steps:
            return
        self.heading(3, self.label("next_steps"))
        if self.practice_scenario is not None:
            self.para(PRACTICE_STEPS)
        elif not pod.manager_present:
            self.para(NO_MANAGER)
        if any(_outcome(s) for s in steps):
            rows = [
                (s.text, s.owner, _short_date(s.due) or "Not set", _step_status(pod, s.status), _outcome(s) or "Not asked yet")
                for s in steps
            ]
            self.out += self.s.table(("What", "Who", "By when", "Agreed or idea", "What became of it"), rows)
            return
        rows = [(s.text, s.owner, _short_date(s.due) or "Not set", _step_status(pod, s.status)) for s in steps]
        self.out += self.s.table(("What", "Who", "By when", "Agreed or idea"), rows)

    def scale_table(self, scale: Scale) -> None:
        question = scale.question
        if self.pod.statement(scale.about) is not None:  # a pair's scale asks about that pair
            question = question_for(
                self.pod,
                scale.about,
                _singular(self.label("danger_statements")).lower(),
                _singular(self.label("safety_goals")).lower(),
            )
        if not is_blank(question):
            self.out += [f"{self.s.strong('Question:')} {self.s.para(question)}", ""]
        if not is_revealed(self.pod, scale.about):
            count = len(scale.scores)
            self.para(f"{count} score{'s' if count != 1 else ''} entered, hidden until the group reveals them.")
            return
        rows = [(s.who, str(s.score), s.reason, s.next_point) for s in scale.scores]
        self.out += self.s.table(
            ("Who", "Score", "Why this number and not lower", "What would move it up one point"),
            rows,
        )

    def overall_scale(self) -> None:
        pod = self.pod
        statement_ids = {s.id for s in pod.danger_statements if not _statement_is_empty(s) and s.id}
        for scale in pod.scales:
            if not scale.scores:
                continue
            if scale.about == "overall":
                self.heading(2, "Overall safety scale")
                if is_blank(scale.question):
                    self.para(DEFAULT_SCALE_QUESTION)
                self.scale_table(scale)
                if not is_revealed(pod, scale.about):
                    continue
                low_high = _range(scale)
                self.para(f"Scores from {low_high}." if " to " in low_high else f"Everyone scored {low_high}.")
            elif scale.about not in statement_ids:
                self.heading(2, f"Scale about {scale.about}")
                self.scale_table(scale)

    def contingencies(self) -> None:
        items = [
            c
            for c in self.pod.contingencies
            if not (is_blank(c.trigger) and is_blank(c.response) and is_blank(c.who))
        ]
        if not items:
            return
        self.heading(2, "Contingency plan")
        self.out += self.s.table(
            ("If this happens", "What happens", "Who acts"),
            [(c.trigger, c.response, c.who) for c in items],
        )

    def reflection(self) -> None:
        r = self.pod.reflection
        answered = ANSWER_LABELS.get(r.focus_question_answered or "", r.focus_question_answered or "")
        lines = self.fields(
            [
                ("Was the focus question answered?", answered),
                ("What the presenter was pleased with", r.pleased_with),
                ("What was most useful", r.most_useful),
                ("What we learned about the process", r.learning),
            ]
        )
        if lines:
            self.heading(2, "Reflection")
            self.add(lines)

    def story(self) -> None:
        """The presenter's story of the case and the group's clarifying questions, as noted at
        the story stage (its notes are not repeated in the time table)."""
        notes = [s.notes for s in self.pod.stages if s.key in self.story_stages and not is_blank(s.notes)]
        if notes:
            self.heading(2, "The presenter's story and the group's questions")
            for text in notes:
                self.para(text)

    def stage_notes(self, stage) -> str:
        return "" if stage.key in self.story_stages else stage.notes

    def stages(self) -> None:
        stages = [s for s in self.pod.stages if (s.seconds_spent or 0) > 0 or not is_blank(self.stage_notes(s))]
        if not stages:
            return

        def title(stage) -> str:
            for candidate in (stage.title, self.stage_titles.get(stage.key)):
                if not is_blank(candidate):
                    return candidate
            return _humanise(stage.key)

        with_notes = any(not is_blank(self.stage_notes(s)) for s in stages)
        rows = []
        for stage in stages:
            row = [title(stage), _minutes(stage.seconds_spent)]
            if with_notes:
                row.append(self.stage_notes(stage))
            rows.append(row)
        total = ["Total", _minutes(sum(max(s.seconds_spent or 0, 0) for s in stages))]
        if with_notes:
            total.append("")
        header = ["Stage", "Minutes"] + (["Notes"] if with_notes else [])
        self.heading(2, "Time per stage")
        self.out += self.s.table(header, rows, total)

    def summary(self) -> None:
        pod = self.pod
        lines = []
        when = f"Pod on {_date(pod.date)}, {pod.style_label}"
        if not is_blank(pod.team):
            when += f", {clean_text(pod.team)}"
        if pod.practice:
            when += " (practice pod)"
        lines.append(f"- {self.s.text(when)}.")
        if not is_blank(pod.focus_question):
            lines.append(f"- Focus question: {self.s.text(pod.focus_question)}")
        if not is_blank(pod.childs_views):
            lines.append(f"- The child's views: {self.s.text(pod.childs_views)}")
        statement_word = _singular(self.label("danger_statements"))
        goal_word = _singular(self.label("safety_goals"))
        statements = [s for s in pod.danger_statements if not _statement_is_empty(s)]
        for number, statement in enumerate(statements, 1):
            text = statement_text(statement)
            if not is_blank(text):
                lines.append(f"- {self.s.text(statement_word)} {number}: {self.s.text(text)}")
            goal = pod.goal_for(statement.id) if statement.id else None
            if goal is not None and not is_blank(goal_text(goal)):
                lines.append(f"- {self.s.text(goal_word)} {number}: {self.s.text(goal_text(goal))}")
        overall = _range(pod.scale_for("overall")) if is_revealed(pod, "overall") else ""
        if overall:
            lines.append(f"- Overall safety scale: {overall} (0 to 10, where 10 means safe enough to close).")
        steps = [s for s in pod.map.next_steps if not is_blank(s.text)]
        if steps:
            heading = "Next steps" if pod.manager_present else "Next steps (ideas for supervision: no manager present)"
            lines.append(f"- {heading}:")
            for step in steps:
                detail = [clean_text(step.owner)] if not is_blank(step.owner) else []
                if step.due is not None:
                    detail.append(f"by {_short_date(step.due)}")
                detail.append(_step_status(pod, step.status).lower())
                lines.append(f"  - {self.s.text(step.text, 4)} ({self.s.text(', '.join(detail), 4)})")
        if pod.manager_present and not is_blank(pod.manager_decision):
            lines.append(f"- The manager's decision: {self.s.text(pod.manager_decision)}")
        if pod.next_review is not None:
            lines.append(f"- Next pod or review: {_date(pod.next_review)}.")
        if not is_blank(pod.record_author):
            lines.append(f"- Record written by {self.s.text(pod.record_author)}.")
        self.heading(2, "Summary for the child's file")
        self.add(lines)


def render_markdown(
    pod: Pod,
    *,
    stage_titles: dict[str, str] | None = None,
    labels: dict[str, str] | None = None,
    practice_scenario: str | None = None,
    chain: Sequence[Pod] | None = None,
    story_stages: Collection[str] | None = None,
) -> str:
    """The pod record as markdown.

    ``stage_titles`` (stage key to title) names the stages in the time table
    when a stage record has no title of its own (the title recorded at the pod
    wins: it is part of the record); failing both, the key is made readable.
    ``labels`` are a team's section titles, keyed like ``model.SECTION_LABELS``.
    ``practice_scenario`` (the scenario's title) marks the record as a practice attempt
    at that scenario: it says so plainly at the top, and has no summary for a child's file.
    ``chain`` is the case's pods, oldest first (``Repository.chain``): the record of
    a pod that follows another then has "Since the last pod" (see :func:`chain_to`).
    ``story_stages`` are the keys of the stages whose notes are the presenter's story (the
    team's plan's ``story_keys``); without them, those of the style's default stages.
    """
    return _Record(pod, stage_titles, labels, _Markdown(), practice_scenario, chain, story_stages).render()


def render_text(
    pod: Pod,
    *,
    stage_titles: dict[str, str] | None = None,
    labels: dict[str, str] | None = None,
    practice_scenario: str | None = None,
    chain: Sequence[Pod] | None = None,
    story_stages: Collection[str] | None = None,
) -> str:
    """The pod record as plain text, for pasting into a case system: the same record as
    :func:`render_markdown`, marked OFFICIAL-SENSITIVE, with no markdown at all."""
    return _Record(pod, stage_titles, labels, _PlainText(), practice_scenario, chain, story_stages).render()
