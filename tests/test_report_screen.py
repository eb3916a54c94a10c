"""The team report, from the pods list: counts a practice lead may see, and no case text."""

from __future__ import annotations

import datetime as dt
import stat

from textual.widgets import Input, Markdown, Static

from gq_pods.model import NextStep, Pod, PodMap
from screens.app import GqPodsApp
from screens.confirm import ConfirmScreen
from screens.report import SAFE_TO_SHARE, ReportScreen
from tests.pilot import ready, wait_until

SECRET_TITLE = "Zebra Household"
SECRET_STEP = "Phone Auntie Quokka"


def team_pod(day: dt.date, reason: str, *steps: NextStep, practice: bool = False) -> Pod:
    return Pod(
        date=day, title=SECRET_TITLE, case_reference="ZQ-4417", team="North", case_reason=reason,
        manager_present=True, practice=practice, focus_question="Is the Zebra baby safe at night?",
        map=PodMap(next_steps=list(steps)),
    )


async def test_report_shows_counts_and_no_case_text_and_saves(db_url, repo, tmp_path):
    repo.add_pod(team_pod(dt.date(2026, 10, 6), "new",
                          NextStep(SECRET_STEP, "JR", dt.date(2026, 10, 20), "agreed", outcome="done",
                                   outcome_on=dt.date(2026, 10, 19), outcome_by="JR")))
    repo.add_pod(team_pod(dt.date(2026, 11, 3), "stuck", NextStep(SECRET_STEP, "JR", dt.date(2026, 11, 10), "agreed")))
    repo.add_pod(team_pod(dt.date(2026, 11, 17), "stuck"))
    repo.add_pod(team_pod(dt.date(2026, 11, 18), "new", practice=True))  # not a team pod

    app = GqPodsApp(db_url, wall_clock=lambda: dt.datetime(2026, 12, 1, 10, 0))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, ReportScreen) and bool(app.screen.text),
                         what="the report")
        screen = app.screen
        assert "Safe to share with a practice lead" in str(screen.query_one("#report-safe", Static).render())
        assert SAFE_TO_SHARE.startswith("Counts only")

        report = screen.query_one("#report-text", Markdown)
        await wait_until(pilot, lambda: bool(report.query("MarkdownTable")), what="the report's tables drawn")
        shown = report.source
        assert "Pods held: 3" in shown
        assert "| 2026-10 | 1 |" in shown and "| 2026-11 | 2 |" in shown
        assert "Next steps with a due date: 2. Done on time: 1" in shown
        for secret in (SECRET_TITLE, SECRET_STEP, "ZQ-4417", "Zebra", "Quokka", "North"):
            assert secret not in shown

        # since a date typed the UK way: read back in full, and the report follows it
        await pilot.press("slash", *"1/11/2026")
        await wait_until(pilot, lambda: "Pods held: 2" in report.source, what="the report since 1 November")
        assert "Read as Sunday 1 November 2026" in str(screen.query_one("#report-since-read", Static).render())

        # saved privately; a file already there is kept unless the person says to replace it
        target = tmp_path / "report.md"
        screen.query_one("#report-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: target.exists(), what="the saved report")
        assert target.read_text() == screen.text
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        target.write_text("someone else's notes")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="asked before replacing")
        await pilot.press("n")
        await wait_until(pilot, lambda: "was kept" in str(screen.query_one("#report-result", Static).render()),
                         what="the file kept")
        assert target.read_text() == "someone else's notes"
