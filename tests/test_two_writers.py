"""Two copies of gq-pods on one pod: nothing either saves is lost.

The session's part (pure), then an open pod driven with Pilot while "another copy"
(a second connection to the same database) saves, changes and deletes the pod: on
SQLite, and on PostgreSQL when GQ_PODS_TEST_PG_URL is set. Every wait is on the
database or the screen, never a pause of fixed length.
"""

from __future__ import annotations

import sqlite3

import pytest
from textual.widgets import Static

from gq_pods.model import MapItem, Pod
from gq_pods.session import PodSession
from screens.app import GqPodsApp
from screens.clash import ClashScreen, DeletedElsewhereScreen
from screens.pod import PodScreen
from storage.repository import Repository
from tests.pilot import open_pod, wait_until
from tests.test_storage_postgres import ADMIN_URL, pg_url  # noqa: F401 - a fixture


def harm(pod: Pod) -> list[str]:
    return [item.text for item in pod.map.harm]


def with_harm(*texts: str, pod_id: int = 1) -> Pod:
    pod = Pod(id=pod_id, title="Family C")
    pod.map.harm = [MapItem(t) for t in texts]
    return pod


# ---------------------------------------------------------------- the session (pure)


def test_taking_in_another_copys_save_keeps_my_unsaved_work():
    session = PodSession(with_harm("ALPHA"), stored_version=2)
    item, _ = session.add_item("harm")
    session.set(item, "text", "CHARLIE")
    clashes = session.take_in(with_harm("ALPHA", "BRAVO"), 3)
    assert clashes == []
    assert harm(session.pod) == ["ALPHA", "BRAVO", "CHARLIE"]
    assert session.base_version == 3 and harm(session.base) == ["ALPHA", "BRAVO"]
    assert session.dirty  # CHARLIE still has to be written


def test_taking_in_with_nothing_of_mine_unsaved_leaves_nothing_to_save():
    session = PodSession(with_harm("ALPHA"), stored_version=2)
    session.take_in(with_harm("ALPHA", "BRAVO"), 3)
    assert harm(session.pod) == ["ALPHA", "BRAVO"]
    assert not session.dirty


def test_undo_after_taking_in_takes_back_only_my_change():
    session = PodSession(with_harm("ALPHA"), stored_version=2)
    item, _ = session.add_item("harm")
    session.set(item, "text", "CHARLIE")
    session.take_in(with_harm("ALPHA", "BRAVO"), 3)
    session.undo()
    assert harm(session.pod) == ["ALPHA", "BRAVO"]  # BRAVO, the other copy's, stays


def test_undo_across_several_saves_taken_in_keeps_all_of_theirs():
    session = PodSession(with_harm("A"), stored_version=1)
    item, _ = session.add_item("harm")
    session.set(item, "text", "B mine")
    session.take_in(with_harm("A", "T1 theirs"), 2)
    item, _ = session.add_item("harm")
    session.set(item, "text", "C mine")
    session.take_in(with_harm("A", "T1 theirs", "T2 theirs"), 3)
    assert harm(session.pod) == ["A", "T1 theirs", "T2 theirs", "B mine", "C mine"]
    session.undo()
    assert harm(session.pod) == ["A", "T1 theirs", "T2 theirs", "B mine"]
    session.undo()
    assert harm(session.pod) == ["A", "T1 theirs", "T2 theirs"]
    assert session.undo() is None


def test_an_old_answer_arriving_late_changes_nothing():
    session = PodSession(with_harm("ALPHA"), stored_version=5)
    session.take_in(with_harm("stale"), 4)
    assert harm(session.pod) == ["ALPHA"]
    pod, change, _ = session.to_save()
    session.stored(pod, change, 3)
    assert session.base_version == 5


def test_choosing_their_text_is_one_undo_step():
    session = PodSession(with_harm("Dad hit Sara"), stored_version=1)
    session.set(session.pod.map.harm[0], "text", "Dad hit Sara with a belt")
    clashes = session.take_in(with_harm("Dad hit Sara in June"), 2)
    assert [c.where for c in clashes] == ["Map: Harm, item 1"]
    assert harm(session.pod) == ["Dad hit Sara with a belt"]
    session.choose([(clashes[0], "theirs")])
    assert harm(session.pod) == ["Dad hit Sara in June"]
    assert session.undo().label == "Choose between the two copies' texts"
    assert harm(session.pod) == ["Dad hit Sara with a belt"]


def test_the_screen_save_loop_through_the_session_and_store(tmp_path):
    """What the pod screen does, without the screen: two sessions, one database, in turn."""
    url = f"sqlite:///{tmp_path / 'pods.sqlite3'}"
    with Repository.open(url) as store:
        pod_id = store.add_pod(Pod(title="Family C"))
        a = _opened(store, pod_id)
        b = _opened(store, pod_id)
        for session, text in ((a, "ALPHA"), (b, "BRAVO"), (a, "CHARLIE"), (b, "DELTA")):
            item, _ = session.add_item("harm")
            session.set(item, "text", text)
            _save(store, session)
        assert harm(store.get_pod(pod_id)) == ["ALPHA", "BRAVO", "CHARLIE", "DELTA"]


def _opened(store: Repository, pod_id: int) -> PodSession:
    pod, version = store.read_pod(pod_id)
    return PodSession(pod, stored_version=version)


def _save(store: Repository, session: PodSession) -> None:
    from storage.errors import PodChanged

    while session.dirty:
        pod, change, expected = session.to_save()
        try:
            session.stored(pod, change, store.save_pod(pod, expected))
        except PodChanged:
            session.take_in(*store.read_pod(pod.id))


# ---------------------------------------------------------------- an open pod (Pilot)


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, db_url):
    if request.param == "sqlite":
        return db_url
    if not ADMIN_URL:
        pytest.skip("GQ_PODS_TEST_PG_URL is not set")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def other(url):
    """The other copy: its own connection to the same database."""
    repository = Repository.open(url)
    yield repository
    repository.close()


def saved_by_other(other: Repository, pod_id: int, change) -> None:
    """The other copy reads the pod, changes it and saves it over the version it read."""
    pod, version = other.read_pod(pod_id)
    change(pod)
    other.save_pod(pod, version)


def type_item(screen: PodScreen, text: str) -> None:
    item, _ = screen.session.add_item("harm")
    screen.session.set(item, "text", text)


async def test_alpha_bravo_charlie_every_item_reaches_the_database(url, other):
    pod_id = other.add_pod(Pod(title="Family C", case_reference="C1"))
    app = GqPodsApp(url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_pod(pilot, pod_id)
        type_item(screen, "ALPHA")
        await wait_until(pilot, lambda: harm(other.get_pod(pod_id)) == ["ALPHA"], what="ALPHA saved")
        await wait_until(pilot, lambda: not screen.dirty)
        saved_by_other(other, pod_id, lambda p: p.map.harm.append(MapItem("BRAVO")))
        type_item(screen, "CHARLIE")  # before this copy has seen BRAVO
        await wait_until(
            pilot, lambda: harm(other.get_pod(pod_id)) == ["ALPHA", "BRAVO", "CHARLIE"], what="all three saved"
        )
        await wait_until(pilot, lambda: not screen.dirty)
        assert harm(screen.pod) == ["ALPHA", "BRAVO", "CHARLIE"]
        assert "Saved" in str(screen.query_one("#save-indicator", Static).content)


async def test_an_open_pod_shows_what_another_copy_saved(url, other):
    pod_id = other.add_pod(Pod(title="Family C", case_reference="C1"))
    app = GqPodsApp(url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_pod(pilot, pod_id)
        await pilot.press("f2")
        saved_by_other(other, pod_id, lambda p: p.map.harm.append(MapItem("Saved in the other copy")))
        await wait_until(pilot, lambda: harm(screen.pod) == ["Saved in the other copy"], what="the change shown")
        await wait_until(pilot, lambda: "Saved in the other copy" in _screen_text(app), what="the map redrawn")
        await wait_until(pilot, lambda: not screen.dirty)  # the stage's time, if it ran, is written too
        assert harm(other.get_pod(pod_id)) == ["Saved in the other copy"]


async def test_a_clash_shows_both_texts_and_the_chosen_one_is_saved(url, other):
    pod = Pod(title="Family C", case_reference="C1")
    pod.map.harm = [MapItem("Dad hit Sara")]
    pod_id = other.add_pod(pod)
    app = GqPodsApp(url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_pod(pilot, pod_id)
        saved_by_other(other, pod_id, lambda p: setattr(p.map.harm[0], "text", "Dad hit Sara in June [b]"))
        screen.session.set(screen.pod.map.harm[0], "text", "Dad hit Sara with a belt")
        await wait_until(pilot, lambda: isinstance(app.screen, ClashScreen), what="the clash dialog")
        dialog = app.screen
        await pilot.pause()
        assert str(dialog.query_one("#clash-mine", Static).content) == "Dad hit Sara with a belt"
        assert str(dialog.query_one("#clash-theirs", Static).content) == "Dad hit Sara in June [b]"
        assert "Map: Harm, item 1" in str(dialog.query_one("#clash-where", Static).content)
        # until the person chooses, nothing of either is lost: this copy's text is saved, theirs is on screen
        await pilot.press("t")
        await wait_until(
            pilot, lambda: harm(other.get_pod(pod_id)) == ["Dad hit Sara in June [b]"], what="their text saved"
        )
        assert harm(screen.pod) == ["Dad hit Sara in June [b]"]


async def deleted_while_open(pilot, other: Repository, pod_id: int, typed: str) -> PodScreen:
    """The other copy deletes the open pod, and this copy types: the plain question shows."""
    app = pilot.app
    screen = await open_pod(pilot, pod_id)
    other.delete_pod(pod_id)
    type_item(screen, typed)
    await wait_until(pilot, lambda: isinstance(app.screen, DeletedElsewhereScreen), what="the plain message")
    await wait_until(pilot, lambda: bool(app.screen.query("#keep")))
    await pilot.pause()
    return screen


async def test_quitting_with_a_clash_unchosen_saves_the_work_and_asks_again(db_url, repo):
    pod = Pod(title="Family C", case_reference="C1")
    pod.map.harm = [MapItem("Dad hit Sara"), MapItem("Mum left")]
    pod_id = repo.add_pod(pod)
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_pod(pilot, pod_id)

        def theirs(p: Pod) -> None:
            p.map.harm[0].text = "Dad hit Sara in June"
            p.map.harm.append(MapItem("Theirs, no clash"))

        saved_by_other(repo, pod_id, theirs)
        screen.session.set(screen.pod.map.harm[0], "text", "Dad hit Sara with a belt")
        assert not app.save_all()  # what Ctrl+Q does: the clash box is open, so not yet
        assert isinstance(app.screen, ClashScreen)
        # meanwhile everything is in the database, this copy's text where they clash
        assert harm(repo.get_pod(pod_id)) == ["Dad hit Sara with a belt", "Mum left", "Theirs, no clash"]
        await wait_until(pilot, lambda: bool(app.screen.query("#theirs")))
        await pilot.pause()
        await pilot.press("t")
        await wait_until(pilot, lambda: not isinstance(app.screen, ClashScreen))
        assert app.save_all()
        assert harm(repo.get_pod(pod_id)) == ["Dad hit Sara in June", "Mum left", "Theirs, no clash"]


async def test_a_pod_deleted_in_another_copy_can_be_kept_as_a_new_pod(url, other):
    pod_id = other.add_pod(Pod(title="Family C", case_reference="C1"))
    app = GqPodsApp(url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await deleted_while_open(pilot, other, pod_id, "Written after the delete")
        assert "deleted in another copy" in _screen_text(app)
        await pilot.press("enter")  # "Save as a new pod" has the keyboard
        await wait_until(pilot, lambda: other.count_pods() == 1, what="the new pod")
        (summary,) = other.list_pods()
        assert summary.id != pod_id and summary.case_reference == "C1"
        assert harm(other.get_pod(summary.id)) == ["Written after the delete"]
        # it is the open pod now: later changes go to it
        type_item(screen, "And after that")
        await wait_until(pilot, lambda: harm(other.get_pod(summary.id))[-1:] == ["And after that"])


async def test_quitting_after_a_delete_elsewhere_keeps_the_text(url, other):
    pod_id = other.add_pod(Pod(title="Family C", case_reference="C1"))
    app = GqPodsApp(url)
    async with app.run_test(size=(120, 40)) as pilot:
        await deleted_while_open(pilot, other, pod_id, "Not to be lost")
        assert app.save_all()  # what quitting does, with the question still open
    (summary,) = other.list_pods()
    assert harm(other.get_pod(summary.id)) == ["Not to be lost"]


async def test_letting_a_deleted_pod_go_closes_it_and_stores_nothing(url, other):
    pod_id = other.add_pod(Pod(title="Family C", case_reference="C1"))
    app = GqPodsApp(url)
    async with app.run_test(size=(120, 40)) as pilot:
        await deleted_while_open(pilot, other, pod_id, "Let go")
        await pilot.click("#drop")
        await wait_until(pilot, lambda: not isinstance(app.screen, (PodScreen, DeletedElsewhereScreen)))
        assert app.save_all()
    assert other.count_pods() == 0


async def test_a_held_write_lock_never_freezes_typing(db_url, repo):
    """Another program holds the SQLite write lock: the save waits in its own thread, keys still work."""
    other = repo
    pod_id = other.add_pod(Pod(title="Family C", case_reference="C1"))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_pod(pilot, pod_id)
        holder = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None, check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")
        try:
            type_item(screen, "while locked")
            await wait_until(pilot, lambda: screen._saving, what="the save to start")
            # the save is waiting on the lock; the screen still takes keys and edits
            await pilot.press("f2")
            type_item(screen, "still typing")
            assert screen._saving and harm(other_pod(db_url, pod_id)) == []
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        await wait_until(
            pilot, lambda: harm(other.get_pod(pod_id)) == ["while locked", "still typing"], what="both saved"
        )


def other_pod(db_url: str, pod_id: int) -> Pod:
    con = sqlite3.connect(db_url.removeprefix("sqlite:///"))
    try:
        rows = con.execute("SELECT text FROM map_items WHERE pod_id = ? ORDER BY position", (pod_id,)).fetchall()
    finally:
        con.close()
    return with_harm(*(r[0] for r in rows))


def _screen_text(app) -> str:
    return "\n".join(
        str(widget.content) for widget in app.screen.query(Static) if widget.display
    )


async def test_while_typing_in_a_box_another_copys_save_waits_and_no_key_is_lost(db_url, repo):
    """A merge redraws the map, which would close the box being typed in: it waits for the box to close."""
    from textual.widgets import TextArea

    other = repo
    pod = Pod(title="Family C", case_reference="C1", style="content_mapping", current_stage="worries")
    pod.map.harm = [MapItem("Base worry")]
    pod_id = other.add_pod(pod)
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_pod(pilot, pod_id)
        await pilot.press("f2")
        await wait_until(pilot, lambda: screen.query_one("#panel-map").focused_card() is not None)
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.focused, TextArea), what="the new item's box")
        await pilot.press(*"mine")
        await wait_until(pilot, lambda: "mine" in harm(other.get_pod(pod_id)), what="the first letters saved")
        saved_by_other(other, pod_id, lambda p: p.map.harm.append(MapItem("BRAVO")))
        await pilot.press(*" and more")  # the save after these letters finds the other copy's first
        await wait_until(pilot, lambda: screen._waiting is not None, what="the merge to wait")
        await pilot.press(*" still")
        assert isinstance(app.focused, TextArea)  # the box stayed open; every letter went into it
        await pilot.press("escape")
        await wait_until(
            pilot, lambda: sorted(harm(other.get_pod(pod_id))) == ["BRAVO", "Base worry", "mine and more still"],
            what="both saved",
        )
        await wait_until(pilot, lambda: not screen.dirty)


async def test_leaving_while_a_background_save_is_under_way_never_brings_back_a_deleted_item(db_url, repo):
    """The background save wrote X, then X was deleted and the pod left at once: the save on
    leaving must not take this copy's own earlier save for another copy's and merge X back."""
    pod_id = repo.add_pod(Pod(title="Family C", case_reference="C1"))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_pod(pilot, pod_id)
        holder = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None, check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")
        try:
            type_item(screen, "X, deleted straight after")
            await wait_until(pilot, screen._store_lock.locked, what="the background save waiting on the lock")
            screen.session.delete_item("harm", screen.pod.map.harm[0])
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert screen.save_now()  # leaving: waits for the background save, then writes over it
        assert harm(repo.get_pod(pod_id)) == []
        await wait_until(pilot, lambda: not screen.dirty and not screen._saving)
        assert harm(repo.get_pod(pod_id)) == []


async def test_the_clash_box_fits_80x24_shows_markup_as_typed_and_escape_keeps_yours():
    from textual.app import App
    from textual.widgets import Button

    from gq_pods.merge import merge

    base = with_harm("Dad hit Sara", "Mum left")
    mine, theirs = with_harm("Dad hit Sara [b]bold[/b]", "Mum left at 9"), with_harm("Dad hit Sara [@click=app.quit]", "Mum left at 10")
    clashes = merge(base, mine, theirs).clashes
    assert len(clashes) == 2
    answers: list = []

    class Host(App):
        def on_mount(self) -> None:
            self.push_screen(ClashScreen(clashes), answers.append)

    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ClashScreen) and bool(app.screen.query("#theirs")))
        await pilot.pause()
        dialog = app.screen
        assert str(dialog.query_one("#clash-mine", Static).content) == "Dad hit Sara [b]bold[/b]"
        assert str(dialog.query_one("#clash-theirs", Static).content) == "Dad hit Sara [@click=app.quit]"
        for button in dialog.query(Button):
            assert button.region.right <= 80 and button.region.bottom <= 24 and button.region.width > 0
        assert "(1 of 2)" in str(dialog.query_one("#dialog-title", Static).content)
        await pilot.press("t")
        await wait_until(pilot, lambda: "(2 of 2)" in str(dialog.query_one("#dialog-title", Static).content))
        await pilot.press("escape")
        await wait_until(pilot, lambda: bool(answers))
    assert [(c.where, side) for c, side in answers[0]] == [("Map: Harm, item 1", "theirs"), ("Map: Harm, item 2", "mine")]
