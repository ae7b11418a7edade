"""Every casuistry page is valid HTML: a strict HTML5 parser finds no error. (Browser
tests with axe come in a later session.)"""

from __future__ import annotations

import html5lib
import pytest
from django.urls import reverse

from casuistry import services
from casuistry.models import Status
from tests.casuistry import factories

pytestmark = pytest.mark.django_db


def assert_valid(response) -> None:
    assert response.status_code == 200
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    document = parser.parse(response.content.decode())
    assert parser.errors == []
    assert len(document.findall(".//main")) == 1


def test_the_authors_pages_are_valid(client, member):
    published = factories.case(author=member, featured=True)
    moderator = factories.moderator()
    asked = factories.case(author=member, status=Status.SUBMITTED)
    services.claim_case(moderator=moderator, case=asked)
    services.ask_changes(moderator=moderator, case=asked, message="Haal de wijk weg.")
    client.force_login(member)
    submit = reverse("casuistry:submit")

    for url in (
        reverse("casuistry:library"),
        reverse("casuistry:library") + "?vorm=getuige&q=huis",
        reverse("casuistry:detail", args=[published.pk]),
        reverse("casuistry:mine"),
        submit,
        submit + "?methode=korthagen",
        reverse("casuistry:edit", args=[asked.pk]),
    ):
        assert_valid(client.get(url))
    data = factories.form_data(deel_incident="Het kind zit op basisschool De Regenboog.")
    assert_valid(client.post(submit + "?methode=incidentmethode", {**data, "action": "preview"}))
    blocked = factories.form_data(deel_moment="Zijn BSN is 111222333.")
    assert_valid(client.post(submit + "?methode=incidentmethode", {**blocked, "action": "preview"}))


def test_the_moderators_pages_are_valid(client):
    moderator = factories.moderator()
    waiting = factories.case(status=Status.SUBMITTED)
    claimed = factories.case(status=Status.SUBMITTED)
    services.claim_case(moderator=moderator, case=claimed)
    published = factories.case()
    client.force_login(moderator)

    assert_valid(client.get(reverse("casuistry:queue")))
    for case in (waiting, claimed, published):
        assert_valid(client.get(reverse("casuistry:review", args=[case.pk])))
