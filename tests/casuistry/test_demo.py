"""seed_demo's cases: one published, one in the queue, one with changes asked; and
they are already anonymised: the privacy engine finds nothing structured in them."""

from __future__ import annotations

import pytest

from casuistry.anonymise import anonymise
from casuistry.demo import ensure_demo_cases
from casuistry.models import Case, Status
from leerwerkplaats.demo import ensure_demo_accounts

pytestmark = pytest.mark.django_db


def test_the_demo_accounts_bring_demo_cases_in_every_state():
    ensure_demo_accounts()
    ensure_demo_accounts()

    assert Case.objects.published().filter(featured=True).count() == 1
    assert Case.objects.published().count() == 2
    assert Case.objects.in_queue().count() == 1
    changes = Case.objects.get(status=Status.CHANGES_REQUESTED)
    assert changes.moderator_message
    assert changes.claimed_by.email == "moderator@demo.hg-leerwerkplaats.nl"
    assert len(ensure_demo_cases()) == Case.objects.count() == 4


def test_demo_cases_hold_no_structured_identifier():
    ensure_demo_accounts()
    for case in Case.objects.all():
        result = anonymise({"title": case.title, **case.parts})
        assert result.blocked == {}, case.title
