"""User text in the record is inert in every common markdown renderer.

The record is opened in whatever a reader has: a CommonMark viewer (markdown-it),
Python-Markdown, mistune, pandoc. Whatever a practitioner typed (script tags,
images with handlers, javascript: links, raw HTML blocks, autolinks, pandoc's
attributes and spans), each renderer must make from it no element, attribute or
link of its own: the HTML of a hostile record has the same elements as the HTML
of the same record with every text replaced by a plain word.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser

import markdown as python_markdown
import mistune
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from gq_pods.model import MapItem, NextStep
from gq_pods.record import inline_text, render_markdown
from tests.factories import full_pod
from tests.test_record import text_fields
from tests.test_record_hostile import hostile_text

def _pandoc_path() -> str | None:
    """The pandoc the test extras install (pypandoc_binary), else one on the PATH."""
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return shutil.which("pandoc")


PANDOC = _pandoc_path()


def _pandoc(fmt: str):
    def render(text: str) -> str:
        out = subprocess.run(
            [PANDOC, "-f", fmt, "-t", "html"], input=text, capture_output=True, text=True, check=True, timeout=60
        )
        return out.stdout

    return render


RENDERERS = {
    "markdown-it (CommonMark, raw HTML on)": MarkdownIt("commonmark", {"html": True}).enable("table").render,
    "Python-Markdown": python_markdown.markdown,
    "Python-Markdown with tables": lambda text: python_markdown.markdown(text, extensions=["tables"]),
    "mistune (HTML not escaped)": mistune.create_markdown(escape=False, plugins=["table", "strikethrough"]),
    "pandoc markdown": _pandoc("markdown"),
    "pandoc GFM": _pandoc("gfm"),
}
NEEDS_PANDOC = {"pandoc markdown", "pandoc GFM"}

# What the record itself is made of; anything else came from user text.
RECORD_TAGS = {"p", "h1", "h2", "h3", "h4", "ul", "li", "strong", "table", "thead", "tbody", "tr", "th", "td", "br",
               "colgroup", "col"}
HARMLESS_ATTRIBUTES = {"style", "align", "class", "id", "width"}  # table alignment, pandoc's row classes and heading ids

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "[x](javascript:alert(1))",
    "[x]: javascript:alert(1)",
    "![i](javascript:alert(1))",
    "<div>\n\n<b>raw block</b>\n\n</div>",
    "<https://x.example/>",
    "<jo@x.example>",
    "<svg/onload=alert(1)>",
    "<!-- hidden -->",
    "<iframe src=x>",
    "&lt;script&gt;",
    "{onclick=alert(1)}",
    "[x]{onclick=alert(1)}",
    "[ ] a tick box?",  # pandoc's task lists: a box a reader could tick
    "[x] ticked?",
    "[X]\tticked?",
    "# Title {onclick=alert(1)}",
    "$x$",
    "@smith",
    "^sup^",
    "~sub~",
    "(a) ",
    "a) ",
    "B.  ",
    "iv. ",
    ":::",
    "::: {.x}",
    "| line",
    "+---+---+",
    "x\n: def",
    "`<b>`{=html}",
    "\\(x\\)",
    "^[note]",
    "javascript:alert(1)",
]
hostile_strings = st.lists(st.one_of(st.sampled_from(HOSTILE), hostile_text), min_size=1, max_size=4).map("".join)


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(attrs)))

    handle_startendtag = handle_starttag


def elements(html: str) -> list[tuple[str, tuple]]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.tags


def _plain(text: str) -> str:
    return "x" if text.strip() else ""


def assert_inert(render, hostile_markdown: str, harmless_markdown: str) -> None:
    found = elements(render(hostile_markdown))
    made_by_record = elements(render(harmless_markdown))
    live = [(tag, attrs) for tag, attrs in found if tag not in RECORD_TAGS]
    assert live == [], f"user text made elements: {live}"
    attributes = [(tag, name, value) for tag, attrs in found for name, value in attrs
                  if name not in HARMLESS_ATTRIBUTES]
    assert attributes == [], f"user text made attributes: {attributes}"
    # no more lists, headings, tables or bold than the record makes itself (line breaks,
    # paragraphs and pandoc's column widths follow the length and lines of the text)
    def shape(tags):
        return Counter(tag for tag, attrs in tags if tag not in ("br", "p", "colgroup", "col"))

    assert shape(found) == shape(made_by_record)


def _renderer(name: str):
    if name in NEEDS_PANDOC and PANDOC is None:
        pytest.skip("pandoc is not installed")
    return RENDERERS[name]


def _every_snippet(text_of) -> str:
    """The full pod with each hostile snippet in a map item, a next step's owner and the title."""
    pod = full_pod(title=text_of("{onclick=alert(1)} <script>alert(1)</script>"))
    pod.map.harm = [MapItem(text_of(text)) for text in HOSTILE]
    pod.map.next_steps = [NextStep("x", text_of(text)) for text in HOSTILE]  # table cells
    pod.focus_question = text_of("\n".join(HOSTILE))
    return render_markdown(pod)


@pytest.mark.parametrize("name", RENDERERS)
def test_each_hostile_snippet_is_inert_in_map_items_cells_and_titles(name):
    assert_inert(_renderer(name), _every_snippet(str), _every_snippet(_plain))


def _hostile_and_harmless(data) -> tuple[str, str]:
    hostile = full_pod()
    for owner, field, _ in text_fields(hostile):
        setattr(owner, field, data.draw(hostile_strings))
    harmless = copy.deepcopy(hostile)
    for owner, field, _ in text_fields(harmless):
        setattr(owner, field, _plain(getattr(owner, field)))
    return render_markdown(hostile), render_markdown(harmless)


@pytest.mark.parametrize("name", [name for name in RENDERERS if name not in NEEDS_PANDOC])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_hostile_text_in_every_field_is_inert(name, data):
    assert_inert(RENDERERS[name], *_hostile_and_harmless(data))


@pytest.mark.parametrize("name", sorted(NEEDS_PANDOC))
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_hostile_text_in_every_field_is_inert_in_pandoc(name, data):
    """Fewer examples: each one runs pandoc twice."""
    assert_inert(_renderer(name), *_hostile_and_harmless(data))


@pytest.mark.parametrize("text, html", [("<script>", "&lt;script&gt;"), ("a & b", "a & b"), ("&amp;", "&amp;amp;")])
def test_angle_brackets_and_references_are_written_as_entities(text, html):
    assert inline_text(text) == html
