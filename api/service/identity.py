"""Merge judgements across documents: listing them and undoing one."""

from __future__ import annotations

from pathlib import Path

from graph import Store
from graph.judgements import read_judgements, record_judgements
from loaders.identity import split
from ontology.errors import InputError, NotFoundError
from ontology.judgements import Judgement, Rule, Verdict, judge


def merges(judgements: Path) -> list[Judgement]:
    """The judgements of identity in force (the latest on each pair), oldest first."""
    return read_judgements(judgements).in_force()


def undo_merge(store: Store, judgements: Path, judgement_id: str) -> Judgement:
    """Split a merge apart in the store and record a negative judgement, which later loads respect.

    The merged node comes back under its own id with the edges read from its
    documents (`loaders.identity.split`); the negative judgement is written first,
    so a crash before the store is changed leaves the pair apart for later loads.
    """
    found = read_judgements(judgements)
    merge = found.get(judgement_id)
    if merge is None:
        raise NotFoundError(f"no judgement with id {judgement_id!r}: `policygraph merges` lists them")
    if merge.verdict is not Verdict.POSITIVE or found.canonical(merge.merged) != merge.canonical:
        raise InputError(f"judgement {judgement_id!r} is not a merge in force, so there is nothing to undo")
    kept = store.linked(merge.canonical)
    if kept is None:
        raise NotFoundError(f"the store holds no node {merge.canonical!r}, which judgement {judgement_id!r} kept")
    undone = judge(
        Verdict.NEGATIVE,
        merge.canonical,
        merge.merged,
        merge.type,
        Rule.USER,
        f"undone by hand: {merge.names[-1] if merge.names else merge.merged!r} is not {kept.node.name!r}",
        names=merge.names,
        documents=merge.documents,
        undoes=merge.id,
    )
    record_judgements(judgements, [undone])
    store.replace([merge.canonical], split(kept.node, kept.edges, merge))
    return undone
