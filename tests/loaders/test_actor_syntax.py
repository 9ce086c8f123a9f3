"""The actor dependency patterns (`patterns/actor_syntax.json`) on sentences written for these tests.

People, companies and outlets here are invented, so the posts, parts and kinds can only come from the
parse and the recogniser: titles before a name, appositions on either side, a title beside the name as a
second subject, a copula and a relative clause, coordination, and a reference in a second sentence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.extract import Extractor
from ontology.contract import GraphData
from ontology.terms import EdgeType, NodeType
from tests.loaders.test_extract import extract, named


def kinds(graph: GraphData) -> dict[str, str]:
    return {n.name: n.type.value if n.type is not NodeType.ENTITY else n.attributes["kind"] for n in graph.nodes}


@pytest.mark.parametrize(
    ("sentence", "person", "body"),
    [
        ("China's premier, Ilse Varga warned that exports of gallium would stop.", "Ilse Varga", "China"),
        (
            "The Chinese commerce minister, Tomas Brandt, said the ban would stay.",
            "Tomas Brandt",
            "Ministry of Commerce",
        ),
        (
            "Tomas Brandt, Japan's trade minister, said the ban would stay.",
            "Tomas Brandt",
            "Ministry of Economy, Trade and Industry",
        ),
        ("French President Ilse Varga and Chinese leader Tomas Brandt discussed tariffs.", "Tomas Brandt", "China"),
        (
            "Tomas Brandt, who is the Japanese trade minister, defended the controls.",
            "Tomas Brandt",
            "Ministry of Economy, Trade and Industry",
        ),
    ],
    ids=["title-and-name-as-subjects", "name-after-title", "title-after-name", "coordinated-titles", "relative"],
)
def test_a_title_tied_to_a_person_by_the_parse_gives_the_post(
    extractor: Extractor, tmp_path: Path, sentence: str, person: str, body: str
) -> None:
    graph = extract(extractor, tmp_path, f"Note\n\n{sentence}\n")
    assert (person, body) in named(graph, EdgeType.HOLDS_POST)
    assert kinds(graph)[person] == "Official"


def test_a_state_written_on_a_ministers_title_owns_the_ministry(extractor: Extractor, tmp_path: Path) -> None:
    graph = extract(extractor, tmp_path, "Note\n\nThe Chinese commerce minister, Tomas Brandt, defended the ban.\n")
    assert ("Ministry of Commerce", "China") in named(graph, EdgeType.PART_OF)


def test_the_organisation_after_a_title_wins_over_the_state(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nChina met Ilse Varga, Vice President of the European Commission, on 3 May 2025.\n"
    posts = named(extract(extractor, tmp_path, text), EdgeType.HOLDS_POST)
    assert ("Ilse Varga", "European Commission") in posts
    assert ("Ilse Varga", "European Union") not in posts


def test_a_portfolio_after_the_title_names_the_sub_body(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nSecretary of Commerce for Industry and Security Tomas Brandt said the rule works.\n"
    posts = named(extract(extractor, tmp_path, text), EdgeType.HOLDS_POST)
    assert posts == {("Tomas Brandt", "Bureau of Industry and Security")}


def test_a_title_in_the_second_sentence_reaches_the_person_named_in_the_first(
    extractor: Extractor, tmp_path: Path
) -> None:
    text = "Note\n\nTomas Brandt arrived in Tokyo on Monday. Brandt, the Japanese trade minister, defended the curbs.\n"
    posts = named(extract(extractor, tmp_path, text), EdgeType.HOLDS_POST)
    assert ("Tomas Brandt", "Ministry of Economy, Trade and Industry") in posts


def test_names_the_recogniser_calls_people_are_companies_in_a_company_context(
    extractor: Extractor, tmp_path: Path
) -> None:
    text = (
        "Note\n\nChina imposed a 20% duty on Varga products from France, versus 25% for Jean Arnaud "
        "and 30% for Pierre Lemoine.\n"
    )
    graph = extract(extractor, tmp_path, text)
    found = kinds(graph)
    assert found.get("Jean Arnaud") == "company"
    assert found.get("Pierre Lemoine") == "company"
    assert not [n for n in graph.nodes if n.type is NodeType.OFFICIAL]


def test_a_legislature_is_an_entity_of_kind_other(extractor: Extractor, tmp_path: Path) -> None:
    graph = extract(
        extractor, tmp_path, "Note\n\nThe National Assembly of Kenya approved the tariffs on steel on 3 May 2025.\n"
    )
    assert kinds(graph).get("National Assembly of Kenya") == "other"
    assert ("National Assembly of Kenya", "Kenya") in named(graph, EdgeType.PART_OF)


@pytest.mark.parametrize(
    "sentence",
    [
        "The Evening Courier wrote that China imposed export controls on gallium.",
        "China imposed export controls on gallium, the Evening Courier understands.",
        "According to the Evening Courier, China imposed export controls on gallium.",
    ],
    ids=["subject-of-wrote", "reporting-clause-after", "according-to"],
)
def test_an_outlet_named_as_the_source_reports_the_measure(extractor: Extractor, tmp_path: Path, sentence: str) -> None:
    graph = extract(extractor, tmp_path, f"Note\n\n{sentence}\n")
    outlets = {n.name for n in graph.nodes if n.attributes.get("kind") == "media"}
    assert outlets and all("Evening Courier" in name for name in outlets)
    reported = named(graph, EdgeType.REPORTED)
    assert {outlet for outlet, _ in reported} == outlets
    assert all("export controls" in measure for _, measure in reported)


def test_a_subsidiary_in_apposition_is_part_of_its_group(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nThe duties were opposed by Varga Steel, a subsidiary of Lisbon-based Brandt Holdings.\n"
    graph = extract(extractor, tmp_path, text)
    assert ("Varga Steel", "Brandt Holdings") in named(graph, EdgeType.PART_OF)
    assert kinds(graph)["Varga Steel"] == kinds(graph)["Brandt Holdings"] == "company"


def test_a_sub_body_under_a_ministry_and_a_possessors_bureau(extractor: Extractor, tmp_path: Path) -> None:
    text = (
        "Note\n\nThe Department of Commerce's Bureau of Industry and Security issued new export controls on "
        "gallium on 3 May 2025.\n"
    )
    parts = named(extract(extractor, tmp_path, text), EdgeType.PART_OF)
    assert ("Bureau of Industry and Security", "U.S. Department of Commerce") in parts


def test_a_body_written_as_a_common_noun_is_the_states_body_with_that_portfolio(
    extractor: Extractor, tmp_path: Path
) -> None:
    text = "Note\n\nWine cargoes wait at the border until the Chinese customs authority has collected the duty.\n"
    parts = named(extract(extractor, tmp_path, text), EdgeType.PART_OF)
    assert ("General Administration of Customs", "China") in parts


def test_a_department_under_a_ministry_in_a_document_about_one_state(extractor: Extractor, tmp_path: Path) -> None:
    text = (
        "Note\n\nIndia cut the export tax on cotton on 9 June 2025. A notice from the revenue department under the "
        "finance ministry set the new rate.\n"
    )
    parts = named(extract(extractor, tmp_path, text), EdgeType.PART_OF)
    assert ("Department of Revenue", "Ministry of Finance") in parts


def test_a_state_adjective_on_a_bodys_name_owns_it(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nExporters must apply to Dutch Customs for a licence for lithography tools.\n"
    assert ("Dutch Customs", "Netherlands") in named(extract(extractor, tmp_path, text), EdgeType.PART_OF)


def test_a_company_named_after_its_country_is_not_the_state(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nThe duties hit Varga Spain, a unit of Lisbon-based Brandt Holdings, and exporters in France.\n"
    graph = extract(extractor, tmp_path, text)
    assert ("Varga Spain", "Brandt Holdings") in named(graph, EdgeType.PART_OF)
    assert "Spain" not in kinds(graph)
    assert not [(a, b) for a, b in named(graph, EdgeType.PART_OF) if b == "Portugal"]


def test_a_body_name_cut_short_by_the_recogniser_is_read_whole(extractor: Extractor, tmp_path: Path) -> None:
    text = (
        "Note\n\nExporters must register with the Cyberspace Office of Chile. Licences are granted by the "
        "Bureau of Mining, Energy, and Water Resources of Chile.\n"
    )
    graph = extract(extractor, tmp_path, text)
    parts = named(graph, EdgeType.PART_OF)
    assert ("Cyberspace Office of Chile", "Chile") in parts
    assert any(name.endswith("Energy, and Water Resources of Chile") for name, _ in parts)


def test_a_state_named_development_finance_corporation_is_governmental(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nThe Canadian Development Finance Corporation agreed to fund the mine.\n"
    graph = extract(extractor, tmp_path, text)
    name = "Canadian Development Finance Corporation"
    assert kinds(graph).get(name) == "Ministry"
    assert (name, "Canada") in named(graph, EdgeType.PART_OF)


def meetings(graph: GraphData) -> dict[str, dict]:
    return {n.name: n.attributes for n in graph.nodes if n.type is NodeType.MEETING}


def test_a_forum_naming_its_summit_takes_part_and_the_summit_discusses_the_plan(
    extractor: Extractor, tmp_path: Path
) -> None:
    text = "Note\n\nLeaders endorsed a cobalt action plan at the G20 summit in Lima, Peru.\n"
    graph = extract(extractor, tmp_path, text)
    (name, attributes), *_ = meetings(graph).items()
    assert attributes["location"] == "Lima, Peru"
    assert ("G20", name) in named(graph, EdgeType.PARTICIPATED_IN)
    assert any(topic == "action plan" or "plan" in topic for _, topic in named(graph, EdgeType.DISCUSSED))
    assert not [p for p, _ in named(graph, EdgeType.PARTICIPATED_IN) if p == "Peru"]


def test_a_state_visit_has_the_visitor_by_possessive_and_the_host_official(
    extractor: Extractor, tmp_path: Path
) -> None:
    text = (
        "Note\n\nFrench President Jean Dupont gave a dinner for South African President Thabo Nkosi during "
        "Mr Nkosi's state visit to France.\n"
    )
    graph = extract(extractor, tmp_path, text)
    (name, attributes), *_ = meetings(graph).items()
    assert attributes["location"] == "France"
    assert {("Thabo Nkosi", name), ("Jean Dupont", name)} <= named(graph, EdgeType.PARTICIPATED_IN)


def test_coordinated_subjects_of_talks_in_a_place_take_part_but_the_place_does_not(
    extractor: Extractor, tmp_path: Path
) -> None:
    text = "Note\n\nChile and Japan held trade talks in Canada on 3 May 2025 about the export controls on lithium.\n"
    graph = extract(extractor, tmp_path, text)
    (name, attributes), *_ = meetings(graph).items()
    assert attributes["location"] == "Canada" and attributes["date"] == "2025-05-03"
    participants = named(graph, EdgeType.PARTICIPATED_IN)
    assert {("Chile", name), ("Japan", name)} <= participants
    assert ("Canada", name) not in participants


def test_the_subject_telling_a_press_conference_takes_part_and_a_host_hosts(
    extractor: Extractor, tmp_path: Path
) -> None:
    text = (
        "Note\n\nTomas Brandt told a press conference on 3 May 2025 that tariffs on wine would rise. "
        "A symposium hosted by the Chilean Export Agency opened in Santiago on 5 May 2025.\n"
    )
    graph = extract(extractor, tmp_path, text)
    roles = {(e.source, e.attributes.get("role")) for e in graph.edges if e.type is EdgeType.PARTICIPATED_IN}
    names = {n.id: n.name for n in graph.nodes}
    assert {("Tomas Brandt", "participant"), ("Chilean Export Agency", "host")} <= {(names[s], r) for s, r in roles}


def test_each_coordinated_title_is_a_post_and_a_foreign_states_title_names_no_us_office(
    extractor: Extractor, tmp_path: Path
) -> None:
    text = (
        "Note\n\nTomas Brandt, China International Trade Representative and Vice Minister of Commerce, "
        "defended the curbs on gallium.\n"
    )
    posts = named(extract(extractor, tmp_path, text), EdgeType.HOLDS_POST)
    assert ("Tomas Brandt", "Ministry of Commerce") in posts
    assert ("Tomas Brandt", "Office of the United States Trade Representative") not in posts


def test_an_outlet_that_carried_the_statement_reports_its_measure(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nThe news agency Reuters carried the ministry's statement on the export controls on gallium.\n"
    reported = named(extract(extractor, tmp_path, text), EdgeType.REPORTED)
    assert {outlet for outlet, _ in reported} == {"Reuters"}


def test_a_person_the_recogniser_finds_beside_a_maker_noun_is_a_company(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nChina imposed anti-dumping duties on Varga Brandt, the Chilean winemaker, on 3 May 2025.\n"
    graph = extract(extractor, tmp_path, text)
    assert kinds(graph).get("Varga Brandt") == "company"


def test_the_agency_in_the_next_sentence_is_the_unlisted_body_named_before(
    extractor: Extractor, tmp_path: Path
) -> None:
    text = (
        "Note\n\nThe Chilean Export Agency opened an investigation into lithium imports on 3 May 2025. "
        "The agency said it would impose anti-dumping duties on lithium.\n"
    )
    graph = extract(extractor, tmp_path, text)
    issued = named(graph, EdgeType.ISSUED)
    assert any(issuer == "Chilean Export Agency" and "anti-dumping" in measure for issuer, measure in issued)
    assert kinds(graph)["Chilean Export Agency"] == "Ministry"


def test_a_company_reporting_its_results_is_no_outlet_and_a_news_agency_is_no_ministry(
    extractor: Extractor, tmp_path: Path
) -> None:
    text = (
        "Note\n\nVarga Widgets Ltd reported a loss after China imposed export controls on gallium. "
        "The news agency Reuters carried the ministry's statement on the controls.\n"
    )
    graph = extract(extractor, tmp_path, text)
    assert {n.name for n in graph.nodes if n.attributes.get("kind") == "media"} == {"Reuters"}
    assert not [n for n in graph.nodes if n.type is NodeType.MINISTRY and "news" in n.name]


def test_the_two_leaders_are_the_last_two_officials_not_the_last_two_states(
    extractor: Extractor, tmp_path: Path
) -> None:
    text = (
        "Note\n\nJapan and the Netherlands tightened export controls on lithography tools on 2 May 2025. "
        "Chancellor Ilse Varga of Germany met Premier Tomas Brandt of Chile in Berlin on 3 May 2025. "
        "The talks between the two leaders covered tariffs on copper.\n"
    )
    participants = named(extract(extractor, tmp_path, text), EdgeType.PARTICIPATED_IN)
    assert {"Ilse Varga", "Tomas Brandt"} <= {who for who, _ in participants}
    assert not {"Japan", "Netherlands"} & {who for who, _ in participants}


def test_the_owner_of_a_subsidiary_is_a_company(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nThe rule listed Varga Tools, a unit of state-backed Brandtcorp, on 3 May 2025.\n"
    graph = extract(extractor, tmp_path, text)
    assert ("Varga Tools", "Brandtcorp") in named(graph, EdgeType.PART_OF)
    assert kinds(graph)["Brandtcorp"] == "company"


def test_a_portfolio_minister_of_a_state_the_gazetteer_lacks_implies_its_ministry(
    extractor: Extractor, tmp_path: Path
) -> None:
    text = "Note\n\nThe Spanish agriculture minister, Ilse Varga, criticised the duties on olive oil.\n"
    graph = extract(extractor, tmp_path, text)
    assert ("Ilse Varga", "Ministry of Agriculture") in named(graph, EdgeType.HOLDS_POST)
    assert ("Ministry of Agriculture", "Spain") in named(graph, EdgeType.PART_OF)
    spokesperson = "Note\n\nThe Spanish spokesperson, Ilse Varga, criticised the duties on olive oil.\n"
    assert not [n for n in extract(extractor, tmp_path, spokesperson).nodes if n.type is NodeType.MINISTRY]


def test_the_title_keeps_the_portfolio_the_parse_hangs_before_it(extractor: Extractor, tmp_path: Path) -> None:
    text = (
        "Note\n\nIndia raised duties on onions on 3 May 2025. Commerce and Industry Minister Tomas Brandt "
        "defended the duties.\n"
    )
    graph = extract(extractor, tmp_path, text)
    titles = {e.attributes.get("title") for e in graph.edges if e.type is EdgeType.HOLDS_POST}
    assert titles == {"Commerce and Industry Minister"}
    assert ("Tomas Brandt", "Ministry of Commerce and Industry") in named(graph, EdgeType.HOLDS_POST)


def test_its_spokesperson_telling_a_briefing_holds_a_post_in_the_body_named_before(
    extractor: Extractor, tmp_path: Path
) -> None:
    text = (
        "Note\n\nThe Chilean Export Agency said it would impose export controls on copper on 3 May 2025. "
        "Its spokesperson, Ilse Varga, told a press briefing in Santiago on 4 May 2025 that the controls were lawful.\n"
    )
    graph = extract(extractor, tmp_path, text)
    assert ("Ilse Varga", "Chilean Export Agency") in named(graph, EdgeType.HOLDS_POST)
    assert any(who == "Ilse Varga" for who, _ in named(graph, EdgeType.PARTICIPATED_IN))


def test_a_head_of_government_without_a_written_state_holds_the_post_of_the_state_of_the_sentence(
    extractor: Extractor, tmp_path: Path
) -> None:
    text = "Note\n\nChile will impose a 100% tariff on imports of Chinese steel, Prime Minister Ilse Varga said.\n"
    posts = named(extract(extractor, tmp_path, text), EdgeType.HOLDS_POST)
    assert posts == {("Ilse Varga", "Chile")}


def test_a_meeting_that_only_dates_a_decision_discussed_nothing(extractor: Extractor, tmp_path: Path) -> None:
    text = (
        "Note\n\nChile and Japan held talks in Tokyo on 3 May 2025. Chile said after the talks that it would "
        "suspend the export controls on copper.\n"
    )
    assert not named(extract(extractor, tmp_path, text), EdgeType.DISCUSSED)


def test_both_sides_take_part_only_in_a_meeting_the_parse_ties_them_to(extractor: Extractor, tmp_path: Path) -> None:
    text = (
        "Note\n\nChile and Japan held trade talks in Tokyo on 3 May 2025. The two sides agreed to carry out "
        "what was settled in the call of 1 May 2025, and each side named the talks between the two sides a success.\n"
    )
    graph = extract(extractor, tmp_path, text)
    calls = [n.id for n in graph.nodes if n.type is NodeType.MEETING and n.attributes.get("kind") == "call"]
    joined = {(e.source, e.target) for e in graph.edges if e.type is EdgeType.PARTICIPATED_IN}
    assert not [call for _, call in joined if call in calls]
    talks = [n.id for n in graph.nodes if n.type is NodeType.MEETING and n.attributes.get("kind") == "talks"]
    assert {("entity:cl", talks[0]), ("entity:jp", talks[0])} <= joined
