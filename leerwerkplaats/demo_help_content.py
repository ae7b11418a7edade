"""The help guide's demo content: plain Dutch (B1), facts from docs and DOMAIN.md.

Written for a reader who may be frightened or in a hurry: short sentences, one
thing per paragraph, the way in first. Check the facts with Veilig Thuis
Rotterdam-Rijnmond before publishing (the page shows its check date)."""

from __future__ import annotations

from typing import Any

VEILIG_THUIS = "Veilig Thuis Rotterdam-Rijnmond"
VEILIG_THUIS_SITE = "https://veiligthuis.nl/"
PHONE = "0800-2000"
AROUND_THE_CLOCK = "24 uur per dag, 7 dagen per week"


def text(html: str) -> dict[str, Any]:
    return {"type": "text", "value": html}


def question(q: str, answer_html: str) -> dict[str, Any]:
    return {"type": "question", "value": {"question": q, "answer": answer_html}}


def contact(name: str, description: str, **extra: Any) -> dict[str, Any]:
    value = {
        "name": name,
        "description": description,
        "phone": "",
        "hours": "",
        "free": False,
        "anonymous": False,
        "link_url": "",
        "link_text": "",
    }
    value.update(extra)
    return {"type": "contact", "value": value}


def veilig_thuis(description: str, *, anonymous: bool = True) -> dict[str, Any]:
    return contact(
        VEILIG_THUIS,
        description,
        phone=PHONE,
        hours=AROUND_THE_CLOCK,
        free=True,
        anonymous=anonymous,
        link_url=VEILIG_THUIS_SITE,
        link_text="Chatten kan ook: kijk op veiligthuis.nl wanneer de chat open is",
    )


EMERGENCY = contact(
    "Bij acuut gevaar: 112",
    "Bel 112 als iemand nu in gevaar is, gewond is of bedreigd wordt.",
    phone="112",
    hours="altijd",
    free=True,
)

LOCAL_TEAM = contact(
    "Het lokale team in je gemeente",
    "Elke gemeente in de regio heeft een wijkteam, sociaal team of lokaal team. Zij helpen "
    "dichtbij huis, ook als er zorgen zijn over geld, werk of verslaving.",
    link_url="/hulp/lokale-teams/",
    link_text="Zoek het team van jouw gemeente",
)

KINDERTELEFOON = contact(
    "De Kindertelefoon: 0800-0432",
    "Ben je een kind of jongere? Bel of chat met de Kindertelefoon. Je kunt over alles "
    "praten, ook over wat er thuis gebeurt. Je hoeft je naam niet te zeggen.",
    phone="0800-0432",
    hours="elke dag; de tijden staan op kindertelefoon.nl",
    free=True,
    anonymous=True,
    link_url="https://www.kindertelefoon.nl/",
    link_text="Chatten met de Kindertelefoon",
)

# The municipalities Veilig Thuis Rotterdam-Rijnmond works for, each with the
# way to its local team: the municipality's own number (14 + area code) and site.
# NOT VERIFIED: this list (which municipalities, the team names, numbers and sites)
# was written from memory, not checked against Veilig Thuis or the municipalities.
# Check every row before going live, then fill in the page's "laatst gecontroleerd"
# in the admin. Until then the page says it has not been checked (last_checked=None)
# and the coordinators' reminder lists it (docs/deployment.md, "Before going live").
MUNICIPALITIES: list[tuple[str, str, str, str]] = [
    ("Albrandswaard", "14 010", "https://www.albrandswaard.nl/", "het sociaal team"),
    ("Barendrecht", "14 0180", "https://www.barendrecht.nl/", "het sociaal team"),
    ("Capelle aan den IJssel", "14 010", "https://www.capelleaandenijssel.nl/", "het wijkteam"),
    ("Goeree-Overflakkee", "14 0187", "https://www.goeree-overflakkee.nl/", "het sociaal team"),
    ("Hoeksche Waard", "14 0186", "https://www.hoekschewaard.nl/", "het sociaal team"),
    (
        "Krimpen aan den IJssel",
        "14 0180",
        "https://www.krimpenaandenijssel.nl/",
        "het sociaal team",
    ),
    (
        "Lansingerland",
        "14 010",
        "https://www.lansingerland.nl/",
        "het Lokaal Team Huiselijk Geweld (een procesregisseur zet hulp in, bijvoorbeeld via "
        "Kwadraad of de jeugdconsulent)",
    ),
    ("Maassluis", "14 010", "https://www.maassluis.nl/", "het wijkteam"),
    ("Nissewaard", "14 0181", "https://www.nissewaard.nl/", "het sociaal wijkteam"),
    ("Ridderkerk", "14 0180", "https://www.ridderkerk.nl/", "het sociaal team"),
    ("Rotterdam", "14 010", "https://www.rotterdam.nl/", "het wijkteam in je wijk"),
    ("Schiedam", "14 010", "https://www.schiedam.nl/", "het wijkteam"),
    ("Vlaardingen", "14 010", "https://www.vlaardingen.nl/", "het wijkteam"),
    ("Voorne aan Zee", "14 0181", "https://www.voorneaanzee.nl/", "het sociaal team"),
]


def municipality(name: str, phone: str, site: str, team: str) -> dict[str, Any]:
    return contact(
        name,
        f"Bel de gemeente en vraag naar {team}. Zeg dat het over geweld thuis gaat; "
        "dan krijg je sneller de juiste persoon.",
        phone=phone,
        hours="op werkdagen",
        link_url=site,
        link_text=f"Website van de gemeente {name}",
    )


GP = contact(
    "Je huisarts",
    "Je kunt met je huisarts praten over wat er thuis gebeurt. De huisarts luistert, "
    "zwijgt tegen anderen en kan je naar de juiste hulp sturen.",
)

INDEX = {
    "title": "Hulp en advies",
    "slug": "hulp",
    "intro": (
        "Maak je geweld mee, gebruik je zelf geweld, of maak je je zorgen om iemand? "
        "Hier lees je waar je terecht kunt. Je hoeft het niet alleen op te lossen."
    ),
}

HELP_PAGES: list[dict[str, Any]] = [
    {
        "title": "Ik maak geweld mee",
        "slug": "ik-maak-geweld-mee",
        "intro": (
            "Word je thuis geslagen, bedreigd, uitgescholden of gecontroleerd? Of word je als "
            "kind niet goed verzorgd? Het is niet jouw schuld. Er is hulp, ook als je niet "
            "weet wat je wilt."
        ),
        "body": [
            text("<h2>Waar kun je terecht?</h2>"),
            veilig_thuis(
                "Voor advies en hulp bij huiselijk geweld en kindermishandeling. Voor "
                "iedereen, ook voor kinderen en jongeren."
            ),
            EMERGENCY,
            KINDERTELEFOON,
            LOCAL_TEAM,
            GP,
            question(
                "Wat gebeurt er als je Veilig Thuis belt?",
                "<p>Je praat met een medewerker die veel weet over geweld thuis. Je vertelt "
                "wat er gebeurt. Je hoeft niet alles in één keer te vertellen.</p>"
                "<p>Samen kijk je wat je nodig hebt. Je kunt alleen advies vragen. Je kunt ook "
                "een melding doen. Dan kijkt Veilig Thuis hoe veilig het thuis is. Daarna "
                "zorgen zij dat er hulp komt, vaak samen met het lokale team in je "
                "gemeente.</p>"
                "<p>Is iemand in gevaar, zoals een kind? Dan moet Veilig Thuis in actie "
                "komen, ook als je dat spannend vindt.</p>",
            ),
            question(
                "Kun je anoniem blijven?",
                "<p>Ja. Als je advies vraagt, hoef je je naam niet te zeggen.</p>"
                "<p>Wil je hulp voor jezelf of je kinderen? Dan is je naam wel nodig, zodat "
                "hulpverleners je kunnen bereiken. Vertel het als je bang bent dat iemand "
                "erachter komt dat je belde. Dan houden zij daar rekening mee.</p>",
            ),
            text(
                "<h2>Praat erover</h2>"
                "<p>Praat met iemand die je vertrouwt: een vriend, een familielid, je "
                "huisarts of een leraar. Je hoeft het niet alleen te dragen.</p>"
            ),
        ],
    },
    {
        "title": "Ik gebruik zelf geweld",
        "slug": "ik-gebruik-geweld",
        "intro": (
            "Sla, duw of bedreig je iemand in je gezin? Of word je zo boos dat anderen bang "
            "voor je zijn? Je kunt leren om daarmee te stoppen. Er is hulp voor jou."
        ),
        "body": [
            text(
                "<h2>Stoppen kan</h2>"
                "<p>Veel mensen die thuis geweld gebruiken, willen eigenlijk stoppen. Vaak "
                "spelen stress, schulden, drank of drugs mee. Goede hulp kijkt naar al die "
                "dingen samen.</p>"
                "<p>Hoe eerder je hulp vraagt, hoe beter. Voor jou, en voor de mensen om je "
                "heen.</p>"
                "<h2>Waar kun je terecht?</h2>"
            ),
            veilig_thuis(
                "Ook voor mensen die zelf geweld gebruiken. Je krijgt advies over hoe je kunt "
                "stoppen en waar je hulp krijgt."
            ),
            EMERGENCY,
            LOCAL_TEAM,
            contact(
                "Je huisarts",
                "Je huisarts kan met je praten over je boosheid of stress en je doorsturen "
                "naar hulp, zoals gesprekken of een training.",
            ),
            question(
                "Wat gebeurt er als je Veilig Thuis belt?",
                "<p>Je praat met een medewerker. Die oordeelt niet over jou, maar denkt met je "
                "mee. Je vertelt wat er gebeurt. De medewerker vertelt welke hulp er is, "
                "bijvoorbeeld gesprekken of een training om met boosheid om te gaan.</p>"
                "<p>Zijn kinderen of anderen in gevaar? Dan moet Veilig Thuis in actie "
                "komen.</p>",
            ),
            question(
                "Kun je anoniem blijven?",
                "<p>Ja. Als je advies vraagt, hoef je je naam niet te zeggen.</p>"
                "<p>Wil je hulp krijgen? Dan is je naam wel nodig, zodat hulpverleners je "
                "kunnen bereiken.</p>",
            ),
            text(
                "<h2>Voel je dat het nu misgaat?</h2>"
                "<p>Loop weg en ga naar een rustige plek tot je gekalmeerd bent. Is iemand "
                "in gevaar? Bel 112.</p>"
            ),
        ],
    },
    {
        "title": "Ik heb een niet-pluis gevoel",
        "slug": "niet-pluis-gevoel",
        "intro": (
            "Hoor je vaak geschreeuw bij de buren? Zie je blauwe plekken bij een familielid of "
            "een kind? Of gedraagt een collega zich ineens anders? Je hoeft het niet zeker te "
            "weten om advies te vragen."
        ),
        "body": [
            text(
                "<h2>Wat kun je doen?</h2>"
                "<ul>"
                "<li>Schrijf op wat je ziet en hoort, met de datum erbij. Schrijf alleen "
                "feiten op.</li>"
                "<li>Praat met de persoon als dat veilig kan. Vraag hoe het gaat en luister. "
                "Oordeel niet.</li>"
                "<li>Ga niet zelf in gesprek met degene die het geweld gebruikt. Dat kan het "
                "gevaarlijker maken.</li>"
                "<li>Vraag advies aan Veilig Thuis. Ook als je twijfelt.</li>"
                "</ul>"
                "<h2>Waar kun je terecht?</h2>"
            ),
            veilig_thuis(
                "Voor buren, familie, vrienden en collega's die zich zorgen maken. Je kunt "
                "advies vragen of een melding doen."
            ),
            contact(
                "Bij acuut gevaar: 112",
                "Hoor of zie je nu geweld? Bel 112.",
                phone="112",
                hours="altijd",
                free=True,
            ),
            question(
                "Wat gebeurt er als je Veilig Thuis belt?",
                "<p>Je vertelt wat je hebt gezien of gehoord. De medewerker denkt met je mee: "
                "wat kun jij doen, en is een melding nodig? Je kunt eerst alleen advies "
                "vragen.</p>"
                "<p>Doe je een melding? Dan kijkt Veilig Thuis hoe veilig het gezin is en "
                "zorgt het voor hulp. Je hoort niet alles wat er daarna gebeurt. Ook het "
                "gezin heeft recht op privacy.</p>",
            ),
            question(
                "Kun je anoniem blijven?",
                "<p>Ja. Je kunt advies vragen zonder je naam te zeggen.</p>"
                "<p>Doe je een melding? Dan vraagt Veilig Thuis meestal wel wie je bent, zodat "
                "ze je later nog iets kunnen vragen. Wil je niet dat het gezin weet dat jij "
                "belde? Zeg dat. Veilig Thuis vertelt het gezin dan niet wie er belde.</p>"
                "<p>Ben je bang dat ze het toch kunnen raden, bijvoorbeeld in een kleine "
                "straat? Vertel dat ook. Dan denken ze met je mee.</p>",
            ),
        ],
    },
    {
        "title": "Ik ben professional: de Meldcode",
        "slug": "professionals",
        "intro": (
            "Werk je in de zorg, het onderwijs, de kinderopvang, de jeugdhulp, de "
            "maatschappelijke ondersteuning of justitie? Dan werk je met de Meldcode huiselijk "
            "geweld en kindermishandeling. Hier lees je de stappen en wanneer je Veilig Thuis "
            "raadpleegt."
        ),
        "body": [
            text(
                "<h2>De vijf stappen van de Meldcode</h2>"
                "<ol>"
                "<li>Breng de signalen in kaart. Doe ook de kindcheck. Schrijf feitelijk op "
                "wat je ziet en hoort.</li>"
                "<li>Overleg met een deskundige collega. Raadpleeg zo nodig Veilig Thuis of een "
                "forensisch arts. Gaat het om eergerelateerd geweld, huwelijksdwang of "
                "meisjesbesnijdenis? Neem dan direct contact op met Veilig Thuis.</li>"
                "<li>Praat met de cliënt (ouders en/of kind). Sla dit gesprek alleen over als "
                "het de veiligheid in gevaar brengt.</li>"
                "<li>Weeg het geweld met het afwegingskader. Twijfel je? Vraag het Veilig "
                "Thuis.</li>"
                "<li>Beslis: is een melding nodig? En is hulp (ook) mogelijk?</li>"
                "</ol>"
                "<h2>Het afwegingskader: vijf vragen</h2>"
                "<ol>"
                "<li>Is er een vermoeden van (dreiging van) huiselijk geweld of "
                "kindermishandeling? Nee: sluit af en leg vast.</li>"
                "<li>Is er acute en/of structurele onveiligheid? Ja: meld. Vraag 3 tot en met 5 "
                "beantwoord je dan samen met Veilig Thuis.</li>"
                "<li>Kan ik passende hulp bieden of organiseren? Nee: meld.</li>"
                "<li>Accepteren de betrokkenen de hulp en werken ze mee? Nee: meld.</li>"
                "<li>Leidt de hulp binnen de afgesproken tijd tot blijvende veiligheid en "
                "welzijn? Nee: meld (opnieuw). Ja: sluit af met vervolgafspraken.</li>"
                "</ol>"
                "<h2>Veilig Thuis raadplegen</h2>"
            ),
            veilig_thuis(
                "Raadplegen kan altijd, ook als je twijfelt. Je bespreekt de signalen en krijgt "
                "advies over de volgende stap. Raadplegen is nog geen melding.",
                anonymous=False,
            ),
            contact(
                "Het lokale team van de gemeente",
                "Na een melding zet Veilig Thuis vaak hulp in met het lokale team: het "
                "wijkteam of sociaal team van de gemeente van de cliënt. In Lansingerland is "
                "dat het Lokaal Team Huiselijk Geweld: een procesregisseur beoordeelt "
                "meldingen en zet hulp in, bijvoorbeeld via Kwadraad (maatschappelijk werk) of "
                "de jeugdconsulent.",
                link_url="/hulp/lokale-teams/",
                link_text="De lokale teams van alle gemeenten in de regio",
            ),
            text(
                "<h2>Leer de Meldcode</h2>"
                "<p>Oefen de vijf stappen en het afwegingskader met casussen in de cursus <a "
                'href="/cursussen/meldcode-in-vijf-stappen/">De Meldcode in vijf stappen</a>. '
                "Je krijgt er accreditatiepunten voor.</p>"
            ),
            question(
                "Wat gebeurt er als je Veilig Thuis raadpleegt of meldt?",
                "<p>Bij een adviesvraag denkt een medewerker met je mee over de signalen en de "
                "volgende stap. De naam van de cliënt hoef je dan niet te noemen.</p>"
                "<p>Doe je een melding? Dan beoordeelt Veilig Thuis hoe veilig het is en wat er "
                "nodig is: zelf verder onderzoeken, of hulp regelen met het lokale team. "
                "Bespreek de melding vooraf met de cliënt (stap 3), behalve als dat de "
                "veiligheid in gevaar brengt.</p>",
            ),
            question(
                "Kun je anoniem melden?",
                "<p>Nee. Als professional meld je met je eigen naam. Zo kan Veilig Thuis "
                "contact met je opnemen en samen met jou verder. Een adviesvraag kan wel "
                "zonder de naam van de cliënt.</p>",
            ),
        ],
    },
]

LOCAL_TEAMS_PAGE: dict[str, Any] = {
    "title": "Lokale teams in de regio",
    "slug": "lokale-teams",
    # Honest: never checked against the sources (see MUNICIPALITIES above).
    "last_checked": None,
    "intro": (
        "Veilig Thuis Rotterdam-Rijnmond werkt voor veertien gemeenten. In elke gemeente is "
        "een wijkteam, sociaal team of lokaal team dat dichtbij huis helpt. Zoek hieronder je "
        "gemeente."
    ),
    "body": [
        text(
            "<p>Weet je niet bij wie je moet zijn? Bel Veilig Thuis: 0800-2000. Zij weten welk "
            "team er in jouw gemeente is en helpen je verder.</p>"
            "<h2>Gemeenten van A tot Z</h2>"
        ),
        *(municipality(*row) for row in MUNICIPALITIES),
    ],
}

HELP_PAGES.append(LOCAL_TEAMS_PAGE)

PRIVACY_STATEMENT = {
    "title": "Privacyverklaring",
    "slug": "privacy",
    "intro": (
        "Op deze site lees je over geweld in gezinnen. Daarom houden we zo min mogelijk "
        "bij over wie je bent en wat je leest."
    ),
    "body": (
        "<h2>Geen cookies als je niet bent ingelogd</h2>"
        "<p>Lees je de site zonder in te loggen? Dan plaatsen we geen cookies. We volgen je "
        "niet, we houden geen bezoekersstatistieken bij en er staat niets van andere bedrijven "
        "op de site: geen advertenties, geen filmpjes van buiten en geen knoppen van sociale "
        "media. Lettertypes en scripts komen van deze site zelf.</p>"
        "<h2>Als je bent ingelogd</h2>"
        "<p>Log je in? Dan gebruiken we twee cookies, allebei alleen voor deze site:</p>"
        "<ul>"
        "<li><b>sessionid</b>: onthoudt dat je bent ingelogd. Verdwijnt als je uitlogt, en "
        "uiterlijk na 12 uur.</li>"
        "<li><b>csrftoken</b>: beschermt formulieren tegen misbruik door andere sites. Dit "
        "cookie krijg je ook als je het formulier om in te loggen of je aan te melden "
        "opent.</li>"
        "</ul>"
        "<p>Daar is geen toestemming voor nodig: zonder deze cookies kun je niet inloggen.</p>"
        "<h2>Zoeken</h2>"
        "<p>We bewaren niet waarop je zoekt.</p>"
        "<h2>Gegevens van leden</h2>"
        "<p>Heb je een account? Dan bewaren we je e-mailadres, je naam en wat je op de "
        "Leerwerkplaats doet, zoals je voortgang in cursussen. Casussen die professionals "
        "delen, worden eerst ontdaan van namen en andere herkenbare gegevens. Alleen die "
        "geanonimiseerde tekst bewaren we.</p>"
        "<h2>Technische gegevens</h2>"
        "<p>De server van deze site kan technische gegevens vastleggen, zoals je IP-adres, om "
        "storingen en misbruik op te sporen. We gebruiken die niet om bij te houden wie welke "
        "pagina leest.</p>"
        "<h2>Je rechten</h2>"
        "<p>Je mag je gegevens inzien, laten verbeteren en laten verwijderen. Dat zijn je "
        "rechten onder de AVG. Neem daarvoor contact op met de coördinator van de "
        "Leerwerkplaats.</p>"
    ),
}
