"""Read replicas (core/db_router.py): anonymous readers read a replica, everyone who writes reads the primary.

The test settings give every run a replica, `replica1`, that mirrors the test database (tests/settings.py).
Tests that look at where reads go commit their data (`transaction=True`): inside a test's transaction every
read is on the primary, as inside any transaction. A replica's lag is simulated by the position it reports.
"""

import json
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections, transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from blog.models import Article
from core import db_router, dependencies
from tests.core.test_settings import PRODUCTION_VARIABLES, ROOT, run_check
from tests.factories import comment_form_data, make_article

pytestmark = pytest.mark.django_db(transaction=True)
EXISTS = 'SELECT 1 AS "a"'  # QuerySet.exists()


class Reads:
    """The queries each database received during the block."""

    def __enter__(self):
        self.contexts = {alias: CaptureQueriesContext(connections[alias]) for alias in ("default", "replica1")}
        for context in self.contexts.values():
            context.__enter__()
        return self

    def __exit__(self, *exc):
        for context in self.contexts.values():
            context.__exit__(*exc)

    def on(self, alias, table=""):
        return [query["sql"] for query in self.contexts[alias].captured_queries if table in query["sql"]]


@pytest.fixture
def replica_at(monkeypatch):
    """Simulate how far the replica has replayed the primary's WAL: set `replica_at.position`."""

    class Replica:
        position = None
        asked = 0

        def __call__(self, alias):
            assert alias == "replica1"
            connections[alias].ensure_connection()  # as the query it stands for would
            self.asked += 1
            return self.position

    replica = Replica()
    monkeypatch.setattr(db_router, "replica_position", replica)
    monkeypatch.setattr(db_router, "_replayed", {})  # what this process learnt from earlier tests' replicas
    return replica


@pytest.fixture
def primary_at(monkeypatch):
    """Simulate the primary's WAL position (on SQLite there is none): set `primary_at.position`."""

    class Primary:
        position = 1000

    primary = Primary()
    monkeypatch.setattr(db_router, "primary_position", lambda: primary.position)
    return primary


def served(view, method="get", cookies=None, **extra):
    """Run `view` for a request from a reader with `cookies`, through the routing middleware."""
    request = getattr(RequestFactory(), method)("/somewhere/", **extra)
    request.COOKIES.update(cookies or {})
    return db_router.ReplicaRoutingMiddleware(view)(request)


def test_an_anonymous_readers_page_is_read_from_the_replica():
    article = make_article(title="Read me from a replica")
    with Reads() as reads:
        response = Client().get(article.get_absolute_url())
    assert response.status_code == 200 and "Read me from a replica" in response.content.decode()
    assert reads.on("replica1", '"blog_article"')
    # The primary only answers when the next item goes live (a key a replica may be behind on).
    assert all("published_at" in sql and "UNION" in sql for sql in reads.on("default", '"blog_article"'))


def test_writes_go_to_the_primary_and_later_reads_of_that_request_too():
    def view(request):
        Article.objects.count()
        make_article(title="Written in a GET")
        Article.objects.count()
        return HttpResponse()

    with Reads() as reads:
        response = served(view)
    assert len(reads.on("replica1", "COUNT")) == 1  # before the write
    assert len(reads.on("default", "COUNT")) == 1  # after it: the request reads what it wrote
    assert reads.on("default", "INSERT") and not reads.on("replica1", "INSERT")
    assert db_router.PIN_COOKIE not in response.cookies  # a GET does not pin: its page may still be cached


def test_reads_inside_a_transaction_go_to_the_primary():
    make_article()

    def view(request):
        with transaction.atomic():
            Article.objects.count()
        Article.objects.exists()
        return HttpResponse()

    with Reads() as reads:
        served(view)
    assert reads.on("default", "COUNT") and not reads.on("replica1", "COUNT")
    assert reads.on("replica1", EXISTS)  # out of the transaction: back on the replica


def test_a_post_that_wrote_pins_the_browser_to_the_primary_for_a_few_seconds(time_machine, settings):
    settings.REPLICA_PIN_SECONDS = 10
    article = make_article()
    reader = Client()
    with Reads() as reads:
        posted = reader.post(article.get_comments_url(), comment_form_data(article, comment="First!"))
    assert posted.status_code == 302 and reads.on("default", "INSERT")
    pin = posted.cookies[db_router.PIN_COOKIE]
    assert pin["max-age"] == 10 and pin["httponly"] and pin["samesite"] == "Lax"

    cache.clear()  # nothing kept: the page reads its item
    with Reads() as reads:
        assert reader.get(article.get_comments_url()).status_code == 200
    assert reads.on("default", '"blog_article"') and not reads.on("replica1")

    time_machine.move_to(timezone.now() + timedelta(seconds=11))
    cache.clear()
    with Reads() as reads:
        reader.get(article.get_comments_url())
    assert reads.on("replica1", '"blog_article"')


def test_a_post_that_wrote_nothing_does_not_pin():
    article = make_article()
    refused = Client().post(article.get_comments_url(), comment_form_data(article, comment=""))
    assert refused.status_code in (200, 400) and db_router.PIN_COOKIE not in refused.cookies
    assert served(lambda request: HttpResponse(), method="post").cookies == {}


def test_a_pin_cookie_the_site_did_not_sign_is_ignored():
    make_article()

    def view(request):
        Article.objects.count()
        return HttpResponse()

    with Reads() as reads:
        served(view, cookies={db_router.PIN_COOKIE: "1"})
    assert reads.on("replica1", "COUNT")


def test_staff_read_from_the_primary(editor):
    article = make_article()
    client = Client()
    client.force_login(editor)
    with Reads() as reads:
        assert client.get(article.get_absolute_url()).status_code == 200
        assert client.get(f"/admin/blog/article/{article.pk}/change/").status_code == 200
    assert reads.on("default", '"blog_article"') and not reads.on("replica1")


def test_management_commands_and_code_outside_requests_read_from_the_primary():
    make_article()
    with Reads() as reads:
        call_command("send_moderation_digest", "--frequency", "daily", stdout=open("/dev/null", "w"))  # noqa: SIM115
        Article.objects.count()
    assert reads.on("default") and not reads.on("replica1")


def test_a_lagging_replica_sends_the_request_to_the_primary(primary_at, replica_at):
    primary_at.position = 5000
    make_article()

    def view(request):
        Article.objects.count()
        Article.objects.exists()
        return HttpResponse()

    replica_at.position = 4999
    with Reads() as reads:
        served(view)
    assert not reads.on("replica1") and len(reads.on("default", '"blog_article"')) == 2
    assert replica_at.asked == 1  # once per request

    replica_at.position = 5000
    with Reads() as reads:
        served(view)
    assert len(reads.on("replica1", '"blog_article"')) == 2 and not reads.on("default")


def test_a_replica_is_asked_again_only_when_a_newer_write_is_recorded(primary_at, replica_at):
    primary_at.position = replica_at.position = 5000
    make_article()
    count = lambda request: HttpResponse(str(Article.objects.count()))  # noqa: E731
    for _ in range(3):
        served(count)
    assert replica_at.asked == 1  # replicas never replay backwards: still at least 5000
    primary_at.position = replica_at.position = 6000
    make_article()
    with Reads() as reads:
        served(count)
    assert replica_at.asked == 2 and reads.on("replica1", "COUNT")


def test_a_replica_that_does_not_answer_sends_the_request_to_the_primary(primary_at, replica_at):
    make_article()
    replica_at.position = None  # what replica_position() says when the query fails
    with Reads() as reads:
        served(lambda request: HttpResponse(str(Article.objects.count())))
    assert reads.on("default", "COUNT") and not reads.on("replica1")


def test_each_write_records_the_primary_position_before_bumping_versions(primary_at, monkeypatch):
    order = []
    monkeypatch.setattr(db_router, "record_position", lambda position: order.append(("position", position)))
    monkeypatch.setattr(dependencies, "cache", _Recording(dependencies.cache, order))
    primary_at.position = 7000
    dependencies.changed("entry:blog.article:1")
    assert order[0] == ("position", 7000) and order[1][0] == "set"


def test_a_write_in_a_transaction_is_recorded_after_its_commit(primary_at):
    make_article()
    with transaction.atomic():
        primary_at.position = 8000
        make_article()
        assert db_router.recorded_position() != 8000  # the commit is not there yet
        primary_at.position = 9000
    assert db_router.recorded_position() == 9000


def test_the_recorded_position_never_goes_back():
    db_router.record_position(300)
    db_router.record_position(200)  # a writer that read its position earlier, and records it later
    assert db_router.recorded_position() == 300


def test_the_recorded_position_never_goes_back_in_redis(settings):
    """The same, atomically, in Redis (the Redis database of this test is 4)."""
    from django.core.cache import caches

    settings.CACHES = {"default": {"BACKEND": "core.cache_backends.RedisCache", "LOCATION": REDIS_LOCATION}}
    try:
        caches["default"].delete(db_router.POSITION_KEY)
        db_router.record_position(9_999)
        db_router.record_position(10_000)
        db_router.record_position(2**40)
        db_router.record_position(99_999)
        assert caches["default"].get(db_router.POSITION_KEY) == 2**40
    finally:
        caches["default"].delete(db_router.POSITION_KEY)


REDIS_LOCATION = "redis://127.0.0.1:6379/4"


def test_a_page_is_never_stored_as_read_on_a_lagging_replica(settings, primary_at, replica_at):
    settings.PAGE_CACHE_SECONDS = 600
    article = make_article(title="Old title")
    replica_at.position = primary_at.position
    with Reads() as reads:
        assert "Old title" in Client().get(article.get_absolute_url()).content.decode()
    assert reads.on("replica1", '"blog_article"')

    primary_at.position += 100
    article.title = "New title"
    article.save()  # the replica has not replayed it yet
    with Reads() as reads:
        miss = Client().get(article.get_absolute_url())
    assert "New title" in miss.content.decode() and "X-Page-Cache" not in miss
    assert not reads.on("replica1")  # the page the cache now stores was read on the primary
    hit = Client().get(article.get_absolute_url())
    assert hit["X-Page-Cache"] == "hit" and "New title" in hit.content.decode()

    primary_at.position += 100
    replica_at.position = primary_at.position  # caught up: the replica serves misses again
    article.title = "Newer title"
    article.save()
    with Reads() as reads:
        assert "Newer title" in Client().get(article.get_absolute_url()).content.decode()
    assert reads.on("replica1", '"blog_article"')


def test_what_a_request_files_under_versions_is_read_where_the_writes_before_them_are(primary_at, replica_at):
    """A write landing while a page renders: a fragment it keeps (core.dependencies.kept) is not read stale."""
    primary_at.position = replica_at.position = 1000
    make_article()

    def view(request):
        Article.objects.count()  # on the replica, caught up at 1000
        db_router.record_position(2000)  # meanwhile another process's write commits and bumps its keys
        dependencies.kept("fragment", ["list:blog.article"], lambda: Article.objects.exists())
        return HttpResponse()

    with Reads() as reads:
        served(view)
    assert len(reads.on("replica1", '"blog_article"')) == 1
    assert reads.on("default", EXISTS)  # the kept fragment: the replica is behind the write before it


def test_migrations_and_relations():
    router = db_router.ReplicaRouter()
    assert router.allow_migrate("default", "blog") and not router.allow_migrate("replica1", "blog")
    article = make_article()
    on_replica = Article.objects.using("replica1").get(pk=article.pk)
    assert router.allow_relation(article, on_replica)


@pytest.mark.skipif("connections['default'].vendor != 'postgresql'", reason="WAL positions are PostgreSQL's")
def test_wal_positions_on_postgresql():
    make_article()
    primary = db_router.primary_position()
    assert isinstance(primary, int) and primary > 0
    # The test mirror is the primary itself: not in recovery, it reports its own current position.
    assert db_router.replica_position("replica1") >= primary
    make_article()
    assert db_router.recorded_position() >= primary


class _Recording:
    """A cache that notes its writes in `order`, then does them."""

    def __init__(self, cache, order):
        self.cache, self.order = cache, order

    def set(self, *args, **kwargs):
        self.order.append(("set", args[0]))
        return self.cache.set(*args, **kwargs)

    def set_many(self, *args, **kwargs):
        self.order.append(("set_many", args[0]))
        return self.cache.set_many(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.cache, name)


@pytest.mark.django_db(transaction=False)
def test_replica_urls_become_databases_with_the_primarys_connection_options():
    code = (
        "import json; from django.conf import settings as s; print(json.dumps({alias: [db['HOST'], db['NAME'], "
        "db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS']] for alias, db in s.DATABASES.items()}))"
    )
    environment = {k: v for k, v in os.environ.items() if k not in PRODUCTION_VARIABLES}
    environment |= {
        "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1", "CONN_MAX_AGE": "30",
        "DATABASE_URL": "postgres://magazine@primary.internal:5432/magazine",
        "DATABASE_REPLICA_URLS": "postgres://magazine@r1.internal:5432/magazine,postgres://magazine@r2.internal/magazine",
    }  # fmt: skip
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "default": ["primary.internal", "magazine", 30, True],
        "replica1": ["r1.internal", "magazine", 30, True],
        "replica2": ["r2.internal", "magazine", 30, True],
    }


@pytest.mark.django_db(transaction=False)
def test_replicas_of_sqlite_stop_start_up():
    result = run_check(
        DEBUG="1", DATABASE_URL="sqlite:///tmp/magazine.sqlite3", DATABASE_REPLICA_URLS="sqlite:///tmp/copy.sqlite3"
    )
    assert result.returncode != 0 and "DATABASE_REPLICA_URLS needs PostgreSQL" in result.stderr
