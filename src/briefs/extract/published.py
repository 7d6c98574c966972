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
# A wire dateline opening the lead: "MOSCOU, 13 mars 2001 - " (a year is needed).
_DATELINE = re.compile(r"^[A-ZÀ-Þ][\wÀ-ÿ' .-]{1,40}, ")
_SHORT_LINE = 60


def find_published(text: str) -> dt.date | None:
    """The first full date stated in the header of `text` (a cleaned text), else None."""
    lines = [line for line in fold(text).split("\n") if line.strip()][:HEADER_LINES]
    for line in lines:
        if not (_META.match(line) or _DATELINE.match(line) or len(line) <= _SHORT_LINE):
            continue
        for mention in find_dates(line[:160], None):
            if mention.relative or not mention.value or len(mention.value) != 10:
                continue
            if _DATELINE.match(line) and not _META.match(line) and len(line) > _SHORT_LINE and mention.start > 60:
                continue  # a date deep in the lead sentence is the story's, not the text's
            return dt.date.fromisoformat(mention.value)
    return None
