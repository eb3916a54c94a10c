"""Property tests: no text makes the checker crash, and its work grows in step with the text.

Work is counted, not timed: every Python and built-in call the check makes is
counted with a profiler hook, which is the same on a busy machine as on an idle
one. The patterns themselves are written so they cannot backtrack badly; the
adversarial texts below are the shapes that would make a careless pattern take
forever, so a regression shows up as a test that does not finish.
"""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gq_pods import checker
from gq_pods.checker import CHECKS, HINT, PROBLEM, RULES, TeamWords, parts

KINDS = list(CHECKS)

WORDY = st.lists(
    st.sampled_from(
        ["The", "school", "is", "worried", "concerns", "have", "been", "raised", "DV", "will",
         "not", "for", "six", "months", "until", "\n", ".", "'", '"', "\u201c", "\u201d", "domestic",
         "violence", "-", "non", "engagement", "Mum", "could", "if", "There", "are", "it", "felt", "by",
         "  ", "stop", "no", "more", "S47", "lac", "\u2019", "\u2026", "\ufb01", "\u0130", "\u00df", "hits",
         "like", "on", "3", "May", "be", "hurt", "at", "risk", "of", "being", "hit", "KM", "T", "attend",
         "keep", "safe", "by", "March", "every", "day", "we", "everyone", "has", "depression", "makes",
         "sure", "to", "and", "when", "she", "home", "9pm", "MARAC", "twenty-four", "at least"]
    ),
    max_size=80,
).map(" ".join)


def check_both(text: str, team: TeamWords | None = None) -> None:
    for kind in KINDS:
        findings = CHECKS[kind](text, team=team)
        for finding in findings:
            assert finding.severity in (PROBLEM, HINT)
            assert finding.code in RULES
            assert 0 <= finding.start <= finding.end <= len(text)
            assert finding.message.strip()
        assert [f.start for f in findings] == sorted(f.start for f in findings)
        checklist = parts(text, kind)
        assert len(checklist) == 4 and all(isinstance(present, bool) for _, present in checklist)
        if any(f.severity == PROBLEM for f in findings):
            continue
        # a text with no problem has every part that is not a hint
        assert all(present for label, present in checklist if label != "Who will see or check it")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(), max_size=400))
def test_any_text_gives_findings_inside_the_text(text):
    check_both(text)


@settings(max_examples=200, deadline=None)
@given(WORDY, st.lists(st.text(max_size=12), max_size=3), st.lists(st.text(max_size=12), max_size=2))
def test_statement_like_text_with_any_team_words_gives_findings_inside_the_text(text, jargon, services):
    check_both(text, TeamWords.of(jargon=jargon, acronyms=[j.upper() for j in jargon], service_words=services))


def work(text: str, kind: str) -> int:
    """How many calls checking ``text`` takes (the analysis cache emptied first)."""
    checker._analyse.cache_clear()
    count = 0

    def hook(frame, event, arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(hook)
    try:
        CHECKS[kind](text)
    finally:
        sys.setprofile(None)
    return count


@settings(max_examples=10, deadline=None)
@given(WORDY.filter(lambda text: len(text) > 40))
def test_the_work_grows_in_step_with_the_text(text):
    for kind in KINDS:
        once, eight = work(text * 3, kind), work(text * 24, kind)
        assert eight <= 8 * once * 1.25 + 2000, (kind, once, eight)


ADVERSARIAL = {
    "a run of dots": "." * 12000 + "a",
    "numbers after for": "for " + "1 2 at least twenty-four " * 600 + "x",
    "spaces after worry": "worry" + " " * 12000 + "x",
    "quotes never closed": "'a " * 4000,
    "worried again and again": "We are worried that " * 600,
    "modals with no verb": "Mum will " * 1200,
    "conditions": "if she is not home, " * 600,
    "capitals": "ABC " * 3000,
    "one long word": "a" * 20000,
    "dashes": "-" * 20000,
    "apostrophes": "dad's'" * 2000,
    "passives": "Concerns have been raised that " * 400,
    "harm in the past": "Sam was hurt. " * 900,
}


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_adversarial_texts_finish_with_work_in_step_with_their_length(name):
    text = ADVERSARIAL[name]
    for kind in KINDS:
        half = text[: len(text) // 2]
        full, part = work(text, kind), work(half, kind)
        assert full <= 2 * part * 1.25 + 2000, (kind, part, full)


@settings(max_examples=100, deadline=None)
@given(WORDY)
def test_adding_a_named_worrier_or_a_duration_always_ticks_that_part(text):
    worried = text + "\nThe school and Jo, the social worker, are worried."
    assert dict(parts(worried, "danger-statement"))["Who is worried"] is True
    lasting = text + "\nThis will carry on for six months."
    assert dict(parts(lasting, "safety-goal"))["For how long"] is True


@settings(max_examples=100, deadline=None)
@given(WORDY, st.sampled_from(["DV", "neglect", "domestic abuse", "CIN", "MARAC", "non-engagement"]))
def test_words_in_quotation_marks_are_never_jargon(text, term):
    quoted = f"{text}\nShe said \u201c{term}\u201d."
    start = quoted.rindex("\u201c")
    for kind in KINDS:
        assert not [f for f in CHECKS[kind](quoted) if f.code == "jargon" and f.start >= start]
