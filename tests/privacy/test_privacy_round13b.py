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
