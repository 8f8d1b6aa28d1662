import shutil

import django.core.files.images
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from PIL import Image as PILImage

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
    assert (lead["width"], lead["height"]) == ("960", "768")
    assert (article.lead_image_960.width, article.lead_image_960.height) == (960, 768)
    assert (article.page_image.width, article.page_image.height) == (640, 512)  # for search engines and feeds


def widths(srcset):
    """{width: url} of a srcset attribute."""
    return {int(width.removesuffix("w")): url for url, width in (item.split() for item in srcset.split(", "))}


def test_cards_offer_the_thumbnail_at_twice_its_size_in_webp(client):
    make_article(lead_image=png_file(size=(2000, 1200)), lead_image_alt="A corridor")
    card = BeautifulSoup(client.get("/articles/").content, "html.parser").select_one("article.card img")
    candidates = widths(card["srcset"])
    assert sorted(candidates) == [480, 960] and all(url.endswith(".webp") for url in candidates.values())
    assert card["sizes"] and card["src"] == candidates[480]
    assert (card["width"], card["height"]) == ("480", "300")
    for url, size in ((candidates[480], (480, 300)), (candidates[960], (960, 600))):
        with PILImage.open(settings.MEDIA_ROOT / url.removeprefix(settings.MEDIA_URL)) as made:
            assert (made.format, made.size) == ("WEBP", size)


def test_a_small_picture_is_not_enlarged_for_sharp_screens(client):
    article = make_article(lead_image=png_file(size=(700, 400)), lead_image_alt="A small chart")
    card = BeautifulSoup(client.get("/articles/").content, "html.parser").select_one("article.card img")
    assert sorted(widths(card["srcset"])) == [480]
    assert sorted(widths(article.lead_image_srcset)) == [480, 700]


def test_the_item_page_lead_image_fills_the_text_column_at_three_widths(client):
    article = make_article(lead_image=png_file(size=(2000, 1000)), lead_image_alt="A long corridor")
    lead = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser").select_one(".entry__image img")
    candidates = widths(lead["srcset"])
    assert sorted(candidates) == [480, 960, 1440] and all(url.endswith(".webp") for url in candidates.values())
    assert lead["src"] == candidates[960] and (lead["width"], lead["height"]) == ("960", "480")
    assert "42rem" in lead["sizes"]
    css = (settings.BASE_DIR / "static/css/site.css").read_text()
    assert ".entry__image img { width: 100%; }" in css


def test_lead_image_caption_and_credit_are_shown_under_it(client):
    article = make_article(
        lead_image=png_file(), lead_image_alt="Nurses", lead_image_caption="Handover at seven",
        lead_image_credit="Photo: Ama Mensah",
    )  # fmt: skip
    figure = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser").select_one(".entry__image")
    assert figure.figcaption.get_text() == "Handover at seven — Photo: Ama Mensah"
    no_caption = make_article(lead_image=png_file(), lead_image_alt="Nurses")
    page = BeautifulSoup(client.get(no_caption.get_absolute_url()).content, "html.parser")
    assert page.select_one(".entry__image img") and not page.select(".entry__image figcaption")


def test_pages_never_open_an_image_file(client, monkeypatch):
    """Sizes come from the stored width and height; thumbnails already made are not opened again."""
    article = make_article(lead_image=png_file(size=(1000, 800)), lead_image_alt="A ward")
    client.get("/articles/"), client.get(article.get_absolute_url())  # thumbnails made on first use
    opened = []
    for module, name in ((PILImage, "open"), (django.core.files.images, "get_image_dimensions")):
        original = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, original=original, **k: opened.append(a) or original(*a, **k))
    for url in ("/", "/articles/", article.get_absolute_url()):
        assert client.get(url).status_code == 200
    assert not opened


def test_small_image_is_not_enlarged():
    article = make_article(lead_image=png_file(size=(300, 200)), lead_image_alt="A small chart")
    assert article.page_image_size == (300, 200)
    assert (article.page_image.width, article.page_image.height) == (300, 200)


def test_review_cover_is_shown_with_alt_text_and_size(client):
    review = make_review(cover=png_file("cover.png", size=(600, 900)), book_title="Night Shift")
    img = BeautifulSoup(client.get(review.get_absolute_url()).content, "html.parser").select_one(".book__cover")
    assert img["alt"] == "Cover of Night Shift"
    assert (img["width"], img["height"]) == ("240", "360")


def test_a_picture_lost_after_it_was_saved_keeps_its_renditions(client):
    """Renditions are made when the picture is saved (core.pictures), so losing it later costs readers nothing."""
    article = make_article(lead_image=png_file(), lead_image_alt="Lost")
    article.lead_image.storage.delete(article.lead_image.name)
    for url in ("/", "/articles/", article.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'alt="Lost"' in response.content.decode()
    lead = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser").select_one(".entry__image img")
    for url in widths(lead["srcset"]).values():
        assert (settings.MEDIA_ROOT / url.removeprefix(settings.MEDIA_URL)).is_file()


def unreadable_article(**fields):
    """An item whose lead image is stored but is no picture: Django records no size for it, renditions fail."""
    return make_article(lead_image=ContentFile(b"not a picture", name="broken.png"), lead_image_alt="Broken", **fields)


def test_an_unreadable_picture_costs_the_picture_not_the_page(client, monkeypatch, caplog):
    article = unreadable_article()
    assert article.lead_image and article.lead_image_width is None
    assert "Cannot make rendition" in caplog.text  # the save went through; the rendition is logged as missing
    opened = []
    monkeypatch.setattr(FileSystemStorage, "open", lambda *a, **k: opened.append(a) or pytest.fail("opened a file"))
    for url in ("/", "/articles/", article.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'alt="Broken"' not in response.content.decode()
        assert "srcset" not in response.content.decode()
    assert not opened


def test_a_picture_lost_before_its_renditions_were_made_costs_only_the_picture(client, monkeypatch):
    """E.g. a database restored without its media: pages link the renditions, and never look for them."""
    article = make_article(lead_image=png_file(), lead_image_alt="Gone")
    shutil.rmtree(settings.MEDIA_ROOT)
    monkeypatch.setattr(FileSystemStorage, "open", lambda *a, **k: pytest.fail("opened a file"))
    monkeypatch.setattr(FileSystemStorage, "exists", lambda *a, **k: pytest.fail("looked for a file"))
    for url in ("/", "/articles/", article.get_absolute_url()):
        assert client.get(url).status_code == 200, url
