import pytest
from bs4 import BeautifulSoup

from tests.factories import make_review, png_file

pytestmark = pytest.mark.django_db


def book_box(client, review):
    return BeautifulSoup(client.get(review.get_absolute_url()).content, "html.parser").select_one("aside.book")


def test_review_page_shows_the_book_its_rating_and_a_link_to_buy_it(client):
    review = make_review(
        book_title="Night Shift", book_authors="Mara Fenn", publisher="Ward Press", year=2024, rating=4,
        purchase_url="https://books.example.com/night-shift", cover=png_file("cover.png", size=(300, 450)),
    )  # fmt: skip

    box = book_box(client, review)

    facts = dict(
        zip([dt.get_text() for dt in box.select("dt")], [dd.get_text() for dd in box.select("dd")], strict=True)
    )
    assert facts["Book"] == "Night Shift" and facts["By"] == "Mara Fenn"
    assert facts["Published"] == "Ward Press, 2024" and facts["ISBN"] == "9780306406157"
    assert box.select_one(".rating")["aria-label"] == "Rated 4 out of 5"
    buy = box.find("a", string="Buy the book »")
    assert buy["href"] == "https://books.example.com/night-shift"
    assert "nofollow" in buy["rel"]
    cover = box.select_one("img.book__cover")
    assert cover["alt"] == "Cover of Night Shift" and cover["width"] == "240" and cover["height"] == "360"


def test_review_without_a_purchase_link_or_rating_leaves_them_out(client):
    box = book_box(client, make_review(purchase_url="", rating=None, publisher="", year=None))

    assert box.find("a", string="Buy the book »") is None
    assert box.select_one(".rating") is None
    assert "Published" not in box.get_text()
