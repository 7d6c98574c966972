"""Meetings: encounters, visits, calls and summits with date, place, participants.

A frame is a clause holding a meeting cue (meetings.yaml). Its participants
are the persons named in the clause, less those who only report it (`a
annoncé que`, `, a indiqué X`); a pronoun subject stands for the last named
subject. Its date is the date expression nearest the cue in the clause, else
the date of the report in the same sentence; its place the city of the
clause that is not part of a title. Frames are then resolved against each
other, in text order: a frame without a date takes the date of the meeting it
continues (a talk during a dated visit); frames telling the same encounter
(same date, one set of participants within the other, kinds alike) merge.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from operator import attrgetter

from briefs.extract import dates as dates_mod
from briefs.extract.lexicon import prefix_guard as _prefix_guard
from briefs.extract.model import Doc, Person, PlaceMention
from briefs.knowledge import Knowledge

# Kinds that tell one encounter in different words; a merge never crosses groups.
_KIND_GROUP = {"rencontre": 0, "visite": 0, "sommet": 1, "réunion": 1, "entretien téléphonique": 2}


def _alt(patterns) -> str:
    return "|".join(f"(?:{p})" for p in sorted((str(p) for p in patterns or []), key=len, reverse=True))


def _guarded(pattern: str, flags: int = 0) -> re.Pattern:
    """`pattern` behind its `prefix_guard`: same matches, but a position that begins none fails at once.

    Worth it for the patterns searched anchored at the end of a short window
    (`...$`), which sre otherwise tries from every position of the window.
    """
    return re.compile(_prefix_guard(pattern, flags) + pattern, flags)


def _word(patterns) -> str:
    """Whole-word alternation: not inside a word, not glued to a following letter.

    The alternation's `prefix_guard` stands after the word-start check (which
    rejects most positions first): a word start that begins no alternative fails
    on its first letters instead of trying each alternative.
    """
    body = f"(?:{_alt(patterns)})"
    return rf"(?<![\w-]){_prefix_guard(body)}{body}(?![\w-])"


@dataclass
class _Tables:
    cue: re.Pattern
    kinds: list[str]
    remote: re.Pattern
    signing: re.Pattern
    not_cue: re.Pattern
    anaphoric_start: re.Pattern
    demonstrative: re.Pattern
    reporting_que: re.Pattern
    reporting_tail: re.Pattern
    reporting: re.Pattern
    splitter: re.Pattern
    pronoun_start: re.Pattern
    plural_anaphor: re.Pattern
    plural_start: re.Pattern
    counted: re.Pattern
    numbers: dict[str, int]
    counted_roles: dict[str, list[str]]
    alias: re.Pattern
    alias_city: dict[str, str]
    not_here: re.Pattern
    title_word: re.Pattern
    title_rest: re.Pattern
    at_before: re.Pattern
    foreign_date: re.Pattern
    there_before: re.Pattern
    circumstantial: re.Pattern
    anaphoric_time: re.Pattern
    parallel: re.Pattern
    synonyms: re.Pattern
    synonym_heads: dict[str, str]
    day_shift: re.Pattern
    day_shifts: dict[str, int]
    with_word: re.Pattern
    happening: re.Pattern
    recalling: re.Pattern
    apposition_shift: re.Pattern
    national_subject: re.Pattern
    also: re.Pattern
    nationality: dict[str, str]
    joining: re.Pattern
    joining_starts: tuple[str, ...]
    joining_before: re.Pattern
    occasion: re.Pattern
    gathering: re.Pattern
    national_plural: re.Pattern
    sender: re.Pattern
    sender_noun: re.Pattern
    repeated: re.Pattern
    report_before: re.Pattern
    summit_subject: re.Pattern
    own_occasion: re.Pattern
    since: re.Pattern
    upcoming: re.Pattern = re.compile("(?!)")
    org_head: re.Pattern = re.compile("(?!)")
    kind_by_clause: tuple[tuple[str, frozenset[str], re.Pattern | None, re.Pattern], ...] = ()


def _build(kb: Knowledge) -> _Tables:
    conf = kb["meetings"] or {}
    cues = conf.get("cues") or {}
    kinds = list(cues)
    groups = "|".join(f"(?P<k{i}>{_alt(str(c).lower() for c in cues[k])})" for i, k in enumerate(kinds))
    signing = _alt(str(c).lower() for c in conf.get("signing") or [])
    talk = _alt(str(c).lower() for c in conf.get("talk_with") or []) or "(?!)"
    whom = _alt(str(c).lower() for c in conf.get("before_whom") or []) or "(?!)"
    hand = _alt(str(c).lower() for c in conf.get("hand_to") or []) or "(?!)"
    cue_body = rf"(?:{groups}|(?P<sign>{signing})|(?P<talk>{talk})|(?P<whom>{whom})|(?P<hand>{hand}))"
    rep = _alt(conf.get("reporting") or [])
    counted = conf.get("counted_anaphors") or {}
    numbers = {str(k).lower(): int(v) for k, v in (counted.get("numbers") or {}).items()}
    nouns = {str(k).lower(): [str(w).lower() for w in v or []] for k, v in (counted.get("nouns") or {}).items()}
    aliases = {str(k).casefold(): str(v) for k, v in (conf.get("place_aliases") or {}).items()}
    shifts = conf.get("day_shifts") or {}
    nationality: dict[str, str] = {}
    for adj, code in ((kb["nationalities"] or {}).get("adjectives") or {}).items():
        adj = str(adj).lower()
        forms = [adj, adj + "e", adj + "s", adj + "es"]
        if adj.endswith(("ien", "en")):
            forms += [adj + "ne", adj + "nes"]
        for form in forms:
            nationality.setdefault(form, str(code))
    synonyms = conf.get("title_synonyms") or {}
    flags = re.IGNORECASE
    return _Tables(
        # lower-case patterns on a lower-cased text, one boundary check: sre scans this
        # several times faster than an IGNORECASE alternation
        cue=re.compile(rf"(?<![\w-]){_prefix_guard(cue_body)}{cue_body}(?![\w-])"),
        kinds=kinds,
        remote=re.compile(_word(conf.get("remote") or []), flags),
        signing=re.compile(signing, flags),
        not_cue=_guarded(rf"(?:{_alt(conf.get('not_a_cue_after') or [])})\s*(?:la|le|l'|les|un|une|d'une|d'un|du|des)?\s*(?:\w+\s+)?$", flags),
        anaphoric_start=re.compile(rf"^\W*(?:{_alt(conf.get('anaphoric') or [])})\s*(?:\w+\s+)?$", flags),
        demonstrative=re.compile(r"(?:\b(?:ces|cette|cet|ce|this|these)\s+(?:(?:premiers?|premières?|nouvel(?:le)?s?|nouveaux|derniers?|dernières?|deux|trois|récente?s?)\s+)?)$", flags),
        reporting_que=re.compile(rf"(?<![\w-])(?:{rep})(?![\w-])[^.;:]*?\b(?:que\b|qu')", flags),
        # « , a indiqué X », « , a-t-il ajouté »: a verb of saying, not any verb (« X, qui ..., a rencontré Y »)
        reporting_tail=re.compile(rf",\s*(?:(?:a|ont|avait|avaient|a-t-il|a-t-elle)\b\s*(?:\w+\s+)?(?:{rep})(?![\w-])|selon\b)", flags),
        reporting=re.compile(rf"\b(?:a|ont|avait|avaient)\s+(?:\w+\s+){{0,2}}(?:{rep})(?![\w-])", flags),
        splitter=re.compile(_alt(re.escape(str(s)) for s in conf.get("splitters") or []), flags),
        # « Il ... », also after a fronted phrase (« Le lendemain, il a reçu ... »)
        pronoun_start=re.compile(rf"^\W*(?:[^,;:«»\"]{{1,40}},\s*)?(?!(?:{_alt(conf.get('impersonal') or []) or '(?!)'})(?!\w))"
                                 rf"(?:(?:{_alt(conf.get('pronouns') or [])})\b|qu'(?:il|elle)\b)", flags),
        counted=re.compile(rf"\b(?:les|the)\s+(?P<n>{_alt(re.escape(n) for n in numbers) or 'x^'})\s+(?P<noun>{_alt(re.escape(n) for n in nouns) or 'x^'})(?!\w)", flags),
        numbers=numbers,
        counted_roles=nouns,
        plural_start=re.compile(rf"\W*(?:{_alt(conf.get('plural_anaphors') or [])})(?!\w)", flags),
        plural_anaphor=_guarded(rf"(?<!\w)(?:{_alt(conf.get('plural_anaphors') or [])})(?!\w)", flags),
        alias=re.compile(_word(re.escape(a) for a in conf.get("place_aliases") or {}), flags),
        alias_city=aliases,
        not_here=_guarded(rf"(?:{_alt(conf.get('not_here') or [])})\s+(?:\w+\s+)?$", flags),
        title_word=_guarded(rf"(?<![\w-])(?:{_alt(str(w).lower() for w in conf.get('title_words') or [])})(?![\w-])"),
        title_rest=re.compile(r"[^,;.]{0,50}\s(?:à|en|in|at)\s+", flags),
        at_before=re.compile(r"(?:\bà|\bau|\ben|\bin|\bat|\bdans)\s+$", flags),
        anaphoric_time=re.compile(_word(conf.get("anaphoric_time") or []), flags),
        circumstantial=re.compile(_alt(conf.get("circumstantial") or []), flags),
        there_before=re.compile(rf"(?<![\w-])(?:{_alt(conf.get('there_before') or [])})\s+(?:[\w-]+\s+){{0,2}}$", flags),
        synonyms=re.compile(rf"(?:^|\W)(?:le|la|l')\s*(?P<syn>{_alt(re.escape(str(k).lower()) for k in synonyms) or '(?!)'})"
                            rf"(?:\s+[\w'-]+){{0,3}}\s*$"),
        synonym_heads={str(k).lower(): str(v).lower() for k, v in synonyms.items()},
        parallel=re.compile(_word(conf.get("parallel") or []) if conf.get("parallel") else "(?!)", flags),
        day_shift=_guarded(rf"(?<![\w-])(?:{_alt(re.escape(str(k)) for k in shifts) or '(?!)'})(?![\w-])(?!\s+(?:de|du|des|d')\b)", flags),
        day_shifts={str(k).lower(): int(v) for k, v in shifts.items()},
        with_word=re.compile(r"(?<![\w-])avec(?![\w-])"),
        # (the noun's own complement or an apposition may stand between: « Le sommet des BRICS s'est
        # ouvert mardi », « La visite de X, prévue en avril, a été reportée au 20 mai »)
        happening=re.compile(rf"[^;.:«»()]{{0,160}}?(?<![\w-])(?:{_alt(conf.get('anaphoric_when') or []) or '(?!)'})(?![\w-])", flags),
        recalling=re.compile(_word(conf.get("recalling") or []) if conf.get("recalling") else "(?!)", flags),
        apposition_shift=re.compile(rf",\s*(?:{_alt(conf.get('apposition_shift') or []) or '(?!)'})\s+(?:[\w-]+\s+)?$", flags),
        national_subject=re.compile(
            rf"^\W*(?:[^,;:«»\"]{{1,40}},\s*)?(?:le|la|l')\s*(?P<head>{_alt(conf.get('generic_heads') or []) or '(?!)'})"
            rf"\s+(?P<nat>[^\W\d_][\w-]*)", flags),
        nationality=nationality,
        also=re.compile(_word(conf.get("also") or []) if conf.get("also") else "(?!)", flags),
        joining_starts=tuple(str(w).lower() for w in conf.get("joining_starts") or []) or ("\0",),
        joining_before=_guarded(rf"(?<![\w-])(?:{_alt(conf.get('joining_before') or []) or '(?!)'})\s+$", flags),
        joining=_guarded(rf"(?<![\w-])(?:{_alt(conf.get('joining') or []) or '(?!)'})\s+(?:à|au|aux)\s+"
                         rf"(?:ces|cette|cet|ce)\s+(?:[\w-]+\s+)?$", flags),
        occasion=_guarded(rf"(?<![\w-])(?:{_alt(conf.get('occasion_before') or []) or '(?!)'})\s*(?:du|de la|de l'|des|d'|de|le|la|l'|les|un|une|leur|ce|cette)?\s*"
                          rf"(?:[\w-]+\s+)?$", flags),
        gathering=re.compile(_word(conf.get("gathering") or []) if conf.get("gathering") else "(?!)", flags),
        national_plural=re.compile(
            rf"(?<![\w-])(?:les|des|aux)\s+(?P<head>{_alt(str(h).lower() for h in conf.get('plural_heads') or []) or '(?!)'})"
            rf"\s+(?P<nats>[^\W\d_][\w-]*(?:\s*,\s*[^\W\d_][\w-]*)*\s+et\s+[^\W\d_][\w-]*)", flags),
        sender_noun=re.compile(_word(conf.get("sender_nouns") or []) if conf.get("sender_nouns") else "(?!)", flags),
        sender=_guarded(rf"(?<![\w-])(?:{_alt(conf.get('sender_nouns') or []) or '(?!)'})(?:\s+[\w-]+)?\s+(?:du|de la|de l'|des|de|d')\s*"
                        rf"(?:(?!(?<![\w-])(?:à|avec|par|et)(?![\w-]))[^.;:]){{0,45}}$", flags),
        # « a annoncé mercredi la visite de X la semaine prochaine »: « mercredi » dates the saying
        own_occasion=_guarded(rf"(?<![\w-])(?:{_alt(conf.get('own_occasion') or []) or '(?!)'})\s*(?:leurs?|sa|son|ses)\s+(?:[\w-]+\s+)?$", flags),
        summit_subject=re.compile(_word(conf.get("summit_subjects") or []) if conf.get("summit_subjects") else "(?!)", flags),
        report_before=_guarded(rf"(?<![\w-])(?:{rep})\s+(?:[\w-]+\s+)?$", flags),
        since=_guarded(rf"(?<![\w-])(?:{_alt(conf.get('since_start') or []) or '(?!)'})\s+(?:le\s+|la\s+|l')?$", flags),
        repeated=re.compile(rf",?\s*puis\s+(?:{_alt(conf.get('repeated_complement') or []) or '(?!)'})(?![\w-])", flags),
        org_head=re.compile(rf"(?:^|\W)(?:le|la|l')\s*(?:{_alt(conf.get('org_heads') or []) or '(?!)'})\s+"
                            rf"(?:de\s+l'|de\s+la\s+|du\s+|des\s+|de\s+)(?P<org>[^\W\d_][\w-]*)(?:\s+[\w'-]+){{0,2}}\s*$", flags),
        upcoming=re.compile(rf"(?<![\w-])(?:{_alt(conf.get('upcoming_before') or []) or '(?!)'})\s+$", flags),
        kind_by_clause=tuple((str(r["kind"]), frozenset(str(k) for k in r.get("over") or []),
                              re.compile(rf"(?:{r['cue']})$", flags) if r.get("cue") else None,
                              re.compile(str(r["clause"]), flags))
                             for r in conf.get("kind_by_clause") or []),
        foreign_date=re.compile(rf"(?<![\w-])(?:{_alt(conf.get('foreign_date_before') or [])})\s*(?:en|le|du|au|à|in|on)?\s*$", flags),
    )


def tables(kb: Knowledge) -> _Tables:
    return kb.compiled("meetings.tables", _build)


@dataclass
class _Frame:
    sentence: int
    start: int                  # of the cue, in the text
    kind: str
    participants: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)   # persons before the cue
    date: str | None = None
    date_text: str | None = None
    dated: bool = False         # has a date expression of its own
    anaphoric_date: bool = False
    place: str | None = None
    place_inherited: bool = False
    place_strong: bool = False  # introduced by à/au/dans: said to be where it happens
    remote: bool = False
    last_sentence: int = -1
    continues: bool = False     # pronoun subject or "alors": goes on with the previous meeting
    content: str = ""           # the clause, for the tense when it is needed
    parallel: bool = False      # "de son côté": another encounter on the occasion told before
    shift: int = 0              # "la veille" (-1), "le lendemain" (+1): days from the meeting it follows
    shift_text: str | None = None
    report_dated: bool = False  # the date is the report's, from another clause (« a précisé dimanche »)
    pronoun: bool = False       # its subject is a pronoun (« il y a rencontré »)
    also: bool = False          # « s'est également entretenu »: one more encounter of the news
    upcoming: bool = False      # « la prochaine visite de X »: an encounter to come, its own
    title: bool = False         # told in a line with no final stop (a headline)
    anchors: tuple[str | None, str | None] = (None, None)  # see _anchors: for « le soir même », « la veille »


# ---------------------------------------------------------------- per clause

def _mention_table(persons: list[Person]) -> tuple[list[int], list[tuple[int, int, str]]]:
    spans = sorted((s.start, s.end, p.name) for p in persons for s in p.mentions)
    return [s[0] for s in spans], spans


def _persons_in(spans, starts, lo: int, hi: int) -> list[tuple[int, str]]:
    i = bisect.bisect_left(starts, lo)
    out = []
    while i < len(spans) and spans[i][0] < hi:
        out.append((spans[i][0], spans[i][2]))
        i += 1
    return out


def _unique(names) -> list[str]:
    return list(dict.fromkeys(names))


def _segments(text: str, t: _Tables) -> list[tuple[int, int]]:
    bounds = [0] + [m.start() for m in t.splitter.finditer(text)] + [len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


@dataclass
class _Cue:
    match: re.Match
    kind: str
    anaphoric: bool = False     # a noun referring back, dated by its predicate
    joins: bool = False         # « participent à cette réunion »: its persons join the gathering told before
    side_talk: bool = False     # « pour le sommet, X et Y ont eu un tête-à-tête »: also a bilateral talk
    talked_of: bool = False     # « ont évoqué la prochaine visite de X à Y »: X's encounter, not the talkers'


def _cue_in(text: str, ltext: str, lo: int, hi: int, t: _Tables,
            quoted: list[list[tuple[int, int]]]) -> _Cue | None:
    """The cue of a clause: the first valid one of the highest-ranked kind, and whether
    it is an anaphoric noun dated by its predicate (« Le tête-à-tête est prévu lundi »).

    Cues after a postposed report (", a affirmé X dans un entretien publié")
    belong to the report, not to the meeting. A summit that is the occasion of
    a talk told in the same clause gives both (`side_talk`).
    """
    best: tuple[int, re.Match, str, bool] | None = None
    joins: re.Match | None = None
    occasion = talk = False
    talked: re.Match | None = None
    talk_rank = t.kinds.index("rencontre") if "rencontre" in t.kinds else -1
    first = t.cue.search(ltext, lo, hi)
    if first is None:
        return None
    if not quoted:  # the quotations of the sentence, found once for all its clauses
        quoted.append([(q.start(), q.end()) for q in _QUOTE.finditer(text)])
    quotes = quoted[0]
    tail = _tail(text, first.start(), hi, t)
    if tail is not None:
        hi = tail
    # No cue starts before `first` even with `hi` cut to the tail (the cut only removes
    # matches), so the scan resumes there instead of reading the clause again from `lo`.
    for m in t.cue.finditer(ltext, first.start(), hi):
        before = text[lo:m.start()]
        if t.not_cue.search(before[-40:]) and not t.own_occasion.search(before[-40:]):
            if talked is None and m.lastgroup and m.lastgroup[0] == "k" and _OF_NAME.match(text, m.end()):
                talked = m  # « les préparatifs de la visite de X »: X's visit, told as a topic
            continue
        if t.demonstrative.search(before[-25:]):
            if joins is None and m.lastgroup and m.lastgroup[0] == "k" and t.joining.search(before[-60:]):
                joins = m
            continue
        if any(a <= m.start() < b for a, b in quotes):
            continue  # words quoted from a speaker tell no new encounter
        if (m.lastgroup and m.lastgroup[0] == "k" and _KIND_GROUP.get(t.kinds[int(m.lastgroup[1:])]) == 1
                and (m.group().startswith(t.joining_starts) or t.joining_before.search(before[-12:]))):
            joins = joins or m  # « X et Y y ont participé »: they join the gathering told before
            continue
        anaphoric = False
        if m.lastgroup == "sign":
            kind = "rencontre"
            rank = t.kinds.index(kind) if kind in t.kinds else len(t.kinds)
        elif m.lastgroup in ("talk", "whom", "hand"):
            kind, rank = "rencontre", len(t.kinds)  # any cue word of the clause comes first
        else:
            rank = int(m.lastgroup[1:])
            kind = t.kinds[rank]
            if t.anaphoric_start.search(before) and rank != 0:
                if not t.happening.match(text, m.end(), hi):
                    continue  # "La visite avait été préparée ...": refers back
                anaphoric = True  # "La rencontre aura lieu mardi": dates the encounter told before
        if kind == "sommet" and t.occasion.search(before[-40:]):
            occasion = True
        elif rank == talk_rank and not anaphoric and not t.gathering.search(m.group()):
            talk = True
        if best is None or rank < best[0]:
            best = (rank, m, kind, anaphoric)
    if talked is not None and (best is None or best[1].lastgroup in ("talk", "whom", "hand")):
        return _Cue(talked, t.kinds[int(talked.lastgroup[1:])], talked_of=True)
    if best is None:
        if joins is None:
            return None
        return _Cue(joins, t.kinds[int(joins.lastgroup[1:])], anaphoric=True, joins=True)
    return _Cue(best[1], best[2], best[3], side_talk=best[2] == "sommet" and occasion and talk)


# A meeting noun followed by the name of whom it is (« la visite du président Vladimir Poutine »).
_OF_NAME = re.compile(r"\s+(?:de|du|d')\s*(?:[a-zàâçéèêëîïôûùü-]+\s+){0,2}[A-ZÀ-Ý]")
_SELON = re.compile(r"\W*(?:selon|d'après|according to)\b[^,]*,", re.IGNORECASE)
# A quotation, also one the sentence split cut open at either end.
_QUOTE = re.compile(r'«[^»]*(?:»|$)|^[^«»]*»|"[^"]*"')


def _tail(text: str, cue: int, hi: int, t: _Tables) -> int | None:
    """Start of a postposed report after the cue (", a indiqué X", ", selon X")."""
    tail = t.reporting_tail.search(text, cue, hi)
    if tail and (tail.group().strip(", ").lower().startswith("selon") or len(tail.group().split()) > 1):
        return tail.start()
    return None


def _report_split(text: str, lo: int, hi: int, cue: int, t: _Tables) -> tuple[int, int, int, int]:
    """Bounds of the content clause within [lo, hi): (content_lo, content_hi, reporter_lo, reporter_hi).

    "X a annoncé lundi que A et B ..." -> content after `que`; ", a indiqué X." -> cut.
    """
    c_lo, c_hi = lo, hi
    front = _SELON.match(text, lo)
    if front and front.end() <= cue:
        c_lo = front.end()
    for m in t.reporting_que.finditer(text, lo, cue):
        c_lo = m.end()
    tail = _tail(text, cue, hi, t)
    if tail is not None:
        c_hi = tail
    return c_lo, c_hi, lo, hi


def _counted(m: re.Match, t: _Tables, history: list[_Frame], role_of: dict[str, str], si: int = -1) -> list[str]:
    """"Les trois dirigeants": the latest meeting of three persons whose roles fit the noun.

    A noun that names no role (« les deux hommes ») right after an encounter of that many
    or more stands for its first persons: the subject and whom he met, not a go-between.
    """
    n = t.numbers.get(m.group("n").lower(), 0)
    words = t.counted_roles.get(m.group("noun").lower(), [])
    if not words and history and history[-1].sentence >= si - 1 and len(history[-1].participants) >= n > 0:
        return list(history[-1].participants[:n])

    def fits(p: str) -> bool:
        return any(w in (role_of.get(p) or "").lower() for w in words)

    for f in reversed(history):
        if len(f.participants) != n:
            continue
        # « son homologue russe, X »: X holds the title of the one he meets
        if not words or (any(fits(p) for p in f.participants) and all(
                fits(p) or (role_of.get(p) or "").lower().startswith("homologue") for p in f.participants)):
            return list(f.participants)
    return []


def _role_subject(before_cue: str, roles: list[tuple[int, str, str]], base: int,
                  synonyms: re.Pattern | None = None, synonym_heads: dict[str, str] | None = None) -> str | None:
    """A subject named by its title only ("le ministre russe s'est entretenu"): the person
    already named whose role starts with those words."""
    low = before_cue.lower()
    earlier = roles[:bisect.bisect_left(roles, (base,))]  # `roles` is sorted: those first named before `base`
    for first_at, role, name in reversed(earlier):
        words = role.lower().split()
        if len(words) < 2:
            continue
        phrase = " ".join(words[:2])
        for det in ("le ", "la ", "l'"):
            at = low.find(det + phrase)
            if at >= 0 and (at == 0 or not low[at - 1].isalnum()):
                return name
    # "Aussi le ministre a rencontré ...": the title's head word alone, right before the verb,
    # stands for the latest person already named with that title
    if synonyms is not None and synonym_heads:
        # « le chef de l'État iranien se rendra »: the latest person whose title that phrase stands for
        syn = synonyms.search(low)
        if syn:
            head = synonym_heads.get(syn.group("syn"), "").split()
            for first_at, role, name in reversed(earlier):
                if head and role.lower().split()[:len(head)] == head:
                    return name
    bare = _BARE_TITLE.search(low)
    if bare:
        head = bare.group(1)
        for first_at, role, name in reversed(earlier):
            if role.lower().split()[:1] == [head]:
                return name
    return None


def _org_head_subject(t: _Tables, before_cue: str, text: str, spans, starts: list[int], at: int) -> str | None:
    """The person a subject « le chef de l'AIEA » stands for: the latest one named before `at` right next to
    that body's name, in the same sentence (« Rafael Grossi, directeur général de l'AIEA », « de l'AIEA, Rafael Grossi »).

    Why: the actors pass may give that person no role (the title stands apart from the
    name), so `_role_subject` cannot find it; the body's name ties them.
    """
    m = t.org_head.search(before_cue)
    if m is None:
        return None
    org = m.group("org")
    for k in range(bisect.bisect_left(starts, at) - 1, -1, -1):
        start, end, name = spans[k]
        before = text[max(0, start - 40):start]
        after = text[end:end + 60]
        if (org in before and _ORG_THEN_NAME.fullmatch(before, before.rfind(org) + len(org))) or (
                org in after and _NAME_THEN_TITLE.fullmatch(after, 0, after.find(org))):
            return name
    return None


# « de l'AIEA, Rafael Grossi », « (AIEA) Rafael Grossi »: only punctuation between the body and the name
_ORG_THEN_NAME = re.compile(r"[\s),]*")
# « Rafael Grossi, directeur général de l'AIEA »: an apposed title, not a verb (« X, a rencontré le chef de »)
_NAME_THEN_TITLE = re.compile(r",\s*(?!(?:a|ont|avait|avaient|est|sont|était|sera|doit|va)\s)"
                              r"(?:[^\W\d_][\w'-]*\s+){1,4}(?:de\s+l'|de\s+la\s+|du\s+|des\s+|de\s+|d')")
_BARE_TITLE = re.compile(r"(?:^|\W)(?:le|la|l')\s*([a-zéèêîôûç-]+)\s+(?:(?:a|avait|est|était|s'est|s'était|doit|va|ont)\s+)?(?:\w+\s+)?$")


def _frame(doc: Doc, si: int, t: _Tables, spans, starts, places: list[PlaceMention],
           prev_subjects: list[str], prev_participants: list[str], prev_sentence_first: str | None,
           roles: list[tuple[int, str, str]], low: str, history: list[_Frame],
           role_of: dict[str, str], country_of: dict[str, str | None] | None = None) -> list[_Frame]:
    country_of = country_of or {}
    sent = doc.sentences[si]
    text = doc.norm[sent.start:sent.end]
    ltext = low[sent.start:sent.end]
    frames: list[_Frame] = []
    found_dates = None
    carried: list[str] = []
    quoted: list[list[tuple[int, int]]] = []
    senders: bool | None = None
    for lo, hi in _segments(text, t):
        hit = _cue_in(text, ltext, lo, hi, t, quoted)
        seg_persons = _persons_in(spans, starts, sent.start + lo, sent.start + hi)
        if hit is None:
            if frames and seg_persons and lo > 0 and not dates_mod.has_tense_marker(text[lo:hi]):
                # « reçu le 10 août à Moscou par X, puis le lendemain à Téhéran par Y »: a verbless
                # clause after the joint, opening on a day or a place, repeats the encounter told
                # before it, with its own day and place (not « puis approuvé par Y »)
                if found_dates is None:
                    found_dates = doc.sentence_dates(sent)
                first = seg_persons[0][0]
                if (not _PARTICIPLE.search(text, lo, first - sent.start)
                        and (any(sent.start + lo <= d.start < sent.start + hi for d in found_dates)
                             or t.day_shift.search(text, lo, hi)
                             or any(sent.start + lo <= p.start < sent.start + hi for p in places)
                             or t.repeated.match(text, lo))):
                    frames.append(_elliptic(frames[-1], doc, sent.start, text, lo, hi, seg_persons, found_dates,
                                            t, places, starts))
            carried = [n for o, n in seg_persons] or carried
            continue
        cue, kind, anaphoric = hit.match, hit.kind, hit.anaphoric
        c_lo, c_hi, _, _ = _report_split(text, lo, hi, cue.start(), t)
        persons = _persons_in(spans, starts, sent.start + c_lo, sent.start + c_hi)
        rep = None
        for rep in t.reporting.finditer(text, c_lo, cue.start()):
            pass
        if rep is not None and not t.circumstantial.search(text, rep.end(), cue.start()):
            persons = [(o, n) for o, n in persons if o - sent.start > rep.end()]
        recall = None
        for recall in t.recalling.finditer(text, c_lo, cue.start()):
            pass
        if recall is not None:
            # « a déclaré X, rappelant les engagements pris lors du sommet de juin »: the speaker
            # recalls the gathering; only persons named after the participle may have been there
            persons = [(o, n) for o, n in persons if o - sent.start > recall.end()]
            if not persons:
                carried = [n for o, n in seg_persons] or carried
                continue
        if senders is None:
            senders = t.sender_noun.search(text) is not None  # once per sentence
        if senders:
            persons = _not_senders(t, text, persons, sent.start)
        if c_lo > lo:
            persons = _not_sources(text, persons, spans, starts, sent.start, c_lo)
        if hit.joins:
            # « dont X et Y, participent à cette réunion »: they join the gathering told just before
            src = frames[-1] if frames else (history[-1] if history else None)
            if persons and src is not None and src.sentence >= si - 1 and _KIND_GROUP[src.kind] == _KIND_GROUP[kind]:
                src.participants = _unique(src.participants + [n for _, n in persons])
            carried = [n for o, n in seg_persons] or carried
            continue
        if cue.lastgroup in ("talk", "whom", "hand") and not _named_after(t, ltext, cue, c_hi, persons, sent.start, role_of):
            carried = [n for o, n in seg_persons] or carried
            continue  # « a évoqué la question avec fermeté »: no one named to talk with
        if hit.talked_of:
            # « ont évoqué la prochaine visite de X à Téhéran »: only those named after the noun take part
            persons = [(o, n) for o, n in persons if o - sent.start >= cue.end()]
            if not persons:
                carried = [n for o, n in seg_persons] or carried
                continue
        names = _unique(n for _, n in persons)
        subjects = _unique(n for o, n in persons if o - sent.start < cue.start())
        content = text[c_lo:c_hi]
        pronoun = t.pronoun_start.search(content) is not None
        plural: list[bool] = []  # plural_anaphor in content, searched at most once

        def has_plural() -> bool:
            if not plural:
                plural.append(t.plural_anaphor.search(content) is not None)
            return plural[0]

        if lo > 0 and not subjects and not pronoun and prev_participants and t.plural_start.match(content):
            # « ...lundi ; ils se reverront en juin »: those who met in the clause before
            names = _unique(list(prev_participants) + names)
            subjects = list(prev_participants)
        elif pronoun or (lo > 0 and not subjects):
            before = _unique(n for o, n in _persons_in(spans, starts, sent.start, sent.start + c_lo))
            # the subject of the encounter told in the sentence before, else its first person
            told = history[-1].subjects[:1] if history and history[-1].sentence == si - 1 else []
            subject = (carried[:1] if lo > 0 and carried else before[:1]) or told or (
                [prev_sentence_first] if prev_sentence_first else prev_subjects[:1])
            names = _unique(subject + names)
            subjects = _unique(subject + subjects)
        elif not names and (nationals := _national_plural(t, content, spans, starts, sent.start + cue.start(),
                                                          country_of, role_of)):
            names = subjects = nationals
        elif not names and (counted := t.counted.search(content)):
            names = _counted(counted, t, history + frames, role_of, si) or list(prev_participants)
        elif not names and has_plural():
            names = list(prev_participants)
        back: _Frame | None = None  # the encounter an anaphoric noun refers to
        if anaphoric and not names:
            # « Le tête-à-tête est prévu lundi »: the encounter told just before, on its own date
            src = back = frames[-1] if frames else (history[-1] if history else None)
            if (src is None or src.sentence < si - 2 or not src.participants
                    or _KIND_GROUP[src.kind] != _KIND_GROUP[kind]):
                back = None
                if _KIND_GROUP[kind] != 1:
                    carried = [n for o, n in seg_persons] or carried
                    continue
                # « Le sommet s'est tenu mercredi à Achgabat. X et Y y ont participé »: a gathering
                # kept without persons, for those who join it (else it stays an event)
            else:
                names, subjects = list(src.participants), list(src.subjects)
        if not subjects:
            # (« le chef de l'AIEA »: the body's name is more telling than the head word)
            subject = _org_head_subject(t, text[c_lo:cue.start()], doc.text, spans, starts, sent.start + c_lo)
            if subject is None:
                subject = _role_subject(text[c_lo:cue.start()], roles, sent.start, t.synonyms, t.synonym_heads)
            if subject is None:
                subject = _national_subject(t, text[c_lo:cue.start()], spans, starts, sent.start + c_lo, country_of,
                                            sent.start + c_hi, role_of)
            if subject:
                names, subjects = _unique([subject] + names), [subject]
        if cue.lastgroup == "sign":
            names = _signatories(cue, persons, sent.start, subjects, names)
            if len(names) == 1:
                carried = subjects or carried
                continue
        kind = _clause_kind(t, kind, cue.group(), text, lo, hi)
        if kind == "réunion" and t.summit_subject.search(text, c_lo, cue.start()):
            kind = "sommet"  # heads of state meeting: a summit
        f = _Frame(si, sent.start + cue.start(), kind, names, subjects or names[:1])
        f.remote = bool(t.remote.search(text, lo, hi))
        f.content = content
        f.continues = bool(pronoun or t.anaphoric_time.search(content) or has_plural())
        f.pronoun = pronoun
        f.title = not text.rstrip().endswith((".", "!", "?", "»", '"', "…"))
        f.parallel = bool(t.parallel.search(content))
        f.upcoming = bool(t.upcoming.search(text, max(0, cue.start() - 14), cue.start()))
        shifted = t.day_shift.search(text, 0, c_hi)
        if shifted and not t.apposition_shift.search(text, max(0, shifted.start() - 40), shifted.start()):
            # (« X, arrivé la veille dans la capitale »: that day is X's arrival, not the meeting's)
            f.shift, f.shift_text = t.day_shifts.get(shifted.group().lower(), 0), doc.text[sent.start + shifted.start():sent.start + shifted.end()]
        if found_dates is None:
            found_dates = doc.sentence_dates(sent)  # memoised on the Doc, offsets absolute
        _date_of(f, found_dates, c_lo, c_hi, cue.start(), text, t, cue.lastgroup == "sign", sent.start, cue.end())
        if hit.talked_of and f.dated and f.date_text and text.find(f.date_text, c_lo, cue.start()) >= 0:
            # « avaient évoqué en septembre la prochaine visite de X »: that day is the talk's, not the visit's
            f.date = f.date_text = None
            f.dated = False
        if anaphoric and (not f.dated or f.report_dated):
            carried = [n for o, n in seg_persons] or carried
            continue  # an anaphoric noun without a date of its own tells nothing new
        if back is not None and (back.report_dated or not back.dated) and not dates_mod.is_future_clause(back.content):
            # « X a reçu Y, a indiqué vendredi le Kremlin. La rencontre a eu lieu jeudi »: the day of
            # the encounter told before, which had only the day of the report
            back.date, back.date_text, back.dated, back.report_dated = f.date, f.date_text, True, False
            carried = [n for o, n in seg_persons] or carried
            continue
        if not f.dated:
            f.also = bool(t.also.search(content))  # only a dateless frame looks for its occasion
            if f.shift or f.anaphoric_date:
                f.anchors = _anchors(doc, si, sent.start + cue.start())
        f.last_sentence = si
        if not f.remote:
            # (a visit talked about is where its own words put it: « ... à New York, ont évoqué la visite de X à Moscou »)
            f.place, f.place_strong = _place_of(t, places, starts, sent.start, text,
                                                cue.start() if hit.talked_of else c_lo, c_hi, cue.start())
            if f.place is None:
                f.place, f.place_strong = _place_of(t, places, starts, sent.start, text, 0, len(text))
        frames.append(f)
        if hit.side_talk:
            # « Réunis pour le sommet, X et Y ont eu un tête-à-tête »: the summit and their talk
            talk = _Frame(si, f.start, "rencontre", list(f.participants), list(f.subjects))
            for name in ("date", "date_text", "dated", "place", "place_strong", "content", "last_sentence", "title"):
                setattr(talk, name, getattr(f, name))
            frames.append(talk)
        carried = subjects or names or carried
        prev_subjects = f.subjects or prev_subjects
        prev_participants = f.participants or prev_participants
    return frames


def _clause_kind(t: _Tables, kind: str, cue: str, text: str, lo: int, hi: int) -> str:
    """The kind the clause's wording decides over its ranked cue (`kind_by_clause`).

    Why: the cue ranking is by word; « se sont entretenus en visioconférence » is a
    video link (a réunion), « a atterri à Moscou, où il a été accueilli » a visit.
    """
    for new, over, cue_re, clause in t.kind_by_clause:
        if kind in over and (cue_re is None or cue_re.match(cue)) and clause.search(text, lo, hi):
            return new
    return kind


def _named_after(t: _Tables, ltext: str, cue: re.Match, hi: int, persons, base: int,
                 role_of: dict[str, str]) -> bool:
    """A person named right after « avec » (talk verbs), « à » (hand-over verbs) or after the cue (« devant »), or after
    a title of theirs (« avec l'ambassadeur d'Iran, X », « devant son homologue X »)."""
    if cue.lastgroup in ("talk", "hand"):
        w = (t.with_word if cue.lastgroup == "talk" else _TO_WORD).search(ltext, cue.end(), hi)
        if w is None:
            return False
        at = w.end()
    else:
        at = cue.end()
    first = next(((o - base, n) for o, n in persons if o - base >= at), None)
    if first is None or first[0] - at > 80:
        return False
    between = _LEADING_DET.sub("", ltext[at:first[0]].strip(" ,"))
    if not between or between.startswith("homologue"):
        return True
    role = (role_of.get(first[1]) or "").lower()
    return bool(role) and (role in between or between in role)


# « a remis mardi à X »: the one handed something.
_TO_WORD = re.compile(r"(?<![\w-])(?:à|au)(?![\w-])")
# A past participle: « puis approuvé par X » has a verb of its own.
_PARTICIPLE = re.compile(r"\b[a-zàâçéèêëîïôûùü]+(?:é|ée|és|ées)\b")
_LEADING_DET = re.compile(r"^(?:l'|le |la |les |son |sa |ses |leur |leurs )")


def _elliptic(prev: "_Frame", doc: Doc, base: int, text: str, lo: int, hi: int, seg_persons, found,
              t: _Tables, places: list[PlaceMention], starts: list[int]) -> "_Frame":
    """The encounter a verbless clause repeats: `prev`'s kind and subjects, the clause's persons,
    date (its own, else « le lendemain » from `prev`'s, else `prev`'s) and place (its own, else `prev`'s)."""
    names = _unique(prev.subjects + [n for _, n in seg_persons])
    f = _Frame(prev.sentence, base + lo, prev.kind, names, list(prev.subjects))
    f.remote, f.content, f.last_sentence = prev.remote, text[lo:hi], prev.sentence
    own = [d for d in found if base + lo <= d.start < base + hi and d.value is not None]
    shifted = t.day_shift.search(text, lo, hi)
    if own:
        f.date, f.date_text, f.dated = own[0].value, own[0].text, True
    elif shifted and _shifted(prev.date, t.day_shifts.get(shifted.group().lower(), 0)):
        f.date = _shifted(prev.date, t.day_shifts.get(shifted.group().lower(), 0))
        f.date_text, f.dated = doc.text[base + shifted.start():base + shifted.end()], True
    else:
        f.date, f.date_text, f.dated = prev.date, prev.date_text, prev.dated
    if not f.remote:
        f.place, f.place_strong = _place_of(t, places, starts, base, text, lo, hi)
        if f.place is None:
            f.place, f.place_strong, f.place_inherited = prev.place, prev.place_strong, True
    return f


def _anchors(doc: Doc, si: int, at: int) -> tuple[str | None, str | None]:
    """Days a dateless frame may be counted from: (the last full day named before `at` in its
    sentence or the two before; the latest day named before `at` not after publication, else
    publication: the news day)."""
    per_sentence, last_before, latest_before = _full_days(doc)
    pub = doc.published.isoformat() if doc.published else None
    own = [(start, value) for start, value in per_sentence[si] if start < at]
    final = own[-1] if own else last_before[si]
    near = doc.sentences[max(0, si - 2)].start
    last = final[1] if final and final[0] >= near else None
    past = [value for _, value in own if pub is None or value <= pub]
    if latest_before[si] is not None:
        past.append(latest_before[si])
    return last, max(past) if past else pub


def _full_days(doc: Doc) -> tuple[list, list, list]:
    """Per sentence: its full days (start, ISO day); the last one of the sentences before it;
    the latest not after publication among them. Once per text, so that `_anchors` is not
    a walk over every earlier sentence for every frame (quadratic on long texts)."""
    memo = doc.memo.get("full_days")
    if memo is None:
        pub = doc.published.isoformat() if doc.published else None
        per_sentence, last_before, latest_before = [], [], []
        last = latest = None
        for sent in doc.sentences:
            last_before.append(last)
            latest_before.append(latest)
            days = [(d.start, d.value) for d in doc.sentence_dates(sent) if d.value and len(d.value) == 10]
            per_sentence.append(days)
            if days:
                last = days[-1]
            for _, value in days:
                if (pub is None or value <= pub) and (latest is None or value > latest):
                    latest = value
        memo = doc.memo["full_days"] = (per_sentence, last_before, latest_before)
    return memo


def _not_senders(t: _Tables, text: str, persons: list[tuple[int, str]], base: int) -> list[tuple[int, str]]:
    """Less the persons named as who sent something (« a remis un message de X »): not there."""
    return [(o, n) for o, n in persons if not t.sender.search(text, max(0, o - base - 90), o - base)]


def _not_sources(text: str, persons: list[tuple[int, str]], spans, starts: list[int], base: int,
                 c_lo: int) -> list[tuple[int, str]]:
    """Less the name in apposition closing a fronted « Selon le porte-parole, X, »: the source."""
    if not persons:
        return persons
    first, name = persons[0]
    if text[c_lo:first - base].strip():
        return persons
    i = bisect.bisect_left(starts, first)
    end = spans[i][1] - base if i < len(spans) and spans[i][0] == first else None
    if end is not None and text[end:end + 2].lstrip().startswith(","):
        return [(o, n) for o, n in persons if n != name]
    return persons


# A window around the cue, in characters, where « les présidents russe et iranien » looks for them.
_NATIONAL_WINDOW = 900


def _national_plural(t: _Tables, content: str, spans, starts: list[int], at: int,
                     country_of: dict[str, str | None], role_of: dict[str, str]) -> list[str]:
    """« Les présidents russe, iranien et turc se sont retrouvés »: for each state, its person named
    nearest the cue (one whose role holds the head first), within a window; all or none."""
    m = t.national_plural.search(content)
    if m is None:
        return []
    codes = [t.nationality.get(w.strip().lower()) for w in re.split(r",|\bet\b", m.group("nats"))]
    if len(codes) < 2 or None in codes:
        return []
    head = m.group("head").lower().rstrip("s").split()[0]
    lo, hi = bisect.bisect_left(starts, at - _NATIONAL_WINDOW), bisect.bisect_left(starts, at + _NATIONAL_WINDOW)
    out = []
    for code in codes:
        best = min(((head not in (role_of.get(name) or "").lower(), abs(start - at), name)
                    for start, _, name in spans[lo:hi] if country_of.get(name) == code), default=None)
        if best is None:
            return []
        out.append(best[2])
    return _unique(out)


# How far after its sentence a title-only subject may be named (« Le président iranien se rendra
# jeudi à Moscou. Massoud Pezeshkian doit y signer ... »).
_CATAPHORA_WINDOW = 300


def _national_subject(t: _Tables, before_cue: str, spans, starts, at: int,
                      country_of: dict[str, str | None], after: int | None = None,
                      role_of: dict[str, str] | None = None) -> str | None:
    """« Le responsable iranien s'était entretenu ... »: the latest person of that state named before `at`;
    when none is, the first one named soon after `after` (the end of the clause: not an object of its own)
    whose title, if the text gives one, holds the same head (not « l'émissaire américain » for « le président »)."""
    m = t.national_subject.match(before_cue)
    code = t.nationality.get(m.group("nat").lower()) if m else None
    if code is None:
        return None
    for i in range(bisect.bisect_left(starts, at) - 1, -1, -1):
        if country_of.get(spans[i][2]) == code:
            return spans[i][2]
    if after is not None:
        head = m.group("head").lower()
        for i in range(bisect.bisect_left(starts, after), bisect.bisect_left(starts, after + _CATAPHORA_WINDOW)):
            role = ((role_of or {}).get(spans[i][2]) or "").lower()
            if country_of.get(spans[i][2]) == code and (not role or head in role):
                return spans[i][2]
    return None


def _signatories(cue: re.Match, persons, base: int, subjects: list[str], names: list[str]) -> list[str]:
    """Who signed: after `signé par`, the subject and the object of `signé avec`, else the subjects."""
    word = cue.group().split()[-1].lower()
    if word == "par":
        return _unique(n for o, n in persons if o - base >= cue.end())
    if word == "avec":
        return names
    return subjects


def _date_of(f: _Frame, found, c_lo: int, c_hi: int, cue: int, text: str, t: _Tables, signing: bool,
             base: int = 0, cue_end: int | None = None) -> None:
    """Nearest date to the cue in the clause; else the report's date in the sentence.

    A date right after "signé", "depuis ..." dates another happening and is skipped.
    `found` has offsets in the whole text; `text` (the sentence) starts at `base`.
    """
    c_lo, c_hi, cue = c_lo + base, c_hi + base, cue + base
    cue_end = cue if cue_end is None else cue_end + base
    if not signing:
        found = [d for d in found if not t.foreign_date.search(text[max(0, d.start - base - 80):d.start - base])
                 or _during(text, d.end - base, cue - base)
                 or (f.kind == "visite" and t.since.search(text, max(0, d.start - base - 12), d.start - base))]
    inside = [d for d in found if c_lo <= d.start < c_hi]
    if len(inside) > 1:
        # « X, qui s'était rendu à Téhéran en 2022, recevra jeudi Y »: the relative clause's date is its own
        rel = _relatives(text, c_lo - base, c_hi - base, cue - base)
        if rel:
            main = [d for d in inside if not any(a <= d.start - base < b for a, b in rel)]
            if main:
                inside = main
    if len(inside) > 1:
        # the date of the saying yields to one of the encounter in the same clause
        own = [d for d in inside if d.value is not None
               and not t.report_before.search(text, max(0, d.start - base - 40), d.start - base)]
        if own:
            inside = own
    pool = inside or found
    if not pool:
        return
    concrete = [d for d in pool if d.value is not None or not d.relative]
    anaphoric = [d for d in pool if d.value is None and d.relative]
    pick_from = concrete or []
    if not pick_from:
        f.anaphoric_date = bool(anaphoric)
        if anaphoric:
            f.date_text = anaphoric[0].text
        return
    best = min(pick_from, key=lambda d: d.start - cue_end if d.start >= cue_end else abs(cue - d.end))
    if anaphoric and inside and best not in inside:
        f.anaphoric_date = True
        return
    f.date, f.date_text, f.dated = best.value, best.text, True
    f.report_dated = best not in inside


# A relative clause set off by commas: « X, qui s'était rendu à Téhéran en 2022, recevra ... ».
_RELATIVE = re.compile(r",\s*(?:qui|dont|lequel|laquelle|lesquels|lesquelles)\b[^,;:]*,", re.IGNORECASE)


def _relatives(text: str, lo: int, hi: int, cue: int) -> list[tuple[int, int]]:
    """The comma-enclosed relative clauses of [lo, hi) that do not hold the cue."""
    return [(m.start(), m.end()) for m in _RELATIVE.finditer(text, lo, hi) if not m.start() <= cue < m.end()]


# « signé le 17 janvier à Moscou lors de la visite de X »: the signing happened during
# the visit, so its date is the visit's; only a place may stand between them.
_DURING_RE = re.compile(r"[^,;:.()«»]{0,60}?\b(?:lors|au cours|à l'occasion|pendant|durant)\s*(?:de\s+|d')?(?:la|le|l'|sa|son|leur)?\s*$",
                        re.IGNORECASE)


def _during(text: str, date_end: int, cue: int) -> bool:
    """True when the cue follows a dated happening as its occasion (« signé le 17 janvier lors de la visite »)."""
    return 0 <= date_end <= cue and cue - date_end <= 80 and _DURING_RE.fullmatch(text, date_end, cue) is not None


def _place_of(t: _Tables, places: list[PlaceMention], person_starts: list[int], base: int, text: str,
              lo: int, hi: int, cue: int | None = None) -> tuple[str | None, bool]:
    """The city of the clause and whether `à`/`au`/`dans` introduces it.

    `à X` first; a city in a title or after `regagner` never; a bare city
    ("la centrale de Bouchehr") only when nothing better is known; one in a
    relative clause without the cue (« X, qui s'était rendu à Téhéran, recevra »)
    last, and never as said to be where it happens.
    """
    cands: list[tuple[int, int, str]] = []
    rel: list[tuple[int, int]] | None = None if cue is not None else []  # found at the first city
    i = bisect.bisect_left(places, base + lo, key=_start)  # places are in text order
    while i < len(places) and places[i].start < base + hi:
        p = places[i]
        i += 1
        rel_at = p.start - base
        before = text[max(0, rel_at - 70):rel_at]
        title_at = _title_start(before, t)
        if title_at is not None and not _person_between(person_starts, p.start - len(before) + title_at, p.start):
            continue
        if t.not_here.search(before[-30:]):
            continue
        strong = t.at_before.search(before[-6:]) or t.there_before.search(before[-40:])
        if rel is None:
            rel = _relatives(text, lo, hi, cue)
        if any(a <= rel_at < b for a, b in rel):
            cands.append((2, rel_at, p.name))
            continue
        cands.append((0 if strong else 1, rel_at, p.name))
    for m in t.alias.finditer(text, lo, hi):
        cands.append((0, m.start(), t.alias_city.get(m.group().casefold(), m.group())))
    if not cands:
        return None, False
    best = min(cands)
    return best[2], best[0] == 0


_start = attrgetter("start")


def _title_start(before: str, t: _Tables) -> int | None:
    """Where the title phrase that the city closes starts ("l'ambassadeur d'Iran à "), if any."""
    title = None
    for title in t.title_word.finditer(before.lower()):
        pass
    if title is not None and t.title_rest.fullmatch(before, title.end()):
        return title.start()
    return None


def _person_between(starts: list[int], lo: int, hi: int) -> bool:
    """A name between a title word and a city: the city is no longer part of that title."""
    i = bisect.bisect_right(starts, lo)
    return i < len(starts) and starts[i] < hi


# ---------------------------------------------------------------- resolution

def _shares(a: _Frame, b: _Frame) -> bool:
    return bool(set(a.participants) & set(b.participants))


def _absorb(into: _Frame, other: _Frame) -> None:
    if not into.participants:
        into.kind = other.kind  # an announcement's noun yields to the told encounter
    into.participants = _unique(into.participants + other.participants)
    into.last_sentence = max(into.last_sentence, other.last_sentence)
    if into.place is None or (into.place_inherited and other.place and not other.place_inherited):
        into.place, into.place_inherited = other.place, other.place_inherited
    if not into.dated and other.dated:
        into.date, into.date_text, into.dated = other.date, other.date_text, True


def _inherit(f: _Frame, src: _Frame) -> None:
    """A continuation of `src` (a talk during a visit): its date, and its place unless said.

    « La veille », « le lendemain »: the day before or after `src`'s (a full date only).
    """
    f.date, f.date_text, f.dated = src.date, f.date_text or src.date_text, False
    if f.shift:
        f.date_text = f.shift_text
        f.date = _shifted(src.date, f.shift)
        if f.date is None:
            return
    if (f.place is None or not f.place_strong) and src.place and not f.remote:
        f.place, f.place_inherited = src.place, True


_ON_THE_SIDELINES = re.compile(r"\b(?:en marge|à l'occasion|au cours|lors) d(?:u|e la|e l'|')?\s*(?:sommet|réunion|forum|conférence|session)",
                               re.IGNORECASE)


def _shifted(date: str | None, days: int) -> str | None:
    """`date` (ISO) moved by `days`; None unless it is a full day."""
    if not date or len(str(date)) != 10:
        return None
    import datetime as dt
    return (dt.date.fromisoformat(str(date)) + dt.timedelta(days=days)).isoformat()


def _far_apart(a: str | None, b: str | None, days: int = 4) -> bool:
    """Two full days more than `days` apart: not one trip."""
    if not a or not b or len(str(a)) != 10 or len(str(b)) != 10:
        return False
    import datetime as dt
    return abs((dt.date.fromisoformat(str(a)) - dt.date.fromisoformat(str(b))).days) > days


def _news_day(date: str | None, published) -> bool:
    """A full day within a week of publication: the day of the news, not a recalled one."""
    if not date or len(str(date)) != 10 or published is None:
        return False
    import datetime as dt
    return abs((dt.date.fromisoformat(str(date)) - published).days) <= 7


def _resolve(frames: list[_Frame], published=None) -> list[_Frame]:
    out: list[_Frame] = []
    for i, f in enumerate(frames):
        if f.report_dated and f.participants and _ON_THE_SIDELINES.search(f.content):
            # « En marge du sommet, X aura un tête-à-tête avec Y, a précisé dimanche »: the talk is
            # on the day of the gathering told just before, not on the day it was reported.
            occasion = next((g for g in reversed(out) if g.dated and not g.report_dated
                             and _KIND_GROUP[g.kind] == 1 and g.last_sentence >= f.sentence - 2), None)
            if occasion is not None:
                f.date_text = None  # the report's words are not the talk's
                _inherit(f, occasion)
                if not occasion.participants:
                    occasion.participants = list(f.participants)
                out.append(f)
                continue
        if f.dated or (f.date_text and not f.anaphoric_date):
            if f.participants and not f.place_strong and not f.remote:
                # (not from an encounter of theirs recalled from weeks before: « s'étaient vus le 11 octobre à Achgabat »)
                src = next((g for g in reversed(out) if _shares(f, g) and g.place and not _far_apart(f.date, g.date)), None)
                if src:
                    f.place, f.place_inherited = src.place, True
            out.append(f)
            continue
        if f.upcoming and f.participants and not any(set(f.participants) <= set(g.participants) for g in out):
            out.append(f)  # « la prochaine visite de X »: an encounter still to come, with no date of its own
            continue
        prev = next((g for g in reversed(out) if f.participants and _shares(f, g)), None)
        if prev is not None and f.also and not _news_day(prev.date, published):
            # « Il s'agit de leur deuxième rencontre, après un entretien le 11 octobre. X s'est
            # également entretenu avec Y »: the « also » goes with the news, not the recalled day
            prev = next((g for g in reversed(out) if _shares(f, g) and _news_day(g.date, published)), prev)
        if (prev is not None and prev is out[-1] and prev.kind == "visite" and f.pronoun and not f.remote
                and _KIND_GROUP[f.kind] == 0 and (not f.place_strong or f.place == prev.place)):
            # « X s'est rendu fin juillet à Moscou. Il y a rencontré Y »: what the visitor did there is the visit
            _absorb(prev, f)
            continue
        if prev is not None:
            _inherit(f, prev)
            out.append(f)
            continue
        if f.parallel and f.participants:
            # "X s'est entretenu de son côté avec Y": on the occasion told before, in the same tense
            future = dates_mod.is_future_clause(f.content)
            src = next((g for g in reversed(out) if g.dated and g.participants
                        and dates_mod.is_future_clause(g.content) == future), None)
            if src is not None:
                _inherit(f, src)
                out.append(f)
                continue
        adjacent = next((g for g in reversed(out) if g.last_sentence >= f.sentence - 1), None)
        if adjacent is not None and f.participants and (
                f.continues or not adjacent.participants
                or dates_mod.is_future_clause(f.content) == dates_mod.is_future_clause(adjacent.content)):
            if _KIND_GROUP[adjacent.kind] == _KIND_GROUP[f.kind] or not adjacent.participants:
                _absorb(adjacent, f)
            else:
                _inherit(f, adjacent)
                out.append(f)
            continue
        # (a headline is told again, dated, in the body: it may stand further before it)
        ahead = next((g for g in frames[i + 1:] if g.dated and (
            (g.sentence <= f.sentence + 2 and (not g.participants or _shares(f, g)))
            or (f.title and f.participants and set(f.participants) <= set(g.participants)))), None)
        if ahead is not None and f.participants and (
                ahead.participants or dates_mod.is_future_clause(f.content) == dates_mod.is_future_clause(ahead.content)):
            _absorb(ahead, f)
            continue
        last, news = f.anchors
        if f.anaphoric_date and last:
            f.date = last  # « s'est entretenu le soir même »: the day named just before
        elif f.shift and news and not dates_mod.is_future_clause(f.content):
            # « ont préparé la rencontre la veille », no meeting to count from: the day of the news
            f.date, f.date_text = _shifted(news, f.shift), f.shift_text
        out.append(f)
    return _merge([f for f in out if f.participants])


def _merge(frames: list[_Frame]) -> list[_Frame]:
    """Frames of one encounter: same date, participants within one another, kinds alike."""
    out: list[_Frame] = []
    for f in frames:
        twin = None
        for g in out:
            if g.date != f.date or g.date is None:
                continue
            a, b = set(f.participants), set(g.participants)
            if _KIND_GROUP[f.kind] == _KIND_GROUP[g.kind] and (a <= b or b <= a):
                twin = g
                break
        if twin is None:
            out.append(f)
        else:
            _absorb(twin, f)
    return out


def find_meetings(doc: Doc, kb: Knowledge, persons: list[Person], places: list[PlaceMention]) -> list[dict]:
    """Meeting records (schema order: date, date_text, place, kind, participants)."""
    if not persons or not doc.sentences:
        return []
    t = tables(kb)
    starts, spans = _mention_table(persons)
    roles = sorted((p.mentions[0].start, p.role, p.name) for p in persons if p.role and p.mentions)
    role_of = {p.name: p.role or "" for p in persons}
    country_of = {p.name: p.country for p in persons}
    frames: list[_Frame] = []
    prev_first: str | None = None
    low = doc.lowered
    cue_at = [m.start() for m in t.cue.finditer(low)]
    for si, sent in enumerate(doc.sentences):
        k = bisect.bisect_left(cue_at, sent.start)
        if k < len(cue_at) and cue_at[k] < sent.end:
            subjects = frames[-1].subjects if frames else []
            together = frames[-1].participants if frames else []
            frames += _frame(doc, si, t, spans, starts, places, subjects, together, prev_first, roles, low,
                             frames, role_of, country_of)
        in_sentence = _persons_in(spans, starts, sent.start, sent.end)
        prev_first = in_sentence[0][1] if in_sentence else None
    return [
        {"date": f.date, "date_text": f.date_text, "place": f.place, "kind": f.kind, "participants": f.participants}
        for f in _resolve(frames, doc.published)
    ]
