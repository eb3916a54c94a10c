"""The real program in a real terminal (tmux), driven as a person would."""

from __future__ import annotations

import json

from tests.factories import full_pod
from tests.terminal import GQ_PODS, Terminal, gq, import_pod, make_env




def test_home_lists_imported_pods_literally_help_opens_and_ctrl_q_exits_cleanly(tmp_path):
    env = make_env(tmp_path / "home")
    for case, team in (("Family C [/] [b]x", "North Team"), ("Family B", "South Team")):
        import_pod(env, full_pod(case_reference=case, team=team), tmp_path)

    term = Terminal([str(GQ_PODS)], env, 80, 24)
    try:
        screen = term.wait_for("Family B")
        assert "Family C [/] [b]x" in screen
        assert "North Team" in screen and "South Team" in screen
        term.send("F1")
        screen = term.wait_for("Keys everywhere")
        term.send("Escape")
        term.wait_for("Family B")
        term.send("C-q")
        assert term.exit_status() == 0
    finally:
        term.close()


def test_list_on_a_fresh_machine_creates_a_private_database(tmp_path):
    home = tmp_path / "fresh"
    env = make_env(home)
    env.pop("GQ_PODS_HOME")
    env["HOME"] = str(home)
    env["XDG_DATA_HOME"] = str(home / ".local" / "share")
    env["XDG_CONFIG_HOME"] = str(home / ".config")
    env["XDG_STATE_HOME"] = str(home / ".local" / "state")
    result = gq(env, "list", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
    data = home / ".local" / "share" / "gq-pods"
    db = data / "pods.sqlite3"
    assert db.exists()
    assert (data.stat().st_mode & 0o777) == 0o700
    assert (db.stat().st_mode & 0o777) == 0o600
    for sidecar in (data / "pods.sqlite3-wal", data / "pods.sqlite3-shm"):
        if sidecar.exists():
            assert (sidecar.stat().st_mode & 0o777) == 0o600
