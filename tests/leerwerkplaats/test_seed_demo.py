"""`seed_demo` is idempotent and refuses to run where demo content does not belong."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import get_resolver

from leerwerkplaats.demo import DEMO_ACCOUNTS
from leerwerkplaats.models import HomePage

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_seed_demo_twice_leaves_the_same_number_of_rows():
    # A running site has loaded its URLs, and with them Wagtail's admin viewsets,
    # which register their models (profiles, ...) for Wagtail's reference index.
    # Load them first, as the site does: otherwise the stories' workflow e-mails
    # (which reverse admin URLs) load them halfway through the first seed.
    get_resolver().url_patterns  # noqa: B018
    call_command("seed_demo", stdout=StringIO())
    after_first = row_counts()
    call_command("seed_demo", stdout=StringIO())

    assert row_counts() == after_first
    assert HomePage.objects.live().count() == 1


def test_seed_demo_makes_the_home_page_the_site_root_and_prints_the_accounts(client):
    out = StringIO()
    call_command("seed_demo", stdout=out)

    assert client.get("/").status_code == 200
    for account in DEMO_ACCOUNTS:
        assert account.email in out.getvalue()
        assert client.login(email=account.email, password="Leerwerkplaats-demo-2026")


@override_settings(DEMO_CONTENT_ALLOWED=False)
def test_seed_demo_refuses_where_demo_content_is_not_allowed():
    with pytest.raises(CommandError, match="development only"):
        call_command("seed_demo", stdout=StringIO())
    assert not HomePage.objects.exists()


def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())
