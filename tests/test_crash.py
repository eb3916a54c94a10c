"""An unhandled error closes the app with a plain message, never case text, and
leaves saved pods saved."""

from __future__ import annotations


import pytest

from gq_pods import crashlog
from screens.app import GqPodsApp
from tests.factories import full_pod
from tests.pilot import open_pod

SECRET = "Amy told the nursery Dean hit her"


def test_the_log_names_the_kind_and_place_of_an_error_but_never_its_message(tmp_path):
    try:
        raise ValueError(SECRET)
    except ValueError as error:
        log = crashlog.write(error, tmp_path / "log" / "gq-pods.log")
    text = log.read_text()
    assert "builtins.ValueError" in text and "test_crash.py" in text
    assert SECRET not in text
    assert (log.stat().st_mode & 0o777) == 0o600
    assert (log.parent.stat().st_mode & 0o777) == 0o700


async def test_an_unhandled_error_shows_a_plain_message_and_keeps_saved_work(db_url, repo, gq_home, capsys):
    pod_id = repo.add_pod(full_pod())
    app = GqPodsApp(db_url)
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_pod(pilot, pod_id)
            screen.pod.focus_question = "Typed just before the crash"
            screen.mark_dirty()

            def boom() -> None:
                raise RuntimeError(SECRET)

            app.call_later(boom)
            await pilot.pause()
    assert app.return_code == 1
    shown = capsys.readouterr().err
    assert "had to stop" in shown and "Everything already saved is safe" in shown
    assert SECRET not in shown and "Traceback" not in shown
    log = gq_home / "log" / "gq-pods.log"
    assert log.exists() and SECRET not in log.read_text()
    assert (log.stat().st_mode & 0o777) == 0o600
    # the unsaved change was written before closing
    assert repo.get_pod(pod_id).focus_question == "Typed just before the crash"


async def test_quitting_with_a_change_the_database_refused_asks_first(db_url, repo):
    pod_id = repo.add_pod(full_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_pod(pilot, pod_id)

        def refuse(pod):
            raise OSError("disk full")

        app.repository.save_pod = refuse
        screen.pod.focus_question = "Typed while the disk was full"
        screen.mark_dirty()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running
        assert any("could not be saved" in str(n.message) for n in app._notifications)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


# ---------------------------------------------------------------- when the log folder cannot be made


@pytest.fixture
def log_blocked(gq_home):
    """A file where the log folder should be: the folder can never be made."""
    gq_home.mkdir(parents=True, exist_ok=True)
    (gq_home / "log").write_text("in the way")
    return gq_home / "log"


def test_the_cli_still_answers_plainly_when_the_log_cannot_be_written(log_blocked, monkeypatch, capsys):
    from gq_pods import cli

    def boom(*args):
        raise RuntimeError(SECRET)

    real = cli._list
    monkeypatch.setattr(cli, "_list", boom)
    assert cli.main(["list"]) == 1
    err = capsys.readouterr().err
    assert "something went wrong (RuntimeError)" in err
    assert "No details could be kept" in err
    assert "Traceback" not in err and SECRET not in err
    assert log_blocked.read_text() == "in the way"
    # and a command that works still works
    monkeypatch.setattr(cli, "_list", real)
    assert cli.main(["list"]) == 0
    assert "No pods yet" in capsys.readouterr().out


def test_crashlog_write_never_raises_and_says_where_it_wrote(log_blocked, tmp_path):
    assert crashlog.write(RuntimeError(SECRET)) is None
    assert crashlog.details(RuntimeError(SECRET)) == crashlog.NO_LOG
    message = crashlog.plain_message(RuntimeError(SECRET))
    assert "had to stop" in message and crashlog.NO_LOG in message and "None" not in message
    elsewhere = tmp_path / "elsewhere" / "x.log"
    assert crashlog.write(RuntimeError(SECRET), elsewhere) == elsewhere
    assert SECRET not in elsewhere.read_text()


def _message_screen(app):
    from screens.confirm import MessageScreen

    return app.screen if isinstance(app.screen, MessageScreen) else None


def _shown(screen) -> str:
    from textual.widgets import Static

    return "\n".join(str(w.render()) for w in screen.query(Static))


async def test_the_app_shows_why_it_could_not_open_even_when_the_log_cannot_be_written(
    log_blocked, db_url, monkeypatch
):
    from storage.repository import Repository
    from tests.pilot import wait_until

    def boom(*args, **kwargs):
        raise RuntimeError(SECRET)

    monkeypatch.setattr(Repository, "open", boom)
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: _message_screen(app) is not None, what="the message")
        text = _shown(app.screen)
        assert "The pods could not be opened" in text
        assert "No details could be kept" in text
        assert SECRET not in text


async def test_the_app_refuses_another_programs_database_in_plain_words(gq_home):
    import sqlite3

    from tests.pilot import wait_until

    path = gq_home / "other.sqlite3"
    gq_home.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    before = path.read_bytes()
    app = GqPodsApp(f"sqlite:///{path}")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: _message_screen(app) is not None, what="the message")
        text = _shown(app.screen)
        assert "This is not a gq-pods database" in text
        assert "another program's tables" in text and "nothing was changed" in text
    assert path.read_bytes() == before


async def test_a_damaged_pod_says_so_and_the_list_stays(db_url, repo, gq_home):
    import sqlite3

    from tests.pilot import ready

    good = repo.add_pod(full_pod(title="Good"))
    bad = repo.add_pod(full_pod(title="Bad"))
    bad_date = repo.add_pod(full_pod(title="Bad date"))
    con = sqlite3.connect(gq_home / "data" / "pods.sqlite3")
    con.execute("UPDATE next_steps SET due = 'never' WHERE pod_id = ?", (bad,))
    con.execute("UPDATE pods SET date = 'the 40th' WHERE id = ?", (bad_date,))
    con.commit()
    con.close()
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        app.open_pod(bad)
        await pilot.pause()
        assert app.is_running and app.screen.__class__.__name__ == "HomeScreen"
        notices = [n for n in app._notifications if f"Pod {bad} could not be read" in str(n.message)]
        assert notices and notices[0].title == "This pod could not be read"
        assert {p.id for p in app.screen.pods} == {good, bad, bad_date}
        from screens.home import PodTable

        row = [str(cell) for cell in app.screen.query_one("#pods", PodTable).get_row(str(bad_date))]
        assert "Cannot be read" in row


async def test_a_storage_error_nothing_caught_closes_with_the_databases_own_words(db_url, repo, capsys):
    from storage.errors import DatabaseBusy
    from tests.pilot import ready

    repo.add_pod(full_pod())
    app = GqPodsApp(db_url)
    with pytest.raises(DatabaseBusy):
        async with app.run_test(size=(80, 24)) as pilot:
            await ready(pilot)

            def busy() -> None:
                raise DatabaseBusy()

            app.call_later(busy)
            await pilot.pause()
    assert app.return_code == 1
    shown = capsys.readouterr().err
    assert "The database is busy" in shown and "Try again in a moment" in shown
    assert "could not handle" not in shown and "Traceback" not in shown
