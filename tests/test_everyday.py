"""briefs actors / timeline / export / rm, output modes and shell completion.

Archives are written here by hand through the real Archive writer, so these
tests do not depend on how well the extractor does.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import sys

import pytest

from briefs import record as rec, stats
from briefs.archive import Archive
from briefs.cli import cli

ANSI_COLOR = re.compile(r"\x1b\[[0-9;]*3[0-9](;[0-9]+)*m|\x1b\[[0-9;]*38;")


def make(published, actors=(), meetings=(), topics=(), title=None, places=()):
    """A valid record: actors as (name, country, role, aliases), meetings as (date, place, kind, participants)."""
    r = rec.new_record()
    r["id"] = "x"
    r["published"] = published
    r["title"] = title or f"brief of {published}"
    r["added"] = "2026-01-01T00:00:00Z"
    r["actors"] = [{"name": n, "role": role, "country": c, "aliases": list(al)} for n, c, role, al in actors]
    r["meetings"] = [{"date": d, "date_text": None, "place": p, "kind": k, "participants": list(ps)}
                     for d, p, k, ps in meetings]
    r["topics"] = list(topics)
    r["places"] = list(places)
    r["source"] = {"file": "t.txt", "url": None,
                   "sha256": hashlib.sha256(json.dumps([published, title, actors, meetings]).encode()).hexdigest()}
    return r


LARIJANI = ("Ali Larijani", "IR", "secrétaire du Conseil suprême", ["Larijani"])
POUTINE = ("Vladimir Poutine", "RU", "président russe", ["Poutine"])
LAVROV = ("Sergueï Lavrov", "RU", "ministre des Affaires étrangères", ["Lavrov"])
ARAGHCHI = ("Abbas Araghchi", "IR", "ministre iranien des Affaires étrangères", ["Araghchi"])


@pytest.fixture
def archive(data_dir):
    a = Archive(data_dir)
    records = [
        make("2026-01-31", [LARIJANI, POUTINE], [("2026-01-30", "Moscou", "visite", ["Ali Larijani", "Poutine"])],
             ["securite", "diplomatie"], title="Larijani à Moscou"),
        make("2025-04-20", [ARAGHCHI, LAVROV, POUTINE],
             [("2025-04-17", "Moscou", "rencontre", ["Abbas Araghchi", "Vladimir Poutine"]),
              ("2025-04-18", "Moscou", "rencontre", ["Araghchi", "Sergueï Lavrov"])],
             ["nucleaire", "diplomatie"]),
        make("2025-02-03", [LAVROV, ARAGHCHI], [("2025-02", None, "entretien téléphonique", ["Lavrov", "Araghchi"])],
             ["nucleaire"]),
        make("2024-07-10", [POUTINE, ("Massoud Pezeshkian", "IR", "président", ["Pezeshkian"])],
             [("2024", None, "sommet", ["Vladimir Poutine", "Massoud Pezeshkian"]),
              (None, "Astana", "rencontre", ["Poutine"])], ["multilateral"]),
        make("2024-01-15", [LARIJANI], [], ["economie"], title="Larijani parle d'économie"),
    ]
    for r in records:
        assert rec.validate(r) == []
        a.add(r)
    return a


def run(runner, *args, input=None):
    result = runner.invoke(cli, list(args), input=input, catch_exceptions=False)
    return result


def ids_of_list(runner, *filters):
    out = run(runner, "list", *filters, "--format", "ids").output
    return [line for line in out.splitlines() if line]


@pytest.fixture
def tty(monkeypatch):
    """Make commands believe stdout is a terminal (colour unless NO_COLOR)."""
    import os

    from briefs.env import Environment

    def fake(cls, quiet=False, verbose=False):
        return cls(sys.stdout, sys.stderr, True, "NO_COLOR" not in os.environ, quiet, verbose, 120)

    monkeypatch.setattr(Environment, "from_process", classmethod(fake))


# -- actors ------------------------------------------------------------------

def test_actors_json_counts_and_order(runner, archive):
    rows = json.loads(run(runner, "actors", "--format", "json").output)
    by_name = {r["name"]: r for r in rows}
    assert list(rows[0]) == list(stats.ACTOR_COLUMNS)
    assert by_name["Vladimir Poutine"] == {
        "name": "Vladimir Poutine", "country": "RU", "role": "président russe", "briefs": 3, "meetings": 4,
        "first_seen": "2024-07-10", "last_seen": "2026-01-31"}
    assert by_name["Abbas Araghchi"]["meetings"] == 3  # alias "Araghchi" counts as him
    assert by_name["Ali Larijani"]["briefs"] == 2 and by_name["Ali Larijani"]["meetings"] == 1
    counts = [r["briefs"] for r in rows]
    assert counts == sorted(counts, reverse=True)
    # each person's brief count equals what `list --actor` finds
    for r in rows:
        assert r["briefs"] == len(ids_of_list(runner, "--actor", r["name"]))


def test_actors_filters_and_formats(runner, archive):
    rows = json.loads(run(runner, "actors", "--country", "ir", "--format", "json").output)
    assert {r["name"] for r in rows} == {"Ali Larijani", "Abbas Araghchi", "Massoud Pezeshkian"}
    rows = json.loads(run(runner, "actors", "--since", "2025", "--until", "2025-03", "--format", "json").output)
    assert {r["name"]: r["briefs"] for r in rows} == {"Sergueï Lavrov": 1, "Abbas Araghchi": 1}
    parsed = list(csv.DictReader(io.StringIO(run(runner, "actors", "--format", "csv").output)))
    assert tuple(parsed[0]) == stats.ACTOR_COLUMNS
    assert {r["name"]: int(r["briefs"]) for r in parsed}["Vladimir Poutine"] == 3
    names = run(runner, "actors", "--format", "names", "--limit", "2").output.splitlines()
    assert names == ["Vladimir Poutine", "Abbas Araghchi"]
    assert rec.loads(run(runner, "actors", "--format", "yaml").output.split("---\n")[1])["name"] == "Vladimir Poutine"


def test_actors_piped_is_plain_tab_separated(runner, archive):
    out = run(runner, "actors").output
    first = out.splitlines()[0].split("\t")
    assert first == ["Vladimir Poutine", "RU", "président russe", "3", "4", "2024-07-10", "2026-01-31"]
    assert "\x1b" not in out and "Name" not in out


def test_actors_bare_surname_joins_the_full_name(runner, data_dir):
    a = Archive(data_dir)
    a.add(make("2024-01-01", [("Sergueï Choïgou", "RU", "ministre", [])]))
    a.add(make("2024-02-01", [("Choïgou", None, None, [])]))
    a.add(make("2024-03-01", [("Petrov", "RU", None, []), ("Ivan Petrov", "RU", None, []), ("Oleg Petrov", "RU", None, [])]))
    rows = json.loads(run(runner, "actors", "--format", "json").output)
    by_name = {r["name"]: r["briefs"] for r in rows}
    assert by_name["Sergueï Choïgou"] == 2 and "Choïgou" not in by_name
    assert by_name["Petrov"] == 1  # two full names end in Petrov: left alone


def test_actors_empty_archive(runner, data_dir):
    result = run(runner, "actors", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.output) == []


# -- timeline ----------------------------------------------------------------

def test_timeline_csv_series(runner, archive):
    out = run(runner, "timeline", "--format", "csv").output
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0]) == stats.TIMELINE_COLUMNS
    periods = [r["period"] for r in rows]
    assert periods[0] == "2025-02" and periods[-1] == "2026-01" and len(periods) == 12  # gaps filled
    series = {r["period"]: (int(r["meetings"]), int(r["briefs"])) for r in rows}
    assert series["2025-02"] == (1, 1)  # a month-only date counts in its month
    assert series["2025-04"] == (2, 1)
    assert series["2025-03"] == (0, 0)
    by_year = {r["period"]: int(r["meetings"]) for r in csv.DictReader(io.StringIO(
        run(runner, "timeline", "--by", "year", "--format", "csv").output))}
    assert by_year == {"2024": 1, "2025": 3, "2026": 1}  # the year-only summit counts in 2024


def test_timeline_total_equals_dated_meetings_of_list(runner, archive):
    records = json.loads(run(runner, "list", "--topic", "nucleaire", "--format", "json").output)
    dated = sum(1 for r in records for m in r["meetings"] if m["date"])
    series = json.loads(run(runner, "timeline", "--topic", "nucleaire", "--by", "year", "--format", "json").output)
    assert sum(p["meetings"] for p in series) == dated == 3


def test_timeline_since_bounds_meeting_dates(runner, archive):
    series = json.loads(run(runner, "timeline", "--since", "2025-04", "--format", "json").output)
    assert [(p["period"], p["meetings"]) for p in series if p["meetings"]] == [("2025-04", 2), ("2026-01", 1)]


def test_timeline_piped_chart_labels_busiest(runner, archive):
    out = run(runner, "timeline", "--top", "1").output
    lines = [line.split("\t") for line in out.splitlines()]
    busiest = [cells for cells in lines if len(cells) == 4]
    assert len(busiest) == 1 and busiest[0][0] == "2025-04" and busiest[0][3].startswith("#1 ")
    assert "Abbas Araghchi" in busiest[0][3]
    assert all(set(cells[2]) <= {"#"} for cells in lines)
    assert "\x1b" not in out


def test_timeline_terminal_chart(runner, archive, tty):
    out = run(runner, "timeline").output
    assert "█" in out and "#1" in out and "meetings by month" in out
    assert "dated only by year" in out and "1 undated meeting" in out
    assert ANSI_COLOR.search(out)


def test_timeline_no_color(runner, archive, tty, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    out = run(runner, "timeline").output
    assert "█" in out and not ANSI_COLOR.search(out)


def test_timeline_quiet_drops_the_footer(runner, archive, tty):
    out = run(runner, "-q", "timeline").output
    assert "█" in out and "meetings by month" not in out


def test_timeline_empty(runner, data_dir):
    result = run(runner, "timeline")
    assert result.exit_code == 0
    assert run(runner, "timeline", "--format", "csv").output == "period,meetings,briefs\n"


# -- export ------------------------------------------------------------------

@pytest.mark.parametrize("filters", [(), ("--topic", "nucleaire"), ("--actor", "poutine"), ("--since", "2025"),
                                     ("--text", "econ"), ("--country", "RU", "--until", "2025-03")])
def test_export_counts_equal_list(runner, archive, filters):
    expected = ids_of_list(runner, *filters)
    jsonl = [json.loads(line) for line in run(runner, "export", *filters).output.splitlines()]
    assert [r["id"] for r in jsonl] == expected
    as_json = json.loads(run(runner, "export", *filters, "--format", "json").output)
    assert [r["id"] for r in as_json] == expected
    rows = list(csv.DictReader(io.StringIO(run(runner, "export", *filters, "--format", "csv").output)))
    assert [r["id"] for r in rows] == expected


def test_export_json_per_brief_is_the_whole_record(runner, archive):
    exported = json.loads(run(runner, "export", "--format", "json").output)
    for r in exported:
        assert r == rec.ordered(archive.get(r["id"]))
        assert rec.validate(r) == []


def test_export_csv_per_brief_columns(runner, archive):
    rows = list(csv.DictReader(io.StringIO(run(runner, "export", "--format", "csv", "--actor", "Larijani").output)))
    assert tuple(rows[0]) == stats.BRIEF_COLUMNS
    first = rows[0]
    assert first["actors"] == "Ali Larijani; Vladimir Poutine"
    assert first["countries"] == "IR; RU"
    assert first["meetings"] == "1" and first["meeting_dates"] == "2026-01-30"
    assert first["title"] == "Larijani à Moscou" and first["source_url"] == ""


def test_export_per_meeting(runner, archive):
    records = json.loads(run(runner, "list", "--format", "json").output)
    total = sum(len(r["meetings"]) for r in records)
    rows = list(csv.DictReader(io.StringIO(run(runner, "export", "--per", "meeting", "--format", "csv").output)))
    assert tuple(rows[0]) == stats.MEETING_COLUMNS and len(rows) == total == 6
    call = next(r for r in rows if r["kind"] == "entretien téléphonique")
    assert (call["date"], call["year"], call["month"], call["countries"]) == ("2025-02", "2025", "2025-02", "RU; IR")
    undated = next(r for r in rows if r["date"] == "")
    assert undated["year"] == "" and undated["place"] == "Astana"
    objs = [json.loads(x) for x in run(runner, "export", "--per", "meeting").output.splitlines()]
    assert len(objs) == total and objs[0]["participants"] == ["Ali Larijani", "Poutine"]
    assert set(objs[0]) == set(stats.MEETING_COLUMNS)


def test_export_per_actor(runner, archive):
    records = json.loads(run(runner, "list", "--country", "IR", "--format", "json").output)
    rows = list(csv.DictReader(io.StringIO(
        run(runner, "export", "--per", "actor", "--country", "IR", "--format", "csv").output)))
    assert tuple(rows[0]) == stats.MENTION_COLUMNS
    # --country narrows the rows to the people of that country, in the briefs `list` selects
    assert len(rows) == sum(1 for r in records for a in r["actors"] if a["country"] == "IR")
    assert {r["country"] for r in rows} == {"IR"}
    araghchi = [r for r in rows if r["name"] == "Abbas Araghchi"]
    assert sorted(int(r["meetings"]) for r in araghchi) == [1, 2]
    everyone = [json.loads(x) for x in run(runner, "export", "--per", "actor").output.splitlines()]
    assert len(everyone) == sum(len(r["actors"]) for r in json.loads(run(runner, "list", "--format", "json").output))
    lavrov = [json.loads(x) for x in run(runner, "export", "--per", "actor", "--actor", "lavrov").output.splitlines()]
    assert [(r["brief_id"][:7], r["name"]) for r in lavrov] == [("2025-04", "Sergueï Lavrov"), ("2025-02", "Sergueï Lavrov")]


def test_export_per_meeting_narrowed_to_the_actor(runner, archive):
    rows = [json.loads(x) for x in run(runner, "export", "--per", "meeting", "--actor", "Lavrov").output.splitlines()]
    assert [(r["date"], r["participants"]) for r in rows] == [
        ("2025-04-18", ["Araghchi", "Sergueï Lavrov"]), ("2025-02", ["Lavrov", "Araghchi"])]
    rows = [json.loads(x) for x in run(runner, "export", "--per", "meeting", "--since", "2025-04-18").output.splitlines()]
    assert [r["date"] for r in rows] == ["2026-01-30", "2025-04-18"]  # the 17th's meeting is outside the period


def test_timeline_of_one_actor_counts_their_meetings(runner, archive):
    series = json.loads(run(runner, "timeline", "--actor", "Poutine", "--by", "year", "--format", "json").output)
    assert {p["period"]: p["meetings"] for p in series} == {"2024": 1, "2025": 1, "2026": 1}
    series = json.loads(run(runner, "timeline", "--country", "IR", "--by", "year", "--format", "json").output)
    assert sum(p["meetings"] for p in series) == 5


def test_export_to_file(runner, archive, tmp_path):
    target = tmp_path / "out.csv"
    result = runner.invoke(cli, ["export", "--format", "csv", "-o", str(target)])
    assert result.exit_code == 0 and result.stdout == ""
    assert "wrote 5 brief row(s)" in result.stderr
    assert len(list(csv.DictReader(target.open(encoding="utf-8")))) == 5
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
    result = runner.invoke(cli, ["-q", "export", "-o", str(target)])
    assert result.stderr == "" and len(target.read_text().splitlines()) == 5


def test_export_to_missing_folder_fails_cleanly(runner, archive, tmp_path):
    result = runner.invoke(cli, ["export", "-o", str(tmp_path / "nope" / "out.jsonl")])
    assert result.exit_code == 1 and "cannot write the export" in result.stderr
    assert "Traceback" not in result.output


# -- rm ----------------------------------------------------------------------

def test_rm_yes(runner, archive):
    before = ids_of_list(runner)
    result = run(runner, "rm", "--yes", before[0], before[1][:12])
    assert result.exit_code == 0
    assert result.output.splitlines() == [f"removed {before[0]}", f"removed {before[1]}"]
    assert ids_of_list(runner) == before[2:]


def test_rm_refuses_without_terminal_or_yes(runner, archive):
    before = ids_of_list(runner)
    result = runner.invoke(cli, ["rm", before[0]])
    assert result.exit_code == 2 and "--yes" in result.stderr
    assert ids_of_list(runner) == before


def test_rm_checks_every_id_first(runner, archive):
    before = ids_of_list(runner)
    result = runner.invoke(cli, ["rm", "--yes", before[0], "no-such-id"])
    assert result.exit_code == 2 and "no-such-id" in result.stderr
    result = runner.invoke(cli, ["rm", "--yes", "../etc"])
    assert result.exit_code == 2
    assert ids_of_list(runner) == before


def test_rm_confirms_on_a_terminal(runner, archive, monkeypatch):
    import briefs.cli

    monkeypatch.setattr(briefs.cli, "_stdin_isatty", lambda: True)
    before = ids_of_list(runner)
    result = runner.invoke(cli, ["rm", before[0]], input="n\n")
    assert result.exit_code == 1 and "nothing removed" in result.stderr
    assert ids_of_list(runner) == before
    result = runner.invoke(cli, ["-q", "rm", before[0]], input="y\n")
    assert result.exit_code == 0 and result.stdout == ""
    assert ids_of_list(runner) == before[1:]


# -- completion --------------------------------------------------------------

def complete(runner, words: str, shell: str = "zsh") -> list[str]:
    """What click's completion offers for the command line `words` (the last word being typed).

    For bash: what its completion script puts in COMPREPLY (it reads each
    "type,value" line with `read`, which drops one level of backslashes).
    """
    import shlex

    parts = shlex.split(words) + ([""] if words.endswith(" ") else [])
    cword = parts[-1] if shell == "fish" else str(len(parts) - 1)  # fish passes the word itself
    result = runner.invoke(cli, [], prog_name="briefs", env={
        "_BRIEFS_COMPLETE": f"{shell}_complete", "COMP_WORDS": words, "COMP_CWORD": cword})
    lines = result.output.splitlines()
    if shell == "fish":
        return [line.split(",", 1)[1] for line in lines if line]
    if shell == "bash":
        return [re.sub(r"\\(.)", r"\1", line.split(",", 1)[1]) for line in lines if line]
    return [value for kind, value in zip(lines[::3], lines[1::3])]  # zsh: type, value, help


def test_complete_commands_and_options(runner):
    assert {"actors", "timeline", "export", "rm"} <= set(complete(runner, "briefs "))
    assert "--per" in complete(runner, "briefs export --p")


def test_complete_topics(runner):
    assert complete(runner, "briefs list --topic nu") == ["nucleaire"]
    assert complete(runner, "briefs timeline --topic e") == ["economie", "energie"]
    assert set(complete(runner, "briefs export --topic ")) == set(rec.TOPICS)


def test_complete_ids(runner, archive):
    ids = ids_of_list(runner)
    assert sorted(complete(runner, "briefs show 2025")) == sorted(i for i in ids if i.startswith("2025"))
    assert sorted(complete(runner, "briefs rm ")) == sorted(ids)
    assert complete(runner, "briefs edit 2024-01") == [i for i in ids if i.startswith("2024-01")]


def test_complete_actors(runner, archive):
    assert complete(runner, "briefs list --actor lar") == ["Ali Larijani"]
    assert complete(runner, "briefs list --actor lar", shell="bash") == ["Ali\\ Larijani"]  # stays one word
    assert complete(runner, "briefs list --actor Ali\\ La", shell="bash") == ["Ali\\ Larijani"]
    assert complete(runner, "briefs list --actor pez", shell="fish") == ["Massoud Pezeshkian"]
    assert complete(runner, "briefs export --actor serg") == ["Sergueï Lavrov"]
    assert "Vladimir Poutine" in complete(runner, "briefs timeline --actor ")


def test_completion_never_raises(runner, tmp_path, monkeypatch):
    from briefs import cli as cli_module

    broken = tmp_path / "file-not-folder"
    broken.write_text("x")
    monkeypatch.setenv("BRIEFS_DATA", str(broken))
    assert complete(runner, "briefs rm ") == []
    assert complete(runner, "briefs list --actor a") == []
    monkeypatch.setattr(cli_module, "_completion_root", lambda ctx: 1 / 0)
    assert cli_module._complete_ids(None, None, "") == []
    assert cli_module._complete_actors(None, None, "") == []


def test_actor_names_in_yaml_reads_only_actors():
    r = make("2024-01-01", [LARIJANI], [])
    r["agreements"] = [{"name": "accord global", "kind": "accord", "status": None, "date": None}]
    r["actors"].append({"name": "O'Brien: Jr", "role": None, "country": None, "aliases": []})
    r["id"] = "2024-01-01-larijani"
    assert stats.actor_names_in_yaml(rec.dumps(r)) == ["Ali Larijani", "O'Brien: Jr"]


# -- help --------------------------------------------------------------------

@pytest.mark.parametrize("command", ["actors", "timeline", "export", "rm"])
def test_help_has_examples(runner, command):
    out = run(runner, command, "--help").output
    assert "Examples:" in out and out.count(f"briefs {command}") >= 2


def test_complete_actors_from_the_index(runner, archive, data_dir, monkeypatch):
    pytest.importorskip("briefs.index")
    run(runner, "actors")  # a query builds the index
    assert (data_dir / ".index.sqlite").is_file()
    monkeypatch.setattr(stats, "actor_names_in_yaml", lambda text: 1 / 0)  # the file scan is not used
    assert complete(runner, "briefs list --actor lar") == ["Ali Larijani"]


def test_verbose_says_how_records_were_read(runner, archive):
    result = runner.invoke(cli, ["-v", "actors", "--format", "names"])
    assert result.exit_code == 0 and "record(s) read in" in result.stderr
    assert "record(s) read in" not in result.stdout


def test_invalid_record_is_skipped_with_a_warning(runner, archive, data_dir):
    (data_dir / "2020-01-01-broken.yaml").write_text("schema: 1\nid: [\n", encoding="utf-8")
    result = runner.invoke(cli, ["export", "--format", "csv"])
    assert result.exit_code == 0 and "2020-01-01-broken.yaml" in result.stderr
    assert len(list(csv.DictReader(io.StringIO(result.stdout)))) == 5


def test_actors_terminal_table(runner, archive, tty):
    out = run(runner, "actors").output
    assert "Name" in out and "First seen" in out and "5 people" in out
    assert "\t" not in out
    out = run(runner, "-q", "actors").output
    assert "Name" in out and "people" not in out
