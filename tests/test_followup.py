"""Following up a case: what a follow-up pod carries, reviewing carried items, and the chain in storage."""

from __future__ import annotations

import datetime as dt

import pytest

from gq_pods.followup import follow_up, last_time, steps_to_ask
from gq_pods.model import CARRIED, MapItem, Pod, ScaleScore, TEXT_SECTIONS
from gq_pods.session import EditRefused, PodSession
from storage.errors import NotInChain, PodChanged, PodNotFound
from tests.factories import full_pod

DAY = dt.date(2026, 12, 4)


def _stored(pod_id: int = 7) -> Pod:
    pod = full_pod()
    pod.id = pod_id
    return pod


# ---------------------------------------------------------------- what follow_up carries


def test_a_follow_up_is_the_same_case_with_the_same_people_and_statements():
    before = _stored()
    new = follow_up(before, DAY)
    assert (new.title, new.team, new.case_reference, new.style, new.case_reason, new.focus_question) == (
        before.title, before.team, before.case_reference, before.style, before.case_reason, before.focus_question
    )
    assert new.people == before.people and new.participants == before.participants
    assert new.manager_present == before.manager_present  # goes with the participants
    assert [s.id for s in new.danger_statements] == [s.id for s in before.danger_statements]
    assert [s.text for s in new.danger_statements] == [s.text for s in before.danger_statements]
    assert [(g.id, g.danger_statement, g.text) for g in new.safety_goals] == [
        (g.id, g.danger_statement, g.text) for g in before.safety_goals
    ]
    assert all(s.drafts == [] for s in new.danger_statements) and all(g.drafts == [] for g in new.safety_goals)


def test_a_follow_up_starts_fresh_where_the_group_has_to_think_again():
    before = _stored()
    before.status = "complete"
    new = follow_up(before, DAY)
    assert new.follows == 7 and new.id is None
    assert (new.date, new.status, new.stages, new.current_stage) == (DAY, "in_progress", [], "")
    assert new.map.next_steps == []  # asked about, not carried
    assert new.bottom_lines == [] and new.contingencies == []
    assert new.reflection.pleased_with == "" and new.childs_views == "" and new.manager_decision == ""
    assert new.next_review is None and new.record_author == ""
    # the scales' questions come over, with nobody's score yet
    assert [(s.about, s.question) for s in new.scales] == [(s.about, s.question) for s in before.scales]
    assert all(s.scores == [] for s in new.scales)


def test_every_map_item_comes_over_to_review_except_those_no_longer_so():
    before = _stored()
    before.map.harm.append(MapItem("Gone now", carried="no_longer"))
    new = follow_up(before, DAY)
    for section in TEXT_SECTIONS:
        kept = [i.text for i in before.map.section(section) if i.carried != "no_longer"]
        assert [i.text for i in new.map.section(section)] == kept
        assert {i.carried for i in new.map.section(section)} <= {"to_review"}
    assert "Gone now" not in [i.text for i in new.map.harm]


def test_following_up_leaves_the_pod_before_as_it_was():
    before = _stored()
    snapshot = full_pod()
    snapshot.id = 7
    new = follow_up(before, DAY)
    new.map.harm[0].text = "changed in the new pod"
    new.people[0].name = "changed"
    new.danger_statements[0].text = "changed"
    assert before == snapshot


def test_last_time_gives_the_scores_of_that_scale_or_none():
    before = _stored()
    assert [s.score for s in last_time(before, "overall")] == [s.score for s in before.scale_for("overall").scores]
    assert last_time(before, "no-such-statement") == []
    assert last_time(None, "overall") == []
    last_time(before, "overall")[0].score = 0  # a copy: the pod before is not changed
    assert before.scale_for("overall").scores[0].score != 0 or before.scale_for("overall").scores[0].score == 0


def test_steps_to_ask_are_last_times_steps_with_nothing_recorded():
    before = _stored()
    assert before.map.next_steps[0].outcome == "not_done"
    assert [(i, s.text) for i, s in steps_to_ask(before)] == [(1, before.map.next_steps[1].text)]
    before.map.next_steps[1].outcome = "done"
    assert steps_to_ask(before) == []


# ---------------------------------------------------------------- reviewing carried items


def test_reviewing_a_carried_item_is_one_undo_step():
    session = PodSession(follow_up(_stored(), DAY))
    session.review_item("harm", 0, "still_true")
    assert session.pod.map.harm[0].carried == "still_true"
    session.review_item("harm", 0, "changed")
    assert session.pod.map.harm[0].carried == "changed"
    session.undo()
    assert session.pod.map.harm[0].carried == "still_true"
    session.undo()
    assert session.pod.map.harm[0].carried == "to_review"
    assert session.dirty


@pytest.mark.parametrize(
    ("section", "index", "state", "words"),
    [
        ("harm", 0, "maybe", "not a way to review"),
        ("next_steps", 0, "still_true", "worries and what is working well"),
        ("harm", 9, "still_true", "no longer there"),
    ],
)
def test_reviewing_refuses_what_makes_no_sense(section, index, state, words):
    session = PodSession(follow_up(_stored(), DAY))
    with pytest.raises(EditRefused, match=words):
        session.review_item(section, index, state)
    assert session.undo_depth == 0


def test_an_item_added_at_this_pod_has_nothing_to_review():
    session = PodSession(follow_up(_stored(), DAY))
    session.pod.map.harm.append(MapItem("new worry"))
    with pytest.raises(EditRefused, match="added at this pod"):
        session.review_item("harm", len(session.pod.map.harm) - 1, "still_true")
    assert set(CARRIED) == {"to_review", "still_true", "changed", "no_longer"}


# ---------------------------------------------------------------- the chain in storage


def test_follow_up_in_storage_links_to_the_pod_before(repo):
    first = repo.add_pod(full_pod())
    second = repo.follow_up(first, DAY)
    stored = repo.get_pod(second)
    assert stored.follows == first and stored.date == DAY
    assert [p.id for p in repo.chain(first)] == [p.id for p in repo.chain(second)] == [first, second]


def test_following_up_an_older_pod_follows_up_the_case_where_it_has_got_to(repo):
    first = repo.add_pod(full_pod())
    second = repo.follow_up(first, DAY)
    third = repo.follow_up(first, DAY + dt.timedelta(days=7))
    assert repo.get_pod(third).follows == second
    assert repo.chain_ids(first) == [first, second, third]


def test_a_pod_cannot_follow_itself_or_go_round_in_a_circle(repo):
    first = repo.add_pod(full_pod())
    second = repo.follow_up(first, DAY)
    pod, version = repo.read_pod(first)
    pod.follows = first
    with pytest.raises(NotInChain, match="itself"):
        repo.save_pod(pod, version)
    pod.follows = second
    with pytest.raises(NotInChain, match="circle"):
        repo.save_pod(pod, version)
    assert repo.get_pod(first).follows is None and repo.pod_version(first) == version  # nothing written


def test_two_pods_cannot_follow_the_same_pod_nor_a_pod_that_is_not_there(repo):
    first = repo.add_pod(full_pod())
    repo.follow_up(first, DAY)
    with pytest.raises(NotInChain, match="already been followed up"):
        repo.add_pod(Pod(title="another", follows=first))
    with pytest.raises(NotInChain, match="no longer there"):
        repo.add_pod(Pod(title="another", follows=999))
    assert repo.count_pods() == 2


def test_deleting_a_pod_in_the_middle_keeps_the_chain_joined(repo):
    first = repo.add_pod(full_pod())
    second = repo.follow_up(first, DAY)
    third = repo.follow_up(second, DAY + dt.timedelta(days=7))
    held, version = repo.read_pod(third)  # a screen has the last pod open
    repo.delete_pod(second)
    assert repo.chain_ids(third) == [first, third]
    assert repo.get_pod(third).follows == first
    # the open copy cannot write the old link back: its save is refused, to merge first
    held.title = "edited meanwhile"
    with pytest.raises(PodChanged):
        repo.save_pod(held, version)
    with pytest.raises(PodNotFound):
        repo.chain(second)


def test_deleting_the_first_pod_makes_the_next_one_start_the_chain(repo):
    first = repo.add_pod(full_pod())
    second = repo.follow_up(first, DAY)
    repo.delete_pod(first)
    assert repo.get_pod(second).follows is None
    assert repo.chain_ids(second) == [second]


def test_a_pod_that_follows_none_is_a_chain_of_one(repo):
    alone = repo.add_pod(full_pod())
    assert repo.chain_ids(alone) == [alone]
    with pytest.raises(PodNotFound):
        repo.follow_up(alone + 100)


def test_a_chain_is_stored_all_at_once_each_pod_following_the_one_before(repo):
    pods = [full_pod(title=f"pod {n}") for n in range(3)]
    pods[0].follows = 12345  # a link from another database means nothing here
    ids = repo.add_chain(pods)
    assert [repo.get_pod(i).follows for i in ids] == [None, ids[0], ids[1]]
    assert repo.chain_ids(ids[1]) == ids
    assert [p.title for p in repo.chain(ids[0])] == ["pod 0", "pod 1", "pod 2"]


def test_a_score_given_last_time_shows_beside_the_new_scale(repo):
    first = repo.add_pod(full_pod())
    second = repo.follow_up(first, DAY)
    chain = repo.chain(second)
    assert last_time(chain[-2], "overall") == full_pod().scale_for("overall").scores
    assert chain[-1].scale_for("overall").scores == []
    assert isinstance(last_time(chain[-2], "overall")[0], ScaleScore)


def test_one_copy_reviewing_and_another_editing_an_item_merge_without_a_clash():
    import copy

    from gq_pods.merge import merge

    base = follow_up(_stored(), DAY)
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine.map.harm[0].carried = "still_true"
    theirs.map.harm[0].text = base.map.harm[0].text.replace("March", "early March")
    merged = merge(base, mine, theirs)
    assert merged.clashes == []
    assert (merged.pod.map.harm[0].carried, "early March" in merged.pod.map.harm[0].text) == ("still_true", True)
    theirs.map.harm[0].carried = "changed"
    clash = merge(base, mine, theirs).clashes[0]
    assert (clash.where, clash.mine_text, clash.theirs_text) == ("Map: Harm, item 1, reviewed as", "still_true", "changed")
