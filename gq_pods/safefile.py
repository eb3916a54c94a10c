"""Private files: written atomically, readable only by their owner.

Exports, backups and logs hold case text. Every such file is created 0600
whatever the umask, written to a temporary file in the same folder, fsynced and
renamed into place, so a crash leaves either the old file or the new one.

Only an ordinary file is ever replaced: a pipe, a device or a folder at the path
is refused (renaming over it would swap it for a regular file), and with
``replace=False`` an existing file is kept and ``FileExistsError`` raised.
"""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if needed; the folder and every parent made here are 0700.

    Whatever the umask: under ``umask 000`` a plain ``mkdir(parents=True)`` makes
    the parents 0777. Parents that already exist are left as they are.
    """
    path = Path(path)
    missing = []
    folder = path
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:
            continue  # made meanwhile by another copy of the app
        os.chmod(folder, PRIVATE_DIR)
    if not path.is_dir():
        raise FileExistsError(f"{path} is not a folder")
    os.chmod(path, PRIVATE_DIR)
    return path


class NotAFile(OSError):
    """The path holds something other than an ordinary file (a pipe, a device, a folder)."""


def check_writable_path(path: Path, replace: bool = True) -> None:
    """Raise what ``write_private`` would: FileNotFoundError (naming the missing folder),
    NotAFile, or FileExistsError when ``replace`` is false."""
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise FileNotFoundError(2, "No such folder", str(folder))
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise NotAFile(21 if stat.S_ISDIR(mode) else 22, "Not an ordinary file", str(path))
    if not replace:
        raise FileExistsError(17, "File exists", str(path))


def write_private(path: Path, data: str | bytes, *, replace: bool = True) -> Path:
    """Atomically write ``data`` to ``path`` with mode 0600.

    Only an ordinary file is replaced (see the top of this module); with
    ``replace=False`` an existing file is never touched, even one created while writing.
    """
    path = Path(path)
    check_writable_path(path, replace)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        os.fchmod(fd, PRIVATE_FILE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)  # fails if the name was taken meanwhile: nothing is replaced
            os.unlink(tmp)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _fsync_dir(path.parent)
    return path

@dataclass(frozen=True)
class Saved:
    """What :func:`save_private` did: ``path`` written, or a file already there (``exists``),
    or a ``problem`` in plain words (nothing written)."""

    path: Path
    exists: bool = False
    problem: str = ""


def save_private(target: Path, text: str, name: str, *, replace: bool = False) -> Saved:
    """Save a record or report the person asked for, privately, never replacing without leave.

    ``target`` is a file, or a folder to save ``name`` in; a missing folder is made private.
    A file already there is left as it is unless ``replace`` (the screen asks first).
    """
    try:
        if target.is_dir():
            target = target / name
        if not target.parent.exists():
            private_dir(target.parent)
        write_private(target, text, replace=replace)
    except FileExistsError:
        return Saved(target, exists=True)
    except NotAFile:
        return Saved(target, problem="this is not an ordinary file, so it was left as it is")
    except OSError as error:
        return Saved(target, problem=error.strerror or type(error).__name__)
    return Saved(target)


def touch_private(path: Path) -> Path:
    """Make sure ``path`` exists and is 0600 (for files others create, like a database)."""
    path = Path(path)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE)
    os.close(fd)
    os.chmod(path, PRIVATE_FILE)
    return path


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
