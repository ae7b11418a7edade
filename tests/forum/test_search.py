"""Search over published posts at /forum/zoeken/ (issue 11): approved members only;
never a hidden or deleted post or a thread the member cannot read; aliases kept;
PostgreSQL full text (Dutch, ranked) when the database is PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forum import selectors, services
from members import text_search
from tests.forum import factories
from tests.members import factories as member_factories

pytestmark = pytest.mark.django_db

URL = reverse("forum:search")


def results(client, query: str) -> str:
    return client.get(URL, {"q": query}).content.decode()


def test_visitors_go_to_the_login_and_pending_members_are_refused(client):
    factories.post(thread=factories.thread(), text="Over de meldcode gesproken.")

    visitor = client.get(URL, {"q": "meldcode"})
    assert visitor.status_code == 302
    assert "/account/login/" in visitor["Location"]

    client.force_login(member_factories.member(status="pending"))
    refused = client.get(URL, {"q": "meldcode"})
    assert refused.status_code == 403
    assert "Over de meldcode gesproken" not in refused.content.decode()


def test_a_member_finds_published_posts_and_nothing_hidden_or_deleted(client, moderator):
    author = member_factories.member(pseudonym="Zonnebloem")
    shown = factories.thread(author=author, title="Vraag over de meldcode")
    factories.post(thread=shown, text="Het afwegingskader hielp mij bij de weging.")
    factories.post(thread=shown, text="Verborgen afwegingskader tekst.", hidden=True)
    factories.post(thread=shown, text="", deleted=True)
    hidden_thread = factories.thread(author=author, title="Ingetrokken casus", hidden=True)
    factories.post(thread=hidden_thread, text="Het afwegingskader in een verborgen gesprek.")
    client.force_login(member_factories.member())

    page = results(client, "afwegingskader")

    assert "Het afwegingskader hielp mij bij de weging." in page
    assert "Zonnebloem" in page
    assert "Verborgen afwegingskader" not in page
    assert "verborgen gesprek" not in page
    assert "Ingetrokken casus" not in page
    assert "1 bericht gevonden" in page
    # Moderators search what is published too: hidden stays out of the results.
    client.force_login(moderator)
    assert "verborgen gesprek" not in results(client, "afwegingskader")


def test_the_thread_title_is_searched_too(client):
    thread = factories.thread(title="Huisbezoek bij zorgen")
    factories.post(thread=thread, text="Hoe bereiden jullie dit voor?")
    client.force_login(member_factories.member())

    assert "Hoe bereiden jullie dit voor?" in results(client, "huisbezoek")


def test_aliases_are_kept_in_the_results(client):
    opener = member_factories.member(pseudonym="Kastanje")
    replier = member_factories.member(pseudonym="Esdoorn")
    thread = services.open_thread(
        category=factories.category(),
        title="Casus over een gezin",
        author=opener,
        text="Wat zouden jullie doen bij deze twijfel?",
        alias_mode=True,
    )
    services.post_reply(thread=thread, author=replier, text="Bij twijfel overleg ik altijd.")
    client.force_login(member_factories.member())

    page = results(client, "twijfel")

    assert "Inbrenger" in page
    assert "Deelnemer A" in page
    assert "Kastanje" not in page
    assert "Esdoorn" not in page


def test_a_query_without_words_finds_nothing(client):
    factories.post(thread=factories.thread(), text="Tekst met *** tekens.")
    client.force_login(member_factories.member())

    assert selectors.search_posts(user=member_factories.member(), query='*** "(') == []
    assert client.get(URL, {"q": '"(*'}).status_code == 200


def test_the_query_count_stays_flat_in_the_number_of_results(client):
    def add(number: int) -> None:
        author = member_factories.member(pseudonym=f"Lid {number}")
        thread = factories.thread(author=author, title=f"Gesprek {number}", alias_mode=True)
        factories.post(thread=thread, author=author, text=f"Signalen herkennen, deel {number}.")

    add(0)
    member = member_factories.member()
    client.force_login(member)
    results(client, "signalen")  # warm the session and permission caches
    with CaptureQueriesContext(connection) as one:
        assert "deel 0" in results(client, "signalen")
    for number in range(1, 6):
        add(number)
    with CaptureQueriesContext(connection) as six:
        page = results(client, "signalen")

    assert "deel 5" in page
    assert len(six) == len(one)


@pytest.mark.services
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full text only")
def test_on_postgresql_the_search_is_dutch_full_text_and_ranked(client):
    thread = factories.thread(title="Overleg")
    once = factories.post(thread=thread, text="Een gesprek met de moeder.")
    twice = factories.post(thread=thread, text="Gesprekken, gesprekken: elk gesprek telt.")
    member = member_factories.member()

    found = selectors.search_posts(user=member, query="gesprekken")

    assert text_search.uses_full_text(thread.posts.all())
    # Dutch stemming: "gesprekken" finds "gesprek"; more hits rank higher.
    assert [result.post for result in found] == [twice, once]
