"""`briefs watch`: queries on a watched folder skip the stat of every file, and still see every change."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from briefs import index, query, watch
from briefs.archive import Archive

from test_index import indexed, sample

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux only")


@pytest.fixture
def archive(data_dir) -> Archive:
    a = Archive(data_dir)
    for i in range(1, 6):
        a.write(sample(i))
    return a


class Watcher:
    """`watch.serve` in a thread of the test process, as `briefs watch` runs it."""

    def __init__(self, root: Path):
        self.stop = threading.Event()
        self.ready = threading.Event()
        self.updates: list[tuple[int, int]] = []
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(root,), daemon=True)
        self.thread.start()
        assert self.ready.wait(20), "the watcher never became ready"
        if self.error:
            raise self.error

    def _run(self, root: Path) -> None:
        try:
            watch.serve(root, stop=self.stop.is_set, on_ready=lambda n: self.ready.set(),
                        on_update=lambda read, dropped: self.updates.append((read, dropped)))
        except BaseException as err:  # noqa: BLE001 - handed to the test
            self.error = err
            self.ready.set()

    def close(self) -> None:
        self.stop.set()
        self.thread.join(20)
        assert not self.thread.is_alive()


@pytest.fixture
def watcher(archive, data_dir):
    w = Watcher(data_dir)
    yield w
    w.close()


@pytest.fixture
def no_walk(monkeypatch):
    """Fail if any query lists and stats the whole folder."""
    def walk(root):
        raise AssertionError("the folder was walked")

    monkeypatch.setattr(index, "scan", walk)
    monkeypatch.setattr(watch, "ACK_TIMEOUT_S", 60.0)  # a slow CI machine must not turn into a walk


def ids(root: Path, **kw) -> list[str]:
    idx = index.open_index(root)
    try:
        return indexed(idx, query.Filters(**kw))
    finally:
        idx.close()


def cookies(root: Path) -> list[str]:
    return [n for n in os.listdir(root) if n.startswith(watch.COOKIE_PREFIX)]


def test_every_change_is_seen_without_walking_the_folder(watcher, archive, data_dir, no_walk):
    assert ids(data_dir, topic="securite") == [f"2024-01-{i:02d}-s" for i in range(5, 0, -1)]
    path = data_dir / "2024-01-03-s.yaml"
    with open(path, "r+", encoding="utf-8") as f:  # in place: the folder itself does not change
        text = f.read().replace("- securite", "- nucleaire")
        f.seek(0)
        f.write(text)
        f.truncate()
    (data_dir / "2024-01-04-s.yaml").unlink()
    archive.write(sample(9, topics=["nucleaire"]))
    (data_dir / "2024-01-02-s.yaml").write_text("schema: 1\nid: 2024-01-02-s\ntopics: [\n", encoding="utf-8")
    assert ids(data_dir, topic="nucleaire") == ["2024-01-09-s", "2024-01-03-s"]
    assert ids(data_dir, topic="securite") == ["2024-01-05-s", "2024-01-01-s"]
    idx = index.open_index(data_dir)
    assert [Path(p).name for p, _ in idx.problems()] == ["2024-01-02-s.yaml"]
    idx.close()
    assert cookies(data_dir) == []  # each query's cookie was answered and removed
    assert sum(read for read, _ in watcher.updates) >= 3


def test_without_a_watcher_every_file_is_checked(archive, data_dir, monkeypatch):
    walks = []
    real = index.scan
    monkeypatch.setattr(index, "scan", lambda root: walks.append(root) or real(root))
    assert not watch.vouches(data_dir)
    (data_dir / watch.WATCH_LOCK).touch()  # left by a watcher that has stopped: nobody holds it
    assert not watch.vouches(data_dir)
    ids(data_dir, topic="securite")
    ids(data_dir, topic="securite")
    assert len(walks) == 2
    assert cookies(data_dir) == []


def test_a_watcher_that_does_not_answer_is_not_trusted(archive, data_dir):
    with watch.holding_lock(data_dir):  # "running" but never reading its events
        assert not watch.vouches(data_dir, timeout=0.05)
    assert cookies(data_dir) == []


def test_an_unwritable_folder_is_walked(watcher, data_dir, monkeypatch):
    real_open = os.open

    def refuse_cookie(path, flags, *args, **kw):
        if os.fspath(path).rsplit("/", 1)[-1].startswith(watch.COOKIE_PREFIX):
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, flags, *args, **kw)

    monkeypatch.setattr(watch.os, "open", refuse_cookie)
    assert not watch.vouches(data_dir)


def test_one_watcher_per_folder(watcher, data_dir):
    with pytest.raises(watch.WatchError, match="already watched"):
        watch.serve(data_dir)


def test_lost_events_make_the_watcher_walk(archive, data_dir, monkeypatch):
    """When the kernel's queue overflows, changes are unknown: the watcher looks at every file."""
    lose = threading.Event()
    real_read = watch.Inotify.read

    def read(self, timeout):
        events = real_read(self, timeout)
        if lose.is_set() and any(name.endswith(".yaml") for _, name in events):
            lose.clear()
            return [(watch.IN_Q_OVERFLOW, "")]  # the file's events are gone
        return events

    monkeypatch.setattr(watch.Inotify, "read", read)
    w = Watcher(data_dir)
    try:
        lose.set()
        path = data_dir / "2024-01-01-s.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("- securite", "- sanctions"), encoding="utf-8")
        assert ids(data_dir, topic="sanctions") == ["2024-01-01-s"]
        assert not lose.is_set()
    finally:
        w.close()


def test_an_index_rebuilt_under_the_watcher_is_followed(watcher, archive, data_dir):
    index.rebuild(data_dir).close()  # `briefs reindex`: a new index file
    path = data_dir / "2024-01-05-s.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("- securite", "- culture"), encoding="utf-8")
    assert ids(data_dir, topic="culture") == ["2024-01-05-s"]
    (data_dir / index.INDEX_FILE).unlink()  # deleted by hand: the next query builds one, the watcher follows
    for suffix in ("-wal", "-shm"):
        (data_dir / (index.INDEX_FILE + suffix)).unlink(missing_ok=True)
    assert ids(data_dir, topic="culture") == ["2024-01-05-s"]
    path.write_text(path.read_text(encoding="utf-8").replace("- culture", "- finance"), encoding="utf-8")
    assert ids(data_dir, topic="finance") == ["2024-01-05-s"]


def test_the_watcher_ends_when_its_folder_goes(archive, data_dir):
    w = Watcher(data_dir)
    shutil.rmtree(data_dir)
    w.thread.join(20)
    assert not w.thread.is_alive() and w.error is None


def test_no_inotify_is_one_clear_error(monkeypatch, archive, data_dir):
    import ctypes

    monkeypatch.setattr(ctypes, "CDLL", lambda *a, **kw: object())
    with pytest.raises(watch.WatchError, match="needs Linux"):
        watch.serve(data_dir)


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_cli_watch_runs_until_interrupted(archive, data_dir, runner, stop):
    from briefs.cli import cli

    proc = subprocess.Popen([sys.executable, "-m", "briefs", "watch"], stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "BRIEFS_DATA": str(data_dir)})
    try:
        line = proc.stderr.readline()
        assert line.startswith(f"briefs: watching {data_dir} (5 briefs)") or f"watching {data_dir} (5 briefs)" in line
        path = data_dir / "2024-01-02-s.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("- securite", "- culture"), encoding="utf-8")
        result = runner.invoke(cli, ["list", "--topic", "culture", "--format", "ids"])
        assert result.exit_code == 0 and result.output.split() == ["2024-01-02-s"]
        assert cookies(data_dir) == []
    finally:
        proc.send_signal(stop)
        _, err = proc.communicate(timeout=20)
    assert proc.returncode == 0
    assert "stopped watching" in err and "Traceback" not in err


def test_cli_watch_missing_folder(runner, tmp_path):
    from briefs.cli import cli

    result = runner.invoke(cli, ["watch", "--data-dir", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert result.output.strip() == f"briefs: {tmp_path / 'nope'}: no such archive folder"


def test_a_network_filesystem_is_not_watched(archive, data_dir, tmp_path, monkeypatch):
    mounts = tmp_path / "mounts"
    mounts.write_text(f"/dev/vda / ext4 rw 0 0\nserver:/export {data_dir.parent} nfs4 rw 0 0\n", encoding="utf-8")
    monkeypatch.setattr(watch, "MOUNTS", str(mounts))
    assert watch.filesystem_of(data_dir) == "nfs4"
    assert watch.filesystem_of(tmp_path.parent) == "ext4"
    with pytest.raises(watch.WatchError, match="network filesystem"):
        watch.serve(data_dir)


def test_record_files_that_are_links_keep_queries_walking(watcher, archive, data_dir, tmp_path):
    """A link's target can be edited outside the folder, where the watcher sees nothing."""
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text((data_dir / "2024-01-05-s.yaml").read_text(encoding="utf-8").replace(
        "2024-01-05-s", "2024-01-07-s"), encoding="utf-8")
    (data_dir / "2024-01-07-s.yaml").symlink_to(outside)
    assert not watch.vouches(data_dir)
    assert "2024-01-07-s" in ids(data_dir, topic="securite")  # walked: the linked record is there
    (data_dir / "2024-01-07-s.yaml").unlink()
    assert watch.vouches(data_dir)


@pytest.mark.parametrize("seed", range(6))
def test_applying_the_changed_names_equals_walking_the_folder(archive, data_dir, tmp_path, seed):
    """What `briefs watch` does with the names it was told about gives the index a walk would give."""
    import random

    rnd = random.Random(seed)
    kept = index.open_index(data_dir, use_watcher=False)
    try:
        for step in range(12):
            touched = set()
            for _ in range(rnd.randint(1, 4)):
                present = sorted(p.name for p in data_dir.glob("*.yaml"))
                op = rnd.choice(["edit", "add", "delete", "break", "touch"]) if present else "add"
                name = rnd.choice(present) if present else None
                if op == "add":
                    n = rnd.randint(10, 28)
                    archive.write(sample(n, topics=[rnd.choice(["securite", "nucleaire", "culture"])]))
                    name = f"2024-01-{n:02d}-s.yaml"
                elif op == "edit":
                    path = data_dir / name
                    path.write_text(path.read_text(encoding="utf-8").replace(
                        "- securite", "- finance").replace("- nucleaire", "- securite"), encoding="utf-8")
                elif op == "delete":
                    (data_dir / name).unlink()
                elif op == "break":
                    (data_dir / name).write_text("schema: 1\ntopics: [\n", encoding="utf-8")
                else:
                    os.utime(data_dir / name)
                touched.add(name)
            kept.apply_changes(touched | {"never-there.yaml"})
            fresh = index.Index.open(data_dir, memory=True)  # a walk, in memory: the file index stays as kept
            try:
                fresh.refresh()
                for f in (query.Filters(), query.Filters(topic="securite"), query.Filters(topic="finance")):
                    assert indexed(kept, f) == indexed(fresh, f)
                assert sorted(kept.problems()) == sorted(fresh.problems())
                assert kept.records(kept.select(query.Filters())) == fresh.records(fresh.select(query.Filters()))
            finally:
                fresh.close()
        assert kept.apply_changes(set()) == (0, 0)
        stored = sorted(kept._meta("names").decode().split("\0"))
        assert stored == sorted(p.name for p in data_dir.glob("*.yaml"))
    finally:
        kept.close()


@pytest.mark.parametrize("asked", [["b.yaml", "zz.yaml", "a.yaml", "d.yaml"], [f"n{i}.yaml" for i in range(70)]])
def test_names_are_found_in_the_stored_listing(asked):
    names = ["a.yaml", "b.yaml", "ab.yaml", "d.yaml"] + [f"n{i}.yaml" for i in range(0, 140, 2)]
    where = index._finder(index._names_blob(names), len(names), asked)
    assert [where(n) for n in asked] == [names.index(n) if n in names else None for n in asked]
    assert index._finder(b"", 0, ["a.yaml"])("a.yaml") is None
