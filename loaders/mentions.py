"""What one sentence mentions: actors, items, measures, meetings, dates and trigger words.

The pinned trained spaCy pipeline (`loaders.model`: tagger, dependency parser,
named-entity recogniser) splits sentences and parses them; an EntityRuler fed by
the gazetteer, placed after the recogniser, finds names and domain phrases and
wins where both claim a stretch; the recogniser's PERSON, ORG, GPE and NORP
entities stay as open-vocabulary mentions of actors no gazetteer lists. Regular
expressions from `patterns/lexicon.json` find instruments ("Announcement No.
21"), laws and named groups ("28 U.S. entities"); `loaders.dates` finds dates.
Each `Sentence` keeps its parsed spaCy `Span`, so rules can read arcs, entity
labels and noun chunks, beside an ordered list of `Mention`s labelled by `Label`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from loaders.dates import find_dates
from loaders.gazetteer import Gazetteer
from loaders.model import load_pipeline

#: A list item's marker opening a line: a bullet, a dash or a number; the parser reads the item without it.
LIST_MARK = re.compile(r"^\s*(?:[•·▪◦*–—-]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+")
#: Trigger families of the lexicon that are matched as words, not entities.
TRIGGERS = (
    "issue_verbs",
    "suspend_verbs",
    "propose_verbs",
    "ban_verbs",
    "respond_phrases",
    "basis_phrases",
    "report_before",
    "report_after",
    "part_of_phrases",
    "delegation_phrases",
    "clause_breaks",
    "pronouns",
)


class Label(StrEnum):
    """What a mention is: a gazetteer name, a domain phrase, a regex find, a trigger family or a recognised entity."""

    ACTOR = "ACTOR"
    ITEM = "ITEM"
    CTX = "CTX"
    ADJ = "ADJ"
    TITLE = "TITLE"
    MEASURE = "MEASURE"
    MEETING = "MEETING"
    ANAPHOR = "ANAPHOR"
    MODIFY = "MODIFY"
    NONMEASURE = "NONMEASURE"
    PAIR = "PAIR"
    INSTRUMENT = "INSTRUMENT"
    LAW = "LAW"
    GROUP = "GROUP"
    DATE = "DATE"
    ISSUE_VERBS = "issue_verbs"
    SUSPEND_VERBS = "suspend_verbs"
    PROPOSE_VERBS = "propose_verbs"
    BAN_VERBS = "ban_verbs"
    RESPOND_PHRASES = "respond_phrases"
    BASIS_PHRASES = "basis_phrases"
    REPORT_BEFORE = "report_before"
    REPORT_AFTER = "report_after"
    PART_OF_PHRASES = "part_of_phrases"
    DELEGATION_PHRASES = "delegation_phrases"
    CLAUSE_BREAKS = "clause_breaks"
    PRONOUNS = "pronouns"
    MEET_VERBS = "meet_verbs"
    #: Named entities of the trained recogniser that no gazetteer pattern claimed.
    PERSON = "PERSON"
    ORG = "ORG"
    GPE = "GPE"
    NORP = "NORP"


#: The recogniser's entity labels kept as mentions; the others (DATE, LAW, CARDINAL...) are read by our own rules.
NAMED = frozenset({Label.PERSON, Label.ORG, Label.GPE, Label.NORP})


@dataclass
class Mention:
    """A recognised stretch of a sentence: `label` says what it is, `ident` which one."""

    label: Label
    ident: str
    start: int
    end: int
    text: str
    token: int
    token_end: int
    extra: dict = field(default_factory=dict)


@dataclass
class Sentence:
    """A sentence with its absolute character span, its parse, and what it mentions, in text order.

    `span` is the parsed spaCy sentence; `offset` is where its paragraph starts in the
    document, so a token's document offset is `offset + token.idx`.
    """

    start: int
    end: int
    text: str
    mentions: list[Mention]
    words: list[str]
    span: Span
    offset: int
    #: An item of a list: its line opened with a bullet, a dash or a number (read without it).
    listed: bool = False

    def of(self, *labels: Label) -> list[Mention]:
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


@Language.component("policygraph_keep_entities_v1")
def keep_entities(doc: Doc) -> Doc:
    """Keep the recogniser's entities in `doc.spans["ner"]` before the gazetteer's ruler overwrites them,
    so that an organisation named after its state ("the Cyberspace Administration of China") survives."""
    doc.spans["ner"] = list(doc.ents)
    return doc


def build_pipeline(gaz: Gazetteer) -> tuple[Language, PhraseMatcher]:
    """The trained pipeline with the abbreviation guard before its parser and the gazetteer's EntityRuler after
    its recogniser, plus the trigger matcher."""
    nlp = load_pipeline()
    nlp.add_pipe("policygraph_abbreviations_v1", config={"abbreviations": gaz.lexicon.abbreviations}, before="parser")
    nlp.add_pipe("policygraph_keep_entities_v1", after="ner")
    ruler = nlp.add_pipe(
        "entity_ruler", config={"validate": True, "overwrite_ents": True}, after="policygraph_keep_entities_v1"
    )
    ruler.add_patterns(gaz.ruler_patterns(nlp))
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for family in TRIGGERS:
        matcher.add(family, [nlp.make_doc(p) for p in gaz.lexicon.family(family)])
    for phrase, kind in gaz.lexicon.meet_verbs.items():
        matcher.add(f"meet_verbs:{kind}", [nlp.make_doc(phrase)])
    return nlp, matcher


class MentionFinder:
    """Turns a block of text into `Sentence`s with their mentions."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.nlp, self.matcher = build_pipeline(gaz)
        #: Issuing verbs by lemma, in any inflection; marked so the rules require a measure as their object.
        self.lemmas = Matcher(self.nlp.vocab, validate=True)
        self.lemmas.add("issue_verbs", [[{"LEMMA": {"IN": gaz.lexicon.issue_lemmas}, "POS": {"IN": ["VERB"]}}]])
        lex = gaz.lexicon
        self.instrument = re.compile(lex.instrument_regex)
        self.law = re.compile(lex.law_regex)
        self.group = re.compile(lex.group_regex)
        #: "BUSAN, South Korea - ": a dateline is metadata, and what it names is no fact.
        self.dateline = re.compile(lex.dateline_regex)

    def paragraphs(self, blocks: Iterable[tuple[str, int]], published: date | None) -> list[list[Sentence]]:
        """The sentences of each paragraph, given as (text, offset in the document), parsed in one pass."""
        blocks = list(blocks)
        docs = self.nlp.pipe(LIST_MARK.sub(lambda m: " " * len(m.group(0)), text, count=1) for text, _ in blocks)
        out = []
        acronyms: dict[str, str] = {}
        for doc, (text, offset) in zip(docs, blocks, strict=True):
            sentences = self._sentences(doc, offset, published, acronyms)
            if sentences and LIST_MARK.match(text):
                sentences[0].listed = True
            out.append(sentences)
        return out

    def _sentences(self, doc: Doc, offset: int, published: date | None, acronyms: dict[str, str]) -> list[Sentence]:
        """The sentences of one parsed paragraph; `offset` is where the paragraph starts in the document.
        `acronyms` holds the measure acronyms the document has defined so far, and gains this paragraph's."""
        triggers = [(doc.vocab.strings[mid], s, e) for mid, s, e in self.matcher(doc)]
        acronym_kinds = _measure_acronyms(doc, acronyms)
        phrased = {s for _, s, _ in triggers}
        by_lemma = [(doc.vocab.strings[mid], s, e) for mid, s, e in self.lemmas(doc) if s not in phrased]
        lemma_starts = {s for _, s, _ in by_lemma}
        triggers += by_lemma
        out = []
        for sent in doc.sents:
            text = sent.text.strip()
            if not text:
                continue
            ents = [
                e
                for e in sent.ents
                if e.label_ not in _DROPPED and not set(range(e.start, e.end)) & acronym_kinds.keys()
            ]
            mentions = [self._entity(ent, offset) for ent in ents]
            mentions += [
                Mention(
                    Label.MEASURE, kind, offset + doc[i].idx, offset + doc[i].idx + len(doc[i]), doc[i].text, i, i + 1
                )
                for i, kind in acronym_kinds.items()
                if sent.start <= i < sent.end
            ]
            taken = {i for m in mentions for i in range(m.token, m.token_end)}
            for family, s, e in triggers:
                if sent.start <= s and e <= sent.end and not taken.intersection(range(s, e)):
                    span = doc[s:e]
                    label, _, ident = family.partition(":")
                    mentions.append(
                        Mention(
                            Label(label),
                            ident,
                            offset + span.start_char,
                            offset + span.end_char,
                            span.text,
                            s,
                            e,
                            {"by_lemma": True} if s in lemma_starts else {},
                        )
                    )
            bodies = self._named_bodies(sent, offset)
            mentions = [
                m
                for m in mentions
                if not any(b.start <= m.start and m.end <= b.end for b in bodies) or m.label in (Label.ACTOR, Label.ADJ)
            ]
            mentions += bodies
            found = self._regex_mentions(sent, offset, published)
            mentions = [
                m
                for m in mentions
                if m.label not in NAMED or m in bodies or not any(f.start < m.end and m.start < f.end for f in found)
            ]
            mentions += found
            dateline = self.dateline.match(sent.text)
            if dateline:
                mentions = [m for m in mentions if m.start >= offset + sent.start_char + dateline.end()]
            mentions.sort(key=lambda m: (m.start, -m.end))
            start = offset + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            words = [t.text for t in sent]
            out.append(Sentence(start, start + len(text), text, _dedupe(mentions), words, sent, offset))
        return out

    def _named_bodies(self, sent: Span, offset: int) -> list[Mention]:
        """Organisations the recogniser found whose name holds a name the ruler took ("Bank of Freedonia",
        "the Export Review Office"): a body by its head word, kept whole beside the states inside it."""
        heads = self.gaz.words("ministry_heads") | self.gaz.words("company_heads") | self.gaz.words("legislature_heads")
        out = []
        for span in sent.doc.spans["ner"]:
            if span.label_ not in ("ORG", "PERSON") or not (sent.start <= span.start and span.end <= sent.end):
                continue
            inner = [e for e in sent.ents if e.start < span.end and span.start < e.end]
            if not inner or any(e.start < span.start or e.end > span.end for e in inner):
                continue
            if (inner[0].start, inner[-1].end) == (span.start, span.end):
                continue
            states_only = all(e.label_ == "ADJ" or self.gaz.state_of(e.ent_id_) == e.ent_id_ for e in inner)
            # "Acme Belgium": a name before a state it ends with is an organisation named after its country.
            named_after = states_only and inner[-1].end == span.end and span[0].pos_ == "PROPN"
            # "the Agency for Export Licensing": a governmental head keeps a name whole over the domain words in it.
            governmental = all(e.label_ in ("MEASURE", "ITEM", "MODIFY") for e in inner) and {
                t.lower_ for t in span
            } & set(self.gaz.words("ministry_heads"))
            if named_after or (
                span.label_ == "ORG"
                and (
                    governmental
                    or span[-1].lower_ in self.gaz.words("ministry_heads")
                    or (states_only and {t.lower_ for t in span} & heads)
                )
            ):
                out.append(replace(self._entity(span, offset), label=Label.ORG))
        return out

    def _entity(self, ent: Span, offset: int) -> Mention:
        return Mention(
            Label(ent.label_), ent.ent_id_, offset + ent.start_char, offset + ent.end_char, ent.text, ent.start, ent.end
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

        def add(label: Label, ident: str, s: int, e: int, **extra: object) -> None:
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
            add(Label.INSTRUMENT, word, *match.span(), numbers=numbers)
        instruments = [(m.start - offset - base, m.end - offset - base) for m in found if m.label is Label.INSTRUMENT]
        stop_words = self.gaz.words("stop_words")
        for match in self.law.finditer(sent.text):
            if any(a < match.end("name") and match.start("name") < b for a, b in instruments):
                continue  # "Order No. 4" is an instrument, not the end of a law's name
            name, start = match.group("name"), match.start("name")
            # "In Order No. 9 ...": a capitalised function word opens the sentence, not a law's name.
            while name.split(" ", 1)[0].lower() in stop_words and " " in name:
                first = name.split(" ", 1)[0]
                name, start = name[len(first) + 1 :], start + len(first) + 1
            if " " in name:
                add(Label.LAW, name, start, match.end("name"))
        for match in self.group.finditer(sent.text):
            add(Label.GROUP, match.group(0), *match.span(), who=match.group("who"))
        for mention in find_dates(sent.text, published):
            add(Label.DATE, mention.value or "", mention.start, mention.end)
        return found


#: Recogniser labels our own rules read better (dates, laws, numbers) or that name no actor.
_DROPPED = frozenset(
    {"DATE", "TIME", "LAW", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY", "FAC", "LOC", "PRODUCT"}
    | {"EVENT", "WORK_OF_ART", "LANGUAGE"}
)


def _measure_acronyms(doc: Doc, acronyms: dict[str, str]) -> dict[int, str]:
    """ "A price floor (PF) ... the PF": an acronym a measure head defines in parentheses names that
    measure wherever the document uses it after, where the recogniser may take it for an organisation. Returns
    the kind of each token that is such a use; `acronyms` gains the paragraph's definitions."""
    defined = set()
    for ent in doc.ents:
        end = ent.end
        if (
            ent.label_ == Label.MEASURE.value
            and end + 2 < len(doc)
            and doc[end].text == "("
            and doc[end + 2].text == ")"
        ):
            word = doc[end + 1].text
            if word.isupper() and 2 <= len(word) <= 6:
                acronyms[word] = ent.ent_id_
                defined.add(end + 1)
    return {t.i: acronyms[t.text] for t in doc if t.text in acronyms and t.i not in defined}


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    """Drop mentions nested inside a longer one found by another means (a regex inside a name)."""
    kept: list[Mention] = []
    for m in mentions:
        within = [k for k in kept if k.start <= m.start and m.end <= k.end and (k.start, k.end) != (m.start, m.end)]
        inside_body = all(k.label is Label.ORG for k in within) and m.label in (Label.ACTOR, Label.ADJ)
        if within and m.label is not Label.DATE and not inside_body:
            continue
        kept.append(m)
    return kept
