"""The sqlite index answers exactly like the plain scan of `briefs.query`, and follows the files."""
from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from briefs import index, query, record as rec
from briefs.archive import Archive
from briefs.cli import cli

SHA = "a" * 63  # all-digit hashes trip the loader (see the report)

NAMES = ["Ali Larijani", "Sergueï Lavrov", "Hossein Amir-Abdollahian", "Mohammad Javad Zarif", "Élise O'Neil",
         "Jean-Yves Le Drian", "ALI", "Kassym-Jomart Tokaïev", "Dmitri Peskov"]
ALIASES = ["Larijani", "Lavrov", "Amir-Abdollahian", "Zarif", "O’Neil", "Le Drian", "Tokaïev", "Peskov"]
PLACES = ["Moscou", "Téhéran", "Saint-Pétersbourg", "Bandar-Abbas", "bandar abbas", "Genève", "New York"]
WORDS = ["sécurité", "l'information", "Coopération", "énergétique", "(PAGC/JCPOA)", "cœur", "Straße", "nucléaire",
         "Nord-Sud", "«accord»", "économie", "2024", "x", "Moscou", "Téhéran", "İstanbul", "ﬁnance", "a-b"]
COUNTRIES = ["RU", "IR", "US", None]

ACTOR_Q = ["larijani", "LARIJANI", "Ali", "ali larijani", "larijani ali", "amir abdollahian", "Amir-Abdollahian",
           "abdollahian", "o'neil", "O Neil", "oneil", "le", "sergueï", "serguei", "lavrov sergueï", "-", "peskov dmitri x"]
TOPIC_Q = list(rec.TOPICS[:5]) + ["NUCLEAIRE", "bogus"]
PLACE_Q = ["moscou", "MOSCOU", "teheran", "Saint Pétersbourg", "bandar abbas", "bandar-abbas", "geneve", "york", "-"]
COUNTRY_Q = ["ru", "IR", "us", "FR"]
AGREEMENT_Q = ["accord", "sign", "mémo", "memo", "en vigueur", "a", "-", "traite", "coop"]
TEXT_Q = ["secu", "SÉCURITÉ", "l'inf", "inf", "(pagc", "pagc", "cœ", "coe", "strasse", "nord sud", "«acc", "acc",
          "2024", "écono x", "istanbul", "fin", "a b", "-", "t"]


def dates(min_year: int = 1999) -> st.SearchStrategy:
    return st.one_of(
        st.none(),
        st.integers(min_year, 2026).map(str),
        st.tuples(st.integers(min_year, 2026), st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
        st.tuples(st.integers(min_year, 2026), st.integers(1, 12), st.integers(1, 28)).map(
            lambda t: f"{t[0]}-{t[1]:02d}-{t[2]:02d}"),
    )


def text_of(draw, n: int) -> str:
    return " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=n)))


@st.composite
def records(draw) -> dict:
    r = rec.new_record()
    names = draw(st.lists(st.sampled_from(NAMES), max_size=3, unique=True))
    r["actors"] = [{"name": n, "role": draw(st.one_of(st.none(), st.just(text_of(draw, 3)))),
                    "country": draw(st.sampled_from(COUNTRIES)),
                    "aliases": draw(st.lists(st.sampled_from(ALIASES), max_size=2, unique=True))} for n in names]
    r["meetings"] = [{"date": draw(dates()), "date_text": None, "place": draw(st.one_of(st.none(), st.sampled_from(PLACES))),
                      "kind": draw(st.sampled_from(rec.MEETING_KINDS)), "participants": names[:2]}
                     for _ in range(draw(st.integers(0, 2)))]
    r["events"] = [{"what": text_of(draw, 3) or "session", "place": draw(st.one_of(st.none(), st.sampled_from(PLACES))),
                    "start": draw(dates()), "end": None} for _ in range(draw(st.integers(0, 1)))]
    r["agreements"] = [{"name": text_of(draw, 3) or "accord", "kind": draw(st.one_of(st.none(), st.sampled_from(rec.AGREEMENT_KINDS))),
                        "status": draw(st.one_of(st.none(), st.sampled_from(rec.AGREEMENT_STATUSES))), "date": None}
                       for _ in range(draw(st.integers(0, 2)))]
    r["topics"] = draw(st.lists(st.sampled_from(rec.TOPICS), max_size=3, unique=True))
    r["places"] = draw(st.lists(st.sampled_from(PLACES), max_size=2, unique=True))
    r["organizations"] = draw(st.lists(st.sampled_from(["BRICS", "AIEA", "Organisation de coopération de Shanghai"]), max_size=2))
    r["quotes"] = [{"speaker": names[0], "text": text_of(draw, 6) or "mot"} for _ in range(draw(st.integers(0, 1))) if names]
    r["title"] = draw(st.one_of(st.none(), st.just(text_of(draw, 5))))
    r["summary"] = draw(st.one_of(st.none(), st.just(text_of(draw, 8))))
    r["published"] = draw(dates())
    r["source"] = {"file": "t.txt", "url": None, "sha256": SHA + draw(st.sampled_from("0123456789abcdef"))}
    return r


@st.composite
def filters(draw) -> query.Filters:
    def maybe(values):
        return draw(st.one_of(st.none(), st.sampled_from(values)))

    since, until = draw(dates(1998)), draw(dates(1998))
    return query.Filters(
        actor=maybe(ACTOR_Q), topic=maybe(TOPIC_Q), place=maybe(PLACE_Q), country=maybe(COUNTRY_Q),
        agreement=maybe(AGREEMENT_Q), text=maybe(TEXT_Q),
        since=query.period(since)[0] if since and draw(st.booleans()) else None,
        until=query.period(until)[1] if until and draw(st.booleans()) else None,
    )


BROKEN = {
    "bad-yaml.yaml": "schema: 1\nid: [unclosed\n",
    "wrong-id.yaml": None,  # a valid record under another file name
    "bad-topic.yaml": None,
}


def write_archive(root: Path, recs: list[dict], broken: bool) -> Archive:
    archive = Archive(root)
    for i, r in enumerate(recs):  # the writer's format, without its per-file fsync
        r = dict(r, id=f"2020-01-01-b{i}")
        assert not rec.validate(r, r["id"])
        (root / f"{r['id']}.yaml").write_text(rec.dumps(r), encoding="utf-8")
    if broken and recs:
        (root / "bad-yaml.yaml").write_text("schema: 1\nid: [unclosed\n", encoding="utf-8")
        (root / "wrong-id.yaml").write_text(rec.dumps(dict(recs[0], id="2020-01-01-other")), encoding="utf-8")
        (root / "bad-topic.yaml").write_text(rec.dumps(dict(recs[0], id="bad-topic", topics=["cuisine"])), encoding="utf-8")
    return archive


def plain(root: Path, f: query.Filters, limit: int | None = None) -> list[str]:
    return [r["id"] for r in query.select(Archive(root).records(on_error=lambda e: None), f, limit)]


def indexed(idx: index.Index, f: query.Filters, limit: int | None = None) -> list[str]:
    return [r.id for r in idx.select(f, limit)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(recs=st.lists(records(), max_size=12), questions=st.lists(filters(), min_size=1, max_size=12),
       broken=st.booleans(), limit=st.one_of(st.none(), st.integers(1, 5)))
def test_index_agrees_with_plain_scan(recs, questions, broken, limit):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_archive(root, recs, broken)
        idx = index.open_index(root)
        scanned = list(Archive(root).records(on_error=lambda e: None))  # the plain scan, read once
        try:
            assert idx.path is not None
            for f in questions:
                assert indexed(idx, f, limit) == [r["id"] for r in query.select(scanned, f, limit)], f
            assert {Path(p).name for p, _ in idx.problems()} == ({"bad-yaml.yaml", "wrong-id.yaml", "bad-topic.yaml"}
                                                                  if broken and recs else set())
        finally:
            idx.close()


@settings(max_examples=40, deadline=None)
@given(r=records(), f=filters())
def test_single_record_filters_agree_with_matches(r, f):
    """Every filter, one record at a time: the index says yes exactly when `query.matches` does."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_archive(root, [r], broken=False)
        idx = index.open_index(root)
        try:
            stored = Archive(root).read(root / "2020-01-01-b0.yaml")
            for one in [f, *(query.Filters(**{k: v}) for k, v in f._asdict().items() if v)]:
                assert bool(indexed(idx, one)) == query.matches(stored, one), one
        finally:
            idx.close()


# --- following the files -------------------------------------------------------


def sample(i: int, **kw) -> dict:
    r = rec.new_record()
    r.update(id=f"2024-01-{i:02d}-s", title=f"Brief {i}", published=f"2024-01-{i:02d}",
             source={"file": "x.txt", "url": None, "sha256": f"{i:063x}f"},
             actors=[{"name": "Ali Larijani", "role": None, "country": "IR", "aliases": ["Larijani"]}],
             topics=["securite"], summary="La sécurité de l'information et la coopération énergétique.")
    r.update(kw)
    return r


@pytest.fixture
def archive(data_dir) -> Archive:
    a = Archive(data_dir)
    for i in range(1, 6):
        a.write(sample(i))
    return a


def ids(root: Path, **kw) -> list[str]:
    idx = index.open_index(root)
    try:
        return indexed(idx, query.Filters(**kw))
    finally:
        idx.close()


def test_edits_deletions_new_and_invalid_files_are_picked_up(archive, data_dir):
    assert ids(data_dir, topic="securite") == [f"2024-01-{i:02d}-s" for i in range(5, 0, -1)]
    assert (data_dir / index.INDEX_FILE).is_file()
    # a hand edit (in place, not a rename), a deletion, a new file, a broken file
    path = data_dir / "2024-01-03-s.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("- securite", "- nucleaire"), encoding="utf-8")
    (data_dir / "2024-01-04-s.yaml").unlink()
    archive.write(sample(9, topics=["nucleaire"]))
    (data_dir / "2024-01-02-s.yaml").write_text("schema: 1\nid: 2024-01-02-s\ntopics: [\n", encoding="utf-8")
    assert ids(data_dir, topic="securite") == ["2024-01-05-s", "2024-01-01-s"]
    assert ids(data_dir, topic="nucleaire") == ["2024-01-09-s", "2024-01-03-s"]
    idx = index.open_index(data_dir)
    assert [Path(p).name for p, _ in idx.problems()] == ["2024-01-02-s.yaml"]
    idx.close()
    # repaired again
    archive.write(sample(2))
    assert ids(data_dir, topic="securite") == ["2024-01-05-s", "2024-01-02-s", "2024-01-01-s"]


def test_same_size_edit_right_after_indexing_is_not_missed(archive, data_dir):
    """A file changed again within the clock's granularity keeps its size and mtime: it is re-read anyway."""
    path = data_dir / "2024-01-03-s.yaml"
    assert "2024-01-03-s" in ids(data_dir, actor="larijani")
    st_ = path.stat()
    text = path.read_text(encoding="utf-8").replace("Larijani", "Larijoni")
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(st_.st_atime_ns, st_.st_mtime_ns))
    assert path.stat().st_size == st_.st_size
    assert "2024-01-03-s" not in ids(data_dir, actor="larijani")
    assert ids(data_dir, actor="larijoni") == ["2024-01-03-s"]


def test_unchanged_files_are_not_read_again_but_still_warned_about(archive, data_dir, monkeypatch):
    (data_dir / "zz-broken.yaml").write_text("not: [valid\n", encoding="utf-8")
    index.open_index(data_dir).close()
    old = time_shift(data_dir)  # out of the racy window: files look old
    assert old
    index.open_index(data_dir).close()  # re-reads the racy ones once, now settled
    calls = []
    real = index.read_file
    monkeypatch.setattr(index, "read_file", lambda root, name: calls.append(name) or real(root, name))
    idx = index.open_index(data_dir)
    assert calls == []
    assert [Path(p).name for p, _ in idx.problems()] == ["zz-broken.yaml"]
    idx.close()
    (data_dir / "2024-01-01-s.yaml").unlink()
    index.open_index(data_dir).close()
    assert calls == []


def time_shift(root: Path) -> int:
    """Set every record file's mtime a minute back (as if written long ago)."""
    n = 0
    for p in root.glob("*.yaml"):
        st_ = p.stat()
        os.utime(p, ns=(st_.st_atime_ns, st_.st_mtime_ns - 60_000_000_000))
        n += 1
    return n


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "old-version", "future-version", "dropped-table"])
def test_damaged_index_is_rebuilt_from_the_files(archive, data_dir, damage):
    assert len(ids(data_dir, actor="larijani")) == 5
    path = data_dir / index.INDEX_FILE
    for suffix in ("-wal", "-shm"):
        assert not (data_dir / (index.INDEX_FILE + suffix)).exists() or True
    if damage == "garbage":
        path.write_bytes(b"this is not a database" * 100)
    elif damage == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[:len(data) // 3])
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        conn = sqlite3.connect(path)
        if damage == "dropped-table":
            conn.execute("DROP TABLE topics")
        else:
            conn.execute(f"PRAGMA user_version={0 if damage == 'old-version' else index.VERSION + 1}")
        conn.commit()
        conn.close()
    (data_dir / "2024-01-02-s.yaml").unlink()
    assert ids(data_dir, actor="larijani") == ["2024-01-05-s", "2024-01-04-s", "2024-01-03-s", "2024-01-01-s"]
    assert ids(data_dir, topic="securite", text="inform")[-1] == "2024-01-01-s"
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == index.VERSION
    conn.close()


def test_locked_out_index_answers_from_the_files(archive, data_dir, monkeypatch):
    index.open_index(data_dir).close()
    archive.write(sample(7))
    monkeypatch.setattr(index, "BUSY_TIMEOUT_S", 0.1)
    blocker = sqlite3.connect(data_dir / index.INDEX_FILE, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        idx = index.open_index(data_dir)
        assert idx.path is None  # in memory, from the files
        assert indexed(idx, query.Filters(actor="larijani"))[0] == "2024-01-07-s"
        idx.close()
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert ids(data_dir, actor="larijani")[0] == "2024-01-07-s"


def test_missing_folder_gives_nothing(tmp_path):
    idx = index.open_index(tmp_path / "nowhere")
    assert indexed(idx, query.Filters()) == []
    assert not (tmp_path / "nowhere").exists()


# --- text search ------------------------------------------------------------------


@pytest.mark.parametrize("words, found", [
    ("securite", True), ("SÉCURITÉ", True), ("sécu", True), ("l'information", True), ("information", True),
    ("infor secu", True), ("coopération énergétique", True), ("ecurite", False), ("cooperations", False),
    ("larijani", True), ("lari", True), ("cœur", False), ("", True),
])
def test_text_search_ignores_accents_and_case(data_dir, words, found):
    Archive(data_dir).write(sample(1))
    stored = Archive(data_dir).read(data_dir / "2024-01-01-s.yaml")
    f = query.Filters(text=words or None)
    assert query.matches(stored, f) is found
    assert bool(ids(data_dir, text=words or None)) is found


def test_text_search_spelling_is_prefix_exact():
    spelled = index.fts_spelling(query.fold("(PAGC/JCPOA) cœur İstanbul"))
    assert set(spelled) <= set("abcdefghijklmnopqrstuvwxyz0123456789_ ")
    assert not index.fts_spelling("(pagc").startswith(index.fts_spelling("pagc"))


# --- the command line -------------------------------------------------------------


def test_cli_list_uses_the_index_and_warns_each_time(runner, archive, data_dir):
    (data_dir / "zz-broken.yaml").write_text("not: [valid\n", encoding="utf-8")
    for _ in range(2):
        result = runner.invoke(cli, ["list", "--text", "SÉCU", "--format", "ids"])
        assert result.exit_code == 0, result.output
        assert result.stdout.split() == [f"2024-01-{i:02d}-s" for i in range(5, 0, -1)]
        assert "skipped" in result.stderr and "zz-broken.yaml" in result.stderr
    assert (data_dir / index.INDEX_FILE).is_file()
    result = runner.invoke(cli, ["list", "--actor", "larijani", "--limit", "2"])
    assert result.stdout.splitlines()[0].split("\t")[:2] == ["2024-01-05", "2024-01-05-s"]
    result = runner.invoke(cli, ["list", "--actor", "larijani", "--limit", "1", "--format", "json"])
    assert '"summary": "La sécurité' in result.stdout
    result = runner.invoke(cli, ["list", "--format", "csv", "--limit", "1"])
    assert result.stdout.splitlines() == ["date,id,actors,topics,place", "2024-01-05,2024-01-05-s,Ali Larijani,securite,"]


def test_cli_reindex(runner, archive, data_dir):
    result = runner.invoke(cli, ["reindex"])
    assert result.exit_code == 0, result.output
    assert "indexed 5 briefs" in result.stdout
    result = runner.invoke(cli, ["reindex", "--data-dir", str(data_dir / "none")])
    assert result.exit_code == 1


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=30) | st.sampled_from(WORDS + NAMES + PLACES))
def test_fast_fold_is_query_fold(s):
    assert index.fold(s) == query.fold(s)


# --- whole records and the summary from the index ------------------------------------


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(recs=st.lists(records(), max_size=10), broken=st.booleans())
def test_index_records_and_summary_equal_the_files(recs, broken):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_archive(root, recs, broken)
        files = list(Archive(root).records(on_error=lambda e: None))
        idx = index.open_index(root)
        try:
            rows = idx.select(query.Filters())
            assert idx.records(rows) == query.select(files, query.Filters())
            assert idx.records(rows[:2]) == query.select(files, query.Filters())[:2]
            for f in (query.Filters(), query.Filters(topic=rec.TOPICS[0]), query.Filters(actor="larijani")):
                assert list(idx.select_records(f, lazy=True)) == idx.select_records(f) == query.select(files, f)
            assert idx.summary() == query.archive_summary(files)
        finally:
            idx.close()


def test_record_json_cannot_give_back_is_read_from_its_file(archive, data_dir, monkeypatch):
    real = index.pack
    monkeypatch.setattr(index, "pack", lambda r, plain=False: real(r)[:2] + (False,))
    idx = index.open_index(data_dir)
    try:
        assert idx.records(idx.select(query.Filters(), limit=1)) == [archive.get("2024-01-05-s")]
        assert idx.select_records(query.Filters())[0] == archive.get("2024-01-05-s")
        (data_dir / "2024-01-04-s.yaml").write_text("broken: [\n", encoding="utf-8")  # after the refresh
        errors = []
        assert [r["id"] for r in idx.select_records(query.Filters(), on_error=errors.append)] == [
            "2024-01-05-s", "2024-01-03-s", "2024-01-02-s", "2024-01-01-s"]
        assert len(errors) == 1
    finally:
        idx.close()


def test_in_place_edit_of_the_same_size_is_seen_and_leaves_nothing_behind(archive, data_dir):
    index.open_index(data_dir).close()
    time_shift(data_dir)  # files look old: out of the racy window
    assert len(ids(data_dir, actor="larijani", text="secu")) == 5
    path = data_dir / "2024-01-03-s.yaml"
    size = path.stat().st_size
    with open(path, "r+", encoding="utf-8") as f:  # in place: same inode, same size
        text = f.read().replace("Larijani", "Larijoni").replace("securite", "economie")
        f.seek(0)
        f.write(text)
    assert path.stat().st_size == size
    assert ids(data_dir, actor="larijoni") == ["2024-01-03-s"]
    assert "2024-01-03-s" not in ids(data_dir, actor="larijani") + ids(data_dir, topic="securite")
    assert ids(data_dir, topic="economie") == ["2024-01-03-s"]
    (data_dir / "2024-01-04-s.yaml").unlink()
    idx = index.open_index(data_dir)
    try:
        c = idx.conn
        rids = {r for (r,) in c.execute("SELECT rid FROM briefs WHERE error IS NULL")}
        for table in index.DETAIL_TABLES:
            assert {r for (r,) in c.execute(f"SELECT rid FROM {table}")} == (set() if table == "places" else rids), table
        assert {r for (r,) in c.execute("SELECT id FROM fts_docsize")} == rids
        assert idx.records(idx.select(query.Filters(topic="economie")))[0]["actors"][0]["name"] == "Ali Larijoni"
        assert sorted(idx.conn.execute("SELECT name FROM actors")) == [("Ali Larijani",), ("Ali Larijoni",)]
    finally:
        idx.close()


def test_split_stat_pass_gives_the_same_listing(archive, data_dir, monkeypatch):
    (data_dir / "sub.yaml").mkdir()  # not a regular file: not a record
    (data_dir / ".hidden.yaml").write_text("x", encoding="utf-8")
    names, nums = index.scan(data_dir)
    monkeypatch.setattr(index, "SPLIT_STAT_MIN", 1)
    monkeypatch.setattr(index.os, "cpu_count", lambda: 2)
    assert index.scan(data_dir) == (names, nums)
    assert sorted(names) == [f"2024-01-{i:02d}-s.yaml" for i in range(1, 6)]
    assert ids(data_dir, topic="securite")[0] == "2024-01-05-s"


def test_cli_show_and_export_answer_from_the_index(runner, archive, data_dir, monkeypatch):
    import json

    (data_dir / "zz-broken.yaml").write_text("not: [valid\n", encoding="utf-8")
    expected = query.archive_summary(list(archive.records(on_error=lambda e: None)))
    time_shift(data_dir)  # out of the racy window: nothing to read again
    index.open_index(data_dir).close()
    monkeypatch.setattr(Archive, "read", lambda self, path: pytest.fail(f"read {path}"))
    result = runner.invoke(cli, ["show", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads(json.dumps(expected))
    assert "zz-broken.yaml" in result.stderr
    result = runner.invoke(cli, ["export", "--format", "jsonl", "--topic", "securite"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [f"2024-01-{i:02d}-s" for i in range(5, 0, -1)]


# --- the quick libyaml reader ----------------------------------------------

TRICKY = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["null", "~", "", "true", "False", "NO", "yes", "12", "-3", "0129", "1.5", ".inf", "-.5e+3", "12:30",
                     "2024-01-02", "=", "<<", "- x", "-x", "a: b", "a #b", "#x", "x:", "'q'", '"q"', "[]", "{}", "[a]",
                     "&a", "*a", "!x", "|", ">", "%x", "@x", "`x", "? x", ": x", " lead", "trail ", "l'a", "a\tb",
                     "a\nb", "\u2028", "\x85", "\ufeff", "é", "\x7f", "x\r"]),
)
VALUES = st.recursive(st.one_of(TRICKY, st.integers(-5, 5), st.none(), st.booleans(), st.floats(allow_nan=False)),
                      lambda inner: st.one_of(st.lists(inner, max_size=3),
                                              st.dictionaries(st.from_regex(r"[a-z_]{1,6}", fullmatch=True) | TRICKY,
                                                              inner, max_size=3)),
                      max_leaves=12)


def loads_or_error(text: str):
    try:
        return True, rec.loads(text)
    except Exception:  # noqa: BLE001
        return False, None


@settings(max_examples=400, deadline=None)
@given(data=st.dictionaries(st.from_regex(r"[a-z_]{1,8}", fullmatch=True), VALUES, min_size=1, max_size=5)
       | records(), cut=st.integers(0, 10_000), junk=TRICKY | st.sampled_from(["\n", " ", "- ", ": ", "'", "\n-"]))
def test_quick_reader_reads_like_the_record_loader(data, cut, junk):
    text = rec.dumps(data)
    assert loads_or_error(text) == (True, index.quick_loads(text))
    cut %= len(text) + 1
    text = text[:cut] + junk + text[cut:]
    try:
        got = index.quick_loads(text)
    except Exception:  # noqa: BLE001 - left to the full loader
        return
    assert loads_or_error(text) == (True, got)


def test_load_record_falls_back_to_the_archive_reader(data_dir):
    a = Archive(data_dir)
    a.write(sample(1))
    path = data_dir / "2024-01-01-s.yaml"
    assert index.load_record(str(data_dir), path.name) == (a.get("2024-01-01-s"), True)
    path.write_text(path.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    assert index.load_record(str(data_dir), path.name) == (a.get("2024-01-01-s"), True)
    path.write_text(path.read_text(encoding="utf-8").replace("title: Brief 1", "title: [Brief"), encoding="utf-8")
    name, derived, reason = index.read_file(str(data_dir), path.name)
    assert derived is None and reason


def test_lazy_records_build_each_record_when_reached(archive, data_dir):
    idx = index.open_index(data_dir)
    try:
        rows = idx.select(query.Filters())
        lazy = idx.records(rows, lazy=True)
        assert len(lazy) == 5 and bool(lazy)
        assert list(lazy) == idx.records(rows) == [archive.get(r.id) for r in rows]
        assert lazy[1] == archive.get(rows[1].id) and lazy[-2:] == [archive.get(r.id) for r in rows[-2:]]
    finally:
        idx.close()


@pytest.mark.parametrize("value, plain", [("3", True), ("-0.5", True), ("null", True), ("true", True),
                                          (".nan", False), (".inf", False), ("!!binary aGk=", False)])
def test_quick_reader_says_when_json_would_not_give_a_value_back(value, plain):
    got, is_plain = index.quick_loads_plain(f"a: x\nb: [1, {value}]\n")
    assert is_plain is plain
    if plain:  # then the JSON round trip pack() skips would indeed give the value back
        assert index.unpack(index.pack(got, True)[0]) == got


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(), st.integers(), st.none(), st.lists(st.text(max_size=3), max_size=2)), max_size=5))
def test_stored_name_lists_read_back_as_json_gives_them(items):
    import json

    stored = json.dumps(items, ensure_ascii=False)
    assert index._names(stored) == items


@pytest.mark.parametrize("items", [['Mohammad "Baqer" Qalibaf'], ["a\\b", "c"], ['x", "y'], ["A", 1, "B"], [], [""]])
def test_stored_name_lists_with_quotes_escapes_and_non_strings(items):
    import json

    assert index._names(json.dumps(items, ensure_ascii=False)) == items
