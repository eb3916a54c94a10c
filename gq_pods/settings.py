"""The app's own preferences (the chosen theme), kept in the config folder."""

from __future__ import annotations

import json
from pathlib import Path

from . import paths
from .safefile import private_dir, write_private

FILE_NAME = "settings.json"
DEFAULT_THEME = "textual-dark"


def settings_path() -> Path:
    return paths.config_dir() / FILE_NAME


def load_settings(path: Path | None = None) -> dict:
    path = path or settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_setting(key: str, value: object, path: Path | None = None) -> None:
    path = path or settings_path()
    data = load_settings(path)
    data[key] = value
    private_dir(path.parent)
    write_private(path, json.dumps(data, indent=2, sort_keys=True) + "\n")
