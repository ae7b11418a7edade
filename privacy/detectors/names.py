"""Names deduce misses: after a role or family word ("haar man Dmytro", "zoontje Kuba",
"het gezin Bouzid"), lowercase names ("mijn broertje jordy"), nicknames after
"noem ik ...", greetings and signatures.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from privacy.allowlist import is_not_name
from privacy.detectors.lexicon import (
    COUNTRIES,
    CREOLE_WORDS,
    common_words,
    dutch_words,
    dutch_words_without_diacritics,
    first_names,
    interfix_surnames,
    is_nationality_word,
    is_role_noun,
    is_thing_compound,
    is_unknown_word,
    is_verb_form,
    is_word_form,
    place_names,
    surnames,
)
from privacy.detectors.numbers_nl import NUMBER_WORD_PATTERN
from privacy.detectors.spans import distinct
from privacy.fast import (
    contains_any,
    finditer_words,
    first_words,
    folded,
    keyword_pattern,
)
from privacy.findings import Finding, Label

_PARTICLES = (
    r"van\s+der|van\s+den|van\s+de|van\s+het|van\s+'t|in\s+'t|op\s+de|uit\s+de|"
    r"van|de|der|den|ter|ten|te|el|al|ben|bin|da|di|du|le|la|von|op"
)
# Ā-ɏ: Latin Extended-A and -B, so also Romanian Ș/ș and Ț/ț with a comma below ("Ionuț",
# "Ștefan"; up to round 11c the classes stopped at ž and cut such a name in two)
_CAP = r"[A-ZÀ-ÖØ-ÞĀ-ɏİŞÇ][\w'\u2019]*(?:-[A-ZÀ-ÖØ-ÞĀ-ɏa-z][\w'\u2019]*)*"
_INITIALS = r"(?:[A-Z]\.\s?){1,4}"
_TITLE_PARTICLE = r"(?:Van\s+der|Van\s+den|Van\s+de|Van|De|Den|Ter|Ten|El)"
# A name: optional initials, optional particles, a capitalised word, more of the same.
_NAME = (
    rf"(?:{_INITIALS}\s*)?(?:(?:{_PARTICLES}|{_TITLE_PARTICLE})\s+)?{_CAP}"
    rf"(?:\s+(?:(?:{_PARTICLES})\s+)?{_CAP}){{0,3}}"
)

#: Role and family words after which a capitalised word is a name ("haar man Dmytro").
_ROLE_WORDS: tuple[str, ...] = (
    "zoon", "zoontje", "dochter", "dochtertje", "broer", "broertje", "zus", "zusje",
    "zuster", "moeder", "vader", "mama", "papa", "oma", "opa", "oom", "tante", "neef",
    "nicht", "vriend", "vriendje", "vriendin", "partner", "ex", "ex-partner", "ex-man",
    "ex-vrouw", "echtgenoot", "echtgenote", "man", "vrouw", "stiefvader", "stiefmoeder",
    "stiefzoon", "stiefdochter", "schoonmoeder", "schoonvader", "collega", "buurvrouw",
    "buurman", "juf", "meester", "mentor", "docent", "leerkracht", "mevrouw", "meneer",
    "mevr.", "mw.", "dhr.", "de heer", "dokter", "huisarts", "cliënt", "cliënte", "client",
    "patiënt", "patiënte", "baby", "kind", "leerling", "jongen", "meisje", "jongetje",
    "melder", "beller", "verdachte", "betrokkene", "getuige", "familie", "gezin",
    "jongste", "oudste", "tweeling", "agent", "wijkagent", "rechercheur",
    "procesregisseur", "teamleider", "consulent", "jeugdconsulent", "schuldhulpverlener",
    "hulpverlener", "begeleider", "voogd", "pleegmoeder", "pleegvader", "kleinzoon",
    "kleindochter", "zwager", "schoonzus", "opa en oma", "leidster", "leider", "oppas",
    "gastouder", "pedagogisch medewerker", "groepsleider", "groepsleidster", "trainer",
    "coach", "gaat om", "ging om", "mrs.", "mr.", "ms.", "mrs", "mr", "miss", "ms", "sir",
    "dr.", "dr",
)  # fmt: skip
_ROLES = keyword_pattern(_ROLE_WORDS)
# An English honorific between a role word and the name is a title, outside the name: "De
# mentor, Mrs. Donnelly" (round 19)
_HONORIFIC = r"(?:Mrs|Mr|Ms|Miss|Sir|Dr)\.?"
_TRIGGER = re.compile(rf"(?<![\w-])(?i:{_ROLES})(?:\s*[,:])?\s+(?:{_HONORIFIC}\s+)?({_NAME})")
_ROLE_FIRST_WORDS = first_words(_ROLE_WORDS)
_NAMING_WORDS = ("heet", "heten", "genaamd", "noem", "naam", "ik ben", "ben ik")
_GREETING_WORDS = ("Beste", "Lieve", "Hoi", "Hallo", "Dag", "Hey", "Hi")
_SIGNATURE_WORDS = ("Gr", "groet", "Mvg")
_NAMING = re.compile(
    rf"\b(?i:heet|heten|genaamd|noem\s+(?:ik\s+)?(?:hem|haar|hen|ze)(?:\s+hier)?(?:\s+even)?|"
    rf"naam\s+is|heet\s+hier(?:\s+gewoon)?|noemen\s+hem|noemen\s+haar)\s+({_NAME}|{_INITIALS})"
)
_GREETING = re.compile(
    rf"(?:^|[\n\"'“])\s*(?:Beste|Lieve|Hoi|Hallo|Dag|Hey|Hi|Hej|Dear|Cześć|Merhaba|Privet|Hola"
    rf"|Ciao|Salut|Ahoj)\s+({_NAME})\s*[,!]",
    re.MULTILINE,
)
_SIGNATURE = re.compile(
    rf"\b(?:Groet|Groeten|Met\s+vriendelijke\s+groet|Vriendelijke\s+groet|Mvg|Gr\.?)\s*,?\s+"
    rf"({_NAME})",
)
_LOWER_WORD = re.compile(r"(?<![\w'-])[a-zà-öø-ÿĀ-ɏ][a-zà-öø-ÿĀ-ɏ'-]{1,20}\b")
_LOWER_CONTEXT = re.compile(
    rf"(?:(?<![\w-])(?i:{_ROLES}|met|van|en|bij|ik\s+ben|ben\s+ik|heet)(?:\s*[,:])?\s+|(?<![\w.])@"
    # "mama (kasia) zei": the name in brackets after a role word
    rf"|(?<![\w-])(?i:{_ROLES})[ \t]*\([ \t]*)$"
)


_NON_SPACE = re.compile(r"\S+")


def _trim_name(text: str, start: int, value: str) -> tuple[int, int] | None:
    """Drop trailing/leading ordinary words from a matched name; None if nothing is left."""
    words = list(_NON_SPACE.finditer(value))
    while words and is_not_name(words[-1].group(0)):
        words.pop()
    while words and is_not_name(words[0].group(0)):
        words.pop(0)
    # "Naomi Jansen\nJeugdbeschermer": the signature's next line is a role (round 19); a
    # role word alone stays ("mevrouw Mentor": after a title it is a surname)
    while len(words) > 1 and role_noun(words[-1].group(0)):
        words.pop()
    while len(words) > 1 and role_noun(words[0].group(0)):
        words.pop(0)
    if not words:
        return None
    first = words[0]
    if (
        first.group(0).lower() in {"van", "de", "der", "den", "ter", "ten", "te"}
        and len(words) == 1
    ):
        return None
    end = start + words[-1].end()
    while end > start and text[end - 1] in ".,;:'\u2019":
        end -= 1
    begin = start + first.start()
    return (begin, end) if end > begin else None


def role_noun(word: str) -> bool:
    """A noun for a role or function (:func:`is_role_noun`) that no surname or first name
    list holds: "Medewerker", "Verzoekster", "Jeugdbeschermer" (not "Advocaat", "Voogd")."""
    lowered = word.lower().strip(".:,;|")
    return (
        is_role_noun(lowered)
        and lowered not in surnames()
        and lowered not in interfix_surnames()
        and lowered not in first_names()
    )


# a chat line's time before a speaker label: "[21:04] Medewerker: Welkom ..."
_TIME_BEFORE_LABEL = re.compile(
    r"(?:^|\n)[ \t]*\[?(?:\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4},?\s+)?\d{1,2}:\d{2}(?::\d{2})?\]?"
    r"[ \t]*-?[ \t]*$"
)


def _turn_label(text: str, m: re.Match[str]) -> bool:
    """Whether a role word before a colon is a chat line's speaker label ("[21:04]
    Hulpverlener: Fijn dat je er bent"): the word after it opens the turn, no name."""
    between = text[m.start() : m.start(1)]
    return ":" in between and (
        _TIME_BEFORE_LABEL.search(text, max(0, m.start() - 30), m.start()) is not None
    )


def _name_findings(text: str, matches: Iterable[re.Match[str]]) -> Iterator[Finding]:
    for m in matches:
        value = m.group(1)
        if not value[:1].isupper() or _turn_label(text, m):
            continue
        span = _trim_name(text, m.start(1), value)
        if span is None:
            continue
        start, end = span
        if is_not_name(text[start:end]):
            continue
        yield Finding(start, end, Label.NAAM, text[start:end], "naam-context")


@distinct
def find_role_names(text: str) -> Iterator[Finding]:
    """Capitalised names right after a role or family word, or after "heet"/"noem ik"."""
    yield from _name_findings(text, finditer_words(_TRIGGER, _ROLE_FIRST_WORDS, text))
    if contains_any(folded(text).text, _NAMING_WORDS):
        yield from _name_findings(text, _NAMING.finditer(text))
    if contains_any(text, _GREETING_WORDS):
        yield from _name_findings(text, _GREETING.finditer(text))
    if contains_any(text, _SIGNATURE_WORDS):
        yield from _name_findings(text, _SIGNATURE.finditer(text))


_SENTENCE_START = re.compile(
    r"(?:^[ \t]*(?:\[?\d{1,2}:\d{2}\]?[^:\n]{0,30}:[ \t]*)?|[.!?]\s+|\n\s*)([^\W\d_])",
    re.MULTILINE,
)
# A turn's label is no sentence: "Inbrenger: vanuit het kdv. noor van 3 ..." and "Deelnemer
# A: ..." (intervisie transcripts) are typed without capitals after the label (round 13a). A
# label is a turn's when its word opens two lines or more; a form's fields ("Aanleiding:",
# "Conclusie:") each open one.
_TURN_LABEL = re.compile(
    r"^[ \t]*([A-ZÀ-Ý][a-zà-ÿ]{2,20})(?:[ \t][A-Z0-9])?:[ \t]+([^\W\d_])", re.MULTILINE
)
# "[14:02] sanne: ...", "14:02 - Sanne: ...", "12-03-24 14:02 - sanne: ..." (chat exports)
_CHAT_SPEAKER = re.compile(
    r"^[ \t]*(?:\[?(?:\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4},?\s+)?\d{1,2}:\d{2}(?::\d{2})?\]?"
    r"[ \t]*-?[ \t]*)([^\W\d_][\w'-]*(?:[ \t][^\W\d_][\w'-]*)?)[ \t]*:",
    re.MULTILINE,
)


def typed_without_capitals(text: str) -> bool:
    """Whether most sentences of ``text`` start in lowercase (chat, quick forum posts).

    In such a text a lowercase first name needs no trigger word before it.
    """
    by_position = {m.start(1): m.group(1) for m in _SENTENCE_START.finditer(text)}
    if ":" in text:
        labels = list(_TURN_LABEL.finditer(text))
        repeated = Counter(m.group(1) for m in labels)
        for m in labels:
            if repeated[m.group(1)] >= 2 and m.start(1) in by_position:
                by_position[m.start(1)] = m.group(2)  # the turn's first letter, not its label's
    starts = list(by_position.values())
    if len(starts) < 2:
        return bool(starts) and starts[0].islower() and text.islower()
    return sum(c.islower() for c in starts) * 2 >= len(starts)


# "Dounia 14:05: ...": the name before the time
_CHAT_SPEAKER_FIRST = re.compile(
    r"^[ \t]*([^\W\d_][\w'-]*)[ \t]+\[?\d{1,2}:\d{2}(?::\d{2})?\]?[ \t]*:", re.MULTILINE
)


# "MARLEEN: Nou, eh ...", "[00:12:31] SANDER (partner): ...": an interview's or a podcast's
# transcript names a speaker in capitals; a known first name there is the person (round 25;
# "INTERVIEWER:", "GAST:", "HOST:" are roles and no first name)
_TRANSCRIPT_SPEAKER = re.compile(
    r"^[ \t]*(?:\[[^\]\n]{1,20}\][ \t]*)?([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'-]{2,20})"
    r"(?=(?:[ \t]*\([^)\n]{0,40}\))?[ \t]*:)",
    re.MULTILINE,
)


@distinct
def find_chat_speakers(text: str) -> Iterator[Finding]:
    """The speaker of each line of a message thread: "[14:02] sanne: ...", "Sanne 14:02: ...";
    a transcript's speaker in capitals: "MARLEEN: ..."."""
    if ":" not in text:
        return
    for m in _TRANSCRIPT_SPEAKER.finditer(text):
        if m.group(1).lower() in first_names() and not is_not_name(m.group(1)):
            yield Finding(m.start(1), m.end(1), Label.NAAM, m.group(1), "naam-spreker")
    for m in (*_CHAT_SPEAKER.finditer(text), *_CHAT_SPEAKER_FIRST.finditer(text)):
        value = m.group(1)
        start = m.start(1)
        first, _, rest = value.partition(" ")
        if is_role_noun(first):
            # "[21:04] Medewerker: ...": a speaker named by a role is no person (round 19);
            # "Hulpverlener Anouk:" keeps the name after it
            if not rest or is_role_noun(rest):
                continue
            value, start = rest, m.start(1) + len(first) + 1
        if is_not_name(value) or not (value[0].isupper() or value.lower() in first_names()):
            continue  # "ovv:" is an abbreviation; a lowercase speaker must be a known name
        yield Finding(start, start + len(value), Label.NAAM, value, "naam-chat")


# Round 27: "Riet: goedemorgen!", "Wil: Hoi Olha": in a thread where a known first name
# opens two lines or more as a speaker, another capitalised word that opens two lines or
# more as a speaker is a person too, also when it is a Dutch word ("Riet", "Wil", "Roos");
# not a role, a relative or a form's field ("Moeder:", "Datum:", "Actie:")
_NOT_SPEAKERS = frozenset(
    {"datum", "tijd", "adres", "actie", "acties", "afspraak", "afspraken", "opmerking",
     "notitie", "vraag", "antwoord", "conclusie", "doel", "doelen", "plan", "update",
     "stand", "status", "besluit", "advies", "reactie", "observatie", "aanleiding",
     "situatie", "bron", "locatie", "onderwerp", "betreft", "resultaat", "vervolg",
     "evaluatie", "samenvatting", "bericht", "telefoon", "tel", "mail", "moeder", "vader",
     "zoon", "dochter", "oma", "opa", "kind", "kinderen", "broer", "zus", "tante", "oom",
     "ouder", "ouders", "partner", "man", "vrouw", "cliënt", "client", "cliënte", "jongere",
     "jeugdige", "leerling", "student", "bewoner", "deelnemer", "gast", "ik", "wij",
     "iedereen", "groep", "team", "let", "tip", "noot", "nb", "ps", "afzender", "aan",
     "van", "cc", "bijlage", "bijlagen", "beslissing", "risico", "risico's", "sterk",
     "zorg", "zorgen", "punt", "punten", "agenda", "stap", "week", "dag", "ochtend",
     "middag", "avond", "nacht", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag",
     "zaterdag", "zondag", "interviewer", "spreker", "vragensteller", "docent", "mentor"}
)  # fmt: skip


@distinct
def find_thread_speakers(text: str) -> Iterator[Finding]:
    """Speakers of a thread that are Dutch words, beside a known first name as speaker."""
    if ":" not in text or "\n" not in text:
        return
    labels = list(_TURN_LABEL.finditer(text))
    if len(labels) < 4:
        return
    repeated = Counter(m.group(1) for m in labels)
    speakers = {w for w, n in repeated.items() if n >= 2}
    names = first_names()
    if len(speakers) < 2 or not any(w.lower() in names for w in speakers):
        return
    for m in labels:
        word = m.group(1)
        if (
            word in speakers
            and word.lower() not in names
            and word.lower() not in _NOT_SPEAKERS
            and not is_role_noun(word)
            and not is_not_name(word)
        ):
            yield Finding(m.start(1), m.end(1), Label.NAAM, word, "naam-chat")


@distinct
def find_lowercase_names(text: str) -> Iterator[Finding]:
    """Known first names typed in lowercase: after a role word, "met", "van", "en", or
    anywhere in a text typed without capitals."""
    names = first_names()
    # Look words up first, all at once (cheap), then check the few candidates for a
    # trigger before them. first_names() holds no ordinary word.
    candidates = names.intersection(w.removesuffix("'s") for w in _LOWER_WORD.findall(text))
    if not candidates:
        return
    anywhere = typed_without_capitals(text)
    for m in _LOWER_WORD.finditer(text):
        word = m.group(0)
        if word.endswith("'s") and word[:-2] in candidates:
            # "marco's zus": the name without its possessive
            base = _LOWER_WORD.match(text, m.start(), m.end() - 2)
            if base is None:
                continue
            m, word = base, base.group(0)
        if word not in candidates or _creole_word(text, m.start(), m.end(), word):
            continue
        if word in dutch_words() and (
            _ARTICLE_BEFORE.search(text, max(0, m.start() - 8), m.start())
            or _POSSESSIVE_BEFORE.search(text, max(0, m.start() - 8), m.start())
        ):
            # "op de wang", "een mars": after an article the word is a word; so after a
            # possessive: "haar lente", "mijn engel", "hun koop" (round 17)
            continue
        if _verb_stem(word) and _PRONOUN_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "ik ken de groot": after a clause's "ik"/"we" a verb's stem
        if _BEN_BEFORE.search(text, max(0, m.start() - 12), m.start()) and _VAN_AFTER.match(
            text, m.end()
        ):
            continue  # "ik ben fan van", "ben ik lid van": a noun with its "van"
        if is_verb_form(word) and not _STRONG_LOWER_CONTEXT.search(
            text, max(0, m.start() - 40), m.start()
        ):
            continue  # "'van de bank gerold'": a verb, unless a role word names it (round 19)
        if (
            (anywhere and len(word) >= 3)
            or _opening_subject(text, m)
            or _LOWER_CONTEXT.search(text, max(0, m.start() - 40), m.start())
            or _between_lowercase_words(text, m, word)
        ):
            end = _lowercase_surname_end(text, m.end())
            yield Finding(m.start(), end, Label.NAAM, text[m.start() : end], "naam-klein")


# a sentence's start, also after a turn's label ("Inbrenger: ", "[14:02] sanne: ")
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?:][\"'\u201d)]?[ \t]+|\n[ \t]*)$")
_PERSON_VERB_AFTER = re.compile(
    r"[ \t]+(?:zei|zegt|belde|belt|vertelde|vertelt|meldt|meldde|huilt|huilde|heeft|had|wil|"
    r"wilde|woont|woonde|komt|kwam|gaat|ging|zit|zat|speelt|speelde|slaapt|sliep|schreeuwde|"
    r"appte|mailde|liet|vroeg|vraagt)(?![\w-])"
    r"|[ \t]+(?:van[ \t]+)?\(?\d{1,2}\)?(?:[ \t]+jaar)?(?![\w-])"
)


# a name's own signal before a lowercase word: a role or family word, a naming verb
_STRONG_LOWER_CONTEXT = re.compile(
    rf"(?<![\w-])(?i:{_ROLES}|ik\s+ben|ben\s+ik|heet|heten|genaamd)(?:\s*[,:])?\s+$"
)


def _opening_subject(text: str, m: re.Match[str]) -> bool:
    """A known first name typed in lowercase opening a sentence, before the verb it is the
    subject of or its age: "noor zei dat ...", "bo belde", "noor van 3 komt ..." (round 13a);
    also two letters ("bo", "mo") that anywhere else may be a word."""
    return (
        _OPENS_SENTENCE.search(text, max(0, m.start() - 4), m.start()) is not None
        and _PERSON_VERB_AFTER.match(text, m.end()) is not None
    )


def _creole_word(text: str, start: int, end: int, word: str) -> bool:
    """A Papiamentu or Sranan word in lowercase ("bon dia", "wela van de kinderen"); one that
    is a first name too only beside another ("bo ta bon", not "bo zei")."""
    if word not in CREOLE_WORDS:
        return False
    if word not in first_names():
        return True
    near = text[max(0, start - 12) : start] + " " + text[end : end + 12]
    return any(w in CREOLE_WORDS for w in _NEAR_WORD.findall(near.lower()))


_NEAR_WORD = re.compile(r"[a-z]+")


_BEN_BEFORE = re.compile(r"(?<![\w-])(?i:ben|bent|is|zijn|was|waren|word|wordt)[ \t]+$")
_VAN_AFTER = re.compile(r"[ \t]+van\b")


# a lowercase word before (not a possessive, an abbreviation with its full stop, or a
# number): "Ik zag lotte bij de poort", "Gisteren was daan er niet"
_LOWER_WORD_BEFORE = re.compile(r"(?<![\w'.-])([a-zà-öø-ÿ]{2,20})[ \t]+$")
_POSSESSIVES = frozenset(
    {"haar", "zijn", "mijn", "je", "jouw", "hun", "ons", "onze", "uw", "die", "deze", "dat",
     "dit", "elke", "iedere", "welke", "geen", "wat", "zo", "nota"}
)  # fmt: skip
_AFTER_NOT_NAME = re.compile(r"[ \t]+(?:bene|van[ \t]+de[nr]?[ \t]+(?:week|dag|maand))\b")


def _between_lowercase_words(text: str, m: re.Match[str], word: str) -> bool:
    """A known first name in lowercase inside a sentence of a text typed with capitals:
    after a lowercase word that is no article or possessive ("haar wang", "li. wang" stay),
    at least three letters, no verb's stem after "ik"/"we"."""
    if len(word) < 3 or word in _ENGLISH_FUNCTION_WORDS:
        return False
    before = _LOWER_WORD_BEFORE.search(text, max(0, m.start() - 22), m.start())
    if before is None or before.group(1) in _POSSESSIVES:
        return False
    previous = before.group(1)
    if previous not in dutch_words() or previous.endswith(("end", "ende", *_ADJECTIVE_ENDINGS)):
        return False  # "een opvallend kader"; English ("code has been") is not read so
    after = _WORD_AFTER.match(text, m.end())
    if after is not None and after.group(1) and after.group(1).lower() not in dutch_words():
        return False  # "using just this key"
    return not _AFTER_NOT_NAME.match(text, m.end())


#: English words that some list holds as a first name ("can", "will"): in an English
#: sentence quoted in a text they are words.
_ENGLISH_FUNCTION_WORDS = frozenset(
    {"just", "has", "can", "will", "may", "did", "had", "are", "not", "but", "all", "any",
     "one", "ever", "even", "more", "most", "much", "then", "than", "also", "only", "does"}
)  # fmt: skip
_WORD_AFTER = re.compile(r"(?:[ \t]+([^\W\d_]+)|[ \t]*[.,;:!?)\n]|$)")


_CLOSING = re.compile(r"[ \t]*[),]")
# a subject pronoun opening a main clause right before: the next word is its verb if it has
# a verb's forms ("ik ken de groot"; not "zag ik noor", "dat ik noor zag": there the name)
_PRONOUN_BEFORE = re.compile(
    r"(?:^|[.!?,;:]|(?<![\w-])(?i:en|maar|want|dus))[ \t]*(?<![\w-])(?i:ik|jij|je|we|wij|u)"
    r"[ \t]+$"
)


def _verb_stem(word: str) -> bool:
    """A word with a verb's present forms: "ken" (kent, kennen), "mis" (mist, missen)."""
    words = dutch_words()
    return f"{word}t" in words and (
        f"{word}en" in words
        or f"{word}{word[-1]}en" in words
        or (len(word) > 2 and word[-2] == word[-3] and f"{word[:-2]}{word[-1]}en" in words)
    )


# only an article: "zei dat mila", "die jordy" are names (the word list holds many names)
_ARTICLE_BEFORE = re.compile(r"(?<![\w-])(?i:de|het|een)[ \t]+$")
# a possessive that is no verb or pronoun too ("zijn", "je": "waar zijn daan en lotte",
# "zie je nadia")
_POSSESSIVE_BEFORE = re.compile(r"(?<![\w-])(?i:haar|mijn|jouw|hun|onze|uw)[ \t]+$")
_LOWER_SURNAME = re.compile(
    r"[ \t]+((?:(?:van|v|de|den|der|ter|ten|el|al|ben|bin|ait|abu|ibn|ould)\.?[ \t]+){0,2})"
    # a surname opens with a letter: "volgens khadija 'ophitsen'" is a quote (round 13a)
    r"([a-zà-öø-ÿĀ-ɏ][a-zà-öø-ÿĀ-ɏ'-]{1,24})(?![\w-])"
)


def _lowercase_surname_end(text: str, end: int) -> int:
    """Extend a lowercase first name with its surname: "marlies de wit", "mehmet çelik",
    and a third name no list holds before the name's end ("selam tesfamariam ghebreyesus
    (29)", round 13a)."""
    surname_end = _one_lowercase_surname_end(text, end)
    if surname_end > end:
        third = _LOWER_SURNAME.match(text, surname_end)
        if (
            third is not None
            and not third.group(1)
            and _unknown_part(third.group(2))
            and len(third.group(2)) >= 4
            and not _verb_after(text, third)
            and _NAME_CLOSES.match(text, third.end())
        ):
            return third.end()
    return surname_end


def _one_lowercase_surname_end(text: str, end: int) -> int:
    """After a particle, any known surname; without one, a word that is no Dutch word."""
    m = _LOWER_SURNAME.match(text, end)
    if m is None:
        return end
    particles, word = m.group(1), m.group(2)
    if _surname_word_closes_name(text, m, particles, word):
        return m.end()
    if word in common_words() or word in first_names():
        return end
    if particles and (word in surnames() or word in interfix_surnames()):
        return m.end()
    if not particles and is_unknown_word(word) and len(word) >= 3 and not _verb_after(text, m):
        return m.end()
    if not particles and word in surnames() and _surname_not_word(word):
        return m.end()  # "kevin bakker", "tomasz kowalski": a surname no word shares
    return end


# What follows a lowercase first name and its surname: a comma, a bracket, an address's
# "<", a line's end, or the verb whose subject the person is ("ria hoek woont om de hoek",
# "gerrit storm, 67", "mirjam hoek (ib)", "gareth hughes werkt bij shell")
_NAME_CLOSES = re.compile(
    r"[ \t]*(?:[,;:()<\n]|$)"
    r"|[ \t]+(?:woont|woonde|werkt|werkte|zei|zegt|belde|belt|heeft|had|kwam|komt|vertelde|"
    r"vertelt|meldt|meldde|wil|wilde|kan|kon|moet|moest|zat|zit|ging|gaat|werd|wordt|huilt|"
    r"huilde|haalt|haalde|bracht|brengt|stuurde|appte|mailde|liet|laat)(?![\w-])"
)
# the same, or a sentence's end: only after a surname of the lists ("heette harm storm.")
_NAME_CLOSES_OR_STOP = re.compile(rf"(?:{_NAME_CLOSES.pattern})|[ \t]*[.!?](?:[\s)\"'»]|$)")
_ARABIC_PARTICLES = frozenset({"el", "al", "ben", "bin", "ait", "abu", "ibn", "ould"})
#: Adverbs the list of frequent words lacks, which may follow a name before a comma.
_ADVERBS = frozenset(
    {"trouwens", "natuurlijk", "eigenlijk", "gewoon", "echt", "toch", "ineens", "opeens",
     "misschien", "helaas", "gelukkig", "uiteindelijk", "vervolgens", "meteen", "direct",
     "gisteren", "vandaag", "morgen", "vanochtend", "vanmiddag", "vanavond", "vannacht",
     "thuis", "buiten", "binnen", "samen", "alleen", "ook", "weer", "nooit", "altijd", "vaak",
     "soms", "zelf", "daar", "hier", "net", "nu", "toen", "straks", "inmiddels", "intussen",
     "sowieso", "ofzo", "enzo", "hoor", "joh", "haha", "idd", "btw", "lol", "dus", "nou"}
)  # fmt: skip


def _surname_word_closes_name(text: str, m: re.Match[str], particles: str, word: str) -> bool:
    """A lowercase first name's surname that is also a word, or a foreign surname that the
    frequency list holds: "gerrit storm, 67", "ria hoek woont", "christina de vos, maar",
    "hanneke de berg.", "yasmina el khatib", "stefan ivanov, geb.", "gareth hughes werkt"
    (round 13a). Only where the name visibly ends after it, so "met jan naar de bakker",
    "gaf noor snoep" and "met lisa praten" stay words."""
    if len(word) < 3 or word in _STOP_WORDS or is_not_name(word):
        return False
    particle = particles.split()[0] if particles else ""
    if particle in _ARABIC_PARTICLES:
        # "el khatib", "ait lahcen", "ben ali": a name or a word no list holds ("al" and
        # "ben" are Dutch words too: "met jan al gesproken", "ik ben")
        return (
            word not in common_words()
            and not _verb_form(word)
            and not word.startswith(_PARTICIPLE_PREFIXES)
            and (_unknown_part(word) or word in surnames() or word in first_names())
        )
    if word in first_names():
        return False
    listed = word in surnames() or word in interfix_surnames()
    if "-" in word and not listed:
        # "van der knaap-mijnders": a double surname, each part a surname or no word
        parts = word.split("-")
        listed = all(
            len(p) >= 3 and (p in surnames() or p in interfix_surnames() or _unknown_part(p))
            for p in parts
        )
    if _verb_after(text, m) or word.endswith(_ADJECTIVE_ENDINGS):
        return False
    if listed and _NAME_CLOSES_OR_STOP.match(text, m.end()):
        # after "van" only a surname that is no frequent word: "fleur van drie" is an age
        return word not in _NOT_AFTER_TITLE and not (particle == "van" and word in common_words())
    if (
        particles
        or _verb_form(word)
        or word in common_words()
        or word in _ADVERBS
        or word.endswith(("en", "ens", "je", "jes", "tje", "lijk", "ig", "isch"))
        or word.startswith(("ge", "be", "ver", "ont", "her"))  # "tante hiwet gezocht"
        or word.startswith(tuple(f"{p}ge" for p in _SEPARABLE_PREFIXES))  # "opgebeld"
    ):
        return False  # "in prins alexander trouwens, mocht ...": an adverb
    # a word of the frequency list that no list of ordinary words holds, before a comma,
    # bracket or verb: a foreign surname ("ivanov", "hughes", "fontaine", "dimitrov")
    return word in dutch_words() and _NAME_CLOSES.match(text, m.end()) is not None


def _surname_not_word(word: str) -> bool:
    """A surname of the lists that is no frequent word, verb form or infinitive ("jansen"
    stays a surname: "jans" is no word; "praten" is a verb)."""
    return (
        len(word) >= 3
        and word not in _STOP_WORDS
        and word not in _NOT_AFTER_TITLE
        and word not in _ENGLISH_FUNCTION_WORDS
        and not _verb_form(word)
        and not (word.endswith(("en", "de", "te")) and word[:-2] in dutch_words())
    )


def _past_tense(word: str) -> bool:
    """A weak verb's past tense: "verzuimde" (verzuimen), "stalkte" (stalken); not "habte"."""
    stem = word[:-2] if word.endswith(("te", "de")) else ""
    return len(stem) >= 4 and (stem in dutch_words() or f"{stem}en" in dutch_words())


_PARTICIPLE_PREFIXES = ("be", "ge", "ver", "ont", "her", "er")
_SEPARABLE_PREFIXES = (
    "uit", "op", "aan", "af", "in", "mee", "door", "terug", "weg", "neer", "om", "toe",
    "binnen", "buiten", "over", "tegen", "na", "voor",
)  # fmt: skip


def _verb_after(text: str, m: re.Match[str]) -> bool:
    """Whether the word after a lowercase first name is a participle, not its surname: "van
    dewi bekrast" (a prefix and a verb form of a known stem: "krast"), unless it is a known
    surname. Only this narrow test: a surname cut off would leak, a verb taken in is only
    one word too many."""
    word = m.group(2)
    if word in surnames():
        return False
    if _past_tense(word):
        return True  # "stefan verzuimde", "richard stalkte": a past tense (round 13a)
    for prefix in _SEPARABLE_PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 4 and rest in dutch_words():
            return True  # "en kevin uitschold": a separable verb's past tense
    for prefix in _PARTICIPLE_PREFIXES:
        stem = word[len(prefix) :]
        if word.startswith(prefix) and len(stem) >= 3 and _verb_form(stem):
            return True
    return False


_ROLE_LOWER = re.compile(
    rf"(?<![\w-])(?:{_ROLES})(?:(?:\s*[,:])?\s+|[ \t]*\([ \t]*)"
    rf"(?=([a-zà-öø-ÿĀ-ɏ][a-zà-öø-ÿĀ-ɏ'-]{{2,20}})(?![\w-]))"  # not consumed: "jongste, zoontje"
)


@distinct
def find_unknown_lowercase_names(text: str) -> Iterator[Finding]:
    """A lowercase word that is no Dutch word, right after a role or family word:
    "moeder senait", "de oudste filmon" (names no list holds, typed without capitals)."""
    for m in finditer_words(_ROLE_LOWER, _ROLE_FIRST_WORDS, text):
        word = m.group(1)
        bare = word.rstrip("'")
        if bare != word and not is_unknown_word(bare):
            continue  # "mama huilde'": a word before a closing quote (round 19)
        if (
            not is_unknown_word(word)
            or is_not_name(word)
            or _verb_form(word)
            or is_verb_form(word)
            or (is_compound(word) and word not in surnames())
            or _creole_word(text, m.start(1), m.end(1), word)
        ):
            # "moeder (geanonimiseerd)", "familie: onderbewindstelling": a participle or
            # Dutch words joined, no name (round 19)
            continue
        if "(" in m.group(0) and not _CLOSING.match(text, m.end(1)):
            continue  # "moeder (parketnummer 10/...)": a name in brackets closes them
        end = _lowercase_surname_end(text, m.end(1))
        yield Finding(m.start(1), end, Label.NAAM, text[m.start(1) : end], "naam-klein")
    if contains_any(folded(text).text, _NAMING_WORDS):
        # "mijn ex heet dawit", "ik ben fatou": after a naming verb, a lowercase word no
        # list holds (after "ik ben" four letters or more: "ik ben idd", "ik ben ff")
        for m in _NAMING_LOWER.finditer(text):
            word = m.group(1)
            if not is_unknown_word(word) or is_not_name(word) or _verb_form(word):
                continue
            if "ben" in m.group(0).lower() and (len(word) < 4 or is_compound(word)):
                continue  # "ik ben doktersassistente": a job made of words
            end = _lowercase_surname_end(text, m.end(1))
            yield Finding(m.start(1), end, Label.NAAM, text[m.start(1) : end], "naam-klein")


_NAMING_LOWER = re.compile(
    r"(?<![\w-])(?i:heet|heten|genaamd|naam\s+is|ik\s+ben|ben\s+ik)[ \t]+"
    r"([a-zà-öø-ÿĀ-ɏ][a-zà-öø-ÿĀ-ɏ'-]{1,20})(?![\w-])"
)


def _verb_form(word: str) -> bool:
    """A Dutch word with a verb's ending: "kerkt" ("het gezin kerkt"), "fietste"."""
    words = dutch_words()
    return (word.endswith(("t", "d")) and word[:-1] in words) or (
        word.endswith(("te", "de", "ten", "den")) and word.rstrip("n")[:-2] in words
    )


# One capitalised word inside a sentence that is no Dutch word, place or country
# ("zei Bayu", "Mykyta wel"): a name no list holds.
_UNKNOWN_CAP = re.compile(r"([A-ZÀ-ÖØ-ÞĀ-ɏ](?<=[\w,;:)] .)[a-zà-öø-ÿĀ-ɏ'\u2019]{2,20})(?![\w-])")


@distinct
def find_unknown_capitalised_names(text: str) -> Iterator[Finding]:
    """A capitalised word in the middle of a sentence that no Dutch word list holds."""
    for m in _UNKNOWN_CAP.finditer(text):
        word = m.group(1)
        lowered = word.lower()
        if not is_unknown_word(word) or lowered in _MONTHS_AND_DAYS or is_not_name(word):
            continue
        if lowered.endswith(_ADJECTIVE_ENDINGS) or lowered.endswith(_THING_ENDINGS):
            continue
        if is_word_form(word) or is_nationality_word(word) or role_noun(word):
            continue  # "Olifantjes", "Snapchats", "Arabischsprekende", "Verzoekster" (round 19)
        if is_thing_compound(word):
            continue  # "Ouderschapsplan", "Kinderombudsman", "Koranles" (round 22)
        yield Finding(m.start(1), m.end(1), Label.NAAM, word, "naam-onbekend")


_WORD_BEFORE = re.compile(r"(?:^|(?<=\s))([^\W\d_][\w'\u2019-]*)[ \t]+$")
_CAPITAL_AFTER = re.compile(r"[ \t]+(?:[A-ZÀ-ÖØ-ÞĀ-ɏ]|&)")
_ARTICLES = frozenset({"de", "het", "een", "'t"})


@distinct
def find_known_capitalised_first_names(text: str) -> Iterator[Finding]:
    """A known first name capitalised in the middle of a sentence, between lowercase words:
    "Kinderen op school: Iman op het Nuovo en Amine op basisschool ..." (deduce's list
    lacks some names the region's lists hold). Not after an article ("de Roos", a pub),
    not beside another capitalised word (an organisation's or a place's name)."""
    given = first_names()
    for m in _UNKNOWN_CAP.finditer(text):
        word = m.group(1)
        lowered = word.lower()
        if lowered not in given or len(word) < 3 or lowered in _MONTHS_AND_DAYS:
            continue
        if lowered in place_names() or lowered in COUNTRIES or is_not_name(word):
            continue
        before = _WORD_BEFORE.search(text, max(0, m.start(1) - 30), m.start(1))
        if before is not None and (not before.group(1).islower() or before.group(1) in _ARTICLES):
            continue
        if _CAPITAL_AFTER.match(text, m.end(1)):
            continue
        yield Finding(m.start(1), m.end(1), Label.NAAM, word, "naam-bekend")


#: Persons' roles in an apposition after a name: "Petrov (de vader)".
_PERSON_ROLES = (
    "vader", "moeder", "zoon", "dochter", "broer", "zus", "oom", "tante", "opa", "oma",
    "man", "vrouw", "partner", "ex", "vriend", "vriendin", "buurman", "buurvrouw", "stiefvader",
    "stiefmoeder", "neef", "nicht", "mentor", "juf", "meester", "huisarts", "collega",
    "werkgever", "baas", "verdachte", "melder", "cliënt", "cliënte", "jongste", "oudste",
)  # fmt: skip
# "Ilias (8) zat erbij", "Roos (6 jaar)": a first name with an age in brackets after it;
# the age also as a word, as case notes write it: "Kinderen: Jad (negen), Lana (vijf)"
# (round 20)
_AGE_IN_BRACKETS = (
    rf"\([ \t]*(?:\d{{1,2}}|(?:{NUMBER_WORD_PATTERN}))(?:[ \t]+(?:jaar|jr\.?))?[ \t]*\)"
)
_NAME_WITH_AGE = re.compile(rf"([A-ZÀ-ÝĀ-ɏ](?<![\w-].)[a-zà-ÿĀ-ɏ'-]+)[ \t]*{_AGE_IN_BRACKETS}")


# inside a sentence, or opening a list after its colon ("Kinderen: Jad (negen), ...")
_INSIDE_SENTENCE = re.compile(r"[a-zà-ÿĀ-ɏ,:][ \t]$")
_CHILD_AND = re.compile(rf"(?:{_AGE_IN_BRACKETS}|[A-ZÀ-ÝĀ-ɏ][a-zà-ÿĀ-ɏ'-]+),?[ \t]+en[ \t]+$")
# the first of a list of children with their ages: "Jad (negen), Lana (vijf)" (round 20)
_CHILD_AFTER = re.compile(
    rf",?[ \t]+(?:en[ \t]+)?[A-ZÀ-ÝĀ-ɏ][a-zà-ÿĀ-ɏ'-]+[ \t]*{_AGE_IN_BRACKETS}"
)


# the same typed in lowercase: "zoon winter (17)", "bo verkerk (8)"
_LOWER_NAME_WITH_AGE = re.compile(
    r"(?<![\w-])([a-zà-ÿĀ-ɏ][a-zà-ÿĀ-ɏ'-]+)[ \t]*\([ \t]*\d{1,2}(?:[ \t]+(?:jaar|jr\.?))?[ \t]*\)"
)
# "Maar Petrov (de vader) laat haar niet alleen", "Kaya, de moeder van Emre,": a
# capitalised word with a person's role in brackets or between commas after it
_NAME_WITH_ROLE = re.compile(
    r"([A-ZÀ-ÝĀ-ɏ][a-zà-ÿĀ-ɏ'-]+)(?:[ \t]*\([ \t]*|,[ \t]+)(?:de|het|haar|zijn|hun|mijn)[ \t]+"
    rf"(?i:{keyword_pattern(_PERSON_ROLES)})(?:[ \t]*\)|[ \t]+van\b|,)"
)


@distinct
def find_first_names_with_age(text: str) -> Iterator[Finding]:
    """A first name that is also a word ("Ilias", "Roos", "Storm") is a name when an age
    in brackets follows it; in lowercase, a first name or surname ("winter (17)")."""
    if "(" in text:
        for m in _NAME_WITH_AGE.finditer(text):
            word = m.group(1)
            lowered = word.lower()
            if is_not_name(word):
                continue
            if lowered in first_names() or (
                # "De kinderen Kofi (6) en Ama (4)": inside a sentence, a capitalised word
                # with an age in brackets is a name also when it is a rare word ("ama")
                _INSIDE_SENTENCE.search(text, max(0, m.start(1) - 2), m.start(1))
                and lowered not in common_words()
                and lowered not in place_names()
                and lowered not in COUNTRIES
                and lowered not in _MONTHS_AND_DAYS
                and (
                    is_unknown_word(word)
                    # a word of the list only after another child: "Kofi (6) en Ama (4)"
                    or _CHILD_AND.search(text, max(0, m.start(1) - 40), m.start(1))
                    # or before one: "Jad (negen), Lana (vijf)" (round 20)
                    or _CHILD_AFTER.match(text, m.end()) is not None
                )
            ):
                yield Finding(m.start(1), m.end(1), Label.NAAM, word, "naam-leeftijd")
        for m in _LOWER_NAME_WITH_AGE.finditer(text):
            word = m.group(1)
            # a word no list holds, too: "dat keysha (9) niet meer durft" (round 13a)
            known = word in first_names() or word in surnames()
            if (known or (len(word) >= 3 and _unknown_part(word))) and not (
                is_not_name(word) or word in _STOP_WORDS or word in _NOT_AFTER_TITLE
            ):
                yield Finding(m.start(1), m.end(1), Label.NAAM, word, "naam-leeftijd")
    if "(" in text or ", " in text:
        for m in _NAME_WITH_ROLE.finditer(text):
            word = m.group(1)
            lowered = word.lower()
            if (
                lowered in common_words()
                or lowered in place_names()
                or lowered in COUNTRIES
                or lowered in _MONTHS_AND_DAYS
                or is_not_name(word)
                or not (lowered in first_names() or lowered in surnames() or is_unknown_word(word))
            ):
                continue
            yield Finding(m.start(1), m.end(1), Label.NAAM, word, "naam-rol")


_THING_ENDINGS = (
    "isme",
    "ologie",
    "iteit",
    "atie",
    "ing",
    "heid",
    "schap",
    "aans",
    "aanse",
    "ese",
    "ees",
    "bureau",  # "Gastouderbureau", "Adviesbureau": an organisation's type, no name
    "team",  # "Buurtteam", "Wijkteam" (round 13a)
    "zaken",  # a municipality's desks: "Publiekszaken", "Burgerzaken" (round 25)
    "onderzoek",  # "team Adresonderzoek", "Huisbezoekonderzoek" (round 25)
)
_ORGANISATION_ENDINGS = ("bureau", "centrum", "stichting", "vereniging", "praktijk", "opvang")


# Two capitalised words inside a sentence ("kwam Tesfay Gebremedhin langs"): a full name
# even when neither word is in a name list, unless either is an ordinary word or a place.
_NAME_PAIR = re.compile(
    r"([A-ZÀ-ÝĀ-ɏ](?<=[a-zà-ÿĀ-ɏ,;:] .)[a-zà-ÿĀ-ɏ'\u2019-]+)[ \t]"
    r"([A-ZÀ-ÝĀ-ɏ][a-zà-ÿĀ-ɏ'\u2019-]+)(?![\w-])"
)
_MONTHS_AND_DAYS = frozenset(
    {
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
        "september", "oktober", "november", "december", "maandag", "dinsdag", "woensdag",
        "donderdag", "vrijdag", "zaterdag", "zondag",
    }
)  # fmt: skip


_ADJECTIVE_ENDINGS = ("lijk", "lijke", "isch", "ische", "ig", "ige", "aal", "ale", "eel", "ele",
                      "ief", "ieve", "al",
                      # "Oplossingsgericht werken", "Traumagerichte therapie" (round 22)
                      "gericht", "gerichte")  # fmt: skip
_ENGLISH_NOUNS = frozenset(
    {"work", "care", "team", "center", "centre", "service", "services", "support", "house",
     "group", "home", "help", "line", "point", "health", "school", "club"}
)  # fmt: skip


@distinct
def find_name_pairs(text: str) -> Iterator[Finding]:
    """Two capitalised words in the middle of a sentence that are no word or place."""
    common = common_words()
    places = place_names()
    for m in _NAME_PAIR.finditer(text):
        first, second = m.group(1), m.group(2)
        if any(
            w.lower() in common
            or w.lower() in places
            or w.lower() in COUNTRIES
            or w.lower() in _MONTHS_AND_DAYS
            or is_not_name(w)
            for w in (first, second)
        ):
            continue
        if f"{first} {second}".lower() in places:
            continue
        if first.lower().endswith(_ADJECTIVE_ENDINGS) or second.lower() in _ENGLISH_NOUNS:
            continue  # "Landelijk Knooppunt", "Social Work": a name of a thing
        if first.lower().endswith(_ORGANISATION_ENDINGS):
            continue  # "Gastouderbureau Kinderrijk": an organisation's type and its name
        yield Finding(m.start(1), m.end(2), Label.NAAM, m.group(0), "naam-paar")


# A capitalised word opening a sentence (or a line), optionally with a second one:
# "Gebremariam belde.", "Hagos Tesfamariam kwam binnen." Only a word that no Dutch
# word list, place list or month holds is a name on its own there.
_SENTENCE_OPENER = re.compile(
    # a line may open with a list's dash or bullet: "- Oksana Hrytsenko (moeder)"
    r"(?:^[ \t]*(?:[-*\u2022\u2013][ \t]+)?|[.!?][\"'\u201d)]?[ \t]+|\n[ \t]*)"
    r"([A-ZÀ-ÖØ-ÞĀ-ɏ][a-zà-öø-ÿĀ-ɏ'\u2019-]{2,20})"
    r"(?:[ \t]([A-ZÀ-ÖØ-ÞĀ-ɏ][a-zà-öø-ÿĀ-ɏ'\u2019-]{2,20}))?"
    r"(?![\w-])",
    re.MULTILINE,
)


def _unknown_name_word(word: str) -> bool:
    """A capitalised word that is no Dutch word, place, country, month or kind of thing
    ("Gespreksverslag", "Ex-partner": made of Dutch words)."""
    lowered = word.lower()
    return (
        is_unknown_word(word)
        and not is_compound(lowered)
        and lowered not in dutch_words_without_diacritics()
        and not any(part in dutch_words() for part in lowered.split("-") if "-" in lowered)
        and lowered not in _MONTHS_AND_DAYS
        and not is_not_name(word)
        and not lowered.endswith(_ADJECTIVE_ENDINGS)
        and not lowered.endswith(_THING_ENDINGS)
    )


@distinct
def find_sentence_opening_names(text: str) -> Iterator[Finding]:
    """A name opening a sentence that no list holds ("Kowalczyk was er niet bij."), and a
    known or unknown first word before an unknown second ("Oleksandr Bondarenko belde")."""
    common = common_words()
    for m in _SENTENCE_OPENER.finditer(text):
        first, second = m.group(1), m.group(2)
        first_unknown = _unknown_name_word(first)
        if second is not None:
            second_ok = _unknown_name_word(second) or (
                second.lower() in surnames() and second.lower() not in dutch_words()
            )
            first_ok = first_unknown or (
                first.lower() not in common
                and not is_not_name(first)
                and first.lower() not in _MONTHS_AND_DAYS
                and first.lower() not in place_names()
                and first.lower() not in COUNTRIES
            )
            if second_ok and first_ok:
                yield Finding(
                    m.start(1),
                    m.end(2),
                    Label.NAAM,
                    m.group(0)[m.start(1) - m.start() :],
                    "naam-begin",
                )
                continue
        if first_unknown and not _abbreviation(text, m.start(1), m.end(1), first):
            yield Finding(m.start(1), m.end(1), Label.NAAM, first, "naam-begin")


_VOWELS = frozenset("aeiouyàáâäãåèéêëìíîïòóôöõùúûüýÿ")
_ABBREVIATION_DOT = re.compile(r"\.[ \t]+[a-zà-ÿ]")
_SENTENCE_END_BEFORE = re.compile(r"[.!?][ \t]+$")


def _abbreviation(text: str, start: int, end: int, word: str) -> bool:
    """A note's abbreviation opening a sentence (round 25, ambulance and police notes):
    "Vlgs. buren al 2 dagen niet gezien" (the sentence goes on in lowercase after its dot),
    "... aanwezig. Echtg. Ger (80)" (a sentence of one word inside a line), a word without a
    vowel ("Vlgs", "Mvg")."""
    if not _VOWELS & set(word.lower()):
        return True
    if not text.startswith(".", end):
        return False
    return _ABBREVIATION_DOT.match(text, end) is not None or (
        _SENTENCE_END_BEFORE.search(text, max(0, start - 3), start) is not None
    )


# "Oleksandr en Iryna zijn gevlucht.": two known first names joined by "en" opening a
# sentence (the first is no name alone there: "Mariam" may open a sentence as a word would)
_OPENING_NAME_AND_NAME = re.compile(
    r"(?:^[ \t]*(?:[-*\u2022][ \t]+)?|[.!?][\"'\u201d)]?[ \t]+|\n[ \t]*)"
    r"([A-ZÀ-ÖØ-ÞĀ-ɏ][a-zà-öø-ÿĀ-ɏ'\u2019-]{2,20})[ \t]+en[ \t]+"
    r"([A-ZÀ-ÖØ-ÞĀ-ɏ][a-zà-öø-ÿĀ-ɏ'\u2019-]{2,20})(?![\w-])",
    re.MULTILINE,
)


def _first_name_alone(word: str) -> bool:
    lowered = word.lower()
    return (
        lowered in first_names()
        and not is_not_name(word)
        and lowered not in place_names()
        and lowered not in COUNTRIES
        and lowered not in _MONTHS_AND_DAYS
    )


@distinct
def find_opening_name_pairs(text: str) -> Iterator[Finding]:
    """Two known first names joined by "en" at a sentence's start: both are names."""
    if " en " not in text:
        return
    for m in _OPENING_NAME_AND_NAME.finditer(text):
        if _first_name_alone(m.group(1)) and _first_name_alone(m.group(2)):
            for group in (1, 2):
                yield Finding(
                    m.start(group), m.end(group), Label.NAAM, m.group(group), "naam-begin"
                )


#: Words after which a lowercase word no Dutch list holds is a name, in a text typed
#: without capitals: "we hebben met semhar gesproken", "ik zag aleks en daryna".
_LOWER_NAME_CONTEXT = re.compile(
    r"(?<![\w-])(?:met|en|zag|sprak|spreek|spraken|belde|bel|appte|mailde|bij|tegen|vroeg|"
    r"ken|kende|hoorde|zei|zegt|of)\s+(?=([a-zà-öø-ÿĀ-ɏ][a-zà-öø-ÿĀ-ɏ'-]{2,11})(?![\w-]))"
)
# "update: tsegay is opgehaald", "... . hiwet woont bij oma": a word opening a sentence
# before a verb that takes a person as its subject
_LOWER_SUBJECT = re.compile(
    r"(?:^|[.!?:][ \t]+|\n[ \t]*)([a-zà-öø-ÿĀ-ɏ][a-zà-öø-ÿĀ-ɏ'-]{2,11})[ \t]+"
    r"(?=(?:is|was|heeft|had|zegt|zei|wil|wilde|kan|kon|moet|moest|gaat|ging|komt|kwam|"
    r"woont|woonde|belde|vertelde|werd|wordt|huilt|huilde)\b)",
    re.MULTILINE,
)
_LOWER_NOT_NAME_ENDINGS = (
    "ing", "heid", "schap", "tje", "pje", "kje", "je", "isch", "lijk", "atie", "iteit",
    "eren", "elen", "ische", "baar", "loos", "achtig", "zaam",
)  # fmt: skip


def is_compound(word: str) -> bool:
    """Whether ``word`` is Dutch words joined ("gezinsvoogd", "gespreksverslag",
    "terugbelverzoek"): no name."""
    return len(word) >= 8 and _splits(word, 3)


def _splits(word: str, parts_left: int) -> bool:
    words = dutch_words()
    if word in words and len(word) >= 3 and word not in first_names():
        return True
    if parts_left <= 1:
        return False
    for i in range(3, len(word) - 2):
        head = word[:i]
        if head not in words or head in first_names():
            continue
        for link in ("", "s", "en"):
            rest = word[i + len(link) :] if word.startswith(link, i) else None
            if rest and len(rest) >= 3 and _splits(rest, parts_left - 1):
                return True
    return False


@distinct
def find_unknown_names_in_chat(text: str) -> Iterator[Finding]:
    """A lowercase word no Dutch list holds after "met", "en", "zag", ... in a text typed
    without capitals: a name no list holds ("semhar", "daryna")."""
    if not typed_without_capitals(text):
        return
    for m in (*_LOWER_NAME_CONTEXT.finditer(text), *_LOWER_SUBJECT.finditer(text)):
        word = m.group(1)
        if (
            not is_unknown_word(word)
            or is_not_name(word)
            or word.endswith(_LOWER_NOT_NAME_ENDINGS)
            or is_compound(word)
        ):
            continue
        end = _lowercase_surname_end(text, m.end(1))
        yield Finding(m.start(1), end, Label.NAAM, text[m.start(1) : end], "naam-klein")


#: "de" + a surname word that is no noun used with "de": "de groot", "de vries". Nouns
#: ("de berg", "de visser", "de bakker") stay.
_DE_SURNAMES = frozenset(
    {"vries", "jong", "groot", "wit", "bruijn", "bruin", "bruyn", "graaf", "rooij", "rooy",
     "zwart", "swart", "klein", "kort", "rijk", "ruijter", "ruyter", "kock", "haan", "waal",
     "lange", "boer"} - {"lange", "boer"}
)  # fmt: skip
_LOWER_SURNAME_ALONE = re.compile(
    r"(d(?<![\w-].)e|v(?<![\w-].)an\s+de[nr]|v(?<![\w-].)an|t(?<![\w-].)er|t(?<![\w-].)en)"
    r"\s+([a-zà-öø-ÿĀ-ɏ][a-zà-öø-ÿĀ-ɏ'-]{1,20})(?![\w-])"
)


@distinct
def find_lowercase_surnames(text: str) -> Iterator[Finding]:
    """A surname with its particle typed in lowercase: "de groot", "van den berg",
    "van amerongen". "van de", "van" and "de" + an ordinary word stay."""
    if not any(word in text for word in ("de ", "van ", "ter ", "ten ")):
        return
    for m in _LOWER_SURNAME_ALONE.finditer(text):
        particle, word = " ".join(m.group(1).split()), m.group(2)
        if word not in interfix_surnames():
            continue
        if particle == "de":
            ok = word in _DE_SURNAMES or is_unknown_word(word)
        elif particle in ("van den", "van der"):
            ok = word not in common_words() or word in interfix_surnames()
        else:  # "van", "ter", "ten": only a word that is no Dutch word or place
            ok = is_unknown_word(word)
        if ok and not is_not_name(word):
            yield Finding(m.start(), m.end(), Label.NAAM, m.group(0), "naam-klein")


# "(mohammed, noemen ze momo)", "noemt men haar "Selamawit"", "roepnaam: Bibi"
_NICKNAME = re.compile(
    r"(?<![\w-])(?i:(?:noemen|noemt|noemden|noemde)[ \t]+"
    r"(?:ze|zij|men|we|wij|iedereen|hem|haar|me|mij)"
    r"(?:[ \t]+(?:hem|haar|me|mij))?(?:[ \t]+(?:ook|gewoon|vaak|altijd|meestal))?"
    r"|bijnaam|roepnaam|alias)"
    r"[ \t]*:?[ \t]+([\"'\u201c\u2018]?)([^\W\d_][\w'\u2019-]{1,20})(?![\w-])"
)


_PERSON_OBJECTS = frozenset({"hem", "haar", "me", "mij", "ze", "hen", "hun", "zichzelf"})
# "henk noemde sjoerd spottend 'sjoerdje'", "ze noemde me altijd "poppie"": a quoted word
# after "noem" and at most three words
_QUOTED_NICKNAME = re.compile(
    r"(?<![\w-])(?i:noem(?:de|den|t|en)?)(?:[ \t]+[^\W\d_]+){1,3}?[ \t]+"
    r"[\"'\u201c\u2018]([^\W\d_][\w-]{1,20})[\"'\u201d\u2019](?![\w])"
)
_APPOSITION_BEFORE = re.compile(r"([^\W\d_][\w'-]*),[ \t]*$")


def _after_name(text: str, start: int) -> bool:
    """Whether a name and a comma stand right before ``start``: "(mohammed, noemen ze"."""
    m = _APPOSITION_BEFORE.search(text, max(0, start - 30), start)
    if m is None:
        return False
    word = m.group(1)
    return word[:1].isupper() or word.lower() in first_names()


@distinct
def find_nicknames(text: str) -> Iterator[Finding]:
    """A nickname after "noemen ze", "noemt men haar", "bijnaam", "roepnaam", "alias":
    capitalised or quoted, or a lowercase word that is no Dutch word ("momo")."""
    if not contains_any(folded(text).text, ("noem", "bijnaam", "roepnaam", "alias")):
        return
    for m in _QUOTED_NICKNAME.finditer(text):
        word = m.group(1)
        between = m.group(0)[: m.start(1) - m.start()].split()[1:]
        if not any(w in _PERSON_OBJECTS or w.lower() in first_names() for w in between):
            continue  # "ik noem dat gedrag "lastig"": no person is named
        if word.lower() not in common_words() and not is_not_name(word):
            yield Finding(m.start(1), m.end(1), Label.NAAM, word, "naam-bijnaam")
    for m in _NICKNAME.finditer(text):
        word = m.group(2)
        lowered = word.lower()
        if lowered in common_words() or is_not_name(word):
            continue
        if (
            not (m.group(1) or word[:1].isupper())
            and lowered in dutch_words()
            and lowered not in first_names()
            and not _after_name(text, m.start())
        ):
            continue  # "noemen ze lastig"; but "(mohammed, noemen ze momo)" is a name
        yield Finding(m.start(2), m.end(2), Label.NAAM, word, "naam-bijnaam")


# "speler mohammed 'mo' chaara", "Mohammed 'Mo' Chaara", "zijn vriendin Kiki 'Kiks' de Wit":
# a quoted word right after a first name is the person's nickname (round 13a)
_NAME_QUOTED_NICKNAME = re.compile(
    r"(?<![\w'-])([^\W\d_][\w-]{1,20})[ \t]+[\"'\u201c\u2018]([^\W\d_][\w-]{1,20}"
    r"(?:[ \t][^\W\d_][\w-]{1,20})?)[\"'\u201d\u2019](?![\w])"
)


@distinct
def find_quoted_nicknames(text: str) -> Iterator[Finding]:
    """A nickname in quotes right after a first name: "mohammed 'mo' chaara"."""
    if "'" not in text and '"' not in text and "\u2018" not in text and "\u201c" not in text:
        return
    given = first_names()
    for m in _NAME_QUOTED_NICKNAME.finditer(text):
        name, nickname = m.group(1), m.group(2)
        if name.lower() not in given or is_not_name(name) or is_not_name(nickname):
            continue
        words = nickname.lower().split()
        if any(w in common_words() for w in words):
            continue  # "zei jan 'nee'", "vroeg sanne 'waarom'"
        names_only = all(w in given or w not in dutch_words() for w in words)
        if not names_only and not _WORD_AFTER_NICK.match(text, m.end()):
            continue  # a quoted Dutch word, no name
        if any(
            w not in given and (w.endswith(("en", *_LOWER_NOT_NAME_ENDINGS)) or _verb_form(w))
            for w in words
        ):
            continue  # "volgens khadija 'ophitsen'": a verb quoted
        yield Finding(m.start(2), m.end(2), Label.NAAM, nickname, "naam-bijnaam")
        surname = _SURNAME_AFTER_NICK.match(text, m.end())
        if surname is not None and not (
            surname.group(1).lower() in common_words() or is_not_name(surname.group(1))
        ):
            # "Bilal 'Billie' Ouahbi": the surname after the nickname
            yield Finding(
                surname.start(1), surname.end(1), Label.NAAM, surname.group(1), "naam-bijnaam"
            )


# a surname after the quoted nickname: "mohammed 'mo' chaara"
_WORD_AFTER_NICK = re.compile(r"[ \t]+(?:[A-ZÀ-Ý][\w'-]+|[a-zà-ÿ][\w'-]+(?=[ \t]*[,(]))")
_SURNAME_AFTER_NICK = re.compile(r"[ \t]+([A-ZÀ-ÖØ-ÞĀ-ɏ][\w'-]+)(?![\w-])")


# "een meisje van 3 jaar, hier L. genoemd", "(hierna: K.)": one capital with a full stop
# that stands for a person in the rest of the text
_INITIAL_AS_NAME = re.compile(
    r"\b(?:hier|hierna|verder|voortaan)[ \t]*:?[ \t]+(?:(?:kortweg|gewoon)[ \t]+)?"
    r"([A-Z]\.)(?=[ \t]+(?:genoemd|te[ \t]+noemen)\b|[ \t]*\))"
)


# "een meisje (M., 12 jaar)", "Moeder (J., 19)": an initial with the person's age in
# brackets after a word for a person, the way a case is anonymised for a casuistry
# meeting (round 14); not "bijlage (A., 3)"
_INITIAL_WITH_AGE = re.compile(
    r"\([ \t]*([A-Z]\.),[ \t]*\d{1,2}(?:[ \t]+(?:jaar|jr\.?|maanden|mnd\.?|weken))?[ \t]*[),;]"
)
_ROLE_BEFORE_BRACKET = re.compile(rf"(?<![\w-])(?i:{_ROLES})[ \t]*$")


# "(noem haar f.)", "ik noem hem K.": an initial, also in lowercase, after "noem"
_NAMED_INITIAL = re.compile(
    r"(?<![\w-])(?i:noem(?:en|de)?[ \t]+(?:(?:ik|we|wij)[ \t]+)?(?:hem|haar|ze|hen)"
    r"(?:[ \t]+(?:hier|even|maar|gewoon)){0,2})[ \t]+([A-Za-z]\.)(?![\w.])"
)


# "Voorletters: C.J.", "Handtekening aanvrager: S.A.H.", "Ondertekend: G.L.T. / W. Schipper",
# "Akkoord medewerker: N.E.I.": a form's field for initials or a signature holds a person's
# initials (round 23); only where nothing follows them on the line but another field (two
# blanks or more, "/", "|") or the line's end, so "C.J. Verbeek" stays one name
_FIELD_INITIALS = re.compile(
    r"(?<![\w-])(?i:voorletters|initialen|paraaf|handtekening|ondertekend|getekend|"
    r"akkoord)\b[^:\n]{0,30}:[ \t]*((?:[A-Z]\.){1,4})(?=[ \t]*$|[ \t]{2,}|[ \t]*[/|])",
    re.MULTILINE,
)
_FIELD_INITIALS_KEYS = ("voorletters", "initialen", "paraaf", "handtekening", "ondertekend",
                        "getekend", "akkoord")  # fmt: skip


@distinct
def find_initials_as_names(text: str) -> Iterator[Finding]:
    """An initial the text says it will use for a person ("hier L. genoemd", "noem haar
    f."), and initials in a form's field for them ("Voorletters: C.J.")."""
    lowered = folded(text).text
    if any(key in lowered for key in _FIELD_INITIALS_KEYS):
        for m in _FIELD_INITIALS.finditer(text):
            yield Finding(m.start(1), m.end(1), Label.NAAM, m.group(1), "naam-initiaal")
    if "noem" in text:
        for m in _NAMED_INITIAL.finditer(text):
            yield Finding(m.start(1), m.end(1), Label.NAAM, m.group(1), "naam-initiaal")
    if "genoemd" not in text and "noemen" not in text and ")" not in text:
        return
    if "., " in text:
        for m in _INITIAL_WITH_AGE.finditer(text):
            if _ROLE_BEFORE_BRACKET.search(text, max(0, m.start() - 40), m.start()):
                yield Finding(m.start(1), m.end(1), Label.NAAM, m.group(1), "naam-initiaal")
    for m in _INITIAL_AS_NAME.finditer(text):
        yield Finding(m.start(1), m.end(1), Label.NAAM, m.group(1), "naam-initiaal")


# "ik vraag MvdB", "met JvdL overlegd": a colleague's initials with the particles of "van
# de(n/r)" between them, the way notes and transcripts sign a colleague. Not after an
# article ("de RvdK"), not before a number ("RvdK 2025-004871"), and not "RvdK" itself,
# the Raad voor de Kinderbescherming (round 11c).
_PARTICLE_INITIALS = re.compile(
    r"(?<![\w/-])(?<!\bde )(?<!\bDe )(?<!\bhet )([A-Z]{1,2}v(?:d|dr|dn)[A-Z])(?![\w/-])"
    r"(?![ \t]*[-:/]?[ \t]*\d)"
)
_ORGANISATION_INITIALS = frozenset({"RvdK"})


@distinct
def find_particle_initials(text: str) -> Iterator[Finding]:
    """A colleague's initials written with "vd" between them ("MvdB", "JvdL")."""
    if "vd" not in text:
        return
    for m in _PARTICLE_INITIALS.finditer(text):
        if m.group(1) not in _ORGANISATION_INITIALS:
            yield Finding(m.start(1), m.end(1), Label.NAAM, m.group(1), "naam-initiaal")


# "dhr v.d. berg", "mevr v/d linden", "mw. berg": an abbreviated title before a surname
# typed in lowercase, with its particle ("v.d." as well)
#: Words after "mevr." that are a surname in some list but here a word ("mevr. vallen").
_NOT_AFTER_TITLE = frozenset(
    {"meester", "buurman", "vriend", "mensen", "persoon", "school", "boven", "geven", "vallen",
     "wassen", "vriezen", "zinken", "mooi", "oud", "stil", "slim", "droog", "fris", "goedkoop",
     "breed", "smal", "schoon", "wijs", "geluk", "haast", "kost", "pas", "punt", "middel"}
)  # fmt: skip
_TITLE_WORDS = frozenset(
    {"dhr", "mevr", "mw", "hr", "meneer", "mevrouw", "heer", "dokter", "dr", "collega", "juf",
     "juffrouw", "meester",
     "agt", "agent", "ms", "mrs", "mr", "familie", "fam", "gezin", "casus"}
)  # fmt: skip
_TITLE_LOWER_SURNAME = re.compile(
    r"(?<![\w-])(?i:dhr|mevr|mw|hr|(meneer|mevrouw|heer|dokter|collega(?:'s)?|agent|juf|juffrouw"
    r"|meester"
    r"|familie|gezin|casus)|(agt|dr|ms|mrs|mr|fam))(\.)?[ \t]+"
    r"((?:(?:v\.[ \t]?d\.|v/d)[ \t]*|(?:vd|van[ \t]+de[nr]?|van|de|ter|ten|el|al)[ \t]+)?"
    r"([a-zà-öø-ÿĀ-ɏ][a-zà-öø-ÿĀ-ɏ'-]{1,20}))(?![\w-])"
)
#: Words for a group before its surname ("familie visser", "het gezin koster"): the word
#: after them is the family's name only when a list holds it as a surname or no list
#: holds it at all.
_GROUP_WORDS = frozenset({"familie", "gezin", "casus", "fam"})


#: After a title and a verb form: a word that goes on with the clause, so the verb form is
#: the title's verb ("Mevrouw wilde eerst niet", "mevrouw belt morgen terug"), no surname.
_CLAUSE_GOES_ON = re.compile(
    r"[ \t]+(?:eerst|niet|nog|ook|graag|wel|geen|morgen|vandaag|meteen|direct|altijd|nooit|"
    r"even|zelf|alleen|terug|dat|het|er|hem|haar|ze|hij|zij|mij|me|ons|jullie|u|een|de)(?![\w-])"
)


@distinct
def find_titled_lowercase_surnames(text: str) -> Iterator[Finding]:
    """A lowercase surname after a title, "dokter", "collega" or a family's word ("dhr
    v.d. berg", "mw berg", "mevrouw storm", "dokter lindeboom", "collega verhoef",
    "familie visser", "gezin pereira")."""
    capitals: bool | None = None
    for m in finditer_words(_TITLE_LOWER_SURNAME, _TITLE_WORDS, text):
        spoken, short, dot, value, word = m.groups()
        if is_not_name(word) or word in _NOT_AFTER_TITLE or word in _STOP_WORDS:
            continue
        if value == word and spoken and spoken[0].isupper() and _verb_form(word):
            # "Mevrouw wilde eerst niet": in a text typed with capitals, a verb after a
            # capitalised title is the title's verb, not a surname in lowercase (round 19)
            if capitals is None:
                capitals = not typed_without_capitals(text)
            if capitals:
                continue
        if short and not dot and short.lower() in ("dr", "ms", "mr", "agt"):
            continue  # "mr" and "dr" without a full stop are also other words' letters
        group = (spoken or short or "").lower().rstrip("'s") in _GROUP_WORDS
        if value != word and (
            (word in first_names() and word not in surnames())
            or (group and word not in surnames())
            or (spoken or "").lower() == "casus"
        ):
            continue  # "casus van soufiane", "de casus van de inbrenger": "van" is "of"
        # after a spoken title, a surname the lists hold after a particle is one too:
        # "meneer pols" (van der Pols), "mevrouw wit" (round 13a)
        # ("mevrouw van de buren", "meneer van de thuiszorg": after "van de" the place
        # someone is from, so not after an article)
        particle = value[: len(value) - len(word)].split()
        listed = word in surnames() or (
            spoken is not None
            and word in interfix_surnames()
            and (not particle or particle[-1] not in ("de", "het"))
        )
        if not listed:
            # a word no list holds, and no Dutch word ("dokter oudshoorn" is in the list;
            # "gezin demir-kalkan": each part of a double name)
            parts = word.split("-")
            if not all(len(p) >= 3 and (p in surnames() or _unknown_part(p)) for p in parts):
                continue
            if not (spoken or short or group or dot) or _verb_form(word):
                continue  # "het gezin kerkt": a verb; "dhr. el khatib" after its full stop
        elif (
            _verb_form(word)
            and word not in interfix_surnames()
            # "dokter lont, praten": a surname the lists hold, closed off by a comma
            and not (spoken is not None and _NAME_CLOSES.match(text, m.end()))
        ):
            continue
        if (
            value == word
            and spoken is not None
            and _CLAUSE_GOES_ON.match(text, m.end())
            and (_verb_form(word) or _past_tense(word))
        ):
            continue  # "Mevrouw wilde eerst niet", "mevrouw belt morgen terug" (round 17)
        # "dhr berg": without its particle the word may be the word, but not after an
        # abbreviation with its full stop ("mevr. bos"), a spoken title ("mevrouw storm":
        # a bare noun never follows "mevrouw") or a family's word
        if value == word and word in dutch_words() and not (dot or spoken or short or group):
            continue
        yield Finding(m.start(4), m.end(4), Label.NAAM, value, "naam-klein")


def _unknown_part(part: str) -> bool:
    return is_unknown_word(part) and not is_compound(part)


_STOP_WORDS = frozenset(
    {"is", "was", "en", "of", "die", "dat", "zelf", "ook", "nog", "heeft", "had", "wil",
     "kan", "zegt", "zei", "niet", "wel", "nu", "al", "dan", "werd", "wordt", "zat", "gaat",
     "ging", "moet", "mag", "belde", "kwam", "komt", "met", "bij", "in", "op", "uit", "aan"}
)  # fmt: skip


# "met j. de vries", "mw. a. el amrani", "gesprek met m. bakker": initials typed in
# lowercase before a lowercase surname (chat, quick notes)
_LOWER_INITIALS_SURNAME = re.compile(
    r"(?<![\w./-])((?:[a-z]\.[ \t]?){1,3})[ \t]*"
    r"((?:(?:van[ \t]+de[nr]?|van|de|der|den|ter|ten|el|al|v\.[ \t]?d\.|v/d|vd)[ \t]+)?)"
    r"([a-zà-öø-ÿĀ-ɏ][a-zà-öø-ÿĀ-ɏ'-]{1,25})(?![\w-])"
)
#: Abbreviations of lowercase letters with full stops that are no initials: "o.a. ...".
_NOT_INITIALS = frozenset(
    {"o.a.", "m.b.t.", "i.v.m.", "z.s.m.", "d.w.z.", "t.a.v.", "n.a.v.", "a.u.b.", "e.d.",
     "m.a.w.", "i.p.v.", "t.z.t.", "o.b.v.", "m.i.", "t.o.v.", "i.o.m.", "e.a.", "c.q.",
     "a.s.", "j.l.", "p.s.", "n.b.", "v.a.", "t/m.", "z.o.z.", "i.s.m.", "m.n.", "b.v.",
     "bijv.", "v.d.", "a.d.h.v.", "o.i.d.", "e.v.", "n.v.t.", "p.p.", "s.v.p.", "w.o."}
)  # fmt: skip


@distinct
def find_lowercase_initials_with_surnames(text: str) -> Iterator[Finding]:
    """Initials and a surname all typed in lowercase: "j. de vries", "a. el amrani",
    "m. bakker". The surname is one of the list's (also a word: "bakker", after an
    initial it is the name) or a word no list holds; "o.a. werk" stays."""
    if ". " not in text and "." not in text:
        return
    for m in _LOWER_INITIALS_SURNAME.finditer(text):
        initials, particles, word = m.groups()
        if "".join(initials.split()) in _NOT_INITIALS or is_not_name(word):
            continue
        known = word in surnames() or (particles and word in interfix_surnames())
        if word in common_words() and not (
            # "de bestuurder, t. vos, gaf ...": a surname that is a frequent word, where the
            # name visibly ends after it (round 13a)
            known and len(word) >= 3 and _NAME_CLOSES_OR_STOP.match(text, m.end())
        ):
            continue
        if word in first_names() and not (particles or known):
            continue
        if not (known or (is_unknown_word(word) and len(word) >= 3)):
            continue
        yield Finding(m.start(), m.end(), Label.NAAM, m.group(0), "naam-klein")


# Chinese names written surname first in pinyin ("Li Na", "Wang Xiaoming", "Chen Jia-hui"):
# one of the common surnames, then a given name of one or two pinyin syllables. The
# syllables are short and some are Dutch words ("Na", "Min"), so no name list holds them
# and every other rule skips them (round 20). Surnames that are also English or Dutch
# words ("He", "Ma", "Long", "Song") are left out.
_CHINESE_SURNAMES = (
    "Li", "Wang", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu",
    "Zhu", "Hu", "Guo", "Lin", "Gao", "Luo", "Zheng", "Liang", "Xie", "Tang", "Feng",
    "Deng", "Cao", "Peng", "Zeng", "Xiao", "Tian", "Dong", "Yuan", "Cai", "Jiang", "Yu",
    "Ye", "Cheng", "Wei", "Su", "Ding", "Ren", "Lu", "Yao", "Shen", "Zhong", "Cui", "Tan",
    "Jin", "Shi", "Liao", "Qiu", "Xia", "Fu", "Fang", "Zou", "Xiong", "Qin", "Xue", "Hou",
    "Duan", "Hao", "Kong", "Shao", "Mao", "Gu", "Lai", "Kang", "Zhan", "Qian", "Yin",
)  # fmt: skip
_PINYIN = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|iao|ian|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie"
    r"|iu|ua|uo|ui|er|a|o|e|i|u|ü)"
)
_CHINESE_NAME = re.compile(
    rf"(?<![\w-])(?:{'|'.join(_CHINESE_SURNAMES)})[ \t]+"
    rf"[A-Z](?i:{_PINYIN})(?:-?(?i:{_PINYIN}))?(?![\w-])"
)


# Dutch and English little words that are also pinyin: "Tan In", "Hu Die", "Li Te"
_NOT_PINYIN_NAMES = frozenset(
    {"a", "o", "e", "i", "u", "in", "en", "de", "te", "he", "me", "ze", "we", "je", "die",
     "ga", "la", "da", "an", "on", "man", "ben", "hen", "zo", "nu", "ja", "her",
     "she", "you", "yes", "so", "go", "do", "no", "to", "ni"}
)  # fmt: skip


def _pinyin_given_name(word: str) -> bool:
    """A given name that is pinyin and no English function word ("Li An" yes, "Li In" no)."""
    return word.lower() not in _NOT_PINYIN_NAMES


@distinct
def find_chinese_names(text: str) -> Iterator[Finding]:
    """A Chinese surname and a pinyin given name: "Li Na", "Wang Xiaoming"."""
    for m in _CHINESE_NAME.finditer(text):
        given = m.group(0).split()[-1]
        if _pinyin_given_name(given):
            yield Finding(m.start(), m.end(), Label.NAAM, m.group(0), "naam-chinees")


DETECTORS = (
    find_lowercase_initials_with_surnames,
    find_titled_lowercase_surnames,
    find_initials_as_names,
    find_particle_initials,
    find_nicknames,
    find_quoted_nicknames,
    find_first_names_with_age,
    find_role_names,
    find_chat_speakers,
    find_thread_speakers,
    find_lowercase_names,
    find_unknown_lowercase_names,
    find_unknown_capitalised_names,
    find_known_capitalised_first_names,
    find_name_pairs,
    find_sentence_opening_names,
    find_opening_name_pairs,
    find_unknown_names_in_chat,
    find_lowercase_surnames,
    find_chinese_names,
)
