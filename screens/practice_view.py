"""What the practice screens say, as plain functions: no widgets, tested without Textual.

- ``still_to_fix``: what the checker still finds in an attempt's statements and goals,
  shown when the learner says they are done (before the model answer);
- ``tried_words`` and ``attempt_words``: the Practice list's word for how often a case was tried;
- ``fact_lines``, ``parts_lines``: the comparison, in words a learner reads;
- ``progress_columns`` and ``progress_rows``: progress as a chart's columns and as a table.

The practice itself (matching facts, counting problems) is decided in gq_pods.practice
and the checker; these only put what they found into words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from gq_pods import checker
from gq_pods.chart import Column
from gq_pods.model import SECTION_LABELS, Pod
from gq_pods.practice import Attempt, Comparison, FactResult, PartsResult
from gq_pods.record import goal_text, statement_text
from gq_pods.rules import singular

Label = Callable[[str], str]


def default_label(section: str) -> str:
    return SECTION_LABELS.get(section, section)


def still_to_fix(pod: Pod, team: checker.TeamWords | None = None, label: Label = default_label) -> list[str]:
    """What the checker still finds in the attempt's danger statements and safety goals, in plain words."""
    statement_word = singular(label("danger_statements"))
    goal_word = singular(label("safety_goals"))
    lines: list[str] = []
    written = [s for s in pod.danger_statements if statement_text(s).strip()]
    if not written:
        return [f"There is no {statement_word.lower()} yet: the model answer has some to compare with."]
    for number, statement in enumerate(pod.danger_statements, start=1):
        text = statement_text(statement)
        if not text.strip():
            continue
        for finding in checker.check(text, checker.DANGER_STATEMENT, team=team):
            if finding.severity == checker.PROBLEM:
                lines.append(f"{statement_word} {number}: {finding.message}")
        goal = pod.goal_for(statement.id)
        words = goal_text(goal) if goal is not None else ""
        if not words.strip():
            lines.append(f"{statement_word} {number} has no {goal_word.lower()}.")
            continue
        for finding in checker.check(words, checker.SAFETY_GOAL, team=team):
            if finding.severity == checker.PROBLEM:
                lines.append(f"{goal_word} {number}: {finding.message}")
    return lines


def tried_words(count: int) -> str:
    """How often a case was tried, for the Practice list."""
    if count <= 0:
        return "not yet"
    return "once" if count == 1 else f"{count} times"


def rating_words(rating: int | None) -> str:
    return "" if rating is None else f"{rating} of 10"


# ---------------------------------------------------------------- the comparison


def where_words(fact: FactResult, label: Label = default_label) -> str:
    """Where the learner put a model fact, beside where the model puts it."""
    if fact.placed_in is None:
        return "Not placed on your map."
    if fact.matched:
        return f"You placed it in {label(fact.placed_in)}, as the model does."
    return f"You placed it in {label(fact.placed_in)}; the model puts it in {label(fact.model_section)}."


def fact_mark(fact: FactResult) -> str:
    if fact.matched:
        return "✓"
    return "~" if fact.placed_in is not None else "✗"


def summary_words(comparison: Comparison) -> str:
    """The figures of a comparison in one sentence."""
    statements = comparison.statements
    per = comparison.problems_per_statement
    problems = (
        "no danger statements written"
        if not statements
        else f"{comparison.statement_problems} problem{'s' if comparison.statement_problems != 1 else ''} "
        f"the checker finds in {statements} statement{'s' if statements != 1 else ''} and their goals"
        f" ({per:.1f} per statement)".replace(".0 per", " per")
    )
    return (
        f"Facts placed as the model does: {comparison.facts_matched} of {comparison.facts_total}; "
        f"in another section: {comparison.facts_elsewhere}. {problems[0].upper() + problems[1:]}. "
        f"Key points covered: {comparison.key_points_covered} of {comparison.key_points_total}."
    )


def parts_rows(result: PartsResult) -> list[tuple[str, str, str]]:
    """A statement's or goal's parts: (part, yours ✓/✗, the model's ✓/✗)."""
    model = dict(result.model_parts)
    rows = []
    for name, present in result.learner_parts:
        rows.append((name, "✓" if present else "✗", ("✓" if model.get(name) else "✗") if model else ""))
    return rows


def pair_heading(result: PartsResult, number: int) -> str:
    kind = "Danger statement" if result.kind == "danger_statement" else "Safety goal"
    return f"{kind} {number}"


# ---------------------------------------------------------------- progress


def attempt_label(n: int) -> str:
    return f"#{n}"


def progress_columns(attempts: Sequence[Attempt]) -> tuple[list[Column], list[Column]]:
    """One scenario's compared attempts as two charts' columns: facts placed as the model
    did (per cent, so cases of different sizes read alike) and problems per statement."""
    facts, problems = [], []
    for n, attempt in enumerate(attempts, start=1):
        label = attempt_label(n)
        share = (
            (attempt.facts_matched or 0) / attempt.facts_total * 100
            if attempt.facts_total
            else None
        )
        facts.append(Column(label, () if share is None else (share,)))
        per = attempt.problems_per_statement
        problems.append(Column(label, () if per is None else (per,)))
    return facts, problems


def progress_rows(attempts: Sequence[Attempt]) -> list[tuple[str, str, str, str, str, str]]:
    """The same figures as a table: attempt, date compared, facts, problems per statement,
    key points, self-rating."""
    rows = []
    for n, attempt in enumerate(attempts, start=1):
        when = attempt.compared_at or attempt.started_at
        key_points = (
            f"{attempt.key_points_covered} of {attempt.key_points_total}"
            if attempt.key_points_total is not None and attempt.key_points_covered is not None
            else ""
        )
        rows.append(
            (
                attempt_label(n),
                f"{when:%d %b %Y}",
                attempt.facts_label,
                attempt.problems_label,
                key_points,
                rating_words(attempt.self_rating),
            )
        )
    return rows
