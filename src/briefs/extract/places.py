"""Cities, organisations and URLs named in the text.

All lexicons here (and in the topic, agreement and event passes) are compiled
into one trie-shaped regex each, matching case- and accent-insensitively, so a
text is scanned once per concern whatever the size of the gazetteer.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable

from briefs.extract.model import Doc, PlaceMention
from briefs.knowledge import Knowledge

# Base letter -> the accented forms French texts and transliterations use.
_ACCENTS = {
    "a": "aàâäáãå", "c": "cç", "e": "eéèêë", "i": "iîïíì", "o": "oôöóòõ",
    "u": "uùûüú", "y": "yÿý", "n": "nñ", "s": "sş", "g": "gğ",
}


def _fold_table() -> dict[int, str]:
    """Accented Latin letter -> base letter; separators -> space (built once, never mutated)."""
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        ch = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        if base and base != ch and base.isascii():
            table[code] = base
    table.update({ord("œ"): "oe", ord("Œ"): "oe", ord("æ"): "ae", ord("Æ"): "ae"})
    for sep in "-'’.\t\n\u00a0":
        table[ord(sep)] = " "
    return table


_FOLD_TABLE = _fold_table()


def fold(text: str) -> str:
    """Key form of a name: no accents, case-folded, dashes, apostrophes and spaces as one space.

    Why: "Saint-Pétersbourg", "SAINT PETERSBOURG" and "saint-petersbourg" are one key.
    A translate table rather than NFKD per call: this runs on every match.
    """
    return " ".join(text.translate(_FOLD_TABLE).lower().split())


def _char_class(ch: str) -> str:
    """Regex for one folded character: every case and accent form of it.

    A trailing `*` in a key stands for any word ending ("économi*").
    """
    if ch == "*":
        return r"[\w-]*"
    if ch == " ":
        return r"[-'\s]+"
    forms = _ACCENTS.get(ch, ch)
    chars = "".join(dict.fromkeys(forms + forms.upper()))
    if len(chars) == 1:
        return re.escape(chars)
    return "[" + "".join(re.escape(c) for c in chars) + "]"


def trie_pattern(keys: Iterable[str]) -> str:
    """One regex alternation over folded keys, factored as a trie.

    Why a trie: Python's `re` tries the branches of a flat alternation one by
    one at each position; a trie makes a position that starts no key fail on
    its first character, which keeps a few hundred names cheap.
    """
    trie: dict = {}
    for key in keys:
        if not key:
            continue
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict) -> str:
        end = "" in node
        branches = [_char_class(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if end else body

    return emit(trie)


def lexicon_regex(keys: Iterable[str], capitalised: bool = False, inside_compound: bool = True) -> re.Pattern:
    """Whole-word matcher for folded keys.

    `capitalised` requires an initial capital (proper names); `inside_compound`
    lets a key start right after a hyphen ("Racht-Astara" names two towns).
    """
    head = r"(?=[A-ZÀ-ÖØ-Þ])" if capitalised else ""
    behind = r"(?<!\w)" if inside_compound else r"(?<![\w-])"
    return re.compile(behind + head + "(?:" + trie_pattern(keys) + r")(?![\w])")


def lookup(table: dict, matched: str):
    """Table value for a matched text: its exact key, else its longest `prefix*` key."""
    key = fold(matched)
    if key in table:
        return table[key]
    for i in range(len(key), 0, -1):
        hit = table.get(key[:i] + "*")
        if hit is not None:
            return hit
    return None


# ---------------------------------------------------------------- places

def _place_table(kb: Knowledge) -> tuple[re.Pattern, dict[str, str]]:
    """Folded form -> record name; the first entry wins (the user's come first)."""
    table: dict[str, str] = {}
    for entry in kb["places"] or []:
        if isinstance(entry, str):
            entry = {"name": entry}
        if not isinstance(entry, dict) or not entry.get("name"):
            continue
        name = str(entry["name"])
        table.setdefault(fold(name), name)
        for variant in entry.get("variants") or []:
            table.setdefault(fold(str(variant)), name)
        for spelling in entry.get("spellings") or []:
            table.setdefault(fold(str(spelling)), str(spelling))
    return lexicon_regex(table, capitalised=True), table


def find_places(doc: Doc, kb: Knowledge) -> list[PlaceMention]:
    """Every city mention, normalised French spelling, in text order.

    Any role counts (a capital standing for its government, "l'accord de
    Vienne", a dateline "MOSCOU, 3 octobre"); countries and regions are simply
    not in the gazetteer.
    """
    regex, table = kb.compiled("places.regex", _place_table)
    inside_orgs = _org_spans(doc, kb)
    out = []
    for m in regex.finditer(doc.norm):
        if any(s <= m.start() < e for s, e in inside_orgs):
            continue  # "Organisation de coopération de Shanghai" names no city
        name = table.get(fold(m.group()))
        if name:
            out.append(PlaceMention(name, m.start(), m.end()))
    return out


# ---------------------------------------------------------- organisations

def _org_table(kb: Knowledge) -> tuple[re.Pattern, dict[str, tuple[str, bool]], re.Pattern]:
    """Folded form -> (record name, form is an acronym); acronyms must be written in capitals."""
    table: dict[str, tuple[str, bool]] = {}
    for entry in kb["organizations"] or []:
        if isinstance(entry, str):
            entry = {"name": entry}
        if not isinstance(entry, dict) or not entry.get("name"):
            continue
        name = str(entry["name"])
        for form in [name, *(str(v) for v in entry.get("variants") or [])]:
            table.setdefault(fold(form), (name, _is_acronym(form)))
    generic = kb["organization_patterns"] or {}
    return lexicon_regex(table, inside_compound=False), table, _generic_org_regex(generic)


def _is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _generic_org_regex(conf: dict) -> re.Pattern:
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
    return re.compile(rf"\b(?:{head}|{lhead})\b(?:[ ]+[\w'-]+){{1,12}}")


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
    regex, _, _ = kb.compiled("organizations.regex", _org_table)
    return [(m.start(), m.end()) for m in regex.finditer(doc.norm) if " " in m.group().strip()]


def find_organizations(doc: Doc, kb: Knowledge) -> list[str]:
    """Organisations named: gazetteer entries, then generic institution names, in text order."""
    regex, table, generic = kb.compiled("organizations.regex", _org_table)
    conf = kb["organization_patterns"] or {}
    stops = frozenset(w.lower() for w in conf.get("stop_words") or [])
    preps = frozenset(w.lower() for w in conf.get("linking_words") or [])
    found: list[tuple[int, int, str]] = []
    for m in regex.finditer(doc.norm):
        hit = table.get(fold(m.group()))
        if hit and (not hit[1] or _is_acronym(m.group())):
            found.append((m.start(), m.end(), hit[0]))
    pos = 0
    while m := generic.search(doc.norm, pos):
        words = _org_words(doc.text[m.start():m.end()].split(" "), stops, preps)
        end = m.start() + len(" ".join(words))
        pos = max(end, m.start() + 1)  # the cut-off words may open the next name
        if any(s <= m.start() < e for s, e, _ in found):
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
