"""Hand-edited records: `briefs check [--fix]`, skipping in list/show, `briefs edit`."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from conftest import make_record
from briefs import check as checking, record as rec
from briefs.archive import Archive
from briefs.cli import cli
from briefs.errors import ExitCode

RID = "2024-01-24-patrouchev-ahmadian"


@pytest.fixture
def archive(data_dir) -> Archive:
    archive = Archive(data_dir)
    assert archive.add(make_record(1)).id == RID
    return archive


def put(archive: Archive, name: str, text: str) -> Path:
    path = archive.root / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def valid_text(n: int, rid: str) -> str:
    return rec.dumps({**make_record(n), "id": rid})


def test_valid_archive(runner, archive):
    result = runner.invoke(cli, ["check"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and "1 record(s), all valid" in result.stderr


@pytest.mark.parametrize("old, new, needle, problem", [
    ("- securite", "- politique", "- politique", "unknown topic 'politique'"),
    ("country: IR", "country: Iran", "country: Iran", "country must be an ISO 3166 alpha-2 code"),
    ("- date: '2024-01-24'", "- date: 24 janvier 2024", "date: 24 janvier", "date must be YYYY, YYYY-MM or YYYY-MM-DD"),
    ("- date: '2024-01-24'", "- date: '2024-02-30'", "2024-02-30", "not a day of the calendar"),
    ("id: 2024-01-25-x", "id: 2024-01-25-y", "id: 2024-01-25-y", "does not match the file name"),
    ("title: Titre 2", "title: [une, liste]", "title:", "title must be text"),
    ("schema: 1", "schema: 2", "schema:", "schema must be 1"),
    ("added: '2026-11-23T10:15:00Z'", "added: hier", "added:", "added must be a UTC timestamp"),
    ("  kind: rencontre", "  kind: dîner", "kind: dîner", "kind 'dîner' is not one of"),
    ("summary: Résumé.", "summary: Résumé.\ntitle: doublon", "title: doublon", "duplicate key 'title'"),
    ("  sha256: ", "  sha256: abc #", "sha256:", "sha256 must be 64 hex digits"),
])
def test_problems_are_reported_with_their_line(runner, archive, old, new, needle, problem):
    text = valid_text(2, "2024-01-25-x")
    assert old in text, text
    text = text.replace(old, new, 1)
    path = put(archive, "2024-01-25-x.yaml", text)
    result = runner.invoke(cli, ["check"])
    assert result.exit_code == ExitCode.FAILURE
    expected = f"{path}:{line_of(text, needle)}: "
    lines = result.stdout.splitlines()
    assert any(line.startswith(expected) and problem in line for line in lines), (expected, problem, lines)
    assert "1 of 2 record(s)" in result.stderr


def test_yaml_syntax_error_line(archive):
    text = valid_text(2, "2024-01-25-x").replace("title: Titre 2", "title: [Titre 2")
    put(archive, "2024-01-25-x.yaml", text)
    report = checking.check_archive(archive)
    (problem,) = report.problems
    assert problem.message.startswith("YAML:") and problem.line >= line_of(text, "title:")


@pytest.mark.parametrize("payload", [
    "!!python/object/apply:os.system ['touch pwned']",
    "!!python/object/new:os.system ['touch pwned']",
    "!!python/name:os.system",
    "!custom {a: 1}",
])
def test_python_object_tags_are_rejected(runner, archive, payload, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = valid_text(2, "2024-01-25-x").replace("summary: Résumé.", f"summary: {payload}")
    put(archive, "2024-01-25-x.yaml", text)
    for args in (["check"], ["check", "--fix"], ["list"], ["show"], ["show", "2024-01-25-x"]):
        result = runner.invoke(cli, args)
        assert "Traceback" not in result.output
    assert not (tmp_path / "pwned").exists()
    report = checking.check_archive(archive)
    assert [p.line for p in report.problems] == [line_of(text, "summary:")]
    assert "tag" in report.problems[0].message
    assert (archive.root / "2024-01-25-x.yaml").read_text(encoding="utf-8") == text  # --fix left it alone


def test_other_file_level_problems(runner, archive):
    put(archive, "Mauvais_Nom.yaml", valid_text(3, "mauvais-nom"))
    put(archive, "2024-01-26-vide.yaml", "")
    (archive.root / "2024-01-27-latin.yaml").write_bytes("schema: 1\ntitle: é\n".encode("latin-1"))
    put(archive, "2024-01-28-liste.yaml", "- a\n- b\n")
    put(archive, "2024-01-29-double.yaml", valid_text(1, "2024-01-29-double"))  # same text as RID
    result = runner.invoke(cli, ["check"])
    assert result.exit_code == ExitCode.FAILURE
    out = result.stdout
    root = archive.root
    assert f"{root}/Mauvais_Nom.yaml:1: file name is not an id" in out
    assert f"{root}/2024-01-26-vide.yaml:1: empty file" in out
    assert f"{root}/2024-01-27-latin.yaml:2: cannot read record: not UTF-8" in out
    assert f"{root}/2024-01-28-liste.yaml:1: a record must be a mapping" in out
    assert f"{root}/2024-01-29-double.yaml:" in out and f"same text (sha256) as {RID}.yaml" in out


def test_fix_rewrites_only_the_mechanical(runner, archive):
    messy = make_record(2, id="2024-01-25-x", published="24/01/2024", added="2026-11-23 11:15:00+01:00",
                        topics=["Économie", "securite", "securite"])
    messy["actors"][0]["country"] = "ru"
    messy["meetings"][0]["date"] = "2024-1-5"
    messy["events"] = [{"what": "session", "place": None, "start": 2026, "end": "2026/02/18"}]
    del messy["organizations"]
    shuffled = dict(reversed(list(messy.items())))
    import yaml

    text = yaml.safe_dump(shuffled, allow_unicode=True, sort_keys=False)
    path = put(archive, "2024-01-25-x.yaml", text)
    before_ok = (archive.root / f"{RID}.yaml").read_bytes()
    result = runner.invoke(cli, ["check", "--fix"])
    assert result.exit_code == 0, result.output
    assert f"{path}: fixed:" in result.stdout
    fixed = Archive(archive.root).read(path)
    assert fixed["published"] == "2024-01-24"
    assert fixed["added"] == "2026-11-23T10:15:00Z"
    assert fixed["topics"] == ["economie", "securite"]
    assert fixed["actors"][0]["country"] == "RU"
    assert fixed["meetings"][0]["date"] == "2024-01-05"
    assert fixed["events"][0]["start"] == "2026" and fixed["events"][0]["end"] == "2026-02-18"
    assert fixed["organizations"] == []
    assert list(fixed) == list(rec.FIELDS)
    assert (archive.root / f"{RID}.yaml").read_bytes() == before_ok  # valid files are not rewritten
    again = runner.invoke(cli, ["check", "--fix"])
    assert again.exit_code == 0 and again.stdout == ""


def test_fix_leaves_judgement_calls(runner, archive):
    text = valid_text(2, "2024-01-25-y").replace("- securite", "- politique").replace("country: IR", "country: Iran")
    text = text.replace("published: '2024-01-24'", "published: 2024-1-24")
    path = put(archive, "2024-01-25-x.yaml", text)
    result = runner.invoke(cli, ["check", "--fix"])
    assert result.exit_code == ExitCode.FAILURE
    after = path.read_text(encoding="utf-8")
    assert "published: '2024-01-24'" in after and "politique" in after and "Iran" in after
    problems = [line for line in result.stdout.splitlines() if ": fixed:" not in line]
    assert len(problems) == 3  # topic, country, id
    assert all(line.startswith(f"{path}:") for line in problems)


def test_fix_removes_stray_temporary_files(runner, archive):
    (archive.root / ".tmp-abc.part").write_text("schema: 1\n", encoding="utf-8")
    result = runner.invoke(cli, ["check"])
    assert result.exit_code == 0 and "temporary file" in result.stderr
    assert runner.invoke(cli, ["check", "--fix"]).exit_code == 0
    assert not list(archive.root.glob(".tmp-*"))


def test_list_and_show_skip_invalid_records_with_a_warning(runner, archive):
    put(archive, "2024-01-25-x.yaml", "schema: 1\ntitle: [\n")
    put(archive, "2024-01-26-y.yaml", valid_text(3, "2024-01-26-y").replace("- securite", "- politique"))
    result = runner.invoke(cli, ["list", "--format", "ids"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split() == [RID]
    warnings = result.stderr.splitlines()
    assert len(warnings) == 2
    assert all(w.startswith("briefs: warning: skipped ") for w in warnings)
    assert "2024-01-25-x.yaml" in warnings[0] and "2024-01-26-y.yaml" in warnings[1] and "politique" in warnings[1]
    summary = runner.invoke(cli, ["show", "--format", "yaml"])
    assert summary.exit_code == 0 and len(summary.stderr.splitlines()) == 2
    one = runner.invoke(cli, ["show", "2024-01-26-y"])
    assert one.exit_code == ExitCode.FAILURE
    assert one.stderr.count("\n") == 1 and "2024-01-26-y.yaml" in one.stderr and "unknown topic" in one.stderr
    assert runner.invoke(cli, ["show", RID]).exit_code == 0


# --- edit -------------------------------------------------------------------

def editor(tmp_path: Path, body: str) -> str:
    script = tmp_path / "editor.sh"
    script.write_text("#!/bin/sh\nset -e\n" + body + "\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


def test_edit_saves_a_valid_change(runner, archive, tmp_path, monkeypatch):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editor(tmp_path, "sed -i 's/^title: .*/title: Nouveau titre/' \"$1\""))
    result = runner.invoke(cli, ["edit", RID[:10] + "-patr"])
    assert result.exit_code == 0, result.output
    assert f"saved {RID}" in result.stdout
    assert Archive(archive.root).get(RID)["title"] == "Nouveau titre"
    assert not list(archive.root.glob(".tmp-*"))


def test_edit_with_arguments_in_editor_variable(runner, archive, monkeypatch):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "sed -i 's/- securite/- defense/'")
    assert runner.invoke(cli, ["edit", RID]).exit_code == 0
    assert Archive(archive.root).get(RID)["topics"] == ["defense"]


def test_edit_invalid_then_discard_keeps_old_version(runner, archive, tmp_path, monkeypatch):
    before = (archive.root / f"{RID}.yaml").read_bytes()
    monkeypatch.setenv("VISUAL", editor(tmp_path, "sed -i 's/- securite/- politique/' \"$1\""))
    result = runner.invoke(cli, ["edit", RID], input="d\n")
    assert result.exit_code == ExitCode.FAILURE
    assert "unknown topic 'politique'" in result.stderr and f"{RID}.yaml:" in result.stderr
    assert "changes discarded" in result.stderr
    assert (archive.root / f"{RID}.yaml").read_bytes() == before
    # No answer at all (stdin at its end) also discards.
    result = runner.invoke(cli, ["edit", RID], input="")
    assert result.exit_code == ExitCode.FAILURE and "discarded" in result.stderr
    assert (archive.root / f"{RID}.yaml").read_bytes() == before


def test_edit_invalid_then_re_edit(runner, archive, tmp_path, monkeypatch):
    body = ('if [ -e "$0.done" ]; then sed -i "s/- politique/- economie/" "$1";\n'
            'else touch "$0.done"; sed -i "s/- securite/- politique/" "$1"; fi')
    monkeypatch.setenv("VISUAL", editor(tmp_path, body))
    result = runner.invoke(cli, ["edit", RID], input="e\n")
    assert result.exit_code == 0, result.output
    assert "unknown topic" in result.stderr and f"saved {RID}" in result.stdout
    assert Archive(archive.root).get(RID)["topics"] == ["economie"]


def test_edit_cannot_rename_or_inject_tags(runner, archive, tmp_path, monkeypatch):
    before = (archive.root / f"{RID}.yaml").read_bytes()
    monkeypatch.setenv("VISUAL", editor(tmp_path, f"sed -i 's/^id: .*/id: autre-id/' \"$1\""))
    result = runner.invoke(cli, ["edit", RID], input="d\n")
    assert result.exit_code == ExitCode.FAILURE and "does not match the file name" in result.stderr
    monkeypatch.setenv("VISUAL", editor(tmp_path, "sed -i \"s/^summary: .*/summary: !!python\\/object\\/apply:os.system ['touch pwned']/\" \"$1\""))
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["edit", RID], input="d\n")
    assert result.exit_code == ExitCode.FAILURE and "Python objects" in result.stderr, result.stderr
    assert not (tmp_path / "pwned").exists()
    assert (archive.root / f"{RID}.yaml").read_bytes() == before


def test_edit_unchanged_failed_missing_editor(runner, archive, tmp_path, monkeypatch):
    before = (archive.root / f"{RID}.yaml").read_bytes()
    monkeypatch.setenv("VISUAL", "true")
    result = runner.invoke(cli, ["edit", RID])
    assert result.exit_code == 0 and "no change" in result.stderr
    monkeypatch.setenv("VISUAL", editor(tmp_path, "sed -i 's/Titre/X/' \"$1\"; exit 3"))
    result = runner.invoke(cli, ["edit", RID])
    assert result.exit_code == ExitCode.FAILURE and "exited with status 3" in result.stderr
    monkeypatch.setenv("VISUAL", "/nonexistent/editor")
    result = runner.invoke(cli, ["edit", RID])
    assert result.exit_code == ExitCode.FAILURE and "cannot run editor" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert (archive.root / f"{RID}.yaml").read_bytes() == before
    result = runner.invoke(cli, ["edit", "2099"])
    assert result.exit_code == ExitCode.USAGE and "no brief" in result.stderr


def test_edit_repairs_an_invalid_record(runner, archive, tmp_path, monkeypatch):
    path = put(archive, "2024-01-25-x.yaml", valid_text(2, "2024-01-25-x").replace("- securite", "- politique"))
    monkeypatch.setenv("VISUAL", editor(tmp_path, "sed -i 's/- politique/- diplomatie/' \"$1\""))
    result = runner.invoke(cli, ["edit", "2024-01-25-x"])
    assert result.exit_code == 0, result.output
    assert Archive(archive.root).read(path)["topics"] == ["diplomatie"]


def test_edit_conflict_keeps_both(runner, archive, tmp_path, monkeypatch):
    target = archive.root / f"{RID}.yaml"
    body = f"sed -i 's/^title: .*/title: Mon titre/' \"$1\"; sed -i 's/^title: .*/title: Leur titre/' '{target}'"
    monkeypatch.setenv("VISUAL", editor(tmp_path, body))
    result = runner.invoke(cli, ["edit", RID])
    assert result.exit_code == ExitCode.FAILURE and "changed on disk" in result.stderr
    assert Archive(archive.root).get(RID)["title"] == "Leur titre"
    kept = result.stderr.strip().rsplit(" ", 1)[-1]
    assert "Mon titre" in Path(kept).read_text(encoding="utf-8")
    os.unlink(kept)
