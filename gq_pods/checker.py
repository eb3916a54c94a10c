"""The plain-language checker for danger statements and safety goals.

It reads a statement's *parts*, not only its words (see "Danger statements and
safety goals" in the practice primer). A danger statement needs:

* a named worrier (``no-worrier``): people or services by name or role, not a
  passive "concerns were raised" or a bare "we", "everyone" or "social care";
* an adult's behaviour (``no-behaviour``): what a caregiver does, in words you
  could film, not a label, a diagnosis alone or a vague noun;
* an example anchored in time (``no-example``): "like on 3 May when...";
* the impact on the child in concrete words (``no-impact``), now or if nothing
  changes: "hungry", "scared", "at risk of being hit", not "could be affected".

A safety goal needs:

* the caregiver doing something you could see (``no-action``): not services or
  compliance, not a vague "keep safe", not the child alone;
* a presence, not only an absence (``absence-only``);
* for how long (``no-duration``): a deadline ("by March") is not a duration;
* who will see or check it (``no-checker``, a hint only).

Either may use a label or shorthand (``jargon``). ``hint`` findings are about
style: ``long-sentence``, ``reading-age``, ``passive``, ``negative-wording``.
Words inside quotation marks are a child's or parent's own words and are never
jargon. Everything here is a suggestion: nothing blocks the practitioner.

Each check returns ``Finding`` records (severity, code, a plain message with a
one-line example of the fix, and the span of text it is about: character
offsets, end exclusive; a finding about the whole text spans it all).
``parts(text, kind)`` gives the checklist a person sees beside the editor.

Pure Python, standard library only; every pattern is written so it cannot
backtrack badly, and every look-around is bounded, so the work grows in step
with the length of the text.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Iterable

PROBLEM = "problem"
HINT = "hint"

DANGER_STATEMENT = "danger-statement"
SAFETY_GOAL = "safety-goal"

# What each code means, for a legend or a help screen.
RULES = {
    "jargon": "A label or shorthand instead of what happened",
    "no-worrier": "Nobody is named as worried",
    "no-behaviour": "Does not say what the adult does",
    "no-example": "No real example with when it happened",
    "no-impact": "Does not say in plain words what could happen to the child",
    "no-action": "Does not say what the parent or carer will do that others could see",
    "absence-only": "The goal only says what will stop",
    "no-duration": "The goal does not say for how long",
    "no-checker": "Does not say who will see or check it",
    "empty": "Nothing written yet",
    "long-sentence": "A very long sentence",
    "reading-age": "Hard to read",
    "passive": "Passive wording",
    "negative-wording": "Says what will stop rather than what will happen",
}

# The parts a person sees in the checklist, in order, and the code that says one is missing.
STATEMENT_PARTS = (
    ("worrier", "Who is worried", "no-worrier"),
    ("behaviour", "What the adult does", "no-behaviour"),
    ("example", "A real example, and when", "no-example"),
    ("impact", "What it means for the child", "no-impact"),
)
GOAL_PARTS = (
    ("action", "What the parent or carer will do", "no-action"),
    ("presence", "Something they will do, not only what stops", "absence-only"),
    ("checker", "Who will see or check it", "no-checker"),
    ("duration", "For how long", "no-duration"),
)

LONG_SENTENCE_WORDS = 35
HARD_READING_AGE = 17  # a hint only above this (roughly: needs a university reader)
MIN_WORDS_FOR_READING_AGE = 15


@dataclass(frozen=True)
class Finding:
    severity: str  # 'problem' | 'hint'
    code: str
    message: str
    start: int
    end: int


def has_problems(findings: Iterable[Finding]) -> bool:
    return any(finding.severity == PROBLEM for finding in findings)


# ------------------------------------------------------------------ helpers

_DASHES = "\\-\u2010\u2011\u2012\u2013"
_WS = rf"[\s{_DASHES}]+"  # between the words of a phrase: spaces, line breaks or hyphens
_HY = rf"[\s{_DASHES}]?"  # where a phrase has a hyphen: a hyphen, a space or nothing
_APOS = "['\u2019]"
_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")


def _phrase(src: str) -> str:
    """Regex source where a space means any run of spaces or hyphens, and '-' an optional one.

    Only used on the built-in patterns below, which use no spaces or hyphens as
    regex syntax.
    """
    return src.replace("-", _HY).replace(" ", _WS)


def _bounded(src: str) -> str:
    return rf"(?<!\w)(?:{src})(?!\w)"


def _words(src: str) -> re.Pattern[str]:
    """A case-blind pattern for whole words or phrases (spaces match any run of spaces or hyphens)."""
    return re.compile(_bounded(_phrase(src)), re.IGNORECASE)


def _shown(text: str, limit: int = 40) -> str:
    shown = " ".join(text.split())
    return shown if len(shown) <= limit else shown[: limit - 3].rstrip() + "..."


# Only from the first mark of a run, and without giving back: '.....a' costs one pass, not one per dot.
_SENTENCE_END = re.compile(r"(?<![.!?\u2026])[.!?\u2026]++[\"'\u201d\u2019)\]]*+(?=\s|$)|\n")


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences as (start, end), trimmed of surrounding spaces.

    A sentence ends at . ! ? (with any closing quote or bracket) followed by a
    space or the end, or at a line break.
    """
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    trimmed = []
    for begin, end in spans:
        piece = text[begin:end]
        stripped = piece.strip()
        if not stripped:
            continue
        lead = len(piece) - len(piece.lstrip())
        trimmed.append((begin + lead, begin + lead + len(stripped)))
    return trimmed


def _lower(text: str) -> str:
    """Lower case, one character for one, so offsets still point into the text."""
    low = text.lower()
    if len(low) == len(text):
        return low.replace("\u2019", "'")
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text).replace("\u2019", "'")


_OPENING_QUOTES = "\"\u201c\u2018'"
_CLOSING_FOR = {'"': '"\u201d', "\u201c": '\u201d"', "\u2018": "\u2019'", "'": "'\u2019"}
_QUOTE_LIMIT = 400  # characters: an opening quote with no close within this is not a quote
_QUOTE_MARK = re.compile("[\"\u201c\u201d\u2018\u2019'\n]")


def _quoted(text: str) -> list[tuple[int, int]]:
    """Spans of words in quotation marks ("dad's neglecting me"), quotes included.

    An opening mark has no letter before it and no space after; its closing mark
    is the next matching one with no space before it and no letter after, within
    a few hundred characters and on the same line. An apostrophe inside a word
    ("dad's") is neither. One pass to find the marks, then a binary search each.
    """
    n = len(text)
    closing: dict[str, list[int]] = {key: [] for key in _CLOSING_FOR}
    openers: list[int] = []
    breaks: list[int] = []
    for match in _QUOTE_MARK.finditer(text):
        i = match.start()
        ch = text[i]
        if ch == "\n":
            breaks.append(i)
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < n else " "
        if ch in _OPENING_QUOTES and not before.isalnum() and not after.isspace():
            openers.append(i)
        if not before.isspace() and not after.isalnum():
            for key, closers in _CLOSING_FOR.items():
                if ch in closers:
                    closing[key].append(i)
    spans: list[tuple[int, int]] = []
    covered = -1
    for i in openers:
        if i < covered:
            continue
        ends = closing[text[i]]
        k = bisect.bisect_right(ends, i)
        if k == len(ends) or ends[k] - i > _QUOTE_LIMIT:
            continue
        b = bisect.bisect_right(breaks, i)
        if b < len(breaks) and breaks[b] < ends[k]:
            continue
        spans.append((i, ends[k] + 1))
        covered = ends[k] + 1
    return spans


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with each span blanked out (same length, so offsets still hold)."""
    if not spans:
        return text
    pieces, last = [], 0
    for start, end in spans:
        pieces.append(text[last:start])
        pieces.append(" " * (end - start))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


# ------------------------------------------------------------------ jargon

_VIOLENCE = "Say what the adult did (hit, pushed, shouted, threatened) and what the child saw or heard."
_CONFLICT = "Say what the adults do when they argue (shout, throw things, push) and what the child sees and hears."
_NEGLECT = "Say what happened: what the child went without, and when."
_SUBSTANCES = "Say what the adult drank or took, and what happened to the child's care when they did."
_HARM = "Say in plain words what could happen to the child, for example 'Sam could be badly hurt'."
_COMPLIANCE = "Say what the parent agreed to do, and what actually happened."
_ENGAGEMENT = (
    "Say what the parent did, or will do, for example 'missed four of the six visits since May' "
    "or 'will meet the drug worker every Tuesday'."
)
_EXPOSED = "Say what the child saw or heard, and what happened to them."
_NEEDS = "Say what the child went without: food, warmth, clean clothes, a safe place to sleep."
_WELLBEING = "Say how the child might feel or act, for example 'frightened and unable to sleep'."
_TRIO = "Name each worry in plain words: what the adults did, and how it affected the child."
_ABUSE = "Say what the adult did or said, and what it was like for the child."
_MENTAL = "Say what the adult does when they are unwell (for example 'stays in bed all day') and what that means for the child."
_CHAOTIC = "Say what the day or the home is like for the child: what happens, and when."
_HOME = "Say what the home is like, for example 'dog mess on the floor and no clean bedding'."
_PARENTING = "Say what the parent does, or cannot yet do, for the child."
_SUPERVISION = "Say who was left where, for how long, and what happened."
_SAFEGUARDING = "Say who is worried, and what happened."
_RISKY = "Say what the young person did, where, and with whom."
_EXPLOITATION = "Say what the adults did: who they are, what they gave the young person, and what they asked them to do."
_ACES = "Say what happened to the child, in plain words."
_ATTACHMENT = "Say what you see between the parent and the child, for example 'Jo does not go to Mum when she is hurt'."
_THRESHOLD = "Say what happened and what could happen to the child; leave the service words out."
_WRITE_OUT = "Write it out in plain words, or better, say what happened."

# (regex source, label or shorthand, advice). Labels match in any case; shorthand
# only as written, so 'lac' inside a word, or 'cp' typed in lower case, is left alone.
_LABELS: list[tuple[str, str]] = [
    ("domestic (?:violence|abuse)", _VIOLENCE),
    ("(?:inter-)?parental conflict|adult conflict", _CONFLICT),
    ("exposed to|exposure to|exposing (?:him|her|them|the child|the children) to", _EXPOSED),
    ("basic needs", _NEEDS),
    ("emotional (?:wellbeing|well-being|harm|development|needs)", _WELLBEING),
    ("neglect(?:ed|ful|ing)?", _NEGLECT),
    ("(?:substance|drugs? and alcohol|drugs?|alcohol) (?:misuse|abuse)|substance use", _SUBSTANCES),
    ("(?:at )?(?:risk|likelihood) of (?:serious |significant )?harm|significant harm", _HARM),
    ("disguised compliance|non-complian(?:ce|t)", _COMPLIANCE),
    (
        "non-engag(?:ement|ing|ed)|not engag(?:ing|ed)|dis-engage(?:d|ment)"
        "|(?:fail(?:s|ed|ing|ure)?|refus(?:es|ed|ing|al)) to engage"
        "|(?:poor|lack of|limited|minimal|no) engagement"
        "|engag(?:e|es|ed|ing|ement) (?:(?:fully|properly|meaningfully|positively|consistently"
        "|openly|honestly|well|better) )?with",
        _ENGAGEMENT,
    ),
    ("toxic trio|trigger trio", _TRIO),
    ("(?:emotional|physical)(?:ly)? abus(?:e|ive)", _ABUSE),
    ("mental health (?:issues|problems|difficulties|concerns|needs)", _MENTAL),
    ("chaotic (?:lifestyle|home|household|family)s?", _CHAOTIC),
    ("(?:poor |unhygienic |unsanitary )?home conditions|poor living conditions", _HOME),
    ("poor parenting|parenting capacity|parental capacity", _PARENTING),
    ("(?:lack of|poor|inadequate) (?:supervision|boundaries|routines?)", _SUPERVISION),
    ("failure to protect", _PARENTING),
    ("safeguarding (?:concerns?|issues?|risks?)", _SAFEGUARDING),
    ("risky behaviou?rs?", _RISKY),
    ("(?:child )?(?:sexual|criminal) exploitation", _EXPLOITATION),
    ("adverse childhood experiences", _ACES),
    ("attachment (?:issues|difficulties|problems|disorder)", _ATTACHMENT),
    ("(?:the )?threshold", _THRESHOLD),
]

_SHORTHAND: list[tuple[str, str]] = [
    ("CP|CPP", "Write it out ('child protection plan'), or better, say what happened."),
    ("CIN", "Write it out ('child in need'), or better, say what happened."),
    ("LAC|CLA|CiC|CIC", "Say where the child lives and with whom, for example 'living with foster carers'."),
    ("[Ss]\\.?47|[Ss]ection 47", "Say what happened; if you need to, write 'a child protection enquiry'."),
    ("[Ss]\\.?(?:17|20|31)|[Ss]ection (?:17|20|31)", _WRITE_OUT),
    ("NFA", "Write it out ('no further action'), and say what that means for the family."),
    ("ICPC|RCPC", "Write it out ('child protection conference'), or say what was decided."),
    ("PLO", "Say what it means: a formal letter and meeting before the council might go to court."),
    ("CSE|CCE", _EXPLOITATION),
    ("ACEs?", _ACES),
    ("EHA|EHAP|TAF|CAF", _WRITE_OUT),
    ("CSC|CYPS", "Write it out ('children's social care'), or better, name the people who are worried."),
    ("LADO", "Write it out ('the officer who looks into worries about people who work with children')."),
    ("MASH|MARAC|MAPPA", _WRITE_OUT),
    ("CPS|DCF|DCFS|DSS", "Write the service out in full, or better, name the person who is worried."),
    ("SW", "Write 'social worker', and if you can, their name."),
]

# Shorthand that is also a label: the message calls it a label.
_SHORTHAND_LABELS: list[tuple[str, str]] = [
    ("DV|DA", _VIOLENCE),
]

# Capital letters a family knows: never flagged as shorthand on their own.
_EVERYDAY_CAPITALS = frozenset(
    """
    NHS GP GPs TV CCTV DVD BBC UK USA ICU MMR ID PIN BMX HIV IVF OK ASAP PE ADHD ASD PTSD OCD
    GCSE GCSEs SATs SATS NSPCC RSPCA PC PCSO MP AA NA SIDS RSV COVID PhD IT CPR ADD SEN SEND EHCP
    """.split()
)
# Three or more capital letters (digits allowed after the first): perhaps shorthand.
_CAPITALS = re.compile(r"(?<![\w&])[A-Z][A-Z0-9]{2,}s?(?![\w&])")


@dataclass(frozen=True)
class _Term:
    pattern: re.Pattern[str]
    kind: str  # 'label' | 'shorthand' | 'team' | 'capitals'
    advice: str

    def message(self, matched: str) -> str:
        shown = _shown(matched)
        if self.kind == "label":
            return f"'{shown}' is a label. {self.advice}"
        if self.kind in ("shorthand", "capitals"):
            return f"'{shown}' is shorthand a parent may not know. {self.advice}"
        return f"'{shown}' is on your team's list of words to avoid. {self.advice}"


def _built_in_terms() -> list[_Term]:
    terms = [
        _Term(re.compile(_bounded(_phrase(src)), re.IGNORECASE), "label", advice)
        for src, advice in _LABELS
    ]
    plural = f"(?:{_APOS}?s)?"
    terms += [
        _Term(re.compile(_bounded(f"(?:{_phrase(src)}){plural}")), "label", advice)
        for src, advice in _SHORTHAND_LABELS
    ]
    terms += [
        _Term(re.compile(_bounded(f"(?:{_phrase(src)}){plural}")), "shorthand", advice)
        for src, advice in _SHORTHAND
    ]
    return terms


_BUILT_IN = _built_in_terms()


def _is_acronym(term: str) -> bool:
    """A term with capitals and no small letters ('FII', 'S.47') is matched only as written."""
    return not any(ch.islower() for ch in term) and any(ch.isupper() for ch in term)


def _team_term(term: str, acronym: bool = False) -> _Term | None:
    words = [word for word in re.split(rf"[\s{_DASHES}]+", term.strip()) if word]
    if not words:
        return None
    source = _WS.join(re.escape(word) for word in words)
    exact = acronym or _is_acronym(term)
    if exact:
        source = f"(?:{source})(?:{_APOS}?s)?"
    advice = "Write it out in plain words, or better, say what happened."
    return _Term(re.compile(_bounded(source), 0 if exact else re.IGNORECASE), "team", advice)


def _clean_words(words: Iterable[str] | str | None) -> tuple[str, ...]:
    """A team's words, each once, blanks and anything that is not text left out."""
    if not words:
        return ()
    if isinstance(words, str):
        words = [words]
    seen: list[str] = []
    for word in words:
        if isinstance(word, str) and word.strip() and word.strip() not in seen:
            seen.append(word.strip())
    return tuple(seen)


@functools.lru_cache(maxsize=32)
def _team_terms(jargon: tuple[str, ...], acronyms: tuple[str, ...]) -> tuple[_Term, ...]:
    made = [_team_term(term) for term in jargon] + [_team_term(term, acronym=True) for term in acronyms]
    return tuple(term for term in made if term is not None)


@functools.lru_cache(maxsize=32)
def _service_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    sources = []
    for word in words:
        pieces = [piece for piece in re.split(rf"[\s{_DASHES}]+", word) if piece]
        if pieces:
            sources.append(_WS.join(re.escape(piece) for piece in pieces))
    if not sources:
        return None
    return re.compile(_bounded("|".join(sources)), re.IGNORECASE)


@dataclass(frozen=True)
class TeamWords:
    """A team's own words from team.json: jargon to avoid, acronyms, and services.

    ``service_words`` name the team's services and courses ("Freedom Programme",
    "Family Hub"): a goal that only sends a parent to one of them says where they
    go, not what the child will see at home.
    """

    jargon: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    service_words: tuple[str, ...] = ()

    @classmethod
    def of(cls, jargon=(), acronyms=(), service_words=()) -> "TeamWords":
        return cls(_clean_words(jargon), _clean_words(acronyms), _clean_words(service_words))

    def terms(self) -> tuple[_Term, ...]:
        return _team_terms(self.jargon, self.acronyms)

    def services(self) -> re.Pattern[str] | None:
        return _service_pattern(self.service_words)


def _jargon(text: str, masked: str, team: TeamWords) -> list[Finding]:
    """Labels and shorthand, outside quotation marks; the longest wins where they overlap."""
    hits: list[tuple[int, int, str]] = []
    for term in (*_BUILT_IN, *team.terms()):
        for match in term.pattern.finditer(masked):
            if match.end() > match.start():
                hits.append((match.start(), match.end(), term.message(match.group())))
    letters = [ch for ch in masked if ch.isalpha()]
    shouting = sum(ch.isupper() for ch in letters) > len(letters) / 2
    if not shouting:  # someone typing in capitals is not writing shorthand
        capitals = _Term(_CAPITALS, "capitals", "Write it out in plain words.")
        known = set(team.acronyms)
        for match in _CAPITALS.finditer(masked):
            word = match.group()
            if word in _EVERYDAY_CAPITALS or word.rstrip("s") in _EVERYDAY_CAPITALS or word in known:
                continue
            hits.append((match.start(), match.end(), capitals.message(word)))
    hits.sort(key=lambda hit: (hit[0], -(hit[1] - hit[0])))
    findings: list[Finding] = []
    covered_to = -1
    for start, end, message in hits:
        if start < covered_to:
            continue
        findings.append(Finding(PROBLEM, "jargon", message, start, end))
        covered_to = end
    return findings


# ------------------------------------------------------------------ who is worried

_PASSIVE_PATTERNS = [
    re.compile(
        r"(?<!\w)(?:concerns?|worries|worry)\s+(?:have|has|had|were|was|are|is|being)\s+"
        r"(?:(?:also|again|previously|recently|repeatedly|now|then|further|since|already|often)\s+)*+"
        r"(?:been\s+)?(?:raised|expressed|noted|identified|reported|shared|highlighted|voiced|made"
        r"|received|flagged|logged|recorded)(?!\w)",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?<!\w)there\s+(?:is|are|was|were|remain|remains|remained|have\s+been|has\s+been|had\s+been"
        r"|continues?\s+to\s+be|will\s+be|may\s+be|['\u2019]s)\s+"
        r"(?:(?:some|many|a|an|ongoing|significant|serious|real|further|growing|increasing|current"
        r"|historic|historical|long-?standing|safeguarding|great|clear|several|multiple|recent"
        r"|previous|professional|grave|deep|continuing)\s+)*+"
        r"(?:concerns?|worries|worry)(?!\w)",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?<!\w)it\s+(?:is|was|has\s+been|had\s+been|['\u2019]s)\s+"
        r"(?:(?:also|now|further|widely|generally)\s+)*+"
        r"(?:felt|thought|believed|considered|understood|assessed|noted|reported|alleged|suspected"
        r"|feared|concerning|worrying|deemed|judged|recognised|recognized)(?!\w)",
        re.IGNORECASE,
    ),
]

# "... by the school", "... from the nursery": the passive phrase does say who.
_AGENT = re.compile(r"\s+(?:[\w'\u2019]+\s+){0,3}?(?:by|from)\s+\w", re.IGNORECASE)



_HEADLINE_LEAD = {
    "ongoing", "significant", "serious", "historic", "historical", "previous", "safeguarding",
    "some", "many", "current", "several", "further", "multiple", "key", "main", "recent",
    "professional", "growing", "continued", "continuing", "there", "are", "were", "a", "and",
}
# "Concerns re DV", "Worries about Mum's drinking" at the start of a sentence.
_HEADLINE_WORRY = re.compile(
    r"(?<!\w)(?:concerns?|worries|worry)(?:\s*:|\s+(?:re|regarding|about|around|over|for|that"
    r"|in\s+relation\s+to|relating\s+to|with|of)(?!\w))",
    re.IGNORECASE,
)

_WORRY_CUE = _words("worried|concerned|worry|worries|worrying|concern|concerns|fear|fears|afraid")
_AS_FAR_AS = re.compile(r"(?<!\w)(?:as\s+far\s+as|where|insofar\s+as)(?!\w)")
# Where the words naming a worrier stop, looking back from "worried".
_CLAUSE_BREAK = re.compile(
    r"[;:()\u2014\u2013]|\s-\s|[.!?]\s|,\s*(?=(?:and|but|so|yet|although|though|while|because)(?!\w))"
    r"|(?<!\w)(?:but|however|although|though|whereas|because|since|that|which|when|whenever|if|unless"
    r"|while|like)(?!\w)"
)
_LOOK_BACK = 160  # characters: how far back from "worried" the worrier's name may start
# Words that name nobody in particular: "we", "everyone", "social care".
_BARE_PHRASES = re.compile(
    r"(?<!\w)(?:children's\s+social\s+care|social\s+care|social\s+services"
    r"|all\s+agencies|agencies|professionals"
    r"|services|everyone|everybody|all\s+of\s+us|people|we|us|our|i|me|my|they|them|their|it|there"
    r"|this|that|these|those|what|which|who|one|nobody|no\s+one|someone|somebody)(?!\w)"
)
_FILLER_WORDS = frozenset(
    """
    the a an and also both all of in at as with including together plus very still really now
    so too deeply extremely especially increasingly equally rightly understandably quite greatly
    seriously just always often even more most particularly is are was were am be been being
    remain remains remained feel feels felt get gets got become becomes became has have had
    continue continues to say says said not share shares shared raise raises raised raising
    express expresses expressed voice voices voiced report reports reported some serious real
    significant grave deep ongoing growing great big main biggest key many several further
    other same own this
    """.split()
)
_CONCERN_NOUNS = frozenset("worry worries concern concerns fear fears".split())


_AFTER_COLON = re.compile(r"\s*[:\u2013\u2014]\s*([^.;\n]{1,100})")


def _names_someone(phrase: str) -> bool | None:
    """True if the words name a person or service, False if only a bare 'we'/'everyone', None if empty."""
    stripped = _BARE_PHRASES.sub(" ", phrase)
    bare = stripped != phrase
    content = [w for w in _WORD.findall(stripped) if w not in _FILLER_WORDS and not w.isdigit()]
    if content:
        return True
    return False if bare else None


@dataclass
class _Worrier:
    named: bool
    passive: list[tuple[int, int]]  # passive phrases with no one named
    passive_named: list[tuple[int, int]]  # passive phrases that say 'by the school'
    bare: tuple[int, int] | None  # a bare 'we' or 'everyone' as the only worrier
    headline: tuple[int, int] | None  # 'Concerns re ...' with nobody in front


def _find_worrier(text: str, low: str) -> _Worrier:
    passive: list[tuple[int, int]] = []
    passive_named: list[tuple[int, int]] = []
    for pattern in _PASSIVE_PATTERNS:
        for match in pattern.finditer(text):
            by = _AGENT.match(text, match.end())
            agent = re.split(r"[,.;:!?]|(?<!\w)that(?!\w)", low[by.end() - 1:by.end() + 40])[0] if by else ""
            if by and _names_someone(agent):
                passive_named.append(match.span())
            else:
                passive.append(match.span())
    passive.sort()
    named = bool(passive_named)
    bare: tuple[int, int] | None = None
    headline: tuple[int, int] | None = None
    sentence_starts = [start for start, _ in _sentence_spans(text)]
    for match in _WORRY_CUE.finditer(low):
        start, end = match.span()
        if _inside(passive, start):
            continue
        begin = sentence_starts[bisect.bisect_right(sentence_starts, start) - 1] if sentence_starts else 0
        window_start = max(begin, start - _LOOK_BACK)
        before = low[window_start:start]
        word = match.group()
        if word == "concerned" and _AS_FAR_AS.search(before):
            continue  # "as far as Dad is concerned"
        breaks = list(_CLAUSE_BREAK.finditer(before))
        clause = before[breaks[-1].end():] if breaks else before
        words = _WORD.findall(clause)
        if word in _CONCERN_NOUNS and words and words[-1] in {"the", "a", "an", "no", "any", "some"}:
            # "the worry for the school is", "the worry is" : look after the noun instead
            after = re.match(r"\s+(?:for|of|to)\s+([^.;:]{1,80}?)\s+(?:is|are|was|were)(?!\w)", low[end:end + 100])
            if after and _names_someone(after.group(1)):
                named = True
            continue
        if word in {"worries", "concerns", "worrying"} and words and words[-1] in {"what", "it", "this"}:
            after = re.match(r"\s+((?:\w+['\s]*){1,6})", low[end:end + 60])
            if after and _names_someone(re.split(r"(?<!\w)(?:is|are|that|about)(?!\w)", after.group(1))[0]):
                named = True
            continue
        if words and re.search(r"'s?$", words[-1]) and word in _CONCERN_NOUNS:
            owner = words[-1].rstrip("s").rstrip("'")
            if _names_someone(owner):
                named = True  # "the school's worry"
                continue
        listed = _AFTER_COLON.match(low, end, end + 110) if word in ("worried", "concerned") else None
        if listed and _names_someone(listed.group(1)):
            named = True  # "Worried: the nursery, Jo (social worker) and Nan."
            continue
        says = _names_someone(" ".join(words))
        if says:
            named = True
        elif says is False and bare is None:
            bare = (window_start + (breaks[-1].end() if breaks else 0), end)
        elif says is None and word in _CONCERN_NOUNS and headline is None:
            headline = (start, end)
    for match in _HEADLINE_WORRY.finditer(text):
        begin = sentence_starts[bisect.bisect_right(sentence_starts, match.start()) - 1] if sentence_starts else 0
        lead = _WORD.findall(low, begin, match.start())
        if all(word in _HEADLINE_LEAD for word in lead) and not _inside(passive, match.start()):
            headline = headline or (match.start(), match.start() + len(_WORD.match(text, match.start()).group()))
    if bare is not None:
        start, end = _trim_span(text, *bare)
        lead = re.match(r"(?:(?:and|but|so|yet|then|also)\s+)+", low[start:end])
        bare = (start + (lead.end() if lead else 0), end)
    return _Worrier(named, passive, passive_named, bare, headline)


def _trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


# ------------------------------------------------------------------ what the adult does

# Words you could film: what an adult does or did (or does not do).
_BEHAVIOUR = _words(
    r"hits?|hitting|punch\w*|kick\w*|slap\w*|smack\w*|push\w*|shov\w*|grab\w*|shak(?:e|es|ing)|shook"
    r"|throw\w*|threw|shout\w*|scream\w*|yell\w*|swear\w*|swore|bit|bites|biting|burn(?:s|ed|t)"
    r"|scald\w*|chok(?:e|es|ed|ing)|strangl\w*|drag\w*|pull\w*|beat|beats|beating|smash\w*"
    r"|breaks|broke|stab\w*|threat\w*|call(?:s|ed|ing)?|tell(?:s|ing)?|told|drink(?:s|ing)?|drank"
    r"|drunk|smok\w*|inject\w*|sniff\w*|snort\w*"
    r"|(?:take|takes|taking|took|use|uses|using|used|buys?|sells?) (?:\w+ )?(?:drugs|cocaine|heroin"
    r"|crack|cannabis|pills|speed|ketamine|spice|an overdose|legal highs)"
    r"|leav(?:e|es|ing)|left|lock\w*|fall(?:s|ing)? asleep|fell asleep|asleep|pass(?:es|ed)? out"
    r"|stay(?:s|ed|ing)? in bed|(?:can't|cannot|could not|couldn't) (?:get|wake|be woken|stand)"
    r"|bring\w*|brought|giv(?:e|es|ing)|gave|pays?|paying|paid|send\w*|sent|driv(?:e|es|ing)|drove"
    r"|crash\w*|lights|lighting|lit|lets|letting|allow\w*|keeps|keeping|kept|props?|propped|propping"
    r"|forget\w*|forgot|cut(?:s|ting)? (?:herself|himself|themselves)|self-harm\w*|overdos\w*"
    r"|hear(?:s|ing)? voices|stop(?:s|ped|ping)? taking|refus\w*|collect\w*|turn(?:s|ed|ing)? up"
    r"|go(?:es|ing)? out|went out|stay(?:s|ed|ing)? out|spend\w*|spent|steal\w*|stole|argu\w*"
    r"|fight\w*|fought|rows|rowing|belittl\w*|humiliat\w*|ignor\w*|isolat\w*|control(?:s|led)"
    r"|follow(?:s|ed)|sexually abus\w*|rap(?:e|es|ed|ing)|touch\w*|groom\w*|look(?:s|ed|ing)? after"
    r"|pick(?:s|ed|ing)? (?:\w+ )?up|slept|sleeps with|messag\w*|film\w*|photograph\w*"
    r"|stay(?:s|ed|ing)? (?:at|with|over|the night)|liv(?:es|ing) with|moved in|mov(?:es|ing) in"
    r"|punish\w*|criticis\w*|mock(?:s|ed|ing)|teas(?:es|ed|ing)|talk(?:s|ed|ing)? about (?:killing|hurting|suicide)"
    r"|mak(?:e|es|ing) (?:him|her|them|\w+) (?:stand|sleep|eat|stay|watch|do|go|wait|sit|kneel)|made (?:him|her|them)"
    r"|(?:won't|will not|doesn't|does not|don't|didn't) let|tak(?:es|ing)|took"
    r"|no (?:food|heating|hot water|electric\w*|gas|clean clothes|bedding|beds?|nappies|milk|money)"
    r"|mould\w*|dog (?:mess|poo)|faeces|urine|soaked|rubbish|needles|broken glass"
)
# "does not feed him", "did not take her to the doctor": not doing something is a behaviour too.
_OMISSION = re.compile(
    r"(?<!\w)(?:do|does|did|has|have|had|is|are|was|were)(?:n't|\s+not)\s+"
    r"(?:(?:always|often|properly|really|even|ever|usually|regularly|consistently)\s+)?"
    r"(?!(?:meet\w*|met|engag\w*|cooperat\w*|co-operat\w*|cop(?:e|es|ed|ing)|understand\w*|understood|accept\w*"
    r"|recognis\w*|prioriti[sz]\w*|protect\w*|see|seen|seeing|think\w*|thought|believ\w*|agree\w*|want\w*"
    r"|show\w*|demonstrat\w*|compl(?:y|ied|ying)|attend\w*|been|being|have|had|having|say|said|know\w*|knew"
    r"|a|an|the|very|able|safe|well|sure|aware|happy|willing|ready)(?!\w))"
    r"[a-z]+"
)
_DIAGNOSIS = _words(
    r"(?:has|have|had|with|suffers? from|diagnosed with) (?:postnatal |post-natal |severe |clinical )?"
    r"(?:depression|anxiety|bipolar(?: disorder)?|schizophrenia|psychosis|ptsd|a personality disorder"
    r"|personality disorder|bpd|eupd|a learning disability|learning difficulties|ocd|an eating disorder"
    r"|mental health (?:problems|issues|difficulties|needs))"
    r"|(?:is|are|was) (?:(?:very|severely|clinically) )?(?:depressed|anxious|bipolar|an alcoholic|an addict"
    r"|a drug user|mentally ill|unwell|psychotic|schizophrenic)"
    r"|mental health"
)
_VAGUE_BEHAVIOUR = _words(
    r"(?:\w+'s )?(?:behaviou?r|lifestyle|presentation|vulnerabilit(?:y|ies)|parenting|relationship)"
    r"|home conditions|issues at home|issues|problems|difficulties|the state of the (?:house|home|flat)"
    r"|struggl\w* to cope|not coping|history of \w+(?: \w+)?|volatile|chaotic|unstable|aggressive"
    r"|controlling|inappropriate"
)

# ------------------------------------------------------------------ a real example, and when

_MONTHS = (
    r"january|february|march|april|june|july|august|september|october|november|december"
    r"|jan|feb|apr|jun|jul|aug|sept?|oct|nov|dec"
)
_DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_SEASONS = r"summer|spring|autumn|winter|christmas|easter|half-term|new year|holidays?"
_EXAMPLE = _words(
    rf"(?:{_MONTHS})|(?:{_DAYS})s?|(?:19|20)\d\d|\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?|yesterday|today|tonight"
    rf"|last (?:night|week|weekend|month|year|term|time|{_SEASONS}|{_DAYS})"
    rf"|this (?:morning|afternoon|evening|week|weekend|month|term|year|{_SEASONS})"
    r"|earlier (?:this|today)|(?:\w+|\d+) (?:days?|weeks?|months?|years?|nights?) ago"
    r"|the other (?:day|night|week)"
    rf"|(?:at|over|during|in|before|after|since) (?:the )?(?:{_SEASONS}|bonfire night|halloween|eid|diwali|lockdown)"
    r"|new year's eve|christmas (?:day|eve)|boxing day|bonfire night|halloween"
    r"|(?:on|at|for) (?:his|her|their|the baby's|\w+'s) (?:\w+ )?birthday"
    r"|one (?:night|evening|morning|afternoon|day|weekend)"
    r"|(?:twice|once|several times|(?:two|three|four|five|six|\d+) times) (?:in|since|this|last|during|over)"
    r"|\d{1,2}(?:[.:]\d\d)?\s?(?:am|pm)|\d{1,2}:\d\d"
    r"|on the \d{1,2}(?:st|nd|rd|th)"
    r"|the (?:night|morning|evening|day|weekend|week) of|at the weekend"
    r"|the (?:last |first )?time (?:when|that)|on one occasion|one time when"
    r"|when (?:he|she|they|\w+) (?:was|were) (?:\d+|a baby|born|little|(?:two|three|four|five|six) months old)"
)
# 'May' is a month only where it reads as one: 'in May', '3 May', 'May 2024'.
_MAY = re.compile(
    r"(?:(?<!\w)(?:in|on|of|since|last|early|late|mid|until|from|by|\d{1,2}(?:st|nd|rd|th)?)\s+May(?!\w))"
    r"|(?<!\w)May\s+\d"
)

# ------------------------------------------------------------------ what it means for the child

# Concrete harm, in the child's life: hurt, hungry, scared, falling behind.
_HARM = _words(
    r"hurt|injur\w*|bruis\w*|burn(?:s|ed|t)?|burning|scald\w*|bleed\w*|blood|broken bones?|fractur\w*"
    r"|hungry|starv\w*|malnourish\w*|underweight|weight|ill|poorly|sick|infections?|die|dies|died"
    r"|dying|death|dead|killed|drown\w*|chok(?:e|es|ed|ing)|suffocat\w*|smother\w*|swallow\w*"
    r"|poison\w*|brain damage|coma|stabbed|shot|scared|frighten\w*|afraid|terrified|fearful"
    r"|anxious|upset|cry|cries|crying|tearful|lonely|alone|sad|low|withdrawn|ashamed|blam\w*"
    r"|worthless|hat(?:e|es|ing) (?:herself|himself|themselves)|unsafe|nightmares|wet(?:s|ting)? the bed"
    r"|bed-?wetting|(?:can't|cannot|unable to|not) sleep|tired|exhausted"
    r"|miss(?:es|ing)? (?:school|out|lessons|nursery|\w+ childhood|meals?)|fall(?:s|ing)? behind"
    r"|fell behind|exams?|learn(?:s|ing)?|grow(?:s|ing)? up|believ(?:e|es|ing)|think(?:s|ing)? (?:that )?"
    r"(?:this|it|being|hitting|violence)|copy\w*|trust|no friends|bullied|stop(?:s|ped)? eating"
    r"|self-harm\w*|hurt (?:herself|himself|themselves)|cutting|run(?:s|ning)? away|ran away"
    r"|go(?:es|ing)? missing|went missing|pregnant|arrested|owe\w* money|taken|lost|cold|wet|dirty"
    r"|smell\w*|lice|nappy rash|sores?|rotten teeth|caught in the middle|looking after (?:\w+ )?"
    r"(?:mum|dad|mother|father|sister|brother|siblings|baby)|looked after|young carer|childhood"
    r"|go(?:es|ing)? without|went without|raped|exploited|groomed|sexually (?:abused|assaulted|exploited)"
    r"|unloved|unwanted|rejected|traumati[sz]ed|hospital|distress\w*|confused|isolated|live(?:s|ing)? in fear"
    r"|(?:make|keep|have) (?:any |many )?friends|start (?:drinking|using|taking|smoking|selling)|suicid\w*"
    r"|kill (?:herself|himself|themselves)|speech|(?:not|never) (?:be )?fed"
    r"|(?:be|being|been|get|gets|getting|got) (?:\w+ )?(?:hit|slapped|punched|kicked|shaken|pushed|beaten"
    r"|attacked|abused|thrown|grabbed|strangled|touched|left (?:alone|behind)|locked (?:in|out)|cut|bitten"
    r"|scalded|burned|burnt|injured|bruised|drowned|stabbed|shot|sexually abused)"
    r"|hid(?:e|es|ing)|flinch\w*|freez(?:e|es|ing)|froze|cling\w*|soil\w*"
    r"|(?:won't|will not|doesn't|does not|stopped) (?:eat|eating|speak|speaking|talk|talking|sleep|sleeping)"
)
_FUTURE_OR_NOW = frozenset(
    """
    could might will would can shall 'll is are am isn't aren't keeps keep leaves leave makes make
    gets get feels feel becomes become seems seem risk danger likely going grow grows learning learns
    learn now still if unless lives live living goes go comes come starts start says tells wakes
    ends mean means won't wouldn't couldn't cannot can't often always every regularly usually
    sometimes nightly daily whenever end ends
    """.split()
)
_PAST = frozenset(
    """
    was were had got came went felt became ended found said told did ate woke needed seemed looked
    ran fell left saw seen heard been started began arrived spent noticed spotted reported showed
    """.split()
)
_VAGUE_IMPACT = _words(
    r"(?:(?:could|may|might|will|would) (?:\w+ )?)?(?:be )?(?:affect\w*|impact\w*(?: on)?)"
    r"|(?:may be |might be |could be |is |are )?at risk(?: of (?:significant |serious )?harm)?"
    r"|come to harm|pose\w* (?:a )?risk|wellbeing|well-being|(?:may|might|could|will) suffer"
    r"|(?:emotional |social )?development|harmed|in danger|needs (?:not |won't be |will not be |are not )?met"
)


def _impact_now_or_later(low: str, sentence_start: int, position: int, word: str) -> bool:
    """Does this word of harm say what happens now or could happen, not what once happened?

    Looks back at most a dozen words within the sentence for the nearest word
    that sets the time: 'could', 'is', 'leaves' (now or later) or 'was', 'had'
    (then: part of the example).
    """
    window = low[max(sentence_start, position - 120):position]
    for before in reversed(_WORD.findall(window)[-12:]):
        if before in _FUTURE_OR_NOW:
            return True
        if before in _PAST:
            return False
    return not word.endswith("ed")


# ------------------------------------------------------------------ goals: what the carer will do

_GOAL_MODAL = re.compile(
    r"(?:(?<!\w)(?:will|shall|must|should|can|is\s+going\s+to|are\s+going\s+to|am\s+going\s+to"
    r"|needs?\s+to|has\s+to|have\s+to)|['\u2019]ll)(?!\w)(?:\s+|\s*(?=:))"
)
# "Parents to engage...", "Dad to stop hitting...": a goal written as a list item.
_LIST_MODAL = re.compile(r"\W*((?:[\w'\u2019]+\s+){1,4}?)to\s+(?=\w)")
_GOAL_BREAK = re.compile(
    r"[,;:()\u2014\u2013]|\s-\s|[.!?](?:\s|$)"
    r"|(?<!\w)(?:and|but|so|or|then|while|when|whenever|if|unless|until|because|who|which|where)(?!\w)"
)
_SKIP = frozenset(
    """
    also still always each both all then now consistently regularly reliably calmly safely only
    ever really quickly immediately carefully gently just actually usually every day
    """.split()
)
_SKIP_PHRASE = re.compile(
    r"(?:continue|try|start|begin|learn|aim|be\s+able|keep\s+on|carry\s+on)\s+to\s+|keep\s+on\s+|carry\s+on\s+"
)
_NEGATIVE = frozenset("not never no nothing none".split())
_STOP_VERBS = frozenset(
    "stop stops refrain refrains cease ceases abstain abstains avoid avoids quit quits".split()
)

_CAREGIVERS = re.compile(
    r"(?<!\w)(?:mum|mummy|mother|mom|dad|daddy|father|parents?|carers?|grandma|grandmother|gran|granny"
    r"|nan|nana|nanna|nanny|grandad|granddad|grandpa|grandfather|grandparents?|aunt|auntie|aunty|uncle"
    r"|step-?dad|step-?mum|step-?father|step-?mother|partner|boyfriend|girlfriend|husband|wife"
    r"|adults?|couple|mr|mrs|ms|family)(?!\w)"
)
_PROFESSIONALS = re.compile(
    r"(?<!\w)(?:social\s+workers?|school|nursery|teachers?|health\s+visitor|gp|doctors?|nurses?|midwife"
    r"|police|network|workers?|officers?|childminder|foster\s+carers?|coach|staff|team|professionals"
    r"|everyone|agencies|paediatrician|therapist|counsellor|probation|head\s+teacher|clinic|hospital"
    r"|services?|sw|panel|court|council|authority|conference|marac|agency|department|review)(?!\w)"
)
_NOT_PEOPLE = re.compile(
    r"(?<!\w)(?:case|plan|home|house|flat|things|it|there|this|that|situation|risks?|concerns?|worries"
    r"|incidents?|arguments?|violence|drinking|drug\s+use|life)\s*$"
)
_CHILDREN = re.compile(
    r"(?<!\w)(?:child|children|kids|baby|boys|girls|twins|son|daughter|young\s+person|teenager|siblings)(?!\w)"
)

_SERVICE_VERBS = frozenset(
    """
    attend attends attending complete completes completing engage engages engaging participate
    participates cooperate cooperates co-operate co-operates comply complies undertake undertakes
    accept accepts abide adhere submit sign signs
    """.split()
)
_SERVICE_PHRASE = re.compile(
    r"(?:work|works|working|stay|stays|remain|remains|keep|keeps)\s+(?:in\s+touch\s+|engaged\s+|open\s+|honest\s+)?with"
    r"|(?:take|takes|taking)\s+part"
    r"|(?:meet|meets|see|sees)\s+(?:with\s+)?(?:the|her|his|their|a)\s+(?:\w+\s+){0,2}"
    r"(?:worker|officer|social\s+worker|counsellor|therapist|team|service|nurse)"
    r"|(?:do|does|have|has|take|takes|provide|provides|pass|passes)\s+(?:regular\s+|random\s+|\w+\s+)?"
    r"(?:drug|alcohol|hair|breath|urine)\s+(?:tests?|strand|samples?|screens?)"
    r"|(?:allow|allows|let|lets)\s+(?:the\s+)?(?:social\s+worker|professionals|workers?|visits|health\s+visitor)"
    r"|(?:be|is|are)\s+(?:open|honest)\s+with"
    r"|(?:follow|follows|stick\s+to)\s+(?:the|all|every|any)\s+(?:\w+\s+)?(?:plans?|advice|recommendations"
    r"|agreements?|rules)"
    r"|(?:keep|keeps)\s+(?:all|every|each)\s+(?:of\s+)?(?:\w+\s+)?appointments?"
)
_SERVICE_NOUNS = re.compile(
    r"(?<!\w)(?:appointments?|courses?|programmes?|programs?|sessions?|meetings?|groups?|counselling|therapy"
    r"|aa|na|rehab|services?|classes|assessments?|tests?|core\s+group|conferences?|clinic|camhs|the\s+plan"
    r"|probation|treatment)(?!\w)"
)
_GO_VERBS = frozenset("go goes going join joins finish finishes start starts do does keep continue get".split())

_VAGUE_VERBS = frozenset(
    """
    protect protects address addresses prioritise prioritises prioritize prioritizes safeguard
    demonstrate demonstrates show shows tackle tackles reduce reduces improve improves minimise
    minimize recognise recognises acknowledge acknowledges understand understands reflect reflects
    manage manages maintain maintains support supports achieve achieves consider considers
    """.split()
)
_VAGUE_PHRASE = re.compile(
    r"(?:keep|keeps)\s+(?:[\w']+\s+){0,3}?(?:safe|well|protected|from\s+harm)(?!\w)"
    r"|(?:meet|meets)\s+(?:[\w']+\s+){0,3}?needs"
    r"|(?:put|puts)\s+(?:[\w']+\s+){0,3}?(?:needs\s+)?(?:first|before)"
    r"|(?:work|works)\s+on\s+(?:his|her|their|the)\s+(?:\w+\s+)?(?:anger|temper|issues|problems|drinking"
    r"|drug\s+use|mental\s+health|relationship|parenting|feelings|emotions|behaviou?r)"
    r"|(?:take|takes)\s+responsibility|(?:make|makes)\s+(?:\w+\s+)?changes"
    r"|(?:look|looks)\s+after\s+(?:\w+\s+){0,2}?(?:properly|well|appropriately)"
    r"|(?:care|cares)\s+for\s+(?:\w+\s+){0,2}?(?:properly|well|appropriately)"
    r"|parent\s+(?:safely|appropriately|well)|be\s+(?:a\s+)?(?:good|better|safe|safer|protective"
    r"|responsible|appropriate|positive)\s*(?:parents?|mum|dad|carers?|role\s+models?)?(?!\w)"
    r"|(?:make|makes)\s+(?:\w+\s+)?(?:good|safe|better|positive)\s+(?:choices|decisions)"
    r"|(?:try|tries|do|does)\s+(?:his|her|their|my|our)\s+(?:very\s+)?best"
)
# "make sure Zara is safe", "ensure the children's needs are met": a vague outcome.
_VAGUE_OUTCOME = re.compile(
    r"(?:is|are|be|feel|feels|remain|remains|stay|stays|kept)\s+(?:\w+\s+)?(?:safe|well|protected|happy|ok|okay"
    r"|fine|settled|cared\s+for)(?!\w)|needs\s+(?:are\s+|will\s+be\s+)?met|(?:is|are)\s+safe|safety"
)
_STATE_VERBS = frozenset(
    """
    be feel feels seem seems look looks stay stays remain remains grow grows live lives thrive thrives
    settle settles enjoy enjoys achieve achieves reach reaches gain gains sleep sleeps play plays
    say says want wants like likes love loves experience experiences become becomes
    """.split()
)
# After a carer's "will be": words you could see ('sober', 'there', 'at home').
_CONCRETE_BE = frozenset(
    "sober awake there home at in with around present calm clean up ready waiting sitting".split()
)
_VAGUE_HAVE = re.compile(
    r"(?:a\s+|an\s+|the\s+|more\s+|better\s+)?(?:\w+\s+)?(?:home|relationship|insight|understanding|capacity"
    r"|ability|awareness|life|lifestyle|support)(?!\w)"
)
_HAVE_THINGS = re.compile(
    r"(?:\w+\s+){0,3}?(?:plan|adult|someone|person|friend|number|list|routine|key|lock|box|bed|cot|chart"
    r"|rota|babysitter|sitter|carer|phone)(?!\w)"
)
_OBSERVE_VERBS = frozenset(
    "see sees check checks notice notices visit visits hear hears monitor monitors watch watches weigh weighs "
    "review reviews ask asks look looks".split()
)
_CHECKING_WHAT = frozenset("this that it on in with how whether if".split() + [""])
_STAY_PLACES = frozenset("at with over sober home nearby in up downstairs upstairs overnight".split())
_CHECK_VERBS = frozenset(
    """
    see sees check checks notice notices visit visits hear hears know knows ask asks monitor monitors
    watch watches weigh weighs review reviews share shares listen listens look looks tell tells
    speak speaks talk talks report reports phone phones ring rings call calls meet meets pop
    """.split()
)


@dataclass(frozen=True)
class _Clause:
    start: int  # where the verb phrase starts
    end: int
    kind: str  # 'action' | 'service' | 'vague' | 'state' | 'negative' | 'check'
    phrase: str  # the subject and verb phrase, as written
    subject: str


# ", and take him to school": another verb for the same subject.
_AND_THEN = re.compile(r"\s*(?:,\s*)?(?:and|then|and\s+then)\s+(?=([a-z']+))")
_NOT_A_VERB = frozenset(
    """
    the a an his her their my our your this that these those he she they it we i you there then so
    also every each all both any some no not if when while because until mum dad nan gran
    will shall must can should would could may might won't can't mustn't shouldn't
    safe well happy healthy settled calm clean warm fed loved secure relaxed content protected
    """.split()
)


_LINKING_VERBS = frozenset("be feel feels seem seems look looks stay stays remain remains become get".split())


def _verb_phrase(low: str, at: int, limit: int) -> tuple[str, int]:
    """The verb phrase from ``at``: first word, skipping adverbs like 'always', up to a clause break."""
    end = min(limit, at + 140)
    stop = _GOAL_BREAK.search(low, at, end)
    phrase_end = stop.start() if stop else end
    position = at
    while True:
        skip = _SKIP_PHRASE.match(low, position, phrase_end)
        if skip:
            position = skip.end()
            continue
        word = _WORD.match(low, position, phrase_end)
        if word and word.group() in _SKIP:
            position = word.end()
            while position < phrase_end and low[position].isspace():
                position += 1
            continue
        break
    return low[position:phrase_end].strip(), position


_KNOWN_VERBS = (
    _SERVICE_VERBS | _VAGUE_VERBS | _STATE_VERBS | _STOP_VERBS | _CHECK_VERBS | _LINKING_VERBS | _GO_VERBS
    | frozenset("make keep meet put take care look parent work ensure have know".split())
)


def _base(verb: str) -> str:
    """'making' -> 'make', 'attends' -> 'attend', for the verbs the goal rules name; others as they are."""
    if verb in _KNOWN_VERBS:
        return verb
    for candidate in (verb[:-1], verb[:-2], verb[:-3], verb[:-3] + "e", verb[:-4]):
        if candidate in _KNOWN_VERBS:
            return candidate
    return verb


def _classify(subject: str, phrase: str, services: re.Pattern[str] | None) -> str:
    words = _WORD.findall(phrase)
    if not words:
        return "state"
    verb, rest = words[0], " ".join(words[1:])
    base = _base(verb)
    if base != verb:  # "making sure" reads as "make sure", "keeps" as "keep"
        verb, phrase = base, base + phrase[len(words[0]):]
    if verb.endswith("n't") or verb in {"cannot", "wont"}:
        return "negative"
    if verb in _NEGATIVE or verb in _STOP_VERBS or re.match(
        r"(?:no\s+longer|give\s+up|gives\s+up|stay\s+away\s+from|stays\s+away\s+from)(?!\w)", phrase
    ) or re.match(
        r"(?:be|have)\s+(?:no|nothing|none|free)(?!\w)", phrase
    ):
        return "negative"
    professional = bool(_PROFESSIONALS.search(subject)) and not _CAREGIVERS.search(subject)
    if professional:
        return "check"
    if _NOT_PEOPLE.search(subject) and not _CAREGIVERS.search(subject):
        return "state"  # "the case will step down", "the home will be calm"
    caregiver = bool(_CAREGIVERS.search(subject))
    child = bool(_CHILDREN.search(subject)) and not caregiver
    if verb == "be" and not child and rest.split(" ", 1)[0] in _CONCRETE_BE:
        return "action"  # "will be sober", "will be there"
    if verb in _LINKING_VERBS and not caregiver:
        return "state"  # "Zara will be safe", "the boys will feel safe"
    if verb in _OBSERVE_VERBS and (not caregiver or rest.split(" ", 1)[0] in _CHECKING_WHAT):
        return "check"  # "we need to see ...", "Jess will check on them", "Nan will check this"
    if verb in {"stay", "stays", "remain", "remains"} and rest.split(" ", 1)[0] in _STAY_PLACES and not child:
        return "action"  # "Dad will stay at his brother's", "Gran will stay with them"
    if verb in _SERVICE_VERBS or _SERVICE_PHRASE.match(phrase):
        return "service"
    if services is not None and services.search(phrase) and verb not in {"tell", "ring", "phone", "call"}:
        return "service"
    if verb in _GO_VERBS and _SERVICE_NOUNS.search(" ".join(words[1:6])):
        return "service"
    if verb == "ensure" or phrase.startswith("make sure") or phrase.startswith("makes sure"):
        complement = re.sub(r"^(?:ensure|makes?\s+sure)\s+(?:that\s+)?", "", phrase)
        if not complement or _VAGUE_OUTCOME.search(complement):
            return "vague"
        return "action"
    if verb in _VAGUE_VERBS or _VAGUE_PHRASE.match(phrase):
        return "vague"
    if verb in _STATE_VERBS:
        if verb == "be" and not child and re.match(r"\w+ing(?!\w)", rest):
            return "action"  # "will be taking Leo to school"
        return "state"
    if verb in {"have", "has"}:
        if caregiver and not _VAGUE_HAVE.match(rest):
            return "action"  # "Mum will have Leo's tea ready at five"
        return "action" if not child and _HAVE_THINGS.match(rest) else "state"
    if verb in {"know", "knows"}:
        return "state" if child else "action"
    if child:
        return "state"
    return "action"


@dataclass
class _Goal:
    clauses: list[_Clause]
    absences: list[tuple[int, int]]


_NUMBER_ONLY = re.compile(r"\d{1,2}[.)]")
_BULLET = re.compile(r"\s*(?:[-*\u2022\u2013]|\d{1,2}[.)])\s+")
_BY_DOING = re.compile(r"(?<!\w)by\s+(\w+ing(?:\s+\w+){0,6})")
_CARER_DOES = re.compile(
    r"(?<!\w)(?:mum|mother|dad|father|parents|carers?|nan|nana|gran|grandma|grandad|partner)\s+"
    r"(?:(?:always|now|also|still|each\s+day)\s+)?(?:(?:is|are)\s+)?([a-z]+(?:s|ing))(?!\w)"
)
_NOT_DOING = frozenset("is was has does feels seems looks says wants likes loves needs knows thinks".split())


def _conditions(low: str) -> list[tuple[int, int]]:
    """'if she is not home by 9pm', 'when he has not had a drink': conditions, not goals."""
    spans = []
    for match in re.finditer(r"(?<!\w)(?:if|unless|in\s+case|when|whenever|once|as\s+soon\s+as)(?!\w)", low):
        stop = re.compile(r"[,;.!?]|(?<!\w)then(?!\w)").search(low, match.end(), match.end() + 120)
        spans.append((match.start(), stop.start() if stop else min(len(low), match.end() + 120)))
    return spans


def _find_goal(text: str, low: str, services: re.Pattern[str] | None) -> _Goal:
    conditions = _conditions(low)

    def in_condition(position: int) -> bool:
        return _inside(conditions, position)

    clauses: list[_Clause] = []
    starts = [(a, b) for a, b in _sentence_spans(text)]
    list_subject: str | None = None  # "Mum will:" then a list of what she will do, one to a line
    numbered = False
    for sentence_start, sentence_end in starts:
        found: list[tuple[int, int, str | None]] = []
        for modal in _GOAL_MODAL.finditer(low, sentence_start, sentence_end):
            found.append((modal.start(), modal.end(), None))
        if _NUMBER_ONLY.fullmatch(low, sentence_start, sentence_end):
            numbered = True  # "1." ends a sentence of its own: the words after it are the item
            continue
        bullet = _BULLET.match(low, sentence_start, sentence_end)
        at_item = bullet.end() if bullet else sentence_start if numbered else None
        numbered = False
        if at_item is not None and list_subject is not None and not found:
            found.append((at_item, at_item, list_subject))
        elif at_item is None:
            list_subject = None
        listed = _LIST_MODAL.match(low, sentence_start, sentence_end)
        if listed and not found:
            found.append((listed.start(1) + len(listed.group(1)), listed.end(), None))
        # "Mum makes sure Jodie has breakfast", "we need to see Mum and Dad sorting out arguments":
        # a carer doing something, written in the present.
        for doing in _CARER_DOES.finditer(low, sentence_start, sentence_end):
            if doing.group(1) not in _NOT_DOING:
                found.append((doing.start(1), doing.start(1), None))
        for modal_start, verb_at, given in found:
            if in_condition(modal_start):
                continue
            if given is None:
                back = low[max(sentence_start, modal_start - 80):modal_start]
                cuts = list(_GOAL_BREAK.finditer(back))
                subject = back[cuts[-1].end():] if cuts else back
            else:
                subject = given
            if low.startswith(":", verb_at) or (low[verb_at:sentence_end].strip() in ("", ":")):
                list_subject = subject
                continue
            phrase, at = _verb_phrase(low, verb_at, sentence_end)
            negated = False
            for _ in range(4):  # "will stop drinking and take Leo to school": each verb in turn
                kind = "negative" if negated else _classify(subject.strip(), phrase, services)
                if kind == "vague":  # "keep Ruby safe by leaving the room when Dean shouts"
                    by = _BY_DOING.search(low, at, min(sentence_end, at + 200))
                    if by and _classify(subject.strip(), low[by.start(1):by.end(1) + 80], services) == "action":
                        kind = "action"
                negated = kind == "negative" and phrase.split(" ", 1)[0] in _NEGATIVE  # "not hit and shout"
                lead = 0 if given is not None else len(subject)
                shown = text[modal_start - lead:at + len(phrase)].strip()
                clauses.append(_Clause(at, at + len(phrase), kind, shown,
                                       text[modal_start - lead:modal_start].strip() or subject.strip()))
                more = _AND_THEN.match(low, at + len(phrase), sentence_end)
                if (not more or text[more.end()].isupper() or more.group(1) in _NOT_A_VERB
                        or more.group(1).endswith(("ed", "ly")) or phrase.split(" ", 1)[0] in _LINKING_VERBS):
                    break  # "be safe and settled": one verb, two words about the child
                phrase, at = _verb_phrase(low, more.end(), sentence_end)
    absences = [m.span() for m in _ABSENCE.finditer(low) if not in_condition(m.start())]
    return _Goal(clauses, absences)


_MODAL = r"(?:will|shall|must|should|would|does|do|did|can|could|is|are|to|has\s+to|have\s+to)"
_ABSENCE = re.compile(
    r"(?<!\w)(?:"
    rf"{_MODAL}\s+(?:not|never|no\s+longer)"
    r"|(?:will|shall)\s+(?:be|have)\s+(?:no|none|nothing)(?:\s+more|\s+longer)?"
    rf"|(?:{_MODAL}\s+)?(?:never|no\s+more|no\s+longer|no\s+further"
    r"|stop|stops|stopped|stopping|refrain|refrains|refraining|cease|ceases|ceasing"
    r"|abstain|abstains|abstaining|avoid|avoids|avoiding|quit|quits|give\s+up|gives\s+up"
    r"|(?:be\s+|stay\s+|live\s+)?free\s+(?:from|of)|stay\s+away\s+from|stays\s+away\s+from)"
    r"|(?:wo|sha|must|should|would|does|do|did|ca|could|is|are)n['\u2019]t|cannot|wont"
    r")(?!\w)",
    re.IGNORECASE,
)

_NUMBER = (
    r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|sixteen"
    r"|eighteen|twenty|twenty-?four|thirty|fifty-?two|several|few|couple"
)
_UNIT = r"(?:days?|nights?|weeks?|fortnights?|months?|years?|terms?|half-?terms?|holidays?)"
# Words that may stand between "for" and "months". Each is tried once, in a group that never gives
# back (atomic, possessive), so a long run of them cannot make the pattern backtrack.
_FILLER = (
    r"at|least|a|an|the|next|coming|following|further|another|period|of|minimum|whole|full|rest"
    r"|around|about|approximately|roughly|more|than|no|less|school|calendar|academic|spring"
    r"|summer|autumn|winter|christmas|easter|and|half|first|or|so|consecutive|clear"
    r"|straight|" + _NUMBER
)
_DURATION = re.compile(
    rf"(?<!\w)(?:for|over|during|throughout|across|through)(?:[\s{_DASHES}]++(?>(?:{_FILLER})(?!\w)))*+"
    rf"[\s{_DASHES}]+{_UNIT}(?!\w)"
    rf"|(?<!\w)(?<!within\s)(?<!in\s)(?<!by\s)(?<!after\s)(?:{_NUMBER})[\s{_DASHES}]+"
    rf"(?:(?:consecutive|clear|straight|full|whole)\s+)?{_UNIT}(?!\w)"
    rf"(?![\s{_DASHES}]+(?:old|ago|later|time)(?!\w))(?!['\u2019]s?\s+time)"
    r"|(?<!\w)(?:over|throughout|during|through|for)\s+(?:the\s+)?(?:whole\s+(?:of\s+the\s+)?|rest\s+of\s+the\s+)?"
    r"(?:spring|summer|autumn|winter|christmas|easter)(?!\w)"
    r"|(?<!\w)(?:until|till|untill|til)(?!\w)(?!\s+(?:he|she|they|i|you|we)\s+(?:calm|calms|has\s+calmed"
    r"|feel|feels|is\s+calm|are\s+calm)(?!\w))"
    r"|(?<!\w)(?:through|up|right\s+up|right\s+through)\s+to\s+the\s+end(?!\w)"
    r"|(?<!\w)for\s+the\s+(?:foreseeable\s+future|long\s+term)(?!\w)",
    re.IGNORECASE,
)
_DEADLINE = re.compile(
    r"(?<!\w)(?:by|within|before)\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?(?:[\w'\u2019]+\s+){0,2}?"
    rf"(?:{_MONTHS}|May|{_UNIT}|review|conference|core\s+group|meeting|\w+\s+time|christmas|easter|summer"
    r"|spring|autumn|winter|half[- ]?term|birthday|\d{1,2}(?:st|nd|rd|th)?)(?!\w)",
    re.IGNORECASE,
)
_CHECKER = re.compile(
    r"(?<!\w)(?:social\s+workers?|school|nursery|teachers?|health\s+visitor|gp|doctor|nurse|midwife|police"
    r"|network|safety\s+network|worker|officer|childminder|foster\s+carer|coach|visits?|visiting)(?!\w)"
)


# ------------------------------------------------------------------ the parts of a text


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    """Is ``position`` inside one of ``spans`` (sorted by start, each at most a few hundred long)?"""
    index = bisect.bisect_right(spans, (position, float("inf"))) - 1
    while index >= 0 and spans[index][0] > position - 500:
        if spans[index][0] <= position < spans[index][1]:
            return True
        index -= 1
    return False


_PARENTS = re.compile(r"(?<!\w)(?:mum|mummy|mother|mom|dad|daddy|father|step-?dad|step-?mum)(?!\w)")


def _adult(text: str, near: int | None = None) -> str:
    """The parent the text names ('Dad', 'Mum'), for an example of a fix.

    The one just before ``near`` if there is one (the 'dad' of 'dad has depression'),
    else the first mum or dad, else the first carer, else 'Mum'.
    """
    low = _lower(text)
    if near is not None:
        before = list(_CAREGIVERS.finditer(low, max(0, near - 40), near + 1))
        if before:
            return text[before[-1].start():before[-1].end()]
    match = _PARENTS.search(low) or _CAREGIVERS.search(low)
    if match and match.group() not in {"adult", "adults", "family", "couple", "mr", "mrs", "ms", "parents"}:
        return text[match.start():match.end()]
    return "Mum"


_SHE = frozenset(
    "mum mummy mother mom gran granny nan nana nanna grandma grandmother aunt auntie aunty girlfriend wife mrs ms "
    "stepmum step-mum".split()
)


def _pronoun(adult: str) -> str:
    return "she" if adult.lower() in _SHE else "he"


@dataclass(frozen=True)
class _Analysis:
    kind: str
    parts: tuple[tuple[str, str, bool], ...]  # (key, label, present)
    findings: tuple[Finding, ...]


# Who a goal's weak clause is about, when it can stand in the example of a fix: 'Sara', 'the parents'.
_SUBJECT_NAMES = re.compile(
    r"(?!(?:We|They|I|You|It|This|That|There|He|She|Everyone|Everybody|Professionals|Services)(?!\w))"
    r"(?:(?:[Tt]he|[Bb]oth|[Hh]er|[Hh]is)\s+)?(?:[A-Z][\w'\u2019-]*|mum|dad|parents|carers?|grandparents)"
    r"(?:\s+(?:and|&)\s+(?:[A-Z][\w'\u2019-]*|mum|dad))?"
)


def _missing(code: str, text: str, found: re.Match[str] | None, said: str, otherwise: str) -> Finding:
    """A missing part: about the words that fall short if there are some, else about the whole text."""
    if found is None:
        return Finding(PROBLEM, code, otherwise, 0, len(text))
    start, end = _trim_span(text, *found.span())
    return Finding(PROBLEM, code, f"'{_shown(text[start:end])}' {said}", start, end)


def _result(kind: str, names, present: tuple[bool, ...], findings: list[Finding], text: str) -> _Analysis:
    parts = tuple((key, label, has) for (key, label, _), has in zip(names, present))
    return _Analysis(kind, parts, tuple(findings + _style(text)))


def _statement(text: str, team: TeamWords) -> _Analysis:
    low = _lower(text)
    quotes = _quoted(text)
    masked = _masked(text, quotes)
    jargon = _jargon(text, masked, team)
    low_plain = _masked(low, [(f.start, f.end) for f in jargon])  # labels are not behaviour
    findings: list[Finding] = list(jargon)
    whole = (0, len(text))
    adult = _adult(text)

    worrier = _find_worrier(text, low)
    has_worrier = worrier.named
    for start, end in worrier.passive_named:
        findings.append(Finding(
            HINT, "passive",
            f"'{_shown(text[start:end])}' hides who is speaking. Try it the other way round, "
            "for example 'The school is worried that...'.",
            start, end,
        ))
    if has_worrier:
        for start, end in worrier.passive:
            findings.append(Finding(
                HINT, "passive",
                f"'{_shown(text[start:end])}' hides who is speaking. You name who is worried "
                "elsewhere; say it here too, for example 'The nursery is also worried that...'.",
                start, end,
            ))
    else:
        example = "e.g. 'The nursery and Jo, the social worker, are worried that...'"
        if worrier.passive:
            start, end = worrier.passive[0]
            message = f"'{_shown(text[start:end])}' does not say who is worried. Name them, {example}"
        elif worrier.headline:
            start, end = worrier.headline
            message = f"'{_shown(text[start:end])}' does not say who is worried. Name them, {example}"
        elif worrier.bare:
            start, end = worrier.bare
            message = (f"'{_shown(text[start:end])}' does not say who is worried. Name the people or "
                       f"services, {example}")
        else:
            start, end = whole
            message = f"Say who is worried: name the people or services, {example}"
        findings.append(Finding(PROBLEM, "no-worrier", message, start, end))

    has_behaviour = bool(_BEHAVIOUR.search(low_plain) or _OMISSION.search(low_plain))
    if not has_behaviour:
        diagnosis = _DIAGNOSIS.search(low_plain)
        vague = _VAGUE_BEHAVIOUR.search(low_plain)
        found = diagnosis or vague
        if found:
            adult = _adult(text, found.start() + 1)
        pronoun = _pronoun(adult)
        if diagnosis:
            start, end = diagnosis.span()
            message = (f"'{_shown(text[start:end])}' names an illness, not what {adult} does. Say what happens "
                       f"when {pronoun} is unwell, e.g. 'when {adult} is low {pronoun} stays in bed and the "
                       "children get no breakfast'.")
        elif vague:
            start, end = vague.span()
            message = (f"'{_shown(text[start:end])}' does not say what happens. Say what {adult} does that "
                       f"worries you, in words you could film, e.g. 'when {adult} drinks {pronoun} shouts and "
                       "pushes ...'.")
        elif jargon:
            start, end = jargon[0].start, jargon[0].end
            message = (f"Say what {adult} does that worries you, not only '{_shown(text[start:end])}', "
                       f"e.g. 'when {adult} drinks {pronoun} shouts and pushes ...'.")
        else:
            start, end = whole
            message = (f"Say what {adult} does that worries you, in words you could film, e.g. "
                       f"'when {adult} drinks {pronoun} shouts and pushes ...'.")
        findings.append(Finding(PROBLEM, "no-behaviour", message, start, end))

    has_example = bool(_EXAMPLE.search(low) or _MAY.search(text))
    if not has_example:
        findings.append(Finding(
            PROBLEM, "no-example",
            "Give a real example and say when it happened, e.g. 'like on 3 May, when ...' or "
            "'last Friday, when ...'.",
            *whole,
        ))

    sentence_starts = [start for start, _ in _sentence_spans(text)]
    has_impact = False
    for match in _HARM.finditer(low):
        index = bisect.bisect_right(sentence_starts, match.start()) - 1
        begin = sentence_starts[index] if index >= 0 else 0
        if _impact_now_or_later(low, begin, match.start(), match.group()):
            has_impact = True
            break
    if not has_impact:
        vague = _VAGUE_IMPACT.search(low)
        fix = "e.g. 'If nothing changes, Sam could be badly hurt and grow up frightened.'"
        findings.append(_missing(
            "no-impact", text, vague,
            f"does not say what could happen to the child. Say it in plain words, {fix}",
            f"Say what this means for the child now, or what could happen if nothing changes, {fix}",
        ))
    present = (has_worrier, has_behaviour, has_example, has_impact)
    return _result(DANGER_STATEMENT, STATEMENT_PARTS, present, findings, text)


def _goal(text: str, team: TeamWords) -> _Analysis:
    low = _lower(text)
    quotes = _quoted(text)
    masked = _masked(text, quotes)
    findings: list[Finding] = list(_jargon(text, masked, team))
    whole = (0, len(text))
    adult = _adult(text)
    goal = _find_goal(text, _masked(low, quotes), team.services())
    kinds = [clause.kind for clause in goal.clauses]
    has_action = "action" in kinds
    has_presence = has_action or not goal.absences

    if not has_action:
        named = next((c for c in goal.clauses if c.kind in ("service", "vague")), None)
        if named is not None and _SUBJECT_NAMES.fullmatch(named.subject):
            adult = re.sub(r"^(?:The|A|An|Both)\s", lambda m: m.group().lower(), named.subject)
        who = adult[:1].upper() + adult[1:]
        example = f"e.g. '{who} will cook tea and sit with the children while they eat, every day'."
        if goal.absences:
            start, end = goal.absences[0]
            findings.append(Finding(
                PROBLEM, "absence-only",
                f"'{_shown(text[start:end])}': this goal only says what will stop. Say what {adult} will be "
                "doing instead, e.g. 'Mum and Dad will sort out arguments calmly, away from the children'.",
                start, end,
            ))
        else:
            weak = next((c for kind in ("service", "vague", "state") for c in goal.clauses if c.kind == kind), None)
            if weak is None:
                start, end = whole
                message = f"Say what the parent or carer will do that others could see, {example}"
            else:
                start, end = _trim_span(text, weak.start, weak.end)
                message = f"'{_shown(text[start:end])}' " + {
                    "service": "says where someone goes or what they agree to, not what the child will see "
                               f"at home. Say what {adult} will do, {example}",
                    "vague": f"does not say what anyone will do. Say what {adult} will do that others could "
                             f"see, {example}",
                    "state": "only describes the child. Say what the parent or carer will do, e.g. 'Mum will "
                             "have a plan for who looks after Noah when she feels low'.",
                }[weak.kind]
            findings.append(Finding(PROBLEM, "no-action", message, start, end))
    else:
        for start, end in goal.absences:
            findings.append(Finding(
                HINT, "negative-wording",
                f"'{_shown(text[start:end])}' says what will stop. If you can, say what will happen instead.",
                start, end,
            ))

    has_checker = (
        "check" in kinds
        or any(low[c.start:c.end].split(" ", 1)[0] in _CHECK_VERBS for c in goal.clauses)
        or bool(_CHECKER.search(low))
    )
    if not has_checker:
        findings.append(Finding(
            HINT, "no-checker",
            "Who will see it or check it? e.g. 'Nana and the social worker will see this on visits'.",
            *whole,
        ))

    has_duration = bool(_DURATION.search(low))
    if not has_duration:
        deadline = _DEADLINE.search(text)
        fix = "e.g. 'every day for six months' or 'until the end of the school year'."
        findings.append(_missing(
            "no-duration", text, deadline, f"is a deadline, not how long. Say for how long, {fix}",
            f"Say for how long this needs to be seen, {fix}",
        ))
    present = (has_action, has_presence, has_checker, has_duration)
    return _result(SAFETY_GOAL, GOAL_PARTS, present, findings, text)


# ------------------------------------------------------------------ style

def _syllables(word: str) -> int:
    word = re.sub(r"[^a-z]", "", word.lower())
    if not word:
        return 1
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$", lambda m: m.group()[0], word)
    word = re.sub(r"^y", "", word)
    return max(1, len(re.findall(r"[aeiouy]{1,2}", word)))


def reading_age(text: str) -> float | None:
    """A rough UK reading age (Flesch-Kincaid grade + 5), or None for short texts.

    Sentence length counts for at most 25 words a sentence, so long sentences
    (which have their own hint) do not make plain words look hard.
    """
    words = [w for w in _WORD.findall(text) if any(ch.isalpha() for ch in w)]
    if len(words) < MIN_WORDS_FOR_READING_AGE:
        return None
    sentences = max(1, len(_sentence_spans(text)))
    per_sentence = min(len(words) / sentences, 25.0)
    per_word = sum(_syllables(w) for w in words) / len(words)
    grade = 0.39 * per_sentence + 11.8 * per_word - 15.59
    return grade + 5


def _style(text: str) -> list[Finding]:
    findings: list[Finding] = []
    for start, end in _sentence_spans(text):
        count = len(_WORD.findall(text, start, end))
        if count > LONG_SENTENCE_WORDS:
            findings.append(Finding(
                HINT, "long-sentence",
                f"This sentence has {count} words. Could it be two or three? Shorter "
                "sentences are easier for the family to follow.",
                start, end,
            ))
    age = reading_age(text)
    if age is not None and age > HARD_READING_AGE:
        findings.append(Finding(
            HINT, "reading-age",
            f"This may be hard to read (reading age about {round(age)}). Everyday words and "
            "shorter sentences will help the family, and the child reading it one day.",
            0, len(text),
        ))
    return findings




# ------------------------------------------------------------------ the checks


def _empty(text: str, kind: str) -> _Analysis:
    if kind == DANGER_STATEMENT:
        what = ("Say who is worried, what the adult does (with a real example and when), and what "
                "could happen to the child if nothing changes.")
        names = STATEMENT_PARTS
    else:
        what = ("Say what the parent or carer will be doing, what the child will experience, who will "
                "see it, and for how long.")
        names = GOAL_PARTS
    finding = Finding(PROBLEM, "empty", f"Nothing written yet. {what}", 0, len(text))
    return _Analysis(kind, tuple((key, label, False) for key, label, _ in names), (finding,))


def _sorted(findings: Iterable[Finding]) -> list[Finding]:
    order = {PROBLEM: 0, HINT: 1}
    return sorted(findings, key=lambda f: (f.start, order.get(f.severity, 2), f.end, f.code))


def _team(extra_jargon: Iterable[str] | str | TeamWords | None, team: TeamWords | None) -> TeamWords:
    """The team's words: ``team``, or a TeamWords passed where the jargon goes, plus any extra jargon."""
    if isinstance(extra_jargon, TeamWords):
        extra_jargon, team = (), extra_jargon if team is None else team
    if team is None:
        return TeamWords.of(jargon=extra_jargon)
    if extra_jargon:
        return TeamWords(_clean_words((*team.jargon, *_clean_words(extra_jargon))), team.acronyms, team.service_words)
    return team


@functools.lru_cache(maxsize=64)
def _analyse(text: str, kind: str, team: TeamWords) -> _Analysis:
    if not text.strip():
        return _empty(text, kind)
    if kind == DANGER_STATEMENT:
        return _statement(text, team)
    if kind == SAFETY_GOAL:
        return _goal(text, team)
    raise ValueError(f"unknown kind {kind!r}: use {DANGER_STATEMENT!r} or {SAFETY_GOAL!r}")


def check(text: str, kind: str, extra_jargon: Iterable[str] = (), *, team: TeamWords | None = None) -> list[Finding]:
    """Findings for a danger statement or a safety goal (``kind``), sorted by where they start."""
    text = "" if text is None else str(text)
    return _sorted(_analyse(text, kind, _team(extra_jargon, team)).findings)


def check_danger_statement(text: str, extra_jargon: Iterable[str] = (), *, team: TeamWords | None = None) -> list[Finding]:
    """Findings for a danger statement, sorted by where they start."""
    return check(text, DANGER_STATEMENT, extra_jargon, team=team)


def check_safety_goal(text: str, extra_jargon: Iterable[str] = (), *, team: TeamWords | None = None) -> list[Finding]:
    """Findings for a safety goal, sorted by where they start."""
    return check(text, SAFETY_GOAL, extra_jargon, team=team)


def parts(text: str, kind: str, extra_jargon: Iterable[str] = (), *, team: TeamWords | None = None) -> list[tuple[str, bool]]:
    """The checklist: each part of a good statement or goal and whether the text has it.

    ``kind`` is 'danger-statement' or 'safety-goal'. For example
    ``[('Who is worried', True), ('What the adult does', False), ...]``.
    "Who will see or check it" is a hint: a goal without it is not weak.
    """
    text = "" if text is None else str(text)
    analysis = _analyse(text, kind, _team(extra_jargon, team))
    return [(label, present) for _, label, present in analysis.parts]


CHECKS = {
    DANGER_STATEMENT: check_danger_statement,
    SAFETY_GOAL: check_safety_goal,
}
