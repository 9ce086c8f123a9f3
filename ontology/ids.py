"""Deterministic node ids: the same thing gets the same id in every run and every store.

An id is `<type>:<key>`, where the key is a canonical key from the gazetteer
(e.g. `cn-mofcom`), a Wikidata id, or a key the extractor composes from what
identifies the thing (a measure's issuer, kind and date). Never the bare name
alone: two bodies called "Ministry of Commerce" in two states get two keys.
"""

from __future__ import annotations

import re
import unicodedata

from ontology.terms import NodeType


def fold(text: str) -> str:
    """Lower-case and strip accents, so "Šefčovič" and "sefcovic" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def slug(text: str) -> str:
    """A readable, URL-safe key: ascii letters, digits and single hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def tokens(text: str) -> list[str]:
    """The search tokens of a name: folded alphanumeric runs, in order."""
    return re.findall(r"[a-z0-9]+", fold(text))


def node_id(node_type: NodeType | str, key: str) -> str:
    """The id of the node of that type with that canonical key."""
    key_slug = slug(key)
    if not key_slug:
        raise ValueError(f"empty key for a {node_type} id: {key!r}")
    return f"{NodeType(node_type).lower()}:{key_slug}"
