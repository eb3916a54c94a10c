"""The three-column map, driven with Pilot as a scribe would, each change checked in the database."""

from __future__ import annotations

import datetime as dt
import json

from textual.widgets import Input, OptionList, Static, TextArea

from gq_pods import paths
from gq_pods.model import DangerStatement, MapItem, NextStep, Pod, PodMap, SafetyGoal, Scale, ScaleScore
from screens.app import GqPodsApp
from screens.confirm import ConfirmScreen
from screens.map import NO_MANAGER_NOTE, MapCard, MapColumn, MapEditor, MapPanel, SectionPicker, StepStatus
from screens.pod import PodScreen
from screens.workspace import SaveIndicator
from storage.repository import Repository
from tests.factories import full_pod
from tests.pilot import paste, ready, wait_until


def empty_pod(**overrides) -> Pod:
    pod = Pod(date=dt.date(2026, 11, 20), style="content_mapping", case_reference="Family G", team="North")
    for name, value in overrides.items():
        setattr(pod, name, value)
    return pod


def stored(db_url: str, pod_id: int) -> Pod:
    """The pod as a fresh connection reads it from the database."""
    repository = Repository.open(db_url)
    try:
        return repository.get_pod(pod_id)
    finally:
        repository.close()


async def open_map(pilot, pod_id: int) -> MapPanel:
    app = pilot.app
    await ready(pilot)
    app.open_pod(pod_id)
    await wait_until(pilot, lambda: isinstance(app.screen, PodScreen))
    await pilot.pause()
    await pilot.press("f2")  # the map, whatever stage the pod is at
    panel = app.screen.query_one(MapPanel)
    await wait_until(pilot, lambda: panel.focused_card() is not None)
    return panel


async def saved(pilot) -> None:
    """Wait for the autosave (well within a second of the last change)."""
    screen = pilot.app.screen
    await wait_until(pilot, lambda: not screen.dirty)


def card_text(card: MapCard) -> str:
    return str(card.render())


def texts(panel: MapPanel, section: str) -> list[str]:
    return [card_text(card) for card in panel.view(section).cards()]


async def focus(pilot, panel: MapPanel, section: str, index: int = 0) -> None:
    panel.move_to(section, index)
    await pilot.pause()
    card = panel.focused_card()
    assert card is not None and (card.section, card.index) == (section, index)


async def test_empty_sections_say_what_belongs_there(db_url, repo):
    pod_id = repo.add_pod(empty_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_map(pilot, pod_id)
        assert texts(panel, "harm") == ["What has happened to the child? Press a to add."]
        assert "Press a to add" in texts(panel, "existing_safety")[0]
        assert "add a danger statement first" in texts(panel, "safety_goals")[0]
        # Grey areas are off by default and this pod has none.
        assert not panel.view("grey_areas").display


async def test_add_an_item_and_it_is_in_the_database(db_url, repo):
    pod_id = repo.add_pod(empty_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_map(pilot, pod_id)
        assert panel.focused_card().section == "harm"
        await pilot.press("a")
        assert isinstance(app.screen.focused, TextArea)
        await pilot.press(*"Dad shouted at Amy")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert stored(db_url, pod_id).map.harm == [MapItem("Dad shouted at Amy")]
        assert texts(panel, "harm") == ["• Dad shouted at Amy"]
        assert panel.focused_card().section == "harm"
        assert not app.screen.query(MapEditor)


async def test_edit_in_place_is_multi_line_and_saved_while_typing(db_url, repo):
    pod_id = repo.add_pod(full_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_map(pilot, pod_id)
        await focus(pilot, panel, "existing_strengths")
        await pilot.press("enter")
        area = app.screen.focused
        assert isinstance(area, TextArea)
        await pilot.press("enter", *"Pat visits on Sundays.")
        # Still typing: the autosave has already put it in the database.
        await saved(pilot)
        assert stored(db_url, pod_id).map.existing_strengths[0].text == (
            "Lisa takes Amy to nursery every day, on time.\nPat visits on Sundays."
        )
        assert app.screen.query(MapEditor)
        await pilot.press("escape")  # escape finishes and keeps the text
        await pilot.pause()
        assert isinstance(app.screen, PodScreen)
        assert not app.screen.query(MapEditor)
        assert texts(panel, "existing_strengths") == [
            "• Lisa takes Amy to nursery every day, on time.\nPat visits on Sundays."
        ]
        await saved(pilot)
        assert stored(db_url, pod_id).map.existing_strengths[0].text.endswith("\nPat visits on Sundays.")


async def test_one_undo_takes_back_a_whole_edit(db_url, repo):
    pod_id = repo.add_pod(full_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await open_map(pilot, pod_id)
        await pilot.press("enter", *" Twice.", "escape")
        await pilot.pause()
        assert texts(panel, "harm")[0].endswith("held Amy. Twice.")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert texts(panel, "harm")[0].endswith("held Amy.")
        assert panel.focused_card() is not None  # the keys are still on the map
        await saved(pilot)
        assert stored(db_url, pod_id).map.harm[0].text.endswith("held Amy.")


async def test_delete_then_undo_both_reach_the_database(db_url, repo):
    pod_id = repo.add_pod(full_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_map(pilot, pod_id)
        await focus(pilot, panel, "complicating_factors")
        await pilot.press("d")
        await pilot.pause()
        assert any("Deleted. ctrl+z to undo" in n.message for n in app._notifications)
        assert texts(panel, "complicating_factors") == ["• Two social workers in six months."]
        await saved(pilot)
        assert stored(db_url, pod_id).map.complicating_factors == [MapItem("Two social workers in six months.")]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert texts(panel, "complicating_factors") == [
            "From last time: Still true\n• Dean drinks most evenings.",  # reviewed at this follow-up pod
            "• Two social workers in six months.",
        ]
        await saved(pilot)
        assert [i.text for i in stored(db_url, pod_id).map.complicating_factors] == [
            "Dean drinks most evenings.",
            "Two social workers in six months.",
        ]


async def test_reorder_moves_the_item_and_the_focus_with_it(db_url, repo):
    pod_id = repo.add_pod(full_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_map(pilot, pod_id)
        await focus(pilot, panel, "complicating_factors")
        await pilot.press("shift+down")
        await pilot.pause()
        assert texts(panel, "complicating_factors")[1] == "From last time: Still true\n• Dean drinks most evenings."
        assert panel.focused_card().index == 1
        await saved(pilot)
        assert [i.text for i in stored(db_url, pod_id).map.complicating_factors] == [
            "Two social workers in six months.",
            "Dean drinks most evenings.",
        ]
        await pilot.press("ctrl+up")
        await pilot.pause()
        await saved(pilot)
        assert stored(db_url, pod_id).map.complicating_factors[0].text == "Dean drinks most evenings."


async def test_a_worry_moves_to_complicating_factors(db_url, repo):
    pod = empty_pod()
    pod.map = PodMap(harm=[MapItem("Dad drinks most evenings.")])
    pod_id = repo.add_pod(pod)
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_map(pilot, pod_id)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, SectionPicker)
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert "Complicating factors" in labels and "Harm" not in labels
        options.highlighted = labels.index("Complicating factors")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PodScreen)
        assert texts(panel, "complicating_factors") == ["• Dad drinks most evenings."]
        assert texts(panel, "harm") == ["What has happened to the child? Press a to add."]
        await saved(pilot)
        again = stored(db_url, pod_id)
        assert again.map.harm == []
        assert again.map.complicating_factors == [MapItem("Dad drinks most evenings.")]


async def test_statements_and_goals_are_added_as_pairs(db_url, repo):
    pod_id = repo.add_pod(empty_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_map(pilot, pod_id)
        await focus(pilot, panel, "danger_statements")
        await pilot.press("a", *"Dad pushes Mum", "escape")
        await pilot.pause()
        assert texts(panel, "danger_statements") == ["1. Dad pushes Mum"]
        assert texts(panel, "safety_goals") == ["Goal for 1: No safety goal yet. Press enter to write it."]
        await pilot.press("right", "right")
        assert panel.focused_card().section == "safety_goals"
        await pilot.press("enter", *"Calm talks", "ctrl+s")
        await pilot.pause()
        assert texts(panel, "safety_goals") == ["Goal for 1: Calm talks"]
        again = stored(db_url, pod_id)
        assert [(s.id, s.text) for s in again.danger_statements] == [("ds1", "Dad pushes Mum")]
        assert [(g.id, g.danger_statement, g.text) for g in again.safety_goals] == [
            ("sg1", "ds1", "Calm talks")
        ]


async def test_deleting_a_statement_with_its_goal_asks_first(db_url, repo):
    pod = empty_pod(
        danger_statements=[DangerStatement(id="ds1", text="Worried A"), DangerStatement(id="ds2", text="Worried B")],
        safety_goals=[SafetyGoal(id="sg1", danger_statement="ds1", text="Goal A")],
        scales=[Scale("ds1", "", [ScaleScore("JR", 3)])],
    )
    pod_id = repo.add_pod(pod)
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_map(pilot, pod_id)
        await focus(pilot, panel, "danger_statements")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "safety goal" in str(app.screen.query_one("#question", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert len(stored(db_url, pod_id).danger_statements) == 2
        await pilot.press("d", "y")
        await pilot.pause()
        assert texts(panel, "danger_statements") == ["1. Worried B"]
        assert texts(panel, "safety_goals") == ["Goal for 1: No safety goal yet. Press enter to write it."]
        await saved(pilot)
        again = stored(db_url, pod_id)
        assert [s.id for s in again.danger_statements] == ["ds2"]
        assert again.safety_goals == [] and again.scale_for("ds1") is None


async def test_next_step_with_owner_and_due_date_a_bad_date_is_explained(db_url, repo):
    pod_id = repo.add_pod(empty_pod(manager_present=False))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_map(pilot, pod_id)
        note = str(app.screen.query_one("#next-steps-note", Static).render())
        assert NO_MANAGER_NOTE in note
        await focus(pilot, panel, "next_steps")
        await pilot.press("a", *"Ask Pat")
        await pilot.press("tab", *"JR", "tab", *"12/31/2026")  # month first
        assert isinstance(app.screen.focused, Input) and app.screen.focused.id == "edit-due"
        await pilot.press("escape")  # refused: the date is explained, not saved
        await pilot.pause()
        problem = str(app.screen.query_one("#edit-problem", Static).render())
        assert "Dates here are day first" in problem
        assert app.screen.query(MapEditor)
        await saved(pilot)
        kept = stored(db_url, pod_id).map.next_steps
        assert [(s.text, s.owner, s.due) for s in kept] == [("Ask Pat", "JR", None)]
        due = app.screen.query_one("#edit-due", Input)
        due.value = "1/12/26"  # day first, as a UK practitioner writes it
        await pilot.pause()
        assert "Tuesday 1 December 2026" in str(app.screen.query_one("#edit-due-read", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.screen.query(MapEditor)
        assert stored(db_url, pod_id).map.next_steps == [
            NextStep("Ask Pat", "JR", dt.date(2026, 12, 1), "idea")
        ]
        shown = texts(panel, "next_steps")[0]
        assert "Owner: JR" in shown and "Due: 2026-12-01" in shown and "Idea for supervision" in shown


async def test_agreed_is_refused_without_a_manager(db_url, repo):
    pod = empty_pod(manager_present=False)
    pod.map = PodMap(next_steps=[NextStep("Talk with Dean", "JR")])
    pod_id = repo.add_pod(pod)
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_map(pilot, pod_id)
        await focus(pilot, panel, "next_steps")
        await pilot.press("enter")
        status = app.screen.query_one("#edit-status", StepStatus)
        status.focus()
        await pilot.press("space")
        await pilot.pause()
        assert "Idea for supervision" in str(status.render())
        assert "Only the manager can agree" in str(app.screen.query_one("#edit-problem", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert stored(db_url, pod_id).map.next_steps[0].status == "idea"


async def test_agreed_is_saved_with_the_manager_there(db_url, repo):
    pod_id = repo.add_pod(full_pod())  # the manager is there; the second step is an idea
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_map(pilot, pod_id)
        await focus(pilot, panel, "next_steps", 1)
        await pilot.press("enter")
        status = app.screen.query_one("#edit-status", StepStatus)
        status.focus()
        await pilot.press("space")
        assert "Status: Agreed" in str(status.render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert stored(db_url, pod_id).map.next_steps[1].status == "agreed"
        assert "Agreed" in texts(panel, "next_steps")[1]


async def test_user_text_is_shown_literally_never_as_markup(db_url, repo):
    pod = empty_pod()
    pod.map = PodMap(harm=[MapItem("Mum [/] left"), MapItem("[@click=app.quit]Press me[/]")])
    pod_id = repo.add_pod(pod)
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_map(pilot, pod_id)
        assert texts(panel, "harm") == ["• Mum [/] left", "• [@click=app.quit]Press me[/]"]
        await pilot.click(panel.card("harm", 1), offset=(4, 0))
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, PodScreen)
        await pilot.press("enter", *" [b]")
        await pilot.press("escape")
        await pilot.pause()
        assert texts(panel, "harm")[1] == "• [@click=app.quit]Press me[/] [b]"
        await pilot.press("ctrl+s")
        assert stored(db_url, pod_id).map.harm[1].text == "[@click=app.quit]Press me[/] [b]"


async def test_the_mouse_picks_edits_and_adds(db_url, repo):
    pod_id = repo.add_pod(full_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_map(pilot, pod_id)
        await pilot.click(panel.card("existing_safety", 0))
        assert panel.focused_card().section == "existing_safety"
        await pilot.double_click(panel.card("existing_strengths", 0))
        await pilot.pause()
        assert isinstance(app.screen.focused, TextArea)
        assert app.screen.focused.text == "Lisa takes Amy to nursery every day, on time."
        await pilot.click(panel.view("harm").query_one(".add-link"))  # closes that editor, opens a new one
        await pilot.pause()
        await pilot.press(*"Hit")
        await pilot.press("escape")
        await pilot.pause()
        assert texts(panel, "harm")[-1] == "• Hit"
        await saved(pilot)
        assert stored(db_url, pod_id).map.harm[-1].text == "Hit"


def columns_shown(panel: MapPanel) -> list[MapColumn]:
    return [column for column in panel.query(MapColumn) if column.display]


async def test_columns_stand_side_by_side_at_120x40(db_url, repo):
    pod_id = repo.add_pod(full_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_map(pilot, pod_id)
        shown = columns_shown(panel)
        assert len(shown) == 3
        regions = [column.region for column in shown]
        assert regions[0].y == regions[1].y == regions[2].y
        assert regions[0].right <= regions[1].x and regions[1].right <= regions[2].x
        assert not panel.query_one("#map-column-bar").display
        await pilot.press("right")
        assert panel.focused_card().section == "existing_strengths"


async def test_columns_become_tabs_at_80x24(db_url, repo):
    pod_id = repo.add_pod(full_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await open_map(pilot, pod_id)
        assert panel.query_one("#map-column-bar").display
        assert [c.index for c in columns_shown(panel)] == [0]
        assert "What are we worried about?" in str(panel.query_one("#column-tab-0", Static).render())
        await pilot.press("right")
        await pilot.pause()
        assert [c.index for c in columns_shown(panel)] == [1]
        assert panel.focused_card().section == "existing_strengths"
        await pilot.click("#column-tab-2")
        await pilot.pause()
        assert [c.index for c in columns_shown(panel)] == [2]
        await pilot.press("tab")  # past the last column: on to the pod's tabs
        assert not panel.focused_card()


async def test_team_labels_and_grey_areas_come_from_the_team_file(db_url, repo):
    paths.config_dir().mkdir(parents=True, exist_ok=True)
    (paths.config_dir() / "team.json").write_text(
        json.dumps({"labels": {"danger_statements": "Worry statements [early help]"}, "show_grey_areas": True})
    )
    pod_id = repo.add_pod(empty_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_map(pilot, pod_id)
        title = str(panel.view("danger_statements").query_one(".section-title", Static).render())
        assert title == "Worry statements [early help]"
        assert panel.view("grey_areas").display
        assert texts(panel, "grey_areas") == ["What is unclear or not yet known? Press a to add."]


async def test_presentation_mode_shows_the_current_column_alone(db_url, repo):
    # At 80 columns; from 120 the columns stand side by side (tests/test_layout.py).
    pod_id = repo.add_pod(full_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await open_map(pilot, pod_id)
        await pilot.press("right")
        await pilot.press("f5")
        await pilot.pause()
        assert app.screen.presenting
        shown = columns_shown(panel)
        assert [c.index for c in shown] == [1]
        assert shown[0].region.width >= 76  # it fills the screen
        assert not app.screen.query_one("#pod-tabs Tabs").display
        await pilot.press("left")
        assert [c.index for c in columns_shown(panel)] == [0]
        await pilot.press("f5")
        await pilot.pause()
        assert len(columns_shown(panel)) == 1 and panel.query_one("#map-column-bar").display


async def test_scrolling_follows_the_keyboard_through_a_long_section(db_url, repo):
    pod = empty_pod()
    pod.map = PodMap(harm=[MapItem(f"Worry number {n}") for n in range(40)])
    pod_id = repo.add_pod(pod)
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await open_map(pilot, pod_id)
        await pilot.press("pagedown", "pagedown", "pagedown", "down", "down")
        await pilot.pause()
        card = panel.focused_card()
        assert card_text(card) == "• Worry number 26"
        column = panel.query_one("#map-column-0", MapColumn)
        assert column.scroll_y > 0
        assert column.region.contains_region(card.region)


# ---------------------------------------------------------------- snapshots


def snapshot_app(db_url: str, pod: Pod) -> GqPodsApp:
    repository = Repository.open(db_url)
    pod_id = repository.add_pod(pod)
    repository.close()
    app = GqPodsApp(db_url)

    async def open_it(pilot) -> None:
        await open_map(pilot, pod_id)
        app.screen.query_one(SaveIndicator).show_saved(dt.datetime(2026, 11, 20, 10, 0, 0))
        await pilot.pause()

    app._snapshot_open = open_it  # type: ignore[attr-defined]
    return app


def test_snapshot_map_at_80x24(snap_compare, db_url):
    app = snapshot_app(db_url, full_pod())
    assert snap_compare(app, terminal_size=(80, 24), run_before=app._snapshot_open)


def test_snapshot_map_at_120x40(snap_compare, db_url):
    app = snapshot_app(db_url, full_pod())
    assert snap_compare(app, terminal_size=(120, 40), run_before=app._snapshot_open)


def test_snapshot_presentation_mode_at_80x24(snap_compare, db_url):
    app = snapshot_app(db_url, full_pod())

    async def present(pilot) -> None:
        await app._snapshot_open(pilot)
        await pilot.press("right", "f5")
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=present)


async def test_the_map_shows_what_the_statements_tab_wrote(db_url, repo):
    # Issue 11: a statement and its goal written in the Statements tab, then back to the map
    # with F2, and the map still said "add a danger statement first".
    pod_id = repo.add_pod(empty_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_map(pilot, pod_id)
        assert "add a danger statement first" in texts(panel, "safety_goals")[0]
        screen = app.screen
        screen.show_tab("statements")
        await wait_until(pilot, lambda: getattr(app.focused, "id", None) == "pairs-add")
        await pilot.press("a")
        await wait_until(pilot, lambda: getattr(app.focused, "id", None) == "statement-who_is_worried")
        await paste(pilot, "The school")
        await wait_until(pilot, lambda: screen.pod.danger_statements[0].who_is_worried == "The school")
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: getattr(app.focused, "id", None) == "goal-caregiver_actions")
        await paste(pilot, "Dean will stay calm")
        await wait_until(pilot, lambda: screen.pod.safety_goals and screen.pod.safety_goals[0].caregiver_actions)
        await pilot.press("f2")
        await wait_until(pilot, lambda: "school" in texts(panel, "danger_statements")[0].lower())
        assert texts(panel, "danger_statements")[0].startswith("1. ")
        await wait_until(pilot, lambda: "Dean will stay calm" in texts(panel, "safety_goals")[0])
        assert texts(panel, "safety_goals")[0].startswith("Goal for 1: ")


async def test_a_focus_asked_for_just_before_f2_does_not_drag_the_tabs_back(db_url, repo):
    # The pod opens on its stage's work and asks for the keyboard there; F2 pressed at that
    # very moment showed the map, then the late focus dragged the tabs back to where they were.
    from textual.widgets import Checkbox

    pod_id = repo.add_pod(empty_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_map(pilot, pod_id)
        screen = app.screen
        late = screen.query_one("#details-manager", Checkbox)  # in the tab the pod opened on
        late.focus()
        await pilot.pause()
        await wait_until(pilot, lambda: panel.focused_card() is not None)
        assert screen.query_one("#pod-tabs").active == "tab-map"
