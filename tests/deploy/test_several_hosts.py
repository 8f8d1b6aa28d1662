"""Two web hosts behind one load balancer behave as one site (docs/deploy.md, "Several hosts").

Two gunicorn instances on their own ports share the database, Redis, SECRET_KEY and media, as two machines
would. Everything goes through the real interface, as a browser would use it: a login on one host is valid on
the other, an edit or a comment on one is on the other's next page (the page both had cached included), rate
limits count both hosts' posts together, and an upload on one is shown and served by the other.

The database follows the run: PostgreSQL when DATABASE_URL says postgres (a database of its own, dropped at the
end), else one SQLite file both hosts open. Media come from the `shared_media` fixture alone.
"""

import io
import os
import urllib.parse

import PIL.Image
import pytest
from bs4 import BeautifulSoup

from tests.factories import png_file
from tests.s3server import moto_bucket
from tests.served import Reader, ServedSite, postgres_database

EDITOR = {"username": "eddie", "password": "pw-editor-123"}
SITE_ENV = {
    "PAGE_CACHE_SECONDS": "600",
    "COMMENTS_HOLD_FIRST_TIME": "0",  # a first comment is published at once: what readers see is the point here
    # A day's window, so that no window ends in the middle of a test (a minute's could, now and then).
    "COMMENTS_RATE_LIMIT": "3/d",
    # The load balancer at 127.0.0.1 forwards each reader's address: each test's readers have their own, so
    # one test's comments never count towards another's rate limit.
    "TRUSTED_PROXIES": "127.0.0.1",
}


class BucketMedia:
    """Media in one S3 bucket (moto's server here), linked by its own address: what several hosts share."""

    def __init__(self, bucket):
        self.bucket = bucket
        self.env = bucket.env()

    def fetch(self, url):
        """The object a page links to (moto's buckets are private: read with the bucket's own keys)."""
        prefix = f"{self.bucket.endpoint_url.rstrip('/')}/{self.bucket.name}/"
        assert url.startswith(prefix), url
        return self.bucket.read(urllib.parse.unquote(url.removeprefix(prefix)))


@pytest.fixture(scope="module")
def shared_media():
    with moto_bucket("hosts-media") as bucket:
        yield BucketMedia(bucket)


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        with postgres_database(f"hosts_served_{os.getpid()}") as url:
            yield url
    else:
        yield f"sqlite:///{tmp_path_factory.mktemp('database') / 'site.sqlite3'}"


@pytest.fixture(scope="module")
def hosts(tmp_path_factory, database, shared_media):
    """(host A, host B): two gunicorns of one site; A migrated the database, B joined it."""
    first = ServedSite(tmp_path_factory.mktemp("hosts"), database, workers=2, **SITE_ENV | shared_media.env)
    second = first.another_host()
    try:
        first.start()
        second.start()
        first.python(
            "from django.contrib.auth import get_user_model; from core.roles import sync_groups; "
            f"user = get_user_model().objects.create_user(**{EDITOR!r}, is_staff=True); "
            "user.groups.add(sync_groups()['Editors'])"
        )
        yield first, second
        assert not first.server_errors() and not second.server_errors()
    finally:
        first.stop()
        second.stop()


def new_article(site, slug):
    """A published article made by a script; its primary key."""
    code = f"from tests.factories import make_article; print(make_article(slug={slug!r}, title='As first written').pk)"
    return int(site.python(code))


def reader_at(site, address):
    """A browser of its own, reaching `site` through the load balancer from `address`."""
    return Reader(site, {"X-Forwarded-For": address})


def page(reader, path):
    """(body, served from the page cache?) of `path`."""
    status, body = reader.request(path)
    assert status == 200, body[:500]
    return body, reader.headers_received.get("X-Page-Cache") == "hit"


def logged_in_editor(site, address):
    """A browser where the editor has logged in to the admin on `site`, with the login form as rendered."""
    editor = reader_at(site, address)
    status, body = editor.post_form("/admin/login/?next=/admin/", "#login-form", **EDITOR)
    assert status == 302, body[:1000]
    return editor


def test_a_login_on_one_host_is_valid_on_the_other(hosts):
    a, b = hosts
    editor = logged_in_editor(a, "198.51.100.1")
    status, body = editor.at(b).request("/admin/")
    assert status == 200 and "eddie" in body


def test_an_edit_on_one_host_is_on_the_others_next_page_though_both_had_it_cached(hosts):
    a, b = hosts
    pk = new_article(a, "edited-on-b")
    path = "/articles/edited-on-b/"
    page(reader_at(a, "198.51.100.2"), path)  # A makes the page and keeps it
    for host in (a, b):  # then both serve it from the one cache
        body, hit = page(reader_at(host, "198.51.100.2"), path)
        assert "As first written" in body and hit, host.url

    editor = logged_in_editor(a, "198.51.100.2").at(b)
    status, body = editor.post_form(f"/admin/blog/article/{pk}/change/", "#article_form", title="Rewritten on host B")
    assert status == 302, body[:2000]

    for host in (a, b):
        body, _ = page(reader_at(host, "198.51.100.2"), path)
        assert "Rewritten on host B" in body and "As first written" not in body, host.url


def test_a_comment_posted_on_one_host_is_on_the_others_next_pages(hosts):
    a, b = hosts
    new_article(a, "commented-on-b")
    page(reader_at(a, "198.51.100.3"), "/articles/commented-on-b/")
    body, hit = page(reader_at(a, "198.51.100.3"), "/articles/commented-on-b/")
    assert hit and "Read comments (1)" not in body  # A keeps the page as it was before the comment

    commenter = reader_at(b, "198.51.100.3")
    status, body = commenter.post_form(
        "/articles/commented-on-b/comments/", "#comment-form form",
        name="Bea", email="bea@example.org", comment="Written through host B.",
    )  # fmt: skip
    assert status == 302, body[:2000]

    body, _ = page(reader_at(a, "198.51.100.3"), "/articles/commented-on-b/")
    assert "Read comments (1)" in body
    body, _ = page(reader_at(a, "198.51.100.3"), "/articles/commented-on-b/comments/")
    assert "Written through host B." in body


def test_the_comment_rate_limit_counts_posts_to_both_hosts_together(hosts):
    a, b = hosts
    new_article(a, "rate-limited")
    path = "/articles/rate-limited/comments/"

    def post(host, n):
        reader = reader_at(host, "198.51.100.4")
        fields = {"name": "Quick", "email": "quick@example.org", "comment": f"Comment number {n}."}
        return reader.post_form(path, "#comment-form form", **fields)[0]

    # 3 a day per address: two on A and one on B are accepted, then neither host takes a fourth.
    assert [post(host, n) for n, host in enumerate((a, b, a))] == [302, 302, 302]
    assert post(b, 4) == 429
    assert post(a, 5) == 429


def test_an_image_uploaded_on_one_host_is_shown_and_served_by_the_other(hosts, shared_media):
    a, b = hosts
    drawn = png_file("drawn-on-a.png", size=(640, 400)).read()
    editor = logged_in_editor(a, "198.51.100.5")
    status, body = editor.post_form(
        "/admin/core/image/add/", "#image_form", files={"file": ("drawn-on-a.png", drawn, "image/png")},
        alt="A circle drawn on host A",
    )  # fmt: skip
    assert status == 302, body[:2000]

    on_b = editor.at(b)
    status, listing = on_b.request("/admin/core/image/")
    assert status == 200
    link = BeautifulSoup(listing, "html.parser").find("a", string="A circle drawn on host A")
    status, change_page = on_b.request(link["href"])
    assert status == 200
    form = BeautifulSoup(change_page, "html.parser").select_one("#image_form")
    # B links the file A stored, and its preview, where readers' browsers get them from the shared media.
    original = form.select_one(".file-upload a")["href"]
    assert shared_media.fetch(original) == drawn
    preview = form.select_one(".field-preview img")
    assert (preview["width"], preview["height"]) == ("240", "150")  # 640 by 400, fitted into the preview box
    assert PIL.Image.open(io.BytesIO(shared_media.fetch(preview["src"]))).size == (240, 150)
