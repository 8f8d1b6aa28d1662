from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import MAKERS, make_article, make_comment, make_interview, make_review

pytestmark = pytest.mark.django_db

RETURN_LINKS = {
    "blog": "Return to article »",
    "interviews": "Return to interview »",
    "reviews": "Return to book review »",
    "cartoons": "Return to cartoon »",
}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("section", MAKERS)
def test_comments_page_shows_item_excerpt_return_link_comments_and_form(client, section):
    entry = MAKERS[section](excerpt="What this piece argues, briefly.")
    comment = make_comment(entry, "First!", user_name="Odile", user_email="odile@private.example")
    page = soup(client.get(entry.get_comments_url()))
    assert page.h1.get_text() == entry.title
    assert "What this piece argues, briefly." in page.get_text()
    back = page.find("a", string=RETURN_LINKS[section])
    assert back["href"] == entry.get_absolute_url()
    item = page.select_one(f"li#c{comment.pk}")
    assert "Odile" in item.get_text() and "First!" in item.get_text()
    assert item.select_one(f'a[href="#c{comment.pk}"] time')  # permalink anchor with the date
    assert "odile@private.example" not in str(page)  # e-mail never shown
    form = page.select_one("#comment-form form")
    assert form["method"] == "post" and form.select_one("input[name=csrfmiddlewaretoken]")
    for name in ("name", "email", "url", "comment", "followup"):
        assert form.select_one(f'[name="{name}"]'), name


def test_threads_are_oldest_first_with_replies_under_their_parent(client):
    article = make_article()
    now = timezone.now()
    first = make_comment(article, "first", submit_date=now - timedelta(hours=5))
    second = make_comment(article, "second", submit_date=now - timedelta(hours=4))
    reply = make_comment(article, "reply to first", parent=first, submit_date=now - timedelta(hours=3))
    deeper = make_comment(article, "reply to reply", parent=reply, submit_date=now - timedelta(hours=2))
    items = soup(client.get(article.get_comments_url())).select("li.comment")
    assert [li["id"] for li in items] == [f"c{c.pk}" for c in (first, reply, deeper, second)]
    assert [li["class"][1] for li in items] == [
        "comment--level-0", "comment--level-1", "comment--level-2", "comment--level-0"
    ]  # fmt: skip
    deepest = soup(client.get(article.get_comments_url())).select_one(f"li#c{deeper.pk}")
    assert not deepest.select_one(".comment__reply")  # no reply link past the third level


def test_held_and_removed_comments_are_not_shown(client):
    article = make_article()
    make_comment(article, "visible")
    make_comment(article, "held back", is_public=False)
    make_comment(article, "taken down", is_removed=True)
    page = client.get(article.get_comments_url()).content.decode()
    assert "visible" in page and "held back" not in page and "taken down" not in page
    assert "1 comment<" in page


def test_closed_thread_shows_its_comments_but_no_form(client):
    article = make_article(comments_open=False)
    make_comment(article, "Said before closing.")
    page = soup(client.get(article.get_comments_url()))
    assert "Said before closing." in page.get_text()
    assert page.select_one(".comments-closed").get_text() == "Comments are closed."
    assert not page.select("form textarea") and not page.select(".comment__reply")


def test_item_page_links_to_comments_with_the_approved_count(client):
    article = make_article()
    for _ in range(3):
        make_comment(article)
    make_comment(article, is_public=False)
    link = soup(client.get(article.get_absolute_url())).select_one(".comments-link a")
    assert link.get_text() == "Read comments (3) »"
    assert link["href"] == article.get_comments_url()


def test_lists_show_comment_counts(client):
    article, review = make_article(), make_review()
    make_comment(article)
    make_comment(article)
    make_comment(review)
    for url in ("/", "/articles/"):
        cards = {c.h2.a["href"]: c for c in soup(client.get(url)).select("article.card")}
        assert cards[article.get_absolute_url()].select_one(".card__comments").get_text() == "2 comments"
    cards = {c.h2.a["href"]: c for c in soup(client.get("/")).select("article.card")}
    assert cards[review.get_absolute_url()].select_one(".card__comments").get_text() == "1 comment"


def test_long_discussions_are_paginated_by_thread(client, settings):
    settings.COMMENTS_PER_PAGE = 3
    article = make_article()
    roots = [
        make_comment(article, f"thread {n}", submit_date=timezone.now() - timedelta(hours=10 - n)) for n in range(5)
    ]
    make_comment(article, "reply in thread 3", parent=roots[3])
    first = soup(client.get(article.get_comments_url()))
    assert [li.p.get_text() for li in first.select("li.comment .comment__text")] == ["thread 0", "thread 1", "thread 2"]
    second = soup(client.get(article.get_comments_url() + "?page=2"))
    texts = [li.get_text(strip=True) for li in second.select("li.comment .comment__text")]
    assert texts == ["thread 3", "reply in thread 3", "thread 4"]
    assert client.get(article.get_comments_url() + "?page=abc").status_code == 200


XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    "<a href='javascript:alert(1)'>click</a>",
    "http://example.org/<script>alert(1)</script>",
    "'; alert(1); '",
]


@pytest.mark.parametrize("payload", XSS)
def test_comment_text_and_name_can_never_inject_html(client, payload):
    article = make_article()
    make_comment(article, f"Look: {payload}\nSecond line", user_name=payload, user_url="https://example.org/")
    page = soup(client.get(article.get_comments_url()))
    comment = page.select_one("li.comment")
    assert not comment.find_all(["script", "img", "svg"])
    for tag in comment.find_all(True):
        assert not any(attr.startswith("on") for attr in tag.attrs), tag
        assert not tag.get("href", "").lower().startswith("javascript"), tag
    assert payload in comment.get_text()  # shown as text, exactly as typed
    assert comment.select_one(".comment__text br")  # line breaks kept


def test_links_in_comments_are_marked_as_user_content(client):
    article = make_article()
    make_comment(article, "Source: https://evidence.example.org/trial", user_url="https://ann.example.org/")
    comment = soup(client.get(article.get_comments_url())).select_one("li.comment")
    links = comment.select("a[rel]")
    assert {a["href"] for a in links} == {"https://evidence.example.org/trial", "https://ann.example.org/"}
    assert all({"nofollow", "ugc"} <= set(a["rel"]) for a in links)


def queries(client, url):
    client.get(url)
    cache.clear()  # the cost of a first request: nothing kept (tests/core/test_queries.py has both)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


# item, threads count, page ids, comments, count, sidebar 3, schedule, section closing policies
COMMENTS_PAGE_QUERIES = 10


def test_comments_page_queries_are_pinned_and_do_not_grow_with_comments(client):
    article = make_interview()
    make_comment(article)
    few = queries(client, article.get_comments_url())
    for n in range(60):
        parent = make_comment(article, f"c{n}")
        make_comment(article, f"r{n}", parent=parent)
    many = queries(client, article.get_comments_url())
    assert few == many == COMMENTS_PAGE_QUERIES


def test_list_page_queries_do_not_grow_with_comment_counts(client):
    for _ in range(3):
        make_comment(make_article())
    few = queries(client, "/articles/")
    for _ in range(6):
        article = make_article()
        make_comment(article)
        make_comment(article)
    assert queries(client, "/articles/") == few


def test_lists_and_item_pages_do_not_count_removed_comments(client):
    article = make_article()
    make_comment(article, "stays")
    make_comment(article, "removed after publication", is_removed=True)
    cards = {c.h2.a["href"]: c for c in soup(client.get("/articles/")).select("article.card")}
    assert cards[article.get_absolute_url()].select_one(".card__comments").get_text() == "1 comment"
    assert soup(client.get(article.get_absolute_url())).select_one(".comments-link a").get_text() == (
        "Read comments (1) »"
    )


def test_a_removed_comment_with_replies_keeps_its_place_as_a_placeholder(client):
    article = make_article()
    now = timezone.now()
    first = make_comment(article, "first", submit_date=now - timedelta(hours=6))
    removed = make_comment(article, "Rude words", user_name="Troll", submit_date=now - timedelta(hours=5))
    reply = make_comment(article, "a calm answer", parent=removed, submit_date=now - timedelta(hours=4))
    lonely = make_comment(article, "removed, no replies", submit_date=now - timedelta(hours=3))
    held_reply = make_comment(article, "held answer", parent=first, is_public=False, submit_date=now)
    for comment in (removed, lonely):
        comment.is_removed = True
        comment.save()
    page = soup(client.get(article.get_comments_url()))
    items = page.select("li.comment")
    assert [li["id"] for li in items] == [f"c{first.pk}", f"c{removed.pk}", f"c{reply.pk}"]
    assert held_reply.pk not in [int(li["id"][1:]) for li in items]
    placeholder = items[1]
    assert placeholder.get_text(" ", strip=True) == "This comment was removed."
    assert "comment--level-0" in placeholder["class"] and "comment--level-1" in items[2]["class"]
    assert "Troll" not in str(page) and "Rude words" not in str(page)
    assert not placeholder.select(".comment__reply, time, a")
    assert page.select_one("#comments-heading").get_text() == "2 comments"
    answering = client.get(f"{article.get_comments_url()}?reply_to={removed.pk}").content.decode()
    assert "Troll" not in answering and "Rude words" not in answering


def test_placeholders_keep_deeper_threads_whole_and_paginate_with_them(client, settings):
    settings.COMMENTS_PER_PAGE = 1
    article = make_article()
    now = timezone.now()
    root = make_comment(article, "root", submit_date=now - timedelta(hours=5))
    middle = make_comment(article, "middle", parent=root, submit_date=now - timedelta(hours=4))
    leaf = make_comment(article, "leaf", parent=middle, submit_date=now - timedelta(hours=3))
    gone = make_comment(article, "a thread removed whole", submit_date=now - timedelta(hours=2))
    make_comment(article, "its removed reply", parent=gone, is_removed=True, submit_date=now - timedelta(hours=1))
    later = make_comment(article, "later thread", submit_date=now)
    for comment in (root, middle, gone):
        comment.is_removed = True
        comment.save()
    page = soup(client.get(article.get_comments_url()))
    assert [li["id"] for li in page.select("li.comment")] == [f"c{root.pk}", f"c{middle.pk}", f"c{leaf.pk}"]
    assert len(page.select(".comment--removed")) == 2
    assert "Page 1 of 2" in page.get_text()
    second = soup(client.get(article.get_comments_url() + "?page=2"))
    assert [li["id"] for li in second.select("li.comment")] == [f"c{later.pk}"]


def test_comments_page_queries_stay_pinned_with_removed_comments(client):
    article = make_interview()
    make_comment(article)
    few = queries(client, article.get_comments_url())
    for n in range(20):
        parent = make_comment(article, f"c{n}", is_removed=n % 2 == 0)
        make_comment(article, f"r{n}", parent=parent)
    assert queries(client, article.get_comments_url()) == few == COMMENTS_PAGE_QUERIES


def test_moderation_panel_counts_every_held_comment_and_links_to_the_rest(client, moderator):
    article = make_article()
    for n in range(35):
        make_comment(article, f"held {n}", is_public=False)
    make_comment(make_article(), "held elsewhere", is_public=False)
    client.force_login(moderator)
    page = soup(client.get(article.get_comments_url()))
    panel = page.select_one("#moderation")
    assert "Awaiting moderation (35)" in panel.get_text()
    assert len(panel.select(".held-comment")) == 20
    more = panel.find("a", string=lambda s: s and "all 35" in s)
    queue = soup(client.get(more["href"]))
    assert len(queue.select("#result_list tbody tr")) == 35


def test_a_reply_link_to_a_removed_comment_offers_no_reply_to_its_placeholder(client):
    article = make_article()
    removed = make_comment(article, "Gone now.", user_name="Rex", is_removed=True)
    make_comment(article, "Still here.", parent=removed)

    page = BeautifulSoup(client.get(f"{article.get_comments_url()}?reply_to={removed.pk}").content, "html.parser")

    assert page.select_one(".comment--removed").get_text(strip=True) == "This comment was removed."
    assert page.select_one("#comment-form-heading").get_text() == "Leave a comment"
