"""The syntactic rule families on sentences written for these tests: active, passive, apposition,
coordination, relative clause and a reference across two sentences.

Each text is our own and names actors and goods the gazetteer does not list
(the Freedonian ministries, Acme Corp), so the facts can only come from the
parse and the recogniser, not from names the rules were written around.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from loaders.extract import Extractor
from loaders.lexicon import Lexicon
from loaders.mentions import Label
from ontology.contract import GraphData
from ontology.terms import EdgeType, NodeType
from tests.loaders.test_extract import edges, extract


def ids(graph: GraphData, node_type: NodeType) -> dict[str, str]:
    return {n.name: n.id for n in graph.nodes if n.type is node_type}


def issued(graph: GraphData) -> set[tuple[str, str]]:
    """(issuer name, measure id) pairs."""
    names = {n.id: n.name for n in graph.nodes}
    return {(names[s], t) for s, t in edges(graph, EdgeType.ISSUED)}


def covered(graph: GraphData) -> set[str]:
    names = {n.id: n.name for n in graph.nodes}
    return {names[t] for _, t in edges(graph, EdgeType.COVERS)}


def test_active_subject_issues_and_the_covered_goods_become_materials(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nChina imposed export controls on tungsten carbide tools and optical fibre preforms.\n"
    graph = extract(extractor, tmp_path, text)
    assert {"tungsten carbide tools", "optical fibre preforms"} <= covered(graph)
    assert any(name == "China" for name, _ in issued(graph))


def test_passive_agents_each_issue_the_measure(extractor: Extractor, tmp_path: Path) -> None:
    text = (
        "Note\n\nNew export restrictions on bamboo fibre were announced by the Freedonian Trade Bureau "
        "and the Freedonian Export Agency on 2 May 2025.\n"
    )
    graph = extract(extractor, tmp_path, text)
    issuers = {name for name, _ in issued(graph)}
    assert {"Freedonian Trade Bureau", "Freedonian Export Agency"} <= issuers
    ministries = ids(graph, NodeType.MINISTRY)
    assert "Freedonian Trade Bureau" in ministries
    assert "bamboo fibre" in covered(graph)


def test_coordinated_goods_after_exports_of_are_each_covered(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nThe government imposed a ban on exports of walnut kernels and sesame oil.\n"
    graph = extract(extractor, tmp_path, text)
    assert {"walnut kernels", "sesame oil"} <= covered(graph)


def test_relative_clause_subject_issues_the_noun_it_modifies(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nThe tariffs on steel pipes that Japan imposed on 3 March 2025 were criticised by exporters.\n"
    graph = extract(extractor, tmp_path, text)
    assert any(name == "Japan" for name, _ in issued(graph))
    assert "steel pipes" in covered(graph)


def test_apposition_gives_an_unknown_person_the_post_of_the_title(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nMarta Kowalczyk, the Commerce Secretary, announced new tariffs on bicycle frames on 2 May 2025.\n"
    graph = extract(extractor, tmp_path, text)
    assert ("official:marta-kowalczyk", "ministry:us-doc") in edges(graph, EdgeType.HOLDS_POST)


def test_reported_clause_is_issued_by_the_organisation_that_said_it(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nChina will impose export controls on drone motors, the Ministry of Commerce said on 2 May 2025.\n"
    graph = extract(extractor, tmp_path, text)
    assert {"China", "Ministry of Commerce"} <= {name for name, _ in issued(graph)}


def test_a_surname_in_the_next_sentence_refers_back_to_an_unlisted_person(extractor: Extractor, tmp_path: Path) -> None:
    text = (
        "Note\n\nOskar Lindqvist met Commerce Secretary Jane Roeberg in Oslo on 2 May 2025.\n"
        "On the same day, Lindqvist announced new tariffs on salmon fillets.\n"
    )
    graph = extract(extractor, tmp_path, text)
    officials = ids(graph, NodeType.OFFICIAL)
    assert "Oskar Lindqvist" in officials
    assert "Lindqvist" not in officials
    assert "Oskar Lindqvist" in {name for name, _ in issued(graph)}


def test_companies_are_typed_by_their_name_and_kept_only_when_a_fact_uses_them(
    extractor: Extractor, tmp_path: Path
) -> None:
    text = (
        "Note\n\nThe Commerce Department added Zentrix Semiconductor to the Entity List on 2 May 2025.\n"
        "Analysts at Borvane Capital Partners were surprised.\n"
    )
    graph = extract(extractor, tmp_path, text)
    names = {n.name for n in graph.nodes}
    assert "Borvane Capital Partners" not in names


def test_lexicon_rejects_a_mistyped_kind(tmp_path: Path) -> None:
    source = Path("loaders/patterns/lexicon.json").read_text(encoding="utf-8")
    broken = tmp_path / "lexicon.json"
    broken.write_text(source.replace('"export_control"', '"export_contrl"', 1), encoding="utf-8")
    with pytest.raises(ValueError, match="measure_heads"):
        Lexicon.load(broken)


def test_a_mistyped_mention_label_fails_instead_of_matching_nothing() -> None:
    with pytest.raises(AttributeError):
        _ = Label.ACTORS  # type: ignore[attr-defined]
    with pytest.raises(ValueError):
        Label("ACTORS")


def test_a_measure_that_replaces_another_modifies_it(extractor: Extractor, tmp_path: Path) -> None:
    text = (
        "Note\n\nOn 2 May 2025 Japan announced export controls on cobalt powder.\n"
        "The new export controls replace the 2019 export restrictions on cobalt ore.\n"
    )
    graph = extract(extractor, tmp_path, text)
    names = {n.id: n.name for n in graph.nodes}
    modifies = {(names[a], names[b]) for a, b in edges(graph, EdgeType.MODIFIES)}
    assert any("2019" in changed for _, changed in modifies), modifies


def test_laws_after_a_basis_phrase_are_what_the_measure_is_based_on(extractor: Extractor, tmp_path: Path) -> None:
    text = (
        "Note\n\nIn accordance with the Foreign Trade Act and the Export Licensing Regulations, "
        "the Freedonian Trade Bureau imposed export controls on lithium carbonate on 2 May 2025.\n"
    )
    graph = extract(extractor, tmp_path, text)
    names = {n.id: n.name for n in graph.nodes}
    bases = {names[b] for _, b in edges(graph, EdgeType.BASED_ON)}
    assert {"Foreign Trade Act", "Export Licensing Regulations"} <= bases


def test_targets_from_prepositions_and_from_the_origin_of_covered_goods(extractor: Extractor, tmp_path: Path) -> None:
    text = (
        "Note\n\nThe European Union imposed anti-dumping duties on Chinese steel wire on 2 May 2025.\n"
        "Canada imposed sanctions against Russia on 3 May 2025.\n"
    )
    graph = extract(extractor, tmp_path, text)
    targets = {t for _, t in edges(graph, EdgeType.TARGETS)}
    assert {"entity:cn", "entity:ru"} <= targets
    assert "steel wire" in covered(graph)


def test_a_ministry_named_with_its_state_is_part_of_it_and_portfolio_titles_find_it(
    extractor: Extractor, tmp_path: Path
) -> None:
    text = (
        "Note\n\nSouth Korea's Ministry of Trade, Industry and Energy announced new export controls on 2 May 2025.\n"
        "Korean Trade Minister Park Hyun-woo defended the move.\n"
    )
    graph = extract(extractor, tmp_path, text)
    assert ("ministry:kr-motie", "entity:kr") in edges(graph, EdgeType.PART_OF)
    assert ("official:park-hyun-woo", "ministry:kr-motie") in edges(graph, EdgeType.HOLDS_POST)


def test_an_element_naming_a_product_is_not_covered(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nIndia imposed export controls on cobalt alloy powders on 2 May 2025.\n"
    graph = extract(extractor, tmp_path, text)
    assert "Cobalt" not in covered(graph)
    assert "cobalt alloy powders" in covered(graph)


def test_each_item_of_a_list_after_a_colon_is_covered_by_the_measure(extractor: Extractor, tmp_path: Path) -> None:
    text = (
        "Note\n\nOn 2 May 2025 the Freedonian Trade Bureau imposed export controls on the following items:\n"
        "• high-purity quartz crucibles and sapphire wafers;\n"
        "• boron nitride powder.\n"
        "Exporters welcomed the clarity.\n"
    )
    graph = extract(extractor, tmp_path, text)
    assert {"high-purity quartz crucibles", "sapphire wafers", "boron nitride powder"} <= covered(graph)


def test_issuing_verbs_in_any_inflection_with_a_measure_as_object(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nFreedonia and Canada signed a trade agreement on 2 May 2025.\n"
    graph = extract(extractor, tmp_path, text)
    assert {"Canada"} <= {name for name, _ in issued(graph)}


def test_a_subject_named_by_its_modifier_or_as_the_government(extractor: Extractor, tmp_path: Path) -> None:
    text = (
        "Note\n\nG7 leaders have launched a critical minerals action plan on 2 May 2025.\n"
        "India said exports would suffer. The government imposed a minimum export price on onions on 3 May 2025.\n"
    )
    graph = extract(extractor, tmp_path, text)
    issuers = {name for name, _ in issued(graph)}
    assert {"G7", "India"} <= issuers, issuers


def test_the_announcer_issues_what_its_clause_announces(extractor: Extractor, tmp_path: Path) -> None:
    text = (
        "Note\n\nOn 2 May 2025 the Ministry of Commerce and the General Administration of Customs announced "
        "that certain tin solders would require export permits.\n"
    )
    graph = extract(extractor, tmp_path, text)
    assert {"Ministry of Commerce", "General Administration of Customs"} <= {name for name, _ in issued(graph)}


def test_the_ministry_and_it_refer_back_to_the_last_body_named(extractor: Extractor, tmp_path: Path) -> None:
    text = (
        "Note\n\nThe Freedonian Trade Bureau met exporters on 1 May 2025.\n"
        "The bureau imposed export controls on nickel matte on 2 May 2025.\n"
        "On 9 May 2025 it suspended the export controls on nickel matte.\n"
    )
    graph = extract(extractor, tmp_path, text)
    issued_by_bureau = {t for name, t in issued(graph) if name == "Freedonian Trade Bureau"}
    kinds = {n.id: n.attributes.get("kind") for n in graph.nodes}
    assert {"export_control", "suspension"} <= {kinds[t] for t in issued_by_bureau}


def test_members_of_a_group_named_by_a_relative_clause(extractor: Extractor, tmp_path: Path) -> None:
    text = (
        "Note\n\nThe G7 met in Rome on 2 May 2025.\n"
        "The group, which comprises Italy, Japan and Canada, adopted an action plan on graphite.\n"
    )
    graph = extract(extractor, tmp_path, text)
    members = {a for a, b in edges(graph, EdgeType.PART_OF) if b == "entity:g7"}
    assert {"entity:it", "entity:jp", "entity:ca"} <= members


def test_a_law_name_may_join_two_parts_with_and(extractor: Extractor) -> None:
    law = re.compile(extractor.gazetteer.lexicon.law_regex)
    found = [
        m.group("name") for m in law.finditer("under the Customs and Excise Act and the Dual-use Goods Regulations")
    ]
    assert found == ["Customs and Excise Act", "Dual-use Goods Regulations"]
