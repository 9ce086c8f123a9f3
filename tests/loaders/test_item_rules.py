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


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


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
    body = "Norway imposed tariffs on graphite products, such as tungsten electrodes for arc furnaces."
    graph = read(extractor, tmp_path, body)
    assert {"graphite products", "tungsten electrodes for arc furnaces"} <= all_covered(graph)
    assert "Tungsten" not in names(graph, NodeType.ELEMENT)


def test_an_enumerated_list_covers_each_item_and_no_bare_modifier(extractor: Extractor, tmp_path: Path) -> None:
    body = (
        "Brazil announced new export controls on 2 May 2025. The controls cover the following items:\n\n"
        "  • Gas turbines for power plants;\n"
        "  • Equipment designed for growing sapphire crystals;\n"
        "  • high-grade, low-ash, fine-mesh coke materials and products."
    )
    graph = read(extractor, tmp_path, body)
    goods = all_covered(graph)
    assert "Gas turbines for power plants" in goods or "gas turbines for power plants" in goods
    assert any(g.lower() == "equipment designed for growing sapphire crystals" for g in goods), goods
    assert any(g.startswith("high-grade, low-ash, fine-mesh coke") for g in goods), goods
    materials = names(graph, NodeType.MATERIAL)
    assert not {"high-grade", "low-ash", "Equipment", "equipment", "products"} & materials, materials


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
            "Brazil imposed export controls on 2 May 2025. The controls restrict Norway's ability to buy jet engines.",
            "jet engines",
        ),
    ],
)
def test_verb_constructions_tie_goods_to_a_measure(extractor: Extractor, tmp_path: Path, body: str, good: str) -> None:
    """Active, passive and copular constructions of patterns/goods.json: subject to, apply to, face, by, ability."""
    assert good in all_covered(read(extractor, tmp_path, body))


def test_a_range_of_minerals_including_a_list_covers_the_list(extractor: Extractor, tmp_path: Path) -> None:
    body = (
        "Brazil and Norway signed an agreement on 2 May 2025. The agreement covers extraction rights for "
        "a wide range of minerals, including nickel, barite, tin and cobalt."
    )
    graph = read(extractor, tmp_path, body)
    goods = all_covered(graph)
    assert {"barite", "Nickel", "Cobalt", "Tin"} <= goods, goods
    assert "minerals" not in goods and "range" not in goods


def test_a_sector_name_where_goods_are_covered_is_the_good(extractor: Extractor, tmp_path: Path) -> None:
    graph = read(extractor, tmp_path, "Norway imposed duties on electric vehicles from Brazil on 2 May 2025.")
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
    graph = read(extractor, tmp_path, "Norway adopted a critical minerals action plan on 2 May 2025.")
    assert "critical minerals" in all_covered(graph)


def test_which_after_the_date_of_a_measure_stands_for_the_measure(extractor: Extractor, tmp_path: Path) -> None:
    """A relative clause the parser hangs on the date that closes the measure's phrase."""
    body = (
        "Brazil announced new export controls on 2 May 2025, which restrict sales of drilling rigs and seismic sensors."
    )
    cover = covered(read(extractor, tmp_path, body))
    assert {"drilling rigs", "seismic sensors"} <= cover.get("new export controls", set()), cover
