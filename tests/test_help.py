"""F1 help at 80x24: most of it is below the fold, so it scrolls from the keyboard."""

from __future__ import annotations

from textual.widgets import Markdown

from screens.app import GqPodsApp
from screens.help import HelpScreen
from tests.pilot import ready, wait_until


def last_line_shown(screen: HelpScreen) -> bool:
    """Whether the help's last paragraph is whole inside the help's box."""
    last = screen.query_one(Markdown).children[-1]
    box = screen.query_one("#dialog").region
    return bool(last.region) and box.contains_region(last.region)


def first_line_shown(screen: HelpScreen) -> bool:
    first = screen.query_one(Markdown).children[0]
    box = screen.query_one("#dialog").region
    return bool(first.region) and box.contains_region(first.region)


async def test_help_scrolls_from_the_keyboard_at_80x24(db_url):
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        screen = app.screen
        await wait_until(pilot, lambda: first_line_shown(screen), what="the help's first line")
        assert not last_line_shown(screen)  # it does not all fit at 80x24

        await pilot.press("end")
        await wait_until(pilot, lambda: last_line_shown(screen), what="the last line after End")
        await pilot.press("home")
        await wait_until(pilot, lambda: first_line_shown(screen), what="the first line after Home")

        text = screen.query_one(Markdown)
        top = text.region.y
        await pilot.press("down")
        await wait_until(pilot, lambda: text.region.y < top, what="Down to scroll")
        await pilot.press("up")
        await wait_until(pilot, lambda: text.region.y == top, what="Up to scroll back")
        await pilot.press("pagedown")
        await wait_until(pilot, lambda: text.region.y <= top - 10, what="PageDown to scroll a page")
        await pilot.press("pageup")
        await wait_until(pilot, lambda: text.region.y == top, what="PageUp to scroll back")

        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, HelpScreen))
