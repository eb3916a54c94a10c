"""The gq-pods Textual app: themes, global keys, the command palette, and safety nets.

The first frame is drawn before the database is opened: SQLAlchemy (and Alembic,
when an upgrade is due) load in a worker thread, and the home screen fills in
when the pods are ready. An unhandled error closes the app with a plain message
and a private log entry, never a traceback with case text in it.
"""

from __future__ import annotations

import datetime as dt
import gc
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.theme import Theme

from gq_pods import crashlog, settings
from gq_pods.text import clean

from .contracts import OffersCommands, RepositoryOpened, SavesWork
from .keys import OrderedKeys
from .paste import clean_paste

if TYPE_CHECKING:  # pragma: no cover
    from storage.repository import Repository

HIGH_CONTRAST = Theme(
    name="high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFA500",
    error="#FF5555",
    success="#00FF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#333333",
    dark=True,
    variables={
        "footer-key-foreground": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#FFFF00",
        "input-selection-background": "#FFFF00 40%",
    },
)
LIGHT_HIGH_CONTRAST = Theme(
    name="high-contrast-light",
    primary="#00008B",
    secondary="#4B0082",
    accent="#00008B",
    warning="#8B4500",
    error="#B00000",
    success="#006400",
    foreground="#000000",
    background="#FFFFFF",
    surface="#FFFFFF",
    panel="#E8E8E8",
    boost="#D0D0D0",
    dark=False,
)


def freeze_what_is_loaded() -> None:
    """Set aside, once, everything loaded so far (the program's code, Textual's, SQLAlchemy's),
    so that Python's occasional full garbage collection no longer looks through it all.

    Those objects live as long as the program. Looked through, they cost a pause of 30 to 70 ms
    in the middle of the next thing done, usually the first pod opening (a fifth of its time)."""
    if not gc.get_freeze_count():
        gc.freeze()


class GqPodsApp(OrderedKeys, App[int]):
    """Run Signs of Safety pods and keep their records safe."""

    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "gq-pods"
    SUB_TITLE = "Signs of Safety pods"
    ENABLE_COMMAND_PALETTE = True
    COMMAND_PALETTE_BINDING = "ctrl+p"
    BINDINGS = [
        Binding("f1", "help", "Help", id="app.help"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
        Binding("f10", "quit", "Quit", id="app.quit-alt", show=False, priority=True),
        Binding("ctrl+p", "command_palette", "Commands", id="app.palette", show=False),
    ]

    class RepositoryReady(Message):
        """The database is open and up to date."""

    class RepositoryFailed(Message):
        def __init__(self, title: str, message: str) -> None:
            super().__init__()
            self.title = title
            self.message = message

    def __init__(
        self,
        db_url: str | None = None,
        *,
        repository: Repository | None = None,
        settings_path: Path | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> None:
        super().__init__()
        self.clock = clock  # for stage timers
        self._quit_unsaved = False
        self.wall_clock = wall_clock  # for dates and "Saved at" times
        self.db_url = db_url
        self.repository: Repository | None = repository
        self._owns_repository = repository is None
        self._opening_repository = False
        self.settings_path = settings_path
        self.register_theme(HIGH_CONTRAST)
        self.register_theme(LIGHT_HIGH_CONTRAST)
        saved = settings.load_settings(settings_path).get("theme")
        if isinstance(saved, str) and saved in self.available_themes:
            self.theme = saved
        self._theme_loaded = True

    # ------------------------------------------------------------ start-up

    def get_default_screen(self) -> Screen:
        from .home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        if self.repository is None:
            # The home screen asks for the database once the first frame and its list
            # are drawn (the list is read without SQLAlchemy when it can be): importing
            # SQLAlchemy in a thread would otherwise compete with drawing them. The
            # timer is a backstop, should nothing ask.
            self.set_timer(2.0, self.open_repository)
        else:
            self.post_message(self.RepositoryReady())

    def open_repository(self) -> None:
        """Start opening the database in a worker, once."""
        if self.repository is None and not self._opening_repository:
            self._opening_repository = True
            self._open_repository()

    @work(thread=True, exclusive=True, group="open-db", exit_on_error=False)
    def _open_repository(self) -> None:
        from storage.errors import StorageError
        from storage.repository import Repository

        try:
            repository = Repository.open(self.db_url)
        except StorageError as error:  # each says what happened and what to do
            self.post_message(self.RepositoryFailed(error.title, str(error)))
            return
        except Exception as error:
            self.post_message(
                self.RepositoryFailed(
                    "The pods could not be opened",
                    f"gq-pods could not open its database ({type(error).__name__}). "
                    f"Nothing was changed. {crashlog.details(error)}",
                )
            )
            return
        self.repository = repository
        self.post_message(self.RepositoryReady())

    def on_gq_pods_app_repository_failed(self, message: RepositoryFailed) -> None:
        from .confirm import MessageScreen

        self.push_screen(MessageScreen(message.title, message.message))

    def _get_pod_screen_ready(self) -> None:
        """While the person reads the list, load the pod screen's code and style sheet: the first
        pod opened then costs what every later one does (~170 ms less CPU for a big pod). On the
        app's own thread, once the database is open: imported in a thread, a module the app
        imported at the same moment could be seen half loaded."""
        from .pod import PodScreen

        if self._add_style_sheets(PodScreen):
            self.stylesheet.parse()  # now, rather than as the first pod opens
        freeze_what_is_loaded()

    def on_gq_pods_app_repository_ready(self, message: RepositoryReady) -> None:
        for screen in self.screen_stack:
            screen.post_message(RepositoryOpened())
        self.call_after_refresh(self._get_pod_screen_ready)

    # ------------------------------------------------------------ actions

    def action_help(self) -> None:
        from .help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_new_pod(self) -> None:
        from .new_pod import NewPodScreen

        if self.repository is not None and not isinstance(self.screen, NewPodScreen):
            self.push_screen(NewPodScreen())

    def open_pod(self, pod_id: int) -> None:
        from storage.repository import PodNotFound, StorageError

        from .pod import PodScreen

        if self.repository is None:
            return
        try:
            pod, version = self.repository.read_pod(pod_id)
            attempt = self.repository.attempt(pod_id)  # a practice attempt shows its case beside the map
        except PodNotFound:
            self.notify("That pod is no longer there. It may have been deleted elsewhere.", severity="warning")
            return
        except StorageError as error:  # a damaged pod, a busy database: say so, keep the list
            self.notify(str(error), title=error.title, severity="error", timeout=15)
            return
        scenario = None
        if attempt is not None:
            from gq_pods.scenarios import load_library

            scenario = load_library().get(attempt.scenario_id)
        screen = PodScreen(pod, version, attempt=attempt, scenario=scenario)
        self._add_style_sheets(PodScreen)
        self.push_screen(screen)

    def _add_style_sheets(self, screen: type[Screen]) -> bool:
        """Add a screen's style sheets (pod.tcss, its CSS_PATH: absolute paths) to the app's
        before the screen is pushed.

        Pushing a screen with a style sheet the app has not read, Textual parses every
        style sheet again from scratch and restyles the screens already open: ~80 ms CPU
        at the first pod. Added here, pod.tcss alone is parsed (the others' rules are
        kept) as the pod's widgets are styled. The screens already open keep their look:
        pod.tcss only styles the pod's own widgets. Says whether a style sheet was new."""
        paths = screen.CSS_PATH if isinstance(screen.CSS_PATH, list) else [screen.CSS_PATH]
        new = [path for path in paths if path is not None and not self.stylesheet.has_source(str(path), "")]
        for path in new:
            self.stylesheet.read(path)
        return bool(new)

    def action_high_contrast(self) -> None:
        self.theme = "textual-dark" if self.theme == "high-contrast" else "high-contrast"

    async def action_quit(self) -> None:
        if self.save_all() or self._quit_unsaved:
            self.exit(0)
            return
        # Never leave silently with a change the database did not take.
        self._quit_unsaved = True
        self.notify(
            "Your last change could not be saved. Press Ctrl+Q again to quit without it.",
            severity="error",
            title="Not saved",
            timeout=10,
        )

    def save_all(self) -> bool:
        """Write every unsaved change (each open pod, even if another fails). True if all saved."""
        saved = True
        for screen in reversed(self.screen_stack):
            if not isinstance(screen, SavesWork):
                continue
            try:
                saved = screen.save_now() and saved
            except Exception as error:  # one pod failing to save must not stop the others
                crashlog.write(error)
                saved = False
        return saved

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: str = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Notices often carry what someone typed (initials, labels): never read them as markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Paste):  # before the focused box inserts it
            clean_paste(event)
        await super().on_event(event)

    def copy_to_clipboard(self, text: str) -> None:
        """Copy to the clipboard ctrl+v pastes from, without control characters."""
        super().copy_to_clipboard(clean(text))

    def watch_theme(self, theme: str) -> None:
        if getattr(self, "_theme_loaded", False):
            try:
                settings.save_setting("theme", theme, self.settings_path)
            except OSError:
                self.notify("The theme could not be remembered for next time.", severity="warning")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand("New pod", "Start a new pod", self.action_new_pod)
        if isinstance(screen, OffersCommands):
            yield from screen.screen_commands()
        yield SystemCommand("High contrast", "Switch the high-contrast theme on or off", self.action_high_contrast)
        yield SystemCommand("Help", "What gq-pods is for, and its keys", self.action_help)
        yield from (
            command
            for command in super().get_system_commands(screen)
            if command.title in ("Theme", "Change theme", "Quit the application", "Quit")
        )

    # ------------------------------------------------------------ safety net

    def _handle_exception(self, error: Exception) -> None:
        """Close with a plain message; details go to a private log without case text."""
        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        self.save_all()  # whatever can still be saved, is
        from rich.text import Text

        from storage.errors import StorageError

        if isinstance(error, StorageError):  # the database's own plain words say what to do
            self.panic(Text(f"gq-pods had to stop. {error.title}.\n{error}"))
            return
        self.panic(Text(crashlog.plain_message(error)))

    def on_unmount(self) -> None:
        if self.repository is not None and self._owns_repository:
            self.repository.close()
