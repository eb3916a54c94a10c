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


def _full() -> dict:
    return json.loads(dumps(full_pod()))


def _bad_files() -> list[tuple[str, bytes, str]]:
    """(what is wrong, file bytes, words the message must contain)."""
    cases: list[tuple[str, bytes, str]] = [
        ("empty file", b"", "The file is empty."),
        ("broken JSON", b'{"format": "gq-pods.pod", "version": 1,', "not valid JSON"),
        ("not an object", b"[1, 2]", "holds one JSON object"),
        ("bad UTF-8", b'{"format": "gq-pods.pod\xff"}', "not UTF-8"),
    ]

    def case(what: str, change, words: str) -> None:
        data = _full()
        change(data)
        cases.append((what, json.dumps(data).encode(), words))

    case("newer version", lambda d: d.update(version=3), "Upgrade gq-pods")
    case("wrong format", lambda d: d.update(format="x"), 'format: expected "gq-pods.pod"')
    case("unknown key", lambda d: d["pod"]["map"]["harm"][0].update(colour="red"), "pod.map.harm[0].colour: unknown key")
    case("wrong type", lambda d: d["pod"].update(manager_present="yes"), "pod.manager_present: expected true or false")
    case("bad value", lambda d: d["pod"].update(style="gsp"), "pod.style:")
    case("bad date", lambda d: d["pod"].update(date="20/11/2026"), "pod.date:")
    case("score too high", lambda d: d["pod"]["scales"][0]["scores"][0].update(score=11),
         "pod.scales[0].scores[0].score: 11 is not between 0 and 10")
    case("dangling link", lambda d: d["pod"]["safety_goals"][0].update(danger_statement="ds9"),
         "pod.safety_goals[0].danger_statement")
    case("too long", lambda d: d["pod"].update(title="x" * 20_001), "pod.title: too long")
    case("too many items", lambda d: d["pod"]["map"].update(harm=[{"text": "x"}] * 501), "pod.map.harm: too many items")
    case("missing date", lambda d: d["pod"].pop("date"), "pod.date: required")
    case("agreed without manager", lambda d: d["pod"].update(manager_present=False),
         "pod.map.next_steps[0].status")
    return cases


def _refused_and_nothing_written(run_gq, tmp_path: Path, what: str, data: bytes, words: str) -> None:
    """Import one bad file into a database holding one good pod: refused, plainly, nothing written."""
    good = tmp_path / "good.json"
    good.write_text(dumps(full_pod()), encoding="utf-8")
    assert run_gq("import", str(good))[0] == 0
    assert run_gq("export", "--all", "-o", str(tmp_path / "before"), "--format", "json")[0] == 0
    bad = tmp_path / "bad.json"
    bad.write_bytes(data)
    code, out, err = run_gq("import", str(bad))
    assert code != 0, what
    assert words in err, err
    assert "Traceback" not in err and out == ""
    listed = json.loads(run_gq("list", "--json")[1])
    assert len(listed) == 1, f"{what}: the database changed"
    assert run_gq("export", "--all", "-o", str(tmp_path / "after"), "--format", "json")[0] == 0

    def records(folder: Path) -> list[dict]:
        return [json.loads(f.read_text())["pod"] for f in sorted(folder.iterdir())]

    assert records(tmp_path / "after") == records(tmp_path / "before")


@pytest.mark.parametrize("what,data,words", _bad_files(), ids=[c[0] for c in _bad_files()])
def test_every_kind_of_bad_file_is_refused_and_nothing_is_written(capsys, tmp_path, what, data, words):
    _refused_and_nothing_written(lambda *args: run(capsys, *args), tmp_path, what, data, words)


def test_the_real_program_refuses_a_bad_file_and_writes_nothing(tmp_path, gq_home):
    """The same, once, through the installed `gq-pods` command in its own process."""
    env = {**os.environ, "GQ_PODS_HOME": str(gq_home)}
    command = [str(Path(sys.executable).parent / "gq-pods")]

    def run_real(*args: str) -> tuple[int, str, str]:
        done = subprocess.run([*command, *args], env=env, capture_output=True, text=True)
        return done.returncode, done.stdout, done.stderr

    what, data, words = _bad_files()[1]  # broken JSON
    _refused_and_nothing_written(run_real, tmp_path, what, data, words)


def test_list_never_sends_control_characters_to_the_terminal(capsys, repo):
    # import removes them, but a database written by an older release may still hold them:
    # storage removes them as it reads, and a newline in a one-line row is shown, not obeyed
    repo.add_pod(full_pod(case_reference="Fam\x1b[2Jily\nC\u202e"))
    assert cli.main(["list"]) == 0
    out = capsys.readouterr().out
    row = out.splitlines()[1]
    assert "Fam[2Jily\\nC" in row
    assert "\x1b" not in out and "\u202e" not in out
