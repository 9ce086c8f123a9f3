"""Write `ontology/terms.py`, the Python mirror of the Turtle ontology.

Run `python -m ontology.generate` after editing `policygraph.ttl`;
`python -m ontology.generate --check` exits 1 when the mirror is stale
(the test suite runs the same check).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ontology.model import Ontology, load_ontology

TERMS_FILE = Path(__file__).with_name("terms.py")


def _constant(name: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])", "_", name).upper()


def _enum(name: str, doc: str, members: list[str]) -> list[str]:
    lines = [f"class {name}(StrEnum):", f'    """{doc}"""', ""]
    lines += [f'    {_constant(m)} = "{m}"' for m in members]
    return [*lines, "", ""]


def _wrap(opening: str, items: list[str], closing: str) -> str:
    """One line where it fits, else one item a line, as `ruff format` would write it."""
    line = opening + ", ".join(items) + ("," if len(items) == 1 and opening == "(" else "") + closing
    if len(line) <= 80:
        return line
    return opening + "\n" + "".join(f"        {item},\n" for item in items) + "    " + closing


def _strings(names: tuple[str, ...]) -> str:
    return _wrap("(", [f'"{n}"' for n in names], ")")


def _types(kind: str, names: tuple[str, ...]) -> str:
    return _wrap("frozenset({", [f"{kind}.{_constant(n)}" for n in names], "})")


def render(onto: Ontology) -> str:
    """The full text of terms.py for this ontology."""
    out = [
        '"""The vocabulary of shared/CONTRACT.md as Python enums and tables.',
        "",
        "Generated from ontology/policygraph.ttl by `python -m ontology.generate`; do not edit.",
        '"""',
        "",
        "from enum import StrEnum",
        "",
        "CONTRACT_VERSION = 1",
        "",
        "",
    ]
    out += _enum("NodeType", "Node types: each is a class of the ontology.", list(onto.node_types))
    out += _enum("EdgeType", "Edge types: each is an object property of the ontology.", list(onto.edge_types))
    for vl in onto.value_lists:
        out += _enum(vl.name, f"Values of `{vl.attribute}` on {vl.on}.", list(vl.values))
    out.append("EDGE_SOURCES: dict[EdgeType, frozenset[NodeType]] = {")
    out += [f"    EdgeType.{_constant(e.name)}: {_types('NodeType', e.sources)}," for e in onto.edge_types.values()]
    out += ["}", "", "EDGE_TARGETS: dict[EdgeType, frozenset[NodeType]] = {"]
    out += [f"    EdgeType.{_constant(e.name)}: {_types('NodeType', e.targets)}," for e in onto.edge_types.values()]
    out += ["}", "", "NODE_ATTRIBUTES: dict[NodeType, tuple[str, ...]] = {"]
    for name, attrs in onto.node_attributes.items():
        out.append(f"    NodeType.{_constant(name)}: {_strings(attrs)},")
    out += ["}", "", "EDGE_ATTRIBUTES: dict[EdgeType, tuple[str, ...]] = {"]
    for e in onto.edge_types.values():
        out.append(f"    EdgeType.{_constant(e.name)}: {_strings(e.attributes)},")
    out += ["}", "", "VALUE_LISTS: dict[tuple[str, str], type[StrEnum]] = {"]
    out += [f'    ("{vl.on}", "{vl.attribute}"): {vl.name},' for vl in onto.value_lists]
    out += ["}", ""]
    return "\n".join(out)


def main(argv: list[str]) -> int:
    """Write the mirror, or with --check report whether it is current."""
    text = render(load_ontology())
    if "--check" in argv:
        if TERMS_FILE.read_text(encoding="utf-8") != text:
            print(f"{TERMS_FILE} is stale: run python -m ontology.generate", file=sys.stderr)
            return 1
        return 0
    TERMS_FILE.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
