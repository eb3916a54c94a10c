"""A Group Supervision pod from start to finish in a real terminal at 80x24 (tmux),
the way a facilitator drives it: new pod, every stage in turn with F8, the focus
question typed word for word, the timer running, the reflection, finish."""

from __future__ import annotations

import json

from tests.terminal import GQ_PODS, Terminal, gq, keys, make_env

GSP_TITLES = [
    "Set-up", "Focus question", "Genogram", "The presenter's story", "Appreciative opener", "Worries", "Working well",
    "Danger statements", "Safety goals", "Scaling", "Next steps", "Reflection",
]



def test_a_group_supervision_pod_from_start_to_finish_at_80x24(tmp_path):
    env = make_env(tmp_path / "home")
    term = Terminal([str(GQ_PODS)], env, 80, 24)
    try:
        term.wait_for("No pods yet")
        keys(term, "n")
        term.wait_for("How will the pod run?")
        keys(term, "Tab", "Tab")  # style -> date -> team
        term.type("North Team")
        keys(term, "Tab")
        term.type("Family W")
        keys(term, "Tab", "Tab")  # -> reason -> first person
        term.type("SP")
        keys(term, "C-s")
        term.wait_for("Stage 1 of 12: Set-up")
        keys(term, "F6")  # start the timer
        term.wait_for("Timer running")
        keys(term, "F8")
        term.wait_for("Stage 2 of 12: Focus question")
        term.type("How do we help Dad see [why] the school is worried?")
        term.wait_for("Saved")
        for number, title in enumerate(GSP_TITLES[2:], start=3):
            keys(term, "F8")
            term.wait_for(f"Stage {number} of 12: {title}")
        # the reflection shows the focus question again
        screen = term.wait_for("How do we help Dad see [why] the school is worried?")
        assert "Was it answered?" in screen
        keys(term, "C-f")
        screen = term.wait_for("Before you finish, this pod is missing")
        assert "was it answered?" in screen
        keys(term, "Enter")  # "Finish pod" has the focus
        term.wait_for("Pod finished")
        keys(term, "Escape")
        term.wait_for("Family W")
        term.wait_for("Complete")
        keys(term, "C-q")
        assert term.exit_status() == 0
    finally:
        term.close()

    listed = json.loads(gq(env, "list", "--json").stdout)
    assert [(p["case_reference"], p["status"]) for p in listed] == [("Family W", "complete")]
    record = json.loads(gq(env, "export", str(listed[0]["id"]), "--format", "json").stdout)["pod"]
    assert record["team"] == "North Team"
    assert record["focus_question"] == "How do we help Dad see [why] the school is worried?"
    assert record["participants"][0] == {"name": "SP", "role": "facilitator"}
    stages = {s["key"]: s for s in record["stages"]}
    assert [s["title"] for s in record["stages"]] == GSP_TITLES
    assert sum(s["seconds_spent"] for s in stages.values()) >= 1
    assert record["extra"]["gq_pods"]["current_stage"] == "reflection"
