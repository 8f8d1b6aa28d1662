"""Give every tag a slug its page's URL can carry: taggit made "" of a tag named "!!!" (then "_1", "_2"...),
which the tag page, its feeds and the sitemap could not link to, so pages listing such a tag answered 500."""

from django.db import migrations

from core.tags import needs_new_slug, slug_for


def fix_slugs(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    taken = set(Tag.objects.values_list("slug", flat=True))
    for tag in Tag.objects.order_by("pk"):
        if not needs_new_slug(tag.slug):
            continue
        slug = base = slug_for(tag.name)
        number = 0
        while slug in taken:
            number += 1
            slug = f"{base}_{number}"
        taken.add(slug)
        Tag.objects.filter(pk=tag.pk).update(slug=slug)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_taggeditem_entry_index"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(fix_slugs, migrations.RunPython.noop)]
