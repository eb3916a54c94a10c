"""The import contracts: which room may import which.

The practice (``gq_pods``) is plain Python a future web or mobile face could reuse, so it
imports no UI or database library and nothing from ``screens`` or ``storage``; only the one
module that wires the app together (``gq_pods/cli.py``) may reach out, and only inside the
commands that need it. ``storage`` never imports ``screens`` or Textual; ``screens`` reaches
storage only through the repository's small API.

Every import counts, including those inside functions and ``TYPE_CHECKING`` blocks: they are
read from the source with ``ast``, so a lazy import cannot slip past the contract.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The one module of gq_pods that wires the faces together.
WIRING = {"gq_pods/cli.py", "gq_pods/__main__.py"}
UI = ("textual", "rich")
DATABASE = ("sqlalchemy", "alembic")
# What screens may use of storage: the repository, the plain error classes and the pod list.
STORAGE_API = ("storage", "storage.repository", "storage.errors", "storage.listing")


@dataclass(frozen=True)
class Import:
    file: str
    line: int
    module: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line} imports {self.module}"


def imports_in(package: str) -> list[Import]:
    """Every module imported anywhere in the package's source, as a dotted name."""
    found: list[Import] = []
    for path in sorted((ROOT / package).rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
        here = rel.removesuffix(".py").replace("/", ".").removesuffix(".__init__")
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [Import(rel, node.lineno, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:  # relative: resolve against this module's package
                    base = here.split(".")
                    keep = len(base) - node.level + (path.name == "__init__.py")
                    base = base[:keep]
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                found.append(Import(rel, node.lineno, module))
            elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                "import_module",
                "__import__",
            ):
                # A module named in a string escapes the contract: name it where it stands.
                if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                    found.append(Import(rel, node.lineno, node.args[0].value))
    return found


def _is(module: str, roots: tuple[str, ...]) -> bool:
    return any(module == root or module.startswith(root + ".") for root in roots)


def test_the_reader_finds_imports_at_every_level(tmp_path: Path) -> None:
    """The contract is only as good as its reader: a lazy import inside a function counts."""
    assert any(i.module == "storage.repository" and i.file == "gq_pods/cli.py" for i in imports_in("gq_pods"))
    assert any(_is(i.module, UI) for i in imports_in("screens"))


def test_the_practice_imports_no_face_and_no_database() -> None:
    broken = [
        str(i)
        for i in imports_in("gq_pods")
        if i.file not in WIRING and _is(i.module, UI + DATABASE + ("screens", "storage"))
    ]
    assert broken == [], "gq_pods must stay plain Python:\n" + "\n".join(broken)


def test_storage_never_imports_the_screens() -> None:
    broken = [str(i) for i in imports_in("storage") if _is(i.module, UI + ("screens",))]
    assert broken == [], "storage must not know about the screens:\n" + "\n".join(broken)


def test_screens_reach_storage_only_through_the_repository() -> None:
    broken = [
        str(i)
        for i in imports_in("screens")
        if _is(i.module, ("storage",)) and i.module not in STORAGE_API or _is(i.module, DATABASE)
    ]
    assert broken == [], "screens use storage only through its repository:\n" + "\n".join(broken)


@pytest.mark.parametrize("package", ["gq_pods", "storage", "screens"])
def test_nothing_imports_a_module_that_does_not_exist(package: str) -> None:
    """A panel or migration named by a string that no longer exists breaks only at run time:
    every project module imported anywhere must be a file in the tree."""
    missing = []
    for i in imports_in(package):
        if not _is(i.module, ("gq_pods", "storage", "screens")):
            continue
        parts = i.module.split(".")
        # `from pkg import name` may name a module or an attribute: the package part must exist.
        candidates = [ROOT.joinpath(*parts).with_suffix(".py"), ROOT.joinpath(*parts, "__init__.py")]
        parent = [ROOT.joinpath(*parts[:-1]).with_suffix(".py"), ROOT.joinpath(*parts[:-1], "__init__.py")]
        if not any(p.exists() for p in candidates + parent):
            missing.append(str(i))
    assert missing == [], "\n".join(missing)
