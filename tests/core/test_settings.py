import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_check(**env):
    environment = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("secret", ["", "short", "django-insecure-0123456789abcdefghijklmnopqrstuvwxyz"])
def test_production_refuses_to_start_without_a_real_secret_key(secret):
    result = run_check(DEBUG="0", SECRET_KEY=secret)
    assert result.returncode != 0
    assert "SECRET_KEY is missing or not a real secret while DEBUG is off" in result.stderr


def test_production_starts_with_a_real_secret_key():
    result = run_check(DEBUG="0", SECRET_KEY="a" * 20 + "-real-secret-from-the-environment-0123")
    assert result.returncode == 0, result.stderr


def test_development_starts_without_a_secret_key():
    assert run_check(DEBUG="1").returncode == 0


def production_settings(**env):
    """The settings Django computes in a fresh process with `env`, as JSON."""
    environment = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "REDIS_URL", "CONN_MAX_AGE")}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings", **env)
    code = (
        "import json; from django.conf import settings as s; print(json.dumps({"
        "'cache': s.CACHES['default']['BACKEND'], 'cache_location': s.CACHES['default'].get('LOCATION'), "
        "'sessions': s.SESSION_ENGINE, 'static': s.STORAGES['staticfiles']['BACKEND'], "
        "'conn_max_age': s.DATABASES['default']['CONN_MAX_AGE'], "
        "'conn_health_checks': s.DATABASES['default']['CONN_HEALTH_CHECKS']}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_mode_uses_redis_for_cache_and_sessions_and_hashed_static_files():
    chosen = production_settings(
        DEBUG="0", SECRET_KEY="b" * 20 + "-real-secret-from-the-environment-0123", REDIS_URL="redis://127.0.0.1:6379/3"
    )
    assert chosen == {
        "cache": "django.core.cache.backends.redis.RedisCache",
        "cache_location": "redis://127.0.0.1:6379/3",
        "sessions": "django.contrib.sessions.backends.cached_db",
        "static": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "conn_max_age": 60,
        "conn_health_checks": True,
    }


def test_conn_max_age_comes_from_the_environment():
    assert production_settings(DEBUG="1", CONN_MAX_AGE="300")["conn_max_age"] == 300


def test_development_keeps_the_embedded_defaults():
    chosen = production_settings(DEBUG="1")
    assert chosen["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert chosen["sessions"] == "django.contrib.sessions.backends.db"
    assert chosen["static"] == "django.contrib.staticfiles.storage.StaticFilesStorage"
    assert chosen["conn_max_age"] == 0
