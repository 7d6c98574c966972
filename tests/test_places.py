"""Cities, organisations and URLs: sentences written for the tests, expected output checked by hand."""
from __future__ import annotations

import datetime as dt

from briefs.extract import places
from briefs.extract.text import clean, make_doc
from briefs.knowledge import Knowledge


def doc(text: str):
    return make_doc(clean(text), dt.date(2023, 5, 10))


def names(text: str, kb) -> list[str]:
    return [p.name for p in places.find_places(doc(text), kb)]


def test_variants_normalise_to_french_spelling(kb):
    text = "Le vol entre Moscow et Tehran fait escale à Bushehr, puis à Teheran."
    assert names(text, kb) == ["Moscou", "Téhéran", "Bouchehr", "Téhéran"]


def test_dateline_in_capitals(kb):
    assert names("TÉHÉRAN, 4 juin - Les experts se sont réunis.", kb) == ["Téhéran"]
    assert names("SAINT-PETERSBOURG, 2 mai (AFP) - Un forum s'ouvre.", kb) == ["Saint-Pétersbourg"]


def test_multiword_and_hyphenated_cities(kb):
    text = "Un cargo a relié Bandar Abbas à Saint-Pétersbourg via la voie Qazvin-Racht."
    assert names(text, kb) == ["Bandar Abbas", "Saint-Pétersbourg", "Qazvin", "Racht"]


def test_kept_french_spelling(kb):
    assert names("La gare de Rasht sera agrandie.", kb) == ["Rasht"]


def test_lower_case_word_is_no_city(kb):
    # "vienne" the verb, "nice" the adjective: only a capitalised word names a city.
    assert names("Il faut qu'il vienne avant la fin du mois, c'est une idée nice.", kb) == []


def test_countries_and_regions_are_not_places(kb):
    assert names("La Russie, l'Iran et le Kazakhstan bordent la mer Caspienne.", kb) == []


def test_city_inside_an_organisation_name_is_skipped(kb):
    text = "Il a assisté au sommet de l'Organisation de coopération de Shanghai à Astana."
    assert names(text, kb) == ["Astana"]


def test_capital_standing_for_government(kb):
    assert names("Washington a averti Pékin et Ankara.", kb) == ["Washington", "Pékin", "Ankara"]


def test_user_gazetteer_entries_come_first(kb):
    data = dict(kb._data)
    data["places"] = [{"name": "Anzali", "variants": ["Enzeli"]}] + list(data["places"])
    user_kb = Knowledge(data)
    assert [p.name for p in places.find_places(doc("Le port d'Enzeli et Anzali."), user_kb)] == ["Anzali", "Anzali"]


def test_offsets_point_at_the_mention(kb):
    d = doc("Départ prévu de Kazan demain.")
    (m,) = places.find_places(d, kb)
    assert d.text[m.start:m.end] == "Kazan"


def test_organisations_from_gazetteer_and_patterns(kb):
    text = ("Le ministère iranien du Commerce et la Commission mixte russo-iranienne de coopération "
            "économique se réuniront, a indiqué l'IAEA. Rosatom n'a pas commenté.")
    orgs = places.find_organizations(doc(text), kb)
    assert "ministère iranien du Commerce" in orgs
    assert "Commission mixte russo-iranienne de coopération économique" in orgs
    assert "AIEA" in orgs and "Rosatom" in orgs


def test_url(kb):
    text = "Source : https://example.org/fr/article-12.html. Lire aussi http://a.b/c"
    assert places.find_url(doc(text)) == "https://example.org/fr/article-12.html"
    assert places.find_url(doc("Pas de lien ici.")) is None


def test_a_city_in_a_read_also_line_is_no_place(kb):
    from briefs.extract import extract
    record = extract("Le ministre est arrivé mardi à Bakou.\nLire aussi : Moscou et Téhéran renforcent leur partenariat",
                     dt.date(2024, 3, 1), kb)
    assert record["places"] == ["Bakou"]


def kdoc(text: str, kb):
    return make_doc(clean(text), dt.date(2023, 5, 10), kb)


def unknown(text: str, kb) -> list[str]:
    return [p.name for p in places.find_places(kdoc(text, kb), kb)]


def test_unknown_city_after_a_hosting_verb_and_its_later_mentions(kb):
    text = "Le forum se tiendra les 4 et 5 juin à Qarshi, a-t-on appris. Après Qarshi, la délégation ira à Bakou."
    assert unknown(text, kb) == ["Qarshi", "Qarshi", "Bakou"]
    assert unknown("La délégation s'est rendue mardi à Zarafchan pour visiter la mine.", kb) == ["Zarafchan"]


def test_unknown_city_placed_near_another(kb):
    assert unknown("Un terminal sera construit à Khorog, près de Douchanbé.", kb) == ["Khorog", "Douchanbé"]
    assert unknown("L'usine ouvrira à Kolbino, au nord de Mourmansk.", kb) == ["Kolbino", "Mourmansk"]


def test_unknown_city_coordinated_with_a_known_one(kb):
    assert unknown("Les frappes ont visé les environs d'Alep et de Sarmada.", kb) == ["Alep", "Sarmada"]
    assert unknown("Des convois sont partis de Tallafar et de Mossoul.", kb) == ["Tallafar", "Mossoul"]


def test_unknown_city_after_a_town_noun(kb):
    text = "Les cargos déchargent dans le port caspien de Kourykov, puis dans la ville de Beyneu."
    assert unknown(text, kb) == ["Kourykov", "Beyneu"]


def test_persons_organisations_countries_and_seats_are_no_unknown_city(kb):
    text = ("Le ministre s'est rendu à Gazprom. Il se rendra à Matignon, puis à Oman. "
            "Il a parlé de Moscou et de Vladimir Poutine, et de Damas et de Rosatom. Il est attendu à Ali Akbar.")
    assert unknown(text, kb) == ["Moscou", "Damas"]


def test_indexed_candidates_are_the_regex_scan(kb):
    for text in ("Le forum se tiendra à Qarshi, près de Douchanbé, puis d'Alep et de Sarmada à Bakou.",
                 "À Tianjin, l'OCS a parlé de de Gaulle, d'Ankara-Istanbul et de l'ONU à 3 reprises.",
                 "Rien: ni à, ni de, ni d'."):
        d = kdoc(text, kb)
        assert [m.span("x") for m in places._after_preps(d)] == [m.span("x") for m in places._AFTER_PREP.finditer(d.norm)]


def test_city_named_for_its_region_is_no_place(kb):
    # « la région de Koursk » is the region; the city itself named elsewhere still counts
    assert names("L'armée a repoussé une incursion dans la région de Koursk.", kb) == []
    # named on its own too: the region mention adds no name but still marks where things happen
    assert names("Les combats touchent la province syrienne d'Alep et Alep même.", kb) == ["Alep", "Alep"]
    assert names("Le gouverneur de la région d'Astrakhan a reçu la délégation.", kb) == []
    assert names("Des drones ont visé l'oblast frontalier de Belgorod et Moscou.", kb) == ["Moscou"]
    assert names("Le gouverneur du kraï de Krasnodar est arrivé à Sotchi.", kb) == ["Sotchi"]


def test_unknown_city_inside_a_known_one_is_not_listed_again(kb):
    assert names("Les frappes ont visé la ville de Deir ez-Zor à l'aube.", kb) == ["Deir ez-Zor"]


def test_unknown_city_placed_in_part_of_a_region(kb):
    assert names("Un convoi a été touché à Kafr Nabl, dans le sud de la province.", kb) == ["Kafr Nabl"]
    assert names("Les patrouilles sont parties de Tal Tamr, dans le nord-est de la Syrie.", kb) == []  # « de X »: no
    assert names("Les patrouilles sont reparties à Tal Tamr, dans le nord-est de la Syrie.", kb) == ["Tal Tamr"]


def test_french_spelling_variant_of_a_port(kb):
    assert names("La frégate a fait escale au large de Djask.", kb) == ["Jask"]


def test_dateline_names_a_city_the_gazetteer_does_not_know(kb):
    assert names("SARAVAN (AFP) - Le gouverneur a reçu une délégation.", kb) == ["Saravan"]
    assert names("MIANDOAB, 4 mai - Le ministre est arrivé.", kb) == ["Miandoab"]
    assert names("Kouhdasht, 12 janvier (IRNA) - Le ministre est arrivé.", kb) == ["Kouhdasht"]
    assert names("ROUDSAR, Iran (Reuters) - Une usine a ouvert.", kb) == ["Roudsar"]
    # a country, a weekday or a person before the same punctuation is no city
    assert names("IRAN (AFP) - Le ministre est arrivé.", kb) == []
    assert names("Lundi, 4 mai - Le ministre est arrivé.", kb) == []
    assert names("Vladimir Poutine (Russie) - Un entretien.", kb) == []


def test_field_named_after_a_town_is_no_place_but_a_port_city_is(kb):
    assert names("Les deux sociétés exploiteront le champ gazier de Kish dès l'an prochain.", kb) == []
    assert names("Un contrat porte sur le gisement pétrolier d'Azadegan, l'autre sur le port de Tchabahar.", kb) == ["Tchabahar"]
    assert names("Le champ de Kish sera relié par gazoduc à Bandar Abbas.", kb) == ["Bandar Abbas"]
    assert set(names("Le ministre a visité Kish puis le champ gazier de Kish.", kb)) == {"Kish"}
