"""Our Redis cache backend: Django's, reusing one redis-py client per connection pool (a real Redis)."""

import pytest
from django.core.cache.backends.redis import RedisCache as DjangosRedisCache

from core.cache_backends import RedisCache

LOCATION = "redis://127.0.0.1:6379/12"


@pytest.fixture
def redis_cache():
    cache = RedisCache(LOCATION, {})
    try:
        cache.clear()
    except Exception as error:
        pytest.skip(f"no Redis at {LOCATION}: {error}")
    yield cache
    cache.clear()


def test_it_stores_reads_and_counts_like_djangos(redis_cache):
    redis_cache.set("page", {"content": b"<p>hello</p>"}, 60)
    assert redis_cache.get("page") == {"content": b"<p>hello</p>"}
    assert redis_cache.get_many(["page", "absent"]) == {"page": {"content": b"<p>hello</p>"}}
    assert redis_cache.add("counter", 1, None) and redis_cache.incr("counter") == 2
    assert isinstance(redis_cache, DjangosRedisCache)


def test_every_call_uses_the_same_client_object(redis_cache):
    first = redis_cache._cache.get_client()
    redis_cache.get("anything")
    assert redis_cache._cache.get_client() is first
    assert redis_cache._cache.get_client(write=True) is first  # one server: one pool, one client
