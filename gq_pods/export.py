"""A pod's record as a file: markdown (the default), plain text or a pod file, redacted if asked."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

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
) -> str:
    """The record in ``fmt`` ("markdown", "text" or "json"). ``labels`` are the team's
    section titles; without them the team file is read. ``practice_scenario`` (a
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
        from .teamconfig import load_team_config

        labels = load_team_config().labels
    write = render_text if fmt == "text" else render_markdown
    return write(pod, labels=dict(labels), practice_scenario=practice_scenario, chain=chain)


def export_file_name(pod: Pod, fmt: str, redacted: bool = False) -> str:
    """A file name that says which pod it is without naming anyone, and whether names were replaced."""
    return f"pod-{pod.id}-{pod.date.isoformat()}{'-redacted' if redacted else ''}.{EXTENSIONS.get(fmt, 'md')}"
