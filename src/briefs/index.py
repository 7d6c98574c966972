"""A derived SQLite index over the archive folder, so queries need not parse every file.

The YAML files stay the only source of truth. `<data-dir>/.index.sqlite`
(standard library sqlite3, WAL mode) holds, per valid record file, the
list columns, the whole record as compact JSON (deflated with a preset
dictionary, for `export`, `actors`, `timeline`, `show` and `list --format
json` without any YAML parse), and the reason for every invalid file; the
folded actor name tokens, topics, places and countries keyed by value
(WITHOUT ROWID, value first: what a filter looks up); and an FTS5 table
over the text fields.

Every query first calls `refresh()`: the folder is listed once
(`os.listdir`) and every record file is stat'ed (`os.stat` relative to the
folder's descriptor, split over a forked helper process on big folders),
giving each file's (name, size, mtime_ns). When a digest of that listing
equals the one stored at the last refresh nothing changed and no table is
read. Otherwise the stored listing (names, (size, mtime_ns) pairs and row
ids, three blobs in `meta`) is compared with the new one, only new or
changed files are parsed (`Archive.read`, the libyaml C loader when
present), rows of changed and vanished files are dropped (their detail and
FTS rows are found again from the stored record, so nothing is left
behind), all in one transaction. An index that is missing, corrupt, of
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

This module must not import click, rich or yaml at module level: it is
the core, the CLI renders.
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import math
import os
import re
import sqlite3
import sys
import time
import zlib
from array import array

try:  # the built-in blake2b, without loading OpenSSL through hashlib
    from _blake2 import blake2b
except ImportError:  # pragma: no cover
    from hashlib import blake2b
from pathlib import Path
from stat import S_ISREG
from typing import Callable, Collection, Iterable, Iterator, NamedTuple

from briefs import query, watch

INDEX_FILE = ".index.sqlite"
LOCK_FILE = ".index.lock"
SUFFIX = ".yaml"
VERSION = 4  # PRAGMA user_version; bump on any schema or derivation change (ZDICT included)
BUSY_TIMEOUT_S = 60.0  # wait this long for another process's refresh, then answer from memory
RACY_NS = 1_000_000_000  # a file modified this close to the scan may change again unseen: re-read next time
POOL_MIN = 400  # parse in worker processes from this many files on
CHUNK = 2000
SPLIT_STAT_MIN = 20_000  # stat in two processes from this many files on (when there are two cores)

Progress = Callable[[int, int], None]  # (files read so far, files to read)

TABLES = (
    # A rowid table: the listing blobs are megabytes, and a WITHOUT ROWID b-tree reads a
    # whole overflowing row to compare keys, so even fetching `digest` read them all.
    """CREATE TABLE meta(key TEXT PRIMARY KEY, value)""",
    # One row per record file. error IS NULL: a valid record, with its list columns.
    # rid: the file's entry in `meta.rids`.
    """CREATE TABLE briefs(
        rid INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, error TEXT, id TEXT, date TEXT,
        first TEXT, last TEXT, actors TEXT, topics TEXT, place TEXT, title TEXT, agreements TEXT)""",
    # The valid record itself, apart so that scans of `briefs` stay small: deflated compact
    # JSON; `exact` = 0 when JSON does not give the record back exactly (the file is read then).
    """CREATE TABLE records(rid INTEGER PRIMARY KEY, record BLOB, exact INTEGER)""",
    # Folded tokens of every name and alias: `form` numbers the name forms of one brief.
    """CREATE TABLE tokens(token TEXT, rid INTEGER, form INTEGER, PRIMARY KEY(token, rid, form)) WITHOUT ROWID""",
    """CREATE TABLE topics(topic TEXT, rid INTEGER, PRIMARY KEY(topic, rid)) WITHOUT ROWID""",
    """CREATE TABLE places(place TEXT, rid INTEGER, PRIMARY KEY(place, rid)) WITHOUT ROWID""",
    """CREATE TABLE countries(country TEXT, rid INTEGER, PRIMARY KEY(country, rid)) WITHOUT ROWID""",
    # Contentless: a brief's row is deleted by giving its text again (recomputed from `record`).
    """CREATE VIRTUAL TABLE fts USING fts5(body, content='', detail=none,
        tokenize="unicode61 remove_diacritics 2 tokenchars '_'")""",
    # What shell completion reads (cli._indexed_actor_names).
    """CREATE VIEW actors(name) AS SELECT DISTINCT j.value FROM briefs, json_each(briefs.actors) AS j
        WHERE briefs.error IS NULL""",
)
INDEXES = (
    "CREATE INDEX briefs_order ON briefs(date, id)",
    "CREATE INDEX briefs_errors ON briefs(name) WHERE error IS NOT NULL",
)
DETAIL_TABLES = ("tokens", "topics", "places", "countries")
SCHEMA_NAMES = frozenset({"meta", "briefs", "records", "fts", "actors", *DETAIL_TABLES, *(sql.split()[2] for sql in INDEXES)})

# Preset dictionary for deflating records: the keys and values every record repeats.
ZDICT = (
    '"schema":1,"id":"","title":"","published":null,"added":"T00:00:00Z","source":{"file":"depeche-.txt",'
    '"url":"https://example.org/","sha256":""},"language":"fr","summary":"","actors":[{"name":"","role":'
    '"ministre russe des Affaires étrangères","country":"RU","aliases":[""]},{"name":"","role":"président '
    'iranien","country":"IR","aliases":[]}],"meetings":[{"date":"","date_text":"","place":null,"kind":'
    '"rencontre","participants":["",""]}],"topics":["nucleaire","economie","energie","securite"],'
    '"agreements":[{"name":"accord de coopération","kind":"accord","status":"signé","date":null}],'
    '"events":[{"what":"","place":"Moscou","start":"","end":null}],"places":["Moscou","Téhéran"],'
    '"organizations":[],"quotes":[{"speaker":"","text":""}]}'
).encode("utf-8")
_WBITS = -11  # raw deflate, 2 KB window: records are small


class IndexUnavailable(Exception):
    """The on-disk index cannot be used now (locked out, read-only folder)."""


class Row(NamedTuple):
    """What `briefs list` shows of a brief, straight from the index."""

    name: str
    id: str
    date: str | None
    actors: list
    topics: list
    place: str | None
    title: str | None
    rid: int | None = None

    def as_record(self) -> dict:
        """A minimal record that `render.list_row` turns into this row's columns."""
        return {
            "id": self.id, "published": self.date, "title": self.title,
            "actors": [{"name": n} for n in self.actors], "topics": list(self.topics),
            "meetings": [{"place": self.place}] if self.place else [],
        }


class Records:
    """A read-only sequence of records kept in their stored form until each is reached."""

    def __init__(self, items: list):
        self._items = items  # deflated JSON, or a record already read

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self._items)))]
        item = self._items[k]
        return item if type(item) is dict else unpack(item)

    def __iter__(self) -> Iterator[dict]:
        for item in self._items:
            yield item if type(item) is dict else unpack(item)

    def __bool__(self) -> bool:
        return bool(self._items)


def pack(record: dict, plain: bool = False) -> tuple[bytes, dict, bool]:
    """(stored form, the record as loaded back from it, whether that equals `record`).

    `plain`: the caller knows the record holds only str-keyed dicts, lists, str,
    int, float, bool and None, which JSON gives back as they were.
    """
    text = json.dumps(record, ensure_ascii=False, separators=(",", ":"), default=str)
    back = record if plain else json.loads(text)
    c = zlib.compressobj(6, zlib.DEFLATED, _WBITS, 4, zlib.Z_DEFAULT_STRATEGY, ZDICT)
    return c.compress(text.encode("utf-8")) + c.flush(), back, plain or back == record


def unpack(blob: bytes) -> dict:
    d = zlib.decompressobj(_WBITS, ZDICT)
    return json.loads(d.decompress(blob) + d.flush())


def _names(stored: str) -> list:
    """A list of strings as `facts` stored it with `json.dumps`.

    Names rarely hold a quote or a backslash, and without escapes the JSON text
    splits exactly; that is several times faster than `json.loads` on the
    hundreds of rows a listing reads. The count of quotes proves every item a string.
    """
    if stored == "[]":
        return []
    if "\\" not in stored and stored[:2] == '["' and stored[-2:] == '"]':
        items = stored[2:-2].split('", "')
        if stored.count('"') == 2 * len(items):
            return items
    return json.loads(stored)


# --- what is derived from one record --------------------------------------

_NOT_TOKEN = re.compile(r"[^a-z0-9 ]")


def fts_spelling(folded: str) -> str:
    """Folded words in a prefix-free ASCII spelling that FTS5 keeps as whole tokens."""
    return _NOT_TOKEN.sub(lambda m: "_%06x" % ord(m.group()), folded)


fold = query.fold


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


def facts(record: dict) -> tuple:
    """Everything the index stores about a valid record, as plain picklable data."""
    date = query.brief_date(record)
    first, last = query.period(date) if date else (None, None)
    actors = [a for a in record.get("actors") or [] if isinstance(a, dict)]
    names = [a.get("name") for a in actors if a.get("name")]
    meetings = [m for m in record.get("meetings") or [] if isinstance(m, dict)]
    place = next((m.get("place") for m in meetings if m.get("place")), None)
    countries = {(a.get("country") or "").upper() for a in actors} - {""}
    agreements = [
        fold(" ".join(str(a.get(k) or "") for k in ("name", "kind", "status")))
        for a in record.get("agreements") or [] if isinstance(a, dict)
    ]
    return (
        record.get("id"), date, first, last,
        json.dumps(names, ensure_ascii=False), json.dumps(list(record.get("topics") or []), ensure_ascii=False),
        place, record.get("title"),
        # folded words never hold \x1f (str.split() takes it for a space): `instr` cannot match across two
        "\x1f".join(agreements) if agreements else None,
        _actor_forms(actors),
        sorted(set(record.get("topics") or [])),
        sorted(query.record_places(record)),
        sorted(countries),
        fts_spelling(fold(query.searchable_text(record))),
    )


def derive(record: dict, plain: bool = False) -> tuple:
    """(facts, stored record, exact) for a valid record: facts of the record as stored, so
    that the rows it gives can be found again from the stored form alone."""
    blob, back, exact = pack(record, plain)
    return facts(back), blob, exact


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


class _Unusual(Exception):
    """A YAML form the quick builder leaves to the full loader."""


def quick_loads(text: str):
    """`record.loads(text)` for what records hold (plain mappings, lists, scalars), faster."""
    return quick_loads_plain(text)[0]


_JSON_SCALARS = (int, bool, type(None))
_TAGS: dict[str, str] = {}  # plain scalar -> its resolved tag: values repeat across records
_TAGS_MAX = 50_000
_KEY = object()  # a mapping frame waiting for its next key


def quick_loads_plain(text: str) -> tuple[object, bool]:
    """(`quick_loads(text)`, whether JSON gives that value back exactly).

    libyaml parses the text into events, and the value is built from them here,
    without PyYAML's composer and constructor: quoted scalars are strings, a
    plain one is resolved by the record loader's own resolvers (once per
    distinct value), and any other scalar is built by the loader's own
    constructor. Anything else (anchors, aliases, merge keys, other tags,
    non-string keys, several documents, errors) raises, and the caller uses
    the full loader, which gives the same value or the same error.
    """
    import yaml
    from briefs import record as rec

    Scalar, MapStart, SeqStart = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    loader = rec.RecordLoader(text)
    tags = _TAGS
    plain = True
    root: list = []  # the document's value, once built
    stack: list[list] = [[root]]  # frames: [list] or [dict, key or _KEY]
    try:
        get = loader.get_event
        get()  # stream start
        if type(get()) is yaml.StreamEndEvent:
            return None, True  # no document
        while True:
            event = get()
            kind = type(event)
            if kind in ends:
                stack.pop()
                if len(stack) == 1:
                    break
                continue
            if event.anchor is not None:
                raise _Unusual
            tag = event.tag
            if kind is Scalar:
                if tag is None or tag == "!":
                    if event.implicit[0]:
                        tag = tags.get(event.value)
                        if tag is None:
                            tag = loader.resolve(yaml.ScalarNode, event.value, (True, False))
                            if len(tags) < _TAGS_MAX:
                                tags[event.value] = tag
                    else:
                        tag = _STR
                if tag == _STR:
                    value = event.value
                else:
                    value = loader.construct_object(yaml.ScalarNode(tag, event.value, style=event.style), deep=True)
                    if type(value) not in _JSON_SCALARS and not (type(value) is float and math.isfinite(value)):
                        plain = False  # bytes, dates, NaN...: JSON would not give them back
                    tag = None  # not a string: no key
            elif kind is MapStart and tag in (None, "!", _MAP):
                value = {}
            elif kind is SeqStart and tag in (None, "!", _SEQ):
                value = []
            else:
                raise _Unusual
            frame = stack[-1]
            if len(frame) == 1:
                frame[0].append(value)
            elif frame[1] is _KEY:
                if kind is not Scalar or tag != _STR:
                    raise _Unusual
                frame[1] = value
            else:
                frame[0][frame[1]] = value
                frame[1] = _KEY
            if kind is MapStart:
                stack.append([value, _KEY])
            elif kind is SeqStart:
                stack.append([value])
            elif len(stack) == 1:
                break  # a document holding one scalar
        get()  # document end
        if type(get()) is not yaml.StreamEndEvent:
            raise _Unusual  # several documents: the full loader says so
        return root[0], plain
    finally:
        loader.dispose()


def load_record(root: str, name: str) -> tuple[dict, bool]:
    """(`Archive.read` of the file `name`, False): the quick libyaml builder first, the
    archive's own reader (same value, or the RecordError with its message) whenever
    anything is unusual. Only the safe C loader ever reads the YAML."""
    from briefs import record as rec
    from briefs.archive import Archive

    path = Path(root) / name
    try:
        with open(path, encoding="utf-8") as f:
            record, plain = quick_loads_plain(f.read())
        if not rec.validate(record, expected_id=name[: -len(SUFFIX)]):
            return record, plain
    except Exception:  # noqa: BLE001 - unusual or broken: the full reader decides
        pass
    return Archive(root).read(path), False


def read_file(root: str, name: str) -> tuple[str, tuple | None, str | None]:
    """(name, derive(record), None) for a valid record file, (name, None, reason) otherwise."""
    from briefs.errors import RecordError

    try:
        record, plain = load_record(root, name)
    except RecordError as err:
        return name, None, str(err.args[0])
    return name, derive(record, plain), None


def _read_many(args: tuple[str, list[str]]) -> list[tuple]:
    root, names = args
    return [read_file(root, n) for n in names]


# --- the folder ------------------------------------------------------------

_SKIP = -2  # size of an entry that vanished or is not a regular file


def _stat_all(fd: int, names: list[str]) -> array:
    """[size, mtime_ns, ...] of `names` in the folder `fd`, (_SKIP, 0) where not a regular file."""
    out = array("q")
    add = out.append
    st = os.stat
    for name in names:
        try:
            s = st(name, dir_fd=fd)
        except OSError:
            add(_SKIP)
            add(0)
            continue
        if S_ISREG(s.st_mode):
            add(s.st_size)
            add(s.st_mtime_ns)
        else:
            add(_SKIP)
            add(0)
    return out


def _stat_split(fd: int, names: list[str]) -> array:
    """`_stat_all`, the second half in a forked process: stat is a system call each, two cores do it faster."""
    if len(names) < SPLIT_STAT_MIN or (os.cpu_count() or 1) < 2 or not hasattr(os, "fork"):
        return _stat_all(fd, names)
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:  # fork only a single-threaded process
        return _stat_all(fd, names)
    half = len(names) // 2
    r, w = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(r)
        os.close(w)
        return _stat_all(fd, names)
    if pid == 0:  # the child: stat, write, leave without running any cleanup
        code = 1
        try:
            os.close(r)
            data = _stat_all(fd, names[half:]).tobytes()
            view = memoryview(data)
            while view:
                view = view[os.write(w, view):]
            code = 0
        finally:
            os._exit(code)
    os.close(w)
    try:
        mine = _stat_all(fd, names[:half])
        chunks = []
        while True:
            chunk = os.read(r, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(r)
        _, status = os.waitpid(pid, 0)
    theirs = array("q", b"".join(chunks))
    if status != 0 or len(theirs) != 2 * (len(names) - half):
        return _stat_all(fd, names)
    mine.extend(theirs)
    return mine


def scan(root: Path) -> tuple[list[str], array]:
    """Record file names (directory order) and their [size, mtime_ns, ...] pairs.

    One listing and one stat per file (following symlinks, like `Archive.paths`):
    every file is looked at on every query, so an in-place edit is seen.
    """
    try:
        fd = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except (FileNotFoundError, NotADirectoryError):
        return [], array("q")
    try:
        names = [n for n in os.listdir(fd) if n.endswith(SUFFIX) and n[0] != "."]
        nums = _stat_split(fd, names)
    finally:
        os.close(fd)
    if _SKIP in nums[::2]:
        keep = [i for i in range(len(names)) if nums[2 * i] != _SKIP]
        names = [names[i] for i in keep]
        nums = array("q", [x for i in keep for x in (nums[2 * i], nums[2 * i + 1])])
    return names, nums


def _names_blob(names: list[str]) -> bytes:
    return "\0".join(names).encode("utf-8", "surrogateescape")


def _digest(names_blob: bytes, nums: array) -> str:
    h = blake2b(names_blob)
    h.update(nums.tobytes())
    return h.hexdigest()


def _diff(names: list[str], nums: array, old_names: list[str], old_nums: array, old_rids: array
          ) -> tuple[list[int], list[int], array, int]:
    """(indices in `names` to read, rids to drop, the kept rid of each name or -1, files gone)."""
    todo: list[int] = []
    drop: list[int] = []
    rids = array("q", [-1]) * len(names)
    if names == old_names:  # the usual case: the same files in the same order, a few changed
        rids = array("q", old_rids)
        if nums != old_nums:
            a, b = nums.tobytes(), old_nums.tobytes()
            step = 16 * 256  # 256 files a block
            for lo in range(0, len(a), step):
                if a[lo:lo + step] != b[lo:lo + step]:
                    for i in range(lo // 16, min(len(names), (lo + step) // 16)):
                        if nums[2 * i] != old_nums[2 * i] or nums[2 * i + 1] != old_nums[2 * i + 1]:
                            todo.append(i)
                            drop.append(old_rids[i])
                            rids[i] = -1
        return todo, drop, rids, 0
    where = {n: j for j, n in enumerate(old_names)}
    pop = where.pop
    for i, n in enumerate(names):
        j = pop(n, None)
        if j is None:
            todo.append(i)
        elif nums[2 * i] != old_nums[2 * j] or nums[2 * i + 1] != old_nums[2 * j + 1]:
            todo.append(i)
            drop.append(old_rids[j])
        else:
            rids[i] = old_rids[j]
    drop.extend(old_rids[j] for j in where.values())
    return todo, drop, rids, len(where)


def _finder(blob: bytes, count: int, names: list[str]) -> Callable[[str], int | None]:
    """name -> its place in the NUL-separated listing `blob` (None: not there)."""
    if len(names) > 64:  # many names: one split beats a search per name
        at = {n: i for i, n in enumerate(blob.decode("utf-8", "surrogateescape").split("\0"))} if count else {}
        return at.get
    padded = b"\0" + blob + b"\0"

    def where(name: str) -> int | None:
        p = padded.find(b"\0" + name.encode("utf-8", "surrogateescape") + b"\0")
        return None if p < 0 or not count else padded.count(b"\0", 0, p)

    return where


# --- the index -------------------------------------------------------------


class _DetailRows:
    """The lookup-table and FTS rows of briefs, from their `facts` (the same for insert and delete)."""

    def __init__(self) -> None:
        self.tokens: list[tuple] = []
        self.topics: list[tuple] = []
        self.places: list[tuple] = []
        self.countries: list[tuple] = []
        self.fts: list[tuple] = []

    def add(self, rid: int, fact: tuple) -> None:
        forms, topic_set, place_set, country_set, body = fact[9:]
        self.tokens.extend((t, rid, i) for i, form in enumerate(forms) for t in form)
        self.topics.extend((t, rid) for t in topic_set)
        self.places.extend((p, rid) for p in place_set)
        self.countries.extend((k, rid) for k in country_set)
        self.fts.append((rid, body))


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
                    if {n for (n,) in conn.execute("SELECT name FROM sqlite_master")} >= SCHEMA_NAMES:
                        return cls(root, conn, path)
                    conn.close()  # a table or index is missing: rebuild
                    conn = None
                    Index.delete(root)
                    continue
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
        for _ in range(5):
            started = time.time_ns()
            names, nums = scan(self.root)
            names_blob = _names_blob(names)
            digest = _digest(names_blob, nums)
            seen = self._meta("digest")
            if not full and seen == digest:
                return 0, 0
            bulk = full or seen is None  # a first build: the file is new, a crash just means building again
            try:
                if bulk:
                    self.conn.execute("PRAGMA synchronous=OFF")
                    self.conn.execute("PRAGMA cache_size=-32000")
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as err:
                raise IndexUnavailable(str(err)) from err
            try:
                if self._meta("digest") != seen:  # another process refreshed meanwhile: look again
                    self.conn.execute("ROLLBACK")
                    continue
                old_blob = b"" if full else (self._meta("names") or b"")
                if full:
                    self._clear()
                    old_names, old_nums, old_rids = [], array("q"), array("q")
                else:
                    old_names = old_blob.decode("utf-8", "surrogateescape").split("\0") if old_blob else []
                    old_nums = array("q", self._meta("nums") or b"")
                    old_rids = array("q", self._meta("rids") or b"")
                    if len(old_nums) != 2 * len(old_names) or len(old_rids) != len(old_names):
                        raise sqlite3.DatabaseError("index listing is inconsistent")
                todo, drop, rids, gone = _diff(names, nums, old_names, old_nums, old_rids)
                self._drop(drop)
                stored = array("q", nums)
                pos = {names[i]: i for i in todo}
                self._read_in(sorted(pos), pos, stored, rids, started, progress)
                if full:
                    for sql in INDEXES:
                        self.conn.execute(sql)
                self._store_listing(names_blob, old_blob, stored, rids)
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            finally:
                if bulk and self.path is not None:
                    self.conn.execute("PRAGMA synchronous=NORMAL")
            return len(todo), gone
        raise IndexUnavailable("the index keeps changing under this process")

    def apply_changes(self, changed: Collection[str]) -> tuple[int, int]:
        """Re-read the files `changed` and drop those gone; returns (files read, files dropped).

        For a watcher, which saw every change: nothing else is listed or
        stat'ed. A name is found in the stored listing blob by a search and a
        count in C rather than by splitting and diffing the whole listing
        (100,000 names), so one edit costs milliseconds, not a walk.
        """
        wanted = sorted({n for n in changed if n.endswith(SUFFIX) and n[:1] not in ("", ".")})
        if not self.built():
            return self.refresh()
        if not wanted:
            return 0, 0
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as err:
            raise IndexUnavailable(str(err)) from err
        try:
            started = time.time_ns()
            blob = self._meta("names") or b""
            nums = array("q", self._meta("nums") or b"")
            rids = array("q", self._meta("rids") or b"")
            count = blob.count(b"\0") + 1 if blob else 0
            if len(nums) != 2 * count or len(rids) != count:
                raise sqlite3.DatabaseError("index listing is inconsistent")
            fd = os.open(self.root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
            try:
                now = _stat_all(fd, wanted)
            finally:
                os.close(fd)
            where = _finder(blob, count, wanted)
            blob_in = blob
            todo: dict[str, int] = {}  # name -> its place in the listing
            drop: list[int] = []
            gone: set[int] = set()
            for k, name in enumerate(wanted):
                size, mtime = now[2 * k], now[2 * k + 1]
                i = where(name)
                if i is None:
                    if size != _SKIP:  # a new file
                        blob += (b"\0" if blob else b"") + name.encode("utf-8", "surrogateescape")
                        nums.extend((size, mtime))
                        rids.append(-1)
                        todo[name] = len(rids) - 1
                elif size == _SKIP:
                    drop.append(rids[i])
                    gone.add(i)
                elif (size, mtime) != (nums[2 * i], nums[2 * i + 1]):
                    drop.append(rids[i])
                    nums[2 * i], nums[2 * i + 1] = size, mtime
                    todo[name] = i
            self._drop(drop)
            self._read_in(list(todo), todo, nums, rids, started)
            if gone:
                names = blob.decode("utf-8", "surrogateescape").split("\0")
                keep = [i for i in range(len(names)) if i not in gone]
                blob = _names_blob([names[i] for i in keep])
                nums = array("q", [x for i in keep for x in (nums[2 * i], nums[2 * i + 1])])
                rids = array("q", [rids[i] for i in keep])
            self._store_listing(blob, blob_in, nums, rids)
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        return len(todo), len(gone)

    def _read_in(self, names: list[str], place: dict[str, int], nums: array, rids: array, started: int,
                 progress: Progress | None = None) -> None:
        """Parse `names` and insert their rows; note each file's new rid, and mark an mtime too
        recent to trust, at its `place` in the listing."""
        next_rid = (self.conn.execute("SELECT seq FROM sqlite_sequence WHERE name='briefs'").fetchone()
                    or (0,))[0] + 1
        done = 0
        for results in _parse(str(self.root), names):
            rows = []
            for name, fact, error in results:
                i = place[name]
                rids[i] = next_rid
                if nums[2 * i + 1] >= started - RACY_NS:
                    nums[2 * i + 1] = -1  # never equal to a real mtime: read again next time
                rows.append((next_rid, name, fact, error))
                next_rid += 1
            self._insert(rows)
            done += len(results)
            if progress:
                progress(done, len(names))

    def _store_listing(self, blob: bytes, old_blob: bytes, nums: array, rids: array) -> None:
        if blob != old_blob:
            self._set_meta("names", blob)
        self._set_meta("nums", nums.tobytes())
        self._set_meta("rids", rids.tobytes())
        self._set_meta("digest", _digest(blob, nums))

    def rebuild(self, progress: Progress | None = None) -> tuple[int, int]:
        """Forget everything and read every file again."""
        return self.refresh(progress, full=True)

    def _clear(self) -> None:
        c = self.conn
        for sql in INDEXES:  # bulk insert first, index after
            c.execute("DROP INDEX IF EXISTS " + sql.split()[2])
        for table in ("briefs", "records", *DETAIL_TABLES):
            c.execute(f"DELETE FROM {table}")
        c.execute("INSERT INTO fts(fts) VALUES ('delete-all')")
        c.execute("DELETE FROM meta")

    def built(self) -> bool:
        """Whether a refresh ever completed on this index (an empty new file has not)."""
        return self._meta("digest") is not None

    def _meta(self, key: str):
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def _drop(self, rids: list[int]) -> None:
        """Delete the rows of these briefs: detail and FTS rows found again from the stored record."""
        if not rids:
            return
        c = self.conn
        c.execute("CREATE TEMP TABLE IF NOT EXISTS gone(rid INTEGER PRIMARY KEY)")
        c.execute("DELETE FROM gone")
        c.executemany("INSERT OR IGNORE INTO gone VALUES (?)", ((r,) for r in rids))
        detail = _DetailRows()
        for rid, blob in c.execute("SELECT rid, record FROM records WHERE rid IN gone"):
            detail.add(rid, facts(unpack(blob)))
        c.executemany("DELETE FROM tokens WHERE token=? AND rid=? AND form=?", detail.tokens)
        c.executemany("DELETE FROM topics WHERE topic=? AND rid=?", detail.topics)
        c.executemany("DELETE FROM places WHERE place=? AND rid=?", detail.places)
        c.executemany("DELETE FROM countries WHERE country=? AND rid=?", detail.countries)
        c.executemany("INSERT INTO fts(fts, rowid, body) VALUES ('delete', ?, ?)", detail.fts)
        c.execute("DELETE FROM briefs WHERE rid IN gone")
        c.execute("DELETE FROM records WHERE rid IN gone")

    def _insert(self, rows: list[tuple]) -> None:
        c = self.conn
        briefs, records, detail = [], [], _DetailRows()
        for rid, name, derived, error in rows:
            if derived is None:
                briefs.append((rid, name, error) + (None,) * 9)
                continue
            fact, blob, exact = derived
            briefs.append((rid, name, None) + tuple(fact[:9]))
            records.append((rid, blob, int(exact)))
            detail.add(rid, fact)
        c.executemany("INSERT INTO briefs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", briefs)
        c.executemany("INSERT INTO records VALUES (?, ?, ?)", records)
        c.executemany("INSERT INTO tokens VALUES (?, ?, ?)", detail.tokens)
        c.executemany("INSERT INTO topics VALUES (?, ?)", detail.topics)
        c.executemany("INSERT INTO places VALUES (?, ?)", detail.places)
        c.executemany("INSERT INTO countries VALUES (?, ?)", detail.countries)
        c.executemany("INSERT INTO fts(rowid, body) VALUES (?, ?)", detail.fts)

    # -- asking ----------------------------------------------------------------
    def problems(self) -> list[tuple[str, str]]:
        """(path, reason) of every file in the folder that is not a valid record."""
        return [(str(self.root / n), e) for n, e in
                self.conn.execute("SELECT name, error FROM briefs WHERE error IS NOT NULL ORDER BY name")]

    def select(self, f: query.Filters, limit: int | None = None) -> list[Row]:
        """The briefs `query.select` would give for `f`, newest first."""
        where, args = _where(f)
        sql = ("SELECT name, id, date, actors, topics, place, title, rid FROM briefs"
               f" WHERE {' AND '.join(where)} ORDER BY date DESC, id DESC")
        if limit:
            sql += " LIMIT ?"
            args.append(limit)
        return [Row(n, i, d, _names(a), _names(t), p, ti, r) for n, i, d, a, t, p, ti, r in self.conn.execute(sql, args)]

    def select_records(self, f: query.Filters, on_error: Callable | None = None, lazy: bool = False):
        """`records(select(f))` in one query, without a Row per brief (for whole-archive commands)."""
        where, args = _where(f)
        items: list = []
        fallback: list[tuple[int, str]] = []
        for name, blob, exact in self.conn.execute(
                "SELECT name, record, exact FROM briefs LEFT JOIN records USING (rid)"
                f" WHERE {' AND '.join(where)} ORDER BY date DESC, id DESC", args):
            if exact:
                items.append(blob)
            else:
                fallback.append((len(items), name))
                items.append(None)
        if fallback:
            for k, name in fallback:
                found = records_for(self.root, [Row(name, "", None, [], [], None, None)], on_error)
                items[k] = found[0] if found else None
            items = [item for item in items if item is not None]
        if lazy:
            return Records(items)
        return [item if type(item) is dict else unpack(item) for item in items]

    def records(self, rows: Iterable[Row], on_error: Callable | None = None, lazy: bool = False):
        """The full records behind index rows, from the stored JSON (no YAML parse), in order.

        A record that JSON cannot give back exactly is read from its file
        (errors go to `on_error`, and the record is skipped). `lazy`: a
        sequence that keeps the stored (deflated) form and builds each
        record when it is reached, so a whole-archive command does not hold
        every record as Python objects at once.
        """
        rows = list(rows)
        where: dict[int, int] = {}
        for k, row in enumerate(rows):
            if row.rid is not None:
                where[row.rid] = k
        items: list = [None] * len(rows)
        if len(where) * 4 > len(rows) and len(where) * 2 > self.count():  # most of the archive: one pass
            cursor = self.conn.execute("SELECT rid, record FROM records WHERE exact = 1")
            for rid, blob in cursor:
                k = where.get(rid)
                if k is not None:
                    items[k] = blob
        else:
            rids = list(where)
            for i in range(0, len(rids), 500):
                part = rids[i:i + 500]
                for rid, blob in self.conn.execute(
                        f"SELECT rid, record FROM records WHERE exact = 1 AND rid IN ({','.join('?' * len(part))})", part):
                    items[where[rid]] = blob
        missing = [k for k, item in enumerate(items) if item is None]
        if missing:
            skipped = object()
            for k in missing:
                found = records_for(self.root, [rows[k]], on_error)
                items[k] = found[0] if found else skipped
            items = [item for item in items if item is not skipped]
        if lazy:
            return Records(items)
        return [item if type(item) is dict else unpack(item) for item in items]

    def summary(self, top: int = 10) -> dict:
        """`query.archive_summary` of the valid records, from the index."""
        c = self.conn
        n, first, last = c.execute("SELECT count(*), min(date), max(date) FROM briefs WHERE error IS NULL").fetchone()
        latest = c.execute("SELECT id, date, title FROM briefs WHERE error IS NULL"
                           " ORDER BY coalesce(date, '') DESC, coalesce(id, '') DESC LIMIT 5").fetchall()
        return {
            "briefs": n, "first": first, "last": last,
            "actors": self._most_common("actors", top), "topics": self._most_common("topics", top),
            "latest": [{"id": i, "date": d, "title": ti} for i, d, ti in latest],
        }

    def _most_common(self, column: str, top: int) -> list[tuple]:
        """`query.most_common` over the briefs' sets of `column` values: by count, ties by value."""
        rows = self.conn.execute(
            f"SELECT j.value, count(DISTINCT b.rid) AS n FROM briefs AS b, json_each(b.{column}) AS j"
            " WHERE b.error IS NULL GROUP BY j.value ORDER BY n DESC, j.value LIMIT ?", (max(top, 0),)).fetchall()
        return [(value, n) for value, n in rows]

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM briefs WHERE error IS NULL").fetchone()[0]


def _where(f: query.Filters) -> tuple[list[str], list]:
    """SQL conditions with the meaning of `query.matches`."""
    where, args = ["error IS NULL"], []
    if f.actor:
        wanted = sorted(set(query.fold(f.actor).split()))
        if not wanted:
            return ["0"], []
        where.append(f"rid IN (SELECT rid FROM tokens WHERE token IN ({','.join('?' * len(wanted))})"
                     " GROUP BY rid, form HAVING count(*) = ?)")
        args += [*wanted, len(wanted)]
    for value, table, column, form in (
        (f.topic, "topics", "topic", str.lower),
        (f.place, "places", "place", query.fold),
        (f.country, "countries", "country", str.upper),
    ):
        if value:
            # With a period, walk the date index and test membership per brief: a topic
            # can hold a fifth of the archive, a period a few hundred briefs.
            where.append(f"EXISTS (SELECT 1 FROM {table} WHERE {column} = ? AND rid = briefs.rid)"
                         if f.since or f.until else f"rid IN (SELECT rid FROM {table} WHERE {column} = ?)")
            args.append(form(value))
    if f.agreement:
        where.append("instr(agreements, ?) > 0")
        args.append(query.fold(f.agreement))
    if f.since or f.until:
        where.append("date IS NOT NULL")
        # `date` is a partial ISO date whose year is that of `first` and `last`: the
        # year bounds below are implied by the exact tests and let the date index serve.
        if f.since:
            where += ["last >= ?", "date >= ?"]
            args += [f.since, f.since[:4]]
        if f.until:
            where.append("first <= ?")
            args.append(f.until)
            if f.until[:4].isdigit() and int(f.until[:4]) < 9999:
                where.append("date < ?")
                args.append(str(int(f.until[:4]) + 1))
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


def open_index(root: Path | str, progress: Progress | None = None, use_watcher: bool = True) -> Index:
    """An up-to-date index of `root`: on disk when possible, else built in memory from the files.

    Up to date means every file checked, unless a `briefs watch` process
    vouches it has applied every change (see `briefs.watch`).
    """
    root = Path(root)
    if not root.is_dir():
        return Index.open(root, memory=True)
    try:
        index = Index.open(root)
        try:
            if not (use_watcher and index.built() and watch.vouches(root)):
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
    """The full records behind index rows, read from their files (see `Index.records`)."""
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
