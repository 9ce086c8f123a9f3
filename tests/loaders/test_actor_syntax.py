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
from tests.loaders.test_extract import extract


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def named_edges(graph: GraphData, edge_type: EdgeType) -> set[tuple[str, str]]:
    names = {n.id: n.name for n in graph.nodes}
    return {(names[e.source], names[e.target]) for e in graph.edges if e.type is edge_type}


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
    assert (person, body) in named_edges(graph, EdgeType.HOLDS_POST)
    assert kinds(graph)[person] == "Official"


def test_a_state_written_on_a_ministers_title_owns_the_ministry(extractor: Extractor, tmp_path: Path) -> None:
    graph = extract(extractor, tmp_path, "Note\n\nThe Chinese commerce minister, Tomas Brandt, defended the ban.\n")
    assert ("Ministry of Commerce", "China") in named_edges(graph, EdgeType.PART_OF)


def test_the_organisation_after_a_title_wins_over_the_state(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nChina met Ilse Varga, Vice President of the European Commission, on 3 May 2025.\n"
    posts = named_edges(extract(extractor, tmp_path, text), EdgeType.HOLDS_POST)
    assert ("Ilse Varga", "European Commission") in posts
    assert ("Ilse Varga", "European Union") not in posts


def test_a_portfolio_after_the_title_names_the_sub_body(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nSecretary of Commerce for Industry and Security Tomas Brandt said the rule works.\n"
    posts = named_edges(extract(extractor, tmp_path, text), EdgeType.HOLDS_POST)
    assert posts == {("Tomas Brandt", "Bureau of Industry and Security")}


def test_a_title_in_the_second_sentence_reaches_the_person_named_in_the_first(
    extractor: Extractor, tmp_path: Path
) -> None:
    text = "Note\n\nTomas Brandt arrived in Tokyo on Monday. Brandt, the Japanese trade minister, defended the curbs.\n"
    posts = named_edges(extract(extractor, tmp_path, text), EdgeType.HOLDS_POST)
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
    assert ("National Assembly of Kenya", "Kenya") in named_edges(graph, EdgeType.PART_OF)


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
    reported = named_edges(graph, EdgeType.REPORTED)
    assert {outlet for outlet, _ in reported} == outlets
    assert all("export controls" in measure for _, measure in reported)


def test_a_subsidiary_in_apposition_is_part_of_its_group(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nThe duties were opposed by Varga Steel, a subsidiary of Lisbon-based Brandt Holdings.\n"
    graph = extract(extractor, tmp_path, text)
    assert ("Varga Steel", "Brandt Holdings") in named_edges(graph, EdgeType.PART_OF)
    assert kinds(graph)["Varga Steel"] == kinds(graph)["Brandt Holdings"] == "company"


def test_a_sub_body_under_a_ministry_and_a_possessors_bureau(extractor: Extractor, tmp_path: Path) -> None:
    text = (
        "Note\n\nThe Department of Commerce's Bureau of Industry and Security issued new export controls on "
        "gallium on 3 May 2025.\n"
    )
    parts = named_edges(extract(extractor, tmp_path, text), EdgeType.PART_OF)
    assert ("Bureau of Industry and Security", "U.S. Department of Commerce") in parts


def test_a_body_written_as_a_common_noun_is_the_states_body_with_that_portfolio(
    extractor: Extractor, tmp_path: Path
) -> None:
    text = "Note\n\nImporters must lodge a deposit with the Chinese customs agency before the duties on wine apply.\n"
    parts = named_edges(extract(extractor, tmp_path, text), EdgeType.PART_OF)
    assert ("General Administration of Customs", "China") in parts


def test_a_department_under_a_ministry_in_a_document_about_one_state(extractor: Extractor, tmp_path: Path) -> None:
    text = (
        "Note\n\nIndia raised duties on onions on 3 May 2025. The revenue department under the finance ministry "
        "said the duties would apply at once.\n"
    )
    parts = named_edges(extract(extractor, tmp_path, text), EdgeType.PART_OF)
    assert ("Department of Revenue", "Ministry of Finance") in parts


def test_a_state_adjective_on_a_bodys_name_owns_it(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nExporters must apply to Dutch Customs for a licence for lithography tools.\n"
    assert ("Dutch Customs", "Netherlands") in named_edges(extract(extractor, tmp_path, text), EdgeType.PART_OF)
