"""Word lists for the own detectors, read once from deduce's installed source lists.

Reading the plain-text lists does not import deduce. The lists give the lowercase
first names and place names that deduce (which matches case-sensitively) misses in
texts typed without capitals.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from privacy.allowlist import DOMAIN_PHRASES, NOT_NAMES

#: Neighbourhoods and villages of the region that deduce's lists do not hold.
REGION_PLACES: tuple[str, ...] = (
    # Rotterdam
    "Hillegersberg", "Schiebroek", "Ommoord", "Zevenkamp", "Nesselande", "Overschie",
    "Kralingen", "Crooswijk", "Delfshaven", "Charlois", "Feijenoord", "IJsselmonde",
    "Hoogvliet", "Pernis", "Prins Alexander", "Blijdorp", "Bergpolder", "Spangen",
    "Tussendijken", "Bospolder", "Carnisse", "Tarwewijk", "Pendrecht", "Zuidwijk",
    "Lombardijen", "Beverwaard", "Bloemhof", "Hillesluis", "Afrikaanderwijk", "Katendrecht",
    "Kop van Zuid", "Noordereiland", "Liskwartier", "Oude Noorden", "Agniesebuurt",
    "Provenierswijk", "Stadsdriehoek", "Oude Westen", "Middelland", "Nieuwe Westen",
    "Heijplaat", "Oud-Mathenesse", "Schiemond", "Vreewijk", "Zuidplein", "Rozenburg",
    "Kethel", "Groenoord", "Holy", "Westwijk", "Maaswijk", "Schollevaar", "Oostgaarde",
    # Lansingerland, Zoetermeer, Pijnacker-Nootdorp
    "Rodenrijs", "Westpolder", "Parkzoom", "Wilderszijde", "Oosterheem", "Rokkeveen",
    "Seghwaert", "Meerzicht", "Buytenwegh", "Noordhove", "Palenstein", "Driemanspolder",
    "Keijzershof", "Ackerswoude",
    # Rotterdam, further
    "Zuiderpark", "Het Lage Land", "Oosterflank", "Kralingse Veer", "De Esch", "Struisenburg",
    "Rubroek", "Cool", "Dijkzigt", "Nieuw-Mathenesse", "Witte Dorp", "Wielewaal",
    "Oud-IJsselmonde", "Groot-IJsselmonde", "Reyeroord", "Zuidelijke Tuinsteden",
    # Den Haag
    "Schilderswijk", "Transvaal", "Moerwijk", "Laak", "Escamp", "Bouwlust", "Vrederust",
    "Morgenstond", "Leyenburg", "Segbroek", "Duindorp", "Scheveningen", "Loosduinen",
    "Mariahoeve", "Bezuidenhout", "Ypenburg", "Wateringse Veld", "Zuiderpark", "Rustenburg",
    "Spoorwijk", "Stationsbuurt", "Regentessekwartier", "Valkenboskwartier", "Duinoord",
    "Statenkwartier", "Benoordenhout", "Archipelbuurt", "Zeeheldenkwartier",
    # Amsterdam
    "Bijlmer", "Bijlmermeer", "Gaasperdam", "Holendrecht", "Reigersbos", "Osdorp",
    "Slotervaart", "Geuzenveld", "Slotermeer", "Bos en Lommer", "De Baarsjes",
    "Indische Buurt", "Dapperbuurt", "Transvaalbuurt", "Watergraafsmeer", "De Pijp",
    "Rivierenbuurt", "Buitenveldert", "Jordaan", "Oud-West", "Kolenkit", "Nieuwendam",
    "Tuindorp Oostzaan", "Banne Buiksloot", "Buikslotermeer", "IJburg", "Zeeburg",
    "Overtoomse Veld", "Van der Pekbuurt", "Vogelbuurt", "Kattenburg",
    # Utrecht
    "Kanaleneiland", "Overvecht", "Ondiep", "Lombok", "Zuilen", "Hoograven", "Tuinwijk",
    "Leidsche Rijn", "Vleuten", "De Meern", "Oog in Al", "Transwijk", "Rivierenwijk",
    "Lunetten", "Wittevrouwen", "Voordorp", "Tuindorp", "Vechtzoom",
    # the region's parts and its port and business areas
    "Zuid-Hollandse Eilanden", "Voorne-Putten", "Drechtsteden", "Alblasserwaard",
    "Haaglanden", "Midden-Holland", "Delfland", "Botlek", "Europoort", "Waalhaven",
    "Eemhaven", "Oostplaat", "Spaanse Polder", "Carnisselande", "Laakkwartier",
    # cities abroad that families of the region come from or move to (the countries are no
    # place, see COUNTRIES; a city is): the communities of issue 10 and the neighbours
    "Londen", "London", "Manchester", "Birmingham", "Liverpool", "Leeds", "Glasgow",
    "Berlijn", "Berlin", "Hamburg", "München", "Keulen", "Köln", "Düsseldorf", "Duisburg",
    "Dortmund", "Frankfurt", "Bremen", "Hannover", "Aken", "Gelsenkirchen", "Bochum",
    "Oberhausen", "Antwerpen", "Brussel", "Gent", "Luik", "Charleroi", "Mechelen", "Leuven",
    "Parijs", "Lyon", "Marseille", "Lille", "Warschau", "Krakau", "Kraków", "Wrocław",
    "Gdańsk", "Poznań", "Łódź", "Lublin", "Katowice", "Szczecin", "Białystok", "Rzeszów",
    "Kyiv", "Kiev", "Kyjiv", "Lviv", "Lemberg", "Charkiv", "Kharkiv", "Odesa", "Odessa",
    "Dnipro", "Zaporizja", "Marioepol", "Mariupol", "Istanbul", "Ankara", "Izmir", "Konya",
    "Kayseri", "Bursa", "Adana", "Gaziantep", "Diyarbak\u0131r", "Diyarbakir", "Antalya",
    "Trabzon", "Samsun", "Sivas", "Casablanca", "Rabat", "Tanger", "Nador", "Al Hoceima",
    "Oujda", "Fès", "Marrakech", "Marrakesh", "Agadir", "Tetouan", "Tétouan", "Meknes",
    "Paramaribo", "Nieuw-Nickerie", "Moengo", "Lelydorp", "Willemstad", "Oranjestad",
    "Kralendijk", "Philipsburg", "Asmara", "Massawa", "Mendefera", "Mogadishu", "Mogadisjoe",
    "Hargeisa", "Kismayo", "Baidoa", "Addis Abeba", "Praia", "Mindelo", "Santo Antão",
    "São Vicente", "Damascus", "Aleppo", "Idlib", "Kabul", "Herat", "Bagdad", "Mosul",
    "Erbil", "Plovdiv", "Boekarest", "Cluj", "Lissabon", "Jakarta", "Surabaya", "Accra",
    "Kumasi", "Lagos", "Abuja",
)  # fmt: skip

#: Countries are not identifying on their own and are never taken for a place here.
COUNTRIES: frozenset[str] = frozenset(
    c.lower()
    for c in (
        "Nederland", "België", "Duitsland", "Frankrijk", "Spanje", "Italië", "Polen",
        "Oekraïne", "Rusland", "Turkije", "Marokko", "Syrië", "Irak", "Iran", "Afghanistan",
        "Eritrea", "Somalië", "Ethiopië", "Suriname", "Curaçao", "Aruba", "Indonesië",
        "India", "China", "Engeland", "Ierland", "Portugal", "Griekenland", "Roemenië",
        "Bulgarije", "Hongarije", "Egypte", "Tunesië", "Algerije", "Nigeria", "Ghana",
        "Kaapverdië", "Europa", "Afrika", "Azië", "Amerika",
    )
)  # fmt: skip


def _lookup_dir() -> Path | None:
    spec = importlib.util.find_spec("deduce")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "lookup" / "src"


def _items(*parts: str) -> set[str]:
    base = _lookup_dir()
    if base is None:
        return set()
    folder = base.joinpath(*parts)
    items: set[str] = set()
    for path in folder.rglob("items.txt"):
        items.update(line.strip() for line in path.read_text("utf-8").splitlines())
    for path in folder.rglob("exceptions.txt"):
        items.difference_update(line.strip() for line in path.read_text("utf-8").splitlines())
    items.discard("")
    return items


@cache
def common_words() -> frozenset[str]:
    """Lowercase ordinary Dutch words that are never treated as a name or place alone."""
    words = {w.lower() for w in _items("whitelist", "lst_common_word")}
    words |= {w.lower() for w in _items("whitelist", "lst_stop_word")}
    words |= NOT_NAMES
    words |= {p.lower() for p in DOMAIN_PHRASES if " " not in p}
    return frozenset(words)


#: First names and the short forms used in speech of the region's communities that
#: Faker's lists lack (Polish, Ukrainian, Eritrean and Ethiopian, Somali, Afghan, Syrian,
#: Bulgarian, Romanian, Antillean and Surinamese, Cape Verdean, Chinese, Vietnamese):
#: "mama (kasia)", "oleksiy", "filmon". Any that is a Dutch word is left out by
#: :func:`first_names` ("mei", "lama"); greetings ("selam") are not listed.
_COMMUNITY_FIRST_NAMES_TEXT = """
    kasia gosia basia zosia ania asia kuba tomek wojtek piotrek olek bartek jarek darek
    franek staszek kacper szymon oskar malgosia dorota grazyna bozena krystyna
    andriy andrii mykola mykhailo nastya vitaliy vitalii oleksiy oleksii serhiy serhii yuriy
    yurii kateryna khrystyna solomiia zlata bohdana taras ostap volodymyr vasyl halyna
    lyudmyla liudmyla tetiana nataliia viktoriia
    senait filmon yonas tesfay tesfaye abrham mehari kidane tekle yohannes semhar awet
    biniam dawit mebrahtu tsega saba luwam merhawi ruta feven eden selamawit tsehay
    mulugeta haile hagos berhane kibrom
    hibaq faadumo khadro hodan ubah sagal ayan nasra deeqa abdirahman abdullahi liban
    guled mahad zakariye
    parwana wahid sohrab nargis shabnam hamid zarghona mursal freshta sediqa habibullah
    ghulam najib massoud
    ghazal bashar rasha ghina lujain tasnim hiba ruba wael mazen hussam anas obada
    ivaylo stoyan georgi dimitar mariya yordanka tsvetelina radostina plamen tsvetan
    ionut mihai florin ioana alina bogdan catalin sorin lavinia ramona
    shurandy ruthmila jeanelle jurensley rishendra shaquille jozef gregorio jurgen
    nilton elisangela djenifer edmilson adilson ailton nelsa djamila
    xiaoming xiaoli xiaoyan yan wen jie huong thuy hanh dung hoa lan
"""
COMMUNITY_FIRST_NAMES: frozenset[str] = frozenset(_COMMUNITY_FIRST_NAMES_TEXT.split())


#: Papiamentu and Sranan words of greeting, kinship and address that Caribbean- and
#: Surinamese-Dutch families use inside Dutch sentences ("bon dia", "wela", "mi yu", "bo
#: ta bon"): in lowercase they are no names (round 11c). Some are first names too ("bo",
#: "dia", "yu", "mai", "boi"): those only beside another word of the list.
CREOLE_WORDS: frozenset[str] = frozenset(
    {"wela", "welo", "tata", "yu", "bo", "dia", "tardi", "nochi", "danki", "dushi", "mai",
     "pai", "tanta", "ruman", "mucha", "bini", "tangi", "pikin", "boi", "baka", "kaba",
     "mati", "granma", "granpa", "bon", "ta", "mi", "ku", "pa"}
)  # fmt: skip


@cache
def dutch_words_without_diacritics() -> frozenset[str]:
    """Dutch words with a diacritic as typed without it ("cliente", "patient", "reeel"):
    not names no list holds."""
    import unicodedata

    return frozenset(
        "".join(c for c in unicodedata.normalize("NFD", w) if not unicodedata.combining(c))
        for w in dutch_words()
        if not w.isascii() and w.isalpha()
    )


@cache
def first_names() -> frozenset[str]:
    """Lowercase first names (deduce's list, and the names of the region's communities
    that no Dutch word list holds: :func:`world_first_names`, :data:`COMMUNITY_FIRST_NAMES`),
    without ordinary words."""
    names = {n.lower() for n in _items("names", "lst_first_name") if len(n) >= 2}
    community = COMMUNITY_FIRST_NAMES - dutch_words()
    return frozenset((names | world_first_names() | community) - common_words())


@cache
def place_names() -> frozenset[str]:
    """Lowercase Dutch municipalities, residences and the region's neighbourhoods."""
    places = {p.lower() for p in _items("locations", "lst_placename", "lst_municipality")}
    places |= {p.lower() for p in _items("locations", "lst_placename", "lst_residence")}
    places |= {p.lower() for p in REGION_PLACES}
    return frozenset(p for p in places - common_words() - COUNTRIES if len(p) >= 3)


_DATA = Path(__file__).resolve().parent.parent / "data"


@cache
def dutch_words() -> frozenset[str]:
    """The 60,000 most frequent Dutch words (lowercase), from wordfreq 3.1.1.

    ``privacy/data/nl_words.txt.gz`` was written once with
    ``wordfreq.top_n_list("nl", 60000)`` (letters, apostrophes and hyphens only); the
    data of wordfreq is CC BY-SA 4.0 (Robyn Speer), and so is this list derived from it:
    attribution, changes and licence in ``privacy/data/NOTICE``. It holds many first names too
    ("marco", "roos"): a word *missing* from it is what says "this is probably a name".
    """
    import gzip

    with gzip.open(_DATA / "nl_words.txt.gz", "rt", encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip())


@cache
def surnames() -> frozenset[str]:
    """Lowercase surnames (deduce's list): each surname's last word."""
    names: set[str] = set(world_surnames())
    for name in _items("names", "lst_surname"):
        words = name.lower().split()
        names.add(words[-1])  # "de Wit" gives "wit": known as a surname after a particle
    return frozenset(names)


def _world_names(filename: str) -> frozenset[str]:
    import gzip

    with gzip.open(_DATA / filename, "rt", encoding="utf-8") as handle:
        names = {line.strip() for line in handle if line.strip()}
    return frozenset(names - common_words())


@cache
def world_first_names() -> frozenset[str]:
    """Lowercase first names of the region's communities (Turkish, Ukrainian, Polish,
    Maghrebi, Cape Verdean and Portuguese, Somali and East African, Nigerian, Javanese and
    Hindustani Surinamese, Dutch) that are no frequent Dutch word: so a name typed in
    lowercase ("oleksandr", "łukasz") is not an ordinary word.

    ``privacy/data/world_first_names.txt.gz`` is written by
    ``tests/privacy/names_build.py`` from the person lists of Faker (MIT licence:
    attribution in ``privacy/data/NOTICE``).
    """
    return _world_names("world_first_names.txt.gz")


@cache
def world_surnames() -> frozenset[str]:
    """Lowercase surnames of the same communities, no frequent Dutch word
    (``privacy/data/world_surnames.txt.gz``, from Faker, see :func:`world_first_names`)."""
    return _world_names("world_surnames.txt.gz")


def is_unknown_word(word: str) -> bool:
    """Whether a lowercase word is neither a Dutch word, a place nor a country."""
    lowered = word.lower()
    return (
        lowered not in dutch_words()
        and lowered not in common_words()
        and lowered not in place_names()
        and lowered not in COUNTRIES
        and not (lowered.endswith(_INFLECTED_ENDINGS) and lowered[:-1] in dutch_words())
    )


#: An adjective or present participle with its inflection "-e" ("verhelderende",
#: "aansluitende", "huiselijke", "pedagogische") is a word when the word without it is
#: (round 11c: "Deelnemer C: Verhelderende vraag: ...").
_INFLECTED_ENDINGS = ("nde", "lijke", "ische")


#: Nouns for a person's role or function in the domain's registers: a help line's chat, a
#: case meeting's minutes, a court's decision or petition, a care note (round 19). A chat's
#: speaker label "Medewerker:", a petition's "Verzoekster verzoekt ...", a signature's
#: "Jeugdbeschermer" are never a name, also where they repeat. Joined with a word before
#: them they stay role nouns ("jeugdbeschermer", "gezinsvoogd", "kinderrechter").
_ROLE_NOUNS_TEXT = """
    medewerker medewerkster hulpverlener hulpverleenster beller belster chatter moderator
    cliënt cliënte client cliente melder meldster begeleider begeleidster bezoeker
    bezoekster vrijwilliger vrijwilligster mentor coördinator coordinator consulent
    consulente regisseur regiehouder casemanager functionaris deskundige behandelaar
    therapeut therapeute psycholoog psychologe pedagoog pedagoge verpleegkundige
    verzorgende verzorger mantelzorger contactpersoon tolk huisarts kinderarts
    verloskundige aandachtsfunctionaris teamleider leidinggevende stagiair stagiaire
    verzoeker verzoekster verweerder verweerster belanghebbende minderjarige gezinsvoogd
    voogd curator advocaat advocate griffier rechter kinderrechter raadsonderzoeker
    onderzoeker jeugdbeschermer beschermer raadsman raadsvrouw officier notaris
    gedaagde eiser eiseres appellant appellante aangever aangeefster slachtoffer
    verdachte betrokkene getuige jeugdige ouder pleegouder gezagsdrager
    reclasseerder reclasseringswerker
"""
ROLE_NOUNS: frozenset[str] = frozenset(_ROLE_NOUNS_TEXT.split())

#: The heads of joined role nouns ("jeugdbeschermer", "thuiszorgmedewerker", "SEH-arts"):
#: long enough that no surname ends with one after a Dutch word.
_ROLE_HEADS: tuple[str, ...] = tuple(
    w for w in ROLE_NOUNS if len(w) >= 5 and w not in {"ouder", "eiser", "tolk"}
)


def is_role_noun(word: str) -> bool:
    """Whether ``word`` (any case) is a noun for a person's role or function: one of
    :data:`ROLE_NOUNS`, or a Dutch word joined with one ("jeugdbeschermer", "gezinsvoogd",
    "kinderrechter", "SEH-medewerker"), never a first name or a surname of the lists."""
    lowered = word.lower().strip(".:,;")
    if lowered in ROLE_NOUNS:
        return True
    if lowered in first_names() or lowered in surnames():
        return False
    for head in _ROLE_HEADS:
        if lowered.endswith(head) and len(lowered) >= len(head) + 3:
            before = lowered[: -len(head)]
            if (
                before.endswith("-")
                or before in dutch_words()
                or (before.endswith("s") and before[:-1] in dutch_words())
            ):
                return True
    return False


#: The heads of the field's compound nouns for a thing, not a person: a plan, list, method,
#: law, measure, meeting or service ("Ouderschapsplan", "Signalenlijst", "Deltamethode",
#: "Kinderrechtenverdrag", "Slachtofferloket", "Jeugdinstituut", "Casusoverleg"; round 22).
#: Checked against every surname and first-name list: none of these ends one after three
#: letters or more ("Kaplan" has two), so such a compound written with a capital is never
#: a name, whatever the word before the head.
_THING_HEADS_TEXT = """
    plan lijst index verdrag methode methodiek therapie behandeling instituut loket
    ombudsman regeling maatregel protocol traject programma training overleg gesprek
    formulier rapport verslag onderzoek aanpak wet zorg beleid dossier advies melding
    signaal signalen verbod straf taxatie screening module cursus conferentie dienst
    monitor register toets instrument beraad model
"""
_THING_HEADS: tuple[str, ...] = tuple(_THING_HEADS_TEXT.split())


#: Shorter heads, a thing only after a Dutch word of five letters or more ("Koranles",
#: "Huiswerkklas", "Oudergroep"; not "Morales", "Rosales"): no name of the lists is a Dutch
#: word of five letters or more with one of these after it.
_SHORT_THING_HEADS_TEXT = "les lessen uur week avond middag ochtend groep klas app spel feest"
_SHORT_THING_HEADS: tuple[str, ...] = tuple(_SHORT_THING_HEADS_TEXT.split())


#: A head of this many letters or fewer ("wet", "plan", "zorg", "lijst", "model") makes a
#: thing only after a Dutch word: unknown names end in them too ("Gebrehiwet").
_SHORT_HEAD = 5


def _dutch_stem(before: str) -> bool:
    """Whether ``before`` is a Dutch word as it stands before a compound's head: the word,
    or the word with the linking "s", "e" or "en" ("ouderschap-s-plan", "kind-er-en-")."""
    if before.endswith("-"):
        before = before[:-1]
    if _dutch_word_as_stem(before):
        return True
    # two Dutch words of four letters or more ("familie|groep-s-plan")
    return any(
        _dutch_word_as_stem(before[:i], linked=False) and _dutch_word_as_stem(before[i:])
        for i in range(4, len(before) - 3)
    )


def _dutch_word_as_stem(part: str, *, linked: bool = True) -> bool:
    words = dutch_words()
    if part in words:
        return True
    if not linked:
        return False
    return (
        (part.endswith("s") and part[:-1] in words)
        or (part + "en") in words
        or (part.endswith("e") and part[:-1] in words)
    )


def is_thing_compound(word: str) -> bool:
    """Whether ``word`` (any case, one word) is a compound noun for a thing of the field:
    three letters or more, then one of :data:`_THING_HEADS` ("Ouderschapsplan",
    "Multisysteemtherapie", "Kinderombudsman"), and no first name or surname of the lists."""
    lowered = word.lower().strip(".:,;")
    if not lowered.isalpha() and not lowered.replace("-", "").isalpha():
        return False
    for head in _THING_HEADS:
        if lowered.endswith(head) and len(lowered) >= len(head) + 3:
            if len(head) <= _SHORT_HEAD and not _dutch_stem(lowered[: -len(head)]):
                # "Gebrehiwet", "Tesfahiwet": an unknown name may end in a short head; only
                # a Dutch word before it makes the compound ("Jeugdwet", "Veiligheidsplan").
                return False
            return lowered not in first_names() and lowered not in surnames()
    for head in _SHORT_THING_HEADS:
        if lowered.endswith(head) and len(lowered) >= len(head) + 5:
            before = lowered[: -len(head)]
            if before in dutch_words() or (
                before.endswith("s") and before[:-1] in dutch_words() and len(before) >= 5
            ):
                return lowered not in first_names() and lowered not in surnames()
    return False


#: Adjectives of nationality and language (Dutch and English, as international families
#: write them) and the languages: "in Dutch court", "een Marokkaanse moeder", "spreekt Hindi".
_NATIONALITY_WORDS_TEXT = """
    dutch english british american canadian australian irish scottish welsh indian
    pakistani chinese brazilian portuguese spanish french german italian polish russian
    ukrainian romanian bulgarian turkish moroccan algerian tunisian egyptian syrian iraqi
    iranian afghan eritrean ethiopian somali sudanese nigerian ghanaian surinamese
    antillean indonesian filipino vietnamese japanese korean mexican colombian
    hindi urdu tamil punjabi bengali mandarin cantonese farsi pashto arabic berber
    nederlands nederlandse marokkaans marokkaanse turks turkse pools poolse surinaams
    surinaamse antilliaans antilliaanse syrisch syrische afghaans afghaanse eritrees
    eritrese somalisch somalische oekraïens oekraïense russisch russische roemeens
    roemeense bulgaars bulgaarse braziliaans braziliaanse indiaas indiase chinees
    engels engelse brits britse amerikaans amerikaanse duits duitse frans franse spaans
    spaanse italiaans italiaanse portugees portugese kaapverdiaans kaapverdiaanse
    ghanees ghanese nigeriaans nigeriaanse irakees irakese iraans iraanse egyptisch
    egyptische pakistaans pakistaanse hindoestaans hindoestaanse javaans javaanse
    indonesisch indonesische vietnamees vietnamese filipijns filipijnse ethiopisch
    ethiopische koerdisch koerdische arabisch arabische berbers berberse
"""
NATIONALITY_WORDS: frozenset[str] = frozenset(_NATIONALITY_WORDS_TEXT.split())
_SPEAKING_ENDINGS = ("sprekend", "sprekende", "talig", "talige")


def is_nationality_word(word: str) -> bool:
    """An adjective of nationality or language, or a compound of one with "-sprekend" or
    "-talig" ("Arabischsprekende", "Engelstalige", "anderstalig"): never a name or place."""
    lowered = word.lower()
    return lowered in NATIONALITY_WORDS or (
        lowered.endswith(_SPEAKING_ENDINGS) and len(lowered) >= 9
    )


def is_word_form(word: str) -> bool:
    """Whether a word no list holds as written is a Dutch noun's plural or diminutive
    ("Olifantjes", "Kikkertjes", "Snapchats", "Instagrams"; round 19): a word, not a name.
    A plural in "-s" counts only when neither it nor its stem is a first name or a
    surname ("Willems", "Smits" stay names)."""
    lowered = word.lower()
    known = dutch_words()
    for ending in ("tjes", "pjes", "jes"):
        if lowered.endswith(ending) and len(lowered) > len(ending) + 2:
            stem = lowered[: -len(ending)]
            # "kikker-tjes", "olifantje-s", "wagen-tjes" -> "wagen", "bloem-etjes" -> "bloem"
            if stem in known or lowered[:-1] in known or stem.removesuffix("e") in known:
                return True
    if lowered.endswith("s") and len(lowered) >= 5:
        stem = lowered[:-1]
        names = first_names() | surnames()
        if (stem in known or stem in common_words()) and not (lowered in names or stem in names):
            return True
    return False


def _infinitive(stem: str) -> bool:
    """Whether a weak verb's stem has its infinitive among the Dutch words: "huil"
    (huilen), "rol" (rollen), "maak" (maken), "leef" (leven), "reis" (reizen)."""
    if len(stem) < 3:
        return False
    words = dutch_words()
    forms = [f"{stem}en", f"{stem}{stem[-1]}en"]
    if len(stem) >= 4 and stem[-2] == stem[-3] and stem[-2] in "aeou":
        forms.append(f"{stem[:-2]}{stem[-1]}en")
    if stem.endswith("f"):
        forms.append(f"{stem[:-1]}ven")
    if stem.endswith("s"):
        forms.append(f"{stem[:-1]}zen")
    return any(form in words for form in forms)


def _inflected_forms(word: str, endings: tuple[str, ...]) -> set[str]:
    """A word with each ending, also with its last consonant doubled or its long vowel
    written single ("kop" -> "koppen", "boos" -> "boze", "brood" -> "broden")."""
    forms = set()
    for ending in endings:
        forms.add(word + ending)
        if ending == "s":
            continue
        forms.add(word + word[-1] + ending)
        if word.endswith("f"):
            forms.add(word[:-1] + "v" + ending)
        if word.endswith("s"):
            forms.add(word[:-1] + "z" + ending)
        if len(word) >= 4 and word[-3] == word[-2] and word[-2] in "aeou":
            stem = word[:-2] + word[-1]
            forms.add(stem + ending)
            if stem.endswith("f"):
                forms.add(stem[:-1] + "v" + ending)
            if stem.endswith("s"):
                forms.add(stem[:-1] + "z" + ending)
    return forms


def has_plural(word: str) -> bool:
    """Whether a lowercase word has a plural among the Dutch words ("probleem" ->
    "problemen", "gesprek" -> "gesprekken", "idee" -> "idees"; round 26)."""
    return len(word) >= 3 and bool(_inflected_forms(word, ("en", "s")) & dutch_words())


def is_singular_noun(word: str) -> bool:
    """Whether a lowercase word looks like a noun's singular: it has a plural and no
    adjective's inflected form in "-e" ("gevoel", "verhaal", "brood"; not "ziek" with
    "zieke", "boos" with "boze", nor adverbs such as "thuis", "vandaag": round 26)."""
    return has_plural(word) and not (_inflected_forms(word, ("e",)) & dutch_words())


def is_weak_finite(word: str) -> bool:
    """Whether a lowercase word may be a weak verb's finite form: the present in "-t"
    ("belt", "huilt", "praat") or the past in "-de"/"-te", short ones too ("belde",
    "zette"): its stem has its infinitive among the Dutch words (round 26)."""
    if word.endswith("t") and (_infinitive(word[:-1]) or _infinitive(word)):
        return True
    return word.endswith(("de", "te")) and _infinitive(word[:-2])


def is_verb_form(word: str) -> bool:
    """Whether a lowercase Dutch word is a weak verb's past tense ("huilde", "werkte") or
    participle ("gerold", "gebeld"): a word a name list may hold too ("gerold") but that,
    typed in lowercase without a name's signal, is the verb (round 19). Short past tenses
    ("lotte", "hilde", "jette") are left out: they are names far more often."""
    if word.startswith("ge") and word.endswith(("eerd", "eert")) and len(word) >= 9:
        return True  # a verb in "-eren": "geanonimiseerd", "geregistreerd" (any, listed or not)
    if word not in dutch_words():
        return False
    if word.startswith("ge") and word.endswith(("d", "t")) and _infinitive(word[2:-1]):
        return True
    return word.endswith(("de", "te")) and len(word) >= 6 and _infinitive(word[:-2])


@cache
def interfix_surnames() -> frozenset[str]:
    """Lowercase surnames that follow a particle in deduce's list ("vries" of "de Vries")."""
    return frozenset(n.lower() for n in _items("names", "lst_interfix_surname") if len(n) >= 2)
