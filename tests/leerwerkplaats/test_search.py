"""One search box: results grouped by kind, nothing members-only for a visitor."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from django.db import reset_queries
from wagtail import hooks
from wagtail.models import PageViewRestriction

from leerwerkplaats.search import SEARCH_KIND_HOOK
from tests.leerwerkplaats.factories import HelpPageFactory, InformationPageFactory

pytestmark = pytest.mark.django_db

SECRET_WORD = "kraaienmars"


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    summary: str


def restrict(page, restriction_type, groups=()):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=restriction_type)
    restriction.groups.set(groups)
    return restriction


@pytest.fixture
def members_only_pages(help_index, home_page):
    """One members-only item of each kind that exists: a help page behind a login
    restriction, an information page for one group, and one behind a password."""
    login_only = HelpPageFactory(parent=help_index, title=f"Voor leden {SECRET_WORD}")
    restrict(login_only, PageViewRestriction.LOGIN)
    group = Group.objects.create(name="Moderatoren-test")
    group_only = InformationPageFactory(parent=home_page, title=f"Voor de groep {SECRET_WORD}")
    restrict(group_only, PageViewRestriction.GROUPS, [group])
    password = InformationPageFactory(parent=home_page, title=f"Met wachtwoord {SECRET_WORD}")
    PageViewRestriction.objects.create(
        page=password, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    return {"login": login_only, "group": group_only, "password": password, "group_obj": group}


def forum_kind_spy(calls):
    def search(query, *, user, limit):
        calls.append(user)
        return [Hit(f"Draad {SECRET_WORD}", "/forum/1/", "")]

    def kind():
        return {"key": "forum", "label": "Forum", "members_only": True, "search": search}

    return kind


def test_results_are_grouped_by_kind(client, help_index, privacy_statement):
    response = client.get("/zoeken/", {"q": "anoniem"})
    groups = response.context["groups"]

    assert [group.key for group in groups] == ["help"]
    assert {hit.title for hit in groups[0].hits} >= {"Ik maak geweld mee", "Ik gebruik zelf geweld"}
    html = response.content.decode()
    assert "Hulp en advies" in html
    assert 'href="/hulp/ik-maak-geweld-mee/"' in html

    groups = client.get("/zoeken/", {"q": "cookies"}).context["groups"]
    assert [(g.key, [h.title for h in g.hits]) for g in groups] == [
        ("information", ["Privacyverklaring"])
    ]


def test_a_visitor_never_finds_a_members_only_item(client, members_only_pages):
    calls = []
    with hooks.register_temporarily(SEARCH_KIND_HOOK, forum_kind_spy(calls)):
        response = client.get("/zoeken/", {"q": SECRET_WORD})

    assert response.context["groups"] == []
    html = response.content.decode()
    for title in ("Voor leden", "Voor de groep", "Met wachtwoord", "Draad"):
        assert title not in html
    # A members-only kind is not even asked on a visitor's behalf.
    assert calls == []


def test_a_member_finds_what_members_may_see_and_no_more(client, member, members_only_pages):
    client.force_login(member)
    calls = []
    with hooks.register_temporarily(SEARCH_KIND_HOOK, forum_kind_spy(calls)):
        groups = client.get("/zoeken/", {"q": SECRET_WORD}).context["groups"]

    found = {group.key: [hit.title for hit in group.hits] for group in groups}
    assert found == {"help": [f"Voor leden {SECRET_WORD}"], "forum": [f"Draad {SECRET_WORD}"]}
    assert calls == [member]


def test_a_group_member_finds_the_group_page_but_never_a_password_page(
    client, member, members_only_pages
):
    member.groups.add(members_only_pages["group_obj"])
    client.force_login(member)

    groups = client.get("/zoeken/", {"q": SECRET_WORD}).context["groups"]

    titles = {hit.title for group in groups for hit in group.hits}
    assert titles == {f"Voor leden {SECRET_WORD}", f"Voor de groep {SECRET_WORD}"}


def test_drafts_are_never_found(client, help_index):
    draft = HelpPageFactory(parent=help_index, title=f"Concept {SECRET_WORD}")
    draft.unpublish()

    assert client.get("/zoeken/", {"q": SECRET_WORD}).context["groups"] == []


def test_no_result_page_points_to_help(client, help_index):
    html = client.get("/zoeken/", {"q": "xyzzy"}).content.decode()

    assert "0 resultaten voor \u2018xyzzy\u2019" in html
    assert 'href="tel:08002000"' in html


def test_an_empty_search_shows_the_error_summary_linked_to_the_box(client, help_index):
    html = client.get("/zoeken/", {"q": "  "}).content.decode()

    assert "Controleer wat je hebt ingevuld" in html
    assert 'href="#id_q">Waar zoek je naar?: Vul in waar je naar zoekt.</a>' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_q_error"' in html


def test_the_first_visit_does_not_scold(client, help_index):
    html = client.get("/zoeken/").content.decode()

    assert "Controleer wat je hebt ingevuld" not in html
    assert "resultaten voor" not in html


def test_search_sets_no_cookie_and_is_not_indexed(client, help_index):
    response = client.get("/zoeken/", {"q": "veilig thuis"})

    assert response.cookies == {}
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_search_query_count_does_not_grow_with_the_results(
    client, help_index, members_only_pages, member, django_assert_max_num_queries
):
    client.force_login(member)
    client.get("/zoeken/", {"q": "geweld"})  # warm the per-process caches
    reset_queries()  # the query log keeps 9000 entries: a full one captures nothing
    # Session and user (3), view restrictions (2), per page kind the search, the
    # look inside compound words while there are fewer than ten hits and the
    # specific pages (help, information, courses, lessons: at most 12), the
    # member check, site, menu and footer (9).
    with django_assert_max_num_queries(26) as few:
        client.get("/zoeken/", {"q": "geweld"})
    budget = len(few.captured_queries)
    for n in range(8):
        HelpPageFactory(parent=help_index, title=f"Nog een pagina over geweld {n}")
    client.get("/zoeken/", {"q": "geweld"})  # new pages cleared the shell cache: warm it again
    reset_queries()
    with django_assert_max_num_queries(budget):
        response = client.get("/zoeken/", {"q": "geweld"})
    assert response.context["result_count"] >= 10


@pytest.mark.parametrize(
    "query", ['"', '"""', 'anoniem "hulp', "anoniem*", "(", "NEAR(a b)", "a AND OR", "^", "'"]
)
def test_search_syntax_in_the_box_gives_results_or_none_never_an_error(
    client, help_index, privacy_statement, query
):
    response = client.get("/zoeken/", {"q": query})

    assert response.status_code == 200


def test_a_quoted_word_still_finds_its_pages(client, help_index, privacy_statement):
    plain = client.get("/zoeken/", {"q": "anoniem"}).context["groups"]

    quoted = client.get("/zoeken/", {"q": '"anoniem'}).context["groups"]

    assert plain
    assert [hit.url for group in quoted for hit in group.hits] == [
        hit.url for group in plain for hit in group.hits
    ]
