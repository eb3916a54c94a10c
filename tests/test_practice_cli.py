"""`gq-pods practice` and an attempt's exported record, run in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from gq_pods import cli
from gq_pods.model import DangerStatement, MapItem, SafetyGoal
from gq_pods.practice import compare, start_pod
from gq_pods.record import render_markdown, render_text
from gq_pods.scenarios import load_library
from tests.factories import full_pod
from tests.test_record import assert_readable, block_structure, inline_structure, rendered_texts
from tests.test_record_hostile import hostile_text

SHIPPED = {s.id: s for s in load_library(Path("/nonexistent-team-folder")).scenarios}
HARVEY = SHIPPED["harvey-the-belt"]


def run(capsys, *argv: str) -> str:
    assert cli.main(list(argv)) == 0
    return capsys.readouterr().out


def attempt(repo, scenario=HARVEY, *, placed: int = 0, statement: str = "", rating: int | None = None, compared: bool = True) -> int:
    pod = start_pod(scenario)
    pod_id = repo.start_attempt(scenario, pod)
    for fact in scenario.model_map[:placed]:
        pod.map.section(fact.section).append(MapItem(fact.fact))
    if statement:
        pod.danger_statements.append(DangerStatement(id="ds1", text=statement))
        pod.safety_goals.append(SafetyGoal(id="sg1", danger_statement="ds1", text=scenario.model_statements[0].safety_goal))
    repo.save_pod(pod)
    if compared:
        repo.record_comparison(pod_id, compare(pod, scenario), rating, "Place the July comment.")
    return pod_id


def test_with_no_attempts_it_says_how_to_start_one(capsys, repo):
    assert "No practice attempts yet" in run(capsys, "practice")
    assert run(capsys, "practice", "--json").strip() == "[]"


def test_the_list_shows_each_attempt_and_the_progress(capsys, repo):
    total = len(HARVEY.model_map)
    first = attempt(repo, placed=3, statement="Concerns re DV and neglect; risk of significant harm.", rating=3)
    second = attempt(repo, placed=9, statement=HARVEY.model_statements[0].danger_statement, rating=7)
    third = attempt(repo, compared=False)
    lines = run(capsys, "practice").splitlines()
    rows = {int(line.split()[0]): line for line in lines if line.strip()[:1].isdigit() and line.startswith(" ")}
    assert f"3 of {total}" in rows[first] and "3 of 10" in rows[first]
    assert f"9 of {total}" in rows[second] and "7 of 10" in rows[second]
    assert "Not compared with the model yet" in rows[third]
    assert [lines[n].strip() for n in (2, 4, 6)] == [f"{HARVEY.title} ({HARVEY.id})"] * 3
    text = "\n".join(lines)
    assert f"Facts placed as the model did: 3 of {total}, 9 of {total} (rising)" in text
    assert "Problems per statement:" in text and "(falling)" in text


def test_the_json_list_has_every_figure(capsys, repo):
    pod_id = attempt(repo, placed=2, statement=HARVEY.model_statements[0].danger_statement, rating=8)
    open_id = attempt(repo, compared=False)
    rows = json.loads(run(capsys, "practice", "--json"))
    assert [row["pod_id"] for row in rows] == [pod_id, open_id]
    done, fresh = rows
    assert done["scenario_id"] == HARVEY.id and done["scenario_title"] == HARVEY.title
    assert (done["facts_matched"], done["facts_total"]) == (2, len(HARVEY.model_map))
    assert (done["statements"], done["statement_problems"], done["problems_per_statement"]) == (1, 0, 0.0)
    assert (done["self_rating"], done["do_differently"]) == (8, "Place the July comment.")
    assert done["compared_at"] is not None and done["started_at"]
    assert fresh["compared_at"] is None and fresh["facts_matched"] is None and fresh["self_rating"] is None


def test_help_describes_the_practice_command(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert "practice [--json]" in out and "practice attempts" in out


@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_an_attempt_s_record_says_plainly_it_is_fictional_practice(capsys, repo, fmt):
    pod_id = attempt(repo, placed=2)
    out = run(capsys, "export", str(pod_id), "--format", fmt)
    assert f"This is a practice attempt at the scenario \u201c{HARVEY.title}\u201d." in " ".join(out.split())
    assert "The case is fictional: this is not a case record" in out
    assert "summary for the child's file" not in out.casefold()
    assert HARVEY.model_map[0].fact in out  # the learner's map is in it
    assert "No manager was at the pod" not in out  # one person practising: there is no manager to miss


def test_an_attempt_s_next_steps_are_marked_as_practice_not_ideas_for_supervision(capsys, repo):
    from gq_pods.model import NextStep

    pod_id = attempt(repo)
    pod = repo.get_pod(pod_id)
    pod.map.next_steps.append(NextStep(text="Ask the health visitor about the May test", owner="You"))
    repo.save_pod(pod)
    out = " ".join(run(capsys, "export", str(pod_id)).split())
    assert "Practice: these next steps are for learning, not for any child's plan." in out
    assert "ideas for the presenter to take to supervision" not in out


def test_a_team_pod_s_record_is_not_marked_as_practice(capsys, repo):
    pod_id = repo.add_pod(full_pod(practice=True))
    out = run(capsys, "export", str(pod_id))
    assert "practice attempt" not in out and "fictional" not in out
    assert "Summary for the child's file" in out


def test_a_scenario_title_is_text_in_the_record_not_markdown(capsys, repo):
    odd = start_pod(HARVEY)
    scenario = type(HARVEY)(**{**HARVEY.__dict__, "title": "Mum [/] left *now* <b>[@click=app.quit]"})
    pod_id = repo.start_attempt(scenario, odd)
    out = run(capsys, "export", str(pod_id))
    notice = next(line for line in out.splitlines() if line.startswith("This is a practice attempt"))
    assert "<b>" not in notice and "*now*" not in notice and "\\*now\\*" in notice


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_text)
def test_any_scenario_title_is_one_plain_notice_in_the_record(title):
    pod = start_pod(HARVEY)
    marked = render_markdown(pod, practice_scenario=title)
    plain = render_markdown(pod, practice_scenario="x")
    assert block_structure(marked) == block_structure(plain)
    assert inline_structure(marked) == inline_structure(plain)
    assert_readable(rendered_texts(marked), title)
    assert "fictional" in render_text(pod, practice_scenario=title)
