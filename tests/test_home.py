"""The home screen and the new-pod flow, driven with Pilot as a facilitator would."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, Static

from screens.app import GqPodsApp
from screens.confirm import ConfirmScreen
from screens.home import EMPTY_TEXT, HomeScreen, PodTable
from screens.new_pod import NewPodScreen
from screens.pod import PodScreen
from tests.factories import full_pod
from tests.pilot import ready, wait_until


def table_rows(app) -> list[list[str]]:
    table = app.screen.query_one("#pods", PodTable)
    if not table.display:
        return []
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_first_run_shows_what_to_do_next(db_url):
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, HomeScreen)
        empty = app.screen.query_one("#empty", Static)
        assert empty.display
        assert "Press n to start a new pod" in str(empty.render())
        assert EMPTY_TEXT.startswith("No pods yet")


async def test_pods_listed_newest_first_and_filtered(db_url, repo):
    older = full_pod(date=dt.date(2026, 1, 5), team="South Team", case_reference="Family A")
    newer = full_pod(date=dt.date(2026, 11, 2), team="North Team", case_reference="Family B")
    repo.add_pod(older)
    repo.add_pod(newer)
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        rows = table_rows(app)
        assert [r[0] for r in rows] == ["2026-11-02", "2026-01-05"]
        await pilot.press("slash")
        await pilot.press(*"south")
        await wait_until(pilot, lambda: app.screen.shown_search == "south", what="the filter's answer")
        assert [r[2] for r in table_rows(app)] == ["Family A"]
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen.shown_search == "", what="the whole list")
        assert len(table_rows(app)) == 2


async def test_user_text_is_shown_literally_never_as_markup(db_url, repo):
    repo.add_pod(full_pod(case_reference="Family C [/] [b]x", team="[@click=app.quit]Team"))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        row = table_rows(app)[0]
        assert row[2] == "Family C [/] [b]x"
        assert row[1] == "[@click=app.quit]Team"
        await pilot.click("#pods", offset=(20, 1))
        await pilot.pause()
        assert app.is_running


async def test_new_pod_is_created_saved_and_opened(db_url):
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("n")
        assert isinstance(app.screen, NewPodScreen)
        screen = app.screen
        await pilot.press("tab")
        await pilot.press("tab")
        await pilot.press(*"North Team")
        screen.query_one("#case-reference", Input).value = "Family D"
        screen.query_one("#style").value = "content_mapping"
        names = screen.query(".participant-name")
        names[0].value = "SP"
        names[1].value = "JR"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PodScreen)
        pods = app.repository.list_pods()
        assert len(pods) == 1
        pod = app.repository.get_pod(pods[0].id)
        assert pod.team == "North Team"
        assert pod.case_reference == "Family D"
        assert pod.style == "content_mapping"
        assert pod.date == dt.date.today()
        assert [(p.name, p.role) for p in pod.participants] == [("SP", "facilitator"), ("JR", "presenter")]
        assert pod.manager_present is False
        details = str(app.screen.query_one("#pod-details", Static).render())
        assert "ideas for the presenter to take to supervision" in details
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        await wait_until(pilot, lambda: [r[2] for r in table_rows(app)] == ["Family D"], what="the new pod listed")


async def test_a_bad_date_is_explained_and_nothing_is_saved(db_url):
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("n")
        app.screen.query_one("#date", Input).value = "31/11/2026"  # November has 30 days
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NewPodScreen)
        assert "'31/11/2026' is not a real date" in str(app.screen.query_one("#form-error", Static).render())
        assert app.repository.list_pods() == []


async def test_the_new_pod_date_shows_the_day_it_was_read_as(db_url):
    app = GqPodsApp(db_url, wall_clock=lambda: dt.datetime(2026, 12, 1, 10, 0))  # a Tuesday
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, NewPodScreen))
        box = app.screen.query_one("#date", Input)

        def read() -> str:
            return str(app.screen.query_one("#date-read", Static).render())

        assert read() == "Read as Tuesday 1 December 2026"  # today, as the form opens
        for typed, shown in [
            ("11/12/2026", "Read as Friday 11 December 2026"),  # day first, as in the UK
            ("next Friday", "Read as Friday 11 December 2026"),
            ("in two weeks", "Read as Tuesday 15 December 2026"),
            ("12/31/2026", "month"),  # month first is refused, and says why
        ]:
            box.value = typed
            await wait_until(pilot, lambda: shown in read(), what=f"{typed!r} read")
        box.value = "in two weeks"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.repository.list_pods(), what="the pod saved")
        assert app.repository.list_pods()[0].date == dt.date(2026, 12, 15)


async def test_choosing_a_manager_ticks_manager_present(db_url):
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("n")
        await pilot.press("ctrl+n")
        await pilot.pause()
        rows = app.screen.query(".participant-role")
        rows[-1].value = "manager"
        await pilot.pause()
        assert app.screen.query_one("#manager-present").value is True


async def test_delete_asks_first_names_the_pod_and_can_be_cancelled(db_url, repo):
    repo.add_pod(full_pod(case_reference="Family E"))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Family E" in str(app.screen.query_one("#question", Static).render())
        await pilot.press("escape")
        assert len(app.repository.list_pods()) == 1
        await pilot.press("d")
        await pilot.click("#confirm")
        await pilot.pause()
        assert app.repository.list_pods() == []
        await wait_until(pilot, lambda: app.screen.query_one("#empty", Static).display, what="the empty list")


async def test_enter_opens_the_chosen_pod(db_url, repo):
    repo.add_pod(full_pod(case_reference="Family F"))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PodScreen)
        assert "Family F" in str(app.screen.query_one("#pod-heading", Static).render())


async def test_help_opens_on_f1_and_closes(db_url):
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("f1")
        from screens.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_theme_choice_is_remembered(db_url, gq_home):
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        app.action_high_contrast()
        await pilot.pause()
    again = GqPodsApp(db_url)
    assert again.theme == "high-contrast"


async def test_palette_offers_the_apps_own_commands(db_url):
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "New pod" in titles and "High contrast" in titles and "Help" in titles
