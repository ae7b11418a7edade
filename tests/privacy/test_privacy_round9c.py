"""Issue 10, round 9c: names (NAAM) on a new set: user names in forum headers, handles
without their "@", a name written on as a user name, initials typed in lowercase, surnames
after a title that are also words, names in brackets after a role word, first names of the
region's communities, a first name and a surname found apart, and the guards that keep
ordinary words, organisations and streets out of a name. General rules written on the
tuning halves (tuning, tuning4, tuning8, tuning9) and on sentences of my own; the sentences
here were written for these tests."""

from __future__ import annotations

import pytest

from privacy.detectors.identifiers import find_handles, find_usernames
from privacy.detectors.lexicon import first_names
from privacy.detectors.names import find_known_capitalised_first_names
from privacy.engine import default_engine
from privacy.findings import Label
from tests.privacy.helpers import found


def names(text: str) -> list[str]:
    return [f.text for f in default_engine().scan(text) if f.label is Label.NAAM]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a user name with an underscore, with or without "@": forum headers, signatures
        ("geplaatst door wendy_opvang | ma 3 maart\nik heb een vraag", "wendy_opvang"),
        ("**antwoord:** Kees_vd_Linden\neens met de vorige", "Kees_vd_Linden"),
        ("bram_buurtteam_delft | 04-02-2025\nkorte vraag over een gezin", "bram_buurtteam_delft"),
        ("fatma_cb 09:12\nheeft iemand een tip?", "fatma_cb"),
        ("Groet, mo_wijkteam", "mo_wijkteam"),
        # a name written on as a user name: "first name" + "." or "_" + a short tail
        ("reactie van\nnaima.k\nik herken dit", "naima.k"),
        ("**re:** youssef.jgz\nbel gewoon even", "youssef.jgz"),
    ],
)
def test_user_names(text: str, value: str) -> None:
    assert found(text).get(value) is Label.NAAM, found(text)


def test_handle_without_its_at_sign() -> None:
    """The "@" stays outside the name, as every blind writer marks it."""
    text = "@tamara_bw010 dank je! en @joost.r ook bedankt."
    assert [f.text for f in find_handles(text)] == ["tamara_bw010", "joost.r"]
    assert names(text) == ["tamara_bw010", "joost.r"]
    # the handle repeats without its "@" too, and the "@" version of a handle is redacted
    assert names("@lieke_vt vroeg het. lieke_vt weet het.") == ["lieke_vt", "lieke_vt"]


@pytest.mark.parametrize(
    "text",
    [
        "zie het bestand verslag_mei_2025.pdf in de map",
        "de instelling MAX_WACHTTIJD staat op 30",
        "mail naar info_team@voorbeeld.nl",
        "kijk op www.voorbeeld.nl/over_ons voor uitleg",
        "zie anna.nl voor de folder",
    ],
)
def test_user_name_guards(text: str) -> None:
    assert not [f for f in find_usernames(text) if f.label is Label.NAAM and "." in f.text[-5:]]
    assert all(label is not Label.NAAM for label in found(text).values()), found(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # an initial the writer uses for a person, also typed in lowercase
        ("de moeder (noem haar r.) wil geen melding.", "r."),
        ("ik noem hem even K. in dit verhaal", "K."),
    ],
)
def test_named_initials(text: str, value: str) -> None:
    assert found(text).get(value) is Label.NAAM, found(text)


def test_named_initial_repeats() -> None:
    text = "de vader (noem hem j.) was boos. later zei j. dat het meeviel."
    assert names(text) == ["j.", "j."]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a surname that is also a word, after a title: after "mevr."/"dhr." with its
        # full stop, or after "meneer"/"mevrouw" when it is no frequent word
        ("onze intern begeleider is mevr. vos, zij belt terug", "vos"),
        ("dhr. berg heeft het dossier", "berg"),
        ("Meneer bakker zei dat de jongen niet meer kwam.", "bakker"),
        ("ik heb mevrouw visser gesproken", "visser"),
    ],
)
def test_titled_lowercase_surnames(text: str, value: str) -> None:
    assert found(text).get(value) is Label.NAAM, found(text)


@pytest.mark.parametrize(
    "text",
    [
        "mevrouw is boos en meneer zegt niks.",
        "mevr. heeft gebeld en dhr. wil praten.",
        "meneer woont nu in het bos achter de dijk.",
    ],
)
def test_titles_before_words(text: str) -> None:
    assert "NAAM" not in {label.name for label in found(text).values()}, found(text)


def test_a_surname_that_is_a_word_is_not_every_word() -> None:
    """ "mevr. vos" does not make every "vos" (fox) a name."""
    text = "de mentor is mevr. vos. in het bos zagen we een vos."
    assert names(text) == ["vos"]


def test_a_title_stops_a_lowercase_name() -> None:
    """ "Meneer bakker jayden": a surname after a title, then a first name: two names."""
    result = found('"Meneer bakker jayden is weer weg."')
    assert result.get("bakker") is Label.NAAM, result
    assert "bakker jayden" not in result


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a lowercase name in brackets after a role word
        ("papa (tomek) haalt haar soms op", "tomek"),
        ("de oma (senait) woont in de buurt", "senait"),
        ("mama (gosia) zei dat het van de trap kwam", "gosia"),
    ],
)
def test_lowercase_names_in_brackets(text: str, value: str) -> None:
    assert found(text).get(value) is Label.NAAM, found(text)


def test_brackets_after_a_role_word_hold_no_word() -> None:
    text = "Vader is veroordeeld voor mishandeling van moeder (zaakdossier 10/7741-24)."
    assert "zaakdossier" not in found(text)


@pytest.mark.parametrize(
    "name",
    ["kasia", "gosia", "kuba", "tomek", "oleksiy", "mykola", "filmon", "senait", "yonas",
     "hibaq", "faadumo", "parwana", "ghazal", "ivaylo", "yordanka", "ionut", "mihai",
     "shurandy", "nilton", "xiaoming"],
)  # fmt: skip
def test_community_first_names(name: str) -> None:
    assert name in first_names()
    assert found(f"hoi, ik ben {name} en ik woon in rotterdam").get(name) is Label.NAAM


def test_community_names_are_no_dutch_words() -> None:
    assert "mei" not in first_names()  # a month
    assert "selam" not in first_names()  # a greeting


def test_a_word_after_an_article_is_a_word() -> None:
    """ "op de wang" in a text typed without capitals: "wang" is a name elsewhere."""
    text = "ze had een blauwe plek op de wang. papa zegt dat ze viel."
    assert "wang" not in found(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a first name and a surname found apart are one name
        ("- Oksana Hrytsenko (moeder), sinds 2022 in Nederland", "Oksana Hrytsenko"),
        ("- Dawit Tesfamariam, vader, woont elders", "Dawit Tesfamariam"),
    ],
)
def test_first_name_and_surname_joined(text: str, value: str) -> None:
    assert found(text).get(value) is Label.NAAM, found(text)


def test_a_shop_and_its_street_are_not_joined() -> None:
    text = "Ze werkt bij Albert Heijn Eendrachtsplein sinds mei."
    assert found(text).get("Albert Heijn Eendrachtsplein") is not Label.NAAM


@pytest.mark.parametrize(
    ("text", "name", "rest"),
    [
        # a preposition before a found street ends the name
        ("10.30 mevrouw Jansen op de Kruiskade, tweede etage.", "Jansen", "Kruiskade"),
        # a lowercase name is not run on over a participle ("bekrast")
        ("papa sven heeft de fiets van dewi bekrast gisteren", "dewi", None),
        ("papa sven slaat de deur dicht als hij boos is", "sven", None),
    ],
)
def test_name_boundaries(text: str, name: str, rest: str | None) -> None:
    result = found(text)
    assert result.get(name) is Label.NAAM, result
    if rest is not None:
        assert result.get(rest) is Label.ADRES, result


def test_a_lowercase_surname_still_follows_its_first_name() -> None:
    assert found("mijn vriendin fatma yildirim kwam langs").get("fatma yildirim") is Label.NAAM


def test_initials_stay_on_their_line() -> None:
    """ "kenteken VZ-123-N.\\nGastouderbureau": no initial before a name on the next line."""
    text = "Hij rijdt een busje, kenteken VZ-123-N.\nGastouderbureau: De Kleine Reus, contact Ilse."
    result = found(text)
    assert result.get("VZ-123-N") is Label.KENTEKEN, result
    assert "Gastouderbureau" not in result


@pytest.mark.parametrize("text", ["Onderwerp: Fwd: verslag", "Onderwerp: Re: afspraak", "Cc: team"])
def test_mail_headers(text: str) -> None:
    assert not names(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a known first name capitalised between lowercase words
        ("Op de opvang zitten Selin en Amine elke dinsdag.", "Amine"),
        ("de oudste, Iman, zit in groep 7", "Iman"),
    ],
)
def test_known_first_names_mid_sentence(text: str, value: str) -> None:
    assert found(text).get(value) is Label.NAAM, found(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("we spraken af in de Roos aan de haven", "Roos"),  # after an article: a pub
        ("Ze werkt bij Albert Heijn op de kassa.", "Albert"),  # beside another capital
    ],
)
def test_known_first_name_guards(text: str, word: str) -> None:
    assert word not in [f.text for f in find_known_capitalised_first_names(text)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # "ik ben" + a lowercase word no list holds
        ("hoi, ik ben fatou en ik heb een vraag", "fatou"),
        ("ik ben nyambura, moeder van twee", "nyambura"),
    ],
)
def test_ik_ben_lowercase_names(text: str, value: str) -> None:
    assert found(text).get(value) is Label.NAAM, found(text)


@pytest.mark.parametrize(
    "text",
    ["ik ben idd bang", "ik ben ff weg", "ik ben doktersassistente", "ik ben gymdocent hier"],
)
def test_ik_ben_guards(text: str) -> None:
    assert not names(text), found(text)


def test_two_first_names_open_a_sentence() -> None:
    assert names("Vorige week. Oleksandr en Iryna zijn gevlucht.") == ["Oleksandr", "Iryna"]


@pytest.mark.parametrize(
    "text", ["Maandag en Dinsdag ben ik er.", "Rotterdam en Schiedam doen mee."]
)
def test_opening_pairs_of_words(text: str) -> None:
    assert not names(text), found(text)


def test_names_after_dat_and_die_in_chat() -> None:
    """Only an article makes a word of a name; "dat mila", "die jordy" stay names."""
    text = "hij zei dat mila bang is en dat sem huilde. die jordy is raar. toen op de wang."
    assert names(text) == ["mila", "sem", "jordy"]


def test_an_unknown_surname_before_an_article_stays_with_its_name() -> None:
    """A surname cut off would leak: "filmon tesfay" stays one name before "de"."""
    assert "tesfay" in " ".join(names("mijn zoon filmon tesfay de oudste is boos"))
