"""The same store on PostgreSQL (a team's shared database).

Runs only when GQ_PODS_TEST_PG_URL names a server where databases can be
created, e.g. ``postgresql+psycopg://postgres@/postgres?host=/tmp/pg``, with a
driver installed; otherwise skipped.
"""

from __future__ import annotations

import os
import uuid

import pytest

from gq_pods.model import Pod
from storage import migrate
from storage.engine import create_engine
from storage.errors import DatabaseTooNew, NotAPodsDatabase, PodNotFound
from storage.repository import Repository
from tests.factories import full_pod

ADMIN_URL = os.environ.get("GQ_PODS_TEST_PG_URL", "")
pytestmark = pytest.mark.skipif(not ADMIN_URL, reason="GQ_PODS_TEST_PG_URL is not set")


@pytest.fixture
def pg_url(monkeypatch, tmp_path):
    monkeypatch.setenv("GQ_PODS_HOME", str(tmp_path))
    from sqlalchemy import make_url

    name = f"gq_pods_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    yield url
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
    admin.dispose()


def test_full_pod_round_trips_and_nul_is_cleaned(pg_url):
    with Repository.open(pg_url) as repo:
        assert repo.migration.action == "created"
        pod = full_pod()
        repo.add_pod(pod)
        assert repo.get_pod(pod.id) == pod
        pod.title = "Fam\x00ily C"  # PostgreSQL would refuse this
        pod.extra = {"note\x00": "a\x00b"}
        pod.participants.reverse()
        repo.save_pod(pod)
        loaded = repo.get_pod(pod.id)
        assert loaded.title == "Family C" and loaded.extra == {"note": "ab"}
        assert loaded.participants == pod.participants
        assert [s.id for s in repo.list_pods("family c")] == [pod.id]
        assert repo.list_pods()[0].updated_at.tzinfo is not None
        repo.delete_pod(pod.id)
        with pytest.raises(PodNotFound):
            repo.get_pod(pod.id)
        assert repo.count_pods() == 0
    with Repository.open(pg_url) as repo:
        assert repo.migration.action == "up_to_date"


def test_upgrade_from_0001_keeps_rows(pg_url):
    from alembic import command

    from tests.test_storage_migrations import ROWS_0001

    engine = create_engine(pg_url)
    with engine.connect() as conn:
        with conn.begin():
            command.upgrade(migrate.alembic_config(conn), "0001")
        with conn.begin():
            for table, row in ROWS_0001.items():
                cols = ", ".join(f'"{c}"' for c in row)
                marks = ", ".join(f"%({c})s" for c in row)
                values = {k: (bool(v) if k in ("manager_present", "practice", "in_household") else v)
                          for k, v in row.items()}
                conn.exec_driver_sql(f"INSERT INTO {table} ({cols}) VALUES ({marks})", values)
    engine.dispose()

    with Repository.open(pg_url) as repo:
        assert (repo.migration.action, repo.migration.backup) == ("upgraded", None)
        pod = repo.get_pod(1)
        assert pod.title == "Family D" and pod.participants[0].name == "Sam Patel"
        assert pod.scales[0].scores[0].score == 4 and pod.current_stage == ""


def test_a_newer_database_is_refused(pg_url):
    Repository.open(pg_url).close()
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    engine.dispose()
    with pytest.raises(DatabaseTooNew):
        Repository.open(pg_url)


def test_every_field_round_trips(pg_url):
    """Values come back raw from the driver and are checked against the model: PostgreSQL's types too."""
    from tests.test_schema import EVERY_FIELD, fill_defaults, leaves

    pod = full_pod(**EVERY_FIELD)
    fill_defaults(pod)
    with Repository.open(pg_url) as repo:
        pod.follows = repo.add_pod(Pod(title="the pod it follows up"))  # a link must name a stored pod
        repo.add_pod(pod)
        assert leaves(repo.get_pod(pod.id)) == leaves(pod)
        summary = next(s for s in repo.list_pods() if s.id == pod.id)
        assert (summary.date, summary.practice, summary.status) == (pod.date, True, "complete")


def test_a_database_holding_another_programs_tables_is_refused_untouched(pg_url):
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE invoices (id integer PRIMARY KEY, amount integer)")
    with pytest.raises(NotAPodsDatabase) as err:
        Repository.open(pg_url)
    assert "another program's tables" in str(err.value)
    assert "postgres" in str(err.value) and "gq-pods needs a database of its own" in str(err.value)
    with engine.connect() as conn:
        tables = conn.exec_driver_sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").scalars().all()
    engine.dispose()
    assert tables == ["invoices"]


def test_a_case_followed_up_its_steps_and_the_team_report_on_postgresql(pg_url):
    """The chain, next steps due and the report are SQL shared with SQLite (storage/case_sql.py):
    PostgreSQL must give the same answers."""
    import datetime as dt

    first = full_pod()
    first.practice = False
    with Repository.open(pg_url) as repo:
        first_id = repo.add_pod(first)
        open_before = repo.open_steps()
        assert {s.pod_id for s in open_before} == {first_id}
        second_id = repo.follow_up(first_id, today=dt.date(2026, 12, 1))
        assert [p.id for p in repo.chain(second_id)] == [first_id, second_id]
        step = open_before[0]
        repo.set_step_outcome(first_id, step.index, "done", "", "JR", dt.date(2026, 12, 1), text=step.text)
        assert step.text not in [s.text for s in repo.open_steps()]
        assert repo.team_report().pods == 2
