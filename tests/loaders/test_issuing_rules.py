"""The dependency-pattern rule families (loaders.issuing_rules) on sentences written for these tests.

Issuing (active, passive with coordinated agents, relative clause, a measure's "by" phrase,
apposition, a pronoun subject from the sentence before), changes by an actor and by a
measure, listing verbs, passive bans and goods made subject to a measure. The goods and
bodies are our own (walnut kernels, the Freedonian Trade Bureau), so the facts come from the
parse, not from names the gazetteer lists.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.extract import Extractor
from ontology.contract import GraphData
from ontology.terms import EdgeType, NodeType
from tests.loaders.test_extract import edges, extract


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def named(graph: GraphData, edge_type: EdgeType) -> set[tuple[str, str]]:
    """(source name, target name) of the edges of one type."""
    names = {n.id: n.name for n in graph.nodes}
    return {(names[s], names[t]) for s, t in edges(graph, edge_type)}


def measures(graph: GraphData) -> dict[str, dict]:
    return {n.name: n.attributes for n in graph.nodes if n.type is NodeType.MEASURE}


def test_passive_coordinated_agents_each_issue_and_the_clause_date_is_announced(
    extractor: Extractor, tmp_path: Path
) -> None:
    text = "Note\n\nQuotas on walnut imports were imposed by Canada and Mexico on 3 March 2025.\n"
    graph = extract(extractor, tmp_path, text)
    assert {("Canada", "Quotas on walnut imports"), ("Mexico", "Quotas on walnut imports")} <= named(
        graph, EdgeType.ISSUED
    )
    assert measures(graph)["Quotas on walnut imports"]["announced"] == "2025-03-03"


def test_active_subject_issues_and_a_start_date_is_not_the_announcement(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nMexico imposed a tariff on cedar planks from 1 July 2025.\n"
    graph = extract(extractor, tmp_path, text)
    assert ("Mexico", "tariff on cedar planks") in named(graph, EdgeType.ISSUED)
    assert measures(graph)["tariff on cedar planks"].get("announced") != "2025-07"


def test_relative_clause_issuer_and_its_date(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nThe quotas on walnut kernels that Canada imposed on 3 March 2025 were criticised by growers.\n"
    graph = extract(extractor, tmp_path, text)
    issued = {(s, m) for s, m in named(graph, EdgeType.ISSUED)}
    assert any(s == "Canada" for s, _ in issued)
    assert "2025-03-03" in {a.get("announced") for a in measures(graph).values()}


def test_a_measure_by_phrase_names_its_issuer(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nA preliminary ruling by the Freedonian Trade Bureau found dumping of bicycle frames.\n"
    graph = extract(extractor, tmp_path, text)
    assert ("Freedonian Trade Bureau", "preliminary ruling") in named(graph, EdgeType.ISSUED)
    assert measures(graph)["preliminary ruling"]["kind"] == "other"


def test_an_actor_removing_a_measure_issues_a_removal_of_the_same_kind_that_modifies_it(
    extractor: Extractor, tmp_path: Path
) -> None:
    text = "Note\n\nCanada, the largest buyer, removed the tariff on bicycle frames on 2 May 2025.\n"
    graph = extract(extractor, tmp_path, text)
    modifies = named(graph, EdgeType.MODIFIES)
    assert len(modifies) == 1
    change, base = next(iter(modifies))
    assert base == "tariff on bicycle frames"
    assert ("Canada", change) in named(graph, EdgeType.ISSUED)
    assert measures(graph)[change]["kind"] == "tariff"
    assert measures(graph)[change]["announced"] == "2025-05-02"
    assert not any(source == change for source, _ in named(graph, EdgeType.COVERS))


def test_a_pronoun_subject_cuts_a_duty_named_by_the_body_of_the_sentence_before(
    extractor: Extractor, tmp_path: Path
) -> None:
    text = (
        "Note\n\nThe Freedonian Revenue Department published its annual report on Monday. "
        "It also cut the export duty on cedar planks to 5%.\n"
    )
    graph = extract(extractor, tmp_path, text)
    modifies = named(graph, EdgeType.MODIFIES)
    assert any(base.startswith("export duty on cedar planks") for _, base in modifies)
    change = next(c for c, base in modifies if base.startswith("export duty"))
    assert ("Freedonian Revenue Department", change) in named(graph, EdgeType.ISSUED)


def test_a_measure_replacing_a_measure_modifies_it(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nThe new licensing regime replaced the export ban on walnut kernels.\n"
    graph = extract(extractor, tmp_path, text)
    assert ("new licensing regime", "export ban on walnut kernels") in named(graph, EdgeType.MODIFIES)
    assert not edges(graph, EdgeType.SUSPENDS)


def test_a_measure_lifting_a_ban_modifies_it_and_suspends_nothing(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nThe minimum export price has lifted the ban on walnut kernel shipments.\n"
    graph = extract(extractor, tmp_path, text)
    modifies = named(graph, EdgeType.MODIFIES)
    assert any(source == "minimum export price" and "ban" in target for source, target in modifies)
    assert not edges(graph, EdgeType.SUSPENDS)


def test_a_listing_verb_makes_a_listing_that_targets_its_object(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nCanada downgraded Mexico to a lower trade category in 2019.\n"
    graph = extract(extractor, tmp_path, text)
    [(name, attributes)] = measures(graph).items()
    assert attributes["kind"] == "listing" and attributes["announced"] == "2019"
    assert (name, "Mexico") in named(graph, EdgeType.TARGETS)
    assert ("Canada", name) in named(graph, EdgeType.ISSUED)


def test_a_passive_ban_on_exports_covers_the_goods(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nExports of walnut kernels were banned by Canada in 2021.\n"
    graph = extract(extractor, tmp_path, text)
    [(name, attributes)] = measures(graph).items()
    assert attributes["kind"] == "export_control"
    assert (name, "walnut kernels") in named(graph, EdgeType.COVERS)
    assert ("Canada", name) in named(graph, EdgeType.ISSUED)


def test_goods_subject_to_quotas_are_covered_and_their_origin_targeted(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nImports of maple syrup from Mexico will be subject to quotas, Canada said.\n"
    graph = extract(extractor, tmp_path, text)
    assert ("quotas", "maple syrup") in named(graph, EdgeType.COVERS)
    assert ("quotas", "Mexico") in named(graph, EdgeType.TARGETS)


def test_a_measure_in_force_since_before_a_dated_one_stays_its_own_node(extractor: Extractor, tmp_path: Path) -> None:
    text = (
        "Note\n\nOn 3 March 2025 Canada imposed export controls on walnut kernels. "
        "Since 2011, Canada has been imposing export controls on cedar planks.\n"
    )
    graph = extract(extractor, tmp_path, text)
    dated = {a.get("announced"): a for a in measures(graph).values()}
    assert "2025-03-03" in dated
    assert any(a.get("effective") == "2011" for a in measures(graph).values())
    assert len([n for n in graph.nodes if n.type is NodeType.MEASURE]) == 2
