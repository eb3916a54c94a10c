"""The case over time: how a chain of pods moved, and 'Since the last pod' in the record."""

from __future__ import annotations

import copy
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gq_pods.case import movement, since_last
from gq_pods.followup import follow_up
from gq_pods.model import NextStep, Scale, ScaleScore
from gq_pods.record import chain_to, render_markdown, render_text
from tests.factories import full_pod
from tests.test_record import block_structure, commonmark, gfm, inline_structure, rendered_texts, shown
from tests.test_record_hostile import hostile_text

NOV = dt.date(2026, 11, 3)
DEC = dt.date(2026, 12, 1)


def _scores(*values: int) -> list[ScaleScore]:
    return [ScaleScore(f"P{n}", v, f"reason {n}") for n, v in enumerate(values)]


def chain_of_two(before=(2, 3, 4), after=(4, 5, 6), statement=((2, 2), (4, 4))):
    first = full_pod(date=NOV)
    first.id = 1
    first.scale_for("overall").scores = _scores(*before)
    first.scale_for("ds1").scores = _scores(*statement[0])
    first.map.next_steps = [
        NextStep("a", "Jo", NOV, "agreed", outcome="done"),
        NextStep("b", "Jo", None, "agreed", outcome="done"),
        NextStep("c", "Jo", None, "idea", outcome="not_done"),
        NextStep("d", "Jo", None, "idea", outcome="not_needed"),
        NextStep("e", "Jo", None, "idea"),
    ]
    second = follow_up(first, DEC)
    second.id = 2
    second.scale_for("overall").scores = _scores(*after)
    second.scale_for("ds1").scores = _scores(*statement[1])
    return [first, second]


def test_since_last_says_the_date_the_overall_median_and_the_steps_done():
    assert since_last(chain_of_two()) == (
        "Since the last pod on 3 November 2026: scale 3 to 5; next steps 2 of 4 done."
    )  # "no longer needed" is not counted against the team


def test_since_last_says_when_the_scale_stayed_and_medians_between_scores():
    assert "scale stayed at 3" in since_last(chain_of_two(before=(3,), after=(2, 3, 4)))
    assert "scale 3.5 to 5" in since_last(chain_of_two(before=(3, 4), after=(5,)))
    assert "scale now 5 (not scaled last time)" in since_last(chain_of_two(before=(), after=(5,)))


def test_since_last_is_empty_for_a_pod_that_follows_none():
    assert since_last([full_pod()]) == ""
    assert movement([full_pod()]).previous_date is None


def test_movement_gives_each_scale_at_each_pod_with_who_said_what():
    m = movement(chain_of_two())
    assert [line.about for line in m.lines] == ["overall", "ds1"]
    assert m.lines[0].label == "Overall" and m.lines[1].label.startswith("The nursery and Jo are worried")
    overall = m.lines[0]
    assert [(p.pod_id, p.date, p.scores) for p in overall.points] == [(1, NOV, (2, 3, 4)), (2, DEC, (4, 5, 6))]
    assert overall.points[1].reasons[0] == ("P0", 4, "reason 0")
    assert m.moved == ("Overall: 3 to 5", "Danger statement 1: 2 to 4")
    assert (m.steps_done, m.steps_total, m.previous_date) == (2, 4, NOV)


def test_movement_names_statements_without_case_text_and_skips_unscored_pods():
    chain = chain_of_two()
    middle = follow_up(chain[1], DEC + dt.timedelta(days=14))  # a pod with nobody scored yet
    middle.id = 3
    m = movement([*chain, middle])
    assert len(m.lines[0].points) == 3 and m.lines[0].points[2].scores == ()
    assert m.moved == ("Overall: 3 to 5", "Danger statement 1: 2 to 4")  # the last two pods scored
    assert all("nursery" not in sentence for sentence in m.moved)


def test_a_scale_whose_statement_has_gone_still_has_its_line():
    chain = chain_of_two()
    chain[1].danger_statements = []
    chain[1].safety_goals = []
    chain[1].scales = [s for s in chain[1].scales if s.about == "overall"]
    m = movement(chain)
    assert [line.about for line in m.lines] == ["overall", "ds1"]
    assert len(m.lines[1].points) == 1


# ---------------------------------------------------------------- the record


def test_the_record_of_a_follow_up_has_since_the_last_pod_with_a_table_of_each_scale():
    chain = chain_of_two()
    markdown = render_markdown(chain[1], chain=chain)
    texts = rendered_texts(markdown)
    assert "Since the last pod on 3 November 2026: scale 3 to 5; next steps 2 of 4 done." in texts
    at = texts.index("Scale")
    assert texts[at : at + 4] == ["Scale", "Pod", "Lowest to highest", "Median"]
    assert texts[at + 4 : at + 8] == ["Overall", "3 November 2026", "2 to 4", "3"]
    assert texts[at + 8 : at + 12] == ["Overall", "1 December 2026", "4 to 6", "5"]
    assert "Next steps from 3 November 2026" in texts
    assert "No longer needed" in texts and "Not asked yet" in texts
    plain = render_text(chain[1], chain=chain)
    assert "Since the last pod on 3 November 2026: scale 3 to 5; next steps 2 of 4 done." in plain
    assert "- Scale: Overall\n  Pod: 3 November 2026\n  Lowest to highest: 2 to 4\n  Median: 3" in plain


def test_an_older_pods_record_tells_the_case_as_it_was_then():
    chain = chain_of_two()
    assert "Since the last pod" not in render_markdown(chain[0], chain=chain)
    assert chain_to(chain[0], chain) == [chain[0]]
    assert render_markdown(chain[1]) == render_markdown(chain[1], chain=[chain[1]])  # no chain: no section
    assert "Since the last pod" not in render_markdown(chain[1])


def test_the_record_uses_the_pod_as_it_is_now_not_as_the_chain_stored_it():
    chain = chain_of_two()
    now = copy.deepcopy(chain[1])
    now.scale_for("overall").scores = _scores(8)
    assert "scale 3 to 8" in render_markdown(now, chain=chain)
    unsaved = copy.deepcopy(now)
    unsaved.id = None  # a follow-up not stored yet still finds its pod before
    assert "scale 3 to 8" in render_markdown(unsaved, chain=chain[:1])


def _chain_texts(chain):
    """(object, field) for the user text of a chain the record shows: steps, statements, scores."""
    out = []
    for pod in chain:
        for step in pod.map.next_steps:
            out += [(step, "text"), (step, "owner"), (step, "outcome_reason"), (step, "outcome_by")]
        out += [(statement, "text") for statement in pod.danger_statements]
        out += [(score, name) for scale in pod.scales for score in scale.scores for name in ("who", "reason")]
    return out


@st.composite
def hostile_chains(draw):
    """(hostile chain, the same chain with every text a plain 'x' or '')."""
    chain = chain_of_two()
    for obj, name in _chain_texts(chain):
        setattr(obj, name, draw(hostile_text))
    plain = copy.deepcopy(chain)
    for obj, name in _chain_texts(plain):
        setattr(obj, name, "x" if getattr(obj, name).strip() else "")
    return chain, plain


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_chains())
def test_text_from_the_chain_never_becomes_markup_and_shows_as_itself(case):
    chain, plain = case
    dangerous = render_markdown(chain[1], chain=chain)
    harmless = render_markdown(plain[1], chain=plain)
    for parser in (commonmark(), gfm()):
        assert block_structure(dangerous, parser) == block_structure(harmless, parser)
    assert inline_structure(dangerous) == inline_structure(harmless)
    texts = rendered_texts(dangerous)
    for step in chain[0].map.next_steps:  # last time's steps are in the new pod's record
        for value in (step.text, step.owner, step.outcome_reason, step.outcome_by):
            want = shown(value)
            if want.strip():
                assert any(want in t for t in texts), value
