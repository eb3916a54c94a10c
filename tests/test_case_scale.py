"""`gq-pods steps` and `gq-pods report` on a team's database: 1,000 pods in 100 chains.

The database is built once for the module (tests/factories.py add_case_chains), with a few
practice pods and practice attempts that must never be counted. Every expected count is
worked out here from the pattern the factory documents, not from the code under test.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import insert

from gq_pods import cli
from storage import tables as t
from storage.repository import Repository
from tests.factories import CASE_START, CHAIN_LENGTH, add_case_chains, chain_pod

CHAINS = 100


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('scale') / 'pods.sqlite3'}"
    repo = Repository.open(url)
    ids = add_case_chains(repo, CHAINS)
    for n in range(4):  # practice, never counted
        practice = chain_pod(n, 9)
        practice.practice = True
        repo.add_pod(practice)
        attempt_id = repo.add_pod(chain_pod(n, 9))
        with repo._engine.begin() as conn:
            conn.execute(insert(t.practice_attempts).values(
                pod_id=attempt_id, scenario_id="s", started_at=dt.datetime.now(dt.timezone.utc)))
    yield repo, ids, url
    repo.close()


def test_the_database_holds_1000_team_pods_in_100_chains(big):
    repo, ids, _ = big
    assert len(ids) == CHAINS and all(len(chain) == CHAIN_LENGTH for chain in ids)
    # the list counts practice pods (marked as such) but never practice attempts: they are kept apart
    assert repo.count_pods() == CHAINS * CHAIN_LENGTH + 4
    assert repo.chain_ids(ids[42][5]) == ids[42]


def test_open_steps_on_1000_pods(big):
    repo, _, _ = big
    steps = repo.open_steps()
    # step 0 of each chain's last pod, and step 1 of every pod
    assert len(steps) == CHAINS + CHAINS * CHAIN_LENGTH
    dated = [s for s in steps if s.due is not None]
    assert len(dated) == CHAINS and dated == sorted(dated, key=lambda s: s.due)
    assert all(s.due is None for s in steps[CHAINS:])  # undated last
    assert {s.pod_title for s in steps} == {f"Case {c}" for c in range(CHAINS)}
    # due before: the last pods of chains 0..9 are due on START + c + 126 + 7 days
    cut = CASE_START + dt.timedelta(days=14 * (CHAIN_LENGTH - 1) + 7 + 10)
    assert len(repo.open_steps(due_before=cut)) == 10
    assert len(repo.open_steps(owner="patel")) == CHAINS * CHAIN_LENGTH


def test_team_report_on_1000_pods(big):
    repo, _, _ = big
    report = repo.team_report(today=dt.date(2026, 12, 1))
    assert report.pods == 1000 and report.complete == 900
    assert sum(m.pods for m in report.months) == 1000
    styles = {s: sum(dict(m.by_style)[s] for m in report.months) for s in ("group_supervision", "content_mapping")}
    assert styles == {"group_supervision": 500, "content_mapping": 500}
    reasons = {r: sum(dict(m.by_reason)[r] for m in report.months) for r in ("new", "stuck", "challenging")}
    expected = {r: 0 for r in reasons}
    for c in range(CHAINS):
        for k in range(CHAIN_LENGTH):
            expected[("new", "stuck", "challenging")[(c + k) % 3]] += 1
    assert reasons == expected
    assert (report.finished_with_statements, report.finished_all_paired) == (900, 900)
    late_per_chain = sum(1 for k in range(CHAIN_LENGTH) if k % 3)
    assert report.steps_dated == 1000 + CHAINS * late_per_chain
    assert (report.steps_done_on_time, report.steps_done_late) == (900, CHAINS * late_per_chain)
    assert (report.steps_not_asked, report.steps_overdue, report.steps_not_done) == (100, 100, 0)
    minutes = {(s.style, s.key): (s.average_minutes, s.planned_minutes, s.pods) for s in report.stages}
    assert minutes[("group_supervision", "set_up")] == (3, 2, 500)
    assert minutes[("content_mapping", "focus_question")][0] == 4


def test_the_commands_on_1000_pods(big, capsys, monkeypatch):
    _, _, url = big
    assert cli.main(["--db", url, "steps", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1100
    assert cli.main(["--db", url, "report", "--since", "2025-07-01", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    held = sum(1 for c in range(CHAINS) for k in range(CHAIN_LENGTH)
               if CASE_START + dt.timedelta(days=c + 14 * k) >= dt.date(2025, 7, 1))
    assert data["pods"] == held


def test_the_commands_quick_reader_gives_exactly_what_the_repository_gives(big):
    """`steps` and `report` read a current SQLite file without SQLAlchemy, as `list` does."""
    from storage.listing import open_list

    repo, _, url = big
    quick = open_list(url)
    try:
        day = dt.date(2025, 3, 1)
        assert quick.open_steps() == repo.open_steps()
        assert quick.open_steps(due_before=day, owner="JO") == repo.open_steps(due_before=day, owner="JO")
        assert quick.team_report(today=day) == repo.team_report(today=day)
        assert quick.team_report(day, today=day) == repo.team_report(day, today=day)
    finally:
        quick.close()
