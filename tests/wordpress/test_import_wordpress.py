"""The command as editors run it: re-runs, dry runs, bad files, the report and progress."""

import re
import subprocess
import sys

import pytest
from django.apps import apps
from django.contrib.redirects.models import Redirect
from django.core.management import CommandError
from django_comments_xtd.models import XtdComment

from core.models import Author, Source
from core.registry import entry_models
from tests.factories import make_article
from tests.wordpress.imports import DATA, ROOT, SECTIONS, make_media_dir, run_import
from wordpress import importer
from wordpress.models import ImportedObject

pytestmark = pytest.mark.django_db


def row_counts():
    models = [*entry_models(), Author, Source, XtdComment, Redirect, ImportedObject, apps.get_model("taggit", "Tag")]
    return {model.__name__: model.objects.count() for model in models}


def stored_files(settings):
    return sorted(p.name for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()) if settings.MEDIA_ROOT.exists() else []


def test_running_twice_imports_nothing_twice(tmp_path):
    media = make_media_dir(tmp_path / "uploads")
    for export in ("posts.xml", "comments.xml"):
        run_import(DATA / export, "--media-dir", media, *SECTIONS)
    before = row_counts()
    again = run_import(DATA / "posts.xml", "--media-dir", media, *SECTIONS) + run_import(DATA / "comments.xml")
    assert row_counts() == before
    assert "14 posts: already imported" in again and "12 comments: already imported" in again
    assert "  posts               0       16" in again


def test_a_dry_run_writes_nothing_and_prints_the_same_report(settings, tmp_path):
    media = make_media_dir(tmp_path / "uploads")
    before = row_counts()
    dry = run_import(DATA / "posts.xml", "--media-dir", media, "--dry-run", *SECTIONS)
    assert row_counts() == before
    assert stored_files(settings) == []
    assert dry.startswith("Checking posts.xml") and "Dry run: nothing was written." in dry
    real = run_import(DATA / "posts.xml", "--media-dir", media, *SECTIONS)
    assert dry.split("imported  skipped")[1] == real.split("imported  skipped")[1]


def test_a_truncated_file_stops_with_the_line_and_imports_nothing():
    before = row_counts()
    with pytest.raises(CommandError, match=r"^Line 40, column \d+: .*cut short\? Nothing was imported\.$"):
        run_import(DATA / "truncated.xml")
    assert row_counts() == before


def test_bad_input_exits_non_zero_with_a_message_and_no_traceback():
    command = [sys.executable, "manage.py", "import_wordpress", str(DATA / "truncated.xml")]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env={"DEBUG": "1", "PATH": ""})
    assert result.returncode == 1
    assert "CommandError: Line 40" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-file.xml"], "no-such-file.xml: no such file."),
        ([DATA / "posts.xml", "--media-dir", "/no/such/folder"], "--media-dir /no/such/folder: no such folder."),
        ([DATA / "posts.xml", "--section-map", "Reviews"], '"Reviews": write "Category=section"'),
        ([DATA / "posts.xml", "--section-map", "Reviews=books"], "one of articles, cartoons, interviews, reviews"),
        ([DATA / "bomb.xml"], "declares a DTD"),
    ],
)
def test_bad_arguments_and_files_are_refused_with_a_clear_message(args, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        run_import(*args)
    assert not ImportedObject.objects.exists()


def test_an_error_halfway_leaves_nothing_behind_not_even_copied_pictures(monkeypatch, settings, tmp_path):
    real_import_item = importer.Importer.import_item

    def fail_on_the_about_page(self, item):
        if item.id == "120":
            raise RuntimeError("the database went away")
        real_import_item(self, item)

    monkeypatch.setattr(importer.Importer, "import_item", fail_on_the_about_page)
    before = row_counts()
    with pytest.raises(RuntimeError):
        run_import(DATA / "posts.xml", "--media-dir", make_media_dir(tmp_path / "uploads"), *SECTIONS)
    assert row_counts() == before
    assert stored_files(settings) == []


def test_an_export_of_another_wordpress_site_is_refused(tmp_path):
    run_import(DATA / "posts.xml")
    (tmp_path / "other.xml").write_text((DATA / "comments.xml").read_text().replace("old.example.org", "b.example"))
    with pytest.raises(CommandError, match=re.escape("already holds an import from http://old.example.org")):
        run_import(tmp_path / "other.xml")


def test_progress_counts_items_done_of_total_per_kind():
    output = run_import(DATA / "posts.xml")
    assert "WordPress export 1.2 of http://old.example.org: 16 posts, 1 pages, 2 attachments, 1 other items, " in output
    assert "[100%] posts 16/16 · pages 1/1 · attachments 2/2 · other items 1/1 · comments 0/0" in output


def test_readers_see_imported_items_at_once_though_pages_are_cached(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    make_article(title="Written here first")
    assert "Republished from a partner" not in client.get("/").content.decode()
    run_import(DATA / "posts.xml")
    assert "Republished from a partner" in client.get("/").content.decode()
