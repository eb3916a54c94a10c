"""A pod's record as a file: markdown (the default), plain text or a pod file, redacted if asked."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from .model import Pod

FORMATS = ("markdown", "text", "json")
EXTENSIONS = {"markdown": "md", "text": "txt", "json": "json"}


def render(
    pod: Pod,
    fmt: str,
    redact: bool,
    labels: Mapping[str, str] | None = None,
    practice_scenario: str | None = None,
    chain: Sequence[Pod] | None = None,
    story_stages: Collection[str] | None = None,
) -> str:
    """The record in ``fmt`` ("markdown", "text" or "json"). ``labels`` are the team's
    section titles, and ``story_stages`` the keys of its stages for the presenter's story
    (``StagePlan.story_keys``); without labels the team file is read for both. ``practice_scenario`` (a
    scenario's title) marks a practice attempt's record as one, in plain words.
    ``chain`` is the case's pods, oldest first (``Repository.chain(pod.id)``): the
    markdown and text records of a pod that follows another then say how the case moved
    since (the pod file does not carry the chain: ``dumps_chain`` does)."""
    if redact:
        from .redact import redact_pod

        pod = redact_pod(pod)
        chain = [redact_pod(p) for p in chain] if chain else chain
    if fmt == "json":
        from .podfile import dumps

        return dumps(pod)
    from .record import render_markdown, render_text

    if labels is None:
        from .stages import stages_for
        from .teamconfig import load_team_config

        team = load_team_config()
        labels = team.labels
        if story_stages is None:
            story_stages = stages_for(pod.style, team.stages).story_keys
    write = render_text if fmt == "text" else render_markdown
    return write(pod, labels=dict(labels), practice_scenario=practice_scenario, chain=chain, story_stages=story_stages)


def export_file_name(pod: Pod, fmt: str, redacted: bool = False) -> str:
    """A file name that says which pod it is without naming anyone, and whether names were replaced."""
    return f"pod-{pod.id}-{pod.date.isoformat()}{'-redacted' if redacted else ''}.{EXTENSIONS.get(fmt, 'md')}"
