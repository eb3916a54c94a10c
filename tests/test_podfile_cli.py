"""Pod files at the command line: hostile files refused plainly, JSON output never carries controls."""

from __future__ import annotations

import json
import re

import pytest

from gq_pods import cli
from gq_pods.text import clean
from gq_pods.model import Person
from tests.factories import full_pod
from tests.test_cli import _refused_and_nothing_written, run
from tests.test_podfile_fuzz import HOSTILE, hostile_file

# Anything that could act on a terminal: C0 but newline, DEL and C1, bidi marks,
# overrides and isolates, line and paragraph separators.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
HOSTILE_TEXT = "Fam\x1b]0;owned\x07ily\x9b2J \u202eC\u2066\x7f\u200e\u2028\x85 Zoë \u05d0"


@pytest.mark.parametrize("what", HOSTILE)
def test_hostile_files_are_refused_plainly_and_nothing_is_written(capsys, tmp_path, what):
    data, words = hostile_file(what)
    _refused_and_nothing_written(lambda *args: run(capsys, *args), tmp_path, what, data, words)


def test_a_hostile_file_is_refused_with_the_path_in_plain_words(capsys, tmp_path):
    data, _ = hostile_file("extra nested 5000 deep")
    bad = tmp_path / "deep.json"
    bad.write_bytes(data)
    code, out, err = run(capsys, "import", str(bad))
    assert code == 1 and out == ""
    assert err == (
        f"gq-pods: {bad} was not imported. pod.extra.team_note.kept{'[0]' * 14}: nested too deeply: "
        "pod.extra may hold at most 16 levels, counting itself as the first\n"
    )


def _stored_with_controls(repo) -> int:
    """A pod whose text holds controls, as a database written before cleaning may."""
    pod = full_pod(case_reference=HOSTILE_TEXT, team=HOSTILE_TEXT, title=HOSTILE_TEXT)
    pod.people.append(Person("p9", HOSTILE_TEXT, "aunt", "family", None, False))
    pod.extra["note\x9b"] = [HOSTILE_TEXT]
    return repo.add_pod(pod)


def test_export_json_prints_no_controls_and_round_trips(capsys, repo, tmp_path):
    pod_id = _stored_with_controls(repo)
    code, first, _ = run(capsys, "export", str(pod_id), "--format", "json")
    assert code == 0
    assert not RAW_CONTROL.search(first)
    assert "Zoë \u05d0" in first  # ordinary Unicode stays readable
    assert "\\u200e" in first and "\\u2028" in first and "\\u007f" in first  # left by cleaning, so escaped
    file = tmp_path / "pod.json"
    file.write_text(first, encoding="utf-8")
    code, out, _ = run(capsys, "import", str(file))
    assert code == 0
    code, second, _ = run(capsys, "export", out.split()[-1], "--format", "json")
    assert code == 0
    def without_time(text: str) -> str:
        return re.sub(r'"exported_at": "[^"]*"', "", text)

    assert without_time(second) == without_time(first)  # the same file, apart from exported_at
    assert json.loads(first)["pod"]["title"] == "Fam]0;ownedily2J C\x7f\u200e\u2028 Zoë \u05d0"


def test_list_json_prints_no_controls(capsys, repo):
    _stored_with_controls(repo)
    code, out, _ = run(capsys, "list", "--json")
    assert code == 0
    assert not RAW_CONTROL.search(out)
    # storage removes the controls as it reads; what cleaning keeps (DEL, marks) is escaped
    assert json.loads(out)[0]["case_reference"] == clean(HOSTILE_TEXT)
    assert "Zoë \u05d0" in out


def test_exporting_a_clean_pod_writes_the_same_file_as_before(capsys, repo):
    """Escaping touches only what needs it: a pod of ordinary text exports as it always did."""
    pod_id = repo.add_pod(full_pod(title="Zoë and Ayşe \u05d0\u05d1 \U0001f600"))
    code, out, _ = run(capsys, "export", str(pod_id), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert out == json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    assert "Zoë and Ayşe \u05d0\u05d1 \U0001f600" in out
