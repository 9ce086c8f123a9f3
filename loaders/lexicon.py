"""The domain vocabulary of trade-policy reporting, as a validated model of `patterns/lexicon.json`.

Every word list the rules read lives in the data file, not in code; this model
says what each family holds and checks it when the file loads, so that a new
domain is a data change and a mistyped kind or a broken regex fails at once
instead of matching nothing.
"""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ontology.terms import MeasureKind, MeetingKind


class Change(StrEnum):
    """How one measure changes another."""

    EASING = "easing"
    TIGHTENING = "tightening"
    EXTENSION = "extension"
    EXPANSION = "expansion"
    REMOVAL = "removal"
    REPLACEMENT = "replacement"
    SUSPENSION = "suspension"


class TitleSpec(BaseModel):
    """A title of office and the body it names: an actor key, "state", "Ministry", or none (from context)."""

    model_config = ConfigDict(extra="forbid")

    title: str
    body: str | None = None


class Lexicon(BaseModel):
    """The word families of `patterns/lexicon.json`; phrases match case-insensitively on whole tokens."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    comment: str = Field(alias="_comment")
    measure_heads: dict[str, MeasureKind]
    non_measures: list[str]
    measure_anaphors: dict[str, MeasureKind | None]
    instrument_regex: str
    law_regex: str
    group_regex: str
    dateline_regex: str
    issue_verbs: list[str]
    #: Verbs that issue a measure in any inflection, read from the parse: they count only with a measure as object.
    issue_lemmas: list[str]
    #: Subjects that stand for the state a document is about ("the government said").
    government_words: list[str]
    suspend_verbs: list[str]
    propose_verbs: list[str]
    ban_verbs: list[str]
    ban_objects: list[str]
    modify_words: dict[str, Change]
    #: The kind a change of unknown kind makes ("easing" export controls is a licensing measure).
    change_kinds: dict[Change, MeasureKind]
    respond_phrases: list[str]
    #: Phrases that introduce the law or regulation a measure is issued under.
    basis_phrases: list[str]
    report_before: list[str]
    report_after: list[str]
    meeting_heads: dict[str, MeetingKind]
    meet_verbs: dict[str, MeetingKind]
    meeting_connectors: list[str]
    pair_phrases: list[str]
    pronouns: list[str]
    #: "the ministry", "the company": head words that refer back to the last body of that type
    #: ("Ministry", or an Entity kind), preferring one whose name holds the word.
    body_anaphors: dict[str, str]
    clause_breaks: list[str]
    titles: list[TitleSpec]
    #: Words of a title that name the office, not its portfolio ("Vice Minister of ..." leaves the portfolio).
    title_words: list[str]
    part_of_phrases: list[str]
    #: Verbs by lemma whose subject, a group, forum or bloc, has their objects as members ("which comprises A and B").
    membership_verbs: list[str]
    delegation_phrases: list[str]
    date_preps: list[str]
    #: Prepositions that date one event by another ("issued on Friday after three rounds of talks"): the clause's
    #: date is not the date of the event they introduce.
    temporal_prepositions: list[str]
    modifiers: list[str]
    abbreviations: list[str]
    not_nouns: list[str]
    name_stops: list[str]
    stop_words: list[str]
    cover_words: list[str]
    #: Prepositions after a measure head that introduce its target ("sanctions against X").
    target_prepositions: list[str]
    #: Prepositions and phrases after a measure head that introduce what it covers ("controls on X").
    item_prepositions: list[str]
    #: Nouns that say "goods of some kind" and give way to their modifier ("graphite products" is graphite).
    generic_item_heads: list[str]
    #: Quantifiers and evaluative words that open a goods phrase but are not part of the good's name.
    item_stop_modifiers: list[str]
    #: Nouns a measure may cover that are not goods (time, places, people, paperwork).
    non_items: list[str]
    #: Head words of governmental bodies the gazetteer does not know ("the Cyberspace Administration").
    ministry_heads: list[str]
    #: Name endings and head words of companies ("Acme Corp", "Acme Semiconductor").
    company_heads: list[str]
    #: Nouns that say the name beside them is a company ("the chipmaker X", "X products", "a subsidiary of X").
    company_nouns: list[str]
    #: Head words of legislatures, which are Entities of kind other, not Ministries ("the Verkhovna Rada").
    legislature_heads: list[str]
    #: Words of public finance that make a state-named corporation a governmental body ("... Development Finance
    #: Corporation", "Export-Import Bank of ...").
    public_finance_words: list[str]
    #: Modifiers of a governmental head word that name no portfolio ("the news agency", "a government office").
    non_portfolio_words: list[str]
    #: How a state's name becomes its demonym: a name ending in the first string ("" for a consonant) takes the
    #: second in its place ("Chile" -> "Chilean", "Brazil" -> "Brazilian"); states.jsonl lists the irregular ones.
    demonym_endings: list[tuple[str, str]]
    #: IUPAC names of elements whose US spelling periodictable uses; the US spelling stays an alias.
    iupac_element_names: dict[str, str]
    #: Words in a measure's phrase that say what it is about, for telling measures apart.
    topics: dict[str, list[str]]

    @field_validator("instrument_regex", "law_regex", "group_regex", "dateline_regex")
    @classmethod
    def _compiles(cls, value: str) -> str:
        re.compile(value)
        return value

    @classmethod
    def load(cls, path: Path) -> Lexicon:
        """Read and validate the file; a bad entry fails with the field it is in."""
        return cls.model_validate_json(path.read_text(encoding="utf-8"))

    def family(self, name: str) -> list[str]:
        """A word family by name (the trigger families the matcher reads)."""
        value = getattr(self, name)
        return list(value)
