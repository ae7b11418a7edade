"""The guided form's vocabulary: reflection methods and their narrative parts, and the
coarse structured fields that replace free text where a fact could identify a family.

One place for these lists: the model's choices, the form, the library's filters and
the templates all read them from here."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

#: Longest narrative part, in characters: long enough for a reflection, short enough
#: that a case stays a case and not a file.
MAX_PART_CHARS = 4000
MAX_TITLE_CHARS = 120


class Method(models.TextChoices):
    INCIDENT = "incidentmethode", _("Incidentmethode")
    MOREEL_BERAAD = "moreel_beraad", _("Moreel beraad (dilemmamethode)")
    KORTHAGEN = "korthagen", _("Reflectiecirkel van Korthagen")


class Setting(models.TextChoices):
    """The sectors the Meldcode applies to, at the level of a sector, never an address."""

    ONDERWIJS = "onderwijs", _("Onderwijs")
    KINDEROPVANG = "kinderopvang", _("Kinderopvang")
    JEUGDHULP = "jeugdhulp", _("Jeugdhulp")
    SOCIAAL_DOMEIN = "sociaal_domein", _("Wijkteam of sociaal domein")
    MAATSCHAPPELIJK_WERK = "maatschappelijk_werk", _("Maatschappelijk werk")
    ZORG = "zorg", _("Gezondheidszorg (huisarts, wijkverpleging, ziekenhuis)")
    GGZ = "ggz", _("GGZ of verslavingszorg")
    JUSTITIE = "justitie", _("Politie of justitie")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    ANDERS = "anders", _("Anders")


class AgeBand(models.TextChoices):
    BABY = "0-3", _("0 tot 4 jaar")
    KIND = "4-11", _("4 tot 12 jaar")
    TIENER = "12-17", _("12 tot 18 jaar")
    JONGVOLWASSEN = "18-26", _("18 tot 27 jaar")
    VOLWASSEN = "27-64", _("27 tot 65 jaar")
    OUDERE = "65+", _("65 jaar en ouder")


class ViolenceForm(models.TextChoices):
    LICHAMELIJK = "lichamelijk", _("Lichamelijk geweld")
    PSYCHISCH = "psychisch", _("Psychisch geweld")
    SEKSUEEL = "seksueel", _("Seksueel geweld")
    VERWAARLOZING = "verwaarlozing", _("Verwaarlozing")
    GETUIGE = "getuige", _("Kind getuige van huiselijk geweld")
    OUDERENMISHANDELING = "ouderenmishandeling", _("Ouderenmishandeling")
    ERGERELATED = "eergerelateerd", _("Eergerelateerd geweld")
    FINANCIEEL = "financieel", _("Financiële uitbuiting")
    DWINGENDE_CONTROLE = "dwingende_controle", _("Dwingende controle")


class MeldcodeStep(models.IntegerChoices):
    SIGNALEN = 1, _("Stap 1: signalen in kaart brengen")
    COLLEGA = 2, _("Stap 2: collegiale consultatie (en Veilig Thuis)")
    GESPREK = 3, _("Stap 3: gesprek met de cliënt")
    WEGEN = 4, _("Stap 4: wegen met het afwegingskader")
    BESLISSEN = 5, _("Stap 5: beslissen over melden en hulp")


class PeerRequest(models.TextChoices):
    VERVOLG = "vervolg", _("Meedenken over wat ik nu kan doen")
    REFLECTIE = "reflectie", _("Reflectie op hoe ik het aanpakte")
    MELDCODE = "meldcode", _("Hulp bij een stap van de Meldcode")
    HERKENNING = "herkenning", _("Herkenning: hoe gaan anderen hiermee om")


@dataclass(frozen=True)
class Part:
    """One narrative part of a method: a key for storage, a label and guidance for the form."""

    key: str
    label: Promise
    guidance: Promise


_QUESTION = Part(
    "vraag",
    _("Je vraag aan collega's"),
    _(
        "Wat wil je weten of bespreken? Schrijf je vraag zonder namen, plaatsen of data. "
        "Bijvoorbeeld: 'Had ik eerder Veilig Thuis moeten bellen?'"
    ),
)

METHOD_PARTS: dict[str, tuple[Part, ...]] = {
    Method.INCIDENT: (
        Part(
            "incident",
            _("Wat gebeurde er?"),
            _(
                "Vertel het incident tot het moment dat jij moest handelen. Schrijf geen namen, "
                "geen adres, geen school en geen datum. Schrijf 'de moeder', 'het "
                "kind (8)' wordt 'het kind': de leeftijd kies je hierboven."
            ),
        ),
        Part(
            "moment",
            _("Het moment van handelen"),
            _(
                "Wat moest je op dat moment beslissen? Beschrijf wat je dacht en voelde, niet "
                "wie er precies bij waren."
            ),
        ),
        _QUESTION,
    ),
    Method.MOREEL_BERAAD: (
        Part(
            "casus",
            _("De casus en het morele moment"),
            _(
                "Beschrijf kort wat er speelt en wanneer het schuurde. Laat weg wat een gezin "
                "herkenbaar maakt: beroep van ouders, een bijzondere gebeurtenis, de wijk."
            ),
        ),
        Part(
            "dilemma",
            _("Het dilemma"),
            _("Schrijf het als: 'Moet ik A of B?' en welke schade doet elke keuze?"),
        ),
        Part(
            "waarden",
            _("Betrokkenen en hun waarden"),
            _(
                "Noem rollen, geen namen: 'de vader', 'de leerkracht', "
                "'ik'. Wat is voor ieder belangrijk?"
            ),
        ),
        _QUESTION,
    ),
    Method.KORTHAGEN: (
        Part(
            "handelen",
            _("Handelen: wat deed je?"),
            _(
                "Beschrijf wat je deed. Schrijf geen namen, adressen of data; gebruik rollen "
                "zoals 'de moeder'."
            ),
        ),
        Part(
            "terugblik",
            _("Terugblikken"),
            _("Wat wilde, deed, dacht en voelde je? En wat deden de anderen, volgens jou?"),
        ),
        Part(
            "bewustwording",
            _("Bewustwording"),
            _("Wat is voor jou de kern? Wat valt je nu op?"),
        ),
        Part(
            "alternatieven",
            _("Alternatieven"),
            _("Wat had je ook kunnen doen? Wat kies je de volgende keer?"),
        ),
        _QUESTION,
    ),
}


def parts_for(method: str) -> tuple[Part, ...]:
    """The narrative parts of ``method``; an unknown method has none."""
    return METHOD_PARTS.get(method, ())


def all_part_keys() -> list[str]:
    """Every part key of every method, each once, in a stable order."""
    keys: list[str] = []
    for parts in METHOD_PARTS.values():
        keys.extend(part.key for part in parts if part.key not in keys)
    return keys


def part_label(key: str) -> Promise | str:
    for parts in METHOD_PARTS.values():
        for part in parts:
            if part.key == key:
                return part.label
    return key
