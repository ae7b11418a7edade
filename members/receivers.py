"""Thin receivers: each turns a signal from allauth or Django into a service call
or a log line. No logic of their own."""

from __future__ import annotations

import logging
from typing import Any

from allauth.account.signals import email_confirmed
from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.contrib.auth.signals import user_login_failed

from . import services

security_log = logging.getLogger("members.security")


def on_email_confirmed(request: Any, email_address: Any, **kwargs: Any) -> None:
    services.apply_verified_email(user=email_address.user, email=email_address.email)


def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    # Never the address, the password or the IP: a count of failures is enough
    # to see an attack, and the log must not make a member traceable.
    security_log.warning("Failed login attempt.")


def on_authenticator_added(request: Any, user: Any, authenticator: Any, **kwargs: Any) -> None:
    services.record_mfa_change(user=user, authenticator_type=authenticator.type, added=True)


def on_authenticator_removed(request: Any, user: Any, authenticator: Any, **kwargs: Any) -> None:
    services.record_mfa_change(user=user, authenticator_type=authenticator.type, added=False)


def connect() -> None:
    email_confirmed.connect(on_email_confirmed, dispatch_uid="members.email_confirmed")
    user_login_failed.connect(on_login_failed, dispatch_uid="members.login_failed")
    authenticator_added.connect(on_authenticator_added, dispatch_uid="members.mfa_added")
    authenticator_removed.connect(on_authenticator_removed, dispatch_uid="members.mfa_removed")
