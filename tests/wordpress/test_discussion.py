"""Comments of data/comments.xml, imported: threads, approval, fields; and a post with a thousand comments."""

from datetime import UTC, datetime

import pytest
from django_comments_xtd.models import XtdComment

from comments.threads import approved_comments, held_comments, thread_page
from tests.factories import make_article, make_comment
from tests.wordpress.imports import DATA, run_import
from wordpress.discussion import comment_text
from wordpress.generate_export import write_export
from wordpress.models import ImportedObject

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported():
    return run_import(DATA / "comments.xml")


def stored(wordpress_id):
    return ImportedObject.objects.get(kind="comment", wordpress_id=str(wordpress_id)).content_object


def post(wordpress_id):
    return ImportedObject.objects.get(kind="post", wordpress_id=str(wordpress_id)).content_object


def test_author_name_email_url_ip_and_gmt_date_are_kept(imported):
    first = stored(11)
    assert (first.user_name, first.user_email, first.user_url) == ("Zoë Ångström", "zoe@example.org",
                                                                    "https://zoe.example.org/")  # fmt: skip
    assert first.ip_address == "203.0.113.5"
    assert first.submit_date == datetime(2021, 3, 1, 10, 0, tzinfo=UTC)
    assert first.comment == "First, and approved."


def test_fields_that_are_not_an_address_are_dropped(imported):
    odd = stored(22)
    assert (odd.user_email, odd.user_url, odd.ip_address) == ("", "", None)


def test_approval_maps_to_public_held_or_removed(imported):
    assert (stored(11).is_public, stored(11).is_removed) == (True, False)
    assert (stored(15).is_public, stored(15).is_removed) == (False, False)  # held for a moderator
    assert (stored(16).is_public, stored(16).is_removed) == (False, True)  # spam
    assert (stored(17).is_public, stored(17).is_removed) == (False, True)  # trash
    threaded = post(501)
    assert stored(15) in held_comments(threaded)
    assert not approved_comments(threaded).filter(pk__in=[stored(n).pk for n in (15, 16, 17)]).exists()


def test_pingbacks_are_skipped_with_the_reason(imported):
    assert not ImportedObject.objects.filter(kind="comment", wordpress_id="18").exists()
    assert "1 comments: pingbacks and trackbacks" in imported


def test_replies_keep_their_thread_parents_first_whatever_their_dates(imported):
    first, reply, reply_to_reply, early = stored(11), stored(12), stored(13), stored(19)
    assert (reply.parent_id, reply.thread_id, reply.level) == (first.pk, first.pk, 1)
    assert (reply_to_reply.parent_id, reply_to_reply.level) == (reply.pk, 2)
    assert (early.parent_id, early.level) == (first.pk, 1)  # dated before its parent, stored after it


def test_replies_deeper_than_threads_go_here_hang_at_the_deepest_level(imported):
    too_deep = stored(14)
    assert (too_deep.parent_id, too_deep.level) == (stored(12).pk, 2)
    assert "1 replies were nested deeper than the 3 levels threads have here" in imported


def test_a_thread_reads_as_on_wordpress_each_reply_under_its_parent_siblings_by_date(imported):
    page = thread_page(post(501), 1)
    first_thread = [c.pk for c in page.comments if c.thread_id == stored(11).pk]
    assert first_thread == [stored(n).pk for n in (11, 19, 12, 13, 14)]
    assert stored(11).nested_count == 4


def test_a_reply_to_a_comment_not_in_the_export_starts_its_own_thread(imported):
    orphan = stored(20)
    assert (orphan.parent_id, orphan.thread_id, orphan.level) == (orphan.pk, orphan.pk, 0)
    assert "comment 20 replies to comment 999, which was not imported" in imported


def test_comment_html_becomes_the_plain_text_comments_are(imported):
    assert stored(21).comment == "First paragraph & more.\n\nSecond, with a link (https://link.example.org/)."
    assert stored(21).user_name == "Markup & Co"
    assert comment_text('line<br />next <a href="https://x.org/">https://x.org/</a>') == "line\nnext https://x.org/"


def test_a_closed_thread_stays_closed_and_shows_its_comments(client, imported):
    closed = post(502)
    assert closed.comments_open is False
    page = client.get(closed.get_comments_url())
    assert page.status_code == 200
    assert "Said before it closed." in page.content.decode()
    assert "Comments are closed." in page.content.decode()


def test_a_post_with_a_thousand_comments_imports_them_all_and_pages_them(client, tmp_path):
    with open(tmp_path / "thousand.xml", "w") as out:
        write_export(out, posts=1, comments=1000)
    output = run_import(tmp_path / "thousand.xml")
    entry = post(1)
    assert XtdComment.objects.count() == 1000
    assert "  comments         1000        0" in output
    thread_ids = set(XtdComment.objects.values_list("thread_id", flat=True))
    assert all(c.thread_id in thread_ids and c.level <= 2 for c in XtdComment.objects.all())
    page = client.get(entry.get_comments_url())
    assert page.status_code == 200
    assert client.get(entry.get_comments_url() + "?page=2").status_code == 200


def test_new_comments_of_a_later_export_join_threads_imported_before(tmp_path):
    run_import(DATA / "comments.xml")
    later = (DATA / "comments.xml").read_text().replace(
        "<wp:comment_id>22</wp:comment_id>", "<wp:comment_id>23</wp:comment_id>"
    ).replace("<wp:comment_parent>0</wp:comment_parent>\n\t\t</wp:comment>\n\t</item>",
              "<wp:comment_parent>12</wp:comment_parent>\n\t\t</wp:comment>\n\t</item>", 1)  # fmt: skip
    (tmp_path / "later.xml").write_text(later)
    output = run_import(tmp_path / "later.xml")
    assert "  comments            1       " in output
    newcomer = stored(23)
    assert (newcomer.parent_id, newcomer.level) == (stored(12).pk, 2)
    assert [c.pk for c in thread_page(post(501), 1).comments][:6] == [stored(n).pk for n in (11, 19, 12, 13, 14, 23)]


def test_comments_here_before_the_import_are_left_alone(imported):
    mine = make_comment(make_article(), "Written here.")
    run_import(DATA / "comments.xml")
    mine.refresh_from_db()
    assert mine.comment == "Written here."


def test_a_comment_id_written_twice_is_imported_once(tmp_path):
    export = (DATA / "comments.xml").read_text().replace("<wp:comment_id>22</wp:comment_id>",
                                                         "<wp:comment_id>21</wp:comment_id>")  # fmt: skip
    (tmp_path / "twice.xml").write_text(export)
    output = run_import(tmp_path / "twice.xml")
    assert ImportedObject.objects.filter(kind="comment", wordpress_id="21").count() == 1
    assert "1 comments: without a WordPress ID of their own" in output
