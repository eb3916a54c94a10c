"""`gq-pods check`: exit codes, the two output forms, standard input and team words."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from gq_pods import check_command

WEAK = "Concerns re DV and neglect; risk of significant harm."
GOOD_GOAL = (
    "Mum and Dad will sort out arguments calmly, away from Sam. Sam will feel safe at home. "
    "The social worker will see this on visits for six months."
)
LONG_GOOD_GOAL = (
    "Dad will keep all his drugs and foil locked in a box out of Ava's reach and will only look "
    "after her when he has been clean for at least a day, Ava will be awake, fed and playing when "
    "the social worker or GP visit, and the visits will show this for six months."
)


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = check_command.run(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_a_problem_exits_1_and_lists_each_finding_then_a_summary():
    code, out, err = run("danger-statement", WEAK)
    assert code == 1
    lines = out.splitlines()
    assert "problem  12-14  jargon  'DV' is a label." in out
    assert lines[-1] == "5 problems."
    assert all(line.startswith("problem  ") for line in lines[:-1])
    assert err == ""


def test_nothing_found_exits_0_with_a_friendly_line():
    code, out, _ = run("safety-goal", GOOD_GOAL)
    assert (code, out) == (0, "No problems found.\n")


def test_hints_alone_exit_0():
    code, out, _ = run("safety-goal", LONG_GOOD_GOAL)
    assert code == 0
    assert out.splitlines()[0].startswith("hint     0-")
    assert out.splitlines()[-1] == "No problems, 1 hint."


def test_json_is_a_list_of_findings_with_the_five_keys():
    code, out, _ = run("danger-statement", WEAK, "--json")
    assert code == 1
    findings = json.loads(out)
    assert isinstance(findings, list) and findings
    for finding in findings:
        assert set(finding) == {"severity", "code", "message", "start", "end"}
        assert finding["severity"] in ("problem", "hint")
        assert isinstance(finding["start"], int) and isinstance(finding["end"], int)
    jargon = [f for f in findings if f["code"] == "jargon"]
    assert [WEAK[f["start"]:f["end"]] for f in jargon] == ["DV", "neglect", "risk of significant harm"]


def test_json_for_a_clean_text_is_an_empty_list():
    code, out, _ = run("safety-goal", "--json", GOOD_GOAL)
    assert (code, json.loads(out)) == (0, [])


@pytest.mark.parametrize("argv", [("danger-statement", "-"), ("danger-statement",)])
def test_text_comes_from_standard_input_with_a_dash_or_nothing(argv):
    code, out, _ = run(*argv, "--json", stdin=WEAK + "\n")
    assert code == 1
    assert {f["code"] for f in json.loads(out)} == {"jargon", "no-worrier", "no-future"}


@pytest.mark.parametrize(
    "argv",
    [(), ("statement", "text"), ("danger-statement", "a", "b"), ("safety-goal", "--colour", "x")],
)
def test_a_usage_error_exits_2_with_a_message_on_stderr(argv):
    code, out, err = run(*argv)
    assert code == 2
    assert out == ""
    assert err.startswith("usage: gq-pods check")
    assert "gq-pods check:" in err


def test_help_exits_0_and_goes_to_stdout():
    code, out, err = run("--help")
    assert code == 0
    assert "danger-statement|safety-goal" in out
    assert err == ""


def test_the_teams_extra_words_are_used(gq_home: Path):
    (gq_home / "config").mkdir(parents=True)
    (gq_home / "config" / "team.json").write_text('{"jargon": ["FII"]}', encoding="utf-8")
    code, out, _ = run("safety-goal", "--json", "Mum will take Jo to every FII appointment for six months.")
    assert code == 1
    (finding,) = json.loads(out)
    assert finding["code"] == "jargon" and "your team's list" in finding["message"]


def test_a_broken_team_file_is_reported_but_the_check_still_runs(gq_home: Path):
    (gq_home / "config").mkdir(parents=True)
    (gq_home / "config" / "team.json").write_text("{not json", encoding="utf-8")
    code, out, err = run("safety-goal", GOOD_GOAL)
    assert (code, out) == (0, "No problems found.\n")
    assert err.startswith("Team settings:") and "not valid JSON" in err


def test_the_real_command_reads_stdin_and_sets_the_exit_status(gq_home: Path):
    result = subprocess.run(
        [sys.executable, "-m", "gq_pods.check_command", "danger-statement", "-", "--json"],
        input=WEAK,
        capture_output=True,
        text=True,
        env={"GQ_PODS_HOME": str(gq_home), "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"},
        cwd=Path(__file__).resolve().parent.parent,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)[0]["code"] == "no-worrier"
