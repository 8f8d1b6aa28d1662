"""On a phone, every kind of page fits the screen: nothing wider than the viewport, no sideways scrolling."""

import pytest

from tests.factories import make_article, make_cartoon, make_comment, make_interview, make_review, png_file

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_kind_of_page_fits_a_phone_screen(page, live_server):
    picture = {"lead_image": png_file("wide.png", size=(1400, 800)), "lead_image_alt": "A wide picture"}
    article = make_article(title="A long title " * 6, tags=["santé publique"], **picture)
    make_comment(article, "A comment with a long link https://example.org/" + "very-long-path/" * 12)
    make_cartoon(title="A drawing")  # the sidebar shows it at its page size
    make_interview()
    make_review()
    page.route("**/media/**", lambda route: route.abort())  # pictures still on their way (or lost) keep their size
    for path in ["/", "/articles/", article.get_absolute_url(), article.get_comments_url(), "/cartoons/",
                 "/search/?q=long", "/tags/santé-publique/"]:  # fmt: skip
        page.goto(f"{live_server.url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width} px wide on a 390 px phone"
