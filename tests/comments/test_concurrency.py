"""Comments arriving all at once, on the site as production serves it (gunicorn workers, DEBUG=0, Redis).

Each test migrates a database of its own and starts gunicorn: slower than the rest of the suite, and the only
way to see what several processes writing at once do to SQLite and to the thread order of django-comments-xtd.
"""

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.served import Reader, ServedSite
from tests.served import postgres_database as served_database

COUNT_COMMENTS = (
    "from django_comments_xtd.models import XtdComment as C; from django.db.models import Count; "
    "print(C.objects.count(), C.objects.values('comment').distinct().count(), "
    "C.objects.values('thread_id', 'order').annotate(n=Count('pk')).filter(n__gt=1).count())"
)


@pytest.fixture
def served(tmp_path):
    sites = []

    def serve(database_url, **env):
        site = ServedSite(tmp_path, database_url, **env)
        sites.append(site)
        return site.start()

    yield serve
    for site in sites:
        site.stop()


@pytest.fixture
def postgres_database():
    with served_database(f"magazine_concurrency_{os.getpid()}") as url:
        yield url


def post_comment(site, path, start, **fields):
    reader = Reader(site)
    status, page = reader.request(path)
    assert status == 200
    from tests.forms import form_values

    form = form_values(page, "#comment-form form") | fields
    start.wait()
    return reader.request(path, form)[0]


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_two_hundred_comments_from_twenty_readers_at_once(served, tmp_path, request, engine):
    database = (
        f"sqlite:///{tmp_path / 'site.sqlite3'}" if engine == "sqlite" else request.getfixturevalue("postgres_database")
    )
    site = served(database, COMMENTS_RATE_LIMIT="1000/m")
    site.python("from tests.factories import make_article; make_article(slug='busy-thread')")
    path = "/articles/busy-thread/comments/"
    start = threading.Barrier(20)

    def reader_posts(n):
        statuses = []
        for i in range(10):
            fields = {"name": f"Reader {n}", "email": f"r{n}@example.org", "comment": f"Comment {n}-{i}."}
            statuses.append(post_comment(site, path, start if i == 0 else threading.Barrier(1), **fields))
        return statuses

    with ThreadPoolExecutor(20) as pool:
        statuses = [status for batch in pool.map(reader_posts, range(20)) for status in batch]

    assert statuses.count(302) == 200, sorted(set(statuses))
    stored, distinct, duplicate_orders = map(int, site.python(COUNT_COMMENTS).split())
    assert (stored, distinct, duplicate_orders) == (200, 200, 0)
    assert not site.server_errors()


def test_fifty_replies_to_one_comment_at_once_keep_the_thread_in_order_on_postgresql(served, postgres_database):
    site = served(postgres_database, COMMENTS_RATE_LIMIT="1000/m", WEB_CONCURRENCY="6")
    root = site.python(
        "from tests.factories import make_article, make_comment; "
        "print(make_comment(make_article(slug='hot-topic'), 'Where it starts.').pk)"
    ).strip()
    path = "/articles/hot-topic/comments/"
    start = threading.Barrier(50)

    def reply(n):
        fields = {"name": f"Replier {n}", "email": f"p{n}@example.org", "comment": f"Reply {n}.", "reply_to": root}
        return post_comment(site, f"{path}?reply_to={root}", start, **fields)

    with ThreadPoolExecutor(50) as pool:
        statuses = list(pool.map(reply, range(50)))

    assert statuses.count(302) == 50, sorted(set(statuses))
    stored, distinct, duplicate_orders = map(int, site.python(COUNT_COMMENTS).split())
    assert (stored, distinct, duplicate_orders) == (51, 51, 0)
    orders = site.python(
        "from django_comments_xtd.models import XtdComment as C; "
        f"print(sorted(C.objects.filter(thread_id={root}).values_list('order', flat=True)))"
    )
    assert orders.strip() == str(list(range(1, 52)))
    assert not site.server_errors()
