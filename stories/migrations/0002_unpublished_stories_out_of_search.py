"""Stories that are not published leave the search index: their page row held the
first draft, the author's text before the privacy check (StoryPage.get_indexed_objects
keeps them out from now on)."""

from django.db import migrations


def forget_unpublished_stories(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")
    StoryPage = apps.get_model("stories", "StoryPage")
    kind = ContentType.objects.filter(app_label="stories", model="storypage").first()
    if kind is None:
        return
    offline = [str(pk) for pk in StoryPage.objects.filter(live=False).values_list("pk", flat=True)]
    # As the search backend deletes an object's entries (no ORM cascade: SQLite keeps
    # a full-text table beside it that other databases do not have).
    IndexEntry.objects.filter(content_type=kind, object_id__in=offline)._raw_delete(
        schema_editor.connection.alias
    )
    merge_full_text_index(schema_editor.connection)


def merge_full_text_index(connection):
    """SQLite keeps deleted entries' words in FTS5's older segments until they merge:
    merged now (stories.services.merge_full_text_index, inlined as migrations are)."""
    if connection.vendor != "sqlite":
        return
    table = "wagtailsearch_indexentry_fts"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = %s", [table]
        )
        if cursor.fetchone()[0]:
            cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")  # noqa: S608


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("stories", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(forget_unpublished_stories, migrations.RunPython.noop)]
