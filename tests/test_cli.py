"""The issue-2 commands end to end through click: extract, add, list, show, and their errors."""
from __future__ import annotations

import json
import shutil

import pytest

from briefs import record as rec
from briefs.cli import cli

from conftest import SAMPLES


@pytest.fixture
def samples(tmp_path):
    folder = tmp_path / "texts"
    shutil.copytree(SAMPLES, folder)
    return folder


def test_version_and_help(runner):
    assert runner.invoke(cli, ["--version"]).output.startswith("briefs, version ")
    out = runner.invoke(cli, ["--help"]).output
    for command in ("extract", "add", "list", "show"):
        assert command in out
    assert "briefs add article.txt --date" in out


def test_extract_prints_yaml_and_json(runner, samples):
    result = runner.invoke(cli, ["extract", str(samples / "seed-001.txt"), "--date", "2024-01-24"])
    assert result.exit_code == 0, result.output
    record = rec.loads(result.output)
    assert record["published"] == "2024-01-24"
    assert record["source"]["file"] == "seed-001.txt"
    assert list(record)[:4] == ["schema", "id", "title", "published"]
    result = runner.invoke(cli, ["extract", str(samples / "seed-001.txt"), "--format", "json"])
    assert json.loads(result.output)["published"] is None


def test_extract_reads_stdin(runner):
    text = "Le président russe Vladimir Poutine a reçu mardi à Moscou le président iranien Massoud Pezeshkian."
    result = runner.invoke(cli, ["extract", "-", "--date", "2025-01-17"], input=text)
    assert result.exit_code == 0, result.output
    assert rec.loads(result.output)["source"]["file"] == "-"


def test_add_then_same_text_again_changes_nothing(runner, samples, data_dir):
    result = runner.invoke(cli, ["add", str(samples / "seed-000.txt"), "--date", "2026-01-31"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("added ")
    files = sorted(data_dir.glob("*.yaml"))
    assert len(files) == 1
    before = files[0].read_bytes()
    again = runner.invoke(cli, ["add", str(samples / "seed-000.txt"), "--date", "2026-01-31"])
    assert again.exit_code == 0
    assert again.output.startswith("already archived as " + files[0].stem)
    assert sorted(data_dir.glob("*.yaml")) == files and files[0].read_bytes() == before


def test_add_folder_and_data_dir_option(runner, samples, tmp_path):
    target = tmp_path / "elsewhere"
    result = runner.invoke(cli, ["add", str(samples), "--data-dir", str(target)])
    assert result.exit_code == 0, result.output
    assert len(list(target.glob("*.yaml"))) == 2
    for path in target.glob("*.yaml"):
        record = rec.loads(path.read_text(encoding="utf-8"))
        assert rec.validate(record, expected_id=path.stem) == []


def test_sample_ids_follow_schema(runner, samples, data_dir):
    runner.invoke(cli, ["add", str(samples / "seed-000.txt"), "--date", "2026-01-31"])
    runner.invoke(cli, ["add", str(samples / "seed-001.txt"), "--date", "2024-01-24"])
    assert sorted(p.stem for p in data_dir.glob("*.yaml")) == [
        "2024-01-24-patrouchev-ahmadian", "2026-01-30-larijani-poutine"]


@pytest.fixture
def archive(runner, samples):
    runner.invoke(cli, ["add", str(samples / "seed-000.txt"), "--date", "2026-01-31"])
    runner.invoke(cli, ["add", str(samples / "seed-001.txt"), "--date", "2024-01-24"])


@pytest.mark.usefixtures("archive")
@pytest.mark.parametrize("query", ["larijani", "Larijani", "Ali Larijani", "LARÎJANI"])
def test_list_actor_forms(runner, query):
    result = runner.invoke(cli, ["list", "--actor", query, "--format", "ids"])
    assert result.exit_code == 0, result.output
    assert result.output.split() == ["2026-01-30-larijani-poutine"]


@pytest.mark.usefixtures("archive")
def test_list_filters_and_formats(runner):
    def ids(*args):
        result = runner.invoke(cli, ["list", *args, "--format", "ids"])
        assert result.exit_code == 0, result.output
        return result.output.split()

    assert ids() == ["2026-01-30-larijani-poutine", "2024-01-24-patrouchev-ahmadian"]
    assert ids("--topic", "terrorisme") == ["2024-01-24-patrouchev-ahmadian"]
    assert ids("--since", "2025") == ["2026-01-30-larijani-poutine"]
    assert ids("--until", "janvier 2024") == ["2024-01-24-patrouchev-ahmadian"]
    assert ids("--since", "2024-01", "--until", "2024-01") == ["2024-01-24-patrouchev-ahmadian"]
    assert ids("--country", "US") == ["2026-01-30-larijani-poutine"]
    assert ids("--place", "moscou", "--actor", "Zakharova") == ["2024-01-24-patrouchev-ahmadian"]
    assert ids("--agreement", "global") == ["2024-01-24-patrouchev-ahmadian"]
    assert ids("--limit", "1") == ["2026-01-30-larijani-poutine"]
    data = json.loads(runner.invoke(cli, ["list", "--format", "json"]).output)
    assert [r["id"] for r in data] == ids()
    table = runner.invoke(cli, ["list"]).output.splitlines()
    assert table[0].split("\t")[:2] == ["2026-01-31", "2026-01-30-larijani-poutine"]
    assert table[0].split("\t")[-1] == "Moscou"
    csv_out = runner.invoke(cli, ["list", "--format", "csv"]).output.splitlines()
    assert csv_out[0] == "date,id,actors,topics,place" and len(csv_out) == 3


@pytest.mark.usefixtures("archive")
def test_show_one_brief_by_prefix(runner):
    result = runner.invoke(cli, ["show", "2026-01-30"])
    assert result.exit_code == 0, result.output
    out = result.output
    for expected in ("2026-01-30-larijani-poutine", "Meetings:", "Ali Larijani", "Actors:", "Topics:",
                     "Agreements:", "Events:", "2026-02-16 to 2026-02-18", "Quotes:", "Kazem Jalali"):
        assert expected in out
    as_yaml = rec.loads(runner.invoke(cli, ["show", "2026-01-30", "--format", "yaml"]).output)
    assert as_yaml["id"] == "2026-01-30-larijani-poutine"


@pytest.mark.usefixtures("archive")
def test_show_without_id_summarises_archive(runner):
    out = runner.invoke(cli, ["show"]).output
    assert "2 briefs" in out and "from 2024-01-24 to 2026-01-31" in out
    data = json.loads(runner.invoke(cli, ["show", "--format", "json"]).output)
    assert data["briefs"] == 2


@pytest.mark.usefixtures("archive")
@pytest.mark.parametrize("args, code, message", [
    (["show", "zzz"], 2, "no brief with id 'zzz'"),
    (["show", "20"], 2, "ambiguous"),
    (["show", "../etc/passwd"], 2, "bad id"),
    (["list", "--since", "hier soir"], 2, "bad date"),
    (["add", "missing.txt"], 1, "missing.txt: no such file or directory"),
    (["extract", "x.txt", "--date", "31/01/2026"], 2, "bad date"),
])
def test_errors_are_one_line_with_exit_code(runner, args, code, message):
    result = runner.invoke(cli, args)
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output


def test_empty_folder_is_an_error(runner, tmp_path):
    (tmp_path / "empty").mkdir()
    result = runner.invoke(cli, ["add", str(tmp_path / "empty")])
    assert result.exit_code == 1 and "holds no .txt or .md files" in result.output
