"""Forum records for the tests. `post()` writes directly (no privacy scan) for bulk
data; flows that matter go through forum.services in the tests themselves."""

from __future__ import annotations

from django.db.models import F

from forum.models import Category, EventKind, Post, Thread, ThreadEvent
from tests.members import factories as member_factories


def category(slug: str = "casuistiek", name: str = "Casuïstiek") -> Category:
    return Category.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def thread(*, author=None, title: str = "Een vraag over de meldcode", **fields) -> Thread:
    author = author or member_factories.member()
    return Thread.objects.create(
        category=fields.pop("category", None) or category(), title=title, author=author, **fields
    )


def post(*, thread: Thread, author=None, text: str = "Herkenbaar, dank je.", **fields) -> Post:
    Thread.objects.filter(pk=thread.pk).update(last_seq=F("last_seq") + 1)
    thread.refresh_from_db(fields=["last_seq"])
    created = Post.objects.create(
        thread=thread, seq=thread.last_seq, author=author or thread.author, text=text, **fields
    )
    ThreadEvent.objects.create(thread=thread, seq=created.seq, kind=EventKind.POST, post=created)
    return created


def moderator():
    return member_factories.member(role="Moderator", with_mfa=True)
