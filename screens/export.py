"""Ctrl+E: export the pod record, with a preview, redaction on or off, and the path."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from gq_pods import paths
from gq_pods.export import FORMATS, export_file_name, render
from gq_pods.model import Pod

from .controls import TickBox
from .save_file import WritesAFile
from .text import plain


class ExportScreen(WritesAFile, ModalScreen[Path | None]):
    """Preview the record and write it to a private file. Dismisses with the path written."""

    WHAT, NOT_DONE, DONE, FAILED = "record", "Not exported: ", "Exported to ", "The record was not exported."
    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical {
        width: 96%; height: 96%; max-width: 140;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    ExportScreen #export-title { text-style: bold; }
    ExportScreen #export-options { height: auto; }
    ExportScreen #export-options Checkbox { width: auto; }
    ExportScreen #export-options Select { width: 22; }
    ExportScreen #redaction { height: auto; max-height: 4; overflow-y: auto; color: $text; padding: 0 1; }
    ExportScreen #redaction-warning { height: auto; max-height: 5; overflow-y: auto; padding: 0 1; text-style: bold; }
    ExportScreen #preview { height: 1fr; border: round $panel; }
    ExportScreen #path-row { height: auto; }
    ExportScreen #path-row Label { padding: 0 1; }
    ExportScreen #path { width: 1fr; }
    ExportScreen #export-buttons { height: auto; align-horizontal: right; margin-bottom: 1; }
    ExportScreen #export-buttons Button { margin-left: 2; }
    ExportScreen #export-result { height: auto; padding: 0 1; text-style: bold; }
    """
    BINDINGS = [
        Binding("escape", "close", "Close", id="export.close"),
        Binding("ctrl+s", "export", "Export", id="export.save", priority=True),
        Binding("ctrl+r", "toggle_redact", "Redaction", id="export.redact"),
    ]

    def __init__(
        self,
        pod: Pod,
        labels: dict[str, str] | None = None,
        practice_scenario: str | None = None,
        chain: list[Pod] | None = None,
        story_stages: frozenset[str] | None = None,
    ) -> None:
        super().__init__()
        self.pod = pod
        self.labels = labels  # the team's section titles, already read by the pod screen
        self.story_stages = story_stages  # its stages for the presenter's story, in the pod's plan
        self.practice_scenario = practice_scenario  # a practice attempt's case: the record says so
        # a follow-up pod: its case's pods up to this one, oldest first, for "Since the last pod"
        self.chain = chain

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content("Export the pod record (OFFICIAL-SENSITIVE)"), id="export-title")
            with Horizontal(id="export-options"):
                yield TickBox("Replace family names (ctrl+r)", id="redact", compact=True)
                yield Select(
                    [("Markdown record", "markdown"), ("Plain text", "text"), ("Pod file (JSON)", "json")],
                    value="markdown",
                    allow_blank=False,
                    id="format",
                    compact=True,
                )
            yield Static("", id="redaction")
            yield Static("", id="redaction-warning")
            # The record as it will be written. A read-only text box shows it at once (about
            # 50 ms for a big pod); Textual's Markdown widget took 2 to 4 seconds to draw it.
            yield TextArea("", id="preview", read_only=True, soft_wrap=True, show_line_numbers=False)
            with Horizontal(id="path-row"):
                yield Label("Save to")
                yield Input(str(self.default_path("markdown")), id="path", compact=True)
            yield Static("", id="export-result")
            with Horizontal(id="export-buttons"):
                yield Button("Close", id="close", compact=True)
                yield Button("Export (ctrl+s)", id="export", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.refresh_preview()
        self.query_one("#export", Button).focus()
        if self.chain is None and self.pod.follows is not None and self.pod.id is not None:
            self._read_chain(self.pod.id)  # not yet read by the pod screen: the record needs it

    @work(thread=True, exclusive=True, group="export-chain", exit_on_error=False)
    def _read_chain(self, pod_id: int) -> None:
        repo = getattr(self.app, "repository", None)
        try:
            chain = repo.chain(pod_id) if repo is not None else None
        except Exception:  # noqa: BLE001 - the record is written without the case's history
            chain = None
        if chain:
            self.app.call_from_thread(self._chain_read, chain)

    def _chain_read(self, chain: list[Pod]) -> None:
        self.chain = chain
        self.refresh_preview()

    def default_path(self, fmt: str, redacted: bool = False) -> Path:
        """Where the record goes unless the person says otherwise: redacted and full
        records, and each format, have names of their own, so one never replaces the other."""
        return paths.exports_dir() / export_file_name(self.pod, fmt, redacted)

    @property
    def redact(self) -> bool:
        return self.query_one("#redact", Checkbox).value

    @property
    def fmt(self) -> str:
        return str(self.query_one("#format", Select).value)

    def text(self) -> str:
        return render(
            self.pod, self.fmt, self.redact, self.labels, practice_scenario=self.practice_scenario, chain=self.chain,
            story_stages=self.story_stages,
        )

    def refresh_preview(self) -> None:
        from gq_pods.podfile import PodFileError

        preview = self.query_one("#preview", TextArea)
        try:
            text = self.text()
        except PodFileError as error:
            preview.load_text("")
            self.query_one("#export-result", Static).update(
                Content("This pod cannot be written as a pod file yet: ") + plain(str(error))
            )
            return
        preview.load_text(text)
        self.query_one("#redaction", Static).update(self.redaction_summary())
        self.query_one("#redaction-warning", Static).update(self.redaction_warning())

    def redaction_warning(self) -> Content:
        """Names redaction cannot replace cleanly (a one-letter name that is also a word), before export."""
        if not self.redact:
            return Content("")
        from gq_pods.redact import redaction_warnings

        return Content("\n").join(Content("Warning: ") + plain(warning) for warning in redaction_warnings(self.pod))

    def redaction_summary(self) -> Content:
        if not self.redact:
            if self.pod.people:
                return Content("Names are kept. Tick 'Replace family names' before sharing outside the team.")
            return Content("")
        from gq_pods.redact import redaction_preview

        pairs = redaction_preview(self.pod)
        if not pairs:
            return Content("No people are recorded, so no names are replaced.")
        parts = [plain(name) + Content(f" -> {token}") for name, token in pairs]
        return Content("These names will be replaced (the key is not exported): ") + Content(", ").join(parts)

    @on(Checkbox.Changed, "#redact")
    @on(Select.Changed, "#format")
    def _options_changed(self) -> None:
        path = self.query_one("#path", Input)
        defaults = {str(self.default_path(fmt, redacted)) for fmt in FORMATS for redacted in (False, True)}
        if path.value in defaults:  # not a path the person typed: follow the options
            path.value = str(self.default_path(self.fmt, self.redact))
        self.refresh_preview()

    @on(Button.Pressed, "#export")
    def _export_pressed(self) -> None:
        self.action_export()

    @on(Button.Pressed, "#close")
    def _close_pressed(self) -> None:
        self.action_close()

    def action_toggle_redact(self) -> None:
        box = self.query_one("#redact", Checkbox)
        box.value = not box.value

    def action_export(self) -> None:
        raw = self.query_one("#path", Input).value.strip()
        if not raw:
            self.query_one("#export-result", Static).update(Content("Say where to save the record."))
            return
        target = Path(raw).expanduser()
        from gq_pods.podfile import PodFileError

        try:
            text = self.text()
        except PodFileError as error:
            self.query_one("#export-result", Static).update(Content("Not exported: ") + plain(str(error)))
            return
        self.write(target, text, export_file_name(self.pod, self.fmt, self.redact))

    def say(self, what: Content) -> None:
        self.query_one("#export-result", Static).update(what)

    def action_close(self) -> None:
        self.dismiss(self.written)
