"""Cities, organisations and URLs named in the text."""
from __future__ import annotations

from briefs.extract.model import Doc, PlaceMention
from briefs.knowledge import Knowledge


def find_places(doc: Doc, kb: Knowledge) -> list[PlaceMention]:
    """Every city mention, normalised French spelling, in text order."""
    return []


def find_organizations(doc: Doc, kb: Knowledge) -> list[str]:
    return []


def find_url(doc: Doc) -> str | None:
    return None
