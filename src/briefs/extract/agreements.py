"""Agreements: kind, stage and date of that stage; each distinct agreement once."""
from __future__ import annotations

from briefs.extract.model import Doc
from briefs.knowledge import Knowledge


def find_agreements(doc: Doc, kb: Knowledge) -> list[dict]:
    return []
