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
    # Another test may leave English active in this thread: reverse() would then give
    # the English address, and a lazy message would read in English. Dutch, throughout.
    with override("nl"):
        response = client.post(reverse("account_logout"), HTTP_ACCEPT_LANGUAGE="nl")
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


def test_account_e_mails_speak_as_the_site_with_a_contact_address(client, member, settings):
    from django.core import mail

    client.post(reverse("account_reset_password"), {"email": member.email})

    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert body.startswith("Hallo,\n")
    for wrong in ["Hallo van", "Bedankt voor het gebruik", "example.com"]:
        assert wrong not in body
    assert "HG Leerwerkplaats" in body
    assert settings.CONTACT_EMAIL in body


def test_the_sign_up_e_mail_says_the_sign_up_waits_for_approval(rf, member, settings):
    from allauth.account.adapter import get_adapter
    from allauth.core.context import request_context
    from django.core import mail

    request = rf.get("/")
    request.user = member
    request.session = {}
    with request_context(request):
        get_adapter(request).send_mail(
            "account/email/email_confirmation_signup",
            member.email,
            {"user": member, "activate_url": "https://lwp.example/bevestig/abc/"},
        )

    body = mail.outbox[0].body
    assert "https://lwp.example/bevestig/abc/" in body
    assert "wacht je aanmelding op goedkeuring door een coördinator van je organisatie" in body
    assert f"meestal {settings.MEMBER_APPROVAL_WORKING_DAYS} werkdagen" in body
    assert settings.CONTACT_EMAIL in body


def test_the_thank_you_page_says_who_approves_and_how_long_it_takes(client, home_page, settings):
    html = client.get(reverse("account_email_verification_sent")).content.decode()

    assert "Bedankt voor je registratie" in html
    assert "coördinator van je organisatie" in html
    assert f"{settings.MEMBER_APPROVAL_WORKING_DAYS} werkdagen" in html
    assert f"mailto:{settings.CONTACT_EMAIL}" in html


def test_a_pending_member_is_told_on_the_home_and_course_page(client, home_page, member):
    from members.models import MembershipStatus
    from tests.courses import factories as course_factories
    from tests.members import factories as member_factories

    course = course_factories.course(home_page, lessons=1)
    pending = member_factories.member(status=MembershipStatus.PENDING)
    client.force_login(pending)

    assert "Je aanmelding wacht op goedkeuring." in client.get("/").content.decode()
    html = client.get(course.url).content.decode()
    assert "Je aanmelding wacht op goedkeuring." in html
    assert "Log in om de cursus te volgen" not in html
    client.force_login(member)
    assert "wacht op goedkeuring" not in client.get("/").content.decode()


def test_the_sign_up_form_says_what_to_do_when_the_organisation_is_missing(
    client, home_page, settings
):
    html = client.get(reverse("account_signup")).content.decode()

    assert "Staat je organisatie er niet bij?" in html
    assert settings.CONTACT_EMAIL in html
