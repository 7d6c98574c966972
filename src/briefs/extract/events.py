"""Events: other dated happenings (sessions, deliveries, exercises, elections).

A date expression is an event's date when the word that governs it in its
clause is a happening word (« la session ... du 16 au 18 février », « livré
entre décembre 2007 et janvier 2008 »). The same date may instead belong to a
statement (« a annoncé vendredi »), an agreement's stage (« signé en 2001 ») or
a meeting (found by the meetings pass): the nearest of these governors wins,
so each date is read once. Vocabulary lives in resources/events.yaml.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Callable

from briefs.extract import agreements as agreements_pass
from briefs.extract.dates import DateMention
from briefs.extract.lexicon import Matcher, fold, fold_span, lexicon_regex, lookup_key
from briefs.extract.model import Doc, Person, PlaceMention, Span, covering
from briefs.knowledge import Knowledge


@dataclass
class _Lexicon:
    anchors: Matcher
    table: dict[str, str]  # folded word -> role
    gatherings: frozenset[str]
    window: int
    encounters: frozenset[str]      # tête-à-tête, entretien: a meeting's noun, never an event's
    attend_skip: frozenset[str]     # « à partir de », « à l'issue de »: a locution, not the thing attended
    span_openers: frozenset[str]    # « depuis 2022 »: the start of a span, not a happening
    attend: Matcher | None          # « assister le 3 septembre au défilé »: the noun after dates it
    auxiliaries: frozenset[tuple[str, ...]]  # « la ratification a été achevée »: between a participle and its subject
    named_before: re.Pattern | None  # « Gardiens de la révolution »: a happening word inside a name
    named_tail: tuple[str, ...]      # how every `named_before` phrase ends (« la »): a cheap test first
    person_moves: frozenset[str] = frozenset()  # « arrivé samedi à Téhéran, le ministre »: a person's trip
    nouns: dict[str, str] | None = None  # the happening nouns, also those spelt like a participle
    durations: dict[str, str] | None = None  # « semaine »: after a count, a length of time


def _words(conf: dict, key: str) -> frozenset[str]:
    return frozenset(fold(str(w)) for w in conf.get(key) or [])


def _build(kb: Knowledge) -> _Lexicon:
    conf = kb["events"] or {}
    table: dict[str, str] = {}
    for role in ("saying", "copulas", "participles", "nouns"):
        for word in conf.get(role) or []:
            table.setdefault(fold(str(word)), role)
    gatherings = _words(conf, "gatherings")
    anchors = Matcher(lexicon_regex(table, inside_compound=False), table)
    attend_words = _words(conf, "attend_verbs")
    attend = Matcher(lexicon_regex(attend_words, inside_compound=False), attend_words) if attend_words else None
    auxiliaries = frozenset(tuple(fold(str(a)).split()) for a in conf.get("passive_auxiliaries") or [])
    named = [re.escape(str(w)).replace(r"\ ", r"\s+") for w in conf.get("inside_names") or []]
    named_before = re.compile(rf"(?<![\w-])(?:{'|'.join(named)})\s+$", re.I) if named else None
    return _Lexicon(anchors, table, gatherings, int(conf.get("window", 90)), _words(conf, "encounters"),
                    _words(conf, "attend_skip"), _words(conf, "span_openers"), attend, auxiliaries, named_before,
                    tuple({f" {str(w).split()[-1]} " for w in conf.get("inside_names") or []}),
                    _words(conf, "person_moves"), {fold(str(w)): "nouns" for w in conf.get("nouns") or []},
                    {fold(str(w)): "durations" for w in conf.get("durations") or []})


@dataclass
class _Anchor:
    start: int
    end: int
    role: str  # nouns | participles | copulas | saying | stage
    since: int = -1  # an attended noun dates only what follows its verb of attending
    head: tuple[int, int] | None = None  # « celui d'Aktaou »: the happening noun the pronoun stands for


@dataclass
class _Scans:
    """Whole-text scans, read sentence by sentence."""
    anchors: list[_Anchor]
    anchor_starts: list[int]
    stages: list[_Anchor]
    stage_starts: list[int]
    kinds: list[int]


def _scan(doc: Doc, lex: _Lexicon, agreements) -> _Scans:
    kind_matches = agreements.mention_matcher.scan(doc)
    names = _agreement_names(doc, kind_matches, agreements)
    in_names = covering(names)
    cues = agreements_pass.stage_cues(doc, agreements)
    cue_list = [m.start() for m, _ in cues]  # in text order
    cue_starts = set(cue_list)

    def cue_between(lo: int, hi: int) -> bool:
        i = bisect_left(cue_list, lo)
        return i < len(cue_list) and cue_list[i] < hi

    anchors = []
    for m in lex.anchors.scan(doc):
        role = lookup_key(lex.table, fold_span(doc, m.start(), m.end()))
        if not role:
            continue
        if (role == "participles" and lookup_key(lex.nouns, fold_span(doc, m.start(), m.end()))
                and _ARTICLE_BEFORE.search(doc.norm, max(0, m.start() - 8), m.start())):
            role = "nouns"  # « la mise en service », « l'arrivée »: with its article, the noun
        if (role == "nouns" and lookup_key(lex.durations, fold_span(doc, m.start(), m.end()))
                and _COUNT_BEFORE.search(doc.norm, max(0, m.start() - 12), m.start())):
            continue  # « à moins d'une semaine du sommet »: a length of time
        if role == "nouns" and (m.start() in cue_starts or in_names(m.start())):
            continue  # « l'accord sur la construction de la ligne », « l'entrée en vigueur »: the agreement's
        if (role == "nouns" and lex.named_before is not None and doc.norm.endswith(lex.named_tail, 0, m.start())
                and lex.named_before.search(doc.norm, max(0, m.start() - 40), m.start())):
            continue  # « les Gardiens de la révolution »: a name, not a happening
        if role == "nouns" and cue_between(m.end(), m.end() + 12) and _of_a_stage(doc, m.end(), agreements):
            role = "stage"  # « la cérémonie de signature du mémorandum »: a signing, not an event
        if (role == "participles" and cue_between(m.start() - 60, m.start())
                and _stage_subject(doc, m.start(), lex, agreements)):
            role = "stage"  # « dont la ratification a été achevée ce printemps »: an agreement's stage
        anchors.append(_Anchor(m.start(), m.end(), role))
    if lex.attend is not None:
        anchors += _attended(doc, lex, agreements, in_names, {a.start: a for a in anchors})
        anchors.sort(key=lambda a: a.start)
    pronouns = _pronouns(doc, anchors)
    if pronouns:
        anchors = sorted(anchors + pronouns, key=lambda a: a.start)
    stages = []
    for m, info in cues:
        if info and info.get("role") != "noun":
            stages.append(_Anchor(m.start(), m.end(), "stage"))
    kinds = [m.start() for m in kind_matches]
    return _Scans(anchors, [a.start for a in anchors], stages, [a.start for a in stages], kinds)


def _agreement_names(doc: Doc, kind_matches, agreements) -> list[tuple[int, int]]:
    """The complements of each agreement noun (« accord sur la construction de la ligne »), as spans."""
    out = []
    for m in kind_matches:
        name = agreements_pass.name_at(doc, m.start(), m.end(), agreements)
        if len(name) > m.end() - m.start():
            out.append((m.end(), m.start() + len(name)))
    return out


def _stage_noun(doc: Doc, words: str, agreements, whole: bool = False) -> bool:
    """Whether the last words of `words` (`whole`: all of them) are an agreement's stage noun
    (« la ratification », « l'entrée en vigueur »)."""
    tokens = fold(words).split()
    for n in ((len(tokens),) if whole else (3, 2, 1)):
        if len(tokens) >= n:
            info = lookup_key(agreements.stages, " ".join(tokens[-n:]))
            if info and (info.get("role") in ("noun", "state")):
                return True
    return False


_OF = re.compile(r"\s+(?:de\s+(?:la\s+|l')?|d')([\w-]+)", re.I)


def _of_a_stage(doc: Doc, pos: int, agreements) -> bool:
    """A happening noun whose complement is an agreement's stage noun: « cérémonie de signature »."""
    m = _OF.match(doc.norm, pos)
    return bool(m) and _stage_noun(doc, m.group(1), agreements)


def _stage_subject(doc: Doc, pos: int, lex: _Lexicon, agreements) -> bool:
    """A participle whose subject is an agreement's stage noun: « la signature a été achevée »."""
    words = doc.norm[max(0, pos - 60):pos].split()
    for n in (2, 1):
        if len(words) > n and tuple(fold(w) for w in words[-n:]) in lex.auxiliaries:
            return _stage_noun(doc, " ".join(words[-n - 3:-n]), agreements)
    return False


# After a verb of attending: the preposition that introduces what is attended.
_ATTENDED = re.compile(r"\b(?:au|aux|à)\s+(?:(?:la|le|les|un|une|des|cette|ce|cet)\s+|l')?(?=\w)", re.I)
_WORD = re.compile(r"[\w-]+")


def _attended(doc: Doc, lex: _Lexicon, agreements, in_names: Callable[[int], bool],
              taken: dict[int, _Anchor]) -> list[_Anchor]:
    """« assister le 3 septembre au défilé », « participera mardi aux célébrations »: the thing attended.

    Its noun is the happening the date in between (or after) belongs to, unless it is an
    agreement's stage (« a assisté à la signature de l'accord »: a signing is no event) or a place.
    """
    out = []
    norm = doc.norm
    for v in lex.attend.scan(doc):
        limit = min(len(norm), v.end() + 60)
        brk = _GAP_BREAK.search(norm, v.end(), limit)
        if brk:
            limit = brk.start()
        pos = v.end()
        while True:
            p = _ATTENDED.search(norm, pos, limit)
            if not p:
                break
            w = _WORD.match(norm, p.end())
            pos = p.end()
            if not w:
                break
            if w.group()[0].isupper() or fold(w.group()) in lex.attend_skip:
                continue  # « à Pékin », « à partir de mai »: the thing attended may follow
            known = taken.get(w.start())
            if known is not None and known.role == "nouns":
                known.since = v.start()  # « assister le 3 septembre au défilé »: a happening noun, dated after its verb
            elif not (known is not None or _stage_noun(doc, w.group(), agreements)
                    or fold(w.group()) in lex.encounters or in_names(w.start())):
                out.append(_Anchor(w.start(), w.end(), "nouns", since=v.start()))
            break
    return out


# « le premier sommet depuis celui d'Aktaou en août 2018 »: a pronoun with its complement stands for
# the happening noun before it, and takes its own date.
_PRONOUN = re.compile(r"ce(?:lui|lles?|ux)\s+(?=d'|de\s|du\s|des\s)")  # a literal lead: a fast scan


def _pronouns(doc: Doc, anchors: list[_Anchor]) -> list[_Anchor]:
    """Each « celui de ... » after a happening noun in its sentence: an anchor for that noun (one scan per text)."""
    out: list[_Anchor] = []
    nouns: list[_Anchor] | None = None
    starts: list[int] = []
    norm = doc.norm
    for m in _PRONOUN.finditer(norm):
        if m.start() and (norm[m.start() - 1].isalnum() or norm[m.start() - 1] == "-"):
            continue  # inside a word (« parcelle de »)
        if nouns is None:
            nouns = [a for a in anchors if a.role == "nouns"]
            starts = [a.start for a in nouns]
        i = bisect_left(starts, m.start()) - 1
        if i < 0:
            continue
        head = nouns[i]
        sent = doc.sentence_at(m.start())
        if sent is not None and head.start >= sent.start and m.start() - head.end <= 120:
            out.append(_Anchor(m.start(), m.end(), "nouns", head=(head.start, head.end)))
    return out


def _anchors(sent: Span, scans: _Scans) -> list[_Anchor]:
    out = scans.anchors[bisect_left(scans.anchor_starts, sent.start):bisect_left(scans.anchor_starts, sent.end)]
    k = bisect_left(scans.kinds, sent.start)  # kinds are in text order
    if k == len(scans.kinds) or scans.kinds[k] >= sent.end:
        return out  # « a signé mercredi un décret »: a stage word with no agreement dates a happening
    return out + scans.stages[bisect_left(scans.stage_starts, sent.start):bisect_left(scans.stage_starts, sent.end)]


_COUNT_BEFORE = re.compile(r"(?:\b(?:deux|trois|quatre|cinq|six|quelques|plusieurs|\d+)|\bd['’]une"
                           r"|\b(?:dans|pendant|durant|depuis|pour|en|à|après|avant|il y a)\s+une)\s+$", re.I)
_ARTICLE_BEFORE = re.compile(r"(?:\b(?:la|le|les|une|sa|son|ses|leur|leurs|cette|du|des)\s+|\bl['’]\s*)$", re.I)
_CLAUSE_BREAK = re.compile(r"[;:]|\.\s")  # a bracket « (OCS) » does not part a noun from its participle
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
    last_sent = -1  # the sentence of the last event: « jusqu'au 30 décembre » there ends it
    scans = _scan(doc, lex, agreement_lex)
    if not scans.anchors:
        return []
    for sent in _dating_sentences(doc, scans.anchors):
        anchors = _anchors(sent, scans)
        if lex.person_moves and any(a.role == "participles" for a in anchors) and _person_between(persons, sent.start, sent.end):
            # « Arrivé samedi à Téhéran, le ministre a rencontré ... »: a person's trip is the meetings pass's
            anchors = [a for a in anchors if not (a.role == "participles"
                                                  and fold(doc.norm[a.start:a.end]) in lex.person_moves
                                                  and not _thing_before(doc, sent, a, anchors, persons))]
        dates = doc.sentence_dates(sent)
        used: set[int] = set()
        header = _header(doc, sent, anchors)
        for d in dates:
            if not d.value or _in_dateline(doc, d):
                continue
            best = _governor(d, anchors, doc.norm, lex.window)
            if best is not None and best.role == "participles" and len(d.value) < 10 and _opens_span(doc, d, lex):
                continue  # « le quatrième satellite lancé depuis 2022 »: a tally over a span, no one happening
            if best is not None and best.role == "copulas":
                best = _subject(doc, sent, best, anchors, persons, lex, agreement_lex)
            if (header is not None and d.start > header[1] and (best is None or best.role == "participles")
                    and not _person_between(persons, header[1], sent.end)):
                best = header[0]  # « Exercice « X » : les marines manœuvreront du 16 au 20 mars »
            if events and last_sent == sent.start and _extends(doc, d, events, sent):
                events[-1]["end"] = d.value  # « entamés le 27 décembre, se poursuivront jusqu'au 30 décembre »
                continue
            if best is None or best.role not in ("nouns", "participles", "subject") or best.start in used:
                continue
            if (best.role == "nouns" and best.start > d.end and doc.norm.find(",", d.end, best.start) >= 0
                    and any(_resolved(doc, sent, later, anchors, persons, lex, agreement_lex) is best
                            for later in dates if later.start > best.end and later.value)):
                continue  # « a rencontré vendredi X, à une semaine du sommet, qui se tiendra du 22 au 24 »
            what = _what(doc, sent, best, agreement_lex, anchors)
            if best.start < d.start < best.start + len(what) and doc.text.startswith(what, best.start):
                what = doc.text[best.start:d.start].rstrip(" ,")  # « exercices conjoints du 2 au 5 juin »
                what = _DANGLING.sub("", what)
            if not what or (best.role == "participles" and fold(what) == fold(doc.norm[best.start:best.end])):
                continue  # « , prévu le 3 mai, »: nothing names the happening
            if taken is None:
                taken = _meeting_dates(doc, meetings, persons)
            gathering = fold(doc.norm[best.start:best.end]) in lex.gatherings
            if gathering and (sent in taken.get(d.value, ()) or (d.value, doc.text[d.start:d.end]) in told):
                continue  # the summit Poutine attended that day is the meeting itself
            if sent in taken.get(d.value, ()) and (best.role != "nouns" or _DEMONSTRATIVE.search(doc.norm, max(0, best.start - 8), best.start)):
                continue  # « avait discuté de cette adhésion le 28 juin lors d'un appel »: the date is the call's
            place = _place(doc, sent, best, d, places)
            if (place is not None and fold(doc.norm[best.start:best.end]) in _TRAVEL
                    and (d.value, doc.text[d.start:d.end], place) in told_at):
                continue  # « fera escale mardi à Douchanbé, où il rencontrera X »: the visit is the meeting
            used.add(best.start)
            key = (d.value, d.end_value)
            if key in seen:
                continue
            seen.add(key)
            last_sent = sent.start
            events.append({
                "what": what,
                "place": place,
                "start": d.value,
                "end": d.end_value,
            })
    return events


# A demonstrative before a happening noun points back to one already told.
_DEMONSTRATIVE = re.compile(r"(?<![\w-])(?:ce|cet|cette|ces)\s+$", re.I)
_LAST_WORD = re.compile(r"([\w'-]+)[\s,]*$")
_LABEL_LEAD = re.compile(r"[^\w«»\"(]*")
# « La commission ... » -> « commission ... »: labels are noun phrases without their article.
_LEAD_DETERMINER = re.compile(r"^(?:(?:le|la|les|un|une|des|ce|cet|cette|ces)\s+|l['’]\s*)(?=\w)", re.I)


def _opens_span(doc: Doc, d: DateMention, lex: _Lexicon) -> bool:
    """« lancé par la Russie depuis 2022 »: the date opens a span, it does not date a happening."""
    m = _LAST_WORD.search(doc.norm, max(0, d.start - 20), d.start)
    return bool(m) and fold(m.group(1)) in lex.span_openers


def _header(doc: Doc, sent: Span, anchors: list[_Anchor]) -> tuple[_Anchor, int] | None:
    """A label heading its sentence, « Exercice « Ceinture 2026 » : ... »: the happening noun and its colon."""
    lead = _LABEL_LEAD.match(doc.norm, sent.start, sent.end)
    first = next((a for a in anchors if a.role == "nouns"), None)
    if first is None or lead is None or first.start != lead.end():
        return None
    colon = doc.norm.find(":", first.end, min(sent.end, first.end + 80))
    if colon < 0 or re.search(r"[;,.()]", doc.norm[first.end:colon]):
        return None
    return first, colon


def _person_between(persons: list[Person], start: int, end: int) -> bool:
    """« Retrait du PAGC : Zarif attendu lundi à Moscou »: a person's visit, not the label's happening."""
    return any(start <= m.start < end for p in persons for m in p.mentions)


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


def _subject(doc: Doc, sent: Span, copula: _Anchor, anchors: list[_Anchor], persons: list[Person],
             lex: _Lexicon, agreement_lex) -> _Anchor | None:
    """What a « se tiendra / a eu lieu / est attendu » dates: the happening noun before it, else its subject.

    A person before the verb makes it a visit (the meetings pass's), not an event; so
    does an encounter's noun (« le tête-à-tête est prévu lundi »), and an agreement's
    stage (« la signature est prévue mardi ») is the agreement's, not an event.
    """
    nouns = [a for a in anchors if a.role == "nouns" and a.end <= copula.start]
    if nouns:
        return nouns[-1]
    clause_start = max(sent.start, doc.norm.rfind(",", sent.start, copula.start) + 1)
    subject = doc.norm[clause_start:copula.start]
    if _PRONOUN_ONLY.fullmatch(subject):
        return None  # a pronoun alone: no happening word to name it by
    if any(clause_start <= m.start < copula.start for p in persons for m in p.mentions):
        return None
    head = _WORD.findall(subject.replace("'", " "))
    head = [w for w in head if fold(w) not in _DETERMINER_WORDS][:3]
    if head and (fold(head[0]) in lex.encounters
                 or any(_stage_noun(doc, " ".join(head[:n]), agreement_lex, whole=True) for n in (1, 2, 3))):
        return None
    if _stage_noun(doc, subject, agreement_lex):
        return None  # « dont l'entrée en vigueur est prévue en juillet »
    return _Anchor(clause_start, copula.start, "subject")


_DETERMINER_WORDS = frozenset({"le", "la", "les", "l", "un", "une", "des", "ce", "cet", "cette", "ces", "son", "sa",
                               "ses", "leur", "leurs", "du", "de", "d", "premier", "premiere", "prochain", "prochaine"})


# A comma between a date and a word is a weaker tie than none: « Après l'assassinat du général en janvier
# 2020, Moscou avait appelé à la retenue » dates the killing, not the appeal after the comma.
_COMMA_COST = 40
_RELATIVE_CLAUSE = re.compile(r",\s*(?:qui|que|qu'|dont)\s")


def _thing_before(doc: Doc, sent: Span, participle: _Anchor, anchors: list[_Anchor], persons: list[Person]) -> bool:
    """« la livraison des vaccins, attendue pour juin »: a happening noun, not a person, is what the participle follows."""
    noun = next((a for a in reversed(anchors) if a.role == "nouns" and sent.start <= a.start
                 and a.end <= participle.start), None)
    return (noun is not None and not _CLAUSE_BREAK.search(doc.norm, noun.end, participle.start)
            and not _person_between(persons, noun.end, participle.start))


def _resolved(doc: Doc, sent: Span, d: DateMention, anchors: list[_Anchor], persons: list[Person],
              lex: _Lexicon, agreement_lex) -> _Anchor | None:
    """The anchor a date belongs to, a copula resolved to its subject (the happening noun before it)."""
    best = _governor(d, anchors, doc.norm, lex.window)
    if best is not None and best.role == "copulas":
        best = _subject(doc, sent, best, anchors, persons, lex, agreement_lex)
    return best


def _governor(d: DateMention, anchors: list[_Anchor], norm: str, window: int) -> _Anchor | None:
    """The nearest anchor to the date in its clause, within the window; one across a comma counts as farther."""
    best, best_gap = None, window + 1 + _COMMA_COST
    for a in anchors:
        if d.start < a.since:
            continue
        gap = _gap(a, d, norm)
        if gap is None or gap > window:
            continue
        lo, hi = (a.end, d.start) if a.end <= d.start else (d.end, a.start)
        if norm.find(",", lo, hi) >= 0:
            if a.end <= d.start and _RELATIVE_CLAUSE.search(norm, lo, hi):
                continue  # « les sanctions ..., qui ont progressé de 20 % en 2022 »: the relative clause's date
            gap += _COMMA_COST
        if gap < best_gap:
            best, best_gap = a, gap
    return best


_ACTIVE_AUX = re.compile(r"\b(?:a|ont|avait|avaient|aura|auront)\s+(?:(?!été\b)\w+\s+)?$", re.I)
_NEXT_CLAUSE = re.compile(r",\s*(?:et|mais|puis|alors|tandis)\b|\s(?:qui|que|où|dont)\s")
# An auxiliary (and adverbs) with the participle ending a label: cut, the subject remains.
_VERB_TAIL = re.compile(r"\s+(?:a|ont|avait|avaient|est|sont|était|étaient|sera|seront|a été|ont été|avait été"
                        r"|avaient été|sera|seront)(?:\s+(?:déjà|désormais|finalement|enfin|officiellement|bien))?"
                        r"\s+\S+$")
_DANGLING = re.compile(r"\s+(?:du|de|des|le|la|les|au|à|en|entre|d'|l')$", re.I)  # a cut label's last word
_UNTIL = re.compile(r"jusqu['’]\s*(?:au|à|a|en)\s+$", re.I)


def _extends(doc: Doc, d: DateMention, events: list[dict], sent: Span) -> bool:
    """« jusqu'au 30 décembre » after the happening's start in its sentence: the end of that same event."""
    if not events or events[-1]["end"] is not None or not d.value or d.end_value:
        return False
    if not _UNTIL.search(doc.norm, max(sent.start, d.start - 10), d.start):
        return False
    start = str(events[-1]["start"])
    if len(start) == len(d.value) == 10:  # a span of days, not two dates a year apart
        return 0 < (dt.date.fromisoformat(d.value) - dt.date.fromisoformat(start)).days <= _MAX_SPAN_DAYS
    return start < d.value


_MAX_SPAN_DAYS = 120


def _what(doc: Doc, sent: Span, anchor: _Anchor, agreement_lex, anchors: list[_Anchor] = ()) -> str:
    """The happening's noun phrase; for a participle, the happening noun of its clause before it,
    else the words it follows (within its sentence): « une exposition ... est ouverte » -> « exposition ... »."""
    if anchor.role == "participles":
        noun = next((a for a in reversed(anchors) if a.role == "nouns" and sent.start <= a.start
                     and a.end <= anchor.start and not _CLAUSE_BREAK.search(doc.norm, a.end, anchor.start)), None)
        if noun is None and _ACTIVE_AUX.search(doc.norm, max(sent.start, anchor.start - 12), anchor.start):
            # « les marines ont lancé vendredi ... un exercice conjoint »: the happening is the object
            noun = next((a for a in anchors if a.role == "nouns" and a.start >= anchor.end
                         and a.start < sent.end and not _GAP_BREAK.search(doc.norm, anchor.end, a.start)
                         and not _NEXT_CLAUSE.search(doc.norm, anchor.end, a.start)), None)
        if noun is not None:
            anchor = noun
    if anchor.head is not None:  # « celui d'Aktaou »: « sommet d'Aktaou »
        tail = agreements_pass.noun_phrase(doc.text, doc.norm, anchor.end, anchor.end, agreement_lex)
        return f"{doc.text[anchor.head[0]:anchor.head[1]]} {tail}".strip()
    if anchor.role == "nouns":
        return agreements_pass.noun_phrase(doc.text, doc.norm, anchor.start, anchor.end, agreement_lex)
    if anchor.role == "subject":
        return _LEAD_DETERMINER.sub("", doc.text[anchor.start:anchor.end].strip(" ,"))
    start = max(sent.start, doc.norm.rfind(",", 0, anchor.start) + 1, doc.norm.rfind(".", 0, anchor.start) + 1)
    lead = _LABEL_LEAD.match(doc.norm, start, anchor.start)
    words = doc.text[lead.end() if lead else start:anchor.end].strip()
    subject = _VERB_TAIL.sub("", words)
    if subject != words and len(subject.split()) >= 2:
        # « Les pièces de rechange ont été livrées » -> « pièces de rechange »: the noun phrase, not the clause
        words = _LEAD_DETERMINER.sub("", subject)
    if lead is not None and lead.end() == anchor.start and start > sent.start:
        # « Le troisième cycle de négociations, ouvert le 2 février, »: the participle is an
        # apposition; what it dates is the phrase before its comma
        before = max(sent.start, doc.norm.rfind(",", sent.start, start - 1) + 1)
        phrase = doc.text[before:start - 1].strip()
        if phrase and not _GAP_BREAK.search(doc.norm, before, start - 1):
            return _LEAD_DETERMINER.sub("", phrase)
    return words


def _place(doc: Doc, sent: Span, anchor: _Anchor, d: DateMention, places: list[PlaceMention]) -> str | None:
    """A city introduced by « à » next to the happening word or its date (« se tiendra à Kazan du ... »)."""
    lo, hi = min(anchor.start, d.start), max(anchor.end, d.end)
    for p in places:
        if sent.start <= p.start < sent.end and lo - 40 <= p.start <= hi + 40:
            if _PLACE_INTRO.search(doc.norm[max(0, p.start - 14):p.start]):
                return p.name
    return None
