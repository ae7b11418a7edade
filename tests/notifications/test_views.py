"""/meldingen/ and the bell in the header: server-rendered, mark read with POST,
query count flat in the number of notifications."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications import services
from notifications.models import Notification
from tests.members import factories

pytestmark = pytest.mark.django_db


def add(member, n: int) -> None:
    for i in range(n):
        services.notify(
            recipient=member, kind="reply", title=f"Reactie {i}", url="/forum/", email=False
        )


def test_the_bell_shows_the_unread_count_without_javascript(client):
    member = factories.member()
    add(member, 3)
    client.force_login(member)

    html = client.get(reverse("notifications:list")).content.decode()

    assert 'data-notification-count data-unread="3"' in html
    assert 'aria-live="polite"' in html


def test_visitors_and_pending_members_see_no_bell(client):
    assert "data-notification-bell" not in client.get("/zoeken/?q=x").content.decode()
    client.force_login(factories.member(role=None, status="pending"))
    assert "data-notification-bell" not in client.get("/zoeken/?q=x").content.decode()


def test_mark_one_and_all_read_by_post(client):
    member = factories.member()
    add(member, 2)
    first = Notification.objects.filter(recipient=member).first()
    client.force_login(member)

    response = client.post(reverse("notifications:mark_read", args=[first.pk]))
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.read_at is not None

    client.post(reverse("notifications:mark_all_read"))
    assert not Notification.objects.filter(recipient=member).unread().exists()


def test_a_member_cannot_mark_someone_elses_notification(client):
    owner, other = factories.member(), factories.member()
    add(owner, 1)
    note = Notification.objects.get(recipient=owner)
    client.force_login(other)

    client.post(reverse("notifications:mark_read", args=[note.pk]))

    note.refresh_from_db()
    assert note.read_at is None


def test_the_list_shows_only_my_notifications_paginated(client):
    member, other = factories.member(), factories.member()
    add(member, 25)
    services.notify(recipient=other, kind="reply", title="Niet voor jou", url="/", email=False)
    client.force_login(member)

    html = client.get(reverse("notifications:list")).content.decode()

    assert "Reactie 24" in html
    assert "Niet voor jou" not in html
    assert "Pagina 1 van 2" in html


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_list_page_is_flat_in_the_number_of_notifications(client):
    few, many = factories.member(), factories.member()
    add(few, 2)
    add(many, 60)
    client.force_login(few)
    count(client, reverse("notifications:list"))
    small = count(client, reverse("notifications:list"))
    client.force_login(many)
    count(client, reverse("notifications:list"))
    large = count(client, reverse("notifications:list"))

    assert small == large
    assert large <= 20
