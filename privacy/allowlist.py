"""Words of the domain that are not identifying and must stay in the text.

The one place to add a term: the engine drops any finding that lies inside an allowed
phrase, trims findings that only partly cover one, never reports the public help-line
numbers, and never takes the listed ordinary words for names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from privacy.fast import keyword_pattern

#: Organisations, roles, methods and terms everybody in the network uses. Matched
#: case-insensitively as whole words; longer phrases win.
#:
#: Help organisations (round 11b, docs/privacy.md): the help system every case passes
#: through stays (Veilig Thuis, VT, VTRR, Kindertelefoon, Slachtofferhulp, their lines and
#: websites, the kinds of service: "Jeugdbescherming", "Reclassering", "CJG", "GGD"). An
#: organisation named with its region or town ("Jeugdbescherming Rotterdam Rijnmond", "CJG
#: Rijnmond") or one that puts a person in a small, specific setting (a shelter: Fier, Blijf
#: van m'n Lijf; probation: Reclassering Nederland) is an institution:
#: ``organisations.KNOWN_ORGANISATIONS``.
DOMAIN_PHRASES: tuple[str, ...] = (
    # the help system and the partners of the local team
    "Veilig Thuis", "Veilig Thuis Rotterdam-Rijnmond", "Veilig Thuis Rotterdam Rijnmond",
    "VTRR", "Rotterdam-Rijnmond",
    "Rijnmond", "Kwadraad", "Stichting MEE", "MEE", "Welzijn Lansingerland",
    "Lokaal Team Huiselijk Geweld", "LTHG", "Jeugdbescherming",
    "Raad voor de Kinderbescherming", "Kinderbescherming", "Kindertelefoon",
    "Slachtofferhulp", "Slachtofferhulp Nederland", "Ervaring in Huis", "Augeo",
    "Sterk Huis", "Moviera", "Leerplicht", "Belastingdienst", "GGD", "CJG",
    "Centrum voor Jeugd en Gezin", "Wmo", "Wmo-consulent", "Wmo-consulenten", "politie",
    "Politie", "Zeden", "Openbaar Ministerie", "AWARE", "SKJ", "Registerplein",
    "V&VN", "BIG", "BIG-register", "BIG-nummer", "AGB", "AGB-code", "KvK", "UZI", "PE-online",
    # mental health teams by their method (round 12): "ambulant FACT-team"
    "FACT-team", "FACT-teams", "ACT-team", "F-ACT-team",
    "Regiovisie", "HG Leerwerkplaats", "Leerwerkplaats", "Rijksoverheid", "VWS",
    # the Meldcode and its vocabulary
    "Meldcode", "Wet verplichte meldcode", "afwegingskader", "stappenplan", "kindcheck",
    "aandachtsfunctionaris", "procesregisseur", "jeugdconsulent", "wijkteam", "wijkagent",
    "niet-pluis", "niet-pluisgevoel", "huisverbod", "zorgmelding", "Korthagen", "ALACT",
    "incidentmethode", "moreel beraad", "dilemmamethode", "intervisie",
    # the aliases the platform itself shows in a forum thread or an intervisie session
    # ("Inbrenger", "Deelnemer A"): a post that answers one quotes it
    "Inbrenger", "Gespreksleider", "Deelnemer",
    *(f"Deelnemer {letter}" for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    # family roles
    "moeder", "vader", "mama", "papa", "oma", "opa", "stiefvader", "stiefmoeder",
    # apps and platforms are not people or places
    "Instagram", "Snapchat", "TikTok", "WhatsApp", "Facebook", "YouTube", "Tikkie",
    "Google", "Teams", "Zoom",
    # round 22: the platforms, games, school systems and payment services of these
    # registers (online abuse, school notes, debts) that the engine took for names
    "Roblox", "Discord", "ParnasSys", "Social Schools", "Klasbord", "Vinted", "Afterpay",
    "Klarna", "Zorgdomein", "Siilo", "Wordfeud", "Google Maps", "Find My",
    # general kinds of help and help organisations, not one family's
    "Spoedeisende Hulp", "SEH", "Helpwanted", "Riagg", "Sensoor", "VT", "Veilig Thuis-melding",
    "VT-melding", "MIND Korrelatie",
    "De Luisterlijn", "Luisterlijn", "113 Zelfmoordpreventie", "Juridisch Loket",
    "LEC EGG", "Landelijk Expertisecentrum Eergerelateerd Geweld",
    "Steunpunt Huiselijk Geweld", "Advies- en Meldpunt Kindermishandeling", "AMK", "SHG",
    # Veilig Thuis by its region (the regional help line, one for each safety region)
    "Veilig Thuis Haaglanden", "Veilig Thuis Hollands Midden", "Veilig Thuis Utrecht",
    "Veilig Thuis Zuid-Holland Zuid", "Veilig Thuis Amsterdam-Amstelland",
    "Landelijk Knooppunt Huwelijksdwang en Achterlating",
    # the public safety and youth crime agencies of every region
    "Zorg- en Veiligheidshuis", "Veiligheidshuis", "Bureau Halt", "Halt",
    # round 15: the domain's own words, found by sentences built from the platform's own
    # content (tests/privacy/vocabulary/domain_terms.txt): national services and their
    # kinds, a research instrument, a support role
    "Reclassering", "Arbeidsinspectie", "Jongerenwerk", "Centrum Seksueel Geweld",
    "Centrum Veilige Sport", "Prevalentiemonitor", "buddy",
    # the care laws by their abbreviation and the elderly care's key worker ("de EVV'er";
    # a football club "EVV Echt" keeps its place)
    "Wvggz", "Wzd", "Wlz", "Zvw", "EVV", "EVV'er", "EVV'ers",
    # round 22: the field's public vocabulary of the Netherlands (from public knowledge, not
    # from a tuning text; tests/privacy/vocabulary/public_terms.txt), where the engine took a
    # word of it for a name or place: methods and programmes of youth care and
    # domestic-violence work ("Marte Meo", "Agressie Regulatie op Maat", "Families First")
    "Signs of Safety", "Functional Family Therapy", "Families First",
    "Intensieve Ambulante Gezinsbehandeling", "Nu Niet Zwanger", "Stevig Ouderschap",
    "Kinderen uit de Knel", "Geweldloos Verzet", "Nieuwe Autoriteit", "Delta Veiligheidsplan",
    "Sociale Kaart", "Agressie Regulatie op Maat", "Theraplay", "Marte Meo",
    "Positief Opvoeden", "Basis Alert", "ARIJ", "Wraparound Care",
    # laws and treaties by name ("Verdrag van Istanbul" names no place anyone lives in)
    "Verdrag van Istanbul", "Istanbul-verdrag", "Burgerlijk Wetboek", "Wetboek van Strafrecht",
    "Wetboek van Strafvordering", "gezagsbeëindigende maatregel",
    # national public bodies and knowledge centres (not a provider, shelter or guardian
    # that puts a person in a small setting: those stay institutions)
    "Inspectie Gezondheidszorg en Jeugd", "Nederlands Jeugdinstituut", "NJi", "Movisie",
    "Raad voor Rechtsbijstand",
    # feasts and holidays ("rond Keti Koti", "met Oud en Nieuw")
    "Hemelvaart", "Hemelvaartsdag", "Oud en Nieuw", "Keti Koti", "Divali", "Diwali",
    # a municipality's letters (round 25): the national register and the desks every town
    # has ("In de BRP staan ...", "Gemeente Rotterdam, Publiekszaken")
    "BRP", "Basisregistratie Personen", "Burgerzaken", "Publiekszaken", "DigiD",
    "Werk en Inkomen",
)  # fmt: skip

#: Public websites of help lines and the network (without "www."): never redacted.
PUBLIC_SITES: frozenset[str] = frozenset(
    {
        "veiligthuis.nl", "kindertelefoon.nl", "slachtofferhulp.nl", "huiselijkgeweld.nl",
        "113.nl", "fier.nl", "helpwanted.nl", "centrumseksueelgeweld.nl", "sensoor.nl",
        "deluisterlijn.nl", "juridischloket.nl", "rijksoverheid.nl", "politie.nl",
        "augeo.nl", "moviera.nl", "sterkhuis.nl", "ggd.nl", "cjg.nl", "kwadraad.nl",
        "stoptoezwijgen.nl", "ikvertelhet.nl", "hgleerwerkplaats.nl",
        # round 22: the field's public knowledge and information sites
        "thuisarts.nl", "opvoeden.nl", "skjeugd.nl", "registerplein.nl", "nji.nl", "movisie.nl",
        "meldknop.nl", "stopitnow.nl", "korrelatie.nl", "pharos.nl", "overheid.nl",
        "wetten.overheid.nl", "kinderombudsman.nl", "igj.nl", "slachtofferloket.nl",
        "villapinedo.nl",
    }
)  # fmt: skip

#: Ordinary words that deduce or the context rules may take for a name ("Stap 3").
NOT_NAMES: frozenset[str] = frozenset(
    word.lower()
    for word in (
        "Stap", "Pas", "Fase", "Vraag", "Casus", "Mevrouw", "Meneer", "Juf", "Meester",
        "Dokter", "Beste", "Groet", "Groeten", "Hallo", "Hoi", "Dag", "Vandaag", "Morgen",
        "Gisteren", "Ja", "Nee", "Wel", "Niet", "Niemand", "Iedereen", "Ook", "Maar",
        "En", "Of", "Dan", "Toen", "Nu", "Daarna", "Volgens", "Sinds", "Na", "Voor",
        "Bij", "Met", "Van", "Het", "De", "Een", "Die", "Dat", "Deze", "Dit", "Hij", "Zij",
        "Ze", "Ik", "Wij", "We", "Jij", "Je", "U", "Hun", "Haar", "Zijn", "Mijn", "Onze",
        "Ons", "Jullie", "Er", "Hier", "Daar", "Wat", "Wie", "Waar", "Hoe", "Waarom",
        "Kind", "Kinderen", "Zoon", "Dochter", "Baby", "Moeder", "Vader", "Leerling",
        "Cliënt", "Cliënte", "Melder", "Beller", "Verdachte", "School", "Thuis", "Veilig",
        "Signalen", "Actie", "Aanwezig", "Adres", "Telefoon", "Tel", "BSN", "Kenteken",
        "Letsel", "Betreft", "Kort", "Verslag", "Reflectie", "Terugblik", "Aantekening",
        "Overdracht", "Aanmelding", "Melding", "Onze", "Alle", "Veel", "Elke", "Geen",
        "Groep", "Klas", "Module", "Stichting", "Gemeente", "Huisarts", "Politie",
        "Uiteindelijk", "Eerst", "Later", "Samen", "Alleen", "Vorige", "Volgende",
        "Nieuwe", "Oude", "Lieve", "Mam", "Pap", "Oom", "Tante", "Broer", "Zus",
        # titles and verbs that deduce may take into a name ("Mevrouw Kaya", "Bel Kim")
        "Mevr", "Dhr", "Mw", "Mr", "Heer", "Bel", "Belde", "Mail", "Mailde", "Zie", "Vroeg",
        "Zei", "Sprak", "Tel", "Graag", "Drs", "Dr", "Prof", "Mej", "Mevr.", "Collega", "Collega's",
        # English honorifics (round 19: "De mentor, Mrs. Donnelly"): titles, outside the name
        "Mrs", "Ms", "Miss", "Sir",
        "Broertje", "Zusje", "Zoontje", "Dochtertje", "Buurvrouw", "Buurman", "Fam",
        # greetings before a name in a message ("Goedemorgen Ilse", "Dank Anouk")
        "Goedemorgen", "Goedemiddag", "Goedenavond", "Goeiemorgen", "Dank", "Bedankt",
        "Dankjewel", "Dankje", "Thanks", "Hey", "Hee", "Hai", "Doei", "Groetjes", "Welkom",
        # greetings in the languages of newcomers' letters and diaries ("Hej Kacper,",
        # "Cześć Ola", "Merhaba Emre"; round 25)
        "Hej", "Hejka", "Hi", "Hello", "Dear", "Cześć", "Czesc", "Witaj", "Merhaba",
        "Marhaba", "Ahlan", "Privet", "Pryvit", "Hola", "Ciao", "Bonjour", "Salut", "Ahoj",
        "Casuïstiek",
        # languages
        "Nederlands", "Engels", "Frans", "Duits", "Spaans", "Pools", "Turks", "Arabisch",
        "Berbers", "Russisch", "Oekraïens", "Roemeens", "Bulgaars", "Papiaments",
        "Sranantongo", "Somalisch", "Tigrinya", "Koerdisch", "Perzisch", "Dari",
        # e-mail headers ("Onderwerp: Fwd: ...", "Re:", "Cc:")
        "Fwd", "Fw", "Re", "Cc", "Bcc",
    )
)  # fmt: skip

#: Public numbers that help people and must stay readable (digits only).
PUBLIC_NUMBERS: frozenset[str] = frozenset(
    {
        "112",  # emergency
        "08002000",  # Veilig Thuis
        "08000432",  # Kindertelefoon
        "09008844",  # politie, geen spoed
        "09000101",  # Slachtofferhulp Nederland
        "113",  # 113 Zelfmoordpreventie
        "08000113",  # 113 Zelfmoordpreventie
    }
)

#: Spans that look like dates or numbers but are phrases of the domain.
PUBLIC_EXPRESSIONS: tuple[str, ...] = ("24/7", "24 uur per dag", "7 dagen per week")

_WORD = re.compile(r"[\w&][\w&-]*")


def _index_phrases() -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for phrase in sorted({p.lower() for p in DOMAIN_PHRASES + PUBLIC_EXPRESSIONS}, key=len,
                         reverse=True):  # fmt: skip
        first = _WORD.match(phrase)
        index.setdefault(first.group(0) if first else phrase, []).append(phrase)
    return index


#: Allowed phrases by their first word, longest first.
_PHRASES_BY_FIRST_WORD = _index_phrases()


#: Where an allowed phrase can start: any of them, as a trie, searched in the lowercase text.
_PHRASE_ANCHOR = re.compile(
    keyword_pattern({p.lower() for p in DOMAIN_PHRASES + PUBLIC_EXPRESSIONS}, space=" ")
)


def _word_start(lowered: str, position: int) -> bool:
    """Whether a word (a match of ``_WORD``) starts at ``position``."""
    before = position - 1
    while before >= 0 and lowered[before] == "-":
        before -= 1  # hyphens continue a word but cannot start one
    return before < 0 or not (lowered[before].isalnum() or lowered[before] in "_&")


def allowed_ranges(text: str) -> Iterator[tuple[int, int]]:
    """Character ranges of ``text`` that hold an allowed phrase.

    Walks the words of the text, and at each word tries the phrases that start with it,
    longest first; only words where some phrase starts are looked at.
    """
    lowered = text.lower()
    position = 0
    search = _PHRASE_ANCHOR.search
    while (candidate := search(lowered, position)) is not None:
        start = candidate.start()
        position = start + 1
        if not _word_start(lowered, start):
            continue
        word = _WORD.match(lowered, start)
        if word is None:
            continue
        for phrase in _PHRASES_BY_FIRST_WORD.get(word.group(0), ()):
            end = start + len(phrase)
            if lowered.startswith(phrase, start) and not (
                end < len(text) and (lowered[end].isalnum() or lowered[end] in "_-")
            ):
                yield start, end
                position = end
                break


def is_public_site(value: str) -> bool:
    """Whether ``value`` is a help line's or the network's public website (any path)."""
    lowered = value.lower()
    for prefix in ("https://", "http://"):
        lowered = lowered.removeprefix(prefix)
    lowered = lowered.removeprefix("www.")
    domain = lowered.split("/", 1)[0].rstrip(".")
    return domain in PUBLIC_SITES


def is_public_number(value: str) -> bool:
    """Whether ``value`` is one of the public help-line numbers."""
    return "".join(ch for ch in value if ch.isdigit()) in PUBLIC_NUMBERS


_WORDS = re.compile(r"\w+")


def is_not_name(value: str) -> bool:
    """Whether every word of ``value`` is an ordinary word, never a name on its own."""
    lowered = value.lower()
    if lowered.isalnum():  # one word (the common case)
        return lowered in NOT_NAMES
    words = _WORDS.findall(lowered)
    return bool(words) and all(word in NOT_NAMES for word in words)
