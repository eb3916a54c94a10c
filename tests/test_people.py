"""The people around the child, driven with Pilot as a scribe would: add, change, remove, undo."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from screens.app import GqPodsApp
from screens.people import PersonForm
from screens.pod import PodScreen
from storage.repository import Repository
from tests.factories import full_pod
from tests.pilot import open_tab


async def open_people(pilot, pod_id: int) -> PodScreen:
    return await open_tab(pilot, pod_id, "people")


def genogram_text(screen) -> list[str]:
    box = screen.query_one("#genogram", OptionList)
    return [str(box.get_option_at_index(i).prompt) for i in range(box.option_count)]


def highlight(screen, text: str) -> None:
    box = screen.query_one("#genogram", OptionList)
    box.highlighted = next(i for i, line in enumerate(genogram_text(screen)) if text in line)


async def save_and_reload(pilot, screen, db_url):
    await pilot.press("ctrl+s")
    await pilot.pause()
    fresh = Repository.open(db_url)
    try:
        return fresh.get_pod(screen.pod.id)
    finally:
        fresh.close()


async def test_add_a_person_and_see_them_in_the_genogram(db_url, repo):
    pod_id = repo.add_pod(full_pod(people=[]))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_people(pilot, pod_id)
        assert genogram_text(screen)[0] == "Lives with the child"
        await pilot.press("a")
        assert isinstance(app.screen, PersonForm)
        assert "Initials or a pseudonym are usually enough" in str(app.screen.query_one("#initials-hint").render())
        await pilot.press(*"AC", "tab", *"child", "tab", "3")
        app.screen.query_one("#person-household").value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        lines = genogram_text(screen)
        assert lines[:2] == ["Lives with the child", "  └─ AC — child, age 3"]

        # a professional, from the Professionals group's "No one yet" line
        highlight(screen, "Professionals")  # headings cannot be highlighted...
        box = screen.query_one("#genogram", OptionList)
        box.highlighted = len(genogram_text(screen)) - 1  # ...so go to its "No one yet"
        await pilot.press("enter")
        assert isinstance(app.screen, PersonForm)
        assert app.screen.query_one("#person-kind").value == "professional"
        await pilot.press(*"HV", "enter", *"health visitor", "enter", "enter")  # enter on the last box saves
        await pilot.pause()
        assert genogram_text(screen)[-1] == "  └─ HV — health visitor"

        stored = await save_and_reload(pilot, screen, db_url)
        assert [(p.id, p.name, p.relationship, p.kind, p.age, p.in_household) for p in stored.people] == [
            ("p1", "AC", "child", "family", 3, True),
            ("p2", "HV", "health visitor", "professional", None, False),
        ]


async def test_change_a_persons_details(db_url, repo):
    pod_id = repo.add_pod(full_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_people(pilot, pod_id)
        highlight(screen, "Pat Jones")
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, PersonForm)
        form.query_one("#person-name", Input).value = "PJ"
        form.query_one("#person-household", object).value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        lines = genogram_text(screen)
        assert "  └─ PJ — maternal grandmother, age 58 (network)" in lines
        assert lines.index("  └─ PJ — maternal grandmother, age 58 (network)") < lines.index("Family")
        stored = await save_and_reload(pilot, screen, db_url)
        pat = next(p for p in stored.people if p.id == "p4")
        assert (pat.name, pat.in_household, pat.kind) == ("PJ", True, "network")


async def test_a_bad_age_is_explained_and_nothing_changes(db_url, repo):
    pod_id = repo.add_pod(full_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_people(pilot, pod_id)
        await pilot.press("a", *"KB", "tab", "tab", *"about 40", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PersonForm)
        assert "'about 40' is not an age" in str(app.screen.query_one("#form-error").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert len(screen.pod.people) == 5
        assert not screen.dirty


async def test_remove_a_person_then_undo(db_url, repo):
    pod_id = repo.add_pod(full_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_people(pilot, pod_id)
        highlight(screen, "Dean Carter")
        await pilot.press("d")
        await pilot.pause()
        assert not any("Dean Carter" in line for line in genogram_text(screen))
        stored = await save_and_reload(pilot, screen, db_url)
        assert "Dean Carter" not in [p.name for p in stored.people]

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "  ├─ Dean Carter — father, age 31" in genogram_text(screen)
        stored = await save_and_reload(pilot, screen, db_url)
        assert [p.name for p in stored.people] == ["Amy Carter", "Dean Carter", "Lisa Carter", "Pat Jones", "Mrs Begum"]


async def test_names_are_shown_literally_never_as_markup(db_url, repo):
    pod_id = repo.add_pod(full_pod(people=[]))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_people(pilot, pod_id)
        await pilot.press("a")
        app.screen.query_one("#person-name", Input).value = "[@click=app.quit]Mum [/]"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "  └─ [@click=app.quit]Mum [/]" in genogram_text(screen)
        await pilot.click("#genogram", offset=(8, 4))
        await pilot.pause()
        assert app.is_running


async def test_a_full_name_gets_a_gentle_nudge_toward_initials(db_url, repo):
    pod_id = repo.add_pod(full_pod(people=[]))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_people(pilot, pod_id)
        await pilot.press("a", *"Dean Carter", "ctrl+s")
        await pilot.pause()
        assert any("Initials or a pseudonym are usually enough" in n.message for n in app._notifications)


async def test_the_mouse_works_too(db_url, repo):
    pod_id = repo.add_pod(full_pod(people=[]))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_people(pilot, pod_id)
        await pilot.click("#person-add")
        await pilot.pause()
        assert isinstance(app.screen, PersonForm)
        await pilot.press(*"LC")
        await pilot.click("#form-save")
        await pilot.pause()
        assert "  └─ LC" in genogram_text(screen)
        await pilot.click("#person-delete")
        await pilot.pause()
        assert "  └─ LC" not in genogram_text(screen)
