"""Every edit a screen makes to an open pod, through the pod session: no Textual."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gq_pods.model import (
    BottomLine,
    Contingency,
    DangerStatement,
    Draft,
    MapItem,
    NextStep,
    Participant,
    Person,
    Pod,
    SafetyGoal,
    Scale,
    ScaleScore,
)
from gq_pods.record import render_markdown
from gq_pods.rules import goal_is_empty, item_is_empty, pair_is_empty, singular, statement_is_empty
from gq_pods.session import (
    AGREE_REFUSED,
    EditRefused,
    PodSession,
    goal_target,
    move_targets,
    number_of,
    orphan_goals,
    pairs,
    section_shown,
    ties,
)


def pod_with_pair(scores: int = 0) -> Pod:
    pod = Pod(id=7)
    pod.danger_statements = [DangerStatement(id="ds1", text="one"), DangerStatement(id="ds2", text="two")]
    pod.safety_goals = [SafetyGoal(id="sg1", danger_statement="ds1", text="goal one")]
    pod.scales = [Scale(about="ds1", scores=[ScaleScore(who=f"P{i}", score=i) for i in range(scores)])]
    return pod


# ------------------------------------------------------------------ changes, saving, undo


def test_every_change_counts_and_makes_the_pod_unsaved_until_saved():
    seen = []
    session = PodSession(Pod(), on_change=lambda: seen.append(1))
    assert not session.dirty and session.version == 0
    session.set_pod("focus_question", "Is Amy safe?")
    assert session.dirty and session.version == 1 and seen == [1]
    session.mark_saved(session.revision)
    assert not session.dirty
    assert not session.set_pod("focus_question", "Is Amy safe?")  # no change, nothing counted
    assert session.version == 1


def test_undo_puts_the_pod_back_keeps_its_id_and_says_what_it_was_about():
    session = PodSession(pod_with_pair())
    session.delete_statement("ds1")
    assert [s.id for s in session.pod.danger_statements] == ["ds2"]
    step = session.undo()
    assert step is not None and step.about == ("statement", "ds1")
    assert [s.id for s in session.pod.danger_statements] == ["ds1", "ds2"]
    assert session.pod.id == 7 and session.dirty
    assert session.undo() is None


def test_undo_history_keeps_only_its_depth():
    session = PodSession(Pod(), depth=3)
    for _ in range(5):
        session.add_item("harm")
    assert session.undo_depth == 3
    while session.undo():
        pass
    assert len(session.pod.map.harm) == 2


def test_a_change_after_a_checkpoint_does_not_reach_into_the_copy():
    session = PodSession(Pod())
    item, _ = session.add_item("harm")
    session.set(item, "text", "bruise")
    session.undo()
    assert session.pod.map.harm == []


# ------------------------------------------------------------------ the map


@pytest.mark.parametrize("section,kind", [("harm", MapItem), ("next_steps", NextStep), ("danger_statements", DangerStatement)])
def test_add_puts_an_empty_item_after_the_one_chosen(section, kind):
    session = PodSession(Pod())
    first, at = session.add_item(section)
    second, at2 = session.add_item(section)
    middle, at3 = session.add_item(section, after=0)
    assert isinstance(middle, kind) and (at, at2, at3) == (0, 1, 1)
    assert session.items(section) == [first, middle, second]
    assert section != "danger_statements" or len({s.id for s in session.pod.danger_statements}) == 3


def test_a_goal_is_not_added_like_an_item():
    with pytest.raises(EditRefused):
        PodSession(Pod()).add_item("safety_goals")


def test_a_goal_goes_to_the_chosen_statement_else_the_first_without_one():
    session = PodSession(pod_with_pair())
    goal = session.add_goal()
    assert goal.danger_statement == "ds2"
    with pytest.raises(EditRefused, match="Every danger statement has its safety goal"):
        session.add_goal()
    with pytest.raises(EditRefused, match="add a danger statement first"):
        PodSession(Pod()).add_goal()
    assert goal_target(pod_with_pair(), "ds1").id == "ds2"  # ds1 already has one


def test_a_goal_is_made_on_its_first_word_without_an_undo_step():
    session = PodSession(pod_with_pair())
    goal = session.ensure_goal("ds2")
    assert goal is session.pod.goal_for("ds2") and session.undo_depth == 0
    assert session.ensure_goal("ds2") is goal
    assert session.ensure_goal("gone") is None


def test_deleting_a_statement_takes_its_goal_and_scale_and_undo_brings_all_three_back():
    session = PodSession(pod_with_pair(scores=2))
    assert ties(session.pod, "ds1") == ties(session.pod, "ds1").__class__(goal=True, scale=True, scores=2)
    session.delete_item("danger_statements", session.pod.statement("ds1"))
    assert session.pod.goal_for("ds1") is None and session.pod.scale_for("ds1") is None
    session.undo()
    assert session.pod.goal_for("ds1") is not None and len(session.pod.scale_for("ds1").scores) == 2
    assert not session.delete_statement("nope")


def test_deleting_a_goal_leaves_its_statement():
    session = PodSession(pod_with_pair())
    session.delete_item("safety_goals", session.pod.goal_for("ds1"))
    assert session.pod.statement("ds1") is not None and session.pod.goal_for("ds1") is None


def test_deleting_a_map_item():
    session = PodSession(Pod())
    item, _ = session.add_item("harm")
    session.delete_item("harm", item)
    assert session.pod.map.harm == []


def test_a_new_item_left_empty_goes_with_its_undo_step():
    session = PodSession(Pod())
    session.add_item("grey_areas")
    item, _ = session.add_item("harm")
    editing = session.edit(item, "Edit harm", checkpointed=True)
    assert session.discard_if_empty("harm", item, editing.undo_depth)
    assert session.pod.map.harm == [] and session.undo_depth == 1
    written, _ = session.add_item("harm")
    written.text = "bruise"
    assert not session.discard_if_empty("harm", written)


def test_an_edit_takes_one_checkpoint_and_ignores_what_it_showed():
    session = PodSession(Pod())
    statement = DangerStatement(id="ds1", who_is_worried="School")
    session.pod.danger_statements.append(statement)
    editing = session.edit(statement, "Edit", shown={"text": "School is worried"})
    assert not editing.write("text", "School is worried")  # opened and closed unchanged
    assert statement.text == "" and session.undo_depth == 0
    assert editing.write("text", "School is worried.")
    assert editing.write("text", "School is worried!")
    assert session.undo_depth == 1
    session.undo()
    assert session.pod.danger_statements[0].text == ""


def test_reorder_swaps_and_a_goal_moves_with_its_statement():
    session = PodSession(pod_with_pair())
    assert session.reorder("safety_goals", session.pod.goal_for("ds1"), 1)
    assert [p.statement.id for p in pairs(session.pod)] == ["ds2", "ds1"]
    assert not session.reorder("danger_statements", session.pod.statement("ds1"), 1)  # already last
    orphan = SafetyGoal(id="sg9", danger_statement="gone")
    session.pod.safety_goals.append(orphan)
    with pytest.raises(EditRefused):
        session.reorder("safety_goals", orphan, -1)


def test_move_an_item_to_another_section_as_that_kind():
    session = PodSession(Pod())
    item, _ = session.add_item("harm")
    item.text = "Dad drinks"
    statement = session.move_item("harm", item, "danger_statements")
    assert isinstance(statement, DangerStatement) and statement.text == "Dad drinks" and statement.id
    assert session.pod.map.harm == []
    back = session.move_item("danger_statements", statement, "grey_areas")
    assert session.pod.map.grey_areas == [back] and session.pod.danger_statements == []
    with pytest.raises(EditRefused):
        session.move_item("grey_areas", back, "safety_goals")


def test_what_can_move_where():
    pod = pod_with_pair()
    targets, why = move_targets(pod, "harm", MapItem("x"))
    assert why is None and targets == [
        "danger_statements", "complicating_factors", "grey_areas", "existing_strengths", "existing_safety", "next_steps",
    ]
    assert move_targets(pod, "harm", MapItem("x"), show_grey_areas=False)[0].count("grey_areas") == 0
    assert "safety goal or scale" in move_targets(pod, "danger_statements", pod.statement("ds1"))[1]
    parted = DangerStatement(id="ds3", behaviour="drinks")
    assert "parts or drafts" in move_targets(pod, "danger_statements", parted)[1]
    assert move_targets(pod, "danger_statements", DangerStatement(id="ds4", text="x"))[1] is None
    assert "stays with its danger statement" in move_targets(pod, "safety_goals", pod.goal_for("ds1"))[1]
    assert "owner or a date" in move_targets(pod, "next_steps", NextStep("x", owner="Jo"))[1]
    steps, why = move_targets(pod, "next_steps", NextStep("x"))
    assert why is None and "next_steps" not in steps and "danger_statements" not in steps


def test_grey_areas_never_hide_while_they_hold_something():
    pod = Pod()
    assert not section_shown(pod, "grey_areas", show_grey_areas=False)
    pod.map.grey_areas.append(MapItem("unclear"))
    assert section_shown(pod, "grey_areas", show_grey_areas=False)
    assert section_shown(pod, "harm", show_grey_areas=False)


def test_pairs_number_statements_and_keep_goals_whose_statement_is_gone():
    pod = pod_with_pair()
    pod.safety_goals.append(SafetyGoal(id="sg2", danger_statement="gone"))
    assert [(p.number, p.statement.id, p.goal and p.goal.id) for p in pairs(pod)] == [(1, "ds1", "sg1"), (2, "ds2", None)]
    assert [g.id for g in orphan_goals(pod)] == ["sg2"]
    assert (number_of(pod, "ds2"), number_of(pod, "gone")) == (2, 0)


# ------------------------------------------------------------------ next steps and the manager


def test_agreeing_a_step_needs_the_manager():
    session = PodSession(Pod())
    step, _ = session.add_item("next_steps")
    with pytest.raises(EditRefused, match="Only the manager"):
        session.set_step_status(step, "agreed")
    with pytest.raises(EditRefused):
        session.edit(step, "Edit").write("status", "agreed")
    session.set_manager_present(True)
    session.set_step_status(step, "agreed")
    assert step.status == "agreed" and AGREE_REFUSED


def test_when_the_manager_leaves_agreed_steps_become_ideas_and_undo_brings_them_back():
    pod = Pod(manager_present=True)
    pod.map.next_steps = [NextStep("call school", status="agreed"), NextStep("visit", status="idea")]
    session = PodSession(pod)
    assert session.set_manager_present(False) == 1
    assert [s.status for s in session.pod.map.next_steps] == ["idea", "idea"]
    session.undo()
    assert session.pod.manager_present and session.pod.map.next_steps[0].status == "agreed"
    assert session.set_manager_present(True) == 0


# ------------------------------------------------------------------ statements, goals, drafts


def test_the_wording_follows_the_parts_until_edited_by_hand():
    statement = DangerStatement(id="ds1")
    session = PodSession(Pod(danger_statements=[statement]))
    assert session.set_part(statement, "who_is_worried", "The school")
    assert statement.text and "school" in statement.text.lower()
    session.set(statement, "text", "My own words.")
    assert not session.set_part(statement, "behaviour", "Dad shouts")
    assert statement.text == "My own words."
    assert session.use_wording(statement) != "My own words."
    with pytest.raises(EditRefused, match="already"):
        session.use_wording(statement)
    session.undo()
    assert statement is not session.pod.danger_statements[0]
    assert session.pod.danger_statements[0].text == "My own words."
    with pytest.raises(EditRefused, match="Fill in the parts"):
        session.use_wording(SafetyGoal())


def test_a_draft_is_in_the_pod_from_its_first_letter_and_goes_when_emptied():
    goal = SafetyGoal(id="sg1", danger_statement="ds1")
    session = PodSession(Pod(safety_goals=[goal]))
    pending = session.type_draft(goal, None, "", "D")
    assert pending == 0 and goal.drafts == [Draft("?", "D")]
    pending = session.type_draft(goal, pending, "JR", "Dad will ")
    session.finish_draft(goal, pending, "JR")
    assert goal.drafts == [Draft("JR", "Dad will")]
    pending = session.type_draft(goal, None, "AB", "x")
    assert session.type_draft(goal, pending, "AB", "  ") is None and len(goal.drafts) == 1
    assert session.type_draft(goal, 99, "AB", "") is None


def test_pick_merge_and_remove_drafts_each_undoable():
    statement = DangerStatement(id="ds1", drafts=[Draft("A", "first"), Draft("B", "second")])
    session = PodSession(Pod(danger_statements=[statement]))
    assert session.pick_draft(statement, 1).author == "B" and statement.text == "second"
    assert session.merge_drafts(statement) == "first\n\nsecond"
    assert session.remove_draft(statement, 0).author == "A"
    with pytest.raises(EditRefused):
        session.merge_drafts(statement)
    steps = [session.undo() for _ in range(3)]
    assert [s.about for s in steps] == [("statement", "ds1")] * 3
    assert session.pod.danger_statements[0] == DangerStatement(id="ds1", drafts=[Draft("A", "first"), Draft("B", "second")])


def test_an_empty_pair_is_discarded_but_one_with_anything_in_it_is_kept():
    session = PodSession(Pod())
    statement, _ = session.add_item("danger_statements")
    session.ensure_goal(statement.id)
    assert session.discard_empty_pair(statement.id, session.undo_depth)
    assert session.pod.danger_statements == [] and session.pod.safety_goals == []
    assert session.undo_depth == 0
    kept, _ = session.add_item("danger_statements")
    session.ensure_goal(kept.id).network = "Pat"
    assert not session.discard_empty_pair(kept.id)
    scaled, _ = session.add_item("danger_statements")
    session.pod.scales.append(Scale(about=scaled.id))
    assert not session.discard_empty_pair(scaled.id)


# ------------------------------------------------------------------ what empty means, one home


@given(st.sampled_from(["text", "who_is_worried", "behaviour", "example", "impact", "acknowledgement", "family_view"]),
       st.text(min_size=1).filter(str.strip))
def test_a_statement_with_any_words_is_not_empty(name, words):
    statement = DangerStatement(id="ds1")
    assert statement_is_empty(statement) and item_is_empty(statement)
    setattr(statement, name, words)
    assert not statement_is_empty(statement) and not item_is_empty(statement)
    assert not pair_is_empty(Pod(danger_statements=[statement]), "ds1")


@given(st.sampled_from(["text", "caregiver_actions", "child_experience", "professionals_will_see", "duration", "network"]),
       st.text(min_size=1).filter(str.strip))
def test_a_goal_with_any_words_is_not_empty(name, words):
    goal = SafetyGoal(id="sg1")
    assert goal_is_empty(goal)
    setattr(goal, name, words)
    assert not goal_is_empty(goal)


def test_drafts_count_only_with_words_and_steps_count_owner_and_date():
    assert statement_is_empty(DangerStatement(drafts=[Draft("A", "  ")]))
    assert not goal_is_empty(SafetyGoal(drafts=[Draft("A", "words")]))
    assert item_is_empty(NextStep()) and not item_is_empty(NextStep(owner="Jo"))
    assert not item_is_empty(NextStep(due=dt.date(2026, 12, 1))) and item_is_empty(MapItem("  "))


def test_the_record_leaves_out_an_empty_statement_but_keeps_one_with_a_family_view():
    pod = Pod(danger_statements=[DangerStatement(id="ds1"), DangerStatement(id="ds2", family_view="Dad disagrees")])
    record = render_markdown(pod)
    assert "Dad disagrees" in record


# ------------------------------------------------------------------ people, scales, planning, reflection


def test_people_are_added_changed_and_removed_with_undo():
    session = PodSession(Pod())
    amy = session.add_person(Person(name="Amy"))
    assert amy.id == "p1"
    session.change_person("p1", Person(name="Amy R", age=6))
    assert session.pod.people == [Person(id="p1", name="Amy R", age=6)]
    session.remove_person("p1")
    assert session.pod.people == [] and session.remove_person("p1") is None
    assert session.undo().about == ("person", "p1") and session.pod.people[0].name == "Amy R"
    # Changing someone who is gone (undone meanwhile) keeps the typing as a new person.
    session.undo()
    session.undo()
    back = session.change_person("p1", Person(name="Amy again"))
    assert session.pod.people == [back]


def test_participants_without_a_name_are_not_kept():
    session = PodSession(Pod())
    assert session.set_participants([Participant("Jo", "manager"), Participant("", "member")])
    assert session.pod.participants == [Participant("Jo", "manager")]
    assert not session.set_participants([Participant("Jo", "manager")])


def test_scores_are_saved_changed_removed_and_revealed():
    session = PodSession(Pod())
    first = ScaleScore(who="Jo", score=3)
    session.save_score("overall", None, first)
    changed = ScaleScore(who="Jo", score=6)
    session.save_score("overall", first, changed)
    assert session.pod.scale_for("overall").scores == [changed]
    session.set_scale_question("overall", "")
    assert session.pod.scale_for("overall").question  # the default, never empty
    session.remove_score("overall", changed)
    assert session.pod.scale_for("overall").scores == []
    session.set_scaling_mode("hidden")
    session.reveal("overall")
    from gq_pods import scaling

    assert scaling.mode(session.pod) == "hidden" and scaling.is_revealed(session.pod, "overall")
    assert session.undo().label == "Remove Jo's score"


def test_the_plan_lists_add_change_and_remove():
    session = PodSession(Pod())
    line = BottomLine("No drinking at home")
    assert session.add_to_plan("bottom_lines", line) == 0
    assert session.change_in_plan("bottom_lines", line, BottomLine("No drinking")) == 0
    gone = Contingency("If Dad drinks")
    assert session.change_in_plan("contingencies", gone, Contingency("If Dad drinks, call Pat")) == 0
    assert session.remove_from_plan("bottom_lines", 0) == BottomLine("No drinking")
    assert session.pod.bottom_lines == [] and len(session.pod.contingencies) == 1
    with pytest.raises(KeyError):
        session.plan_list("people")


def test_reflection_and_details_are_plain_fields():
    session = PodSession(Pod())
    assert session.set_reflection("learning", "listen more")
    assert session.set_pod("case_reason", "stuck")
    assert session.pod.reflection.learning == "listen more" and session.version == 2


# ------------------------------------------------------------------ words


@pytest.mark.parametrize(
    "label,one",
    [("Danger statements", "Danger statement"), ("Worries", "Worry"), ("Safety goals", "Safety goal"),
     ("Analysis", "Analysis"), ("Bus", "Bus"), ("Goal", "Goal"), (" Concerns ", "Concern")],
)
def test_singular(label, one):
    assert singular(label) == one


# ------------------------------------------------------------------ the stages


def test_moving_to_a_stage_needs_saving_but_redraws_nothing():
    from gq_pods.stages import stages_for

    plan = stages_for("group_supervision")
    session = PodSession(Pod())
    record = session.enter_stage(plan, plan.stages[2])
    assert session.pod.current_stage == plan.stages[2].key and record.key == plan.stages[2].key
    assert session.dirty and session.version == 0  # saved soon; no panel has anything new to show
    session.enter_stage(plan, plan.stages[0])
    assert [r.key for r in session.pod.stages] == [plan.stages[0].key, plan.stages[2].key]  # plan order
    session.mark_saved(session.revision)
    assert not session.dirty
    session.finish()
    assert session.pod.status == "complete" and session.dirty
