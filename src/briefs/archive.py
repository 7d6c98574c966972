"""The flat folder of records: ids, atomic writes, locking, dedup, reading.

Plain files are the source of truth. Every write goes to a temporary file in
the same folder, is fsync'ed and renamed into place, so a crash leaves each
record either absent or whole; writers serialise on an flock so concurrent
`briefs add` runs neither lose records nor give two records one id.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from briefs import messages, record as rec
from briefs.errors import BriefsError, RecordError, UsageError

LOCK_FILE = ".lock"
TMP_PREFIX = ".tmp-"
TMP_SUFFIX = ".part"
SUFFIX = ".yaml"
FILE_MODE = 0o644  # records are shared documents, not secrets (mkstemp would give 0600)
MAX_SURNAMES = 3
_SHA_LINE = re.compile(r"^\s+sha256:\s*['\"]?([0-9a-f]{64})", re.M)


def slug(text: str) -> str:
    """ASCII, lower-case, '-'-joined: the only characters an id may hold."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def surname(name: str) -> str:
    return slug(name.replace(".", " ").split()[-1]) if name.split() else ""


def base_id(record: dict) -> str:
    """First dated meeting's date and participants' surnames (up to three).

    Without a dated meeting: the published date (else 'undated') and the
    first actors' surnames.
    """
    meetings = [m for m in record.get("meetings") or [] if isinstance(m, dict)]
    first = next((m for m in meetings if m.get("date")), None)
    if first is not None:
        date = first["date"]
        names = [n for n in first.get("participants") or [] if isinstance(n, str)]
    else:
        date = record.get("published") or "undated"
        names = [a.get("name") for a in record.get("actors") or [] if isinstance(a, dict) and a.get("name")]
    parts: list[str] = []
    for name in names:
        s = surname(name)
        if s and s not in parts:
            parts.append(s)
        if len(parts) == MAX_SURNAMES:
            break
    # Empty parts dropped: a date of punctuation must not give a leading '-' (not an id).
    return "-".join(p for p in [slug(str(date))] + parts if p) or "undated"


def check_id(value: str) -> str:
    """Refuse anything that is not a plain id before it touches the disk."""
    if not isinstance(value, str) or not rec.ID_RE.match(value):
        raise UsageError(messages.BAD_ID.format(value=value))
    return value


@dataclass(frozen=True)
class AddResult:
    id: str
    added: bool  # False: the same text (sha256) was already archived under `id`


class Archive:
    """One data folder of `<id>.yaml` records."""

    def __init__(self, root: Path | str):
        self.root = Path(root)
        # file name -> (inode, sha256): a file replaced by os.replace gets a new
        # inode, so a hand edit or another process's rewrite is read again.
        self._sha_by_name: dict[str, tuple[int, str]] = {}
        self._shas_seen: tuple[dict[str, int], dict[str, str]] | None = None
        self._lock_depth = 0
        self._lock_fd: int | None = None
        self._cleaned = False

    # -- paths ------------------------------------------------------------
    def path_of(self, record_id: str) -> Path:
        return self.root / (check_id(record_id) + SUFFIX)

    def paths(self) -> list[Path]:
        """Record files, sorted; temporary and hidden files are not records."""
        return [self.root / name for name in sorted(self._entries())]

    def _entries(self) -> dict[str, int]:
        """Record file name -> inode, from one directory scan."""
        if not self.root.is_dir():
            return {}
        try:
            with os.scandir(self.root) as entries:
                # d_type makes is_file() free on most file systems; a hot path in bulk adds.
                return {e.name: e.inode() for e in entries
                        if e.name.endswith(SUFFIX) and not e.name.startswith(".") and e.is_file()}
        except OSError:
            pass
        # Slow path: one entry's stat failing must not hide the others.
        out: dict[str, int] = {}
        try:
            with os.scandir(self.root) as entries:
                for e in entries:
                    if e.name.endswith(SUFFIX) and not e.name.startswith("."):
                        with contextlib.suppress(OSError):
                            if e.is_file():
                                out[e.name] = e.inode()
        except FileNotFoundError:
            return {}
        except OSError as err:
            raise RecordError(messages.RECORD_UNREADABLE.format(reason=err.strerror or str(err)), str(self.root)) from err
        return out

    def ids(self) -> list[str]:
        return [p.name[: -len(SUFFIX)] for p in self.paths()]

    # -- reading ----------------------------------------------------------
    def read(self, path: Path) -> dict:
        """Parse and validate one record file; RecordError names the file and the problem."""
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as err:
            raise RecordError(messages.RECORD_UNREADABLE.format(reason="not UTF-8"), str(path)) from err
        except OSError as err:
            raise RecordError(messages.RECORD_UNREADABLE.format(reason=err.strerror or str(err)), str(path)) from err
        try:
            data = rec.loads(text)
        except Exception as err:  # any YAML error, including a rejected Python tag
            reason = " ".join(str(err).split())[:200]
            raise RecordError(messages.RECORD_UNREADABLE.format(reason=reason), str(path)) from err
        problems = rec.validate(data, expected_id=path.name[: -len(SUFFIX)])
        if problems:
            raise RecordError(_describe(problems), str(path))
        return data

    def get(self, record_id: str) -> dict:
        path = self.path_of(record_id)
        if not path.is_file():
            raise UsageError(messages.UNKNOWN_ID.format(value=record_id))
        return self.read(path)

    def records(self, on_error: Callable[[RecordError], None] | None = None) -> Iterator[dict]:
        """Every valid record; invalid ones go to `on_error` (and are skipped)."""
        for path in self.paths():
            try:
                yield self.read(path)
            except RecordError as err:
                if on_error is None:
                    raise
                on_error(err)

    def resolve(self, prefix: str) -> str:
        """The id a user means: exact, or the only id starting with `prefix`."""
        check_id(prefix)
        if (self.root / (prefix + SUFFIX)).is_file():
            return prefix
        found = [i for i in self.ids() if i.startswith(prefix)]
        if not found:
            raise UsageError(messages.UNKNOWN_ID.format(value=prefix))
        if len(found) > 1:
            shown = ", ".join(found[:5]) + (", ..." if len(found) > 5 else "")
            raise UsageError(messages.AMBIGUOUS_ID.format(value=prefix, candidates=shown))
        return found[0]

    def shas(self) -> dict[str, str]:
        """sha256 -> id for every record, read with a line regex (YAML parse only as a fallback).

        Files seen before under the same inode are not read again (every write
        is a rename, which gives a new inode), so a bulk add rescans only what
        other processes wrote meanwhile.
        """
        entries = self._entries()
        if self._shas_seen is not None and self._shas_seen[0] == entries:
            return dict(self._shas_seen[1])
        cache = self._sha_by_name
        for gone in set(cache) - set(entries):
            del cache[gone]
        for name, inode in entries.items():
            if name in cache and cache[name][0] == inode:
                continue
            sha = self._read_sha(self.root / name)
            if sha is not None:
                cache[name] = (inode, sha)
        out: dict[str, str] = {}
        for name in sorted(cache):
            sha = cache[name][1]
            if sha:
                out.setdefault(sha, name[: -len(SUFFIX)])
        self._shas_seen = (entries, out)
        return dict(out)

    @staticmethod
    def _read_sha(path: Path) -> str | None:
        """The record's sha256, '' if it has none, None if the file vanished."""
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
        m = _SHA_LINE.search(text)
        if m:
            return m.group(1)
        try:  # flow style or other hand-made layout
            data = rec.loads(text)
            sha = data.get("source", {}).get("sha256") if isinstance(data, dict) else None
        except Exception:  # noqa: BLE001 - an unreadable record has no sha; check reports it
            return ""
        return sha if isinstance(sha, str) and rec.SHA_RE.match(sha) else ""

    # -- writing ----------------------------------------------------------
    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Exclusive lock on `<root>/.lock` for the duration of a write.

        Re-entrant within one Archive (a nested `locked()` is a no-op), since
        flock on a second descriptor of the same file would wait for itself.
        """
        if self._lock_depth:
            self._lock_depth += 1
            try:
                yield
            finally:
                self._lock_depth -= 1
            return
        fd = self._acquire()
        self._lock_fd, self._lock_depth = fd, 1
        try:
            yield
        finally:
            self._lock_depth, self._lock_fd = 0, None
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def _acquire(self) -> int:
        """Open and flock the lock file; retry if it was replaced meanwhile."""
        try:
            if self.root.exists() and not self.root.is_dir():
                raise BriefsError(messages.NOT_A_FOLDER, str(self.root))
            self.root.mkdir(parents=True, exist_ok=True)
            lock_path = self.root / LOCK_FILE
            while True:
                fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX)
                    # Someone deleting .lock while we waited would let a third
                    # process lock a new file: make sure ours is still the one.
                    if os.fstat(fd).st_ino == os.stat(lock_path).st_ino:
                        return fd
                except FileNotFoundError:
                    pass
                except BaseException:
                    os.close(fd)
                    raise
                os.close(fd)
        except OSError as err:
            raise BriefsError(messages.CANNOT_LOCK.format(reason=err.strerror or str(err)), str(self.root)) from err

    def allocate_id(self, record: dict) -> str:
        """A free id: the base id, else base-2, base-3 ... (caller holds the lock)."""
        base = check_id(base_id(record))
        taken = set(self._entries())
        candidate, n = base, 1
        while candidate + SUFFIX in taken or (self.root / (candidate + SUFFIX)).exists():
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def write(self, record: dict, validate: bool = True) -> Path:
        """Atomically write `record` as `<id>.yaml` (taking the lock if the caller has not).

        The text goes to a temporary file in the folder, is flushed and
        fsync'ed, then renamed over the target, and the folder is fsync'ed: at
        any moment the record is either the old version or the new, whole.
        With `validate`, an invalid record is refused before anything is written.
        """
        path = self.path_of(record.get("id"))
        if validate:
            problems = rec.validate(record, expected_id=record["id"])
            if problems:
                raise RecordError(_describe(problems), str(path))
        self._atomic_write(path, rec.dumps(record).encode("utf-8"))
        return path

    def write_text(self, name: str, text: str) -> Path:
        """Atomically replace the record file `name` (a plain name in the folder) with `text`.

        For repairs of files whose name or id is not (yet) right, where
        `write` would pick the path from the id.
        """
        if Path(name).name != name or name.startswith(".") or not name.endswith(SUFFIX):
            raise UsageError(messages.BAD_ID.format(value=name))
        path = self.root / name
        self._atomic_write(path, text.encode("utf-8"))
        return path

    def _atomic_write(self, path: Path, data: bytes) -> None:
        with self.locked():
            tmp = None
            try:
                fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=TMP_SUFFIX, dir=self.root)
                with os.fdopen(fd, "wb") as f:
                    os.fchmod(f.fileno(), FILE_MODE & ~_umask())
                    f.write(data)
                    f.flush()
                    os.fsync(f.fileno())
                os.replace(tmp, path)
                tmp = None
                self._fsync_dir()
            except OSError as err:
                raise RecordError(messages.CANNOT_WRITE.format(reason=err.strerror or str(err)), str(path)) from err
            finally:
                if tmp is not None:
                    with contextlib.suppress(OSError):
                        os.unlink(tmp)

    def add(self, record: dict) -> AddResult:
        """Archive a new record unless its text is already there (same sha256)."""
        sha = (record.get("source") or {}).get("sha256")
        with self.locked():
            if not self._cleaned:
                self._clean_unlocked()
            existing = self.shas().get(sha) if sha else None
            if existing:
                return AddResult(existing, False)
            record = dict(record)
            record["id"] = self.allocate_id(record)
            path = self.write(record)
            with contextlib.suppress(OSError):
                inode = path.stat().st_ino
                self._sha_by_name[path.name] = (inode, sha or "")
                if self._shas_seen is not None:  # keep the listing current without a rescan
                    self._shas_seen[0][path.name] = inode
                    if sha:
                        self._shas_seen[1].setdefault(sha, record["id"])
            return AddResult(record["id"], True)

    def remove(self, record_id: str) -> None:
        path = self.path_of(record_id)
        with self.locked():
            if not path.is_file():
                raise UsageError(messages.UNKNOWN_ID.format(value=record_id))
            try:
                path.unlink()
            except OSError as err:
                raise RecordError(messages.CANNOT_WRITE.format(reason=err.strerror or str(err)), str(path)) from err
            self._fsync_dir()

    def clean_temporary(self) -> int:
        """Remove temporary files left by a crashed write; returns how many.

        Runs under the lock: every write holds it, so no temporary file seen
        then belongs to a write in progress.
        """
        if not self.root.is_dir():
            return 0
        with self.locked():
            return self._clean_unlocked()

    def temporary_files(self) -> list[Path]:
        if not self.root.is_dir():
            return []
        return sorted(p for p in self.root.glob(TMP_PREFIX + "*") if p.is_file())

    def _clean_unlocked(self) -> int:
        n = 0
        for p in self.temporary_files():
            with contextlib.suppress(OSError):
                p.unlink()
                n += 1
        self._cleaned = True
        return n

    def _fsync_dir(self) -> None:
        """Make the rename itself durable (the folder entry, not just the data)."""
        with contextlib.suppress(OSError):
            fd = os.open(self.root, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def _describe(problems: list) -> str:
    where, what = problems[0]
    more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
    field = ".".join(str(p) for p in where)
    return f"{field + ': ' if field else ''}{what}{more}"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
