"""`typing` in a real browser: two members on the same thread, each in their own
browser context, against the project's ASGI application (tests/e2e/asgi_server.py).

While A writes in the reply box, B sees "A typt..." under the posts without a
reload, and the line goes away by itself after its timeout (docs/live.md, "The
client"). A never sees their own line. In a thread with aliases B sees A's alias,
never A's pseudonym. Waits are Playwright's auto-waiting expectations."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from forum.models import ThreadAlias
from tests.e2e.conftest import log_in
from tests.forum import factories
from tests.members import factories as member_factories

pytestmark = pytest.mark.django_db(transaction=True)

TYPING = "[data-forum-typing]"
# The client shows a typist for 6 s after their last `typing` frame; with the
# suite's 15 s patience the line must be gone well within this.
GONE_WITHIN = 15_000


def open_thread(page, thread) -> None:
    page.goto(thread.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(thread.title)
    # The thread's socket is open (the bell has a socket of its own).
    page.wait_for_function(
        "() => window.__sockets.some((s) => s.url.includes('/ws/forum/')"
        " && s.readyState === WebSocket.OPEN)"
    )
    page.evaluate("() => { window.__sameDocument = true; }")


TRACK_SOCKETS = """
(() => {
  const Native = window.WebSocket;
  window.__sockets = [];
  window.__frames = [];
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      window.__sockets.push(this);
      this.addEventListener("message", (event) => window.__frames.push(event.data));
    }
  };
})();
"""


def member_page(contexts, member):
    context = contexts()
    context.add_init_script(TRACK_SOCKETS)
    return log_in(context, member)


def type_in_reply_box(page, text: str) -> None:
    box = page.locator("[data-forum-reply-form]").get_by_label("Je bericht")
    box.click()
    box.press_sequentially(text)


def assert_typing_shown_then_gone(
    a, b, *, name: str, b_name: str, hidden_name: str | None = None
) -> None:
    """A types: B sees A as `name`, live; B types: A sees B as `b_name`, and
    neither ever sees themself; then both lines go away by themselves."""
    line_b = b.locator(TYPING)
    expect(line_b).to_be_hidden()
    focused_before = b.evaluate("() => document.activeElement && document.activeElement.tagName")

    type_in_reply_box(a, "Ik denk dat")

    expect(line_b).to_be_visible()
    expect(line_b).to_have_text(f"{name} typt...")
    if hidden_name:
        expect(line_b).not_to_contain_text(hidden_name)
    # Shown without a reload, without moving B's focus.
    assert b.evaluate("() => window.__sameDocument === true")
    assert (
        b.evaluate("() => document.activeElement && document.activeElement.tagName")
        == focused_before
    )

    # B types in turn: A sees B, and only B. A's own frame, sent to the thread's
    # group before B's, would have reached A first: it never came back to the typist.
    type_in_reply_box(b, "Goed punt")
    expect(a.locator(TYPING)).to_be_visible()
    expect(a.locator(TYPING)).to_have_text(f"{b_name} typt...")
    typing_names_a_received = a.evaluate(
        "() => window.__frames.map((f) => JSON.parse(f))"
        ".filter((f) => f.type === 'typing').map((f) => f.name)"
    )
    assert set(typing_names_a_received) == {b_name}  # never A's own
    # And B's line still names A only: B never sees themself.
    expect(line_b).to_have_text(f"{name} typt...")

    # Nobody types any more: both lines go away by themselves.
    expect(line_b).to_be_hidden(timeout=GONE_WITHIN)
    expect(line_b).to_have_text("")
    expect(a.locator(TYPING)).to_be_hidden(timeout=GONE_WITHIN)
    assert b.evaluate("() => window.__sameDocument === true")


def test_b_sees_that_a_is_writing_and_the_line_goes_away(asgi_contexts):
    author = member_factories.member(pseudonym="inbrenger-typt")
    thread = factories.thread(author=author, title="Wie schrijft er mee?")
    factories.post(thread=thread, text="Wat doen jullie bij een eerste signaal?")
    a = member_page(asgi_contexts, member_factories.member(pseudonym="lid-typist"))
    b = member_page(asgi_contexts, member_factories.member(pseudonym="lid-lezer"))
    open_thread(a, thread)
    open_thread(b, thread)

    assert_typing_shown_then_gone(a, b, name="lid-typist", b_name="lid-lezer")


def test_in_a_thread_with_aliases_b_sees_the_alias_never_the_pseudonym(asgi_contexts):
    author = member_factories.member(pseudonym="inbrenger-alias")
    thread = factories.thread(author=author, title="Casus: een huisbezoek", alias_mode=True)
    factories.post(thread=thread, text="Hoe zouden jullie dit aanpakken?")
    writer = member_factories.member(pseudonym="geheim-lid-a")
    reader = member_factories.member(pseudonym="geheim-lid-b")
    ThreadAlias.objects.create(thread=thread, user=author, alias="Inbrenger")
    ThreadAlias.objects.create(thread=thread, user=writer, alias="Deelnemer A")
    a = member_page(asgi_contexts, writer)
    b = member_page(asgi_contexts, reader)
    open_thread(a, thread)
    open_thread(b, thread)

    # B has not posted here yet: A sees "Iemand", not B's pseudonym either.
    assert_typing_shown_then_gone(
        a, b, name="Deelnemer A", b_name="Iemand", hidden_name="geheim-lid-a"
    )
