"""One set of words everywhere, also on django-allauth's and allauth-mfa's pages
and in their messages: inloggen, uitloggen, registreren, tweestapsverificatie,
"je" and no "alstublieft"."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext, override

from tests.members.factories import give_totp

pytestmark = pytest.mark.django_db

FORBIDDEN = re.compile(
    r"\b(Aanmelden|aanmelden|Afmelden|afmelden|afgemeld|Aanmeldcode|aanmeldcode)\b"
    r"|Bevestigings e-mail|verificatie code|[Tt]wee-factor|alstublieft|a\.u\.b\."
    r"|\b[Uu]w\b|\bU\b|\bu\b"
)


def visible_text(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return strip_tags(html)


def assert_in_our_words(response, path):
    assert response.status_code == 200, (path, response.status_code, response.get("Location"))
    found = [match.group(0) for match in FORBIDDEN.finditer(visible_text(response))]
    assert not found, f"{path}: {found}"


@pytest.mark.parametrize(
    "name",
    [
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_email_verification_sent",
    ],
)
def test_the_account_pages_for_a_visitor_use_the_site_s_words(client, home_page, name):
    assert_in_our_words(client.get(reverse(name)), name)


@pytest.mark.parametrize(
    "name",
    [
        "account_logout",
        "account_email",
        "account_change_password",
        "mfa_index",
        "mfa_activate_totp",
        "usersessions_list",
    ],
)
def test_the_account_pages_for_a_member_use_the_site_s_words(client, member, name):
    client.force_login(member)
    # Some ask for the password again first: that page is checked then.
    assert_in_our_words(client.get(reverse(name), follow=True), name)


def test_the_mfa_pages_use_the_site_s_words(client, member):
    give_totp(member)
    client.force_login(member)
    for name in ["mfa_index", "mfa_generate_recovery_codes", "mfa_deactivate_totp"]:
        assert_in_our_words(client.get(reverse(name), follow=True), name)


def test_allauth_s_messages_use_the_site_s_words(client, member):
    client.force_login(member)
    response = client.post(reverse("account_logout"))
    texts = [str(message) for message in get_messages(response.wsgi_request)]
    assert texts == ["Je bent uitgelogd."]
    with override("nl"):
        assert gettext("Confirmation email sent to %(email)s.") == (
            "Bevestigingsmail verstuurd naar %(email)s."
        )
        assert gettext("Two-Factor Authentication") == "Tweestapsverificatie"
        assert gettext("Sign In") == "Inloggen"
        assert gettext("Sign Up") == "Registreren"


def test_the_menu_says_inloggen_and_registreren(client, home_page):
    html = client.get("/").content.decode()
    assert ">Inloggen</a>" in html
    assert ">Registreren</a>" in html
    assert "Aanmelden" not in html
