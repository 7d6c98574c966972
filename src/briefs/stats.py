"""Aggregates over records: actors, the meeting timeline, export rows.

Pure functions over record dicts (no click, no rich), shared by
`briefs actors`, `briefs timeline` and `briefs export`.

Column sets below are a stable contract for scripts and spreadsheets:
columns may be appended in a later version, never renamed, reordered or
dropped. In CSV a list value is joined with LIST_SEPARATOR, a missing
value is the empty string; in JSON lists stay lists and missing is null.
"""
from __future__ import annotations

import functools
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from briefs.query import Filters, brief_date, fold as _fold_uncached, period

# Names repeat across thousands of briefs: fold each form once.
fold = functools.lru_cache(maxsize=1 << 16)(_fold_uncached)

LIST_SEPARATOR = "; "

# `briefs actors`: one row per person.
ACTOR_COLUMNS = ("name", "country", "role", "briefs", "meetings", "first_seen", "last_seen")

# `briefs timeline --format csv|json`: one row per period, gaps filled with 0.
TIMELINE_COLUMNS = ("period", "meetings", "briefs")

# `briefs export --per brief --format csv`.
BRIEF_COLUMNS = (
    "id", "date", "published", "added", "title", "summary",
    "actors", "countries", "topics", "places", "organizations",
    "meetings", "meeting_dates", "agreements", "events", "quotes",
    "source_file", "source_url", "sha256",
)
# `briefs export --per meeting`: one row per meeting of each brief.
MEETING_COLUMNS = (
    "brief_id", "brief_date", "meeting", "date", "year", "month", "date_text",
    "kind", "place", "participants", "countries",
)
# `briefs export --per actor`: one row per person named in each brief.
MENTION_COLUMNS = ("brief_id", "brief_date", "name", "role", "country", "aliases", "meetings")

EXPORT_COLUMNS = {"brief": BRIEF_COLUMNS, "meeting": MEETING_COLUMNS, "actor": MENTION_COLUMNS}
PERIODS = ("month", "year")


# -- helpers ---------------------------------------------------------------

def _items(record: dict, key: str) -> list[dict]:
    return [x for x in record.get(key) or [] if isinstance(x, dict)]


def _strings(values) -> list[str]:
    return [v for v in values or [] if isinstance(v, str) and v]


def _actor_index(record: dict) -> dict[str, dict]:
    """Folded name and aliases -> the actor entry, to tie participants to actors."""
    out: dict[str, dict] = {}
    surnames: dict[str, list[dict]] = defaultdict(list)
    for actor in _items(record, "actors"):
        for form in [actor.get("name"), *_strings(actor.get("aliases"))]:
            if isinstance(form, str) and fold(form):
                out.setdefault(fold(form), actor)
        if isinstance(actor.get("name"), str) and fold(actor["name"]):
            surnames[fold(actor["name"]).split()[-1]].append(actor)
    for surname, found in surnames.items():  # a bare surname names its actor when only one has it
        if len(found) == 1:
            out.setdefault(surname, found[0])
    return out


def _participant_keys(record: dict, meeting: dict, index: dict[str, dict]) -> list[str]:
    """Folded full names of a meeting's participants (an alias counts as its actor)."""
    keys: list[str] = []
    for name in _strings(meeting.get("participants")):
        actor = index.get(fold(name))
        key = fold(actor["name"]) if actor and isinstance(actor.get("name"), str) else fold(name)
        if key and key not in keys:
            keys.append(key)
    return keys


def _forms(actor: dict | None, fallback: str) -> list[set[str]]:
    names = [actor.get("name"), *_strings(actor.get("aliases"))] if actor else [fallback]
    return [set(fold(n).split()) for n in names if isinstance(n, str) and fold(n)]


def _person_matches(words: set[str], actor: dict | None, fallback: str = "") -> bool:
    """`briefs list --actor` semantics for one person: the query's words are a subset of a name's or alias's."""
    return bool(words) and any(words <= form for form in _forms(actor, fallback))


def meeting_wanted(meeting: dict, index: dict[str, dict], narrow: Filters | None) -> bool:
    """Whether a meeting is one of those `narrow` asks about.

    --actor: one participant is that person; --country: one participant
    serves that country; --since/--until: its date overlaps the period (an
    undated meeting is then left out). Other filters select briefs only.
    """
    if narrow is None:
        return True
    if narrow.since or narrow.until:
        date = meeting.get("date")
        if not isinstance(date, str) or not date:
            return False
        first, last = period(date)
        if (narrow.since and last < narrow.since) or (narrow.until and first > narrow.until):
            return False
    names = _strings(meeting.get("participants"))
    if narrow.actor:
        words = set(fold(narrow.actor).split())
        if not any(_person_matches(words, index.get(fold(n)), n) for n in names):
            return False
    if narrow.country:
        wanted = narrow.country.upper()
        if not any((index.get(fold(n)) or {}).get("country") == wanted for n in names):
            return False
    return True


def mention_wanted(actor: dict, narrow: Filters | None) -> bool:
    """Whether a person named in a brief is one `narrow` asks about (--actor, --country)."""
    if narrow is None:
        return True
    if narrow.actor and not _person_matches(set(fold(narrow.actor).split()), actor):
        return False
    if narrow.country and (actor.get("country") or "").upper() != narrow.country.upper():
        return False
    return True


# -- actors ----------------------------------------------------------------

@dataclass
class _Person:
    names: Counter = field(default_factory=Counter)
    countries: Counter = field(default_factory=Counter)
    roles: Counter = field(default_factory=Counter)
    briefs: set = field(default_factory=set)
    meetings: int = 0
    dates: list = field(default_factory=list)


def _most_common(counter: Counter, longest: bool = False) -> str | None:
    """The most frequent value; ties go to the longest (names) or the first seen."""
    if not counter:
        return None
    if longest:
        return max(counter.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]
    return counter.most_common(1)[0][0]


def _merge_surnames(people: dict[str, _Person]) -> None:
    """A person named by a bare surname in some briefs ('Choïgou') joins the one full name ending in it.

    Only when exactly one full name in the archive ends in that surname and
    the countries given do not disagree.
    """
    by_surname: dict[str, list[str]] = defaultdict(list)
    for key in people:
        words = key.split()
        if len(words) > 1:
            by_surname[words[-1]].append(key)
    for key in [k for k in people if len(k.split()) == 1]:
        full = by_surname.get(key, [])
        if len(full) != 1:
            continue
        short, long_ = people[key], people[full[0]]
        if short.countries and long_.countries and _most_common(short.countries) != _most_common(long_.countries):
            continue
        long_.names.update(short.names)
        long_.countries.update(short.countries)
        long_.roles.update(short.roles)
        long_.briefs |= short.briefs
        long_.meetings += short.meetings
        long_.dates += short.dates
        del people[key]


def actors(records: Iterable[dict], country: str | None = None) -> list[dict]:
    """One row per person (ACTOR_COLUMNS), most briefs first.

    A person is a folded full name across briefs. `country` and `role` are
    the most frequent ones the briefs give; `briefs` counts the briefs
    naming the person, `meetings` the meetings they take part in;
    `first_seen`/`last_seen` are the earliest and latest brief dates.
    `country` keeps only people whose (most frequent) country is that code.
    """
    people: dict[str, _Person] = defaultdict(_Person)
    for r in records:
        rid = r.get("id")
        date = brief_date(r)
        index = _actor_index(r)
        seen: set[str] = set()
        for actor in _items(r, "actors"):
            name = actor.get("name")
            if not isinstance(name, str) or not fold(name) or fold(name) in seen:
                continue
            key = fold(name)
            seen.add(key)
            p = people[key]
            p.names[name] += 1
            if actor.get("country"):
                p.countries[str(actor["country"]).upper()] += 1
            if actor.get("role"):
                p.roles[actor["role"]] += 1
        for meeting in _items(r, "meetings"):
            for key in _participant_keys(r, meeting, index):
                people[key].meetings += 1
                if key not in seen:  # a participant the actors list misses still counts as named
                    seen.add(key)
                    people[key].names[next(n for n in _strings(meeting.get("participants")) if fold(n) == key)] += 1
        for key in seen:
            people[key].briefs.add(rid)
            if date:
                people[key].dates.append(date)
    _merge_surnames(people)
    rows = []
    wanted = country.upper() if country else None
    for p in people.values():
        c = _most_common(p.countries)
        if wanted and c != wanted:
            continue
        rows.append({
            "name": _most_common(p.names, longest=True),
            "country": c,
            "role": _most_common(p.roles),
            "briefs": len(p.briefs),
            "meetings": p.meetings,
            "first_seen": min(p.dates) if p.dates else None,
            "last_seen": max(p.dates) if p.dates else None,
        })
    rows.sort(key=lambda row: (-row["briefs"], -row["meetings"], fold(row["name"])))
    return rows


def actor_names(records: Iterable[dict]) -> list[str]:
    """Every person's full name, once (for completion)."""
    seen: dict[str, str] = {}
    for r in records:
        for actor in _items(r, "actors"):
            name = actor.get("name")
            if isinstance(name, str) and fold(name):
                seen.setdefault(fold(name), name)
    return sorted(seen.values(), key=fold)


def actor_names_in_yaml(text: str) -> list[str]:
    """Actor names from a record's YAML text by a line scan (no parse): fast, for completion.

    Reads the `- name:` entries of the top-level `actors:` block only, so
    agreement names are not taken for people.
    """
    names: list[str] = []
    inside = False
    for line in text.splitlines():
        if line and not line[0].isspace() and not line.startswith("-"):
            inside = line.startswith("actors:")
            continue
        if inside:
            stripped = line.lstrip()
            if stripped.startswith("- name:"):
                value = stripped[len("- name:"):].strip()
                if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                    try:
                        from briefs.record import loads

                        value = str(loads(value))
                    except Exception:  # noqa: BLE001 - a strange line is skipped
                        continue
                if value:
                    names.append(value)
    return names


# -- timeline --------------------------------------------------------------

@dataclass
class Timeline:
    by: str
    points: list[dict]  # TIMELINE_COLUMNS, oldest first, gaps filled with 0
    coarser: int = 0  # meetings dated only by year when counting by month
    undated: int = 0  # meetings with no date
    actors: dict[str, Counter] = field(default_factory=dict)  # period -> participants' names

    @property
    def total(self) -> int:
        return sum(p["meetings"] for p in self.points)

    def busiest(self, n: int = 3) -> list[dict]:
        """The `n` periods with most meetings (ties: the earlier), most first."""
        ranked = sorted((p for p in self.points if p["meetings"]), key=lambda p: (-p["meetings"], p["period"]))
        return ranked[:n]

    def top_actors(self, period_key: str, n: int = 2) -> list[str]:
        return [name for name, _ in self.actors.get(period_key, Counter()).most_common(n)]


def _period_key(date: str, by: str) -> str | None:
    if by == "year":
        return date[:4]
    return date[:7] if len(date) >= 7 else None


def _periods_between(first: str, last: str, by: str) -> list[str]:
    if by == "year":
        return [f"{y:04d}" for y in range(int(first), int(last) + 1)]
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def timeline(records: Iterable[dict], by: str = "month", narrow: Filters | None = None) -> Timeline:
    """Meetings per month or year, from meeting dates.

    A partial date counts in its month or year (`2024-03` in March 2024);
    by month, a meeting dated only by year cannot be placed and is counted
    in `coarser`. Only meetings `meeting_wanted` by `narrow` count (its
    --since/--until bound the meeting dates, --actor and --country the
    participants). `briefs` per period is the number of distinct briefs
    with a meeting there.
    """
    if by not in PERIODS:
        raise ValueError(by)
    meetings: Counter[str] = Counter()
    briefs: dict[str, set] = defaultdict(set)
    names: dict[str, Counter] = defaultdict(Counter)
    coarser = undated = 0
    for r in records:
        index = _actor_index(r)
        for m in _items(r, "meetings"):
            date = m.get("date")
            if not isinstance(date, str) or not date:
                if meeting_wanted(m, index, narrow and Filters(actor=narrow.actor, country=narrow.country)):
                    undated += 1
                continue
            if not meeting_wanted(m, index, narrow):
                continue
            key = _period_key(date, by)
            if key is None:
                coarser += 1
                continue
            meetings[key] += 1
            briefs[key].add(r.get("id"))
            for pkey in _participant_keys(r, m, index):
                actor = index.get(pkey)
                names[key][actor["name"] if actor else next(n for n in _strings(m.get("participants")) if fold(n) == pkey)] += 1
    points = []
    if meetings:
        keys = sorted(meetings)
        for key in _periods_between(keys[0], keys[-1], by):
            points.append({"period": key, "meetings": meetings.get(key, 0), "briefs": len(briefs.get(key, ()))})
    return Timeline(by, points, coarser, undated, dict(names))


# -- export rows -----------------------------------------------------------

def _countries_of(names: list[str], index: dict[str, dict]) -> list[str]:
    out: list[str] = []
    for name in names:
        actor = index.get(fold(name))
        c = actor.get("country") if actor else None
        if c and c not in out:
            out.append(c)
    return out


def brief_row(r: dict) -> dict:
    """One brief flattened to BRIEF_COLUMNS (lists stay lists; `csv_value` joins them)."""
    src = r.get("source") if isinstance(r.get("source"), dict) else {}
    meetings = _items(r, "meetings")
    actors_ = _items(r, "actors")
    return {
        "id": r.get("id"),
        "date": brief_date(r),
        "published": r.get("published"),
        "added": r.get("added"),
        "title": r.get("title"),
        "summary": r.get("summary"),
        "actors": _strings(a.get("name") for a in actors_),
        "countries": sorted({a["country"] for a in actors_ if a.get("country")}),
        "topics": _strings(r.get("topics")),
        "places": _strings(r.get("places")),
        "organizations": _strings(r.get("organizations")),
        "meetings": len(meetings),
        "meeting_dates": _strings(m.get("date") for m in meetings),
        "agreements": _strings(a.get("name") for a in _items(r, "agreements")),
        "events": len(_items(r, "events")),
        "quotes": len(_items(r, "quotes")),
        "source_file": src.get("file"),
        "source_url": src.get("url"),
        "sha256": src.get("sha256"),
    }


def meeting_rows(r: dict, narrow: Filters | None = None) -> Iterator[dict]:
    """Each meeting of a brief (those `narrow` wants) as MEETING_COLUMNS; `meeting` is its 1-based rank in the brief."""
    index = _actor_index(r)
    for i, m in enumerate(_items(r, "meetings"), 1):
        if not meeting_wanted(m, index, narrow):
            continue
        date = m.get("date") if isinstance(m.get("date"), str) else None
        participants = _strings(m.get("participants"))
        yield {
            "brief_id": r.get("id"),
            "brief_date": brief_date(r),
            "meeting": i,
            "date": date,
            "year": date[:4] if date else None,
            "month": date[:7] if date and len(date) >= 7 else None,
            "date_text": m.get("date_text"),
            "kind": m.get("kind"),
            "place": m.get("place"),
            "participants": participants,
            "countries": _countries_of(participants, index),
        }


def mention_rows(r: dict, narrow: Filters | None = None) -> Iterator[dict]:
    """Each person named in a brief (those `narrow` wants) as MENTION_COLUMNS; `meetings` counts theirs there."""
    index = _actor_index(r)
    per_actor: Counter[str] = Counter()
    for m in _items(r, "meetings"):
        per_actor.update(_participant_keys(r, m, index))
    for a in _items(r, "actors"):
        name = a.get("name")
        if not isinstance(name, str) or not mention_wanted(a, narrow):
            continue
        yield {
            "brief_id": r.get("id"),
            "brief_date": brief_date(r),
            "name": name,
            "role": a.get("role"),
            "country": a.get("country"),
            "aliases": _strings(a.get("aliases")),
            "meetings": per_actor.get(fold(name), 0),
        }


def export_rows(records: Iterable[dict], per: str, narrow: Filters | None = None) -> Iterator[dict]:
    """Flat rows, per 'brief', 'meeting' or 'actor' (mention), keyed by EXPORT_COLUMNS[per].

    Per meeting or actor, `narrow` keeps only the rows it asks about (see
    `meeting_wanted`, `mention_wanted`); briefs are selected by the caller.
    """
    if per == "brief":
        return (brief_row(r) for r in records)
    if per == "meeting":
        return (row for r in records for row in meeting_rows(r, narrow))
    if per == "actor":
        return (row for r in records for row in mention_rows(r, narrow))
    raise ValueError(per)


def csv_value(value: object) -> str:
    """A row value as a CSV cell: lists joined with LIST_SEPARATOR, None empty."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)
