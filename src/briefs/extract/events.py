"""Events: other dated happenings (sessions, deliveries, exercises, elections).

A date expression is an event's date when the word that governs it in its
clause is a happening word (« la session ... du 16 au 18 février », « livré
entre décembre 2007 et janvier 2008 »). The same date may instead belong to a
statement (« a annoncé vendredi »), an agreement's stage (« signé en 2001 ») or
a meeting (found by the meetings pass): the nearest of these governors wins,
so each date is read once. Vocabulary lives in resources/events.yaml.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from briefs.extract import agreements as agreements_pass
from briefs.extract.dates import DateMention
from briefs.extract.lexicon import Matcher, fold, fold_span, lexicon_regex, lookup_key
from briefs.extract.model import Doc, Person, PlaceMention, Span
from briefs.knowledge import Knowledge


@dataclass
class _Lexicon:
    anchors: Matcher
    table: dict[str, str]  # folded word -> role
    gatherings: frozenset[str]
    window: int


def _build(kb: Knowledge) -> _Lexicon:
    conf = kb["events"] or {}
    table: dict[str, str] = {}
    for role in ("saying", "copulas", "participles", "nouns"):
        for word in conf.get(role) or []:
            table.setdefault(fold(str(word)), role)
    gatherings = frozenset(fold(str(w)) for w in conf.get("gatherings") or [])
    anchors = Matcher(lexicon_regex(table, inside_compound=False), table)
    return _Lexicon(anchors, table, gatherings, int(conf.get("window", 90)))


@dataclass
class _Anchor:
    start: int
    end: int
    role: str  # nouns | participles | copulas | saying | stage


@dataclass
class _Scans:
    """Whole-text scans, read sentence by sentence."""
    anchors: list[_Anchor]
    anchor_starts: list[int]
    stages: list[_Anchor]
    stage_starts: list[int]
    kinds: list[int]


def _scan(doc: Doc, lex: _Lexicon, agreements) -> _Scans:
    anchors = []
    for m in lex.anchors.scan(doc):
        role = lookup_key(lex.table, fold_span(doc, m.start(), m.end()))
        if role:
            anchors.append(_Anchor(m.start(), m.end(), role))
    stages = []
    for m, info in agreements_pass.stage_cues(doc, agreements):
        if info and info.get("role") != "noun":
            stages.append(_Anchor(m.start(), m.end(), "stage"))
    kinds = [m.start() for m in agreements.mention_matcher.scan(doc)]
    return _Scans(anchors, [a.start for a in anchors], stages, [a.start for a in stages], kinds)


def _anchors(sent: Span, scans: _Scans) -> list[_Anchor]:
    out = scans.anchors[bisect_left(scans.anchor_starts, sent.start):bisect_left(scans.anchor_starts, sent.end)]
    k = bisect_left(scans.kinds, sent.start)  # kinds are in text order
    if k == len(scans.kinds) or scans.kinds[k] >= sent.end:
        return out  # « a signé mercredi un décret »: a stage word with no agreement dates a happening
    return out + scans.stages[bisect_left(scans.stage_starts, sent.start):bisect_left(scans.stage_starts, sent.end)]


_GAP_BREAK = re.compile(r"[;:()]|\.\s")
_PRONOUN_ONLY = re.compile(r"\s*(?:qui|qu'|que|ils|elles|il|elle|ce|cela)?\s*")
_PLACE_INTRO = re.compile(r"(?:\b[àa]|\bau port de|\bde)\s+$")


def _gap(a: _Anchor, d: DateMention, norm: str) -> int | None:
    """Characters between an anchor and a date in one clause; None across a clause break."""
    lo, hi = (a.end, d.start) if a.end <= d.start else (d.end, a.start)
    if hi < lo or _GAP_BREAK.search(norm, lo, hi):
        return None
    return hi - lo


def _meeting_dates(doc: Doc, meetings: list[dict], persons: list[Person]) -> dict[str, list[Span]]:
    """Per meeting date, the sentences naming one of its participants: there the date is the meeting's."""
    by_name = {p.name: p for p in persons}
    out: dict[str, list[Span]] = {}
    for m in meetings:
        if not m.get("date"):
            continue
        spans = out.setdefault(str(m["date"]), [])
        for name in m.get("participants") or []:
            person = by_name.get(name)
            for mention in person.mentions if person else []:
                sent = doc.sentence_at(mention.start)
                if sent:
                    spans.append(sent)
    return out


# The leg of a trip (« fera escale mardi à Douchanbé ») on the day and at the place of a told meeting is that visit.
_TRAVEL = frozenset({"escale", "escales", "arrivee", "depart", "sejour", "etape"})

_DATELINE = re.compile(r"^\s*[A-ZÀ-Þ][A-ZÀ-Þ'\s-]+,\s*$")


def find_events(doc: Doc, kb: Knowledge, persons: list[Person], places: list[PlaceMention], meetings: list[dict]) -> list[dict]:
    """Dated happenings that are not meetings, statements or agreement stages, in text order."""
    lex: _Lexicon = kb.compiled("events.lexicon", _build)
    agreement_lex = agreements_pass.lexicon(kb)
    taken: dict[str, list[Span]] | None = None  # built for the first date that needs it
    told = {(str(m["date"]), m.get("date_text")) for m in meetings if m.get("date")}  # « les deux hommes s'étaient vus le 11 octobre, lors d'un forum »
    told_at = {(str(m["date"]), m.get("date_text"), m.get("place")) for m in meetings if m.get("date") and m.get("place")}
    events: list[dict] = []
    seen: set[tuple[str, str | None]] = set()
    scans = _scan(doc, lex, agreement_lex)
    if not scans.anchors:
        return []
    for sent in _dating_sentences(doc, scans.anchors):
        anchors = _anchors(sent, scans)
        dates = doc.sentence_dates(sent)
        used: set[int] = set()
        for d in dates:
            if not d.value or _in_dateline(doc, d):
                continue
            best = _governor(d, anchors, doc.norm, lex.window)
            if best is not None and best.role == "copulas":
                best = _subject(doc, sent, best, anchors, persons)
            if best is None or best.role not in ("nouns", "participles", "subject") or best.start in used:
                continue
            if taken is None:
                taken = _meeting_dates(doc, meetings, persons)
            gathering = fold(doc.norm[best.start:best.end]) in lex.gatherings
            if gathering and (sent in taken.get(d.value, ()) or (d.value, doc.text[d.start:d.end]) in told):
                continue  # the summit Poutine attended that day is the meeting itself
            if sent in taken.get(d.value, ()) and best.role != "nouns":
                continue
            place = _place(doc, sent, best, d, places)
            if (place is not None and fold(doc.norm[best.start:best.end]) in _TRAVEL
                    and (d.value, doc.text[d.start:d.end], place) in told_at):
                continue  # « fera escale mardi à Douchanbé, où il rencontrera X »: the visit is the meeting
            used.add(best.start)
            key = (d.value, d.end_value)
            if key in seen:
                continue
            seen.add(key)
            events.append({
                "what": _what(doc, best, agreement_lex),
                "place": place,
                "start": d.value,
                "end": d.end_value,
            })
    return events


_DATING = frozenset({"nouns", "participles", "copulas"})


def _dating_sentences(doc: Doc, anchors: list[_Anchor]) -> list[Span]:
    """The sentences holding a happening word or a copula, in text order: only there can a date be an event's."""
    starts = [a.start for a in anchors if a.role in _DATING]
    out: list[Span] = []
    i, count = 0, len(starts)
    for sent in doc.sentences:
        while i < count and starts[i] < sent.start:
            i += 1
        if i == count:
            break
        if starts[i] < sent.end:
            out.append(sent)
    return out


def _in_dateline(doc: Doc, d: DateMention) -> bool:
    """« MOSCOU, 3 octobre - »: the date of the dispatch, not of an event."""
    line_start = doc.norm.rfind("\n", 0, d.start) + 1
    return bool(_DATELINE.match(doc.norm[line_start:d.start]))


def _subject(doc: Doc, sent: Span, copula: _Anchor, anchors: list[_Anchor], persons: list[Person]) -> _Anchor | None:
    """What a « se tiendra / a eu lieu / est attendu » dates: the happening noun before it, else its subject.

    A person before the verb makes it a visit (the meetings pass's), not an event.
    """
    nouns = [a for a in anchors if a.role == "nouns" and a.end <= copula.start]
    if nouns:
        return nouns[-1]
    clause_start = max(sent.start, doc.norm.rfind(",", sent.start, copula.start) + 1)
    if _PRONOUN_ONLY.fullmatch(doc.norm[clause_start:copula.start]):
        return None  # a pronoun alone: no happening word to name it by
    if any(clause_start <= m.start < copula.start for p in persons for m in p.mentions):
        return None
    return _Anchor(clause_start, copula.start, "subject")


def _governor(d: DateMention, anchors: list[_Anchor], norm: str, window: int) -> _Anchor | None:
    """The nearest anchor to the date in its clause, within the window."""
    best, best_gap = None, window + 1
    for a in anchors:
        gap = _gap(a, d, norm)
        if gap is not None and gap < best_gap:
            best, best_gap = a, gap
    return best


def _what(doc: Doc, anchor: _Anchor, agreement_lex) -> str:
    """The happening's noun phrase; for a participle, the words it follows."""
    if anchor.role == "nouns":
        return agreements_pass.noun_phrase(doc.text, doc.norm, anchor.start, anchor.end, agreement_lex)
    if anchor.role == "subject":
        return doc.text[anchor.start:anchor.end].strip(" ,")
    start = max(0, doc.norm.rfind(",", 0, anchor.start) + 1, doc.norm.rfind(".", 0, anchor.start) + 1)
    return doc.text[start:anchor.end].strip()


def _place(doc: Doc, sent: Span, anchor: _Anchor, d: DateMention, places: list[PlaceMention]) -> str | None:
    """A city introduced by « à » next to the happening word or its date (« se tiendra à Kazan du ... »)."""
    lo, hi = min(anchor.start, d.start), max(anchor.end, d.end)
    for p in places:
        if sent.start <= p.start < sent.end and lo - 40 <= p.start <= hi + 40:
            if _PLACE_INTRO.search(doc.norm[max(0, p.start - 14):p.start]):
                return p.name
    return None
