"""The team report: the right counts, practice left out, and no case text in it ever."""

from __future__ import annotations

import copy
import datetime as dt
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert

from gq_pods import cli
from gq_pods.model import NextStep, StageRecord
from gq_pods.report import to_json, to_markdown
from storage import tables as t
from tests.factories import full_pod
from tests.test_record import text_fields
from tests.test_record_hostile import hostile_text

D = dt.date
TODAY = D(2026, 12, 10)


def _add_team(repo):
    """Three team pods in two months, one practice pod and one practice attempt."""
    a = full_pod(date=D(2026, 11, 3), status="complete")  # every statement paired and scaled
    a.stages = [StageRecord("set_up", "Set-up", "", 120), StageRecord("story", "Story", "", 600)]
    a.map.next_steps = [
        NextStep("on time", "Jo", D(2026, 11, 20), "agreed", outcome="done", outcome_on=D(2026, 11, 19)),
        NextStep("late", "Jo", D(2026, 11, 20), "agreed", outcome="done", outcome_on=D(2026, 11, 21)),
        NextStep("not done", "Jo", D(2026, 11, 20), "agreed", outcome="not_done"),
        NextStep("not needed", "Jo", D(2026, 11, 20), "agreed", outcome="not_needed"),
        NextStep("open, overdue", "Jo", D(2026, 11, 20), "agreed"),
        NextStep("undated", "Jo", None, "agreed"),
    ]
    b = full_pod(date=D(2026, 11, 17), status="complete", style="content_mapping", case_reason="new")
    b.safety_goals = []  # a statement without a goal
    b.stages = [StageRecord("set_up", "Set-up", "", 240)]
    b.map.next_steps = []
    c = full_pod(date=D(2026, 12, 1), case_reason="challenging")  # in progress
    c.stages = []
    c.map.next_steps = [NextStep("due later", "Jo", D(2026, 12, 20), "agreed")]
    for pod in (a, b, c):
        repo.add_pod(pod)
    practice = full_pod(date=D(2026, 11, 5), practice=True)
    repo.add_pod(practice)
    attempt = full_pod(date=D(2026, 11, 5))
    repo.add_pod(attempt)
    with repo._engine.begin() as conn:
        conn.execute(insert(t.practice_attempts).values(pod_id=attempt.id, scenario_id="s1",
                                                        started_at=dt.datetime.now(dt.timezone.utc)))


def test_the_report_counts_the_team_pods_only(repo):
    _add_team(repo)
    report = repo.team_report(today=TODAY)
    assert (report.pods, report.complete) == (3, 2)
    assert [(m.month, m.pods, dict(m.by_style), dict(m.by_reason)) for m in report.months] == [
        ("2026-11", 2, {"group_supervision": 1, "content_mapping": 1}, {"new": 1, "stuck": 1, "challenging": 0}),
        ("2026-12", 1, {"group_supervision": 1, "content_mapping": 0}, {"new": 0, "stuck": 0, "challenging": 1}),
    ]
    assert (report.finished_with_statements, report.finished_all_paired) == (2, 1)
    assert (report.steps_dated, report.steps_done_on_time, report.steps_done_late, report.steps_not_done,
            report.steps_not_asked, report.steps_overdue) == (5, 1, 1, 1, 2, 2)


def test_average_minutes_per_stage_is_against_the_plan(repo):
    _add_team(repo)
    stages = {(s.style, s.key): s for s in repo.team_report(today=TODAY).stages}
    gsp = stages[("group_supervision", "set_up")]
    assert (gsp.title, gsp.planned_minutes, gsp.average_minutes, gsp.pods) == ("Set-up", 2, 2, 1)
    assert stages[("content_mapping", "set_up")].average_minutes == 4
    story = stages[("group_supervision", "story")]
    assert story.average_minutes == 10 and story.planned_minutes is not None


def test_the_report_since_a_day_leaves_out_earlier_pods(repo):
    _add_team(repo)
    report = repo.team_report(D(2026, 11, 10), today=TODAY)
    assert report.pods == 2 and report.steps_dated == 1 and [m.month for m in report.months] == ["2026-11", "2026-12"]


def test_the_markdown_and_json_say_the_counts(repo):
    _add_team(repo)
    report = repo.team_report(today=TODAY)
    markdown = to_markdown(report)
    assert "Pods held: 3 (2 finished)." in markdown
    assert "| 2026-11 | 2 | 1 | 1 | 1 | 1 | 0 |" in markdown
    assert "Every statement paired with a safety goal and scaled: 1 (50%)." in markdown
    assert "Done on time: 1 (20%). Done late: 1. Not done: 1. Not asked about yet: 2." in markdown
    data = json.loads(to_json(report))
    assert data["pods"] == 3 and data["months"][0]["by_reason"]["stuck"] == 1 and data["since"] is None


@st.composite
def case_texts(draw):
    """A pod whose every free text (title, reference, names, map, steps) is random and hostile."""
    pod = full_pod(date=D(2026, 11, 3), status="complete")
    for owner, name, _ in text_fields(pod):
        setattr(owner, name, draw(st.one_of(hostile_text, st.text(min_size=4, max_size=30))))
    return pod


def _written(repo, pod) -> str:
    """The report (markdown and JSON) of a database holding only ``pod``."""
    stored = copy.deepcopy(pod)
    repo.add_pod(stored)
    try:
        report = repo.team_report(today=TODAY)
        return to_markdown(report) + to_json(report)
    finally:
        repo.delete_pod(stored.id)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(pod=case_texts())
def test_no_case_text_ever_appears_in_the_report(repo, pod):
    plain = copy.deepcopy(pod)
    for owner, name, _ in text_fields(plain):
        setattr(owner, name, "x")
    written, harmless = _written(repo, pod), _written(repo, plain)
    assert written == harmless  # the same counts, whatever the case's words: the words never show
    for owner, name, where in text_fields(pod):
        value = getattr(owner, name).strip()
        if len(value) >= 4 and value not in harmless:  # a word the report itself uses proves nothing
            assert value not in written, where


# ---------------------------------------------------------------- gq-pods report


def test_gq_pods_report_as_markdown_and_json(repo, capsys):
    _add_team(repo)
    assert cli.main(["report"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# The team's pods at a glance\n") and "Pods held: 3 (2 finished)." in out
    assert cli.main(["report", "--since", "10 Nov 2026", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["since"] == "2026-11-10" and data["pods"] == 2


def test_gq_pods_report_says_plainly_when_a_date_cannot_be_read(repo, capsys):
    assert cli.main(["report", "--since", "the other day"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("gq-pods: --since: 'the other day' is not a date this can read.")


def test_gq_pods_help_lists_steps_and_report(capsys):
    try:
        cli.main(["--help"])
    except SystemExit:
        pass
    out = capsys.readouterr().out
    assert "steps [--due-before DATE] [--owner NAME] [--json]" in out
    assert "report [--since DATE] [--format markdown|json]" in out
    assert "export --chain ID" in out
