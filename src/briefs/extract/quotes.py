"""Quotes: quoted words of five words or more, attributed to a named person."""
from __future__ import annotations

from briefs.extract.model import Doc, Person
from briefs.knowledge import Knowledge


def find_quotes(doc: Doc, kb: Knowledge, persons: list[Person]) -> list[dict]:
    return []
