import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import Entry
from core.registry import entry_models
from tests.factories import MAKERS, make_article, make_author, make_cartoon, make_interview, make_review

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")

SEARCH_QUERIES = 14  # count + one page of keys + (items + authors) per section + sidebar 3 + schedule


def search(client, q, **params):
    response = client.get(reverse("core:search"), {"q": q, **params})
    assert response.status_code == 200
    return response


def result_urls(response):
    page = BeautifulSoup(response.content, "html.parser")
    return [a["href"] for a in page.select("main article.card .card__title a")]


def summary(response):
    return BeautifulSoup(response.content, "html.parser").select_one(".search-summary").get_text()


def test_search_finds_published_items_of_every_section_and_nothing_else(client):
    found = [make(title=f"Hospital parking, part {n}") for n, make in enumerate(MAKERS.values())]
    make_article(title="Hospital parking draft", status=Entry.Status.DRAFT)
    make_review(title="Hospital parking scheduled", published_at=timezone.now() + timedelta(days=1))
    make_interview(title="Something else entirely")
    response = search(client, "parking")
    assert sorted(result_urls(response)) == sorted(item.get_absolute_url() for item in found)
    assert summary(response) == "4 results for “parking”"


def test_search_matches_excerpt_and_body_and_needs_every_word(client):
    in_excerpt = make_article(title="One", excerpt="Night shifts and sleep.")
    in_body = make_review(title="Two", body="<p>Why <em>night</em> shifts harm nurses' sleep.</p>")
    one_word_only = make_cartoon(title="Three", body="<p>Sleep well.</p>")
    urls = result_urls(search(client, "night sleep"))
    assert sorted(urls) == sorted([in_excerpt.get_absolute_url(), in_body.get_absolute_url()])
    assert one_word_only.get_absolute_url() not in urls


def test_title_matches_come_before_body_matches_then_newest_first(client):
    now = timezone.now()
    body_only_newest = make_article(title="A note", body="<p>About triage.</p>", published_at=now - timedelta(hours=2))
    title_older = make_interview(title="Triage at night", published_at=now - timedelta(days=9))
    title_newer = make_review(title="Triage at night", published_at=now - timedelta(days=3))
    urls = result_urls(search(client, "triage"))
    assert urls == [title_newer.get_absolute_url(), title_older.get_absolute_url(), body_only_newest.get_absolute_url()]


def test_search_results_are_paginated_and_the_pages_keep_the_query(client):
    for _ in range(12):
        make_article(title="Waiting lists again")
    first = search(client, "waiting")
    assert summary(first) == "12 results for “waiting”"
    assert len(result_urls(first)) == 10
    next_link = BeautifulSoup(first.content, "html.parser").select_one('.pagination a[rel="next"]')
    assert next_link["href"] == "?q=waiting&page=2"
    assert next_link.get_text() == "More results »"
    assert len(result_urls(search(client, "waiting", page=2))) == 2
    assert client.get(reverse("core:search"), {"q": "waiting", "page": 9}).status_code == 404


def test_a_search_with_no_results_says_so(client):
    make_article(title="Something")
    response = search(client, "zebra")
    assert summary(response) == "0 results for “zebra”"
    assert "Nothing matched" in response.content.decode()


def test_query_is_escaped_wherever_it_is_shown(client):
    q = '<script>alert("x")</script>'
    page = search(client, q).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert BeautifulSoup(page, "html.parser").select_one("#site-search-q")["value"] == q


def is_schedule_lookup(query):
    """The page cache's look-up of the next scheduled publish time (core.cache), not a search."""
    return query["sql"].lstrip("(").startswith('SELECT "blog_article"."published_at" AS "published_at"')


def test_empty_query_shows_the_form_and_searches_nothing(client):
    make_article(title="Anything")
    for params in ({}, {"q": ""}, {"q": "   "}):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("core:search"), params)
        assert response.status_code == 200
        page = BeautifulSoup(response.content, "html.parser")
        assert page.select_one('main form[role="search"] input[name="q"]')
        assert not page.select(".search-summary") and not page.select("article.card")
        assert "Type a word or two" in page.main.get_text()
        assert not [q for q in captured if "UNION" in q["sql"] and not is_schedule_lookup(q)]


def test_over_long_query_gets_a_friendly_message_and_no_search(client):
    make_article(title="Anything")
    client.get("/")  # warm per-process caches
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = search(client, "a" * 201)
    assert "That search is too long" in response.content.decode()
    assert not BeautifulSoup(response.content, "html.parser").select("article.card")
    assert len(captured) == 4  # the sidebar's and the next scheduled publish time, nothing else
    searches = [q for q in captured if not is_schedule_lookup(q)]
    assert not [q for q in searches if "UNION" in q["sql"] or "blog_article" in q["sql"]]
    assert "too long" not in search(client, "a" * 200).content.decode()


def test_query_of_punctuation_only_finds_nothing_without_error(client):
    make_article(title="Anything")
    assert summary(search(client, "!!! ???")) == "0 results for “!!! ???”"


def test_control_characters_in_a_query_are_read_as_spaces(client):
    """PostgreSQL refuses a NUL byte in any text; a reader's search must never reach it with one."""
    article = make_article(title="Night shifts and sleep")
    for q in ("\x00", " \x00\x07\x1b "):
        response = search(client, q)
        assert "Type a word or two" in BeautifulSoup(response.content, "html.parser").main.get_text()
    response = search(client, "night\x00shifts\x7f")
    assert result_urls(response) == [article.get_absolute_url()]
    assert summary(response) == "1 result for “night shifts”"
    assert "\x00" not in response.content.decode()


def test_every_page_has_the_search_box_in_the_header(client):
    article = make_article()
    for url in ("/", "/articles/", article.get_absolute_url(), "/search/"):
        page = BeautifulSoup(client.get(url).content, "html.parser")
        form = page.select_one('header.site-header form[role="search"]')
        assert form["action"] == "/search/" and form["method"] == "get", url
        field = form.select_one('input[name="q"]')
        assert form.select_one(f'label[for="{field["id"]}"]'), url


def test_search_queries_are_pinned_and_do_not_grow_with_results(client):
    def queries():
        search(client, "common")
        cache.clear()  # the cost of a first request: nothing kept
        with CaptureQueriesContext(connection) as captured:
            search(client, "common")
        return len(captured)

    for make in MAKERS.values():
        make(title="Common ground", authors=[make_author()], tags=["x"])
    small = queries()
    for make in MAKERS.values():
        for _ in range(4):
            make(title="Common ground", authors=[make_author(), make_author()], tags=["x", "y"])
    assert small == queries() == SEARCH_QUERIES


@postgresql_only
def test_postgresql_ranks_title_above_excerpt_above_body_whatever_the_dates(client):
    now = timezone.now()
    body = make_article(title="A", body="<p>Ventilators were scarce.</p>", published_at=now - timedelta(hours=2))
    excerpt = make_article(title="B", excerpt="On ventilators.", published_at=now - timedelta(days=2))
    title = make_article(title="Ventilators", published_at=now - timedelta(days=20))
    assert result_urls(search(client, "ventilator")) == [
        title.get_absolute_url(), excerpt.get_absolute_url(), body.get_absolute_url(),
    ]  # fmt: skip


@postgresql_only
def test_postgresql_search_stems_words_and_understands_web_search_syntax(client):
    hospitals = make_article(title="Hospitals are closing")
    rural = make_article(title="Rural hospital closing")
    assert sorted(result_urls(search(client, "hospital closed"))) == sorted(
        [hospitals.get_absolute_url(), rural.get_absolute_url()]
    )
    assert result_urls(search(client, "hospital -rural")) == [hospitals.get_absolute_url()]
    assert result_urls(search(client, '"rural hospital"')) == [rural.get_absolute_url()]


@postgresql_only
def test_every_section_table_has_a_gin_index_that_the_search_uses():
    for model in entry_models():
        name = f"{model._meta.app_label}_{model._meta.model_name}_search"
        with connection.cursor() as cursor:
            constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
        assert constraints[name]["type"] == "gin", name
        # The search filters on the stored search_document column, which the GIN index covers.
        sql, params = model.objects.search("nurses").order_by().values("pk").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny test table is cheaper to read whole
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert f"Bitmap Index Scan on {name}" in plan, plan


def test_search_follows_edits(client):
    article = make_article(title="Appointments are late")
    assert result_urls(search(client, "appointments")) == [article.get_absolute_url()]
    article.title, article.body = "Clinics are late", "<p>Nothing about bookings.</p>"
    article.save()
    assert result_urls(search(client, "appointments")) == []
    assert result_urls(search(client, "clinics")) == [article.get_absolute_url()]


def test_pages_never_load_the_search_document(client):
    article = make_article(tags=["x"], authors=[make_author()])
    for url in ("/", "/articles/", article.get_absolute_url(), "/search/?q=article", "/feed/", "/sitemap.xml"):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        loaded = re.compile(r'(SELECT |, )"\w+"\."search_document"(,| FROM)')  # a column, not ts_rank's argument
        assert not [q["sql"] for q in captured if loaded.search(q["sql"].split(" FROM ")[0])], url


def test_a_kept_search_shows_what_was_published_unpublished_or_edited_since(client):
    first = make_article(title="Waiting lists grow")
    assert result_urls(search(client, "waiting")) == [first.get_absolute_url()]
    with CaptureQueriesContext(connection) as captured:
        assert result_urls(search(client, "waiting")) == [first.get_absolute_url()]
    assert len(captured) == 0  # kept: the same search again ranks nothing

    second = make_interview(title="Waiting for a bed")
    assert set(result_urls(search(client, "waiting"))) == {first.get_absolute_url(), second.get_absolute_url()}
    first.status = first.Status.DRAFT
    first.save()
    assert result_urls(search(client, "waiting")) == [second.get_absolute_url()]
    second.title = "Beds are scarce"
    second.save()
    assert result_urls(search(client, "waiting")) == []
