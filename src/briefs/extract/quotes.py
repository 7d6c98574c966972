"""Quotes: quoted words of five words or more, attributed to a named person.

French reports a quote in a few fixed shapes, tried in this order:
  « ... », a déclaré M. X / a souligné le ministre russe / égraine le communiqué
  « ... », a-t-il ajouté / précise-t-il        (the last singular speaker)
  X a affirmé : « ... » / selon X, « ... » / X a assuré que ... « ... »
The speaker is a person mention, or a title (« le ministre iranien ») read
back to the last person it fits; a communiqué, a document or a press service
as speaker drops the quote. Vocabulary lives in resources/quotes.yaml.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from briefs.extract.model import Doc, Person
from briefs.extract.lexicon import fold, lexicon_regex, lookup
from briefs.knowledge import Knowledge

_QUOTE = re.compile(r"«([^«»]+)»|\"([^\"\n]+)\"")
# `_QUOTE` for a text with no '"': led by one literal character, which `re` skips to far faster than to a set.
_GUILLEMETS = re.compile(r"«([^«»]+)»")
# An inverted subject pronoun after the quote: « ... », a-t-il ajouté / précise-t-elle /
# aurait-il confié / dit-il; or « ... », selon lui.
_PRONOUN = re.compile(
    r"^\s*[,.]?\s*(?:[^\W\d_]{1,20}-(?:t-)?(?:il|elle)\b|(?:selon|d'après)\s+(?:lui|elle)\b)")
# The same pronoun speaking before a quote: « Il a ajouté : « ... » », « Selon elle, « ... » ».
_PRONOUN_BEFORE = re.compile(
    r"(?:^|[\s,;])(?:(?:il|elle)\s+(?:[^\W\d_']+\s+){1,3}|(?:selon|d'après)\s+(?:lui|elle)\s*)[,:]?\s*$",
    re.IGNORECASE)
_MIN_WORDS = 5
# A sentence stop, not the dot of « M. », « Mme. » or an initial. The stop character comes
# first and the lookbehinds check it with what precedes, so `re` jumps from stop to stop.
_STOP = re.compile(r"[.!?](?<!\bM[.!?])(?<!\bMM[.!?])(?<!\bMme[.!?])(?<!\bDr[.!?])(?<!\b[A-Z][.!?])(?:\s|$)|\n")


@dataclass
class _Lexicon:
    saying: re.Pattern
    sources: re.Pattern
    titles: re.Pattern
    according: re.Pattern
    objects: re.Pattern  # « X a rencontré Y »: the verbs after which a person is an object, not « il »
    clauses: re.Pattern  # « X a démenti que Y ... »: words opening a clause whose persons are not « il »
    anaphors: re.Pattern  # « ce dernier », « celle-ci »: the person named last
    countries: dict[str, str]  # folded nationality adjective (all forms) -> ISO code
    office_roles: dict[str, list[tuple[str, int | None, int | None]]]  # folded name -> gazetteer (role, from, to)
    title_roles: list[tuple[str, str]]  # folded title phrase -> folded role word it stands for, longest first
    bodies: re.Pattern  # any form of a known organisation (« AIEA », « Agence internationale de l'énergie atomique »)
    body_forms: dict[str, tuple[str, ...]]  # folded form -> every folded form of the same organisation


def _build(kb: Knowledge) -> _Lexicon:
    conf = kb["quotes"] or {}

    def rx(key: str) -> re.Pattern:
        return lexicon_regex({fold(str(w)) for w in conf.get(key) or []}, inside_compound=False)

    countries: dict[str, str] = {}
    for adj, code in ((kb["nationalities"] or {}).get("adjectives") or {}).items():
        base = fold(str(adj))
        forms = [base, base + "e", base + "s", base + "es"]
        if base.endswith(("ien", "en")):
            forms += [base + "ne", base + "nes"]
        for f in forms:
            countries.setdefault(f, str(code))
    synonyms = sorted(((fold(str(k)), fold(str(v))) for k, v in (conf.get("title_roles") or {}).items()),
                      key=lambda kv: -len(kv[0]))
    return _Lexicon(rx("saying"), rx("sources"), rx("titles"), rx("according"), rx("object_verbs"),
                    rx("clause_words"), rx("anaphors"), countries, _office_roles(kb), synonyms, *_bodies(kb))


def _bodies(kb: Knowledge) -> tuple[re.Pattern, dict[str, tuple[str, ...]]]:
    """Every form of every organisation, and the forms that name the same one.

    Why: « le chef de l'AIEA » is the person whose role names the « Agence
    internationale de l'énergie atomique » in full; organizations.yaml links the two.
    """
    forms: dict[str, tuple[str, ...]] = {}
    for entry in kb["organizations"] or []:
        if not isinstance(entry, dict) or not entry.get("name"):
            continue
        same = tuple(dict.fromkeys(fold(str(n)) for n in [entry["name"]] + list(entry.get("variants") or []) if n))
        for f in same:
            forms.setdefault(f, same)
    return lexicon_regex(forms, inside_compound=False), forms


# What joins a title to the body it heads: « le chef de l'AIEA », « le patron du Kremlin ».
_OF_BODY = re.compile(r"\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d')")


def _office_roles(kb: Knowledge) -> dict[str, list[tuple[str, int | None, int | None]]]:
    """Every gazetteer name and variant -> its dated roles.

    Why: a text often names a president or a minister bare (« Massoud
    Pezechkian a reçu ... ») and later quotes « le président iranien »; the
    office held that year tells which of the persons named the title is.
    """
    table: dict[str, list[tuple[str, int | None, int | None]]] = {}
    for entry in kb["persons"] or []:
        if not isinstance(entry, dict) or not entry.get("roles"):
            continue
        roles = [(fold(str(r.get("role") or "")), r.get("from"), r.get("to"))
                 for r in entry["roles"] if isinstance(r, dict) and r.get("role")]
        for name in [entry.get("name")] + list(entry.get("variants") or []):
            if name:
                table.setdefault(fold(str(name)), roles)
    return table


@dataclass(frozen=True)
class _PersonMention:
    start: int
    end: int
    person: Person


def _person_mentions(persons: list[Person]) -> list[_PersonMention]:
    return sorted((_PersonMention(m.start, m.end, p) for p in persons for m in p.mentions), key=lambda m: m.start)


def _start(m: _PersonMention) -> int:
    return m.start


def _first_from(mentions: list[_PersonMention], lo: int, hi: int) -> _PersonMention | None:
    """The first mention (in text order) starting in [lo, hi): a search, not a walk from the text's start."""
    i = bisect_left(mentions, lo, key=_start)
    return mentions[i] if i < len(mentions) and mentions[i].start < hi else None


def find_quotes(doc: Doc, kb: Knowledge, persons: list[Person]) -> list[dict]:
    """Quotes of at least five words with a named person as speaker, in text order."""
    if "«" not in doc.norm and '"' not in doc.norm:
        return []
    lex: _Lexicon = kb.compiled("quotes.lexicon", _build)
    mentions: list[_PersonMention] | None = None  # built for the first quote long enough
    out = []
    for q in (_QUOTE if '"' in doc.norm else _GUILLEMETS).finditer(doc.norm):
        inner_start, inner_end = q.span(1) if q.group(1) is not None else q.span(2)
        words = doc.norm[inner_start:inner_end].split()
        if len(words) < _MIN_WORDS:
            continue
        if mentions is None:
            mentions = _person_mentions(persons)
        speaker = _speaker(doc, q.start(), q.end(), mentions, lex)
        if speaker:
            out.append({"speaker": speaker.name, "text": doc.text[inner_start:inner_end].strip()})
    return out


def _speaker(doc: Doc, qs: int, qe: int, mentions: list[_PersonMention], lex: _Lexicon) -> Person | None:
    sent = doc.sentence_at(qs) or doc.sentence_at(max(0, qe - 1))
    sent_start = sent.start if sent else 0
    sent_end = max(sent.end if sent else qe, qe)
    follow_end = _sentence_end(doc, qe)
    after = doc.norm[qe:follow_end]
    if _PRONOUN.match(after):
        return _pronoun(doc, qs, mentions, lex)
    found = _after_quote(doc, qe, follow_end, mentions, lex)
    if found is not None:
        return found or None
    found = _before_quote(doc, sent_start, qs, mentions, lex)
    if found is None and _pronoun_before(doc, sent_start, qs, lex):
        return _pronoun(doc, qs, mentions, lex)
    return found


def _pronoun_before(doc: Doc, start: int, qs: int, lex: _Lexicon) -> bool:
    """« Il a ajouté : « ... » / Selon elle, « ... »: a subject pronoun with a verb of saying just before."""
    window = doc.norm[max(start, qs - 60):qs]
    m = _PRONOUN_BEFORE.search(window)
    if not m:
        return False
    return m.group().strip(" ,:").lower().startswith(("selon", "d'après")) or lex.saying.search(window, m.start()) is not None


def _sentence_end(doc: Doc, qe: int) -> int:
    """End of the words that follow a quote: the next sentence stop (a quote may end its sentence)."""
    m = _STOP.search(doc.norm[qe:qe + 220])
    return qe + (m.start() if m else min(220, len(doc.norm) - qe))


def _after_quote(doc: Doc, qe: int, end: int, mentions: list[_PersonMention], lex: _Lexicon):
    """« ... », a déclaré X: returns the Person, False (a source spoke: drop), or None (no attribution)."""
    after = doc.norm[qe:end]
    # English order: "...," Lavrov said.
    first = _first_from(mentions, qe, qe + 5)
    if first and lex.saying.match(doc.norm, first.end + 1, end):
        return first.person
    verb = lex.saying.search(doc.norm, qe, min(end, qe + 60))
    if not verb or not re.fullmatch(r"[\s,]*(?:\w+\s+){0,3}", doc.norm[qe:verb.start()]):
        return None
    limit = min(end, verb.end() + 90)
    anaphor = lex.anaphors.match(doc.norm, verb.end() + 1) or lex.anaphors.match(doc.norm, verb.end())
    if anaphor:  # « ... », a ajouté ce dernier
        hit = _last_before(mentions, qe)
        return hit.person if hit else None
    person = _first_subject(doc, mentions, verb.end(), limit)
    # « a déclaré à l'agence RIA Novosti M. X »: the outlet spoken to is no speaker
    source = next((m for m in lex.sources.finditer(doc.norm, verb.end(), limit)
                   if not _ADDRESSEE.search(doc.norm, max(0, m.start() - 12), m.start())), None)
    title = lex.titles.search(doc.norm, verb.end(), limit)
    first_pos = min(x for x in (person.start if person else None, source.start() if source else None,
                                title.start() if title else None, limit) if x is not None)
    if source and source.start() == first_pos:
        return False
    if person and (person.start == first_pos or (title and title.start() == first_pos and _names_title(doc, title, person))):
        return person.person
    if title:
        return _resolve_title(doc, title, qe, mentions, lex) or False
    del after
    return None


def _names_title(doc: Doc, title: re.Match, person: _PersonMention) -> bool:
    """« a déclaré le ministre russe X »: X is the title's name, unless a preposition
    between them makes X a complement (« a affirmé le président russe devant le
    ministre turc X »: the title speaks)."""
    return _COMPLEMENT.search(doc.norm, title.end(), person.start) is None


# Prepositions whose complement is someone other than the one speaking.
_COMPLEMENT = re.compile(r"\b(?:avec|auprès|par|devant|à|aux?|pour|contre|envers)\s", re.IGNORECASE)


def _first_subject(doc: Doc, mentions: list[_PersonMention], lo: int, hi: int) -> _PersonMention | None:
    """The first person in [lo, hi) that is no complement (« a déclaré après sa rencontre avec Y, X »)."""
    i = bisect_left(mentions, lo, key=_start)
    first = None
    while i < len(mentions) and mentions[i].start < hi:
        m = mentions[i]
        first = first or m
        if not _OBJECT_BEFORE.search(doc.norm, max(lo, m.start - 70), m.start):
            return m
        i += 1
    return first


def _before_quote(doc: Doc, start: int, qs: int, mentions: list[_PersonMention], lex: _Lexicon) -> Person | None:
    """X a affirmé : « ... » / selon X, « ... »: the latest person, source or « selon + title » before it.

    The person is the latest one that is no complement of another's verb
    (« X, qui a rencontré Y, a déclaré : », « X a affirmé devant Y que »).
    """
    j = bisect_left(mentions, qs, key=_start) - 1
    latest = j
    while j >= 0 and mentions[j].start >= start and (
            _OBJECT_BEFORE.search(doc.norm, max(start, mentions[j].start - 70), mentions[j].start)
            or _object_of_earlier(doc, j, mentions, lex)):
        j -= 1
    if j < 0 or mentions[j].start < start:
        j = latest
    person = mentions[j] if j >= 0 and mentions[j].start >= start else None
    source_at = max((s.start() for s in lex.sources.finditer(doc.norm, start, qs) if _introduced(doc, s.start(), lex)),
                    default=-1)
    titles = [t for t in lex.titles.finditer(doc.norm, start, qs)
              if _introduced(doc, t.start(), lex) or _opens_sentence(doc, start, t.start())]
    best = max(person.start if person else -1, source_at, titles[-1].start() if titles else -1)
    if best < 0:
        anaphor = lex.anaphors.search(doc.norm, start, qs)
        if anaphor and _opens_sentence(doc, start, anaphor.start()):  # « Ce dernier a déclaré : « ... » »
            hit = _last_before(mentions, anaphor.start())
            return hit.person if hit else None
        return None
    if person and person.start == best:
        return person.person
    if titles and titles[-1].start() == best:
        return _resolve_title(doc, titles[-1], qs, mentions, lex)
    return None


# « à l'agence », « au quotidien », « aux journalistes », « devant la presse »: who was spoken to.
_ADDRESSEE = re.compile(r"(?:\b(?:à|devant)\s+(?:la\s+|les\s+|l')?|\baux?\s+)$", re.IGNORECASE)

# Only a determiner (or nothing) between the start of a sentence and its subject.
_SUBJECT_START = re.compile(r"\s*(?:(?:le|la|les|l')\s*)?", re.IGNORECASE)


def _opens_sentence(doc: Doc, start: int, pos: int) -> bool:
    """« Le président russe a assuré que « ... » »: the title is the subject of its sentence."""
    return _SUBJECT_START.fullmatch(doc.norm, start, pos) is not None


def _last_before(mentions: list[_PersonMention], pos: int) -> _PersonMention | None:
    """The person mention ending last before `pos` (« ce dernier »)."""
    i = bisect_left(mentions, pos, key=_start) - 1
    return mentions[i] if i >= 0 else None


def _introduced(doc: Doc, pos: int, lex: _Lexicon) -> bool:
    """« selon le communiqué », « d'après un responsable »: an attribution word a few words before."""
    window = doc.norm[max(0, pos - 25):pos]
    return any(m.end() >= len(window) - 12 for m in lex.according.finditer(window))


def _pronoun(doc: Doc, qs: int, mentions: list[_PersonMention], lex: _Lexicon) -> Person | None:
    """« a-t-il ajouté »: the last singular person before, unless a source was cited after them."""
    for i in range(len(mentions) - 1, -1, -1):
        m = mentions[i]
        if m.start >= qs:
            continue
        if _coordinated(doc, m, mentions):
            continue
        if _OBJECT_BEFORE.search(doc.norm, max(0, m.start - 70), m.start):
            continue  # « ... avec son homologue X. « ... », a-t-il dit »: « il » is the subject, not X
        if _object_of_earlier(doc, i, mentions, lex):
            continue  # « X a rencontré le commandant Y. « ... », aurait-il déclaré »: « il » is X;
            # « X a démenti que Y viendrait. « ... », a-t-il dit »: « il » is X
        sources = [s for s in lex.sources.finditer(doc.norm, m.end, qs) if _introduced(doc, s.start(), lex)]
        return None if sources else m.person
    return None


def _object_of_earlier(doc: Doc, i: int, mentions: list[_PersonMention], lex: _Lexicon) -> bool:
    """Whether mentions[i] follows another person of its sentence and a verb taking it as object."""
    m = mentions[i]
    sent = doc.sentence_at(m.start)
    lo = sent.start if sent else max(0, m.start - 200)
    for j in range(i - 1, -1, -1):
        other = mentions[j]
        if other.start < lo:
            break
        if other.person is m.person:
            continue
        verbs = list(lex.objects.finditer(doc.norm, max(other.end, m.start - 80), m.start))
        # the verb governs the name only when no verb of saying (« , a annoncé ») comes between them
        if verbs and not lex.saying.search(doc.norm, verbs[-1].end(), m.start):
            return True
        # « X a démenti les informations selon lesquelles Y viendrait »: Y is in X's clause
        if lex.clauses.search(doc.norm, max(other.end, m.start - 120), m.start):
            return True
    return False


# A person named as the complement of « avec » / « auprès de » / « par »: not the subject « il » stands for.
_OBJECT_BEFORE = re.compile(r"\b(?:avec|auprès d[eu']|auprès des|par|devant)\s+(?:(?:son|sa|ses|leur|le|la|les|l')\s*[^,.;«»\n]{0,60}?)?$")


_COORD_GAP = 40
_LONGEST_NAME = 200  # no mention of a person is longer: bounds the neighbours looked at


def _coordinated(doc: Doc, m: _PersonMention, mentions: list[_PersonMention]) -> bool:
    """« Patrouchev et Ahmadian ont ... »: a plural subject is not « il »."""
    lo = bisect_left(mentions, m.start - _COORD_GAP - _LONGEST_NAME, key=_start)
    hi = bisect_left(mentions, m.end + _COORD_GAP + 1, key=_start)
    for other in mentions[lo:hi]:  # the neighbours only: a walk over all made long texts quadratic
        if not (0 < other.start - m.end <= _COORD_GAP or 0 < m.start - other.end <= _COORD_GAP):
            continue  # « et » joins neighbours only; slicing far apart mentions made long texts quadratic
        between = doc.norm[m.end:other.start] if other.start > m.end else doc.norm[other.end:m.start]
        if other.person is not m.person and re.fullmatch(r"\s+et\s+(?:M\.\s+)?", between):
            return True
    return False


def _resolve_title(doc: Doc, title: re.Match, before: int, mentions: list[_PersonMention], lex: _Lexicon) -> Person | None:
    """« le ministre iranien »: the last person before whose role has the title word and the country.

    The role is the one stated in the text, or else an office the gazetteer
    gives the person in the text's year; a title standing for an office
    (« le chef de la diplomatie » for the foreign minister, « le dirigeant »
    for the president) is read as that office (`title_roles` in quotes.yaml).
    """
    phrase = fold(doc.norm[title.start():title.start() + 60])
    key, head = next(((k, r) for k, r in lex.title_roles if phrase.startswith(k)), ("", fold(title.group())))
    words = re.findall(r"[\w-]+", phrase[len(key):]) if key else re.findall(r"[\w-]+", phrase)[1:]
    country = next((lex.countries[w] for w in words[:4] if w in lex.countries), None)
    # folding turns « vice-président » into « vice president »: a deputy does not hold the title
    word = re.compile(rf"(?<![\w-])(?<!vice )(?<!sous ){re.escape(head)}(?![\w-])")
    link = None if key else _OF_BODY.match(doc.norm, title.end())
    body = lex.bodies.match(doc.norm, link.end()) if link else None
    if body:  # « le chef de l'AIEA »: whoever's role names that body, in any of its forms
        forms = lex.body_forms.get(fold(body.group()), ())
        word = re.compile("|".join(rf"(?<![\w-]){re.escape(f)}(?![\w-])" for f in forms) or "(?!)")
    year = doc.published.year if doc.published else None
    prior = [m for m in reversed(mentions) if m.start < before]
    holds = {}  # person id -> whether a role of theirs carries the title word

    def titled(p: Person) -> bool:
        if id(p) not in holds:
            holds[id(p)] = bool(word.search(fold(p.role or ""))) or any(
                word.search(role) for role in _offices(p, lex, year))
        return holds[id(p)]

    for keep in (
        lambda p: titled(p) and (country is None or p.country == country),
        lambda p: country is not None and p.country == country,
        lambda p: country is None and titled(p),
        lambda p: country is None,
    ):
        hit = next((m.person for m in prior if keep(m.person)), None)
        if hit:
            return hit
    return None


def _offices(p: Person, lex: _Lexicon, year: int | None) -> list[str]:
    """The gazetteer roles of `p` held in `year` (all of them when the year is unknown)."""
    for name in [p.name] + list(p.aliases):
        roles = lex.office_roles.get(fold(name))
        if roles:
            return [r for r, lo, hi in roles
                    if year is None or ((lo is None or int(lo) <= year) and (hi is None or year <= int(hi)))]
    return []
