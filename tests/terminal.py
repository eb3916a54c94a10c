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


def need_tmux() -> None:
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is needed for the real-terminal tests (.ci/run installs it)")
        pytest.skip("tmux is not installed")


class Terminal:
    """A tmux window running one command."""

    def __init__(self, command: list[str], env: dict[str, str], width: int = 80, height: int = 24) -> None:
        need_tmux()
        self.name = f"gq-test-{uuid.uuid4().hex[:8]}"
        self.socket = f"gq-test-{uuid.uuid4().hex[:8]}"
        self.status_file = Path(env["GQ_PODS_HOME"]) / f"{self.name}.status"
        self.status_file.parent.mkdir(parents=True, exist_ok=True)
        exports = " ".join(f"{k}={_quote(v)}" for k, v in env.items())
        shell = f"env {exports} {' '.join(_quote(c) for c in command)}; echo $? > {_quote(str(self.status_file))}"
        self._tmux(
            "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height),
            "bash", "-c", shell + "; sleep 30",
        )

    def _tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        ).stdout

    def send(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", self.name, *keys)

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", self.name, "-l", text)

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear on screen. The screen was:\n{screen}")

    def exit_status(self, timeout: float = 15.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.status_file.exists() and self.status_file.read_text().strip():
                return int(self.status_file.read_text().strip())
            time.sleep(0.1)
        raise AssertionError(f"the program did not exit. The screen was:\n{self.screen()}")

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
    """Put a pod into the program's database the way a person would: a pod file and `gq-pods import`."""
    from gq_pods.podfile import dumps

    folder.mkdir(parents=True, exist_ok=True)
    pod_file = folder / f"pod-{uuid.uuid4().hex[:8]}.json"
    pod_file.write_text(dumps(pod), encoding="utf-8")
    result = gq(env, "import", str(pod_file))
    assert result.returncode == 0, result.stderr
    return int(result.stdout.split()[-1])


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"
