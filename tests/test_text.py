"""User text reaches the screen literally."""

from hypothesis import given
from hypothesis import strategies as st

from screens.text import cell, plain, visible


@given(st.text())
def test_plain_keeps_every_printable_character_as_typed(text):
    shown = plain(text).plain
    assert shown == visible(text)
    for ch in text:
        if ch.isprintable() or ch in "\n\t":
            assert ch in shown


def test_markup_and_control_characters_are_text():
    assert plain("Mum [/] left").plain == "Mum [/] left"
    assert plain("[@click=app.quit]x[/]").plain == "[@click=app.quit]x[/]"
    assert visible("a\x1b[31mb") == "a\\x1b[31mb"
    assert plain("x", "bold").plain == "x"
    assert cell("two\nlines").plain == "two lines"


async def test_notices_show_typed_text_literally(db_url):
    from screens.app import GqPodsApp
    from tests.pilot import ready

    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        app.screen.notify("Draft added for [b]JR[/b] [@click=app.quit]x")
        await pilot.pause()
        shown = [str(n.message) for n in app._notifications]
        assert shown == ["Draft added for [b]JR[/b] [@click=app.quit]x"]
        assert all(not n.markup for n in app._notifications)
        assert app.is_running
