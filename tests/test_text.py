"""User text reaches the screen literally, and reaches files and JSON output without controls."""

import json
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from gq_pods.text import clean, clean_all, escape_json, to_json
from screens.text import cell, plain, visible


@given(st.text())
def test_plain_keeps_every_printable_character_as_typed(text):
    shown = plain(text).plain
    assert shown == visible(text)
    for ch in text:
        if ch.isprintable() or ch in "\n\t":
            assert ch in shown


def test_markup_and_control_characters_are_text():
    assert plain("Mum [/] left").plain == "Mum [/] left"
    assert plain("[@click=app.quit]x[/]").plain == "[@click=app.quit]x[/]"
    assert visible("a\x1b[31mb") == "a\\x1b[31mb"
    assert plain("x", "bold").plain == "x"
    assert cell("two\nlines").plain == "two lines"


async def test_notices_show_typed_text_literally(db_url):
    from screens.app import GqPodsApp
    from tests.pilot import ready

    app = GqPodsApp(db_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        app.screen.notify("Draft added for [b]JR[/b] [@click=app.quit]x")
        await pilot.pause()
        shown = [str(n.message) for n in app._notifications]
        assert shown == ["Draft added for [b]JR[/b] [@click=app.quit]x"]
        assert all(not n.markup for n in app._notifications)
        assert app.is_running


# ---------------------------------------------------------------- gq_pods.text: cleaning and escaping

REMOVED = {chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x80, 0xA0))}
REMOVED |= set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Text made mostly of the characters that matter here, with anything else mixed in.
TROUBLE = st.text(st.sampled_from(sorted(REMOVED | set("\r\n\tab\u200e\u2028\x7f\u05d0"))) | st.characters())


def expected_clean(text: str) -> str:
    """The contract's rule, one character at a time."""
    out = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\r":
            out.append("\n")
            if text[i + 1 : i + 2] == "\n":
                i += 1
        elif ch not in REMOVED:
            out.append(ch)
        i += 1
    return "".join(out)


@given(TROUBLE)
def test_clean_removes_controls_and_overrides_and_keeps_the_rest(text):
    cleaned = clean(text)
    assert cleaned == expected_clean(text)
    assert not set(cleaned) & (REMOVED | {"\r"})
    assert clean(cleaned) == cleaned


def test_clean_examples():
    assert clean("Mum\r\nDad\rGran\n") == "Mum\nDad\nGran\n"
    assert clean("a\x1b]52;c;aGk=\x07b") == "a]52;c;aGk=b"  # the escape is gone, its harmless letters stay
    assert clean("\x9b2J\u202eevil\u2066x\u2069") == "2Jevilx"
    assert clean("tab\there, ok \u200e\u05d0 \U0001f600") == "tab\there, ok \u200e\u05d0 \U0001f600"


@given(st.recursive(st.none() | st.integers() | TROUBLE, lambda inner: st.lists(inner) | st.dictionaries(TROUBLE, inner)))
def test_clean_all_cleans_every_string_and_key(value):
    cleaned = clean_all(value)

    def strings(v):
        if isinstance(v, str):
            yield v
        elif isinstance(v, list):
            for x in v:
                yield from strings(x)
        elif isinstance(v, dict):
            for k, x in v.items():
                yield k
                yield from strings(x)

    assert all(s == clean(s) for s in strings(cleaned))
    assert json.dumps(clean_all(cleaned)) == json.dumps(cleaned)


def test_clean_all_walks_deeper_than_recursion_allows():
    deep: object = "\x1b[2J"
    for _ in range(5000):
        deep = [deep]
    out = clean_all(deep)
    for _ in range(5000):
        out = out[0]
    assert out == "[2J"


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
def test_json_output_reads_back_the_same_and_holds_no_raw_controls(value):
    text = to_json(value)
    assert json.loads(text) == value
    for ch in text:
        assert ch == "\n" or ch.isprintable() or unicodedata.category(ch) in ("Cf", "Co", "Cn", "Zs"), repr(ch)
        assert ch not in REMOVED and ch not in "\x7f\u2028\u2029\u200e\u200f\u061c\r"


def test_json_output_keeps_ordinary_unicode_readable():
    assert to_json(["Zoë", "\u05d0", "\U0001f600"], indent=None) == '["Zoë", "\u05d0", "\U0001f600"]'
    assert escape_json('"a\x85b\u202ec"') == '"a\\u0085b\\u202ec"'


# ---------------------------------------------------------------- team settings come in cleaned


@given(label=TROUBLE.filter(lambda t: clean(t).strip()), noise=st.text(st.sampled_from(sorted(REMOVED))), title=TROUBLE)
def test_team_settings_are_cleaned_like_pod_files(label, noise, title):
    from gq_pods.teamconfig import parse_team_config

    raw = json.dumps({
        "labels": {"harm": label},
        "jargon": [f"F{noise}II"],
        "stages": {"group_supervision": [{"key": "set_up", "title": title}]},
    })  # fmt: skip
    config = parse_team_config(raw)
    assert config.labels["harm"] == clean(label).strip()
    assert config.jargon == ["FII"]  # cleaned before it is checked, so not refused as a control
    assert config.stages["group_supervision"][0]["title"] == clean(title)


def test_settings_file_is_cleaned(tmp_path):
    from gq_pods.settings import load_settings

    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"theme\x1b": "textual-dark\x9b\u202e"}), encoding="utf-8")
    assert load_settings(path) == {"theme": "textual-dark"}
