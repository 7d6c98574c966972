"""The word-index shortcuts give exactly what the full scans give (matches, dates, sentences)."""
from __future__ import annotations

import datetime as dt

import pytest

from briefs.extract import agreements, events, places, topics
from briefs.extract.dates import find_dates
from briefs.extract.lexicon import _FOLD_TABLE, fold, lexicon_matcher
from briefs.extract.model import Span
from briefs.extract.text import clean, make_doc

TEXTS = [
    "Le 3 mars, à Téhéran, le ministre a annoncé la signature d'un accord de coopération économique.",
    "SAINT-PETERSBOURG, 2 mai - LE TRAITÉ A ÉTÉ SIGNÉ ; la Commission économique mixte Iran-Russie se tiendra "
    "du 16 au 18 février à Kazan.",
    "les  manœuvres navales ont eu lieu, a-t-il ajouté ; l'œuvre du Conseil de sécurité, l'OCS et les BRICS.",
    "Иран и Россия: 12 января Lavrov s'est rendu à Moscou; le ٣ mars et le 5 mars, lundi prochain.",
    "x2024 1er juin 2023_ ² ³ 2e édition du forum; programme nucléaire iranien, sanctions, corridor Nord-Sud.",
    "Racht-Astara, Bandar-Abbas et Bouchehr : livraison du combustible en décembre 2007 et janvier 2008.",
]


def _variants(text: str) -> list[str]:
    return [text, text.upper(), text.lower(), text.title(), text.replace(" ", "-"), text.replace(" ", "\u00a0 ")]


def _matchers(kb):
    lex = agreements.lexicon(kb)
    return [
        kb.compiled("places.matcher", places._place_table)[0],
        kb.compiled("organizations.matcher", places._org_table)[0],
        kb.compiled("topics.matcher", topics._cue_table)[0],
        lex.mention_matcher,
        lex.cue_matcher,
        kb.compiled("events.lexicon", events._build).anchors,
    ]


@pytest.mark.parametrize("text", TEXTS)
def test_indexed_scan_is_the_full_scan(kb, text):
    for variant in _variants(text):
        doc = make_doc(clean(variant), dt.date(2024, 5, 1))
        for matcher in _matchers(kb):
            assert matcher.keys is not None  # the packaged lexicons are all indexable
            want = [(m.start(), m.end()) for m in matcher.regex.finditer(doc.norm)]
            assert [(m.start(), m.end()) for m in matcher.scan(doc)] == want


def test_keys_with_stems_pairs_and_short_words():
    matcher = lexicon_matcher([fold(k) for k in ["a annoncé", "ue", "économi*", "pi*", "5+1", "al-Assad", "öl"]])
    assert matcher.keys is not None
    doc = make_doc(clean("Il a annoncé que l'UE, Al-Assad et le 5+1 parlent d'économie, de PIB et d'Öl, pas de pizza."), None)
    want = [m.group() for m in matcher.regex.finditer(doc.norm)]
    assert [m.group() for m in matcher.scan(doc)] == want
    assert "a annoncé" in want and "économie" in want


def test_unindexable_keys_fall_back_to_the_full_scan():
    matcher = lexicon_matcher(["«x", "ıran"])
    assert matcher.keys is None
    doc = make_doc(clean("Le «x» de IRAN et ıran."), None)
    assert [m.group() for m in matcher.scan(doc)] == [m.group() for m in matcher.regex.finditer(doc.norm)]


@pytest.mark.parametrize("text", TEXTS)
def test_sentence_dates_are_find_dates(text):
    published = dt.date(2024, 5, 1)
    for variant in _variants(text):
        doc = make_doc(clean(variant), published)
        n = len(doc.norm)
        spans = list(doc.sentences) + [Span(a, b) for a in range(0, n, 7) for b in range(a + 1, n + 1, 11)]
        for span in spans:
            assert doc.sentence_dates(span) == find_dates(doc.norm[span.start:span.end], published, offset=span.start)


def test_sentence_at_is_the_sentence_holding_the_offset():
    doc = make_doc(clean("Titre\n\nUne phrase. Une autre ici.  Et M. X part.\nFin"), None)
    for offset in range(-1, len(doc.norm) + 2):
        want = next((s for s in doc.sentences if s.start <= offset < s.end), None)
        assert doc.sentence_at(offset) == want


def test_fold_shortcut_matches_the_table():
    for word in ["Moscou", "BRICS", "abc123", "Téhéran", "l'accord", "Saint-Pétersbourg", "œuvre", "", "a b"]:
        assert fold(word) == " ".join(word.translate(_FOLD_TABLE).lower().split())


def test_a_key_spelled_oe_matches_the_ligature_in_the_text():
    from briefs.extract.lexicon import WordIndex, fold_same_length, lexicon_regex

    rx = lexicon_regex(["manoeuvre*", "soeur", "caecum"])
    text = "Les MANŒUVRES, la sœur, un cæcum et des manoeuvres ; pas « manœu »."
    assert [m.group() for m in rx.finditer(text)] == ["MANŒUVRES", "sœur", "cæcum", "manoeuvres"]
    index = WordIndex(fold_same_length(text))
    assert index.positions[b"manoeuvres"] == [text.index("MANŒUVRES"), text.index("manoeuvres")]
    assert index.positions[b"soeur"] == [text.index("sœur")]


def test_an_exercise_told_with_the_ligature_is_found(extract_text):
    record = extract_text("Les marines des deux pays mèneront des manœuvres conjointes du 4 au 9 mai en mer Caspienne.",
                          "2026-04-20")
    assert [(e["start"], e["end"]) for e in record["events"]] == [("2026-05-04", "2026-05-09")]
    assert "defense" in record["topics"]


from hypothesis import given, strategies as st  # noqa: E402


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30))), st.integers(-5, 100))
def test_covering_is_any_span_holding_the_position(raw, pos):
    from briefs.extract.model import covering

    spans = [(lo, lo + width, "x") for lo, width in raw]  # overlapping, nested, empty spans alike
    assert covering(spans)(pos) == any(lo <= pos < hi for lo, hi, _ in spans)


def test_a_longer_literal_key_wins_over_a_star_stem():
    matcher = lexicon_matcher([fold("diplomati*"), fold("diplomatie russe")])
    doc = make_doc(clean("Selon la diplomatie russe, la diplomatie régionale progresse ; rapport diplomatique."), None)
    assert [m.group() for m in matcher.scan(doc)] == ["diplomatie russe", "diplomatie", "diplomatique"]
