"""The item rules on sentences written for these tests: which goods, materials and sectors a text names, and
which measure covers them (active, passive, coordination, enumerated list, apposition, relative clause).

The goods are ones the gazetteer does not list (walnuts, gas turbines, sodium cyanide), so each Material can
only come from the parse.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.extract import Extractor
from ontology.contract import GraphData
from ontology.terms import EdgeType, NodeType
from tests.loaders.test_extract import edges, extract


def names(graph: GraphData, node_type: NodeType) -> set[str]:
    return {n.name for n in graph.nodes if n.type is node_type}


def covered(graph: GraphData) -> dict[str, set[str]]:
    """Measure name -> the names of what it covers."""
    by_id = {n.id: n.name for n in graph.nodes}
    out: dict[str, set[str]] = {}
    for source, target in edges(graph, EdgeType.COVERS):
        out.setdefault(by_id[source], set()).add(by_id[target])
    return out


def all_covered(graph: GraphData) -> set[str]:
    return {name for goods in covered(graph).values() for name in goods}


def read(extractor: Extractor, tmp_path: Path, body: str) -> GraphData:
    return extract(extractor, tmp_path, "Note\n\n" + body + "\n")


def test_each_conjunct_of_a_coordination_is_covered(extractor: Extractor, tmp_path: Path) -> None:
    graph = read(extractor, tmp_path, "Brazil imposed duties on imports of walnuts, cashews and dried figs.")
    assert {"walnuts", "cashews", "dried figs"} <= all_covered(graph)


def test_plural_and_singular_of_one_good_are_one_node(extractor: Extractor, tmp_path: Path) -> None:
    body = (
        "Brazil imposed provisional tariffs on walnuts from Norway on 3 March 2025.\n\n"
        "The tariffs on walnut imports will apply for six months."
    )
    graph = read(extractor, tmp_path, body)
    walnuts = [n for n in graph.nodes if n.type is NodeType.MATERIAL and "walnut" in n.name]
    assert len(walnuts) == 1, walnuts
    assert {walnuts[0].name, *walnuts[0].aliases} == {"walnuts", "walnut"}


def test_a_compound_product_keeps_its_for_phrase_and_hides_the_element(extractor: Extractor, tmp_path: Path) -> None:
    body = "Norway imposed tariffs on ceramic products, such as tungsten electrodes for arc furnaces."
    graph = read(extractor, tmp_path, body)
    assert {"ceramic products", "tungsten electrodes for arc furnaces"} <= all_covered(graph)
    assert "Tungsten" not in names(graph, NodeType.ELEMENT)


def test_an_enumerated_list_covers_each_item_and_no_bare_modifier(extractor: Extractor, tmp_path: Path) -> None:
    body = (
        "Brazil announced new export controls on 2 May 2025. The controls cover the following items:\n\n"
        "  • Gas turbines for power plants;\n"
        "  • Equipment designed for growing sapphire crystals;\n"
        "  • Ion implantation equipment for silicon wafers (3B001.c);\n"
        "  • high-grade, low-ash, fine-mesh coke materials and products."
    )
    graph = read(extractor, tmp_path, body)
    goods = all_covered(graph)
    assert "Gas turbines for power plants" in goods or "gas turbines for power plants" in goods
    assert any(g.lower() == "equipment designed for growing sapphire crystals" for g in goods), goods
    assert any(g.lower() == "ion implantation equipment for silicon wafers" for g in goods), goods
    assert any(g.startswith("high-grade, low-ash, fine-mesh coke") for g in goods), goods
    materials = names(graph, NodeType.MATERIAL)
    assert not {"high-grade", "low-ash", "Equipment", "equipment", "products", "following items"} & materials, materials


def test_an_apposition_between_dashes_lists_the_covered_goods(extractor: Extractor, tmp_path: Path) -> None:
    body = (
        "Norway imposed export controls on three chemicals -- sodium cyanide, nitrocellulose and "
        "potassium chlorate -- in March 2025."
    )
    graph = read(extractor, tmp_path, body)
    assert {"sodium cyanide", "nitrocellulose", "potassium chlorate"} <= all_covered(graph)
    assert not {"Sodium", "Potassium"} & names(graph, NodeType.ELEMENT)


def test_a_relative_clause_says_what_the_measure_covers(extractor: Extractor, tmp_path: Path) -> None:
    graph = read(
        extractor, tmp_path, "The new duties, which cover frozen shrimp and canned tuna, were imposed by Brazil."
    )
    assert {"frozen shrimp", "canned tuna"} <= all_covered(graph)


@pytest.mark.parametrize(
    ("body", "good"),
    [
        ("Brazil imposed quotas on 2 May 2025. Walnut imports from Norway will be subject to the quotas.", "Walnut"),
        ("Brazil announced a tariff on 2 May 2025. The tariff will also apply to bicycle frames.", "bicycle frames"),
        ("Brazilian bicycles will face anti-dumping duties imposed by Norway on 2 May 2025.", "bicycles"),
        ("Brazil imposed quotas on 2 May 2025. Imports of sheet glass are restricted by the quotas.", "sheet glass"),
        (
            "Brazil announced export controls on 2 May 2025. The controls bar Norwegian firms from buying oil rigs.",
            "oil rigs",
        ),
        (
            "Brazil imposed export controls on 2 May 2025. The controls restrict Norway's ability to buy jet engines.",
            "jet engines",
        ),
    ],
)
def test_verb_constructions_tie_goods_to_a_measure(extractor: Extractor, tmp_path: Path, body: str, good: str) -> None:
    """Active, passive and copular constructions of patterns/goods.json: subject to, apply to, face, by, bar from,
    ability."""
    assert good in all_covered(read(extractor, tmp_path, body))


def test_an_array_of_minerals_including_a_list_covers_the_list(extractor: Extractor, tmp_path: Path) -> None:
    body = (
        "Brazil and Norway signed an agreement on 2 May 2025. The agreement covers mining rights for "
        "a broad array of minerals, including nickel, barite, tin and cobalt."
    )
    graph = read(extractor, tmp_path, body)
    goods = all_covered(graph)
    assert {"barite", "Nickel", "Cobalt", "Tin"} <= goods, goods
    assert "minerals" not in goods and "array" not in goods


def test_a_sector_name_where_goods_are_covered_is_the_good(extractor: Extractor, tmp_path: Path) -> None:
    graph = read(extractor, tmp_path, "Norway imposed levies on Brazilian electric vehicles on 2 May 2025.")
    assert "Electric vehicles" in all_covered(graph)
    assert "Electric vehicles" not in names(graph, NodeType.SECTOR)


def test_industry_heads_name_sectors(extractor: Extractor, tmp_path: Path) -> None:
    body = (
        "The duties hurt the textile, footwear and furniture industries, and the domestic industry complained. "
        "Exporters in the shipbuilding sector were spared."
    )
    sectors = names(read(extractor, tmp_path, body), NodeType.SECTOR)
    assert {"textile", "footwear", "furniture", "shipbuilding"} <= sectors, sectors
    assert "domestic" not in sectors


def test_the_nearest_governing_measure_covers_the_good(extractor: Extractor, tmp_path: Path) -> None:
    body = (
        "Brazil imposed tariffs on Norwegian steel pipes on 2 May 2025 after Norway announced "
        "export controls on walnuts."
    )
    cover = covered(read(extractor, tmp_path, body))
    tariffs = next(goods for name, goods in cover.items() if "tariff" in name.lower())
    controls = next(goods for name, goods in cover.items() if "control" in name.lower())
    assert "steel pipes" in tariffs and "walnuts" not in tariffs
    assert "walnuts" in controls and "steel pipes" not in controls


def test_a_series_of_measures_covers_what_the_verb_names(extractor: Extractor, tmp_path: Path) -> None:
    body = "Brazil opened a series of safeguard investigations into steel wire, copper tubing and glass fibre."
    graph = read(extractor, tmp_path, body)
    goods = all_covered(graph)
    assert {"steel wire", "copper tubing", "glass fibre"} <= goods, goods
    assert "safeguard" not in names(graph, NodeType.MATERIAL)
    assert "Copper" not in names(graph, NodeType.ELEMENT)


def test_a_class_of_goods_modifying_a_measure_head_is_covered(extractor: Extractor, tmp_path: Path) -> None:
    graph = read(extractor, tmp_path, "Norway adopted a rare metals action plan on 2 May 2025.")
    assert "rare metals" in all_covered(graph)


def test_which_after_the_date_of_a_measure_stands_for_the_measure(extractor: Extractor, tmp_path: Path) -> None:
    """A relative clause the parser hangs on the date that closes the measure's phrase."""
    body = (
        "Brazil announced new export controls on 2 May 2025, which restrict sales of drilling rigs and seismic sensors."
    )
    cover = covered(read(extractor, tmp_path, body))
    assert {"drilling rigs", "seismic sensors"} <= cover.get("new export controls", set()), cover


def test_items_related_to_a_good_are_that_good(extractor: Extractor, tmp_path: Path) -> None:
    graph = read(extractor, tmp_path, "Brazil imposed export controls on items related to drones on 2 May 2025.")
    assert "drones" in all_covered(graph)
    assert "items" not in names(graph, NodeType.MATERIAL)


def test_an_inline_semicolon_list_after_a_covering_clause(extractor: Extractor, tmp_path: Path) -> None:
    body = (
        "Brazil imposed export controls on 2 May 2025 covering the following items: gas turbines; "
        "optical fibre preforms; and drone engines."
    )
    assert {"gas turbines", "optical fibre preforms", "drone engines"} <= all_covered(read(extractor, tmp_path, body))


def test_kinds_of_a_class_then_listed_are_covered_through_the_list(extractor: Extractor, tmp_path: Path) -> None:
    body = (
        "The ministry introduced export control measures on 2 May 2025 that cover three kinds of heavy rare earth "
        "materials, including samarium, terbium and yttrium."
    )
    graph = read(extractor, tmp_path, body)
    assert {"Samarium", "Terbium", "Yttrium"} <= all_covered(graph)
    assert not names(graph, NodeType.MATERIAL)


def test_an_abbreviation_defined_in_brackets_is_the_same_good(extractor: Extractor, tmp_path: Path) -> None:
    body = (
        "Norway imposed export controls on rare metal powders (RMPs) on 2 May 2025.\n\n"
        "Brazil announced tariffs on RMPs on 3 May 2025."
    )
    graph = read(extractor, tmp_path, body)
    powders = [n for n in graph.nodes if n.type is NodeType.MATERIAL]
    assert [(n.name, n.aliases) for n in powders] == [("rare metal powders", ["RMPs"])]
    assert sum(1 for goods in covered(graph).values() if "rare metal powders" in goods) == 2


def test_an_element_metal_is_the_element_and_an_alloy_is_a_material(extractor: Extractor, tmp_path: Path) -> None:
    graph = read(extractor, tmp_path, "Norway banned exports of gallium metal and a cobalt-nickel alloy on 2 May 2025.")
    assert {"Gallium", "cobalt-nickel alloy"} <= all_covered(graph)
    assert not {"Cobalt", "Nickel"} & names(graph, NodeType.ELEMENT)


def test_an_industry_named_by_a_good_is_a_sector_beside_the_good(extractor: Extractor, tmp_path: Path) -> None:
    body = (
        "Brazil imposed duties on Norwegian steel on 2 May 2025, hurting the steel industry and the aluminium sector."
    )
    graph = read(extractor, tmp_path, body)
    assert "steel" in all_covered(graph)
    assert {"steel", "aluminium"} <= names(graph, NodeType.SECTOR)
    assert "Aluminium" not in names(graph, NodeType.ELEMENT)


def test_an_everyday_element_name_alone_is_the_element(extractor: Extractor, tmp_path: Path) -> None:
    body = "Norway banned exports of gold, timber and pig iron to Brazil on 2 May 2025."
    graph = read(extractor, tmp_path, body)
    assert "Gold" in names(graph, NodeType.ELEMENT)
    assert "timber" in all_covered(graph)
    assert "Iron" not in names(graph, NodeType.ELEMENT)


def test_a_state_named_attributively_is_targeted_and_the_good_covered(extractor: Extractor, tmp_path: Path) -> None:
    graph = read(extractor, tmp_path, "China imposed a 15% tariff on US coal on 4 February 2025.")
    assert "coal" in all_covered(graph)
    by_id = {n.id: n.name for n in graph.nodes}
    assert "United States" in {by_id[t] for _, t in edges(graph, EdgeType.TARGETS)}


def test_a_sector_named_inside_a_covered_good_is_no_sector_node(extractor: Extractor, tmp_path: Path) -> None:
    body = "Japan imposed export controls on semiconductor manufacturing equipment on 2 May 2025."
    graph = read(extractor, tmp_path, body)
    assert "semiconductor manufacturing equipment" in all_covered(graph)
    assert not names(graph, NodeType.SECTOR)


def test_actors_and_activities_where_goods_would_be_are_no_goods(extractor: Extractor, tmp_path: Path) -> None:
    body = (
        "The EU imposed sanctions on state-owned banks on 2 May 2025. "
        "Canada imposed restrictions on foreign ownership of farmland on 3 May 2025."
    )
    graph = read(extractor, tmp_path, body)
    materials = names(graph, NodeType.MATERIAL)
    assert "farmland" in all_covered(graph)
    assert not any("bank" in m or "ownership" in m for m in materials), materials


def test_a_class_noun_coordinated_inside_a_compound_is_a_good_of_its_own(extractor: Extractor, tmp_path: Path) -> None:
    """The parser reads "A equipment and B chips" as one compound; the class noun ends the first good."""
    body = "Japan imposed export controls on semiconductor manufacturing equipment and memory chips on 2 May 2025."
    goods = all_covered(read(extractor, tmp_path, body))
    assert {"semiconductor manufacturing equipment", "memory chips"} <= goods, goods


def test_these_varieties_point_back_and_name_no_new_good(extractor: Extractor, tmp_path: Path) -> None:
    body = (
        "Brazil imposed an export duty on green tea on 2 May 2025. "
        "The export duty on these grades of tea and on coffee is 20 per cent."
    )
    materials = names(read(extractor, tmp_path, body), NodeType.MATERIAL)
    assert "green tea" in materials, materials
    assert "tea" not in materials


def test_a_legal_class_and_an_element_inside_a_product_are_no_nodes(extractor: Extractor, tmp_path: Path) -> None:
    body = "Norway imposed export controls on lithium-battery materials and dual-use items on 2 May 2025."
    graph = read(extractor, tmp_path, body)
    assert all_covered(graph) == {"lithium-battery materials"}
    assert not names(graph, NodeType.ELEMENT)
