"""Session timeouts, and the guard that keeps pending members out of members-only pages."""

import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from members.decorators import member_required
from members.middleware import SESSION_LOGIN_AT, SESSION_SEEN_AT
from members.models import MembershipStatus
from tests.members import factories

pytestmark = pytest.mark.django_db


def set_session(client, **values):
    session = client.session
    session.update(values)
    session.save()


def test_an_idle_session_is_logged_out(client, settings):
    client.force_login(factories.member())
    assert client.get(reverse("members:profile")).status_code == 200

    set_session(client, **{SESSION_SEEN_AT: int(time.time()) - settings.SESSION_IDLE_TIMEOUT - 5})
    response = client.get(reverse("members:profile"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_an_active_session_still_ends_at_the_absolute_timeout(client, settings):
    client.force_login(factories.member())
    now = int(time.time())

    set_session(
        client,
        **{SESSION_SEEN_AT: now, SESSION_LOGIN_AT: now - settings.SESSION_ABSOLUTE_TIMEOUT - 5},
    )

    assert client.get(reverse("members:profile")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_an_active_session_within_both_limits_stays(client):
    client.force_login(factories.member())
    set_session(client, **{SESSION_SEEN_AT: int(time.time()) - 120})

    assert client.get(reverse("members:profile")).status_code == 200
    assert client.session[SESSION_SEEN_AT] >= int(time.time()) - 5


def members_only(request):
    return HttpResponse("alleen voor leden")


@pytest.mark.parametrize(
    ("status", "role", "outcome"),
    [
        (MembershipStatus.APPROVED, "Professional", 200),
        (MembershipStatus.PENDING, None, 403),
        (MembershipStatus.REFUSED, None, 403),
    ],
)
def test_members_only_pages_are_for_approved_members(status, role, outcome):
    request = RequestFactory().get("/forum/")
    request.user = factories.member(role=role, status=status)
    guarded = member_required(members_only)

    if outcome == 403:
        with pytest.raises(PermissionDenied, match=r"wacht\s+nog op goedkeuring"):
            guarded(request)
    else:
        assert guarded(request).status_code == 200


def test_a_moderator_without_mfa_is_kept_out_of_members_only_pages_too():
    request = RequestFactory().get("/forum/")
    request.user = factories.member(role="Moderator")

    with pytest.raises(PermissionDenied):
        member_required(members_only)(request)


def test_anonymous_visitors_are_sent_to_the_login():
    request = RequestFactory().get("/forum/")
    request.user = AnonymousUser()

    response = member_required(members_only)(request)

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=/forum/")
