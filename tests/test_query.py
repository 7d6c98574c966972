"""Reference semantics of `briefs list` filters, on records written by hand."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, strategies as st

from briefs import query
from briefs.query import Filters
from briefs.record import new_record


def make(rid: str, published: str | None, actors=(), topics=(), places=(), agreements=(), meetings=()) -> dict:
    r = new_record()
    r.update(id=rid, published=published, topics=list(topics), places=list(places))
    r["actors"] = [{"name": n, "role": None, "country": c, "aliases": list(al)} for n, c, al in actors]
    r["agreements"] = [{"name": n, "kind": k, "status": s, "date": None} for n, k, s in agreements]
    r["meetings"] = [{"date": d, "date_text": None, "place": p, "kind": "rencontre", "participants": []} for d, p in meetings]
    return r


LARIJANI = make("2026-01-30-larijani-poutine", "2026-01-31",
                actors=[("Ali Larijani", "IR", ["Larijani"]), ("Vladimir Poutine", "RU", ["Poutine"])],
                topics=["diplomatie", "energie"], places=["Moscou"],
                agreements=[("accords conclus au plus haut niveau", "accord", "signé")],
                meetings=[("2026-01-30", "Moscou")])
OLD = make("2001-03-12-khatami-poutine", "2001-03-13",
           actors=[("Mohammad Khatami", "IR", []), ("Vladimir Poutine", "RU", [])],
           topics=["defense"], places=["Saint-Pétersbourg"],
           agreements=[("traité sur les fondements des relations", "traité", "signé")])


def test_fold_ignores_case_accents_and_punctuation():
    assert query.fold("Choïgou") == query.fold("CHOIGOU") == "choigou"
    assert query.fold("Amir-Abdollahian") == "amir abdollahian"


def test_actor_matches_full_name_surname_alias_any_case():
    for q in ("larijani", "Larijani", "Ali Larijani", "ALI LARIJANI", "larîjani"):
        assert query.matches(LARIJANI, Filters(actor=q)), q
    assert not query.matches(LARIJANI, Filters(actor="Khatami"))
    assert not query.matches(LARIJANI, Filters(actor="Ali Khatami"))


def test_topic_place_country_agreement():
    assert query.matches(LARIJANI, Filters(topic="energie"))
    assert not query.matches(LARIJANI, Filters(topic="defense"))
    assert query.matches(OLD, Filters(place="saint petersbourg"))
    assert query.matches(LARIJANI, Filters(country="ir"))
    assert not query.matches(LARIJANI, Filters(country="US"))
    assert query.matches(OLD, Filters(agreement="traite"))
    assert not query.matches(LARIJANI, Filters(agreement="traité"))


def test_period_filters_overlap_partial_dates():
    assert query.period("2024-02") == ("2024-02-01", "2024-02-29")
    assert query.period("2023") == ("2023-01-01", "2023-12-31")
    assert query.matches(LARIJANI, Filters(since="2026-01-01"))
    assert not query.matches(OLD, Filters(since="2001-04-01"))
    assert query.matches(OLD, Filters(until="2001-03-13"))
    assert not query.matches(OLD, Filters(until="2001-03-12"))
    year_only = make("2015-x", "2015")
    assert query.matches(year_only, Filters(since="2015-06-01", until="2015-06-30"))


def test_filters_combine_with_and_and_select_sorts_newest_first():
    found = query.select([OLD, LARIJANI], Filters(actor="Poutine"))
    assert [r["id"] for r in found] == [LARIJANI["id"], OLD["id"]]
    assert query.select([OLD, LARIJANI], Filters(actor="Poutine", topic="defense")) == [OLD]
    assert query.select([OLD, LARIJANI], Filters(actor="Poutine"), limit=1) == [LARIJANI]


def test_brief_date_falls_back_to_first_meeting():
    r = make("x", None, meetings=[("2020-05-02", None)])
    assert query.brief_date(r) == "2020-05-02"
    assert query.brief_date(make("y", None)) is None


def test_archive_summary_counts():
    s = query.archive_summary([OLD, LARIJANI])
    assert s["briefs"] == 2 and s["first"] == "2001-03-13" and s["last"] == "2026-01-31"
    assert s["actors"][0] == ("Vladimir Poutine", 2)
    assert s["latest"][0]["id"] == LARIJANI["id"]


def test_summary_ties_are_ordered_by_name():
    from collections import Counter

    assert query.most_common(Counter({"b": 1, "a": 1, "c": 2}), 2) == [("c", 2), ("a", 1)]


@given(st.dates(min_value=dt.date(1, 1, 1)), st.sampled_from([4, 7, 10]))
def test_iso_period_is_the_user_date_parser_on_iso_forms(day, length):
    from briefs.extract.dates import parse_user_date

    text = day.isoformat()[:length]
    assert query.iso_period(text) == parse_user_date(text)


@pytest.mark.parametrize("text", ["2024-13", "2024-02-30", "0000", "2024-1", "24-01-01", "janvier 2024", "2024-00"])
def test_iso_period_leaves_everything_else_to_the_parser(text):
    assert query.iso_period(text) is None
