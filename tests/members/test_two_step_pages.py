"""The two-step verification pages look designed: the whole secret, recovery codes
as a list with copy and download, a recovery-code way in at login, and
"Annuleren" as a secondary button."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.urls import reverse

from tests.members import factories
from tests.members.factories import PASSWORD, give_totp

pytestmark = pytest.mark.django_db

SECRET_SESSION_KEY = "mfa.totp.secret"


def log_in(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def test_the_set_up_shows_the_whole_secret_in_steps(client, home_page):
    user = factories.member()
    log_in(client, user)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    html = client.get(reverse("mfa_activate_totp")).content.decode()

    secret = client.session[SECRET_SESSION_KEY]
    assert len(secret) == 32
    assert (
        f'<code class="site-secret" id="authenticator_secret" data-copy-source>{secret}</code>'
        in html
    )
    assert 'type="text" value="' + secret not in html  # no cut-off input box
    assert "Tweestapsverificatie instellen" in html


def test_recovery_codes_are_a_list_with_copy_and_download(client, home_page):
    user = factories.member()
    give_totp(user)
    RecoveryCodes.activate(user)
    client.force_login(user)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    html = client.get(reverse("mfa_view_recovery_codes"), follow=True).content.decode()

    listed = re.findall(r"<li><code>(\w+)</code></li>", html)
    assert len(listed) == 10
    assert "<textarea" not in html
    assert 'data-copy-list="recovery_codes"' in html
    assert reverse("mfa_download_recovery_codes") in html


def test_the_login_code_page_offers_a_recovery_code_and_a_secondary_cancel(client, home_page):
    user = factories.member()
    give_totp(user)
    response = log_in(client, user)
    assert response["Location"] == reverse("mfa_authenticate")
    html = client.get(reverse("mfa_authenticate")).content.decode()

    assert "Gebruik een herstelcode" in html
    cancel = re.search(r'<button class="([^"]*)"[^>]*form="logout-from-stage"', html, re.S)
    assert cancel is not None
    assert "secondary-action" in cancel.group(1)
    assert "primary-action" not in cancel.group(1)
