"""The pod record as markdown: golden file, every user string readable, the rules a reader relies on.

The golden files are regenerated with GQ_PODS_UPDATE_GOLDEN=1; read the diff before committing.
"""

from __future__ import annotations

import dataclasses
import functools
import datetime as dt
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from gq_pods.model import (
    DangerStatement,
    MapItem,
    NextStep,
    Participant,
    Person,
    Pod,
    PodMap,
    Scale,
    ScaleScore,
    StageRecord,
)
from gq_pods.record import inline_text, render_markdown, render_text
from gq_pods.redact import redact_pod
from tests.factories import full_pod

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("GQ_PODS_UPDATE_GOLDEN") == "1"

# Fields that hold ids, fixed choices or keys: not text a practitioner typed.
from gq_pods.redact import NOT_TEXT  # noqa: E402
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


# ---------------------------------------------------------------- helpers shared with the other record tests


_PARSERS = {
    # strict CommonMark with GFM tables and strikethrough, raw HTML on (the worst case)
    "commonmark": MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]),
    # what Textual's Markdown widget uses
    "gfm-like": MarkdownIt("gfm-like"),
}


def commonmark() -> str:
    return "commonmark"


def gfm() -> str:
    return "gfm-like"


@functools.lru_cache(maxsize=16)
def parse(markdown: str, parser: str | None = None) -> tuple:
    return tuple(_PARSERS[parser or "commonmark"].parse(markdown))


def text_fields(obj, path="pod"):
    """(owner, field name, path) for every free-text field of a pod, in a stable order."""
    for f in dataclasses.fields(obj):
        if f.name in NOT_TEXT:
            continue
        value = getattr(obj, f.name)
        where = f"{path}.{f.name}"
        if isinstance(value, str):
            yield obj, f.name, where
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if dataclasses.is_dataclass(item):
                    yield from text_fields(item, f"{where}[{i}]")
        elif dataclasses.is_dataclass(value):
            yield from text_fields(value, where)


def shown(text: str) -> str:
    """What a reader should see for ``text``: the documented contract of the record.

    Newlines made uniform, blank lines at the start and white space at the end
    dropped, control, separator and bidirectional characters written as {U+XXXX}.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").rstrip()
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    out = []
    for ch in "\n".join(lines):
        if ch not in "\n\t" and (ch in BIDI or unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp")):
            out.append(f"{{U+{ord(ch):04X}}}")
        else:
            out.append(ch)
    return "".join(out)


def _inline_text(token) -> str:
    out = []
    for child in token.children or []:
        if child.type in ("text", "text_special", "code_inline"):
            out.append(child.content)
        elif child.type in ("hardbreak", "softbreak"):
            out.append("\n")
        elif child.type == "html_inline":
            out.append("\n" if re.fullmatch(r"<br\s*/?>", child.content) else child.content)
    return "".join(out)


def rendered_texts(markdown: str, parser: str | None = None) -> list[str]:
    """The text of each inline run (paragraph, heading, list item, table cell), as a reader sees it."""
    return [_inline_text(t) for t in parse(markdown, parser) if t.type == "inline"]


def block_structure(markdown: str, parser: str | None = None) -> list[tuple]:
    """Block tokens (type, tag, nesting, level), ignoring what is inside each inline run."""
    return [(t.type, t.tag, t.nesting, t.level) for t in parse(markdown, parser) if t.type != "inline"]


_LINE_BREAKS = {"text", "text_special", "hardbreak", "softbreak"}


def inline_structure(markdown: str) -> list[list[str]]:
    """Per inline run, the token types that are not plain text or a line break (emphasis, links, HTML...)."""
    runs = []
    for token in parse(markdown):
        if token.type != "inline":
            continue
        kinds = []
        for child in token.children or []:
            if child.type in _LINE_BREAKS:
                continue
            if child.type == "html_inline" and re.fullmatch(r"<br\s*/?>", child.content):
                continue
            kinds.append(child.type)
        runs.append(kinds)
    return runs


def assert_readable(texts: list[str], text: str, where: str = "") -> None:
    """``text`` shows, as the reader should see it, inside one inline run of ``texts`` (from rendered_texts)."""
    want = shown(text)
    if want:
        assert any(want in t for t in texts), f"{where} {want!r} is not readable in the record"


# ---------------------------------------------------------------- golden files


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, f"{name} changed: rerun with GQ_PODS_UPDATE_GOLDEN=1 and read the diff"


def test_full_pod_matches_the_golden_record():
    _golden("full_pod.md", render_markdown(full_pod()))


def test_redacted_full_pod_matches_the_golden_record():
    _golden("full_pod_redacted.md", render_markdown(redact_pod(full_pod())))


def test_golden_record_reads_the_same_in_strict_commonmark_and_in_textual():
    text = (GOLDEN / "full_pod.md").read_text(encoding="utf-8")
    assert block_structure(text, commonmark()) == block_structure(text, gfm())
    tables = [t for t in parse(text, gfm()) if t.type == "table_open"]
    assert len(tables) == 5  # statement scale, next steps, overall scale, contingencies, stages


# ---------------------------------------------------------------- what a reader sees


def test_every_user_string_of_a_full_pod_is_readable():
    pod = full_pod()
    texts = rendered_texts(render_markdown(pod))
    fields = list(text_fields(pod))
    assert len(fields) > 50
    for owner, name, where in fields:
        assert_readable(texts, getattr(owner, name), where)


def test_every_user_string_with_newlines_stays_in_its_block():
    pod = full_pod()
    for n, (owner, name, where) in enumerate(text_fields(pod)):
        setattr(owner, name, f"first {n}\nsecond {n}\n\nthird {n}")
    markdown = render_markdown(pod)
    texts = rendered_texts(markdown)
    for n, (_, _, where) in enumerate(text_fields(pod)):
        assert any(f"first {n}\nsecond {n}\n\nthird {n}" in t for t in texts), where


def test_the_record_opens_and_closes_with_its_marking():
    lines = render_markdown(full_pod()).splitlines()
    assert lines[0] == "**OFFICIAL-SENSITIVE**"
    assert lines[-1] == "**OFFICIAL-SENSITIVE**"
    assert lines[2] == "# Stuck case: Family C"


def test_sections_come_in_the_order_a_reader_expects():
    headings = [line for line in render_markdown(full_pod()).splitlines() if line.startswith("## ")]
    assert headings == [
        "## Who was there",
        "## Focus question",
        "## The child's views, in their own words",
        "## People around the child",
        "## What are we worried about?",
        "## What's working well?",
        "## What needs to happen?",
        "## Overall safety scale",
        "## Bottom lines",
        "## Contingency plan",
        "## Reflection",
        "## Time per stage",
        "## Summary for the child's file",
    ]


def test_an_empty_pod_leaves_out_empty_sections():
    markdown = render_markdown(Pod(date=dt.date(2026, 1, 5)))
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    assert headings == ["# Pod record", "## Who was there", "## Summary for the child's file"]
    assert "Monday 5 January 2026" in markdown
    assert "ideas for the presenter to take to supervision, not decisions" in markdown


def test_blank_items_are_left_out():
    pod = Pod(map=PodMap(harm=[MapItem("  "), MapItem("\n")], grey_areas=[MapItem("")]))
    markdown = render_markdown(pod)
    assert "What are we worried about?" not in markdown
    assert "Harm" not in markdown


def test_without_a_manager_next_steps_are_ideas_for_supervision():
    pod = full_pod(manager_present=False, participants=[Participant("Jo Reed", "presenter")])
    markdown = render_markdown(pod)
    assert "No manager was at the pod, so the next steps are ideas for the presenter" in markdown
    steps = markdown.split("### Next steps")[1].split("## ")[0]
    rows = [line for line in steps.splitlines() if line.startswith("| ") and "Jo Reed" in line]
    assert len(rows) == 2 and not any("Agreed" in row for row in rows)
    assert steps.count("Idea for supervision") == 2
    assert "Next steps (ideas for supervision: no manager present):" in markdown


def test_with_a_manager_agreed_steps_say_so():
    markdown = render_markdown(full_pod())
    assert "The manager, Mo Gill, was at the pod, so next steps marked Agreed are decisions." in markdown
    row = next(line for line in markdown.splitlines() if line.startswith("| Ask Pat"))
    assert "| Jo Reed " in row and "1 December 2026" in row and "Agreed" in row


def test_next_steps_table_has_what_who_when_and_status():
    cells = [t for t in parse(render_markdown(full_pod()), gfm()) if t.type == "inline"]
    texts = [t.content for t in cells]
    i = texts.index("What")
    assert texts[i : i + 5] == ["What", "Who", "By when", "Agreed or idea", "What became of it"]
    assert texts[i + 5 : i + 10] == [
        "Ask Pat to join a safety network meeting", "Jo Reed", "1 December 2026", "Agreed",
        "Not done, 2 December 2026 (JR): Pat was in hospital.",
    ]
    assert texts[i + 10 : i + 15] == [
        "Talk with Dean about the March incident", "Jo Reed", "Not set", "Idea for supervision", "Not asked yet",
    ]


def test_people_are_listed_household_first_then_family_network_professionals():
    pod = Pod(
        people=[
            Person("p1", "Prof Person", "social worker", "professional"),
            Person("p2", "Net Person", "neighbour", "network"),
            Person("p3", "Fam Person", "aunt", "family", 40),
            Person("p4", "Home Person", "child", "family", 0, True),
        ]
    )
    markdown = render_markdown(pod)
    order = [markdown.index(h) for h in ("### Living with the child", "### Family", "### Network", "### Professionals")]
    assert order == sorted(order)
    assert "- Home Person, child, under 1" in markdown
    assert "- Fam Person, aunt, age 40" in markdown
    assert "- Prof Person, social worker\n" in markdown


def test_each_danger_statement_comes_with_its_goal_and_scale():
    markdown = render_markdown(full_pod())
    statement = markdown.index("#### Danger statement 1")
    goal = markdown.index("**Safety goal 1**")
    scale = markdown.index("**Scale for danger statement 1 and its safety goal**")
    complicating = markdown.index("### Complicating factors")
    assert statement < goal < scale < complicating
    assert "| JR  | 3     | No plan yet" in markdown


def test_team_labels_rename_sections_but_keep_the_structure():
    labels = {"danger_statements": "Worry statements", "safety_goals": "Wellbeing goals", "harm": "What happened"}
    markdown = render_markdown(full_pod(), labels=labels)
    assert "### Worry statements" in markdown
    assert "#### Worry statement 1" in markdown
    assert "**Wellbeing goal 1**" in markdown
    assert "### What happened" in markdown
    assert "- Worry statement 1: The nursery" in markdown
    assert block_structure(markdown) == block_structure(render_markdown(full_pod()))


def test_team_labels_that_are_not_plain_plurals():
    labels = {"danger_statements": "Worries", "safety_goals": "Wellbeing goals"}
    markdown = render_markdown(full_pod(), labels=labels)
    assert "#### Worry 1" in markdown and "**Wellbeing goal 1**" in markdown


def test_stage_times_in_minutes_with_titles():
    pod = Pod(
        stages=[
            StageRecord("set_up", "", "", 120),
            StageRecord("worries", "My worries", "", 545),
            StageRecord("genogram", "", "", 20),
            StageRecord("skipped", "", "", 0),
            StageRecord("next_steps", "", "", 60),
        ]
    )
    markdown = render_markdown(pod, stage_titles={"set_up": "Setting up", "worries": "Worries"})
    assert "| Setting up | 2       |" in markdown
    assert "| My worries | 9       |" in markdown  # the title recorded at the pod wins
    assert "| Genogram   | under 1 |" in markdown
    assert "| Next steps | 1       |" in markdown
    assert "Skipped" not in markdown
    assert "| **Total**  | 12      |" in markdown


def test_overall_scale_shows_the_range_and_the_usual_wording_when_no_question():
    pod = Pod(scales=[Scale("overall", "", [ScaleScore("AB", 2, "r"), ScaleScore("CD", 6, "s")])])
    markdown = render_markdown(pod)
    assert "10 means everyone knows the child is safe enough" in markdown
    assert "Scores from 2 to 6." in markdown
    assert "- Overall safety scale: 2 to 6" in markdown


def test_summary_for_the_childs_file_is_short_and_plain():
    markdown = render_markdown(full_pod())
    summary = markdown.split("## Summary for the child's file\n")[1]
    lines = [line for line in summary.splitlines() if line.strip()]
    assert lines[0] == "- Pod on Friday 20 November 2026, Group Supervision Process, North Locality Team."
    assert lines[1].startswith("- Focus question: How do we help Dad")
    assert lines[2].startswith("- The child's views: Amy told the nursery")
    assert lines[3].startswith("- Danger statement 1: The nursery and Jo are worried")
    assert lines[4].startswith("- Safety goal 1: Dean and Lisa will sort out arguments calmly")
    assert lines[5].startswith("- Overall safety scale: 3 to 4")
    assert lines[6] == "- Next steps:"
    assert lines[7] == "  - Ask Pat to join a safety network meeting (Jo Reed, by 1 December 2026, agreed)"
    assert lines[9].startswith("- The manager's decision: Convene a safety network meeting")
    assert lines[10] == "- Next pod or review: Friday 18 December 2026."
    assert lines[11] == "- Record written by Sam Patel."
    assert lines[-1] == "**OFFICIAL-SENSITIVE**"
    assert len(lines) == 13


def test_statement_built_from_parts_only_is_summarised_from_them():
    pod = Pod(danger_statements=[DangerStatement("ds1", who_is_worried="School", behaviour="is worried")])
    markdown = render_markdown(pod)
    assert "- Danger statement 1: School is worried" in markdown


def test_practice_pod_is_marked():
    assert "- **Practice pod:** Yes" in render_markdown(full_pod(practice=True))
    assert "Practice pod" not in render_markdown(full_pod())


def test_next_step_owner_and_date_cells_are_escaped_too():
    pod = Pod(manager_present=True, map=PodMap(next_steps=[NextStep("a | b", "x\ny", dt.date(2026, 1, 2), "agreed")]))
    markdown = render_markdown(pod)
    cells = rendered_texts(markdown, gfm())
    assert "a | b" in cells and "x\ny" in cells
    assert [t[0] for t in block_structure(markdown)].count("tr_open") == 2


# ---------------------------------------------------------------- the escaping function


@pytest.mark.parametrize(
    "text, markdown",
    [
        ("Amy's nursery (age 3), Lisa & Pat? Yes!", "Amy's nursery (age 3), Lisa & Pat? Yes!"),
        ("# not a heading", r"\# not a heading"),
        ("1. not a list", r"1\. not a list"),
        ("10) nor this", r"10\) nor this"),
        ("- nor this", r"\- nor this"),
        ("+ nor", r"\+ nor"),
        ("> no quote", "&gt; no quote"),
        ("(a) nor pandoc's list", r"\(a) nor pandoc's list"),
        ("a) nor", r"a\) nor"),
        ("iv. nor", r"iv\. nor"),
        ("===", "&#61;=="),
        (": no definition", "&#58; no definition"),
        ("---", r"\---"),
        ("*emph* _u_ `code` ~~s~~", r"\*emph\* \_u\_ \`code\` &#126;&#126;s&#126;&#126;"),
        ("$x$ ^s^ @cite {.c}", r"&#36;x&#36; &#94;s&#94; &#64;cite \{.c\}"),
        ("https://x.org www.y.org jo@z.org", "https&#58;//x.org www&#46;y.org jo&#64;z.org"),
        ("[link](x) ![i](y)", r"\[link\](x) !\[i\](y)"),
        ("<b>bold</b> <!-- c -->", "&lt;b&gt;bold&lt;/b&gt; &lt;!-- c --&gt;"),
        ("a | b", "a &#124; b"),
        ("back\\slash", "back\\\\slash"),
        ("&amp; &#35; & ok", "&amp;amp; &amp;#35; & ok"),
        ("Title #", r"Title \#"),
        ("  two spaces", "&#32;&#32;two spaces"),
        ("\tTab", "&#9;Tab"),
        ("a\u202eb\u2066c\x07d", r"a\{U+202E\}b\{U+2066\}c\{U+0007\}d"),
        ("one\ntwo", "one\\\ntwo"),
        ("one\r\n\r\ntwo  \n", "one\\\n\\\ntwo"),
        ("\n\nafter blank lines", "after blank lines"),
    ],
)
def test_inline_text_escapes_only_what_could_be_read_as_markdown(text, markdown):
    assert inline_text(text) == markdown


def test_a_typed_newline_is_a_break_in_a_cell_and_never_a_new_row():
    assert inline_text("a\n| b |\n|---|", "<br>") == "a<br>&#124; b &#124;<br>&#124;---&#124;"


# ---------------------------------------------------------------- the house rules


def test_record_and_redaction_import_only_the_standard_library():
    code = (
        "import sys, gq_pods.record, gq_pods.redact;"
        "bad = [m for m in ('textual', 'sqlalchemy', 'markdown_it', 'rich') if m in sys.modules];"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_scores_still_hidden_are_not_shown_in_the_record():
    from gq_pods.scaling import set_mode, set_revealed

    pod = full_pod()
    set_mode(pod, "hidden")
    set_revealed(pod, "overall", False)
    set_revealed(pod, "ds1", False)
    text = render_markdown(pod)
    assert "hidden until the group reveals them" in text
    assert "Lisa acts to protect Amy" not in text  # reasons come with the numbers
    assert "Overall safety scale: 3 to 4" not in text
    set_revealed(pod, "overall", True)
    set_revealed(pod, "ds1", True)
    shown = render_markdown(pod)
    assert "Lisa acts to protect Amy" in shown and "hidden until" not in shown


def test_an_untitled_pod_is_headed_by_its_case_reference():
    assert render_markdown(full_pod(title="")).splitlines()[2] == "# Pod record: Family C"
    assert render_markdown(full_pod(title="", case_reference="")).splitlines()[2] == "# Pod record"


# ---------------------------------------------------------------- what a facilitator missed


def test_the_childs_own_words_the_author_and_the_next_review_are_in_the_record():
    text = render_markdown(full_pod())
    assert "## The child's views, in their own words" in text
    assert 'Amy told the nursery: "I hide under the table when Daddy shouts."' in text
    assert "- **Record written by:** Sam Patel" in text
    assert "- **Next pod or review:** Friday 18 December 2026" in text
    plain_text = render_text(full_pod())
    assert "- Record written by: Sam Patel" in plain_text and "- Next pod or review: Friday 18 December 2026" in plain_text


def test_the_presenters_story_has_its_own_place_after_the_focus_question():
    story = "Open since May.\nQ: who else lives there? A: Gran, at weekends."
    pod = full_pod(stages=[StageRecord("set_up", "Set-up", "Initials only.", 120),
                           StageRecord("story", "The presenter's story", story, 240)])
    text = render_markdown(pod)
    heading = text.index("## The presenter's story and the group's questions")
    assert text.index("## Focus question") < heading < text.index("## The child's views")
    section = text[heading:text.index("## The child's views")]
    assert "Open since May.\\\nQ: who else lives there? A: Gran, at weekends." in section  # its lines kept
    timings = text[text.index("## Time per stage"):]
    assert "Initials only." in timings and "Open since May" not in timings  # said once, in its place
    assert re.search(r"\| The presenter's story \| 4 +\| +\|", timings)
    plain_text = render_text(pod)
    assert "The presenter's story and the group's questions" in plain_text and "Gran, at weekends." in plain_text
    # a team's own stage for the story (its key is the team's): the team's plan names it
    renamed = full_pod(stages=[StageRecord("case_story", "The case", story, 240)])
    assert "## The presenter's story" not in render_markdown(renamed)
    assert "## The presenter's story" in render_markdown(renamed, story_stages={"case_story"})


def test_the_managers_decision_is_recorded_only_when_the_manager_was_there():
    decision = "Convene a safety network meeting with Pat before the review"
    assert f"- **The manager's decision:** {decision}" in render_markdown(full_pod())
    for render in (render_markdown, render_text):
        without = full_pod(manager_present=False)
        assert decision not in render(without)
