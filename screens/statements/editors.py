"""The editors of one pair: a ``StatementEditor`` for the danger statement and a
``GoalEditor`` for its safety goal.

Both share ``WordingEditor``: the parts with a live preview of what they make,
the full text (what is saved), the group's drafts, and the checker's suggestions
beside it. What differs (the parts asked, the checker used, the goal's view of
its statement, the statement's family view) is each subclass's own.

Every change is asked of the pod session (gq_pods.session); widget ids keep the
kind as a prefix (``statement-text``, ``goal-caregiver_actions``).
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Container, Horizontal, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Input, Static, TextArea

from gq_pods.model import DangerStatement, Draft, SafetyGoal
from gq_pods.session import EditRefused, PodSession, composer

from ..checklist import PartsChecklist
from ..text import plain
from ..workspace import PodPanel
from .drafts import DraftCard
from .view import CHECK_DELAY, FAMILY_VIEW, GOAL_PARTS, STATEMENT_PARTS, Part, findings_view, show, statement_label

Item = DangerStatement | SafetyGoal


class WordingEditor(Widget):
    """Edits the wording of one half of a pair. Subclasses say which half."""

    KIND: ClassVar[str]  # the prefix of its widgets' ids
    WHAT: ClassVar[str]  # the plain word for it in hints
    PARTS: ClassVar[tuple[Part, ...]]
    CHECK_AS: ClassVar[str]  # what the plain-language checker reads it as

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.statement_id = ""
        self._check_timer: Timer | None = None
        self._agreed_shown: tuple[bool, ...] = ()
        self._pending: int | None = None  # the draft being typed in the form: its index in drafts
        k = self.KIND
        # Kept, so that typing never searches the DOM.
        self.areas: dict[str, TextArea] = {
            part.field: TextArea(id=f"{k}-{part.field}", classes="part", placeholder=part.hint) for part in self.PARTS
        }
        self.areas["text"] = TextArea(
            id=f"{k}-text",
            classes="full-text",
            placeholder=f"Fill in the parts above, pick a draft below, or write the {self.WHAT} here.",
        )
        self.areas["draft-text"] = TextArea(
            id=f"{k}-draft-text", classes="draft-text", placeholder="Their draft, as they read it out"
        )
        self.main = VerticalScroll(classes="editor-main", id=f"{k}-main")
        self.preview = Static(id=f"{k}-preview", classes="preview")
        self.use_button = Button(Content("Use this wording (ctrl+r)"), id=f"{k}-use", classes="use-wording")
        self.follow_note = Static(id=f"{k}-follow", classes="follow-note")
        self.drafts_box = Container(id=f"{k}-drafts", classes="drafts")
        self.initials_box = Input(id=f"{k}-draft-initials", placeholder="Initials", max_length=8, classes="draft-initials")
        self.add_draft_button = Button(Content("Add draft"), id=f"{k}-draft-add")
        self.merge_button = Button(Content("Merge the drafts into the agreed wording"), id=f"{k}-merge")
        self.findings = Static(id=f"{k}-findings", classes="findings")

    # ------------------------------------------------------------ what the subclass says

    def item(self, create: bool = False) -> Item | None:  # pragma: no cover - subclasses
        """The statement or goal being edited (``create``: make it on the first word, if it can be)."""
        raise NotImplementedError

    def blank(self) -> Item:  # pragma: no cover - subclasses
        raise NotImplementedError

    def compose_top(self) -> ComposeResult:
        """Above the parts."""
        yield from ()

    def compose_after_text(self) -> ComposeResult:
        """Below the full text."""
        yield from ()

    def compose_side(self) -> ComposeResult:
        """At the top of the suggestions column."""
        yield from ()

    def load_more(self, item: Item) -> None:
        """Load any fields beyond the parts and the text."""

    def refresh_more(self) -> None:
        """Redraw anything beyond the preview and the note (the goal's statement)."""

    # ------------------------------------------------------------ the pod

    @property
    def panel(self) -> PodPanel:
        return self.query_ancestor(PodPanel)

    @property
    def session(self) -> PodSession:
        return self.panel.session

    def shown(self) -> Item:
        """The item, or an empty one to show while a goal does not exist yet."""
        return self.item() or self.blank()

    def area(self, name: str) -> TextArea:
        return self.areas[name]

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Horizontal(classes="editor-body"):
            with self.main:
                yield from self.compose_top()
                yield Static(Content("Build it from parts").stylize("bold"), classes="section-title")
                for part in self.PARTS:
                    yield Static(Content(part.label), classes="field-label")
                    yield self.areas[part.field]
                yield Static(Content("Preview of what the parts make"), classes="field-label")
                yield self.preview
                yield self.use_button
                yield Static(Content(f"The {self.WHAT} as agreed (this is what is saved)"), classes="field-label")
                yield self.areas["text"]
                yield self.follow_note
                yield from self.compose_after_text()
                yield Static(Content("Group drafts (F4)").stylize("bold"), classes="section-title")
                yield Static(
                    Content(
                        "Each member drafts alone, then reads it out. Enter each draft under their "
                        "initials; the presenter picks one, or merges them to edit together."
                    ),
                    classes="note",
                )
                yield self.drafts_box
                with Horizontal(classes="draft-form"):
                    yield self.initials_box
                    yield self.areas["draft-text"]
                with Horizontal(classes="draft-buttons"):
                    yield self.add_draft_button
                    yield self.merge_button
            with VerticalScroll(classes="editor-side", id=f"{self.KIND}-side"):
                yield from self.compose_side()
                yield Static(Content("Suggestions").stylize("bold"), classes="section-title")
                yield self.findings

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
            self.initials_box.value = ""
            self._load_area("draft-text", "")
        self.statement_id = statement_id
        item = self.shown()
        for part in self.PARTS:
            self._load_area(part.field, getattr(item, part.field))
        self.load_more(item)
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
        """The preview, the note under the full text, anything beside it, and (soon) the suggestions."""
        item = self.shown()
        composed = composer(item)
        self.refresh_more()
        show(self.preview, plain(composed) if composed else Content("(Fill in the parts above to see it here.)"))
        following = not item.text.strip() or item.text == composed
        self.use_button.disabled = not composed or item.text == composed
        show(
            self.follow_note,
            Content("Follows the parts as you type. Edit it freely here: once edited, the parts will not change it.")
            if following
            else Content(
                "Edited here, so the parts no longer change it. "
                "Use this wording (ctrl+r) replaces it with the preview."
            ),
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
        box = self.drafts_box
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
        self.merge_button.disabled = len(item.drafts) < 2

    # ------------------------------------------------------------ the draft being typed

    def _pending_index(self) -> int | None:
        """Where the draft being typed sits in the drafts (None if there is none, or it is gone)."""
        item = self.item()
        if item is None or self._pending is None or not 0 <= self._pending < len(item.drafts):
            self._pending = None
        return self._pending

    def _pending_draft(self) -> Draft | None:
        index = self._pending_index()
        item = self.item()
        return item.drafts[index] if item is not None and index is not None else None

    def _draft_typed(self) -> None:
        """The draft being typed is in the pod from its first letter, so it is never lost."""
        text = self.area("draft-text").text
        item = self.item(create=bool(text.strip()))
        if item is not None:
            self._pending = self.session.type_draft(item, self._pending_index(), self.initials_box.value, text)

    def _finish_pending(self, need_initials: bool) -> bool:
        """The draft being typed joins the others and the form is cleared for the next member.

        False (and nothing changes) when ``need_initials`` and no initials were typed.
        """
        index = self._pending_index()
        item = self.item()
        if index is None or item is None:
            return True
        initials = self.initials_box.value.strip()
        if need_initials and not initials:
            self.notify("Whose draft is it? Type their initials first.", severity="warning")
            self.initials_box.focus()
            return False
        self.session.finish_draft(item, index, initials)
        self._pending = None
        self.initials_box.value = ""
        self.area("draft-text").load_text("")
        return True

    # ------------------------------------------------------------ suggestions

    def schedule_check(self) -> None:
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(CHECK_DELAY, self.run_check)

    def check(self, text: str) -> list | None:
        """The checker's findings for ``text``, or None if the checker failed."""
        try:
            from gq_pods import checker  # not before the first frame: it is big

            return list(checker.check(text, self.CHECK_AS, self.panel.pod_screen.team.checker_words()))
        except Exception as error:  # the checker must never cost the practitioner their work
            from gq_pods import crashlog

            crashlog.write(error)
            return None

    def run_check(self) -> None:
        """The suggestions beside the editor, for the wording as it is now."""
        self._check_timer = None
        text = self.shown().text
        findings = self.check(text)
        PartsChecklist.beside(self.findings, self.CHECK_AS).show(text, self.panel.pod_screen.team.checker_words())
        if findings is None:
            show(self.findings, Content("Suggestions are not available for this text."))
        else:
            show(self.findings, findings_view(text, findings))

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
        name = next((key for key, area in self.areas.items() if area is event.text_area), None)
        if name is None:
            return
        event.stop()
        if name == "draft-text":
            self._draft_typed()
            return
        value = event.text_area.text
        if getattr(self.shown(), name, None) == value:
            return  # loaded, or already in the pod
        item = self.item(create=True)
        if item is None:
            return
        if name in {part.field for part in self.PARTS}:
            if self.session.set_part(item, name, value):  # the wording follows the parts
                self._replace_area("text", item.text)
        else:
            self.session.set(item, name, value)
        self.refresh_derived()
        if name == "text" and self._agreed() != self._agreed_shown:
            self.run_worker(self.show_drafts(), group=f"{self.KIND}-drafts", exclusive=True)

    # ------------------------------------------------------------ actions

    def use_wording(self) -> None:
        item = self.item(create=True)
        if item is None:
            return
        try:
            composed = self.session.use_wording(item)
        except EditRefused as refused:
            self.notify(str(refused))
            return
        self._replace_area("text", composed)
        self.refresh_derived()
        self.run_worker(self.show_drafts(), group=f"{self.KIND}-drafts", exclusive=True)
        self.notify("The agreed wording is now the preview. ctrl+z takes it back.")

    async def add_draft(self) -> None:
        text_box = self.area("draft-text")
        initials, text = self.initials_box.value.strip(), text_box.text.strip()
        if not initials:
            self.notify("Whose draft is it? Type their initials first.", severity="warning")
            self.initials_box.focus()
            return
        if not text:
            self.notify(f"Type {initials}'s draft first.", severity="warning")
            text_box.focus()
            return
        self._draft_typed()  # in case the last keys have not arrived as changes yet
        if not self._finish_pending(need_initials=True):
            return
        await self.show_drafts()
        self.initials_box.focus()
        self.notify(f"Draft added for {initials}.")

    async def pick_draft(self, index: int) -> None:
        self._finish_pending(need_initials=False)
        item = self.item()
        if item is None or not 0 <= index < len(item.drafts):
            return
        draft = self.session.pick_draft(item, index)
        self._replace_area("text", draft.text)
        self.refresh_derived()
        await self.show_drafts()
        self.area("text").focus()
        self.notify(f"{draft.author}'s draft is now the agreed wording. All the drafts stay in the record.")

    async def merge_drafts(self) -> None:
        self._finish_pending(need_initials=False)
        try:
            merged = self.session.merge_drafts(self.shown())
        except EditRefused as refused:
            self.notify(str(refused))
            return
        self._replace_area("text", merged)
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
        draft = self.session.remove_draft(item, index)
        await self.show_drafts()
        self.notify(f"Removed {draft.author}'s draft. ctrl+z brings it back.")

    def focus_drafts(self) -> None:
        self.initials_box.focus()
        self.initials_box.scroll_visible()

    def focus_first(self) -> None:
        """Focus the first part, with its question (and the top of the editor) in view."""
        self.area(self.PARTS[0].field).focus(scroll_visible=False)
        self.call_after_refresh(self.main.scroll_home, animate=False, immediate=True)

    @on(Button.Pressed)
    async def _button(self, event: Button.Pressed) -> None:
        if event.button is self.use_button:
            event.stop()
            self.use_wording()
        elif event.button is self.add_draft_button:
            event.stop()
            await self.add_draft()
        elif event.button is self.merge_button:
            event.stop()
            await self.merge_drafts()

    @on(Input.Changed)
    def _initials_typed(self, event: Input.Changed) -> None:
        if event.input is self.initials_box:
            event.stop()
            self._draft_typed()

    @on(Input.Submitted)
    def _initials_done(self, event: Input.Submitted) -> None:
        if event.input is self.initials_box:
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


class StatementEditor(WordingEditor):
    """The danger statement of a pair, with the family's view where they disagree."""

    KIND = "statement"
    WHAT = "statement"
    PARTS = STATEMENT_PARTS
    CHECK_AS = "danger-statement"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.areas[FAMILY_VIEW.field] = TextArea(
            id=f"statement-{FAMILY_VIEW.field}", classes="part", placeholder=FAMILY_VIEW.hint
        )

    def item(self, create: bool = False) -> DangerStatement | None:
        return self.panel.pod.statement(self.statement_id)

    def blank(self) -> DangerStatement:
        return DangerStatement()

    def compose_after_text(self) -> ComposeResult:
        yield Static(Content(FAMILY_VIEW.label), classes="field-label")
        yield self.areas[FAMILY_VIEW.field]

    def load_more(self, item: Item) -> None:
        if isinstance(item, DangerStatement):
            self._load_area(FAMILY_VIEW.field, item.family_view)


class GoalEditor(WordingEditor):
    """The safety goal of a pair, with the statement it answers beside it. The goal itself
    is made when its first word is typed."""

    KIND = "goal"
    WHAT = "goal"
    PARTS = GOAL_PARTS
    CHECK_AS = "safety-goal"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        # The statement it answers: beside the editor when wide, above it when narrow.
        self.beside = [
            Static(id="goal-statement-narrow", classes="beside-statement narrow-only"),
            Static(id="goal-statement", classes="beside-statement wide-only"),
        ]

    def item(self, create: bool = False) -> SafetyGoal | None:
        if create:
            return self.session.ensure_goal(self.statement_id)
        return self.panel.pod.goal_for(self.statement_id)

    def blank(self) -> SafetyGoal:
        return SafetyGoal()

    def compose_top(self) -> ComposeResult:
        yield self.beside[0]

    def compose_side(self) -> ComposeResult:
        yield self.beside[1]

    def refresh_more(self) -> None:
        statement = self.panel.pod.statement(self.statement_id)
        words = statement.text if statement and statement.text.strip() else "(not written yet)"
        label = statement_label(self.panel.pod_screen.team).lower()
        content = Content(f"The {label} it answers:\n").stylize("bold") + plain(words)
        for box in self.beside:
            show(box, content)
