"""The pod is described once, in gq_pods.model; everything else must keep up with it.

A field added to the model and forgotten anywhere it must travel fails here,
naming the field: a column in the tables (and the storage rules that fill it),
the pod file (written and read back), the full test pod in tests/factories.py,
and the hypothesis strategies in tests/strategies.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis.errors import NoSuchExample
from sqlalchemy import Boolean, Date, Integer, Text

from gq_pods import podfile
from gq_pods.model import DangerStatement, Draft, Pod
from storage import schema
from storage import tables as t
from tests.factories import full_pod
from tests.strategies import anything, pods

# The database's own number for a pod: storage sets it, the pod file and the
# test generators leave it alone. So is the pod a pod follows (another pod's number):
# the pod file says only whether it follows one, and a chain file links by order.
STORAGE_ONLY = {("Pod", "id"), ("Pod", "follows")}


def _dataclasses_in(hint: typing.Any) -> Iterator[type]:
    if dataclasses.is_dataclass(hint):
        yield hint
    for arg in typing.get_args(hint):
        yield from _dataclasses_in(arg)


def model_fields(cls: type = Pod, seen: set | None = None) -> set[tuple[str, str]]:
    """Every (class, field) in the pod's tree, read from the dataclasses themselves."""
    seen = set() if seen is None else seen
    if cls in seen:
        return set()
    seen.add(cls)
    found = set()
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        found.add((cls.__name__, f.name))
        for inner in _dataclasses_in(hints[f.name]):
            found |= model_fields(inner, seen)
    return found


def _default(f: dataclasses.Field) -> typing.Any:
    return f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default


def filled(obj: typing.Any) -> set[tuple[str, str]]:
    """The (class, field) pairs that hold something other than their default, anywhere in ``obj``."""
    found = set()
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if value != _default(f):
            found.add((type(obj).__name__, f.name))
        for item in value if isinstance(value, list) else [value]:
            if dataclasses.is_dataclass(item):
                found |= filled(item)
    return found


def leaves(obj: typing.Any, path: str = "pod") -> dict[str, typing.Any]:
    """Every plain value in ``obj`` by its path, lists by index."""
    out: dict[str, typing.Any] = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        at = f"{path}.{f.name}"
        if dataclasses.is_dataclass(value):
            out |= leaves(value, at)
        elif isinstance(value, list):
            out[f"{at} (items)"] = len(value)
            for i, item in enumerate(value):
                out |= leaves(item, f"{at}[{i}]") if dataclasses.is_dataclass(item) else {f"{at}[{i}]": item}
        else:
            out[at] = value
    return out


ALL_FIELDS = model_fields()


def test_the_model_walk_sees_nested_fields():
    """The checks below are only as good as this walk: it reaches a draft inside a goal."""
    assert {("Draft", "author"), ("ScaleScore", "next_point"), ("Reflection", "learning"),
            ("PodMap", "next_steps"), ("NextStep", "due"), ("DangerStatement", "family_view")} <= ALL_FIELDS


# ---------------------------------------------------------------- the tables

_COLUMN_TYPES = {str: Text, int: Integer, bool: Boolean, dt.date: Date}


def _table_of(cls: type) -> dict:
    """Which table each model class's rows live in (the pod's own: pods)."""
    tables = {Pod: [t.pods]}
    for _, part in schema.lists():
        tables.setdefault(part.type, []).append(part.child.table)
    return tables[cls]


def test_every_model_field_has_a_rule_and_every_list_a_table():
    covered = set()

    def walk(cls: type, root: bool = False) -> None:
        for part in schema.parts(cls, root):
            covered.add((cls.__name__, part.name))
            if part.kind in ("embedded", "list"):
                walk(part.type)

    walk(Pod, root=True)
    assert ALL_FIELDS - covered == set(), "fields storage does not keep"


def test_every_model_value_has_a_column_of_its_kind():
    problems = []
    classes = {Pod: True} | {part.type: False for _, part in schema.lists()}
    for cls, root in classes.items():
        for table in _table_of(cls):
            for column_name, part in schema.columns(cls, root=root):
                column = table.c.get(column_name)
                where = f"{cls.__name__}.{part.name} -> {table.name}.{column_name}"
                if column is None:
                    problems.append(f"{where}: no such column")
                    continue
                want = Text if part.kind == "json" else _COLUMN_TYPES[part.type]
                if not isinstance(column.type, want):
                    problems.append(f"{where}: column is {column.type}, the model holds {want.__name__}")
                if column.nullable != part.nullable:
                    problems.append(f"{where}: nullable is {column.nullable}, the model says {part.nullable}")
    assert problems == []


def test_every_column_is_a_model_field_or_says_where_its_row_belongs():
    """A column no field fills would be left at its default on every save."""
    expected: dict[str, set[str]] = {"pods": {"id", *schema.POD_ROW_COLUMNS}}
    expected["pods"] |= {name for name, _ in schema.columns(Pod, root=True)}
    for _, part in schema.lists():
        cols = expected.setdefault(part.child.table.name, set(schema.ROW_COLUMNS))
        cols |= {name for name, _ in schema.columns(part.type)} | set(part.child.fixed) | set(part.child.link)
    for table in t.metadata.sorted_tables:
        if table in t.POD_ASIDE:  # beside a pod, not part of its record: not made from the model
            continue
        assert set(table.c.keys()) == expected.get(table.name), table.name


def test_deleting_a_pod_reaches_every_table_its_lists_fill():
    assert set(schema.child_tables()) == set(t.POD_CHILDREN)


def test_a_model_field_of_a_kind_storage_has_no_rule_for_is_named():
    @dataclasses.dataclass
    class Odd:
        when: dt.datetime | None = None

    with pytest.raises(schema.SchemaError, match="Odd.when"):
        schema.parts(Odd)


def test_a_list_with_no_table_is_named():
    @dataclasses.dataclass
    class Lonely:
        friends: list[DangerStatement] = dataclasses.field(default_factory=list)

    with pytest.raises(schema.SchemaError, match="Lonely.friends"):
        schema.parts(Lonely)


# ---------------------------------------------------------------- the test data


# full_pod is a Group Supervision pod in progress, not a practice pod, as most
# tests want; these fields hold a real value at their default. EVERY_FIELD
# moves them off it, so a lost field always shows.
AT_DEFAULT_IN_FULL_POD = {("Pod", "style"), ("Pod", "status"), ("Pod", "practice")}
EVERY_FIELD = dict(style="content_mapping", status="complete", practice=True)


def test_the_full_test_pod_fills_every_field():
    missing = ALL_FIELDS - STORAGE_ONLY - AT_DEFAULT_IN_FULL_POD - filled(full_pod())
    assert missing == set(), "tests/factories.py full_pod leaves these empty"
    assert ALL_FIELDS - STORAGE_ONLY - filled(full_pod(**EVERY_FIELD)) == set()


def _never_filled(strategy: typing.Any) -> set[tuple[str, str]]:
    """The fields ``strategy`` never fills: a first sweep, then a search for each one left."""
    seen: set[tuple[str, str]] = set()
    quiet = dict(derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck))

    @settings(max_examples=60, phases=[Phase.generate], **quiet)
    @given(strategy)
    def sweep(pod: Pod) -> None:
        seen.update(filled(pod))

    sweep()
    never = set()
    for wanted in sorted(ALL_FIELDS - STORAGE_ONLY - seen):
        try:
            find(strategy, lambda pod: wanted in filled(pod), settings=settings(max_examples=1000, **quiet))
        except NoSuchExample:
            never.add(wanted)
    return never


@pytest.mark.parametrize(
    "name, strategy",
    [
        ("pods()", pods()),
        ("anything(Pod)", anything(Pod)),
    ],
)
def test_the_strategies_fill_every_field(name, strategy):
    assert _never_filled(strategy) == set(), f"tests/strategies.py {name} never fills these"


# ---------------------------------------------------------------- the pod file


_SOME = {str: "filled in", int: 1, bool: True, dt.date: dt.date(2026, 1, 2)}


def fill_defaults(obj: typing.Any, empty: set | None = None) -> None:
    """Give a value to each plain field that is at its default everywhere in ``obj``,
    so losing it shows (a field the factory forgot is still checked)."""
    empty = ALL_FIELDS - filled(obj) if empty is None else empty
    hints = typing.get_type_hints(type(obj))
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        kinds = [k for k in (hints[f.name], *typing.get_args(hints[f.name])) if k in _SOME]
        if (type(obj).__name__, f.name) in empty and kinds:
            setattr(obj, f.name, _SOME[kinds[0]] if _SOME[kinds[0]] != value else False)
        for item in value if isinstance(value, list) else [value]:
            if dataclasses.is_dataclass(item):
                fill_defaults(item, empty)


def test_the_pod_file_carries_every_field():
    pod = full_pod(**EVERY_FIELD)
    fill_defaults(pod)
    pod.id = 7  # not part of the file: it comes back empty
    pod.follows = 6  # a database's number too: the file says only that it follows a pod
    written = podfile.to_dict(pod)
    assert written["pod"]["follows"] is True
    back = podfile.from_dict(written)
    assert back.id is None and back.follows is None
    sent, came = leaves(pod), leaves(back)
    lost = {path: value for path, value in sent.items() if came.get(path) != value and path not in ("pod.id", "pod.follows")}
    assert lost == {}, "the pod file (gq_pods/podfile.py) drops these"


# ---------------------------------------------------------------- storage, through the rules


def test_storage_keeps_every_field(repo):
    pod = full_pod(**EVERY_FIELD)
    fill_defaults(pod)
    pod.follows = repo.add_pod(Pod(title="the pod it follows up"))
    repo.add_pod(pod)
    assert leaves(repo.get_pod(pod.id)) == leaves(pod)


def test_a_statement_and_a_goal_sharing_an_id_keep_their_own_drafts(repo):
    pod = full_pod()
    pod.danger_statements.append(DangerStatement(id="ds1", text="second", drafts=[]))
    pod.danger_statements[1].drafts = [Draft("XY", "only the second's")]
    repo.add_pod(pod)
    back = repo.get_pod(pod.id)
    assert [s.drafts for s in back.danger_statements] == [s.drafts for s in pod.danger_statements]
    assert [g.drafts for g in back.safety_goals] == [g.drafts for g in pod.safety_goals]

