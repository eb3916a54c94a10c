"""The command line, as someone at a terminal would use it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gq_pods import cli
from gq_pods.podfile import dumps, loads
from tests.factories import full_pod


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def pod_file(tmp_path: Path) -> Path:
    path = tmp_path / "pod.json"
    path.write_text(dumps(full_pod()), encoding="utf-8")
    return path


def test_import_prints_the_new_id_last_and_list_shows_it(capsys, pod_file):
    code, out, _ = run(capsys, "import", str(pod_file))
    assert code == 0
    new_id = int(out.split()[-1])
    code, out, _ = run(capsys, "list", "--json")
    rows = json.loads(out)
    assert rows[0]["id"] == new_id
    assert {k: rows[0][k] for k in ("date", "team", "style", "case_reference", "status")} == {
        "date": "2026-11-20",
        "team": "North Locality Team",
        "style": "group_supervision",
        "case_reference": "Family C",
        "status": "in_progress",
    }


def test_list_is_newest_first(capsys, tmp_path):
    for date in ("2026-01-01", "2026-06-01", "2026-03-01"):
        path = tmp_path / f"{date}.json"
        import datetime as dt

        path.write_text(dumps(full_pod(date=dt.date.fromisoformat(date))), encoding="utf-8")
        assert run(capsys, "import", str(path))[0] == 0
    _, out, _ = run(capsys, "list", "--json")
    assert [r["date"] for r in json.loads(out)] == ["2026-06-01", "2026-03-01", "2026-01-01"]
    _, out, _ = run(capsys, "list")
    assert out.index("2026-06-01") < out.index("2026-03-01") < out.index("2026-01-01")


def test_export_json_gives_back_the_whole_pod(capsys, pod_file, tmp_path):
    _, out, _ = run(capsys, "import", str(pod_file))
    pod_id = out.split()[-1]
    code, out, _ = run(capsys, "export", pod_id, "--format", "json")
    assert code == 0
    back = loads(out)
    original = full_pod()
    back.id = original.id = None
    assert back == original
    target = tmp_path / "out" 
    target.mkdir()
    old = os.umask(0)
    try:
        code, _, _ = run(capsys, "export", pod_id, "--format", "json", "-o", str(target / "p.json"))
    finally:
        os.umask(old)
    assert code == 0
    assert ((target / "p.json").stat().st_mode & 0o777) == 0o600
    assert loads((target / "p.json").read_text(encoding="utf-8")) == back


def test_a_bad_file_is_refused_naming_the_problem_and_nothing_is_written(capsys, tmp_path):
    data = json.loads(dumps(full_pod()))
    data["pod"]["scales"][0]["scores"][0]["score"] = 11
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run(capsys, "import", str(bad))
    assert code != 0
    assert "pod.scales[0].scores[0].score: 11 is not between 0 and 10" in err
    assert "Traceback" not in err
    _, out, _ = run(capsys, "list", "--json")
    assert json.loads(out) == []


def test_missing_file_and_missing_pod_are_plain_errors(capsys, tmp_path):
    code, _, err = run(capsys, "import", str(tmp_path / "nope.json"))
    assert code == 1 and "there is no file" in err
    code, _, err = run(capsys, "export", "999", "--format", "json")
    assert code == 1 and "there is no pod 999" in err


def test_where_names_data_config_and_log(capsys, gq_home):
    code, out, _ = run(capsys, "where")
    assert code == 0
    assert str(gq_home / "data") in out and str(gq_home / "config") in out and "gq-pods.log" in out


def test_version_is_instant_and_plain():
    result = subprocess.run(
        [sys.executable, "-m", "gq_pods", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("gq-pods ")
