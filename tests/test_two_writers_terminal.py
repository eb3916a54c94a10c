"""Two copies of the real program in two real terminals (tmux), one SQLite database, one pod.

Adding different map items in turn, every item ends up in the exported record (the issue:
A adds ALPHA, B adds BRAVO, A adds CHARLIE used to end with ALPHA and CHARLIE). Both
changing the same item at once, the copy that saved second shows both texts to choose
from. Every wait is on the screen or the database row, never a pause.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from gq_pods.model import MapItem, Pod, PodMap
from tests.terminal import GQ_PODS, Terminal, database_url, gq, import_pod, make_env, small_pod


def family_pod(*harm: str) -> Pod:
    return small_pod(
        "Family K", style="content_mapping", map=PodMap(harm=[MapItem(text) for text in harm]), current_stage="worries"
    )


def stored_harm(env: dict[str, str], pod_id: int) -> list[str]:
    from storage.repository import Repository

    repo = Repository.open(database_url(env))
    try:
        return [item.text for item in repo.get_pod(pod_id).map.harm]
    finally:
        repo.close()


def open_on_the_map(env: dict[str, str], *shown: str) -> Terminal:
    term = Terminal([str(GQ_PODS)], env, 120, 40)
    term.wait_for("Family K")
    term.send("Enter")
    term.wait_for("What are we worried about?")
    for text in shown:
        term.wait_for(text)
    return term


def add_item(term: Terminal, text: str) -> None:
    term.send("a")
    term.wait_for("escape or ctrl+s: done")
    term.type(text)
    term.wait_for(text)
    term.send("Escape")


def quit_app(term: Terminal, env: dict[str, str], pod_id: int) -> None:
    term.wait_until(lambda: "Saving..." not in term.screen(), "'Saved' on screen")
    term.send("C-q")
    assert term.exit_status() == 0


def test_two_copies_adding_in_turn_keep_every_item(tmp_path: Path):
    env = make_env(tmp_path / "home")
    pod_id = import_pod(env, family_pod("Amy was bruised in March."), tmp_path)
    a = open_on_the_map(env, "Amy was bruised in March.")
    b = open_on_the_map(env, "Amy was bruised in March.")
    try:
        add_item(a, "ALPHA from the first copy")
        a.wait_until(lambda: "ALPHA from the first copy" in stored_harm(env, pod_id), "A's ALPHA saved")
        # B never pressed a key since; it shows A's item by itself
        b.wait_for("ALPHA from the first copy")
        add_item(b, "BRAVO from the second copy")
        b.wait_until(lambda: "BRAVO from the second copy" in stored_harm(env, pod_id), "B's BRAVO saved")
        # A adds straight away, whether or not it has shown BRAVO yet: nothing is overwritten
        add_item(a, "CHARLIE from the first copy")
        add_item(b, "DELTA from the second copy")
        every = {"Amy was bruised in March.", "ALPHA from the first copy", "BRAVO from the second copy",
                 "CHARLIE from the first copy", "DELTA from the second copy"}
        a.wait_until(lambda: set(stored_harm(env, pod_id)) == every, "every item saved")
        # and each copy shows them all
        for term in (a, b):
            for text in every:
                term.wait_for(text)
        quit_app(a, env, pod_id)
        quit_app(b, env, pod_id)
    finally:
        a.close()
        b.close()

    assert sorted(stored_harm(env, pod_id)) == sorted(every)
    exported = gq(env, "export", str(pod_id), "--format", "text")
    assert exported.returncode == 0, exported.stderr
    for text in every:
        assert text in exported.stdout


def test_both_changing_one_item_shows_both_texts_to_choose_from(tmp_path: Path):
    env = make_env(tmp_path / "home")
    pod_id = import_pod(env, family_pod("Dad hit Sara"), tmp_path)
    a = open_on_the_map(env, "Dad hit Sara")
    b = open_on_the_map(env, "Dad hit Sara")
    path = Path(database_url(env).removeprefix("sqlite:///"))
    # Another program holds the database while both type, so both copies change the item
    # before either has saved: the true clash, made certain.
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        for term, words in ((a, " hard"), (b, " once")):
            term.send("Enter")  # edit the item the cursor is on
            term.wait_for("escape or ctrl+s: done")
            term.send("End")  # to the end of the line, where the words go
            term.type(words)
            term.wait_for("Dad hit Sara" + words)
            term.send("Escape")
            term.wait_until(lambda term=term: "escape or ctrl+s: done" not in term.screen(), "the box closing")
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    def clash_on(term: Terminal) -> bool:
        return "both changed this" in term.screen()

    try:
        a.wait_until(lambda: clash_on(a) or clash_on(b), "the clash shown in the copy that saved second")
        second, first = (a, b) if clash_on(a) else (b, a)
        screen = second.wait_for("Saved in another copy:")
        assert "Dad hit Sara hard" in screen and "Dad hit Sara once" in screen
        assert "Map: Harm, item 1" in screen
        theirs = "Dad hit Sara once" if second is a else "Dad hit Sara hard"  # what the first copy typed
        yours = screen.split("Yours, in this copy:")[1].split("Saved in another copy:")[0]
        assert theirs not in yours and theirs in screen.split("Saved in another copy:")[1]
        second.send("t")  # use theirs
        second.wait_until(lambda: "both changed this" not in second.screen(), "the clash dialog closing")
        quit_app(second, env, pod_id)
        first.wait_for(theirs)
        quit_app(first, env, pod_id)
    finally:
        a.close()
        b.close()

    assert stored_harm(env, pod_id) == [theirs]
    exported = gq(env, "export", str(pod_id), "--format", "text")
    assert theirs in exported.stdout
