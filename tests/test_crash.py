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
