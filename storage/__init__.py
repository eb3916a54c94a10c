"""SQLAlchemy storage for gq-pods: engine, tables, migrations, repository.

Importing ``storage`` loads nothing: the app imports it after its first frame.
``from storage import Repository`` (and the error classes) resolve lazily.
"""

from __future__ import annotations

from typing import Any

_LAZY = {
    "Repository": "storage.repository",
    "PodChanged": "storage.errors",
    "PodNotFound": "storage.errors",
    "DatabaseTooNew": "storage.errors",
    "MigrationFailed": "storage.errors",
    "NotAPodsDatabase": "storage.errors",
    "StorageError": "storage.errors",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'storage' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
