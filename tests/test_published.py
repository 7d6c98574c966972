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
])
def test_header_dates(text, expected):
    assert find_published(text) == expected


@pytest.mark.parametrize("text", [
    "MOSCOU, 9 avril – Les députés ont ratifié mardi le traité.",  # no year: cannot know
    "Le président a reçu vendredi son homologue, qui avait été élu le 28 juin 2024 au second tour de la présidentielle.",
    "Les deux pays ont signé hier un accord.",
])
def test_no_header_date(text):
    assert find_published(text) is None


def test_extract_uses_it_only_without_a_given_date(extract_text):
    text = "Publié le 03/02/2021\nLe ministre russe Sergueï Lavrov a reçu lundi à Moscou son homologue iranien Mohammad Javad Zarif."
    found = extract_text(text, None)
    assert found["published"] == "2021-02-03"
    assert found["meetings"][0]["date"] == "2021-02-01"
    assert extract_text(text, "2021-02-10")["published"] == "2021-02-10"
