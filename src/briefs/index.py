"""A derived SQLite index over the archive folder, so queries need not parse every file.

The YAML files stay the only source of truth. `<data-dir>/.index.sqlite`
(standard library sqlite3, WAL mode) holds what `briefs list` asks about:
one row per file (name, size, mtime_ns, and either the list columns or the
reason the file is not a valid record), the folded actor names and aliases
as token sets, topics, places, countries, agreements, meetings, and an FTS5
table over the text fields.

Every query first calls `refresh()`: one `os.scandir` pass takes each
file's (name, size, mtime_ns); when a digest of that listing equals the one
stored at the last refresh nothing changed and no table is read. Otherwise
the stored listing is compared file by file, only new or changed files are
parsed (`Archive.read`, the libyaml C loader when present), vanished ones
are dropped, all in one transaction. An index that is missing, corrupt, of
another version or unreadable is deleted and rebuilt from the files; one
that stays locked by another process, or a folder that cannot be written,
is replaced by an in-memory index built from the files: never trusted over
them.

Matching follows `briefs.query` (the reference semantics) exactly; the
tests compare both on generated archives. Text search: each word of the
folded text (`query.fold`, accents and case removed) is stored as an FTS5
token in a prefix-free ASCII spelling (a-z and 0-9 as themselves, any
other character as `_` + 6 hex digits), so an FTS5 prefix query finds
exactly the words `query.matches` would find by `startswith`.

This module must not import click or rich: it is the core, the CLI renders.
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import sqlite3
import time
import unicodedata
from array import array

try:  # the built-in blake2b, without loading OpenSSL through hashlib
    from _blake2 import blake2b
except ImportError:  # pragma: no cover
    from hashlib import blake2b
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG
from typing import Callable, Iterable, Iterator

from briefs import query

INDEX_FILE = ".index.sqlite"
LOCK_FILE = ".index.lock"
SUFFIX = ".yaml"
VERSION = 1  # PRAGMA user_version; bump on any schema or derivation change
BUSY_TIMEOUT_S = 60.0  # wait this long for another process's refresh, then answer from memory
RACY_NS = 1_000_000_000  # a file modified this close to the scan may change again unseen: re-read next time
POOL_MIN = 400  # parse in worker processes from this many files on
CHUNK = 2000

Progress = Callable[[int, int], None]  # (files read so far, files to read)

TABLES = (
    """CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID""",
    # One row per record file. error IS NULL: a valid record, with its list columns.
    """CREATE TABLE briefs(
        rid INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, size INTEGER, mtime_ns INTEGER,
        error TEXT, id TEXT, date TEXT, first TEXT, last TEXT, actors TEXT, topics TEXT, place TEXT, title TEXT)""",
    """CREATE TABLE actors(rid INTEGER, n INTEGER, name TEXT, country TEXT, PRIMARY KEY(rid, n)) WITHOUT ROWID""",
    # Folded tokens of every name and alias: `form` numbers the name forms of one brief.
    """CREATE TABLE actor_tokens(rid INTEGER, form INTEGER, token TEXT, PRIMARY KEY(rid, form, token)) WITHOUT ROWID""",
    """CREATE TABLE meetings(rid INTEGER, n INTEGER, date TEXT, place TEXT, kind TEXT, PRIMARY KEY(rid, n)) WITHOUT ROWID""",
    """CREATE TABLE topics(rid INTEGER, topic TEXT, PRIMARY KEY(rid, topic)) WITHOUT ROWID""",
    """CREATE TABLE places(rid INTEGER, place TEXT, PRIMARY KEY(rid, place)) WITHOUT ROWID""",
    """CREATE TABLE countries(rid INTEGER, country TEXT, PRIMARY KEY(rid, country)) WITHOUT ROWID""",
    """CREATE TABLE agreements(rid INTEGER, n INTEGER, words TEXT, PRIMARY KEY(rid, n)) WITHOUT ROWID""",
    # Contentless: rows of a re-read or deleted brief are left behind under a rid that
    # AUTOINCREMENT never hands out again, and dropped by the join; counted in meta.stale_fts.
    """CREATE VIRTUAL TABLE fts USING fts5(body, content='', detail=none,
        tokenize="unicode61 remove_diacritics 2 tokenchars '_'")""",
)
INDEXES = (
    "CREATE INDEX briefs_order ON briefs(date, id)",
    "CREATE INDEX briefs_errors ON briefs(name) WHERE error IS NOT NULL",
    "CREATE INDEX actor_tokens_by ON actor_tokens(token, rid, form)",
    "CREATE INDEX topics_by ON topics(topic, rid)",
    "CREATE INDEX places_by ON places(place, rid)",
    "CREATE INDEX countries_by ON countries(country, rid)",
)
DETAIL_TABLES = ("actors", "actor_tokens", "meetings", "topics", "places", "countries", "agreements")


class IndexUnavailable(Exception):
    """The on-disk index cannot be used now (locked out, read-only folder)."""


@dataclass(frozen=True)
class Row:
    """What `briefs list` shows of a brief, straight from the index."""

    name: str
    id: str
    date: str | None
    actors: list
    topics: list
    place: str | None
    title: str | None

    def as_record(self) -> dict:
        """A minimal record that `render.list_row` turns into this row's columns."""
        return {
            "id": self.id, "published": self.date, "title": self.title,
            "actors": [{"name": n} for n in self.actors], "topics": list(self.topics),
            "meetings": [{"place": self.place}] if self.place else [],
        }


# --- what is derived from one record --------------------------------------

_NOT_TOKEN = re.compile(r"[^a-z0-9 ]")


def fts_spelling(folded: str) -> str:
    """Folded words in a prefix-free ASCII spelling that FTS5 keeps as whole tokens."""
    return _NOT_TOKEN.sub(lambda m: "_%06x" % ord(m.group()), folded)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_PUNCT = str.maketrans({ch: " " for ch in "-'’`.,«»\""})


def _drop_combining(m: re.Match) -> str:
    return "" if unicodedata.combining(m.group()) else m.group()


def fold(text: object) -> str:
    """`query.fold`, faster: only non-ASCII characters are looked at one by one."""
    s = unicodedata.normalize("NFKD", str(text or ""))
    if not s.isascii():
        s = _NON_ASCII.sub(_drop_combining, s)
    return " ".join(s.casefold().translate(_PUNCT).split())


def _actor_forms(actors: list[dict]) -> list[tuple[str, ...]]:
    """`query.actor_forms` as distinct sorted token tuples."""
    out = set()
    for actor in actors:
        for name in [actor.get("name"), *(actor.get("aliases") or [])]:
            if isinstance(name, str):
                tokens = fold(name).split()
                if tokens:
                    out.add(tuple(sorted(set(tokens))))
    return sorted(out)


def _record_places(record: dict) -> set[str]:
    """`query.record_places`."""
    places = {fold(p) for p in record.get("places") or [] if isinstance(p, str)}
    for key in ("meetings", "events"):
        places |= {fold(m.get("place")) for m in record.get(key) or [] if isinstance(m, dict) and m.get("place")}
    return places - {""}


def facts(record: dict) -> tuple:
    """Everything the index stores about a valid record, as plain picklable data."""
    date = query.brief_date(record)
    first, last = query.period(date) if date else (None, None)
    actors = [a for a in record.get("actors") or [] if isinstance(a, dict)]
    names = [a.get("name") for a in actors if a.get("name")]
    meetings = [m for m in record.get("meetings") or [] if isinstance(m, dict)]
    place = next((m.get("place") for m in meetings if m.get("place")), None)
    forms = _actor_forms(actors)
    countries = {(a.get("country") or "").upper() for a in actors} - {""}
    agreements = [
        fold(" ".join(str(a.get(k) or "") for k in ("name", "kind", "status")))
        for a in record.get("agreements") or [] if isinstance(a, dict)
    ]
    return (
        record.get("id"), date, first, last,
        json.dumps(names, ensure_ascii=False), json.dumps(list(record.get("topics") or []), ensure_ascii=False),
        place, record.get("title"),
        [(a.get("name"), a.get("country")) for a in actors],
        forms,
        [(m.get("date"), m.get("place"), m.get("kind")) for m in meetings],
        sorted(set(record.get("topics") or [])),
        sorted(_record_places(record)),
        sorted(countries),
        agreements,
        fts_spelling(fold(query.searchable_text(record))),
    )


def read_file(root: str, name: str) -> tuple[str, tuple | None, str | None]:
    """(name, facts, None) for a valid record file, (name, None, reason) otherwise."""
    from briefs.archive import Archive
    from briefs.errors import RecordError

    try:
        record = Archive(root).read(Path(root) / name)
    except RecordError as err:
        return name, None, str(err.args[0])
    return name, facts(record), None


def _read_many(args: tuple[str, list[str]]) -> list[tuple]:
    root, names = args
    return [read_file(root, n) for n in names]


# --- the folder ------------------------------------------------------------

def scan(root: Path) -> tuple[list[str], list[int], str]:
    """Record file names, their [size, mtime_ns, ...] pairs, and a digest of that listing.

    One os.scandir pass and one stat per file (following symlinks, like
    `Archive.paths`); the digest is taken in directory order, so an unchanged
    folder gives the same digest without any sorting.
    """
    names: list[str] = []
    nums: list[int] = []
    try:
        it = os.scandir(root)
    except (FileNotFoundError, NotADirectoryError):
        return names, nums, _digest(names, nums)
    add_name, add_num = names.append, nums.append
    with it:
        for e in it:
            name = e.name
            if name.endswith(SUFFIX) and name[0] != ".":
                try:
                    st = e.stat()
                except OSError:
                    continue
                if S_ISREG(st.st_mode):
                    add_name(name)
                    add_num(st.st_size)
                    add_num(st.st_mtime_ns)
    return names, nums, _digest(names, nums)


def _digest(names: list[str], nums: list[int]) -> str:
    h = blake2b("\0".join(names).encode("utf-8", "surrogateescape"))
    h.update(array("q", nums).tobytes())
    return h.hexdigest()


# --- the index -------------------------------------------------------------


class Index:
    """The derived index of one archive folder. Use `open_index(root)`."""

    def __init__(self, root: Path | str, conn: sqlite3.Connection, path: Path | None):
        self.root = Path(root)
        self.conn = conn
        self.path = path  # None: an in-memory index

    # -- opening --------------------------------------------------------------
    @classmethod
    def open(cls, root: Path | str, memory: bool = False) -> "Index":
        root = Path(root)
        if memory:
            conn = sqlite3.connect(":memory:", isolation_level=None)
            _create(conn)
            return cls(root, conn, None)
        path = root / INDEX_FILE
        for attempt in range(2):
            conn = None
            try:
                conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version == VERSION:
                    conn.execute("PRAGMA journal_mode=WAL")
                    conn.execute("PRAGMA synchronous=NORMAL")
                    conn.execute("SELECT count(*) FROM meta").fetchone()
                    return cls(root, conn, path)
                if version == 0 and not conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                    conn.execute("PRAGMA journal_mode=WAL")
                    conn.execute("PRAGMA synchronous=NORMAL")
                    conn.execute("BEGIN IMMEDIATE")
                    if not conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                        _create(conn)
                    conn.execute("COMMIT")
                    return cls(root, conn, path)
            except sqlite3.OperationalError as err:
                if conn is not None:
                    conn.close()
                if _locked(err):
                    raise IndexUnavailable(str(err)) from err
                if not os.access(root, os.W_OK):
                    raise IndexUnavailable(str(err)) from err
                if attempt:
                    raise IndexUnavailable(str(err)) from err
            except sqlite3.DatabaseError:  # not a database, malformed
                if conn is not None:
                    conn.close()
            else:
                conn.close()  # another version: rebuild
            cls.delete(root)
        raise IndexUnavailable(f"cannot create {path}")

    @staticmethod
    def delete(root: Path) -> None:
        """Remove the index files (under the index lock, so two processes don't race)."""
        with _flock(root):
            for suffix in ("", "-wal", "-shm", "-journal"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(root / (INDEX_FILE + suffix))

    def close(self) -> None:
        self.conn.close()

    # -- bringing it up to date ----------------------------------------------
    def refresh(self, progress: Progress | None = None, full: bool = False) -> tuple[int, int]:
        """Make the index match the folder; returns (files read, files dropped)."""
        root_s = str(self.root)
        for _ in range(5):
            started = time.time_ns()
            names, nums, digest = scan(self.root)
            seen = self._meta("listing")
            if not full and seen == digest:
                return 0, 0
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as err:
                raise IndexUnavailable(str(err)) from err
            try:
                if self._meta("listing") != seen:  # another process refreshed meanwhile: look again
                    self.conn.execute("ROLLBACK")
                    continue
                listing = {n: (nums[2 * i], nums[2 * i + 1]) for i, n in enumerate(names)}
                if full:
                    stored: dict = {}
                    for table in ("briefs", *DETAIL_TABLES):
                        self.conn.execute(f"DELETE FROM {table}")
                    self.conn.execute("INSERT INTO fts(fts) VALUES ('delete-all')")
                    for sql in INDEXES:  # bulk insert first, index after
                        self.conn.execute("DROP INDEX IF EXISTS " + sql.split()[2])
                    self._set_meta("stale_fts", "0")
                else:
                    stored = {n: (s, m, r) for r, n, s, m in self.conn.execute("SELECT rid, name, size, mtime_ns FROM briefs")}
                gone = [stored[n][2] for n in stored.keys() - listing.keys()]
                todo = [n for n, st in listing.items() if stored.get(n, (None, None))[:2] != st]
                replaced = [stored[n][2] for n in todo if n in stored]
                self._drop(gone + replaced)
                racy = False
                done = 0
                for results in _parse(root_s, sorted(todo)):
                    rows = []
                    for name, fact, error in results:
                        size, mtime = listing[name]
                        if mtime >= started - RACY_NS:
                            mtime, racy = -1, True
                        rows.append((name, size, mtime, fact, error))
                    self._insert(rows)
                    done += len(results)
                    if progress:
                        progress(done, len(todo))
                if full:
                    for sql in INDEXES:
                        self.conn.execute(sql)
                self._set_meta("listing", "" if racy else digest)
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            if not full:
                self._maybe_compact()
            return len(todo), len(gone)
        raise IndexUnavailable("the index keeps changing under this process")

    def rebuild(self, progress: Progress | None = None) -> tuple[int, int]:
        """Forget everything and read every file again."""
        return self.refresh(progress, full=True)

    def _maybe_compact(self) -> None:
        """Contentless FTS keeps rows of re-read briefs: rebuild when they pile up."""
        stale = int(self._meta("stale_fts") or 0)
        if stale > 1000 and stale > self.conn.execute("SELECT count(*) FROM briefs").fetchone()[0]:
            self.rebuild()

    def _meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def _drop(self, rids: list[int]) -> None:
        if not rids:
            return
        c = self.conn
        c.execute("CREATE TEMP TABLE IF NOT EXISTS gone(rid INTEGER PRIMARY KEY)")
        c.execute("DELETE FROM gone")
        c.executemany("INSERT OR IGNORE INTO gone VALUES (?)", ((r,) for r in rids))
        stale = c.execute("SELECT count(*) FROM briefs WHERE rid IN gone AND error IS NULL").fetchone()[0]
        for table in DETAIL_TABLES:
            c.execute(f"DELETE FROM {table} WHERE rid IN gone")
        c.execute("DELETE FROM briefs WHERE rid IN gone")
        self._set_meta("stale_fts", str(int(self._meta("stale_fts") or 0) + stale))

    def _insert(self, rows: list[tuple]) -> None:
        c = self.conn
        actors, tokens, meetings, topics, places, countries, agreements, fts = [], [], [], [], [], [], [], []
        for name, size, mtime, fact, error in rows:
            if fact is None:
                c.execute("INSERT INTO briefs(name, size, mtime_ns, error) VALUES (?, ?, ?, ?)", (name, size, mtime, error))
                continue
            (rid_, date, first, last, names, tops, place, title,
             people, forms, meets, topic_set, place_set, country_set, agrees, body) = fact
            rid = c.execute(
                "INSERT INTO briefs(name, size, mtime_ns, id, date, first, last, actors, topics, place, title)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (name, size, mtime, rid_, date, first, last, names, tops, place, title)).lastrowid
            actors.extend((rid, i, n, k) for i, (n, k) in enumerate(people))
            tokens.extend((rid, i, t) for i, form in enumerate(forms) for t in form)
            meetings.extend((rid, i, d, p, k) for i, (d, p, k) in enumerate(meets))
            topics.extend((rid, t) for t in topic_set)
            places.extend((rid, p) for p in place_set)
            countries.extend((rid, k) for k in country_set)
            agreements.extend((rid, i, w) for i, w in enumerate(agrees))
            fts.append((rid, body))
        c.executemany("INSERT INTO actors VALUES (?, ?, ?, ?)", actors)
        c.executemany("INSERT INTO actor_tokens VALUES (?, ?, ?)", tokens)
        c.executemany("INSERT INTO meetings VALUES (?, ?, ?, ?, ?)", meetings)
        c.executemany("INSERT INTO topics VALUES (?, ?)", topics)
        c.executemany("INSERT INTO places VALUES (?, ?)", places)
        c.executemany("INSERT INTO countries VALUES (?, ?)", countries)
        c.executemany("INSERT INTO agreements VALUES (?, ?, ?)", agreements)
        c.executemany("INSERT INTO fts(rowid, body) VALUES (?, ?)", fts)

    # -- asking ----------------------------------------------------------------
    def problems(self) -> list[tuple[str, str]]:
        """(path, reason) of every file in the folder that is not a valid record."""
        return [(str(self.root / n), e) for n, e in
                self.conn.execute("SELECT name, error FROM briefs WHERE error IS NOT NULL ORDER BY name")]

    def select(self, f: query.Filters, limit: int | None = None) -> list[Row]:
        """The briefs `query.select` would give for `f`, newest first."""
        where, args = _where(f)
        sql = ("SELECT name, id, date, actors, topics, place, title FROM briefs"
               f" WHERE {' AND '.join(where)} ORDER BY date DESC, id DESC")
        if limit:
            sql += " LIMIT ?"
            args.append(limit)
        return [Row(n, i, d, json.loads(a), json.loads(t), p, ti) for n, i, d, a, t, p, ti in self.conn.execute(sql, args)]

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM briefs WHERE error IS NULL").fetchone()[0]


def _where(f: query.Filters) -> tuple[list[str], list]:
    """SQL conditions with the meaning of `query.matches`."""
    where, args = ["error IS NULL"], []
    if f.actor:
        wanted = sorted(set(query.fold(f.actor).split()))
        if not wanted:
            return ["0"], []
        where.append(f"rid IN (SELECT rid FROM actor_tokens WHERE token IN ({','.join('?' * len(wanted))})"
                     " GROUP BY rid, form HAVING count(*) = ?)")
        args += [*wanted, len(wanted)]
    if f.topic:
        where.append("rid IN (SELECT rid FROM topics WHERE topic = ?)")
        args.append(f.topic.lower())
    if f.place:
        where.append("rid IN (SELECT rid FROM places WHERE place = ?)")
        args.append(query.fold(f.place))
    if f.country:
        where.append("rid IN (SELECT rid FROM countries WHERE country = ?)")
        args.append(f.country.upper())
    if f.agreement:
        where.append("rid IN (SELECT rid FROM agreements WHERE instr(words, ?) > 0)")
        args.append(query.fold(f.agreement))
    if f.since or f.until:
        where.append("date IS NOT NULL")
        if f.since:
            where.append("last >= ?")
            args.append(f.since)
        if f.until:
            where.append("first <= ?")
            args.append(f.until)
    if f.text:
        words = query.fold(f.text).split()
        if words:
            where.append("rid IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
            args.append(" AND ".join(f'"{fts_spelling(w)}"*' for w in words))
    return where, args


def _create(conn: sqlite3.Connection) -> None:
    for sql in TABLES + INDEXES:
        conn.execute(sql)
    conn.execute(f"PRAGMA user_version={VERSION}")


def _locked(err: sqlite3.OperationalError) -> bool:
    return "locked" in str(err) or "busy" in str(err)


@contextlib.contextmanager
def _flock(root: Path) -> Iterator[None]:
    try:
        fd = os.open(root / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _parse(root: str, names: list[str]) -> Iterator[list[tuple]]:
    """Read the files in chunks; in worker processes when there are many."""
    if not names:
        return
    workers = min(os.cpu_count() or 1, 8)
    if len(names) < POOL_MIN or workers < 2:
        for i in range(0, len(names), CHUNK):
            yield [read_file(root, n) for n in names[i:i + CHUNK]]
        return
    import multiprocessing

    step = max(50, min(500, len(names) // (workers * 8)))
    batches = [(root, names[i:i + step]) for i in range(0, len(names), step)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(_read_many, batches)


# --- the one entry point the CLI uses ----------------------------------------


def open_index(root: Path | str, progress: Progress | None = None) -> Index:
    """An up-to-date index of `root`: on disk when possible, else built in memory from the files."""
    root = Path(root)
    if not root.is_dir():
        return Index.open(root, memory=True)
    try:
        index = Index.open(root)
        try:
            index.refresh(progress)
        except sqlite3.DatabaseError as err:  # corrupt under our feet
            index.close()
            if isinstance(err, sqlite3.OperationalError) and _locked(err):
                raise IndexUnavailable(str(err)) from err
            Index.delete(root)
            index = Index.open(root)
            index.refresh(progress)
        return index
    except (IndexUnavailable, sqlite3.DatabaseError, OSError):
        index = Index.open(root, memory=True)
        index.refresh(progress)
        return index


def rebuild(root: Path | str, progress: Progress | None = None) -> Index:
    """`briefs reindex`: delete the index and build it again from every file."""
    root = Path(root)
    if root.is_dir():
        Index.delete(root)
    index = open_index(root, progress)
    return index


def records_for(root: Path | str, rows: Iterable[Row], on_error: Callable | None = None) -> list[dict]:
    """The full records behind index rows (for formats that print whole records)."""
    from briefs.archive import Archive
    from briefs.errors import RecordError

    archive = Archive(root)
    out = []
    for row in rows:
        try:
            out.append(archive.read(Path(root) / row.name))
        except RecordError as err:
            if on_error is None:
                raise
            on_error(err)
    return out
