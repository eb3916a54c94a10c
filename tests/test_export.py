"""Exporting the pod record: the CLI and the ctrl+e dialog."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from textual.app import App
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from gq_pods import cli
from gq_pods.podfile import dumps
from screens.app import GqPodsApp
from screens.confirm import ConfirmScreen
from screens.export import ExportScreen
from tests.factories import full_pod
from tests.pilot import open_pod, screen_text, wait_until


def imported(capsys, tmp_path: Path, **overrides) -> str:
    path = tmp_path / "pod.json"
    path.write_text(dumps(full_pod(**overrides)), encoding="utf-8")
    assert cli.main(["import", str(path)]) == 0
    return capsys.readouterr().out.split()[-1]


def test_markdown_is_the_default_and_marked_official_sensitive(capsys, tmp_path):
    pod_id = imported(capsys, tmp_path)
    assert cli.main(["export", pod_id]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("**OFFICIAL-SENSITIVE**")
    assert "## What are we worried about?" in out
    assert "Amy Carter" in out


def test_redacted_export_names_nobody_around_the_child(capsys, tmp_path):
    pod_id = imported(capsys, tmp_path)
    assert cli.main(["export", pod_id, "--redact"]) == 0
    out = capsys.readouterr().out
    for part in ("Amy", "Dean", "Lisa", "Carter", "Pat Jones", "Begum"):
        assert part not in out
    assert "Child A" in out and "Jo Reed" in out  # staff stay


def test_export_all_writes_one_private_file_per_pod(capsys, tmp_path):
    imported(capsys, tmp_path)
    imported(capsys, tmp_path, case_reference="Family Z")
    out_dir = tmp_path / "records"
    old = os.umask(0)
    try:
        assert cli.main(["export", "--all", "-o", str(out_dir)]) == 0
    finally:
        os.umask(old)
    files = sorted(out_dir.iterdir())
    assert len(files) == 2 and all(f.suffix == ".md" for f in files)
    assert all((f.stat().st_mode & 0o777) == 0o600 for f in files)
    assert (out_dir.stat().st_mode & 0o777) == 0o700
    assert "Family Z" in "".join(f.read_text() for f in files)


def test_text_export_has_no_markdown_and_is_still_marked(capsys, tmp_path):
    pod_id = imported(capsys, tmp_path)
    assert cli.main(["export", pod_id, "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OFFICIAL-SENSITIVE\n") and out.rstrip().endswith("OFFICIAL-SENSITIVE")
    assert "\\" not in out and "**" not in out and "|" not in out
    assert "- In March Amy was found with a bruise" in out


def test_redacted_text_export_names_nobody_and_warns_about_letters_that_are_words(capsys, tmp_path):
    from gq_pods.model import Person

    people = full_pod().people + [Person("p6", "A", "sister", "family", 6)]
    pod_id = imported(capsys, tmp_path, people=people)
    assert cli.main(["export", pod_id, "--format", "text", "--redact"]) == 0
    captured = capsys.readouterr()
    for part in ("Amy", "Dean", "Lisa", "Carter", "Pat Jones", "Begum", "Family C"):
        assert part not in captured.out
    assert captured.out.startswith("OFFICIAL-SENSITIVE")
    assert '"A" is a person\'s name here and also an English word' in captured.err
    assert "Child B" in captured.err


def test_a_missing_folder_is_named(capsys, tmp_path):
    pod_id = imported(capsys, tmp_path)
    code = cli.main(["export", pod_id, "-o", str(tmp_path / "missing" / "dir" / "x.md")])
    err = capsys.readouterr().err
    assert code == 1
    assert f"There is no folder {tmp_path / 'missing' / 'dir'}" in err
    assert "something went wrong" not in err
    assert not (tmp_path / "missing").exists()


def test_dash_writes_the_record_to_standard_output(capsys, tmp_path, monkeypatch):
    pod_id = imported(capsys, tmp_path)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["export", pod_id, "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith("**OFFICIAL-SENSITIVE**")
    assert not (tmp_path / "-").exists()


def _make_fifo(path: Path) -> None:
    os.mkfifo(path)


def _make_device(path: Path) -> None:
    try:
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # like /dev/null, inside tmp_path
    except PermissionError:
        pytest.skip("making a device needs root")


@pytest.mark.parametrize("make, kind", [(_make_fifo, stat.S_ISFIFO), (_make_device, stat.S_ISCHR)])
def test_a_pipe_or_device_is_refused_and_left_as_it_is(capsys, tmp_path, make, kind):
    pod_id = imported(capsys, tmp_path)
    target = tmp_path / "not-a-file"
    make(target)
    assert cli.main(["export", pod_id, "-o", str(target), "--force"]) == 1
    assert "is not an ordinary file" in capsys.readouterr().err
    assert kind(os.stat(target).st_mode)


def test_an_existing_file_is_kept_unless_force_is_given(capsys, tmp_path):
    pod_id = imported(capsys, tmp_path)
    target = tmp_path / "record.md"
    target.write_text("someone's notes")
    assert cli.main(["export", pod_id, "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert f"{target} already exists" in err and "--force" in err
    assert target.read_text() == "someone's notes"
    assert cli.main(["export", pod_id, "-o", str(target), "--force"]) == 0
    assert target.read_text().startswith("**OFFICIAL-SENSITIVE**")


def test_redacted_files_say_so_in_their_names(capsys, tmp_path):
    pod_id = imported(capsys, tmp_path)
    folder = tmp_path / "out"
    folder.mkdir()
    assert cli.main(["export", pod_id, "-o", str(folder)]) == 0
    assert cli.main(["export", pod_id, "--redact", "-o", str(folder)]) == 0
    assert cli.main(["export", pod_id, "--redact", "--format", "text", "-o", str(folder)]) == 0
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        f"pod-{pod_id}-2026-11-20-redacted.md",
        f"pod-{pod_id}-2026-11-20-redacted.txt",
        f"pod-{pod_id}-2026-11-20.md",
    ]
    assert "Amy" not in (folder / names[0]).read_text() and "Amy" in (folder / names[2]).read_text()


def test_export_all_keeps_existing_files_unless_force_is_given(capsys, tmp_path):
    imported(capsys, tmp_path)
    out_dir = tmp_path / "records"
    assert cli.main(["export", "--all", "-o", str(out_dir)]) == 0
    (only,) = out_dir.iterdir()
    only.write_text("edited")
    capsys.readouterr()
    assert cli.main(["export", "--all", "-o", str(out_dir)]) == 1
    assert "already exists" in capsys.readouterr().err and only.read_text() == "edited"
    assert cli.main(["export", "--all", "-o", str(out_dir), "--force"]) == 0
    assert only.read_text().startswith("**OFFICIAL-SENSITIVE**")


async def test_ctrl_e_previews_redacts_and_saves_to_the_path_shown(db_url, repo, gq_home):
    pod_id = repo.add_pod(full_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pod(pilot, pod_id)
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: isinstance(app.screen, ExportScreen))
        dialog = app.screen
        await pilot.pause()
        assert "Amy Carter" in dialog.text()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert dialog.query_one("#redact", Checkbox).value
        summary = str(dialog.query_one("#redaction", Static).render())
        assert "Amy Carter -> Child A" in summary
        assert "Amy" not in dialog.text()
        target = gq_home / "shared" / "record.md"
        dialog.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: dialog.written is not None)
        assert dialog.written == target
        assert "Exported to" in str(dialog.query_one("#export-result", Static).render())
    text = target.read_text()
    assert text.startswith("**OFFICIAL-SENSITIVE**") and "Child A" in text and "Amy" not in text
    assert (target.stat().st_mode & 0o777) == 0o600


async def test_a_path_that_cannot_be_written_is_explained(db_url, repo, tmp_path):
    pod_id = repo.add_pod(full_pod())
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pod(pilot, pod_id)
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: isinstance(app.screen, ExportScreen))
        dialog = app.screen
        dialog.query_one("#path", Input).value = str(blocker / "inside.md")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Not exported" in str(dialog.query_one("#export-result", Static).render()))
        assert dialog.written is None
        assert app.is_running


async def test_the_preview_uses_the_teams_own_section_titles(db_url, repo, gq_home):
    (gq_home / "config").mkdir(parents=True, exist_ok=True)
    (gq_home / "config" / "team.json").write_text('{"labels": {"danger_statements": "Worry statements"}}')
    pod_id = repo.add_pod(full_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pod(pilot, pod_id)
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: isinstance(app.screen, ExportScreen))
        assert "### Worry statements" in app.screen.text()


# ---------------------------------------------------------------- the dialog on its own


class _Host(App):
    """Just the export dialog over an empty screen, for a pod that needs no database."""

    def __init__(self, pod) -> None:
        super().__init__()
        self.pod = pod

    def on_mount(self) -> None:
        self.push_screen(ExportScreen(self.pod, {}))


def _result(dialog) -> str:
    return str(dialog.query_one("#export-result", Static).render())


async def _dialog(pilot) -> ExportScreen:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ExportScreen))
    await pilot.pause()
    return pilot.app.screen


async def test_redacted_and_full_records_are_saved_under_different_names(gq_home):
    pod = full_pod(id=7)
    async with _Host(pod).run_test(size=(120, 40)) as pilot:
        dialog = await _dialog(pilot)
        path = dialog.query_one("#path", Input)
        assert Path(path.value).name == "pod-7-2026-11-20.md"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: dialog.written is not None)
        full = dialog.written
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: Path(path.value).name == "pod-7-2026-11-20-redacted.md")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: dialog.written != full)
        redacted = dialog.written
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: Path(path.value).name == "pod-7-2026-11-20.md")
    assert full != redacted and full.parent == redacted.parent
    assert "Amy Carter" in full.read_text() and "Amy" not in redacted.read_text()


async def test_plain_text_can_be_chosen_and_is_saved_as_txt(gq_home):
    async with _Host(full_pod(id=7)).run_test(size=(120, 40)) as pilot:
        dialog = await _dialog(pilot)
        dialog.query_one("#format", Select).value = "text"
        path = dialog.query_one("#path", Input)
        await wait_until(pilot, lambda: Path(path.value).name == "pod-7-2026-11-20.txt")
        assert dialog.text().startswith("OFFICIAL-SENSITIVE\n")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: dialog.written is not None)
    assert "\\" not in dialog.written.read_text()


async def test_an_existing_file_is_replaced_only_when_the_person_says_so(gq_home, tmp_path):
    target = tmp_path / "record.md"
    target.write_text("someone's notes")
    async with _Host(full_pod(id=7)).run_test(size=(80, 24)) as pilot:
        dialog = await _dialog(pilot)
        dialog.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        assert str(target) in str(pilot.app.screen.query_one("#question", Static).render())
        await pilot.press("n")
        await wait_until(pilot, lambda: "kept" in _result(dialog))
        assert target.read_text() == "someone's notes" and dialog.written is None
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_until(pilot, lambda: dialog.written == target)
    assert target.read_text().startswith("**OFFICIAL-SENSITIVE**")


async def test_a_one_letter_name_that_is_a_word_is_warned_about_before_export(gq_home):
    from gq_pods.model import Person

    pod = full_pod(id=7, people=[Person("p1", "A", "child", "family", 5), Person("p2", "T", "child", "family", 7)])
    async with _Host(pod).run_test(size=(80, 24)) as pilot:
        dialog = await _dialog(pilot)
        warning = dialog.query_one("#redaction-warning", Static)
        assert str(warning.render()).strip() == ""
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: "English word" in str(warning.render()))
        shown = str(warning.render())
        assert '"A"' in shown and "Child A" in shown and '"T"' not in shown
        assert warning.region.height > 0  # on screen, not scrolled away


async def test_the_preview_shows_the_record_as_soon_as_the_dialog_opens(gq_home):
    """The preview was blank for 2 to 4 seconds while Textual's Markdown widget drew it."""
    pod = full_pod(id=7)
    async with _Host(pod).run_test(size=(120, 40)) as pilot:
        dialog = await _dialog(pilot)
        preview = dialog.query_one("#preview", TextArea)
        assert preview.text == dialog.text()
        shown = screen_text(dialog)
        assert "**OFFICIAL-SENSITIVE**" in shown and "Stuck case: Family C" in shown
        await pilot.press("ctrl+r")  # a changed option shows the changed record at once too
        await pilot.pause()
        assert "Amy" not in preview.text and preview.text == dialog.text()
