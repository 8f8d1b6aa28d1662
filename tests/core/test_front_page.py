"""The front page's lead story: the newest featured published item, then the latest items without it."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from blog.models import Article
from core.models import Entry
from tests.factories import make_article, make_author, make_cartoon, make_review, png_file

pytestmark = pytest.mark.django_db


def page(client, url="/"):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def lead_title(soup):
    lead = soup.select_one(".lead-story")
    return lead.select_one(".lead-story__title").get_text(strip=True) if lead else None


def card_titles(soup):
    return [title.get_text(strip=True) for title in soup.select(".card__title")]


def test_the_newest_featured_item_leads_with_its_picture_standfirst_and_byline(client):
    make_article(title="Older lead", featured=True, published_at=timezone.now() - timedelta(days=2))
    lead = make_review(
        title="The lead", featured=True, excerpt="What the lead is about.", authors=[make_author("Ada Byline")],
        lead_image=png_file(), lead_image_alt="A ward at night.",
    )  # fmt: skip
    make_article(title="Newest, not featured", published_at=timezone.now())

    soup = page(client)

    story = soup.select_one(".lead-story")
    assert lead_title(soup) == "The lead"
    assert story.select_one(".lead-story__standfirst").get_text() == "What the lead is about."
    assert "Ada Byline" in story.select_one(".byline").get_text()
    image = story.select_one("img")
    assert image["alt"] == "A ward at night." and image["width"] and image["height"]
    assert story.select_one("a")["href"] == lead.get_absolute_url()
    titles = card_titles(soup)
    assert "The lead" not in titles  # not repeated in the latest
    assert titles[:2] == ["Newest, not featured", "Older lead"]


def test_a_featured_draft_or_scheduled_item_does_not_lead(client):
    make_article(title="Draft", featured=True, status=Entry.Status.DRAFT)
    make_article(title="Pending", featured=True, status=Entry.Status.PENDING)
    make_cartoon(title="Tomorrow", featured=True, published_at=timezone.now() + timedelta(days=1))
    make_article(title="Plain")
    soup = page(client)
    assert lead_title(soup) is None and card_titles(soup) == ["Plain"]


def test_pages_of_the_latest_neither_repeat_nor_skip_the_lead(client):
    titles = [make_article(title=f"Item {n:02}", published_at=timezone.now() - timedelta(hours=n)).title
              for n in range(12)]  # fmt: skip
    make_article(title="Old lead", featured=True, published_at=timezone.now() - timedelta(days=9))
    Article.objects.filter(title="Item 03").update(featured=True)  # newer than "Old lead": it leads

    first, second = page(client), page(client, "/?page=2")

    assert lead_title(first) == "Item 03" and lead_title(second) is None
    assert len(card_titles(first)) == 10  # ENTRIES_PER_PAGE
    assert card_titles(first) + card_titles(second) == [t for t in titles if t != "Item 03"] + ["Old lead"]


@pytest.mark.parametrize(("action", "featured"), [("feature", True), ("unfeature", False)])
def test_editors_feature_and_unfeature_from_the_list(client, editor, action, featured):
    items = [make_article(featured=not featured) for _ in range(2)]
    client.force_login(editor)
    url = reverse("admin:blog_article_changelist")
    response = client.post(url, {"action": action, "_selected_action": [i.pk for i in items]}, follow=True)
    assert "2 items" in response.content.decode()
    assert all(type(i).objects.get(pk=i.pk).featured is featured for i in items)
    assert client.get(url + f"?featured__exact={int(featured)}").status_code == 200
