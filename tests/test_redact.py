"""Redaction: every name of the people around the child becomes a stable token; staff stay."""

from __future__ import annotations

import copy
import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from gq_pods.model import MapItem, NextStep, Participant, Person, Pod, PodMap
from gq_pods.record import render_markdown
from gq_pods.redact import redact_pod, redaction_preview, redaction_tokens
from tests.factories import full_pod
from tests.test_record import text_fields

FULL_POD_TOKENS = {
    "p1": "Child A",
    "p2": "Adult 1",
    "p3": "Adult 2",
    "p4": "Adult 3",
    "p5": "Professional 1",
}


def name_parts(name: str) -> list[str]:
    """Every part of a name a reader could recognise someone by (two letters or more)."""
    parts = [name] + re.split(r"[\s\-]+", name)
    return [p for p in parts if sum(ch.isalpha() for ch in p) >= 2]


def names_left(text: str, people: list[Person]) -> list[str]:
    """Name parts that still appear in ``text`` as whole words, in any case."""
    return [
        part
        for person in people
        for part in name_parts(person.name)
        if re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text, re.IGNORECASE)
    ]


def pod_with(people: list[Person], text: str = "", **fields) -> Pod:
    return Pod(people=people, map=PodMap(harm=[MapItem(text)]), **fields)


def redacted_harm(people: list[Person], text: str) -> str:
    return redact_pod(pod_with(people, text)).map.harm[0].text


CARTERS = [
    Person("p1", "Amy Carter", "child", "family", 3),
    Person("p2", "Dean Carter", "father", "family", 31),
    Person("p3", "Pat Jones", "grandmother", "network", 58),
]


# ---------------------------------------------------------------- tokens


def test_full_pod_tokens():
    assert redaction_tokens(full_pod()) == FULL_POD_TOKENS


def test_tokens_are_stable():
    assert redaction_tokens(full_pod()) == redaction_tokens(full_pod())
    assert redaction_tokens(copy.deepcopy(full_pod())) == FULL_POD_TOKENS
    assert render_markdown(redact_pod(full_pod())) == render_markdown(redact_pod(full_pod()))


def test_who_counts_as_a_child():
    people = [
        Person("a", "A One", "son", "family"),  # by relationship, age unknown
        Person("b", "B Two", "half-sister", "family", 7),  # by age
        Person("c", "C Three", "friend", "network", 12),  # a child in the network is still a child
        Person("d", "D Four", "unborn baby", "family"),
        Person("e", "E Five", "brother", "family", 19),
        Person("f", "F Six", "school nurse", "professional", 17),
        Person("g", "G Seven", "stepdaughter", "family", None),
    ]
    assert list(redaction_tokens(Pod(people=people)).values()) == [
        "Child A",
        "Child B",
        "Child C",
        "Child D",
        "Adult 1",
        "Professional 1",
        "Child E",
    ]


def test_after_child_z_comes_child_aa():
    people = [Person(f"c{i}", f"Kid{i}", "child", "family", 5) for i in range(28)]
    tokens = list(redaction_tokens(Pod(people=people)).values())
    assert tokens[25:] == ["Child Z", "Child AA", "Child AB"]


# ---------------------------------------------------------------- what is replaced


def test_every_part_in_any_case_with_possessives():
    text = "AMY's nursery; amy cried; Amy Carter's coat; DEAN said; jones and Pat's house"
    assert redacted_harm(CARTERS, text) == (
        "Child A's nursery; Child A cried; Child A's coat; Adult 1 said; Adult 2 and Adult 2's house"
    )


def test_whole_words_only():
    text = "Amyl nitrite, Deanna, Patrick, patted, Carterton, Jonesy"
    assert redacted_harm(CARTERS, text) == text


def test_letters_alone_make_a_word():
    text = "amy_carter, Amy2, pat-jones, (Dean), Dean/Lisa"
    assert redacted_harm(CARTERS, text) == "Child A_Family 1, Child A2, Adult 2-Adult 2, (Adult 1), Adult 1/Lisa"


def test_plurals_of_name_parts():
    assert redacted_harm(CARTERS, "the Joneses; the Carters") == "the Adult 2; the Family 1"


def test_any_apostrophe_and_accents_typed_either_way():
    people = [Person("p1", "Siobhan O'Neil", "mother", "family", 30), Person("p2", "Zoë Ng", "child", "family", 4)]
    text = "O’Neil, o'neil's, Neil, Zoe\u0308, ZOË’s, Ng"
    assert redacted_harm(people, text) == "Adult 1, Adult 1's, Adult 1, Child A, Child A’s, Child A"


def test_longer_names_are_replaced_before_their_parts():
    assert redacted_harm(CARTERS, "Amy Carter and Dean\nCarter") == "Child A and Adult 1"


def test_a_shared_surname_becomes_the_family_token():
    text = "Mr Carter; the Carters; the Carters' house; CARTER's car"
    assert redacted_harm(CARTERS, text) == "Mr Family 1; the Family 1; the Family 1' house; Family 1's car"
    assert ("Carter", "Family 1") in redaction_preview(pod_with(CARTERS))


def test_a_shared_first_name_names_everyone_it_could_be():
    people = [Person("p1", "Dean Carter", "father", "family", 31), Person("p2", "Dean Smith", "uncle", "family", 40)]
    assert redacted_harm(people, "Dean said") == "Adult 1 or Adult 2 said"


def test_hyphenated_names_and_titles():
    people = [
        Person("p1", "Mary-Jane Smith-Jones", "mother", "family", 30),
        Person("p2", "Mrs Begum", "health visitor", "professional"),
    ]
    text = "Mary-Jane, Mary, jane, SMITH, Jones, Mrs Begum, Begum's; Mrs Brown stays"
    assert redacted_harm(people, text) == (
        "Adult 1, Adult 1, Adult 1, Adult 1, Adult 1, Professional 1, Professional 1's; Mrs Brown stays"
    )


def test_staff_stay_and_text_about_them_is_untouched():
    pod = full_pod()
    redacted = redact_pod(pod)
    assert redacted.participants == pod.participants
    assert redacted.map.next_steps[0].owner == "Jo Reed"
    assert redacted.danger_statements[0].text.startswith("The nursery and Jo are worried")
    assert redacted.scales[0].scores[0].who == "JR"


def test_people_get_their_tokens_and_keep_the_rest():
    redacted = redact_pod(full_pod())
    assert [p.name for p in redacted.people] == list(FULL_POD_TOKENS.values())
    assert [p.relationship for p in redacted.people] == [p.relationship for p in full_pod().people]
    assert [p.id for p in redacted.people] == list(FULL_POD_TOKENS)


def test_every_text_field_of_the_record_is_redacted():
    pod = full_pod()
    for n, (owner, name, where) in enumerate(text_fields(pod)):
        if not where.startswith("pod.people") or name != "name":
            setattr(owner, name, f"Amy and Lisa Carter's {n}")
    pod.extra = {"note": ["Dean was there"], "nested": {"who": "Pat Jones"}}
    redacted = redact_pod(pod)
    for n, (owner, name, where) in enumerate(text_fields(redacted)):
        value = getattr(owner, name)
        if where.startswith("pod.participants"):
            assert value == f"Amy and Lisa Carter's {n}", where  # staff are never changed
        elif where.endswith(".name") and where.startswith("pod.people"):
            assert value in FULL_POD_TOKENS.values(), where
        elif where == "pod.case_reference":
            assert value == "(withheld)"  # may be a case-system number
        else:
            assert value == f"Child A and Adult 2's {n}", where
    assert redacted.extra == {"note": ["Adult 1 was there"], "nested": {"who": "Adult 3"}}


def test_the_original_pod_is_not_changed():
    pod = full_pod()
    before = copy.deepcopy(pod)
    redact_pod(pod)
    assert pod == before


def test_ids_and_choices_are_kept():
    pod = full_pod()
    redacted = redact_pod(pod)
    for a, b in ((pod, redacted),):
        assert (b.style, b.case_reason, b.status, b.current_stage) == (a.style, a.case_reason, a.status, a.current_stage)
        assert [s.about for s in b.scales] == [s.about for s in a.scales]
        assert [g.danger_statement for g in b.safety_goals] == [g.danger_statement for g in a.safety_goals]
        assert [s.key for s in b.stages] == [s.key for s in a.stages]
        assert b.map.next_steps[0].due == a.map.next_steps[0].due


def test_a_pod_without_people_is_unchanged_but_for_its_case_reference_wherever_written():
    pod = full_pod(people=[])
    redacted = redact_pod(pod)
    assert redacted.case_reference == "(withheld)"
    assert redacted.title == "Stuck case: (withheld)"  # the reference is withheld wherever it is written
    redacted.case_reference, redacted.title = pod.case_reference, pod.title
    assert redacted == pod
    assert redaction_preview(pod) == []


# ---------------------------------------------------------------- the export


def test_no_name_is_left_in_the_redacted_record_of_a_full_pod():
    pod = full_pod()
    markdown = render_markdown(redact_pod(pod))
    assert names_left(markdown, pod.people) == []
    for token in FULL_POD_TOKENS.values():
        assert token in markdown
    # staff are still there
    for participant in pod.participants:
        assert participant.name in markdown


def test_the_key_is_never_in_the_redacted_record():
    markdown = render_markdown(redact_pod(full_pod()))
    for name, token in redaction_preview(full_pod()):
        assert f"{name} -> {token}" not in markdown
        assert not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", markdown, re.IGNORECASE)


def test_preview_lists_what_will_change_full_names_first():
    preview = redaction_preview(full_pod())
    assert preview[:5] == [
        ("Amy Carter", "Child A"),
        ("Dean Carter", "Adult 1"),
        ("Lisa Carter", "Adult 2"),
        ("Pat Jones", "Adult 3"),
        ("Mrs Begum", "Professional 1"),
    ]
    assert ("Amy", "Child A") in preview and ("Begum", "Professional 1") in preview
    assert ("Mrs", "Professional 1") not in preview
    assert redaction_preview(full_pod()) == preview  # stable


# ---------------------------------------------------------------- any names, any text

NAMES = ["Amy", "Dean", "Lisa", "Pat", "Jo", "Kai", "Zoë", "Siobhan", "O'Neil", "Carter", "Jones", "Ng", "Begum", "Smith-Jones"]
FILLER = ["and", "said", "the", "house", "with", "Amyl", "Deanna", "Patrick", "Jo's", "Mrs", "'s", "\n", ",", "-", "#", "*"]


@st.composite
def people_and_text(draw):
    count = draw(st.integers(1, 5))
    people = []
    for i in range(count):
        name = " ".join(draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3)))
        kind = draw(st.sampled_from(["family", "network", "professional"]))
        age = draw(st.one_of(st.none(), st.integers(0, 90)))
        people.append(Person(f"p{i}", name, draw(st.sampled_from(["", "child", "mother", "friend"])), kind, age))
    words = []
    for _ in range(draw(st.integers(0, 25))):
        if draw(st.booleans()):
            person = draw(st.sampled_from(people))
            part = draw(st.sampled_from(name_parts(person.name)))
            case = draw(st.sampled_from([str, str.upper, str.lower, str.title]))
            words.append(case(part) + draw(st.sampled_from(["", "'s", "’s", ".", ","])))
        else:
            words.append(draw(st.sampled_from(FILLER)))
    return people, " ".join(words)


@settings(max_examples=100, deadline=None)
@given(people_and_text())
def test_no_name_part_survives_redaction(case):
    people, text = case
    participants = [Participant("Jo Reed", "presenter")]
    pod = pod_with(people, text, focus_question=text, participants=participants)
    pod.map.next_steps = [NextStep(text, text)]
    redacted = redact_pod(pod)
    markdown = render_markdown(redacted)
    assert names_left(markdown.replace("Jo Reed", ""), people) == []
    assert redacted.participants == participants
    assert redaction_tokens(pod) == redaction_tokens(copy.deepcopy(pod))
    # whole words only: the filler that merely contains a name is still there
    for word in ("Amyl", "Deanna", "Patrick"):
        if word in text and not any(p.casefold() == word.casefold() for person in people for p in name_parts(person.name)):
            assert word in redacted.map.harm[0].text


def test_the_case_reference_is_withheld_when_redacting():
    from gq_pods.redact import CASE_WITHHELD, redact_pod
    from tests.factories import full_pod

    pod = full_pod(case_reference="CS-204417")
    redacted = redact_pod(pod)
    assert redacted.case_reference == CASE_WITHHELD
    assert pod.case_reference == "CS-204417"
    from gq_pods.record import render_markdown

    assert "204417" not in render_markdown(redacted)


# ---------------------------------------------------------------- initials, however short

T_AND_S = [
    Person("p1", "T", "child", "family", 9),
    Person("p2", "S", "mum's partner", "family", 34),
    Person("p3", "KM", "mother", "family", 31),
]


def test_single_letter_initials_are_replaced_wherever_they_appear():
    text = "Bruises on T's arm. T told the teacher 'S squeezed me'. T’s sister saw S, and KM (T's mum) too."
    pod = pod_with(T_AND_S, text, title="T and S", focus_question="How do we keep T safe from S?")
    redacted = redact_pod(pod)
    assert redacted.map.harm[0].text == (
        "Bruises on Child A's arm. Child A told the teacher 'Adult 1 squeezed me'. Child A’s sister saw "
        "Adult 1, and Adult 2 (Child A's mum) too."
    )
    assert redacted.title == "Child A and Adult 1"
    assert redacted.focus_question == "How do we keep Child A safe from Adult 1?"
    markdown = render_markdown(redacted)
    assert not re.search(r"(?<![\w-])[TS](?![\w-])(?!’)", markdown.replace("Child A", "").replace("Adult 1", ""))


def test_a_single_letter_is_a_name_only_as_a_whole_word_in_its_own_case():
    text = "t s IT'S DON'T T-shirt X-T S47 at the S-bend, the tests, but S. and (T) and T: and T/S are names"
    assert redacted_harm(T_AND_S, text) == (
        "t s IT'S DON'T T-shirt X-T S47 at the S-bend, the tests, but Adult 1. and (Child A) and Child A: "
        "and Child A/Adult 1 are names"
    )


def test_initials_of_two_letters_are_matched_in_any_case_and_with_dots():
    text = "KM said; km's flat; K.M. agreed; K. M. too; KMS and kilometres stay"
    assert redacted_harm(T_AND_S, text) == "Adult 2 said; Adult 2's flat; Adult 2 agreed; Adult 2 too; KMS and kilometres stay"


def test_dotted_initials_in_the_people_list_are_matched_with_or_without_dots():
    people = [Person("p1", "K.M.", "mother", "family", 31), Person("p2", "J. T.", "child", "family", 4)]
    text = "K.M. and KM and K M; J.T. and JT; J said T cried"
    assert redacted_harm(people, text) == "Adult 1 and Adult 1 and Adult 1; Child A and Child A; Child A said Child A cried"


def test_one_letter_names_that_are_english_words_are_warned_about():
    from gq_pods.redact import redaction_warnings

    assert redaction_warnings(pod_with(T_AND_S)) == []
    pod = pod_with([Person("p1", "A", "child", "family", 5), Person("p2", "I Smith", "father", "family", 40)])
    warnings = redaction_warnings(pod)
    assert len(warnings) == 2
    assert "\"A\"" in warnings[0] and "Child A" in warnings[0] and "English word" in warnings[0]
    assert "\"I\"" in warnings[1] and "Adult 1" in warnings[1]
    # the letters are still replaced: hiding too much is safer than showing a name
    assert redacted_harm(pod.people, "A said I hit her") == "Child A said Adult 1 hit her"


# ---------------------------------------------------------------- the case reference


def test_the_case_reference_is_withheld_everywhere_in_the_record():
    pod = full_pod(case_reference="CS-123456", title="CS-123456: stuck")
    pod.map.harm[0].text = "See cs 123456 and CS123456, file 123456; CS-1234567 is another case"
    pod.map.next_steps[0].owner = "Jo (CS-123456)"
    pod.danger_statements[0].text = "About CS-123456."
    redacted = redact_pod(pod)
    assert redacted.title == "(withheld): stuck"
    assert redacted.map.harm[0].text == "See (withheld) and (withheld), file (withheld); CS-1234567 is another case"
    assert redacted.map.next_steps[0].owner == "Jo ((withheld))"
    assert redacted.danger_statements[0].text == "About (withheld)."
    markdown = render_markdown(redacted)
    assert "123456" not in markdown.replace("1234567", "")


def test_a_case_reference_that_is_a_family_name_is_withheld_as_a_whole():
    redacted = redact_pod(full_pod())  # case reference "Family C", title "Stuck case: Family C"
    assert redacted.title == "Stuck case: (withheld)"
    assert "Family C" not in render_markdown(redacted)


# ---------------------------------------------------------------- any names, any text, any length

_LETTERS = st.characters(categories=["Lu", "Ll"]).filter(
    lambda c: len(c.upper()) == 1 and len(c.lower()) == 1 and c.upper().lower() == c.lower()
    and unicodedata.normalize("NFC", c) == c
)
_name_word = st.one_of(
    st.text(_LETTERS, min_size=1, max_size=6).map(str.title),
    _LETTERS.map(str.upper),  # an initial
)


def _forms(part: str) -> list[str]:
    """How a name part may appear in text: a single letter only as written, longer parts in any case."""
    if len(part) == 1:
        return [part]
    return [part, part.upper(), part.lower(), part.title()]


def _survivors(text: str, people: list[Person], tokens: list[str]) -> list[str]:
    """Name parts still readable as whole words in ``text`` once the tokens are taken out."""
    for token in sorted(tokens, key=len, reverse=True):
        text = text.replace(token, " ")
    left = []
    for person in people:
        for part in person.name.split():
            if len(part) == 1:
                # alone: not inside a word (DON'T, T-shirt, S47), but 'T or (T) or T's count
                if re.search(rf"(?<![^\W_])(?<![^\W_]['’-]){re.escape(part)}(?![\w-])(?!['’][^\W_]{{2}})", text):
                    left.append(part)
            elif re.search(rf"(?<![^\W\d_]){re.escape(part)}(?![^\W\d_])", text, re.IGNORECASE):
                left.append(part)
    return left


@st.composite
def short_names_and_text(draw):
    people = [
        Person(f"p{i}", " ".join(draw(st.lists(_name_word, min_size=1, max_size=3))),
               draw(st.sampled_from(["child", "mother", "friend", ""])),
               draw(st.sampled_from(["family", "network", "professional"])), draw(st.one_of(st.none(), st.integers(0, 90))))
        for i in range(draw(st.integers(1, 4)))
    ]
    words = []
    for _ in range(draw(st.integers(1, 20))):
        if draw(st.booleans()):
            part = draw(st.sampled_from(draw(st.sampled_from(people)).name.split()))
            words.append(draw(st.sampled_from(["", "(", "'", "\n"])) + draw(st.sampled_from(_forms(part)))
                         + draw(st.sampled_from(["", "'s", "’s", ".", ",", ":", ")", "!"])))
        else:
            words.append(draw(st.sampled_from(["and", "said", "the", "T-shirt", "DON'T", "S47", "#", "-", "*", "\n"])))
    return people, " ".join(words)


@settings(max_examples=150, deadline=None)
@given(short_names_and_text())
def test_no_name_part_of_any_length_survives_redaction(case):
    people, text = case
    pod = pod_with(people, text, title=text, focus_question=text)
    pod.map.next_steps = [NextStep(text, text)]
    redacted = redact_pod(pod)
    tokens = list(redaction_tokens(pod).values()) + ["Family", "(withheld)"]
    for where, value in (("harm", redacted.map.harm[0].text), ("title", redacted.title), ("step", redacted.map.next_steps[0].owner)):
        assert _survivors(value, people, tokens) == [], (where, value)
    # Over the whole record, a name that is also one of the record's own words ("Or", "By")
    # cannot be told apart from the record's wording; the fields above still check it.
    skeleton = pod_with([Person(p.id, "Zq", p.relationship, p.kind, p.age) for p in people], "x", title="x",
                        focus_question="x")
    skeleton.map.next_steps = [NextStep("x", "x")]
    wording = set(re.findall(r"[^\W\d_]+", render_markdown(redact_pod(skeleton)).lower()))
    named = [p for p in people if not any(len(part) > 1 and part.lower() in wording for part in p.name.split())]
    assert _survivors(render_markdown(redacted).replace("OFFICIAL-SENSITIVE", ""), named, tokens) == []
