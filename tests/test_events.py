"""Events: dated happenings, not meetings, statements or signings. Own sentences, checked by hand."""
from __future__ import annotations

import datetime as dt

from briefs.extract import events, places
from briefs.extract.model import Person, Span
from briefs.extract.text import clean, make_doc


def found(text: str, kb, persons=(), meetings=(), published=dt.date(2023, 3, 15)) -> list[dict]:
    doc = make_doc(clean(text), published)
    return events.find_events(doc, kb, list(persons), places.find_places(doc, kb), list(meetings))


def dates(text: str, kb, **kw) -> list[tuple]:
    return [(e["start"], e["end"]) for e in found(text, kb, **kw)]


def test_noun_and_range_with_place(kb):
    got = found("Le forum gazier se tiendra à Bakou du 4 au 6 avril.", kb)
    assert [(e["start"], e["end"], e["place"]) for e in got] == [("2023-04-04", "2023-04-06", "Bakou")]
    assert got[0]["what"].startswith("forum gazier")


def test_copula_dates_the_happening_noun_before_it(kb):
    text = "La prochaine session de la commission bilatérale des transports, qui se tiendra à Kazan, aura lieu en juin."
    assert dates(text, kb) == [("2023-06", None)]


def test_participle_with_month_range(kb):
    text = "Les pièces ont été livrées entre novembre 2021 et février 2022 par le constructeur."
    assert dates(text, kb) == [("2021-11", "2022-02")]


def test_statement_date_is_not_an_event(kb):
    assert found("Le ministère a annoncé mardi une réforme de grande ampleur.", kb) == []


def test_signing_date_is_not_an_event(kb):
    assert found("Le contrat de livraison des turbines a été signé en 2019.", kb) == []


def test_decree_signed_is_an_event(kb):
    # « signé » with no agreement in the clause: a dated happening.
    assert dates("Le président a signé lundi un décret sur les exportations.", kb) == [("2023-03-13", None)]


def test_dateline_is_not_an_event(kb):
    assert found("BAKOU, 14 mars - Un sommet régional s'ouvre sans date fixée.", kb) == []


def test_election_and_attack(kb):
    text = ("L'élection présidentielle du 9 avril approche. "
            "Les frappes de missiles qui ont visé samedi le port ont fait des dégâts.")
    assert dates(text, kb) == [("2023-04-09", None), ("2023-03-11", None)]


def test_gathering_of_a_meeting_is_not_also_an_event(kb):
    text = "Ivan Petrov a participé mardi au sommet des dirigeants."
    person = Person("Ivan Petrov", mentions=[Span(0, 11)])
    meeting = {"date": "2023-03-14", "date_text": "mardi", "place": None, "kind": "sommet", "participants": ["Ivan Petrov"]}
    assert found(text, kb, persons=[person], meetings=[meeting]) == []


def test_happening_in_the_presence_of_meeting_persons_is_kept(kb):
    text = "L'inauguration du pont a eu lieu mardi en présence d'Ivan Petrov."
    start = text.index("Ivan")
    person = Person("Ivan Petrov", mentions=[Span(start, start + 11)])
    meeting = {"date": "2023-03-14", "date_text": "mardi", "place": None, "kind": "visite", "participants": ["Ivan Petrov"]}
    assert dates(text, kb, persons=[person], meetings=[meeting]) == [("2023-03-14", None)]


def test_arrival_expected_of_a_non_person(kb):
    assert dates("Les premiers techniciens sont attendus sur le chantier fin avril.", kb) == [("2023-04", None)]


def test_expected_person_is_a_visit_not_an_event(kb):
    text = "Ivan Petrov est attendu à Minsk le 20 mars."
    person = Person("Ivan Petrov", mentions=[Span(0, 11)])
    assert found(text, kb, persons=[person]) == []


def test_relative_pronoun_alone_names_nothing(kb):
    assert found("Des pourparlers, qui se tiendront samedi à Oslo, sont prévus.", kb) == []


def test_a_condemnation_dates_a_statement_not_a_happening(kb):
    assert dates("Le porte-parole a condamné lundi les mesures visant les sociétés accusées de livrer des pièces.", kb) == []
    assert dates("L'émissaire avait appelé mardi les parties à reprendre le dialogue.", kb) == []


def test_a_meeting_with_no_named_person_is_an_event(kb):
    assert dates("Les experts ont évoqué la prochaine réunion du conseil d'administration, prévue début mai à Genève.", kb) == [("2023-05", None)]
    assert dates("Le prochain cycle de consultations doit s'ouvrir à Bakou le 20 mars.", kb) == [("2023-03-20", None)]


def test_a_round_opened_then_resumed_gives_two_events(kb):
    text = "Le troisième cycle de négociations, ouvert le 2 février, devrait reprendre le 27 mars."
    assert dates(text, kb) == [("2023-02-02", None), ("2023-03-27", None)]


def test_a_happening_noun_dated_by_doit_intervenir(kb):
    text = "Les premières livraisons de blindés, prévues par un contrat signé en mars 2021, doivent intervenir à l'automne."
    assert dates(text, kb) == [("2023", None)]


def test_the_forum_where_the_told_meeting_took_place_is_no_event(kb):
    meeting = {"date": "2023-03-02", "date_text": "le 2 mars", "place": "Bakou", "kind": "rencontre", "participants": ["X"]}
    text = "Les deux hommes s'étaient déjà vus le 2 mars à Bakou, lors d'un forum international."
    assert dates(text, kb, meetings=[meeting]) == []


def test_expiry_and_resumption_verbs_date_the_happening(kb):
    # « X a expiré dimanche », « les pourparlers reprendront le 3 mai à Oslo »
    assert dates("Le moratoire sur les exportations de blé a expiré dimanche, selon Kiev.", kb) == [("2023-03-12", None)]
    got = found("Les pourparlers entre les deux délégations reprendront le 3 mai à Oslo.", kb)
    assert [(e["start"], e["place"]) for e in got] == [("2023-05-03", "Oslo")]


def test_a_stopover_where_a_told_meeting_happens_is_that_visit(kb):
    text = "Le ministre fera escale jeudi à Bakou, où il rencontrera le président Ilham Aliev."
    meeting = {"date": "2023-03-16", "date_text": "jeudi", "place": "Bakou", "kind": "rencontre",
               "participants": ["Ilham Aliev"]}
    assert dates(text, kb) == [("2023-03-16", None)]  # no meeting told: the stopover is an event
    assert found(text, kb, meetings=[meeting]) == []
    elsewhere = dict(meeting, place="Tbilissi")
    assert dates(text, kb, meetings=[elsewhere]) == [("2023-03-16", None)]
