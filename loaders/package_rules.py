"""Measures that are parts of a larger one: PART_OF from measure to package.

"As part of the 12th package" (a "part of" phrase whose object is a measure)
makes the sentence's other measures parts of it; "the package includes X"
makes X a part; and once a document has named a package, a sentence that
says it continues the package ("accordingly", "In addition", the lists of
`package_links`) makes its measures parts of that package, as the
conventions read stated package membership. "A raft of probes covering A, B
and C" names one measure per good, as the conventions read each member of a
package as a measure of its own.
"""

from __future__ import annotations

from dataclasses import replace

from loaders.dependencies import Match
from loaders.issuing_rules import Handler, IssuingRules, Relation, Role
from loaders.measures import MeasureRef
from loaders.mentions import Sentence
from loaders.reader import Actor
from loaders.syntax import with_conjuncts
from ontology.terms import EdgeType


class PackageRules(IssuingRules):
    """PART_OF between measures, within a sentence and from a package named earlier in the document."""

    def _handlers(self) -> dict[Relation, Handler]:
        return {**super()._handlers(), Relation.PART: self._part_match, Relation.PACKAGE: self._package_match}

    def _parts(self, s: Sentence, whole: MeasureRef, parts: list[MeasureRef]) -> None:
        """Each part is PART_OF the whole; a part of a package that names no target of its own targets the
        package's (each quota or ban of a sanctions package targets what the package targets)."""
        for part in parts:
            if part is whole or part.law or (whole.start <= part.start and part.end <= whole.end):
                continue
            self._fact(s, EdgeType.PART_OF, part, whole)
            whole.used = True
            if not part.targets and not part.change and self._is_package(whole, s):
                part.targets = list(whole.targets)
                for target in part.targets:
                    self._fact(s, EdgeType.TARGETS, part, target)

    def _is_package(self, ref: MeasureRef, s: Sentence) -> bool:
        heads = self._words("package_heads")
        return any(word in heads for word in ref.name.lower().split())

    def _part_match(self, s: Sentence, actors: list[Actor], refs: list[MeasureRef], match: Match[Relation]) -> None:
        whole = self._measure_at(s, refs, match.tokens[Role.OBJECT])
        if whole is None or whole.law:
            return
        self._parts(s, whole, [r for r in refs if not r.anaphor])

    def _package_match(self, s: Sentence, actors: list[Actor], refs: list[MeasureRef], match: Match[Relation]) -> None:
        whole = self._ref_at(s, refs, match.tokens[Role.AGENT])
        if whole is None and self.package is not None:
            whole = self.package
        if whole is None:
            return
        self._parts(s, whole, self._refs_at(s, refs, with_conjuncts(match.tokens[Role.OBJECT])))

    def _package_links(self, s: Sentence, refs: list[MeasureRef]) -> None:
        """Remember the package a sentence names; a sentence continuing it adds its measures to it."""
        packages = [r for r in refs if not r.anaphor and self._is_package(r, s)]
        if packages:
            self.package = packages[-1]
            return
        if self.package is None:
            return
        words = " ".join(t.lower_ for t in s.span)
        links = self._words("package_links")
        if any(f" {link} " in f" {words} " for link in links):
            self._parts(s, self.package, [r for r in refs if not r.anaphor])

    def _series(self, s: Sentence, refs: list[MeasureRef]) -> None:
        """ "A raft of anti-subsidy probes covering A, B and C": one measure per good covered, each with
        everything else the sentence says of the series (issuers, targets, date)."""
        for ref in refs:
            if len(ref.covers) < 2 or ref.instrument or ref.law or ref.change or ref.anaphor:
                continue
            head = next((t for t in s.span if s.offset + t.idx + len(t) == ref.end), None)
            of = head.head if head is not None else None
            if of is None or head.tag_ not in ("NNS", "NNPS") or of.lower_ != "of":
                continue
            if of.head.lemma_ not in self._words("collective_heads") or of.head.i >= head.i:
                continue
            # The wording up to its head, in the singular: "anti-dumping investigation" of each good.
            one = ref.name[: s.offset + head.idx - ref.start] + head.lemma_
            names = {i: self.nodes[i].name if i in self.nodes else i for i in ref.covers}
            parts = {
                item: replace(
                    ref,
                    name=f"{one} on {names[item]}",
                    covers=[item],
                    issuers=list(ref.issuers),
                    targets=list(ref.targets),
                    spans=[],
                    aliases=[],
                    resolved=[],
                )
                for item in ref.covers
            }
            facts = []
            for fact in self.facts:
                if fact.source is ref and fact.type is EdgeType.COVERS:
                    facts += [replace(fact, source=parts[fact.target])] if fact.target in parts else []
                elif fact.source is ref or fact.target is ref:
                    facts += [
                        replace(
                            fact,
                            source=p if fact.source is ref else fact.source,
                            target=p if fact.target is ref else fact.target,
                        )
                        for p in parts.values()
                    ]
                else:
                    facts.append(fact)
            self.facts = facts
            at = self.measures.index(ref)
            self.measures[at : at + 1] = list(parts.values())
