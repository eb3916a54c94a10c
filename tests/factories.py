"""Pods for tests: an empty one and a full one that uses every field."""

from __future__ import annotations

import datetime as dt

from gq_pods.model import (
    BottomLine,
    Contingency,
    DangerStatement,
    Draft,
    MapItem,
    NextStep,
    Participant,
    Person,
    Pod,
    PodMap,
    Reflection,
    SafetyGoal,
    Scale,
    ScaleScore,
    StageRecord,
)


def full_pod(**overrides) -> Pod:
    """A Group Supervision pod with something in every part of the record."""
    pod = Pod(
        date=dt.date(2026, 11, 20),
        style="group_supervision",
        title="Stuck case: Family C",
        team="North Locality Team",
        case_reason="stuck",
        case_reference="Family C",
        focus_question="How do we help Dad see why the school is worried?",
        manager_present=True,
        status="in_progress",
        practice=False,
        participants=[
            Participant("Sam Patel", "facilitator"),
            Participant("Jo Reed", "presenter"),
            Participant("Ali Khan", "advisor"),
            Participant("Mo Gill", "manager"),
            Participant("Viv Lamb", "member"),
        ],
        people=[
            Person("p1", "Amy Carter", "child", "family", 3, True),
            Person("p2", "Dean Carter", "father", "family", 31, True),
            Person("p3", "Lisa Carter", "mother", "family", 29, True),
            Person("p4", "Pat Jones", "maternal grandmother", "network", 58, False),
            Person("p5", "Mrs Begum", "health visitor", "professional", None, False),
        ],
        map=PodMap(
            harm=[MapItem("In March Amy was found with a bruise on her arm after Dean pushed Lisa while she held Amy.")],
            complicating_factors=[
                MapItem("Dean drinks most evenings.", carried="still_true"),
                MapItem("Two social workers in six months."),
            ],
            grey_areas=[MapItem("We do not know who else stays at the house.")],
            existing_strengths=[MapItem("Lisa takes Amy to nursery every day, on time.")],
            existing_safety=[MapItem("In June Lisa took Amy to Pat's when Dean came home drunk.")],
            next_steps=[
                NextStep(
                    "Ask Pat to join a safety network meeting", "Jo Reed", dt.date(2026, 12, 1), "agreed",
                    outcome="not_done", outcome_reason="Pat was in hospital.", outcome_on=dt.date(2026, 12, 2),
                    outcome_by="JR",
                ),
                NextStep("Talk with Dean about the March incident", "Jo Reed", None, "idea"),
            ],
        ),
        danger_statements=[
            DangerStatement(
                id="ds1",
                who_is_worried="The nursery and Jo, the social worker,",
                behaviour="when Dean and Lisa argue, Dean shouts and pushes Lisa in front of Amy",
                example="like in March when Amy was bruised",
                impact="Amy could be hurt caught in the middle and grow up frightened",
                text="The nursery and Jo are worried that when Dean and Lisa argue, Dean shouts and pushes "
                "Lisa in front of Amy, like in March when Amy was bruised. If nothing changes, Amy could be "
                "hurt caught in the middle and grow up frightened.",
                acknowledgement="Lisa has kept Amy's nursery place going through a hard year.",
                family_view="Dean says it only happened once.",
                drafts=[Draft("VL", "Nursery worried Dean pushes Lisa; Amy could get hurt.")],
            )
        ],
        safety_goals=[
            SafetyGoal(
                id="sg1",
                danger_statement="ds1",
                caregiver_actions="Dean and Lisa will sort out arguments calmly, away from Amy",
                child_experience="Amy will feel safe and relaxed at home",
                professionals_will_see="the nursery will see Amy arriving settled",
                duration="for six months",
                text="Dean and Lisa will sort out arguments calmly, away from Amy, so that Amy feels safe at "
                "home, and the nursery sees her arriving settled, for six months.",
                network="Pat knows the plan and will check in weekly.",
                drafts=[Draft("AK", "Parents will use calm ways to sort out arguments for six months.")],
            )
        ],
        scales=[
            Scale(
                "overall",
                "Where is this situation today?",
                [
                    ScaleScore("JR", 4, "Lisa acts to protect Amy", "Dean talks about March"),
                    ScaleScore("VL", 3, "The drinking goes on", "Pat joins the network"),
                ],
            ),
            Scale("ds1", "", [ScaleScore("JR", 3, "No plan yet", "A plan Pat knows about")]),
        ],
        bottom_lines=[BottomLine("Dean is never left alone with Amy when he has been drinking.")],
        contingencies=[Contingency("Dean comes home drunk", "Lisa takes Amy to Pat's", "Lisa and Pat")],
        stages=[
            StageRecord("set_up", "Set-up", "Initials only.", 120),
            StageRecord("focus_question", "Focus question", "", 200),
        ],
        reflection=Reflection("partly", "Getting the nursery on board", "The drafting", "Keep to time"),
        current_stage="scaling",
        childs_views="Amy told the nursery: \"I hide under the table when Daddy shouts.\" She wants Nana Pat to stay over.",
        record_author="Sam Patel",
        next_review=dt.date(2026, 12, 18),
        manager_decision="Convene a safety network meeting with Pat before the review; no change to the plan until then.",
        extra={"team_note": {"kept": [1, 2, 3]}},
    )
    for name, value in overrides.items():
        setattr(pod, name, value)
    return pod


# ---------------------------------------------------------------- a team's database of chains

CASE_START = dt.date(2025, 1, 6)
CHAIN_LENGTH = 10


def chain_pod(chain: int, k: int):
    """Pod ``k`` (from 0) of case ``chain``: the scale test's and bench_case.py's pattern.

    Each pod has three next steps, whose outcomes follow a pattern the tests count by hand:
    step 0 (agreed, due in a week) is done on time at every pod but the last of its chain;
    step 1 (an idea, undated) is not done at even pods and not asked at odd ones;
    step 2 (agreed, due in ten days) is no longer needed at every third pod, else done late.
    Every pod but the last of its chain is finished, with its statement paired and scaled.
    """
    from gq_pods.model import (
        DangerStatement, MapItem, NextStep, Pod, PodMap, SafetyGoal, Scale, ScaleScore, StageRecord,
    )

    day = CASE_START + dt.timedelta(days=chain + 14 * k)
    last = k == CHAIN_LENGTH - 1
    return Pod(
        date=day,
        style="group_supervision" if chain % 2 == 0 else "content_mapping",
        title=f"Case {chain}",
        team="North",
        case_reason=("new", "stuck", "challenging")[(chain + k) % 3],
        case_reference=f"C-{chain:03d}",
        manager_present=True,
        status="in_progress" if last else "complete",
        map=PodMap(
            harm=[MapItem(f"harm {chain}.{k}", carried="" if k == 0 else "still_true")],
            next_steps=[
                NextStep(f"step 0 of {chain}.{k}", "Jo Reed", day + dt.timedelta(days=7), "agreed",
                         outcome="" if last else "done", outcome_on=None if last else day + dt.timedelta(days=5),
                         outcome_by="" if last else "JR"),
                NextStep(f"step 1 of {chain}.{k}", "Sam Patel", None, "idea",
                         outcome="not_done" if k % 2 == 0 else ""),
                NextStep(f"step 2 of {chain}.{k}", "Jo Reed", day + dt.timedelta(days=10), "agreed",
                         outcome="not_needed" if k % 3 == 0 else "done",
                         outcome_on=None if k % 3 == 0 else day + dt.timedelta(days=12)),
            ],
        ),
        danger_statements=[DangerStatement(id="ds1", text=f"worry {chain}")],
        safety_goals=[SafetyGoal(id="sg1", danger_statement="ds1", text=f"goal {chain}")],
        scales=[
            Scale("overall", scores=[ScaleScore("JR", min(10, 2 + k // 2)), ScaleScore("SP", min(10, 3 + k // 2))]),
            Scale("ds1", scores=[ScaleScore("JR", min(10, 1 + k // 2))]),
        ],
        stages=[StageRecord("set_up", "Set-up", "", 180), StageRecord("focus_question", "Focus question", "", 240)],
    )


def add_case_chains(repo, chains: int = 100) -> list[list[int]]:
    """``chains`` cases of CHAIN_LENGTH pods each (see :func:`chain_pod`), stored a chain at a time; their ids."""
    return [repo.add_chain([chain_pod(c, k) for k in range(CHAIN_LENGTH)]) for c in range(chains)]
