"""Imported items start their history with the import: one revision each, naming the WordPress post."""

import pytest
from reversion.models import Version

from tests.wordpress.imports import DATA, SECTIONS, make_media_dir, run_import
from wordpress.models import ImportedObject

pytestmark = pytest.mark.django_db


def test_each_imported_item_has_a_first_revision_of_its_own(tmp_path):
    run_import(DATA / "posts.xml", "--media-dir", make_media_dir(tmp_path / "uploads"), *SECTIONS)
    rows = ImportedObject.objects.filter(kind__in=["post", "page"])
    assert rows.count() > 3
    for row in rows:
        entry = row.content_object
        [version] = Version.objects.get_for_object(entry)
        assert version.revision.user is None
        assert version.revision.get_comment() == f"Imported from WordPress (post ID {row.wordpress_id})."
        items = {v.content_type.model for v in version.revision.version_set.all()}
        assert items <= {entry._meta.model_name, "taggeditem"}  # never an author or another item
        assert sorted(version.field_dict["authors"]) == sorted(entry.authors.values_list("pk", flat=True))


def test_a_dry_run_records_no_revision(tmp_path):
    run_import(DATA / "posts.xml", "--dry-run", *SECTIONS)
    assert not Version.objects.exists()
