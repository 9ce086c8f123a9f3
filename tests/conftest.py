"""Fixture strategy: real parts, small hand-written data, nothing shared between tests that a test can change.

- Stores are real `MemoryStore`s in pytest's `tmp_path`; nothing is mocked. A fault
  is injected only where the real fault cannot be produced on demand (a disk that
  fills up mid-write), by wrapping the real file object.
- `small_graph` is a hand-built graph that fits the ontology: two officials who
  met (PARTICIPATED_IN with evidence), a third official sharing a surname (for
  ambiguity), a ministry with aliases, three measures with different dates and
  statuses (for "in force on"), an element, and the document they were read from.
  Evidence offsets point into `NOTE_TEXT`, so `text == NOTE_TEXT[start:end]` holds.
- `store_home` is a POLICYGRAPH_HOME holding that graph, written through the store
  itself; the CLI and the API are pointed at such a folder through the environment.
- The CLI runs as the installed `policygraph` script in a subprocess (`run_cli`);
  the API as a real uvicorn process on a free loopback port (`serving`), once per
  test module over a store holding `small_graph` (`api_server`).
- Document texts are written by each test, never copied from the seeds. Tests that
  read the shared seed documents (`seeds`) skip when ../shared is absent, except
  under CI=true, where its absence is a failure.
- Neo4j is a real server, one per session (`neo4j_server`): the one NEO4J_URI names,
  else a throwaway Community server that scripts/neo4j_local.py starts from Maven
  Central jars. Without Java (or Maven, until the jars are cached) the Neo4j tests
  skip with the reason, except under CI=true, where that is a failure; the run
  ends with a line naming the server's version and URI. `empty_store` is a fresh,
  empty store of each kind, so a test taking it runs against both backends;
  `both_stores` gives the two at once, for comparing their answers. `extractor` is
  one per session, since building its pipeline is the slow part; `seed_graphs`
  holds the graph of each seed document, extracted once with it.
- Chromium is Debian's `chromium`, headless, one per session (`browser`), driven over
  the DevTools protocol by tests/browser.py; `page` is a fresh tab recording every
  request, dialog and error. Without chromium the browser tests skip (fail under CI=true).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import neo4j_local
import pytest
from neo4j import Driver, GraphDatabase

from graph import Settings, open_store
from graph.memory import MemoryStore
from graph.neo4j import Neo4jStore
from graph.store import Store
from loaders.extract import Extractor
from ontology.contract import Edge, Evidence, GraphData, Node
from ontology.terms import EdgeType, NodeType
from tests.browser import Browser, Page, find_chromium

REPO = Path(__file__).resolve().parents[1]
#: The shared documents beside the clone; POLICYGRAPH_SHARED points elsewhere (a worktree's ../shared may not exist).
SHARED = Path(os.environ.get("POLICYGRAPH_SHARED") or REPO.parent / "shared")
POLICYGRAPH = Path(sys.executable).with_name("policygraph")

NOTE_ID = "document:brussels-note"
NOTE_TEXT = (
    "Trade ministers met in Brussels on 3 June 2025.\n"
    "Wang Wentao, China's Minister of Commerce, hosted Maroš Šefčovič for two hours.\n"
    "The Ministry of Commerce has required licences to export dysprosium since 4 April 2025.\n"
    "MOFCOM also paused its listing of nine firms until 12 August 2025.\n"
    "The two men discussed a fast lane for licence requests, which the ministry floated.\n"
    "Wang Yi, the foreign minister, was not there.\n"
)

WANG = "official:wang-wentao"
SEFCOVIC = "official:maros-sefcovic"
WANG_YI = "official:wang-yi"
MOFCOM = "ministry:cn-mofcom"
MEETING = "meeting:wang-wentao-maros-sefcovic-2025-06-03"
DYSPROSIUM = "element:dy"
LICENCES = "measure:cn-mofcom-export-control-2025-04-04"
PAUSE = "measure:cn-mofcom-suspension-2025-05-14"
FAST_LANE = "measure:cn-mofcom-licensing-fast-lane"


def document_ids(folder: Path, *names: str) -> list[str]:
    """The ids of the documents `names` in `folder`: a file's id carries a digest of its text."""
    from loaders.documents import read_document

    return [read_document(folder / name).id for name in names]


def evidence(phrase: str) -> Evidence:
    """Evidence for a phrase of the note, with its true offsets."""
    start = NOTE_TEXT.index(phrase)
    return Evidence(document=NOTE_ID, start=start, end=start + len(phrase), text=phrase)


def build_small_graph() -> GraphData:
    """The graph described in the module docstring."""

    def node(node_id: str, node_type: NodeType, name: str, aliases: list[str] | None = None, **attrs: object) -> Node:
        return Node(id=node_id, type=node_type, name=name, aliases=aliases or [], attributes=attrs)

    def edge(source: str, edge_type: EdgeType, target: str, phrase: str, **attrs: object) -> Edge:
        return Edge(source=source, type=edge_type, target=target, attributes=attrs, evidence=[evidence(phrase)])

    nodes = [
        node(NOTE_ID, NodeType.DOCUMENT, "Brussels note", title="Brussels note", published="2025-06-05"),
        node(WANG, NodeType.OFFICIAL, "Wang Wentao"),
        node(SEFCOVIC, NodeType.OFFICIAL, "Maroš Šefčovič"),
        node(WANG_YI, NodeType.OFFICIAL, "Wang Yi"),
        node(MOFCOM, NodeType.MINISTRY, "Ministry of Commerce", ["MOFCOM", "the commerce ministry"]),
        node(MEETING, NodeType.MEETING, "Wang Wentao meets Maroš Šefčovič", kind="meeting", date="2025-06-03"),
        node(DYSPROSIUM, NodeType.ELEMENT, "Dysprosium", ["Dy"], symbol="Dy", atomic_number=66),
        node(
            LICENCES,
            NodeType.MEASURE,
            "Export licences for dysprosium",
            kind="export_control",
            announced="2025-04-04",
            effective="2025-04-04",
            status="in_force",
        ),
        node(
            PAUSE,
            NodeType.MEASURE,
            "Pause of the listing of nine firms",
            kind="suspension",
            effective="2025-05-14",
            expires="2025-08-12",
            status="in_force",
        ),
        node(FAST_LANE, NodeType.MEASURE, "Fast lane for licence requests", kind="licensing", status="proposed"),
    ]
    edges = [
        edge(WANG, EdgeType.HOLDS_POST, MOFCOM, "China's Minister of Commerce", title="Minister of Commerce"),
        edge(WANG, EdgeType.PARTICIPATED_IN, MEETING, "Wang Wentao, China's Minister of Commerce, hosted", role="host"),
        edge(SEFCOVIC, EdgeType.PARTICIPATED_IN, MEETING, "hosted Maroš Šefčovič", role="participant"),
        edge(MOFCOM, EdgeType.ISSUED, LICENCES, "The Ministry of Commerce has required licences"),
        edge(LICENCES, EdgeType.COVERS, DYSPROSIUM, "licences to export dysprosium"),
        edge(MOFCOM, EdgeType.ISSUED, PAUSE, "MOFCOM also paused its listing"),
        edge(MOFCOM, EdgeType.PROPOSED, FAST_LANE, "a fast lane for licence requests, which the ministry floated"),
        edge(FAST_LANE, EdgeType.COVERS, DYSPROSIUM, "licence requests"),
        edge(MEETING, EdgeType.DISCUSSED, FAST_LANE, "The two men discussed a fast lane"),
    ]
    edges += [Edge(source=n.id, type=EdgeType.MENTIONED_IN, target=NOTE_ID) for n in nodes if n.id != NOTE_ID]
    return GraphData(nodes=nodes, edges=edges)


@pytest.fixture(scope="session")
def small_graph() -> GraphData:
    return build_small_graph()


def synthetic_graph(edges: int, prefix: str = "x") -> GraphData:
    """A large graph of the contract's shape: officials holding posts in a few ministries, with evidence.

    For tests that need a store much bigger than what they write into it; ids start with `prefix`.
    """
    ministries = [Node(id=f"ministry:{prefix}-{i}", type=NodeType.MINISTRY, name=f"Ministry {i}") for i in range(10)]
    officials = [Node(id=f"official:{prefix}-{i}", type=NodeType.OFFICIAL, name=f"Official {i}") for i in range(edges)]
    posts = [
        Edge(
            source=o.id,
            type=EdgeType.HOLDS_POST,
            target=ministries[i % 10].id,
            evidence=[Evidence(document=NOTE_ID, start=0, end=20, text=f"Official {i}, a minister of state")],
        )
        for i, o in enumerate(officials)
    ]
    return GraphData(nodes=ministries + officials, edges=posts)


def write_store(home: Path, data: GraphData) -> Path:
    """A POLICYGRAPH_HOME whose embedded store holds `data`, written by the store itself."""
    store = MemoryStore(home / "store", writable=True)
    try:
        store.upsert(data)
    finally:
        store.close()
    return home


@pytest.fixture
def store_home(tmp_path: Path, small_graph: GraphData) -> Path:
    return write_store(tmp_path / "home", small_graph)


@pytest.fixture
def store(store_home: Path) -> Iterator[MemoryStore]:
    opened = MemoryStore(store_home / "store")
    yield opened
    opened.close()


@pytest.fixture
def seeds() -> Path:
    """The shared seed documents, with their manifest."""
    folder = SHARED / "seeds"
    if not folder.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{folder} is missing, and CI=true forbids skipping the tests that read it")
        pytest.skip(f"{SHARED} is absent")
    return folder


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def env_for(home: Path) -> dict[str, str]:
    """The environment of a child process using the embedded store under `home`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "POLICYGRAPH_"))}
    return {**env, "POLICYGRAPH_HOME": str(home)}


@pytest.fixture
def run_cli(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the installed `policygraph` script with POLICYGRAPH_HOME in tmp_path (or `home=`)."""
    assert POLICYGRAPH.exists(), f"{POLICYGRAPH} is missing: run the tests with the project's virtualenv"

    def run(*args: str | Path, home: Path | None = None) -> subprocess.CompletedProcess[str]:
        env = env_for(home or tmp_path / "home")
        command = [str(POLICYGRAPH), *map(str, args)]
        return subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300)

    return run


def uvicorn_command(port: int) -> list[str]:
    """uvicorn serving the app the way a deployment would, configured by the environment."""
    return [sys.executable, "-m", "uvicorn", "--factory", "api.app:create_app", "--port", str(port)]


@contextmanager
def _server(command: Callable[[int], list[str]], home: Path) -> Iterator[str]:
    """Start `command(port)` as a server over `home`, wait until /health answers, yield its URL, stop it."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        command(port), env=env_for(home), cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"the server exited with {process.returncode}:\n{process.communicate()[0]}")
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"the server did not answer on {url} within 60 s")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.communicate(timeout=30)


@pytest.fixture(scope="session")
def serving() -> Callable[[Callable[[int], list[str]], Path], AbstractContextManager[str]]:
    """Start a real server process: `with serving(lambda port: [...], home) as url:`."""
    return _server


@pytest.fixture(scope="module")
def api_server(tmp_path_factory: pytest.TempPathFactory, small_graph: GraphData) -> Iterator[str]:
    """A real uvicorn serving the app over a store holding `small_graph`; its base URL."""
    home = write_store(tmp_path_factory.mktemp("api") / "home", small_graph)
    with _server(uvicorn_command, home) as url:
        yield url


# ---------------------------------------------------------------- Neo4j

NEO4J_CACHE = REPO / ".cache"
NEO4J_PASSWORD = "policygraph-tests"
_neo4j_summary: list[str] = []


def skip_or_fail(reason: str | None) -> None:
    """Skip with `reason` if there is one; under CI=true, where nothing may be skipped, fail."""
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}, and CI=true forbids skipping")
    pytest.skip(reason)


@dataclass
class Neo4jServer:
    """Where the tests' Neo4j is, with a driver for checking the store behind its back."""

    uri: str
    username: str
    password: str | None
    database: str
    driver: Driver = field(repr=False)
    version: str = ""

    def open(self, **options: Any) -> Neo4jStore:
        """A store over this server (`options` as for `Neo4jStore`)."""
        return Neo4jStore(self.uri, username=self.username, password=self.password, database=self.database, **options)

    def run(self, query: str, **params: Any) -> list[dict[str, Any]]:
        """Run Cypher directly, to set up or check what the store did."""
        records = self.driver.execute_query(query, params, database_=self.database).records
        return [record.data() for record in records]

    def wipe(self) -> None:
        """Delete every node and relationship."""
        self.run("MATCH (n) DETACH DELETE n")


def connect_neo4j(uri: str, username: str, password: str | None, database: str) -> Neo4jServer:
    """A `Neo4jServer` for a running server, with the version and edition it reports."""
    driver = GraphDatabase.driver(uri, auth=(username, password) if password is not None else None)
    server = Neo4jServer(uri, username, password, database, driver)
    try:
        [component] = server.run("CALL dbms.components() YIELD versions, edition RETURN *")
    except BaseException:
        driver.close()
        raise
    server.version = f"{component['versions'][0]} {component['edition']}"
    return server


def start_neo4j(home: Path) -> neo4j_local.Server:
    """A throwaway Neo4j with its files under `home`; skip (fail under CI) saying why there can be none."""
    skip_or_fail(neo4j_local.available(NEO4J_CACHE))
    return neo4j_local.start(home, password=NEO4J_PASSWORD, cache_dir=NEO4J_CACHE)


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[Callable[[], neo4j_local.Server]]:
    """Start (and start again) a throwaway server on one home; stopped at the end whatever happened."""
    servers: list[neo4j_local.Server] = []

    def start() -> neo4j_local.Server:
        servers.append(start_neo4j(tmp_path / "home"))
        return servers[-1]

    yield start
    for server in reversed(servers):
        server.stop()


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jServer]:
    """The session's Neo4j: NEO4J_URI's (with NEO4J_USERNAME/PASSWORD/DATABASE), else a throwaway one.

    The tests empty the database, so one that holds data at the start is refused rather than wiped.
    """
    local = None
    if os.environ.get("NEO4J_URI"):
        env = os.environ
        where = (env["NEO4J_URI"], env.get("NEO4J_USERNAME", "neo4j"), env.get("NEO4J_PASSWORD"))
        database = env.get("NEO4J_DATABASE", "neo4j")
        how = "from NEO4J_URI"
    else:
        started = time.monotonic()
        local = start_neo4j(tmp_path_factory.mktemp("neo4j") / "home")
        where, database = (local.uri, local.username, local.password), neo4j_local.DATABASE
        how = f"throwaway, started in {time.monotonic() - started:.1f} s"
    try:
        server = connect_neo4j(*where, database)
        held = server.run("MATCH (n) RETURN count(n) AS n")[0]["n"]
        if held and local is None:
            server.driver.close()
            pytest.fail(
                f"the Neo4j tests empty the database, and {database!r} at {server.uri} (NEO4J_URI) holds {held} "
                "nodes: point NEO4J_URI at an empty database, or unset it to test on a throwaway server"
            )
        _neo4j_summary.append(f"neo4j {server.version} at {server.uri} ({how})")
        try:
            yield server
        finally:
            server.driver.close()
    finally:
        if local is not None:
            local.stop()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Name the Neo4j the run used, so that a CI log says what was tested."""
    for line in _neo4j_summary:
        terminalreporter.write_line(line)


@pytest.fixture
def neo4j_store(neo4j_server: Neo4jServer) -> Iterator[Neo4jStore]:
    """A Neo4jStore over an emptied database, emptied again afterwards."""
    neo4j_server.wipe()
    opened = neo4j_server.open()
    yield opened
    opened.close()
    neo4j_server.wipe()


@pytest.fixture
def memory_store(tmp_path: Path) -> Iterator[MemoryStore]:
    """A writable MemoryStore in an empty folder."""
    opened = MemoryStore(tmp_path / "empty-store", writable=True)
    yield opened
    opened.close()


@pytest.fixture(params=["memory", "neo4j"])
def empty_store(request: pytest.FixtureRequest) -> Store:
    """A fresh, empty, writable store of each kind: a test taking it runs once per backend."""
    return request.getfixturevalue(f"{request.param}_store")


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """One extractor for the whole run: building its spaCy pipeline is the slow part."""
    return Extractor()


@pytest.fixture(scope="session")
def seed_graphs(extractor: Extractor) -> list[GraphData]:
    """The graph of each shared seed document, extracted once per session, in path order."""
    from loaders.documents import discover, read_documents

    folder = SHARED / "seeds"
    skip_or_fail(None if folder.is_dir() else f"{folder} is absent")
    manifest = folder / "manifest.jsonl"
    files, _ = discover([folder], manifest)
    graphs = []
    for file, doc in read_documents(files, manifest):
        assert not isinstance(doc, Exception), f"{file}: {doc}"
        graphs.append(extractor.extract(doc))
    return graphs


@pytest.fixture
def both_stores(memory_store: MemoryStore, neo4j_store: Neo4jStore) -> tuple[MemoryStore, Neo4jStore]:
    """Both stores, empty, for comparing their answers."""
    return memory_store, neo4j_store


@pytest.fixture
def queries_sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dict[str, Any]]]:
    """Every query the Neo4j driver is asked to run (its text), with the keyword arguments of the call.

    A spy, not a fake: each call goes on to the real driver.
    """
    import neo4j

    sent: list[tuple[str, dict[str, Any]]] = []
    execute_query = neo4j.Driver.execute_query
    run = neo4j.ManagedTransaction.run
    session = neo4j.Driver.session

    def spy_execute_query(self: neo4j.Driver, query: str | neo4j.Query, *args: Any, **kwargs: Any) -> Any:
        text = query.text if isinstance(query, neo4j.Query) else query
        sent.append((text, {"parameters": args, **kwargs}))
        return execute_query(self, query, *args, **kwargs)

    def spy_run(self: neo4j.ManagedTransaction, query: str, parameters: Any = None, **kwargs: Any) -> Any:
        sent.append((query, {"parameters": parameters, "in_transaction": True}))
        return run(self, query, parameters, **kwargs)

    def spy_session(self: neo4j.Driver, **config: Any) -> Any:
        sent.append(("<session>", config))
        return session(self, **config)

    monkeypatch.setattr(neo4j.Driver, "execute_query", spy_execute_query)
    monkeypatch.setattr(neo4j.ManagedTransaction, "run", spy_run)
    monkeypatch.setattr(neo4j.Driver, "session", spy_session)
    return sent


def settings_over(backend: str, tmp: Path, request: pytest.FixtureRequest, **more: Any) -> Settings:
    """An app's Settings over an empty store of that backend ("memory" or "neo4j", the session's server).

    No time limit a loaded test machine could trip, unless `more` sets one.
    """
    more = {"query_timeout": 600, "health_timeout": 60, **more}
    if backend == "memory":
        return Settings(home=tmp / "home", **more)
    server: Neo4jServer = request.getfixturevalue("neo4j_server")
    server.wipe()
    return Settings(
        neo4j_uri=server.uri,
        neo4j_username=server.username,
        neo4j_password=server.password,
        neo4j_database=server.database,
        **more,
    )


def load_into(settings: Settings, data: GraphData) -> None:
    """Upsert `data` into the store `settings` configure, as `policygraph load` would."""
    store = open_store(settings, writable=True)
    try:
        store.upsert(data)
    finally:
        store.close()


# ---------------------------------------------------------------- Chromium


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """The session's headless Chromium (tests/browser.py); skipped without one, a failure under CI=true."""
    executable = find_chromium()
    skip_or_fail(None if executable else "no chromium on PATH (`make test` installs Debian's chromium)")
    assert executable is not None
    started = Browser(executable, tmp_path_factory.mktemp("chromium"))
    try:
        yield started
    finally:
        started.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh tab that records requests, dialogs and errors from the start."""
    with browser.page() as opened:
        yield opened
