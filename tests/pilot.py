"""Helpers for Pilot tests: start the app on a test database and wait until the pods are open."""

from __future__ import annotations

import asyncio

from screens.app import GqPodsApp


# A wait ends as soon as its condition holds; this only bounds how long a real failure
# takes to report. CI is a busy 2-core machine where opening a pod can take seconds.
WAIT = 60.0


# How often a wait looks again: soon at first, then less often. Each look is a Pilot pause,
# which first waits for every widget on the screen to empty its queue (hundreds of messages
# on a pod screen, about 10 ms of CPU): looking 50 times a second through a second-long
# database open or save cost more CPU than the app did, and more the busier the machine.
FIRST_LOOK = 0.02
LOOK_AT_MOST_EVERY = 0.1


async def wait_until(pilot, condition, timeout: float = WAIT, what: str = "the app") -> None:
    """Let the app run until ``condition()`` holds (a screen condition, a database row) and the
    screen on show is built.

    A screen is ``app.screen`` from the moment it is pushed, a moment before its widgets are
    there: a test that waited only for the screen read an empty dialog on a busy machine."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    interval = FIRST_LOOK
    while not (condition() and pilot.app.screen.is_mounted):
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(interval)
        interval = min(interval * 1.25, LOOK_AT_MOST_EVERY)


def screen_text(screen) -> str:
    """What a screen has drawn, as the room reads it: characters only, colour gone."""
    return "\n".join(strip.text for strip in screen._compositor.render_strips())


async def paste(pilot, text: str, selector: str | None = None) -> None:
    """Paste ``text`` where the keyboard is (or into the box ``selector`` finds), as a terminal
    sends a paste: for text whose typing is not what a test is about (a key at a time, each
    waits for the app to settle)."""
    from textual import events

    if selector:
        pilot.app.screen.query_one(selector).focus()
        await pilot.pause()
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def ready(pilot) -> None:
    """Wait until the database is open and the home screen has listed the pods."""
    app: GqPodsApp = pilot.app

    def loaded() -> bool:
        screen = app.screen
        return app.repository is not None and getattr(screen, "loaded", True)

    await wait_until(pilot, loaded)
    await pilot.pause()


async def open_pod(pilot, pod_id: int):
    """Open a pod from the home screen and wait until its screen is built."""
    from screens.pod import PodScreen

    await ready(pilot)
    pilot.app.open_pod(pod_id)
    await wait_until(
        pilot, lambda: isinstance(pilot.app.screen, PodScreen) and bool(pilot.app.screen.query("#save-indicator"))
    )
    await pilot.pause()
    return pilot.app.screen


async def open_tab(pilot, pod_id: int, pane: str, work: str | None = None):
    """Open a pod, show one of its tabs, and put the keyboard in it as its stage would."""
    screen = await open_pod(pilot, pod_id)
    screen.show_tab(pane)
    await pilot.pause()
    screen.query_one(f"#panel-{pane}").focus_work(work or pane)
    await pilot.pause()
    return screen
