"""Issue 10, round 15: the domain's own words, and the handle's "@".

The vocabulary (tests/privacy/vocabulary/domain_terms.txt) was harvested from
/work/shared/DOMAIN.md, the platform's seed content and help guide, and the must-keep marks
of the tuning halves and the corpus markup. Each term is put in sentences built from
templates (opening a sentence, after a comma, in lowercase chat, in a list, as a heading,
with a possessive for organisations and abbreviations); none may be redacted. The guards
check that a word that is also a surname is still found where it is a person, and that the
allow-list does not open the name of a regional organisation or a school. The sentences
are written for these tests; none is taken from a tuning text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from privacy.corpus import Span
from privacy.engine import scan
from privacy.evaluate import conventional_span
from privacy.findings import Label
from tests.privacy.helpers import capital, vocabulary

VOCABULARY = Path(__file__).parent / "vocabulary" / "domain_terms.txt"

TEMPLATES = {
    "opening": "{C} is gisteren besproken in het overleg.",
    "comma": "We hebben het gisteren, {t} en de school, nog eens doorgenomen.",
    "chat": "ja idd {l} heeft vanochtend gebeld",
    "list": "Betrokken: school, {t}, huisarts.",
    "heading": "{C}\n\nWe bespraken de situatie van het gezin.",
    "possessive": "Het advies van {t}'s medewerker was duidelijk.",
}


def _terms() -> list[tuple[str, str]]:
    return vocabulary(VOCABULARY)


def _sentences(kind: str, term: str):
    for name, template in TEMPLATES.items():
        if name == "possessive" and kind not in ("org", "abbr"):
            continue
        form = {"opening": capital(term), "heading": capital(term), "chat": term.lower()}
        written = form.get(name, term)
        sentence = template.format(C=capital(term), t=term, l=term.lower())
        start = sentence.index(written)
        end = start + len(written) + (2 if name == "possessive" else 0)  # with its "'s"
        yield name, sentence, start, end


def redacted_pairs(kind: str, term: str) -> list[tuple[str, str]]:
    """The templates in which some finding overlaps the term."""
    return [
        (name, sentence)
        for name, sentence, start, end in _sentences(kind, term)
        if any(f.start < end and f.end > start for f in scan(sentence))
    ]


def test_the_vocabulary_is_harvested_broadly() -> None:
    kinds = {kind for kind, _ in _terms()}
    assert kinds == {"org", "abbr", "role", "instrument", "law", "term"}
    assert len(_terms()) >= 150


@pytest.mark.parametrize(("kind", "term"), _terms(), ids=lambda v: v)
def test_a_domain_word_is_never_redacted(kind: str, term: str) -> None:
    assert redacted_pairs(kind, term) == []


# the platform's own headings (the methods' steps, the case form's labels)
@pytest.mark.parametrize(
    "heading",
    ["Stap 4: wegen met het afwegingskader", "Reflectiecirkel van Korthagen", "Terugblikken",
     "Bewustwording", "Moreel beraad (dilemmamethode)", "Dwingende controle"],
)  # fmt: skip
def test_the_platforms_own_headings_stay(heading: str) -> None:
    assert scan(heading + "\n\nWe bespraken de situatie.") == []


@pytest.mark.parametrize(
    "text",
    ["Kinderopvang\n\nDe moeder vertelde over de ochtend.",
     "CBS\n\nHet kind komt vaak te laat.",
     "Prevalentiemonitor: een op de elf volwassenen is slachtoffer.",
     "Arbeidsinspectie's rapport kwam pas later.",
     "ja de buddy van moeder belde ook",
     "Contact met Centrum Veilige Sport gehad.",
     "De EVV'er belt elke week met de dochter.",
     "Een rechterlijke machtiging onder de Wvggz, niet de Wzd."],
)  # fmt: skip
def test_the_causes_found_by_the_templates(text: str) -> None:
    assert scan(text) == []


# guards: the same words where they name a person, a school or a regional organisation
@pytest.mark.parametrize(
    ("text", "value", "label"),
    [("Mevrouw Bakker belde gisteren over haar zoon.", "Bakker", Label.NAAM),
     ("De melding kwam van Jan Visser, de buurman.", "Jan Visser", Label.NAAM),
     ("Hij zit in groep 6 van CBS De Wilgen.", "CBS De Wilgen", Label.SCHOOL),
     ("Ze gaat twee dagen naar kdv Ukkepuk.", "kdv Ukkepuk", Label.SCHOOL),
     ("Vader heeft een toezicht van Reclassering Nederland.", "Reclassering Nederland",
      Label.INSTELLING),
     ("Het gesprek was bij Jongerenwerk Lansingerland.", "Jongerenwerk Lansingerland",
      Label.INSTELLING),
     ("Ze is verwezen naar het Centrum Seksueel Geweld Rotterdam.",
      "Centrum Seksueel Geweld Rotterdam", Label.INSTELLING),
     ("Hij speelde bij EVV Echt tot de zomer.", "Echt", Label.INSTELLING)],
)  # fmt: skip
def test_guards_persons_and_named_organisations_stay_found(
    text: str, value: str, label: Label
) -> None:
    assert (value, label) in {(f.text, f.label) for f in scan(text)}


# the handle convention: the "@" stays outside the name
@pytest.mark.parametrize(
    ("text", "handle"),
    [("Ze volgt @lisa_2009 op Instagram en stuurt haar elke avond.", "lisa_2009"),
     ("Op TikTok noemt hij zich @sem.k07, zegt zijn moeder.", "sem.k07"),
     ("@Noor_vdb stuurde om twee uur 's nachts nog een foto.", "Noor_vdb")],
)  # fmt: skip
def test_a_handles_at_sign_stays_outside_the_name(text: str, handle: str) -> None:
    names = [f for f in scan(text) if f.label is Label.NAAM]
    assert handle in {f.text for f in names}
    assert not any(f.text.startswith("@") for f in names)


def test_the_scorer_reads_a_gold_handle_without_its_at_sign() -> None:
    text = "Ze volgt @lisa_2009 op Instagram."
    start = text.index("@")
    span = conventional_span(Span(start, start + 10, Label.NAAM, "@lisa_2009"))
    assert (span.start, span.end, span.text) == (start + 1, start + 10, "lisa_2009")
    kept = conventional_span(Span(start + 1, start + 10, Label.NAAM, "lisa_2009"))
    assert kept.text == "lisa_2009"
    email = conventional_span(Span(0, 5, Label.EMAIL, "@a.nl"))
    assert email.text == "@a.nl"  # only a name's "@"
    assert re.fullmatch(r"\w+", span.text)
