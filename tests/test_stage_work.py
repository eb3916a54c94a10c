"""The Focus tab: the focus question, the presenter's story and the child's own views."""

from __future__ import annotations

from gq_pods.model import Pod
from gq_pods.record import render_markdown
from screens.app import GqPodsApp
from tests.pilot import open_tab, paste, wait_until


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
