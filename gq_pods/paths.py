"""Where gq-pods keeps things: data, config and log folders.

``GQ_PODS_HOME`` (used by tests and by anyone who wants everything in one place)
puts all three under one folder. Otherwise platformdirs decides.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "gq-pods"


def _home() -> Path | None:
    home = os.environ.get("GQ_PODS_HOME")
    return Path(home) if home else None


def data_dir() -> Path:
    home = _home()
    if home:
        return home / "data"
    import platformdirs

    return platformdirs.user_data_path(APP_NAME)


def config_dir() -> Path:
    home = _home()
    if home:
        return home / "config"
    import platformdirs

    return platformdirs.user_config_path(APP_NAME)


def log_dir() -> Path:
    home = _home()
    if home:
        return home / "log"
    import platformdirs

    return platformdirs.user_log_path(APP_NAME)


def default_db_path() -> Path:
    return data_dir() / "pods.sqlite3"


def default_db_url() -> str:
    return f"sqlite:///{default_db_path()}"


def db_url(cli_value: str | None = None) -> str:
    """The database to use: --db, else GQ_PODS_DB, else the private default."""
    return cli_value or os.environ.get("GQ_PODS_DB") or default_db_url()


def log_file() -> Path:
    return log_dir() / "gq-pods.log"


def exports_dir() -> Path:
    """Where the app suggests saving exported records (the folder is made private)."""
    home = _home()
    if home:
        return home / "exports"
    return Path.home() / "gq-pods-exports"
