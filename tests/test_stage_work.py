"""The Focus tab: the focus question, the presenter's story and the child's own views."""

from __future__ import annotations

from gq_pods.model import Pod
from gq_pods.record import render_markdown
from screens.app import GqPodsApp
from screens.export import ExportScreen
from tests.pilot import open_pod, open_tab, paste, wait_until


async def test_the_childs_views_are_written_on_the_focus_tab_and_reach_the_record(db_url, repo):
    pod_id = repo.add_pod(Pod(team="North"))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_tab(pilot, pod_id, "focus", "focus_question")
        await paste(pilot, 'Amy said: "I want Nana to stay."', "#childs-views")
        await wait_until(pilot, lambda: screen.pod.childs_views == 'Amy said: "I want Nana to stay."')
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: repo.get_pod(pod_id).childs_views == 'Amy said: "I want Nana to stay."')
    record = render_markdown(repo.get_pod(pod_id))
    assert "## The child's views, in their own words" in record and "I want Nana to stay." in record


async def test_the_story_noted_at_a_teams_own_story_stage_has_its_place_in_the_exported_record(db_url, repo, gq_home):
    config = gq_home / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "team.json").write_text(
        '{"stages": {"group_supervision": [{"key": "focus_question"},'
        ' {"key": "the_case", "title": "The case, and questions", "work": "story", "minutes": 5}]}}'
    )
    pod_id = repo.add_pod(Pod(team="North", current_stage="the_case"))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_pod(pilot, pod_id)
        await wait_until(pilot, lambda: screen.focused is not None and screen.focused.id == "story-notes",
                         what="the keyboard in the story's notes")
        await paste(pilot, "Open since May. Q: who else lives there? A: Gran")
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: isinstance(app.screen, ExportScreen))
        record = app.screen.text()
    story = record.index("## The presenter's story and the group's questions")
    section = record[story:record.index("\n## ", story + 1)]
    assert "Open since May. Q: who else lives there? A: Gran" in section
