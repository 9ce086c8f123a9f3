"""The trained spaCy pipeline the reading layer parses with, and the pin that says which one it must be.

The pipeline (tagger, dependency parser, named-entity recogniser) is a real,
pinned dependency: `requirements-model.txt` names its version and wheel hash,
and `patterns/model.json` records the hash of every file it installs, so that
`installed_mismatches` can tell a different or altered model from the pinned one.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
from functools import cache
from pathlib import Path

import spacy
from pydantic import BaseModel, ConfigDict, Field
from spacy.language import Language

from ontology.errors import PolicyGraphError

PIN = Path(__file__).with_name("patterns") / "model.json"


class ModelMissing(PolicyGraphError):
    """The pinned spaCy pipeline is not installed (run `make setup`)."""

    title = "Language model missing"


class ModelPin(BaseModel):
    """Which pipeline distribution, at which version, with which installed files."""

    model_config = ConfigDict(extra="forbid")

    comment: str = Field(alias="_comment")
    distribution: str
    package: str
    version: str
    wheel_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    files: dict[str, str]


@cache
def pin() -> ModelPin:
    """The pin, validated when first read."""
    return ModelPin.model_validate_json(PIN.read_text(encoding="utf-8"))


def installed_mismatches(expected: ModelPin | None = None) -> list[str]:
    """Every pinned file missing or differing from the pin; empty when the installed model is the pinned one."""
    p = expected or pin()
    dist = importlib.metadata.distribution(p.distribution)
    problems = [f"version {dist.version} != {p.version}"] if dist.version != p.version else []
    for name, digest in p.files.items():
        path = Path(str(dist.locate_file(name)))
        if not path.is_file():
            problems.append(f"{name}: missing")
            continue
        actual = base64.urlsafe_b64encode(hashlib.sha256(path.read_bytes()).digest()).rstrip(b"=").decode()
        if actual != digest:
            problems.append(f"{name}: sha256 differs")
    return problems


def load_pipeline() -> Language:
    """A fresh copy of the pinned pipeline (each extractor adds its own gazetteer components)."""
    try:
        return spacy.load(pin().package)
    except OSError as error:
        raise ModelMissing(f"spaCy pipeline {pin().package!r} is not installed: run `make setup` ({error})") from error
