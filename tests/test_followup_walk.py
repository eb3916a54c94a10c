"""Following up a case, as a facilitator does it (Pilot): a pod held on 3 November is followed
up from the pods list; the group answers last time's next steps, reviews the map it carried
over, scores again beside last time's scores, looks at the case over time and exports the
record, which says what changed since the last pod."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.widgets import Input, Select, Static, TextArea

from gq_pods.model import (
    DangerStatement,
    MapItem,
    NextStep,
    Participant,
    Pod,
    PodMap,
    SafetyGoal,
    Scale,
    ScaleScore,
)
from screens.app import GqPodsApp
from screens.case_view import CaseScreen
from screens.export import ExportScreen
from screens.followup import FollowUpConfirm, StepsDialog
from screens.map import MapPanel
from screens.pod import PodScreen
from screens.scaling import ScoreForm
from storage.repository import Repository
from tests.pilot import ready, wait_until
from tests.strategies import texts

HELD = dt.date(2026, 11, 3)
TODAY = dt.datetime(2026, 12, 1, 10, 0)


def held_pod() -> Pod:
    """The pod held last time: complete, with scores and next steps (one with markup-like text)."""
    return Pod(
        date=HELD,
        style="group_supervision",
        team="North Team",
        case_reason="stuck",
        case_reference="Family W",
        manager_present=True,
        status="complete",
        participants=[Participant("KB", "facilitator"), Participant("JR", "presenter"), Participant("VL", "member")],
        map=PodMap(
            harm=[MapItem("Tom had a bruise [on] his cheek")],
            complicating_factors=[MapItem("Dad drinks most evenings")],
            existing_strengths=[MapItem("Gran collects Tom from school")],
            next_steps=[
                NextStep("Ask Gran to a network meeting", "JR", dt.date(2026, 11, 20), "agreed"),
                NextStep("GP letter about [Mum]'s sleep", "KB", None, "agreed"),
            ],
        ),
        danger_statements=[DangerStatement(id="ds1", text="The school is worried that when Dad drinks he hits Tom.")],
        safety_goals=[SafetyGoal(id="sg1", danger_statement="ds1", text="Dad will go to Gran's when he has had a drink.")],
        scales=[
            Scale("overall", "", [ScaleScore("JR", 3, "Dad still drinks"), ScaleScore("KB", 4, "Gran helps"), ScaleScore("VL", 4)]),
            Scale("ds1", "", [ScaleScore("JR", 2, "No plan yet")]),
        ],
        current_stage="reflection",
    )


def stored(db_url: str, pod_id: int) -> Pod:
    fresh = Repository.open(db_url)
    try:
        return fresh.get_pod(pod_id)
    finally:
        fresh.close()


def words(widget: Static) -> str:
    return str(widget.content)


async def test_follow_up_a_held_pod_from_the_list_to_the_record(db_url, repo, tmp_path):
    held_id = repo.add_pod(held_pod())
    app = GqPodsApp(db_url, wall_clock=lambda: TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)

        # f on the chosen pod asks first, saying what comes over.
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, FollowUpConfirm), what="the question")
        question = words(app.screen.query_one("#question", Static))
        assert "Start a follow-up pod for Family W?" in question
        assert "people, the map, the statements and goals" in question
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, (PodScreen, StepsDialog)), what="the new pod")

        # The new pod opens asking about last time's steps: one done, one not done and why.
        await wait_until(pilot, lambda: isinstance(app.screen, StepsDialog), what="last time's steps")
        dialog = app.screen
        steps = [words(s) for s in dialog.query(".step-words").results(Static)]
        assert steps[0].startswith("1. Ask Gran to a network meeting")
        assert "GP letter about [Mum]'s sleep" in steps[1]
        assert "Owner: JR  ·  Due: 20 November 2026  ·  Agreed" in steps[0]
        await pilot.press("enter", "down", "enter")  # Done
        assert dialog.query_one("#outcome-1", Select).value == "done"
        await pilot.press("tab", *"KB", "tab")
        await pilot.press("enter", "down", "down", "enter")  # Not done: why?
        assert dialog.query_one("#by-2", Input).value == "KB"  # the same person, filled in
        await pilot.press("tab", "tab", *"Gran was in hospital", "ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, PodScreen), what="the pod")
        screen = app.screen
        assert screen.pod.follows == held_id and screen.pod_id != held_id

        def outcomes() -> list[tuple[str, str, str]]:
            return [(s.outcome, s.outcome_reason, s.outcome_by) for s in repo.get_pod(held_id).map.next_steps]

        await wait_until(pilot, lambda: outcomes()[0][0] == "done", what="the answers saved on last time's pod")
        assert outcomes() == [("done", "", "KB"), ("not_done", "Gran was in hospital", "KB")]
        assert repo.get_pod(held_id).map.next_steps[0].outcome_on == TODAY.date()

        # The map: every carried item says so, in words; the group reviews each.
        await pilot.press("f2")
        panel = screen.query_one(MapPanel)
        await wait_until(pilot, lambda: panel.focused_card() is not None, what="the map")
        review = screen.query_one("#map-review-words", Static)
        assert "From last time: 3 of 3 still to review" in words(review)
        first = panel.focused_card()
        assert "From last time: not reviewed yet" in str(first.content)
        assert "Tom had a bruise [on] his cheek" in str(first.content)
        await pilot.click("#review-still_true")  # by mouse; the cursor moves on to the next to review
        await wait_until(pilot, lambda: screen.pod.map.harm[0].carried == "still_true", what="the review")
        assert screen.pod.map.harm[0].carried == "still_true"
        await pilot.press("n")  # no longer so... and back, and again
        assert screen.pod.map.complicating_factors[0].carried == "no_longer"
        await pilot.press("ctrl+z")
        assert screen.pod.map.complicating_factors[0].carried == "to_review"
        panel.move_to("complicating_factors", 0)
        await pilot.press("n")
        gone = panel.card("complicating_factors", 0)
        assert "From last time: No longer so" in str(gone.content) and "Dad drinks most evenings" in str(gone.content)
        assert gone.has_class("-no_longer")
        # the last one to review is in the next column: the cursor went there
        assert panel.focused_card().section == "existing_strengths"
        await pilot.press("c")  # changed: its words open to change
        await wait_until(pilot, lambda: isinstance(app.focused, TextArea), what="the editor")
        await pilot.press(*" and on Fridays", "escape")
        assert screen.pod.map.existing_strengths[0].text == "Gran collects Tom from school and on Fridays"
        assert "From last time: 3 items, all reviewed." in words(review)

        # Scaling: last time's scores beside this scale's; then everyone scores again.
        screen.show_tab("scaling")
        await pilot.pause()
        scaling = screen.query_one("#panel-scaling")
        scaling.focus_work("scaling")
        await pilot.pause()
        last = screen.query_one("#scale-last-time", Static)
        await wait_until(pilot, lambda: last.display and "Last time" in words(last), what="last time's scores")
        assert words(last) == "Last time (3 Nov): 3, 4, 4 — median 4"
        for score in ("5", "6", "6"):
            await pilot.press("n")
            await wait_until(pilot, lambda: isinstance(app.screen, ScoreForm), what="the score form")
            await pilot.press(score, "ctrl+s")
            await wait_until(pilot, lambda: app.screen is screen, what="the score saved")
        assert sorted(s.score for s in screen.pod.scale_for("overall").scores) == [5, 6, 6]

        # The case over time: a chart for each scale, and what moved.
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.loaded, what="the case")
        case = app.screen
        summary = words(case.query_one("#case-summary", Static))
        assert "2 pods, from 3 November 2026 to 1 December 2026." in summary
        assert "Overall: 4 to 6" in summary
        assert "Next steps from last time: 1 of 2 done." in summary
        charts = [words(c) for c in case.query(".case-chart").results(Static)]
        assert len(charts) == 2  # overall, then the danger statement
        # last time 3, 4, 4; this time 5, 6, 6: each score a point, two alike a 2
        assert charts[0].splitlines()[4:8] == ["   ┤        2", " 5 ┤        ●", "   ┤  2", "   ┤  ●"]
        assert charts[0].splitlines()[-1] == "    3 Nov 1 Dec"
        assert "● one person" in words(case.query(".case-legend").results(Static).__next__())
        said = words(case.query(".case-reasons").results(Static).__next__())
        assert "JR 3: Dad still drinks" in said
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen, what="back to the pod")

        # The record says what changed since the last pod.
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: isinstance(app.screen, ExportScreen), what="the export box")
        export = app.screen
        preview = export.query_one("#preview", TextArea)
        await wait_until(pilot, lambda: "Since the last pod" in preview.text, what="the preview")
        target = tmp_path / "record.md"
        export.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: target.exists(), what="the record file")
        record = target.read_text()
        assert "Since the last pod on 3 November 2026: scale 4 to 6; next steps 1 of 2 done." in record
        await pilot.press("escape")
        await wait_until(pilot, lambda: not screen.dirty, what="the save")
        new_id = screen.pod_id

    new = stored(db_url, new_id)
    assert new.follows == held_id and new.date == TODAY.date()
    assert [i.carried for i in (new.map.harm + new.map.complicating_factors + new.map.existing_strengths)] == [
        "still_true",
        "no_longer",
        "changed",
    ]
    assert new.map.next_steps == []  # last time's steps were asked about, not copied
    assert sorted(s.score for s in new.scale_for("overall").scores) == [5, 6, 6]
    assert stored(db_url, held_id).status == "complete"  # the held pod is left as it was, but for its steps


# ---------------------------------------------------------------- what the screens say (no Textual app)


def test_scores_hidden_for_a_reveal_stay_off_the_case_over_time():
    """The case over time may be on the shared screen: this pod's hidden scores are left out,
    and their pod says they are hidden, until the reveal."""
    from gq_pods import scaling
    from gq_pods.case import movement
    from gq_pods.followup import follow_up
    from screens.case_view import reason_lines, shown_chain, summary_lines

    before = held_pod()
    before.id = 1
    now = follow_up(before, TODAY.date())
    now.id = 2
    scaling.set_mode(now, scaling.HIDDEN)
    now.scale_for("overall").scores = [ScaleScore("JR", 9, "secret"), ScaleScore("KB", 8)]

    shown, held = shown_chain([before, now])
    found = movement(shown)
    overall = found.lines[0]
    assert held == {(2, "overall")}
    assert overall.points[-1].scores == ()
    assert now.scale_for("overall").scores[0].score == 9  # the pod itself is untouched
    said = "\n".join(reason_lines(overall, held))
    assert "Scores hidden until the reveal." in said and "secret" not in said
    summary = "\n".join(summary_lines(shown, found, bool(held)))
    assert "Scores still hidden for a reveal are not shown here." in summary
    assert "Nothing to compare yet" in summary

    scaling.set_revealed(now, "overall")
    shown, held = shown_chain([before, now])
    assert held == set()
    assert movement(shown).moved[0] == "Overall: 4 to 8.5"


def test_carried_cards_say_where_their_review_is_in_words_and_keep_typed_text_literal():
    from gq_pods.model import CARRIED_LABELS
    from screens.map.view import Row, card_content, review_words

    pod = Pod(map=PodMap(harm=[MapItem("[@click=app.quit] Mum [/] left", carried=c) for c in CARRIED_LABELS]))
    cards = [str(card_content(pod, "harm", Row("item", item))) for item in pod.map.harm]
    assert cards[0] == "From last time: not reviewed yet\n• [@click=app.quit] Mum [/] left"
    assert cards[1].startswith("From last time: Still true\n")
    assert cards[2].startswith("From last time: Changed\n")
    assert cards[3].startswith("From last time: No longer so\n")
    assert str(review_words(pod)) == "From last time: 1 of 4 still to review"
    assert str(card_content(pod, "harm", Row("item", MapItem("Added here")))) == "• Added here"
    assert str(review_words(Pod())) == ""


def test_last_time_words():
    from screens.followup import last_time_words

    before = held_pod()
    assert last_time_words(before, before.scale_for("overall").scores) == "Last time (3 Nov): 3, 4, 4 — median 4"
    assert last_time_words(before, []) == "Last time (3 Nov): no scores on this scale."


@settings(max_examples=60, deadline=None)
@given(text=texts(), who=texts(), carried=st.sampled_from(("to_review", "still_true", "changed", "no_longer")))
def test_whatever_was_typed_shows_as_typed_on_carried_cards_and_in_the_case_over_time(text, who, carried):
    """Typed text is never markup: not on a carried card, not in what people said."""
    from gq_pods.case import movement
    from screens.case_view import reason_lines, scale_title
    from screens.map.view import Row, card_content
    from screens.text import plain, visible

    pod = Pod(map=PodMap(harm=[MapItem(text, carried=carried)]))
    card = str(card_content(pod, "harm", Row("item", pod.map.harm[0])))
    if text.strip():
        assert visible(text) in card

    before = Pod(date=HELD, id=1, danger_statements=[DangerStatement(id="ds1", text=text)],
                 scales=[Scale("ds1", "", [ScaleScore(who, 3, text)])])
    line = movement([before]).lines[0]
    said = plain("\n".join(reason_lines(line)))
    assert f"{visible(' '.join(who.split()))} 3: " in str(said) or not who.split()
    assert str(plain(scale_title(line))) == visible(scale_title(line))


def test_the_record_keeps_scores_hidden_for_a_reveal_out_of_since_the_last_pod():
    """The export box previews the record on the shared screen: a follow-up pod's hidden scores
    must not show there before the reveal, in 'Since the last pod' as in the scales."""
    from gq_pods import scaling
    from gq_pods.export import render
    from gq_pods.followup import follow_up

    before = held_pod()
    before.id = 1
    now = follow_up(before, TODAY.date())
    now.id = 2
    scaling.set_mode(now, scaling.HIDDEN)
    now.scale_for("overall").scores = [ScaleScore("JR", 9), ScaleScore("KB", 9)]
    record = render(now, "markdown", False, {}, chain=[before, now])
    since = record[record.index("## Since the last pod") :]
    assert "9" not in since.split("###")[0].replace("2026", "")
    scaling.set_revealed(now, "overall")
    assert "scale 4 to 9" in render(now, "markdown", False, {}, chain=[before, now])
