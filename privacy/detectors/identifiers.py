"""Identifiers with a fixed form: BSN, IBAN, postcode, licence plate, phone, e-mail, URL,
social-media handles and case numbers.

Checksums come from python-stdnum (BSN 11-proef, IBAN mod 97). Public help lines
(0800-2000, 112, ...) are left alone.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from itertools import pairwise
from typing import NamedTuple

from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn

from privacy.allowlist import is_public_number
from privacy.detectors.lexicon import dutch_words, place_names
from privacy.detectors.numbers_nl import LETTER_NAMES, SPOKEN_DIGITS, spoken_digits
from privacy.detectors.spans import distinct
from privacy.fast import contains_any, finditer_at, finditer_near, folded, keyword_pattern
from privacy.findings import Finding, Label

_TRAILING = ".,;:!?)]}'\""


def _finding(text: str, start: int, end: int, label: Label, detector: str) -> Finding:
    return Finding(start=start, end=end, label=label, text=text[start:end], detector=detector)


# --- e-mail, URL, handles ---------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
_URL = re.compile(
    r"(?<![\w@/.-])(?:https?://|www\.)[^\s<>\"]+"
    r"|(?<![\w@/.-])[\w-]+(?:\.[\w-]+)*\.(?:nl|com|org|net|eu|be|de|info|nu|io|app|frl|amsterdam"
    r"|rotterdam|online|shop|biz|uk|fr|pl)(?:/[^\s<>\"]*)?(?![\w@-])"
    # round 24: any top-level domain with a path ("bit.ly/3xYzAb", "wa.me/31612345678")
    r"|(?<![\w@/.-])[\w-]+(?:\.[\w-]+)*\.[a-z]{2,12}/(?=[\w@])[^\s<>\"]+",
    re.IGNORECASE,
)
# Round 24: an address written so that a robot cannot read it ("naam [at] domein punt nl",
# "jan(at)gmail.com", "j.devries@gmail .com", "jdevries@hotmail,com"): an "at" in a
# bracket or between spaces, "dot"/"punt" for the dots, and a known top-level domain
_OBFUSCATED_AT = (
    r"(?:[ \t]*(?:\[at\]|\(at\)|\{at\}|\[@\]|\(@\))[ \t]*"
    r"|[ \t]+(?:at|apenstaartje|apestaartje)[ \t]+|[ \t]+@[ \t]*|@[ \t]+|@)"
)
_OBFUSCATED_DOT = (
    r"(?:[ \t]*(?:\[dot\]|\(dot\)|\{dot\}|\[punt\]|\(punt\)|\[\.\]|\(\.\))[ \t]*"
    r"|[ \t]+(?:dot|punt)[ \t]+|[ \t]+\.|\.|,)"
)
_OBFUSCATED_EMAIL = re.compile(
    rf"(?<![\w.+-])[\w.+-]*\w{_OBFUSCATED_AT}[\w-]+(?:{_OBFUSCATED_DOT}[\w-]+)*?"
    rf"{_OBFUSCATED_DOT}(?:nl|com|org|net|eu|be|de|info|nu|fr|pl|uk|tr|ma)(?![\w@-])",
    re.IGNORECASE,
)
# only where an address may be written so (a plain "@" is not): cheap substring tests first
_OBFUSCATED_MARKS = (" at ", "at]", "at)", "at}", "staartje")
# "jan @ gmail.com", "jan[@]gmail", "jan@gmail .com", "jan@hotmail,com"
_OBFUSCATED_AT_SIGN = re.compile(r"[ \t\[(]@|@[ \t\])]|@[\w.-]+(?:[ \t]+\.|,)")
_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_][A-Za-z0-9_.]{1,29}")
# A URL has "://", "www." or a dot between word characters ("example.nl").
_URL_HINT = re.compile(r"\.(?<=[\w-]\.)[\w-]")


@distinct
def find_emails(text: str) -> Iterator[Finding]:
    """E-mail addresses."""
    if "@" in text:
        for m in _EMAIL.finditer(text):
            yield _finding(text, m.start(), m.end(), Label.EMAIL, "email")
    if contains_any(folded(text).text, _OBFUSCATED_MARKS) or (
        "@" in text and _OBFUSCATED_AT_SIGN.search(text)
    ):
        for m in _OBFUSCATED_EMAIL.finditer(text):
            if not _EMAIL.fullmatch(m.group(0)):
                yield _finding(text, m.start(), m.end(), Label.EMAIL, "email")


@distinct
def find_urls(text: str) -> Iterator[Finding]:
    """Web addresses, with or without scheme; bare domains need a known top-level domain."""
    if "://" not in text and "www." not in folded(text).text and not _URL_HINT.search(text):
        return
    for m in _URL.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in _TRAILING:
            end -= 1
        if end > m.start():
            yield _finding(text, m.start(), end, Label.URL, "url")


@distinct
def find_handles(text: str) -> Iterator[Finding]:
    """Social-media handles (``@naam``): they point to a person, so they count as a name.

    The "@" stays outside the name ("@[[NAAM:koen_boa]]"), as every blind writer marks it."""
    if "@" not in text:
        return
    for m in _HANDLE.finditer(text):
        end = m.end()
        while text[end - 1] == ".":
            end -= 1
        if end - m.start() > 1:
            yield _finding(text, m.start() + 1, end, Label.NAAM, "handle")


# "mirjam_wijkteam_vlaardingen | 18-03-2025", "**re:** Joke_vd_Berg", "lotte_kdv 21:03": a
# user name with an underscore, with or without its "@" (a forum's header, a signature)
_USERNAME = re.compile(
    r"(?<![\w@./:-])[A-Za-z][A-Za-z0-9]*(?:[._][A-Za-z0-9]+)*_[A-Za-z0-9]+"
    r"(?:[._][A-Za-z0-9]+)*(?![\w@/-]|\.\w)"
)
_FILE_ENDINGS = (
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".txt", ".jpg", ".jpeg", ".png", ".heic",
    ".mp4", ".mov", ".csv", ".odt", ".zip", ".py",
)  # fmt: skip


@distinct
def find_usernames(text: str) -> Iterator[Finding]:
    """A user name joined by underscores ("lotte_kdv", "Joke_vd_Berg"): in a text for
    people such a word names a person; file names ("verslag_mei.pdf") and constants
    without a lowercase letter ("MAX_SIZE") stay."""
    if "_" not in text:
        return
    for m in _USERNAME.finditer(text):
        value = m.group(0)
        if value.lower().endswith(_FILE_ENDINGS) or not any(c.islower() for c in value):
            continue
        yield _finding(text, m.start(), m.end(), Label.NAAM, "gebruikersnaam")


# "haar id is linaRTM88", "zijn snap: tomvdb77", "Insta sanne2010": an account's name
# after the service or "id" that names it, written with digits in it (round 20: chats and
# expat notes name a WeChat or Snapchat id; "zijn account is geblokkeerd" has no digit)
_ACCOUNT_NAME = re.compile(
    r"(?<![\w-])(?i:id|gebruikersnaam|username|user|account|accountnaam|snap|snapchat|insta"
    r"|instagram|tiktok|wechat|telegram|discord|skype|gamertag)"
    r"(?:[ \t]+(?:is|was))?[ \t]*:?[ \t]+"
    r"([A-Za-z][A-Za-z0-9._]*[0-9][A-Za-z0-9._]*|[A-Za-z][A-Za-z0-9._]*[A-Za-z0-9])(?![\w@/-])"
)


@distinct
def find_account_names(text: str) -> Iterator[Finding]:
    """An account's name after "id is", "snap:", "WeChat" that holds a digit."""
    for m in _ACCOUNT_NAME.finditer(text):
        value = m.group(1).rstrip(".")
        if len(value) >= 4 and any(c.isdigit() for c in value) and any(c.isalpha() for c in value):
            yield _finding(text, m.start(1), m.start(1) + len(value), Label.NAAM, "account")


# --- BSN and IBAN -------------------------------------------------------------------

_BSN = re.compile(
    r"(?<![\w.-])(\d{3}[ .]?\d{2}[ .]?\d{2}[ .]?\d{2}|\d{3}([ .-])\d{3}\2\d{3}"
    r"|\d{4}[ .]\d{2}[ .]\d{3})(?![\w-])"
)
_BSN_CONTEXT = re.compile(
    r"(?:bsn|burgerservicenummer|sofinummer)[\s-]*(?:nummer|nr\.?)?\s*[:=]?\s*"
    r"(\d[\d .-]{6,11}\d)",
    re.IGNORECASE,
)
_THREE_DIGITS = re.compile(r"\d\d\d")  # where a BSN (or a case number's digits) can start
_BSN_WORDS = ("bsn", "burgerservicenummer", "sofinummer")


@distinct
def find_bsn(text: str) -> Iterator[Finding]:
    """BSN: nine digits passing the 11-proef, or any number right after "BSN"."""
    for m in finditer_at(_BSN, _THREE_DIGITS, text):
        if stdnum_bsn.is_valid(m.group(1)):
            yield _finding(text, m.start(1), m.end(1), Label.BSN, "bsn")
    if not contains_any(folded(text).text, _BSN_WORDS):
        return
    for m in _BSN_CONTEXT.finditer(text):
        yield _finding(text, m.start(1), m.end(1), Label.BSN, "bsn")


_IBAN = re.compile(r"(?<![\w])([A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]){11,30})", re.IGNORECASE)
_IBAN_NL = re.compile(r"(?<![\w])NL[\s-]?\d{2}[\s-]?[A-Z]{4}(?:[\s-]?\d){10}(?!\d)", re.IGNORECASE)
# "IBAN: BE71 0961 2345 6760", "rekening DE89 ...": after such a word an IBAN-shaped
# number is one even when its check digits are wrong (a typo still identifies).
_IBAN_WORD_BEFORE = re.compile(r"(?i:iban|rekening(?:nummer)?|rek\.?(?:nr\.?)?)\W{0,3}$")
_IBAN_SHAPE = re.compile(
    r"[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?(?=[A-Z]{0,3}\d)[A-Z0-9]{1,4})?(?![\w-])"
)
# typed in lowercase, every group after the country code has a digit ("be68 5390 ...")
_IBAN_SHAPE_LOWER = re.compile(
    r"[a-z]{2}\d{2}(?:[ -]?(?=[a-z]{0,3}\d)[a-z0-9]{4}){2,7}"
    r"(?:[ -]?(?=[a-z]{0,3}\d)[a-z0-9]{1,4})?(?![\w-])"
)
# Both start with two letters and two digits, a space allowed between them for NL.
_IBAN_HINT = re.compile(r"\d(?<=[a-z][a-z]\d|[a-z][\s-]\d)\d")  # "nl91", "nl 91", "nl-91"


@distinct
def find_iban(text: str) -> Iterator[Finding]:
    """IBANs: any Dutch-shaped one, other countries when the mod-97 check passes."""
    if not _IBAN_HINT.search(folded(text).text):
        return
    taken: list[tuple[int, int]] = []
    for m in _IBAN_NL.finditer(text):
        taken.append((m.start(), m.end()))
        yield _finding(text, m.start(), m.end(), Label.IBAN, "iban")
    # Searched from where the last one ended, not from the end of a match: the pattern
    # swallows the words after an IBAN ("BE71 0961 2345 6769 en rekening GB29 ..."), and the
    # next IBAN may stand among them.
    position = 0
    while (m := _IBAN.search(text, position)) is not None:
        position = m.start() + 1
        if any(s < m.end() and m.start() < e for s, e in taken):
            position = max(position, min(e for s, e in taken if s < m.end() and m.start() < e))
            continue
        candidate = m.group(1)
        # Shrink from the right until it validates: the pattern may swallow a word.
        for cut in range(len(candidate), 14, -1):
            piece = candidate[:cut].rstrip(" -")
            # mod 97 and the country's length and structure; not the national check of the
            # account number ("BE68 5390 0754 7034" fails it and identifies all the same)
            if stdnum_iban.is_valid(piece, check_country=False):
                yield _finding(text, m.start(1), m.start(1) + len(piece), Label.IBAN, "iban")
                position = m.start(1) + len(piece)
                break
        else:
            shape = (_IBAN_SHAPE if text[m.start(1)].isupper() else _IBAN_SHAPE_LOWER).match(
                text, m.start(1)
            )
            if shape is not None and _IBAN_WORD_BEFORE.search(
                text, max(0, m.start(1) - 20), m.start(1)
            ):
                yield _finding(text, m.start(1), shape.end(), Label.IBAN, "iban")
                position = shape.end()


# --- postcode and licence plate -----------------------------------------------------

_UNITS = frozenset({"mg", "kg", "km", "cm", "mm", "ml", "cl", "dl", "gr", "uur", "ha", "kb",
                    "mb", "gb", "pk", "kw", "st", "ss", "sa", "sd"})  # fmt: skip
# By its definition a postcode is four digits (the first not 0) and two letters. People
# type a space, none, two, a dash, a tab, a no-break space or a line break between them
# ("3071AB", "3071 ab", "3071-AB", "3071  AB", "3071\nAB"); after a comma without a space
# ("Kerkweg 4a,3071 AB") too, but not after a digit and a comma ("1,5000"): a decimal.
# The country's "NL-" may stand before it ("NL-3071 AB") and the house number right after
# it ("3071AB12", "3071 AB-12", as forms ask for them).
_POSTCODE = re.compile(
    r"(?:(?<![\w.-])|(?<=\bNL-))(?<!\d,)([1-9]\d{3})"
    r"([ \t\u00a0]{0,3}|[ \t\u00a0]*\n[ \t\u00a0]*|[ \t]?-[ \t]?)"
    r"([A-Za-z]{2})(?![^\W\d]|[_-](?!\d))"
)
_POSTCODE_WORD_BEFORE = re.compile(r"(?i:postcode|pc)\W{0,3}$")
# "Kerkweg 4a 3071 ab", "Kerkweg 4a,3071 ab", "Kerkweg 4a (3071 ab)", "Kerkweg 4a\n3071 ab"
_HOUSE_NUMBER_BEFORE = re.compile(r"\d[a-zA-Z]?(?:,?\s+|,|[ \t]*\()$")
# a street's word and its house number right before it ("Kerkweg 4a, ", "Dorpsstraat 12 (")
_STREET_NUMBER_BEFORE = re.compile(
    r"[^\W\d_]{2,}\.?[ \t]+\d{1,5}[a-zA-Z]?(?:-\d{1,3})?(?:,?[ \t]+|,|[ \t]*\(|[ \t]*\n[ \t]*)$"
)
# the word after it, also after a comma or on the next line ("3071 ab,\nRotterdam")
_WORD_AFTER = re.compile(
    r",?(?:[ \t]+|[ \t]*\n[ \t]*)"
    r"([^\W\d_][\w'-]*(?:[ \t]+aan[ \t]+(?:den|de|het)[ \t]+\w+)?)"
)


def _postcode_context(text: str, m: re.Match) -> bool:
    """A house number or "postcode" before it, or a town after it."""
    if _POSTCODE_WORD_BEFORE.search(text, max(0, m.start() - 12), m.start()):
        return True
    if _HOUSE_NUMBER_BEFORE.search(text, max(0, m.start() - 8), m.start()):
        return True
    after = _WORD_AFTER.match(text, m.end())
    return after is not None and after.group(1).lower() in place_names()


def _lowercase_postcode(text: str, m: re.Match) -> bool:
    """ "3011 ab" is a postcode after "postcode" or a house number, or before a place
    ("3011 ab rotterdam"); without those, "2024 en" is a year and a word."""
    if _POSTCODE_WORD_BEFORE.search(text, max(0, m.start() - 12), m.start()):
        return True
    house_number = _HOUSE_NUMBER_BEFORE.search(text, max(0, m.start() - 8), m.start())
    after = _WORD_AFTER.match(text, m.end())
    place = after is not None and after.group(1).lower() in place_names()
    if m.group(3) in _FUNCTION_WORDS:
        # "september 2019 in Rotterdam", "06 4433 2211 en": a year or a number, then a word;
        # but after a house number four digits that are no year are the postcode whatever
        # its letters ("Dorpsstraat 12 (1000 bv)", "Kerkweg 4a, 3071 en")
        if house_number and place:
            return True
        year = 1900 <= int(m.group(1)) <= 2099
        if place and not year and m.group(3) not in _BEFORE_A_PLACE:
            return True  # "1000 bv Rotterdam"; but "zo'n 1500 in Rotterdam" is a number
        street = _STREET_NUMBER_BEFORE.search(text, max(0, m.start() - 40), m.start())
        return street is not None and not year
    if house_number or place:
        return True
    # "ik woon in 3071 ab": four digits that are no year and two letters that are no word
    # after a number are a postcode without anything beside it
    return not 1900 <= int(m.group(1)) <= 2099 and m.group(3) not in _AFTER_AMOUNT


# Another country's postcode in an address: after a street and house number and a comma or
# a line break, digits in its country's form before a town ("Meir 12, 2000 Antwerpen",
# "Hauptstraße 5, 10115 Berlin", "ul. Długa 5, 00-950 Warszawa", "Cad. 12, 34000 İstanbul")
_FOREIGN_POSTCODE = re.compile(
    r"[^\W\d_]{2,}\.?[ \t]+\d{1,5}[a-zA-Z]?(?:,[ \t]*|[ \t]*\n[ \t]*)"
    r"(?:[A-Z]{1,2}-)?(\d{4,5}|\d{2}-\d{3})[ \t]+(?=[A-ZÀ-ÝİŁŚŻ][^\W\d_]+)"
)
# Round 27: with the country's letters before it ("B-2000 Antwerpen", "D-47533 Kleve",
# "TR-34000 İstanbul") or after a comma, a line's start or "in/te/naar/uit" and before a
# town ("..., 62000 Nador", "woont in 10115 Berlin"): four digits that could be a year
# ("in 2019 Antwerpen") only with the country's letters
_COUNTRY_POSTCODE = re.compile(
    r"(?:(?<![\w-])([A-Z]{1,3})(-|[ \t])(\d{4,5})|(?:^|(?<=[,(\n]))[ \t]*(\d{4,5})"
    r"|\b(?:in|te|naar|uit|[Aa]dres:?)[ \t]+(\d{4,5}))(?![\w-])"
    r"(?=[ \t]+([A-ZÀ-ÝİŁŚŻ][^\W\d_]+(?:[- ][A-ZÀ-Ý][^\W\d_]+)?))",
    re.MULTILINE,
)
_COUNTRY_AFTER = re.compile(
    r",?[ \t]*\(?(?:België|Belgie|Belgium|Duitsland|Deutschland|Marokko|Turkije|Türkiye|"
    r"Frankrijk|Luxemburg|Curaçao|Aruba|Suriname|Bonaire|Polen|Spanje|Italië|Oostenrijk)\b"
)
_POSTCODE_AFTER_TOWN = re.compile(
    r"(?:^|(?<=[,\n]))[ \t]*([A-ZÀ-ÝİŁŚŻ][^\W\d_]{2,})[ \t]+([1-9]\d{4})"
    r"(?=[ \t]*(?:[,;)\n]|\.(?!\d)|$))",
    re.MULTILINE,
)
_COUNTRY_POSTCODE_HINT = re.compile(r"\d{4}[ \t]+[A-ZÀ-ÝİŁŚŻ]|[^\W\d_][ \t]+[1-9]\d{4}")
_COUNTRY_LETTERS = frozenset({"B", "D", "F", "L", "A", "CH", "BE", "DE", "TR", "MA", "FR", "LU",
                              "AT", "PL", "DK", "E", "I", "P", "S", "N", "NL"})  # fmt: skip
_FOREIGN_POSTCODE_HINT = re.compile(r"\d(?:,[ \t]*|[ \t]*\n[ \t]*)(?:[A-Z]{1,2}-)?\d\d")
# A British postcode by its definition: outward code, space, inward code ("SW1A 1AA")
_UK_POSTCODE_HINT = re.compile(r"\d[A-Z]{2}(?![\w-])")
_UK_POSTCODE = re.compile(r"(?<![\w-])[A-Z]{1,2}\d[A-Z\d]?[ ]?\d[ABD-HJLNP-UW-Z]{2}(?![\w-])")

#: Two letters after an amount ("1250 pm", "3000 pp"): per month, per person, ...
_AFTER_AMOUNT = frozenset({"pm", "am", "pp", "px", "ct", "cc", "pj", "pw", "pd", "ps", "xp"})
# "postcode 3071", "pc4 3072", "postcodegebied 3074": the four digits alone (the area)
_POSTCODE_AREA = re.compile(
    r"(?i:postcode(?:gebied)?|pc4?)[ \t]*:?[ \t]*([1-9]\d{3})"
    r"(?![\w-]|[ \t\u00a0-]{0,3}[A-Z]{2}(?!\w))"
)

#: Two-letter words that follow a year or a number in running text.
_FUNCTION_WORDS = frozenset(
    {"in", "en", "te", "op", "om", "of", "is", "al", "nu", "na", "er", "ik", "je", "we", "ze",
     "de", "zo", "ja", "uw", "bv", "ca", "nr", "tm"}
)  # fmt: skip


#: Function words that stand before a town ("1500 in Rotterdam" is a number and a town).
_BEFORE_A_PLACE = frozenset({"in", "te", "op", "om", "na", "uw", "de"})

_FOUR_DIGITS = re.compile(r"\d\d\d\d")


@distinct
def find_postcodes(text: str) -> Iterator[Finding]:
    """Dutch postcodes (``2651 CX``, ``2652AK``, ``3132kd``)."""
    for m in finditer_at(_POSTCODE, _FOUR_DIGITS, text):
        letters = m.group(3)
        if letters.lower() in _UNITS and not _postcode_context(text, m):
            continue  # "1500 mg", "2000 km"; but "Kerkweg 4, 3071 KB Rotterdam" is one
        if letters.islower() and m.group(2) and not _lowercase_postcode(text, m):
            continue  # "2024 en" is a year and a word, not a postcode
        if not (letters.isupper() or letters.islower()) and not _postcode_context(text, m):
            continue  # "3071 Ab" beside a house number or a town is a typed postcode
        yield _finding(text, m.start(), m.end(), Label.POSTCODE, "postcode")
    if "pc" in folded(text).text or "postcode" in folded(text).text:
        for m in _POSTCODE_AREA.finditer(text):
            yield _finding(text, m.start(1), m.end(1), Label.POSTCODE, "postcode")
    if _FOREIGN_POSTCODE_HINT.search(text):  # most texts have no address at all
        for m in _FOREIGN_POSTCODE.finditer(text):
            yield _finding(text, m.start(1), m.end(1), Label.POSTCODE, "postcode")
    if _COUNTRY_POSTCODE_HINT.search(text):
        yield from _country_postcodes(text)
    if _UK_POSTCODE_HINT.search(text):
        for m in _UK_POSTCODE.finditer(text):
            yield _finding(text, m.start(), m.end(), Label.POSTCODE, "postcode")


def _country_postcodes(text: str) -> Iterator[Finding]:
    places, words = place_names(), dutch_words()
    for m in _COUNTRY_POSTCODE.finditer(text):
        town = m.group(6)
        known = town.lower() in places or town.split()[0].lower() in places
        if m.group(3):
            # "B-2000 Antwerpen", "D-47533 Kleve"; with a space only before a known town
            # ("A 1234 Rotterdam": a one-letter word or an initial, not Austria)
            spaced_ok = known and (len(m.group(1)) > 1 or m.group(1) in "BDFL")
            if m.group(1) in _COUNTRY_LETTERS and (m.group(2) == "-" or spaced_ok):
                yield _finding(text, m.start(), m.end(3), Label.POSTCODE, "postcode")
            continue
        group = 4 if m.group(4) else 5
        digits = m.group(group)
        if digits[0] == "0" or (len(digits) == 4 and 1900 <= int(digits) <= 2099):
            continue  # "in 2019 Antwerpen": a year
        country = _COUNTRY_AFTER.match(text, m.end(group) + 1 + len(town))
        # five digits before a town that is no Dutch word ("10115 Berlin"), or on a line of
        # their own before any capitalised word ("\n47533 Kleve")
        line_start = text[: m.start(group)].rstrip(" \t").endswith("\n")
        if (
            known
            or country
            or (len(digits) == 5 and (line_start or town.split()[0].lower() not in words))
        ):
            yield _finding(text, m.start(group), m.end(group), Label.POSTCODE, "postcode")
    # "..., Nador 62000", "\nİstanbul 34000": after a comma or at a line's start a known
    # town, then five digits and the line's or the sentence's end
    for m in _POSTCODE_AFTER_TOWN.finditer(text):
        if m.group(1).lower() in places:
            yield _finding(text, m.start(2), m.end(2), Label.POSTCODE, "postcode")


_L = "[A-Z]"
_D = r"\d"
_SIDE_CODES = (
    (2, 2, 2, "LDD"), (2, 2, 2, "DDL"), (2, 2, 2, "DLD"), (2, 2, 2, "LDL"), (2, 2, 2, "LLD"),
    (2, 2, 2, "DLL"), (2, 3, 1, "DLD"), (1, 3, 2, "DLD"), (2, 3, 1, "LDL"), (1, 3, 2, "LDL"),
    (3, 2, 1, "LDL"), (1, 2, 3, "LDL"), (1, 2, 3, "DLD"), (3, 2, 1, "DLD"),
)  # fmt: skip


def _side_code_pattern(sep: str) -> str:
    parts = []
    for a, b, c, kinds in _SIDE_CODES:
        groups = [f"{_L if k == 'L' else _D}{{{n}}}" for n, k in zip((a, b, c), kinds, strict=True)]
        parts.append(sep.join(groups))
    return "(?:" + "|".join(parts) + ")"


_PLATE = re.compile(r"(?<![\w-])" + _side_code_pattern("-") + r"(?![\w-])", re.IGNORECASE)
_DASH = re.compile("-")
_PLATE_CONTEXT = re.compile(
    r"kenteken(?:nummer)?\s*[:]?\s*(" + _side_code_pattern(r"(?:[ ]?-[ ]?|[ ])?") + r")(?![\w-])",
    re.IGNORECASE,
)
# "de auto GV 123 B", "busje 52 XKT 9": spaces between the groups after the vehicle's word
_VEHICLE_SPACED_PLATE = re.compile(
    r"\b(?:auto|wagen|voertuig|busje|bus|bestelbus|scooter|motor)[ \t]*:?[ \t]*("
    + _side_code_pattern("[ ]")
    + r")(?![\w-])",
    re.IGNORECASE,
)


# Without dashes, in any case ("gx412t", "VDB72K"): a six-character token of letters and
# digits in one of the side codes. "3011ab" (digits-digits-letters) is left to the
# postcode detector unless "kenteken" comes before it.
_PLATE_BARE = re.compile(r"(?<![\w-])" + _side_code_pattern("") + r"(?![\w-])", re.IGNORECASE)
_LETTER_DIGIT = re.compile(r"[a-z]\d|\d[a-z]", re.IGNORECASE)
_POSTCODE_SHAPE = re.compile(r"\d{4}[a-z]{2}", re.IGNORECASE)


# "met auto dukd4712", "kenteken WA 12345", "busje DU-KD-4712": a foreign plate (letters,
# then digits, without a Dutch side code) after the word for the vehicle or the plate
_VEHICLE = r"(?:kenteken(?:nummer)?|auto|wagen|voertuig|busje|bus|bestelbus|scooter|motor)"
#: Searched in the folded text (privacy/fast.py), so without ``re.IGNORECASE``.
_VEHICLE_WORD = re.compile(rf"\b{_VEHICLE}\b")
_FOREIGN_PLATE = re.compile(
    rf"\b{_VEHICLE}[ \t]*(?:met[ \t]+(?:het[ \t]+)?kenteken[ \t]*)?:?[ \t]*"
    r"((?-i:[A-Z]{2}\d{2}[ ]?[A-Z]{3}|[A-Z]{1,3}[- ]?[A-Z]{1,3}[- ]?\d{2,5}[A-Z]?"
    r"|[a-z]{2,6}-?\d{2,5}[a-z]?|[A-Z]{2,6}-?\d{2,5}[A-Z]?"
    # round 24: Belgian "1-ABC-234", Turkish "34 ABC 123", Moroccan "12345-A-6" (the
    # British "AB12 CDE" comes first, before "AB12" alone)
    r"|\d[- ]?[A-Z]{3}[- ]?\d{3}|\d{2}[ ][A-Z]{1,3}[ ]\d{2,4}|\d{1,5}[- ][A-Z][- ]\d{1,2}"
    r"))(?![\w-])",
    re.IGNORECASE,
)


@distinct
def find_plates(text: str) -> Iterator[Finding]:
    """Dutch licence plates in side codes 1-14 (``GV-123-B``, ``52-XKT-9``, ``gx412t``)."""
    # the first dash of a plate comes at most three characters after its start
    for m in finditer_near(_PLATE, _DASH, text, 3):
        letters = "".join(c for c in m.group(0) if c.isalpha())
        if letters.isupper() or letters.islower():  # "xr-512-k" as well; not "Ab-12-cd"
            yield _finding(text, m.start(), m.end(), Label.KENTEKEN, "kenteken")
    if _LETTER_DIGIT.search(text):
        for m in _PLATE_BARE.finditer(text):
            if not _POSTCODE_SHAPE.fullmatch(m.group(0)):
                yield _finding(text, m.start(), m.end(), Label.KENTEKEN, "kenteken")
    if _VEHICLE_WORD.search(folded(text).text):
        for m in _FOREIGN_PLATE.finditer(text):
            yield _finding(text, m.start(1), m.end(1), Label.KENTEKEN, "kenteken")
        for m in _VEHICLE_SPACED_PLATE.finditer(text):
            letters = "".join(c for c in m.group(1) if c.isalpha())
            if letters.isupper() or letters.islower():
                yield _finding(text, m.start(1), m.end(1), Label.KENTEKEN, "kenteken")
    if "kenteken" not in folded(text).text:
        return
    for m in _PLATE_CONTEXT.finditer(text.upper()):
        yield _finding(text, m.start(1), m.end(1), Label.KENTEKEN, "kenteken")


# --- phone numbers ------------------------------------------------------------------

_DATE_AT = re.compile(r"[0-3]?\d[-/.][01]?\d[-/.](?:19|20)\d{2}(?!\d)")
# "(0031 6 ...)": the bracket before "0031" opens no trunk "(0"; the country code in
# brackets ("(+31) 6 ...", "(0031) 6 ...") or typed "00 31" (round 24) is one
_PHONE_START = re.compile(
    r"(?<![\w+])(?:\+31|0031|00[ \u00a0]31(?=[ \u00a0]?[1-9(])|\((?:\+31|0031)\)|\((?!00)0|0)"
    r"(?=[\d\s()./\u2013-])"
)
_PHONE_ANCHOR = re.compile(r"\+31|\(0|\(\+|0")
# the en dash and the no-break space of a word processor are separators too (round 24)
_PHONE_SEPARATORS = frozenset(" -./()\u2013\u00a0")
_TRUNK_ZERO = re.compile(r"\s*\(0\)")
# "+31 06 ...", "+31 010 ...": the trunk 0 typed after the country code anyway
_WRITTEN_TRUNK = re.compile(r"[ \u00a0-]?0(?=[1-9])")
# a reference field's word just before: "zaaknummer 0123-4567-89" is no phone number
_REFERENCE_BEFORE = re.compile(
    r"(?i:(?:zaak|dossier|factuur|klant|polis|order|registratie|referentie|cliënt|client)"
    r"(?:nummer|nr)|kenmerk|referentie|ref|bsn|kvk|iban)\.?:?[ \t]*$"
)


def _phone_digits_needed(prefix_digits: str) -> tuple[int, ...]:
    """How many digits a national number starting with these digits may have in total."""
    if prefix_digits.startswith(("0800", "0900", "0906", "0909")):
        return (8, 11)
    return (10,)


# Any other country: "+44 7700 900123", "+90 532 418 22 07", "+380 67 214 5533",
# "0044 ...": a country code and 6 to 13 more digits, single separators between them.
_FOREIGN_PHONE = re.compile(
    r"(?<![\w+])(?:\+|00[ ]?)(?!31)[1-9]\d{0,2}(?:[ ./\u00a0\u2013-]?\(?\d\)?){6,13}(?![\d])"
)


# "(503) 555-0187", "503-555-0187", "503.555.0187": a North American number without its
# "+1", in the area code's brackets or with two dashes or dots (three, three, four digits)
_NANP_PHONE = re.compile(
    r"(?<![\w+(.-])(?:\(\d{3}\)[ ]?\d{3}-|\d{3}-\d{3}-|\d{3}\.\d{3}\.)\d{4}(?![\w-]|\.\d)"
)


@distinct
def find_phones(text: str) -> Iterator[Finding]:
    """Phone numbers: 06, landlines, +31 / 0031 with any common separators, and foreign
    numbers written with their country code."""
    if "+" in text or "00" in text:
        for m in _FOREIGN_PHONE.finditer(text):
            if m.group(0).startswith("00") and not m.group(0)[2:4].strip().isdigit():
                continue  # "00 44 20 7946 0958" is one, "00-12" is not
            if m.group(0).startswith("00") and " " not in m.group(0):
                continue  # "0044..." without spaces may be any number; "+" is clear
            end = m.end()
            if text[end - 1] == ")" and m.group(0).count("(") < m.group(0).count(")"):
                end -= 1  # "(+32 470 12 34 56)": the closing bracket is the sentence's
            yield _finding(text, m.start(), end, Label.TELEFOON, "telefoon")
    if "-" in text or "." in text:
        for m in _NANP_PHONE.finditer(text):
            if text[m.start()] == "(" or not _DATE_AT.match(text, m.start()):
                yield _finding(text, m.start(), m.end(), Label.TELEFOON, "telefoon")
    for m in finditer_at(_PHONE_START, _PHONE_ANCHOR, text):
        if _DATE_AT.match(text, m.start()):
            continue  # "02-11-2025 04:10": a date and a time, no phone number
        international = m.group(0) != "0" and m.group(0) != "(0"
        i = m.end()
        if international:
            trunk = _TRUNK_ZERO.match(text, i)  # "+31 (0)6": the (0) is not dialled
            if trunk:
                i = trunk.end()
            else:
                trunk = _WRITTEN_TRUNK.match(text, i)  # "+31 06 ...": nor is this 0
                if trunk:
                    i = trunk.end()
        elif text.startswith("00", i - 1):
            continue  # "0004567890": a national number never starts with 00
        digits = "" if international else "0"
        ends: list[int] = []  # end offset after each digit
        while i < len(text) and len(digits) < 12:
            ch = text[i]
            if ch.isdigit():
                digits += ch
                ends.append(i + 1)
            elif (
                ch not in _PHONE_SEPARATORS
                or text.startswith("  ", i)
                or (ch == "(" and len(digits) > 4)  # "0900 123 45 67 (80 ct/min)"
            ):
                break
            i += 1
        wanted = (9,) if international else _phone_digits_needed(digits)
        offset = 0 if international else 1  # the leading 0 has no entry in `ends`
        for length in sorted(wanted, reverse=True):
            if len(digits) < length:
                continue
            end = ends[length - 1 - offset]
            if (
                len(digits) > length
                and length == max(wanted)
                and not (text[end] in " \t\n\u00a0/|" and text[end - 1].isdigit())
            ):
                break  # a longer digit run: an account or case number, not a phone
            if not international and _REFERENCE_BEFORE.search(
                text, max(0, m.start() - 30), m.start()
            ):
                break
            start = m.start()
            if text[start] == "(" and ")" not in text[start:end]:
                start += 1  # "(06 33 10 72 85)": the bracket is not part of the number
            if not is_public_number(text[start:end]):
                yield _finding(text, start, end, Label.TELEFOON, "telefoon")
            break


# --- case numbers -------------------------------------------------------------------

_CASE_NUMBER = re.compile(
    r"(?<![\w-])(?:[A-Z]{1,5}\d{0,6}[-/]){0,3}(?:19|20)\d{2}[-/]"
    r"(?:\d{5,10}|\d{3,6}[-/]\d{3,10})(?![\w-])"
    r"|(?<![\w-])[A-Z]{1,5}\d{0,6}-[A-Z0-9]*\d{4,}[A-Z0-9-]*(?![\w-])"
    r"|(?<![\w/])[A-Z]/\d{2}/\d{5,10}(?![\w/])"
    # "VT-ZH-2024-5521": one or more letter groups, a year, a shorter number
    r"|(?<![\w-])(?:[A-Z]{1,5}[-/]){1,3}(?:19|20)\d{2}[-/]\d{3,10}(?![\w-])"
    # "2025/0418-ROT": a year, a number and the office's letters
    r"|(?<![\w-])(?:19|20)\d{2}[-/]\d{3,6}-[A-Z]{2,5}(?![\w-])"
    # "JE RK 24-512": court register abbreviations, a two-digit year, a number
    r"|(?<![\w-])(?:[A-Z]{2,5}[ ]){1,3}\d{2}-\d{3,8}(?![\w-])"
    # "INC-26-1147", "VT-25-004418": the office's letters, a two-digit year, a number
    r"|(?<![\w-])[A-Z]{2,5}-\d{2}-\d{3,6}(?![\w-])"
)
# "#2023-4471", "#44871": a reference written with "#" (three digits or more)
# "ticket#2023-4471", "melding#44871": a word written against the "#" (not "&#123;", "##12")
_HASH_NUMBER = re.compile(r"(?<![#&\d])#(?:[A-Z]{1,5}-?)?\d(?:[\d/-]*\d)?(?![\w])")
# "BVH 2024-118734", "RvdK 2024/18302": an abbreviation in front belongs to the number
_NUMBER_PREFIX = re.compile(r"(?<![\w-])([A-Z][A-Za-z]{1,4})\s$")
_NUMBER_CONTEXT = re.compile(
    r"(?:zaak|dossier|registratie|mutatie|cliënt|client|klant|pv|proces-verbaal|parket|"
    r"referentie|kenmerk|relatie|big|agb|polis|aangifte|meldings?|casus|aanmeld|"
    r"verwijs|incident|intake)[- ]?(?:nummer|nr\.?)"
    # "casusnummer bij vt is 25-4412": where the number is kept may stand between,
    # then "is", "was" or a colon must announce the number
    r"(?:\s*(?:is|:)?|(?:\s+(?:bij|van|in|voor|op)\s+[\w.'-]{1,25}){1,2}\s*(?:is|was|:))"
    r"\s*([A-Za-z0-9][A-Za-z0-9/.-]*\d[A-Za-z0-9/.-]*)",
    re.IGNORECASE,
)


# "kenmerk: JZ/2024/0417", "ons kenmerk 2025.0412.JB", "ref. 24/1187", "onder nummer 88123":
# a reference announced without "nummer" after its word
_REFERENCE = re.compile(
    r"(?<!\w)(?:kenmerk|referentie|ref\.|ref(?=\s*:?\s*[A-Za-z]{0,5}[-/]?\d)|(?:onder|met)\s+(?:het\s+)?(?:nummer|nr\.?)|"
    r"(?i:dossier|zaak|casus|melding|mutatie)(?=\s*:?\s*[A-Za-z]{0,5}[-/]?\d))"
    r"\s*:?\s*([A-Za-z0-9][A-Za-z0-9/.-]*\d[A-Za-z0-9/.-]*)",
    re.IGNORECASE,
)
# Any field whose name ends in "nummer"/"nr"/"id" announces a number: "studentnummer
# 661204", "patiëntnr 88123", "Personeelsnummer: 004512", "ZD-nummer 25-1103", "case-id
# 77-4412", ", nummer 2025-4411". The value must hold four digits or more; fields whose
# numbers other detectors own or that identify nobody are left out (``_NOT_NUMBER_FIELDS``).
_FIELD_NUMBER = re.compile(
    r"(?<![\w])([A-Za-zÀ-ÿ]{0,25}(?:-|\s)?)(?:nummer|nr\.?|no\.|-id|ID)"
    # "leerlingnummer van Sem is 120334", "zaaknummer bij de raad: 25/0412": whose number
    # may stand between, then a verb or a colon
    r"(?:(?:[ \t]+(?:van|bij|voor|in|op)(?:[ \t]+(?:de|het|ons|onze|haar|zijn|mijn))?"
    r"[ \t]+[\w.'-]{1,25}){1,2}(?:[ \t]+(?:is|was|luidt)|(?=[ \t]*:))"
    r"|(?:[ \t]+(?:is|was|luidt|gekregen|ontvangen))?)[ \t]*[:#]?[ \t]*"
    # "Cliëntnr. Lucertis 553201": the organisation that gave it may stand between;
    # "V-nummer V 2874 419 603", "Lidnummer JBN 0441873": or the number's own letters
    r"(?:[A-ZÀ-Ý][\w-]*[ \t]+(?=\d))?"
    # "V 2874 419 603", "1234 567 890": a short first group, then groups of three or four
    r"(\d{1,4}(?:[ \t]\d{3,4}(?![\w:/-]))+(?![ \t]\d)|[A-Za-z0-9][A-Za-z0-9/.-]*\d[A-Za-z0-9/.-]*)",
    re.IGNORECASE,
)
# "JBN 0441873", "DJI 0012345", "V 2874 ...": capitals in front of a number after a field's
# name are the number's own (not a field word such as "ID" or "BSN")
_CAPS_BEFORE = re.compile(r"(?<![\w-])([A-Z]{1,5})[ \t]$")
_NOT_NUMBER_LETTERS = frozenset({"ID", "NR", "NO", "BSN", "IBAN", "KVK", "BIG", "AGB", "UZI", "IS"})
_FIELD_KEY = re.compile(r"nummer|nr\b|no\.|\bid\b")
_NOT_NUMBER_FIELDS = frozenset(
    {"telefoon", "tel", "tel.", "mobiel", "mobiele", "fax", "huis", "rekening", "bank",
     "iban", "pagina", "blz", "artikel", "versie", "editie", "lijn", "bus", "tram", "stap",
     "groep", "week", "jaar", "kamer", "bed", "perron", "spoor", "nood", "alarm",
     "hulp", "info", "informatie", "service", "whatsapp", "sms", "de", "het", "een", "dit",
     "dat", "welk", "ander", "zelfde", "volg", "serie", "post", "burgerservice", "bsn",
     "kenteken", "btw", "iban-"}
)  # fmt: skip

# "AGB-code 01-054433", "BIG: 19012345601", "KvK 12345678": a number of a national register
# of care providers, professionals or businesses; the register's name is a field, not part
# of the number ("AGB 01-054433" -> "01-054433")
_REGISTER = re.compile(
    r"(?<![\w-])(?:AGB|BIG|KvK|KVK|UZI)(?:[- ]?(?:code|nummer|nr\.?|registratie|"
    r"registratienummer))?[ \t]*:?[ \t]*(\d[\d .-]{4,14}\d)(?![\w-])"
)
_REGISTER_NAMES = ("AGB ", "BIG ", "KvK ", "KVK ", "UZI ")
_YEAR = re.compile(r"(?:19|20)\d{2}")
_NUMERIC_DATE = re.compile(r"[0-3]?\d[-/.][01]?\d[-/.](?:19|20)?\d{2}")
_REFERENCE_WORDS = (
    "kenmerk", "referentie", "ref", "nummer", "nr", "dossier", "zaak", "casus", "melding",
    "mutatie",
)  # fmt: skip


@distinct
def find_case_numbers(text: str) -> Iterator[Finding]:
    """Case, file and registration numbers (``KW-2024-00417``, ``zaaknummer 2024/118``)."""
    if "#" in text:
        for m in _HASH_NUMBER.finditer(text):
            if sum(c.isdigit() for c in m.group(0)) >= 3:
                yield _finding(text, m.start(), m.end(), Label.NUMMER, "nummer")
    # every form holds three digits in a row ("JE RK 24-512"; four was assumed, and such a
    # court number leaked from a text without another run of four digits)
    if _THREE_DIGITS.search(text):
        for m in _CASE_NUMBER.finditer(text):
            if is_public_number(m.group(0)):
                continue
            start = m.start()
            prefix = _NUMBER_PREFIX.search(text, max(0, start - 6), start)
            if prefix and sum(c.isupper() for c in prefix.group(1)) >= 2:
                start = prefix.start(1)
            if text.startswith(_REGISTER_NAMES, start):
                start += 4
            yield _finding(text, start, m.end(), Label.NUMMER, "nummer")
    if any(name in text for name in ("AGB", "BIG", "KvK", "KVK", "UZI")):
        for m in _REGISTER.finditer(text):
            end = m.end(1)
            if sum(c.isdigit() for c in m.group(1)) >= 6 and " " not in m.group(1).strip():
                yield _finding(text, m.start(1), end, Label.NUMMER, "nummer")
    lowered = folded(text).text
    if any(word in lowered for word in _REFERENCE_WORDS):
        for m in _REFERENCE.finditer(text):
            end = m.end(1)
            while end > m.start(1) and text[end - 1] in _TRAILING:
                end -= 1
            value = text[m.start(1) : end]
            if _YEAR.fullmatch(value) or _NUMERIC_DATE.fullmatch(value):
                continue  # "de zaak 2024", "melding 12-03-2025": a year or a date
            if sum(c.isdigit() for c in value) >= 4 and not is_public_number(value):
                yield _finding(text, m.start(1), end, Label.NUMMER, "nummer")
    if _FIELD_KEY.search(lowered):  # most texts have no field name at all
        yield from _field_numbers(text)
    if "nummer" not in lowered and "nr" not in lowered:
        return
    for m in _NUMBER_CONTEXT.finditer(text):
        end = m.end(1)
        while end > m.start(1) and text[end - 1] in _TRAILING:
            end -= 1
        yield _finding(text, m.start(1), end, Label.NUMMER, "nummer")


_DETERMINERS = frozenset({"de", "het", "een", "dit", "dat"})


def _field_numbers(text: str) -> Iterator[Finding]:
    for m in _FIELD_NUMBER.finditer(text):
        field = m.group(1).strip(" -").lower()
        if field in _DETERMINERS and m.group(1)[-1:].isspace():
            # "het nummer van de zaak is 2025/4412": the article is no field's name; read
            # from "nummer" on, as after a comma
            again = _FIELD_NUMBER.match(text, m.end(1))
            if again is None or again.group(1):
                continue
            m, field = again, ""
        if field in _NOT_NUMBER_FIELDS or field.endswith(("telefoon", "huis", "rekening")):
            continue
        keyword = text[m.end(1) : m.start(2)].strip().lower()
        if keyword.startswith(("-id", "id")) and not (field or ":" in keyword):
            continue  # "id" alone is a word only with a colon: "ID: 77-4412"
        end = m.end(2)
        while end > m.start(2) and text[end - 1] in _TRAILING:
            end -= 1
        value = text[m.start(2) : end]
        if sum(c.isdigit() for c in value) < 4 or is_public_number(value):
            continue
        if _YEAR.fullmatch(value) or _NUMERIC_DATE.fullmatch(value):
            continue  # "nummer 2024", "nr. 12-03-2025": a year or a date
        start = m.start(2)
        caps = _CAPS_BEFORE.search(text, max(m.end(1) + 2, start - 7), start)
        if caps and caps.group(1) not in _NOT_NUMBER_LETTERS:
            start = caps.start(1)
        yield _finding(text, start, end, Label.NUMMER, "nummer")


# --- numbers read out (voice-dictated notes) ----------------------------------------
# "telefoonnummer moeder nul zes vijfenveertig dertien achtentwintig negentig", "postcode
# drie nul zeven negen ka es", "bsn twee vier negen ...": a number spoken digit by digit
# or in groups, in a note dictated without capitals or punctuation.

_SPOKEN = keyword_pattern([*SPOKEN_DIGITS, "dubbel"])
# at least two spoken tokens in a row (searched in the folded text): the cheap test
_SPOKEN_RUN = re.compile(rf"(?<![\w-])(?:{_SPOKEN})[ \t,]+(?:{_SPOKEN}|\d)")
_TOKEN = re.compile(r"[^\W_]+|[.;!?]")
_SEPARATOR_WORDS = frozenset({"streepje", "slash", "schuine", "streep", "min", "koppelteken"})
_BANK_CODES = frozenset(
    {"nl", "abna", "rabo", "ing", "ingb", "snsb", "asnb", "rbrb", "trio", "bunq", "knab", "fvlb",
     "hand", "revo", "ntsb"}
)  # fmt: skip
_BSN_TRIGGERS = frozenset({"bsn", "burgerservicenummer", "sofinummer", "sofi"})
_IBAN_TRIGGERS = frozenset({"iban", "rekeningnummer", "rekening", "rekeningnr", "bankrekening",
                            "bankrekeningnummer", "rek"})  # fmt: skip
_PHONE_TRIGGERS = frozenset(
    {"telefoon", "telefoonnummer", "tel", "mobiel", "mobiele", "mobieltje", "gsm", "belde",
     "bel", "bellen", "gebeld", "bereikbaar", "whatsapp", "appen", "sms", "phone", "cell",
     "mobile", "call"}
)  # fmt: skip
_NUMBER_TRIGGERS = frozenset({"nr", "dossier", "zaak", "kenmerk", "referentie", "registratie"})
_NOT_NUMBER_TRIGGERS = frozenset({"huisnummer", "telefoonnummer", "rekeningnummer"})
#: How many words may stand between a trigger and the number ("bsn van de moeder is ...").
_FILLER = 5


class _Token(NamedTuple):
    start: int
    end: int
    word: str


def _trigger(tokens: list[_Token], i: int) -> str | None:
    """The kind of number a trigger word shortly before token ``i`` announces."""
    for j in range(i - 1, max(-1, i - 1 - _FILLER), -1):
        word = tokens[j].word
        if word in ".;!?":
            return None
        if word in _BSN_TRIGGERS:
            return "bsn"
        if word == "postcode":
            return "postcode"
        if word in _IBAN_TRIGGERS:
            return "iban"
        if word in _PHONE_TRIGGERS:
            return "telefoon"
        if word in _NUMBER_TRIGGERS or (
            word.endswith("nummer") and word != "nummer" and word not in _NOT_NUMBER_TRIGGERS
        ):  # "nummer" alone is as often a phone number
            return "nummer"
    return None


def _digit_run(tokens: list[_Token], i: int) -> tuple[list[int], list[str]]:
    """From token ``i``: the tokens' ends (as indexes) and the digits each run adds."""
    ends: list[int] = []
    parts: list[str] = []
    j = i
    while j < len(tokens):
        word = tokens[j].word
        if word == "dubbel" and j + 1 < len(tokens):
            digits = spoken_digits(tokens[j + 1].word)
            if digits is None or len(digits) != 1:
                break
            parts.append(digits * 2)
            j += 2
            ends.append(j - 1)
            continue
        if (
            word in ("streepje", "koppelteken")
            and parts
            and j + 1 < len(tokens)
            and spoken_digits(tokens[j + 1].word) is not None
        ):
            j += 1  # "nul zes streepje twaalf ...": a spoken dash inside the number
            continue
        digits = spoken_digits(word)
        if digits is None:
            break
        parts.append(digits)
        ends.append(j)
        j += 1
    return ends, parts


def _spoken(tokens: list[_Token], first: int, last: int) -> bool:
    """Whether a word (not only written digits) stands between two tokens."""
    return any(not tokens[k].word.isdigit() for k in range(first, last + 1))


def _counting(parts: list[str]) -> bool:
    """Whether three or more spoken values go up or down by one ("zes zeven acht")."""
    values = [int(part) for part in parts]
    if len(values) < 3:
        return False
    steps = {b - a for a, b in pairwise(values)}
    return steps == {1} or steps == {-1}


def _prefix_with(ends: list[int], parts: list[str], lengths: tuple[int, ...]) -> int | None:
    """The last token of the longest prefix whose digits number one of ``lengths``."""
    count = 0
    best = None
    for end, part in zip(ends, parts, strict=True):
        count += len(part)
        if count in lengths:
            best = end
        if count > max(lengths):
            break
    return best


def _read_out(text: str, tokens: list[_Token], i: int) -> Iterator[Finding]:
    """What a run of spoken digits starting at token ``i`` is, if anything."""
    kind = _trigger(tokens, i)
    if tokens[i].word in ("een", "één") and i + 1 < len(tokens) and tokens[i + 1].word == "nul":
        i += 1  # "belde van een nul zes ...": the article, then the number
    ends, parts = _digit_run(tokens, i)
    if not parts:
        return
    digits = "".join(parts)

    def found(last: int, label: Label) -> Finding | None:
        if not _spoken(tokens, i, last):
            return None  # written digits are the other detectors' work
        if _counting(parts[: ends.index(last) + 1] if last in ends else parts):
            return None  # "elf twaalf dertien veertien vijftien": counting, not a number
        return _finding(text, tokens[i].start, tokens[last].end, label, "gesproken")

    plus = i > 0 and tokens[i - 1].word == "plus"
    if plus or digits.startswith("00"):
        last = _prefix_with(ends, parts, tuple(range(9 if plus else 11, 16)))
        if last is not None and (hit := found(last, Label.TELEFOON)):
            if plus:
                hit = _finding(text, tokens[i - 1].start, hit.end, Label.TELEFOON, "gesproken")
            yield hit
            return
    if digits.startswith("0") and kind not in ("bsn", "nummer", "iban"):
        lengths = (8, 10, 11) if digits.startswith(("0800", "0900")) else (10,)
        last = _prefix_with(ends, parts, lengths)
        if last is not None and (hit := found(last, Label.TELEFOON)):
            if not is_public_number(hit.text) and not is_public_number(
                "".join(parts[: ends.index(last) + 1])
            ):
                yield hit
            return
    if kind == "postcode" or (digits[:1] not in ("", "0") and len(digits) >= 4):
        hit = _spoken_postcode(text, tokens, i, ends, parts, kind == "postcode")
        if hit is not None:
            yield hit
            return
    if kind == "bsn":
        last = _prefix_with(ends, parts, (9, 8))
        if last is not None and (hit := found(last, Label.BSN)):
            yield hit
            return
    elif len(digits) >= 9:
        count = 0
        for end, part in zip(ends, parts, strict=True):
            count += len(part)
            if count == 9 and stdnum_bsn.is_valid(digits[:9]) and (hit := found(end, Label.BSN)):
                yield hit
                return
    if kind == "telefoon" and len(digits) == 9 and (hit := found(ends[-1], Label.TELEFOON)):
        yield hit  # "mobiel zes twaalf ...": a national number without its 0
    elif kind == "nummer":
        last = _across_separators(tokens, ends[-1])
        count = sum(spoken_digits(tokens[k].word) is not None for k in range(i, last + 1))
        if (len(digits) >= 4 or count >= 4) and (hit := found(last, Label.NUMMER)):
            yield hit


def _across_separators(tokens: list[_Token], last: int) -> int:
    """ "twee nul twee vijf streepje nul nul vier": a case number read out goes on after
    a spoken dash or slash."""
    j = last + 1
    while j < len(tokens) and tokens[j].word in _SEPARATOR_WORDS:
        k = j + 1
        while k < len(tokens) and tokens[k].word in ("streep", "schuine"):
            k += 1
        ends, _parts = _digit_run(tokens, k)
        if not ends:
            break
        last = ends[-1]
        j = last + 1
    return last


def _spoken_postcode(
    text: str,
    tokens: list[_Token],
    i: int,
    ends: list[int],
    parts: list[str],
    announced: bool,
) -> Finding | None:
    """ "drie nul zeven negen ka es": four digits and two spelled letters, after "postcode"
    or before a place."""
    last = _prefix_with(ends, parts, (4,))
    if last is None or "".join(parts)[0] == "0" or last + 2 >= len(tokens):
        return None
    letters = [tokens[k].word for k in (last + 1, last + 2) if k < len(tokens)]
    if len(letters) != 2 or not all(word in LETTER_NAMES for word in letters):
        return None
    after = tokens[last + 3].word if last + 3 < len(tokens) else ""
    if not (announced or after in place_names()) or not _spoken(tokens, i, last):
        return None
    return _finding(text, tokens[i].start, tokens[last + 2].end, Label.POSTCODE, "gesproken")


def _spoken_iban(text: str, tokens: list[_Token], i: int) -> Finding | None:
    """ "rekeningnummer en el zesendertig ing be nul drie ...": country, check digits, bank
    code and account number read out after the word for the account."""
    j = i
    last_digit = None
    digits = 0
    while j < len(tokens):
        word = tokens[j].word
        value = spoken_digits(word)
        if value is not None:
            digits += len(value)
            last_digit = j
        elif (
            word not in LETTER_NAMES
            and word not in _BANK_CODES
            and not (word.isalpha() and len(word) <= 4 and text[tokens[j].start].isupper())
        ):
            break  # a bank code typed in capitals ("INGB") may stand among the words
        j += 1
    if last_digit is None or digits < 8 or not _spoken(tokens, i, last_digit):
        return None
    return _finding(text, tokens[i].start, tokens[last_digit].end, Label.IBAN, "gesproken")


@distinct
def find_spoken_numbers(text: str) -> Iterator[Finding]:
    """Phone numbers, BSNs, postcodes, IBANs and case numbers read out in words."""
    fold = folded(text)
    if not _SPOKEN_RUN.search(fold.text):
        return  # every form read out holds two spoken digits in a row
    if fold.aligned:
        tokens = [_Token(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(fold.text)]
    else:  # offsets of the original text
        tokens = [_Token(m.start(), m.end(), m.group(0).lower()) for m in _TOKEN.finditer(text)]
    previous_spoken = False
    for i, token in enumerate(tokens):
        spoken = token.word in SPOKEN_DIGITS or token.word == "dubbel" or token.word.isdigit()
        if spoken and not previous_spoken:
            yield from _read_out(text, tokens, i)
        if token.word in _IBAN_TRIGGERS:
            # the account after the word: skip "van moeder is" to its first letter or digit
            for k in range(i + 1, min(len(tokens), i + 1 + _FILLER)):
                word = tokens[k].word
                if word in (".", ";", "!", "?"):
                    break
                if word in _BANK_CODES or word in ("en", "el") or spoken_digits(word):
                    if word == "en" and k + 1 < len(tokens) and tokens[k + 1].word != "el":
                        continue
                    hit = _spoken_iban(text, tokens, k)
                    if hit is not None:
                        yield hit
                    break
        if token.word in ("kenteken", "kentekenplaat", "nummerbord"):
            hit = _spoken_plate(text, tokens, i)
            if hit is not None:
                yield hit
        previous_spoken = spoken


def _spoken_plate(text: str, tokens: list[_Token], i: int) -> Finding | None:
    """ "het kenteken is ge ix vier een twee te": a licence plate spelled out, letters by
    their names and digits one by one, after the word for the plate."""
    for first in range(i + 1, min(len(tokens), i + 1 + _FILLER)):
        chars = ""
        for k in range(first, min(len(tokens), first + 8)):
            word = tokens[k].word
            digit = SPOKEN_DIGITS.get(word)
            char = digit if digit is not None and len(digit) == 1 else LETTER_NAMES.get(word)
            if char is None:
                break
            chars += char
            if len(chars) == 6 and _LETTER_DIGIT.search(chars) and _PLATE_BARE.fullmatch(chars):
                if not _spoken(tokens, first, k):
                    return None
                return _finding(
                    text, tokens[first].start, tokens[k].end, Label.KENTEKEN, "gesproken"
                )
        if tokens[first].word in (".", ";", "!", "?"):
            return None
    return None


# --- identifiers from other countries and network addresses (round 27) ---------------
# Each form from its definition: an IPv4 address is four numbers 0-255 with dots, an IPv6
# address eight groups of hex digits with colons (or "::" for a run of zeros); a Belgian
# rijksregisternummer is a birth date YY.MM.DD, a serial XXX and 97 minus the rest mod 97
# (for births from 2000 on, with a 2 before the nine digits); a Turkish T.C. kimlik number
# is eleven digits with two check digits; a Bulgarian EGN is a birth date (the month +20
# before 1900, +40 from 2000) and three digits, with a weighted mod-11 check digit; a Dutch
# passport or identity card number is two letters, six letters or digits and a digit
# (never an O). Those with a check rule are taken without their label too; the others
# only after it (Moroccan CIN, German Steuer-ID or Personalausweis, a Caribbean sedula).

_IPV4 = re.compile(
    r"(?<![\w.,/-])((?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})"
    r"(?![\w-]|[.,]\d)"
)
_IPV4_HINT = re.compile(r"\d\.\d{1,3}\.\d{1,3}\.\d")
_IP_WORDS = re.compile(r"(?i:\bip|adres|address|router|server|inlog|ingelogd|vanaf|host|locatie)")
_VERSION_BEFORE = re.compile(
    r"(?i:versie|version|vers\.|v|build|release|update|ios|android|windows|firmware|app)"
    r"[ \t.:]*$"
)
_IPV6 = re.compile(
    r"(?<![\w:.])(?=[0-9A-Fa-f:]*:[0-9A-Fa-f:]*:)"
    r"[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])"
)


def _ipv4(text: str, m: re.Match) -> bool:
    parts = m.group(1).split(".")
    before = text[max(0, m.start() - 40) : m.start()]
    if _VERSION_BEFORE.search(before):
        return False  # "versie 1.2.3.4"
    if _IP_WORDS.search(before):
        return True
    if all(len(p) == 1 for p in parts):
        return False  # "1.2.3.4": a version or a list's numbering
    # "1.250.000.000": an amount with points between the thousands
    return not all(len(p) == 3 for p in parts[1:])


def _ipv6(value: str) -> bool:
    if value.count(":") < 2 or ":::" in value:
        return False
    try:
        ipaddress.IPv6Address(value)
    except ValueError:
        return False
    groups = [g for g in value.split(":") if g]
    # "12:30:45" is a time: an address holds "::" or eight groups, and hex letters or
    # groups of more than two digits
    return ("::" in value or len(groups) == 8) and any(
        len(g) > 2 or not g.isdigit() for g in groups
    )


_RRN = re.compile(
    r"(?<![\w.,/-])(\d\d)([.]?)(\d\d)\2(\d\d)[ .-]?(\d{3})[ .-]?(\d\d)(?![\w-]|[.,]\d)"
)


def _rrn_valid(digits: str) -> bool:
    first, check = int(digits[:9]), int(digits[9:])
    month, day = int(digits[2:4]), int(digits[4:6])
    if not (month % 20 <= 12 and month < 60 and day <= 31):
        return False
    return check in (97 - first % 97, 97 - (2_000_000_000 + first) % 97)


def _kimlik_valid(d: str) -> bool:
    n = [int(c) for c in d]
    if len(n) != 11 or n[0] == 0:
        return False
    tenth = ((n[0] + n[2] + n[4] + n[6] + n[8]) * 7 - (n[1] + n[3] + n[5] + n[7])) % 10
    return n[9] == tenth and n[10] == sum(n[:10]) % 10


def _egn_valid(d: str) -> bool:
    n = [int(c) for c in d]
    if len(n) != 10:
        return False
    month, day = int(d[2:4]), int(d[4:6])
    if month % 20 == 0 or month % 20 > 12 or month > 52 or not 1 <= day <= 31:
        return False
    check = sum(w * x for w, x in zip((2, 4, 8, 5, 10, 9, 7, 3, 6), n, strict=False)) % 11
    return n[9] == check % 10


_RRN_HINT = re.compile(r"\d\d[ .-]\d{3}[ .-]?\d\d(?!\d)")
_DIGITS_11 = re.compile(r"(?<![\w.,/+-])\d{10,11}(?![\w-]|[.,]\d)")
_NL_DOCUMENT = re.compile(r"(?<![\w-])[A-NP-Z]{2}[A-NP-Z0-9]{6}\d(?![\w-])")
_DOCUMENT_WORDS = (
    r"rijksregister(?:nummer|nr\.?)?|identificatienummer|nationaal[ \t]+nummer|"
    r"steuer-?id(?:entifikationsnummer)?|steuernummer|idnr\.?|personalausweis(?:nummer)?|"
    r"ausweis(?:nummer)?|reisepass(?:nummer)?|egn|ЕГН|"
    r"(?:t\.?c\.?[ \t]*)?kimlik(?:[ \t]*(?:no|nr|numaras\u0131)\.?)?|"
    r"cin|cnie|carte[ \t]+nationale|sedula|c[ée]dula|crib(?:-nummer)?|persoonsnummer|"
    r"id-kaart(?:nummer)?|identiteitskaart(?:nummer)?|paspoort(?:nummer)?|documentnummer|"
    r"id-nummer|id[ \t]+nr\.?|nüfus(?:[ \t]+cüzdan\u0131)?"
)
_DOCUMENT = re.compile(
    rf"(?<![\w-])(?i:{_DOCUMENT_WORDS})(?:[ \t]*\([\w.]{{2,12}}\))?"
    # "rijksregisternummer moeder:", "paspoort van vader is", "(moeder)": whose it is
    r"(?:[ \t]*\(?(?:van[ \t]+)?(?:de[ \t]+|het[ \t]+|haar[ \t]+|zijn[ \t]+)?"
    r"(?i:moeder|vader|cliënte?|client|kind|zoon|dochter|ouder|man|vrouw|partner|oma|opa|"
    r"betrokkene|jeugdige|bewoner|student|leerling)\)?)?"
    r"(?:[ \t]+(?i:is|was|luidt|nr\.?|nummer|no\.?))?[ \t]*[:#]?[ \t]*"
    r"([A-Z]{0,3}[ \t-]?\d[\dA-Z]*(?:[ .\-/][\dA-Z]+){0,4})",
)
#: what every label above holds, searched in the folded text (the cheap test)
_DOCUMENT_NEEDLES = (
    "rijksregister", "identificatienummer", "nationaal", "steuer", "idnr", "ausweis",
    "reisepass", "egn", "егн", "kimlik", "cin", "cnie", "carte", "sedula", "dula", "crib",
    "persoonsnummer", "id-kaart", "identiteitskaart", "paspoort", "documentnummer",
    "id-nummer", "id nr", "nüfus", "nufus",
)  # fmt: skip


@distinct
def find_foreign_ids(text: str) -> Iterator[Finding]:
    """IP addresses and identity numbers of other countries (``84.27.193.61``,
    ``2001:db8::1``, ``91.03.22-148.07``, ``10000000146``, paspoort ``NW12K3L45``)."""
    if _IPV4_HINT.search(text):
        for m in _IPV4.finditer(text):
            if _ipv4(text, m):
                yield _finding(text, m.start(1), m.end(1), Label.NUMMER, "nummer")
    if "::" in text or text.count(":") >= 5:
        for m in _IPV6.finditer(text):
            if _ipv6(m.group(0)):
                yield _finding(text, m.start(), m.end(), Label.NUMMER, "nummer")
    for m in _RRN.finditer(text) if _RRN_HINT.search(text) else ():
        digits = "".join(m.group(1, 3, 4, 5, 6))
        glued = m.end() - m.start() == 11  # eleven digits: below, with the other checks
        if not glued and _rrn_valid(digits):
            yield _finding(text, m.start(), m.end(), Label.NUMMER, "nummer")
    for m in _DIGITS_11.finditer(text):
        d = m.group(0)
        if (len(d) == 11 and (_kimlik_valid(d) or (_rrn_valid(d) and not d.startswith("31")))) or (
            len(d) == 10 and d[0] != "0" and _egn_valid(d)
        ):
            yield _finding(text, m.start(), m.end(), Label.NUMMER, "nummer")
    for m in _NL_DOCUMENT.finditer(text):
        middle = m.group(0)[2:8]
        if any(c.isdigit() for c in middle) and not _POSTCODE_SHAPE.search(m.group(0)):
            yield _finding(text, m.start(), m.end(), Label.NUMMER, "nummer")
    if contains_any(folded(text).text, _DOCUMENT_NEEDLES):
        for m in _DOCUMENT.finditer(text):
            end = m.end(1)
            while end > m.start(1) and text[end - 1] in _TRAILING + "-/":
                end -= 1
            value = text[m.start(1) : end]
            if sum(c.isdigit() for c in value) >= 5 and not _NUMERIC_DATE.fullmatch(value):
                yield _finding(text, m.start(1), end, Label.NUMMER, "nummer")


DETECTORS = (
    find_emails,
    find_urls,
    find_handles,
    find_usernames,
    find_account_names,
    find_bsn,
    find_iban,
    find_postcodes,
    find_plates,
    find_phones,
    find_case_numbers,
    find_spoken_numbers,
    find_foreign_ids,
)
