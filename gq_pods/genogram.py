"""The people around the child as a readable text genogram.

Who the child lives with comes first, then the rest of the family, the wider
network (friends, neighbours, anyone who helps) and the professionals. Within a
group people keep the order they were added in, so the list never jumps about
while a pod is working on it.

    Lives with the child
      ├─ AC — child, age 3
      └─ LC — mother, age 29
    Family
      └─ DC — father, age 31
    ...

Pure functions over ``Person``: the screen, the markdown record and any other
face use the same rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .model import PERSON_KINDS, Person, Pod

HOUSEHOLD = "household"
OTHER = "other"

# (group, heading) in the order the genogram shows them.
GROUPS: tuple[tuple[str, str], ...] = (
    (HOUSEHOLD, "Lives with the child"),
    ("family", "Family"),
    ("network", "Network: friends and others who help"),
    ("professional", "Professionals"),
    (OTHER, "Others"),
)
GROUP_HEADINGS = dict(GROUPS)
KIND_LABELS = {"family": "family", "network": "network", "professional": "professional"}
NOBODY = "No one yet"
NO_NAME = "(no name given)"


@dataclass(frozen=True)
class GenogramRow:
    """One line of the genogram: a group heading or a person."""

    group: str
    text: str
    person_id: str | None = None  # None for a heading or an empty group's note
    heading: bool = False
    last: bool = False  # the last person in its group


def group_of(person: Person) -> str:
    """Which group of the genogram a person is shown in."""
    if person.in_household:
        return HOUSEHOLD
    return person.kind if person.kind in PERSON_KINDS else OTHER


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def describe(person: Person) -> str:
    """``AC — child, age 3``: name, relationship and age, on one line."""
    name = _one_line(person.name) or NO_NAME
    details = []
    relationship = _one_line(person.relationship)
    if relationship:
        details.append(relationship)
    if person.age is not None:
        details.append(f"age {person.age}")
    text = f"{name} — {', '.join(details)}" if details else name
    if person.in_household and person.kind != "family":
        # the household mixes groups: say which one a non-family member is
        text += f" ({KIND_LABELS.get(person.kind, _one_line(str(person.kind)) or 'other')})"
    return text


def grouped(people: Iterable[Person]) -> list[tuple[str, list[Person]]]:
    """Every group in genogram order with its people, in the order they were added."""
    groups: dict[str, list[Person]] = {group: [] for group, _ in GROUPS}
    for person in people:
        groups[group_of(person)].append(person)
    return [(group, groups[group]) for group, _ in GROUPS]


def genogram_rows(people: Pod | Iterable[Person], *, show_empty: bool = False) -> list[GenogramRow]:
    """The genogram as rows: each group's heading, then its people.

    Empty groups are left out unless ``show_empty`` (a screen shows them, with
    "No one yet", as a nudge to ask who else is around the child). The "Others"
    group (people of an unknown kind, from an old or hand-made file) only ever
    shows when someone is in it, so nobody is lost.
    """
    if isinstance(people, Pod):
        people = people.people
    rows: list[GenogramRow] = []
    for group, members in grouped(people):
        if not members and (not show_empty or group == OTHER):
            continue
        rows.append(GenogramRow(group, GROUP_HEADINGS[group], heading=True))
        if not members:
            rows.append(GenogramRow(group, NOBODY, last=True))
        for i, person in enumerate(members):
            rows.append(GenogramRow(group, describe(person), person.id, last=i == len(members) - 1))
    return rows


def branch(row: GenogramRow) -> str:
    """The tree mark in front of a person's row."""
    return "└─ " if row.last else "├─ "


def genogram_lines(people: Pod | Iterable[Person], *, show_empty: bool = False) -> list[str]:
    """The genogram as plain text lines, headings flush left and people indented under them."""
    return [row.text if row.heading else f"  {branch(row)}{row.text}" for row in genogram_rows(people, show_empty=show_empty)]
