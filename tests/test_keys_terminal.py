"""Every key lands where it was typed: the real program in a real terminal (tmux, 80x24),
typed into at a scribe's pace, then read back from the database field by field.

Keys go one at a time, a tenth of a second apart, Tabs included: that pace is the
person (ten keys a second), not a wait for the program. Textual acts on a Tab only
once it has bubbled back up to the app, and a busy editor on the way held it while
the next letters went into the box before it ("AP2026-12-18" as an owner); letters
typed straight after `a` went to the list instead of the editor it opened.
"""

from __future__ import annotations

import datetime as dt
import re

from gq_pods.model import Pod
from tests.terminal import GQ_PODS, Terminal, database_url, import_pod, keys, make_env, open_pod_in_terminal, small_pod

PACE = 0.1  # seconds between keys: ten keys a second


def pace(term: Terminal, *parts: str) -> None:
    """Type each key on its own, a tenth of a second apart: text (Tab as "\\t", escape as
    "\\x1b"), or a key by name ("C-s", "F8", "BTab" for Shift+Tab, "Enter", "Down")."""
    named = r"F\d+|C-.|BTab|Enter|Down"
    presses = [key for part in parts for key in ([part] if re.fullmatch(named, part) else part)]
    keys(term, *presses, pause=PACE)


def stage_number(screen: str) -> int | None:
    found = re.search(r"Stage (\d+) of \d+: ", screen)
    return int(found.group(1)) if found else None


def go_to_stage(term: Terminal, title: str) -> None:
    """F8 until the stage header says ``title`` (whatever stages the team's plan has between)."""
    wanted = re.compile(rf"Stage \d+ of \d+: {re.escape(title)}")
    for _ in range(20):
        screen = term.screen()
        if wanted.search(screen):
            return
        before = stage_number(screen)
        term.send("F8")
        term.wait_until(lambda: stage_number(term.screen()) not in (None, before), f"the stage after {before}")
    raise AssertionError(f"never reached the stage {title!r}. The screen was:\n{term.screen()}")


def stored_pod(env) -> Pod:
    from storage.repository import Repository

    repo = Repository.open(database_url(env))
    try:
        return repo.get_pod(repo.list_pods()[0].id)
    finally:
        repo.close()


def quit_saved(term: Terminal) -> None:
    term.wait_until(lambda: "Saved" in term.screen() and "Saving..." not in term.screen(), "'Saved' on screen")
    term.send("C-q")
    assert term.exit_status() == 0


def test_every_editor_keeps_every_key_at_ten_keys_a_second(tmp_path):
    env = make_env(tmp_path / "home")
    term = Terminal([str(GQ_PODS)], env, 80, 24)
    try:
        term.wait_for("No pods yet")
        term.send("n")
        term.wait_for("How will the pod run?")
        # style -> date -> team; case; reason -> first person; role, remove -> second person
        pace(term, "\t\t", "North Team", "\t", "Family W", "\t\t", "SP", "\t\t\t", "JR", "C-s")
        term.wait_for("Stage 1 of")

        go_to_stage(term, "Genogram")
        term.send("a")
        term.wait_for("Add someone around the child")
        pace(term, "KM", "\t", "mother", "\t", "34", "C-s")
        term.wait_for("Added KM")

        go_to_stage(term, "Worries")
        term.send("a")
        term.wait_for("escape or ctrl+s: done")
        pace(term, "Dad shouts at Mum", "\x1b")

        go_to_stage(term, "Danger statements")
        term.send("a")
        term.wait_for("Who is worried?")
        pace(term, "The school", "\t", "Dad shouts at Mum", "\t", "like in May", "\t", "T could be hurt", "\x1b")
        term.wait_for("Still needs")

        go_to_stage(term, "Safety goals")
        term.send("Enter")
        term.wait_for("Safety goal 1")
        term.wait_for("Build it from parts")
        pace(
            term, "Dad will talk calmly", "\t", "T feels safe", "\t", "a calm home", "\t",
            "for six months", "\t", "Nan checks weekly", "\x1b",
        )
        term.wait_for("Still needs")

        go_to_stage(term, "Next steps")
        term.send("a")
        term.wait_for("escape or ctrl+s: done")
        pace(term, "Visit Nan", "\t", "AP", "\t", "2026-12-18", "\x1b")
        quit_saved(term)
    finally:
        term.close()

    pod = stored_pod(env)
    assert (pod.team, pod.case_reference) == ("North Team", "Family W")
    assert [(p.name, p.role) for p in pod.participants] == [("SP", "facilitator"), ("JR", "presenter")]
    assert [(p.name, p.relationship, p.age) for p in pod.people] == [("KM", "mother", 34)]
    assert [item.text for item in pod.map.harm] == ["Dad shouts at Mum"]
    statement = pod.danger_statements[0]
    assert (statement.who_is_worried, statement.behaviour, statement.example, statement.impact) == (
        "The school", "Dad shouts at Mum", "like in May", "T could be hurt",
    )
    goal = pod.safety_goals[0]
    assert (
        goal.caregiver_actions, goal.child_experience, goal.professionals_will_see, goal.duration, goal.network
    ) == ("Dad will talk calmly", "T feels safe", "a calm home", "for six months", "Nan checks weekly")
    step = pod.map.next_steps[0]
    assert (step.text, step.owner, step.due) == ("Visit Nan", "AP", dt.date(2026, 12, 18))


def test_keys_typed_straight_after_a_go_into_the_editor_it_opens(tmp_path):
    env = make_env(tmp_path / "home")
    pod = small_pod("Family T", current_stage="genogram")
    import_pod(env, pod, tmp_path)
    term = open_pod_in_terminal(env, "Family T")
    try:
        term.wait_for("Stage 3 of")
        term.wait_for("Add person (a)")
        # `a` and the words in one go, as fast as a terminal sends a burst: no waiting.
        term.type("aKM")
        term.wait_for("Add someone around the child")
        term.send("C-s")
        term.wait_for("Added KM")

        go_to_stage(term, "Worries")
        term.type("aDad shouts")
        term.wait_for("escape or ctrl+s: done")
        term.send("Escape")

        go_to_stage(term, "Danger statements")
        term.wait_for("No danger statements yet")
        term.type("aThe school")
        term.wait_for("Who is worried?")
        term.send("Escape")
        term.wait_for("Still needs")
        quit_saved(term)
    finally:
        term.close()

    stored = stored_pod(env)
    assert [p.name for p in stored.people] == ["KM"]
    assert [item.text for item in stored.map.harm] == ["Dad shouts"]
    assert [s.who_is_worried for s in stored.danger_statements] == ["The school"]


def test_the_focus_scale_details_and_reflection_boxes_keep_every_key_at_ten_keys_a_second(tmp_path):
    env = make_env(tmp_path / "home")
    pod = small_pod("Family T", current_stage="set_up")
    import_pod(env, pod, tmp_path)
    term = open_pod_in_terminal(env, "Family T")
    try:
        term.wait_for("Stage 1 of")
        term.wait_for("[ ] The team manager is here")
        # The set-up stage puts the keyboard on "the manager is here": tick it, back up to the
        # team (reason, date, case, team), then Tab along every box to the next review.
        # A box that already holds text is replaced by what is typed (the case's "Family T").
        pace(
            term, " ", "BTab", "BTab", "BTab", "BTab", "East", "\t", "KT", "\t", "2026-12-11",
            "\t\t\t\t", "Go ahead", "\t", "SP", "\t", "2026-12-18",
        )

        go_to_stage(term, "Focus question")
        # focus question -> the presenter's story -> the child's views
        pace(term, "How safe is T?", "\t", "Mum rang", "\t", "I miss Nan")

        go_to_stage(term, "Scaling")
        term.wait_for("1. JR (presenter)")
        term.send("Enter")
        term.wait_for("Score for JR")
        # score -> not lower because -> up one point
        pace(term, "6", "\t", "Nan helps", "\t", "Dad calmer", "C-s")
        term.wait_for("Not lower because: Nan helps")

        go_to_stage(term, "Reflection")
        term.wait_for("Was it answered?")
        # answered (Yes) -> pleased with -> most useful -> learning
        pace(term, "Enter", "Down", "Enter", "\t", "Kept calm", "\t", "The scale", "\t", "Ask first")
        quit_saved(term)
    finally:
        term.close()

    stored = stored_pod(env)
    assert (stored.team, stored.case_reference, stored.date) == ("East", "KT", dt.date(2026, 12, 11))
    assert (stored.case_reason, stored.manager_present, stored.practice) == ("new", True, False)
    assert (stored.manager_decision, stored.record_author, stored.next_review) == (
        "Go ahead", "SP", dt.date(2026, 12, 18),
    )
    assert [(p.name, p.role) for p in stored.participants] == [("SP", "facilitator"), ("JR", "presenter")]
    assert stored.focus_question == "How safe is T?"
    assert [(r.key, r.notes) for r in stored.stages if r.notes] == [("story", "Mum rang")]
    assert stored.childs_views == "I miss Nan"
    assert [(s.about, [(x.who, x.score, x.reason, x.next_point) for x in s.scores]) for s in stored.scales] == [
        ("overall", [("JR", 6, "Nan helps", "Dad calmer")]),
    ]
    reflection = stored.reflection
    assert (
        reflection.focus_question_answered, reflection.pleased_with, reflection.most_useful, reflection.learning
    ) == ("yes", "Kept calm", "The scale", "Ask first")
