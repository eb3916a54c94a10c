"""SVG snapshots of the first screens at 80x24 and 120x40.

The pods, the date and the clock are fixed so the pictures only change when the
screens do. Regenerate after a deliberate change with `pytest --snapshot-update`
and look at the report before committing.
"""

from __future__ import annotations

import datetime as dt

import pytest

from screens.app import GqPodsApp
from tests.factories import full_pod
from tests.pilot import ready

FIXED_NOW = dt.datetime(2026, 11, 20, 10, 15, 0)


def fixed_clock() -> dt.datetime:
    return FIXED_NOW


@pytest.fixture
def two_pods(repo):
    repo.add_pod(full_pod(date=dt.date(2026, 10, 2), team="South Team", case_reference="Family B", style="content_mapping"))
    repo.add_pod(full_pod(case_reference="Family C [/] [b]x"))
    return repo


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_home_with_pods(snap_compare, db_url, two_pods, size):
    assert snap_compare(GqPodsApp(db_url, wall_clock=fixed_clock), terminal_size=size, run_before=ready)


def test_home_first_run(snap_compare, db_url):
    assert snap_compare(GqPodsApp(db_url, wall_clock=fixed_clock), terminal_size=(80, 24), run_before=ready)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_new_pod_form(snap_compare, db_url, size):
    async def open_form(pilot):
        await ready(pilot)
        await pilot.press("n")
        await pilot.pause()

    assert snap_compare(GqPodsApp(db_url, wall_clock=fixed_clock), terminal_size=size, run_before=open_form)
