"""A whole practice attempt in the real program, in a real terminal (tmux) at 80x24, where
the case summary shows in place of the work (F9): p, s, five sentences sorted into the map,
a danger statement and its goal, ctrl+f, compare, a rating, save, and the attempt in
progress; then the database holds the attempt and its figures."""

from __future__ import annotations

from pathlib import Path

from gq_pods import scenarios
from gq_pods.model import SECTION_LABELS
from gq_pods.practice import case_sentences
from tests.terminal import GQ_PODS, Terminal, database_url, keys, make_env
from tests.test_practice_walk import facts_to_place

SECTION_KEYS = {"harm": "1", "complicating_factors": "2", "grey_areas": "3", "existing_strengths": "4", "existing_safety": "5"}



def test_a_whole_practice_attempt_in_a_real_terminal_at_80x24(tmp_path):
    env = make_env(tmp_path / "home")
    scenario = scenarios.load_library(Path("/nonexistent-team-folder")).scenarios[0]  # first in the list
    term = Terminal([str(GQ_PODS)], env, 80, 24)
    try:
        term.wait_for("No pods yet")
        keys(term, "p")
        term.wait_for("Practise alone: choose a case")
        term.wait_for("not yet")
        keys(term, "s")
        screen = term.wait_for("(led by You)")
        assert "Stage 4 of 11: What are we worried about?" in screen
        screen = term.wait_for("f9 Case")  # the key line offers the case and comparing at 80 columns
        assert "^f Compare" in screen

        keys(term, "F9")  # the case, in place of the work at 80 columns
        term.wait_for(f"The case: {scenario.title}")
        at = 0
        for index, section in facts_to_place(scenario, 5):
            keys(term, *["Down"] * (index - at))
            keys(term, SECTION_KEYS[section])
            term.wait_for(f"Placed in {SECTION_LABELS[section]}")
            term.wait_for(f"✓ {SECTION_LABELS[section]}:")
            at = index + 1  # placing moves on to the next sentence
        keys(term, "F9")  # back to the work
        term.wait_for("Map  People")

        keys(term, "F8")
        term.wait_for("Stage 5 of 11")
        keys(term, "F8")
        term.wait_for("Stage 6 of 11: Danger statements")
        keys(term, "a")
        term.wait_for("Who is worried?")
        term.type("The police and Tom, the drug worker,")
        keys(term, "Tab")
        term.type("Kirsty falls asleep while she is looking after Bea")
        keys(term, "Tab")
        term.type("like on 3 June when Bea got out of the flat alone")
        keys(term, "Tab")
        term.type("Bea could be hit by a car")
        term.wait_for("hit by a car")
        keys(term, "Escape")
        term.wait_for("Still needs")  # the pair's list again
        keys(term, "F8")
        term.wait_for("Stage 7 of 11: Safety goals")
        keys(term, "g")
        term.wait_for("What will the parent or carer be doing?")
        term.type("Kirsty will ask Gran to look after Bea whenever she feels like using")
        keys(term, "Tab", "Tab", "Tab")
        term.type("for six months")
        term.wait_for("for six months")
        keys(term, "Escape")
        term.wait_for("Saved")

        keys(term, "C-f")
        term.wait_for("Done with this attempt?")
        keys(term, "Enter")  # "Compare with the model" has the focus
        screen = term.wait_for("Your attempt beside the model answer")
        assert "Facts placed as the model does:" in screen
        keys(term, "Tab", "Tab")  # past the key points to the rating
        term.type("6")
        keys(term, "C-s")
        term.wait_for("Comparison saved")
        # The comparison closes itself once saved; Escape is for the attempt underneath.
        term.wait_until(lambda: "beside the model answer" not in term.screen(), "the comparison closed")
        keys(term, "Escape")
        term.wait_for("once")  # Practice: the case tried once
        keys(term, "g")
        screen = term.wait_for("Your progress at practice")
        screen = term.wait_for("#1")
        assert scenario.title[:20] in screen
        keys(term, "C-q")
        assert term.exit_status() == 0
    finally:
        term.close()

    from storage.repository import Repository

    repo = Repository.open(database_url(env))
    try:
        attempts = repo.attempts()
        assert repo.list_pods() == []  # the attempt is not one of the team's pods
        assert len(attempts) == 1
        attempt = attempts[0]
        pod = repo.get_pod(attempt.pod_id)
    finally:
        repo.close()
    assert attempt.scenario_id == scenario.id and attempt.compared_at is not None
    assert attempt.facts_total == len(scenario.model_map)
    assert attempt.facts_matched >= 5
    assert attempt.statements == 1 and attempt.self_rating == 6
    assert pod.practice and len(pod.danger_statements) == 1
    assert pod.danger_statements[0].who_is_worried == "The police and Tom, the drug worker,"
    goal = pod.goal_for(pod.danger_statements[0].id)
    assert goal is not None and goal.caregiver_actions.startswith("Kirsty will ask Gran") and goal.duration == "for six months"
    placed = [item.text for section in SECTION_KEYS for item in pod.map.section(section)]
    assert len(placed) == 5 and all(text in case_sentences(scenario) for text in placed)
