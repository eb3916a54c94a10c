"""The text genogram: who the child lives with first, then family, network, professionals."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gq_pods.genogram import describe, genogram_lines, genogram_rows, group_of
from gq_pods.model import Person, Pod
from tests.factories import full_pod
from tests.strategies import pods, texts


def test_household_first_then_family_network_professionals():
    pod = Pod(
        people=[
            Person("p1", "HV", "health visitor", "professional"),
            Person("p2", "PJ", "grandmother", "network", 58),
            Person("p3", "DC", "father", "family", 31),
            Person("p4", "AC", "child", "family", 3, True),
            Person("p5", "LC", "mother", "family", 29, True),
        ]
    )
    assert genogram_lines(pod) == [
        "Lives with the child",
        "  ├─ AC — child, age 3",
        "  └─ LC — mother, age 29",
        "Family",
        "  └─ DC — father, age 31",
        "Network: friends and others who help",
        "  └─ PJ — grandmother, age 58",
        "Professionals",
        "  └─ HV — health visitor",
    ]


def test_people_keep_the_order_they_were_added_within_a_group():
    people = [Person(f"p{i}", name, "", "family", None, True) for i, name in enumerate(["Z", "A", "M"])]
    assert [row.text for row in genogram_rows(people) if not row.heading] == ["Z", "A", "M"]


def test_someone_in_the_household_who_is_not_family_says_so():
    lodger = Person("p1", "RT", "lodger", "network", 40, True)
    assert group_of(lodger) == "household"
    assert describe(lodger) == "RT — lodger, age 40 (network)"


def test_empty_groups_show_a_nudge_only_when_asked():
    pod = Pod(people=[Person("p1", "AC", "child", "family", 3, True)])
    assert [r.text for r in genogram_rows(pod) if r.heading] == ["Lives with the child"]
    shown = genogram_lines(pod, show_empty=True)
    assert shown.count("  └─ No one yet") == 3
    assert "Professionals" in shown


def test_nobody_is_lost_even_with_an_unknown_kind_or_no_name():
    pod = Pod(people=[Person("p1", "", "", "neighbour?"), Person("p2", "A\nB", "au\tpair", "family")])
    lines = genogram_lines(pod)
    assert lines[-2:] == ["Others", "  └─ (no name given)"]
    assert "  └─ A B — au pair" in lines


def test_the_factory_pod_reads_as_a_genogram():
    lines = genogram_lines(full_pod())
    assert lines[0] == "Lives with the child"
    assert lines.index("Professionals") > lines.index("Network: friends and others who help")
    assert "  └─ Mrs Begum — health visitor" in lines


# ---------------------------------------------------------------- any text at all

any_person = st.builds(
    Person,
    id=st.text(max_size=4),
    name=texts(),
    relationship=texts(),
    kind=st.sampled_from(["family", "network", "professional", "", "cousin?"]),
    age=st.one_of(st.none(), st.integers(0, 130)),
    in_household=st.booleans(),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(any_person, max_size=12), st.booleans())
def test_everyone_appears_once_on_one_line_whatever_they_typed(people, show_empty):
    rows = genogram_rows(people, show_empty=show_empty)
    person_rows = [r for r in rows if r.person_id is not None]
    assert [r.person_id for r in person_rows] == [
        p.id for group in ("household", "family", "network", "professional", "other") for p in people if group_of(p) == group
    ]
    assert all("\n" not in line for line in genogram_lines(people, show_empty=show_empty))


@settings(max_examples=50, deadline=None)
@given(pods())
def test_any_pod_reads_as_a_genogram(pod):
    assert len([r for r in genogram_rows(pod) if r.person_id is not None]) == len(pod.people)
