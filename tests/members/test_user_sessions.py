"""Every way the site makes a logged-in session records it in allauth's
`UserSession` (member, session key): "Mijn sessies" lists it, "sign out other
sessions" and erasure end it, and the forum's sender check finds a live socket's
session by it (docs/live.md, "The sender's check"). A session without a record
would still be checked, by its worker: a matter of speed, not of safety."""

from __future__ import annotations

import pytest
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.urls import reverse

from tests.members import factories
from tests.members.factories import PASSWORD, totp_code

pytestmark = pytest.mark.django_db


def log_in(client, user, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": user.email, "password": password})


def session_key(client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def logged_in_as(client, user) -> bool:
    return client.session.get("_auth_user_id") == str(user.pk)


def recorded(client, user) -> bool:
    key = session_key(client)
    return (
        Session.objects.filter(session_key=key).exists()
        and UserSession.objects.filter(session_key=key, user=user).exists()
    )


def test_a_password_login_records_its_session(client):
    user = factories.member()

    assert log_in(client, user).status_code == 302

    assert logged_in_as(client, user)
    assert recorded(client, user)


def test_a_login_with_a_second_factor_records_its_session(client):
    moderator = factories.member(role="Moderator")
    code = totp_code(factories.give_totp(moderator))

    assert log_in(client, moderator)["Location"] == reverse("mfa_authenticate")
    assert not UserSession.objects.filter(user=moderator).exists()  # not logged in yet
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302

    assert logged_in_as(client, moderator)
    assert recorded(client, moderator)


def test_a_password_change_records_the_new_session(client):
    user = factories.member()
    log_in(client, user)
    before = session_key(client)

    changed = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "een-nieuw-wachtwoord",
            "password2": "een-nieuw-wachtwoord",
        },
    )

    assert changed.status_code == 302
    assert session_key(client) != before  # Django gives the session a new key
    assert logged_in_as(client, user)
    assert recorded(client, user)


def test_signing_up_logs_nobody_in():
    """Sign-up asks to confirm the address first (ACCOUNT_EMAIL_VERIFICATION is
    mandatory) and confirming does not log in: no session to record."""
    from django.test import Client

    from tests.members.test_signup import signup_data

    client = Client()
    org = factories.organisation(domain="lansingerland.nl")
    client.post(reverse("account_signup"), signup_data(org))

    assert "_auth_user_id" not in client.session
    assert not UserSession.objects.exists()


def test_a_password_reset_logs_nobody_in(client):
    """A reset from the e-mailed key sets the password; the member then logs in
    (ACCOUNT_LOGIN_ON_PASSWORD_RESET is off), which records the session."""
    user = factories.member()
    client.post(reverse("account_reset_password"), {"email": user.email})
    link = next(
        line for line in mail.outbox[-1].body.splitlines() if "/password/reset/key/" in line
    )
    path = link[link.index("/account/") :].strip()
    form = client.get(path, follow=True)
    reset = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else path,
        {"password1": "een-nieuw-wachtwoord", "password2": "een-nieuw-wachtwoord"},
    )

    assert reset.status_code == 302
    assert "_auth_user_id" not in client.session
    assert not UserSession.objects.filter(user=user).exists()
    assert log_in(client, user, password="een-nieuw-wachtwoord").status_code == 302
    assert recorded(client, user)


def test_saving_the_wagtail_account_page_records_the_session_it_rekeys(client):
    """Wagtail's own account page calls Django's `update_session_auth_hash` on
    every save, which gives the session a new key without allauth's signal."""
    coordinator = factories.member(role="Coordinator")
    code = totp_code(factories.give_totp(coordinator))
    log_in(client, coordinator)
    client.post(reverse("mfa_authenticate"), {"code": code})
    before = session_key(client)

    saved = client.post(
        reverse("wagtailadmin_account"),
        {
            "name_email-first_name": "Cora",
            "name_email-last_name": "Dinator",
            "name_email-email": coordinator.email,
            "theme-theme": "system",
            "theme-contrast": "system",
            "theme-density": "default",
        },
    )

    assert saved.status_code == 302
    assert session_key(client) != before
    assert logged_in_as(client, coordinator)
    assert recorded(client, coordinator)
