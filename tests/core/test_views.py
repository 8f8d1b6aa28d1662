from datetime import timedelta
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.db import OperationalError, connection
from django.urls import reverse
from django.utils import timezone

from core.models import Entry
from tests.factories import (
    MAKERS,
    make_article,
    make_author,
    make_cartoon,
    make_interview,
    make_review,
    make_source,
)

pytestmark = pytest.mark.django_db

PREFIXES = {"blog": "articles", "interviews": "interviews", "reviews": "reviews", "cartoons": "cartoons"}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("section", MAKERS)
def test_every_section_answers_its_contract_urls(client, section):
    entry = MAKERS[section]()
    prefix = PREFIXES[section]
    assert entry.get_absolute_url() == f"/{prefix}/{entry.slug}/"
    for url in (f"/{prefix}/", f"/{prefix}/?page=1", f"/{prefix}/{entry.slug}/", f"/{prefix}/{entry.slug}/comments/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert entry.title in response.content.decode()
    assert client.get(f"/{prefix}/no-such-item/").status_code == 404
    assert client.get(f"/{prefix}/no-such-item/comments/").status_code == 404
    assert client.get(f"/{prefix}/?page=99").status_code == 404


@pytest.mark.parametrize("section", MAKERS)
@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_drafts_and_scheduled_items_are_404_for_readers(client, section, state):
    fields = (
        {"status": Entry.Status.DRAFT} if state == "draft" else {"published_at": timezone.now() + timedelta(days=2)}
    )
    hidden = MAKERS[section](**fields)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(hidden.get_comments_url()).status_code == 404
    assert hidden.title not in client.get(f"/{PREFIXES[section]}/").content.decode()
    assert hidden.title not in client.get("/").content.decode()


def test_editor_can_preview_a_draft_and_the_preview_is_never_cached(client, editor):
    draft = make_article(status=Entry.Status.DRAFT, title="Unfinished thoughts")
    client.force_login(editor)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "is a draft" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]


def test_moderator_cannot_preview_a_draft(client, moderator):
    draft = make_article(status=Entry.Status.DRAFT)
    client.force_login(moderator)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_home_lists_latest_items_of_every_section(client):
    items = [make() for make in MAKERS.values()]
    page = client.get("/").content.decode()
    for item in items:
        assert item.title in page
        assert item.get_absolute_url() in page


def test_home_paginates(client, settings):
    for _ in range(12):
        make_article()
    first, second = client.get("/"), client.get("/?page=2")
    assert len(soup(first).select("article.card")) == 10
    assert len(soup(second).select("article.card")) == 2
    assert 'rel="next"' in first.content.decode()


def test_item_page_shows_title_byline_date_body_tags_and_lead_image(client):
    author = make_author("Dana Okafor")
    cartoon = make_cartoon(title="Waiting room", authors=[author], tags=["waiting lists"])
    page = soup(client.get(cartoon.get_absolute_url()))
    assert page.h1.get_text() == "Waiting room"
    assert page.select_one(".byline a")["href"] == author.get_absolute_url()
    assert page.select_one(".byline time")["datetime"]
    assert page.select_one('.tags a[href="/tags/waiting-lists/"]')
    for img in page.find_all("img"):
        assert img.get("alt"), img
        assert img.get("width") and img.get("height"), img


def test_syndicated_item_says_where_it_was_first_published(client):
    source = make_source("33 Charts")
    article = make_article(source=source, original_url="https://33charts.example.org/2024/06/post/")
    page = soup(client.get(article.get_absolute_url()))
    line = page.select_one(".syndication")
    assert line.get_text(" ", strip=True) == "This article was originally published at 33 Charts ."
    assert line.a["href"] == "https://33charts.example.org/2024/06/post/"
    interview = make_interview(source=source)
    line = soup(client.get(interview.get_absolute_url())).select_one(".syndication")
    assert line.get_text().startswith("This interview was originally published at")
    assert line.a["href"] == source.home_url


def test_syndicated_item_leads_to_its_sources_page(client):
    source = make_source("33 Charts")
    article = make_article(source=source, original_url="https://33charts.example.org/2024/06/post/")
    other = make_review(source=source)
    link = soup(client.get(article.get_absolute_url())).select_one("main article .syndication-more a")
    assert link.get_text() == "More from 33 Charts »"
    source_page = client.get(link["href"])
    assert source_page.status_code == 200
    assert other.get_absolute_url() in {a["href"] for a in soup(source_page).select("main .card__title a")}


def test_unsyndicated_item_has_no_syndication_line(client):
    article = make_article()
    main = soup(client.get(article.get_absolute_url())).main.get_text()
    assert "originally published" not in main and "More from" not in main


def test_related_items_share_tags_across_sections_most_shared_first(client):
    now = timezone.now()
    article = make_article(tags=["sleep", "nurses", "shifts"])
    one_tag_newer = make_review(tags=["sleep"], published_at=now - timedelta(minutes=1))
    three_tags = make_cartoon(tags=["sleep", "nurses", "shifts"], published_at=now - timedelta(days=5))
    two_tags = make_interview(tags=["nurses", "shifts"], published_at=now - timedelta(days=3))
    make_article(tags=["sleep"], status=Entry.Status.DRAFT)  # never shown
    make_article(tags=["unrelated"])
    links = soup(client.get(article.get_absolute_url())).select(".related__list a")
    assert [a["href"] for a in links] == [
        three_tags.get_absolute_url(),
        two_tags.get_absolute_url(),
        one_tag_newer.get_absolute_url(),
    ]


def test_related_items_stop_at_five(client):
    article = make_article(tags=["diet"])
    for _ in range(7):
        make_article(tags=["diet"])
    assert len(soup(client.get(article.get_absolute_url())).select(".related__list li")) == 5


def test_item_without_related_items_says_none_found(client):
    article = make_article(tags=["lonely-tag"])
    make_article(tags=["other"])
    page = soup(client.get(article.get_absolute_url()))
    assert page.select_one(".related h2").get_text() == "You may also like these posts"
    assert "None Found" in page.select_one(".related").get_text()


def test_item_page_links_to_its_comments_page(client):
    review = make_review()
    link = soup(client.get(review.get_absolute_url())).select_one(".comments-link a")
    assert link["href"] == f"/reviews/{review.slug}/comments/"
    assert link.get_text().startswith("Read comments")


def test_comments_page_shows_return_link_and_closed_threads(client):
    interview = make_interview(comments_open=False)
    page = client.get(interview.get_comments_url()).content.decode()
    assert "Return to interview »" in page
    assert "Comments are closed." in page


def test_sidebar_on_every_reader_page_shows_latest_interviews_cartoon_and_reviews(client):
    interviews = [make_interview(published_at=timezone.now() - timedelta(days=d)) for d in (1, 2, 3)]
    reviews = [make_review(published_at=timezone.now() - timedelta(days=d)) for d in (1, 2, 3, 4)]
    old_cartoon = make_cartoon(published_at=timezone.now() - timedelta(days=9))
    cartoon = make_cartoon(published_at=timezone.now() - timedelta(days=1))
    make_cartoon(status=Entry.Status.DRAFT, title="Unpublished cartoon")
    author, source = make_author(), make_source()
    article = make_article(tags=["x"], authors=[author], source=source)
    pages = ["/", "/articles/", article.get_absolute_url(), article.get_comments_url(), "/tags/x/",
             author.get_absolute_url(), source.get_absolute_url()]  # fmt: skip
    for url in pages:
        sidebar = soup(client.get(url)).select_one("aside.sidebar")
        assert sidebar, url
        blocks = {block.h2.get_text(): block for block in sidebar.select("section")}
        assert list(blocks) == ["Latest Interviews", "Latest Cartoon", "Latest Book Reviews"]
        shown = [a["href"] for a in blocks["Latest Interviews"].select("h3 a")]
        assert shown == [i.get_absolute_url() for i in interviews[:2]]
        assert [a.get_text() for a in blocks["Latest Interviews"].select("a.more")] == ["Read more »"] * 2
        assert blocks["Latest Interviews"].select_one(".see-all a")["href"] == "/interviews/"
        assert blocks["Latest Interviews"].select_one(".see-all a").get_text() == "See all interviews »"
        assert blocks["Latest Cartoon"].select_one("figure a")["href"] == cartoon.get_absolute_url()
        assert blocks["Latest Cartoon"].select_one("img")["alt"] == cartoon.lead_image_alt
        assert old_cartoon.get_absolute_url() not in str(blocks["Latest Cartoon"])
        assert blocks["Latest Cartoon"].select_one(".see-all a").get_text() == "See all cartoons »"
        shown = [a["href"] for a in blocks["Latest Book Reviews"].select("h3 a")]
        assert shown == [r.get_absolute_url() for r in reviews[:3]]
        assert blocks["Latest Book Reviews"].select_one(".see-all a").get_text() == "See all book reviews »"


def sidebar_links(client, url):
    sidebar = soup(client.get(url)).select_one("aside.sidebar")
    return {
        block.h2.get_text(): [a["href"] for a in block.select("h3 a, figure > a")]
        for block in sidebar.select("section")
    }


def urls(items):
    return [item.get_absolute_url() for item in items]


def test_the_item_being_read_is_left_out_of_the_sidebar_which_still_shows_as_many(client):
    interviews = [make_interview(published_at=timezone.now() - timedelta(days=d)) for d in (1, 2, 3)]
    reviews = [make_review(published_at=timezone.now() - timedelta(days=d)) for d in (1, 2, 3, 4)]
    cartoons = [make_cartoon(published_at=timezone.now() - timedelta(days=d)) for d in (1, 2)]
    for page in (interviews[0].get_absolute_url(), interviews[0].get_comments_url()):
        assert sidebar_links(client, page)["Latest Interviews"] == urls(interviews[1:3])
    assert sidebar_links(client, interviews[1].get_absolute_url())["Latest Interviews"] == urls(interviews[0::2])
    assert sidebar_links(client, cartoons[0].get_absolute_url())["Latest Cartoon"] == urls(cartoons[1:])
    assert sidebar_links(client, reviews[0].get_absolute_url())["Latest Book Reviews"] == urls(reviews[1:4])
    other = sidebar_links(client, make_article().get_absolute_url())
    assert other == {
        "Latest Interviews": urls(interviews[:2]),
        "Latest Cartoon": urls(cartoons[:1]),
        "Latest Book Reviews": urls(reviews[:3]),
    }


def test_tag_author_and_source_pages_list_items_across_sections(client):
    author, source = make_author("Priya Raman"), make_source("Ward Notes")
    article = make_article(authors=[author], source=source, tags=["triage"])
    review = make_review(authors=[author], source=source, tags=["triage"])
    other = make_interview(tags=["other"])
    hidden = make_cartoon(authors=[author], source=source, tags=["triage"], status=Entry.Status.DRAFT)
    for url in ("/tags/triage/", author.get_absolute_url(), source.get_absolute_url()):
        page = str(soup(client.get(url)).main)
        assert article.get_absolute_url() in page and review.get_absolute_url() in page, url
        assert other.get_absolute_url() not in page and hidden.get_absolute_url() not in page, url
    assert "Republished from Ward Notes" in client.get(source.get_absolute_url()).content.decode()
    for url in ("/tags/nope/", "/authors/nope/", "/sources/nope/"):
        assert client.get(url).status_code == 404


def test_healthz_answers_when_the_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_healthz_answers_503_when_the_database_does_not(client):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"database unavailable\n"
    assert "no-cache" in response["Cache-Control"]  # a load balancer must never see a stale answer


def test_security_headers_are_sent(client):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"]


def test_reader_strings_are_escaped_in_listings(client):
    make_article(title="<script>alert('t')</script>", excerpt="<b>bold</b>")
    page = client.get("/").content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page and "&lt;b&gt;bold" in page


def test_section_pages_link_with_names_not_paths():
    assert reverse("blog:list") == "/articles/"
    assert reverse("reviews:detail", kwargs={"slug": "x"}) == "/reviews/x/"
    assert reverse("cartoons:comments", kwargs={"slug": "x"}) == "/cartoons/x/comments/"


def test_unknown_page_gets_the_friendly_404_inside_the_layout(client):
    response = client.get("/articles/no-such-thing/")
    assert response.status_code == 404
    page = soup(response)
    assert page.h1.get_text() == "We could not find that page"
    assert page.select_one("aside.sidebar")


def test_sites_framework_follows_site_url():
    from django.contrib.sites.models import Site

    assert Site.objects.get_current().domain == "127.0.0.1:8000"


def test_related_items_are_ranked_among_each_sections_newest_items_sharing_a_tag(client, settings, monkeypatch):
    from core import registry

    monkeypatch.setattr(registry, "RELATED_CANDIDATES", 3)
    now = timezone.now()
    article = make_article(tags=["sleep", "shifts"])
    make_article(title="Old, shares both", tags=["sleep", "shifts"], published_at=now - timedelta(days=300))
    for n in range(4):
        make_article(title=f"Newer, shares one {n}", tags=["sleep"], published_at=now - timedelta(days=n + 1))

    related = [link.title for link in client.get(article.get_absolute_url()).context["related"]]

    # Only the three newest sharing a tag (the item itself among them) are ranked: the old one is out of reach.
    assert related == ["Newer, shares one 0", "Newer, shares one 1"]
