"""The people around the child: a text genogram to add to, change and remove from.

The household comes first, then family, network and professionals (see
gq_pods/genogram.py). Enter (or a click) on a person changes their details; on
an empty group's "No one yet" it adds someone to that group. Removing someone
can be undone with ctrl+z.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widget import AwaitMount
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from gq_pods import genogram
from gq_pods.model import PERSON_KINDS, Person
from gq_pods.session import UndoStep

from .controls import TickBox
from .edit_form import EditForm, FormProblem, field_row
from .text import plain, visible
from .workspace import PodPanel

INITIALS_HINT = "Initials or a pseudonym are usually enough."
PANEL_HINT = "Who is around the child? " + INITIALS_HINT
KIND_OPTIONS = [
    ("Family", "family"),
    ("Network: friends and others who help", "network"),
    ("Professional", "professional"),
]
MAX_AGE = 130


def looks_like_a_full_name(name: str) -> bool:
    """Two or more real words ("Dean Carter"), where initials ("DC") would usually do."""
    words = [w for w in name.split() if len(w) >= 3 and any(ch.islower() for ch in w)]
    return len(words) >= 2


def parse_age(text: str) -> int | None:
    """A typed age in whole years; empty means not known. Raises FormProblem otherwise."""
    raw = text.strip()
    if not raw:
        return None
    try:
        age = int(raw)
    except ValueError:
        raise FormProblem(
            f"'{raw}' is not an age. Type a whole number of years, like 7, or leave it empty.", "person-age"
        ) from None
    if not 0 <= age <= MAX_AGE:
        raise FormProblem(f"{age} is not an age between 0 and {MAX_AGE}. Leave it empty if it is not known.", "person-age")
    return age


class PersonForm(EditForm[Person]):
    """Add someone, or change their details."""

    def __init__(self, person: Person | None = None, *, kind: str = "family", in_household: bool = False) -> None:
        self.person = person or Person(kind=kind, in_household=in_household)
        name = genogram.describe(self.person).split(" — ")[0] if person else ""
        super().__init__(f"Change the details of {name}" if person else "Add someone around the child")

    def fields(self) -> ComposeResult:
        person = self.person
        yield field_row("Name or initials", Input(person.name, placeholder="e.g. AC", id="person-name", compact=True))
        yield Static(Content(INITIALS_HINT), classes="form-note", id="initials-hint")
        yield field_row(
            "Relationship to child",
            Input(
                person.relationship,
                placeholder="e.g. mother, grandad, neighbour, health visitor",
                id="person-relationship",
                compact=True,
            ),
        )
        yield field_row(
            "Age (if known)",
            Input("" if person.age is None else str(person.age), placeholder="whole years", id="person-age", compact=True),
        )
        options = list(KIND_OPTIONS)
        if person.kind not in PERSON_KINDS:  # an unknown kind from a file: keep it as it is
            options.append((person.kind or "Other", person.kind))
        yield field_row("Group", Select(options, value=person.kind, allow_blank=False, id="person-kind", compact=True))
        yield field_row(
            "Household",
            TickBox("Lives with the child", person.in_household, id="person-household", compact=True),
        )

    def collect(self) -> Person:
        name = self.query_one("#person-name", Input).value.strip()
        if not name:
            raise FormProblem("Give a name or initials, so the group knows who this is.", "person-name")
        age = parse_age(self.query_one("#person-age", Input).value)
        return Person(
            id=self.person.id,
            name=name,
            relationship=self.query_one("#person-relationship", Input).value.strip(),
            kind=str(self.query_one("#person-kind", Select).value),
            age=age,
            in_household=self.query_one("#person-household", Checkbox).value,
        )


class PeoplePanel(PodPanel):
    """The genogram: the household first, then family, network and professionals."""

    BINDINGS = [
        Binding("a", "add", "Add person", id="people.add"),
        Binding("e", "edit", "Change", id="people.edit", show=False),
        Binding("d,delete", "delete", "Remove", id="people.delete"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(Content(PANEL_HINT), id="people-hint", classes="panel-hint")
        yield OptionList(id="genogram")
        with Horizontal(id="people-buttons", classes="panel-buttons"):
            yield Button("Add person (a)", id="person-add", compact=True)
            yield Button("Change (enter)", id="person-edit", compact=True)
            yield Button("Remove (d)", id="person-delete", compact=True)

    def on_mount(self) -> None:
        self.show_pod()

    def focus_work(self, work: str) -> None:
        self.query_one("#genogram", OptionList).focus()

    # ------------------------------------------------------------ drawing

    def undone(self, step: UndoStep) -> None:
        kind, key = step.about or ("", "")
        self.show_pod(select=key if kind == "person" else None)

    def show_pod(self, select: str | None = None) -> None:
        """Redraw the genogram; keep (or move) the highlight to ``select``, a person's id."""
        box = self.query_one("#genogram", OptionList)
        current = select if select is not None else self.highlighted_id()
        old_index = box.highlighted
        box.clear_options()
        options: list[Option] = []
        for row in genogram.genogram_rows(self.pod, show_empty=True):
            if row.heading:
                options.append(Option(plain(row.text), id=f"group:{row.group}", disabled=True))
            elif row.person_id is None:
                options.append(Option(Content(f"  {genogram.branch(row)}{row.text} (enter to add)"), id=f"add:{row.group}"))
            else:
                options.append(Option(Content(f"  {genogram.branch(row)}") + plain(row.text), id=f"person:{row.person_id}"))
        box.add_options(options)
        ids = [o.id for o in options]
        if current is not None and f"person:{current}" in ids:
            box.highlighted = ids.index(f"person:{current}")
        elif old_index is not None:
            enabled = [i for i, o in enumerate(options) if not o.disabled]
            if enabled:
                box.highlighted = min(enabled, key=lambda i: (abs(i - old_index), i))
        elif any(not o.disabled for o in options):
            box.highlighted = next(i for i, o in enumerate(options) if not o.disabled)

    def highlighted_option_id(self) -> str | None:
        box = self.query_one("#genogram", OptionList)
        if box.highlighted is None or box.option_count == 0:
            return None
        return box.get_option_at_index(box.highlighted).id

    def highlighted_id(self) -> str | None:
        option_id = self.highlighted_option_id()
        if option_id and option_id.startswith("person:"):
            return option_id.removeprefix("person:")
        return None

    def highlighted_person(self) -> Person | None:
        person_id = self.highlighted_id()
        return next((p for p in self.pod.people if p.id == person_id), None)

    # ------------------------------------------------------------ events

    @on(OptionList.OptionSelected, "#genogram")
    async def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option_id or ""
        if option_id.startswith("add:"):
            await self._add_to(option_id.removeprefix("add:"))
        else:
            await self.action_edit()

    @on(Button.Pressed, "#person-add")
    async def _add_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self.action_add()

    @on(Button.Pressed, "#person-edit")
    async def _edit_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self.action_edit()

    @on(Button.Pressed, "#person-delete")
    def _delete_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_delete()

    # ------------------------------------------------------------ actions

    def _current_group(self) -> str:
        option_id = self.highlighted_option_id() or ""
        if option_id.startswith("add:"):
            return option_id.removeprefix("add:")
        person = self.highlighted_person()
        return genogram.group_of(person) if person is not None else "family"

    async def action_add(self) -> None:
        # Awaited: the form has the keyboard before the next key is handed on, so a name
        # typed straight after `a` goes into it (screens/keys.py).
        await self._add_to(self._current_group())

    def _add_to(self, group: str) -> AwaitMount:
        if group == genogram.HOUSEHOLD:
            form = PersonForm(kind="family", in_household=True)
        else:
            form = PersonForm(kind=group if group in PERSON_KINDS else "family")

        def done(person: Person | None) -> None:
            if person is None:
                return
            self.session.add_person(person)
            self.show_pod(select=person.id)
            self.query_one("#genogram", OptionList).focus()
            tip = f" {INITIALS_HINT}" if looks_like_a_full_name(person.name) else ""
            self.notify(f"Added {visible(person.name)}.{tip}", markup=False)

        return self.app.push_screen(form, done)

    async def action_edit(self) -> None:
        person = self.highlighted_person()
        if person is None:
            if (self.highlighted_option_id() or "").startswith("add:"):
                await self.action_add()
            else:
                self.notify("Choose a person first (arrow keys), or press a to add someone.")
            return
        person_id = person.id

        def done(changed: Person | None) -> None:
            if changed is None:
                return
            # If they are gone meanwhile (undo), the session adds them back rather than lose the typing.
            changed = self.session.change_person(person_id, changed)
            self.show_pod(select=changed.id)
            self.query_one("#genogram", OptionList).focus()

        await self.app.push_screen(PersonForm(person), done)

    def action_delete(self) -> None:
        person = self.highlighted_person()
        if person is None:
            self.notify("Choose a person to remove first (arrow keys).")
            return
        self.session.remove_person(person.id)
        self.show_pod()
        self.notify(f"Removed {visible(person.name)}. ctrl+z brings them back.", markup=False)
