"""PART_OF from a measure to its package (loaders.package_rules), on sentences written for these tests:
a "part of" phrase, what a package includes, and a later sentence continuing the package."""

from __future__ import annotations

from pathlib import Path

from loaders.extract import Extractor
from ontology.terms import EdgeType
from tests.loaders.test_extract import extract, named

PACKAGE = "Canada adopted a new sanctions package against Mexico on 3 March 2025."


def test_a_measure_taken_as_part_of_a_package_is_part_of_it(extractor: Extractor, tmp_path: Path) -> None:
    text = "Note\n\nCanada imposed quotas on walnut kernels from Mexico as part of its fifth sanctions package.\n"
    graph = extract(extractor, tmp_path, text)
    [(part, whole)] = named(graph, EdgeType.PART_OF)
    assert part.startswith("quotas on walnut kernels") and "package" in whole


def test_what_the_package_includes_is_part_of_it_and_targets_its_target(extractor: Extractor, tmp_path: Path) -> None:
    text = f"Note\n\n{PACKAGE} The package includes an export ban on walnut kernels and a tariff on cedar planks.\n"
    graph = extract(extractor, tmp_path, text)
    parts = named(graph, EdgeType.PART_OF)
    whole = "new sanctions package against Mexico"
    assert {("export ban on walnut kernels", whole), ("tariff on cedar planks", whole)} <= parts
    assert ("tariff on cedar planks", "Mexico") in named(graph, EdgeType.TARGETS)


def test_in_addition_continues_the_package_and_a_separate_measure_does_not(
    extractor: Extractor, tmp_path: Path
) -> None:
    text = (
        f"Note\n\n{PACKAGE} In addition, Canada imposed a tariff on cedar planks. "
        "Separately, Canada imposed a levy on walnut kernels.\n"
    )
    graph = extract(extractor, tmp_path, text)
    parts = named(graph, EdgeType.PART_OF)
    assert ("tariff on cedar planks", "new sanctions package against Mexico") in parts
    assert not any(part.startswith("levy") for part, _ in parts)
