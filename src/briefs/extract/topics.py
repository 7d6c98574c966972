"""Topics: slugs of the controlled vocabulary, from weighted cues.

One compiled matcher over every cue of `resources/topics.yaml`; each cue
found adds its weights to its slugs, and a slug is kept when its total
reaches the threshold, so one passing word does not make a topic.
"""
from __future__ import annotations

import re

from briefs.extract.model import Doc
from briefs.extract.lexicon import Matcher, fold, fold_span, lexicon_matcher, lookup_key
from briefs.knowledge import Knowledge
from briefs.record import TOPICS


def _cue_table(kb: Knowledge) -> tuple[Matcher, dict[str, tuple[dict[str, float], bool]], tuple[float, float]]:
    """Folded cue -> (weights per known slug, cue is an acronym that must be in capitals)."""
    conf = kb["topics"] or {}
    table: dict[str, tuple[dict[str, float], bool]] = {}
    for cue, weights in (conf.get("cues") or {}).items():
        if not isinstance(weights, dict):
            continue
        kept = {slug: float(w) for slug, w in weights.items() if slug in TOPICS}
        letters = [c for c in str(cue) if c.isalpha()]
        acronym = len(letters) >= 2 and all(c.isupper() for c in letters)
        table[fold(str(cue))] = (kept, acronym)
    strong = float(conf.get("threshold", 2))
    return lexicon_matcher(table), table, (strong, float(conf.get("weak_threshold", strong + 1)))


def topic_scores(doc: Doc, kb: Knowledge) -> dict[str, tuple[float, float]]:
    """Per slug: (summed cue weights, strongest single cue) — exposed for tests and tuning."""
    matcher, table, _ = kb.compiled("topics.matcher", _cue_table)
    scores: dict[str, tuple[float, float]] = {}
    for m in matcher.scan(doc):
        hit = lookup_key(table, fold_span(doc, m.start(), m.end()))
        if hit is None:
            continue
        weights, acronym = hit
        if acronym and not m.group().isupper():
            continue
        for slug, w in weights.items():
            total, best = scores.get(slug, (0.0, 0.0))
            scores[slug] = (total + w, max(best, w))
    return scores


def find_topics(doc: Doc, kb: Knowledge) -> list[str]:
    """Slugs whose cues reach the threshold, strongest first (order carries no meaning)."""
    _, _, (strong, weak) = kb.compiled("topics.matcher", _cue_table)
    scores = topic_scores(doc, kb)
    kept = [slug for slug, (total, best) in scores.items()
            if (best >= strong) or total >= weak]
    return sorted(kept, key=lambda s: (-scores[s][0], TOPICS.index(s)))
