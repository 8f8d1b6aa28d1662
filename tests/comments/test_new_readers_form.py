"""A new reader's comment form is kept and filled in per request (comments.blank_form): every reader still gets
their own CSRF token and a fresh timestamp and hash, can post it as a browser would, and never sees another
reader's details."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from comments import blank_form
from tests.factories import make_article, make_comment
from tests.forms import form_values

pytestmark = pytest.mark.django_db

FORM = "#comment-form form"


def reader():
    return Client(enforce_csrf_checks=True)


def the_form(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, form_values(response.content, FORM)


def test_two_new_readers_get_their_own_token_and_both_can_post_the_form_as_rendered(time_machine):
    article = make_article()
    make_comment(article, "Known reader's first comment", user_email="ann@example.org")  # Ann is published at once
    ann, bea = reader(), reader()
    ann_page, ann_form = the_form(ann, article.get_comments_url())
    time_machine.move_to(timezone.now() + timezone.timedelta(seconds=30))
    bea_page, bea_form = the_form(bea, article.get_comments_url())

    assert ann_form["csrfmiddlewaretoken"] != bea_form["csrfmiddlewaretoken"]
    assert int(bea_form["timestamp"]) >= int(ann_form["timestamp"]) + 30
    assert ann_form["security_hash"] != bea_form["security_hash"]
    for page in (ann_page, bea_page):
        assert "filled-in" not in page.content.decode()
    typed = {"name": "Ann Reader", "email": "ann@example.org", "comment": "Posted from the kept form."}
    posted = ann.post(article.get_comments_url(), ann_form | typed)
    assert posted.status_code == 302, posted.content.decode()[:400]
    held = bea.post(article.get_comments_url(), bea_form | {"name": "Bea", "email": "bea@example.org", "comment": "Hi"})
    assert held.status_code == 302


def test_the_kept_form_is_the_one_rendered_afresh_but_for_the_filled_in_values():
    article = make_article()
    first = reader().get(article.get_comments_url()).content.decode()  # made and kept
    cache.clear()
    fresh = reader().get(article.get_comments_url()).content.decode()  # made again

    def without_own_values(html):
        form = BeautifulSoup(html, "html.parser").select_one(FORM)
        for name in ("csrfmiddlewaretoken", *blank_form.PER_REQUEST):
            form.select_one(f"input[name={name}]")["value"] = ""
        return str(form)

    assert without_own_values(first) == without_own_values(fresh)


def test_a_form_with_a_readers_own_details_is_never_kept_for_the_next_reader():
    article = make_article()
    ada = Client()
    data = form_values(ada.get(article.get_comments_url()).content, FORM)
    ada.post(article.get_comments_url(), data | {"name": "Ada Lind", "email": "ada@example.org", "comment": "Hm.",
                                                 "remember": "on"})  # fmt: skip
    assert "Ada Lind" in ada.get(article.get_comments_url()).content.decode()  # her details, remembered

    newcomer = reader().get(article.get_comments_url()).content.decode()
    assert "Ada Lind" not in newcomer and "ada@example.org" not in newcomer


def test_a_reply_links_form_is_made_for_it_and_not_kept():
    article = make_article()
    parent = make_comment(article, "The first word")
    reply_page = reader().get(f"{article.get_comments_url()}?reply_to={parent.pk}").content.decode()
    assert f'name="reply_to" value="{parent.pk}"' in reply_page and "Reply to" in reply_page

    newcomer = reader().get(article.get_comments_url()).content.decode()
    assert 'name="reply_to" value="0"' in newcomer and "Leave a comment" in newcomer
    gone = reader().get(f"{article.get_comments_url()}?reply_to=999999").content.decode()  # no such comment
    assert 'name="reply_to" value="999999"' in gone  # this reader's own link, rendered for them alone
    assert 'name="reply_to" value="0"' in reader().get(article.get_comments_url()).content.decode()


def test_renaming_an_item_changes_the_kept_forms_address():
    article = make_article(slug="first-address")
    assert (
        'action="/articles/first-address/comments/#comment-form"'
        in reader().get(article.get_comments_url()).content.decode()
    )
    article.slug = "second-address"
    article.save()
    page = reader().get(article.get_comments_url()).content.decode()
    assert 'action="/articles/second-address/comments/#comment-form"' in page
