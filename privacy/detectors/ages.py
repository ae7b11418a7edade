"""Ages: ``8-jarige``, ``vijfjarige``, ``14 jaar``, ``acht jaar oud``, ``(14)``, ``Ze is pas
veertien.``, ``een meisje van twaalf``, ``op mijn 15e``.

Durations ("al drie jaar", "twintig jaar lang", "kinderen van 0 tot 4 jaar") are not ages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from privacy.detectors.lexicon import dutch_words, first_names, surnames
from privacy.detectors.numbers_nl import NUMBER_WORD_MAX_CHARS, NUMBER_WORD_PATTERN, number_value
from privacy.detectors.spans import distinct
from privacy.fast import (
    finditer_near,
    finditer_words,
    first_words,
    folded,
    keyword_pattern,
)
from privacy.findings import Finding, Label

_NUM = rf"(?:\d{{1,3}}(?:[,.]5)?|{NUMBER_WORD_PATTERN})"
_MAX_AGE = 115

_PERSON_NOUN_WORDS = (
        "kinderen", "kids", "jongens", "meisjes", "zonen", "dochters", "baby's",
        "meisje", "meid", "jongen", "jongetje", "jongeman", "kind", "kindje", "kleuter",
        "peuter", "baby", "puber", "tiener", "zoon", "zoontje", "dochter", "dochtertje",
        "broer", "broertje", "zus", "zusje", "neef", "nicht", "vriend", "vriendje",
        "vriendin", "vriendinnetje", "partner", "man", "vrouw", "moeder", "vader", "oma",
        "opa", "buurman", "buurvrouw", "leerling", "cliënt", "cliënte", "client", "patiënt",
        "patiënte", "slachtoffer", "verdachte", "dader", "jongere", "dame", "heer",
        "meneer", "mevrouw", "tweeling", "stiefvader", "stiefmoeder",
        # round 9b: more family and care words ("twee zoons van elf en dertien", "zijn
        # nichtje van anderhalf")
        "zoons", "nichtje", "neefje", "kleinzoon", "kleindochter", "kleinkind", "stiefzoon",
        "stiefdochter", "pleegkind", "pleegzoon", "pleegdochter", "jochie", "kindjes",
        "zusjes", "broertjes", "broers", "zussen", "kinders",
)  # fmt: skip
_PERSON_NOUNS = keyword_pattern(_PERSON_NOUN_WORDS)
#: The longest number a pattern can start with before its key word ("zevenenzeventig").
_NUM_REACH = max(NUMBER_WORD_MAX_CHARS, 6)
# "... jaar" is a duration, not an age, when one of these words follows.
_DURATION_AFTER = re.compile(
    r"\s*(?:lang|geleden|samen|getrouwd|gewacht|gewerkt|bezig|in\s+dienst|werkzaam|"
    r"gevangenis|cel|later|eerder|terug|na|daarna|voor|verder|duurde?|jonger|ouder|niet|"
    r"nooit|weg|weggebleven|gewoond|gezeten)\b"
    # a sentence in a news or court report: "moet drie jaar de cel in", "blijft twee weken
    # langer vast", "kreeg twee jaar celstraf" (round 25)
    r"|\s*(?:de\s+(?:cel|gevangenis|bak)|celstraf|gevangenisstraf|jeugddetentie|taakstraf|"
    r"(?:langer\s+)?vast|voorwaardelijk|onvoorwaardelijk)\b"
    # "Drie jaar had ik geen contact", "Vier jaar woonde hij daar": the time it lasted
    r"|\s+(?:had|heb|heeft|hadden|hebben|woonde|woonden|werkte|werkten|zat|zaten|bleef|"
    r"bleven)\s+(?:ik|hij|ze|zij|we|wij|je|jij)\b",
    re.IGNORECASE,
)
# "zijn 2 jr uit elkaar", "drie jaar gescheiden", "is 14 weken zwanger", "is 2 jaar in
# Nederland", "zat 2 jaar in de jeugdinrichting": how long a state lasts. Only where the
# number has no person before it ("een jongen van 16 jaar in Nederland" keeps its age).
_STAY_AFTER = re.compile(
    r"\s*(?:uit\s+elkaar|gescheiden|zwanger|ziek|stil|opgenomen|"
    r"in\s+(?:nederland|detentie|de\s+(?:cel|gevangenis|"
    r"bajes|jeugdinrichting|opvang|kliniek)|het\s+(?:azc|land|buitenland|ziekenhuis)))\b",
    re.IGNORECASE,
)
#: A time that lasts as the subject before "is": "de wachttijd is", "de looptijd bedraagt"
#: (not "de leeftijd is").
_TIME_SUBJECT = (
    r"\b(?!leeftijd)[^\W\d_]*(?:tijd|duur|termijn|straf|periode)"
    r"(?:\s+van\s+(?:de|het|een)\s+[^\W\d_]+)?\s+"
    r"(?:is|was|wordt|werd|bedraagt|bedroeg)\s+(?:nu\s+|ongeveer\s+|ruim\s+|maximaal\s+|"
    r"minimaal\s+|zeker\s+)?$"
)
_TIME_SUBJECT_BEFORE = re.compile(_TIME_SUBJECT, re.IGNORECASE)
_DURATION_BEFORE = re.compile(
    r"\b(?:al|sinds|ruim|bijna\s+al|afgelopen|laatste|eerste|komende|voor|na|over|tot|"
    r"t/m|in|binnen|gedurende|elke|iedere|om\s+de|per|die|dat|nu|jaar|tot\s+en\s+met|"
    r"heeft|had|hebben|hadden|wachtlijst\s+van|wachttijd\s+van|"
    # "woont 4 jaar in de opvang", "het bewind duurt 5 jaar": how long, not how old
    r"woont|woonde|wonen|woonden|zit|zat|zitten|zaten|verblijft|verbleef|verblijven|"
    r"loopt|liep|duurt|duurde|geldt|gold|"
    r"en|-)\s*$"
    # "zwanger van 31 weken", "amenorroe 31 weken": how far the pregnancy is, not an age
    r"|\b(?:zwanger(?:\s+van)?|amenorroe|"
    r"(?:zwangerschap(?:sduur|stermijn)?|termijn)\s+van)\s*$"
    # "de wachttijd is 3 weken", "de proeftijd was twee jaar": what lasts is a time
    rf"|{_TIME_SUBJECT}",
    re.IGNORECASE,
)

_JARIG = re.compile(
    rf"(?<![\w-])(?:\d{{1,3}}\s?-?\s?|(?:{NUMBER_WORD_PATTERN}))jarige?n?\b", re.IGNORECASE
)
_YEARS_OLD = re.compile(
    # "15jr", "8 mnd": also written on, and the abbreviation of months
    rf"(?<![\w,.-])({_NUM})(?:\s+|(?<=\d)(?=jr|jaar|j\b))(jaar|jr\.?|(?<=\d)j|maanden|maand|mnd\.?|"
    r"weken|week|dagen|dag)(\s+oud)?\b",
    re.IGNORECASE,
)
_PARENS = re.compile(
    rf"\(\s*(?:ca\.?\s*|±\s*|circa\s+)?(\d{{1,2}},5|\d{{1,3}}|{NUMBER_WORD_PATTERN})"
    # a child's own fraction: "Lieke (13 en 3/4)", "(12½)", "(9 en een half)" (round 25)
    r"(?:\s*(?:en\s+)?(?:[¼½¾]|[1-3]/4|1/2|een\s+half))?"
    rf"((?:\s*(?:,|en|&)\s*(?:\d{{1,3}}|{NUMBER_WORD_PATTERN}))*)"
    r"\s*(jaar|jr\.?|maanden|maand|mnd\.?|weken|week|wk\.?|dagen)?\s*\)",
    re.IGNORECASE,
)
#: When a birthday is to come: "wordt volgende maand achttien", "die in april zes wordt".
_BIRTHDAY_WHEN = (
    r"(?:(?:volgende|komende|deze|over\s+een)\s+"
    r"(?:week|maand|zomer|winter|lente|herfst|jaar)|in\s+(?:januari|februari|maart|april|"
    r"mei|juni|juli|augustus|september|oktober|november|december)|binnenkort|straks|morgen|"
    r"overmorgen|vandaag|(?:a\.s\.\s+|aanstaande\s+)?(?:maandag|dinsdag|woensdag|donderdag|"
    r"vrijdag|zaterdag|zondag))"
)
_IS_VERB_WORDS = ("is", "was", "ben", "bent", "wordt", "werd", "word", "zijn", "waren")
_IS_VERBS = keyword_pattern(_IS_VERB_WORDS)
_IS_AGE = re.compile(
    rf"\b(?:{_IS_VERBS})\s+(?:ik\s+|hij\s+|ze\s+|zij\s+)?"
    rf"(?:pas\s+|nog\s+maar\s+|net\s+|bijna\s+|ongeveer\s+|inmiddels\s+|toen\s+|nu\s+|"
    rf"zelf\s+|zelf\s+pas\s+|ook\s+|ooit\s+|allebei\s+|allemaal\s+|beiden\s+)*"
    rf"({_NUM})(?=\s*(?:[.,;:!?)]|$|\s+en\s|\s+jaar\b|\s+toen\b|\s+geworden\b|"
    # a dictated note's spoken full stop or comma: "die is zes punt vader is ..."
    rf"\s+(?:punt|komma)\b(?!\s+(?:{NUMBER_WORD_PATTERN}|\d))|"
    # "hij werd 18 in maart": the month of the birthday after the age
    r"\s+in\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
    r"november|december)\b|"
    # "ze werd 14 vorige maand", "hij wordt 18 volgende week": when the birthday was or is
    r"\s+(?:vorige|afgelopen|volgende|komende)\s+(?:week|maand|zomer|winter|lente|herfst)\b"
    r"|\s+(?:gisteren|eergisteren|morgen|overmorgen)\b))"
    r"|\b(?:is|was|wordt|werd)\s+(?:pas\s+|net\s+|bijna\s+|nu\s+|inmiddels\s+)*"
    rf"({_NUM}\s+(?:maanden|maand|weken|week))(?![\w-])"
    # "hij wordt volgende maand achttien", "wordt in maart 7": the birthday to come
    rf"|\b(?:wordt|word|worden|werd)\s+{_BIRTHDAY_WHEN}\s+"
    rf"({_NUM})(?=\s*(?:[.,;:!?)]|$|\s+en\s|\s+jaar\b))",
    re.IGNORECASE,
)
_NOUN_VAN = re.compile(
    # a person word in quotes: 'een "vriendje" van 22' (grooming: the word is the abuser's)
    rf"\b(?:{_PERSON_NOUNS})[\"'\u201d\u2019]?,?\s+van\s+"
    rf"(?:ca\.?\s+|ongeveer\s+|rond\s+de\s+|bijna\s+|ruim\s+|amper\s+|nog\s+geen\s+)?({_NUM})"
    rf"(?!\s*(?:tot|-|t/m|à|a)\s)(?![\w-])"
    r"(?!\s+(?:kinderen|kids|zonen|dochters|jongens|meisjes|dagen|keer|uur))"
    r"(\s+(?:maanden|maand|mnd\.?|weken|week)(?![\w]))?",
    re.IGNORECASE,
)
# "zijn 4 en 7", "kinderen van 3, 6 en 11": the further ages of a list
_MORE_AGES = re.compile(rf"\s*(?:,|\s+en|\s*&)\s+({_NUM})(?![\w-])", re.IGNORECASE)
_WHEN_AGE = re.compile(
    rf"\btoen\s+(?:ik|hij|ze|zij|we|wij|jij|je|(?-i:[A-ZÀ-Ý][a-zà-ÿ'-]+))\s+"
    rf"(?:al\s+|pas\s+|nog\s+maar\s+|net\s+|ongeveer\s+|bijna\s+)?"
    rf"({_NUM})(?:\s+jaar(?:\s+oud)?)?\s+(?:was|werd|waren|werden|wordt)\b",
    re.IGNORECASE,
)
# "(net vier)", "(bijna 12)": an age in brackets with a word that says so
_PARENS_QUALIFIED = re.compile(
    rf"\(\s*(?:net|pas|bijna|ruim|nog\s+maar|inmiddels)\s+({_NUM})\s*\)", re.IGNORECASE
)
_ORDINAL_WORD_LIST = ("op", "vanaf", "tot", "sinds", "na", "voor", "rond")
_ORDINAL_WORDS = keyword_pattern(_ORDINAL_WORD_LIST)
_ORDINAL = re.compile(
    rf"\b(?:{_ORDINAL_WORDS})\s+(?:mijn|m'n|haar|zijn|z'n|hun|je|jouw|ons)\s+"
    rf"(\d{{1,2}}(?:e|de|ste)|(?:{NUMBER_WORD_PATTERN})(?:de|ste))\b",
    re.IGNORECASE,
)
# "met 17 stond ik op straat", "Met vijftien ging ze het huis uit": the age at which
# something happened, before the verb and its subject
_WITH_AGE = re.compile(
    rf"\bmet[ \t]+({_NUM})[ \t]+(?:jaar[ \t]+)?(?:stond|ging|werd|kreeg|moest|kwam|liep|"
    r"verliet|trouwde|had|zat|woonde|begon|raakte)[ \t]+(?:ik|hij|ze|zij|je|jij)\b",
    re.IGNORECASE,
)
# "Contactmoment 14 maanden", "consult 2 jaar": a child health check named by the age
# "vaccinaties van 5 maanden gemist", "de prik van 14 maanden" (round 23): the
# vaccinations of the national schedule are named by the child's age as well
_CHECKUP_AGE = re.compile(
    r"\b(?:contactmoment|consult|vaccinaties?|inentingen|inenting|prikken|prik)[ \t]+"
    r"(?:van[ \t]+)?((\d{1,2})[ \t]+(?:maanden|weken|jaar))"
    r"(?![\w])",
    re.IGNORECASE,
)
# "geb. 03-11-2024, 7 maanden", "geboren 2 februari 2023, 2 jaar": a form's or JGZ note's
# age right after the date of birth (round 23)
_AGE_AFTER_BIRTH = re.compile(
    r"\bgeb(?:\.|oren)?(?:[ \t]+op)?[ \t]*:?[ \t]*"
    r"(?:\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)?\d{2}|\d{1,2}[ \t]+[a-z]{3,9}\.?[ \t]+(?:19|20)\d{2})"
    r",[ \t]*((\d{1,2})[ \t]*(?:maanden|maand|mnd\.?|weken|week|wk\.?|jaar|jr\.?))(?![\w])",
    re.IGNORECASE,
)
# "eind twintig", "begin dertig", "midden veertig", "in de vijftig", "rond de zestig",
# "een dertiger": someone's age by its decade (not "begin jaren negentig", a period; not
# "rond de veertig mensen", a count)
_DECADE = r"(?:twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)"
_DECADE_AGE = re.compile(
    rf"(?<![\w-])(?:(?:begin|midden|half|eind|halverwege)(?:[ \t]+de)?[ \t]+{_DECADE}"
    rf"|(?:(?:achter|voor)[ \t]+)?in[ \t]+de[ \t]+{_DECADE}"
    rf"|(?:rond|ronde|over|boven)[ \t]+de[ \t]+{_DECADE})"
    r"(?=[ \t]*(?:[.,;:!?)]|$|[ \t]+(?:en|maar|toen|of|is|was|zijn|waren|met|die|nu|"
    r"inmiddels|al)\b))"
    rf"|(?<=\been[ \t])(?:jonge[ \t]+|vroege[ \t]+|late[ \t]+)?{_DECADE}er(?![\w-])",
    re.IGNORECASE | re.MULTILINE,
)
# "Jolien, toen zeventien, kwam tussen ons in": the age in an apposition after a name
_WHEN_APPOSITION = re.compile(
    rf",[ \t]+(?:toen|nu|inmiddels|intussen)[ \t]+(?:pas[ \t]+|net[ \t]+|bijna[ \t]+|"
    rf"nog[ \t]+maar[ \t]+)?({_NUM})(?:[ \t]+jaar(?:[ \t]+oud)?)?(?=[ \t]*[,;)])",
    re.IGNORECASE,
)
_AGE_WORD = re.compile(rf"\bleeftijd(?:en)?(?:\s+van)?\s*:?\s*({_NUM})\b", re.IGNORECASE)
# "een jochie van een jaar of 6": an age given roughly (not "een jaar of tien geleden")
_ROUGHLY_AFTER = re.compile(r"[ \t]+jaar[ \t]+of[ \t]", re.IGNORECASE)
_ROUGH_AGE = re.compile(rf"\been\s+jaar\s+of\s+({_NUM})(?![\w-])", re.IGNORECASE)
_LIST_AFTER_NAME = re.compile(
    rf",(?<=[^\W\d_],)\s+(\d{{1,2}}|{NUMBER_WORD_PATTERN})(?=\s*(?:,|\s+en\s|\s+jaar\b))",
    re.IGNORECASE,
)
# "cliënte Esra Çelik, 31" at the end of a line or sentence: the age after a full name
_COMMA_DIGIT = re.compile(r",[ \t]+\d")
_AGE_AFTER_FULL_NAME = re.compile(
    r"(?<![\w-])[A-ZÀ-Ý][\w'-]+[ \t]+(?:(?:van|de|der|den|el|al|ben)[ \t]+)*([A-ZÀ-Ý][\w'-]+)"
    r",[ \t]+(\d{1,2})(?=[ \t]*(?:$|[.;]\s|[.;]$))",
    re.MULTILINE,
)
# "bram van 9", "Lotte van zeven", "die van twaalf en veertien": a name (or "die") with
# its age, where the sentence or a list goes on
_NAME_VAN = re.compile(
    rf"(?<![\w-])([A-ZÀ-Ýa-zà-ÿ][a-zà-ÿ'-]+)\s+van\s+({_NUM})(?![\w-])"
    r"(?=\s*(?:[.,;:!?)]|$)|\s+(?:en|is|was|zit|zat|heeft|had|gaat|ging|wil|kan|moet|die|"
    r"woont|speelt|slaapt|huilt|zegt|zei|vertelt|vertelde|kwam|komt|ook|al|nog)\b)",
    re.IGNORECASE | re.MULTILINE,
)
_VAN_NUMBER = re.compile(rf"van\s+(?:{_NUM})(?![\w-])", re.IGNORECASE)
# "(Deniz 7 en Aylin 9)", "(jongvolwassene, 19)": ages inside brackets after a name or word
_BRACKETS = re.compile(r"\(([^()\n]{3,80})\)")
_NAME_NUMBER = re.compile(
    r"(?:^|,\s*|\ben\s+)([A-ZÀ-Ýa-zà-ÿ][\w'-]+),?\s+(\d{1,2})(?=\s*(?:,|\ben\b|$))"
)
# "Kinderen: Amir 4, Sara 7.": a first name and a bare number in a list
_FIRST_NAME_NUMBER = re.compile(
    rf"([A-ZÀ-Ý](?<![\w-].)[a-zà-ÿ'-]+)[ \t]+(\d{{1,2}}|{NUMBER_WORD_PATTERN})"
    r"(?=[ \t]*(?:[,;)]|\.(?!\d)|$|[ \t]+en[ \t]))",
    re.MULTILINE,
)
# "die tien is", "die nu negen is": the age before its verb
_WHO_AGE = re.compile(
    rf"\b(?:die|wie)\s+(?:nu\s+|pas\s+|net\s+|bijna\s+)?({_NUM})\s+(?:is|was|wordt|werd)\b"
    # "Luna, die volgende week vijf wordt": the birthday to come before the age
    rf"|\b(?:die|wie)\s+{_BIRTHDAY_WHEN}\s+({_NUM})\s+(?:wordt|werd)\b",
    re.IGNORECASE,
)
_LIST_WORDS = (
    "kinderen", "zonen", "zoons", "dochters", "kids", "broers", "zussen", "tweeling",
)  # fmt: skip
_LIST_WORD_PATTERN = keyword_pattern(_LIST_WORDS)
_NUMBER_LIST = re.compile(
    rf"\b(?:{_LIST_WORD_PATTERN})\s*[,:(]?\s*"
    rf"((?:\d{{1,2}}|{NUMBER_WORD_PATTERN})(?:\s*(?:,|en)\s*(?:\d{{1,2}}|{NUMBER_WORD_PATTERN}))+)"
    rf"(?=\s*[,.);]|\s+jaar)",
    re.IGNORECASE,
)
_NOT_AFTER_LIST = re.compile(
    r"\b(?:stap|stappen|vraag|vragen|fase|groep|klas|punt|nummer|nr|hoofdstuk|artikel|"
    r"module|les|ronde|week|dag|bladzijde|pagina|blz|uur|keer|minuten|euro|procent)\s*$",
    re.IGNORECASE,
)


_RANGE_AFTER = re.compile(r"\s*(?:tot|t/m|-|\u2013)\s*\d", re.IGNORECASE)
_RANGE_BEFORE = re.compile(r"(?:\btot|\bt/m|-|\u2013)\s*$", re.IGNORECASE)


# "meisjes tussen 12 en 14 jaar", "kinderen tussen de 4 en 12": a group's range of ages
_BETWEEN_BEFORE = re.compile(
    rf"\btussen\s+(?:de\s+)?(?:(?:{_NUM})(?:\s+jaar)?\s+en\s+)?$", re.IGNORECASE
)


def is_age_range(text: str, start: int, end: int) -> bool:
    """Whether an age-like span is part of a range ("kinderen van 0 tot 4 jaar", "tussen 12
    en 14 jaar")."""
    before = text[max(0, start - 8) : start]
    if _RANGE_AFTER.match(text, end) or _RANGE_AFTER.match(text, start + 2):
        return True
    if "tussen" in text[max(0, start - 40) : start].lower() and _BETWEEN_BEFORE.search(
        text, max(0, start - 40), start
    ):
        return True
    return bool(_RANGE_BEFORE.search(before))


#: Adults: "moeder van drie", "opa van vijf" count children or grandchildren; no adult
#: is that young, so a number under twelve after them is no age ("een moeder van 34" is).
_ADULT_NOUNS = frozenset(
    {"moeder", "vader", "stiefmoeder", "stiefvader", "oma", "opa", "man", "vrouw", "mevrouw",
     "meneer", "heer", "dame", "partner"}
)  # fmt: skip
_ADULT_MIN_AGE = 12


def _children_counted(m: re.Match) -> bool:
    noun = m.group(0).split(None, 1)[0].lower()
    if noun not in _ADULT_NOUNS or m.group(2):
        return False
    value = number_value(m.group(1))
    return value is not None and value < _ADULT_MIN_AGE


def _age_ok(token: str) -> bool:
    value = number_value(token.replace(",5", "").replace(".5", ""))
    return value is not None and 0 < value <= _MAX_AGE


def _make(text: str, start: int, end: int, detector: str = "leeftijd") -> Finding:
    return Finding(start, end, Label.LEEFTIJD, text[start:end], detector)


_JARIG_KEY = re.compile("jarig")
_UNIT_KEY = re.compile(r"\s*(?:jaar|jr|maand|mnd|week|weken|dagen|dag)|(?<=\d)j\b")
_DIGIT_J = re.compile(r"\dj\b")
_IS_FIRST_WORDS = first_words(_IS_VERB_WORDS)
_ORDINAL_FIRST_WORDS = first_words(_ORDINAL_WORD_LIST)
_NOUN_FIRST_WORDS = first_words(_PERSON_NOUN_WORDS)
_LIST_FIRST_WORDS = first_words(_LIST_WORDS)
_WITH_FIRST_WORDS = first_words(("met",))
_CHECKUP_FIRST_WORDS = first_words(
    ("contactmoment", "consult", "vaccinatie", "vaccinaties", "inenting", "inentingen", "prik",
     "prikken")
)  # fmt: skip


#: Numbers that, without a unit, are the emergency number ("belt moeder 112").
_EMERGENCY_NUMBERS = frozenset({"112"})


@distinct
def find_ages(text: str) -> Iterator[Finding]:
    """Every expression of someone's age in ``text``: a bare number takes the unit after
    it ("3 en 8 jaar"), and a number whose "jaar" is a duration or a difference ("was vier
    jaar jonger", "twintig jaar niet") is no age."""
    for finding in _find_ages(text):
        unit = _UNIT_AFTER.match(text, finding.end)
        if finding.text.lower() in ("een", "één") and _ROUGHLY_AFTER.match(text, finding.end):
            continue  # "een jaar of tien": the number after "of" is the age, if any
        if unit is None:
            if finding.text.strip() not in _EMERGENCY_NUMBERS:
                yield finding  # "belt moeder 112": the emergency number, not her age
        elif not _DURATION_AFTER.match(text, unit.end()):
            yield _make(text, finding.start, unit.end(), finding.detector)


def is_duration(text: str, start: int, end: int) -> bool:
    """Whether the number (with its unit or not) at ``start:end`` is a duration: "heeft 14
    jaar in een relatie gezeten", "wachtlijst van 8 weken", "vier jaar jonger"."""
    if _CLEAR_DURATION_BEFORE.search(text, max(0, start - 25), start):
        return True
    unit = _UNIT_AFTER.match(text, end) or _WEEKS_AFTER.match(text, end)
    after = unit.end() if unit else end
    if (unit is not None or text[start:end].rstrip()[-1:].isalpha()) and _STAY_AFTER.match(
        text, after
    ):
        return True  # "zijn 2 jr uit elkaar"
    return _DURATION_AFTER.match(text, after) is not None


_CLEAR_DURATION_BEFORE = re.compile(
    r"\b(?:al|sinds|ruim|afgelopen|laatste|gedurende|binnen|heeft|had|hebben|hadden|"
    r"wachtlijst\s+van|wachttijd\s+van|"
    # "woont 4 jaar in de opvang", "het bewind duurt 5 jaar"
    r"woont|woonde|wonen|woonden|zit|zat|zitten|zaten|verblijft|verbleef|verblijven|"
    r"loopt|liep|duurt|duurde|geldt|gold)\s+$"
    # "zwanger van 31 weken", "amenorroe 31 weken": how far the pregnancy is, not an age
    r"|\b(?:zwanger(?:\s+van)?|amenorroe|"
    r"(?:zwangerschap(?:sduur|stermijn)?|termijn)\s+van)\s*$"
    rf"|{_TIME_SUBJECT}",
    re.IGNORECASE,
)
_WEEKS_AFTER = re.compile(r"[ \t]+(?:weken|week|dagen|dag)(?![\w])")


def _find_ages(text: str) -> Iterator[Finding]:
    lowered = folded(text).text
    # Each pattern needs a word that is cheap to look for first; the costly ones are
    # only tried next to it (see privacy/fast.py).
    if "jarig" in lowered:
        for m in finditer_near(_JARIG, _JARIG_KEY, text, _NUM_REACH):
            yield _make(text, m.start(), m.end())
    if any(
        unit in lowered for unit in ("jaar", "jr", "maand", "mnd", "week", "weken", "dag")
    ) or _DIGIT_J.search(lowered):
        yield from _years_old(text)
    if "(" in text:
        for m in _PARENS.finditer(text):
            unit = m.group(3)
            if unit and unit.lower().startswith("dag") and not _person_before(text, m.start()):
                continue  # "het huisverbod (10 dagen)": how long, not a baby's age
            if unit and not m.group(2) and unit.lower().startswith(("ma", "mnd", "we", "wk")):
                # "(9 maanden)", "(8 mnd)": a baby's age is the number with its unit
                end = m.end(3) - (1 if unit.endswith(".") else 0)
                yield _make(text, m.start(1), end)
                continue
            if _age_ok(m.group(1)):
                yield _make(text, m.start(1), m.end(1))
            for number in re.finditer(
                rf"\d{{1,2}},5|\d{{1,3}}|{NUMBER_WORD_PATTERN}", m.group(2), re.I
            ):  # not the fraction after the first: "(13 en 3/4)"
                if _age_ok(number.group(0)):
                    yield _make(text, m.start(2) + number.start(), m.start(2) + number.end())
    for m in finditer_words(_IS_AGE, _IS_FIRST_WORDS, text):
        number = m.start(3) if m.group(3) else m.start(2) if m.group(2) else m.start(1)
        if _TIME_SUBJECT_BEFORE.search(text, max(0, number - 40), number):
            continue  # "de wachttijd is 3 weken": a time, not an age
        subject = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if subject is not None and subject.group(1).lower() in _NUMBERED_SUBJECTS:
            continue  # "het huisnummer is 14", "haar cijfer was 6": a number, not an age
        if m.group(3):
            if _age_ok(m.group(3)):
                yield _make(text, m.start(3), m.end(3))
            continue
        if m.group(2):  # "de baby is 9 maanden": the age with its unit, not a duration
            if (
                _age_ok(m.group(2).split()[0])
                and not _DURATION_AFTER.match(text, m.end(2))
                and not _STAY_AFTER.match(text, m.end(2))  # "is 14 weken zwanger"
                # "ze was 6 weken in het ziekenhuis", "het is 3 weken stil geweest": a time
                and _UNIT_AGE_ENDS.match(text, m.end(2))
            ):
                yield _make(text, m.start(2), m.end(2))
            continue
        if _age_ok(m.group(1)):
            unit = _UNIT_AFTER.match(text, m.end(1))
            if unit is not None and _STAY_AFTER.match(text, unit.end()):
                continue  # "zijn drie jaar gescheiden": how long, not how old
            yield _make(text, m.start(1), m.end(1))
            yield from _more_ages(text, m.end(1))
            yield from _elliptic_ages(text, m.end(1))
    yield from _family_ages(text, lowered)
    yield from _hedged_ages(text)
    for m in finditer_words(_CLAUSE_AGE, _CLAUSE_FIRST_WORDS, text):
        name = m.group(1)
        if name and name.lower() in dutch_words() and name.lower() not in first_names():
            continue  # "dat Kamer 12 is": a capitalised word, no name
        if m.group(2).lower() not in ("een", "één") and _age_ok(m.group(2)):
            yield _make(text, m.start(2), m.end(2))
    if " te " in lowered:
        for m in _CLAIMED_AGE.finditer(text):
            if m.group(1).lower() not in ("een", "één") and _age_ok(m.group(1)):
                yield _make(text, m.start(1), m.end(1))
    if "(" in text:
        for m in _PARENS_QUALIFIED.finditer(text):
            if _age_ok(m.group(1)):
                yield _make(text, m.start(1), m.end(1))
    if "toen" in lowered or "nu" in lowered or "inmiddels" in lowered or "intussen" in lowered:
        for m in _WHEN_APPOSITION.finditer(text):
            before = text[max(0, m.start() - 30) : m.start()].split()
            person = bool(before) and (
                before[-1][:1].isupper()
                or before[-1].lower() in first_names()
                or before[-1].lower() in _PERSON_NOUN_WORDS
            )
            if person and m.group(1).lower() not in ("een", "één") and _age_ok(m.group(1)):
                yield _make(text, m.start(1), m.end(1))
    if "toen" in lowered:
        for m in _WHEN_AGE.finditer(text):
            if _age_ok(m.group(1)):
                yield _make(text, m.start(1), m.end(1))
    for m in finditer_words(_ORDINAL, _ORDINAL_FIRST_WORDS, text):
        yield _make(text, m.start(1), m.end(1))
    if " van " in lowered:
        for m in finditer_words(_NOUN_VAN, _NOUN_FIRST_WORDS, text):
            if m.group(1).lower() == "een" and not m.group(2):
                continue  # "kind van een Kaapverdiaanse vader": the article
            if _children_counted(m):
                continue  # "moeder van drie": her children, not her age
            if _age_ok(m.group(1)):
                end = m.end(2) if m.group(2) else m.end(1)
                if text[end - 1] == ".":
                    end -= 1
                yield _make(text, m.start(1), end)
                if not m.group(2):
                    yield from _more_ages(text, m.end(1))
    if " van " in lowered:
        yield from _name_van(text)
    if "(" in text:
        yield from _bracket_ages(text)
    for m in _FIRST_NAME_NUMBER.finditer(text):
        if m.group(1).lower() in first_names() and _age_ok(m.group(2)):
            yield _make(text, m.start(2), m.end(2))
    if "die " in lowered or "wie " in lowered:
        for m in _WHO_AGE.finditer(text):
            group = 1 if m.group(1) else 2
            if m.group(group).lower() != "een" and _age_ok(m.group(group)):
                yield _make(text, m.start(group), m.end(group))
    if any(word in lowered for word in ("tig", "tachtig")):
        for m in _DECADE_AGE.finditer(text):
            yield _make(text, m.start(), m.end())
    if "leeftijd" in lowered:
        for m in _AGE_WORD.finditer(text):
            if _age_ok(m.group(1)):
                yield _make(text, m.start(1), m.end(1))
                yield from _more_ages(text, m.end(1))  # "leeftijden: 3, 6 en 14"
    if any(word in lowered for word in ("contactmoment", "consult", "vaccinatie", "inenting",
                                           "prik")):  # fmt: skip
        for m in finditer_words(_CHECKUP_AGE, _CHECKUP_FIRST_WORDS, text):
            if _age_ok(m.group(2)) and not _DURATION_AFTER.match(text, m.end(1)):
                yield _make(text, m.start(1), m.end(1))
    if "geb" in lowered:
        for m in _AGE_AFTER_BIRTH.finditer(text):
            if _age_ok(m.group(2)):
                end = m.end(1) - (text[m.end(1) - 1] == ".")
                yield _make(text, m.start(1), end)
    if "met " in lowered:
        for m in finditer_words(_WITH_AGE, _WITH_FIRST_WORDS, text):
            if _age_ok(m.group(1)) and (number_value(m.group(1)) or 0) >= 6:
                yield _make(text, m.start(1), m.end(1))
    if "jaar of" in lowered:
        for m in _ROUGH_AGE.finditer(text):
            if _age_ok(m.group(1)) and not _DURATION_AFTER.match(text, m.end(1)):
                yield _make(text, m.start(1), m.end(1))
    if "," in text:
        # the pattern needs a comma, blanks and a digit: most texts have none
        for m in _AGE_AFTER_FULL_NAME.finditer(text) if _COMMA_DIGIT.search(text) else ():
            surname = m.group(1).lower()
            if surname in dutch_words() and surname not in surnames():
                continue  # "Hoofdstuk Twee, 14.": no name before the number
            if _age_ok(m.group(2)):
                yield _make(text, m.start(2), m.end(2))
        for m in _LIST_AFTER_NAME.finditer(text):
            before = text[max(0, m.start() - 20) : m.start()]
            if _age_ok(m.group(1)) and not _NOT_AFTER_LIST.search(before):
                yield _make(text, m.start(1), m.end(1))
    if any(word in lowered for word in _LIST_WORDS):
        for m in finditer_words(_NUMBER_LIST, _LIST_FIRST_WORDS, text):
            for number in re.finditer(rf"\d{{1,2}}|{NUMBER_WORD_PATTERN}", m.group(1), re.I):
                if _age_ok(number.group(0)):
                    start = m.start(1) + number.start()
                    yield _make(text, start, start + len(number.group(0)))


# "hij is pas 4 ofzo", "ze is 15 of 16", "zijn dochter is 11 denk ik": in a chat the age
# after "is" is followed by a hedge, not by a full stop; only with a person as subject
# ("het aantal is 15 ofzo" is no age)
_HEDGE = (
    r"(?:of[ \t]*zo(?:iets)?|denk[ \t]+ik|geloof[ \t]+ik|schat[ \t]+ik|volgens[ \t]+mij|"
    r"misschien|hoor|toch|ongeveer|"
    # spoken and diary style: "ik ben 42 nu", "hij is 14 net als ik", "ze is pas 12 maar
    # gedraagt zich als 16" (round 25)
    r"nu|net[ \t]+als|maar|"
    r"of[ \t]+(?:zo[ \t]+)?"
    rf"({_NUM})(?=[ \t]*(?:[.,;:!?)]|$|[ \t]+(?:ofzo|of[ \t]+zo|jaar)\b)))(?![\w-])"
)
_IS_AGE_HEDGED = re.compile(
    r"\b(?:is|was|ben|bent|wordt|werd|word)[ \t]+"
    r"(?:(ik|hij|ze|zij|je|jij|u)[ \t]+)?"
    r"(?:(?:pas|nog[ \t]+maar|net|bijna|al|nu|inmiddels|ook|zelf|ongeveer|ooit|eh,?)[ \t]+)*"
    rf"({_NUM})[ \t]+{_HEDGE}",
    re.IGNORECASE | re.MULTILINE,
)
#: Things whose number "is" something: "het huisnummer is 14", "de score was 7".
_NUMBERED_SUBJECTS = frozenset(
    {"huisnummer", "nummer", "nr", "score", "cijfer", "aantal", "stand", "prijs", "bedrag",
     "temperatuur", "groep", "klas", "kamer", "kamernummer", "unit", "bus", "lijn", "code",
     "pincode", "saldo", "schuld", "huur", "uitslag", "totaal", "niveau", "verdieping",
     "etage", "rapportcijfer", "gemiddelde"}
)  # fmt: skip
_SUBJECT_PRONOUNS = frozenset({"ik", "hij", "ze", "zij", "je", "jij", "u", "die"})
# "dat hij 16 was", "omdat ze pas 13 is", "als je 15 bent": the age in a clause whose verb
# comes last (not "dat we 4 waren": a singular person only)
_CLAUSE_AGE = re.compile(
    r"\b(?:dat|omdat|als|alsof|terwijl|hoewel|zodra|wanneer|of|sinds|tot|totdat|voordat|"
    r"nadat|zolang)[ \t]+(?:ik|hij|ze|zij|je|jij|u|"
    # "dat haar dochter pas 13 is", "dat Sem 7 was"
    r"(?:zijn|z'n|haar|hun|mijn|m'n|mn|onze|ons|jullie|de|het)[ \t]+"
    rf"(?:{_PERSON_NOUNS})|((?-i:[A-ZÀ-Ý][a-zà-ÿ'-]+)))"
    r"[ \t]+(?:(?:al|pas|nog[ \t]+maar|net|bijna|ongeveer|nu|inmiddels|zelf|ook|toen)[ \t]+)*"
    rf"({_NUM})(?:[ \t]+jaar(?:[ \t]+oud)?)?[ \t]+"
    r"(?:is|was|ben|bent|wordt|werd|word|zou[ \t]+zijn|zou[ \t]+worden)\b",
    re.IGNORECASE,
)
_CLAUSE_FIRST_WORDS = first_words(("dat", "omdat", "als", "alsof", "terwijl", "hoewel", "zodra",
                                   "wanneer", "of", "sinds", "tot", "totdat", "voordat", "nadat",
                                   "zolang"))  # fmt: skip
# "die zegt 16 te zijn", "gaf aan 19 jaar te zijn": the age someone claims (grooming)
_CLAIMED_AGE = re.compile(
    r"\b(?:zegt|zei|zeiden|zeggen|beweert|beweerde|beweerden|claimt|claimde|loog|liegt|"
    r"(?:gaf|geeft|gaven)[ \t]+aan|schreef|schrijft|vertelde|vertelt)[ \t]+"
    r"(?:[^\W\d_]+[ \t]+){0,3}?"
    rf"({_NUM})(?:[ \t]+jaar(?:[ \t]+oud)?)?[ \t]+te[ \t]+(?:zijn|wezen)\b",
    re.IGNORECASE,
)


# "de baby is 9 weken." "is 4 maanden en drinkt goed": where an age in weeks or months ends
_UNIT_AGE_ENDS = re.compile(
    r"[ \t]*(?:[.,;:!?)]|$)|[ \t]+(?:en|oud|maar|toen|nu|inmiddels)\b", re.MULTILINE
)
_WORD_BEFORE = re.compile(r"(?<![\w'-])([^\W\d_][\w'-]*)[ \t]+$")
_WORDS_BEFORE = re.compile(r"(?:(?<![\w'-])[^\W\d_][\w'-]*[ \t]+){1,3}$")


def _hedged_ages(text: str) -> Iterator[Finding]:
    words = dutch_words()
    for m in finditer_words(_IS_AGE_HEDGED, _IS_FIRST_WORDS, text):
        before = _WORDS_BEFORE.search(text, max(0, m.start() - 60), m.start())
        subjects = before.group(0).split() if before else []
        if subjects and subjects[-1].lower() in _NUMBERED_SUBJECTS:
            continue  # "kamer 12 is vrij denk ik"
        person = m.group(1) is not None or any(
            word.lower() in _SUBJECT_PRONOUNS
            or word.lower() in _PERSON_NOUN_WORDS
            or word.lower() in first_names()
            or (word[:1].isupper() and word.lower() not in words)
            # "die jongen van hiernaast is 17 denk ik": the person a few words back
            for word in subjects[-3:]
        )
        if not person or m.group(2).lower() in ("een", "één") or not _age_ok(m.group(2)):
            continue
        yield _make(text, m.start(2), m.end(2))
        if m.group(3) and _age_ok(m.group(3)):  # "ze is 15 of 16"
            yield _make(text, m.start(3), m.end(3))


# "Sharon is zevenentwintig, Rinaldo dertig.", "Ik was zes, hij negen.", "De oudste is
# twaalf, de jongste vijf.": the verb left out
_ELLIPTIC_AGE = re.compile(
    r"(?:,|[ \t]+en)[ \t]+(?:hij|zij|ze|ik|jij|wij|we|"
    # chat's possessives too: "me dochter acht", "zn broer tien" (round 19)
    r"(?:de|het|haar|zijn|hun|mijn|m'n|mn|me|z'n|zn|d'r|onze|ons|jullie)[ \t]+[a-zà-ÿ]{3,20}|"
    r"oudste|jongste|middelste|"
    rf"(?-i:[A-ZÀ-Ý][a-zà-ÿ'-]+))[ \t]+(?:pas[ \t]+|net[ \t]+|bijna[ \t]+|nog[ \t]+maar[ \t]+)?"
    rf"({_NUM})(?=[ \t]*(?:[.,;!?)]|$))",
    re.IGNORECASE | re.MULTILINE,
)


def _elliptic_ages(text: str, end: int) -> Iterator[Finding]:
    """The ages after an age with "is"/"was" whose verb the sentence leaves out."""
    for _ in range(4):
        m = _ELLIPTIC_AGE.match(text, end)
        if m is None or not _age_ok(m.group(1)):
            return
        yield _make(text, m.start(1), m.end(1))
        end = m.end(1)


# "Moeder (J., 19)", "de jongen (R, 16)": the initials that stand for a name, and the age;
# "Mohammed (17, alleenstaande minderjarige)": the age first, then what the person is
_INITIALS_NUMBER = re.compile(
    r"[ \t]*(?:((?:[A-ZÀ-Ý]\.[ \t]?){1,3})|[A-ZÀ-Ý])[ \t]*,[ \t]*(\d{1,3})"
    r"(?=[ \t]*(?:,|$|[ \t]+(?:jaar|jr)\b))"
    r"|[ \t]*(\d{1,3})[ \t]*,[ \t]*(?=[^\W\d_])"
)


def _person_before(text: str, start: int) -> bool:
    """Whether a name or a person word stands right before ``start`` ("Mohammed (", "de
    jongen (")."""
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return False
    word = before.group(1)
    lowered = word.lower()
    return (
        lowered in _PERSON_NOUN_WORDS
        or lowered in first_names()
        or (word[:1].isupper() and lowered not in dutch_words())
    )


def _bracket_ages(text: str) -> Iterator[Finding]:
    """ "(Deniz 7 en Aylin 9)", "(jongvolwassene, 19)": a number after a name or a person
    word inside brackets."""
    words = dutch_words()
    for bracket in _BRACKETS.finditer(text):
        inside = bracket.group(1)
        initials = _INITIALS_NUMBER.match(inside)
        if initials is not None:
            group = 2 if initials.group(2) else 3
            number = initials.group(group)
            if (initials.group(1) or _person_before(text, bracket.start())) and _age_ok(number):
                start = bracket.start(1) + initials.start(group)
                yield _make(text, start, start + len(number))
        for m in _NAME_NUMBER.finditer(inside):
            word, number = m.group(1), m.group(2)
            lowered = word.lower()
            person = (
                lowered in first_names()
                or (word[:1].isupper() and lowered not in words)
                or lowered.endswith(("volwassene", "jongere", "puber", "tiener", "kind"))
            )
            if person and _age_ok(number):
                start = bracket.start(1) + m.start(2)
                yield _make(text, start, start + len(number))


def _name_van(text: str) -> Iterator[Finding]:
    """ "bram van 9", "Lotte van zeven", "die van twaalf en veertien"."""
    if _VAN_NUMBER.search(text) is None:
        return  # the pattern needs "van" and a number: far cheaper to look for first
    words = dutch_words()
    for m in _NAME_VAN.finditer(text):
        word, number = m.group(1), m.group(2)
        lowered = word.lower()
        if lowered != "die" and (
            lowered not in first_names() and (not word[:1].isupper() or lowered in words)
        ):
            continue
        if number.lower() == "een" or not _age_ok(number) or is_age_range(text, *m.span(2)):
            continue
        yield _make(text, m.start(2), m.end(2))
        yield from _more_ages(text, m.end(2))


_UNIT_AFTER = re.compile(r"[ \t]+(?:jaar|jr\.?|maanden|maand|mnd\.?)(?![\w])")


# "mijn oudste van veertien": with a possessive, the eldest's age ("de oudste van drie" is
# the eldest of three)
_ELDEST_VAN = re.compile(
    r"\b(?:mijn|m'n|mn|onze|ons|haar|zijn|z'n|hun|jullie|(de))\s+(?:oudste|jongste|middelste)"
    r"\s+van\s+"
    rf"(?:bijna\s+|pas\s+|net\s+|ruim\s+)?({_NUM})(?![\w-])"
    r"(?!\s+(?:kinderen|kids|zonen|dochters|jongens|meisjes|broers|zussen))",
    re.IGNORECASE,
)
# "de oudste van 9 gaat naar de brugklas": with "de" an age only in digits (a chat's way;
# "de oudste van drie is het meest zorgzaam" is the eldest of three), as the subject of the
# verb after it, never after "is", "als" or "was"
_ELDEST_SUBJECT = re.compile(
    r"[ \t]+(?:gaat|ging|zit|zat|heeft|had|woont|slaapt|speelt|wil|kan|moet|mag|zegt|"
    r"zei|vertelt|vertelde|huilt|komt|kwam|doet|deed|krijgt|kreeg|wordt|werd)\b"
    r"|[ \t]*[,;:)]",
    re.IGNORECASE,
)
_ELDEST_PREDICATE = re.compile(
    r"\b(?:is|was|ben|bent|zijn|waren|als|wordt|werd|blijft|bleef)\s+(?:ook\s+|nu\s+)?$",
    re.IGNORECASE,
)
# "Tweeling van 4 maanden, moeder 23.", "zoon 7, dochter 4": a family word and a bare number
_FAMILY_WORDS = ("moeder", "vader", "partner", "oma", "opa", "zoon", "zoontje", "dochter",
                 "dochtertje", "broer", "broertje", "zus", "zusje")  # fmt: skip
_FAMILY_NUMBER = re.compile(
    rf"\b({'|'.join(_FAMILY_WORDS)})[ \t]+(\d{{1,3}})"
    r"(?=[ \t]*(?:[,;)]|\.(?!\d)|$|[ \t]+en[ \t]))",
    re.IGNORECASE | re.MULTILINE,
)
_FAMILY_FIRST_WORDS = first_words(_FAMILY_WORDS)
_FAMILY_MIN_AGE = {"moeder": 12, "vader": 12, "partner": 12, "oma": 30, "opa": 30}


def _family_ages(text: str, lowered: str) -> Iterator[Finding]:
    if any(word in lowered for word in ("oudste", "jongste", "middelste")):
        for m in _ELDEST_VAN.finditer(text):
            if m.group(1) and (
                not m.group(2).isdigit() or not _ELDEST_SUBJECT.match(text, m.end(2))
            ):
                continue  # "ze is de oudste van drie": the eldest of three
            if m.group(1) and _ELDEST_PREDICATE.search(text, max(0, m.start() - 30), m.start()):
                continue
            if _age_ok(m.group(2)):
                yield _make(text, m.start(2), m.end(2))
    for m in finditer_words(_FAMILY_NUMBER, _FAMILY_FIRST_WORDS, text):
        value = number_value(m.group(2))
        # "dochter 1 en dochter 2" number the children: no age under three here
        minimum = _FAMILY_MIN_AGE.get(m.group(1).lower(), 3)
        if value is not None and _age_ok(m.group(2)) and value >= minimum:
            yield _make(text, m.start(2), m.end(2))


def _more_ages(text: str, end: int) -> Iterator[Finding]:
    """The ages that follow a first one in a list: "4 en 7", "3, 6 en 11"."""
    while (m := _MORE_AGES.match(text, end)) is not None and _age_ok(m.group(1)):
        if m.group(1).lower() == "een":
            return
        if is_age_range(text, m.start(1), m.end(1)):
            return
        unit = _UNIT_AFTER.match(text, m.end(1))
        age_end = unit.end() if unit is not None else m.end(1)
        yield _make(text, m.start(1), age_end)  # "3 en 8 jaar": the last one with its unit
        end = m.end(1)


# "dochter 8 mnd", "baby 6 weken": the unit's age right after the person
_PERSON_RIGHT_BEFORE = re.compile(rf"(?<![\w-])(?i:{_PERSON_NOUNS})[ \t]*[,:]?[ \t]+$")


def _years_old(text: str) -> Iterator[Finding]:
    for m in finditer_near(_YEARS_OLD, _UNIT_KEY, text, _NUM_REACH):
        if not _age_ok(m.group(1)):
            continue
        if not m.group(3):
            if m.group(2).lower().startswith("dag"):
                continue  # "4 dagen oud" is a baby's age; "moeder 3 dagen opgenomen" is not
            if m.group(1).lower() in ("een", "één"):
                continue  # "voor de duur van een jaar": "een jaar" is an age only with "oud"
            if m.group(2).lower().startswith(("maand", "mnd", "week")) and not (
                _PERSON_RIGHT_BEFORE.search(text, max(0, m.start() - 20), m.start())
            ):
                continue  # "zes weken" is an age only with "oud" or after "dochter"
            before = text[max(0, m.start() - 45) : m.start()]
            if (
                _DURATION_BEFORE.search(before)
                or _DURATION_AFTER.match(text, m.end())
                or _STAY_AFTER.match(text, m.end())
            ):
                continue
        yield _make(text, m.start(), m.end())


# --- ages in English (expat families, international schools): "aged 9", "a 7-year-old",
# "12 years old", "Oliver is eleven" --------------------------------------------------
_EN_NUMBER = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four"
    r"|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
)
_ENGLISH_AGE = re.compile(
    rf"\b(?i:aged?)[ \t]+(\d{{1,3}}|(?i:{_EN_NUMBER}))(?![\w-])"
    rf"|(?<![\w-])((?:\d{{1,3}}|(?i:{_EN_NUMBER}))(?:[ \t]+years?[ \t]+old|-years?-old))\b"
    # not "one": "it was one and done"
    rf"|\b(?:is|was|turns|turned)[ \t]+(?!one\b)({_EN_NUMBER})"
    r"(?=[ \t]*(?:[.,;!?)]|$(?!\n[ \t]*[a-z]))|[ \t]+and\b)",
    re.MULTILINE,
)
_HAS_ENGLISH_AGE = re.compile(
    r"\b(?i:aged?)\b|\bold\b|\b(?:is|was|turns|turned)[ \t]+(?:[a-z]+teen|twelve|eleven|ten"
    r"|nine|eight|seven|six|five|four|three|two|twenty|thirty|forty|fifty|sixty|seventy|eighty"
    r"|ninety)\b"
)


def find_english_ages(text: str) -> Iterator[Finding]:
    """Someone's age written in English."""
    if _HAS_ENGLISH_AGE.search(text) is None:
        return
    for m in _ENGLISH_AGE.finditer(text):
        group = next(g for g in (1, 2, 3) if m.group(g))
        yield _make(text, m.start(group), m.end(group), "leeftijd-engels")


# A chat's or a transcript's question for someone's age, and the next turns: the age given
# as the whole answer ("[22:47] Medewerker: Hoe oud ben je?" / "[22:48] bezoeker:
# vijftien. ik zit in 4 havo"; round 19)
_AGE_QUESTION = re.compile(r"(?i)\b(?:hoe[ \t]+oud|how[ \t]+old)\b[^\n?]*\?")
_ANSWER_TURN = re.compile(
    r"[ \t]*(?:\[?\d{1,2}:\d{2}(?::\d{2})?\]?[ \t]*-?[ \t]*)?([^\W\d][^:\n]{0,30}):[ \t]*"
    rf"({_NUM})(?:[ \t]+(?:jaar|years?)(?:[ \t]+(?:oud|old))?)?[ \t]*(?:[.,!]|\n|$)",
    re.IGNORECASE,
)


def find_age_answers(text: str) -> Iterator[Finding]:
    """A bare number that answers a chat's "Hoe oud ben je?" in one of the next two turns."""
    if "?" not in text or ":" not in text:
        return
    for question in _AGE_QUESTION.finditer(text):
        line_end = text.find("\n", question.end())
        for _ in range(2):  # the answer may follow a turn of the asker's own
            if line_end < 0:
                break
            m = _ANSWER_TURN.match(text, line_end + 1)
            if (
                m is not None
                and m.group(1).strip().lower() not in _NUMBERED_SUBJECTS  # "Groep: 7"
                and _age_ok(m.group(2))
            ):
                yield _make(text, m.start(2), m.end(2))
                break
            line_end = text.find("\n", line_end + 1)


DETECTORS = (find_ages, find_english_ages, find_age_answers)
