"""Extraction speed: the whole extractor against the spaCy pipeline it runs, over the same text.

The baseline is the extractor's own pipeline object (`Extractor().finder.nlp`),
not a second copy, so a change of model changes both sides alike; its
`nlp.pipe` runs over the same paragraphs the extractor reads. The ratio is what
the rules, the date parsing and the resolution cost on top of the pipeline.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from bench.figures import Figure, ratio_figure, side_by_side
from loaders.documents import SourceDocument, discover, read_documents
from loaders.extract import Extractor

FAMILY = "Extraction"
#: The issue-6 bar: a 1,000-word article is read well under a second on 2 cores.
ARTICLE_WORDS = 1000
ARTICLE_SECONDS = 1.0


def documents(folder: Path) -> list[SourceDocument]:
    """The readable documents of a folder, with its manifest when it has one."""
    manifest = folder / "manifest.jsonl"
    manifest_path = manifest if manifest.exists() else None
    files, _ = discover([folder], manifest_path)
    docs = [doc for _, doc in read_documents(files, manifest_path)]
    return [doc for doc in docs if isinstance(doc, SourceDocument)]


def paragraphs(doc: SourceDocument) -> list[str]:
    """The text the extractor hands its pipeline: the body before any comment section, line by line."""
    return [m.group(0) for m in re.finditer(r"[^\n]+", doc.text[: doc.comment_start]) if m.group(0).strip()]


def words(docs: list[SourceDocument]) -> int:
    """Whitespace-separated words of the text both sides read."""
    return sum(len(p.split()) for doc in docs for p in paragraphs(doc))


def throughput(extractor: Extractor, docs: list[SourceDocument], where: str, reps: int) -> Figure:
    """Words/s of `extract` over `docs` against words/s of the pipeline's `nlp.pipe` over the same paragraphs."""
    nlp = extractor.finder.nlp
    texts = [p for doc in docs for p in paragraphs(doc)]
    count = words(docs)

    def extract(_: int) -> None:
        for doc in docs:
            extractor.extract(doc)

    def pipe(_: int) -> None:
        for _doc in nlp.pipe(texts):
            pass

    extract_s, pipe_s = side_by_side(extract, pipe, reps)
    return ratio_figure(
        FAMILY,
        "extraction words/s",
        scale=f"{where} ({len(docs)} documents, {count:,} words)",
        unit="words/s",
        value=count / extract_s,
        baseline="nlp.pipe words/s, same pipeline and text",
        baseline_value=count / pipe_s,
        check=">=",
        bound=0.5,
    )


def article(extractor: Extractor, corpus: list[SourceDocument], reps: int) -> Figure:
    """Seconds to extract one 1,000-word article made of the corpus's paragraphs, read as a user's file is."""
    taken: list[str] = []
    wanted = ARTICLE_WORDS
    for paragraph in (p for doc in corpus for p in paragraphs(doc)):
        words_of = paragraph.split()
        taken.append(" ".join(words_of[:wanted]))
        wanted -= len(words_of[:wanted])
        if not wanted:
            break
    text = "\n\n".join(taken)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.txt"
        path.write_text(text + "\n", encoding="utf-8")
        [(_, doc)] = list(read_documents([path], None))
    assert isinstance(doc, SourceDocument), doc
    count = words([doc])
    nlp = extractor.finder.nlp
    texts = paragraphs(doc)
    extract_s, pipe_s = side_by_side(lambda _: extractor.extract(doc), lambda _: list(nlp.pipe(texts)), reps)
    return Figure(
        family=FAMILY,
        name="one 1,000-word article",
        scale=f"{count:,} words from corpus/",
        unit="s",
        value=extract_s,
        baseline="nlp.pipe over the same text (s)",
        baseline_value=pipe_s,
        ratio=extract_s / pipe_s,
        target=f"value <= {ARTICLE_SECONDS:g}",
        met=extract_s <= ARTICLE_SECONDS,
        note="the issue-6 bar: well under a second on 2 cores",
    )


def run(corpus: Path, seeds: Path | None, reps: int) -> list[Figure]:
    """The extraction rows: corpus/, the seeds (when ../shared is there), and the 1,000-word article."""
    extractor = Extractor()
    corpus_docs = documents(corpus)
    figures = [throughput(extractor, corpus_docs, "corpus/", reps)]
    if seeds is not None and seeds.is_dir():
        figures.append(throughput(extractor, documents(seeds), "seeds", reps))
    figures.append(article(extractor, corpus_docs, reps))
    return figures
