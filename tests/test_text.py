"""Normalisation, decoding, sentence splitting, language detection, title and summary."""
from __future__ import annotations

import datetime as dt

from briefs.extract import text
from briefs.extract.summary import summary_and_title


def test_decode_utf8_then_cp1252_then_latin1():
    assert text.decode("Téhéran".encode("utf-8")) == ("Téhéran", "utf-8")
    assert text.decode("l’accord à Téhéran".encode("cp1252")) == ("l’accord à Téhéran", "cp1252")
    # 0x81 is undefined in cp1252: latin-1 still decodes it, never an exception
    content, encoding = text.decode(b"caf\xe9 \x81")
    assert encoding == "latin-1" and content.startswith("café")


def test_decode_strips_bom():
    assert text.decode("\ufeffMoscou".encode("utf-8"))[0] == "Moscou"


def test_clean_unescapes_entities_and_invisible_characters():
    raw = "S&eacute;curit&eacute;&nbsp;: l&#8217;accord\u00ad est sign\u200bé\r\n"
    assert text.clean(raw) == "Sécurité\u00a0: l’accord est signé"


def test_clean_joins_words_cut_at_line_end():
    assert text.clean("la coopé-\nration") == "la coopération"


def test_fold_keeps_length_and_maps_typography():
    s = "l’«accord» – “signé”\u00a0hier"
    folded = text.fold(s)
    assert len(folded) == len(s)
    assert folded == "l'«accord» - \"signé\" hier"


def test_sentences_respect_abbreviations_and_initials():
    norm = text.fold("M. Lavrov a reçu S.V. Dedov à Moscou. Mme Zakharova a parlé. Les deux pays ont signé.")
    spans = text.split_sentences(norm)
    assert [norm[s.start:s.end] for s in spans] == [
        "M. Lavrov a reçu S.V. Dedov à Moscou.",
        "Mme Zakharova a parlé.",
        "Les deux pays ont signé.",
    ]


def test_sentences_break_at_line_ends():
    norm = "Titre sans point\nPremière phrase ici. Deuxième phrase là."
    assert len(text.split_sentences(norm)) == 3


def test_language_detection():
    assert text.detect_language("Le ministre russe a rencontré son homologue iranien à Téhéran pour des entretiens.") == "fr"
    assert text.detect_language("The Russian minister met his Iranian counterpart in Tehran for talks on the deal.") == "en"
    assert text.detect_language("12345 67890 !!!") == "unknown"


def test_title_is_headline_line_and_summary_is_lead():
    content = ("Gazoduc : Moscou et Téhéran relancent le projet\n\n"
               "TÉHÉRAN, 4 mai 2023 – Le ministre iranien du Pétrole a reçu mardi une délégation russe conduite par le vice-Premier ministre. "
               "Les deux parties ont discuté des livraisons de gaz.\n")
    doc = text.make_doc(text.clean(content), dt.date(2023, 5, 4))
    summary, title = summary_and_title(doc)
    assert title == "Gazoduc : Moscou et Téhéran relancent le projet"
    assert summary.startswith("Le ministre iranien du Pétrole a reçu mardi")
    assert "TÉHÉRAN" not in summary


def test_title_falls_back_to_shortened_lead():
    content = ("Le vice-ministre russe des Affaires étrangères a reçu l'ambassadeur d'Iran pour évoquer la situation régionale "
               "et la préparation de la prochaine session de la commission intergouvernementale entre les deux pays.")
    doc = text.make_doc(text.clean(content), None)
    summary, title = summary_and_title(doc)
    assert summary == content
    assert title.endswith("…") and len(title) <= 121


def test_navigation_lines_and_crawl_stamp_are_blanked_keeping_offsets(kb):
    raw = ("[crawled 2021-04-02T10:00:00Z]\nAccueil | Monde | Asie | Contact\n"
           "Le ministre a quitté Bakou mardi.\n👉 À lire aussi : Ankara et Erevan signent un accord\n"
           "Partager sur Telegram\nMots-clés : Iran, Russie\n© Agence 2021 - Tous droits réservés")
    doc = text.make_doc(text.clean(raw), None, kb)
    assert len(doc.norm) == len(doc.text)
    assert [doc.norm[s.start:s.end] for s in doc.lines] == ["Le ministre a quitté Bakou mardi."]
    assert "Ankara" in doc.text and "Ankara" not in doc.norm


def test_long_prose_line_starting_like_a_cue_is_kept(kb):
    raw = "Source : " + "le ministre a rappelé que la coopération avance " * 6
    doc = text.make_doc(text.clean(raw), None, kb)
    assert doc.norm.strip() == doc.text.strip()


def test_slashes_of_a_date_make_no_menu(kb):
    # a byline with a numeric date is kept; a breadcrumb split by slashes is still blanked
    raw = "Par Ombeline Ferrand | Mis en ligne le 07/11/2019 à 11:40\nMonde / Asie / Iran / Vidéos\nLe texte."
    doc = text.make_doc(text.clean(raw), None, kb)
    assert [doc.norm[s.start:s.end] for s in doc.lines] == [
        "Par Ombeline Ferrand | Mis en ligne le 07/11/2019 à 11:40", "Le texte."]
    raw = "Publications 12/04 | 13/04 | 14/04 | 15/04\nLe texte."
    doc = text.make_doc(text.clean(raw), None, kb)
    assert [doc.norm[s.start:s.end] for s in doc.lines] == ["Le texte."]


def test_byline_split_by_bars_is_no_menu(kb):
    # the author, the outlet and the date split by « | » look like a menu of three items
    for raw in ("Par Hélène Morvan | L'Express | 14/02/2021\nLe texte.",
                "PAR Karim Saadi | AFP | 3 mars 2019\nLe texte.",
                "By John Carter | Reuters | 12 May 2022\nLe texte."):
        doc = text.make_doc(text.clean(raw), None, kb)
        assert [doc.norm[s.start:s.end] for s in doc.lines] == [raw.split("\n")[0], "Le texte."]
    raw = "Accueil | Par pays | Iran | Russie\nLe texte."
    doc = text.make_doc(text.clean(raw), None, kb)
    assert [doc.norm[s.start:s.end] for s in doc.lines] == ["Le texte."]
