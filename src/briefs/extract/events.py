"""Events: other dated happenings (sessions, deliveries, exercises, elections)."""
from __future__ import annotations

from briefs.extract.model import Doc, Person, PlaceMention
from briefs.knowledge import Knowledge


def find_events(doc: Doc, kb: Knowledge, persons: list[Person], places: list[PlaceMention], meetings: list[dict]) -> list[dict]:
    return []
