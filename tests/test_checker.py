"""The plain-language checker: each part of a statement and a goal, jargon, and its cost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from gq_pods.checker import (
    DANGER_STATEMENT,
    HINT,
    PROBLEM,
    RULES,
    SAFETY_GOAL,
    Finding,
    TeamWords,
    check_danger_statement,
    check_safety_goal,
    has_problems,
    parts,
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


def statement(worrier="The school and Jo, the social worker, are worried that",
              behaviour="Dad shouts and pushes Mum in front of Sam",
              example="like on 3 May, when Sam's head was cut",
              impact="If nothing changes, Sam could be hurt and grow up frightened.") -> str:
    return f"{worrier} {behaviour}, {example}. {impact}"


def goal(action="Dad will go to Grandma's when he feels angry and phone Mum when he is calm.",
         checker="The social worker will see this on visits",
         duration="for six months.") -> str:
    action = action if action.endswith(".") else action + "."
    return f"{action} {checker} {duration}"


def checklist(text: str, kind: str) -> dict[str, bool]:
    return dict(parts(text, kind))


# ---------------------------------------------------------------- good ones pass


def test_a_good_statement_and_goal_have_no_problems_and_a_full_checklist():
    assert problems(check_danger_statement(GOOD_STATEMENT)) == []
    assert problems(check_safety_goal(GOOD_GOAL)) == []
    assert all(checklist(GOOD_STATEMENT, DANGER_STATEMENT).values())
    assert all(checklist(GOOD_GOAL, SAFETY_GOAL).values())
    assert problems(check_danger_statement(statement())) == []
    assert problems(check_safety_goal(goal())) == []


def test_the_checklist_names_each_part_in_order():
    assert [label for label, _ in parts(GOOD_STATEMENT, DANGER_STATEMENT)] == [
        "Who is worried", "What the adult does", "A real example, and when", "What it means for the child",
    ]
    assert [label for label, _ in parts(GOOD_GOAL, SAFETY_GOAL)] == [
        "What the parent or carer will do", "Something they will do, not only what stops",
        "Who will see or check it", "For how long",
    ]


def test_an_empty_text_has_every_part_missing_and_one_plain_problem():
    for text in ("", "   ", "\n\t\n"):
        for kind, check in ((DANGER_STATEMENT, check_danger_statement), (SAFETY_GOAL, check_safety_goal)):
            assert [(f.code, f.start, f.end) for f in check(text)] == [("empty", 0, len(text))]
            assert not any(present for _, present in parts(text, kind))


# ---------------------------------------------------------------- who is worried


@pytest.mark.parametrize(
    "phrase",
    ["Concerns have been raised", "There are concerns", "It is felt", "concerns were raised",
     "There are ongoing concerns", "It has been reported"],
)
def test_a_passive_worry_is_flagged_on_the_phrase(phrase):
    text = statement(worrier=f"{phrase} that")
    findings = check_danger_statement(text)
    assert spans(text, findings, "no-worrier") == [phrase]
    assert "does not say who is worried" in findings[[f.code for f in findings].index("no-worrier")].message
    assert checklist(text, DANGER_STATEMENT)["Who is worried"] is False


@pytest.mark.parametrize("bare", ["We are worried", "Everyone is worried", "Everybody is worried",
                                  "Social care are worried", "Social services are worried", "I am worried"])
def test_a_bare_we_or_everyone_is_not_a_named_worrier(bare):
    text = statement(worrier=f"{bare} that")
    findings = check_danger_statement(text)
    assert spans(text, findings, "no-worrier") == [bare]


@pytest.mark.parametrize(
    "opening",
    [
        "The school is worried that",
        "Nana and the social worker are really worried that",
        "Jo, the social worker, and the school are worried that",
        "We, the nursery and the health visitor, worry that",
        "The GP has serious concerns that",
        "Sam's teacher raised concerns that",
        "The worry for Mrs Khan, the head teacher, is that",
        "What worries Nana and the school is that",
        "As Sam's social worker, I am worried that",
        "Concerns have been raised by the school that",
    ],
)
def test_named_worriers_are_accepted(opening):
    text = statement(worrier=opening)
    assert "no-worrier" not in codes(check_danger_statement(text))
    assert checklist(text, DANGER_STATEMENT)["Who is worried"] is True


def test_a_passive_phrase_that_names_who_is_only_a_hint():
    text = statement(worrier="Concerns have been raised by the school that")
    findings = check_danger_statement(text)
    assert problems(findings) == []
    assert spans(text, findings, "passive") == ["Concerns have been raised"]


def test_a_headline_worry_with_no_one_in_front_is_flagged():
    text = "Concerns re Dad's drinking. Sam could be badly hurt."
    assert spans(text, check_danger_statement(text), "no-worrier") == ["Concerns"]


def test_as_far_as_someone_is_concerned_is_not_a_worrier():
    text = "As far as Dad is concerned, smacking Sam on 3 May was fine. Sam could be badly hurt."
    assert "no-worrier" in codes(check_danger_statement(text))


def test_acknowledging_the_family_first_does_not_make_them_the_worrier():
    text = statement(worrier="Dad has stopped drinking, and we are worried that")
    assert spans(text, check_danger_statement(text), "no-worrier") == ["we are worried"]


# ---------------------------------------------------------------- what the adult does


@pytest.mark.parametrize(
    "vague, shown",
    [
        ("we are worried about Dad's behaviour", "Dad's behaviour"),
        ("we are worried about Mum's lifestyle", "Mum's lifestyle"),
        ("there are issues at home", "issues at home"),
        ("Mum struggles to cope", "struggles to cope"),
        ("Dad has a history of violence", "history of violence"),
    ],
)
def test_a_vague_noun_is_not_a_behaviour(vague, shown):
    text = statement(worrier="The school and Nana are worried that", behaviour=vague)
    findings = check_danger_statement(text)
    (finding,) = [f for f in findings if f.code == "no-behaviour"]
    assert text[finding.start:finding.end] == shown
    assert "e.g. 'when" in finding.message
    assert checklist(text, DANGER_STATEMENT)["What the adult does"] is False


@pytest.mark.parametrize("diagnosis", ["dad has depression", "Mum is depressed", "Dad has bipolar disorder"])
def test_a_diagnosis_alone_is_not_a_behaviour_and_the_fix_names_the_adult(diagnosis):
    text = statement(worrier="The GP and Nana are worried that", behaviour=diagnosis)
    (finding,) = [f for f in check_danger_statement(text) if f.code == "no-behaviour"]
    assert "names an illness" in finding.message
    adult = diagnosis.split()[0]
    assert f"what {adult} does" in finding.message


@pytest.mark.parametrize("label", ["domestic violence", "neglect", "DV", "substance misuse"])
def test_a_label_alone_is_jargon_and_no_behaviour(label):
    text = statement(behaviour=f"there is {label}")
    found = codes(check_danger_statement(text))
    assert {"jargon", "no-behaviour"} <= found


@pytest.mark.parametrize(
    "behaviour",
    ["Dad hits Sam with a belt", "Mum leaves Lily alone in the flat at night", "Dad calls Ben stupid",
     "Mum does not give Tia her insulin", "Dad drives the children after drinking",
     "Mum falls asleep after smoking heroin", "Dad throws plates at Mum"],
)
def test_things_you_could_film_are_behaviours(behaviour):
    text = statement(behaviour=behaviour)
    assert "no-behaviour" not in codes(check_danger_statement(text))


# ---------------------------------------------------------------- an example anchored in time


@pytest.mark.parametrize(
    "example",
    ["like on 3 May, when Sam's head was cut", "like last week", "twice in October", "in March",
     "like on Sunday at 2am", "at Christmas", "like yesterday", "three weeks ago", "on 14/02/2024"],
)
def test_examples_anchored_in_time_are_accepted(example):
    text = statement(example=example)
    assert "no-example" not in codes(check_danger_statement(text))


@pytest.mark.parametrize("example", ["most nights", "often", "when he is angry", "Sam may be hurt"])
def test_no_time_means_no_example(example):
    text = statement(example=example)
    (finding,) = [f for f in check_danger_statement(text) if f.code == "no-example"]
    assert "when it happened" in finding.message


def test_the_month_may_is_told_from_the_word_may():
    assert "no-example" not in codes(check_danger_statement(statement(example="like in May")))
    assert "no-example" in codes(check_danger_statement(statement(example="and this may happen again")))


# ---------------------------------------------------------------- what it means for the child


@pytest.mark.parametrize(
    "impact",
    ["If nothing changes, Sam could be badly hurt.",
     "This leaves the twins frightened and tired at school.",
     "So the girls are at risk of being hit by their uncle.",
     "Sam is often hungry and misses school.",
     "Sam may grow up thinking that hitting is normal.",
     "Ty now hides under the table when a man shouts."],
)
def test_concrete_impact_now_or_later_is_accepted(impact):
    text = statement(impact=impact)
    assert "no-impact" not in codes(check_danger_statement(text))
    assert checklist(text, DANGER_STATEMENT)["What it means for the child"] is True


@pytest.mark.parametrize(
    "impact, shown",
    [("It could affect the boys.", "could affect"),
     ("Sam may be at risk.", "may be at risk"),
     ("This could impact on his wellbeing.", "could impact on"),
     ("Sam may come to harm.", "come to harm"),
     ("This poses a risk to Sam.", "poses a risk")],
)
def test_vague_impact_is_flagged_on_its_words(impact, shown):
    text = statement(impact=impact)
    (finding,) = [f for f in check_danger_statement(text) if f.code == "no-impact"]
    assert text[finding.start:finding.end] == shown
    assert "could be badly hurt" in finding.message  # the example of a fix


def test_harm_in_the_past_is_the_example_not_the_impact():
    text = "The school is worried because on 3 March Dad hit Sam with a belt, and Sam came to school with bruises."
    findings = check_danger_statement(text)
    assert "no-impact" in codes(findings)
    assert "no-example" not in codes(findings)


# ---------------------------------------------------------------- goals: what the carer will do


@pytest.mark.parametrize(
    "action, shown",
    [("Sara will attend every appointment", "attend every appointment"),
     ("Mo will work with services", "work with services"),
     ("Dad will complete a parenting course", "complete a parenting course"),
     ("Mum will engage with the drug team", "engage with the drug team"),
     ("Dad will go to AA meetings twice a week", "go to AA meetings twice a week")],
)
def test_services_and_compliance_are_not_what_the_child_sees(action, shown):
    text = goal(action=action)
    (finding,) = [f for f in check_safety_goal(text) if f.code == "no-action"]
    assert text[finding.start:finding.end].startswith(shown.split(" twice")[0])
    assert "not what the child will see at home" in finding.message


@pytest.mark.parametrize(
    "action",
    ["Mo will keep Zara safe", "Dad will address his anger", "Mum will prioritise the children's needs",
     "Mum will show that she can protect them", "Mum will make sure Zara is safe"],
)
def test_vague_goals_are_flagged(action):
    text = goal(action=action)
    (finding,) = [f for f in check_safety_goal(text) if f.code == "no-action"]
    assert "does not say what anyone will do" in finding.message


@pytest.mark.parametrize("action", ["Zara will be safe and settled at home", "Ella will be safe and happy",
                                    "The children will feel loved"])
def test_a_goal_about_the_child_alone_is_flagged(action):
    text = goal(action=action)
    (finding,) = [f for f in check_safety_goal(text) if f.code == "no-action"]
    assert "only describes the child" in finding.message
    assert checklist(text, SAFETY_GOAL)["What the parent or carer will do"] is False


@pytest.mark.parametrize(
    "action",
    ["Dad will go to Grandma's when he feels angry.",
     "Mum will have a plan for who looks after Noah when she feels low.",
     "Mum will make sure Leo has breakfast every morning.",
     "Mum makes sure Jodie has breakfast and gets to school.",
     "Dad will stop drinking and take Leo to school himself.",
     "Dad will be sober whenever he looks after Tia.",
     "Parents to read with Amy at bedtime."],
)
def test_things_a_carer_will_do_are_accepted(action):
    text = goal(action=action)
    assert "no-action" not in codes(check_safety_goal(text))


def test_keeping_safe_by_doing_something_counts_as_doing_it():
    text = goal(action="Mum will keep Ruby safe by leaving the room with her when Dean shouts.")
    assert "no-action" not in codes(check_safety_goal(text))


def test_a_teams_service_words_mark_a_service_goal():
    text = goal(action="Mum will go to the Family Hub on Wednesdays.")
    assert "no-action" not in codes(check_safety_goal(text))
    team = TeamWords.of(service_words=["Family Hub"])
    assert "no-action" in codes(check_safety_goal(text, team=team))


# ---------------------------------------------------------------- goals: a presence, not only an absence


@pytest.mark.parametrize(
    "text, cue",
    [
        ("Dad will not hit Sara for six months.", "will not"),
        ("Dad won't hit Sara for six months.", "won't"),
        ("Mum will stop drinking for six months.", "will stop"),
        ("No more shouting for six months.", "No more"),
        ("Dad will refrain from hitting Sara for six months.", "will refrain"),
        ("Dad will never hit Sara, for six months.", "will never"),
        ("There will be no shouting for six months.", "will be no"),
        ("Mum's partner will have no contact with the children for six months.", "will have no"),
    ],
)
def test_a_goal_only_about_what_stops_is_flagged_on_the_cue(text, cue):
    findings = check_safety_goal(text)
    assert spans(text, findings, "absence-only") == [cue]
    assert checklist(text, SAFETY_GOAL)["Something they will do, not only what stops"] is False


def test_a_goal_with_a_presence_only_gets_a_hint_for_the_negative_words():
    text = "Dad will talk calmly to Sara and will not shout. The school will see this for six months."
    findings = check_safety_goal(text)
    assert problems(findings) == []
    assert spans(text, findings, "negative-wording") == ["will not"]


@pytest.mark.parametrize(
    "condition",
    ["if she is not home by 9pm Mum will ring her", "if the plan stops working Dad will ring Nana",
     "when he has not had a drink Dad will drive them"],
)
def test_a_condition_is_not_a_negative_goal(condition):
    text = goal(action=f"Mum will know where Ellie is each evening, and {condition}.")
    found = check_safety_goal(text)
    assert not codes(found) & {"absence-only", "negative-wording"}


# ---------------------------------------------------------------- goals: who checks, and for how long


def test_who_will_see_it_is_a_hint_only():
    text = "Dad will go to Grandma's when he feels angry, for six months."
    findings = check_safety_goal(text)
    assert problems(findings) == []
    assert [f.severity for f in findings if f.code == "no-checker"] == [HINT]
    assert checklist(text, SAFETY_GOAL)["Who will see or check it"] is False


@pytest.mark.parametrize(
    "duration",
    ["for six months", "for 3 months", "over the next year", "until the review in March",
     "for at least 12 weeks", "for a whole school year", "for the rest of the school year",
     "until the end of the school year", "every day for the next year", "through to the end of the summer term",
     "for six consecutive months", "throughout the winter", "for the whole of the summer", "until Christmas"],
)
def test_durations_are_accepted(duration):
    text = goal(duration=duration + ".")
    assert "no-duration" not in codes(check_safety_goal(text))
    assert checklist(text, SAFETY_GOAL)["For how long"] is True


@pytest.mark.parametrize("deadline", ["by March", "by the end of the school year", "within six weeks",
                                      "by the next review"])
def test_a_deadline_is_not_a_duration_and_the_message_says_so(deadline):
    text = goal(duration=deadline + ".")
    (finding,) = [f for f in check_safety_goal(text) if f.code == "no-duration"]
    assert text[finding.start:finding.end] == deadline
    assert "is a deadline, not how long" in finding.message


@pytest.mark.parametrize("when", ["who is 3 years old", "three times a day", "in six months' time"])
def test_an_age_or_a_frequency_is_not_a_duration(when):
    text = f"Mum will give Leo breakfast every day, {when}, and the nursery will see it."
    assert "no-duration" in codes(check_safety_goal(text))


# ---------------------------------------------------------------- jargon, quotes and initials


@pytest.mark.parametrize(
    "term",
    ["domestic violence", "Domestic Abuse", "neglect", "neglected", "substance misuse",
     "risk of significant harm", "disguised compliance", "non-engagement", "toxic trio",
     "DV", "CP", "CIN", "LAC", "S47", "NFA", "CSC", "LADO", "MASH", "PLO", "EHA", "MARAC"],
)
def test_each_built_in_term_is_flagged_with_its_span(term):
    text = statement(behaviour=f"Dad hits Sam ({term})")
    findings = [f for f in check_danger_statement(text) if f.code == "jargon"]
    assert [text[f.start:f.end] for f in findings] == [term]
    assert f"'{term}'" in findings[0].message


def test_the_message_says_what_to_write_instead():
    text = statement(behaviour="there is neglect")
    (finding,) = [f for f in check_danger_statement(text) if f.code == "jargon"]
    assert finding.message == "'neglect' is a label. Say what happened: what the child went without, and when."


def test_a_childs_or_parents_own_words_in_quotes_are_never_jargon():
    text = statement(example="like on 3 May, when Lacey said 'dad's neglecting me' and \u201cI'm not a CP case\u201d")
    assert "jargon" not in codes(check_danger_statement(text))
    unquoted = statement(example="like on 3 May, when Lacey said dad is neglecting her")
    assert "jargon" in codes(check_danger_statement(unquoted))


@pytest.mark.parametrize("initials", ["T", "KM", "JB", "R", "AB"])
def test_initials_are_not_read_as_shorthand(initials):
    text = statement(behaviour=f"{initials}'s dad hits {initials} with a belt")
    assert "jargon" not in codes(check_danger_statement(text))


def test_acronyms_match_only_as_written_and_only_as_whole_words():
    text = statement(behaviour="Dad hits Sam: lac, cp, cin, black, CPR, Cinema, DVD, NHS, GP")
    assert "jargon" not in codes(check_danger_statement(text))
    text = statement(behaviour="Dad hits Sam before the LAC review")
    assert spans(text, check_danger_statement(text), "jargon") == ["LAC"]


def test_someone_typing_in_capitals_is_not_writing_shorthand():
    text = statement().upper()
    assert "jargon" not in codes(check_danger_statement(text))


def test_team_words_are_flagged_and_acronyms_stay_case_sensitive():
    text = statement(behaviour="Dad hits Sam (FII, a Team Around The Child, fii, CAMHS)")
    team = TeamWords.of(jargon=["FII", "team around the child"], acronyms=["CAMHS"])
    assert spans(text, check_danger_statement(text, team=team), "jargon") == [
        "FII", "Team Around The Child", "CAMHS",
    ]
    # the team's words may also go where the jargon list goes, and a plain list still works
    assert spans(text, check_danger_statement(text, team), "jargon") == ["FII", "Team Around The Child", "CAMHS"]
    assert spans(text, check_danger_statement(text, ["FII"]), "jargon") == ["FII", "CAMHS"]


def test_team_words_ignore_blank_and_odd_entries():
    text = statement(behaviour="Dad hits Sam (a+b)")
    findings = check_danger_statement(text, extra_jargon=["", "   ", "(a+b)", 7])  # type: ignore[list-item]
    assert spans(text, findings, "jargon") == ["(a+b)"]


def test_jargon_is_checked_in_goals_too():
    text = "Mum will keep Leo off the CP plan by making sure he is fed, for six months."
    assert spans(text, check_safety_goal(text), "jargon") == ["CP"]


# ---------------------------------------------------------------- style and edges


def test_a_long_clear_sentence_is_a_hint_never_a_problem():
    text = (
        "The health visitor, the GP and Nana Pat are all worried that when Mum drinks a lot of wine "
        "in the evening she falls asleep and does not wake when baby Mia cries, like on 14 January "
        "when a neighbour heard Mia crying for two hours and called the police, and that if this "
        "keeps happening Mia could go hungry or choke with no one awake to help her."
    )
    findings = check_danger_statement(text)
    assert problems(findings) == []
    assert [(f.severity, f.start, f.end) for f in findings if f.code == "long-sentence"] == [(HINT, 0, len(text))]


def test_findings_are_sorted_by_start_and_codes_are_known():
    text = "Concerns re DV and neglect; risk of significant harm."
    findings = check_danger_statement(text)
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    assert codes(findings) == {"jargon", "no-worrier", "no-behaviour", "no-example", "no-impact"}
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


def test_statements_and_goals_composed_from_good_parts_have_no_problems():
    from gq_pods.compose import compose_goal, compose_statement
    from gq_pods.model import DangerStatement, SafetyGoal
    from tests.factories import full_pod

    pod = full_pod()
    assert problems(check_danger_statement(compose_statement(pod.danger_statements[0]))) == []
    assert problems(check_safety_goal(compose_goal(pod.safety_goals[0]))) == []
    made = DangerStatement(
        who_is_worried="Mrs Begum, the health visitor, and Gran",
        behaviour="when Mum drinks she falls asleep and leaves Amy alone",
        example="last week Amy was found alone at 10pm",
        impact="Amy could be hurt or go hungry",
    )
    planned = SafetyGoal(
        caregiver_actions="Mum will have a sober adult with her",
        child_experience="Amy will feel safe",
        professionals_will_see="Amy at school every day",
        duration="six months",
        network="Pat and Gran",
    )
    assert problems(check_danger_statement(compose_statement(made))) == []
    assert problems(check_safety_goal(compose_goal(planned))) == []


# ---------------------------------------------------------------- lists and forms


def test_a_goal_written_as_a_list_reads_each_line_as_what_the_carer_will_do():
    good = "Mum will:\n- cook tea for the boys every night\n- get them to school by 9am\nNan will check, for six months."
    assert problems(check_safety_goal(good)) == []
    weak = "Mum will:\n- attend all appointments\n- go to every core group\nNan will check, for six months."
    assert "no-action" in codes(check_safety_goal(weak))


def test_a_statement_written_as_a_form_names_its_worrier_after_the_colon():
    text = ("Worried: the nursery, Jo (social worker) and Nan. What happens: Dad shakes baby Ava when she cries. "
            "Example: on 2 May Ava had bruises on her arms. What could happen: Ava could be brain damaged.")
    assert problems(check_danger_statement(text)) == []
    assert "no-worrier" in codes(check_danger_statement("Worried: everyone. " + text.split(". ", 1)[1]))
