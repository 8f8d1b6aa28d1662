import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


REAL_SECRET = "a" * 20 + "-real-secret-from-the-environment-0123"
# The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a production environment never has it.
PRODUCTION_VARIABLES = (
    "DEBUG", "SECRET_KEY", "REDIS_URL", "SITE_URL", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)  # fmt: skip


def run_check(*options, **env):
    environment = {k: v for k, v in os.environ.items() if k not in PRODUCTION_VARIABLES}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", *options],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


@pytest.mark.parametrize("secret", ["", "short", "django-insecure-0123456789abcdefghijklmnopqrstuvwxyz"])
def test_production_refuses_to_start_without_a_real_secret_key(secret):
    result = run_check(DEBUG="0", SECRET_KEY=secret)
    assert result.returncode != 0
    assert "SECRET_KEY is missing or not a real secret while DEBUG is off" in result.stderr


def test_production_starts_with_a_real_secret_key_and_a_shared_cache():
    result = run_check(DEBUG="0", SECRET_KEY=REAL_SECRET, REDIS_URL="redis://127.0.0.1:6379/3")
    assert result.returncode == 0, result.stderr


def test_makemigrations_check_needs_no_production_secret_or_cache_and_nothing_else_starts_without_them():
    environment = {k: v for k, v in os.environ.items() if k not in PRODUCTION_VARIABLES}
    bare = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert bare.returncode == 0, bare.stderr
    assert "No changes detected" in bare.stdout
    for command in (["check"], ["migrate", "--check"], ["showmigrations"]):
        refused = subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=environment, capture_output=True, text=True,
            timeout=60,
        )  # fmt: skip
        assert refused.returncode != 0 and "SECRET_KEY is missing" in refused.stderr, command


def test_production_refuses_to_start_without_a_shared_cache():
    result = run_check(DEBUG="0", SECRET_KEY=REAL_SECRET)
    assert result.returncode != 0
    assert "REDIS_URL is not set while DEBUG is off" in result.stderr


def test_check_deploy_finds_nothing_for_a_real_production_configuration():
    result = run_check(
        "--deploy", "--fail-level", "WARNING",
        DEBUG="0", SECRET_KEY=REAL_SECRET, REDIS_URL="redis://127.0.0.1:6379/3", SITE_URL="https://magazine.example.org",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    # The one check silenced is django-ratelimit's "not officially supported" about Django's own RedisCache.
    assert "System check identified no issues (1 silenced)." in result.stdout
    silenced = production_settings(
        DEBUG="0", SECRET_KEY=REAL_SECRET, REDIS_URL="redis://127.0.0.1:6379/3", SITE_URL="https://magazine.example.org"
    )["silenced"]
    assert silenced == ["django_ratelimit.W001"]


def test_an_https_site_redirects_to_https_sets_secure_cookies_and_hsts_for_a_year():
    chosen = production_settings(
        DEBUG="0", SECRET_KEY=REAL_SECRET, REDIS_URL="redis://127.0.0.1:6379/3", SITE_URL="https://magazine.example.org"
    )
    assert chosen["https"] == {
        "redirect": True, "session_cookie_secure": True, "csrf_cookie_secure": True,
        "hsts_seconds": 31536000, "hsts_subdomains": True, "hsts_preload": True,
    }  # fmt: skip


def test_the_environment_can_hold_back_hsts_while_https_is_being_set_up():
    chosen = production_settings(
        DEBUG="0", SECRET_KEY=REAL_SECRET, REDIS_URL="redis://127.0.0.1:6379/3", SITE_URL="https://magazine.example.org",
        SECURE_HSTS_SECONDS="0", SECURE_HSTS_PRELOAD="0", SECURE_SSL_REDIRECT="0",
    )  # fmt: skip
    assert chosen["https"]["hsts_seconds"] == 0 and not chosen["https"]["hsts_preload"]
    assert not chosen["https"]["redirect"]


def test_a_plain_http_development_site_does_not_redirect_or_send_hsts():
    chosen = production_settings(DEBUG="1")
    assert not chosen["https"]["redirect"] and chosen["https"]["hsts_seconds"] == 0


def test_development_starts_without_a_secret_key():
    assert run_check(DEBUG="1").returncode == 0


def production_settings(**env):
    """The settings Django computes in a fresh process with `env`, as JSON."""
    environment = {k: v for k, v in os.environ.items() if k not in (*PRODUCTION_VARIABLES, "CONN_MAX_AGE")}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings", **env)
    code = (
        "import json; from django.conf import settings as s; print(json.dumps({"
        "'cache': s.CACHES['default']['BACKEND'], 'cache_location': s.CACHES['default'].get('LOCATION'), "
        "'sessions': s.SESSION_ENGINE, 'static': s.STORAGES['staticfiles']['BACKEND'], "
        "'conn_max_age': s.DATABASES['default']['CONN_MAX_AGE'], "
        "'conn_health_checks': s.DATABASES['default']['CONN_HEALTH_CHECKS'], "
        "'https': {'redirect': s.SECURE_SSL_REDIRECT, 'session_cookie_secure': s.SESSION_COOKIE_SECURE, "
        "'csrf_cookie_secure': s.CSRF_COOKIE_SECURE, 'hsts_seconds': s.SECURE_HSTS_SECONDS, "
        "'hsts_subdomains': s.SECURE_HSTS_INCLUDE_SUBDOMAINS, 'hsts_preload': s.SECURE_HSTS_PRELOAD}, "
        "'silenced': s.SILENCED_SYSTEM_CHECKS}))"
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
    del chosen["https"], chosen["silenced"]
    assert chosen == {
        "cache": "core.cache_backends.RedisCache",
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


def test_a_mistyped_trusted_proxy_stops_start_up_with_its_name():
    result = run_check(DEBUG="1", TRUSTED_PROXIES="10.0.0.0/8,nginx.internal")
    assert result.returncode != 0
    assert "TRUSTED_PROXIES" in result.stderr and "nginx.internal" in result.stderr
