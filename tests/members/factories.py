"""Members in every state and role, for the tests."""

from __future__ import annotations

import time

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.contrib.auth.models import Group

from members.models import MembershipStatus, Organisation, OrganisationDomain, Profile
from tests.leerwerkplaats.factories import UserFactory

PASSWORD = "correct-horse-battery"


def organisation(name: str = "Gemeente Lansingerland", domain: str | None = None) -> Organisation:
    org, _ = Organisation.objects.get_or_create(name=name, defaults={"kind": "gemeente"})
    if domain:
        OrganisationDomain.objects.get_or_create(domain=domain, defaults={"organisation": org})
    return org


def member(
    *,
    role: str | None = "Professional",
    status: str = MembershipStatus.APPROVED,
    org: Organisation | None = None,
    email: str | None = None,
    pseudonym: str | None = None,
    with_mfa: bool = False,
    **user_fields,
):
    kwargs = {"email": email} if email else {}
    user = UserFactory(**kwargs, **user_fields)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    Profile.objects.create(
        user=user,
        display_name=f"{user.first_name} {user.last_name}",
        pseudonym=pseudonym or f"lid-{user.pk}",
        organisation=org or organisation(),
        profession="jeugdconsulent",
        status=status,
    )
    if role:
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    if with_mfa:
        give_totp(user)
    return user


def give_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now. A code with under five seconds left
    could expire between typing and checking (a browser test failed so at a window's
    end): then wait for the next window, as tests/prod/prod_check.py does."""
    left = 30 - time.time() % 30
    if left < 5:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))
