"""Agreements: kind, stage and date of that stage; each distinct agreement once.

A mention is a kind noun ("traité", "protocole d'accord", "feuille de route")
or a named agreement ("PAGC"); a stage is a cue word ("signé", "la
ratification de", "toujours en vigueur"). French puts the cue on either side:
an active verb governs the agreements after it (« ont signé lundi un traité »),
a participle or state phrase qualifies the one before it (« un contrat signé en
1995 », « toujours en négociation »), a nominalisation governs its complement
(« la ratification par le Majlis de l'accord »). Bare definite nouns (« le
traité », « cet accord », « le document ») point back to the last agreement.
Vocabulary lives in resources/agreements.yaml.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import partial
from typing import Callable

from briefs.extract.dates import DateMention
from briefs.extract.lexicon import Matcher, fold, fold_span, lexicon_regex, lookup_key
from briefs.extract.model import Doc, Span
from briefs.knowledge import Knowledge


@dataclass
class _Lexicon:
    mentions: re.Pattern
    nouns: dict[str, tuple[str, str | None]]  # folded form -> (kind, named key or None)
    named_names: dict[str, str]               # named key -> record name
    cues: re.Pattern
    stages: dict[str, dict]
    order: dict[str, int]
    definite: frozenset[str]
    anaphors: frozenset[str]
    active: frozenset[str]
    future: tuple[tuple[str, ...], ...]
    future_phrases: tuple[str, ...]  # each of `future` as " w1 w2 " for a substring test
    future_search: re.Pattern        # any of `future_phrases`, in one search
    negations: frozenset[str]
    announce: frozenset[str]
    stops: frozenset[str]
    links: frozenset[str]
    skip_after: re.Pattern | None
    purpose_past: dict[str, str]            # "signer" -> "signé": purpose infinitive after a past trip
    past_trip: re.Pattern | None
    mention_matcher: Matcher     # `mentions` over a whole text through the word index
    cue_matcher: Matcher         # `cues`, likewise
    future_endings: tuple[str, ...]         # « entrera en vigueur »: a verb in the future before a cue
    conditions: re.Pattern | None           # « sera signé dès que ... »: a stage still to be negotiated
    predicate: re.Pattern | None            # « la ratification a été achevée »: a stage noun as subject
    predicate_far: re.Pattern | None        # the same after the noun's complement, auxiliary required
    predicates: dict[str, str]              # folded predicate -> done | pending
    pending: dict[str, str]                 # stage held back -> the stage the agreement is at
    name_phrases: frozenset[str]            # « de long terme »: two words that stay together in a name
    numerals: frozenset[str]                # « de deux nouveaux réacteurs »: a count before its noun
    name_breaks: frozenset[str]  # words that end a noun phrase: name stops and verb cues (`lexicon_cue`)
    pre_adjectives: frozenset[str]  # « le présent accord », « ce même traité »: between determiner and noun
    generic: frozenset[str]      # kinds whose bare noun may stand for an agreement of any kind (« l'accord »)
    feminine: frozenset[str]     # folded kind nouns of feminine gender (« la convention »)
    counts: dict[str, int]       # « trois mémorandums »: a count before a plural kind noun
    collective: re.Pattern | None  # « de plusieurs documents, dont »: a stage noun governing a list
    planned: re.Pattern | None     # « la signature prévue »: a stage noun told as to come
    list_heads: re.Pattern | None  # « sur l'énergie, les transports et la santé »: what a counted list's items follow
    modals: frozenset[str] = frozenset()  # « pourrait », « devrait »: a stage noun's predicate telling it to come
    deadline_at: re.Pattern | None = None
    deadline: re.Pattern | None = None  # « d'ici la fin de l'année »: a date that is a deadline, not a stage's date
    inserted: re.Pattern | None = None  # « la signature, le 3 novembre, d'une feuille de route »: an inserted phrase


@dataclass
class _Mention:
    start: int
    end: int
    kind: str | None          # None for an anaphor noun (document, texte)
    name: str
    key: str | None           # named agreement key
    bare: bool                 # a bare noun after a definite determiner: points back
    target: "_Agreement | None" = None
    stop: int = 0              # where its name ends in the text
    outer: "_Mention | None" = None  # « protocole additionnel au Traité de ... »: the agreement it is named in
    attached: bool = False     # the outer one is an addition to it (« protocole additionnel au Traité »)
    feminine: bool = False     # its noun's gender: a feminine participle never qualifies a masculine noun
    year: str | None = None    # « l'accord de 2015 »: a year in its name dates it
    extra: list["_Mention"] = field(default_factory=list)  # « trois mémorandums »: the other items counted
    distinct: bool = False     # one item of a counted list: never merged with its siblings


@dataclass
class _Agreement:
    name: str
    kind: str
    key: str | None
    words: frozenset[str]
    status: str | None = None
    date: str | None = None
    rank: int = -1
    mentions: list[_Mention] = field(default_factory=list)
    inside_of: "_Agreement | None" = None  # named inside that one's name: listed, with no stage, when that one is
    year: str | None = None  # « l'accord de 2015 »: named by its year, listed even with no stage
    initial: bool = False    # its stage was reached by an initialling only (« paraphé »), so far


def _build(kb: Knowledge) -> _Lexicon:
    conf = kb["agreements"] or {}
    nouns: dict[str, tuple[str, str | None]] = {}
    named_names: dict[str, str] = {}
    for entry in conf.get("named") or []:
        key = str(entry["key"])
        named_names[key] = str(entry["name"])
        for form in [entry["name"], *(entry.get("forms") or [])]:
            nouns[fold(str(form))] = (str(entry["kind"]), key)
    for noun, kind in (conf.get("kinds") or {}).items():
        nouns.setdefault(fold(str(noun)), (str(kind), None))
    anaphors = frozenset(fold(a) for a in conf.get("anaphors") or [])
    for a in anaphors:
        nouns.setdefault(a, ("", None))
    stages = {fold(str(k)): v for k, v in (conf.get("stages") or {}).items() if isinstance(v, dict)}
    skip = conf.get("skip_after")

    def words(key: str) -> frozenset[str]:
        """Folded words; an elided article keeps its apostrophe ("l'", "d'")."""
        return frozenset(fold(str(w)) + ("'" if str(w).endswith("'") else "") for w in conf.get(key) or [])

    mentions = lexicon_regex(nouns, inside_compound=False)
    cues = lexicon_regex(stages, inside_compound=False)
    future = tuple(tuple(fold(str(f)).split()) for f in conf.get("future_auxiliaries") or [])
    conditions = [str(c) for c in conf.get("conditions") or []]
    modals = [str(a) for a in conf.get("modal_auxiliaries") or []]
    aux = list(dict.fromkeys([str(a) for a in conf.get("predicate_auxiliaries") or []] + modals))
    adverbs = [str(a) for a in conf.get("predicate_adverbs") or []]

    def alternation(words: list[str]) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    future_phrases = tuple(" " + " ".join(f) + " " for f in future)
    stops = words("name_stops")
    return _Lexicon(
        mentions=mentions,
        nouns=nouns,
        named_names=named_names,
        cues=cues,
        stages=stages,
        order={s: i for i, s in enumerate(conf.get("order") or [])},
        definite=words("definite"),
        anaphors=anaphors,
        active=words("active_auxiliaries"),
        future=future,
        future_phrases=future_phrases,
        future_search=re.compile("|".join(map(re.escape, future_phrases)) or "(?!)"),
        negations=words("negations"),
        announce=words("announce_verbs"),
        stops=stops,
        links=words("name_links"),
        skip_after=re.compile(skip) if skip else None,
        purpose_past={fold(str(k)): str(v) for k, v in (conf.get("purpose_past") or {}).items()},
        past_trip=re.compile(rf"(?:{conf['past_trip']})[^.;]*$", re.I) if conf.get("past_trip") else None,
        mention_matcher=Matcher(mentions, nouns),
        cue_matcher=Matcher(cues, stages),
        future_endings=tuple(fold(str(e)) for e in conf.get("future_endings") or []),
        conditions=re.compile(rf"[\s,]*(?:{alternation(conditions)})(?:(?<=')|(?![\w]))", re.I) if conditions else None,
        predicate=re.compile(rf"\s+(?:{alternation(aux)})\s+(?:(?:{alternation(adverbs)})\s+)?([\w-]+(?:\s+[\w-]+)?)",
                             re.I) if aux else None,
        predicate_far=re.compile(rf"\s(?:{alternation(aux)})\s+(?:(?:{alternation(adverbs)})\s+)?([\w-]+(?:\s+[\w-]+)?)",
                                 re.I) if aux else None,
        predicates={fold(str(k)): str(v) for k, v in (conf.get("stage_predicates") or {}).items()},
        pending={str(k): str(v) for k, v in (conf.get("pending_stage") or {}).items()},
        name_phrases=frozenset(fold(str(w)) for w in conf.get("name_phrases") or []),
        numerals=frozenset(fold(str(w)) for w in conf.get("name_numerals") or []),
        name_breaks=stops | {s for s, info in stages.items() if (info or {}).get("role") == "verb"},
        pre_adjectives=words("pre_adjectives"),
        generic=frozenset(str(k) for k in conf.get("generic_kinds") or []),
        feminine=frozenset(fold(str(w)) for w in conf.get("feminine_nouns") or []),
        counts={fold(str(k)): int(v) for k, v in (conf.get("counts") or {}).items()},
        collective=re.compile(rf"\s+(?:{conf['collective']})", re.I) if conf.get("collective") else None,
        planned=re.compile(rf"\s+(?:{alternation([str(w) for w in conf.get('planned_after') or []])})(?![\w-])", re.I)
        if conf.get("planned_after") else None,
        list_heads=re.compile(rf"\s*(?:{alternation([str(w) for w in conf.get('list_heads') or []])})\s+", re.I)
        if conf.get("list_heads") else None,
        modals=frozenset(fold(m) for m in modals),
        deadline=re.compile(rf"(?<![\w'-])(?:{alternation([str(w) for w in conf.get('deadline_before') or []])})\s*(?:(?:la|le|les)\s+|l')?$", re.I)
        if conf.get("deadline_before") else None,
        # a date expression that itself opens on a deadline word (« d'ici l'été »)
        deadline_at=re.compile(rf"(?:{alternation([str(w) for w in conf.get('deadline_before') or []])})(?![\w-])", re.I)
        if conf.get("deadline_before") else None,
        inserted=re.compile(rf"\s*,[^,;:.()]{{1,{int(conf.get('inserted_max') or 40)}}},\s*(?:(?:de|du|des)(?![\w-])|d')", re.I),
    )


def lexicon(kb: Knowledge) -> _Lexicon:
    """The compiled agreement vocabulary (shared with the events pass, which reads its nouns and cues)."""
    return kb.compiled("agreements.lexicon", _build)


_CLAUSE_BREAK_CHARS = ",;:.!?()[]\n"


def _words_before(norm: str, pos: int, n: int) -> list[str]:
    """The last `n` folded words before `pos`, within its clause (elided articles keep their ')."""
    chunk = norm[max(0, pos - 80):pos]
    cut = max(map(chunk.rfind, _CLAUSE_BREAK_CHARS)) + 1  # after the last break (0: none)
    words = chunk[cut:].replace("«", " ").replace("»", " ").replace('"', " ").replace("'", "' ").split()[-n:]
    return [fold(w) + ("'" if w.endswith("'") else "") for w in words]


_NAME_TOKEN = re.compile(r"\s*(\([^()]{1,40}\)|[«»\"]|[\w-]+'|[\w-]+|[^\w\s])")


def noun_phrase(text: str, norm: str, start: int, end: int, lex: _Lexicon) -> str:
    """The noun and its complements, as French builds them.

    After the head come adjectives (« intergouvernemental », « commune ») and
    prepositional complements (« sur la coopération énergétique »); a word that
    is neither linked by a preposition nor shaped like an adjective is a verb
    or the next phrase, and ends the name, as do punctuation and relatives.
    """
    out_end, pos, after_link, prev, counted = end, end, False, "", False
    match, limit = _NAME_TOKEN.match, min(len(norm), end + 200)
    breaks, links = lex.name_breaks, lex.links
    for _ in range(24):
        m = match(norm, pos, limit)
        if not m:
            break
        tok = m.group(1)
        pos = m.end()
        if tok == "«":
            close = norm.find("»", pos, pos + 80)
            if close > 0 and not _TITLE_BREAK.search(norm, pos, close):
                out_end = pos = close + 1  # « Exercice « Ceinture de sécurité maritime 2026 » »: a title, whole
                after_link = False
            continue
        first = tok[0]
        if first == "(" or tok in "«»\"":
            if first == "(":
                out_end = pos
            continue
        if not (first.isalnum() or first == "_"):
            break
        low = fold(tok) + ("'" if tok.endswith("'") else "")
        if low in _AFTER_RELATIVE and prev in _RELATIVE:
            after_link, prev = True, low
            continue
        if low in _INNER_LINKS and _inner_complement(norm, m.start(1), pos, low, lex):
            after_link, prev = True, low  # « au Traité de ... », « en Russie »: still the same name
            continue
        if not after_link and f"{prev} {low}" in lex.name_phrases:
            after_link, prev = False, low  # « de long terme »
            out_end = pos
            continue
        if low in breaks or (low in _DETERMINERS and prev in _COORDINATION):
            break  # « ..., et un protocole »: a new noun phrase
        if first.isdigit() and prev in _DATE_ARTICLES:
            break  # « examiner le traité le 16 avril »: a date, not a complement
        if low in links:
            after_link, prev = True, low
            continue
        adjective = low.endswith(_ADJECTIVE_ENDINGS)
        if not (after_link or counted or first.isupper() or first.isdigit() or adjective):
            break
        # « de deux nouveaux réacteurs »: after a number, its noun (past any adjective) still belongs
        counted = (low in lex.numerals or (tok[0].isdigit() and after_link)) or (counted and adjective)
        after_link, prev = False, low
        out_end = pos
    return text[start:out_end].strip()


_TITLE_BREAK = re.compile(r"[.;!?\n]\s")


# « protocole additionnel au Traité », « amendement à l'accord »: one agreement added to another.
_ATTACHED_TO = re.compile(r"\b(?:au|aux|à)\s+(?:la\s+|le\s+|les\s+|l')?$", re.I)
_INNER_LINKS = frozenset({"en", "au", "aux", "a"})
_INNER_ARTICLES = re.compile(r"\s*(?:la\s+|le\s+|les\s+|l')?", re.I)
_CAPITALISED = re.compile(r"\s*[A-ZÀ-Þ][\w-]*")


def _inner_complement(norm: str, at: int, pos: int, low: str, lex: _Lexicon) -> bool:
    """A preposition that stays inside a name: « en » before a country (« le retour en Russie du
    combustible »), « au / à » before another agreement (« protocole additionnel au Traité de ... »).
    Not before a stage cue (« en vigueur ») nor a number (« en 2015 »)."""
    if lex.cues.match(norm, at):
        return False
    if low == "en":
        return bool(_CAPITALISED.match(norm, pos))
    start = _INNER_ARTICLES.match(norm, pos).end()
    return bool(lex.mentions.match(norm, start))


def name_at(doc: Doc, start: int, end: int, lex: _Lexicon) -> str:
    """`noun_phrase` of the agreement noun at start:end, memoised on the Doc (the events pass reads it too)."""
    key = ("agreement_name", start, end)
    name = doc.memo.get(key)
    if name is None:
        name = doc.memo[key] = noun_phrase(doc.text, doc.norm, start, end, lex)
    return name


# « relative au statut », « relatif aux transports »: a preposition the adjective governs.
_RELATIVE = frozenset({"relatif", "relative", "relatifs", "relatives", "consacre", "consacree"})
_AFTER_RELATIVE = frozenset({"a", "au", "aux"})
_DETERMINERS = frozenset({"un", "une"})
_DATE_ARTICLES = frozenset({"le", "l'", "ce", "cet"})
_COORDINATION = frozenset({"et", "ou", "ainsi", "and", "or"})

# Endings of French adjectives that follow a noun in an agreement's name.
_ADJECTIVE_ENDINGS = (
    "al", "ale", "aux", "ales", "el", "elle", "els", "elles", "ien", "ienne", "iens", "iennes", "ique", "iques",
    "if", "ive", "ifs", "ives", "aire", "aires", "ile", "iles", "ble", "bles", "sse", "sses", "ee", "ees",
    "ant", "ante", "ants", "antes", "ain", "aine", "ains", "aines", "ais", "aise", "ois", "oise", "in", "ine",
    "ier", "iere", "eux", "euse", "cadre", "ral", "tal", "un", "une",
    "ime", "imes", "als", "oint", "oints", "ointe", "ointes",
)


def lexicon_cue(lex: _Lexicon, folded_word: str) -> bool:
    return folded_word in lex.stages and (lex.stages[folded_word] or {}).get("role") == "verb"


def in_span(matches: list[re.Match], starts: list[int], span: Span) -> list[re.Match]:
    """The matches of a whole-text scan that start inside `span` (one scan per text, not per sentence)."""
    return matches[bisect_left(starts, span.start):bisect_left(starts, span.end)]


def _mentions(doc: Doc, sent: Span, lex: _Lexicon, found: list[re.Match] | None = None) -> list[_Mention]:
    out = []
    text, norm = doc.text, doc.norm
    for m in found if found is not None else lex.mentions.finditer(norm, sent.start, sent.end):
        start, end = m.span()
        folded = fold_span(doc, start, end)
        kind, key = lookup_key(lex.nouns, folded) or ("", None)
        name = name_at(doc, start, end, lex)
        bare = name == text[start:end]  # only a bare noun after a definite determiner points back
        if not kind:  # document / texte: only a bare noun after le/ce points back
            if not (bare and not m.group().endswith("s") and _definite(norm, start, lex)):
                continue
            out.append(_Mention(start, end, None, name, None, True))
            continue
        stop = start + len(name)
        if key:
            name = lex.named_names[key]
        mention = _Mention(start, end, kind, name, key, bare and not key and _definite(norm, start, lex),
                           stop=stop, feminine=folded in lex.feminine)
        year = _YEAR_IN_NAME.search(text, start, stop)
        if year:
            mention.year = year.group(1)
        holder = out[-1] if out else None
        if holder is not None and holder.kind and holder.end < start < holder.stop:
            mention.outer = holder.outer or holder
            mention.attached = bool(_ATTACHED_TO.search(norm, holder.end, start))
        if out and holder.kind and not holder.outer and _APPOSITION.fullmatch(norm, holder.stop, start):
            out.pop()  # « un nouvel accord : le traité de coopération énergétique »: one agreement, named after the colon
        count = _counted(doc, start, end, lex)
        if count > 1:
            _split(doc, mention, count, lex)
        elif count < 0 and not key:
            mention.bare = True  # « les deux accords »: they point back
        out.append(mention)
    return out


# « accord de 2015 », « la convention sur la double imposition de 1998 »: a year as the name's complement.
_YEAR_IN_NAME = re.compile(r"\b(?:de|du|of)\s+(?:\w+\s+)?((?:19|20)\d\d)\b(?!\s*[-/]\d)", re.I)
# Between two mentions of one agreement: a colon and at most a determiner (« un accord : le traité »).
_APPOSITION = re.compile(r"\s*:\s*(?:(?:le|la|les|un|une|ce|cet|cette)\s+|l')?", re.I)
# Where a counted list's items end: the sentence or clause, or a verb after a comma.
_LIST_END = re.compile(r"[.;:()\n]|,\s+(?:qui|que|dont|a|ont|ont été|a été|signés|signées|conclus|paraphés)\b")
_ITEM_SPLIT = re.compile(r"\s*,\s*(?:et\s+)?|\s+et\s+")
_ONE_THE_OTHER = re.compile(r",\s*l'(?:un|une)\s+(\S+)\s+(.+?),\s*l'autre\s+(\S+)\s+(.+?)(?=[.;:()\n]|,\s|$)", re.I)


def _counted(doc: Doc, start: int, end: int, lex: _Lexicon) -> int:
    """« trois mémorandums », « deux accords », « 4 contrats »: the count before a plural kind noun (0: none;
    -1: a count of ones already told, « les deux accords »)."""
    if not doc.norm[start:end].split(" ", 1)[0].endswith(("s", "x")):
        return 0  # « mémorandums d'entente »: the plural is on the head word
    before = _words_before(doc.norm, start, 3)
    for i in range(len(before) - 1, -1, -1):
        word = before[i]
        count = (int(word) if int(word) <= 12 else 0) if word.isdigit() else lex.counts.get(word)
        if count is not None:
            # « les deux accords », « ces trois textes »: ones already told, not new ones
            return -1 if i and before[i - 1] in _KNOWN_SET else count
        if word not in ("de", "d'", "nouveaux", "nouvelles", "autres", "premiers", "premieres"):
            break
    return 0


_KNOWN_SET = frozenset({"les", "ces", "leurs", "nos", "vos", "ses", "des", "aux", "deux"})


def _split(doc: Doc, mention: _Mention, count: int, lex: _Lexicon) -> None:
    """A counted plural mention becomes `count` agreements: its listed items give their names
    (« trois mémorandums sur l'énergie, les transports et la santé », « deux accords, l'un sur X, l'autre sur Y »),
    else each is the plural name numbered."""
    text, norm = doc.text, doc.norm
    head = _singular(text[mention.start:mention.end])
    names: list[str] = []
    both = _ONE_THE_OTHER.match(text, mention.stop, min(len(text), mention.stop + 300))
    if both and count == 2:
        names = [f"{head} {both.group(1)} {both.group(2)}", f"{head} {both.group(3)} {both.group(4)}"]
    elif lex.list_heads is not None:
        lead = lex.list_heads.match(norm, mention.end)
        if lead:
            end = _LIST_END.search(norm, lead.end(), min(len(norm), lead.end() + 250))
            items = [i.strip() for i in _ITEM_SPLIT.split(text[lead.end():end.start() if end else lead.end() + 250])]
            prep = text[mention.end:lead.end()].strip()
            last = prep.split()[-1].lower() + " "
            items = [_item_phrase(i[len(last):] if i.lower().startswith(last) else i, lex) for i in items]
            if len(items) == count and all(0 < len(i) <= 60 for i in items):
                names = [f"{head} {prep} {i}" for i in items]
    if not names:
        names = [f"{mention.name} ({i}/{count})" for i in range(1, count + 1)]
    mention.name, mention.distinct = names[0], True
    mention.extra = [_Mention(mention.start, mention.end, mention.kind, n, None, False, stop=mention.stop,
                              feminine=mention.feminine, distinct=True) for n in names[1:]]


def _item_phrase(item: str, lex: _Lexicon) -> str:
    """A list item up to its verb (« les visas ont été paraphés » -> « les visas »); a repeated preposition
    (« et aux visas ») is dropped by the caller."""
    words = item.split()
    for i, w in enumerate(words):
        if fold(w) in lex.name_breaks and fold(w) not in _ITEM_INNER:
            return " ".join(words[:i])
    return item


# Name stops that may stand inside a list item (« l'accès aux ports », « la coopération en mer »).
_ITEM_INNER = frozenset({"en", "par", "avec", "a", "au", "aux", "afin", "lors", "depuis", "selon", "the"})


def _singular(noun: str) -> str:
    """« mémorandums d'entente » -> « mémorandum d'entente »: the first word's plural mark dropped."""
    first, _, rest = noun.partition(" ")
    first = first[:-1] if first.endswith(("s", "x")) and len(first) > 3 else first
    return f"{first} {rest}".strip()


def _definite(norm: str, pos: int, lex: _Lexicon) -> bool:
    """A definite determiner before the noun, past a neutral adjective (« ce même traité », « le présent accord »)."""
    before = _words_before(norm, pos, 2)
    if before and before[-1] in lex.pre_adjectives:
        before = before[:-1]
    return bool(before) and before[-1] in lex.definite


def _determiner(norm: str, pos: int) -> str:
    """The folded word just before `pos` in its clause ("" at a clause start): `_words_before(norm, pos, 1)`."""
    before = _words_before(norm, pos, 1)
    return before[-1] if before else ""


@dataclass
class _Cue:
    start: int
    end: int
    status: str
    forward: bool      # governs the agreements after it
    noun: bool         # a nominalisation: governs only a close complement
    feminine: bool = False  # « adoptées »: a participle that agrees with a feminine noun only
    date_end: int = 0       # « la signature de l'accord ... a eu lieu le 25 décembre »: its date follows the predicate
    transparent: bool = False  # « projet »: a verb before it still governs the agreement after it
    collective: bool = False   # « la signature de plusieurs documents, dont un accord et un mémorandum »
    inserted_end: int = 0      # « la signature, le 3 novembre, d'une ... »: where the complement resumes
    initial: bool = False      # « paraphé »: a first step of its stage, superseded by the stage itself


def stage_cues(doc: Doc, lex: _Lexicon) -> list[tuple[re.Match, dict | None]]:
    """Every stage cue of the text with its vocabulary entry, in text order; memoised on the Doc.

    Why: the events pass reads the same cues (a stage word dates no happening), so
    each is looked up once per text.
    """
    key = ("agreements.stage_cues", id(lex))
    found = doc.memo.get(key)
    if found is None or found[0] is not lex:
        stages = lex.stages
        found = doc.memo[key] = (lex, [(m, lookup_key(stages, fold_span(doc, m.start(), m.end())))
                                       for m in lex.cue_matcher.scan(doc)])
    return found[1]


def _cues(doc: Doc, sent: Span, lex: _Lexicon, found: list[tuple[re.Match, dict | None]] | None = None) -> list[_Cue]:
    """The cues of `sent`: `found` (from `stage_cues`), else a scan of the span alone."""
    out = []
    if found is None:
        found = [(m, lookup_key(lex.stages, fold_span(doc, m.start(), m.end())))
                 for m in lex.cues.finditer(doc.norm, sent.start, sent.end)]
    for m, info in found:
        if not info or not info.get("status"):
            continue
        status, role = str(info["status"]), info.get("role", "verb")
        before = _words_before(doc.norm, m.start(), 4)
        if any(w in lex.negations for w in before[-3:]):
            continue
        if role == "verb" and lex.skip_after and lex.skip_after.search(doc.norm[m.end():m.end() + 40]):
            continue
        if _is_future(before, lex) and lex.order.get(status, 0) > lex.order.get("en négociation", 1):
            status = "annoncé"
            if lex.conditions is not None and lex.conditions.match(doc.norm, m.end()):
                status = "en négociation"  # « sera signé dès que les questions seront réglées »: not settled yet
        if before and before[-1] == "pour" and lex.past_trip is not None:
            done = lex.purpose_past.get(fold_span(doc, m.start(), m.end()))
            if done and lex.past_trip.search(doc.norm, max(sent.start, m.start() - 160), m.start()):
                status = done  # « s'était rendu à Téhéran en juin pour signer un mémorandum »: it was signed
        date_end = 0
        if role in ("noun", "state") and lex.predicate is not None:  # « la ratification / l'entrée en vigueur »
            verdict, said_end = _verdict(lex.predicate.match(doc.norm, m.end()), lex)
            if verdict:  # « dont la ratification a été achevée », « la signature est bloquée »: the agreement before
                status = _predicated(status, verdict, lex)
                out.append(_Cue(m.start(), said_end, status, False, False))  # its date follows the predicate
                continue
            if role == "noun":  # « la signature de l'accord sur le gaz est prévue mardi »: past its complement
                clause = _COMPLEMENT_BREAK.search(doc.norm, m.end(), min(len(doc.norm), m.end() + 120))
                far = lex.predicate_far.search(doc.norm, m.end(), clause.start() if clause else m.end() + 120)
                verdict, far_end = _verdict(far, lex)
                if not verdict and clause is not None and clause.group() == ",":
                    verdict, far_end = _after_apposition(doc.norm, clause.end(), lex)
                if verdict:
                    status = _predicated(status, verdict, lex)
                    date_end = far_end
        if role == "noun" and lex.planned is not None and lex.planned.match(doc.norm, m.end()):
            status = "annoncé"  # « la signature prévue du contrat »: a stage to come
        if role == "noun":
            announced = any(w in lex.announce for w in before[-3:])
            if announced and status == "en négociation":
                status = "annoncé"
            inserted = lex.inserted.match(doc.norm, m.end()) if lex.inserted is not None else None
            out.append(_Cue(m.start(), m.end(), status, True, True, date_end=date_end,
                            inserted_end=inserted.end() if inserted else 0,
                            transparent=bool(info.get("transparent")),
                            collective=bool(lex.collective is not None and lex.collective.match(doc.norm, m.end()))))
        elif role == "state":
            out.append(_Cue(m.start(), m.end(), status, False, False))
        else:
            active = bool(info.get("active")) or (
                "ete" not in before and "been" not in before and any(w in lex.active for w in before[-3:]))
            feminine = doc.norm.endswith(_FEMININE_ENDINGS, m.start(), m.end())
            out.append(_Cue(m.start(), m.end(), status, active, False, feminine, initial=bool(info.get("initial"))))
    return out


def _after_apposition(norm: str, at: int, lex: _Lexicon) -> tuple[str | None, int]:
    """The predicate of a stage noun whose complement is followed by an apposition between commas.

    Why: « La ratification par le Majlis du traité, signé en janvier, reste en suspens »: the
    verb after the apposition, not the participle inside it, says where the noun's stage is.
    """
    close = _COMPLEMENT_BREAK.search(norm, at, min(len(norm), at + 60))
    if close is None or close.group() != "," or lex.predicate is None:
        return None, 0
    return _verdict(lex.predicate.match(norm, close.end()), lex)


def _verdict(said: re.Match | None, lex: _Lexicon) -> tuple[str | None, int]:
    """What a stage noun's predicate says (« en cours », « achevée », « bloquée »): its two words, else its
    first; and where the predicate ends."""
    if said is None:
        return None, 0
    words = fold(said.group(1))
    verdict = lex.predicates.get(words)
    if verdict:
        return verdict, said.end()
    first = re.match(r"[\w-]+", said.group(1))
    verdict = lex.predicates.get(words.split()[0])
    if verdict is None and fold(said.group(0).split()[0]) in lex.modals:
        verdict = "future"  # « la ratification pourrait prendre des mois »: still to come
    return verdict, said.start(1) + first.end()


def _predicated(status: str, verdict: str, lex: _Lexicon) -> str:
    """The stage a stage noun's predicate leaves: reached (done), held back (pending), to come (future)."""
    if verdict == "pending":
        return lex.pending.get(status, status)
    return "annoncé" if verdict == "future" else status


def _is_future(before: list[str], lex: _Lexicon) -> bool:
    """A future or modal auxiliary among the words just before the cue (« doit être signé »)."""
    if lex.future_search.search(" " + " ".join(before[-4:]) + " ") is not None:
        return True
    last = before[-1] if before else ""
    return len(last) > 5 and last.endswith(lex.future_endings)


_FEMININE_ENDINGS = ("ée", "ées", "ÉE", "ÉES", "ee", "ees")
# Precompiled searches (pos/endpos instead of slicing: same characters looked at).
_COMPLEMENT_BREAK = re.compile(r"[,.;:]")
_DATE_BREAK = re.compile(r"[:;()]")
_WORDS = re.compile(r"[\w-]+")
# A second verb coordinated after a cue's objects: « et évoqué », « puis ont examiné ».
_COORD_VERB = re.compile(r"\s(?:et|puis)\s+(?:ont\s+|a\s+|avaient\s+|avait\s+)?[a-zéèêâîôûç]+(?:é|ée|és|ées)(?![\w-])")
_COORD_START = re.compile(r"\s(?:et|puis)")  # how every `_COORD_VERB` match begins (5 characters at most)


def _attach(cue: _Cue, mentions: list[_Mention], cues: list[_Cue], last: _Mention | None, norm: str) -> list[_Mention]:
    """The mentions a cue speaks of; an agreement named inside another's name stands for that one."""
    found = _attach_order(cue, mentions, cues, last, norm)
    if not any(m.outer for m in found):
        return found
    out: list[_Mention] = []
    for m in found:
        m = m.outer or m
        if not any(m is o for o in out):
            out.append(m)
    return out


def _attach_order(cue: _Cue, mentions: list[_Mention], cues: list[_Cue], last: _Mention | None, norm: str) -> list[_Mention]:
    """The mentions a cue speaks of, by French word order (see module docstring)."""
    after = [m for m in mentions if m.start >= cue.end]
    before = [m for m in mentions if m.end <= cue.start]
    if cue.noun:
        if after and after[0].start - cue.end <= 50 and not _COMPLEMENT_BREAK.search(norm, cue.end, after[0].start):
            return [after[0]]
        if after and cue.inserted_end and 0 <= after[0].start - cue.inserted_end <= 50 \
                and not _COMPLEMENT_BREAK.search(norm, cue.inserted_end, after[0].start):
            return [after[0]]  # « la signature, le 3 novembre, d'une feuille de route »
        if cue.collective:  # « la signature de plusieurs documents, dont un accord et un mémorandum »
            nxt = min((c.start for c in cues if c.start > cue.end), default=None)
            return [m for m in after if nxt is None or m.start < nxt]
        return []
    if cue.forward:
        if not after:
            return [] if not before else [before[-1]]
        nxt = min((c.start for c in cues if c.start > cue.end and not c.transparent), default=None)
        coord = _coordinated_verb(norm, cue.end, nxt if nxt is not None else len(norm), after[-1].start)
        if coord is not None:  # « ont signé une feuille de route et évoqué l'accord »: the second verb has its own object
            nxt = coord
        return [m for m in after if nxt is None or m.start < nxt] or ([] if not before else [before[-1]])
    if before:
        if cue.feminine and not before[-1].feminine and before[-1].kind:
            return []  # « l'accord ..., les sanctions adoptées depuis »: the participle agrees with another noun
        return [before[-1]]
    if after:  # fronted participle or list after a colon: « Autres documents signés : un accord, un protocole »
        nxt = min((c.start for c in cues if c.start > cue.end), default=None)
        return [m for m in after if (nxt is None or m.start < nxt) and (m.feminine or not cue.feminine)]
    return [last] if last and (last.feminine or not cue.feminine or not last.kind) else []


def _coordinated_verb(norm: str, start: int, end: int, last: int) -> int | None:
    """Where `_COORD_VERB.search(norm, start, end)` matches, when that is at or before `last`; else None.

    Why: with no later cue the search runs to the end of the text, but only a
    verb before the cue's last object can take objects from it. Every match
    begins with `_COORD_START`, so only those places, up to `last`, are tried.
    """
    for candidate in _COORD_START.finditer(norm, start, min(end, last + 5)):
        if candidate.start() > last:
            break
        if _COORD_VERB.match(norm, candidate.start(), end):
            return candidate.start()
    return None


def _content_words(name: str, lex: _Lexicon) -> frozenset[str]:
    words = [fold(w) for w in _WORDS.findall(name.replace("'", " "))]
    return frozenset(w for w in words[1:] if w not in lex.links and len(w) > 2)


def _resolve(mention: _Mention, agreements: list[_Agreement], lex: _Lexicon) -> _Agreement | None:
    """The agreement a mention names: a named key, a bare noun pointing back, or the same head + modifiers."""
    if mention.key:
        for a in agreements:
            if a.key == mention.key:
                return a
    if mention.distinct:
        return _new(mention, agreements, lex)
    if mention.kind is None or mention.bare:
        for a in reversed(agreements):
            if mention.kind is None or a.kind == mention.kind:
                return a
        if agreements and mention.kind in lex.generic:
            return agreements[-1]  # « le traité ... l'accord entrera en vigueur »: the generic noun, any kind
        return None if mention.kind is None else _new(mention, agreements, lex)
    if mention.year:  # « la convention de 2018 »: the one of that kind dated that year
        for a in agreements:
            if a.kind == mention.kind and mention.year in (a.year, (a.date or "")[:4]):
                return a
    words = _content_words(mention.name, lex)
    for a in agreements:
        if a.kind == mention.kind and a.key is None and words and a.words and (words <= a.words or a.words <= words):
            if words > a.words:
                a.name, a.words = mention.name, words
            return a
    return _new(mention, agreements, lex, words)


def _new(mention: _Mention, agreements: list[_Agreement], lex: _Lexicon,
         words: frozenset[str] | None = None) -> _Agreement:
    """A new agreement from `mention` (`words`: its `_content_words`, when already computed)."""
    if words is None:
        words = _content_words(mention.name, lex)
    a = _Agreement(mention.name, mention.kind or "accord", mention.key, words, year=mention.year)
    agreements.append(a)
    return a


def _date_near(cue: _Cue, dates: list[DateMention], norm: str, others: list[_Cue] = (),
               deadline: re.Pattern | None = None, deadline_at: re.Pattern | None = None) -> str | None:
    """The date expression closest to the cue in its clause (« signé en 2001 », « ont signé lundi »), with no
    other stage cue in between (« a ratifié l'accord, signé en 2021 »: that year is the signing's)."""
    best, best_gap = None, 60
    end = max(cue.end, cue.date_end)
    for d in dates:
        lo, hi = (end, d.start) if d.start >= end else (d.end, cue.start)
        gap = hi - lo
        if (0 <= gap <= best_gap and d.value and not _DATE_BREAK.search(norm, lo, hi)
                and not (deadline is not None and deadline.search(norm, max(0, d.start - 20), d.start))
                and not (deadline_at is not None and deadline_at.match(norm, d.start))
                and not any(lo <= c.start < hi for c in others if c is not cue)):
            best, best_gap = d, gap
    return best.value if best else None


def _title_spans(doc: Doc) -> list[Span]:
    """The headline block: the leading lines without final punctuation, followed by more text.

    A web page or a wire often puts a source or date line above the headline
    (« Sputnik Afrique - 27.06.2024 », then the headline): every such line is headline.
    """
    out = []
    for line_span in doc.lines[:-1]:
        line = doc.norm[line_span.start:line_span.end].rstrip()
        if line.endswith((".", "!", "?", ":")) or len(line) > 200:
            break
        out.append(line_span)
    return out


def find_agreements(doc: Doc, kb: Knowledge) -> list[dict]:
    """Each distinct agreement the text gives a stage, with its latest stage and that stage's date.

    Agreements mentioned with no stage at all are left out: in news texts they
    are almost always a passing reference to one already counted.
    """
    lex = lexicon(kb)
    titles = _title_spans(doc)
    sentences = [s for s in doc.sentences if not any(s.start >= t.start and s.end <= t.end for t in titles)]
    agreements: list[_Agreement] = []
    last: _Mention | None = None
    mentions = lex.mention_matcher.scan(doc)
    if not mentions:
        return []
    cues = stage_cues(doc, lex)
    m_starts, c_starts = [m.start() for m in mentions], [c.start() for c, _ in cues]
    first = min(m_starts[0], c_starts[0]) if c_starts else m_starts[0]
    for sent in sentences:
        if sent.end <= first:
            continue  # nothing before the first mention or cue
        found_m, found_c = in_span(mentions, m_starts, sent), in_span(cues, c_starts, sent)
        if found_m or found_c:
            last = _sentence(doc, sent, lex, agreements, last, found_m, found_c) or last
    for title in titles:
        _headline(doc, title, lex, agreements)
    return [
        {"name": a.name, "kind": a.kind, "status": a.status, "date": a.date or (None if a.status else a.year)}
        for a in agreements if a.status or a.year or (a.inside_of is not None and a.inside_of.status)
    ]


def _sentence(doc: Doc, sent: Span, lex: _Lexicon, agreements: list[_Agreement], last: _Mention | None,
              found_mentions: list[re.Match], found_cues: list[tuple[re.Match, dict | None]]) -> _Mention | None:
    mentions = _mentions(doc, sent, lex, found_mentions)
    cues = _cues(doc, sent, lex, found_cues)
    if not mentions and not cues:
        return None
    for m in mentions:
        m.target = _resolve(m, agreements, lex)
        for x in m.extra:
            x.target = _resolve(x, agreements, lex)
        if m.attached and m.target is not None and m.outer.target is not None and m.target is not m.outer.target:
            m.target.inside_of = m.target.inside_of or m.outer.target
    dates = partial(doc.sentence_dates, sent)
    for cue in cues:
        for m in _attach(cue, mentions, cues, last, doc.norm):
            for x in (m, *m.extra):
                if x.target:
                    _promote(x.target, cue.status, cue, dates, lex, doc.norm, cues)
    resolved = [m for m in mentions if m.target]
    return resolved[-1] if resolved else None


def _promote(a: _Agreement, status: str, cue: _Cue, dates: Callable[[], list[DateMention]], lex: _Lexicon,
             norm: str, others: list[_Cue] = ()) -> None:
    """Keep the latest stage; its date is the one next to the cue that gave it.

    `dates` gives the sentence's dates; they are read only when the stage can
    still be kept, since finding them is the costly part.
    """
    rank = lex.order.get(status, -1)
    if rank < a.rank:
        return  # an earlier stage: nothing this cue says can change
    date = _date_near(cue, dates(), norm, others, lex.deadline, lex.deadline_at)
    if rank == a.rank and cue.initial and not a.initial:
        return  # « ont signé le traité, paraphé en décembre »: the initialling's date is not the signing's
    if rank == a.rank and a.initial and not cue.initial:
        a.date, a.initial = date, False  # « paraphé en décembre, signé vendredi »: the signing's own date
    elif rank > a.rank or (date and (a.date is None or _later(date, a.date))):
        a.status, a.rank, a.date, a.initial = status, rank, date, cue.initial


def _later(new: str, old: str) -> bool:
    """A date of the same stage that comes after the one kept (« paraphé en septembre, signé le 11 novembre »).

    Why: the record keeps the latest step of a stage; a date merely more or less precise
    than the kept one (« en 2021 » / « le 3 mai 2021 ») is the same step told twice.
    """
    return new > old and not new.startswith(old) and not old.startswith(new)


def _headline(doc: Doc, title: Span, lex: _Lexicon, agreements: list[_Agreement]) -> None:
    """A headline repeats the lead: its agreement is the body's one of the same kind when there is one."""
    mentions = _mentions(doc, title, lex)
    for m in mentions:
        same = [a for a in agreements if a.kind == m.kind and (not m.key or a.key == m.key)]
        if same:
            words = _content_words(m.name, lex)
            m.target = next((a for a in same if words & a.words), same[0])
        else:
            m.target = _resolve(m, agreements, lex)
    for cue in _cues(doc, title, lex):
        for m in _attach(cue, mentions, [], None, doc.norm):
            if m.target:
                _promote(m.target, cue.status, cue, lambda: [], lex, doc.norm)  # a headline is not dated
