"""Practice attempts in storage: kept beside their pod, kept apart from the team's pods,
the comparison's figures kept, and gone with the pod."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from gq_pods import cli
from gq_pods.model import MapItem
from gq_pods.practice import compare, start_pod
from gq_pods.scenarios import Scenario, load_library
from storage import listing, migrate
from storage.errors import PodNotFound
from storage.repository import Repository
from tests.factories import full_pod
from tests.test_storage_migrations import ROWS_0001, build_at, read_rows

SHIPPED = {s.id: s for s in load_library(Path("/nonexistent-team-folder")).scenarios}
HARVEY = SHIPPED["harvey-the-belt"]
RUBY = SHIPPED["ruby-kitchen-door"]


def db_path(db_url: str) -> Path:
    return Path(db_url.removeprefix("sqlite:///"))


def rows(db_url: str, sql: str) -> list[tuple]:
    con = sqlite3.connect(db_path(db_url))
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def start(repo: Repository, scenario: Scenario = HARVEY) -> int:
    return repo.start_attempt(scenario, start_pod(scenario, dt.date(2026, 12, 1)))


@pytest.fixture
def mixed(repo):
    """Two team pods (one of them a team's own practice pod) and two practice attempts."""
    team = repo.add_pod(full_pod(case_reference="Family T", title="Practice with Family T"))
    own = full_pod(case_reference="Family P", title="Practice run", practice=True)
    team_practice = repo.add_pod(own)
    attempts = [start(repo, HARVEY), start(repo, RUBY)]
    return team, team_practice, attempts


# ---------------------------------------------------------------- starting


def test_starting_an_attempt_stores_the_pod_and_its_attempt(repo):
    pod = start_pod(HARVEY, dt.date(2026, 12, 1))
    before = dt.datetime.now(dt.timezone.utc)
    pod_id = repo.start_attempt(HARVEY, pod)
    assert pod.id == pod_id
    stored = repo.get_pod(pod_id)
    assert (stored.title, stored.practice, stored.focus_question) == (f"Practice: {HARVEY.title}", True, HARVEY.focus_question)
    attempt = repo.attempt(pod_id)
    assert (attempt.pod_id, attempt.scenario_id, attempt.scenario_title) == (pod_id, HARVEY.id, HARVEY.title)
    assert attempt.started_at >= before - dt.timedelta(seconds=1) and attempt.started_at.tzinfo is not None
    assert attempt.compared_at is None and attempt.facts_matched is None and attempt.do_differently == ""


def test_the_pod_and_its_attempt_row_are_stored_together_or_not_at_all(repo, db_url):
    broken = Scenario(id=None, title="No id")  # the attempt row cannot be written
    with pytest.raises(Exception):
        repo.start_attempt(broken, start_pod(HARVEY))
    assert rows(db_url, "SELECT count(*) FROM pods") == [(0,)]
    assert rows(db_url, "SELECT count(*) FROM map_items") == [(0,)]


def test_a_team_pod_is_not_an_attempt(repo):
    assert repo.attempt(repo.add_pod(full_pod())) is None
    assert repo.attempt(999) is None


def test_attempts_are_listed_oldest_first_and_counted_by_scenario(repo):
    first, second, third = start(repo, HARVEY), start(repo, RUBY), start(repo, HARVEY)
    assert [a.pod_id for a in repo.attempts()] == [first, second, third]
    assert repo.tried_scenarios() == {HARVEY.id: 2, RUBY.id: 1}


# ---------------------------------------------------------------- kept apart


def test_attempts_are_not_in_the_pods_list_or_the_count(repo, mixed):
    team, team_practice, _ = mixed
    assert [p.id for p in repo.list_pods()] == [team_practice, team]
    assert [p.id for p in repo.list_pods("practice")] == [team_practice, team]  # the attempts' titles say Practice too
    assert repo.count_pods() == 2


def test_attempts_are_not_in_the_quick_list_its_filter_or_its_pages(repo, mixed, db_url):
    team, team_practice, _ = mixed
    quick = listing.open_list(db_url)
    assert quick is not None
    try:
        assert [p.id for p in quick.page().pods] == [team_practice, team]
        assert [p.id for p in quick.page("Practice").pods] == [team_practice, team]
        assert [p.id for p in quick.page("Harvey").pods] == []
        first = quick.page(limit=1)
        assert ([p.id for p in first.pods], first.more) == ([team_practice], True)
        last = quick.page(offset=1, limit=1)
        assert ([p.id for p in last.pods], last.more) == ([team], False)
    finally:
        quick.close()


def test_attempts_are_not_in_the_list_read_through_the_engine(repo, mixed):
    team, team_practice, _ = mixed
    engine_list = listing.EngineList(repo)
    assert [p.id for p in engine_list.page().pods] == [team_practice, team]
    assert [p.id for p in engine_list.page("practice").pods] == [team_practice, team]
    assert engine_list.page(limit=1).more is True and engine_list.page(offset=1, limit=1).more is False


def test_gq_pods_list_and_export_all_leave_attempts_out(repo, mixed, capsys, tmp_path):
    team, team_practice, attempts = mixed
    assert cli.main(["list"]) == 0
    listed = capsys.readouterr().out
    assert "Family T" in listed and "Family P" in listed and "Harvey" not in listed
    out = tmp_path / "records"
    assert cli.main(["export", "--all", "-o", str(out)]) == 0
    assert "Exported 2 pods" in capsys.readouterr().out
    written = sorted(f.name for f in out.iterdir())
    assert len(written) == 2 and all(f"pod-{a}-" not in name for a in attempts for name in written)
    assert not any("Practice: " in f.read_text(encoding="utf-8") for f in out.iterdir())


# ---------------------------------------------------------------- gone with the pod


def test_deleting_an_attempt_s_pod_deletes_its_attempt_row(repo, db_url):
    kept, gone = start(repo), start(repo)
    repo.delete_pod(gone)
    assert repo.attempt(gone) is None
    assert [a.pod_id for a in repo.attempts()] == [kept]
    assert rows(db_url, "SELECT pod_id FROM practice_attempts") == [(kept,)]


def test_saving_the_attempt_s_pod_keeps_its_attempt_row(repo):
    pod_id = start(repo)
    pod = repo.get_pod(pod_id)
    pod.map.harm.append(MapItem("three red lines across the backs of both thighs"))
    repo.save_pod(pod)
    assert repo.attempt(pod_id).scenario_id == HARVEY.id
    assert repo.list_pods() == []


# ---------------------------------------------------------------- the comparison


def compared_pod(repo: Repository) -> tuple[int, object]:
    pod_id = start(repo)
    pod = repo.get_pod(pod_id)
    pod.map.harm.append(MapItem("Harvey (9) was seen to have three red lines across the backs of both thighs"))
    pod.map.existing_strengths.append(MapItem("Harvey is on the 40th centile for weight and is well cared for."))
    repo.save_pod(pod)
    return pod_id, compare(pod, HARVEY)


def test_a_comparison_is_kept_with_the_learner_s_rating_and_words(repo):
    pod_id, result = compared_pod(repo)
    before = dt.datetime.now(dt.timezone.utc)
    repo.record_comparison(pod_id, result.with_key_points([True] * result.key_points_total), 6, "  Place the July comment.\n")
    kept = repo.attempt(pod_id)
    assert kept.compared_at >= before - dt.timedelta(seconds=1)
    assert (kept.facts_total, kept.facts_matched) == (len(HARVEY.model_map), result.facts_matched) and result.facts_matched >= 1
    assert (kept.statements, kept.statement_problems) == (0, 0)
    assert (kept.key_points_total, kept.key_points_covered) == (len(HARVEY.key_points), len(HARVEY.key_points))
    assert (kept.self_rating, kept.do_differently) == (6, "Place the July comment.")


def test_comparing_again_replaces_the_figures(repo):
    pod_id, result = compared_pod(repo)
    repo.record_comparison(pod_id, result, 3, "first")
    repo.record_comparison(pod_id, result, None, "")
    kept = repo.attempt(pod_id)
    assert (kept.self_rating, kept.do_differently) == (None, "")
    assert len(repo.attempts()) == 1


@pytest.mark.parametrize("rating", [-1, 11, 7.5])
def test_a_rating_out_of_range_is_refused_and_nothing_is_kept(repo, rating):
    pod_id, result = compared_pod(repo)
    with pytest.raises(ValueError):
        repo.record_comparison(pod_id, result, rating, "")
    assert repo.attempt(pod_id).compared_at is None


def test_what_they_would_do_differently_is_cleaned_and_bounded(repo):
    pod_id, result = compared_pod(repo)
    repo.record_comparison(pod_id, result, 5, "Ask \x1b[31mabout\x00 Gemma\u202e")
    assert repo.attempt(pod_id).do_differently == "Ask [31mabout Gemma"
    with pytest.raises(ValueError, match="too long"):
        repo.record_comparison(pod_id, result, 5, "x" * 4_001)
    assert repo.attempt(pod_id).do_differently == "Ask [31mabout Gemma"


def test_a_comparison_for_a_team_pod_is_refused(repo):
    pod_id = repo.add_pod(full_pod())
    _, result = compared_pod(repo)
    with pytest.raises(PodNotFound):
        repo.record_comparison(pod_id, result, 5, "")


def test_text_and_figures_read_back_from_the_database_are_cleaned_and_checked(repo, db_url):
    pod_id = start(repo)
    con = sqlite3.connect(db_path(db_url))
    try:
        with con:
            con.execute(
                "UPDATE practice_attempts SET scenario_title = ?, do_differently = ?, self_rating = 99, "
                "facts_matched = 'many', compared_at = 'not a time' WHERE pod_id = ?",
                ("Harvey\x07\u202e", "More\x1b", pod_id),
            )
    finally:
        con.close()
    kept = repo.attempt(pod_id)
    assert (kept.scenario_title, kept.do_differently) == ("Harvey", "More")
    assert (kept.self_rating, kept.facts_matched, kept.compared_at) == (None, None, None)


# ---------------------------------------------------------------- the migration


def test_0005_adds_the_attempts_table_empty_and_keeps_every_pod(tmp_path, monkeypatch):
    monkeypatch.setenv("GQ_PODS_HOME", str(tmp_path))
    path = tmp_path / "data" / "pods.sqlite3"
    path.parent.mkdir()
    build_at(path, "0004", ROWS_0001)
    with Repository.open() as repo:
        assert (repo.migration.from_revision, repo.migration.to_revision) == ("0004", migrate.HEAD)
        assert [p.title for p in repo.list_pods()] == ["Family D"] and repo.count_pods() == 1
        assert repo.get_pod(1).map.harm[0].text == "Ben was left alone overnight."
        assert repo.attempts() == []
        pod_id = start(repo)
        assert [p.title for p in repo.list_pods()] == ["Family D"]
    for table, row in ROWS_0001.items():  # every row of the old pod is still there, unchanged
        stored = read_rows(path, table)[0]
        assert {k: stored[k] for k in row} == row, table
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        assert con.execute("SELECT pod_id, scenario_id FROM practice_attempts").fetchall() == [(pod_id, HARVEY.id)]
    finally:
        con.close()
