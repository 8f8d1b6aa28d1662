"""Security headers on every kind of page, reader and admin, in development mode too (the tests' mode)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import (
    make_article,
    make_author,
    make_cartoon,
    make_comment,
    make_interview,
    make_review,
    make_source,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_pages():
    source, author = make_source(slug="night-ward"), make_author(slug="lee-park")
    article = make_article(tags=["ethics"], authors=[author], source=source)
    make_comment(article)
    items = [article, make_interview(), make_review(), make_cartoon()]
    return [
        "/", "/articles/", "/interviews/", "/reviews/", "/cartoons/", *[item.get_absolute_url() for item in items],
        article.get_comments_url(), "/tags/ethics/", "/authors/lee-park/", "/sources/night-ward/", "/search/?q=item",
        "/feed/", "/articles/feed/", "/sitemap.xml", "/robots.txt", "/healthz", "/no-such-page/", "/admin/login/",
    ]  # fmt: skip


def policy(response):
    """The Content-Security-Policy as {directive: [sources]}."""
    parts = (part.split() for part in response["Content-Security-Policy"].split(";") if part.strip())
    return {name: sources for name, *sources in parts}


def assert_secure_headers(response):
    csp = policy(response)
    assert csp["default-src"] == ["'self'"] and csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"] and csp["base-uri"] == ["'self'"]
    assert not {"'unsafe-inline'", "'unsafe-eval'", "*", "data:"} & set(csp["script-src"])
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in permissions
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_every_reader_page_sends_the_security_headers(site_pages):
    for url in site_pages:
        response = Client().get(url)
        assert response.status_code in (200, 404), url
        assert_secure_headers(response)
        if response["Content-Type"].startswith("text/html"):
            assert response["X-Frame-Options"] == "DENY", url


def test_reader_pages_need_no_script_at_all(site_pages):
    for url in site_pages[:-1]:
        response = Client().get(url)
        if response["Content-Type"].startswith("text/html"):
            assert b"<script" not in response.content.replace(b'<script type="application/ld+json"', b""), url
            assert b" style=" not in response.content, url


def test_pages_from_the_page_cache_keep_the_headers(settings):
    settings.PAGE_CACHE_SECONDS = 600
    make_article()
    Client().get("/")
    cached = Client().get("/")
    assert cached["X-Page-Cache"] == "hit"
    assert_secure_headers(cached)


def test_admin_pages_and_the_editor_send_the_policy_with_a_nonce_only_where_the_editor_needs_it(client, editor):
    article = make_article()
    client.force_login(editor)
    for name, args in [("admin:index", []), ("admin:blog_article_changelist", []), ("admin:blog_article_add", []),
                       ("admin:blog_article_change", [article.pk])]:  # fmt: skip
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200
        assert_secure_headers(response)
        uses_editor = "prose-editor" in response.content.decode()
        nonces = [source for source in policy(response)["script-src"] if source.startswith("'nonce-")]
        assert bool(nonces) == uses_editor, name
        if nonces:
            assert f'<script type="importmap" nonce="{nonces[0][7:-1]}"' in response.content.decode()
