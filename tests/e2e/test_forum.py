"""The live forum in a real browser: two professionals on the same thread, each in
their own browser context, against the project's ASGI application (HTTP and
WebSocket) served by uvicorn in the test process (tests/e2e/asgi_server.py).

Every write goes through the page as a member makes it (the privacy preview and
its confirmation included); waits are Playwright's auto-waiting expectations."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from forum.models import Flag, FlagReason
from tests.e2e.conftest import axe_violations, log_in
from tests.forum import factories
from tests.members import factories as member_factories

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("warm_privacy_detector"),
]

NAME_TEXT = "Ik sprak met haar man Dmytro Kowalczyk over de school."
POSTS = "[data-forum-posts] > [data-seq]"
# Keeps the page's sockets within reach, so the test can drop them as a network would.
TRACK_SOCKETS = """
(() => {
  const Native = window.WebSocket;
  window.__sockets = [];
  window.WebSocket = class extends Native {
    constructor(...args) { super(...args); window.__sockets.push(this); }
  };
})();
"""


@pytest.fixture
def contexts(asgi_contexts):
    return asgi_contexts


@pytest.fixture
def thread(db):
    author = member_factories.member(pseudonym="inbrenger-e2e")
    thread = factories.thread(author=author, title="Een gesprek in de browser")
    factories.post(thread=thread, text="Wie heeft hier ervaring mee?")
    thread.refresh_from_db()
    return thread


def open_thread(page, thread):
    page.goto(thread.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(thread.title)
    # A mark that a reload or a navigation would wipe out.
    page.evaluate("() => { window.__sameDocument = true; }")


def still_the_same_document(page) -> bool:
    return page.evaluate("() => window.__sameDocument === true")


def post_reply(page, text: str) -> None:
    """Type, check, and (when the preview asks for it) confirm, as a member does."""
    form = page.locator("[data-forum-reply-form]")
    form.get_by_label("Je bericht").fill(text)
    form.get_by_role("button", name="Controleren en plaatsen").click()
    expect(page.locator("[data-forum-reply-form] textarea")).to_have_value("")


def seqs(page) -> list[int]:
    return [int(s) for s in page.locator(POSTS).evaluate_all("els => els.map(e => e.dataset.seq)")]


def test_a_reply_appears_live_for_the_other_member_and_is_announced(contexts, thread):
    a = log_in(contexts(), member_factories.member(pseudonym="lid-a"))
    b = log_in(contexts(), member_factories.member(pseudonym="lid-b"))
    open_thread(a, thread)
    open_thread(b, thread)
    start = thread.last_seq
    expect(b.locator(POSTS)).to_have_count(1)

    # The privacy preview: the name is shown with its placeholder; A confirms.
    form = a.locator("[data-forum-reply-form]")
    form.get_by_label("Je bericht").fill(NAME_TEXT)
    form.get_by_role("button", name="Controleren en plaatsen").click()
    preview = a.locator("[data-privacy-preview]")
    expect(preview).to_be_visible()
    expect(preview).to_contain_text("[NAAM-1]")
    expect(preview).to_be_focused()
    a.get_by_role("button", name="Ja, plaats het zo").click()
    expect(a.locator("[data-privacy-preview]")).to_have_count(0)
    expect(a.locator("[data-forum-reply-form] textarea")).to_have_value("")

    # B sees it without a reload, redacted, announced politely.
    new = b.locator(f'{POSTS}[data-seq="{start + 1}"]')
    expect(new).to_contain_text("[NAAM-1]")
    expect(new).not_to_contain_text("Kowalczyk")
    expect(b.locator(POSTS)).to_have_count(2)
    announcer = b.locator("[data-forum-announce]")
    expect(announcer).to_have_attribute("aria-live", "polite")
    expect(announcer).to_have_text("Nieuw bericht van lid-a")
    # A sees its own post arrive over the socket too, once.
    expect(a.locator(f'{POSTS}[data-seq="{start + 1}"]')).to_have_count(1)
    assert seqs(b) == [start, start + 1]
    assert still_the_same_document(b)


def test_a_member_who_was_offline_gets_exactly_the_missed_posts_in_order(contexts, thread):
    context_b = contexts()
    context_b.add_init_script(TRACK_SOCKETS)
    a = log_in(contexts(), member_factories.member(pseudonym="lid-a"))
    b = log_in(context_b, member_factories.member(pseudonym="lid-b"))
    open_thread(a, thread)
    open_thread(b, thread)
    start = thread.last_seq
    # B is live: a first reply reaches it, so its socket is open and resumed.
    post_reply(a, "Eerst nog samen online.")
    expect(b.locator(f'{POSTS}[data-seq="{start + 1}"]')).to_be_visible()

    # B's socket goes down (offline in the browser does not end an open socket,
    # so the page closes it too, as a dropped connection does).
    context_b.set_offline(True)
    b.evaluate("() => window.__sockets.forEach((socket) => socket.close())")
    texts = [f"Terwijl je weg was, bericht {i}." for i in (1, 2, 3)]
    for text in texts:
        post_reply(a, text)
    expect(a.locator(POSTS)).to_have_count(5)
    expect(b.locator(POSTS)).to_have_count(2)
    # Offline, every attempt to reconnect failed: nothing reached B meanwhile.
    assert b.evaluate("() => window.__sockets.every((s) => s.readyState !== WebSocket.OPEN)")

    context_b.set_offline(False)
    expect(b.locator(POSTS)).to_have_count(5, timeout=30_000)
    assert seqs(b) == [start, start + 1, start + 2, start + 3, start + 4]
    for seq, text in zip((start + 2, start + 3, start + 4), texts, strict=True):
        expect(b.locator(f'{POSTS}[data-seq="{seq}"]')).to_contain_text(text)
    ids = b.locator(POSTS).evaluate_all("els => els.map(e => e.dataset.postId)")
    assert len(set(ids)) == 5
    assert b.locator("#forum-thread").get_attribute("data-last-seq") == str(start + 4)
    assert still_the_same_document(b)


def test_forum_pages_have_no_serious_accessibility_violations(contexts, thread):
    moderator = member_factories.member(role="Moderator", pseudonym="moderator-e2e")
    secret = member_factories.give_totp(moderator)
    flagged = factories.post(thread=thread, text="Een bericht dat gemeld is.")
    Flag.objects.create(post=flagged, reporter=thread.author, reason=FlagReason.ONGEPAST)

    page = log_in(contexts(bypass_csp=True), moderator, secret=secret)
    for url, heading in (
        (reverse("forum:index"), "Forum"),
        (thread.category.get_absolute_url(), thread.category.name),
        (thread.get_absolute_url(), thread.title),
        (reverse("forum:moderation"), None),
    ):
        page.goto(url)
        if heading:
            expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        else:
            expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert axe_violations(page) == [], url


def frame(seq: int) -> str:
    html = (
        f'<li class="forum-post" id="bericht-{seq}" data-seq="{seq}" data-post-id="{9000 + seq}">'
        f'<article><h3 class="forum-post__author">lid-{seq}</h3>'
        f"<p>Bericht {seq}.</p></article></li>"
    )
    return json.dumps({"type": "post", "seq": seq, "id": 9000 + seq, "html": html})


def test_live_frames_that_arrive_out_of_order_are_both_shown_in_order(contexts, thread):
    """Two posts committed at once may reach a socket in either order; the later
    one waits for the earlier instead of being dropped (it used to be lost until
    a next post arrived, because a resume was already asked at that seq)."""
    context = contexts()
    context.add_init_script(TRACK_SOCKETS)
    b = log_in(context, member_factories.member(pseudonym="lid-b"))
    open_thread(b, thread)
    start = thread.last_seq
    # The thread's socket (the page also has the notification bell's).
    thread_socket = (
        "window.__sockets.find((s) => s.url.includes('/ws/forum/') "
        "&& s.readyState === WebSocket.OPEN)"
    )
    b.wait_for_function(f"() => Boolean({thread_socket})")

    for seq in (start + 2, start + 1):
        b.evaluate(
            f"(data) => {thread_socket}.dispatchEvent(new MessageEvent('message', {{data}}))",
            frame(seq),
        )

    expect(b.locator(POSTS)).to_have_count(3)
    assert seqs(b) == [start, start + 1, start + 2]
    expect(b.locator("#forum-thread")).to_have_attribute("data-last-seq", str(start + 2))
