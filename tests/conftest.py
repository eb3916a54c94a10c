"""Shared fixtures. Every test runs with its own data, config and log folders,
so nothing reads or writes the tester's own pods or settings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def gq_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "gq-home"
    monkeypatch.setenv("GQ_PODS_HOME", str(home))
    monkeypatch.delenv("GQ_PODS_DB", raising=False)
    return home


@pytest.fixture
def db_url(gq_home: Path) -> str:
    return f"sqlite:///{gq_home / 'data' / 'pods.sqlite3'}"


@pytest.fixture
def repo(db_url: str):
    from storage.repository import Repository

    repository = Repository.open(db_url)
    yield repository
    repository.close()


def pytest_configure(config: pytest.Config) -> None:
    # Keep Textual's own animations and devtools out of the tests.
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
