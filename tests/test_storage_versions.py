"""Every pod carries a version: a save writes only over the version it read, so no copy
of the app overwrites what another saved. On SQLite, and on PostgreSQL when
GQ_PODS_TEST_PG_URL is set."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from gq_pods.merge import merge
from gq_pods.model import MapItem, Pod
from storage import migrate
from storage.errors import PodChanged, PodNotFound, StorageError
from storage.repository import FIRST_VERSION, Repository
from tests.factories import full_pod
from tests.test_storage_migrations import ROWS_0001, build_at
from tests.test_storage_postgres import ADMIN_URL, pg_url  # noqa: F401 - a fixture


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path, monkeypatch):
    """A new, empty database of each kind (PostgreSQL only when a server is given)."""
    monkeypatch.setenv("GQ_PODS_HOME", str(tmp_path))
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'pods.sqlite3'}"
    if not ADMIN_URL:
        pytest.skip("GQ_PODS_TEST_PG_URL is not set")
    return request.getfixturevalue("pg_url")


def harm(pod: Pod) -> list[str]:
    return [item.text for item in pod.map.harm]


def test_a_new_pod_starts_at_the_first_version_and_each_save_counts_one(url):
    with Repository.open(url) as repo:
        pod = full_pod()
        repo.add_pod(pod)
        assert repo.read_pod(pod.id) == (pod, FIRST_VERSION)
        assert repo.pod_version(pod.id) == FIRST_VERSION
        pod.title = "changed"
        assert repo.save_pod(pod, FIRST_VERSION) == FIRST_VERSION + 1
        assert repo.save_pod(pod, FIRST_VERSION + 1) == FIRST_VERSION + 2
        stored, version = repo.read_pod(pod.id)
        assert (stored.title, version) == ("changed", FIRST_VERSION + 2)
        assert repo.pod_version(pod.id) == FIRST_VERSION + 2


def test_a_save_over_an_old_version_writes_nothing_and_says_the_pod_changed(url):
    with Repository.open(url) as repo:
        pod = full_pod(title="Family C")
        repo.add_pod(pod)
        pod.map.harm = [MapItem("BRAVO")]
        repo.save_pod(pod, FIRST_VERSION)  # the other copy's save

        stale = full_pod(title="Family C secret words")
        stale.id = pod.id
        stale.map.harm = [MapItem("CHARLIE")]
        with pytest.raises(PodChanged) as caught:
            repo.save_pod(stale, FIRST_VERSION)
        stored, version = repo.read_pod(pod.id)
        assert harm(stored) == ["BRAVO"] and stored.title == "Family C"
        assert version == FIRST_VERSION + 1
    # a plain error, carrying nothing from the pod
    error = caught.value
    assert isinstance(error, StorageError)
    assert "secret" not in str(error) and "CHARLIE" not in str(error)
    assert "another copy" in str(error)
    assert vars(error) == {"pod_id": pod.id}


def test_a_deleted_pod_says_it_is_gone_rather_than_changed(url):
    with Repository.open(url) as repo:
        pod = full_pod()
        repo.add_pod(pod)
        repo.delete_pod(pod.id)
        with pytest.raises(PodNotFound):
            repo.save_pod(pod, FIRST_VERSION)
        with pytest.raises(PodNotFound):
            repo.pod_version(pod.id)
        with pytest.raises(PodNotFound):
            repo.read_pod(pod.id)


def test_alpha_bravo_charlie_two_copies_keep_every_item(url):
    """The issue's case: A adds ALPHA, B adds BRAVO, A adds CHARLIE. Each copy has its own connection."""
    with Repository.open(url) as a, Repository.open(url) as b:
        pod = Pod(title="Family C")
        a.add_pod(pod)
        a_pod, a_version = a.read_pod(pod.id)
        b_pod, b_version = b.read_pod(pod.id)

        a_pod.map.harm.append(MapItem("ALPHA"))
        a_version = a.save_pod(a_pod, a_version)

        b_pod.map.harm.append(MapItem("BRAVO"))
        with pytest.raises(PodChanged):
            b.save_pod(b_pod, b_version)
        b_base = b.read_pod(pod.id)  # B's base was the empty pod: merge, then save
        b_pod = merge(Pod(title="Family C", id=pod.id), b_pod, b_base[0]).pod
        b_version = b.save_pod(b_pod, b_base[1])

        a_before = Pod(title="Family C", id=pod.id)
        a_before.map.harm = [MapItem("ALPHA")]  # what A last saved: its base now
        a_pod.map.harm.append(MapItem("CHARLIE"))
        with pytest.raises(PodChanged):
            a.save_pod(a_pod, a_version)
        theirs, their_version = a.read_pod(pod.id)
        merged = merge(a_before, a_pod, theirs)
        assert merged.clashes == []
        a.save_pod(merged.pod, their_version)
        assert harm(b.get_pod(pod.id)) == ["ALPHA", "BRAVO", "CHARLIE"]


WRITERS = 4
ITEMS_EACH = 8


def test_writers_racing_on_one_pod_lose_nothing(url):
    """Copies adding items at once, each reading, merging and saving again when another was first."""
    with Repository.open(url) as repo:
        pod = Pod(title="race")
        pod_id = repo.add_pod(pod)
    changed = [0]
    failures: list[BaseException] = []
    start = threading.Barrier(WRITERS)

    def writer(n: int) -> None:
        try:
            with Repository.open(url) as mine:
                base, version = mine.read_pod(pod_id)
                start.wait()
                for i in range(ITEMS_EACH):
                    ours = merge(base, base, base).pod
                    ours.map.harm.append(MapItem(f"writer {n} item {i}"))
                    while True:
                        try:
                            version = mine.save_pod(ours, version)
                            base = ours
                            break
                        except PodChanged:
                            changed[0] += 1
                            theirs, version = mine.read_pod(pod_id)
                            ours = merge(base, ours, theirs).pod
                            base = theirs
        except BaseException as error:  # noqa: BLE001 - reported below
            failures.append(error)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with Repository.open(url) as repo:
        final, version = repo.read_pod(pod_id)
    expected = {f"writer {n} item {i}" for n in range(WRITERS) for i in range(ITEMS_EACH)}
    assert sorted(harm(final)) == sorted(expected)
    # each writer's own items stay in the order it added them
    for n in range(WRITERS):
        mine = [t for t in harm(final) if t.startswith(f"writer {n} ")]
        assert mine == [f"writer {n} item {i}" for i in range(ITEMS_EACH)]
    assert version == FIRST_VERSION + WRITERS * ITEMS_EACH


# ---------------------------------------------------------------- the migration (SQLite)


def test_a_0002_database_upgrades_and_its_pods_start_at_the_first_version(tmp_path, monkeypatch):
    monkeypatch.setenv("GQ_PODS_HOME", str(tmp_path))
    path = tmp_path / "pods.sqlite3"
    build_at(path, "0002", ROWS_0001)
    assert migrate.stored_revision(f"sqlite:///{path}") == "0002"

    with Repository.open(f"sqlite:///{path}") as repo:
        assert (repo.migration.action, repo.migration.from_revision) == ("upgraded", "0002")
        assert repo.migration.backup is not None and "0002" in repo.migration.backup.name
        pod, version = repo.read_pod(1)
        assert (pod.title, version) == ("Family D", FIRST_VERSION)
        assert pod.map.harm[0].text == "Ben was left alone overnight."
        assert pod.scales[0].scores[0].score == 4
        pod.title = "Family D, changed"
        assert repo.save_pod(pod, FIRST_VERSION) == FIRST_VERSION + 1
        with pytest.raises(PodChanged):
            repo.save_pod(pod, FIRST_VERSION)

    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT version FROM pods WHERE id = 1").fetchone() == (FIRST_VERSION + 1,)
        assert con.execute("SELECT count(*) FROM map_items").fetchone() == (1,)  # no child row lost
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()
    assert migrate.stored_revision(f"sqlite:///{path}") == migrate.HEAD


def test_the_version_column_is_added_in_place_on_postgresql():
    import io

    from alembic import command

    buffer = io.StringIO()
    config = migrate.alembic_config()
    config.output_buffer = buffer
    config.set_main_option("sqlalchemy.url", "postgresql://")
    command.upgrade(config, "0002:0003", sql=True)
    assert "ALTER TABLE pods ADD COLUMN version INTEGER DEFAULT '1' NOT NULL" in buffer.getvalue()
