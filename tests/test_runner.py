"""Running a pod by its stages, with Pilot and a fake clock."""

from __future__ import annotations

from textual.widgets import Digits, Static, TabbedContent, TextArea

from gq_pods.model import Pod
from screens.app import GqPodsApp
from screens.pod import PodScreen
from screens.runner import FinishScreen, StagePicker
from tests.factories import full_pod
from tests.pilot import open_pod, wait_until


class FakeClock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now




def active_tab(screen: PodScreen) -> str:
    return screen.query_one("#pod-tabs", TabbedContent).active


def header_text(screen: PodScreen) -> str:
    return " ".join(str(w.render()) for w in screen.query("StageHeader Static"))


async def test_a_new_pod_starts_at_set_up_and_steps_through_with_f7_f8(db_url, repo):
    pod_id = repo.add_pod(Pod(team="North"))
    app = GqPodsApp(db_url, clock=FakeClock())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_pod(pilot, pod_id)
        assert "Stage 1 of 12: Set-up" in header_text(screen)
        assert active_tab(screen) == "tab-details"
        await pilot.press("f8")
        assert "Stage 2 of 12: Focus question" in header_text(screen)
        assert active_tab(screen) == "tab-focus"
        await pilot.press("f8", "f8", "f8", "f8")  # genogram, the presenter's story, appreciative opener
        assert "Worries" in header_text(screen)
        assert active_tab(screen) == "tab-map"
        await pilot.press("f7")
        assert "Appreciative opener" in header_text(screen)
        assert active_tab(screen) == "tab-reflection"
        await pilot.press("ctrl+s")
    assert repo.get_pod(pod_id).current_stage == "appreciative"


async def test_the_focus_question_is_recorded_word_for_word(db_url, repo):
    pod_id = repo.add_pod(Pod())
    app = GqPodsApp(db_url, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_pod(pilot, pod_id)
        await pilot.press("f8")
        await pilot.pause()
        area = screen.query_one("#focus-question", TextArea)
        assert area.has_focus
        await pilot.press(*"How do I [b]help[/b] Mum?")
        await wait_until(pilot, lambda: repo.get_pod(pod_id).focus_question == "How do I [b]help[/b] Mum?", what="the autosave")


async def test_time_is_counted_per_stage_only_while_the_timer_runs(db_url, repo):
    pod_id = repo.add_pod(Pod())
    clock = FakeClock()
    app = GqPodsApp(db_url, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_pod(pilot, pod_id)
        clock.now += 100  # paused: not counted
        screen.tick()
        await pilot.press("f6")  # start
        clock.now += 70
        screen.tick()
        assert "00:50 left" in header_text(screen)  # set-up is 2 minutes
        clock.now += 80
        screen.tick()
        assert "00:30 over time" in header_text(screen)
        assert screen.query_one("StageHeader").has_class("-over")
        await pilot.press("f8")
        clock.now += 45
        screen.tick()
        await pilot.press("f6")  # pause
        clock.now += 1000
        screen.tick()
        assert "pod 03:15" in header_text(screen)
        await pilot.press("escape")
    stages = {r.key: r.seconds_spent for r in repo.get_pod(pod_id).stages}
    assert stages == {"set_up": 150, "focus_question": 45}


async def test_reopening_a_pod_resumes_at_its_stage(db_url, repo):
    pod_id = repo.add_pod(full_pod(current_stage="danger_statements"))
    app = GqPodsApp(db_url, clock=FakeClock())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_pod(pilot, pod_id)
        assert "Stage 8 of 12: Danger statements" in header_text(screen)
        assert active_tab(screen) == "tab-statements"


async def test_jump_to_any_stage_and_the_map_is_one_key_away_and_back(db_url, repo):
    pod_id = repo.add_pod(Pod(style="content_mapping"))
    app = GqPodsApp(db_url, clock=FakeClock())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_pod(pilot, pod_id)
        await pilot.press("f3")
        assert isinstance(app.screen, StagePicker)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert "Genogram and network" in header_text(screen)
        assert active_tab(screen) == "tab-people"
        await pilot.press("f2")
        assert active_tab(screen) == "tab-map"
        await pilot.press("f2")
        assert active_tab(screen) == "tab-people"
        await pilot.pause()
        assert screen.query_one("#panel-people") in app.focused.ancestors  # the keyboard came back too


async def test_finish_lists_what_is_missing_and_marks_complete_only_when_asked(db_url, repo):
    pod_id = repo.add_pod(Pod())
    app = GqPodsApp(db_url, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_pod(pilot, pod_id)
        await pilot.press("ctrl+f")
        assert isinstance(app.screen, FinishScreen)
        listed = str(app.screen.query_one("#finish-list", Static).render())
        assert "was it answered?" in listed and "no danger statement" in listed
        await pilot.press("escape")
        assert repo.get_pod(pod_id).status == "in_progress"
        await pilot.press("ctrl+f")
        await pilot.click("#finish")
        await pilot.pause()
        assert screen.pod.status == "complete"
    assert repo.get_pod(pod_id).status == "complete"


async def test_stage_titles_and_times_come_from_the_team_file(db_url, repo, gq_home):
    config = gq_home / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "team.json").write_text(
        '{"stages": {"group_supervision": [{"key": "set_up", "title": "Welcome", "minutes": 1}, {"key": "worries"}]}}'
    )
    pod_id = repo.add_pod(Pod())
    app = GqPodsApp(db_url, clock=FakeClock())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_pod(pilot, pod_id)
        assert "Stage 1 of 2: Welcome" in header_text(screen)
        assert "01:00 left" in header_text(screen)


async def test_presentation_mode_stays_on_the_current_tab(db_url, repo):
    pod_id = repo.add_pod(full_pod(current_stage="scaling"))
    app = GqPodsApp(db_url, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_pod(pilot, pod_id)
        assert active_tab(screen) == "tab-scaling"
        await pilot.press("f5")
        await pilot.pause()
        assert screen.presenting
        assert active_tab(screen) == "tab-scaling"
        await pilot.press("f5")
        assert not screen.presenting


async def test_an_overrun_says_so_in_the_digits_and_in_words_not_colour_alone(db_url, repo):
    # Issue 11: nine seconds over, the big timer read "00:09", told from "00:09 left" only by colour.
    pod_id = repo.add_pod(Pod())
    clock = FakeClock()
    app = GqPodsApp(db_url, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_pod(pilot, pod_id)
        await pilot.press("f6")
        clock.now += 120 + 9  # set-up is 2 minutes
        screen.tick()
        await pilot.pause()
        digits = screen.query_one("#stage-digits", Digits)
        assert digits.value.startswith("+00:09")
        assert "+00:09 over" in header_text(screen)
        await pilot.press("f8")
        screen.tick()
        await pilot.pause()
        assert not digits.value.startswith("+") and "over" not in header_text(screen)
