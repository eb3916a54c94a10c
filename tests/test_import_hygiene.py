"""gq_pods is the practice itself: it must never pull in Textual, SQLAlchemy or Alembic,
and `gq-pods --version` / `where` must not load them either (they would make the
command slow and tie the practice to one face)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("textual", "sqlalchemy", "alembic", "rich")


def modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout
    return {line.split(".")[0] for line in out.splitlines()}


def test_the_practice_package_imports_no_ui_or_database_library():
    pure = sorted(p.stem for p in (ROOT / "gq_pods").glob("*.py") if p.stem not in ("__main__", "cli"))
    code = "\n".join(f"import gq_pods.{name}" for name in pure)
    loaded = modules_after(code)
    assert not loaded & set(HEAVY), f"gq_pods pulled in {sorted(loaded & set(HEAVY))}"


def test_version_and_where_load_neither_textual_nor_sqlalchemy():
    code = (
        "import contextlib, io\n"
        "from gq_pods import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    cli.main(['where'])\n"
        "    try:\n"
        "        cli.main(['--version'])\n"
        "    except SystemExit:\n"
        "        pass\n"
    )
    loaded = modules_after(code)
    assert not loaded & set(HEAVY)
