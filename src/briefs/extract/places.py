"""Cities, organisations and URLs named in the text.

All lexicons here (and in the topic, agreement and event passes) are compiled
into one trie-shaped regex each, matching case- and accent-insensitively, and
tried only where the Doc's word index says a key can start (see lexicon.py,
where the shared helpers `fold`, `lexicon_regex` and `lookup` live; they are
re-exported here for older imports).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain
from typing import Iterator
from bisect import bisect_left, bisect_right

from briefs.extract.lexicon import (  # noqa: F401 - fold, lexicon_regex, lookup, trie_pattern: re-exported
    Matcher, Starts, fold, fold_same_length, fold_span, lexicon_matcher, lexicon_regex, lookup, trie_pattern,
)
from briefs.extract.model import Doc, PlaceMention, covering
from briefs.knowledge import Knowledge


# ---------------------------------------------------------------- places

def _entries(kb: Knowledge, resource: str) -> Iterator[tuple[str, dict]]:
    """(name, entry) of a gazetteer list; a bare string is an entry with no variants, junk is skipped."""
    for entry in kb[resource] or []:
        if isinstance(entry, str):
            entry = {"name": entry}
        if isinstance(entry, dict) and entry.get("name"):
            yield str(entry["name"]), entry


def _place_table(kb: Knowledge) -> tuple[re.Pattern, dict[str, str]]:
    """Folded form -> record name; the first entry wins (the user's come first)."""
    table: dict[str, str] = {}
    for name, entry in _entries(kb, "places"):
        table.setdefault(fold(name), name)
        for variant in entry.get("variants") or []:
            table.setdefault(fold(str(variant)), name)
        for spelling in entry.get("spellings") or []:
            table.setdefault(fold(str(spelling)), str(spelling))
    return lexicon_matcher(table, capitalised=True), table


def find_places(doc: Doc, kb: Knowledge) -> list[PlaceMention]:
    """Every city mention, normalised French spelling, in text order.

    Any role counts (a capital standing for its government, "l'accord de
    Vienne", a dateline "MOSCOU, 3 octobre"); countries and regions are simply
    not in the gazetteer.
    """
    matcher, table = kb.compiled("places.matcher", _place_table)
    found = matcher.scan(doc)
    unknown = _unknown_places(doc, kb, table) + _dateline_place(doc, kb, table)
    if not found and not unknown:
        return []
    inside = _SpanSet(_org_spans(doc, kb))
    region = kb.compiled("places.region_before", _region_before)
    out = []
    regions: list[PlaceMention] = []
    for m in found:
        if inside.covers(m.start()):
            continue  # "Organisation de coopération de Shanghai" names no city
        name = table.get(fold_span(doc, m.start(), m.end()))
        if not name:
            continue
        if doc.norm.endswith(_REGION_LINKS, 0, m.start()) and region.search(
                doc.norm, max(0, m.start() - _REGION_BACK), m.start()):
            regions.append(PlaceMention(name, m.start(), m.end()))  # "la province d'Alep": the region
            continue
        out.append(PlaceMention(name, m.start(), m.end()))
    if regions:
        # A region named after a city the text also names on its own adds no name to the list,
        # but still tells where things happen (« le gouverneur de la région d'Astrakhan a reçu »).
        named = {p.name for p in out}
        out = sorted(out + [p for p in regions if p.name in named], key=lambda p: p.start)
    known = _SpanSet([(m.start(), m.end()) for m in found])
    for name, start, end in unknown:
        if not inside.covers(start) and not known.covers(start):  # "Deir" inside "Deir ez-Zor"
            out.append(PlaceMention(name, start, end))
    if unknown:
        out.sort(key=lambda p: p.start)
    return out


_REGION_BACK = 50  # how far before a city its region noun may start
_REGION_LINKS = ("de ", "d'", "du ", "la ", "l'")  # what ends `_region_before`: a cheap test first


def _region_before(kb: Knowledge) -> re.Pattern:
    """A region noun and its « de » ending right before a name: « la province syrienne d' », « l'oblast de ».

    Why: a known city named after it stands for the region (« la région de
    Koursk »), which SCHEMA.md leaves out of `places`; the nouns are data
    (`region_nouns` in place_patterns.yaml), up to two adjectives may follow.
    """
    nouns = _words_alt((kb["place_patterns"] or {}).get("region_nouns") or [])
    return re.compile(rf"(?i:(?<![\w-])(?:{nouns})(?:\s+[a-zéèêëàâîïôûç-]+){{0,2}}?\s+(?:de\s+(?:la\s+|l')?|d'|du\s+))$")


# ------------------------------------------------- cities not in the gazetteer

# A city name as written: capitalised words (one or two, hyphens inside: "Lagan", "Bandar Torkaman").
_UP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zß-öø-ÿ"
_CITY = rf"[{_UP}][{_LOW}]+(?:-[{_UP}{_LOW}][{_LOW}]*)*(?:\s[{_UP}][{_LOW}]+(?:-[{_UP}{_LOW}][{_LOW}]*)*)?"


# A capitalised word right after « à », « de » or « d' »: the only place an unknown city is looked for.
_AFTER_PREP = re.compile(rf"(?<![\w'])(?:à\s+|de\s+|d')(?P<x>{_CITY})(?![\w'-])")
_PREP_THEN_CITY = re.compile(rf"(?:à\s+|de\s+|d')(?P<x>{_CITY})(?![\w'-])")


def _after_preps(doc: Doc) -> list[re.Match]:
    """`_AFTER_PREP.finditer(doc.norm)`, tried only where the word index has « à », « de » or « d »."""
    positions = doc.word_index().positions
    starts = sorted(chain(positions.get(b"a", ()), positions.get(b"de", ()), positions.get(b"d", ())))
    norm = doc.norm
    match = _PREP_THEN_CITY.match
    out = []
    end = 0
    for pos in starts:
        if pos < end or (pos and (norm[pos - 1].isalnum() or norm[pos - 1] in "_'")):
            continue
        m = match(norm, pos)
        if m is not None:
            out.append(m)
            end = m.end()
    return out
_BACK = 110  # how far before the name its cue may start


@dataclass
class _CityCues:
    before: tuple[re.Pattern, ...]  # cues ending right before the name (searched with endpos = its start)
    after: tuple[re.Pattern, ...]   # cues starting right after it (matched at its end)
    rejected: frozenset[str]        # folded words that are never a city here: first names, countries, organisations


def _words_alt(words) -> str:
    out = []
    for w in sorted({str(w).strip() for w in words if w}, key=len, reverse=True):
        out.append(re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]"))
    return "|".join(out) or "(?!)"


def _literal_char(ch: str) -> str:
    return r"\s+" if ch == " " else "['’]" if ch == "'" else re.escape(ch)


def _city_cues(kb: Knowledge) -> _CityCues:
    from briefs.extract import actors  # the person tables: first names, gazetteer surnames, nationalities

    conf = kb["place_patterns"] or {}
    nouns = _words_alt(conf.get("nouns") or [])
    near = _words_alt(conf.get("neighbourhood") or [])
    hosting = _words_alt(conf.get("hosting") or [])
    known_forms = []
    for name, entry in _entries(kb, "places"):
        known_forms += [name, *(str(v) for v in entry.get("variants") or [])]
    known = trie_pattern({f.strip() for f in known_forms if f.strip()}, char=_literal_char)
    prep = r"(?:à\s+|de\s+|d')"
    before = (
        # « la ville de X », « le port caspien de X »
        re.compile(rf"(?i:\b(?:la|le|l'|du|de\s+la|au|à\s+la|dans\s+la|dans\s+le)\s*(?:{nouns})"
                   rf"(?:\s+[a-zéèêëàâîïôûç-]+){{0,2}}?\s+(?:de\s+|d'))$"),
        # « à Lagan, près de Y »: Y
        re.compile(rf"(?<![\w'])à\s+{_CITY},\s+(?i:{near})\s*$"),
        # « se tiendra les 3 et 4 mai à X »
        re.compile(rf"(?i:\b(?:{hosting}))\b[^.;:!?«»\n]{{0,60}}?(?<![\w'])à\s+$"),
        # « de Homs et de X »
        re.compile(rf"(?<![\w']){prep}(?:{known})\s+et\s+{prep}$"),
    )
    after = (
        re.compile(rf",\s+(?i:{near})"),                                # « à X, près de ... »
        re.compile(rf"\s+et\s+{prep}(?:{known})(?![\w'-])"),          # « de X et de Homs »
    )
    t = actors.tables(kb)
    rejected = set(t.first_names) | set(t.not_names) | set(t.gaz_surname) | set(t.gaz_full) | set(t.not_spans)
    rejected -= {fold(n) for n, _ in _entries(kb, "places")}
    rejected |= {fold(str(w)) for w in conf.get("not_cities") or []}
    return _CityCues(before, after, frozenset(rejected))


def _unknown_places(doc: Doc, kb: Knowledge, table: dict[str, str]) -> list[tuple[str, int, int]]:
    """Cities the gazetteer does not know, named in a construction only a city fits.

    « la ville de X », « le port de X », « à X, près de Y », « se tiendra ... à X »,
    « de Homs et de X » (coordinated with a known city). Only a capitalised
    word after « à / de / d' » that is no known city, person, organisation or
    country is looked at, so the cues are tried a few times per text at most.
    Every later mention of such a name counts as well (« Après X, il ira à Pékin »).
    """
    norm = doc.norm
    if "à " not in norm and "de " not in norm and "d'" not in norm:
        return []
    cues: _CityCues | None = None
    names: dict[str, str] = {}
    for m in _after_preps(doc):
        word = m.group("x")
        key = fold(word)
        if key in table or key in names:
            continue
        if cues is None:
            cues = kb.compiled("places.unknown", _city_cues)
        parts = key.split(" ")
        if key in cues.rejected or parts[0] in cues.rejected or parts[-1] in cues.rejected:
            continue
        start, end = m.start("x"), m.end("x")
        lo = max(0, start - _BACK)
        is_at = norm.startswith("à", m.start())
        if not (any(rx.search(norm, lo, start) for rx in cues.before)
                or any(rx.match(norm, end) for rx in (cues.after if is_at else cues.after[1:]))):
            continue
        names[key] = doc.text[start:end] if len(doc.text) == len(norm) else word
    if not names:
        return []
    again = re.compile(r"(?<![\w'-])(?:" + "|".join(re.escape(n) for n in sorted(names.values(), key=len, reverse=True)) + r")(?![\w'-])")
    return [(names[fold(m.group())], m.start(), m.end()) for m in again.finditer(doc.text if len(doc.text) == len(norm) else norm)]


def _dateline(kb: Knowledge) -> re.Pattern:
    """A line opening with a place name then an agency in brackets or a date, then the text.

    « SARAVAN (AFP) - », « MIANDOAB, 4 mai - », « Roudsar, Iran (Reuters) - »: a
    wire's dateline names the city it was filed from, known to the gazetteer or not.
    """
    months = _words_alt((kb["place_patterns"] or {}).get("months") or [])
    up, low = _UP, _LOW
    word = rf"[{up}][{up}{low}]+(?:-[{up}{low}][{up}{low}]*)*"
    return re.compile(
        rf"(?P<x>{word}(?:[ ]{word}){{0,2}})"
        rf"(?=[ \t]*\([^()\n]{{1,30}}\)[ \t]*[-–—]"
        rf"|,[ \t]*(?:le[ \t]+)?\d{{1,2}}(?:er)?[ \t]+(?i:{months})\b"
        rf"|,[ \t]*{word}[ \t]*\([^()\n]{{1,30}}\)[ \t]*[-–—])")


def _dateline_place(doc: Doc, kb: Knowledge, table: dict[str, str]) -> list[tuple[str, int, int]]:
    """The city of a dateline the gazetteer does not know (known ones are matched like any mention)."""
    if "(" not in doc.norm and "," not in doc.norm:
        return []
    out = []
    dateline = kb.compiled("places.dateline", _dateline)
    norm = doc.norm
    for line in doc.lines:  # tried at each line's start only
        if not norm[line.start].isupper():
            continue
        m = dateline.match(norm, line.start, line.end)
        if m is None:
            continue
        word = m.group("x")
        key = fold(word)
        if key in table:
            continue
        rejected = kb.compiled("places.unknown", _city_cues).rejected
        if key in rejected or any(part in rejected for part in key.split(" ")):
            continue
        name = "-".join(" ".join(w.capitalize() for w in part.split(" ")) for part in word.split("-")) \
            if word.isupper() else word
        out.append((name, m.start("x"), m.end("x")))
    return out


class _SpanSet:
    """Is an offset inside any of these spans? By bisection, so a long text stays linear."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.reach: list[int] = []  # furthest end among the spans up to each index
        for _, e in spans:
            self.reach.append(max(e, self.reach[-1]) if self.reach else e)

    def covers(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and self.reach[i] > pos


# ---------------------------------------------------------- organisations

def _org_table(kb: Knowledge) -> tuple[Matcher, dict[str, tuple[str, bool]], re.Pattern, Starts | None,
                                       frozenset[str], frozenset[str]]:
    """Folded form -> (record name, form is an acronym); acronyms must be written in capitals.

    With the generic name regex, where its heads start, and the stop and linking words that cut a generic name.
    """
    table: dict[str, tuple[str, bool]] = {}
    for name, entry in _entries(kb, "organizations"):
        for form in [name, *(str(v) for v in entry.get("variants") or [])]:
            table.setdefault(fold(form), (name, _is_acronym(form)))
    generic = kb["organization_patterns"] or {}
    regex, heads = _generic_org_regex(generic)
    stops = frozenset(w.lower() for w in generic.get("stop_words") or [])
    preps = frozenset(w.lower() for w in generic.get("linking_words") or [])
    return lexicon_matcher(table, inside_compound=False), table, regex, heads, stops, preps


def _is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _generic_org_regex(conf: dict) -> tuple[re.Pattern, Starts | None]:
    """A capitalised head (`Conseil`, `Commission`...) or `ministère`-like lower head, then its words.

    Why this shape: French institution names are a head noun followed by
    agreeing adjectives and prepositional complements ("Commission permanente
    russo-iranienne de coopération commerciale et économique"); the words are
    cut at the first clause break by `_org_words`.
    """
    heads = conf.get("heads") or ["Conseil", "Commission", "Organisation", "Agence", "Comité", "Fonds"]
    lower_heads = conf.get("lower_heads") or ["ministère", "commission"]
    head = "|".join(re.escape(h) for h in heads)
    lhead = "|".join(re.escape(h) for h in lower_heads)
    regex = re.compile(rf"\b(?:{head}|{lhead})\b(?:[ ]+[\w'-]+){{1,12}}")
    # Where a head can start, for the word index (None: a full scan).
    return regex, Starts.of(fold_same_length(h) for h in [*heads, *lower_heads])


def _org_words(words: list[str], stops: frozenset[str], preps: frozenset[str]) -> list[str]:
    """Keep the head and its complements, up to a verb, pronoun or unrelated preposition."""
    out = [words[0]]
    for i, word in enumerate(words[1:], 1):
        low = word.lower()
        nxt = words[i + 1].lower() if i + 1 < len(words) else ""
        if low in stops:
            break
        if low == "et" and (not nxt or nxt in preps or nxt in stops or words[i + 1][:1].isupper()):
            break
        out.append(word)
    while len(out) > 1 and (out[-1].lower() in preps or out[-1].lower() == "et" or out[-1].endswith("'")):
        out.pop()
    return out


def _org_spans(doc: Doc, kb: Knowledge) -> list[tuple[int, int]]:
    """Spans of multi-word gazetteer organisations ("Organisation de coopération de Shanghai")."""
    matcher = kb.compiled("organizations.matcher", _org_table)[0]
    return [(m.start(), m.end()) for m in matcher.scan(doc) if " " in m.group().strip()]


def find_organizations(doc: Doc, kb: Knowledge) -> list[str]:
    """Organisations named: gazetteer entries, then generic institution names, in text order."""
    matcher, table, generic, heads, stops, preps = kb.compiled("organizations.matcher", _org_table)
    found: list[tuple[int, int, str]] = []
    for m in matcher.scan(doc):
        hit = table.get(fold_span(doc, m.start(), m.end()))
        if hit and (not hit[1] or _is_acronym(m.group())):
            found.append((m.start(), m.end(), hit[0]))
    norm = doc.norm
    starts = None if heads is None else doc.word_index().starts(heads)
    # Generic names come in text order, each past the end of the one before: only the
    # gazetteer's can hold a later start.
    in_known = covering(found)
    pos = i = 0
    while True:
        if starts is None:
            m = generic.search(norm, pos)
        else:  # the search, tried only where a head can start
            m = None
            i = bisect_left(starts, pos, i)
            while i < len(starts):
                m = generic.match(norm, starts[i])
                if m is not None:
                    break
                i += 1
        if m is None:
            break
        words = _org_words(doc.text[m.start():m.end()].split(" "), stops, preps)
        end = m.start() + len(" ".join(words))
        pos = max(end, m.start() + 1)  # the cut-off words may open the next name
        if in_known(m.start()):
            continue
        if len(words) >= 2 and (words[0][0].isupper() or any(w[:1].isupper() for w in words[1:])):
            found.append((m.start(), end, " ".join(words)))
    found.sort()
    seen: dict[str, str] = {}
    for _, _, name in found:
        seen.setdefault(fold(name), name)
    return list(seen.values())


# ---------------------------------------------------------------- URL

_URL = re.compile(r"https?://[^\s<>\"'«»)\]]+")


def find_url(doc: Doc) -> str | None:
    """First http(s) URL in the text, without trailing punctuation."""
    m = _URL.search(doc.text)
    return m.group().rstrip(".,;:!?") if m else None
