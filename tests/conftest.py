"""Fixtures shared by every test folder."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from tests.members import factories
from tests.members.factories import give_totp


@pytest.fixture
def member(db):
    """An approved professional: the ordinary logged-in user."""
    return factories.member()


@pytest.fixture
def superuser(db):
    user = get_user_model().objects.create_superuser(
        email="beheerder@example.org", password="x" * 16
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    # Staff must use MFA; without it every page would send them to the set-up.
    give_totp(user)
    return user


@pytest.fixture
def home_page(db):
    from leerwerkplaats.demo import ensure_home_page

    return ensure_home_page()


def pytest_collection_modifyitems(config, items):
    """Browser tests last: Playwright's sync API keeps an event loop running in the
    main thread from its first use, which async tests after it could not share."""
    items.sort(key=lambda item: "tests/e2e/" in str(item.path).replace("\\", "/"))


@pytest.fixture(autouse=True)
def _default_language():
    """A request to an English page leaves English active in the worker's thread;
    each test starts (and ends) in the site's default language, whatever ran before."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_watcher_registry_backoff():
    """After a failed read of the forum's watcher registry the sender does not ask
    Redis again for a second (forum.broadcast.REGISTRY_BACKOFF): a test that stopped
    Redis must not leave the next test in this process without the sender's check."""
    from forum import broadcast

    broadcast._process.failed_at = 0.0
    yield
    broadcast._process.failed_at = 0.0


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and TOTP replay marks live in the cache: each test starts clean."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def help_index(home_page):
    """The demo help guide: the index and its four help pages, live."""
    from leerwerkplaats.demo import ensure_help_guide

    return ensure_help_guide(home_page)


@pytest.fixture
def privacy_statement(home_page):
    from leerwerkplaats.demo import ensure_privacy_statement

    return ensure_privacy_statement(home_page)


@pytest.fixture
def session_read_queries(settings) -> int:
    """Queries a request takes to read a warm session: one with the database engine
    (SQLite in `make test`), none with the cached one (Redis in `make test-services`).
    Pinned query counts add it so that they hold under both."""
    return 1 if settings.SESSION_ENGINE == "django.contrib.sessions.backends.db" else 0
