"""A private record of what went wrong, with no case text in it.

An unhandled error must never print case text, and user text is never logged.
So the log keeps the kind of error and where in the code it happened (files,
lines, functions), never the error's message or any variable's value: those
may hold what a practitioner typed.
"""

from __future__ import annotations

import datetime as dt
import os
import traceback
from pathlib import Path

from . import paths
from .safefile import PRIVATE_FILE, private_dir


def describe(error: BaseException) -> str:
    """The error's kind and its frames, without its message or any values."""
    lines = [f"{type(error).__module__}.{type(error).__qualname__}"]
    for frame in traceback.extract_tb(error.__traceback__):
        lines.append(f"  {frame.filename}:{frame.lineno} in {frame.name}")
    cause = error.__cause__ or error.__context__
    if cause is not None and cause is not error:
        lines.append("caused by:")
        lines.extend("  " + line for line in describe(cause).splitlines())
    return "\n".join(lines)


def write(error: BaseException, where: Path | None = None) -> Path:
    """Append a report of ``error`` to the private log; returns the log's path."""
    log = where or paths.log_file()
    private_dir(log.parent)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    entry = f"--- {stamp}\n{describe(error)}\n"
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE)
    try:
        os.fchmod(fd, PRIVATE_FILE)
        os.write(fd, entry.encode("utf-8"))
    finally:
        os.close(fd)
    return log


PLAIN_MESSAGE = (
    "gq-pods ran into a problem it could not handle and had to stop.\n"
    "Everything already saved is safe.\n"
    "Details for whoever looks after gq-pods (no case text) are in:\n  {log}"
)
