"""Next steps due: which steps are open, in what order, recording what became of one, and `gq-pods steps`."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import insert

from gq_pods import cli
from gq_pods.model import NextStep, Pod, PodMap
from gq_pods.session import PodSession
from gq_pods.steps import MAX_INITIALS, MAX_REASON, DueStep, OutcomeRefused, check_outcome, order
from storage import tables as t
from tests.factories import full_pod

D = dt.date


def _due(n: int, due: dt.date | None, pod_date: dt.date = D(2026, 11, 1)) -> DueStep:
    return DueStep(n, "pod", pod_date, 0, f"step {n}", "Jo", due, "agreed", "", "")


def test_soonest_due_first_and_undated_last():
    steps = [_due(1, None), _due(2, D(2026, 12, 9)), _due(3, D(2026, 12, 1)), _due(4, None, D(2026, 1, 1))]
    assert [s.pod_id for s in order(steps)] == [3, 2, 4, 1]


def test_an_idea_is_shown_as_such():
    idea = DueStep(1, "pod", D(2026, 11, 1), 0, "x", "", None, "idea", "", "")
    assert idea.is_idea and not _due(1, None).is_idea
    assert _due(1, D(2026, 11, 30)).overdue(D(2026, 12, 1)) and not _due(1, None).overdue(D(2026, 12, 1))


@pytest.mark.parametrize(
    ("outcome", "reason", "by", "words"),
    [
        ("finished", "", "JR", "Say whether the step was done, not done, no longer needed"),
        ("done", "", "  ", "Add your initials"),
        ("done", "", "J" * (MAX_INITIALS + 1), "at most"),
        ("not_done", "x" * (MAX_REASON + 1), "JR", "Keep the reason"),
    ],
)
def test_an_outcome_is_checked(outcome, reason, by, words):
    with pytest.raises(OutcomeRefused, match=words):
        check_outcome(outcome, reason, by)


def test_an_outcome_is_kept_cleaned():
    assert check_outcome("not_done", "  Pat was\x1b[31m ill \n", " J\x07R ") == ("Pat was[31m ill", "JR")
    assert check_outcome("", "anything", "anyone") == ("", "")  # clearing clears all of it


# ---------------------------------------------------------------- in the database


def _pod(title: str, steps: list[NextStep], **kw) -> Pod:
    return Pod(date=kw.pop("date", D(2026, 11, 20)), title=title, manager_present=True, map=PodMap(next_steps=steps), **kw)


@pytest.fixture
def team(repo):
    """A team pod with every kind of step, a practice pod, and a practice attempt."""
    ids = {}
    ids["team"] = repo.add_pod(
        _pod(
            "Family C",
            [
                NextStep("undated idea", "Jo Reed", None, "idea"),
                NextStep("due soon", "Sam Patel", D(2026, 12, 2), "agreed"),
                NextStep("done already", "Jo Reed", D(2026, 11, 25), "agreed", outcome="done"),
                NextStep("not needed now", "Jo Reed", D(2026, 11, 25), "agreed", outcome="not_needed"),
                NextStep("tried, not done", "jo reed", D(2026, 11, 28), "agreed", outcome="not_done",
                         outcome_reason="Pat was ill"),
            ],
        )
    )
    ids["practice"] = repo.add_pod(_pod("Practice", [NextStep("practice step", "Jo Reed", D(2026, 11, 1), "idea")], practice=True))
    ids["attempt"] = repo.add_pod(_pod("Attempt", [NextStep("attempt step", "Jo Reed", D(2026, 11, 1), "idea")]))
    with repo._engine.begin() as conn:
        conn.execute(insert(t.practice_attempts).values(pod_id=ids["attempt"], scenario_id="s1",
                                                        started_at=dt.datetime.now(dt.timezone.utc)))
    return ids


def test_open_steps_are_the_team_steps_not_done_soonest_first(repo, team):
    steps = repo.open_steps()
    assert [s.text for s in steps] == ["tried, not done", "due soon", "undated idea"]
    assert {s.pod_id for s in steps} == {team["team"]}
    assert steps[0].outcome == "not_done" and steps[0].outcome_reason == "Pat was ill"
    assert steps[0].index == 4 and steps[0].pod_title == "Family C" and steps[2].is_idea


def test_open_steps_by_due_date_and_owner(repo, team):
    assert [s.text for s in repo.open_steps(due_before=D(2026, 12, 2))] == ["tried, not done"]
    assert [s.text for s in repo.open_steps(due_before=D(2026, 12, 3))] == ["tried, not done", "due soon"]
    assert [s.text for s in repo.open_steps(owner="JO REED")] == ["tried, not done", "undated idea"]
    assert [s.text for s in repo.open_steps(owner="patel")] == ["due soon"]


def test_recording_an_outcome_takes_the_step_off_the_list_and_keeps_who_and_when(repo, team):
    repo.set_step_outcome(team["team"], 1, "done", "", "SP", D(2026, 12, 1))
    step = repo.get_pod(team["team"]).map.next_steps[1]
    assert (step.outcome, step.outcome_by, step.outcome_on) == ("done", "SP", D(2026, 12, 1))
    assert "due soon" not in [s.text for s in repo.open_steps()]
    repo.set_step_outcome(team["team"], 1, "", "", "")  # cleared: back on the list
    assert "due soon" in [s.text for s in repo.open_steps()]
    assert repo.get_pod(team["team"]).map.next_steps[1].outcome_on is None


def test_a_bad_outcome_writes_nothing(repo, team):
    version = repo.pod_version(team["team"])
    with pytest.raises(OutcomeRefused):
        repo.set_step_outcome(team["team"], 1, "done", "", "")
    with pytest.raises(OutcomeRefused, match="no longer in its pod"):
        repo.set_step_outcome(team["team"], 9, "done", "", "JR")
    assert repo.pod_version(team["team"]) == version


def test_recording_an_outcome_never_loses_another_copys_edit(repo, team):
    pod_id = team["team"]
    held, held_version = repo.read_pod(pod_id)
    open_copy = PodSession(held, stored_version=held_version)  # as a screen holds it
    # another copy saves a change first; the outcome is recorded on top of it
    other, version = repo.read_pod(pod_id)
    other.title = "Renamed by another copy"
    repo.save_pod(other, version)
    repo.set_step_outcome(pod_id, 1, "not_done", "No one free", "JR", D(2026, 12, 1))
    stored = repo.get_pod(pod_id)
    assert stored.title == "Renamed by another copy"
    assert stored.map.next_steps[1].outcome == "not_done"
    # the copy that had the pod open all along edits and saves: it merges, nothing is lost
    open_copy.pod.focus_question = "typed in the open copy"
    open_copy.changed()
    pod, change, base_version = open_copy.to_save()
    from storage.errors import PodChanged

    with pytest.raises(PodChanged):
        repo.save_pod(pod, base_version)
    theirs, version = repo.read_pod(pod_id)
    assert open_copy.take_in(theirs, version) == []
    pod, change, base_version = open_copy.to_save()
    repo.save_pod(pod, base_version)
    final = repo.get_pod(pod_id)
    assert final.focus_question == "typed in the open copy"
    assert final.title == "Renamed by another copy"
    assert final.map.next_steps[1].outcome == "not_done"


def test_a_step_moved_underneath_is_found_by_its_words(repo, team):
    pod, version = repo.read_pod(team["team"])
    pod.map.next_steps.insert(0, NextStep("added first by another copy", "", None, "idea"))
    repo.save_pod(pod, version)
    repo.set_step_outcome(team["team"], 1, "done", "", "SP", text="due soon")
    steps = repo.get_pod(team["team"]).map.next_steps
    assert [s.outcome for s in steps[:3]] == ["", "", "done"] and steps[2].text == "due soon"


# ---------------------------------------------------------------- gq-pods steps


def test_gq_pods_steps_lists_them_soonest_first(team, capsys):
    assert cli.main(["steps"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["Due", "Pod", "Owner", "Step"]
    assert out[1].startswith("2026-11-28") and out[1].endswith("tried, not done (overdue, not done)")
    assert "due soon" in out[2]
    assert out[3].startswith("no date") and out[3].endswith("undated idea (idea)")
    assert out[4] == "3 steps not yet done. `gq-pods export POD` shows a step's pod."


def test_gq_pods_steps_filters_and_prints_json(team, capsys):
    assert cli.main(["steps", "--due-before", "2/12/2026", "--owner", "jo", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["text"], r["due"], r["is_idea"], r["outcome"]) for r in rows] == [
        ("tried, not done", "2026-11-28", False, "not_done")
    ]
    assert rows[0]["pod_id"] == team["team"] and rows[0]["index"] == 4


def test_gq_pods_steps_says_plainly_when_a_date_cannot_be_read(team, capsys):
    assert cli.main(["steps", "--due-before", "31/2/2026"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("gq-pods: --due-before: '31/2/2026' is not a real date.")
    assert "Traceback" not in err


def test_gq_pods_steps_with_nothing_waiting(repo, capsys):
    assert cli.main(["steps"]) == 0
    assert capsys.readouterr().out == "No next steps waiting.\n"


def test_user_text_in_the_steps_list_cannot_act_on_the_terminal(repo, capsys):
    repo.add_pod(_pod("x", [NextStep("evil \x1b[2J step\u202e", "Jo\x1b]0;x\x07", None, "idea")]))
    assert cli.main(["steps"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out


def test_a_step_marked_agreed_at_a_pod_without_the_manager_is_listed_as_an_idea(repo):
    """Only the manager agrees next steps; an older record or file saying 'agreed' without one
    must not show the room a decision nobody made (the record says 'idea' too)."""
    without = _pod("No manager", [NextStep(text="Call the school", owner="AB", status="agreed")])
    without.manager_present = False
    with_manager = _pod("Manager there", [NextStep(text="Visit Nana", owner="AB", status="agreed")])
    repo.add_pod(without)
    repo.add_pod(with_manager)
    shown = {step.text: step.is_idea for step in repo.open_steps()}
    assert shown == {"Call the school": True, "Visit Nana": False}
