"""Identity across documents: the same measure, meeting or actor, named differently, becomes one node.

Each document's graph is resolved against everything known before it (what the
store holds, and the documents read earlier in the run), in the spirit of
nomenklatura's resolver. A node whose id is new is compared with the known
nodes of its type; the best match above its rule's bar takes the known id, and
the merge is recorded as a positive `Judgement` with its rule and reason. The
rules, strongest first:

- measures: the same instrument number; the same issuer, date and covered
  items (or, with no date on one side, nearly the same items); the same change
  (a suspension, a modification) of the same measures by the same issuer; a
  name that rapidfuzz finds close, from the same issuer, with dates that agree;
- meetings: the same kind on the same day with a participant or the place in
  common; or, dated less precisely, the same place and a participant in common;
- actors (ministries, entities, officials): a name or acronym in common, or a
  name rapidfuzz finds close (`FUZZY_CUTOFF`).

Nothing merges across a conflict (two kinds, two instruments, two dates, two
places, two states), two gazetteer entries never merge (the gazetteer says they
differ), two nodes of one document never merge (the extractor told them
apart), and a negative judgement keeps its pair apart for good. Actors are
resolved first, then measures, then meetings, so each rule compares the ends
of edges already resolved. A known node that a new document tells more about
is compared again, and joins a known node it now matches (`Resolver.joins`), so
what merges does not depend on the order documents are loaded in. Pure: no
store, no file; `api.service` feeds it and applies the joins to the store.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from ontology.contract import Edge, GraphData, Node
from ontology.ids import tokens
from ontology.judgements import Judgement, Judgements, Rule, Verdict, judge
from ontology.merge import merge_edge, merge_node
from ontology.terms import EdgeType, MeasureKind, NodeType

#: How close two names must be (rapidfuzz token_sort_ratio on folded words, 0–100) to be one actor.
FUZZY_CUTOFF = 90.0
#: A measure's name must have this many words to be matched fuzzily: "export controls" names nothing in particular.
MEASURE_NAME_WORDS = 3
#: Share of covered items (Jaccard) two dated measures need in common, and undated ones.
ITEMS_SHARED = 0.5
ITEMS_SHARED_UNDATED = 0.8
#: The order types are resolved in: each pass compares edges whose ends earlier passes resolved.
PASSES: tuple[NodeType, ...] = (
    NodeType.ENTITY,
    NodeType.MINISTRY,
    NodeType.OFFICIAL,
    NodeType.MEASURE,
    NodeType.MEASURE,
    NodeType.MEETING,
)
ACTORS = frozenset({NodeType.ENTITY, NodeType.MINISTRY, NodeType.OFFICIAL})
CHANGES = (EdgeType.SUSPENDS, EdgeType.MODIFIES)


@dataclass
class Profile:
    """A node with the ends of its edges, by edge type and direction, and the documents it is mentioned in."""

    node: Node
    documents: set[str] = field(default_factory=set)
    outgoing: dict[EdgeType, set[str]] = field(default_factory=dict)
    incoming: dict[EdgeType, set[str]] = field(default_factory=dict)

    def out(self, edge_type: EdgeType) -> set[str]:
        return self.outgoing.get(edge_type, set())

    def into(self, edge_type: EdgeType) -> set[str]:
        return self.incoming.get(edge_type, set())

    def names(self) -> set[str]:
        return {n for n in map(normal, [self.node.name, *self.node.aliases]) if n}


@dataclass(frozen=True)
class Match:
    """Why a node is judged to be a known one."""

    rule: Rule
    score: float
    reason: str


def normal(name: str) -> str:
    """A name folded to its words, without a leading article, for comparing names."""
    words = tokens(name)
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def profiles(graph: GraphData) -> dict[str, Profile]:
    """The profile of every node of a graph."""
    found = {node.id: Profile(node) for node in graph.nodes}
    _link(found, graph.edges)
    return found


def _link(found: dict[str, Profile], edges: Iterable[Edge]) -> None:
    for edge in edges:
        if edge.type is EdgeType.MENTIONED_IN:
            if edge.source in found:
                found[edge.source].documents.add(edge.target)
            continue
        if edge.source in found:
            found[edge.source].outgoing.setdefault(edge.type, set()).add(edge.target)
        if edge.target in found:
            found[edge.target].incoming.setdefault(edge.type, set()).add(edge.source)


# ---------------------------------------------------------------- comparing two profiles


def _agree(a: object, b: object) -> bool:
    """Two values that do not contradict each other: one is missing, or they are equal."""
    return a is None or b is None or a == b


def _dates_agree(a: object, b: object) -> bool:
    """Two ISO dates (or prefixes) that can be the same day."""
    return a is None or b is None or str(a).startswith(str(b)) or str(b).startswith(str(a))


def _same_day(a: object, b: object) -> bool:
    return a is not None and a == b and len(str(a)) == 10


#: Covered items that are chemical elements: ids the periodic table gives, unlike goods named in free text.
ELEMENT_PREFIX = f"{NodeType.ELEMENT.lower()}:"


def _compared_items(a: set[str], b: set[str]) -> tuple[set[str], set[str]]:
    """The items two measures are compared by: their elements when both cover some, else everything they cover.

    Goods are read from free text ("rare earth elements", "REEs", "earth elements"),
    so two readings of one measure rarely name them alike; elements they name alike.
    """
    elements = {i for i in a if i.startswith(ELEMENT_PREFIX)}, {i for i in b if i.startswith(ELEMENT_PREFIX)}
    return elements if all(elements) else (a, b)


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _close(a: Profile, b: Profile, min_words: int = 2) -> tuple[float, str] | None:
    """The best rapidfuzz score of one node's name against the other's names, if above the cutoff.

    Only names of `min_words` words or more count, and two aliases are never
    compared: "Minister Li" and "Minister Li" may be two people.
    """
    best: tuple[float, str] | None = None
    for one, other in ((a, b), (b, a)):
        name = normal(one.node.name)
        # "16 US entities" and "17 US entities" are close as strings and two things: numbers must agree.
        alike = [n for n in other.names() if len(n.split()) >= min_words and _numbers(n) == _numbers(name)]
        hit = process.extractOne(name, alike, scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_CUTOFF)
        if len(name.split()) >= min_words and hit and (best is None or hit[1] > best[0]):
            best = (hit[1], f"{name!r} ~ {hit[0]!r}")
    return best


def _numbers(name: str) -> set[str]:
    return {word for word in name.split() if word.isdigit()}


def _shared_name(a: Profile, b: Profile) -> str | None:
    """The name of one node that the other goes by too: two aliases alike ("Minister Li") identify nobody."""
    shared = sorted(({normal(a.node.name), normal(b.node.name)} - {""}) & a.names() & b.names())
    return shared[0] if shared else None


def _actor(a: Profile, b: Profile, known: Mapping[str, Profile]) -> Match | None:
    if not _agree(a.node.attributes.get("kind"), b.node.attributes.get("kind")):
        return None
    states, theirs = a.out(EdgeType.PART_OF), b.out(EdgeType.PART_OF)
    if states and theirs and not states & theirs:
        return None
    name = _shared_name(a, b)
    # A person's one-word name ("Wang") is shared by too many people to identify one.
    if name and (a.node.type is not NodeType.OFFICIAL or len(name.split()) >= 2):
        return Match(Rule.SAME_NAME, 1.0, f"both are named {name!r}")
    close = _close(a, b)
    return Match(Rule.FUZZY_NAME, close[0] / 100, f"names {close[1]} score {close[0]:.0f}") if close else None


def _specific(profile: Profile | None) -> bool:
    """A measure named by an instrument or dated to the day: one measure, not a wording many could share."""
    attributes = profile.node.attributes if profile else {}
    return bool(attributes.get("instrument")) or any(
        len(str(attributes.get(k, ""))) == 10 for k in ("announced", "effective")
    )


def _measure(a: Profile, b: Profile, known: Mapping[str, Profile]) -> Match | None:
    x, y = a.node.attributes, b.node.attributes
    kinds = {x.get("kind"), y.get("kind")} - {None, MeasureKind.OTHER.value}
    instruments = [normal(str(v)) if v else None for v in (x.get("instrument"), y.get("instrument"))]
    if len(kinds) > 1 or not _agree(*instruments):
        return None
    if not all(_dates_agree(x.get(k), y.get(k)) for k in ("announced", "effective", "expires")):
        return None
    if instruments[0] and instruments[0] == instruments[1]:
        return Match(Rule.INSTRUMENT, 1.0, f"the same instrument, {x['instrument']!r}")
    issuers = a.into(EdgeType.ISSUED) & b.into(EdgeType.ISSUED)
    items = _compared_items(a.out(EdgeType.COVERS), b.out(EdgeType.COVERS))
    shared_items = _jaccard(*items)
    day = next((x[k] for k in ("announced", "effective") if _same_day(x.get(k), y.get(k))), None)
    who = ", ".join(sorted(issuers))
    # One side silent on what it covers and targets ("the rule set out on 4 April") contradicts nothing.
    silent = any(not (p.out(EdgeType.COVERS) or p.out(EdgeType.TARGETS)) for p in (a, b))
    if issuers and day and (shared_items >= ITEMS_SHARED or not (items[0] or items[1]) or silent) and kinds:
        what = f", covering {', '.join(sorted(items[0] & items[1]))}" if items[0] & items[1] else ""
        return Match(Rule.ISSUER_DATE_ITEMS, 0.95, f"issued by {who} on {day}{what}")
    issuers_agree = bool(issuers) or not (a.into(EdgeType.ISSUED) and b.into(EdgeType.ISSUED))
    undated = not (x.get("announced") or x.get("effective")) or not (y.get("announced") or y.get("effective"))
    if issuers_agree and kinds and undated and shared_items >= ITEMS_SHARED_UNDATED and len(items[0] & items[1]) >= 2:
        what = f"covering {', '.join(sorted(items[0] & items[1]))}, no date to tell them apart"
        return Match(Rule.ISSUER_DATE_ITEMS, 0.9, f"issued by {who}, {what}" if who else what)
    for change in CHANGES:
        bases = a.out(change)
        # "Suspension of export restrictions" of a measure nothing identifies says nothing of which one.
        specific = all(_specific(known.get(base)) for base in bases)
        if bases and bases == b.out(change) and specific and kinds and issuers_agree:
            return Match(Rule.SAME_CHANGE, 0.9, f"{change.value} the same measures, {', '.join(sorted(bases))}")
    # Alike names of measures mean one only on one day: "suspension of export control measures" recurs.
    close = _close(a, b, MEASURE_NAME_WORDS) if issuers and kinds and day else None
    return Match(Rule.FUZZY_NAME, close[0] / 100, f"issued by {who}, names {close[1]}") if close else None


def _meeting(a: Profile, b: Profile, known: Mapping[str, Profile]) -> Match | None:
    x, y = a.node.attributes, b.node.attributes
    if x.get("kind") != y.get("kind") or not _dates_agree(x.get("date"), y.get("date")):
        return None
    place = x.get("location") if x.get("location") and x.get("location") == y.get("location") else None
    if not _agree(x.get("location"), y.get("location")):
        return None
    people = a.into(EdgeType.PARTICIPATED_IN) & b.into(EdgeType.PARTICIPATED_IN)
    together = f"with {', '.join(sorted(people))}" if people else f"in {place}"
    if _same_day(x.get("date"), y.get("date")) and (people or place):
        return Match(Rule.MEETING, 0.95, f"{x.get('kind')} on {x['date']} {together}")
    if place and people:
        return Match(Rule.MEETING, 0.85, f"{x.get('kind')} in {place} with {', '.join(sorted(people))}")
    close = _close(a, b) if _same_day(x.get("date"), y.get("date")) else None
    return Match(Rule.FUZZY_NAME, close[0] / 100, f"on {x.get('date')}, names {close[1]}") if close else None


#: How two profiles of one type compare; the third argument is every known profile, for the ends of their edges.
MATCHERS: dict[NodeType, Callable[[Profile, Profile, Mapping[str, Profile]], Match | None]] = {
    NodeType.ENTITY: _actor,
    NodeType.MINISTRY: _actor,
    NodeType.OFFICIAL: _actor,
    NodeType.MEASURE: _measure,
    NodeType.MEETING: _meeting,
}


# ---------------------------------------------------------------- resolving a stream of documents


class Resolver:
    """What is known so far, and the judgements in force; `resolve` maps a new graph onto it."""

    def __init__(self, judgements: Judgements | None = None, fixed: Collection[str] = ()) -> None:
        """`fixed` holds canonical ids (the gazetteer's): two of them are never one thing."""
        self.judgements = judgements or Judgements()
        self.fixed = frozenset(fixed)
        self.known: dict[str, Profile] = {}
        #: The judgements made by this resolver, in order.
        self.made: list[Judgement] = []
        #: Those of them that join two nodes both known already: a store must fold one into the other.
        self.joins: list[Judgement] = []

    def add(self, graph: GraphData) -> None:
        """Take a graph as known (what a store holds, or a document already resolved)."""
        for node in graph.nodes:
            old = self.known.get(node.id)
            if old:
                old.node = merge_node(old.node, node)
            else:
                self.known[node.id] = Profile(node)
        _link(self.known, graph.edges)

    def resolve(self, graph: GraphData) -> GraphData:
        """The graph with each node judged the same as a known one renamed to its id; new judgements in `made`."""
        mine = profiles(graph)
        mapping: dict[str, str] = {}
        for node_type in PASSES:
            for node_id in sorted(i for i, p in mine.items() if p.node.type is node_type):
                if node_id in self.known or node_id in mapping:
                    continue
                earlier = self.judgements.canonical(node_id)
                if earlier in self.known:
                    mapping[node_id] = earlier
                    continue
                found = self._best(_renamed(mine[node_id], mapping), exclude=set())
                if found:
                    target, match = found
                    mapping[node_id] = target
                    self._record(mine[node_id], target, match)
        self._join_known(mine, mapping)
        return rename(graph, mapping)

    def _join_known(self, mine: dict[str, Profile], mapping: dict[str, str]) -> None:
        """Known nodes this graph tells more about may now be judged the same as other known ones: join them.

        So the order documents arrive in does not decide what merges: a measure
        stored without its items joins the one stored with a date once a later
        document gives it the items too. The gazetteer's id is kept over another;
        otherwise the node known before this graph is.
        """
        here = {mapping.get(i, i) for i in mine}
        for node_type in dict.fromkeys(PASSES):
            for read in sorted(i for i, p in mine.items() if p.node.type is node_type):
                node_id = mapping.get(read, read)
                if node_id not in self.known:
                    continue
                combined = _combined(self.known[node_id], _renamed(mine[read], mapping))
                found = self._best(combined, exclude=here)
                if not found:
                    continue
                other, match = found
                keep, drop = (node_id, other) if node_id in self.fixed and other not in self.fixed else (other, node_id)
                dropped = combined if drop == node_id else self.known[other]
                self.joins.append(self._record(dropped, keep, match))
                self._fold(drop, keep)
                for source, target in [*mapping.items(), (drop, drop)]:
                    if target == drop:
                        mapping[source] = keep

    def _fold(self, drop: str, keep: str) -> None:
        """Make the known node `drop` part of `keep`, and every edge end that named it name `keep`."""
        gone = self.known.pop(drop)
        kept = self.known[keep]
        kept.node = merge_node(kept.node, gone.node.model_copy(update={"id": keep}))
        kept.documents |= gone.documents
        for theirs, mine in ((gone.outgoing, kept.outgoing), (gone.incoming, kept.incoming)):
            for edge_type, ends in theirs.items():
                mine.setdefault(edge_type, set()).update(ends)
        for profile in self.known.values():
            for links in (profile.outgoing, profile.incoming):
                for ends in links.values():
                    if drop in ends:
                        ends.discard(drop)
                        ends.add(keep)

    def renaming(self) -> dict[str, str]:
        """Every known id joined into another, with the id it now goes by: for graphs read before the join."""
        return {j.merged: self.judgements.canonical(j.merged) for j in self.joins}

    def _best(self, profile: Profile, exclude: set[str]) -> tuple[str, Match] | None:
        """The one known node (none of `exclude`, nor the node itself) the profile fits best, if one does."""
        matcher = MATCHERS.get(profile.node.type)
        if matcher is None:
            return None
        found = [
            (known_id, match)
            for known_id, known in self.known.items()
            if known.node.type is profile.node.type
            and known_id != profile.node.id
            and known_id not in exclude
            and self._may_merge(profile, known_id)
            and (match := matcher(profile, known, self.known))
        ]
        found.sort(key=lambda hit: -hit[1].score)
        # Two known nodes that fit equally well: nothing says which one is meant, so neither is.
        if not found or (len(found) > 1 and found[1][1].score == found[0][1].score):
            return None
        return found[0]

    def _may_merge(self, profile: Profile, known_id: str) -> bool:
        known = self.known[known_id]
        if profile.node.id in self.fixed and known_id in self.fixed:
            return False
        if profile.documents & known.documents:
            return False
        return not self.judgements.apart({profile.node.id}, self.judgements.members(known_id))

    def _record(self, profile: Profile, target: str, match: Match) -> Judgement:
        item = judge(
            Verdict.POSITIVE,
            target,
            profile.node.id,
            profile.node.type,
            match.rule,
            match.reason,
            score=round(match.score, 3),
            names=[self.known[target].node.name, profile.node.name],
            documents=sorted(profile.documents),
            node=profile.node,
        )
        self.judgements.add(item)
        self.made.append(item)
        return item


def _combined(known: Profile, more: Profile) -> Profile:
    """A known node's profile with what one more graph says of it."""
    links = [
        {t: known_ends.get(t, set()) | more_ends.get(t, set()) for t in {*known_ends, *more_ends}}
        for known_ends, more_ends in ((known.outgoing, more.outgoing), (known.incoming, more.incoming))
    ]
    return Profile(merge_node(known.node, more.node), known.documents | more.documents, *links)


def _renamed(profile: Profile, mapping: dict[str, str]) -> Profile:
    """A profile whose edge ends are renamed as already resolved."""

    def ends(links: dict[EdgeType, set[str]]) -> dict[EdgeType, set[str]]:
        return {t: {mapping.get(i, i) for i in ids} for t, ids in links.items()}

    return Profile(profile.node, profile.documents, ends(profile.outgoing), ends(profile.incoming))


def rename(graph: GraphData, mapping: dict[str, str]) -> GraphData:
    """The graph with node ids renamed (nodes and edge ends), readings of one id merged, loops dropped."""
    if not mapping:
        return graph
    nodes: dict[str, Node] = {}
    # A node that keeps its id comes first, so it keeps its name and the renamed ones become its aliases.
    for node in sorted(graph.nodes, key=lambda n: n.id in mapping):
        renamed = node.model_copy(update={"id": mapping.get(node.id, node.id)})
        old = nodes.get(renamed.id)
        nodes[renamed.id] = merge_node(old, renamed) if old else renamed
    edges: dict[tuple[str, str, str], Edge] = {}
    for edge in graph.edges:
        renamed = edge.model_copy(
            update={"source": mapping.get(edge.source, edge.source), "target": mapping.get(edge.target, edge.target)}
        )
        if renamed.source == renamed.target:
            continue
        old = edges.get(renamed.key)
        edges[renamed.key] = merge_edge(old, renamed) if old else renamed
    return graph.model_copy(update={"nodes": list(nodes.values()), "edges": list(edges.values())})


def split(node: Node, edges: Iterable[Edge], judgement: Judgement) -> GraphData:
    """Undo a merge: the kept node and the merged one as two nodes, each with the edges read from its documents.

    An edge of the kept node moves to the merged one when all its evidence comes
    from the documents the merged id was read from, and is shared out when only
    some does; a mention of one of those documents moves. The kept node loses
    the names the merged one brought; its other attributes stay as they are, as
    nothing records which reading gave them.
    """
    theirs = set(judgement.documents)
    restored = judgement.node or Node(id=judgement.merged, type=node.type, name=judgement.names[-1])
    brought = {restored.name, *restored.aliases} - {node.name}
    kept = node.model_copy(update={"aliases": [a for a in node.aliases if a not in brought]})
    out: list[Edge] = []
    for edge in edges:
        if edge.type is EdgeType.MENTIONED_IN:
            moves = edge.target in theirs
            out.append(_moved(edge, node.id, restored.id) if moves else edge)
            continue
        mine = [e for e in edge.evidence if e.document not in theirs]
        moved = [e for e in edge.evidence if e.document in theirs]
        if moved:
            out.append(_moved(edge, node.id, restored.id).model_copy(update={"evidence": moved}))
        if mine or not moved:
            out.append(edge.model_copy(update={"evidence": mine}))
    return GraphData(nodes=[kept, restored], edges=out)


def _moved(edge: Edge, old: str, new: str) -> Edge:
    """The edge with the end `old` replaced by `new`."""
    ends = {"source": edge.source, "target": edge.target}
    return edge.model_copy(update={end: new for end, value in ends.items() if value == old})


def fold(node: Node, edges: Iterable[Edge], canonical: str) -> GraphData:
    """A stored node and its edges renamed to `canonical`: what upserting makes it part of that node."""
    return rename(GraphData(nodes=[node], edges=list(edges)), {node.id: canonical})
