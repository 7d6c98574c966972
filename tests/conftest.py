"""Shared fixtures: every test gets its own empty data folder via BRIEFS_DATA."""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
SAMPLES = REPO / "data" / "samples"


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "briefs-data"
    monkeypatch.setenv("BRIEFS_DATA", str(folder))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return folder


@pytest.fixture(scope="session")
def kb():
    from briefs import knowledge

    return knowledge.load()


@pytest.fixture
def extract_text(kb):
    """Run the extractor on a snippet with a reference date given as 'YYYY-MM-DD'."""
    from briefs.extract import extract

    def run(text: str, published: str | None = "2026-01-31") -> dict:
        return extract(text, dt.date.fromisoformat(published) if published else None, kb)

    return run


@pytest.fixture
def runner():
    from click.testing import CliRunner

    return CliRunner()


def make_record(n: int = 0, **fields) -> dict:
    """A valid record numbered `n` (its own sha256), with `fields` overriding."""
    from briefs import record as rec

    record = rec.new_record()
    record.update(
        title=f"Titre {n}", published="2024-01-24", added="2026-11-23T10:15:00Z",
        source={"file": f"t{n}.txt", "url": None, "sha256": hashlib.sha256(str(n).encode()).hexdigest()},
        summary="Résumé.",
        actors=[{"name": "Nikolaï Patrouchev", "role": None, "country": "RU", "aliases": ["Patrouchev"]},
                {"name": "Ali Akbar Ahmadian", "role": None, "country": "IR", "aliases": []}],
        meetings=[{"date": "2024-01-24", "date_text": "ce 24 janvier", "place": "Moscou", "kind": "rencontre",
                   "participants": ["Nikolaï Patrouchev", "Ali Akbar Ahmadian"]}],
        topics=["securite"],
    )
    record.update(fields)
    return record
