"""The publication date a text carries in its header, for when the user gives none.

Relative dates (`vendredi`, `hier`) can only be resolved against a reference
date; scraped pages and wires often state it in a dateline (« TÉHÉRAN,
20 juillet 2022 – ») or a meta line (« Publié le 14/11/2019 »). Only such
header lines are read: a full date inside a sentence of the story is the
date of an event, not of the text.
"""
from __future__ import annotations

import datetime as dt
import re

from briefs.extract.dates import find_dates
from briefs.extract.text import fold

HEADER_LINES = 6
# A line that is only page furniture around a date: "Publié le ...", "Par X | 14 octobre 2024", "[2024-10-14]".
_META = re.compile(r"^\W*(?:publi[ée]|mis en ligne|mis à jour|date|par\b|source\b|\d{1,2}[./]\d{1,2}[./]\d{4}|\d{4}-\d{2}-\d{2})", re.I)
# What may stand before a dateline's date: a place or outlet (capitalised words, « de »/« al- »
# between), an agency in brackets, a separator: « MOSCOU, », « Moscou, le », « Téhéran (IRNA) »,
# « TEHERAN (AFP) — », « Pars Today – », « Moscou. ».  A verb or a lower-case word ends it: the date
# is then in the lead sentence, the date of the story, not of the text.
_SEP = r"(?:,\s*(?:[Ll]e\s+)?|[.:|–—-]\s*)"
_PLACE = r"[A-ZÀ-Þ][\w'’.-]*(?:[ -](?:[A-ZÀ-Þ][\w'’.-]*|de|du|des|la|el|al|d['’]\w+))" + "{0,3}"
_HEAD = re.compile(rf"\W*(?:{_PLACE}\s*(?:\([^()]{{1,40}}\)\s*{_SEP}?|{_SEP}))?")
# What may follow it: an agency in brackets, a separator, the end of the line.
_TAIL = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?(?:[,:|–—-]|\.(?!\d)|$)")
_SHORT_LINE = 60
_DATELINE_REACH = 60  # a dateline's date starts within this many characters (« RIO DE JANEIRO (Reuters) - »)


def find_published(text: str) -> dt.date | None:
    """The first full date stated in the header of `text` (a cleaned text), else None.

    A meta line (« Publié le ... ») or a short line gives its first full date; a
    long line only the date of its dateline (« MOSCOU, 12 mars 2024 (Reuters) - »,
    « Moscou, le 3 février 2025 (IRNA) – », « Téhéran (IRNA) 12 mars 2024 - »).
    A dateline without a year (« MOSCOU, 12 mars (Reuters) - ») tells nothing,
    and a later date of its lead sentence is the story's, so the line is skipped.
    """
    lines = [line for line in fold(text).split("\n") if line.strip()][:HEADER_LINES]
    for line in lines:
        found = find_dates(line[:160], None)
        if _META.match(line) or len(line) <= _SHORT_LINE:
            for mention in found:
                if _full(mention):
                    return dt.date.fromisoformat(mention.value)
            continue
        for mention in found:
            if mention.start > _DATELINE_REACH:
                break
            if _is_dateline(line, mention):
                if _full(mention):
                    return dt.date.fromisoformat(mention.value)
                break  # « MOSCOU, 12 mars (Reuters) - »: no year, and the lead's dates are the story's
    return None


def _full(mention) -> bool:
    """An absolute day (« 12 mars 2024 », « 12/03/2024 »), not « mardi » or « 12 mars »."""
    return not mention.relative and bool(mention.value) and len(mention.value) == 10


def _is_dateline(line: str, mention) -> bool:
    """True when `mention` is the date of a dateline: only a place, outlet or agency before
    it, a separator or the end of the line after it."""
    return _HEAD.fullmatch(line, 0, mention.start) is not None and _TAIL.match(line, mention.end) is not None
