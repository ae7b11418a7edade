"""One thread event for many sockets of a worker process: checked and rendered in a
fixed number of queries whatever the number of sockets (docs/live.md, "Many sockets
on one thread"), with each member's frame as they alone may see it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forum import selectors
from forum.models import EventKind, Flag, FlagReason, Reaction
from members.models import Profile
from members.permissions import is_suspended
from members.selectors import users_for_live_check
from tests.forum import factories
from tests.members import factories as member_factories

pytestmark = pytest.mark.django_db


def frames_for(thread, post, users):
    loaded = users_for_live_check([(user.pk, None) for user in users])
    members = [loaded[(user.pk, None)] for user in users]
    with CaptureQueriesContext(connection) as captured:
        answers = selectors.live_frames(
            thread_id=thread.pk, seq=post.seq, kind=EventKind.POST, post_id=post.pk, users=members
        )
    return answers, len(captured)


def test_the_queries_do_not_grow_with_the_number_of_sockets():
    author = member_factories.member()
    thread = factories.thread(author=author)
    post = factories.post(thread=thread, author=author)
    few = [member_factories.member() for _ in range(2)]
    many = few + [member_factories.member() for _ in range(10)]

    _, queries_few = frames_for(thread, post, few)
    answers, queries_many = frames_for(thread, post, many)

    assert queries_many == queries_few
    assert all(permitted and frame["type"] == "post" for permitted, frame in answers)


def test_loading_many_members_takes_two_queries(django_assert_num_queries):
    members = [member_factories.member() for _ in range(8)]
    with django_assert_num_queries(1):  # no session keys: the members only
        loaded = users_for_live_check([(m.pk, None) for m in members])
    assert all(loaded[(m.pk, None)] is not None for m in members)


def test_the_members_check_is_built_once_per_shape_and_reads_the_database_now(monkeypatch):
    """The worker's members query is built and compiled once per shape (how many
    members, which annotations) and then run with the new ids and thread: it cost
    more CPU than running it. What it reads stays current: a suspension, a
    deactivated account, a locked thread show at the next call."""
    from forum.models import Thread
    from members import selectors as member_selectors

    first = [member_factories.member() for _ in range(3)]
    others = [member_factories.member() for _ in range(3)]
    thread, other_thread = factories.thread(), factories.thread()
    loaded = users_for_live_check(
        [(m.pk, None) for m in first], annotations=selectors.live_thread_annotations(thread.pk)
    )
    assert all(loaded[(m.pk, None)] is not None for m in first)
    built = []
    real = member_selectors._with_access_answers
    monkeypatch.setattr(
        member_selectors, "_with_access_answers", lambda users: built.append(users) or real(users)
    )

    Profile.objects.filter(user=first[0]).update(suspended_until=timezone.now() + timedelta(days=1))
    type(first[1]).objects.filter(pk=first[1].pk).update(is_active=False)
    Thread.objects.filter(pk=thread.pk).update(locked=True)
    loaded = users_for_live_check(
        [(m.pk, None) for m in first], annotations=selectors.live_thread_annotations(thread.pk)
    )
    theirs = users_for_live_check(
        [(m.pk, None) for m in others],
        annotations=selectors.live_thread_annotations(other_thread.pk),
    )

    assert is_suspended(loaded[(first[0].pk, None)])
    assert loaded[(first[1].pk, None)] is None
    assert loaded[(first[2].pk, None)]._forum_thread_locked is True
    assert not is_suspended(loaded[(first[2].pk, None)])
    assert {key: user.pk for key, user in theirs.items()} == {(m.pk, None): m.pk for m in others}
    assert all(user._forum_thread_locked is False for user in theirs.values())
    assert built == []


def test_the_sessions_are_read_as_they_are_now(django_assert_num_queries):
    """The check reads each socket's session with the members (two queries): an
    ended or expired session is None, and a session whose data changed is read
    anew (the decoded data are kept per stored text only)."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    from members.middleware import SESSION_SEEN_AT

    members = [member_factories.member() for _ in range(3)]
    keys = []
    for member in members:
        session = SessionStore()
        session["_auth_user_id"] = str(member.pk)
        session[SESSION_SEEN_AT] = 1000
        session.create()
        keys.append(session.session_key)
    wanted = list(zip([m.pk for m in members], keys, strict=True))
    with django_assert_num_queries(2):
        loaded = users_for_live_check(wanted)
    assert all(loaded[pair].live_session[SESSION_SEEN_AT] == 1000 for pair in wanted)

    Session.objects.filter(session_key=keys[0]).delete()
    Session.objects.filter(session_key=keys[1]).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    session = SessionStore(session_key=keys[2])
    session[SESSION_SEEN_AT] = 2000
    session.save()
    loaded = users_for_live_check(wanted)

    assert loaded[wanted[0]].live_session is None
    assert loaded[wanted[1]].live_session is None
    assert loaded[wanted[2]].live_session[SESSION_SEEN_AT] == 2000


def test_each_member_sees_the_post_as_they_may():
    author = member_factories.member()
    thread = factories.thread(author=author)
    post = factories.post(thread=thread, author=author, text="Een bericht voor iedereen.")
    reader = member_factories.member()
    reacted = member_factories.member()
    Reaction.objects.create(post=post, user=reacted, kind="steun")
    moderator = factories.moderator()
    refused = member_factories.member(status="refused")
    users = [author, reader, reacted, moderator, refused]

    answers, _ = frames_for(thread, post, users)
    by_user = dict(zip([u.pk for u in users], answers, strict=True))

    assert by_user[refused.pk] == (False, None)
    for pk in (author.pk, reader.pk, reacted.pk, moderator.pk):
        permitted, frame = by_user[pk]
        assert permitted
        # Each frame equals what the one-socket path renders for that member.
        single = users_for_live_check([(pk, None)])[(pk, None)]
        expected = selectors.frame_for(
            thread_id=thread.pk, seq=post.seq, kind=EventKind.POST, post_id=post.pk, user=single
        )
        assert frame == expected
    assert 'aria-pressed="true"' in by_user[reacted.pk][1]["html"]
    assert 'aria-pressed="true"' not in by_user[reader.pk][1]["html"]


def test_a_hidden_post_is_a_bare_post_hidden_for_members_only():
    author = member_factories.member()
    thread = factories.thread(author=author)
    post = factories.post(thread=thread, author=author, hidden=True)
    reader = member_factories.member()
    moderator = factories.moderator()

    answers, _ = frames_for(thread, post, [reader, moderator])

    assert answers[0] == (True, {"type": "post_hidden", "seq": post.seq, "id": post.pk})
    assert answers[1][1]["type"] == "post" and "html" in answers[1][1]


def test_the_batch_knows_a_suspended_member_is_suspended():
    """The batch fills the same memo as the one-socket check, suspension included
    (it once left it out, and a suspended member then passed the per-event check)."""
    member = member_factories.member()
    Profile.objects.filter(user=member).update(suspended_until=timezone.now() + timedelta(days=1))

    loaded = users_for_live_check([(member.pk, None)])[(member.pk, None)]

    assert is_suspended(loaded)


# --- frames prepared once in the posting process (forum.broadcast) -----------


def prepared_for(thread, post, users, *, kind=EventKind.POST, seq=None):
    """The event's frames as the posting transaction prepares them, and
    as a worker then decides them for `users` (loaded as its check loads them)."""
    seq = post.seq if seq is None else seq
    prepared = selectors.prepare_event(thread_id=thread.pk, seq=seq, kind=kind, post_id=post.pk)
    return prepared, decide_prepared(thread, post, users, prepared, seq=seq)


def decide_prepared(thread, post, users, prepared, *, seq):
    loaded = users_for_live_check(
        [(user.pk, None) for user in users],
        annotations=selectors.live_thread_annotations(thread.pk),
    )
    members = [loaded[(user.pk, None)] for user in users]
    return selectors.prepared_live_frames(
        prepared=prepared, thread_id=thread.pk, seq=seq, post_id=post.pk, users=members
    )


def test_prepared_frames_are_what_the_worker_would_render_for_each_member():
    """Author, reader, one who reacted, one who flagged, a moderator (who also
    reacted), a refused member: each gets from the prepared frames exactly the
    frame the one-socket path renders for them."""
    author = member_factories.member()
    thread = factories.thread(author=author)
    post = factories.post(thread=thread, author=author, text="Een bericht voor iedereen.")
    reader = member_factories.member()
    reacted = member_factories.member()
    flagger = member_factories.member()
    moderator = factories.moderator()
    Reaction.objects.create(post=post, user=reacted, kind="steun")
    Reaction.objects.create(post=post, user=moderator, kind="herkenbaar")
    Flag.objects.create(post=post, reporter=flagger, reason=FlagReason.ANDERS)
    refused = member_factories.member(status="refused")
    users = [author, reader, reacted, flagger, moderator, refused]

    prepared, answers = prepared_for(thread, post, users)

    # Drawn twice in the posting process, a reader's and a moderator's; the author's,
    # the reacted and the flagger's frames are made from the reader's drawing.
    assert [(m, p) for m, p, _ in prepared["drawings"]] == [(False, True), (True, True)]
    assert answers is not None
    assert answers[-1] == (False, None)
    expected = selectors.live_frames(
        thread_id=thread.pk,
        seq=post.seq,
        kind=EventKind.POST,
        post_id=post.pk,
        users=[users_for_live_check([(u.pk, None)])[(u.pk, None)] for u in users],
    )
    assert answers == expected
    for user, (permitted, frame) in zip(users[:-1], answers, strict=False):
        single = users_for_live_check([(user.pk, None)])[(user.pk, None)]
        assert permitted
        assert frame == selectors.frame_for(
            thread_id=thread.pk, seq=post.seq, kind=EventKind.POST, post_id=post.pk, user=single
        )
    assert "Melden" not in answers[3][1]["html"]  # the flagger flagged already
    assert "Bewerken" in answers[0][1]["html"] and "Bewerken" not in answers[1][1]["html"]


def test_preparing_an_event_takes_two_queries_and_two_drawings(monkeypatch):
    """The posting process's work before the event leaves: the post with its thread,
    then its reactions and flags (one query), and one drawing per way of seeing it,
    whoever reacted, flagged or wrote it (it once read the thread's last_seq twice,
    loaded the members with a variant of their own and drew each of them)."""
    author = member_factories.member()
    thread = factories.thread(author=author)
    post = factories.post(thread=thread, author=author)
    for kind in ("steun", "herkenbaar"):
        Reaction.objects.create(post=post, user=member_factories.member(), kind=kind)
    Flag.objects.create(post=post, reporter=member_factories.member(), reason=FlagReason.ANDERS)
    drawn = []
    render = selectors.render_to_string

    def counted(*args, **kwargs):
        drawn.append(args)
        return render(*args, **kwargs)

    monkeypatch.setattr(selectors, "render_to_string", counted)
    with CaptureQueriesContext(connection) as captured:
        prepared = selectors.prepare_event(
            thread_id=thread.pk, seq=post.seq, kind=EventKind.POST, post_id=post.pk
        )

    assert prepared is not None
    assert len(captured) == 2
    assert len(drawn) == 2


@pytest.mark.parametrize("case", ["hidden", "deleted", "locked", "edited", "quote", "suspended"])
def test_prepared_frames_equal_the_rendered_ones_whatever_the_post(case):
    """Each member's frame made from the drawings equals the one rendered for them
    alone: a hidden post (readers get a bare post_hidden, a moderator the post),
    a deleted one, a locked thread, an edited post (the moderator's history), a
    quote of a hidden post; a suspended reader's way (may not post) is not drawn,
    so the worker renders."""
    from forum import services
    from forum.models import Thread

    author = member_factories.member()
    thread = factories.thread(author=author)
    moderator = factories.moderator()
    reader = member_factories.member()
    reply_to = None
    if case == "quote":
        reply_to = factories.post(thread=thread, author=reader, hidden=True)
    post = services.post_reply(
        thread=thread, author=author, text="Een bericht om te tonen.", reply_to=reply_to
    )
    Reaction.objects.create(post=post, user=reader, kind="steun")
    if case == "hidden":
        services.hide_post(post=post, moderator=moderator)
    elif case == "deleted":
        services.delete_post(post=post, actor=author)
    elif case == "locked":
        services.lock_thread(thread=thread, moderator=moderator)
    elif case == "edited":
        services.edit_post(post=post, editor=author, text="Een bericht, anders gezegd.")
    elif case == "suspended":
        Profile.objects.filter(user=reader).update(
            suspended_until=timezone.now() + timedelta(days=1)
        )
    post.refresh_from_db()
    seq = Thread.objects.get(pk=thread.pk).last_seq
    kind = {"hidden": EventKind.POST_HIDDEN, "edited": EventKind.POST_UPDATED}.get(
        case, EventKind.POST
    )
    users = [author, reader, moderator]

    prepared, answers = prepared_for(thread, post, users, kind=kind, seq=seq)

    if case == "suspended":
        assert answers is None
        return
    assert answers is not None
    expected = selectors.live_frames(
        thread_id=thread.pk,
        seq=seq,
        kind=kind,
        post_id=post.pk,
        users=[users_for_live_check([(u.pk, None)])[(u.pk, None)] for u in users],
    )
    assert answers == expected
    if case == "hidden":
        assert answers[1] == (True, {"type": "post_hidden", "seq": seq, "id": post.pk})
        assert [(m, p) for m, p, _ in prepared["drawings"]] == [(True, True)]
    if case == "edited":
        assert "Een bericht om te tonen." in answers[2][1]["html"]  # the moderator's history
        assert "Een bericht om te tonen." not in answers[1][1]["html"]


def test_a_worker_decides_a_prepared_event_in_one_query_and_renders_nothing(monkeypatch):
    """The worker's whole check of a prepared event for many members: one query (the
    members, with the thread's state in passing; the sessions add one when the
    sockets have them), no post loaded, nothing rendered."""
    author = member_factories.member()
    thread = factories.thread(author=author)
    post = factories.post(thread=thread, author=author)
    readers = [member_factories.member() for _ in range(6)] + [factories.moderator()]
    prepared = selectors.prepare_event(
        thread_id=thread.pk, seq=post.seq, kind=EventKind.POST, post_id=post.pk
    )

    def no_rendering(*args, **kwargs):
        raise AssertionError("a worker rendered the post")

    monkeypatch.setattr(selectors, "render_to_string", no_rendering)
    with CaptureQueriesContext(connection) as captured:
        answers = decide_prepared(thread, post, readers, prepared, seq=post.seq)

    assert len(captured) == 1
    assert answers is not None
    assert all(permitted and frame["type"] == "post" for permitted, frame in answers)
    # One frame object per way of seeing the post, its JSON encoded once.
    assert len({id(frame) for _, frame in answers}) == 2


def test_prepared_frames_are_not_used_once_the_thread_moved_on():
    """A post hidden after the frames were prepared (a new seq): the worker renders
    from the database, and the reader gets a bare post_hidden, not the text."""
    author = member_factories.member()
    thread = factories.thread(author=author)
    post = factories.post(thread=thread, author=author, text="Wordt zo verborgen.")
    reader = member_factories.member()
    prepared = selectors.prepare_event(
        thread_id=thread.pk, seq=post.seq, kind=EventKind.POST, post_id=post.pk
    )
    assert prepared is not None
    moderator = factories.moderator()
    from forum import services

    services.hide_post(post=post, moderator=moderator)

    assert decide_prepared(thread, post, [reader], prepared, seq=post.seq) is None
    [answer] = selectors.live_frames(
        thread_id=thread.pk,
        seq=post.seq,
        kind=EventKind.POST,
        post_id=post.pk,
        users=[users_for_live_check([(reader.pk, None)])[(reader.pk, None)]],
    )
    assert answer == (True, {"type": "post_hidden", "seq": post.seq, "id": post.pk})


def test_a_thread_hidden_or_locked_after_preparing_is_decided_as_it_is_now():
    """Hiding or locking a thread takes no seq: the worker reads the thread's state
    in its check. Hidden: the reader is refused. Locked: the reader's variant (no
    "Reageer hierop") was not prepared, so the worker renders it."""
    from forum.models import Thread

    author = member_factories.member()
    thread = factories.thread(author=author)
    post = factories.post(thread=thread, author=author)
    reader = member_factories.member()
    prepared = selectors.prepare_event(
        thread_id=thread.pk, seq=post.seq, kind=EventKind.POST, post_id=post.pk
    )

    Thread.objects.filter(pk=thread.pk).update(locked=True)
    assert decide_prepared(thread, post, [reader], prepared, seq=post.seq) is None

    Thread.objects.filter(pk=thread.pk).update(locked=False, hidden=True)
    assert decide_prepared(thread, post, [reader], prepared, seq=post.seq) == [(False, None)]


def test_prepared_frames_in_an_aliased_thread_show_the_aliases():
    author = member_factories.member()
    thread = factories.thread(author=author, alias_mode=True)
    from forum import services

    post = services.post_reply(thread=thread, author=author, text="Mijn inbreng.")
    reader = member_factories.member()
    moderator = factories.moderator()

    _, answers = prepared_for(thread, post, [reader, moderator, author])

    assert answers is not None
    for (_, frame), user in zip(answers, [reader, moderator, author], strict=True):
        single = users_for_live_check([(user.pk, None)])[(user.pk, None)]
        assert frame == selectors.frame_for(
            thread_id=thread.pk, seq=post.seq, kind=EventKind.POST, post_id=post.pk, user=single
        )
        assert "Inbrenger" in frame["html"]
        assert author.profile.pseudonym not in frame["html"]


# --- drawn in the posting transaction; the commit only sends (forum.broadcast) ------


def _sent_by_the_hooks(monkeypatch, callbacks):
    """Run the captured on-commit hooks, counting their queries and drawings, and
    return what they handed to the channel layer."""
    from django.test.signals import template_rendered

    from members import broadcast as members_broadcast

    sent = []
    monkeypatch.setattr(
        members_broadcast, "send_now", lambda group, event: sent.append((group, dict(event)))
    )
    drawn = []

    def rendered(sender, **kwargs):
        drawn.append(kwargs.get("template"))

    template_rendered.connect(rendered)
    try:
        with CaptureQueriesContext(connection) as captured:
            for callback in callbacks:
                callback()
    finally:
        template_rendered.disconnect(rendered)
    return sent, len(captured), len(drawn)


@pytest.mark.parametrize("change", ["reply", "edit", "react", "hide"])
def test_the_commit_only_sends_what_the_transaction_drew(
    monkeypatch, django_capture_on_commit_callbacks, change
):
    """Zulip's way: the post is drawn in the posting transaction, right after its
    row is written; the on-commit hook runs no query and draws nothing. What it
    sends makes each member's frame exactly as the worker renders it from the
    database after the commit."""
    from forum import services
    from forum.broadcast import THREAD_EVENT, thread_group

    author = member_factories.member()
    thread = factories.thread(author=author)
    reader = member_factories.member()
    moderator = factories.moderator()
    first = factories.post(thread=thread, author=author, text="Een eerste bericht.")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        if change == "reply":
            post = services.post_reply(thread=thread, author=author, text="Een antwoord.")
            kind = EventKind.POST
        elif change == "edit":
            post = services.edit_post(post=first, editor=author, text="Anders gezegd.")
            kind = EventKind.POST_UPDATED
        elif change == "react":
            services.react(post=first, user=reader, kind="steun")
            post, kind = first, EventKind.REACTION
        else:
            post = services.hide_post(post=first, moderator=moderator)
            kind = EventKind.POST_HIDDEN

    sent, queries, drawings = _sent_by_the_hooks(monkeypatch, callbacks)

    assert queries == 0
    assert drawings == 0
    events = [event for group, event in sent if event.get("type") == THREAD_EVENT]
    assert [group for group, event in sent if event.get("type") == THREAD_EVENT] == [
        thread_group(thread.pk)
    ]
    event = events[0]
    thread.refresh_from_db()
    assert (event["seq"], event["kind"], event["post_id"]) == (thread.last_seq, kind, post.pk)
    prepared = event["prepared"]
    assert prepared is not None and prepared["drawings"]
    users = [author, reader, moderator]
    answers = decide_prepared(thread, post, users, prepared, seq=event["seq"])
    assert answers is not None  # the drawings were used, not the database
    expected = selectors.live_frames(
        thread_id=thread.pk,
        seq=event["seq"],
        kind=kind,
        post_id=post.pk,
        users=[users_for_live_check([(u.pk, None)])[(u.pk, None)] for u in users],
    )
    assert answers == expected


def test_a_drawing_that_fails_in_the_transaction_costs_neither_the_post_nor_its_event(
    monkeypatch, django_capture_on_commit_callbacks
):
    """A bug in the drawing: the reply is stored and its event still leaves, without
    drawings (the workers render it from the database)."""
    from forum import services

    author = member_factories.member()
    thread = factories.thread(author=author)

    def broken(**kwargs):
        raise ValueError("a template bug")

    monkeypatch.setattr(selectors, "prepare_event", broken)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post = services.post_reply(thread=thread, author=author, text="Een antwoord.")
    sent, _queries, _drawings = _sent_by_the_hooks(monkeypatch, callbacks)

    assert post.pk is not None
    assert [event.get("prepared") for _group, event in sent if "post_id" in event] == [None]


def _fields(instance):
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def test_the_live_posts_queries_are_compiled_once_per_connection(monkeypatch):
    """The post with its thread, authors and quote, then its reactions and open
    flags: compiled on the first event of a connection, then only run (building and
    compiling them cost as much CPU as the drawings), and what they load is what the
    ORM loads."""
    from django.db.models.sql.compiler import SQLCompiler

    author = member_factories.member()
    thread = factories.thread(author=author)
    quoted = factories.post(thread=thread, author=member_factories.member(), text="Eerst.")
    post = factories.post(thread=thread, author=author, reply_to=quoted, text="Dan.")
    reacted = member_factories.member()
    Reaction.objects.create(post=post, user=reacted, kind="steun")
    flagger = member_factories.member()
    Flag.objects.create(post=post, reporter=flagger, reason=FlagReason.ANDERS)
    selectors._live_post(thread_id=thread.pk, post_id=quoted.pk)  # the connection's first
    compiled = []
    as_sql = SQLCompiler.as_sql

    def counted(self, *args, **kwargs):
        compiled.append(self)
        return as_sql(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counted)
    with CaptureQueriesContext(connection) as captured:
        live = selectors._live_post(thread_id=thread.pk, post_id=post.pk)
    monkeypatch.setattr(SQLCompiler, "as_sql", as_sql)

    assert compiled == []
    assert len(captured) == 2
    orm = selectors._post_query(thread.pk, post.pk).get()
    assert _fields(live.post) == _fields(orm)
    assert _fields(live.thread) == _fields(orm.thread)
    assert _fields(live.post.author) == _fields(orm.author)
    assert _fields(live.post.author.profile) == _fields(orm.author.profile)
    assert _fields(live.post.reply_to) == _fields(orm.reply_to)
    assert _fields(live.post.reply_to.author.profile) == _fields(orm.reply_to.author.profile)
    assert live.reactions == {reacted.pk: frozenset({"steun"})}
    assert live.flaggers == {flagger.pk}
    # Another thread's post, or a post that is gone: none, and the thread as it is.
    other = factories.thread(author=author)
    assert selectors._live_post(thread_id=other.pk, post_id=post.pk).post is None
    assert selectors._live_post(thread_id=other.pk, post_id=post.pk).thread == other


def test_the_sessions_by_digest_take_one_query_however_many(django_assert_num_queries):
    """The sender's read of the sessions (members.selectors.live_sessions_by_digest):
    one query for one member or five, an ended session None."""
    from allauth.usersessions.models import UserSession
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    from members.live_rules import session_digest
    from members.middleware import SESSION_SEEN_AT
    from members.selectors import live_sessions_by_digest

    members = [member_factories.member() for _ in range(5)]
    keys = []
    for member in members:
        session = SessionStore()
        session[SESSION_SEEN_AT] = member.pk
        session.create()
        UserSession.objects.create(user=member, session_key=session.session_key, ip="127.0.0.1")
        keys.append(session.session_key)
    Session.objects.filter(session_key=keys[1]).delete()

    for some in (members[:1], members):
        with django_assert_num_queries(1):
            found = live_sessions_by_digest([m.pk for m in some])
        assert set(found) == {(m.pk, session_digest(k)) for m, k in zip(some, keys, strict=False)}
    assert found[(members[1].pk, session_digest(keys[1]))] is None
    assert found[(members[2].pk, session_digest(keys[2]))][SESSION_SEEN_AT] == members[2].pk
