"""The map in the real program, in a real terminal (tmux): typed, saved, killed, found again."""

from __future__ import annotations

import os
import signal
import subprocess

from gq_pods.model import MapItem, PodMap
from tests.terminal import GQ_PODS, Terminal, import_pod, make_env, open_pod_in_terminal, small_pod


def app_pids(term: Terminal) -> list[int]:
    """The gq-pods process under the terminal's shell (not the shell itself)."""
    shell = term.pid_of_app()
    assert shell is not None
    out = subprocess.run(["pgrep", "-P", str(shell)], capture_output=True, text=True, check=False).stdout
    return [int(pid) for pid in out.split()]


def stored_harm(tmp_path) -> list[str]:
    from storage.repository import Repository

    repo = Repository.open(f"sqlite:///{tmp_path / 'home' / 'data' / 'pods.sqlite3'}")
    try:
        return [item.text for item in repo.get_pod(repo.list_pods()[0].id).map.harm]
    finally:
        repo.close()


def test_text_typed_into_the_map_survives_sigkill(tmp_path):
    env = make_env(tmp_path / "home")
    pod = small_pod(
        "Family K", style="content_mapping", map=PodMap(harm=[MapItem("Amy was bruised in March.")]),
        current_stage="worries",
    )
    import_pod(env, pod, tmp_path)

    term = open_pod_in_terminal(env, "Family K")
    try:
        term.wait_for("What are we worried about?")
        term.wait_for("Amy was bruised in March.")
        term.send("a")
        term.wait_for("escape or ctrl+s: done")
        term.type("Mum [/] left; [@click=app.quit]")
        term.send("Enter")
        term.type("Dad shouted")
        term.wait_for("Dad shouted")
        typed = ["Amy was bruised in March.", "Mum [/] left; [@click=app.quit]\nDad shouted"]
        # Kill only once the row is in the database and the screen says so, as a person
        # would trust it: the autosave lands within a second of the last key.
        term.wait_until(lambda: stored_harm(tmp_path) == typed, "the autosave")
        term.wait_until(lambda: "Saved" in term.screen() and "Saving..." not in term.screen(), "'Saved' on screen")
        pids = app_pids(term)
        assert pids
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
        term.exit_status()
    finally:
        term.close()

    assert stored_harm(tmp_path) == typed

    again = Terminal([str(GQ_PODS)], env, 120, 40)
    try:
        again.wait_for("Family K")
        again.send("Enter")
        screen = again.wait_for("Mum [/] left; [@click=app.quit]")
        assert "Dad shouted" in screen
        again.send("C-q")
        assert again.exit_status() == 0
    finally:
        again.close()
