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
- **What is matched.** A person's full name and every part of it, however short
  (first names, middle names, surnames, initials, the pieces of a hyphenated or
  apostrophe name with two letters or more: Smith-Jones gives Smith and Jones,
  O'Neil gives Neil but never O), as whole words. A word is whole when no letter
  touches it, so ``amy_carter`` and ``Amy2`` are caught but ``Amyl`` is not. Any
  white space may stand between the words of a full name, and any apostrophe
  (' or ’) or hyphen in it. Titles such as Mr, Mrs, Ms, Dr are not names and are
  left. A possessive keeps its ending (Amy's becomes Child A's, T’s becomes
  Child A’s); a plural of a name part is taken in whole (the Joneses becomes the
  Adult 3). Longer names are matched before shorter parts (``Amy Carter`` is one
  token, not two), and everything is replaced in one pass, so a token is never
  replaced again. Text is put in Unicode NFC form first, so a name typed with a
  combining accent is still found.
- **Case.** Names of two letters or more are matched in any case (KM, km, Km).
  Initials (two to four capitals) are matched with dots or spaces too (K.M.,
  K. M., K M), and dotted initials in the people list without them (K.M. gives
  KM). A single letter is a name only in its own case (T, not t) and only as a
  word of its own: not in DON'T, T-shirt, X-T or S47, but in T's, (T) and T.
- **Letters that are words.** A one-letter name that is also an English word
  (A, I, O) is still replaced, everywhere it stands alone; ``redaction_warnings``
  says so in plain words, and the export dialog and command show it before export.
- **The case reference** is withheld wherever it is written (titles, map items,
  statements, anything), in any case and with any separators (CS-123456,
  cs 123456, CS123456), and so is a long number in it on its own (123456).
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
        "carried",
        "outcome",
    }
)

_HYPHENS = "-\u2010\u2011\u2013"
_APOSTROPHES = "'\u2019\u02bc"
_STRIP = ".,;:()\"" + _APOSTROPHES + _HYPHENS
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


_DOTTED_INITIALS = re.compile(r"^(?:[^\W\d_]\.\s*)+[^\W\d_]?$")


def _name_parts(name: str) -> list[str]:
    """The parts of a name worth matching.

    Its words (a single letter too: an initial is a name), the pieces of hyphenated
    or apostrophe words with two letters or more (O'Neil: Neil, never O), dotted
    initials written together (K.M.: KM, K and M), and a name made only of
    initials written together (J T: JT).
    """
    parts: list[str] = []

    def add(part: str) -> None:
        if part and part.lower() not in TITLES and part not in parts:
            parts.append(part)

    initials = []
    for piece in name.split():
        if _DOTTED_INITIALS.match(piece) and _letter_count(piece) > 1:
            letters = "".join(ch for ch in piece if ch.isalpha())
            add(letters)
            initials.extend(letters)
            for letter in letters:
                add(letter)
            continue
        whole = piece.strip(_STRIP)
        if _letter_count(whole) == 1 and len(whole) == 1:
            add(whole)
            initials.append(whole)
            continue
        initials.append("")
        for part in [piece, *_WORD_SPLIT.split(piece)]:
            part = part.strip(_STRIP)
            if _letter_count(part) >= 2:
                add(part)
    if len(initials) > 1 and all(initials):
        add("".join(initials))
    return parts


def _is_initials(part: str) -> bool:
    """KM, JT: two to four capital letters, which may also be written K.M. or K M."""
    return 2 <= len(part) <= 4 and part.isalpha() and part.isupper()


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
        if _letter_count(name) < 1:
            continue
        holders = full.setdefault(name.casefold(), (name, []))[1]
        if token not in holders:
            holders.append(token)
        words = [w.strip(".") for w in name.split() if w.strip(".").lower() not in TITLES]
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
        plural = _letter_count(spelling) > 1 and not _is_initials(spelling)
        if len(holders) == 1:
            rules.append(_Rule(spelling, holders[0], plural=plural))
        elif surname_only[folded]:
            families += 1
            rules.append(_Rule(spelling, f"Family {families}", plural=plural))
        else:
            rules.append(_Rule(spelling, _join_or(holders), plural=plural))
    return rules


# A single letter is a name only as a word of its own: not in DON'T, T-shirt, X-T or S47,
# but in T's, T’s, (T) and T.
_LETTER_BEFORE = r"(?<![^\W_])(?<![^\W_][" + re.escape(_APOSTROPHES + _HYPHENS) + "])"
_LETTER_AFTER = (
    r"(?![^\W_])"
    rf"(?![{re.escape(_HYPHENS)}][^\W_])"
    rf"(?![{_APOSTROPHES}][^\W_]{{2}})"
    rf"(?![{_APOSTROPHES}](?![sS])[^\W_])"
)


def _pattern(rule: _Rule) -> str:
    """A name as a pattern: any white space between words, any apostrophe or hyphen, plurals.

    A single letter is matched as written (and as a capital), never in another case;
    initials (KM) also as K.M., K. M. and K M.
    """
    if len(rule.name) == 1:
        letters = "".join(sorted({re.escape(rule.name), re.escape(rule.name.upper())}))
        return f"{_LETTER_BEFORE}(?-i:[{letters}]){_LETTER_AFTER}"
    if _is_initials(rule.name):
        letters = [re.escape(ch) for ch in rule.name]
        return "(?:" + r"\.\s?".join(letters) + r"\.?|" + r"\s?".join(letters) + ")"
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


def _walk(value: Any, text, field_name: str = "") -> Any:
    """``value`` with ``text`` applied to every free-text string in it (dataclasses changed in place)."""
    if field_name in NOT_TEXT:
        return value
    if isinstance(value, str):
        return text(value)
    if isinstance(value, list):
        return [_walk(v, text) for v in value]
    if isinstance(value, tuple):
        return tuple(_walk(v, text) for v in value)
    if isinstance(value, dict):
        return {k: _walk(v, text) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            setattr(value, f.name, _walk(getattr(value, f.name), text, f.name))
        return value
    return value


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


CASE_WITHHELD = "(withheld)"
_LONG_NUMBER = re.compile(r"\d{5,}")


def _case_reference_pattern(reference: str) -> re.Pattern[str] | None:
    """The case reference wherever it is written: any case, any separators between its pieces
    (CS-123456, cs 123456, CS123456), and any long number in it on its own (123456)."""
    reference = unicodedata.normalize("NFC", reference)
    chunks = re.findall(r"[^\W_]+", reference)
    if not chunks:
        return None
    separator = r"[\s" + re.escape(_HYPHENS + _APOSTROPHES) + r"./_:#]*"
    alternatives = [separator.join(re.escape(chunk) for chunk in chunks)]
    alternatives += [number for number in _LONG_NUMBER.findall(reference) if number != reference]
    flags = re.IGNORECASE if sum(len(c) for c in chunks) > 1 else 0
    return re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")(?![^\W_])", flags)


def redact_pod(pod: Pod) -> Pod:
    """A deep copy of ``pod`` with every person's name and name parts replaced by tokens."""
    tokens = redaction_tokens(pod)
    redactor = _Redactor(pod)
    out = copy.deepcopy(pod)
    reference = _case_reference_pattern(pod.case_reference or "")
    if reference is not None:
        # A case reference may be a case-system number that identifies the child: withheld
        # wherever it was typed, not only in its own field.
        _walk(out, lambda text: reference.sub(CASE_WITHHELD, unicodedata.normalize("NFC", text)))
    participants = out.participants  # staff: never changed
    out.participants = []
    _walk(out, redactor.text)
    out.participants = participants
    for index, person in enumerate(out.people):
        person.name = tokens[pod.people[index].id or f"#{index}"]
    if out.case_reference.strip():
        # A case reference may be a case-system number that identifies the child.
        out.case_reference = CASE_WITHHELD
    return out


# One-letter words of English: a person with one of these letters as a name cannot be
# replaced without also replacing the word wherever it stands alone.
_LETTER_WORDS = frozenset("AIO")


def redaction_warnings(pod: Pod) -> list[str]:
    """What the person exporting should know before a redacted record goes out, in plain words.

    A one-letter name that is also an English word (A, I, O) is still replaced, since
    hiding too much is safer than showing a name, so every such word standing alone
    becomes the person's token and sentences may read oddly.
    """
    warnings = []
    for rule in _rules(pod):
        if len(rule.name) == 1 and rule.name.upper() in _LETTER_WORDS:
            warnings.append(
                f'"{rule.name}" is a person\'s name here and also an English word. Every "{rule.name}" '
                f"standing alone in the record becomes {rule.token}, so some sentences will read oddly. "
                "Read the record before sharing it, or give this person a longer initial or another name."
            )
    return warnings


def redaction_preview(pod: Pod) -> list[tuple[str, str]]:
    """What redaction will change: (name as written, token), full names first, in people order."""
    return [(rule.name, rule.token) for rule in _rules(pod)]
