"""Two copies changed one pod: combine both, and say where they truly clash.

``merge(base, mine, theirs)`` takes the pod as this copy last read it from the
store (``base``), as this copy has it now (``mine``) and as the store has it now
(``theirs``, saved by another copy meanwhile). It returns the combined pod and
the clashes a person has to decide.

How the parts combine:

* a plain field (a title, a statement's behaviour, a score's reason) changed on
  one side only takes that side's value. Changed on both sides to different
  values is a clash: the merge keeps this copy's value for now and reports both;
* items with their own key (people, danger statements and safety goals by id,
  scales by what they are about) are matched by key and combined field by
  field. Both sides adding an item under the same new id (each copy picks the
  next free one) are two different items: the other copy's gets a new id, and
  its safety goal and scale follow it;
* lists without keys (map items, next steps, bottom lines, contingencies,
  participants, scores, drafts, stages) combine as sequences: an item added on
  either side is kept, where it was added (the other copy's first, as it was
  saved first); an item deleted on one side and unchanged on the other goes;
  an item changed on one side and deleted on the other is kept, changed, and
  reported, so nothing disappears unseen;
* a few fields are the app's own bookkeeping, never asked about: the time a
  stage has taken keeps the larger count, the stage a copy is at and the app's
  own settings in ``extra`` keep this copy's.

Plain Python: no Textual, no storage.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as _dt
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, NamedTuple

from .model import SECTION_LABELS, TEXT_SECTIONS, BottomLine, Draft, MapItem, Pod, StageRecord

# List fields whose items carry their own key, and which field it is.
KEYED = {
    (Pod, "people"): "id",
    (Pod, "danger_statements"): "id",
    (Pod, "safety_goals"): "id",
    (Pod, "scales"): "about",
}

# What one item of each list is called, for saying where a clash is.
ITEM_WORDS = {
    "people": "Person",
    "danger_statements": "Danger statement",
    "safety_goals": "Safety goal",
    "scales": "Scale",
    "next_steps": "Next step",
    "bottom_lines": "Bottom line",
    "contingencies": "Contingency plan",
    "participants": "Participant",
    "scores": "score",
    "drafts": "draft",
    "stages": "Stage notes",
    **{section: f"Map: {SECTION_LABELS[section]}, item" for section in TEXT_SECTIONS},
}
FIELD_WORDS = {
    "text": "wording",
    "who_is_worried": "who is worried",
    "caregiver_actions": "what the caregivers will do",
    "child_experience": "what the child will experience",
    "professionals_will_see": "what professionals will see",
    "next_point": "what one point up looks like",
    "focus_question_answered": "focus question answered",
    "focus_question": "focus question",
    "reflection": "Reflection",
    "carried": "reviewed as",
    "outcome": "what became of it",
    "outcome_reason": "why",
    "outcome_on": "recorded on",
    "outcome_by": "recorded by",
    "follows": "the pod it follows up",
}
# Items that are only their words: a clash in one is "Bottom line 2", not "Bottom line 2, wording".
WORDS_ONLY = (MapItem, BottomLine, Draft)

# Edited items are told apart from new ones by how alike their words stay.
ALIKE = 0.6
_PAIRING_LIMIT = 2_500  # compare at most this many pairs in one changed stretch


@dataclass(frozen=True)
class Clash:
    """A place both copies changed differently, or one changed and the other deleted.

    ``kind`` is "changed" (both changed it: the merged pod holds ``mine`` for
    now) or "deleted" (one side deleted an item the other changed: the merged
    pod keeps the changed item; the deleting side's value is None).
    ``where`` says where it is in plain words; ``path`` finds it (see
    :func:`choose`). ``mine_text`` and ``theirs_text`` are what to show.
    """

    kind: str
    where: str
    path: tuple[tuple[Any, ...], ...]
    mine: Any
    theirs: Any

    @property
    def mine_text(self) -> str:
        return show(self.mine)

    @property
    def theirs_text(self) -> str:
        return show(self.theirs)


class Merged(NamedTuple):
    pod: Pod
    clashes: list[Clash]


def show(value: Any) -> str:
    """A value as a person reads it (a whole item as its words)."""
    if value is None:
        return "(deleted)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, _dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        words = [
            show(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in ("id", "about", "danger_statement", "key", "carried", "outcome")
            and isinstance(getattr(value, f.name), str)
            and getattr(value, f.name).strip()
        ]
        return " / ".join(words) or "(empty)"
    if isinstance(value, str):
        return value if value.strip() else "(empty)"
    return str(value)


# ---------------------------------------------------------------- the merge


def merge(base: Pod, mine: Pod, theirs: Pod) -> Merged:
    """``mine`` and ``theirs`` combined, both made from ``base``; see the module docstring.

    The inputs are not changed; the merged pod shares nothing with them.
    """
    base, mine, theirs = copy.deepcopy((base, mine, theirs))
    theirs = _renumber_new_ids(base, mine, theirs)
    clashes: list[Clash] = []
    pod = _merge_object(base, mine, theirs, _At((), (), clashes))
    pod.id = mine.id
    return Merged(pod, clashes)


class _At:
    """Where the merge is: the path to the place and its words, and where clashes go."""

    def __init__(self, path: tuple, words: tuple[str, ...], clashes: list[Clash]) -> None:
        self.path = path
        self.words = words
        self.clashes = clashes

    def field(self, owner: type, name: str) -> _At:
        words = self.words
        if name not in ITEM_WORDS and name != "map" and not (owner in WORDS_ONLY and name == "text"):
            words = (*words, FIELD_WORDS.get(name, name.replace("_", " ")))
        return _At((*self.path, ("attr", name)), words, self.clashes)

    def item(self, list_name: str, step: tuple, number: int) -> _At:
        word = f"{ITEM_WORDS.get(list_name, list_name.replace('_', ' '))} {number}"
        return _At((*self.path, step), (*self.words, word), self.clashes)

    def clash(self, kind: str, mine: Any, theirs: Any) -> None:
        where = ", ".join(self.words)
        if not self.words:
            where = "Pod details"
        elif self.words[0][:1].islower():  # a field of the pod itself
            where = f"Pod details: {where}"
        self.clashes.append(Clash(kind, where, self.path, mine, theirs))


def _merge_object(base: Any, mine: Any, theirs: Any, at: _At) -> Any:
    """Two changed copies of one dataclass, combined field by field."""
    if mine == theirs or base == theirs:
        return mine
    if base == mine:
        return theirs
    kwargs = {}
    for f in dataclasses.fields(mine):
        kwargs[f.name] = _merge_field(
            type(mine), f.name, getattr(base, f.name), getattr(mine, f.name), getattr(theirs, f.name), at
        )
    return type(mine)(**kwargs)


def _merge_field(owner: type, name: str, base: Any, mine: Any, theirs: Any, at: _At) -> Any:
    if mine == theirs or base == theirs:
        return mine
    if base == mine:
        return theirs
    here = at.field(owner, name)
    if isinstance(mine, list) and isinstance(theirs, list) and isinstance(base, list):
        key = KEYED.get((owner, name))
        if key is not None and _unique(key, base, mine, theirs):
            return _merge_keyed(name, key, base, mine, theirs, here)
        return _merge_sequence(name, base, mine, theirs, here)
    if dataclasses.is_dataclass(mine) and type(mine) is type(theirs) is type(base):
        return _merge_object(base, mine, theirs, here)
    if isinstance(mine, dict) and isinstance(theirs, dict) and isinstance(base, dict):
        return _merge_dict(base, mine, theirs)
    # A plain value both sides changed differently.
    if (owner, name) == (StageRecord, "seconds_spent") and isinstance(mine, int) and isinstance(theirs, int):
        return max(mine, theirs)
    if (owner, name) in ((Pod, "current_stage"), (Pod, "id")):
        return mine
    here.clash("changed", mine, theirs)
    return mine


def _merge_dict(base: dict, mine: dict, theirs: dict) -> dict:
    """The app's own settings and what a pod file carried: key by key, this copy's when both changed."""
    out = dict(mine)
    for key in theirs.keys() | base.keys():
        b, m, t = base.get(key, _GONE), mine.get(key, _GONE), theirs.get(key, _GONE)
        if m == t or b == t:
            continue
        if b == m:
            value = t
        elif isinstance(m, dict) and isinstance(t, dict):
            value = _merge_dict(b if isinstance(b, dict) else {}, m, t)
        else:
            continue
        if value is _GONE:
            out.pop(key, None)
        else:
            out[key] = value
    return out


_GONE = object()


# ---------------------------------------------------------------- lists with keys


def _unique(key: str, *lists: list) -> bool:
    return all(len({getattr(x, key) for x in items}) == len(items) for items in lists)


def _merge_keyed(name: str, key: str, base: list, mine: list, theirs: list, at: _At) -> list:
    b = {getattr(x, key): x for x in base}
    m = {getattr(x, key): x for x in mine}
    t = {getattr(x, key): x for x in theirs}

    # The order: this copy's, with the other copy's new items after the item they follow there.
    order = [k for k in m]
    for i, k in enumerate(t):
        if k in m or k in b:
            continue
        before = next((p for p in reversed(list(t)[:i]) if p in order), None)
        order.insert(order.index(before) + 1 if before is not None else 0, k)
    for k in t:  # items this copy deleted may come back (changed there): after their neighbour
        if k not in order and k in b and t[k] != b[k]:
            keys = list(t)
            before = next((p for p in reversed(keys[: keys.index(k)]) if p in order), None)
            order.insert(order.index(before) + 1 if before is not None else 0, k)

    out: list = []
    for k in order:
        number = len(out) + 1
        here = at.item(name, ("key", key, k), number)
        if k in m and k in t:
            out.append(_merge_object(b.get(k, _empty_like(m[k], key)), m[k], t[k], here))
        elif k in m:  # not in theirs: new here, or deleted there
            if k not in b:
                out.append(m[k])
            elif m[k] != b[k]:
                out.append(m[k])
                here.clash("deleted", m[k], None)
        elif k in t:
            if k not in b:
                out.append(t[k])
            elif t[k] != b[k]:
                out.append(t[k])
                here.clash("deleted", None, t[k])
    return out


def _empty_like(item: Any, key: str) -> Any:
    """What two copies that both added an item with this key started from: an empty one."""
    blank = type(item)()
    setattr(blank, key, getattr(item, key))
    return blank


def _renumber_new_ids(base: Pod, mine: Pod, theirs: Pod) -> Pod:
    """Items both copies added under the same new id are different items: give theirs new ids."""
    def taken(attr: str) -> set[str]:
        return {x.id for pod in (base, mine, theirs) for x in getattr(pod, attr)}

    for attr, prefix in (("people", "p"), ("danger_statements", "ds"), ("safety_goals", "sg")):
        old = {x.id for x in getattr(base, attr)}
        ours = {x.id: x for x in getattr(mine, attr)}
        used = taken(attr)
        for item in getattr(theirs, attr):
            if item.id in old or item.id not in ours or ours[item.id] == item:
                continue
            fresh = _fresh_id(prefix, used)
            used.add(fresh)
            if attr == "danger_statements":
                for goal in theirs.safety_goals:
                    if goal.danger_statement == item.id:
                        goal.danger_statement = fresh
                for scale in theirs.scales:
                    if scale.about == item.id:
                        scale.about = fresh
            item.id = fresh
    return theirs


def _fresh_id(prefix: str, used: set[str]) -> str:
    n = 1
    while f"{prefix}{n}" in used:
        n += 1
    return f"{prefix}{n}"


# ---------------------------------------------------------------- lists without keys


class _Fates(NamedTuple):
    """What one side did to each base item, and what it added before each (len(base): at the end)."""

    fate: list[tuple[str, int]]  # ("keep", j) | ("edit", j) | ("delete", -1)
    added: dict[int, list[int]]


def _fates(base: list, side: list) -> _Fates:
    matcher = SequenceMatcher(None, [repr(x) for x in base], [repr(x) for x in side], autojunk=False)
    fate: list[tuple[str, int]] = [("delete", -1)] * len(base)
    added: dict[int, list[int]] = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                fate[i1 + k] = ("keep", j1 + k)
        elif tag == "insert":
            added.setdefault(i1, []).extend(range(j1, j2))
        elif tag == "replace":
            pairs = _pair(base[i1:i2], side[j1:j2])
            for bi, sj in pairs:
                fate[i1 + bi] = ("edit", j1 + sj)
            for sj in range(j2 - j1):
                if any(p[1] == sj for p in pairs):
                    continue
                anchor = next((i1 + bi for bi, pj in pairs if pj > sj), i2)
                added.setdefault(anchor, []).append(j1 + sj)
    return _Fates(fate, added)


# Fields that are codes, not words: two items are alike by what people wrote, not by a shared
# "idea" or "agreed" (two different next steps both marked "idea" were taken for one edited).
_CODES = ("status", "kind", "role", "carried", "outcome")


def _words_of(item: Any) -> str:
    if not dataclasses.is_dataclass(item):
        return repr(item)
    return show(dataclasses.replace(item, **{name: "" for name in _CODES if hasattr(item, name)}))


def _pair(old: list, new: list) -> list[tuple[int, int]]:
    """Which old items became which new ones (in order), by how alike their words are."""
    if len(old) * len(new) > _PAIRING_LIMIT:
        return [(k, k) for k in range(min(len(old), len(new)))]
    a = [_words_of(x) for x in old]
    b = [_words_of(x) for x in new]

    def alike(i: int, j: int) -> float:
        if type(old[i]) is not type(new[j]):
            return 0.0
        matcher = SequenceMatcher(None, a[i], b[j], autojunk=False)
        shorter = min(len(a[i]), len(b[j]))
        if matcher.quick_ratio() * (len(a[i]) + len(b[j])) < 2 * shorter * ALIKE:
            return 0.0  # not even the shorter one's letters are mostly there
        ratio = matcher.ratio()
        if shorter >= 3:
            # Words added to (or cut from) an item: the shorter text is still there in one piece.
            block = matcher.find_longest_match(0, len(a[i]), 0, len(b[j]))
            ratio = max(ratio, 0.9 * block.size / shorter)
        return ratio if ratio >= ALIKE else 0.0

    # Best total likeness with the order kept (a small alignment table).
    n, m = len(old), len(new)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            s = alike(i, j)
            score[i][j] = max(score[i + 1][j], score[i][j + 1], (score[i + 1][j + 1] + s) if s else 0.0)
    pairs = []
    i = j = 0
    while i < n and j < m:
        s = alike(i, j)
        if s and score[i][j] == score[i + 1][j + 1] + s:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif score[i][j] == score[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _merge_sequence(name: str, base: list, mine: list, theirs: list, at: _At) -> list:
    ours, others = _fates(base, mine), _fates(base, theirs)
    out: list = []

    def here() -> _At:
        return at.item(name, ("at", len(out)), len(out) + 1)

    for i in range(len(base) + 1):
        # New items at this spot: the other copy's first (saved first), then this copy's;
        # the same item added by both is kept once.
        theirs_new = [theirs[j] for j in others.added.get(i, [])]
        mine_new = [mine[j] for j in ours.added.get(i, [])]
        out.extend(theirs_new)
        for item in mine_new:
            if item in theirs_new:
                theirs_new.remove(item)
            else:
                out.append(item)
        if i == len(base):
            break
        (m_how, mj), (t_how, tj) = ours.fate[i], others.fate[i]
        if m_how == "keep" and t_how == "keep":
            out.append(mine[mj])
        elif m_how == "delete" and t_how == "delete":
            pass
        elif m_how == "delete" or t_how == "delete":
            kept_how, kept = (t_how, theirs[tj]) if m_how == "delete" else (m_how, mine[mj])
            if kept_how == "edit":  # changed there, deleted here (or the other way): keep the change
                place = here()
                out.append(kept)
                place.clash("deleted", None if m_how == "delete" else kept, kept if m_how == "delete" else None)
        elif m_how == "keep":
            out.append(theirs[tj])
        elif t_how == "keep":
            out.append(mine[mj])
        else:  # both changed it
            out.append(_merge_object(base[i], mine[mj], theirs[tj], here()) if _same_kind(
                base[i], mine[mj], theirs[tj]) else _clash_whole(base[i], mine[mj], theirs[tj], here()))
    return out


def _same_kind(*items: Any) -> bool:
    return all(dataclasses.is_dataclass(x) for x in items) and len({type(x) for x in items}) == 1


def _clash_whole(base: Any, mine: Any, theirs: Any, at: _At) -> Any:
    if mine != theirs:
        at.clash("changed", mine, theirs)
    return mine


# ---------------------------------------------------------------- choosing


def choose(pod: Pod, choices: list[tuple[Clash, str]]) -> None:
    """Put each clash's chosen side ("mine" or "theirs") into the merged ``pod``.

    A side that deleted the item deletes it. Take every choice from one merge
    at once: deletions are done last, from the end, so the places stay right.
    """
    removals: list[tuple[list, Any]] = []
    for clash, side in choices:
        value = clash.mine if side == "mine" else clash.theirs
        found = _find(pod, clash.path)
        if found is None:
            continue
        holder, step = found
        if clash.kind == "deleted":
            if value is None:
                removals.append((holder, step))
            continue
        _put(holder, step, copy.deepcopy(value))
    for holder, step in sorted(removals, key=lambda r: r[1][1] if r[1][0] == "at" else -1, reverse=True):
        item = _get(holder, step)
        if item is not None:
            holder[:] = [x for x in holder if x is not item]


def _find(pod: Any, path: tuple) -> tuple[Any, tuple] | None:
    """The thing holding the place at ``path``, and the last step to it (None if it is gone)."""
    holder = pod
    for step in path[:-1]:
        holder = _get(holder, step)
        if holder is None:
            return None
    return (holder, path[-1]) if path else None


def _get(holder: Any, step: tuple) -> Any:
    how = step[0]
    if how == "attr":
        return getattr(holder, step[1], None)
    if how == "at":
        return holder[step[1]] if isinstance(holder, list) and 0 <= step[1] < len(holder) else None
    return next((x for x in holder if getattr(x, step[1], None) == step[2]), None)


def _put(holder: Any, step: tuple, value: Any) -> None:
    how = step[0]
    if how == "attr":
        setattr(holder, step[1], value)
        return
    index = step[1] if how == "at" else next(
        (i for i, x in enumerate(holder) if getattr(x, step[1], None) == step[2]), None)
    if index is not None and 0 <= index < len(holder):
        holder[index] = value


__all__ = ["Clash", "Merged", "choose", "merge", "show"]
