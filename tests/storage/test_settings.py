"""The bucket is configured from the environment under django-storages' names; MEDIA_URL and the CSP follow."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.storage import storages
from django.test import override_settings

from config.media import S3_STORAGE, bucket_settings

ROOT = Path(__file__).resolve().parents[2]
BUCKET_VARIABLES = ("AWS_STORAGE_BUCKET_NAME", "AWS_S3_ENDPOINT_URL", "AWS_S3_CUSTOM_DOMAIN", "AWS_S3_REGION_NAME")


def site_settings(**env):
    """MEDIA_URL, the media storage and the CSP's img-src a fresh process computes with `env` (DEBUG on)."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AWS_"))}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings", DEBUG="1", **env)
    code = (
        "import json; from django.conf import settings as s; print(json.dumps({'media_url': s.MEDIA_URL, "
        "'storage': s.STORAGES['default']['BACKEND'], 'static': s.STORAGES['staticfiles']['BACKEND'], "
        "'img_src': [str(v) for v in s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']]}))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_a_bucket_media_go_to_media_root():
    chosen = site_settings()
    assert chosen["storage"] == "django.core.files.storage.FileSystemStorage"
    assert chosen["media_url"] == "/media/"
    assert chosen["img_src"] == ["'self'", "data:"]


def test_a_bucket_named_in_the_environment_takes_the_media_and_the_csp_allows_it():
    chosen = site_settings(
        AWS_STORAGE_BUCKET_NAME="magazine-media", AWS_S3_ENDPOINT_URL="https://s3.example.net",
        AWS_ACCESS_KEY_ID="key", AWS_SECRET_ACCESS_KEY="secret",
    )  # fmt: skip
    assert chosen["storage"] == S3_STORAGE
    assert chosen["static"] == "django.contrib.staticfiles.storage.StaticFilesStorage"  # static stays on WhiteNoise
    assert chosen["media_url"] == "https://s3.example.net/magazine-media/"
    assert chosen["img_src"] == ["'self'", "data:", "https://s3.example.net"]


def test_the_custom_domain_is_the_origin_allowed_and_other_image_sources_still_add():
    chosen = site_settings(
        AWS_STORAGE_BUCKET_NAME="magazine-media", AWS_S3_CUSTOM_DOMAIN="media.example.org",
        CSP_IMG_SRC="https://stats.example.org",
    )  # fmt: skip
    assert chosen["media_url"] == "https://media.example.org/"
    assert chosen["img_src"] == ["'self'", "data:", "https://media.example.org", "https://stats.example.org"]


def test_production_over_https_refuses_media_linked_over_plain_http():
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AWS_", "DEBUG"))}
    environment.update(
        DEBUG="0", SECRET_KEY="c" * 40, REDIS_URL="redis://127.0.0.1:6379/3", SITE_URL="https://magazine.example.org",
        AWS_STORAGE_BUCKET_NAME="magazine-media", AWS_S3_ENDPOINT_URL="http://minio.internal:9000",
    )  # fmt: skip
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "served over HTTPS but its media would be linked at http://minio.internal:9000/" in result.stderr


@pytest.mark.parametrize(
    "where",
    [{}, {"endpoint_url": "http://127.0.0.1:9000"}, {"endpoint_url": "https://s3.example.net/", "region_name": "x"},
     {"custom_domain": "media.example.org"}, {"endpoint_url": "http://127.0.0.1:9000", "custom_domain": "cdn.test"}],
)  # fmt: skip
def test_media_url_is_where_django_storages_links_the_files(where):
    """core.figures and the CSP trust MEDIA_URL: it must be the prefix of every address the storage makes."""
    chosen = bucket_settings("magazine-media", access_key_id="key", secret_access_key="secret", **where)
    with override_settings(**chosen, STORAGES={"default": {"BACKEND": S3_STORAGE}}):
        url = storages["default"].url("lead/2026/11/a ward.png")  # computed: no call to any server
        assert url == chosen["MEDIA_URL"] + "lead/2026/11/a%20ward.png"


def test_a_site_process_given_the_bucket_environment_stores_there(moto):
    """What a gunicorn process gets from tests/s3server.py: the environment alone puts its media in the bucket."""
    moto.empty()
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AWS_"))}
    environment.update(DEBUG="1", **moto.env())
    code = (
        "from django.core.files.base import ContentFile; from django.core.files.storage import default_storage as s; "
        "name = s.save('probe/hello.txt', ContentFile(b'hello')); print(s.url(name))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{moto.endpoint_url}/{moto.name}/probe/hello.txt"
    assert moto.read("probe/hello.txt") == b"hello"
