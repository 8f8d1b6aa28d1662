"""The page cache as production runs it: several gunicorn workers sharing Redis, writes from other processes."""

import pytest

from tests.served import Reader, ServedSite


@pytest.fixture
def site(tmp_path):
    served = ServedSite(tmp_path, f"sqlite:///{tmp_path / 'site.sqlite3'}", workers=3, PAGE_CACHE_SECONDS="600")
    served.start()
    yield served
    served.stop()


def cached(reader, path):
    """(body, served from the page cache?) of `path`, asked for twice so that every worker could have it."""
    reader.request(path)
    status, body = reader.request(path)
    assert status == 200
    return body, reader.headers_received.get("X-Page-Cache") == "hit"


def test_a_write_from_a_management_command_reaches_every_worker_at_once(site):
    site.python("from tests.factories import make_article; make_article(slug='shared', title='Before the script')")
    reader = Reader(site)
    body, hit = cached(reader, "/articles/shared/")
    assert "Before the script" in body and hit

    site.python(
        "from blog.models import Article; a = Article.objects.get(slug='shared'); "
        "a.title = 'After the script'; a.save()"
    )

    for _ in range(6):  # whichever worker answers
        status, body = reader.request("/articles/shared/")
        assert status == 200 and "After the script" in body and "Before the script" not in body
    assert not site.server_errors()
