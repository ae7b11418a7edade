"""A story its author has not handed in is private (models.private_drafts): no admin
listing shows its title, the author's raw text before the privacy check, to a
moderator or coordinator. Each listing still shows a story that was handed in.
("Aging pages" lists live pages only: no private draft can be among them.)"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from stories import services
from stories.models import StoryPage, private_drafts
from stories.services import Section
from stories.wagtail_hooks import hide_private_drafts_from_chooser
from tests.stories.factories import CALM_TEXT, content
from tests.stories.test_images import photo

DRAFT_TITLE = "Mijn verhaal over Marjolein Bakker"
HANDED_IN_TITLE = "Een verhaal ter beoordeling"
PUBLISHED_TITLE = "Een gepubliceerd verhaal"
REVISED_TITLE = "Het verhaal van Marjolein Bakker"


@pytest.fixture
def stories(story_index, author, other_author, moderator):
    """A published story, a fresh draft, a handed-in story, and a story sent back for
    changes whose author rewrote it (a private draft again until handed in anew)."""
    services.publish_story(
        moderator=moderator,
        story=services.submit_story(author=other_author, content=content(title=PUBLISHED_TITLE)),
    )
    draft = services.save_draft(author=author, content=content(title=DRAFT_TITLE))
    handed_in = services.submit_story(author=other_author, content=content(title=HANDED_IN_TITLE))
    sent_back = services.submit_story(author=author, content=content(title="Eerste versie"))
    services.request_changes(moderator=moderator, story=sent_back, comment="Wat korter graag.")
    services.save_draft(author=author, content=content(title=REVISED_TITLE), story=sent_back)
    # Locked by their author (a lock outlives a review), so the locked pages report
    # has something to hide; the handed-in story is locked too.
    StoryPage.objects.filter(pk__in=[draft.pk, sent_back.pk]).update(locked=True, locked_by=author)
    StoryPage.objects.filter(pk=handed_in.pk).update(locked=True, locked_by=other_author)
    return {"draft": draft, "handed_in": handed_in, "sent_back": sent_back}


LISTINGS = {
    "explorer": "/beheer/pages/{index}/",
    "explorer search": "/beheer/pages/{index}/?q=verhaal",
    "explorer search, whole tree": "/beheer/pages/{index}/?q=verhaal&search_all=1",
    "page search": "/beheer/pages/search/?q=verhaal",
    "sidebar explorer (admin API)": "/beheer/api/main/pages/?child_of={index}&for_explorer=1",
    "page chooser": "/beheer/choose-page/{index}/",
    "page chooser search": "/beheer/choose-page/search/?q=verhaal",
    "site history": "/beheer/reports/site-history/",
    "workflows report": "/beheer/reports/workflow/",
    "workflow tasks report": "/beheer/reports/workflow_tasks/",
    "locked pages report": "/beheer/reports/locked/",
    "dashboard": "/beheer/",
    "page types usage report": "/beheer/reports/page-types-usage/",
}
# The titles of all three stories hold "verhaal", the word the searches look for.


def test_private_drafts_are_the_stories_not_handed_in(stories):
    assert set(private_drafts()) == {stories["draft"], stories["sent_back"]}


@pytest.mark.parametrize("listing", LISTINGS)
def test_a_moderator_sees_no_private_draft_in_an_admin_listing(
    client, story_index, stories, moderator, listing
):
    client.force_login(moderator)
    response = client.get(LISTINGS[listing].format(index=story_index.pk))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Marjolein" not in html
    assert DRAFT_TITLE not in html
    assert REVISED_TITLE not in html
    if "search" in listing:
        # Only published stories are in the search index (test_search_index.py).
        assert PUBLISHED_TITLE in html
        assert HANDED_IN_TITLE not in html
    else:
        assert HANDED_IN_TITLE in html


@pytest.mark.parametrize("listing", ["explorer", "page search", "page chooser", "site history"])
def test_a_coordinator_sees_no_private_draft_either(
    client, story_index, stories, coordinator, listing
):
    client.force_login(coordinator)
    response = client.get(LISTINGS[listing].format(index=story_index.pk))

    assert response.status_code == 200
    assert "Marjolein" not in response.content.decode()


def test_the_author_keeps_their_own_drafts_in_the_chooser(client, story_index, stories, author):
    # Authors write on the site, not in the admin; where a listing does reach them
    # (the chooser answers any signed-in editor) their own drafts stay theirs.
    pages = Page.objects.filter(pk__in=[stories["draft"].pk, stories["handed_in"].pk])

    class Request:
        user = author

    shown = {page.pk for page in hide_private_drafts_from_chooser(pages, Request())}
    assert shown == {stories["draft"].pk, stories["handed_in"].pk}


@pytest.mark.parametrize(
    "address", ["/beheer/pages/{id}/", "/beheer/pages/{id}/results/", "/beheer/choose-page/{id}/"]
)
def test_the_explorer_and_chooser_do_not_open_on_a_private_draft(
    client, story_index, stories, moderator, address
):
    # Both name the page they are opened on; a draft's id is easy to guess.
    client.force_login(moderator)
    for story in ("draft", "sent_back"):
        response = client.get(address.format(id=stories[story].pk))
        assert response.status_code == 404
        assert "Marjolein" not in response.content.decode()

    assert client.get(address.format(id=stories["handed_in"].pk)).status_code == 200


@pytest.mark.parametrize(
    "address", ["/beheer/pages/{id}/", "/beheer/pages/{id}/results/", "/beheer/choose-page/{id}/"]
)
def test_a_page_id_beyond_the_databases_integers_is_not_found(
    client, story_index, moderator, address
):
    client.force_login(moderator)
    assert client.get(address.format(id=10**23)).status_code == 404


# The listings ask each page's permissions (StoryPermissionTester) for their
# action buttons: whether a draft is private is read once per request, not per page.
FLAT_LISTINGS = [
    "explorer",
    "explorer search",
    "page search",
    "site history",
    "workflow tasks report",
    "locked pages report",
]
# Wagtail itself still reads per page here (the specific page, its latest revision
# and workflow state, a task per workflow): only the private-draft reads are flat.
STORY_READS_FLAT = [
    "sidebar explorer (admin API)",
    "page chooser",
    "page chooser search",
    "workflows report",
]


def _more_stories(author, other_author, count):
    """`count` stories in review and `count` private drafts of another author."""
    for number in range(count):
        services.submit_story(
            author=other_author, content=content(title=f"Verhaal ter beoordeling {number}")
        )
        services.save_draft(author=author, content=content(title=f"Verhaal in concept {number}"))


def _queries(client, address):
    client.get(address)  # warm
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    everything = [query["sql"] for query in queries.captured_queries]
    # StoryPermissionTester asking whether a page is a private draft (the listings'
    # own filter holds the same condition, as a subquery of theirs).
    private_draft_reads = [
        sql
        for sql in everything
        if 'FROM "stories_storypage" INNER JOIN' in sql and '"first_published_at" IS NULL' in sql
    ]
    return len(everything), len(private_draft_reads)


@pytest.mark.parametrize("listing", FLAT_LISTINGS + STORY_READS_FLAT)
def test_a_listing_reads_as_often_with_3_drafts_as_with_15(
    client, story_index, author, other_author, moderator, listing
):
    address = LISTINGS[listing].format(index=story_index.pk)
    client.force_login(moderator)
    _more_stories(author, other_author, 3)
    few, few_story_reads = _queries(client, address)
    _more_stories(author, other_author, 12)
    many, many_story_reads = _queries(client, address)

    assert many_story_reads == few_story_reads
    if listing in FLAT_LISTINGS:
        assert many == few


def test_a_story_sent_back_is_private_again_at_once(story_index, other_author, moderator):
    # The memo of private drafts is read again after any workflow change.
    story = services.submit_story(author=other_author, content=content(title=HANDED_IN_TITLE))
    assert story.permissions_for_user(moderator).can_publish()
    services.request_changes(moderator=moderator, story=story, comment="Wat korter graag.")
    story.refresh_from_db()
    assert not story.permissions_for_user(moderator).can_publish()
    assert not story.permissions_for_user(moderator).can_edit()


BULK_ACTIONS = ["delete", "move", "publish", "unpublish"]


@pytest.mark.parametrize("action", BULK_ACTIONS)
@pytest.mark.parametrize("who", ["moderator", "coordinator"])
def test_no_bulk_action_confirmation_names_a_private_draft(
    client, story_index, stories, moderator, coordinator, who, action
):
    # The confirmation lists the pages asked for, those the user may not act on
    # among them, by title; id=all asks for every child of the stories' index.
    client.force_login({"moderator": moderator, "coordinator": coordinator}[who])
    base = f"/beheer/bulk/wagtailcore/page/{action}/"
    by_id = f"{base}?id={stories['draft'].pk}&id={stories['sent_back'].pk}"
    every_child = f"{base}?id=all&childOf={story_index.pk}"

    for address in (by_id, every_child):
        response = client.get(address)
        assert response.status_code == 200
        assert "Marjolein" not in response.content.decode()
    assert HANDED_IN_TITLE in client.get(every_child).content.decode()


@pytest.mark.parametrize("who", ["moderator", "coordinator"])
def test_other_admin_pages_do_not_name_a_private_draft(
    client, story_index, stories, author, moderator, coordinator, who
):
    # Checked as well: an image's usage (the draft's photo), the admin API's page
    # search, and the draft's own aliases, copy, translation, history and workflow
    # history pages (none opens on it).
    image_id = services.store_story_image(author=author, upload=photo())
    section = Section("Thuis", CALM_TEXT, "", "Een bankje in het park", image_id)
    services.save_draft(
        author=author,
        content=content(title=DRAFT_TITLE, sections=(section,)),
        story=stories["draft"],
    )
    client.force_login({"moderator": moderator, "coordinator": coordinator}[who])
    draft = stories["draft"].pk
    addresses = [
        f"/beheer/images/usage/{image_id}/",
        "/beheer/api/main/pages/?search=Bakker",
        "/beheer/api/main/pages/?search=verhaal",
        "/beheer/api/main/pages/?type=stories.StoryPage&fields=title",
        f"/beheer/api/main/pages/{draft}/",
        f"/beheer/pages/{draft}/aliases/",
        f"/beheer/pages/{draft}/copy/",
        f"/beheer/pages/{draft}/copy_for_translation/",
        f"/beheer/pages/{draft}/history/",
        f"/beheer/pages/{draft}/workflow_history/",
        f"/beheer/pages/{draft}/usage/",
    ]
    for address in addresses:
        response = client.get(address, follow=True)
        assert "Marjolein" not in response.content.decode(), address


def handed_in_replacing_the_name(author):
    """A draft named after a third party (its first save gives the page its title,
    address and search entry), then handed in with the name replaced."""
    raw = content(title=DRAFT_TITLE, sections=(Section("", f"{DRAFT_TITLE}. {CALM_TEXT}", ""),))
    draft = services.save_draft(author=author, content=raw)
    with pytest.raises(services.ConfirmationNeeded) as needed:
        services.submit_story(author=author, content=raw, story=draft)
    keys = [detail.key for detail in needed.value.details]
    assert "NAAM:Marjolein Bakker" in keys
    return services.submit_story(
        author=author, content=raw, story=draft, reviewed=keys, replace_keys=keys
    )


@pytest.mark.parametrize(
    "listing", ["explorer", "page search", "sidebar explorer (admin API)", "site history"]
)
@pytest.mark.parametrize("role", ["moderator", "coordinator"])
def test_a_story_handed_in_with_a_name_replaced_shows_nowhere_with_that_name(
    client, story_index, author, moderator, coordinator, role, listing
):
    """The name the author replaced on hand-in stays out of the admin, where
    moderators and coordinators see a story in review: not in its title, address,
    search entry or history (the drafts before the check were the raw text)."""
    handed_in_replacing_the_name(author)
    client.force_login({"moderator": moderator, "coordinator": coordinator}[role])
    url = LISTINGS[listing].format(index=story_index.pk).replace("q=verhaal", "q=Marjolein")

    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Bakker" not in html  # a search for the first name finds no story
    if "q=" not in url:
        assert "Marjolein" not in html


def test_a_story_handed_in_keeps_no_draft_with_the_replaced_name(story_index, author):
    story = handed_in_replacing_the_name(author)

    story = StoryPage.objects.get(pk=story.pk)
    assert "Marjolein" not in " ".join(str(r.content) for r in story.revisions.all())
    assert "Marjolein" not in f"{story.title} {story.draft_title} {story.slug} {story.url_path}"
    assert "Marjolein" not in f"{story.summary} {story.body.raw_data}"
    assert not list(StoryPage.objects.search("Marjolein"))
