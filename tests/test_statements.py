"""Danger statements and safety goals, driven with Pilot as a scribe would, checking the
database afterwards: composing, editing the full text, pairing, the fourth-statement
warning, group drafting, the checker's suggestions, delete and undo."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st
from textual.content import Content
from textual.widgets import Static, TextArea

from gq_pods.compose import compose_statement
from gq_pods.model import DangerStatement, Draft, Pod, SafetyGoal, Scale
from screens.app import GqPodsApp
from screens.confirm import ConfirmScreen
from screens.pod import PodScreen
from screens.statements import PairRow, PairsOverview, findings_view
from screens.text import plain
from tests.factories import full_pod
from tests.pilot import paste, ready, wait_until


def bare_pod(**overrides) -> Pod:
    pod = Pod(case_reference="Family S", team="North Team")
    for name, value in overrides.items():
        setattr(pod, name, value)
    return pod


async def open_statements(pilot, pod_id: int) -> PodScreen:
    """Open the pod, show the Statements tab, and put the focus on its list."""
    app: GqPodsApp = pilot.app
    await ready(pilot)
    app.open_pod(pod_id)
    await wait_until(pilot, lambda: isinstance(app.screen, PodScreen) and bool(app.screen.query("#pod-tabs")))
    screen = app.screen
    screen.show_tab("statements")  # built on its first showing
    await wait_until(pilot, lambda: bool(screen.query("#pairs")))
    await pilot.pause()
    pairs = screen.query_one("#pairs")
    if pairs.children:
        pairs.focus()
    else:
        screen.query_one("#pairs-add").focus()
    await pilot.pause()
    return screen


async def saved(pilot) -> None:
    """Wait until autosave has written every change."""
    await wait_until(pilot, lambda: not pilot.app.screen.dirty)


async def type_into(pilot, selector: str, text: str) -> None:
    pilot.app.screen.query_one(selector).focus()
    await pilot.pause()
    await pilot.press(*text)


def shown(pilot, selector: str) -> str:
    widget = pilot.app.screen.query_one(selector, Static)
    return str(widget.render())


def area(pilot, selector: str) -> TextArea:
    return pilot.app.screen.query_one(selector, TextArea)


def notices(app) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


# ------------------------------------------------------------------ composing


async def test_typing_the_parts_composes_the_statement_live_and_saves_it(db_url, repo):
    pod_id = repo.add_pod(bare_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_statements(pilot, pod_id)
        await pilot.press("a")
        await pilot.pause()
        assert app.focused is area(pilot, "#statement-who_is_worried")
        await pilot.press(*"The school")
        await pilot.press("tab")
        await paste(pilot, "Dad shouts at Mum")
        assert shown(pilot, "#statement-preview") == "The school is worried that Dad shouts at Mum."
        await pilot.press("tab")
        await paste(pilot, "like in March when he threw a plate")
        await pilot.press("tab")
        await paste(pilot, "Amy could be hurt")
        await pilot.pause()
        expected = (
            "The school is worried that Dad shouts at Mum, like in March when he threw a plate. "
            "If nothing changes, Amy could be hurt."
        )
        assert shown(pilot, "#statement-preview") == expected
        assert area(pilot, "#statement-text").text == expected
        await saved(pilot)

    statement = repo.get_pod(pod_id).danger_statements[0]
    assert statement.id == "ds1"
    assert statement.who_is_worried == "The school"
    assert statement.behaviour == "Dad shouts at Mum"
    assert statement.example == "like in March when he threw a plate"
    assert statement.impact == "Amy could be hurt"
    assert statement.text == expected


async def test_the_full_text_edited_by_hand_is_kept_when_the_parts_change(db_url, repo):
    ds = DangerStatement(id="ds1", who_is_worried="The school", behaviour="Dad shouts at Mum")
    ds.text = compose_statement(ds)
    pod_id = repo.add_pod(bare_pod(danger_statements=[ds]))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_statements(pilot, pod_id)
        await pilot.press("enter")
        await pilot.pause()
        # edit the full text directly
        full = area(pilot, "#statement-text")
        full.focus()
        full.move_cursor(full.document.end)
        await paste(pilot, " Amy hides upstairs.")
        await pilot.pause()
        hand_made = "The school is worried that Dad shouts at Mum. Amy hides upstairs."
        assert full.text == hand_made
        assert "no longer change it" in shown(pilot, "#statement-follow")
        # a part changes: the preview follows, the edited text does not
        await type_into(pilot, "#statement-impact", "Amy could be hurt")
        await pilot.pause()
        assert "If nothing changes, Amy could be hurt." in shown(pilot, "#statement-preview")
        assert full.text == hand_made
        await saved(pilot)
        assert repo.get_pod(pod_id).danger_statements[0].text == hand_made
        assert repo.get_pod(pod_id).danger_statements[0].impact == "Amy could be hurt"
        # ctrl+r puts the composed wording back, on purpose
        await pilot.press("ctrl+r")
        await pilot.pause()
        composed = "The school is worried that Dad shouts at Mum. If nothing changes, Amy could be hurt."
        assert full.text == composed
        await saved(pilot)

    assert repo.get_pod(pod_id).danger_statements[0].text == composed


async def test_family_view_and_acknowledgement_are_kept(db_url, repo):
    pod_id = repo.add_pod(bare_pod(danger_statements=[DangerStatement(id="ds1")]))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_statements(pilot, pod_id)
        await pilot.press("enter")
        await paste(pilot, "Mum got Amy to school every day", "#statement-acknowledgement")
        await type_into(pilot, "#statement-who_is_worried", "We")
        await paste(pilot, "Dad says it only happened once.", "#statement-family_view")
        await pilot.pause()
        await saved(pilot)

    statement = repo.get_pod(pod_id).danger_statements[0]
    assert statement.acknowledgement == "Mum got Amy to school every day"
    assert statement.family_view == "Dad says it only happened once."
    assert statement.text == "We are worried. Mum got Amy to school every day."  # who is worried first


# ------------------------------------------------------------------ pairing


async def test_a_goal_is_linked_to_its_statement_and_shown_beside_it(db_url, repo):
    pod = bare_pod(
        danger_statements=[
            DangerStatement(id="ds1", text="The school is worried that Dad shouts at Mum."),
            DangerStatement(id="ds2", text="The nursery is worried that Amy is often hungry."),
        ],
        scales=[Scale("ds1")],
    )
    pod_id = repo.add_pod(pod)
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_statements(pilot, pod_id)
        # both pairs are listed, and both are flagged: no goals yet; ds2 has no scale either
        rows = list(screen.query(PairRow))
        assert [r.statement_id for r in rows] == ["ds1", "ds2"]
        gaps = [str(s.render()) for s in screen.query(".pair-gaps").results(Static)]
        assert gaps == [
            "! Still needs: a safety goal.",
            "! Still needs: a safety goal, a scale (Scaling tab).",
        ]
        # open the first pair's goal (g) and write it
        await pilot.press("g")
        await pilot.pause()
        assert "The school is worried that Dad shouts at Mum." in shown(pilot, "#goal-statement")
        assert app.focused is area(pilot, "#goal-caregiver_actions")
        await paste(pilot, "Dad will walk away and calm down when he is angry")
        await pilot.press("tab", "tab", "tab")
        await pilot.press(*"for six months")
        await pilot.pause()
        goal_text = "Dad will walk away and calm down when he is angry. This will carry on for six months."
        assert area(pilot, "#goal-text").text == goal_text
        await pilot.press("escape")
        await pilot.pause()
        first = screen.query(PairRow).first()
        assert goal_text in " ".join(str(s.render()) for s in first.query(".pair-goal .pair-text").results(Static))
        assert not first.query(".pair-gaps")
        await saved(pilot)

    stored = repo.get_pod(pod_id)
    assert len(stored.safety_goals) == 1
    goal = stored.safety_goals[0]
    assert goal.danger_statement == "ds1"
    assert goal.text == goal_text
    assert goal.duration == "for six months"
    assert stored.goal_for("ds2") is None


async def test_switching_between_statement_and_goal_with_ctrl_g(db_url, repo):
    pod_id = repo.add_pod(full_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_statements(pilot, pod_id)
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is area(pilot, "#statement-who_is_worried")
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert app.focused is area(pilot, "#goal-caregiver_actions")
        assert area(pilot, "#goal-duration").text == "for six months"
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert app.focused is area(pilot, "#statement-who_is_worried")


# ------------------------------------------------------------------ how many


async def test_a_fourth_statement_gets_a_gentle_warning_and_is_still_added(db_url, repo):
    pod_id = repo.add_pod(bare_pod(danger_statements=[DangerStatement(id=f"ds{i}") for i in (1, 2, 3)]))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_statements(pilot, pod_id)
        await pilot.press("a")
        # the notice comes once the new pair is added (a worker): on a busy machine, after one pause
        await wait_until(pilot, lambda: "About 3 at most keeps the plan clear" in notices(app), what="the notice")
        assert isinstance(app.focused, TextArea)  # straight into the new statement
        await pilot.press(*"The police")
        await pilot.press("escape")
        await pilot.pause()
        assert "4 danger statements: about 3 at most" in shown(pilot, "#pairs-note")
        await saved(pilot)

    stored = repo.get_pod(pod_id)
    assert [s.id for s in stored.danger_statements] == ["ds1", "ds2", "ds3", "ds4"]
    assert stored.danger_statements[3].who_is_worried == "The police"


async def test_three_statements_get_no_warning(db_url, repo):
    pod_id = repo.add_pod(bare_pod(danger_statements=[DangerStatement(id=f"ds{i}") for i in (1, 2)]))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_statements(pilot, pod_id)
        await pilot.press("a")
        await pilot.pause()
        assert "at most" not in notices(app)


# ------------------------------------------------------------------ group drafting


async def test_drafts_by_initials_then_the_presenter_picks_one(db_url, repo):
    pod_id = repo.add_pod(bare_pod(danger_statements=[DangerStatement(id="ds1")]))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_statements(pilot, pod_id)
        await pilot.press("enter")
        await pilot.press("f4")
        await pilot.pause()
        assert app.focused is screen.query_one("#statement-draft-initials")
        await pilot.press(*"VL", "enter")
        await paste(pilot, "The school is worried that Dad hits Mum.")
        await pilot.click("#statement-draft-add")
        await pilot.pause()
        assert app.focused is screen.query_one("#statement-draft-initials")
        await pilot.press(*"AK", "enter")
        await paste(pilot, "Jo is worried that Dad drinks and shouts.")
        await pilot.press("ctrl+n")
        await pilot.pause()
        cards = list(screen.query(".draft-card"))
        assert [str(c.query_one(".draft-author", Static).render()) for c in cards] == ["VL", "AK"]
        assert [str(c.query_one(".draft-body", Static).render()) for c in cards] == [
            "The school is worried that Dad hits Mum.",
            "Jo is worried that Dad drinks and shouts.",
        ]
        await saved(pilot)
        assert [(d.author, d.text) for d in repo.get_pod(pod_id).danger_statements[0].drafts] == [
            ("VL", "The school is worried that Dad hits Mum."),
            ("AK", "Jo is worried that Dad drinks and shouts."),
        ]
        # the presenter picks AK's
        screen.query(".draft-card .pick").last().focus()
        await pilot.press("enter")
        await pilot.pause()
        assert area(pilot, "#statement-text").text == "Jo is worried that Dad drinks and shouts."
        assert "the agreed wording" in str(screen.query(".draft-author").last().render())
        await saved(pilot)

    statement = repo.get_pod(pod_id).danger_statements[0]
    assert statement.text == "Jo is worried that Dad drinks and shouts."
    assert [d.author for d in statement.drafts] == ["VL", "AK"]


async def test_merging_drafts_fills_the_agreed_text_to_edit_together(db_url, repo):
    drafts = [Draft("VL", "Dad hits Mum."), Draft("AK", "If nothing changes Amy could be hurt.")]
    goal_drafts = [Draft("SP", "Dad will walk away."), Draft("JR", "For six months.")]
    pod = bare_pod(
        danger_statements=[DangerStatement(id="ds1", drafts=drafts)],
        safety_goals=[SafetyGoal(id="sg1", danger_statement="ds1", drafts=goal_drafts)],
    )
    pod_id = repo.add_pod(pod)
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_statements(pilot, pod_id)
        await pilot.press("enter")
        await pilot.pause()
        screen.query_one("#statement-merge").press()
        await pilot.pause()
        full = area(pilot, "#statement-text")
        assert full.text == "Dad hits Mum.\n\nIf nothing changes Amy could be hurt."
        # the keyboard moves there after the text is filled in: on a busy machine, after one pause
        await wait_until(pilot, lambda: app.focused is full, what="the keyboard in the agreed text")
        # edit them together into one
        full.select_all()
        await paste(pilot, "The school is worried that Dad hits Mum. If nothing changes Amy could be hurt.")
        await pilot.pause()
        # and the same for the goal
        await pilot.press("ctrl+g")
        await pilot.pause()
        screen.query_one("#goal-merge").press()
        await pilot.pause()
        assert area(pilot, "#goal-text").text == "Dad will walk away.\n\nFor six months."
        await saved(pilot)

    stored = repo.get_pod(pod_id)
    statement = stored.danger_statements[0]
    assert statement.text == "The school is worried that Dad hits Mum. If nothing changes Amy could be hurt."
    assert [(d.author, d.text) for d in statement.drafts] == [(d.author, d.text) for d in drafts]
    assert stored.safety_goals[0].text == "Dad will walk away.\n\nFor six months."
    assert len(stored.safety_goals[0].drafts) == 2


async def test_picking_a_draft_can_be_undone(db_url, repo):
    pod = bare_pod(danger_statements=[DangerStatement(id="ds1", text="Our own words.", drafts=[Draft("VL", "Hers.")])])
    pod_id = repo.add_pod(pod)
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_statements(pilot, pod_id)
        await pilot.press("enter")
        await pilot.pause()
        screen.query_one(".draft-card .pick").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert area(pilot, "#statement-text").text == "Hers."
        screen.query_one(".draft-card .pick").focus()
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: area(pilot, "#statement-text").text == "Our own words.")
        await saved(pilot)

    statement = repo.get_pod(pod_id).danger_statements[0]
    assert statement.text == "Our own words."
    assert [d.author for d in statement.drafts] == ["VL"]


# ------------------------------------------------------------------ suggestions


def styles_over(content: Content, word: str) -> set[str]:
    start = content.plain.index(word)
    end = start + len(word)
    return {str(span.style) for span in content.spans if span.start <= start and end <= span.end}


async def test_jargon_is_shown_live_with_its_words_highlighted(db_url, repo):
    pod_id = repo.add_pod(bare_pod(danger_statements=[DangerStatement(id="ds1")]))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_statements(pilot, pod_id)
        await pilot.press("enter")
        await type_into(pilot, "#statement-text", "Concerns re DV and neglect")
        findings = screen.query_one("#statement-findings", Static)
        # The suggestions follow the whole text once typing stops (not a half-typed one).
        await wait_until(pilot, lambda: findings.content.plain.startswith("Concerns re DV and neglect\n"))
        content = findings.content
        assert isinstance(content, Content)
        words = content.plain
        assert "Problem: 'DV' is a label" in words
        assert "Problem: 'neglect' is a label" in words
        assert "does not say who is worried" in words
        # the text is shown with each finding's words highlighted
        assert words.startswith("Concerns re DV and neglect\n")
        assert any("reverse" in s for s in styles_over(content, "DV"))
        assert any("reverse" in s for s in styles_over(content, "neglect"))
        assert not any("reverse" in s for s in styles_over(content, " re "))
        await saved(pilot)

    assert repo.get_pod(pod_id).danger_statements[0].text == "Concerns re DV and neglect"


async def test_the_teams_own_jargon_is_flagged_too(db_url, repo, gq_home):
    (gq_home / "config").mkdir(parents=True, exist_ok=True)
    from gq_pods import teamconfig

    teamconfig.config_path().parent.mkdir(parents=True, exist_ok=True)
    teamconfig.config_path().write_text('{"jargon": ["FII"]}', encoding="utf-8")
    pod_id = repo.add_pod(bare_pod(danger_statements=[DangerStatement(id="ds1")]))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_statements(pilot, pod_id)
        await pilot.press("enter")
        await paste(pilot, "The school is worried about FII. If nothing changes Amy could be ill.", "#statement-text")
        findings = screen.query_one("#statement-findings", Static)
        await wait_until(pilot, lambda: "FII" in str(findings.render()).split("\n", 2)[-1])


# ------------------------------------------------------------------ delete, undo, literal text


async def test_delete_asks_first_takes_the_goal_and_scale_and_undo_brings_them_back(db_url, repo):
    pod_id = repo.add_pod(full_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_statements(pilot, pod_id)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#question", Static).render())
        assert "its safety goal" in question and "its scale" in question
        await pilot.press("escape")
        await pilot.pause()
        assert len(screen.pod.danger_statements) == 1
        await pilot.press("d")
        await pilot.pause()
        await pilot.click("#confirm")
        await pilot.pause()
        await saved(pilot)
        stored = repo.get_pod(pod_id)
        assert stored.danger_statements == [] and stored.safety_goals == []
        assert [s.about for s in stored.scales] == ["overall"]
        assert not screen.query(PairRow)
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: [r.statement_id for r in screen.query(PairRow)] == ["ds1"])
        await saved(pilot)

    stored = repo.get_pod(pod_id)
    assert [s.id for s in stored.danger_statements] == ["ds1"]
    assert stored.goal_for("ds1") is not None
    assert stored.scale_for("ds1") is not None


async def test_user_text_is_literal_never_markup(db_url, repo):
    nasty = "Mum [/] left [@click=app.quit]quit[/] [b]x"
    pod = bare_pod(
        danger_statements=[DangerStatement(id="ds1", text=nasty, drafts=[Draft("[b]", nasty)])],
        safety_goals=[SafetyGoal(id="sg1", danger_statement="ds1", text=nasty)],
    )
    pod_id = repo.add_pod(pod)
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_statements(pilot, pod_id)
        row = screen.query(PairRow).first()
        assert nasty in " ".join(str(s.render()) for s in row.query(".pair-text").results(Static))
        await pilot.press("enter")
        await wait_until(pilot, lambda: bool(screen.query(".draft-author")))
        assert str(screen.query_one(".draft-author", Static).render()).startswith("[b]  - the agreed wording")
        assert str(screen.query_one("#statement-findings", Static).render()).startswith(nasty)
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: nasty in shown(pilot, "#goal-statement-narrow"))
        assert app.is_running


async def test_typed_text_survives_leaving_the_pod_at_once(db_url, repo):
    pod_id = repo.add_pod(bare_pod(danger_statements=[DangerStatement(id="ds1")]))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_statements(pilot, pod_id)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"Gran")
        await pilot.press("escape", "escape")  # back to the list, then out of the pod
        await pilot.pause()
        assert not isinstance(app.screen, PodScreen)

    assert repo.get_pod(pod_id).danger_statements[0].who_is_worried == "Gran"


async def test_a_draft_half_typed_is_in_the_database_before_it_is_added(db_url, repo):
    pod_id = repo.add_pod(bare_pod(danger_statements=[DangerStatement(id="ds1", who_is_worried="We")]))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_statements(pilot, pod_id)
        await pilot.press("enter")
        await pilot.press("f4")
        await pilot.press(*"SP", "enter")
        await paste(pilot, "Gran is worried that Mum")
        await saved(pilot)
        assert [(d.author, d.text) for d in repo.get_pod(pod_id).danger_statements[0].drafts] == [
            ("SP", "Gran is worried that Mum")
        ]
        # switching tabs and back keeps the form as it was
        screen.show_tab("details")
        await wait_until(pilot, lambda: screen.query_one("#pod-tabs").active == "tab-details")
        await pilot.pause()
        screen.show_tab("statements")
        await wait_until(pilot, lambda: app.focused is area(pilot, "#statement-draft-text"))  # back where it was
        assert area(pilot, "#statement-draft-text").text == "Gran is worried that Mum"
        await paste(pilot, " drinks.", "#statement-draft-text")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert area(pilot, "#statement-draft-text").text == ""
        assert len(screen.query(".draft-card")) == 1
        await saved(pilot)

    assert [(d.author, d.text) for d in repo.get_pod(pod_id).danger_statements[0].drafts] == [
        ("SP", "Gran is worried that Mum drinks.")
    ]


async def test_a_statement_added_and_left_empty_is_not_kept(db_url, repo):
    pod_id = repo.add_pod(bare_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_statements(pilot, pod_id)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.query(PairRow)
        assert "was not kept" in notices(app)
        await saved(pilot)

    assert repo.get_pod(pod_id).danger_statements == []


async def test_the_safety_goals_stage_opens_pairs_on_their_goal(db_url, repo):
    pod_id = repo.add_pod(full_pod())
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_statements(pilot, pod_id)
        await screen.open_work("safety_goals")
        await pilot.pause()
        assert app.focused is screen.query_one("#pairs")
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is area(pilot, "#goal-caregiver_actions")
        assert "Dean shouts and pushes Lisa" in shown(pilot, "#goal-statement")


async def test_after_undo_the_list_selects_the_pair_that_came_back(db_url, repo):
    # Issue 11: after ctrl+z brought back a deleted statement, the selection had moved, and
    # d then offered to delete a different pair.
    statements = [DangerStatement(id=f"ds{n}", text=f"Worry {n}.") for n in (1, 2, 3)]
    pod_id = repo.add_pod(bare_pod(danger_statements=statements))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_statements(pilot, pod_id)
        overview = screen.query_one(PairsOverview)
        await pilot.press("down")
        await wait_until(pilot, lambda: overview.selected_id() == "ds2")
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_until(pilot, lambda: [r.statement_id for r in screen.query(PairRow)] == ["ds1", "ds3"])
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: [r.statement_id for r in screen.query(PairRow)] == ["ds1", "ds2", "ds3"])
        assert overview.selected_id() == "ds2"
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "statement 2" in str(app.screen.query_one("#question", Static).render())
        await pilot.press("n")


@given(
    st.text(max_size=60),
    st.lists(
        st.tuples(st.integers(-5, 70), st.integers(-5, 70), st.sampled_from(["problem", "hint"]), st.text(max_size=20)),
        max_size=4,
    ),
)
def test_the_suggestions_show_the_text_as_typed_with_every_finding_in_words(text, found):
    # Pure: no app. Typed text and messages are never markup, whatever spans the checker gives.
    findings = [SimpleNamespace(start=a, end=b, severity=severity, message=m) for a, b, severity, m in found]
    words = findings_view(text, findings).plain
    if findings and text.strip():
        assert words.startswith(plain(text).plain + "\n")
    for finding in findings:
        assert ("Problem: " if finding.severity == "problem" else "Hint: ") + plain(finding.message).plain in words
    if not findings:
        assert words in ("No suggestions: this reads clearly.", "Suggestions appear here as you write.")
