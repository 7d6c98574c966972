"""Shapes passed between the extraction passes.

Every pass reads the same `Doc` and returns mentions that carry character
offsets into it, so later passes (meetings, quotes) can relate a date, a
place and a person by where they stand in the text.
"""
from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Callable, Iterable


def _is_word(ch: str) -> bool:
    """What `re` matches with `\\w`."""
    return ch.isalnum() or ch == "_"


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
    # Per-text memo of derived forms and scans (folded copy, word index, lexicon
    # scans, sentence dates): computed on first use by whichever pass needs it,
    # shared by the others. Per-instance state, never compared or printed.
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def lowered(self) -> str:
        """`norm` lower-cased, same length (see lexicon.lower_same_length); memoised."""
        lowered = self.memo.get("lowered")
        if lowered is None:
            from briefs.extract.lexicon import lower_same_length
            lowered = self.memo["lowered"] = lower_same_length(self.norm)
        return lowered

    @property
    def folded(self) -> str:
        """`norm` lower-cased with accents off, same length (see lexicon.fold_same_length); memoised."""
        folded = self.memo.get("folded")
        if folded is None:
            from briefs.extract.lexicon import unaccent_lowered
            folded = self.memo["folded"] = unaccent_lowered(self.lowered)
        return folded

    def word_index(self):
        """Where word runs start, by their first folded letters (a lexicon.WordIndex); memoised."""
        index = self.memo.get("word_index")
        if index is None:
            from briefs.extract.lexicon import WordIndex
            index = self.memo["word_index"] = WordIndex(self.folded)
        return index

    def sentence_dates(self, span: Span) -> list:
        """`dates.find_dates` over the text of `span` (normally a sentence), offsets absolute; memoised.

        The list is shared by every pass that asks for the same span: read it, do not change it.
        """
        start, end = span.start, span.end
        key = ("dates", start, end)
        found = self.memo.get(key)
        if found is None:
            from briefs.extract.dates import find_dates
            anchors = self._date_anchors()
            norm = self.norm
            if anchors is None or (start > 0 and _is_word(norm[start - 1])) or (end < len(norm) and _is_word(norm[end])):
                found = find_dates(norm[start:end], self.published, offset=start,
                                   weekday_hint=self._weekday_hint)  # a span cutting a word
            else:
                inside = anchors[bisect_left(anchors, start):bisect_left(anchors, end)]
                found = find_dates(norm[start:end], self.published, offset=start,
                                   anchors=[p - start for p in inside],
                                   weekday_hint=self._weekday_hint) if inside else []
            self.memo[key] = found
        return found

    def _weekday_hint(self, weekday: int):
        """Tense the rest of the text gives `weekday` (dates.weekday_tenses), for a verbless one; memoised."""
        tenses = self.memo.get("weekday_tenses")
        if tenses is None:
            from briefs.extract.dates import weekday_tenses
            tenses = self.memo["weekday_tenses"] = weekday_tenses(self.norm)
        return tenses.get(weekday)

    def _date_anchors(self) -> list[int] | None:
        """Where a date expression's anchor word (a number, a month...) may start; None: look everywhere."""
        if "date_anchors" not in self.memo:
            from briefs.extract.dates import ANCHOR_STARTS
            index = self.word_index()
            self.memo["date_anchors"] = None if index.foreign_digits else index.starts(ANCHOR_STARTS)
        return self.memo["date_anchors"]

    def sentence_at(self, offset: int) -> Span | None:
        """The sentence holding `offset`, or None (sentences are in text order and do not overlap)."""
        starts = self.memo.get("sentence_starts")
        if starts is None:
            starts = self.memo["sentence_starts"] = [s.start for s in self.sentences]
        i = bisect_right(starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
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


def covering(spans: Iterable[tuple[int, ...]]) -> Callable[[int], bool]:
    """pos -> whether some span (lo, hi, ...) has lo <= pos < hi: a search, not a walk over every span.

    Long texts hold thousands of spans and ask about thousands of positions.
    """
    ordered = sorted((span[0], span[1]) for span in spans)
    los = [lo for lo, _ in ordered]
    reach, furthest = [], None  # reach[i]: the furthest end among the first i + 1 spans
    for _, hi in ordered:
        furthest = hi if furthest is None or hi > furthest else furthest
        reach.append(furthest)

    def inside(pos: int) -> bool:
        k = bisect_right(los, pos)
        return k > 0 and reach[k - 1] > pos

    return inside
