"""After the admin's user bulk actions (`members.services.record_accounts_changed_in_bulk`):
every account is audited and its live connections are closed, in a number of
queries that does not grow with the number of accounts."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members import broadcast, services
from members.models import AuditAction, AuditEvent
from tests.members import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(monkeypatch):
    """What would leave for the channel layer, in order."""
    events: list[tuple[str, dict]] = []
    monkeypatch.setattr(broadcast, "send_now", lambda group, event: events.append((group, event)))
    return events


def _queries_for(actor, users, django_capture_on_commit_callbacks) -> int:
    with (
        django_capture_on_commit_callbacks(execute=True),
        CaptureQueriesContext(connection) as queries,
    ):
        services.record_accounts_changed_in_bulk(actor=actor, user_ids=[u.pk for u in users])
    return len(queries)


def test_the_queries_do_not_grow_with_the_number_of_accounts(
    superuser, sent, django_capture_on_commit_callbacks
):
    few = [factories.member() for _ in range(2)]
    many = [factories.member(role="Moderator") for _ in range(20)]

    assert _queries_for(superuser, few, django_capture_on_commit_callbacks) == _queries_for(
        superuser, many, django_capture_on_commit_callbacks
    )


def test_each_account_is_audited_and_its_live_connections_closed(
    superuser, sent, django_capture_on_commit_callbacks
):
    moderator = factories.member(role="Moderator")
    moderator.groups.add(Group.objects.get_or_create(name="Professional")[0])
    suspended = factories.member(is_active=False)
    no_roles = factories.member(role=None)
    users = [moderator, suspended, no_roles]

    with django_capture_on_commit_callbacks(execute=True):
        services.record_accounts_changed_in_bulk(
            actor=superuser, user_ids=[u.pk for u in users] + [999_999]
        )

    events = AuditEvent.objects.filter(action=AuditAction.ROLES_CHANGED).order_by("subject_id")
    assert [(e.subject_id, e.actor_id, e.reason) for e in events] == [
        (moderator.pk, superuser.pk, "Moderator, Professional"),
        (suspended.pk, superuser.pk, "Professional"),
        (no_roles.pk, superuser.pk, "-"),
    ]
    assert sent == [
        (broadcast.user_group(moderator.pk), {"type": "live.close", "reason": "roles_changed"}),
        (broadcast.user_group(suspended.pk), {"type": "live.close", "reason": "suspended"}),
        (broadcast.user_group(no_roles.pk), {"type": "live.close", "reason": "roles_changed"}),
    ]
