"""Notifications in a real browser: member A replies in B's thread and B's bell
counts it without a reload (the project's ASGI application served by uvicorn,
tests/e2e/asgi_server.py); /meldingen/ passes axe."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from notifications import services
from tests.e2e.conftest import axe_violations, log_in
from tests.e2e.test_forum import TRACK_SOCKETS, post_reply
from tests.forum import factories
from tests.members import factories as member_factories

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("warm_privacy_detector"),
]


def test_a_reply_in_my_thread_updates_my_bell_without_a_reload(asgi_contexts):
    owner = member_factories.member(pseudonym="lid-b")
    thread = factories.thread(author=owner, title="Mijn vraag over de meldcode")
    factories.post(thread=thread, text="Wie denkt er mee?")
    a = log_in(asgi_contexts(), member_factories.member(pseudonym="lid-a"))
    b = log_in(asgi_contexts(), owner)
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


def test_the_list_page_has_no_serious_accessibility_violations(asgi_contexts):
    member = member_factories.member(pseudonym="lid-c")
    for i in range(3):
        services.notify(
            recipient=member, kind="reply", title=f"Reactie {i}", url="/forum/", email=False
        )
    page = log_in(asgi_contexts(bypass_csp=True), member)
    page.goto(reverse("notifications:list"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldingen")

    assert axe_violations(page) == []


def test_after_a_resync_the_bell_asks_for_the_count_again(asgi_server, asgi_contexts):
    """A notification made while the channel layer had lost the sockets' groups
    reaches no bell; the server's `{"type": "resync"}` makes the bell ask for the
    current count (it has no sequence to resume from)."""
    owner = member_factories.member(pseudonym="lid-b")
    thread = factories.thread(author=owner, title="Mijn vraag over de meldcode")
    factories.post(thread=thread, text="Wie denkt er mee?")
    a = log_in(asgi_contexts(), member_factories.member(pseudonym="lid-a"))
    a.goto(thread.get_absolute_url())
    b = log_in(asgi_contexts(), owner)
    b.add_init_script(TRACK_SOCKETS)
    b.goto(reverse("notifications:list"))
    b.evaluate("() => { window.__sameDocument = true; }")
    count = b.locator("[data-notification-count]")
    expect(count).to_have_attribute("data-unread", "0")
    # The bell's socket is open (so in its groups) before the layer loses them.
    b.wait_for_function("() => window.__sockets.some((s) => s.readyState === WebSocket.OPEN)")

    asgi_server.lose_group_memberships()
    post_reply(a, "Wij overleggen eerst met de aandachtsfunctionaris.")
    # Committed and broadcast (the form is empty again), but no socket is in a group.
    expect(count).to_have_attribute("data-unread", "0")

    asgi_server.resync()
    expect(count).to_have_attribute("data-unread", "1")
    expect(count).to_be_visible()
    assert b.evaluate("() => window.__sameDocument === true")
