"""Persons: mentions, evidence, coreference, role and country."""
from __future__ import annotations

from briefs.extract.model import Doc, Person
from briefs.knowledge import Knowledge


def find_persons(doc: Doc, kb: Knowledge) -> list[Person]:
    """Every named person in the text, once, in order of first mention."""
    return []
