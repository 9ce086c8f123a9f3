"""Identity across documents, on small graphs of our own: what merges, why, and what stays apart."""

from __future__ import annotations

from datetime import date

import pytest

from graph.store import merge_graphs
from loaders.identity import Resolver, rename, split
from ontology.contract import Edge, Evidence, GraphData, Node
from ontology.judgements import Judgements, Rule, Verdict, judge
from ontology.merge import date_statuses, merge_attributes
from ontology.terms import EdgeType, NodeType

MINISTRY = "ministry:xx-trade"
GALLIUM, GERMANIUM, INDIUM = "element:ga", "element:ge", "element:in"


def node(node_id: str, name: str, aliases: list[str] | None = None, **attributes: object) -> Node:
    kind = {"measure": NodeType.MEASURE, "meeting": NodeType.MEETING, "ministry": NodeType.MINISTRY}
    kind |= {"official": NodeType.OFFICIAL, "entity": NodeType.ENTITY, "element": NodeType.ELEMENT}
    return Node(id=node_id, type=kind[node_id.split(":")[0]], name=name, aliases=aliases or [], attributes=attributes)


def document(doc: str, nodes: list[Node], links: list[tuple[str, EdgeType, str]]) -> GraphData:
    """The graph of one document: its nodes, the edges given (evidence in `doc`), and a mention of each node."""
    proof = [Evidence(document=doc, start=0, end=4, text="text")]
    edges = [Edge(source=s, type=t, target=o, evidence=proof) for s, t, o in links]
    edges += [Edge(source=n.id, type=EdgeType.MENTIONED_IN, target=doc) for n in nodes]
    return GraphData(nodes=[Node(id=doc, type=NodeType.DOCUMENT, name=doc), *nodes], edges=edges)


def resolve_all(*graphs: GraphData, resolver: Resolver | None = None) -> tuple[GraphData, Resolver]:
    """Resolve documents in order, each against the ones before, as an extract run does."""
    resolver = resolver or Resolver()
    done = []
    for graph in graphs:
        done.append(resolver.resolve(graph))
        resolver.add(done[-1])
    return merge_graphs(done), resolver


def of_type(data: GraphData, node_type: NodeType) -> list[Node]:
    return [n for n in data.nodes if n.type is node_type]


def controls(doc: str, measure: Node, *items: str) -> GraphData:
    """A document in which the ministry issued `measure`, covering `items`."""
    links = [(MINISTRY, EdgeType.ISSUED, measure.id), *((measure.id, EdgeType.COVERS, i) for i in items)]
    elements = [node(i, i.split(":")[1]) for i in items]
    return document(doc, [node(MINISTRY, "Trade Ministry"), measure, *elements], links)


def test_a_measure_named_by_its_instrument_in_one_document_and_by_its_date_in_another_is_one_node() -> None:
    first = controls(
        "document:a",
        node("measure:notice-7", "Notice No. 7 of 2026", kind="export_control", instrument="Notice No. 7 of 2026"),
        GALLIUM,
        GERMANIUM,
    )
    second = controls(
        "document:b",
        node(
            "measure:xx-export-control-2026-03-03", "curbs on two metals", kind="export_control", announced="2026-03-03"
        ),
        GALLIUM,
        GERMANIUM,
    )

    merged, resolver = resolve_all(first, second)

    [measure] = of_type(merged, NodeType.MEASURE)
    assert measure.id == "measure:notice-7"
    assert measure.aliases == ["curbs on two metals"]
    assert measure.attributes["announced"] == "2026-03-03"
    [made] = resolver.made
    assert (made.verdict, made.rule, made.canonical, made.merged) == (
        Verdict.POSITIVE,
        Rule.ISSUER_DATE_ITEMS,
        "measure:notice-7",
        "measure:xx-export-control-2026-03-03",
    )
    assert "issued by ministry:xx-trade" in made.reason and "element:ga" in made.reason
    assert made.documents == ["document:b"]


def test_one_instrument_under_two_ids_is_one_measure() -> None:
    first = document("document:a", [node("measure:a", "Notice 7", kind="listing", instrument="Notice No. 7")], [])
    second = document("document:b", [node("measure:b", "the notice", kind="listing", instrument="notice no 7")], [])

    merged, resolver = resolve_all(first, second)

    assert [n.id for n in of_type(merged, NodeType.MEASURE)] == ["measure:a"]
    assert resolver.made[0].rule is Rule.INSTRUMENT


@pytest.mark.parametrize(
    ("other", "items"),
    [
        ({"announced": "2026-03-04"}, (GALLIUM, GERMANIUM)),  # another day
        ({"announced": "2026-03-03", "kind": "tariff"}, (GALLIUM, GERMANIUM)),  # another kind
        ({"announced": "2026-03-03"}, (INDIUM,)),  # other items
        ({"instrument": "Notice No. 8 of 2026"}, (GALLIUM, GERMANIUM)),  # another instrument
    ],
)
def test_measures_that_differ_in_date_kind_items_or_instrument_stay_apart(
    other: dict[str, object], items: tuple[str, ...]
) -> None:
    attributes = {"kind": "export_control", "announced": "2026-03-03", "instrument": "Notice No. 7 of 2026"}
    first = controls("document:a", node("measure:a", "curbs", **attributes), GALLIUM, GERMANIUM)
    second_attributes = {"kind": "export_control", **other}
    second = controls("document:b", node("measure:b", "curbs", **second_attributes), *items)

    merged, resolver = resolve_all(first, second)

    assert len(of_type(merged, NodeType.MEASURE)) == 2
    assert resolver.made == []


def test_a_measure_silent_on_its_goods_joins_the_one_its_issuer_made_that_day_but_a_listing_does_not() -> None:
    day = {"kind": "export_control", "announced": "2026-03-03"}
    first = controls("document:a", node("measure:a", "Notice No. 7", instrument="Notice No. 7", **day), GALLIUM)
    silent = controls("document:b", node("measure:b", "the new rule", **day))
    listing = document(
        "document:c",
        [node(MINISTRY, "Trade Ministry"), node("measure:c", "listing of a firm", **day), node("entity:x", "X Corp")],
        [(MINISTRY, EdgeType.ISSUED, "measure:c"), ("measure:c", EdgeType.TARGETS, "entity:x")],
    )

    merged, resolver = resolve_all(first, silent, listing)

    assert sorted(n.id for n in of_type(merged, NodeType.MEASURE)) == ["measure:a", "measure:c"]
    assert [(m.canonical, m.merged) for m in resolver.made] == [("measure:a", "measure:b")]


def test_one_suspension_reported_by_two_documents_is_one_node() -> None:
    base = node("measure:notice-7", "Notice No. 7", kind="export_control", instrument="Notice No. 7")

    def reported(doc: str, suspension: str, name: str) -> GraphData:
        pause = node(suspension, name, kind="suspension", status="in_force")
        links = [(MINISTRY, EdgeType.ISSUED, suspension), (suspension, EdgeType.SUSPENDS, base.id)]
        return document(doc, [node(MINISTRY, "Trade Ministry"), base, pause], links)

    merged, resolver = resolve_all(
        reported("document:a", "measure:suspension-a", "suspension of Notice No. 7"),
        reported("document:b", "measure:suspension-b", "90-day pause"),
    )

    [pause] = [n for n in of_type(merged, NodeType.MEASURE) if n.attributes["kind"] == "suspension"]
    assert (pause.id, pause.aliases) == ("measure:suspension-a", ["90-day pause"])
    assert [j.rule for j in resolver.made] == [Rule.SAME_CHANGE]
    mentions = [e.target for e in merged.edges if e.source == pause.id and e.type is EdgeType.MENTIONED_IN]
    assert mentions == ["document:a", "document:b"]


def test_changes_of_a_measure_nothing_identifies_and_alike_names_on_no_one_day_stay_apart() -> None:
    vague = node("measure:restrictions", "export restrictions", kind="export_control")

    def reported(doc: str, suspension: str) -> GraphData:
        pause = node(suspension, "suspension of the export control measures", kind="suspension")
        links = [(MINISTRY, EdgeType.ISSUED, suspension), (suspension, EdgeType.SUSPENDS, vague.id)]
        return document(doc, [node(MINISTRY, "Trade Ministry"), vague, pause], links)

    merged, resolver = resolve_all(reported("document:a", "measure:pause-a"), reported("document:b", "measure:pause-b"))

    assert len([n for n in of_type(merged, NodeType.MEASURE) if n.attributes["kind"] == "suspension"]) == 2
    assert resolver.made == []


def test_an_undated_reference_with_the_same_items_joins_the_only_measure_it_fits_but_not_one_of_two() -> None:
    dated = node("measure:a", "Notice 7", kind="export_control", announced="2026-03-03")
    generic = node("measure:generic", "the metal export controls", kind="export_control")
    covering = controls("document:c", generic, GALLIUM, GERMANIUM)
    covering.edges = [e for e in covering.edges if e.type is not EdgeType.ISSUED]  # no issuer named

    one, _ = resolve_all(controls("document:a", dated, GALLIUM, GERMANIUM), covering)
    later = node("measure:b", "Notice 9", kind="export_control", announced="2026-09-01")
    two, _ = resolve_all(
        controls("document:a", dated, GALLIUM, GERMANIUM), controls("document:b", later, GALLIUM, GERMANIUM), covering
    )

    assert [n.id for n in of_type(one, NodeType.MEASURE)] == ["measure:a"]
    assert [n.id for n in of_type(two, NodeType.MEASURE)] == ["measure:a", "measure:b", "measure:generic"]


def test_actors_merge_by_a_shared_name_or_a_close_one_but_not_by_a_surname_or_a_number() -> None:
    first = document(
        "document:a",
        [
            node("official:howard-lutnick", "Howard Lutnick", ["Lutnick"]),
            node("ministry:trade-office", "Office of Trade Negotiations", ["OTN"]),
            node("official:li-wei", "Li Wei", ["Minister Li"]),
            node("entity:group-16-firms", "16 firms", kind="group"),
        ],
        [],
    )
    second = document(
        "document:b",
        [
            node("official:howard-lutnik", "Howard Lutnik"),
            node("ministry:otn", "OTN"),
            node("official:li-qiang", "Li Qiang", ["Minister Li"]),
            node("entity:group-17-firms", "17 firms", kind="group"),
        ],
        [],
    )

    merged, resolver = resolve_all(first, second)

    assert {n.id for n in merged.nodes if n.type is not NodeType.DOCUMENT} == {
        "official:howard-lutnick",
        "ministry:trade-office",
        "official:li-wei",
        "official:li-qiang",
        "entity:group-16-firms",
        "entity:group-17-firms",
    }
    rules = {j.merged: (j.rule, j.score) for j in resolver.made}
    assert rules["ministry:otn"] == (Rule.SAME_NAME, 1.0)
    assert rules["official:howard-lutnik"][0] is Rule.FUZZY_NAME
    assert 0.9 <= rules["official:howard-lutnik"][1] < 1.0


def test_two_gazetteer_entries_never_merge_and_actors_of_two_states_stay_apart() -> None:
    mine = document(
        "document:a",
        [node("ministry:aa-commerce", "Ministry of Commerce"), node("entity:aa", "Aland", kind="state")],
        [("ministry:aa-commerce", EdgeType.PART_OF, "entity:aa")],
    )
    theirs = document(
        "document:b",
        [node("ministry:bb-commerce", "Ministry of Commerce"), node("entity:bb", "Borduria", kind="state")],
        [("ministry:bb-commerce", EdgeType.PART_OF, "entity:bb")],
    )
    unattached = document("document:c", [node("ministry:cc-commerce", "Ministry of Commerce")], [])

    apart, _ = resolve_all(mine, theirs)
    fixed, _ = resolve_all(mine, unattached, resolver=Resolver(fixed={"ministry:aa-commerce", "ministry:cc-commerce"}))

    assert len(of_type(apart, NodeType.MINISTRY)) == 2
    assert len(of_type(fixed, NodeType.MINISTRY)) == 2


def test_meetings_merge_on_the_same_day_with_someone_in_common_and_not_otherwise() -> None:
    def meeting(doc: str, meeting_id: str, people: list[str], **attributes: object) -> GraphData:
        nodes = [node(meeting_id, "talks", **{"kind": "talks", **attributes}), *(node(p, p) for p in people)]
        return document(doc, nodes, [(p, EdgeType.PARTICIPATED_IN, meeting_id) for p in people])

    first = meeting("document:a", "meeting:a", ["official:ann"], date="2026-05-10", location="Oslo")
    same = meeting("document:b", "meeting:b", ["official:ann", "official:bo"], date="2026-05-10")
    other_day = meeting("document:c", "meeting:c", ["official:ann"], date="2026-05-11")
    nobody = meeting("document:d", "meeting:d", ["official:cy"], date="2026-05-10", location="Rome")
    in_may = meeting("document:e", "meeting:e", ["official:ann"], date="2026-05", location="Oslo")

    merged, resolver = resolve_all(first, same, other_day, nobody, in_may)

    assert [n.id for n in of_type(merged, NodeType.MEETING)] == ["meeting:a", "meeting:c", "meeting:d"]
    assert {j.merged: j.rule for j in resolver.made} == {"meeting:b": Rule.MEETING, "meeting:e": Rule.MEETING}


def test_known_nodes_that_a_later_document_shows_to_be_one_are_joined_whatever_the_order() -> None:
    notice = node("measure:notice-7", "Notice No. 7", kind="export_control", instrument="Notice No. 7")
    dated = node("measure:xx-2026-03-03", "metal curbs", kind="export_control", announced="2026-03-03")
    bare = document("document:a", [notice], [])
    full = controls("document:b", dated, GALLIUM, GERMANIUM)
    telling = controls("document:c", notice, GALLIUM, GERMANIUM)

    resolver = Resolver()
    done = []
    for graph in (bare, full, telling):
        done.append(resolver.resolve(graph))
        resolver.add(done[-1])
    merged = rename(merge_graphs(done), resolver.renaming())

    [join] = resolver.joins
    assert (join.canonical, join.merged, join.rule) == (
        "measure:xx-2026-03-03",
        "measure:notice-7",
        Rule.ISSUER_DATE_ITEMS,
    )
    [measure] = of_type(merged, NodeType.MEASURE)
    assert (measure.id, measure.name, measure.aliases) == ("measure:xx-2026-03-03", "metal curbs", ["Notice No. 7"])
    assert measure.attributes["instrument"] == "Notice No. 7"
    assert {e.target for e in merged.edges if e.source == measure.id and e.type is EdgeType.MENTIONED_IN} == {
        "document:a",
        "document:b",
        "document:c",
    }
    assert set(resolver.known) >= {"measure:xx-2026-03-03"} and "measure:notice-7" not in resolver.known


def test_nodes_of_one_document_never_merge() -> None:
    both = document(
        "document:a",
        [node("official:howard-lutnick", "Howard Lutnick"), node("official:howard-lutnik", "Howard Lutnik")],
        [],
    )
    merged, resolver = resolve_all(both)
    assert len(of_type(merged, NodeType.OFFICIAL)) == 2
    assert resolver.made == []


def test_a_negative_judgement_keeps_a_pair_apart_and_a_positive_one_is_followed_without_rules() -> None:
    first = document("document:a", [node("official:howard-lutnick", "Howard Lutnick")], [])
    second = document("document:b", [node("official:howard-lutnik", "Howard Lutnik")], [])
    third = document("document:c", [node("official:h-l", "H. L.")], [])
    judged = Judgements(
        [
            judge(
                Verdict.NEGATIVE,
                "official:howard-lutnick",
                "official:howard-lutnik",
                NodeType.OFFICIAL,
                Rule.USER,
                "no",
            ),
            judge(
                Verdict.POSITIVE, "official:howard-lutnick", "official:h-l", NodeType.OFFICIAL, Rule.USER, "initials"
            ),
        ]
    )

    merged, resolver = resolve_all(first, second, third, resolver=Resolver(judged))

    assert [n.id for n in of_type(merged, NodeType.OFFICIAL)] == ["official:howard-lutnick", "official:howard-lutnik"]
    assert resolver.made == []


def test_judgements_follow_chains_and_the_latest_on_a_pair_is_in_force() -> None:
    merge = judge(Verdict.POSITIVE, "x:b", "x:c", NodeType.ENTITY, Rule.SAME_NAME, "same")
    judged = Judgements([judge(Verdict.POSITIVE, "x:a", "x:b", NodeType.ENTITY, Rule.SAME_NAME, "same"), merge])
    assert judged.canonical("x:c") == "x:a"
    assert judged.members("x:a") == {"x:a", "x:b", "x:c"}

    judged.add(judge(Verdict.NEGATIVE, "x:b", "x:c", NodeType.ENTITY, Rule.USER, "not the same", undoes=merge.id))

    assert judged.canonical("x:c") == "x:c"
    assert [j.verdict for j in judged.in_force()] == [Verdict.POSITIVE, Verdict.NEGATIVE]
    assert judged.apart({"x:c"}, judged.members("x:a"))
    assert merge.id == judge(Verdict.POSITIVE, "x:c", "x:b", NodeType.ENTITY, Rule.FUZZY_NAME, "other").id


def test_splitting_a_merge_gives_back_each_document_its_node_and_edges() -> None:
    first = controls(
        "document:a", node("measure:a", "Notice 7", kind="export_control", announced="2026-03-03"), GALLIUM, GERMANIUM
    )
    second = controls(
        "document:b", node("measure:b", "metal curbs", kind="export_control", announced="2026-03-03"), GALLIUM
    )
    merged, resolver = resolve_all(first, second)
    [made] = resolver.made
    kept = next(n for n in merged.nodes if n.id == "measure:a")
    touching = [e for e in merged.edges if "measure:a" in (e.source, e.target)]

    parts = split(kept, touching, made)

    by_id = {n.id: n for n in parts.nodes}
    assert by_id["measure:a"].aliases == []
    assert by_id["measure:b"] == second.nodes[2]
    ends = sorted((e.source, e.type.value, e.target, [p.document for p in e.evidence]) for e in parts.edges)
    assert ends == [
        ("measure:a", "COVERS", GALLIUM, ["document:a"]),
        ("measure:a", "COVERS", GERMANIUM, ["document:a"]),
        ("measure:a", "MENTIONED_IN", "document:a", []),
        ("measure:b", "COVERS", GALLIUM, ["document:b"]),
        ("measure:b", "MENTIONED_IN", "document:b", []),
        (MINISTRY, "ISSUED", "measure:a", ["document:a"]),
        (MINISTRY, "ISSUED", "measure:b", ["document:b"]),
    ]


def test_a_document_dates_the_statuses_it_states_and_the_later_statement_wins() -> None:
    measure = node("measure:a", "curbs", status="in_force")
    april = date_statuses(GraphData(nodes=[measure]), date(2026, 4, 1)).nodes[0].attributes
    november = (
        date_statuses(GraphData(nodes=[node("measure:a", "curbs", status="suspended")]), date(2026, 11, 9))
        .nodes[0]
        .attributes
    )

    assert april == {"status": "in_force", "status_date": "2026-04-01"}
    assert merge_attributes(april, november) == merge_attributes(november, april) == november
    assert date_statuses(GraphData(nodes=[measure]), None).nodes == [measure]
