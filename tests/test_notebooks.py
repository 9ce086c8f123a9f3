"""The committed notebooks: stripped of outputs, over the public API only, each linked from the README.

Running them on the embedded store is nbmake's job (`pytest --nbmake notebooks`);
these checks keep the repository copies clean: a notebook committed with its
outputs carries a stale run (and whatever paths and timings it printed) into
every diff, and one that reaches for a private helper (`_name`) breaks when that
helper changes. A notebook with a part only Neo4j runs (it reads
`settings.neo4j_uri`) is also executed here on the session's Neo4j server, so
that part fails CI too when it breaks.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any

import nbformat
import pytest
from conftest import Neo4jServer
from nbclient import NotebookClient

from graph.neo4j import Neo4jStore

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
#: Seconds one cell may run: loading the corpus into Neo4j is the slow one.
CELL_TIMEOUT = 600


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


def neo4j_parts() -> list[Path]:
    """The notebooks with a part that runs only when Neo4j is configured."""
    return [p for p in NOTEBOOKS if any("settings.neo4j_uri" in source(c) for c in code_cells(p))]


@pytest.mark.parametrize("path", neo4j_parts(), ids=lambda p: p.name)
def test_notebook_runs_on_neo4j(
    path: Path, neo4j_server: Neo4jServer, neo4j_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Top to bottom with NEO4J_URI set (the kernel inherits the environment), on an emptied database."""
    monkeypatch.setenv("NEO4J_URI", neo4j_server.uri)
    monkeypatch.setenv("NEO4J_USERNAME", neo4j_server.username)
    monkeypatch.setenv("NEO4J_DATABASE", neo4j_server.database)
    if neo4j_server.password is None:
        monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("NEO4J_PASSWORD", neo4j_server.password)
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=CELL_TIMEOUT, resources={"metadata": {"path": str(path.parent)}}).execute()
    printed = "".join(o.get("text", "") for c in notebook.cells if c.cell_type == "code" for o in c.outputs)
    assert f"neo4j {neo4j_server.uri}" in printed, "the notebook did not open the Neo4j store"
    assert "skipping" not in printed


def test_private_names_are_found() -> None:
    """The check above can fail: it sees private imports and attributes, and leaves dunders alone."""
    code = "from api.service import _extractor\nimport graph._x\nservice._resolver(1)\nx.__class__\n"
    assert private_names(code) == ["_extractor", "_x", "_resolver"]
