"""The stage plan, the stage clock and the finishing checklist: pure logic."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gq_pods.model import NextStep, Pod, Scale, ScaleScore, StageRecord
from gq_pods.runner import StageClock, format_clock, missing_before_finish, stage_record, time_left
from gq_pods.stages import CONTENT_MAPPING, GROUP_SUPERVISION, WORK_KINDS, stages_for
from gq_pods.teamconfig import parse_team_config
from tests.factories import full_pod


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_group_supervision_follows_the_twelve_stages_of_about_an_hour():
    plan = stages_for("group_supervision")
    assert [s.title for s in plan.stages][:4] == ["Set-up", "Focus question", "Genogram", "The presenter's story"]
    assert len(plan.stages) == 12
    assert 55 <= plan.total_minutes <= 65
    assert all(s.prompts and s.lead and s.work in WORK_KINDS for s in plan.stages)


def test_the_presenters_story_and_the_groups_questions_have_a_stage_of_their_own():
    story = stages_for("group_supervision").get("story")
    assert story is not None and story.work == "story" and story.lead == "Presenter" and 3 <= story.minutes <= 6
    assert any("clarifying questions" in prompt for prompt in story.prompts)


def test_content_mapping_spends_longest_on_worries_and_working_well():
    plan = stages_for("content_mapping")
    longest = sorted(plan.stages, key=lambda s: s.minutes)[-2:]
    assert {s.work for s in longest} == {"worries", "working_well"}
    assert 60 <= plan.total_minutes <= 90


def test_a_team_can_retitle_retime_and_reprompt_a_stage():
    config = parse_team_config(
        '{"stages": {"group_supervision": [{"key": "set_up"}, '
        '{"key": "worries", "title": "Worries and complicating factors", "minutes": 12, "prompts": ["What happened?"]}]}}'
    )
    plan = stages_for("group_supervision", config.stages)
    assert not plan.errors
    assert [s.key for s in plan.stages] == ["set_up", "worries"]
    worries = plan.stages[1]
    assert (worries.title, worries.minutes, worries.prompts, worries.work) == (
        "Worries and complicating factors", 12, ("What happened?",), "worries"
    )
    assert plan.stages[0] == GROUP_SUPERVISION[0]


def test_a_broken_stage_override_is_reported_plainly_and_the_defaults_used():
    config = parse_team_config('{"stages": {"content_mapping": [{"key": "worries", "minutes": "ten"}]}}')
    plan = stages_for("content_mapping", config.stages)
    assert plan.stages == CONTENT_MAPPING
    assert any("minutes should be a whole number" in e for e in plan.errors)
    assert stages_for("content_mapping", {"content_mapping": "nope"}).errors


def test_a_broken_team_file_still_gives_defaults():
    config = parse_team_config("{not json")
    assert config.errors and "not valid JSON" in config.errors[0]
    assert stages_for("group_supervision", config.stages).stages == GROUP_SUPERVISION


def test_the_clock_counts_only_while_running():
    clock = FakeClock()
    timer = StageClock(clock)
    record = StageRecord("worries", "Worries")
    clock.now += 30
    assert timer.tick(record) == 0
    timer.start()
    clock.now += 90.6
    timer.tick(record)
    timer.pause()
    clock.now += 500
    timer.tick(record)
    timer.start()
    clock.now += 0.5
    timer.tick(record)
    assert record.seconds_spent == 91


def test_time_left_shows_an_overrun_calmly_in_words():
    pod = Pod()
    stage = GROUP_SUPERVISION[1]  # 3 minutes
    record = stage_record(pod, stage)
    record.seconds_spent = 150
    assert time_left(pod, stage).words == "00:30 left"
    record.seconds_spent = 200
    left = time_left(pod, stage)
    assert left.over and left.words == "00:20 over time"


@given(st.integers(min_value=-10, max_value=10**6))
def test_format_clock_is_always_readable(seconds):
    text = format_clock(seconds)
    parts = [int(p) for p in text.split(":")]
    assert all(p >= 0 for p in parts)
    assert sum(p * 60**i for i, p in enumerate(reversed(parts))) == max(0, seconds)


def test_finishing_lists_what_is_missing_in_plain_words():
    empty = Pod()
    missing = missing_before_finish(empty)
    assert "The focus question was not revisited: was it answered?" in missing
    assert "There is no danger statement." in missing
    assert any("no reflection" in m for m in missing)

    pod = full_pod()
    pod.map.next_steps.append(NextStep("Call the school"))
    missing = missing_before_finish(pod)
    assert missing == ["Next step 3 has no owner."]

    pod.scales = [Scale("overall", "", [ScaleScore("JR", 4)])]
    assert "Danger statement 1 has no scale." in missing_before_finish(pod)
