"""Whole pods, new to complete, driven with Pilot and a fake clock, as a facilitator would:
one Group Supervision pod and one Content Mapping pod. Each stage records its part, and
the time spent on each stage is what the clock says.

The forms' short fields are typed key by key; the longer texts are pasted into whatever
box has the keyboard, which still checks that each stage puts the keyboard in the right
box. Every key of a text landing where it is typed is test_keys_terminal's job, in a real
terminal; typing each character here cost seconds of CPU a walk and checked nothing more."""

from __future__ import annotations

from textual.widgets import Input

from screens.app import GqPodsApp
from screens.new_pod import NewPodScreen
from screens.pod import PodScreen
from screens.runner import FinishScreen
from tests.pilot import paste, ready, wait_until


class FakeClock:
    def __init__(self) -> None:
        self.now = 10_000.0

    def __call__(self) -> float:
        return self.now


async def new_pod(pilot, style: str, team: str, case: str) -> PodScreen:
    app = pilot.app
    await ready(pilot)
    await pilot.press("n")
    await wait_until(pilot, lambda: isinstance(app.screen, NewPodScreen))
    form = app.screen
    form.query_one("#style").value = style
    await pilot.pause()
    form.query_one("#team", Input).focus()
    await pilot.press(*team, "tab", *case)
    names = form.query(".participant-name")
    names[0].value = "SP"
    names[1].value = "JR"
    await pilot.press("ctrl+n")
    await pilot.pause()
    form.query(".participant-name")[-1].value = "MG"
    form.query(".participant-role")[-1].value = "manager"
    await pilot.pause()
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: isinstance(app.screen, PodScreen) and bool(app.screen.query("#save-indicator")))
    await pilot.pause()
    return app.screen


async def spend(pilot, screen: PodScreen, clock: FakeClock, seconds: int) -> None:
    clock.now += seconds
    screen.tick()
    await pilot.pause()


async def next_stage(pilot, screen: PodScreen, key: str) -> None:
    await pilot.press("f8")
    await pilot.pause()
    assert screen.stage.key == key
    await pilot.pause()


async def add_map_item(pilot, text: str) -> None:
    await pilot.press("a")
    await pilot.pause()
    await paste(pilot, text)
    await pilot.press("escape")
    await pilot.pause()


async def write_statement_and_goal(pilot, screen: PodScreen, clock: FakeClock) -> None:
    await pilot.press("a")
    await pilot.pause()
    await paste(pilot, "The nursery")
    await pilot.press("tab")
    await paste(pilot, "Dad shouts at Mum in front of Amy")
    await pilot.press("tab")
    await paste(pilot, "like in March when Amy hid under the table")
    await pilot.press("tab")
    await paste(pilot, "Amy could grow up frightened")
    await spend(pilot, screen, clock, 300)
    await pilot.press("escape")
    await next_stage(pilot, screen, "safety_goals")
    await pilot.press("g")
    await pilot.pause()
    await paste(pilot, "Dad will walk away and calm down when he is angry")
    await pilot.press("tab", "tab", "tab")
    await paste(pilot, "for six months")
    await pilot.press("escape")
    await spend(pilot, screen, clock, 240)


async def score(pilot, value: str, reason: str) -> None:
    await pilot.press("n")
    await pilot.pause()
    await pilot.press(*value, "tab")
    await paste(pilot, reason)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def finish(pilot, screen: PodScreen) -> None:
    await pilot.press("ctrl+f")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, FinishScreen))
    await pilot.click("#finish")
    await wait_until(pilot, lambda: pilot.app.screen is screen)
    await pilot.press("escape")
    await pilot.pause()


async def test_a_group_supervision_pod_from_new_to_complete(db_url, repo):
    clock = FakeClock()
    app = GqPodsApp(db_url, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await new_pod(pilot, "group_supervision", "North Team", "Family G")
        pod_id = screen.pod.id
        assert screen.stage.key == "set_up"
        await pilot.press("f6")  # the timer starts
        await spend(pilot, screen, clock, 90)

        await next_stage(pilot, screen, "focus_question")
        await paste(pilot, "How do we help Dad see why the nursery is worried?")
        await spend(pilot, screen, clock, 200)

        await next_stage(pilot, screen, "genogram")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"AC", "tab", *"child", "tab", "3", "ctrl+s")
        await spend(pilot, screen, clock, 300)

        await next_stage(pilot, screen, "story")  # the presenter's story: the keyboard is in its notes
        await paste(pilot, "Open since May. Q: who else lives there? A: Gran, weekends")
        await spend(pilot, screen, clock, 240)

        await next_stage(pilot, screen, "appreciative")
        await paste(pilot, "Kept the nursery on board")
        await spend(pilot, screen, clock, 240)

        await next_stage(pilot, screen, "worries")
        await add_map_item(pilot, "In March Amy hid under the table while Dad shouted")
        await spend(pilot, screen, clock, 540)

        await next_stage(pilot, screen, "working_well")
        await add_map_item(pilot, "Mum takes Amy to nursery every day")
        await spend(pilot, screen, clock, 480)

        await next_stage(pilot, screen, "danger_statements")
        await write_statement_and_goal(pilot, screen, clock)

        await next_stage(pilot, screen, "scaling")
        await score(pilot, "4", "Mum protects Amy")
        await score(pilot, "3", "The shouting goes on")
        await spend(pilot, screen, clock, 300)

        await next_stage(pilot, screen, "next_steps")
        await add_map_item(pilot, "Ask Gran to join a network meeting")
        await spend(pilot, screen, clock, 300)

        await next_stage(pilot, screen, "reflection")
        screen.query_one("#answered").focus()
        await pilot.press("enter", "down", "enter")  # the first answer: Yes
        await pilot.pause()
        await pilot.press("tab", "tab")
        await paste(pilot, "The drafting in silence")
        await spend(pilot, screen, clock, 300)
        await finish(pilot, screen)

    pod = repo.get_pod(pod_id)
    assert pod.status == "complete"
    assert (pod.team, pod.case_reference, pod.manager_present) == ("North Team", "Family G", True)
    assert pod.focus_question == "How do we help Dad see why the nursery is worried?"
    assert [(p.name, p.relationship, p.age) for p in pod.people] == [("AC", "child", 3)]
    assert pod.reflection.pleased_with == "Kept the nursery on board"
    story = next(r for r in pod.stages if r.key == "story")
    assert story.notes == "Open since May. Q: who else lives there? A: Gran, weekends"
    assert [i.text for i in pod.map.harm] == ["In March Amy hid under the table while Dad shouted"]
    assert [i.text for i in pod.map.existing_strengths] == ["Mum takes Amy to nursery every day"]
    statement = pod.danger_statements[0]
    assert statement.who_is_worried == "The nursery" and "Amy could grow up frightened" in statement.text
    goal = pod.goal_for(statement.id)
    assert goal is not None and goal.duration == "for six months"
    assert [(s.who, s.score) for s in pod.scale_for("overall").scores] == [("JR", 4), ("SP", 3)]
    assert [s.text for s in pod.map.next_steps] == ["Ask Gran to join a network meeting"]
    assert pod.reflection.focus_question_answered == "yes"
    assert pod.reflection.most_useful == "The drafting in silence"
    assert {r.key: r.seconds_spent for r in pod.stages} == {
        "set_up": 90, "focus_question": 200, "genogram": 300, "story": 240, "appreciative": 240, "worries": 540,
        "working_well": 480, "danger_statements": 300, "safety_goals": 240, "scaling": 300,
        "next_steps": 300, "reflection": 300,
    }


async def test_a_content_mapping_pod_from_new_to_complete(db_url, repo):
    clock = FakeClock()
    app = GqPodsApp(db_url, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await new_pod(pilot, "content_mapping", "South Team", "Family M")
        pod_id = screen.pod.id
        await pilot.press("f6")
        await spend(pilot, screen, clock, 120)

        await next_stage(pilot, screen, "focus_question")
        await paste(pilot, "What do we know about the baby's care?")
        await spend(pilot, screen, clock, 180)

        await next_stage(pilot, screen, "genogram")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"BM", "tab", *"baby", "tab", "0", "ctrl+s")
        await spend(pilot, screen, clock, 480)

        await next_stage(pilot, screen, "worries")
        await add_map_item(pilot, "The baby was left alone for an hour in May")
        await spend(pilot, screen, clock, 1200)

        await next_stage(pilot, screen, "working_well")
        await add_map_item(pilot, "Grandma visits every evening")
        await spend(pilot, screen, clock, 900)

        await next_stage(pilot, screen, "danger_statements")
        await write_statement_and_goal(pilot, screen, clock)

        await next_stage(pilot, screen, "scaling")
        await score(pilot, "5", "Grandma is there every evening")
        await spend(pilot, screen, clock, 300)

        await next_stage(pilot, screen, "next_steps")
        await add_map_item(pilot, "Health visitor to visit weekly")
        await spend(pilot, screen, clock, 480)

        await next_stage(pilot, screen, "planning")
        await pilot.press("b")
        await pilot.pause()
        await paste(pilot, "The baby is never left alone")
        await pilot.press("ctrl+s")
        await spend(pilot, screen, clock, 240)

        await next_stage(pilot, screen, "reflection")
        screen.query_one("#answered").focus()
        await pilot.press("enter", "down", "down", "enter")  # Partly
        await pilot.press("tab", "tab")
        await paste(pilot, "Mapping the evening routine")
        await spend(pilot, screen, clock, 180)
        await finish(pilot, screen)

    pod = repo.get_pod(pod_id)
    assert pod.status == "complete" and pod.style == "content_mapping"
    assert pod.focus_question == "What do we know about the baby's care?"
    assert [(p.name, p.age) for p in pod.people] == [("BM", 0)]
    assert [i.text for i in pod.map.harm] == ["The baby was left alone for an hour in May"]
    assert [i.text for i in pod.map.existing_strengths] == ["Grandma visits every evening"]
    assert pod.goal_for(pod.danger_statements[0].id).duration == "for six months"
    assert [s.score for s in pod.scale_for("overall").scores] == [5]
    assert [s.text for s in pod.map.next_steps] == ["Health visitor to visit weekly"]
    assert [b.text for b in pod.bottom_lines] == ["The baby is never left alone"]
    assert pod.reflection.focus_question_answered == "partly"
    assert pod.reflection.most_useful == "Mapping the evening routine"
    assert {r.key: r.seconds_spent for r in pod.stages} == {
        "set_up": 120, "focus_question": 180, "genogram": 480, "worries": 1200, "working_well": 900,
        "danger_statements": 300, "safety_goals": 240, "scaling": 300, "next_steps": 480,
        "planning": 240, "reflection": 180,
    }
