"""Pod file version 2: the link to the pod before, carried items and step outcomes; chain files;
version 1 files still import."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from gq_pods import cli, podfile
from gq_pods.podfile import PodFileError
from tests.factories import full_pod
from tests.test_podfile_props import FILE_PODS

V1 = Path(__file__).parent / "data" / "pod_v1.json"  # written by the version 1 exporter


def test_a_version_1_file_still_imports_with_nothing_recorded_for_the_new_fields():
    pod = podfile.load_bytes(V1.read_bytes())
    assert json.loads(V1.read_text())["version"] == 1
    assert pod.title == "Stuck case: Family C" and pod.follows is None
    assert [i.carried for i in pod.map.complicating_factors] == ["", ""]
    assert [(s.outcome, s.outcome_on, s.outcome_by) for s in pod.map.next_steps] == [("", None, ""), ("", None, "")]
    assert podfile.load_any_bytes(V1.read_bytes()) == [pod]


def test_a_version_1_file_imports_from_the_command_line(capsys):
    assert cli.main(["import", str(V1)]) == 0
    assert capsys.readouterr().out == "Imported pod 1\n"


def test_version_2_carries_carried_items_and_step_outcomes():
    pod = full_pod()
    data = podfile.to_dict(pod)
    assert data["version"] == 2
    assert data["pod"]["map"]["complicating_factors"][0] == {"text": "Dean drinks most evenings.", "carried": "still_true"}
    assert data["pod"]["map"]["next_steps"][0]["outcome"] == "not_done"
    assert data["pod"]["map"]["next_steps"][0]["outcome_on"] == "2026-12-02"
    assert podfile.loads(podfile.dumps(pod)) == pod


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d["pod"]["map"]["harm"][0].update(carried="maybe"), "pod.map.harm[0].carried"),
        (lambda d: d["pod"]["map"]["next_steps"][0].update(outcome="half"), "pod.map.next_steps[0].outcome"),
        (lambda d: d["pod"]["map"]["next_steps"][0].update(outcome_on="2026-02-30"), "pod.map.next_steps[0].outcome_on"),
        (lambda d: d["pod"].update(follows=3), "pod.follows"),
    ],
)
def test_the_new_fields_are_read_strictly(change, path):
    data = podfile.to_dict(full_pod())
    change(data)
    with pytest.raises(PodFileError) as caught:
        podfile.from_dict(data)
    assert caught.value.path == path


def test_a_pod_file_says_whether_the_pod_follows_another_but_imports_alone():
    pod = full_pod()
    pod.follows = 41  # an id in the exporting database, meaningless in another
    data = podfile.to_dict(pod)
    assert data["pod"]["follows"] is True
    assert podfile.from_dict(data).follows is None


# ---------------------------------------------------------------- chain files


def _chain():
    first, second = full_pod(title="first"), full_pod(title="second", date=dt.date(2026, 12, 4))
    first.id, second.id, second.follows = 1, 2, 1
    return [first, second]


def test_a_chain_file_holds_the_case_oldest_first_each_following_the_one_before():
    text = podfile.dumps_chain(_chain())
    data = json.loads(text)
    assert (data["format"], data["version"]) == ("gq-pods.chain", 2)
    assert [(p["title"], p["follows"]) for p in data["pods"]] == [("first", False), ("second", True)]
    back = podfile.loads_chain(text)
    assert [p.title for p in back] == ["first", "second"]
    assert podfile.load_any_bytes(text.encode()) == back


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["pods"][1].update(follows=False), "pods[1].follows: expected true"),
        (lambda d: d.update(pods=[]), "pods: a chain holds at least one pod"),
        (lambda d: d.update(version=1), "version: chain files start at format version 2"),
        (lambda d: d.update(version=3), "newer gq-pods (format version 3)"),
        (lambda d: d["pods"][1]["scales"][0]["scores"][0].update(score=11), "pods[1].scales[0].scores[0].score"),
        (lambda d: d["pods"][0]["map"].update(colour="red"), "pods[0].map.colour: unknown key"),
        (lambda d: d.update(pods=[{}] * 501), "too many pods: 501, and the most is 500"),
    ],
)
def test_a_broken_chain_file_is_refused_naming_the_place(change, message):
    data = json.loads(podfile.dumps_chain(_chain()))
    change(data)
    with pytest.raises(PodFileError) as caught:
        podfile.load_any_bytes(json.dumps(data).encode())
    assert message in str(caught.value)


def test_a_chain_file_is_not_read_as_one_pod():
    with pytest.raises(PodFileError, match="is a chain file"):
        podfile.loads(podfile.dumps_chain(_chain()))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(first=FILE_PODS, second=FILE_PODS)
def test_any_chain_round_trips(first, second):
    at = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    text = podfile.dumps_chain([first, second], at)
    back = podfile.loads_chain(text)
    assert back == [first, second]
    assert podfile.dumps_chain(back, at) == text


def test_export_chain_then_import_links_the_pods_in_order(repo, tmp_path, capsys):
    first = repo.add_pod(full_pod())
    repo.set_step_outcome(first, 1, "done", "", "JR", dt.date(2026, 12, 3))
    second = repo.follow_up(first, dt.date(2026, 12, 4))
    third = repo.follow_up(second, dt.date(2026, 12, 18))
    out = tmp_path / "chain.json"
    assert cli.main(["export", "--chain", str(second), "-o", str(out)]) == 0
    assert "Exported 3 pods of the chain" in capsys.readouterr().err
    assert cli.main(["import", str(out)]) == 0
    said = capsys.readouterr().out.splitlines()
    assert said == ["Imported a chain of 3 pods: 4, 5, 6, each following the one before", "Imported pod 6"]
    assert repo.chain_ids(6) == [4, 5, 6] and repo.chain_ids(third) == [first, second, third]
    assert repo.get_pod(4).map.next_steps[1].outcome == "done"
    assert [i.carried for i in repo.get_pod(5).map.harm] == ["to_review"]


def test_export_chain_refuses_another_format_and_a_missing_pod(repo, capsys):
    with pytest.raises(SystemExit):
        cli.main(["export", "--chain", "1", "--format", "markdown"])
    assert "--chain writes a chain file (JSON)" in capsys.readouterr().err
    assert cli.main(["export", "--chain", "99"]) == 1
    assert "there is no pod 99" in capsys.readouterr().err


def test_export_of_a_follow_up_says_since_the_last_pod(repo, capsys):
    first = repo.add_pod(full_pod())
    second = repo.follow_up(first, dt.date(2026, 12, 4))
    assert cli.main(["export", str(second), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert "Since the last pod on 20 November 2026:" in out and "next steps 0 of 2 done." in out
    assert cli.main(["export", str(first)]) == 0
    assert "Since the last pod" not in capsys.readouterr().out


def test_export_all_gives_each_follow_up_its_chain(repo, tmp_path, capsys):
    first = repo.add_pod(full_pod())
    second = repo.follow_up(first, dt.date(2026, 12, 4))
    assert cli.main(["export", "--all", "-o", str(tmp_path / "out")]) == 0
    written = {p.name: p.read_text() for p in (tmp_path / "out").iterdir()}
    assert "Since the last pod" in written[f"pod-{second}-2026-12-04.md"]
    assert "Since the last pod" not in written[f"pod-{first}-2026-11-20.md"]


def test_a_redacted_chain_replaces_names_in_every_pod(repo, capsys):
    first = repo.add_pod(full_pod())
    repo.follow_up(first, dt.date(2026, 12, 4))
    assert cli.main(["export", "--chain", str(first), "--redact"]) == 0
    out = capsys.readouterr().out
    assert "Dean" not in out and "Amy" not in out
    assert len(podfile.loads_chain(out)) == 2
