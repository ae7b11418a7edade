"""Notifications in a real browser: member A replies in B's thread and B's bell
counts it without a reload (the project's ASGI application served by uvicorn,
tests/e2e/asgi_server.py); /meldingen/ passes axe."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

import privacy
from notifications import services
from tests.e2e.asgi_server import AsgiLiveServer
from tests.e2e.conftest import axe_violations
from tests.e2e.test_forum import log_in, post_reply
from tests.forum import factories
from tests.members import factories as member_factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module", autouse=True)
def _warm_privacy_detector():
    privacy.scan_text("Ik sprak met Jan.")


@pytest.fixture
def asgi_server(db, home_page):
    server = AsgiLiveServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def contexts(browser, asgi_server):
    opened = []

    def open_context(**options):
        context = browser.new_context(base_url=asgi_server.url, locale="nl-NL", **options)
        context.set_default_timeout(15_000)
        opened.append(context)
        return context

    yield open_context
    for context in opened:
        context.close()


def test_a_reply_in_my_thread_updates_my_bell_without_a_reload(contexts):
    owner = member_factories.member(pseudonym="lid-b")
    thread = factories.thread(author=owner, title="Mijn vraag over de meldcode")
    factories.post(thread=thread, text="Wie denkt er mee?")
    a = log_in(contexts(), member_factories.member(pseudonym="lid-a"))
    b = log_in(contexts(), owner)
    b.goto(reverse("notifications:list"))
    b.evaluate("() => { window.__sameDocument = true; }")
    count = b.locator("[data-notification-count]")
    expect(count).to_be_hidden()

    a.goto(thread.get_absolute_url())
    post_reply(a, "Wij overleggen eerst met de aandachtsfunctionaris.")

    expect(count).to_be_visible()
    expect(count).to_have_attribute("data-unread", "1")
    live = b.locator("[data-notification-live]")
    expect(live).to_have_attribute("aria-live", "polite")
    expect(live).to_contain_text('Er is een nieuwe reactie in "Mijn vraag over de meldcode"')
    assert b.evaluate("() => window.__sameDocument === true")
    # Focus was not moved to the announcement.
    assert b.evaluate("() => document.activeElement === document.body")


def test_the_list_page_has_no_serious_accessibility_violations(contexts):
    member = member_factories.member(pseudonym="lid-c")
    for i in range(3):
        services.notify(
            recipient=member, kind="reply", title=f"Reactie {i}", url="/forum/", email=False
        )
    page = log_in(contexts(bypass_csp=True), member)
    page.goto(reverse("notifications:list"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldingen")

    assert axe_violations(page) == []
