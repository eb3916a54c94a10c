"""Alembic environment for gq-pods.

Run only through :mod:`storage.migrate`, which hands over a connection that is
already inside a ``BEGIN IMMEDIATE`` transaction with foreign keys off, and
checks ``foreign_key_check`` before it commits. There is no alembic.ini.
"""

from __future__ import annotations

from alembic import context

from storage.tables import metadata

config = context.config


def run_offline() -> None:
    # SQL scripts only (used to check that migrations render for PostgreSQL).
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError(
            "gq-pods migrations run only through storage.migrate.ensure_current, "
            "which backs up the database and turns foreign keys off first."
        )
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
