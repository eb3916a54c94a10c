"""The pod store: what goes in comes out, exactly; what is deleted is gone."""

from __future__ import annotations

import copy
import datetime as dt
import logging
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gq_pods.model import (
    DangerStatement,
    Draft,
    MapItem,
    Pod,
    SafetyGoal,
    Scale,
    ScaleScore,
    StageRecord,
)
from storage import tables
from storage.errors import PodNotFound
from storage.repository import Repository
from tests.factories import full_pod
from tests.strategies import anything
from tests.test_podfile_props import cleaned

CHILD_TABLES = [table.name for table in tables.POD_CHILDREN]


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("GQ_PODS_HOME", str(tmp_path))
    monkeypatch.delenv("GQ_PODS_DB", raising=False)
    return tmp_path


@pytest.fixture
def repo(home):
    repository = Repository.open()
    yield repository
    repository.close()


def db_path(home):
    return home / "data" / "pods.sqlite3"


def child_rows(home, pod_id):
    """How many rows each child table holds for ``pod_id``, read straight from the file."""
    con = sqlite3.connect(db_path(home))
    try:
        return {name: con.execute(f"SELECT count(*) FROM {name} WHERE pod_id = ?", (pod_id,)).fetchone()[0]
                for name in CHILD_TABLES}
    finally:
        con.close()


# ---------------------------------------------------------------- round trips


def test_full_pod_round_trips_exactly(repo):
    pod = full_pod()
    pod_id = repo.add_pod(pod)
    assert pod.id == pod_id
    loaded = repo.get_pod(pod_id)
    assert loaded == pod
    # the fields the pod file keeps in extra, spelled out so a regression names itself
    assert loaded.danger_statements[0].drafts == [Draft("VL", "Nursery worried Dean pushes Lisa; Amy could get hurt.")]
    assert loaded.danger_statements[0].acknowledgement.startswith("Lisa has kept")
    assert loaded.danger_statements[0].family_view == "Dean says it only happened once."
    assert loaded.safety_goals[0].network.startswith("Pat knows")
    assert loaded.current_stage == "scaling"
    assert loaded.extra == {"team_note": {"kept": [1, 2, 3]}}
    assert loaded.map.next_steps[1].due is None
    assert loaded.people[4].age is None


def test_empty_pod_round_trips(repo):
    pod = Pod(date=dt.date(2026, 1, 2))
    repo.add_pod(pod)
    assert repo.get_pod(pod.id) == pod


def test_a_new_pod_leaves_the_callers_object_alone_apart_from_its_id(repo):
    pod = full_pod()
    before = copy.deepcopy(pod)
    repo.add_pod(pod)
    before.id = pod.id
    assert pod == before


def test_save_after_edits_is_what_comes_back(repo, home):
    pod = full_pod()
    repo.add_pod(pod)
    pod.participants.pop(2)  # remove
    pod.people.reverse()  # reorder
    pod.map.harm.append(MapItem("A second incident in May."))
    pod.map.complicating_factors = pod.map.complicating_factors[::-1]
    pod.map.next_steps[0].due = None
    pod.map.next_steps[1].status = "agreed"
    pod.danger_statements[0].text = "Rewritten after the family's view."
    pod.danger_statements[0].drafts.append(Draft("SP", "A second draft."))
    pod.danger_statements.append(DangerStatement(id="ds2", text="Second worry", drafts=[Draft("JR", "ds2 draft")]))
    pod.safety_goals[0].drafts = []
    pod.scales[0].scores.pop(0)
    pod.scales.insert(0, Scale("ds2", "New scale", [ScaleScore("MG", 7, "", "")]))
    pod.stages.append(StageRecord("scaling", "Scaling", "", 30))
    pod.reflection.focus_question_answered = None
    pod.status = "complete"
    pod.title = "Renamed"
    pod.current_stage = "reflection"
    pod.extra = {"other": "kept"}
    repo.save_pod(pod)

    assert repo.get_pod(pod.id) == pod
    # nothing left over from before the save
    counts = child_rows(home, pod.id)
    assert counts["participants"] == 4
    assert counts["scale_scores"] == 3
    assert counts["drafts"] == 3
    assert counts["map_items"] == 7


def test_save_updates_the_list_and_its_time(repo):
    pod = full_pod()
    repo.add_pod(pod)
    first = repo.list_pods()[0].updated_at
    pod.title = "Now complete"
    repo.save_pod(pod)
    summary = repo.list_pods()[0]
    assert summary.title == "Now complete"
    assert summary.updated_at >= first
    assert summary.updated_at.tzinfo is not None


def test_save_of_a_pod_deleted_elsewhere_says_so_and_writes_nothing(repo):
    pod = full_pod()
    repo.add_pod(pod)
    repo.delete_pod(pod.id)
    with pytest.raises(PodNotFound):
        repo.save_pod(pod)
    assert repo.count_pods() == 0


def test_save_needs_a_stored_pod(repo):
    with pytest.raises(ValueError):
        repo.save_pod(full_pod())


def test_delete_removes_the_pod_and_every_child_row(repo, home):
    keep, gone = full_pod(title="Keep"), full_pod(title="Gone")
    repo.add_pod(keep)
    repo.add_pod(gone)
    repo.delete_pod(gone.id)

    assert all(count == 0 for count in child_rows(home, gone.id).values())
    assert all(count > 0 for count in child_rows(home, keep.id).values())
    assert repo.get_pod(keep.id) == keep
    with pytest.raises(PodNotFound):
        repo.get_pod(gone.id)
    with pytest.raises(PodNotFound):
        repo.delete_pod(gone.id)
    assert repo.count_pods() == 1


def test_a_deleted_pods_id_is_never_given_to_a_new_pod(repo):
    first = repo.add_pod(full_pod())
    repo.delete_pod(first)
    assert repo.add_pod(full_pod()) > first


def test_unknown_pod(repo):
    with pytest.raises(PodNotFound) as err:
        repo.get_pod(42)
    assert "42" in str(err.value)


# ---------------------------------------------------------------- the list


def test_list_is_newest_first_then_most_recently_added(repo):
    older = repo.add_pod(full_pod(date=dt.date(2026, 1, 1), title="older"))
    same_day_first = repo.add_pod(full_pod(date=dt.date(2026, 3, 1), title="a"))
    newest = repo.add_pod(full_pod(date=dt.date(2026, 5, 1), title="newest"))
    same_day_second = repo.add_pod(full_pod(date=dt.date(2026, 3, 1), title="b"))
    assert [s.id for s in repo.list_pods()] == [newest, same_day_second, same_day_first, older]
    assert repo.count_pods() == 4


def test_list_summary_carries_what_the_home_screen_shows(repo):
    repo.add_pod(full_pod(practice=True, status="complete"))
    (summary,) = repo.list_pods()
    assert (summary.date, summary.team, summary.style, summary.case_reference, summary.status,
            summary.title, summary.practice) == (
        dt.date(2026, 11, 20), "North Locality Team", "group_supervision", "Family C", "complete",
        "Stuck case: Family C", True)


def test_search_matches_title_team_and_case_reference_ignoring_case(repo):
    a = repo.add_pod(full_pod(title="Family C review", team="North", case_reference="REF-1"))
    b = repo.add_pod(full_pod(title="", team="École Sud", case_reference="ref-2"))
    c = repo.add_pod(full_pod(title="Other", team="West", case_reference="X9", focus_question="family"))
    assert [s.id for s in repo.list_pods("FAMILY c")] == [a]
    assert {s.id for s in repo.list_pods("ref-")} == {a, b}
    assert [s.id for s in repo.list_pods("école")] == [b]
    assert [s.id for s in repo.list_pods("ÉCOLE")] == [b]
    assert [s.id for s in repo.list_pods("x9")] == [c]
    assert repo.list_pods("%") == []  # no SQL wildcards
    assert len(repo.list_pods("  ")) == 3
    # the focus question is case detail, not something the list searches
    assert c not in [s.id for s in repo.list_pods("family")]


# ---------------------------------------------------------------- text at the boundary


def test_nul_characters_are_removed_everywhere(repo):
    pod = full_pod(title="Fam\x00ily C", team="\x00North")
    pod.map.harm[0].text = "bru\x00ise"
    pod.danger_statements[0].drafts[0].text = "dr\x00aft"
    pod.scales[0].scores[0].reason = "re\x00ason"
    pod.reflection.learning = "le\x00arning"
    pod.extra = {"k\x00ey": ["v\x00al", {"deep": "n\x00ul"}]}
    repo.add_pod(pod)
    loaded = repo.get_pod(pod.id)
    assert loaded.title == "Family C"
    assert loaded.team == "North"
    assert loaded.map.harm[0].text == "bruise"
    assert loaded.danger_statements[0].drafts[0].text == "draft"
    assert loaded.scales[0].scores[0].reason == "reason"
    assert loaded.reflection.learning == "learning"
    assert loaded.extra == {"key": ["val", {"deep": "nul"}]}
    assert repo.list_pods("family c")[0].title == "Family C"


def test_unpaired_surrogates_do_not_stop_a_save(repo):
    pod = full_pod(title="bad \udcff paste", team="\ud83d\ude00")  # lone, and a split pair
    repo.add_pod(pod)
    loaded = repo.get_pod(pod.id)
    assert loaded.title == "bad \ufffd paste"
    assert loaded.team == "\U0001F600"


def test_a_database_error_never_carries_case_text(repo, caplog):
    caplog.set_level(logging.DEBUG, logger="sqlalchemy")
    pod = full_pod()
    pod.scales[0].scores[0].reason = "SECRET-CASE-TEXT"
    pod.scales[0].scores[0].score = None  # NOT NULL: the insert fails
    with pytest.raises(Exception) as err:
        repo.add_pod(pod)
    assert "SECRET-CASE-TEXT" not in str(err.value)
    assert "SECRET-CASE-TEXT" not in repr(err.value)
    assert "SECRET-CASE-TEXT" not in caplog.text
    # all or nothing: no half-written pod
    assert repo.count_pods() == 0
    assert pod.id is None


def test_sql_logging_if_switched_on_shows_no_case_text(home, caplog):
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine")
    with Repository.open() as repository:
        repository.add_pod(full_pod(title="SECRET-TITLE"))
        repository.get_pod(1)
    assert "INSERT INTO pods" in caplog.text  # the log really was on
    assert "SECRET-TITLE" not in caplog.text


# ---------------------------------------------------------------- any pod at all

# Any pod at all, every field drawn from its type in the model (a new field is
# covered without a change here); statement and goal ids from a tiny set, so two
# sometimes share one and drafts must still go back to the right one.
_pods = anything(
    Pod,
    {
        (Pod, "id"): st.none(),
        (Pod, "follows"): st.none(),  # a link to another stored pod: tests/test_case.py
        (DangerStatement, "id"): st.sampled_from(["", "ds1", "ds2"]),
        (SafetyGoal, "id"): st.sampled_from(["", "sg1"]),
    },
)


@pytest.fixture(scope="module")
def shared_repo(tmp_path_factory):
    repository = Repository.open(f"sqlite:///{tmp_path_factory.mktemp('prop') / 'pods.sqlite3'}")
    yield repository
    repository.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pod=_pods, edited=_pods)
def test_any_pod_round_trips_and_any_edit_replaces_it(shared_repo, pod, edited):
    # Exactly, but for control characters: they never come back out (tests/test_storage_clean.py).
    shared_repo.add_pod(pod)
    assert shared_repo.get_pod(pod.id) == cleaned(pod)
    edited.id = pod.id
    shared_repo.save_pod(edited)
    assert shared_repo.get_pod(pod.id) == cleaned(edited)


def test_the_package_exports_lazily():
    import storage
    from storage import errors

    assert storage.Repository is Repository
    assert storage.PodNotFound is errors.PodNotFound
    with pytest.raises(AttributeError):
        storage.Nothing  # noqa: B018
