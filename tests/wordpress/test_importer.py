"""Posts and pages of data/posts.xml, imported: sections, fields, statuses, pictures, syndication."""

from datetime import UTC, datetime

import pytest

from blog.models import Article
from cartoons.models import Cartoon
from core.models import Author, Entry, Source
from interviews.models import Interview
from reviews.models import BookReview
from tests.wordpress.imports import DATA, SECTIONS, make_media_dir, run_import
from wordpress.models import ImportedObject

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(tmp_path):
    """The import's printed output, with data/posts.xml imported into the sections its categories map to."""
    return run_import(DATA / "posts.xml", "--media-dir", make_media_dir(tmp_path / "uploads"), *SECTIONS)


def article(wordpress_id):
    return ImportedObject.objects.get(kind="post", wordpress_id=str(wordpress_id)).content_object


def test_title_body_excerpt_slug_and_date_come_from_the_post(imported):
    santé = article(101)
    assert isinstance(santé, Article)
    assert santé.title == "Santé publique: l’hôpital en 2024 — 日本語"
    assert santé.slug == "sante-publique"
    assert santé.published_at == datetime(2020, 5, 1, 10, 0, tzinfo=UTC)  # the GMT date, not the local one
    assert santé.body.startswith("<p>The ward was <em>full</em> again.</p><p>A classic paragraph<br>\nwith a line")
    assert "<h2>A heading</h2>" in santé.body and "script" not in santé.body and "wp:paragraph" not in santé.body
    assert '<a href="/2019/01/02/older-post/">an older post</a>' in santé.body
    assert santé.excerpt.startswith("The ward was full again. A classic paragraph with a line break.")


def test_escaped_title_and_hand_written_excerpt_become_plain_text(imported):
    clinic = article(102)
    assert clinic.title == "Ben & Jerry’s new clinic"
    assert clinic.excerpt == "A hand-written excerpt."
    assert clinic.body == "<p>Written without CDATA: 5 &lt; 6.</p>"
    assert clinic.slug == "ben-jerrys-new-clinic"  # its WordPress slug was Japanese: URLs here carry ASCII


def test_an_empty_post_is_imported_untitled_and_says_so(imported):
    empty = article(103)
    assert (empty.title, empty.body, empty.excerpt, empty.slug) == ("Untitled", "", "", "post-103")
    assert 'post 103 "": no title: called "Untitled"' in imported


def test_authors_are_created_once_with_their_display_names(imported):
    assert sorted(Author.objects.values_list("name", flat=True)) == ["Anna Łukasiewicz", "Ben Okafor"]
    assert list(article(101).authors.values_list("name", flat=True)) == ["Anna Łukasiewicz"]


def test_categories_and_tags_become_tags_but_not_uncategorized(imported):
    assert sorted(article(101).tags.names()) == ["Opinion", "Santé publique"]


@pytest.mark.parametrize(
    ("wordpress_id", "status", "live"),
    [(101, "published", True), (104, "draft", False), (105, "pending", False), (106, "draft", False),
     (107, "published", False), (108, "draft", False)],
)  # fmt: skip
def test_wordpress_statuses_map_to_published_scheduled_pending_or_draft(imported, wordpress_id, status, live):
    entry = article(wordpress_id)
    assert (entry.status, entry.is_published()) == (status, live)


def test_a_scheduled_post_keeps_its_time_and_goes_live_on_its_own(imported):
    assert article(107).published_at == datetime(2099, 1, 1, 8, 30, tzinfo=UTC)


def test_private_and_password_protected_posts_are_drafts_with_a_warning(imported):
    assert "pending in WordPress" not in imported  # it stays pending review here: nothing to warn about
    assert "private in WordPress: imported as a draft" in imported
    assert 'post 108 "Members only": password-protected in WordPress: imported as a draft' in imported


def test_trash_and_automatic_drafts_are_skipped_with_the_reason(imported):
    assert not ImportedObject.objects.filter(wordpress_id__in=["109", "110"]).exists()
    assert "1 posts: in WordPress's trash" in imported
    assert "1 posts: automatic drafts WordPress never saved" in imported


def test_the_section_map_sends_posts_to_their_sections(imported):
    assert isinstance(article(116), Interview)
    assert isinstance(article(113), Cartoon)
    assert isinstance(ImportedObject.objects.get(wordpress_id="120").content_object, Article)  # a page


def test_a_book_review_takes_its_book_title_from_the_post_and_asks_for_the_authors(imported):
    review = article(111)
    assert isinstance(review, BookReview)
    assert (review.book_title, review.book_authors) == ("The Body Keeps the Score, reviewed", "")
    assert "add the book's author(s) in the admin" in imported


def test_a_cartoon_without_a_picture_becomes_an_article_with_a_warning(imported):
    assert isinstance(article(112), Article)
    assert 'post 112 "A cartoon that lost its drawing": no picture found for this cartoon: imported as an article' in (
        imported
    )


def test_a_featured_image_found_in_the_media_folder_becomes_the_lead_image(imported):
    cartoon = article(113)
    assert cartoon.lead_image.name.startswith("cartoons/") and cartoon.lead_image.name.endswith(".png")
    assert (cartoon.lead_image_width, cartoon.lead_image_height) == (800, 500)
    assert cartoon.lead_image_alt == "A nurse asleep in a plastic chair"


def test_a_missing_attachment_is_a_warning_naming_the_file_not_an_error(imported):
    assert article(114).lead_image.name == ""
    assert "Missing files (1):\n  2020/05/missing-photo.jpg (featured image of line" in imported


def test_pictures_in_bodies_are_reported_as_left_out(imported):
    assert 'post 101 "Santé publique' in imported
    assert "left out of the body, which holds text, not pictures: 1 picture, 1 [gallery]" in imported


def test_the_syndication_line_becomes_the_source_and_leaves_the_body(client, imported):
    republished = article(115)
    assert republished.body == "<p>Their story, told well.</p>"
    assert republished.source == Source.objects.get(name="Partner Weekly")
    assert republished.source.home_url == "https://partner.example.net/"
    assert republished.original_url == "https://partner.example.net/2020/05/story/"
    page = client.get(republished.get_absolute_url()).content.decode()
    assert page.count("originally published at") == 1


def test_closed_comment_status_closes_the_thread(imported):
    assert article(102).comments_open is False
    assert article(101).comments_open is True


def test_the_report_counts_what_was_imported_and_skipped(imported):
    assert "  posts              14        2" in imported
    assert "  pages               1        0" in imported
    assert "  attachments         1        1" in imported
    assert "  other items         0        1" in imported
    assert "1 other items: navigation menu items (menus are not imported)" in imported


def test_every_item_readers_can_see_answers_200_with_its_comments_page(client, imported):
    entries = [row.content_object for row in ImportedObject.objects.filter(kind__in=["post", "page"])]
    live = [entry for entry in entries if entry.is_published()]
    assert len(live) == 10
    for entry in live:
        assert client.get(entry.get_absolute_url()).status_code == 200
        assert client.get(entry.get_comments_url()).status_code == 200
    for entry in entries:
        if not entry.is_published():
            assert client.get(entry.get_absolute_url()).status_code == 404


def test_tag_pages_of_imported_tags_answer_200(client, imported):
    for tag in article(101).tags.all():
        assert client.get(f"/tags/{tag.slug}/").status_code == 200


def test_bodies_are_sanitised_like_every_body(imported):
    assert all("<script" not in entry.body for model in (Article, Cartoon) for entry in model.objects.all())
    assert Entry._meta.abstract  # Entry.save() sanitises: the importer goes through it
