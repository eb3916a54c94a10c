"""A pod's record as a file: markdown (the default) or a pod file, redacted if asked."""

from __future__ import annotations

from collections.abc import Mapping

from .model import Pod


def render(pod: Pod, fmt: str, redact: bool, labels: Mapping[str, str] | None = None) -> str:
    """The record in ``fmt`` ("markdown" or "json"). ``labels`` are the team's section
    titles; without them the team file is read."""
    if redact:
        from .redact import redact_pod

        pod = redact_pod(pod)
    if fmt == "json":
        from .podfile import dumps

        return dumps(pod)
    from .record import render_markdown

    if labels is None:
        from .teamconfig import load_team_config

        labels = load_team_config().labels
    return render_markdown(pod, labels=dict(labels))


def export_file_name(pod: Pod, fmt: str) -> str:
    """A file name that says which pod it is without naming anyone."""
    ext = "json" if fmt == "json" else "md"
    return f"pod-{pod.id}-{pod.date.isoformat()}.{ext}"
