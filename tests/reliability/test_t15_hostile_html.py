"""T15: hostile or odd HTML, loaded in one batch by the CLI, and read one by one.

Windows-1252 bytes declared by `<meta charset>` (and by `http-equiv`) decode as
declared; invalid UTF-8 with no charset is refused with the byte named; a 50 MB
page is refused unread; 100,000-deep nesting neither crashes nor hangs; one
paragraph of a million characters (beyond what spaCy parses in one piece) is
read; links, images, frames and scripts pointing at loopback or `file://` are
never fetched: a sink on loopback records no request, and no file's content
appears in the graph.
"""

from __future__ import annotations

import http.server
import json
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import POLICYGRAPH, env_for

from loaders.documents import SourceDocument, read_documents
from ontology.contract import GraphData

STORY = "The commerce ministry extended its licence rule to gallium and germanium on Monday, officials said."
QUOTED = "Müller’s “licence” – café"


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>Odd page</title></head><body><article><p>{body}</p></article></body></html>"


@pytest.fixture(scope="module")
def sink() -> Iterator[tuple[str, list[str]]]:
    """An HTTP server on loopback that records every request it gets: its URL and the list of paths asked."""
    hits: list[str] = []

    class Record(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"root:x:0:0 fetched")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Record)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def files(url: str) -> dict[str, bytes]:
    """The odd pages, by file name."""
    links = (
        f'<a href="{url}/a">a link</a> <img src="{url}/img.png"> <iframe src="{url}/frame"></iframe>'
        f'<a href="file:///etc/passwd">passwd</a> <img src="file:///etc/shadow">'
    )
    head_links = (
        f'<link rel="stylesheet" href="{url}/style.css"><script src="{url}/script.js"></script>'
        f'<meta http-equiv="refresh" content="0; url={url}/refresh">'
    )
    deep = "<div>" * 100_000 + f"<p>{STORY}</p>" + "</div>" * 100_000
    return {
        "cp1252.html": page(f"{STORY} {QUOTED}.", '<meta charset="windows-1252">').encode("cp1252"),
        "cp1252-http-equiv.html": page(
            f"{STORY} {QUOTED}.", '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        ).encode("cp1252"),
        "invalid-utf8.html": page(STORY).encode() + b"<p>caf\xe9 \xff\xfe broken</p>",
        "huge.html": page(STORY + " " + "filler words " * (50 * 1024 * 1024 // 13)).encode(),
        "deep.html": f"<html><body>{deep}</body></html>".encode(),
        "one-paragraph.html": page((STORY + " ") * 10_100).encode(),
        "links.html": page(f"{STORY} {links}", head_links).encode(),
    }


@pytest.fixture(scope="module")
def batch(
    tmp_path_factory: pytest.TempPathFactory, sink: tuple[str, list[str]]
) -> tuple[Path, subprocess.CompletedProcess[str], GraphData]:
    """The odd pages and a plain note loaded in one run: the folder, the run, the stored graph."""
    root = tmp_path_factory.mktemp("t15")
    folder = root / "docs"
    folder.mkdir()
    for name, content in files(sink[0]).items():
        (folder / name).write_bytes(content)
    (folder / "plain-note.txt").write_text(STORY + "\n", encoding="utf-8")
    env = env_for(root / "home")
    run = subprocess.run([str(POLICYGRAPH), "load", folder], env=env, capture_output=True, text=True, timeout=900)
    exported = subprocess.run([str(POLICYGRAPH), "export"], env=env, capture_output=True, text=True, timeout=300)
    assert exported.returncode == 0, exported.stderr
    return folder, run, GraphData.model_validate(json.loads(exported.stdout))


def failed_lines(run: subprocess.CompletedProcess[str]) -> dict[str, str]:
    return dict(line.split(": failed: ", 1) for line in run.stderr.splitlines() if ": failed: " in line)


def test_the_odd_pages_cost_one_line_each_and_the_batch_goes_on(
    batch: tuple[Path, subprocess.CompletedProcess[str], GraphData],
) -> None:
    folder, run, stored = batch
    failed = failed_lines(run)
    loaded = {d.id for d in stored.documents}

    assert "Traceback" not in run.stderr
    assert run.returncode == 1
    assert failed[str(folder / "invalid-utf8.html")].startswith(
        "the page's bytes are not valid text (no charset declared, so read as UTF-8; byte "
    )
    assert failed[str(folder / "huge.html")] == (
        f"the file is {(folder / 'huge.html').stat().st_size:,} bytes, more than the limit of 20,000,000 "
        "(POLICYGRAPH_MAX_FILE_BYTES)"
    )
    assert set(failed) <= {str(folder / n) for n in ("invalid-utf8.html", "huge.html", "deep.html")}, failed
    expected = {"document:cp1252", "document:cp1252-http-equiv", "document:one-paragraph", "document:links"}
    assert expected | {"document:plain-note"} <= loaded
    assert len(loaded) + len(failed) == 8
    assert {e.document for edge in stored.edges for e in edge.evidence} <= loaded


def test_nothing_a_page_links_to_is_fetched(
    batch: tuple[Path, subprocess.CompletedProcess[str], GraphData], sink: tuple[str, list[str]]
) -> None:
    _, _, stored = batch
    assert sink[1] == []
    assert "root:x:0:0" not in stored.model_dump_json()


@pytest.fixture(scope="module")
def read(sink: tuple[str, list[str]], tmp_path_factory: pytest.TempPathFactory) -> dict[str, SourceDocument]:
    """The readable pages read by the loader, for their text (the graph keeps only evidence)."""
    folder = tmp_path_factory.mktemp("t15-read")
    wanted = ("cp1252.html", "cp1252-http-equiv.html", "one-paragraph.html", "links.html")
    made = files(sink[0])
    paths = []
    for name in wanted:
        (folder / name).write_bytes(made[name])
        paths.append(folder / name)
    docs = dict(read_documents(paths))
    assert all(isinstance(d, SourceDocument) for d in docs.values()), docs
    return {p.name: docs[p] for p in paths}


@pytest.mark.parametrize("name", ["cp1252.html", "cp1252-http-equiv.html"])
def test_windows_1252_declared_by_the_page_decodes_as_declared(read: dict[str, SourceDocument], name: str) -> None:
    assert QUOTED in read[name].text


def test_a_million_character_paragraph_is_read_in_pieces_spacy_can_parse(read: dict[str, SourceDocument]) -> None:
    text = read["one-paragraph.html"].text
    assert len(text) > 1_000_000
    assert max(len(line) for line in text.splitlines()) <= 20_000


def test_links_leave_their_text_and_no_file_content(read: dict[str, SourceDocument]) -> None:
    text = read["links.html"].text
    assert STORY in text
    assert "root:" not in text
