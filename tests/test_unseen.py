"""The extractor on texts it was not developed on (tests/data/unseen), scored by the shared scorer's own code.

The texts were written for the purpose (varied outlets, years, scrapes with
navigation lines, channel posts, communiqués, machine translation) and their
gold records made by hand before the extractor was tuned on them. Texts
28-35 were scored blind first (0.791), then general rules were written for
the constructions they showed (0.985 on all 35 after).

tests/data/blind holds texts written by someone who never read the
extractor's rules, and no rule was written from them: their score (0.778
before the last round of rules, 0.793 after) is the honest estimate of
quality on new articles. tests/data/blind3 (12 texts, 2001-2026, written
the same way in the third session) scored 0.873 before that session's rules.
In that session, texts 36-57 were added to unseen by the helpers who then
wrote rules for each area (0.981 on all 57); blind rose to 0.857, blind3 to 0.887.
Keep it that way: look at their misses to count them, not to write rules for them.

Each floor sits a little under the score reached, so that a regression shows.
"""
from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest

from briefs import record as rec
from briefs.extract import extract
from briefs.extract.text import decode

from conftest import SHARED

UNSEEN = Path(__file__).parent / "data" / "unseen"
FLOOR = 0.96
BLIND = Path(__file__).parent / "data" / "blind"
BLIND_FLOOR = 0.83
BLIND3 = Path(__file__).parent / "data" / "blind3"
BLIND3_FLOOR = 0.87


def _scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("folder, floor", [(UNSEEN, FLOOR), (BLIND, BLIND_FLOOR), (BLIND3, BLIND3_FLOOR)],
                         ids=["unseen", "blind", "blind3"])
def test_held_out_texts_score_above_the_floor(kb, folder, floor):
    score = _scorer()
    fields = score.HEADLINE + ("countries", "meeting_place", "quotes")
    t = {f: (score.Accuracy() if f in ("countries", "meeting_place") else score.Tally()) for f in fields}
    log: list[str] = []
    names = sorted(p.stem for p in folder.glob("*.yaml"))
    assert len(names) >= 8
    for name in names:
        gold = rec.loads((folder / f"{name}.yaml").read_text(encoding="utf-8"))
        published = dt.date.fromisoformat(gold["published"]) if gold.get("published") else None
        content, _ = decode((folder / f"{name}.txt").read_bytes())
        pred = extract(content, published, kb, source_file=f"{name}.txt")
        log.append(f"{name}.txt:")
        score.score_doc(pred, gold, t, log)
    headline = sum(t[f].prf()[2] for f in score.HEADLINE) / len(score.HEADLINE)
    assert headline >= floor, f"{folder.name} score {headline:.3f} < {floor}\n" + "\n".join(log)
