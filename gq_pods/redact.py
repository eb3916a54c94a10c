"""Redaction: the people around the child become stable tokens (Child A, Adult 1).

For sharing a record beyond the team. ``redact_pod(pod)`` returns a copy of the
pod in which every person in ``pod.people`` is replaced by a token in every text
field of the record; ``render_markdown(redact_pod(pod))`` is the redacted export.
The key (who is who) is never part of the copy: only the export dialog shows it,
through ``redaction_preview``.

The choices:

- **Tokens.** People are numbered in the order of the people list, so the same
  pod always gives the same tokens. Children (anyone not a professional who is
  under 18, or whose relationship says child, son, daughter, baby and the like)
  are Child A, Child B ... (Child Z is followed by Child AA); other family and
  network members are Adult 1, Adult 2 ...; professionals are Professional 1 ...
- **What is matched.** A person's full name and every part of it with at least
  two letters (first names, middle names, surnames, the pieces of a hyphenated
  or apostrophe name: Smith-Jones gives Smith and Jones, O'Neil gives Neil), as
  whole words, in any case. A word is whole when no letter touches it, so
  ``amy_carter`` and ``Amy2`` are caught but ``Amyl`` is not. Any white space may
  stand between the words of a full name, and any apostrophe (' or ’) or hyphen
  in it. Titles such as Mr, Mrs, Ms, Dr are not names and are left. A
  possessive keeps its ending (Amy's becomes Child A's); a plural of a name part
  is taken in whole (the Joneses becomes the Adult 3). Longer names are matched
  before shorter parts (``Amy Carter`` is one token, not two), and everything is
  replaced in one pass, so a token is never replaced again. Text is put in
  Unicode NFC form first, so a name typed with a combining accent is still found.
- **Shared parts.** A surname shared by several people (Dean Carter, Amy Carter)
  becomes a family token, Family 1, Family 2 ... in order of first appearance,
  because it cannot say which of them is meant ("Mr Carter" becomes "Mr Family
  1", "the Carters' house" becomes "the Family 1' house"). Any other part shared
  by several people (two people called Dean) becomes their tokens joined with
  "or" ("Adult 1 or Adult 3"), which is honest about the doubt.
- **Staff.** Participants (the practitioners at the pod) are never changed, and
  text naming someone who is not in the people list is left as it is. Fields
  that are not free text (ids, styles, roles, statuses, stage keys) are kept.
- Names are matched as whole words, so a name that is also an everyday word
  (Will, May, Pat) is replaced wherever that word appears: redaction errs on the
  side of hiding too much.
"""

from __future__ import annotations

import copy
import dataclasses
import re
import unicodedata
from typing import Any

from .model import Person, Pod

CHILD_WORDS = frozenset(
    {
        "child",
        "children",
        "son",
        "daughter",
        "baby",
        "infant",
        "unborn",
        "toddler",
        "boy",
        "girl",
        "stepson",
        "stepdaughter",
        "stepchild",
    }
)
TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev", "revd", "master"}
)
ADULT_AGE = 18

# Fields that hold ids, fixed choices or keys, never free text.
NOT_TEXT = frozenset(
    {
        "id",
        "style",
        "case_reason",
        "status",
        "role",
        "kind",
        "about",
        "danger_statement",
        "key",
        "focus_question_answered",
        "current_stage",
    }
)

_HYPHENS = "-\u2010\u2011\u2013"
_APOSTROPHES = "'\u2019\u02bc"
_WORD_SPLIT = re.compile(r"[\s" + re.escape(_HYPHENS + _APOSTROPHES) + "]+")
# A name is a whole word when no letter touches it (digits, underscores and punctuation do not join words).
_NOT_AFTER_LETTER = r"(?<![^\W\d_])"
_NOT_BEFORE_LETTER = r"(?![^\W\d_])"


def _is_child(person: Person) -> bool:
    if person.kind == "professional":
        return False
    if person.age is not None and person.age < ADULT_AGE:
        return True
    words = re.findall(r"[a-z]+", (person.relationship or "").lower())
    return any(word in CHILD_WORDS for word in words)


def _letters(n: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA."""
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def redaction_tokens(pod: Pod) -> dict[str, str]:
    """Each person's id mapped to their token, in the order of the people list."""
    tokens: dict[str, str] = {}
    children = adults = professionals = 0
    for index, person in enumerate(pod.people):
        key = person.id or f"#{index}"
        if person.kind == "professional":
            professionals += 1
            tokens[key] = f"Professional {professionals}"
        elif _is_child(person):
            children += 1
            tokens[key] = f"Child {_letters(children)}"
        else:
            adults += 1
            tokens[key] = f"Adult {adults}"
    return tokens


def _letter_count(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _name_parts(name: str) -> list[str]:
    """The parts of a name worth matching: its words, and the pieces of hyphenated ones (O'Neil: Neil)."""
    parts: list[str] = []
    for piece in name.split():
        for part in [piece, *_WORD_SPLIT.split(piece)]:
            part = part.strip(".,;:()\"" + _APOSTROPHES + _HYPHENS)
            if _letter_count(part) >= 2 and part.lower() not in TITLES and part not in parts:
                parts.append(part)
    return parts


def _join_or(tokens: list[str]) -> str:
    return tokens[0] if len(tokens) == 1 else ", ".join(tokens[:-1]) + " or " + tokens[-1]


@dataclasses.dataclass
class _Rule:
    name: str  # as first written in the people list
    token: str
    plural: bool = False  # also match the plural (the Carters, the Joneses): a name part, not a full name


def _rules(pod: Pod) -> list[_Rule]:
    """Every name and name part to replace, with its token; the order is stable."""
    tokens = redaction_tokens(pod)
    full: dict[str, tuple[str, list[str]]] = {}  # name (casefolded) -> (spelling, tokens)
    parts: dict[str, tuple[str, list[str]]] = {}  # part (casefolded) -> (spelling, tokens)
    surname_only: dict[str, bool] = {}  # part (casefolded) -> is it a surname for everyone who has it
    for index, person in enumerate(pod.people):
        token = tokens[person.id or f"#{index}"]
        name = " ".join(unicodedata.normalize("NFC", person.name or "").split())
        if _letter_count(name) < 2:
            continue
        holders = full.setdefault(name.casefold(), (name, []))[1]
        if token not in holders:
            holders.append(token)
        words = [w for w in name.split() if w.strip(".").lower() not in TITLES]
        surname = words[-1].casefold() if len(words) > 1 else None
        for part in _name_parts(name):
            folded = part.casefold()
            holders = parts.setdefault(folded, (part, []))[1]
            if token not in holders:
                holders.append(token)
            is_surname = surname is not None and (folded == surname or folded in _WORD_SPLIT.split(surname))
            surname_only[folded] = surname_only.get(folded, True) and is_surname

    rules = [_Rule(spelling, _join_or(holders)) for spelling, holders in full.values()]
    families = 0
    for folded, (spelling, holders) in parts.items():
        if folded in full:
            continue  # also someone's whole name: that rule covers it
        if len(holders) == 1:
            rules.append(_Rule(spelling, holders[0], plural=True))
        elif surname_only[folded]:
            families += 1
            rules.append(_Rule(spelling, f"Family {families}", plural=True))
        else:
            rules.append(_Rule(spelling, _join_or(holders), plural=True))
    return rules


def _pattern(rule: _Rule) -> str:
    """A name as a pattern: any white space between words, any apostrophe or hyphen, plurals."""
    out = []
    for ch in rule.name:
        if ch.isspace():
            if not out or out[-1] != r"\s+":
                out.append(r"\s+")
        elif ch in _APOSTROPHES:
            out.append(f"[{_APOSTROPHES}]")
        elif ch in _HYPHENS:
            out.append(f"[{re.escape(_HYPHENS)}]")
        else:
            out.append(re.escape(ch))
    if rule.plural:
        out.append("(?:es)?" if re.search(r"(s|x|z|ch|sh)$", rule.name, re.IGNORECASE) else "s?")
    return "".join(out)


class _Redactor:
    def __init__(self, pod: Pod):
        self.rules = _rules(pod)
        ordered = sorted(enumerate(self.rules), key=lambda pair: (-len(pair[1].name), pair[0]))
        alternatives = []
        for index, rule in ordered:
            alternatives.append(f"(?P<r{index}>{_pattern(rule)})")
        self.pattern = (
            re.compile(
                _NOT_AFTER_LETTER + "(?:" + "|".join(alternatives) + ")" + _NOT_BEFORE_LETTER,
                re.IGNORECASE,
            )
            if alternatives
            else None
        )

    def text(self, value: str) -> str:
        if not value or self.pattern is None:
            return value
        value = unicodedata.normalize("NFC", value)
        return self.pattern.sub(lambda m: self.rules[int(m.lastgroup[1:])].token, value)

    def value(self, value: Any, field_name: str = "") -> Any:
        if field_name in NOT_TEXT:
            return value
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.value(v) for v in value]
        if isinstance(value, tuple):
            return tuple(self.value(v) for v in value)
        if isinstance(value, dict):
            return {k: self.value(v) for k, v in value.items()}
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            for f in dataclasses.fields(value):
                setattr(value, f.name, self.value(getattr(value, f.name), f.name))
            return value
        return value


CASE_WITHHELD = "(withheld)"


def redact_pod(pod: Pod) -> Pod:
    """A deep copy of ``pod`` with every person's name and name parts replaced by tokens."""
    tokens = redaction_tokens(pod)
    redactor = _Redactor(pod)
    out = copy.deepcopy(pod)
    participants = out.participants  # staff: never changed
    out.participants = []
    redactor.value(out)
    out.participants = participants
    for index, person in enumerate(out.people):
        person.name = tokens[pod.people[index].id or f"#{index}"]
    if out.case_reference.strip():
        # A case reference may be a case-system number that identifies the child.
        out.case_reference = CASE_WITHHELD
    return out


def redaction_preview(pod: Pod) -> list[tuple[str, str]]:
    """What redaction will change: (name as written, token), full names first, in people order."""
    return [(rule.name, rule.token) for rule in _rules(pod)]
