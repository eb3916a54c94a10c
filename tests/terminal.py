"""Drive the real `gq-pods` program in a real terminal (tmux), as a person would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GQ_PODS = Path(sys.executable).parent / "gq-pods"


# How long a wait may last before the test fails. Waits end as soon as their condition
# holds, so this only bounds how long a real failure takes to report; on a busy 2-core
# CI machine the real program can take several seconds to start.
WAIT = 60.0

NAMED_KEYS = {"\t": "Tab", "\x1b": "Escape"}


def poll(condition, timeout: float = WAIT, every: float = 0.05) -> bool:
    """True as soon as ``condition()`` holds; False if it still does not after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        if condition():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(every)


def keys(term: "Terminal", *names: str, pause: float = 0.15) -> None:
    """Press keys at a person's pace, one after another.

    The pause is the person, not a wait for the app: every walk still waits on the screen
    for what each step must show. Bursts faster than a person are tested on their own
    (tests/test_keys_terminal.py, ten keys a second and keys typed straight after ``a``).
    """
    for name in names:
        term.press(name)
        time.sleep(pause)


def need_tmux() -> None:
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is needed for the real-terminal tests (.ci/run installs it)")
        pytest.skip("tmux is not installed")


class Terminal:
    """A tmux window running one command.

    With ``record``, every byte the command sends to the terminal, from its very first,
    is kept in that file (see :meth:`recorded`): what the terminal was told to do, before
    the terminal made a screen of it.
    """

    def __init__(
        self, command: list[str], env: dict[str, str], width: int = 80, height: int = 24, record: Path | None = None
    ) -> None:
        need_tmux()
        self.name = f"gq-test-{uuid.uuid4().hex[:8]}"
        self.socket = f"gq-test-{uuid.uuid4().hex[:8]}"
        self.status_file = Path(env["GQ_PODS_HOME"]) / f"{self.name}.status"
        self.status_file.parent.mkdir(parents=True, exist_ok=True)
        self.record = record
        exports = " ".join(f"{k}={_quote(v)}" for k, v in env.items())
        shell = f"env {exports} {' '.join(_quote(c) for c in command)}; echo $? > {_quote(str(self.status_file))}"
        size = ("-x", str(width), "-y", str(height))
        if record is None:
            self._tmux("new-session", "-d", "-s", self.name, *size, "bash", "-c", shell + "; sleep 30")
            return
        # An idle pane first, its output piped to the file, then the command started in it:
        # the recording misses nothing, and ends with a mark once the command has exited.
        self._tmux("new-session", "-d", "-s", self.name, *size, "sleep 600")
        self._tmux("pipe-pane", "-o", "-t", self.name, f"cat >> {_quote(str(record))}")
        self._tmux("respawn-pane", "-k", "-t", self.name, "bash", "-c", f"{shell}; printf %s {_quote(self._end_mark)}; sleep 30")

    @property
    def _end_mark(self) -> str:
        return f"[{self.name} ends]"

    def _tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        ).stdout

    def send(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", self.name, *keys)

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", self.name, "-l", text)

    def press(self, key: str) -> None:
        """One key: a name tmux knows ("Tab", "C-s", "F8"; "\t" and "\x1b" for Tab and
        Escape), or a single character, typed as itself."""
        key = NAMED_KEYS.get(key, key)
        if len(key) > 1:
            self.send(key)
        else:
            self.type(key)

    def paste(self, text: str) -> None:
        """Paste ``text`` as a terminal does (a bracketed paste, when the program asked for one)."""
        self._tmux("set-buffer", "-b", self.name, "--", text)
        self._tmux("paste-buffer", "-p", "-d", "-b", self.name, "-t", self.name)

    def recorded(self) -> str:
        """Everything the command sent to the terminal (``record``), once it has exited."""
        assert self.record is not None, "start the Terminal with record= to keep its output"
        self.exit_status()
        mark = self._end_mark.encode()
        self.wait_until(lambda: self.record.exists() and mark in self.record.read_bytes(), "the end of the recording")
        data = self.record.read_bytes()
        return data[: data.rindex(mark)].decode("utf-8", errors="replace")

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, text: str, timeout: float = WAIT) -> str:
        screen = ""

        def shown() -> bool:
            nonlocal screen
            screen = self.screen()
            return text in screen

        if not poll(shown, timeout):
            raise AssertionError(f"{text!r} did not appear on screen. The screen was:\n{screen}")
        return screen

    def wait_until(self, condition, what: str, timeout: float = WAIT) -> None:
        """Wait for something outside the screen (a database row, a file), failing with the screen."""
        if not poll(condition, timeout):
            raise AssertionError(f"{what} did not happen. The screen was:\n{self.screen()}")

    def exit_status(self, timeout: float = WAIT) -> int:
        def exited() -> bool:
            return self.status_file.exists() and bool(self.status_file.read_text().strip())

        self.wait_until(exited, "the program's exit")
        return int(self.status_file.read_text().strip())

    def pid_of_app(self) -> int | None:
        out = self._tmux("list-panes", "-t", self.name, "-F", "#{pane_pid}").strip()
        return int(out) if out else None

    def close(self) -> None:
        self._tmux("kill-server")


def make_env(home: Path) -> dict[str, str]:
    """The environment for the real program: its own data folder, a UTF-8 terminal."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GQ_PODS", "PYTEST", "TEXTUAL"))}
    env.update({"GQ_PODS_HOME": str(home), "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})
    return env


def gq(env: dict[str, str], *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run the real `gq-pods` command."""
    return subprocess.run([str(GQ_PODS), *args], capture_output=True, text=True, env=env, input=stdin, check=False)


def import_pod(env: dict[str, str], pod, folder: Path) -> int:
    """Put a pod into the program's database before it starts. Straight through the
    repository: the command line's import has its own tests, and a second process per pod
    costs CI seconds it does not need to spend."""
    from storage.repository import Repository

    repo = Repository.open(database_url(env))
    try:
        return repo.add_pod(pod)
    finally:
        repo.close()


def small_pod(case: str, **fields):
    """A pod for a terminal test: the case, SP facilitating, JR presenting, and ``fields``."""
    from gq_pods.model import Participant, Pod

    return Pod(case_reference=case, participants=[Participant("SP", "facilitator"), Participant("JR", "presenter")],
               **fields)


def open_pod_in_terminal(env: dict[str, str], case: str, width: int = 80, height: int = 24,
                         record: Path | None = None) -> Terminal:
    """The real program started on the home list, and the pod listed as ``case`` opened with Enter
    (put it in the database first with :func:`import_pod`). The caller closes the terminal."""
    term = Terminal([str(GQ_PODS)], env, width, height, record=record)
    try:
        term.wait_for(case)
        term.send("Enter")
    except BaseException:
        term.close()
        raise
    return term


def database_url(env: dict[str, str]) -> str:
    """The SQLite database the real program uses with this environment."""
    return f"sqlite:///{Path(env['GQ_PODS_HOME']) / 'data' / 'pods.sqlite3'}"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"
