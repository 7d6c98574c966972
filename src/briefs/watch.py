"""A watcher that keeps the index current, so queries can skip the stat of every file.

Every query normally stats each record file to see what changed: about
3 µs per file here, 0.3 s at 100,000 files, before any question is asked.
`briefs watch` follows git's fsmonitor: a long-running process is told by
the kernel (Linux inotify) about every change in the folder and applies
it to the index. A query then asks the watcher to catch up instead of
walking the folder, with a cookie, as git does: it creates a file
`.watch-cookie-*`; the kernel queues that event after every change made
before it, so when the watcher has applied its pending changes and
removed the cookie, the index holds everything the query could have seen.

The watcher holds an exclusive `flock` on `.watch.lock` while it runs
(the kernel drops it if the process dies). No watcher, a watcher that
does not answer within `ACK_TIMEOUT_S`, or a folder the query cannot write
in: the query walks the folder as before. Nothing is ever trusted that
the files could contradict.
"""
from __future__ import annotations

import contextlib
import os
import select
import struct
import time
from pathlib import Path
from typing import Callable, Iterator

WATCH_LOCK = ".watch.lock"
COOKIE_PREFIX = ".watch-cookie-"
ACK_TIMEOUT_S = 2.0  # a watcher slower than this to answer is treated as absent
SETTLE_S = 0.05  # apply a burst of changes once the folder has been quiet this long
LOCK_TRIES = 40  # a query holds the lock shared for microseconds: retry before saying "taken"

# <sys/inotify.h>
IN_MODIFY, IN_ATTRIB, IN_CLOSE_WRITE = 0x2, 0x4, 0x8
IN_MOVED_FROM, IN_MOVED_TO, IN_CREATE, IN_DELETE = 0x40, 0x80, 0x100, 0x200
IN_DELETE_SELF, IN_MOVE_SELF, IN_UNMOUNT, IN_Q_OVERFLOW, IN_IGNORED = 0x400, 0x800, 0x2000, 0x4000, 0x8000
IN_NONBLOCK, IN_CLOEXEC = 0o4000, 0o2000000
CHANGES = IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE | IN_DELETE
FOLDER_GONE = IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT | IN_IGNORED
_EVENT = struct.Struct("iIII")


# inotify reports only what this machine does: a change made from another machine is never seen.
NETWORK_FILESYSTEMS = frozenset({"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "afs", "ceph", "glusterfs",
                                 "lustre", "fuse.sshfs", "fuse.rclone", "fuse.s3fs", "fuse.glusterfs"})
MOUNTS = "/proc/self/mounts"


class WatchError(Exception):
    """The folder cannot be watched; `str(err)` is the one line to show."""


class Inotify:
    """The kernel's change notification for one folder (Linux), read without blocking forever."""

    def __init__(self, folder: Path):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            init, add = libc.inotify_init1, libc.inotify_add_watch
        except (OSError, AttributeError):
            raise WatchError("watching needs Linux (inotify); queries will check every file instead") from None
        self.fd = init(IN_NONBLOCK | IN_CLOEXEC)
        if self.fd < 0:
            raise WatchError(f"cannot watch: {os.strerror(ctypes.get_errno())}")
        if add(self.fd, os.fsencode(folder), CHANGES | FOLDER_GONE) < 0:
            err = ctypes.get_errno()
            os.close(self.fd)
            raise WatchError(f"cannot watch {folder}: {os.strerror(err)}")

    def read(self, timeout: float) -> list[tuple[int, str]]:
        """(mask, file name) of the events queued, waiting at most `timeout` seconds for one."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return []
        try:
            data = os.read(self.fd, 1 << 16)
        except BlockingIOError:
            return []
        events, pos = [], 0
        while pos + _EVENT.size <= len(data):
            _, mask, _, length = _EVENT.unpack_from(data, pos)
            start = pos + _EVENT.size
            events.append((mask, os.fsdecode(data[start:start + length].split(b"\0", 1)[0])))
            pos = start + length
        return events

    def close(self) -> None:
        os.close(self.fd)


@contextlib.contextmanager
def holding_lock(root: Path) -> Iterator[None]:
    """The exclusive watcher lock of `root`, for as long as the watcher runs."""
    import fcntl

    try:
        fd = os.open(root / WATCH_LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as err:
        raise WatchError(f"cannot watch {root}: {err.strerror}") from None
    try:
        for _ in range(LOCK_TRIES):
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                time.sleep(0.005)
        else:
            raise WatchError(f"{root} is already watched by another process")
        yield
    finally:
        os.close(fd)


def vouches(root: Path | str, timeout: float | None = None) -> bool:
    """True when a running watcher has applied to the index every change made before this call."""
    import fcntl

    timeout = ACK_TIMEOUT_S if timeout is None else timeout
    root = os.fspath(root)
    try:
        fd = os.open(os.path.join(root, WATCH_LOCK), os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False  # nobody holds it: no watcher
    except BlockingIOError:
        pass
    except OSError:
        return False
    finally:
        os.close(fd)
    cookie = os.path.join(root, f"{COOKIE_PREFIX}{os.getpid()}-{time.monotonic_ns()}")
    try:
        os.close(os.open(cookie, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600))
    except OSError:
        return False  # a folder this user cannot write in
    deadline = time.monotonic() + timeout
    pause = 0.0002
    while True:
        try:
            answered_no = os.stat(cookie).st_size > 0
        except FileNotFoundError:
            return True  # removed by the watcher: caught up
        if answered_no or time.monotonic() > deadline:
            with contextlib.suppress(OSError):
                os.unlink(cookie)
            return False
        time.sleep(pause)
        pause = min(2 * pause, 0.005)


def filesystem_of(folder: Path) -> str | None:
    """The filesystem type of the mount holding `folder`, from /proc/self/mounts (None: unknown)."""
    try:
        with open(MOUNTS, encoding="utf-8", errors="replace") as f:
            mounts = [line.split()[1:3] for line in f if len(line.split()) >= 3]
    except OSError:
        return None
    path = os.path.realpath(folder)
    best, kind = "", None
    for point, fstype in mounts:
        point = point.replace("\\040", " ")
        inside = path == point or path.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fstype
    return kind


def _identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of `path`: tells a folder or file replaced under the same name."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _answer(root: Path, cookie: str, caught_up: bool) -> None:
    path = root / cookie
    with contextlib.suppress(OSError):
        if caught_up:
            os.unlink(path)
        else:  # a byte in the cookie: "walk the folder yourself", without waiting for the timeout
            with open(path, "ab") as f:
                f.write(b"x")


def serve(root: Path | str, *, stop: Callable[[], bool] = lambda: False,
          on_ready: Callable[[int], None] | None = None,
          on_update: Callable[[int, int], None] | None = None) -> None:
    """Keep `root`'s index current until `stop()` is true or the folder goes away.

    `on_ready(briefs)` once the index is current and cookies are answered;
    `on_update(read, dropped)` after each batch of changes applied.
    """
    from briefs import index as index_mod

    root = Path(root)
    if not root.is_dir():
        raise WatchError(f"{root}: no such archive folder")
    kind = filesystem_of(root)
    if kind in NETWORK_FILESYSTEMS:
        raise WatchError(f"{root} is on a network filesystem ({kind}): changes made from other machines "
                         "would not be seen; queries check every file instead")
    folder = _identity(root)
    inotify = Inotify(root)  # before the first refresh: no change can fall between the two
    try:
        with holding_lock(root):
            links = _Links(root, index_mod.SUFFIX)
            state = _Kept(root, index_mod)
            state.reopen()
            if state.idx is None:
                raise WatchError(f"cannot write the index in {root}: nothing to keep current")
            if on_ready:
                on_ready(state.idx.count())
            pending: set[str] = set()
            walk = False  # the whole folder must be looked at again (queue overflow)
            try:
                while not stop():
                    events = inotify.read(SETTLE_S if pending or walk else 0.25)
                    if not events and _identity(root) != folder:
                        return  # removed or replaced: our open files keep the kernel from saying so
                    cookies, relevant = [], False
                    for mask, name in events:
                        if mask & FOLDER_GONE:
                            return
                        if mask & IN_Q_OVERFLOW:
                            walk = relevant = True
                        elif name.startswith(COOKIE_PREFIX):
                            if mask & IN_CREATE:
                                cookies.append(name)
                        elif name.endswith(index_mod.SUFFIX) and not name.startswith("."):
                            pending.add(name)
                            relevant = True
                    if not (cookies or ((pending or walk) and not relevant)):
                        continue
                    try:
                        links.update_for(pending, walk)
                        counts = state.apply(pending, walk)
                        caught_up = not links  # a link's target can change outside the folder, unseen
                        pending, walk = set(), False
                        if on_update and counts != (0, 0):
                            on_update(*counts)
                    except (OSError, WatchError, index_mod.sqlite3.Error, index_mod.IndexUnavailable):
                        caught_up, walk = False, True
                    for cookie in cookies:
                        _answer(root, cookie, caught_up)
            finally:
                state.close()
    finally:
        inotify.close()


class _Links(set):
    """Record files that are symbolic links: their targets change without any event here."""

    def __init__(self, root: Path, suffix: str):
        super().__init__()
        self.root, self.suffix = root, suffix
        self.update_for((), walk=True)

    def update_for(self, names, walk: bool) -> None:
        if walk:
            self.clear()
            with os.scandir(self.root) as entries:
                self.update(e.name for e in entries if e.name.endswith(self.suffix) and e.is_symlink())
            return
        for name in names:
            if os.path.islink(self.root / name):
                self.add(name)
            else:
                self.discard(name)


class _Kept:
    """The index the watcher keeps current, followed when it is rebuilt or deleted."""

    def __init__(self, root: Path, index_mod):
        self.root, self.index_mod = root, index_mod
        self.idx = None
        self.inode: tuple[int, int] | None = None

    def _inode(self) -> tuple[int, int] | None:
        return _identity(self.root / self.index_mod.INDEX_FILE)

    def reopen(self) -> None:
        """Open the index at its path (creating it if missing), walking the folder once."""
        self.close()
        idx = self.index_mod.open_index(self.root, use_watcher=False)  # we are the watcher: walk
        if idx.path is None:  # only an in-memory index: nothing for queries to share
            idx.close()
            return
        self.idx, self.inode = idx, self._inode()

    def apply(self, pending: set[str], walk: bool) -> tuple[int, int]:
        """Bring the index up to date with `pending` (or the whole folder); raises when it cannot."""
        now = self._inode()
        if self.idx is None or now != self.inode:
            # Rebuilt (`briefs reindex`) or deleted by hand: a deleted one is left for the
            # next query to build (that query walks); whatever file is there is then followed.
            self.close()
            if now is None:
                raise WatchError("the index is gone; the next query builds it")
            self.reopen()
            if self.idx is None:
                raise WatchError("cannot write the index")
            return (0, 0)
        return self.idx.refresh() if walk else self.idx.apply_changes(pending)

    def close(self) -> None:
        if self.idx is not None:
            self.idx.close()
            self.idx = None
