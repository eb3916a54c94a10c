"""Two copies changed one pod: the three-way merge keeps both, and reports only true clashes."""

from __future__ import annotations

import copy
import datetime as dt

from hypothesis import example, given, settings
from hypothesis import strategies as st

from gq_pods.merge import choose, merge
from gq_pods.model import (
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
    StageRecord,
)
from tests.factories import full_pod


def sides(base: Pod) -> tuple[Pod, Pod]:
    return copy.deepcopy(base), copy.deepcopy(base)


def texts(items: list) -> list[str]:
    return [item.text for item in items]


# ---------------------------------------------------------------- nothing changed, or one side


def test_unchanged_sides_give_the_base_back_and_no_clash():
    base = full_pod(id=7)
    mine, theirs = sides(base)
    merged = merge(base, mine, theirs)
    assert merged.pod == base
    assert merged.clashes == []


def test_one_side_changed_takes_that_side_whole():
    base = full_pod(id=7)
    mine, theirs = sides(base)
    theirs.title = "Their title"
    theirs.map.harm.append(MapItem("Their new worry"))
    theirs.people[0].name = "Their name"
    merged = merge(base, mine, theirs)
    assert merged.pod == theirs
    assert merged.clashes == []


def test_the_merged_pod_shares_nothing_with_the_inputs():
    base = full_pod(id=7)
    mine, theirs = sides(base)
    theirs.map.harm.append(MapItem("x"))
    merged = merge(base, mine, theirs)
    merged.pod.map.harm[0].text = "changed after"
    merged.pod.people[0].name = "changed after"
    assert theirs.map.harm[0].text != "changed after"
    assert mine.people[0].name != "changed after"
    assert base.people[0].name != "changed after"


def test_the_merged_pod_keeps_this_copys_database_id():
    base = Pod(id=3)
    mine, theirs = sides(base)
    theirs.id = None
    mine.title = "a"
    theirs.team = "b"
    assert merge(base, mine, theirs).pod.id == 3


# ---------------------------------------------------------------- the case from the issue


def test_alpha_bravo_charlie_every_item_is_kept_in_the_order_it_was_saved():
    base = Pod(id=1)
    base.map.harm = [MapItem("ALPHA")]
    mine, theirs = sides(base)
    theirs.map.harm.append(MapItem("BRAVO"))  # saved first, by the other copy
    mine.map.harm.append(MapItem("CHARLIE"))
    merged = merge(base, mine, theirs)
    assert texts(merged.pod.map.harm) == ["ALPHA", "BRAVO", "CHARLIE"]
    assert merged.clashes == []


# ---------------------------------------------------------------- plain fields


def test_different_fields_changed_on_each_side_combine_without_asking():
    base = full_pod(id=1)
    mine, theirs = sides(base)
    mine.title = "My title"
    theirs.focus_question = "Their question"
    mine.reflection.learning = "My learning"
    theirs.reflection.pleased_with = "Their pleasure"
    theirs.manager_present = not base.manager_present
    theirs.date = dt.date(2027, 1, 2)
    merged = merge(base, mine, theirs)
    assert (merged.pod.title, merged.pod.focus_question) == ("My title", "Their question")
    assert (merged.pod.reflection.learning, merged.pod.reflection.pleased_with) == ("My learning", "Their pleasure")
    assert merged.pod.manager_present is theirs.manager_present
    assert merged.pod.date == dt.date(2027, 1, 2)
    assert merged.clashes == []


def test_both_changing_one_field_the_same_way_is_no_clash():
    base = Pod(id=1, title="old")
    mine, theirs = sides(base)
    mine.title = theirs.title = "new"
    merged = merge(base, mine, theirs)
    assert merged.pod.title == "new"
    assert merged.clashes == []


def test_both_changing_one_field_differently_keeps_mine_and_reports_both_texts():
    base = Pod(id=1, focus_question="old")
    mine, theirs = sides(base)
    mine.focus_question = "Mine: will Dad stop drinking?"
    theirs.focus_question = "Theirs: how does Mum keep Sara safe?"
    merged = merge(base, mine, theirs)
    assert merged.pod.focus_question == mine.focus_question
    (clash,) = merged.clashes
    assert clash.kind == "changed"
    assert clash.where == "Pod details: focus question"
    assert (clash.mine_text, clash.theirs_text) == (mine.focus_question, theirs.focus_question)


def test_reflection_clash_says_reflection():
    base = Pod(id=1)
    mine, theirs = sides(base)
    mine.reflection.learning = "a"
    theirs.reflection.learning = "b"
    (clash,) = merge(base, mine, theirs).clashes
    assert clash.where == "Reflection, learning"


def test_stage_time_keeps_the_larger_count_and_never_asks():
    base = Pod(id=1, stages=[StageRecord("worries", "Worries", "", 60)], current_stage="worries")
    mine, theirs = sides(base)
    mine.stages[0].seconds_spent = 90
    theirs.stages[0].seconds_spent = 75
    mine.current_stage = "people"
    theirs.current_stage = "scaling"
    merged = merge(base, mine, theirs)
    assert merged.pod.stages[0].seconds_spent == 90
    assert merged.pod.current_stage == "people"
    assert merged.clashes == []


def test_extra_combines_key_by_key():
    base = Pod(id=1, extra={"gq_pods_scaling": {"mode": "open", "revealed": {}}, "kept": 1})
    mine, theirs = sides(base)
    mine.extra["gq_pods_scaling"]["revealed"]["overall"] = True
    theirs.extra["gq_pods_scaling"]["mode"] = "hidden"
    theirs.extra["theirs"] = "x"
    del theirs.extra["kept"]
    merged = merge(base, mine, theirs)
    assert merged.pod.extra == {"gq_pods_scaling": {"mode": "hidden", "revealed": {"overall": True}}, "theirs": "x"}


# ---------------------------------------------------------------- lists without keys


def test_items_added_at_different_places_land_where_each_was_added():
    base = Pod(id=1)
    base.map.harm = [MapItem("one"), MapItem("two"), MapItem("three")]
    mine, theirs = sides(base)
    mine.map.harm.insert(1, MapItem("mine after one"))
    theirs.map.harm.insert(3, MapItem("theirs at the end"))
    theirs.map.harm.insert(0, MapItem("theirs first"))
    merged = merge(base, mine, theirs)
    assert texts(merged.pod.map.harm) == ["theirs first", "one", "mine after one", "two", "three", "theirs at the end"]


def test_the_same_item_added_by_both_is_kept_once():
    base = Pod(id=1)
    mine, theirs = sides(base)
    mine.map.grey_areas.append(MapItem("Nan's health"))
    theirs.map.grey_areas.append(MapItem("Nan's health"))
    assert texts(merge(base, mine, theirs).pod.map.grey_areas) == ["Nan's health"]


def test_deleted_on_one_side_and_unchanged_on_the_other_is_deleted():
    base = Pod(id=1)
    base.map.existing_strengths = [MapItem("a"), MapItem("b"), MapItem("c")]
    mine, theirs = sides(base)
    del mine.map.existing_strengths[1]
    del theirs.map.existing_strengths[2]
    merged = merge(base, mine, theirs)
    assert texts(merged.pod.map.existing_strengths) == ["a"]
    assert merged.clashes == []


def test_edited_on_one_side_and_deleted_on_the_other_keeps_the_edit_and_says_so():
    base = Pod(id=1)
    base.map.harm = [MapItem("Sara was hurt"), MapItem("b")]
    mine, theirs = sides(base)
    mine.map.harm[0].text = "Sara was hurt on her arm in March"
    del theirs.map.harm[0]
    merged = merge(base, mine, theirs)
    assert texts(merged.pod.map.harm) == ["Sara was hurt on her arm in March", "b"]
    (clash,) = merged.clashes
    assert clash.kind == "deleted"
    assert clash.where == "Map: Harm, item 1"
    assert clash.mine_text == "Sara was hurt on her arm in March"
    assert clash.theirs is None and clash.theirs_text == "(deleted)"

    # and the other way round: they changed what I deleted
    merged = merge(base, theirs, mine)
    assert texts(merged.pod.map.harm) == ["Sara was hurt on her arm in March", "b"]
    (clash,) = merged.clashes
    assert clash.mine is None and clash.theirs_text == "Sara was hurt on her arm in March"


def test_edits_to_different_items_in_one_list_combine():
    base = Pod(id=1)
    base.bottom_lines = [_bl("Dad does not drive after drinking"), _bl("Mum calls the nursery")]
    mine, theirs = sides(base)
    mine.bottom_lines[0].text = "Dad does not drive after drinking, ever"
    theirs.bottom_lines[1].text = "Mum calls the nursery every Monday"
    merged = merge(base, mine, theirs)
    assert texts(merged.pod.bottom_lines) == [mine.bottom_lines[0].text, theirs.bottom_lines[1].text]
    assert merged.clashes == []


def test_both_editing_one_map_item_differently_is_a_clash_with_both_texts():
    base = Pod(id=1)
    base.map.harm = [MapItem("Dad hit Sara"), MapItem("other")]
    mine, theirs = sides(base)
    mine.map.harm[0].text = "Dad hit Sara with a belt"
    theirs.map.harm[0].text = "Dad hit Sara in June"
    merged = merge(base, mine, theirs)
    assert texts(merged.pod.map.harm) == ["Dad hit Sara with a belt", "other"]
    (clash,) = merged.clashes
    assert (clash.kind, clash.where) == ("changed", "Map: Harm, item 1")
    assert (clash.mine_text, clash.theirs_text) == ("Dad hit Sara with a belt", "Dad hit Sara in June")


def test_a_next_step_changed_in_different_fields_combines_field_by_field():
    base = Pod(id=1)
    base.map.next_steps = [NextStep("Visit Nan", "", None, "idea")]
    mine, theirs = sides(base)
    mine.map.next_steps[0].owner = "Sam"
    theirs.map.next_steps[0].due = dt.date(2027, 1, 5)
    merged = merge(base, mine, theirs)
    assert merged.pod.map.next_steps == [NextStep("Visit Nan", "Sam", dt.date(2027, 1, 5), "idea")]
    assert merged.clashes == []


def test_a_next_steps_owner_changed_both_ways_says_which_step_and_field():
    base = Pod(id=1)
    base.map.next_steps = [NextStep("a"), NextStep("Visit Nan")]
    mine, theirs = sides(base)
    mine.map.next_steps[1].owner = "Sam"
    theirs.map.next_steps[1].owner = "Priya"
    (clash,) = merge(base, mine, theirs).clashes
    assert clash.where == "Next step 2, owner"
    assert (clash.mine, clash.theirs) == ("Sam", "Priya")


def test_participants_scores_and_drafts_merge_as_lists():
    base = full_pod(id=1)
    mine, theirs = sides(base)
    mine.participants.append(Participant("Ann", "member"))
    theirs.participants.append(Participant("Bob", "scribe"))
    mine.scales[0].scores.append(ScaleScore("Ann", 6, "mine"))
    theirs.scales[0].scores.append(ScaleScore("Bob", 4, "theirs"))
    mine.danger_statements[0].drafts.append(Draft("AA", "my draft"))
    theirs.danger_statements[0].drafts.append(Draft("BB", "their draft"))
    merged = merge(base, mine, theirs)
    assert [p.name for p in merged.pod.participants][-2:] == ["Bob", "Ann"]
    assert [s.who for s in merged.pod.scales[0].scores][-2:] == ["Bob", "Ann"]
    assert [d.text for d in merged.pod.danger_statements[0].drafts][-2:] == ["their draft", "my draft"]
    assert merged.clashes == []


def test_an_item_added_next_to_an_edited_one_is_not_taken_for_the_edit():
    base = Pod(id=1)
    base.map.harm = [MapItem("Sara was left alone at night")]
    mine, theirs = sides(base)
    mine.map.harm = [MapItem("Something else entirely new"), MapItem("Sara was left alone at night twice")]
    theirs.map.harm = [MapItem("Sara was left alone at night, aged 4")]
    merged = merge(base, mine, theirs)
    assert "Something else entirely new" in texts(merged.pod.map.harm)
    (clash,) = merged.clashes
    assert (clash.mine, clash.theirs) == ("Sara was left alone at night twice", "Sara was left alone at night, aged 4")


# ---------------------------------------------------------------- items with ids


def test_people_merge_by_id_field_by_field():
    base = Pod(id=1, people=[Person("p1", "Sara", "child"), Person("p2", "Mum", "mother")])
    mine, theirs = sides(base)
    mine.people[0].age = 4
    theirs.people[0].in_household = True
    theirs.people.reverse()  # the other copy's order does not undo anything here
    merged = merge(base, mine, theirs)
    assert merged.pod.people[0] == Person("p1", "Sara", "child", "family", 4, True)
    assert merged.clashes == []


def test_people_added_by_both_under_the_same_new_id_are_both_kept():
    base = Pod(id=1, people=[Person("p1", "Sara")])
    mine, theirs = sides(base)
    mine.people.append(Person("p2", "Nan"))
    theirs.people.append(Person("p2", "Uncle Joe"))
    merged = merge(base, mine, theirs)
    # the other copy's first (it was saved first), under a new id
    assert [(p.id, p.name) for p in merged.pod.people] == [("p1", "Sara"), ("p3", "Uncle Joe"), ("p2", "Nan")]
    assert merged.clashes == []


def test_a_new_danger_statement_from_each_side_keeps_its_goal_and_scale():
    base = Pod(id=1)
    mine, theirs = sides(base)
    mine.danger_statements.append(DangerStatement("ds1", text="mine"))
    mine.safety_goals.append(SafetyGoal("sg1", "ds1", text="my goal"))
    theirs.danger_statements.append(DangerStatement("ds1", text="theirs"))
    theirs.safety_goals.append(SafetyGoal("sg1", "ds1", text="their goal"))
    theirs.scales.append(Scale("ds1", "q", [ScaleScore("Bob", 3)]))
    merged = merge(base, mine, theirs).pod
    assert [(s.id, s.text) for s in merged.danger_statements] == [("ds2", "theirs"), ("ds1", "mine")]
    assert merged.goal_for("ds1").text == "my goal"
    assert merged.goal_for("ds2").text == "their goal"
    assert merged.scale_for("ds2").scores[0].who == "Bob"
    assert merged.scale_for("ds1") is None


def test_a_danger_statement_changed_in_different_parts_combines():
    base = Pod(id=1, danger_statements=[DangerStatement("ds1", behaviour="drinks")])
    mine, theirs = sides(base)
    mine.danger_statements[0].behaviour = "drinks and drives"
    theirs.danger_statements[0].impact = "Sara could be badly hurt"
    merged = merge(base, mine, theirs)
    s = merged.pod.danger_statements[0]
    assert (s.behaviour, s.impact) == ("drinks and drives", "Sara could be badly hurt")
    assert merged.clashes == []


def test_a_danger_statements_wording_changed_both_ways_names_the_statement():
    base = Pod(id=1, danger_statements=[DangerStatement("ds1"), DangerStatement("ds2", text="old")])
    mine, theirs = sides(base)
    mine.danger_statements[1].text = "mine"
    theirs.danger_statements[1].text = "theirs"
    (clash,) = merge(base, mine, theirs).clashes
    assert clash.where == "Danger statement 2, wording"


def test_a_person_deleted_there_and_changed_here_is_kept_and_reported():
    base = Pod(id=1, people=[Person("p1", "Sara"), Person("p2", "Mum")])
    mine, theirs = sides(base)
    mine.people[1].relationship = "mother"
    del theirs.people[1]
    merged = merge(base, mine, theirs)
    assert [p.name for p in merged.pod.people] == ["Sara", "Mum"]
    (clash,) = merged.clashes
    assert (clash.kind, clash.where, clash.theirs) == ("deleted", "Person 2", None)
    assert "Mum" in clash.mine_text and "mother" in clash.mine_text


def test_a_statement_deleted_here_and_changed_there_comes_back():
    base = Pod(id=1, danger_statements=[DangerStatement("ds1", text="a"), DangerStatement("ds2", text="b")])
    mine, theirs = sides(base)
    del mine.danger_statements[0]
    theirs.danger_statements[0].text = "a, changed"
    merged = merge(base, mine, theirs)
    assert [s.text for s in merged.pod.danger_statements] == ["a, changed", "b"]
    assert merged.clashes[0].kind == "deleted" and merged.clashes[0].mine is None


def test_a_person_deleted_there_and_untouched_here_goes():
    base = Pod(id=1, people=[Person("p1", "Sara"), Person("p2", "Mum")])
    mine, theirs = sides(base)
    del theirs.people[0]
    mine.title = "x"
    merged = merge(base, mine, theirs)
    assert [p.id for p in merged.pod.people] == ["p2"]
    assert merged.clashes == []


# ---------------------------------------------------------------- choosing a side


def test_choosing_theirs_puts_their_text_in_place():
    base = Pod(id=1, title="old")
    base.map.harm = [MapItem("Sara was hurt")]
    base.danger_statements = [DangerStatement("ds1", behaviour="b")]
    mine, theirs = sides(base)
    mine.title, theirs.title = "mine", "theirs"
    mine.map.harm[0].text, theirs.map.harm[0].text = "Sara was hurt (mine)", "Sara was hurt (theirs)"
    mine.danger_statements[0].behaviour, theirs.danger_statements[0].behaviour = "b mine", "b theirs"
    merged = merge(base, mine, theirs)
    assert len(merged.clashes) == 3
    choose(merged.pod, [(c, "theirs") for c in merged.clashes])
    assert merged.pod.title == "theirs"
    assert texts(merged.pod.map.harm) == ["Sara was hurt (theirs)"]
    assert merged.pod.danger_statements[0].behaviour == "b theirs"


def test_choosing_the_side_that_deleted_deletes_and_later_places_stay_right():
    base = Pod(id=1)
    base.map.harm = [MapItem("first item"), MapItem("second item"), MapItem("third")]
    mine, theirs = sides(base)
    mine.map.harm[0].text = "first item, edited"
    mine.map.harm[2].text = "third edited mine"
    del theirs.map.harm[0]
    theirs.map.harm[1].text = "third edited theirs"
    merged = merge(base, mine, theirs)
    assert [c.kind for c in merged.clashes] == ["deleted", "changed"]
    choose(merged.pod, [(merged.clashes[0], "theirs"), (merged.clashes[1], "theirs")])
    assert texts(merged.pod.map.harm) == ["second item", "third edited theirs"]


def test_keeping_mine_leaves_the_merged_pod_as_it_was():
    base = Pod(id=1, title="old")
    mine, theirs = sides(base)
    mine.title, theirs.title = "mine", "theirs"
    merged = merge(base, mine, theirs)
    before = copy.deepcopy(merged.pod)
    choose(merged.pod, [(c, "mine") for c in merged.clashes])
    assert merged.pod == before


# ---------------------------------------------------------------- random edits on both sides


def _bl(text: str):
    from gq_pods.model import BottomLine

    return BottomLine(text)


WORDS = ["Dad", "Mum", "Sara", "nursery", "drinks", "school", "Nan", "visits", "police", "health visitor"]
NEW_WORDS = ["Uncle Joe", "swimming", "bruise", "GP", "shouting", "bedtime", "neighbour", "cousin"]


@st.composite
def edited_twice(draw):
    """A base list of distinct texts, and each side's random adds, deletes and edits of it."""
    counter = iter(range(10_000))
    base = [f"base {n}: " + " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4)))
            for n in range(draw(st.integers(0, 6)))]

    def side(name: str) -> tuple[list[str], set[str], dict[str, str], set[str]]:
        items = list(base)
        added: set[str] = set()
        edited: dict[str, str] = {}  # base text -> new text
        deleted: set[str] = set()
        for _ in range(draw(st.integers(0, 5))):
            op = draw(st.sampled_from(["add", "delete", "edit"]))
            if op == "add":
                # something new, in other words than the base's (an edit keeps its words)
                text = f"{next(counter)} " + " ".join(draw(st.lists(st.sampled_from(NEW_WORDS), min_size=2, max_size=4)))
                items.insert(draw(st.integers(0, len(items))), text)
                added.add(text)
            else:
                untouched = [t for t in items if t in base and t not in edited and t not in deleted]
                if not untouched:
                    continue
                old = draw(st.sampled_from(untouched))
                if op == "delete":
                    items.remove(old)
                    deleted.add(old)
                else:
                    new = f"{old} ({name} edit {next(counter)})"
                    items[items.index(old)] = new
                    edited[old] = new
        return items, added, edited, deleted

    return base, side("mine"), side("theirs")


@settings(max_examples=300, deadline=None)
@given(edited_twice(), st.sampled_from(["harm", "next_steps", "bottom_lines"]))
@example(  # two different next steps, both "idea", were taken for one step edited
    (
        ["base 0: Mum", "base 1: Dad"],
        (["base 0: Mum (mine edit 0)", "base 1: Dad"], set(), {"base 0: Mum": "base 0: Mum (mine edit 0)"}, set()),
        (["1 bruise bruise", "base 1: Dad"], {"1 bruise bruise"}, {}, {"base 0: Mum"}),
    ),
    "next_steps",
)
@example(
    (
        ["base 0: Mum", "base 1: Dad"],
        (["base 1: Dad"], set(), {}, {"base 0: Mum"}),
        (["0 bruise bruise", "base 1: Dad"], {"0 bruise bruise"}, {}, {"base 0: Mum"}),
    ),
    "next_steps",
)
def test_random_edits_on_both_sides_lose_nothing_without_a_clash(case, where):
    base_texts, (m_items, m_added, m_edited, m_deleted), (t_items, t_added, t_edited, t_deleted) = case

    def pod_with(items: list[str]) -> Pod:
        pod = Pod(id=1)
        if where == "harm":
            pod.map.harm = [MapItem(t) for t in items]
        elif where == "next_steps":
            pod.map.next_steps = [NextStep(t) for t in items]
        else:
            pod.bottom_lines = [_bl(t) for t in items]
        return pod

    def items_of(pod: Pod) -> list[str]:
        if where == "harm":
            return texts(pod.map.harm)
        if where == "next_steps":
            return texts(pod.map.next_steps)
        return texts(pod.bottom_lines)

    merged = merge(pod_with(base_texts), pod_with(m_items), pod_with(t_items))
    result = items_of(merged.pod)
    def said(value) -> str | None:  # a clash's side as the item's words (None: deleted on that side)
        return getattr(value, "text", value)

    reported = {said(c.mine) for c in merged.clashes} | {said(c.theirs) for c in merged.clashes}

    # every item added on either side is in the result
    for text in m_added | t_added:
        assert text in result
    # every edit is in the result, or (both edited it) in a clash that shows it
    for text in [*m_edited.values(), *t_edited.values()]:
        assert text in result or text in reported
    for old in base_texts:
        touched_here = old in m_edited or old in m_deleted
        touched_there = old in t_edited or old in t_deleted
        # untouched by both: still there; deleted by one and untouched by the other, or by both: gone
        if not touched_here and not touched_there:
            assert old in result
        if (old in m_deleted and not touched_there) or (old in t_deleted and not touched_here):
            assert old not in result
        if old in m_deleted and old in t_deleted:
            assert old not in result
    # a clash only where both sides touched one item and at least one changed it
    both = {old for old in base_texts
            if (old in m_edited or old in m_deleted) and (old in t_edited or old in t_deleted)
            and (old in m_edited or old in t_edited)}
    for clash in merged.clashes:
        assert any(said(clash.mine) in (m_edited.get(o), None) and said(clash.theirs) in (t_edited.get(o), None)
                   for o in both)
    # nothing that was not in any side appears
    everything = set(base_texts) | set(m_items) | set(t_items)
    assert set(result) <= everything


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_random_edits_to_whole_pods_keep_every_new_item(data):
    """Whole pods: people, statements and every list get additions on both sides; all are kept."""
    base = full_pod(id=1)
    mine, theirs = sides(base)
    added: list[str] = []
    for name, pod in (("mine", mine), ("theirs", theirs)):
        for n in range(data.draw(st.integers(0, 4), label=f"{name} additions")):
            text = f"{name} addition {n}"
            kind = data.draw(st.sampled_from(["harm", "step", "person", "statement", "line", "score"]))
            if kind == "harm":
                pod.map.harm.insert(data.draw(st.integers(0, len(pod.map.harm))), MapItem(text))
            elif kind == "step":
                pod.map.next_steps.append(NextStep(text))
            elif kind == "person":
                pod.people.append(Person(pod.new_person_id(), text))
            elif kind == "statement":
                pod.danger_statements.append(DangerStatement(pod.new_statement_id(), text=text))
            elif kind == "line":
                pod.bottom_lines.insert(0, _bl(text))
            else:
                pod.scales[0].scores.append(ScaleScore(text, 5))
            added.append(text)
    merged = merge(base, mine, theirs)
    p = merged.pod
    found = (
        texts(p.map.harm) + texts(p.map.next_steps) + [x.name for x in p.people]
        + texts(p.danger_statements) + texts(p.bottom_lines) + [s.who for s in p.scales[0].scores]
    )
    for text in added:
        assert found.count(text) == 1
    assert merged.clashes == []
    assert len({s.id for s in p.danger_statements}) == len(p.danger_statements)
    assert len({x.id for x in p.people}) == len(p.people)
