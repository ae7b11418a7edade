from __future__ import annotations

import pytest

from tests.forum import factories


@pytest.fixture
def category(db):
    return factories.category()


@pytest.fixture
def moderator(db):
    return factories.moderator()


@pytest.fixture
def service_down(settings):
    """A detector service nobody listens on: port 9 (discard) on the loopback."""
    settings.PRIVACY_SERVICE_URL = "http://127.0.0.1:9"
