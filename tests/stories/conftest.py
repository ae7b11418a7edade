from __future__ import annotations

import pytest

from leerwerkplaats import site_setup
from stories.models import StoryIndexPage
from tests.members import factories
from tests.stories.factories import content


@pytest.fixture
def story_index(home_page):
    """The production set-up: the stories section and its moderation workflow."""
    site_setup.set_up_site()
    return StoryIndexPage.objects.get()


@pytest.fixture
def author(db):
    return factories.member(role="Ervaringsdeskundige", pseudonym="Schrijver Een")


@pytest.fixture
def other_author(db):
    return factories.member(role="Ervaringsdeskundige", pseudonym="Schrijver Twee")


@pytest.fixture
def moderator(db):
    return factories.member(role="Moderator", with_mfa=True)


@pytest.fixture
def coordinator(db):
    user = factories.member(role="Coordinator", with_mfa=True)
    user.profile.coordinated_organisations.add(user.profile.organisation)
    return user


@pytest.fixture
def story_content():
    return content()
