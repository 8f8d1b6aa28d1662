import pytest
from bs4 import BeautifulSoup

from core.models import Entry
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.mark.urls("tests.core.urls_broken")
def test_a_server_error_shows_the_styled_500_page(client):
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text() == "Something went wrong on our side"
    assert page.find("link", rel="stylesheet")["href"] == "/static/css/site.css"
    assert page.select_one("main a")["href"] == "/"
    assert "RuntimeError" not in response.content.decode()
    assert not page.find_all("script") and not page.select("[style]")


@pytest.mark.parametrize("url", ["/no-such-page/", "/articles/no-such-item/", "/tags/nope/", "draft"])
def test_not_found_pages_stay_inside_the_layout(client, url):
    if url == "draft":
        url = make_article(status=Entry.Status.DRAFT).get_absolute_url()
    response = client.get(url)
    assert response.status_code == 404
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text() == "We could not find that page"
    assert page.select_one("header.site-header nav.site-nav")
    assert page.select_one('header.site-header form[role="search"]')
    assert page.select_one('main form[role="search"]')["action"] == "/search/"
    assert page.select_one("aside.sidebar") and page.select_one("footer.site-footer")
    assert page.find("link", rel="stylesheet")["href"] == "/static/css/site.css"
