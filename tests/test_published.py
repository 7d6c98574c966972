"""A publication date read from the header of a text when the user gives none."""
from __future__ import annotations

import datetime as dt

import pytest

from briefs.extract.published import find_published


@pytest.mark.parametrize("text, expected", [
    ("Gaz : accord en vue\nPublié le 03/02/2021 à 09h15 | Mis à jour le 04/02/2021\n\nLe ministre a dit.", dt.date(2021, 2, 3)),
    ("ISPAHAN, 5 septembre 2018 – Le vice-ministre russe de l'Énergie a visité mercredi le site.", dt.date(2018, 9, 5)),
    ("Titre de la dépêche\nPar notre correspondant | 12 avril 2023\nLe texte suit ici.", dt.date(2023, 4, 12)),
    ("[2019-06-30 14:02] Moscou et Téhéran discutent du corridor.", dt.date(2019, 6, 30)),
    # wire datelines on a long lead line: place, agency, separators in any of the usual orders
    ("Bakou, le 3 février 2025 (IRNA) – Le vice-ministre iranien de l'Économie a rencontré lundi son homologue azerbaïdjanais.",
     dt.date(2025, 2, 3)),
    ("ACHGABAT, 21 OCTOBRE 2022 (AFP) - Les présidents russe et iranien se sont brièvement entretenus vendredi en marge du forum.",
     dt.date(2022, 10, 21)),
    ("Téhéran (IRNA) 9 avril 2019 - Le porte-parole de la diplomatie iranienne a salué mardi la position de la Russie au Conseil.",
     dt.date(2019, 4, 9)),
    ("Ispahan. 14 novembre 2016. Une délégation de Rosatom a visité jeudi le centre de recherche nucléaire de la ville.",
     dt.date(2016, 11, 14)),
    ("Pars Today – 30 août 2021 – Le nouveau ministre iranien des Affaires étrangères a reçu dimanche l'ambassadeur de Russie.",
     dt.date(2021, 8, 30)),
    ("Bandar Abbas, 05/12/2023 (IRNA) - Trois navires de la flotte russe du Pacifique ont accosté mardi dans le port iranien.",
     dt.date(2023, 12, 5)),
    ("SAINT-PÉTERSBOURG, 7 juin 2024 (Reuters) - Le ministre iranien du Pétrole s'est entretenu jeudi avec le vice-Premier ministre.",
     dt.date(2024, 6, 7)),
])
def test_header_dates(text, expected):
    assert find_published(text) == expected


@pytest.mark.parametrize("text", [
    "MOSCOU, 9 avril – Les députés ont ratifié mardi le traité.",  # no year: cannot know
    "Le président a reçu vendredi son homologue, qui avait été élu le 28 juin 2024 au second tour de la présidentielle.",
    "Les deux pays ont signé hier un accord.",
    # a dateline without a year: a later full date of the lead sentence is the story's, not the text's
    "ASTRAKHAN, 18 juillet (Reuters) - Le mémorandum paraphé le 2 mars 2023 à Téhéran a été signé mardi par les deux ministres.",
    "TEHERAN (AFP) — Le ministre a reçu lundi son homologue, arrivé le 4 mai 2024 dans la capitale pour trois jours de visite.",
    "Le porte-parole a indiqué mardi que l'accord conclu le 17 janvier 2025 à Moscou entrerait en vigueur sous peu.",
])
def test_no_header_date(text):
    assert find_published(text) is None


def test_extract_uses_it_only_without_a_given_date(extract_text):
    text = "Publié le 03/02/2021\nLe ministre russe Sergueï Lavrov a reçu lundi à Moscou son homologue iranien Mohammad Javad Zarif."
    found = extract_text(text, None)
    assert found["published"] == "2021-02-03"
    assert found["meetings"][0]["date"] == "2021-02-01"
    assert extract_text(text, "2021-02-10")["published"] == "2021-02-10"


def test_a_wire_dateline_dates_the_text_when_no_date_is_given(extract_text):
    # 2025-12-30 is a Tuesday: « lundi » is the 29th, across no boundary; « vendredi » (future) is 2026-01-02.
    text = ("MOSCOU, 30 décembre 2025 (Reuters) - Le ministre russe des Affaires étrangères Sergueï Lavrov "
            "a reçu lundi à Moscou son homologue iranien Abbas Araghchi. Le président iranien Massoud Pezeshkian "
            "se rendra vendredi à Moscou, où il rencontrera Vladimir Poutine.")
    found = extract_text(text, None)
    assert found["published"] == "2025-12-30"
    assert [m["date"] for m in found["meetings"]] == ["2025-12-29", "2026-01-02"]
