"""The committed notebooks: stripped of outputs, over the public API only, each linked from the README.

Running them is nbmake's job (`pytest --nbmake notebooks`); these checks keep the
repository copies clean: a notebook committed with its outputs carries a stale
run (and whatever paths and timings it printed) into every diff, and one that
reaches for a private helper (`_name`) breaks when that helper changes.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


def code_cells(path: Path) -> list[dict[str, Any]]:
    """The code cells of a notebook, as stored."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [c for c in cells if c["cell_type"] == "code"]


def source(cell: dict[str, Any]) -> str:
    text = cell["source"]
    return text if isinstance(text, str) else "".join(text)


def private_names(code: str) -> list[str]:
    """Names starting with one underscore (not dunders) that the code imports or reads as attributes."""
    found: list[str] = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.ImportFrom):
            found += [a.name for a in node.names] + ([node.module] if node.module else [])
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.Attribute):
            found.append(node.attr)
    parts = [part for name in found for part in name.split(".")]
    return [p for p in parts if p.startswith("_") and not (p.startswith("__") and p.endswith("__"))]


def readme_notebooks() -> str:
    """The README's Notebooks section."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return readme.split("\n## Notebooks\n", 1)[1].split("\n## ", 1)[0] if "\n## Notebooks\n" in readme else ""


def test_readme_links_only_notebooks_that_exist() -> None:
    linked = re.findall(r"\]\(notebooks/([^)]+\.ipynb)\)", readme_notebooks())
    assert linked, "the README has no Notebooks section linking the notebooks"
    missing = sorted(set(linked) - {p.name for p in NOTEBOOKS})
    assert not missing, f"the README links notebooks that do not exist: {missing}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stripped(path: Path) -> None:
    """No outputs and no execution counts in the committed file."""
    dirty = [i for i, c in enumerate(code_cells(path)) if c.get("outputs") or c.get("execution_count") is not None]
    assert not dirty, f"{path.name}: code cells {dirty} have outputs or execution counts; clear them before committing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_uses_no_private_names(path: Path) -> None:
    used = sorted({name for cell in code_cells(path) for name in private_names(source(cell))})
    assert not used, f"{path.name} uses private names {used}: use the service layer's public functions"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_linked_from_readme(path: Path) -> None:
    assert f"(notebooks/{path.name})" in readme_notebooks(), f"the README's Notebooks section does not link {path.name}"


def test_private_names_are_found() -> None:
    """The check above can fail: it sees private imports and attributes, and leaves dunders alone."""
    code = "from api.service import _extractor\nimport graph._x\nservice._resolver(1)\nx.__class__\n"
    assert private_names(code) == ["_extractor", "_x", "_resolver"]
