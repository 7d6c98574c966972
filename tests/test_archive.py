"""The archive folder: atomic writes, write failures, locking, ids, dedup, reading."""
from __future__ import annotations

import errno
import os
import stat
import threading
import time

import pytest

from conftest import make_record
from briefs import record as rec
from briefs.archive import LOCK_FILE, TMP_PREFIX, Archive, base_id, check_id, slug
from briefs.errors import BriefsError, RecordError, UsageError


@pytest.fixture
def archive(data_dir) -> Archive:
    return Archive(data_dir)


def test_add_write_read_round_trip(archive):
    result = archive.add(make_record(1))
    assert result.added and result.id == "2024-01-24-patrouchev-ahmadian"
    got = archive.get(result.id)
    assert got == {**make_record(1), "id": result.id}
    assert archive.ids() == [result.id]
    assert sorted(os.listdir(archive.root)) == sorted([LOCK_FILE, result.id + ".yaml"])


def test_record_files_are_readable_by_others(archive):
    path = archive.root / (archive.add(make_record(1)).id + ".yaml")
    mode = stat.S_IMODE(path.stat().st_mode)
    assert mode & 0o044 == 0o044 & ~_umask(), oct(mode)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_same_text_twice_changes_nothing(archive):
    first = archive.add(make_record(1))
    again = archive.add(make_record(1, title="autre titre"))
    assert not again.added and again.id == first.id
    assert len(archive.ids()) == 1


def test_clashing_ids_get_suffixes(archive):
    ids = [archive.add(make_record(n)).id for n in range(4)]
    base = "2024-01-24-patrouchev-ahmadian"
    assert ids == [base, base + "-2", base + "-3", base + "-4"]


def test_base_id_fallbacks():
    assert base_id(make_record(meetings=[])) == "2024-01-24-patrouchev-ahmadian"
    assert base_id(make_record(meetings=[], published=None, actors=[])) == "undated"
    assert base_id(make_record(meetings=[{"date": None, "participants": ["Sergueï Lavrov"]}], published="2025-02")) \
        == "2025-02-patrouchev-ahmadian"
    assert base_id(make_record(published="—", meetings=[], actors=[{"name": "Ali Lar!jani"}])) == "lar-jani"
    assert base_id(make_record(published="—", meetings=[], actors=[{"name": "?"}])) == "undated"
    assert slug("Téhéran / Moscou ; rm -rf ..") == "teheran-moscou-rm-rf"


@pytest.mark.parametrize("bad", ["..", "../x", "a/b", "/etc/passwd", "x;rm -rf", "$(id)", "`id`", "A-B", "", "a b",
                                 "a\nb", "a--b", "-a", "é"])
def test_check_id_refuses_paths_and_shell_characters(archive, bad):
    with pytest.raises(UsageError):
        check_id(bad)
    with pytest.raises(UsageError):
        archive.path_of(bad)
    with pytest.raises(UsageError):
        archive.resolve(bad)


def test_hand_edit_changes_sha_cache(archive):
    rid = archive.add(make_record(1)).id
    assert archive.shas() == {make_record(1)["source"]["sha256"]: rid}
    # Another program replaces the file (new inode) with another text's sha.
    record = archive.get(rid)
    record["source"]["sha256"] = make_record(2)["source"]["sha256"]
    archive.write(record)
    assert archive.shas() == {make_record(2)["source"]["sha256"]: rid}
    assert not archive.add(make_record(2)).added


def test_flow_style_sha_is_still_found(archive):
    record = make_record(5, id="2024-01-24-x")
    text = rec.dumps(record).replace(
        f"source:\n  file: t5.txt\n  url: null\n  sha256: {record['source']['sha256']}\n",
        f"source: {{file: t5.txt, url: null, sha256: {record['source']['sha256']}}}\n")
    assert "{file" in text
    (archive.root).mkdir(parents=True)
    (archive.root / "2024-01-24-x.yaml").write_text(text, encoding="utf-8")
    assert archive.read(archive.root / "2024-01-24-x.yaml")["source"]["sha256"] == record["source"]["sha256"]
    assert archive.add(make_record(5)).id == "2024-01-24-x"


def test_failed_write_keeps_old_version_and_leaves_no_temporary(archive, monkeypatch):
    rid = archive.add(make_record(1)).id
    before = (archive.root / (rid + ".yaml")).read_bytes()

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(RecordError, match="No space left on device"):
        archive.write({**archive.get(rid), "title": "nouveau"})
    assert (archive.root / (rid + ".yaml")).read_bytes() == before
    assert not list(archive.root.glob(TMP_PREFIX + "*"))
    with pytest.raises(RecordError, match="No space left"):
        archive.add(make_record(2))
    assert archive.ids() == [rid]


def test_failed_rename_keeps_old_version(archive, monkeypatch):
    rid = archive.add(make_record(1)).id
    before = (archive.root / (rid + ".yaml")).read_bytes()
    monkeypatch.setattr(os, "replace", lambda a, b: (_ for _ in ()).throw(OSError(errno.EIO, "Input/output error")))
    with pytest.raises(RecordError, match="Input/output error"):
        archive.write({**archive.get(rid), "title": "nouveau"})
    assert (archive.root / (rid + ".yaml")).read_bytes() == before
    assert not list(archive.root.glob(TMP_PREFIX + "*"))


def test_write_refuses_an_invalid_record(archive):
    with pytest.raises(RecordError, match="unknown topic"):
        archive.write(make_record(1, id="2024-01-24-x", topics=["politique"]))
    assert archive.ids() == []
    with pytest.raises(UsageError):
        archive.write(make_record(1, id="../../etc/x"))
    archive.write(make_record(1, id="2024-01-24-x", topics=["politique"]), validate=False)
    assert archive.ids() == ["2024-01-24-x"]


def test_temporary_files_are_ignored_then_cleaned(archive):
    archive.add(make_record(1))
    (archive.root / (TMP_PREFIX + "abc.part")).write_text("schema: 1\nid: half-writ", encoding="utf-8")
    (archive.root / ".hidden.yaml").write_text("x: [", encoding="utf-8")
    assert len(archive.paths()) == 1
    assert len(list(archive.records())) == 1
    assert archive.clean_temporary() == 1
    assert not list(archive.root.glob(TMP_PREFIX + "*"))
    (archive.root / (TMP_PREFIX + "def.part")).write_text("", encoding="utf-8")
    Archive(archive.root).add(make_record(2))  # the first add of a run cleans too
    assert not list(archive.root.glob(TMP_PREFIX + "*"))


def test_lock_is_exclusive_and_reentrant(archive):
    order = []
    other = Archive(archive.root)

    def contender():
        with other.locked():
            order.append("other")

    with archive.locked():
        with archive.locked():  # nested: no self-deadlock
            t = threading.Thread(target=contender)
            t.start()
            time.sleep(0.2)
            order.append("me")
    t.join(5)
    assert order == ["me", "other"]


def test_lock_file_deleted_meanwhile(archive):
    with archive.locked():
        pass
    (archive.root / LOCK_FILE).unlink()
    with archive.locked():
        assert (archive.root / LOCK_FILE).exists()


def test_data_dir_is_a_file(tmp_path):
    (tmp_path / "afile").write_text("x")
    archive = Archive(tmp_path / "afile")
    with pytest.raises(BriefsError, match="not a folder"):
        archive.add(make_record(1))
    assert archive.paths() == []


def test_read_only_data_dir(data_dir, monkeypatch):
    """A folder we may not write to (simulated: root ignores permission bits) is one clear error."""
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(data_dir))

    data_dir.mkdir()
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(BriefsError, match="Permission denied"):
        Archive(data_dir).add(make_record(1))
    assert list(data_dir.glob("*.yaml")) == []


def test_records_skip_invalid_ones_through_on_error(archive):
    rid = archive.add(make_record(1)).id
    (archive.root / "2024-01-01-bad.yaml").write_text("schema: 1\nid: [", encoding="utf-8")
    (archive.root / "2024-01-02-tag.yaml").write_text("!!python/object/apply:os.system ['touch pwned']\n", encoding="utf-8")
    (archive.root / "2024-01-03-latin.yaml").write_bytes("title: é".encode("latin-1"))
    errors = []
    got = list(archive.records(on_error=errors.append))
    assert [r["id"] for r in got] == [rid]
    assert len(errors) == 3 and all(isinstance(e, RecordError) for e in errors)
    assert not os.path.exists("pwned")
    with pytest.raises(RecordError):
        list(archive.records())


def test_resolve_prefix(archive):
    a = archive.add(make_record(1)).id
    b = archive.add(make_record(2)).id
    assert archive.resolve(a) == a and archive.resolve(b) == b
    with pytest.raises(UsageError, match="ambiguous"):
        archive.resolve("2024-01")
    with pytest.raises(UsageError, match="no brief"):
        archive.resolve("1999")


def test_remove(archive):
    rid = archive.add(make_record(1)).id
    archive.remove(rid)
    assert archive.ids() == []
    with pytest.raises(UsageError):
        archive.remove(rid)
