"""Following up a case in a real terminal at 80x24 (tmux), as a facilitator would: a pod held
on 3 November is followed up from the pods list, last time's steps are answered, the carried
map reviewed, everyone scores beside last time's scores, the case over time is read and the
record exported, saying what changed since the last pod."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from screens.followup import long_day, short_day
from storage.repository import Repository
from tests.terminal import GQ_PODS, Terminal, database_url, import_pod, keys, make_env
from tests.test_followup_walk import held_pod



def test_follow_up_a_case_at_80x24(tmp_path):
    env = make_env(tmp_path / "home")
    held_id = import_pod(env, held_pod(), tmp_path)
    term = Terminal([str(GQ_PODS)], env, 80, 24)
    try:
        term.wait_for("Family W")
        keys(term, "f")
        term.wait_for("Start a follow-up pod for Family W?")
        keys(term, "Enter")

        # Last time's steps, asked as the new pod opens: the first done, the second not (why).
        term.wait_for("Last time's next steps (the pod on 3 November 2026)")
        screen = term.wait_for("2. GP letter about [Mum]'s sleep")
        assert "Owner: JR  ·  Due: 20 November 2026  ·  Agreed" in screen
        keys(term, "Enter")
        term.wait_for("No longer needed")
        keys(term, "Down", "Enter", "Tab")
        term.type("KB")
        keys(term, "Tab", "Enter")
        term.wait_for("No longer needed")
        keys(term, "Down", "Down", "Enter")
        term.wait_for("Why not done?")
        keys(term, "Tab", "Tab")
        term.type("Gran was in hospital")
        keys(term, "C-s")
        term.wait_for("Saved: 2 answers")

        # The map carried over: each item says it is from last time; t, n and c review them.
        keys(term, "F2")
        term.wait_for("From last time: 3 of 3 still to review")
        assert "From last time: not reviewed yet" in term.screen()
        keys(term, "t")
        term.wait_for("From last time: 2 of 3 still to review")
        assert "From last time: Still true" in term.screen()
        keys(term, "n")
        term.wait_for("From last time: 1 of 3 still to review")
        keys(term, "c")
        term.wait_for("escape or ctrl+s: done")
        term.type(" and on Fridays")
        keys(term, "Escape")
        screen = term.wait_for("From last time: Changed")  # the editor closed
        assert "From last time: 3 items, all reviewed." in screen

        # Scaling: last time's scores beside the scale; everyone scores again.
        keys(term, "F3")
        term.wait_for("Go to which stage?")
        keys(term, *["Down"] * 9, "Enter")
        term.wait_for("Last time (3 Nov): 3, 4, 4 — median 4")
        for name, score in (("JR", "5"), ("KB", "6"), ("VL", "6")):
            keys(term, "n")
            term.wait_for(f"Score for {name}")
            keys(term, score, "C-s")
        term.wait_for("Spread: Lowest 5, highest 6")

        # The case over time: what moved, and the chart.
        keys(term, "C-o")
        screen = term.wait_for("Overall: 4 to 6")
        today = dt.date.today()  # the real program dates the follow-up pod today
        assert f"2 pods, from 3 November 2026 to {long_day(today)}." in screen
        assert "Next steps from last time: 1 of 2 done." in screen
        assert "3 Nov" in term.wait_for(short_day(today))
        keys(term, "End")
        term.wait_for("the spread, lowest to highest")
        keys(term, "Escape")
        term.wait_for("Spread: Lowest 5, highest 6")

        # The record, exported, says what changed since the last pod.
        keys(term, "C-e")
        term.wait_for("Export the pod record")
        keys(term, "C-s")
        term.wait_for("Exported to")
        keys(term, "Escape")
        term.wait_for("Saved")
        keys(term, "C-q")
        assert term.exit_status() == 0
    finally:
        term.close()

    records = list((Path(env["GQ_PODS_HOME"]) / "exports").glob("*.md"))
    assert len(records) == 1
    assert "Since the last pod on 3 November 2026: scale 4 to 6; next steps 1 of 2 done." in records[0].read_text()
    repo = Repository.open(database_url(env))
    try:
        held = repo.get_pod(held_id)
        (new_id,) = [pod_id for pod_id in repo.chain_ids(held_id) if pod_id != held_id]
        new = repo.get_pod(new_id)
    finally:
        repo.close()
    assert [(s.outcome, s.outcome_reason, s.outcome_by) for s in held.map.next_steps] == [
        ("done", "", "KB"),
        ("not_done", "Gran was in hospital", "KB"),
    ]
    assert new.follows == held_id
    assert [i.carried for i in new.map.harm + new.map.complicating_factors + new.map.existing_strengths] == [
        "still_true",
        "no_longer",
        "changed",
    ]
    assert new.map.existing_strengths[0].text == "Gran collects Tom from school and on Fridays"
    assert sorted(s.score for s in new.scale_for("overall").scores) == [5, 6, 6]
