"""`manage.py backup` and `restore` with media in a bucket: the database only, and they say so."""

import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from core.backup import ENGINE_NAMES, MANIFEST, media_note
from tests.core.test_backup import fake_backup
from tests.factories import make_article, png_file


def test_a_backup_leaves_media_in_the_bucket_and_says_so(transactional_db, bucket, tmp_path):
    article = make_article(lead_image=png_file(), lead_image_alt="A ward")
    assert article.lead_image.name in bucket.names()
    out = io.StringIO()
    call_command("backup", str(tmp_path / "site.tar.gz"), stdout=out)

    assert f"Backed up the {ENGINE_NAMES[connection.vendor]} database to" in out.getvalue()
    assert "Media are not in this file: they are in the bucket magazine-media" in out.getvalue()
    with tarfile.open(tmp_path / "site.tar.gz") as archive:
        assert not [name for name in archive.getnames() if name.startswith("media")]
        assert json.load(archive.extractfile(MANIFEST))["media_bucket"] == "magazine-media"


@pytest.mark.django_db
def test_a_restore_into_a_bucket_site_ignores_the_media_folder(bucket, settings, tmp_path):
    """Media in the file are not restored, so a non-empty MEDIA_ROOT is no reason to refuse; the database is."""
    Path(settings.MEDIA_ROOT).mkdir(parents=True)
    (Path(settings.MEDIA_ROOT) / "stray.txt").write_text("left from before")
    backup = fake_backup(tmp_path / "old.tar.gz", members=[("media/lead/picture.png", b"png")])
    with pytest.raises(CommandError) as refusal:
        call_command("restore", str(backup), stdout=io.StringIO())
    assert "is not empty" in str(refusal.value) and "media folder" not in str(refusal.value)


def test_after_a_restore_the_note_says_where_the_media_are(settings):
    settings.AWS_STORAGE_BUCKET_NAME = "magazine-media"
    assert "The 3 media file(s) in the backup were not restored" in media_note({"media_left": 3}, restored=True)
    assert media_note({"media_left": 0}, restored=True) == ""
    settings.AWS_STORAGE_BUCKET_NAME = ""
    assert "The backup holds no media: they were in the bucket old-media" in media_note(
        {"media_bucket": "old-media"}, restored=True
    )
    assert media_note({}, restored=True) == media_note({}) == ""
