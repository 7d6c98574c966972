"""Shapes passed between the extraction passes.

Every pass reads the same `Doc` and returns mentions that carry character
offsets into it, so later passes (meetings, quotes) can relate a date, a
place and a person by where they stand in the text.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Doc:
    """One text ready for matching.

    `text` is the cleaned original (what gets quoted back into the record);
    `norm` has exactly the same length, with typographic apostrophes, quotes,
    dashes and non-breaking spaces folded to ASCII, so one offset serves both.
    """

    text: str
    norm: str
    sentences: tuple[Span, ...]
    lines: tuple[Span, ...]
    published: dt.date | None
    language: str = "fr"

    def sentence_at(self, offset: int) -> Span | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None

    def slice(self, span: Span) -> str:
        return self.text[span.start:span.end]


@dataclass
class Person:
    """One named person, all mentions joined (coreference done)."""

    name: str
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    country: str | None = None
    mentions: list[Span] = field(default_factory=list)  # every occurrence, any form

    def as_record(self) -> dict:
        return {"name": self.name, "role": self.role, "country": self.country, "aliases": list(self.aliases)}


@dataclass(frozen=True)
class PlaceMention:
    """A city named in the text, under its normalised French spelling."""

    name: str
    start: int
    end: int
