"""What can go wrong with the pod store, in words a practitioner can read.

Kept apart (and free of SQLAlchemy and Alembic) so the app can catch these
without loading either.
"""

from __future__ import annotations


class StorageError(Exception):
    """Base for every storage problem the app should show as a plain message."""


class PodNotFound(StorageError, LookupError):
    """No pod with that id (never stored, or deleted, perhaps by someone else)."""

    def __init__(self, pod_id: object) -> None:
        super().__init__(f"There is no pod with id {pod_id}. It may have been deleted.")
        self.pod_id = pod_id


class DatabaseTooNew(StorageError):
    """The database was migrated by a later gq-pods than this one."""

    MESSAGE = (
        "This database was written by a newer version of gq-pods. "
        "Install the newer version to open it; nothing was changed."
    )

    def __init__(self, revision: str | None = None) -> None:
        super().__init__(self.MESSAGE)
        self.revision = revision


class NotAPodsDatabase(StorageError):
    """The file or database holds something other than gq-pods data."""

    def __init__(self, where: str = "") -> None:
        super().__init__(
            "This is not a gq-pods database, so gq-pods will not write to it; nothing was changed."
            + (f" ({where})" if where else "")
        )


class MigrationFailed(StorageError):
    """Upgrading the database's layout failed; the upgrade was rolled back."""

    def __init__(self, reason: str, backup: object = None) -> None:
        message = f"Upgrading the database failed ({reason}), so nothing was changed."
        if backup is not None:
            message += f" A copy taken before the upgrade is at {backup}."
        super().__init__(message)
        self.reason = reason
        self.backup = backup
