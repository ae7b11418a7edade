"""The library, the queue and "Mijn casussen" cost the same number of queries for 5
cases as for 50."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casuistry.models import Status
from tests.casuistry import factories
from tests.members import factories as member_factories

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> int:
    client.get(url)  # the first request after login also records the session
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def add_cases(count: int, **fields) -> None:
    author = member_factories.member()
    for _ in range(count):
        factories.case(author=author, **fields)


@pytest.mark.parametrize(
    ("url_name", "status", "viewer"),
    [
        ("casuistry:library", Status.PUBLISHED, "member"),
        ("casuistry:queue", Status.SUBMITTED, "moderator"),
    ],
)
def test_pages_are_flat_in_the_number_of_cases(client, url_name, status, viewer):
    user = factories.moderator() if viewer == "moderator" else member_factories.member()
    client.force_login(user)
    url = reverse(url_name)
    add_cases(5, status=status)
    few = queries_for(client, url)
    add_cases(45, status=status)

    assert queries_for(client, url) == few


def test_claimed_cases_in_the_queue_cost_no_extra_queries(client):
    moderator = factories.moderator()
    client.force_login(moderator)
    add_cases(5, status=Status.IN_REVIEW, claimed_by=moderator)
    few = queries_for(client, reverse("casuistry:queue"))
    add_cases(45, status=Status.IN_REVIEW, claimed_by=factories.moderator())

    assert queries_for(client, reverse("casuistry:queue")) == few


def test_my_cases_are_flat_in_their_number(client):
    author = member_factories.member()
    client.force_login(author)
    for _ in range(5):
        factories.case(author=author)
    few = queries_for(client, reverse("casuistry:mine"))
    for _ in range(45):
        factories.case(author=author, status=Status.CHANGES_REQUESTED)

    assert queries_for(client, reverse("casuistry:mine")) == few


@pytest.mark.parametrize("viewer", ["member", "moderator"])
def test_a_case_page_costs_the_same_whatever_the_library_holds(client, viewer):
    """The library's detail page (members) and the review page with its history
    (moderators) read one case: the number of other cases costs nothing."""
    from casuistry import services

    moderator = factories.moderator()
    user = moderator if viewer == "moderator" else member_factories.member()
    client.force_login(user)
    case = factories.case(status=Status.SUBMITTED)
    services.claim_case(moderator=moderator, case=case)
    services.approve(moderator=moderator, case=case)
    name = "casuistry:review" if viewer == "moderator" else "casuistry:detail"
    url = reverse(name, args=[case.pk])
    add_cases(5)
    add_cases(5, status=Status.SUBMITTED)
    few = queries_for(client, url)
    add_cases(45)
    add_cases(45, status=Status.SUBMITTED)

    assert queries_for(client, url) == few
