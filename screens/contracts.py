"""What the app expects of its screens, spelled out instead of guessed.

- A screen that holds work not yet in the database is a ``SavesWork``: the app
  calls ``save_now()`` on every such screen before it quits or after a crash.
- A screen that offers commands of its own in the command palette is an
  ``OffersCommands``.
- ``RepositoryOpened`` is sent to each open screen once the database is open
  (a screen that waits for the pods handles it); it does not bubble back up.
"""

from __future__ import annotations

from textual.app import SystemCommand
from textual.message import Message


class SavesWork:
    """A screen with changes that may not be saved yet."""

    def save_now(self) -> bool:
        """Write whatever is unsaved. True when everything is saved."""
        raise NotImplementedError


class OffersCommands:
    """A screen with commands of its own for the command palette."""

    def screen_commands(self) -> list[SystemCommand]:
        raise NotImplementedError


class RepositoryOpened(Message, bubble=False):
    """The database is open: the pods can be listed and opened."""
