"""Demo courses for `seed_demo`: two complete courses in Dutch with questions and
branching cases. The facts follow docs in ../shared/DOMAIN.md and the public
sources named in the lesson texts; the accreditation numbers are fictitious
(DEMO-...) and must be replaced by the register's real numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from wagtail.models import Page

from courses.models import CourseAccreditation, CourseIndexPage, CoursePage, LessonPage, Register

from .models import HomePage

VEILIG_THUIS = (
    "Veilig Thuis Rotterdam-Rijnmond: <b>0800-2000</b>, gratis, dag en nacht, ook anoniem. "
    "Voor iedereen: slachtoffers, plegers, omstanders en professionals. "
    "Is er acuut gevaar? Bel <b>112</b>."
)
SOURCES_MELDCODE = (
    "<p>Bronnen om na te lezen: Rijksoverheid, <i>Toolkit meldcode</i> (rijksoverheid.nl); "
    "de Meldcode-app van het ministerie van VWS; Augeo, <i>Stappenplan meldcode</i> "
    "(augeo.nl); Veilig Thuis Rotterdam-Rijnmond (veiligthuisrr.nl).</p>"
)


def q(question: str, options: list[tuple[str, bool, str]], multiple: bool = False) -> tuple:
    return (
        "question",
        {
            "question": question,
            "multiple": multiple,
            "options": [
                {"text": text, "correct": correct, "feedback": feedback}
                for text, correct, feedback in options
            ],
        },
    )


def text(html: str) -> tuple:
    return ("text", html)


def callout(kind: str, title: str, html: str) -> tuple:
    return ("callout", {"kind": kind, "title": title, "text": html})


def step(number: int, html: str) -> tuple:
    return ("meldcode_step", {"step": str(number), "asks": html})


def reflection(prompt: str, guidance: str = "") -> tuple:
    return ("reflection", {"prompt": prompt, "guidance": guidance})


def scenario(title: str, introduction: str, steps: list[tuple[str, list[tuple]]]) -> tuple:
    return (
        "scenario",
        {
            "title": title,
            "introduction": introduction,
            "steps": [
                {
                    "text": situation,
                    "choices": [
                        {"label": label, "consequence": consequence, "next_step": following}
                        for label, consequence, following in choices
                    ],
                }
                for situation, choices in steps
            ],
        },
    )


@dataclass
class Lesson:
    title: str
    slug: str
    intro: str
    body: list[tuple]


@dataclass
class Course:
    title: str
    slug: str
    summary: str
    learning_goals: str
    target_professions: list[str]
    study_minutes: int
    accreditations: list[tuple[str, str]]  # (register, accreditation id)
    lessons: list[Lesson] = field(default_factory=list)


MELDCODE = Course(
    title="De Meldcode in vijf stappen",
    slug="meldcode-in-vijf-stappen",
    summary=(
        "Wat de Meldcode huiselijk geweld en kindermishandeling van je vraagt: de vijf "
        "stappen, het afwegingskader met zijn vijf vragen, wanneer je Veilig Thuis "
        "raadpleegt en wat het lokale team doet."
    ),
    learning_goals=(
        "<ul><li>Je kent de vijf stappen van de Meldcode en weet wat elke stap van je vraagt."
        "</li><li>Je kunt met het afwegingskader beslissen of melden noodzakelijk is en of hulp "
        "(ook) mogelijk is.</li><li>Je weet wanneer je Veilig Thuis om advies vraagt en wanneer "
        "je meldt.</li><li>Je kent de rol van het lokale team huiselijk geweld.</li></ul>"
    ),
    target_professions=[
        "jeugdconsulent",
        "wmo_consulent",
        "maatschappelijk_werker",
        "procesregisseur",
        "leerkracht",
        "huisarts",
        "wijkverpleegkundige",
    ],
    study_minutes=45,
    accreditations=[
        (Register.SKJ, "DEMO-SKJ-0001"),
        (Register.REGISTERPLEIN, "DEMO-RP-0001"),
        (Register.VVN, "DEMO-VVN-0001"),
    ],
    lessons=[
        Lesson(
            "Waarom een meldcode?",
            "waarom-een-meldcode",
            "De wet, voor wie hij geldt en wat hij wel en niet van je vraagt.",
            [
                text(
                    "<p>Sinds 1 juli 2013 geldt de <b>Wet verplichte meldcode huiselijk geweld en "
                    "kindermishandeling</b>. Organisaties in de gezondheidszorg, het onderwijs, "
                    "de kinderopvang, de maatschappelijke ondersteuning, de jeugdhulp en justitie "
                    "moeten een meldcode hebben en het gebruik ervan bevorderen. Sinds 1 januari "
                    "2019 hoort bij elke meldcode een <b>afwegingskader</b>: vijf vragen die je "
                    "helpen beslissen of je meldt bij Veilig Thuis en of je zelf hulp kunt bieden "
                    "of organiseren.</p>"
                    "<p>De meldcode is een <b>stappenplan</b>, geen meldplicht bij elk signaal. "
                    "Wel moet je de stappen doorlopen als je signalen ziet, en bij acute of "
                    "structurele onveiligheid altijd melden.</p>"
                ),
                callout("help", "Twijfel je? Vraag advies", f"<p>{VEILIG_THUIS}</p>"),
                q(
                    "Voor welke sectoren geldt de Wet verplichte meldcode?",
                    [
                        (
                            "Gezondheidszorg, onderwijs, kinderopvang, maatschappelijke "
                            "ondersteuning, jeugdhulp en justitie",
                            True,
                            "Juist: de wet noemt deze sectoren. Ook zelfstandige beroepskrachten "
                            "in die sectoren vallen eronder.",
                        ),
                        (
                            "Alleen de jeugdhulp en Veilig Thuis",
                            False,
                            "Te smal: de wet geldt voor zes sectoren, van huisarts tot leerkracht.",
                        ),
                        (
                            "Iedereen die werkt, ook buiten zorg en onderwijs",
                            False,
                            "Te breed: de wet geldt voor de genoemde sectoren. Iedereen mag wel "
                            "advies vragen of melden bij Veilig Thuis.",
                        ),
                    ],
                ),
                q(
                    "Wat klopt over het afwegingskader?",
                    [
                        (
                            "Het hoort sinds 2019 bij elke meldcode",
                            True,
                            "Juist: sinds 1 januari 2019 is het afwegingskader verplicht onderdeel "
                            "van de meldcode.",
                        ),
                        (
                            "Bij acute of structurele onveiligheid meld je altijd",
                            True,
                            "Juist: dat is de tweede vraag van het afwegingskader.",
                        ),
                        (
                            "Je moet elk signaal direct melden",
                            False,
                            "Nee: je doorloopt eerst de stappen. De meldcode is geen meldplicht "
                            "bij elk signaal.",
                        ),
                    ],
                    multiple=True,
                ),
                text(SOURCES_MELDCODE),
            ],
        ),
        Lesson(
            "Stap 1 en 2: signalen en overleg",
            "signalen-en-overleg",
            "Signalen in kaart brengen, de kindcheck, en overleg met een collega en Veilig Thuis.",
            [
                step(
                    1,
                    "<p>Breng de signalen in kaart en <b>leg ze feitelijk vast</b>: wat zag of "
                    "hoorde je, wanneer, en wie was erbij? Schrijf op wat een kind of ouder "
                    "letterlijk zei, en houd feiten en je eigen interpretatie uit elkaar. Doe "
                    "de <b>kindcheck</b>: heeft een volwassen cliënt kinderen, of zorgt hij of zij "
                    "voor kinderen, en zijn die veilig? Ook signalen die je bij een volwassene "
                    "ziet, kunnen over de veiligheid van kinderen gaan.</p>",
                ),
                step(
                    2,
                    "<p>Overleg met een deskundige collega, bijvoorbeeld de aandachtsfunctionaris "
                    "van je organisatie. Vraag zo nodig advies aan Veilig Thuis of een "
                    "deskundige op letselduiding (forensisch arts). Gaat het om "
                    "<b>eergerelateerd geweld, huwelijksdwang of vrouwelijke genitale "
                    "verminking</b>? Neem dan direct contact op met Veilig Thuis: daar is "
                    "specifieke deskundigheid nodig.</p>",
                ),
                q(
                    "Welke aantekening is feitelijk vastgelegd?",
                    [
                        (
                            "‘Op 3 maart zag ik drie blauwe plekken op de linkerbovenarm. Sam zei: "
                            "“papa was boos”.’",
                            True,
                            "Juist: datum, wat je zag en letterlijk wat het kind zei.",
                        ),
                        (
                            "‘Sam wordt thuis mishandeld door vader.’",
                            False,
                            "Dit is een conclusie, geen waarneming. Leg vast wat je zag en hoorde.",
                        ),
                        (
                            "‘Moeder maakt een onbetrouwbare indruk.’",
                            False,
                            "Dit is een oordeel. Beschrijf het gedrag dat je zag.",
                        ),
                    ],
                ),
                q(
                    "Je vermoedt huwelijksdwang bij een 17-jarige leerling. Wat doe je?",
                    [
                        (
                            "Direct contact opnemen met Veilig Thuis",
                            True,
                            "Juist: bij eergerelateerd geweld, huwelijksdwang en vrouwelijke "
                            "genitale verminking neem je direct contact op met Veilig Thuis.",
                        ),
                        (
                            "Eerst een gesprek met de ouders voeren",
                            False,
                            "Juist hier kan een gesprek met de familie de leerling in gevaar "
                            "brengen. Neem direct contact op met Veilig Thuis.",
                        ),
                        (
                            "Afwachten tot er meer signalen zijn",
                            False,
                            "Afwachten kan ernstige gevolgen hebben. Neem direct contact op met "
                            "Veilig Thuis.",
                        ),
                    ],
                ),
                text(SOURCES_MELDCODE),
            ],
        ),
        Lesson(
            "Stap 3: het gesprek met de cliënt",
            "gesprek-met-de-client",
            "Bespreek je zorgen met de cliënt; sla het gesprek alleen over als het de "
            "veiligheid in gevaar brengt.",
            [
                step(
                    3,
                    "<p>Bespreek de signalen met de cliënt: met de volwassene, of met het kind "
                    "en de ouders. Vertel wat je zag, vraag hoe de ander het ziet en leg vast wat "
                    "er gezegd wordt. Het gesprek hoort bij de zorgvuldigheid: de cliënt krijgt "
                    "de kans te reageren, en je hoort vaak iets dat de signalen verklaart of juist "
                    "versterkt.</p><p>Je slaat het gesprek <b>alleen</b> over als het de "
                    "veiligheid van de cliënt, van jezelf of van een ander in gevaar brengt, "
                    "of als je goede redenen hebt om aan te nemen dat de cliënt dan het contact "
                    "met je verbreekt.</p>",
                ),
                callout(
                    "warning",
                    "Niet alleen naar een zwaar gesprek",
                    "<p>Bereid een moeilijk gesprek voor met een collega. Ga bij zorgen over je "
                    "eigen veiligheid met z’n tweeën op huisbezoek.</p>",
                ),
                q(
                    "Wanneer sla je het gesprek met de cliënt over?",
                    [
                        (
                            "Als het gesprek de veiligheid van de cliënt, jezelf of een ander in "
                            "gevaar brengt",
                            True,
                            "Juist: veiligheid gaat voor.",
                        ),
                        (
                            "Als je het gesprek spannend vindt",
                            False,
                            "Begrijpelijk, maar geen reden. Bereid het voor met een collega.",
                        ),
                        (
                            "Als de cliënt het waarschijnlijk ontkent",
                            False,
                            "Ook een ontkenning is informatie; leg die vast. Het gesprek hoort "
                            "bij de stappen.",
                        ),
                    ],
                ),
                reflection(
                    "Denk aan een gesprek waarin je zorgen moest uitspreken. Wat hielp je, en "
                    "wat zou je een volgende keer anders doen?",
                    "Schrijf over jezelf en je aanpak, niet over herkenbare cliënten.",
                ),
                text(SOURCES_MELDCODE),
            ],
        ),
        Lesson(
            "Stap 4 en 5: het afwegingskader",
            "afwegingskader",
            "Vijf vragen die je helpen beslissen: melden, hulp bieden, of allebei.",
            [
                step(
                    4,
                    "<p>Weeg het geweld aan de hand van het <b>afwegingskader</b>. Twijfel je? "
                    "Vraag Veilig Thuis om advies.</p>",
                ),
                step(
                    5,
                    "<p>Neem twee besluiten: <b>is melden noodzakelijk?</b> En <b>is hulp "
                    "(ook) mogelijk?</b></p>",
                ),
                text(
                    "<h2>De vijf vragen van het afwegingskader</h2><ol>"
                    "<li>Is er een vermoeden van (dreiging van) huiselijk geweld of "
                    "kindermishandeling? Nee: sluit af en leg vast.</li>"
                    "<li>Is er sprake van acute en/of structurele onveiligheid? Ja: melden. De "
                    "vragen 3 tot en met 5 beantwoord je dan samen met Veilig Thuis.</li>"
                    "<li>Ben ik in staat effectieve hulp te bieden of te organiseren? Nee: "
                    "melden.</li>"
                    "<li>Aanvaarden de betrokkenen de hulp en zijn zij bereid zich in te zetten? "
                    "Nee: melden.</li>"
                    "<li>Leidt de hulp binnen de gewenste termijn tot duurzame veiligheid en "
                    "welzijn? Nee: (opnieuw) melden. Ja: sluit af met vervolgafspraken.</li></ol>"
                    "<p>Melden en hulp bieden gaan samen: ook na een melding kun je betrokken "
                    "blijven bij de hulp.</p>"
                    "<h2>Het lokale team</h2><p>In Lansingerland werkt een Lokaal Team Huiselijk "
                    "Geweld. Een procesregisseur weegt binnengekomen meldingen en zet ze uit bij "
                    "Kwadraad (maatschappelijk werk) en/of de jeugdconsulent. Politie, "
                    "Wmo-consulenten, Welzijn Lansingerland en Stichting MEE sluiten aan als dat "
                    "nodig is. De voortgang wordt elke maand gevolgd.</p>"
                ),
                scenario(
                    "Daan op de kinderopvang",
                    "<p>Je bent pedagogisch medewerker. Daan (4) heeft blauwe plekken op zijn "
                    "bovenarm en zegt: “papa kneep, hij was boos.” Je legde dit feitelijk vast "
                    "(stap 1) en overlegde met de aandachtsfunctionaris (stap 2). In een gesprek "
                    "(stap 3) vertelt moeder dat vader Daan bij een ruzie over geld hard heeft "
                    "vastgepakt. Het is voor het eerst, beide ouders schrokken ervan, en er zijn "
                    "geen eerdere signalen. Het gezin heeft sinds kort schulden. Loop het "
                    "afwegingskader door.</p>",
                    [
                        (
                            "<p><b>Vraag 1.</b> Is er een vermoeden van (dreiging van) huiselijk "
                            "geweld of kindermishandeling?</p>",
                            [
                                (
                                    "Ja: de signalen en wat Daan en moeder vertellen wijzen erop",
                                    "Juist. Leg je afweging vast en ga naar vraag 2.",
                                    2,
                                ),
                                (
                                    "Nee: kinderen van vier stoten zich vaak",
                                    "Plekken door vallen en stoten zitten meestal op knieën, "
                                    "scheenbenen en voorhoofd. Samen met wat Daan zei, is er wel een "
                                    "vermoeden. Zo sluit je ten onrechte af: begin opnieuw.",
                                    0,
                                ),
                                (
                                    "Ik twijfel en vraag Veilig Thuis om advies",
                                    "Goed: bij twijfel vraag je Veilig Thuis om advies "
                                    "(0800-2000). De adviseur helpt je de signalen wegen: er is een "
                                    "vermoeden. Je gaat verder met vraag 2.",
                                    2,
                                ),
                            ],
                        ),
                        (
                            "<p><b>Vraag 2.</b> Is er sprake van acute en/of structurele "
                            "onveiligheid?</p>",
                            [
                                (
                                    "Nee: één incident, geen eerdere signalen, de ouders erkennen "
                                    "het",
                                    "Dat is verdedigbaar; leg uit waarom je zo afweegt. Ga naar "
                                    "vraag 3.",
                                    3,
                                ),
                                (
                                    "Ja: ik meld bij Veilig Thuis",
                                    "Bij acute of structurele onveiligheid meld je altijd; de vragen "
                                    "3 tot en met 5 beantwoord je dan samen met Veilig Thuis. Hier "
                                    "wijzen de feiten niet op structurele onveiligheid, maar melden "
                                    "is nooit fout als jij die onveiligheid ziet. Einde van deze "
                                    "route.",
                                    0,
                                ),
                                (
                                    "Ik overleg met Veilig Thuis voor ik beslis",
                                    "Goed: Veilig Thuis denkt mee en ziet geen acute of structurele "
                                    "onveiligheid, wel een gezin dat hulp nodig heeft. Ga naar "
                                    "vraag 3.",
                                    3,
                                ),
                            ],
                        ),
                        (
                            "<p><b>Vraag 3.</b> Ben je in staat effectieve hulp te bieden of te "
                            "organiseren?</p>",
                            [
                                (
                                    "Ja: met instemming van de ouders schakel ik het lokale team in "
                                    "voor opvoedondersteuning en schuldhulp",
                                    "Juist: hulp organiseren hoeft niet alleen door jezelf te "
                                    "gebeuren. Ga naar vraag 4.",
                                    4,
                                ),
                                (
                                    "Nee, dat lukt mij niet",
                                    "Dan meld je bij Veilig Thuis. Maar kijk eerst wat het lokale "
                                    "team kan: organiseren telt ook. Einde van deze route.",
                                    0,
                                ),
                            ],
                        ),
                        (
                            "<p><b>Vraag 4.</b> Aanvaarden de ouders de hulp en zijn zij bereid "
                            "zich in te zetten?</p>",
                            [
                                (
                                    "Ja: ze maken afspraken met het lokale team en met jou",
                                    "Goed. Leg de afspraken vast en spreek af wanneer je evalueert. "
                                    "Ga naar vraag 5.",
                                    5,
                                ),
                                (
                                    "Nee: vader wil geen hulp",
                                    "Dan meld je bij Veilig Thuis. Einde van deze route.",
                                    0,
                                ),
                            ],
                        ),
                        (
                            "<p><b>Vraag 5.</b> Drie maanden later evalueer je. Leidt de hulp "
                            "binnen de gewenste termijn tot duurzame veiligheid en welzijn?</p>",
                            [
                                (
                                    "Ja: geen nieuwe signalen, Daan is ontspannen, de schuldhulp "
                                    "loopt",
                                    "Je sluit af met vervolgafspraken: wie let waarop en wanneer "
                                    "kijk je opnieuw? Einde van de casus.",
                                    0,
                                ),
                                (
                                    "Nee: er zijn nieuwe blauwe plekken",
                                    "Dan meld je (alsnog) bij Veilig Thuis. Einde van de casus.",
                                    0,
                                ),
                            ],
                        ),
                    ],
                ),
                q(
                    "Bij vraag 2 concludeer je dat er structurele onveiligheid is. Wat doe je?",
                    [
                        (
                            "Melden bij Veilig Thuis en de vragen 3 tot en met 5 samen met Veilig "
                            "Thuis beantwoorden",
                            True,
                            "Juist: bij acute of structurele onveiligheid meld je altijd.",
                        ),
                        (
                            "Eerst zelf hulp inzetten en over drie maanden evalueren",
                            False,
                            "Nee: bij structurele onveiligheid meld je. Hulp kan daarna, samen "
                            "met Veilig Thuis.",
                        ),
                    ],
                ),
                q(
                    "De hulp leidt niet tot duurzame veiligheid (vraag 5). Wat doe je?",
                    [
                        (
                            "(Opnieuw) melden bij Veilig Thuis",
                            True,
                            "Juist: vraag 5 ‘nee’ betekent (opnieuw) melden.",
                        ),
                        (
                            "Afsluiten: je hebt gedaan wat je kon",
                            False,
                            "Nee: afsluiten doe je alleen als de hulp tot duurzame veiligheid "
                            "leidt.",
                        ),
                    ],
                ),
                text(SOURCES_MELDCODE),
            ],
        ),
    ],
)

SIGNALEREN = Course(
    title="Signaleren van huiselijk geweld en kindermishandeling",
    slug="signaleren",
    summary=(
        "Herken de signalen: bij kinderen van elke leeftijd, bij partnergeweld, "
        "ouderenmishandeling, complexe scheidingen en stalking, en in gezinnen met schulden "
        "of verslaving."
    ),
    learning_goals=(
        "<ul><li>Je kent de vormen van huiselijk geweld en kindermishandeling.</li>"
        "<li>Je herkent signalen per leeftijd en bij volwassenen en ouderen.</li>"
        "<li>Je weet dat schulden, verslaving en een complexe scheiding risico’s vergroten.</li>"
        "<li>Je weet wat je met een niet-pluisgevoel doet.</li></ul>"
    ),
    target_professions=["jeugdconsulent", "wmo_consulent", "maatschappelijk_werker", "leerkracht"],
    study_minutes=35,
    accreditations=[(Register.REGISTERPLEIN, "DEMO-RP-0002")],
    lessons=[
        Lesson(
            "Wat is huiselijk geweld?",
            "wat-is-huiselijk-geweld",
            "Vormen, omvang en wat dit betekent voor je werk.",
            [
                text(
                    "<p><b>Huiselijk geweld</b> is geweld door iemand uit de huiselijke kring: "
                    "(ex-)partners, gezinsleden, familieleden en huisvrienden. Het kan lichamelijk, "
                    "psychisch of seksueel zijn, en ook verwaarlozing, financiële uitbuiting en "
                    "dwingende controle horen erbij. <b>Kindermishandeling</b> omvat ook "
                    "verwaarlozing en het getuige zijn van geweld tussen ouders.</p>"
                    "<p>Het komt veel voor: in 2022 werd ongeveer 9% van de mensen van 16 jaar en "
                    "ouder slachtoffer van huiselijk geweld, zo’n 1,3 miljoen mensen (CBS en "
                    "WODC, <i>Prevalentiemonitor huiselijk geweld en seksueel "
                    "grensoverschrijdend gedrag 2022</i>). Naar schatting 119.000 kinderen en "
                    "jongeren maken elk jaar kindermishandeling mee. In de regio "
                    "Rotterdam-Rijnmond ontving Veilig Thuis 14.322 meldingen in 2024.</p>"
                ),
                callout("help", "Veilig Thuis", f"<p>{VEILIG_THUIS}</p>"),
                q(
                    "Welke situaties vallen onder kindermishandeling?",
                    [
                        (
                            "Een kind is getuige van geweld tussen de ouders",
                            True,
                            "Juist: getuige zijn van partnergeweld is een vorm van "
                            "kindermishandeling.",
                        ),
                        (
                            "Een kind krijgt structureel niet de zorg die het nodig heeft",
                            True,
                            "Juist: verwaarlozing is ook kindermishandeling.",
                        ),
                        (
                            "Een ouder zegt een keer nee tegen snoep",
                            False,
                            "Nee: grenzen stellen is gewone opvoeding.",
                        ),
                    ],
                    multiple=True,
                ),
                q(
                    "Hoeveel mensen van 16 jaar en ouder werden in 2022 slachtoffer van huiselijk "
                    "geweld?",
                    [
                        ("Ongeveer 9%, zo’n 1,3 miljoen mensen", True, "Juist."),
                        (
                            "Minder dan 1%",
                            False,
                            "Veel meer: ongeveer 9% (CBS en WODC, 2022).",
                        ),
                    ],
                ),
            ],
        ),
        Lesson(
            "Signalen bij kinderen per leeftijd",
            "signalen-bij-kinderen",
            "Wat je kunt zien bij baby’s, schoolkinderen en jongeren, en de kindcheck.",
            [
                text(
                    "<p>Eén signaal bewijst niets; let op combinaties, op veranderingen en op "
                    "de uitleg die erbij gegeven wordt. Signalen zijn bijvoorbeeld:</p>"
                    "<h2>Baby’s en peuters</h2><ul><li>Blauwe plekken bij een baby die nog niet "
                    "kruipt of loopt: dat is altijd reden tot zorg.</li><li>Slecht groeien, "
                    "ontroostbaar huilen, angstig of juist opvallend stil en waakzaam.</li>"
                    "<li>Letsel dat niet past bij de uitleg of de leeftijd.</li></ul>"
                    "<h2>Schoolkinderen</h2><ul><li>Angst om naar huis te gaan, terugtrekken of "
                    "juist agressie.</li><li>Concentratieproblemen, vaak verzuim, er onverzorgd "
                    "uitzien, honger.</li></ul>"
                    "<h2>Jongeren</h2><ul><li>Weglopen, zelfbeschadiging, middelengebruik, "
                    "spijbelen.</li><li>Niet naar huis durven, of opvallend veel thuis moeten "
                    "zorgen.</li></ul>"
                    "<p>De <b>kindcheck</b>: zie je signalen bij een volwassene, vraag dan of er "
                    "kinderen zijn en of die veilig zijn. Bron: Rijksoverheid, <i>Toolkit "
                    "meldcode</i>; Augeo (augeo.nl).</p>"
                ),
                q(
                    "Een baby van vier maanden, die nog niet kruipt, heeft een blauwe plek op de "
                    "wang. Hoe weeg je dat?",
                    [
                        (
                            "Als reden tot zorg: bespreek het en volg de meldcode",
                            True,
                            "Juist: bij een baby die zich nog niet zelf verplaatst, is een blauwe "
                            "plek altijd reden tot zorg.",
                        ),
                        (
                            "Als normaal: baby’s stoten zich vaak",
                            False,
                            "Baby’s die nog niet kruipen, stoten zich zelden. Neem het serieus.",
                        ),
                    ],
                ),
                q(
                    "Wat is de kindcheck?",
                    [
                        (
                            "Bij signalen bij een volwassene nagaan of er kinderen zijn en of die "
                            "veilig zijn",
                            True,
                            "Juist.",
                        ),
                        (
                            "Een medisch onderzoek van het kind",
                            False,
                            "Nee: de kindcheck is een vraag die elke professional stelt, geen "
                            "onderzoek.",
                        ),
                    ],
                ),
            ],
        ),
        Lesson(
            "Partnergeweld, ouderenmishandeling en stalking",
            "partnergeweld-ouderen-stalking",
            "Signalen bij volwassenen en ouderen.",
            [
                text(
                    "<h2>Partnergeweld</h2><p>Letsel met een vage of wisselende uitleg, angst "
                    "voor de partner, een partner die alle gesprekken bijwoont, controle over "
                    "geld, telefoon en contacten, en isolatie van familie en vrienden. Dwingende "
                    "controle kan zonder lichamelijk geweld net zo schadelijk zijn.</p>"
                    "<h2>Ouderenmishandeling</h2><p>Financiële uitbuiting (geld dat verdwijnt, "
                    "rekeningen die niet betaald worden), verwaarlozing, onverklaarbaar letsel, "
                    "angst voor een naaste. Soms gaat overbelaste mantelzorg over in geweld "
                    "(ontspoorde zorg).</p>"
                    "<h2>Stalking</h2><p>Stelselmatig lastigvallen, volgen, berichten sturen, "
                    "vaak door een ex-partner. Belaging is strafbaar (artikel 285b Wetboek van "
                    "Strafrecht). Neem angst serieus: stalking door een ex-partner kan een "
                    "voorbode zijn van ernstig geweld.</p>"
                ),
                q(
                    "Welke signalen passen bij partnergeweld?",
                    [
                        (
                            "De partner beheert al het geld en de telefoon van de cliënt",
                            True,
                            "Juist: controle over geld en contacten is een signaal van dwingende "
                            "controle.",
                        ),
                        (
                            "Letsel met een uitleg die steeds anders is",
                            True,
                            "Juist: een wisselende uitleg is een signaal.",
                        ),
                        (
                            "Het stel heeft wel eens een meningsverschil",
                            False,
                            "Meningsverschillen horen bij relaties. Het gaat om angst, controle "
                            "en geweld.",
                        ),
                    ],
                    multiple=True,
                ),
                q(
                    "Wat is financiële uitbuiting van een oudere?",
                    [
                        (
                            "Een vorm van ouderenmishandeling",
                            True,
                            "Juist: ook dan volg je de meldcode.",
                        ),
                        (
                            "Een privézaak van de familie",
                            False,
                            "Nee: het is een vorm van ouderenmishandeling.",
                        ),
                    ],
                ),
            ],
        ),
        Lesson(
            "Scheiding, schulden en verslaving",
            "scheiding-schulden-verslaving",
            "Omstandigheden die de kans op geweld vergroten, en wat je dan doet.",
            [
                text(
                    "<p>Een <b>complexe scheiding</b>, waarin ouders langdurig strijden, kan "
                    "kinderen ernstig schaden: zij raken klem tussen de ouders. Dat kan "
                    "kindermishandeling zijn. <b>Schulden</b> en <b>verslaving</b> veroorzaken "
                    "niet vanzelf geweld, maar vergroten stress en risico. De adviesraad sociaal "
                    "domein van Lansingerland vroeg om juist op die combinatie te letten. Zie je "
                    "schulden of verslaving, doe dan de kindcheck en vraag naar veiligheid thuis; "
                    "zie je geweld, kijk dan ook naar schulden en verslaving, zodat de hulp de "
                    "oorzaken aanpakt.</p><p>Heb je een <b>niet-pluisgevoel</b>? Neem het "
                    "serieus: leg vast wat je zag en overleg (stap 1 en 2 van de meldcode).</p>"
                ),
                scenario(
                    "Huisbezoek bij mevrouw De Boer",
                    "<p>Je bent Wmo-consulent en komt bij mevrouw De Boer (78) voor een "
                    "aanvraag huishoudelijke hulp. Haar zoon (45) woont sinds kort bij haar in "
                    "en beheert haar bankzaken. Er is weinig eten in huis. Als haar zoon "
                    "binnenkomt, wordt mevrouw stil. Hij ruikt naar alcohol.</p>",
                    [
                        (
                            "<p>Wat doe je?</p>",
                            [
                                (
                                    "Ik leg vast wat ik zag en plan een gesprek met mevrouw alleen",
                                    "Goed: feitelijk vastleggen (stap 1) en een veilig moment "
                                    "zoeken om mevrouw te spreken.",
                                    2,
                                ),
                                (
                                    "Ik spreek de zoon meteen aan op het geld",
                                    "Dat kan de situatie voor mevrouw onveiliger maken: de zoon "
                                    "wordt boos. Zoek eerst een veilig moment met mevrouw alleen.",
                                    3,
                                ),
                                (
                                    "Niets: dit is een familiezaak",
                                    "Financiële uitbuiting en verwaarlozing zijn vormen van "
                                    "ouderenmishandeling; de meldcode geldt ook in de Wmo. Begin "
                                    "opnieuw.",
                                    0,
                                ),
                            ],
                        ),
                        (
                            "<p>In het gesprek vertelt mevrouw dat haar zoon schulden heeft en "
                            "haar pensioen gebruikt. Hij schreeuwt als ze ernaar vraagt. Ze wil "
                            "niet dat hij ‘in de problemen komt’.</p>",
                            [
                                (
                                    "Ik overleg met de aandachtsfunctionaris en vraag Veilig Thuis "
                                    "om advies, en bespreek met mevrouw wat ik ga doen",
                                    "Goed: stap 2 van de meldcode. Denk ook aan hulp voor de zoon "
                                    "(schuldhulp, verslavingszorg): dat kan de situatie duurzaam "
                                    "veiliger maken. Einde van de casus.",
                                    0,
                                ),
                                (
                                    "Ik beloof mevrouw dat ik het aan niemand vertel",
                                    "Die belofte kun je niet waarmaken. Leg uit wat je met haar "
                                    "verhaal doet en met wie je overlegt. Begin opnieuw.",
                                    0,
                                ),
                            ],
                        ),
                        (
                            "<p>De zoon wordt boos en zegt dat je je er niet mee moet bemoeien. "
                            "Mevrouw kijkt angstig.</p>",
                            [
                                (
                                    "Ik rond het bezoek rustig af en plan een nieuw gesprek met "
                                    "mevrouw alleen",
                                    "Goed: de-escaleren en een veilig moment zoeken.",
                                    2,
                                ),
                            ],
                        ),
                    ],
                ),
                q(
                    "Wat klopt over schulden, verslaving en geweld?",
                    [
                        (
                            "Ze vergroten het risico; doe bij schulden of verslaving de kindcheck",
                            True,
                            "Juist: het zijn risicofactoren, geen bewijs.",
                        ),
                        (
                            "Schulden veroorzaken altijd geweld",
                            False,
                            "Nee: ze vergroten stress en risico, maar veroorzaken niet vanzelf "
                            "geweld.",
                        ),
                    ],
                ),
                reflection(
                    "Wanneer had jij een niet-pluisgevoel in je werk? Wat deed je ermee?",
                    "Noem geen namen of herkenbare details van cliënten.",
                ),
            ],
        ),
    ],
)

DEMO_COURSES = (MELDCODE, SIGNALEREN)


COURSE_INDEX_INTRO = (
    "E-learning over de Meldcode en over signaleren, met toets, certificaat en "
    "accreditatiepunten voor SKJ, Registerplein en het V&VN Kwaliteitsregister."
)


@transaction.atomic
def ensure_course_index(home: HomePage) -> CourseIndexPage:
    """setup_site made the index (sections.py); the demo gives it its text."""
    index = CourseIndexPage.objects.first()
    if index is None:
        index = CourseIndexPage(
            title="Cursussen", slug="cursussen", intro=COURSE_INDEX_INTRO, show_in_menus=True
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    elif not index.intro:
        index.intro = COURSE_INDEX_INTRO
        index.save_revision().publish()
    # Coordinators edit it through their rights on the whole site (editors.py).
    return index


@transaction.atomic
def ensure_course(index: Page, course: Course, today: date | None = None) -> CoursePage:
    existing = CoursePage.objects.filter(slug=course.slug).first()
    if existing is not None:
        return existing
    today = today or date.today()  # noqa: DTZ011 (demo data: the calendar date is enough)
    page = CoursePage(
        title=course.title,
        slug=course.slug,
        summary=course.summary,
        learning_goals=course.learning_goals,
        target_professions=course.target_professions,
        study_minutes=course.study_minutes,
        pass_mark=70,
        validity_months=24,
    )
    for register, accreditation_id in course.accreditations:
        page.accreditations.add(
            CourseAccreditation(
                register=register,
                accreditation_id=accreditation_id,
                valid_from=today.replace(month=1, day=1),
                valid_until=today.replace(year=today.year + 1, month=12, day=31),
            )
        )
    page.live = False
    index.add_child(instance=page)
    for lesson in course.lessons:
        lesson_page = LessonPage(
            title=lesson.title, slug=lesson.slug, intro=lesson.intro, body=lesson.body
        )
        page.add_child(instance=lesson_page)
        lesson_page.save_revision().publish()
    page.save_revision().publish()
    return page


def ensure_demo_courses(home: HomePage) -> list[CoursePage]:
    index = ensure_course_index(home)
    return [ensure_course(index, course) for course in DEMO_COURSES]
