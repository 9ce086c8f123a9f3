"""The reading layer parses with the pinned pipeline, and the installed model files are the pinned ones."""

from __future__ import annotations

from loaders.model import installed_mismatches, load_pipeline, pin


def test_installed_model_files_are_the_pinned_ones() -> None:
    assert installed_mismatches() == []


def test_a_file_that_differs_from_the_pin_is_reported() -> None:
    name, digest = next(iter(pin().files.items()))
    altered = pin().model_copy(update={"files": {name: digest[::-1], "missing/file": digest}})
    assert installed_mismatches(altered) == [f"{name}: sha256 differs", "missing/file: missing"]


def test_pinned_model_ships_its_licences() -> None:
    names = {name.rsplit("/", 1)[-1] for name in pin().files}
    assert {"LICENSE", "LICENSES_SOURCES"} <= names


def test_pipeline_has_a_parser_and_a_named_entity_recogniser() -> None:
    nlp = load_pipeline()
    doc = nlp("The Commerce Department placed Acme Corp on the list, Jane Doe said on Monday.")
    assert {"parser", "ner", "tagger"} <= set(nlp.pipe_names)
    assert any(t.dep_ == "nsubj" for t in doc)
    assert any(e.label_ == "ORG" for e in doc.ents)
