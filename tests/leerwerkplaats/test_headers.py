"""Security headers per kind of route."""

import re

import pytest

pytestmark = pytest.mark.django_db


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *values = part.strip().split()
        parsed[name] = values
    return parsed


def test_a_visitors_page_has_a_strict_policy_without_a_nonce(client, home_page):
    """Visitors' pages may come from the page cache: a nonce there would be the
    same for everyone, so they have none, and scripts come only from 'self'."""
    response = client.get("/")
    policy = directives(response["Content-Security-Policy"])

    assert policy["script-src"] == ["'self'"]
    assert "nonce" not in response.content.decode()
    assert policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["style-src"]


def test_a_members_page_has_a_strict_nonce_based_policy(client, home_page, member):
    client.force_login(member)
    response = client.get("/")
    policy = directives(response["Content-Security-Policy"])

    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["style-src"]
    nonce = re.search(r"<script nonce=\"([^\"]+)\"", response.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in policy["script-src"]
    # Nothing from another host: every source is the site itself or inline data.
    for values in policy.values():
        assert not [v for v in values if v.startswith(("http:", "https:", "*"))]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_each_request_gets_its_own_nonce(client, home_page, member):
    client.force_login(member)
    first = client.get("/")["Content-Security-Policy"]
    second = client.get("/")["Content-Security-Policy"]

    assert first != second


def test_account_pages_have_the_strict_policy(client):
    response = client.get("/account/login/")
    policy = directives(response["Content-Security-Policy"])

    assert response.status_code == 200
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["script-src"]


def test_wagtail_admin_is_relaxed_only_as_far_as_it_needs(client, superuser):
    client.force_login(superuser)
    response = client.get("/beheer/")
    policy = directives(response["Content-Security-Policy"])

    assert response.status_code == 200
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]  # its own previews
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]


def test_no_cookie_is_set_for_an_anonymous_visitor(client, home_page):
    response = client.get("/")

    assert response.cookies == {}
