"""The record on disk: write/read round trip, YAML 1.1 traps, only safe loaders."""
from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path

import pytest
import yaml

from briefs import check as checking, record as rec
from briefs.archive import Archive
from briefs.errors import RecordError

SRC = Path(__file__).resolve().parents[1] / "src" / "briefs"

TRAPS = ["NO", "no", "No", "yes", "Yes", "on", "OFF", "y", "n", "true", "False", "null", "Null", "~", "", " ",
         "1e3", "0x1F", "012", "0o17", "1_000", ".inf", "-.nan", "12:30", "190:20:30", "2024-01-24",
         "2024-01-24T10:15:00Z", "2001", "- liste", "clé: valeur", "#commentaire", "'guillemets'", '"doubles"',
         "&ancre", "*alias", "!tag", "%directive", "@", "`", "|", ">", "? question", "{a: 1}", "[1, 2]",
         "ligne\nsuivante", "  espaces autour  ", "tab\there", "« Téhéran »", "Ḥasan Rūḥānī", "🇮🇷", "\u2028",
         "\ufeff", "\x07bell", "\x85", "\\back\\slash", "---", "...", "=", "<<"]


def full_record(**fields) -> dict:
    record = rec.new_record()
    record.update(
        id="2024-01-24-patrouchev-ahmadian", title="Nikolaï Patrouchev a reçu Ali Akbar Ahmadian à Moscou",
        published="2024-01-24", added="2026-11-23T10:15:00Z",
        source={"file": "rt-2024-01-25.txt", "url": "https://example.org/a?b=c#d",
                "sha256": hashlib.sha256(b"x").hexdigest()},
        language="fr", summary="Le secrétaire du Conseil de sécurité de la Russie ...",
        actors=[{"name": "Nikolaï Patrouchev", "role": "secrétaire du Conseil de sécurité", "country": "RU",
                 "aliases": ["Patrouchev"]},
                {"name": "Jonas Gahr Støre", "role": None, "country": "NO", "aliases": []}],
        meetings=[{"date": "2024-01-24", "date_text": "ce 24 janvier", "place": "Moscou", "kind": "rencontre",
                   "participants": ["Nikolaï Patrouchev", "Jonas Gahr Støre"]}],
        topics=list(rec.TOPICS),
        agreements=[{"name": "accord actuel", "kind": "accord", "status": "signé", "date": "2001"}],
        events=[{"what": "session", "place": "Téhéran", "start": "2026-02", "end": "2026-02-18"}],
        places=["Moscou", "Téhéran"], organizations=["BRICS"],
        quotes=[{"speaker": "Kazem Jalali", "text": "Les discussions ont principalement porté sur ..."}],
    )
    record.update(fields)
    return record


def test_write_read_round_trip(data_dir):
    archive = Archive(data_dir)
    record = full_record()
    path = archive.write(record)
    assert path.name == record["id"] + ".yaml"
    assert archive.read(path) == record
    assert list(archive.read(path)) == list(rec.FIELDS)
    assert rec.dumps(archive.read(path)) == path.read_text(encoding="utf-8")  # stable: a rewrite is a no-op


@pytest.mark.parametrize("value", TRAPS)
def test_yaml_11_traps_survive_every_reader(data_dir, value):
    """Strings stay strings for our loader AND for a plain yaml.safe_load (the scorer, other tools)."""
    record = full_record(title=value, summary=value, places=[value], organizations=[value])
    record["actors"][0]["role"] = value
    record["actors"][0]["aliases"] = [value]
    record["quotes"][0]["text"] = value
    text = rec.dumps(record)
    assert rec.loads(text) == record
    assert yaml.safe_load(text) == record
    path = Archive(data_dir).write(record)
    assert Archive(data_dir).read(path) == record


def test_country_no_and_dates_hand_written_unquoted():
    text = rec.dumps(full_record())
    text = text.replace("country: 'NO'", "country: NO").replace("published: '2024-01-24'", "published: 2024-01-24")
    text = text.replace("added: '2026-11-23T10:15:00Z'", "added: 2026-11-23T10:15:00Z")
    text = text.replace("date: '2001'", "date: '2001'")
    assert "country: NO\n" in text and "published: 2024-01-24\n" in text
    data = rec.loads(text)
    assert data["actors"][1]["country"] == "NO"
    assert data["published"] == "2024-01-24" and data["added"] == "2026-11-23T10:15:00Z"
    assert rec.validate(data) == []
    assert yaml.safe_load(text)["actors"][1]["country"] is False  # the trap we avoid


@pytest.mark.parametrize("line, value", [("title: yes", "yes"), ("title: off", "off"), ("title: true", True),
                                         ("title: ~", None), ("title: 2024", 2024), ("title: 12:30", "12:30")])
def test_only_yaml_12_booleans(line, value):
    """yes/no/on/off stay text; numbers stay numbers (and a hand-typed 12:30 is YAML 1.1's 750),
    which validation then reports as not text, on its line."""
    text = rec.dumps(full_record()).replace(
        "title: Nikolaï Patrouchev a reçu Ali Akbar Ahmadian à Moscou", line)
    data = rec.loads(text)
    assert data["title"] == value
    _, problems = checking.check_text(text, expected_id="2024-01-24-patrouchev-ahmadian")
    assert problems == ([] if value is None or isinstance(value, str) else [(3, "title must be text")])


def test_unquoted_year_as_number_is_flagged_then_fixed():
    text = rec.dumps(full_record()).replace("date: '2001'", "date: 2001")
    data, problems = checking.check_text(text, expected_id="2024-01-24-patrouchev-ahmadian")
    assert [line for line, _ in problems] == [text.splitlines().index("  date: 2001") + 1]
    fixed, notes = checking.fix_record(data)
    assert fixed["agreements"][0]["date"] == "2001" and rec.validate(fixed) == []


@pytest.mark.parametrize("payload", [
    "!!python/object/apply:os.system ['echo pwned > {marker}']",
    "!!python/object/apply:subprocess.check_output [['touch', '{marker}']]",
    "!!python/object/new:type ['x', !!python/tuple [], {{}}]",
    "!!python/name:os.system",
    "!!python/module:os",
])
def test_python_tags_are_rejected(tmp_path, data_dir, payload):
    marker = tmp_path / "pwned"
    text = rec.dumps(full_record()).replace("summary: Le secrétaire", "summary: " + payload.format(marker=marker) + "\nx: Le")
    with pytest.raises(yaml.YAMLError):
        rec.loads(text)
    data_dir.mkdir()
    path = data_dir / "2024-01-24-patrouchev-ahmadian.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RecordError, match="cannot read record"):
        Archive(data_dir).read(path)
    _, problems = checking.check_text(text)
    assert problems and "tag" in problems[0][1]
    assert not marker.exists()


def test_alias_bomb_is_cheap():
    bomb = "a: &a ['x','x','x','x','x','x','x','x','x']\n"
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        bomb += f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
    bomb += "title: *i\ntopics: *i\n"
    start = time.monotonic()
    data, problems = checking.check_text(bomb)
    assert problems and time.monotonic() - start < 5


def test_only_safe_loaders_read_yaml():
    """No module may parse YAML with a loader that can build Python objects."""
    unsafe = re.compile(r"yaml\.(?:unsafe_load|full_load|load_all)\b|Loader\s*=\s*yaml\.(?:Loader|FullLoader|UnsafeLoader|CLoader|CFullLoader|CUnsafeLoader)\b|yaml\.load\((?![^)]*Loader=(?:rec\.)?RecordLoader)")
    offenders = []
    for path in SRC.rglob("*.py"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if unsafe.search(line):
                offenders.append(f"{path.relative_to(SRC)}:{n}: {line.strip()}")
    assert offenders == []
    assert issubclass(rec.RecordLoader, (yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)))


def test_yaml11_numbers_stay_text():
    from briefs import record as rec

    data = rec.loads("a: 12:30\nb: 0x1F\nd: 42\ne: -1.5e+3\nf: 1e3\ng: 0129\nh: 0\n")
    assert data == {"a": "12:30", "b": "0x1F", "d": 42, "e": -1500.0, "f": "1e3", "g": "0129", "h": 0}


def test_all_digit_sha256_round_trips():
    from briefs import record as rec

    r = rec.new_record()
    r.update(id="x", source={"file": "a.txt", "url": None, "sha256": "0" + "9" * 63})
    assert rec.loads(rec.dumps(r))["source"]["sha256"] == "0" + "9" * 63
