"""Persons: sentences written for the tests (not from the corpus), expected output checked by hand."""
from __future__ import annotations

import datetime as dt

from briefs.extract import actors
from briefs.extract.text import clean, make_doc
from briefs.knowledge import Knowledge, load, merge


def persons(text: str, kb, published=dt.date(2023, 5, 10)):
    return actors.find_persons(make_doc(clean(text), published), kb)


def by_name(text: str, kb, published=dt.date(2023, 5, 10)) -> dict:
    return {p.name: p for p in persons(text, kb, published)}


def test_title_before_with_comma_gives_role_and_country(kb):
    ps = by_name("Le ministre iranien de l'Economie, Farhad Rezaei, a quitté Ankara mardi.", kb)
    assert list(ps) == ["Farhad Rezaei"]
    assert ps["Farhad Rezaei"].role == "ministre iranien de l'Economie"
    assert ps["Farhad Rezaei"].country == "IR"


def test_apposition_after_the_name(kb):
    ps = by_name("Vladimir Tarassov, vice-ministre russe de l'Industrie, a visité le port.", kb)
    assert ps["Vladimir Tarassov"].role == "vice-ministre russe de l'Industrie"
    assert ps["Vladimir Tarassov"].country == "RU"


def test_title_directly_before_without_comma(kb):
    ps = by_name("Selon le président turc Recep Tayyip Erdogan, le projet avance.", kb)
    assert ps["Recep Tayyip Erdogan"].role == "président turc"
    assert ps["Recep Tayyip Erdogan"].country == "TR"


def test_country_complement_in_the_role(kb):
    ps = by_name("L'ambassadeur de la Fédération de Russie au Qatar, Oleg Petrenko, a été reçu.", kb)
    assert ps["Oleg Petrenko"].country == "RU"
    ps = by_name("Le consul de la République islamique d'Iran, Navid Kashani, a répondu.", kb)
    assert ps["Navid Kashani"].country == "IR"


def test_honorific_joins_the_full_name(kb):
    text = ("La porte-parole du gouvernement russe, Irina Volkova, a répondu lundi. "
            "Mme Volkova a ajouté que rien n'était décidé.")
    ps = persons(text, kb)
    assert [p.name for p in ps] == ["Irina Volkova"]
    assert ps[0].aliases == ["Volkova"]
    assert len(ps[0].mentions) == 2


def test_unknown_name_with_honorific_only(kb):
    ps = by_name("Interrogé mercredi, M. Tabrizi a refusé de commenter.", kb)
    assert list(ps) == ["Tabrizi"]


def test_homologue_takes_its_adjective(kb):
    ps = by_name("Le ministre russe des Transports a reçu son homologue iranien, Reza Mousavian.", kb)
    assert ps["Reza Mousavian"].role == "homologue iranien"
    assert ps["Reza Mousavian"].country == "IR"


def test_bare_homologue_serves_the_other_party(kb):
    ps = by_name("Le vice-ministre iranien de l'Energie, Amir Sadeghi, a appelé son homologue, Pavel Orlov.", kb)
    assert ps["Amir Sadeghi"].country == "IR"
    assert ps["Pavel Orlov"].country == "RU"


def test_enumeration_with_interleaved_adjectives(kb):
    text = "Étaient présents les ministres ouzbek Aziz Karimov, arménien Gagik Sarkissian et turc Ahmet Yilmaz."
    ps = by_name(text, kb)
    assert ps["Aziz Karimov"].role == "ministre ouzbek" and ps["Aziz Karimov"].country == "UZ"
    assert ps["Gagik Sarkissian"].country == "AM"
    assert ps["Ahmet Yilmaz"].role == "ministre turc" and ps["Ahmet Yilmaz"].country == "TR"


def test_enumeration_with_listed_adjectives(kb):
    text = "Les chefs russe et iranien, Igor Smirnov et Hamid Nouri, ont parlé."
    ps = by_name(text, kb)
    assert ps["Igor Smirnov"].country == "RU"
    assert ps["Hamid Nouri"].country == "IR"


def test_plural_honorific(kb):
    ps = by_name("Plus tard, MM. Karimov et Sarkissian se sont serré la main.", kb)
    assert set(ps) == {"Karimov", "Sarkissian"}


def test_particles_hyphens_and_initials(kb):
    text = ("Le président syrien Bachar al-Assad a écrit à A.N. Kovalev, puis à "
            "Hossein Amir-Abdollahian et à George W. Bush.")
    names = [p.name for p in persons(text, kb)]
    assert names == ["Bachar al-Assad", "A.N. Kovalev", "Hossein Amir-Abdollahian", "George W. Bush"]


def test_initials_join_the_full_form(kb):
    text = "A.V. Novikov a signé. Plus tard, Andreï Novikov, vice-ministre russe, a confirmé."
    ps = persons(text, kb)
    assert [p.name for p in ps] == ["Andreï Novikov"]
    assert ps[0].aliases == ["A.V. Novikov"]


def test_namesakes_stay_apart_and_a_bare_surname_joins_the_latest(kb):
    text = ("Sergueï Ivanov a parlé le matin. M. Ivanov a ensuite quitté la salle. "
            "Igor Ivanov est arrivé le soir.")
    ps = persons(text, kb, dt.date(2003, 1, 1))
    assert [p.name for p in ps] == ["Sergueï Ivanov", "Igor Ivanov"]
    assert ps[0].aliases == ["Ivanov"]


def test_gazetteer_fills_country_and_finds_surname_alone(kb):
    ps = by_name("Lavrov et Araghchi ont parlé de la Syrie avec Erdogan.", kb)
    assert ps["Lavrov"].country == "RU"
    assert ps["Araghchi"].country == "IR"
    assert ps["Erdogan"].country == "TR"


def test_head_of_international_body_has_no_country(kb):
    ps = by_name("Le directeur général de l'agence, Rafael Grossi, est attendu.", kb)
    assert ps["Rafael Grossi"].country is None


def test_nationality_noun_before_the_name(kb):
    ps = by_name("Le texte a été remis au Roumain Mircea Ionescu.", kb)
    assert ps["Mircea Ionescu"].country == "RO"


def test_places_orgs_months_and_titles_are_not_persons(kb):
    text = ("MOSCOU, 3 mars - Le Kremlin, Rosatom et le Majlis ont réagi à Téhéran en Mars. "
            "Le Président a salué l'IRIB et Bouchehr.")
    assert persons(text, kb) == []


def test_complement_of_a_title_is_not_a_person(kb):
    assert persons("Le ministre iranien des Routes a signé.", kb) == []


def test_first_name_alone_makes_a_person(kb):
    ps = by_name("Dans son bureau, Levan Gabunia a montré les plans.", kb)
    assert list(ps) == ["Levan Gabunia"]


def test_grade_between_role_and_name(kb):
    ps = by_name("Le chef d'état-major iranien, le général Karim Hosseinzadeh, a parlé.", kb)
    assert ps["Karim Hosseinzadeh"].role == "chef d'état-major iranien"
    assert ps["Karim Hosseinzadeh"].country == "IR"


def test_user_gazetteer_entry_first(kb):
    user = {"persons": [{"name": "Zorab Tchkheidze", "variants": ["Tchkheidze"], "country": "GE"}]}
    kb2 = Knowledge(merge(load()._data, user))
    ps = by_name("Tchkheidze a parlé.", kb2)
    assert ps["Tchkheidze"].country == "GE"


def test_former_and_feminine_titles(kb):
    ps = by_name("L'ex-président iranien Hassan Rohani et la députée russe Anna Kouznetsova ont parlé.", kb)
    assert ps["Hassan Rohani"].role == "ex-président iranien"
    assert ps["Anna Kouznetsova"].role == "députée russe"
    assert ps["Anna Kouznetsova"].country == "RU"


def test_a_multiword_city_before_a_title_is_no_person(kb):
    found = persons("Le 4 mai, à Abou Dhabi, le ministre des Finances de la Fédération de Russie A.G. Silouanov "
                    "s'est entretenu avec son homologue émirien.", kb)
    assert [p.name for p in found] == ["A.G. Silouanov"]


def test_a_lost_letter_shown_as_question_mark_stays_inside_the_name(kb):
    found = persons("Le président Ebrahim Ra?ssi a remercié Ankara.", kb)
    assert [p.name for p in found] == ["Ebrahim Ra?ssi"]


# ---- bylines, organisations named after a unit noun, plural roles over « MM. X et Y »,
# ---- the country of an organisation, a local authority or a delegation in the role

def kb_persons(text: str, kb, published=dt.date(2023, 5, 10)) -> dict:
    return {p.name: p for p in actors.find_persons(make_doc(clean(text), published, kb), kb)}


def test_byline_par_name_before_a_bar_or_at_line_end(kb):
    ps = kb_persons("ENQUÊTE\nPar Ombeline Ferrand-Lussac | Publié le 05/03/2024 à 09:12\n\nLe port a rouvert.", kb)
    assert list(ps) == ["Ombeline Ferrand-Lussac"]
    ps = kb_persons("Chronique de Bakou - Par Tancrède Vasseur\n\nLes travaux ont repris.", kb)
    assert list(ps) == ["Tancrède Vasseur"]


def test_byline_with_apposition_role(kb):
    ps = kb_persons("Par Ombeline Ferrand, correspondante à Ankara\n\nLe port a rouvert.", kb)
    assert ps["Ombeline Ferrand"].role == "correspondante à Ankara"
    assert ps["Ombeline Ferrand"].country is None


def test_correspondent_title_before_the_name(kb):
    ps = kb_persons("De notre correspondant à Tachkent, Tancrède Vasseur\n\nLe port a rouvert.", kb)
    assert ps["Tancrède Vasseur"].role == "correspondant à Tachkent"


def test_par_opening_a_sentence_is_no_byline(kb):
    assert kb_persons("Par Vostok Express, les conteneurs arrivent en deux jours.", kb) == {}


def test_name_after_a_unit_or_company_noun_is_no_person(kb):
    ps = kb_persons("Le porte-parole du groupe Tabarak, Reza Hosseini, a démenti l'information.", kb)
    assert list(ps) == ["Reza Hosseini"]
    ps = kb_persons("Le commandant de l'unité Saberin a été promu, selon le chef de la force Zolfaghar.", kb)
    assert ps == {}


def test_name_after_a_unit_noun_is_no_person_even_with_a_first_name(kb):
    ps = kb_persons("Les cadets du centre Youri-Gagarine et de l'exercice Marine Shield ont défilé.", kb)
    assert ps == {}


def test_person_after_a_unit_noun_with_a_grade_or_honorific_is_kept(kb):
    ps = kb_persons("Le chef de la force, le général Ali Vakili, a inspecté la base.", kb)
    assert "Ali Vakili" in ps
    ps = kb_persons("Le président de la société, M. Kassianenko, a signé le contrat.", kb)
    assert "Kassianenko" in ps


def test_plural_role_with_two_nationalities_over_mm_x_et_y(kb):
    ps = kb_persons("Les ministres de l'Énergie russe et kazakh, MM. Tsoukanovski et Akhmetbekov, ont signé.", kb)
    assert ps["Tsoukanovski"].country == "RU"
    assert ps["Akhmetbekov"].country == "KZ"
    assert "MM." not in (ps["Tsoukanovski"].role or "")
    ps = kb_persons("Les ambassadeurs iranien et turc, MM. Rezvanpour et Yildirimoglu, ont démenti.", kb)
    assert (ps["Rezvanpour"].country, ps["Yildirimoglu"].country) == ("IR", "TR")


def test_country_from_an_organisation_in_the_role(kb):
    ps = kb_persons("Le directeur adjoint de Transneft, Pavel Orlovski, a visité le terminal.", kb)
    assert ps["Pavel Orlovski"].country == "RU"
    ps = kb_persons("Guerman Grefovitch, vice-président de Sberbank, a parlé des paiements.", kb)
    assert ps["Guerman Grefovitch"].country == "RU"


def test_country_from_a_local_authority_in_the_role(kb):
    ps = kb_persons("Le maire de Kazan, Ilgiz Metchinov, a reçu les investisseurs.", kb)
    assert ps["Ilgiz Metchinov"].country == "RU"
    ps = kb_persons("Le gouverneur de la province du Mazandaran, Hamid Rostamnejad, a inauguré le quai.", kb)
    assert ps["Hamid Rostamnejad"].country == "IR"


def test_no_country_from_an_international_body_or_a_posting(kb):
    ps = kb_persons("Le directeur général de l'AIEA, Paolo Ferrettini, est arrivé.", kb)
    assert ps["Paolo Ferrettini"].country is None
    ps = kb_persons("L'envoyé spécial à Bakou, Yannick Morelleau, a écrit.", kb)
    assert ps["Yannick Morelleau"].country is None


def test_country_of_the_leader_of_a_delegation(kb):
    ps = kb_persons("Le ministre a reçu une délégation de la Douma conduite par Pavel Zoubkovski.", kb)
    assert ps["Pavel Zoubkovski"].country == "RU"
    ps = kb_persons("Une mission iranienne dirigée par son vice-ministre, Saïd Rahimzadeh, est arrivée.", kb)
    assert ps["Saïd Rahimzadeh"].country == "IR"
    ps = kb_persons("Une délégation conduite par Saïd Rahimzadeh est arrivée.", kb)
    assert ps["Saïd Rahimzadeh"].country is None


def test_bare_surname_after_the_full_name_is_the_same_person(kb):
    text = "Le vice-ministre Arkadi Volkonski a visité l'usine. Volkonski a ensuite rencontré les ouvriers."
    ps = kb_persons(text, kb)
    assert list(ps) == ["Arkadi Volkonski"] and ps["Arkadi Volkonski"].aliases == ["Volkonski"]
    ps = kb_persons("Omid Sarvestani est arrivé mardi. Sarvestani doit repartir jeudi.", kb)
    assert ps["Omid Sarvestani"].aliases == ["Sarvestani"]


def test_bare_capitalised_word_without_a_named_person_is_no_person(kb):
    assert kb_persons("Le chantier avance. Volkonski a ensuite rencontré les ouvriers.", kb) == {}


def test_bare_surname_speaks_a_quote(extract_text):
    rec = extract_text("Le vice-ministre Arkadi Volkonski a visité l'usine. "
                       "Volkonski a dit que « les deux pays produiront ensemble des turbines ».")
    assert [q["speaker"] for q in rec["quotes"]] == ["Arkadi Volkonski"]


def test_apposition_after_a_grade_is_the_role(kb):
    ps = kb_persons("Le contre-amiral Hamid Nourbakhsh, commandant de la flotte du Nord, a accueilli les navires.", kb)
    assert ps["Hamid Nourbakhsh"].role == "commandant de la flotte du Nord"
    ps = kb_persons("Le colonel Viktor Saltykovski, chef du détachement, a salué l'équipage.", kb)
    assert ps["Viktor Saltykovski"].role == "chef du détachement"
    ps = kb_persons("L'amiral Ivan Sorokinski a salué l'équipage.", kb)
    assert ps["Ivan Sorokinski"].role == "amiral"


def test_newsroom_byline_is_no_person(kb):
    assert kb_persons("Par Courrier International | Publié le 05/03/2024\n\nLe port a rouvert.", kb) == {}
    assert kb_persons("Par La Rédaction avec AFP\n\nLe port a rouvert.", kb) == {}


def test_byline_with_two_authors(kb):
    ps = kb_persons("Par Ombeline Ferrand et Tancrède Vasseur | Publié le 05/03/2024\n\nLe port a rouvert.", kb)
    assert list(ps) == ["Ombeline Ferrand", "Tancrède Vasseur"]
    ps = kb_persons("Par Ombeline Ferrand, Tancrède Vasseur\n\nLe port a rouvert.", kb)
    assert list(ps) == ["Ombeline Ferrand", "Tancrède Vasseur"]


def test_country_after_en_is_the_posting_not_the_state_served(kb):
    ps = kb_persons("Le directeur de Transneft en Iran, Pavel Orlovski, a signé.", kb)
    assert ps["Pavel Orlovski"].country == "RU"
    ps = kb_persons("Le correspondant en Russie, Yannick Morelleau, a écrit.", kb)
    assert ps["Yannick Morelleau"].country is None


def test_envoy_posted_to_one_party_serves_the_other(kb):
    ps = kb_persons("L'ambassadeur en Russie, Kazem Jalalipour, a remis ses lettres.", kb)
    assert ps["Kazem Jalalipour"].country == "IR"
    ps = kb_persons("Le consul général en Iran, Oleg Petrenkov, a visité Ispahan.", kb)
    assert ps["Oleg Petrenkov"].country == "RU"
    ps = kb_persons("L'ambassadeur au Qatar, Oleg Petrenkov, a été reçu.", kb)
    assert ps["Oleg Petrenkov"].country is None


def test_short_form_of_a_family_name_first_is_an_alias(kb):
    # « Xi », « Kim », « Lee »: the family name comes first, so the short form is the first token
    ps = persons("Le président chinois Xi Jinping est arrivé mardi. Le président Xi a ensuite visité le port.", kb)
    assert [(p.name, p.aliases) for p in ps] == [("Xi Jinping", ["Xi"])]
    ps = persons("Kim Jong-un a quitté Pyongyang en train. M. Kim sera reçu jeudi au Kremlin.", kb)
    assert [(p.name, p.aliases) for p in ps] == [("Kim Jong-un", ["Kim"])]
    ps = persons("Le Premier ministre Lee Hsien Loong a parlé. Lee a salué les progrès réalisés.", kb)
    assert [(p.name, p.aliases) for p in ps] == [("Lee Hsien Loong", ["Lee"])]


def test_short_form_said_before_the_full_name_joins_it(kb):
    ps = persons("Le président Xi est attendu à Moscou. Xi Jinping y restera trois jours.", kb)
    assert [(p.name, p.aliases) for p in ps] == [("Xi Jinping", ["Xi"])]


def test_short_form_shared_by_two_names_joins_neither(kb):
    ps = persons("Ali Rezvani a reçu Ali Kordan. Puis M. Ali a pris la parole.", kb)
    assert [p.name for p in ps] == ["Ali Rezvani", "Ali Kordan", "Ali"]


def test_ship_named_after_a_person_is_no_person(kb):
    for text in ("Le remorqueur Nikolaï Tchiker accompagne la flotte.",
                 "Le brise-glace Ilia Mouromets est entré dans le port.",
                 "Un patrouilleur Vassili Bykov croise au large."):
        assert persons(text, kb) == [], text


def test_byline_with_outlet_and_date_gives_the_author(kb):
    ps = by_name("Accords gaziers : le point\nPar Claire Dumont | OLJ | 06/03/2020\n\nLe ministre a parlé.", kb)
    assert list(ps) == ["Claire Dumont"]
    assert ps["Claire Dumont"].country is None


def test_source_after_selon_is_not_given_the_next_subject_as_role(kb):
    # « Selon X, le ministre a ... »: « le ministre » opens the main clause, it is no apposition of X
    assert persons("Selon Kayhan, le Guide a approuvé le texte.", kb) == []
    assert persons("D'après Sazandegi, le porte-parole du gouvernement a démenti.", kb) == []
    ps = by_name("Selon Piotr Ilyine, le ministre iranien a accepté l'offre.", kb)
    assert ps["Piotr Ilyine"].role is None and ps["Piotr Ilyine"].country is None
    ps = by_name("Selon Karim Sadjadi, chercheur à l'université de Téhéran, la Russie hésite.", kb)
    assert ps["Karim Sadjadi"].role == "chercheur à l'université de Téhéran"


def test_media_outlets_are_not_persons(kb):
    for text in ("Selon Nezavissimaïa Gazeta, la livraison est imminente.",
                 "Le Moskovski Komsomolets ajoute que rien n'est signé.",
                 "Al-Monitor affirme que Téhéran a refusé.",
                 "D'après Nour News, la réunion a été reportée."):
        assert persons(text, kb) == [], text


def test_feminine_and_diplomatic_heads(kb):
    ps = by_name("La représentante américaine à l'ONU, Mary Collins, a dénoncé la livraison.", kb)
    assert ps["Mary Collins"].role == "représentante américaine à l'ONU" and ps["Mary Collins"].country == "US"
    ps = by_name("La négociatrice européenne Anna Weber est arrivée à Vienne.", kb)
    assert ps["Anna Weber"].role == "négociatrice européenne"
    ps = by_name("Le diplomate chinois Li Wen a reçu l'ambassadeur.", kb)
    assert ps["Li Wen"].role == "diplomate chinois" and ps["Li Wen"].country == "CN"
    ps = by_name("La Première ministre Karin Holm a reçu le ministre.", kb)
    assert ps["Karin Holm"].role == "Première ministre"


def test_seat_of_government_in_a_role_gives_the_state(kb):
    ps = by_name("Le porte-parole de la Maison Blanche, Tom Becker, a réagi mardi.", kb)
    assert ps["Tom Becker"].country == "US"
    ps = by_name("Le chef du Pentagone, Mark Devlin, a réagi.", kb)
    assert ps["Mark Devlin"].country == "US"
    ps = by_name("Le secrétaire d'Etat John Harmon a appelé son homologue.", kb)
    assert ps["John Harmon"].country is None  # the text says no more than the title


def test_word_inside_an_institution_name_is_no_person(kb):
    ps = persons("Selon Omid Rahimi, expert à l'International Crisis Group, la Russie hésite.", kb)
    assert [p.name for p in ps] == ["Omid Rahimi"]


def test_grade_holding_a_unit_word_still_titles_a_person(kb):
    ps = by_name("Le général de brigade Reza Talaei a été nommé commandant.", kb)
    assert ps["Reza Talaei"].role == "général de brigade"
    ps = by_name("Le général de division Karim Nazari a inspecté la base.", kb)
    assert "Karim Nazari" in ps
    assert persons("La brigade Fatemiyoun a quitté la ville.", kb) == []


def test_role_does_not_run_into_the_next_clause(kb):
    # « ..., dirige X »: X is the object of the verb, not titled by the phrase before the comma
    ps = persons("Youri Sokolov, neveu de l'ancien Premier ministre, dirige Rossotroudnitchestvo.", kb)
    assert [p.name for p in ps] == ["Youri Sokolov"]
    ps = by_name("Le représentant spécial pour la Syrie, vice-ministre des Affaires étrangères, Ilia Orlov, a parlé.", kb)
    assert ps["Ilia Orlov"].role.startswith("représentant spécial pour la Syrie")


def test_english_wire_verb_ends_a_role(kb):
    ps = by_name("Oleg Petrov, Deputy Prime Minister of Russia, met Foreign Minister Reza Amini in Moscow.", kb)
    assert ps["Reza Amini"].role == "Foreign Minister"


def test_company_head_titles(kb):
    ps = by_name("Le PDG de Gazprom, Pavel Orlov, a signé le contrat.", kb)
    assert ps["Pavel Orlov"].role == "PDG de Gazprom" and ps["Pavel Orlov"].country == "RU"


def test_first_name_as_a_place_is_no_short_form(kb):
    ps = persons("Vladimir Poutine a visité une usine dans la région de Vladimir mardi.", kb)
    assert [(p.name, p.aliases) for p in ps] == [("Vladimir Poutine", [])]


def test_religious_title_before_a_single_name_and_a_regional_head(kb):
    text = ("Le patriarche Kirill a béni vendredi la délégation iranienne. Le président du Tatarstan, "
            "Roustam Minnikhanov, l'a ensuite reçue à Kazan, en présence de Kirill Dmitriev.")
    found = by_name(text, kb)
    assert found["Kirill"].role == "patriarche" and found["Kirill"].country == "RU"
    assert found["Roustam Minnikhanov"].country == "RU"
    assert "Kirill Dmitriev" in found and "Dmitriev" not in found


def test_first_deputy_title_is_kept_whole(kb):
    ps = by_name("Le ministre a été accueilli par le premier vice-président Mohammad Mokhber à Ispahan.", kb)
    assert ps["Mohammad Mokhber"].role == "premier vice-président"
    assert ps["Mohammad Mokhber"].country == "IR"


def test_names_in_a_capitals_headline_join_the_body_persons(kb):
    text = ("ARAGHTCHI ET LAVROV À MOSCOU POUR PARLER DU TRAITÉ\n\n"
            "Le ministre iranien Abbas Araghtchi a rencontré jeudi Sergueï Lavrov.")
    assert sorted(by_name(text, kb, dt.date(2025, 4, 3))) == ["Abbas Araghtchi", "Sergueï Lavrov"]
    text = "LA RUSSIE ET L'IRAN SIGNENT UN NOUVEL ACCORD GAZIER\n\nMoscou et Téhéran ont signé mardi un accord."
    assert by_name(text, kb, dt.date(2025, 4, 3)) == {}


def test_third_country_title_without_adjective_takes_the_gazetteer_country(kb):
    ps = by_name("Le chancelier Olaf Scholz et le secrétaire d'Etat Antony Blinken ont réagi mardi.", kb)
    assert (ps["Olaf Scholz"].role, ps["Olaf Scholz"].country) == ("chancelier", "DE")
    assert (ps["Antony Blinken"].role, ps["Antony Blinken"].country) == ("secrétaire d'Etat", "US")
