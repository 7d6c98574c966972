"""Tests for briefs.extract.dates: the French date grammar and its resolution.

Every expected value below was worked out by hand against a calendar
(weekdays checked with datetime.date(...).strftime('%A')); the sentences
are written for these tests, not taken from the corpus.  The last tests run
over the shared corpus and compare with its gold `date_text`s.
"""
from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefs.extract.dates import (
    DateMention,
    find_dates,
    is_future_clause,
    parse_iso_partial,
    parse_user_date,
)

CORPUS = Path(__file__).parents[2] / "shared" / "corpus"


def D(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def only(text: str, published: str | None, future: bool | None = None) -> DateMention:
    """The single mention of `text` (fails if there is not exactly one)."""
    found = find_dates(text, D(published) if published else None, future)
    assert len(found) == 1, [(m.text, m.value) for m in found]
    return found[0]


def mention(text: str, published: str | None, words: str) -> DateMention:
    """The mention whose text is `words`."""
    found = find_dates(text, D(published) if published else None)
    hits = [m for m in found if m.text == words]
    assert hits, [(m.text, m.value) for m in found]
    return hits[0]


# --------------------------------------------------------------------------
# Weekdays (2019-06-12 is a Wednesday)
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Le ministre a rencontré vendredi son homologue turc.", "2019-06-07"),
        ("Le porte-parole a annoncé mardi la tenue d'une réunion à Bakou.", "2019-06-11"),
        ("Les deux hommes se sont entretenus lundi par téléphone.", "2019-06-10"),
        ("Le ministre se rendra vendredi à Téhéran.", "2019-06-14"),
        ("Il doit s'entretenir lundi avec le président.", "2019-06-17"),
        ("Le président recevra jeudi au Kremlin son homologue.", "2019-06-13"),
        ("Le vice-ministre est attendu lundi à Bakou.", "2019-06-17"),
        ("La délégation devrait arriver samedi à Moscou.", "2019-06-15"),
        ("Les experts vont se réunir mardi à Vienne.", "2019-06-18"),
    ],
)
def test_weekday_direction_follows_the_verb(sentence, expected):
    m = only(sentence, "2019-06-12")
    assert m.value == expected
    assert m.relative is True


def test_weekday_said_on_that_day_in_the_past_is_that_day():
    # 2025-03-04 is a Tuesday.
    assert only("Les deux hommes se sont entretenus mardi.", "2025-03-04").value == "2025-03-04"


def test_ce_mardi_on_a_tuesday_is_that_day():
    m = only("Le ministre a été reçu ce mardi à Moscou.", "2025-03-04")
    assert (m.text, m.value) == ("ce mardi", "2025-03-04")


def test_ce_mardi_on_a_tuesday_even_in_a_future_clause():
    assert only("Il sera reçu ce mardi par le président.", "2025-03-04").value == "2025-03-04"


def test_vendredi_dernier_is_strictly_before_and_crosses_the_month():
    # 2025-03-07 is a Friday: the Friday before is 2025-02-28.
    m = only("Il a reçu vendredi dernier l'ambassadeur.", "2025-03-07")
    assert (m.text, m.value) == ("vendredi dernier", "2025-02-28")


def test_lundi_prochain_is_strictly_after():
    # 2025-03-03 is a Monday: next Monday is 2025-03-10.
    m = only("La délégation arrivera lundi prochain.", "2025-03-03")
    assert (m.text, m.value) == ("lundi prochain", "2025-03-10")


def test_lundi_dernier_capitalised():
    # 2019-06-12 (Wednesday): the Monday before is 2019-06-10.
    m = only("Lundi dernier, l'ambassadeur a été reçu au ministère.", "2019-06-12")
    assert (m.text, m.value) == ("Lundi dernier", "2019-06-10")


def test_past_weekday_across_a_month_boundary():
    # 2001-03-01 is a Thursday; the Monday before is 2001-02-26.
    assert only("Les présidents ont signé lundi un traité.", "2001-03-01").value == "2001-02-26"


def test_past_weekday_across_a_year_boundary():
    # 2025-01-02 is a Thursday; the Saturday before is 2024-12-28.
    assert only("Il s'est entretenu samedi avec son homologue.", "2025-01-02").value == "2024-12-28"


def test_future_weekday_across_a_year_boundary():
    # 2024-12-30 is a Monday; the next Thursday is 2025-01-02.
    assert only("Le ministre se rendra jeudi à Pékin.", "2024-12-30").value == "2025-01-02"


def test_weekday_with_time_of_day_keeps_the_words():
    # 2022-10-20 is a Thursday; the Sunday before is 2022-10-16.
    m = only("Dimanche soir, le ministre s'était entretenu avec son homologue.", "2022-10-20")
    assert (m.text, m.value) == ("Dimanche soir", "2022-10-16")


def test_future_flag_overrides_the_clause():
    # 2019-06-12 (Wednesday): next Friday 2019-06-14, previous one 2019-06-07.
    assert only("Réunion vendredi à Genève.", "2019-06-12", future=True).value == "2019-06-14"
    assert only("Réunion vendredi à Genève.", "2019-06-12", future=False).value == "2019-06-07"


def test_two_weekdays_in_one_sentence_take_their_own_verbs():
    # 2018-04-13 is a Friday: « se rendra lundi » -> 2018-04-16; « a annoncé vendredi » -> 2018-04-13.
    found = find_dates(
        "Le ministre se rendra lundi à Moscou pour s'entretenir avec son homologue, "
        "a annoncé vendredi la diplomatie iranienne.",
        D("2018-04-13"),
    )
    assert [(m.text, m.value) for m in found] == [("lundi", "2018-04-16"), ("vendredi", "2018-04-13")]


# --------------------------------------------------------------------------
# Days relative to the publication date (2022-10-20, a Thursday)
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence, words, expected",
    [
        ("Les ministres ont signé hier un accord.", "hier", "2022-10-19"),
        ("Il est arrivé avant-hier à Moscou.", "avant-hier", "2022-10-18"),
        ("Le ministre est arrivé aujourd'hui à Moscou.", "aujourd'hui", "2022-10-20"),
        ("Le ministre est arrivé aujourd’hui à Moscou.", "aujourd’hui", "2022-10-20"),
        ("Il sera reçu demain au Kremlin.", "demain", "2022-10-21"),
        ("Il sera reçu après-demain au Kremlin.", "après-demain", "2022-10-22"),
        ("Les deux hommes se sont parlé il y a deux jours.", "il y a deux jours", "2022-10-18"),
        ("Hier soir, le président a reçu l'émissaire.", "Hier soir", "2022-10-19"),
    ],
)
def test_relative_days(sentence, words, expected):
    m = mention(sentence, "2022-10-20", words)
    assert m.value == expected and m.relative


# --------------------------------------------------------------------------
# Week, month and year phrases
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence, words, expected",
    [
        ("En début de semaine, le vice-ministre a reçu l'ambassadeur.", "En début de semaine", "2022-10-17"),
        ("Le vice-ministre a reçu en début de semaine l'ambassadeur.", "en début de semaine", "2022-10-17"),
        ("Le texte sera signé en fin de semaine.", "en fin de semaine", "2022-10-21"),
        ("Les experts se sont réunis cette semaine à Vienne.", "cette semaine", "2022-10-17"),
        ("Il a rencontré la semaine dernière le ministre.", "la semaine dernière", "2022-10-10"),
        ("Il est attendu la semaine prochaine à Téhéran.", "la semaine prochaine", "2022-10-24"),
        ("Les échanges ont reculé le mois dernier.", "le mois dernier", "2022-09"),
        ("La commission se réunira le mois prochain.", "le mois prochain", "2022-11"),
        ("Les échanges ont doublé l'année dernière.", "l'année dernière", "2021"),
        ("Le réacteur sera achevé l’an prochain.", "l’an prochain", "2023"),
    ],
)
def test_week_month_year_phrases(sentence, words, expected):
    m = mention(sentence, "2022-10-20", words)
    assert m.value == expected and m.relative


def test_week_of_a_sunday_starts_the_monday_before():
    # 2026-02-01 is a Sunday; its week began on Monday 2026-01-26.
    assert only("En début de semaine, les deux parties ont négocié.", "2026-02-01").value == "2026-01-26"


# --------------------------------------------------------------------------
# Day and month, with or without year
# --------------------------------------------------------------------------
def test_day_month_past_same_year():
    m = only("Le mémorandum avait été signé le 17 janvier à Moscou.", "2024-03-05")
    assert (m.text, m.value, m.relative) == ("le 17 janvier", "2024-01-17", True)


def test_ce_day_month_on_the_day():
    m = only("Le secrétaire a reçu ce 24 janvier son homologue.", "2024-01-24")
    assert (m.text, m.value) == ("ce 24 janvier", "2024-01-24")


def test_day_month_past_goes_back_over_new_year():
    assert only("Le contrat a été signé le 30 décembre.", "2015-01-05").value == "2014-12-30"


def test_day_month_in_a_past_clause_stays_before_even_if_a_later_one_is_closer():
    # Published in September: February 2019 (7 months back), not February 2020.
    m = only("Les dirigeants s'étaient retrouvés le 14 février à Sotchi.", "2019-09-19")
    assert m.value == "2019-02-14"


def test_day_month_future_shortly_after():
    m = only("Le ministre est attendu à Ankara le 15 juin.", "2023-06-01")
    assert m.value == "2023-06-15"


def test_premier_of_the_month():
    m = mention("Depuis le 1er janvier, l'Iran est membre du groupe.", "2024-01-24", "le 1er janvier")
    assert m.value == "2024-01-01"
    assert only("Le prochain lot est attendu le 1er avril.", "2021-02-10").value == "2021-04-01"


def test_capitalised_article_and_datelines():
    m = only("Le 2 janvier, le ministre a eu un entretien téléphonique avec son homologue.", "2010-01-05")
    assert (m.text, m.value) == ("Le 2 janvier", "2010-01-02")
    assert only("MOSCOU, 5 janvier - Rien de neuf.", "2010-01-05").value == "2010-01-05"


def test_du_day_month_alone_is_one_day():
    m = only("Ils ont repris l'échange entamé lors de leur appel du 29 décembre.", "2012-01-03")
    assert (m.text, m.value, m.end_value) == ("du 29 décembre", "2011-12-29", None)


def test_attentats_du_11_septembre_is_a_date():
    m = only("Ils ont évoqué l'Afghanistan après les attentats du 11 septembre.", "2001-10-03")
    assert (m.text, m.value) == ("du 11 septembre", "2001-09-11")


def test_day_month_year_is_absolute():
    m = only("Le traité a été signé le 17 janvier 2025 à Moscou.", "2026-01-31")
    assert (m.text, m.value, m.relative) == ("le 17 janvier 2025", "2025-01-17", False)


def test_numeric_date():
    m = only("Publié le 17/01/2025 à 10h32", "2025-01-20")
    assert m.value == "2025-01-17"
    assert only("mis à jour 2025-01-18", None).value == "2025-01-18"


@pytest.mark.parametrize("sentence", ["Ils s'étaient connus un 3 février à Téhéran.", "Leur rencontre remonte à un 13 mars."])
def test_un_day_month_has_no_year(sentence):
    m = only(sentence, "2025-10-21")
    assert m.text.startswith("un ") and m.value is None


def test_un_day_month_il_y_a_plusieurs_annees_keeps_the_words():
    m = only("Leur premier entretien remonte à un 12 mars, il y a plusieurs années, à Bakou.", "2011-08-16")
    assert (m.text, m.value) == ("un 12 mars, il y a plusieurs années", None)


# --------------------------------------------------------------------------
# Ranges
# --------------------------------------------------------------------------
def test_range_in_one_month_announced():
    m = only("La commission mixte se tiendra à Moscou du 2 au 4 février.", "2025-11-20")
    assert (m.text, m.value, m.end_value) == ("du 2 au 4 février", "2026-02-02", "2026-02-04")


def test_range_across_months():
    m = only("Les manœuvres se dérouleront du 28 février au 2 mars.", "2023-02-10")
    assert (m.value, m.end_value) == ("2023-02-28", "2023-03-02")


def test_range_across_new_year():
    m = only("Les exercices auront lieu du 28 décembre au 3 janvier.", "2023-12-15")
    assert (m.value, m.end_value) == ("2023-12-28", "2024-01-03")


def test_past_range_in_a_past_clause():
    m = only("Les manœuvres ont été menées du 20 au 23 novembre.", "2023-12-01")
    assert (m.value, m.end_value) == ("2023-11-20", "2023-11-23")


def test_range_with_year():
    m = only("Le forum s'est tenu du 16 au 18 février 2020.", None)
    assert (m.value, m.end_value, m.relative) == ("2020-02-16", "2020-02-18", False)


def test_range_of_months_with_years():
    m = only("Le combustible avait été livré entre novembre 2012 et février 2013.", "2014-05-01")
    assert (m.text, m.value, m.end_value) == ("entre novembre 2012 et février 2013", "2012-11", "2013-02")


def test_range_of_years():
    m = only("La Russie avait livré ces systèmes en 2006 et 2007.", "2010-09-23")
    assert (m.value, m.end_value) == ("2006", "2007")


# --------------------------------------------------------------------------
# Months, parts of months, years, seasons
# --------------------------------------------------------------------------
def test_bare_month_past():
    m = only("Les présidents avaient signé le traité en mars.", "2001-10-03")
    assert (m.text, m.value) == ("en mars", "2001-03")


def test_bare_month_future_goes_to_next_year():
    assert only("Le président se rendra à Moscou en mars.", "2024-10-15").value == "2025-03"


def test_bare_month_current_month():
    assert only("Le texte a été ratifié en octobre.", "2024-10-15").value == "2024-10"


@pytest.mark.parametrize(
    "sentence, published, words, expected",
    [
        ("Le Sénat doit examiner le texte mi-avril.", "2025-04-02", "mi-avril", "2025-04"),
        ("Ils s'étaient vus fin mai à Sotchi.", "2018-06-10", "fin mai", "2018-05"),
        ("Le contrat a été conclu début mars.", "2022-07-01", "début mars", "2022-03"),
        ("La centrale devrait être raccordée au réseau mi-novembre.", "2010-08-21", "mi-novembre", "2010-11"),
    ],
)
def test_part_of_month(sentence, published, words, expected):
    m = only(sentence, published)
    assert (m.text, m.value) == (words, expected)


@pytest.mark.parametrize(
    "sentence, words, expected",
    [
        ("Le texte sera examiné fin avril 2025.", "fin avril 2025", "2025-04"),
        ("Un protocole a été signé en mars 2005.", "en mars 2005", "2005-03"),
        ("Il est en vigueur depuis février 2005.", "février 2005", "2005-02"),
        ("Le chantier a repris début 2015.", "début 2015", "2015"),
        ("Le contrat a été signé en 2001.", "en 2001", "2001"),
        ("Il est en vigueur depuis 2016.", "2016", "2016"),
        ("L'accord de 2015 reste menacé.", "2015", "2015"),
    ],
)
def test_absolute_months_and_years(sentence, words, expected):
    m = only(sentence, "2026-01-31")
    assert (m.text, m.value, m.relative) == (words, expected, False)


def test_seasons():
    # Autumn starts on 22 September: said on 1 July 2022 it is 2022's, on 20 October 2022 it is 2023's.
    assert only("Les travaux reprendront l'automne prochain.", "2022-07-01").value == "2022"
    assert only("Les travaux reprendront l’automne prochain.", "2022-10-20").value == "2023"
    m = only("Les sanctions renforcées cet été ne visent pas la centrale.", "2010-08-21")
    assert (m.text, m.value) == ("cet été", "2010")


@pytest.mark.parametrize(
    "sentence, words, expected",
    [
        ("Ils se sont rencontrés en juillet dernier.", "en juillet dernier", "2022-07"),
        ("Ils se sont rencontrés en octobre dernier.", "en octobre dernier", "2021-10"),
        ("Ils se reverront en septembre prochain.", "en septembre prochain", "2023-09"),
        ("Des élections auront lieu le 2 décembre prochain.", "le 2 décembre prochain", "2022-12-02"),
        ("Il l'avait vu le 3 mars dernier.", "le 3 mars dernier", "2022-03-03"),
    ],
)
def test_month_and_day_with_dernier_or_prochain(sentence, words, expected):
    # Published 2022-10-20: « octobre dernier » is the October before this one.
    m = only(sentence, "2022-10-20")
    assert (m.text, m.value) == (words, expected)


def test_year_outside_the_date_range_is_not_guessed():
    m = only("La Bastille est tombée le 14 juillet 1789.", "2022-10-20")
    assert m.value is None


def test_english_fall_of_a_city_is_not_a_season():
    assert find_dates("After the fall of Kabul, many fled.", D("2022-10-20")) == []
    assert only("They will meet in the fall of 2023.", "2022-10-20").value == "2023"


def test_a_ete_is_not_a_season():
    assert find_dates("Le texte a été signé et il a été ratifié.", D("2010-08-21")) == []


# --------------------------------------------------------------------------
# English
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence, words, expected",
    [
        ("The ministers met on Tuesday in Geneva.", "on Tuesday", "2022-10-18"),
        ("He will travel to Ankara on Saturday.", "on Saturday", "2022-10-22"),
        ("The two envoys held talks on April 12 in Muscat.", "on April 12", "2022-04-12"),
        ("GENEVA, October 19 - The talks resumed.", "October 19", "2022-10-19"),
        ("The minister arrived yesterday in Moscow.", "yesterday", "2022-10-19"),
        ("They spoke last week by phone.", "last week", "2022-10-10"),
        ("The deal was signed in March 2005.", "in March 2005", "2005-03"),
    ],
)
def test_english(sentence, words, expected):
    assert mention(sentence, "2022-10-20", words).value == expected


# --------------------------------------------------------------------------
# Without a publication date
# --------------------------------------------------------------------------
def test_no_published_date_leaves_relative_values_empty():
    assert only("Il a rencontré vendredi son homologue.", None).value is None
    assert only("Il a reçu ce 24 janvier son homologue.", None).value is None
    assert only("Il l'a rencontré la semaine dernière.", None).value is None
    m = only("Il l'a rencontré hier.", None)
    assert m.value is None and m.relative


def test_no_published_date_still_resolves_absolute_dates():
    assert only("Le traité a été signé le 17 janvier 2025.", None).value == "2025-01-17"
    assert only("Le traité a été signé en 2001.", None).value == "2001"
    assert only("Le protocole a été signé en février 2005.", None).value == "2005-02"


# --------------------------------------------------------------------------
# Things that are not dates
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "Un projet de 7 200 kilomètres relie les ports de la Baltique à l'océan Indien.",
        "Le réacteur de 1000 mégawatts alimente le réseau.",
        "Le réacteur de 1 000 mégawatts alimente le réseau.",
        "Un contrat de 800 millions de dollars a été conclu.",
        "Le décret applique la résolution 1929 du Conseil de sécurité.",
        "Une force de 2000 soldats est déployée.",
        "Une feuille de route pour 2025-2026 est en préparation.",
        "Ils se connaissent depuis plusieurs années.",
        "La mission partira d'Ankara vers Marseille.",
        "Le lendemain, ils sont repartis.",
        "Le vote a eu lieu à Mascate.",
    ],
)
def test_non_dates_do_not_match(sentence):
    assert find_dates(sentence, D("2024-01-24")) == []


# --------------------------------------------------------------------------
# Typography, case, offsets
# --------------------------------------------------------------------------
def test_non_breaking_spaces_and_hyphens():
    text = "Signé le\u00a017\u00a0janvier\u202f2025, examiné mi\u2011avril\u00a02025."
    found = find_dates(text, D("2025-05-01"))
    assert [(m.text, m.value) for m in found] == [
        ("le\u00a017\u00a0janvier\u202f2025", "2025-01-17"),
        ("mi\u2011avril\u00a02025", "2025-04"),
    ]


def test_upper_case_text():
    assert only("EN DÉBUT DE SEMAINE, LE MINISTRE A REÇU L'AMBASSADEUR.", "2022-10-20").value == "2022-10-17"


def test_offsets_point_at_the_words():
    text = "Le ministre a rencontré vendredi son homologue, et il se rendra le 3 mars à Bakou."
    for m in find_dates(text, D("2025-02-20")):
        assert text[m.start:m.end] == m.text


def test_le_meme_jour_takes_the_day_of_the_story():
    found = find_dates(
        "Le sommet s'est tenu mardi à Téhéran. Le même jour, les deux présidents se sont entretenus.",
        D("2022-07-20"),  # a Wednesday
    )
    assert [(m.text, m.value) for m in found] == [("mardi", "2022-07-19"), ("Le même jour", "2022-07-19")]


_FUZZ_WORDS = [
    "le", "ce", "du", "au", "un", "en", "fin", "mi-", "début", "de", "la", "semaine", "dernier", "prochain",
    "lundi", "Vendredi", "soir", "17", "1er", "31", "2024", "1789", "janvier", "février", "mars", "hier",
    "avant-hier", "aujourd’hui", "il", "y", "a", "deux", "jours", "l’automne", "cet", "été", "et", "entre",
    "a", "rencontré", "se", "rendra", "doit", ",", ".", "\u00a0", "on", "Friday", "April", "12", "/", "-",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_FUZZ_WORDS), max_size=25),
    st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))),
    st.sampled_from([None, True, False]),
)
def test_fuzz_never_raises_and_offsets_hold(words, published, future):
    text = " ".join(words)
    for m in find_dates(text, published, future):
        assert text[m.start:m.end] == m.text
        if m.value is not None:
            assert parse_iso_partial(m.value) == m.value
        if published is None and m.relative:
            assert m.value is None


# --------------------------------------------------------------------------
# The tense heuristic
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "clause, expected",
    [
        ("Il doit s'entretenir lundi avec le ministre.", True),
        ("Le porte-parole a annoncé vendredi la tenue d'une réunion.", False),
        ("Le président se rendra jeudi à Moscou, a indiqué le Kremlin.", True),
        ("Le Kremlin a indiqué que le président se rendra jeudi à Moscou.", True),
        ("Les deux ministres se sont entretenus mardi.", False),
        ("Les ministres devraient signer l'accord.", True),
        ("Cette visite va renforcer les liens.", True),
        ("Le vice-ministre est attendu à Bakou.", True),
        ("L'accord avait été signé en 2001.", False),
        ("Le ministre plaidait pour un compromis.", False),
        ("Ankara accueille le sommet.", False),
        ("The ministers will meet in Rome.", True),
        ("The ministers met in Rome.", False),
        ("L'envoyé remettra jeudi un message au président.", True),
        ("Ce corridor permettra de contourner les sanctions.", True),
        ("Les patrons russes ont visité Ispahan.", False),
    ],
)
def test_is_future_clause(clause, expected):
    assert is_future_clause(clause) is expected


def test_is_future_clause_at_an_offset():
    text = "Il a rencontré lundi le ministre, et il se rendra jeudi à Bakou."
    assert is_future_clause(text, text.index("jeudi")) is True
    assert is_future_clause(text, text.index("lundi")) is False


# --------------------------------------------------------------------------
# parse_user_date / parse_iso_partial
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "given, expected",
    [
        ("2024", ("2024-01-01", "2024-12-31")),
        ("2024-01", ("2024-01-01", "2024-01-31")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2024-01-15", ("2024-01-15", "2024-01-15")),
        ("janvier 2024", ("2024-01-01", "2024-01-31")),
        ("Février 2023", ("2023-02-01", "2023-02-28")),
        ("fevrier 2024", ("2024-02-01", "2024-02-29")),
        ("AOUT 2021", ("2021-08-01", "2021-08-31")),
        ("15 janvier 2024", ("2024-01-15", "2024-01-15")),
        ("1er mars 2020", ("2020-03-01", "2020-03-01")),
        (" 15/01/2024 ", ("2024-01-15", "2024-01-15")),
    ],
)
def test_parse_user_date(given, expected):
    assert parse_user_date(given) == expected


@pytest.mark.parametrize("given", ["", "hier", "janvier", "2024-13", "2024-02-30", "31 février 2024", "foo 2024", "24"])
def test_parse_user_date_rejects(given):
    with pytest.raises(ValueError):
        parse_user_date(given)


@pytest.mark.parametrize(
    "given, expected",
    [("2024", "2024"), ("2024-1", "2024-01"), ("2024-01-05", "2024-01-05"), (" 2024-01-05 ", "2024-01-05"),
     (dt.date(2024, 1, 5), "2024-01-05"), (2001, "2001")],
)
def test_parse_iso_partial(given, expected):
    assert parse_iso_partial(given) == expected


@pytest.mark.parametrize("given", ["2024-13", "2024-02-30", "24", "janvier", "2024/01/05", ""])
def test_parse_iso_partial_rejects(given):
    with pytest.raises(ValueError):
        parse_iso_partial(given)


# --------------------------------------------------------------------------
# Speed: a sentence must cost microseconds, not milliseconds
# --------------------------------------------------------------------------
def test_speed_smoke():
    sentence = (
        "Le ministre iranien des Affaires étrangères se rendra lundi à Moscou pour s'entretenir "
        "avec son homologue russe, a annoncé vendredi la diplomatie iranienne."
    )
    published = D("2018-05-11")
    find_dates(sentence, published)
    began = time.perf_counter()
    for _ in range(500):
        find_dates(sentence, published)
    per_call = (time.perf_counter() - began) / 500
    assert per_call < 0.002  # generous for slow CI machines; typically well under 0.3 ms


# --------------------------------------------------------------------------
# The shared corpus: gold date_texts must be found with their gold value
# --------------------------------------------------------------------------
def _corpus_cases() -> list[tuple[str, str, str | None, str, dt.date]]:
    import yaml

    assert CORPUS.is_dir(), f"shared corpus not found at {CORPUS}"
    cases = []
    for gold_file in sorted(CORPUS.glob("*.yaml")):
        gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
        plain = CORPUS / f"{gold_file.stem}.txt"
        if plain.exists():
            text = plain.read_text(encoding="utf-8")
        else:
            text = (CORPUS / f"{gold_file.stem}.cp1252.txt").read_bytes().decode("cp1252")
        published = dt.date.fromisoformat(str(gold["published"]))
        for item in (gold.get("meetings") or []) + (gold.get("events") or []):
            words = item.get("date_text")
            if not words or words not in text:
                continue
            value = item["date"] if "date" in item else item.get("start")
            cases.append((gold_file.stem, words, None if value is None else str(value), text, published))
    return cases


def test_corpus_gold_date_texts():
    cases = _corpus_cases()
    assert len(cases) >= 50
    found_by_text: dict[str, list[DateMention]] = {}
    misses = []
    for stem, words, value, text, published in cases:
        if stem not in found_by_text:
            found_by_text[stem] = find_dates(text, published)
        if not any(m.text.lower() == words.lower() and m.value == value for m in found_by_text[stem]):
            got = [(m.text, m.value) for m in found_by_text[stem] if m.text.lower() == words.lower()]
            misses.append((stem, words, value, got))
    assert not misses, f"{len(cases) - len(misses)}/{len(cases)} gold date_texts right; misses: {misses}"


def test_a_planned_gathering_takes_the_coming_year():
    # « ont convenu d'organiser ... du 3 au 4 février », told in January: next month, not last year's
    m = mention("Les deux pays ont convenu d'organiser une conférence du 3 au 4 février à Doha.", "2026-01-20", "du 3 au 4 février")
    assert (m.value, m.end_value) == ("2026-02-03", "2026-02-04")


def test_present_tense_weekday_takes_the_tense_the_text_gives_that_day():
    from briefs.extract.dates import weekday_tenses

    text = ("Téhéran reçoit jeudi le forum gazier\n\n"
            "Les ministres de l'Énergie se réuniront jeudi dans la capitale iranienne.")
    pub = dt.date(2024, 3, 4)  # a Monday
    hints = weekday_tenses(text)
    assert hints == {3: "future"}
    [headline] = find_dates("Téhéran reçoit jeudi le forum gazier", pub, weekday_hint=hints.get)
    assert headline.value == "2024-03-07"
    # without a hint, or after a comma rather than a verb, the past rule stands
    assert find_dates("Téhéran reçoit jeudi le forum gazier", pub)[0].value == "2024-02-29"
    [bare] = find_dates("Après le retrait des États-Unis, jeudi, du traité", pub, weekday_hint=hints.get)
    assert bare.value == "2024-02-29"


# --------------------------------------------------------------------------
# « à la veille de », « le soir même », abbreviations, a day without month, the week-end
# --------------------------------------------------------------------------
def test_on_the_eve_of_points_forward():
    # 2024-06-27 is a Thursday.
    m = mention("Le texte a été signé à la veille de la réunion ministérielle de samedi.", "2024-06-27", "samedi")
    assert m.value == "2024-06-29"
    m = mention("L'accord tombe à l'approche du scrutin de dimanche.", "2024-06-27", "dimanche")
    assert m.value == "2024-06-30"


def test_the_day_before_alone_does_not_point_forward():
    m = mention("Il était arrivé la veille, mercredi.", "2024-06-27", "mercredi")
    assert m.value == "2024-06-26"


def test_the_same_evening_is_the_day_named_before_it():
    found = find_dates("Le lanceur a décollé lundi ; le soir même, les deux ministres se sont appelés.", D("2024-06-27"))
    assert [(m.text, m.value) for m in found] == [("lundi", "2024-06-24"), ("le soir même", "2024-06-24")]


def test_abbreviated_month_with_its_dot():
    assert only("Le mémorandum a été paraphé le 3 janv. 2024 à Bakou.", "2024-06-27").value == "2024-01-03"
    assert only("Les pourparlers ont repris le 14 févr. à Genève.", "2024-06-27").value == "2024-02-14"
    assert find_dates("Ils étaient sept. Les autres sont partis.", D("2024-06-27")) == []


def test_day_without_month_is_in_the_month_of_the_text():
    assert only("Le 12, les deux ministres se sont entretenus par téléphone.", "2024-06-27").value == "2024-06-12"
    assert only("Le vote final aura lieu le 3.", "2024-06-27").value == "2024-07-03"
    assert find_dates("Le taux est passé de 10 à 12 en un an.", D("2024-06-27")) == []
    assert find_dates("Le 20 heures de la chaîne a ouvert sur ce sujet.", D("2024-06-27")) == []


def test_week_end_is_its_saturday():
    assert only("Les négociateurs se sont vus le week-end dernier à Doha.", "2024-06-27").value == "2024-06-22"
    assert only("Ils se retrouveront ce week-end à Oman.", "2024-06-27").value == "2024-06-29"
    assert only("Next weekend the envoys meet again.", "2024-06-27").value == "2024-07-06"
    assert find_dates("Le week-end a été calme à Bakou.", D("2024-06-27")) == []


def test_range_of_two_weekday_dates():
    # 2025-03-12 is a Wednesday.
    m = only("Les deux ministres se verront mercredi 19 et jeudi 20 mars à Moscou.", "2025-03-12")
    assert (m.text, m.value, m.end_value) == ("mercredi 19 et jeudi 20 mars", "2025-03-19", "2025-03-20")
    m = only("La commission siégera du lundi 7 au mercredi 9 avril.", "2025-03-12")
    assert (m.value, m.end_value) == ("2025-04-07", "2025-04-09")


def test_quarter_or_half_of_a_year_gives_the_year():
    assert only("Les livraisons commenceront au premier trimestre 2026.", "2025-03-12").value == "2026"
    assert only("Le gazoduc a été achevé au second semestre 2024.", "2025-03-12").value == "2024"
    assert find_dates("Le premier ministre a parlé.", D("2025-03-12")) == []


def test_weekday_chooses_the_year_of_a_day_month():
    # 2024-01-17 was a Wednesday; the nearest 17 January before 2025-03-12 (2025) a Friday.
    assert only("Le traité a été signé mercredi 17 janvier.", "2025-03-12").value == "2024-01-17"
    assert only("Le traité a été signé vendredi 17 janvier.", "2025-03-12").value == "2025-01-17"


def test_past_infinitive_takes_the_tense_of_the_main_verb():
    # 2024-09-11 is a Wednesday.
    m = mention("Il doit rentrer vendredi après avoir été reçu jeudi par le président.", "2024-09-11", "jeudi")
    assert m.value == "2024-09-12"
    m = mention("Il est rentré vendredi après avoir été reçu jeudi par le président.", "2024-09-11", "jeudi")
    assert m.value == "2024-09-05"


def test_conditional_after_a_past_report_points_forward():
    # 2025-02-05 is a Wednesday.
    m = mention("Le Kremlin a confirmé que le président rencontrerait le 20 février son homologue.", "2025-02-05", "le 20 février")
    assert m.value == "2025-02-20"
    m = mention("Selon l'agence, le ministre se rendrait jeudi à Bakou.", "2025-02-05", "jeudi")
    assert m.value == "2025-02-06"
    # an imparfait is past: « livrait » is no conditional
    assert mention("L'usine livrait le 20 janvier ses dernières pièces.", "2025-02-05", "le 20 janvier").value == "2025-01-20"


def test_agreeing_to_meet_points_forward():
    m = mention("Les deux ministres ont convenu de se retrouver à Bakou au printemps.", "2025-02-05", "au printemps")
    assert m.value == "2025"


# --------------------------------------------------------------------------
# Numeric day/month without a year, bare days, a weekday with its day
# (2025-03-19 is a Wednesday)
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence, published, words, expected",
    [
        ("Le ministre a reçu le 12/03 son homologue arménien.", "2025-03-19", "le 12/03", "2025-03-12"),
        ("La délégation sera à Bakou le 02/04 pour la commission mixte.", "2025-03-19", "le 02/04", "2025-04-02"),
        ("Les deux hommes se sont vus mardi 11.03 à Genève.", "2025-03-19", "mardi 11.03", "2025-03-11"),
        ("Le 28/12, le vice-ministre avait été reçu au Kremlin.", "2025-01-05", "Le 28/12", "2024-12-28"),
        ("Brèves du 19/03 : le corridor avance.", "2025-03-19", "du 19/03", "2025-03-19"),
        ("La réunion a eu lieu le 12-03-2024 à Ankara.", "2025-03-19", "le 12-03-2024", "2024-03-12"),
        ("Vendredi 14/03/2025, les délégations se sont séparées.", "2025-03-19", "Vendredi 14/03/2025", "2025-03-14"),
    ],
)
def test_numeric_day_month_is_day_first(sentence, published, words, expected):
    assert mention(sentence, published, words).value == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Le score final était de 3/4 en faveur des visiteurs.",
        "Le centre d'appels fonctionne 24/7 depuis janvier.",
        "Le baril a pris 1.5 dollar en une séance.",
        "Le prix est passé à 12.03 dollars le baril.",
        "Le taux a atteint le 12.03 % fixé par la banque.",
    ],
)
def test_numbers_with_slash_or_dot_are_not_dates(sentence):
    assert [m for m in find_dates(sentence, D("2025-03-19")) if "/" in m.text or "." in m.text] == []


@pytest.mark.parametrize(
    "sentence, words, expected",
    [
        ("Le chef de la diplomatie sera reçu le 25 à Moscou.", "le 25", "2025-03-25"),
        ("L'émissaire a été reçu le 12 par le président.", "le 12", "2025-03-12"),
        ("Les experts se sont retrouvés le 4 avec leurs homologues.", "le 4", "2025-03-04"),
        ("Les deux ministres doivent se parler le 2 lors du sommet.", "le 2", "2025-04-02"),
    ],
)
def test_bare_day_before_a_preposition(sentence, words, expected):
    assert mention(sentence, "2025-03-19", words).value == expected


@pytest.mark.parametrize(
    "sentence, words, expected",
    [
        ("Il s'est rendu à Téhéran le dimanche 16.", "le dimanche 16", "2025-03-16"),
        ("Ils se reverront jeudi 3 à Bakou.", "jeudi 3", "2025-04-03"),
        ("Mardi 11, le vice-ministre a reçu l'ambassadeur.", "Mardi 11", "2025-03-11"),
    ],
)
def test_weekday_with_its_day_of_month(sentence, words, expected):
    assert mention(sentence, "2025-03-19", words).value == expected


# --------------------------------------------------------------------------
# Weeks, months and years told from the story's day; end of the year; approximate counts
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence, words, expected",
    [
        ("Ils s'étaient vus la semaine précédente à Doha.", "la semaine précédente", "2025-03-10"),
        ("Ils s'étaient vus la semaine d'avant à Doha.", "la semaine d'avant", "2025-03-10"),
        ("Il a été reçu au cours de la semaine écoulée.", "la semaine écoulée", "2025-03-10"),
        ("Le protocole avait été paraphé le mois précédent.", "le mois précédent", "2025-02"),
        ("Le texte doit être signé d'ici la fin de l'année.", "fin de l'année", "2025"),
        ("Il était à Moscou au début de l'année.", "au début de l'année", "2025"),
        ("Le sommet se tiendra au cours du mois d'avril.", "du mois d'avril", "2025-04"),
        ("Les ministres ont parlé le mois de février dernier.", "le mois de février dernier", "2025-02"),
        ("Le texte a été paraphé voici deux jours.", "voici deux jours", "2025-03-17"),
        ("Il se rendra à Moscou dans une quinzaine de jours.", "dans une quinzaine de jours", "2025-04-03"),
    ],
)
def test_story_and_year_phrases(sentence, words, expected):
    m = mention(sentence, "2025-03-19", words)
    assert m.value == expected and m.relative


def test_previous_and_following_count_from_the_day_told_before():
    found = find_dates("Il a été reçu le 12 février ; la semaine précédente, il était à Bakou.", D("2025-03-19"))
    assert [(m.text, m.value) for m in found] == [("le 12 février", "2025-02-12"), ("la semaine précédente", "2025-02-03")]
    found = find_dates("L'accord a été signé le 4 mai 2019 ; l'année précédente, les pourparlers avaient échoué.", D("2025-03-19"))
    assert [m.value for m in found] == ["2019-05-04", "2018"]
    found = find_dates("Le ministre est arrivé le 3 mars et il est reparti la semaine suivante.", D("2025-03-19"))
    assert [m.value for m in found] == ["2025-03-03", "2025-03-10"]


# --------------------------------------------------------------------------
# Days counted from another day of the sentence
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence, words, expected",
    [
        ("Arrivé samedi dans la capitale, il s'est entretenu le lendemain avec le ministre.", "le lendemain", "2025-03-16"),
        ("Arrivé le 3 mars à Moscou, il a rencontré deux jours plus tard le président.", "deux jours plus tard", "2025-03-05"),
        ("Les deux hommes s'étaient vus le 2 mars, puis une semaine plus tard à Genève.", "une semaine plus tard", "2025-03-09"),
        ("Il a été reçu mardi par le président, après avoir vu la veille le Premier ministre.", "la veille", "2025-03-17"),
        ("Le ministre est arrivé le 10 mars et a été reçu le surlendemain par le président.", "le surlendemain", "2025-03-12"),
        ("Les experts se sont réunis le 14 mars et ont rendu leur rapport 3 jours après.", "3 jours après", "2025-03-17"),
    ],
)
def test_days_counted_from_the_day_told_before(sentence, words, expected):
    m = mention(sentence, "2025-03-19", words)
    assert m.value == expected and m.relative


@pytest.mark.parametrize(
    "sentence",
    [
        "Deux jours plus tard, le ministre a reçu l'ambassadeur.",
        "Le lendemain, les deux délégations ont repris les discussions.",
        "Il a été reçu trois jours après la signature de l'accord.",
    ],
)
def test_days_counted_from_nothing_are_left_to_the_caller(sentence):
    assert find_dates(sentence, D("2025-03-19")) == []


def test_days_counted_from_the_event_they_name_are_given_on_request():
    text = "Il a été reçu la veille de l'ouverture, le 12 mars, des pourparlers de Vienne."
    assert [m.text for m in find_dates(text, D("2025-03-19"))] == ["le 12 mars"]
    found = find_dates(text, D("2025-03-19"), named_offsets=True)
    assert [(m.text, m.value) for m in found] == [("la veille", "2025-03-11"), ("le 12 mars", "2025-03-12")]
    text = "Ils se sont revus trois jours après la signature, le 3 novembre, d'une feuille de route."
    found = find_dates(text, D("2023-11-09"), named_offsets=True)
    assert [(m.text, m.value) for m in found] == [("trois jours après", "2023-11-06"), ("le 3 novembre", "2023-11-03")]


# --------------------------------------------------------------------------
# Ranges of weekdays and of numeric days; current week/month/year; halves of a month
# (2025-03-19 is a Wednesday)
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence, words, start, end",
    [
        ("La commission mixte siégera jeudi et vendredi à Ispahan.", "jeudi et vendredi", "2025-03-20", "2025-03-21"),
        ("Les experts ont négocié lundi et mardi à Vienne.", "lundi et mardi", "2025-03-17", "2025-03-18"),
        ("Les consultations se tiendront du lundi au mercredi à Genève.", "du lundi au mercredi", "2025-03-24", "2025-03-26"),
        ("Les manœuvres navales auront lieu du 12 au 14/04 en mer Caspienne.", "du 12 au 14/04", "2025-04-12", "2025-04-14"),
        ("Le forum s'est tenu du 28/02 au 02/03/2025 à Kazan.", "du 28/02 au 02/03/2025", "2025-02-28", "2025-03-02"),
    ],
)
def test_ranges_of_weekdays_and_numeric_days(sentence, words, start, end):
    m = mention(sentence, "2025-03-19", words)
    assert (m.value, m.end_value) == (start, end)


@pytest.mark.parametrize(
    "sentence, words, expected",
    [
        ("Le chiffre a été publié il y a un an.", "il y a un an", "2024"),
        ("Le réacteur sera raccordé dans un an.", "dans un an", "2026"),
        ("La délégation est venue en début de mois.", "en début de mois", "2025-03"),
        ("Le paiement sera versé en fin de mois.", "en fin de mois", "2025-03"),
        ("Les échanges ont doublé au cours de l'année en cours.", "l'année en cours", "2025"),
        ("Le vice-ministre est attendu dans le courant de la semaine.", "courant de la semaine", "2025-03-17"),
        ("Le texte sera soumis au Majlis durant la deuxième quinzaine d'avril.", "deuxième quinzaine d'avril", "2025-04"),
        ("Le texte sera soumis au Majlis dans la première quinzaine de mai.", "première quinzaine de mai", "2025-05"),
    ],
)
def test_current_periods_and_halves_of_a_month(sentence, words, expected):
    m = mention(sentence, "2025-03-19", words)
    assert m.value == expected and m.relative


def test_parse_user_date_imports_without_the_grammar_or_the_date_parser():
    # The CLI imports parse_user_date for `list --since`: that must not compile the
    # date grammar nor load dateutil's parser (tens of milliseconds each).
    import subprocess
    import sys

    code = ("import sys; from briefs.extract.dates import parse_user_date, _grammar; "
            "assert parse_user_date('1er mars 2020') == ('2020-03-01', '2020-03-01'); "
            "assert parse_user_date('Févr. 2024') == ('2024-02-01', '2024-02-29'); "
            "print(_grammar.cache_info().currsize, 'dateutil.parser' in sys.modules, 'briefs.extract.lexicon' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")})
    assert out.stdout.split() == ["0", "False", "False"]


def test_french_parserinfo_is_still_available():
    from briefs.extract.dates import FrenchParserInfo

    info = FrenchParserInfo()
    assert (info.month("FÉVRIER"), info.month("aout"), info.weekday("Mercredi")) == (2, 8, 2)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Des manœuvres conjointes des flottes caspiennes sont envisagées pour 2027.", "2027"),
        ("Le corridor doit être achevé à l'horizon 2030.", "2030"),
        ("Le chantier de la deuxième tranche pourrait reprendre vers 2028.", "2028"),
    ],
)
def test_year_after_pour_vers_horizon(sentence, expected):
    m = only(sentence, "2025-03-19")
    assert (m.text, m.value) == (expected, expected)


def test_year_after_pour_is_not_a_count():
    assert find_dates("Il a fallu 1200 techniciens pour 2000 kilomètres de voie.", D("2025-03-19")) == []


@pytest.mark.parametrize(
    "sentence, words, expected",
    [
        ("Il y a deux ans jour pour jour, le traité de coopération était signé à Moscou.",
         "Il y a deux ans jour pour jour", "2023-02-08"),
        ("Le premier convoi était parti il y a un mois, jour pour jour.", "il y a un mois, jour pour jour", "2025-01-08"),
    ],
)
def test_ago_jour_pour_jour_is_that_very_day(sentence, words, expected):
    assert mention(sentence, "2025-02-08", words).value == expected


def test_a_day_is_not_counted_from_a_week_phrase():
    # « la semaine dernière » stands for its Monday: « le lendemain » of it would be a guess.
    found = find_dates("Ils se sont vus la semaine dernière et le lendemain l'émissaire est reparti.", D("2025-02-08"))
    assert [m.text for m in found] == ["la semaine dernière"]


# --- round r2a: months after « de » / « pour », rescheduling, evening of the day, envisaged seasons ---
@pytest.mark.parametrize("text, words, value", [
    ("Les bombardements de juin ont touché deux aérodromes.", "juin", "2022-06"),
    ("Les manœuvres navales d'août avaient réuni six navires.", "août", "2022-08"),
    ("Une nouvelle tranche est attendue pour novembre.", "novembre", "2023-11"),
    ("Le bilan de février reste provisoire.", "février", "2023-02"),
])
def test_month_after_de_or_pour(text, words, value):
    assert mention(text, "2023-05-10", words).value == value


def test_capitalised_month_after_de_is_a_name():
    assert find_dates("Une foule s'est réunie sur le Champ de Mars.", D("2023-05-10")) == []


@pytest.mark.parametrize("text, words, value", [
    ("La session a été reportée au 20 mai.", "20 mai", "2023-05-20"),
    ("Les organisateurs ont repoussé le forum au 2 juin.", "2 juin", "2023-06-02"),
    ("Le sommet, décalé au 15 mai, se tiendra à Bakou.", "15 mai", "2023-05-15"),
    ("La réunion avait été ajournée au 28 mai.", "28 mai", "2023-05-28"),
])
def test_rescheduled_date_lands_after_publication(text, words, value):
    assert mention(text, "2023-05-10", words).value == value


def test_future_evening_on_the_day_of_publication_is_that_day():
    # 2023-05-12 is a Friday
    assert only("Le ministre s'envolera vendredi soir pour Téhéran.", "2023-05-12").value == "2023-05-12"
    assert only("Le ministre s'envolera vendredi matin pour Téhéran.", "2023-05-12").value == "2023-05-19"
    assert only("Le ministre s'envolera vendredi soir pour Téhéran.", "2023-05-10").value == "2023-05-12"


def test_envisaged_season_is_ahead():
    assert only("Une nouvelle visite est envisagée à l'automne.", "2023-01-15").value == "2023"


def test_reported_conditional_passive_is_ahead():
    # « serait suivie » after « a annoncé que »: the future of the report; « serait arrivé » a rumoured past
    assert mention("Il a annoncé que la visite serait suivie d'un forum en juin.", "2023-05-10", "en juin").value == "2023-06"
    assert mention("Le convoi serait arrivé en avril selon des témoins.", "2023-05-10", "en avril").value == "2023-04"


def test_rescheduling_leaves_the_first_date_to_the_closest_rule():
    # published 2024-10-18: the March meeting was in the past, its new date is ahead
    assert only("La réunion de mars, prévue à Ispahan, avait été reportée.", "2024-10-18").value == "2024-03"


def test_offset_opening_a_sentence_counts_from_the_day_told_before():
    pub = D("2023-05-10")
    text = "Trois jours plus tard, la délégation a gagné Erevan."
    assert find_dates(text, pub) == []  # counted from nothing: dropped
    got = find_dates(text, pub, previous_day=lambda: "2023-05-04")
    assert [(m.text, m.value) for m in got] == [("Trois jours plus tard", "2023-05-07")]
    got = find_dates("La veille, il était à Bakou.", pub, previous_day=lambda: "2023-05-04")
    assert [(m.text, m.value) for m in got] == [("La veille", "2023-05-03")]
    # a day named in the sentence itself wins; a month told before is no day to count from
    got = find_dates("Arrivé le 2 mai, il est reparti deux jours plus tard.", pub, previous_day=lambda: "2023-04-01")
    assert [m.value for m in got] == ["2023-05-02", "2023-05-04"]
    assert find_dates(text, pub, previous_day=lambda: "2023-05") == []


@pytest.mark.parametrize("text, words, value", [
    # 2024-10-10 is a Thursday: the participle before the date tells a done thing, the main verb is future
    ("Le salon, ouvert mardi à Joukovski, fermera ses portes dimanche.", "mardi", "2024-10-08"),
    ("La ligne, inaugurée lundi, desservira Racht dès janvier.", "lundi", "2024-10-07"),
    ("Le forum, reporté mardi, se tiendra à Kazan.", "mardi", "2024-10-15"),
    ("La journée mardi sera consacrée aux transports.", "mardi", "2024-10-15"),
])
def test_apposed_participle_before_a_date(text, words, value):
    assert mention(text, "2024-10-10", words).value == value


@pytest.mark.parametrize("text, published, value", [
    ("Le forum se tiendra à l'automne.", "2024-12-10", "2025"),
    ("Le forum se tiendra à l'automne.", "2024-10-01", "2024"),
    ("Le forum se tiendra à l'automne.", "2024-05-01", "2024"),
    ("Les travaux ont repris à l'automne.", "2024-09-25", "2023"),
    ("Les travaux ont repris à l'automne.", "2024-11-20", "2024"),
    ("Les travaux ont repris au printemps.", "2024-02-01", "2023"),
])
def test_season_year_around_its_edges(text, published, value):
    assert only(text, published).value == value
