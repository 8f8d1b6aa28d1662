"""Old WordPress addresses answer 301 to the items they became, and never lead to a draft."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.redirects.models import Redirect
from django.test import RequestFactory

from core.models import Entry
from core.roles import sync_groups
from tests.wordpress.imports import DATA, SECTIONS, run_import
from wordpress.links import old_path
from wordpress.middleware import OldPostIdRedirectMiddleware
from wordpress.models import ImportedObject

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported():
    return run_import(DATA / "posts.xml", *SECTIONS)


def url_of(wordpress_id):
    return ImportedObject.objects.get(wordpress_id=str(wordpress_id), kind__in=["post", "page"]).content_object


def test_a_permalink_answers_301_to_the_item(client, imported):
    response = client.get("/2020/06/14/republished/")
    assert response.status_code == 301
    assert response["Location"] == url_of(115).get_absolute_url()


def test_a_percent_encoded_unicode_permalink_answers_301_however_its_case(client, imported):
    for path in ("/2020/05/01/sant%c3%a9-publique/", "/2020/05/01/sant%C3%A9-publique/", "/2020/05/01/santé-publique/"):
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (301, "/articles/sante-publique/")
    assert client.get("/2020/06/01/%e6%97%a5%e6%9c%ac/")["Location"] == url_of(102).get_absolute_url()


def test_a_page_permalink_answers_301(client, imported):
    assert client.get("/about/")["Location"] == "/articles/about/"


@pytest.mark.parametrize("query", ["p=115", "page_id=120", "p=115&utm_source=x"])
def test_old_id_links_answer_301_though_the_home_page_is_real(client, imported, query):
    response = client.get(f"/?{query}")
    assert response.status_code == 301
    assert response["Location"] in (url_of(115).get_absolute_url(), url_of(120).get_absolute_url())
    assert client.get(f"/index.php?{query}").status_code == 301


def test_old_id_links_are_not_served_the_cached_home_page(client, settings, imported):
    settings.PAGE_CACHE_SECONDS = 600
    assert client.get("/").status_code == 200
    assert client.get("/").headers.get("X-Page-Cache") == "hit"
    assert client.get("/?p=115").status_code == 301


@pytest.mark.parametrize("query", ["p=104", "p=105", "p=107", "p=108", "p=999", "p=abc", "p=", "p=١٢"])
def test_no_redirect_leads_to_a_draft_scheduled_or_unknown_item(client, imported, query):
    response = client.get(f"/?{query}")
    assert response.status_code == 200  # the home page, as for any other query string
    assert "Location" not in response


def test_permalinks_of_items_readers_cannot_see_get_no_redirect(client, imported):
    for path in ("/2020/06/05/private-notes/", "/2099/01/01/coming-soon/", "/2020/06/07/members-only/"):
        assert client.get(path).status_code == 404
    assert not Redirect.objects.filter(new_path__in=["/articles/private-notes/", "/articles/coming-soon/"]).exists()


def test_a_scheduled_item_is_reached_by_its_id_link_once_it_is_live(client, imported):
    with time_machine.travel(url_of(107).published_at + timedelta(minutes=1)):
        assert client.get("/?p=107")["Location"] == "/articles/coming-soon/"


def test_an_item_unpublished_after_the_import_is_no_longer_reached_by_its_id_link(client, imported):
    entry = url_of(115)
    entry.status = Entry.Status.DRAFT
    entry.save()
    assert client.get("/?p=115").status_code == 200


def test_old_paths_are_stored_as_requests_spell_them():
    assert old_path("http://old.example.org/2020/05/01/sant%c3%a9-publique/") == "/2020/05/01/sant%C3%A9-publique/"
    assert old_path("http://old.example.org/?p=104") == ""
    assert old_path("http://old.example.org/") == ""
    assert old_path("http://old.example.org//greek/a/") == "/greek/a/"


def test_an_editors_own_redirect_is_left_as_it_is(imported, tmp_path):
    Redirect.objects.filter(old_path="/about/").update(new_path="/elsewhere/")
    ImportedObject.objects.filter(wordpress_id="120").delete()
    output = run_import(DATA / "posts.xml", *SECTIONS)
    assert Redirect.objects.get(old_path="/about/").new_path == "/elsewhere/"
    assert "/about/ already redirects to /elsewhere/; left as it is" in output


def test_no_query_is_made_for_pages_without_an_id_link(django_assert_num_queries, imported):
    middleware = OldPostIdRedirectMiddleware(lambda request: "page")
    with django_assert_num_queries(0):
        assert middleware(RequestFactory().get("/?page=2")) == "page"
        assert middleware(RequestFactory().get("/articles/?p=3")) == "page"


def test_editors_may_manage_redirects_the_old_links_and_their_own():
    groups = sync_groups()
    assert groups["Editors"].permissions.filter(codename="change_redirect").exists()
    assert not groups["Moderators"].permissions.filter(codename="change_redirect").exists()


def test_an_id_link_costs_two_queries(client, django_assert_num_queries, imported):
    client.get("/?p=115")  # content types are cached from then on
    with django_assert_num_queries(2):  # the imported item's row, then the item if readers may see it
        assert client.get("/?p=115").status_code == 301
