import pytest
from bs4 import BeautifulSoup
from django.test import Client

from comments.remember import COOKIE_NAME
from tests.factories import comment_form_data, make_article

pytestmark = pytest.mark.django_db

ADA = {"name": "Ada Reader", "email": "ada@example.org", "url": "https://ada.example.org/"}
LABEL = "Save my name, e-mail and website in this browser for the next time I comment."


def post(client, entry, **fields):
    return client.post(entry.get_comments_url(), comment_form_data(entry, **fields))


def form_of(client, entry):
    return BeautifulSoup(client.get(entry.get_comments_url()).content, "html.parser").select_one("#comment-form form")


def typed(form):
    return {name: form.select_one(f"input[name={name}]").get("value", "") for name in ("name", "email", "url")}


def test_saving_details_is_offered_and_left_to_the_reader(client):
    article = make_article()
    form = form_of(client, article)
    box = form.select_one("input[type=checkbox][name=remember]")
    assert form.select_one(f"label[for={box['id']}]").get_text() == LABEL
    assert not box.has_attr("checked")  # opt-in
    assert COOKIE_NAME not in post(client, article, **ADA).cookies


def test_ticked_box_fills_in_the_next_comment_form(client):
    article, other = make_article(), make_article()
    response = post(client, article, remember="on", **ADA)
    assert response.status_code == 302
    cookie = response.cookies[COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and not cookie["secure"]
    assert cookie["max-age"] >= 360 * 24 * 60 * 60
    form = form_of(client, other)
    assert typed(form) == ADA
    assert form.select_one("input[name=remember]").has_attr("checked")
    assert form.select_one("textarea[name=comment]").get_text().strip() == ""


def test_saved_details_cookie_is_secure_when_the_site_is(client, settings):
    settings.SESSION_COOKIE_SECURE = True
    assert post(client, make_article(), remember="on", **ADA).cookies[COOKIE_NAME]["secure"]


def test_unticking_the_box_forgets_the_saved_details(client):
    article = make_article()
    post(client, article, remember="on", **ADA)
    response = post(client, article, comment="Second thoughts.", **ADA)
    assert response.cookies[COOKIE_NAME]["max-age"] == 0
    assert typed(form_of(client, article)) == {"name": "", "email": "", "url": ""}


def test_refused_post_saves_nothing(client):
    article = make_article()
    response = post(client, article, remember="on", **{**ADA, "email": "ada@example,org"})
    assert response.status_code == 400
    assert COOKIE_NAME not in response.cookies


@pytest.mark.parametrize("value", ["not-signed", "eyJuYW1lIjoiRXZlIn0:1tAAAA:forged-signature"])
def test_a_tampered_cookie_is_ignored(client, value):
    article = make_article()
    client.cookies[COOKIE_NAME] = value
    assert typed(form_of(client, article)) == {"name": "", "email": "", "url": ""}


def test_an_account_name_wins_over_saved_details(client, reader):
    article = make_article()
    post(client, article, remember="on", **ADA)
    client.force_login(reader)
    assert typed(form_of(client, article)) == {"name": "Rita Reader", "email": "rita@example.org", "url": ADA["url"]}


def test_a_saved_name_never_reaches_another_readers_page_through_the_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    article = make_article()
    ada, other = Client(), Client()
    ada.get(post(ada, article, remember="on", **ADA)["Location"])  # held, so her name is nowhere public yet
    for url in (article.get_comments_url(), article.get_absolute_url()):
        ada.get(url)
        mine = ada.get(url)  # by now only her CSRF and saved-details cookies are left
        theirs = other.get(url)
        if url == article.get_comments_url():
            assert ADA["email"] in mine.content.decode()
            assert "private" in mine["Cache-Control"] and "X-Page-Cache" not in theirs
        assert ADA["email"] not in theirs.content.decode() and "Ada Reader" not in theirs.content.decode()
