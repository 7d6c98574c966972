"""Shared fixtures: every test gets its own empty data folder via BRIEFS_DATA."""
from __future__ import annotations

import datetime as dt
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
