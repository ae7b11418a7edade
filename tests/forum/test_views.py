"""The forum's pages: members only, the privacy preview without JavaScript,
flags, moderation, and the canary that must never be stored."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from forum import services
from forum.audit import ForumAudit
from forum.models import FlagReason, Post, Thread
from forum.privacy_check import ERROR_PRIVACY_UNAVAILABLE
from members.models import AuditEvent, MembershipStatus
from tests.cache_contents import cache_holds
from tests.forum import factories
from tests.members import factories as member_factories
from tests.members.factories import PASSWORD
from tests.members.test_privacy_rights import rows_mentioning

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Zorgen om het gezin in de Vlinderbuurt"
NAME_TEXT = "Ik sprak met haar man Dmytro Kowalczyk over de school."
PHONE_TEXT = "Bel mij op 06-12345678 over dit gezin."
PLAIN = "Herkenbaar, dank je. Hoe pakten jullie dit aan?"


@pytest.fixture
def thread(db, category):
    thread = factories.thread(title=SECRET_TITLE, category=category)
    factories.post(thread=thread, text="Wie heeft hier ervaring mee?")
    return thread


def page(client, url):
    response = client.get(url)
    return response, response.content.decode()


def test_a_visitor_goes_to_the_login(client, thread):
    for url in (reverse("forum:index"), thread.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_a_pending_member_sees_no_title_and_no_count(client, thread):
    pending = member_factories.member(role=None, status=MembershipStatus.PENDING)
    client.force_login(pending)

    for url in (
        reverse("forum:index"),
        thread.category.get_absolute_url(),
        thread.get_absolute_url(),
    ):
        response, text = page(client, url)
        assert response.status_code == 403
        assert SECRET_TITLE not in text
        assert "goedkeuring" in text


def test_the_lists_show_unread_counts(client, member, thread):
    client.force_login(member)

    response, text = page(client, reverse("forum:index"))
    assert response.status_code == 200
    assert thread.category.name in text
    assert 'data-unread="1"' in text

    response, text = page(client, thread.category.get_absolute_url())
    assert SECRET_TITLE in text
    assert 'data-unread="1"' in text

    client.get(thread.get_absolute_url())  # reading it marks it read
    _, text = page(client, thread.category.get_absolute_url())
    assert 'data-unread="0"' in text


def test_the_thread_page_carries_its_id_and_last_seq(client, member, thread):
    client.force_login(member)

    response, text = page(client, thread.get_absolute_url())

    assert response.status_code == 200
    assert f'data-thread-id="{thread.pk}"' in text
    assert 'data-last-seq="1"' in text
    assert "Wie heeft hier ervaring mee?" in text
    assert 'aria-live="polite"' in text


def test_reply_without_javascript_previews_then_stores_the_redacted_text(client, member, thread):
    client.force_login(member)
    url = thread.get_absolute_url()

    response = client.post(url, {"text": NAME_TEXT})
    text = response.content.decode()

    assert response.status_code == 200
    assert "[NAAM-1]" in text
    assert 'name="geaccepteerd" value="[NAAM-1]"' in text
    assert "Dmytro Kowalczyk" in text  # the author's own text stays in the form
    assert Post.objects.filter(thread=thread).count() == 1

    response = client.post(url, {"text": NAME_TEXT, "bevestig": "1", "geaccepteerd": ["[NAAM-1]"]})

    assert response.status_code == 302
    post = Post.objects.get(thread=thread, seq=2)
    assert post.text == "Ik sprak met haar man [NAAM-1] over de school."


def test_a_phone_number_blocks_and_the_text_stays(client, member, thread):
    client.force_login(member)

    response = client.post(
        thread.get_absolute_url(),
        {"text": PHONE_TEXT, "bevestig": "1", "geaccepteerd": ["[TELEFOON-1]"]},
    )
    text = response.content.decode()

    assert response.status_code == 200
    assert "forum-privacy__block" in text
    assert "06-12345678" in text  # kept in the form, for the author to edit
    assert 'name="bevestig"' not in text
    assert Post.objects.filter(thread=thread).count() == 1


def test_the_service_down_is_refused_and_the_text_stays(client, member, thread, service_down):
    client.force_login(member)

    response = client.post(thread.get_absolute_url(), {"text": PLAIN})
    text = response.content.decode()

    assert response.status_code == 200
    assert str(ERROR_PRIVACY_UNAVAILABLE) in text
    assert PLAIN.split(".")[0] in text
    assert Post.objects.filter(thread=thread).count() == 1


def test_the_fetch_answer_is_json(client, member, thread):
    client.force_login(member)

    response = client.post(thread.get_absolute_url(), {"text": PLAIN}, HTTP_X_FORUM_FETCH="1")

    assert response.status_code == 200
    assert response.json()["seq"] == 2
    response = client.post(thread.get_absolute_url(), {"text": NAME_TEXT}, HTTP_X_FORUM_FETCH="1")
    assert response.status_code == 400
    assert "[NAAM-1]" in response.json()["html"]


def test_new_thread_previews_title_and_text(client, member, category):
    client.force_login(member)
    url = reverse("forum:new_thread", args=[category.slug])
    data = {"title": "Vraag over de meldcode", "text": NAME_TEXT}

    response = client.post(url, data)
    assert response.status_code == 200
    assert not Thread.objects.exists()

    response = client.post(url, {**data, "bevestig": "1", "geaccepteerd": ["[NAAM-1]"]})

    thread = Thread.objects.get()
    assert response["Location"] == thread.get_absolute_url()
    assert thread.posts.get().text == "Ik sprak met haar man [NAAM-1] over de school."


def test_flag_herleidbaar_hides_for_members_and_queues_for_moderators(
    client, member, moderator, thread
):
    post = factories.post(thread=thread, text="Een bericht dat te herkennen is.")
    client.force_login(member)

    response = client.post(reverse("forum:flag", args=[post.pk]), {"reason": "herleidbaar"})

    assert response.status_code == 302
    _, text = page(client, thread.get_absolute_url())
    assert "Een bericht dat te herkennen is." not in text
    client.force_login(moderator)
    _, text = page(client, reverse("forum:moderation"))
    assert "Een bericht dat te herkennen is." in text
    response = client.post(reverse("forum:moderate_post", args=[post.pk]), {"actie": "herstellen"})
    assert response.status_code == 302
    client.force_login(member)
    _, text = page(client, thread.get_absolute_url())
    assert "Een bericht dat te herkennen is." in text


def test_a_quote_links_back_and_follows_hiding(client, member, moderator, thread):
    quoted = factories.post(thread=thread, text="Het oorspronkelijke bericht.")
    factories.post(thread=thread, text="Mijn antwoord.", reply_to=quoted)
    client.force_login(member)

    _, text = page(client, thread.get_absolute_url())
    assert f'href="#bericht-{quoted.seq}"' in text
    assert text.count("Het oorspronkelijke bericht.") == 2

    services.hide_post(post=quoted, moderator=moderator)
    _, text = page(client, thread.get_absolute_url())
    assert "Het oorspronkelijke bericht." not in text
    assert "Dit bericht is verborgen door een moderator." in text


def test_first_unread_goes_to_the_first_post_i_did_not_read(client, member, thread):
    client.force_login(member)
    client.get(thread.get_absolute_url())
    new = factories.post(thread=thread, text="Nieuw.")
    factories.post(thread=thread, text="Nog nieuwer.")

    response = client.get(reverse("forum:first_unread", args=[thread.pk]))

    assert response["Location"].endswith(f"#bericht-{new.seq}")


def _landing(client, thread) -> tuple[str, str]:
    """Where "Ga naar eerste ongelezen" sends the reader with nothing unread, and the
    page they land on."""
    location = client.get(reverse("forum:first_unread", args=[thread.pk]))["Location"]
    url, _, anchor = location.partition("#")
    return anchor, client.get(url).content.decode()


@pytest.mark.parametrize("reader", ["member", "suspended", "locked", "moderator in locked"])
def test_with_nothing_unread_first_unread_lands_on_an_anchor_of_the_page(
    client, member, moderator, thread, reader
):
    """The reply section when the page draws it (permissions.sees_reply_section, which
    the template asks too), else the last post shown. Before, a suspended reader was
    sent to #nieuw-bericht, which their page does not draw."""
    last = factories.post(thread=thread, text="Het laatste bericht.")
    factories.post(thread=thread, text="Verborgen voor leden.", hidden=True)
    user = moderator if reader == "moderator in locked" else member
    if reader == "suspended":
        member.profile.suspended_until = timezone.now() + timedelta(days=2)
        member.profile.save()
    if "locked" in reader:
        Thread.objects.filter(pk=thread.pk).update(locked=True)
    client.force_login(user)
    client.get(thread.get_absolute_url())  # everything read

    anchor, text = _landing(client, thread)

    assert f'id="{anchor}"' in text
    if reader == "suspended":
        assert anchor == f"bericht-{last.seq}"  # the last post a member is shown
        assert 'id="nieuw-bericht"' not in text
    else:
        assert anchor == "nieuw-bericht"


def test_moderator_locks_and_reveals_an_alias_with_an_audit_line(client, member, moderator):
    thread = services.open_thread(
        category=factories.category(), title="Casus", author=member, text=PLAIN, alias_mode=True
    )
    client.force_login(moderator)
    url = reverse("forum:moderate_thread", args=[thread.pk])

    client.post(url, {"actie": "sluiten"})
    response = client.post(url, {"actie": "schuilnaam", "schuilnaam": "Inbrenger"}, follow=True)

    assert Thread.objects.get(pk=thread.pk).locked
    assert member.profile.pseudonym in response.content.decode()
    assert AuditEvent.objects.filter(action=ForumAudit.ALIAS_REVEALED).exists()
    client.force_login(member)
    _, text = page(client, thread.get_absolute_url())
    assert "Inbrenger" in text
    assert member.profile.pseudonym not in text


def test_a_member_cannot_open_the_moderation(client, member):
    client.force_login(member)

    assert client.get(reverse("forum:moderation")).status_code == 403


def test_the_canary_is_never_stored_logged_or_cached(client, thread, caplog):
    """A full post flow with a unique name: preview, confirm, read back."""
    canary = "Zwaluwkanarie"
    text = f"Ik sprak met haar man Dmytro {canary} over de school."
    user = member_factories.member()
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    url = thread.get_absolute_url()
    caplog.set_level(logging.DEBUG)

    preview = client.post(url, {"text": text})
    assert canary in preview.content.decode()  # only ever shown to the author
    placeholders = [
        line.split('value="')[1].split('"')[0]
        for line in preview.content.decode().splitlines()
        if 'name="geaccepteerd"' in line
    ]
    confirmed = client.post(url, {"text": text, "bevestig": "1", "geaccepteerd": placeholders})
    assert confirmed.status_code == 302
    client.get(url)

    assert Post.objects.filter(thread=thread, text__contains="[NAAM-1]").exists()
    assert rows_mentioning(canary) == []
    assert all(canary not in s.session_data for s in Session.objects.all())
    assert Session.objects.exists()
    assert canary not in caplog.text
    assert not cache_holds(canary)


def test_the_forum_pages_are_valid_html(client, member, moderator, thread):
    import html5lib

    factories.post(thread=thread, text="Een antwoord.", reply_to=thread.posts.first())
    pages = [
        (member, "get", reverse("forum:index"), None),
        (member, "get", thread.category.get_absolute_url(), None),
        (member, "get", thread.get_absolute_url(), None),
        (member, "post", thread.get_absolute_url(), {"text": NAME_TEXT}),
        (member, "post", thread.get_absolute_url(), {"text": PHONE_TEXT}),
        (member, "get", reverse("forum:new_thread", args=[thread.category.slug]), None),
        (moderator, "get", thread.get_absolute_url(), None),
        (moderator, "get", reverse("forum:moderation"), None),
    ]
    for user, method, url, data in pages:
        client.force_login(user)
        response = getattr(client, method)(url, data) if data else client.get(url)
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        parser.parse(response.content.decode())
        assert parser.errors == [], url


def test_the_reply_views_hide_the_text_from_error_reports(rf, member, thread):
    from forum import views

    for view, kwargs, fields in (
        (views.thread, {"pk": thread.pk}, ("text",)),
        (views.new_thread, {"slug": thread.category.slug}, ("text", "title")),
    ):
        request = rf.get("/")
        request.user = member
        view(request, **kwargs)
        assert request.sensitive_post_parameters == fields


def test_erasing_my_account_leaves_no_forum_row_that_names_me(client, thread):
    me = member_factories.member(
        email="zonnebloem@lansingerland.nl", last_name="Zwartjes", pseudonym="Zonnebloem88"
    )
    services.mark_read(user=me, thread=thread, seq=1)
    post = services.post_reply(thread=thread, author=me, text=PLAIN)
    services.edit_post(post=post, editor=me, text="Herkenbaar, en dank je.")
    services.flag_post(post=thread.posts.first(), reporter=me, reason=FlagReason.ONGEPAST)
    services.react(post=thread.posts.first(), user=me, kind="steun")
    client.force_login(me)
    client.get(thread.get_absolute_url())

    response = client.post(reverse("members:my_data"), {"password": PASSWORD, "confirm": "on"})

    assert response.status_code == 302
    for needle in ("Zwartjes", "zonnebloem@", "Zonnebloem88"):
        assert rows_mentioning(needle) == [], needle
    client.force_login(member_factories.member())
    _, text = page(client, thread.get_absolute_url())
    assert "verwijderd lid" in text
    assert "Herkenbaar, en dank je." in text


def test_the_author_edits_within_the_window_through_the_preview(client, member, thread):
    post = services.post_reply(thread=thread, author=member, text=PLAIN)
    client.force_login(member)
    url = reverse("forum:edit_post", args=[post.pk])

    assert PLAIN in client.get(url).content.decode()
    response = client.post(url, {"text": NAME_TEXT})
    assert "[NAAM-1]" in response.content.decode()
    response = client.post(url, {"text": NAME_TEXT, "bevestig": "1", "geaccepteerd": "[NAAM-1]"})

    assert response.status_code == 302
    post.refresh_from_db()
    assert post.text == "Ik sprak met haar man [NAAM-1] over de school."
    client.force_login(member_factories.member())
    assert client.get(url).status_code == 403


def test_a_moderator_redacts_through_the_queue_and_the_history_goes(
    client, member, moderator, thread
):
    post = services.post_reply(thread=thread, author=member, text="Eerste versie.")
    services.edit_post(post=post, editor=member, text="Tweede versie.")
    services.flag_post(post=post, reporter=thread.author, reason=FlagReason.HERLEIDBAAR)
    client.force_login(moderator)
    url = reverse("forum:moderate_post", args=[post.pk])

    page_text = client.get(url).content.decode()
    for action in ("herstellen", "verwijderen", "anonimiseren", "sluiten"):
        assert f'value="{action}"' in page_text, action
    response = client.post(url, {"actie": "anonimiseren", "text": "Aangepast door moderatie."})

    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.text, post.hidden, post.revisions.count()) == (
        "Aangepast door moderatie.",
        False,
        0,
    )
    assert AuditEvent.objects.filter(action=ForumAudit.POST_REDACTED).exists()
    assert (
        "Er zijn geen open meldingen." in client.get(reverse("forum:moderation")).content.decode()
    )


def test_reply_to_a_post_without_javascript(client, member, thread):
    quoted = thread.posts.first()
    client.force_login(member)

    _, text = page(client, f"{thread.get_absolute_url()}?reactie_op={quoted.pk}")
    assert f'href="#bericht-{quoted.seq}">bericht {quoted.seq}</a>' in text
    response = client.post(thread.get_absolute_url(), {"text": PLAIN, "reply_to": quoted.pk})

    assert response.status_code == 302
    assert Post.objects.get(thread=thread, seq=2).reply_to == quoted


def test_a_suspended_author_can_no_longer_edit_or_delete_from_the_page(
    client, member, moderator, thread
):
    post = services.post_reply(thread=thread, author=member, text=PLAIN)
    services.suspend_member(moderator=moderator, post=post, days=3, reason=FlagReason.ONGEPAST)
    client.force_login(member)
    edit_url = reverse("forum:edit_post", args=[post.pk])
    delete_url = reverse("forum:delete_post", args=[post.pk])

    _, text = page(client, thread.get_absolute_url())
    assert edit_url not in text
    assert delete_url not in text
    response, text = page(client, edit_url)
    assert response.status_code == 403
    assert "Je bent geschorst tot" in text
    # Suspended while typing: the reason in Dutch, and what was typed stays.
    response = client.post(edit_url, {"text": "Mijn aangepaste tekst."})
    text = response.content.decode()
    assert response.status_code == 403
    assert "Je bent geschorst tot" in text
    assert "Mijn aangepaste tekst." in text
    assert client.post(delete_url).status_code == 403
    post.refresh_from_db()
    assert (post.text, post.deleted, post.edited) == (PLAIN, False, None)


def test_privacy_checks_are_limited_per_member_and_minute(client, member, thread, settings):
    # Every preview runs the privacy engine (about half a second for a long text, in
    # the one detector service of production) and stores nothing, so the posting
    # limit never counted it: one member could keep the engine busy for everyone.
    settings.PRIVACY_CHECKS_PER_MINUTE = 3
    client.force_login(member)
    url = thread.get_absolute_url()
    for _ in range(3):
        assert "[NAAM-1]" in client.post(url, {"text": NAME_TEXT}).content.decode()

    response = client.post(url, {"text": NAME_TEXT})

    text = response.content.decode()
    assert response.status_code == 200
    assert "[NAAM-1]" not in text  # the engine did not run
    assert "Wacht een minuut" in text
    assert "Dmytro Kowalczyk" in text  # the text stays in the form
    assert Post.objects.filter(thread=thread).count() == 1
    # Another member is not held back by it.
    client.force_login(member_factories.member())
    assert "[NAAM-1]" in client.post(url, {"text": NAME_TEXT}).content.decode()


def test_reactions_are_limited_per_member_and_minute(client, member, thread, settings):
    # Each toggle takes the thread's next sequence number and goes out live to every
    # reader, and nothing limited it (probe14b).
    settings.FORUM_REACTIONS_PER_MINUTE = 3
    post = Post.objects.get(thread=thread)
    url = reverse("forum:react", args=[post.pk])
    client.force_login(member)
    for _ in range(3):
        assert client.post(url, {"soort": "steun"}).status_code == 302
    last_seq = Thread.objects.get(pk=thread.pk).last_seq

    response = client.post(url, {"soort": "steun"}, follow=True)

    assert "Wacht een minuut" in response.content.decode()
    assert Thread.objects.get(pk=thread.pk).last_seq == last_seq  # no event went out
    assert post.reactions.filter(user=member).exists()  # the third toggle stands
    fetched = client.post(url, {"soort": "steun"}, headers={"X-Forum-Fetch": "1"})
    assert fetched.status_code == 429
    assert "Wacht een minuut" in fetched.json()["error"]
    # Another member is not held back by it.
    client.force_login(member_factories.member())
    assert client.post(url, {"soort": "dank"}).status_code == 302
    assert Thread.objects.get(pk=thread.pk).last_seq == last_seq + 1
