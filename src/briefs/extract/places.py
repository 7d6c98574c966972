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


def fold(text: str) -> str:
    """Key form of a name: no accents, case-folded, dashes, apostrophes and spaces as one space.

    Why: "Saint-Pétersbourg", "SAINT PETERSBOURG" and "saint-petersbourg" are one key.
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[-'’\s.]+", " ", text)
    return text.strip()


def _char_class(ch: str) -> str:
    """Regex for one folded character: every case and accent form of it."""
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


def lexicon_regex(keys: Iterable[str], capitalised: bool = False) -> re.Pattern:
    """Whole-word matcher for folded keys; `capitalised` requires an initial capital."""
    head = r"(?=[A-ZÀ-ÖØ-Þ])" if capitalised else ""
    return re.compile(r"(?<![\w-])" + head + "(?:" + trie_pattern(keys) + r")(?![\w])")


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
    out = []
    for m in regex.finditer(doc.norm):
        name = table.get(fold(m.group()))
        if name:
            out.append(PlaceMention(name, m.start(), m.end()))
    return out


# ---------------------------------------------------------- organisations

def _org_table(kb: Knowledge) -> tuple[re.Pattern, dict[str, str], re.Pattern]:
    table: dict[str, str] = {}
    for entry in kb["organizations"] or []:
        if isinstance(entry, str):
            entry = {"name": entry}
        if not isinstance(entry, dict) or not entry.get("name"):
            continue
        name = str(entry["name"])
        table.setdefault(fold(name), name)
        for variant in entry.get("variants") or []:
            table.setdefault(fold(str(variant)), name)
    generic = kb["organization_patterns"] or {}
    return lexicon_regex(table, capitalised=False), table, _generic_org_regex(generic)


def _generic_org_regex(conf: dict) -> re.Pattern:
    """`Conseil|Commission|... ` + adjectives + `de/du/des` complements, up to a clause break.

    Why this shape: French institution names are a head noun followed by
    agreeing adjectives and prepositional complements ("Commission permanente
    russo-iranienne de coopération commerciale et économique"); they end at a
    comma, a verb or a relative pronoun.
    """
    heads = conf.get("heads") or ["Conseil", "Commission", "Organisation", "Agence", "Comité", "Fonds"]
    lower_heads = conf.get("lower_heads") or ["ministère", "commission"]
    head = "(?:" + "|".join(re.escape(h) for h in heads) + ")"
    lhead = "(?:" + "|".join(re.escape(h) for h in lower_heads) + ")"
    word = r"[\w][\w-]*"
    prep = r"(?:de\s+la|de\s+l'|du|des|de|d'|et|pour\s+la|pour\s+le|pour\s+les|pour|en)"
    adj = r"(?:[a-zà-ÿ][\w-]*(?:ien|ienne|iens|ain|aine|ais|aise|al|ale|aux|el|elle|ique|iques|if|ive|e|é|ée|ent|ente|ant|ante|ire|in|ine|es|s))"
    comp = rf"(?:\s+{prep}\s*{word})"
    tail = rf"(?:\s+{adj}|{comp})*"
    upper_head = rf"\b{head}(?:\s+{adj})*{comp}(?:{tail})"
    lower = rf"\b{lhead}\s+(?:{adj}\s+)?(?:de\s+la|de\s+l'|du|des|de|d')\s*[A-ZÀ-Þ][\w-]*(?:\s+[a-zà-ÿ]+(?<!\bet)(?<!\bpour))?"
    return re.compile(rf"(?:{upper_head}|{lower})")


_ORG_STOP = frozenset(
    "de la le les du des d' l' et pour en qui que a ont est sont sera à au aux sur dans par avec lors".split()
)


def _trim_org(name: str) -> str:
    """Drop dangling prepositions and verbs a greedy match caught at its end."""
    words = name.split()
    while words and (words[-1].lower() in _ORG_STOP or words[-1].endswith("'")):
        words.pop()
    return " ".join(words)


def find_organizations(doc: Doc, kb: Knowledge) -> list[str]:
    """Organisations named: gazetteer entries first, then generic institution names."""
    regex, table, generic = kb.compiled("organizations.regex", _org_table)
    found: list[tuple[int, int, str]] = []
    for m in regex.finditer(doc.norm):
        name = table.get(fold(m.group()))
        if name:
            found.append((m.start(), m.end(), name))
    for m in generic.finditer(doc.norm):
        if any(s <= m.start() < e for s, e, _ in found):
            continue
        name = _trim_org(doc.text[m.start():m.end()])
        if len(name.split()) >= 2:
            found.append((m.start(), m.end(), name))
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
