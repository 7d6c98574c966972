"""What `briefs list` asks, and the plain-scan answer over records.

The sqlite index must give the same answers as `matches` here: this module
is the reference semantics (the index tests compare the two).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Iterable, NamedTuple


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_PUNCT = str.maketrans({ch: " " for ch in "-'’`.,«»\""})


def _drop_combining(m: re.Match) -> str:
    return "" if unicodedata.combining(m.group()) else m.group()


def fold(text: object) -> str:
    """Case- and accent-insensitive form, punctuation to spaces: how names are compared.

    Only non-ASCII characters are looked at one by one: the index folds every
    name of every record with this, so it is on the rebuild's hot path.
    """
    s = unicodedata.normalize("NFKD", str(text or ""))
    if not s.isascii():
        s = _NON_ASCII.sub(_drop_combining, s)
    return " ".join(s.casefold().translate(_PUNCT).split())


def period(iso: str) -> tuple[str, str]:
    """First and last day of an ISO partial date: '2024-02' -> ('2024-02-01', '2024-02-29')."""
    parts = iso.split("-")
    year = int(parts[0])
    if len(parts) == 1:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    month = int(parts[1])
    if len(parts) == 2:
        import calendar  # here: list start-up does not need it

        last = calendar.monthrange(year, month)[1]
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
    return iso, iso


_ISO_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def iso_period(text: str) -> tuple[str, str] | None:
    """`period(text)` when `text` is a valid YYYY, YYYY-MM or YYYY-MM-DD; None otherwise.

    The quick path for --since/--until: the French date grammar (and its
    start-up cost) is only needed for what users type in words.
    """
    m = _ISO_PARTIAL.fullmatch(text)
    if not m or int(m.group(1)) < 1:
        return None
    year, month, day = (int(g) if g else None for g in m.groups())
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None:
        import calendar

        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            return None
    return period(text)


def brief_date(record: dict) -> str | None:
    """The date a brief is listed and filtered under: published, else its first meeting's."""
    if record.get("published"):
        return str(record["published"])
    for m in record.get("meetings") or []:
        if isinstance(m, dict) and m.get("date"):
            return str(m["date"])
    return None


class Filters(NamedTuple):
    """`briefs list` filters; all given ones must hold (AND). Dates are ISO day bounds.

    NamedTuples here and in index/env, not dataclasses: every query starts faster.
    """

    actor: str | None = None
    topic: str | None = None
    place: str | None = None
    country: str | None = None
    agreement: str | None = None
    since: str | None = None  # first day, 'YYYY-MM-DD'
    until: str | None = None  # last day, 'YYYY-MM-DD'
    text: str | None = None

    def is_empty(self) -> bool:
        return not any(self)


def actor_forms(record: dict) -> list[list[str]]:
    """Folded token lists of every name and alias in the record."""
    out = []
    for actor in record.get("actors") or []:
        if not isinstance(actor, dict):
            continue
        for name in [actor.get("name"), *(actor.get("aliases") or [])]:
            if isinstance(name, str) and fold(name):
                out.append(fold(name).split())
    return out


def actor_matches(query: str, record: dict) -> bool:
    """`larijani`, `Larijani`, `Ali Larijani` all find Ali Larijani: the query's words are a subset of a name's."""
    wanted = set(fold(query).split())
    return bool(wanted) and any(wanted <= set(tokens) for tokens in actor_forms(record))


def record_places(record: dict) -> set[str]:
    places = {fold(p) for p in record.get("places") or [] if isinstance(p, str)}
    for key in ("meetings", "events"):
        places |= {fold(m.get("place")) for m in record.get(key) or [] if isinstance(m, dict) and m.get("place")}
    return places - {""}


def searchable_text(record: dict) -> str:
    """The text fields FTS searches: title, summary, names, agreements, events, quotes."""
    parts = [record.get("title"), record.get("summary")]
    parts += [a.get("name") for a in record.get("actors") or [] if isinstance(a, dict)]
    parts += [a.get("role") for a in record.get("actors") or [] if isinstance(a, dict)]
    parts += [a.get("name") for a in record.get("agreements") or [] if isinstance(a, dict)]
    parts += [e.get("what") for e in record.get("events") or [] if isinstance(e, dict)]
    parts += [q.get("text") for q in record.get("quotes") or [] if isinstance(q, dict)]
    parts += [o for o in record.get("organizations") or [] if isinstance(o, str)]
    return " ".join(p for p in parts if isinstance(p, str))


def matches(record: dict, f: Filters) -> bool:
    if f.actor and not actor_matches(f.actor, record):
        return False
    if f.topic and f.topic.lower() not in (record.get("topics") or []):
        return False
    if f.place and fold(f.place) not in record_places(record):
        return False
    if f.country and f.country.upper() not in {
        (a.get("country") or "").upper() for a in record.get("actors") or [] if isinstance(a, dict)
    }:
        return False
    if f.agreement:
        word = fold(f.agreement)
        if not any(
            word in fold(" ".join(str(a.get(k) or "") for k in ("name", "kind", "status")))
            for a in record.get("agreements") or [] if isinstance(a, dict)
        ):
            return False
    if f.since or f.until:
        date = brief_date(record)
        if not date:
            return False
        first, last = period(date)
        if f.since and last < f.since:
            return False
        if f.until and first > f.until:
            return False
    if f.text:
        haystack = set(fold(searchable_text(record)).split())
        if not all(any(w.startswith(q) for w in haystack) for q in fold(f.text).split()):
            return False
    return True


def sort_key(record: dict) -> tuple[str, str]:
    """Newest first when reversed: by brief date then id."""
    return (brief_date(record) or "", record.get("id") or "")


def select(records: Iterable[dict], f: Filters, limit: int | None = None) -> list[dict]:
    """Plain scan: the matching records, newest first."""
    found = sorted((r for r in records if matches(r, f)), key=sort_key, reverse=True)
    return found[:limit] if limit else found


def most_common(counts: Counter, top: int) -> list[tuple[str, int]]:
    """The `top` most frequent values, ties by value: the same answer on every run."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]


def archive_summary(records: list[dict], top: int = 10) -> dict:
    """Counts for `briefs show` with no id: size, span, frequent actors and topics, latest."""
    dates = sorted(d for d in (brief_date(r) for r in records) if d)
    actors: Counter[str] = Counter()
    topics: Counter[str] = Counter()
    for r in records:
        actors.update({a["name"] for a in r.get("actors") or [] if isinstance(a, dict) and a.get("name")})
        topics.update(set(r.get("topics") or []))
    latest = sorted(records, key=sort_key, reverse=True)[:5]
    return {
        "briefs": len(records),
        "first": dates[0] if dates else None,
        "last": dates[-1] if dates else None,
        "actors": most_common(actors, top),
        "topics": most_common(topics, top),
        "latest": [{"id": r.get("id"), "date": brief_date(r), "title": r.get("title")} for r in latest],
    }
