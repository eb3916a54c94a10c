"""Keys that open an editor while the pod changes underneath it (Pilot).

A save runs in a worker and may bring back another copy's changes, merged in
(screens/pod.py). When that lands between `a` and the editor opening, the editor
opens on the new item wherever it now is; it never trusts an index from before.
"""

from __future__ import annotations

import copy
import datetime as dt

from textual.widgets import TextArea

from gq_pods.model import MapItem, Pod, PodMap
from screens.app import GqPodsApp
from screens.map import MapEditor, MapPanel
from screens.pod import PodScreen
from storage.repository import Repository
from tests.pilot import ready, wait_until


def stored(db_url: str, pod_id: int) -> Pod:
    repository = Repository.open(db_url)
    try:
        return repository.get_pod(pod_id)
    finally:
        repository.close()


async def test_a_pressed_as_another_copys_save_lands_opens_the_new_item(db_url, repo):
    pod = Pod(
        date=dt.date(2026, 11, 20),
        style="content_mapping",
        case_reference="Family G",
        map=PodMap(harm=[MapItem("one"), MapItem("two"), MapItem("three")]),
    )
    pod_id = repo.add_pod(pod)
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.open_pod(pod_id)
        await wait_until(pilot, lambda: isinstance(app.screen, PodScreen))
        await pilot.press("f2")
        screen = app.screen
        panel = screen.query_one(MapPanel)
        await wait_until(pilot, lambda: panel.focused_card() is not None)
        panel.move_to("harm", 2)  # on "three": `a` adds after it, at index 3
        await pilot.pause()

        # Another copy removed "two" and "three"; its save is found just after `a` made the
        # new item and before the editor opens (while the map redraws for it).
        theirs, version = repo.read_pod(pod_id)
        theirs.map.harm = [MapItem("one")]
        version = repo.save_pod(theirs, version)
        redraw = panel.redraw
        landed: list[bool] = []

        async def save_lands_first(*sections: str) -> None:
            if not landed:
                landed.append(True)
                screen._take_in(copy.deepcopy(theirs), version)
            await redraw(*sections)

        panel.redraw = save_lands_first  # type: ignore[method-assign]
        await pilot.press("a")
        assert landed
        await wait_until(pilot, lambda: isinstance(app.focused, TextArea), what="the editor")
        await pilot.press(*"Mum left")
        assert [item.text for item in screen.pod.map.harm] == ["one", "Mum left"]
        editor = screen.query_one(MapEditor)
        assert editor.text_area.text == "Mum left"
        await pilot.press("escape")
        await wait_until(pilot, lambda: not screen.dirty, what="the save")
    assert [item.text for item in stored(db_url, pod_id).map.harm] == ["one", "Mum left"]
