"""How a pod maps onto the tables, derived from the model's dataclasses.

The model (:mod:`gq_pods.model`) is the one description of what a pod holds;
rows are made from it by rule, so a new field needs a column (and a migration)
but no new code here or in the repository:

* a field holding a plain value (text, whole number, yes/no, date) is the
  column of the same name in its class's table. A child's ``id`` (the
  practice's own key, "ds1") is the column ``key``, because ``id`` is the row's
  own number; the pod's ``id`` is its row's number;
* a field holding one dataclass (``Pod.reflection``, ``Pod.map``) lives in the
  parent's row, its columns prefixed with the field's name
  (``reflection_learning``);
* a field holding a dict (``Pod.extra``) is JSON in the column ``<name>_json``;
* a field holding a list is a child table named in :data:`LISTS`, one row per
  item, with ``pod_id`` and ``position`` (its place in the list, from 0).

:data:`LISTS` is the only part written by hand: which table each list lives in,
and how a nested list (a statement's drafts, a scale's scores) finds its
parent's row. A new list field needs its table in ``tables.py`` (and in
``POD_CHILDREN``), a migration, and an entry here. ``tests/test_schema.py``
fails when a model field has no column, a column has no field, or a list has
no table.

Reading is strict and names the place: a value of the wrong kind in the
database (a date that is not a date, text where a number belongs) raises
:class:`Unreadable` with a plain description of where it is, never the value.
Text is cleaned on the way in (see :func:`clean_text`), and on the way out of
control characters (:func:`gq_pods.text.clean`): a database written by an older
release or another tool can hold them, and an edit box would send them to the
terminal as they are.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import json
import re
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import Table

from gq_pods.days import stored_day
from gq_pods.model import (
    TEXT_SECTIONS,
    DangerStatement,
    Pod,
    PodMap,
    SafetyGoal,
    Scale,
)
from gq_pods.text import clean, clean_all

from . import tables as t

ROOT = Pod

_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(value: str) -> str:
    """``value`` without NUL characters, and with unpaired surrogates replaced.

    PostgreSQL rejects NUL and no database can encode a lone surrogate, so an
    odd paste could otherwise make every later save fail.
    """
    if "\x00" in value:
        value = value.replace("\x00", "")
    if _SURROGATE.search(value):
        value = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return value


def _clean_json(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {_clean_json(k): _clean_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean_json(v) for v in value]
    return value


# ---------------------------------------------------------------- the hand-written part


@dataclass(frozen=True, eq=False)
class Child:
    """Where the items of one list field live.

    ``fixed``: columns with a constant value that say which list a row belongs
    to (``map_items.section``). ``link``: child column -> the parent row's
    column, for lists inside list items (``drafts.owner_position`` is its
    statement's ``position``).
    """

    table: Table
    fixed: Mapping[str, str] = field(default_factory=dict)
    link: Mapping[str, str] = field(default_factory=dict)


def _drafts_of(kind: str) -> Child:
    return Child(t.drafts, fixed={"kind": kind}, link={"owner": "key", "owner_position": "position"})


LISTS: dict[tuple[type, str], Child] = {
    (Pod, "participants"): Child(t.participants),
    (Pod, "people"): Child(t.people),
    **{(PodMap, section): Child(t.map_items, fixed={"section": section}) for section in TEXT_SECTIONS},
    (PodMap, "next_steps"): Child(t.next_steps),
    (Pod, "danger_statements"): Child(t.danger_statements),
    (DangerStatement, "drafts"): _drafts_of("danger_statement"),
    (Pod, "safety_goals"): Child(t.safety_goals),
    (SafetyGoal, "drafts"): _drafts_of("safety_goal"),
    (Pod, "scales"): Child(t.scales),
    (Scale, "scores"): Child(t.scale_scores, link={"scale_id": "id"}),
    (Pod, "bottom_lines"): Child(t.bottom_lines),
    (Pod, "contingencies"): Child(t.contingencies),
    (Pod, "stages"): Child(t.stage_records),
}

# Columns every child row has that no model field is: its own number, its pod,
# its place in the list. The pods table keeps when it was added and changed, and
# its version (how many times it has been saved), which the repository keeps.
ROW_COLUMNS = frozenset({"id", "pod_id", "position"})
POD_ROW_COLUMNS = frozenset({"created_at", "updated_at", "version"})


# ---------------------------------------------------------------- derived from the model

VALUE_TYPES = (str, int, bool, _dt.date)


@dataclass(frozen=True)
class Part:
    """One field of a model dataclass and how it is kept.

    ``kind`` is "value" (a column), "json" (a dict kept as JSON text),
    "embedded" (a dataclass kept in the parent's row) or "list" (a child table).
    """

    name: str
    kind: str
    column: str = ""  # value, json
    type: type | None = None  # value: the Python type; embedded, list: the dataclass
    nullable: bool = False
    child: Child | None = None


class SchemaError(TypeError):
    """The model has a field the storage rules do not cover (a programming slip)."""


@cache
def parts(cls: type, root: bool = False) -> tuple[Part, ...]:
    """How each field of ``cls`` is kept; ``root`` for the pod itself."""
    hints = typing.get_type_hints(cls)
    out = []
    for f in dataclasses.fields(cls):
        hint = hints[f.name]
        args = typing.get_args(hint)
        origin = typing.get_origin(hint)
        nullable = origin in (typing.Union, types.UnionType) and type(None) in args
        if nullable:
            (hint,) = [a for a in args if a is not type(None)]
            origin = typing.get_origin(hint)
        if f.name == "id" and root:
            out.append(Part(f.name, "row_id", "id", int, True))
        elif hint in VALUE_TYPES:
            out.append(Part(f.name, "value", "key" if f.name == "id" else f.name, hint, nullable))
        elif origin is dict:
            out.append(Part(f.name, "json", f"{f.name}_json"))
        elif origin is list and dataclasses.is_dataclass(typing.get_args(hint)[0]):
            child = LISTS.get((cls, f.name))
            if child is None:
                raise SchemaError(f"{cls.__name__}.{f.name} is a list with no table in storage.schema.LISTS")
            out.append(Part(f.name, "list", type=typing.get_args(hint)[0], child=child))
        elif dataclasses.is_dataclass(hint) and not nullable:
            out.append(Part(f.name, "embedded", type=hint))
        else:
            raise SchemaError(f"{cls.__name__}.{f.name}: storage has no rule for {hint!r}")
    return tuple(out)


def columns(cls: type, prefix: str = "", root: bool = False) -> Iterator[tuple[str, Part]]:
    """Every column ``cls`` fills in its own row (embedded dataclasses included)."""
    for part in parts(cls, root):
        if part.kind in ("value", "json"):
            yield prefix + part.column, part
        elif part.kind == "embedded":
            yield from columns(part.type, f"{prefix}{part.name}_")


def lists(cls: type = ROOT, root: bool = True) -> Iterator[tuple[type, Part]]:
    """Every list field under ``cls``, parents before children."""
    for part in parts(cls, root):
        if part.kind == "embedded":
            yield from lists(part.type, False)
        elif part.kind == "list":
            yield cls, part
            yield from lists(part.type, False)


def child_tables() -> tuple[Table, ...]:
    """The tables a pod's lists fill, each once, parents first."""
    return tuple(dict.fromkeys(part.child.table for _, part in lists()))


# ---------------------------------------------------------------- objects -> rows


@cache
def _value_plan(cls: type, root: bool = False) -> tuple[tuple[str, tuple[str, ...], str], ...]:
    """(column, the attributes to follow to its value, how to store it) for ``cls``'s own row."""
    plan: list[tuple[str, tuple[str, ...], str]] = []
    for part in parts(cls, root):
        if part.kind == "value":
            plan.append((part.column, (part.name,), "bool" if part.type is bool else "value"))
        elif part.kind == "json":
            plan.append((part.column, (part.name,), "json"))
        elif part.kind == "embedded":
            plan.extend((f"{part.name}_{column}", (part.name, *path), how) for column, path, how in _value_plan(part.type))
    return tuple(plan)


@cache
def _list_plan(cls: type, root: bool = False) -> tuple[tuple[tuple[str, ...], Part, bool], ...]:
    """(the attributes to follow to a list, its part, whether its rows need their ids at once)."""
    plan: list[tuple[tuple[str, ...], Part, bool]] = []
    for part in parts(cls, root):
        if part.kind == "list":
            now = any(p.kind == "list" and "id" in p.child.link.values() for p in parts(part.type))
            plan.append(((part.name,), part, now))
        elif part.kind == "embedded":
            plan.extend(((part.name, *path), inner, now) for path, inner, now in _list_plan(part.type))
    return tuple(plan)


def _follow(obj: Any, path: tuple[str, ...]) -> Any:
    for name in path:
        obj = getattr(obj, name)
    return obj


def row_values(obj: Any, root: bool = False) -> dict[str, Any]:
    """The columns ``obj`` fills in its own row (not its lists), cleaned."""
    out: dict[str, Any] = {}
    for column, path, how in _value_plan(type(obj), root):
        value = _follow(obj, path)
        if how == "value":
            out[column] = clean_text(value) if isinstance(value, str) else value
        elif how == "bool":
            out[column] = value if value is None else bool(value)
        else:
            out[column] = json.dumps(_clean_json(value or {}), ensure_ascii=False)
    return out


def write_children(pod: Pod, pod_id: int, insert_one: Callable[[Table, dict], int]) -> dict[Table, list[dict]]:
    """Rows for every list in ``pod``, by table, parents' tables first.

    Rows whose own children point at their ``id`` (a scale's scores) are
    inserted at once with ``insert_one`` (which returns the new id); every other
    row is returned to be inserted in one batch per table.
    """
    batches: dict[Table, list[dict]] = {table: [] for table in child_tables()}

    def walk(obj: Any, row: Mapping[str, Any], root: bool) -> None:
        for path, part, now in _list_plan(type(obj), root):
            child = part.child
            base = {"pod_id": pod_id, **child.fixed, **{column: row[source] for column, source in child.link.items()}}
            deeper = bool(_list_plan(part.type))
            for position, item in enumerate(_follow(obj, path)):
                values = {**base, "position": position, **row_values(item)}
                if now:
                    values["id"] = insert_one(child.table, values)
                else:
                    batches[child.table].append(values)
                if deeper:
                    walk(item, values, False)

    walk(pod, {}, True)
    return {table: rows for table, rows in batches.items() if rows}


# ---------------------------------------------------------------- rows -> objects


class Unreadable(ValueError):
    """A stored value is not what the model holds there; ``where`` says where, in plain words."""

    def __init__(self, where: str = "") -> None:
        super().__init__(where)
        self.where = where


def _words(name: str) -> str:
    return name.replace("_", " ")


def _place(outer: str, inner: str) -> str:
    return f"{outer}, {inner}" if inner else outer


def _read_json(value: Any) -> dict:
    try:
        found = json.loads(value or "{}")
    except (TypeError, ValueError, RecursionError):
        raise Unreadable() from None
    if not isinstance(found, dict):
        raise Unreadable()
    return clean_all(found)


def read_value(part: Part, value: Any) -> Any:
    """``value`` as the model holds it in ``part``; raises :class:`Unreadable` if it is not that kind."""
    if value is None:
        if part.nullable:
            return None
        raise Unreadable()
    kind = part.type
    if kind is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
    elif kind is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif kind is _dt.date:
        day = stored_day(value)
        if day is not None:
            return day
    elif isinstance(value, kind):
        return clean(value) if kind is str else value
    raise Unreadable()


def read_timestamp(value: Any, where: str) -> _dt.datetime | None:
    """A stored date and time (aware, UTC if none was kept), or None."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = _dt.datetime.fromisoformat(value)
        except ValueError:
            raise Unreadable(where) from None
    if not isinstance(value, _dt.datetime):
        raise Unreadable(where)
    return value if value.tzinfo is not None else value.replace(tzinfo=_dt.timezone.utc)


class Rows:
    """A pod's child rows, fetched once per table in ``position`` order, found by list and parent."""

    def __init__(self, fetched: Mapping[Table, list[Mapping[str, Any]]]) -> None:
        self._fetched = fetched
        self._index: dict[tuple, dict[tuple, list[Mapping[str, Any]]]] = {}

    def of(self, child: Child, parent: Mapping[str, Any]) -> list[Mapping[str, Any]]:
        keys = (*child.fixed, *child.link)
        index = self._index.get((child.table, keys))
        if index is None:
            index = {}
            for row in self._fetched.get(child.table, ()):
                index.setdefault(tuple([row[k] for k in keys]), []).append(row)
            self._index[(child.table, keys)] = index
        wanted = (*child.fixed.values(), *(parent[source] for source in child.link.values()))
        return index.get(wanted, [])


def build(cls: type, row: Mapping[str, Any], rows: Rows | None = None, *, root: bool = False) -> Any:
    """The ``cls`` object stored in ``row`` (and, through ``rows``, its lists).

    Raises :class:`Unreadable` naming the place in plain words ("map, next
    steps 2, due"). The quick way first; the careful way, which knows where
    it is, only when something is wrong.
    """
    try:
        return _build_quickly(cls, row, rows, root, "")
    except Unreadable:
        return _build_carefully(cls, row, rows, root=root)


@cache
def _read_plan(cls: type, root: bool, prefix: str) -> tuple[tuple, tuple, tuple, tuple]:
    values, jsons, embedded, lists_ = [], [], [], []
    for part in parts(cls, root):
        if part.kind in ("value", "row_id"):
            values.append((part.name, prefix + part.column, part, part.type))
        elif part.kind == "json":
            jsons.append((part.name, prefix + part.column))
        elif part.kind == "embedded":
            embedded.append((part.name, part.type, f"{prefix}{part.name}_"))
        elif part.kind == "list":
            lists_.append((part.name, part))
    return tuple(values), tuple(jsons), tuple(embedded), tuple(lists_)


def _build_quickly(cls: type, row: Mapping[str, Any], rows: Rows | None, root: bool, prefix: str) -> Any:
    values, jsons, embedded, lists_ = _read_plan(cls, root, prefix)
    kwargs = {}
    for name, column, part, kind in values:
        value = row[column]
        if type(value) is not kind:
            value = read_value(part, value)
        elif kind is str:
            value = clean(value)
        kwargs[name] = value
    for name, column in jsons:
        kwargs[name] = _read_json(row[column])
    for name, inner, inner_prefix in embedded:
        kwargs[name] = _build_quickly(inner, row, rows, False, inner_prefix)
    if rows is not None:
        for name, part in lists_:
            kwargs[name] = [_build_quickly(part.type, item, rows, False, "") for item in rows.of(part.child, row)]
    return cls(**kwargs)


def _build_carefully(cls: type, row: Mapping[str, Any], rows: Rows | None = None, *, root: bool = False,
                     prefix: str = "") -> Any:
    kwargs: dict[str, Any] = {}
    for part in parts(cls, root):
        try:
            if part.kind in ("value", "row_id"):
                kwargs[part.name] = read_value(part, row[prefix + part.column])
            elif part.kind == "json":
                kwargs[part.name] = _read_json(row[prefix + part.column])
            elif part.kind == "embedded":
                kwargs[part.name] = _build_carefully(part.type, row, rows, prefix=f"{prefix}{part.name}_")
        except Unreadable as error:
            raise Unreadable(_place(_words(part.name), error.where)) from None
        if part.kind == "list" and rows is not None:
            items = []
            for n, item in enumerate(rows.of(part.child, row), start=1):
                try:
                    items.append(_build_carefully(part.type, item, rows))
                except Unreadable as error:
                    raise Unreadable(_place(f"{_words(part.name)} {n}", error.where)) from None
            kwargs[part.name] = items
    return cls(**kwargs)


__all__ = [
    "LISTS",
    "Child",
    "Part",
    "Rows",
    "SchemaError",
    "Unreadable",
    "build",
    "child_tables",
    "clean_text",
    "columns",
    "lists",
    "parts",
    "read_timestamp",
    "read_value",
    "row_values",
    "write_children",
]
