"""What can go wrong with the pod store, in words a practitioner can read.

Every error here says what happened, that nothing was changed (when that is
so), what to do next, and where a copy of the database is when one was taken.
``str(error)`` is that message; ``error.title`` is a short heading for a
message box. None of them ever quotes case text.

Kept apart (and free of SQLAlchemy and Alembic) so the app can catch these
without loading either.
"""

from __future__ import annotations

ASK = "ask whoever looks after gq-pods for your team"


def _copies(backups: object) -> str:
    return f" Copies taken before upgrades are in {backups}." if backups else ""


class StorageError(Exception):
    """Base for every storage problem the app should show as a plain message."""

    title = "The pods could not be opened"


class PodNotFound(StorageError, LookupError):
    """No pod with that id (never stored, or deleted, perhaps by someone else)."""

    title = "That pod is no longer there"

    def __init__(self, pod_id: object) -> None:
        super().__init__(f"There is no pod with id {pod_id}. It may have been deleted.")
        self.pod_id = pod_id


class PodChanged(StorageError):
    """Another copy of gq-pods saved the pod since this copy read it; nothing was written."""

    title = "Changed in another copy"

    def __init__(self, pod_id: object) -> None:
        super().__init__(
            f"Pod {pod_id} was saved by another copy of gq-pods since it was opened here, "
            "so nothing was written over it. Open it again to see both sets of changes."
        )
        self.pod_id = pod_id


class NotInChain(StorageError):
    """A link between pods that would break the case's chain (a pod following itself, a loop,
    a pod already followed up, or one no longer there); nothing was written."""

    title = "That pod cannot follow that one"


class PodUnreadable(StorageError):
    """One pod's record holds something gq-pods cannot read; the other pods are fine."""

    title = "This pod could not be read"

    def __init__(self, pod_id: object, where: str = "", backups: object = None) -> None:
        part = f" (its {where})" if where else ""
        super().__init__(
            f"Pod {pod_id} could not be read: part of its record{part} is damaged in the database. "
            "Your other pods are not affected, and nothing was changed. "
            f"To get this one back, {ASK}: it can be restored from a copy.{_copies(backups)}"
        )
        self.pod_id = pod_id
        self.where = where


class DatabaseTooNew(StorageError):
    """The database was migrated by a later gq-pods than this one."""

    title = "This database is from a newer gq-pods"
    MESSAGE = (
        "This database was written by a newer version of gq-pods. "
        "Install the newer version to open it; nothing was changed."
    )

    def __init__(self, revision: str | None = None) -> None:
        super().__init__(self.MESSAGE)
        self.revision = revision


class NotAPodsDatabase(StorageError):
    """The file or database holds something other than gq-pods data."""

    title = "This is not a gq-pods database"

    def __init__(self, where: str = "", reason: str = "") -> None:
        place = f"{where} is" if where else "This is"
        why = f" ({reason})" if reason else ""
        super().__init__(
            f"{place} not a gq-pods database{why}, so gq-pods will not write to it; nothing was changed. "
            "Check the database you gave with --db or GQ_PODS_DB. To start a new database at this "
            "place, move the file somewhere else first."
        )
        self.where = where
        self.reason = reason


class DatabaseDamaged(StorageError):
    """The database file (or a table in it) is damaged or missing a part."""

    title = "The database is damaged"

    def __init__(self, where: str, reason: str = "", backups: object = None) -> None:
        why = f" ({reason})" if reason else ""
        super().__init__(
            f"The database {where} could not be read: it is damaged{why}. Nothing was changed. "
            f"Keep the file as it is and {ASK}; it may be repairable.{_copies(backups)} "
            "To carry on with a new, empty database meanwhile, move the file somewhere else."
        )
        self.where = where
        self.reason = reason


class DatabaseBusy(StorageError):
    """Another copy of gq-pods (or another program) held the database for too long."""

    title = "The database is busy"

    def __init__(self) -> None:
        super().__init__(
            "The database is busy: another copy of gq-pods or another program is using it. "
            "Nothing was lost. Try again in a moment."
        )


class DatabaseUnavailable(StorageError):
    """The database could not be reached or written: permissions, disk, server."""

    title = "The database could not be used"

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(
            f"gq-pods could not use the database {where}: {reason}. Nothing was changed. "
            f"Check the place and try again, or {ASK}."
        )
        self.where = where
        self.reason = reason


class MigrationFailed(StorageError):
    """Upgrading the database's layout failed; the upgrade was rolled back."""

    title = "The database could not be upgraded"

    def __init__(self, reason: str, backup: object = None) -> None:
        message = f"Upgrading the database failed ({reason}), so nothing was changed."
        if backup is not None:
            message += f" A copy taken before the upgrade is at {backup}."
        message += f" Your pods are as they were: keep using the gq-pods you had before, and {ASK}."
        super().__init__(message)
        self.reason = reason
        self.backup = backup
