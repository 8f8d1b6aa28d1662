"""WordPress's own Theme Unit Test export: long and empty titles, unicode, nested comments, password-protected
and sticky posts, galleries and shortcodes, as a real WordPress wrote them."""

import pytest
from django.contrib.redirects.models import Redirect
from taggit.models import Tag

from comments.threads import comments_on
from core.models import Author
from tests.wordpress.imports import THEME_UNIT_TEST, needs_theme_unit_test, run_import
from wordpress.models import ImportedObject

pytestmark = [pytest.mark.django_db, needs_theme_unit_test]


@pytest.fixture
def imported():
    return run_import(THEME_UNIT_TEST)


def entries():
    return [row.content_object for row in ImportedObject.objects.filter(kind__in=["post", "page"])]


def test_it_imports_without_an_error_and_reports_every_kind(imported):
    assert "  posts              51        0" in imported
    assert "  pages              21        0" in imported
    assert "  comments           28        4" in imported
    assert "  other items         0       70" in imported
    assert "Missing files (5):" in imported  # featured images, not shipped with the export


def test_every_imported_item_readers_can_see_answers_200_with_its_comments_page(client, imported):
    live = [entry for entry in entries() if entry.is_published()]
    assert len(live) == 69  # all but the draft, the scheduled post and the password-protected one
    for entry in live:
        assert client.get(entry.get_absolute_url()).status_code == 200, entry.get_absolute_url()
        assert client.get(entry.get_comments_url()).status_code == 200, entry.get_comments_url()


def test_every_tag_and_author_page_answers_200(client, imported):
    tags = Tag.objects.all()
    assert len(tags) > 50
    for tag in tags:
        assert client.get(f"/tags/{tag.slug}/").status_code == 200, tag.name
    assert sorted(Author.objects.values_list("name", flat=True)) == ["Theme Buster", "Theme Reviewer"]
    for author in Author.objects.all():
        assert client.get(author.get_absolute_url()).status_code == 200


def test_every_old_link_answers_301_to_a_page_that_answers_200(client, imported):
    redirects = Redirect.objects.all()
    assert len(redirects) == 69
    for redirect in redirects:
        response = client.get(redirect.old_path)
        assert (response.status_code, response["Location"]) == (301, redirect.new_path)
        assert client.get(redirect.new_path).status_code == 200
    greek = "/greek/%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-2/%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-3/"
    assert client.get(greek).status_code == 301
    assert client.get("/?p=1178").status_code == 301
    assert "Location" not in client.get("/?p=1164")  # the draft


def test_nested_comments_keep_their_threads_within_the_depth_allowed_here(imported):
    discussion = ImportedObject.objects.get(kind="post", wordpress_id="1148").content_object
    comments = list(comments_on(discussion))
    assert len(comments) == 20
    assert max(c.level for c in comments) == 2
    assert all(c.parent_id in {other.pk for other in comments} for c in comments)


def test_a_second_run_imports_nothing(imported):
    again = run_import(THEME_UNIT_TEST)
    assert "  posts               0       51" in again
    assert "  comments            0       32" in again
