"""Hostile text can never change the record's structure, and always shows as the text it is.

A pod whose every text field (and the team's labels and stage titles) is built from
markdown, HTML, control and bidirectional characters and newlines is rendered, parsed
with markdown-it-py and compared with the same pod whose text is the plain word 'x'.
"""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gq_pods.model import SECTION_LABELS, Draft
from gq_pods.record import render_markdown
from tests.factories import full_pod
from tests.test_record import (
    assert_readable,
    block_structure,
    commonmark,
    gfm,
    inline_structure,
    rendered_texts,
    text_fields,
)

ALPHABET = (
    "#1.)-+*|>=`~_\\<[]()!:&;/{}\"'$^@%,?"
    " \t\n\r\u00a0\u3000"
    "\x00\x07\x0b\x0c\x1b\x1c\x7f\x85\u2028\u2029"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u200b"
    "aAx09é\u05d0\U0001f600"
)
SNIPPETS = [
    "# ",
    "## x",
    "1. ",
    "2) ",
    "- ",
    "+ ",
    "* ",
    "> ",
    "= ",
    "===",
    "---",
    "***",
    "___",
    "```",
    "~~~",
    "    ",
    "\t",
    "| a | b |\n|---|---|\n| c | d |",
    "|---|",
    "<b>",
    "</b>",
    "<!--",
    "-->",
    "<br>",
    "<div>",
    "<script>alert(1)</script>",
    "<http://x.org>",
    "[link](x)",
    "![i](x)",
    "[x]: /url",
    "[^1]",
    "*emph*",
    "**bold**",
    "_u_",
    "~~s~~",
    "`code`",
    "\\",
    "\\\n",
    "  \n",
    "&amp;",
    "&#32;",
    "&#x2D;",
    "{U+202E}",
    "[ ] ",
    ": ",
    "\n\n",
    "\r\n",
    "Amy's",
]

hostile_text = st.lists(
    st.one_of(st.sampled_from(SNIPPETS), st.text(ALPHABET, min_size=1, max_size=4)),
    max_size=8,
).map("".join)


def _plain(text: str) -> str:
    return "x" if text.strip() else ""


@st.composite
def hostile_pods(draw):
    """(hostile pod, plain pod, hostile labels, plain labels, hostile stage titles, plain stage titles)."""
    hostile = full_pod()
    for owner, name, _ in text_fields(hostile):
        setattr(owner, name, draw(hostile_text))
    plain = copy.deepcopy(hostile)
    for owner, name, _ in text_fields(plain):
        setattr(owner, name, _plain(getattr(owner, name)))
    labels = {key: draw(hostile_text) for key in SECTION_LABELS}
    stage_titles = {stage.key: draw(hostile_text) for stage in hostile.stages}
    return (
        hostile,
        plain,
        labels,
        {k: _plain(v) for k, v in labels.items()},
        stage_titles,
        {k: _plain(v) for k, v in stage_titles.items()},
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_pods())
def test_hostile_text_never_changes_the_structure_and_shows_as_itself(case):
    hostile, plain, labels, plain_labels, titles, plain_titles = case
    dangerous = render_markdown(hostile, labels=labels, stage_titles=titles)
    harmless = render_markdown(plain, labels=plain_labels, stage_titles=plain_titles)

    for parser in (commonmark(), gfm()):
        assert block_structure(dangerous, parser) == block_structure(harmless, parser)
    # no emphasis, links, code, images or HTML from the practitioner's text, only from the record's own
    assert inline_structure(dangerous) == inline_structure(harmless)

    texts = rendered_texts(dangerous)
    for owner, name, where in text_fields(hostile):
        if isinstance(owner, Draft) and name == "author" and not owner.text.strip():
            continue  # a draft with no text is left out, and its author with it
        assert_readable(texts, getattr(owner, name), where)


@settings(max_examples=50, deadline=None)
@given(hostile_text)
def test_hostile_focus_question_is_one_paragraph_of_exactly_that_text(text):
    pod = full_pod(focus_question=text)
    markdown = render_markdown(pod)
    assert block_structure(markdown) == block_structure(render_markdown(full_pod(focus_question=_plain(text))))
    assert_readable(rendered_texts(markdown), text)
    # the record's first line is always the marking, whatever the title says
    assert render_markdown(full_pod(title=text)).startswith("**OFFICIAL-SENSITIVE**\n\n# ")
