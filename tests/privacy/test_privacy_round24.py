"""Issue 10, round 24: phone numbers (and other structured identifiers) as people type them.

A structured identifier must never pass. Round 18 generated structured forms from their
definitions; this round does it exhaustively for phone numbers, from the Dutch numbering
plan (every geographic area code, 06, 085/088/091/084/087, 0800/0900/0906/0909) and from
the ways people type a number (groupings 2-2-2-2, 3-3-2, 4-2-2, 2-3-2, glued; separators
space, dash, dot, slash, en dash, no-break space; the area code in brackets, "(0)10";
+31, 0031, "00 31", "(+31)", "+31 (0)6", the trunk 0 typed after +31; a label before,
an extension, a bracket or a punctuation mark after, a line break, a table cell). For
each form the whole number must be one TELEFOON finding with exact boundaries; dates,
times, amounts, IBAN fragments, case numbers, postcodes and the public help lines must
not be taken for a phone number. Every form is built here, none is taken from a blind set.
"""

from __future__ import annotations

import itertools

import pytest

from privacy.detectors.identifiers import find_phones
from privacy.engine import default_engine
from privacy.findings import Label

# --- the Dutch numbering plan ------------------------------------------------------------

#: Geographic area codes with two digits after the 0 (seven subscriber digits).
AREA_CODES_2 = (  # noqa: SIM905
    "010 013 015 020 023 024 026 030 033 035 036 038 040 043 045 046 050 053 055 058 "
    "070 071 072 073 074 075 076 077 078 079"
).split()
#: Geographic area codes with three digits after the 0 (six subscriber digits).
AREA_CODES_3 = (  # noqa: SIM905
    "0111 0113 0114 0115 0117 0118 0161 0162 0164 0165 0166 0167 0168 0172 0174 0180 0181 "
    "0182 0183 0184 0186 0187 0222 0223 0224 0226 0227 0228 0229 0251 0252 0255 0294 0297 "
    "0299 0313 0314 0315 0316 0317 0318 0320 0321 0341 0342 0343 0344 0345 0346 0347 0348 "
    "0411 0412 0413 0416 0418 0475 0478 0481 0485 0486 0487 0488 0492 0493 0495 0497 0499 "
    "0511 0512 0513 0514 0515 0516 0517 0518 0519 0521 0522 0523 0524 0525 0527 0528 0529 "
    "0541 0543 0544 0545 0546 0547 0548 0561 0562 0566 0570 0571 0572 0573 0575 0577 0578 "
    "0591 0592 0593 0594 0595 0596 0597 0598 0599"
).split()
#: Numbers without a place: companies and VoIP (085, 088, 091, 084, 087).
NON_GEOGRAPHIC = ("085", "088", "091", "084", "087")
MOBILE = ("0612345678", "0653412789", "0687004412", "0641558820")

_GROUPINGS = {
    8: ((2, 2, 2, 2), (4, 4), (3, 3, 2), (2, 3, 3), (3, 2, 3), (2, 6)),
    7: ((3, 2, 2), (3, 4), (2, 2, 3), (4, 3), (2, 3, 2)),
    6: ((2, 2, 2), (3, 3), (2, 4), (4, 2)),
}


def _subscriber_forms(rest: str) -> list[str]:
    """The subscriber's digits glued and in every grouping, with a space, dash or dot."""
    forms = {rest}
    for grouping in _GROUPINGS[len(rest)]:
        parts, i = [], 0
        for n in grouping:
            parts.append(rest[i : i + n])
            i += n
        forms.update(sep.join(parts) for sep in (" ", "-", "."))
    return sorted(forms)


def phone_forms(area: str, rest: str) -> list[str]:
    """Every way to type the number ``area`` + ``rest`` (national and +31)."""
    nat = area[1:]
    forms: set[str] = set()
    for r in _subscriber_forms(rest):
        glued = r.isdigit()
        forms.update(
            (
                f"{area} {r}", f"{area}-{r}", f"{area} - {r}", f"{area}/{r}", f"{area}.{r}",
                f"({area}) {r}", f"({area}){r}", f"({area})-{r}",
                f"+31 {nat} {r}", f"+31 (0){nat} {r}", f"+31 (0) {nat} {r}", f"+31-{nat}-{r}",
                f"+31 {nat}-{r}", f"+31{nat} {r}", f"+31.{nat}.{r}", f"+31 ({nat}) {r}",
                f"0031 {nat} {r}", f"0031-{nat}-{r}", f"00 31 {nat} {r}",
                f"(+31) {nat} {r}", f"+31 0{nat} {r}", f"+31 (0){nat}-{r}",
            )
        )  # fmt: skip
        if glued:
            forms.update((f"{area}{r}", f"+31(0){nat}{r}", f"+31{nat}{r}", f"0031{nat}{r}"))
    return sorted(forms)


#: Where a number stands: labels before it, an extension, a bracket or a punctuation mark
#: after it, a line break, a table cell, quotes.
CONTEXTS = (
    "Het is {}.", "{}", "bel me op {}!", "tel. {}", "Tel.: {}", "T {}", "T: {}", "M: {}",
    "M {}", "mobiel:{}", "({})", "[{}]", "nummer: {},", "{}\nverder niets",
    "Hij zei {} en ging weg", "☎ {}", "📞 {}", "Tel.nr. {};", "{} toestel 1234",
    "{}, tst. 12", "{} (ext. 3)", "| Telefoon | {} |", "bereikbaar op {}?",
    "telefoonnummer moeder {}: alleen overdag", "{}\n\nMet vriendelijke groet", '"{}"',
    "'{}'", "gsm {} of mail",
)  # fmt: skip


def _check(text: str, value: str, scan) -> str | None:
    """None when ``value`` is one TELEFOON finding with exact boundaries, else what failed."""
    start = text.index(value)
    end = start + len(value)
    findings = list(scan(text))
    if any(f.start == start and f.end == end and f.label is Label.TELEFOON for f in findings):
        return None
    covered = all(
        any(f.start <= i < f.end for f in findings) for i in range(start, end) if text[i].isalnum()
    )
    return f"{'inexact' if covered else 'LEAK'}: {[(f.text, f.label.name) for f in findings]}"


def _scan(text: str):
    return default_engine().scan(text)


# --- every form of a few numbers, in every context (the detector, exhaustively) ----------


@pytest.mark.parametrize(
    ("area", "rest"),
    [("06", m[2:]) for m in MOBILE]
    + [("010", "4127733"), ("070", "3456789"), ("0181", "482210"), ("0187", "482210")]
    + [("088", "8041293"), ("085", "3034490")],
)
def test_every_typed_form_in_every_context_is_one_exact_phone(area: str, rest: str) -> None:
    failed = {
        text: why
        for value, context in itertools.product(phone_forms(area, rest), CONTEXTS)
        if (why := _check(text := context.format(value), value, find_phones))
    }
    assert not failed, (len(failed), dict(itertools.islice(failed.items(), 20)))


# --- every area code of the numbering plan, through the whole engine ---------------------

_ENGINE_CONTEXTS = ("Het is {}.", "tel. {}", "({})", "{}\nverder niets", "T: {} | M: 06-12345678")


def _every_area_code() -> list[tuple[str, str]]:
    cases = [(a, "4127733") for a in AREA_CODES_2]
    cases += [(a, "482210") for a in AREA_CODES_3]
    cases += [(a, "8041293") for a in NON_GEOGRAPHIC]
    cases += [("06", m[2:]) for m in MOBILE]
    return cases


@pytest.mark.parametrize(("area", "rest"), _every_area_code())
def test_every_area_code_is_found_whole_by_the_engine(area: str, rest: str) -> None:
    nat = area[1:]
    # "41 27 733" for seven digits, "48 22 10" for six, "12 34 56 78" for eight
    pairs = " ".join(rest[i : i + 2] for i in range(0, len(rest) - len(rest) % 2 - 2, 2))
    pairs += " " + rest[len(rest) - len(rest) % 2 - 2 :]
    forms = (
        f"{area}-{rest}", f"{area} {pairs}", f"({area}) {pairs}", f"{area}{rest}",
        f"+31 {nat} {pairs}", f"+31 (0){nat} {rest}", f"+31 0{nat} {rest}", f"(+31) {nat} {rest}",
        f"00 31 {nat} {rest}", f"0031 {nat} {rest}", f"{area}\u00a0{pairs.replace(' ', chr(160))}",
        f"{area} \u2013 {pairs}",
    )  # fmt: skip
    failed = {
        text: why
        for value, context in itertools.product(forms, _ENGINE_CONTEXTS)
        if (why := _check(text := context.format(value), value, _scan))
    }
    assert not failed, failed


# --- service numbers, labels, extensions, line breaks, punctuation ------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Tel.: 0800-1234", "0800-1234"),
        ("bel 0900-1234567", "0900-1234567"),
        ("0800 022 33 44 (gratis)", "0800 022 33 44"),
        ("bel 0900 123 45 67 (80 ct/min)", "0900 123 45 67"),
        ("bel 0906-1234", "0906-1234"),
        ("T 085 - 303 44 90", "085 - 303 44 90"),
        ("tel:+31612345678", "+31612345678"),
        ('<a href="tel:+31612345678">bel</a>', "+31612345678"),
        ("T 010 - 281 44 00 | M 06 - 12 34 56 78", "010 - 281 44 00"),
        ("T 010 - 281 44 00 | M 06 - 12 34 56 78", "06 - 12 34 56 78"),
        ("T 010 281 44 00\nM 06 12 34 56 78", "010 281 44 00"),
        ("T 010 281 44 00\nM 06 12 34 56 78", "06 12 34 56 78"),
        ("Tel 0181-482210\nFax 0181-482211", "0181-482211"),
        ("| 06-12345678 | 010-4127733 |", "010-4127733"),
        ("06-12345678/010-4127733", "010-4127733"),
        ("06 12345678, 06 87654321", "06 87654321"),
        ("bereikbaar via 010 297 4189 toestel 4471.", "010 297 4189"),
        ("010-2974189 (toestel 221)", "010-2974189"),
        ("bel 06-12345678).", "06-12345678"),
        ("nummer is 06-12345678...", "06-12345678"),
        ("<06-12345678>", "06-12345678"),
        ("Tel.nr.:06-12345678", "06-12345678"),
        ("tel.06-12345678", "06-12345678"),
        ("☎️ 06 12345678", "06 12345678"),
        # an en dash or a no-break space from a word processor
        ("06\u201312345678", "06\u201312345678"),
        ("06 \u2013 12 34 56 78", "06 \u2013 12 34 56 78"),
        ("010 \u2013 412 77 33", "010 \u2013 412 77 33"),
        ("06\u00a012345678", "06\u00a012345678"),
        ("+31\u00a06\u00a012345678", "+31\u00a06\u00a012345678"),
        # the country code in brackets, the trunk 0 typed anyway, "00 31"
        ("(+31) 6 12345678", "(+31) 6 12345678"),
        ("(0031) 6 12345678", "(0031) 6 12345678"),
        ("(+31) (0)6 12345678", "(+31) (0)6 12345678"),
        ("+31 06 12345678", "+31 06 12345678"),
        ("+31 010 412 77 33", "+31 010 412 77 33"),
        ("bel 00 31 6 12 34 56 78", "00 31 6 12 34 56 78"),
        ("(00 31 10 412 77 33)", "00 31 10 412 77 33"),
        # a number followed by another number: the phone stops where its digits are complete
        ("06 12345678 2x gebeld", "06 12345678"),
        ("tel 010 412 77 33 12 keer geprobeerd", "010 412 77 33"),
        ("06-12345678 12-03-2024 gebeld", "06-12345678"),
    ],
)
def test_service_numbers_labels_and_neighbours(text: str, value: str) -> None:
    assert _check(text, value, _scan) is None, (text, _check(text, value, _scan))


# --- foreign numbers ----------------------------------------------------------------------

FOREIGN = (
    "+32 470 12 34 56", "+32 2 123 45 67", "+32 470/12.34.56", "0032 470 12 34 56",
    "+32 (0)470 12 34 56", "+49 30 1234567", "+49 1522 4873310", "+49 (0)211 1234567",
    "+49 211 12345-67", "+44 7700 900123", "+44 (0)20 7946 0958", "+90 532 418 22 07",
    "+90 (532) 418 22 07", "0090 532 418 22 07", "+212 6 12 34 56 78", "+212 522-123456",
    "00212 661 58 03 27", "+597 812 3456", "+597 812-3456", "+599 9 512 0041",
    "+297 560 1234", "+297 730-1234", "+48 601-228-417", "+48 22 123 45 67",
    "+359 88 741 2093", "+380 (67) 214-55-33", "+380 44 123 45 67", "+251 91 123 4567",
    "+291 7 123 456", "+252 61 123 4567", "+1 (617) 555-0143", "+1-617-555-0143",
    "+1 617.555.0143", "001 617 555 0143", "+91 98450-23117", "+91-98450-23117",
    "+86 138 0013 2457", "+86-138-0013-2457", "+7 912 345-67-89",
)  # fmt: skip


@pytest.mark.parametrize("number", FOREIGN)
def test_foreign_number_is_one_exact_phone(number: str) -> None:
    failed = {
        text: why
        for context in CONTEXTS
        if (why := _check(text := context.format(number), number, _scan))
    }
    assert not failed, failed


# --- precision: what is no phone number ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("op 10-12-2024 om 10:30", "10-12-2024"),
        ("op 01.02.2025 gezien", "01.02.2025"),
        ("tussen 09:00-17:00 bereikbaar", "09:00-17:00"),
        ("€ 0,50 per minuut", "0,50"),
        ("zaaknummer 0123-4567-89", "0123-4567-89"),
        ("dossiernummer: 0412-3456-78", "0412-3456-78"),
        ("ref. 0004567890", "0004567890"),
        ("dossier 2024/0123456", "2024/0123456"),
        ("postcode 3071 AB", "3071 AB"),
        ("IBAN NL91 ABNA 0417 1643 00", "0417 1643 00"),
        ("op 06-11-2025 gebeld", "06-11-2025"),
        ("datum 02/11/2025 04:10", "02/11/2025"),
        ("bel 0900 123 45 67 (80 ct/min)", "80"),
        # the public help lines stay (allowlist.PUBLIC_NUMBERS)
        ("Veilig Thuis 0800-2000", "0800-2000"),
        ("bel 0800 2000", "0800 2000"),
        ("tel. 0800 - 2000", "0800 - 2000"),
        ("Kindertelefoon 0800-0432", "0800-0432"),
        ("bel 0900-8844 (politie)", "0900-8844"),
        ("Slachtofferhulp: 0900-0101", "0900-0101"),
        ("(+31) 800 2000", "800 2000"),
    ],
)
def test_no_phone_is_taken_where_there_is_none(text: str, value: str) -> None:
    start = text.index(value)
    end = start + len(value)
    phones = [
        f for f in default_engine().scan(text) if f.label is Label.TELEFOON
        and f.start < end and start < f.end
    ]  # fmt: skip
    assert not phones, (text, phones)


# --- the other structured kinds where round 24 found gaps ---------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # e-mail written so that a robot cannot read it
        ("mail naar jan.devries [at] gmail [dot] com", "jan.devries [at] gmail [dot] com"),
        ("mail: jan.devries [at] gmail punt com", "jan.devries [at] gmail punt com"),
        ("naam [at] domein punt nl", "naam [at] domein punt nl"),
        ("jan(at)gmail.com", "jan(at)gmail.com"),
        ("jan at gmail dot com", "jan at gmail dot com"),
        ("jan.devries apenstaartje gmail punt com", "jan.devries apenstaartje gmail punt com"),
        ("j.devries@gmail .com", "j.devries@gmail .com"),
        ("e-mail: jdevries@hotmail,com", "jdevries@hotmail,com"),
        # a web address with any top-level domain and a path
        ("bit.ly/3xYzAb", "bit.ly/3xYzAb"),
        ("wa.me/31612345678", "wa.me/31612345678"),
        ("kinderopvang-zonnetje.frl", "kinderopvang-zonnetje.frl"),
        ("zonnetje.amsterdam", "zonnetje.amsterdam"),
        # foreign plates after the vehicle's word, a Dutch plate with spaced dashes
        ("Belgische auto 1-ABC-234", "1-ABC-234"),
        ("Turks kenteken 34 ABC 123", "34 ABC 123"),
        ("Marokkaans kenteken 12345-A-6", "12345-A-6"),
        ("Brits kenteken AB12 CDE", "AB12 CDE"),
        ("kenteken: 12 - ABC - 3", "12 - ABC - 3"),
        # a BSN after its word, grouped 3-2-4 with dashes
        ("burgerservicenummer: 123-45-6782", "123-45-6782"),
    ],
)
def test_other_structured_kinds_are_covered(text: str, value: str) -> None:
    start = text.index(value)
    findings = default_engine().scan(text)
    rest = "".join(
        text[i]
        for i in range(start, start + len(value))
        if text[i].isalnum() and not any(f.start <= i < f.end for f in findings)
    )
    assert not rest, (text, [(f.text, f.label.name) for f in findings])


@pytest.mark.parametrize(
    "text",
    [
        "ik was at home, zei ze",
        "de afspraak is om 10 uur at the office",
        "zie ook hoofdstuk 3.2/4",
        "zie blz. 12 en/of 13",
        "de auto 12 km verder",
        "in de auto van 20 tot 22 uur",
    ],
)
def test_no_email_url_or_plate_in_ordinary_text(text: str) -> None:
    labels = {f.label for f in default_engine().scan(text)}
    assert not labels & {Label.EMAIL, Label.URL, Label.KENTEKEN}, (text, labels)
