"""Composing a danger statement or a safety goal from its parts.

The parts are help, not a cage: the editor shows what these functions make as a
preview, and the practitioner may then edit the full text by hand.

    compose_statement(ds) -> "<Who> are worried that <behaviour>, <example>.
                              If nothing changes, <impact>. <Acknowledgement>."
    compose_goal(goal)    -> "<Caregiver actions>, so that <child experience>.
                              <Professionals will see>. This will carry on <duration>.
                              <Network> will know the plan and help."

Both are tolerant: empty parts are left out, and parts the practitioner already
punctuated (a full stop, a leading "like", a "that", an "if nothing changes")
are used as written. Only the first letter of a part may change case, and only
trailing commas, semicolons and colons are trimmed; everything else a
practitioner typed appears in the result as typed.

Pure Python: no Textual, no database.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

_SENTENCE_END = ".!?"
_CLOSERS = "\"')]\u201d\u2019"
_TRIM = ",;:\u2013\u2014- \t\r\n"

# First words that read better in lower case mid-sentence ("..., like in March").
# Names ("Dean", "Mum") and "I" are never lowered.
_LOWER_FIRST = frozenset(
    """
    a after an and at because before both but by during each earlier every for from
    he her his if in it its last like most my nearly often on once one our over recently
    she since sometimes that the their them there these they this those three twice two
    we when whenever where while who with without yesterday you your
    """.split()
)

_PLURAL_WORRIERS = frozenset("we they you both all many".split())


class _Statement(Protocol):
    who_is_worried: str
    behaviour: str
    example: str
    impact: str
    acknowledgement: str


class _Goal(Protocol):
    caregiver_actions: str
    child_experience: str
    professionals_will_see: str
    duration: str
    network: str


# ------------------------------------------------------------------ helpers


def _first_word(text: str) -> str:
    match = re.match(r"[\w']+", text)
    return match.group(0) if match else ""


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS)[-1:] in tuple(_SENTENCE_END) if text else False


def _trim(text: str) -> str:
    """Spaces around, and a dangling comma, semicolon, colon or dash at the end, removed."""
    text = text.strip()
    trimmed = text.rstrip(_TRIM)
    return trimmed if trimmed else text


def _set_first(text: str, upper: bool) -> str:
    """The first letter in upper or lower case, when that is a one-letter change."""
    if not text:
        return text
    first = text[0]
    changed = first.upper() if upper else first.lower()
    if len(changed) != 1:
        return text
    return changed + text[1:]


def _capital(text: str) -> str:
    return _set_first(text, upper=True)


def _mid_sentence(text: str) -> str:
    """Lower the first letter if it is a small word ("When", "Like"), not a name."""
    word = _first_word(text)
    if word.lower() in _LOWER_FIRST and word[:1].isupper() and (len(word) > 1 or word == "A"):
        return _set_first(text, upper=False)
    return text


def _sentence(text: str) -> str:
    """A part as a whole sentence: capital first letter, full stop at the end if it had none."""
    text = _capital(_trim(text))
    return text if _ends_sentence(text) else text + "."


def _join(sentences: list[str]) -> str:
    return " ".join(s for s in sentences if s)


def _starts_with(text: str, *openings: str) -> bool:
    lowered = text.lower()
    return any(lowered == o or lowered.startswith(o + " ") or lowered.startswith(o + ",") for o in openings)


def _worried_verb(who: str) -> str:
    words = re.findall(r"[\w']+", who.lower())
    if not words:
        return "are"
    if words == ["i"]:
        return "am"
    if words[0] in _PLURAL_WORRIERS or "and" in words or "&" in who:
        return "are"
    if who.count(",") >= 2 or (who.count(",") == 1 and not who.rstrip().endswith(",")):
        # "Jo, Sam, the school" (a list) rather than "Jo, the social worker" (one person)
        return "are" if who.count(",") >= 2 else "is"
    last = words[-1]
    if words[0] in ("the", "both", "all") and last.endswith("s") and not last.endswith("ss"):
        return "are"  # "The teachers"
    if last in ("police", "people", "staff", "family", "parents"):
        return "are"
    return "is"


_WORRY_WORDS = re.compile(r"\b(worried|worry|worries|concerned|scared|frightened|afraid)\b", re.IGNORECASE)


def _who_clause(who: str) -> str:
    """'The school' -> 'The school is worried'; 'The school is worried that' stays as it is."""
    who = who.strip()
    keep_comma = who.endswith(",") and who[:-1].count(",") >= 1  # "Jo, the social worker,"
    core = _trim(who)
    if _WORRY_WORDS.search(core):
        return _capital(core + ("," if keep_comma else ""))
    return _capital(core + ("," if keep_comma else "") + f" {_worried_verb(core)} worried")


# ------------------------------------------------------------------ statements

_EXAMPLE_OPENINGS = ("like", "for example", "for instance", "such as", "as", "when", "including", "e.g")
_TIME_OPENINGS = (
    "in", "on", "at", "last", "this", "earlier", "recently", "yesterday", "once", "twice", "after", "before",
    "during", "over",
)


MAX_JOINED_WORDS = 35  # a sentence joined from two parts stays within this; longer, they are two sentences


def _words(text: str) -> int:
    return len(text.split())


def compose_statement(ds: _Statement) -> str:
    """A danger statement in short sentences from its parts (any of which may be empty).

    Who is worried and what the adult does comes first, then the example, then
    what could happen to the child; what the family has done well follows as its
    own sentence, so a list that shows the first words shows who is worried.
    """
    ack = (ds.acknowledgement or "").strip()
    who = (ds.who_is_worried or "").strip()
    behaviour = _trim(ds.behaviour or "")
    example = _trim(ds.example or "")
    impact = _trim(ds.impact or "")

    sentences: list[str] = []

    # The worry: who + behaviour, with a short example joined on ("..., like in March").
    worry = ""
    if who:
        worry = _who_clause(who)
        if behaviour:
            if _starts_with(behaviour, "that", "about", "because") or worry.lower().endswith(("that", "about")):
                worry += " " + _mid_sentence(behaviour)
            else:
                worry += " that " + _mid_sentence(behaviour)
    elif behaviour:
        worry = _capital(behaviour)

    if example:
        joinable = worry and not _ends_sentence(worry) and _words(worry) + _words(example) <= MAX_JOINED_WORDS
        if not worry:
            worry = _capital(example)
        elif joinable and _starts_with(example, *_EXAMPLE_OPENINGS):
            worry += ", " + _mid_sentence(example)
        else:
            sentences.append(worry if _ends_sentence(worry) else worry + ".")
            if _starts_with(example, "for example", "for instance", "e.g") or _ends_sentence(example) and not _starts_with(
                example, *_EXAMPLE_OPENINGS
            ):
                worry = _capital(example)
            elif _starts_with(example, "like", "such as", "as", "including"):
                worry = _capital(example)
            else:
                worry = "For example, " + _mid_sentence(example)
    if worry:
        sentences.append(worry if _ends_sentence(worry) else worry + ".")

    if impact:
        if _starts_with(impact, "if", "unless", "without", "otherwise", "if nothing changes"):
            sentences.append(_sentence(impact))
        else:
            sentences.append("If nothing changes, " + _mid_sentence(impact) + ("" if _ends_sentence(impact) else "."))

    if ack:
        sentences.append(_sentence(ack))

    return _join(sentences)


def statement_headline(ds: _Statement, text: str = "") -> str:
    """What a list calls a danger statement: who is worried and what the adult does, first.

    Built from its parts when who is worried or what the adult does is written
    (whatever order the agreed wording took); otherwise the wording itself.
    """
    if (ds.who_is_worried or "").strip() or (ds.behaviour or "").strip():
        return compose_statement(ds)
    return text


# ------------------------------------------------------------------ goals

_SEEING_WORDS = re.compile(r"\b(see|sees|seen|seeing|notice|notices|hear|hears|know|knows|will|can)\b", re.IGNORECASE)
_HELPING_WORDS = re.compile(
    r"\b(know|knows|help|helps|helping|will|is|are|has|have|can|check|checks|visit|visits|support|supports)\b",
    re.IGNORECASE,
)
_DURATION_OPENINGS = (
    "for", "until", "till", "over", "during", "throughout", "by", "from", "at least", "within",
    "every", "each", "across", "while", "as long", "in", "on", "through", "since",
)
_DURATION_SENTENCE = re.compile(r"\b(will|is|are|must|should|needs?)\b", re.IGNORECASE)


def compose_goal(goal: _Goal) -> str:
    """A safety goal in natural English from its parts (any of which may be empty)."""
    actions = _trim(goal.caregiver_actions or "")
    child = _trim(goal.child_experience or "")
    seen = _trim(goal.professionals_will_see or "")
    duration = _trim(goal.duration or "")
    network = _trim(goal.network or "")

    sentences: list[str] = []
    first = _capital(actions)
    if child:
        if not first:
            first = _capital(child)
        elif _ends_sentence(first) or _words(first) + _words(child) + 2 > MAX_JOINED_WORDS:
            sentences.append(first if _ends_sentence(first) else first + ".")
            first = _capital(child)
        elif _starts_with(child, "so", "so that", "and", "because", "which"):
            first += ", " + _mid_sentence(child)
        else:
            first += ", so that " + _mid_sentence(child)
    if first:
        sentences.append(first if _ends_sentence(first) else first + ".")

    if seen:
        if _SEEING_WORDS.search(seen) or _ends_sentence(seen):
            sentences.append(_sentence(seen))
        else:
            sentences.append("Professionals will see " + _mid_sentence(seen) + ".")

    if duration:
        if _DURATION_SENTENCE.search(duration):
            sentences.append(_sentence(duration))
        elif _starts_with(duration, *_DURATION_OPENINGS):
            sentences.append("This will carry on " + _mid_sentence(duration) + ("" if _ends_sentence(duration) else "."))
        else:
            sentences.append("This will carry on for " + duration + ("" if _ends_sentence(duration) else "."))

    if network:
        if _HELPING_WORDS.search(network) or _ends_sentence(network):
            sentences.append(_sentence(network))
        else:
            sentences.append(_capital(network) + " will know the plan and help.")

    return _join(sentences)


# ------------------------------------------------------------------ pairs


class _Pod(Protocol):
    def statement(self, statement_id: str) -> Any: ...
    def goal_for(self, statement_id: str) -> Any: ...
    def scale_for(self, about: str) -> Any: ...


def pair_gaps(pod: _Pod, statement_id: str) -> list[str]:
    """What a danger statement and its safety goal still need, as codes.

    Every statement needs its wording (``statement-text``), exactly one safety goal
    (``goal``) with wording (``goal-text``), and a scale (``scale``). A screen turns
    the codes into words with the team's own labels.
    """
    statement = pod.statement(statement_id)
    if statement is None:
        return []
    gaps: list[str] = []
    if not (statement.text or "").strip():
        gaps.append("statement-text")
    goal = pod.goal_for(statement_id)
    if goal is None:
        gaps.append("goal")
    elif not (goal.text or "").strip():
        gaps.append("goal-text")
    if pod.scale_for(statement_id) is None:
        gaps.append("scale")
    return gaps
