"""Scaling driven with Pilot: presenter first, hidden-then-reveal, refused scores, per-statement scales."""

from __future__ import annotations

from textual.widgets import Input, OptionList, Select

from gq_pods.model import DEFAULT_SCALE_QUESTION, DangerStatement, Participant
from screens.app import GqPodsApp
from screens.confirm import ConfirmScreen
from screens.pod import PodScreen
from screens.scaling import ScoreForm
from storage.repository import Repository
from tests.factories import full_pod
from tests.pilot import open_tab, screen_text, wait_until

PEOPLE = [
    Participant("Sam Patel", "facilitator"),
    Participant("Jo Reed", "presenter"),
    Participant("Viv Lamb", "member"),
]


async def open_scaling(pilot, pod_id: int) -> PodScreen:
    return await open_tab(pilot, pod_id, "scaling")


def panel_text(screen) -> str:
    """What the scaling panel shows right now, as a person in the room would read it."""
    panel = screen.query_one("#panel-scaling")
    region = panel.region
    strips = screen._compositor.render_strips()
    return "\n".join(strip.text[region.x : region.right] for strip in strips[region.y : region.bottom])


def scorer_lines(screen) -> list[str]:
    box = screen.query_one("#scorers", OptionList)
    return [str(box.get_option_at_index(i).prompt) for i in range(box.option_count)]


def stored(screen, db_url):
    fresh = Repository.open(db_url)
    try:
        return fresh.get_pod(screen.pod.id)
    finally:
        fresh.close()


async def give_score(pilot, score: str, reason: str = "", next_point: str = "") -> None:
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, ScoreForm))
    await pilot.press(*score)
    if reason or next_point:
        await pilot.press("tab", *reason, "tab", *next_point)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_presenter_first_then_each_member(db_url, repo):
    pod_id = repo.add_pod(full_pod(participants=list(PEOPLE), scales=[]))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scaling(pilot, pod_id)
        lines = scorer_lines(screen)
        assert lines[0].startswith("1. Jo Reed") and "presenter" in lines[0]
        assert lines[1].startswith("2. Sam Patel") and lines[2].startswith("3. Viv Lamb")
        assert "No scores yet" in panel_text(screen)

        await pilot.press("n")
        assert "Jo Reed" in str(app.screen.query_one("#form-title").render())
        await give_score(pilot, "4", "Lisa acts to protect Amy", "Dean talks about March")
        await pilot.press("n")
        assert "Sam Patel" in str(app.screen.query_one("#form-title").render())
        await give_score(pilot, "6")
        await pilot.press("n")
        await give_score(pilot, "3", "The drinking goes on")

        text = panel_text(screen)
        assert "Lowest 3, highest 6, range 3, median 4 (3 people)" in text
        line = next(row for row in text.splitlines() if "JR" in row and "SP" in row)
        assert line.index("VL") < line.index("JR") < line.index("SP")
        assert "Not lower because: Lisa acts to protect Amy" in text

        await pilot.press("ctrl+s")
        await pilot.pause()
        scale = stored(screen, db_url).scale_for("overall")
        assert scale.question == DEFAULT_SCALE_QUESTION
        assert [(s.who, s.score, s.reason, s.next_point) for s in scale.scores] == [
            ("Jo Reed", 4, "Lisa acts to protect Amy", "Dean talks about March"),
            ("Sam Patel", 6, "", ""),
            ("Viv Lamb", 3, "The drinking goes on", ""),
        ]


async def test_hidden_then_revealed_together(db_url, repo):
    pod_id = repo.add_pod(full_pod(participants=list(PEOPLE), scales=[]))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_scaling(pilot, pod_id)
        await pilot.press("m")  # hidden, then revealed
        await pilot.pause()
        assert screen.query_one("#scale-mode", Select).value == "hidden"

        await pilot.press("n")  # Jo Reed, the presenter
        form = app.screen
        assert form.query_one("#score-value", Input).password  # hidden as it is typed
        await pilot.press("1", "1", "ctrl+s")  # a slip: the error must not tell the room the score
        await pilot.pause()
        shown = screen_text(form)
        assert "That is not a score" in shown and "11" not in shown
        await pilot.press("backspace", "backspace", "7")
        assert "7" not in screen_text(form)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("n")  # Sam Patel
        await give_score(pilot, "9")

        text = panel_text(screen)
        assert "entered" in text and "not scored yet" in text
        assert "7" not in text and "9" not in text  # nobody's number anywhere on screen
        for note in app._notifications:
            assert "7" not in note.message and "9" not in note.message

        await pilot.press("ctrl+s")
        await pilot.pause()
        before = stored(screen, db_url)
        assert [(s.who, s.score) for s in before.scale_for("overall").scores] == [("Jo Reed", 7), ("Sam Patel", 9)]
        assert before.extra["gq_pods_scaling"] == {"mode": "hidden", "revealed": {"overall": False}}

    # a reopened pod is still hidden
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_scaling(pilot, pod_id)
        text = panel_text(screen)
        assert "entered" in text and "7" not in text and "9" not in text

        await pilot.press("r")  # Viv has not scored: the screen asks first
        assert isinstance(app.screen, ConfirmScreen)
        assert "Viv Lamb" in str(app.screen.query_one("#question").render())
        await pilot.press("y")
        await pilot.pause()

        text = panel_text(screen)
        assert "entered" not in text
        assert "Lowest 7, highest 9, range 2, median 8 (2 people)" in text
        line = next(row for row in text.splitlines() if "JR" in row and "SP" in row)
        assert line.index("JR") < line.index("SP")
        await pilot.press("ctrl+s")
        await pilot.pause()
        after = stored(screen, db_url)
        assert [(s.who, s.score) for s in after.scale_for("overall").scores] == [("Jo Reed", 7), ("Sam Patel", 9)]
        assert after.extra["gq_pods_scaling"]["revealed"]["overall"] is True
        assert after.extra["team_note"] == {"kept": [1, 2, 3]}  # the rest of extra is untouched


async def test_a_score_of_11_is_refused_with_a_reason(db_url, repo):
    pod_id = repo.add_pod(full_pod(participants=list(PEOPLE), scales=[]))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_scaling(pilot, pod_id)
        await pilot.press("enter")
        await pilot.press("1", "1", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ScoreForm)
        assert "11 is higher than 10. Scores go from 0 to 10." in str(app.screen.query_one("#form-error").render())
        await pilot.press("escape")
        await pilot.pause()
        assert screen.pod.scales == []
        assert not screen.dirty
        assert stored(screen, db_url).scales == []


async def test_someone_added_by_initials_and_a_score_removed_then_undone(db_url, repo):
    pod_id = repo.add_pod(full_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_scaling(pilot, pod_id)
        await pilot.press("a")
        await pilot.press(*"KB", "tab", "5", "ctrl+s")
        await pilot.pause()
        assert scorer_lines(screen)[-1].startswith("6. KB (added)")
        box = screen.query_one("#scorers", OptionList)
        box.highlighted = 0  # Jo Reed
        await pilot.press("d")
        await pilot.pause()
        assert "not scored yet" in scorer_lines(screen)[0]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [s.who for s in stored(screen, db_url).scale_for("overall").scores] == ["VL", "KB"]
        await pilot.press("ctrl+z")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [s.who for s in stored(screen, db_url).scale_for("overall").scores] == ["JR", "VL", "KB"]


async def test_each_danger_statement_gets_its_own_scale(db_url, repo):
    pod_id = repo.add_pod(full_pod(danger_statements=[], safety_goals=[], scales=[]))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scaling(pilot, pod_id)
        choice = screen.query_one("#scale-choice", Select)
        assert [label for label, _ in choice._options] == ["Overall scale"]

        # the statements tab writes a danger statement...
        screen.show_tab("details")
        await pilot.pause()
        statement, _ = screen.session.add_item("danger_statements")  # as the Statements tab would
        screen.session.set(statement, "text", "The nursery is worried [b]that[/b] Amy could be hurt. [@click=app.quit]")
        # ...and back on scaling it has a scale of its own
        screen.show_tab("scaling")
        await pilot.pause()
        labels = [str(label) for label, _ in choice._options]
        assert labels[1].startswith("Danger statement 1: The nursery is worried [b]that[/b]")
        screen.query_one("#scorers", OptionList).focus()
        await pilot.press("s")
        await pilot.pause()
        assert choice.value == "ds1"
        assert "Danger statement: The nursery is worried [b]that[/b] Amy could be hurt." in panel_text(screen)
        await pilot.press("n")
        await give_score(pilot, "2", "Nothing has changed yet")
        await pilot.press("ctrl+s")
        await pilot.pause()
        pod = stored(screen, db_url)
        assert [s.about for s in pod.scales] == ["ds1"]
        assert [(s.who, s.score) for s in pod.scale_for("ds1").scores] == [("Jo Reed", 2)]


async def test_the_scale_chooser_names_a_statement_by_who_is_worried_whatever_its_wording_starts_with(db_url, repo):
    # the agreed wording opens with what Mum does well: the chooser still starts with the worry
    statement = DangerStatement(
        id="ds1", who_is_worried="The school", behaviour="Dad hits T with a belt", impact="T could be badly hurt",
        text="Mum has taken T to every appointment. The school is worried that Dad hits T with a belt.",
    )
    pod_id = repo.add_pod(full_pod(danger_statements=[statement], safety_goals=[], scales=[]))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scaling(pilot, pod_id)
        choice = screen.query_one("#scale-choice", Select)
        labels = [str(label) for label, _ in choice._options]
        assert labels[0] == "Overall scale"
        assert labels[1].startswith("Danger statement 1: The school is worried")
        choice.focus()
        await pilot.press("enter")  # the chooser opened, as a person reads it
        await wait_until(pilot, lambda: "Danger statement 1: The school is worried" in screen_text(screen),
                         what="the chooser's list drawn")
        assert "Danger statement 1: Mum has taken" not in screen_text(screen)


async def test_the_scale_question_can_be_reworded_and_reset(db_url, repo):
    pod_id = repo.add_pod(full_pod(scales=[]))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scaling(pilot, pod_id)
        assert "where 10 means everyone knows the child is safe" in panel_text(screen)
        await pilot.press("q")
        area = app.screen.query_one("#question-text")
        assert area.text == DEFAULT_SCALE_QUESTION
        area.text = "0 to 10: how safe is Amy at home today?"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Question: 0 to 10: how safe is Amy at home today?" in panel_text(screen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert stored(screen, db_url).scale_for("overall").question == "0 to 10: how safe is Amy at home today?"
        await pilot.press("q")
        app.screen.query_one("#question-text").text = ""
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
        assert stored(screen, db_url).scale_for("overall").question == DEFAULT_SCALE_QUESTION


async def test_undo_shows_the_scale_it_brought_a_score_back_to(db_url, repo):
    pod_id = repo.add_pod(full_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scaling(pilot, pod_id)
        panel = screen.query_one("#panel-scaling")
        choice = screen.query_one("#scale-choice", Select)
        await pilot.press("s")  # the first danger statement's scale
        await wait_until(pilot, lambda: choice.value == "ds1")
        box = screen.query_one("#scorers", OptionList)
        for index in range(box.option_count):  # the one person who scored on this scale
            box.highlighted = index
            row = panel.highlighted_row()
            if row is not None and row.score is not None:
                break
        await pilot.press("d")
        await wait_until(pilot, lambda: screen.pod.scale_for("ds1").scores == [])
        await pilot.press("s")  # on to another scale...
        await wait_until(pilot, lambda: choice.value != "ds1")
        await pilot.press("ctrl+z")  # ...and the undo goes back to the scale it changed
        await wait_until(pilot, lambda: choice.value == "ds1")
        assert panel.about == "ds1"
        assert [s.who for s in screen.pod.scale_for("ds1").scores] == ["JR"]


async def test_enter_on_a_member_before_the_presenter_has_scored_moves_to_the_presenter(db_url, repo):
    pod_id = repo.add_pod(full_pod(participants=list(PEOPLE), scales=[]))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scaling(pilot, pod_id)
        box = screen.query_one("#scorers", OptionList)
        box.focus()
        await pilot.press("down", "enter")  # Sam Patel, a member, before Jo Reed has scored
        await pilot.pause()
        assert not isinstance(app.screen, ScoreForm)
        assert any("Jo Reed, the presenter, scores before anyone else" in str(n.message) for n in app._notifications)
        assert screen.query_one("#panel-scaling").highlighted_name() == "Jo Reed"
        await pilot.press("a")  # nor someone added by initials
        await pilot.pause()
        assert not isinstance(app.screen, ScoreForm)
        await pilot.press("enter")  # on the presenter: their score
        await give_score(pilot, "4")
        await pilot.press("up", "up")
        box.highlighted = 2
        await pilot.press("enter")  # now a member may score
        await wait_until(pilot, lambda: isinstance(app.screen, ScoreForm))
        assert "Viv Lamb" in str(app.screen.query_one("#form-title").render())


async def test_a_statements_scale_asks_about_that_statement_not_the_case_closing_question(db_url, repo):
    pod_id = repo.add_pod(full_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scaling(pilot, pod_id)
        asked = screen.query_one("#scale-question")
        choice = screen.query_one("#scale-choice", Select)
        screen.query_one("#scorers", OptionList).focus()
        await pilot.press("s")
        await wait_until(pilot, lambda: choice.value == "ds1")
        text = " ".join(str(asked.render()).split())
        assert "everyone knows the child is safe" not in text
        assert 'safety goal 1 ("Dean and Lisa will sort out arguments calmly, away from Amy") has been' in text
        assert "is happening now, where are we today?" in text
