"""Sessions are kept apart from the cache: a cache flush or eviction logs nobody out."""

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("engine", ["cached_db", "db"])  # production's (with REDIS_URL) and development's
def test_an_editor_stays_logged_in_when_the_cache_is_flushed(client, editor, settings, engine):
    settings.SESSION_ENGINE = f"django.contrib.sessions.backends.{engine}"
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200

    cache.clear()

    assert client.get("/admin/").status_code == 200
