"""The thread page draws each post once per version and way of seeing it
(forum/post_html.py): a change shows at once, and no reader ever gets HTML that
was drawn for someone who may see more (a moderator, an author behind an alias)."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test.signals import template_rendered

from forum import post_html, services
from forum.models import Reaction
from tests.forum import factories
from tests.members import factories as member_factories

pytestmark = pytest.mark.django_db

POST_TEMPLATE = "forum/includes/post.html"


def _text(client, thread) -> str:
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def _post_renders(client, thread) -> int:
    drawn: list[str] = []

    def seen(sender, template, context, **kwargs):
        drawn.append(template.name)

    template_rendered.connect(seen)
    try:
        _text(client, thread)
    finally:
        template_rendered.disconnect(seen)
    return drawn.count(POST_TEMPLATE)


@pytest.fixture
def member(db):
    return member_factories.member()


def test_a_second_visit_draws_no_post_template(client, member):
    thread = factories.thread()
    for i in range(5):
        factories.post(thread=thread, text=f"Bericht nummer {i}.")
    client.force_login(member)

    assert _post_renders(client, thread) == 5
    assert _post_renders(client, thread) == 0


def test_the_kept_html_is_the_html_the_template_draws(client, member):
    thread = factories.thread()
    post = factories.post(thread=thread, text="Eerste regel.\n\nTweede regel.")
    Reaction.objects.create(post=post, user=member, kind="steun")
    client.force_login(member)

    drawn = _posts_part(_text(client, thread))
    from_cache = _posts_part(_text(client, thread))

    assert drawn == from_cache
    assert "forum-reaction--present" in from_cache
    assert "Tweede regel." in from_cache


def _posts_part(text: str) -> str:
    """The list of posts, without the CSRF token (masked afresh per request)."""
    part = text.split("data-forum-posts>", 1)[1].split("</ol>\n", 1)[0]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", part)


def test_every_post_form_carries_the_requests_csrf_token(client, member):
    thread = factories.thread()
    factories.post(thread=thread, text="Een.")
    factories.post(thread=thread, text="Twee.")
    client.force_login(member)
    _text(client, thread)  # fills the cache

    text = _text(client, thread)
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]*)"', text)

    assert len(tokens) >= 3  # the reaction forms of both posts and the page's own forms
    assert all(len(token) == 64 for token in tokens)
    assert post_html.csrf_slot() not in text


def test_an_edit_shows_at_once(client, member):
    thread = factories.thread(author=member)
    post = factories.post(thread=thread, author=member, text="De eerste versie.")
    client.force_login(member)
    assert "De eerste versie." in _text(client, thread)

    services.edit_post(post=post, editor=member, text="De tweede versie.")

    text = _text(client, thread)
    assert "De tweede versie." in text
    assert "De eerste versie." not in text


def test_a_redaction_drops_the_old_text_from_the_cache_and_from_quoting_replies(client, member):
    moderator = factories.moderator()
    thread = factories.thread()
    quoted = factories.post(thread=thread, text="Te herleidbaar verhaal over de buren.")
    factories.post(thread=thread, text="Mijn antwoord.", reply_to=quoted)
    client.force_login(member)
    assert _text(client, thread).count("Te herleidbaar verhaal") == 2

    services.redact_post(post=quoted, moderator=moderator, text="Een verhaal over [NAAM].")

    text = _text(client, thread)
    assert "Te herleidbaar verhaal" not in text
    stored = cache.get_many([post_html.KEY.format(pk=quoted.pk)])
    assert all("Te herleidbaar" not in html for v in stored.values() for html in v.values())


def test_a_member_never_gets_the_moderators_drawing(client, member):
    moderator = factories.moderator()
    thread = factories.thread()
    factories.post(thread=thread, text="Een gewoon bericht.")
    hidden = factories.post(thread=thread, text="Dit bericht is verborgen geheim.")
    services.hide_post(post=hidden, moderator=moderator)
    client.force_login(moderator)
    moderator_view = _text(client, thread)
    assert "Dit bericht is verborgen geheim." in moderator_view
    assert "Modereren" in moderator_view

    client.force_login(member)
    text = _text(client, thread)

    assert "Dit bericht is verborgen geheim." not in text
    assert "Modereren" not in text
    assert "Een gewoon bericht." in text


def test_an_alias_is_never_drawn_with_the_pseudonym_behind_it(client, member):
    author = member_factories.member()
    thread = services.open_thread(
        category=factories.category(),
        title="Casus",
        author=author,
        text="Hoe pakken jullie dit aan?",
        alias_mode=True,
    )
    client.force_login(author)  # the author's own drawing (may edit) goes in first
    assert "Inbrenger" in _text(client, thread)

    client.force_login(member)
    text = _text(client, thread)

    assert "Inbrenger" in text
    assert author.profile.pseudonym not in text
    assert "Bewerken" not in text


def test_erasing_a_member_forgets_their_posts_html(client, member):
    from forum.services import erase_personal_data

    author = member_factories.member()
    thread = factories.thread(author=author)
    post = factories.post(thread=thread, author=author, text="Mijn bericht.")
    client.force_login(member)
    _text(client, thread)
    assert cache.get(post_html.KEY.format(pk=post.pk))

    erase_personal_data(author)

    assert cache.get(post_html.KEY.format(pk=post.pk)) is None
