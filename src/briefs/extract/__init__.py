"""Text -> record. Pure: no I/O, no global state; knowledge comes in as an argument.

The passes run in a fixed order (see EXTRACTION.md in the shared folder):
normalise, persons, places, dates inside frames (meetings, agreements,
events), topics, quotes. Each pass is a module with one public function.
"""
from __future__ import annotations

import datetime as dt

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefs.knowledge import Knowledge

# The passes are imported inside `extract()`, not here: `briefs.extract.dates`
# (user date parsing for `list --since`) must not pull in the whole extractor.
# Import a pass as a submodule: `from briefs.extract import actors`.


def extract(
    content: str,
    published: dt.date | None,
    kb: Knowledge,
    *,
    source_file: str | None = None,
    url: str | None = None,
) -> dict:
    """The record for one text (without `id` and `added`, which the archive assigns)."""
    from briefs.extract import actors, agreements, events, meetings, places, quotes, text, topics
    from briefs.extract.summary import summary_and_title
    from briefs.record import new_record

    cleaned = text.clean(content)
    if published is None:
        from briefs.extract.published import find_published

        published = find_published(cleaned)
    doc = text.make_doc(cleaned, published, kb)
    persons = actors.find_persons(doc, kb)
    place_mentions = places.find_places(doc, kb)
    found_meetings = meetings.find_meetings(doc, kb, persons, place_mentions)
    summary, title = summary_and_title(doc)
    record = new_record()
    record.update(
        title=title,
        published=published.isoformat() if published else None,
        source={"file": source_file, "url": url or places.find_url(doc), "sha256": text.sha256(cleaned)},
        language=doc.language,
        summary=summary,
        actors=[p.as_record() for p in persons],
        meetings=found_meetings,
        topics=topics.find_topics(doc, kb),
        agreements=agreements.find_agreements(doc, kb),
        events=events.find_events(doc, kb, persons, place_mentions, found_meetings),
        places=_unique(p.name for p in place_mentions),
        organizations=places.find_organizations(doc, kb),
        quotes=quotes.find_quotes(doc, kb, persons),
    )
    return record


def _unique(items) -> list:
    return list(dict.fromkeys(items))
