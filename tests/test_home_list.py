"""The home list as a team's database grows: read a page at a time, filtered by the database,
shown before SQLAlchemy has loaded, and never reading what it should not."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from screens.app import GqPodsApp
from screens import home
from screens.confirm import ConfirmScreen
from screens.home import PAGE, HomeScreen, PodTable
from screens.pod import PodScreen
from storage import listing
from storage.migrate import HEAD
from tests.factories import full_pod
from tests.pilot import WAIT, paste, ready, screen_text, wait_until

ROOT = Path(__file__).resolve().parent.parent
FIRST = dt.date(2020, 1, 1)


def db_file(db_url: str) -> Path:
    return Path(db_url.removeprefix("sqlite:///"))


def add_many(db_url: str, count: int) -> None:
    """``count`` more pods, copies of the newest one's row with their own team, case and date:
    "Team <n % 7>", "Case <n>", one day apart from 2020-01-01 (so "Case 0" is the oldest)."""
    con = sqlite3.connect(db_file(db_url))
    columns = [r[1] for r in con.execute("PRAGMA table_info(pods)") if r[1] not in ("id", "team", "case_reference", "date")]
    source = con.execute("SELECT max(id) FROM pods").fetchone()[0]
    con.executemany(
        f"INSERT INTO pods (team, case_reference, date, {', '.join(columns)}) "
        f"SELECT ?, ?, ?, {', '.join(columns)} FROM pods WHERE id = ?",
        [(f"Team {n % 7}", f"Case {n}", (FIRST + dt.timedelta(days=n)).isoformat(), source) for n in range(count)],
    )
    con.commit()
    con.close()


def cases(app) -> list[str]:
    table = app.screen.query_one("#pods", PodTable)
    return [table.get_row_at(i)[2] for i in range(table.row_count)] if table.display else []


async def settled(pilot) -> None:
    """Wait until no read of the list is under way."""
    app = pilot.app
    await wait_until(pilot, lambda: not any(w.is_running for w in app.workers if w.group == "pods-list"), what="the list")
    await pilot.pause()


async def answered(pilot, text: str) -> None:
    """Wait until the list shows the pods that match ``text``."""
    screen = pilot.app.screen
    await wait_until(pilot, lambda: screen.shown_search == text and screen.query_one("#filter").value == text)
    await settled(pilot)


async def filter_for(pilot, text: str) -> None:
    """Put ``text`` in the filter (pasted: typing is not what is tested) and wait for its answer."""
    await pilot.press("slash")
    pilot.app.screen.query_one("#filter").value = text
    await answered(pilot, text)


# ---------------------------------------------------------------- paging


async def test_the_list_shows_a_page_and_going_to_the_end_reads_the_rest(db_url, repo):
    repo.add_pod(full_pod(date=dt.date(2030, 1, 1), case_reference="Newest"))
    add_many(db_url, PAGE * 2 + 50)
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        table = app.screen.query_one("#pods", PodTable)
        assert table.row_count == PAGE  # not every pod at once
        assert cases(app)[0] == "Newest"
        for _ in range(10):
            if table.row_count == PAGE * 2 + 51:
                break
            before = table.row_count
            await pilot.press("end")
            await wait_until(pilot, lambda: table.row_count > before or table.row_count == PAGE * 2 + 51, what="more pods")
        await settled(pilot)
        assert table.row_count == PAGE * 2 + 51
        assert cases(app)[-1] == "Case 0"  # the oldest, last
        assert len(set(cases(app))) == PAGE * 2 + 51  # no pod twice, none missed


async def test_scrolling_the_list_to_its_end_reads_more(db_url, repo):
    repo.add_pod(full_pod())
    add_many(db_url, PAGE + 30)
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        table = app.screen.query_one("#pods", PodTable)
        assert table.row_count == PAGE
        table.scroll_end(animate=False, immediate=True)
        await wait_until(pilot, lambda: table.row_count == PAGE + 31, what="the rest of the pods")
        assert table.cursor_row == 0  # scrolling moved nothing but the view


# ---------------------------------------------------------------- the filter


async def test_the_filter_finds_a_pod_beyond_the_first_page(db_url, repo):
    repo.add_pod(full_pod(date=FIRST - dt.timedelta(days=1), team="Far Team", case_reference="Long ago family"))
    add_many(db_url, PAGE + 20)
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert "Long ago family" not in cases(app)  # beyond the first page
        await filter_for(pilot, "long AGO")
        assert cases(app) == ["Long ago family"]
        await filter_for(pilot, "")
        assert len(cases(app)) == PAGE


def matching(db_url: str, search: str) -> list[str]:
    """The case references of the pods the quick reader's first page gives for ``search``."""
    quick = listing.open_list(db_url)
    assert quick is not None
    try:
        return [p.case_reference for p in quick.page(search).pods]
    finally:
        quick.close()


@pytest.fixture
def five(repo):
    repo.add_pod(full_pod(date=dt.date(2026, 1, 5), team="South Team", case_reference="Family A", title="Stuck case"))
    repo.add_pod(full_pod(date=dt.date(2026, 3, 9), team="North Team", case_reference="Family B", title="New worries",
                          style="content_mapping"))
    repo.add_pod(full_pod(date=dt.date(2026, 3, 10), team="Équipe Öst", case_reference="Famille Ø", title="",
                          status="complete"))
    repo.add_pod(full_pod(date=dt.date(2026, 4, 1), team="East", case_reference="100% sure_thing", title=""))
    repo.add_pod(full_pod(date=dt.date(2026, 5, 1), team="West", case_reference="100 sure thing", title=""))
    return repo


SEARCHES = [
    ("south", ["Family A"]),  # team
    ("family b", ["Family B"]),  # case reference, any case
    ("WORRIES", ["Family B"]),  # title
    ("2026-03", ["Famille Ø", "Family B"]),  # date
    ("content", ["Family B"]),  # the style as the list names it
    ("complete", ["Famille Ø"]),  # the status as the list names it
    ("team family", ["Family B", "Family A"]),  # every word, anywhere
    ("north south", []),
    ("équipe", ["Famille Ø"]),  # letters beyond ASCII, any case
    ("ÉQUIPE öst", ["Famille Ø"]),
    ("ø", ["Famille Ø"]),
    ("100%", ["100% sure_thing"]),  # LIKE's own characters are plain letters here
    ("e_t", ["100% sure_thing"]),  # not "100 sure thing", as an unescaped _ would
    ("sure_", ["100% sure_thing"]),
]


@pytest.mark.parametrize("search,expected", SEARCHES)
def test_the_filter_matches_team_case_title_date_style_and_status(db_url, five, search, expected):
    assert matching(db_url, search) == expected
    # the same answer through the repository's engine (what PostgreSQL uses; SQLite's own
    # lower() knows only ASCII letters, so the rest is left to the quick reader here)
    if search.isascii():
        assert [p.case_reference for p in listing.EngineList(five).page(search).pods] == expected


async def test_the_filter_on_the_screen(db_url, five):
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert cases(app) == ["100 sure thing", "100% sure_thing", "Famille Ø", "Family B", "Family A"]
        await filter_for(pilot, "2026-03 team")
        assert cases(app) == ["Family B"]
        await filter_for(pilot, "nothing like it")
        assert cases(app) == []
        assert "No pods match" in str(app.screen.query_one("#empty").render())


@pytest.mark.parametrize("typed", ["south", "zzz"])  # a filter that matches, and one that hides every pod
async def test_escape_in_the_filter_gives_the_keys_back_to_the_list(db_url, repo, typed):
    repo.add_pod(full_pod(team="South Team", case_reference="Family A"))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("slash", *typed)
        await answered(pilot, typed)
        box = app.screen.query_one("#filter")
        assert box.has_focus and box.value == typed
        await pilot.press("escape")
        await answered(pilot, "")
        assert box.value == "" and not box.has_focus
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)  # offered to delete, not typed into the filter
        assert "Family A" in str(app.screen.query_one("#question").render())
        assert box.value == ""


# ---------------------------------------------------------------- drawing


def frames_of(app) -> list[tuple[str, str]]:
    """Each frame the home screen draws from now on: (the filter then, the screen's text)."""
    screen = app.screen
    box = screen.query_one("#filter")
    frames: list[tuple[str, str]] = []
    draw = screen._compositor_refresh

    def drawn() -> None:
        draw()
        frames.append((box.value, screen_text(screen)))

    screen._compositor_refresh = drawn
    return frames


def cases_drawn(text: str) -> list[str]:
    return [case for case in ("100 sure thing", "100% sure_thing", "Famille Ø", "Family B", "Family A") if case in text]


async def test_each_key_in_the_filter_is_drawn_with_the_pods_it_matches(db_url, five, monkeypatch):
    # Drawn at once, "so" showed over the list for "s" (every pod) until the next frame.
    # The wait for the page is made long here, so the slowest machine still gets its page in time.
    monkeypatch.setattr(home, "HOLD_FOR_PAGE", WAIT)
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        frames = frames_of(app)
        await pilot.press(*"south")
        await wait_until(pilot, lambda: frames and frames[-1][0] == "south", what="the filter drawn")
        assert cases_drawn(frames[-1][1]) == ["Family A"]
        drawn = [(typed, cases_drawn(text)) for typed, text in frames]
        # (a letter typed before the last one's pods came is drawn with the next one's)
        assert set(typed for typed, _ in drawn) <= {"", "s", "so", "sou", "sout", "south"}
        assert drawn == [(typed, matching(db_url, typed)) for typed, _ in drawn]


async def test_a_slow_database_does_not_hold_back_what_is_typed(db_url, five, monkeypatch):
    app = GqPodsApp(db_url)
    gate = threading.Event()
    read = listing.SqliteList.page

    def slow_page(self, *args, **kwargs):
        gate.wait(WAIT)
        return read(self, *args, **kwargs)

    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await settled(pilot)
        assert type(app.screen._lister) is listing.SqliteList
        monkeypatch.setattr(listing.SqliteList, "page", slow_page)
        try:
            await pilot.press("slash")
            frames = frames_of(app)
            await pilot.press("s", "o")
            await wait_until(pilot, lambda: any(typed == "so" for typed, _ in frames), what="the letters drawn")
            assert not gate.is_set()  # drawn while the database has still not answered
            assert "so" in [line.strip() for line in frames[-1][1].splitlines()]
            assert len(cases_drawn(frames[-1][1])) == 5  # the list as it was, until the answer comes
            gate.set()
            await wait_until(pilot, lambda: cases_drawn(frames[-1][1]) == ["Family A"], what="the answer drawn")
        finally:
            gate.set()


async def test_a_long_filter_keeps_the_end_being_typed_in_sight(db_url, five):
    words = " ".join(f"w{n}" for n in range(40))  # 149 characters: wider than the box
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("slash", "w", "0", "space")
        await paste(pilot, words.removeprefix("w0 "))
        await answered(pilot, words)
        box_line = next(line for line in screen_text(app.screen).splitlines() if "w38 w39" in line)
        assert "w0 w1 " not in box_line
        await pilot.press("home")
        await pilot.pause()
        box_line = next(line for line in screen_text(app.screen).splitlines() if "w0 w1 " in line)
        assert "w39" not in box_line


# ---------------------------------------------------------------- damaged rows


async def test_a_pod_whose_row_cannot_be_read_is_listed_as_such(db_url, repo):
    good = repo.add_pod(full_pod(case_reference="Good"))
    bad_date = repo.add_pod(full_pod(case_reference="Bad date"))
    bad_flag = repo.add_pod(full_pod(case_reference="Bad flag"))
    bad_team = repo.add_pod(full_pod(case_reference="Bad team"))
    con = sqlite3.connect(db_file(db_url))
    con.execute("UPDATE pods SET date = 'the 40th' WHERE id = ?", (bad_date,))
    con.execute("UPDATE pods SET practice = 7 WHERE id = ?", (bad_flag,))
    con.execute("UPDATE pods SET team = x'3132' WHERE id = ?", (bad_team,))  # bytes, not text
    con.commit()
    con.close()
    app = GqPodsApp(db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        table = app.screen.query_one("#pods", PodTable)
        assert table.row_count == 4
        for pod_id in (bad_date, bad_flag, bad_team):
            assert "Cannot be read" in table.get_row(str(pod_id))
        assert "In progress" in table.get_row(str(good))
    # the repository (gq-pods list, export) says the same of each
    assert {p.id: p.status for p in repo.list_pods()} == {p.id: p.status for p in listing.EngineList(repo).page().pods}


# ---------------------------------------------------------------- the quick reader's limits


def test_the_quick_reader_reads_only_a_current_gq_pods_database_and_changes_nothing(tmp_path, db_url, repo):
    repo.add_pod(full_pod())
    assert listing.open_list(db_url) is not None

    missing = tmp_path / "missing.sqlite3"
    assert listing.open_list(f"sqlite:///{missing}") is None
    assert not missing.exists()  # not created here

    other = tmp_path / "other.sqlite3"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    not_db = tmp_path / "notes.sqlite3"
    not_db.write_text("not a database at all\n" * 100)
    for path in (other, not_db):
        before = path.read_bytes()
        assert listing.open_list(f"sqlite:///{path}") is None
        assert path.read_bytes() == before

    con = sqlite3.connect(db_file(db_url))
    for revision in ("0001", "9999"):  # older: an upgrade is due; newer: from a later gq-pods
        con.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        con.commit()
        assert listing.open_list(db_url) is None
    con.execute("UPDATE alembic_version SET version_num = ?", (HEAD,))
    con.commit()
    con.close()
    assert listing.open_list("postgresql://someone@nowhere/pods") is None


def test_a_database_upgraded_while_listed_is_not_read_with_the_old_layout(db_url, repo):
    repo.add_pod(full_pod())
    quick = listing.open_list(db_url)
    con = sqlite3.connect(db_file(db_url))
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    with pytest.raises(listing.NotCurrent):
        quick.page()
    quick.close()


async def test_a_newer_database_is_still_refused_in_plain_words(db_url, repo):
    repo.add_pod(full_pod(case_reference="Family A"))
    con = sqlite3.connect(db_file(db_url))
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: not isinstance(app.screen, HomeScreen), what="the message")
        text = "\n".join(str(w.render()) for w in app.screen.query("Static"))
        assert "newer version of gq-pods" in text
        assert app.screen_stack[0].pods == []  # nothing of it was listed


# ---------------------------------------------------------------- before the database is open


async def test_a_pod_chosen_before_the_database_is_open_opens_once_it_is(db_url, repo, monkeypatch):
    from storage.repository import Repository

    pod_id = repo.add_pod(full_pod(case_reference="Family A"))
    release = threading.Event()
    real_open = Repository.open.__func__

    def slow_open(cls, *args, **kwargs):
        release.wait(60)
        return real_open(cls, *args, **kwargs)

    monkeypatch.setattr(Repository, "open", classmethod(slow_open))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: getattr(app.screen, "loaded", False), what="the list")
        assert app.repository is None and cases(app) == ["Family A"]  # listed before the database opened
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        release.set()
        await wait_until(
            pilot, lambda: isinstance(app.screen, PodScreen) and bool(app.screen.query("#save-indicator")), what="the pod"
        )
        await pilot.pause()
        assert app.screen.pod.id == pod_id


LIGHT_START = textwrap.dedent(
    """
    import json, sys
    from screens.app import GqPodsApp

    seen = {}

    def orm():
        return sorted({m.split(".")[0] for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "alembic")})

    class Watched(GqPodsApp):
        def on_mount(self):
            super().on_mount()
            self.call_after_refresh(lambda: seen.setdefault("first frame", orm()))

        def on_home_screen_listed(self, message):
            seen["listed"] = orm()
            seen["rows"] = self.screen.query_one("#pods").row_count

        def on_gq_pods_app_repository_ready(self, message):
            super().on_gq_pods_app_repository_ready(message)
            seen["opened"] = orm()
            self.exit()

    Watched(sys.argv[1]).run(headless=True, size=(80, 24))
    print(json.dumps(seen))
    """
)


def test_the_list_is_on_the_screen_before_sqlalchemy_is_loaded(db_url, repo, gq_home):
    repo.add_pod(full_pod())
    out = subprocess.run(
        [sys.executable, "-c", LIGHT_START, db_url], capture_output=True, text=True, cwd=ROOT, check=True, timeout=120
    ).stdout
    seen = json.loads(out.strip().splitlines()[-1])
    assert seen["first frame"] == [] and seen["listed"] == []
    assert seen["rows"] == 1
    assert seen["opened"] == ["sqlalchemy"]  # and then the database opens, without Alembic


def test_gq_pods_list_json_gives_every_pod(db_url, repo, gq_home):
    repo.add_pod(full_pod())
    add_many(db_url, PAGE + 5)
    out = subprocess.run(
        [sys.executable, "-m", "gq_pods", "--db", db_url, "list", "--json"],
        capture_output=True, text=True, cwd=ROOT, check=True, timeout=120,
    ).stdout
    rows = json.loads(out)
    assert len(rows) == PAGE + 6
    assert rows[0]["case_reference"] == "Family C" and rows[-1]["case_reference"] == "Case 0"


async def test_the_chosen_row_looks_chosen_only_while_the_list_has_the_keys(db_url, repo):
    repo.add_pod(full_pod(case_reference="Family A"))
    repo.add_pod(full_pod(case_reference="Family B"))
    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        table = app.screen.query_one("#pods", PodTable)

        def look(row: int):
            return {segment.style for segment in table.render_line(row + 1)}

        chosen, other = look(0), look(1)
        assert chosen != other
        await pilot.press("slash")  # the keys go to the filter: the row is no longer lit as chosen
        assert not table.has_focus and look(0) != chosen
        await pilot.press("escape")
        assert table.has_focus and look(0) == chosen
        await pilot.press("down")
        assert look(1) == chosen and look(0) != chosen


def test_the_list_reads_text_as_the_repository_does_without_control_characters(db_url, repo):
    # written by an older release or another tool: escape sequences and bidi overrides
    pod_id = repo.add_pod(full_pod())
    con = sqlite3.connect(db_file(db_url))
    con.execute("UPDATE pods SET case_reference = ?, team = ? WHERE id = ?", ("Fam\x1b[2Jily\u202e", "T\x07eam", pod_id))
    con.commit()
    con.close()
    quick = listing.open_list(db_url)
    try:
        shown = quick.page().pods[0]
    finally:
        quick.close()
    assert (shown.case_reference, shown.team) == ("Fam[2Jily", "Team")
    assert shown == repo.list_pods()[0]
