"""The app's own preferences, kept in settings.json in the config folder.

``theme``: the chosen theme (the app remembers it).
``backups_kept``: how many copies of the database taken before upgrades are
kept (default 5, at least 1); the environment variable ``GQ_PODS_BACKUPS_KEPT``
wins over the file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from . import paths
from .safefile import private_dir, write_private
from .text import clean_all

FILE_NAME = "settings.json"
DEFAULT_THEME = "textual-dark"
DEFAULT_BACKUPS_KEPT = 5
BACKUPS_KEPT_ENV = "GQ_PODS_BACKUPS_KEPT"


def settings_path() -> Path:
    return paths.config_dir() / FILE_NAME


def load_settings(path: Path | None = None) -> dict:
    path = path or settings_path()
    try:
        data = clean_all(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_setting(key: str, value: object, path: Path | None = None) -> None:
    path = path or settings_path()
    data = load_settings(path)
    data[key] = value
    private_dir(path.parent)
    write_private(path, json.dumps(data, indent=2, sort_keys=True) + "\n")


def backups_kept(path: Path | None = None) -> int:
    """How many backups to keep: ``GQ_PODS_BACKUPS_KEPT``, else settings.json, else 5; never below 1.

    A value that is not a whole number is ignored (the next source is used):
    a typo must never make gq-pods delete every copy.
    """
    candidates: list[object] = [os.environ.get(BACKUPS_KEPT_ENV), load_settings(path).get("backups_kept")]
    for value in candidates:
        if isinstance(value, bool) or value is None:
            continue
        try:
            number = int(value.strip()) if isinstance(value, str) else value
        except ValueError:
            continue
        if isinstance(number, int):
            return max(1, number)
    return DEFAULT_BACKUPS_KEPT
