"""The pod's own details, changed after it has started: who is here, the manager, the case."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Checkbox, Input, Static

from screens.app import GqPodsApp
from screens.details import DetailsPanel
from tests.factories import full_pod
from tests.pilot import open_tab, wait_until


async def saved(pilot) -> None:
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_someone_arriving_late_is_added_and_saved(db_url, repo):
    pod_id = repo.add_pod(full_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_tab(pilot, pod_id, "details", "set_up")
        screen.query_one("#details-add").focus()  # below the fold at 80x24: tab there
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"NB [late]")
        await saved(pilot)
        assert screen.pod.participants[-1].name == "NB [late]"
    stored = repo.get_pod(pod_id)
    assert [(p.name, p.role) for p in stored.participants][-1] == ("NB [late]", "member")


async def test_the_manager_leaving_turns_agreed_steps_into_ideas_and_undo_brings_them_back(db_url, repo):
    pod_id = repo.add_pod(full_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_tab(pilot, pod_id, "details", "set_up")
        box = screen.query_one("#details-manager", Checkbox)
        assert box.value and box.has_focus  # the set-up stage asks: is the manager here?
        await pilot.press("space")
        await pilot.pause()
        assert not screen.pod.manager_present
        assert [s.status for s in screen.pod.map.next_steps] == ["idea", "idea"]
        note = str(screen.query_one("#pod-details", Static).render())
        assert "ideas for the presenter to take to supervision" in note
        await saved(pilot)
        stored = repo.get_pod(pod_id)
        assert not stored.manager_present and {s.status for s in stored.map.next_steps} == {"idea"}
        await pilot.press("ctrl+z")
        await saved(pilot)
        assert screen.query_one("#details-manager", Checkbox).value
    stored = repo.get_pod(pod_id)
    assert stored.manager_present and stored.map.next_steps[0].status == "agreed"


async def test_team_case_and_a_bad_date(db_url, repo):
    pod_id = repo.add_pod(full_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_tab(pilot, pod_id, "details", "set_up")
        panel = screen.query_one(DetailsPanel)
        panel.query_one("#details-case", Input).value = "Family C2"
        panel.query_one("#details-date", Input).value = "32/13/2026"
        await pilot.pause()
        assert "'32/13/2026' is not a real date" in str(panel.query_one("#details-date-error", Static).render())
        assert "Still Friday 20 November 2026" in str(panel.query_one("#details-date-read", Static).render())
        await saved(pilot)
        assert "Family C2" in str(screen.query_one("#pod-heading", Static).render())
    stored = repo.get_pod(pod_id)
    assert stored.case_reference == "Family C2"
    assert stored.date.isoformat() == "2026-11-20"  # the bad date was not saved


async def test_the_date_takes_what_a_practitioner_types_and_shows_what_it_read(db_url, repo):
    pod_id = repo.add_pod(full_pod())
    app = GqPodsApp(db_url, wall_clock=lambda: dt.datetime(2026, 12, 1, 10, 0))  # a Tuesday
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_tab(pilot, pod_id, "details", "set_up")
        panel = screen.query_one(DetailsPanel)
        box = panel.query_one("#details-date", Input)
        read = panel.query_one("#details-date-read", Static)
        assert "Read as Friday 20 November 2026" in str(read.render())
        for typed, shown, day in (
            ("11/12/2026", "Read as Friday 11 December 2026", dt.date(2026, 12, 11)),  # day first
            ("today", "Read as Tuesday 1 December 2026", dt.date(2026, 12, 1)),
            ("next Friday", "Read as Friday 11 December 2026", dt.date(2026, 12, 11)),
        ):
            box.value = typed
            await wait_until(pilot, lambda: shown in str(read.render()))
            assert screen.pod.date == day
        box.focus()
        await pilot.pause()
        box.value = ""
        await pilot.press(*"12/31/2026")  # month first, typed: "12/3" reads as a day on the way
        await pilot.pause()
        assert "Dates here are day first" in str(panel.query_one("#details-date-error", Static).render())
        assert screen.pod.date == dt.date(2026, 12, 11)  # the pod keeps the date it had
        await saved(pilot)
    assert repo.get_pod(pod_id).date == dt.date(2026, 12, 11)


async def test_the_records_author_next_review_and_managers_decision_are_kept(db_url, repo):
    pod_id = repo.add_pod(full_pod(record_author="", next_review=None, manager_decision=""))
    app = GqPodsApp(db_url, wall_clock=lambda: dt.datetime(2026, 12, 1, 10, 0))  # a Tuesday
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_tab(pilot, pod_id, "details", "set_up")
        panel = screen.query_one(DetailsPanel)
        panel.query_one("#details-author", Input).value = "Sam Patel"
        panel.query_one("#details-decision", Input).value = "Network meeting before the review"
        panel.query_one("#details-review", Input).value = "in two weeks"
        read = panel.query_one("#details-review-read", Static)
        await wait_until(pilot, lambda: "Read as Tuesday 15 December 2026" in str(read.render()))
        await saved(pilot)
    stored = repo.get_pod(pod_id)
    assert (stored.record_author, stored.manager_decision) == ("Sam Patel", "Network meeting before the review")
    assert stored.next_review == dt.date(2026, 12, 15)
