"""Hypothesis strategies for whole pods, with hostile text everywhere.

``pods()`` makes pods that ``rules.problems`` accepts and the pod file round-trips:
any Unicode (newlines, emoji, right-to-left marks, combining marks), markdown
and Textual markup (``[/]``, ``[@click=app.quit]``, ``# ``, ``|``, backticks) in
every string, but never NUL (the pod file removes it) nor a lone surrogate (not
a character). Lists are short so a test with 75 examples stays quick.

    from tests.strategies import pods, texts

    @given(pods())
    def test_something(pod): ...

``anything(Pod)`` makes pods that ignore the practice's rules (any text as a
style, goals pointing nowhere), every field drawn from its type in the model:
what storage must keep exactly, whatever it is given.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from functools import cache

from hypothesis import strategies as st

from gq_pods.model import (
    ANSWERS,
    CARRIED,
    CASE_REASONS,
    OUTCOMES,
    PERSON_KINDS,
    ROLES,
    STATUSES,
    STYLES,
    BottomLine,
    Contingency,
    DangerStatement,
    Draft,
    MapItem,
    NextStep,
    Participant,
    Person,
    Pod,
    PodMap,
    Reflection,
    SafetyGoal,
    Scale,
    ScaleScore,
    StageRecord,
)

# Pieces of text that break naive renderers: Textual markup, markdown, tables,
# code fences, HTML, JSON-ish text, line and paragraph separators, bidi controls.
HOSTILE = (
    "[/]",
    "[@click=app.quit]",
    "[b]bold",
    "[red]",
    "\\[",
    "# ",
    "## Heading\n",
    "|",
    "| a | b |\n|---|---|\n",
    "`",
    "```",
    "*",
    "_",
    "**",
    "> ",
    "- ",
    "1. ",
    "<script>alert(1)</script>",
    "&amp;",
    "[link](http://example.org)",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\u2028",
    "\u2029",
    "\u202e",
    "\u200b",
    "\ufeff",
    "e\u0301",
    "\U0001f600",
    "\U0001f469\u200d\U0001f467",
    '"',
    "'",
    "{}",
    "null",
    "\\u0000",
    "Mum [/] left",
    "  ",
)

_CHARS = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")


@cache
def texts(max_pieces: int = 3) -> st.SearchStrategy[str]:
    """Any text without NUL or surrogates, often with hostile pieces in it."""
    piece = st.text(_CHARS, max_size=12) | st.sampled_from(HOSTILE)
    if max_pieces < 2:
        return piece
    return piece | st.lists(piece, min_size=2, max_size=max_pieces).map("".join)


@cache
def ids() -> st.SearchStrategy[str]:
    """A non-empty id: usually tidy (ds1), sometimes hostile text."""
    return st.one_of(
        st.builds(lambda n: f"ds{n}", st.integers(1, 9)),
        texts().filter(bool),
    )


@cache
def json_values() -> st.SearchStrategy[object]:
    """Any JSON value a pod file can carry in ``pod.extra``."""
    leaves = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**63), 2**63),
        st.floats(allow_nan=False, allow_infinity=False),
        texts(),
    )
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3),
            st.dictionaries(texts(2), inner, max_size=3),
        ),
        max_leaves=8,
    )


@cache
def extras() -> st.SearchStrategy[dict[str, object]]:
    """``Pod.extra``: anything JSON, under any key but the reserved ``gq_pods``."""
    return st.dictionaries(texts(2).filter(lambda k: k != "gq_pods"), json_values(), max_size=3)


def _few(strategy: st.SearchStrategy, max_size: int = 3) -> st.SearchStrategy[list]:
    return st.lists(strategy, max_size=max_size)


@cache
def drafts() -> st.SearchStrategy[list[Draft]]:
    return _few(st.builds(Draft, author=texts(1), text=texts()), 2)


# Built once: building strategies inside the composite on every draw doubled its cost.
_MAP_ITEMS = _few(st.builds(MapItem, text=texts(), carried=st.sampled_from(("", *CARRIED))))
_SCORES = _few(st.builds(ScaleScore, who=texts(1), score=st.integers(0, 10), reason=texts(), next_point=texts()))
_PARTICIPANTS = _few(st.builds(Participant, name=texts(2), role=st.sampled_from(ROLES)))
_STEPS = {
    manager_present: _few(
        st.builds(
            NextStep,
            text=texts(),
            owner=texts(1),
            due=st.none() | st.dates(),
            status=st.sampled_from(("agreed", "idea") if manager_present else ("idea",)),
            outcome=st.sampled_from(("", *OUTCOMES)),
            outcome_reason=texts(),
            outcome_on=st.none() | st.dates(),
            outcome_by=texts(1),
        )
    )
    for manager_present in (True, False)
}
_BOTTOM_LINES = _few(st.builds(BottomLine, text=texts()))
_CONTINGENCIES = _few(st.builds(Contingency, trigger=texts(), response=texts(), who=texts(1)))
_STAGES = _few(
    st.builds(StageRecord, key=texts(1), title=texts(1), notes=texts(), seconds_spent=st.integers(0, 604_800))
)
_REFLECTIONS = st.builds(
    Reflection,
    focus_question_answered=st.none() | st.sampled_from(ANSWERS),
    pleased_with=texts(),
    most_useful=texts(),
    learning=texts(),
)
_PERSON_IDS = st.lists(st.just("") | ids(), max_size=3, unique=True)
_AGES = st.none() | st.integers(0, 130)


@st.composite
def pods(draw: st.DrawFn) -> Pod:
    """A pod that the practice rules accept, with hostile text in every string."""
    text = texts()
    manager_present = draw(st.booleans())

    statement_ids = draw(st.lists(ids(), max_size=3, unique=True))
    statements = [
        DangerStatement(
            id=statement_id,
            who_is_worried=draw(text),
            behaviour=draw(text),
            example=draw(text),
            impact=draw(text),
            text=draw(text),
            acknowledgement=draw(text),
            family_view=draw(text),
            drafts=draw(drafts()),
        )
        for statement_id in statement_ids
    ]

    # each goal belongs to a different statement; some statements have none
    linked = draw(st.permutations(statement_ids)) if statement_ids else []
    linked = linked[: draw(st.integers(0, len(linked)))]
    goal_ids = draw(st.lists(ids(), min_size=len(linked), max_size=len(linked), unique=True))
    goals = [
        SafetyGoal(
            id=goal_id,
            danger_statement=statement_id,
            caregiver_actions=draw(text),
            child_experience=draw(text),
            professionals_will_see=draw(text),
            duration=draw(texts(2)),
            text=draw(text),
            network=draw(text),
            drafts=draw(drafts()),
        )
        for goal_id, statement_id in zip(goal_ids, linked)
    ]

    # at most one scale about each thing: overall or a statement
    abouts = draw(st.lists(st.sampled_from(["overall", *statement_ids]), unique=True, max_size=3))
    scales = [Scale(about=about, question=draw(text), scores=draw(_SCORES)) for about in abouts]

    people = [
        Person(
            id=person_id,
            name=draw(texts(2)),
            relationship=draw(texts(2)),
            kind=draw(st.sampled_from(PERSON_KINDS)),
            age=draw(_AGES),
            in_household=draw(st.booleans()),
        )
        for person_id in draw(_PERSON_IDS)
    ]

    return Pod(
        date=draw(st.dates()),
        style=draw(st.sampled_from(STYLES)),
        title=draw(text),
        team=draw(text),
        case_reason=draw(st.sampled_from(CASE_REASONS)),
        case_reference=draw(text),
        focus_question=draw(text),
        manager_present=manager_present,
        status=draw(st.sampled_from(STATUSES)),
        practice=draw(st.booleans()),
        participants=draw(_PARTICIPANTS),
        people=people,
        map=PodMap(
            harm=draw(_MAP_ITEMS),
            complicating_factors=draw(_MAP_ITEMS),
            grey_areas=draw(_MAP_ITEMS),
            existing_strengths=draw(_MAP_ITEMS),
            existing_safety=draw(_MAP_ITEMS),
            next_steps=draw(_STEPS[manager_present]),
        ),
        danger_statements=statements,
        safety_goals=draw(st.permutations(goals)) if goals else [],
        scales=scales,
        bottom_lines=draw(_BOTTOM_LINES),
        contingencies=draw(_CONTINGENCIES),
        stages=draw(_STAGES),
        reflection=draw(_REFLECTIONS),
        current_stage=draw(texts(1)),
        childs_views=draw(texts()),
        record_author=draw(texts(1)),
        next_review=draw(st.none() | st.dates()),
        manager_decision=draw(texts()),
        extra=draw(extras()),
    )


# ---------------------------------------------------------------- any model object, rules or not

_PLAIN: dict[type, st.SearchStrategy] = {
    str: texts(),
    int: st.integers(0, 10**6),
    bool: st.booleans(),
    dt.date: st.dates(),
}


def _for_type(hint: typing.Any, overrides: dict) -> st.SearchStrategy:
    args = typing.get_args(hint)
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*(st.none() if a is type(None) else _for_type(a, overrides) for a in args))
    if origin is list:
        return _few(anything(args[0], overrides))
    if origin is dict:
        return extras()
    if dataclasses.is_dataclass(hint):
        return anything(hint, overrides)
    return _PLAIN[hint]


def anything(cls: type, overrides: dict | None = None) -> st.SearchStrategy:
    """Any ``cls`` the model can hold, every field drawn from its type.

    ``overrides`` maps ``(class, field name)`` to a strategy for that field.
    A new field in the model is covered here without a change.
    """
    overrides = overrides or {}
    hints = typing.get_type_hints(cls)
    return st.builds(
        cls,
        **{
            f.name: overrides[(cls, f.name)] if (cls, f.name) in overrides else _for_type(hints[f.name], overrides)
            for f in dataclasses.fields(cls)
        },
    )
