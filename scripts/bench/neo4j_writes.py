"""Neo4j write throughput: the adapter's batched upsert against the same adapter writing one row per query.

With `batch_size=1` the adapter runs one transaction per row holding one MERGE,
after one read of the stored types of the ids given: one query per row, which is
what a naive loader does. The batched side is the adapter as configured by
default (`Settings.batch_size`). Every run writes rows with ids of its own, so
no run merges into what another stored.
"""

from __future__ import annotations

from bench.figures import Figure, ratio_figure, side_by_side
from bench.generator import generate
from graph import Settings, Store, open_store
from ontology.contract import Edge, GraphData, Node

FAMILY = "Neo4j writes"
#: Rows per run: the per-row side is the slow one, so it writes fewer rows (throughput is per row either way).
BATCHED_ROWS = 5_000
PER_ROW_ROWS = 250


def _renamed(data: GraphData, tag: str) -> GraphData:
    """The same graph with every id prefixed by `tag`, so it is new to the store."""
    nodes = [n.model_copy(update={"id": f"{tag}{n.id}"}) for n in data.nodes]
    edges = [e.model_copy(update={"source": f"{tag}{e.source}", "target": f"{tag}{e.target}"}) for e in data.edges]
    return GraphData(nodes=nodes, edges=edges)


def _nodes(count: int) -> list[Node]:
    return generate(count * 4).nodes[:count]


def _edges(count: int) -> GraphData:
    """`count` edges with the nodes they join."""
    data = generate(count)
    return GraphData(nodes=data.nodes, edges=data.edges[:count])


def run(settings: Settings, reps: int) -> list[Figure]:
    """Node and relationship upsert rows/s, batched against one query per row."""
    batched = open_store(settings)
    per_row = open_store(settings.model_copy(update={"batch_size": 1}))
    try:
        nodes = {"batched": _nodes(BATCHED_ROWS), "per-row": _nodes(PER_ROW_ROWS)}

        def upsert_nodes(kind: str, store: Store, rep: int) -> None:
            store.upsert(_renamed(GraphData(nodes=nodes[kind]), f"n{kind}{rep}-"))

        node_s, node_base_s = side_by_side(
            lambda rep: upsert_nodes("batched", batched, rep), lambda rep: upsert_nodes("per-row", per_row, rep), reps
        )
        graphs = {"batched": _edges(BATCHED_ROWS), "per-row": _edges(PER_ROW_ROWS)}
        runs = {}
        for kind in graphs:  # the endpoints of every run's edges, stored beforehand and not timed
            for rep in range(-1, reps):
                data = _renamed(graphs[kind], f"e{kind}{rep}-")
                batched.upsert(GraphData(nodes=data.nodes))
                runs[kind, rep] = data.edges

        def upsert_edges(kind: str, store: Store, rep: int) -> None:
            edges: list[Edge] = runs[kind, rep]
            store.upsert(GraphData(edges=edges))

        edge_s, edge_base_s = side_by_side(
            lambda rep: upsert_edges("batched", batched, rep), lambda rep: upsert_edges("per-row", per_row, rep), reps
        )
    finally:
        batched.close()
        per_row.close()
    size = f"batch {settings.batch_size}, {BATCHED_ROWS:,} rows vs {PER_ROW_ROWS:,} rows one query each"
    rows = (("node", node_s, node_base_s, 20), ("relationship", edge_s, edge_base_s, 5))
    return [
        ratio_figure(
            FAMILY,
            f"{what} upsert rows/s, batched",
            scale=size,
            unit="rows/s",
            value=BATCHED_ROWS / batched_s,
            baseline="one query per row (batch_size=1), rows/s",
            baseline_value=PER_ROW_ROWS / per_row_s,
            check=">=",
            bound=bound,
        )
        for what, batched_s, per_row_s, bound in rows
    ]
