"""Issue 10, round 13b: exact boundaries, must-keep terms, schools, institutions, addresses
and places. First the article convention settled on 2026-11-27 (a lowercase article is
never inside a SCHOOL, INSTELLING, ADRES or PLAATS span, a capitalised one inside a sentence
and a type word before the name are), in the engine and in the scorer; then the recurring
classes of boundary misses and must-keep terms redacted. The sentences here were written
for these tests; none comes from a tuning or frozen text."""

from __future__ import annotations

import pytest

from privacy.corpus import Document, Span, parse_markup
from privacy.evaluate import evaluate
from privacy.findings import Finding, Label
from tests.privacy.helpers import found

# --- the article convention: the engine -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        # a school named by a noun phrase: the lowercase article is the sentence's
        ("Haar broertje zit op de Zonnewijzer in groep 6.", "Zonnewijzer", Label.SCHOOL),
        ("de juf van de piramide belde vanochtend al", "piramide", Label.SCHOOL),
        ("De peuter zit op 't Speelkasteel sinds de zomer.", "Speelkasteel", Label.SCHOOL),
        # a lyceum typed without capitals after "het"
        ("hij zit nu op het erasmus lyceum in 2 vwo", "erasmus lyceum", Label.SCHOOL),
        # a street found with the article before it
        ("Ze verhuizen naar het Plein 1940 nr. 12 in de zomer.", "Plein 1940 nr. 12", Label.ADRES),
    ],
)
def test_a_lowercase_article_stays_outside(text: str, value: str, label: Label) -> None:
    spans = found(text)
    assert spans.get(value) is label, spans
    assert not any(s.startswith(("de ", "het ", "'t ")) for s in spans), spans


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        # a capitalised article written as part of the name, inside a sentence
        ("Haar broertje zit op De Zonnewijzer in groep 6.", "De Zonnewijzer", Label.SCHOOL),
        # a type word before the name: the article after it is the name's
        (
            "Ze gaat naar basisschool de Zonnewijzer in Rhoon.",
            "basisschool de Zonnewijzer",
            Label.SCHOOL,
        ),
        ("Moeder brengt hem naar kdv 't Kabouterhuis.", "kdv 't Kabouterhuis", Label.SCHOOL),
    ],
)
def test_a_capitalised_article_or_type_word_stays_inside(
    text: str, value: str, label: Label
) -> None:
    assert found(text).get(value) is label


# --- the article convention: the scorer -------------------------------------------------


def test_older_markup_is_scored_with_the_lowercase_article_outside() -> None:
    from privacy.evaluate import conventional_span  # new in round 13b

    text, spans, _ = parse_markup(
        "Ze zit op [[SCHOOL:het Einstein Lyceum]] en woont aan [[ADRES:de Heuvel 3]]; "
        "haar zus zit op [[SCHOOL:De Regenboog]] en bij [[NAAM:de Vries]] in de klas."
    )
    gold = [Span(s["start"], s["end"], Label(s["label"]), s["text"]) for s in spans]
    assert [conventional_span(s).text for s in gold] == [
        "Einstein Lyceum",  # lowercase article: outside
        "Heuvel 3",
        "De Regenboog",  # capitalised: inside, as written
        "de Vries",  # a name's particle is no article
    ]
    document = Document("t", "test", text, tuple(gold))

    def scanner(value: str) -> list[Finding]:
        out = []
        for part, label in (("Einstein Lyceum", Label.SCHOOL), ("Heuvel 3", Label.ADRES)):
            start = value.index(part)
            out.append(Finding(start, start + len(part), label, part, "test"))
        return out

    score = evaluate(scanner, [document])
    assert score.exact_by_label[Label.SCHOOL] == 1
    assert score.exact_by_label[Label.ADRES] == 1


# --- streets without a street-type word ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "street"),
    [
        # typed without capitals, where someone lives or meets
        ("haar ex wacht elke avond bij haar flat aan de meeuwenhals", "meeuwenhals"),
        ("we spreken af op de locatie aan de gravenwaard om tien uur", "gravenwaard"),
        ("ze woont sinds kort op de beukenhorst met haar zoontje", "beukenhorst"),
        # an adjective that opens a street's name and the name
        ("De overdracht was bij de bakker aan de Lange Wetering.", "Lange Wetering"),
        ("Het gezin woont op de Oude Vlasakker 12 in een portiekflat.", "Oude Vlasakker 12"),
        # the address field: a street without a street-type word and its number
        ("Adres: Meeuwenhals 14bis, 3191 TK Hoogvliet", "Meeuwenhals 14bis"),
        ("Woonadres: Lange Gaarde 7, Spijkenisse", "Lange Gaarde 7"),
    ],
)
def test_street_without_a_street_word(text: str, street: str) -> None:
    assert found(text).get(street) is Label.ADRES


@pytest.mark.parametrize(
    "text",
    [
        "ik heb het op de groepsapp gezet, kijk maar",
        "ze woont nog thuis en zit de hele dag op de bank",
        "hij woont aan de overkant bij zijn oom",
        "hij woont nu op de leefgroep van de instelling",
        "haar flat aan de galerijkant heeft geen balkon",
        "ze woont op de moeder-kindafdeling sinds de bevalling",
        "De toets ging over de Oude Grieken en hun goden.",
        "Adres: onbekend, 12 jaar geleden vertrokken",
    ],
)
def test_no_street_without_a_name(text: str) -> None:
    assert Label.ADRES not in found(text).values()


# --- institutions: the CJG written out, a college in a text about school -----------------


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        (
            "Verwezen door het Centrum voor Jeugd en Gezin Barendrecht.",
            "Centrum voor Jeugd en Gezin Barendrecht",
            Label.INSTELLING,
        ),
        (
            "na de zomer ging ze van school, het wolfert college, af",
            "wolfert college",
            Label.SCHOOL,
        ),
        (
            "de mentor belde: hij zit op het nova college in 2 havo",
            "nova college",
            Label.SCHOOL,
        ),
    ],
)
def test_institution_and_school_whole(text: str, value: str, label: Label) -> None:
    assert found(text).get(value) is label


@pytest.mark.parametrize(
    "text",
    [
        "We werken nauw samen met het Centrum voor Jeugd en Gezin.",
        "de leerkracht volgde het laatste college van de cursus",
        "ik volgde het eerste college over recht",
    ],
)
def test_no_institution_or_school(text: str) -> None:
    assert not {Label.INSTELLING, Label.SCHOOL} & set(found(text).values())


# --- a chat group's own name --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ('Op haar telefoon stond een Telegram-groep "Praca Holland".', "Praca Holland"),
        ("Hij zat in de whatsappgroep 'Geldwolven 010' met oudere jongens.", "Geldwolven 010"),
    ],
)
def test_a_chat_groups_name_is_found(text: str, group: str) -> None:
    assert group in found(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ('De groepsapp "Ouders van groep 5" stond vol berichten.', "Ouders van groep 5"),
        ('Er is een WhatsApp-groep "MDO gezin Yilmaz" voor het netwerk.', "MDO gezin Yilmaz"),
        ('De groepsapp "Klas 5B" is elke avond druk.', "5B"),
    ],
)
def test_a_chat_group_named_in_ordinary_words_is_not(text: str, kept: str) -> None:
    assert kept not in found(text)


# --- typed without capitals: a street with its number, a school in one word ---------------


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        # a street that is also a word, with a house number, where someone lives
        ("ze woont op de slinge 120 in zuidwijk", "slinge 120", Label.ADRES),
        # a school named after a saint or a person, in one word
        ("hij zit op de sint jozefschool in groep 4", "sint jozefschool", Label.SCHOOL),
        ("ze gaat naar de margrietschool in de wijk", "margrietschool", Label.SCHOOL),
    ],
)
def test_typed_without_capitals(text: str, value: str, label: Label) -> None:
    assert found(text).get(value) is label


@pytest.mark.parametrize(
    "text",
    [
        "ik zat op de bank 3 uur te wachten",
        "ze traint twee keer per week op de boksschool",
        "hij zit op de judoschool en de dansschool",
    ],
)
def test_typed_without_capitals_not(text: str) -> None:
    assert not {Label.ADRES, Label.SCHOOL} & set(found(text).values())
