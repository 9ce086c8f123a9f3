"""The command line: `policygraph extract | load | delete | export | validate | serve | merges | view`.

Each command parses its arguments, calls `api.service`, and prints the result:
data on stdout, progress and problems on stderr. Settings come from the
environment (see `graph.settings`), overridden by the global options.

Exit codes, decided in `main` and nowhere else:

- 0: done.
- 1: done only in part, or the store failed: a file was skipped or could not
  be read (each is named on stderr with the reason), the graph breaks the
  shapes (`validate`), or the store is unreadable, locked by another writer,
  or unreachable.
- 2: the request was wrong: a path that does not exist, a bad manifest line,
  an unknown option value or setting, an unknown document id (click's usage
  errors use 2 as well).
- 3: `serve` could not start: the port is in use, or the address cannot be
  bound (uvicorn's own start-up failure code, which this keeps).
"""

from __future__ import annotations

import socket
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from api import service
from graph import Settings, Store, describe_backend, open_store
from graph.exports import ExportFormat
from graph.judgements import judgements_path
from graph.store import MAX_DEPTH
from graph.tabular import write_csv
from graph.views import MAX_NODES, EgoOptions, GraphOptions, MeetingOptions, SizeBy, ViewOptions
from ontology.errors import InputError, NotFoundError, PolicyGraphError
from ontology.judgements import Verdict
from ontology.terms import EdgeType, NodeType

#: Exit codes; see the module docstring.
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_CANNOT_SERVE = 3

cli = typer.Typer(
    name="policygraph",
    help="Build and query a knowledge graph of trade-policy actors and measures, read from documents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    epilog=(
        "Exit codes: 0 done; 1 some files skipped or failed, the graph breaks the shapes, or the store failed; "
        "2 bad arguments or input; 3 serve could not start (port in use)."
    ),
)

Paths = Annotated[list[Path], typer.Argument(help="Document files or folders (searched recursively).")]
Manifest = Annotated[
    Path | None, typer.Option("--manifest", help="JSON-lines file of {file, published, title, url} per document.")
]


@cli.callback()
def options(
    ctx: typer.Context,
    home: Annotated[
        Path | None, typer.Option(help="Folder of the embedded store (default: $POLICYGRAPH_HOME, else ./data).")
    ] = None,
    neo4j_uri: Annotated[
        str | None, typer.Option(help="Neo4j server to use (default: $NEO4J_URI, else the embedded store).")
    ] = None,
    neo4j_user: Annotated[str | None, typer.Option(help="Neo4j user (default: $NEO4J_USERNAME, else neo4j).")] = None,
    neo4j_password: Annotated[str | None, typer.Option(help="Neo4j password (default: $NEO4J_PASSWORD).")] = None,
    neo4j_database: Annotated[
        str | None, typer.Option(help="Neo4j database (default: $NEO4J_DATABASE, else neo4j).")
    ] = None,
) -> None:
    """One Settings object for the command: the environment, overridden by these options."""
    given = {
        "home": home,
        "neo4j_uri": neo4j_uri,
        "neo4j_username": neo4j_user,
        "neo4j_password": neo4j_password,
        "neo4j_database": neo4j_database,
    }
    try:
        ctx.obj = Settings(**{key: value for key, value in given.items() if value is not None})
    except ValidationError as exc:
        problems = [f"{Settings.variable(str(e['loc'][0]))}={e['input']!r}: {e['msg']}" for e in exc.errors()]
        raise InputError(f"invalid settings: {'; '.join(problems)}") from exc


@contextmanager
def _progress_bar() -> Iterator[service.Progress]:
    """A progress bar on stderr, advanced once per file read; silent when stderr is not a terminal."""
    console = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("reading documents", total=None)

        def advance(file: Path, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, description=f"read {file.name}")

        yield advance


def _report_problems(report: service.LoadReport) -> None:
    """One line on stderr per file passed over or failed, naming it."""
    for path in report.skipped:
        typer.echo(f"{path}: skipped: not a kind of file this tool reads", err=True)
    for failure in report.failed:
        typer.echo(f"{failure.path}: failed: {failure.reason}", err=True)


def _summary(report: service.LoadReport, verb: str) -> str:
    return (
        f"{verb} {len(report.documents)} documents, skipped {len(report.skipped)} files, "
        f"{len(report.failed)} failed; {report.nodes} nodes, {report.edges} edges; "
        f"{len(report.merges)} merged across documents"
    )


@cli.command()
def extract(ctx: typer.Context, paths: Paths, manifest: Manifest = None) -> None:
    """Print the graph of the documents as contract JSON on stdout; no store is touched."""
    with _progress_bar() as progress:
        data, report = service.extract_documents(paths, manifest, progress, judgements_path(ctx.obj))
    sys.stdout.write(data.model_dump_json(indent=2) + "\n")
    _report_problems(report)
    typer.echo(_summary(report, "extracted"), err=True)
    if not report.complete:
        raise typer.Exit(EXIT_FAILURE)


@cli.command()
def load(ctx: typer.Context, paths: Paths, manifest: Manifest = None) -> None:
    """Extract the documents into the configured store; loading a document again changes nothing."""
    settings: Settings = ctx.obj
    store = open_store(settings, writable=True)
    try:
        with _progress_bar() as progress:
            report = service.load_documents(store, paths, manifest, progress, judgements_path(settings))
    finally:
        store.close()
    _report_problems(report)
    typer.echo(f"{_summary(report, 'loaded')} in {describe_backend(settings)}")
    if not report.complete:
        raise typer.Exit(EXIT_FAILURE)


@cli.command()
def delete(
    ctx: typer.Context,
    document_id: Annotated[str, typer.Argument(help="Id of the document to retract, e.g. document:my-note.")],
) -> None:
    """Retract a document: the facts only it supported go, the others keep their other evidence."""
    store = open_store(ctx.obj, writable=True)
    try:
        report = service.delete_document(store, document_id)
    finally:
        store.close()
    typer.echo(
        f"deleted {report.document}: {len(report.nodes_removed)} nodes and {len(report.edges_removed)} edges removed, "
        f"{len(report.edges_kept)} edges kept with evidence from other documents"
    )


@cli.command()
def export(
    ctx: typer.Context,
    format: Annotated[ExportFormat, typer.Option("--format", help="Output format.")] = ExportFormat.JSON,
    entity: Annotated[
        str | None, typer.Option(help="Only the neighbourhood of this node (an id, or a name or alias).")
    ] = None,
    depth: Annotated[int, typer.Option(min=1, max=MAX_DEPTH, help="Hops around --entity.")] = 1,
    output: Annotated[
        Path | None, typer.Option(help="File to write (default: stdout); for csv, the folder of nodes.csv, edges.csv.")
    ] = None,
) -> None:
    """Print the stored graph or a node's neighbourhood: contract JSON, Turtle, N-Triples, JSON-LD, GraphML, CSV."""
    settings: Settings = ctx.obj
    if format is ExportFormat.CSV and output is None:
        raise InputError("--format csv writes two tables, nodes.csv and edges.csv: give the folder with --output")
    store = open_store(settings)
    try:
        data = service.graph_around(store, entity, depth)
    finally:
        store.close()
    if format is ExportFormat.CSV:
        for path in write_csv(data, output):
            typer.echo(f"wrote {path}", err=True)
        return
    text = service.render_graph(data, format, settings)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


@cli.command()
def validate(
    ctx: typer.Context,
    file: Annotated[
        Path | None,
        typer.Argument(help="A contract JSON or RDF file (.ttl, .nt, .jsonld) to check instead of the store."),
    ] = None,
) -> None:
    """Check the stored graph (or a file) against the SHACL shapes; one line per violation: node, property, reason.

    Exits 1 when anything fails to conform.
    """
    settings: Settings = ctx.obj
    if file is not None:
        found = service.file_violations(file, settings)
    else:
        store = open_store(settings)
        try:
            found = service.shape_violations(store.export(), settings)
        finally:
            store.close()
    for violation in found:
        typer.echo(str(violation))
    if found:
        typer.echo(f"{len(found)} violations of ontology/shapes.ttl", err=True)
        raise typer.Exit(EXIT_FAILURE)
    typer.echo("the graph conforms to ontology/shapes.ttl", err=True)


@cli.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option(help="Address (default: $POLICYGRAPH_HOST, else 127.0.0.1).")] = None,
    port: Annotated[
        int | None, typer.Option(min=1, max=65535, help="Port (default: $POLICYGRAPH_PORT, else 8000).")
    ] = None,
) -> None:
    """Serve the HTTP API (docs at /docs) over the configured store, read-only."""
    import uvicorn

    from api.app import create_app

    settings: Settings = ctx.obj
    # The app opens the store as it starts; opening it here first turns a bad store into this
    # command's one-line error instead of a server traceback.
    open_store(settings).close()
    address, number = host or settings.host, port or settings.port
    _check_bindable(address, number)
    uvicorn.run(create_app(settings), host=address, port=number)


def _check_bindable(host: str, port: int) -> None:
    """Exit 3 with one line when the address cannot be bound (the port in use, most often)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        with socket.socket(infos[0][0], socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(infos[0][4])
    except OSError as exc:
        typer.echo(
            f"policygraph: error: cannot serve on {host}:{port}: {exc.strerror or exc} "
            "(choose another with --port or POLICYGRAPH_PORT)",
            err=True,
        )
        raise typer.Exit(EXIT_CANNOT_SERVE) from exc


merges_cli = typer.Typer(help="List the merges made across documents, or undo one.", no_args_is_help=False)
cli.add_typer(merges_cli, name="merges")


@merges_cli.callback(invoke_without_command=True)
def merges(ctx: typer.Context) -> None:
    """List the judgements of identity in force: one line each, id, verdict, rule, the two nodes, the reason."""
    if ctx.invoked_subcommand:
        return
    settings: Settings = ctx.obj
    for j in service.merges(judgements_path(settings)):
        names = " = ".join(j.names) if j.verdict is Verdict.POSITIVE else " != ".join(j.names)
        typer.echo(f"{j.id}\t{j.verdict}\t{j.rule}\t{j.canonical} <- {j.merged}\t{names}\t{j.reason}")


@merges_cli.command("undo")
def undo(
    ctx: typer.Context, judgement: Annotated[str, typer.Argument(help="The id `policygraph merges` lists.")]
) -> None:
    """Split a merge apart in the store, and keep the two apart in later loads (a negative judgement)."""
    settings: Settings = ctx.obj
    store = open_store(settings, writable=True)
    try:
        undone = service.undo_merge(store, judgements_path(settings), judgement)
    finally:
        store.close()
    typer.echo(f"{undone.id}\tnegative\t{undone.canonical} and {undone.merged} are two nodes again")


# ---------------------------------------------------------------- views

view = typer.Typer(
    help="Write a network view: one self-contained, interactive HTML page that opens offline.", no_args_is_help=True
)
cli.add_typer(view, name="view")


def _help(model: type[ViewOptions], field: str) -> str:
    """The option's help is the API parameter's description: one text for both."""
    return model.model_fields[field].description or ""


NodeTypes = Annotated[list[NodeType] | None, typer.Option("--node-type", help=_help(ViewOptions, "node_type"))]
EdgeTypes = Annotated[list[EdgeType] | None, typer.Option("--edge-type", help=_help(GraphOptions, "edge_type"))]
Since = Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help=_help(ViewOptions, "since"))]
Until = Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help=_help(ViewOptions, "until"))]
SizeByOption = Annotated[SizeBy, typer.Option(help=_help(ViewOptions, "size_by"))]
Limit = Annotated[int | None, typer.Option(min=1, max=MAX_NODES, help=_help(ViewOptions, "limit"))]
Output = Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")]


Options = TypeVar("Options", bound=ViewOptions)


def _options(model: type[Options], given: dict[str, Any]) -> Options:
    """A view's options from a command's parameters, which are named as the model's fields (and the API's).

    Options not given take the model's defaults; days come as datetimes from click.
    """
    values = {k: v.date() if isinstance(v, datetime) else v for k, v in given.items() if k in model.model_fields}
    return model(**{k: v for k, v in values.items() if v is not None})


def _write_view(settings: Settings, page: Callable[[Store], str], output: Path | None) -> None:
    """Build a page over the configured store and write it to `output`, or to stdout."""
    store = open_store(settings)
    try:
        html = page(store)
    finally:
        store.close()
    if output is None:
        sys.stdout.write(html)
        return
    output.write_text(html, encoding="utf-8")
    typer.echo(f"wrote {output} ({len(html.encode()):,} bytes)", err=True)


@view.command("ego")
def view_ego(
    ctx: typer.Context,
    entity: Annotated[str, typer.Argument(help="An id, or a name or alias.")],
    depth: Annotated[int, typer.Option(min=1, max=3, help=_help(EgoOptions, "depth"))] = 1,
    node_type: NodeTypes = None,
    edge_type: EdgeTypes = None,
    since: Since = None,
    until: Until = None,
    size_by: SizeByOption = SizeBy.DEGREE,
    limit: Limit = None,
    output: Output = None,
) -> None:
    """The network around a node: its neighbours within DEPTH hops."""
    options = _options(EgoOptions, locals())
    _write_view(ctx.obj, lambda store: service.ego_view(store, entity, options, ctx.obj), output)


@view.command("measure")
def view_measure(
    ctx: typer.Context,
    measure: Annotated[str, typer.Argument(help="A measure's id, or its name or an alias.")],
    node_type: NodeTypes = None,
    since: Since = None,
    until: Until = None,
    size_by: SizeByOption = SizeBy.DEGREE,
    limit: Limit = None,
    output: Output = None,
) -> None:
    """A measure's network: issuers, targets, covered items, related measures, meetings and their participants."""
    options = _options(ViewOptions, locals())
    _write_view(ctx.obj, lambda store: service.measure_view(store, measure, options, ctx.obj), output)


@view.command("meetings")
def view_meetings(
    ctx: typer.Context,
    participant: Annotated[str | None, typer.Option(help=_help(MeetingOptions, "participant"))] = None,
    node_type: NodeTypes = None,
    since: Since = None,
    until: Until = None,
    size_by: SizeByOption = SizeBy.DEGREE,
    limit: Limit = None,
    output: Output = None,
) -> None:
    """Who met whom, edges weighted by the number of meetings."""
    options = _options(MeetingOptions, locals())
    _write_view(ctx.obj, lambda store: service.meetings_view(store, options, ctx.obj), output)


@view.command("graph")
def view_graph(
    ctx: typer.Context,
    node_type: NodeTypes = None,
    edge_type: EdgeTypes = None,
    since: Since = None,
    until: Until = None,
    size_by: SizeByOption = SizeBy.DEGREE,
    limit: Limit = None,
    output: Output = None,
) -> None:
    """The whole graph, narrowed by node type, edge type and dates."""
    options = _options(GraphOptions, locals())
    _write_view(ctx.obj, lambda store: service.graph_view(store, options, ctx.obj), output)


def exit_code(error: PolicyGraphError) -> int:
    """The exit code for an error: 2 when the request was wrong, 1 when the store or anything else failed."""
    return EXIT_USAGE if isinstance(error, InputError | NotFoundError) else EXIT_FAILURE


def main() -> None:
    """The `policygraph` console script: runs a command and turns project errors into one line and an exit code."""
    try:
        cli()
    except PolicyGraphError as error:
        typer.echo(f"policygraph: error: {error.detail}", err=True)
        sys.exit(exit_code(error))
