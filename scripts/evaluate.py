"""`make eval`: extraction scores on the seeds, the sample corpus and the dev corpus, overall and per document.

Each corpus is extracted in-process (as `policygraph extract` does) and scored
with the user's own scorer (`../shared/tools/score.py`), which is imported, not
copied. Per document, both graphs are cut down to what that document supports:
the predicted nodes mentioned in it and edges with evidence from it; the gold
edges with evidence from it and their endpoints (with the per-document gold
file where the corpus has one). Usage: `python scripts/evaluate.py [--json] [--misses]`;
`--misses` also lists each corpus's missed gold items, unmatched predictions and wrong attributes.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@dataclass(frozen=True)
class Corpus:
    """A folder of documents with its manifest, and the gold graph it is scored against."""

    name: str
    folder: Path
    gold: Path
    per_document_gold: Path | None = None


CORPORA = (
    Corpus("seeds", SHARED / "seeds", SHARED / "gold" / "seeds.json"),
    Corpus("corpus", REPO / "corpus", REPO / "tests" / "data" / "corpus_gold.json"),
    Corpus("dev", SHARED / "dev" / "docs", SHARED / "dev" / "gold.json", SHARED / "dev" / "gold"),
)


def scorer() -> ModuleType:
    """The shared scorer, loaded from its file."""
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {SHARED / 'tools' / 'score.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def extract(corpus: Corpus) -> dict[str, Any]:
    """The corpus's merged graph in the contract's export shape."""
    from api.service import extract_documents

    graph, _ = extract_documents([corpus.folder], corpus.folder / "manifest.jsonl")
    return json.loads(graph.model_dump_json())


def _key(document: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", document.lower().removeprefix("document:")).strip("-")


def _cut(graph: dict[str, Any], document: str, mentioned: bool) -> dict[str, Any]:
    """The part of a graph that one document supports."""
    edges = [
        e
        for e in graph["edges"]
        if e["type"] != "MENTIONED_IN" and any(_key(x["document"]) == document for x in e.get("evidence") or [])
    ]
    ids = {i for e in edges for i in (e["source"], e["target"])}
    if mentioned:
        ids |= {e["source"] for e in graph["edges"] if e["type"] == "MENTIONED_IN" and _key(e["target"]) == document}
    return {"nodes": [n for n in graph["nodes"] if n["id"] in ids], "edges": edges}


def _same_document(predicted: str, gold: str) -> bool:
    """A predicted document id names the gold's document: the same key, perhaps with a disambiguating suffix."""
    return predicted == gold or predicted.startswith(gold + "-")


def evaluate(corpus: Corpus, score: ModuleType) -> dict[str, Any]:
    """Overall and per-document reports for one corpus."""
    predicted = extract(corpus)
    gold = json.loads(corpus.gold.read_text(encoding="utf-8"))
    files = (
        {_key(p.stem): p for p in sorted(corpus.per_document_gold.glob("*.json"))} if corpus.per_document_gold else {}
    )
    gold_documents = set(files) | {_key(x["document"]) for e in gold["edges"] for x in e.get("evidence") or []}
    per_document = {}
    for document in sorted(_key(d["id"]) for d in predicted.get("documents", [])):
        own = max((g for g in gold_documents if _same_document(document, g)), key=len, default=None)
        if own is None:
            continue
        gold_doc = json.loads(files[own].read_text(encoding="utf-8")) if own in files else _cut(gold, own, False)
        per_document[own] = score.score(_cut(predicted, document, mentioned=True), gold_doc)
    overall = score.score(predicted, gold) | {"spurious_edges": _spurious(predicted, gold, score)}
    return {"overall": overall, "documents": per_document}


def _spurious(predicted: dict[str, Any], gold: dict[str, Any], score: ModuleType) -> list[str]:
    """Predicted edges the gold lacks, named by their predicted ids (the scorer counts them but does not list them)."""
    ignored_nodes, ignored_edges = score.IGNORED_NODE, score.IGNORED_EDGE
    nodes = [n for n in predicted["nodes"] if n.get("type") not in ignored_nodes]
    p2g, _ = score.match_nodes(
        nodes, [n for n in gold["nodes"] if n.get("type") not in ignored_nodes], predicted["edges"], gold["edges"]
    )
    keys = {(e["source"], e["type"], e["target"]) for e in gold["edges"]}
    return sorted(
        f"{e['source']} -{e['type']}-> {e['target']}"
        for e in predicted["edges"]
        if e["type"] not in ignored_edges and (p2g.get(e["source"]), e["type"], p2g.get(e["target"])) not in keys
    )


#: The lists `--misses` prints for each corpus.
MISS_LISTS = ("missing_nodes", "unmatched_predicted_nodes", "missing_edges", "spurious_edges", "wrong_attributes")


def _line(name: str, r: dict[str, Any]) -> str:
    return (
        f"{name:<58} node P {r['node_precision']:.2f} R {r['node_recall']:.2f} F1 {r['node_f1']:.2f}   "
        f"edge P {r['edge_precision']:.2f} R {r['edge_recall']:.2f} F1 {r['edge_f1']:.2f}"
    )


def _recall_by_type(r: dict[str, Any]) -> str:
    return "  ".join(f"{t} {v}" for t, v in r["node_recall_by_type"].items())


def _edge_recall_by_type(r: dict[str, Any]) -> str:
    counts: dict[str, list[int]] = {}
    for missing in r["missing_edges"]:
        counts.setdefault(missing.split(" -")[1].split("->")[0], [0])[0] += 1
    return "  ".join(f"{t} missing {n[0]}" for t, n in sorted(counts.items()))


def main(argv: list[str]) -> int:
    if not SHARED.is_dir():
        print(f"no shared folder at {SHARED}: the seeds and dev corpora live there", file=sys.stderr)
        return 2
    score = scorer()
    results = {c.name: evaluate(c, score) for c in CORPORA}
    if "--json" in argv:
        print(json.dumps(results, indent=1, ensure_ascii=False))
        return 0
    for name, result in results.items():
        overall = result["overall"]
        print(_line(f"== {name}", overall))
        print(f"   nodes found by type: {_recall_by_type(overall)}")
        print(f"   edges missed by type: {_edge_recall_by_type(overall)}")
        for document, r in result["documents"].items():
            print(_line(f"   {document[:55]}", r))
        if "--misses" in argv:
            for key in MISS_LISTS:
                print(f"   {key} ({len(overall[key])}):")
                print("".join(f"      {item}\n" for item in overall[key]), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
