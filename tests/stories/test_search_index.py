"""What the search index (Wagtail's database backend: `wagtailsearch.IndexEntry`)
holds of stories: only the text of a published story, after its redaction. A draft
holds the author's text before the privacy check (names they replace on hand-in):
it never enters the index, and a story that goes offline (withdrawn, deleted)
leaves it."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from stories import services
from stories.models import StoryPage
from stories.services import Section
from tests.stories.factories import CALM_TEXT, content

pytestmark = pytest.mark.django_db

RAW = "Mijn buurvrouw Karin de Vries zag het ook. " + CALM_TEXT


def index_text() -> str:
    """Everything the index holds, of any page, in lowercase: the SQLite backend keeps
    the text, PostgreSQL's keeps its lexemes ("'karin':11")."""
    return " ".join(
        " ".join(str(value) for value in row)
        for row in IndexEntry.objects.values_list("title", "autocomplete", "body")
    ).lower()


def story_entries(story: StoryPage) -> list[str]:
    kind = ContentType.objects.get_for_model(StoryPage)
    return list(
        IndexEntry.objects.filter(content_type=kind, object_id=str(story.pk)).values_list(
            "body", flat=True
        )
    )


@pytest.fixture
def raw_content():
    return content(title="Karin de Vries en ik", sections=(Section("", RAW, ""),))


def hand_in(author, story_content, story=None) -> StoryPage:
    """Hand in with every detail the privacy check finds replaced by its placeholder."""
    try:
        return services.submit_story(author=author, content=story_content, story=story)
    except services.ConfirmationNeeded as needed:
        keys = [detail.key for detail in needed.details]
    return services.submit_story(
        author=author, content=story_content, story=story, reviewed=keys, replace_keys=keys
    )


def test_a_draft_never_enters_the_index(story_index, author, raw_content):
    draft = services.save_draft(author=author, content=raw_content)
    services.save_draft(author=author, content=raw_content, story=draft)

    assert story_entries(draft) == []
    assert "karin" not in index_text()
    # Handed in (redacted) and waiting for the moderators: still not published.
    hand_in(author, raw_content, draft)
    assert story_entries(draft) == []
    assert "karin" not in index_text()


def test_a_published_story_is_indexed_with_its_redacted_text_only(
    story_index, author, moderator, raw_content
):
    draft = services.save_draft(author=author, content=raw_content)
    story = services.publish_story(moderator=moderator, story=hand_in(author, raw_content, draft))

    [body] = story_entries(story)
    assert "buurvrouw" in body.lower()
    assert "karin" not in body.lower() and "vries" not in body.lower()
    assert "karin" not in index_text()
    # A new draft of the live story (raw again) leaves the published text in the index.
    services.save_draft(author=author, content=raw_content, story=story)
    assert "karin" not in index_text()
    assert story_entries(story) == [body]


def test_a_withdrawn_story_leaves_the_index(story_index, author, moderator, raw_content):
    story = services.publish_story(moderator=moderator, story=hand_in(author, raw_content))
    assert story_entries(story) != []

    services.withdraw_story(author=author, story=story)

    assert story_entries(story) == []


def test_a_story_approved_for_later_and_withdrawn_was_never_indexed(
    story_index, author, moderator, raw_content
):
    draft = services.save_draft(author=author, content=raw_content)
    story = hand_in(author, raw_content, draft)
    revision = story.get_latest_revision()
    revision.approved_go_live_at = timezone.now() + timezone.timedelta(days=2)
    revision.save(update_fields=["approved_go_live_at"])

    services.withdraw_story(author=author, story=story)

    assert story_entries(story) == []
    assert "karin" not in index_text()


def test_a_deleted_story_leaves_the_index(story_index, author, moderator, raw_content):
    story = services.publish_story(moderator=moderator, story=hand_in(author, raw_content))
    pk = story.pk

    StoryPage.objects.get(pk=pk).delete()

    assert IndexEntry.objects.filter(object_id=str(pk)).count() == 0


def test_the_migration_removes_what_was_indexed_of_unpublished_stories(
    story_index, author, moderator, raw_content
):
    draft = services.save_draft(author=author, content=raw_content)
    live = services.publish_story(moderator=moderator, story=hand_in(author, raw_content))
    get_search_backend().add(draft)  # as every draft was indexed before
    assert "karin" in index_text()
    migration = importlib.import_module("stories.migrations.0002_unpublished_stories_out_of_search")

    migration.forget_unpublished_stories(apps, SimpleNamespace(connection=connection))

    assert "karin" not in index_text()
    assert story_entries(draft) == []
    assert story_entries(live) != []


def fts_index_bytes() -> bytes:
    """The raw blocks of SQLite's full-text index beside IndexEntry (its terms,
    prefix-compressed): what stays in the database file after a row is deleted,
    until the index merges its segments."""
    if connection.vendor != "sqlite":
        pytest.skip("only SQLite keeps a full-text table of its own")
    table = f"{IndexEntry._meta.db_table}_fts_data"
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = %s", [table])
        if not cursor.fetchone()[0]:
            pytest.skip("no FTS5 table")
        cursor.execute(f"SELECT block FROM {table}")  # noqa: S608
        return b"".join(bytes(block or b"") for (block,) in cursor.fetchall())


def test_the_migration_leaves_no_raw_word_in_the_full_text_index(
    story_index, author, moderator, raw_content
):
    draft = services.save_draft(author=author, content=raw_content)
    get_search_backend().add(draft)  # as every draft was indexed before
    assert b"karin" in fts_index_bytes()
    migration = importlib.import_module("stories.migrations.0002_unpublished_stories_out_of_search")

    migration.forget_unpublished_stories(apps, SimpleNamespace(connection=connection))

    assert b"karin" not in fts_index_bytes()


def test_a_withdrawn_story_leaves_no_word_in_the_full_text_index(story_index, author, moderator):
    rare = content(sections=(Section("", "Ik verzorgde de vensterbankplantjes. " + CALM_TEXT, ""),))
    story = services.publish_story(moderator=moderator, story=hand_in(author, rare))
    assert b"bankplantjes" in fts_index_bytes()

    services.withdraw_story(author=author, story=story)

    assert b"bankplantjes" not in fts_index_bytes()
