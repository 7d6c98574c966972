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
from briefs.errors import RecordError, UsageError

LOCK_FILE = ".lock"
TMP_PREFIX = ".tmp-"
SUFFIX = ".yaml"
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
    """First meeting date (else published, else 'undated') + up to three surnames."""
    meetings = [m for m in record.get("meetings") or [] if isinstance(m, dict)]
    date = next((m.get("date") for m in meetings if m.get("date")), None) or record.get("published") or "undated"
    names: list[str] = []
    if meetings:
        names.extend(n for n in meetings[0].get("participants") or [] if isinstance(n, str))
    names.extend(a.get("name") for a in record.get("actors") or [] if isinstance(a, dict) and a.get("name"))
    parts: list[str] = []
    for name in names:
        s = surname(name)
        if s and s not in parts:
            parts.append(s)
        if len(parts) == MAX_SURNAMES:
            break
    return "-".join([slug(str(date))] + parts) or "undated"


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
        self._sha_by_name: dict[str, str] = {}

    # -- paths ------------------------------------------------------------
    def path_of(self, record_id: str) -> Path:
        return self.root / (check_id(record_id) + SUFFIX)

    def paths(self) -> list[Path]:
        """Record files, sorted; temporary and hidden files are not records."""
        if not self.root.is_dir():
            return []
        with os.scandir(self.root) as entries:
            names = sorted(e.name for e in entries if e.name.endswith(SUFFIX) and not e.name.startswith(".") and e.is_file())
        return [self.root / n for n in names]

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
            where, what = problems[0]
            more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
            field = ".".join(str(p) for p in where)
            raise RecordError(f"{field + ': ' if field else ''}{what}{more}", str(path))
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
        """sha256 -> id for every record, read with a line regex (no YAML parse).

        File names seen before are not read again (records are written once
        under a new name; a hand edit never changes a text's sha256), so a bulk
        add rescans only what other processes added meanwhile.
        """
        names = {p.name for p in self.paths()}
        cache = self._sha_by_name
        for gone in set(cache) - names:
            del cache[gone]
        for name in names - set(cache):
            try:
                m = _SHA_LINE.search((self.root / name).read_text(encoding="utf-8", errors="replace"))
            except OSError:
                continue
            cache[name] = m.group(1) if m else ""
        out: dict[str, str] = {}
        for name in sorted(cache):
            if cache[name]:
                out.setdefault(cache[name], name[: -len(SUFFIX)])
        return out

    # -- writing ----------------------------------------------------------
    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Exclusive lock on `<root>/.lock` for the duration of a write."""
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.root / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def allocate_id(self, record: dict) -> str:
        base = base_id(record)
        candidate, n = base, 1
        while (self.root / (candidate + SUFFIX)).exists():
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def write(self, record: dict) -> Path:
        """Atomically write `record` as `<id>.yaml` (caller holds the lock)."""
        path = self.path_of(record["id"])
        self.root.mkdir(parents=True, exist_ok=True)
        data = rec.dumps(record).encode("utf-8")
        fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=".part", dir=self.root)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        self._fsync_dir()
        return path

    def add(self, record: dict) -> AddResult:
        """Archive a new record unless its text is already there (same sha256)."""
        sha = (record.get("source") or {}).get("sha256")
        with self.locked():
            existing = self.shas().get(sha) if sha else None
            if existing:
                return AddResult(existing, False)
            record = dict(record)
            record["id"] = self.allocate_id(record)
            path = self.write(record)
            self._sha_by_name[path.name] = sha or ""
            return AddResult(record["id"], True)

    def remove(self, record_id: str) -> None:
        with self.locked():
            path = self.path_of(record_id)
            if not path.is_file():
                raise UsageError(messages.UNKNOWN_ID.format(value=record_id))
            path.unlink()
            self._fsync_dir()

    def clean_temporary(self) -> int:
        """Remove temporary files left by a crashed write; returns how many."""
        if not self.root.is_dir():
            return 0
        n = 0
        for p in self.root.glob(TMP_PREFIX + "*"):
            with contextlib.suppress(OSError):
                p.unlink()
                n += 1
        return n

    def _fsync_dir(self) -> None:
        with contextlib.suppress(OSError):
            fd = os.open(self.root, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
