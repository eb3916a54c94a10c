"""Scaling as plain Python: the 0 to 10 line, the spread, who scores in what order, hidden scores."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len, get_character_cell_size

from gq_pods import scaling
from gq_pods.model import DEFAULT_SCALE_QUESTION, Participant, Pod, Scale, ScaleScore
from gq_pods.scaling import labels_for, parse_score, scale_line, spread
from tests.factories import full_pod

# ---------------------------------------------------------------- the line


def test_the_line_puts_initials_under_scores():
    lines = scale_line([("JR", 4), ("VL", 3)], 51)
    assert lines[0].startswith("0    1    2")
    assert lines[0].endswith("10")
    assert lines[1][15] == "●" and lines[1][20] == "●"
    assert lines[2] == " " * 15 + "VL   JR"


def test_people_on_the_same_score_share_a_place():
    lines = scale_line([("JR", 7), ("VL", 7), ("SP", 2)], 51)
    assert "JR,VL" in lines[2]
    assert lines[1].count("●") == 2


def test_neighbours_that_would_touch_move_down_a_row():
    lines = scale_line([("ABCDE", 4), ("FGHIJ", 5)], 31)
    assert len(lines) == 4
    assert "ABCDE" in lines[2] and "FGHIJ" in lines[3]


def test_wide_letters_take_two_cells():
    lines = scale_line([("李华", 10), ("JR", 0)], 20)
    assert all(cell_len(line) <= 20 for line in lines)
    assert "李华" in lines[2]


def test_the_screen_can_bring_its_own_measure_of_a_character():
    wide = scale_line([("䷀䷀", 10)], 8, lambda ch: 2 if ch == "䷀" else 1)
    assert wide[2] == "    ䷀䷀"
    assert scale_line([("00䷀", 0)], 3, get_character_cell_size)[2] == "00"


def test_silly_widths_never_raise():
    assert scale_line([("JR", 4)], 0) == []
    assert scale_line([("JR", 4)], -3) == []
    assert scale_line([("JR", 4)], 1)[1] == "●"


initial = st.text(
    alphabet=st.characters(categories=["Lu", "Ll", "Nd"], max_codepoint=0x24F), min_size=1, max_size=3
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(initial, st.integers(0, 10)), max_size=12), st.integers(5, 160))
def test_every_persons_initials_appear_within_the_width(scores, width):
    lines = scale_line(scores, width)
    assert all(cell_len(line) <= width for line in lines)
    shown = "\n".join(lines[2:])
    for who, _ in scores:
        assert who in shown
    assert lines[1].count("●") == len({scaling.position(s, width) for _, s in scores})


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=20), st.integers(-50, 50)), max_size=8), st.integers(-5, 300))
def test_any_text_and_any_width_never_raises(scores, width):
    # measured as the screen measures it (rich's cell widths), so what fits here fits there
    lines = scale_line(scores, width, get_character_cell_size)
    assert all(cell_len(line) <= max(width, 0) for line in lines)
    assert all("\n" not in line for line in lines)


# ---------------------------------------------------------------- the spread


def test_spread_lowest_highest_range_median():
    found = spread([3, 7, 4, 8])
    assert (found.lowest, found.highest, found.range, found.median) == (3, 8, 5, 5.5)
    assert found.describe() == "Lowest 3, highest 8, range 5, median 5.5 (4 people)"
    assert spread([ScaleScore("JR", 4)]).describe() == "Lowest 4, highest 4, range 0, median 4 (1 person)"
    assert spread([]) is None


# ---------------------------------------------------------------- scores typed


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("0", 0), (" 10 ", 10), ("7", 7)],
)
def test_whole_numbers_from_0_to_10_are_scores(typed, expected):
    assert parse_score(typed) == (expected, None)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("11", "11 is higher than 10. Scores go from 0 to 10."),
        ("-1", "-1 is lower than 0. Scores go from 0 to 10."),
        ("7.5", "Scores are whole numbers: 7.5 is not. Type a whole number from 0 to 10."),
        ("seven", "'seven' is not a number. Type a whole number from 0 to 10."),
        ("", "Type a score from 0 to 10."),
    ],
)
def test_anything_else_is_explained(typed, message):
    assert parse_score(typed) == (None, message)


# ---------------------------------------------------------------- who scores


def test_presenter_first_then_everyone_in_listed_order_then_anyone_added():
    pod = full_pod()
    scale = pod.scale_for("overall")
    scale.scores.append(ScaleScore("KB", 6))
    rows = scaling.scorers(pod, scale)
    assert [(r.name, r.role) for r in rows] == [
        ("Jo Reed", "presenter"),
        ("Sam Patel", "facilitator"),
        ("Ali Khan", "advisor"),
        ("Mo Gill", "manager"),
        ("Viv Lamb", "member"),
        ("KB", None),
    ]
    # "JR" and "VL" in the factory's scores are Jo Reed's and Viv Lamb's
    assert rows[0].score.score == 4 and rows[4].score.score == 3 and rows[5].score.score == 6
    assert scaling.next_to_score(pod, scale).name == "Sam Patel"


def test_shared_initials_do_not_guess_and_no_score_is_lost():
    pod = Pod(participants=[Participant("Jo Reed", "presenter"), Participant("Jack Rose", "member")])
    scale = Scale(scores=[ScaleScore("JR", 5), ScaleScore("Jack Rose", 2)])
    rows = scaling.scorers(pod, scale)
    assert [(r.name, r.score.score if r.score else None) for r in rows] == [
        ("Jo Reed", None),
        ("Jack Rose", 2),
        ("JR", 5),
    ]


def test_labels_are_initials_made_longer_only_where_they_clash():
    assert labels_for(["Jo Reed", "Jack Rose", "SP", "Viv Lamb"]) == ["JoR", "JaR", "SP", "VL"]
    assert labels_for(["SP", "SP"]) == ["SP", "SP2"]
    assert scaling.initials("Mrs Begum") == "MB" and scaling.initials("") == "?"


# ---------------------------------------------------------------- how scores are collected


def test_mode_and_reveal_state_live_in_pod_extra():
    pod = Pod()
    assert scaling.mode(pod) == "presenter_first"
    assert scaling.is_revealed(pod, "overall")
    scaling.set_mode(pod, "hidden")
    assert pod.extra["gq_pods_scaling"]["mode"] == "hidden"
    assert not scaling.is_revealed(pod, "overall")
    scaling.set_revealed(pod, "overall")
    assert pod.extra["gq_pods_scaling"] == {"mode": "hidden", "revealed": {"overall": True}}


def test_switching_to_presenter_first_marks_shown_scales_revealed():
    pod = full_pod()
    scaling.set_mode(pod, "hidden")
    # scores already given in the open are not hidden again
    assert scaling.is_revealed(pod, "overall") and scaling.is_revealed(pod, "ds1")
    scaling.set_revealed(pod, "overall", False)
    assert [s.about for s in scaling.unrevealed_scales(pod)] == ["overall"]
    scaling.set_mode(pod, "presenter_first")
    assert scaling.unrevealed_scales(pod) == []
    scaling.set_mode(pod, "hidden")
    assert scaling.is_revealed(pod, "overall")


def test_broken_state_in_extra_is_ignored_not_fatal():
    pod = Pod(extra={"gq_pods_scaling": ["not", "a", "dict"]})
    assert scaling.mode(pod) == "presenter_first"
    scaling.set_mode(pod, "hidden")
    assert scaling.mode(pod) == "hidden"
    with pytest.raises(ValueError):
        scaling.set_mode(pod, "loud")


def test_a_new_scale_gets_the_usual_question():
    pod = Pod()
    scale = scaling.ensure_scale(pod, "overall")
    assert scale.question == DEFAULT_SCALE_QUESTION
    assert scaling.ensure_scale(pod, "overall") is scale
    assert scaling.question_of(Scale(question="  ")) == DEFAULT_SCALE_QUESTION


# ---------------------------------------------------------------- presenter first


def test_presenter_first_means_nobody_scores_before_the_presenter():
    pod = Pod(participants=[Participant("Sam Patel", "facilitator"), Participant("Jo Reed", "presenter")])
    scale = Scale(scores=[])
    waiting = scaling.presenter_waiting(pod, scale, "Sam Patel")
    assert waiting is not None and waiting.name == "Jo Reed"
    assert scaling.presenter_waiting(pod, scale, None).name == "Jo Reed"  # someone added by initials waits too
    assert scaling.presenter_waiting(pod, scale, "Jo Reed") is None
    assert "Jo Reed, the presenter, scores before anyone else" in scaling.presenter_first_message("Jo Reed")
    scale.scores.append(ScaleScore("JR", 4))  # the presenter's initials count as theirs
    assert scaling.presenter_waiting(pod, scale, "Sam Patel") is None


def test_hidden_scores_and_pods_without_a_presenter_have_no_order():
    pod = Pod(participants=[Participant("Sam Patel", "facilitator"), Participant("Jo Reed", "presenter")])
    scaling.set_mode(pod, scaling.HIDDEN)
    assert scaling.presenter_waiting(pod, Scale(), "Sam Patel") is None
    no_presenter = Pod(participants=[Participant("Sam Patel", "facilitator")])
    assert scaling.presenter_waiting(no_presenter, Scale(), "Sam Patel") is None


def test_a_member_may_change_a_score_given_before_the_presenters_was_removed():
    pod = Pod(participants=[Participant("Jo Reed", "presenter"), Participant("Viv Lamb", "member")])
    scale = Scale(scores=[ScaleScore("Viv Lamb", 3)])
    assert scaling.presenter_waiting(pod, scale, "Viv Lamb") is None


# ---------------------------------------------------------------- each pair's own question


def _pair_pod(**goal) -> Pod:
    from gq_pods.model import DangerStatement, SafetyGoal

    return Pod(
        danger_statements=[
            DangerStatement(id="ds1", behaviour="Dad drinks and leaves Amy alone at night."),
            DangerStatement(id="ds2"),
        ],
        safety_goals=[SafetyGoal(id="sg1", danger_statement="ds1", **goal)],
        scales=[Scale("overall", DEFAULT_SCALE_QUESTION), Scale("ds1", DEFAULT_SCALE_QUESTION)],
    )


def test_a_statements_scale_asks_about_that_statement_and_its_goal():
    pod = _pair_pod(caregiver_actions="Dad will ask Gran to stay over when he drinks")
    question = scaling.question_for(pod, "ds1")
    assert question != DEFAULT_SCALE_QUESTION
    assert 'safety goal 1 ("Dad will ask Gran to stay over when he drinks") has been happening for long enough' in question
    assert 'danger statement 1 ("Dad drinks and leaves Amy alone at night") is happening now' in question
    assert question.startswith("On a scale of 0 to 10") and question.endswith("where are we today?")
    # the overall scale keeps the case-closing question
    assert scaling.question_for(pod, "overall") == DEFAULT_SCALE_QUESTION


def test_a_pair_without_words_is_named_by_its_number_in_the_teams_words():
    pod = _pair_pod()
    question = scaling.question_for(pod, "ds2", "worry statement", "wellbeing goal")
    assert "10 means wellbeing goal 2 has been happening" in question
    assert "0 means worry statement 2 is happening now" in question


def test_a_reworded_question_is_kept_and_long_words_are_cut():
    pod = _pair_pod(text=" ".join(["word"] * 40))
    assert 'safety goal 1 ("' + " ".join(["word"] * 12) + '…")' in scaling.question_for(pod, "ds1")
    pod.scale_for("ds1").question = "How safe is Amy at night?"
    assert scaling.question_for(pod, "ds1") == "How safe is Amy at night?"


@given(st.text(min_size=1, max_size=12).filter(lambda t: scaling.parse_score(t)[1] is not None))
def test_a_hidden_score_typed_wrong_is_never_repeated_on_the_shared_screen(typed):
    """In hidden-then-reveal scaling, '11 is higher than 10' would tell the room the score."""
    value, problem = scaling.parse_score(typed, hidden=True)
    assert value is None
    # one message for every wrong score, so it says nothing about what was typed
    assert problem in ("That is not a score. Type a whole number from 0 to 10.", "Type a score from 0 to 10.")


def test_a_hidden_score_of_eleven_is_refused_without_saying_eleven():
    assert scaling.parse_score("11", hidden=True) == (None, "That is not a score. Type a whole number from 0 to 10.")
    assert scaling.parse_score("11") == (None, "11 is higher than 10. Scores go from 0 to 10.")
    assert scaling.parse_score("7", hidden=True) == (7, None)
