"""MFA for the roles that need it, one way in, rate limits, no secrets or
addresses kept in the clear."""

import logging
import re
from urllib.parse import urlsplit

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from allauth.usersessions.models import UserSession
from django.urls import resolve, reverse

from members.adapters import MFAAdapter, pseudonymous_address
from members.models import AuditAction, AuditEvent
from tests.members import factories
from tests.members.factories import PASSWORD, totp_code

pytestmark = pytest.mark.django_db

THROTTLED = "Te veel inlogpogingen. Probeer het later nogmaals."


def log_in(client, user, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": user.email, "password": password})


@pytest.mark.parametrize("role", ["Moderator", "Coordinator"])
def test_a_role_that_needs_mfa_is_sent_to_set_up_from_every_other_page(client, home_page, role):
    user = factories.member(role=role)
    log_in(client, user)
    setup = reverse("mfa_activate_totp")

    for path in ["/", "/en/", reverse("members:profile"), "/beheer/", reverse("account_email")]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert resolve(urlsplit(response["Location"]).path).url_name == "mfa_activate_totp", path

    assert client.get(reverse("mfa_index")).status_code == 200
    # Setting up asks for the password once more (allauth's reauthentication),
    # which the policy lets through, and then shows the set-up.
    asked = client.get(setup)
    assert resolve(urlsplit(asked["Location"]).path).url_name == "account_reauthenticate"
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert client.get(setup).status_code == 200


def test_a_professional_is_not_asked_for_mfa(client, home_page):
    user = factories.member(role="Professional")
    log_in(client, user)

    assert client.get("/").status_code == 200


def test_after_set_up_the_code_is_asked_at_login(
    client, home_page, django_capture_on_commit_callbacks
):
    moderator = factories.member(role="Moderator")
    log_in(client, moderator)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    secret = client.session[SECRET_SESSION_KEY]
    assert secret in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        activated = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})

    assert activated.status_code == 302
    assert client.get("/").status_code == 200  # set up: the site opens
    assert AuditEvent.objects.filter(action=AuditAction.MFA_ADDED, subject=moderator).exists()

    client.post(reverse("account_logout"))
    first_step = log_in(client, moderator)
    assert first_step["Location"] == reverse("mfa_authenticate")
    assert client.get("/").wsgi_request.user.is_authenticated is False

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    cache_key_used = totp_code(secret)
    second_step = client.post(reverse("mfa_authenticate"), {"code": cache_key_used})
    assert second_step.status_code == 302
    assert client.get("/").wsgi_request.user == moderator


def test_a_totp_code_cannot_be_used_twice(client, home_page):
    moderator = factories.member(role="Moderator")
    secret = factories.give_totp(moderator)
    code = totp_code(secret)

    log_in(client, moderator)
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    client.post(reverse("account_logout"))
    log_in(client, moderator)

    replay = client.post(reverse("mfa_authenticate"), {"code": code})
    assert replay.status_code == 200  # refused: the form is shown again


def test_totp_secrets_are_stored_encrypted(db):
    user = factories.member(role="Moderator")
    secret = factories.give_totp(user)

    stored = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"]

    assert secret not in stored
    assert MFAAdapter().decrypt(stored) == secret


def test_the_wagtail_admin_login_form_cannot_bypass_the_one_way_in(client):
    admin = factories.member(role=None, is_staff=True, is_superuser=True)

    response = client.post("/beheer/login/", {"username": admin.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    frontend = client.post("/_util/login/", {"username": admin.email, "password": PASSWORD})
    assert frontend["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_ten_failed_logins_in_a_row_are_throttled_and_the_log_has_no_password(client, caplog):
    user = factories.member()
    caplog.set_level(logging.DEBUG)

    responses = [log_in(client, user, password=f"fout-wachtwoord-{i}") for i in range(10)]
    throttled = log_in(client, user)  # even the right password waits now

    assert THROTTLED not in responses[0].content.decode()
    assert THROTTLED in responses[-1].content.decode()
    assert THROTTLED in throttled.content.decode()
    assert "_auth_user_id" not in client.session
    logged = caplog.text
    assert "Failed login attempt." in logged
    assert "fout-wachtwoord" not in logged
    assert PASSWORD not in logged
    assert user.email not in logged
    assert "127.0.0.1" not in logged


def test_no_ip_address_is_stored_for_a_session(client):
    user = factories.member()
    log_in(client, user)
    client.get("/")

    session = UserSession.objects.get(user=user)
    assert session.ip != "127.0.0.1"
    assert session.ip == pseudonymous_address("127.0.0.1")
    assert re.match(r"^fd[0-9a-f]{2}:", session.ip)


def test_other_sessions_end_after_a_password_change(client, django_user_model):
    from django.test import Client

    user = factories.member()
    other_device = Client()
    log_in(other_device, user)
    log_in(client, user)
    assert other_device.get(reverse("members:profile")).status_code == 200

    changed = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "nog-een-lang-wachtwoord",
            "password2": "nog-een-lang-wachtwoord",
        },
    )

    assert changed.status_code == 302
    assert client.get(reverse("members:profile")).status_code == 200
    assert other_device.get(reverse("members:profile")).status_code == 302


def _fail_login_from(client, address, attempt):
    # A different address per attempt: only the per-IP limit can throttle them.
    return client.post(
        reverse("account_login"),
        {"login": f"niemand-{attempt}@example.org", "password": "fout-wachtwoord"},
        REMOTE_ADDR=address,
    )


def test_failed_logins_from_many_addresses_of_one_ipv6_64_share_one_limit(client):
    # Each address of a /64 is one subscriber's: allauth groups them, and the
    # pseudonym must not split the group up again.
    responses = [_fail_login_from(client, f"2001:db8:1:2::{n:x}", n) for n in range(1, 15)]

    assert THROTTLED not in responses[0].content.decode()
    assert THROTTLED in responses[-1].content.decode()


def test_two_ipv6_64s_do_not_share_a_limit(client):
    for n in range(1, 12):
        _fail_login_from(client, f"2001:db8:1:2::{n:x}", n)

    other = _fail_login_from(client, "2001:db8:1:3::1", 99)

    assert THROTTLED not in other.content.decode()


def test_the_pseudonym_of_an_ipv6_address_is_that_of_its_64():
    assert pseudonymous_address("2001:db8:1:2::1") == pseudonymous_address("2001:db8:1:2:ffff::9")
    assert pseudonymous_address("2001:db8:1:2::1") != pseudonymous_address("2001:db8:1:3::1")
    assert pseudonymous_address("192.0.2.1") != pseudonymous_address("192.0.2.2")
