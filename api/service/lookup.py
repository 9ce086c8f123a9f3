"""Looking up one node: by id, by name or alias, its neighbours, and the checks every argument passes."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import TypeVar

from pydantic import BaseModel

from graph import Settings, Store, describe_backend
from graph.store import TRAVERSABLE, Linked
from ontology.contract import GraphData, Node
from ontology.errors import InputError, NotFoundError
from ontology.ids import tokens
from ontology.terms import EdgeType, NodeType

#: An ontology term type (NodeType, EdgeType...), for the helpers that check names against one.
Term = TypeVar("Term", bound=StrEnum)


#: The most entities one search returns.
MAX_LIMIT = 500
#: How many candidates a name is resolved among before it is called ambiguous.
RESOLVE_CANDIDATES = 20


class Health(BaseModel):
    """What `/health` reports."""

    status: str
    backend: str
    counts: dict[str, int]


def health(store: Store, settings: Settings) -> Health:
    """Whether the store answers, where it lives and how big the graph is."""
    return Health(status="ok", backend=describe_backend(settings), counts=store.counts())


def search_entities(
    store: Store, q: str | None = None, node_type: NodeType | None = None, limit: int = 50
) -> list[Node]:
    """Nodes whose name or an alias has words starting with each word of `q`, accents and case ignored.

    Without `q`, every node (of `node_type`, if given), up to `limit`, by id.
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
    return store.search(tokens(q or ""), node_type, limit)


def get_entity(store: Store, node_id: str) -> Linked:
    """The node with its aliases, attributes, every edge with its evidence, and its neighbours."""
    found = store.linked(node_id)
    if found is None:
        raise NotFoundError(f"no node with id {node_id!r}")
    return found


def _terms(names: Iterable[str] | None, terms: type[Term], what: str) -> frozenset[Term] | None:
    """The terms named, or None when none are; unknown names are an InputError listing the allowed ones."""
    wanted = list(names or [])
    if not wanted:
        return None
    allowed = [t.value for t in terms]
    unknown = sorted({n for n in wanted if n not in allowed})
    if unknown:
        raise InputError(f"unknown {what} {', '.join(unknown)}: use any of {', '.join(allowed)}")
    return frozenset(terms(n) for n in wanted)


def edge_types(names: Iterable[str] | None) -> frozenset[EdgeType]:
    """The edge types named, or all traversable ones when none are; unknown names are an InputError."""
    return _terms(names, EdgeType, "edge types") or TRAVERSABLE


def node_types_named(names: Iterable[str] | None) -> frozenset[NodeType] | None:
    """The node types named, or None for all; unknown names are an InputError listing the allowed ones."""
    return _terms(names, NodeType, "node types")


def neighbors(store: Store, node_id: str, depth: int = 1, types: Iterable[str] | None = None) -> GraphData:
    """The nodes within `depth` hops (1 to `graph.store.MAX_DEPTH`) over `types` edges, and the edges among them.

    Edges are followed in either direction; `types` defaults to every type but MENTIONED_IN.
    """
    found = store.neighborhood(node_id, depth, edge_types(types))
    if not found.nodes:
        raise NotFoundError(f"no node with id {node_id!r}")
    return found


def _kinds(types: frozenset[NodeType]) -> str:
    """Node types as a reader lists them: "Entity, Ministry or Official"."""
    *rest, last = sorted(types)
    return f"{', '.join(rest)} or {last}" if rest else last


def _tightest(hits: list[Node], words: int) -> list[Node]:
    """The nodes a name fits most tightly: those with the fewest words beyond the name's, in their closest name.

    "Sefcovic" fits Maroš Šefčovič (one word more) better than a meeting named
    "Wang Wentao meets Maroš Šefčovič"; "Wang" fits Wang Yi and Wang Wentao alike.
    """
    if not hits:
        return hits
    extra = {n.id: min(len(tokens(text)) for text in [n.name, *n.aliases]) - words for n in hits}
    least = min(extra.values())
    return [n for n in hits if extra[n.id] == least]


def resolve(store: Store, ref: str, types: frozenset[NodeType], role: str) -> str:
    """The id of the one node of `types` that `ref` names: by id, else by name or alias.

    A name that is exactly some node's name or alias (words compared folded)
    picks that node over nodes it only starts the words of; a name that still
    fits several nodes is ambiguous, and the message lists them with their ids.
    """
    linked = store.linked(ref)
    if linked is not None:
        if linked.node.type not in types:
            raise InputError(f"{role} {ref!r} is of type {linked.node.type}, not {_kinds(types)}")
        return ref
    wanted = tokens(ref)
    if not wanted:
        raise InputError(f"{role} {ref!r} is neither an id nor a name")
    if len(types) > 3:  # one query for many types, rather than one per type
        hits = [n for n in store.search(wanted, None, RESOLVE_CANDIDATES * len(types)) if n.type in types]
    else:
        hits = [node for t in sorted(types) for node in store.search(wanted, t, RESOLVE_CANDIDATES)]
    exact = [n for n in hits if any(tokens(text) == wanted for text in [n.name, *n.aliases])]
    found = exact or _tightest(hits, len(wanted))
    if not found:
        raise NotFoundError(f"{role} {ref!r} names no {_kinds(types)}")
    if len(found) > 1:
        named = "; ".join(f"{n.name} ({n.id})" for n in found[:5])
        raise InputError(f"{role} {ref!r} is ambiguous: it could be {named}; give an id")
    return found[0].id


def check_value(name: str, value: str, allowed: type[StrEnum]) -> str:
    """`value` if it is one of the ontology's values for `name`, else an InputError listing them."""
    values = [v.value for v in allowed]
    if value not in values:
        raise InputError(f"{name} {value!r} is not one of {', '.join(values)}")
    return value
