import pytest
from bs4 import BeautifulSoup

from tests.factories import make_article, make_review, png_file

pytestmark = pytest.mark.django_db


def test_card_and_page_images_carry_their_real_size(client):
    article = make_article(lead_image=png_file(size=(1000, 800)), lead_image_alt="Two nurses at a desk")
    page = BeautifulSoup(client.get("/articles/").content, "html.parser")
    card = page.select_one("article.card img")
    assert (card["width"], card["height"]) == ("480", "300")
    assert card["alt"] == "Two nurses at a desk"
    page = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser")
    lead = page.select_one(".entry__image img")
    assert (lead["width"], lead["height"]) == ("640", "512")
    assert (article.page_image.width, article.page_image.height) == (640, 512)


def test_small_image_is_not_enlarged():
    article = make_article(lead_image=png_file(size=(300, 200)), lead_image_alt="A small chart")
    assert article.page_image_size == (300, 200)
    assert (article.page_image.width, article.page_image.height) == (300, 200)


def test_review_cover_is_shown_with_alt_text_and_size(client):
    review = make_review(cover=png_file("cover.png", size=(600, 900)), book_title="Night Shift")
    img = BeautifulSoup(client.get(review.get_absolute_url()).content, "html.parser").select_one(".book__cover")
    assert img["alt"] == "Cover of Night Shift"
    assert (img["width"], img["height"]) == ("240", "360")


def test_a_lost_image_file_costs_the_picture_not_the_page(client):
    article = make_article(lead_image=png_file(), lead_image_alt="Lost")
    article.lead_image.storage.delete(article.lead_image.name)
    for url in ("/", "/articles/", article.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'alt="Lost"' not in response.content.decode()
