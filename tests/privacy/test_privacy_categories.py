"""Issue 10: the categories that leaked or were over-redacted on unseen text, and
placeholders that cover the whole identifier and nothing more. Each case leaked, was cut
or was redacted wrongly before the fix."""

from __future__ import annotations

import pytest

from privacy.engine import default_engine
from privacy.findings import Label
from tests.privacy.helpers import found


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        # structured: must never pass
        ("zijn auto stond er weer, gx412t, zwarte golf", "gx412t", Label.KENTEKEN),
        ("de witte bus met kenteken vdb72k", "vdb72k", Label.KENTEKEN),
        ("Haar zus in Londen: +44 7700 900123.", "+44 7700 900123", Label.TELEFOON),
        ("Vader belt vanaf +380 67 214 5533.", "+380 67 214 5533", Label.TELEFOON),
        ("Zie ons dossier #2023-4471 voor de brief.", "#2023-4471", Label.NUMMER),
        ("Mutatie BVH 2024-118734 is aangemaakt.", "BVH 2024-118734", Label.NUMMER),
        # month and year
        ("Het begon in oktober 2023, na de verhuizing.", "oktober 2023", Label.DATUM),
        # ages: words, lists, months
        ("Ik heb nu zelf kinderen van 3, 6 en 11.", "11", Label.LEEFTIJD),
        ("ik sprak ze gisteren, ze zijn negen en zes.", "zes", Label.LEEFTIJD),
        ("Een moeder met een baby van vier maanden.", "vier maanden", Label.LEEFTIJD),
        ("Sem (9 maanden) lag in de box.", "9 maanden", Label.LEEFTIJD),
        ("Pas toen ik vijftien was, kwam er iemand.", "vijftien", Label.LEEFTIJD),
        # lowercase first names in chat, without a trigger word
        ("[14:02] sanne: heb je nadia nog gesproken?", "sanne", Label.NAAM),
        ("[14:02] sanne: heb je nadia nog gesproken?", "nadia", Label.NAAM),
        ("ik sprak lotte gisteren. ze was bang. tamara ook.", "tamara", Label.NAAM),
        # full names of the region's communities, in neither name list, no trigger word
        ("Gisteren kwam Tesfay Gebremedhin langs.", "Tesfay Gebremedhin", Label.NAAM),
        ("Ik zag Mykola Shevchuk bij de deur.", "Mykola Shevchuk", Label.NAAM),
        ("Het verhaal van Yonas Haile is bekend.", "Yonas Haile", Label.NAAM),
        # institutions that are not schools
        ("Hij voetbalt bij vv Spartaan '20 in het weekend.", "vv Spartaan '20", Label.INSTELLING),
        ("Vader bidt in de Mevlana moskee.", "Mevlana moskee", Label.INSTELLING),
        ("Ze werkt in Hotel Central als schoonmaker.", "Hotel Central", Label.INSTELLING),
        ("Hij zat op de Sint-Jozefschool.", "Sint-Jozefschool", Label.SCHOOL),
        ("ze zit op het Marnix Gymnasium.", "Marnix Gymnasium", Label.SCHOOL),
        # places: lowercase, parts of town, big cities' neighbourhoods, moves
        ("wij zitten in schiedam oost. iemand ervaring?", "schiedam oost", Label.PLAATS),
        ("ze zit nu bij haar zus in hellevoetsluis", "hellevoetsluis", Label.PLAATS),
        ("Toen verhuisden we van Paramaribo naar de Bijlmer.", "Paramaribo", Label.PLAATS),
        ("Toen verhuisden we van Paramaribo naar de Bijlmer.", "Bijlmer", Label.PLAATS),
        ("Het gezin woont in Kanaleneiland.", "Kanaleneiland", Label.PLAATS),
        ("Ze woonde in de Schilderswijk.", "Schilderswijk", Label.PLAATS),
        # round 3: plates in lowercase with dashes, case numbers with several prefixes
        ("hij reed weg in een blauwe polo, tk-309-v volgens de buren", "tk-309-v", Label.KENTEKEN),
        ("Dossier VT-ZH-2024-5521 is gesloten.", "VT-ZH-2024-5521", Label.NUMMER),
        ("Zaak bekend onder JE RK 23-4410 bij de rechtbank.", "JE RK 23-4410", Label.NUMMER),
        # names that no list holds: lowercase after a role word, capitalised mid-sentence
        ("de moeder heeft contact met tante hiwet gezocht", "hiwet", Label.NAAM),
        ("ik sprak gisteren met zijn zus daryna en de buurman", "daryna", Label.NAAM),
        ("Volgens de buren heeft Tsegay de deur geopend.", "Tsegay", Label.NAAM),
        ("de jongste, zoontje ruslan melnychuk, huilde", "ruslan melnychuk", Label.NAAM),
        ("Mama 14:02: waar ben je\nNoa 14:05: bij ilse thuis", "Noa", Label.NAAM),
        ("Mama 14:02: waar ben je\nNoa 14:05: bij ilse thuis", "ilse", Label.NAAM),
        # streets typed in lowercase, with or without a house number
        ("ze woont nu op de schepenstraat 12 bij haar tante", "schepenstraat 12", Label.ADRES),
        ("zijn moeder woont aan de gordelweg, vlakbij", "gordelweg", Label.ADRES),
        # ages: "toen <naam> drie was", "(net vier)"
        ("Pas toen Liam drie was, ging ik weg.", "drie", Label.LEEFTIJD),
        ("Ik was toen ik al zestien was het huis uit.", "zestien", Label.LEEFTIJD),
        ("Mila (net vier) speelt graag buiten.", "vier", Label.LEEFTIJD),
        # organisations of the region by their short name, in any case
        ("ze staat al jaren ingeschreven bij havensteder", "havensteder", Label.INSTELLING),
        ("Hij is in behandeling bij Yulius.", "Yulius", Label.INSTELLING),
    ],
)
def test_found_with_its_whole_span(text: str, value: str, label: Label) -> None:
    findings = found(text)
    assert value in findings, findings
    assert findings[value] is label


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Kijk op veiligthuis.nl of www.kindertelefoon.nl/chat voor hulp.", "veiligthuis.nl"),
        ("Kijk op veiligthuis.nl of www.kindertelefoon.nl/chat voor hulp.", "kindertelefoon.nl"),
        ("ik bel morgen vt voor overleg", "vt"),
        ("Meneer Bram Visser vertelde dat hij vroeger visser was.", "visser was"),
        ("Als kind van een Kaapverdiaanse vader groeide ik op.", "van een Kaap"),
        ("Ze volgt de opleiding Social Work en belde het Landelijk Knooppunt.", "Social Work"),
        ("Ze volgt de opleiding Social Work en belde het Landelijk Knooppunt.", "Landelijk"),
        # a name that is also a word: the word after an article stays
        ("Roos is acht. Op school is ze de roos van de klas.", "roos van"),
        ("De familie Visser woont hier. Meneer is visser van beroep.", "visser van"),
        ("ik ben bang dat de prisma in de klas kapot is", "prisma"),
    ],
)
def test_not_redacted(text: str, kept: str) -> None:
    start = text.index(kept)
    for finding in default_engine().scan(text):
        assert not finding.overlaps(start, start + len(kept)), finding


@pytest.mark.parametrize(
    ("text", "exact"),
    [
        (
            "Bij het gesprek met Marco op de Hoogstraat 5 was zijn zoon Tim aanwezig.",
            ["Marco", "Hoogstraat 5", "Tim"],
        ),
        (
            "Huisartsenpraktijk De Linde\nLindelaan 45\n2651 CX Berkel",
            ["Huisartsenpraktijk De Linde", "Lindelaan 45", "2651 CX"],
        ),
        ("Zie ons kenmerk #60117. Mw. Jansen belt terug.", ["#60117"]),
        ("Telefoon (06 33 10 72 85) of mail.", ["06 33 10 72 85"]),
        (
            "Praktijk Kralingen-Oost\nOudedijk 201\n3061 AC Rotterdam",
            ["Oudedijk 201"],
        ),
        ("Ze kwam uit Paramaribo en woont nu in Lombardijen.", ["Paramaribo", "Lombardijen"]),
        ("Het gebeurde op de Putselaan 88 te Rotterdam.", ["Putselaan 88"]),
    ],
)
def test_a_placeholder_covers_the_identifier_and_nothing_more(text: str, exact: list[str]) -> None:
    spans = [f.text for f in default_engine().scan(text)]
    for value in exact:
        assert value in spans, spans
