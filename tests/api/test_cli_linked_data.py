"""`policygraph export` in every format and `policygraph validate`, run as the installed command."""

from __future__ import annotations

import csv
import io
import subprocess
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest
from conftest import DYSPROSIUM, LICENCES, MEETING, WANG, write_store
from rdflib import Graph
from rdflib.compare import isomorphic

from graph.rdf import from_rdf
from ontology.contract import Edge, GraphData
from ontology.terms import EdgeType

Run = Callable[..., subprocess.CompletedProcess[str]]


def exported(run_cli: Run, home: Path, *args: str) -> str:
    result = run_cli("export", *args, home=home)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_rdf_exports_round_trip_to_the_json_export(run_cli: Run, store_home: Path) -> None:
    data = GraphData.model_validate_json(exported(run_cli, store_home, "--format", "json"))
    graphs = {
        fmt: Graph().parse(data=exported(run_cli, store_home, "--format", fmt), format=parser)
        for fmt, parser in (("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"))
    }
    assert isomorphic(graphs["ttl"], graphs["nt"]) and isomorphic(graphs["ttl"], graphs["jsonld"])
    assert from_rdf(graphs["ttl"]) == data


def test_a_neighbourhood_by_name_and_depth(run_cli: Run, store_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "around.ttl"
    result = run_cli(
        "export", "--format", "ttl", "--entity", "Maros Sefcovic", "--depth", "2", "--output", out, home=store_home
    )
    assert result.returncode == 0, result.stderr
    data = from_rdf(Graph().parse(out, format="turtle"))
    ids = {n.id for n in data.nodes}
    assert {MEETING, WANG} <= ids and DYSPROSIUM not in ids


def test_graphml_holds_every_node_and_edge(run_cli: Run, store_home: Path, small_graph: GraphData) -> None:
    graph = nx.read_graphml(io.StringIO(exported(run_cli, store_home, "--format", "graphml")), force_multigraph=True)
    assert graph.number_of_nodes() == len(small_graph.nodes)
    assert graph.number_of_edges() == len(small_graph.edges)
    assert graph.nodes[DYSPROSIUM]["atomic_number"] == 66
    assert graph.nodes[DYSPROSIUM]["type"] == "Element"


def test_csv_writes_two_tables_and_needs_a_folder(run_cli: Run, store_home: Path, tmp_path: Path) -> None:
    assert run_cli("export", "--format", "csv", home=store_home).returncode == 2
    folder = tmp_path / "tables"
    assert run_cli("export", "--format", "csv", "--output", folder, home=store_home).returncode == 0
    nodes = list(csv.DictReader((folder / "nodes.csv").open(encoding="utf-8")))
    edges = list(csv.DictReader((folder / "edges.csv").open(encoding="utf-8")))
    assert {row["id"] for row in nodes} >= {DYSPROSIUM, LICENCES}
    assert any(
        row["type"] == "COVERS" and row["target"] == DYSPROSIUM and "dysprosium" in row["evidence"] for row in edges
    )


def test_validate_passes_a_good_store(run_cli: Run, store_home: Path) -> None:
    result = run_cli("validate", home=store_home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "" and "conforms" in result.stderr


@pytest.fixture
def broken_home(tmp_path: Path, small_graph: GraphData) -> Path:
    data = small_graph.model_copy(deep=True)
    next(n for n in data.nodes if n.id == MEETING).attributes["date"] = "June 3rd"
    data.edges.append(Edge(source=DYSPROSIUM, type=EdgeType.ISSUED, target=LICENCES))
    return write_store(tmp_path / "broken", data)


def test_validate_reports_each_violation_by_node_property_and_reason_and_exits_1(
    run_cli: Run, broken_home: Path
) -> None:
    result = run_cli("validate", home=broken_home)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"{MEETING}  date  date is one ISO date: YYYY-MM-DD, YYYY-MM or YYYY (value 'June 3rd')" in lines
    assert f"{DYSPROSIUM}  ISSUED  ISSUED must start at Entity, Ministry or Official" in lines
    assert any(line.startswith(f"{DYSPROSIUM} -ISSUED-> {LICENCES}  evidence  ") for line in lines)
    assert len(lines) == 3
    assert "3 violations" in result.stderr


def test_validate_checks_a_file_and_names_an_unreadable_one(run_cli: Run, store_home: Path, tmp_path: Path) -> None:
    turtle = tmp_path / "graph.ttl"
    turtle.write_text(exported(run_cli, store_home, "--format", "ttl"), encoding="utf-8")
    assert run_cli("validate", turtle, home=tmp_path / "none").returncode == 0
    junk = tmp_path / "junk.json"
    junk.write_text("{not json", encoding="utf-8")
    result = run_cli("validate", junk, home=tmp_path / "none")
    assert result.returncode == 2 and "junk.json: cannot be read as a graph" in result.stderr
