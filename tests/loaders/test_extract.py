"""The extractor on short texts written for these tests, one rule family each.

Every text here is our own: the rules must work on wording they were not written
against. Each test names the fact a careful reader takes from the text.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from loaders.documents import SourceDocument, read_document
from loaders.extract import Extractor
from ontology.contract import GraphData, Node, graph_errors
from ontology.terms import EdgeType, NodeType


def extract(extractor: Extractor, tmp_path: Path, text: str, published: date | None = date(2025, 6, 5)) -> GraphData:
    path = tmp_path / "note.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    doc = SourceDocument(**{**doc.__dict__, "published": published})
    return extractor.extract(doc)


def edges(graph: GraphData, edge_type: EdgeType) -> set[tuple[str, str]]:
    return {(e.source, e.target) for e in graph.edges if e.type is edge_type}


def named(graph: GraphData, edge_type: EdgeType) -> set[tuple[str, str]]:
    """(source name, target name) of the edges of one type."""
    names = {n.id: n.name for n in graph.nodes}
    return {(names[s], names[t]) for s, t in edges(graph, edge_type)}


def sources(graph: GraphData, edge_type: EdgeType, target: str) -> set[str]:
    """Who has an edge of this type to `target`."""
    return {s for s, t in edges(graph, edge_type) if t == target}


def of_type(graph: GraphData, node_type: NodeType) -> list[Node]:
    return [n for n in graph.nodes if n.type is node_type]


def node(graph: GraphData, node_id: str) -> dict:
    found = [n for n in graph.nodes if n.id == node_id]
    assert found, f"no node {node_id}; nodes: {sorted(n.id for n in graph.nodes)}"
    return found[0].model_dump()


def test_meeting_told_by_a_verb_gets_date_place_and_both_participants(extractor: Extractor, tmp_path: Path) -> None:
    graph = extract(
        extractor, tmp_path, "Trade talks\n\nMinister Wang Wentao met Maroš Šefčovič in Paris on Tuesday.\n"
    )
    meetings = of_type(graph, NodeType.MEETING)
    assert len(meetings) == 1
    assert meetings[0].attributes["date"] == "2025-06-03"  # the Tuesday before Thursday 5 June 2025
    assert meetings[0].attributes["location"] == "Paris"
    participants = sources(graph, EdgeType.PARTICIPATED_IN, meetings[0].id)
    assert participants == {"official:wang-wentao", "official:maros-sefcovic"}


def test_unknown_official_named_after_a_title_holds_the_post_the_title_names(
    extractor: Extractor, tmp_path: Path
) -> None:
    graph = extract(extractor, tmp_path, "Briefing\n\nCommerce Secretary Jane Roeberg spoke to reporters on Monday.\n")
    assert ("official:jane-roeberg", "ministry:us-doc") in edges(graph, EdgeType.HOLDS_POST)
    assert node(graph, "official:jane-roeberg")["name"] == "Jane Roeberg"


def test_dated_measure_with_issuers_and_covered_elements(extractor: Extractor, tmp_path: Path) -> None:
    text = (
        "Controls\n\nOn April 4, the Ministry of Commerce and the General Administration of Customs imposed "
        "export controls on samarium and dysprosium.\nThe controls took effect at once.\n"
    )
    graph = extract(extractor, tmp_path, text)
    measure = "measure:cn-export-control-2025-04-04"
    assert node(graph, measure)["attributes"]["announced"] == "2025-04-04"
    assert {("ministry:cn-mofcom", measure), ("ministry:cn-gac", measure)} <= edges(graph, EdgeType.ISSUED)
    assert edges(graph, EdgeType.COVERS) == {(measure, "element:sm"), (measure, "element:dy")}


def test_suspension_of_listed_measures_targets_stay_on_what_is_suspended(extractor: Extractor, tmp_path: Path) -> None:
    text = (
        "Pause\n\nBeijing's commerce ministry suspended export controls on 12 U.S. companies for 90 days.\n"
        "The controls had been set out in MOFCOM Announcement No. 7 in March.\n"
    )
    graph = extract(extractor, tmp_path, text)
    suspensions = [n for n in graph.nodes if n.attributes.get("kind") == "suspension"]
    assert len(suspensions) == 1
    assert suspensions[0].attributes["duration_days"] == 90
    (announcement,) = [n.id for n in graph.nodes if n.attributes.get("instrument") == "Announcement No. 7 of 2025"]
    assert (suspensions[0].id, announcement) in edges(graph, EdgeType.SUSPENDS)
    assert (announcement, "entity:group-12-u-s-companies") in edges(graph, EdgeType.TARGETS)
    assert ("ministry:cn-mofcom", suspensions[0].id) in edges(graph, EdgeType.ISSUED)


def test_name_shared_by_several_states_is_not_guessed(extractor: Extractor, tmp_path: Path) -> None:
    graph = extract(extractor, tmp_path, "Note\n\nThe Ministry of Commerce said exports of tea rose.\n")
    assert "ministry:cn-mofcom" not in {n.id for n in graph.nodes}


def test_name_shared_by_several_states_follows_the_state_the_text_is_about(
    extractor: Extractor, tmp_path: Path
) -> None:
    text = "Note\n\nChina said on Monday that the Ministry of Commerce had approved some licences.\n"
    assert "ministry:cn-mofcom" in {n.id for n in extract(extractor, tmp_path, text).nodes}


def test_reader_comments_yield_no_facts(extractor: Extractor, tmp_path: Path) -> None:
    text = (
        "Story\n\nThe ministry held a press conference on Friday.\n\n2 responses to “Story”\n\n"
        "A reader\nWashington imposed export controls on gallium on May 2.\n"
    )
    graph = extract(extractor, tmp_path, text)
    assert not [e for e in graph.edges if e.type is EdgeType.COVERS]
    assert "element:ga" not in {n.id for n in graph.nodes}


def test_year_that_cannot_be_known_is_left_out(extractor: Extractor, tmp_path: Path) -> None:
    graph = extract(extractor, tmp_path, "Talks\n\nOfficials held talks in Geneva on June 3.\n", published=None)
    meetings = of_type(graph, NodeType.MEETING)
    assert meetings and "date" not in meetings[0].attributes


def test_every_edge_fits_the_ontology_and_its_evidence_points_into_the_text(
    extractor: Extractor, tmp_path: Path
) -> None:
    text = (
        "Wrap\n\nOn June 12, Ministry of Commerce spokesperson He Yadong said China had approved some export "
        "licences during a regular press briefing.\nWashington started imposing new chip export controls on "
        "China this week, Xinhua reported.\n"
    )
    path = tmp_path / "wrap.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    graph = extractor.extract(doc)
    assert graph_errors(graph) == []
    assert graph.edges
    for edge in graph.edges:
        for ev in edge.evidence:
            assert doc.text[ev.start : ev.end] == ev.text
    assert ("official:he-yadong", "ministry:cn-mofcom") in edges(graph, EdgeType.HOLDS_POST)


def test_adjective_titles_point_to_the_state_and_portfolios_sit_between_title_and_name(
    extractor: Extractor, tmp_path: Path
) -> None:
    text = (
        "Leaders\n\nChinese President Xi Jinping spoke first.\n"
        "European Commissioner for Trade and Economic Security Maroš Šefčovič replied.\n"
    )
    posts = edges(extract(extractor, tmp_path, text), EdgeType.HOLDS_POST)
    assert ("official:xi-jinping", "entity:cn") in posts
    assert ("official:maros-sefcovic", "ministry:eu-commission") in posts


def test_delegations_and_a_verb_meeting_join_the_meeting_the_paragraph_names(
    extractor: Extractor, tmp_path: Path
) -> None:
    text = (
        "Round two\n\nAt Monday's summit in Oslo, Premier Li Qiang met President Donald Trump. "
        "The Chinese delegation was led by Vice Premier He Lifeng.\n"
    )
    graph = extract(extractor, tmp_path, text)
    meetings = of_type(graph, NodeType.MEETING)
    assert len(meetings) == 1
    assert meetings[0].attributes["date"] == "2025-06-02"
    participants = sources(graph, EdgeType.PARTICIPATED_IN, meetings[0].id)
    assert participants == {"official:li-qiang", "official:donald-trump", "official:he-lifeng", "entity:cn"}


def test_a_dateline_names_no_participant(extractor: Extractor, tmp_path: Path) -> None:
    text = "Busan\n\nBUSAN, South Korea - Xi Jinping and Donald Trump met in Busan on Thursday.\n"
    graph = extract(extractor, tmp_path, text)
    participants = {s for s, _ in edges(graph, EdgeType.PARTICIPATED_IN)}
    assert participants == {"official:xi-jinping", "official:donald-trump"}


def test_a_measure_told_by_its_day_then_named_by_its_instrument_is_one_measure(
    extractor: Extractor, tmp_path: Path
) -> None:
    text = (
        "Cobalt curbs\n\n"
        "Indonesia on 2 June 2025 announced export controls on cobalt and nickel used in batteries.\n\n"
        "The trade ministry issued Regulation No. 9 of 2025, placing cobalt and nickel under export control.\n"
    )
    graph = extract(extractor, tmp_path, text)
    controls = [n for n in of_type(graph, NodeType.MEASURE) if n.attributes.get("kind") == "export_control"]
    assert len(controls) == 1, [n.name for n in controls]
    assert controls[0].name == "Regulation No. 9 of 2025"
    assert controls[0].attributes["announced"] == "2025-06-02"


def test_a_meeting_that_dates_another_event_does_not_take_its_date(extractor: Extractor, tmp_path: Path) -> None:
    graph = extract(
        extractor,
        tmp_path,
        "Truce\n\nA joint communique was issued on Friday after three rounds of negotiations in Lisbon.\n",
    )
    meetings = of_type(graph, NodeType.MEETING)
    assert [m.attributes.get("location") for m in meetings] == ["Lisbon"]
    assert "date" not in meetings[0].attributes


@pytest.mark.parametrize(
    "text",
    [
        # The date is the meeting's own ("last weekend"), not the one owning another noun ("Tuesday's bulletin").
        "Follow-up\n\nThe agency cited the trade talks in Lisbon last weekend, as Tuesday's bulletin recorded.\n",
        # A country and its city, named for one kind of meeting in one document, place the same meeting.
        "Envoys agree after Lisbon talks\n\nThe negotiations in Portugal last weekend ended with a communique.\n",
    ],
)
def test_a_meeting_takes_its_own_date_and_its_most_precise_place(
    extractor: Extractor, tmp_path: Path, text: str
) -> None:
    meetings = of_type(extract(extractor, tmp_path, text), NodeType.MEETING)
    assert len(meetings) == 1
    assert meetings[0].attributes.get("date") == "2025-05-31"  # the Saturday before Thursday 5 June 2025
    assert meetings[0].attributes.get("location") == "Lisbon"


def test_a_month_after_in_or_a_word_before_the_head_is_not_a_place(extractor: Extractor, tmp_path: Path) -> None:
    graph = extract(
        extractor,
        tmp_path,
        "Calendar\n\nThe Lisbon talks in May went well. Leaders later met at the Pacific Economic Cooperation "
        "summit in Lima on Monday.\n",
    )
    places = sorted(n.attributes.get("location") for n in of_type(graph, NodeType.MEETING))
    assert places == ["Lima", "Lisbon"]


def test_a_measure_named_with_its_instrument_is_the_instrument_when_suspended(
    extractor: Extractor, tmp_path: Path
) -> None:
    graph = extract(
        extractor,
        tmp_path,
        "Metals\n\nChina's Ministry of Commerce suspended the ban on exports of copper to Brazil that it imposed in "
        "March under Order No. 12 of 2023.\n",
    )
    order = node(graph, "measure:order-no-12-of-2023")
    assert "ban on exports of copper" in order["aliases"]
    suspensions = [n for n in graph.nodes if n.attributes.get("kind") == "suspension"]
    assert len(suspensions) == 1
    assert named(graph, EdgeType.SUSPENDS) == {(suspensions[0].name, order["name"])}
    assert ("ministry:cn-mofcom", suspensions[0].id) in edges(graph, EdgeType.ISSUED)
    assert ("measure:order-no-12-of-2023", "element:cu") in edges(graph, EdgeType.COVERS)


def test_a_relative_clause_acts_for_the_agents_of_the_noun_it_hangs_from(extractor: Extractor, tmp_path: Path) -> None:
    graph = extract(
        extractor,
        tmp_path,
        "Metals\n\nA notice by China's Ministry of Commerce and the General Administration of Customs that "
        "suspended the export curbs on tungsten was published on Friday.\n",
    )
    suspensions = [n.id for n in graph.nodes if n.attributes.get("kind") == "suspension"]
    assert len(suspensions) == 1
    issuers = sources(graph, EdgeType.ISSUED, suspensions[0])
    assert issuers == {"ministry:cn-mofcom", "ministry:cn-gac"}


def test_a_state_named_on_a_measure_another_state_suspends_is_its_target(extractor: Extractor, tmp_path: Path) -> None:
    graph = extract(extractor, tmp_path, "Chile suspends US ban on copper cathodes\n\nNo details were given.\n")
    ban = next(n.id for n in graph.nodes if n.name == "US ban on copper cathodes")
    assert (ban, "entity:us") in edges(graph, EdgeType.TARGETS)
    assert sources(graph, EdgeType.ISSUED, ban) == set()
    assert {s for s, _ in edges(graph, EdgeType.ISSUED)} == {"entity:cl"}


def test_a_measure_agreed_after_talks_was_not_discussed_at_them(extractor: Extractor, tmp_path: Path) -> None:
    graph = extract(
        extractor, tmp_path, "Chile and Peru agree to reduce duties for a year after Oslo talks\n\nMore soon.\n"
    )
    assert len(of_type(graph, NodeType.MEETING)) == 1
    assert edges(graph, EdgeType.DISCUSSED) == set()


def test_who_speaks_through_an_instrument_issued_it(extractor: Extractor, tmp_path: Path) -> None:
    graph = extract(
        extractor,
        tmp_path,
        "Metals\n\nIn Order No. 9 of 2025, China's Ministry of Commerce said that exports of tungsten would need a "
        "licence.\n",
    )
    assert ("ministry:cn-mofcom", "measure:order-no-9-of-2025") in edges(graph, EdgeType.ISSUED)
    # The sentence's opening "In" is no part of a law's name.
    assert not [n for n in graph.nodes if n.attributes.get("kind") == "law"]


@pytest.mark.parametrize(
    ("text", "issuers", "edge"),
    [
        pytest.param(
            "Metals\n\nA separate ban issued the same day by China's Ministry of Commerce and the General "
            "Administration of Customs added tungsten to the list of controlled metals.\n",
            {"ministry:cn-mofcom", "ministry:cn-gac"},
            (EdgeType.COVERS, "element:w"),
            id="a participle the parser reads as a main verb still names its 'by' issuers",
        ),
        pytest.param(
            "Listings\n\nChina's Ministry of Commerce lifted for a year the export control measures it imposed in "
            "March on 12 US firms that it had put on its watch list.\n",
            {"ministry:cn-mofcom"},
            (EdgeType.TARGETS, "entity:group-12-us-firms"),
            id="'it' is the last single body, and the verb's 'on' phrase is the target",
        ),
    ],
)
def test_the_first_measure_named_has_its_issuers_and_its_goods_or_target(
    extractor: Extractor, tmp_path: Path, text: str, issuers: set[str], edge: tuple[EdgeType, str]
) -> None:
    graph = extract(extractor, tmp_path, text)
    first = min(of_type(graph, NodeType.MEASURE), key=lambda n: n.attributes.get("kind") == "suspension").id
    assert sources(graph, EdgeType.ISSUED, first) == issuers
    assert (first, edge[1]) in edges(graph, edge[0])


def test_a_threat_prompted_by_a_measure_is_proposed_by_the_one_prompted_and_responds_to_it(
    extractor: Extractor, tmp_path: Path
) -> None:
    graph = extract(
        extractor,
        tmp_path,
        "Wine\n\nThe new duties, which doubled the rate, had prompted Peru to threaten on May 2 an additional 50% "
        "tariff on Chilean wine from June 1.\n",
    )
    threat = next(n for n in graph.nodes if n.attributes.get("status") == "proposed")
    duties = next(n for n in graph.nodes if n.name == "new duties")
    assert sources(graph, EdgeType.PROPOSED, threat.id) == {"entity:pe"}
    assert (threat.id, duties.id) in edges(graph, EdgeType.RESPONDS_TO)
    assert (threat.id, "material:wine") in edges(graph, EdgeType.COVERS)


def test_a_dated_report_and_the_instrument_its_issuer_names_later_are_one_measure(
    extractor: Extractor, tmp_path: Path
) -> None:
    graph = extract(
        extractor,
        tmp_path,
        "Metals\n\nChina has banned shipments of tungsten and bismuth to Japan, its commerce ministry said on "
        "Tuesday, a day after Tokyo raised duties on Chinese steel.\n\nUnder Announcement No. 9, the Ministry of "
        "Commerce said such exports would no longer be approved.\n",
    )
    measures = of_type(graph, NodeType.MEASURE)
    decree = next(n for n in measures if n.attributes.get("instrument"))
    assert decree.attributes["announced"] == "2025-06-03"
    assert {"element:w", "element:bi"} <= {t for s, t in edges(graph, EdgeType.COVERS) if s == decree.id}
    # Japan's duties, told in the same sentence, stay a measure of their own.
    assert any(n.id != decree.id and n.attributes.get("kind") == "tariff" for n in measures)


def test_a_measure_is_not_aimed_at_its_issuer_nor_at_the_issuers_state(extractor: Extractor, tmp_path: Path) -> None:
    graph = extract(
        extractor,
        tmp_path,
        "Chips\n\nChina's Ministry of Commerce placed export prohibitions on US drone makers, denying them access "
        "to China's supplies of gallium.\n",
    )
    [ban] = of_type(graph, NodeType.MEASURE)
    assert sources(graph, EdgeType.ISSUED, ban.id) == {"ministry:cn-mofcom"}
    assert {t for s, t in edges(graph, EdgeType.TARGETS) if s == ban.id} == {"entity:us"}


def test_two_instruments_of_one_sentence_are_two_measures_each_with_its_own_wording(
    extractor: Extractor, tmp_path: Path
) -> None:
    graph = extract(
        extractor,
        tmp_path,
        "Metals\n\nThe package included the duty on imported tin (Order No. 4) on Monday and Order No. 5.\n",
    )
    # "Monday ... Order" is no law's name: "Order No. 5" is an instrument.
    assert not [n for n in graph.nodes if n.attributes.get("kind") == "law"]
    orders = {n.attributes.get("instrument"): n for n in of_type(graph, NodeType.MEASURE)}
    assert set(orders) == {"Order No. 4 of 2025", "Order No. 5 of 2025"}
    assert orders["Order No. 4 of 2025"].aliases == ["duty on imported tin"]
    assert orders["Order No. 5 of 2025"].aliases == []


def test_an_acronym_a_measure_defines_names_that_measure_later(extractor: Extractor, tmp_path: Path) -> None:
    graph = extract(
        extractor,
        tmp_path,
        "Rice\n\nVietnam introduced a price floor (PF) of $500 per tonne for rice exports on Saturday. The PF "
        "replaced the ban on rice sales.\n",
    )
    assert not [n for n in of_type(graph, NodeType.ENTITY) if n.name == "PF"]
    assert named(graph, EdgeType.MODIFIES) == {("price floor", "ban on rice sales")}


def test_a_series_of_measures_on_several_goods_is_one_measure_per_good(extractor: Extractor, tmp_path: Path) -> None:
    graph = extract(
        extractor,
        tmp_path,
        "Trade\n\nPeru opened a raft of anti-subsidy investigations covering Chilean wine, copper pipes and dairy "
        "products last year.\n",
    )
    probes = of_type(graph, NodeType.MEASURE)
    covered = {p.name: {t for s, t in edges(graph, EdgeType.COVERS) if s == p.id} for p in probes}
    assert covered == {
        "anti-subsidy investigation on wine": {"material:wine"},
        "anti-subsidy investigation on copper pipes": {"material:copper-pipe"},
        "anti-subsidy investigation on dairy products": {"material:dairy"},
    }
    assert all(sources(graph, EdgeType.ISSUED, p.id) == {"entity:pe"} for p in probes)


def test_regular_demonyms_of_every_state_name_it_but_a_shared_one_names_none(
    extractor: Extractor, tmp_path: Path
) -> None:
    adjectives = extractor.gazetteer.adjectives
    assert (adjectives["Chilean"], adjectives["Peruvian"], adjectives["Vietnamese"]) == (
        "entity:cl",
        "entity:pe",
        "entity:vn",
    )
    assert "Nigerian" not in adjectives  # Niger and Nigeria would both form it
    graph = extract(extractor, tmp_path, "Wine\n\nPeru opened an anti-dumping investigation into Chilean wine.\n")
    [probe] = of_type(graph, NodeType.MEASURE)
    assert {t for s, t in edges(graph, EdgeType.TARGETS) if s == probe.id} == {"entity:cl"}


def test_a_measures_name_stops_before_a_by_phrase(extractor: Extractor, tmp_path: Path) -> None:
    graph = extract(
        extractor,
        tmp_path,
        "Chips\n\nChina's Ministry of Commerce barred exports to US drone makers by cutting off their access to "
        "gallium.\n",
    )
    assert [n.name for n in of_type(graph, NodeType.MEASURE)] == ["ban on exports to US drone makers"]


def test_a_measure_made_under_an_agreement_implements_it(extractor: Extractor, tmp_path: Path) -> None:
    graph = extract(
        extractor,
        tmp_path,
        "Deal\n\nOn 2 March, Chile and Peru signed a trade deal. Under the trade deal, Peru will cut its tariff on "
        "Chilean wine to 5 percent.\n",
    )
    assert named(graph, EdgeType.MODIFIES) == {
        ("cut its tariff on Chilean wine", "tariff on Chilean wine"),
        ("cut its tariff on Chilean wine", "trade deal"),
    }
    assert edges(graph, EdgeType.BASED_ON) == set()
