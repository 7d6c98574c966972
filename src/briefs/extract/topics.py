"""Topics: slugs of the controlled vocabulary, from weighted cues."""
from __future__ import annotations

from briefs.extract.model import Doc
from briefs.knowledge import Knowledge


def find_topics(doc: Doc, kb: Knowledge) -> list[str]:
    return []
