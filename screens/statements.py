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

Every change goes straight into the pod and calls ``edited()`` (autosave).
Deleting asks first and can be undone with ctrl+z.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import (
    Button,
    ContentSwitcher,
    Input,
    ListItem,
    ListView,
    Static,
    TabbedContent,
    TabPane,
    TextArea,
)

from gq_pods.compose import compose_goal, compose_statement, pair_gaps
from gq_pods.model import SUGGESTED_MAX_STATEMENTS, DangerStatement, Draft, Pod, SafetyGoal

from .confirm import ConfirmScreen
from .text import plain
from .workspace import PodPanel

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


def singular(label: str) -> str:
    """'Worry statements' -> 'Worry statement' (team labels are section titles)."""
    label = label.strip()
    return label[:-1] if label.endswith("s") and not label.endswith("ss") else label


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


# ------------------------------------------------------------------ group drafts


class DraftCard(Vertical):
    """One member's draft, under their initials, with Pick and Remove."""

    class Picked(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Removed(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, index: int, draft: Draft, agreed: bool, summary: str = "", **kwargs) -> None:
        super().__init__(classes="draft-card" + (" -agreed" if agreed else ""), **kwargs)
        self.index = index
        self.draft = draft
        self.agreed = agreed
        self.summary = summary

    def compose(self) -> ComposeResult:
        title = plain(self.draft.author or "?").stylize("bold")
        if self.agreed:
            title = title + Content("  - the agreed wording")
        yield Static(title, classes="draft-author")
        yield Static(plain(self.draft.text or "(empty)"), classes="draft-body")
        if self.summary:
            yield Static(Content(self.summary), classes="draft-summary")
        with Horizontal(classes="draft-card-buttons"):
            yield Button(Content("Pick"), classes="pick", compact=True)
            yield Button(Content("Remove"), classes="remove", compact=True)

    @on(Button.Pressed, ".pick")
    def _pick(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Picked(self.index))

    @on(Button.Pressed, ".remove")
    def _remove(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Removed(self.index))


# ------------------------------------------------------------------ one statement or goal


class ItemEditor(Widget):
    """Edits a danger statement (kind 'statement') or its safety goal (kind 'goal')."""

    def __init__(self, kind: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.kind = kind
        self.statement_id = ""
        self._check_timer: Timer | None = None
        self._agreed_shown: tuple[bool, ...] = ()
        self._pending: int | None = None  # the draft being typed in the form: its index in drafts

    # ------------------------------------------------------------ the item

    @property
    def panel(self) -> StatementsPanel:
        return self.query_ancestor(StatementsPanel)

    @property
    def parts(self) -> tuple[Part, ...]:
        return STATEMENT_PARTS if self.kind == "statement" else GOAL_PARTS

    @property
    def composer(self) -> Callable[[object], str]:
        return compose_statement if self.kind == "statement" else compose_goal  # type: ignore[return-value]

    def item(self, create: bool = False) -> DangerStatement | SafetyGoal | None:
        """The statement or goal being edited. A goal is created on its first word."""
        pod = self.panel.pod
        if self.kind == "statement":
            return pod.statement(self.statement_id)
        goal = pod.goal_for(self.statement_id)
        if goal is None and create and pod.statement(self.statement_id) is not None:
            goal = SafetyGoal(id=pod.new_goal_id(), danger_statement=self.statement_id)
            pod.safety_goals.append(goal)
        return goal

    def shown(self) -> DangerStatement | SafetyGoal:
        """The item, or an empty one to show while a goal does not exist yet."""
        return self.item() or (DangerStatement() if self.kind == "statement" else SafetyGoal())

    def _wid(self, name: str) -> str:
        return f"{self.kind}-{name}"

    def area(self, name: str) -> TextArea:
        return self.query_one(f"#{self._wid(name)}", TextArea)

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        k = self.kind
        what = "statement" if k == "statement" else "goal"
        with Horizontal(classes="editor-body"):
            with VerticalScroll(classes="editor-main", id=f"{k}-main"):
                if k == "goal":
                    yield Static(id="goal-statement-narrow", classes="beside-statement narrow-only")
                yield Static(Content("Build it from parts").stylize("bold"), classes="section-title")
                for part in self.parts:
                    yield Static(Content(part.label), classes="field-label")
                    yield TextArea(id=self._wid(part.field), classes="part", placeholder=part.hint)
                yield Static(Content("Preview of what the parts make"), classes="field-label")
                yield Static(id=f"{k}-preview", classes="preview")
                yield Button(Content("Use this wording (ctrl+r)"), id=f"{k}-use", classes="use-wording")
                yield Static(Content(f"The {what} as agreed (this is what is saved)"), classes="field-label")
                yield TextArea(
                    id=f"{k}-text",
                    classes="full-text",
                    placeholder=f"Fill in the parts above, pick a draft below, or write the {what} here.",
                )
                yield Static(id=f"{k}-follow", classes="follow-note")
                if k == "statement":
                    yield Static(Content(FAMILY_VIEW.label), classes="field-label")
                    yield TextArea(id=self._wid(FAMILY_VIEW.field), classes="part", placeholder=FAMILY_VIEW.hint)
                yield Static(Content("Group drafts (F4)").stylize("bold"), classes="section-title")
                yield Static(
                    Content(
                        "Each member drafts alone, then reads it out. Enter each draft under their "
                        "initials; the presenter picks one, or merges them to edit together."
                    ),
                    classes="note",
                )
                yield Container(id=f"{k}-drafts", classes="drafts")
                with Horizontal(classes="draft-form"):
                    yield Input(id=f"{k}-draft-initials", placeholder="Initials", max_length=8, classes="draft-initials")
                    yield TextArea(id=f"{k}-draft-text", classes="draft-text", placeholder="Their draft, as they read it out")
                with Horizontal(classes="draft-buttons"):
                    yield Button(Content("Add draft"), id=f"{k}-draft-add")
                    yield Button(Content("Merge the drafts into the agreed wording"), id=f"{k}-merge")
            with VerticalScroll(classes="editor-side", id=f"{k}-side"):
                if k == "goal":
                    yield Static(id="goal-statement", classes="beside-statement wide-only")
                yield Static(Content("Suggestions").stylize("bold"), classes="section-title")
                yield Static(id=f"{k}-findings", classes="findings")

    # ------------------------------------------------------------ showing

    async def load(self, statement_id: str) -> None:
        """Show the statement (or its goal) from the pod, replacing what is on screen.

        A draft half typed in the form stays in the form (and in the pod) when the same
        statement is shown again; moving to another statement finishes it first.
        """
        if statement_id != self.statement_id:
            if self.statement_id:
                self._finish_pending(need_initials=False)
            self._pending = None
            self.query_one(f"#{self.kind}-draft-initials", Input).value = ""
            self._load_area("draft-text", "")
        self.statement_id = statement_id
        item = self.shown()
        for part in self.parts:
            self._load_area(part.field, getattr(item, part.field))
        if isinstance(item, DangerStatement):
            self._load_area(FAMILY_VIEW.field, item.family_view)
        self._load_area("text", item.text)
        pending = self._pending_draft()
        if pending is not None and pending.text != self.area("draft-text").text:
            self._pending = None  # undo put back other drafts: keep the typed one as well
        self._draft_typed()
        self.refresh_derived(check_now=True)
        await self.show_drafts()

    def _load_area(self, name: str, text: str) -> None:
        area = self.area(name)
        if area.text != text:
            area.load_text(text)

    def _replace_area(self, name: str, text: str) -> None:
        """Change a text box in a way its own undo (ctrl+z inside it) can take back."""
        area = self.area(name)
        if area.text != text:
            area.replace(text, (0, 0), area.document.end, maintain_selection_offset=False)

    def refresh_derived(self, check_now: bool = False) -> None:
        """The preview, the note under the full text, the statement beside a goal, and (soon) the suggestions."""
        pod = self.panel.pod
        item = self.shown()
        composed = self.composer(item)
        if self.kind == "goal":
            statement = pod.statement(self.statement_id)
            words = statement.text if statement and statement.text.strip() else "(not written yet)"
            beside = Content(f"The {self.panel.statement_label.lower()} it answers:\n").stylize("bold") + plain(words)
            for box in self.query(".beside-statement").results(Static):
                show(box, beside)
        show(
            self.query_one(f"#{self.kind}-preview", Static),
            plain(composed) if composed else Content("(Fill in the parts above to see it here.)"),
        )
        following = not item.text.strip() or item.text == composed
        self.query_one(f"#{self.kind}-use", Button).disabled = not composed or item.text == composed
        show(
            self.query_one(f"#{self.kind}-follow", Static),
            Content("Follows the parts as you type. Edit it freely here: once edited, the parts will not change it.")
            if following
            else Content(
                "Edited here, so the parts no longer change it. "
                "Use this wording (ctrl+r) replaces it with the preview."
            )
        )
        if check_now:
            self.run_check()
        else:
            self.schedule_check()

    def _agreed(self) -> tuple[bool, ...]:
        """For each draft: is it the agreed wording?"""
        item = self.shown()
        return tuple(bool(d.text.strip()) and d.text == item.text for d in item.drafts)

    async def show_drafts(self) -> None:
        """The drafts as cards (the one still being typed in the form is not shown yet)."""
        box = self.query_one(f"#{self.kind}-drafts", Container)
        await box.remove_children()
        item = self.shown()
        self._agreed_shown = self._agreed()
        cards = [
            DraftCard(i, draft, agreed=agreed, summary=self._summary(draft.text))
            for i, (draft, agreed) in enumerate(zip(item.drafts, self._agreed_shown))
            if i != self._pending
        ]
        if cards:
            await box.mount_all(cards)
        else:
            await box.mount(Static(Content("No drafts yet."), classes="note"))
        self.query_one(f"#{self.kind}-merge", Button).disabled = len(item.drafts) < 2

    # ------------------------------------------------------------ the draft being typed

    def _pending_draft(self) -> Draft | None:
        item = self.item()
        if item is None or self._pending is None or not 0 <= self._pending < len(item.drafts):
            self._pending = None
            return None
        return item.drafts[self._pending]

    def _draft_typed(self) -> None:
        """The draft being typed is in the pod from its first letter, so it is never lost."""
        initials = self.query_one(f"#{self.kind}-draft-initials", Input).value.strip() or "?"
        text = self.area("draft-text").text
        pending = self._pending_draft()
        if pending is None:
            if not text.strip():
                return
            item = self.item(create=True)
            if item is None:
                return
            item.drafts.append(Draft(author=initials, text=text))
            self._pending = len(item.drafts) - 1
        elif not text.strip():
            item = self.item()
            assert item is not None and self._pending is not None
            del item.drafts[self._pending]
            self._pending = None
        elif (pending.author, pending.text) == (initials, text):
            return
        else:
            pending.author, pending.text = initials, text
        self.panel.edited()

    def _finish_pending(self, need_initials: bool) -> bool:
        """The draft being typed joins the others and the form is cleared for the next member.

        False (and nothing changes) when ``need_initials`` and no initials were typed.
        """
        pending = self._pending_draft()
        if pending is None:
            return True
        initials_box = self.query_one(f"#{self.kind}-draft-initials", Input)
        initials = initials_box.value.strip()
        if need_initials and not initials:
            self.notify("Whose draft is it? Type their initials first.", severity="warning")
            initials_box.focus()
            return False
        pending.author = initials or "?"
        pending.text = pending.text.strip()
        self._pending = None
        initials_box.value = ""
        self.area("draft-text").load_text("")
        self.panel.edited()
        return True

    # ------------------------------------------------------------ suggestions

    def schedule_check(self) -> None:
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(CHECK_DELAY, self.run_check)

    def check(self, text: str) -> list | None:
        """The checker's findings for ``text``, or None if the checker failed."""
        try:
            from gq_pods import checker

            check = checker.check_danger_statement if self.kind == "statement" else checker.check_safety_goal
            return list(check(text, extra_jargon=tuple(self.panel.team_jargon)))
        except Exception as error:  # the checker must never cost the practitioner their work
            from gq_pods import crashlog

            crashlog.write(error)
            return None

    def run_check(self) -> None:
        self._check_timer = None
        text = self.shown().text
        view = self.query_one(f"#{self.kind}-findings", Static)
        findings = self.check(text)
        if findings is None:
            show(view, Content("Suggestions are not available for this text."))
        else:
            show(view, findings_view(text, findings))

    def _summary(self, text: str) -> str:
        """A draft's suggestions in a few words, to help the presenter choose."""
        findings = self.check(text)
        if findings is None:
            return ""
        problems = sum(1 for f in findings if getattr(f, "severity", "") == "problem")
        hints = len(findings) - problems
        if not findings:
            return "Suggestions: none"
        words = []
        if problems:
            words.append(f"{problems} problem" + ("s" if problems != 1 else ""))
        if hints:
            words.append(f"{hints} hint" + ("s" if hints != 1 else ""))
        return "Suggestions: " + ", ".join(words)

    # ------------------------------------------------------------ typing

    @on(TextArea.Changed)
    def _text_changed(self, event: TextArea.Changed) -> None:
        area_id = event.text_area.id or ""
        if not area_id.startswith(self.kind + "-"):
            return
        event.stop()
        name = area_id[len(self.kind) + 1 :]
        if name == "draft-text":
            self._draft_typed()
            return
        value = event.text_area.text
        if getattr(self.shown(), name, None) == value:
            return  # loaded, or already in the pod
        item = self.item(create=True)
        if item is None:
            return
        part_names = {part.field for part in self.parts}
        if name in part_names:
            before = self.composer(item)
            setattr(item, name, value)
            if not item.text.strip() or item.text == before:
                item.text = self.composer(item)
                self._replace_area("text", item.text)
        else:
            setattr(item, name, value)
        self.panel.edited()
        self.refresh_derived()
        if name == "text" and self._agreed() != self._agreed_shown:
            self.run_worker(self.show_drafts(), group=f"{self.kind}-drafts", exclusive=True)

    # ------------------------------------------------------------ actions

    def use_wording(self) -> None:
        item = self.item(create=True)
        if item is None:
            return
        composed = self.composer(item)
        if not composed:
            self.notify("Fill in the parts first: there is nothing to use yet.")
            return
        if item.text == composed:
            self.notify("The agreed wording already is the preview.")
            return
        self.panel.checkpoint("Use the wording from the parts")
        item.text = composed
        self._replace_area("text", composed)
        self.panel.edited()
        self.refresh_derived()
        self.run_worker(self.show_drafts(), group=f"{self.kind}-drafts", exclusive=True)
        self.notify("The agreed wording is now the preview. ctrl+z takes it back.")

    async def add_draft(self) -> None:
        initials_box = self.query_one(f"#{self.kind}-draft-initials", Input)
        text_box = self.area("draft-text")
        initials, text = initials_box.value.strip(), text_box.text.strip()
        if not initials:
            self.notify("Whose draft is it? Type their initials first.", severity="warning")
            initials_box.focus()
            return
        if not text:
            self.notify(f"Type {initials}'s draft first.", severity="warning")
            text_box.focus()
            return
        self._draft_typed()  # in case the last keys have not arrived as changes yet
        if not self._finish_pending(need_initials=True):
            return
        await self.show_drafts()
        initials_box.focus()
        self.notify(f"Draft added for {initials}.")

    async def pick_draft(self, index: int) -> None:
        self._finish_pending(need_initials=False)
        item = self.item()
        if item is None or not 0 <= index < len(item.drafts):
            return
        draft = item.drafts[index]
        self.panel.checkpoint(f"Pick {draft.author}'s draft")
        item.text = draft.text
        self._replace_area("text", draft.text)
        self.panel.edited()
        self.refresh_derived()
        await self.show_drafts()
        self.area("text").focus()
        self.notify(f"{draft.author}'s draft is now the agreed wording. All the drafts stay in the record.")

    async def merge_drafts(self) -> None:
        self._finish_pending(need_initials=False)
        item = self.item()
        if item is None or len(item.drafts) < 2:
            self.notify("Add at least two drafts to merge.")
            return
        self.panel.checkpoint("Merge the drafts")
        merged = "\n\n".join(d.text.strip() for d in item.drafts if d.text.strip())
        item.text = merged
        self._replace_area("text", merged)
        self.panel.edited()
        self.refresh_derived()
        await self.show_drafts()
        area = self.area("text")
        area.focus()
        area.scroll_visible()
        self.notify("The drafts are in the agreed wording: edit them together into one. The drafts stay in the record.")

    async def remove_draft(self, index: int) -> None:
        self._finish_pending(need_initials=False)
        item = self.item()
        if item is None or not 0 <= index < len(item.drafts):
            return
        draft = item.drafts[index]
        self.panel.checkpoint(f"Remove {draft.author}'s draft")
        del item.drafts[index]
        self.panel.edited()
        await self.show_drafts()
        self.notify(f"Removed {draft.author}'s draft. ctrl+z brings it back.")

    def focus_drafts(self) -> None:
        box = self.query_one(f"#{self.kind}-draft-initials", Input)
        box.focus()
        box.scroll_visible()

    def focus_first(self) -> None:
        """Focus the first part, with its question (and the top of the editor) in view."""
        main = self.query_one(f"#{self.kind}-main", VerticalScroll)
        self.area(self.parts[0].field).focus(scroll_visible=False)
        self.call_after_refresh(main.scroll_home, animate=False, immediate=True)

    @on(Button.Pressed)
    async def _button(self, event: Button.Pressed) -> None:
        button_id = event.button.id or ""
        if button_id == f"{self.kind}-use":
            event.stop()
            self.use_wording()
        elif button_id == f"{self.kind}-draft-add":
            event.stop()
            await self.add_draft()
        elif button_id == f"{self.kind}-merge":
            event.stop()
            await self.merge_drafts()

    @on(Input.Changed)
    def _initials_typed(self, event: Input.Changed) -> None:
        if event.input.id == f"{self.kind}-draft-initials":
            event.stop()
            self._draft_typed()

    @on(Input.Submitted)
    def _initials_done(self, event: Input.Submitted) -> None:
        if event.input.id == f"{self.kind}-draft-initials":
            event.stop()
            self.area("draft-text").focus()

    @on(DraftCard.Picked)
    async def _picked(self, event: DraftCard.Picked) -> None:
        event.stop()
        await self.pick_draft(event.index)

    @on(DraftCard.Removed)
    async def _removed(self, event: DraftCard.Removed) -> None:
        event.stop()
        await self.remove_draft(event.index)


# ------------------------------------------------------------------ one pair


class PairEditor(Vertical):
    """A danger statement and its safety goal, one tab each."""

    BINDINGS = [
        Binding("escape", "close", "All pairs", id="statements.close"),
        Binding("ctrl+r", "use_wording", "Use wording", id="statements.use-wording"),
        Binding("ctrl+g", "switch", "Statement/goal", id="statements.switch"),
        Binding("f4", "drafts", "Drafts", id="statements.drafts"),
        Binding("ctrl+n", "add_draft", "Add draft", id="statements.add-draft", show=False),
    ]

    class Close(Message):
        """Back to the list of pairs."""

    def compose(self) -> ComposeResult:
        with TabbedContent(id="pair-tabs"):
            with TabPane("Danger statement", id="pair-statement"):
                yield ItemEditor("statement", id="statement-editor")
            with TabPane("Safety goal", id="pair-goal"):
                yield ItemEditor("goal", id="goal-editor")

    def active_editor(self) -> ItemEditor:
        tabs = self.query_one("#pair-tabs", TabbedContent)
        return self.query_one("#goal-editor" if tabs.active == "pair-goal" else "#statement-editor", ItemEditor)

    def action_close(self) -> None:
        self.post_message(self.Close())

    def action_use_wording(self) -> None:
        self.active_editor().use_wording()

    def action_switch(self) -> None:
        tabs = self.query_one("#pair-tabs", TabbedContent)
        tabs.active = "pair-statement" if tabs.active == "pair-goal" else "pair-goal"
        self.call_after_refresh(self.active_editor().focus_first)

    def action_drafts(self) -> None:
        self.active_editor().focus_drafts()

    async def action_add_draft(self) -> None:
        await self.active_editor().add_draft()



# ------------------------------------------------------------------ the list of pairs


class PairRow(ListItem):
    """One danger statement with its safety goal beside it, and what the pair still needs."""

    def __init__(self, pod: Pod, statement: DangerStatement, number: int, labels: tuple[str, str]) -> None:
        super().__init__(classes="pair-row")
        self.statement_id = statement.id
        self.pod = pod
        self.statement = statement
        self.number = number
        self.labels = labels

    def compose(self) -> ComposeResult:
        statement_label, goal_label = self.labels
        goal = self.pod.goal_for(self.statement.id)
        gaps = pair_gaps(self.pod, self.statement.id)
        with Horizontal(classes="pair-columns"):
            with Vertical(classes="pair-statement"):
                yield Static(Content(f"{self.number}. {statement_label}").stylize("bold"), classes="pair-label")
                yield Static(_excerpt(self.statement.text), classes="pair-text")
            with Vertical(classes="pair-goal"):
                yield Static(Content(goal_label).stylize("bold"), classes="pair-label")
                yield Static(_excerpt(goal.text if goal else ""), classes="pair-text")
        if gaps:
            words = {
                "statement-text": f"the {statement_label.lower()}'s wording",
                "goal": f"a {goal_label.lower()}",
                "goal-text": f"the {goal_label.lower()}'s wording",
                "scale": "a scale (Scaling tab)",
            }
            yield Static(
                Content("! Still needs: ").stylize("bold") + Content(", ".join(words[g] for g in gaps) + "."),
                classes="pair-gaps",
            )


def _excerpt(text: str) -> Content:
    return plain(text) if text.strip() else Content("(not written yet)")


class PairsOverview(Vertical):
    BINDINGS = [
        Binding("a", "add", "Add statement", id="statements.add"),
        Binding("enter", "open", "Open", id="statements.open", show=False),
        Binding("g", "open_goal", "Open goal", id="statements.open-goal"),
        Binding("d,delete", "delete", "Delete", id="statements.delete"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="pairs-heading", classes="screen-title")
        yield Static(id="pairs-note", classes="note")
        yield ListView(id="pairs")
        with Horizontal(id="pairs-buttons"):
            yield Button(Content("Add a danger statement (a)"), id="pairs-add")
            yield Button(Content("Open (enter)"), id="pairs-open")
            yield Button(Content("Delete (d)"), id="pairs-delete", variant="error")

    @property
    def panel(self) -> StatementsPanel:
        return self.query_ancestor(StatementsPanel)

    def selected_id(self) -> str | None:
        pairs = self.query_one("#pairs", ListView)
        item = pairs.highlighted_child
        return item.statement_id if isinstance(item, PairRow) else None

    async def action_add(self) -> None:
        await self.panel.add_statement()

    async def action_open(self) -> None:
        sid = self.selected_id()
        if sid:
            await self.panel.open_pair(sid, goal=self.panel.goal_stage)

    async def action_open_goal(self) -> None:
        sid = self.selected_id()
        if sid:
            await self.panel.open_pair(sid, goal=True)

    def action_delete(self) -> None:
        sid = self.selected_id()
        if sid:
            self.panel.ask_delete(sid)

    @on(ListView.Selected, "#pairs")
    async def _selected(self, event: ListView.Selected) -> None:
        event.stop()
        if isinstance(event.item, PairRow):
            await self.panel.open_pair(event.item.statement_id, goal=self.panel.goal_stage)

    @on(Button.Pressed, "#pairs-add")
    async def _add(self, event: Button.Pressed) -> None:
        event.stop()
        await self.action_add()

    @on(Button.Pressed, "#pairs-open")
    async def _open(self, event: Button.Pressed) -> None:
        event.stop()
        await self.action_open()

    @on(Button.Pressed, "#pairs-delete")
    def _delete(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_delete()


# ------------------------------------------------------------------ the panel


class StatementsPanel(PodPanel):
    """Danger statements and safety goals, in pairs."""

    goal_stage = False  # opened by the safety goals stage: Enter opens a pair on its goal
    _last_focus: Widget | None = None

    _focus_when_hidden: Widget | None = None

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if all(node.display for node in (self, *self.ancestors) if isinstance(node, Widget)):
            self._last_focus = event.widget

    def on_hide(self) -> None:
        # Where the scribe was when they went to another tab (Textual moves the focus about
        # as tabs hide and show, so what it does then is not remembered).
        self._focus_when_hidden = self._last_focus

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="statements-overview", id="statements-switcher"):
            yield PairsOverview(id="statements-overview")
            yield PairEditor(id="statements-editor")

    def on_mount(self) -> None:
        self.query_one("#pairs-add", Button).label = Content(f"Add a {self.statement_label.lower()} (a)")
        self.run_worker(self._show_pod(), group="statements-show", exclusive=True)

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "-narrow")

    def on_show(self) -> None:
        # Another tab (the map, scaling) may have changed the statements, goals or scales;
        # and the keyboard comes here, not to the tab bar.
        self.run_worker(self._show_pod(take_focus=True), group="statements-show", exclusive=True)

    def focus_work(self, work: str) -> None:
        """A stage opened this tab: the danger statements stage, or the safety goals stage."""
        self.goal_stage = work == "safety_goals"
        if self.editing:
            self.call_after_refresh(self._open_tab, "pair-goal" if self.goal_stage else "pair-statement")
        else:
            self.call_after_refresh(self._focus_list)

    def _open_tab(self, tab: str) -> None:
        self.query_one("#pair-tabs", TabbedContent).active = tab
        editor = self.query_one("#goal-editor" if tab == "pair-goal" else "#statement-editor", ItemEditor)
        editor.focus_first()

    def _focus_list(self) -> None:
        pairs = self.query_one("#pairs", ListView)
        (pairs if pairs.children else self.query_one("#pairs-add", Button)).focus()

    # ------------------------------------------------------------ words the team chose

    @property
    def statement_label(self) -> str:
        return singular(self.pod_screen.team.label("danger_statements"))

    @property
    def goal_label(self) -> str:
        return singular(self.pod_screen.team.label("safety_goals"))

    @property
    def team_jargon(self) -> list[str]:
        return list(self.pod_screen.team.jargon)

    # ------------------------------------------------------------ showing

    @property
    def editing(self) -> str | None:
        """The id of the statement open in the editor, or None on the list."""
        switcher = self.query_one("#statements-switcher", ContentSwitcher)
        if switcher.current != "statements-editor":
            return None
        return self.query_one("#statement-editor", ItemEditor).statement_id or None

    async def show_overview(self, select: str | None = None, focus: bool = True) -> None:
        pod = self.pod
        count = len(pod.danger_statements)
        plural = self.pod_screen.team.label("danger_statements")
        self.query_one("#pairs-heading", Static).update(
            Content(f"{plural} and {self.pod_screen.team.label('safety_goals').lower()}")
        )
        if count == 0:
            note = (
                f"No {plural.lower()} yet. Press a to add one: who is worried, what the adult does, "
                "a real example, and what could happen to the child if nothing changes."
            )
        elif count > SUGGESTED_MAX_STATEMENTS:
            note = (
                f"{count} {plural.lower()}: about {SUGGESTED_MAX_STATEMENTS} at most keeps the plan clear. "
                "Could any of them be joined?"
            )
        else:
            note = f"Each {self.statement_label.lower()} has one {self.goal_label.lower()} and a scale. Enter opens a pair."
        self.query_one("#pairs-note", Static).update(Content(note))
        pairs = self.query_one("#pairs", ListView)
        await pairs.clear()
        labels = (self.statement_label, self.goal_label)
        await pairs.extend(
            PairRow(pod, statement, number, labels) for number, statement in enumerate(pod.danger_statements, 1)
        )
        ids = [s.id for s in pod.danger_statements]
        if ids:
            pairs.index = ids.index(select) if select in ids else 0
        self.query_one("#pairs-open", Button).disabled = not ids
        self.query_one("#pairs-delete", Button).disabled = not ids
        self.query_one("#statements-switcher", ContentSwitcher).current = "statements-overview"
        if focus:
            (pairs if ids else self.query_one("#pairs-add", Button)).focus()

    async def open_pair(self, statement_id: str, goal: bool = False) -> None:
        if self.pod.statement(statement_id) is None:
            return
        for editor in self.query(ItemEditor):
            await editor.load(statement_id)
        self.query_one("#statements-switcher", ContentSwitcher).current = "statements-editor"
        tabs = self.query_one("#pair-tabs", TabbedContent)
        number = self.number(statement_id)
        tabs.get_tab("pair-statement").label = Content(f"{self.statement_label} {number}")
        tabs.get_tab("pair-goal").label = Content(f"{self.goal_label} {number}")
        tabs.active = "pair-goal" if goal else "pair-statement"
        editor = self.query_one("#goal-editor" if goal else "#statement-editor", ItemEditor)
        self.call_after_refresh(editor.focus_first)

    def number(self, statement_id: str) -> int:
        """A statement's place in the list, from 1 (0 if it is not there)."""
        ids = [s.id for s in self.pod.danger_statements]
        return ids.index(statement_id) + 1 if statement_id in ids else 0

    def show_pod(self) -> None:
        """After undo or reload: redraw from the pod, keeping the open pair if it is still there."""
        self.run_worker(self._show_pod(), group="statements-show", exclusive=True)

    async def _show_pod(self, take_focus: bool = False) -> None:
        open_id = self.editing
        focused = self.screen.focused
        inside = focused is not None and self in focused.ancestors
        if open_id and self.pod.statement(open_id) is not None:
            for editor in self.query(ItemEditor):
                await editor.load(open_id)
            last = self._focus_when_hidden
            editor = self.query_one(PairEditor).active_editor()
            if take_focus and last is not None and last.is_attached and editor in last.ancestors:
                last.focus()  # back where the scribe was before another tab
            elif inside and focused is not None and focused.is_attached:
                focused.focus()
            elif take_focus:
                editor.focus_first()
        else:
            selected = open_id or self.query_one(PairsOverview).selected_id()
            await self.show_overview(select=selected, focus=take_focus)

    @on(PairEditor.Close)
    async def _close_editor(self, event: PairEditor.Close) -> None:
        event.stop()
        closing = self.editing
        if closing and self._untouched(closing):
            self.pod.danger_statements = [s for s in self.pod.danger_statements if s.id != closing]
            self.pod.safety_goals = [g for g in self.pod.safety_goals if g.danger_statement != closing]
            self.edited()
            self.notify(f"Nothing was written, so the empty {self.statement_label.lower()} was not kept.")
            closing = None
        await self.show_overview(select=closing)

    def _untouched(self, statement_id: str) -> bool:
        """A statement (and goal) with nothing at all in it: added, then left."""
        statement = self.pod.statement(statement_id)
        goal = self.pod.goal_for(statement_id)
        words = [
            getattr(item, name, "")
            for item in (statement, goal)
            if item is not None
            for name in (*(p.field for p in STATEMENT_PARTS + GOAL_PARTS), "text", "family_view")
        ]
        drafts = (statement.drafts if statement else []) + (goal.drafts if goal else [])
        return (
            statement is not None
            and not any(str(w).strip() for w in words)
            and not drafts
            and self.pod.scale_for(statement_id) is None
        )

    # ------------------------------------------------------------ changes

    async def add_statement(self) -> None:
        pod = self.pod
        before = len(pod.danger_statements)
        statement = DangerStatement(id=pod.new_statement_id())
        pod.danger_statements.append(statement)
        self.edited()
        if before >= SUGGESTED_MAX_STATEMENTS:
            self.notify(
                f"This is {self.statement_label.lower()} {before + 1}. About {SUGGESTED_MAX_STATEMENTS} at most "
                "keeps the plan clear: could this worry join one of the others? Keep it if it is different.",
                title="More than about three",
                severity="warning",
                timeout=10,
            )
        await self.open_pair(statement.id)

    def ask_delete(self, statement_id: str) -> None:
        pod = self.pod
        statement = pod.statement(statement_id)
        if statement is None:
            return
        ids = [s.id for s in pod.danger_statements]
        number = ids.index(statement_id) + 1
        goes = [f"{self.statement_label.lower()} {number}"]
        if pod.goal_for(statement_id) is not None:
            goes.append(f"its {self.goal_label.lower()}")
        if pod.scale_for(statement_id) is not None:
            goes.append("its scale")
        question = Content(f"Delete {' and '.join(goes)}?")
        if statement.text.strip():
            question = question + Content("\n\n") + plain(statement.text[:200])
        question = question + Content("\n\nctrl+z brings it back.")

        async def answered(yes: bool | None) -> None:
            if yes:
                await self.delete_statement(statement_id)

        self.app.push_screen(ConfirmScreen(question), answered)

    async def delete_statement(self, statement_id: str) -> None:
        pod = self.pod
        if pod.statement(statement_id) is None:
            return
        ids = [s.id for s in pod.danger_statements]
        number = ids.index(statement_id) + 1
        self.checkpoint(f"Delete {self.statement_label.lower()} {number}")
        pod.danger_statements = [s for s in pod.danger_statements if s.id != statement_id]
        pod.safety_goals = [g for g in pod.safety_goals if g.danger_statement != statement_id]
        pod.scales = [s for s in pod.scales if s.about != statement_id]
        self.edited()
        following = ids[number] if number < len(ids) else (ids[number - 2] if number >= 2 else None)
        await self.show_overview(select=following)
        self.notify(f"Deleted {self.statement_label.lower()} {number}. ctrl+z brings it back.")
