"""Databases that ran 0002 before it merged the full-text index: the words of the
unpublished stories it removed stay in FTS5's older segments until they merge."""

import importlib

from django.db import migrations


def merge(apps, schema_editor):
    earlier = importlib.import_module("stories.migrations.0002_unpublished_stories_out_of_search")
    earlier.merge_full_text_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("stories", "0003_story_pseudonym_confirmed")]

    operations = [migrations.RunPython(merge, migrations.RunPython.noop)]
