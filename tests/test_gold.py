"""The extractor against the hand-made gold records, scored by the shared scorer's own code."""
from __future__ import annotations

import datetime as dt
import importlib.util

import pytest

from briefs import record as rec
from briefs.extract import extract
from briefs.extract.text import decode

from conftest import CORPUS, SHARED


def _scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(name: str, kb) -> tuple[dict, dict]:
    gold = rec.loads((CORPUS / f"{name}.yaml").read_text(encoding="utf-8"))
    path = next(iter(sorted(CORPUS.glob(f"{name}.txt")) + sorted(CORPUS.glob(f"{name}.*.txt"))))
    published = dt.date.fromisoformat(gold["published"]) if gold.get("published") else None
    content, _ = decode(path.read_bytes())
    return extract(content, published, kb, source_file=path.name), gold


def _tallies(score, pred: dict, gold: dict) -> tuple[dict, list]:
    fields = score.HEADLINE + ("countries", "meeting_place", "quotes")
    t = {f: (score.Accuracy() if f in ("countries", "meeting_place") else score.Tally()) for f in fields}
    log: list[str] = []
    score.score_doc(pred, gold, t, log)
    return t, log


@pytest.mark.parametrize("name", ["seed-000", "seed-001"])
def test_sample_texts_equal_their_gold_records(name, kb):
    score = _scorer()
    pred, gold = _run(name, kb)
    t, log = _tallies(score, pred, gold)
    assert log == [], "\n".join(log)
    for field, tally in t.items():
        if isinstance(tally, score.Tally):
            assert tally.fp == tally.fn == 0, field
        else:
            assert tally.ok == tally.n, field


def test_every_corpus_text_gives_a_valid_record(kb):
    names = sorted(p.stem for p in CORPUS.glob("*.yaml"))
    assert len(names) >= 20
    for name in names:
        pred, _ = _run(name, kb)
        pred.update(id="x", added="2026-01-01T00:00:00Z")
        assert rec.validate(pred) == [], name
