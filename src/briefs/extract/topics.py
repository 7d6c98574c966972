"""Topics: slugs of the controlled vocabulary, from weighted cues.

One compiled matcher over every cue of `resources/topics.yaml`; each cue
found adds its weights to its slugs, and a slug is kept when its total
reaches the threshold, so one passing word does not make a topic. A cue
inside the object of a verb of discussion (« les deux ministres ont évoqué
la sécurité de la navigation », « au menu : ... ») is what the text is
about, so it weighs `discussed_bonus` more.
"""
from __future__ import annotations

import re
from bisect import bisect_right

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


_SCOPE = 250  # how far after a verb of discussion its object may run (within its sentence)


def _discussion(kb: Knowledge) -> tuple[Matcher, float]:
    """The verbs and phrases announcing what was discussed, and the weight they add to a cue after them."""
    conf = kb["topics"] or {}
    return lexicon_matcher({fold(str(w)) for w in conf.get("discussed") or [] if w}), float(conf.get("discussed_bonus", 1))


def _discussed_spans(doc: Doc, kb: Knowledge) -> tuple[list[int], list[int], float]:
    """Starts and ends of the stretches after a verb of discussion, to the end of its sentence."""
    matcher, bonus = kb.compiled("topics.discussed", _discussion)
    starts: list[int] = []
    ends: list[int] = []
    for m in matcher.scan(doc):
        sent = doc.sentence_at(m.start())
        end = min(sent.end if sent else len(doc.norm), m.end() + _SCOPE)
        if ends and m.end() <= ends[-1]:
            ends[-1] = max(ends[-1], end)  # a second verb inside the stretch only extends it
            continue
        starts.append(m.end())
        ends.append(end)
    return starts, ends, bonus


def topic_scores(doc: Doc, kb: Knowledge) -> dict[str, tuple[float, float]]:
    """Per slug: (summed cue weights, strongest single cue) — exposed for tests and tuning."""
    matcher, table, _ = kb.compiled("topics.matcher", _cue_table)
    scores: dict[str, tuple[float, float]] = {}
    found = matcher.scan(doc)
    starts, ends, bonus = _discussed_spans(doc, kb) if found else ([], [], 0.0)
    for m in found:
        hit = lookup_key(table, fold_span(doc, m.start(), m.end()))
        if hit is None:
            continue
        weights, acronym = hit
        if acronym and not m.group().isupper():
            continue
        i = bisect_right(starts, m.start()) - 1
        extra = bonus if i >= 0 and m.start() < ends[i] else 0.0
        for slug, w in weights.items():
            if w > 0:
                w += extra
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
