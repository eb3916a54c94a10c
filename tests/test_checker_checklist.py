"""The parts checklist beside the editor: what it says, where it goes, and that it keeps its size."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from gq_pods.checker import DANGER_STATEMENT, SAFETY_GOAL, parts
from screens.checklist import PartsChecklist, checklist_view

WEAK = "We are worried that dad has depression and it could affect the boys."
GOOD = (
    "The school and Jo, the social worker, are worried that Dad shouts and pushes Mum in front of Sam, "
    "like on 3 May. If nothing changes, Sam could be hurt and grow up frightened."
)
GOAL_WITHOUT_CHECKER = "Dad will go to Grandma's when he feels angry, for six months."


def test_each_part_is_ticked_or_crossed_in_words_not_colour_alone():
    lines = checklist_view(parts(WEAK, DANGER_STATEMENT)).plain.splitlines()
    assert lines == [
        "The parts",
        "\u2717 Who is worried: missing",
        "\u2717 What the adult does: missing",
        "\u2717 A real example, and when: missing",
        "\u2717 What it means for the child: missing",
    ]
    assert checklist_view(parts(GOOD, DANGER_STATEMENT)).plain.splitlines()[1:] == [
        "\u2713 Who is worried", "\u2713 What the adult does", "\u2713 A real example, and when",
        "\u2713 What it means for the child",
    ]


def test_the_hint_only_part_is_the_checkers_own():
    from gq_pods.checker import GOAL_PARTS

    from screens.checklist import HINT_ONLY

    assert HINT_ONLY == {label for key, label, _ in GOAL_PARTS if key == "checker"}


def test_who_checks_a_goal_is_only_worth_adding_never_missing():
    lines = checklist_view(parts(GOAL_WITHOUT_CHECKER, SAFETY_GOAL)).plain.splitlines()
    assert "\u2717 Who will see or check it: worth adding" in lines
    assert not any(line.endswith("missing") for line in lines)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.sampled_from([DANGER_STATEMENT, SAFETY_GOAL]))
def test_any_text_gives_a_checklist_of_the_same_size(text, kind):
    assert len(checklist_view(parts(text, kind)).plain.splitlines()) == 5


class Editor(App):
    def compose(self) -> ComposeResult:
        with Vertical(id="side"):
            yield Static("Suggestions", id="title")
            yield Static("", id="findings")


async def test_the_checklist_sits_just_after_the_suggestions_and_follows_the_wording():
    app = Editor()
    async with app.run_test(size=(80, 24)) as pilot:
        findings = app.query_one("#findings", Static)
        checklist = PartsChecklist.beside(findings, "statement")
        checklist.show(WEAK)
        await pilot.pause()
        side = app.query_one("#side")
        assert [child.id for child in side.children] == ["title", "findings", None]
        assert "\u2717 Who is worried: missing" in checklist.render().plain
        height = checklist.size.height

        again = PartsChecklist.beside(findings, "statement")
        assert again is checklist and len(side.children) == 3
        again.show(GOOD)
        await pilot.pause()
        assert "\u2713 What it means for the child" in checklist.render().plain
        assert checklist.size.height == height


async def test_a_goal_checklist_uses_the_teams_service_words():
    from gq_pods.checker import TeamWords

    app = Editor()
    async with app.run_test(size=(80, 24)) as pilot:
        checklist = PartsChecklist.beside(app.query_one("#findings"), "goal")
        text = "Mum will go to the Family Hub every week. Nan will check, for six months."
        checklist.show(text)
        await pilot.pause()
        assert "\u2713 What the parent or carer will do" in checklist.render().plain
        checklist.show(text, TeamWords.of(service_words=["Family Hub"]))
        await pilot.pause()
        assert "\u2717 What the parent or carer will do: missing" in checklist.render().plain


# ---------------------------------------------------------------- beside the real editor


async def test_the_statement_editor_shows_the_checklist_beside_its_suggestions(db_url, repo, gq_home):
    from gq_pods import teamconfig
    from gq_pods.model import DangerStatement, Pod
    from screens.app import GqPodsApp
    from tests.pilot import wait_until
    from tests.test_statements import open_statements, paste

    teamconfig.config_path().parent.mkdir(parents=True, exist_ok=True)
    teamconfig.config_path().write_text('{"acronyms": ["FII"]}', encoding="utf-8")
    pod = Pod(case_reference="Family S", team="North Team")
    pod.danger_statements = [DangerStatement(id="ds1")]
    pod_id = repo.add_pod(pod)
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_statements(pilot, pod_id)
        await pilot.press("enter")
        await paste(pilot, WEAK, "#statement-text")

        def checklist() -> str:
            found = screen.query(PartsChecklist)
            return found.first().render().plain if found else ""

        await wait_until(pilot, lambda: "\u2717 What the adult does: missing" in checklist())
        findings = screen.query_one("#statement-findings", Static)
        children = list(findings.parent.children)
        assert isinstance(children[children.index(findings) + 1], PartsChecklist)  # just below the suggestions

        await paste(pilot, " " + GOOD + " The school is worried about FII.", "#statement-text")
        await wait_until(pilot, lambda: "\u2713 What the adult does" in checklist())
        await wait_until(pilot, lambda: "FII" in findings.render().plain.split("\n", 2)[-1])
