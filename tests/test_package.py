"""The built package works, not only the editable install: the wheel holds every data file and extracts a document.

The wheel is built from the working tree and installed, without its
dependencies, into a fresh virtualenv that borrows them from the project's
own (a path file pointing at its site-packages), so the test needs no network
beyond what pip's cache already holds and takes seconds, not minutes. It runs
outside the clone, so nothing is imported from the working tree.
"""

from __future__ import annotations

import json
import shutil
import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import REPO

from ontology.contract import GraphData

PACKAGES = ("ontology", "loaders", "graph", "api")
#: Files of a package that are code or caches, not data a wheel must carry.
NOT_DATA = (".py", ".pyc")


def data_files() -> list[str]:
    """Every data file tracked in the packages, as a path inside the wheel."""
    return sorted(p for p in tracked() if p.split("/")[0] in PACKAGES and not p.endswith(NOT_DATA))


def tracked() -> list[str]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, text=True, check=True)
    return [p for p in listed.stdout.split("\0") if p and (REPO / p).is_file()]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from a copy of the tracked files, as a clean clone would build it (no stale build/)."""
    clone = tmp_path_factory.mktemp("clone")
    for path in tracked():
        (clone / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / path, clone / path)
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(clone)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert build.returncode == 0, build.stderr
    [built] = out.glob("policygraph-*.whl")
    return built


def test_the_wheel_holds_every_data_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert data_files(), "no data files found: is this a git checkout?"
    assert [f for f in data_files() if f not in names] == []


def test_the_installed_wheel_extracts_a_document(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "fresh"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    fresh_site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # The dependencies come from the project's virtualenv; the project itself only from the wheel.
    (Path(fresh_site) / "borrowed.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--quiet", wheel],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert install.returncode == 0, install.stderr
    story = tmp_path / "story.txt"
    story.write_text(
        "Smelters face new curbs\n\nChina's Ministry of Commerce on 3 March 2026 announced export controls "
        "on gallium and germanium.\n",
        encoding="utf-8",
    )

    where = subprocess.run(
        [python, "-c", "import loaders, ontology; print(loaders.__file__); print(ontology.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    result = subprocess.run(
        [env_dir / "bin" / "policygraph", "extract", story], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )

    assert all(line.startswith(fresh_site) for line in where.stdout.splitlines()), where.stdout
    assert result.returncode == 0, result.stderr
    data = GraphData.model_validate(json.loads(result.stdout))
    assert {"element:ga", "element:ge", "ministry:cn-mofcom"} <= {n.id for n in data.nodes}
