"""The library's body is drawn once per query string and kept (casuistry/library_html.py):
a visit reads no case, and a publish, withdrawal, archiving or feature change shows
at once; a typed search is never kept."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from casuistry import library_html, services
from casuistry.forms import LibraryFilterForm
from casuistry.models import Status, join_choices
from leerwerkplaats import member_cache
from tests.casuistry import factories
from tests.members import factories as member_factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client):
    client.force_login(member_factories.member())
    return client


def _library(client, query: str = "") -> str:
    with override("nl"):
        url = reverse("casuistry:library")
    response = client.get(url + query)
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_visit_reads_no_case(reader):
    factories.case(title="Een casus in de bibliotheek")
    assert "Een casus in de bibliotheek" in _library(reader)

    with CaptureQueriesContext(connection) as captured:
        text = _library(reader)

    assert "Een casus in de bibliotheek" in text
    assert not [q for q in captured if "casuistry_case" in q["sql"]]


def test_a_withdrawal_shows_at_once(reader):
    author = member_factories.member()
    case = factories.case(author=author, title="Wordt teruggetrokken")
    assert "Wordt teruggetrokken" in _library(reader)

    services.withdraw_case(author=author, case=case)

    assert "Wordt teruggetrokken" not in _library(reader)


def test_a_publication_shows_at_once(reader):
    moderator = factories.moderator()
    case = factories.case(title="Net goedgekeurd", status=Status.SUBMITTED)
    assert "Net goedgekeurd" not in _library(reader)

    services.claim_case(moderator=moderator, case=case)
    services.approve(moderator=moderator, case=case)

    assert "Net goedgekeurd" in _library(reader)


def test_archiving_and_featuring_show_at_once(reader):
    moderator = factories.moderator()
    old = factories.case(title="Oude casus", published_at=timezone.now() - timedelta(days=3 * 365))
    fresh = factories.case(title="Verse casus")
    text = _library(reader)
    assert "Gearchiveerd" not in text
    assert "Uitgelicht" not in text

    services.archive_and_delete_expired()
    services.set_featured(moderator=moderator, case=fresh, featured=True)

    text = _library(reader)
    assert "Gearchiveerd" in text
    assert "Uitgelicht" in text
    old.refresh_from_db()
    assert old.status == Status.ARCHIVED


def test_every_filter_and_page_is_kept_on_its_own(reader):
    factories.case(title="Lichamelijk geweld", violence_forms=join_choices(["lichamelijk"]))
    factories.case(title="Alleen psychisch", violence_forms=join_choices(["psychisch"]))

    assert "Alleen psychisch" in _library(reader)
    filtered = _library(reader, "?vorm=lichamelijk")

    assert "Lichamelijk geweld" in filtered
    assert "Alleen psychisch" not in filtered
    assert "Alleen psychisch" in _library(reader)


def test_a_typed_search_is_never_kept(reader):
    factories.case(title="Zoekbare casus")

    text = _library(reader, "?q=zoekbaarwoordgeheim")

    assert "zoekbaarwoordgeheim" in text  # echoed in the form, for this request only
    with override("nl"):
        assert cache.get(library_html._key(QueryDict("q=zoekbaarwoordgeheim"))) is None
    assert not [v for v in _every_stored_value() if b"zoekbaarwoordgeheim" in v]


def _every_stored_value():
    """Every value the default cache holds, raw, for the local-memory and the Redis cache."""
    store = cache._cache
    if isinstance(store, dict):  # local memory: pickled bytes by key
        return list(store.values())
    client = store.get_client(write=False)  # Django's RedisCacheClient
    keys = [key for key in client.scan_iter(count=1000) if client.type(key) == b"string"]
    return [client.get(key) or b"" for key in keys]


def _state(client, query: str = "") -> str | None:
    with override("nl"):
        url = reverse("casuistry:library")
    return client.get(url + query).get(member_cache.HEADER)


def test_a_filtered_page_is_kept_whole_for_the_member_until_a_case_changes(reader):
    author = member_factories.member()
    case = factories.case(
        author=author, title="Blijft niet staan", violence_forms=join_choices(["lichamelijk"])
    )
    assert _state(reader, "?vorm=lichamelijk") == "miss"
    with CaptureQueriesContext(connection) as captured:
        assert _state(reader, "?vorm=lichamelijk") == "hit"
    assert not [q for q in captured if "casuistry_case" in q["sql"]]

    services.withdraw_case(author=author, case=case)

    assert _state(reader, "?vorm=lichamelijk") == "miss"
    assert "Blijft niet staan" not in _library(reader, "?vorm=lichamelijk")


def test_a_kept_library_page_is_only_ever_its_own_members(reader, client):
    factories.case(title="Voor iedereen")
    assert _state(reader, "?pagina=1") == "miss"
    assert _state(reader, "?pagina=1") == "hit"
    other = type(client)()
    other.force_login(member_factories.member())
    assert _state(other, "?pagina=1") == "miss"
    visitor = type(client)()
    assert _state(visitor, "?pagina=1") is None


@pytest.mark.parametrize("query", ["?q=geheimwoord", "?vorm=lichamelijk&q=geheimwoord", "?x=1"])
def test_a_search_or_a_made_up_address_is_never_kept_whole(reader, query):
    assert _state(reader, query) is None
    assert _state(reader, query) is None


@pytest.mark.parametrize(
    "query",
    [
        "?vorm=zoekbaarwoordgeheim",  # a value the form does not offer: echoed in its error
        "?werkveld=zoekbaarwoordgeheim",
        "?naam=zoekbaarwoordgeheim",  # a parameter the form does not have
        "?pagina=zoekbaarwoordgeheim",
    ],
)
def test_an_address_made_up_by_hand_is_never_kept(reader, query):
    # Only what the filter form offers is kept: anything else is text someone typed,
    # and each new value would be one more kept page in the shared cache.
    factories.case(title="Een casus")

    _library(reader, query)

    with override("nl"):
        assert cache.get(library_html._key(QueryDict(query[1:]))) is None
    assert not [v for v in _every_stored_value() if b"zoekbaarwoordgeheim" in v]


@pytest.mark.parametrize("query", ["", "?vorm=lichamelijk", "?werkveld=onderwijs&pagina=1"])
def test_a_kept_body_is_served_without_validating_the_filter_form(
    reader, settings, monkeypatch, query
):
    # The view runs (no whole page kept for the member), the body comes from the cache:
    # the filter form was checked when the body was kept, not again on every visit.
    settings.MEMBER_PAGE_CACHE_ENABLED = False
    factories.case(title="Een casus in de bibliotheek")
    _library(reader, query)
    validated = []
    full_clean = LibraryFilterForm.full_clean

    def counting_full_clean(form):
        validated.append(form.data.urlencode())
        return full_clean(form)

    monkeypatch.setattr(LibraryFilterForm, "full_clean", counting_full_clean)

    assert "Vorm van geweld" in _library(reader, query)  # the kept form and cards
    assert validated == []
    _library(reader, "?q=casus")  # a search is drawn, so checked, every time
    assert validated == ["q=casus"]
