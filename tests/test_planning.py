"""Planning driven with Pilot: bottom lines and the contingency plan, added, changed, removed and undone."""

from __future__ import annotations

from textual.widgets import Input, OptionList, TextArea

from screens.app import GqPodsApp
from screens.planning import BottomLineForm, ContingencyForm
from screens.pod import PodScreen
from storage.repository import Repository
from tests.factories import full_pod
from tests.pilot import open_tab, paste


async def open_planning(pilot, pod_id: int) -> PodScreen:
    return await open_tab(pilot, pod_id, "planning")


def shown(screen, list_id: str) -> list[str]:
    box = screen.query_one(f"#{list_id}", OptionList)
    return [str(box.get_option_at_index(i).prompt) for i in range(box.option_count)]


async def saved(pilot, screen, db_url):
    await pilot.press("ctrl+s")
    await pilot.pause()
    fresh = Repository.open(db_url)
    try:
        return fresh.get_pod(screen.pod.id)
    finally:
        fresh.close()


async def test_add_change_and_remove_bottom_lines(db_url, repo):
    pod_id = repo.add_pod(full_pod(bottom_lines=[], contingencies=[]))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_planning(pilot, pod_id)
        assert shown(screen, "bottom-lines") == ["No bottom lines yet. Press b (or enter here) to add one."]
        await pilot.press("b")
        assert isinstance(app.screen, BottomLineForm)
        await paste(pilot, "Dean is never alone with Amy [b]after drinking[/b].")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("b")
        await paste(pilot, "Amy goes to nursery every day.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert shown(screen, "bottom-lines") == [
            "• Dean is never alone with Amy [b]after drinking[/b].",
            "• Amy goes to nursery every day.",
        ]
        pod = await saved(pilot, screen, db_url)
        assert [b.text for b in pod.bottom_lines] == [
            "Dean is never alone with Amy [b]after drinking[/b].",
            "Amy goes to nursery every day.",
        ]

        screen.query_one("#bottom-lines", OptionList).highlighted = 0
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, BottomLineForm)
        form.query_one("#bottom-line-text", TextArea).text = "Dean is never left alone with Amy when he has been drinking."
        await pilot.press("ctrl+s")
        await pilot.pause()
        pod = await saved(pilot, screen, db_url)
        assert pod.bottom_lines[0].text == "Dean is never left alone with Amy when he has been drinking."

        await pilot.press("d")
        await pilot.pause()
        assert shown(screen, "bottom-lines") == ["• Amy goes to nursery every day."]
        assert len((await saved(pilot, screen, db_url)).bottom_lines) == 1
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(shown(screen, "bottom-lines")) == 2
        assert [b.text for b in (await saved(pilot, screen, db_url)).bottom_lines] == [
            "Dean is never left alone with Amy when he has been drinking.",
            "Amy goes to nursery every day.",
        ]


async def test_an_empty_bottom_line_is_explained_not_saved(db_url, repo):
    pod_id = repo.add_pod(full_pod(bottom_lines=[]))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_planning(pilot, pod_id)
        await pilot.press("b", "ctrl+s")
        await pilot.pause()
        assert "Write the bottom line" in str(app.screen.query_one("#form-error").render())
        await pilot.press("escape")
        await pilot.pause()
        assert screen.pod.bottom_lines == [] and not screen.dirty


async def test_contingency_plan_trigger_response_and_who(db_url, repo):
    pod_id = repo.add_pod(full_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_planning(pilot, pod_id)
        await pilot.press("c")
        assert isinstance(app.screen, ContingencyForm)
        await paste(pilot, "Lisa's mental health gets worse")
        await pilot.press("enter")  # enter moves on to "what happens"
        await paste(pilot, "Lisa calls Pat; Amy stays with Pat")
        await pilot.press("tab")
        await paste(pilot, "Lisa, Pat")
        await pilot.press("enter")  # and saves from the last box
        await pilot.pause()
        lines = shown(screen, "contingencies")
        assert lines[1] == "If: Lisa's mental health gets worse\n  Then: Lisa calls Pat; Amy stays with Pat\n  Who acts: Lisa, Pat"
        assert app.focused is screen.query_one("#contingencies")
        pod = await saved(pilot, screen, db_url)
        assert [(c.trigger, c.response, c.who) for c in pod.contingencies] == [
            ("Dean comes home drunk", "Lisa takes Amy to Pat's", "Lisa and Pat"),
            ("Lisa's mental health gets worse", "Lisa calls Pat; Amy stays with Pat", "Lisa, Pat"),
        ]

        screen.query_one("#contingencies", OptionList).highlighted = 0
        await pilot.press("e")
        app.screen.query_one("#contingency-who", Input).value = "Lisa; Pat if Lisa cannot"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        pod = await saved(pilot, screen, db_url)
        assert [c.trigger for c in pod.contingencies] == ["Lisa's mental health gets worse"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        pod = await saved(pilot, screen, db_url)
        assert [(c.trigger, c.who) for c in pod.contingencies] == [
            ("Dean comes home drunk", "Lisa; Pat if Lisa cannot"),
            ("Lisa's mental health gets worse", "Lisa, Pat"),
        ]


async def test_a_contingency_needs_a_trigger_and_what_happens(db_url, repo):
    pod_id = repo.add_pod(full_pod(contingencies=[]))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_planning(pilot, pod_id)
        await pilot.press("c", *"Dean drinks", "ctrl+s")
        await pilot.pause()
        assert "Say what happens then." in str(app.screen.query_one("#form-error").render())
        await pilot.press("escape")
        await pilot.pause()
        assert screen.pod.contingencies == []
