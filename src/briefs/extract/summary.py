"""Title and summary: taken from the text (headline, lead), never invented."""
from __future__ import annotations

import re
from itertools import islice

from briefs.extract.model import Doc, Span

# "MOSCOU, 13 mars - ", "TÉHÉRAN, 20 juillet 2022 – ", "Bouchehr, 21 août - ": a wire dateline.
_DATELINE = re.compile(r"[A-ZÀ-Þ][\wÀ-ÿ'. -]{1,40}, \d{1,2}(?:er)? [a-zéû]+(?: \d{4})?\s*[-.:]\s+")
_DECORATION = re.compile(r"^[\W_]+", re.UNICODE)  # emojis, bullets, flags before the words
_META_LINE = re.compile(r"^(?:Publié le|Mis à jour|Partager|Par |Source|Lire aussi|Accueil|Crédit|Photo)", re.I)
SUMMARY_MAX = 400
TITLE_MAX = 120


def _is_headline(line: str, lines_after: int) -> bool:
    return lines_after > 0 and 8 <= len(line) <= 160 and not line.rstrip().endswith((".", ",", ";"))


def summary_and_title(doc: Doc) -> tuple[str | None, str | None]:
    """The lead sentence(s) as summary; the first line as title when it reads as a headline."""
    lines = [s for s in doc.lines if not _META_LINE.match(doc.norm[s.start:s.end])]
    if not lines:
        return None, None
    title = None
    first = doc.slice(lines[0])
    first = _DECORATION.sub("", first).strip()
    body_start = lines[0].start
    if _is_headline(first, len(lines) - 1):
        title = first
        body_start = lines[0].end
    # Only the first two prose sentences are ever read: stop looking after them.
    sentences = list(islice((s for s in doc.sentences if s.start >= body_start and _is_prose(doc, s)), 2))
    summary = None
    if sentences:
        parts: list[str] = []
        for s in sentences:
            dateline = _DATELINE.match(doc.norm, s.start, s.end)
            start = dateline.end() if dateline else s.start
            text = _DECORATION.sub("", doc.text[start:s.end]).strip()
            if parts and len(" ".join(parts)) + len(text) > SUMMARY_MAX:
                break
            parts.append(text)
            if len(" ".join(parts)) >= 120:
                break
        summary = " ".join(parts) or None
    if title is None and summary:
        title = _shorten(summary.split(". ")[0], TITLE_MAX)
    return summary, title


def _is_prose(doc: Doc, s: Span) -> bool:
    text = doc.norm[s.start:s.end]
    return len(text.split()) >= 6 and not _META_LINE.match(text)


def _shorten(text: str, limit: int) -> str:
    text = text.rstrip(" .")
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"
