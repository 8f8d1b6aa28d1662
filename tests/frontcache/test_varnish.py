"""The real Varnish (deploy/varnish.vcl, vmod_xkey) in front of gunicorn in production mode: it keeps pages, and
forgets exactly those a write changes, once the write has committed.

Slow (it migrates a database of its own and starts gunicorn and varnishd): one site for the whole module.
"""

import urllib.error
import urllib.request

import pytest

from tests.served import Reader, ServedSite
from tests.varnish import Varnish, varnish_missing

pytestmark = pytest.mark.skipif(varnish_missing() is not None, reason=varnish_missing() or "")


@pytest.fixture(scope="module")
def front(tmp_path_factory):
    """(varnish, site): Varnish on a free port before gunicorn, whose purges go to it."""
    workdir = tmp_path_factory.mktemp("frontcache")
    varnish = Varnish(workdir)
    site = ServedSite(
        workdir, f"sqlite:///{workdir / 'site.sqlite3'}", workers=2,
        VARNISH_PURGE_URLS=f"{varnish.url}/", COMMENTS_HOLD_FIRST_TIME="0",
    )  # fmt: skip
    site.start()
    site.python(
        "from tests.factories import make_article; "
        "make_article(slug='watched', title='Before the edit', tags=['news']); "
        "make_article(slug='bystander', title='Nothing to do with it', tags=['other'])"
    )
    varnish.start(site.port)
    yield varnish, site
    varnish.stop()
    site.stop()
    assert not site.server_errors()


def get(varnish, path, headers=None):
    """(status, body, headers) of `path` through Varnish."""
    request = urllib.request.Request(varnish.url + path, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.read().decode(), answer.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers


def cached(varnish, path, headers=None):
    """The page's body, once Varnish serves it from its cache (asked twice: the first may fill it)."""
    get(varnish, path, headers)
    status, body, answer = get(varnish, path, headers)
    assert status == 200 and answer["X-Cache"] == "hit", (status, dict(answer))
    return body


def is_hit(varnish, path, headers=None):
    status, _, answer = get(varnish, path, headers)
    assert status == 200
    return answer["X-Cache"] == "hit"


def test_pages_are_served_by_varnish_and_keys_are_not_shown_to_readers(front):
    varnish, _ = front
    assert "Before the edit" in cached(varnish, "/articles/watched/")
    _, _, answer = get(varnish, "/articles/watched/")
    assert int(answer["Age"]) >= 0 and len(answer["X-Varnish"].split()) == 2  # two ids: this request, the stored one
    assert "xkey" not in answer and "s-maxage" not in answer["Cache-Control"]
    assert "max-age=0" in answer["Cache-Control"] and answer["ETag"]


def test_an_edit_purges_the_pages_showing_it_and_leaves_the_others_cached(front):
    varnish, site = front
    for path in ("/articles/watched/", "/", "/tags/news/", "/articles/bystander/", "/tags/other/"):
        cached(varnish, path)

    site.python(
        "from blog.models import Article; a = Article.objects.get(slug='watched'); a.title = 'After the edit'; a.save()"
    )

    for path in ("/articles/watched/", "/", "/tags/news/"):
        status, body, answer = get(varnish, path)
        assert status == 200 and "After the edit" in body and "Before the edit" not in body, path
        assert answer["X-Cache"] == "miss"
    assert is_hit(varnish, "/articles/bystander/") and is_hit(varnish, "/tags/other/")


def test_a_new_comment_purges_its_items_page(front):
    varnish, _ = front
    assert "Read comments (0)" in cached(varnish, "/articles/bystander/")
    cached(varnish, "/articles/watched/")

    reader = Reader(varnish)  # through Varnish: the comments page and the POST are passed to gunicorn
    status, page = reader.request("/articles/bystander/comments/")
    assert status == 200 and reader.headers_received["X-Cache"] == "miss"
    from tests.forms import form_values

    form = form_values(page, "#comment-form form") | {"name": "Ann", "email": "ann@example.org", "comment": "Hi."}
    assert reader.request("/articles/bystander/comments/", form)[0] == 302

    status, body, answer = get(varnish, "/articles/bystander/")
    assert "Read comments (1)" in body and answer["X-Cache"] == "miss"
    assert is_hit(varnish, "/articles/watched/")


def test_an_edit_in_the_admin_purges_once_it_is_saved(front):
    varnish, site = front
    site.python(
        "from django.contrib.auth import get_user_model; "
        "get_user_model().objects.create_superuser('boss', 'boss@example.org', 'pw-boss-12345')"
    )
    pk = site.python("from blog.models import Article; print(Article.objects.get(slug='watched').pk)").strip()
    assert "Saved in the admin" not in cached(varnish, "/articles/watched/")
    editor = Reader(site)  # gunicorn directly, as an editor on the back office network would be
    status, _ = editor.post_form("/admin/login/", "#login-form", username="boss", password="pw-boss-12345")
    assert status == 302
    status, body = editor.post_form(f"/admin/blog/article/{pk}/change/", "#article_form", title="Saved in the admin")
    assert status == 302, body[:2000]

    status, body, answer = get(varnish, "/articles/watched/")
    assert "Saved in the admin" in body and answer["X-Cache"] == "miss"


def test_requests_are_kept_apart_as_the_page_cache_keeps_them(front):
    varnish, _ = front
    cached(varnish, "/articles/")
    # Query parameters pages do not read, and cookies other than the session's, share the page (an item page
    # says Vary: Cookie: one copy still serves every anonymous reader).
    assert is_hit(varnish, "/articles/?utm_source=newsletter&fbclid=x")
    status, _, answer = get(varnish, "/articles/?page=1&utm_medium=mail")
    assert status == 200 and answer["X-Cache"] == "miss"  # a parameter pages read is another page
    # The scheme too (pages link absolutely with it), as the TLS terminator tells it; any other value is http.
    assert is_hit(varnish, "/articles/", {"X-Forwarded-Proto": "gopher"})
    assert not is_hit(varnish, "/articles/", {"X-Forwarded-Proto": "https"})
    cached(varnish, "/articles/bystander/")
    assert is_hit(varnish, "/articles/bystander/", {"Cookie": "_ga=GA1.2.3; csrftoken=abc"})
    # A logged-in reader's (or a waiting message's) requests are never answered from the cache.
    for cookie in ("sessionid=abc", "_ga=1; messages=abc"):
        status, _, answer = get(varnish, "/articles/bystander/", {"Cookie": cookie})
        assert status == 200 and answer["X-Cache"] == "miss" and "xkey" not in answer
    # Not kept: a page not found (it may be published any minute), a page with a form.
    for path in ("/articles/not-yet/", "/articles/bystander/comments/"):
        get(varnish, path)
        assert get(varnish, path)[2]["X-Cache"] == "miss"


def test_only_purgers_may_purge(front):
    varnish, _ = front
    cached(varnish, "/articles/bystander/")
    through_a_proxy = urllib.request.Request(
        f"{varnish.url}/", method="PURGE", headers={"xkey-purge": "everything", "X-Forwarded-For": "203.0.113.9"}
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(through_a_proxy, timeout=10)
    assert refused.value.code == 403
    assert is_hit(varnish, "/articles/bystander/")
