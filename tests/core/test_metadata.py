import json

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from tests.core.test_settings import run_check
from tests.factories import MAKERS, make_article, make_author, make_cartoon, make_interview, make_review, make_source

pytestmark = pytest.mark.django_db

BASE = "http://127.0.0.1:8000"  # settings.SITE_URL, which the Sites framework's domain follows
TYPES = {"blog": "NewsArticle", "interviews": "NewsArticle", "reviews": "Review", "cartoons": "ImageObject"}


def head(client, entry):
    response = client.get(entry.get_absolute_url())
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").head


def meta(page, key):
    tag = page.find("meta", attrs={"property": key}) or page.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def structured_data(page):
    (script,) = page.find_all("script", type="application/ld+json")
    return json.loads(script.string)


@pytest.mark.parametrize("section", MAKERS)
def test_every_item_page_has_title_description_canonical_and_social_tags(client, section):
    entry = MAKERS[section](title="Rounds at dawn", excerpt="The excerpt.", seo_description="What engines show.")
    page = head(client, entry)
    url = BASE + entry.get_absolute_url()
    assert page.title.get_text() == "Rounds at dawn · The Second Opinion"
    assert meta(page, "description") == "What engines show."
    assert page.find("link", rel="canonical")["href"] == url
    assert meta(page, "og:title") == meta(page, "twitter:title") == "Rounds at dawn"
    assert meta(page, "og:description") == meta(page, "twitter:description") == "What engines show."
    assert meta(page, "og:url") == url
    assert meta(page, "og:type") == "article"
    assert meta(page, "og:site_name") == "The Second Opinion"


def test_description_falls_back_to_the_excerpt(client):
    page = head(client, make_article(excerpt="Only an excerpt.", seo_description=""))
    assert meta(page, "description") == meta(page, "og:description") == "Only an excerpt."


def test_lead_image_is_shared_as_the_absolute_page_size_thumbnail_with_its_size(client, settings):
    cartoon = make_cartoon(lead_image_alt="A long queue")
    page = head(client, cartoon)
    image_url = meta(page, "og:image")
    assert image_url == BASE + cartoon.page_image_url and image_url == meta(page, "twitter:image")
    assert "/media/thumbnails/" in image_url
    with Image.open(settings.MEDIA_ROOT / image_url.removeprefix(BASE + "/media/")) as thumbnail:
        assert (int(meta(page, "og:image:width")), int(meta(page, "og:image:height"))) == thumbnail.size
    assert meta(page, "og:image:alt") == meta(page, "twitter:image:alt") == "A long queue"
    assert meta(page, "twitter:card") == "summary_large_image"


def test_item_without_image_shares_no_image(client):
    page = head(client, make_article())
    assert meta(page, "og:image") is None and meta(page, "twitter:image") is None
    assert meta(page, "twitter:card") == "summary"
    assert "image" not in structured_data(page)


def test_syndicated_items_are_canonical_at_the_original_unless_the_setting_says_ours(client, settings):
    source = make_source("33 Charts")
    article = make_article(source=source, original_url="https://33charts.example.org/2024/06/post/")
    assert head(client, article).find("link", rel="canonical")["href"] == "https://33charts.example.org/2024/06/post/"
    settings.SYNDICATED_CANONICAL = "ours"
    page = head(client, article)
    assert page.find("link", rel="canonical")["href"] == meta(page, "og:url") == BASE + article.get_absolute_url()
    assert structured_data(page)["isBasedOn"] == "https://33charts.example.org/2024/06/post/"


def test_syndicated_item_without_original_url_is_canonical_here(client):
    interview = make_interview(source=make_source())
    assert head(client, interview).find("link", rel="canonical")["href"] == BASE + interview.get_absolute_url()


def test_an_unknown_syndicated_canonical_setting_stops_start_up():
    result = run_check(DEBUG="1", SYNDICATED_CANONICAL="theirs")
    assert result.returncode != 0
    assert "SYNDICATED_CANONICAL" in result.stderr


@pytest.mark.parametrize("section", MAKERS)
def test_structured_data_describes_the_item_for_each_section(client, section):
    author = make_author("Dana Okafor")
    entry = MAKERS[section](title="On waiting", excerpt="Why we wait.", authors=[author], tags=["queues"])
    data = structured_data(head(client, entry))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == TYPES[section]
    assert data["headline"] == "On waiting"
    assert data["description"] == "Why we wait."
    assert data["url"] == BASE + entry.get_absolute_url()
    assert data["author"] == [{"@type": "Person", "name": "Dana Okafor", "url": BASE + author.get_absolute_url()}]
    assert data["datePublished"].startswith(entry.published_at.date().isoformat())
    assert data["keywords"] == ["queues"]
    assert data["publisher"]["name"] == "The Second Opinion"


def test_book_review_structured_data_names_the_book_and_the_rating(client):
    review = make_review(book_title="The Long Wait", book_authors="R. Writer", isbn="0-306-40615-2", rating=4)
    data = structured_data(head(client, review))
    assert data["@type"] == "Review"
    assert data["itemReviewed"] == {
        "@type": "Book", "name": "The Long Wait", "author": {"@type": "Person", "name": "R. Writer"},
        "isbn": "0306406152",
    }  # fmt: skip
    assert data["reviewRating"] == {"@type": "Rating", "ratingValue": 4, "bestRating": 5, "worstRating": 1}
    assert "reviewRating" not in structured_data(head(client, make_review(rating=None)))


def test_cartoon_structured_data_is_the_image_itself(client):
    cartoon = make_cartoon(caption="Next, please.", transcript="NURSE: Next!", artist="Kim Lee")
    data = structured_data(head(client, cartoon))
    assert data["@type"] == "ImageObject"
    assert data["contentUrl"] == BASE + cartoon.lead_image.url
    assert (data["width"], data["height"]) == (900, 700)
    assert data["caption"] == "Next, please."
    assert data["embeddedTextCaption"] == "NURSE: Next!"
    assert data["creator"] == {"@type": "Person", "name": "Kim Lee"}


def test_a_title_cannot_break_out_of_the_json_ld_block(client):
    title = "</script><script>alert(1)</script> & <!-- “quotes”"
    article = make_article(title=title, excerpt="</script>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    page = BeautifulSoup(html, "html.parser")
    scripts = page.find_all("script")
    assert [script.get("type") for script in scripts] == ["application/ld+json"]  # no other script at all
    data = json.loads(scripts[0].string)
    assert data["headline"] == title and data["description"] == "</script>"
    assert meta(page.head, "og:title") == title  # escaped in the attribute, read back whole
