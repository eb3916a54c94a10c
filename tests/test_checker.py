"""The plain-language checker: each rule, its spans, and the labelled set."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gq_pods.checker import (
    HINT,
    PROBLEM,
    RULES,
    Finding,
    check_danger_statement,
    check_safety_goal,
    has_problems,
)

ROOT = Path(__file__).resolve().parent.parent

GOOD_STATEMENT = (
    "The school and Jo, the social worker, are worried that when Mum and Dad argue, Dad shouts "
    "and pushes Mum in front of Sam, who is three, like in March when Sam's head was cut. If "
    "nothing changes, Sam could be hurt and grow up frightened."
)
GOOD_GOAL = (
    "Mum and Dad will sort out arguments calmly, away from Sam. Sam will feel safe at home. "
    "The social worker and Nana will see this on visits for six months."
)


def problems(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == PROBLEM]


def codes(findings: list[Finding], severity: str | None = None) -> set[str]:
    return {f.code for f in findings if severity is None or f.severity == severity}


def spans(text: str, findings: list[Finding], code: str) -> list[str]:
    return [text[f.start:f.end] for f in findings if f.code == code]


# ---------------------------------------------------------------- good ones pass


def test_a_good_statement_and_goal_have_no_problems():
    assert problems(check_danger_statement(GOOD_STATEMENT)) == []
    assert problems(check_safety_goal(GOOD_GOAL)) == []


def test_plain_words_for_harm_are_not_jargon():
    text = (
        "Nana and the police are worried that Dad hit Kai, pushed Mum down the stairs, was drunk "
        "every night, and that Uncle R sexually abused a child before. Kai could be hurt and "
        "sexually abused if nothing changes."
    )
    assert "jargon" not in codes(check_danger_statement(text))


def test_a_long_clear_sentence_is_a_hint_never_a_problem():
    text = (
        "The health visitor, the GP and Nana Pat are all worried that when Mum drinks a lot of wine "
        "in the evening she falls asleep and does not wake when baby Mia cries, like on 14 January "
        "when a neighbour heard Mia crying for two hours and called the police, and that if this "
        "keeps happening Mia could go hungry or choke with no one awake to help her."
    )
    findings = check_danger_statement(text)
    assert problems(findings) == []
    long = [f for f in findings if f.code == "long-sentence"]
    assert len(long) == 1 and long[0].severity == HINT
    assert (long[0].start, long[0].end) == (0, len(text))
    assert "words" in long[0].message


# ---------------------------------------------------------------- jargon


@pytest.mark.parametrize(
    "term",
    [
        "domestic violence",
        "Domestic Abuse",
        "neglect",
        "neglected",
        "substance misuse",
        "risk of significant harm",
        "disguised compliance",
        "non-engagement",
        "non engagement",
        "not engaging",
        "toxic trio",
        "DV",
        "CP",
        "CIN",
        "LAC",
        "S47",
        "NFA",
    ],
)
def test_each_built_in_term_is_flagged_with_its_span(term):
    text = f"The school is worried about {term} at home; Sam could be hurt."
    findings = [f for f in check_danger_statement(text) if f.code == "jargon"]
    assert len(findings) == 1
    finding = findings[0]
    assert finding.severity == PROBLEM
    assert text[finding.start:finding.end] == term
    assert f"'{term}'" in finding.message


def test_the_message_says_what_to_write_instead():
    text = "Nana is worried about neglect, and Leo could go hungry."
    (finding,) = [f for f in check_danger_statement(text) if f.code == "jargon"]
    assert finding.message == "'neglect' is a label. Say what happened: what the child went without, and when."


def test_a_phrase_split_across_lines_is_still_found():
    text = "The school is worried about domestic\nviolence; Sam could be hurt."
    assert spans(text, check_danger_statement(text), "jargon") == ["domestic\nviolence"]


def test_acronyms_match_only_as_written_and_only_as_whole_words():
    text = "Nana is worried: lac, cp, cin, black, CPR, LACE, Cinema, DVD. Sam could be hurt."
    assert "jargon" not in codes(check_danger_statement(text))
    text = "Nana is worried: the LAC review. Sam could be hurt."
    assert spans(text, check_danger_statement(text), "jargon") == ["LAC"]


def test_whole_words_only_for_phrases():
    text = "The school is worried that Sam's teachers neglectingly... no: Sam could be hurt."
    assert "jargon" not in codes(check_danger_statement(text))


def test_the_longest_overlapping_term_wins():
    text = "Nana is worried about the risk of significant harm: Sam could be hurt."
    assert spans(text, check_danger_statement(text), "jargon") == ["risk of significant harm"]


def test_team_jargon_is_flagged_and_acronyms_stay_case_sensitive():
    text = "Nana is worried about FII and a Team Around The Child; fii is not the same. Sam could be hurt."
    findings = check_danger_statement(text, extra_jargon=["FII", "team around the child"])
    assert spans(text, findings, "jargon") == ["FII", "Team Around The Child"]
    assert "your team's list" in findings[[f.code for f in findings].index("jargon")].message


def test_team_jargon_ignores_blank_and_odd_entries():
    text = "Nana is worried (a+b) happened. Sam could be hurt."
    findings = check_danger_statement(text, extra_jargon=["", "   ", "(a+b)", 7])  # type: ignore[list-item]
    assert spans(text, findings, "jargon") == ["(a+b)"]


def test_jargon_is_checked_in_goals_too():
    text = "Mum will keep Leo off the CP plan by making sure he is fed, for six months."
    assert spans(text, check_safety_goal(text), "jargon") == ["CP"]


# ---------------------------------------------------------------- who is worried


@pytest.mark.parametrize(
    "phrase",
    ["Concerns have been raised", "There are concerns", "It is felt", "concerns were raised",
     "There are ongoing concerns", "It has been reported"],
)
def test_passive_worry_is_flagged_on_the_phrase(phrase):
    text = f"{phrase} that Dad hits Sam with a belt. If nothing changes Sam could be badly hurt."
    findings = check_danger_statement(text)
    assert spans(text, findings, "no-worrier") == [phrase]
    assert all(f.severity == PROBLEM for f in findings if f.code == "no-worrier")


@pytest.mark.parametrize(
    "phrase, rest",
    [("Concerns have been raised", "by the school"), ("There are concerns", "from the nursery")],
)
def test_a_passive_phrase_that_names_who_is_only_a_hint(phrase, rest):
    text = f"{phrase} {rest} that Dad hits Sam. Sam could be badly hurt."
    findings = check_danger_statement(text)
    assert problems(findings) == []
    assert spans(text, findings, "passive") == [phrase]


def test_a_statement_with_nobody_worried_is_flagged_as_a_whole():
    text = "Dad hits Sam with a belt when he is late. Sam could be badly hurt."
    findings = [f for f in check_danger_statement(text) if f.code == "no-worrier"]
    assert [(f.start, f.end) for f in findings] == [(0, len(text))]
    assert "Say who is worried" in findings[0].message


def test_a_headline_worry_with_no_one_in_front_is_flagged():
    text = "Concerns re Dad's drinking. Sam could be badly hurt."
    assert spans(text, check_danger_statement(text), "no-worrier") == ["Concerns"]


@pytest.mark.parametrize(
    "opening",
    [
        "The school is worried that",
        "Nana and the social worker are really worried that",
        "We worry that",
        "Our worry is that",
        "The GP has serious concerns that",
        "Sam's teacher raised concerns that",
        "I am concerned that",
    ],
)
def test_named_worriers_are_accepted(opening):
    text = f"{opening} Dad hits Sam with a belt, like on 3 May. Sam could be badly hurt."
    assert "no-worrier" not in codes(check_danger_statement(text))


def test_as_far_as_someone_is_concerned_is_not_a_worrier():
    text = "As far as Dad is concerned, smacking is fine. Sam could be badly hurt."
    assert "no-worrier" in codes(check_danger_statement(text))


# ---------------------------------------------------------------- the future


def test_a_statement_about_the_past_only_is_flagged():
    text = "The school is worried because on 3 March Dad hit Sam with a belt and Sam had bruises."
    findings = [f for f in check_danger_statement(text) if f.code == "no-future"]
    assert [(f.severity, f.start, f.end) for f in findings] == [(PROBLEM, 0, len(text))]
    assert "if nothing changes" in findings[0].message


@pytest.mark.parametrize("cue", ["If nothing changes, Sam could be hurt.", "Sam might be hurt.",
                                 "Sam may be hurt.", "Sam will be hurt.", "Sam is likely to be hurt.",
                                 "Sam'll be hurt.", "Sam may grow up frightened."])
def test_future_cues_are_accepted(cue):
    text = f"The school is worried that Dad hit Sam. {cue}"
    assert "no-future" not in codes(check_danger_statement(text))


def test_the_month_may_and_the_name_will_are_not_the_future():
    text = "The school is worried that Dad hit Will in May."
    assert "no-future" in codes(check_danger_statement(text))


def test_goals_are_not_asked_for_a_worrier_or_the_future():
    assert not codes(check_safety_goal(GOOD_GOAL)) & {"no-worrier", "no-future"}


# ---------------------------------------------------------------- goals


@pytest.mark.parametrize(
    "text, cue",
    [
        ("Dad will not hit Sara for six months.", "will not"),
        ("Dad won't hit Sara for six months.", "won't"),
        ("Mum will stop drinking for six months.", "will stop"),
        ("No more shouting for six months.", "No more"),
        ("Dad will refrain from hitting Sara for six months.", "will refrain"),
        ("Dad will never hit Sara, for six months.", "will never"),
        ("Dad will cease drinking for six months.", "will cease"),
        ("Dad will abstain from alcohol for six months.", "will abstain"),
    ],
)
def test_a_goal_only_about_what_stops_is_flagged_on_the_cue(text, cue):
    findings = check_safety_goal(text)
    assert spans(text, findings, "absence-only") == [cue]
    assert problems(findings) == [f for f in findings if f.code == "absence-only"]


def test_a_goal_with_a_presence_only_gets_a_hint_for_the_negative_words():
    text = "Dad will talk calmly to Sara and will not shout, for six months."
    findings = check_safety_goal(text)
    assert problems(findings) == []
    assert spans(text, findings, "negative-wording") == ["will not"]


def test_there_will_be_no_is_an_absence_not_a_presence():
    text = "There will be no shouting for six months."
    assert "absence-only" in codes(check_safety_goal(text))


@pytest.mark.parametrize(
    "duration",
    ["for six months", "for 3 months", "over the next year", "until the review in March",
     "for at least 12 weeks", "for a whole school year", "for the rest of the school year",
     "over the next nine months", "through to the end of the summer term", "for twelve months",
     "for six consecutive months", "throughout the winter", "for the whole of the summer"],
)
def test_durations_are_accepted(duration):
    text = f"Mum will give Leo breakfast every day, and the nursery will see this {duration}."
    assert "no-duration" not in codes(check_safety_goal(text))


def test_a_goal_without_a_duration_is_flagged_as_a_whole():
    text = "Mum will give Leo breakfast every day, and the nursery will see him fed, by the summer."
    findings = [f for f in check_safety_goal(text) if f.code == "no-duration"]
    assert [(f.severity, f.start, f.end) for f in findings] == [(PROBLEM, 0, len(text))]
    assert "for how long" in findings[0].message


@pytest.mark.parametrize("when", ["who is 3 years old", "in the summer", "by the summer", "three times a day"])
def test_an_age_or_a_point_in_time_is_not_a_duration(when):
    text = f"Mum will give Leo breakfast every day, {when}."
    assert "no-duration" in codes(check_safety_goal(text))


# ---------------------------------------------------------------- style and edges


def test_hard_words_get_a_reading_age_hint_over_the_whole_text():
    text = (
        "The school is worried that the parental capacity to facilitate appropriate developmental "
        "opportunities is compromised by unresolved psychological difficulties, necessitating "
        "multidisciplinary intervention. Consequently the child could experience deterioration."
    )
    findings = [f for f in check_danger_statement(text) if f.code == "reading-age"]
    assert [(f.severity, f.start, f.end) for f in findings] == [(HINT, 0, len(text))]
    assert "reading age about" in findings[0].message


def test_everyday_words_get_no_reading_age_hint():
    assert "reading-age" not in codes(check_danger_statement(GOOD_STATEMENT))
    assert "reading-age" not in codes(check_safety_goal(GOOD_GOAL))


@pytest.mark.parametrize("text", ["", "   ", "\n\t\n"])
def test_empty_text_is_one_plain_problem(text):
    for check in (check_danger_statement, check_safety_goal):
        findings = check(text)
        assert [(f.code, f.start, f.end) for f in findings] == [("empty", 0, len(text))]


def test_findings_are_sorted_by_start_and_codes_are_known():
    text = "Concerns re DV and neglect; risk of significant harm."
    findings = check_danger_statement(text)
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    assert codes(findings) == {"jargon", "no-worrier", "no-future"}
    assert codes(findings) <= set(RULES)
    assert has_problems(findings)


def test_findings_are_frozen_records():
    finding = check_danger_statement("")[0]
    with pytest.raises(AttributeError):
        finding.start = 3  # type: ignore[misc]


def test_the_checker_needs_only_the_standard_library():
    code = (
        "import sys\nbefore = set(sys.modules)\nimport gq_pods.checker\n"
        "extra = {m.split('.')[0] for m in set(sys.modules) - before}\n"
        "print(sorted(m for m in extra if m not in sys.stdlib_module_names and m != 'gq_pods'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(), max_size=400), st.lists(st.text(max_size=12), max_size=3))
def test_any_text_gives_findings_inside_the_text(text, extra):
    for check in (check_danger_statement, check_safety_goal):
        findings = check(text, extra)
        for finding in findings:
            assert finding.severity in (PROBLEM, HINT)
            assert finding.code in RULES
            assert 0 <= finding.start <= finding.end <= len(text)
            assert finding.message
        assert [f.start for f in findings] == sorted(f.start for f in findings)


WORDY = st.lists(
    st.sampled_from(
        ["The", "school", "is", "worried", "concerns", "have", "been", "raised", "DV", "will",
         "not", "for", "six", "months", "until", "\n", ".", "'", "domestic", "violence", "-",
         "non", "engagement", "Mum", "could", "if", "There", "are", "it", "felt", "by", "  ",
         "stop", "no", "more", "S47", "lac", "’", "…", "ﬁ", "İ", "ß"]
    ),
    max_size=80,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(WORDY)
def test_statement_like_text_gives_findings_inside_the_text(text):
    for check in (check_danger_statement, check_safety_goal):
        for finding in check(text, ["six months", "FII"]):
            assert 0 <= finding.start <= finding.end <= len(text)
            if finding.code == "jargon":
                assert finding.end > finding.start


def test_a_very_long_text_is_checked_quickly_enough_to_finish():
    text = (GOOD_STATEMENT + " Concerns were raised. ") * 400
    assert check_danger_statement(text)


# ---------------------------------------------------------------- with the editor's composer


def test_statements_and_goals_composed_from_good_parts_have_no_problems():
    from gq_pods.compose import compose_goal, compose_statement
    from gq_pods.model import DangerStatement, SafetyGoal
    from tests.factories import full_pod

    pod = full_pod()
    assert problems(check_danger_statement(compose_statement(pod.danger_statements[0]))) == []
    assert problems(check_safety_goal(compose_goal(pod.safety_goals[0]))) == []
    statement = DangerStatement(
        who_is_worried="Mrs Begum, the health visitor, and Gran",
        behaviour="when Mum drinks she falls asleep and leaves Amy alone",
        example="last week Amy was found alone at 10pm",
        impact="Amy could be hurt or go hungry",
    )
    goal = SafetyGoal(
        caregiver_actions="Mum will have a sober adult with her",
        child_experience="Amy will feel safe",
        professionals_will_see="Amy at school every day",
        duration="six months",
        network="Pat and Gran",
    )
    assert problems(check_danger_statement(compose_statement(statement))) == []
    assert problems(check_safety_goal(compose_goal(goal))) == []
