"""The replica router against a real streaming replica of the primary PostgreSQL (README, "Read replicas").

Set REPLICA_TEST_URL to the replica's server, without a database name (`deploy/replica.sh start` makes one on
127.0.0.1:5433), and DATABASE_URL to its primary. The test makes a database of its own on the primary, which
the replica copies under the same name, and runs the site against both in production settings.
"""

import json
import os
import uuid
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from tests.served import ServedSite

REPLICA_SERVER = os.environ.get("REPLICA_TEST_URL", "").rstrip("/")
PRIMARY_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = "redis://127.0.0.1:6379/4"  # only read and written, never flushed

pytestmark = [
    pytest.mark.skipif(
        not REPLICA_SERVER, reason="REPLICA_TEST_URL is not set: no streaming replica to test (deploy/replica.sh)"
    ),
    pytest.mark.skipif(
        not PRIMARY_URL.startswith("postgres"), reason="DATABASE_URL is not PostgreSQL: replicas are PostgreSQL's"
    ),
]

# Run in the site's environment: the primary and its replica, as DATABASE_URL and DATABASE_REPLICA_URLS.
CHECKS = """
import json
import time
from django.db import connections
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from blog.models import Article
from core import db_router

result = {}
article = Article.objects.create(title="Seen on the replica", slug="seen-on-the-replica", status="published",
                                  excerpt="", body="<p>Body</p>")
recorded = db_router.recorded_position()
result["recorded"] = recorded
# The write reaches the replica once it has replayed the primary's WAL that far.
deadline = time.monotonic() + 60
while (db_router.replica_position("replica1") or 0) < recorded and time.monotonic() < deadline:
    time.sleep(0.05)
result["replayed"] = (db_router.replica_position("replica1") or 0) >= recorded
result["visible"] = Article.objects.using("replica1").filter(pk=article.pk).exists()
with connections["replica1"].cursor() as cursor:
    cursor.execute("SELECT pg_is_in_recovery()")
    result["standby"] = cursor.fetchone()[0]


def where_reads_go(method="get", cookies=None, write=False):
    def view(request):
        Article.objects.filter(pk=article.pk).exists()
        if write:
            Article.objects.filter(pk=article.pk).update(excerpt="Written")
        return HttpResponse()

    request = getattr(RequestFactory(), method)("/")
    request.COOKIES.update(cookies or {})
    with CaptureQueriesContext(connections["replica1"]) as replica:
        response = db_router.ReplicaRoutingMiddleware(view)(request)
    read_there = [query for query in replica.captured_queries if "blog_article" in query["sql"]]
    return ("replica" if read_there else "primary"), response


result["anonymous"] = where_reads_go()[0]
posted, response = where_reads_go("post", write=True)
result["post"] = posted
pin = response.cookies[db_router.PIN_COOKIE]
result["pinned"] = where_reads_go(cookies={pin.key: pin.value})[0]
db_router.record_position(recorded + 10**12)  # a write the replica cannot have replayed
result["lagging"] = where_reads_go()[0]
print(json.dumps(result))
"""


@pytest.fixture
def database():
    """A database of this test's own on the primary (the replica copies it under the same name)."""
    name = f"replica_real_{uuid.uuid4().hex[:8]}"
    admin = urlunsplit(urlsplit(PRIMARY_URL)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    yield name
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_a_real_replica_serves_anonymous_reads_once_it_has_replayed_the_writes(tmp_path, database):
    primary = urlunsplit(urlsplit(PRIMARY_URL)._replace(path=f"/{database}"))
    site = ServedSite(tmp_path, primary, DATABASE_REPLICA_URLS=f"{REPLICA_SERVER}/{database}", REDIS_URL=REDIS_URL)
    site.manage("migrate", "--noinput", "--verbosity", "0")
    result = json.loads(site.python(CHECKS).strip().splitlines()[-1])
    assert result["standby"] is True  # a real streaming replica, not the primary under another name
    assert result["replayed"] and result["visible"]
    assert result["anonymous"] == "replica"
    assert result["post"] == "primary" and result["pinned"] == "primary"
    assert result["lagging"] == "primary"
