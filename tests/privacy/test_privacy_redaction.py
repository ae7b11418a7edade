"""Redaction: numbered Dutch placeholders, the same entity keeps its number."""

from __future__ import annotations

import pytest

from privacy.engine import default_engine
from privacy.findings import Finding, Label
from privacy.redaction import redact


def finding(text: str, value: str, label: Label, occurrence: int = 0) -> Finding:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(value, start + 1)
    return Finding(start, start + len(value), label, value, "test")


def test_same_person_keeps_the_same_placeholder() -> None:
    text = "Kim belde. Haar zoon Noah (8) huilde. Kim bleef kalm; Noah niet."
    findings = [
        finding(text, "Kim", Label.NAAM),
        finding(text, "Noah", Label.NAAM),
        finding(text, "8", Label.LEEFTIJD),
        finding(text, "Kim", Label.NAAM, 1),
        finding(text, "Noah", Label.NAAM, 1),
    ]
    result = redact(text, findings)
    assert result.text == (
        "[NAAM-1] belde. Haar zoon [NAAM-2] ([LEEFTIJD-1]) huilde. "
        "[NAAM-1] bleef kalm; [NAAM-2] niet."
    )
    assert result.mapping == {"[NAAM-1]": ["Kim"], "[NAAM-2]": ["Noah"], "[LEEFTIJD-1]": ["8"]}


def test_a_surname_alone_follows_the_one_full_name_that_holds_it() -> None:
    text = "Henk Dijkstra kwam. Dhr. Dijkstra was boos."
    findings = [
        finding(text, "Henk Dijkstra", Label.NAAM),
        finding(text, "Dhr. Dijkstra", Label.NAAM),
    ]
    assert redact(text, findings).text == "[NAAM-1] kwam. [NAAM-1] was boos."


def test_a_shared_surname_of_two_people_gets_its_own_number() -> None:
    text = "Jayden Pinas en Shirley Pinas. Pinas belde."
    findings = [
        finding(text, "Jayden Pinas", Label.NAAM),
        finding(text, "Shirley Pinas", Label.NAAM),
        finding(text, "Pinas", Label.NAAM, 2),
    ]
    assert redact(text, findings).text == "[NAAM-1] en [NAAM-2]. [NAAM-3] belde."


def test_overlapping_or_mismatched_findings_are_refused() -> None:
    text = "Kim van Dijk"
    with pytest.raises(ValueError, match="overlap"):
        redact(text, [finding(text, "Kim van", Label.NAAM), finding(text, "van Dijk", Label.NAAM)])
    with pytest.raises(ValueError, match="match"):
        redact(text, [Finding(0, 3, Label.NAAM, "Jan", "test")])


def test_to_dict_can_leave_the_originals_out() -> None:
    text = "Bel Kim."
    result = redact(text, [finding(text, "Kim", Label.NAAM)])
    assert result.to_dict(include_originals=False) == {
        "text": "Bel [NAAM-1].",
        "placeholders": ["[NAAM-1]"],
    }


def test_a_case_text_redacted_end_to_end() -> None:
    text = (
        "Mevrouw Fatima el Amrani (34) woont met Sanne (8) op de Kerkstraat 12, "
        "2651 CX Berkel en Rodenrijs. Tel. 06-41873265, BSN 628194821. "
        "Sanne zit in groep 5 van De Regenboog. Bel bij twijfel Veilig Thuis: 0800-2000."
    )
    result = redact(text, default_engine().scan(text))
    assert result.text == (
        "Mevrouw [NAAM-1] ([LEEFTIJD-1]) woont met [NAAM-2] ([LEEFTIJD-2]) op de [ADRES-1], "
        "[POSTCODE-1] [PLAATS-1]. Tel. [TELEFOON-1], BSN [BSN-1]. "
        "[NAAM-2] zit in groep 5 van [SCHOOL-1]. Bel bij twijfel Veilig Thuis: 0800-2000."
    )


# --- issue 10: every occurrence of a found string is redacted -------------------------


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("0@00:@00", "@00"),
        ("Haar zoon Marco kwam. MARCO huilde. marco's jas.\nMarco's fiets.", "marco"),
        ("Haar zoon Dmytro kwam. Dmytro\u2019s moeder belde.\nDmytro\nwas er ook.", "dmytro"),
        ("Ik sprak met Fatima el Amrani. Later belde fatima el amrani opnieuw.", "el amrani"),
        ("Ze zit op basisschool De Fontein. De Fontein belde terug.", "fontein"),
        ("Bel 06-41873265. Nogmaals: 06-41873265 (mobiel).", "41873265"),
    ],
)
def test_every_occurrence_of_a_found_string_is_redacted(text: str, gone: str) -> None:
    result = redact(text, default_engine().scan(text))
    assert gone not in result.text.lower(), result.text
