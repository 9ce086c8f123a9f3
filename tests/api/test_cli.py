"""The installed `policygraph` command, run as a user runs it: a subprocess with its own environment."""

from __future__ import annotations

import json
import socket
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from conftest import NOTE_ID, POLICYGRAPH, SEFCOVIC, document_ids, env_for
from filelock import FileLock

from graph.memory import GRAPH_FILE, LOCK_FILE
from ontology.contract import GraphData, graph_errors

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """Two readable stories and their manifest."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "ports.txt").write_text(
        "Logo 2 June 2025\n\nPorts check magnets\n\nCustoms officers began checking magnet shipments on Monday.\n",
        encoding="utf-8",
    )
    (folder / "quota.md").write_text("# Quota cut\n\nThe smelting quota was cut by a fifth.\n", encoding="utf-8")
    row = {"file": "quota.md", "published": "2025-06-03", "title": "Quota cut by a fifth"}
    (folder / "manifest.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    return folder


def contract(stdout: str) -> GraphData:
    data = GraphData.model_validate_json(stdout)
    assert data.contract == 1
    assert graph_errors(data) == []
    return data


def test_extract_prints_contract_json_and_touches_no_store(run_cli: Run, docs: Path, tmp_path: Path) -> None:
    result = run_cli("extract", docs, "--manifest", docs / "manifest.jsonl")

    assert result.returncode == 0, result.stderr
    data = contract(result.stdout)
    assert {d.id: d.published for d in data.documents} == dict(
        zip(document_ids(docs, "ports.txt", "quota.md"), ["2025-06-02", "2025-06-03"], strict=True)
    )
    assert "extracted 2 documents, skipped 0 files, 0 failed" in result.stderr
    assert not (tmp_path / "home").exists()


def test_extract_names_each_file_it_could_not_use_and_exits_1(run_cli: Run, docs: Path) -> None:
    (docs / "broken.txt").write_bytes(b"\xff\xfe\x00\x01")
    (docs / "table.json").write_text("{}", encoding="utf-8")

    result = run_cli("extract", docs, "--manifest", docs / "manifest.jsonl")

    assert result.returncode == 1
    assert [d.id for d in contract(result.stdout).documents] == document_ids(docs, "ports.txt", "quota.md")
    problems = [line for line in result.stderr.splitlines() if ": failed: " in line or ": skipped: " in line]
    assert problems == [
        f"{docs / 'table.json'}: skipped: not a kind of file this tool reads",
        f"{docs / 'broken.txt'}: failed: the file is binary, not text",
    ]


def test_load_then_load_again_changes_nothing(run_cli: Run, docs: Path, tmp_path: Path) -> None:
    first = run_cli("load", docs, "--manifest", docs / "manifest.jsonl")
    exported = run_cli("export")
    second = run_cli("load", docs, "--manifest", docs / "manifest.jsonl")

    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    assert first.stdout.startswith("loaded 2 documents, skipped 0 files, 0 failed; ")
    assert first.stdout == second.stdout
    assert f"in embedded {tmp_path / 'home' / 'store'}" in first.stdout
    assert run_cli("export").stdout == exported.stdout
    data = contract(exported.stdout)
    assert [d.id for d in data.documents] == document_ids(docs, "ports.txt", "quota.md")
    assert f"{len(data.nodes)} nodes, {len(data.edges)} edges" in first.stdout


def test_load_exits_1_naming_each_failed_file_and_keeps_the_rest(run_cli: Run, docs: Path) -> None:
    (docs / "empty.md").write_bytes(b"")

    result = run_cli("load", docs, "--manifest", docs / "manifest.jsonl")

    assert result.returncode == 1
    assert f"{docs / 'empty.md'}: failed: the file is empty" in result.stderr.splitlines()
    assert result.stdout.startswith("loaded 2 documents, skipped 0 files, 1 failed; ")
    assert [d.id for d in contract(run_cli("export").stdout).documents] == document_ids(docs, "ports.txt", "quota.md")


def test_bad_arguments_exit_2_with_one_line_and_no_traceback(run_cli: Run, docs: Path, tmp_path: Path) -> None:
    missing = run_cli("load", docs / "nowhere.txt")
    bad_manifest = run_cli("extract", docs, "--manifest", docs / "ports.txt")
    bad_format = run_cli("export", "--format", "xml")

    assert (missing.returncode, missing.stderr) == (
        2,
        f"policygraph: error: {docs / 'nowhere.txt'}: no such file or folder\n",
    )
    assert bad_manifest.returncode == 2
    assert bad_manifest.stderr.startswith(f"policygraph: error: {docs / 'ports.txt'}:1: not a manifest line")
    assert bad_format.returncode == 2
    assert "'xml' is not one of 'json'" in bad_format.stderr
    assert "Traceback" not in missing.stderr + bad_manifest.stderr + bad_format.stderr
    assert not (tmp_path / "home" / "store" / GRAPH_FILE).exists()


def test_a_second_writer_waits_for_the_first_and_loads(run_cli: Run, docs: Path, tmp_path: Path) -> None:
    folder = tmp_path / "home" / "store"
    folder.mkdir(parents=True)
    lock = FileLock(folder / LOCK_FILE, thread_local=False)
    lock.acquire()  # another writer, mid-write
    released = threading.Timer(3.0, lock.release)
    released.start()
    try:
        result = run_cli("load", docs, "--manifest", docs / "manifest.jsonl")
    finally:
        released.join()

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("loaded 2 documents")
    assert [d.id for d in contract(run_cli("export").stdout).documents] == document_ids(docs, "ports.txt", "quota.md")


def test_a_corrupt_store_exits_1_naming_the_file_and_leaves_it(run_cli: Run, store_home: Path) -> None:
    file = store_home / "store" / GRAPH_FILE
    torn = file.read_bytes()[:1000]
    file.write_bytes(torn)

    result = run_cli("export", home=store_home)

    assert result.returncode == 1
    assert result.stderr.startswith(f"policygraph: error: cannot read the store file {file}: the file is truncated")
    assert file.read_bytes() == torn


def test_the_home_option_overrides_the_environment(run_cli: Run, store_home: Path, tmp_path: Path) -> None:
    from_env = contract(run_cli("export", home=store_home).stdout)
    from_option = contract(run_cli("--home", store_home, "export", home=tmp_path / "elsewhere").stdout)

    assert SEFCOVIC in {n.id for n in from_env.nodes}
    assert from_option == from_env


def test_serve_runs_the_api_over_the_configured_store(serving: Callable, store_home: Path) -> None:
    def command(port: int) -> list[str]:
        return [str(POLICYGRAPH), "--home", str(store_home), "serve", "--port", str(port)]

    with serving(command, store_home.parent / "unused-home") as url:
        health = httpx.get(f"{url}/health").json()

    assert health["backend"] == f"embedded {store_home / 'store'}"
    assert health["counts"]["nodes"] > 0


def test_the_extract_of_the_seeds_is_valid_contract_json(run_cli: Run, seeds: Path) -> None:
    result = run_cli("extract", seeds, "--manifest", seeds / "manifest.jsonl")

    assert result.returncode == 0, result.stderr
    data = contract(result.stdout)
    assert len(data.documents) == 3
    assert {d.published for d in data.documents} == {"2025-05-29", "2025-06-12", "2025-05-14"}


def test_help_lists_every_command_and_the_exit_codes(run_cli: Run) -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("extract", "load", "delete", "export", "serve"):
        assert command in result.stdout
    assert "Exit codes" in result.stdout
    assert "3 serve could not start" in " ".join(result.stdout.split())


def test_delete_retracts_a_document_and_an_unknown_one_exits_2(run_cli: Run, store_home: Path) -> None:
    result = run_cli("delete", NOTE_ID, home=store_home)

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"deleted {NOTE_ID}: 10 nodes and 18 edges removed")
    assert contract(run_cli("export", home=store_home).stdout).nodes == []
    again = run_cli("delete", NOTE_ID, home=store_home)
    assert again.returncode == 2
    assert again.stderr == f"policygraph: error: no document with id '{NOTE_ID}'\n"


def test_serve_on_a_port_in_use_exits_3_naming_it(run_cli: Run, store_home: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("serve", "--port", port, home=store_home)

    assert result.returncode == 3
    assert result.stderr.startswith(f"policygraph: error: cannot serve on 127.0.0.1:{port}: ")


def test_an_invalid_port_setting_is_named_and_exits_2(tmp_path: Path) -> None:
    env = {**env_for(tmp_path / "home"), "POLICYGRAPH_PORT": "eighty"}
    result = subprocess.run([str(POLICYGRAPH), "serve"], env=env, capture_output=True, text=True, timeout=60)

    assert result.returncode == 2
    assert result.stderr.startswith("policygraph: error: invalid settings: POLICYGRAPH_PORT='eighty': ")
