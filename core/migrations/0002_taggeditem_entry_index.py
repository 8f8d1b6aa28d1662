"""An index on taggit's table for joins from entries to their tags, on PostgreSQL.

Entries have bigint keys and taggit's `object_id` is an integer, so Django joins them on
`taggit_taggeditem.object_id::bigint`; taggit's own indexes are on the bare column and cannot serve that
join. This index is on the same expression, so a list of a tag's items can walk the entries newest first
and check each one's tag here, stopping after a page, instead of sorting every item with the tag.
"""

from django.db import migrations

INDEX = "core_taggeditem_entry_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON taggit_taggeditem "
            "((object_id::bigint), content_type_id, tag_id)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
