"""seed_demo's forum: the categories, conversations by the demo accounts, and a
flagged post waiting for the demo moderator."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from forum.models import Category, Flag, FlagReason, Post, Thread
from tests.members.factories import give_totp

pytestmark = pytest.mark.django_db


def test_seed_demo_fills_the_forum_and_the_moderation_queue(client):
    call_command("seed_demo", stdout=StringIO())

    assert list(Category.objects.values_list("name", flat=True)) == [
        "Casuïstiek",
        "Verhalen",
        "Meldcode en afwegingskader",
        "Intervisie en steun",
        "Vraag aan een aandachtsfunctionaris",
    ]
    # The forum's own demo conversations; casuistry's two published demo cases and the
    # public demo story that allows a discussion add theirs (threads with a subject).
    assert Thread.objects.filter(subject_id="").count() == 3
    assert Post.objects.filter(thread__subject_id="").count() == 8
    assert Thread.objects.exclude(subject_id="").count() == 3
    assert Thread.objects.filter(subject_type__app_label="stories").count() == 1
    assert set(Post.objects.values_list("author__email", flat=True)) == {
        "professional@demo.hg-leerwerkplaats.nl",
        "ervaring@demo.hg-leerwerkplaats.nl",
    }
    flag = Flag.objects.get()
    assert flag.reason == FlagReason.HERLEIDBAAR
    assert flag.post.hidden

    moderator = get_user_model().objects.get(email="moderator@demo.hg-leerwerkplaats.nl")
    give_totp(moderator)
    client.force_login(moderator)
    response = client.get(reverse("forum:moderation"))
    assert flag.post.thread.title in response.content.decode()
