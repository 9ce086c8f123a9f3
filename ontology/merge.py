"""The contract's merge rules: what one node or edge becomes when it is read again.

Both loaders (folding the readings of one document, or of one run) and both
stores (upserting into what is stored) merge by these rules, so they live below
both. Two readings of the same thing merge as follows:

- **Names.** The first name stays the name; every other name and alias either
  reading gave is kept as an alias, in the order they arrived.
- **Attributes.** A stored value is never overwritten and a missing one is
  filled (first value wins), with one exception, a measure's `status`: the
  reading whose status was stated later (`status_date`, the date of the
  document that stated it) wins, so a measure later suspended or lifted says
  so. Between readings of the same date, or both undated, the later stage of a
  measure's life wins (proposed < reported < announced < in force < suspended <
  lifted); a dated status wins over an undated one. The result does not depend
  on the order the readings arrive in.
- **Evidence.** An edge keeps every piece of evidence, old first.

Merging the same reading twice therefore changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from ontology.contract import Edge, GraphData, Node
from ontology.terms import MeasureStatus

#: The attribute whose value a later dated reading may replace, and the attribute holding that date.
STATUS = "status"
STATUS_DATE = "status_date"
#: A measure's life in order: a later stage wins between readings of the same date.
STATUS_STAGES: dict[str, int] = {status.value: stage for stage, status in enumerate(MeasureStatus)}


def merge_list(old: list, new: Iterable) -> list:
    """Old items in their order, then the new ones not yet present."""
    out = list(old)
    out.extend(x for x in new if x not in out)
    return out


def status_rank(attributes: Mapping[str, Any]) -> tuple[str, int]:
    """How a reading's status ranks: by the date it was stated, then by the stage of the measure's life."""
    return (str(attributes.get(STATUS_DATE) or ""), STATUS_STAGES.get(str(attributes.get(STATUS)), -1))


def merge_attributes(old: dict, new: dict) -> dict:
    """First value wins, except a status stated later (see the module docstring), which replaces the stored one."""
    merged = {**new, **old}
    if new.get(STATUS) is not None and status_rank(new) > status_rank(old):
        # A status that wins has a date at least as late as the stored one's, so its date comes with it.
        merged.update({k: new[k] for k in (STATUS, STATUS_DATE) if new.get(k) is not None})
    return merged


def merge_node(old: Node, new: Node) -> Node:
    """The stored node enriched by a newly read one (same id, or judged the same): every name kept."""
    aliases = merge_list(old.aliases, (a for a in [new.name, *new.aliases] if a != old.name))
    return old.model_copy(update={"aliases": aliases, "attributes": merge_attributes(old.attributes, new.attributes)})


def merge_edge(old: Edge, new: Edge) -> Edge:
    """The stored edge enriched by a newly read one (same source, type, target)."""
    return old.model_copy(
        update={
            "attributes": merge_attributes(old.attributes, new.attributes),
            "evidence": merge_list(old.evidence, new.evidence),
        }
    )


def date_statuses(graph: GraphData, stated: date | None) -> GraphData:
    """The graph of one document with each status it states dated by the document (`stated`), if it has a date."""
    if stated is None:
        return graph
    nodes = [
        n.model_copy(update={"attributes": {**n.attributes, STATUS_DATE: stated.isoformat()}})
        if n.attributes.get(STATUS) and not n.attributes.get(STATUS_DATE)
        else n
        for n in graph.nodes
    ]
    return graph.model_copy(update={"nodes": nodes})
