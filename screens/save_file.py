"""Writing what a screen shows (the record, the team report) to a file the person named.

The file is written privately (``gq_pods.safefile.save_private``: readable only by its
owner), in a worker so the screen never waits on the disk, and a file already there is
replaced only once the person has said so. Each screen says what it writes in its own words.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.content import Content

from .confirm import ConfirmScreen
from .text import plain


class WritesAFile:
    """Mixed into a screen that writes a file; it sets the words and ``say`` shows a result."""

    WHAT: str  # what is written: "Replace it with this record?"
    NOT_DONE: str  # "Not exported: "
    DONE: str  # "Exported to "
    FAILED: str  # the notice when it could not be written

    written: Path | None = None  # the file last written

    def say(self, what: Content) -> None:
        """Show the result of writing, on the screen."""
        raise NotImplementedError

    @work(thread=True, exclusive=True, group="write-file", exit_on_error=False)
    def write(self, target: Path, text: str, name: str, replace: bool = False) -> None:
        """Write ``text`` to ``target`` (a folder takes the file ``name``)."""
        from gq_pods.safefile import save_private

        saved = save_private(target, text, name, replace=replace)
        if saved.exists:
            self.app.call_from_thread(self._ask_to_replace, saved.path, text, name)
        elif saved.problem:
            self.app.call_from_thread(self._not_written, saved.path, saved.problem)
        else:
            self.app.call_from_thread(self._written, saved.path)

    def _ask_to_replace(self, target: Path, text: str, name: str) -> None:
        def answered(replace: bool | None) -> None:
            if replace:
                self.write(target, text, name, replace=True)
            else:
                self.say(Content(self.NOT_DONE) + plain(str(target)) + Content(" is already there and was kept."))

        question = plain(str(target)) + Content(f" is already there. Replace it with this {self.WHAT}?")
        self.app.push_screen(ConfirmScreen(question, confirm_label="Replace", cancel_label="Keep it"), answered)

    def _not_written(self, target: Path, reason: str) -> None:
        self.say(Content(self.NOT_DONE) + plain(f"{target}: {reason}"))
        self.notify(self.FAILED, severity="error")

    def _written(self, target: Path) -> None:
        self.written = target
        self.say(Content(self.DONE) + plain(str(target)))
        self.notify(f"{self.DONE}{target}", markup=False)  # a path is never markup
