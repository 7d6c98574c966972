"""Meetings: encounters, visits, calls and summits with date, place, participants."""
from __future__ import annotations

from briefs.extract.model import Doc, Person, PlaceMention
from briefs.knowledge import Knowledge


def find_meetings(doc: Doc, kb: Knowledge, persons: list[Person], places: list[PlaceMention]) -> list[dict]:
    """Meeting records (schema order: date, date_text, place, kind, participants)."""
    return []
