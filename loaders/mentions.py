"""What one sentence mentions: actors, items, measures, meetings, dates and trigger words.

The spaCy pipeline (a blank English tokenizer, a sentencizer and an
EntityRuler fed by the gazetteer) finds names and domain phrases; regular
expressions from `patterns/lexicon.json` find instruments ("Announcement No.
21"), laws and named groups ("28 U.S. entities"); `loaders.dates` finds dates.
The result is a flat, ordered list of `Mention`s per sentence, which the
relation rules in `loaders.rules` read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from loaders.dates import find_dates
from loaders.gazetteer import Gazetteer

#: Trigger families of the lexicon that are matched as words, not entities.
TRIGGERS = (
    "issue_verbs",
    "suspend_verbs",
    "propose_verbs",
    "ban_verbs",
    "respond_phrases",
    "report_before",
    "report_after",
    "part_of_phrases",
    "delegation_phrases",
    "clause_breaks",
    "pronouns",
)


@dataclass
class Mention:
    """A recognised stretch of a sentence: `label` says what it is, `ident` which one."""

    label: str
    ident: str
    start: int
    end: int
    text: str
    token: int
    token_end: int
    extra: dict = field(default_factory=dict)


@dataclass
class Sentence:
    """A sentence with its absolute character span and what it mentions, in text order."""

    start: int
    end: int
    text: str
    mentions: list[Mention]
    words: list[str]

    def of(self, *labels: str) -> list[Mention]:
        """The mentions with one of these labels, in order."""
        return [m for m in self.mentions if m.label in labels]


@Language.factory("policygraph_abbreviations_v1", default_config={"abbreviations": []})
def make_abbreviation_guard(nlp: Language, name: str, abbreviations: list[str]) -> Callable[[Doc], Doc]:
    """A component that keeps "No. 21" or "U.S. entities" in one sentence; runs before the sentencizer."""
    words = {a.rstrip(".") for a in abbreviations} | set(abbreviations)

    def guard(doc: Doc) -> Doc:
        for token in doc[1:]:
            previous = doc[token.i - 1]
            if previous.text in words or (previous.text == "." and token.i > 1 and doc[token.i - 2].text in words):
                token.is_sent_start = False
        return doc

    return guard


def build_pipeline(gaz: Gazetteer) -> tuple[Language, PhraseMatcher]:
    """A blank English pipeline with sentence splitting and the gazetteer's EntityRuler, plus the trigger matcher."""
    nlp = spacy.blank("en")
    nlp.add_pipe("policygraph_abbreviations_v1", config={"abbreviations": gaz.lexicon["abbreviations"]})
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler", config={"validate": True, "overwrite_ents": True})
    ruler.add_patterns(gaz.ruler_patterns(nlp))
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for family in TRIGGERS:
        matcher.add(family, [nlp.make_doc(p) for p in gaz.lexicon[family]])
    for phrase, kind in gaz.lexicon["meet_verbs"].items():
        matcher.add(f"meet_verbs:{kind}", [nlp.make_doc(phrase)])
    return nlp, matcher


class MentionFinder:
    """Turns a block of text into `Sentence`s with their mentions."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.nlp, self.matcher = build_pipeline(gaz)
        lex = gaz.lexicon
        self.instrument = re.compile(lex["instrument_regex"])
        self.law = re.compile(lex["law_regex"])
        self.group = re.compile(lex["group_regex"])
        #: "BUSAN, South Korea - ": a dateline is metadata, and what it names is no fact.
        self.dateline = re.compile(lex["dateline_regex"])

    def sentences(self, block: str, offset: int, published: date | None) -> list[Sentence]:
        """The sentences of one paragraph; `offset` is where the paragraph starts in the document."""
        doc = self.nlp(block)
        triggers = [(doc.vocab.strings[mid], s, e) for mid, s, e in self.matcher(doc)]
        out = []
        for sent in doc.sents:
            text = sent.text.strip()
            if not text:
                continue
            mentions = [self._entity(ent, offset) for ent in sent.ents]
            taken = {i for m in mentions for i in range(m.token, m.token_end)}
            for family, s, e in triggers:
                if sent.start <= s and e <= sent.end and not taken.intersection(range(s, e)):
                    span = doc[s:e]
                    label, _, ident = family.partition(":")
                    mentions.append(
                        Mention(label, ident, offset + span.start_char, offset + span.end_char, span.text, s, e)
                    )
            mentions += self._regex_mentions(sent, offset, published)
            dateline = self.dateline.match(sent.text)
            if dateline:
                mentions = [m for m in mentions if m.start >= offset + sent.start_char + dateline.end()]
            mentions.sort(key=lambda m: (m.start, -m.end))
            start = offset + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            out.append(Sentence(start, start + len(text), text, _dedupe(mentions), [t.text for t in sent]))
        return out

    def _entity(self, ent: Span, offset: int) -> Mention:
        return Mention(
            ent.label_, ent.ent_id_, offset + ent.start_char, offset + ent.end_char, ent.text, ent.start, ent.end
        )

    def _regex_mentions(self, sent: Span, offset: int, published: date | None) -> list[Mention]:
        """Instruments, laws, groups and dates, with token positions mapped from characters."""
        base = sent.start_char
        found = []

        def token_at(char: int) -> int:
            for token in sent:
                if token.idx + len(token.text) > char:
                    return token.i
            return sent.end

        def add(label: str, ident: str, s: int, e: int, **extra: object) -> None:
            found.append(
                Mention(
                    label,
                    ident,
                    offset + base + s,
                    offset + base + e,
                    sent.text[s:e],
                    token_at(base + s),
                    token_at(base + e - 1) + 1,
                    dict(extra),
                )
            )

        for match in self.instrument.finditer(sent.text):
            numbers = re.findall(r"\d+(?:\s+of\s+(?:19|20)\d\d)?", match.group("numbers"))
            word = match.group("word").rstrip("s")
            add("INSTRUMENT", word, *match.span(), numbers=numbers)
        for match in self.law.finditer(sent.text):
            add("LAW", match.group("name"), *match.span("name"))
        for match in self.group.finditer(sent.text):
            add("GROUP", match.group(0), *match.span(), who=match.group("who"))
        for mention in find_dates(sent.text, published):
            add("DATE", mention.value or "", mention.start, mention.end)
        return found


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    """Drop mentions nested inside a longer one found by another means (a regex inside a name)."""
    kept: list[Mention] = []
    for m in mentions:
        nested = any(k.start <= m.start and m.end <= k.end and (k.start, k.end) != (m.start, m.end) for k in kept)
        if nested and m.label != "DATE":
            continue
        kept.append(m)
    return kept
