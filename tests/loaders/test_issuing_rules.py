"""The dependency-pattern rule families (loaders.issuing_rules) on sentences written for these tests.

Issuing (active, passive with coordinated agents, relative clause, a measure's "by" phrase,
apposition, a pronoun subject from the sentence before), changes by an actor and by a
measure, listing verbs, passive bans and goods made subject to a measure. The goods and
bodies are our own (walnut kernels, the Freedonian Trade Bureau), so the facts come from the
parse, not from names the gazetteer lists.
"""

from __future__ import annotations

from pathlib import Path

from loaders.extract import Extractor
from ontology.contract import GraphData
from ontology.terms import EdgeType, NodeType
from tests.loaders.test_extract import edges, extract, named


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
    text = "Note\n\nOnce in force, the minimum export price lifted the ban on walnut kernel shipments.\n"
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
    name = "quotas on imports of maple syrup from Mexico"
    assert (name, "maple syrup") in named(graph, EdgeType.COVERS)
    assert (name, "Mexico") in named(graph, EdgeType.TARGETS)


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


def test_a_series_of_updates_leads_to_the_measure_it_changes_and_today_is_the_publication_day(
    extractor: Extractor, tmp_path: Path
) -> None:
    text = (
        "Note\n\nThe Freedonian Export Agency announced a series of updates to its export controls "
        "on cedar planks today.\n"
    )
    graph = extract(extractor, tmp_path, text)
    assert ("Freedonian Export Agency", "export controls on cedar planks") in named(graph, EdgeType.ISSUED)
    assert measures(graph)["export controls on cedar planks"]["announced"] == "2025-06-05"


def test_goods_facing_a_tariff_are_covered_and_their_makers_and_origin_targeted(
    extractor: Extractor, tmp_path: Path
) -> None:
    graph = extract(extractor, tmp_path, "Note\n\nWalnut kernels from Mexico face steep duties.\n")
    name = "steep duties on walnut kernels from Mexico"
    assert (name, "walnut kernels") in {
        (m.lower().replace("mexico", "Mexico"), i.lower()) for m, i in named(graph, EdgeType.COVERS)
    }
    assert (name, "Mexico") in {(m.lower().replace("mexico", "Mexico"), t) for m, t in named(graph, EdgeType.TARGETS)}
    graph = extract(extractor, tmp_path, "Note\n\nCanadian products will face a 12% duty.\n")
    assert named(graph, EdgeType.TARGETS) == {("duty on Canadian products", "Canada")}
    assert not edges(graph, EdgeType.COVERS)


def test_each_party_an_agreement_is_between_issues_it(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nOn 8 May 2025, the two leaders concluded a trade deal between Canada and Mexico.\n"
    graph = extract(extractor, tmp_path, text)
    assert {("Canada", "trade deal"), ("Mexico", "trade deal")} <= named(graph, EdgeType.ISSUED)


def test_the_origin_named_on_traded_goods_is_the_target_not_their_destination(
    extractor: Extractor, tmp_path: Path
) -> None:
    text = "Note\n\nCanada will create a quota for all Mexican car exports to Canada.\n"
    graph = extract(extractor, tmp_path, text)
    targets = {t for _, t in named(graph, EdgeType.TARGETS)}
    assert "Canada" not in targets
    text = "Note\n\nMexico plans to scrap the 15% duty on Canada pork imports.\n"
    graph = extract(extractor, tmp_path, text)
    assert ("duty on Canada pork imports", "Canada") in named(graph, EdgeType.TARGETS)
    graph = extract(extractor, tmp_path, "Note\n\nChina banned exports of walnut kernels to Canada.\n")
    assert any(t == "Canada" for _, t in named(graph, EdgeType.TARGETS))


def test_the_policy_of_the_sentence_before_modifies_the_measure_it_removes(
    extractor: Extractor, tmp_path: Path
) -> None:
    text = (
        "Note\n\nOn 20 October 2023, Canada imposed export controls on walnut kernels. "
        "The policy also scraps the temporary export control on cedar planks.\n"
    )
    graph = extract(extractor, tmp_path, text)
    assert ("export controls on walnut kernels", "temporary export control on cedar planks") in named(
        graph, EdgeType.MODIFIES
    )


def test_a_gerund_after_a_preposition_shares_the_subject_of_its_verb(extractor: Extractor, tmp_path: Path) -> None:
    text = (
        "Note\n\nCanada downgraded Mexico to a lower trade category after imposing export controls on cedar planks.\n"
    )
    graph = extract(extractor, tmp_path, text)
    assert ("Canada", "export controls on cedar planks") in named(graph, EdgeType.ISSUED)


def test_a_measure_seen_as_retaliation_for_another_responds_to_it(extractor: Extractor, tmp_path: Path) -> None:
    text = (
        "Note\n\nCanada imposed tariffs on walnut kernels, a move seen as retaliation for the Mexican duties "
        "on maple syrup.\n"
    )
    graph = extract(extractor, tmp_path, text)
    [(effect, cause)] = named(graph, EdgeType.RESPONDS_TO)
    assert effect == "tariffs on walnut kernels" and cause.endswith("duties on maple syrup")


def test_the_two_countries_each_issue_the_agreement_they_reached(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nCanada and Mexico met in Ottawa. Last week the two countries signed a framework agreement.\n"
    graph = extract(extractor, tmp_path, text)
    assert {("Canada", "framework agreement"), ("Mexico", "framework agreement")} <= named(graph, EdgeType.ISSUED)


def test_a_measure_named_with_its_by_phrase_is_dated_by_its_own_phrase(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nA preliminary ruling by the Freedonian Trade Bureau in late August found dumping.\n"
    graph = extract(extractor, tmp_path, text)
    assert measures(graph)["preliminary ruling"]["announced"] == "2025-08"


def test_an_apposed_agent_issues_updates_whose_to_phrase_hangs_on_the_verb(
    extractor: Extractor, tmp_path: Path
) -> None:
    text = (
        "Note\n\nThe Freedonian Export Agency, the country's top regulator, is implementing a series of updates "
        "to its export controls on cedar planks.\n"
    )
    graph = extract(extractor, tmp_path, text)
    assert ("Freedonian Export Agency", "export controls on cedar planks") in named(graph, EdgeType.ISSUED)


def test_whoever_defers_a_ban_issued_it_and_the_ban_is_named_by_its_goods(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nCanada has deferred the ban on imports of walnut kernels from Mexico to 2026.\n"
    graph = extract(extractor, tmp_path, text)
    name = "ban on imports of walnut kernels from Mexico"
    assert ("Canada", name) in named(graph, EdgeType.ISSUED)
    assert (name, "Mexico") in named(graph, EdgeType.TARGETS)
    assert "announced" not in measures(graph)[name]


def test_a_suspension_in_response_to_talks_responds_to_the_meeting(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nIn response to the Geneva talks on 12 May 2025, Canada suspended the tariffs on walnut kernels.\n"
    graph = extract(extractor, tmp_path, text)
    meetings = {n.name for n in graph.nodes if n.type is NodeType.MEETING}
    [(effect, cause)] = named(graph, EdgeType.RESPONDS_TO)
    assert effect.startswith("suspension of tariffs") and cause in meetings
