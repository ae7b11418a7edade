"""Dutch number words ("acht", "eenenveertig", "tweeëntwintig") as a regex and values."""

from __future__ import annotations

_UNITS = ("een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen")
_TEENS = ("tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien",
          "achttien", "negentien")  # fmt: skip
_TENS = ("twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig",
         "negentig")  # fmt: skip


def _build() -> dict[str, float]:
    values: dict[str, float] = {"anderhalf": 1.5, "één": 1}
    for i, word in enumerate(_UNITS, start=1):
        values[word] = i
    for i, word in enumerate(_TEENS, start=10):
        values[word] = i
    for t, tens in enumerate(_TENS, start=2):
        values[tens] = t * 10
        for u, unit in enumerate(_UNITS, start=1):
            joiner = "ën" if unit.endswith("e") else "en"
            values[f"{unit}{joiner}{tens}"] = t * 10 + u
            if joiner == "ën":
                values[f"{unit}en{tens}"] = t * 10 + u  # typed without the diaeresis
    for u, unit in enumerate(_UNITS[1:], start=2):
        joiner = "ën" if unit.endswith("e") else "en"
        values[f"{unit}{joiner}half"] = u + 0.5  # "tweeënhalf", "vijfenhalf"
        if joiner == "ën":
            values[f"{unit}enhalf"] = u + 0.5
    values["honderd"] = 100
    return values


#: Every number word from 1 to 100 and its value.
NUMBER_WORDS: dict[str, float] = _build()

_UNIT = "|".join(_UNITS)
#: A regex for every number word (factored, so it stays fast inside larger patterns).
NUMBER_WORD_PATTERN = (
    rf"(?:(?:{_UNIT})(?:ën|en))?(?:{'|'.join(_TENS)})|{'|'.join(reversed(_TEENS))}"
    rf"|anderhalf|(?:{'|'.join(_UNITS[1:])})(?:ën|en)half|honderd|één|{_UNIT}"
)


def number_value(token: str) -> float | None:
    """The value of a digit string or Dutch number word, else ``None``."""
    token = token.lower()
    if token.isdigit():
        return int(token)
    return NUMBER_WORDS.get(token)


#: The longest text :data:`NUMBER_WORD_PATTERN` can match ("zevenenzeventig").
NUMBER_WORD_MAX_CHARS = max(
    max(len(word) for word in NUMBER_WORDS),
    max(len(u) for u in _UNITS) + len("ën") + max(len(t) for t in _TENS),
)


# --- numbers spoken digit by digit or in groups ("nul zes vijfenveertig dertien") --------

#: A spoken token and the digits it stands for when a number is read out in groups:
#: "nul" is "0", "tien" "10", "vijfenveertig" "45" ("nul zes vijfenveertig" is 0645).
SPOKEN_DIGITS: dict[str, str] = {
    "nul": "0",
    **{word: str(int(value)) for word, value in NUMBER_WORDS.items() if value == int(value)},
}
# "honderddrieëntwintig vierhonderdzesenvijftig": a BSN or a case number read out in
# groups of three
for _h, _head in enumerate(("honderd", *(f"{unit}honderd" for unit in _UNITS[1:])), start=1):
    SPOKEN_DIGITS[_head] = str(_h * 100)
    for _word, _value in NUMBER_WORDS.items():
        if _value == int(_value) and _value < 100:
            SPOKEN_DIGITS[f"{_head}{_word}"] = str(_h * 100 + int(_value))
            SPOKEN_DIGITS[f"{_head}en{_word}"] = str(_h * 100 + int(_value))

#: Letters as they are spoken in a postcode, an IBAN's bank code or a case number's
#: prefix ("drie nul zeven negen ka es" is 3079 KS).
LETTER_NAMES: dict[str, str] = {
    "a": "A", "aa": "A", "be": "B", "bee": "B", "ce": "C", "see": "C", "se": "C",
    "de": "D", "dee": "D", "e": "E", "ee": "E", "ef": "F", "ge": "G", "gee": "G",
    "ha": "H", "haa": "H", "i": "I", "ie": "I", "je": "J", "jee": "J", "ji": "J",
    "ka": "K", "kaa": "K", "el": "L", "em": "M", "en": "N", "o": "O", "oo": "O",
    "pe": "P", "pee": "P", "ku": "Q", "kuu": "Q", "er": "R", "es": "S", "te": "T",
    "tee": "T", "u": "U", "uu": "U", "ve": "V", "vee": "V", "we": "W", "wee": "W",
    "iks": "X", "ix": "X", "ij": "Y", "y": "Y", "zet": "Z", "zed": "Z",
    **{c: c.upper() for c in "bcdfghjklmnpqrstvwxz"},
}  # fmt: skip


def spoken_digits(token: str) -> str | None:
    """The digits a spoken (or written) token stands for in a number read out in groups."""
    token = token.lower()
    if token.isdigit():
        return token
    return SPOKEN_DIGITS.get(token)
