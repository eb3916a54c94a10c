"""`gq-pods check`: the checklist, the findings in words, exit codes, JSON and team words.

Run in-process through ``gq_pods.cli.main`` (what the console script calls); one
test runs the real program.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from gq_pods import check_command, cli

WEAK = "Concerns re DV and neglect; risk of significant harm."
GOOD_STATEMENT = (
    "The school and Mrs Ali, the twins' nan, are worried that the twins hear dad screaming at mum at "
    "night, like on Friday when he smashed the bedroom door, which leaves them frightened and tired at school."
)
GOOD_GOAL = (
    "Mum and Dad will sort out arguments calmly, away from Sam. Sam will feel safe at home. "
    "The social worker will see this on visits for six months."
)
LONG_GOOD_GOAL = (
    "Dad will keep all his drugs and foil locked in a box out of Ava's reach and will only look "
    "after her when he has been clean for at least a day, Ava will be awake, fed and playing when "
    "the social worker or GP visit, and the visits will show this for six months."
)

# The examples in the issue: each weak one with the part it must name as missing.
ISSUE_WEAK = [
    ("danger-statement",
     "Children's services are worried about Jade's vulnerability and her mum's lifestyle; Jade may be at risk.",
     ["What the adult does", "What it means for the child"]),
    ("danger-statement", "Everybody is worried about Kai; he might get hurt.",
     ["Who is worried", "What the adult does", "A real example, and when"]),
    ("danger-statement", "We are worried that dad has depression and it could affect the boys.",
     ["What the adult does", "What it means for the child"]),
    ("safety-goal", "Sara will attend every appointment for 6 months", ["What the parent or carer will do"]),
    ("safety-goal", "Mo will work with services until the review", ["What the parent or carer will do"]),
    ("safety-goal", "Mo will keep Zara safe for 6 months", ["What the parent or carer will do"]),
    ("safety-goal", "Zara will be safe and settled at home for a year", ["What the parent or carer will do"]),
]
ISSUE_GOOD = [
    ("danger-statement", GOOD_STATEMENT),
    ("danger-statement",
     "Gran and the social worker are worried that Uncle Paul slaps the girls across the face when he looks "
     "after them, like on 4 March when Izzy had a split lip, so the girls are at risk of being hit by their uncle."),
    ("danger-statement",
     "Lacey's teacher and the school nurse are worried that Mum leaves Lacey alone in the flat until late, "
     "like on Wednesday when Lacey said \"dad's neglecting me and mum's never in\". Lacey is hungry at school."),
    ("safety-goal",
     "Mum will know who Ellie is with each evening, and if she is not home by 9pm Mum will phone her. The "
     "social worker will check with Ellie every two weeks for six months."),
    ("safety-goal",
     "Dad will ring Nana and take the boys to her house if the plan stops working. Nana and the school will "
     "check in with the boys until the end of the school year."),
]


def run(*argv: str, stdin: str = "", capsys=None) -> tuple[int, str, str]:
    """``gq-pods check ...`` in-process, through the real entry point."""
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        code = cli.main(["check", *argv])
    finally:
        sys.stdin = old
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def check(capsys, gq_home):
    return lambda *argv, stdin="": run(*argv, stdin=stdin, capsys=capsys)


@pytest.mark.parametrize("kind, text, missing", ISSUE_WEAK)
def test_the_weak_examples_in_the_issue_exit_1_naming_the_missing_part(check, kind, text, missing):
    code, out, _ = check(kind, text)
    assert code == 1
    for label in missing:
        assert f"  \u2717  {label}" in out.splitlines()
    assert "Problem:" in out


@pytest.mark.parametrize("kind, text", ISSUE_GOOD)
def test_the_good_examples_in_the_issue_exit_0_with_every_part_ticked(check, kind, text):
    code, out, _ = check(kind, text)
    assert code == 0, out
    ticks = [line for line in out.splitlines() if line.startswith("  \u2713") or line.startswith("  \u2717")]
    assert ticks and all("\u2713" in line for line in ticks), out
    assert out.splitlines()[-1].startswith("No problems")


def test_plain_output_has_the_checklist_then_findings_in_words_and_no_offsets(check):
    code, out, err = check("danger-statement", WEAK)
    assert code == 1
    lines = out.splitlines()
    assert lines[:4] == [
        "  \u2717  Who is worried",
        "  \u2717  What the adult does",
        "  \u2717  A real example, and when",
        "  \u2717  What it means for the child",
    ]
    assert "Problem: 'DV' is a label. Say what the adult did" in out
    assert lines[-1] == "7 problems."
    assert not any(char.isdigit() for line in lines[:-1] for char in line.split(":")[0])
    assert "12-14" not in out and "jargon" not in out.split("Problem:")[0]
    assert err == ""


def test_problems_come_before_hints_and_hints_alone_exit_0(check):
    code, out, _ = check("safety-goal", LONG_GOOD_GOAL)
    assert code == 0
    assert out.splitlines()[-1] == "No problems, 1 hint."
    assert any(line.startswith("Hint: This sentence has") for line in out.splitlines())


def test_json_keeps_the_offsets_of_each_finding(check):
    code, out, _ = check("danger-statement", WEAK, "--json")
    assert code == 1
    findings = json.loads(out)
    for finding in findings:
        assert set(finding) == {"severity", "code", "message", "start", "end"}
        assert finding["severity"] in ("problem", "hint")
    jargon = [f for f in findings if f["code"] == "jargon"]
    assert [WEAK[f["start"]:f["end"]] for f in jargon] == ["DV", "neglect", "risk of significant harm"]
    assert {f["code"] for f in findings} == {"jargon", "no-worrier", "no-behaviour", "no-example", "no-impact"}


def test_json_for_a_clean_text_is_an_empty_list(check):
    code, out, _ = check("safety-goal", "--json", GOOD_GOAL)
    assert (code, json.loads(out)) == (0, [])


@pytest.mark.parametrize("argv", [("danger-statement", "-"), ("danger-statement",)])
def test_text_comes_from_standard_input_with_a_dash_or_nothing(check, argv):
    code, out, _ = check(*argv, "--json", stdin=WEAK + "\n")
    assert code == 1
    assert "no-worrier" in {f["code"] for f in json.loads(out)}


@pytest.mark.parametrize(
    "argv",
    [(), ("statement", "text"), ("danger-statement", "a", "b"), ("safety-goal", "--colour", "x")],
)
def test_a_usage_error_exits_2_with_a_message_on_stderr(check, argv):
    code, out, err = check(*argv)
    assert code == 2
    assert out == ""
    assert err.startswith("usage: gq-pods check")
    assert "gq-pods check:" in err


def test_help_exits_0_and_goes_to_stdout(check):
    code, out, err = check("--help")
    assert code == 0
    assert "danger-statement|safety-goal" in out
    assert err == ""


def test_a_terminal_that_cannot_show_ticks_gets_words():
    out = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    code = check_command.run(["safety-goal", GOOD_GOAL], stdin=io.StringIO(), stdout=out, stderr=io.StringIO())
    out.flush()
    text = out.buffer.getvalue().decode("ascii")
    assert code == 0
    assert "  yes  For how long" in text


# ---------------------------------------------------------------- team words


def write_team(gq_home: Path, content: str) -> None:
    (gq_home / "config").mkdir(parents=True, exist_ok=True)
    (gq_home / "config" / "team.json").write_text(content, encoding="utf-8")


def test_the_teams_jargon_acronyms_and_service_words_are_used(check, gq_home):
    write_team(gq_home, json.dumps({
        "jargon": ["team around the child"], "acronyms": ["FII"], "service_words": ["Family Hub"],
    }))
    code, out, _ = check("safety-goal", "--json", "Mum will take Jo to every FII appointment for six months.")
    assert code == 1
    (finding,) = [f for f in json.loads(out) if f["code"] == "jargon"]
    assert "your team's list" in finding["message"]
    code, out, _ = check("safety-goal", "Mum will go to the Family Hub every week for six months.")
    assert code == 1
    assert "  \u2717  What the parent or carer will do" in out.splitlines()


def test_a_bad_team_entry_is_reported_plainly_and_the_rest_still_used(check, gq_home):
    write_team(gq_home, json.dumps({"acronyms": ["camhs", 7, "FII"]}))
    code, out, err = check("safety-goal", "--json", "Mum will take Jo to every FII visit for six months.")
    assert code == 1
    assert "acronyms entry 1 (camhs) should be capital letters" in err
    assert "acronyms entry 2 (7) is not a word or phrase" in err
    assert [f["code"] for f in json.loads(out)].count("jargon") == 1


def test_a_broken_team_file_is_reported_but_the_check_still_runs(check, gq_home):
    write_team(gq_home, "{not json")
    code, out, err = check("safety-goal", GOOD_GOAL)
    assert code == 0
    assert out.splitlines()[-1] == "No problems found."
    assert err.startswith("Team settings:") and "not valid JSON" in err


def test_the_real_command_reads_stdin_and_sets_the_exit_status(gq_home: Path):
    result = subprocess.run(
        [sys.executable, "-m", "gq_pods", "check", "danger-statement", "-"],
        input=WEAK,
        capture_output=True,
        text=True,
        env={"GQ_PODS_HOME": str(gq_home), "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"},
        cwd=Path(__file__).resolve().parent.parent,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[0] == "  \u2717  Who is worried"
