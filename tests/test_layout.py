"""What the room sees: an open pod at 80x24 and 120x40, presentation mode, and state
shown in characters as well as colour (issue 11, "What the room sees")."""

from __future__ import annotations

from textual.widgets import Checkbox

from gq_pods.model import DangerStatement, Pod
from screens.app import GqPodsApp
from screens.map import MapColumn, MapPanel
from tests.factories import full_pod
from tests.pilot import open_pod, open_tab, wait_until


def screen_text(app) -> str:
    """The screen as the room reads it: characters only, colour gone."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def marked(app, panel: MapPanel) -> list[str]:
    """The map's lines that carry the ▶ marker."""
    region = panel.region
    lines = screen_text(app).splitlines()[region.y : region.bottom]
    return [line[region.x : region.right] for line in lines if "▶" in line[region.x : region.right]]


def columns_shown(panel: MapPanel) -> list[int]:
    return [column.index for column in panel.query(MapColumn) if column.display]


async def test_a_tick_box_says_ticked_or_not_in_characters(db_url, repo):
    # Issue 11: a tick box showed ▐X▌ ticked or not, told apart by colour alone.
    pod_id = repo.add_pod(full_pod(current_stage="set_up", manager_present=True, practice=False))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_tab(pilot, pod_id, "details", "set_up")
        manager = screen.query_one("#details-manager", Checkbox)
        practice = screen.query_one("#details-practice", Checkbox)
        await pilot.pause()
        assert str(manager.render()).startswith("[x]")
        assert str(practice.render()).startswith("[ ]")
        shown = screen_text(app)
        assert "[x]" in shown and "[ ]" in shown and "X▌" not in shown


async def test_the_chosen_pair_and_the_chosen_map_card_are_marked_with_a_character(db_url, repo):
    # Issue 11: the selected pair, and the card under the map's cursor, were only a colour bar.
    pod = full_pod(current_stage="danger_statements")
    pod.danger_statements.append(DangerStatement(text="The school is worried that Amy misses breakfast."))
    pod_id = repo.add_pod(pod)
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_tab(pilot, pod_id, "statements", "danger_statements")
        await wait_until(pilot, lambda: "▶ 1. " in screen_text(app), what="the first pair marked")
        assert "▶ 2. " not in screen_text(app)
        await pilot.press("down")
        await wait_until(pilot, lambda: "▶ 2. " in screen_text(app), what="the second pair marked")
        assert "▶ 1. " not in screen_text(app)

        await pilot.press("f2")
        panel = screen.query_one(MapPanel)
        await wait_until(pilot, lambda: panel.focused_card() is not None)
        await pilot.pause()
        rows = marked(app, panel)
        assert len(rows) == 1 and "In March Amy was" in rows[0]
        await pilot.press("down")
        await pilot.pause()
        rows = marked(app, panel)
        assert len(rows) == 1 and "1. " in rows[0] and "In March" not in rows[0]
