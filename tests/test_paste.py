"""Pasted and typed text reaches an edit box, and the pod, without control characters.

An edit box draws what it holds as it is: an escape sequence pasted into one
would clear the screen, write the clipboard or retitle the window, and then be
saved with the pod.
"""

from __future__ import annotations

import re
import sqlite3

import pytest
from textual import events
from textual.widgets import Input, TextArea

from screens.app import GqPodsApp
from screens.paste import clean_paste
from tests.factories import full_pod
from tests.pilot import open_tab, wait_until

CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x80-\x9f\u202a-\u202e\u2066-\u2069]")

# Clear the screen, write the clipboard, retitle the window, a C1 CSI, a bidi override.
HOSTILE = "North\x1b[2J \x1b]52;c;SGVsbG8=\x07Team\x1b]0;PWNED\x07 \x9b2J\u202eEast"
CLEANED = "North[2J ]52;c;SGVsbG8=Team]0;PWNED 2JEast"


def stored(db_url: str, column: str) -> str:
    """A pods column straight from the file, not through storage (which cleans what it reads)."""
    con = sqlite3.connect(db_url.removeprefix("sqlite:///"))
    try:
        return con.execute(f"SELECT {column} FROM pods").fetchone()[0]
    finally:
        con.close()


async def empty_box(pilot, pod_id: int, box_id: str):
    """Open the pod's own details with the keyboard in one of its boxes, emptied."""
    screen = await open_tab(pilot, pod_id, "details", "set_up")
    box = screen.query_one(f"#{box_id}", Input)
    box.focus()
    box.value = ""
    await pilot.pause()
    return screen, box


def test_a_paste_event_is_cleaned_and_keeps_newlines_and_tabs():
    event = clean_paste(events.Paste("a\x1b[2Jb\r\nc\td\x9b\u2066e"))
    assert event.text == "a[2Jb\nc\tde"


async def test_a_paste_into_a_box_arrives_and_is_saved_without_control_characters(db_url, repo):
    pod_id = repo.add_pod(full_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, box = await empty_box(pilot, pod_id, "details-team")
        app.post_message(events.Paste(HOSTILE))  # as the terminal sends a paste
        await wait_until(pilot, lambda: "East" in box.value, what="the paste")
        assert box.value == CLEANED
        assert screen.pod.team == CLEANED
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: stored(db_url, "team") == CLEANED, what="the save")


async def test_a_paste_into_a_text_area_keeps_its_lines_without_control_characters(db_url, repo):
    pod_id = repo.add_pod(full_pod(focus_question=""))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_tab(pilot, pod_id, "focus", "focus_question")
        area = screen.query_one("#focus-question", TextArea)
        assert area.has_focus
        app.post_message(events.Paste(f"First line\r\n{HOSTILE}"))
        await wait_until(pilot, lambda: "East" in area.text, what="the paste")
        assert area.text == f"First line\n{CLEANED}"
        assert screen.pod.focus_question == f"First line\n{CLEANED}"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: stored(db_url, "focus_question") == f"First line\n{CLEANED}", what="the save")


async def test_ctrl_v_pastes_the_apps_own_clipboard_without_control_characters(db_url, repo):
    pod_id = repo.add_pod(full_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        _, box = await empty_box(pilot, pod_id, "details-case")
        app.copy_to_clipboard(HOSTILE)
        await pilot.press("ctrl+v")
        await wait_until(pilot, lambda: "East" in box.value, what="the paste")
        assert box.value == CLEANED


# Keys whose character is a control (C0, DEL, C1), a bidi override or an isolate, as a
# terminal could send them between ordinary letters.
ODD_KEYS = [events.Key(f"odd_{n}", ch) for n, ch in enumerate("\x00\x07\x1b\x7f\x85\x9b\u202e\u2066")]


@pytest.mark.parametrize(("pane", "work", "box_id"), [("focus", "focus_question", "focus-question"),
                                                      ("details", "set_up", "details-team")])
async def test_typed_control_characters_never_reach_a_box(db_url, repo, pane, work, box_id):
    pod_id = repo.add_pod(full_pod(focus_question="", team=""))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_tab(pilot, pod_id, pane, work)
        box = screen.query_one(f"#{box_id}")
        box.focus()
        await pilot.pause()
        for key in [events.Key("a", "a"), *ODD_KEYS, events.Key("b", "b")]:
            app.post_message(key)  # as the terminal sends a key: to the focused box
        typed = (lambda: box.text) if isinstance(box, TextArea) else (lambda: box.value)
        await wait_until(pilot, lambda: "b" in typed(), what="the typing")
        assert typed() == "ab"
