"""The way in: the main menu and the home page lead approved members to the
forum; visitors and pending members see neither the link nor a thread."""

from __future__ import annotations

import re

import pytest

from members.models import MembershipStatus
from tests.forum import factories
from tests.members import factories as member_factories

pytestmark = pytest.mark.django_db

TITLE = "Hoe bespreek je zorgen met een ouder?"


@pytest.fixture
def thread(db):
    thread = factories.thread(title=TITLE)
    factories.post(thread=thread, text="Wie heeft hier ervaring mee?")
    factories.post(thread=thread, text="Ik begin altijd bij wat ik zie.")
    return thread


def menu(html: str) -> str:
    return re.search(r'<nav class="utrecht-nav-bar site-nav".*?</nav>', html, re.S).group(0)


def test_an_approved_member_finds_the_forum_in_the_menu_and_on_the_home_page(
    client, home_page, thread
):
    client.force_login(member_factories.member())

    html = client.get("/").content.decode()

    assert 'href="/forum/">Forum</a>' in menu(html)
    section = html[html.index('id="sectie-forum"') :]
    assert f'href="{thread.get_absolute_url()}">{TITLE}</a>' in section
    assert "2 ongelezen" in section
    assert 'href="/forum/">Alle gesprekken in het forum</a>' in section
    assert client.get("/forum/").status_code == 200


@pytest.mark.parametrize("who", ["visitor", "pending"])
def test_no_forum_link_or_thread_for_visitors_and_pending_members(client, home_page, thread, who):
    if who == "pending":
        client.force_login(member_factories.member(role=None, status=MembershipStatus.PENDING))

    html = client.get("/").content.decode()

    assert 'href="/forum/"' not in html
    assert TITLE not in html
    assert 'id="sectie-forum"' not in html
