"""T12: a corrupt embedded store at start-up (0 bytes, truncated, wrong format version).

Every way in refuses it, naming the file, and leaves it untouched: the CLI
reading (`export`) and writing (`load`) exit 1 with one line, the API server
does not start. Nothing ever starts empty and then overwrites the file.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import POLICYGRAPH, REPO, env_for, synthetic_graph, uvicorn_command, write_store

from graph.memory import GRAPH_FILE

Run = Callable[..., subprocess.CompletedProcess[str]]


def damage(file: Path, kind: str) -> str:
    """Damage a closed store file; the reason its refusal must give."""
    content = file.read_bytes()
    if kind == "zero-bytes":
        file.write_bytes(b"")
        return "the file is empty (0 bytes)"
    if kind == "truncated":
        file.write_bytes(content[: len(content) // 3])
        return f"the file is truncated ({len(content) // 3} bytes of {len(content)})"
    # Written by a future version of the code: a valid SQLite file, another format version.
    with sqlite3.connect(file) as conn:
        conn.execute("PRAGMA user_version = 3")
    conn.close()
    return "format version 3, this code reads 2"


@pytest.fixture(params=["zero-bytes", "truncated", "wrong-version"])
def corrupt_home(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, Path, bytes, str]:
    """A POLICYGRAPH_HOME whose store is damaged: home, file, its bytes, the reason."""
    home = write_store(tmp_path / "home", synthetic_graph(300))
    file = home / "store" / GRAPH_FILE
    reason = damage(file, request.param)
    return home, file, file.read_bytes(), reason


def test_the_cli_refuses_a_corrupt_store_naming_it_and_leaves_it_untouched(
    corrupt_home: tuple[Path, Path, bytes, str], tmp_path: Path
) -> None:
    home, file, content, reason = corrupt_home
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "note.txt").write_text("The commerce ministry extended the licence rule to gallium.\n", encoding="utf-8")
    folder_before = sorted(p.name for p in file.parent.iterdir())

    def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
        command = [str(POLICYGRAPH), *map(str, args)]
        return subprocess.run(command, env=env_for(home), capture_output=True, text=True, timeout=300)

    read, write = run("export"), run("load", docs)

    for result in (read, write):
        assert result.returncode == 1, result.stderr
        assert result.stderr == f"policygraph: error: cannot read the store file {file}: {reason}; " + (
            "it was left untouched; restore it from a backup or move it aside to start an empty store\n"
        )
        assert result.stdout == ""
    assert file.read_bytes() == content
    assert sorted(p.name for p in file.parent.iterdir()) == folder_before


def test_the_api_server_refuses_to_start_on_a_corrupt_store(corrupt_home: tuple[Path, Path, bytes, str]) -> None:
    home, file, content, reason = corrupt_home

    result = subprocess.run(
        uvicorn_command(0), env=env_for(home), capture_output=True, text=True, timeout=120, cwd=REPO
    )

    assert result.returncode != 0
    assert f"cannot read the store file {file}: {reason}" in result.stderr
    assert file.read_bytes() == content


def test_moving_the_corrupt_file_aside_starts_an_empty_store(corrupt_home: tuple[Path, Path, bytes, str]) -> None:
    """The way out the message names works, and the damaged file stays where it was put."""
    home, file, content, _ = corrupt_home
    aside = file.with_name("graph.db.damaged")
    shutil.move(file, aside)

    result = subprocess.run(
        [str(POLICYGRAPH), "export"], env=env_for(home), capture_output=True, text=True, timeout=300
    )

    assert result.returncode == 0, result.stderr
    assert '"nodes": []' in result.stdout
    assert aside.read_bytes() == content
