"""Persons: mentions, evidence, coreference, role and country.

A person is a run of capitalised words that some evidence calls a person:
the gazetteer, a known first name, a title before it (`le ministre iranien
des Affaires étrangères,`, `M.`), an apposition after it (`, chef de la
diplomatie iranienne`) or a verb it is the subject of. Words that are places,
organisations, months or titles never enter a name. Mentions are then grouped
by surname (`M. Lavrov` joins `Sergueï Lavrov`); the fullest form is the
name. The role is the title phrase as written; the country comes from that
phrase, else from `son homologue` facing the other party, else from the
gazetteer. All vocabularies live in resources/*.yaml.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

from briefs.extract.lexicon import prefix_guard, trie_pattern
from briefs.extract.model import Doc, Person, Span
from briefs.knowledge import Knowledge

_APOS = "'"


def _fold_table() -> dict[int, str | None]:
    """Character -> its base letter in lower case; built once at import, never changed."""
    table: dict[int, str | None] = {}
    for i in range(0x41, 0x530):
        c = chr(i)
        base = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x)).casefold()
        if base != c:
            table[i] = base or None
    for i in range(0x300, 0x370):
        table[i] = None  # combining accents
    table.update({ord("-"): " ", ord("."): " ", ord("’"): "'"})
    return table


_FOLD = _fold_table()
assert all(_FOLD.get(ord(c), c) == c.lower() for c in map(chr, range(128)) if c.isalnum())  # fold's ASCII shortcut
_INITIALS_GLUED = re.compile(r"((?:[^\W\d_]\.)+)(.+)")
_TOKEN = re.compile(r"(?:(?:[^\W\d_]\.-?)+(?=\s|$)|[^\s.]+\.?|\.)")
_INITIALS_KEY = re.compile(r"(?:\w )+\w")


def fold(text: str) -> str:
    """Lookup key: no accents, lower case, hyphens and dots as spaces ("Gholam-Reza" = "gholam reza").

    A plain ASCII word (most capitalised words) only has its capitals to lower.
    """
    if text.isascii() and text.isalnum():
        return text.lower()
    return " ".join(text.translate(_FOLD).split())


def _letters(pred) -> str:
    """A regex character-class body of the Latin/Cyrillic letters satisfying `pred`."""
    chars = [chr(i) for i in list(range(0x41, 0x250)) + list(range(0x400, 0x460)) if pred(chr(i))]
    return "".join(re.escape(c) for c in chars)


@dataclass
class _Tables:
    """Everything compiled once per Knowledge (see `Knowledge.compiled`)."""

    run: re.Pattern
    head: re.Pattern
    grade_tail: re.Pattern
    barrier: re.Pattern
    apposition: re.Pattern
    nat: re.Pattern
    nat_codes: dict[str, str | None]
    nat_noun_before: re.Pattern
    honorific_before: re.Pattern
    plural_head: re.Pattern
    first_names: frozenset[str]
    not_names: frozenset[str]
    not_spans: frozenset[str]   # folded multi-word places and organisations ("new york")
    gaz_full: dict[str, int]
    gaz_surname: dict[str, list[int]]
    gazetteer: list[dict]
    opposite: dict[str, str]
    grades: frozenset[str]
    org_before: re.Pattern       # "la force", "le groupe": what follows is an organisation, not a person
    byline: re.Pattern           # "Par" opening a byline line
    named_country: re.Pattern    # an organisation or local authority with a country, inside a role
    named_codes: dict[str, str]  # its folded form -> ISO code
    led_by: re.Pattern           # "une délégation du Majlis conduite par": group words -> the leader's country
    envoy: re.Pattern            # "ambassadeur", "consul": a head whose "en X" is the host country
    according: re.Pattern        # "selon", "d'après" right before a name: a source


def _alternation(words, flags_first_letter: bool = True) -> str:
    """Longest-first alternation; the first letter may be either case when asked."""
    out = []
    for w in sorted({str(w) for w in words if w}, key=len, reverse=True):
        body = re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]")
        if flags_first_letter and w[0].isalpha():
            body = f"[{w[0].lower()}{w[0].upper()}]" + body[1:]
        out.append(body)
    return "|".join(out)


def _trie(words) -> str:
    """Literal lower-case words (a space: any run of white space) as one trie-shaped alternation."""
    return trie_pattern((str(w) for w in words if w), char=lambda ch: r"\s+" if ch == " " else re.escape(ch))


def _adjective_forms(adj: str) -> list[str]:
    """French agreement of a nationality adjective: masculine, feminine, plurals."""
    if adj.endswith("ien") or adj.endswith("en"):
        fem = adj + "ne"
    elif adj.endswith("e"):
        fem = adj
    elif adj.endswith("c"):  # turc -> turque
        fem = adj + "que"
    else:
        fem = adj + "e"
    forms = {adj, fem, fem + "s"}
    forms.add(adj if adj.endswith("s") else adj + "s")
    return sorted(forms)


def _build(kb: Knowledge) -> _Tables:
    up = _letters(str.isupper)
    lo = _letters(str.islower) + "ß"
    # a "?" between letters is a letter the scrape lost (« Ra?ssi »)
    word = rf"[{up}](?:[{lo}{up}]|\?(?=[{lo}]))*(?:[-'][{up}{lo}](?:[{lo}{up}]|\?(?=[{lo}]))*)*"
    initials = rf"[{up}]\.(?:-?[{up}]\.)*"
    particle_h = r"(?:al|el|ad|as|ash|an|ibn|bin|ben|abd|abu|abou|ould)-"
    tok = rf"(?:{initials}|(?:{particle_h})?{word})"
    sep = r"(?:[ ]+(?:(?:de|da|van|von|der|ben|bin|ibn|bou|al|el|Al)[ ]+)?|(?<=\.)(?=\S))"
    # the lookahead lets sre skip every position that cannot start a name at once
    run = re.compile(rf"(?<![{up}{lo}\d])(?=[{up}]|{particle_h}[{up}])(?:{particle_h})?{tok}(?:{sep}{tok})*")

    roles = kb["roles"] or {}
    heads = [str(h) for h in roles.get("heads") or []]
    head_forms = set(heads)
    for h in heads:  # plural of the first word: "ministres des Affaires étrangères", "présidents"
        first, _, rest = h.partition(" ")
        if not first.endswith(("s", "x")):
            head_forms.add((first + "s" + (" " + rest if rest else "")))
    head = re.compile(rf"(?<![\w-])(?:{_trie(h.lower() for h in head_forms)})(?![\w-])")
    grades = [str(g) for g in roles.get("grades") or []]
    grade_alt = _alternation(grades)
    grade_tail = rf"(?:,\s*)?(?:(?:l'|le\s+|la\s+)?(?:{_alternation({g.lower() for g in grades}, False)})\s*)+$"
    grade_tail = re.compile(prefix_guard(grade_tail) + grade_tail)
    barrier = re.compile(
        rf"[;:«»\"()\[\]|]|(?<![\w'-])(?:{_trie(str(b).lower() for b in roles.get('barriers') or [])})(?![\w-])"
    )
    prefixes = _alternation(roles.get("apposition_prefixes") or [], False)
    apposition = re.compile(
        rf",\s*(?:(?:le|la|l'|un|une|son|sa)\s*)?(?:(?:{prefixes})\s+)?"
        rf"(?P<role>(?:{_alternation(head_forms)})(?![\w-])[^,.;:()«»\"\n]*)"
    )
    honorific_before = re.compile(
        rf"(?:^|[\s(])(?:{_alternation(roles.get('honorifics') or [], False)})\s*$"
    )
    plural_head = re.compile(
        rf"(?:les|ses|leurs|des)\s+(?P<head>(?:{_alternation([f for f in head_forms if f.split(' ')[0].endswith(('s', 'x'))])}))"
        rf"(?![\w-])(?P<rest>[^.;:]*)$", re.IGNORECASE
    )

    nats = kb["nationalities"] or {}
    nat_codes: dict[str, str | None] = {}
    for adj, code in (nats.get("adjectives") or {}).items():
        for form in _adjective_forms(str(adj)):
            nat_codes[fold(form)] = code
    for name, code in (nats.get("countries") or {}).items():
        nat_codes[fold(str(name))] = code
    nat_words = list((nats.get("countries") or {}).keys())
    for adj in (nats.get("adjectives") or {}):
        nat_words += _adjective_forms(str(adj))
    nat = re.compile(rf"(?<![\w-])(?:{_trie(w.lower() for w in nat_words)})(?![\w-])")
    nat_nouns = [w[0].upper() + w[1:] for adj in (nats.get("adjectives") or {}) for w in _adjective_forms(str(adj))]
    nat_noun_before = re.compile(rf"(?:l'|le\s+|la\s+|au\s+|du\s+|à\s+l'|de\s+l')(?P<nat>{_alternation(nat_nouns, False)})\s*$")

    first = kb["first_names"] or {}
    first_names = frozenset(fold(str(n)) for n in first.get("names") or [])
    not_names = {fold(str(n)) for n in first.get("not_persons") or []}
    not_spans: set[str] = set()
    for nat_form in nat_codes:
        not_names.add(nat_form)
    for entry in list(kb["places"] or []) + list(kb["organizations"] or []):
        if isinstance(entry, dict):
            for form in [entry.get("name"), *(entry.get("variants") or [])]:
                if form and " " not in str(form).strip():
                    not_names.add(fold(str(form)))
                elif form:
                    not_spans.add(" ".join(fold(w) for w in str(form).split()))
    grade_set = frozenset(fold(g) for g in grades)
    not_names |= grade_set
    not_names -= first_names

    gazetteer = [e for e in kb["persons"] or [] if isinstance(e, dict) and e.get("name")]
    gaz_full: dict[str, int] = {}
    gaz_surname: dict[str, list[int]] = {}
    for i, entry in enumerate(gazetteer):
        forms = [str(entry["name"]), *(str(v) for v in entry.get("variants") or [])]
        for form in forms:
            key = fold(form)
            gaz_full.setdefault(key, i)
            surname = key.split(" ")[-1]
            ids = gaz_surname.setdefault(surname, [])
            if i not in ids:
                ids.append(i)
    org_nouns = roles.get("organisation_nouns") or []
    org_before = re.compile(
        rf"(?:^|[\s'])(?:{_trie(str(w).lower() for w in org_nouns)})(?:\s+[a-zéèêëàâîïôûç-]+)?\s*$"
    )
    byline = re.compile(
        rf"^(?:[^\n]{{0,60}}?[-|•·/]\s*)?(?:{_alternation(roles.get('byline_cues') or ['Par'], True)})\s+"
        rf"(?:[{up}][^\W\d_]+(?:[-'][^\W\d_]+)*(?:\s+[{up}][^\W\d_]+(?:[-'][^\W\d_]+)*){{1,3}}\s*(?:,|et)\s+)?$"
    )  # the second author of « Par A B et C D » too
    named_codes: dict[str, str] = {}
    for entry in kb["organizations"] or []:
        if isinstance(entry, dict) and entry.get("name") and entry.get("country"):
            for form in [entry["name"], *(entry.get("variants") or [])]:
                named_codes.setdefault(fold(str(form)), str(entry["country"]))
    local = [str(w) for w in roles.get("local_authorities") or []]
    places_by_country: dict[str, str] = {}
    for entry in kb["places"] or []:
        if isinstance(entry, dict) and entry.get("name") and entry.get("country"):
            for form in [entry["name"], *(entry.get("variants") or [])]:
                places_by_country.setdefault(fold(str(form)), str(entry["country"]))
    for name, code in (nats.get("regions") or {}).items():
        places_by_country.setdefault(fold(str(name)), str(code))
        not_names.add(fold(str(name)))
    org_alt = _alternation(named_codes_forms(kb)) or "(?!)"
    local_alt = _alternation(local, False) or "(?!)"
    place_alt = _alternation(places_forms(kb, nats)) or "(?!)"
    named_country = re.compile(
        rf"(?<![\w-])(?:(?P<org>{org_alt})|(?:{local_alt})\s+(?:de\s+(?:la\s+|l')?|d'|du\s+)(?P<place>{place_alt}))(?![\w-])"
    )
    for key, code in places_by_country.items():
        named_codes.setdefault("@" + key, code)
    group_words = _alternation(roles.get("delegation_words") or [], False) or "(?!)"
    leading = _alternation(roles.get("led_by") or [], False) or "(?!)"
    led_by = re.compile(
        rf"\b(?:{group_words})\b(?P<what>[^.;:«»]{{0,80}}?)\s+(?:{leading})\s+(?:[^,.;:«»]{{0,50}},\s*)?$"
    )
    envoy = re.compile(rf"(?:{_alternation([str(w).lower() for w in roles.get('envoy_heads') or []], False) or '(?!)'})(?![\w-])")
    according = re.compile(
        rf"(?:^|[\s('])(?:{_alternation(roles.get('according_cues') or ['selon'], True)})\s+$")
    return _Tables(
        according=according, envoy=envoy, org_before=org_before, byline=byline, named_country=named_country, named_codes=named_codes, led_by=led_by,
        run=run, head=head, grade_tail=grade_tail, barrier=barrier, apposition=apposition,
        nat=nat, nat_codes=nat_codes, nat_noun_before=nat_noun_before,
        honorific_before=honorific_before, plural_head=plural_head,
        first_names=first_names, not_names=frozenset(not_names), not_spans=frozenset(not_spans), gaz_full=gaz_full,
        gaz_surname=gaz_surname, gazetteer=gazetteer,
        opposite={str(k): str(v) for k, v in (nats.get("opposite") or {}).items()}, grades=grade_set,
    )


def named_codes_forms(kb: Knowledge) -> list[str]:
    """Names and variants of the organisations that serve a state (they carry a `country`)."""
    out = []
    for entry in kb["organizations"] or []:
        if isinstance(entry, dict) and entry.get("name") and entry.get("country"):
            out += [str(entry["name"]), *(str(v) for v in entry.get("variants") or [])]
    return out


def places_forms(kb: Knowledge, nats: dict) -> list[str]:
    """Cities with a country, and regions, as they follow "région de" / "gouverneur de"."""
    out = [str(r) for r in (nats.get("regions") or {})]
    for entry in kb["places"] or []:
        if isinstance(entry, dict) and entry.get("name") and entry.get("country"):
            out += [str(entry["name"]), *(str(v) for v in entry.get("variants") or [])]
    return out


def tables(kb: Knowledge) -> _Tables:
    return kb.compiled("actors.tables", _build)


# ------------------------------------------------------------------ mentions

@dataclass
class Mention:
    """One occurrence of a person's name, with what its context says."""

    start: int
    end: int
    form: str                 # as written, honorific left out
    keys: tuple[str, ...]     # folded tokens
    gaz: int | None = None    # gazetteer entry
    role: str | None = None
    role_is_grade: bool = False
    country: str | None = None
    homologue: bool = False   # bare "son homologue": country from the other party
    sentence: int = 0


def _split_tokens(text: str, offset: int) -> list[tuple[str, int, int]]:
    """Tokens of a capitalised run with offsets; initials glued to a name are split off."""
    out = []
    for m in _TOKEN.finditer(text):
        tok = m.group()
        start = offset + m.start()
        # "S.V.Lavrov" -> "S.V." + "Lavrov" (initials have dots: most tokens need no regex)
        sub = _INITIALS_GLUED.match(tok) if "." in tok else None
        if sub and not tok.endswith("."):
            out.append((sub.group(1), start, start + len(sub.group(1))))
            out.append((sub.group(2), start + len(sub.group(1)), start + len(tok)))
        else:
            out.append((tok, start, start + len(tok)))
    return out


def _is_name_token(tok: str, t: _Tables, folded: dict[str, str]) -> bool:
    key = folded.get(tok)
    if key is None:
        key = folded[tok] = fold(tok)
    if not key or key in t.not_names:
        return False
    bare = tok.replace(".", "").replace("-", "")
    if len(bare) > 1 and bare.isupper() and "." not in tok:
        return False  # acronyms and datelines: IRNA, MOSCOU
    if "'" in tok and tok[:2].lower() in ("l'", "d'", "qu"):
        return False
    if tok.endswith("'s"):
        return False
    return True


# « de », « à », « en » right before a lone word: a place (« la région de Vladimir »), not a short name.
_PLACE_PREP = re.compile(r"(?:\b(?:de|à|au|en)\s+|\bd')$")

# Words that join the parts of a name but never end one ("de" in "Jaap de Hoop Scheffer").
_INNER_PARTICLES = frozenset(("de", "da", "van", "von", "der", "ben", "bin", "ibn", "bou", "al", "el"))
_HONORIFICS = frozenset(("M.", "MM.", "Mme", "Mmes", "Mlle", "Mr.", "Mr", "Mrs.", "Ms.", "Dr", "Pr"))


def _candidates(doc: Doc, t: _Tables, folded: dict[str, str]) -> list[tuple[int, int, list[tuple[str, int, int]], bool]]:
    """Sub-runs of name tokens: (start, end, tokens, honorific before).

    `folded` memoises `fold` per token for the text (the same words recur).
    """
    norm = doc.norm
    out = []
    for m in t.run.finditer(norm):
        word = m.group()
        if " " not in word and "." not in word:
            key = folded.get(word)
            if key is None:
                key = folded[word] = fold(word)
            if key in t.not_names:
                continue  # a lone capitalised common word: the usual case, decided at once
            toks = [(word, m.start(), m.end())]  # what _split_tokens gives for one dotless word
        else:
            toks = _split_tokens(word, m.start())
        cur: list[tuple[str, int, int]] = []
        honor = False
        inside = False  # a capitalised word that is no name stands just before the current sub-run
        for tok, s, e in toks + [("", -1, -1)]:
            ok = bool(tok) and _is_name_token(tok, t, folded)
            if ok and tok in ("M.",) and not cur:
                ok = False  # "M." alone is the honorific, not an initial
            if ok:
                cur.append((tok, s, e))
                continue
            if cur:
                while cur and folded[cur[-1][0]] in _INNER_PARTICLES:
                    cur.pop()
                # "International Crisis Group": words of an institution's name on both sides
                sandwiched = inside and bool(tok) and tok not in _HONORIFICS
                if cur and not sandwiched and not (len(cur) > 1 and " ".join(folded[c[0]] for c in cur) in t.not_spans):
                    out.append((cur[0][1], cur[-1][2], cur, honor))  # "New York" is a city, not a person
                cur = []
            honor = tok in _HONORIFICS
            inside = bool(tok) and not honor and tok[:1].isupper() and not tok.endswith(".")
    return out


def _sentence_index(doc: Doc, starts: list[int], offset: int) -> int:
    return max(0, bisect.bisect_right(starts, offset) - 1)


_ROLE_WINDOW = 140


def _role_before(norm: str, low: str, lo: int, start: int, t: _Tables) -> tuple[str | None, bool, str | None]:
    """The title phrase that ends right before a name: (role, is only a grade, nationality noun code).

    Looks back from the name to the last barrier (a verb, a clause word, the
    previous name) and takes the phrase from the first role head on.
    """
    seg_start = max(lo, start - _ROLE_WINDOW)  # longer titles exist but are rare; this bounds the scan
    for b in t.barrier.finditer(low, seg_start, start):
        seg_start = b.end()
    seg = norm[seg_start:start]
    hon = t.honorific_before.search(seg[-8:])
    if hon:  # "les chefs de la diplomatie russe et iranienne, MM. X et Y": the honorific is no part of the role
        seg = seg[:len(seg) - len(seg[-8:]) + hon.start()]
        seg = seg.rstrip(" ,") + " " if seg.strip() else ""
    if _COORDINATED.search(seg[-12:]) or _COMPLEMENT.search(seg[-6:]):
        return None, False, None
    nat_code = None
    nb = t.nat_noun_before.search(seg[-30:])
    if nb:
        nat_code = t.nat_codes.get(fold(nb.group("nat")))
        seg = seg[:len(seg) - 30 + nb.start()] if len(seg) > 30 else seg[:nb.start()]
    h = _np_head(seg.lower(), t)
    if not h:
        g = t.grade_tail.search(seg[-40:].lower())
        if g and g.group().strip(" ,"):
            return _clean_role(g.group()), True, nat_code
        return None, False, nat_code
    role = seg[h.start():]
    if len(role) > 160 or _CLAUSE_AFTER_COMMA.search(role):
        return None, False, nat_code  # "..., petit-fils de l'ancien Premier ministre, dirige X": X is an object
    tail = role[-40:].lower()
    g = t.grade_tail.search(tail)
    if g and len(role) - len(tail) + g.start() > 0:
        role = role[:len(role) - len(tail) + g.start()]
    return _clean_role(role) or None, False, nat_code


# A role that runs on past a comma into a lower-case word other than a determiner or an
# adjective-like continuation ("Premier ministre, dirige ") has left the title for a clause.
_CLAUSE_AFTER_COMMA = re.compile(
    r",\s+(?!(?:le|la|les|l'|un|une|son|sa|ses|et|ancien|ancienne|actuel|actuelle|vice|chef|ex)\b)[a-zàâäéèêëîïôöùûüç][\w'-]*\s+$")


# A name right after "et d'" is coordinated, not titled; right after "des"/"du" it is
# the complement of a title ("ministre des Routes"), not a person.
_COORDINATED = re.compile(r"(?:\bet|\bou|\bainsi que)(?:\s+d')?\s*$")
_COMPLEMENT = re.compile(r"(?:\b(?:des|du|de|la|le|les|aux|au|à|en|sur|pour)\s+|\b[dl]')$")


_DETERMINER_BEFORE = re.compile(r"(?:^|\s|')(?:le|la|l'|les|son|sa|ses|leur|leurs|un|une|notre)\s*$|^[\s,]*$")


def _np_head(seg: str, t: _Tables) -> re.Match | None:
    """The head that opens the title phrase of the name: the last one that opens a noun phrase.

    A head opens a noun phrase after a determiner or at the start of the
    segment: in ", conseiller du Kremlin, le président iranien X" the title of
    X is "président iranien"; in "le représentant spécial du Président ..."
    the inner "Président" is a complement and the phrase starts earlier.
    """
    last = None
    first = None
    for h in t.head.finditer(seg):
        if first is None:
            first = h
        if _DETERMINER_BEFORE.search(seg[max(0, h.start() - 8):h.start()]) and (
                h.start() >= 8 or _DETERMINER_BEFORE.search(seg[:h.start()])):
            last = h
    return last or first


def _clean_role(role: str) -> str:
    role = " ".join(role.split())
    role = role.strip(" ,-")
    role = re.sub(r"^(?:l'|le |la |les )", "", role)
    role = re.sub(r"\s+(?:de|du|des|d'|le|la|les|l')$", "", role)
    return role.strip(" ,")


def _role_after(norm: str, end: int, t: _Tables) -> str | None:
    """An apposition right after the name: ", chef de la diplomatie iranienne,"."""
    m = t.apposition.match(norm, end)
    if not m:
        return None
    role = m.group("role")
    b = t.barrier.search(role.lower())
    if b:
        role = role[:b.start()]
    role = re.sub(r"\s+(?:et|a|est)$", "", role.rstrip())
    return _clean_role(role) or None


def _apposition_closed(norm: str, end: int, t: _Tables) -> bool:
    """Whether the apposition after a name ends with a comma before any verb (", chercheur à l'IRIS,")."""
    m = t.apposition.match(norm, end)
    if not m:
        return False
    if t.barrier.search(m.group("role").lower()):
        return False
    return norm.startswith(",", m.end("role"))


# « en Iran », « au Qatar », « à Oman »: the country a person is posted to, not the one served.
_POSTED_IN = re.compile(r"(?:^|\s)(?:en|au|aux|à)\s+$")


def _country_of(role: str | None, t: _Tables) -> str | None:
    if not role:
        return None
    low = role.lower()
    for m in t.nat.finditer(low):
        code = t.nat_codes.get(fold(m.group()))
        if not code:
            continue
        if not _POSTED_IN.search(low, max(0, m.start() - 5), m.start()):
            return code
        if t.envoy.match(low):
            # "l'ambassadeur en Russie" in a Russia-Iran text serves the other party
            return t.opposite.get(code)
    return None


def _named_country(role: str | None, t: _Tables) -> str | None:
    """The state behind a role naming an organisation or a local authority.

    "directeur général de Roscosmos" -> RU (the organisation's country);
    "gouverneur de la région d'Astrakhan" -> RU (the country of the city or region
    after a local-government word). A city alone ("correspondant à Washington")
    says nothing of the state served.
    """
    if not role:
        return None
    for m in t.named_country.finditer(role):
        if m.group("org"):
            code = t.named_codes.get(fold(m.group("org")))
        else:
            code = t.named_codes.get("@" + fold(m.group("place")))
        if code:
            return code
    return None


def _gazetteer_entry(keys: tuple[str, ...], t: _Tables, year: int | None, role: str | None) -> int | None:
    """The gazetteer entry a name form stands for; namesakes told apart by role and year."""
    full = " ".join(keys)
    if full in t.gaz_full:
        return t.gaz_full[full]
    ids = t.gaz_surname.get(keys[-1], [])
    if len(keys) > 1:
        # a full form of an unknown first name is another person ("Miad Salehi")
        firsts = {fold(str(t.gazetteer[i]["name"])).split(" ")[0] for i in ids}
        if not any(k[:1] == f[:1] for f in firsts for k in keys[:1]) or keys[0] not in firsts and len(keys[0]) > 2:
            return None
    if len(ids) == 1:
        return ids[0]
    if len(ids) > 1 and (year or role):
        return _pick_namesake(ids, t, year, role)
    return None


def _pick_namesake(ids: list[int], t: _Tables, year: int | None, role: str | None) -> int | None:
    """Prefer the entry whose role held that year shares words with the text's role."""
    words = set(fold(role or "").split()) - {"de", "du", "des", "la", "le", "l"}
    best, best_score = None, 0
    for i in ids:
        for r in t.gazetteer[i].get("roles") or []:
            if not isinstance(r, dict):
                continue
            lo, hi = r.get("from"), r.get("to")
            in_time = year is None or ((lo is None or int(lo) <= year) and (hi is None or year <= int(hi)))
            score = (2 if in_time else 0) + len(words & set(fold(str(r.get("role") or "")).split()))
            if score > best_score:
                best, best_score = i, score
    return best


def _has_evidence(keys: tuple[str, ...], gaz: int | None, role: str | None, honor: bool,
                  nat_noun: str | None, after: str | None, t: _Tables) -> bool:
    """A run is a person when something says so; capitalisation alone never does."""
    if gaz is not None or honor or role or after or nat_noun:
        return True
    if len(keys) < 2:
        return False
    first = keys[0].split(" ")
    return keys[0] in t.first_names or first[0] in t.first_names or all(len(x) == 1 for x in first)


def _mentions(doc: Doc, t: _Tables) -> list[Mention]:
    norm = doc.norm
    low = doc.lowered
    sent_starts = [s.start for s in doc.sentences]
    year = doc.published.year if doc.published else None
    out: list[Mention] = []
    prev_end_in_sentence = -1
    prev_sentence = -1
    folded: dict[str, str] = {}  # token -> fold(token), for this text
    surnames: set[str] = set()  # of the persons found so far: a bare surname later is one of them
    given: set[str] = set()  # their other tokens: « Xi » after « Xi Jinping », « Kim » after « Kim Jong-un »
    for start, end, toks, honor in _candidates(doc, t, folded):
        si = _sentence_index(doc, sent_starts, start)
        lo = doc.sentences[si].start if doc.sentences else 0
        if si == prev_sentence and prev_end_in_sentence > lo:
            lo = prev_end_in_sentence
        role, is_grade, nat_noun = _role_before(norm, low, lo, start, t)
        after = _role_after(norm, end, t)
        if after and not _apposition_closed(norm, end, t) and t.according.search(norm, max(0, start - 16), start):
            # "Selon Kayhan, le Guide a approuvé": the phrase is the next clause's subject, not a role of Kayhan
            after = None
        keys = tuple(folded[tok] for tok, _, _ in toks)
        if not all(keys):
            continue
        cut = _name_start(keys, t)
        if cut:
            toks, keys = toks[cut:], keys[cut:]
            start = toks[0][1]
            role, is_grade, nat_noun = _role_before(norm, low, lo, start, t)
        gaz = _gazetteer_entry(keys, t, year, role or after)
        honor = honor or bool(t.honorific_before.search(norm, max(0, start - 6), start))
        if not honor:
            honor = _enumerated_honorific(norm, doc.sentences[si].start if doc.sentences else 0, start)
        if gaz is None and not honor and t.org_before.search(low, max(lo, start - 40), start) and not (
                is_grade and t.grade_tail.search(low[max(lo, start - 40):start])):  # "le général de brigade X"
            # "commandant de la force Al-Qods", "l'exercice Marine Security Belt", "le centre
            # Youri-Gagarine": a unit, an exercise, a ship or a building is named, not a person
            continue
        byline = len(keys) > 1 and _byline(norm, start, end, t)
        # "Momeni a dit que ..." after "Eskandar Momeni"; "Xi a salué ..." after "Xi Jinping"
        known = len(keys) == 1 and (keys[0] in surnames or (
            keys[0] in given and not _PLACE_PREP.search(norm, max(0, start - 5), start)))  # not « la région de Vladimir »
        if not (byline or known) and not _has_evidence(keys, gaz, role, honor, nat_noun, after, t) and not (
                len(keys) > 1 and si == prev_sentence and _CHAIN_GAP.fullmatch(norm, prev_end_in_sentence, start)):
            continue
        if after and (role is None or is_grade):
            # "le général X, commandant de la force Al-Qods ...": the apposition says more than the grade
            role, is_grade = after, False
        form = norm[start:end]
        form = doc.text[start:end] if len(doc.text) == len(norm) else form
        m = Mention(start, end, form, keys, gaz, role, is_grade, None, False, si)
        m.country = _country_of(role, t) or nat_noun
        if m.country is None and after and after != role:
            m.country = _country_of(after, t)
        if m.country is None:
            m.country = _named_country(role, t) or (_named_country(after, t) if after != role else None)
        if m.country is None:
            m.country = _delegation_country(norm, lo, start, t)
        m.homologue = bool(role and fold(role).split(" ")[0] in ("homologue", "homologues", "counterpart") and m.country is None)
        out.append(m)
        if len(keys) > 1 and len(keys[-1]) > 2:
            surnames.add(keys[-1])
            given.update(_given_tokens(keys))
        prev_end_in_sentence, prev_sentence = end, si
    _enumerations(doc, out, t)
    return out


def _byline(norm: str, start: int, end: int, t: _Tables) -> bool:
    """"Par Prénom Nom" opening a short line, alone or before "|", "," or a dash: the author."""
    line_start = norm.rfind("\n", 0, start) + 1
    line_end = norm.find("\n", end)
    line_end = len(norm) if line_end < 0 else line_end
    if line_end - line_start > 160 or not t.byline.search(norm[line_start:start]):
        return False
    rest = norm[end:line_end].strip()
    if rest.endswith((".", "!", "?")) and not rest.endswith(".."):
        return False  # a sentence opening with « Par X, ... » is prose, not a byline
    return not rest or rest[0] in "|,;(/-•·" or rest.startswith("et ")


def _delegation_country(norm: str, lo: int, start: int, t: _Tables) -> str | None:
    """"une délégation du Majlis conduite par X": X serves the state of the group."""
    m = t.led_by.search(norm, max(lo, start - 160), start)
    if not m:
        return None
    what = m.group("what")
    return _country_of(what, t) or _named_country(what, t)


# Between two enumerated names: ", " / " et " / " - ", maybe with the next one's adjective.
_CHAIN_GAP = re.compile(r"\s*(?:,\s*(?:et\s+)?|\s+et\s+|\s*-\s*)(?:[\w-]+\s*,?\s*)?")


def _name_start(keys: tuple[str, ...], t: _Tables) -> int:
    """Index where the name starts when capitalised words stand before it.

    "Argentin Rafael Grossi", "Autour Vladimir Poutine": the name starts at a
    known first name, or where the rest is a gazetteer name.
    """
    if keys[0] in t.first_names or " ".join(keys) in t.gaz_full:
        return 0
    for k in range(1, len(keys) - 1):
        if keys[k] in t.first_names or " ".join(keys[k:]) in t.gaz_full:
            return k
    return 0


def _enumerated_honorific(norm: str, lo: int, start: int) -> bool:
    """The second name of "MM. Poutine et Ahmadinejad" has its honorific on the first."""
    seg = norm[max(lo, start - 60):start]
    return "MM." in seg and re.search(r"\bMM\.\s+\S+(?:\s+\S+)?\s+et\s+(?:M\.\s*)?$", seg) is not None


def _enumerations(doc: Doc, mentions: list[Mention], t: _Tables) -> None:
    """Roles of enumerated names: "les présidents kazakh A, azerbaïdjanais B et turkmène C".

    A plural head before a chain of names joined by commas and `et` gives each
    its singular head, with the adjective written before it (or the i-th of a
    list of adjectives written before the first name).
    """
    norm = doc.norm
    i = 0
    while i < len(mentions):
        chain = [mentions[i]]
        j = i + 1
        while j < len(mentions) and mentions[j].sentence == chain[0].sentence:
            gap = norm[chain[-1].end:mentions[j].start]
            if not _CHAIN_GAP.fullmatch(gap):
                break
            chain.append(mentions[j])
            j += 1
        if len(chain) >= 2:
            lo = doc.sentences[chain[0].sentence].start if doc.sentences else 0
            before = norm[lo:chain[0].start]
            hon = t.honorific_before.search(before[-8:])
            if hon:  # "..., MM. X et Y"
                before = before[:len(before) - len(before[-8:]) + hon.start()]
            cut = 0
            for b in t.barrier.finditer(before.lower()):
                if not b.group().startswith("et"):
                    cut = b.end()
            p = t.plural_head.search(before, cut)
            if p:
                _assign_chain(norm, chain, p, lo, t)
        i = j if len(chain) >= 2 else i + 1


def _assign_chain(norm: str, chain: list[Mention], p: re.Match, lo: int, t: _Tables) -> None:
    head = p.group("head")
    first, _, rest = head.partition(" ")
    singular = (first[:-1] if first.endswith(("s", "x")) else first) + (" " + rest if rest else "")
    listed = [m.group() for m in t.nat.finditer(p.group("rest").lower())]
    for k, m in enumerate(chain):
        gap_start = chain[k - 1].end if k else lo + p.end()
        gap = norm[gap_start:m.start]
        adj = [a.group() for a in t.nat.finditer(gap.lower())]
        if k == 0 and len(listed) == 1:
            word = listed[0]  # "les ministres ouzbek A, arménien B": A's adjective is before it
        elif adj and k:
            word = adj[-1]
        else:
            word = listed[k] if len(listed) == len(chain) else None
        if word:
            m.role, m.role_is_grade = f"{singular} {_singular_adj(word)}", False
            m.country = t.nat_codes.get(fold(word))
            m.homologue = False
        elif not m.role or m.role == p.group(0).strip() or fold(m.role).startswith(fold(first)):
            m.role, m.role_is_grade = singular, False


def _singular_adj(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


# -------------------------------------------------------------- coreference

@dataclass
class _Group:
    mentions: list[Mention] = field(default_factory=list)
    gaz: int | None = None

    @property
    def surname(self) -> str:
        return self.mentions[0].keys[-1]

    def full_forms(self) -> list[Mention]:
        return [m for m in self.mentions if len(m.keys) > 1]


def _compatible(m: Mention, g: _Group) -> bool:
    """Two full forms of one surname are one person when their first names agree.

    Agreement: same first name, one an initial of the other ("S.V." ~ "Sergueï"),
    or one a suffix of the other ("Seyed Abbas Araghchi" ~ "Abbas Araghchi").
    """
    if m.gaz is not None and g.gaz is not None:
        return m.gaz == g.gaz
    fulls = g.full_forms()
    if len(m.keys) == 1 or not fulls:
        return True
    for f in fulls:
        a, b = m.keys[:-1], f.keys[:-1]
        if a == b or a[-len(b):] == b or b[-len(a):] == a:
            return True
        if a[0][:1] == b[0][:1] and (len(a[0]) == 1 or len(b[0]) == 1 or " " in a[0] or " " in b[0]):
            return True
        if (len(a[0].split(" ")[0]) == 1 or len(b[0].split(" ")[0]) == 1) and a[0][:1] == b[0][:1]:
            return True
    return False


def _group(mentions: list[Mention]) -> list[_Group]:
    """Join mentions of one person: same gazetteer entry, or same surname with agreeing first names.

    A bare surname ("M. Ivanov") joins the latest person of that surname
    spoken of, whatever the gazetteer would guess for it alone.
    """
    groups: list[_Group] = []
    by_surname: dict[str, list[_Group]] = {}  # a group's surname is its first mention's, fixed
    for m in mentions:
        target = None
        same = by_surname.get(m.keys[-1], [])
        if len(m.keys) == 1 and same:
            target = max(same, key=lambda g: g.mentions[-1].start)
        elif m.gaz is not None:
            target = next((g for g in groups if g.gaz == m.gaz), None)
        if target is None:
            target = next((g for g in same if _compatible(m, g)), None)
        if target is None:
            target = _Group()
            groups.append(target)
            by_surname.setdefault(m.keys[-1], []).append(target)
        target.mentions.append(m)
        if target.gaz is None or (len(m.keys) > 1 and m.gaz is not None):
            target.gaz = m.gaz if m.gaz is not None else target.gaz
    return _merge_early_surnames(groups)


def _given_tokens(keys: tuple[str, ...]) -> list[str]:
    """The tokens of a full name before its last one, particles left out ("xi" of "Xi Jinping")."""
    return [k for k in keys[:-1] if len(k) > 1 and k not in _INNER_PARTICLES]


def _merge_early_surnames(groups: list[_Group]) -> list[_Group]:
    """A bare surname or short form joins the one full name it is a token of.

    "M. Mottaki" in a headline joins the later "Manouchehr Mottaki"; "le
    président Xi" and "M. Kim" join "Xi Jinping" and "Kim Jong-un" (the family
    name first), unless the token belongs to several persons' names.
    """
    by_token: dict[str, list[_Group]] = {}
    for g in groups:
        if g.full_forms():
            for key in {k for m in g.full_forms() for k in _given_tokens(m.keys)}:
                by_token.setdefault(key, []).append(g)
    out: list[_Group] = []
    for g in groups:
        if not g.full_forms():
            later = [h for h in groups if h is not g and h.surname == g.surname and h.full_forms()]
            if not later and len(by_token.get(g.surname, ())) == 1 and all(len(m.keys) == 1 for m in g.mentions) and (
                    g.gaz is None or g.gaz is by_token[g.surname][0].gaz):  # « le patriarche Kirill » is someone
                later = by_token[g.surname]
            if len(later) >= 1:
                target = later[0]
                target.mentions = sorted(target.mentions + g.mentions, key=lambda m: m.start)
                continue
        out.append(g)
    return sorted(out, key=lambda g: g.mentions[0].start)


def _best_form(g: _Group) -> str:
    def rank(m: Mention):
        has_initials = any(len(k) == 1 or _INITIALS_KEY.fullmatch(k) for k in m.keys[:-1])
        return (not has_initials, len(m.keys), len(m.form))
    return max(g.mentions, key=rank).form


def _person(g: _Group, t: _Tables) -> Person:
    name = _best_form(g)
    aliases = list(dict.fromkeys(m.form for m in g.mentions if m.form != name))
    roles = [m for m in g.mentions if m.role and not m.role_is_grade] or [m for m in g.mentions if m.role]
    role = roles[0].role if roles else None
    country = next((m.country for m in g.mentions if m.country), None)
    return Person(name=name, aliases=aliases, role=role, country=country,
                  mentions=[Span(m.start, m.end) for m in g.mentions])


def _homologue_countries(groups: list[_Group], persons: list[Person], known: list, t: _Tables) -> None:
    """`son homologue` serves the other party: the other person of its sentence, then the gazetteer."""
    by_sentence: dict[int, list[int]] = {}
    for gi, g in enumerate(groups):
        for m in g.mentions:
            by_sentence.setdefault(m.sentence, []).append(gi)
    for gi, g in enumerate(groups):
        if persons[gi].country:
            continue
        for m in g.mentions:
            if not m.homologue:
                continue
            others = [known[o] for o in by_sentence.get(m.sentence, []) if o != gi and known[o]]
            if others and others[0] in t.opposite:
                persons[gi].country = t.opposite[others[0]]
                break


def find_persons(doc: Doc, kb: Knowledge) -> list[Person]:
    """Every named person in the text, once, in order of first mention."""
    t = tables(kb)
    mentions = _mentions(doc, t)
    groups = _group(mentions)
    persons = [_person(g, t) for g in groups]
    known = [p.country or (t.gazetteer[g.gaz].get("country") if g.gaz is not None else None)
             for g, p in zip(groups, persons)]
    _homologue_countries(groups, persons, known, t)
    for g, p in zip(groups, persons):
        if p.country is None and g.gaz is not None:
            p.country = t.gazetteer[g.gaz].get("country") or None
    return persons
