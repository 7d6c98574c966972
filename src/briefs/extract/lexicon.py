"""Shared lexicon matching: key folding, trie-shaped regexes, table lookups, and
an indexed matcher that scans a text once for all lexicons.

Every lexicon (places, organisations, topic cues, agreement nouns and stage
cues, event words, quote cues) is compiled into one trie-shaped regex that
matches case- and accent-insensitively (`lexicon_regex`). Running each of
those regexes over the whole text costs tens of nanoseconds per character
whatever the lexicon, so a text was paid for once per lexicon. `Matcher`
instead asks the `Doc`'s word index (built once per text, see
`model.Doc.word_index`) where a key can start at all -- the word runs whose
first three folded letters begin some key -- and tries the regex only there.
The matches are exactly those of `regex.finditer(doc.norm)` (same leftmost,
non-overlapping order); lexicons whose keys cannot be indexed that way fall
back to the full scan.
"""
from __future__ import annotations

import re
import unicodedata
try:  # the regex parser, to read the literal beginnings of a pattern (prefix_guard)
    from re import _constants as _sre, _parser
except ImportError:  # Python < 3.11
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]
from bisect import bisect_left, insort
from itertools import chain
from typing import Callable, Iterable

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
assert not any(chr(c).isascii() and chr(c).isalnum() for c in _FOLD_TABLE)  # fold's ASCII shortcut


def fold(text: str) -> str:
    """Key form of a name: no accents, case-folded, dashes, apostrophes and spaces as one space.

    Why: "Saint-Pétersbourg", "SAINT PETERSBOURG" and "saint-petersbourg" are one key.
    A translate table rather than NFKD per call: this runs on every match.
    A plain ASCII word (most words) has nothing to translate or collapse.
    """
    if text.isalnum() and text.isascii():
        return text.lower()
    return " ".join(text.translate(_FOLD_TABLE).lower().split())


_LIGATURES = {"o": "[œŒ]", "a": "[æÆ]"}  # the letter a folded key spells with a following "e"
_LIGATURE_WORD = re.compile(r"\w*[œæ]\w*")  # in a lower-cased text


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


def _star_last(item: tuple[str, object]) -> tuple[bool, str]:
    """Sort key of trie branches: the `*` wildcard after every literal character."""
    return (item[0] == "*", item[0])


def trie_pattern(keys: Iterable[str], char: Callable[[str], str] | None = None) -> str:
    """One regex alternation over folded keys, factored as a trie.

    Why a trie: Python's `re` tries the branches of a flat alternation one by
    one at each position; a trie makes a position that starts no key fail on
    its first character, which keeps a few hundred names cheap. `char` gives
    the regex of one character: every case and accent form by default,
    `re.escape` for literal keys.
    """
    ligatures = char is None
    char = char or _char_class
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
        # a `*` ending is tried last, so a longer literal key sharing its stem still wins
        branches = [char(ch) + emit(child) for ch, child in sorted(node.items(), key=_star_last) if ch]
        if ligatures:  # folded "oe"/"ae" is also one letter in the text: « manœuvres »
            branches += [_LIGATURES[ch] + emit(child["e"]) for ch, child in sorted(node.items())
                         if ch in _LIGATURES and "e" in child]
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
    return lookup_key(table, fold(matched))


def fold_span(doc, start: int, end: int) -> str:
    """`fold(doc.norm[start:end])`, read off the Doc's folded copy when that is the same.

    A span that folds to plain ASCII letters and digits has no separator to
    collapse and no letter `fold` would spell differently, so the copy is the key.
    """
    key = doc.folded[start:end]
    if key.isascii() and key.isalnum():
        return key
    return fold(doc.norm[start:end])


def lookup_key(table: dict, key: str):
    """`lookup` for an already folded key."""
    if key in table:
        return table[key]
    for i in range(len(key), 0, -1):
        hit = table.get(key[:i] + "*")
        if hit is not None:
            return hit
    return None


# ------------------------------------------------------- the folded copy

PREFIX = 3  # letters of a word run the index is keyed by

# Accented lower-case forms -> base letter, for the same-length folded copy of a text.
_LOW_ACCENTS = tuple((form, base) for base, forms in _ACCENTS.items() for form in forms[1:])
assert all(f.upper().lower() == f and len(f.upper()) == 1 for f, _ in _LOW_ACCENTS)


def lower_same_length(text: str) -> str:
    """text.lower(), keeping every offset (a few characters lower-case to two)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def fold_same_length(text: str) -> str:
    """Lower-case, accents off (the `_ACCENTS` forms only), one character for one character.

    Any character a key's character class (`_char_class`) accepts for an
    ASCII key letter folds to that letter here, which is what makes the word
    index complete for the lexicons it serves.
    """
    return unaccent_lowered(lower_same_length(text))


def unaccent_lowered(low: str) -> str:
    """`fold_same_length` of a text already through `lower_same_length`."""
    if not low.isascii():
        for form, base in _LOW_ACCENTS:
            if form in low:
                low = low.replace(form, base)
    return low


# Byte -> itself for the Latin-1 characters `\w` matches, else a space: with the
# text encoded one byte per character, word runs become space-separated words.
_WORD_BYTES = bytes(b if (chr(b).isalnum() or chr(b) == "_") else 0x20 for b in range(256))


class WordIndex:
    """The text's word runs, folded, for finding where a lexicon key can start; built once per text.

    The folded text is read one byte per character (a character outside
    Latin-1 becomes a separator: it can start no ASCII key), every non-word
    character a separator; `positions` maps each resulting word to the
    offsets where it starts in the text.
    """

    __slots__ = ("positions", "foreign_digits", "_sorted", "_by_head")

    def __init__(self, folded: str):
        try:
            raw = folded.encode("latin-1")
            self.foreign_digits = False
            latin1 = True
        except UnicodeEncodeError:
            raw = folded.encode("latin-1", "replace")
            latin1 = False
            # A decimal digit outside Latin-1 (Arabic-Indic...) starts no run here but is `\d` for `re`.
            self.foreign_digits = any(c.isdecimal() for c in set(folded) if c > "\xff")
        positions: dict[bytes, list[int]] = {}
        get = positions.get
        pos = 0
        for word in raw.translate(_WORD_BYTES).split(b" "):
            if word:
                found = get(word)
                if found is None:
                    positions[word] = [pos]
                else:
                    found.append(pos)
            pos += len(word) + 1
        if not latin1 and ("œ" in folded or "æ" in folded):
            # A ligature is no Latin-1 byte, so it split its word: the word is also
            # indexed as a key spells it (« manœuvres » under "manoeuvres").
            for m in _LIGATURE_WORD.finditer(folded):
                word = m.group().replace("œ", "oe").replace("æ", "ae").encode("latin-1", "replace")
                insort(positions.setdefault(word, []), m.start())
        self.positions = positions
        self._sorted: list[bytes] | None = None
        self._by_head: dict[bytes, list[bytes]] | None = None

    def _heads(self) -> dict[bytes, list[bytes]]:
        """The words at least `PREFIX` letters long, by their first `PREFIX` letters."""
        if self._by_head is None:
            by_head: dict[bytes, list[bytes]] = {}
            for w in self.positions:
                if len(w) >= PREFIX:
                    by_head.setdefault(w[:PREFIX], []).append(w)
            self._by_head = by_head
        return self._by_head

    @property
    def vocabulary(self):
        """The distinct words (a set-like view)."""
        return self.positions.keys()

    def _beginning(self, stem: bytes) -> list[bytes]:
        """The words that begin with `stem`."""
        if self._sorted is None:
            self._sorted = sorted(self.positions)
        words = self._sorted
        i = bisect_left(words, stem)
        out = []
        while i < len(words) and words[i].startswith(stem):
            out.append(words[i])
            i += 1
        return out

    def starts(self, keys: "Starts") -> list[int]:
        """Sorted offsets of the runs equal to one of `keys.words` or starting with one of `keys.stems`."""
        vocabulary = self.positions.keys()
        # Set operations iterate one side and probe the other: iterate the smaller.
        if len(keys.words) <= len(vocabulary):
            hit = keys.words & vocabulary
        else:
            hit = keys.words.intersection(vocabulary)
        if keys.pairs:  # « a annoncé »: the word « a » only where one of its followers is in the text
            hit |= {w for w in keys.pairs.keys() & vocabulary if not vocabulary.isdisjoint(keys.pairs[w])}
        if keys.stems:  # only the stems whose first letters begin some word of the text
            by_head = self._heads()
            hit |= {w for head in keys.stem_heads & by_head.keys() for stem in keys.stems[head]
                    for w in by_head[head] if w.startswith(stem)}
        if keys.short_stems:
            hit |= {w for stem in keys.short_stems for w in self._beginning(stem)}
        if not hit:
            return []
        positions = self.positions
        if len(hit) == 1:
            return positions[next(iter(hit))]
        return sorted(chain.from_iterable(positions[w] for w in hit))


class Starts:
    """The word runs a lexicon's keys begin with.

    `words`: whole first words; `pairs`: first words that begin only keys of
    two words or more, each with the second words that must also be in the
    text for it to matter; `stems`: first runs that end in `*`, by their
    first `PREFIX` letters (`stem_heads`), or `short_stems` when shorter.
    """

    __slots__ = ("words", "pairs", "stems", "stem_heads", "short_stems")

    def __init__(self, words: frozenset[bytes], pairs: dict[bytes, frozenset[bytes]],
                 stems: dict[bytes, tuple[bytes, ...]]):
        self.words = words
        self.pairs = pairs
        self.stems = {head: group for head, group in stems.items() if len(head) >= PREFIX}
        self.stem_heads = frozenset(self.stems)
        self.short_stems = tuple(s for head, group in stems.items() if len(head) < PREFIX for s in group)

    @classmethod
    def of(cls, keys: Iterable[str]) -> "Starts | None":
        """From folded keys; None when one cannot be indexed (its first run is empty or not ASCII)."""
        words: set[bytes] = set()
        seconds: dict[bytes, set[bytes]] = {}
        stems: dict[bytes, set[bytes]] = {}
        for key in keys:
            if not key:
                continue
            run = _run_end(key, 0)
            head = key[:run]
            if not head or not head.isascii():
                return None
            if run < len(key) and key[run] == "*":
                stem = head.encode("ascii")
                stems.setdefault(stem[:PREFIX], set()).add(stem)
                continue
            first = head.encode("ascii")
            second = _second_run(key, run)
            if second is None:
                words.add(first)
            else:
                seconds.setdefault(first, set()).add(second)
        pairs = {w: frozenset(s) for w, s in seconds.items() if w not in words}
        # A stem that extends another is found by it already.
        packed = {head: tuple(sorted(s for s in group if not any(o != s and s.startswith(o) for o in group)))
                  for head, group in sorted(stems.items())}
        return cls(frozenset(words), pairs, packed)


def _run_end(key: str, i: int) -> int:
    while i < len(key) and (key[i].isalnum() or key[i] == "_"):
        i += 1
    return i


def _second_run(key: str, run: int) -> bytes | None:
    """The key's second word when the text must hold it as a whole word, else None.

    Only after a plain space (the key's separator, `[-'\\s]+` in the text) and
    when that word is ASCII and not a `*` stem.
    """
    if run >= len(key) or key[run] != " ":
        return None
    start = run + 1
    end = _run_end(key, start)
    word = key[start:end]
    if not word or not word.isascii() or (end < len(key) and key[end] == "*"):
        return None
    return word.encode("ascii")


class Matcher:
    """A lexicon regex plus the word runs its keys begin with; `scan(doc)` = `regex.finditer(doc.norm)`.

    Immutable once built; the per-text results are memoised on the Doc.
    """

    __slots__ = ("regex", "keys")

    def __init__(self, regex: re.Pattern, keys: Iterable[str]):
        self.regex = regex
        self.keys = Starts.of(keys)

    def starts(self, doc) -> list[int]:
        """Sorted offsets where a key may start (a superset of the real match starts)."""
        return doc.word_index().starts(self.keys)

    def scan(self, doc) -> list[re.Match]:
        """All matches in the text, as `regex.finditer(doc.norm)` gives them; memoised per Doc."""
        memo = doc.memo
        key = ("scan", id(self))
        found = memo.get(key)
        if found is not None and found[0] is self:
            return found[1]
        if self.keys is None:
            out = list(self.regex.finditer(doc.norm))
        else:
            out = []
            norm = doc.norm
            match = self.regex.match
            end = 0
            for p in self.starts(doc):
                if p < end:
                    continue
                m = match(norm, p)
                if m is not None and m.end() > p:
                    out.append(m)
                    end = m.end()
        memo[key] = (self, out)
        return out


def lexicon_matcher(keys: Iterable[str], capitalised: bool = False, inside_compound: bool = True) -> Matcher:
    """`lexicon_regex` with the word-index shortcut (see `Matcher`)."""
    keys = list(keys)
    return Matcher(lexicon_regex(keys, capitalised, inside_compound), keys)


# --- guards: where a pattern cannot start ------------------------------------

def _prefixes(items: list, k: int) -> set[str]:
    """The literal beginnings (up to `k` characters) of every string the parsed regex `items` matches.

    A superset: zero-width assertions are skipped, and a piece that is not a
    small set of literal characters (`\\w`, a negated class) ends the prefix there,
    so "" means "no literal prefix known".
    """
    if k == 0 or not items:
        return {""}
    op, av = items[0]
    rest = items[1:]
    if op is _sre.LITERAL:
        return {chr(av) + tail for tail in _prefixes(rest, k - 1)}
    if op is _sre.IN:
        chars = []
        for cop, cav in av:
            if cop is _sre.LITERAL:
                chars.append(chr(cav))
            elif cop is _sre.RANGE and cav[1] - cav[0] < 64:
                chars.extend(map(chr, range(cav[0], cav[1] + 1)))
            else:
                return {""}
        tails = _prefixes(rest, k - 1)
        return {c + tail for c in chars for tail in tails}
    if op is _sre.SUBPATTERN and not av[1] and not av[2]:
        return _prefixes(list(av[3].data) + rest, k)
    if op is _sre.BRANCH:
        return set().union(*(_prefixes(list(alt.data) + rest, k) for alt in av[1]))
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
        lo, hi, sub = av
        return set().union(*(_prefixes(list(sub.data) * n + rest, k) for n in range(lo, min(hi, lo + k) + 1)))
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return _prefixes(rest, k)
    return {""}


def prefix_guard(pattern: str, flags: int = 0, k: int = 3) -> str:
    """A lookahead that every match of `pattern` passes: its possible 3-letter beginnings as a trie.

    Why: sre tries the alternatives of a flat alternation one by one at every
    position (~60 meeting cues, the role grades); behind this guard a position
    that begins no match fails on its first letters. The guard only drops positions where no match can start, so the
    matches are exactly those of `pattern` alone.
    """
    try:
        found = _prefixes(list(_parser.parse(pattern, flags).data), k)
    except (re.error, RecursionError):
        return ""
    if "" in found or len(found) > 500:
        return ""
    return f"(?=(?:{trie_pattern(found, char=re.escape)}))"
