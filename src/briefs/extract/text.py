"""Turn raw bytes or text into a `Doc`: decode, clean, fold, split, detect language.

Cleaning decides the dedup key (sha256 of the cleaned text), so it must be
deterministic and must not depend on the reference date or the knowledge.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
import unicodedata

from briefs.extract.model import Doc, Span

# Same-length folding: one character in, one character out.
_FOLD = {
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u2002": " ", "\u2003": " ", "\t": " ",
    "\u2013": "-", "\u2014": "-", "\u2011": "-", "\u2010": "-", "\u2212": "-",
}
_INVISIBLE = "\u00ad\u200b\u200c\u200d\ufeff\u2060"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HYPHENATED_BREAK = re.compile(r"(\w)-\n(\w)")  # word cut at a line end: "coopé-\nration"
_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+$", re.M)


def decode(data: bytes) -> tuple[str, str]:
    """Bytes to text: UTF-8 when it is, else Windows-1252, else Latin-1 (never fails).

    Returns the text and the encoding used, so the caller can tell the user.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def clean(text: str) -> str:
    """The canonical form of a text: entities decoded, invisible characters gone, NFC."""
    for _ in range(2):  # "&amp;eacute;" double-escaped scrapes
        if "&" not in text:
            break
        text = html.unescape(text)
    for ch in _INVISIBLE:
        if ch in text:
            text = text.replace(ch, "")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(" ", text)
    if "-\n" in text:
        text = _HYPHENATED_BREAK.sub(r"\1\2", text)
    if _has_trailing_space(text):
        text = _TRAILING_SPACE.sub("", text)
    return text.strip("\n ")


def _has_trailing_space(text: str) -> bool:
    """Whether `_TRAILING_SPACE` can match: a space, tab or NBSP before a line break or at the end."""
    return text.endswith((" ", "\t", "\u00a0")) or " \n" in text or "\t\n" in text or "\u00a0\n" in text


def fold(text: str) -> str:
    """Same-length ASCII folding of typographic punctuation and spaces."""
    for ch, plain in _FOLD.items():  # a few C-level scans beat a per-character translate
        if ch in text:
            text = text.replace(ch, plain)
    return text


def sha256(cleaned: str) -> str:
    return hashlib.sha256(cleaned.encode("utf-8")).hexdigest()


# A sentence ends at . ! ? … (with closing quotes) followed by space and a capital,
# a quote or a digit; or at a line break. Abbreviations and initials are protected.
_SENT_END = re.compile(r"""([.!?…]+["»)]*)\s+(?=[«"(\[A-ZÀ-ÖØ-Þ0-9])""")
_NO_BREAK_BEFORE = re.compile(
    r"(?:\b(?:M|MM|Mme|Mmes|Mlle|Dr|Pr|St|Ste|Me|Mgr|av|J\.-C|cf|etc|p|vol|art|No|n°|env|min|S\.E|Gal|Gén|Col|Lt)"
    r"|\b[A-ZÀ-Þ]|\b[A-ZÀ-Þ]\.[A-ZÀ-Þ])$"
)


# `_SENT_END` within one line: the same matches over the whole text at once
# (its spaces never cross a line break, as they could not past a line's end).
# The first character spelled out of the repeat lets `re` skip to the stops.
_SENT_END_IN_LINE = re.compile(r"""([.!?…][.!?…]*["»)]*)[^\S\n]+(?=[«"(\[A-ZÀ-ÖØ-Þ0-9])""")
# The same for a text whose only stop character is the full stop (most texts): led by one
# literal character, which `re` skips to several times faster than to a set of four.
_PERIOD_END_IN_LINE = re.compile(r"""(\.[.!?…]*["»)]*)[^\S\n]+(?=[«"(\[A-ZÀ-ÖØ-Þ0-9])""")


def split_sentences(norm: str) -> tuple[Span, ...]:
    spans: list[Span] = []
    if "!" in norm or "?" in norm or "…" in norm:
        ends = [(m.start(), m.end(1), m.end(), m.group(1) == ".") for m in _SENT_END_IN_LINE.finditer(norm)]
    elif "." in norm:
        ends = [(m.start(), m.end(1), m.end(), m.group(1) == ".") for m in _PERIOD_END_IN_LINE.finditer(norm)]
    else:
        ends = []
    k, count = 0, len(ends)
    for line_start, line_end in _line_bounds(norm):
        start = line_start
        while k < count:
            stop, end, after, dot = ends[k]
            if stop >= line_end:
                break
            k += 1
            if dot and _NO_BREAK_BEFORE.search(norm, max(start, stop - 8), stop):
                continue
            _append_trimmed(spans, norm, start, end)
            start = after
        _append_trimmed(spans, norm, start, line_end)
    return tuple(spans)


def _append_trimmed(spans: list[Span], norm: str, start: int, end: int) -> None:
    """`_trim(norm, start, end)` onto `spans` unless the piece is all spaces."""
    piece = norm[start:end]
    kept = piece.strip()
    if kept:
        start += len(piece) - len(piece.lstrip())
        spans.append(Span(start, start + len(kept)))


def _line_bounds(norm: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty line (what the regex `[^\\n]+` finds)."""
    out = []
    pos = 0
    for line in norm.split("\n"):
        if line:
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _trim(norm: str, start: int, end: int) -> Span:
    while start < end and norm[start].isspace():
        start += 1
    while end > start and norm[end - 1].isspace():
        end -= 1
    return Span(start, end)


def split_lines(norm: str) -> tuple[Span, ...]:
    """Every line with a non-space character, trimmed (what the regex `[^\\n]*\\S[^\\n]*` finds)."""
    out = []
    pos = 0
    for line in norm.split("\n"):
        if line and not line.isspace():
            out.append(_trim(norm, pos, pos + len(line)))
        pos += len(line) + 1
    return tuple(out)


_FR_WORDS = frozenset("le la les des du de et à au aux en un une est a ont sont dans pour sur avec par qui que ne pas son sa ses leur ce cette été avait".split())
_EN_WORDS = frozenset("the of and to in a is was were on for with by that his her their has have from at as its this".split())


def detect_language(norm: str) -> str:
    """'fr', 'en' or 'unknown', from the share of common function words.

    Cheap on purpose: a few hundred words decide it, and it only has to tell
    French from the English wires and from noise.
    """
    words = norm[:1500].lower().split()
    if not words:
        return "unknown"
    fr = len([w for w in words if w in _FR_WORDS])
    en = len([w for w in words if w in _EN_WORDS])
    if fr >= en and fr / len(words) >= 0.08:
        return "fr"
    if en > fr and en / len(words) >= 0.08:
        return "en"
    return "unknown"


def _boilerplate_patterns(kb) -> tuple[re.Pattern, re.Pattern, int]:
    """Navigation lines (cue at the start, or a menu), a crawl stamp, and the longest line the first can match.

    From resources/boilerplate.yaml.
    """
    conf = kb["boilerplate"] or {}
    cues = sorted((re.escape(fold(str(c))) for c in conf.get("line_starts") or []), key=len, reverse=True)
    line_max = int(conf.get("line_max", 200))
    items, item_max = int(conf.get("menu_items", 3)), int(conf.get("menu_item_max", 30))
    # a slash between digits is a date ("02/10/2015 à 18:04"), not a menu separator
    item = rf"(?:[^\n|›>/]|(?<=\d)/(?=\d)){{1,{item_max}}}"
    sep = r"(?:[|›>]|(?<!\d)/|/(?!\d))"
    # « Par Anne Martin | OLJ | 06/03/2020 » is a byline with its outlet, not a menu
    bylines = "|".join(re.escape(fold(str(c))) for c in conf.get("byline_starts") or []) or "(?!)"
    alternatives = [rf"(?![^\w\n]{{0,3}}(?:{bylines})\s){item}(?:{sep}{item}){{{items - 1},}}"]
    if cues:
        alternatives.insert(0, rf"[^\w\n]{{0,12}}(?:{'|'.join(cues)})(?!\w)[^\n]*")
    line = re.compile(rf"^(?=[^\n]{{1,{line_max}}}$)(?:{'|'.join(alternatives)})$", re.M | re.I)
    stamp = re.compile(rf"\A\s*(?:{conf.get('crawl_prefix') or '(?!)'})", re.I)
    return line, stamp, line_max


def blank_boilerplate(norm: str, kb) -> str:
    """`norm` with navigation lines and a crawl stamp turned to spaces (same length, line breaks kept)."""
    line, stamp, line_max = kb.compiled("text.boilerplate", _boilerplate_patterns)
    m = stamp.match(norm)
    if m and m.end() > m.start() and any(ch.isdigit() for ch in m.group()):
        norm = "".join(ch if ch == "\n" else " " for ch in norm[:m.end()]) + norm[m.end():]
    if not _any_line_matches(line, line_max, norm):
        return norm
    return line.sub(lambda m: " " * len(m.group()), norm)


def _any_line_matches(line: re.Pattern, line_max: int, norm: str) -> bool:
    """`line.search(norm)`, tried only at the starts of lines `line` can match at all.

    Why: the pattern is anchored at a line start (`^`) and looks ahead for at
    most `line_max` characters before the line end, so the paragraphs of a news
    text (longer lines) and empty lines are skipped without running it.
    """
    match = line.match
    pos = 0
    for text in norm.split("\n"):
        if 0 < len(text) <= line_max and match(norm, pos):
            return True
        pos += len(text) + 1
    return False


def make_doc(text: str, published: dt.date | None, kb=None) -> Doc:
    """Build the Doc every pass reads; `text` should already be `clean`ed.

    With the knowledge, page furniture (navigation, share and copyright lines,
    a crawl stamp) is blanked in `norm`, so no pass reads it; `text` keeps it.
    """
    norm = fold(text)
    if kb is not None:
        norm = blank_boilerplate(norm, kb)
    return Doc(
        text=text, norm=norm, sentences=split_sentences(norm), lines=split_lines(norm),
        published=published, language=detect_language(norm),
    )
