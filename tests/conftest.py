"""Fixtures shared by every test folder."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from tests.leerwerkplaats.factories import UserFactory


@pytest.fixture
def member(db):
    """A verified member: the ordinary logged-in user."""
    user = UserFactory()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def superuser(db):
    user = get_user_model().objects.create_superuser(
        email="beheerder@example.org", password="x" * 16
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def home_page(db):
    from leerwerkplaats.demo import ensure_home_page

    return ensure_home_page()


@pytest.fixture
def help_index(home_page):
    """The demo help guide: the index and its four help pages, live."""
    from leerwerkplaats.demo import ensure_help_guide

    return ensure_help_guide(home_page)


@pytest.fixture
def privacy_statement(home_page):
    from leerwerkplaats.demo import ensure_privacy_statement

    return ensure_privacy_statement(home_page)
