"""Demo cases for `seed_demo`: written for the demo, fictional, already anonymised.

Two published (one featured) with their discussion in the forum, one waiting in the moderator's
queue, one with changes asked. Idempotent: a case with the same title is left alone."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .methods import Method
from .models import Case, Status, join_choices
from .services import open_discussion

DEMO_AUTHOR = "professional@demo.hg-leerwerkplaats.nl"
DEMO_SECOND_AUTHOR = "ervaring@demo.hg-leerwerkplaats.nl"
DEMO_MODERATOR = "moderator@demo.hg-leerwerkplaats.nl"

DEMO_CASES: tuple[dict[str, Any], ...] = (
    {
        "title": "Een stille leerling na de zomervakantie",
        "author": DEMO_AUTHOR,
        "status": Status.PUBLISHED,
        "featured": True,
        "days_ago": 40,
        "method": Method.KORTHAGEN,
        "setting": "onderwijs",
        "age_bands": ["4-11"],
        "violence_forms": ["getuige", "psychisch"],
        "meldcode_step": 3,
        "peer_request": "reflectie",
        "parts": {
            "handelen": (
                "Een leerling uit groep 6 was na de zomervakantie opvallend stil. Ze schrok van "
                "harde geluiden en wilde na school niet naar huis. In een rustig moment vroeg ik "
                "hoe het thuis ging. Ze vertelde dat papa en mama \u2018heel hard ruzie\u2019 "
                "maakten en dat ze dan met haar broertje op de kamer bleef."
            ),
            "terugblik": (
                "Ik wilde haar veiligheid geven, maar ik merkte dat ik zelf schrok. Ik dacht: "
                "als ik nu te veel vraag, klapt ze dicht. Ik voelde me onzeker over wat ik wel "
                "en niet mocht beloven."
            ),
            "bewustwording": (
                "Ik had bijna beloofd dat ik het \u2018aan niemand zou vertellen\u2019. Dat kon "
                "ik niet waarmaken: de Meldcode vraagt dat ik signalen vastleg en overleg."
            ),
            "alternatieven": (
                "Volgende keer zeg ik eerlijk dat ik met een collega ga overleggen om haar te "
                "helpen. Ik heb met de aandachtsfunctionaris gesproken en daarna met de ouders."
            ),
            "vraag": (
                "Hoe vertellen jullie een kind dat je iets niet geheim kunt houden, zonder dat "
                "het vertrouwen weg is?"
            ),
        },
    },
    {
        "title": "Schulden, controle en een gesprek bij de schuldhulp",
        "author": DEMO_SECOND_AUTHOR,
        "status": Status.PUBLISHED,
        "featured": False,
        "days_ago": 12,
        "method": Method.MOREEL_BERAAD,
        "setting": "sociaal_domein",
        "age_bands": ["27-64"],
        "violence_forms": ["financieel", "dwingende_controle"],
        "meldcode_step": 4,
        "peer_request": "meldcode",
        "parts": {
            "casus": (
                "Bij een intake voor schuldhulp kwam een vrouw samen met haar partner. Hij nam "
                "het woord, beheerde alle rekeningen en zij had geen eigen bankpas. Toen hij "
                "even weg was, zei ze zacht: \u2018Ik mag niets zelf kopen.\u2019"
            ),
            "dilemma": (
                "Bespreek ik dit in het volgende gesprek met haar alleen, met het risico dat "
                "hij het merkt en het thuis erger wordt? Of wacht ik, met het risico dat de "
                "controle doorgaat en de schulden verder oplopen?"
            ),
            "waarden": (
                "De vrouw: veiligheid en eigen regie. De partner: controle houden, zegt hij "
                "voor het gezin. Ik: het vertrouwen van de cli\u00ebnt en mijn opdracht om de "
                "schulden op te lossen."
            ),
            "vraag": (
                "Hoe organiseren jullie een gesprek alleen met de cli\u00ebnt zonder dat het "
                "opvalt? En wanneer vragen jullie advies aan Veilig Thuis?"
            ),
        },
    },
    {
        "title": "Twijfel na een huisbezoek bij een oudere",
        "author": DEMO_AUTHOR,
        "status": Status.SUBMITTED,
        "days_ago": 2,
        "method": Method.INCIDENT,
        "setting": "zorg",
        "age_bands": ["65+", "27-64"],
        "violence_forms": ["ouderenmishandeling", "verwaarlozing"],
        "meldcode_step": 2,
        "peer_request": "vervolg",
        "parts": {
            "incident": (
                "Bij een oudere man met beginnende dementie was de koelkast leeg en lag de "
                "post ongeopend op tafel. Zijn zoon, die mantelzorger is, beheert zijn geld. "
                "De man zei dat hij \u2018niet lastig wil zijn\u2019."
            ),
            "moment": (
                "De zoon kwam binnen en zei dat alles goed geregeld was. Ik moest kiezen: "
                "doorvragen waar de zoon bij was, of later terugkomen."
            ),
            "vraag": "Hoe hadden jullie het gesprek met de zoon aangepakt?",
        },
    },
    {
        "title": "Spanning in het gezin bij de intake",
        "author": DEMO_AUTHOR,
        "status": Status.CHANGES_REQUESTED,
        "days_ago": 5,
        "method": Method.INCIDENT,
        "setting": "jeugdhulp",
        "age_bands": ["12-17", "27-64"],
        "violence_forms": ["psychisch", "lichamelijk"],
        "meldcode_step": 1,
        "peer_request": "herkenning",
        "moderator_message": (
            "Dank je voor je casus. In het eerste deel staat de sportclub van de jongen en "
            "zijn precieze leeftijd. Kun je die weglaten? Dan kan hij door."
        ),
        "parts": {
            "incident": (
                "Tijdens een intake met een jongen van [LEEFTIJD-1] en zijn moeder viel het "
                "me op dat hij steeds naar haar keek voor hij antwoord gaf. Hij vertelde dat "
                "hij na de training bij [INSTELLING-1] liever niet naar huis gaat."
            ),
            "moment": "Ik twijfelde of ik de jongen apart moest spreken.",
            "vraag": "Herkennen jullie dit? Hoe begin je zo'n gesprek?",
        },
    },
)


@transaction.atomic
def ensure_demo_cases() -> list[Case]:
    """The demo cases, made once; skipped when the demo accounts are not there."""
    users = {u.email: u for u in get_user_model().objects.select_related("profile")}
    moderator = users.get(DEMO_MODERATOR)
    cases = []
    now = timezone.now()
    for spec in DEMO_CASES:
        author = users.get(spec["author"])
        if author is None:
            continue
        existing = Case.objects.filter(title=spec["title"]).first()
        if existing is not None:
            cases.append(existing)
            continue
        submitted = now - datetime.timedelta(days=spec["days_ago"])
        status = spec["status"]
        profile = getattr(author, "profile", None)
        case = Case(
            title=spec["title"],
            method=spec["method"],
            setting=spec["setting"],
            age_bands=join_choices(spec["age_bands"]),
            violence_forms=join_choices(spec["violence_forms"]),
            meldcode_step=spec["meldcode_step"],
            peer_request=spec["peer_request"],
            parts=spec["parts"],
            author=author,
            organisation_name=(
                profile.organisation.name if profile is not None and profile.organisation else ""
            ),
            profession=profile.profession if profile is not None else "",
            status=status,
            featured=spec.get("featured", False),
            moderator_message=spec.get("moderator_message", ""),
            submitted_at=submitted,
            published_at=submitted + datetime.timedelta(days=1)
            if status == Status.PUBLISHED
            else None,
            claimed_by=moderator if status == Status.CHANGES_REQUESTED else None,
            claimed_at=submitted if status == Status.CHANGES_REQUESTED else None,
        )
        case.full_clean()
        case.save()
        if status == Status.PUBLISHED and moderator is not None:
            case.discussion_thread_id = open_discussion(case=case, moderator=moderator)
            case.save(update_fields=["discussion_thread_id"])
        cases.append(case)
    return cases
