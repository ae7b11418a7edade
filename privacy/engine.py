"""The de-identification engine: deduce plus the own detectors, the allow-list, name
propagation and overlap resolution. Text in, findings out; it never logs the text.
"""

from __future__ import annotations

import bisect
import itertools
import os
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence

from privacy.allowlist import allowed_ranges, is_not_name, is_public_number, is_public_site
from privacy.detectors import DETECTORS, Detector
from privacy.detectors.ages import is_age_range, is_duration
from privacy.detectors.institutions import (
    ORGANISATION_HEADS,
    SCHOOL_TYPE_WORDS,
    TYPE_WORDS,
    is_compound_type,
    without_lowercase_article,
)
from privacy.detectors.learned import _ROLE_BEFORE, learned_names
from privacy.detectors.lexicon import (
    COUNTRIES,
    common_words,
    dutch_words,
    dutch_words_without_diacritics,
    first_names,
    interfix_surnames,
    is_nationality_word,
    is_singular_noun,
    is_thing_compound,
    is_verb_form,
    is_weak_finite,
    place_names,
)
from privacy.detectors.lexicon import surnames as surnames_alone
from privacy.detectors.names import is_compound, role_noun
from privacy.detectors.numbers_nl import NUMBER_WORD_PATTERN, number_value
from privacy.detectors.organisations import KNOWN_ORGANISATION_NAMES, is_listed_organisation
from privacy.errors import check_text
from privacy.fast import fold, folded, release
from privacy.findings import STRUCTURED_LABELS, Finding, Label

# When findings overlap, the merged span takes the label of the first kind in this list.
_LABEL_PRIORITY: tuple[Label, ...] = (
    Label.EMAIL,
    Label.URL,
    Label.IBAN,
    Label.BSN,
    Label.TELEFOON,
    Label.KENTEKEN,
    Label.POSTCODE,
    Label.SCHOOL,
    Label.INSTELLING,
    Label.ADRES,
    Label.DATUM,
    Label.NUMMER,
    Label.PLAATS,
    Label.NAAM,
    Label.LEEFTIJD,
)
_RANK = {label: rank for rank, label in enumerate(_LABEL_PRIORITY)}
_PARTICLES = frozenset({"van", "de", "der", "den", "ter", "ten", "te", "het", "el", "al"})
_WORD_LABELS = frozenset({Label.NAAM, Label.PLAATS, Label.ADRES, Label.INSTELLING, Label.SCHOOL})
# not "kenteken VZ-342-N.\nGastouderbureau": initials stand on the name's line, not after "-"
_INITIALS_BEFORE = re.compile(r"(?<![\w.-])(?:[A-Z]\.[ \t]*)+\(?[ \t]*$")


def name_scorer_enabled() -> bool:
    """Whether the learned name scorer runs (round 16): on unless ``PRIVACY_NAME_SCORER``
    is "0", "false", "no" or "off" (docs/privacy.md, round 16: the measurement behind it)."""
    value = os.environ.get("PRIVACY_NAME_SCORER", "").strip().lower()
    return value not in {"0", "false", "no", "off"}


class Engine:
    """Finds identifying spans in Dutch text.

    ``use_deduce=False`` runs only the own detectors (for tests of those detectors and
    for measuring their cost); production always uses deduce.
    """

    def __init__(
        self,
        *,
        use_deduce: bool = True,
        detectors: Sequence[Detector] = DETECTORS,
        max_chars: int | None = None,
        name_scorer: bool | None = None,
    ) -> None:
        self.use_deduce = use_deduce
        # round 16: the learned name scorer adds names no rule found (PRIVACY_NAME_SCORER)
        self.name_scorer = name_scorer_enabled() if name_scorer is None else name_scorer
        self.detectors = tuple(detectors)
        self.max_chars = max_chars
        if use_deduce:
            from privacy.deduce_engine import load_deduce  # heavy: only when asked for

            load_deduce()

    def scan(self, text: str) -> list[Finding]:
        """Every identifying span in ``text``, sorted, not overlapping."""
        check_text(text, self.max_chars)
        return self.scan_unchecked(text)

    def scan_unchecked(self, text: str) -> list[Finding]:
        """:meth:`scan` without the input check (the caller made it)."""
        if not text.strip():
            return []
        try:
            raw: list[Finding] = []
            if self.use_deduce:
                from privacy.deduce_engine import deduce_findings

                raw.extend(deduce_findings(text))
            for detector in self.detectors:
                raw.extend(detector(text))
            raw = _without_type_word_before_own_name(_without_headings(text, raw))
            raw = [f for f in raw if not _field_name_as_name(f)]
            raw = list(_split_organisation_and_street(text, _names_within_lines(text, raw)))
            raw.extend(_surname_comma_first_name(text, raw))
            allowed = sorted(allowed_ranges(text))  # once: the three passes share it
            kept = list(_apply_allowlist(text, _trim_tails(text, raw), allowed))
            kept.extend(_apply_allowlist(text, _abbreviations_in_brackets(text, kept), allowed))
            kept.extend(_apply_allowlist(text, _propagate(text, kept), allowed))
            kept = [f for f in kept if not _word_opening_sentence(text, f)]
            kept = [f for f in kept if not _ordinary_word_alone_on_line(text, f, kept)]
            kept = [
                _extend_particle(text, _extend_initials(text, _with_initial_dot(text, f)))
                for f in _trim_names(text, kept)
            ]
            kept.extend(_double_barrelled(text, kept))
            kept.extend(_joined_names(text, kept))
            kept = [
                _extend_lowercase_name(text, f) for f in kept if not _role_word_opening(text, f)
            ]
            kept = [
                _with_surname_initial(
                    text,
                    _with_hyphen_particle_tail(
                        text,
                        _with_handle_suffix(text, _with_hash_and_without_possessive(text, f)),
                    ),
                )
                for f in kept
            ]
            kept.extend(_surname_initials_alone(text, kept))
            kept.extend(_spelled_names(text, kept))
            kept = _names_before_places(text, _names_before_te_places(kept))
            kept.extend(_bracketed_names(text, kept))
            kept = _without_particle_names_of_organisations(kept)
            kept.extend(_organisations_with_places(text, kept))
            kept = _names_before_organisations(text, kept)
            kept = _without_organisation_compounds(text, kept)
            kept = _law_firms(text, kept)
            kept = [
                _with_capital_article(text, _address_end(text, _date_end(text, f))) for f in kept
            ]
            kept = [
                _with_english_place(text, _with_quarter(text, _with_legal_form(text, f)))
                for f in kept
            ]
            kept.extend(_joined_numbers(text, kept))
            kept.extend(_ages_after_names(text, kept))
            kept.extend(_age_lists(text, kept))
            titled = _titled_names(text, kept)
            kept = [
                f
                for f in kept
                if f.text.strip().lower() not in _BARE_WORDS
                and not _bare_school_type(f)
                and not _role_or_nationality_word(f, titled)
                and not _english_word(text, f)
            ]
            kept = [_without_at_sign(f) for f in kept]
            kept = _names_not_places(kept)
            kept = _names_before_dates_on_next_line(
                text, _without_names_from_postcode_letters(kept)
            )
            found = resolve_overlaps(text, _words_off_identifiers(text, kept))
            found = resolve_overlaps(text, [*found, *_names_in_name_slots(text, found)])
            if "Heer" in text:
                found = resolve_overlaps(text, [*found, *_surname_de_heer(text, found)])
            if self.name_scorer:
                found = resolve_overlaps(text, [*found, *learned_names(text, found)])
            return found
        finally:
            release()  # the detectors' shared copy of the text


# The surname "de Heer" reads as the title "de heer" (Mr) or "de Heer" (the Lord) and was
# never found: "mevrouw de Heer", "Sanne de Heer" (found at integration, session 14). With a
# title or a first name found right before it, it is the surname.
_DE_HEER = re.compile(r"(?<![\w-])[dD]e[ \t]+Heer(?![\w-])")
_TITLE_BEFORE = re.compile(
    r"(?<![\w-])(?i:mevrouw|mevr\.?|mw\.?|meneer|mnr\.?|dhr\.?|mr\.?|dr\.?|drs\.?|"
    r"juf|juffrouw|meester|familie|fam\.?)[ \t]+$"
)


def _surname_de_heer(text: str, findings: Sequence[Finding]) -> list[Finding]:
    name_at_end = {f.end: f for f in findings if f.label is Label.NAAM}
    out = []
    for m in _DE_HEER.finditer(text):
        before = text[max(0, m.start() - 12) : m.start()]
        name = name_at_end.get(m.start() - 1) if text[m.start() - 1 : m.start()] == " " else None
        if name is not None:
            out.append(Finding(name.start, m.end(), Label.NAAM, text[name.start : m.end()],
                               "naam-de-heer"))  # fmt: skip
        elif _TITLE_BEFORE.search(before):
            out.append(Finding(m.start(), m.end(), Label.NAAM, m.group(0), "naam-de-heer"))
    return out


# Round 21: a capitalised word that the Dutch word list holds (wordfreq's list has many
# names: "abeba", "ama", "momo") in a slot only a person fills. Pooled over every tuning
# half, these were the names the rules missed on a writer's first score in three or more
# halves: coordinated with a name found ("Ilias en Adam El Khatib", "Kofi (6) en Ama (4)",
# "Samira en Kees"). The slot says "person"; a list of names would not carry over.
_CAP_WORD = r"[A-ZÀ-ÖØ-ÞĀ-ɏ][a-zà-öø-ÿĀ-ɏ'\u2019]{2,20}"
_SLOT_WORD = re.compile(rf"(?<![\w@#/'\u2019&.-]){_CAP_WORD}(?![\w@/&-])")
_AND = re.compile(r"[ \t]+(?:en|of|&)[ \t]+")
_LIST_COMMA = re.compile(r",[ \t]*")


def _slot_word_ok(word: str) -> bool:
    """A capitalised word that may be a name in a person's slot: no stop word, role,
    kinship or title word, place, country, nationality, month or day, nor a listed
    non-name ("Moeder en Sanne", "Marokko en Turkije", "God", "Jeugdzorg")."""
    lowered = word.lower()
    return not (
        lowered in common_words()
        or is_not_name(word)
        or role_noun(word)
        or lowered in _SLOT_NOT_PERSON
        or lowered in place_names()
        or lowered in COUNTRIES
        or is_nationality_word(word)
        or is_compound_type(lowered)
        or (len(lowered) >= 9 and lowered in dutch_words())  # "Taxichauffeur belt 112"
        or lowered in _ROLE_BEFORE
        or lowered.endswith(_SLOT_THING_ENDINGS)
    )


_SLOT_NOT_PERSON = frozenset(
    """maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart
    april mei juni juli augustus september oktober november december kerst pasen
    ramadan suikerfeest offerfeest agent agente chauffeur conciërge directeur directrice
    trainer coach baas chef buurjongen buurmeisje vanochtend vanmiddag vanavond vannacht vervolgens
    daarop daarnaast bovendien uiteindelijk inmiddels tenslotte""".split()  # noqa: SIM905
)
_SLOT_THING_ENDINGS = (
    "heid", "ing", "schap", "isme", "teit", "zorg", "team", "huis", "dienst", "centrum",
)  # fmt: skip


def _names_in_name_slots(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """NAAM findings for capitalised words in a person's slot (see above), and the same
    word's other capitalised occurrences in the text."""
    names = [f for f in findings if f.label is Label.NAAM]
    if not names:
        return []
    starts = [f.start for f in findings]
    name_at_end = {f.end: f for f in names}
    name_at_start = {f.start: f for f in names}

    def covered(start: int, end: int) -> bool:
        i = bisect.bisect_left(starts, end) - 1
        while i >= 0:
            if findings[i].end > start:
                return True
            if findings[i].end <= start and findings[i].start < start - 200:
                return False
            i -= 1
        return False

    chosen: set[str] = set()
    for m in _SLOT_WORD.finditer(text):
        word = m.group(0)
        if word in chosen or covered(m.start(), m.end()) or not _slot_word_ok(word):
            continue
        if _coordinated_with_name(text, m, name_at_end, name_at_start):
            chosen.add(word)
    if not chosen:
        return []
    out = []
    for m in _SLOT_WORD.finditer(text):
        if m.group(0) in chosen and not covered(m.start(), m.end()):
            out.append(Finding(m.start(), m.end(), Label.NAAM, m.group(0), "naam-plek"))
    return out


def _coordinated_with_name(
    text: str, m: re.Match[str], name_at_end: dict[int, Finding], name_at_start: dict[int, Finding]
) -> bool:
    """ "Ama en Sanne", "Sanne en Ama", "Kees, Ama en Sanne", "Ama, Sanne en Kees": joined by
    "en", "of" or "&" to a name found; by a comma only inside a list that ends in "en"."""
    after = _AND.match(text, m.end())
    if after is not None and after.end() in name_at_start:
        return True
    comma = _LIST_COMMA.match(text, m.end())
    name = name_at_start.get(comma.end()) if comma is not None else None
    if name is not None and (_AND.match(text, name.end) or _LIST_COMMA.match(text, name.end)):
        return True
    for end in range(m.start() - 1, max(-1, m.start() - 7), -1):  # a look-up, not a scan
        if (finding := name_at_end.get(end)) is None:
            continue
        between = text[end : m.start()]
        if _AND.fullmatch(between):
            return True
        if _LIST_COMMA.fullmatch(between) and (
            _AND.match(text, m.end()) or text[max(0, finding.start - 2) : finding.start] == ", "
        ):
            return True
    return False


# "V-nummer V 2874 419 603": deduce reads the letter after a field's name as a name and
# the field's name with it; a name never holds a word like "V-nummer" or "Lidnummer".
# round 27: the names of other countries' identity documents are fields too
_FIELD_NAME_WORD = re.compile(
    r"(?i)\b\w+-?nummer\b|\b(?:personalausweis|reisepass|ausweis|sedula|c[ée]dula|kimlik|"
    r"rijksregister|steuer-id)\b"
)


def _field_name_as_name(finding: Finding) -> bool:
    return finding.label is Label.NAAM and _FIELD_NAME_WORD.search(finding.text) is not None


# "gesprek met lisa vijftien op school", "mevrouw nelleke van os achtenzeventig ze belde",
# "Ilias, bijnaam 'Lil Ili', 13, slaapt": a number right after a name, where the sentence
# goes on with a verb, a pronoun or a (spoken) punctuation mark, is the person's age. Not
# "met Sara twee uur", "Daan 2 keer", "Jan een op een".
_AGE_AFTER_NAME = re.compile(
    # digits only after a comma: "Schönhauser Allee 18" is a house number
    rf"['\"\u2019]?(?:,[ \t]*|[ \t]+(?=\D))(\d{{1,3}}|(?i:{NUMBER_WORD_PATTERN}))(?![\w-])"
    r"(?=[ \t]*(?:[,;!?)]|[.:](?!\d)|$)|[ \t]+(?:en|ze|zij|hij|op|is|was|woont|zit|zat|heeft"
    r"|had|punt|komma|die|slaapt|zegt|zei|vertelt|vertelde|belde|kwam|komt|gaat|ging|wil|kan"
    r"|moet|ook|nog|al|spreekt|huilt|speelt|loopt|vindt|vond)\b)",
    re.MULTILINE,
)


# "Li Na, postdoc, 32.", "Pieter de Vries, kinderarts, 45.": a name, what the person is
# (lowercase, one or two words), the age closing the list (round 19)
_AGE_AFTER_NAME_AND_ROLE = re.compile(
    r",[ \t]*[a-zà-ÿ][\w-]{2,25}(?:[ \t]+[a-zà-ÿ][\w-]{2,25})?[ \t]*,[ \t]*"
    rf"(\d{{1,3}}|(?i:{NUMBER_WORD_PATTERN}))(?![\w-])(?=[ \t]*(?:[,;!?)]|[.:](?!\d)|$))",
    re.MULTILINE,
)


# "Johanna Bakker uit Barendrecht, 82.": a news report gives where the person lives, then
# the age (round 25); digits only after the comma, as after a name
_FROM_BEFORE_PLACE = re.compile(r"[ \t]+uit[ \t]+")
_AGE_AFTER_PLACE = re.compile(
    r",[ \t]*(\d{1,3})(?![\w-])(?=[ \t]*(?:[,;!?)]|[.:](?!\d)|$))", re.MULTILINE
)


def _ages_after_names(text: str, findings: Sequence[Finding]) -> list[Finding]:
    taken = {(f.start, f.end) for f in findings if f.label is Label.LEEFTIJD}
    places = {f.start: f.end for f in findings if f.label is Label.PLAATS}
    ages = []
    for finding in findings:
        if finding.label is not Label.NAAM:
            continue
        m = _AGE_AFTER_NAME.match(text, finding.end) or _AGE_AFTER_NAME_AND_ROLE.match(
            text, finding.end
        )
        if m is None and (origin := _FROM_BEFORE_PLACE.match(text, finding.end)) is not None:
            place_end = places.get(origin.end())
            if place_end is not None:
                m = _AGE_AFTER_PLACE.match(text, place_end)
        if m is None or (m.start(1), m.end(1)) in taken:
            continue
        token = m.group(1).lower()
        value = number_value(token)
        if token in ("een", "één") or value is None or not 0 < value <= 110:
            continue
        ages.append(Finding(m.start(1), m.end(1), Label.LEEFTIJD, m.group(1), "leeftijd-naam"))
    return ages


# A list of ages goes on after the first one the detectors found: "kinderen van zes acht en
# tien" (dictated, no commas), "aged 4, 7 and 9"; and "6 and 8 years old" before it.
_EN_NUMBER_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen)"
)
_LIST_NUMBER = rf"(?:\d{{1,2}}|(?i:{NUMBER_WORD_PATTERN})|{_EN_NUMBER_WORD})"
_NO_UNIT_AFTER = (
    r"(?![ \t]+(?i:keer|uur|dagen|dag|weken|week|maanden|maand|minuten|euro|procent|kinderen"
    r"|times|hours|days|weeks|months|minutes|children|kids)\b)"
)
_AGE_LIST_NEXT = re.compile(
    rf"(?:[ \t]*,[ \t]*|[ \t]*,?[ \t]+(?:(?:en|and|&)[ \t]+)?)({_LIST_NUMBER})(?![\w,./-]\w)"
    + _NO_UNIT_AFTER
)
_AGE_LIST_BEFORE = re.compile(
    rf"(?<![\w-])({_LIST_NUMBER})(?:[ \t]*,[ \t]*|[ \t]+(?:en|and|&)[ \t]+)$"
)
_BARE_AGE = re.compile(rf"{_LIST_NUMBER}(?:[ \t]+(?:jaar|years?)(?:[ \t]+oud|[ \t]+old)?)?")


def _age_value_ok(token: str) -> bool:
    value = number_value(token)
    return token.lower() not in ("een", "één", "one") and (value is None or 0 < value <= 110)


def _age_lists(text: str, findings: Sequence[Finding]) -> list[Finding]:
    taken = {f.start for f in findings if f.label is Label.LEEFTIJD}
    ages: list[Finding] = []
    for finding in findings:
        if finding.label is not Label.LEEFTIJD or not _BARE_AGE.fullmatch(finding.text):
            continue
        end = finding.end
        while (m := _AGE_LIST_NEXT.match(text, end)) is not None and _age_value_ok(m.group(1)):
            if m.start(1) in taken:
                break
            closing = _LIST_JOIN.search(m.group(0)) is not None
            if "," not in m.group(0) and not closing and finding.text[:1].isdigit():
                break  # a run without commas only in a dictated note: "zes acht en tien"
            ages.append(_list_age(m))
            taken.add(m.start(1))
            end = m.end(1)
            if closing:
                break
        before = _AGE_LIST_BEFORE.search(text, max(0, finding.start - 30), finding.start)
        if before is not None and before.start(1) not in taken and _age_value_ok(before.group(1)):
            ages.append(_list_age(before))
            taken.add(before.start(1))
    return ages


_LIST_JOIN = re.compile(r"\b(?:en|and)\b|&")


def _list_age(m: re.Match[str]) -> Finding:
    return Finding(m.start(1), m.end(1), Label.LEEFTIJD, m.group(1), "leeftijd-lijst")


_SITE_AFTER = re.compile(r"\.(?:nl|com|org|nu|info|eu)\b", re.IGNORECASE)


def _public_site_name(text: str, finding: Finding) -> bool:
    """A name that is the first part of a public site's address, capitalised opening a
    sentence ("Thuisarts.nl legt het uit", "Veiligthuis.nl heeft een chat"; round 22)."""
    site = _SITE_AFTER.match(text, finding.end)
    return site is not None and is_public_site(text[finding.start : site.end()])


def _apply_allowlist(
    text: str, findings: Iterable[Finding], allowed: list[tuple[int, int]] | None = None
) -> Iterable[Finding]:
    """Drop public numbers and ordinary words; cut allowed phrases out of findings.

    ``allowed`` is ``sorted(allowed_ranges(text))``, made once by the caller if given.
    """
    if allowed is None:
        allowed = sorted(allowed_ranges(text))
    allowed_starts = [start for start, _ in allowed]
    for finding in findings:
        if finding.label is Label.TELEFOON and is_public_number(finding.text):
            continue
        if finding.label is Label.URL and is_public_site(finding.text):
            continue
        if finding.label is Label.NAAM and (
            is_not_name(finding.text) or _ROLE_OR_FIELD.fullmatch(finding.text)
        ):
            continue
        if finding.label is Label.NAAM and _public_site_name(text, finding):
            continue
        if finding.label is Label.LEEFTIJD and is_age_range(text, finding.start, finding.end):
            continue
        if (
            finding.label is Label.LEEFTIJD
            and finding.detector == "deduce"
            and is_duration(text, finding.start, finding.end)
        ):
            continue  # deduce's "14" in "heeft 14 jaar in een relatie gezeten"
        if finding.label in STRUCTURED_LABELS or finding.label is Label.NUMMER or not allowed:
            # an allowed word inside a reference is part of it: "VT/25/0412"
            yield finding
            continue
        # allowed ranges do not overlap each other: only those near the finding matter
        first = max(0, bisect.bisect_right(allowed_starts, finding.start) - 1)
        last = bisect.bisect_left(allowed_starts, finding.end)
        yield from _cut_allowed(text, finding, allowed[first:last])


#: A role abbreviation ("Pm'er", "IB'ers") or a field's name ("Zaaknr", "Dossiernr."):
#: never a name.
_ROLE_OR_FIELD = re.compile(r"[A-Za-z]{1,4}['\u2019]ers?|[^\W\d_]{2,20}nr\.?")
_LINK_WORD = re.compile(r"(?:van|het|de|voor|en|der|den|in|te)\s+")
_LINK_WORD_END = re.compile(r"\s+(?:van|het|de|voor|en|der|den|in|te)$")
#: The region's name ends an organisation's own name: "Jeugdhulp Rijnmond".
_REGION_NAMES = frozenset({"rijnmond", "rotterdam-rijnmond"})
#: A public service's word after an organisation's name is part of that name: "Leger des
#: Heils Jeugdbescherming & Reclassering" (the allow-list keeps "Jeugdbescherming" alone).
_SERVICE_NAMES = frozenset({"jeugdbescherming", "reclassering", "jeugdzorg", "jeugdhulp"})


#: Allowed phrases that stay public with a town after them: the regional help line.
_PUBLIC_WITH_TOWN = frozenset({"veilig thuis", "vt", "vtrr", "politie", "ggd", "wijkteam"})


def _service_of_a_town(text: str, finding: Finding, allowed: list[tuple[int, int]]) -> bool:
    """An institution found as an allowed service followed by a town's name is that town's
    branch, one institution (round 11b's rule for "CJG Rijnmond"; round 15: the allow-list
    of public services no longer leaves the town alone as the institution)."""
    for a_start, a_end in allowed:
        if a_start != finding.start or a_end >= finding.end:
            continue
        if text[a_start:a_end].lower() in _PUBLIC_WITH_TOWN:
            return False
        rest = text[a_end : finding.end].strip()
        return bool(rest) and rest.lower() in place_names()
    return False


def _cut_allowed(text: str, finding: Finding, allowed: list[tuple[int, int]]) -> Iterable[Finding]:
    pieces = [(finding.start, finding.end)]
    if finding.label is Label.INSTELLING and (
        finding.detector == "instelling-team" or is_listed_organisation(finding.text)
    ):
        yield finding  # "CJG Rijnmond", "Wijkteam Delfshaven": one name, "CJG" alone stays
        return
    if finding.label is Label.INSTELLING and _service_of_a_town(text, finding, allowed):
        yield finding  # "Centrum Seksueel Geweld Rotterdam": the service of one town
        return
    if finding.label in (Label.INSTELLING, Label.SCHOOL):
        allowed = [
            (a_start, a_end)
            for a_start, a_end in allowed
            if not (
                a_start > finding.start
                and text[a_start:a_end].lower() in (_REGION_NAMES | _SERVICE_NAMES)
            )
        ]
    for a_start, a_end in allowed:
        next_pieces = []
        for start, end in pieces:
            if a_end <= start or end <= a_start:
                next_pieces.append((start, end))
                continue
            if start < a_start:
                next_pieces.append((start, a_start))
            if a_end < end:
                next_pieces.append((a_end, end))
        pieces = next_pieces
    if pieces == [(finding.start, finding.end)]:
        yield finding  # no allowed phrase inside it: keep it as found ("#60117")
        return
    for start, end in pieces:
        while start < end and not text[start].isalnum():
            start += 1
        while end > start and not text[end - 1].isalnum():
            end -= 1
        if finding.label is not Label.NAAM:
            while (link := _LINK_WORD.match(text, start, end)) is not None:
                start = link.end()  # "Spoedeisende Hulp van het Franciscus": the rest
            while (link := _LINK_WORD_END.search(text, start, end)) is not None:
                end = link.start()  # "Voedselbank Rotterdam en de [Raad ...]": the name
        value = text[start:end]
        if not value or (finding.label in _WORD_LABELS and not any(c.isalpha() for c in value)):
            continue
        if is_not_name(value) or (finding.label is Label.NAAM and value.lower() in _PARTICLES):
            continue
        if value.lower() == "s" and start > 0 and text[start - 1] in "'\u2019":
            continue  # "Arbeidsinspectie's": the allowed phrase's possessive (round 15)
        if start == finding.start and end == finding.end and value == finding.text:
            yield finding  # nothing cut off: the same finding
        else:
            yield Finding(start, end, finding.label, value, finding.detector)


def _propagate(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """Every other occurrence of every found identifying string.

    Names also in another case, their uncommon words alone, and a handle with its "@";
    other kinds as written (three characters or more), and a school's or institution's
    own name without its type word ("basisschool De Fontein" -> "De Fontein").
    """
    found = _propagate_names(text, findings)
    values: dict[str, Label] = {}
    for finding in findings:
        if finding.label is Label.NAAM and "handle" in finding.detector and finding.start > 0:
            if text[finding.start - 1] == "@":
                # the handle with its "@" as well: "0@00:@00" ("@" stays outside the name)
                _keep_strongest(values, "@" + finding.text, Label.NAAM)
            continue
        if finding.label is Label.NAAM and not finding.text.startswith("@"):
            continue
        if finding.label is Label.LEEFTIJD:
            continue  # "twaalf" is an age only in its context, not everywhere
        if len(finding.text.strip()) >= 3:
            _keep_strongest(values, finding.text, finding.label)
        if finding.label in (Label.SCHOOL, Label.INSTELLING):
            own_name = _own_name(finding.text)
            if own_name:
                _keep_strongest(values, own_name, finding.label)
    known = {(f.start, f.end) for f in findings}
    # a handle found without its "@" is not found again with it
    names_found = {(f.start, f.end) for f in (*findings, *found) if f.label is Label.NAAM}
    for value, label in values.items():
        found.extend(
            Finding(start, start + len(value), label, value, "herhaling")
            for start in occurrences(text, value)
            if (start, start + len(value)) not in known
            and not (value[0] == "@" and (start + 1, start + len(value)) in names_found)
        )
    return found


def _keep_strongest(values: dict[str, Label], value: str, label: Label) -> None:
    """A value found with two labels repeats with the stronger one, whatever the order of
    the findings (deduce's order follows the hash seed of the process)."""
    known = values.get(value)
    if known is None or _RANK[label] < _RANK[known]:
        values[value] = label


def _own_name(value: str) -> str | None:
    """The proper name after a lowercase type word: "basisschool De Fontein" -> "De Fontein"."""
    words = value.split(" ")
    if len(words) < 2 or words[0].lower() not in TYPE_WORDS:
        return None
    rest = " ".join(words[1:])
    if rest.lower() in common_words() or len(rest) < 4 or not any(c.isupper() for c in rest):
        return None
    return rest


def occurrences(text: str, value: str) -> list[int]:
    r"""Start offsets of every whole occurrence of ``value`` in ``text``.

    A value that begins or ends with a word character must not continue a longer word
    there (the same edges as a name: not after ``[\w@.-]``, not before ``[\w-]``, ``@``
    or ``.`` + a word character); an edge that is a symbol ("@00") needs no boundary.
    """
    starts: list[int] = []
    check_left = value[:1].isalnum() or value[:1] == "_"
    check_right = value[-1:].isalnum() or value[-1:] == "_"
    start = text.find(value)
    while start >= 0:
        end = start + len(value)
        if _edges_ok(text, start, end, check_left=check_left, check_right=check_right):
            starts.append(start)
        start = text.find(value, start + 1)
    return starts


def _edges_ok(text: str, start: int, end: int, *, check_left: bool, check_right: bool) -> bool:
    if check_left and start > 0:
        before = text[start - 1]
        if before.isalnum() or before in "_@.-":
            return False
    if check_right and end < len(text):
        after = text[end]
        if after.isalnum() or after in "_-@":
            return False
        if (
            after == "."
            and end + 1 < len(text)
            and (text[end + 1].isalnum() or text[end + 1] == "_")
        ):
            return False
    return True


def _propagate_names(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """Find every other occurrence of a found name, also in another case."""
    common = common_words()
    given = first_names()
    words = dutch_words()
    family = surnames_alone()
    interfix = interfix_surnames()
    word_surnames: set[str] = set()  # surnames that are words: only where a person stands
    exact: set[str] = set()
    folded_names: set[str] = set()
    for finding in findings:
        if finding.label is not Label.NAAM:
            continue
        value = " ".join(finding.text.split()).lstrip("@")
        if len(value) < 2 or (
            value.islower()
            and value not in given
            and (value in common or (value in words and (value in family or value in interfix)))
        ):
            # "mevr. bos": the word "bos" elsewhere is the word, not the name; "meneer pols"
            # and "zijn pols" (round 13a: also a surname no list holds alone)
            if value.islower() and value.isalpha() and len(value) >= 3:
                word_surnames.add(value)
            continue
        exact.add(value)
        if "naam-chinees" in finding.detector:
            # "Li Na ... Li kwam bij mij": the surname alone, as written (round 20)
            exact.add(value.split()[0])
        if " " in value and value.lower() not in common:
            folded_names.add(value.lower())  # "fatima el amrani" as well as "Fatima el Amrani"
        for token in _NAME_TOKEN.findall(value):
            if len(token) < 3 or token.lower() in _PARTICLES or is_not_name(token):
                continue
            if token.lower().endswith(_ORGANISATION_ENDINGS):
                continue  # "Gastouderbureau" of "Gastouderbureau Kinderrijk": no name
            lowered = token.lower()
            if (
                token.islower()
                and lowered in words
                and lowered not in given
                and (" " in value or lowered in common or lowered in family)
            ):
                # "dhr v.d. berg", "mevr. bos": a lowercase surname that is a word repeats
                # only where its context finds it again, never every "berg" or "bos"
                word_surnames.add(lowered)
                continue
            if lowered in common or (
                lowered not in given
                and not token.islower()
                and (" " in value or lowered in dutch_words())
            ):
                # an ordinary word, or a surname that may be one ("Visser", "de Groot"):
                # only as written and in capitals, never the lowercase word
                exact.add(token)
                exact.add(token.upper())
                word_surnames.add(lowered)
            else:
                folded_names.add(token.lower())
            parts = lowered.split("-")
            for part in {lowered, *(parts if len(parts) > 1 else ())}:
                plain = without_accents(part)
                if len(plain) < 4 or plain in common or (part != lowered and part in words):
                    continue
                if part != lowered:
                    folded_names.add(part)  # "Doğan" alone beside "Çelik-Doğan"
                if plain != part:
                    # "Wójcik" typed later as "Wojcik", "Małgorzata" as "malgorzata"
                    folded_names.add(plain)
    found: list[Finding] = []
    for names, ignore_case in ((exact, False), (folded_names, True)):
        if names:
            found.extend(
                Finding(start, end, Label.NAAM, text[start:end], "naam-herhaling")
                for start, end in _name_spans(text, names, ignore_case)
                if not (ignore_case and _the_word_not_the_name(text, start, end, exact, words))
                and not _verb_before_subject(text, start, end, words)
            )
    if word_surnames:
        found.extend(_surname_words_as_persons(text, word_surnames - given))
    return found


# Round 27: "Wil: Wil je dat ik iemand bel?": a name that is also a verb, opening a clause
# before a subject pronoun, is the verb of a question ("Wil je", "Mag ik", "Kan u")
_SUBJECT_AFTER = re.compile(r"[ \t]+(?:je|jij|u|ik|we|wij|ze|zij|jullie|hij)(?![\w-])")


def _verb_before_subject(text: str, start: int, end: int, words: frozenset[str]) -> bool:
    value = text[start:end]
    if " " in value or value.lower() not in words:
        return False
    return bool(
        _SUBJECT_AFTER.match(text, end)
        and _CLAUSE_START_BEFORE.search(text[max(0, start - 12) : start])
    )


# Where a surname that is also a word ("bakker", "winter", "storm") stands for the person
# the text named with it: before a verb a person does ("jan bakker ... bakker weigerde"),
# or after "met"/"belde"/"sprak" at a clause's end ("ik belde visser.") (round 13a).
#: Verbs a person does, after a lowercase surname ("bakker weigerde") or a bare one
#: ("Wit zei", round 28).
_PERSON_VERBS = frozenset(
    {"zei", "zegt", "belde", "belt", "vertelde", "vertelt", "weigerde", "weigert", "wil",
     "wilde", "woont", "woonde", "werkt", "werkte", "heeft", "had", "kwam", "komt", "huilde",
     "schreeuwde", "sloeg", "dreigde", "liet", "vroeg", "appte", "mailde", "meldde", "meldt",
     "reageerde", "gaf"}
)  # fmt: skip
_PERSON_VERB = re.compile(r"[ \t]+(?:" + "|".join(sorted(_PERSON_VERBS)) + r")(?![\w-])")
_PERSON_OBJECT_BEFORE = re.compile(
    r"(?<![\w-])(?i:(?:sprak|spraken|spreek|gesprek|overleg|overlegd|contact|gebeld|gesproken"
    r"|afspraak)[ \t]+met|belde|bel|mailde|appte|vroeg)[ \t]+$"
)
_CLAUSE_END_AFTER = re.compile(
    r"[ \t]*[,.;:!?)]|[ \t]+(?:over|gesproken|gebeld|nog|terug|gisteren|vandaag)(?![\w-])"
)
# a clause's subject: "... . bakker weigerde", "en visser zei" (not "het kralingse bos kwam")
_CLAUSE_START_BEFORE = re.compile(
    r"(?:^|[.!?:;,(][ \t]*|\n[ \t]*|(?<![\w-])(?:en|maar|want|dat|toen|omdat|dus|ook)[ \t]+)$"
)
_HAVE_BEFORE = re.compile(r"(?<![\w-])(?:heb|hebben|heeft|had|hadden)[ \t]+$")
_CONTACTED_AFTER = re.compile(r"[ \t]+(?:gebeld|gesproken|gemaild|geappt|gevraagd)(?![\w-])")
_WORD_SURNAME = re.compile(r"(?<![\w'-])[a-zà-ÿ]{3,25}(?![\w-])")


def _surname_words_as_persons(text: str, surnames_found: set[str]) -> list[Finding]:
    """A found surname that is a word, typed in lowercase where the text speaks of the person:
    "bakker weigerde", "ik belde visser." (not "de bakker weigerde", "met storm en regen")."""
    found = []
    for m in _WORD_SURNAME.finditer(text.lower()):
        word = m.group(0)
        if word not in surnames_found or text[m.start() : m.end()] != word:
            continue  # capitalised occurrences are the repetition's
        if _DETERMINER.search(text, max(0, m.start() - 8), m.start()):
            continue
        before = _PERSON_OBJECT_BEFORE.search(text, max(0, m.start() - 24), m.start())
        subject = _CLAUSE_START_BEFORE.search(text, max(0, m.start() - 8), m.start())
        if (
            (subject is not None and _PERSON_VERB.match(text, m.end()))
            or (before is not None and _CLAUSE_END_AFTER.match(text, m.end()))
            or (
                # "we hebben koster gebeld"
                _HAVE_BEFORE.search(text, max(0, m.start() - 10), m.start())
                and _CONTACTED_AFTER.match(text, m.end())
            )
        ):
            found.append(Finding(m.start(), m.end(), Label.NAAM, word, "naam-herhaling"))
    return found


_DETERMINER = re.compile(
    r"(?<![\w-])(?:de|het|een|die|deze|dat|dit|geen|elke|iedere|zo'n)\s+$", re.IGNORECASE
)
_DETERMINER_NOT_DAT = re.compile(
    r"(?<![\w-])(?:de|het|een|die|deze|dit|geen|elke|iedere|zo'n)\s+$", re.IGNORECASE
)


_NOT_DECOMPOSED = str.maketrans(
    {"\u0142": "l", "\u00f8": "o", "\u0131": "i", "\u0111": "d", "\u00df": "ss", "\u00e6": "ae"}
)


def without_accents(value: str) -> str:
    """``value`` without its diacritics, as names are often typed: "wójcik" -> "wojcik"."""
    decomposed = unicodedata.normalize("NFKD", value.translate(_NOT_DECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _the_word_not_the_name(
    text: str, start: int, end: int, exact: set[str], words: frozenset[str]
) -> bool:
    """A lowercase occurrence of a name that is also a word, after an article: "de roos
    van de klas" beside the girl Roos. Written as found, it is still the name."""
    value = text[start:end]
    if value in exact or not value.islower() or value not in words:
        return False
    if is_verb_form(value):
        return True  # "Gerold" is named, "van de bank gerold" is the verb (round 19)
    # not after "dat": before a first name it is the conjunction ("ik hoop dat noor morgen
    # weer normaal doet"); a name that is a word is a de-word ("die roos"; round 25)
    return _DETERMINER_NOT_DAT.search(text, max(0, start - 8), start) is not None


_ORGANISATION_ENDINGS = ("bureau", "centrum", "stichting", "vereniging", "praktijk", "opvang")
_NAME_TOKEN = re.compile(r"[^\W\d_][\w'\u2019-]*")
_SPACES = re.compile(r"\s+")
# Below this code point, re.IGNORECASE equals comparing folded lowercase (checked for
# every pair of characters); above it are Greek and other letters with special folds.
_PLAIN_FOLD_LIMIT = "\u0370"


def _name_spans(text: str, names: set[str], ignore_case: bool) -> list[tuple[int, int]]:
    """Where the names occur as whole words (a space in a name matches any white space).

    The same spans as ``finditer`` over ``(?<![\\w@.-])(?:longest|...|shortest)(?![\\w-]|@|\\.\\w)``
    (with ``re.IGNORECASE`` when ``ignore_case``), found with ``str.find`` instead of
    compiling a pattern for every text (about 0.2 ms each).
    """
    ordered = sorted(names, key=lambda name: (-len(name), name))  # not in a set's order
    haystack = text
    if ignore_case:
        lowered = folded(text)
        if not lowered.aligned or max(text, default="") >= _PLAIN_FOLD_LIMIT:
            return _name_spans_by_regex(text, ordered, re.IGNORECASE)
        haystack = lowered.text
        ordered = [fold(name).text for name in ordered]
    candidates: list[tuple[int, int, int]] = []  # start, rank (longest name first), end
    for rank, name in enumerate(ordered):
        first, *rest = name.split(" ")
        start = haystack.find(first)
        while start >= 0:
            end = start + len(first)
            for part in rest:
                space = _SPACES.match(haystack, end)
                if space is None or not haystack.startswith(part, space.end()):
                    end = -1
                    break
                end = space.end() + len(part)
            if end > 0 and _whole_name(text, start, end):
                candidates.append((start, rank, end))
            start = haystack.find(first, start + 1)
    spans: list[tuple[int, int]] = []
    for start, _, end in sorted(candidates):
        if not spans or start >= spans[-1][1]:  # leftmost first, no overlaps, like finditer
            spans.append((start, end))
    return spans


def _whole_name(text: str, start: int, end: int) -> bool:
    """``(?<![\\w@.-])`` before and ``(?![\\w-]|@|\\.\\w)`` after the span."""
    return _edges_ok(text, start, end, check_left=True, check_right=True)


def _name_spans_by_regex(text: str, ordered: list[str], flags: int) -> list[tuple[int, int]]:
    alternatives = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in ordered)
    pattern = re.compile(rf"(?<![\w@.-])(?:{alternatives})(?![\w-]|@|\.\w)", flags)
    return [m.span() for m in pattern.finditer(text)]


_WORD = re.compile(r"\S+")
_LEADING_NOT_NAME = frozenset({"aan", "op", "in", "uit", "bij", "en", "of", "met", "naar"})
#: Prepositions and conjunctions that open a sentence with a capital before a name:
#: "Namens Priscilla Martis", "Dankzij Ahmed" (never a name's first word).
_OPENING_PREPOSITIONS = frozenset(
    {"namens", "dankzij", "ondanks", "zonder", "tijdens", "sinds", "vanwege", "volgens",
     "behalve", "omdat", "nadat", "terwijl", "zodra", "hoewel", "toen", "want", "maar",
     # round 13a: "Via Marieke Jansen kwam het binnen", "Door Henk", "Vanuit Sanne"
     "via", "door", "vanuit", "vanaf", "naast", "samen", "zoals"}
)  # fmt: skip
#: Lowercase words that can stand inside a name ("van der", "op de") but never end one.
_TRAILING_NOT_NAME = frozenset(
    {"van", "de", "der", "den", "ter", "ten", "te", "het", "op", "in", "aan", "uit", "bij",
     "en", "of", "met", "'t"}
)  # fmt: skip


#: Lowercase particles that open a surname and stay in it: "de Groot", "van der Linden".
_NAME_PARTICLES = frozenset({"de", "van", "der", "den", "ter", "ten", "el", "al"})
_TAIL_WORD = re.compile(r"\s+(?:en|de|te|het|of|in|op|aan|van|met|bij)$")
_TAIL_LABELS = frozenset({Label.PLAATS, Label.ADRES, Label.INSTELLING})


def _trim_tails(text: str, findings: Iterable[Finding]) -> Iterable[Finding]:
    """A place, address or institution never ends in a little word: "Paramaribo en",
    "Dordtsestraatweg 412 te", "Antes de" lose it."""
    for finding in findings:
        if finding.label not in _TAIL_LABELS or " " not in finding.text:
            yield finding
            continue
        end = finding.end
        while (tail := _TAIL_WORD.search(text, finding.start, end)) is not None:
            end = tail.start()
        if end == finding.end or end <= finding.start:
            yield finding
        else:
            yield Finding(
                finding.start, end, finding.label, text[finding.start : end], finding.detector
            )


#: A capitalised word opening a line or sentence that names a role or a document
#: ("Locatiemanager", "Dossiernotitie", "Verwijsbrief") heads what follows, it is not
#: part of the name, address or organisation after it.
_HEADING_HEADS = (
    "manager", "notitie", "brief", "verslag", "medewerker", "medewerkster", "coördinator",
    "begeleider", "werker", "kundige", "consulent", "regisseur", "voogd", "rapport",
    "rapportage", "aantekening", "melding", "verwijzing", "intake", "gesprek", "overleg",
    "leerkracht", "mentor", "docent", "directeur", "werkgever", "verpleger",
    "bestuurder", "bestuurster", "melder", "verdachte", "slachtoffer", "getuige",
    "aangever", "aangeefster", "betrokkene", "cliënt", "cliënte", "patiënt", "patiënte",
    "leerling", "moeder", "vader", "zoon", "dochter", "broer", "zus", "buurman",
    "buurvrouw", "agent", "tolk", "hulpverlener",
    # round 11c: a person's contact role and a household ("Contactpersoon Desislava",
    # "Vertrouwenspersoon Anouk", "Gezin Croes", "Huishouden Kaya")
    "persoon", "gezin", "huishouden",
)  # fmt: skip
#: Titles of faith communities' leaders ("Imam Kocabaş", "Pastor Boateng", "Dominee Visser"):
#: not part of the name after them wherever they stand (round 23; lowercase ones already
#: stay outside). Some are surnames too ("Pastor", "Pater"), so they skip that test.
_FAITH_TITLES = frozenset({
    "imam", "imaam", "pastor", "dominee", "pater", "priester", "rabbijn", "rabbi",
    "hodja", "hoca", "predikant", "voorganger", "ouderling", "diaken", "sheikh", "pandit",
})  # fmt: skip
_HEADING_LABELS = frozenset({Label.NAAM, Label.ADRES, Label.INSTELLING})
_FIRST_WORD = re.compile(r"[A-ZÀ-Ý][\w'\u2019-]*[ \t]+(?=[A-ZÀ-Ý])")


def _without_headings(text: str, findings: Iterable[Finding]) -> Iterable[Finding]:
    """ "Locatiemanager Wendy Hak" -> "Wendy Hak", "Dossiernotitie Fivoor" -> "Fivoor" at
    the start of a line or sentence: a role or document word heads the name."""
    for finding in findings:
        if finding.label in _HEADING_LABELS and (first := _FIRST_WORD.match(finding.text)):
            word = first.group(0).rstrip().lower()
            if finding.label is Label.NAAM and word in _FAITH_TITLES:
                start = finding.start + first.end()
                yield Finding(
                    start, finding.end, finding.label, text[start : finding.end], finding.detector
                )
                continue
            if (
                (word.endswith(_HEADING_HEADS) or _role_noun(word))
                and word not in first_names()
                and word not in surnames_alone()
                and _SENTENCE_BEFORE.search(text, max(0, finding.start - 4), finding.start)
            ):
                start = finding.start + first.end()
                yield Finding(
                    start, finding.end, finding.label, text[start : finding.end], finding.detector
                )
                continue
        yield finding


def _role_noun(word: str) -> bool:
    """A noun for a person's role opening a line or sentence before a name ("Trainer
    Hanneke", "Jongere Tyrone", "Stagiaire Fleur", "Jeugdbeschermer Naomi", "Cliente Zelal
    Gunes"): a Dutch word or words joined (also typed without its diacritics) with a
    person's ending, that no name list holds."""
    if not word.endswith(_PERSON_ENDINGS) or word in surnames_alone():
        return False
    return word in dutch_words() or is_compound(word) or word in dutch_words_without_diacritics()


#: Endings of Dutch nouns for persons: "trainer", "jongere", "stagiaire", "cliënte",
#: "vrijwilliger", "ervaringsdeskundige", "coach".
_PERSON_ENDINGS = (
    "er", "ere", "aire", "ste", "ige", "ent", "ente", "ant", "ante", "ist", "iste", "coach",
    "loog", "loge", "eur", "euse", "ier", "ière", "oot", "ende",
)  # fmt: skip


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _names_within_lines(text: str, findings: Iterable[Finding]) -> Iterable[Finding]:
    """A name never runs on over a line break ("Gezondheidscentrum Feijenoord\nKorte
    omschrijving"): its first line stays, a later line only when it is no Dutch word."""
    words = dutch_words()
    for finding in findings:
        if finding.label in (Label.SCHOOL, Label.INSTELLING) and "\n" in finding.text:
            blank = _BLANK_LINE.search(finding.text)
            if blank is None:
                yield finding
                continue
            # "kinderopvang\n\nAls ...": a paragraph ends every name; a type word alone
            # before it names no one
            value = finding.text[: blank.start()].rstrip()
            if any(c.isupper() for c in value):
                end = finding.start + len(value)
                yield Finding(finding.start, end, finding.label, value, finding.detector)
            continue
        if finding.label is not Label.NAAM or "\n" not in finding.text:
            yield finding
            continue
        offset = finding.start
        for number, line in enumerate(finding.text.split("\n")):
            value = line.strip()
            start = offset + line.find(value) if value else offset
            offset += len(line) + 1
            if not value or not any(c.isalpha() for c in value):
                continue
            if number and all(w.lower() in words for w in value.split()):
                continue
            yield Finding(start, start + len(value), finding.label, value, finding.detector)


_STREET_WORD = re.compile(
    r"[A-ZÀ-Ý][\w'-]*(?:straat|laan|weg|plein|kade|singel|gracht|dijk|dreef|markt)\b"
)


def _split_organisation_and_street(text: str, findings: Iterable[Finding]) -> Iterable[Finding]:
    """ "bij Albert Heijn Eendrachtsplein": a known organisation and the street it is on are
    two spans, not one address."""
    for finding in findings:
        if finding.label in (Label.ADRES, Label.NAAM, Label.PLAATS) and " " in finding.text:
            words = finding.text.split(" ")
            for size in (2, 1):
                head = " ".join(words[:size])
                rest = " ".join(words[size:])
                if head.lower() in KNOWN_ORGANISATION_NAMES and _STREET_WORD.match(rest):
                    cut = finding.start + len(head)
                    yield Finding(finding.start, cut, Label.INSTELLING, head, "instelling-lijst")
                    yield Finding(cut + 1, finding.end, Label.ADRES, rest, finding.detector)
                    break
            else:
                yield finding
            continue
        yield finding


_BRACKET_BETWEEN = re.compile(r"\)[ \t]+")


#: A surname in capitals and a comma before a first name, as registers write a person:
#: "KAYA, Zeynep", "DE BRUIN, Marcel", "VAN ES, Priscilla".
_CAPITAL_SURNAME_BEFORE = re.compile(
    r"(?<![\w-])((?:(?:VAN|DE|DER|DEN|TER|TEN|EL|AL|VAN DER|VAN DEN)[ \t]+)?"
    r"([A-ZÀ-Ý]{2,}(?:-[A-ZÀ-Ý]{2,})?)),[ \t]+$"
)


def _surname_comma_first_name(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """ "KAYA, Zeynep": a first name found after a surname in capitals and a comma takes
    the surname into its span."""
    joined = []
    for finding in findings:
        if finding.label is not Label.NAAM or not finding.text[:1].isupper():
            continue
        m = _CAPITAL_SURNAME_BEFORE.search(text, max(0, finding.start - 30), finding.start)
        if m is None or finding.text.split()[0].lower() not in first_names():
            continue
        if is_not_name(m.group(2)) or any(allowed_ranges(m.group(1))):
            continue  # "VT, Marcel belde": an abbreviation of the domain, not a surname
        start = m.start(1)
        joined.append(
            Finding(start, finding.end, Label.NAAM, text[start : finding.end], "naam-register")
        )
    return joined


def _bracketed_names(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """ "A.M. (Anouk) Verbeek": a name found up to its bracketed first name runs on over
    the bracket to the surname after it."""
    names = {f.start: f for f in findings if f.label is Label.NAAM}
    joined = []
    for finding in names.values():
        if finding.text.count("(") <= finding.text.count(")"):
            continue
        between = _BRACKET_BETWEEN.match(text, finding.end)
        if between is not None and (after := names.get(between.end())) is not None:
            joined.append(
                Finding(
                    finding.start,
                    after.end,
                    Label.NAAM,
                    text[finding.start : after.end],
                    "naam-initialen",
                )
            )
    return joined


_LINK_BEFORE_ORGANISATION = re.compile(
    r"[ \t]+(?:van|bij|op|naar|uit)(?:[ \t]+(?:het|de|'t))?[ \t]+$"
)


def _names_before_organisations(text: str, findings: list[Finding]) -> list[Finding]:
    """A name ends before "van het"/"bij"/"op" and a school or organisation found after
    it: "Lisa van het Wolfert Lyceum" is Lisa and the school."""
    organisations = [f for f in findings if f.label in (Label.SCHOOL, Label.INSTELLING)]
    if not organisations:
        return findings
    kept = []
    for finding in findings:
        if finding.label in _WORD_LABELS and " " in finding.text:
            for organisation in organisations:
                if not finding.start < organisation.start < finding.end:
                    continue
                link = _LINK_BEFORE_ORGANISATION.search(text, finding.start, organisation.start)
                if link is None or link.start() <= finding.start:
                    continue
                if link.group(0).split() == ["van"] and " " not in organisation.text:
                    continue  # "Groen van Prinstererschool": one name
                end = link.start()
                value = text[finding.start : end]
                label = finding.label
                if label is not Label.NAAM and value.split()[0].lower() in first_names():
                    label = Label.NAAM  # "mentor van Lisa van het Wolfert Lyceum"
                finding = Finding(finding.start, end, label, value, finding.detector)
                break
        kept.append(finding)
    return kept


# A law firm named after its partners: "El Khatib & Groen Advocaten", "Ben Haddou &
# Partners", "Van Dalen & Oostrom Advocaten" (court and lawyers' letters; round 25). The
# partners' names are the firm's, and the lawyer before "van" ends there: "mr. S. Ben Haddou
# van Ben Haddou & Partners".
_FIRM_PART = (
    r"(?:(?:[Vv]an|[Dd]e|[Dd]e[nr]|[Ee]l|[Bb]en|[Tt]e[nr])[ \t]+)*[A-ZÀ-Ý][\w'\u2019-]+"
    r"(?:[ \t]+[A-ZÀ-Ý][\w'\u2019-]+)?"
)
_LAW_FIRM = re.compile(
    rf"(?<![\w-])((?=[A-ZÀ-Ý]){_FIRM_PART}[ \t]*&[ \t]*(?:Partners|{_FIRM_PART}[ \t]+"
    r"(?:Advocaten|Advocatuur|Notarissen|Juristen|Partners)))(?![\w-])"
)
_VAN_BEFORE_FIRM = re.compile(r"[ \t]+van[ \t]+$")


def _law_firms(text: str, findings: list[Finding]) -> list[Finding]:
    if "&" not in text:
        return findings
    firms = [m.span(1) for m in _LAW_FIRM.finditer(text)]
    if not firms:
        return findings
    kept: list[Finding] = []
    for finding in findings:
        firm = next((f for f in firms if finding.start < f[1] and f[0] < finding.end), None)
        if firm is None or finding.label not in _WORD_LABELS:
            kept.append(finding)
            continue
        if finding.start >= firm[0]:
            continue  # a partner's name inside the firm's: the firm's
        van = _VAN_BEFORE_FIRM.search(text, finding.start, firm[0])
        end = van.start() if van is not None else firm[0]
        while end > finding.start and text[end - 1] in " \t":
            end -= 1
        if end > finding.start:
            kept.append(
                Finding(
                    finding.start, end, finding.label, text[finding.start : end], finding.detector
                )
            )
    kept.extend(
        Finding(start, end, Label.INSTELLING, text[start:end], "instelling-kantoor")
        for start, end in firms
    )
    return kept


def _without_organisation_compounds(text: str, findings: list[Finding]) -> list[Finding]:
    """ "bij Arkin-traumacentrum": the organisation is "Arkin"; the compound with a
    lowercase part after it is no place or name of its own."""
    starts = {f.start: f.end for f in findings if f.label in (Label.INSTELLING, Label.SCHOOL)}
    if not starts:
        return findings
    return [
        f
        for f in findings
        if not (
            f.label in (Label.PLAATS, Label.NAAM)
            and (end := starts.get(f.start)) is not None
            and end < f.end
            and text[end] == "-"
            and text[end + 1 : end + 2].islower()
        )
    ]


_COUNT_AFTER_DATE = re.compile(
    r"[ \t]+(?:dagen|dag|keer|uur|weken|week|maanden|jaar|kinderen|leerlingen|minuten|euro)\b"
)
_DATE_COUNT = re.compile(r"[ \t]+\d{1,2}$")
_PAST_OR_NEXT = re.compile(r"[ \t]+(?:jl\.|j\.l\.|a\.s\.)")
# the first day of a range before a date: "de nacht van 14 op 15 februari", "3 t/m 5 mei"
_DAY_OF_RANGE_BEFORE = re.compile(
    r"(?<![\w,.:/-])(?:0?[1-9]|[12]\d|3[01])(?:e|ste|de)?"
    r"(?:[ \t]+(?:op|tot|t/m|tot en met|en|of)[ \t]+|[ \t]*[-\u2013][ \t]*)$"
)
_DAY_FIRST = re.compile(r"\d{1,2}(?!\d)")


def _date_end(text: str, finding: Finding) -> Finding:
    """A date ends before a count ("sinds 1 september 14 dagen verzuimd": no year 14),
    takes "jl." or "a.s." after it ("2 februari jl.") and the first day of a range before
    it ("14 op 15 februari", "3 t/m 5 mei", "12-14 maart")."""
    if finding.label is not Label.DATUM:
        return finding
    start, end = finding.start, finding.end
    if _DAY_FIRST.match(finding.text):
        day = _DAY_OF_RANGE_BEFORE.search(text, max(0, start - 20), start)
        if day is not None:
            start = day.start()
    count = _DATE_COUNT.search(finding.text)
    if count is not None and _COUNT_AFTER_DATE.match(text, end):
        end = finding.start + count.start()
    elif (after := _PAST_OR_NEXT.match(text, end)) is not None:
        end = after.end()
    if (start, end) == (finding.start, finding.end):
        return finding
    return Finding(start, end, finding.label, text[start:end], finding.detector)


#: The floor after a house number belongs to the address: "301-B 2-hoog", "14 3e etage".
_FLOOR_AFTER = re.compile(
    r"[ \t]+(?:\d{1,2}[- ]?(?:hoog|hg)|\d{1,2}(?:e|ste|de)[ \t]+(?:etage|verdieping)|"
    r"bel-?etage|souterrain)(?![\w-])",
    re.IGNORECASE,
)


def _address_end(text: str, finding: Finding) -> Finding:
    """An address with a house number runs on over its floor ("Mathenesserlaan 301-B
    2-hoog")."""
    if finding.label is not Label.ADRES or not finding.text[-1:].isalnum():
        return finding
    if not any(c.isdigit() for c in finding.text):
        return finding
    floor = _FLOOR_AFTER.match(text, finding.end)
    if floor is None:
        return finding
    end = floor.end()
    return Finding(finding.start, end, finding.label, text[finding.start : end], finding.detector)


#: A company's legal form or "& Zn." after its name: "Bouwbedrijf Jansen & Zn", "Polflex B.V.".
_LEGAL_FORM_AFTER = re.compile(
    r"[ \t]*(?:&[ \t]*(?:Zn\.?|Zonen|Co\.?|Partners)|[ \t]B\.V\.?|[ \t]BV|[ \t]V\.O\.F\.?|"
    r"[ \t]VOF|[ \t]N\.V\.?)(?![\w])"
)


def _with_legal_form(text: str, finding: Finding) -> Finding:
    """An organisation's name takes its legal form or "& Zn" after it."""
    if finding.label is not Label.INSTELLING:
        return finding
    form = _LEGAL_FORM_AFTER.match(text, finding.end)
    if form is None:
        return finding
    end = form.end()
    return Finding(finding.start, end, finding.label, text[finding.start : end], finding.detector)


_CAPITAL_ARTICLE_BEFORE = re.compile(r"(?<![\w-])(?:De|Het)[ \t]+$")


_ARTICLE_OUTSIDE = frozenset({Label.INSTELLING, Label.SCHOOL, Label.ADRES, Label.PLAATS})


def _with_capital_article(text: str, finding: Finding) -> Finding:
    """A capitalised "De" or "Het" inside a sentence opens an organisation's or school's
    own name ("studentbegeleider, De Haagse Hogeschool"); opening a sentence it may be the
    sentence's article. A lowercase "de"/"het"/"'t" is never inside a school, institution,
    address or place (the article convention, round 13b): "op het [Plein 1953 nr. 8]"."""
    if finding.label in _ARTICLE_OUTSIDE:
        finding = without_lowercase_article(text, finding)
    if finding.label not in (Label.INSTELLING, Label.SCHOOL):
        return finding
    article = _CAPITAL_ARTICLE_BEFORE.search(text, max(0, finding.start - 4), finding.start)
    if article is None:
        return finding
    start = article.start()
    if _SENTENCE_BEFORE.search(text, max(0, start - 4), start) is not None:
        return finding
    return Finding(start, finding.end, finding.label, text[start : finding.end], finding.detector)


_NUMBER_JOIN = re.compile(r"[ \t]*/[ \t]*")


def _joined_numbers(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """Two references written as one with a slash between them are one reference:
    "C/10/701338 / FA RK 25-2290" (the court's case and its register number)."""
    numbers = {f.start: f for f in findings if f.label is Label.NUMMER}
    joined = []
    for finding in numbers.values():
        between = _NUMBER_JOIN.match(text, finding.end)
        if between is None or between.end() == finding.end:
            continue
        after = numbers.get(between.end())
        if after is not None:
            start, end = finding.start, after.end
            joined.append(Finding(start, end, Label.NUMMER, text[start:end], "nummer"))
    return joined


_BRACKETED_ABBREVIATION = re.compile(
    r"[ \t]*\([ \t]*[\"'\u201c\u2018]?([A-Z]{2,6})[\"'\u201d\u2019]?[ \t]*\)"
)


def _abbreviations_in_brackets(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """ "Prins Willem-Alexanderschool ("PWA")": the abbreviation in brackets after a
    school or organisation is its name too (and so found wherever the text repeats it)."""
    found = []
    for finding in findings:
        if finding.label in (Label.SCHOOL, Label.INSTELLING):
            m = _BRACKETED_ABBREVIATION.match(text, finding.end)
            if m is not None:
                found.append(Finding(m.start(1), m.end(1), finding.label, m.group(1), "afkorting"))
    return found


_ACRONYM = re.compile(r"[A-Z]{2,6}")
_OWN_NAME_TYPES = frozenset({"stichting", "vereniging"})  # part of a legal name


def _without_type_word_before_own_name(findings: Iterable[Finding]) -> Iterable[Finding]:
    """A type word before a name that is an organisation's own is no part of it:
    "woningcorporatie Woonstad Rotterdam", "huisartsenpost HAP Spijkenisse", "uitzendbureau
    Polflex Uitzendgroep" (a known organisation, an abbreviation, or a name with its own
    type word). "basisschool De Fontein", "Stichting Mozaïek" keep theirs."""
    for finding in findings:
        words = finding.text.split(" ")
        if finding.label is not Label.INSTELLING or len(words) < 2:
            yield finding
            continue
        first = words[0].lower()
        rest = words[1:]
        if (
            (first in TYPE_WORDS or is_compound_type(first))
            and first not in _OWN_NAME_TYPES
            and not first.endswith("vereniging")  # "voetbalvereniging Excelsior '20"
            and not (words[0][:1].isupper() and rest[0].lower() in KNOWN_ORGANISATION_NAMES)
            and (
                _ACRONYM.fullmatch(rest[0]) is not None
                or rest[0].lower() in KNOWN_ORGANISATION_NAMES
                or " ".join(rest[:2]).lower() in KNOWN_ORGANISATION_NAMES
                or (len(rest) > 1 and rest[-1].lower().endswith(ORGANISATION_HEADS))
            )
        ):
            start = finding.start + len(words[0]) + 1
            yield Finding(start, finding.end, finding.label, " ".join(rest), finding.detector)
            continue
        yield finding


def _organisations_with_places(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """An organisation named with its place or part of town is one name: "PsyQ
    Rotterdam-Zuid", "Careyn Rotterdam", "PostNL sorteercentrum Rotterdam", "havenbedrijf
    rotterdam" (a compound type word before a place)."""
    by_start: dict[int, Finding] = {}
    for finding in findings:
        if finding.label in (Label.PLAATS, Label.INSTELLING):
            previous = by_start.get(finding.start)
            if previous is None or finding.end > previous.end:
                by_start[finding.start] = finding
    joined: list[Finding] = []
    for finding in findings:
        start = None
        if finding.label is Label.INSTELLING:
            start = finding.start
        elif finding.label is Label.PLAATS:
            before = _TYPE_WORD_BEFORE.search(text, max(0, finding.start - 40), finding.start)
            word = before.group(1).lower() if before is not None else ""
            if before is not None and (
                is_compound_type(word)
                or word in _COURT_OR_STATION
                or word in _PLACE_SERVICES
                or (before.group(1)[:1].isupper() and _OWN_NAME_COMPOUND.fullmatch(word))
            ):
                start = before.start(1)  # "havenbedrijf rotterdam"
                end = _place_end(text, finding.end)
                joined.append(Finding(start, end, Label.INSTELLING, text[start:end], "instelling"))
            continue
        if start is None:
            continue
        end = finding.end
        while (nxt := by_start.get(end + 1)) is not None and text[end] in " \t":
            end = _place_end(text, nxt.end) if nxt.label is Label.PLAATS else nxt.end
        if end != finding.end:
            joined.append(Finding(start, end, Label.INSTELLING, text[start:end], "instelling"))
    return joined


#: Words that name an institution by its place: "rechtbank Rotterdam", "bureau Hillegersberg".
_COURT_OR_STATION = frozenset(
    {"rechtbank", "gerechtshof", "kantongerecht", "bureau", "politiebureau", "hoofdbureau"}
)
#: A municipality's own services, named by their place: "Leerplicht Rotterdam", "CJG
#: Capelle", "GGD Rotterdam" (the region's, "CJG Rijnmond", is on the organisations' list).
_PLACE_SERVICES = frozenset({"leerplicht", "cjg", "ggd", "jgz"})
#: A capitalised compound naming a service before its place is an organisation's own
#: name: "Buurtwerk Charlois", "Schuldhulpmaatje Schiedam", "Thuiszorg Vlaardingen" (not
#: "wijkteam Feijenoord": the team of a district, the district is the place).
_OWN_NAME_COMPOUND = re.compile(r"[a-zà-ÿ]{3,}(?:werk|hulp|maatje|zorg|loket|wonen|welzijn)")
_TYPE_WORD_BEFORE = re.compile(r"(?<![\w-])([A-Za-zÀ-ÿ][a-zà-ÿ]{2,}|CJG|GGD|JGZ)[ \t]+$")
_QUARTER = re.compile(r"-(?:Noord|Zuid|Oost|West|Centrum|noord|zuid|oost|west|centrum)(?![\w-])")


# "American International School of Rotterdam", "British School of Amsterdam": an English
# school's name runs on over "of" and its place
_ENGLISH_SCHOOL_END = re.compile(r"(?:School|College|Academy)$")
_OF_PLACE = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?[A-ZÀ-Ý][\w'-]+(?:[ \t]+[A-ZÀ-Ý][\w'-]+)?")


def _with_english_place(text: str, finding: Finding) -> Finding:
    if finding.label is not Label.SCHOOL or not _ENGLISH_SCHOOL_END.search(finding.text):
        return finding
    place = _OF_PLACE.match(text, finding.end)
    if place is None:
        return finding
    end = place.end()
    return Finding(finding.start, end, finding.label, text[finding.start : end], finding.detector)


def _with_quarter(text: str, finding: Finding) -> Finding:
    """A place with its part of town joined by a hyphen: "Rotterdam-Noord", not "Rotterdam"
    and a leftover "-Noord"."""
    if finding.label is not Label.PLAATS:
        return finding
    end = _place_end(text, finding.end)
    if end == finding.end:
        return finding
    return Finding(finding.start, end, finding.label, text[finding.start : end], finding.detector)


def _place_end(text: str, end: int) -> int:
    """A place runs on over its part of town: "Rotterdam-Zuid"."""
    quarter = _QUARTER.match(text, end)
    return quarter.end() if quarter else end


#: Words that never stand inside a person's name: it ends before them.
_NOT_INSIDE_NAME = re.compile(
    r"\s(?:op\s+het|op\s+de|aan\s+de|in\s+het|in\s+de|uit\s+het|uit\s+de|bij|met|naar|en|"
    r"van(?=\s+[A-Z]{2,}\b))\s"
)


def _place_not_name(word: str) -> bool:
    """A place's name that is no first name or surname ("rotterdam", not "assen")."""
    return word in place_names() and word not in first_names() and word not in surnames_alone()


def _trim_names(text: str, findings: Iterable[Finding]) -> Iterable[Finding]:
    """Cut titles and ordinary words off the ends of names ("Mevrouw Kaya" -> "Kaya")."""
    for finding in findings:
        if finding.label is not Label.NAAM or " " not in finding.text:
            yield finding
            continue
        if finding.detector == "naam-register":
            yield finding  # "DE BRUIN, Marcel": the capitals' particle is the surname's
            continue
        if "naam-chinees" in finding.detector:
            yield finding  # "Li Na": a pinyin syllable that is also a word ends the name
            continue
        words = list(_WORD.finditer(finding.text))
        cut = _NOT_INSIDE_NAME.search(finding.text)
        if cut is not None and finding.text[:1].isupper():
            # "Thijs op het Lentiz", "Berg van OSG ...": a name ends before these words
            words = [w for w in words if w.end() <= cut.start()]
        organisation, words = _after_organisation_word(words)
        if organisation is not None:
            # "Buurtteam Oost" found as a pair of names: the organisation it is
            start, end = finding.start + organisation[0], finding.start + organisation[1]
            yield Finding(start, end, Label.INSTELLING, text[start:end], finding.detector)
        if not words:
            continue
        first = words[0].group(0)
        if len(words) > 1 and first[:1].isupper() and _place_not_name(first.lower()):
            # "de rechtbank Rotterdam Milan ... te stellen": a place, then the name
            place_end = finding.start + words[0].end()
            yield Finding(finding.start, place_end, Label.PLAATS, first, finding.detector)
            words = words[1:]
        keep_particle = _particle_opens_name(text, finding.start, words)
        while len(words) > 1 and (
            (is_not_name(words[0].group(0)) and not keep_particle)
            or words[0].group(0) in _LEADING_NOT_NAME
            or words[0].group(0).lower() in _OPENING_PREPOSITIONS
        ):
            words.pop(0)  # "aan de Schans": a preposition never starts a name
        if (
            len(words) > 1
            and words[1].group(0)[:1].isupper()
            and _opening_word_not_name(words[0].group(0), words[1].group(0))
            and _SENTENCE_BEFORE.search(text, max(0, finding.start - 4), finding.start)
        ):
            words.pop(0)  # "Zelfs Leila had het gezien", "Oké Sandra, dank je": a word
        while len(words) > 1 and (
            is_not_name(words[-1].group(0)) or words[-1].group(0) in _TRAILING_NOT_NAME
        ):
            words.pop()  # "Marco op" (op de Hoogstraat): a particle never ends a name
        if len(words) == 1 and words[0].group(0) in _ONLY_PARTICLE:
            continue  # deduce's "aan de " before a street: no name is left
        # A capitalised compound before a name is cut off only by its ending, opening a
        # line or sentence (``_without_headings``: "Locatiemanager Wendy Hak"): a test for
        # any compound would also take long first names ("Wilhelmina").
        start = finding.start + words[0].start()
        end = finding.start + words[-1].end()
        if (start, end) == (finding.start, finding.end):
            yield finding
        else:
            yield Finding(start, end, finding.label, text[start:end], finding.detector)


#: Endings of words that name an organisation or a team, never a person ("Buurtteam",
#: "Wijkteam", "Gastouderbureau", "Gezondheidscentrum").
_ORGANISATION_WORD_ENDINGS = (*_ORGANISATION_ENDINGS, "team", "teams", "instelling", "kliniek")


def _after_organisation_word(
    words: list[re.Match[str]],
) -> tuple[tuple[int, int] | None, list[re.Match[str]]]:
    """The organisation in a name's words (its word and the place that names it) and the
    words of the name after it: "Via Buurtteam Ommoord Henk de Vries" -> "Buurtteam
    Ommoord" and "Henk de Vries", "Buurtteam Oost" -> "Buurtteam Oost" and nothing
    (round 13a)."""
    for i, word in enumerate(words):
        value = word.group(0)
        if value[:1].isupper() and value.lower().endswith(_ORGANISATION_WORD_ENDINGS):
            rest = words[i + 1 :]
            end = word.end()
            while rest and (
                _place_not_name(rest[0].group(0).lower().rstrip(".,"))
                or rest[0].group(0).lower().rstrip(".,") in _QUARTERS
            ):
                end = rest[0].end()
                rest = rest[1:]
            return (word.start(), end), rest
    return None, words


_QUARTERS = frozenset({"noord", "zuid", "oost", "west", "centrum"})


#: Particles and patronyms that open a name with a capital at a sentence's start.
_OPENING_PARTICLES = _PARTICLES | {"ben", "bin", "ibn", "abu", "ould", "da", "dos", "das", "di"}


#: Adverbs and interjections opening a sentence that the list of frequent words lacks.
_OPENING_ADVERBS = frozenset(
    {"zelfs", "oké", "oke", "hé", "hee", "nou", "misschien", "gelukkig", "helaas", "sindsdien",
     "juist", "vooral", "natuurlijk", "trouwens", "uiteindelijk", "daarom", "tenslotte",
     "bovendien", "ineens", "opeens", "pas", "vervolgens", "tevens", "echter", "wellicht"}
)  # fmt: skip


def _opening_word_not_name(word: str, following: str) -> bool:
    """A capitalised word opening a sentence before a name that is a Dutch word and no
    name or particle: a frequent word, an adverb or an interjection ("Zelfs", "Oké",
    "Alleen"; not "Ama Owusu": "ama" is in the word list, but a rare word)."""
    lowered = word.lower()
    return (
        word[1:].islower()
        and (lowered in common_words() or lowered in _OPENING_ADVERBS)
        and lowered not in _OPENING_PARTICLES
        and lowered in dutch_words()
        and lowered not in first_names()
        and lowered not in surnames_alone()
        and not _place_not_name(lowered)
    )


#: What is left of a name when only these remain is no name at all.
_ONLY_PARTICLE = _PARTICLES | _LEADING_NOT_NAME | {"der", "den"}

_PREPOSITION_BEFORE = re.compile(
    r"(?<![\w-])(?:aan|op|in|uit|bij|naar|via|langs|over|van|vanaf|richting|hoek|t/m|tot|"
    r"door|voor|onder|achter|tegen|om|na|tijdens|met|en|of)\s+$",
    re.IGNORECASE,
)
_PARTICLE_BEFORE = re.compile(r"(?<![\w-])(?:van\s+de[nr]?|van|de|ter|ten)\s+$")
_ORDINARY_AFTER = re.compile(r"[ \t]+(?:is|zijn|was|waren)[ \t]+(?:een|de|het)\b")
_CAPITAL_PARTICLE_BEFORE = re.compile(
    r"(?<![\w-])(?:Van[ \t]+de[nr]?|Van|De|Den|Ter|Ten|El|Al)[ \t]+$"
)
#: A title's abbreviation ends in a full stop that ends no sentence: "mr. De Wit-Verbrugge",
#: "dhr. El Idrissi" (round 23)
_TITLE_ABBREVIATION_BEFORE = re.compile(
    r"(?<![\w-])(?i:mr|dhr|mevr|mw|hr|dr|drs|ir|ing|prof|ds)\.[ \t]*$"
)


_PATRONYM_BEFORE = re.compile(r"(?<![\w-])(?:Ben|Bin|Ibn|Abu|Ould)[ \t]+$")
_VAN_BEFORE = re.compile(r"(?<![\w-])[Vv]an[ \t]+$")


#: An article or possessive before a noun, and the titles that take a surname's "van"
#: after one ("de heer van Dijk"): after other nouns "van" is "of" ("de zoon van Brouwer").
_DETERMINERS = frozenset(
    {"de", "het", "een", "zijn", "haar", "mijn", "hun", "onze", "ons", "jouw", "je", "uw",
     "die", "deze", "dat", "dit"}
)  # fmt: skip
_TITLE_NOUNS = frozenset(
    {"heer", "familie", "fam", "mevrouw", "meneer", "juf", "juffrouw", "meester", "dokter",
     "zuster", "dhr", "mevr", "mw", "hr"}
)  # fmt: skip


def _of_after_noun(text: str, van_start: int) -> bool:
    """Whether the "van" at ``van_start`` follows an article or possessive and a noun that
    is no title: "de zoon van", "haar moeder van" (not "de heer van", "mevrouw van")."""
    words = text[max(0, van_start - 30) : van_start].split()
    return (
        len(words) >= 2
        and words[-2].lower() in _DETERMINERS
        and words[-1][:1].islower()
        and words[-1].lower().rstrip(".,") not in _TITLE_NOUNS
    )


def _extend_particle(text: str, finding: Finding) -> Finding:
    """Take the particle before a surname into it: "mevrouw de Wit", "dhr. van Dijk";
    not after a preposition ("aan de Schans") or in a lowercase word ("de Storm")."""
    if finding.label is not Label.NAAM:
        return finding
    if (
        finding.text.startswith("van ")
        # "van den"/"van der" is a surname's, never "of the": "mijn collega van den heuvel"
        and not finding.text.startswith(("van den ", "van der "))
        and _of_after_noun(text, finding.start)
    ):
        start = finding.start + 4  # deduce's "van Brouwer" in "de zoon van Brouwer"
        return Finding(
            start, finding.end, finding.label, text[start : finding.end], finding.detector
        )
    if (
        finding.text.startswith(("der ", "den "))
        and text[max(0, finding.start - 4) : finding.start].lower() == "van "
    ):
        start = finding.start - 4  # "meneer van der Berg": deduce found "der Berg"
        return Finding(
            start, finding.end, finding.label, text[start : finding.end], finding.detector
        )
    if finding.text.startswith(("'t ", "\u2019t ")):
        van = _VAN_BEFORE.search(text, max(0, finding.start - 5), finding.start)
        if van is not None:  # "meneer Van 't Hof", "mevrouw van 't Veer": "'t Hof" found
            return Finding(
                van.start(), finding.end, finding.label, text[van.start() : finding.end],
                finding.detector,
            )  # fmt: skip
        return finding
    if not finding.text[:1].isupper():
        return finding
    patronym = _PATRONYM_BEFORE.search(text, max(0, finding.start - 6), finding.start)
    if patronym is not None:  # "Ben Ali", "Abu Bakr": the particle opens the surname
        return Finding(
            patronym.start(), finding.end, finding.label, text[patronym.start() : finding.end],
            finding.detector,
        )  # fmt: skip
    capital = _CAPITAL_PARTICLE_BEFORE.search(text, max(0, finding.start - 8), finding.start)
    if (
        capital is not None
        and finding.text.split()[0].split("-")[0].lower() not in first_names()
        and (
            _SENTENCE_BEFORE.search(text, max(0, capital.start() - 4), capital.start()) is None
            or _TITLE_ABBREVIATION_BEFORE.search(text, max(0, capital.start() - 8), capital.start())
            or (
                finding.text.lower() in surnames_alone()
                and not _ORDINARY_AFTER.match(text, finding.end)
            )
        )
    ):
        # "mevrouw De Jong", "casus van De Jong", "meneer Van Beek": a capitalised particle
        # inside a sentence is the surname's own (a surname written without first name);
        # opening a sentence only before a known surname and a verb ("De Vries kwam", not
        # "De Jong is een woord", "De Moederkerk")
        start = capital.start()
        return Finding(
            start, finding.end, finding.label, text[start : finding.end], finding.detector
        )
    before = _PARTICLE_BEFORE.search(text, max(0, finding.start - 8), finding.start)
    if before is None or _PREPOSITION_BEFORE.search(
        text, max(0, before.start() - 12), before.start()
    ):
        return finding
    if finding.text.split()[0].split("-")[0].lower() in first_names():
        return finding  # "de vader van Jelle": a first name takes no particle
    words_before = text[max(0, before.start() - 20) : before.start()].split()
    if not words_before or not (
        is_not_name(words_before[-1].rstrip(".,:")) or words_before[-1][:1].isupper()
    ):
        return finding  # only after a title, role or first name: "mevrouw de Wit"
    if text[before.start() : finding.start].strip() == "van" and _of_after_noun(
        text, before.start()
    ):
        return finding  # "de zoon van Brouwer", "haar moeder van Dam": "van" is "of"
    start = before.start()
    return Finding(start, finding.end, finding.label, text[start : finding.end], finding.detector)


def _particle_opens_name(text: str, start: int, words: list[re.Match[str]]) -> bool:
    """Whether a lowercase particle opening a name belongs to it: "mevrouw de Wit",
    "marlies de wit", "de groot", but not "aan de Schans" or "de heer Willem"."""
    if len(words) < 2 or words[0].group(0) not in _NAME_PARTICLES:
        return False
    if is_not_name(words[1].group(0)):
        return False  # "de heer Lagendijk": a title
    if text[start : start + 1].islower() and words[1].group(0).islower():
        return True  # "de vries", typed without capitals: found as a surname with "de"
    return _PREPOSITION_BEFORE.search(text, max(0, start - 12), start) is None


#: A sentence opens here: at the text's or a line's start, after a full stop, question or
#: exclamation mark or colon, also with the quote that opens direct speech ('zei: "Niks
#: tegen de juf"', a line opening with '"Storm op komst," zei ...'; round 11c).
_SENTENCE_BEFORE = re.compile(r"(?:^|[.!?:][\"'\u201d)]?\s+|\n\s*)[\"'\u201c\u2018\u201e]?$")
_PAIR_AFTER = re.compile(r"\s+(?:en|of)\s+([a-zà-ÿ]+)\b")
#: A clause opens after ";" too ("...; Bakker worden was zijn droom").
_CLAUSE_BEFORE = re.compile(r";[ \t]+$")
#: After a word opening a sentence, a predicate no person takes: the word without a verb
#: before "voorbij" or "achter de rug" ("Storm voorbij, zus."), or forecast ("Storm stond
#: er voorspeld"; a person may be announced, not forecast). A person is "weg" or "over"
#: ("Visser weg, eindelijk"), so those are left out.
_NO_PERSON_PREDICATE = re.compile(
    r"[ \t]+(?:voorbij|achter[ \t]+de[ \t]+rug)(?![\w-])"
    r"|[ \t]+(?:stond|staat|stonden|staan|is|was|werd|wordt)(?:[ \t]+[a-zà-ÿ]+){0,3}?"
    r"[ \t]+voorspeld(?![\w-])"
)
#: After a word opening a sentence: a preposition that is not a name's "van", "uit", "bij"
#: or "met", the infinitive that makes it a predicate ("Bakker worden", "Visser blijven"),
#: or "om te" after an adjective ("Mooi om te zien").
_WORD_NOT_SUBJECT = re.compile(
    r"[ \t]+(?:(?:in|op|aan|onder|zonder|tegen|over|na|worden|blijven|wezen)[ \t]+[a-zà-ÿ]"
    # "Visser zijn is zwaar werk" (not "Visser zijn auto"), "Mooi om te zien"
    r"|zijn[ \t]+(?:is|was|wordt|werd|blijft)\b|om[ \t]+te\b)"
)
#: After a word opening a sentence, a copula and then its subject: the word is the
#: predicate, no name ("Mooi was het niet", "Veilig is ze nu", "Spannend blijft het").
#: Not after other verbs: a name put first as the object ("Visser heb ik gebeld") stays,
#: nor with "eens" ("Bakker was het er niet mee eens").
_INVERTED_SUBJECT = re.compile(
    r"[ \t]+(?:is|was|blijft|bleef|wordt|werd|lijkt|leek|bleek)[ \t]+(?:het|ze|zij)(?![\w-])"
    r"(?![^.!?\n]*\beens\b)"
)
#: After a word opening a sentence: "genoeg", or "doet"/"deed" and the subject.
_NO_NAME_AFTER = re.compile(
    r"[ \t]+genoeg(?![\w-])|[ \t]+(?:doet|deed|doen|deden)[ \t]+(?:ze|zij|hij|ik|we|wij|je|jij|u)"
    r"(?![\w-])"
)
#: After a word opening a sentence: "van" and a lowercase word that is no particle.
_OF_LOWERCASE_NOUN = re.compile(
    r"[ \t]+van[ \t]+(?!(?:de|der|den|het|ter|ten|te|'t|'s)(?![\w-]))([a-zà-ÿ]{3,})(?![\w-])"
)
#: Detectors that find a name by itself, not by a title, a first name or a role before it.
_NOT_IN_CONTEXT = frozenset({"naam-herhaling", "deduce"})
_FUNCTION_WORDS = frozenset(
    {"zijn", "haar", "hun", "mijn", "jouw", "uw", "onze", "ons", "de", "het", "een", "ik",
     "hij", "zij", "ze", "wij", "we", "jij", "je", "die", "dat", "deze", "dit", "ook", "dan"}
)  # fmt: skip


#: Adjectives that are also surnames (colours, size, age, qualities): opening a sentence
#: before a noun they are the word ("Oud papier", "Groot probleem"; round 26).
_SURNAME_ADJECTIVES = frozenset(
    {"groen", "wit", "zwart", "rood", "blauw", "grijs", "bruin", "geel", "groot", "klein",
     "lang", "kort", "jong", "oud", "nieuw", "stil", "sterk", "zwak", "hard", "zacht", "koud",
     "warm", "droog", "vrij", "vol", "wild", "kaal", "vet", "dik", "blij", "knap", "slim",
     "braaf", "rijk", "schoon", "dol", "wijs", "vlug", "snel", "zuur", "zoet", "donker",
     "heet", "mooi", "vroeg", "laat", "licht", "goed"}
)  # fmt: skip
#: Finite verbs a person opening a sentence takes, which no pattern of weak verbs gives
#: (strong and irregular forms): after one the capitalised word is the subject, a name.
_STRONG_FINITE = frozenset(
    {"is", "was", "heeft", "had", "zei", "zegt", "gaf", "geeft", "kwam", "komt", "ging", "gaat",
     "kan", "kon", "wil", "wilde", "zal", "zou", "mag", "mocht", "moet", "moest", "liep",
     "loopt", "sprak", "spreekt", "zag", "ziet", "vond", "vindt", "nam", "neemt", "bleef",
     "blijft", "schreef", "schrijft", "wist", "weet", "zat", "zit", "stond", "staat", "lag",
     "ligt", "hield", "houdt", "bracht", "brengt", "dacht", "denkt", "vroeg", "vraagt", "riep",
     "roept", "koos", "kiest", "werd", "wordt", "deed", "doet", "kreeg", "krijgt", "vertelt",
     "belt", "las", "leest", "sliep", "slaapt", "at", "eet", "dronk", "drinkt", "reed",
     "rijdt", "viel", "valt", "begon", "begint", "hing", "hangt", "sloeg", "slaat", "trok",
     "trekt", "schrok", "schrikt", "loog", "liegt", "vocht", "vecht", "zweeg", "zwijgt",
     "lijkt", "leek", "bleek", "blijkt", "en", "of", "maar", "ook", "niet", "nog", "al",
     "zelf", "weer", "toen", "dan", "nu", "dus", "zij", "ze", "hij", "die", "dat", "van",
     "bij", "met", "uit", "naar", "voor", "door", "om", "tot", "tegen", "te", "als", "zo"}
)  # fmt: skip
#: A list's bullet or number at a line's start ("- ", "* ", "2. ").
_BULLET_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:[-*\u2022\u00b7\u2013]|\d{1,2}[.)])[ \t]*$")
_PARTICLE_JUST_BEFORE = re.compile(r"(?i)(?<![\w-])(?:de|van|der|den|ter|ten|'t)[ \t]+$")
#: A participle ("gesproken", "weggetrokken", "bezocht", "ontvangen") or a word in "-en"
#: (an infinitive "bellen", a plural): an uninflected adjective stands before neither, a
#: note's name does ("Groen bellen", "Groen gesproken").
_PARTICIPLE = re.compile(
    r"[a-zà-ÿ]{0,6}?ge[a-zà-ÿ]{2,}(?:en|d|t)$|(?:be|ver|ont|her|er)[a-zà-ÿ]{2,}[dt]$|.*en$"
)
#: What a note writes after a name and no adjective stands before ("Groen akkoord").
_NOTE_PREDICATES = frozenset({"akkoord", "mee", "klaar", "bezig", "oké", "ok", "ziek", "niet"})
_NEXT_LOWERCASE_WORD = re.compile(r"[ \t]+([a-zà-ÿ]{2,})(?![\w-])")
#: A weather word opening a sentence with a verb only weather takes ("Storm stak op",
#: "Wind woei door de straat", "Winter zette vroeg in"; round 26).
_WEATHER_WORDS = frozenset(
    {"storm", "wind", "regen", "sneeuw", "hagel", "mist", "onweer", "zon", "winter", "zomer",
     "herfst", "vorst", "dooi", "noodweer"}
)  # fmt: skip
_WEATHER_VERB_AFTER = re.compile(
    r"[ \t]+(?:waait|woei|waaide|raast|raasde|giert|gierde|loeit|loeide|regent|sneeuwt|"
    r"stak[ \t]+op|steekt[ \t]+op|brak[ \t]+los|breekt[ \t]+los|barstte[ \t]+los|"
    r"barst[ \t]+los|trok[ \t]+over|trekt[ \t]+over|hield[ \t]+aan|houdt[ \t]+aan|"
    r"zette[ \t]+(?:vroeg[ \t]+)?in|zet[ \t]+(?:vroeg[ \t]+)?in|ging[ \t]+liggen|"
    r"gaat[ \t]+liggen|nam[ \t]+af|neemt[ \t]+af|nam[ \t]+toe|neemt[ \t]+toe)(?![\w-])"
)


def _ordinary_adjective_or_weather(text: str, finding: Finding) -> bool:
    """A surname that is an adjective before a noun ("Oud papier", "Droog gevoel"), or a
    weather word before a verb only weather takes ("Storm stak op"), opening a sentence
    (round 26). A person opening a sentence is followed by a finite verb, a comma or "van",
    in a note by an adverb, participle or infinitive ("Groen thuis getroffen", "Groen
    bellen"): the next word must be a noun, positively (a plural and no adjective's "-e"
    form), and no verb form. The same word written with a capital anywhere else in the text
    keeps the name ("Mevrouw Groen belde. ... Groen gevoel"); only a name written with its
    particle elsewhere ("De Wit") lets the bare word be the word ("Wit weggetrokken")."""
    lowered = finding.text.lower()
    with_particle = False
    for other in re.finditer(rf"(?<![\w-]){re.escape(finding.text)}(?![\w-])", text):
        if other.start() == finding.start:
            continue
        if not _PARTICLE_JUST_BEFORE.search(text, max(0, other.start() - 8), other.start()):
            return False  # the word capitalised elsewhere, as a name or not
        # the surname of "De Wit": opening a sentence, that person is "De Wit" again
        with_particle = True
    if lowered in _WEATHER_WORDS and _WEATHER_VERB_AFTER.match(text, finding.end):
        return True
    if lowered not in _SURNAME_ADJECTIVES:
        return False
    after = _NEXT_LOWERCASE_WORD.match(text, finding.end)
    if after is None:
        return False
    word = after.group(1)
    if (
        word not in dutch_words()
        or word in _STRONG_FINITE
        or word in _FUNCTION_WORDS
        or word in _NOTE_PREDICATES
        or word in first_names()
        or word in surnames_alone()
        or is_verb_form(word)
    ):
        return False
    if is_weak_finite(word):
        # "Groen belt", "Groen licht de situatie toe", "Groen kort gesproken": a verb or an
        # adverb as often as a noun ("Groen licht gegeven" is left a name)
        return False
    if with_particle:
        return True  # "De Wit ... Wit weggetrokken": the bare word is not that person
    if _PARTICIPLE.match(word):
        return False  # "Groen gesproken", "Groen bellen": a note's name
    # a noun, positively ("Droog gevoel", "Oud papier"): an adverb or adjective after a
    # note's name ("Groen thuis gesproken", "Groen ziek gemeld") is none
    return is_singular_noun(word)


_INDEFINITE_PRONOUNS = frozenset({"niks", "niets", "iets", "alles", "iemand", "niemand"})
_PARTY_AFTER = re.compile(
    r"[ \t]+(?:moeder|vader|ouders|kind|kinderen|jongere|minderjarige|gezin|cliënt|cliënte)"
    r"[ \t]*[:,(]"
)


_ONE_WORD_SENTENCE_AFTER = re.compile(
    r"[.!](?:[ \t]|$)|[ \t]+(?:mr|dr|drs|mw|mevr|dhr)\.|[ \t]+(?:mevrouw|meneer|de[ \t]+heer)\b",
    re.MULTILINE,
)
#: Roles that are also surnames ("Advocaat", "Voogd"): opening a sentence before a title
#: they are the role ("Advocaat mr. Y. el Khatib wees op ...").
_ROLES_BEFORE_TITLE = frozenset({"advocaat", "voogd", "notaris", "rechter", "officier"})


def _word_opening_sentence(text: str, finding: Finding) -> bool:
    """A name's word that is also an ordinary word, opening a sentence where it is the
    word: "Storm en regen", "Berg en dal" (a pair of ordinary words), and the bare
    surname of "de Groot" before an ordinary word ("Groot probleem"; before a finite verb,
    "Groot zei", it is the person: round 28)."""
    if finding.label is not Label.NAAM or " " in finding.text or not finding.text[:1].isupper():
        return False
    lowered = finding.text.lower()
    if (
        finding.detector in _NOT_IN_CONTEXT
        and _ONE_WORD_SENTENCE_AFTER.match(text, finding.end)
        and (lowered in common_words() or lowered in _ROLES_BEFORE_TITLE)
        and lowered not in first_names()
        and _SENTENCE_BEFORE.search(text, max(0, finding.start - 4), finding.start)
    ):
        # "Mooi. Hanneke, dank je wel.": a word as a sentence of its own, as an interview's
        # host answers (not before a comma: "Groen, de vader, ..." may be the person);
        # "Advocaat mr. Y. el Khatib": the role before the title of the person it names
        # (round 25)
        return True
    if (
        finding.detector in _NOT_IN_CONTEXT
        and _BULLET_BEFORE.search(text, max(0, finding.start - 8), finding.start)
        and _ordinary_adjective_or_weather(text, finding)
    ):
        return True  # a list's item: "- Oud papier", "2. Storm stak op" (round 26)
    if _SENTENCE_BEFORE.search(text, max(0, finding.start - 4), finding.start) is None:
        # after ";" a main clause opens too, but written with a capital only for a name or
        # for a word the writer opened as a sentence: only the word's own predicate tells
        # ("; Bakker worden was zijn droom"; round 14)
        return (
            _CLAUSE_BEFORE.search(text, max(0, finding.start - 3), finding.start) is not None
            and finding.detector in _NOT_IN_CONTEXT
            and lowered in dutch_words()
            and lowered not in first_names()
            and _WORD_NOT_SUBJECT.match(text, finding.end) is not None
        )
    if lowered not in dutch_words():
        return False
    if finding.detector in _NOT_IN_CONTEXT and _ordinary_adjective_or_weather(text, finding):
        return True
    if lowered in first_names():
        # "Roos en lavendel", "Hoop of wanhoop": a first name that is a word, paired with
        # a word that is neither a name nor a common one ("Roos en oma" is the girl; round 14)
        pair = _PAIR_AFTER.match(text, finding.end)
        return (
            finding.detector in _NOT_IN_CONTEXT
            and pair is not None
            and pair.group(1) in dutch_words()
            and pair.group(1) not in first_names()
            and pair.group(1) not in common_words()
        )
    if finding.detector in _NOT_IN_CONTEXT and (
        _NO_PERSON_PREDICATE.match(text, finding.end) is not None
    ):
        return True  # "Storm voorbij, zus.", "Storm stond er voorspeld" (round 14)
    if finding.detector in _NOT_IN_CONTEXT and _WORD_NOT_SUBJECT.match(text, finding.end):
        # "Visser in hart en nieren was haar vader", "Bakker worden was zijn droom": a name
        # opening a sentence is its subject and the verb follows it; the word as a noun
        # takes a preposition or is the complement of an infinitive
        return True
    of_noun = _OF_LOWERCASE_NOUN.match(text, finding.end)
    if (
        finding.detector in _NOT_IN_CONTEXT
        and of_noun is not None
        and of_noun.group(1) in dutch_words()
        and of_noun.group(1) not in surnames_alone()
        and of_noun.group(1) not in interfix_surnames()
        and of_noun.group(1) not in first_names()
    ):
        # "Bos van informatie", "Storm van kritiek", "Bakker van beroep": a name's "van"
        # opens a surname ("Bos van Dijk", "Visser van der Meer"), not a lowercase noun
        return True
    if finding.detector in _NOT_IN_CONTEXT and _NO_NAME_AFTER.match(text, finding.end):
        # "Mooi genoeg, zei ze", "Geven doet ze liever niet": an adjective with "genoeg",
        # an infinitive put first with "doet" and its subject (round 17)
        return True
    if finding.detector in _NOT_IN_CONTEXT and _INVERTED_SUBJECT.match(text, finding.end):
        return True  # "Mooi was het niet", "Hoop haalt hij uit ...": the subject follows
    if finding.detector in _NOT_IN_CONTEXT and (
        (
            lowered in _INDEFINITE_PRONOUNS
            # not when the text names someone so inside a sentence ("de buurman heet Niks")
            and re.search(rf"[a-z,][ \t]+{re.escape(finding.text)}(?![\w-])", text) is None
        )
        or _PARTY_AFTER.match(text, finding.end)
    ):
        # "Niks meer gehoord", "Alles goed": a pronoun; "Advocaat moeder: mr. ...",
        # "Voogd kind, ...": a role heading before the party it acts for (round 11c)
        return True
    pair = _PAIR_AFTER.match(text, finding.end)
    if pair is not None:
        other = pair.group(1)
        return (
            other in dutch_words() and other not in first_names() and other not in _FUNCTION_WORDS
        )
    # the surname of "de Groot" / "van Dijk" elsewhere in the text, here without its particle
    # and before an ordinary word ("Groot probleem"), not before a person's verb ("Groot
    # zei"; round 28)
    return (
        re.search(
            rf"(?<![\w-])(?:de|van|der|den|ter|ten)\s+{re.escape(finding.text)}(?![\w-])", text
        )
        is not None
        and lowered not in surnames_alone()
        and _bare_surname_as_word(text, finding)
    )


def _bare_surname_as_word(text: str, finding: Finding) -> bool:
    """Whether a surname that is a word, opening a sentence bare, is not followed by a
    finite verb or a note's predicate: before one ("Wit zei", "Groot vertelde", "Wilde
    belde", "Meer heeft", "Klein akkoord") it is the person found with its particle
    elsewhere ("mevrouw de Wit"); before a noun, a participle or a preposition ("Groot
    probleem", "Wit weggetrokken", "Wit als een doek", "Klein voor zijn leeftijd") the
    ordinary word, as before (round 28)."""
    after = _NEXT_LOWERCASE_WORD.match(text, finding.end)
    if after is None:
        return True
    word = after.group(1)
    return not (
        word in _PERSON_VERBS
        or word in _NOTE_PREDICATES
        or (word in _STRONG_FINITE and word not in _NOT_VERBS_AFTER_NAME)
        or is_weak_finite(word)
    )


#: The words of ``_STRONG_FINITE`` that are no verb: after a bare surname that is a word
#: they do not tell the person ("Wit als een doek", "Klein voor zijn leeftijd").
_NOT_VERBS_AFTER_NAME = frozenset(
    {"en", "of", "maar", "ook", "niet", "nog", "al", "zelf", "weer", "toen", "dan", "nu",
     "dus", "zij", "ze", "hij", "die", "dat", "van", "bij", "met", "uit", "naar", "voor",
     "door", "om", "tot", "tegen", "te", "als", "zo",
     # a copula: the word's own predicate as often ("Groot is het probleem niet")
     "is", "was", "zijn", "waren", "wordt", "werd", "blijft", "bleef", "lijkt", "leek",
     "bleek", "blijkt"}
)  # fmt: skip


#: Before a word alone on its line: nothing, a bullet or a list number ("- Bank", "2. Zomer").
_ITEM_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:[-*\u2022\u00b7\u2013][ \t]*|\d{1,2}[.)][ \t]*)?$")
#: Before a word that closes its line: a field's label and a colon ("Thema van vandaag: Zomer").
_LABEL_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:[-*\u2022\u00b7\u2013][ \t]*)?([^\n:]{1,40}):[ \t]*$")
_LINE_END_AFTER = re.compile(r"[ \t]*[.!?]?[ \t]*(?:\n|$)")
#: A label that asks for a person ("Naam: Storm", "Moeder: Visser", "Gesproken met: Bos").
_PERSON_LABEL = re.compile(
    r"(?i)(?:naam|wie|met|door|van|aan|melder|melding|moeder|vader|ouders?|kind|cliënte?|"
    r"client|leerling|jongere|broer|zus|oma|opa|buurman|buurvrouw|contactpersoon|"
    r"aanwezig|afwezig|mentor|docent|juf|meester|agent|verdachte|betrokkenen?|getuige|"
    r"voor|inbrenger|deelnemer\w*|gespreksleider|notulist|auteur|ingevuld|"
    r"behandelaar|huisarts|begeleider|coördinator|contact)[ \t]*$"
)
#: A label that asks for a place ("Woonplaats: Hoek", "Locatie: Winkel").
_PLACE_LABEL = re.compile(
    r"(?i)(?:plaats|woon\w*|adres|stad|dorp|gemeente|wijk|regio|locatie|waar|uit|in|te|naar|"
    r"vestiging|geboren|herkomst)[ \t]*$"
)
_GREETING_LINE = re.compile(r"(?i)(?:,|groet(?:en)?|mvg|gr\.?|dank|bedankt)[ \t]*$")


def _ordinary_word_alone_on_line(text: str, finding: Finding, findings: Sequence[Finding]) -> bool:
    """A surname or place that is an ordinary word ("Bank", "Zomer", "Storm", "Hoek"),
    capitalised because it stands alone on its line: a heading, a list's item or a field's
    value ("Besproken:\n- Bank\n- school", "Thema: Zomer"). Found by a list alone, it needs
    a signal to stay a name or place (round 17): the same word capitalised inside a sentence
    elsewhere, a label that asks for a person or place ("Naam: Storm", "Moeder: Visser",
    "Woonplaats: Hoek"), a greeting or closing on the line before (a signature), or another
    name or place among the list's items."""
    if (
        finding.label not in (Label.NAAM, Label.PLAATS)
        or " " in finding.text
        or not finding.text[:1].isupper()
        or not set(finding.detector.split("+")) <= _NOT_IN_CONTEXT
    ):
        return False
    lowered = finding.text.lower()
    if lowered not in dutch_words() or lowered in first_names():
        return False
    if _LINE_END_AFTER.match(text, finding.end) is None:
        return False
    before = text[max(0, finding.start - 60) : finding.start]
    if finding.start - 60 <= 0:
        before = "\n" + before
    label = _LABEL_BEFORE.search(before)
    if _ITEM_BEFORE.search(before) is None:
        if label is None:
            return False
        asks = _PERSON_LABEL if finding.label is Label.NAAM else _PLACE_LABEL
        if asks.search(label.group(1)):
            return False
    line_start = text.rfind("\n", 0, finding.start) + 1
    previous = text[:line_start].rstrip()
    previous_line = previous[previous.rfind("\n") + 1 :]
    if label is None and _GREETING_LINE.search(previous_line) and previous_line.strip():
        return False  # "Met vriendelijke groet,\nVisser": a signature
    if re.search(rf"(?<=[\w,])[ \t]+{re.escape(finding.text)}(?![\w-])", text):
        return False  # "... belde Storm gisteren": capitalised inside a sentence, a name
    block_start = text.rfind("\n\n", 0, finding.start)
    block_end = text.find("\n\n", finding.end)
    block_end = len(text) if block_end < 0 else block_end
    return not any(
        f is not finding
        and f.label is finding.label
        and block_start <= f.start < block_end
        and f.text != finding.text
        for f in findings
    )  # "Aanwezig:\n- Visser\n- Anouk de Boer": a list of persons, or of places


_JOINING_PARTICLE = re.compile(
    r"[ \t]+(?:ben|bin|ibn|el|al|abu|ould|da|das|dos|do|di|van[ \t]+der|van[ \t]+den|ter|ten"
    # written with a capital between two found names: "Ahmed Ben Ali", "Omar Ibn Said"
    r"|Ben|Bin|Ibn|Abu|Ould)[ \t]+"
)


def _with_hash_and_without_possessive(text: str, finding: Finding) -> Finding:
    """A number takes its "#" ("#JBRR-2025-3304"); a name loses its possessive "'s"."""
    if finding.label is Label.NUMMER and finding.start > 0 and text[finding.start - 1] == "#":
        start = finding.start - 1
        return Finding(
            start, finding.end, finding.label, text[start : finding.end], finding.detector
        )
    if (
        finding.label in (Label.NAAM, Label.PLAATS)
        and finding.text.endswith(("'s", "\u2019s"))
        and len(finding.text) > 3
    ):
        end = finding.end - 2
        label = finding.label
        if label is Label.PLAATS and finding.text[:-2].lower() in first_names():
            label = Label.NAAM  # "in Floor's groep": a first name's possessive, no place
        return Finding(finding.start, end, label, text[finding.start : end], finding.detector)
    if (
        finding.label is Label.NAAM
        and finding.text.endswith(("'", "\u2019"))
        and len(finding.text.rstrip("'\u2019")) >= 2
    ):
        # "noemde mij 'Muis'", "bijnaam 'Lil Ili'": the closing quote of a nickname, or
        # the apostrophe of "Thomas' fiets", is no part of the name (round 13a)
        end = finding.start + len(finding.text.rstrip("'\u2019"))
        return Finding(
            finding.start, end, finding.label, text[finding.start : end], finding.detector
        )
    return finding


# "Hans B.: ...", "Khadija B. zei": the initial of the surname after a first name, the way
# group chats and anonymised notes write a person (round 14). News and court reports write
# a suspect or a victim so, with the surname's particle and an age in brackets: "Mohamed B.
# (34)", "Kevin van der B.", "Rayan el A.", "Ahmet Ö." (round 25). The dot is part of the
# initial also where the sentence ends after it ("veroordeelde Mohamed B. Hij ...").
_SURNAME_INITIAL = re.compile(
    r"[ \t]+((?i:(?:van[ \t]+de[nr]?|van|de|der|den|ter|ten|el|al)[ \t]+)?)([^\W\d_])\.(?![\w.])"
)


def _with_surname_initial(text: str, finding: Finding) -> Finding:
    """A first name takes the initial of the surname after it: "Hans B." (round 14),
    "Kevin van der B." (round 25); a name found without the initial's dot takes it."""
    if finding.label is not Label.NAAM or not finding.text[:1].isupper():
        return finding
    if " " in finding.text:
        last = finding.text.rsplit(" ", 1)[1]
        if len(last) == 1 and last.isupper() and _INITIAL_DOT_AFTER.match(text, finding.end):
            end = finding.end + 1  # "Dylan van der B" + ".", "Stefan P" + "."
            return Finding(
                finding.start, end, finding.label, text[finding.start : end], finding.detector
            )
        return finding
    lowered = finding.text.lower()
    if lowered not in first_names() and lowered in dutch_words():
        return finding
    m = _SURNAME_INITIAL.match(text, finding.end)
    if m is None or not m.group(2).isupper():
        return finding
    end = m.end()
    return Finding(finding.start, end, finding.label, text[finding.start : end], finding.detector)


_INITIAL_DOT_AFTER = re.compile(r"\.(?![\w.])")
#: The initial and its particle alone, as news reports write the person after naming them
#: once: "B. volgt een behandeling", "Van der B. zweeg", "dat V. onschuldig is".
_NAME_WITH_SURNAME_INITIAL = re.compile(
    r"[^\W\d_][\w'-]*[ \t]+((?i:(?:van[ \t]+de[nr]?|van|de|der|den|ter|ten|el|al)[ \t]+)?)"
    r"([^\W\d_])\."
)


def _surname_initials_alone(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """Every other occurrence of the surname's initial of a name written "Mohamed B." or
    "Kevin van der B.": the initial alone ("B. moet ook een taakstraf doen"), with its
    particle in either case ("Van der B. zweeg", "tegen van der B."); round 25."""
    forms: set[tuple[str, str]] = set()
    for finding in findings:
        if finding.label is not Label.NAAM:
            continue
        m = _NAME_WITH_SURNAME_INITIAL.fullmatch(finding.text)
        if m is not None and m.group(2).isupper():
            forms.add((" ".join(m.group(1).lower().split()), m.group(2)))
    if not forms:
        return []
    named = [(f.start, f.end) for f in findings if f.label is Label.NAAM]
    found: list[Finding] = []
    for particle, letter in sorted(forms):
        if particle:
            head = re.escape(particle).replace(r"\ ", r"[ \t]+")
            pattern = rf"(?<![\w.'-])(?i:{head})[ \t]+{re.escape(letter)}\.(?![\w.])"
        else:
            pattern = rf"(?<![\w.'-]){re.escape(letter)}\.(?![\w.])"
        for m in re.finditer(pattern, text):
            if any(start <= m.start() and m.end() <= end for start, end in named):
                continue
            if not particle and _INITIAL_BEFORE.search(text, max(0, m.start() - 4), m.start()):
                continue  # "J. B. de Vries": one initial of several
            found.append(Finding(m.start(), m.end(), Label.NAAM, m.group(0), "naam-initiaal"))
    return found


# "Yonas, Y-O-N-A-S": a transcript spells a name letter by letter (round 25)
_SPELLED = re.compile(r"(?<![\w-])((?:[^\W\d_][ \t]?-[ \t]?){2,}[^\W\d_])(?![\w-])")


def _spelled_names(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """A name spelled out with hyphens ("Y-O-N-A-S", "d-e-w-i"): the letters spell a word of
    a name the text holds, or a known first name."""
    if "-" not in text:
        return []
    found: list[Finding] = []
    words: set[str] | None = None
    for m in _SPELLED.finditer(text):
        spelled = "".join(c for c in m.group(1) if c.isalpha()).lower()
        if words is None:
            words = {
                word.lower()
                for f in findings
                if f.label is Label.NAAM
                for word in _NAME_TOKEN.findall(f.text)
            }
        if spelled in words or spelled in first_names():
            found.append(Finding(m.start(1), m.end(1), Label.NAAM, m.group(1), "naam-gespeld"))
    return found


_INITIAL_BEFORE = re.compile(r"(?<![\w-])[^\W\d_]\.[ \t]*$")


_HYPHEN_PARTICLE_END = re.compile(r"-(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en)$")
_PARTICLE_TAIL = re.compile(
    r"(?:[ \t]+(?:van|de|der|den|ter|ten|het|'t))*[ \t]+[A-Za-zÀ-ÿ][\w'\u2019]*(?:-[A-Za-zÀ-ÿ]+)?"
)


def _with_hyphen_particle_tail(text: str, finding: Finding) -> Finding:
    """A double surname whose second part opens with a particle is one name: "ingeborg
    visser-de berg", "Marja Smit-van der Linden" (the name stopped at "-de"; round 14)."""
    if finding.label is not Label.NAAM or _HYPHEN_PARTICLE_END.search(finding.text) is None:
        return finding
    m = _PARTICLE_TAIL.match(text, finding.end)
    if m is None:
        return finding
    end = m.end()
    return Finding(finding.start, end, finding.label, text[finding.start : end], finding.detector)


# "nadia.r", "marouane.wt": a user name made of a first name and a short tail
_HANDLE_SUFFIX = re.compile(r"[._][a-z0-9]{1,12}(?![\w@/-]|\.\w)")
_TOP_LEVEL_DOMAINS = frozenset(
    {".nl", ".com", ".org", ".net", ".eu", ".be", ".de", ".info", ".nu", ".io", ".app"}
)


def _with_handle_suffix(text: str, finding: Finding) -> Finding:
    """A name written on as a user name is one name: "nadia.r", "marouane.wt" (a web
    address's ".nl" is no part of a name)."""
    if finding.label is not Label.NAAM or finding.end >= len(text) or text[finding.end] not in "._":
        return finding
    m = _HANDLE_SUFFIX.match(text, finding.end)
    if m is None or m.group(0) in _TOP_LEVEL_DOMAINS:
        return finding
    end = m.end()
    return Finding(finding.start, end, finding.label, text[finding.start : end], finding.detector)


# "mevrouw Bakker op de Kruiskade": a preposition before a found street or place ends
# the name
_PREPOSITION_AT_END = re.compile(
    r"[ \t]+(?:op|in|uit|aan|bij|naar)(?:[ \t]+(?:de|het|den|'t))?[ \t]+$"
)
# "Naima van de Boezemstraat", "Ahmed van de Dorpsweg": "van" and an article before a
# found street say where the person lives (a surname's "van der Laan" is no found street,
# and a street word that also ends surnames, "van den Oosterhof", is left alone)
_OF_THE_AT_END = re.compile(r"[ \t]+van[ \t]+(?:de|het|den|der|'t)[ \t]+$")
_STRONG_STREET_END = re.compile(
    r"(?:straat|laan|weg|plein|kade|singel|gracht|steeg|dreef|boulevard|plantsoen)(?![^\W\d_])"
)
# "Kevin Lagerweij van de JO13", "Sanne Bakker van de MO15": a team's code, never a surname
_OF_THE_TEAM = re.compile(r"[ \t]+van[ \t]+(?:de|het|den|der|'t)[ \t]+[A-Za-z]{0,4}\d[\w-]*$")


def _names_before_places(text: str, findings: list[Finding]) -> list[Finding]:
    """A name that runs on over a preposition into a found street or place stops there;
    so does one that runs on over "van de" into a found street or a team's code."""
    places = sorted(f.start for f in findings if f.label in (Label.ADRES, Label.PLAATS))
    streets = {
        f.start: f.end
        for f in findings
        if f.label is Label.ADRES and _STRONG_STREET_END.search(f.text)
    }
    result = []
    cut_off: list[tuple[int, int]] = []  # "van de Boezemstraat": no name of its own
    for finding in findings:
        if finding.label is Label.NAAM and " " in finding.text:
            team = _OF_THE_TEAM.search(finding.text)
            if team is not None and team.start() > 0:
                end = finding.start + team.start()
                finding = Finding(
                    finding.start, end, finding.label, text[finding.start : end], finding.detector
                )
            first = bisect.bisect_right(places, finding.start)
            for place_start in places[first : bisect.bisect_left(places, finding.end)]:
                m = _PREPOSITION_AT_END.search(text, finding.start, place_start)
                if m is None and place_start in streets:
                    m = _OF_THE_AT_END.search(text, finding.start, place_start)
                    if m is not None:
                        cut_off.append((m.start(), streets[place_start]))
                if m is not None and m.start() > finding.start:
                    value = text[finding.start : m.start()]
                    finding = Finding(
                        finding.start, m.start(), finding.label, value, finding.detector
                    )
                    break
        result.append(finding)
    if cut_off:
        result = [
            f
            for f in result
            if not (
                f.label is Label.NAAM
                and any(start <= f.start and f.end <= end for start, end in cut_off)
            )
        ]
    return result


# "F. El Bouzidi te Dordrecht", "woonachtig te Breda": in a court's or a registry's prose
# "te" before a place says where someone lives; deduce reads it as a surname's particle
# ("te Velde"). A name that already has a surname stops before "te" and a known place;
# "te" and a known place that is no surname are no name at all (round 20).
_TE_PLACE = re.compile(r"(?:^|[ \t]+)te[ \t]+(.+)$")


def _names_before_te_places(findings: list[Finding]) -> list[Finding]:
    result = []
    for finding in findings:
        m = _TE_PLACE.search(finding.text) if finding.label is Label.NAAM else None
        if m is not None:
            place = m.group(1).lower()
            before = finding.text[: m.start()].split()
            if place in place_names() and (len(before) >= 2 or place not in surnames_alone()):
                if not before:
                    continue
                end = finding.start + m.start()
                finding = Finding(
                    finding.start, end, finding.label, finding.text[: m.start()], finding.detector
                )
        result.append(finding)
    return result


def _names_not_places(findings: list[Finding]) -> list[Finding]:
    """A place read only from its context ("bij Jolanda Verschoor-Bakkum") that is a
    person's name found in the same text, opening with a first name, is the name (round 14)."""
    names = {
        f.text.lower()
        for f in findings
        if f.label is Label.NAAM and " " in f.text and f.text.split()[0].lower() in first_names()
    }
    if not names:
        return findings
    return [
        f
        for f in findings
        if not (
            f.label is Label.PLAATS and f.detector == "plaats-context" and f.text.lower() in names
        )
    ]


_LEADING_PARTICLES = re.compile(r"(?:(?:van|de|der|den|het|ter|ten)\s+)+")


def _without_particle_names_of_organisations(findings: list[Finding]) -> list[Finding]:
    """deduce takes "van Woonstad" in "melding van Woonstad" for a surname: a name that is
    particles before an organisation's name is the organisation."""
    organisations = {f.start for f in findings if f.label in (Label.INSTELLING, Label.SCHOOL)}
    if not organisations:
        return findings
    kept = []
    for finding in findings:
        if finding.label is Label.NAAM:
            particles = _LEADING_PARTICLES.match(finding.text)
            if particles is not None and finding.start + particles.end() in organisations:
                continue
        kept.append(finding)
    return kept


def _joined_names(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """Two names joined by a particle are one name: "Youssef ben Ali", "Ana dos Santos"."""
    names = sorted((f for f in findings if f.label is Label.NAAM), key=lambda f: f.start)
    others = [f for f in findings if f.label is not Label.NAAM]
    joined = []
    for first, second in itertools.pairwise(names):
        between = _JOINING_PARTICLE.fullmatch(text, first.end, second.start)
        if (
            (
                # "Olena Kovalenko": a first name and a surname found apart are one name,
                # not a shop and its street ("Albert Heijn Eendrachtsplein")
                text[first.end : second.start] == " "
                and first.text[:1].isupper()
                and second.text[:1].isupper()
                and not any(o.start < second.end and first.start < o.end for o in others)
            )
            or (
                # "willem lagendijk": a lowercase first name and the surname found apart
                text[first.end : second.start] == " "
                and first.text in first_names()
                and second.text.islower()
                and not any(o.start < second.end and first.start < o.end for o in others)
            )
            or (between is not None and second.text[:1].isupper())
            or (
                text[first.end : second.start] in (" ", "\t")
                and _JOINING_PARTICLE.match(" " + second.text) is not None
                and first.text[:1].isupper()
            )
        ):
            joined.append(
                Finding(
                    first.start,
                    second.end,
                    Label.NAAM,
                    text[first.start : second.end],
                    "naam-tussenvoegsel",
                )
            )
    return joined


_CAPITALISED_PARTS = re.compile(
    r"(?<![\w-])[A-ZÀ-Ý][\w'\u2019]+(?:-[A-ZÀ-Ý][\w'\u2019]+)+(?![\w-])"
)


def _double_barrelled(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """A double-barrelled surname with a found name in it is one name: "Wójcik-Nowicka"
    beside "Krzysztof Wójcik", "Çelik-Doğan" (the repetition path stops at a hyphen)."""
    if "-" not in text:
        return []
    names = {
        word
        for f in findings
        if f.label is Label.NAAM
        for word in _NAME_TOKEN.findall(f.text)
        if len(word) >= 3 and word[:1].isupper()
    }
    if not names:
        return []
    return [
        Finding(m.start(), m.end(), Label.NAAM, m.group(0), "naam-dubbel")
        for m in _CAPITALISED_PARTS.finditer(text)
        if any(part in names for part in m.group(0).split("-"))
    ]


_TITLE_BEFORE = re.compile(r"(?<![\w-])(?i:meneer|mevrouw|mevr|dhr|mw|hr)\.?[ \t]+$")
_NEXT_WORD = re.compile(r"[ \t]+([a-zà-ÿ\u0100-\u024f][\w'\u2019-]*)")


def _extend_lowercase_name(text: str, finding: Finding) -> Finding:
    """A name typed in lowercase runs on over the names after it: "mehmet ali dogan"."""
    if finding.label is not Label.NAAM or not finding.text.islower():
        return finding
    if _TITLE_BEFORE.search(text, max(0, finding.start - 10), finding.start):
        return finding  # "Meneer schipper jayden": a surname after a title, then a first name
    end = finding.end
    given, family, common = first_names(), surnames_alone(), common_words()
    for _ in range(3):
        nxt = _NEXT_WORD.match(text, end)
        if nxt is None:
            break
        word = nxt.group(1)
        if word in common or word in _PARTICLES or (word not in given and word not in family):
            break
        if word in dutch_words() and word not in given:
            break  # a surname that is also a word ("visser") needs more than its place here
        end = nxt.end()
    if end == finding.end:
        return finding
    return Finding(finding.start, end, finding.label, text[finding.start : end], finding.detector)


#: Kinship and role nouns that deduce takes for surnames when they open a sentence.
_ROLE_NOUNS = frozenset(
    {"neef", "nicht", "vriend", "vriendin", "oom", "tante", "broer", "zus", "moeder",
     "vader", "oma", "opa", "buurman", "buurvrouw", "collega", "zoon", "dochter",
     "stiefvader", "stiefmoeder", "schoonmoeder", "schoonvader", "zwager", "schoonzus",
     "hierbij", "hierna", "verder", "daarna", "volgens", "betreft"}
)  # fmt: skip


def _role_word_opening(text: str, finding: Finding) -> bool:
    """ "Neef mehmet belde", "Vriend had de deur ingetrapt": a kinship noun opening a
    sentence is no surname, unless the text also writes it capitalised elsewhere."""
    if finding.label is not Label.NAAM or " " in finding.text:
        return False
    if finding.text.lower() not in _ROLE_NOUNS or not finding.text[:1].isupper():
        return False
    if _SENTENCE_BEFORE.search(text, max(0, finding.start - 4), finding.start) is None:
        return False
    pattern = rf"(?<![.!?:\n]\s)(?<![.!?:\n])(?<=\S\s){re.escape(finding.text)}(?![\w-])"
    return re.search(pattern, text) is None


# "met mijn collega K. doorlopen": an initial alone names the person; its dot is part of it
# where the sentence goes on after it (round 20; "collega K. Daarna" may end the sentence)
_DOT_INSIDE_SENTENCE = re.compile(r"\.(?=[ \t]+[a-zà-ÿ]|[,;:)])")


def _with_initial_dot(text: str, finding: Finding) -> Finding:
    if (
        finding.label is not Label.NAAM
        or finding.end - finding.start != 1
        or not finding.text.isupper()
        or not _DOT_INSIDE_SENTENCE.match(text, finding.end)
    ):
        return finding
    end = finding.end + 1
    return Finding(finding.start, end, finding.label, text[finding.start : end], finding.detector)


def _extend_initials(text: str, finding: Finding) -> Finding:
    """Take initials in front of a name into it: "R. (Rob) Janssen"."""
    if (
        finding.label is not Label.NAAM
        or text.find(".", max(0, finding.start - 20), finding.start) < 0
    ):
        return finding  # initials need a dot
    before = _INITIALS_BEFORE.search(text, max(0, finding.start - 20), finding.start)
    if not before:
        return finding
    start = before.start()
    return Finding(start, finding.end, finding.label, text[start : finding.end], finding.detector)


#: An article or preposition alone is never a finding (deduce's "de " before "Laan op
#: Zuid 1020").
_BARE_WORDS = frozenset({"de", "het", "een", "'t", "van", "op", "in", "aan", "bij", "naar"})
#: A school type word on its own ("Kinderopvang", "CBS" as a heading): it names no school
#: (round 15; "CBS De Wilgen", "kdv Ukkepuk" stay).
_SCHOOL_TYPE_WORDS = SCHOOL_TYPE_WORDS


# a title right before a name: "mevrouw Mentor", "dhr. Arts", "Mrs. Officer"
_TITLE_BEFORE = re.compile(
    r"(?<![\w-])(?i:mevrouw|meneer|mevr|mw|dhr|hr|heer|mr|mrs|ms|miss|sir|dr|drs|prof"
    r"|juf|meester|dokter|familie|fam)\.?[ \t]+$"
)


def _titled_names(text: str, findings: Sequence[Finding]) -> set[str]:
    """The one-word names the text writes after a title somewhere ("mevrouw Mentor"): a
    word for a role there is the person's surname, also where it repeats."""
    return {
        f.text.strip().lower()
        for f in findings
        if f.label is Label.NAAM
        and _TITLE_BEFORE.search(text, max(0, f.start - 12), f.start) is not None
    }


def _role_or_nationality_word(finding: Finding, titled: set[str]) -> bool:
    """A name or place that is one word for a role or function ("Medewerker",
    "Verzoekster", "jeugdbeschermer", found by a detector or repeated) or an adjective of
    nationality or language ("Dutch", "Arabischsprekende"): no person, no place (round 19).
    A role word that is also a surname ("Advocaat", "Voogd") or that the text writes after
    a title ("mevrouw Mentor") is left alone."""
    if finding.label not in (Label.NAAM, Label.PLAATS):
        return False
    value = finding.text.strip()
    if not value or any(c.isspace() for c in value):
        return False
    if is_nationality_word(value):
        return True
    if finding.label is Label.NAAM and value.lower() not in titled and is_thing_compound(value):
        return True  # "Ouderschapsplan", "Signalenlijst", "Kinderombudsman" (round 22)
    return finding.label is Label.NAAM and role_noun(value) and value.lower() not in titled


def _without_at_sign(finding: Finding) -> Finding:
    """The handle convention (round 15): a name never holds the "@" of a handle
    ("@[lisa_2009]"); the sign identifies nobody and "@[NAAM-1]" reads naturally."""
    if finding.label is not Label.NAAM or not finding.text.startswith("@"):
        return finding
    cut = len(finding.text) - len(finding.text.lstrip("@"))
    if cut == len(finding.text):
        return finding
    start = finding.start + cut
    return Finding(start, finding.end, finding.label, finding.text[cut:], finding.detector)


#: English words that are first names in a list too ("him", "my", "can", "just", "love"):
#: in a lowercase English phrase they are the words ("protect him from", "love you").
_ENGLISH_WORDS_NAMED = frozenset({"him", "my", "mine", "can", "has", "just", "love"})
#: English function words that no Dutch sentence holds: one beside such a word says English.
_ENGLISH_FUNCTION_WORDS_TEXT = """
    the you your yours they them their she his her from with would should could have been
    was were are this that what when where why because don't can't won't i'm it's you're
    to of and or not do does did will about please
"""
_ENGLISH_FUNCTION_WORDS = frozenset(_ENGLISH_FUNCTION_WORDS_TEXT.split())
_WORD_AROUND = re.compile(r"[A-Za-z']+")


def _english_word(text: str, finding: Finding) -> bool:
    """A lowercase one-word name that is an English word in an English phrase: "I can't
    protect him from here", "love you", "my mom" (round 22). A Dutch sentence keeps it a
    name ("zei can tegen haar", "met my en haar zus")."""
    if finding.label is not Label.NAAM or finding.text not in _ENGLISH_WORDS_NAMED:
        return False
    before = _WORD_AROUND.findall(text[max(0, finding.start - 20) : finding.start])
    after = _WORD_AROUND.findall(text[finding.end : finding.end + 20])
    near = [w.lower() for w in (before[-1:] + after[:1])]
    return any(w in _ENGLISH_FUNCTION_WORDS for w in near)


def _bare_school_type(finding: Finding) -> bool:
    return (
        finding.label is Label.SCHOOL
        and " ".join(finding.text.lower().split()) in _SCHOOL_TYPE_WORDS
    )


#: Identifiers whose span is exactly their own characters (the brief's convention).
_EXACT_IDENTIFIERS = frozenset(
    {Label.IBAN, Label.BSN, Label.TELEFOON, Label.EMAIL, Label.URL, Label.KENTEKEN}
)


def _names_before_dates_on_next_line(text: str, findings: list[Finding]) -> list[Finding]:
    """A school, institution or name never runs on over a line break into the date that
    opens the next line ("Wolfert Lyceum\nMaandag 9 november 2026"): it ends on its line."""
    dates = [f.start for f in findings if f.label is Label.DATUM]
    if not dates:
        return findings
    result = []
    for f in findings:
        if f.label in _WORD_LABELS and "\n" in f.text:
            for start in dates:
                if f.start < start < f.end and "\n" in text[f.start : start]:
                    value = text[f.start : text.rindex("\n", f.start, start)].rstrip()
                    if value:
                        f = Finding(f.start, f.start + len(value), f.label, value, f.detector)
                    break
        result.append(f)
    return result


def _without_names_from_postcode_letters(findings: list[Finding]) -> list[Finding]:
    """A club read from a postcode's letters and the town after them ("3011 VV Rotterdam",
    "2614 SV Delft", "3009 AV Rotterdam": "VV Rotterdam" as a football club) is the
    postcode and the town: a name, institution or school never opens inside a postcode."""
    postcodes = [f for f in findings if f.label is Label.POSTCODE]
    if not postcodes:
        return findings
    return [
        f
        for f in findings
        if f.label not in _WORD_LABELS or not any(p.start < f.start < p.end for p in postcodes)
    ]


def _words_off_identifiers(text: str, findings: list[Finding]) -> list[Finding]:
    """A name or place never holds an IBAN, phone number, ...: "IBAN NL91ABNA0417164300"
    read as a name after a line break keeps only the identifier (a field's name in
    capitals before it, "IBAN", "BSN", is no name either)."""
    exact = sorted((f for f in findings if f.label in _EXACT_IDENTIFIERS), key=lambda f: f.start)
    if not exact:
        return findings
    starts = [f.start for f in exact]
    longest = max(f.end - f.start for f in exact)
    kept: list[Finding] = []
    for finding in findings:
        if finding.label not in (Label.NAAM, Label.PLAATS):
            kept.append(finding)
            continue
        # only identifiers that start less than the longest one's length before it
        first = bisect.bisect_left(starts, finding.start - longest)
        last = bisect.bisect_left(starts, finding.end)
        inside = [f for f in exact[first:last] if f.start < finding.end and finding.start < f.end]
        if not inside:
            kept.append(finding)
            continue
        pieces = [
            (finding.start, min(f.start for f in inside)),
            (max(f.end for f in inside), finding.end),
        ]
        for start, end in pieces:
            value = text[start:end].strip(" \t\n,.:;()")
            if not value or not any(c.islower() for c in value):
                continue  # nothing left, or a field's name: "IBAN", "BSN"
            start = text.index(value, start)
            kept.append(Finding(start, start + len(value), finding.label, value, finding.detector))
    return kept


def resolve_overlaps(text: str, findings: Iterable[Finding]) -> list[Finding]:
    """Merge overlapping findings into one span labelled by the strongest kind."""
    merged: list[Finding] = []
    group: list[Finding] = []
    group_end = -1
    for finding in [*sorted(findings, key=lambda f: (f.start, -f.end)), None]:
        if finding is not None and group and finding.start < group_end:
            group.append(finding)
            group_end = max(group_end, finding.end)
            continue
        if len(group) == 1:
            merged.append(group[0])  # nothing to merge
        elif group:
            start = group[0].start
            # the longest finding names the span; on a tie the stronger kind wins
            best = min(group, key=lambda f: (f.start - f.end, _RANK[f.label]))
            detectors = "+".join(sorted({f.detector for f in group}))
            merged.append(Finding(start, group_end, best.label, text[start:group_end], detectors))
        if finding is not None:
            group = [finding]
            group_end = finding.end
    return merged


_default_engine: Engine | None = None
_default_lock = threading.Lock()


def default_engine() -> Engine:
    """The process-wide engine with deduce (loaded on first use)."""
    global _default_engine
    if _default_engine is None:
        with _default_lock:
            if _default_engine is None:
                _default_engine = Engine()
    return _default_engine


def scan(text: str, *, max_chars: int | None = None) -> list[Finding]:
    """Every identifying span in ``text`` found by the in-process engine."""
    check_text(text, max_chars)
    return default_engine().scan_unchecked(text)
