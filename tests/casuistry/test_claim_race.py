"""Two moderators claim one case at the same moment (issue 12, "a claim race
between two moderators"). On PostgreSQL (`make test-services`) two threads, each on
its own database connection, open a transaction, meet at a barrier and claim at
once: the conditional UPDATE lets exactly one win and the other is told so in Dutch.
The sequential variant (a stale copy, any database) is
tests/casuistry/test_services.py::test_two_moderators_cannot_claim_one_case."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction

from casuistry import services
from casuistry.audit import CaseAuditAction
from casuistry.models import Case, Status
from members.models import AuditEvent
from tests.casuistry import factories


@pytest.mark.services
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (test-services)")
@pytest.mark.django_db(transaction=True)
def test_two_moderators_claiming_at_once_one_wins_the_other_is_told():
    moderators = [factories.moderator(), factories.moderator()]
    case = factories.case(status=Status.SUBMITTED)
    barrier = threading.Barrier(len(moderators), timeout=30)
    outcomes: dict[int, object] = {}

    def claim(index: int) -> None:
        moderator = moderators[index]
        try:
            with transaction.atomic():
                stale = Case.objects.get(pk=case.pk)  # both read it unclaimed
                barrier.wait()
                services.claim_case(moderator=moderator, case=stale)
            outcomes[index] = "won"
        except ValidationError as error:
            outcomes[index] = error.messages
        finally:
            connection.close()

    threads = [threading.Thread(target=claim, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes.values(), key=str) == sorted(
        ["won", [str(services.ERROR_ALREADY_CLAIMED)]], key=str
    )
    winner = next(index for index, outcome in outcomes.items() if outcome == "won")
    case.refresh_from_db()
    assert case.status == Status.IN_REVIEW
    assert case.claimed_by == moderators[winner]
    assert AuditEvent.objects.filter(action=CaseAuditAction.CASE_CLAIMED).count() == 1


@pytest.mark.django_db
def test_only_a_moderator_marks_a_published_case_uitgelicht(member):
    moderator = factories.moderator()
    waiting = factories.case(status=Status.SUBMITTED)
    published = factories.case()

    with pytest.raises(PermissionDenied):
        services.set_featured(moderator=member, case=published, featured=True)
    with pytest.raises(ValidationError) as error:
        services.set_featured(moderator=moderator, case=waiting, featured=True)
    assert error.value.messages == [str(services.ERROR_NOT_PUBLISHED)]

    services.set_featured(moderator=moderator, case=published, featured=True)
    services.set_featured(moderator=moderator, case=published, featured=False)

    published.refresh_from_db()
    assert not published.featured
    assert AuditEvent.objects.filter(action=CaseAuditAction.CASE_FEATURED).count() == 2
