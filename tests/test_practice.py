"""The Practice screen: `p` on the pods list shows the practice cases, driven with Pilot."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import DataTable, Static

from gq_pods import scenarios
from screens.app import GqPodsApp
from screens.home import HomeScreen
from screens.practice import PracticeScreen
from tests.pilot import ready, wait_until

SHIPPED = scenarios.load_library(Path("/nonexistent-team-folder")).scenarios


def _rows(app) -> list[list[str]]:
    table = app.screen.query_one("#scenarios", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def _case_text(app) -> str:
    return str(app.screen.query_one("#case-text", Static).render())


async def _open_practice(pilot) -> PracticeScreen:
    await ready(pilot)
    await pilot.press("p")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, PracticeScreen), what="the Practice screen")
    await wait_until(pilot, lambda: pilot.app.screen.query_one("#scenarios", DataTable).row_count > 0, what="the cases")
    return pilot.app.screen


async def test_p_opens_the_cases_with_age_style_and_worries_and_escape_goes_back(db_url):
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_practice(pilot)
        rows = _rows(app)
        assert len(rows) == len(SHIPPED)
        noor = next(row for row in rows if row[0].startswith("Noor"))
        assert noor[1:] == ["under 1", "Content mapping", "not yet", "a baby with a parent who is struggling; a parent's mental health"]
        tia = next(row for row in rows if row[0].startswith("Tia"))
        assert tia[1:3] == ["17", "Group supervision"]
        assert not app.screen.query_one("#practice-problems", Static).display

        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), what="the pods list")


async def test_the_chosen_case_is_shown_without_its_model_answer(db_url):
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_practice(pilot)
        first, second = SHIPPED[0], SHIPPED[1]
        await wait_until(pilot, lambda: first.title in _case_text(app), what="the first case")
        text = _case_text(app)
        assert first.focus_question in text
        assert first.case_summary.splitlines()[0] in text
        assert not any(statement[:60] in text for statement in first.model_danger_statements)
        assert "MODEL ANSWER" not in text

        await pilot.press("down")
        await wait_until(pilot, lambda: second.title in _case_text(app), what="the next case")
        await pilot.press("enter")
        assert app.screen.query_one("#case").has_focus
        await pilot.press("enter")
        assert app.screen.query_one("#scenarios", DataTable).has_focus


async def test_a_bad_team_file_is_named_and_the_good_one_is_listed(db_url, gq_home):
    folder = gq_home / "config" / "scenarios"
    folder.mkdir(parents=True)
    template = json.loads((Path(scenarios.__file__).parent / "data" / "scenarios" / "ruby-kitchen-door.json").read_text())
    good = {**template, "id": "our-case", "title": "Our [b]own[/b] case"}
    (folder / "ours.json").write_text(json.dumps(good), encoding="utf-8")
    (folder / "broken.json").write_text(json.dumps({**template, "id": "broken", "colour": "blue"}), encoding="utf-8")

    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_practice(pilot)
        assert len(_rows(app)) == len(SHIPPED) + 1
        assert "Our [b]own[/b] case" in [row[0] for row in _rows(app)]  # user text, never markup
        problems = app.screen.query_one("#practice-problems", Static)
        assert problems.display
        shown = str(problems.render())
        assert "One of your team's scenario files could not be used" in shown
        assert "broken.json was left out: colour: unknown key" in shown


# ---------------------------------------------------------------- one person: the solo wording (pure)

import re as _re

import pytest as _pytest

from gq_pods import stages as _stages
from gq_pods.model import COLUMNS
from gq_pods.model import Pod as _Pod
from gq_pods.session import EditRefused as _EditRefused
from gq_pods.session import PodSession as _PodSession

GROUP_WORDS = _re.compile(r"\b(we|us|our|each of us|each member|the group|group|presenter|facilitator)\b", _re.I)


@_pytest.mark.parametrize("style", sorted(_stages.DEFAULTS))
def test_every_default_stage_speaks_to_one_person_in_an_attempt(style):
    group = _stages.stages_for(style)
    alone = _stages.for_one(group)
    assert [s.key for s in alone.stages] == [s.key for s in group.stages]  # the same stages, in order
    for stage in alone.stages:
        # a stage named after the map's own column ("What are we worried about?") keeps its name
        title = "" if stage.title in {name for name, _ in COLUMNS} else stage.title
        words = [title, stage.lead, *stage.prompts]
        assert not any(GROUP_WORDS.search(w) for w in words), (stage.key, words)
        assert stage.lead == "You"
    # and the group's plan is untouched: a team pod still speaks to the group
    assert any(GROUP_WORDS.search(p) for s in group.stages for p in s.prompts)


def test_no_solo_wording_speaks_to_a_group():
    for group, alone in _stages.SOLO_PROMPTS.items():
        assert alone is None or not GROUP_WORDS.search(alone), (group, alone)


def test_solo_wordings_keep_the_substance_and_leave_a_teams_own_prompts_alone():
    alone = _stages.for_one(_stages.stages_for("content_mapping"))
    assert alone.get("scaling").prompts[0] == "Where are you on the scale, 0 to 10, and why?"
    assert alone.get("worries").prompts[1] == "How do you know? Who saw it, who said it?"
    team = _stages.stages_for(
        "group_supervision", {"group_supervision": [{"key": "worries", "prompts": ["What do we know?"]}]}
    )
    assert _stages.for_one(team).stages[0].prompts == ("What do we know?",)  # as the team wrote it


def test_the_scale_question_asks_one_person():
    group = 'On a scale of 0 to 10, where 10 means goal 1 has been happening for long enough, and 0 means danger statement 1 is happening now, where are we today?'
    assert _stages.solo_question(group).endswith("where do you put it today?")
    assert "where are we" not in _stages.solo_question(group)
    own = "A team's own question, as typed"
    assert _stages.solo_question(own) == own


def test_placing_a_sentence_makes_an_item_and_undo_takes_it_off():
    session = _PodSession(_Pod(practice=True))
    item, index = session.place_text("harm", "  Ava had a bruise on her arm on 3 May.  ", label="Place in Harm")
    assert session.pod.map.harm == [item] and index == 0
    assert item.text == "Ava had a bruise on her arm on 3 May."
    assert session.version == 1
    step = session.undo()
    assert step.label == "Place in Harm" and step.about == ("section", "harm")
    assert session.pod.map.harm == []
    with _pytest.raises(_EditRefused):
        session.place_text("danger_statements", "A sentence")
    with _pytest.raises(_EditRefused):
        session.place_text("harm", "   ")


# ---------------------------------------------------------------- what the practice screens say (pure)

import datetime as _dt

from hypothesis import given as _given
from hypothesis import strategies as _st

from gq_pods.model import DangerStatement as _DangerStatement
from gq_pods.model import MapItem as _MapItem
from gq_pods.model import SafetyGoal as _SafetyGoal
from gq_pods.practice import Attempt as _Attempt
from gq_pods.practice import FactResult as _FactResult
from gq_pods.visible import visible as _visible
from screens import practice_view as _view
from tests import strategies as _strategies
from screens.case import places_of as _places_of
from screens.case import sentence_content as _sentence_content


def test_tried_words_say_how_often_in_words():
    assert [_view.tried_words(n) for n in (0, 1, 2, 12)] == ["not yet", "once", "2 times", "12 times"]


def test_still_to_fix_names_each_statement_and_goal_problem_and_a_missing_goal():
    pod = _Pod(practice=True)
    assert _view.still_to_fix(pod) == ["There is no danger statement yet: the model answer has some to compare with."]
    pod.danger_statements = [
        _DangerStatement(id="ds1", text="Concerns re DV; risk of significant harm."),
        _DangerStatement(
            id="ds2",
            text="The school and Jo, the social worker, are worried that Dad shouts at Mum and pushes her, "
            "like on 3 May when Amy hid under the table, and Amy could be hurt and grow up frightened.",
        ),
    ]
    pod.safety_goals = [_SafetyGoal(id="sg2", danger_statement="ds2", text="Dad will attend a course.")]
    found = _view.still_to_fix(pod)
    assert any(line.startswith("Danger statement 1: ") for line in found)
    assert "Danger statement 1 has no safety goal." in found
    assert not any(line.startswith("Danger statement 2: ") for line in found)  # a sound statement
    assert any(line.startswith("Safety goal 2: ") for line in found)  # "attend a course" is compliance
    # a team's own words for them
    labels = {"danger_statements": "Worry statements", "safety_goals": "Wellbeing goals"}
    renamed = _view.still_to_fix(pod, label=lambda s: labels.get(s, s))
    assert "Worry statement 1 has no wellbeing goal." in renamed


def test_where_a_fact_went_in_words():
    fact = _FactResult("a bruise", "harm", "why", None, None)
    assert _view.where_words(fact) == "Not placed on your map." and _view.fact_mark(fact) == "✗"
    fact = _FactResult("a bruise", "harm", "why", "harm", "a bruise on her arm")
    assert _view.where_words(fact) == "You placed it in Harm, as the model does." and _view.fact_mark(fact) == "✓"
    fact = _FactResult("a bruise", "harm", "why", "grey_areas", "a bruise")
    assert _view.where_words(fact) == "You placed it in Grey areas; the model puts it in Harm."
    assert _view.fact_mark(fact) == "~"


def test_progress_rows_and_chart_columns_follow_the_attempts_in_order():
    day = _dt.datetime(2026, 11, 3, 10, 0, tzinfo=_dt.timezone.utc)
    first = _Attempt(1, "s", "S", day, day, 10, 4, 2, 5, 5, 2, 6, "")
    second = _Attempt(2, "s", "S", day, day + _dt.timedelta(days=7), 10, 8, 2, 1, 5, 4, None, "")
    rows = _view.progress_rows([first, second])
    assert rows == [
        ("#1", "03 Nov 2026", "4 of 10", "2.5", "2 of 5", "6 of 10"),
        ("#2", "10 Nov 2026", "8 of 10", "0.5", "4 of 5", ""),
    ]
    facts, problems = _view.progress_columns([first, second])
    assert [c.values for c in facts] == [(40.0,), (80.0,)]
    assert [c.values for c in problems] == [(2.5,), (0.5,)]
    none_written = _Attempt(3, "s", "S", day, day, 10, 3, 0, 0, 5, 0, None, "")
    assert _view.progress_columns([none_written])[1][0].values == ()  # no statements: a gap, not zero


@_given(_strategies.texts().filter(lambda t: t.strip()))
def test_a_sentence_of_a_teams_case_is_shown_as_written_never_as_markup(sentence):
    label = {"harm": "Harm [b]"}.get
    assert str(_sentence_content(sentence, [], label)) == "  " + _visible(sentence)
    pod = _Pod(practice=True)
    pod.map.harm.append(_MapItem(text=f"Seen: {sentence}"))
    places = _places_of(pod, sentence)
    assert places == ["harm"]
    assert str(_sentence_content(sentence, places, label)) == "✓ Harm [b]: " + _visible(sentence)
