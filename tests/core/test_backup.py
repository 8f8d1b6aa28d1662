"""`manage.py backup` and `restore`: one file with the database and the media folder, put back into an empty site.

The round trips run manage.py in processes of their own, on a SQLite file and on fresh PostgreSQL databases,
as an operator would; the refusals run in this process, against the test database.
"""

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from blog.models import Article
from core.backup import DATABASE_FILES, MANIFEST, default_filename
from tests.factories import make_article

ROOT = Path(__file__).resolve().parent.parent.parent
PG_SERVER = "postgres://postgres@127.0.0.1:5432"

# Run inside the site under test: everything a reader or editor could miss after a restore, as JSON.
SNAPSHOT = """
import hashlib, json
from pathlib import Path
from django.conf import settings
from django_comments_xtd.models import XtdComment
from taggit.models import Tag
from blog.models import Article
from core.models import Author
from core.registry import entry_models

def digest(field):
    path = Path(settings.MEDIA_ROOT, field.name)
    return [field.name, hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"]

items = {
    model._meta.label: sorted(
        [e.slug, e.title, e.status, e.published_at.isoformat(), sorted(t.name for t in e.tags.all()),
         sorted(a.slug for a in e.authors.all()), digest(e.lead_image) if e.lead_image else None]
        for e in model.objects.all()
    )
    for model in entry_models()
}
comments = sorted(
    [c.content_type.model, c.object_pk, c.user_name, c.user_email, c.comment, c.is_public, c.is_removed,
     c.parent_id, c.thread_id, c.order, c.level, c.submit_date.isoformat()]
    for c in XtdComment.objects.all()
)
media = sorted(
    [str(p.relative_to(settings.MEDIA_ROOT)), hashlib.sha256(p.read_bytes()).hexdigest()]
    for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()
)
print(json.dumps({
    "items": items, "comments": comments, "media": media,
    "tags": sorted([t.name, t.slug] for t in Tag.objects.all()),
    "authors": sorted([a.slug, a.name, a.bio, digest(a.photo) if a.photo else None] for a in Author.objects.all()),
    "search": [a.slug for a in Article.objects.published().search("nurses").order_by("slug")],
}))
"""

# Beyond the demo: text in several alphabets, a held and a removed comment, a reply, an author with a photo.
EXTRA_CONTENT = """
from tests.factories import make_article, make_author, make_comment, png_file
author = make_author("Zoë Ångström-Øyen", slug="zoe", photo=png_file("zoë.png", size=(200, 200)), bio="Bio ✓")
article = make_article(slug="unicode-backup", title="Ünïcode ✓ 日本語 עברית", tags=["santé publique", "日本"],
                       authors=[author])
first = make_comment(article, "Premier commentaire — ça marche ✓", user_name="Zoë")
make_comment(article, "A reply\\nover two lines", parent=first)
make_comment(article, "Held for a moderator", is_public=False)
make_comment(article, "Removed by a moderator", is_removed=True)
"""


def site_environment(database_url, media_root):
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DEBUG", "PYTEST", "REDIS"))}
    return inherited | {"DEBUG": "1", "DATABASE_URL": database_url, "MEDIA_ROOT": str(media_root)}


def manage(env, *args, check=True):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    if check:
        assert result.returncode == 0, result.stderr[-3000:]
    return result


def snapshot(env, first=""):
    """The SNAPSHOT of the site in `env`, after running the code `first`."""
    return json.loads(manage(env, "shell", "--no-imports", "-c", first + SNAPSHOT).stdout)


def round_trip(tmp_path, source_url, target_url):
    """Seed a site, back it up, restore into an empty one; the snapshots of both."""
    source = site_environment(source_url, tmp_path / "media")
    manage(source, "migrate", "--noinput", "--verbosity", "0")
    manage(source, "seed_demo", "--verbosity", "0")
    before = snapshot(source, first=EXTRA_CONTENT)
    backup_file = tmp_path / "site.tar.gz"
    manage(source, "backup", str(backup_file))

    target = site_environment(target_url, tmp_path / "restored-media")
    (tmp_path / "restored-media").mkdir()
    (tmp_path / "restored-media" / "stray.txt").write_text("left from before")
    refused = manage(target, "restore", str(backup_file), check=False)
    assert refused.returncode == 1
    assert "media folder" in refused.stderr and "not empty" in refused.stderr
    assert "Traceback" not in refused.stderr
    (tmp_path / "restored-media" / "stray.txt").unlink()

    restored = manage(target, "restore", str(backup_file))
    assert "Restored the database and media" in restored.stdout
    return before, snapshot(target)


def assert_everything_restored(before, after):
    assert all(before["items"].values()) and before["comments"] and before["tags"] and before["authors"]
    assert before["search"]
    assert any(name.startswith("authors/") for name, _ in before["media"])
    assert "missing" not in json.dumps(before)  # every image the content names has its file
    assert after == before


def test_a_sqlite_site_restored_from_its_backup_has_every_item_comment_tag_author_and_image(tmp_path):
    before, after = round_trip(
        tmp_path, f"sqlite:///{tmp_path / 'site.sqlite3'}", f"sqlite:///{tmp_path / 'new.sqlite3'}"
    )
    assert_everything_restored(before, after)


@pytest.fixture
def two_postgresql_databases():
    names = [f"magazine_backup_{kind}_{os.getpid()}" for kind in ("source", "target")]
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
        for name in names:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {name}")
    yield [f"{PG_SERVER}/{name}" for name in names]
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
        for name in names:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_a_postgresql_site_restored_from_its_backup_has_every_item_comment_tag_author_and_image(
    tmp_path, two_postgresql_databases
):
    before, after = round_trip(tmp_path, *two_postgresql_databases)
    assert_everything_restored(before, after)


def test_a_backup_file_holds_a_manifest_the_database_and_the_media_folder(transactional_db, tmp_path, settings):
    make_article(slug="kept")
    (Path(settings.MEDIA_ROOT) / "lead").mkdir(parents=True)
    (Path(settings.MEDIA_ROOT) / "lead" / "picture.png").write_bytes(b"not really a png")
    path = tmp_path / "backups" / default_filename()
    call_command("backup", str(path), stdout=io.StringIO())

    assert path.stat().st_mode & 0o777 == 0o600  # e-mail addresses and password hashes: its owner's alone
    with tarfile.open(path) as archive:
        names = archive.getnames()
        manifest = json.load(archive.extractfile(MANIFEST))
    assert {MANIFEST, DATABASE_FILES[connection.vendor], "media/lead/picture.png"} <= set(names)
    assert manifest["engine"] == connection.vendor
    assert ["blog", "0001_initial"] in manifest["migrations"]


def fake_backup(path, manifest=None, members=()):
    """A .tar.gz laid out like a backup, with a manifest for this database unless told otherwise."""
    manifest = {"format": 1, "engine": connection.vendor, "created_at": "2026-01-01T00:00:00+00:00",
                "migrations": []} | (manifest or {})  # fmt: skip
    with tarfile.open(path, "w:gz") as archive:
        for name, data in [(MANIFEST, json.dumps(manifest).encode()), *members]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        for engine_file in DATABASE_FILES.values():
            info = tarfile.TarInfo(engine_file)
            archive.addfile(info, io.BytesIO(b""))
    return path


def restore_refusal(path):
    with pytest.raises(CommandError) as refusal:
        call_command("restore", str(path), stdout=io.StringIO())
    return str(refusal.value)


@pytest.mark.django_db
class TestRestoreRefuses:
    def test_a_missing_file(self, tmp_path):
        assert "There is no file at" in restore_refusal(tmp_path / "nowhere.tar.gz")

    def test_a_file_that_is_not_a_backup(self, tmp_path):
        (tmp_path / "notes.txt").write_text("shopping list")
        assert "is not a backup" in restore_refusal(tmp_path / "notes.txt")
        with tarfile.open(tmp_path / "other.tar.gz", "w:gz"):
            pass
        assert f"it has no {MANIFEST}" in restore_refusal(tmp_path / "other.tar.gz")

    def test_a_cut_off_backup(self, tmp_path):
        whole = fake_backup(tmp_path / "whole.tar.gz", members=[("media/big.bin", os.urandom(200_000))]).read_bytes()
        (tmp_path / "cut.tar.gz").write_bytes(whole[: len(whole) // 2])
        assert "is not a backup" in restore_refusal(tmp_path / "cut.tar.gz")

    def test_a_backup_of_the_other_database_engine(self, tmp_path):
        other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
        message = restore_refusal(fake_backup(tmp_path / "other.tar.gz", {"engine": other}))
        assert "is restored into the engine it came from" in message

    def test_a_backup_made_by_newer_code(self, tmp_path):
        manifest = {"migrations": [["blog", "0001_initial"], ["blog", "9999_from_the_future"]]}
        message = restore_refusal(fake_backup(tmp_path / "newer.tar.gz", manifest))
        assert "newer version of the site" in message and "blog.9999_from_the_future" in message

    def test_a_media_file_that_would_land_outside_the_media_folder(self, tmp_path):
        backup = fake_backup(tmp_path / "evil.tar.gz", members=[("media/../../escaped.txt", b"x")])
        assert "outside the media folder" in restore_refusal(backup)
        assert not (tmp_path / "escaped.txt").exists()

    @pytest.mark.django_db(transaction=True)  # SQLite backs up outside a transaction only
    def test_a_database_that_is_not_empty_and_changes_nothing(self, tmp_path):
        make_article(slug="already-here")
        call_command("backup", str(tmp_path / "site.tar.gz"), stdout=io.StringIO())
        assert "is not empty" in restore_refusal(tmp_path / "site.tar.gz")
        assert list(Article.objects.values_list("slug", flat=True)) == ["already-here"]
