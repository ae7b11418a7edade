"""Production set-up of the site, and safe to run at every release: the home
page as the root of the default Site (on the site's own host), the section
indexes a production site needs (sections.py), and coordinators as the site's
editors. No accounts, no demo text; the demo (demo.py) builds on this."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from wagtail import hooks
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from . import editors
from .models import HomePage
from .sections import SECTIONS

HOME_TITLE = "Welkom bij de HG Leerwerkplaats"
SITE_NAME = "HG Leerwerkplaats"
DEFAULT_PORTS = {"http": 80, "https": 443}
# Apps finish their part of the set-up (a section's workflow, its permissions)
# through this Wagtail hook: a function of the home page, idempotent.
SITE_SETUP_HOOK = "after_site_setup"


def host_and_port(site_url: str) -> tuple[str, int]:
    """`https://leerwerkplaats.example.nl` -> ("leerwerkplaats.example.nl", 443)."""
    parts = urlsplit(site_url if "//" in site_url else f"https://{site_url}")
    if not parts.hostname:
        raise ImproperlyConfigured(f"No host name in the site address {site_url!r}.")
    return parts.hostname, parts.port or DEFAULT_PORTS.get(parts.scheme, 443)


@transaction.atomic
def ensure_home_page() -> HomePage:
    """The HomePage, directly under the tree's root; Wagtail's welcome page goes."""
    home = HomePage.objects.first()
    if home is not None:
        return home
    # Wagtail's own welcome page (from its first migration) holds the slug "home".
    Page.objects.filter(depth=2, content_type__model="page").delete()
    # Wagtail's migrations make the tree's root and the default locale; a
    # flushed database (transactional tests) has neither.
    language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    locale, _ = Locale.objects.get_or_create(language_code=language)
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale)
    )
    home = HomePage(title=HOME_TITLE, slug="home")
    root.add_child(instance=home)
    home.save_revision().publish()
    return home


@transaction.atomic
def ensure_site(home: HomePage, *, site_url: str) -> Site:
    """The default Site serves `home` on the site's own host and port (Wagtail's
    migration leaves a `localhost` Site: it is moved, not kept)."""
    hostname, port = host_and_port(site_url)
    site = (
        Site.objects.filter(hostname=hostname, port=port).first()
        or Site.objects.filter(is_default_site=True).first()
        or Site(site_name=SITE_NAME)
    )
    Site.objects.filter(is_default_site=True).exclude(pk=site.pk).update(is_default_site=False)
    site.hostname, site.port = hostname, port
    site.root_page, site.is_default_site = home, True
    site.site_name = site.site_name or SITE_NAME
    site.full_clean()
    site.save()
    return site


@transaction.atomic
def ensure_sections(home: HomePage) -> list[Page]:
    """Each section index of sections.py under the home page, in the main menu,
    created when missing; an editor's changes to an existing one are kept."""
    indexes = []
    for section in SECTIONS:
        model = apps.get_model(section.page_type)
        index = model.objects.child_of(home).first()
        if index is None:
            index = model(
                title=section.title, slug=section.slug, show_in_menus=True, **section.fields
            )
            home.add_child(instance=index)
            index.save_revision().publish()
        indexes.append(index)
    return indexes


@transaction.atomic
def set_up_site(*, site_url: str | None = None) -> HomePage:
    """Everything a production site needs before its editors start. Idempotent."""
    home = ensure_home_page()
    ensure_site(home, site_url=site_url or settings.WAGTAILADMIN_BASE_URL)
    ensure_sections(home)
    editors.grant_coordinator_editing(home)
    for set_up_app in hooks.get_hooks(SITE_SETUP_HOOK):
        set_up_app(home)
    return home
