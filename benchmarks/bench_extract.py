"""Extraction throughput, in process, over the development corpus repeated.

    python benchmarks/bench_extract.py [--texts 2000] [--corpus ../shared/corpus]

Prints texts/s, the median ms per text, and the time spent in each pass
(measured by wrapping each pass function), slowest first. Target: >= 1000
texts/s on one core.
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

from briefs import knowledge
from briefs import extract as pipeline
from briefs.extract import actors, agreements, events, meetings, places, quotes, topics
from briefs.extract import text as text_mod
from briefs.extract.text import decode

PASSES = {
    "text": (text_mod, ("clean", "make_doc")),
    "actors": (actors, ("find_persons",)),
    "places": (places, ("find_places", "find_organizations", "find_url")),
    "meetings": (meetings, ("find_meetings",)),
    "topics": (topics, ("find_topics",)),
    "agreements": (agreements, ("find_agreements",)),
    "events": (events, ("find_events",)),
    "quotes": (quotes, ("find_quotes",)),
}


def load_corpus(folder: Path) -> list[tuple[str, dt.date | None]]:
    from briefs.record import loads

    out = []
    for gold in sorted(folder.glob("*.yaml")):
        texts = sorted(folder.glob(gold.stem + ".txt")) + sorted(folder.glob(gold.stem + ".*.txt"))
        if texts:
            published = loads(gold.read_text(encoding="utf-8")).get("published")
            out.append((decode(texts[0].read_bytes())[0], dt.date.fromisoformat(published) if published else None))
    return out


def instrument(spent: dict[str, float]) -> None:
    """Wrap every pass function so its time accumulates under its pass name."""
    for name, (module, functions) in PASSES.items():
        for fn_name in functions:
            original = getattr(module, fn_name)

            def timed(*args, _original=original, _name=name, **kwargs):
                start = time.perf_counter()
                try:
                    return _original(*args, **kwargs)
                finally:
                    spent[_name] += time.perf_counter() - start

            setattr(module, fn_name, timed)
            if hasattr(pipeline, fn_name) and getattr(pipeline, fn_name) is original:
                setattr(pipeline, fn_name, timed)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--texts", type=int, default=2000)
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus")
    args = ap.parse_args(argv)
    corpus = load_corpus(args.corpus)
    if not corpus:
        print(f"no texts in {args.corpus}", file=sys.stderr)
        return 1
    kb = knowledge.load()
    work = [corpus[i % len(corpus)] for i in range(max(args.texts, len(corpus)))]
    for content, published in corpus:  # warm-up: compile the knowledge once
        pipeline.extract(content, published, kb)

    per_text = []
    start = time.perf_counter()
    for content, published in work:
        t0 = time.perf_counter()
        pipeline.extract(content, published, kb)
        per_text.append(time.perf_counter() - t0)
    total = time.perf_counter() - start

    spent: dict[str, float] = defaultdict(float)
    instrument(spent)
    for content, published in work:
        pipeline.extract(content, published, kb)
    kilobytes = sum(len(c.encode()) for c, _ in work) / 1024

    print(f"texts              {len(work)} ({len(corpus)} distinct, {kilobytes / len(work):.1f} KB on average)")
    print(f"throughput         {len(work) / total:,.0f} texts/s (target >= 1,000)")
    print(f"median per text    {statistics.median(per_text) * 1000:.3f} ms")
    print(f"p95 per text       {sorted(per_text)[int(len(per_text) * 0.95)] * 1000:.3f} ms")
    print("time per pass (instrumented run):")
    whole = sum(spent.values())
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<12} {seconds / len(work) * 1000:7.3f} ms/text  {seconds / whole:6.1%}")
    print(f"slowest pass       {max(spent, key=spent.get)}")

    # A long text must cost about what its parts cost: a quadratic step shows up here.
    parts = [c for c, _ in corpus] * 10
    start = time.perf_counter()
    for content in parts:
        pipeline.extract(content, None, kb)
    separate = time.perf_counter() - start
    joined = "\n\n".join(parts)
    start = time.perf_counter()
    pipeline.extract(joined, None, kb)
    together = time.perf_counter() - start
    print(f"long text          {len(joined.encode()) / 1e6:.2f} MB in {together:.2f} s; "
          f"its parts one by one {separate:.2f} s (ratio {together / separate:.1f}, ~1 is linear)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
