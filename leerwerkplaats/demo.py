"""Demo content for `make run`: a site a person can click through at once.

Builds on the production set-up (site_setup.py) and adds demo text, demo
accounts and each app's demo content. An app adds its demo content with one
line in DEMO_CONTENT (a function of the home page, in a `demo_<app>.py` module
of this package, since apps never import `leerwerkplaats`). Every step is
idempotent: running the seed twice leaves the same rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from casuistry.demo import ensure_demo_cases
from forum.demo import ensure_demo_forum
from members import permissions
from members.models import MembershipStatus, Organisation, OrganisationDomain, Profile
from stories import demo as demo_stories

from . import demo_courses, site_setup
from . import demo_help_content as help_content
from .models import HelpIndexPage, HelpPage, HomePage, InformationPage

# Development only: seed_demo refuses to run unless DEMO_CONTENT_ALLOWED is set.
DEMO_PASSWORD = "Leerwerkplaats-demo-2026"  # noqa: S105


@dataclass(frozen=True)
class DemoAccount:
    email: str
    first_name: str
    last_name: str
    role: str  # a group name from members.permissions, or "" for the administrator
    pseudonym: str
    profession: str
    is_superuser: bool = False


DEMO_ORGANISATION = ("HG Leerwerkplaats (demo)", "anders", "demo.hg-leerwerkplaats.nl")
DEMO_ORGANISATIONS = (
    DEMO_ORGANISATION,
    ("Gemeente Lansingerland", "gemeente", "lansingerland.nl"),
    ("Kwadraad maatschappelijk werk", "maatschappelijk_werk", "kwadraad.nl"),
    ("Veilig Thuis Rotterdam-Rijnmond", "veilig_thuis", "veiligthuisrr.nl"),
)
DEMO_ACCOUNTS = (
    DemoAccount(
        "professional@demo.hg-leerwerkplaats.nl",
        "Pim",
        "Professional",
        permissions.PROFESSIONAL,
        "Pim uit het wijkteam",
        "jeugdconsulent",
    ),
    DemoAccount(
        "ervaring@demo.hg-leerwerkplaats.nl",
        "Eva",
        "Ervaring",
        permissions.ERVARINGSDESKUNDIGE,
        "Eva vertelt",
        "ervaringsdeskundige",
    ),
    DemoAccount(
        "moderator@demo.hg-leerwerkplaats.nl",
        "Mo",
        "Moderator",
        permissions.MODERATOR,
        "Moderator Mo",
        "maatschappelijk_werker",
    ),
    DemoAccount(
        "coordinator@demo.hg-leerwerkplaats.nl",
        "Cor",
        "Coordinator",
        permissions.COORDINATOR,
        "Coördinator Cor",
        "procesregisseur",
    ),
    DemoAccount(
        "beheer@demo.hg-leerwerkplaats.nl",
        "Bea",
        "Beheer",
        "",
        "Beheer",
        "anders",
        is_superuser=True,
    ),
)

HOME_INTRO = (
    "Het online leer- en reflectienetwerk voor professionals in de regio Rotterdam-Rijnmond "
    "die te maken krijgen met huiselijk geweld en kindermishandeling."
)
HOME_BODY = (
    "<h2>Wat je hier vindt</h2>"
    "<ul>"
    "<li>Modules over de Meldcode huiselijk geweld en kindermishandeling en over signaleren, "
    "met toetsen, certificaten en accreditatiepunten.</li>"
    "<li>Geanonimiseerde casuïstiek om samen op te reflecteren.</li>"
    "<li>Verhalen van ervaringsdeskundigen.</li>"
    "<li>Een hulpwijzer voor slachtoffers, plegers en omstanders.</li>"
    "</ul>"
)


@transaction.atomic
def ensure_home_page() -> HomePage:
    """The production home page and Site (site_setup.py), with the demo's text."""
    home = site_setup.ensure_home_page()
    site_setup.ensure_site(home, site_url=settings.WAGTAILADMIN_BASE_URL)
    if not home.intro and not home.body:
        home.intro, home.body = HOME_INTRO, HOME_BODY
        home.save_revision().publish()
    return home


@transaction.atomic
def ensure_demo_organisations() -> dict[str, Organisation]:
    organisations = {}
    for name, kind, domain in DEMO_ORGANISATIONS:
        organisation, _ = Organisation.objects.get_or_create(name=name, defaults={"kind": kind})
        OrganisationDomain.objects.get_or_create(
            domain=domain, defaults={"organisation": organisation}
        )
        organisations[name] = organisation
    return organisations


@transaction.atomic
def ensure_help_guide(home: HomePage) -> HelpIndexPage:
    """The help guide ("Hulp en advies"): one page per kind of reader, in the main menu."""
    index = HelpIndexPage.objects.child_of(home).first()
    if index is None:
        index = HelpIndexPage(**help_content.INDEX, show_in_menus=True)
        home.add_child(instance=index)
        index.save_revision().publish()
    existing = set(HelpPage.objects.child_of(index).values_list("slug", flat=True))
    for content in help_content.HELP_PAGES:
        if content["slug"] in existing:
            continue
        page = HelpPage(**content)
        index.add_child(instance=page)
        page.save_revision().publish()
    return index


@transaction.atomic
def ensure_privacy_statement(home: HomePage) -> InformationPage:
    """The privacy statement, linked from every page's footer."""
    slug = help_content.PRIVACY_STATEMENT["slug"]
    page = InformationPage.objects.child_of(home).filter(slug=slug).first()
    if page is None:
        page = InformationPage(**help_content.PRIVACY_STATEMENT)
        home.add_child(instance=page)
        page.save_revision().publish()
    return page


@transaction.atomic
def ensure_demo_accounts() -> list[DemoAccount]:
    user_model = get_user_model()
    organisation = ensure_demo_organisations()[DEMO_ORGANISATION[0]]
    for account in DEMO_ACCOUNTS:
        user, created = user_model.objects.get_or_create(
            email=account.email,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "is_staff": account.is_superuser,
                "is_superuser": account.is_superuser,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=account.email, defaults={"verified": True, "primary": True}
        )
        profile, _ = Profile.objects.update_or_create(
            user=user,
            defaults={
                "display_name": f"{account.first_name} {account.last_name}",
                "pseudonym": account.pseudonym,
                "organisation": organisation,
                "profession": account.profession,
                "status": MembershipStatus.APPROVED,
            },
        )
        if account.role:
            user.groups.add(Group.objects.get_or_create(name=account.role)[0])
        if account.role == permissions.COORDINATOR:
            profile.coordinated_organisations.add(organisation)
    ensure_demo_cases()  # casuistry's demo cases need the demo accounts
    ensure_demo_forum()  # the forum's demo conversations, by these accounts
    return list(DEMO_ACCOUNTS)


# Demo content per app, run in this order by seed_demo after the accounts exist.
# A new app adds one line: its `ensure_demo_<app>(home)` function.
DEMO_CONTENT: list[Callable[[HomePage], object]] = [
    ensure_help_guide,
    ensure_privacy_statement,
    demo_courses.ensure_demo_courses,
    demo_stories.ensure_demo_stories,
]


def seed_demo() -> list[DemoAccount]:
    """The production set-up, the demo text, the demo accounts, then DEMO_CONTENT."""
    site_setup.set_up_site()
    home = ensure_home_page()
    accounts = ensure_demo_accounts()
    for add_demo_content in DEMO_CONTENT:
        add_demo_content(home)
    return accounts
