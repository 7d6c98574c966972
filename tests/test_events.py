"""Events: dated happenings, not meetings, statements or signings. Own sentences, checked by hand."""
from __future__ import annotations

import datetime as dt

import pytest

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


# --- Happenings with no person as subject (blind texts 28-35) ---

def test_passive_happening_participle_with_a_weekday(kb):
    # « X a été placé en orbite mardi par ... »: a thing undergoes the happening on that day.
    assert dates("La sonde Louna-26 a été mise en orbite jeudi par un lanceur Angara.", kb) == [("2023-03-09", None)]
    assert dates("Le nouveau satellite météorologique a été placé en orbite samedi.", kb) == [("2023-03-11", None)]


def test_depuis_a_year_is_a_span_not_a_happening(kb):
    # « le troisième satellite lancé depuis 2019 »: a tally over a span.
    assert found("C'est le troisième satellite lancé par l'agence depuis 2019.", kb) == []
    assert found("Ce sont les premiers drones livrés au pays depuis mars 2021.", kb) == []
    # a precise day after « depuis » still dates the act it starts
    assert dates("Depuis le 1er février, le Kazakhstan a intégré l'union douanière.", kb) == [("2023-02-01", None)]


def test_a_label_heading_the_sentence_names_the_happening(kb):
    # « Exercice « X » : les marines manœuvreront du 16 au 20 mars »: the date after the colon is the label's.
    got = found("Exercice « Bouclier arctique » : les garde-côtes norvégiens et finlandais patrouilleront "
                "du 3 au 7 avril au large de Mourmansk.", kb)
    assert [(e["start"], e["end"]) for e in got] == [("2023-04-03", "2023-04-07")]
    assert got[0]["what"].startswith("Exercice « Bouclier arctique")
    assert dates("Salon « Caspienne Expo » : les exposants seront accueillis du 12 au 14 mai.", kb) == [
        ("2023-05-12", "2023-05-14")]


def test_a_label_before_a_persons_visit_is_no_event(kb):
    text = "Retrait du contingent : Ivan Petrov attendu lundi à Minsk."
    start = text.index("Ivan")
    person = Person("Ivan Petrov", mentions=[Span(start, start + 11)])
    assert found(text, kb, persons=[person]) == []


def test_an_action_verb_in_the_imperfect_dated_by_a_weekday(kb):
    # « mercredi, les premiers bombardiers frappaient autour de Homs »: the strikes of that day.
    assert dates("Dès vendredi, les premiers drones bombardaient le dépôt de carburant.", kb) == [("2023-03-10", None)]
    assert dates("Lundi, les chasseurs frappaient les positions proches du port.", kb) == [("2023-03-13", None)]
    assert found("Les avions frappaient souvent la région.", kb) == []


def test_a_second_participle_with_its_own_date(kb):
    # « signé en 2007 puis gelé en 2010 »: the signing is the agreement's, the freeze an event.
    assert dates("L'accord gazier, conclu en 2005 puis suspendu par Ankara en 2012, reste lettre morte.", kb) == [
        ("2012", None)]
    assert dates("Le contrat d'armement, signé en 1998 puis gelé par Moscou en 2004, pourrait renaître.", kb) == [
        ("2004", None)]


def test_attending_a_dated_happening(kb):
    # « avant d'assister le 3 septembre au défilé militaire »: the thing attended is the event.
    got = found("Le Premier ministre doit assister le 9 mai au défilé de la Victoire.", kb)
    assert [(e["start"], e["what"]) for e in got] == [("2023-05-09", "défilé de la Victoire")]
    assert dates("Elle participera samedi aux commémorations du centenaire de la ville.", kb) == [("2023-03-18", None)]


def test_attending_a_signing_is_no_event_nor_is_the_agreements_subject(kb):
    # « ont assisté mercredi à la signature de l'accord sur la construction de la ligne »
    assert found("Les deux chefs d'État ont assisté mardi à la signature de l'accord sur la construction du pont.", kb) == []
    assert found("Le mémorandum sur la livraison de céréales a été évoqué mardi par les ministres.", kb) == []


def test_a_creation_told_by_voir_le_jour(kb):
    # « une zone économique doit voir le jour fin 2023 à Lagan »
    got = found("Un parc technologique commun doit voir le jour début 2025 à Kazan.", kb)
    assert [(e["start"], e["place"]) for e in got] == [("2025", "Kazan")]
    assert dates("La nouvelle plateforme logistique verra le jour en 2024.", kb) == [("2024", None)]
    assert found("Le projet a vu le jour grâce aux deux banques.", kb) == []


def test_an_agreements_stage_is_no_event(kb):
    # « dont la ratification a été achevée ce printemps », « la signature est prévue jeudi »
    assert found("Le traité d'amitié, dont la ratification a été achevée en février, renforce les liens.", kb) == []
    assert found("La signature de la convention fiscale est prévue jeudi.", kb) == []


def test_an_encounters_noun_is_the_meetings_not_an_events(kb):
    # « Le tête-à-tête est prévu lundi »: a meeting, for the meetings pass.
    assert found("Le tête-à-tête est prévu lundi.", kb) == []
    assert found("L'entretien aura lieu vendredi à Bakou.", kb) == []
    assert dates("L'inauguration aura lieu vendredi à Bakou.", kb) == [("2023-03-17", None)]


def test_a_happening_pointed_back_to_on_a_meetings_date_is_the_meetings(kb):
    # « avait discuté de cette adhésion le 28 juin lors d'un appel avec X »: the date is the call's.
    text = "Le ministre avait évoqué cette livraison le 2 mars lors d'un entretien avec Ivan Petrov."
    start = text.index("Ivan")
    person = Person("Ivan Petrov", mentions=[Span(start, start + 11)])
    meeting = {"date": "2023-03-02", "date_text": "le 2 mars", "place": None, "kind": "entretien téléphonique",
               "participants": ["Ivan Petrov"]}
    assert found(text, kb, persons=[person], meetings=[meeting]) == []
    # with no demonstrative, the happening keeps its own date
    text = "La livraison du 2 mars a été évoquée lors d'un entretien avec Ivan Petrov."
    start = text.index("Ivan")
    person = Person("Ivan Petrov", mentions=[Span(start, start + 11)])
    assert dates(text, kb, persons=[person], meetings=[meeting]) == [("2023-03-02", None)]


def test_becoming_operational_dates_a_start_up(kb):
    # « l'usine pourrait être opérationnelle dès le début de l'année prochaine »
    assert dates("Le terminal gazier sera opérationnel en 2025.", kb) == [("2025", None)]
    assert dates("La nouvelle raffinerie devrait être opérationnelle fin juin.", kb) == [("2023-06", None)]


def test_a_locution_after_a_to_is_not_the_thing_attended(kb):
    # « participera à partir de 2024 aux exercices »: the exercises, not « partir »
    got = found("La marine kazakhe participera à partir de 2024 aux exercices navals conjoints.", kb)
    assert [(e["start"], e["what"]) for e in got] == [("2024", "exercices navals conjoints")]


def test_a_signing_ceremony_and_an_entry_into_force_are_the_agreements(kb):
    # « ont assisté jeudi à la cérémonie de signature du mémorandum », « dont l'entrée en vigueur est prévue »
    assert found("Les ministres ont assisté jeudi à la cérémonie de signature du mémorandum sur le fret.", kb) == []
    assert found("Le texte, dont l'entrée en vigueur est prévue en juillet, a été publié.", kb) == []
    assert found("L'entrée en vigueur du traité aura lieu le 1er mai.", kb) == []
    assert dates("La cérémonie d'ouverture du forum aura lieu le 1er mai.", kb) == [("2023-05-01", None)]


def test_history_told_as_background_is_dated(kb):
    assert dates("Les liens se sont resserrés après la révolution de 1979.", kb) == [("1979", None)]
    assert dates("La guerre Iran-Irak, entre 1980 et 1988, a laissé des traces.", kb) == [("1980", "1988")]
    assert dates("Une grève des dockers bloque le port d'Astrakhan depuis le 2 mars.", kb) == [("2023-03-02", None)]
    assert dates("Depuis le retrait américain de l'accord en 2018, l'Iran enrichit davantage.", kb) == [("2018", None)]


def test_a_name_holding_a_happening_word_is_no_event(kb):
    assert found("Les Gardiens de la révolution ont reçu en 2019 des radars russes.", kb) == []


def test_appointments_and_votes(kb):
    assert dates("Ali Akbar Ahmadian, nommé secrétaire du Conseil en mai 2022, conduit la délégation.", kb) == [
        ("2022-05", None)]
    assert dates("Le conservateur a été élu président le 18 juin.", kb) == [("2022-06-18", None)]
    assert dates("Sa démission, en février, a surpris Moscou.", kb) == [("2023-02", None)]


def test_sanctions_imposed_are_events(kb):
    assert dates("Le Trésor américain a imposé de nouvelles sanctions contre des armateurs le 2 mars.", kb) == [
        ("2023-03-02", None)]
    assert dates("Les sanctions européennes d'octobre 2022 visaient des fabricants de drones.", kb) == [
        ("2022-10", None)]


def test_a_comma_weakens_the_tie_to_a_statement(kb):
    text = "Après l'assassinat du physicien en novembre 2020, Moscou avait condamné un acte terroriste."
    assert dates(text, kb) == [("2020-11", None)]


def test_happening_participles_take_their_own_date(kb):
    text = "La levée de l'embargo sur les armes conventionnelles, intervenue le 18 octobre, ouvre le marché."
    assert dates(text, kb, published=dt.date(2020, 12, 1)) == [("2020-10-18", None)]
    text = "Les pourparlers avaient repris le 29 novembre, après l'élection du président en juin 2021."
    assert dates(text, kb, published=dt.date(2022, 3, 1)) == [("2021-11-29", None), ("2021-06", None)]


def test_attended_happening_noun_takes_the_date_after_its_verb(kb):
    text = "Le ministre sera reçu mardi à Minsk, avant d'assister le 9 mai au défilé de la Victoire."
    assert dates(text, kb) == [("2023-05-09", None)]


def test_ceasefire_and_first_use_are_events(kb):
    assert dates("La trêve est entrée en vigueur le 2 mars à minuit.", kb) == [("2023-03-02", None)]
    assert dates("Ces drones ont été utilisés pour la première fois en octobre 2022.", kb) == [("2022-10", None)]


def test_admission_dates_the_statement_and_the_war_keeps_its_month(kb):
    text = "Téhéran a reconnu début novembre avoir livré des drones avant le début de la guerre, en février."
    assert dates(text, kb, published=dt.date(2022, 11, 10)) == [("2022-02", None)]
    assert dates("Le Conseil a adopté le 20 octobre des mesures restrictives contre trois officiers.", kb,
                 published=dt.date(2022, 11, 10)) == [("2022-10-20", None)]


def test_a_step_taken_is_dated(kb):
    assert dates("Téhéran a franchi le 4 mars une nouvelle étape en installant des centrifugeuses.", kb) == [
        ("2023-03-04", None)]


def test_pronoun_with_complement_stands_for_the_happening_before_it(kb):
    text = "Le forum s'ouvrira jeudi à Kazan, le premier depuis celui de Bakou en mai 2019."
    got = found(text, kb)
    assert [(e["start"], e["end"]) for e in got] == [("2023-03-16", None), ("2019-05", None)]
    assert got[1]["what"] == "forum de Bakou"
    assert dates("Ces chiffres sont meilleurs que ceux de mars 2021.", kb) == []


def test_a_comma_does_not_widen_the_window(kb):
    text = "Selon lui, les sanctions ne freinent plus les échanges, qui ont progressé de 20 % en 2022."
    assert dates(text, kb) == []


# --- round r2a: arrivals, spans closed by « jusqu'au », bodies convening, labels ---
def test_arrival_of_a_named_person_is_no_event(kb):
    person = Person(name="Ali Rezaei", mentions=[Span(40, 50)])
    text = "Arrivée lundi à Kazan, la délégation de Ali Rezaei a visité le port."
    assert found(text, kb, persons=[person]) == []
    text2 = "Arrivé mardi soir à Bakou, le vice-ministre Ali Rezaei a été reçu mercredi."
    person2 = Person(name="Ali Rezaei", mentions=[Span(text2.index("Ali"), text2.index("Ali") + 10)])
    assert found(text2, kb, persons=[person2]) == []


def test_until_closes_the_span_opened_in_the_sentence(kb):
    text = "Les manœuvres aériennes, lancées le 6 mars, se poursuivront jusqu'au vendredi 10 mars."
    assert dates(text, kb) == [("2023-03-06", "2023-03-10")]
    text = "Les patrouilles ont débuté le 1er mars et dureront jusqu'au 20 mars dans le détroit."
    assert dates(text, kb) == [("2023-03-01", "2023-03-20")]


def test_until_far_from_the_start_is_not_its_end(kb):
    text = "Les travaux, commencés le 2 mars, s'achèveront jusqu'au 1er mars selon le plan."
    assert [e["end"] for e in found(text, kb)][:1] == [None]


@pytest.mark.parametrize("text, what, start", [
    ("La commission mixte doit se réunir à la mi-avril à Tabriz.", "commission mixte", "2023-04"),
    ("Le comité de suivi devrait se réunir en mai.", "comité de suivi", "2023-05"),
    ("Le conseil des gouverneurs se réunit le 20 mars à Vienne.", "conseil des gouverneurs", "2023-03-20"),
])
def test_a_body_convening_is_an_event(kb, text, what, start):
    got = found(text, kb)
    assert [(e["what"], e["start"]) for e in got] == [(what, start)]


@pytest.mark.parametrize("text, what", [
    ("Le salon du livre, prévu le 22 mars, a été annulé.", "salon du livre"),
    ("Une foire consacrée aux tapis est inaugurée à Kazan le 20 mars.", "foire consacrée aux tapis"),
    ("Les pièces de rechange ont été livrées le 3 mars.", "pièces de rechange"),
    ("Le deuxième round de consultations, ouvert le 2 mars, piétine.", "deuxième round de consultations"),
])
def test_a_participle_is_labelled_by_its_happening(kb, text, what):
    got = found(text, kb)
    assert got and got[0]["what"] == what, got


def test_a_participle_with_no_phrase_is_dropped_and_its_object_named(kb):
    text = "Les garde-côtes ont lancé jeudi, au large de Bandar Abbas, un exercice de sauvetage."
    assert [e["what"] for e in found(text, kb)] == ["exercice de sauvetage"]


def test_a_week_counted_is_no_happening(kb):
    text = "À moins d'une semaine du forum, prévu le 20 mars, les préparatifs s'accélèrent."
    assert [e["what"] for e in found(text, kb)] == ["forum"]


def test_a_postponed_forum_is_dated_after_publication(kb):
    text = "Le forum des investisseurs, reporté au 2 avril, se tiendra à Mechhed."
    assert [(e["what"], e["start"]) for e in found(text, kb)] == [("forum des investisseurs", "2023-04-02")]


def test_an_arrival_skipped_leaves_the_appointment_dated(kb):
    text = "Reza Karimi, nommé gouverneur de la banque centrale en juin dernier, est arrivé lundi à Moscou."
    person = Person(name="Reza Karimi", mentions=[Span(0, 11)])
    got = found(text, kb, persons=[person])
    assert [(e["start"]) for e in got] == ["2022-06"]


def test_a_bracketed_acronym_does_not_hide_the_happening_noun(kb):
    text = "Les dirigeants se verront en marge du forum de la Coopération économique (ECO), prévu les 4 et 5 avril."
    assert [(e["what"], e["start"], e["end"]) for e in found(text, kb)] == [
        ("forum de la Coopération économique (ECO)", "2023-04-04", "2023-04-05")]


def test_a_noun_after_a_comma_keeps_its_own_later_date(kb):
    text = ("Le ministre a reçu mardi son homologue, à dix jours du forum de Kazan, qui se tiendra "
            "du 24 au 26 mars.")
    assert dates(text, kb) == [("2023-03-24", "2023-03-26")]


def test_an_awaited_delivery_is_dated_even_with_a_person_in_the_sentence(kb):
    text = ("Selon Omid Rahimi, la livraison des turbines, attendue pour avril, serait suivie d'une "
            "mise en service à l'automne.")
    person = Person(name="Omid Rahimi", mentions=[Span(6, 17)])
    assert dates(text, kb, persons=[person]) == [("2023-04", None), ("2023", None)]
    text2 = "Le ministre Omid Rahimi, attendu pour avril à Moscou, doit y signer un contrat."
    person2 = Person(name="Omid Rahimi", mentions=[Span(12, 23)])
    assert found(text2, kb, persons=[person2]) == []


def test_a_named_week_is_a_happening_a_counted_one_is_not(kb):
    text = "Les deux pays organiseront du 14 au 18 avril une semaine culturelle iranienne à Kazan."
    assert [(e["what"], e["start"], e["end"]) for e in found(text, kb)] == [
        ("semaine culturelle iranienne", "2023-04-14", "2023-04-18")]
    assert [e["what"] for e in found("Pendant une semaine de débats, le 22 mars, le forum a siégé.", kb)] == ["forum"]
