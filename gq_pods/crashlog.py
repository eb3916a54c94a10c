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


def write(error: BaseException, where: Path | None = None) -> Path | None:
    """Append a report of ``error`` to the private log; returns the log's path.

    Never raises: the log is for whoever looks after gq-pods, and a log folder
    that cannot be made (no permission, a file in its place, a full disk) must
    not stop the app or hide the plain message. Returns None then.
    """
    try:
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
    except (OSError, ValueError):
        return None
    return log


NO_LOG = "No details could be kept: the log folder could not be written to."


def details(error: BaseException) -> str:
    """Write ``error`` to the log and say where, in a sentence for the person."""
    log = write(error)
    if log is None:
        return NO_LOG
    return f"Details for whoever looks after gq-pods (no case text) are in {log}"


def plain_message(error: BaseException) -> str:
    """The message shown when the app has to stop, after logging ``error``."""
    log = write(error)
    if log is None:
        return PLAIN_MESSAGE.split("\nDetails")[0] + "\n" + NO_LOG
    return PLAIN_MESSAGE.format(log=log)


PLAIN_MESSAGE = (
    "gq-pods ran into a problem it could not handle and had to stop.\n"
    "Everything already saved is safe.\n"
    "Details for whoever looks after gq-pods (no case text) are in:\n  {log}"
)
