"""Agreements: kind, latest stage, date, one entry per agreement. Own sentences, checked by hand."""
from __future__ import annotations

import datetime as dt

from briefs.extract import agreements
from briefs.extract.text import clean, make_doc


def found(text: str, kb, published=dt.date(2022, 6, 15)) -> list[dict]:
    return agreements.find_agreements(make_doc(clean(text), published), kb)


def kinds_statuses(text: str, kb) -> list[tuple[str, str]]:
    return [(a["kind"], a["status"]) for a in found(text, kb)]


def test_active_verb_governs_following_agreements(kb):
    text = "Les ministres ont signé jeudi à Bakou un accord sur le fret et un protocole sur les douanes."
    got = found(text, kb)
    assert [(a["kind"], a["status"], a["date"]) for a in got] == [
        ("accord", "signé", "2022-06-09"), ("protocole", "signé", "2022-06-09")]
    assert got[0]["name"] == "accord sur le fret"


def test_participle_qualifies_preceding_agreement_with_year(kb):
    got = found("Ils ont évoqué le contrat gazier conclu en 2009, jamais exécuté.", kb)
    assert [(a["kind"], a["status"], a["date"]) for a in got] == [("contrat", "signé", "2009")]


def test_kind_mapping(kb):
    text = ("Un protocole d'accord sur la pêche a été signé. Une note d'entente sur le tourisme a été signée. "
            "La convention fiscale a été ratifiée. Un accord-cadre sur l'eau a été finalisé.")
    assert kinds_statuses(text, kb) == [
        ("mémorandum", "signé"), ("mémorandum", "signé"), ("traité", "ratifié"), ("accord", "finalisé")]


def test_latest_stage_wins_and_anaphor_points_back(kb):
    text = ("Le traité d'amitié a été signé en 2019. Le Parlement a approuvé sa ratification en 2020. "
            "Le traité est entré en vigueur en mars 2021.")
    got = found(text, kb)
    assert [(a["kind"], a["status"], a["date"]) for a in got] == [("traité", "en vigueur", "2021-03")]


def test_nominalisation_governs_its_complement(kb):
    assert kinds_statuses("La Douma a voté la ratification de l'accord sur les visas.", kb) == [("accord", "ratifié")]


def test_state_phrase_after_noun(kb):
    assert kinds_statuses("Un contrat sur les turbines, toujours en négociation, inquiète Berlin.", kb) == [
        ("contrat", "en négociation")]


def test_future_signature_is_only_announced(kb):
    assert kinds_statuses("Un mémorandum sur les céréales doit être signé le mois prochain.", kb) == [
        ("mémorandum", "annoncé")]


def test_finalised_then_future_signature_stays_finalised(kb):
    text = "Le texte de l'accord douanier est finalisé et sera signé en juin."
    assert kinds_statuses(text, kb) == [("accord", "finalisé")]


def test_announced_drafting(kb):
    assert kinds_statuses("Les deux pays ont annoncé l'élaboration d'une feuille de route sur l'eau.", kb) == [
        ("feuille de route", "annoncé")]


def test_drafting_is_negotiation(kb):
    assert kinds_statuses("Ils ont discuté de l'élaboration d'un nouveau traité global.", kb) == [
        ("traité", "en négociation")]


def test_duration_is_not_a_stage(kb):
    assert found("Le document, conclu pour quinze ans, reste secret.", kb) == []


def test_negated_stage_is_ignored(kb):
    assert found("Le contrat pétrolier n'a pas été signé.", kb) == []


def test_agreement_without_stage_is_left_out(kb):
    assert found("Ils ont parlé de l'accord sur le nucléaire et d'un futur traité.", kb) == []


def test_same_agreement_twice_is_one(kb):
    text = ("Le traité de coopération spatiale a été signé en 2018. "
            "Le traité de coopération spatiale entre les deux pays est entré en vigueur en 2019.")
    assert kinds_statuses(text, kb) == [("traité", "en vigueur")]


def test_different_modifiers_are_different_agreements(kb):
    text = "Un accord sur les visas a été signé, et un accord sur la pêche a été ratifié."
    assert kinds_statuses(text, kb) == [("accord", "signé"), ("accord", "ratifié")]


def test_named_agreement_forms_join(kb):
    text = "Le JCPOA, signé en 2015, est entré en vigueur en janvier 2016. Le PAGC reste menacé."
    got = found(text, kb)
    assert [(a["kind"], a["status"], a["date"]) for a in got] == [("accord", "en vigueur", "2016-01")]


def test_headline_agreement_is_the_body_one(kb):
    text = "Bakou et Erevan signent un traité\n\nLes deux pays ont signé mardi un traité de paix."
    assert kinds_statuses(text, kb) == [("traité", "signé")]


def test_list_after_colon(kb):
    text = "Documents signés mardi : un accord sur la santé, un protocole sur le sport."
    assert kinds_statuses(text, kb) == [("accord", "signé"), ("protocole", "signé")]


def test_consent_is_not_an_agreement(kb):
    assert found("Les travaux exigent l'accord des riverains.", kb) == []


def test_purpose_infinitive_after_a_past_trip_is_a_stage_reached(kb):
    got = found("Le ministre kazakh s'était rendu à Bakou en mai pour signer un mémorandum sur le transit.", kb)
    assert [(a["kind"], a["status"]) for a in got] == [("mémorandum", "signé")]
    got = found("Le ministre kazakh se rendra à Bakou en mai pour signer un mémorandum sur le transit.", kb)
    assert [(a["kind"], a["status"]) for a in got] == [("mémorandum", "annoncé")]


def test_to_adopt_a_declaration_is_announced_adopted_is_signed(kb):
    got = found("Les ministres doivent y adopter une déclaration commune sur le transit.", kb)
    assert [(a["kind"], a["status"]) for a in got] == [("déclaration", "annoncé")]
    got = found("Le sommet a adopté mardi une déclaration finale sur la Caspienne.", kb)
    assert [(a["kind"], a["status"]) for a in got] == [("déclaration", "signé")]


def test_a_coordinated_second_verb_keeps_its_object_from_the_first(kb):
    got = found("Les ministres ont signé un mémorandum sur les ports et examiné l'accord sur le transit, "
                "dont le texte est en cours de finalisation.", kb)
    assert [(a["kind"], a["status"]) for a in got] == [("mémorandum", "signé"), ("accord", "en négociation")]


def test_an_agreement_sought_is_in_negotiation(kb):
    for text in ("Les parties sont proches d'un accord sur le transit.",
                 "« Nous sommes plus proches que jamais d'un accord sur le transit », a dit le ministre.",
                 "Les deux pays espèrent parvenir à un accord sur le transit."):
        assert [(a["kind"], a["status"]) for a in found(text, kb)] == [("accord", "en négociation")], text


# --- Stages told by a future, a noun subject or a condition; headlines; nested names (blind texts 28-35) ---

def test_a_future_stage_is_not_the_current_one(kb):
    # « le texte paraphé mercredi entrera en vigueur après sa ratification »: signed that day.
    got = found("L'accord sur les visas, signé le 3 juin, entrera en vigueur après sa ratification par les deux chambres.", kb)
    assert [(a["kind"], a["status"], a["date"]) for a in got] == [("accord", "signé", "2022-06-03")]
    got = found("La convention fiscale paraphée le 10 juin entrera en vigueur en 2023.", kb)
    assert [(a["kind"], a["status"], a["date"]) for a in got] == [("traité", "signé", "2022-06-10")]
    got = found("La convention fiscale est entrée en vigueur lundi.", kb)
    assert [(a["kind"], a["status"], a["date"]) for a in got] == [("traité", "en vigueur", "2022-06-13")]


def test_a_stage_told_by_its_noun_as_subject(kb):
    # « dont la ratification a été achevée ce printemps »: the agreement is ratified.
    got = found("Le traité d'amitié, signé en 2019, dont la ratification a été achevée en mars, reste discret.", kb)
    assert [(a["kind"], a["status"], a["date"]) for a in got] == [("traité", "ratifié", "2022-03")]
    got = found("L'accord sur la pêche a été conclu en 2020 et sa ratification a été achevée en avril.", kb)
    assert [(a["kind"], a["status"], a["date"]) for a in got] == [("accord", "ratifié", "2022-04")]


def test_a_stage_held_back_keeps_the_one_before(kb):
    # « dont la signature est bloquée depuis des mois »: still negotiated.
    got = found("Le protocole sur les douanes, dont la signature est bloquée depuis l'hiver, divise les partenaires.", kb)
    assert [(a["kind"], a["status"]) for a in got] == [("protocole", "en négociation")]
    got = found("Le traité sur les frontières, signé en 2018, dont la ratification reste suspendue, inquiète.", kb)
    assert [(a["kind"], a["status"], a["date"]) for a in got] == [("traité", "signé", "2018")]


def test_a_future_signing_on_a_condition_is_still_negotiated(kb):
    # « sera signé dès que les dernières questions seront réglées »
    assert kinds_statuses("Le mémorandum sur les ports sera signé dès que le financement sera trouvé.", kb) == [
        ("mémorandum", "en négociation")]
    assert kinds_statuses("L'accord gazier sera signé une fois que les prix seront fixés.", kb) == [
        ("accord", "en négociation")]
    assert kinds_statuses("Le mémorandum sur les ports sera signé mardi.", kb) == [("mémorandum", "annoncé")]


def test_a_headline_under_a_source_line_is_the_body_agreement(kb):
    # « Sputnik Afrique - 27.06.2024 » above the headline: the headline still repeats the lead.
    text = ("Agence Caspienne - 14.06.2022\n\n"
            "Énergie : Bakou et Achgabat signent un mémorandum sur l'électricité\n\n"
            "Les ministres ont signé mardi à Bakou un mémorandum de coopération sur les interconnexions électriques.")
    got = found(text, kb)
    assert [(a["kind"], a["status"], a["date"]) for a in got] == [("mémorandum", "signé", "2022-06-14")]
    text = ("Courrier du Golfe | 14 juin 2022\n\n"
            "Bakou et Achgabat signent un contrat\n\n"
            "Les ministres ont signé mardi un mémorandum sur la pêche.")
    assert kinds_statuses(text, kb) == [("mémorandum", "signé"), ("contrat", "signé")]


def test_an_agreement_named_inside_another_keeps_no_stage(kb):
    # « a signé le protocole additionnel au Traité de non-prolifération »: the protocol is signed, not the treaty.
    got = found("La Serbie a signé lundi le protocole additionnel à l'accord de libre-échange avec l'Union.", kb)
    assert [(a["kind"], a["status"]) for a in got] == [("protocole", "signé"), ("accord", None)]
    got = found("Le Parlement a ratifié en mai le protocole au traité sur la Charte de l'énergie.", kb)
    assert [(a["kind"], a["status"]) for a in got] == [("protocole", "ratifié"), ("traité", None)]
    # an agreement that is only the subject matter of another is not listed
    got = found("Ils ont signé un mémorandum sur l'application de l'accord de transit.", kb)
    assert [(a["kind"], a["status"]) for a in got] == [("mémorandum", "signé")]


def test_names_run_to_the_end_of_the_noun_phrase(kb):
    got = found("Les parties vont négocier un contrat de long terme sur le pétrole, selon le ministre.", kb)
    assert got[0]["name"] == "contrat de long terme sur le pétrole"
    got = found("Ils ont signé un protocole sur le transfert en Arménie des déchets radioactifs.", kb)
    assert got[0]["name"] == "protocole sur le transfert en Arménie des déchets radioactifs"
    got = found("Ils ont signé une feuille de route sur les liaisons maritimes entre le port de Bakou et celui d'Aktaou.", kb)
    assert got[0]["name"] == "feuille de route sur les liaisons maritimes entre le port de Bakou et celui d'Aktaou"
    got = found("L'accord en vigueur depuis 2015 expire bientôt.", kb)
    assert got[0]["name"] == "accord"


def test_an_agreement_in_view_is_in_negotiation(kb):
    # « les négociations reprendront le 18 novembre à Vienne, en vue d'un accord final »
    assert kinds_statuses("Les délégations se retrouveront à Genève en juillet en vue d'un accord global.", kb) == [
        ("accord", "en négociation")]
    assert kinds_statuses("Les experts travaillent dans la perspective d'une convention sur la pêche.", kb) == [
        ("traité", "en négociation")]


def test_names_keep_counted_nouns_and_quoted_titles(kb):
    got = found("Ils ont signé un contrat pour la livraison de trois nouveaux navires aux garde-côtes.", kb)
    assert got[0]["name"] == "contrat pour la livraison de trois nouveaux navires"
    got = found("Ils ont signé le mémorandum « Route verte de la soie 2030 » à Tachkent.", kb)
    assert got[0]["name"] == "mémorandum « Route verte de la soie 2030 »"


def test_a_stage_noun_with_a_predicate_of_time_to_come(kb):
    # « la signature est prévue mardi », « l'entrée en vigueur doit intervenir en 2026 »: to come, announced
    assert kinds_statuses("La signature de l'accord sur le gaz est prévue mardi.", kb) == [("accord", "annoncé")]
    assert kinds_statuses("Le traité frontalier est finalisé ; son entrée en vigueur doit intervenir en 2026.", kb) == [
        ("traité", "finalisé")]
    # « l'entrée en vigueur est intervenue le 2 mai »: reached
    got = found("La convention fiscale a été signée en 2020 ; son entrée en vigueur est intervenue le 2 mai.", kb)
    assert [(a["kind"], a["status"], a["date"]) for a in got] == [("traité", "en vigueur", "2022-05-02")]
    assert kinds_statuses("Le mémorandum sur les ports sera signé s'il reçoit l'aval du conseil.", kb) == [
        ("mémorandum", "en négociation")]


def test_a_stage_noun_under_way_and_a_nested_agreement_of_an_unstaged_one(kb):
    # « un protocole additionnel au traité ..., dont la rédaction est en cours »: the protocol is negotiated
    got = found("Ils ont discuté d'un protocole additionnel à la convention sur la pêche, dont la rédaction est en cours.", kb)
    assert [(a["kind"], a["status"]) for a in got] == [("protocole", "en négociation"), ("traité", None)]
    # the outer agreement has no stage: neither is listed
    assert found("Ils ont discuté d'un protocole additionnel à la convention sur la pêche.", kb) == []
    # « la ratification de la convention reste bloquée »: signed, not ratified
    assert kinds_statuses("La ratification de la convention sur la double imposition reste bloquée au Parlement.", kb) == [
        ("traité", "signé")]


def test_a_stage_noun_with_an_attribute_is_no_predicate(kb):
    # « ces accords n'ont rien à voir avec les négociations en cours »: the talks, not the agreements' stage
    assert found("Ces contrats n'ont aucun lien avec les négociations en cours à Genève.", kb) == []


def triples(text: str, kb, published=dt.date(2022, 6, 15)) -> list[tuple]:
    return [(a["kind"], a["status"], a["date"]) for a in found(text, kb, published)]


def test_generic_accord_points_back_to_an_agreement_of_another_kind(kb):
    text = ("Le traité d'amitié et de bon voisinage a été signé le 3 mai. L'accord sera soumis au Parlement "
            "avant l'été.")
    assert triples(text, kb) == [("traité", "signé", "2022-05-03")]
    text = "La convention sur les pêcheries a été ratifiée en 2020. L'accord entrera en vigueur en janvier."
    assert triples(text, kb) == [("traité", "ratifié", "2020")]


def test_counted_list_gives_one_agreement_per_item(kb):
    got = found("Les délégations ont signé vendredi quatre mémorandums sur la pêche, le tourisme, la culture "
                "et le sport.", kb)
    assert [a["name"] for a in got] == ["mémorandum sur la pêche", "mémorandum sur le tourisme",
                                        "mémorandum sur la culture", "mémorandum sur le sport"]
    assert {(a["kind"], a["status"], a["date"]) for a in got} == {("mémorandum", "signé", "2022-06-10")}
    got = found("Deux protocoles relatifs aux douanes et aux visas ont été paraphés.", kb)
    assert [(a["name"], a["status"]) for a in got] == [("protocole relatifs aux douanes", "signé"),
                                                        ("protocole relatifs aux visas", "signé")]


def test_one_the_other_names_each_of_two(kb):
    got = found("Rosatom et l'AEOI ont conclu en mars deux contrats, l'un sur le combustible, l'autre sur "
                "la maintenance.", kb)
    assert [(a["name"], a["kind"], a["status"], a["date"]) for a in got] == [
        ("contrat sur le combustible", "contrat", "signé", "2022-03"),
        ("contrat sur la maintenance", "contrat", "signé", "2022-03")]


def test_count_without_items_still_counts(kb):
    assert triples("Cinq accords ont été conclus mardi à Ispahan.", kb) == [("accord", "signé", "2022-06-14")] * 5
    assert triples("Un accord a été signé mardi.", kb) == [("accord", "signé", "2022-06-14")]


def test_name_after_a_colon_is_the_same_agreement(kb):
    got = found("Les ministres ont signé un nouvel accord : le traité sur l'entraide judiciaire.", kb)
    assert [(a["name"], a["kind"], a["status"]) for a in got] == [
        ("traité sur l'entraide judiciaire", "traité", "signé")]
    got = found("Un document a été paraphé jeudi : un mémorandum sur la lutte antidrogue.", kb)
    assert [(a["kind"], a["status"]) for a in got] == [("mémorandum", "signé")]


def test_title_in_quotes_after_baptise_belongs_to_the_name(kb):
    got = found("Ils ont signé un accord baptisé « Caspienne verte » et une feuille de route intitulée "
                "« Horizon 2030 ».", kb)
    assert [(a["name"], a["kind"]) for a in got] == [("accord baptisé « Caspienne verte »", "accord"),
                                                     ("feuille de route intitulée « Horizon 2030 »", "feuille de route")]


def test_agreement_named_by_its_year_is_listed_without_stage(kb):
    got = found("Les deux ministres ont évoqué l'avenir du traité de 2001 et du PAGC.", kb)
    assert [(a["kind"], a["status"], a["date"]) for a in got] == [("traité", None, "2001")]
    got = found("Moscou défend toujours l'accord de 2015 face à Washington.", kb)
    assert [(a["kind"], a["status"], a["date"]) for a in got] == [("accord", None, "2015")]


def test_year_in_name_points_back_to_the_agreement_dated_that_year(kb):
    text = ("La convention sur le statut de la Caspienne a été signée en août 2018. "
            "La convention de 2018 n'a pas encore été ratifiée par le Majlis.")
    assert triples(text, kb) == [("traité", "signé", "2018-08")]


def test_talks_about_an_agreement_put_it_in_negotiation(kb):
    assert kinds_statuses("Les consultations sur un accord de libre-échange reprendront en septembre.", kb) == [
        ("accord", "en négociation")]
    assert kinds_statuses("Les discussions se poursuivent sur un contrat de swap gazier.", kb) == [
        ("contrat", "en négociation")]
    assert kinds_statuses("Les pourparlers sur le traité global avancent lentement.", kb) == [
        ("traité", "en négociation")]


def test_feminine_participle_never_qualifies_a_masculine_agreement(kb):
    text = "Les négociations sur l'accord nucléaire traînent. Les sanctions adoptées en mars compliquent tout."
    assert kinds_statuses(text, kb) == [("accord", "en négociation")]
    assert kinds_statuses("Le contrat gazier et les taxes imposées en mai pèsent sur les ventes.", kb) == []
    assert kinds_statuses("La déclaration commune, adoptée lundi, salue la trêve.", kb) == [("déclaration", "signé")]


def test_planned_stage_noun_only_announces(kb):
    assert triples("La signature prévue du contrat gazier aura lieu en septembre.", kb) == [
        ("contrat", "annoncé", "2022-09")]
    assert kinds_statuses("La prochaine ratification du traité par la Douma est attendue.", kb) == [
        ("traité", "annoncé")]


def test_a_date_after_the_noun_is_not_part_of_its_name(kb):
    text = ("Le traité sur la sécurité régionale a été signé en 2021. Le Sénat doit examiner le traité "
            "le 16 juin.")
    got = found(text, kb)
    assert [(a["name"], a["status"], a["date"]) for a in got] == [
        ("traité sur la sécurité régionale", "signé", "2021")]


def test_an_agreement_reached_is_finalised(kb):
    assert triples("Les deux gouvernements se sont mis d'accord sur une feuille de route ferroviaire le 2 juin.",
                   kb) == [("feuille de route", "finalisé", "2022-06-02")]
    assert kinds_statuses("Les négociateurs sont parvenus à un accord sur les tarifs du transit.", kb) == [
        ("accord", "finalisé")]
    assert kinds_statuses("Les deux camps cherchent à parvenir à un accord sur les tarifs.", kb) == [
        ("accord", "en négociation")]


def test_approval_law_and_promulgation_are_ratification(kb):
    assert triples("Le Majlis a voté jeudi la loi portant approbation de la convention consulaire.", kb) == [
        ("traité", "ratifié", "2022-06-09")]
    assert triples("Le président a signé le 2 mai le décret ratifiant le protocole sur les visas.", kb) == [
        ("protocole", "ratifié", "2022-05-02")]


def test_applied_agreement_is_in_force_unless_still_to_come(kb):
    assert triples("Le mémorandum sur les paiements est appliqué depuis le 1er mars.", kb) == [
        ("mémorandum", "en vigueur", "2022-03-01")]
    assert kinds_statuses("Le contrat de fret signé en avril sera appliqué dès l'automne.", kb) == [
        ("contrat", "signé")]
    assert kinds_statuses("Le contrat de 2019, que Téhéran n'applique plus, est caduc.", kb) == [("contrat", None)]


def test_cooperation_document_is_an_accord(kb):
    assert triples("Les deux pays ont signé lundi un document de coopération globale sur vingt ans.", kb) == [
        ("accord", "signé", "2022-06-13")]


def test_said_and_same_agreement_point_back(kb):
    text = "L'accord sur le fret a été signé en 2021. Ledit accord est entré en vigueur le 1er mars."
    assert triples(text, kb) == [("accord", "en vigueur", "2022-03-01")]
    text = "Le traité sur les pêches a été signé en 2020. Ce même traité a été ratifié en mai."
    assert triples(text, kb) == [("traité", "ratifié", "2022-05")]


def test_signing_of_several_documents_governs_the_list_after_dont(kb):
    text = ("Les ministres ont assisté à la signature de plusieurs documents, dont un protocole sur les visas "
            "et une feuille de route sur le rail.")
    assert kinds_statuses(text, kb) == [("protocole", "signé"), ("feuille de route", "signé")]


def test_a_verb_governs_the_agreement_past_projet(kb):
    assert triples("Les négociateurs ont paraphé lundi un projet d'accord sur la pêche.", kb) == [
        ("accord", "signé", "2022-06-13")]


def test_stage_noun_dated_after_its_predicate(kb):
    text = "La signature du contrat de fourniture de blé a eu lieu le 3 juin à Astrakhan."
    assert triples(text, kb) == [("contrat", "signé", "2022-06-03")]


def test_a_date_next_to_another_stage_is_that_stage_s(kb):
    assert triples("Le Sénat a ratifié mardi le traité consulaire, signé en 2019.", kb) == [
        ("traité", "ratifié", "2022-06-14")]
    assert triples("La Douma a ratifié le protocole, signé en 2020 à Bakou.", kb) == [("protocole", "ratifié", None)]


def test_agreeing_to_prepare_is_negotiation(kb):
    assert kinds_statuses("Les deux ministères sont convenus de préparer un protocole sur la pêche.", kb) == [
        ("protocole", "en négociation")]


def test_a_definite_count_points_back(kb):
    text = ("Les ministres ont signé un accord sur le rail et un accord sur les ports. "
            "Les deux accords seront ratifiés en juillet.")
    assert kinds_statuses(text, kb) == [("accord", "signé"), ("accord", "signé")]
    assert kinds_statuses("Ces trois protocoles ont été paraphés hier.", kb) == [("protocole", "signé")]


def test_agreeing_to_finalise_is_still_negotiation(kb):
    for text in ("Bakou et Moscou ont convenu de finaliser d'ici la fin de l'année un accord sur les visas.",
                 "Les deux délégations travaillent afin de finaliser au plus tard en mars le protocole sur la pêche."):
        got = found(text, kb)
        assert [(a["kind"], a["status"], a["date"]) for a in got] == [(got[0]["kind"], "en négociation", None)]


def test_stage_noun_with_inserted_date_then_agreement(kb):
    got = found("Les ministres ont salué la signature, le 3 juin, d'une feuille de route sur la pêche.", kb)
    assert [(a["name"], a["kind"], a["status"], a["date"]) for a in got] == [
        ("feuille de route sur la pêche", "feuille de route", "signé", "2022-06-03")]
    got = found("Il a rappelé la ratification, mardi dernier, du protocole sur les douanes.", kb)
    assert [(a["kind"], a["status"], a["date"]) for a in got] == [("protocole", "ratifié", "2022-06-14")]


def test_stage_noun_predicate_after_an_apposition(kb):
    # the verb after the apposition decides, not the noun: the treaty is signed, not ratified
    got = found("La ratification par la Douma de la convention fiscale, signée en 2021, reste en suspens.", kb)
    assert [(a["kind"], a["status"], a["date"]) for a in got] == [("traité", "signé", "2021")]
    got = found("La signature de l'accord sur les visas, paraphé en avril, a été reportée.", kb)
    assert [(a["kind"], a["status"], a["date"]) for a in got] == [("accord", "signé", "2022-04")]


def test_same_stage_twice_keeps_the_later_date(kb):
    got = found("Le mémorandum sur la pêche, paraphé en février, a été signé le 2 mai à Astrakhan.", kb)
    assert [(a["kind"], a["status"], a["date"]) for a in got] == [("mémorandum", "signé", "2022-05-02")]
    got = found("Le contrat gazier a été signé le 2 mai 2021, puis paraphé de nouveau en 2021.", kb)
    assert [(a["status"], a["date"]) for a in got] == [("signé", "2021-05-02")]


def test_initialling_date_is_not_the_signing_date(kb):
    got = found("Les deux ministres ont signé jeudi une convention consulaire, paraphée en mars.", kb)
    assert [(a["kind"], a["status"], a["date"]) for a in got] == [("traité", "signé", "2022-06-09")]
    got = found("Les deux pays ont signé une convention consulaire, paraphée en mars.", kb)
    assert [(a["kind"], a["status"], a["date"]) for a in got] == [("traité", "signé", None)]


def test_modal_predicate_of_a_stage_noun_is_to_come(kb):
    got = found("Le protocole sur la pêche a été signé en mai. Sa ratification pourrait toutefois prendre des mois.", kb)
    assert [(a["kind"], a["status"], a["date"]) for a in got] == [("protocole", "signé", "2022-05")]
    got = found("La ratification de l'accord sur les visas, signé en 2021, devrait attendre l'automne.", kb)
    assert [(a["kind"], a["status"], a["date"]) for a in got] == [("accord", "signé", "2021")]
