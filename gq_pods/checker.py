"""The plain-language checker for danger statements and safety goals.

Pure Python (standard library only). Each check returns a list of ``Finding``:
a severity, a short code, a plain message, and the span of text it refers to
(character offsets, end exclusive; a finding about the whole text spans it all).

``problem`` means a rule of a good statement or goal is broken (see the section
"Danger statements and safety goals" of the practice primer):

* ``jargon``: a label or service shorthand instead of what happened;
* ``no-worrier``: nobody is named as worried, or a passive "concerns were raised";
* ``no-future``: a danger statement that only reports the past;
* ``absence-only``: a goal that only says what will stop;
* ``no-duration``: a goal that does not say for how long;
* ``empty``: nothing written yet.

``hint`` is about style and never means the text is wrong: ``long-sentence``,
``reading-age``, ``passive`` (a passive phrase that does name who is worried)
and ``negative-wording`` (a "will not" in a goal that also says what will happen).

A plain word for what happened ("hit", "drunk", "sexually abused") is never
jargon, and a long, clear sentence is a hint at most. Everything here is a
suggestion: nothing blocks the practitioner.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Iterable

PROBLEM = "problem"
HINT = "hint"

# What each code means, for a legend or a help screen.
RULES = {
    "jargon": "A label or shorthand instead of what happened",
    "no-worrier": "Nobody is named as worried",
    "no-future": "Says what happened, but not what could happen to the child",
    "absence-only": "The goal only says what will stop",
    "no-duration": "The goal does not say for how long",
    "empty": "Nothing written yet",
    "long-sentence": "A very long sentence",
    "reading-age": "Hard to read",
    "passive": "Passive wording",
    "negative-wording": "Says what will stop rather than what will happen",
}

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


def _shown(text: str, limit: int = 40) -> str:
    shown = " ".join(text.split())
    return shown if len(shown) <= limit else shown[: limit - 3].rstrip() + "..."


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences as (start, end), trimmed of surrounding spaces.

    A sentence ends at . ! ? (with any closing quote or bracket) followed by a
    space or the end, or at a line break.
    """
    spans = []
    start = 0
    for match in re.finditer(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s|$)|\n", text):
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


def _sentence_starts(text: str) -> list[int]:
    return [begin for begin, _ in _sentence_spans(text)]


_LOOK_BACK = 200  # characters: how far back in its sentence a word looks for who is speaking


def _sentence_start(starts: list[int], position: int) -> int:
    """Where the sentence holding ``position`` begins, looking back at most _LOOK_BACK."""
    index = bisect.bisect_right(starts, position) - 1
    begin = starts[index] if index >= 0 else 0
    return max(begin, position - _LOOK_BACK)


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
]

# Shorthand that is also a label: the message calls it a label.
_SHORTHAND_LABELS: list[tuple[str, str]] = [
    ("DV", _VIOLENCE),
]


@dataclass(frozen=True)
class _Term:
    pattern: re.Pattern[str]
    kind: str  # 'label' | 'shorthand' | 'team'
    advice: str

    def message(self, matched: str) -> str:
        shown = _shown(matched)
        if self.kind == "label":
            return f"'{shown}' is a label. {self.advice}"
        if self.kind == "shorthand":
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


def _team_term(term: str) -> _Term | None:
    words = re.split(rf"[\s{_DASHES}]+", term.strip())
    words = [word for word in words if word]
    if not words:
        return None
    source = _WS.join(re.escape(word) for word in words)
    # An acronym-like term (no lower-case letters) is matched as written.
    acronym = not any(ch.islower() for ch in term) and any(ch.isupper() for ch in term)
    flags = 0 if acronym else re.IGNORECASE
    advice = "Say in plain words what happened."
    return _Term(re.compile(_bounded(source), flags), "team", advice)


@functools.lru_cache(maxsize=32)
def _team_terms(extra: tuple[str, ...]) -> tuple[_Term, ...]:
    terms = []
    for term in extra:
        made = _team_term(term)
        if made is not None:
            terms.append(made)
    return tuple(terms)


def _clean_extra(extra_jargon: Iterable[str] | None) -> tuple[str, ...]:
    if not extra_jargon:
        return ()
    if isinstance(extra_jargon, str):
        extra_jargon = [extra_jargon]
    seen: list[str] = []
    for term in extra_jargon:
        if isinstance(term, str) and term.strip() and term.strip() not in seen:
            seen.append(term.strip())
    return tuple(seen)


def _jargon(text: str, extra_jargon: Iterable[str] | None) -> list[Finding]:
    hits: list[tuple[int, int, str]] = []
    for term in (*_BUILT_IN, *_team_terms(_clean_extra(extra_jargon))):
        for match in term.pattern.finditer(text):
            if match.end() > match.start():
                hits.append((match.start(), match.end(), term.message(match.group())))
    # Longest first where they overlap ('risk of significant harm', not 'significant harm').
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

# "Concerns re DV", "Worries about Mum's drinking" at the start of a sentence.
_HEADLINE_WORRY = re.compile(
    r"(?<!\w)(?:concerns?|worries|worry)(?:\s*:|\s+(?:re|regarding|about|around|over|for|that"
    r"|in\s+relation\s+to|relating\s+to|with|of)(?!\w))",
    re.IGNORECASE,
)
_HEADLINE_LEAD = {
    "ongoing", "significant", "serious", "historic", "historical", "previous", "safeguarding",
    "some", "many", "current", "several", "further", "multiple", "key", "main", "recent",
    "professional", "growing", "continued", "continuing", "there", "are", "were", "a", "and",
}
# "... by the school", "... from the nursery": the passive phrase does say who.
_AGENT = re.compile(r"\s+(?:[\w'\u2019]+\s+){0,3}?(?:by|from)\s+\w", re.IGNORECASE)

_WORRIED = re.compile(r"(?<!\w)(?:worried|concerned)(?!\w)", re.IGNORECASE)
_WORRY_VERB = re.compile(r"(?<!\w)(?:worry|worries|fear|fears)(?!\w)", re.IGNORECASE)
_HAVE_CONCERNS = re.compile(
    r"(?<!\w)(?:has|have|had|share|shares|shared|raise|raises|raised|raising|express|expresses"
    r"|expressed|voice|voices|voiced|report|reports|reported)\s+((?:[\w'\u2019-]+\s+){0,2}?)"
    r"(?:concerns?|worries)(?!\w)",
    re.IGNORECASE,
)
_LINKING = {
    "is", "are", "was", "were", "am", "be", "been", "being", "remain", "remains", "remained",
    "feel", "feels", "felt", "get", "gets", "got", "become", "becomes", "became", "has", "have",
    "had", "very", "really", "still", "also", "both", "all", "particularly", "most", "more", "so",
    "too", "deeply", "extremely", "especially", "increasingly", "now", "equally", "rightly",
    "understandably", "quite", "greatly", "seriously", "continue", "continues", "to", "just",
    "say", "says", "said", "they're", "we're", "not", "always", "often", "even",
}
_NOT_A_WORRIER = {"it", "there", "this", "that", "which", "what", "it's", "there's", "that's"}
_NOT_A_SUBJECT = {
    "the", "a", "an", "this", "that", "these", "those", "main", "biggest", "key", "greatest",
    "big", "real", "other", "further", "first", "second", "no", "any", "some", "many", "more",
    "most", "of", "about", "with", "to", "in", "for", "and", "or", "by", "re", "regarding",
    "ongoing", "serious", "significant", "current", "previous", "historic", "safeguarding",
    "there", "it", "which", "what", "are", "is", "were", "was", "be", "been", "have", "has",
    "had", "without", "little", "less", "only", "one", "two", "new", "another", "same",
}
_PASSIVE_BEFORE_CONCERNS = {"there", "it", "which", "been", "have", "has", "had", "were", "was",
                            "are", "is", "be", "concerns", "worries", "no"}


def _words_before(text: str, starts: list[int], position: int) -> list[str]:
    return _WORD.findall(text, _sentence_start(starts, position), position)


def _names_a_worrier(text: str, starts: list[int]) -> bool:
    for match in _WORRIED.finditer(text):
        before = text[_sentence_start(starts, match.start()):match.start()]
        if match.group().lower() == "concerned" and re.search(
            r"(?<!\w)(?:as\s+far\s+as|where|insofar\s+as)(?!\w)", before, re.IGNORECASE
        ):
            continue  # "as far as Dad is concerned"
        words = [word.lower() for word in _WORD.findall(before)]
        while words and words[-1] in _LINKING:
            words.pop()
        if words and words[-1] not in _NOT_A_WORRIER:
            return True
    for match in _WORRY_VERB.finditer(text):
        words = _words_before(text, starts, match.start())
        if not words:
            continue
        previous = words[-1].lower()
        if previous in {"our", "my", "their", "his", "her"} or re.search(r"['\u2019]s$", previous):
            return True  # "our worry", "the school's worry"
        if previous not in _NOT_A_SUBJECT:
            return True  # "we worry that", "the school worries"
    for match in _HAVE_CONCERNS.finditer(text):
        gap = [word.lower() for word in _WORD.findall(match.group(1))]
        if "been" in gap or "no" in gap:
            continue
        words = _words_before(text, starts, match.start())
        if words and words[-1].lower() not in _PASSIVE_BEFORE_CONCERNS:
            return True  # "the school has serious concerns", "Nana raised worries"
    return False


def _worrier(text: str) -> list[Finding]:
    findings: list[Finding] = []
    starts = _sentence_starts(text)
    named_by_agent = False
    for pattern in _PASSIVE_PATTERNS:
        for match in pattern.finditer(text):
            shown = _shown(match.group())
            if _AGENT.match(text, match.end()):
                named_by_agent = True
                findings.append(Finding(
                    HINT, "passive",
                    f"'{shown}' hides who is speaking. Try it the other way round, "
                    "for example 'The school is worried that...'.",
                    match.start(), match.end(),
                ))
            else:
                findings.append(Finding(
                    PROBLEM, "no-worrier",
                    f"'{shown}' does not say who is worried. Name them, for example "
                    "'The school and the social worker are worried that...'.",
                    match.start(), match.end(),
                ))
    for match in _HEADLINE_WORRY.finditer(text):
        lead = [word.lower() for word in _words_before(text, starts, match.start())]
        if all(word in _HEADLINE_LEAD for word in lead):
            if any(f.start <= match.start() < f.end for f in findings):
                continue
            end = match.start() + len(re.match(r"\w+", text[match.start():]).group())
            findings.append(Finding(
                PROBLEM, "no-worrier",
                f"'{_shown(text[match.start():end])}' does not say who is worried. Name them, "
                "for example 'The school and the social worker are worried that...'.",
                match.start(), end,
            ))
    if not findings and not named_by_agent and not _names_a_worrier(text, starts):
        findings.append(Finding(
            PROBLEM, "no-worrier",
            "Say who is worried: name the people or services, for example "
            "'The school and the social worker are worried that...'.",
            0, len(text),
        ))
    return findings


# ------------------------------------------------------------------ the future

_FUTURE = re.compile(
    r"(?<!\w)(?:if|unless|could|might|would|likely|going\s+to|in\s+(?:the\s+)?future|grow(?:s|ing)?\s+up"
    r"|later\s+in\s+life|years\s+to\s+come|as\s+(?:he|she|they)\s+(?:gets?|grows?)\s+older"
    r"|won['\u2019]?t|wouldn['\u2019]?t|couldn['\u2019]?t|shall|mightn['\u2019]?t|may\s+not)(?!\w)"
    r"|\w['\u2019]ll(?!\w)",
    re.IGNORECASE,
)
# 'may' and 'will' only in lower case: 'May' is a month and 'Will' a name.
_MAY_WILL = re.compile(r"(?<!\w)(?:may|will|WILL|MAY)(?!\w)")


def _future(text: str) -> list[Finding]:
    if _FUTURE.search(text) or _MAY_WILL.search(text):
        return []
    return [Finding(
        PROBLEM, "no-future",
        "This only says what has happened. Add what could happen to the child if nothing "
        "changes, for example 'If nothing changes, the child could be badly hurt and grow up "
        "frightened.'",
        0, len(text),
    )]


# ------------------------------------------------------------------ goals: presence and time

_MODAL = r"(?:will|shall|must|should|would|does|do|did|can|could|is|are|to|has\s+to|have\s+to)"
_ABSENCE = re.compile(
    r"(?<!\w)(?:"
    rf"{_MODAL}\s+(?:not|never|no\s+longer)"
    r"|(?:will|shall)\s+be\s+(?:no|none|nothing)(?:\s+more|\s+longer)?"
    rf"|(?:{_MODAL}\s+)?(?:never|no\s+more|no\s+longer|no\s+further"
    r"|stop|stops|stopped|stopping|refrain|refrains|refraining|cease|ceases|ceasing"
    r"|abstain|abstains|abstaining|avoid|avoids|avoiding|quit|quits|give\s+up|gives\s+up"
    r"|(?:be\s+|stay\s+|live\s+)?free\s+(?:from|of))"
    r"|(?:wo|sha|must|should|would|does|do|did|ca|could|is|are)n['\u2019]t|cannot|wont"
    r")(?!\w)",
    re.IGNORECASE,
)
_PRESENCE = re.compile(
    r"(?<!\w)(?:will|shall|WILL)\s+"
    r"(?:(?:also|still|always|each|both|all|then|now|consistently|regularly|reliably|continue\s+to"
    r"|keep\s+on|be\s+able\s+to|every\s+day|each\s+day|calmly|safely)\s+)*+"
    r"(?!(?:not|never|no|nothing|none|stop\w*|refrain\w*|cease\w*|abstain\w*|avoid\w*|quit\w*"
    r"|give\s+up|be\s+(?:no|none|nothing|free|not|never))(?!\w))\w+"
    r"|\w['\u2019]ll\s+(?!(?:not|never|no|stop\w*)(?!\w))\w+"
    r"|(?<!\w)to\s+be\s+(?!not(?!\w))\w+ing(?!\w)",
    re.IGNORECASE,
)

_NUMBER = (
    r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|sixteen"
    r"|eighteen|twenty|twenty-?four|thirty|fifty-?two|several|few|couple"
)
_UNIT = r"(?:days?|nights?|weeks?|fortnights?|months?|years?|terms?|half-?terms?|holidays?)"
_FILLER = (
    r"at|least|a|an|the|next|coming|following|further|another|period|of|minimum|whole|full|rest"
    r"|around|about|approximately|roughly|more|than|no|less|school|calendar|academic|spring"
    r"|summer|autumn|winter|and|half|first|at\s+least|or|so|consecutive|clear|straight|\d+|"
) + _NUMBER
_DURATION = re.compile(
    rf"(?<!\w)(?:for|over|during|within|throughout|across|in|through)(?:[\s{_DASHES}]+(?:{_FILLER}))*"
    rf"[\s{_DASHES}]+{_UNIT}(?!\w)"
    rf"|(?<!\w)(?:{_NUMBER})[\s{_DASHES}]+(?:(?:consecutive|clear|straight|full|whole)\s+)?{_UNIT}(?!\w)"
    rf"(?![\s{_DASHES}]+(?:old|ago|later)(?!\w))"
    r"|(?<!\w)(?:over|throughout|during|through|for)\s+(?:the\s+)?(?:whole\s+(?:of\s+the\s+)?|rest\s+of\s+the\s+)?"
    r"(?:spring|summer|autumn|winter|christmas|easter)(?!\w)"
    r"|(?<!\w)(?:until|till|untill|til)(?!\w)"
    r"|(?<!\w)(?:through|up|right\s+up|right\s+through)\s+to\s+the\s+end(?!\w)",
    re.IGNORECASE,
)


def _goal_rules(text: str) -> list[Finding]:
    findings: list[Finding] = []
    absences = list(_ABSENCE.finditer(text))
    if absences:
        first, *rest = absences
        if not _PRESENCE.search(text):
            findings.append(Finding(
                PROBLEM, "absence-only",
                f"'{_shown(first.group())}': this goal only says what will stop. Say what the "
                "parent will be doing instead, for example 'Mum and Dad will sort out "
                "arguments calmly, away from the children'.",
                first.start(), first.end(),
            ))
        else:
            rest = absences
        for match in rest:
            findings.append(Finding(
                HINT, "negative-wording",
                f"'{_shown(match.group())}' says what will stop. If you can, say what will "
                "happen instead.",
                match.start(), match.end(),
            ))
    if not _DURATION.search(text):
        findings.append(Finding(
            PROBLEM, "no-duration",
            "Say for how long this needs to be seen, for example 'for six months' or "
            "'until the review in March'.",
            0, len(text),
        ))
    return findings


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

def _empty(text: str, what: str) -> list[Finding]:
    return [Finding(PROBLEM, "empty", f"Nothing written yet. {what}", 0, len(text))]


def _sorted(findings: list[Finding]) -> list[Finding]:
    order = {PROBLEM: 0, HINT: 1}
    return sorted(findings, key=lambda f: (f.start, order.get(f.severity, 2), f.end, f.code))


def check_danger_statement(text: str, extra_jargon: Iterable[str] = ()) -> list[Finding]:
    """Findings for a danger statement, sorted by where they start."""
    text = "" if text is None else str(text)
    if not text.strip():
        return _empty(text, "Say who is worried, what the adult did (with a real example), "
                            "and what could happen to the child if nothing changes.")
    findings = _jargon(text, extra_jargon) + _worrier(text) + _future(text) + _style(text)
    return _sorted(findings)


def check_safety_goal(text: str, extra_jargon: Iterable[str] = ()) -> list[Finding]:
    """Findings for a safety goal, sorted by where they start."""
    text = "" if text is None else str(text)
    if not text.strip():
        return _empty(text, "Say what the parent will be doing, what the child will "
                            "experience, what others will see, and for how long.")
    findings = _jargon(text, extra_jargon) + _goal_rules(text) + _style(text)
    return _sorted(findings)


CHECKS = {
    "danger-statement": check_danger_statement,
    "safety-goal": check_safety_goal,
}
