"""The page cache: fast for anonymous readers, never stale, never shared for logged-in users or forms.

Each invalidation test changes something the way people do (admin, comments page), then fetches, and
must see the change.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import Entry
from tests.factories import comment_form_data, make_article, make_comment, make_interview

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


def fetch(client, url):
    """The page as an anonymous reader gets it: a fresh client, no cookies."""
    from django.test import Client

    return Client().get(url)


def test_second_request_is_served_from_the_cache_without_queries(client):
    article = make_article(title="Cached words")
    first = fetch(client, article.get_absolute_url())
    assert "X-Page-Cache" not in first
    with CaptureQueriesContext(connection) as queries:
        second = fetch(client, article.get_absolute_url())
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    assert second["X-Frame-Options"] == "DENY" and second["X-Content-Type-Options"] == "nosniff"


def test_cached_pages_tell_browsers_and_cdns_how_to_revalidate(client):
    make_article()
    response = fetch(client, "/")
    assert "public" in response["Cache-Control"] and "must-revalidate" in response["Cache-Control"]
    assert response["ETag"] and response["Last-Modified"]
    from django.test import Client

    again = Client().get("/", headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304


def test_editing_an_item_shows_at_once_on_its_page_and_lists(client, editor):
    article = make_article(title="Before the edit")
    assert "Before the edit" in fetch(client, article.get_absolute_url()).content.decode()
    assert "Before the edit" in fetch(client, "/").content.decode()
    article.title = "After the edit"
    article.save()
    assert "After the edit" in fetch(client, article.get_absolute_url()).content.decode()
    assert "After the edit" in fetch(client, "/").content.decode()


def test_publishing_and_unpublishing_with_the_admin_actions_show_at_once(client, editor):
    draft = make_article(title="Fresh news", status=Entry.Status.DRAFT)
    assert "Fresh news" not in fetch(client, "/articles/").content.decode()
    client.force_login(editor)
    url = reverse("admin:blog_article_changelist")
    client.post(url, {"action": "publish", "_selected_action": [draft.pk]})
    assert "Fresh news" in fetch(client, "/articles/").content.decode()
    assert fetch(client, draft.get_absolute_url()).status_code == 200
    client.post(url, {"action": "unpublish", "_selected_action": [draft.pk]})
    assert "Fresh news" not in fetch(client, "/articles/").content.decode()
    assert fetch(client, draft.get_absolute_url()).status_code == 404


def test_a_scheduled_item_appears_when_its_time_comes(client, time_machine, settings):
    make_article(title="Already out")
    make_article(title="Out at noon", published_at=timezone.now() + timedelta(minutes=2))
    assert "Out at noon" not in fetch(client, "/").content.decode()
    # Well within the page's lifetime in the cache: only the schedule can make the page new.
    time_machine.move_to(timezone.now() + timedelta(minutes=3))
    assert settings.PAGE_CACHE_SECONDS > 3 * 60
    assert "Out at noon" in fetch(client, "/").content.decode()


def test_approving_a_comment_updates_item_and_list_pages(client, moderator):
    article = make_article()
    held = make_comment(article, "Worth waiting for", is_public=False)
    assert "Read comments (0)" in fetch(client, article.get_absolute_url()).content.decode()
    assert "0 comments" in fetch(client, "/articles/").content.decode()
    client.force_login(moderator)
    client.post(reverse("blog:moderate", kwargs={"slug": article.slug}), {"comment": held.pk, "action": "approve"})
    assert "Read comments (1)" in fetch(client, article.get_absolute_url()).content.decode()
    assert "1 comment" in fetch(client, "/articles/").content.decode()


def test_removing_a_comment_in_the_admin_updates_the_count(client, moderator):
    article = make_article()
    comment = make_comment(article)
    assert "Read comments (1)" in fetch(client, article.get_absolute_url()).content.decode()
    client.force_login(moderator)
    client.post(reverse("admin:django_comments_xtd_xtdcomment_changelist"),
                {"action": "remove", "_selected_action": [comment.pk]})  # fmt: skip
    assert "Read comments (0)" in fetch(client, article.get_absolute_url()).content.decode()


def test_removing_and_approving_a_comment_again_and_again_updates_the_count(client, moderator):
    # The second time round the moderator's flags already exist: no row is saved, only updated.
    article = make_article()
    comment = make_comment(article)
    client.force_login(moderator)
    for action, count in [("remove", 0), ("approve", 1)] * 2:
        client.post(reverse("admin:django_comments_xtd_xtdcomment_changelist"),
                    {"action": action, "_selected_action": [comment.pk]})  # fmt: skip
        assert f"Read comments ({count})" in fetch(client, article.get_absolute_url()).content.decode()


def test_closing_a_thread_shows_at_once(client, moderator):
    interview = make_interview()
    assert "Leave a comment" in fetch(client, interview.get_comments_url()).content.decode()
    client.force_login(moderator)
    client.post(reverse("interviews:thread", kwargs={"slug": interview.slug}), {"action": "close"})
    assert "Comments closed on " in fetch(client, interview.get_comments_url()).content.decode()


def test_a_readers_published_comment_shows_at_once(client):
    article = make_article()
    make_comment(make_article(), user_name="Ann Reader", user_email="ann@example.org")  # known: published at once
    assert "Read comments (0)" in fetch(client, article.get_absolute_url()).content.decode()
    client.post(article.get_comments_url(), comment_form_data(article))
    assert "Read comments (1)" in fetch(client, article.get_absolute_url()).content.decode()


def test_logged_in_users_are_never_served_or_stored_in_the_shared_cache(client, editor):
    article = make_article()
    client.force_login(editor)
    own = client.get(article.get_absolute_url())
    assert "X-Page-Cache" not in own and "private" in own["Cache-Control"]
    again = client.get(article.get_absolute_url())
    assert "X-Page-Cache" not in again
    assert "X-Page-Cache" not in fetch(client, article.get_absolute_url())  # the editor's page was not stored


def test_pages_with_a_form_are_never_cached_publicly(client):
    article = make_article()
    first = fetch(client, article.get_comments_url())
    assert "private" in first["Cache-Control"]
    assert "X-Page-Cache" not in fetch(client, article.get_comments_url())


def test_a_page_with_a_message_is_not_cached(client):
    article = make_article()
    make_comment(make_article(), user_name="Ann Reader", user_email="ann@example.org")
    client.post(article.get_comments_url(), comment_form_data(article))
    page = client.get(article.get_comments_url())
    assert "Thank you: your comment is published." in page.content.decode()
    assert "Thank you" not in fetch(client, article.get_comments_url()).content.decode()


def test_cache_can_be_switched_off(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    make_article()
    fetch(client, "/")
    assert "X-Page-Cache" not in fetch(client, "/")


def test_a_page_first_made_over_http_is_not_served_to_https_readers(client):
    from django.test import Client

    article = make_article()
    assert 'href="http://' in Client().get(article.get_absolute_url()).content.decode()  # canonical, og:url

    secure = Client().get(article.get_absolute_url(), secure=True)

    assert secure.get("X-Page-Cache") != "hit"
    assert 'href="http://' not in secure.content.decode() and 'href="https://' in secure.content.decode()
    assert Client().get(article.get_absolute_url(), secure=True)["X-Page-Cache"] == "hit"


def test_tracking_parameters_share_one_cache_entry_while_pages_and_searches_keep_their_own(client):
    from django.core.cache import cache

    for n in range(12):
        make_article(title=f"Piece {n}")
    fetch(client, "/")
    stored = len(cache._cache)  # the local-memory cache the tests run on

    tagged = [fetch(client, f"/?utm_source=newsletter-{n}&fbclid={n}") for n in range(40)]

    assert all(response["X-Page-Cache"] == "hit" for response in tagged)
    assert len(cache._cache) == stored
    second = fetch(client, "/?page=2&utm_source=x")
    assert second.get("X-Page-Cache") != "hit" and "Piece 11" in second.content.decode()
    assert fetch(client, "/?utm_medium=y&page=2")["X-Page-Cache"] == "hit"


def test_a_hit_runs_no_other_middleware_and_keeps_every_header_the_page_was_made_with(client, monkeypatch):
    from csp.middleware import CSPMiddleware

    article = make_article(title="Headers kept")
    made = fetch(client, article.get_absolute_url())
    calls = []
    original = CSPMiddleware.process_response
    monkeypatch.setattr(CSPMiddleware, "process_response", lambda *a: calls.append(1) or original(*a))
    hit = fetch(client, article.get_absolute_url())
    assert hit["X-Page-Cache"] == "hit" and calls == []
    for header in ("Content-Security-Policy", "Permissions-Policy", "Referrer-Policy", "Cross-Origin-Opener-Policy"):
        assert hit[header] == made[header], header


def test_a_host_not_allowed_is_refused_even_for_a_cached_page(client, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    fetch(client, "/")
    from django.test import Client

    assert Client().get("/", headers={"host": "evil.example"}).status_code == 400
    assert fetch(client, "/")["X-Page-Cache"] == "hit"


def test_a_page_whose_policy_carries_a_nonce_is_never_stored(rf):
    from django.http import HttpResponse

    from core.cache import AnonymousPageCacheMiddleware

    response = HttpResponse("<script nonce='abc'></script>")
    response["Content-Security-Policy"] = "script-src 'self' 'nonce-abc'"
    assert not AnonymousPageCacheMiddleware.is_cacheable_response(rf.get("/"), response)
    del response["Content-Security-Policy"]
    assert AnonymousPageCacheMiddleware.is_cacheable_response(rf.get("/"), response)


def test_featuring_and_unfeaturing_with_the_admin_actions_remake_the_front_page(client, editor):
    article = make_article(title="Lead material")
    assert 'class="lead-story"' not in fetch(client, "/").content.decode()
    assert fetch(client, "/")["X-Page-Cache"] == "hit"
    client.force_login(editor)
    url = reverse("admin:blog_article_changelist")
    client.post(url, {"action": "feature", "_selected_action": [article.pk]})
    assert 'class="lead-story"' in fetch(client, "/").content.decode()
    client.post(url, {"action": "unfeature", "_selected_action": [article.pk]})
    assert 'class="lead-story"' not in fetch(client, "/").content.decode()


def test_a_new_lead_story_replaces_the_old_one_at_once(client):
    make_article(title="First lead", featured=True)
    assert "First lead" in fetch(client, "/").content.decode()
    make_article(title="Second lead", featured=True, published_at=timezone.now())
    page = fetch(client, "/").content.decode()
    lead = page[page.index('class="lead-story"') : page.index("</article>", page.index('class="lead-story"'))]
    assert "Second lead" in lead and "First lead" not in lead


def test_renaming_the_lead_storys_author_shows_at_once(client):
    from tests.factories import make_author

    author = make_author("Old Name")
    make_article(title="Lead", featured=True, authors=[author])
    assert "Old Name" in fetch(client, "/").content.decode()
    author.name = "New Name"
    author.save()
    assert "New Name" in fetch(client, "/").content.decode()
