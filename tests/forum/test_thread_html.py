"""The thread's posts are drawn once per thread version and way of seeing it
(forum/thread_html.py), the reader's own bits settled per request: every reader
gets exactly what the post template draws for them, a change shows at once, and
a member never gets a moderator's drawing."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forum import permissions, post_html, selectors, services
from forum.models import Flag, FlagReason, Post, Reaction, Thread
from tests.forum import factories
from tests.members import factories as member_factories

pytestmark = pytest.mark.django_db


def _text(client, thread) -> str:
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def _posts_part(text: str) -> str:
    part = text.split("data-forum-posts>", 1)[1].split("</ol>\n", 1)[0]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", part).strip()


def _drawn_afresh(thread, user) -> str:
    """The posts as the template draws them for `user`, without the shared drawing."""
    thread = Thread.objects.get(pk=thread.pk)
    posts = list(Post.objects.visible_to(user).filter(thread=thread).order_by("seq"))
    views = selectors.post_views(posts=posts, thread=thread, user=user)
    html = post_html.render_posts(
        views,
        can_post=permissions.can_post_in(user, thread),
        can_moderate=permissions.can_moderate_forum(user),
        csrf_token="x",
    )
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", str(html)).strip()


@pytest.fixture
def busy_thread():
    """Posts by several members, with reactions, a report, a reply and a hidden post."""
    author, other, reactor, reporter = (member_factories.member() for _ in range(4))
    thread = factories.thread(author=author)
    first = factories.post(thread=thread, author=author, text="Mijn vraag.")
    second = factories.post(thread=thread, author=other, text="Een antwoord.", reply_to=first)
    old = factories.post(thread=thread, author=author, text="Een oud bericht.")
    Post.objects.filter(pk=old.pk).update(created=timezone.now() - timedelta(hours=2))
    hidden = factories.post(thread=thread, author=other, text="Verborgen tekst.")
    Post.objects.filter(pk=hidden.pk).update(hidden=True)
    Reaction.objects.create(post=first, user=reactor, kind="steun")
    Reaction.objects.create(post=second, user=reactor, kind="dank")
    Flag.objects.create(post=second, reporter=reporter, reason=FlagReason.ANDERS)
    return {
        "thread": thread,
        "readers": [author, other, reactor, reporter, factories.moderator()],
    }


def test_every_reader_gets_what_the_template_draws_for_them(client, busy_thread):
    thread = busy_thread["thread"]
    # Each reader twice, in turns: the second round comes from the shared drawings.
    for _round in range(2):
        for reader in busy_thread["readers"]:
            client.force_login(reader)
            drawn, afresh = _posts_part(_text(client, thread)), _drawn_afresh(thread, reader)
            assert drawn.splitlines() == afresh.splitlines()


def test_a_second_visit_reads_no_post(client, busy_thread):
    thread = busy_thread["thread"]
    client.force_login(busy_thread["readers"][1])
    _text(client, thread)
    client.force_login(busy_thread["readers"][2])  # another member, same way of seeing

    with CaptureQueriesContext(connection) as captured:
        text = _text(client, thread)

    assert "Een antwoord." in text
    assert not [q for q in captured if 'FROM "forum_post"' in q["sql"]]


def test_own_posts_keep_their_edit_link_only_within_the_window(client, busy_thread, monkeypatch):
    thread = busy_thread["thread"]
    author, reactor = busy_thread["readers"][0], busy_thread["readers"][2]
    client.force_login(reactor)
    assert "Bewerken" not in _text(client, thread)
    client.force_login(author)
    assert _text(client, thread).count("Bewerken") == 1  # "Mijn vraag."; not the old one

    later = timezone.now() + permissions.EDIT_WINDOW + timedelta(minutes=1)
    monkeypatch.setattr(permissions.timezone, "now", lambda: later)

    assert "Bewerken" not in _text(client, thread)


def test_hiding_shows_at_once(client, busy_thread):
    thread = busy_thread["thread"]
    member = busy_thread["readers"][2]
    moderator = busy_thread["readers"][4]
    client.force_login(member)
    assert "Een antwoord." in _text(client, thread)

    services.hide_post(post=Post.objects.get(text="Een antwoord."), moderator=moderator)

    assert "Een antwoord." not in _text(client, thread)


def test_a_herleidbaar_report_hides_at_once(client, busy_thread):
    thread = busy_thread["thread"]
    member, reporter = busy_thread["readers"][2], busy_thread["readers"][1]
    client.force_login(member)
    assert "Mijn vraag." in _text(client, thread)

    services.flag_post(
        post=Post.objects.get(text="Mijn vraag."), reporter=reporter, reason=FlagReason.HERLEIDBAAR
    )

    assert "Mijn vraag." not in _text(client, thread)


def test_a_moderators_drawing_never_reaches_a_member(client, busy_thread):
    thread = busy_thread["thread"]
    client.force_login(busy_thread["readers"][4])
    assert "Verborgen tekst." in _text(client, thread)

    client.force_login(busy_thread["readers"][2])
    text = _text(client, thread)

    assert "Verborgen tekst." not in text
    assert "Modereren" not in text
    assert "Eerdere versies" not in text


def test_a_changed_pseudonym_shows_at_once(client, busy_thread):
    thread = busy_thread["thread"]
    other = busy_thread["readers"][1]
    client.force_login(busy_thread["readers"][2])
    assert other.profile.pseudonym in _text(client, thread)

    other.profile.pseudonym = "NieuweNaam77"
    other.profile.save()

    assert "NieuweNaam77" in _text(client, thread)


def test_an_erased_members_reactions_go_at_once(client, busy_thread):
    thread = busy_thread["thread"]
    reactor = busy_thread["readers"][2]
    client.force_login(busy_thread["readers"][1])
    assert "forum-reaction--present" in _text(client, thread)

    services.erase_personal_data(reactor)

    assert "forum-reaction--present" not in _text(client, thread)


def test_a_reaction_of_ones_own_is_marked_for_that_reader_only(client, busy_thread):
    thread = busy_thread["thread"]
    reactor = busy_thread["readers"][2]
    client.force_login(busy_thread["readers"][3])
    assert 'aria-pressed="true"' not in _text(client, thread)

    client.force_login(reactor)
    assert _text(client, thread).count('aria-pressed="true"') == 2


def test_no_read_position_is_written_when_all_was_read(client, busy_thread):
    thread = busy_thread["thread"]
    client.force_login(busy_thread["readers"][2])
    _text(client, thread)

    with CaptureQueriesContext(connection) as captured:
        _text(client, thread)

    assert not [q for q in captured if "forum_readstate" in q["sql"] and "UPDATE" in q["sql"]]
    assert not [q for q in captured if q["sql"].startswith(("INSERT", "UPDATE"))]


def test_a_worker_reuses_its_drawing_only_under_the_version_read_now(client, busy_thread):
    from unittest import mock

    from django.core.cache import cache

    from forum import thread_html

    thread = busy_thread["thread"]
    client.force_login(busy_thread["readers"][1])
    _text(client, thread)
    # The second visit takes the drawing from this worker's memory: no read of it.
    with mock.patch.object(cache, "get", wraps=cache.get) as get:
        _text(client, thread)
    body = thread_html.BODY.format(pk=thread.pk, variant="")
    assert not [c for c in get.call_args_list if str(c.args[0]).startswith(body)]

    # Another worker changes the thread (a new generation in the shared cache, as
    # `forget_threads` there leaves it; or a new post): this worker draws again.
    Post.objects.filter(thread=thread, text="Een antwoord.").update(text="Een ander antwoord.")
    cache.set(thread_html.THREAD_GENERATION.format(pk=thread.pk), "van-een-ander-proces", None)
    assert "Een ander antwoord." in _text(client, thread)
    factories.post(thread=thread, author=busy_thread["readers"][0], text="Nog een bericht.")
    assert "Nog een bericht." in _text(client, thread)


# --- the whole page kept for a member (leerwerkplaats/member_cache.py) --------------


def _kept(client, thread):
    from leerwerkplaats import member_cache

    response = client.get(thread.get_absolute_url())
    return response.status_code, response.get(member_cache.HEADER), response.content.decode()


def test_a_member_who_read_it_all_gets_the_whole_page_kept_until_the_thread_changes(
    client, busy_thread
):
    thread = busy_thread["thread"]
    member, other, moderator = (busy_thread["readers"][i] for i in (2, 1, 4))
    client.force_login(member)
    assert _kept(client, thread)[1] is None  # the first visit marks it read: not kept
    assert _kept(client, thread)[1] == "miss"
    with CaptureQueriesContext(connection) as captured:
        status, state, text = _kept(client, thread)
    assert (status, state) == (200, "hit")
    # The session, the user, and the thread's row with the member's own open reports
    # in it (one statement: forum/thread_html.py page_check).
    assert len(captured) <= 3
    assert not [q for q in captured if 'FROM "forum_post"' in q["sql"]]

    # A new post by someone else (a new last_seq): drawn, shown, marked read.
    factories.post(thread=thread, author=other, text="Een nieuw bericht.")
    status, state, text = _kept(client, thread)
    assert state is None and "Een nieuw bericht." in text
    assert _kept(client, thread)[1] == "miss"
    assert _kept(client, thread)[1] == "hit"

    # The member reports a post (no new last_seq): the report link goes at once.
    from django.urls import reverse

    post = Post.objects.get(text="Een nieuw bericht.")
    link = reverse("forum:flag", args=[post.pk])
    assert link in text
    services.flag_post(post=post, reporter=member, reason=FlagReason.ANDERS)
    status, state, text = _kept(client, thread)
    assert state == "miss" and link not in text
    # The page check reads the report as the page was drawn with it: kept again.
    assert _kept(client, thread)[1] == "hit"

    # The thread locked, its category renamed (updates, no signal): at once.
    services.lock_thread(thread=thread, moderator=moderator)
    status, state, text = _kept(client, thread)
    assert state == "miss" and "Dit gesprek is gesloten." in text
    thread.category.__class__.objects.filter(pk=thread.category_id).update(name="Andere naam")
    status, state, text = _kept(client, thread)
    assert state == "miss" and "Andere naam" in text

    # Hidden from members: no kept page is served, the member gets a 404.
    assert _kept(client, thread)[1] == "hit"
    Thread.objects.filter(pk=thread.pk).update(hidden=True)
    assert _kept(client, thread)[0] == 404


def test_a_kept_thread_page_is_never_another_members(client, busy_thread):
    from django.test import Client

    thread = busy_thread["thread"]
    clients = []
    for reader in (busy_thread["readers"][2], busy_thread["readers"][3]):
        own = Client()
        own.force_login(reader)
        _kept(own, thread)
        assert _kept(own, thread)[1] == "miss"  # each one's own page, drawn for them
        clients.append(own)
    assert _kept(clients[0], thread)[1] == "hit"
    assert _kept(clients[1], thread)[1] == "hit"
    client.force_login(busy_thread["readers"][4])  # the moderator: drawn every time
    _kept(client, thread)
    _status, state, text = _kept(client, thread)
    assert state is None and "Verborgen tekst." in text


def test_a_page_with_an_edit_link_is_kept_no_longer_than_the_edit_window(client, busy_thread):
    from unittest import mock

    from django.core.cache import cache

    thread = busy_thread["thread"]
    client.force_login(busy_thread["readers"][0])  # the author of "Mijn vraag.", just now
    _kept(client, thread)
    with mock.patch.object(cache, "set", wraps=cache.set) as kept:
        assert _kept(client, thread)[1] == "miss"
    timeouts = [c.args[2] for c in kept.call_args_list if c.args[0].startswith("memberpage")]
    assert timeouts and 0 < timeouts[0] <= permissions.EDIT_WINDOW.total_seconds()


def test_the_members_own_reaction_shows_at_once_on_a_kept_page(client, busy_thread):
    thread = busy_thread["thread"]
    member = busy_thread["readers"][1]
    client.force_login(member)
    _kept(client, thread)
    assert _kept(client, thread)[1] == "miss"
    pressed = _kept(client, thread)[2].count('aria-pressed="true"')

    services.react(post=Post.objects.get(text="Mijn vraag."), user=member, kind="steun")

    _status, state, text = _kept(client, thread)
    assert state != "hit" and text.count('aria-pressed="true"') == pressed + 1


# --- a suspended reader: no action they cannot take ---------------------------------


def _suspend(user) -> None:
    from members.models import Profile

    Profile.objects.filter(user=user).update(suspended_until=timezone.now() + timedelta(days=2))


def _actions(text: str) -> tuple[int, int]:
    """(report links, reaction forms) on a thread page."""
    return text.count("/melden/"), text.count("data-forum-react")


def test_a_suspended_reader_sees_no_report_link_and_no_reaction_buttons(client, busy_thread):
    """Reporting and reacting are refused while suspended (forum.permissions.
    can_take_part): the page offers neither; the reactions there are shown as
    plain labels, and a note near the top says until when."""
    thread = busy_thread["thread"]
    other, reactor = busy_thread["readers"][1:3]
    client.force_login(other)
    before = _text(client, thread)  # the shared drawing exists already
    assert _actions(before)[0] > 0 and _actions(before)[1] > 0
    _suspend(reactor)

    client.force_login(reactor)
    text = _text(client, thread)

    assert _actions(text) == (0, 0)
    assert "<button" not in _posts_part(text)
    assert "forum-reaction--present" in text  # reactions stay visible, as labels
    note = text.index("Je bent geschorst tot")
    assert note < text.index("data-forum-posts")
    fresh = type(reactor).objects.get(pk=reactor.pk)  # not the suspension read before
    assert _posts_part(text).splitlines() == _drawn_afresh(thread, fresh).splitlines()


def test_a_member_and_a_moderator_keep_their_actions_next_to_a_suspended_reader(
    client, busy_thread
):
    thread = busy_thread["thread"]
    other, reactor, moderator = (busy_thread["readers"][i] for i in (1, 2, 4))
    _suspend(reactor)
    client.force_login(reactor)
    _text(client, thread)  # the suspended reader's drawing first

    for reader in (other, moderator):
        client.force_login(reader)
        text = _text(client, thread)
        reports, forms = _actions(text)
        assert reports > 0 and forms > 0
        assert "Je bent geschorst tot" not in text
        assert _posts_part(text).splitlines() == _drawn_afresh(thread, reader).splitlines()


SUSPENDED = "Je bent geschorst tot"
SKIP_LINK = '<a class="utrecht-link" href="#nieuw-bericht">Naar het reactieformulier</a>'
REPLY_SECTION = 'id="nieuw-bericht"'


def test_a_suspended_reader_reads_the_suspension_once_and_no_link_to_a_missing_form(
    client, busy_thread, django_assert_num_queries, session_read_queries
):
    """The sentence with its end date stands once, under the title; the reply
    section (which would repeat it) and the skip link to it are not drawn. A
    member and a moderator keep both, and nobody's page takes another query."""
    thread = busy_thread["thread"]
    other, reactor, moderator = (busy_thread["readers"][i] for i in (1, 2, 4))
    _suspend(reactor)

    client.force_login(reactor)
    _text(client, thread)  # the first visit creates the read state
    with django_assert_num_queries(3 + session_read_queries):
        text = _text(client, thread)
    assert text.count(SUSPENDED) == 1
    assert text.index(SUSPENDED) < text.index("data-forum-posts")
    assert "#nieuw-bericht" not in text
    assert "Naar het reactieformulier" not in text
    assert REPLY_SECTION not in text
    assert "data-forum-reply-form" not in text

    # A moderator's page is never kept whole: the shared drawing, the reader's bits.
    client.force_login(moderator)
    _text(client, thread)
    with django_assert_num_queries(4 + session_read_queries):
        text = _text(client, thread)
    assert SUSPENDED not in text
    assert text.count(SKIP_LINK) == 1
    assert text.count(REPLY_SECTION) == 1
    assert 'id="forum-reply-form"' in text

    # A member's page, read in full, is kept whole (leerwerkplaats/member_cache.py).
    client.force_login(other)
    _text(client, thread)
    _text(client, thread)
    with django_assert_num_queries(1 + session_read_queries):
        text = _text(client, thread)
    assert SUSPENDED not in text
    assert text.count(SKIP_LINK) == 1
    assert text.count(REPLY_SECTION) == 1
    assert 'id="forum-reply-form"' in text


def test_no_skip_link_to_the_reply_form_in_a_locked_thread(client, busy_thread):
    """A locked thread has no reply form for a member: the section says so, and
    nothing above offers to jump to a form; a moderator may still post there."""
    thread = busy_thread["thread"]
    other, moderator = (busy_thread["readers"][i] for i in (1, 4))
    Thread.objects.filter(pk=thread.pk).update(locked=True)

    client.force_login(other)
    text = _text(client, thread)
    assert "Naar het reactieformulier" not in text
    assert "er kunnen geen berichten meer bij" in text
    assert 'id="forum-reply-form"' not in text

    client.force_login(moderator)
    text = _text(client, thread)
    assert text.count(SKIP_LINK) == 1
    assert 'id="forum-reply-form"' in text


def test_a_suspended_readers_thread_page_takes_no_more_queries(client, busy_thread):
    thread = busy_thread["thread"]
    other, reactor = busy_thread["readers"][1:3]
    _suspend(reactor)
    counts = []
    for reader in (other, reactor):
        client.force_login(reader)
        _text(client, thread)
        with CaptureQueriesContext(connection) as captured:
            _text(client, thread)
        counts.append(len(captured))

    assert counts[1] <= counts[0]


def test_a_suspended_readers_live_frame_has_no_report_link_or_reaction_buttons(busy_thread):
    """The live path (one member's frame, and the batch of a worker) follows the
    same rule, also in a locked thread (where a reader's drawing may not post either)."""
    from forum.models import EventKind
    from members.selectors import users_for_live_check

    thread = busy_thread["thread"]
    other, reactor = busy_thread["readers"][1:3]
    Thread.objects.filter(pk=thread.pk).update(locked=True)
    _suspend(reactor)
    post = Post.objects.get(text="Een antwoord.")
    loaded = users_for_live_check([(u.pk, None) for u in (reactor, other)])
    users = [loaded[(reactor.pk, None)], loaded[(other.pk, None)]]

    single = selectors.frame_for(
        thread_id=thread.pk, seq=post.seq, kind=EventKind.POST, post_id=post.pk, user=users[0]
    )
    batch = selectors.live_frames(
        thread_id=thread.pk, seq=post.seq, kind=EventKind.POST, post_id=post.pk, users=users
    )
    prepared = selectors.prepare_event(
        thread_id=thread.pk, seq=post.seq, kind=EventKind.POST, post_id=post.pk
    )
    variant = selectors._member_answer(
        users[0], thread=Thread.objects.get(pk=thread.pk), post=post, reactions={}, flaggers=set()
    )
    from_drawing = selectors.prepared_frame(
        prepared=prepared, seq=post.seq, post_id=post.pk, answer=variant
    )

    assert _actions(single["html"]) == (0, 0)
    assert _actions(batch[0][1]["html"]) == (0, 0)
    assert batch[0][1]["html"] == single["html"]
    assert from_drawing is None  # not drawn for a suspended reader: the worker renders
    assert _actions(batch[1][1]["html"]) == (1, 1)  # the other member may still
