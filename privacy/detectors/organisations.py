"""The organisations of the region that the engine knows by name: one list, read by the
institutions detector (which finds them in a text) and by the engine (which keeps such a
name whole when it merges and cuts findings). Data and one lookup, no detector: both
import it at module level."""

from __future__ import annotations

#: Organisations of the region (and national ones a family deals with) by their own
#: short name: housing corporations, mental health and youth care, hospitals, employers.
#: The one list (the help system itself, Veilig Thuis and the like, is public:
#: ``allowlist.py``); a name that is also a Dutch word ("Jumbo", "Prisma", "fier") needs a
#: capital or "bij"/"van"/"naar"/"via"/"met"/"door" before it.
KNOWN_ORGANISATIONS: tuple[str, ...] = (
    "Woonstad", "Havensteder", "Woonbron", "Vestia", "Laurens Wonen", "Staedion",
    "Lucertis", "Parnassia", "Antes", "Yulius", "Youz", "Sterk Huis", "Timon",
    "Enver", "Pluryn", "Ipse de Bruggen", "Middin", "Siza", "Levvel", "De Bascule",
    "Altra", "Cordaan", "Abrona", "Lijn5", "Prisma", "Zadkine", "Inholland", "Codarts",
    "Erasmus MC", "Sophia Kinderziekenhuis", "Franciscus Gasthuis", "Ikazia", "Maasstad",
    "IJsselland", "Van Weel-Bethesda", "Haaglanden MC", "HagaZiekenhuis", "Reinier de Graaf",
    "Coolblue", "Albert Heijn", "Jumbo", "Lidl", "Aldi", "Hema", "PostNL", "HTM", "Ikea",
    "Rabobank", "Unilever", "Shell", "Tata Steel", "Schiphol", "ECT", "Randstad", "Tempo-Team",
    # mental health, youth and elderly care, education and social care of the region
    "Arkin", "PsyQ", "Fivoor", "Bavo Europoort", "Careyn", "Aafje", "Zorgwaard",
    "Humanitas", "Pameijer", "Perspektief", "Leger des Heils", "Jeugdformaat", "Kenter",
    "Flexus Jeugdplein", "Rijndam", "Albeda", "Zonnehuisgroep", "Lelie zorggroep",
    "Spijkenisse Medisch Centrum",
    # the region's football clubs and shop chains that employ many of its people
    "Feyenoord", "Excelsior", "Sparta Rotterdam", "RET", "Action", "Kruidvat", "Zeeman",
    "Blokker", "Etos", "Primark", "McDonald's",
    # help organisations named with their region, shelters and probation (round 11b: a
    # redacted one costs the reader little; the help system itself stays, allowlist.py)
    "Fier", "Jeugdbescherming Rotterdam Rijnmond", "Jeugdbescherming Rotterdam",
    "Jeugdbescherming West", "Reclassering Nederland", "CJG Rijnmond", "GGD Rijnmond",
    "GGD Rotterdam-Rijnmond", "Blijf van m'n Lijf", "Blijf van mijn Lijf", "Blijf Groep",
    "Femmes for Freedom",
    # round 12: addiction care of the region and the national trafficking centre
    "Bouman GGZ", "CoMensha",
)  # fmt: skip
#: The list's names in lowercase.
KNOWN_ORGANISATION_NAMES: frozenset[str] = frozenset(o.lower() for o in KNOWN_ORGANISATIONS)


def is_listed_organisation(value: str) -> bool:
    """``value`` is one of the listed organisations, whatever its case and spacing."""
    return " ".join(value.lower().split()) in KNOWN_ORGANISATION_NAMES
