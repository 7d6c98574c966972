"""Meetings: sentences written for the tests (not from the corpus), expected output checked by hand."""
from __future__ import annotations

import datetime as dt

from briefs.extract import actors, meetings, places
from briefs.extract.text import clean, make_doc

PUB = dt.date(2023, 5, 10)  # a Wednesday


def found(text: str, kb, published=PUB) -> list[dict]:
    doc = make_doc(clean(text), published)
    persons = actors.find_persons(doc, kb)
    return meetings.find_meetings(doc, kb, persons, places.find_places(doc, kb))


def brief(ms: list[dict]) -> list[tuple]:
    return [(m["date"], m["place"], m["kind"], m["participants"]) for m in ms]


def test_fields_in_schema_order(kb):
    ms = found("Le ministre russe de l'Agriculture, Dmitri Volkov, a rencontré lundi à Bakou "
               "son homologue azerbaïdjanais, Elchin Mammadov.", kb)
    assert list(ms[0]) == ["date", "date_text", "place", "kind", "participants"]
    assert brief(ms) == [("2023-05-08", "Bakou", "rencontre", ["Dmitri Volkov", "Elchin Mammadov"])]
    assert ms[0]["date_text"] == "lundi"


def test_phone_call_has_no_place(kb):
    ms = found("Depuis Moscou, Vladimir Poutine s'est entretenu hier par téléphone avec Massoud Pezeshkian.", kb)
    assert brief(ms) == [("2023-05-09", None, "entretien téléphonique", ["Vladimir Poutine", "Massoud Pezeshkian"])]


def test_encounter_date_not_the_announcement(kb):
    text = ("Le porte-parole du ministère, Nasser Kanani, a indiqué mardi que le vice-ministre Ali Bagheri Kani "
            "et l'émissaire russe Pavel Orlov s'étaient vus dimanche à Doha.")
    ms = found(text, kb)
    assert brief(ms) == [("2023-05-07", "Doha", "rencontre", ["Ali Bagheri Kani", "Pavel Orlov"])]


def test_report_date_when_the_meeting_has_none(kb):
    text = "Le Kremlin a annoncé vendredi la visite de Massoud Pezeshkian à Moscou."
    ms = found(text, kb)
    assert brief(ms) == [("2023-05-05", "Moscou", "visite", ["Massoud Pezeshkian"])]


def test_postposed_reporter_is_not_a_participant(kb):
    text = ("Abbas Araghchi rencontrera jeudi à Oman l'émissaire américain Steve Witkoff, "
            "a précisé le porte-parole Esmaïl Baghaï.")
    ms = found(text, kb)
    assert brief(ms) == [("2023-05-11", "Mascate" if False else None, "rencontre", ["Abbas Araghchi", "Steve Witkoff"])]


def test_one_named_person_visiting(kb):
    ms = found("Le vice-Premier ministre Alexeï Overtchouk se rendra lundi prochain à Ispahan.", kb)
    assert [(m["place"], m["kind"], m["participants"]) for m in ms] == [("Ispahan", "visite", ["Alexeï Overtchouk"])]


def test_kremlin_and_capital_aliases(kb):
    ms = found("Vladimir Poutine a reçu mardi au Kremlin le président Ebrahim Raïssi.", kb)
    assert ms[0]["place"] == "Moscou"
    ms = found("Arrivé dans la capitale iranienne, Sergueï Lavrov a rencontré hier Abbas Araghchi.", kb)
    assert ms[0]["place"] == "Téhéran"


def test_city_in_a_title_is_not_the_place(kb):
    text = "Sergueï Riabkov a reçu mardi l'ambassadeur d'Iran à Moscou, Kazem Jalali."
    ms = found(text, kb)
    assert brief(ms) == [("2023-05-09", None, "rencontre", ["Sergueï Riabkov", "Kazem Jalali"])]


def test_talk_during_a_dated_visit_takes_its_date_and_place(kb):
    text = ("Le président turc Recep Tayyip Erdogan s'est rendu jeudi à Sotchi. "
            "Il s'est entretenu en tête-à-tête avec Vladimir Poutine.")
    ms = found(text, kb)
    assert [(m["date"], m["place"]) for m in ms] == [("2023-05-04", "Sotchi")]
    assert ms[0]["participants"] == ["Recep Tayyip Erdogan", "Vladimir Poutine"]


def test_distinct_encounters_of_one_day_stay_apart(kb):
    text = ("Vladimir Poutine a participé mardi à Douchanbé à un sommet avec ses homologues iranien, "
            "Massoud Pezeshkian, et tadjik, Emomali Rakhmon. "
            "En marge, M. Poutine s'est entretenu avec M. Pezeshkian, puis a été reçu par le chef du parlement, "
            "Rustam Emomali.")
    ms = found(text, kb)
    assert [m["kind"] for m in ms] == ["sommet", "rencontre", "rencontre"]
    assert ms[1]["participants"] == ["Vladimir Poutine", "Massoud Pezeshkian"]
    assert ms[2]["participants"] == ["Vladimir Poutine", "Rustam Emomali"]
    assert {m["date"] for m in ms} == {"2023-05-09"}


def test_duplicates_merge(kb):
    text = ("Abbas Araghchi est attendu vendredi à Moscou. "
            "Il y rencontrera vendredi Sergueï Lavrov.")
    ms = found(text, kb)
    assert len(ms) == 1
    assert set(ms[0]["participants"]) == {"Abbas Araghchi", "Sergueï Lavrov"}


def test_signing_by_two_named_persons_is_an_encounter(kb):
    ms = found("Le protocole a été signé mardi à Astrakhan par Alexeï Overtchouk et Mehrdad Bazrpash.", kb)
    assert brief(ms) == [("2023-05-09", "Astrakhan", "rencontre", ["Alexeï Overtchouk", "Mehrdad Bazrpash"])]


def test_date_of_another_happening_is_skipped(kb):
    text = "Sergueï Lavrov et Abbas Araghchi ont évoqué lundi, lors d'une rencontre, le traité signé en 2001."
    ms = found(text, kb)
    assert [m["date"] for m in ms] == ["2023-05-08"]


def test_cue_in_a_quote_or_a_host_phrase_is_not_a_meeting(kb):
    assert found("« Nos discussions sont franches », a déclaré Sergueï Lavrov lundi.", kb) == []
    assert found("Kassym-Jomart Tokaïev, hôte du sommet, a salué un texte historique.", kb) == []


def test_anaphoric_noun_refers_back(kb):
    text = "La visite a été préparée par Sergueï Riabkov."
    assert found(text, kb) == []


def test_unknown_year_keeps_the_words(kb):
    ms = found("Ils se connaissent : Ali Larijani avait rencontré Sergueï Lavrov un 3 février à Sotchi.", kb)
    assert ms[0]["date"] is None and ms[0]["date_text"] == "un 3 février"
    assert ms[0]["place"] == "Sotchi"


def test_plural_anaphor_takes_the_previous_participants(kb):
    text = ("Sergueï Choïgou a reçu lundi Ali Akbar Ahmadian. "
            "Les deux hommes s'étaient déjà entretenus le 3 avril par téléphone.")
    ms = found(text, kb)
    assert brief(ms)[1] == ("2023-04-03", None, "entretien téléphonique", ["Sergueï Choïgou", "Ali Akbar Ahmadian"])


def test_title_only_subject_is_the_person_of_that_title(kb):
    text = ("Le ministre russe de l'Energie, Sergueï Tsivilev, est arrivé lundi à Téhéran. "
            "Mardi, le ministre russe s'est entretenu avec Mohsen Paknejad.")
    ms = found(text, kb)
    assert ms[-1]["participants"] == ["Sergueï Tsivilev", "Mohsen Paknejad"]
    assert ms[-1]["place"] == "Téhéran"


def test_no_person_no_meeting(kb):
    assert found("Une réunion s'est tenue lundi à Bakou.", kb) == []


def test_counted_anaphor_finds_the_meeting_of_that_many_leaders(kb):
    text = ("Les présidents russe, iranien et turc, Vladimir Poutine, Massoud Pezeshkian et Recep Tayyip Erdogan, "
            "ont tenu lundi un sommet à Astana. Mardi, Sergueï Lavrov a reçu Hakan Fidan et Abbas Araghchi. "
            "Les trois dirigeants s'étaient déjà retrouvés le 2 mars à Bakou.")
    ms = found(text, kb)
    last = ms[-1]
    assert (last["date"], last["place"]) == ("2023-03-02", "Bakou")
    assert last["participants"] == ["Vladimir Poutine", "Massoud Pezeshkian", "Recep Tayyip Erdogan"]


def test_prefix_guard_keeps_every_match():
    """The guarded cue regex finds exactly what the bare alternation finds."""
    import re

    from briefs.extract.lexicon import prefix_guard

    bare = r"(?<![\w-])(?:entretiens? téléphoniques?|(?:a|ont) reçue?s?|rencontr\w*|met|s'est rendue?|(?:par|au) téléphone)(?![\w-])"
    guarded = re.compile(r"(?<![\w-])" + prefix_guard(bare) + bare)
    assert prefix_guard(bare)
    text = ("il a reçu lundi son homologue ; ils se sont rencontrés, puis entretien téléphonique. "
            "permet met au téléphone, s'est rendue à moscou ; a reçus ont reçue rencontre")
    assert [m.span() for m in guarded.finditer(text)] == [m.span() for m in re.finditer(bare, text)]
    for lo in range(0, len(text), 7):
        assert [m.span() for m in guarded.finditer(text, lo, lo + 40)] == [
            m.span() for m in re.compile(bare).finditer(text, lo, lo + 40)]
    assert prefix_guard(r"\w+x") == ""  # no literal beginning: no guard


def test_pluperfect_went_to_a_country_is_a_visit_with_one_participant(kb):
    ms = found("Le patron de Rosneft, Igor Setchine, s'était rendu au Venezuela en mars pour signer un contrat.", kb)
    assert brief(ms) == [("2023-03", None, "visite", ["Igor Setchine"])]


def test_a_gathering_the_speakers_talk_about_is_not_their_meeting(kb):
    ms = found("Le ministre kazakh Murat Nurtleu a appelé lundi son homologue turc Hakan Fidan. "
               "Les deux ministres ont également évoqué la prochaine réunion des garants, qui se tiendra à Bakou "
               "du 20 au 22 juin.", kb)
    assert [m["date"] for m in ms] == ["2023-05-08"]


def test_talk_told_as_parallel_takes_the_date_of_the_occasion(kb):
    ms = found("La présidente moldave Maia Sandu a été reçue mardi à Ankara par Recep Tayyip Erdoğan. "
               "Elle doit se rendre vendredi à Izmir. "
               "Le chef de sa diplomatie, Mihai Popșoi, s'est entretenu de son côté avec Hakan Fidan.", kb)
    assert ("2023-05-09", ["Mihai Popșoi", "Hakan Fidan"]) in [(m["date"], m["participants"]) for m in ms]


def test_the_day_before_is_counted_from_the_meeting_it_follows(kb):
    ms = found("Le ministre serbe Ivica Dačić a rencontré lundi à Belgrade Hakan Fidan. "
               "La veille, M. Dačić s'était entretenu par téléphone avec Sergueï Lavrov.", kb)
    assert [(m["date"], m["date_text"]) for m in ms] == [("2023-05-08", "lundi"), ("2023-05-07", "La veille")]


def test_a_bare_title_subject_is_the_person_named_with_that_title(kb):
    ms = found("Le ministre arménien de l'Économie Gevorg Papoyan a eu des pourparlers mardi à Moscou avec Maxime Rechetnikov. "
               "Aussi le ministre a rencontré le président de la Douma, Viatcheslav Volodine.", kb)
    assert ("2023-05-09", ["Gevorg Papoyan", "Viatcheslav Volodine"]) in [(m["date"], m["participants"]) for m in ms]


def test_impersonal_il_is_no_subject(kb):
    ms = found("Le vice-ministre Andreï Roudenko a rencontré mardi Ali Bagheri. "
               "Il est à noter que la prochaine réunion des vice-ministres aura lieu à Bakou en octobre.", kb)
    assert [m["date"] for m in ms] == ["2023-05-09"]


def test_the_next_day_is_counted_from_the_meeting_it_follows(kb):
    ms = found("Le vice-ministre Vassili Orlov a rencontré le 2 mai à Erevan le général Arman Sargsyan. "
               "Aussi M. Orlov a visité une usine à Gumri le jour suivant.", kb)
    assert [(m["date"], m["participants"]) for m in ms] == [
        ("2023-05-02", ["Vassili Orlov", "Arman Sargsyan"]), ("2023-05-03", ["Vassili Orlov"])]


def test_a_periphrasis_of_a_title_names_the_person_who_holds_it(kb):
    ms = found("Le président kirghize Sadyr Japarov a remercié Ankara. "
               "Le chef de l'État kirghize se rendra vendredi à Bakou.", kb)
    assert brief(ms) == [("2023-05-12", "Bakou", "visite", ["Sadyr Japarov"])]


def test_visit_during_which_a_dated_signing_happened_takes_that_date(kb):
    text = ("Les sénateurs ont adopté lundi l'accord gazier, conclu le 3 mars à Téhéran "
            "lors de la visite du ministre russe Alexandre Novak.")
    ms = found(text, kb)
    assert brief(ms) == [("2023-03-03", "Téhéran", "visite", ["Alexandre Novak"])]


def test_talk_on_the_sidelines_takes_the_gatherings_day_not_the_reports(kb):
    text = ("Les chefs d'État de l'OCS se retrouveront jeudi à Astana pour leur sommet annuel. "
            "En marge du sommet, Vladimir Poutine rencontrera Massoud Pezeshkian, a indiqué lundi le Kremlin.")
    ms = found(text, kb)  # published on a Wednesday: jeudi is the next day
    assert brief(ms) == [("2023-05-11", "Astana", "sommet", ["Vladimir Poutine", "Massoud Pezeshkian"]),
                         ("2023-05-11", "Astana", "rencontre", ["Vladimir Poutine", "Massoud Pezeshkian"])]
    assert ms[1]["date_text"] == "jeudi"


def test_verbless_clause_after_puis_repeats_the_encounter_on_its_own_day_and_place(kb):
    ms = found("Le ministre arménien Ararat Mirzoyan a été reçu le 4 avril à Bakou par Djeyhoun Baïramov, "
               "puis le lendemain à Tbilissi par Ilia Darchiachvili.", kb)
    assert brief(ms) == [("2023-04-04", "Bakou", "rencontre", ["Ararat Mirzoyan", "Djeyhoun Baïramov"]),
                         ("2023-04-05", "Tbilissi", "rencontre", ["Ararat Mirzoyan", "Ilia Darchiachvili"])]
    assert ms[1]["date_text"] == "le lendemain"
    ms = found("La présidente moldave Maia Sandu s'est entretenue mardi à Bruxelles avec Charles Michel, "
               "puis mercredi à Paris avec Emmanuel Macron.", kb)
    assert [(m["date"], m["place"], m["participants"]) for m in ms] == [
        ("2023-05-09", "Bruxelles", ["Maia Sandu", "Charles Michel"]),
        ("2023-05-10", "Paris", ["Maia Sandu", "Emmanuel Macron"])]


def test_a_clause_with_its_own_verb_after_puis_is_no_repeated_encounter(kb):
    ms = found("Le ministre Sergueï Lavrov a rencontré lundi à Bakou Djeyhoun Baïramov, "
               "puis le lendemain Ilham Aliev a quitté la ville.", kb)
    assert brief(ms) == [("2023-05-08", "Bakou", "rencontre", ["Sergueï Lavrov", "Djeyhoun Baïramov"])]


def test_discussing_something_with_a_named_person_is_an_encounter(kb):
    ms = found("Le vice-ministre Andreï Roudenko avait discuté du dossier le 14 février à Pékin "
               "avec l'ambassadeur chinois, Zhang Hanhui.", kb)
    assert brief(ms) == [("2023-02-14", "Pékin", "rencontre", ["Andreï Roudenko", "Zhang Hanhui"])]
    ms = found("Le ministre Alexandre Novak a examiné lundi les projets gaziers avec son homologue qatari, "
               "Saad al-Kaabi.", kb)
    assert brief(ms) == [("2023-05-08", None, "rencontre", ["Alexandre Novak", "Saad al-Kaabi"])]


def test_discussing_with_no_one_named_is_no_encounter(kb):
    assert found("Le ministre Alexandre Novak a évoqué lundi la question avec fermeté.", kb) == []


def test_presenting_before_a_named_person_is_an_encounter(kb):
    ms = found("Le général Mohammad Bagheri a présenté mardi devant Vladimir Poutine un plan de coopération.", kb)
    assert brief(ms) == [("2023-05-09", None, "rencontre", ["Mohammad Bagheri", "Vladimir Poutine"])]


def test_speaking_before_unnamed_people_is_no_encounter(kb):
    assert found("Le ministre Sergueï Lavrov a déclaré mardi devant les journalistes que Vladimir Poutine "
                 "était satisfait.", kb) == []
    assert found("S'exprimant mardi devant le Parlement, Vladimir Poutine a salué le traité.", kb) == []


def test_what_a_visitor_did_there_belongs_to_the_visit(kb):
    ms = found("Le ministre turc Hakan Fidan s'est rendu en mars à Bagdad à l'invitation de Fouad Hussein. "
               "Il y a rencontré le Premier ministre Mohammed Chia al-Soudani.", kb)
    assert brief(ms) == [("2023-03", "Bagdad", "visite", ["Hakan Fidan", "Fouad Hussein", "Mohammed Chia al-Soudani"])]


def test_anaphoric_noun_with_its_own_date_dates_the_encounter_told_before(kb):
    ms = found("Le président Recep Tayyip Erdogan rencontrera Vladimir Poutine en marge du sommet de l'OCS. "
               "La rencontre est prévue jeudi.", kb)
    assert brief(ms) == [("2023-05-11", None, "rencontre", ["Recep Tayyip Erdogan", "Vladimir Poutine"])]
    ms = found("Le président Ilham Aliev s'entretiendra avec Nikol Pachinian lors du forum qui se tiendra "
               "du 15 au 17 mai à Astana. Le tête-à-tête aura lieu le 16 mai.", kb)
    assert ("2023-05-16", ["Ilham Aliev", "Nikol Pachinian"]) in [(m["date"], m["participants"]) for m in ms]


def test_anaphoric_noun_without_a_predicate_of_time_adds_no_date(kb):
    ms = found("Le président Ilham Aliev s'entretiendra avec Nikol Pachinian lors du forum d'Astana. "
               "La visite avait été préparée la semaine dernière.", kb)
    assert [(m["date"], m["participants"]) for m in ms] == [(None, ["Ilham Aliev", "Nikol Pachinian"])]


def test_the_day_before_with_no_meeting_to_count_from_is_before_the_news_day(kb):
    ms = found("Moscou et Ankara ont annoncé vendredi un accord sur les céréales. Sergueï Lavrov et Hakan Fidan "
               "en avaient fixé les termes lors d'un entretien téléphonique la veille.", kb)
    assert [(m["date"], m["date_text"], m["kind"]) for m in ms] == [("2023-05-04", "la veille", "entretien téléphonique")]


def test_the_same_evening_is_the_day_named_just_before(kb):
    ms = found("Le satellite a été lancé lundi depuis Baïkonour. Le chef de l'agence spatiale, Iouri Borissov, "
               "s'est entretenu au téléphone le soir même avec Hassan Salarieh.", kb)
    assert [(m["date"], m["date_text"], m["participants"]) for m in ms] == [
        ("2023-05-08", "le soir même", ["Iouri Borissov", "Hassan Salarieh"])]


def test_the_day_before_in_a_participants_apposition_is_not_the_meetings(kb):
    ms = found("Les présidents ont assisté jeudi par visioconférence à la cérémonie. Le protocole a été signé "
               "à Bakou par Alexeï Overtchouk et Chahin Moustafaïev, arrivé la veille dans la capitale "
               "azerbaïdjanaise.", kb)
    assert brief(ms) == [("2023-05-04", "Bakou", "rencontre", ["Alexeï Overtchouk", "Chahin Moustafaïev"])]


def test_a_gathering_a_speaker_recalls_is_not_the_speakers_meeting(kb):
    assert found("« Cette mer doit rester une mer de paix », a déclaré le gouverneur Igor Babouchkine, "
                 "rappelant les décisions prises lors du sommet de Bakou, le 3 mars.", kb) == []
    assert found("« Nous tiendrons parole », a affirmé Hakan Fidan, saluant les accords conclus lors de la "
                 "réunion de Minsk en avril.", kb) == []


def test_a_phone_talk_told_with_un_entretien_is_a_phone_call(kb):
    ms = found("Le ministre Sergueï Lavrov a eu un entretien téléphonique lundi avec Hakan Fidan.", kb)
    assert brief(ms) == [("2023-05-08", None, "entretien téléphonique", ["Sergueï Lavrov", "Hakan Fidan"])]


def test_a_participle_after_puis_is_another_act_not_a_repeated_encounter(kb):
    ms = found("L'accord a été signé mardi par Sergueï Lavrov et Abbas Araghchi, puis approuvé par Vladimir Poutine.", kb)
    assert [m["participants"] for m in ms] == [["Sergueï Lavrov", "Abbas Araghchi"]]


def test_repeated_encounter_with_its_agent_first(kb):
    ms = found("Abbas Araghchi a été reçu le 3 mai par Vladimir Poutine, puis par Sergueï Lavrov le 4 mai à Sotchi.", kb)
    assert [(m["date"], m["participants"]) for m in ms] == [
        ("2023-05-03", ["Abbas Araghchi", "Vladimir Poutine"]), ("2023-05-04", ["Abbas Araghchi", "Sergueï Lavrov"])]


def test_il_y_a_with_a_participle_is_he_there_not_an_impersonal(kb):
    ms = found("Abbas Araghchi s'est rendu mardi à Moscou. Il y a rencontré Sergueï Lavrov, "
               "puis a été reçu par Vladimir Poutine.", kb)
    assert [m["participants"] for m in ms] == [["Abbas Araghchi", "Sergueï Lavrov"], ["Abbas Araghchi", "Vladimir Poutine"]]
    ms = found("Vladimir Poutine a reçu lundi Ebrahim Raïssi. Il y a deux jours, Sergueï Lavrov avait rencontré "
               "Abbas Araghchi.", kb)
    assert [m["participants"] for m in ms][1] == ["Sergueï Lavrov", "Abbas Araghchi"]


def test_pronoun_subject_after_a_fronted_phrase(kb):
    ms = found("Mardi, Vladimir Poutine s'est adressé au Parlement. Le lendemain, il a reçu Ebrahim Raïssi au Kremlin.", kb)
    assert brief(ms) == [("2023-05-10", "Moscou", "rencontre", ["Vladimir Poutine", "Ebrahim Raïssi"])]


def test_meeting_again_is_an_encounter(kb):
    ms = found("Alexandre Novak et Mohsen Paknejad se reverront à la mi-juin à Saint-Pétersbourg.", kb)
    assert brief(ms) == [("2023-06", "Saint-Pétersbourg", "rencontre", ["Alexandre Novak", "Mohsen Paknejad"])]
    ms = found("Les présidents Vladimir Poutine et Massoud Pezechkian doivent se retrouver jeudi à Achgabat.", kb)
    assert brief(ms) == [("2023-05-11", "Achgabat", "rencontre", ["Vladimir Poutine", "Massoud Pezechkian"])]


def test_finding_oneself_alone_is_no_encounter(kb):
    assert found("Le ministre Abbas Araghchi se retrouve isolé après la décision de Donald Trump.", kb) == []


def test_a_subject_with_an_apposition_before_its_verb_is_no_postposed_report(kb):
    ms = found("Le ministre Hakan Fidan, qui s'est rendu à Bakou pour la réunion des garants, a rencontré "
               "ce mercredi Djeyhoun Baïramov.", kb)
    assert [(m["date"], m["kind"], m["participants"]) for m in ms] == [
        ("2023-05-10", "rencontre", ["Hakan Fidan", "Djeyhoun Baïramov"])]


def test_separate_talks_with_several_named_persons(kb):
    ms = found("Le ministre Hakan Fidan a eu mardi des entretiens séparés avec Wang Yi et Sergueï Lavrov.", kb)
    assert brief(ms) == [("2023-05-09", None, "rencontre", ["Hakan Fidan", "Wang Yi", "Sergueï Lavrov"])]


def test_generic_head_with_a_nationality_is_the_latest_person_of_that_state(kb):
    ms = found("Le président turc Recep Tayyip Erdogan a reçu lundi Ilham Aliev. "
               "Le dirigeant turc s'était entretenu la semaine dernière avec Vladimir Poutine.", kb)
    assert ms[-1]["participants"] == ["Recep Tayyip Erdogan", "Vladimir Poutine"]
    ms = found("Le président turc Recep Tayyip Erdogan a reçu lundi Ilham Aliev. "
               "Le responsable azerbaïdjanais avait rencontré en avril Vladimir Poutine.", kb)
    assert ms[-1]["participants"] == ["Ilham Aliev", "Vladimir Poutine"]


def test_generic_head_of_a_state_no_one_serves_names_no_one(kb):
    ms = found("Le président turc Recep Tayyip Erdogan a reçu lundi Ilham Aliev. "
               "Le responsable chinois avait rencontré en avril Vladimir Poutine.", kb)
    assert ms[-1]["participants"] == ["Vladimir Poutine"]


def test_the_two_heads_of_diplomacy_are_the_latest_pair_of_foreign_ministers(kb):
    ms = found("Le ministre turc des Affaires étrangères, Hakan Fidan, a reçu lundi son homologue russe Sergueï Lavrov. "
               "Mardi, Hakan Fidan a rencontré le secrétaire du Conseil de sécurité, Sergueï Choïgou. "
               "Les deux chefs de la diplomatie s'étaient déjà entretenus par téléphone en avril. "
               "Ils s'étaient ensuite vus à Doha, le 2 mai.", kb)
    assert [(m["date"], m["participants"]) for m in ms][2:] == [
        ("2023-04", ["Hakan Fidan", "Sergueï Lavrov"]), ("2023-05-02", ["Hakan Fidan", "Sergueï Lavrov"])]


def test_pronoun_after_a_told_encounter_is_its_subject(kb):
    ms = found("Le responsable azerbaïdjanais Hikmet Hadjiev, cité par Elnur Mammadli, a rencontré mardi Abbas Araghchi. "
               "Il doit être reçu jeudi par Vladimir Poutine.", kb)
    assert ms[-1]["participants"] == ["Hikmet Hadjiev", "Vladimir Poutine"]


def test_head_of_state_with_a_nationality_is_that_states_leader_named_before(kb):
    ms = found("Vladimir Poutine a reçu lundi Massoud Pezechkian. "
               "Le chef de l'État russe s'est ensuite entretenu avec Narendra Modi.", kb)
    assert ms[-1]["participants"] == ["Vladimir Poutine", "Narendra Modi"]


def test_agreeing_to_meet_again_is_an_announced_encounter(kb):
    ms = found("Les ministres Hakan Fidan et Djeyhoun Baïramov ont convenu de se retrouver à Bakou en septembre.", kb)
    assert brief(ms) == [("2023-09", "Bakou", "rencontre", ["Hakan Fidan", "Djeyhoun Baïramov"])]


def test_also_goes_with_the_news_day_not_a_recalled_one(kb):
    ms = found("Vladimir Poutine a reçu mardi à Kazan Massoud Pezechkian. Il s'agit de leur deuxième rencontre, "
               "après un premier entretien le 11 avril à Achgabat. "
               "Le chef de l'État russe s'est également entretenu avec Narendra Modi.", kb)
    assert ("2023-05-09", ["Vladimir Poutine", "Narendra Modi"]) in [(m["date"], m["participants"]) for m in ms]


def test_without_also_a_dateless_talk_follows_the_encounter_just_told(kb):
    ms = found("Vladimir Poutine a reçu mardi à Kazan Massoud Pezechkian. Les deux hommes s'étaient vus le 11 avril "
               "à Achgabat. Ils y avaient rencontré Narendra Modi.", kb)
    assert ("2023-04-11", "Achgabat") in [(m["date"], m["place"]) for m in ms]
    assert "2023-05-09" in [m["date"] for m in ms]


def test_a_headline_encounter_is_the_one_the_body_dates(kb):
    ms = found("Sommet d'Astana : Erdogan et Aliev se rencontrent\n"
               "Par la rédaction\n"
               "10 mai 2023\n\n"
               "Le président turc Recep Tayyip Erdogan a reçu mardi à Astana le président Ilham Aliev.", kb)
    assert brief(ms) == [("2023-05-09", "Astana", "rencontre", ["Recep Tayyip Erdogan", "Ilham Aliev"])]


def test_a_headline_encounter_the_body_does_not_date_stays(kb):
    ms = found("Ilham Aliev et Nikol Pachinian se rencontrent à Astana\n"
               "Par la rédaction\n"
               "10 mai 2023\n\n"
               "Le président turc Recep Tayyip Erdogan a reçu mardi à Ankara Vladimir Poutine.", kb)
    assert [m["participants"] for m in ms] == [["Ilham Aliev", "Nikol Pachinian"],
                                               ["Recep Tayyip Erdogan", "Vladimir Poutine"]]


# ---------------------------------------------------------------- summits, arrivals, co-chairing (own sentences)

def test_landing_or_arriving_somewhere_is_a_visit(kb):
    ms = found("Le ministre russe de l'Énergie Sergueï Tsivilev a atterri mardi à Ispahan.", kb)
    assert brief(ms) == [("2023-05-09", "Ispahan", "visite", ["Sergueï Tsivilev"])]
    ms = found("Le vice-ministre Mikhaïl Bogdanov arrivera jeudi à Damas.", kb)
    assert brief(ms) == [("2023-05-11", "Damas", "visite", ["Mikhaïl Bogdanov"])]
    ms = found("Le ministre iranien du Pétrole Javad Owji est en visite à Bakou depuis lundi.", kb)
    assert [(m["place"], m["kind"], m["participants"]) for m in ms] == [("Bakou", "visite", ["Javad Owji"])]


def test_who_welcomed_the_landed_visitor_takes_part_in_the_visit(kb):
    ms = found("Le président Massoud Pezeshkian a atterri lundi soir à Achgabat. Il a été accueilli à l'aéroport "
               "par le vice-Premier ministre Rachid Meredov.", kb)
    assert brief(ms) == [("2023-05-08", "Achgabat", "visite", ["Massoud Pezeshkian", "Rachid Meredov"])]


def test_co_chairing_a_session_is_an_encounter_of_the_chairs(kb):
    ms = found("Alexandre Novak et Javad Owji ont coprésidé lundi à Ispahan la session de la commission mixte.", kb)
    assert brief(ms) == [("2023-05-08", "Ispahan", "réunion", ["Alexandre Novak", "Javad Owji"])]
    ms = found("La session de la commission se tiendra en juin à Kazan ; elle sera coprésidée par Mohsen Paknejad "
               "et Sergueï Tsivilev.", kb)
    assert brief(ms) == [("2023-06", "Kazan", "réunion", ["Mohsen Paknejad", "Sergueï Tsivilev"])]


def test_a_chair_named_as_a_standing_role_is_no_encounter(kb):
    assert found("La commission intergouvernementale, coprésidée côté russe par Alexandre Novak, "
                 "doit se réunir en juin à Kazan.", kb) == []
    assert found("Alexandre Novak et Javad Owji, qui coprésident la commission, ont salué les progrès.", kb) == []
    assert found("Le président Ilham Aliev a signé un décret.", kb) == []


def test_a_summit_noun_with_its_own_predicate_is_the_summit(kb):
    ms = found("Le sommet de la Caspienne a réuni mardi à Achgabat Vladimir Poutine, Ebrahim Raïssi et Ilham Aliev.", kb)
    assert brief(ms) == [("2023-05-09", "Achgabat", "sommet", ["Vladimir Poutine", "Ebrahim Raïssi", "Ilham Aliev"])]
    ms = found("Le sommet de l'OCS s'est ouvert lundi à Samarcande en présence de Xi Jinping et de Narendra Modi.", kb)
    assert brief(ms) == [("2023-05-08", "Samarcande", "sommet", ["Xi Jinping", "Narendra Modi"])]


def test_a_talk_held_for_a_summit_is_a_second_encounter(kb):
    ms = found("Réunis lundi à Bichkek pour le sommet de l'Union eurasiatique, Vladimir Poutine et Ilham Aliev "
               "ont eu un tête-à-tête.", kb)
    assert brief(ms) == [("2023-05-08", "Bichkek", "sommet", ["Vladimir Poutine", "Ilham Aliev"]),
                         ("2023-05-08", "Bichkek", "rencontre", ["Vladimir Poutine", "Ilham Aliev"])]
    ms = found("Lors du sommet de la CICA à Astana, mardi, Ebrahim Raïssi s'est entretenu avec Kassym-Jomart Tokaïev.", kb)
    assert [m["kind"] for m in ms] == ["sommet", "rencontre"]


def test_gathering_for_a_summit_is_the_summit_alone(kb):
    ms = found("Vladimir Poutine et Ebrahim Raïssi se sont retrouvés lundi à Sotchi pour un sommet bilatéral.", kb)
    assert brief(ms) == [("2023-05-08", "Sotchi", "sommet", ["Vladimir Poutine", "Ebrahim Raïssi"])]
    ms = found("En marge du sommet de l'OCS à Astana, Vladimir Poutine a reçu mardi Massoud Pezeshkian.", kb)
    assert brief(ms) == [("2023-05-09", "Astana", "rencontre", ["Vladimir Poutine", "Massoud Pezeshkian"])]


def test_leaders_named_by_their_nationalities_are_the_persons_of_those_states(kb):
    ms = found("Les présidents russe, iranien et turc se sont retrouvés lundi à Téhéran pour un sommet. "
               "Vladimir Poutine, Ebrahim Raïssi et Recep Tayyip Erdogan ont ensuite déjeuné ensemble.", kb)
    assert brief(ms) == [("2023-05-08", "Téhéran", "sommet", ["Vladimir Poutine", "Ebrahim Raïssi", "Recep Tayyip Erdogan"])]
    ms = found("Le ministre Sergueï Lavrov a parlé de la Syrie. Mardi, les chefs de la diplomatie russe et "
               "iranien se sont réunis à Doha avec leur collègue qatari. Abbas Araghchi a salué l'échange.", kb)
    assert brief(ms) == [("2023-05-09", "Doha", "réunion", ["Sergueï Lavrov", "Abbas Araghchi"])]


def test_nationalities_of_no_named_person_name_no_one(kb):
    assert found("Les présidents russe et chinois se sont retrouvés lundi à Pékin. "
                 "Ebrahim Raïssi a salué la rencontre.", kb) == []


def test_persons_joining_this_gathering_join_the_one_told_before(kb):
    ms = found("Vladimir Poutine a ouvert mardi à Kazan le sommet des BRICS. Une vingtaine de dirigeants, dont "
               "Xi Jinping et Massoud Pezeshkian, participent à cette réunion de trois jours.", kb)
    assert brief(ms) == [("2023-05-09", "Kazan", "sommet", ["Vladimir Poutine", "Xi Jinping", "Massoud Pezeshkian"])]
    ms = found("Ilham Aliev a inauguré lundi à Bakou le sommet de la Caspienne. Ebrahim Raïssi a pris part à ce sommet.", kb)
    assert brief(ms) == [("2023-05-08", "Bakou", "sommet", ["Ilham Aliev", "Ebrahim Raïssi"])]


def test_the_two_men_after_a_talk_of_three_are_its_first_two(kb):
    ms = found("Lundi à Genève, Abbas Araghchi avait rencontré Steve Witkoff en présence de Badr al-Boussaïdi. "
               "Les deux hommes doivent se revoir samedi à Rome.", kb)
    assert ms[-1]["participants"] == ["Abbas Araghchi", "Steve Witkoff"]
    assert (ms[-1]["date"], ms[-1]["place"]) == ("2023-05-13", "Rome")


def test_then_with_another_person_repeats_the_talk(kb):
    ms = found("Lundi, Vladimir Poutine s'est entretenu avec Xi Jinping, puis avec Narendra Modi.", kb)
    assert [(m["date"], m["participants"]) for m in ms] == [
        ("2023-05-08", ["Vladimir Poutine", "Xi Jinping"]), ("2023-05-08", ["Vladimir Poutine", "Narendra Modi"])]
    ms = found("Abbas Araghchi a été reçu mardi par Sergueï Lavrov, puis par Vladimir Poutine.", kb)
    assert [m["participants"] for m in ms] == [["Abbas Araghchi", "Sergueï Lavrov"], ["Abbas Araghchi", "Vladimir Poutine"]]


def test_place_is_not_taken_from_an_encounter_weeks_before(kb):
    ms = found("Vladimir Poutine a reçu mardi à Kazan Massoud Pezeshkian. Les deux hommes s'étaient vus le 11 avril "
               "à Achgabat. Jeudi, Vladimir Poutine doit s'entretenir avec Recep Tayyip Erdogan.", kb)
    assert ms[-1]["date"] == "2023-05-11"
    assert ms[-1]["place"] == "Kazan"


def test_the_sender_of_a_message_is_not_there(kb):
    ms = found("Abbas Araghchi a été reçu lundi par Vladimir Poutine, à qui il a remis un message écrit "
               "du Guide, l'ayatollah Ali Khamenei.", kb)
    assert brief(ms) == [("2023-05-08", None, "rencontre", ["Abbas Araghchi", "Vladimir Poutine"])]
    ms = found("Ali Larijani a rencontré mardi Vladimir Poutine et lui a transmis une lettre de Massoud Pezeshkian.", kb)
    assert ms[0]["participants"] == ["Ali Larijani", "Vladimir Poutine"]


def test_the_source_in_apposition_after_selon_is_not_there(kb):
    ms = found("Selon le porte-parole du ministère, Esmaïl Baghaï, Abbas Araghchi rencontrera jeudi Sergueï Lavrov.", kb)
    assert brief(ms) == [("2023-05-11", None, "rencontre", ["Abbas Araghchi", "Sergueï Lavrov"])]


def test_head_of_diplomacy_with_a_nationality_is_the_foreign_minister(kb):
    ms = found("Le ministre des Affaires étrangères Abbas Araghchi a été reçu lundi par le guide Ali Khamenei. "
               "Le chef de la diplomatie iranienne s'est ensuite entretenu avec Hakan Fidan.", kb)
    assert ms[-1]["participants"] == ["Abbas Araghchi", "Hakan Fidan"]


def test_received_in_audience_passive_and_active(kb):
    ms = found("Mardi, l'ambassadeur Kazem Jalali a été reçu en audience par le vice-ministre Andreï Roudenko.", kb)
    assert brief(ms) == [("2023-05-09", None, "rencontre", ["Kazem Jalali", "Andreï Roudenko"])]
    ms = found("Le guide Ali Khamenei a reçu en audience lundi le secrétaire Sergueï Choïgou.", kb)
    assert brief(ms) == [("2023-05-08", None, "rencontre", ["Ali Khamenei", "Sergueï Choïgou"])]


def test_an_audience_an_interview_or_a_call_with_someone(kb):
    ms = found("Ali Larijani a eu jeudi une entrevue avec Vladimir Poutine.", kb)
    assert brief(ms) == [("2023-05-04", None, "rencontre", ["Ali Larijani", "Vladimir Poutine"])]
    ms = found("Le guide Ali Khamenei a accordé mardi une audience à Sergueï Choïgou.", kb)
    assert brief(ms) == [("2023-05-09", None, "rencontre", ["Ali Khamenei", "Sergueï Choïgou"])]
    ms = found("Sergueï Lavrov a eu lundi soir un appel avec son homologue iranien Abbas Araghchi.", kb)
    assert brief(ms) == [("2023-05-08", None, "entretien téléphonique", ["Sergueï Lavrov", "Abbas Araghchi"])]


def test_a_call_for_restraint_is_no_call(kb):
    assert found("Sergueï Lavrov a lancé lundi un appel à la retenue.", kb) == []


def test_a_visit_going_on_since_a_day_began_that_day(kb):
    ms = found("Le président Massoud Pezeshkian effectue depuis lundi une visite d'État au Tadjikistan.", kb)
    assert brief(ms) == [("2023-05-08", None, "visite", ["Massoud Pezeshkian"])]


def test_since_still_dates_something_else_for_a_talk(kb):
    ms = found("Depuis lundi, la frontière est fermée ; Sergueï Lavrov a rencontré mardi Abbas Araghchi.", kb)
    assert [m["date"] for m in ms] == ["2023-05-09"]


def test_the_day_of_the_announcement_yields_to_the_day_of_the_visit(kb):
    ms = found("Le Kremlin a annoncé mercredi la visite de Massoud Pezeshkian en Russie la semaine prochaine.", kb)
    assert brief(ms) == [("2023-05-15", None, "visite", ["Massoud Pezeshkian"])]
    ms = found("Téhéran a confirmé lundi la venue d'Alexandre Novak, qui se rendra jeudi à Ispahan.", kb)
    assert [(m["date"], m["participants"]) for m in ms] == [("2023-05-11", ["Alexandre Novak"])]


def test_the_announcement_day_stays_when_the_encounter_has_none(kb):
    ms = found("Le Kremlin a annoncé vendredi la visite de Massoud Pezeshkian à Moscou.", kb)
    assert brief(ms) == [("2023-05-05", "Moscou", "visite", ["Massoud Pezeshkian"])]


def test_an_anaphoric_noun_gives_its_day_to_an_encounter_dated_by_its_report(kb):
    ms = found("Vladimir Poutine a reçu au Kremlin Ali Larijani, a indiqué vendredi le service de presse. "
               "La rencontre a eu lieu jeudi.", kb)
    assert brief(ms) == [("2023-05-04", "Moscou", "rencontre", ["Vladimir Poutine", "Ali Larijani"])]
    assert ms[0]["date_text"] == "jeudi"


def test_a_postponed_visit_is_dated_by_its_new_day_not_the_one_given_up(kb):
    ms = found("La visite d'Abbas Araghchi à Moscou, prévue initialement en mars, a été reportée au lundi 8 mai.", kb)
    assert brief(ms) == [("2023-05-08", "Moscou", "visite", ["Abbas Araghchi"])]


def test_a_tally_of_encounters_is_no_new_one(kb):
    assert found("C'est la troisième rencontre entre Vladimir Poutine et Massoud Pezeshkian cette année.", kb) == []
    assert found("Il s'agissait du deuxième entretien entre Sergueï Lavrov et Abbas Araghchi en 2023.", kb) == []


def test_a_title_only_subject_named_in_the_next_sentence(kb):
    ms = found("Le président iranien se rendra jeudi à Moscou. Massoud Pezeshkian doit y signer le traité.", kb)
    assert brief(ms) == [("2023-05-11", "Moscou", "visite", ["Massoud Pezeshkian"])]


def test_a_later_person_of_that_state_with_another_title_is_not_the_subject(kb):
    ms = found("Le président américain avait évoqué lundi des pourparlers directs. Téhéran a choisi de négocier "
               "avec l'émissaire américain Steve Witkoff.", kb)
    assert [m["participants"] for m in ms if m["date"] == "2023-05-08"] == []


def test_presenting_credentials_is_an_encounter(kb):
    ms = found("L'ambassadeur iranien Kazem Jalali a remis mardi ses lettres de créance à Vladimir Poutine.", kb)
    assert brief(ms) == [("2023-05-09", None, "rencontre", ["Kazem Jalali", "Vladimir Poutine"])]


def test_a_relative_clause_keeps_its_own_date(kb):
    ms = found("Vladimir Poutine, qui s'était rendu à Astrakhan en 2021, recevra jeudi Massoud Pezeshkian.", kb)
    assert [(m["date"], m["participants"]) for m in ms] == [("2023-05-11", ["Vladimir Poutine", "Massoud Pezeshkian"])]
    ms = found("Abbas Araghchi, dont la dernière visite remonte à mars, a rencontré lundi Hakan Fidan.", kb)
    assert [(m["date"], m["participants"]) for m in ms] == [("2023-05-08", ["Abbas Araghchi", "Hakan Fidan"])]


def test_a_date_after_the_cue_is_measured_from_its_end(kb):
    ms = found("En 2021 déjà, Sergueï Lavrov rencontrait régulièrement Abbas Araghchi ; il recevra demain Hakan Fidan.", kb)
    assert ("2023-05-11", ["Sergueï Lavrov", "Hakan Fidan"]) in [(m["date"], m["participants"]) for m in ms]


def test_they_after_a_semicolon_are_those_who_met_before_it(kb):
    ms = found("Sergueï Lavrov et Abbas Araghchi se sont entretenus lundi à Moscou ; ils se reverront en juin à Tabriz.", kb)
    assert brief(ms) == [("2023-05-08", "Moscou", "rencontre", ["Sergueï Lavrov", "Abbas Araghchi"]),
                         ("2023-06", "Tabriz", "rencontre", ["Sergueï Lavrov", "Abbas Araghchi"])]


def test_talks_between_two_named_persons_with_a_predicate_of_time(kb):
    ms = found("Les entretiens entre Sergueï Lavrov et Abbas Araghchi ont duré trois heures mardi à Moscou.", kb)
    assert brief(ms) == [("2023-05-09", "Moscou", "rencontre", ["Sergueï Lavrov", "Abbas Araghchi"])]
    assert found("L'entretien entre Vladimir Poutine et Massoud Pezeshkian a duré deux heures.", kb) == []


def test_a_summit_with_its_attendants_in_a_relative_clause(kb):
    ms = found("Le sommet de l'Union eurasiatique, auquel ont assisté Vladimir Poutine, Alexandre Loukachenko et "
               "Massoud Pezeshkian, s'est tenu jeudi à Minsk.", kb)
    assert brief(ms) == [("2023-05-04", "Minsk", "sommet",
                          ["Vladimir Poutine", "Alexandre Loukachenko", "Massoud Pezeshkian"])]


def test_those_who_took_part_there_join_the_summit_told_before(kb):
    ms = found("Le sixième sommet de la Caspienne s'est tenu mercredi à Achgabat. Vladimir Poutine, Ebrahim Raïssi "
               "et Ilham Aliev y ont participé.", kb)
    assert brief(ms) == [("2023-05-10", "Achgabat", "sommet", ["Vladimir Poutine", "Ebrahim Raïssi", "Ilham Aliev"])]
    ms = found("Le forum de la Caspienne se tiendra du 22 au 24 octobre à Bakou. Massoud Pezeshkian y participera.", kb)
    assert ms == []  # a forum is no summit nor meeting noun: an event
    ms = found("La réunion des garants se tiendra le 22 octobre à Bakou. Hakan Fidan y assistera.", kb)
    assert brief(ms) == [("2023-10-22", "Bakou", "réunion", ["Hakan Fidan"])]


def test_a_summit_no_named_person_attends_is_no_meeting(kb):
    assert found("Le sommet des BRICS s'est tenu mardi à Johannesburg.", kb) == []


def test_at_the_summit_a_talk_is_a_second_encounter(kb):
    ms = found("Au sommet de Douchanbé, le 15 septembre, Vladimir Poutine a rencontré Ebrahim Raïssi.", kb)
    assert [m["kind"] for m in ms] == ["sommet", "rencontre"]
    assert {(m["date"], m["place"]) for m in ms} == {("2022-09-15", "Douchanbé")}


def test_then_with_without_a_comma(kb):
    ms = found("En marge du sommet, jeudi à Astana, Vladimir Poutine s'est entretenu avec Massoud Pezeshkian "
               "puis avec Recep Tayyip Erdogan.", kb)
    assert [m["participants"] for m in ms] == [["Vladimir Poutine", "Massoud Pezeshkian"],
                                               ["Vladimir Poutine", "Recep Tayyip Erdogan"]]


def test_heads_of_state_meeting_is_a_summit(kb):
    ms = found("Les chefs d'État du format d'Astana, Vladimir Poutine, Ebrahim Raïssi et Recep Tayyip Erdogan, "
               "se sont réunis mardi à Téhéran.", kb)
    assert brief(ms) == [("2023-05-09", "Téhéran", "sommet", ["Vladimir Poutine", "Ebrahim Raïssi", "Recep Tayyip Erdogan"])]
    ms = found("Les ministres Sergueï Lavrov et Hakan Fidan se sont réunis mardi à Doha.", kb)
    assert [m["kind"] for m in ms] == ["réunion"]


def test_staying_touring_or_flying_somewhere_is_a_visit(kb):
    ms = found("Abbas Araghchi séjournera à Minsk du 3 au 5 juin.", kb)
    assert brief(ms) == [("2023-06-03", "Minsk", "visite", ["Abbas Araghchi"])]
    ms = found("Sergueï Lavrov s'est envolé mardi pour Tabriz.", kb)
    assert brief(ms) == [("2023-05-09", "Tabriz", "visite", ["Sergueï Lavrov"])]
    ms = found("Le ministre Abbas Araghchi a entamé lundi une tournée qui l'a mené à Bagdad.", kb)
    assert brief(ms) == [("2023-05-08", "Bagdad", "visite", ["Abbas Araghchi"])]


def test_after_their_own_talks_the_talks_happened(kb):
    ms = found("Hier, Abbas Araghchi et Sergueï Lavrov ont tenu une conférence de presse à Moscou à l'issue de "
               "leurs entretiens.", kb)
    assert brief(ms) == [("2023-05-09", "Moscou", "rencontre", ["Abbas Araghchi", "Sergueï Lavrov"])]


def test_after_someone_elses_summit_nothing_new(kb):
    assert found("À l'issue du sommet, Sergueï Lavrov a déclaré que la coopération progressait.", kb) == []


def test_among_the_participants_are_the_summits_attendants(kb):
    ms = found("Le sommet de l'OCS s'est ouvert jeudi à Bichkek. Parmi les participants figuraient Xi Jinping "
               "et Massoud Pezeshkian.", kb)
    assert brief(ms) == [("2023-05-04", "Bichkek", "sommet", ["Xi Jinping", "Massoud Pezeshkian"])]


def test_a_title_only_subject_named_after_the_report_of_its_sentence(kb):
    ms = found("Le président iranien est attendu à Moscou la semaine prochaine, a indiqué lundi Dmitri Peskov, "
               "sans dire si Massoud Pezeshkian signera le traité.", kb)
    assert brief(ms) == [("2023-05-15", "Moscou", "visite", ["Massoud Pezeshkian"])]


def test_handing_something_to_a_named_person_is_an_encounter(kb):
    ms = found("Sergueï Choïgou a remis mardi à Massoud Pezeshkian un message personnel de Vladimir Poutine.", kb)
    assert brief(ms) == [("2023-05-09", None, "rencontre", ["Sergueï Choïgou", "Massoud Pezeshkian"])]
    ms = found("Abbas Araghchi avait remis jeudi à Sotchi au président Vladimir Poutine une lettre du guide.", kb)
    assert brief(ms) == [("2023-05-04", "Sotchi", "rencontre", ["Abbas Araghchi", "Vladimir Poutine"])]


def test_handing_something_to_no_named_person_is_no_encounter(kb):
    assert found("Le ministre Alexandre Novak a remis lundi au Parlement un rapport sur le gaz.", kb) == []


def test_video_link_is_a_reunion_without_place(kb):
    for text in ("Depuis Moscou, Vladimir Poutine et Massoud Pezeshkian se sont entretenus mardi en visioconférence.",
                 "Mikhaïl Michoustine a rencontré mardi par vidéoconférence le vice-président Mohammad Reza Aref."):
        ms = found(text, kb)
        assert [(m["date"], m["place"], m["kind"]) for m in ms] == [("2023-05-09", None, "réunion")]


def test_landing_then_welcome_is_a_visit(kb):
    text = ("Le président iranien Massoud Pezeshkian a atterri mardi à Kazan, où il a été accueilli "
            "par le gouverneur Roustam Minnikhanov.")
    assert brief(found(text, kb)) == [("2023-05-09", "Kazan", "visite", ["Massoud Pezeshkian", "Roustam Minnikhanov"])]
    text = "Abbas Araghchi est arrivé lundi à Moscou, où il a été reçu par Sergueï Lavrov."
    assert brief(found(text, kb)) == [("2023-05-08", "Moscou", "visite", ["Abbas Araghchi", "Sergueï Lavrov"])]


def test_numbered_day_offset_from_the_meeting_before(kb):
    text = ("Sergueï Lavrov a reçu le 2 mai à Moscou Abbas Araghchi. Trois jours plus tard, "
            "le ministre iranien a rencontré Mikhaïl Michoustine à Kazan.")
    assert [(m["date"], m["date_text"], m["place"]) for m in found(text, kb)] == [
        ("2023-05-02", "le 2 mai", "Moscou"), ("2023-05-05", "Trois jours plus tard", "Kazan")]
    text = ("Ali Larijani a rencontré le 20 avril Nikolaï Patrouchev. Deux jours auparavant, "
            "il s'était entretenu à Bakou avec Elchin Mammadov.")
    assert [(m["date"], m["place"]) for m in found(text, kb)] == [("2023-04-20", None), ("2023-04-18", "Bakou")]


def test_visit_talked_about_is_its_own_upcoming_meeting(kb):
    text = ("Ali Akbar Velayati a reçu lundi l'ambassadeur Alexeï Dedov. Les deux hommes ont évoqué "
            "les préparatifs de la prochaine visite de Sergueï Choïgou à Ispahan.")
    assert brief(found(text, kb)) == [("2023-05-08", None, "rencontre", ["Ali Akbar Velayati", "Alexeï Dedov"]),
                                      (None, "Ispahan", "visite", ["Sergueï Choïgou"])]
    text = "Ali Larijani et Sergueï Choïgou ont abordé la future visite de Massoud Pezeshkian à Sotchi."
    assert brief(found(text, kb)) == [(None, "Sotchi", "visite", ["Massoud Pezeshkian"])]


def test_title_periphrasis_without_accent_is_the_president(kb):
    text = ("Le président Ebrahim Raïssi a été reçu mardi à Moscou par Vladimir Poutine. Le Chef de l'Etat iranien "
            "s'est également entretenu avec le Premier ministre Mikhaïl Michoustine.")
    assert brief(found(text, kb))[1] == ("2023-05-09", "Moscou", "rencontre", ["Ebrahim Raïssi", "Mikhaïl Michoustine"])


def test_head_of_a_body_stands_for_the_person_named_with_it(kb):
    text = ("Le secrétaire général de l'OCS, Zhang Ming, a rencontré jeudi à Pékin Mehdi Safari. "
            "Le chef de l'OCS s'est également entretenu avec Andreï Roudenko.")
    assert [m["participants"] for m in found(text, kb)] == [["Zhang Ming", "Mehdi Safari"], ["Zhang Ming", "Andreï Roudenko"]]
    text = ("Rafael Grossi, directeur général de l'AIEA, a reçu lundi à Vienne Kazem Gharibabadi. "
            "Le patron de l'AIEA s'est ensuite entretenu avec Mikhaïl Oulianov.")
    assert [m["participants"] for m in found(text, kb)] == [["Rafael Grossi", "Kazem Gharibabadi"], ["Rafael Grossi", "Mikhaïl Oulianov"]]


def test_visit_talked_about_takes_neither_the_talks_day_nor_place(kb):
    text = ("Sergueï Choïgou et Ali Larijani ont évoqué en avril à Moscou "
            "les préparatifs de la prochaine visite de Massoud Pezeshkian à Kazan.")
    assert brief(found(text, kb)) == [(None, "Kazan", "visite", ["Massoud Pezeshkian"])]
