"""Thin receivers: each turns a signal from allauth or Django into a service call
or a log line. No logic of their own."""

from __future__ import annotations

import logging
from typing import Any

from allauth.account.signals import email_confirmed
from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_out, user_login_failed
from django.db.models.signals import post_delete

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


def on_logged_out(sender: Any, request: Any = None, user: Any = None, **kwargs: Any) -> None:
    if user is not None and user.is_authenticated:
        services.record_logout(user=user)


def on_user_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    services.record_account_removed(user_id=instance.pk)


def on_authenticator_added(request: Any, user: Any, authenticator: Any, **kwargs: Any) -> None:
    services.record_mfa_change(user=user, authenticator_type=authenticator.type, added=True)


def on_authenticator_removed(request: Any, user: Any, authenticator: Any, **kwargs: Any) -> None:
    services.record_mfa_change(user=user, authenticator_type=authenticator.type, added=False)


def connect() -> None:
    email_confirmed.connect(on_email_confirmed, dispatch_uid="members.email_confirmed")
    user_login_failed.connect(on_login_failed, dispatch_uid="members.login_failed")
    user_logged_out.connect(on_logged_out, dispatch_uid="members.logged_out")
    post_delete.connect(
        on_user_deleted, sender=get_user_model(), dispatch_uid="members.user_deleted"
    )
    authenticator_added.connect(on_authenticator_added, dispatch_uid="members.mfa_added")
    authenticator_removed.connect(on_authenticator_removed, dispatch_uid="members.mfa_removed")
