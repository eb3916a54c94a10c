"""Next steps due, from the pods list: one walk as a team manager takes it."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st
from textual.widgets import DataTable, Input, Static

from gq_pods.model import NextStep, Pod, PodMap
from screens.app import GqPodsApp
from screens.pod import PodScreen
from gq_pods.steps import DueStep
from gq_pods.text import visible
from screens.steps import PAGE, MarkStepDialog, StepsScreen, details, due_words
from tests.pilot import ready, wait_until
from tests.strategies import texts

TODAY = dt.date(2026, 12, 1)


def pod(title: str, day: dt.date, *steps: NextStep, practice: bool = False) -> Pod:
    return Pod(
        date=day, title=title, team="North", case_reference=title, manager_present=True,
        practice=practice, map=PodMap(next_steps=list(steps)),
    )


def rows(screen: StepsScreen) -> list[list[str]]:
    table = screen.query_one("#steps-table", DataTable)
    if not table.display:
        return []
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def step_texts(screen: StepsScreen) -> list[str]:
    return [row[1] for row in rows(screen)]


async def test_steps_due_listed_filtered_marked_and_opened(db_url, repo):
    amber = repo.add_pod(pod(
        "Family Amber", dt.date(2026, 11, 3),
        NextStep("Ring the school [/] about Amy", "JR", dt.date(2026, 11, 20), "agreed"),
        NextStep("Book a network meeting", "SP", None, "agreed"),
        NextStep("Already done step", "SP", dt.date(2026, 11, 10), "agreed", outcome="done"),
    ))
    birch = repo.add_pod(pod(
        "Family Birch", dt.date(2026, 11, 24),
        NextStep("Ask Gran about weekends", "JR", dt.date(2026, 12, 10), "idea"),
        NextStep("Visit at teatime", "SP", dt.date(2026, 12, 3), "agreed"),
    ))
    repo.add_pod(pod("Practice case", dt.date(2026, 11, 25), NextStep("Practice step", "JR", TODAY, "agreed"),
                     practice=True))

    app = GqPodsApp(db_url, wall_clock=lambda: dt.datetime(2026, 12, 1, 10, 0))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, StepsScreen) and app.screen.loaded, what="the steps")
        screen = app.screen
        # soonest due first, undated last; done steps and practice pods left out
        assert step_texts(screen) == [
            "Ring the school [/] about Amy", "Visit at teatime", "Ask Gran about weekends", "Book a network meeting",
        ]
        first, _, gran, undated = rows(screen)
        assert first[0] == "Overdue 20 Nov" and first[2] == "JR" and first[3] == "Agreed"
        assert gran[3] == "Idea"
        assert undated[0] == "No date"
        assert "Family Amber" in first[4]
        detail = str(screen.query_one("#steps-detail", Static).render())
        assert "overdue by 11 days" in detail

        # by owner, then by a date typed the UK way
        await pilot.press("slash", *"JR")
        await wait_until(pilot, lambda: step_texts(screen) == ["Ring the school [/] about Amy", "Ask Gran about weekends"],
                         what="JR's steps")
        await pilot.press("tab", *"5/12/2026")
        await wait_until(pilot, lambda: step_texts(screen) == ["Ring the school [/] about Amy"], what="due before 5 Dec")
        assert "Due before: read as Saturday 5 December 2026" in str(screen.query_one("#steps-note", Static).render())
        screen.query_one("#steps-owner", Input).value = ""
        screen.query_one("#steps-due", Input).value = ""
        await wait_until(pilot, lambda: len(rows(screen)) == 4, what="every step again")

        # mark "Visit at teatime" done: it leaves the list, and the pod records who and when
        await pilot.press("escape", "down", "d")
        await wait_until(pilot, lambda: isinstance(app.screen, MarkStepDialog), what="the mark dialog")
        await pilot.press(*"MG", "enter")
        await wait_until(pilot, lambda: "Visit at teatime" not in step_texts(screen), what="the row to go")
        step = repo.read_pod(birch)[0].map.next_steps[1]
        assert (step.outcome, step.outcome_on, step.outcome_by) == ("done", TODAY, "MG")

        # a slip is put back with ctrl+z
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: "Visit at teatime" in step_texts(screen), what="the row to come back")
        assert repo.read_pod(birch)[0].map.next_steps[1].outcome == ""

        # with the mouse: not done asks why and keeps the step on the list; the initials are offered again
        await pilot.click("#steps-mark-not_done")
        await wait_until(pilot, lambda: isinstance(app.screen, MarkStepDialog), what="the mark dialog")
        assert app.screen.query_one("#mark-initials", Input).value == "MG"
        await pilot.press(*"Family away", "enter", "enter")
        await wait_until(pilot, lambda: "(not done) Visit at teatime" in step_texts(screen), what="not done shown")
        step = repo.read_pod(birch)[0].map.next_steps[1]
        assert (step.outcome, step.outcome_reason, step.outcome_by) == ("not_done", "Family away", "MG")

        # Enter opens the chosen step's pod
        await pilot.press("home", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PodScreen), what="the step's pod")
        assert app.screen.pod_id == amber


@given(texts(), texts(), texts(), st.sampled_from(["", "not_done"]))
def test_a_step_in_full_shows_what_was_typed_as_typed(text, owner, reason, outcome):
    """The chosen step's details, under the list: markup in a step is shown, never read."""
    step = DueStep(7, "Family [b]A[/b]", dt.date(2026, 11, 3), 0, text, owner, dt.date(2026, 11, 20), "idea",
                   outcome, reason)
    shown = details(step, TODAY).plain
    assert (visible(text) or "(no text)") in shown
    assert visible(owner or "not set") in shown
    assert "Family [b]A[/b]" in shown and "overdue by 11 days" in shown and "An idea for supervision" in shown
    if outcome == "not_done":
        assert "Last asked: not done. " + visible(reason or "No reason given.") in shown
    else:
        assert "Last asked" not in shown


def test_when_a_step_is_due_in_words():
    assert due_words(None, TODAY) == "No date"
    assert due_words(TODAY, TODAY) == "Today"
    assert due_words(dt.date(2026, 11, 30), TODAY) == "Overdue 30 Nov"
    assert due_words(dt.date(2025, 12, 2), TODAY) == "Overdue 2 Dec 2025"  # last year's says so
    assert due_words(dt.date(2026, 12, 3), TODAY) == "3 Dec"
    assert due_words(dt.date(2027, 1, 4), TODAY) == "4 Jan 2027"


async def test_a_long_list_is_read_to_its_last_step(db_url, repo):
    """Rows are added a page at a time; End keeps going until the last step, undated, shows."""
    count = PAGE + 30
    steps = [NextStep(f"Step {n}", "JR", TODAY + dt.timedelta(days=n), "agreed") for n in range(count - 1)]
    repo.add_pod(pod("Family Long", dt.date(2026, 11, 3), *steps, NextStep("The undated one", "JR", None, "agreed")))
    app = GqPodsApp(db_url, wall_clock=lambda: dt.datetime(2026, 12, 1, 10, 0))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, StepsScreen) and app.screen.loaded, what="the steps")
        screen = app.screen
        assert f"{count} open steps." in str(screen.query_one("#steps-note", Static).render())

        table = screen.query_one("#steps-table", DataTable)
        assert table.row_count == PAGE
        await pilot.press("end")  # to the last row shown: the rest are added
        await wait_until(pilot, lambda: table.row_count == count, what="the rest of the steps")
        await pilot.press("end")
        await wait_until(pilot, lambda: screen.selected().text == "The undated one", what="the last step chosen")
        assert step_texts(screen)[-1] == "The undated one"
