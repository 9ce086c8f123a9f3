"""Every Cypher statement of the project, built from the ontology and nothing else.

Labels and relationship types are the only words spliced into query text, and
they come from `NodeType` and `EdgeType`, never from data (the one number spliced
is a neighbourhood's depth, checked to be a small int); every value travels as a
parameter, so a name like ``Robby' WITH true AS x MATCH (n) DETACH DELETE n //``
is stored as the text it is. Builders return `(query, parameters)`.

The queries are plain Cypher for Neo4j Community 5.26: no APOC, no GDS, no
Enterprise feature. Each read is one query; `graph.neo4j` shapes its answer
with the same helpers the embedded store uses.

How a node is stored: label = its type, properties `id`, `name`, `aliases`,
`search_text` (its search words, space-joined, for the full-text index) and one
property per attribute. An edge is a relationship of its type with `evidence`
(a list of canonical JSON strings) and one property per attribute. Attribute
names that are one of those property names, or start with `ATTRIBUTE_PREFIX`,
are stored with that prefix, so data can never overwrite what the queries rely on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from graph.store import TRAVERSABLE, Wanted, Window, check_depth
from graph.traversal import DATE_ATTRIBUTES
from ontology.merge import STATUS, STATUS_DATE, STATUS_STAGES
from ontology.terms import EdgeType, NodeType

#: Properties the queries below read and write; attributes never take these names.
NODE_PROPERTIES = frozenset({"id", "name", "aliases", "search_text"})
EDGE_PROPERTIES = frozenset({"evidence"})
ATTRIBUTE_PREFIX = "attr_"
RESERVED = NODE_PROPERTIES | EDGE_PROPERTIES

SEARCH_INDEX = "node_search"
#: How long opening a store waits for new indexes to come online.
INDEX_WAIT_SECONDS = 300

_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z_]*")

Query = tuple[str, dict[str, object]]


def property_key(attribute: str) -> str:
    """The property an attribute is stored in."""
    clash = attribute in RESERVED or attribute.startswith(ATTRIBUTE_PREFIX)
    return ATTRIBUTE_PREFIX + attribute if clash else attribute


def attribute_name(key: str) -> str:
    """The attribute a (non-reserved) property holds: the inverse of `property_key`."""
    return key.removeprefix(ATTRIBUTE_PREFIX)


def label(node_type: NodeType) -> str:
    """The label of a node type, checked to be one of the ontology's."""
    return _identifier(NodeType(node_type).value)


def rel_type(edge_type: EdgeType) -> str:
    """The relationship type of an edge type, checked to be one of the ontology's."""
    return _identifier(EdgeType(edge_type).value)


def _identifier(name: str) -> str:
    if not _IDENTIFIER.fullmatch(name):
        raise ValueError(f"{name!r} cannot be a label or relationship type")
    return name


def _types(edge_types: Iterable[EdgeType]) -> str:
    """A relationship type expression: `A|B|C`."""
    return "|".join(sorted(rel_type(t) for t in edge_types))


#: Matches a node of any of the graph's types; nodes with other labels are not ours.
ANY_NODE = "|".join(sorted(label(t) for t in NodeType))
ANY_EDGE = _types(EdgeType)


def _node(var: str) -> str:
    return f"{{labels: labels({var}), props: properties({var})}}"


def _edge(var: str, source: str, target: str) -> str:
    return f"{{type: type({var}), source: {source}.id, target: {target}.id, props: properties({var})}}"


# ---------------------------------------------------------------- schema


def schema() -> list[str]:
    """Idempotent statements: one uniqueness constraint per node type, and the search index."""
    constraints = [
        f"CREATE CONSTRAINT {label(t).lower()}_id IF NOT EXISTS FOR (n:{label(t)}) REQUIRE n.id IS UNIQUE"
        for t in sorted(NodeType)
    ]
    index = (
        f"CREATE FULLTEXT INDEX {SEARCH_INDEX} IF NOT EXISTS FOR (n:{ANY_NODE}) ON EACH [n.search_text] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}"
    )
    return [*constraints, index]


def await_indexes() -> Query:
    """Wait until every index is online, so the first search finds what is stored."""
    return "CALL db.awaitIndexes($seconds)", {"seconds": INDEX_WAIT_SECONDS}


# ---------------------------------------------------------------- writes


#: Writes keep the plan they were first given. Their plan never changes (index seeks on both ends, then the
#: relationship between them), but a load changes the counts the planner reads, so without this each of the
#: dozen (type, source, target) MERGE texts was planned anew whenever the graph had grown by three quarters
#: since, on a young graph every few batches: a tenth of a second each, paid by every batch it fell in.
WRITE_OPTIONS = "CYPHER replan=skip\n"


def stored_types(ids: list[str]) -> Query:
    """The labels of those of `ids` that are stored."""
    query = f"UNWIND $ids AS id MATCH (n:{ANY_NODE} {{id: id}}) RETURN n.id AS id, labels(n) AS labels"
    return query, {"ids": ids}


def _append_new(start: str, items: str, exclude: str | None = None) -> str:
    """`start` followed by those of `items` not yet in it (nor equal to `exclude`), in order."""
    skip = f"x = {exclude} OR x IN kept" if exclude else "x IN kept"
    return f"reduce(kept = {start}, x IN {items} | CASE WHEN {skip} THEN kept ELSE kept + x END)"


def merge_nodes(node_type: NodeType, rows: list[dict[str, object]]) -> Query:
    """Merge nodes of one type by id, by the rules of `ontology.merge.merge_node`.

    One row per id. An id given more than once in one upsert has one row holding
    its first occurrence (`name`, `aliases`) and the names and aliases of the later
    ones (`more_aliases`), so that one MERGE does what merging them in turn would.
    `attributes` maps property names to values, already merged by
    `ontology.merge.merge_attributes`; `words` are the search words of every name
    and alias, space-joined, and `alias_words` the same as a list. A new node
    keeps its first aliases as given and gains the later names it lacks; a stored
    node keeps its name and gains the names it lacks. Stored attribute values win
    (`SET n += old` puts them back), except a status stated later, which replaces
    the stored one by the rank `ontology.merge.status_rank` gives ($stages holds
    the stage of each status).
    """
    query = f"""{WRITE_OPTIONS}UNWIND $rows AS row
MERGE (n:{label(node_type)} {{id: row.id}})
ON CREATE SET n.name = row.name,
    n.aliases = {_append_new("row.aliases", "row.more_aliases", "row.name")},
    n.search_text = row.words
ON MATCH SET n.aliases = {_append_new("n.aliases", "[row.name] + row.aliases + row.more_aliases", "n.name")},
    n.search_text = trim(reduce(text = n.search_text, w IN row.alias_words |
        CASE WHEN w IN split(text, ' ') THEN text ELSE text + ' ' + w END))
WITH n, row, properties(n) AS old
SET n += row.attributes
SET n += old
WITH n, row, old, coalesce(row.attributes.{STATUS_DATE}, '') AS new_date, coalesce(old.{STATUS_DATE}, '') AS old_date
WHERE row.attributes.{STATUS} IS NOT NULL AND (new_date > old_date OR (new_date = old_date
    AND coalesce($stages[row.attributes.{STATUS}], -1) > coalesce($stages[old.{STATUS}], -1)))
SET n.{STATUS} = row.attributes.{STATUS}, n.{STATUS_DATE} = coalesce(row.attributes.{STATUS_DATE}, n.{STATUS_DATE})"""
    return query, {"rows": rows, "stages": STATUS_STAGES}


def delete_nodes(ids: list[str]) -> Query:
    """Delete the nodes with those ids and every relationship they have."""
    return f"UNWIND $ids AS id MATCH (n:{ANY_NODE} {{id: id}}) DETACH DELETE n", {"ids": ids}


def merge_edges(edge_type: EdgeType, source: NodeType, target: NodeType, rows: list[dict[str, object]]) -> Query:
    """Merge edges of one type between nodes of two types, by the rules of `ontology.merge.merge_edge`.

    One row per edge: `source`, `target`, the `evidence` of its first occurrence
    in the upsert and the `more_evidence` of later ones (canonical JSON strings),
    and `attributes` as for nodes. Both ends are matched by label and id, so the
    uniqueness constraints' indexes find them; the caller has checked they exist.
    """
    query = f"""{WRITE_OPTIONS}UNWIND $rows AS row
MATCH (a:{label(source)} {{id: row.source}})
MATCH (b:{label(target)} {{id: row.target}})
MERGE (a)-[r:{rel_type(edge_type)}]->(b)
ON CREATE SET r.evidence = {_append_new("row.evidence", "row.more_evidence")}
ON MATCH SET r.evidence = {_append_new("r.evidence", "row.evidence + row.more_evidence")}
WITH r, row, properties(r) AS old
SET r += row.attributes
SET r += old"""
    return query, {"rows": rows}


# ---------------------------------------------------------------- reads


def _links(edge_types: Iterable[EdgeType]) -> str:
    """The edges of `n` of those types, each with the node at its other end."""
    pair = f"{{edge: {_edge('r', 'startNode(r)', 'endNode(r)')}, other: {_node('m')}}}"
    return f"COLLECT {{ MATCH (n)-[r:{_types(edge_types)}]-(m:{ANY_NODE}) RETURN {pair} }}"


def linked(node_id: str) -> Query:
    """A node with every edge it has and the nodes at their other ends."""
    query = f"MATCH (n:{ANY_NODE}) WHERE n.id = $id RETURN {_node('n')} AS node, {_links(EdgeType)} AS links"
    return query, {"id": node_id}


_WORDS_MATCH = "all(t IN $tokens WHERE any(w IN split(n.search_text, ' ') WHERE w <> '' AND w STARTS WITH t))"


def search(tokens: list[str], node_type: NodeType | None, limit: int, index_query: str | None) -> Query:
    """Nodes each of whose `tokens` starts one of their search words, by id, at most `limit`.

    With `index_query` (a Lucene query such as `wang* AND wen*`) candidates come from
    the full-text index; without, from all nodes of the type. Either way the words
    are checked by the rule `graph.store.matches_tokens` states.
    """
    params: dict[str, object] = {"tokens": tokens, "limit": limit}
    if index_query is None:
        source = f"MATCH (n:{ANY_NODE})"
    else:
        source = f"CALL db.index.fulltext.queryNodes('{SEARCH_INDEX}', $index_query) YIELD node AS n"
        params["index_query"] = index_query
    kind = f" AND n:{label(node_type)}" if node_type is not None else ""
    query = f"{source}\nWHERE {_WORDS_MATCH}{kind}\nRETURN {_node('n')} AS node ORDER BY n.id LIMIT $limit"
    return query, params


def _reached(types: str, depth: int, where: str = "") -> str:
    """The nodes within `depth` hops of `start`, each once with its hops: a breadth-first expansion that prunes
    paths to nodes already reached (Neo4j plans `min(length(p))` over a variable-length pattern so), not one row
    per path."""
    return (
        f"MATCH p = (start)-[:{types}*1..{int(depth)}]-(m:{ANY_NODE}) WHERE m <> start{where}\n"
        "    WITH m, min(length(p)) AS hops"
    )


def neighborhood(node_id: str, depth: int, edge_types: frozenset[EdgeType]) -> Query:
    """The nodes within `depth` hops over `edge_types`, either direction, and the edges among them.

    The edges are gathered by one expansion over the rows of the nodes found, not
    in a subquery per node: there the list of nodes found is an argument the
    membership test scans, edge by edge, where here it is tested against one list
    built once (measured: a neighbourhood of 20,000 nodes and 100,000 edges in a
    fifth of a second, where the subquery ran out of time). `depth` is spliced
    into `*1..depth`, where Cypher takes no parameter, so it is checked to be an
    int in 1..MAX_DEPTH first.
    """
    check_depth(depth)
    if not edge_types:
        query = f"MATCH (start:{ANY_NODE}) WHERE start.id = $id RETURN [{_node('start')}] AS nodes, [] AS edges"
        return query, {"id": node_id}
    types = _types(edge_types)
    query = f"""MATCH (start:{ANY_NODE}) WHERE start.id = $id
WITH start, [start] + COLLECT {{
    {_reached(types, depth)}
    RETURN m
}} AS found
UNWIND found AS a
OPTIONAL MATCH (a)-[r:{types}]->(b:{ANY_NODE}) WHERE b IN found
WITH start, collect(DISTINCT a) AS found, collect(CASE WHEN r IS NOT NULL THEN {_edge("r", "a", "b")} END) AS edges
RETURN [n IN found | {_node("n")}] AS nodes, edges"""
    return query, {"id": node_id}


def _day(var: str) -> str:
    """The date a node is dated by, as `graph.traversal.node_date` reads it: of the attributes its type is dated
    by, the first holding a non-empty string."""
    cases = []
    for node_type, names in DATE_ATTRIBUTES.items():
        props = [f"{var}.{_identifier(property_key(name))}" for name in names]
        first = " ".join(f"WHEN {v} IS :: STRING NOT NULL AND {v} <> '' THEN {v}" for v in props)
        cases.append(f"WHEN {var}:{label(node_type)} THEN CASE {first} END")
    return f"CASE {' '.join(cases)} END"


def _passable(window: Window) -> tuple[str, dict[str, object]]:
    """A test on every node of a path `p` but its start: undated kinds pass, dated ones when dated in `window`,
    compared at the date's own precision as `graph.traversal.in_window` does."""
    if not window:
        return "", {}
    bounds = []
    params: dict[str, object] = {}
    if window.since is not None:
        bounds.append("day >= left($since, size(day))")
        params["since"] = window.since.isoformat()
    if window.until is not None:
        bounds.append("day <= left($until, size(day))")
        params["until"] = window.until.isoformat()
    dated = "|".join(label(t) for t in DATE_ATTRIBUTES)
    test = f"NOT x:{dated} OR any(day IN [{_day('x')}] WHERE day IS NOT NULL AND {' AND '.join(bounds)})"
    return f" AND all(x IN nodes(p)[1..] WHERE {test})", params


def listing(
    node_id: str,
    depth: int,
    edge_types: frozenset[EdgeType],
    window: Window,
    kinds: frozenset[NodeType] | None,
    stop: int,
) -> Query:
    """How many nodes the neighbourhood lists and the first `stop` of them, by (hops, id): ids only.

    The start comes first, at hop 0, whatever `kinds` says; the others are
    reached through nodes `window` lets pass and listed when of one of `kinds`.
    """
    check_depth(depth)
    where, params = _passable(window)
    params |= {"id": node_id, "more": max(stop - 1, 0)}
    rest = "[]"
    if edge_types:
        kind = ""
        if kinds is not None:
            kind = f"\n    WHERE m:{'|'.join(sorted(label(k) for k in kinds))}" if kinds else "\n    WHERE false"
        rest = f"""COLLECT {{
    {_reached(_types(edge_types), depth, where)}{kind}
    ORDER BY hops, m.id
    RETURN [m.id, hops]
}}"""
    query = f"""MATCH (start:{ANY_NODE}) WHERE start.id = $id
WITH start, {rest} AS rest
RETURN 1 + size(rest) AS total, [[start.id, 0]] + rest[0..$more] AS first"""
    return query, params


def joined(node_ids: list[str], among: list[str], edge_types: frozenset[EdgeType]) -> Query:
    """The nodes `node_ids` and the edges of `edge_types` joining one of them to one of them or of `among`.

    Each pair of ends is tested for an edge (an index-free lookup from the end
    with fewer edges), so a super node on the page costs the pairs, not its edges.
    """
    nodes = f"MATCH (n:{ANY_NODE}) WHERE n.id IN $ids\nWITH collect(n) AS page"
    if not edge_types:
        return f"{nodes}\nRETURN [n IN page | {_node('n')}] AS nodes, [] AS edges", {"ids": node_ids}
    query = f"""{nodes}
WITH page, page + COLLECT {{ MATCH (b:{ANY_NODE}) WHERE b.id IN $among RETURN b }} AS ends
RETURN [n IN page | {_node("n")}] AS nodes, COLLECT {{
    UNWIND page AS a UNWIND ends AS b
    MATCH (a)-[r:{_types(edge_types)}]-(b)
    WITH DISTINCT r
    RETURN {_edge("r", "startNode(r)", "endNode(r)")}
}} AS edges"""
    return query, {"ids": node_ids, "among": among}


def events(node_type: NodeType, wanted: Wanted) -> Query:
    """Nodes of one type with their traversable edges, keeping those having every edge wanted.

    `wanted` holds (edge type, "source" or "target", id): e.g. (PARTICIPATED_IN,
    "source", an official's id) keeps the meetings that official took part in.
    """
    conditions = []
    params: dict[str, object] = {}
    for number, (edge_type, end, other) in enumerate(wanted):
        param = f"other{number}"
        params[param] = other
        edge = f"-[:{rel_type(edge_type)}]->"
        if end == "source":
            conditions.append(f"EXISTS {{ MATCH (o:{ANY_NODE}){edge}(n) WHERE o.id = ${param} }}")
        elif end == "target":
            conditions.append(f"EXISTS {{ MATCH (n){edge}(o:{ANY_NODE}) WHERE o.id = ${param} }}")
        else:
            raise ValueError(f"an edge end is 'source' or 'target', not {end!r}")
    where = f"\nWHERE {' AND '.join(conditions)}" if conditions else ""
    query = f"MATCH (n:{label(node_type)}){where}\nRETURN {_node('n')} AS node, {_links(TRAVERSABLE)} AS links"
    return query, params


def export() -> Query:
    """Every node and every edge of the graph."""
    query = (
        f"RETURN COLLECT {{ MATCH (n:{ANY_NODE}) RETURN {_node('n')} }} AS nodes, "
        f"COLLECT {{ MATCH (a:{ANY_NODE})-[r:{ANY_EDGE}]->(b:{ANY_NODE}) RETURN {_edge('r', 'a', 'b')} }} AS edges"
    )
    return query, {}


def counts() -> Query:
    """How many nodes and edges the graph has."""
    query = (
        f"RETURN COUNT {{ MATCH (n:{ANY_NODE}) }} AS nodes, "
        f"COUNT {{ MATCH (:{ANY_NODE})-[r:{ANY_EDGE}]->(:{ANY_NODE}) }} AS edges"
    )
    return query, {}


# ---------------------------------------------------------------- pages, provenance, retraction


def nodes_page(node_type: NodeType | None, after: str | None, limit: int) -> Query:
    """Nodes (of one type, or all) in id order after `after`, at most `limit`."""
    match = f"MATCH (n:{label(node_type) if node_type is not None else ANY_NODE})"
    query = f"{match}\nWHERE $after IS NULL OR n.id > $after\nRETURN {_node('n')} AS node ORDER BY n.id LIMIT $limit"
    return query, {"after": after, "limit": limit}


def nodes_by_id(ids: list[str]) -> Query:
    """The nodes of `ids` that are stored, in id order."""
    query = f"UNWIND $ids AS id MATCH (n:{ANY_NODE} {{id: id}})\nRETURN {_node('n')} AS node ORDER BY n.id"
    return query, {"ids": ids}


def edges_page(after: tuple[str, str, str] | None, limit: int) -> Query:
    """Edges in (source id, type, target id) order after the key `after`, at most `limit`."""
    source, kind, target = after if after is not None else (None, None, None)
    query = f"""MATCH (a:{ANY_NODE})-[r:{ANY_EDGE}]->(b:{ANY_NODE})
WHERE $source IS NULL OR a.id > $source
    OR (a.id = $source AND (type(r) > $type OR (type(r) = $type AND b.id > $target)))
RETURN {_edge("r", "a", "b")} AS edge ORDER BY a.id, type(r), b.id LIMIT $limit"""
    return query, {"source": source, "type": kind, "target": target, "limit": limit}


def document_edges(document_id: str, evidence_prefix: str) -> Query:
    """Edges one of whose evidence strings starts with `evidence_prefix`, and MENTIONED_IN edges to the document.

    Evidence is stored as canonical JSON with sorted keys, so evidence from a
    document starts with `{"document": <its id as JSON>, `.
    """
    query = f"""MATCH (a:{ANY_NODE})-[r:{ANY_EDGE}]->(b:{ANY_NODE})
WHERE any(e IN r.evidence WHERE e STARTS WITH $prefix) OR (type(r) = '{rel_type(EdgeType.MENTIONED_IN)}' AND b.id = $id)
RETURN {_edge("r", "a", "b")} AS edge"""
    return query, {"prefix": evidence_prefix, "id": document_id}


_EDGE_BY_KEY = (
    f"MATCH (a:{ANY_NODE})-[r:{ANY_EDGE}]->(b:{ANY_NODE})\n"
    "WHERE a.id = row.source AND type(r) = row.type AND b.id = row.target"
)


def set_evidence(rows: list[dict[str, object]]) -> Query:
    """Replace the evidence of edges; rows hold `source`, `type`, `target` and `evidence` (JSON strings)."""
    return f"UNWIND $rows AS row\n{_EDGE_BY_KEY}\nSET r.evidence = row.evidence", {"rows": rows}


def delete_edges(rows: list[dict[str, object]]) -> Query:
    """Delete edges by key; rows hold `source`, `type` and `target`."""
    return f"UNWIND $rows AS row\n{_EDGE_BY_KEY}\nDELETE r", {"rows": rows}
