"""allauth adapters: no IP address is stored, TOTP secrets are encrypted."""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress

from allauth import app_settings as allauth_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.http import HttpRequest


def _rate_limit_group(ip: str) -> str:
    """The address as allauth's rate limits see it: an IPv6 address stands for its
    whole network (a /64 is one subscriber's), an IPv4 address for itself."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if isinstance(address, ipaddress.IPv6Address):
        prefix = allauth_settings.RATE_LIMIT_IPV6_PREFIX
        return str(ipaddress.IPv6Network(f"{address}/{prefix}", strict=False).network_address)
    return str(address)


def pseudonymous_address(ip: str) -> str:
    """A stable stand-in for a client address: the same client gets the same
    value (so rate limits per address keep working), but the value cannot be
    turned back into the address without the site's secret key. It is an IPv6
    address in the unique-local range, so every place that expects an IP accepts it.

    An IPv6 address is grouped into its network *before* hashing: allauth groups
    IPv6 addresses by /64 for its limits, and hashing first would give every
    address of one /64 its own limit. The whole pseudonym sits in the upper 64
    bits, so allauth's own grouping of the pseudonym keeps it intact."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(),
        f"client-ip:{_rate_limit_group(ip)}".encode(),
        hashlib.sha256,
    ).digest()
    return str(ipaddress.IPv6Address(b"\xfd" + digest[:7] + bytes(8)))


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # Every e-mail speaks as the site, with an address a person reads: never
        # "Hallo van 127.0.0.1" (the request's host) or example.com.
        context = {
            **context,
            "site_name": settings.WAGTAIL_SITE_NAME,
            "site_url": settings.WAGTAILADMIN_BASE_URL,
            "contact_email": settings.CONTACT_EMAIL,
            "approval_working_days": settings.MEMBER_APPROVAL_WORKING_DAYS,
        }
        super().send_mail(template_prefix, email, context)

    def get_client_ip(self, request: HttpRequest) -> str:
        # Everything allauth derives from the client address (rate-limit keys, the
        # list of active sessions) sees only this pseudonym: reporters of violence
        # must not become traceable through the platform.
        return pseudonymous_address(super().get_client_ip(request))


def _fernet() -> Fernet:
    key = getattr(settings, "MFA_ENCRYPTION_KEY", None) or settings.SECRET_KEY
    derived = hashlib.sha256(f"leerwerkplaats-mfa:{key}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(derived))


class MFAAdapter(DefaultMFAAdapter):
    """TOTP secrets and recovery-code seeds are stored encrypted, never in the clear."""

    def encrypt(self, text: str) -> str:
        return _fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        try:
            return _fernet().decrypt(encrypted_text.encode()).decode()
        except InvalidToken as error:
            raise ValueError(
                "An MFA secret could not be decrypted: was the key changed?"
            ) from error
