"""Alembic migrations, shipped inside the package and run by storage.migrate."""
