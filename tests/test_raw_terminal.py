"""No sequence from a pod's text reaches the terminal: every byte the real program sends is recorded.

A pod whose text holds escape sequences (a database written before imports were
cleaned, or by another tool) once sent them to the terminal as soon as an edit
box showed them: the screen cleared, the clipboard was written, the window was
retitled. Here such a pod goes straight into the database, the real program in
a real terminal (tmux) opens every kind of edit box on it and takes a paste
with controls in it, and the raw output is searched for what was injected.
"""

from __future__ import annotations

import sqlite3

from gq_pods.model import MapItem, Participant, Person, Pod, PodMap
from tests.terminal import database_url, import_pod, make_env, open_pod_in_terminal, poll
from tests.test_storage_clean import CONTROLS, stored_text

# Clear the screen; write "Hello" to the clipboard (OSC 52); retitle the window (OSC 0);
# clear the screen again with a one-byte C1 CSI; reverse the line (a bidi override and isolate).
INJECTED = "\x1b[2J\x1b]52;c;SGVsbG8=\x07\x1b]0;PWNED\x07\x9b2J\u202e\u2066"
SEEN = "[2J]52;c;SGVsbG8=]0;PWNED2J"  # what is left of it once cleaned: letters, harmless

# A paste: a C1 CSI, a bidi override, a bell, then an escape sequence (which the
# terminal parser itself takes apart; the controls before it reach the paste as they are).
PASTED = "Pasted\x9b2J\u202e\u2066 words\x07\x1b]0;PWNED\x07"

NEVER = {
    "clear screen": "\x1b[2J",
    "clipboard write (OSC 52)": "\x1b]52;",
    "window title (OSC 0)": "\x1b]0;PWNED",
    "C1 CSI": "\x9b",
    "bidi override": "\u202e",
    "bidi isolate": "\u2066",
}


def stored_harm(env: dict[str, str]) -> list[str]:
    con = sqlite3.connect(database_url(env).removeprefix("sqlite:///"))
    try:
        return [text for (text,) in con.execute("SELECT text FROM map_items WHERE section = 'harm' ORDER BY position")]
    finally:
        con.close()


def test_escape_sequences_in_a_pod_and_a_paste_never_reach_the_terminal_or_stay_in_the_database(tmp_path):
    env = make_env(tmp_path / "home")
    pod = Pod(
        case_reference=f"Family K{INJECTED}",
        team=f"North Team{INJECTED}",
        style="group_supervision",
        participants=[Participant(f"Sam{INJECTED} Patel", "facilitator"), Participant("JR", "presenter")],
        people=[Person("p1", f"Amy{INJECTED} Carter", "child", "family", 3, True)],
        map=PodMap(harm=[MapItem(f"Dad shouted{INJECTED}")]),
        current_stage="set_up",
    )
    import_pod(env, pod, tmp_path)  # straight into the database, as an older release could have left it
    assert any("\x1b]52;" in text for text in stored_text(database_url(env)))

    term = open_pod_in_terminal(env, "Family K", 120, 40, record=tmp_path / "terminal-output")
    try:
        # The set-up stage opens on the Pod tab's form: the team and each participant in edit boxes.
        term.wait_for("North Team")
        # The participants sit below the pod's details: Tab down the form until they show.
        for _ in range(30):
            if poll(lambda: "Sam" in term.screen(), timeout=1.0):
                break
            term.send("Tab")
        term.wait_for("Sam")

        term.send("F8")
        term.wait_for("Stage 2 of 12: Focus question")
        term.send("F8")
        term.wait_for("Stage 3 of 12: Genogram")
        term.send("e")  # change the person chosen: their name in an edit box
        term.wait_for("Change the details of")
        term.wait_for("Amy")
        term.send("Escape")
        term.wait_until(lambda: "Change the details of" not in term.screen(), "the person's form closing")

        term.send("F8")
        term.wait_for("Stage 4 of 12")
        term.send("F8")
        term.wait_for("Stage 5 of 12")
        term.send("F8")
        term.wait_for("Stage 6 of 12: Worries")
        term.send("Enter")  # edit the worry in place
        term.wait_for("escape or ctrl+s: done")
        term.paste(PASTED)
        term.wait_until(lambda: any("Pasted" in text and "words" in text for text in stored_harm(env)), "the paste saved")
        term.send("Escape")
        term.wait_until(lambda: "escape or ctrl+s: done" not in term.screen(), "the editor closing")

        term.wait_until(lambda: "Saved" in term.screen() and "Saving..." not in term.screen(), "'Saved' on screen")
        term.send("C-q")
        assert term.exit_status() == 0
        output = term.recorded()
    finally:
        term.close()

    reached = [what for what, sequence in NEVER.items() if sequence in output]
    assert reached == [], f"reached the terminal: {reached}"
    for shown in (f"North Team{SEEN}", f"Sam{SEEN} Patel", f"Amy{SEEN} Carter"):
        assert shown in output  # the edit boxes did show the text, without its controls
    # The save that took the paste wrote the whole pod again: nothing anywhere holds a control.
    assert [t for t in stored_text(database_url(env)) if CONTROLS.search(t)] == []
    (harm,) = stored_harm(env)
    assert harm.startswith(f"Dad shouted{SEEN}") and "Pasted" in harm and "2J words" in harm
