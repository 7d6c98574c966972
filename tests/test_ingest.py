"""The core of `briefs add`, without click: one Outcome per text."""
from __future__ import annotations

import datetime as dt

from briefs import ingest
from briefs.archive import Archive

TEXT = "Le ministre russe des Affaires étrangères, Sergueï Lavrov, a reçu mardi à Moscou son homologue iranien, Abbas Araghchi."


def test_add_one_new_then_already_then_error(tmp_path, kb, data_dir):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    archive = Archive(data_dir)
    first = ingest.add_one(archive, kb, str(path), dt.date(2025, 4, 18))
    assert first.added and first.error is None
    assert first.id == "2025-04-15-lavrov-araghchi"  # the Tuesday before Friday 18 April 2025
    again = ingest.add_one(archive, kb, str(path), dt.date(2025, 4, 18))
    assert (again.added, again.id) == (False, first.id)
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    failed = ingest.add_one(archive, kb, str(tmp_path / "empty.txt"))
    assert failed.id is None and failed.error.endswith("empty.txt: text is empty")
    assert archive.ids() == [first.id]


def test_expand_reports_bad_arguments_and_keeps_the_rest(tmp_path):
    (tmp_path / "t.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "none").mkdir()
    files, failed = ingest.expand([str(tmp_path / "t.txt"), str(tmp_path / "none")])
    assert files == [str(tmp_path / "t.txt")]
    assert len(failed) == 1 and "holds no .txt or .md files" in failed[0].error


def test_warnings_name_the_text(tmp_path, kb, data_dir):
    path = tmp_path / "en.txt"
    path.write_bytes("Russian Foreign Minister Sergei Lavrov held talks with his Iranian counterpart in Moscow on Friday, "
                     "a day before the talks in Rome. The ministers discussed the nuclear file and regional security.".encode())
    outcome = ingest.add_one(Archive(data_dir), kb, str(path), dt.date(2025, 4, 18))
    assert outcome.added and any("en.txt: text looks like en" in w for w in outcome.warnings)
