"""Exporting the pod record: the CLI and the ctrl+e dialog."""

from __future__ import annotations

import os
from pathlib import Path

from textual.widgets import Checkbox, Input, Static

from gq_pods import cli
from gq_pods.podfile import dumps
from screens.app import GqPodsApp
from screens.export import ExportScreen
from tests.factories import full_pod
from tests.pilot import open_pod, wait_until


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
