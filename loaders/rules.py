"""Relation rules: what a sentence's mentions say about each other.

Each rule reads the ordered mentions of one sentence (`loaders.mentions`) and
the words between them: who holds which post, who issued, proposed or
suspended which measure, what a measure covers and targets, who met whom and
when, what a meeting discussed, who reported what, what belongs to what. The
trigger words are data (`patterns/lexicon.json`); the rules only say how
positions relate. `DocumentReader` keeps what one document has said so far:
the officials named (so "Wang" or "he" can refer back), the states mentioned
(for "both sides"), and the last meeting (for what its participants said next).
"""

from __future__ import annotations

from loaders.actor_rules import ActorRules
from loaders.meeting_rules import MeetingRules
from loaders.mentions import Sentence
from loaders.package_rules import PackageRules
from loaders.relation_rules import RelationRules


class DocumentReader(ActorRules, PackageRules, MeetingRules, RelationRules):
    """Reads one document sentence by sentence and collects nodes, measure and meeting references, and facts."""

    def read(self, s: Sentence) -> None:
        """Apply every rule to one sentence."""
        actors = self._actors(s)
        self._posts(s, actors)
        refs = self._measures(s, actors)
        meetings = self._meetings(s, actors)
        self._dependencies(s, actors, refs)
        self._verbs(s, actors, refs)
        self._settle_responses(s)
        self._package_links(s, refs)
        self._responses(s, refs, meetings)
        self._bases(s, refs)
        self._reports(s, actors, refs, meetings)
        self._parsed_reports(s, actors, refs, meetings)
        self._part_of(s, actors)
        self._parsed_parts(s, actors)
        self._discussed(s, actors, refs, meetings)
        self._enumeration(s, actors, refs)
        self._sectors(s)
        self._item_nodes(s)
        self._series(s, refs)
